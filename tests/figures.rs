#![cfg(not(target_arch = "wasm32"))]
//! Every output that shows the requirement figures agrees with the report: the requirements
//! CSV, the Markdown summary and the CLI's text report, read back cell by cell, on the example
//! and on random plans. The expected cells are written here from the report's fields, never by
//! calling the code that renders them.

mod support {
    pub mod csv;
    pub mod gen;
}

use std::collections::BTreeMap;
use std::process::Command;

use aksarc_netplan::check::{evaluate, Report};
use aksarc_netplan::exports::{export, Kind};
use aksarc_netplan::model::{Plan, PlatformId};
use aksarc_netplan::report::to_text;
use proptest::prelude::*;
use support::csv::csv_table;
use support::gen;

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");

/// Random plans whose figures differ from each other (DHCP in use, services, nodes up to 40), so
/// a figure written in another figure's place shows.
fn plans() -> impl Strategy<Value = Plan> {
    let g = gen::Gen { count: (0u32..40).boxed(), ..gen::suggestable() };
    gen::plan(&g)
}

// ---- requirements CSV ---------------------------------------------------------------------------

/// The record each table row must be: column name to cell, every other column empty.
fn csv_expected(report: &Report) -> Vec<BTreeMap<&'static str, String>> {
    let req = &report.requirements;
    let mut rows = Vec::new();
    for c in &req.clusters {
        rows.push(BTreeMap::from([
            ("table", "cluster".to_string()),
            ("name", c.name.clone()),
            ("segment", c.segment.clone()),
            ("node_ips", c.node_ips.to_string()),
            ("node_ips_recommended", c.node_ips_recommended.to_string()),
            ("control_plane_ips", c.control_plane_ips.to_string()),
            ("lb_ips", c.lb_ips.to_string()),
            ("lb_ips_recommended", c.lb_ips_recommended.to_string()),
            ("lb_pool_size", c.lb_pool_size.to_string()),
        ]));
    }
    let pools = has_pools(t_platform(report));
    let machines = t_platform(report) == PlatformId::AksBareMetal;
    for s in &req.segments {
        let mut row = BTreeMap::from([
            ("table", "segment".to_string()),
            ("name", s.name.clone()),
            ("subnet", s.subnet.clone()),
            ("node_ips", s.node_ips_needed.to_string()),
            ("node_ips_recommended", s.node_ips_recommended.to_string()),
            ("static_free", s.static_free.to_string()),
        ]);
        // SPEC §12.2: the pool figures on Azure Local; the DHCP figures on VMware only.
        if pools {
            row.extend([("ip_pool_size", s.ip_pool_size.to_string()), ("ip_pool_needed", s.ip_pool_needed.to_string())]);
        } else if machines {
            row.insert("dhcp_size", s.dhcp_size.to_string());
        } else {
            row.extend([
                ("dhcp_size", s.dhcp_size.to_string()),
                ("dhcp_in_use", s.dhcp_in_use.to_string()),
                ("dhcp_available", s.dhcp_available.to_string()),
            ]);
        }
        rows.push(row);
    }
    let t = &req.totals;
    let mut totals = BTreeMap::from([
        ("table", "totals".to_string()),
        ("name", "all clusters".to_string()),
        ("node_ips", t.node_ips.to_string()),
        ("node_ips_recommended", t.node_ips_recommended.to_string()),
        ("control_plane_ips", t.control_plane_ips.to_string()),
        ("lb_ips", t.lb_ips.to_string()),
        ("lb_ips_recommended", t.lb_ips_recommended.to_string()),
        ("all_ips", t.all_ips.to_string()),
        ("all_ips_recommended", t.all_ips_recommended.to_string()),
    ]);
    if pools {
        totals.insert("ip_pool_needed", t.ip_pool_needed.to_string());
    }
    rows.push(totals);
    rows
}

fn t_platform(report: &Report) -> PlatformId {
    report.requirements.totals.platform
}

/// SPEC §12.2 and §13: node VMs take IP pool addresses on Azure Local, single- and multi-rack.
fn has_pools(platform: PlatformId) -> bool {
    matches!(platform, PlatformId::AzureLocal | PlatformId::AzureLocalMultiRack)
}

fn check_requirements_csv(plan: &Plan, report: &Report) {
    let (header, records) = csv_table(&export(Kind::RequirementsCsv, plan));
    let network: &[&str] = match t_platform(report) {
        PlatformId::AzureLocal | PlatformId::AzureLocalMultiRack => &["ip_pool_size", "ip_pool_needed"],
        PlatformId::Vmware => &["dhcp_size", "dhcp_in_use", "dhcp_available"],
        PlatformId::AksBareMetal => &["dhcp_size"],
    };
    let want: Vec<&str> = ["table", "name", "segment", "subnet", "node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips",
        "lb_ips_recommended", "lb_pool_size"]
        .into_iter()
        .chain(network.iter().copied())
        .chain(["static_free", "all_ips", "all_ips_recommended"])
        .collect();
    assert_eq!(header, want);
    let expected = csv_expected(report);
    assert_eq!(records.len(), expected.len());
    for (record, want) in records.iter().zip(&expected) {
        for (name, cell) in header.iter().zip(record) {
            let want_cell = want.get(name.as_str()).map(String::as_str).unwrap_or("");
            // Names that look like spreadsheet formulas get a guarding quote; the rest is as is.
            let cell = if name == "name" || name == "segment" { cell.strip_prefix('\'').unwrap_or(cell) } else { cell };
            assert_eq!(cell, want_cell, "column {name} of {record:?}");
        }
    }
}

/// The totals table as each platform labels it: (label, minimum, recommended), written out here.
fn totals_rows(report: &Report) -> Vec<(&'static str, u128, u128)> {
    let t = &report.requirements.totals;
    let (node, cp, lb) = match t.platform {
        PlatformId::Vmware => (
            "Node IPs (from DHCP)",
            "Control plane IPs (static, outside DHCP)",
            "Load balancer IPs (static, outside DHCP)",
        ),
        PlatformId::AzureLocal => (
            "Node VM IPs, with one upgrade node per cluster",
            "Control plane IPs (automatic from the pool, or static outside it)",
            "Load balancer IPs (static, outside the IP pools)",
        ),
        PlatformId::AzureLocalMultiRack => (
            "Node VM IPs, with one upgrade node per cluster",
            "Control plane IPs (always automatic, from the pool)",
            "Load balancer IPs (ARP, in the prefix, outside the IP pools)",
        ),
        PlatformId::AksBareMetal => (
            "Machines (one per cluster, their own address)",
            "Control plane IPs apart from the machines'",
            "Load balancer IPs (none: no LoadBalancer services)",
        ),
    };
    let mut rows = vec![
        (node, t.node_ips as u128, t.node_ips_recommended as u128),
        (cp, t.control_plane_ips as u128, t.control_plane_ips as u128),
        (lb, t.lb_ips as u128, t.lb_ips_recommended),
    ];
    if has_pools(t.platform) {
        rows.push(("IP pool addresses needed", t.ip_pool_needed as u128, t.ip_pool_needed as u128));
    }
    rows.push(("All addresses", t.all_ips, t.all_ips_recommended));
    rows
}

// ---- Markdown summary ---------------------------------------------------------------------------

/// The rows of the Markdown table under `heading` (header and rule left out), as cells.
fn md_table(text: &str, heading: &str) -> Vec<Vec<String>> {
    let after = text.split_once(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("no {heading:?} in\n{text}")).1;
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect())
        .collect()
}

fn check_summary(plan: &Plan, report: &Report) {
    let text = export(Kind::SummaryMd, plan);
    let req = &report.requirements;
    let figures: Vec<Vec<String>> = totals_rows(report)
        .into_iter()
        .map(|(label, min, rec)| vec![label.to_string(), min.to_string(), rec.to_string()])
        .collect();
    assert_eq!(md_table(&text, "## Requirements"), figures);

    if !req.clusters.is_empty() {
        let clusters: Vec<Vec<String>> = req
            .clusters
            .iter()
            .map(|c| {
                let mut row = vec![c.name.clone(), c.segment.clone()];
                row.extend(
                    [c.node_ips as u128, c.node_ips_recommended as u128, c.control_plane_ips as u128, c.lb_ips as u128, c.lb_ips_recommended, c.lb_pool_size]
                        .map(|n| n.to_string()),
                );
                row
            })
            .collect();
        assert_eq!(md_table(&text, "### Clusters"), clusters);
    }
    if !req.segments.is_empty() && req.totals.platform == PlatformId::AksBareMetal {
        let networks: Vec<Vec<String>> = req
            .segments
            .iter()
            .map(|s| {
                let mut row = vec![s.name.clone(), s.subnet.clone()];
                row.extend([s.dhcp_size, s.node_ips_needed as u128, s.static_free].map(|n| n.to_string()));
                row
            })
            .collect();
        assert_eq!(md_table(&text, "### Networks"), networks);
    } else if !req.segments.is_empty() && has_pools(req.totals.platform) {
        let networks: Vec<Vec<String>> = req
            .segments
            .iter()
            .map(|s| {
                let mut row = vec![s.name.clone(), s.subnet.clone()];
                row.extend(
                    [s.ip_pool_size, s.ip_pool_needed as u128, s.node_ips_needed as u128, s.node_ips_recommended as u128, s.static_free]
                        .map(|n| n.to_string()),
                );
                row
            })
            .collect();
        assert_eq!(md_table(&text, "### Logical networks"), networks);
    } else if !req.segments.is_empty() {
        let segments: Vec<Vec<String>> = req
            .segments
            .iter()
            .map(|s| {
                let mut row = vec![s.name.clone(), s.subnet.clone()];
                row.extend(
                    [s.dhcp_size, s.dhcp_in_use as u128, s.dhcp_available, s.node_ips_needed as u128, s.node_ips_recommended as u128, s.static_free]
                        .map(|n| n.to_string()),
                );
                row
            })
            .collect();
        assert_eq!(md_table(&text, "### Segments"), segments);
    }
    let accepted = report.findings.iter().filter(|f| f.waiver.is_some()).count();
    let verdict = format!(
        "**Result: {}**: {} error(s), {} warning(s){}.",
        if report.passes() { "PASS" } else { "FAIL" },
        report.errors(),
        report.warnings(),
        if accepted > 0 { format!(", {accepted} accepted") } else { String::new() }
    );
    assert!(text.contains(&verdict), "no {verdict:?} in\n{text}");
}

// ---- CLI text report ----------------------------------------------------------------------------

/// The whitespace-separated numbers at the end of `text`, last first: the columns of a line are
/// read from the right so names and subnets with spaces cannot shift them.
fn numbers_from_right(text: &str, n: usize) -> Vec<u128> {
    text.split_whitespace().rev().take(n).map(|w| w.parse().unwrap_or_else(|_| panic!("{w:?} in {text:?}"))).collect()
}

/// `min/rec` as two numbers.
fn pair(text: &str) -> (u128, u128) {
    let (a, b) = text.trim().split_once('/').unwrap_or_else(|| panic!("no a/b in {text:?}"));
    (a.trim().parse().unwrap(), b.trim().parse().unwrap())
}

fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let Some((_, after)) = text.split_once(&format!("\n{title}")) else { return Vec::new() };
    after.lines().skip(1).take_while(|l| l.starts_with("  ")).collect()
}

fn check_text(text: &str, report: &Report) {
    let req = &report.requirements;
    let want = totals_rows(report);
    let totals: Vec<&str> = text.lines().skip(1).take(want.len()).collect();
    for (line, (label, min, rec)) in totals.iter().zip(want) {
        assert!(line.trim_start().starts_with(label), "{line:?}");
        assert_eq!(numbers_from_right(line, 2), [rec, min], "{line:?}");
    }

    let clusters = section(text, "Clusters (node IPs min/rec, control plane, LB services/pool size)");
    assert_eq!(clusters.len(), req.clusters.len(), "{text}");
    for (line, c) in clusters.iter().zip(&req.clusters) {
        // `name  node/rec  cp  lb/pool`, read from the right.
        let words: Vec<&str> = line.split_whitespace().collect();
        let n = words.len();
        assert_eq!(pair(words[n - 1]), (c.lb_ips as u128, c.lb_pool_size), "{line:?}");
        assert_eq!(words[n - 2].parse::<u64>().unwrap(), c.control_plane_ips, "{line:?}");
        assert_eq!(pair(words[n - 3]), (c.node_ips as u128, c.node_ips_recommended as u128), "{line:?}");
        if let Some(first) = c.name.split_whitespace().next() {
            assert_eq!(words[0], first, "{line:?}");
        }
    }

    let pools = has_pools(req.totals.platform);
    let segments = if pools {
        section(text, "Logical networks (IP pool size, needed; node IPs min/rec; static free)")
    } else {
        section(text, "Segments (DHCP size, in use, available; needed min/rec; static free)")
    };
    assert_eq!(segments.len(), req.segments.len(), "{text}");
    for (line, s) in segments.iter().zip(&req.segments) {
        let parts: Vec<&str> = line.rsplitn(3, ';').collect();
        assert_eq!(parts[0].trim().parse::<u128>().unwrap(), s.static_free, "{line:?}");
        assert_eq!(pair(parts[1]), (s.node_ips_needed as u128, s.node_ips_recommended as u128), "{line:?}");
        if pools {
            assert_eq!(numbers_from_right(parts[2], 2), [s.ip_pool_needed as u128, s.ip_pool_size], "{line:?}");
        } else {
            assert_eq!(numbers_from_right(parts[2], 3), [s.dhcp_available, s.dhcp_in_use as u128, s.dhcp_size], "{line:?}");
        }
    }

    let accepted = report.findings.iter().filter(|f| f.waiver.is_some()).count();
    let verdict = format!(
        "{}: {} error(s), {} warning(s){}",
        if report.passes() { "PASS" } else { "FAIL" },
        report.errors(),
        report.warnings(),
        if accepted > 0 { format!(", {accepted} accepted") } else { String::new() }
    );
    assert_eq!(text.lines().last(), Some(verdict.as_str()));
}

// ---- the tests ------------------------------------------------------------------------------------

/// The example with every figure different from the others it could be mistaken for.
fn varied_example() -> Plan {
    let mut plan = Plan::example();
    plan.segments[0].dhcp_in_use = 7;
    plan.clusters[1].services = 2;
    plan.clusters[1].lb_pools = vec!["10.20.0.40-10.20.0.44".into()];
    plan
}

#[test]
fn the_example_reads_the_same_in_every_output() {
    for plan in [Plan::example(), varied_example()] {
        let report = evaluate(&plan);
        check_requirements_csv(&plan, &report);
        check_summary(&plan, &report);
        check_text(&to_text(&report), &report);
    }
    // Worked out by hand for the varied example: 100 leases, 7 in use, 93 available.
    let report = evaluate(&varied_example());
    let s = &report.requirements.segments[0];
    assert_eq!((s.dhcp_size, s.dhcp_in_use, s.dhcp_available), (100, 7, 93));
}

#[test]
fn the_cli_prints_the_same_figures_as_text_and_as_json() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("figures");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("varied.json");
    std::fs::write(&path, varied_example().to_json()).unwrap();
    let text = Command::new(BIN).arg("check").arg(&path).output().unwrap();
    let json = Command::new(BIN).args(["check", "--format", "json"]).arg(&path).output().unwrap();
    assert_eq!((text.status.code(), json.status.code()), (Some(0), Some(0)));
    let from_json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let report = evaluate(&varied_example());
    // The JSON's figures are the report's, field by field.
    let seg = &from_json["requirements"]["segments"][0];
    assert_eq!((seg["dhcp_size"].as_u64(), seg["dhcp_in_use"].as_u64(), seg["dhcp_available"].as_u64()), (Some(100), Some(7), Some(93)));
    assert_eq!(from_json["requirements"]["totals"]["all_ips_recommended"].as_u64(), Some(report.requirements.totals.all_ips_recommended as u64));
    assert_eq!(serde_json::to_value(&report).unwrap(), from_json);
    check_text(&String::from_utf8(text.stdout).unwrap(), &report);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_plans_read_the_same_in_every_output(plan in plans()) {
        let report = evaluate(&plan);
        check_requirements_csv(&plan, &report);
        check_summary(&plan, &report);
        check_text(&to_text(&report), &report);
    }
}
