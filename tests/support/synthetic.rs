#![allow(dead_code)]
//! Synthetic plans of any size, for the benchmarks (native and in the browser) and the tests
//! that need a large plan. Test support, not engine: `benches/engine.rs` includes this file by path.
//!
//! [`plan`] scales the SPEC's reference plan (§11: 1,000 clusters, 3 load balancer pools each,
//! 50 segments, 5,000 reserved entries) to any number of clusters. It is pure arithmetic on the
//! cluster index: the same count always gives the same plan, on every platform.
//!
//! Layout. Segment `s` is the /22 `172.16.0.0 + 1024·s` (so up to 1,024 segments, 20,480
//! clusters, fit in 172.16.0.0/12; larger plans wrap around and their segments overlap). Inside
//! each segment, by offset from its network address:
//!
//! | offsets | use |
//! |---|---|
//! | 1, 2-3 | gateway, DNS servers |
//! | 4, 5-6 | Arc resource bridge (segment 0 only) |
//! | 16-115 | reserved entries, one address each |
//! | 128 + 16·k … +15 | cluster slot `k` (0-19): control plane IP at +0, LB pools at +2..+5 (range), +8/30 (CIDR), +12..+14 (range) |
//! | 512-1022 | the DHCP scope (511 addresses) |
//!
//! Cluster `c` sits on segment `c % segments` in slot `c / segments`; reserved entry `r` on segment
//! `r % segments` at `16 + r / segments`. Segments are `ceil(clusters / 20)` (at least 1), so no
//! segment holds more than 20 clusters or 100 reserved entries.
//!
//! Deliberate conflicts, 1% of the clusters: cluster `c` with `c % 200 == 7` has its control
//! plane IP inside the DHCP scope (`cp-in-dhcp`), and with `c % 200 == 107` its second load
//! balancer pool overlaps its first (`lb-overlap`). Plans of more than 10 clusters also get the
//! `scale-limit` warning. Everything else passes.

use aksarc_netplan::model::{Cluster, NodePool, Plan, Reserved, ResourceBridge, Segment};

/// Clusters per segment, as in the reference plan (1,000 clusters on 50 segments).
pub const CLUSTERS_PER_SEGMENT: usize = 20;
/// Reserved entries per cluster, as in the reference plan (5,000 for 1,000 clusters).
pub const RESERVED_PER_CLUSTER: usize = 5;

/// Offset of segment `s`'s network address inside 172.16.0.0/12 (a /22 each, wrapping).
fn segment_base(s: usize) -> u32 {
    const BASE: u32 = 0xAC10_0000; // 172.16.0.0
    BASE + ((s as u32 % 1024) << 10)
}

fn ip(value: u32) -> String {
    std::net::Ipv4Addr::from(value).to_string()
}

fn range(start: u32, end: u32) -> String {
    format!("{}-{}", ip(start), ip(end))
}

/// How many segments a plan of `clusters` clusters has: `ceil(clusters / 20)`, at least 1.
pub fn segments_for(clusters: usize) -> usize {
    clusters.div_ceil(CLUSTERS_PER_SEGMENT).max(1)
}

/// The plan of [`plan`] as AKS on bare metal: each cluster one machine, its address the slot's
/// first, its control plane IP the machine's own for three in four and typed beside it for the
/// rest; no node pools, no load balancers.
pub fn bare_metal(machines: usize) -> Plan {
    let mut out = plan(machines);
    out.platform = aksarc_netplan::model::PlatformId::AksBareMetal;
    out.resource_bridge = None;
    for segment in &mut out.segments {
        segment.dhcp_in_use = 0;
    }
    let n_segments = segments_for(machines);
    for (c, cluster) in out.clusters.iter_mut().enumerate() {
        let slot = segment_base(c % n_segments) + 128 + 16 * (c / n_segments) as u32;
        cluster.host_ip = Some(ip(slot + 1));
        cluster.control_plane_ip = (c % 4 == 0).then(|| ip(slot + 2));
        cluster.control_plane_nodes = 1;
        cluster.node_pools.clear();
        cluster.services = 0;
        cluster.lb_pools.clear();
    }
    out
}

/// A deterministic plan of `clusters` clusters (see the module documentation for its layout).
///
/// ```
/// use aksarc_netplan::synthetic;
/// let plan = synthetic::plan(100);
/// assert_eq!((plan.clusters.len(), plan.segments.len(), plan.reserved.len()), (100, 5, 500));
/// assert_eq!(plan, synthetic::plan(100));
/// ```
pub fn plan(clusters: usize) -> Plan {
    let name = format!("Synthetic plan, {clusters} clusters");
    let n_segments = segments_for(clusters);
    let segments = (0..n_segments)
        .map(|s| {
            let base = segment_base(s);
            Segment {
                name: format!("seg{s:03}"),
                subnet: format!("{}/22", ip(base)),
                gateway: Some(ip(base + 1)),
                dns: vec![ip(base + 2), ip(base + 3)],
                dhcp: vec![range(base + 512, base + 1022)],
                dhcp_in_use: (20 + s % 50) as u32,
                ..Segment::default()
            }
        })
        .collect();

    let reserved = (0..clusters * RESERVED_PER_CLUSTER)
        .map(|r| {
            let base = segment_base(r % n_segments);
            Reserved { name: format!("host{r:05}"), addresses: ip(base + 16 + (r / n_segments) as u32) }
        })
        .collect();

    let clusters = (0..clusters)
        .map(|c| {
            let base = segment_base(c % n_segments);
            let slot = base + 128 + 16 * (c / n_segments) as u32;
            let control_plane_ip = if c % 200 == 7 {
                // Conflict: inside the DHCP scope (512-1022), a different address per slot.
                ip(base + 900 + (c / n_segments) as u32)
            } else {
                ip(slot)
            };
            let second_pool = if c % 200 == 107 {
                // Conflict: overlaps the first pool (slot + 2..5).
                range(slot + 4, slot + 9)
            } else {
                format!("{}/30", ip(slot + 8))
            };
            let pools = 1 + c % 3;
            let nodes = 2 + (c / 3 % 3) as u32;
            Cluster {
                name: format!("c{c:05}"),
                segment: format!("seg{:03}", c % n_segments),
                control_plane_ip: Some(control_plane_ip),
                control_plane_nodes: if c % 4 == 0 { 3 } else { 1 },
                node_pools: (1..=pools).map(|p| NodePool { name: format!("pool{p}"), nodes }).collect(),
                services: 1 + (c % 8) as u32,
                lb_pools: vec![range(slot + 2, slot + 5), second_pool, range(slot + 12, slot + 14)],
                host_ip: None,
                existing: false,
                lb_pools_existing: Vec::new(),
            }
        })
        .collect();

    let bridge_base = segment_base(0);
    Plan {
        name,
        segments,
        reserved,
        clusters,
        resource_bridge: Some(ResourceBridge {
            control_plane_ip: ip(bridge_base + 4),
            appliance_vm_ips: range(bridge_base + 5, bridge_base + 6),
        }),
        ..Plan::default()
    }
}

/// What the Azure CLI prints for `networks` logical networks and `clusters` clusters, each with
/// one load balancer: the shapes of tests/data/azure/, repeated.
pub fn azure_outputs(networks: usize, clusters: usize) -> (Vec<(String, String)>, usize) {
    let sub = "/subscriptions/0000/resourceGroups/rg/providers";
    let lnets: Vec<String> = (0..networks)
        .map(|n| {
            let (a, b) = (10 + n / 250, n % 250);
            format!(r#"{{"id": "{sub}/Microsoft.AzureStackHCI/logicalNetworks/lnet{n}", "name": "lnet{n}", "type": "microsoft.azurestackhci/logicalnetworks",
  "properties": {{"dhcpOptions": {{"dnsServers": ["10.{a}.{b}.2"]}}, "subnets": [{{"name": "lnet{n}", "properties": {{"addressPrefix": "10.{a}.{b}.0/24",
  "ipPools": [{{"start": "10.{a}.{b}.10", "end": "10.{a}.{b}.99", "info": {{"used": "40", "available": "50"}}}}],
  "routeTable": {{"properties": {{"routes": [{{"properties": {{"addressPrefix": "0.0.0.0/0", "nextHopIpAddress": "10.{a}.{b}.1"}}}}]}}}}, "vlan": 0}}}}]}}}}"#)
        })
        .collect();
    let instances: Vec<String> = (0..clusters)
        .map(|c| {
            let n = c % networks;
            format!(r#"{{"id": "{sub}/Microsoft.Kubernetes/connectedClusters/c{c}/providers/Microsoft.HybridContainerService/provisionedClusterInstances/default", "name": "default",
  "type": "microsoft.hybridcontainerservice/provisionedclusterinstances", "properties": {{"agentPoolProfiles": [{{"name": "nodepool1", "count": 3}}],
  "cloudProviderProfile": {{"infraNetworkProfile": {{"vnetSubnetIds": ["{sub}/Microsoft.AzureStackHCI/logicalNetworks/lnet{n}"]}}}}, "controlPlane": {{"count": 1}}}}}}"#)
        })
        .collect();
    let lbs: Vec<String> = (0..clusters)
        .map(|c| {
            let n = c % networks;
            let (a, b) = (10 + n / 250, n % 250);
            let k = 100 + (c / networks) * 2;
            format!(r#"{{"id": "{sub}/Microsoft.Kubernetes/connectedClusters/c{c}/providers/Microsoft.KubernetesRuntime/loadBalancers/lb", "addresses": ["10.{a}.{b}.{k}-10.{a}.{b}.{}"], "advertiseMode": "ARP"}}"#, k + 1)
        })
        .collect();
    let list = |items: Vec<String>| format!("[{}]", items.join(",\n"));
    (vec![("lnets.json".into(), list(lnets)), ("clusters.json".into(), list(instances)), ("lbs.json".into(), list(lbs))], networks + 2 * clusters)
}
