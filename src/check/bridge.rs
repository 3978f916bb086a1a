//! The Arc resource bridge on the plan's networks (`CheckGroup::ResourceBridge`): three distinct
//! static addresses, its control plane IP and two appliance VM IPs.

use super::Ctx;
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::names::plural;
use crate::rules::RuleId;

impl Ctx<'_> {
    /// `bridge-invalid`.
    pub(super) fn bridge(&mut self) {
        let Some(bridge) = &self.plan.resource_bridge else { return };
        if bridge.control_plane_ip.trim().is_empty() {
            self.push(RuleId::BridgeInvalid, "resource_bridge.control_plane_ip".into(),
                "The Arc resource bridge has no control plane IP; it needs one static address besides its two appliance VM IPs.".into());
        }
        let vm = self.resolved.claims.iter().find(|c| c.kind == ClaimKind::BridgeVm);
        let text = bridge.appliance_vm_ips.trim();
        match vm {
            Some(claim) if claim.range.len() != 2 => self.push(RuleId::BridgeInvalid, claim.field.clone(), format!(
                "The Arc resource bridge appliance VM IPs {text} hold {}; it needs exactly two.",
                plural(claim.range.len(), "address", "addresses"))),
            None if text.is_empty() => self.push(RuleId::BridgeInvalid, "resource_bridge.appliance_vm_ips".into(),
                "The Arc resource bridge has no appliance VM IPs; it needs exactly two.".into()),
            _ => {}
        }
        let cp = self.resolved.claims.iter().find(|c| c.kind == ClaimKind::BridgeControlPlane);
        if let (Some(cp), Some(vm)) = (cp, vm) {
            if cp.range.overlaps(&vm.range) {
                self.out.push(Finding::new(RuleId::BridgeInvalid, cp.field.clone(), format!(
                    "The Arc resource bridge control plane IP {} is one of its appliance VM IPs {}; the three must differ.",
                    cp.range, vm.range), vec![cp.range.to_string()]));
            }
        }
    }
}
