//! DHCP scopes: inside their subnet wherever segments carry them (`CheckGroup::DhcpScopes`);
//! and where node VMs lease their addresses (`CheckGroup::Dhcp`), every segment needs a scope
//! with a lease for each worker node, and better one for each node VM.

use super::{outside_part, Ctx};
use crate::claims::{ClaimKind, Owner};
use crate::finding::Finding;
use crate::names::{capitalise, plural};
use crate::rules::RuleId;

impl Ctx<'_> {
    /// `dhcp-outside-subnet`.
    pub(super) fn dhcp_scopes(&mut self) {
        let network = self.platform.words.network;
        for claim in &self.resolved.claims {
            let (ClaimKind::Dhcp, Owner::Segment(s)) = (claim.kind, claim.owner) else { continue };
            let Some(subnet) = self.resolved.segments[s].subnet else { continue };
            if !subnet.range.contains_range(&claim.range) {
                let seg = &self.plan.segments[s];
                let outside = outside_part(&claim.range, &subnet.range);
                self.out.push(Finding::new(RuleId::DhcpOutsideSubnet, claim.field.clone(), format!(
                    "DHCP scope {} of {network} \"{}\" reaches outside its subnet {}.",
                    claim.range, seg.name, seg.subnet.trim()), outside));
            }
        }
    }

    /// `dhcp-missing`, `dhcp-exhausted`, `dhcp-tight`.
    pub(super) fn dhcp(&mut self) {
        let network = self.platform.words.network;
        let title = capitalise(network);
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            let req = &self.req.segments[s];
            if seg.dhcp.is_empty() {
                self.push(RuleId::DhcpMissing, format!("segments[{s}].dhcp"), format!(
                    "{title} \"{name}\" has no DHCP scope; AKS node VMs get their addresses only from DHCP."));
                continue;
            }
            let avail = req.dhcp_available;
            if avail < req.node_ips_needed as u128 {
                self.push(RuleId::DhcpExhausted, format!("segments[{s}].dhcp"), format!(
                    "{title} \"{name}\" has {} free but its clusters' worker nodes need {}.",
                    plural(avail, "DHCP address", "DHCP addresses"), req.node_ips_needed));
            } else if avail < req.node_ips_recommended as u128 {
                self.push(RuleId::DhcpTight, format!("segments[{s}].dhcp"), format!(
                    "{title} \"{name}\" has {} free: enough for the worker nodes ({}) but not for the recommended {} (control plane nodes and upgrade nodes too).",
                    plural(avail, "DHCP address", "DHCP addresses"), req.node_ips_needed, req.node_ips_recommended));
            }
        }
    }
}
