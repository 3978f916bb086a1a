//! The IP tables: how many addresses each cluster, each segment and the whole plan needs, as the
//! seed's minimum and as the recommended figure.
//!
//! Seed minimum: 1 DHCP lease per worker node, 1 static control plane IP per cluster, 1 static
//! load balancer IP per LoadBalancer service. Recommended: the control plane node VMs and the
//! extra node of a rolling upgrade (one per cluster) take leases too, and the load balancer
//! figure is at least what the pools really hold.

use serde::Serialize;

use crate::claims::{is_blank, ClaimKind, Resolved};
use crate::intervals::IntervalSet;
use crate::addr::{AddrRange, Family};
use crate::model::{Cluster, Plan, PlatformId};
use crate::platform::{self, ControlPlaneIp, NodeAddresses, Platform};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClusterRequirement {
    pub name: String,
    pub segment: String,
    /// Seed minimum: one DHCP lease per worker node.
    pub node_ips: u64,
    /// Worker nodes + control plane node VMs + one upgrade node.
    pub node_ips_recommended: u64,
    pub control_plane_ips: u64,
    /// Seed minimum: one per LoadBalancer service.
    pub lb_ips: u64,
    /// The larger of the services and what the pools hold.
    pub lb_ips_recommended: u128,
    /// Distinct addresses in the cluster's load balancer pools.
    pub lb_pool_size: u128,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SegmentRequirement {
    pub name: String,
    pub subnet: String,
    /// Distinct addresses of the segment's DHCP scopes (overlapping scopes counted once).
    pub dhcp_size: u128,
    pub dhcp_in_use: u32,
    /// `dhcp_size - dhcp_in_use`, never below zero.
    pub dhcp_available: u128,
    /// Seed minimum node IPs of the clusters on this segment.
    pub node_ips_needed: u64,
    pub node_ips_recommended: u64,
    /// Usable addresses of the subnet outside DHCP and every claim of the plan.
    pub static_free: u128,
    /// Azure Local: distinct addresses in the logical network's IP pools (0 on VMware).
    pub ip_pool_size: u128,
    /// Azure Local: pool addresses its clusters take: node VMs, one upgrade node each, and the
    /// control plane IP of each cluster without an explicit one (0 on VMware).
    pub ip_pool_needed: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub node_ips: u64,
    pub node_ips_recommended: u64,
    pub control_plane_ips: u64,
    pub lb_ips: u64,
    pub lb_ips_recommended: u128,
    /// node_ips + control_plane_ips + lb_ips.
    pub all_ips: u128,
    /// node_ips_recommended + control_plane_ips + lb_ips_recommended (19 in the worked example).
    pub all_ips_recommended: u128,
    /// Azure Local: the pool addresses of all clusters (0 on VMware).
    pub ip_pool_needed: u64,
    /// Whose labels the figures take.
    #[serde(skip)]
    pub platform: PlatformId,
}

/// One line of the totals table, as every report shows it (text, Markdown, the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The key of the minimum in the JSON totals (the page's `data-total`).
    pub key: &'static str,
    /// The key of the recommended figure, where it has its own.
    pub recommended_key: Option<&'static str>,
    pub label: &'static str,
    pub minimum: u128,
    pub recommended: u128,
    /// Why, with its source, in one or two sentences.
    pub why: &'static str,
}

impl Totals {
    /// The lines of the totals table, minimum and recommended side by side, labelled as the
    /// plan's platform names them.
    ///
    /// ```
    /// use aksarc_netplan::{evaluate, Plan};
    /// let totals = evaluate(&Plan::example()).requirements.totals;
    /// let all = totals.figures()[3];
    /// assert_eq!((all.minimum, all.recommended), (13, 19));
    /// ```
    pub fn figures(&self) -> Vec<Figure> {
        let t = &platform::by_id(self.platform).figures;
        let mut lines = vec![
            Figure { key: "node_ips", recommended_key: Some("node_ips_recommended"), label: t.node_ips.0,
                minimum: self.node_ips as u128, recommended: self.node_ips_recommended as u128, why: t.node_ips.1 },
            Figure { key: "control_plane_ips", recommended_key: None, label: t.control_plane_ips.0,
                minimum: self.control_plane_ips as u128, recommended: self.control_plane_ips as u128, why: t.control_plane_ips.1 },
            Figure { key: "lb_ips", recommended_key: Some("lb_ips_recommended"), label: t.lb_ips.0,
                minimum: self.lb_ips as u128, recommended: self.lb_ips_recommended, why: t.lb_ips.1 },
        ];
        if let Some((label, why)) = t.ip_pool {
            lines.push(Figure { key: "ip_pool_needed", recommended_key: None, label,
                minimum: self.ip_pool_needed as u128, recommended: self.ip_pool_needed as u128, why });
        }
        lines.push(Figure { key: "all_ips", recommended_key: Some("all_ips_recommended"), label: "All addresses",
            minimum: self.all_ips, recommended: self.all_ips_recommended,
            why: t.all });
        lines
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Requirements {
    pub clusters: Vec<ClusterRequirement>,
    pub segments: Vec<SegmentRequirement>,
    pub totals: Totals,
}

/// Everything in the plan that takes an address, per family, the platform's internal ranges
/// included (they are claims too): what a static address must stay clear of.
pub fn taken(resolved: &Resolved, family: Family) -> IntervalSet {
    IntervalSet::from_ranges(family, resolved.claims.iter().filter(|c| c.kind != ClaimKind::Subnet).map(|c| c.range))
}

/// Free static addresses of every segment (None where the subnet did not parse), lowest first.
pub fn free_static(resolved: &Resolved) -> Vec<Option<IntervalSet>> {
    let taken_v4 = taken(resolved, Family::V4);
    let taken_v6 = taken(resolved, Family::V6);
    resolved
        .segments
        .iter()
        .map(|seg| {
            let usable = seg.subnet?.usable()?;
            let taken = if usable.family == Family::V4 { &taken_v4 } else { &taken_v6 };
            Some(taken.clip(&usable).complement_within(&usable))
        })
        .collect()
}

/// Computes the tables.
pub fn requirements(plan: &Plan, resolved: &Resolved) -> Requirements {
    let mut clusters = Vec::with_capacity(plan.clusters.len());
    let pools = resolved.lb_pools();
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let workers: u64 = cluster.node_pools.iter().map(|p| p.nodes as u64).sum();
        let lb_pool_size = pool_size(&pools[c]);
        clusters.push(ClusterRequirement {
            name: cluster.name.clone(),
            segment: cluster.segment.clone(),
            node_ips: workers,
            node_ips_recommended: workers + cluster.control_plane_nodes as u64 + 1,
            control_plane_ips: 1,
            lb_ips: cluster.services as u64,
            lb_ips_recommended: lb_pool_size.max(cluster.services as u128),
            lb_pool_size,
        });
    }

    // Node IPs of the clusters on each segment, in one pass over the clusters.
    let platform = platform::of(plan);
    let mut on_segment = vec![(0u64, 0u64, 0u64); plan.segments.len()];
    for ((c, s), cluster) in clusters.iter().zip(&resolved.cluster_segment).zip(&plan.clusters) {
        if let Some(s) = *s {
            on_segment[s].0 += c.node_ips;
            on_segment[s].1 += c.node_ips_recommended;
            on_segment[s].2 += pool_needed(cluster, platform);
        }
    }

    let free = free_static(resolved);
    let mut segments = Vec::with_capacity(plan.segments.len());
    for (s, seg) in plan.segments.iter().enumerate() {
        let view = &resolved.segments[s];
        let dhcp_size = view
            .subnet
            .map(|sub| sub.range.family)
            .or(view.dhcp.first().map(|r| r.family))
            .map(|f| IntervalSet::from_ranges(f, view.dhcp.iter().copied()).len())
            .unwrap_or(0);
        let (node_ips_needed, node_ips_recommended, ip_pool_needed) = on_segment[s];
        segments.push(SegmentRequirement {
            name: seg.name.clone(),
            subnet: seg.subnet.trim().to_string(),
            dhcp_size,
            dhcp_in_use: seg.dhcp_in_use,
            dhcp_available: dhcp_size.saturating_sub(seg.dhcp_in_use as u128),
            node_ips_needed,
            node_ips_recommended,
            static_free: free[s].as_ref().map(|f| f.len()).unwrap_or(0),
            ip_pool_size: IntervalSet::from_ranges(Family::V4, view.ip_pools.iter().copied()).len(),
            ip_pool_needed,
        });
    }

    let mut totals = Totals::default();
    for c in &clusters {
        totals.node_ips += c.node_ips;
        totals.node_ips_recommended += c.node_ips_recommended;
        totals.control_plane_ips += c.control_plane_ips;
        totals.lb_ips += c.lb_ips;
        totals.lb_ips_recommended = totals.lb_ips_recommended.saturating_add(c.lb_ips_recommended);
    }
    totals.platform = plan.platform;
    totals.ip_pool_needed = plan.clusters.iter().map(|c| pool_needed(c, platform)).sum();
    totals.all_ips = (totals.node_ips as u128 + totals.control_plane_ips as u128).saturating_add(totals.lb_ips as u128);
    totals.all_ips_recommended = (totals.node_ips_recommended as u128 + totals.control_plane_ips as u128)
        .saturating_add(totals.lb_ips_recommended);
    Requirements { clusters, segments, totals }
}

/// The IP pool addresses a cluster takes where nodes take them from pools: its node VMs, one
/// upgrade node, and its control plane IP where the platform takes it from the pool because the
/// plan gives none (a given one lies outside the pools). 0 where nodes lease from DHCP.
fn pool_needed(cluster: &Cluster, platform: &Platform) -> u64 {
    if platform.node_addresses != NodeAddresses::IpPools {
        return 0;
    }
    let workers: u64 = cluster.node_pools.iter().map(|p| p.nodes as u64).sum();
    let automatic_cp = (platform.control_plane_ip == ControlPlaneIp::FromPool && is_blank(cluster.control_plane_ip.as_ref())) as u64;
    cluster.control_plane_nodes as u64 + workers + 1 + automatic_cp
}

/// Distinct addresses of a cluster's pools (pools may overlap; that is `lb-overlap`'s business).
pub fn pool_size(pools: &[AddrRange]) -> u128 {
    let v4 = IntervalSet::from_ranges(Family::V4, pools.iter().copied()).len();
    let v6 = IntervalSet::from_ranges(Family::V6, pools.iter().copied()).len();
    v4.saturating_add(v6)
}
