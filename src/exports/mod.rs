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
//!   entry that a DHCP scope of the segment contains, merged and sorted.
//!
//! One file per family of exports: `firewall` (CSV, host list, Squid), `scripts` (connectivity
//! tests in bash and PowerShell), `metallb`, `summary` (requirements CSV, Markdown summary),
//! `dhcp` (exclusions, plain and Windows). This file holds the kinds, the entry point and the
//! escaping every family shares.

use std::collections::HashSet;
use std::fmt::{self, Write};

use crate::addr::{ellipsis, format_addr, parse_set, parse_subnet, AddrRange, Family, Subnet};
use crate::check::{evaluate, Report};
use crate::claims::{resolve, ClaimKind, Resolved};
use crate::firewall::{checklist, Row, REPLACED};
use crate::intervals::IntervalSet;
use crate::model::Plan;
use crate::platform::{self, ExportFamily};

mod deploy;
mod dhcp;
mod firewall;
mod metallb;
mod preflight;
mod scripts;
mod summary;

use deploy::{az_aksarc, az_lb, az_lnet};
use dhcp::{dhcp_exclusions, dhcp_ps1};
use firewall::{firewall_csv, firewall_list, firewall_squid};
use metallb::metallb;
pub use metallb::{metallb_cluster, metallb_cluster_file};
use preflight::{preflight_ps1, preflight_sh};
use scripts::{connectivity_ps1, connectivity_sh};
use summary::{requirements_csv, summary_md};

/// What must bypass the proxy for AKS on Azure Local besides the logical networks (Azure Local's
/// proxy configuration page): Kubernetes' in-cluster names and the three private ranges.
const NO_PROXY_FIXED: [&str; 6] = [".svc", "kubernetes.default.svc", ".svc.cluster.local", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/// The NO_PROXY value: the logical network prefixes that parse, then the fixed entries.
fn no_proxy(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut entries: Vec<String> = resolved.segments.iter().filter_map(|v| v.subnet.map(|s| s.to_string())).collect();
    entries.extend(NO_PROXY_FIXED.iter().map(|e| e.to_string()));
    let mut seen = HashSet::new();
    entries.retain(|e| seen.insert(e.clone()));
    let mut out = String::new();
    let _ = writeln!(out, "{}", header("NO_PROXY", plan));
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    let _ = writeln!(out, "# The clusters inherit Azure Local's proxy settings, which cannot be changed after deployment:");
    let _ = writeln!(out, "# set this when Azure Local is deployed. Environment variables take CIDR blocks; a * wildcard is");
    let _ = writeln!(out, "# not supported. Azure Local's own entries (its machines, cluster name, infrastructure) come on top.");
    let _ = writeln!(out, "# The proxy must not need a user name and password, use a PAC file, inspect TLS, or have an");
    let _ = writeln!(out, "# address in a .local domain.");
    let _ = writeln!(out, "NO_PROXY={}", entries.join(","));
    out
}

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
    NoProxy,
    AzLnet,
    AzAksarc,
    AzLb,
    PreflightSh,
    PreflightPs1,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
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
        Kind::NoProxy,
        Kind::AzLnet,
        Kind::AzAksarc,
        Kind::AzLb,
        Kind::PreflightSh,
        Kind::PreflightPs1,
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
            Kind::PreflightSh => "preflight-bash",
            Kind::PreflightPs1 => "preflight-ps1",
            Kind::DhcpPs1 => "dhcp-ps1",
            Kind::NoProxy => "no-proxy",
            Kind::AzLnet => "az-lnet",
            Kind::AzAksarc => "az-aksarc",
            Kind::AzLb => "az-lb",
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
            Kind::FirewallList | Kind::DhcpExclusions | Kind::NoProxy => "txt",
            Kind::FirewallSquid => "conf",
            Kind::ConnectivitySh | Kind::AzLnet | Kind::AzAksarc | Kind::AzLb | Kind::PreflightSh => "sh",
            Kind::ConnectivityPs1 | Kind::DhcpPs1 | Kind::PreflightPs1 => "ps1",
            Kind::Metallb => "yaml",
            Kind::SummaryMd => "md",
        }
    }

    /// The media type for a download.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::FirewallCsv | Kind::RequirementsCsv => "text/csv;charset=utf-8",
            Kind::FirewallList | Kind::FirewallSquid | Kind::DhcpExclusions => "text/plain;charset=utf-8",
            Kind::ConnectivitySh | Kind::AzLnet | Kind::AzAksarc | Kind::AzLb | Kind::PreflightSh => "text/x-shellscript;charset=utf-8",
            Kind::ConnectivityPs1 | Kind::DhcpPs1 | Kind::NoProxy | Kind::PreflightPs1 => "text/plain;charset=utf-8",
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
            Kind::NoProxy => "NO_PROXY",
            Kind::AzLnet => "Logical networks (az)",
            Kind::AzAksarc => "Clusters (az)",
            Kind::AzLb => "Load balancers (az)",
            Kind::PreflightSh => "Preflight (bash)",
            Kind::PreflightPs1 => "Preflight (PowerShell)",
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
            Kind::NoProxy => "the NO_PROXY value AKS needs behind a proxy on Azure Local, with the proxy's limits",
            Kind::AzLnet => "bash script: az stack-hci-vm network lnet create for each logical network (Azure Local)",
            Kind::AzAksarc => "bash script: az aksarc create for each cluster, validating first (Azure Local)",
            Kind::AzLb => "bash script: az k8s-runtime load-balancer create for each cluster's MetalLB addresses (Azure Local)",
            Kind::PreflightSh => "bash script run before deploying: is every planned address free, do the firewall's hosts resolve and answer",
            Kind::PreflightPs1 => "the preflight check as a PowerShell script",
        }
    }
}

impl Kind {
    /// Whether the export means anything for the plan: the DHCP exclusions need DHCP, NO_PROXY a
    /// proxy on a platform that supports one.
    ///
    /// ```
    /// use aksarc_netplan::{exports::Kind, model::Plan};
    /// assert!(Kind::DhcpExclusions.applies_to(&Plan::example()));
    /// assert!(!Kind::DhcpExclusions.applies_to(&aksarc_netplan::platform::azure_local::AZURE_LOCAL.example()));
    /// ```
    pub fn applies_to(self, plan: &Plan) -> bool {
        self.why_not(plan).is_none()
    }

    /// Why the export does not apply to the plan, in a sentence; None when it does.
    pub fn why_not(self, plan: &Plan) -> Option<String> {
        let p = platform::of(plan);
        match self {
            Kind::DhcpExclusions | Kind::DhcpPs1 if !p.offers(ExportFamily::DhcpExclusions) => Some(format!(
                "the {self} export is for plans whose nodes take DHCP leases; this plan is for {}, whose nodes take IP pool addresses",
                p.name
            )),
            Kind::NoProxy if !p.offers(ExportFamily::NoProxy) => Some(format!("the no-proxy export is for a proxy, and {} does not support one", p.name)),
            Kind::AzLnet | Kind::AzAksarc | Kind::AzLb if !p.offers(ExportFamily::AzureLocalCli) => {
                Some(format!("the {self} export creates Azure Local objects; this plan is for {}", p.name))
            }
            Kind::NoProxy if !plan.proxy => {
                Some("the no-proxy export is for plans whose traffic goes through a proxy (\"proxy\": true)".to_string())
            }
            _ => None,
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
        Kind::NoProxy => no_proxy(plan),
        Kind::AzLnet => az_lnet(plan),
        Kind::AzAksarc => az_aksarc(plan),
        Kind::AzLb => az_lb(plan),
        Kind::PreflightSh => preflight_sh(plan),
        Kind::PreflightPs1 => preflight_ps1(plan),
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

/// The first comment line of a file: what it is, for which product, made by what.
fn header(what: &str, plan: &Plan) -> String {
    format!("# {what} for {}, generated by aksarc-netplan.", platform::of(plan).product)
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
}
