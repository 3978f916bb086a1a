#![cfg(not(target_arch = "wasm32"))]
//! Bounded work on any input: plans that repeat one thing thousands of times (identical logical
//! networks or segments, one range copied, clusters of one name) go through `check` and every
//! export that applies in work near linear in the plan. Speed is not asserted; the work is,
//! relative to the same plan's check, which the overlap sweep keeps near n log n: an export
//! that walked every segment for every claim, or every address of every copy of a range, takes
//! hundreds of times its check (minutes in a test build), where a linear one takes a few.

mod support {
    pub mod hostile;
}

use std::time::{Duration, Instant};

use aksarc_netplan::check::evaluate;
use aksarc_netplan::exports::{export, export_bytes, Kind};
use aksarc_netplan::model::Plan;
use support::hostile;

/// The shorter of two runs: the machine is shared, and a pause only ever adds time.
fn time<T>(f: impl Fn() -> T) -> (Duration, T) {
    let start = Instant::now();
    let first = f();
    let once = start.elapsed();
    let start = Instant::now();
    let _ = f();
    (once.min(start.elapsed()), first)
}

/// How many checks of the same plan one export may take; `floor` for what every export of a
/// plan does once whatever its size (the firewall list, a workbook's fixed parts).
const TIMES_CHECK: u32 = 12;
const FLOOR: Duration = Duration::from_millis(400);

/// Every export that applies to `plan` takes at most [`TIMES_CHECK`] checks of it (plus
/// [`FLOOR`]); but the workbook and the ARM template, whose writers are slow per row in a test
/// build (every claim a row through a zip writer; a JSON object per resource), each take at most 8 times its own time on `quarter`, the same plan with a quarter
/// of the repeats (4 when linear, 16 when square). Returns the exports' outputs for the
/// caller's own assertions.
fn bounded(what: &str, plan: &Plan, quarter: &Plan, kinds: &[Kind]) -> Vec<(Kind, Vec<u8>)> {
    let (check, report) = time(|| evaluate(plan));
    assert!(!report.findings.is_empty(), "{what}: a hostile plan has findings");
    let limit = check * TIMES_CHECK + FLOOR;
    let mut out = Vec::new();
    for &kind in kinds {
        assert!(kind.applies_to(plan), "{what}: {} applies", kind.name());
        let (took, bytes) = time(|| export_bytes(kind, plan));
        if matches!(kind, Kind::Xlsx | Kind::Arm) {
            let (small, _) = time(|| export_bytes(kind, quarter));
            assert!(took <= small * 8 + FLOOR, "{what}: {} took {took:?}, a quarter of the plan {small:?}", kind.name());
            out.push((kind, bytes));
            continue;
        }
        assert!(took <= limit, "{what}: {} took {took:?}, over {TIMES_CHECK} checks of the plan ({check:?}) and {FLOOR:?}", kind.name());
        out.push((kind, bytes));
    }
    out
}

fn applying(plan: &Plan) -> Vec<Kind> {
    Kind::ALL.into_iter().filter(|k| k.applies_to(plan)).collect()
}

#[test]
fn identical_logical_networks_check_and_export_in_linear_work() {
    let plan = hostile::logical_networks(40_000);
    // The check itself: about as long per network as for a quarter of them.
    let (small, _) = time(|| evaluate(&hostile::logical_networks(10_000)));
    let (large, report) = time(|| evaluate(&plan));
    assert!(large <= small * 12 + FLOOR, "40,000 networks took {large:?}, 10,000 took {small:?}");
    assert_eq!(report.requirements.segments.len(), 40_000);
    let kinds = applying(&plan);
    for want in [Kind::AzLnet, Kind::AzAksarc, Kind::SummaryMd, Kind::PreflightSh] {
        assert!(kinds.contains(&want), "{}", want.name());
    }
    let out = bounded("40,000 logical networks", &plan, &hostile::logical_networks(10_000), &kinds);
    let text = |k: Kind| String::from_utf8(out.iter().find(|(kind, _)| *kind == k).unwrap().1.clone()).unwrap();
    // Every network is created, each under a name of its own.
    assert_eq!(text(Kind::AzLnet).matches("az stack-hci-vm network lnet create").count(), 40_000);
    // One subnet, one map: each claim once, however many networks repeat it.
    let map = text(Kind::MapSvg);
    assert_eq!(map.matches(r#"<g class="network""#).count(), 1);
    assert!(map.contains("40000 networks (l, …) — 10.0.0.0/16"));
    assert!(map.contains("of logical network &quot;l&quot; (and 39997 more at the same addresses)"));
    // Past what one ARM template holds: the reason, counted without making the template.
    let (took, why) = time(|| Kind::Arm.why_not(&plan));
    assert!(why.is_some_and(|w| w.contains("at most 800 resources") && w.contains("needs 40002")));
    assert!(took <= large * TIMES_CHECK + FLOOR, "counting the ARM resources took {took:?}");
}

#[test]
fn identical_segments_give_their_dhcp_exclusions_in_linear_work() {
    let plan = hostile::segments(30_000);
    let kinds = applying(&plan);
    for want in [Kind::DhcpExclusions, Kind::DhcpPs1, Kind::SummaryMd, Kind::MapSvg] {
        assert!(kinds.contains(&want), "{}", want.name());
    }
    let out = bounded("30,000 segments", &plan, &hostile::segments(7_500), &kinds);
    let text = |k: Kind| String::from_utf8(out.iter().find(|(kind, _)| *kind == k).unwrap().1.clone()).unwrap();
    // Each segment names the cluster's control plane IP (inside the scope) and its pool.
    let exclusions = text(Kind::DhcpExclusions);
    assert_eq!(exclusions.matches("# segment s 10.0.0.0/16").count(), 30_000);
    assert_eq!(exclusions.matches("\n10.0.0.10  # inside DHCP scope\n10.0.1.20-10.0.1.29\n").count(), 30_000);
    assert_eq!(text(Kind::DhcpPs1).matches("-StartRange 10.0.0.10 -EndRange 10.0.0.10").count(), 30_000);
    let summary = text(Kind::SummaryMd);
    assert_eq!(summary.matches("| 10.0.0.10 | control plane IP 10.0.0.10 of cluster \"c\" | yes |").count(), 30_000, "{:.3000}", &summary[summary.find("## Addresses").unwrap_or(0)..]);
}

#[test]
fn copies_of_one_range_are_probed_once() {
    for range in ["10.0.16.0/21", "10.0.16.0/20"] {
        let plan = hostile::ranges(10_000, range);
        let out = bounded(&format!("10,000 copies of {range}"), &plan, &hostile::ranges(2_500, range), &applying(&plan));
        let bash = String::from_utf8(out.iter().find(|(kind, _)| *kind == Kind::PreflightSh).unwrap().1.clone()).unwrap();
        // The control plane IP and the range, each address once.
        let probed = bash.lines().filter(|l| l.starts_with("  '10.0.")).count();
        assert_eq!(probed, if range.ends_with("/21") { 1 + 2048 } else { 4096 }, "{range}");
    }
}

#[test]
fn eight_thousand_clusters_of_one_name_go_through_every_export() {
    let plan = hostile::clusters(8_000);
    let out = bounded("8,000 clusters of one name", &plan, &hostile::clusters(2_000), &applying(&plan));
    let text = |k: Kind| String::from_utf8(out.iter().find(|(kind, _)| *kind == k).unwrap().1.clone()).unwrap();
    // Names made unique: the last cluster's MetalLB pool and Azure resources have their own.
    assert!(text(Kind::Metallb).contains("name: c-8000-pool\n"), "MetalLB names");
    // Each validated, then created.
    assert_eq!(text(Kind::AzAksarc).matches("az aksarc create").count(), 16_000);
    assert!(text(Kind::AzAksarc).contains("--name c-8000 "));
    assert!(Kind::Arm.why_not(&plan).is_some_and(|w| w.contains("needs 32001")));
    assert!(!export(Kind::SummaryMd, &plan).is_empty());
}
