#![cfg(not(target_arch = "wasm32"))]
//! The synthetic plans the benchmarks time are what they claim to be: the reference size, a few
//! deliberate conflicts and nothing else.

mod support {
    pub mod synthetic;
}

use aksarc_netplan::check::evaluate;
use support::synthetic::plan;

#[test]
fn reference_size_counts() {
    let plan = plan(1_000);
    assert_eq!(plan.clusters.len(), 1_000);
    assert_eq!(plan.segments.len(), 50);
    assert_eq!(plan.reserved.len(), 5_000);
    assert_eq!(plan.clusters.iter().map(|c| c.lb_pools.len()).sum::<usize>(), 3_000);
    assert!(plan.clusters.iter().all(|c| [1, 3].contains(&c.control_plane_nodes)));
    assert_eq!(plan, support::synthetic::plan(1_000), "the generator is deterministic");
}

#[test]
fn some_but_few_findings() {
    let report = evaluate(&plan(1_000));
    let count = |rule: &str| report.findings.iter().filter(|f| f.rule == rule).count();
    // 1% of the clusters carry a deliberate conflict: 5 of each kind, plus the scale warning.
    assert_eq!(count("cp-in-dhcp"), 5);
    assert_eq!(count("lb-overlap"), 5);
    assert_eq!(count("scale-limit"), 1);
    assert_eq!(report.findings.len(), 11, "{:#?}", report.findings);
}

#[test]
fn small_and_odd_sizes_stay_mostly_valid() {
    for n in [0, 1, 10, 21, 39, 100] {
        let plan = plan(n);
        let report = evaluate(&plan);
        let conflicts = (0..n).filter(|c| c % 200 == 7 || c % 200 == 107).count();
        let expected = conflicts + usize::from(n > 10);
        assert_eq!(report.findings.len(), expected, "{n} clusters: {:#?}", report.findings);
    }
}
