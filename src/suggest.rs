//! Suggest: fills in the addresses a plan still lacks, and touches nothing the user set.
//!
//! Where nodes take IP pool addresses (Azure Local, multi-rack), first an IP pool for each
//! logical network that clusters use and that has none: what they need and a quarter more
//! (Microsoft's example: 16 needed, a pool of 20). Then for each cluster, in plan order: a
//! control plane IP when it has none and the plan must give it (VMware; elsewhere a blank one is
//! the platform's or the machine's), then one contiguous load balancer range when its pools hold
//! fewer addresses than its services (where clusters have load balancers). Addresses come
//! from the free static room of the cluster's own segment (outside DHCP, the subnet's edges and
//! everything already claimed), lowest first, so the same plan always gets the same answer.

use serde::{Deserialize, Serialize};

use crate::addr::AddrRange;
use crate::claims::{is_blank, resolve, Resolved};
use crate::intervals::IntervalSet;
use crate::model::Plan;
use crate::platform::{self, ControlPlaneIp, NodeAddresses};
use crate::requirements::{free_static, pool_size, requirements};

/// One address Suggest filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filled {
    pub field: String,
    pub value: String,
}

/// Something Suggest could not fill, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unfilled {
    pub field: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub plan: Plan,
    pub filled: Vec<Filled>,
    pub unfilled: Vec<Unfilled>,
}

/// Completes the plan.
///
/// ```
/// use aksarc_netplan::{model::Plan, suggest::suggest};
/// let mut plan = Plan::example();
/// plan.clusters[1].control_plane_ip = None;
/// let s = suggest(&plan);
/// assert_eq!(s.filled[0].field, "clusters[1].control_plane_ip");
/// assert!(s.unfilled.is_empty());
/// ```
pub fn suggest(plan: &Plan) -> Suggestion {
    let resolved = resolve(plan);
    let mut free = free_static(&resolved);
    let mut out = plan.clone();
    let mut filled = Vec::new();
    let mut unfilled = Vec::new();

    // Where node VMs and automatic control plane IPs take their addresses from IP pools, a
    // logical network in use without one gets a pool first, before any LB range.
    let platform = platform::of(plan);
    if platform.node_addresses == NodeAddresses::IpPools {
        let headroom = platform.pool_headroom.suggest;
        let needed = requirements(plan, &resolved).segments;
        for (s, seg) in plan.segments.iter().enumerate() {
            let n = needed[s].ip_pool_needed;
            if !seg.ip_pools.is_empty() || n == 0 {
                continue;
            }
            // What Azure has already is planned as it is: said, not filled.
            if seg.existing {
                unfilled.push(Unfilled {
                    field: format!("segments[{s}].ip_pools"),
                    reason: format!("{} \"{}\" exists in Azure", platform.words.network, seg.name),
                });
                continue;
            }
            let size = (n + headroom.of(n)) as u128;
            let field = format!("segments[{s}].ip_pools");
            match free[s].as_ref().and_then(|room| room.first_run(size)) {
                Some(range) => {
                    take(&mut free, &resolved, range);
                    out.segments[s].ip_pools.push(range.to_string());
                    filled.push(Filled { field: format!("{field}[0]"), value: range.to_string() });
                }
                None => unfilled.push(Unfilled {
                    field,
                    reason: format!(
                        "{} \"{}\" needs an IP pool of {size} addresses ({n} and {} more to scale), and the longest free run of its prefix is {}",
                        platform.words.network,
                        seg.name,
                        headroom.words,
                        free[s].as_ref().map_or(0, |room| room.longest_run())
                    ),
                }),
            }
        }
    }

    let pools = resolved.lb_pools();

    for (c, cluster) in plan.clusters.iter().enumerate() {
        // Where the platform takes a blank control plane IP from the pool, blank is complete.
        let cp_missing = platform.control_plane_ip == ControlPlaneIp::Required && is_blank(cluster.control_plane_ip.as_ref());
        let held = pool_size(&pools[c]);
        // Where clusters have no load balancers, their services need no range.
        let services = if platform.load_balancers { cluster.services as u128 } else { 0 };
        let lb_missing = services.saturating_sub(held);
        if !cp_missing && lb_missing == 0 {
            continue;
        }
        // What Azure has already is planned as it is: said, not filled.
        if cluster.existing {
            let reason = format!("cluster \"{}\" exists in Azure", cluster.name);
            leave_unfilled(&mut unfilled, c, cp_missing, lb_missing > 0, reason);
            continue;
        }
        let Some(s) = resolved.cluster_segment[c].filter(|&s| free[s].is_some()) else {
            let reason = format!("cluster \"{}\" has no segment with a valid subnet to take addresses from", cluster.name);
            leave_unfilled(&mut unfilled, c, cp_missing, lb_missing > 0, reason);
            continue;
        };
        let seg_name = &plan.segments[s].name;
        if cp_missing {
            let field = format!("clusters[{c}].control_plane_ip");
            match free[s].as_ref().and_then(|room| room.first_run(1)) {
                Some(addr) => {
                    take(&mut free, &resolved, addr);
                    out.clusters[c].control_plane_ip = Some(addr.to_string());
                    filled.push(Filled { field, value: addr.to_string() });
                }
                None => unfilled.push(Unfilled {
                    field,
                    reason: format!("segment \"{seg_name}\" has no free static address left for the control plane IP of cluster \"{}\"", cluster.name),
                }),
            }
        }
        if lb_missing > 0 {
            let field = format!("clusters[{c}].lb_pools");
            match free[s].as_ref().and_then(|room| room.first_run(lb_missing)) {
                Some(range) => {
                    take(&mut free, &resolved, range);
                    out.clusters[c].lb_pools.push(range.to_string());
                    filled.push(Filled { field: format!("{field}[{}]", out.clusters[c].lb_pools.len() - 1), value: range.to_string() });
                }
                None => unfilled.push(Unfilled {
                    field,
                    reason: format!(
                        "cluster \"{}\" needs {lb_missing} more load balancer addresses in one range, and the longest free run on segment \"{seg_name}\" is {}",
                        cluster.name,
                        free[s].as_ref().map_or(0, |room| room.longest_run())
                    ),
                }),
            }
        }
    }
    Suggestion { plan: out, filled, unfilled }
}

/// Says which of a cluster's blanks stay blank when nothing may be taken for it, and why.
fn leave_unfilled(unfilled: &mut Vec<Unfilled>, c: usize, cp_missing: bool, lb_missing: bool, reason: String) {
    if cp_missing {
        unfilled.push(Unfilled { field: format!("clusters[{c}].control_plane_ip"), reason: reason.clone() });
    }
    if lb_missing {
        unfilled.push(Unfilled { field: format!("clusters[{c}].lb_pools"), reason });
    }
}

/// Takes `range` out of the free room of every segment whose subnet holds any of it, not only
/// the cluster's own: segments may overlap (a `segment-overlap` error, but Suggest must not make
/// it worse by handing the same address to clusters on two of them).
fn take(free: &mut [Option<IntervalSet>], resolved: &Resolved, range: AddrRange) {
    for (room, seg) in free.iter_mut().zip(&resolved.segments) {
        if let (Some(room), Some(subnet)) = (room, seg.subnet) {
            if subnet.range.overlaps(&range) {
                room.remove(range);
            }
        }
    }
}
