//! Moving a plan to another platform, as its platform's facts allow (`Platform::converts_to`;
//! today a VMware plan to Azure Local).
//!
//! The move keeps every address and is driven by the target's facts. Where the target's nodes
//! take IP pool addresses instead of DHCP leases, each segment's DHCP scopes become the
//! network's IP pools (the addresses node VMs took by lease, they now take statically). Where
//! the target keeps its own resource bridge elsewhere, the plan's bridge's three addresses
//! become reserved entries (they stay in use until that bridge is gone). The rest is kept as it
//! was, and checking the converted plan says what the move still needs.

use std::fmt;

use crate::model::{Plan, PlatformId, Reserved};
use crate::names::capitalise;
use crate::platform::{self, NodeAddresses, ResourceBridge};

/// The plan's platform cannot be moved to the one asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CannotConvert {
    pub from: PlatformId,
    pub to: PlatformId,
}

impl fmt::Display for CannotConvert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (from, to) = (platform::by_id(self.from), platform::by_id(self.to));
        match from.converts_to {
            Some(other) => write!(f, "a plan for {} converts to {}, not to {}", from.name, platform::by_id(other).name, to.name),
            None => write!(f, "a plan for {} cannot be converted to {}", from.name, to.name),
        }
    }
}

impl std::error::Error for CannotConvert {}

/// The plan moved to platform `to`. A plan that is for `to` already comes back unchanged.
///
/// ```
/// use aksarc_netplan::{convert::convert, model::{Plan, PlatformId}};
/// let plan = convert(&Plan::example(), PlatformId::AzureLocal).unwrap();
/// assert_eq!(plan.platform, PlatformId::AzureLocal);
/// assert_eq!(plan.segments[0].ip_pools, ["10.20.0.100-10.20.0.199"]);
/// assert!(plan.segments[0].dhcp.is_empty() && plan.resource_bridge.is_none());
/// assert!(convert(&plan, PlatformId::Vmware).is_err());
/// ```
pub fn convert(plan: &Plan, to: PlatformId) -> Result<Plan, CannotConvert> {
    let mut out = plan.clone();
    if plan.platform == to {
        return Ok(out);
    }
    let from = platform::of(plan);
    if from.converts_to != Some(to) {
        return Err(CannotConvert { from: plan.platform, to });
    }
    out.platform = to;
    if scopes_become_pools(plan, to) {
        for seg in &mut out.segments {
            let scopes = std::mem::take(&mut seg.dhcp);
            seg.ip_pools.extend(scopes);
        }
    }
    if bridge_leaves(to) {
        if let Some(bridge) = out.resource_bridge.take() {
            for (what, addresses) in [("control plane IP", bridge.control_plane_ip), ("appliance VM IPs", bridge.appliance_vm_ips)] {
                if !addresses.trim().is_empty() {
                    let name = format!("Arc resource bridge ({}) {what}", from.words.short);
                    out.reserved.push(Reserved { name, addresses });
                }
            }
        }
    }
    Ok(out)
}

/// Whether moving `plan` to `to` turns its DHCP scopes into IP pools.
fn scopes_become_pools(plan: &Plan, to: PlatformId) -> bool {
    platform::of(plan).node_addresses == NodeAddresses::Dhcp && platform::by_id(to).node_addresses == NodeAddresses::IpPools
}

/// Whether moving a plan to `to` leaves its resource bridge out of the plan.
fn bridge_leaves(to: PlatformId) -> bool {
    platform::by_id(to).resource_bridge != ResourceBridge::InPlan
}

/// What [`convert`] does to `plan` and what it leaves to do outside the plan, one sentence each,
/// for the CLI and the page's notice: above all, that a DHCP scope that became an IP pool must
/// stop being leased, since the platform then assigns those addresses itself. Nothing when the
/// plan does not convert to `to`.
///
/// ```
/// use aksarc_netplan::{convert::notes, model::{Plan, PlatformId}};
/// let notes = notes(&Plan::example(), PlatformId::AzureLocal);
/// assert!(notes[0].contains("stop the DHCP server leasing it"));
/// ```
pub fn notes(plan: &Plan, to: PlatformId) -> Vec<String> {
    let from = platform::of(plan);
    let mut notes = Vec::new();
    if from.converts_to != Some(to) {
        return notes;
    }
    if scopes_become_pools(plan, to) {
        for seg in plan.segments.iter().filter(|s| !s.dhcp.is_empty()) {
            let (was, it) = if seg.dhcp.len() == 1 { ("was a DHCP scope and is now an IP pool", "it") } else { ("were DHCP scopes and are now IP pools", "them") };
            notes.push(format!(
                "{} {}: {} {was}; stop the DHCP server leasing {it} (remove the scope or exclude the range) before {} assigns those addresses.",
                capitalise(from.words.network), seg.name, seg.dhcp.join(", "), platform::by_id(to).words.short));
        }
    }
    if bridge_leaves(to) && plan.resource_bridge.is_some() {
        notes.push("The resource bridge's addresses became reserved entries: they stay in use until that bridge is removed.".into());
    }
    notes
}
