//! Logical networks whose node VMs take static addresses from IP pools (`CheckGroup::IpPools`):
//! static only, with a gateway, DNS servers and pools inside the prefix that hold what the
//! clusters need, with room to scale since pools cannot change later.

use super::{outside_part, Ctx};
use crate::claims::{is_blank, Claim, ClaimKind, Owner};
use crate::finding::Finding;
use crate::names::{capitalise, plural};
use crate::rules::{RuleId, Severity};

impl Ctx<'_> {
    /// `lnet-static-only`, `gateway-missing`, `gateway-outside-subnet`, `dns-missing`,
    /// `ip-pool-missing`, `ip-pool-outside-subnet`, `ip-pool-exhausted`, `ip-pool-tight`,
    /// `subnet-edge` for pools.
    pub(super) fn ip_pools(&mut self) {
        let platform = self.platform;
        let network = platform.words.network;
        let title = capitalise(network);
        let mut used = vec![false; self.plan.segments.len()];
        self.resolved.cluster_segment.iter().flatten().for_each(|&s| used[s] = true);
        // Each network's gateway and pools, gathered in one pass over the claims.
        let mut own: Vec<Vec<&Claim>> = vec![Vec::new(); self.plan.segments.len()];
        for claim in &self.resolved.claims {
            if let (Owner::Segment(s), ClaimKind::Gateway | ClaimKind::IpPool) = (claim.owner, claim.kind) {
                own[s].push(claim);
            }
        }
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            if !seg.dhcp.is_empty() {
                self.push(RuleId::LnetStaticOnly, format!("segments[{s}].dhcp"), format!(
                    "{title} \"{name}\" has DHCP scopes; {} takes static {network}s with IP pools only.", platform.name));
            }
            if is_blank(seg.gateway.as_ref()) {
                self.push(RuleId::GatewayMissing, format!("segments[{s}].gateway"), format!(
                    "{title} \"{name}\" has no gateway; AKS Arc needs one inside the prefix."));
            }
            if seg.dns.is_empty() {
                self.push(RuleId::DnsMissing, format!("segments[{s}].dns"), match platform.severity(RuleId::DnsMissing) {
                    Severity::Error => format!("{title} \"{name}\" has no DNS server; AKS Arc needs at least one."),
                    Severity::Warning => format!("{title} \"{name}\" has no DNS server; give one, the nodes resolve Azure and the cluster's names through it."),
                });
            }
            if seg.ip_pools.is_empty() && used[s] {
                self.push(RuleId::IpPoolMissing, format!("segments[{s}].ip_pools"), if platform.pools_optional {
                    format!("{title} \"{name}\" has no IP pool, and clusters use it; their node VMs will take any free address of the prefix, so give them a pool.")
                } else {
                    format!("{title} \"{name}\" has no IP pool, and clusters use it; their node VMs take addresses only from a pool.")
                });
            }
            let Some(subnet) = self.resolved.segments[s].subnet else { continue };
            for claim in &own[s] {
                let outside = !subnet.range.contains_range(&claim.range);
                match claim.kind {
                    ClaimKind::Gateway if outside => self.out.push(Finding::new(RuleId::GatewayOutsideSubnet, claim.field.clone(), format!(
                        "{} is outside the prefix {subnet}.", capitalise(&claim.label)), vec![claim.range.to_string()])),
                    ClaimKind::IpPool => {
                        if outside {
                            self.out.push(Finding::new(RuleId::IpPoolOutsideSubnet, claim.field.clone(), format!(
                                "{} reaches outside the prefix {subnet}.", capitalise(&claim.label)),
                                outside_part(&claim.range, &subnet.range)));
                        }
                        self.edges(claim, &subnet);
                    }
                    _ => {}
                }
            }
            let req = &self.req.segments[s];
            // Without a pool, where the platform allows one, the prefix's free room is the pool.
            let whole_prefix = seg.ip_pools.is_empty();
            if (whole_prefix && !platform.pools_optional) || req.ip_pool_needed == 0 {
                continue;
            }
            let held = if whole_prefix { format!("The free room of {network} \"{name}\" (it has no IP pool) holds") } else { format!("The IP pools of {network} \"{name}\" hold") };
            let (size, needed) = (req.ip_pool_size, req.ip_pool_needed as u128);
            let headroom = platform.pool_headroom.warn_below;
            let roomy = needed + headroom.of(req.ip_pool_needed) as u128;
            if size < needed {
                self.push(RuleId::IpPoolExhausted, format!("segments[{s}].ip_pools"), format!(
                    "{held} {} but its clusters need {needed} (node VMs, an upgrade node per cluster, automatic control plane IPs).",
                    plural(size, "address", "addresses")));
            } else if size < roomy {
                self.push(RuleId::IpPoolTight, format!("segments[{s}].ip_pools"), format!(
                    "{held} {size} addresses for the {needed} its clusters need; pools cannot change once the {network} exists, so leave {} more ({}) to scale.",
                    headroom.words, roomy));
            }
        }
    }
}
