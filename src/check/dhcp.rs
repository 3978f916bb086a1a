//! Segments whose node VMs lease their addresses (`CheckGroup::Dhcp`): every segment needs a
//! scope inside its subnet with a lease for each worker node, and better one for each node VM.

use super::{outside_part, Ctx};
use crate::claims::{Claim, ClaimKind, Owner};
use crate::finding::Finding;
use crate::names::{capitalise, plural};
use crate::rules::RuleId;

impl Ctx<'_> {
    /// `dhcp-missing`, `dhcp-outside-subnet`, `dhcp-exhausted`, `dhcp-tight`.
    pub(super) fn dhcp(&mut self) {
        // Each segment's DHCP claims in plan order, gathered in one pass (not one pass per segment).
        let resolved = self.resolved;
        let mut scopes_of: Vec<Vec<&Claim>> = vec![Vec::new(); self.plan.segments.len()];
        for claim in &resolved.claims {
            if let (ClaimKind::Dhcp, Owner::Segment(s)) = (claim.kind, claim.owner) {
                scopes_of[s].push(claim);
            }
        }
        let network = self.platform.words.network;
        let title = capitalise(network);
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            let view = &self.resolved.segments[s];
            let req = &self.req.segments[s];
            if seg.dhcp.is_empty() {
                self.push(RuleId::DhcpMissing, format!("segments[{s}].dhcp"), format!(
                    "{title} \"{name}\" has no DHCP scope; AKS node VMs get their addresses only from DHCP."));
            }
            if let Some(subnet) = view.subnet {
                for claim in &scopes_of[s] {
                    if !subnet.range.contains_range(&claim.range) {
                        let outside = outside_part(&claim.range, &subnet.range);
                        self.out.push(Finding::new(RuleId::DhcpOutsideSubnet, claim.field.clone(), format!(
                            "DHCP scope {} of {network} \"{name}\" reaches outside its subnet {}.",
                            claim.range, seg.subnet.trim()), outside));
                    }
                }
            }
            if seg.dhcp.is_empty() {
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
