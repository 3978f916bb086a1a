#![cfg(not(target_arch = "wasm32"))]
//! The xlsx workbook read back by another reader (calamine): every figure is the report's, every
//! claim has its row, the checklist its rows and ticks, the findings theirs; counts are number
//! cells, plan text stays text (never a formula); each sheet's header row is frozen, filtered and
//! as wide as its text (read from the sheets' XML). The expected values come from the report, the
//! claims, the checklist and the plan file, never from the workbook's code.

mod support {
    pub mod gen;
}

use std::io::{Cursor, Read};

use aksarc_netplan::addr::{format_addr, parse_subnet};
use aksarc_netplan::claims::{resolve, ClaimKind, Owner};
use aksarc_netplan::exports::{export_bytes, file_name, Kind};
use aksarc_netplan::firewall::checklist;
use aksarc_netplan::model::{Cluster, Plan, Segment};
use aksarc_netplan::requirements::Cell;
use aksarc_netplan::{evaluate, platform};
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use proptest::prelude::*;

const SHEETS: [&str; 6] = ["Summary", "Clusters", "Networks", "Addresses", "Firewall", "Findings"];

fn dir() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

/// A plan file and its JSON, for the address text as typed.
fn load(path: &str) -> (Plan, serde_json::Value) {
    let text = std::fs::read_to_string(format!("{}/{path}", dir())).unwrap();
    (Plan::from_json(&text).unwrap(), serde_json::from_str(&text).unwrap())
}

struct Book {
    bytes: Vec<u8>,
    xlsx: Xlsx<Cursor<Vec<u8>>>,
}

impl Book {
    fn of(plan: &Plan) -> Book {
        let bytes = export_bytes(Kind::Xlsx, plan);
        assert!(bytes.starts_with(b"PK\x03\x04"), "not a zip file");
        let xlsx: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).expect("calamine reads the workbook");
        Book { bytes, xlsx }
    }

    fn sheet(&mut self, name: &str) -> Vec<Vec<Data>> {
        let range: Range<Data> = self.xlsx.worksheet_range(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
        range.rows().map(|r| r.to_vec()).collect()
    }

    /// The XML of the nth sheet (1-based), as the zip holds it.
    fn xml(&self, n: usize) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.clone())).unwrap();
        let mut text = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap().read_to_string(&mut text).unwrap();
        text
    }
}

fn s(data: &Data) -> &str {
    match data {
        Data::String(t) => t,
        Data::Empty => "",
        other => panic!("expected text, found {other:?}"),
    }
}

/// A count as a number cell (exact up to 2^53), else its digits as text.
fn assert_count(data: &Data, want: u128, what: &str) {
    if want <= 1 << 53 {
        assert_eq!(data, &Data::Float(want as f64), "{what}");
    } else {
        assert_eq!(data, &Data::String(want.to_string()), "{what}");
    }
}

fn header(rows: &[Vec<Data>]) -> Vec<&str> {
    rows[0].iter().map(s).collect()
}

/// The plan's text at a claim's field path (`segments[0].dns[1]`), read from the file's JSON.
fn typed<'a>(json: &'a serde_json::Value, field: &str) -> &'a str {
    let pointer: String = field.split('.').map(|p| format!("/{}", p.replace('[', "/").replace(']', ""))).collect();
    json.pointer(&pointer).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{field} is not text in the plan")).trim()
}

/// Kind words as the Addresses sheet must say them.
fn kind_word(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Subnet => "subnet",
        ClaimKind::Gateway => "gateway",
        ClaimKind::Dns => "DNS server",
        ClaimKind::Dhcp => "DHCP scope",
        ClaimKind::Reserved => "reserved",
        ClaimKind::BridgeControlPlane => "resource bridge control plane IP",
        ClaimKind::BridgeVm => "resource bridge appliance VM IPs",
        ClaimKind::ControlPlane => "control plane IP",
        ClaimKind::LbPool => "load balancer pool",
        ClaimKind::Internal => "internal range",
        ClaimKind::IpPool => "IP pool",
        ClaimKind::InfraPool => "infrastructure pool",
        ClaimKind::Host => "machine address",
    }
}

/// Checks the whole workbook of `plan` against the engine. `networks` and `network` are the
/// Networks sheet's header and the name of the Addresses sheet's network column.
fn check(plan: &Plan, json: &serde_json::Value, networks: &[&str], network: &str) {
    let report = evaluate(plan);
    let resolved = resolve(plan);
    let rows = checklist(plan);
    let p = platform::of(plan);
    let mut book = Book::of(plan);
    assert_eq!(book.xlsx.sheet_names(), SHEETS);

    // Summary: the plan, the verdict, the counts, then each line of the totals.
    let sum = book.sheet("Summary");
    assert_eq!(header(&sum), ["Item", "Minimum or value", "Recommended", "Why"]);
    let value = |item: &str| sum.iter().find(|r| s(&r[0]) == item).unwrap_or_else(|| panic!("no {item} row"))[1].clone();
    assert_eq!(s(&value("Plan")), plan.name.trim());
    assert_eq!(s(&value("Platform")), p.name);
    assert_eq!(s(&value("Region")), plan.region.trim());
    assert_eq!(s(&value("Result")), if report.passes() { "PASS" } else { "FAIL" });
    assert_count(&value("Errors"), report.errors() as u128, "errors");
    assert_count(&value("Warnings"), report.warnings() as u128, "warnings");
    assert_count(&value("Findings accepted"), report.findings.iter().filter(|f| f.waiver.is_some()).count() as u128, "accepted");
    assert_count(&value("Firewall rows"), rows.len() as u128, "firewall rows");
    assert_count(&value("Firewall rows confirmed"), rows.iter().filter(|r| r.confirmed).count() as u128, "confirmed");
    let figures = report.requirements.totals.figures();
    assert_eq!(sum.len(), 1 + 9 + figures.len());
    for (f, row) in figures.iter().zip(&sum[10..]) {
        assert_eq!(s(&row[0]), f.label);
        assert_count(&row[1], f.minimum, f.label);
        assert_count(&row[2], f.recommended, f.label);
        assert_eq!(s(&row[3]), f.why);
    }

    // Clusters and Networks: the report's tables, cell by cell.
    let [clusters, nets] = report.requirements.tables();
    for (name, table, want) in [
        // A cluster's network is headed as the Networks sheet heads its networks.
        ("Clusters", clusters, &["Cluster", networks[0], "Node IPs min", "Node IPs rec", "Control plane IPs", "LB IPs min", "LB IPs rec", "LB pool size"][..]),
        ("Networks", nets, networks),
    ] {
        let sheet = book.sheet(name);
        assert_eq!(header(&sheet), want, "{name}");
        assert_eq!(sheet.len(), table.rows.len() + 1, "{name}");
        for (cells, row) in table.rows.iter().zip(&sheet[1..]) {
            assert_eq!(cells.len(), row.len());
            for (cell, data) in cells.iter().zip(row) {
                match cell {
                    Cell::Text(t) => assert_eq!(s(data), t, "{name}"),
                    Cell::Count(n) => assert_count(data, *n, name),
                }
            }
        }
    }

    // Addresses: one row per claim, in the claims' order.
    let addresses = book.sheet("Addresses");
    assert_eq!(header(&addresses), ["Address", "First", "Last", "Count", "Kind", "Owner", network, "Field"]);
    assert_eq!(addresses.len(), resolved.claims.len() + 1);
    let subnets: Vec<_> = plan.segments.iter().map(|seg| parse_subnet(&seg.subnet).ok()).collect();
    for (claim, row) in resolved.claims.iter().zip(&addresses[1..]) {
        let text = if claim.kind == ClaimKind::Internal {
            p.internal_ranges.iter().find(|r| r.start == claim.range.start).unwrap().cidr
        } else {
            typed(json, &claim.field)
        };
        assert_eq!(s(&row[0]), text, "{}", claim.field);
        assert_eq!(s(&row[1]), format_addr(claim.range.family, claim.range.start));
        assert_eq!(s(&row[2]), format_addr(claim.range.family, claim.range.end));
        assert_count(&row[3], claim.range.end - claim.range.start + 1, &claim.field);
        assert_eq!(s(&row[4]), kind_word(claim.kind));
        let (owner, net) = match claim.owner {
            Owner::Segment(i) => (format!("{} {}", p.words.network, plan.segments[i].name), plan.segments[i].name.clone()),
            Owner::Cluster(c) => (format!("cluster {}", plan.clusters[c].name), plan.clusters[c].segment.clone()),
            Owner::Reserved(r) => (format!("reserved entry {}", plan.reserved[r].name), holder(&subnets, plan, claim.range)),
            Owner::Bridge => ("resource bridge".into(), holder(&subnets, plan, claim.range)),
            Owner::Management => ("management network".into(), "management network".into()),
            Owner::Internal => ("Kubernetes, inside every cluster".into(), String::new()),
        };
        assert_eq!(s(&row[5]), owner, "{}", claim.field);
        assert_eq!(s(&row[6]), net, "{}", claim.field);
        assert_eq!(s(&row[7]), claim.field);
    }

    // Firewall: the checklist, one row each, with its ticks.
    let firewall = book.sheet("Firewall");
    assert_eq!(
        header(&firewall),
        ["Section", "Destination", "Firewall form", "Also", "Port", "Protocol", "From", "Who", "Why", "Note", "Confirmed", "Key"]
    );
    assert_eq!(firewall.len(), rows.len() + 1);
    for (r, row) in rows.iter().zip(&firewall[1..]) {
        assert_eq!(s(&row[1]), r.destination);
        assert_eq!(s(&row[2]), r.star_form);
        match r.ports.as_slice() {
            [one] => assert_count(&row[4], u128::from(*one), &r.key),
            [] => assert_eq!(row[4], Data::Empty),
            many => assert_eq!(s(&row[4]), many.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")),
        }
        assert_eq!(s(&row[5]), r.protocol.as_str());
        assert_eq!(s(&row[6]), r.sources.join(", "));
        assert_eq!(row[10], Data::Bool(r.confirmed), "{}", r.key);
        assert_eq!(s(&row[11]), r.key);
    }

    // Findings: every one, in the report's order.
    let findings = book.sheet("Findings");
    assert_eq!(header(&findings), ["Rule", "Severity", "Message", "Field", "Waiver"]);
    assert_eq!(findings.len(), report.findings.len() + 1);
    for (f, row) in report.findings.iter().zip(&findings[1..]) {
        assert_eq!(s(&row[0]), f.rule.as_str());
        assert_eq!(s(&row[1]), f.severity.as_str());
        assert_eq!(s(&row[2]), f.message);
        assert_eq!(s(&row[3]), f.field);
        assert_eq!(row.get(4).map_or("", s), f.waiver.as_deref().unwrap_or(""));
    }

    // Each sheet: the header row frozen, filters over the table, columns as wide as their header.
    for n in 1..=SHEETS.len() {
        let xml = book.xml(n);
        assert!(xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "sheet {n}: {xml}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet {n} has no filters");
        let rows = book.sheet(SHEETS[n - 1]);
        let widths = col_widths(&xml);
        assert_eq!(widths.len(), rows[0].len(), "{}", SHEETS[n - 1]);
        for (width, heading) in widths.iter().zip(&rows[0]) {
            assert!(*width >= s(heading).chars().count() as f64, "{}: {heading:?} in a column {width} wide", SHEETS[n - 1]);
        }
    }
    // Nothing the plan says is a formula.
    for name in SHEETS {
        let formulas = book.xlsx.worksheet_formula(name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{name} has a formula");
    }
    // The same plan, the same file.
    assert_eq!(book.bytes, export_bytes(Kind::Xlsx, plan));
}

/// The name of the first network whose subnet holds the range.
fn holder(subnets: &[Option<aksarc_netplan::addr::Subnet>], plan: &Plan, range: aksarc_netplan::addr::AddrRange) -> String {
    subnets
        .iter()
        .position(|s| s.is_some_and(|s| s.range.family == range.family && s.range.start <= range.start && range.end <= s.range.end))
        .map(|i| plan.segments[i].name.clone())
        .unwrap_or_default()
}

/// The width of each column of a sheet's XML, in order (a `<col>` may span several).
fn col_widths(xml: &str) -> Vec<f64> {
    let attr = |col: &str, name: &str| col.split(&format!(" {name}=\"")).nth(1).and_then(|v| v.split('"').next()).map(str::to_string);
    let mut widths = Vec::new();
    for col in xml.split("<col").skip(1).filter(|c| c.starts_with(' ')) {
        let (min, max): (usize, usize) = (attr(col, "min").unwrap().parse().unwrap(), attr(col, "max").unwrap().parse().unwrap());
        assert_eq!(min, widths.len() + 1, "columns in order, none left out");
        let width: f64 = attr(col, "width").unwrap().parse().unwrap();
        widths.extend(std::iter::repeat_n(width, max - min + 1));
    }
    widths
}

/// Ticks the first and third rows of the checklist, so the workbook has ticks to show.
fn ticked(mut plan: Plan) -> Plan {
    let keys: Vec<String> = checklist(&plan).into_iter().map(|r| r.key).collect();
    plan.firewall_confirmed = vec![keys[0].clone(), keys[2].clone()];
    plan
}

#[test]
fn the_examples_of_every_platform_read_back_as_their_reports() {
    const VMWARE: [&str; 8] = ["Segment", "Subnet", "DHCP size", "In use", "Available", "Node IPs needed min", "Node IPs needed rec", "Static free"];
    const POOLS: [&str; 7] = ["Logical network", "Prefix", "IP pool size", "Pool needed", "Node IPs needed min", "Node IPs needed rec", "Static free"];
    // As the Markdown summary heads them (the page says "Machines").
    const HOST: [&str; 5] = ["Network", "Subnet", "DHCP size", "Node IPs needed min", "Static free"];
    for (file, networks, network) in [
        ("examples/contoso.json", &VMWARE[..], "Segment"),
        ("examples/azure-local.json", &POOLS[..], "Logical network"),
        ("examples/azure-local-multi-rack.json", &POOLS[..], "Logical network"),
        ("examples/aks-bare-metal.json", &HOST[..], "Network"),
        // Findings of every rule, and IPv6 counts past what a number cell holds exactly.
        ("tests/data/golden/every-rule.json", &VMWARE[..], "Segment"),
        ("tests/data/golden/varied.json", &VMWARE[..], "Segment"),
        // An accepted finding and a waiver that matches nothing.
        ("tests/data/waivers.json", &POOLS[..], "Logical network"),
    ] {
        let (plan, json) = load(file);
        let plan = ticked(plan);
        check(&plan, &json, networks, network);
    }
}

#[test]
fn the_figures_are_there_to_compare() {
    // Not vacuous: the examples have clusters, claims, ticks and (every-rule) findings.
    let (plan, _) = load("examples/azure-local.json");
    let mut book = Book::of(&plan);
    let networks = book.sheet("Networks");
    // Microsoft's example: a pool of 20 addresses.
    assert_eq!(networks[1][2], Data::Float(20.0));
    assert!(book.sheet("Addresses").len() > 5);
    let (plan, _) = load("tests/data/golden/every-rule.json");
    assert!(Book::of(&plan).sheet("Findings").len() > 20);
    let (mut plan, _) = load("tests/data/golden/varied.json");
    plan.segments.push(Segment { name: "v6".into(), subnet: "fd00:99::/64".into(), ..Default::default() });
    let addresses = Book::of(&plan).sheet("Addresses");
    assert!(addresses.iter().any(|r| matches!(&r[3], Data::String(d) if d.parse::<u128>().is_ok_and(|n| n > 1 << 53))), "no IPv6 count as text");
    assert_eq!(file_name(Kind::Xlsx, &Plan::example()), "contoso-lab-xlsx.xlsx");
    assert_eq!(Kind::Xlsx.mime(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/// How many more claims a row of the Addresses sheet stands for: "(and N more like it)" after
/// its field.
fn alike(row: &[Data]) -> usize {
    let more = s(&row[7]).rsplit_once(" (and ").and_then(|(_, m)| m.strip_suffix(" more like it)"));
    more.map_or(0, |n| n.parse().expect("a count"))
}

#[test]
fn copies_of_one_range_are_one_row_that_counts_them() {
    let mut plan = Plan::example();
    let range = "10.20.0.40-10.20.0.49";
    plan.clusters[0].lb_pools = vec![range.to_string(); 5];
    let addresses = Book::of(&plan).sheet("Addresses");
    let rows: Vec<&Vec<Data>> = addresses.iter().filter(|r| s(&r[0]) == range).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(s(&rows[0][7]), "clusters[0].lb_pools[0] (and 4 more like it)");
    assert_eq!(alike(rows[0]), 4);
    // Another cluster's copy of the range is its own row: its owner differs.
    plan.clusters[1].lb_pools = vec![range.to_string()];
    let addresses = Book::of(&plan).sheet("Addresses");
    assert_eq!(addresses.iter().filter(|r| s(&r[0]) == range).count(), 2);
}

#[test]
fn hostile_text_stays_text() {
    let mut plan = Plan::example();
    let names = ["=HYPERLINK(\"http://example.com\",\"x\")", "+1+1", "-2", "@SUM(A1)", "=1+1\u{7}\ttab", "<b>&amp;</b>"];
    for (cluster, name) in plan.clusters.iter_mut().zip(names) {
        cluster.name = name.to_string();
    }
    for name in &names[plan.clusters.len()..] {
        plan.clusters.push(Cluster { name: name.to_string(), segment: plan.segments[0].name.clone(), ..Default::default() });
    }
    plan.name = "=cmd|' /C calc'!A0".into();
    // Longer than a cell holds: cut, with an ellipsis.
    plan.region = "x".repeat(40_000);
    let mut book = Book::of(&plan);
    let clusters = book.sheet("Clusters");
    for (name, row) in names.iter().zip(&clusters[1..]) {
        assert_eq!(row[0], Data::String(name.to_string()));
    }
    let summary = book.sheet("Summary");
    assert_eq!(summary[1][1], Data::String(plan.name.clone()));
    let region = s(&summary[3][1]);
    assert!(region.ends_with('…') && region.chars().count() == 32_767 && region.starts_with("xxx"), "{}", region.len());
    let addresses = book.sheet("Addresses");
    assert!(addresses.iter().any(|r| s(&r[5]) == format!("cluster {}", names[0])));
    for name in SHEETS {
        assert!(book.xlsx.worksheet_formula(name).unwrap().used_cells().all(|(_, _, f)| f.is_empty()), "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any plan makes a workbook calamine reads, with a row per claim, checklist row and finding.
    #[test]
    fn any_plan_makes_a_workbook(plan in support::gen::plan(&support::gen::hostile())) {
        let mut book = Book::of(&plan);
        // A row per claim, but rows alike except for their field are one, which counts the rest.
        let addresses = book.sheet("Addresses");
        prop_assert_eq!(addresses[1..].iter().map(|r| 1 + alike(r)).sum::<usize>(), resolve(&plan).claims.len());
        let distinct: std::collections::HashSet<String> = addresses[1..].iter().map(|r| format!("{:?}", &r[..7])).collect();
        prop_assert_eq!(distinct.len(), addresses.len() - 1);
        prop_assert_eq!(book.sheet("Firewall").len(), checklist(&plan).len() + 1);
        prop_assert_eq!(book.sheet("Findings").len(), evaluate(&plan).findings.len() + 1);
        let clusters = book.sheet("Clusters");
        for (cluster, row) in plan.clusters.iter().zip(&clusters[1..]) {
            // Text as the plan has it, but for the control characters XML cannot hold.
            if !cluster.name.chars().any(|c| c.is_control()) && !cluster.name.is_empty() {
                prop_assert_eq!(&row[0], &Data::String(cluster.name.clone()));
            }
        }
    }
}
