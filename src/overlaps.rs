//! Which overlapping claims break which rule, found with one sweep and bounded however the plan
//! repeats or nests its addresses.
//!
//! Whether two overlapping claims break a rule depends only on their kinds (and, for two IP
//! pools, on their VLANs), so the sweep sorts claims into classes by kind and shows each claim
//! only the classes it can conflict with: a DHCP scope never meets another scope, a claim never
//! meets its own subnet. A rule lists at most [`MAX_PER_RULE`] pairs; the rest are counted
//! from the class sizes without being visited, so 3,000 copies of one range cost 3,000 counts,
//! not 4.5 million findings.

use std::collections::HashMap;

use crate::addr::AddrRange;
use crate::names::capitalise;
use crate::claims::{Claim, ClaimKind, Owner};
use crate::finding::Finding;
use crate::model::Plan;
use crate::platform::Platform;
use crate::rules::RuleId;
use crate::sweep::for_each_overlap_by_class;

/// The most findings one rule lists; the report says how many more there are.
pub const MAX_PER_RULE: usize = 100;

const KINDS: [ClaimKind; 13] = [
    ClaimKind::Subnet,
    ClaimKind::Gateway,
    ClaimKind::Dns,
    ClaimKind::Dhcp,
    ClaimKind::Reserved,
    ClaimKind::BridgeControlPlane,
    ClaimKind::BridgeVm,
    ClaimKind::ControlPlane,
    ClaimKind::LbPool,
    ClaimKind::Internal,
    ClaimKind::IpPool,
    ClaimKind::InfraPool,
    ClaimKind::Host,
];

/// How an overlap of two kinds reads: the rule it breaks, whether the first claim is the one to
/// fix (for two claims of one kind, the later one in plan order is), the verb, and the advice.
struct PairRule {
    rule: RuleId,
    first_is_subject: bool,
    verb: &'static str,
    advice: Advice,
}

/// What a finding of an overlap advises, after the addresses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Advice {
    None,
    /// Keep the address out of the DHCP scope.
    ExcludeOrMove,
    /// The DHCP server should exclude the address.
    ExcludeAtServer,
    /// Pick addresses outside the platform's internal ranges, as its facts list them.
    OutsideInternalRanges,
    /// Reserve the address for the machine at the DHCP server.
    ReserveAtServer,
}

/// The rule two overlapping claims of kinds `a` and `b` break, if any.
fn pair_rule(a: ClaimKind, b: ClaimKind) -> Option<PairRule> {
    use ClaimKind::*;
    let is = |k: ClaimKind| a == k;
    use RuleId as R;
    let (rule, first_is_subject, verb) = match (a, b) {
        (Subnet, Subnet) => (R::SegmentOverlap, false, "overlaps"),
        (Internal, Internal) => return None,
        (Internal, _) | (_, Internal) => (R::InternalCidrOverlap, !is(Internal), "overlaps"),
        (ControlPlane, ControlPlane) => (R::CpDuplicate, false, "is the same address as"),
        (ControlPlane, Dhcp) | (Dhcp, ControlPlane) => (R::CpInDhcp, is(ControlPlane), "lies inside"),
        (LbPool, Dhcp) | (Dhcp, LbPool) => (R::LbInDhcp, is(LbPool), "overlaps"),
        (LbPool, LbPool) => (R::LbOverlap, false, "overlaps"),
        (IpPool, IpPool) => (R::IpPoolOverlap, false, "overlaps"),
        (ControlPlane, IpPool) | (IpPool, ControlPlane) => (R::CpInIpPool, is(ControlPlane), "lies inside"),
        (LbPool, IpPool) | (IpPool, LbPool) => (R::LbInIpPool, is(LbPool), "overlaps"),
        (ControlPlane | LbPool | IpPool, Gateway | Dns | Reserved | InfraPool)
        | (Gateway | Dns | Reserved | InfraPool, ControlPlane | LbPool | IpPool) => {
            (R::AddressConflict, matches!(a, ControlPlane | LbPool | IpPool), "overlaps")
        }
        (ControlPlane, LbPool) | (LbPool, ControlPlane) => (R::AddressConflict, is(ControlPlane), "lies inside"),
        // A machine's address: no cluster address, gateway or DNS server may take it, nor
        // another machine (its own control plane IP, when the same, is one claim).
        (Host, Host) => (R::AddressConflict, false, "is the same address as"),
        (Host, ControlPlane | LbPool) | (ControlPlane | LbPool, Host) => (R::AddressConflict, !is(Host), "overlaps"),
        (Host, Gateway | Dns) | (Gateway | Dns, Host) => (R::AddressConflict, is(Host), "overlaps"),
        (BridgeControlPlane | BridgeVm, Dhcp) | (Dhcp, BridgeControlPlane | BridgeVm) => (R::BridgeInDhcp, !is(Dhcp), "lies inside"),
        (Gateway | Dns | Reserved, Dhcp) | (Dhcp, Gateway | Dns | Reserved) => (R::DhcpContainsReserved, is(Dhcp), "contains"),
        // A cluster's address against the resource bridge's (the cluster is the one to move).
        (x, y) if x.is_static_host() && y.is_static_host() && !matches!((x, y), (BridgeControlPlane | BridgeVm, BridgeControlPlane | BridgeVm)) => {
            (R::AddressConflict, matches!(a, ControlPlane | LbPool), "overlaps")
        }
        (x, Gateway | Dns | Reserved) | (Gateway | Dns | Reserved, x) if x.is_static_host() => {
            (R::AddressConflict, a.is_static_host(), "overlaps")
        }
        _ => return None,
    };
    let advice = match rule {
        R::CpInDhcp | R::LbInDhcp | R::BridgeInDhcp => Advice::ExcludeOrMove,
        R::CpReserve => Advice::ReserveAtServer,
        R::DhcpContainsReserved => Advice::ExcludeAtServer,
        R::InternalCidrOverlap => Advice::OutsideInternalRanges,
        _ => Advice::None,
    };
    Some(PairRule { rule, first_is_subject, verb, advice })
}

/// The rule an overlap breaks on `platform`: the pair's rule where the platform reports it,
/// else the one it reports for the same overlap instead. A control plane IP in a DHCP scope
/// must be excluded there where nodes lease (`cp-in-dhcp`), and reserved for the machine where
/// the machine itself leases (`cp-reserve`).
fn platform_rule(platform: &Platform, a: ClaimKind, b: ClaimKind) -> Option<PairRule> {
    let mut found = pair_rule(a, b)?;
    if !platform.reports(found.rule) {
        found.rule = match found.rule {
            RuleId::CpInDhcp => RuleId::CpReserve,
            _ => return None,
        };
        found.advice = Advice::ReserveAtServer;
    }
    platform.reports(found.rule).then_some(found)
}

/// Every overlap finding of the plan's claims, at most [`MAX_PER_RULE`] per rule; `more` gets
/// how many each rule left out.
/// Only the rules the platform reports are looked for.
pub fn findings(plan: &Plan, platform: &Platform, claims: &[Claim], more: &mut [usize; RuleId::COUNT]) -> Vec<Finding> {
    let pair_rule = |a: ClaimKind, b: ClaimKind| platform_rule(platform, a, b);
    let ranges: Vec<AddrRange> = claims.iter().map(|c| c.range).collect();
    // Classes: one per kind, then one per VLAN for the IP pools (pools on different VLANs may
    // share addresses).
    let kind_class = |k: ClaimKind| KINDS.iter().position(|&x| x == k).unwrap_or(0);
    let mut vlan_class: HashMap<u32, usize> = HashMap::new();
    let pool_class: Vec<Option<usize>> = claims
        .iter()
        .map(|c| match (c.kind, c.owner) {
            (ClaimKind::IpPool, Owner::Segment(s)) => {
                let vlan = plan.segments.get(s).map_or(0, |seg| seg.vlan);
                let next = KINDS.len() + vlan_class.len();
                Some(*vlan_class.entry(vlan).or_insert(next))
            }
            _ => None,
        })
        .collect();
    let meets: Vec<Vec<usize>> =
        KINDS.iter().map(|&a| KINDS.iter().filter(|&&b| pair_rule(a, b).is_some()).map(|&b| kind_class(b)).collect()).collect();
    let mut listed = [0usize; RuleId::COUNT];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for_each_overlap_by_class(
        &ranges,
        KINDS.len() + vlan_class.len(),
        |i| [Some(kind_class(claims[i].kind)), pool_class[i]],
        |i, out| {
            for &class in &meets[kind_class(claims[i].kind)] {
                // An IP pool meets the pools of its own VLAN only.
                let pools = KINDS[class] == ClaimKind::IpPool && claims[i].kind == ClaimKind::IpPool;
                out.push(if pools { pool_class[i].unwrap_or(class) } else { class });
            }
        },
        |i, class, open| {
            let class_kind = KINDS.get(class).copied().unwrap_or(ClaimKind::IpPool);
            let Some(rule) = pair_rule(claims[i].kind, class_kind).map(|r| r.rule) else { return };
            let n = &mut listed[rule.rank()];
            let take = (MAX_PER_RULE - *n).min(open.len());
            pairs.extend(open.iter().take(take).map(|j| (i.min(j), i.max(j))));
            *n += take;
            if open.len() > take {
                more[rule.rank()] += open.len() - take;
            }
        },
    );
    // Listed in plan order.
    pairs.sort_unstable();
    pairs.into_iter().filter_map(|(i, j)| classify(platform, &claims[i], &claims[j])).collect()
}

/// The finding for two overlapping claims, `a` before `b` in plan order.
fn classify(platform: &Platform, a: &Claim, b: &Claim) -> Option<Finding> {
    let PairRule { rule, first_is_subject, verb, advice } = platform_rule(platform, a.kind, b.kind)?;
    let (subject, other) = if first_is_subject { (a, b) } else { (b, a) };
    let shared = a.range.intersection(&b.range)?;
    let at = shared.to_string();
    let advice = match advice {
        Advice::None => String::new(),
        Advice::ExcludeOrMove => "; exclude it from the scope or move it".to_string(),
        Advice::ExcludeAtServer => "; exclude it at the DHCP server".to_string(),
        Advice::OutsideInternalRanges => format!("; pick addresses outside {}", platform.internal_ranges_text()),
        Advice::ReserveAtServer => "; reserve it for the machine at the DHCP server".to_string(),
    };
    let message = if rule == RuleId::CpDuplicate {
        format!("{} {verb} {}.", capitalise(&subject.label), other.label)
    } else {
        format!("{} {verb} {} at {at}{advice}.", capitalise(&subject.label), other.label)
    };
    Some(Finding::new(rule, subject.field.clone(), message, vec![at]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::resolve;

    #[test]
    fn the_two_internal_ranges_never_conflict_with_each_other() {
        assert!(pair_rule(ClaimKind::Internal, ClaimKind::Internal).is_none());
        assert_eq!(pair_rule(ClaimKind::Internal, ClaimKind::LbPool).map(|r| (r.rule, r.first_is_subject)), Some((RuleId::InternalCidrOverlap, false)));
    }

    #[test]
    fn the_sweep_itself_lists_at_most_the_bound_and_counts_the_rest() {
        // Not only the report's final cut: the sweep must not build the pairs it will not list.
        let mut plan = Plan::example();
        plan.clusters[0].lb_pools = vec!["10.20.0.40-10.20.0.49".to_string(); 30];
        let mut more = [0; RuleId::COUNT];
        let found = findings(&plan, crate::platform::of(&plan), &resolve(&plan).claims, &mut more);
        assert_eq!(found.iter().filter(|f| f.rule == "lb-overlap").count(), MAX_PER_RULE);
        assert_eq!(more[RuleId::LbOverlap.rank()], 30 * 29 / 2 - MAX_PER_RULE);
    }
}
