#![cfg(not(target_arch = "wasm32"))]
//! Plans for AKS Arc on Azure Local: Microsoft's documented example comes out exactly, every
//! Azure Local rule fires on a small change of it and stays quiet on the nearest valid plan, the
//! VMware-only rules stay quiet, and the fields of the other platform are kept and named.

mod support {
    pub mod cases;
    pub mod gen;
    pub mod shell;
}

use std::process::Command;

use proptest::prelude::*;

use aksarc_netplan::check::evaluate;
use aksarc_netplan::model::{Management, Plan, PlatformId};
use aksarc_netplan::rules::Severity;
use aksarc_netplan::{link, Report};
use support::cases::{check_cases, Case};

/// Microsoft's two-cluster example on Azure Local (AKS Arc IP address planning): cluster A with
/// 3 control plane and 5 worker nodes, cluster B with 1 and 3, three services on A, both control
/// plane IPs automatic, the documented pool 10.220.32.18-10.220.32.37 and MetalLB range
/// 10.220.32.47-10.220.32.49.
fn example() -> Plan {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local.json")).unwrap();
    Plan::from_json(&text).unwrap()
}

fn rules(report: &Report) -> Vec<(&'static str, Severity, String)> {
    report.findings.iter().map(|f| (f.rule.as_str(), f.severity, f.field.clone())).collect()
}

#[test]
fn microsofts_example_needs_a_pool_of_16_and_19_addresses_in_all() {
    let plan = example();
    assert_eq!(plan.platform, PlatformId::AzureLocal);
    let report = evaluate(&plan);
    let seg = &report.requirements.segments[0];
    assert_eq!((seg.ip_pool_needed, seg.ip_pool_size), (16, 20));
    let t = &report.requirements.totals;
    assert_eq!(t.ip_pool_needed, 16);
    assert_eq!(t.all_ips_recommended, 19);
    // Microsoft's minimum (SPEC §12.2): every node VM and one upgrade IP per cluster, 12 + 2 = 14
    // node IPs, and 19 addresses in all; on Azure Local the minimum is the recommended figure.
    assert_eq!((t.node_ips, t.node_ips_recommended), (14, 14));
    assert_eq!((t.all_ips, t.all_ips_recommended), (19, 19));
    let c = &report.requirements.clusters;
    assert_eq!((c[0].node_ips, c[0].node_ips_recommended), (3 + 5 + 1, 3 + 5 + 1));
    assert_eq!((c[1].node_ips, c[1].node_ips_recommended), (1 + 3 + 1, 1 + 3 + 1));
    assert_eq!((seg.node_ips_needed, seg.node_ips_recommended), (14, 14));
    // The pool of 20 leaves room to scale: no finding at all.
    assert_eq!(rules(&report), []);
    // Free static room: 254 usable, less gateway, two DNS servers, the pool of 20, 3 LB addresses.
    assert_eq!(seg.static_free, 254 - 1 - 2 - 20 - 3);
}

#[test]
fn a_pool_without_room_to_scale_warns_and_a_short_pool_is_an_error() {
    let mut plan = example();
    plan.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.36".into()]; // 19: 16 + less than a fifth
    assert_eq!(rules(&evaluate(&plan)), [("ip-pool-tight", Severity::Warning, "segments[0].ip_pools".to_string())]);
    plan.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.33".into()]; // 16: exactly enough
    assert_eq!(rules(&evaluate(&plan))[0].0, "ip-pool-tight");
    plan.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.32".into()]; // 15
    assert_eq!(rules(&evaluate(&plan)), [("ip-pool-exhausted", Severity::Error, "segments[0].ip_pools".to_string())]);
    // An explicit control plane IP (outside the pool) takes one address less from it.
    plan.clusters[1].control_plane_ip = Some("10.220.32.40".into());
    let report = evaluate(&plan);
    assert_eq!(report.requirements.segments[0].ip_pool_needed, 15);
    assert_eq!(rules(&report)[0].0, "ip-pool-tight");
}

const CASES: &[Case] = &[
    Case { what: "DHCP on a logical network", change: |p| p.segments[0].dhcp = vec!["10.220.32.100-10.220.32.150".into()],
        want: &[("lnet-static-only", "segments[0].dhcp"), ("not-applicable", "segments[0].dhcp")] },
    Case { what: "no pool on a used logical network", change: |p| p.segments[0].ip_pools.clear(),
        want: &[("ip-pool-missing", "segments[0].ip_pools")] },
    Case { what: "no pool on an unused logical network", change: |p| {
            p.segments.push(p.segments[0].clone());
            p.segments[1].name = "spare".into();
            p.segments[1].subnet = "10.221.0.0/24".into();
            p.segments[1].gateway = Some("10.221.0.1".into());
            p.segments[1].dns = vec!["10.221.0.2".into()];
            p.segments[1].ip_pools.clear();
        }, want: &[] },
    Case { what: "a pool one address past the prefix", change: |p| p.segments[0].ip_pools = vec!["10.220.32.230-10.220.33.0".into()],
        want: &[("ip-pool-outside-subnet", "segments[0].ip_pools[0]"), ("subnet-edge", "segments[0].ip_pools[0]")] },
    Case { what: "a pool ending on the last usable address", change: |p| p.segments[0].ip_pools = vec!["10.220.32.235-10.220.32.254".into()],
        want: &[] },
    Case { what: "two pools of one logical network overlapping", change: |p| p.segments[0].ip_pools.push("10.220.32.37-10.220.32.40".into()),
        want: &[("ip-pool-overlap", "segments[0].ip_pools[1]")] },
    Case { what: "two pools side by side", change: |p| p.segments[0].ip_pools.push("10.220.32.38-10.220.32.40".into()),
        want: &[] },
    Case { what: "the same prefix and pool on another VLAN", change: |p| {
            p.segments.push(p.segments[0].clone());
            p.segments[1].name = "other-vlan".into();
            p.segments[1].vlan = 20;
        }, want: &[] },
    Case { what: "the same prefix and pool on the same VLAN", change: |p| {
            p.segments.push(p.segments[0].clone());
            p.segments[1].name = "same-vlan".into();
        }, want: &[("ip-pool-overlap", "segments[1].ip_pools[0]")] },
    Case { what: "a pool of 15 for 16", change: |p| p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.32".into()],
        want: &[("ip-pool-exhausted", "segments[0].ip_pools")] },
    Case { what: "a pool of 20 for 16", change: |p| p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.30".into(), "10.220.32.31-10.220.32.37".into()],
        want: &[] },
    Case { what: "no gateway", change: |p| p.segments[0].gateway = None, want: &[("gateway-missing", "segments[0].gateway")] },
    Case { what: "a gateway outside the prefix", change: |p| p.segments[0].gateway = Some("10.220.33.1".into()),
        want: &[("gateway-outside-subnet", "segments[0].gateway")] },
    Case { what: "no DNS server", change: |p| p.segments[0].dns.clear(), want: &[("dns-missing", "segments[0].dns")] },
    Case { what: "a control plane IP on the pool's last address", change: |p| p.clusters[0].control_plane_ip = Some("10.220.32.37".into()),
        want: &[("cp-in-ip-pool", "clusters[0].control_plane_ip")] },
    Case { what: "a control plane IP one address past the pool", change: |p| p.clusters[0].control_plane_ip = Some("10.220.32.38".into()),
        want: &[] },
    Case { what: "a control plane IP outside the prefix", change: |p| p.clusters[0].control_plane_ip = Some("10.220.33.5".into()),
        want: &[("cp-outside-subnet", "clusters[0].control_plane_ip")] },
    Case { what: "a load balancer range into the pool", change: |p| p.clusters[0].lb_pools = vec!["10.220.32.36-10.220.32.38".into()],
        want: &[("lb-in-ip-pool", "clusters[0].lb_pools[0]")] },
    Case { what: "a pool over the gateway", change: |p| p.segments[0].gateway = Some("10.220.32.20".into()),
        want: &[("address-conflict", "segments[0].ip_pools[0]")] },
    Case { what: "a pool over the service range", change: |p| {
            p.segments[0].subnet = "10.96.0.0/24".into();
            p.segments[0].gateway = Some("10.96.0.1".into());
            p.segments[0].dns = vec!["10.96.0.2".into()];
            p.segments[0].ip_pools = vec!["10.96.0.10-10.96.0.29".into()];
            p.clusters[0].lb_pools.clear();
            p.clusters[0].services = 0;
        }, want: &[
            ("internal-cidr-overlap", "segments[0].gateway"), ("internal-cidr-overlap", "segments[0].dns[0]"),
            ("internal-cidr-overlap", "segments[0].ip_pools[0]"), ("internal-cidr-overlap", "segments[0].subnet"),
        ] },
    Case { what: "an infrastructure pool of 5", change: |p| p.management = Some(Management {
            subnet: "192.168.10.0/24".into(), infra_pool: "192.168.10.10-192.168.10.14".into(), vlan: 0 }),
        want: &[("infra-pool-size", "management.infra_pool")] },
    Case { what: "an infrastructure pool of 6", change: |p| p.management = Some(Management {
            subnet: "192.168.10.0/24".into(), infra_pool: "192.168.10.10-192.168.10.15".into(), vlan: 0 }),
        want: &[] },
    Case { what: "an infrastructure pool outside the management subnet", change: |p| p.management = Some(Management {
            subnet: "192.168.10.0/24".into(), infra_pool: "192.168.11.10-192.168.11.15".into(), vlan: 7 }),
        want: &[("ip-pool-outside-subnet", "management.infra_pool")] },
    Case { what: "a load balancer range over the infrastructure pool", change: |p| {
            p.management = Some(Management { subnet: "10.220.32.0/24".into(), infra_pool: "10.220.32.200-10.220.32.209".into(), vlan: 0 });
            p.clusters[0].lb_pools = vec!["10.220.32.209-10.220.32.211".into()];
        }, want: &[("address-conflict", "clusters[0].lb_pools[0]")] },
    Case { what: "a VLAN above 4094", change: |p| p.segments[0].vlan = 4095, want: &[("invalid-count", "segments[0].vlan")] },
    Case { what: "a management VLAN above 4094", change: |p| p.management = Some(Management {
            subnet: "192.168.10.0/24".into(), infra_pool: "192.168.10.10-192.168.10.15".into(), vlan: 4095 }),
        want: &[("invalid-count", "management.vlan")] },
    Case { what: "an IPv6 management subnet", change: |p| p.management = Some(Management {
            subnet: "fd00:10::/64".into(), infra_pool: String::new(), vlan: 0 }),
        want: &[("invalid-address", "management.subnet")] },
    Case { what: "management VLAN 4094", change: |p| p.management = Some(Management {
            subnet: "192.168.10.0/24".into(), infra_pool: "192.168.10.10-192.168.10.15".into(), vlan: 4094 }),
        want: &[] },
    Case { what: "VLAN 4094", change: |p| p.segments[0].vlan = 4094, want: &[] },
    Case { what: "an IPv6 pool", change: |p| p.segments[0].ip_pools.push("fd00::10-fd00::20".into()),
        want: &[("invalid-address", "segments[0].ip_pools[1]")] },
    Case { what: "a proxy (supported on Azure Local)", change: |p| p.proxy = true, want: &[] },
    Case { what: "a resource bridge (VMware's)", change: |p| p.resource_bridge = Some(aksarc_netplan::model::ResourceBridge {
            control_plane_ip: "10.220.32.18".into(), appliance_vm_ips: "10.220.32.19-10.220.32.21".into() }),
        want: &[("not-applicable", "resource_bridge")] },
    Case { what: "33 clusters", change: |p| {
            let c = p.clusters[1].clone();
            p.clusters = (0..33).map(|i| aksarc_netplan::model::Cluster { name: format!("c{i}"), ..c.clone() }).collect();
            p.segments[0].subnet = "10.220.32.0/23".into();
            p.segments[0].ip_pools = vec!["10.220.32.18-10.220.33.200".into()];
        }, want: &[("scale-limit", "clusters")] },
    Case { what: "a node pool of 65 and 17 node pools", change: |p| {
            p.clusters[1].node_pools = (0..17).map(|i| aksarc_netplan::model::NodePool { name: format!("p{i}"), nodes: 1 }).collect();
            p.clusters[1].node_pools[0].nodes = 65;
            p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.250".into()];
            p.clusters[0].lb_pools = vec!["10.220.32.251-10.220.32.253".into()];
        }, want: &[("scale-limit", "clusters[1].node_pools"), ("scale-limit", "clusters[1].node_pools[0].nodes")] },
    Case { what: "16 node pools of up to 64 nodes, 200 in all: the limits themselves", change: |p| {
            p.clusters[1].node_pools = (0..16).map(|i| aksarc_netplan::model::NodePool { name: format!("p{i}"), nodes: if i < 2 { 64 } else if i < 14 { 5 } else { 6 } }).collect();
            p.segments[0].subnet = "10.220.32.0/23".into();
            p.segments[0].ip_pools = vec!["10.220.32.50-10.220.33.250".into()];
        }, want: &[] },
    Case { what: "201 nodes in one cluster", change: |p| {
            p.clusters[1].node_pools = (0..4).map(|i| aksarc_netplan::model::NodePool { name: format!("p{i}"), nodes: if i == 0 { 12 } else { 63 } }).collect();
            p.segments[0].subnet = "10.220.32.0/23".into();
            p.segments[0].ip_pools = vec!["10.220.32.50-10.220.33.250".into()];
        }, want: &[("scale-limit", "clusters[1].node_pools")] },
];

#[test]
fn every_azure_local_rule_fires_and_stays_quiet_on_the_nearest_valid_plan() {
    check_cases(example, CASES, &["lnet-static-only", "ip-pool-missing", "ip-pool-outside-subnet", "ip-pool-overlap", "ip-pool-exhausted",
        "gateway-missing", "gateway-outside-subnet", "dns-missing", "cp-in-ip-pool", "lb-in-ip-pool", "infra-pool-size", "not-applicable"]);
}

#[test]
fn an_explicit_control_plane_ip_outside_the_prefix_is_an_error_on_azure_local() {
    let mut plan = example();
    plan.clusters[0].control_plane_ip = Some("10.220.33.5".into());
    assert_eq!(evaluate(&plan).findings[0].severity, Severity::Error);
    plan.platform = PlatformId::Vmware;
    let report = evaluate(&plan);
    let f = report.findings.iter().find(|f| f.rule == "cp-outside-subnet").unwrap();
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn vmware_only_rules_stay_quiet_and_azure_local_fields_are_kept_on_vmware() {
    // The Azure Local example has no DHCP, no control plane IPs and no bridge: on VMware that is
    // dhcp-missing and cp-missing, and its pools are named as not applicable.
    let mut plan = example();
    plan.platform = PlatformId::Vmware;
    plan.segments[0].vlan = 12;
    plan.management = Some(Management { subnet: "192.168.10.0/24".into(), infra_pool: "192.168.10.10".into(), vlan: 9999 });
    let report = evaluate(&plan);
    let got: Vec<(&str, String)> = report.findings.iter().map(|f| (f.rule.as_str(), f.field.clone())).collect();
    // On VMware the management network is only named, never checked (not even its VLAN).
    assert!(!got.iter().any(|(r, f)| f.starts_with("management.") || *r == "infra-pool-size"), "{got:?}");
    for want in [("dhcp-missing", "segments[0].dhcp"), ("cp-missing", "clusters[0].control_plane_ip"),
        ("not-applicable", "segments[0].ip_pools"), ("not-applicable", "segments[0].vlan"), ("not-applicable", "management")] {
        assert!(got.contains(&(want.0, want.1.to_string())), "{want:?} not in {got:?}");
    }
    assert!(!got.iter().any(|(r, _)| r.starts_with("ip-pool") || *r == "gateway-missing"), "{got:?}");
    assert_eq!(report.requirements.segments[0].ip_pool_size, 0);
    assert_eq!(report.requirements.totals.ip_pool_needed, 0);
    // Switching back and forth loses nothing, in files and in links.
    let back = Plan::from_json(&plan.to_json()).unwrap();
    assert_eq!(back, plan);
    assert_eq!(link::decode(&link::encode(&plan)).unwrap(), plan);
    let mut al = example();
    al.management = Some(Management { subnet: "192.168.10.0/24".into(), infra_pool: "192.168.10.10-192.168.10.20".into(), vlan: 5 });
    al.segments[0].vlan = 20;
    al.segments[0].dhcp = vec!["10.220.32.100-10.220.32.110".into()];
    al.segments[0].dhcp_in_use = 4;
    assert_eq!(Plan::from_json(&al.to_json()).unwrap(), al);
    assert_eq!(link::decode(&link::encode(&al)).unwrap(), al);
}

#[test]
fn an_unknown_platform_is_refused_with_the_allowed_values() {
    let err = Plan::from_json(r#"{"schema": 1, "platform": "hyper-v"}"#).unwrap_err().to_string();
    assert!(err.contains("platform") && err.contains("hyper-v") && err.contains("vmware") && err.contains("azure-local"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_aksarc-netplan"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(br#"{"schema": 1, "platform": "VMware "}"#)?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected one of `vmware`, `azure-local`, `azure-local-multi-rack`, `aks-bare-metal`"));
}

#[test]
fn ipv6_on_azure_local_is_refused_with_the_reason() {
    let mut plan = example();
    plan.segments[0].subnet = "fd00:220::/64".into();
    let report = evaluate(&plan);
    let f = report.findings.iter().find(|f| f.field == "segments[0].subnet").unwrap();
    assert_eq!(f.rule, "invalid-address");
    assert!(f.message.contains("IPv4 addresses only"), "{}", f.message);
}

// ---- Suggest and convert ----------------------------------------------------------------------

#[test]
fn suggest_makes_microsofts_pool_and_the_lb_range_after_it() {
    let mut plan = example();
    plan.segments[0].ip_pools.clear();
    plan.clusters[0].lb_pools.clear();
    let s = aksarc_netplan::suggest::suggest(&plan);
    let filled: Vec<(&str, &str)> = s.filled.iter().map(|f| (f.field.as_str(), f.value.as_str())).collect();
    // 16 needed and a quarter more: Microsoft's pool of 20, the lowest free run long enough
    // (the gateway is .1, the DNS servers .16 and .17); then the LB range, lowest first, in the
    // room before the DNS servers. Control plane IPs stay automatic.
    assert_eq!(filled, [("segments[0].ip_pools[0]", "10.220.32.18-10.220.32.37"), ("clusters[0].lb_pools[0]", "10.220.32.2-10.220.32.4")]);
    assert!(s.unfilled.is_empty());
    assert!(s.plan.clusters.iter().all(|c| c.control_plane_ip.is_none()));
    assert_eq!(rules(&evaluate(&s.plan)), []);
    // A prefix without room says how much it needed.
    plan.segments[0].subnet = "10.220.32.0/28".into();
    plan.segments[0].dns = vec!["10.220.32.2".into()];
    let s = aksarc_netplan::suggest::suggest(&plan);
    assert_eq!(s.unfilled[0].field, "segments[0].ip_pools");
    assert!(s.unfilled[0].reason.contains("IP pool of 20 addresses"), "{}", s.unfilled[0].reason);
}

/// Every address text of a plan, wherever it is written.
fn address_texts(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for s in &plan.segments {
        out.extend(s.gateway.iter().cloned());
        out.extend(s.dns.iter().chain(&s.dhcp).chain(&s.ip_pools).cloned());
    }
    out.extend(plan.reserved.iter().map(|r| r.addresses.clone()));
    for c in &plan.clusters {
        out.extend(c.control_plane_ip.iter().cloned());
        out.extend(c.lb_pools.iter().cloned());
    }
    if let Some(b) = &plan.resource_bridge {
        out.extend([b.control_plane_ip.clone(), b.appliance_vm_ips.clone()].into_iter().filter(|a| !a.trim().is_empty()));
    }
    out.sort();
    out
}

#[test]
fn converting_keeps_every_address_and_check_says_what_the_move_needs() {
    let vmware = Plan::example();
    let al = aksarc_netplan::convert::convert(&vmware, aksarc_netplan::model::PlatformId::AzureLocal).unwrap();
    assert_eq!(address_texts(&al), address_texts(&vmware));
    assert_eq!(al.segments[0].ip_pools, ["10.20.0.100-10.20.0.199"]);
    assert_eq!(al.reserved.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["vCenter", "ESXi hosts", "Arc resource bridge (VMware) control plane IP", "Arc resource bridge (VMware) appliance VM IPs"]);
    // The example converts cleanly: gateway, DNS, a pool of 100 for 14, explicit control plane IPs outside it.
    assert_eq!(rules(&evaluate(&al)), []);
    assert_eq!(aksarc_netplan::convert::convert(&al, aksarc_netplan::model::PlatformId::AzureLocal).unwrap(), al, "converting twice changes nothing");
    // A segment without gateway or DNS, or a pool too small: the findings say what the move needs.
    let mut bare = vmware.clone();
    bare.segments[0].gateway = None;
    bare.segments[0].dns.clear();
    bare.segments[0].dhcp = vec!["10.20.0.100-10.20.0.109".into()];
    let got: Vec<&str> = evaluate(&aksarc_netplan::convert::convert(&bare, aksarc_netplan::model::PlatformId::AzureLocal).unwrap()).findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(got, ["ip-pool-exhausted", "gateway-missing", "dns-missing"]);
}

#[test]
fn the_cli_converts_a_plan() {
    let out = Command::new(env!("CARGO_BIN_EXE_aksarc-netplan"))
        .args(["convert", "azure-local", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contoso.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let plan = Plan::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(plan, aksarc_netplan::convert::convert(&Plan::example(), aksarc_netplan::model::PlatformId::AzureLocal).unwrap());
    // The DHCP scope 10.20.0.100-10.20.0.199 of examples/contoso.json became the IP pool: the
    // DHCP server must stop leasing it, and the CLI says so beside the plan.
    assert_eq!(String::from_utf8_lossy(&out.stderr),
        "Segment aks-seg: 10.20.0.100-10.20.0.199 was a DHCP scope and is now an IP pool; stop the DHCP server leasing it \
         (remove the scope or exclude the range) before Azure Local assigns those addresses.\n\
         The resource bridge's addresses became reserved entries: they stay in use until that bridge is removed.\n");
    let bad = Command::new(env!("CARGO_BIN_EXE_aksarc-netplan")).args(["convert", "hyper-v", "-"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("azure-local"));
}

#[test]
fn converting_says_the_dhcp_server_must_stop_leasing_each_range_that_became_an_ip_pool() {
    use aksarc_netplan::convert::notes;
    let mut vmware = Plan::example();
    vmware.segments[0].dhcp = vec!["10.20.0.100-10.20.0.149".into(), "10.20.0.160-10.20.0.199".into()];
    vmware.segments.push(aksarc_netplan::model::Segment { name: "storage".into(), subnet: "10.30.0.0/24".into(), ..Default::default() });
    vmware.resource_bridge = None;
    // One sentence per network with scopes; a network without scopes and the absent bridge say nothing.
    assert_eq!(notes(&vmware, PlatformId::AzureLocal), [
        "Segment aks-seg: 10.20.0.100-10.20.0.149, 10.20.0.160-10.20.0.199 were DHCP scopes and are now IP pools; \
         stop the DHCP server leasing them (remove the scope or exclude the range) before Azure Local assigns those addresses.",
    ]);
    // The ranges the notes name are the converted plan's IP pools.
    let al = aksarc_netplan::convert::convert(&vmware, PlatformId::AzureLocal).unwrap();
    assert_eq!(al.segments[0].ip_pools, ["10.20.0.100-10.20.0.149", "10.20.0.160-10.20.0.199"]);
    // Nothing to say where nothing converts: a plan on its platform already, or one that does not convert there.
    assert!(notes(&al, PlatformId::AzureLocal).is_empty());
    assert!(notes(&vmware, PlatformId::AksBareMetal).is_empty());
}

proptest! {
    #[test]
    fn converting_any_vmware_plan_keeps_every_address(plan in support::gen::plan(&support::gen::hostile())) {
        let plan = Plan { platform: PlatformId::Vmware, ..plan };
        let converted = aksarc_netplan::convert::convert(&plan, aksarc_netplan::model::PlatformId::AzureLocal).unwrap();
        prop_assert_eq!(address_texts(&converted), address_texts(&plan));
        prop_assert_eq!(converted.platform, PlatformId::AzureLocal);
        // The converted plan always evaluates.
        let _ = evaluate(&converted);
    }
}

#[test]
fn metallb_pools_live_where_each_platform_keeps_them() {
    use aksarc_netplan::exports::{export, Kind};
    let al = export(Kind::Metallb, &example());
    assert_eq!(al.matches("  namespace: kube-system").count(), 2, "{al}");
    let vmware = export(Kind::Metallb, &Plan { platform: PlatformId::Vmware, ..example() });
    assert_eq!(vmware.matches("  namespace: metallb-system").count(), 2, "{vmware}");
}

#[test]
fn no_proxy_lists_the_logical_networks_and_what_aks_needs() {
    use aksarc_netplan::exports::{export, Kind};
    let mut plan = example();
    assert!(!Kind::NoProxy.applies_to(&plan), "no proxy, no NO_PROXY");
    plan.proxy = true;
    plan.segments.push(aksarc_netplan::model::Segment { name: "second".into(), subnet: "10.221.0.0/24".into(), ..Default::default() });
    assert!(Kind::NoProxy.applies_to(&plan));
    let text = export(Kind::NoProxy, &plan);
    let value = text.lines().find_map(|l| l.strip_prefix("NO_PROXY=")).unwrap();
    assert_eq!(value, "10.220.32.0/24,10.221.0.0/24,.svc,kubernetes.default.svc,.svc.cluster.local,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16");
    for limit in ["user name and password", "PAC file", "inspect TLS", ".local"] {
        assert!(text.contains(limit), "{limit}");
    }
    assert!(text.lines().all(|l| l.starts_with('#') || l.starts_with("NO_PROXY=")));
    // VMware cannot use a proxy at all, and the DHCP exports need DHCP.
    let vmware = Plan { platform: PlatformId::Vmware, ..plan.clone() };
    assert!(Kind::NoProxy.why_not(&vmware).unwrap().contains("does not support"));
    assert!(Kind::DhcpExclusions.why_not(&plan).unwrap().contains("IP pool"));
    assert!(Kind::DhcpExclusions.applies_to(&vmware));
}

// ---- deployment commands ---------------------------------------------------------------------

/// Runs an export script with a stand-in `az` on PATH that records its arguments, one call a
/// line; returns (exit code, recorded calls, stderr).
fn run_with_fake_az(script: &str, name: &str, env: &[(&str, &str)]) -> (i32, Vec<Vec<String>>, String) {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("fake-az-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("calls");
    let _ = std::fs::remove_file(&log);
    let az = dir.join("az");
    // Records the call; a lookup (`show ... --query id`) answers with an ID ending in the name.
    std::fs::write(&az, format!("#!/usr/bin/env bash\nprintf '%s\\x1f' \"$@\" >> '{}'\nprintf '\\n' >> '{}'\nif [ \"$2\" = show ] || [ \"$4\" = show ]; then while [ $# -gt 0 ]; do if [ \"$1\" = --name ]; then echo \"/subscriptions/s/resourceGroups/rg/providers/x/$2\"; fi; shift; done; fi\n", log.display(), log.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.join(format!("{name}.sh"));
    std::fs::write(&path, script).unwrap();
    let out = Command::new("bash")
        .arg(&path)
        .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let calls = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('\u{1f}').filter(|a| !a.is_empty()).map(String::from).collect())
        .collect();
    (out.status.code().unwrap_or(-1), calls, String::from_utf8_lossy(&out.stderr).to_string())
}

/// The value after `flag` in one recorded call (several words for the list flags).
fn flag<'a>(call: &'a [String], name: &str) -> Vec<&'a str> {
    let at = call.iter().position(|a| a == name).unwrap_or_else(|| panic!("no {name} in {call:?}"));
    call[at + 1..].iter().take_while(|a| !a.starts_with("--")).map(String::as_str).collect()
}

#[test]
fn az_lnet_creates_each_logical_network_with_the_plans_values() {
    use aksarc_netplan::exports::{export, Kind};
    let mut plan = example();
    plan.segments[0].vlan = 120;
    plan.segments.push(aksarc_netplan::model::Segment {
        name: "Second $(id) net".into(),
        subnet: "10.221.0.0/24".into(),
        gateway: Some("10.221.0.1".into()),
        dns: vec!["10.221.0.2".into()],
        ip_pools: vec!["10.221.0.10-10.221.0.40".into(), "10.221.0.50-10.221.0.60".into()],
        ..Default::default()
    });
    let script = export(Kind::AzLnet, &plan);
    support::shell::assert_clean(&script, "az-lnet.sh");
    assert!(!script.contains("$(id)"), "plan text reached the script unreduced");
    // Without the names the plan does not know, nothing runs.
    let (code, calls, stderr) = run_with_fake_az(&script, "lnet-unset", &[]);
    assert_ne!(code, 0);
    assert!(calls.is_empty() && stderr.contains("RESOURCE_GROUP"), "{stderr}");
    let env = [("RESOURCE_GROUP", "rg-aks"), ("CUSTOM_LOCATION_ID", "/cl-1"), ("VM_SWITCH", "ConvergedSwitch(compute_management)"), ("CREATE", "1")];
    let (code, calls, stderr) = run_with_fake_az(&script, "lnet", &env);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(calls.len(), 2);
    for call in &calls {
        assert_eq!(call[..4], ["stack-hci-vm", "network", "lnet", "create"]);
        assert_eq!(flag(call, "--resource-group"), ["rg-aks"]);
        assert_eq!(flag(call, "--custom-location"), ["/cl-1"]);
        assert_eq!(flag(call, "--vm-switch-name"), ["ConvergedSwitch(compute_management)"]);
        assert_eq!(flag(call, "--ip-allocation-method"), ["Static"]);
        assert_eq!(flag(call, "--location"), ["eastus"]);
    }
    let a = &calls[0];
    assert_eq!(flag(a, "--name"), ["aks-lnet"]);
    assert_eq!(flag(a, "--address-prefixes"), ["10.220.32.0/24"]);
    assert_eq!(flag(a, "--gateway"), ["10.220.32.1"]);
    assert_eq!(flag(a, "--dns-servers"), ["10.220.32.16", "10.220.32.17"]);
    assert_eq!((flag(a, "--ip-pool-start"), flag(a, "--ip-pool-end")), (vec!["10.220.32.18"], vec!["10.220.32.37"]));
    assert_eq!(flag(a, "--vlan"), ["120"]);
    let b = &calls[1];
    assert_eq!(flag(b, "--name"), ["second-id-net"]);
    // Both pools, in one list (a logical network's pools cannot be added later).
    assert_eq!(flag(b, "--ip-pools"),
        [r#"[{"start":"10.221.0.10","end":"10.221.0.40","ip_pool_type":"vm"},{"start":"10.221.0.50","end":"10.221.0.60","ip_pool_type":"vm"}]"#]);
    assert!(!b.iter().any(|x| x == "--vlan"), "VLAN 0 (untagged) is the default");
}

#[test]
fn az_lb_creates_a_load_balancer_per_cluster_with_its_addresses() {
    use aksarc_netplan::exports::{export, Kind};
    let mut plan = example();
    plan.clusters[1].lb_pools = vec!["10.220.32.50".into(), "10.220.32.56/30".into()];
    let script = export(Kind::AzLb, &plan);
    support::shell::assert_clean(&script, "az-lb.sh");
    let (code, calls, stderr) = run_with_fake_az(&script, "lb", &[("RESOURCE_GROUP", "rg-aks"), ("CREATE", "1")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(calls[0][..2], ["extension", "add"]);
    let creates: Vec<&Vec<String>> = calls.iter().filter(|c| c[..3] == ["k8s-runtime", "load-balancer", "create"]).collect();
    assert_eq!(creates.len(), 2);
    assert_eq!(flag(creates[0], "--addresses"), ["10.220.32.47-10.220.32.49"]);
    assert_eq!(flag(creates[0], "--advertise-mode"), ["ARP"]);
    // The connected cluster's ID as `az connectedk8s show` prints it.
    assert_eq!(flag(creates[0], "--resource-uri"), ["/subscriptions/s/resourceGroups/rg/providers/x/cluster-a"]);
    assert_eq!(flag(creates[1], "--addresses"), ["10.220.32.50/32", "10.220.32.56/30"]);
    for call in &creates {
        let name = flag(call, "--load-balancer-name")[0];
        // The CLI takes 3 to 24 letters, digits and dashes.
        assert!((3..=24).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{name}");
    }
    assert!(!Kind::AzLb.applies_to(&Plan::example()));
}

#[test]
fn az_aksarc_validates_each_cluster_first_and_carries_its_network_and_control_plane_ip() {
    use aksarc_netplan::exports::{export, Kind};
    let mut plan = example();
    plan.clusters[1].control_plane_ip = Some("10.220.32.40".into());
    plan.clusters[1].node_pools.push(aksarc_netplan::model::NodePool { name: "GPU Pool-2 (A16)".into(), nodes: 2 });
    plan.clusters[1].node_pools.push(aksarc_netplan::model::NodePool { name: "x".into(), nodes: 4 });
    let script = export(Kind::AzAksarc, &plan);
    support::shell::assert_clean(&script, "az-aksarc.sh");
    let env = [("RESOURCE_GROUP", "rg-aks"), ("CUSTOM_LOCATION_ID", "/cl-1"), ("AAD_ADMIN_GROUP", "g-1")];
    // Without CREATE=1 nothing runs.
    let (code, calls, stderr) = run_with_fake_az(&script, "aksarc", &env);
    assert_eq!(code, 0, "{stderr}");
    assert!(calls.is_empty(), "{calls:?}");
    // CREATE=1 validates each cluster, creates it, then adds its other node pools with names Azure takes.
    let mut with_create = env.to_vec();
    with_create.push(("CREATE", "1"));
    let (code, calls, stderr) = run_with_fake_az(&script, "aksarc-create", &with_create);
    assert_eq!(code, 0, "{stderr}");
    let creates: Vec<&Vec<String>> = calls.iter().filter(|c| c[..2] == ["aksarc", "create"]).collect();
    let shows: Vec<&Vec<String>> = calls.iter().filter(|c| c[..4] == ["stack-hci-vm", "network", "lnet", "show"]).collect();
    // The logical network's ID is looked up once, for both clusters.
    assert_eq!((creates.len(), shows.len()), (4, 1));
    assert_eq!(flag(shows[0], "--name"), ["aks-lnet"]);
    assert_eq!(flag(creates[0], "--name"), ["cluster-a"]);
    assert!(creates[0].iter().any(|a| a == "--validate") && !creates[1].iter().any(|a| a == "--validate"), "validation first");
    assert!(!creates[1].iter().any(|a| a == "--control-plane-ip"), "automatic from the pool");
    assert_eq!(flag(creates[3], "--control-plane-ip"), ["10.220.32.40"]);
    assert_eq!(flag(creates[3], "--aad-admin-group-object-ids"), ["g-1"]);
    // The counts: control plane nodes, and the first node pool's nodes at create.
    assert_eq!((flag(creates[1], "--control-plane-count"), flag(creates[1], "--node-count")), (vec!["3"], vec!["5"]));
    assert_eq!((flag(creates[3], "--control-plane-count"), flag(creates[3], "--node-count")), (vec!["1"], vec!["3"]));
    let adds: Vec<Vec<Vec<&str>>> = calls
        .iter()
        .filter(|c| c[..3] == ["aksarc", "nodepool", "add"])
        .map(|c| ["--name", "--cluster-name", "--resource-group", "--node-count"].iter().map(|f| flag(c, f)).collect())
        .collect();
    assert_eq!(adds, [
        [vec!["gpupool2a16"], vec!["cluster-b"], vec!["rg-aks"], vec!["2"]],
        [vec!["pool3"], vec!["cluster-b"], vec!["rg-aks"], vec!["4"]],
    ]);
}
