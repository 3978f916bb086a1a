//! The address map: for each segment, where in its subnet every claim, conflict and free run
//! lies, as fractions of the subnet so any renderer (the page's SVG strip, a text list) can draw
//! it without doing address arithmetic.

use serde::{Deserialize, Serialize};

use crate::addr::{parse_set, AddrRange};
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
    pub subnet: String,
    /// Claims in plan order, then conflicts, then free runs.
    pub marks: Vec<Mark>,
    pub free: u128,
}

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

/// The map of every segment whose subnet parses (others have nothing to draw), with what moved
/// since a compared plan where there is one.
pub fn address_maps(plan: &Plan, resolved: &Resolved, conflicts: &[Conflict], moved: Option<&Moved>) -> Vec<SegmentMap> {
    let free = free_static(resolved);
    let conflicts: Vec<(AddrRange, &str)> = conflicts
        .iter()
        .flat_map(|c| c.addresses.iter().filter_map(|a| parse_set(a).ok()).map(move |r| (r, c.message.as_str())))
        .collect();
    let mut maps = Vec::new();
    for (s, seg) in plan.segments.iter().enumerate() {
        let Some(subnet) = resolved.segments[s].subnet else { continue };
        let whole = subnet.range;
        let span = whole.len() as f64;
        let place = |r: &AddrRange| ((r.start - whole.start) as f64 / span, ((r.end - whole.start) as f64 + 1.0) / span);
        let mut marks = Vec::new();
        for claim in &resolved.claims {
            let Some(kind) = kind_of(claim.kind) else { continue };
            let Some(range) = claim.range.intersection(&whole) else { continue };
            let (from, to) = place(&range);
            marks.push(Mark { kind, range, label: capitalise(&claim.label), from, to });
        }
        for (range, message) in &conflicts {
            if let Some(range) = range.intersection(&whole) {
                let (from, to) = place(&range);
                marks.push(Mark { kind: MarkKind::Conflict, range, label: message.to_string(), from, to });
            }
        }
        let moved = moved.into_iter().flat_map(|(new, gone)| {
            new.iter().map(|m| (MarkKind::Changed, m)).chain(gone.iter().map(|m| (MarkKind::Gone, m)))
        });
        for (kind, (range, label)) in moved {
            if let Some(range) = range.intersection(&whole) {
                let (from, to) = place(&range);
                let label = format!("{} ({})", capitalise(label), if kind == MarkKind::Gone { "gone" } else { "new or changed" });
                marks.push(Mark { kind, range, label, from, to });
            }
        }
        let room = free[s].as_ref();
        for range in room.into_iter().flat_map(|f| f.ranges()) {
            let (from, to) = place(&range);
            let label = format!("Free static room {range} ({})", crate::names::plural(range.len(), "address", "addresses"));
            marks.push(Mark { kind: MarkKind::Free, range, label, from, to });
        }
        maps.push(SegmentMap {
            segment: seg.name.clone(),
            subnet: subnet.to_string(),
            marks,
            free: room.map(|f| f.len()).unwrap_or(0),
        });
    }
    maps
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
