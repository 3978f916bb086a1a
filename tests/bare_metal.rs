#![cfg(not(target_arch = "wasm32"))]
//! Plans for AKS on bare metal (preview, SPEC §14): single-node clusters, each one machine whose
//! control plane IP is its own address or one typed beside it. Every bare metal rule fires on a
//! small change of the example and stays quiet on the nearest valid plan. Expected values come
//! from Microsoft's bare metal pages (system requirements and cluster creation, 06/01/2026 and
//! 06/05/2026) as SPEC §14 reads them.

mod support {
    pub mod cases;
}

use aksarc_netplan::check::evaluate;
use aksarc_netplan::model::{NodePool, Plan, PlatformId};
use aksarc_netplan::rules::Severity;
use aksarc_netplan::suggest::suggest;
use support::cases::{check_cases, Case};

/// Two stores' machines on one network with DHCP: store-01's control plane IP left blank (its
/// machine's own address), store-02's typed outside the DHCP scope.
fn example() -> Plan {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aks-bare-metal.json")).unwrap();
    Plan::from_json(&text).unwrap()
}

#[test]
fn two_machines_and_one_typed_control_plane_ip_are_three_addresses() {
    let plan = example();
    assert_eq!(plan.platform, PlatformId::AksBareMetal);
    let report = evaluate(&plan);
    assert_eq!(report.findings, []);
    let t = &report.requirements.totals;
    // One planned address per cluster, the control plane IP: blank, the machine's own.
    assert_eq!((t.node_ips, t.control_plane_ips, t.lb_ips), (2, 1, 0));
    assert_eq!(t.all_ips, 3);
    let c = &report.requirements.clusters;
    assert_eq!((c[0].control_plane_ips, c[1].control_plane_ips), (0, 1));
}

const CASES: &[Case] = &[
    Case { what: "three control plane nodes", change: |p| p.clusters[0].control_plane_nodes = 3,
        want: &[("single-node-only", "clusters[0].control_plane_nodes")] },
    Case { what: "a node pool with workers", change: |p| p.clusters[0].node_pools = vec![NodePool { name: "pool1".into(), nodes: 2 }],
        want: &[("single-node-only", "clusters[0].node_pools[0].nodes")] },
    Case { what: "no node pool (the machine is the node)", change: |p| p.clusters[0].node_pools.clear(), want: &[] },
    Case { what: "no machine address", change: |p| p.clusters[0].host_ip = None,
        want: &[("host-missing", "clusters[0].host_ip")] },
    Case { what: "the control plane IP typed as the machine's address", change: |p| p.clusters[1].control_plane_ip = Some("192.168.10.12".into()),
        want: &[("cp-is-host", "clusters[1].control_plane_ip")] },
    Case { what: "a control plane IP outside the machine's subnet", change: |p| p.clusters[1].control_plane_ip = Some("192.168.11.21".into()),
        want: &[("cp-outside-subnet", "clusters[1].control_plane_ip")] },
    Case { what: "a control plane IP inside the DHCP scope", change: |p| p.clusters[1].control_plane_ip = Some("192.168.10.150".into()),
        want: &[("cp-reserve", "clusters[1].control_plane_ip")] },
    Case { what: "a network without DHCP (static machines)", change: |p| p.segments[0].dhcp.clear(), want: &[] },
    Case { what: "West Europe", change: |p| p.region = "westeurope".into(), want: &[("region-unsupported", "region")] },
    Case { what: "East US spelled with spaces and capitals", change: |p| p.region = "EastUS".into(), want: &[] },
    Case { what: "a name with a dot", change: |p| p.clusters[0].name = "store.01".into(), want: &[("name-invalid", "clusters[0].name")] },
    Case { what: "a name of 28 characters", change: |p| p.clusters[0].name = "s".repeat(28), want: &[("name-invalid", "clusters[0].name")] },
    Case { what: "a name of 27 characters with - and _", change: |p| p.clusters[0].name = format!("a-_{}", "b".repeat(24)), want: &[] },
    Case { what: "a name starting with -", change: |p| p.clusters[0].name = "-store".into(), want: &[("name-invalid", "clusters[0].name")] },
    Case { what: "LoadBalancer services", change: |p| p.clusters[0].services = 2, want: &[("not-applicable", "clusters[0].services")] },
    Case { what: "a load balancer range", change: |p| p.clusters[0].lb_pools = vec!["192.168.10.40-192.168.10.41".into()],
        want: &[("not-applicable", "clusters[0].lb_pools")] },
    Case { what: "two clusters on one machine", change: |p| p.clusters[1].host_ip = Some("192.168.10.11".into()),
        want: &[("address-conflict", "clusters[1].host_ip")] },
    Case { what: "a machine on the gateway's address", change: |p| p.clusters[0].host_ip = Some("192.168.10.1".into()),
        want: &[("address-conflict", "clusters[0].host_ip")] },
    Case { what: "a control plane IP on another machine", change: |p| p.clusters[1].control_plane_ip = Some("192.168.10.11".into()),
        want: &[("address-conflict", "clusters[1].control_plane_ip")] },
    Case { what: "a machine leasing its address from DHCP", change: |p| p.clusters[0].host_ip = Some("192.168.10.120".into()), want: &[] },
    Case { what: "a DNS server inside the DHCP scope", change: |p| p.segments[0].dns = vec!["192.168.10.110".into()],
        want: &[("dhcp-contains-reserved", "segments[0].dhcp[0]")] },
    Case { what: "a DHCP scope past the subnet", change: |p| p.segments[0].dhcp = vec!["192.168.10.100-192.168.11.5".into()],
        want: &[("dhcp-outside-subnet", "segments[0].dhcp[0]")] },
    Case { what: "IP pools (Azure Local's)", change: |p| p.segments[0].ip_pools = vec!["192.168.10.50-192.168.10.60".into()],
        want: &[("not-applicable", "segments[0].ip_pools")] },
    Case { what: "an unknown network", change: |p| p.clusters[0].segment = "elsewhere".into(),
        want: &[("unknown-segment", "clusters[0].segment")] },
];

#[test]
fn every_bare_metal_rule_fires_and_stays_quiet_on_the_nearest_valid_plan() {
    check_cases(example, CASES, &["single-node-only", "host-missing", "cp-is-host", "cp-reserve", "region-unsupported", "name-invalid", "cp-outside-subnet"]);
}

#[test]
fn severities_are_those_of_section_14() {
    let severity = |change: fn(&mut Plan), rule: &str| {
        let mut plan = example();
        change(&mut plan);
        evaluate(&plan).findings.iter().find(|f| f.rule == rule).map(|f| f.severity)
    };
    assert_eq!(severity(|p| p.clusters[0].control_plane_nodes = 3, "single-node-only"), Some(Severity::Error));
    assert_eq!(severity(|p| p.clusters[0].name = "a b".into(), "name-invalid"), Some(Severity::Error));
    assert_eq!(severity(|p| p.clusters[1].control_plane_ip = Some("10.0.0.1".into()), "cp-outside-subnet"), Some(Severity::Error));
    assert_eq!(severity(|p| p.clusters[0].host_ip = None, "host-missing"), Some(Severity::Warning));
    assert_eq!(severity(|p| p.clusters[1].control_plane_ip = Some("192.168.10.12".into()), "cp-is-host"), Some(Severity::Warning));
    assert_eq!(severity(|p| p.clusters[1].control_plane_ip = Some("192.168.10.150".into()), "cp-reserve"), Some(Severity::Warning));
    assert_eq!(severity(|p| p.region = "westus".into(), "region-unsupported"), Some(Severity::Warning));
}

#[test]
fn a_control_plane_ip_in_the_dhcp_scope_says_to_reserve_it() {
    let mut plan = example();
    plan.clusters[1].control_plane_ip = Some("192.168.10.150".into());
    let report = evaluate(&plan);
    let f = report.findings.iter().find(|f| f.rule == "cp-reserve").unwrap();
    assert!(f.message.contains("192.168.10.150") && f.message.contains("reserve it for the machine"), "{}", f.message);
    assert_eq!(f.addresses, ["192.168.10.150"]);
}

#[test]
fn suggest_has_nothing_to_fill_on_bare_metal() {
    let mut plan = example();
    plan.clusters[1].control_plane_ip = None;
    let s = suggest(&plan);
    assert_eq!((s.filled.len(), s.unfilled.len()), (0, 0));
    assert_eq!(s.plan, plan);
}
