//! The management network of the plan (`CheckGroup::Management`): its VLAN, and an
//! infrastructure pool inside its subnet of the size the platform's validator accepts.

use super::plan::MAX_VLAN;
use super::{outside_part, Ctx};
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::names::plural;
use crate::rules::RuleId;

impl Ctx<'_> {
    /// `invalid-count` for its VLAN, `infra-pool-size`, `ip-pool-outside-subnet` and
    /// `subnet-edge` for the infrastructure pool.
    pub(super) fn management(&mut self) {
        let (Some(m), Some(facts)) = (&self.plan.management, self.platform.management) else { return };
        if m.vlan > MAX_VLAN {
            self.push(RuleId::InvalidCount, "management.vlan".into(), format!(
                "The VLAN of the management network is {}; VLAN ids go from 0 (untagged) to {MAX_VLAN}.", m.vlan));
        }
        let Some(infra) = self.resolved.claims.iter().find(|c| c.kind == ClaimKind::InfraPool) else { return };
        let n = infra.range.len();
        let (min, max) = (facts.infra_pool_min, facts.infra_pool_max);
        if !(min..=max).contains(&n) {
            self.out.push(Finding::new(RuleId::InfraPoolSize, infra.field.clone(), format!(
                "The management infrastructure pool {} holds {}; {} needs at least {min} and at most {max}.",
                infra.range, plural(n, "address", "addresses"), self.platform.words.short), Vec::new()));
        }
        if let Some(subnet) = self.resolved.management {
            if !subnet.range.contains_range(&infra.range) {
                self.out.push(Finding::new(RuleId::IpPoolOutsideSubnet, infra.field.clone(), format!(
                    "The management infrastructure pool {} reaches outside the management subnet {}.", infra.range, m.subnet.trim()),
                    outside_part(&infra.range, &subnet.range)));
            } else {
                self.edges(infra, &subnet);
            }
        }
    }
}
