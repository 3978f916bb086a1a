//! The address map: for each subnet of the plan's networks (networks of one subnet share it),
//! where every claim, conflict and free run lies, as fractions of the subnet so any renderer
//! (the page's SVG strip, a text list) can draw it without doing address arithmetic.

use std::collections::hash_map::{Entry, HashMap};
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::addr::{parse_set, AddrRange, Family};
use crate::check::Report;
use crate::names::capitalise;
use crate::claims::{ClaimKind, Resolved};
use crate::model::Plan;
use crate::requirements::free_static;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Dhcp,
    /// Azure Local: an IP pool, where node VMs take their addresses (DHCP's role on VMware).
    IpPool,
    Gateway,
    Dns,
    Reserved,
    Bridge,
    ControlPlane,
    LbPool,
    /// Bare metal: a machine's own address.
    Host,
    /// Addresses of an error finding (drawn on top, in red).
    Conflict,
    Free,
    /// Comparing with another plan: addresses this plan added or moved (outlined).
    Changed,
    /// Comparing with another plan: addresses it had that this plan no longer claims (dashed).
    Gone,
}

impl MarkKind {
    /// A stable word for styling and tests (`class="mark-dhcp"`).
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Dhcp => "dhcp",
            MarkKind::IpPool => "pool",
            MarkKind::Gateway => "gateway",
            MarkKind::Dns => "dns",
            MarkKind::Reserved => "reserved",
            MarkKind::Bridge => "bridge",
            MarkKind::ControlPlane => "cp",
            MarkKind::LbPool => "lb",
            MarkKind::Host => "host",
            MarkKind::Conflict => "conflict",
            MarkKind::Free => "free",
            MarkKind::Changed => "changed",
            MarkKind::Gone => "gone",
        }
    }

    /// Its colour in the light theme: the page's style sheet (`--m-*` in parts.css) and the SVG
    /// export use the same, which a test holds them to.
    pub fn colour(self) -> &'static str {
        match self {
            MarkKind::Dhcp => "#9ec5fe",
            MarkKind::IpPool => "#c5b3f6",
            MarkKind::Gateway => "#6c757d",
            MarkKind::Dns => "#adb5bd",
            MarkKind::Reserved => "#b08968",
            MarkKind::Bridge => "#8e44ad",
            MarkKind::ControlPlane => "#1a7f37",
            MarkKind::LbPool => "#e67e22",
            MarkKind::Host => "#0b7285",
            MarkKind::Conflict => "#d62828",
            MarkKind::Free => "#d3f0da",
            MarkKind::Changed | MarkKind::Gone => "#1b1f24",
        }
    }

    /// Where it sits across a strip 40 units high, as (top, height): ranges that hold addresses
    /// for others (free room, DHCP, pools) and conflicts fill it, single claims sit in its middle,
    /// the outlines of what changed just inside its edges. The page and the SVG export alike.
    pub fn band(self) -> (u32, u32) {
        match self {
            MarkKind::Free | MarkKind::Dhcp | MarkKind::IpPool | MarkKind::Conflict => (0, 40),
            MarkKind::Changed | MarkKind::Gone => (2, 36),
            _ => (8, 24),
        }
    }

    /// Its place in [`DRAWING_ORDER`]: later is drawn on top.
    pub fn layer(self) -> usize {
        DRAWING_ORDER.iter().position(|k| *k == self).unwrap_or(0)
    }

    /// What the legend calls it.
    pub fn legend(self) -> &'static str {
        match self {
            MarkKind::Dhcp => "DHCP scope",
            MarkKind::IpPool => "IP pool",
            MarkKind::Gateway => "gateway",
            MarkKind::Dns => "DNS server",
            MarkKind::Reserved => "reserved",
            MarkKind::Bridge => "resource bridge",
            MarkKind::ControlPlane => "control plane IP",
            MarkKind::LbPool => "load balancer pool",
            MarkKind::Host => "machine",
            MarkKind::Conflict => "conflict",
            MarkKind::Free => "free static room",
            MarkKind::Changed => "new or changed since the compared plan",
            MarkKind::Gone => "gone since the compared plan",
        }
    }
}

/// The order marks are drawn in, on the page and in the SVG export: wide ranges first,
/// conflicts on top, and over them the outlines of what changed since a compared plan.
pub const DRAWING_ORDER: [MarkKind; 13] = [
    MarkKind::Free, MarkKind::Dhcp, MarkKind::IpPool, MarkKind::Reserved, MarkKind::Gateway, MarkKind::Dns,
    MarkKind::Bridge, MarkKind::LbPool, MarkKind::Host, MarkKind::ControlPlane, MarkKind::Conflict,
    MarkKind::Gone, MarkKind::Changed,
];

/// The kinds the maps draw, in drawing order: what a legend lists, so each platform's legend
/// has only what its plan has.
pub fn drawn_kinds(maps: &[SegmentMap]) -> Vec<MarkKind> {
    DRAWING_ORDER.into_iter().filter(|k| maps.iter().any(|m| m.marks.iter().any(|x| x.kind == *k))).collect()
}

/// One thing drawn on a segment's strip.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    /// The addresses, clipped to the subnet.
    pub range: AddrRange,
    /// A sentence for the tooltip and the text version.
    pub label: String,
    /// Where it starts and ends along the strip, from 0 to 1.
    pub from: f64,
    pub to: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentMap {
    pub segment: String,
    /// The other networks of the same subnet, drawn by this map.
    pub others: Vec<String>,
    pub subnet: String,
    /// Claims, conflicts and what moved, in address order, then free runs.
    pub marks: Vec<Mark>,
    pub free: u128,
    /// Marks left out: a map draws at most [`MARKS_PER_MAP`], all maps together
    /// [`MARKS_IN_ALL`].
    pub hidden: usize,
}

impl SegmentMap {
    /// Whether the map draws the network of this name.
    pub fn draws(&self, network: &str) -> bool {
        self.segment == network || self.others.iter().any(|o| o == network)
    }

    /// The networks it draws, for a caption: their names, or how many there are and the first
    /// few names.
    pub fn networks(&self) -> String {
        const NAMED: usize = 3;
        let all = std::iter::once(&self.segment).chain(&self.others);
        let mut names: Vec<&str> = Vec::new();
        for name in all {
            if names.len() == NAMED {
                break;
            }
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        let total = self.others.len() + 1;
        match names.len() {
            n if n < total => format!("{total} networks ({}, …)", names.join(", ")),
            1 => names[0].to_string(),
            n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }

    /// The sentence under a map that left marks out; empty when it drew them all.
    pub fn hidden_note(&self) -> String {
        match self.hidden {
            0 => String::new(),
            n => format!("{n} more {} not drawn: a map draws at most {MARKS_PER_MAP}, all maps of a plan {MARKS_IN_ALL}.",
                if n == 1 { "mark" } else { "marks" }),
        }
    }
}

/// The most marks one network's map draws. A strip a thousand pixels wide shows no more, and a
/// plan that repeats one network thousands of times must not draw every copy's claims on every
/// copy: that picture grows with the square of the plan.
pub const MARKS_PER_MAP: usize = 2_000;
/// The most marks all maps of a plan draw together.
pub const MARKS_IN_ALL: usize = 20_000;

fn kind_of(kind: ClaimKind) -> Option<MarkKind> {
    Some(match kind {
        ClaimKind::Dhcp => MarkKind::Dhcp,
        ClaimKind::Gateway => MarkKind::Gateway,
        ClaimKind::Dns => MarkKind::Dns,
        ClaimKind::Reserved => MarkKind::Reserved,
        ClaimKind::BridgeControlPlane | ClaimKind::BridgeVm => MarkKind::Bridge,
        ClaimKind::ControlPlane => MarkKind::ControlPlane,
        ClaimKind::LbPool => MarkKind::LbPool,
        ClaimKind::IpPool => MarkKind::IpPool,
        ClaimKind::InfraPool => MarkKind::Reserved,
        ClaimKind::Host => MarkKind::Host,
        ClaimKind::Subnet | ClaimKind::Internal => return None,
    })
}

/// The addresses of an error finding, drawn in red with its message. Apart from the report
/// because the page's first module, which runs the checks, hands these to the second, which
/// draws the map: the checks run once per change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub addresses: Vec<String>,
    pub message: String,
}

/// The report's error findings that name addresses.
pub fn conflicts(report: &Report) -> Vec<Conflict> {
    report
        .findings
        .iter()
        .filter(|f| f.fails() && !f.addresses.is_empty())
        .map(|f| Conflict { addresses: f.addresses.clone(), message: f.message.clone() })
        .collect()
}

/// What changed against a compared plan (`diff::moved_addresses`): addresses this plan added
/// or moved, and those the other plan had that are gone.
pub type Moved = (Vec<(AddrRange, String)>, Vec<(AddrRange, String)>);

/// Something to draw, before it is placed on a map: past a few identical ones (one kind, one
/// range), one item stands for the rest, its label saying how many.
struct Item<'a> {
    kind: MarkKind,
    range: AddrRange,
    label: Label<'a>,
    more: usize,
}

enum Label<'a> {
    Claim(&'a str),
    Conflict(&'a str),
    Moved(MarkKind, &'a str),
}

impl Item<'_> {
    fn label(&self) -> String {
        let text = match self.label {
            Label::Claim(label) => capitalise(label),
            Label::Conflict(message) => message.to_string(),
            Label::Moved(kind, label) => {
                format!("{} ({})", capitalise(label), if kind == MarkKind::Gone { "gone" } else { "new or changed" })
            }
        };
        match self.more {
            0 => text,
            n => format!("{text} (and {n} more at the same addresses)"),
        }
    }
}

/// The map of every subnet of the plan's segments that parses (others have nothing to draw),
/// with what moved since a compared plan where there is one.
///
/// Work near linear in the plan: identical marks past a few merge first, then one sweep along
/// the address line keeps the marks that cover the point a subnet starts at, so each map
/// visits only the marks it draws (at most [`MARKS_PER_MAP`]), not every claim of the plan.
pub fn address_maps(plan: &Plan, resolved: &Resolved, conflicts: &[Conflict], moved: Option<&Moved>) -> Vec<SegmentMap> {
    let free = free_static(resolved);
    let items = items(resolved, conflicts, moved);
    // Networks of one subnet share one map: the same marks, the same free room.
    let mut spaces: Vec<(AddrRange, Vec<usize>)> = Vec::new();
    let mut seen: HashMap<AddrRange, usize> = HashMap::new();
    for (s, view) in resolved.segments.iter().enumerate() {
        let Some(subnet) = view.subnet else { continue };
        match seen.entry(subnet.range) {
            Entry::Occupied(e) => spaces[*e.get()].1.push(s),
            Entry::Vacant(e) => {
                e.insert(spaces.len());
                spaces.push((subnet.range, vec![s]));
            }
        }
    }
    let subnets: Vec<AddrRange> = spaces.iter().map(|(range, _)| *range).collect();
    // Each map's free runs, counted once: drawn after its marks while its allowance lasts.
    let runs: Vec<usize> = spaces.iter().map(|(_, segments)| free[segments[0]].as_ref().map_or(0, |f| f.ranges().count())).collect();
    // First how many marks each map has, to share the plan's allowance in plan order; then the
    // marks themselves.
    let mut wanted = vec![0usize; subnets.len()];
    sweep(&items, &subnets, |m, active, inside| wanted[m] = active.len() + inside.len());
    let mut left = MARKS_IN_ALL;
    let allowed: Vec<usize> = (0..subnets.len())
        .map(|m| {
            let take = (wanted[m] + runs[m]).min(MARKS_PER_MAP).min(left);
            left -= take;
            take
        })
        .collect();
    let mut drawn: Vec<Vec<Mark>> = (0..subnets.len()).map(|_| Vec::new()).collect();
    sweep(&items, &subnets, |m, active, inside| {
        let chosen = active.iter().map(|&(_, i)| &items[i]).chain(inside).take(allowed[m]);
        drawn[m] = chosen.filter_map(|item| mark(&subnets[m], item.kind, item.range, item.label())).collect();
        drawn[m].sort_by_key(|mark| (mark.range, mark.kind.layer()));
    });
    let mut maps = Vec::with_capacity(spaces.len());
    for (m, (whole, segments)) in spaces.iter().enumerate() {
        let mut marks = std::mem::take(&mut drawn[m]);
        let room = free[segments[0]].as_ref();
        let space = allowed[m] - marks.len();
        marks.extend(room.into_iter().flat_map(|f| f.ranges()).take(space).filter_map(|range| {
            let label = format!("Free static room {range} ({})", crate::names::plural(range.len(), "address", "addresses"));
            mark(whole, MarkKind::Free, range, label)
        }));
        let names = |s: &usize| plan.segments[*s].name.clone();
        maps.push(SegmentMap {
            segment: names(&segments[0]),
            others: segments[1..].iter().map(names).collect(),
            subnet: resolved.segments[segments[0]].subnet.map(|n| n.to_string()).unwrap_or_default(),
            hidden: wanted[m] + runs[m] - marks.len(),
            marks,
            free: room.map(|f| f.len()).unwrap_or(0),
        });
    }
    maps
}

/// A mark of `range` on the map of `whole`, clipped to it; `None` when they do not meet.
fn mark(whole: &AddrRange, kind: MarkKind, range: AddrRange, label: String) -> Option<Mark> {
    let range = range.intersection(whole)?;
    let span = whole.len() as f64;
    let from = (range.start - whole.start) as f64 / span;
    let to = ((range.end - whole.start) as f64 + 1.0) / span;
    Some(Mark { kind, range, label, from, to })
}

/// Every claim, conflict and move as items in address order; of identical ones (one kind, one
/// range) the first [`ALIKE_DRAWN`] in plan order, the last of them counting the rest.
fn items<'a>(resolved: &'a Resolved, conflicts: &'a [Conflict], moved: Option<&'a Moved>) -> Vec<Item<'a>> {
    let mut all: Vec<Item<'a>> = Vec::new();
    for claim in &resolved.claims {
        if let Some(kind) = kind_of(claim.kind) {
            all.push(Item { kind, range: claim.range, label: Label::Claim(&claim.label), more: 0 });
        }
    }
    for c in conflicts {
        for range in c.addresses.iter().filter_map(|a| parse_set(a).ok()) {
            all.push(Item { kind: MarkKind::Conflict, range, label: Label::Conflict(&c.message), more: 0 });
        }
    }
    if let Some((new, gone)) = moved {
        let moved = new.iter().map(|m| (MarkKind::Changed, m)).chain(gone.iter().map(|m| (MarkKind::Gone, m)));
        for (kind, (range, label)) in moved {
            all.push(Item { kind, range: *range, label: Label::Moved(kind, label), more: 0 });
        }
    }
    // Stable: identical items stay in plan order.
    all.sort_by_key(|i| (i.range, i.kind.layer()));
    let mut merged: Vec<Item<'a>> = Vec::with_capacity(all.len());
    let mut alike = 0;
    for item in all {
        match merged.last_mut() {
            Some(last) if last.range == item.range && last.kind == item.kind => {
                alike += 1;
                if alike < ALIKE_DRAWN {
                    merged.push(item);
                } else {
                    last.more += 1;
                }
            }
            _ => {
                alike = 0;
                merged.push(item);
            }
        }
    }
    merged
}

/// How many marks of one kind and one range are drawn each with its own label; the last of
/// them stands for the rest too. A few owners of one address are each named; thousands are not
/// drawn thousands of times.
const ALIKE_DRAWN: usize = 3;

/// Calls `each(map, active, inside)` for every map's subnet: `active` holds the
/// items (by end, then index) that start before the subnet and reach into it, `inside` those
/// that start within it. Subnets are visited in address order, items entered and left once.
fn sweep<'a>(items: &'a [Item<'a>], subnets: &[AddrRange], mut each: impl FnMut(usize, &BTreeSet<((Family, u128), usize)>, &'a [Item<'a>])) {
    let mut order: Vec<usize> = (0..subnets.len()).collect();
    order.sort_by_key(|&s| (subnets[s].family, subnets[s].start));
    let mut active = BTreeSet::new();
    let mut next = 0;
    for s in order {
        let whole = subnets[s];
        let at = (whole.family, whole.start);
        while next < items.len() && (items[next].range.family, items[next].range.start) < at {
            active.insert(((items[next].range.family, items[next].range.end), next));
            next += 1;
        }
        while active.first().is_some_and(|(end, _)| *end < at) {
            active.pop_first();
        }
        let rest = &items[next..];
        let inside = rest.partition_point(|i| (i.range.family, i.range.start) <= (whole.family, whole.end));
        each(s, &active, &rest[..inside]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::evaluate;
    use crate::claims::resolve;

    #[test]
    fn example_map() {
        let plan = Plan::example();
        let maps = address_maps(&plan, &resolve(&plan), &conflicts(&evaluate(&plan)), None);
        assert_eq!(maps.len(), 1);
        let m = &maps[0];
        assert_eq!(m.free, 138);
        let dhcp = m.marks.iter().find(|k| k.kind == MarkKind::Dhcp).unwrap();
        assert_eq!(dhcp.range.to_string(), "10.20.0.100-10.20.0.199");
        assert!((dhcp.from - 100.0 / 256.0).abs() < 1e-9 && (dhcp.to - 200.0 / 256.0).abs() < 1e-9);
        assert!(m.marks.iter().all(|k| k.kind != MarkKind::Conflict));
    }

    #[test]
    fn conflicts_are_marked() {
        let mut plan = Plan::example();
        plan.clusters[0].control_plane_ip = Some("10.20.0.150".into());
        let maps = address_maps(&plan, &resolve(&plan), &conflicts(&evaluate(&plan)), None);
        let c = maps[0].marks.iter().find(|k| k.kind == MarkKind::Conflict).unwrap();
        assert_eq!(c.range.to_string(), "10.20.0.150");
    }

    #[test]
    fn what_moved_since_a_compared_plan_is_marked() {
        let old = Plan::example();
        let mut new = old.clone();
        new.clusters[0].lb_pools = vec!["10.20.0.40-10.20.0.41".into()];
        let moved = crate::diff::moved_addresses((&old, &resolve(&old)), (&new, &resolve(&new)));
        let maps = address_maps(&new, &resolve(&new), &[], Some(&moved));
        let marked = |kind| maps[0].marks.iter().filter(|m| m.kind == kind).map(|m| m.range.to_string()).collect::<Vec<_>>();
        assert_eq!(marked(MarkKind::Changed), ["10.20.0.40-10.20.0.41"]);
        assert_eq!(marked(MarkKind::Gone), [old.clusters[0].lb_pools[0].replace(' ', "")]);
    }

    #[test]
    fn networks_of_one_subnet_share_a_map_and_identical_claims_few_marks() {
        let mut plan = Plan::example();
        let mut copy = plan.segments[0].clone();
        copy.name = "copy".into();
        plan.segments.extend(std::iter::repeat_n(copy, 4));
        let maps = address_maps(&plan, &resolve(&plan), &conflicts(&evaluate(&plan)), None);
        assert_eq!(maps.len(), 1);
        assert_eq!(maps[0].others, ["copy"; 4]);
        assert_eq!(maps[0].networks(), format!("5 networks ({}, copy, …)", plan.segments[0].name));
        assert!(maps[0].draws("copy") && !maps[0].draws("other"));
        // Five gateways at one address: three drawn, the third standing for the other two.
        let gateways: Vec<&Mark> = maps[0].marks.iter().filter(|m| m.kind == MarkKind::Gateway).collect();
        assert_eq!(gateways.len(), 3);
        assert!(!gateways[1].label.contains("more"));
        assert!(gateways[2].label.ends_with("of segment \"copy\" (and 2 more at the same addresses)"), "{}", gateways[2].label);
    }

    #[test]
    fn a_map_draws_at_most_its_share_and_counts_the_rest() {
        let mut plan = Plan::example();
        plan.segments[0].subnet = "10.20.0.0/16".into();
        // Every other address of 10.20.64.0/18 a load balancer pool: 8,192 marks wanted, and
        // free runs between.
        plan.clusters[0].lb_pools = (0..8_192u32).map(|i| format!("10.20.{}.{}", 64 + i * 2 / 256, i * 2 % 256)).collect();
        let maps = address_maps(&plan, &resolve(&plan), &[], None);
        let m = &maps[0];
        assert_eq!(m.marks.len(), MARKS_PER_MAP);
        assert!(m.hidden > 8_192 - MARKS_PER_MAP, "{}", m.hidden);
        assert!(m.hidden_note().starts_with(&format!("{} more marks not drawn", m.hidden)));
        // The first of them in address order are drawn.
        assert!(m.marks.iter().any(|k| k.range.to_string() == "10.20.64.0"));
    }

    #[test]
    fn the_page_and_the_svg_export_paint_alike() {
        // The light theme's colours, the first `:root` block of the parts' style sheet.
        let css = include_str!("../static/parts.css");
        let root = &css[css.find(":root {").unwrap()..];
        let root = &root[..root.find('}').unwrap()];
        let kinds = [
            MarkKind::Dhcp, MarkKind::IpPool, MarkKind::Gateway, MarkKind::Dns, MarkKind::Reserved, MarkKind::Bridge,
            MarkKind::ControlPlane, MarkKind::LbPool, MarkKind::Host, MarkKind::Conflict, MarkKind::Free,
        ];
        for k in kinds {
            let var = format!("--m-{}: {};", k.as_str(), k.colour());
            assert!(root.contains(&var), "parts.css has no {var}");
        }
        // IP pools and DHCP scopes are told apart.
        assert_ne!(MarkKind::IpPool.colour(), MarkKind::Dhcp.colour());
    }

    #[test]
    fn every_kind_is_styled_and_has_its_own_legend() {
        // The map is drawn by the second module, with the stylesheet it brings.
        let css = include_str!("../static/parts.css");
        let kinds = [
            MarkKind::Dhcp, MarkKind::IpPool, MarkKind::Gateway, MarkKind::Dns, MarkKind::Reserved, MarkKind::Bridge,
            MarkKind::ControlPlane, MarkKind::LbPool, MarkKind::Conflict, MarkKind::Free, MarkKind::Host,
            MarkKind::Changed, MarkKind::Gone,
        ];
        let mut legends = std::collections::HashSet::new();
        for k in kinds {
            assert!(css.contains(&format!(".mark-{} {{", k.as_str())), "no style for mark-{}", k.as_str());
            assert!(!k.legend().is_empty() && legends.insert(k.legend()), "{k:?}");
        }
    }
}
