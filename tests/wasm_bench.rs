//! The engine's speed in the browser (wasm32, release): not a test but a benchmark, run by
//! `scripts/bench` with `cargo test --release --target wasm32-unknown-unknown --test wasm_bench`.
//! It prints figures and asserts nothing about time.
#![cfg(target_arch = "wasm32")]

mod support {
    pub mod leases;
    pub mod synthetic;
}

use aksarc_netplan::evaluate;
use support::synthetic;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

#[wasm_bindgen_test]
fn engine_in_the_browser() {
    for n in [1_000usize, 10_000] {
        let plan = synthetic::plan(n);
        let runs = if n == 1_000 { 30 } else { 7 };
        let _ = evaluate(&plan); // warm-up
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t0 = now();
                let report = evaluate(&plan);
                let t = now() - t0;
                assert!(!report.findings.is_empty());
                t
            })
            .collect();
        times.sort_by(|a, b| a.total_cmp(b));
        console_log!("wasm-engine {n} clusters: median {:.2} ms, min {:.2} ms, {runs} runs", times[runs / 2], times[0]);
    }
}

#[wasm_bindgen_test]
fn import_in_the_browser() {
    let text = support::leases::windows_leases(100_000);
    let plan = aksarc_netplan::model::Plan::example();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t0 = now();
            let parsed = aksarc_netplan::used::parse(&text).unwrap();
            let merged = aksarc_netplan::used::merge(&plan, &parsed, "leases.csv");
            let t = now() - t0;
            assert!(!merged.added().is_empty());
            t
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    console_log!("wasm-import 100000 lines: median {:.0} ms, min {:.0} ms, 5 runs", times[2], times[0]);
}

/// Reading what Azure has (200 logical networks, 1,000 clusters, 1,000 load balancers) and the
/// diff of two 1,000-cluster plans, as the page's second module runs them.
#[wasm_bindgen_test]
fn azure_and_diff_in_the_browser() {
    let median = |runs: usize, mut f: Box<dyn FnMut() -> usize>| {
        let _ = f(); // warm-up
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t0 = now();
                assert!(f() > 0);
                now() - t0
            })
            .collect();
        times.sort_by(|a, b| a.total_cmp(b));
        (times[runs / 2], times[0])
    };
    let (files, _) = synthetic::azure_outputs(200, 1_000);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let into = aksarc_netplan::model::Plan::default();
    let (m, min) = median(15, Box::new(move || aksarc_netplan::azure::import(&files, &into).unwrap().plan.clusters.len()));
    console_log!("wasm-import-azure 200 networks, 1000 clusters, 1000 load balancers ({} KB): median {m:.1} ms, min {min:.1} ms, 15 runs", bytes / 1000);
    let old = synthetic::plan(1_000);
    let mut new = old.clone();
    for c in &mut new.clusters {
        c.node_pools[0].nodes += 1;
    }
    let (m, min) = median(15, Box::new(move || aksarc_netplan::diff::diff(&old, &new).changes.len()));
    console_log!("wasm-diff 1000 clusters, 1000 changes: median {m:.1} ms, min {min:.1} ms, 15 runs");
}
