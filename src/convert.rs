//! Moving a plan to another platform: today, a VMware plan to Azure Local.
//!
//! The move keeps every address. Each segment's DHCP scopes become the logical network's IP
//! pools (the addresses node VMs took by lease, they now take statically), and the Arc resource
//! bridge's three addresses become reserved entries (on Azure Local the bridge is Azure Local's
//! own, on the management network, and its old addresses stay in use until it is gone). The rest
//! is kept as it was, and checking the converted plan says what the move still needs.

use crate::model::{Plan, PlatformId, Reserved};

/// The plan as an Azure Local plan. A plan that is one already comes back unchanged.
///
/// ```
/// use aksarc_netplan::{convert::to_azure_local, model::{Plan, PlatformId}};
/// let plan = to_azure_local(&Plan::example());
/// assert_eq!(plan.platform, PlatformId::AzureLocal);
/// assert_eq!(plan.segments[0].ip_pools, ["10.20.0.100-10.20.0.199"]);
/// assert!(plan.segments[0].dhcp.is_empty() && plan.resource_bridge.is_none());
/// ```
pub fn to_azure_local(plan: &Plan) -> Plan {
    let mut out = plan.clone();
    if plan.platform == PlatformId::AzureLocal {
        return out;
    }
    out.platform = PlatformId::AzureLocal;
    for seg in &mut out.segments {
        let scopes = std::mem::take(&mut seg.dhcp);
        seg.ip_pools.extend(scopes);
    }
    if let Some(bridge) = out.resource_bridge.take() {
        for (what, addresses) in [("control plane IP", bridge.control_plane_ip), ("appliance VM IPs", bridge.appliance_vm_ips)] {
            if !addresses.trim().is_empty() {
                out.reserved.push(Reserved { name: format!("Arc resource bridge (VMware) {what}"), addresses });
            }
        }
    }
    out
}
