//! The IP tables: how many addresses each cluster, each segment and the whole plan needs, as the
//! seed's minimum and as the recommended figure.
//!
//! Seed minimum: 1 DHCP lease per worker node, 1 static control plane IP per cluster, 1 static
//! load balancer IP per LoadBalancer service. Recommended: the control plane node VMs and the
//! extra node of a rolling upgrade (one per cluster) take leases too, and the load balancer
//! figure is at least what the pools really hold.

use serde::Serialize;

use crate::claims::{ClaimKind, Resolved};
use crate::intervals::IntervalSet;
use crate::addr::{AddrRange, Family};
use crate::model::Plan;

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
    /// The four lines of the totals table, minimum and recommended side by side.
    ///
    /// ```
    /// use aksarc_netplan::{evaluate, Plan};
    /// let totals = evaluate(&Plan::example()).requirements.totals;
    /// let all = totals.figures()[3];
    /// assert_eq!((all.minimum, all.recommended), (13, 19));
    /// ```
    pub fn figures(&self) -> [Figure; 4] {
        [
            Figure { key: "node_ips", recommended_key: Some("node_ips_recommended"), label: "Node IPs (from DHCP)",
                minimum: self.node_ips as u128, recommended: self.node_ips_recommended as u128,
                why: "Minimum: one lease per worker node (AKS on VMware network requirements). Recommended: also one per control plane node VM and one per cluster for the extra node of a rolling upgrade (AKS Arc IP address planning)." },
            Figure { key: "control_plane_ips", recommended_key: None, label: "Control plane IPs (static, outside DHCP)",
                minimum: self.control_plane_ips as u128, recommended: self.control_plane_ips as u128,
                why: "One per cluster, reserved and excluded from every DHCP scope (AKS on VMware network requirements)." },
            Figure { key: "lb_ips", recommended_key: Some("lb_ips_recommended"), label: "Load balancer IPs (static, outside DHCP)",
                minimum: self.lb_ips as u128, recommended: self.lb_ips_recommended,
                why: "Minimum: one per LoadBalancer service as a starting point (AKS on VMware network requirements). Recommended: what the pools really hold, if more." },
            Figure { key: "all_ips", recommended_key: Some("all_ips_recommended"), label: "All addresses",
                minimum: self.all_ips, recommended: self.all_ips_recommended,
                why: "The sum of the three lines above." },
        ]
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
    let mut on_segment = vec![(0u64, 0u64); plan.segments.len()];
    for (c, s) in clusters.iter().zip(&resolved.cluster_segment) {
        if let Some(s) = *s {
            on_segment[s].0 += c.node_ips;
            on_segment[s].1 += c.node_ips_recommended;
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
        let (node_ips_needed, node_ips_recommended) = on_segment[s];
        segments.push(SegmentRequirement {
            name: seg.name.clone(),
            subnet: seg.subnet.trim().to_string(),
            dhcp_size,
            dhcp_in_use: seg.dhcp_in_use,
            dhcp_available: dhcp_size.saturating_sub(seg.dhcp_in_use as u128),
            node_ips_needed,
            node_ips_recommended,
            static_free: free[s].as_ref().map(|f| f.len()).unwrap_or(0),
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
    totals.all_ips = (totals.node_ips as u128 + totals.control_plane_ips as u128).saturating_add(totals.lb_ips as u128);
    totals.all_ips_recommended = (totals.node_ips_recommended as u128 + totals.control_plane_ips as u128)
        .saturating_add(totals.lb_ips_recommended);
    Requirements { clusters, segments, totals }
}

/// Distinct addresses of a cluster's pools (pools may overlap; that is `lb-overlap`'s business).
pub fn pool_size(pools: &[AddrRange]) -> u128 {
    let v4 = IntervalSet::from_ranges(Family::V4, pools.iter().copied()).len();
    let v6 = IntervalSet::from_ranges(Family::V6, pools.iter().copied()).len();
    v4.saturating_add(v6)
}
