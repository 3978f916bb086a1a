#![cfg(not(target_arch = "wasm32"))]
//! The rule catalogue, table-driven: for every rule id one plan where it fires and the nearest
//! valid plan where it does not.
//!
//! Each case is a small mutation of one clean base plan and the *complete* list of findings the
//! mutated plan must give (rule, severity, field, overlapping addresses), in the manner of
//! rust-analyzer's `check(input, expect)`: a rule that starts firing somewhere it should not, or a
//! field path that changes, fails a case as surely as a rule that stops firing.

use aksarc_netplan::check::{evaluate, Finding};
use aksarc_netplan::model::{Cluster, NodePool, Plan, Reserved, Segment};
use aksarc_netplan::rules::{Severity, RULES};

/// The SPEC's sample plan, kept here literally so edits to `examples/` cannot move these tests.
/// It is clean: one /24 segment, DHCP .100-.199, cluster "prod" (6 workers, CP .20, LB .30-.39
/// for 3 services), reserved .10 and .11-.14, resource bridge .5 and .6-.7.
const BASE: &str = r#"{
  "schema": 1,
  "name": "Contoso lab",
  "proxy": false,
  "segments": [
    { "name": "aks-seg", "subnet": "10.20.0.0/24", "gateway": "10.20.0.1",
      "dns": ["10.20.0.2", "10.20.0.3"], "dhcp": ["10.20.0.100-10.20.0.199"], "dhcp_in_use": 0 }
  ],
  "reserved": [
    { "name": "vCenter", "addresses": "10.20.0.10" },
    { "name": "ESXi hosts", "addresses": "10.20.0.11-10.20.0.14" }
  ],
  "clusters": [
    { "name": "prod", "segment": "aks-seg", "control_plane_ip": "10.20.0.20", "control_plane_nodes": 1,
      "node_pools": [ { "name": "pool1", "nodes": 3 }, { "name": "pool2", "nodes": 3 } ],
      "services": 3, "lb_pools": ["10.20.0.30-10.20.0.39"] }
  ],
  "resource_bridge": { "control_plane_ip": "10.20.0.5", "appliance_vm_ips": "10.20.0.6-10.20.0.7" },
  "region": "eastus",
  "firewall_confirmed": ["management.azure.com"]
}"#;

fn base() -> Plan {
    Plan::from_json(BASE).expect("the base plan loads")
}

/// One expected finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Want {
    rule: String,
    severity: &'static str,
    field: String,
    addresses: Vec<String>,
}

fn err(rule: &str, field: &str, addresses: &[&str]) -> Want {
    Want { rule: rule.into(), severity: "error", field: field.into(), addresses: addresses.iter().map(|a| a.to_string()).collect() }
}

fn warn(rule: &str, field: &str, addresses: &[&str]) -> Want {
    Want { severity: "warning", ..err(rule, field, addresses) }
}

fn got(f: &Finding) -> Want {
    Want {
        rule: f.rule.to_string(),
        severity: match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        field: f.field.clone(),
        addresses: f.addresses.clone(),
    }
}

/// Rules that come from two claims sharing addresses; their messages must name the addresses.
const OVERLAP_RULES: &[&str] = &[
    "segment-overlap",
    "cp-in-dhcp",
    "cp-duplicate",
    "lb-in-dhcp",
    "lb-overlap",
    "address-conflict",
    "bridge-in-dhcp",
    "internal-cidr-overlap",
    "dhcp-contains-reserved",
];

/// The `check(input, expect)` of this file: evaluates `plan` and compares every finding with
/// `want` (order-insensitive). Returns the mismatch as text so a table run can report them all.
fn check(plan: &Plan, want: &[Want]) -> Result<(), String> {
    let report = evaluate(plan);
    let mut have: Vec<Want> = report.findings.iter().map(got).collect();
    let mut want = want.to_vec();
    have.sort();
    want.sort();
    if have != want {
        return Err(format!("expected {want:#?}\n  got {have:#?}\n  messages: {:#?}", report.findings.iter().map(|f| &f.message).collect::<Vec<_>>()));
    }
    for f in &report.findings {
        if f.message.is_empty() || !f.message.ends_with('.') || f.message.contains('\n') {
            return Err(format!("finding {} has a malformed message: {:?}", f.rule, f.message));
        }
        if OVERLAP_RULES.contains(&f.rule.as_str()) {
            for a in &f.addresses {
                if !f.message.contains(a.as_str()) {
                    return Err(format!("{} message does not name {a}: {}", f.rule, f.message));
                }
            }
            if f.addresses.is_empty() {
                return Err(format!("{} finding without addresses", f.rule));
            }
        }
    }
    Ok(())
}

// ---- mutation helpers ----------------------------------------------------------------------

fn s(text: &str) -> String {
    text.to_string()
}

fn cluster(name: &str, segment: &str, cp: &str, nodes: u32, services: u32, lb: &[&str]) -> Cluster {
    Cluster {
        name: s(name),
        segment: s(segment),
        control_plane_ip: Some(s(cp)),
        control_plane_nodes: 1,
        node_pools: vec![NodePool { name: s("pool1"), nodes }],
        services,
        lb_pools: lb.iter().map(|t| s(t)).collect(),
        host_ip: None,
        existing: false,
        lb_pools_existing: Vec::new(),
    }
}

fn segment(name: &str, subnet: &str, dhcp: &[&str]) -> Segment {
    Segment { name: s(name), subnet: s(subnet), dhcp: dhcp.iter().map(|t| s(t)).collect(), ..Segment::default() }
}

fn reserve(p: &mut Plan, addresses: &str) {
    p.reserved.push(Reserved { name: s("extra"), addresses: s(addresses) });
}

/// Adds a clean IPv6 segment (segments[1]) and a cluster on it (clusters[1]): CP fd00:20::20,
/// DHCP fd00:20::100-1ff, LB fd00:20::30-3f for 2 services.
fn v6(p: &mut Plan) {
    p.segments.push(Segment {
        name: s("v6-seg"),
        subnet: s("fd00:20::/64"),
        gateway: Some(s("fd00:20::1")),
        dns: vec![s("fd00:20::2")],
        dhcp: vec![s("fd00:20::100-fd00:20::1ff")],
        ..Segment::default()
    });
    p.clusters.push(cluster("v6", "v6-seg", "fd00:20::20", 2, 2, &["fd00:20::30-fd00:20::3f"]));
}

fn cp(p: &mut Plan, c: usize, text: &str) {
    p.clusters[c].control_plane_ip = Some(s(text));
}

fn lb(p: &mut Plan, c: usize, pools: &[&str]) {
    p.clusters[c].lb_pools = pools.iter().map(|t| s(t)).collect();
}

fn dhcp(p: &mut Plan, seg: usize, scopes: &[&str]) {
    p.segments[seg].dhcp = scopes.iter().map(|t| s(t)).collect();
}

fn many_clusters(p: &mut Plan, extra: usize) {
    for i in 0..extra {
        p.clusters.push(cluster(&format!("c{i}"), "aks-seg", &format!("10.20.0.{}", 40 + i), 1, 0, &[]));
    }
}

// ---- the table -----------------------------------------------------------------------------

struct Case {
    rule: &'static str,
    fires: bool,
    what: &'static str,
    mutate: Box<dyn Fn(&mut Plan)>,
    want: Vec<Want>,
}

fn fires(rule: &'static str, what: &'static str, mutate: impl Fn(&mut Plan) + 'static, want: Vec<Want>) -> Case {
    Case { rule, fires: true, what, mutate: Box::new(mutate), want }
}

fn quiet(rule: &'static str, what: &'static str, mutate: impl Fn(&mut Plan) + 'static, want: Vec<Want>) -> Case {
    Case { rule, fires: false, what, mutate: Box::new(mutate), want }
}

const CP0: &str = "clusters[0].control_plane_ip";
const CP1: &str = "clusters[1].control_plane_ip";
const LB00: &str = "clusters[0].lb_pools[0]";
const BR_CP: &str = "resource_bridge.control_plane_ip";
const BR_VM: &str = "resource_bridge.appliance_vm_ips";

fn cases() -> Vec<Case> {
    vec![
        // invalid-address
        fires("invalid-address", "text that is not an address", |p| cp(p, 0, "10.20.0.300"),
            vec![err("invalid-address", CP0, &[])]),
        fires("invalid-address", "hostname instead of an address", |p| p.segments[0].dns[1] = s("dns.contoso.com"),
            vec![err("invalid-address", "segments[0].dns[1]", &[])]),
        fires("invalid-address", "IPv6 control plane IP on an IPv4 segment", |p| cp(p, 0, "fd00::20"),
            vec![err("invalid-address", CP0, &[])]),
        fires("invalid-address", "IPv4 DHCP scope on an IPv6 segment", |p| { v6(p); dhcp(p, 1, &["10.20.0.100-10.20.0.199"]) },
            vec![err("invalid-address", "segments[1].dhcp[0]", &[]), err("dhcp-exhausted", "segments[1].dhcp", &[])]),
        fires("invalid-address", "IPv4 LB pool on an IPv6 segment", |p| { v6(p); lb(p, 1, &["10.20.0.40-10.20.0.49"]) },
            vec![err("invalid-address", "clusters[1].lb_pools[0]", &[]), err("lb-short", "clusters[1].lb_pools", &[])]),
        fires("invalid-address", "reversed range", |p| lb(p, 0, &["10.20.0.39-10.20.0.30"]),
            vec![err("invalid-address", LB00, &[]), err("lb-short", "clusters[0].lb_pools", &[])]),
        fires("invalid-address", "reversed IPv6 range", |p| { v6(p); lb(p, 1, &["fd00:20::3f-fd00:20::30"]) },
            vec![err("invalid-address", "clusters[1].lb_pools[0]", &[]), err("lb-short", "clusters[1].lb_pools", &[])]),
        fires("invalid-address", "host bits set in the subnet", |p| p.segments[0].subnet = s("10.20.0.1/24"),
            vec![err("invalid-address", "segments[0].subnet", &[])]),
        fires("invalid-address", "host bits set in an IPv6 LB CIDR", |p| { v6(p); lb(p, 1, &["fd00:20::31/124"]) },
            vec![err("invalid-address", "clusters[1].lb_pools[0]", &[]), err("lb-short", "clusters[1].lb_pools", &[])]),
        fires("invalid-address", "prefix longer than the family", |p| p.segments[0].subnet = s("10.20.0.0/33"),
            vec![err("invalid-address", "segments[0].subnet", &[])]),
        fires("invalid-address", "subnet that is a single address", |p| p.segments[0].subnet = s("10.20.0.0"),
            vec![err("invalid-address", "segments[0].subnet", &[])]),
        fires("invalid-address", "mixed families in a range", |p| p.reserved[0].addresses = s("10.20.0.10-fd00::1"),
            vec![err("invalid-address", "reserved[0].addresses", &[])]),
        fires("invalid-address", "blank DHCP list entry", |p| p.segments[0].dhcp.push(s("")),
            vec![err("invalid-address", "segments[0].dhcp[1]", &[])]),
        fires("invalid-address", "blank DNS list entry", |p| p.segments[0].dns[0] = s("  "),
            vec![err("invalid-address", "segments[0].dns[0]", &[])]),
        fires("invalid-address", "blank LB pool entry", |p| p.clusters[0].lb_pools.push(s("")),
            vec![err("invalid-address", "clusters[0].lb_pools[1]", &[])]),
        fires("invalid-address", "gateway given as a range", |p| p.segments[0].gateway = Some(s("10.20.0.1-10.20.0.2")),
            vec![err("invalid-address", "segments[0].gateway", &[])]),
        fires("invalid-address", "bridge control plane IP given as a CIDR", |p| p.resource_bridge.as_mut().unwrap().control_plane_ip = s("10.20.0.5/32"),
            vec![err("invalid-address", BR_CP, &[])]),
        fires("invalid-address", "appliance VM IPs that are not an address", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s("two please"),
            vec![err("invalid-address", BR_VM, &[])]),
        quiet("invalid-address", "a valid IPv6 segment and cluster", v6, vec![]),
        quiet("invalid-address", "spaces around '-' and an aligned CIDR", |p| lb(p, 0, &["10.20.0.30 - 10.20.0.33", "10.20.0.40/30"]), vec![]),
        quiet("invalid-address", "surrounding whitespace", |p| cp(p, 0, " 10.20.0.20 "), vec![]),

        // unknown-segment
        fires("unknown-segment", "a misspelt segment", |p| p.clusters[0].segment = s("aks-sg"),
            vec![err("unknown-segment", "clusters[0].segment", &[])]),
        fires("unknown-segment", "no segment named", |p| p.clusters[0].segment = s(""),
            vec![err("unknown-segment", "clusters[0].segment", &[])]),
        quiet("unknown-segment", "the segment's exact name", |p| p.clusters[0].segment = s("aks-seg"), vec![]),

        // duplicate-name
        fires("duplicate-name", "two node pools of one cluster", |p| p.clusters[0].node_pools[1].name = s("pool1"),
            vec![err("duplicate-name", "clusters[0].node_pools[1].name", &[])]),
        fires("duplicate-name", "two clusters", |p| p.clusters.push(cluster("prod", "aks-seg", "10.20.0.21", 3, 0, &[])),
            vec![err("duplicate-name", "clusters[1].name", &[])]),
        fires("duplicate-name", "two segments", |p| p.segments.push(segment("aks-seg", "10.30.0.0/24", &["10.30.0.100-10.30.0.199"])),
            vec![err("duplicate-name", "segments[1].name", &[])]),
        fires("duplicate-name", "an empty segment name", |p| p.segments[0].name = s(""),
            vec![err("duplicate-name", "segments[0].name", &[]), err("unknown-segment", "clusters[0].segment", &[])]),
        fires("duplicate-name", "an empty node pool name", |p| p.clusters[0].node_pools[0].name = s(" "),
            vec![err("duplicate-name", "clusters[0].node_pools[0].name", &[])]),
        quiet("duplicate-name", "the same pool name in two clusters", |p| p.clusters.push(cluster("dev", "aks-seg", "10.20.0.21", 3, 0, &[])), vec![]),

        // invalid-count
        fires("invalid-count", "2 control plane nodes", |p| p.clusters[0].control_plane_nodes = 2,
            vec![err("invalid-count", "clusters[0].control_plane_nodes", &[])]),
        fires("invalid-count", "0 control plane nodes", |p| p.clusters[0].control_plane_nodes = 0,
            vec![err("invalid-count", "clusters[0].control_plane_nodes", &[])]),
        fires("invalid-count", "a node pool with 0 nodes", |p| p.clusters[0].node_pools[1].nodes = 0,
            vec![err("invalid-count", "clusters[0].node_pools[1].nodes", &[])]),
        fires("invalid-count", "a cluster without node pools", |p| p.clusters[0].node_pools.clear(),
            vec![err("invalid-count", "clusters[0].node_pools", &[])]),
        quiet("invalid-count", "3 control plane nodes", |p| p.clusters[0].control_plane_nodes = 3, vec![]),
        quiet("invalid-count", "5 control plane nodes", |p| p.clusters[0].control_plane_nodes = 5, vec![]),
        quiet("invalid-count", "a node pool of 1", |p| p.clusters[0].node_pools[1].nodes = 1, vec![]),

        // proxy-unsupported
        fires("proxy-unsupported", "proxy on", |p| p.proxy = true, vec![err("proxy-unsupported", "proxy", &[])]),
        quiet("proxy-unsupported", "proxy off", |p| p.proxy = false, vec![]),

        // dhcp-missing (and never dhcp-exhausted with it)
        fires("dhcp-missing", "no DHCP scope, 6 workers needing leases", |p| dhcp(p, 0, &[]),
            vec![err("dhcp-missing", "segments[0].dhcp", &[])]),
        fires("dhcp-missing", "no DHCP scope on a second segment", |p| p.segments.push(segment("seg2", "10.30.0.0/24", &[])),
            vec![err("dhcp-missing", "segments[1].dhcp", &[])]),
        quiet("dhcp-missing", "a scope of exactly the recommended 8", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.107"]), vec![]),

        // dhcp-outside-subnet
        fires("dhcp-outside-subnet", "a scope running past the subnet", |p| dhcp(p, 0, &["10.20.0.200-10.20.1.10"]),
            vec![err("dhcp-outside-subnet", "segments[0].dhcp[0]", &["10.20.1.0-10.20.1.10"])]),
        fires("dhcp-outside-subnet", "a second scope wholly outside", |p| p.segments[0].dhcp.push(s("10.20.1.100-10.20.1.199")),
            vec![err("dhcp-outside-subnet", "segments[0].dhcp[1]", &["10.20.1.100-10.20.1.199"])]),
        fires("dhcp-outside-subnet", "an IPv6 scope outside its /64", |p| { v6(p); dhcp(p, 1, &["fd00:21::100-fd00:21::1ff"]) },
            vec![err("dhcp-outside-subnet", "segments[1].dhcp[0]", &["fd00:21::100-fd00:21::1ff"])]),
        quiet("dhcp-outside-subnet", "a scope ending at .254", |p| dhcp(p, 0, &["10.20.0.150-10.20.0.254"]), vec![]),

        // dhcp-exhausted
        fires("dhcp-exhausted", "5 addresses for 6 workers", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.104"]),
            vec![err("dhcp-exhausted", "segments[0].dhcp", &[])]),
        fires("dhcp-exhausted", "95 of 100 in use", |p| p.segments[0].dhcp_in_use = 95,
            vec![err("dhcp-exhausted", "segments[0].dhcp", &[])]),
        fires("dhcp-exhausted", "more in use than the scope holds", |p| p.segments[0].dhcp_in_use = u32::MAX,
            vec![err("dhcp-exhausted", "segments[0].dhcp", &[])]),
        fires("dhcp-exhausted", "overlapping scopes counted once (5, not 9)", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.104", "10.20.0.102-10.20.0.104", "10.20.0.100"]),
            vec![err("dhcp-exhausted", "segments[0].dhcp", &[])]),
        fires("dhcp-exhausted", "two clusters need 101 of 100", |p| p.clusters.push(cluster("big", "aks-seg", "10.20.0.21", 95, 0, &[])),
            vec![err("dhcp-exhausted", "segments[0].dhcp", &[])]),
        fires("dhcp-exhausted", "only unparsable scopes", |p| dhcp(p, 0, &["dhcp.contoso.com"]),
            vec![err("invalid-address", "segments[0].dhcp[0]", &[]), err("dhcp-exhausted", "segments[0].dhcp", &[])]),
        quiet("dhcp-exhausted", "exactly 6 for 6 workers (tight, not exhausted)", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.105"]),
            vec![warn("dhcp-tight", "segments[0].dhcp", &[])]),
        quiet("dhcp-exhausted", "touching scopes counted in full (8)", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.103", "10.20.0.104-10.20.0.107"]), vec![]),
        quiet("dhcp-exhausted", "92 of 100 in use leaves 8", |p| p.segments[0].dhcp_in_use = 92, vec![]),

        // segment-overlap
        fires("segment-overlap", "a /25 inside the /24", |p| p.segments.push(segment("seg2", "10.20.0.128/25", &["10.20.0.200-10.20.0.210"])),
            vec![err("segment-overlap", "segments[1].subnet", &["10.20.0.128-10.20.0.255"])]),
        fires("segment-overlap", "identical subnets", |p| p.segments.push(segment("seg2", "10.20.0.0/24", &["10.20.0.200-10.20.0.210"])),
            vec![err("segment-overlap", "segments[1].subnet", &["10.20.0.0-10.20.0.255"])]),
        fires("segment-overlap", "IPv6 /48 around a /64", |p| { v6(p); p.segments.push(segment("v6b", "fd00:20::/48", &["fd00:20:0:1::100-fd00:20:0:1::1ff"])) },
            vec![err("segment-overlap", "segments[2].subnet", &["fd00:20::-fd00:20::ffff:ffff:ffff:ffff"])]),
        quiet("segment-overlap", "the next /24, touching", |p| p.segments.push(segment("seg2", "10.20.1.0/24", &["10.20.1.100-10.20.1.199"])), vec![]),
        quiet("segment-overlap", "the next IPv6 /64", |p| { v6(p); p.segments.push(segment("v6b", "fd00:20:0:1::/64", &["fd00:20:0:1::100-fd00:20:0:1::1ff"])) }, vec![]),

        // cp-missing
        fires("cp-missing", "absent", |p| p.clusters[0].control_plane_ip = None, vec![err("cp-missing", CP0, &[])]),
        fires("cp-missing", "blank (not an invalid address)", |p| cp(p, 0, "   "), vec![err("cp-missing", CP0, &[])]),
        quiet("cp-missing", "present", |p| cp(p, 0, "10.20.0.20"), vec![]),

        // cp-in-dhcp
        fires("cp-in-dhcp", "in the middle of the scope", |p| cp(p, 0, "10.20.0.150"), vec![err("cp-in-dhcp", CP0, &["10.20.0.150"])]),
        fires("cp-in-dhcp", "the scope's first address", |p| cp(p, 0, "10.20.0.100"), vec![err("cp-in-dhcp", CP0, &["10.20.0.100"])]),
        fires("cp-in-dhcp", "the scope's last address", |p| cp(p, 0, "10.20.0.199"), vec![err("cp-in-dhcp", CP0, &["10.20.0.199"])]),
        fires("cp-in-dhcp", "IPv6", |p| { v6(p); cp(p, 1, "fd00:20::100") }, vec![err("cp-in-dhcp", CP1, &["fd00:20::100"])]),
        quiet("cp-in-dhcp", "just below the scope", |p| cp(p, 0, "10.20.0.99"), vec![]),
        quiet("cp-in-dhcp", "just above the scope", |p| cp(p, 0, "10.20.0.200"), vec![]),
        quiet("cp-in-dhcp", "IPv6 just above the scope", |p| { v6(p); cp(p, 1, "fd00:20::200") }, vec![]),

        // cp-duplicate
        fires("cp-duplicate", "two clusters, one address", |p| p.clusters.push(cluster("dev", "aks-seg", "10.20.0.20", 3, 0, &[])),
            vec![err("cp-duplicate", CP1, &["10.20.0.20"])]),
        fires("cp-duplicate", "IPv6", |p| { v6(p); p.clusters.push(cluster("v6b", "v6-seg", "fd00:20::20", 1, 0, &[])) },
            vec![err("cp-duplicate", "clusters[2].control_plane_ip", &["fd00:20::20"])]),
        quiet("cp-duplicate", "the next address", |p| p.clusters.push(cluster("dev", "aks-seg", "10.20.0.21", 3, 0, &[])), vec![]),

        // lb-in-dhcp
        fires("lb-in-dhcp", "pool running into the scope", |p| lb(p, 0, &["10.20.0.95-10.20.0.104"]),
            vec![err("lb-in-dhcp", LB00, &["10.20.0.100-10.20.0.104"])]),
        fires("lb-in-dhcp", "IPv6 pool running into the scope", |p| { v6(p); lb(p, 1, &["fd00:20::1f0-fd00:20::20f"]) },
            vec![err("lb-in-dhcp", "clusters[1].lb_pools[0]", &["fd00:20::1f0-fd00:20::1ff"])]),
        quiet("lb-in-dhcp", "pool ending just below the scope", |p| lb(p, 0, &["10.20.0.90-10.20.0.99"]), vec![]),

        // lb-overlap
        fires("lb-overlap", "two pools of one cluster", |p| p.clusters[0].lb_pools.push(s("10.20.0.35-10.20.0.44")),
            vec![err("lb-overlap", "clusters[0].lb_pools[1]", &["10.20.0.35-10.20.0.39"])]),
        fires("lb-overlap", "identical pools", |p| p.clusters[0].lb_pools.push(s("10.20.0.30-10.20.0.39")),
            vec![err("lb-overlap", "clusters[0].lb_pools[1]", &["10.20.0.30-10.20.0.39"])]),
        fires("lb-overlap", "pools of two clusters sharing one address", |p| p.clusters.push(cluster("dev", "aks-seg", "10.20.0.21", 3, 0, &["10.20.0.39-10.20.0.40"])),
            vec![err("lb-overlap", "clusters[1].lb_pools[0]", &["10.20.0.39"])]),
        fires("lb-overlap", "IPv6 pools sharing one address", |p| { v6(p); p.clusters[1].lb_pools.push(s("fd00:20::3f-fd00:20::40")) },
            vec![err("lb-overlap", "clusters[1].lb_pools[1]", &["fd00:20::3f"])]),
        quiet("lb-overlap", "touching pools", |p| p.clusters[0].lb_pools.push(s("10.20.0.40-10.20.0.49")), vec![]),
        quiet("lb-overlap", "touching IPv6 pools", |p| { v6(p); p.clusters[1].lb_pools.push(s("fd00:20::40-fd00:20::4f")) }, vec![]),

        // address-conflict
        fires("address-conflict", "CP inside its own LB pool", |p| cp(p, 0, "10.20.0.35"), vec![err("address-conflict", CP0, &["10.20.0.35"])]),
        fires("address-conflict", "CP inside another cluster's LB pool", |p| p.clusters.push(cluster("dev", "aks-seg", "10.20.0.21", 3, 0, &["10.20.0.20-10.20.0.20"])),
            vec![err("address-conflict", CP0, &["10.20.0.20"])]),
        fires("address-conflict", "CP on the bridge control plane IP", |p| cp(p, 0, "10.20.0.5"), vec![err("address-conflict", CP0, &["10.20.0.5"])]),
        fires("address-conflict", "CP on a bridge appliance VM IP", |p| cp(p, 0, "10.20.0.7"), vec![err("address-conflict", CP0, &["10.20.0.7"])]),
        fires("address-conflict", "CP on the gateway", |p| cp(p, 0, "10.20.0.1"), vec![err("address-conflict", CP0, &["10.20.0.1"])]),
        fires("address-conflict", "CP on a DNS server", |p| cp(p, 0, "10.20.0.3"), vec![err("address-conflict", CP0, &["10.20.0.3"])]),
        fires("address-conflict", "CP on a reserved entry", |p| cp(p, 0, "10.20.0.12"), vec![err("address-conflict", CP0, &["10.20.0.12"])]),
        fires("address-conflict", "LB pool over two reserved entries", |p| lb(p, 0, &["10.20.0.8-10.20.0.17"]),
            vec![err("address-conflict", LB00, &["10.20.0.10"]), err("address-conflict", LB00, &["10.20.0.11-10.20.0.14"])]),
        fires("address-conflict", "LB pool over the bridge", |p| lb(p, 0, &["10.20.0.4-10.20.0.6"]),
            vec![err("address-conflict", LB00, &["10.20.0.5"]), err("address-conflict", LB00, &["10.20.0.6"])]),
        fires("address-conflict", "IPv6 CP inside its LB pool", |p| { v6(p); cp(p, 1, "fd00:20::35") }, vec![err("address-conflict", CP1, &["fd00:20::35"])]),
        fires("address-conflict", "IPv6 CP on the gateway", |p| { v6(p); cp(p, 1, "fd00:20::1") }, vec![err("address-conflict", CP1, &["fd00:20::1"])]),
        quiet("address-conflict", "CP between reserved and LB", |p| cp(p, 0, "10.20.0.15"), vec![]),
        quiet("address-conflict", "LB pool between the ESXi hosts and the CP", |p| lb(p, 0, &["10.20.0.15-10.20.0.19"]), vec![]),

        // bridge-in-dhcp
        fires("bridge-in-dhcp", "bridge control plane IP in the scope", |p| p.resource_bridge.as_mut().unwrap().control_plane_ip = s("10.20.0.150"),
            vec![err("bridge-in-dhcp", BR_CP, &["10.20.0.150"])]),
        fires("bridge-in-dhcp", "appliance VM IPs straddling the scope's end", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s("10.20.0.199-10.20.0.200"),
            vec![err("bridge-in-dhcp", BR_VM, &["10.20.0.199"])]),
        fires("bridge-in-dhcp", "IPv6 bridge control plane IP in an IPv6 scope", |p| { v6(p); p.resource_bridge.as_mut().unwrap().control_plane_ip = s("fd00:20::150") },
            vec![err("bridge-in-dhcp", BR_CP, &["fd00:20::150"])]),
        quiet("bridge-in-dhcp", "appliance VM IPs just above the scope", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s("10.20.0.200-10.20.0.201"), vec![]),

        // bridge-invalid
        fires("bridge-invalid", "three appliance VM IPs", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s("10.20.0.6-10.20.0.8"),
            vec![err("bridge-invalid", BR_VM, &[])]),
        fires("bridge-invalid", "one appliance VM IP", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s("10.20.0.6"),
            vec![err("bridge-invalid", BR_VM, &[])]),
        fires("bridge-invalid", "no appliance VM IPs", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s(""),
            vec![err("bridge-invalid", BR_VM, &[])]),
        fires("bridge-invalid", "no bridge control plane IP", |p| p.resource_bridge.as_mut().unwrap().control_plane_ip = s(" "),
            vec![err("bridge-invalid", BR_CP, &[])]),
        fires("bridge-invalid", "control plane IP is an appliance VM IP", |p| p.resource_bridge.as_mut().unwrap().control_plane_ip = s("10.20.0.6"),
            vec![err("bridge-invalid", BR_CP, &["10.20.0.6"])]),
        quiet("bridge-invalid", "two appliance VM IPs as a /31", |p| p.resource_bridge.as_mut().unwrap().appliance_vm_ips = s("10.20.0.6/31"), vec![]),
        quiet("bridge-invalid", "no bridge at all", |p| p.resource_bridge = None, vec![]),

        // internal-cidr-overlap
        fires("internal-cidr-overlap", "a reserved address in the service range", |p| reserve(p, "10.96.0.10"),
            vec![err("internal-cidr-overlap", "reserved[2].addresses", &["10.96.0.10"])]),
        fires("internal-cidr-overlap", "the service range's last address", |p| reserve(p, "10.111.255.255"),
            vec![err("internal-cidr-overlap", "reserved[2].addresses", &["10.111.255.255"])]),
        fires("internal-cidr-overlap", "a range running into the service range", |p| reserve(p, "10.95.255.250-10.96.0.5"),
            vec![err("internal-cidr-overlap", "reserved[2].addresses", &["10.96.0.0-10.96.0.5"])]),
        fires("internal-cidr-overlap", "the whole pod range", |p| reserve(p, "10.244.0.0/16"),
            vec![err("internal-cidr-overlap", "reserved[2].addresses", &["10.244.0.0-10.244.255.255"])]),
        fires("internal-cidr-overlap", "an LB pool in the pod range", |p| p.clusters[0].lb_pools.push(s("10.244.1.0/30")),
            vec![err("internal-cidr-overlap", "clusters[0].lb_pools[1]", &["10.244.1.0-10.244.1.3"]),
                 warn("lb-outside-subnet", "clusters[0].lb_pools[1]", &["10.244.1.0-10.244.1.3"])]),
        quiet("internal-cidr-overlap", "just below the service range", |p| reserve(p, "10.95.255.255"), vec![]),
        quiet("internal-cidr-overlap", "just above the service range", |p| reserve(p, "10.112.0.0"), vec![]),
        quiet("internal-cidr-overlap", "just around the pod range", |p| { reserve(p, "10.243.255.255"); reserve(p, "10.245.0.0") }, vec![]),
        quiet("internal-cidr-overlap", "an IPv4-mapped IPv6 address is IPv6", |p| reserve(p, "::ffff:10.96.0.1"), vec![]),

        // subnet-edge
        fires("subnet-edge", "CP on the network address", |p| cp(p, 0, "10.20.0.0"), vec![err("subnet-edge", CP0, &["10.20.0.0"])]),
        fires("subnet-edge", "CP on the broadcast address", |p| cp(p, 0, "10.20.0.255"), vec![err("subnet-edge", CP0, &["10.20.0.255"])]),
        fires("subnet-edge", "LB pool ending on the broadcast address", |p| lb(p, 0, &["10.20.0.250-10.20.0.255"]),
            vec![err("subnet-edge", LB00, &["10.20.0.255"])]),
        fires("subnet-edge", "CP on the broadcast address of a /30", |p| {
            p.segments.push(segment("tiny", "10.30.0.0/30", &["10.30.0.1-10.30.0.2"]));
            p.clusters.push(cluster("edge", "tiny", "10.30.0.3", 1, 0, &[]));
        }, vec![err("subnet-edge", CP1, &["10.30.0.3"]), warn("dhcp-tight", "segments[1].dhcp", &[])]),
        quiet("subnet-edge", "CP on .254", |p| cp(p, 0, "10.20.0.254"), vec![]),
        quiet("subnet-edge", "LB pool ending on .254", |p| lb(p, 0, &["10.20.0.250-10.20.0.254"]), vec![]),
        quiet("subnet-edge", "a /31 has no network or broadcast address", |p| {
            p.segments.push(segment("tiny", "10.30.0.0/31", &["10.30.0.0"]));
            p.clusters.push(cluster("edge", "tiny", "10.30.0.1", 1, 0, &[]));
        }, vec![warn("dhcp-tight", "segments[1].dhcp", &[])]),
        quiet("subnet-edge", "IPv6 has no broadcast: first and last of a /126", |p| {
            p.segments.push(segment("tiny6", "fd00:30::/126", &["fd00:30::1-fd00:30::2"]));
            p.clusters.push(cluster("edge6", "tiny6", "fd00:30::3", 1, 1, &["fd00:30::"]));
        }, vec![warn("dhcp-tight", "segments[1].dhcp", &[])]),

        // lb-short
        fires("lb-short", "11 services, 10 addresses", |p| p.clusters[0].services = 11, vec![err("lb-short", "clusters[0].lb_pools", &[])]),
        fires("lb-short", "distinct addresses: 10 + 5 overlapping hold 10, not 15", |p| {
            p.clusters[0].services = 11;
            p.clusters[0].lb_pools.push(s("10.20.0.35-10.20.0.39"));
        }, vec![err("lb-short", "clusters[0].lb_pools", &[]), err("lb-overlap", "clusters[0].lb_pools[1]", &["10.20.0.35-10.20.0.39"])]),
        fires("lb-short", "services without pools", |p| lb(p, 0, &[]), vec![err("lb-short", "clusters[0].lb_pools", &[])]),
        fires("lb-short", "IPv6: 17 services, 16 addresses", |p| { v6(p); p.clusters[1].services = 17 }, vec![err("lb-short", "clusters[1].lb_pools", &[])]),
        quiet("lb-short", "10 services, 10 addresses", |p| p.clusters[0].services = 10, vec![]),
        quiet("lb-short", "10 services, overlapping pools holding 10 distinct", |p| {
            p.clusters[0].services = 10;
            p.clusters[0].lb_pools.push(s("10.20.0.35-10.20.0.39"));
        }, vec![err("lb-overlap", "clusters[0].lb_pools[1]", &["10.20.0.35-10.20.0.39"])]),
        quiet("lb-short", "no services, no pools", |p| { p.clusters[0].services = 0; lb(p, 0, &[]) }, vec![]),
        quiet("lb-short", "IPv6: 16 services, 16 addresses", |p| { v6(p); p.clusters[1].services = 16 }, vec![]),

        // cp-outside-subnet
        fires("cp-outside-subnet", "CP in the next /24", |p| cp(p, 0, "10.20.1.20"), vec![warn("cp-outside-subnet", CP0, &["10.20.1.20"])]),
        fires("cp-outside-subnet", "IPv6 CP in another /64", |p| { v6(p); cp(p, 1, "fd00:21::20") }, vec![warn("cp-outside-subnet", CP1, &["fd00:21::20"])]),
        quiet("cp-outside-subnet", "CP on the last usable address", |p| cp(p, 0, "10.20.0.254"), vec![]),

        // lb-outside-subnet
        fires("lb-outside-subnet", "pool in the next /24", |p| lb(p, 0, &["10.20.1.30-10.20.1.39"]),
            vec![warn("lb-outside-subnet", LB00, &["10.20.1.30-10.20.1.39"])]),
        fires("lb-outside-subnet", "pool straddling the subnet's end", |p| lb(p, 0, &["10.20.0.250-10.20.1.5"]),
            vec![warn("lb-outside-subnet", LB00, &["10.20.1.0-10.20.1.5"]), err("subnet-edge", LB00, &["10.20.0.255"])]),
        fires("lb-outside-subnet", "IPv6 pool outside its /64", |p| { v6(p); lb(p, 1, &["fd00:21::30-fd00:21::3f"]) },
            vec![warn("lb-outside-subnet", "clusters[1].lb_pools[0]", &["fd00:21::30-fd00:21::3f"])]),
        quiet("lb-outside-subnet", "pool ending on .254", |p| lb(p, 0, &["10.20.0.240-10.20.0.254"]), vec![]),

        // dhcp-tight
        fires("dhcp-tight", "7 addresses for 6 workers, 8 recommended", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.106"]),
            vec![warn("dhcp-tight", "segments[0].dhcp", &[])]),
        fires("dhcp-tight", "93 of 100 in use", |p| p.segments[0].dhcp_in_use = 93, vec![warn("dhcp-tight", "segments[0].dhcp", &[])]),
        fires("dhcp-tight", "3 control plane nodes push the recommended figure to 10", |p| {
            p.clusters[0].control_plane_nodes = 3;
            dhcp(p, 0, &["10.20.0.100-10.20.0.108"]);
        }, vec![warn("dhcp-tight", "segments[0].dhcp", &[])]),
        quiet("dhcp-tight", "8 addresses, exactly the recommended figure", |p| dhcp(p, 0, &["10.20.0.100-10.20.0.107"]), vec![]),

        // dhcp-contains-reserved
        fires("dhcp-contains-reserved", "gateway in the scope", |p| p.segments[0].gateway = Some(s("10.20.0.100")),
            vec![warn("dhcp-contains-reserved", "segments[0].dhcp[0]", &["10.20.0.100"])]),
        fires("dhcp-contains-reserved", "DNS server in the scope", |p| p.segments[0].dns[1] = s("10.20.0.199"),
            vec![warn("dhcp-contains-reserved", "segments[0].dhcp[0]", &["10.20.0.199"])]),
        fires("dhcp-contains-reserved", "reserved range in the scope", |p| reserve(p, "10.20.0.150-10.20.0.160"),
            vec![warn("dhcp-contains-reserved", "segments[0].dhcp[0]", &["10.20.0.150-10.20.0.160"])]),
        fires("dhcp-contains-reserved", "IPv6 reserved address in the scope", |p| { v6(p); reserve(p, "fd00:20::150") },
            vec![warn("dhcp-contains-reserved", "segments[1].dhcp[0]", &["fd00:20::150"])]),
        quiet("dhcp-contains-reserved", "reserved just below the scope", |p| reserve(p, "10.20.0.99"), vec![]),
        quiet("dhcp-contains-reserved", "gateway at the top of the subnet", |p| p.segments[0].gateway = Some(s("10.20.0.254")), vec![]),

        // scale-limit
        fires("scale-limit", "11 clusters", |p| many_clusters(p, 10), vec![warn("scale-limit", "clusters", &[])]),
        fires("scale-limit", "11 clusters over two segments", |p| {
            many_clusters(p, 5);
            p.segments.push(segment("seg2", "10.30.0.0/24", &["10.30.0.100-10.30.0.199"]));
            for i in 0..5 {
                p.clusters.push(cluster(&format!("d{i}"), "seg2", &format!("10.30.0.{}", 40 + i), 1, 0, &[]));
            }
        }, vec![warn("scale-limit", "clusters", &[])]),
        quiet("scale-limit", "10 clusters", |p| many_clusters(p, 9), vec![]),
    ]
}

#[test]
fn the_base_plan_is_clean() {
    let report = evaluate(&base());
    assert_eq!(report.findings, vec![], "the base plan must have no findings");
}

#[test]
fn rule_table() {
    let mut failures = Vec::new();
    let all = cases();
    for case in &all {
        // The table itself must say what it claims.
        let listed = case.want.iter().any(|w| w.rule == case.rule);
        assert_eq!(listed, case.fires, "case `{}` ({}) lists {} as {}", case.what, case.rule, case.rule,
            if case.fires { "absent" } else { "present" });
        let mut plan = base();
        (case.mutate)(&mut plan);
        if let Err(e) = check(&plan, &case.want) {
            failures.push(format!("[{}] {} ({}):\n  {e}", case.rule, case.what, if case.fires { "fires" } else { "quiet" }));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_firing_and_a_quiet_case() {
    let all = cases();
    // This table is of VMware plans: the 25 rules of SPEC §3. Azure Local's own rules (§12.3) have
    // their table in tests/azure_local.rs.
    let (errors, warnings) = spec_vmware_rules();
    assert_eq!(errors.len() + warnings.len(), 25);
    for rule in errors.iter().chain(&warnings) {
        assert!(all.iter().any(|c| c.rule == *rule && c.fires), "no case where `{rule}` fires");
        assert!(all.iter().any(|c| c.rule == *rule && !c.fires), "no case where `{rule}` stays quiet");
    }
    for case in &all {
        assert!(RULES.iter().any(|r| r.id == case.rule), "case `{}` names unknown rule `{}`", case.what, case.rule);
        for w in &case.want {
            assert!(RULES.iter().any(|r| r.id == w.rule), "case `{}` expects unknown rule `{}`", case.what, w.rule);
        }
    }
}

/// SPEC §3: the errors and the warnings.
fn spec_vmware_rules() -> (Vec<&'static str>, Vec<&'static str>) {
    let errors = vec![
        "invalid-address", "unknown-segment", "duplicate-name", "invalid-count", "proxy-unsupported", "dhcp-missing",
        "dhcp-outside-subnet", "dhcp-exhausted", "segment-overlap", "cp-missing", "cp-in-dhcp", "cp-duplicate",
        "lb-in-dhcp", "lb-overlap", "address-conflict", "bridge-in-dhcp", "bridge-invalid", "internal-cidr-overlap",
        "subnet-edge", "lb-short",
    ];
    let warnings = vec!["cp-outside-subnet", "lb-outside-subnet", "dhcp-tight", "dhcp-contains-reserved", "scale-limit"];
    (errors, warnings)
}

#[test]
fn severities_are_those_of_the_spec() {
    let (mut errors, mut warnings) = spec_vmware_rules();
    // SPEC §12.3: Azure Local's new errors and warnings.
    errors.extend([
        "lnet-static-only", "ip-pool-missing", "ip-pool-outside-subnet", "ip-pool-overlap", "ip-pool-exhausted",
        "gateway-missing", "gateway-outside-subnet", "dns-missing", "cp-in-ip-pool", "lb-in-ip-pool", "infra-pool-size",
    ]);
    warnings.extend(["ip-pool-tight", "not-applicable"]);
    // SPEC §13 and §14: multi-rack's and bare metal's.
    errors.extend(["subnet-too-small", "cp-not-supported", "single-node-only", "name-invalid"]);
    warnings.extend(["host-missing", "cp-is-host", "cp-reserve", "region-unsupported"]);
    // SPEC §17: a waiver that matches nothing.
    warnings.push("waiver-unused");
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let mut spec: Vec<&str> = errors.iter().chain(&warnings).copied().collect();
    spec.sort_unstable();
    assert_eq!(ids, spec);
    for r in RULES {
        let want = if errors.contains(&r.id.as_str()) { Severity::Error } else { Severity::Warning };
        assert_eq!(r.id.severity(), want, "{}", r.id);
    }
}

/// docs/rules.md states each platform's limits as its scale page does (typed from the pages, not
/// from the platform files): AKS on VMware scale requirements (2024-03-26), "at most 10 AKS
/// clusters per vSphere cluster"; AKS Arc scale requirements (09/24/2025): 32 AKS clusters per
/// Azure Local cluster, 16 node pools, 64 nodes per node pool, 200 nodes per cluster.
#[test]
fn docs_state_each_platforms_limits_from_its_sources() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    let limits = &doc[doc.find("## Limits").expect("a Limits section")..];
    for row in [
        "| clusters | 10 per vSphere cluster | 32 per Azure Local cluster |",
        "| node pools per cluster | — | 16 |",
        "| nodes per node pool | — | 64 |",
        "| nodes per cluster | — | 200 |",
        "| control plane nodes | 1, 3 or 5 | 1, 3 or 5 |",
    ] {
        assert!(limits.contains(row), "docs/rules.md lacks {row}");
    }
    let scale = doc.lines().find(|l| l.starts_with("| `scale-limit`")).unwrap();
    assert!(!scale.contains("10 clusters"), "the scale-limit row names one platform's limit: {scale}");
}

// ---- the precise readings of SPEC §3, with the figures behind them ----------------------------

#[test]
fn dhcp_availability_is_the_union_minus_in_use_never_below_zero() {
    let mut plan = base();
    dhcp(&mut plan, 0, &["10.20.0.100-10.20.0.149", "10.20.0.120-10.20.0.199", "10.20.0.150"]);
    plan.segments[0].dhcp_in_use = 30;
    let seg = &evaluate(&plan).requirements.segments[0];
    assert_eq!((seg.dhcp_size, seg.dhcp_in_use, seg.dhcp_available), (100, 30, 70));

    plan.segments[0].dhcp_in_use = u32::MAX;
    let report = evaluate(&plan);
    let seg = &report.requirements.segments[0];
    assert_eq!((seg.dhcp_size, seg.dhcp_available), (100, 0));
    assert!(report.findings.iter().any(|f| f.rule == "dhcp-exhausted"));
}

#[test]
fn dhcp_exhausted_is_not_reported_with_dhcp_missing() {
    let mut plan = base();
    dhcp(&mut plan, 0, &[]);
    plan.clusters[0].node_pools[0].nodes = 500;
    let report = evaluate(&plan);
    let seg = &report.requirements.segments[0];
    assert_eq!((seg.dhcp_available, seg.node_ips_needed), (0, 503));
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["dhcp-missing"]);
}

#[test]
fn subnet_edge_applies_to_ipv4_prefixes_up_to_30_only() {
    // The same cluster (CP on the first address, LB pool on the last) on blocks of every size.
    for prefix in 24..=32u8 {
        let size = 1u32 << (32 - prefix);
        let mut plan = base();
        plan.segments.push(segment("edge", &format!("10.30.0.0/{prefix}"), &["10.30.1.0"]));
        plan.clusters.push(cluster("edge", "edge", "10.30.0.0", 1, 0, &[&format!("10.30.0.{}", size - 1)]));
        let report = evaluate(&plan);
        let edge: Vec<(&str, &[String])> =
            report.findings.iter().filter(|f| f.rule == "subnet-edge").map(|f| (f.field.as_str(), f.addresses.as_slice())).collect();
        if prefix <= 30 {
            let last = format!("10.30.0.{}", size - 1);
            assert_eq!(edge, [(CP1, &[s("10.30.0.0")][..]), ("clusters[1].lb_pools[0]", &[last][..])], "/{prefix}");
        } else {
            assert!(edge.is_empty(), "/{prefix}: {edge:?}");
        }
    }
    // A pool covering a whole /29 names both edges.
    let mut plan = base();
    plan.segments.push(segment("edge", "10.30.0.0/29", &["10.30.1.0"]));
    plan.clusters.push(cluster("edge", "edge", "10.30.0.3", 1, 0, &["10.30.0.0/29"]));
    let report = evaluate(&plan);
    let edge: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "subnet-edge" && f.field == "clusters[1].lb_pools[0]").collect();
    assert_eq!(edge.len(), 1);
    assert_eq!(edge[0].addresses, ["10.30.0.0", "10.30.0.7"]);
    // IPv6 never has edges, whatever the prefix.
    for prefix in [64u8, 120, 126, 127, 128] {
        let mut plan = base();
        plan.segments.push(segment("edge6", &format!("fd00:30::/{prefix}"), &["fd00:31::1"]));
        plan.clusters.push(cluster("edge6", "edge6", "fd00:30::", 1, 0, &[]));
        assert!(!evaluate(&plan).findings.iter().any(|f| f.rule == "subnet-edge"), "/{prefix}");
    }
}

#[test]
fn lb_short_counts_distinct_addresses_across_pools() {
    let mut plan = base();
    lb(&mut plan, 0, &["10.20.0.30-10.20.0.39", "10.20.0.30-10.20.0.39", "10.20.0.32", "10.20.0.36/30"]);
    plan.clusters[0].services = 10;
    let report = evaluate(&plan);
    assert_eq!(report.requirements.clusters[0].lb_pool_size, 10);
    assert!(!report.findings.iter().any(|f| f.rule == "lb-short"));
    plan.clusters[0].services = 11;
    let report = evaluate(&plan);
    let short: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "lb-short").collect();
    assert_eq!(short.len(), 1);
    assert!(short[0].message.contains("11") && short[0].message.contains("10"), "{}", short[0].message);
}

#[test]
fn scale_limit_counts_all_clusters_of_the_plan() {
    for (n, fires) in [(1usize, false), (10, false), (11, true), (12, true)] {
        let mut plan = base();
        many_clusters(&mut plan, n - 1);
        let report = evaluate(&plan);
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "scale-limit").collect();
        assert_eq!(found.len(), usize::from(fires), "{n} clusters");
        if fires {
            assert!(found[0].message.contains(&n.to_string()), "{}", found[0].message);
        }
    }
}

#[test]
fn one_bad_text_gives_exactly_one_invalid_address() {
    // Each refused text is reported once, at its own field, and does not take part in any overlap.
    let mut plan = base();
    lb(&mut plan, 0, &["10.20.0.30-10.20.0.39", "10.20.0.150-10.20.0.140", "10.20.0.150/24"]);
    let report = evaluate(&plan);
    let invalid: Vec<&str> = report.findings.iter().filter(|f| f.rule == "invalid-address").map(|f| f.field.as_str()).collect();
    assert_eq!(invalid, ["clusters[0].lb_pools[1]", "clusters[0].lb_pools[2]"]);
    assert!(!report.findings.iter().any(|f| f.rule == "lb-in-dhcp"));
    let msg = &report.findings.iter().find(|f| f.field == "clusters[0].lb_pools[2]").unwrap().message;
    assert!(msg.contains("host bits") && msg.contains("10.20.0.0/24"), "{msg}");
}

#[test]
fn findings_list_errors_before_warnings() {
    let mut plan = base();
    cp(&mut plan, 0, "10.20.1.20"); // warning
    plan.proxy = true; // error
    many_clusters(&mut plan, 10); // warning
    let report = evaluate(&plan);
    let severities: Vec<Severity> = report.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(report.errors(), 1);
    assert_eq!(report.warnings(), 2);
    assert!(!report.passes());
}
