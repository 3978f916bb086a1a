#![cfg(not(target_arch = "wasm32"))]
//! Plans for AKS Arc on Azure Local multi-rack deployments (SPEC §13): Microsoft's walk-through
//! comes out exactly, every multi-rack rule fires on a small change of it and stays quiet on the
//! nearest valid plan, and Suggest fills pools and load balancer ranges but never a control
//! plane IP. Expected figures are Microsoft's (AKS multi-rack IP address planning, 04/24/2026).

mod support {
    pub mod cases;
}

use aksarc_netplan::check::evaluate;
use aksarc_netplan::model::{Cluster, NodePool, Plan, PlatformId};
use aksarc_netplan::rules::Severity;
use aksarc_netplan::suggest::suggest;
use aksarc_netplan::Report;
use support::cases::{check_cases, Case};

/// The walk-through: one cluster of 3 control plane and 5 worker nodes, three services, on a
/// logical network whose pool of 20 leaves room to scale (the pool and the load balancer range
/// are those of the single-rack page it follows).
fn example() -> Plan {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local-multi-rack.json")).unwrap();
    Plan::from_json(&text).unwrap()
}

fn rules(report: &Report) -> Vec<(&'static str, Severity, String)> {
    report.findings.iter().map(|f| (f.rule.as_str(), f.severity, f.field.clone())).collect()
}

#[test]
fn the_walk_through_plans_10_pool_addresses_and_13_in_all() {
    let plan = example();
    assert_eq!(plan.platform, PlatformId::AzureLocalMultiRack);
    let report = evaluate(&plan);
    // "Plan for 10 IP addresses": 8 node VMs, 1 upgrade node, 1 control plane IP.
    let seg = &report.requirements.segments[0];
    assert_eq!((seg.ip_pool_needed, seg.ip_pool_size), (10, 20));
    let t = &report.requirements.totals;
    assert_eq!(t.ip_pool_needed, 10);
    // "a total of 13 IP addresses": 8 + 1 + 1 + 3 services.
    assert_eq!((t.node_ips, t.control_plane_ips, t.lb_ips), (9, 1, 3));
    assert_eq!((t.all_ips, t.all_ips_recommended), (13, 13));
    assert_eq!(rules(&report), []);
}

const CASES: &[Case] = &[
    Case { what: "a /29 logical network", change: |p| {
            p.segments[0].subnet = "10.220.32.16/29".into();
            p.segments[0].gateway = Some("10.220.32.17".into());
            p.segments[0].dns.clear();
            p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.22".into()];
            p.clusters[0].lb_pools.clear();
            p.clusters[0].services = 0;
            p.clusters[0].control_plane_nodes = 1;
            p.clusters[0].node_pools[0].nodes = 1;
        }, want: &[("subnet-too-small", "segments[0].subnet"), ("dns-missing", "segments[0].dns")] },
    Case { what: "a /28 logical network", change: |p| {
            p.segments[0].subnet = "10.220.32.16/28".into();
            p.segments[0].gateway = Some("10.220.32.17".into());
            p.segments[0].dns = vec!["10.220.32.30".into()];
            p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.24".into()];
            p.clusters[0].lb_pools = vec!["10.220.32.25".into()];
            p.clusters[0].services = 1;
            p.clusters[0].control_plane_nodes = 1;
            p.clusters[0].node_pools[0].nodes = 1;
        }, want: &[] },
    Case { what: "a typed control plane IP", change: |p| p.clusters[0].control_plane_ip = Some("10.220.32.40".into()),
        want: &[("cp-not-supported", "clusters[0].control_plane_ip")] },
    Case { what: "a typed control plane IP inside the pool is only not supported", change: |p| p.clusters[0].control_plane_ip = Some("10.220.32.20".into()),
        want: &[("cp-not-supported", "clusters[0].control_plane_ip")] },
    Case { what: "no pool: the whole prefix, with a warning", change: |p| p.segments[0].ip_pools.clear(),
        want: &[("ip-pool-missing", "segments[0].ip_pools")] },
    Case { what: "no pool on a /28 too small for the cluster", change: |p| {
            p.segments[0].subnet = "10.220.32.16/28".into();
            p.segments[0].gateway = Some("10.220.32.17".into());
            p.segments[0].dns = vec!["10.220.32.30".into()];
            p.segments[0].ip_pools.clear();
            p.clusters[0].lb_pools = vec!["10.220.32.27-10.220.32.29".into()];
        }, want: &[("ip-pool-missing", "segments[0].ip_pools"), ("ip-pool-exhausted", "segments[0].ip_pools")] },
    Case { what: "a pool of 10 for 10", change: |p| p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.27".into()],
        want: &[("ip-pool-tight", "segments[0].ip_pools")] },
    Case { what: "a pool of 9 for 10", change: |p| p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.26".into()],
        want: &[("ip-pool-exhausted", "segments[0].ip_pools")] },
    Case { what: "a load balancer range outside the prefix", change: |p| p.clusters[0].lb_pools = vec!["10.220.33.47-10.220.33.49".into()],
        want: &[("lb-outside-subnet", "clusters[0].lb_pools[0]")] },
    Case { what: "a load balancer range into the pool", change: |p| p.clusters[0].lb_pools = vec!["10.220.32.36-10.220.32.38".into()],
        want: &[("lb-in-ip-pool", "clusters[0].lb_pools[0]")] },
    Case { what: "no gateway (the fabric routes)", change: |p| p.segments[0].gateway = None, want: &[] },
    Case { what: "the fabric's default route inside the pool", change: |p| p.segments[0].gateway = Some("10.220.32.20".into()),
        want: &[("address-conflict", "segments[0].ip_pools[0]")] },
    Case { what: "no DNS server", change: |p| p.segments[0].dns.clear(), want: &[("dns-missing", "segments[0].dns")] },
    Case { what: "2 control plane nodes", change: |p| p.clusters[0].control_plane_nodes = 2,
        want: &[("invalid-count", "clusters[0].control_plane_nodes")] },
    Case { what: "7 control plane nodes (odd)", change: |p| p.clusters[0].control_plane_nodes = 7, want: &[] },
    Case { what: "an empty node pool", change: |p| p.clusters[0].node_pools.push(NodePool { name: "empty".into(), nodes: 0 }),
        want: &[("invalid-count", "clusters[0].node_pools[1].nodes")] },
    Case { what: "40 clusters: no cluster maximum", change: |p| {
            let c = p.clusters[0].clone();
            p.clusters = (0..40).map(|i| Cluster { name: format!("c{i}"), lb_pools: Vec::new(), services: 0, control_plane_nodes: 1,
                node_pools: vec![NodePool { name: "p".into(), nodes: 1 }], ..c.clone() }).collect();
            p.segments[0].subnet = "10.220.32.0/23".into();
            p.segments[0].ip_pools = vec!["10.220.32.18-10.220.33.250".into()];
        }, want: &[] },
    Case { what: "a proxy", change: |p| p.proxy = true, want: &[] },
    Case { what: "a fabric network ID", change: |p| p.segments[0].fabric_network = Some("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedNetworkFabric/l3IsolationDomains/l3/internalNetworks/in1".into()),
        want: &[] },
    Case { what: "a VLAN", change: |p| p.segments[0].vlan = 805, want: &[] },
    Case { what: "DHCP on a logical network", change: |p| p.segments[0].dhcp = vec!["10.220.32.100-10.220.32.150".into()],
        want: &[("lnet-static-only", "segments[0].dhcp"), ("not-applicable", "segments[0].dhcp")] },
    Case { what: "a machine address (bare metal's)", change: |p| p.clusters[0].host_ip = Some("10.220.32.5".into()),
        want: &[("not-applicable", "clusters[0].host_ip")] },
    Case { what: "an IPv6 prefix", change: |p| p.segments[0].subnet = "fd00::/64".into(),
        want: &[("invalid-address", "segments[0].subnet")] },
];

#[test]
fn every_multi_rack_rule_fires_and_stays_quiet_on_the_nearest_valid_plan() {
    check_cases(example, CASES, &["subnet-too-small", "cp-not-supported", "ip-pool-missing", "ip-pool-exhausted", "ip-pool-tight", "lb-outside-subnet",
        "lb-in-ip-pool", "dns-missing", "invalid-count", "address-conflict"]);
}

#[test]
fn severities_are_those_of_section_13() {
    let severity = |change: fn(&mut Plan), rule: &str| {
        let mut plan = example();
        change(&mut plan);
        evaluate(&plan).findings.iter().find(|f| f.rule == rule).map(|f| f.severity)
    };
    // Optional but highly recommended: warnings here, errors on single-rack Azure Local.
    assert_eq!(severity(|p| p.segments[0].ip_pools.clear(), "ip-pool-missing"), Some(Severity::Warning));
    assert_eq!(severity(|p| p.segments[0].dns.clear(), "dns-missing"), Some(Severity::Warning));
    // ARP only: the range must be in the logical network, an error here.
    assert_eq!(severity(|p| p.clusters[0].lb_pools = vec!["10.9.9.9".into()], "lb-outside-subnet"), Some(Severity::Error));
    assert_eq!(severity(|p| p.clusters[0].control_plane_ip = Some("10.220.32.40".into()), "cp-not-supported"), Some(Severity::Error));
    assert_eq!(severity(|p| p.segments[0].subnet = "10.220.32.0/29".into(), "subnet-too-small"), Some(Severity::Error));
}

#[test]
fn without_a_pool_node_vms_share_the_prefix_free_room() {
    let mut plan = example();
    plan.segments[0].ip_pools.clear();
    let seg = &evaluate(&plan).requirements.segments[0];
    // 254 usable addresses, less the fabric's default route, two DNS servers and 3 LB addresses
    // (SPEC §13: the prefix's addresses other than its first and last, outside every claim).
    assert_eq!(seg.ip_pool_size, 254 - 1 - 2 - 3);
    assert_eq!(seg.ip_pool_size, seg.static_free);
}

#[test]
fn suggest_gives_a_pool_and_a_range_but_never_a_control_plane_ip() {
    let mut plan = example();
    plan.segments[0].ip_pools.clear();
    plan.clusters[0].lb_pools.clear();
    let s = suggest(&plan);
    // 10 needed and a quarter more: 13, from the lowest free run (after the fabric's route);
    // then the three services' range from the next run long enough (after the DNS servers).
    let filled: Vec<(&str, &str)> = s.filled.iter().map(|f| (f.field.as_str(), f.value.as_str())).collect();
    assert_eq!(filled, [("segments[0].ip_pools[0]", "10.220.32.2-10.220.32.14"), ("clusters[0].lb_pools[0]", "10.220.32.18-10.220.32.20")]);
    assert!(s.plan.clusters[0].control_plane_ip.is_none());
    let report = evaluate(&s.plan);
    assert!(report.passes(), "{:?}", rules(&report));
    assert_eq!(report.findings.len(), 0, "{:?}", rules(&report));
}
