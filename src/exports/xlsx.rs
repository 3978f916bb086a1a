//! The workbook for the network team: the report, every address and the firewall checklist as
//! one xlsx file of six sheets (Summary, Clusters, Networks, Addresses, Firewall, Findings).
//!
//! Each sheet is first a table of cells ([`Sheet`]), then written by one writer the same way:
//! a bold header row, frozen, with filters; counts as number cells; plan text as string cells,
//! never formulas; columns as wide as their longest text, long text wrapped.

use rust_xlsxwriter::{ColNum, DocProperties, ExcelDateTime, Format, RowNum, Workbook, XlsxError};
use std::collections::HashMap;

use super::*;
use crate::claims::{Claim, Owner};
use crate::names::{capitalise, describe};
use crate::requirements::{Cell, Table};

/// One cell of a sheet.
enum Value {
    Text(String),
    /// A count: a number cell up to 2^53, where a spreadsheet's numbers stop being exact;
    /// beyond that (IPv6 counts) its digits as text.
    Count(u128),
    Tick(bool),
    Blank,
}

/// A sheet as a table: its name, its header and its rows.
struct Sheet {
    name: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// Counts above this are written as text: a spreadsheet's numbers are doubles.
const EXACT: u128 = 1 << 53;
/// Excel's limit of a cell's text, in UTF-16 units.
const MAX_TEXT: usize = 32_767;
/// Excel's rows per sheet, the header included.
const MAX_ROWS: usize = 1_048_576;
/// Column widths, in characters: at least a short word, at most what a screen shows beside
/// other columns; text longer than the widest wraps.
const NARROWEST: usize = 8;
const WIDEST: usize = 80;

/// The file's creation date: the zip format's first day, the date its entries carry, so that the
/// same plan makes the same file (no clock).
fn fixed_date() -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(1980, 1, 1)
}

pub(super) fn xlsx(plan: &Plan) -> Vec<u8> {
    let sheets = sheets(plan);
    // Every cell is fitted to Excel's limits before it is written, so nothing a plan holds makes
    // this fail; were the writer ever to, an empty file, not a panic.
    write(&sheets).unwrap_or_default()
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn sheets(plan: &Plan) -> Vec<Sheet> {
    let resolved = resolve(plan);
    let report = crate::check::evaluate_resolved(plan, &resolved);
    let rows = checklist(plan);
    let [clusters, networks] = report.requirements.tables();
    vec![
        summary(plan, &report, &rows),
        requirement_sheet("Clusters", clusters, false),
        requirement_sheet("Networks", networks, true),
        addresses(plan, &resolved),
        firewall(&rows),
        findings(&report),
    ]
}

fn summary(plan: &Plan, report: &Report, checklist: &[Row]) -> Sheet {
    let confirmed = checklist.iter().filter(|r| r.confirmed).count();
    let count = |n: usize| Value::Count(n as u128);
    let mut rows = vec![
        vec![text("Plan"), text(plan_name(plan))],
        vec![text("Platform"), text(platform::of(plan).name)],
        vec![text("Region"), text(plan.region.trim())],
        vec![text("Result"), text(report.verdict())],
        vec![text("Errors"), count(report.errors())],
        vec![text("Warnings"), count(report.warnings())],
        vec![text("Findings accepted"), count(report.accepted())],
        vec![text("Firewall rows"), count(checklist.len())],
        vec![text("Firewall rows confirmed"), count(confirmed)],
    ];
    for f in report.requirements.totals.figures() {
        rows.push(vec![text(f.label), Value::Count(f.minimum), Value::Count(f.recommended), text(f.why)]);
    }
    Sheet { name: "Summary", header: vec!["Item".into(), "Minimum or value".into(), "Recommended".into(), "Why".into()], rows }
}

/// A requirement table, headed as the Markdown summary heads it.
fn requirement_sheet(name: &'static str, table: Table, networks: bool) -> Sheet {
    let header = table.columns.iter().map(|c| summary::md_heading(networks, c).to_string()).collect();
    let rows = table
        .rows
        .into_iter()
        .map(|row| row.into_iter().map(|c| match c {
            Cell::Text(t) => Value::Text(t),
            Cell::Count(n) => Value::Count(n),
        }).collect())
        .collect();
    Sheet { name, header, rows }
}

fn addresses(plan: &Plan, resolved: &Resolved) -> Sheet {
    let first_holding = FirstSubnet::of(resolved);
    let p = platform::of(plan);
    let header = ["Address", "First", "Last", "Count", "Kind", "Owner", capitalise(p.words.network).as_str(), "Field"]
        .map(String::from)
        .to_vec();
    // Rows alike but for their field are one row, its field saying how many more: a plan that
    // repeats one range thousands of times gets one line for it, not thousands.
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut alike: Vec<usize> = Vec::new();
    let mut seen: HashMap<[String; 6], usize> = HashMap::new();
    for c in &resolved.claims {
        let key = [
            typed(plan, c),
            format_addr(c.range.family, c.range.start),
            format_addr(c.range.family, c.range.end),
            c.kind.word().to_string(),
            owner(plan, c.owner),
            network(plan, resolved, &first_holding, c),
        ];
        if let Some(&row) = seen.get(&key) {
            alike[row] += 1;
            continue;
        }
        seen.insert(key.clone(), rows.len());
        alike.push(0);
        let [address, first, last, kind, owner, network] = key;
        rows.push(vec![
            text(address),
            text(first),
            text(last),
            Value::Count(c.range.len()),
            text(kind),
            text(owner),
            text(network),
            text(c.field.as_str()),
        ]);
    }
    for (row, more) in rows.iter_mut().zip(alike) {
        if let (Some(Value::Text(field)), 1..) = (row.last_mut(), more) {
            field.push_str(&format!(" (and {more} more like it)"));
        }
    }
    Sheet { name: "Addresses", header, rows }
}

/// The address text as the plan has it at the claim's field; the platform's own ranges as CIDR.
fn typed(plan: &Plan, claim: &Claim) -> String {
    fn at(list: &[String], i: Option<usize>) -> Option<&str> {
        i.and_then(|i| list.get(i)).map(String::as_str)
    }
    let found = match crate::names::parts(&claim.field).as_slice() {
        [("segments", Some(s)), (field, i)] => plan.segments.get(*s).and_then(|seg| match *field {
            "subnet" => Some(seg.subnet.as_str()),
            "gateway" => seg.gateway.as_deref(),
            "dns" => at(&seg.dns, *i),
            "dhcp" => at(&seg.dhcp, *i),
            "ip_pools" => at(&seg.ip_pools, *i),
            _ => None,
        }),
        [("clusters", Some(c)), (field, i)] => plan.clusters.get(*c).and_then(|cl| match *field {
            "control_plane_ip" => cl.control_plane_ip.as_deref(),
            "host_ip" => cl.host_ip.as_deref(),
            "lb_pools" => at(&cl.lb_pools, *i),
            _ => None,
        }),
        [("reserved", Some(r)), ("addresses", None)] => plan.reserved.get(*r).map(|e| e.addresses.as_str()),
        [("resource_bridge", None), (field, None)] => plan.resource_bridge.as_ref().and_then(|b| match *field {
            "control_plane_ip" => Some(b.control_plane_ip.as_str()),
            "appliance_vm_ips" => Some(b.appliance_vm_ips.as_str()),
            _ => None,
        }),
        [("management", None), (field, None)] => plan.management.as_ref().and_then(|m| match *field {
            "subnet" => Some(m.subnet.as_str()),
            "infra_pool" => Some(m.infra_pool.as_str()),
            _ => None,
        }),
        _ => None,
    };
    let internal = || {
        platform::of(plan).internal_ranges.iter().find(|r| r.start == claim.range.start && r.end == claim.range.end).map(|r| r.cidr)
    };
    found.map(str::trim).or_else(internal).map_or_else(|| claim.range.to_string(), str::to_string)
}

/// Whose the addresses are, as messages name it: "cluster prod", "segment lab".
fn owner(plan: &Plan, owner: Owner) -> String {
    match owner {
        Owner::Segment(s) => describe(plan, &format!("segments[{s}]")),
        Owner::Cluster(c) => describe(plan, &format!("clusters[{c}]")),
        Owner::Reserved(r) => describe(plan, &format!("reserved[{r}]")),
        Owner::Bridge => "resource bridge".to_string(),
        Owner::Management => "management network".to_string(),
        Owner::Internal => "Kubernetes, inside every cluster".to_string(),
    }
}

/// The network the addresses are on: the owner's, a cluster's own, else the first whose subnet
/// holds them all; blank for the platform's internal ranges.
fn network(plan: &Plan, resolved: &Resolved, first_holding: &FirstSubnet, claim: &Claim) -> String {
    let index = match claim.owner {
        Owner::Segment(s) => Some(s),
        Owner::Cluster(c) => resolved.cluster_segment.get(c).copied().flatten(),
        Owner::Management => return "management network".to_string(),
        Owner::Internal => None,
        Owner::Reserved(_) | Owner::Bridge => first_holding.of_range(&claim.range),
    };
    index.map(|s| segment_name(plan, s).to_string()).unwrap_or_default()
}

/// The first segment (by index) whose subnet holds a range. Subnets are CIDR blocks, so the
/// ones holding a range are among the at most 129 blocks around its start: a map from block
/// to first segment answers in that many lookups, however many segments share a subnet.
struct FirstSubnet(HashMap<(Family, u8, u128), usize>);

impl FirstSubnet {
    fn of(resolved: &Resolved) -> FirstSubnet {
        let mut first = HashMap::new();
        for (s, view) in resolved.segments.iter().enumerate() {
            if let Some(subnet) = view.subnet {
                first.entry((subnet.range.family, subnet.prefix, subnet.range.start)).or_insert(s);
            }
        }
        FirstSubnet(first)
    }

    fn of_range(&self, range: &AddrRange) -> Option<usize> {
        let bits: u32 = if range.family == Family::V4 { 32 } else { 128 };
        (0..=bits)
            .filter_map(|prefix| {
                let host_bits = bits - prefix;
                let (start, end) = if host_bits >= 128 {
                    (0, u128::MAX)
                } else {
                    let size = 1u128 << host_bits;
                    let start = range.start & !(size - 1);
                    (start, start + (size - 1))
                };
                (range.end <= end).then(|| self.0.get(&(range.family, prefix as u8, start)).copied()).flatten()
            })
            .min()
    }
}

fn firewall(checklist: &[Row]) -> Sheet {
    let header = ["Section", "Destination", "Firewall form", "Also", "Port", "Protocol", "From", "Who", "Why", "Note", "Confirmed", "Key"]
        .map(String::from)
        .to_vec();
    let rows = checklist
        .iter()
        .map(|row| {
            // One port as a number; several as the sources list them.
            let port = match row.ports.as_slice() {
                [] => Value::Blank,
                [one] => Value::Count(u128::from(*one)),
                _ => text(row.port_text()),
            };
            vec![
                text(row.section.title()),
                text(row.destination.as_str()),
                text(row.star_form.as_str()),
                text(row.also.join(", ")),
                port,
                text(row.protocol.as_str()),
                text(row.sources.join(", ")),
                text(row.who.as_str()),
                text(row.why.as_str()),
                text(row.note.as_str()),
                Value::Tick(row.confirmed),
                text(row.key.as_str()),
            ]
        })
        .collect();
    Sheet { name: "Firewall", header, rows }
}

/// The findings, with the reason of the waiver that accepted one (blank when none did).
fn findings(report: &Report) -> Sheet {
    let header = ["Rule", "Severity", "Message", "Field", "Waiver"].map(String::from).to_vec();
    let rows = report
        .findings
        .iter()
        .map(|f| vec![text(f.rule.as_str()), text(f.severity.as_str()), text(f.message.as_str()), text(f.field.as_str()),
            text(f.waiver.as_deref().unwrap_or(""))])
        .collect();
    Sheet { name: "Findings", header, rows }
}

/// Text cut to what a cell holds, with an ellipsis where it was cut.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_TEXT {
        return text.into();
    }
    let mut units = 0;
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > MAX_TEXT - 1 {
            break;
        }
        end = i + ch.len_utf8();
    }
    if end == text.len() {
        return text.into();
    }
    format!("{}…", &text[..end]).into()
}

/// How wide a cell's text shows, in characters.
fn shown(value: &Value) -> usize {
    match value {
        Value::Text(t) => t.chars().count(),
        Value::Count(n) => n.to_string().len(),
        Value::Tick(b) => if *b { 4 } else { 5 },
        Value::Blank => 0,
    }
}

fn write(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&fixed_date()?));
    let bold = Format::new().set_bold();
    // Whole numbers in full (Excel's General shows large ones as 9.0072E+15).
    let whole = Format::new().set_num_format("0");
    let wrap = Format::new().set_text_wrap();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        let columns = sheet.header.len();
        // Rows past Excel's limit are left out, and a last row says how many.
        let room = MAX_ROWS - 2;
        let kept = &sheet.rows[..sheet.rows.len().min(room)];
        let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count()).collect();
        for row in kept {
            for (c, value) in row.iter().enumerate().take(columns) {
                widths[c] = widths[c].max(shown(value));
            }
        }
        for (c, width) in widths.iter().enumerate() {
            let c = c as ColNum;
            ws.set_column_width(c, (width + 2).clamp(NARROWEST, WIDEST) as f64)?;
            if width + 2 > WIDEST {
                ws.set_column_format(c, &wrap)?;
            }
        }
        for (c, heading) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as ColNum, fit(heading), &bold)?;
        }
        for (r, row) in kept.iter().enumerate() {
            let r = (r + 1) as RowNum;
            for (c, value) in row.iter().enumerate().take(columns) {
                let c = c as ColNum;
                match value {
                    Value::Text(t) => ws.write_string(r, c, fit(t))?,
                    Value::Count(n) if *n <= EXACT => ws.write_number_with_format(r, c, *n as f64, &whole)?,
                    Value::Count(n) => ws.write_string(r, c, n.to_string())?,
                    Value::Tick(b) => ws.write_boolean(r, c, *b)?,
                    Value::Blank => continue,
                };
            }
        }
        let mut last = kept.len();
        if sheet.rows.len() > kept.len() {
            last += 1;
            let more = sheet.rows.len() - kept.len();
            ws.write_string(last as RowNum, 0, format!("{more} more rows not listed: a sheet holds {MAX_ROWS} rows."))?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last as RowNum, (columns.max(1) - 1) as ColNum)?;
    }
    book.save_to_buffer()
}
