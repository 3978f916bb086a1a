#![cfg(not(target_arch = "wasm32"))]
//! The worked examples of the seed and FACTS.md, which must come out exactly, and the
//! per-segment figures of `examples/contoso.json` worked out by hand.

use aksarc_netplan::check::evaluate;
use aksarc_netplan::model::{Cluster, NodePool, Plan, Segment, EXAMPLE_JSON};
use aksarc_netplan::requirements::{ClusterRequirement, SegmentRequirement};

fn contoso() -> Plan {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contoso.json")).unwrap();
    Plan::from_json(&text).unwrap()
}

fn pool(name: &str, nodes: u32) -> NodePool {
    NodePool { name: name.into(), nodes }
}

fn one_segment() -> Segment {
    Segment {
        name: "seg".into(),
        subnet: "10.0.0.0/24".into(),
        dhcp: vec!["10.0.0.100-10.0.0.199".into()],
        ..Segment::default()
    }
}

#[test]
fn seed_three_node_pools_of_three_need_nine_node_ips() {
    let plan = Plan {
        segments: vec![one_segment()],
        clusters: vec![Cluster {
            name: "c".into(),
            segment: "seg".into(),
            control_plane_ip: Some("10.0.0.10".into()),
            node_pools: vec![pool("a", 3), pool("b", 3), pool("c", 3)],
            ..Cluster::default()
        }],
        ..Plan::default()
    };
    let report = evaluate(&plan);
    assert_eq!(report.requirements.clusters[0].node_ips, 9);
    assert_eq!(report.requirements.totals.node_ips, 9);
    assert_eq!(report.requirements.segments[0].node_ips_needed, 9);
    // Recommended: + 1 control plane node VM + 1 upgrade node.
    assert_eq!(report.requirements.totals.node_ips_recommended, 11);
    assert!(report.passes(), "{:?}", report.findings);
}

#[test]
fn seed_five_clusters_need_five_control_plane_ips() {
    let plan = Plan {
        segments: vec![one_segment()],
        clusters: (0..5)
            .map(|i| Cluster {
                name: format!("c{i}"),
                segment: "seg".into(),
                control_plane_ip: Some(format!("10.0.0.{}", 10 + i)),
                node_pools: vec![pool("p", 1)],
                ..Cluster::default()
            })
            .collect(),
        ..Plan::default()
    };
    let report = evaluate(&plan);
    assert_eq!(report.requirements.totals.control_plane_ips, 5);
    assert!(report.requirements.clusters.iter().all(|c| c.control_plane_ips == 1));
    assert!(report.passes(), "{:?}", report.findings);
    // The figure does not depend on whether the IPs are chosen yet.
    let mut unset = plan.clone();
    for c in &mut unset.clusters {
        c.control_plane_ip = None;
    }
    assert_eq!(evaluate(&unset).requirements.totals.control_plane_ips, 5);
}

/// The documented two-cluster example, built here from its description.
fn two_cluster_example() -> Plan {
    Plan {
        segments: vec![one_segment()],
        clusters: vec![
            Cluster {
                name: "A".into(),
                segment: "seg".into(),
                control_plane_ip: Some("10.0.0.20".into()),
                control_plane_nodes: 3,
                node_pools: vec![pool("workers", 5)],
                services: 3,
                lb_pools: vec!["10.0.0.30-10.0.0.32".into()],
                host_ip: None,
                existing: false,
                lb_pools_existing: Vec::new(),
            },
            Cluster {
                name: "B".into(),
                segment: "seg".into(),
                control_plane_ip: Some("10.0.0.21".into()),
                control_plane_nodes: 1,
                node_pools: vec![pool("workers", 3)],
                ..Cluster::default()
            },
        ],
        ..Plan::default()
    }
}

#[test]
fn documented_two_cluster_example_gives_19() {
    for plan in [two_cluster_example(), contoso()] {
        let t = evaluate(&plan).requirements.totals;
        assert_eq!(t.node_ips, 8);
        assert_eq!(t.node_ips_recommended, 14);
        assert_eq!(t.control_plane_ips, 2);
        assert_eq!(t.lb_ips, 3);
        assert_eq!(t.lb_ips_recommended, 3);
        assert_eq!(t.all_ips, 13);
        assert_eq!(t.all_ips_recommended, 19);
    }
}

#[test]
fn contoso_json_is_exactly_the_documented_example() {
    let plan = contoso();
    assert_eq!(plan, Plan::example(), "examples/contoso.json is the built-in example");
    assert_eq!(Plan::from_json(EXAMPLE_JSON).unwrap(), plan);
    let shape: Vec<(u32, u32, u32)> = plan
        .clusters
        .iter()
        .map(|c| (c.control_plane_nodes, c.node_pools.iter().map(|p| p.nodes).sum(), c.services))
        .collect();
    assert_eq!(shape, [(3, 5, 3), (1, 3, 0)]);
    assert!(evaluate(&plan).findings.is_empty(), "{:?}", evaluate(&plan).findings);
}

#[test]
fn contoso_per_cluster_figures() {
    let report = evaluate(&contoso());
    let c: Vec<&ClusterRequirement> = report.requirements.clusters.iter().collect();
    // A: 3 + 2 workers; recommended + 3 control plane VMs + 1 upgrade node; pool .30-.32.
    let a = (c[0].node_ips, c[0].node_ips_recommended, c[0].control_plane_ips, c[0].lb_ips, c[0].lb_pool_size);
    assert_eq!(a, (5, 9, 1, 3, 3));
    let b = (c[1].node_ips, c[1].node_ips_recommended, c[1].control_plane_ips, c[1].lb_ips, c[1].lb_pool_size);
    assert_eq!(b, (3, 5, 1, 0, 0));
    assert_eq!((c[0].name.as_str(), c[0].segment.as_str()), ("cluster-a", "aks-seg"));
}

#[test]
fn contoso_per_segment_figures_by_hand() {
    let report = evaluate(&contoso());
    assert_eq!(report.requirements.segments.len(), 1);
    let s: &SegmentRequirement = &report.requirements.segments[0];
    // DHCP 10.20.0.100-10.20.0.199: 100 addresses, none leased.
    assert_eq!(s.dhcp_size, 100);
    assert_eq!(s.dhcp_in_use, 0);
    assert_eq!(s.dhcp_available, 100);
    assert_eq!(s.node_ips_needed, 8);
    assert_eq!(s.node_ips_recommended, 14);
    // 10.20.0.0/24 has 254 usable addresses (.1-.254). Take away:
    //   DHCP .100-.199                       100
    //   gateway .1, DNS .2 .3                  3
    //   reserved .10, .11-.14                  5
    //   bridge .5, .6-.7                       3
    //   control plane IPs .20 .21              2
    //   LB pool .30-.32                        3
    // 254 - 116 = 138.
    assert_eq!(s.static_free, 138);
}

#[test]
fn contoso_segment_figures_follow_edits() {
    // 30 leases in use: 70 available.
    let mut plan = contoso();
    plan.segments[0].dhcp_in_use = 30;
    let s = &evaluate(&plan).requirements.segments[0];
    assert_eq!((s.dhcp_size, s.dhcp_in_use, s.dhcp_available), (100, 30, 70));

    // A reserved entry inside the static room takes addresses; one inside DHCP or outside the
    // subnet does not (it is not static room of this segment), and a duplicate counts once.
    let mut plan = contoso();
    plan.reserved.push(aksarc_netplan::model::Reserved { name: "printers".into(), addresses: "10.20.0.240/29".into() });
    plan.reserved.push(aksarc_netplan::model::Reserved { name: "in dhcp".into(), addresses: "10.20.0.150".into() });
    plan.reserved.push(aksarc_netplan::model::Reserved { name: "elsewhere".into(), addresses: "192.168.1.1".into() });
    plan.reserved.push(aksarc_netplan::model::Reserved { name: "again".into(), addresses: "10.20.0.10-10.20.0.12".into() });
    assert_eq!(evaluate(&plan).requirements.segments[0].static_free, 138 - 8);

    // A larger LB pool for cluster A: 10 addresses instead of 3, so 7 fewer free and the
    // recommended LB figure is what the pool holds.
    let mut plan = contoso();
    plan.clusters[0].lb_pools = vec!["10.20.0.30-10.20.0.39".into()];
    let r = evaluate(&plan).requirements;
    assert_eq!(r.segments[0].static_free, 131);
    assert_eq!(r.clusters[0].lb_pool_size, 10);
    assert_eq!(r.totals.lb_ips, 3);
    assert_eq!(r.totals.lb_ips_recommended, 10);
    assert_eq!(r.totals.all_ips_recommended, 14 + 2 + 10);
}

#[test]
fn spec_sample_figures() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/spec-sample.json")).unwrap();
    let report = evaluate(&Plan::from_json(&text).unwrap());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let t = &report.requirements.totals;
    // One cluster: 2 pools of 3 workers, 1 control plane node, 3 services, pool .30-.39.
    assert_eq!((t.node_ips, t.node_ips_recommended, t.control_plane_ips, t.lb_ips), (6, 8, 1, 3));
    assert_eq!(t.lb_ips_recommended, 10);
    assert_eq!(t.all_ips_recommended, 8 + 1 + 10);
    let s = &report.requirements.segments[0];
    // 254 usable - 100 DHCP - 3 (gw, DNS) - 5 reserved - 3 bridge - 1 CP - 10 LB.
    assert_eq!(s.static_free, 132);
    assert_eq!(s.dhcp_available, 100);
}

#[test]
fn requirements_split_by_segment() {
    let mut plan = two_cluster_example();
    plan.segments.push(Segment {
        name: "seg2".into(),
        subnet: "10.0.1.0/24".into(),
        dhcp: vec!["10.0.1.100-10.0.1.109".into(), "10.0.1.105-10.0.1.119".into()],
        dhcp_in_use: 4,
        ..Segment::default()
    });
    plan.clusters[1].segment = "seg2".into();
    plan.clusters[1].control_plane_ip = Some("10.0.1.21".into());
    let r = evaluate(&plan).requirements;
    let figures: Vec<(u128, u128, u64, u64)> =
        r.segments.iter().map(|s| (s.dhcp_size, s.dhcp_available, s.node_ips_needed, s.node_ips_recommended)).collect();
    assert_eq!(figures, [(100, 100, 5, 9), (20, 16, 3, 5)]);
    // seg2: 254 usable - 20 DHCP - 1 control plane IP.
    assert_eq!(r.segments[1].static_free, 233);
    // Totals do not change when clusters move between segments.
    assert_eq!((r.totals.node_ips, r.totals.node_ips_recommended, r.totals.all_ips_recommended), (8, 14, 19));
}
