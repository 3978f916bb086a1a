//! Exports: the plan in the forms other tools take. Firewall lists and connectivity scripts,
//! MetalLB YAML, the requirement tables as CSV, a Markdown summary for a change ticket, and DHCP
//! exclusions (plain and as Windows DHCP Server cmdlets).
//!
//! Every export is a pure function of the plan: no I/O, no clock, the same text for the same plan
//! on every platform, and no panic on any plan. Address text that does not parse is skipped, and
//! formats that have comments say so in a comment.
//!
//! Plan text (names, region, address text) never reaches a place where it could act: in shell,
//! PowerShell, YAML, Squid and plain-text files it appears only in `#` comment lines, reduced to one
//! line without quotes, `$`, backticks, backslashes or control characters ([`comment_text`]); CSV
//! fields are quoted per RFC 4180 with a guard against spreadsheet formulas ([`csv_field`]); Markdown
//! cells are escaped ([`md_text`]). Host names written into scripts come from the checklist's
//! fixed tables and are checked to be plain host names as well.
//!
//! Decisions where the specification is silent (also in `docs/decisions.md`):
//! - CSV lines end with CRLF (RFC 4180). A field that begins with `=`, `+`, `-`, `@`, a tab or a
//!   carriage return gets a leading `'` so a spreadsheet shows it as text instead of running it.
//! - The firewall CSV has one row per destination and port: a checklist row with several ports
//!   (`22, 6443`) becomes one CSV row per port.
//! - The connectivity scripts probe each concrete host and port once (the AKS and resource bridge
//!   sections share some hosts), list wildcard and UDP rows as "check by hand", and leave out the
//!   DNS and inbound-port rows (they are not hosts a node reaches on the internet).
//! - The DHCP exclusions of a segment are the plan's static addresses in its subnet (control plane
//!   IPs, load balancer pools, the resource bridge's IPs) plus any gateway, DNS server or reserved
//!   entry that a DHCP scope of the segment contains, merged and sorted. See [`dhcp_exclusions`].

use std::collections::HashSet;
use std::fmt::{self, Write};

use crate::addr::{ellipsis, format_addr, parse_set, parse_subnet, AddrRange, Family, Subnet};
use crate::check::{evaluate, Report};
use crate::claims::{resolve, ClaimKind, Resolved};
use crate::firewall::{checklist, Row, REPLACED};
use crate::intervals::IntervalSet;
use crate::model::Plan;

/// The kinds of export, in the order the page and the help list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    FirewallCsv,
    FirewallList,
    FirewallSquid,
    ConnectivitySh,
    ConnectivityPs1,
    Metallb,
    RequirementsCsv,
    SummaryMd,
    DhcpExclusions,
    DhcpPs1,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::FirewallCsv,
        Kind::FirewallList,
        Kind::FirewallSquid,
        Kind::ConnectivitySh,
        Kind::ConnectivityPs1,
        Kind::Metallb,
        Kind::RequirementsCsv,
        Kind::SummaryMd,
        Kind::DhcpExclusions,
        Kind::DhcpPs1,
    ];

    /// The name the CLI takes: `firewall-csv`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::FirewallCsv => "firewall-csv",
            Kind::FirewallList => "firewall-list",
            Kind::FirewallSquid => "firewall-squid",
            Kind::ConnectivitySh => "connectivity-sh",
            Kind::ConnectivityPs1 => "connectivity-ps1",
            Kind::Metallb => "metallb",
            Kind::RequirementsCsv => "requirements-csv",
            Kind::SummaryMd => "summary-md",
            Kind::DhcpExclusions => "dhcp-exclusions",
            Kind::DhcpPs1 => "dhcp-ps1",
        }
    }

    /// The kind of a name (surrounding spaces and case ignored).
    ///
    /// ```
    /// use aksarc_netplan::exports::Kind;
    /// assert_eq!(Kind::from_name("firewall-csv"), Ok(Kind::FirewallCsv));
    /// let err = Kind::from_name("firewall.csv").unwrap_err().to_string();
    /// assert!(err.contains("firewall.csv") && err.contains("dhcp-ps1"));
    /// ```
    pub fn from_name(name: &str) -> Result<Kind, UnknownKind> {
        let wanted = name.trim().to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| k.name() == wanted).ok_or_else(|| UnknownKind { name: name.to_string() })
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::FirewallCsv | Kind::RequirementsCsv => "csv",
            Kind::FirewallList | Kind::DhcpExclusions => "txt",
            Kind::FirewallSquid => "conf",
            Kind::ConnectivitySh => "sh",
            Kind::ConnectivityPs1 | Kind::DhcpPs1 => "ps1",
            Kind::Metallb => "yaml",
            Kind::SummaryMd => "md",
        }
    }

    /// The media type for a download.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::FirewallCsv | Kind::RequirementsCsv => "text/csv;charset=utf-8",
            Kind::FirewallList | Kind::FirewallSquid | Kind::DhcpExclusions => "text/plain;charset=utf-8",
            Kind::ConnectivitySh => "text/x-shellscript;charset=utf-8",
            Kind::ConnectivityPs1 | Kind::DhcpPs1 => "text/plain;charset=utf-8",
            Kind::Metallb => "application/yaml",
            Kind::SummaryMd => "text/markdown;charset=utf-8",
        }
    }

    /// Button text for the page.
    pub fn label(self) -> &'static str {
        match self {
            Kind::FirewallCsv => "Firewall CSV",
            Kind::FirewallList => "Host list",
            Kind::FirewallSquid => "Squid ACL",
            Kind::ConnectivitySh => "Test script (bash)",
            Kind::ConnectivityPs1 => "Test script (PowerShell)",
            Kind::Metallb => "MetalLB YAML",
            Kind::RequirementsCsv => "Requirements CSV",
            Kind::SummaryMd => "Summary (Markdown)",
            Kind::DhcpExclusions => "DHCP exclusions",
            Kind::DhcpPs1 => "DHCP exclusions (Windows)",
        }
    }

    /// One line on what the export holds, for help text and tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Kind::FirewallCsv => "firewall change request: one row per destination and port, with sources and ticks",
            Kind::FirewallList => "plain host list, one per line, wildcards as *.example.com",
            Kind::FirewallSquid => "Squid dstdomain ACL (wildcards as .example.com) and its http_access line",
            Kind::ConnectivitySh => "bash script that probes every concrete host and prints PASS/FAIL per row",
            Kind::ConnectivityPs1 => "PowerShell script that probes every concrete host and prints PASS/FAIL per row",
            Kind::Metallb => "MetalLB IPAddressPool and L2Advertisement per cluster (metallb.io/v1beta1)",
            Kind::RequirementsCsv => "the requirement tables (clusters, segments, totals) as CSV",
            Kind::SummaryMd => "Markdown report for a change ticket: result, tables, findings, addresses, firewall",
            Kind::DhcpExclusions => "static addresses per segment to exclude from DHCP, as merged ranges",
            Kind::DhcpPs1 => "the DHCP exclusions as Windows DHCP Server cmdlets (Add-DhcpServerv4ExclusionRange)",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        Kind::from_name(s)
    }
}

/// A name that is not one of [`Kind::ALL`]. The message lists the valid names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    pub name: String,
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let shown: String = ellipsis(&self.name).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        write!(f, "unknown export kind \"{shown}\"; the kinds are: {}", names.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

/// The export of a plan.
///
/// ```
/// use aksarc_netplan::{exports::{export, Kind}, model::Plan};
/// let csv = export(Kind::FirewallCsv, &Plan::example());
/// assert!(csv.contains("management.azure.com,no,management.azure.com,443,HTTPS"));
/// ```
pub fn export(kind: Kind, plan: &Plan) -> String {
    match kind {
        Kind::FirewallCsv => firewall_csv(plan),
        Kind::FirewallList => firewall_list(plan),
        Kind::FirewallSquid => firewall_squid(plan),
        Kind::ConnectivitySh => connectivity_sh(plan),
        Kind::ConnectivityPs1 => connectivity_ps1(plan),
        Kind::Metallb => metallb(plan),
        Kind::RequirementsCsv => requirements_csv(plan),
        Kind::SummaryMd => summary_md(plan),
        Kind::DhcpExclusions => dhcp_exclusions(plan),
        Kind::DhcpPs1 => dhcp_ps1(plan),
    }
}

/// The download name: `{plan.file_stem()}-{kind}.{extension}`.
///
/// ```
/// use aksarc_netplan::{exports::{file_name, Kind}, model::Plan};
/// assert_eq!(file_name(Kind::FirewallCsv, &Plan::example()), "contoso-lab-firewall-csv.csv");
/// assert_eq!(file_name(Kind::Metallb, &Plan::example()), "contoso-lab-metallb.yaml");
/// ```
pub fn file_name(kind: Kind, plan: &Plan) -> String {
    format!("{}-{}.{}", plan.file_stem(), kind.name(), kind.extension())
}

// ---- escaping ------------------------------------------------------------------------------------

/// Longest plan text put into one comment line.
const MAX_COMMENT: usize = 100;

/// User text reduced to something safe inside one `#` comment line of a shell, PowerShell, YAML,
/// Squid or plain-text file: control characters and Unicode line separators become spaces;
/// quotes (ASCII and typographic, which PowerShell also takes as quotes), `$`, backticks and
/// backslashes become `_`; zero-width and bidirectional controls are dropped; runs of spaces
/// collapse; at most 100 characters are kept.
///
/// ```
/// use aksarc_netplan::exports::comment_text;
/// assert_eq!(comment_text("lab\n$(rm -rf /) `id` \"x\""), "lab _(rm -rf /) _id_ _x_");
/// ```
pub fn comment_text(text: &str) -> String {
    clean(text, false)
}

/// [`comment_text`], ASCII only (others become `?`): for PowerShell files, which Windows
/// PowerShell 5.1 reads in the ANSI code page unless they carry a byte-order mark.
pub fn comment_ascii(text: &str) -> String {
    clean(text, true)
}

fn clean(text: &str, ascii: bool) -> String {
    let mut out = String::new();
    let mut count = 0;
    for ch in text.chars() {
        let c = match ch {
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' => continue,
            c if c.is_control() || c.is_whitespace() => ' ',
            '"' | '\'' | '`' | '$' | '\\' | '\u{2018}'..='\u{201F}' => '_',
            c if ascii && !c.is_ascii() => '?',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if count == MAX_COMMENT {
            out.push_str(if ascii { "..." } else { "…" });
            break;
        }
        out.push(c);
        count += 1;
    }
    let trimmed = out.trim_end();
    if trimmed.len() != out.len() {
        out.truncate(trimmed.len());
    }
    out
}

/// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled. A
/// field that a spreadsheet would take as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
/// leading `'`.
///
/// ```
/// use aksarc_netplan::exports::csv_field;
/// assert_eq!(csv_field("plain"), "plain");
/// assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
/// assert_eq!(csv_field("=1+1"), "'=1+1");
/// ```
pub fn csv_field(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn csv_line<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// User text for a Markdown table cell or heading: one line, with `\ | < > & * _ [ ] `` ` ``
/// escaped so it cannot end the cell, open a link, start formatting or inject HTML.
///
/// ```
/// use aksarc_netplan::exports::md_text;
/// assert_eq!(md_text("a|b\n<i>"), "a\\|b &lt;i&gt;");
/// ```
pub fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '|' | '*' | '_' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn plan_name(plan: &Plan) -> &str {
    let name = plan.name.trim();
    if name.is_empty() { "(unnamed)" } else { name }
}

// ---- firewall ------------------------------------------------------------------------------------

/// A plain DNS name (`*.` allowed first): letters, digits, `-` and dots only.
fn valid_host(name: &str) -> bool {
    let body = name.strip_prefix("*.").unwrap_or(name);
    !body.is_empty()
        && body.len() <= 253
        && body.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// A row that names internet hosts (not the DNS servers or a port between the plan's machines).
fn is_host_row(row: &Row) -> bool {
    (row.probe || row.wildcard) && valid_host(&row.star_form)
}

fn is_replaced(name: &str) -> bool {
    REPLACED.iter().any(|(old, _)| *old == name)
}

/// The ports of a row: `22, 6443` is two.
fn ports(text: &str) -> Vec<&str> {
    let list: Vec<&str> = text.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if list.is_empty() { vec![text] } else { list }
}

/// One row per destination and port.
fn firewall_csv(plan: &Plan) -> String {
    let mut out = String::new();
    csv_line(&mut out, &[
        "fqdn", "wildcard", "star_form", "port", "protocol", "sources", "section", "confirmed", "replaces", "why",
        "note", "key",
    ]);
    for row in checklist(plan) {
        let replaces: Vec<&str> = row.also.iter().map(String::as_str).filter(|a| is_replaced(a)).collect();
        let others: Vec<&str> = row.also.iter().map(String::as_str).filter(|a| !is_replaced(a)).collect();
        let mut note = row.note.clone();
        if !others.is_empty() {
            note = format!("{note} Also: {}.", others.join(", ")).trim().to_string();
        }
        let sources = row.sources.join("; ");
        for port in ports(&row.port) {
            csv_line(&mut out, &[
                &row.destination,
                yes(row.wildcard),
                &row.star_form,
                port,
                &row.protocol,
                &sources,
                row.section.title(),
                yes(row.confirmed),
                &replaces.join("; "),
                &row.why,
                &note,
                &row.key,
            ]);
        }
    }
    out
}

/// Every host name of the checklist, `*.` form, in checklist order, each once; a replaced host
/// is followed by its old name.
fn host_names(plan: &Plan) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for row in checklist(plan).iter().filter(|r| is_host_row(r)) {
        for name in std::iter::once(&row.star_form).chain(row.also.iter()) {
            if valid_host(name) && seen.insert(name.clone()) {
                out.push(name.clone());
            }
        }
    }
    out
}

fn firewall_list(plan: &Plan) -> String {
    let mut out = String::new();
    for name in host_names(plan) {
        out.push_str(&name);
        out.push('\n');
    }
    out
}

/// Squid's form of a host entry: (domain, every subdomain too).
fn squid_entry(name: &str) -> (String, bool) {
    match name.strip_prefix("*.") {
        Some(domain) => (domain.to_ascii_lowercase(), true),
        None => (name.to_ascii_lowercase(), false),
    }
}

/// True when `wide` (a leading-dot entry) matches everything `narrow` matches.
fn squid_covers(wide: &(String, bool), narrow: &(String, bool)) -> bool {
    wide.1 && (narrow.0 == wide.0 || narrow.0.ends_with(&format!(".{}", wide.0)))
}

fn firewall_squid(plan: &Plan) -> String {
    let rows = checklist(plan);
    // A proxy carries HTTP and HTTPS only (not the NTP row).
    let hosts: Vec<&Row> =
        rows.iter().filter(|r| is_host_row(r) && matches!(r.protocol.as_str(), "HTTP" | "HTTPS")).collect();
    let mut entries: Vec<(String, bool)> = Vec::new();
    for row in &hosts {
        let e = squid_entry(&row.star_form);
        if !entries.contains(&e) {
            entries.push(e);
        }
    }
    let mut kept = Vec::new();
    let mut covered = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        // Entries are distinct, so two never cover each other; name the widest cover.
        match entries.iter().enumerate().filter(|(j, w)| *j != i && squid_covers(w, e)).min_by_key(|(_, w)| w.0.len()) {
            Some((_, w)) => covered.push((e, w)),
            None => kept.push(e),
        }
    }
    let form = |e: &(String, bool)| if e.1 { format!(".{}", e.0) } else { e.0.clone() };

    let mut out = String::new();
    let _ = writeln!(out, "# Squid allowlist for AKS enabled by Azure Arc on VMware, generated by aksarc-netplan.");
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    let _ = writeln!(out, "# Region: {}", comment_text(&plan.region));
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# A leading dot (.example.com) is Squid's dstdomain form of the checklist's *.example.com rows:");
    let _ = writeln!(out, "# it matches every subdomain and also example.com itself.");
    let mut port_list: Vec<String> = Vec::new();
    for row in &hosts {
        let p = format!("{} ({})", row.port, row.protocol);
        if !port_list.contains(&p) {
            port_list.push(p);
        }
    }
    let _ = writeln!(out, "# Ports used: {}. Squid's default Safe_ports has 80 and 443 and SSL_ports has 443,", port_list.join(", "));
    let _ = writeln!(out, "# so the default \"http_access deny !Safe_ports\" and \"deny CONNECT !SSL_ports\" lines can stay.");
    let _ = writeln!(out, "# Put these lines before \"http_access deny all\". AKS on VMware cannot create clusters behind");
    let _ = writeln!(out, "# an explicit proxy (rule proxy-unsupported): use them for an intercepting proxy or the");
    let _ = writeln!(out, "# management machine.");
    for row in &hosts {
        for old in row.also.iter().filter(|a| is_replaced(a)) {
            let _ = writeln!(out, "# {} replaces {old} (2025); add the old name only for agents that still use it.", row.star_form);
        }
    }
    for (e, w) in &covered {
        let _ = writeln!(out, "# {} is covered by {} and left out (Squid warns about such duplicates).", form(e), form(w));
    }
    for e in &kept {
        let _ = writeln!(out, "acl aksarc_netplan dstdomain {}", form(e));
    }
    let _ = writeln!(out, "http_access allow aksarc_netplan");
    out
}

/// A host a connectivity script tests, or a row it lists for checking by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ScriptRow {
    Probe { host: String, port: u16, tls: bool },
    ByHand { host: String, port: String, why: &'static str },
}

/// The connectivity scripts' rows in checklist order, each host and port once, plus the rows they
/// leave out (for the header comment).
fn script_rows(rows: &[Row]) -> Vec<ScriptRow> {
    let mut out: Vec<ScriptRow> = Vec::new();
    for row in rows.iter().filter(|r| is_host_row(r)) {
        for port in ports(&row.port) {
            let item = if row.wildcard {
                ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "a wildcard cannot be probed" }
            } else {
                match (row.protocol.as_str(), port.parse::<u16>()) {
                    ("HTTPS" | "HTTP" | "TCP", Ok(p)) if p > 0 => {
                        ScriptRow::Probe { host: row.star_form.clone(), port: p, tls: row.protocol == "HTTPS" }
                    }
                    ("UDP", _) => ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "UDP cannot be probed" },
                    _ => ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "no probe for this port" },
                }
            };
            let same = |o: &ScriptRow| match (o, &item) {
                (ScriptRow::Probe { host: a, port: p, .. }, ScriptRow::Probe { host: b, port: q, .. }) => a == b && p == q,
                (ScriptRow::ByHand { host: a, port: p, .. }, ScriptRow::ByHand { host: b, port: q, .. }) => a == b && p == q,
                _ => false,
            };
            if !out.iter().any(same) {
                out.push(item);
            }
        }
    }
    out
}

/// What the scripts do not probe, in words, one entry per line of the header.
fn not_probed(rows: &[Row]) -> Vec<String> {
    let mut out = Vec::new();
    if rows.iter().any(|r| r.key.starts_with("bridge:DNS")) {
        out.push("the DNS servers (port 53)".to_string());
    }
    if rows.iter().any(|r| r.key.starts_with("bridge-port:")) {
        out.push("the ports between the management machine, the resource bridge appliance VMs and vCenter".to_string());
    }
    for row in rows {
        for old in row.also.iter().filter(|a| is_replaced(a)) {
            out.push(format!("{old} (replaced by {} in 2025)", row.star_form));
        }
    }
    out
}

fn connectivity_sh(plan: &Plan) -> String {
    let rows = checklist(plan);
    let items = script_rows(&rows);
    let mut out = String::new();
    out.push_str("#!/usr/bin/env bash\n");
    out.push_str("# Connectivity test for AKS enabled by Azure Arc on VMware, generated by aksarc-netplan.\n");
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    let _ = writeln!(out, "# Region: {}", comment_text(&plan.region));
    out.push_str(SH_HEADER);
    for what in not_probed(&rows) {
        let _ = writeln!(out, "#   {what}");
    }
    out.push_str(SH_BODY);
    for item in &items {
        match item {
            ScriptRow::Probe { host, port, tls } => {
                let _ = writeln!(out, "probe '{host}' {port} {}", if *tls { "https" } else { "http" });
            }
            ScriptRow::ByHand { host, port, why } => {
                let _ = writeln!(out, "by_hand '{host}' '{port}' '{why}'");
            }
        }
    }
    out.push_str(SH_FOOTER);
    out
}

const SH_HEADER: &str = r#"#
# Run it on a node VM, or on the machine that deploys the clusters, in the planned segment. It
# connects to every concrete host of the firewall checklist on its port and prints PASS or FAIL
# per host, then a summary. Wildcard and UDP rows cannot be probed: they are printed as CHECK,
# for checking the firewall rule by hand.
#
# How a probe is judged (curl's exit code): 6 (name not resolved), 7 (could not connect) and
# 28 (timed out) are FAIL, and so is a connection that is reset or closed before any answer (the
# usual sign of a firewall that filters by name). Anything else is PASS: the TCP connection was
# made and the host answered, even with an HTTP error status or a TLS error (for example a
# certificate that a TLS-inspecting device replaced); curl's exit code is then shown. Probes go
# direct (--noproxy '*'): AKS on VMware does not support a proxy. Without curl, bash's /dev/tcp
# and timeout(1) test the TCP connection only.
#
# Settings (environment variables):
#   AKSARC_TIMEOUT  seconds per probe (default 5)
#   AKSARC_RESOLVE  connect every probe to this address instead of the host's (for tests)
#   AKSARC_PORT     connect every probe to this port instead of the row's (for tests)
# Exit status: 0 every probe passed, 1 a probe failed, 2 bad settings or neither curl nor timeout.
#
# Not probed here (see the checklist):
"#;

const SH_BODY: &str = r#"set -u

timeout_s="${AKSARC_TIMEOUT:-5}"
resolve_to="${AKSARC_RESOLVE:-}"
port_to="${AKSARC_PORT:-}"

if ! [[ "$timeout_s" =~ ^[0-9]+([.][0-9]+)?$ ]] || [[ "$timeout_s" =~ ^0*([.]0*)?$ ]]; then
  echo "AKSARC_TIMEOUT must be a positive number of seconds" >&2
  exit 2
fi
if [ -n "$port_to" ]; then
  if ! [[ "$port_to" =~ ^[0-9]{1,5}$ ]] || [ $((10#$port_to)) -lt 1 ] || [ $((10#$port_to)) -gt 65535 ]; then
    echo "AKSARC_PORT must be a port number from 1 to 65535" >&2
    exit 2
  fi
  port_to=$((10#$port_to))
fi

if command -v curl >/dev/null 2>&1; then
  method=curl
elif command -v timeout >/dev/null 2>&1; then
  method=tcp
  echo "note: curl not found; testing TCP connections only" >&2
else
  echo "neither curl nor timeout is installed; install curl and run again" >&2
  exit 2
fi
if [ -n "$resolve_to$port_to" ]; then
  echo "note: every probe connects to ${resolve_to:-the host} on port ${port_to:-of its row}" >&2
fi

passed=0
failed=0
manual=0

# probe HOST PORT SCHEME: one PASS or FAIL line.
probe() {
  local host="$1" port="$2" scheme="$3"
  local to="${port_to:-$port}" reason="" detail="" err rc
  if [ "$method" = curl ]; then
    local args=(--silent --show-error --output /dev/null --noproxy '*'
      --connect-timeout "$timeout_s" --max-time "$timeout_s")
    if [ -n "$resolve_to" ]; then
      args+=(--resolve "$host:$to:$resolve_to")
    fi
    err="$(curl "${args[@]}" "$scheme://$host:$to/" 2>&1)"
    rc=$?
    case "$rc" in
      0) ;;
      6) reason="name not resolved" ;;
      7) reason="could not connect" ;;
      28) reason="timed out after $timeout_s s" ;;
      1|2|3|4|5) reason="curl could not run the probe (exit $rc)" ;;
      *)
        case "$err" in
          *[Rr]eset*|*SSL_ERROR_SYSCALL*|*[Uu]nexpected\ [Ee][Oo][Ff]*|*"Empty reply"*)
            reason="connection reset or closed before any answer; a firewall filtering by name?" ;;
          *) detail=" (connected; curl exit $rc)" ;;
        esac ;;
    esac
  else
    # shellcheck disable=SC2016
    timeout "$timeout_s" bash -c 'exec 3<>"/dev/tcp/$1/$2"' probe "${resolve_to:-$host}" "$to" 2>/dev/null
    rc=$?
    case "$rc" in
      0) ;;
      124) reason="timed out after $timeout_s s" ;;
      *) reason="could not connect" ;;
    esac
  fi
  if [ -z "$reason" ]; then
    passed=$((passed + 1))
    echo "PASS $host:$port$detail"
  else
    failed=$((failed + 1))
    echo "FAIL $host:$port ($reason)"
  fi
}

# by_hand HOST PORT WHY: a row no script can test.
by_hand() {
  manual=$((manual + 1))
  echo "CHECK $1:$2 — check the rule by hand ($3)"
}

"#;

const SH_FOOTER: &str = r#"
echo "$passed passed, $failed failed, $manual to check by hand"
if [ "$failed" -gt 0 ]; then
  exit 1
fi
exit 0
"#;

fn connectivity_ps1(plan: &Plan) -> String {
    let rows = checklist(plan);
    let items = script_rows(&rows);
    let mut out = String::new();
    out.push_str("# Connectivity test for AKS enabled by Azure Arc on VMware, generated by aksarc-netplan.\n");
    let _ = writeln!(out, "# Plan: {}", comment_ascii(plan_name(plan)));
    let _ = writeln!(out, "# Region: {}", comment_ascii(&plan.region));
    out.push_str(PS1_HEADER);
    for what in not_probed(&rows) {
        // Engine text only (fixed words and checked host names), no plan text.
        let _ = writeln!(out, "#   {what}");
    }
    out.push_str(PS1_BODY);
    out.push_str("$rows = @(\n");
    for item in &items {
        match item {
            ScriptRow::Probe { host, port, tls } => {
                let _ = writeln!(out, "    @{{ Host = '{host}'; Port = {port}; Tls = ${tls}; Why = '' }}");
            }
            ScriptRow::ByHand { host, port, why } => {
                let _ = writeln!(out, "    @{{ Host = '{host}'; Port = '{port}'; Tls = $false; Why = '{why}' }}");
            }
        }
    }
    out.push_str(")\n");
    out.push_str(PS1_FOOTER);
    out
}

const PS1_HEADER: &str = r#"#
# Run it on the machine that deploys the clusters (or any Windows or PowerShell 7 machine in the
# planned segment). It connects to every concrete host of the firewall checklist on its port and
# prints PASS or FAIL per host, then a summary. Wildcard and UDP rows cannot be probed: they are
# printed as CHECK, for checking the firewall rule by hand.
#
# How a probe is judged: a TCP connection (.NET TcpClient; Test-NetConnection has no timeout and
# exists only on Windows) that cannot be made in time is FAIL. For HTTPS hosts a TLS handshake
# follows: a connection reset or closed during it is FAIL (the usual sign of a firewall that
# filters by name); a handshake that completes, or fails for another reason (for example a
# certificate that a TLS-inspecting device replaced), is PASS. Probes go direct, not through a
# proxy: AKS on VMware does not support one.
#
# Settings (environment variables):
#   AKSARC_TIMEOUT  seconds per probe (default 5)
#   AKSARC_RESOLVE  connect every probe to this address instead of the host's (for tests)
#   AKSARC_PORT     connect every probe to this port instead of the row's (for tests)
# Exit code: 0 every probe passed, 1 a probe failed, 2 bad settings.
#
# Not probed here (see the checklist):
"#;

const PS1_BODY: &str = r#"
Set-StrictMode -Version 2.0

$timeoutSeconds = 5.0
if ($env:AKSARC_TIMEOUT) {
    $parsed = 0.0
    $ok = [double]::TryParse($env:AKSARC_TIMEOUT, [System.Globalization.NumberStyles]::Float,
        [System.Globalization.CultureInfo]::InvariantCulture, [ref]$parsed)
    if (-not $ok -or $parsed -le 0 -or $parsed -gt 3600) {
        [Console]::Error.WriteLine('AKSARC_TIMEOUT must be a positive number of seconds')
        exit 2
    }
    $timeoutSeconds = $parsed
}
$timeoutMs = [int][Math]::Ceiling($timeoutSeconds * 1000)
$resolveTo = $env:AKSARC_RESOLVE
$portTo = 0
if ($env:AKSARC_PORT) {
    if (-not [int]::TryParse($env:AKSARC_PORT, [ref]$portTo) -or $portTo -lt 1 -or $portTo -gt 65535) {
        [Console]::Error.WriteLine('AKSARC_PORT must be a port number from 1 to 65535')
        exit 2
    }
}

function Get-Innermost([System.Exception]$Exception) {
    $e = $Exception
    while ($null -ne $e.InnerException) { $e = $e.InnerException }
    return $e
}

function Test-Chain([System.Exception]$Exception, [type]$Type) {
    $e = $Exception
    while ($null -ne $e) {
        if ($e -is $Type) { return $true }
        $e = $e.InnerException
    }
    return $false
}

# Returns '' when the host answered, else why not.
function Test-Probe([string]$HostName, [int]$Port, [bool]$Tls) {
    $address = $HostName
    if ($resolveTo) { $address = $resolveTo }
    $to = $Port
    if ($portTo -gt 0) { $to = $portTo }
    $client = New-Object System.Net.Sockets.TcpClient
    try {
        $connect = $client.ConnectAsync($address, $to)
        if (-not $connect.Wait($timeoutMs)) { return ('timed out after {0} s' -f $timeoutSeconds) }
        if (-not $Tls) { return '' }
        $stream = $client.GetStream()
        $stream.ReadTimeout = $timeoutMs
        $stream.WriteTimeout = $timeoutMs
        $accept = [System.Net.Security.RemoteCertificateValidationCallback]{ $true }
        $ssl = New-Object System.Net.Security.SslStream($stream, $false, $accept)
        try {
            $ssl.AuthenticateAsClient($HostName, $null, [System.Security.Authentication.SslProtocols]::Tls12, $false)
            return ''
        } catch {
            if (Test-Chain $_.Exception ([System.IO.IOException])) {
                return 'connection reset or closed during the TLS handshake; a firewall filtering by name?'
            }
            return ''
        } finally {
            $ssl.Dispose()
        }
    } catch {
        return (Get-Innermost $_.Exception).Message
    } finally {
        $client.Dispose()
    }
}

"#;

const PS1_FOOTER: &str = r#"
$passed = 0
$failed = 0
$manual = 0
foreach ($row in $rows) {
    if ($row.Why -ne '') {
        $manual++
        Write-Output ('CHECK {0}:{1} - check the rule by hand ({2})' -f $row.Host, $row.Port, $row.Why)
        continue
    }
    $reason = Test-Probe -HostName $row.Host -Port $row.Port -Tls $row.Tls
    if ($reason -eq '') {
        $passed++
        Write-Output ('PASS {0}:{1}' -f $row.Host, $row.Port)
    } else {
        $failed++
        Write-Output ('FAIL {0}:{1} ({2})' -f $row.Host, $row.Port, $reason)
    }
}
Write-Output ('{0} passed, {1} failed, {2} to check by hand' -f $passed, $failed, $manual)
if ($failed -gt 0) { exit 1 }
exit 0
"#;

// ---- MetalLB -------------------------------------------------------------------------------------

/// A Kubernetes object name (DNS-1123) from a cluster name: lower case letters, digits and `-`,
/// at most 50 characters; `cluster-N` when nothing is left.
fn dns1123(name: &str, index: usize) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 50 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { format!("cluster-{}", index + 1) } else { out.to_string() }
}

/// A pool entry as MetalLB takes it: a CIDR as a CIDR, a range as `a-b`, one address as `/32`
/// (`/128` for IPv6).
fn metallb_entry(text: &str) -> Option<String> {
    let t = text.trim();
    let range = parse_set(t).ok()?;
    Some(if t.contains('/') {
        parse_subnet(t).ok()?.to_string()
    } else if t.contains('-') {
        format!("{}-{}", format_addr(range.family, range.start), format_addr(range.family, range.end))
    } else {
        format!("{}/{}", format_addr(range.family, range.start), if range.family == Family::V4 { 32 } else { 128 })
    })
}

fn metallb(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut out = String::new();
    let _ = writeln!(out, "# MetalLB address pools for AKS enabled by Azure Arc on VMware, generated by aksarc-netplan.");
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    let _ = writeln!(out, "# One IPAddressPool and one L2Advertisement per cluster (metallb.io/v1beta1). A MetalLB instance");
    let _ = writeln!(out, "# serves one cluster: apply each cluster's documents to that cluster only.");
    let mut used_names: Vec<String> = Vec::new();
    let mut documents = String::new();
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let label = comment_text(&cluster.name);
        let mut entries = Vec::new();
        let mut skipped = Vec::new();
        for (k, text) in cluster.lb_pools.iter().enumerate() {
            let field = format!("clusters[{c}].lb_pools[{k}]");
            let claimed = resolved.claims.iter().any(|cl| cl.kind == ClaimKind::LbPool && cl.field == field);
            match metallb_entry(text).filter(|_| claimed) {
                Some(e) => entries.push(e),
                None => {
                    let why = resolved
                        .findings
                        .iter()
                        .find(|f| f.field == field)
                        .map(|f| f.message.clone())
                        .unwrap_or_else(|| "it does not parse".to_string());
                    skipped.push(format!("{field} skipped: {}", comment_text(&why)));
                }
            }
        }
        if entries.is_empty() {
            let _ = writeln!(out, "#");
            let _ = writeln!(out, "# Cluster {label}: no load balancer pool to apply.");
            for s in &skipped {
                let _ = writeln!(out, "#   {s}");
            }
            continue;
        }
        let mut name = dns1123(&cluster.name, c);
        let base = name.clone();
        let mut n = 2;
        while used_names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        used_names.push(name.clone());
        let _ = writeln!(documents, "---");
        let _ = writeln!(documents, "# Cluster {label}, segment {}.", comment_text(&cluster.segment));
        for s in &skipped {
            let _ = writeln!(documents, "# {s}");
        }
        // Sorted, any overlap shows between neighbours.
        let mut pools: Vec<AddrRange> = entries.iter().filter_map(|e| parse_set(e).ok()).collect();
        pools.sort();
        if pools.windows(2).any(|w| w[0].overlaps(&w[1])) {
            let _ = writeln!(documents, "# These pools overlap; MetalLB refuses overlapping entries (rule lb-overlap).");
        }
        let _ = writeln!(documents, "apiVersion: metallb.io/v1beta1");
        let _ = writeln!(documents, "kind: IPAddressPool");
        let _ = writeln!(documents, "metadata:");
        let _ = writeln!(documents, "  name: {name}-pool");
        let _ = writeln!(documents, "  namespace: metallb-system");
        let _ = writeln!(documents, "spec:");
        let _ = writeln!(documents, "  addresses:");
        for e in &entries {
            if e.contains(':') {
                let _ = writeln!(documents, "    - \"{e}\"");
            } else {
                let _ = writeln!(documents, "    - {e}");
            }
        }
        let _ = writeln!(documents, "---");
        let _ = writeln!(documents, "apiVersion: metallb.io/v1beta1");
        let _ = writeln!(documents, "kind: L2Advertisement");
        let _ = writeln!(documents, "metadata:");
        let _ = writeln!(documents, "  name: {name}-l2");
        let _ = writeln!(documents, "  namespace: metallb-system");
        let _ = writeln!(documents, "spec:");
        let _ = writeln!(documents, "  ipAddressPools:");
        let _ = writeln!(documents, "    - {name}-pool");
    }
    if plan.clusters.is_empty() {
        let _ = writeln!(out, "#");
        let _ = writeln!(out, "# The plan has no cluster.");
    }
    out.push_str(&documents);
    out
}

// ---- requirements ----------------------------------------------------------------------------

fn requirements_csv(plan: &Plan) -> String {
    let req = evaluate(plan).requirements;
    let mut out = String::new();
    csv_line(&mut out, &[
        "table", "name", "segment", "subnet", "node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips",
        "lb_ips_recommended", "lb_pool_size", "dhcp_size", "dhcp_in_use", "dhcp_available", "static_free", "all_ips",
        "all_ips_recommended",
    ]);
    for c in &req.clusters {
        csv_line(&mut out, &[
            "cluster".to_string(), c.name.clone(), c.segment.clone(), String::new(), c.node_ips.to_string(),
            c.node_ips_recommended.to_string(), c.control_plane_ips.to_string(), c.lb_ips.to_string(),
            c.lb_ips_recommended.to_string(), c.lb_pool_size.to_string(), String::new(), String::new(), String::new(),
            String::new(), String::new(), String::new(),
        ]);
    }
    for s in &req.segments {
        csv_line(&mut out, &[
            "segment".to_string(), s.name.clone(), String::new(), s.subnet.clone(), s.node_ips_needed.to_string(),
            s.node_ips_recommended.to_string(), String::new(), String::new(), String::new(), String::new(),
            s.dhcp_size.to_string(), s.dhcp_in_use.to_string(), s.dhcp_available.to_string(), s.static_free.to_string(),
            String::new(), String::new(),
        ]);
    }
    let t = &req.totals;
    csv_line(&mut out, &[
        "totals".to_string(), "all clusters".to_string(), String::new(), String::new(), t.node_ips.to_string(),
        t.node_ips_recommended.to_string(), t.control_plane_ips.to_string(), t.lb_ips.to_string(),
        t.lb_ips_recommended.to_string(), String::new(), String::new(), String::new(), String::new(), String::new(),
        t.all_ips.to_string(), t.all_ips_recommended.to_string(),
    ]);
    out
}

// ---- static addresses and DHCP exclusions -----------------------------------------------------------

/// The static addresses of one segment's subnet.
struct SegmentStatics {
    segment: usize,
    subnet: Subnet,
    /// Each static address set, clipped to the subnet, with its label; sorted by address.
    items: Vec<(AddrRange, String)>,
    /// The merged items, lowest first, split at the edges of the DHCP scopes: (range, inside a scope).
    lines: Vec<(AddrRange, bool)>,
}

struct Statics {
    segments: Vec<SegmentStatics>,
    /// Segments whose subnet does not parse.
    unparsed: Vec<usize>,
    /// Static addresses in no segment's subnet: (the part outside, label).
    outside: Vec<(AddrRange, String)>,
}

fn statics(resolved: &Resolved) -> Statics {
    let mut segments = Vec::new();
    let mut unparsed = Vec::new();
    for (s, view) in resolved.segments.iter().enumerate() {
        let Some(subnet) = view.subnet else {
            unparsed.push(s);
            continue;
        };
        let family = subnet.range.family;
        let scopes = IntervalSet::from_ranges(family, view.dhcp.iter().copied());
        let mut items: Vec<(AddrRange, String)> = Vec::new();
        for claim in &resolved.claims {
            match claim.kind {
                k if k.is_static_host() => {
                    if let Some(r) = claim.range.intersection(&subnet.range) {
                        items.push((r, claim.label.clone()));
                    }
                }
                ClaimKind::Gateway | ClaimKind::Dns | ClaimKind::Reserved => {
                    for r in scopes.clip(&claim.range).ranges() {
                        if let Some(r) = r.intersection(&subnet.range) {
                            items.push((r, format!("{} (inside a DHCP scope)", claim.label)));
                        }
                    }
                }
                _ => {}
            }
        }
        items.sort_by_key(|(r, _)| (r.start, r.end));
        let merged = IntervalSet::from_ranges(family, items.iter().map(|(r, _)| *r));
        let mut lines = Vec::new();
        for r in merged.ranges() {
            let inside = scopes.clip(&r);
            let outside = inside.complement_within(&r);
            let mut parts: Vec<(AddrRange, bool)> =
                inside.ranges().map(|p| (p, true)).chain(outside.ranges().map(|p| (p, false))).collect();
            parts.sort_by_key(|(p, _)| p.start);
            lines.extend(parts);
        }
        segments.push(SegmentStatics { segment: s, subnet, items, lines });
    }
    let mut outside = Vec::new();
    for family in [Family::V4, Family::V6] {
        let subnets = IntervalSet::from_ranges(family, resolved.segments.iter().filter_map(|v| v.subnet.map(|s| s.range)));
        for claim in resolved.claims.iter().filter(|c| c.kind.is_static_host() && c.range.family == family) {
            for part in subnets.complement_within(&claim.range).ranges() {
                outside.push((part, claim.label.clone()));
            }
        }
    }
    Statics { segments, unparsed, outside }
}

/// The DHCP exclusions, plain text: per segment a `# segment NAME SUBNET` line, then one merged
/// range per line (`a-b`, or `a` for one address), lowest first.
///
/// The lines hold every static address of the plan in the segment's subnet: control plane IPs,
/// load balancer pools and the Arc resource bridge's IPs, plus a gateway, DNS server or reserved
/// entry where a DHCP scope of the segment contains it (the `dhcp-contains-reserved` advice).
/// Overlapping and adjacent addresses merge. Only the addresses inside a DHCP scope really need
/// excluding: those lines end with `# inside DHCP scope`, and a range that crosses the edge of a
/// scope is split there so each line is wholly inside or wholly outside. The others are listed so
/// the DHCP administrator sees every static address of the subnet. Addresses in no segment's
/// subnet and segments whose subnet does not parse are named in comments.
fn dhcp_exclusions(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let st = statics(&resolved);
    let mut out = String::new();
    let _ = writeln!(out, "# DHCP exclusions for AKS enabled by Azure Arc on VMware, generated by aksarc-netplan.");
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    let _ = writeln!(out, "# Per segment, the plan's static addresses in its subnet (control plane IPs, load balancer pools,");
    let _ = writeln!(out, "# Arc resource bridge IPs, and any gateway, DNS server or reserved entry inside a DHCP scope),");
    let _ = writeln!(out, "# merged and sorted. Lines marked \"inside DHCP scope\" must be excluded from the scope; the");
    let _ = writeln!(out, "# others lie outside every scope already.");
    for seg in &st.segments {
        let name = plan.segments.get(seg.segment).map(|s| s.name.as_str()).unwrap_or_default();
        let _ = writeln!(out);
        let _ = writeln!(out, "# segment {} {}", comment_text(name), seg.subnet);
        if seg.lines.is_empty() {
            let _ = writeln!(out, "# no static addresses in this subnet");
        }
        for (range, inside) in &seg.lines {
            if *inside {
                let _ = writeln!(out, "{range}  # inside DHCP scope");
            } else {
                let _ = writeln!(out, "{range}");
            }
        }
    }
    for s in &st.unparsed {
        let name = plan.segments.get(*s).map(|s| s.name.as_str()).unwrap_or_default();
        let _ = writeln!(out);
        let _ = writeln!(out, "# segment {}: its subnet does not parse, skipped", comment_text(name));
    }
    if !st.outside.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "# in no segment's subnet (not listed above):");
        for (range, label) in &st.outside {
            let _ = writeln!(out, "#   {range} {}", comment_text(label));
        }
    }
    out
}

/// The DHCP exclusions as Windows DHCP Server cmdlets: one `Add-DhcpServerv4ExclusionRange` per
/// range inside a DHCP scope (`-ScopeId` is the segment subnet's network address, Windows' id of the
/// scope for that subnet), `Add-DhcpServerv6ExclusionRange -Prefix` for IPv6 segments. Windows
/// refuses an exclusion outside the scope's range, so static addresses outside every scope are
/// only named in a comment.
fn dhcp_ps1(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let st = statics(&resolved);
    let mut out = String::new();
    let _ = writeln!(out, "# Windows DHCP Server exclusions for AKS enabled by Azure Arc on VMware, generated by aksarc-netplan.");
    let _ = writeln!(out, "# Plan: {}", comment_ascii(plan_name(plan)));
    let _ = writeln!(out, "# Run on the DHCP server (or add -ComputerName <server> to each line). Each line keeps the plan's");
    let _ = writeln!(out, "# static addresses that lie inside a DHCP scope from being leased. The scope is named by the");
    let _ = writeln!(out, "# segment subnet's network address (-ScopeId for IPv4, -Prefix for IPv6).");
    for seg in &st.segments {
        let name = plan.segments.get(seg.segment).map(|s| s.name.as_str()).unwrap_or_default();
        let network = format_addr(seg.subnet.range.family, seg.subnet.range.start);
        let _ = writeln!(out);
        let _ = writeln!(out, "# segment {} {}", comment_ascii(name), seg.subnet);
        let inside: Vec<&AddrRange> = seg.lines.iter().filter(|(_, i)| *i).map(|(r, _)| r).collect();
        let outside: Vec<String> = seg.lines.iter().filter(|(_, i)| !*i).map(|(r, _)| r.to_string()).collect();
        if inside.is_empty() {
            let _ = writeln!(out, "# nothing to exclude: no static address lies inside a DHCP scope of this segment");
        }
        for r in inside {
            let (start, end) = (format_addr(r.family, r.start), format_addr(r.family, r.end));
            match r.family {
                Family::V4 => {
                    let _ = writeln!(out, "Add-DhcpServerv4ExclusionRange -ScopeId {network} -StartRange {start} -EndRange {end}");
                }
                Family::V6 => {
                    let _ = writeln!(out, "Add-DhcpServerv6ExclusionRange -Prefix {network} -StartRange {start} -EndRange {end}");
                }
            }
        }
        if !outside.is_empty() {
            let _ = writeln!(out, "# static, outside every DHCP scope already: {}", outside.join(", "));
        }
    }
    for s in &st.unparsed {
        let name = plan.segments.get(*s).map(|s| s.name.as_str()).unwrap_or_default();
        let _ = writeln!(out);
        let _ = writeln!(out, "# segment {}: its subnet does not parse, skipped", comment_ascii(name));
    }
    out
}

// ---- Markdown summary ------------------------------------------------------------------------------

fn summary_md(plan: &Plan) -> String {
    let report: Report = evaluate(plan);
    let resolved = resolve(plan);
    let req = &report.requirements;
    let mut out = String::new();
    let _ = writeln!(out, "# Network plan: {}", md_text(plan_name(plan)));
    let _ = writeln!(out);
    let _ = writeln!(out, "AKS enabled by Azure Arc on VMware. Region: {}. Generated by aksarc-netplan.", md_text(plan.region.trim()));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Result: {}**: {} error(s), {} warning(s).",
        if report.passes() { "PASS" } else { "FAIL" },
        report.errors(),
        report.warnings()
    );

    let t = &req.totals;
    let _ = writeln!(out, "\n## Requirements\n");
    let _ = writeln!(out, "| Addresses | Minimum | Recommended |");
    let _ = writeln!(out, "|---|---:|---:|");
    for f in t.figures() {
        let _ = writeln!(out, "| {} | {} | {} |", f.label, f.minimum, f.recommended);
    }
    if !req.clusters.is_empty() {
        let _ = writeln!(out, "\n### Clusters\n");
        let _ = writeln!(out, "| Cluster | Segment | Node IPs min | Node IPs rec | Control plane IPs | LB IPs min | LB IPs rec | LB pool size |");
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
        for c in &req.clusters {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                md_text(&c.name), md_text(&c.segment), c.node_ips, c.node_ips_recommended, c.control_plane_ips, c.lb_ips,
                c.lb_ips_recommended, c.lb_pool_size
            );
        }
    }
    if !req.segments.is_empty() {
        let _ = writeln!(out, "\n### Segments\n");
        let _ = writeln!(out, "| Segment | Subnet | DHCP size | In use | Available | Node IPs needed min | Node IPs needed rec | Static free |");
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
        for s in &req.segments {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                md_text(&s.name), md_text(&s.subnet), s.dhcp_size, s.dhcp_in_use, s.dhcp_available, s.node_ips_needed,
                s.node_ips_recommended, s.static_free
            );
        }
    }

    let _ = writeln!(out, "\n## Findings\n");
    if report.findings.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let _ = writeln!(out, "| Rule | Severity | Field | Message |");
        let _ = writeln!(out, "|---|---|---|---|");
        for f in &report.findings {
            let _ = writeln!(out, "| {} | {} | {} | {} |", md_text(f.rule), f.severity.as_str(), md_text(&f.field), md_text(&f.message));
        }
    }

    let st = statics(&resolved);
    let _ = writeln!(out, "\n## Addresses to reserve\n");
    let _ = writeln!(out, "Static addresses: keep them out of DHCP. Those inside a DHCP scope must be excluded from it.");
    for seg in &st.segments {
        let name = plan.segments.get(seg.segment).map(|s| s.name.as_str()).unwrap_or_default();
        let _ = writeln!(out, "\n### Segment {} ({})\n", md_text(name), seg.subnet);
        if seg.items.is_empty() {
            let _ = writeln!(out, "No static addresses in this subnet.");
            continue;
        }
        let _ = writeln!(out, "| Addresses | Used for | Inside a DHCP scope |");
        let _ = writeln!(out, "|---|---|---|");
        let scopes = resolved.segments.get(seg.segment).map(|v| v.dhcp.clone()).unwrap_or_default();
        for (range, label) in &seg.items {
            let inside = scopes.iter().any(|d| d.overlaps(range));
            let _ = writeln!(out, "| {range} | {} | {} |", md_text(label), yes(inside));
        }
        let exclude: Vec<String> = seg.lines.iter().filter(|(_, i)| *i).map(|(r, _)| format!("`{r}`")).collect();
        let _ = writeln!(
            out,
            "\nExclude from DHCP: {}.",
            if exclude.is_empty() { "nothing (no static address lies inside a DHCP scope)".to_string() } else { exclude.join(", ") }
        );
    }
    for s in &st.unparsed {
        let name = plan.segments.get(*s).map(|s| s.name.as_str()).unwrap_or_default();
        let _ = writeln!(out, "\nSegment {}: its subnet does not parse, so its addresses are not listed.", md_text(name));
    }
    if !st.outside.is_empty() {
        let _ = writeln!(out, "\nIn no segment's subnet:\n");
        for (range, label) in &st.outside {
            let _ = writeln!(out, "- {range}: {}", md_text(label));
        }
    }

    let rows = checklist(plan);
    let done = rows.iter().filter(|r| r.confirmed).count();
    let _ = writeln!(out, "\n## Firewall\n");
    let _ = writeln!(out, "{done} of {} rows confirmed.\n", rows.len());
    let _ = writeln!(out, "| Section | Destination | Port | Protocol | From | Confirmed |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for row in &rows {
        let mut dest =
            if valid_host(&row.star_form) { format!("`{}`", row.star_form) } else { md_text(&row.destination) };
        for old in row.also.iter().filter(|a| valid_host(a)) {
            let _ = write!(dest, " (replaces `{old}`)");
        }
        let _ = writeln!(
            out,
            "| {} | {dest} | {} | {} | {} | {} |",
            row.section.title(),
            md_text(&row.port),
            md_text(&row.protocol),
            md_text(&row.sources.join(", ")),
            yes(row.confirmed)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Ok(kind));
            assert_eq!(kind.name().parse::<Kind>(), Ok(kind));
            assert!(!kind.label().is_empty() && !kind.description().is_empty() && !kind.mime().is_empty());
        }
        let names: HashSet<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), Kind::ALL.len());
        let files: HashSet<String> = Kind::ALL.iter().map(|k| file_name(*k, &Plan::example())).collect();
        assert_eq!(files.len(), Kind::ALL.len());
        assert_eq!(Kind::from_name(" Firewall-CSV "), Ok(Kind::FirewallCsv));
        let err = Kind::from_name("yaml\n").unwrap_err().to_string();
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn comment_text_is_one_safe_line() {
        let hostile = "a\r\nb\u{2028}c\u{85}d $(x) `y` 'z' \"w\" \\ \u{201C}q\u{201D} \u{202E}rtl";
        let c = comment_text(hostile);
        assert_eq!(c, "a b c d _(x) _y_ _z_ _w_ _ _q_ rtl");
        assert!(comment_ascii("Ünïcode lab").is_ascii());
        assert_eq!(comment_text(&"x".repeat(500)).chars().count(), MAX_COMMENT + 1);
        assert_eq!(comment_text("   "), "");
    }

    #[test]
    fn metallb_entries() {
        assert_eq!(metallb_entry("10.20.0.64/29").as_deref(), Some("10.20.0.64/29"));
        assert_eq!(metallb_entry(" 10.20.0.30 - 10.20.0.39 ").as_deref(), Some("10.20.0.30-10.20.0.39"));
        assert_eq!(metallb_entry("10.20.0.5").as_deref(), Some("10.20.0.5/32"));
        assert_eq!(metallb_entry("fd00::5").as_deref(), Some("fd00::5/128"));
        assert_eq!(metallb_entry("fd00:0::1-fd00::9").as_deref(), Some("fd00::1-fd00::9"));
        assert_eq!(metallb_entry("10.20.0.1/24"), None);
        assert_eq!(metallb_entry("nope"), None);
        assert_eq!(dns1123("Prod Cluster #1", 0), "prod-cluster-1");
        assert_eq!(dns1123("ÜÜ", 4), "cluster-5");
    }

    #[test]
    fn whole_spaces_do_not_overflow() {
        // Found by the property test: a pool of the whole IPv6 space next to an IPv4 address.
        let mut plan = Plan::default();
        plan.clusters.push(crate::model::Cluster {
            name: "s0".into(),
            lb_pools: vec!["10.0.0.0".into(), "::/0".into(), "::1".into(), "0.0.0.0/0".into()],
            ..Default::default()
        });
        let yaml = export(Kind::Metallb, &plan);
        assert!(yaml.contains("    - \"::/0\"") && yaml.contains("    - 0.0.0.0/0"));
        assert!(yaml.contains("These pools overlap"));
        plan.segments.push(crate::model::Segment { name: "all".into(), subnet: "::/0".into(), dhcp: vec!["::/1".into()], ..Default::default() });
        for kind in Kind::ALL {
            export(kind, &plan);
        }
    }

    #[test]
    fn squid_coverage() {
        let wide = squid_entry("*.events.data.microsoft.com");
        assert!(squid_covers(&wide, &squid_entry("adhs.events.data.microsoft.com")));
        assert!(squid_covers(&wide, &squid_entry("events.data.microsoft.com")));
        assert!(!squid_covers(&wide, &squid_entry("xevents.data.microsoft.com")));
        assert!(!squid_covers(&squid_entry("mcr.microsoft.com"), &squid_entry("*.data.mcr.microsoft.com")));
    }

    #[test]
    fn host_names_and_replaced_names() {
        for good in ["gcr.io", "*.blob.core.windows.net", "a-b.c1", &format!("{}.io", "a".repeat(63))] {
            assert!(valid_host(good), "{good}");
        }
        let long = format!("{}.io", vec!["a".repeat(60); 5].join("."));
        for bad in ["", "*.", "a b", "a..b", ".a", "a.", "10.0.0.1:443", "DNS servers 10.0.0.2", &format!("{}.io", "a".repeat(64)), &long] {
            assert!(!valid_host(bad), "{bad}");
        }
        assert!(long.len() > 253 && long.split('.').all(|l| l.len() <= 63));
        assert!(is_replaced("k8connecthelm.azureedge.net") && is_replaced("k8sconnectcsp.azureedge.net"));
        assert!(!is_replaced("k8connecthelm.download.prss.microsoft.com") && !is_replaced("gcr.io"));
    }

    #[test]
    fn script_rows_probe_only_what_a_connect_can_test() {
        let row = |dest: &str, port: &str, protocol: &str| Row {
            key: dest.into(),
            section: crate::firewall::Section::Aks,
            destination: dest.into(),
            also: Vec::new(),
            wildcard: false,
            star_form: dest.into(),
            port: port.into(),
            protocol: protocol.into(),
            why: String::new(),
            who: String::new(),
            sources: Vec::new(),
            probe: true,
            confirmed: false,
            note: String::new(),
        };
        let got = script_rows(&[
            row("a.example", "443", "HTTPS"),
            row("b.example", "0", "TCP"),
            row("c.example", "1", "TCP"),
            row("d.example", "123", "UDP"),
            row("e.example", "80", "HTTP"),
            row("a.example", "443", "HTTPS"),
            // A row that names no internet host (ports between the plan's machines) is no probe,
            // even when its destination would pass for a host name.
            Row { probe: false, ..row("vcenter.example", "443", "TCP") },
        ]);
        assert_eq!(got, [
            ScriptRow::Probe { host: "a.example".into(), port: 443, tls: true },
            ScriptRow::ByHand { host: "b.example".into(), port: "0".into(), why: "no probe for this port" },
            ScriptRow::Probe { host: "c.example".into(), port: 1, tls: false },
            ScriptRow::ByHand { host: "d.example".into(), port: "123".into(), why: "UDP cannot be probed" },
            ScriptRow::Probe { host: "e.example".into(), port: 80, tls: false },
        ]);
    }
}
