#![cfg(not(target_arch = "wasm32"))]
//! The overlap sweep against the brute-force oracle: on random sets of ranges, and on random
//! whole plans, where every overlap finding of `evaluate` must be exactly what comparing every
//! pair of claims and classifying it by the SPEC's table gives.

mod support {
    pub mod gen;
    pub mod oracle;
}

use std::collections::BTreeSet;

use aksarc_netplan::addr::{AddrRange, Family};
use aksarc_netplan::addressmap::{address_maps, conflicts, MarkKind};
use aksarc_netplan::check::evaluate;
use aksarc_netplan::claims::{resolve, Claim, ClaimKind, Owner};
use aksarc_netplan::model::{Plan, PlatformId};
use aksarc_netplan::sweep::overlapping_pairs;
use proptest::prelude::*;
use proptest::sample::Index;
use support::oracle::overlapping_pairs_brute;

fn family() -> impl Strategy<Value = Family> {
    prop_oneof![Just(Family::V4), Just(Family::V6)]
}

/// One range: mostly in a tiny space near 0 or near the top of the family (so ranges nest,
/// touch and repeat), sometimes single addresses, the whole space, or anywhere at all.
fn range() -> impl Strategy<Value = AddrRange> {
    prop_oneof![
        8 => (family(), 0u128..48, 0u128..12).prop_map(|(family, start, len)| AddrRange { family, start, end: start + len }),
        3 => (family(), 0u128..16, 0u128..12).prop_map(|(family, from_top, len)| {
            let end = family.max() - from_top;
            AddrRange { family, start: end.saturating_sub(len), end }
        }),
        2 => (family(), 0u128..48).prop_map(|(family, at)| AddrRange::single(family, at)),
        1 => family().prop_map(|family| AddrRange::single(family, family.max())),
        1 => family().prop_map(|family| AddrRange { family, start: 0, end: family.max() }),
        1 => (family(), 0u128..48).prop_map(|(family, start)| AddrRange { family, start, end: family.max() }),
        1 => (family(), 0u128..48).prop_map(|(family, end)| AddrRange { family, start: 0, end }),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| AddrRange { family: Family::V4, start: a.min(b) as u128, end: a.max(b) as u128 }),
        1 => (any::<u128>(), any::<u128>()).prop_map(|(a, b)| AddrRange { family: Family::V6, start: a.min(b), end: a.max(b) }),
    ]
}

/// A list of ranges with some entries repeated verbatim (identical ranges).
fn ranges() -> impl Strategy<Value = Vec<AddrRange>> {
    (prop::collection::vec(range(), 0..40), prop::collection::vec(any::<Index>(), 0..6)).prop_map(|(mut v, dups)| {
        if !v.is_empty() {
            for d in dups {
                let r = v[d.index(v.len())];
                v.push(r);
            }
        }
        v
    })
}

fn sweep_sorted(ranges: &[AddrRange]) -> Vec<(usize, usize)> {
    let mut pairs = overlapping_pairs(ranges);
    pairs.sort_unstable();
    pairs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn sweep_equals_brute_force(ranges in ranges()) {
        let got = sweep_sorted(&ranges);
        prop_assert_eq!(got, overlapping_pairs_brute(&ranges));
    }

    #[test]
    fn sweep_does_not_depend_on_input_order(ranges in ranges(), shift in any::<Index>()) {
        // Rotating the input renames the indexes but must find the same pairs.
        let n = ranges.len();
        let k = if n == 0 { 0 } else { shift.index(n) };
        let mut rotated = ranges.clone();
        rotated.rotate_left(k);
        let back = |i: usize| (i + k) % n.max(1);
        let mut mapped: Vec<(usize, usize)> = overlapping_pairs(&rotated)
            .into_iter()
            .map(|(i, j)| (back(i).min(back(j)), back(i).max(back(j))))
            .collect();
        mapped.sort_unstable();
        prop_assert_eq!(mapped, overlapping_pairs_brute(&ranges));
    }
}

#[test]
fn sweep_edge_cases() {
    let v4 = |s: u128, e: u128| AddrRange { family: Family::V4, start: s, end: e };
    let v6 = |s: u128, e: u128| AddrRange { family: Family::V6, start: s, end: e };
    type Case = (Vec<AddrRange>, Vec<(usize, usize)>);
    let cases: Vec<Case> = vec![
        (vec![], vec![]),
        (vec![v4(0, 0)], vec![]),
        // Same numbers, different families: never an overlap.
        (vec![v4(0, 10), v6(0, 10)], vec![]),
        // Touching is not overlapping; sharing one address is.
        (vec![v4(0, 9), v4(10, 19), v4(19, 19)], vec![(1, 2)]),
        // Identical ranges, three times.
        (vec![v6(5, 5), v6(5, 5), v6(5, 5)], vec![(0, 1), (0, 2), (1, 2)]),
        // The whole space against everything of its family.
        (vec![v6(0, u128::MAX), v4(0, u32::MAX as u128), v6(u128::MAX, u128::MAX), v6(0, 0), v4(7, 7)], vec![(0, 2), (0, 3), (1, 4)]),
        // Nested chain.
        (vec![v4(0, 100), v4(10, 90), v4(20, 80), v4(95, 200)], vec![(0, 1), (0, 2), (0, 3), (1, 2)]),
        // A long range opened first must still be seen by a late one after many short ones close.
        (vec![v4(0, 1000), v4(1, 1), v4(2, 2), v4(3, 3), v4(999, 2000)], vec![(0, 1), (0, 2), (0, 3), (0, 4)]),
    ];
    for (ranges, want) in cases {
        assert_eq!(sweep_sorted(&ranges), want, "{ranges:?}");
        assert_eq!(overlapping_pairs_brute(&ranges), want, "oracle on {ranges:?}");
    }
}

// ---- whole plans -------------------------------------------------------------------------

/// Which rule two overlapping claims break, and whose field the finding names, written from the
/// SPEC's rule table independently of `check.rs`. `a` precedes `b` in the plan.
fn spec_classify<'c>(a: &'c Claim, b: &'c Claim) -> Option<(&'static str, &'c Claim)> {
    use ClaimKind::*;
    let cluster = |k: ClaimKind| matches!(k, ControlPlane | LbPool);
    let bridge = |k: ClaimKind| matches!(k, BridgeControlPlane | BridgeVm);
    let fixed = |k: ClaimKind| matches!(k, Gateway | Dns | Reserved);
    let (ka, kb) = (a.kind, b.kind);
    // The claim of kind `pred` in the pair (the other one when both are).
    let which = |pred: &dyn Fn(ClaimKind) -> bool| if pred(ka) { a } else { b };
    Some(match (ka, kb) {
        (Internal, Internal) => return None,
        (Internal, _) => ("internal-cidr-overlap", b),
        (_, Internal) => ("internal-cidr-overlap", a),
        (Subnet, Subnet) => ("segment-overlap", b),
        (Subnet, _) | (_, Subnet) => return None,
        (ControlPlane, ControlPlane) => ("cp-duplicate", b),
        (LbPool, LbPool) => ("lb-overlap", b),
        (ControlPlane, LbPool) | (LbPool, ControlPlane) => ("address-conflict", which(&|k| k == ControlPlane)),
        // Bare metal (SPEC §14, one cluster per machine): a machine's address taken by another
        // machine, a cluster's address, a gateway or a DNS server; DHCP and reserved entries
        // may hold it (the machine may lease it, or be listed as in use).
        (Host, Host) => ("address-conflict", b),
        (Host, x) | (x, Host) if cluster(x) => ("address-conflict", which(&cluster)),
        (Host, Gateway | Dns) | (Gateway | Dns, Host) => ("address-conflict", which(&|k| k == Host)),
        (Host, _) | (_, Host) => return None,
        // Azure Local (SPEC §12.3): IP pools against each other, the cluster's static addresses and
        // the fixed ones; the infrastructure pool counts as a fixed address.
        (IpPool, IpPool) => ("ip-pool-overlap", b),
        (ControlPlane, IpPool) | (IpPool, ControlPlane) => ("cp-in-ip-pool", which(&|k| k == ControlPlane)),
        (LbPool, IpPool) | (IpPool, LbPool) => ("lb-in-ip-pool", which(&|k| k == LbPool)),
        (IpPool, x) | (x, IpPool) if fixed(x) || x == InfraPool => ("address-conflict", which(&|k| k == IpPool)),
        (x, InfraPool) | (InfraPool, x) if cluster(x) => ("address-conflict", which(&cluster)),
        (InfraPool, _) | (_, InfraPool) => return None,
        (Dhcp, Dhcp) => return None,
        (Dhcp, x) | (x, Dhcp) => {
            let other = if ka == Dhcp { b } else { a };
            let dhcp = if ka == Dhcp { a } else { b };
            match x {
                ControlPlane => ("cp-in-dhcp", other),
                LbPool => ("lb-in-dhcp", other),
                k if bridge(k) => ("bridge-in-dhcp", other),
                k if fixed(k) => ("dhcp-contains-reserved", dhcp),
                _ => unreachable!(),
            }
        }
        (x, y) if cluster(x) || cluster(y) => {
            // A cluster's address against the bridge, a gateway, DNS server or reserved entry.
            ("address-conflict", which(&cluster))
        }
        (x, y) if bridge(x) && bridge(y) => return None, // the bridge's own consistency is bridge-invalid
        (x, y) if bridge(x) || bridge(y) => ("address-conflict", which(&bridge)),
        _ => return None, // gateway, DNS and reserved entries among themselves
    })
}

const OVERLAP_RULES: &[&str] = &[
    "ip-pool-overlap",
    "cp-in-ip-pool",
    "lb-in-ip-pool",
    "segment-overlap",
    "internal-cidr-overlap",
    "cp-duplicate",
    "cp-in-dhcp",
    "lb-in-dhcp",
    "lb-overlap",
    "address-conflict",
    "bridge-in-dhcp",
    "dhcp-contains-reserved",
    "cp-reserve",
];

type Key = (String, String, Vec<String>);

/// Overlap rules Azure Local does not report (SPEC §12.3).
const NOT_ON_AZURE_LOCAL: &[&str] = &["segment-overlap", "cp-in-dhcp", "lb-in-dhcp", "bridge-in-dhcp", "dhcp-contains-reserved"];

/// Overlap rules bare metal does not report (SPEC §14: no resource bridge; the machine itself
/// leases, so a control plane IP in its DHCP scope is a reservation to make, `cp-reserve`).
const NOT_ON_BARE_METAL: &[&str] = &["bridge-in-dhcp", "ip-pool-overlap", "cp-in-ip-pool", "lb-in-ip-pool"];

fn brute_findings(plan: &Plan, claims: &[Claim]) -> Vec<Key> {
    let azure_local = matches!(plan.platform, PlatformId::AzureLocal | PlatformId::AzureLocalMultiRack);
    let bare_metal = plan.platform == PlatformId::AksBareMetal;
    // Pools of two logical networks collide only on the same VLAN.
    let same_vlan = |a: &Claim, b: &Claim| match (a.owner, b.owner) {
        (Owner::Segment(x), Owner::Segment(y)) => x == y || plan.segments[x].vlan == plan.segments[y].vlan,
        _ => true,
    };
    let mut out = Vec::new();
    for i in 0..claims.len() {
        for j in i + 1..claims.len() {
            let (a, b) = (&claims[i], &claims[j]);
            if a.range.family != b.range.family || a.range.end < b.range.start || b.range.end < a.range.start {
                continue;
            }
            if let Some((rule, subject)) = spec_classify(a, b)
                .map(|(rule, subject)| (if bare_metal && rule == "cp-in-dhcp" { "cp-reserve" } else { rule }, subject))
                .filter(|(rule, _)| !(azure_local && NOT_ON_AZURE_LOCAL.contains(rule)))
                .filter(|(rule, _)| !(bare_metal && NOT_ON_BARE_METAL.contains(rule)))
                .filter(|(rule, _)| *rule != "ip-pool-overlap" || same_vlan(a, b))
            {
                let shared = AddrRange { family: a.range.family, start: a.range.start.max(b.range.start), end: a.range.end.min(b.range.end) };
                out.push((rule.to_string(), subject.field.clone(), vec![shared.to_string()]));
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn plan_overlap_findings_equal_pairwise_classification(plan in support::gen::plan(&support::gen::small_space())) {
        let claims = resolve(&plan).claims;
        let want = brute_findings(&plan, &claims);
        let report = evaluate(&plan);
        let mut got: Vec<Key> = report
            .findings
            .iter()
            .filter(|f| OVERLAP_RULES.contains(&f.rule.as_str()))
            .map(|f| (f.rule.to_string(), f.field.clone(), f.addresses.clone()))
            .collect();
        got.sort();
        prop_assert_eq!(got, want);
        for f in report.findings.iter().filter(|f| OVERLAP_RULES.contains(&f.rule.as_str())) {
            prop_assert!(f.message.contains(&f.addresses[0]), "{} does not name {}", f.message, f.addresses[0]);
        }
    }
}

#[test]
fn the_plan_generator_makes_overlaps_often() {
    // Guard against a generator that silently stops producing the cases the oracle is for.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = support::gen::plan(&support::gen::small_space());
    let mut seen = std::collections::BTreeSet::new();
    // Plans of four platforms, a few rules each platform's own: 600 plans.
    for _ in 0..600 {
        let plan = strategy.new_tree(&mut runner).unwrap().current();
        for key in brute_findings(&plan, &resolve(&plan).claims) {
            seen.insert(key.0);
        }
    }
    for rule in OVERLAP_RULES {
        assert!(seen.contains(*rule), "600 random plans never produced {rule}; seen {seen:?}");
    }
}

/// What a map of `subnet` must draw, by comparing it with every claim and every conflict: the
/// kind and the addresses within the subnet of each, once.
fn brute_marks(plan: &Plan, subnet: &AddrRange) -> BTreeSet<(&'static str, AddrRange)> {
    let resolved = resolve(plan);
    let drawn = |kind: ClaimKind| match kind {
        ClaimKind::Subnet | ClaimKind::Internal => None,
        ClaimKind::Dhcp => Some("dhcp"),
        ClaimKind::IpPool => Some("pool"),
        ClaimKind::Gateway => Some("gateway"),
        ClaimKind::Dns => Some("dns"),
        ClaimKind::Reserved | ClaimKind::InfraPool => Some("reserved"),
        ClaimKind::BridgeControlPlane | ClaimKind::BridgeVm => Some("bridge"),
        ClaimKind::ControlPlane => Some("cp"),
        ClaimKind::LbPool => Some("lb"),
        ClaimKind::Host => Some("host"),
    };
    let mut want = BTreeSet::new();
    for claim in &resolved.claims {
        if let (Some(kind), Some(range)) = (drawn(claim.kind), claim.range.intersection(subnet)) {
            want.insert((kind, range));
        }
    }
    for c in conflicts(&evaluate(plan)) {
        for range in c.addresses.iter().filter_map(|a| aksarc_netplan::addr::parse_set(a).ok()) {
            if let Some(range) = range.intersection(subnet) {
                want.insert(("conflict", range));
            }
        }
    }
    want
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The maps' sweep draws on each subnet exactly what comparing it with every claim draws,
    /// and every network with a subnet is on exactly one map.
    #[test]
    fn address_maps_draw_what_every_claim_compared_draws(plan in support::gen::plan(&support::gen::small_space())) {
        let resolved = resolve(&plan);
        let maps = address_maps(&plan, &resolved, &conflicts(&evaluate(&plan)), None);
        let with_subnet = resolved.segments.iter().filter(|s| s.subnet.is_some()).count();
        prop_assert_eq!(maps.iter().map(|m| 1 + m.others.len()).sum::<usize>(), with_subnet);
        for map in &maps {
            let subnet = aksarc_netplan::addr::parse_subnet(&map.subnet).unwrap().range;
            let got: BTreeSet<(&'static str, AddrRange)> =
                map.marks.iter().filter(|m| m.kind != MarkKind::Free).map(|m| (m.kind.as_str(), m.range)).collect();
            prop_assert_eq!(got, brute_marks(&plan, &subnet));
            prop_assert_eq!(map.hidden, 0);
        }
    }
}
