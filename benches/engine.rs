//! Engine benchmarks, with nothing but `std::time::Instant` (no framework, no dependency).
//!
//! Run: `cargo bench --bench engine`. For synthetic plans of 10, 100, 1,000 and 10,000 clusters
//! (`tests/support/synthetic.rs`, the SPEC §11 reference plan scaled) it times
//! `evaluate`, the overlap sweep alone on the plan's claims, and the brute-force pairwise oracle
//! of the tests on the same ranges; then Suggest and the share-link codec at 1,000 clusters.
//! It prints Markdown tables and checks the SPEC §11 engine budgets: 1,000 clusters under
//! 20 ms, and 10x the input at most 15x the time. Every timing is the median (and minimum) of
//! repeated runs after a warm-up. Hostile plans (the size of a 2,000-character link) through
//! the check and every export follow; `-- hostile` runs those alone.

#[path = "../tests/support/oracle.rs"]
mod oracle;

use std::hint::black_box;
use std::time::{Duration, Instant};

use aksarc_netplan::addr::AddrRange;
use aksarc_netplan::model::Plan;
use aksarc_netplan::{claims, evaluate, link, suggest, sweep};

#[path = "../tests/support/synthetic.rs"]
mod synthetic;
#[path = "../tests/support/leases.rs"]
mod leases;
#[path = "../tests/support/hostile.rs"]
mod hostile;

/// Sizes measured, in clusters.
const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];
/// Time spent measuring one thing (after warm-up), unless the run cap is reached first.
const TARGET: Duration = Duration::from_millis(1_500);
const MIN_RUNS: usize = 5;
const MAX_RUNS: usize = 2_000;
/// The oracle is skipped where its runs would take longer than this.
const ORACLE_LIMIT: Duration = Duration::from_secs(30);
/// SPEC §11: a 1,000-cluster plan checked in under 20 ms; 10x the input at most 15x the time.
const BUDGET_1000: Duration = Duration::from_millis(20);
const BUDGET_SCALING: f64 = 15.0;

#[derive(Clone, Copy)]
struct Stats {
    median: Duration,
    min: Duration,
    runs: usize,
}

/// Warms up (at least one run and ~100 ms), then runs `f` until [`TARGET`] has passed and at
/// least `min_runs` runs are done (at most `max_runs`).
fn measure<T>(min_runs: usize, max_runs: usize, mut f: impl FnMut() -> T) -> Stats {
    let warm = Instant::now();
    loop {
        black_box(f());
        if warm.elapsed() >= Duration::from_millis(100) {
            break;
        }
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < max_runs && (times.len() < min_runs || start.elapsed() < TARGET) {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed());
    }
    times.sort_unstable();
    Stats { median: times[times.len() / 2], min: times[0], runs: times.len() }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ratio(now: Duration, before: Option<Duration>) -> String {
    before.map_or("–".to_string(), |b| format!("{:.1}x", now.as_secs_f64() / b.as_secs_f64()))
}

struct Row {
    clusters: usize,
    claims: usize,
    pairs: usize,
    evaluate: Stats,
    sweep: Stats,
    /// None when skipped (the note says why).
    oracle: Option<Stats>,
}

fn main() {
    // `cargo bench --bench engine -- hostile`: the hostile plans alone.
    if std::env::args().any(|a| a == "hostile") {
        hostile_plans();
        return;
    }
    println!("Each figure: median of repeated runs after a warm-up (minimum and run count in the detail table).\n");

    let mut rows: Vec<Row> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for &n in &SIZES {
        let plan = synthetic::plan(n);
        let resolved = claims::resolve(&plan);
        let ranges: Vec<AddrRange> = resolved.claims.iter().map(|c| c.range).collect();
        let mut pairs = sweep::overlapping_pairs(&ranges);
        pairs.sort_unstable();

        let evaluate = measure(MIN_RUNS, MAX_RUNS, || evaluate(black_box(&plan)));
        let sweep = measure(MIN_RUNS, MAX_RUNS, || sweep::overlapping_pairs(black_box(&ranges)));

        // The oracle is quadratic: predict its cost from the previous size before running it.
        let predicted = rows.last().and_then(|prev| {
            let grow = ranges.len() as f64 / prev.claims as f64;
            prev.oracle.map(|o| o.median.mul_f64(grow * grow))
        });
        let oracle = match predicted {
            Some(p) if p > ORACLE_LIMIT => {
                notes.push(format!(
                    "Oracle skipped at {n} clusters: about {:.0} s per run predicted (quadratic from the previous size), over the {} s limit.",
                    p.as_secs_f64(), ORACLE_LIMIT.as_secs()));
                None
            }
            _ => {
                // Long runs: no warm-up beyond the first run, and only as many runs as fit the limit.
                let slow = predicted.is_some_and(|p| p > Duration::from_millis(500));
                let stats = if slow {
                    let cap = (ORACLE_LIMIT.as_secs_f64() / predicted.unwrap_or_default().as_secs_f64()) as usize;
                    let runs = cap.clamp(1, 3);
                    let mut times: Vec<Duration> = (0..runs)
                        .map(|_| {
                            let t = Instant::now();
                            let found = oracle::overlapping_pairs_brute(black_box(&ranges));
                            let elapsed = t.elapsed();
                            assert_eq!(found, pairs, "the sweep and the oracle disagree at {n} clusters");
                            elapsed
                        })
                        .collect();
                    times.sort_unstable();
                    Stats { median: times[times.len() / 2], min: times[0], runs }
                } else {
                    assert_eq!(oracle::overlapping_pairs_brute(&ranges), pairs, "the sweep and the oracle disagree at {n} clusters");
                    measure(3, MAX_RUNS, || oracle::overlapping_pairs_brute(black_box(&ranges)))
                };
                Some(stats)
            }
        };
        eprintln!("measured {n} clusters");
        rows.push(Row { clusters: n, claims: ranges.len(), pairs: pairs.len(), evaluate, sweep, oracle });
    }

    println!("| clusters | claims | overlapping pairs | evaluate median (ms) | evaluate vs previous | sweep median (ms) | sweep vs previous | oracle median (ms) | oracle vs previous | oracle / sweep |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (i, r) in rows.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &rows[p]);
        let oracle = r.oracle.map_or("skipped".to_string(), |o| format!("{:.3}", ms(o.median)));
        let oracle_prev = match (r.oracle, prev.and_then(|p| p.oracle)) {
            (Some(o), p) => ratio(o.median, p.map(|p| p.median)),
            (None, _) => "–".to_string(),
        };
        let vs_sweep = r.oracle.map_or("–".to_string(), |o| format!("{:.0}x", o.median.as_secs_f64() / r.sweep.median.as_secs_f64()));
        println!(
            "| {} | {} | {} | {:.3} | {} | {:.3} | {} | {} | {} | {} |",
            r.clusters, r.claims, r.pairs,
            ms(r.evaluate.median), ratio(r.evaluate.median, prev.map(|p| p.evaluate.median)),
            ms(r.sweep.median), ratio(r.sweep.median, prev.map(|p| p.sweep.median)),
            oracle, oracle_prev, vs_sweep,
        );
    }
    for note in &notes {
        println!("\n{note}");
    }

    println!("\nDetail (median / min in ms, runs):\n");
    println!("| clusters | evaluate | sweep | oracle |");
    println!("|---:|---:|---:|---:|");
    let detail = |s: Stats| format!("{:.3} / {:.3} ({})", ms(s.median), ms(s.min), s.runs);
    for r in &rows {
        println!("| {} | {} | {} | {} |", r.clusters, detail(r.evaluate), detail(r.sweep),
            r.oracle.map_or("skipped".to_string(), detail));
    }

    // Suggest and the link codec at the reference size. Suggest gets the plan with every
    // control plane IP and load balancer pool removed, so it fills all of them.
    let plan = synthetic::plan(1_000);
    let mut bare = plan.clone();
    for c in &mut bare.clusters {
        c.control_plane_ip = None;
        c.lb_pools.clear();
    }
    let filled = suggest::suggest(&bare).filled.len();
    // The same plan on Azure Local: DHCP scopes become IP pools, the bridge reserved entries.
    let azure_local = aksarc_netplan::convert::convert(&plan, aksarc_netplan::model::PlatformId::AzureLocal).unwrap();
    let al_findings = evaluate(&azure_local).findings.len();
    // Multi-rack: the Azure Local plan with the control plane IPs left to the platform.
    let mut multi_rack = azure_local.clone();
    multi_rack.platform = aksarc_netplan::model::PlatformId::AzureLocalMultiRack;
    for c in &mut multi_rack.clusters {
        c.control_plane_ip = None;
    }
    let mr_findings = evaluate(&multi_rack).findings.len();
    let bare_metal = synthetic::bare_metal(1_000);
    let bm_findings = evaluate(&bare_metal).findings.len();
    let evaluate_vmware = measure(MIN_RUNS, MAX_RUNS, || evaluate(black_box(&plan)));
    let evaluate_al = measure(MIN_RUNS, MAX_RUNS, || evaluate(black_box(&azure_local)));
    let evaluate_mr = measure(MIN_RUNS, MAX_RUNS, || evaluate(black_box(&multi_rack)));
    let evaluate_bm = measure(MIN_RUNS, MAX_RUNS, || evaluate(black_box(&bare_metal)));
    let fragment = link::encode(&plan);
    let decoded = link::decode(&fragment);
    // A change review of the reference plan: every cluster's first pool one node larger.
    let mut changed = plan.clone();
    for c in &mut changed.clusters {
        c.node_pools[0].nodes += 1;
    }
    let diff_changes = aksarc_netplan::diff::diff(&plan, &changed).changes.len();
    let diff_time = measure(MIN_RUNS, 200, || aksarc_netplan::diff::diff(black_box(&plan), black_box(&changed)));
    let suggest_full = measure(MIN_RUNS, MAX_RUNS, || suggest::suggest(black_box(&plan)));
    let suggest_bare = measure(MIN_RUNS, MAX_RUNS, || suggest::suggest(black_box(&bare)));
    let encode = measure(MIN_RUNS, MAX_RUNS, || link::encode(black_box(&plan)));
    let decode = measure(MIN_RUNS, MAX_RUNS, || link::decode(black_box(&fragment)));
    println!("\nAt 1,000 clusters:\n");
    println!("| operation | median (ms) | min (ms) | runs | note |");
    println!("|---|---:|---:|---:|---|");
    let line = |what: &str, s: Stats, note: String| {
        println!("| {what} | {:.3} | {:.3} | {} | {note} |", ms(s.median), ms(s.min), s.runs);
    };
    line("evaluate (VMware)", evaluate_vmware, format!("{} findings", evaluate(&plan).findings.len()));
    line("evaluate (the same plan converted to Azure Local)", evaluate_al, format!("{al_findings} findings"));
    line("evaluate (that plan on multi-rack, control plane IPs automatic)", evaluate_mr, format!("{mr_findings} findings"));
    line("evaluate (bare metal: 1,000 machines)", evaluate_bm, format!("{bm_findings} findings"));
    line("suggest (complete plan)", suggest_full, "nothing to fill".into());
    line("suggest (no CP IPs, no LB pools)", suggest_bare, format!("{filled} fields filled"));
    line("diff of two plans (both checked)", diff_time, format!("{diff_changes} changes"));
    let (files, read) = synthetic::azure_outputs(200, 1_000);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let import_time = measure(MIN_RUNS, 200, || aksarc_netplan::azure::import(black_box(&files), &Plan::default()));
    line("import-azure: 200 logical networks, 1,000 clusters, 1,000 load balancers", import_time,
        format!("{} KB of Azure CLI JSON, {read} objects", bytes / 1024));
    line("link encode", encode, format!("{} characters", fragment.len()));
    line("link decode", decode, match &decoded {
        Ok(p) if *p == plan => "restores the plan exactly".to_string(),
        Ok(_) => "DIFFERS from the plan".to_string(),
        Err(e) => format!("refused: {e}"),
    });

    // Plans that repeat or nest one address thousands of times (SPEC §6: well under a second).
    println!("\nPlans that repeat one address (the example plus the copies):\n");
    println!("| plan | link characters | decode + evaluate median (ms) | min (ms) | runs | findings listed | counted, not listed |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let copies = |what: &str, plan: Plan| {
        let fragment = link::encode(&plan);
        let report = evaluate(&plan);
        let more: usize = report.findings.iter().map(|f| f.more).sum();
        let s = measure(5, 200, || link::decode(black_box(&fragment)).map(|p| evaluate(&p)));
        println!("| {what} | {} | {:.3} | {:.3} | {} | {} | {more} |", fragment.len() + 1, ms(s.median), ms(s.min), s.runs,
            report.findings.len());
    };
    let mut lb = Plan::example();
    lb.clusters[0].lb_pools.extend(std::iter::repeat_n("10.20.0.40-10.20.0.49".to_string(), 3_000));
    copies("3,000 copies of one load balancer range", lb);
    let mut nested = Plan::example();
    nested.clusters[0].lb_pools.extend((0..3_000).map(|i| format!("10.20.0.{}-10.20.0.{}", 40 + i % 10, 60 - i % 10)));
    copies("3,000 nested load balancer ranges", nested);
    let mut dhcp = Plan::example();
    dhcp.segments[0].dhcp = vec!["10.20.0.10-10.20.0.12".to_string(); 30_000];
    copies("30,000 copies of one DHCP scope", dhcp);

    // Importing used addresses (issue: 100,000 lines in under a second on the page).
    println!("\nImporting used addresses (a Windows DHCP lease export, into the example plan):\n");
    println!("| lines | parse + merge median (ms) | min (ms) | runs | addresses in use | reserved entries |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in [10_000usize, 100_000] {
        let text = leases::windows_leases(n);
        let plan = Plan::example();
        let run = || {
            let parsed = aksarc_netplan::used::parse(black_box(&text)).expect("a lease export");
            aksarc_netplan::used::merge(&plan, &parsed, "leases.csv")
        };
        let merged = run();
        let s = measure(3, 30, run);
        println!("| {n} | {:.1} | {:.1} | {} | {} | {} |", ms(s.median), ms(s.min), s.runs,
            n - n / 10, merged.added().len());
    }

    hostile_plans();

    // Share-link lengths (SPEC §6: typical 3 clusters under 400 characters, 20 under 2,000).
    println!("\nShare-link length (whole fragment with `#`, characters):\n");
    println!("| clusters | typical plan | budget | synthetic plan (5 reserved entries per cluster) |");
    println!("|---:|---:|---|---:|");
    for n in [3usize, 20, 100] {
        let typical = format!("#{}", link::encode(&typical_plan(n))).len();
        let synthetic = format!("#{}", link::encode(&synthetic::plan(n))).len();
        let budget = match n {
            3 => format!("under 400: {}", if typical < 400 { "met" } else { "MISSED" }),
            20 => format!("under 2,000: {}", if typical < 2000 { "met" } else { "MISSED" }),
            _ => "none".to_string(),
        };
        println!("| {n} | {typical} | {budget} | {synthetic} |");
    }

    let at = |n: usize| rows.iter().find(|r| r.clusters == n).map(|r| r.evaluate.median);
    let (Some(t1k), Some(t10k)) = (at(1_000), at(10_000)) else { return };
    let scaling = t10k.as_secs_f64() / t1k.as_secs_f64();
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!("\nBudgets (SPEC §11, evaluate medians):\n");
    println!("- 1,000 clusters: {:.3} ms, budget under {} ms: {}", ms(t1k), BUDGET_1000.as_millis(), verdict(t1k < BUDGET_1000));
    println!("- scaling, time(10,000) / time(1,000): {scaling:.1}x, budget at most {BUDGET_SCALING}x: {}", verdict(scaling <= BUDGET_SCALING));
}

/// The largest `n` whose plan `make(n)` still travels in a share link of at most `chars`
/// characters (the whole fragment with `#`), by doubling then halving.
fn fits_in_link(chars: usize, make: impl Fn(usize) -> Plan) -> usize {
    let fits = |n: usize| link::encode(&make(n)).len() < chars;
    let mut high = 1;
    while fits(high * 2) {
        high *= 2;
    }
    let (mut low, mut high) = (high, high * 2);
    while high - low > 1 {
        let mid = (low + high) / 2;
        if fits(mid) { low = mid } else { high = mid }
    }
    low
}

/// Hostile plans (issue 24) at the size a share link of about 2,000 characters holds: the check
/// and every export that applies, each timed in the process (median of five runs). Budget:
/// each under 100 ms.
fn hostile_plans() {
    use aksarc_netplan::exports::{export_bytes, Kind};
    const LINK: usize = 2_000;
    const RUNS: usize = 5;
    let median = |f: &dyn Fn()| {
        f();
        let mut times: Vec<Duration> = (0..RUNS).map(|_| { let t = Instant::now(); f(); t.elapsed() }).collect();
        times.sort_unstable();
        times[RUNS / 2]
    };
    let plans: Vec<(String, Plan)> = {
        let n = fits_in_link(LINK, hostile::logical_networks);
        let lnets = (format!("{n} identical logical networks"), hostile::logical_networks(n));
        let n = fits_in_link(LINK, hostile::segments);
        let segs = (format!("{n} identical segments"), hostile::segments(n));
        let n = fits_in_link(LINK, |n| hostile::ranges(n, "10.0.16.0/21"));
        let ranges = (format!("{n} copies of one /21"), hostile::ranges(n, "10.0.16.0/21"));
        let n = fits_in_link(LINK, hostile::clusters);
        let clusters = (format!("{n} clusters of one name"), hostile::clusters(n));
        vec![lnets, segs, ranges, clusters]
    };
    eprintln!("hostile plans: {}", plans.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(", "));
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    let check: Vec<String> = plans.iter().map(|(what, plan)| {
        let t = median(&|| { black_box(evaluate(black_box(plan))); });
        slowest.push((t, format!("check of {what}")));
        format!("{:.1}", ms(t))
    }).collect();
    rows.push(("check".to_string(), check));
    for kind in Kind::ALL {
        let cells: Vec<String> = plans.iter().map(|(what, plan)| match kind.why_not(plan) {
            None => {
                let t = median(&|| { black_box(export_bytes(kind, black_box(plan))); });
                slowest.push((t, format!("{kind} of {what}")));
                format!("{:.1}", ms(t))
            }
            Some(why) if why.contains("at most 800") => {
                let t = median(&|| { black_box(kind.why_not(black_box(plan))); });
                slowest.push((t, format!("{kind} of {what} (refused)")));
                format!("{:.1} (refused: ARM limits)", ms(t))
            }
            Some(_) => "–".to_string(),
        }).collect();
        rows.push((kind.to_string(), cells));
    }
    println!("\nHostile plans of a share link of at most {LINK} characters (issue 24), each timed in the process (ms, median of {RUNS} runs); \
        – where the export does not apply to the platform:\n");
    println!("| | {} |", plans.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" | "));
    println!("|---|{}", "---:|".repeat(plans.len()));
    for (what, cells) in &rows {
        println!("| {what} | {} |", cells.join(" | "));
    }
    slowest.sort_by(|a, b| b.0.cmp(&a.0));
    let over: Vec<&(Duration, String)> = slowest.iter().filter(|(t, _)| *t >= Duration::from_millis(100)).collect();
    println!("\nSlowest: {}. Budget, each under 100 ms: {}",
        slowest.iter().take(3).map(|(t, w)| format!("{w} {:.1} ms", ms(*t))).collect::<Vec<_>>().join(", "),
        if over.is_empty() { "met".to_string() } else { format!("MISSED by {}", over.iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>().join(", ")) });
}

/// A plan as people write them: one /22 segment with its DHCP scope, gateway and two DNS
/// servers, vCenter and the ESXi hosts reserved, a resource bridge, and `n` clusters with a
/// control plane IP, two node pools, two services and one load balancer range each.
fn typical_plan(n: usize) -> aksarc_netplan::Plan {
    use aksarc_netplan::model::{Cluster, NodePool, Plan, Reserved, ResourceBridge, Segment};
    let host = |i: usize| format!("10.20.{}.{}", i / 256, i % 256);
    Plan {
        name: format!("Contoso {n} clusters"),
        segments: vec![Segment {
            name: "aks-seg".into(),
            subnet: "10.20.0.0/22".into(),
            gateway: Some("10.20.0.1".into()),
            dns: vec!["10.20.0.2".into(), "10.20.0.3".into()],
            dhcp: vec!["10.20.2.0-10.20.3.254".into()],
            ..Segment::default()
        }],
        reserved: vec![
            Reserved { name: "vCenter".into(), addresses: "10.20.0.10".into() },
            Reserved { name: "ESXi hosts".into(), addresses: "10.20.0.11-10.20.0.14".into() },
        ],
        clusters: (0..n)
            .map(|c| Cluster {
                name: format!("cluster-{c}"),
                segment: "aks-seg".into(),
                control_plane_ip: Some(host(32 + c)),
                control_plane_nodes: if c % 2 == 0 { 3 } else { 1 },
                node_pools: vec![
                    NodePool { name: "system".into(), nodes: 2 },
                    NodePool { name: "apps".into(), nodes: 3 },
                ],
                services: 2,
                lb_pools: vec![format!("{}-{}", host(256 + 4 * c), host(256 + 4 * c + 3))],
                host_ip: None,
                existing: false,
                lb_pools_existing: Vec::new(),
            })
            .collect(),
        resource_bridge: Some(ResourceBridge { control_plane_ip: "10.20.0.5".into(), appliance_vm_ips: "10.20.0.6-10.20.0.7".into() }),
        ..Plan::default()
    }
}
