//! Exports: the plan in the forms other tools take. Firewall lists and connectivity scripts,
//! MetalLB YAML, the requirement tables as CSV, a Markdown summary for a change ticket, an xlsx
//! workbook for the network team, and DHCP exclusions (plain and as Windows DHCP Server cmdlets).
//!
//! Every export is a pure function of the plan: no I/O, no clock, the same text for the same plan
//! on every platform, and no panic on any plan. Address text that does not parse is skipped, and
//! formats that have comments say so in a comment.
//!
//! Plan text (names, region, address text) never reaches a place where it could act: in shell,
//! PowerShell, YAML, Squid and plain-text files it appears only in `#` comment lines, reduced to one
//! line without quotes, `$`, backticks, backslashes or control characters ([`comment_text`]); CSV
//! fields are quoted per RFC 4180 with a guard against spreadsheet formulas ([`csv_field`]); Markdown
//! cells are escaped ([`md_text`]); the workbook's cells are string cells, never formulas. Host
//! names written into scripts come from the checklist's fixed tables and are checked to be plain
//! host names as well.
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
//! `dhcp` (exclusions, plain and Windows), `proxy` (NO_PROXY), `deploy` (Azure CLI scripts),
//! `preflight`, `bicep` (bare metal's parameters file), `arm` (the ARM template), `map_svg` (the
//! address map as a picture), `xlsx` (the workbook, the one binary file: [`export_bytes`]). The bash and
//! PowerShell scripts are files in `templates/` that `template` fills; `escape` makes plan text
//! safe for where it lands. This file holds the table of kinds
//! ([`Kind`], one row each in `KINDS`), the entry point and the lines every file starts with.

use std::collections::HashSet;
use std::fmt::{self, Write};

use crate::addr::{ellipsis, format_addr, parse_set, parse_subnet, AddrRange, Family, Subnet};
use crate::check::{evaluate, Report};
use crate::claims::{resolve, ClaimKind, Resolved};
use crate::firewall::{checklist, Row, REPLACED};
use crate::intervals::IntervalSet;
use crate::model::Plan;
use crate::platform::{self, ExportFamily, NodeAddresses, Platform};

mod arm;
mod bicep;
mod deploy;
mod dhcp;
mod escape;
mod firewall;
mod map_svg;
mod metallb;
mod preflight;
mod proxy;
mod scripts;
mod summary;
mod template;
mod unique;
mod xlsx;

use escape::csv_line;
pub use escape::{comment_ascii, comment_text, csv_field, md_text};
pub use arm::{arm_size, ArmSize};
pub use bicep::{bicepparam_cluster, FILE as BICEPPARAM_FILE};
pub use map_svg::{map_svg_network, map_svg_network_file};
pub use metallb::{metallb_cluster, metallb_cluster_file};
use template::{block, fill};

/// The fields of the load balancer pools that parsed into claims, gathered once: an export
/// asks it per pool by one lookup instead of searching every claim.
fn claimed_lb_fields(resolved: &Resolved) -> HashSet<&str> {
    resolved.claims.iter().filter(|c| c.kind == ClaimKind::LbPool).map(|c| c.field.as_str()).collect()
}

/// Each owner's claims of one kind, in plan order, gathered in one pass (`owner_index` maps an
/// owner to its slot): per-owner lookups then cost the owner's own claims, not every claim.
fn claims_by_owner(
    resolved: &Resolved,
    kind: ClaimKind,
    owners: usize,
    owner_index: impl Fn(crate::claims::Owner) -> Option<usize>,
) -> Vec<Vec<AddrRange>> {
    let mut out = vec![Vec::new(); owners];
    for claim in resolved.claims.iter().filter(|c| c.kind == kind) {
        if let Some(slot) = owner_index(claim.owner).and_then(|o| out.get_mut(o)) {
            slot.push(claim.range);
        }
    }
    out
}

/// The kinds of export, in the order the page and the help list them. What each is lives in its
/// row of `KINDS`, in the same order.
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
    Xlsx,
    DhcpExclusions,
    DhcpPs1,
    NoProxy,
    AzLnet,
    AzAksarc,
    AzLb,
    PreflightSh,
    PreflightPs1,
    Bicepparam,
    Arm,
    MapSvg,
}

/// One export: its names, its file, which plans it means something for, and how it is made.
/// Adding an export is adding a variant to [`Kind`] and its row to `KINDS`.
struct KindSpec {
    kind: Kind,
    /// The name the CLI takes and the file name carries: `firewall-csv`.
    name: &'static str,
    format: Format,
    /// The page's button text.
    label: &'static str,
    /// One line on what it holds, for help text and tooltips.
    description: &'static str,
    /// What a plan needs for the export to apply, checked in order: the first it lacks says why not.
    needs: &'static [Need],
    render: Render,
}

/// How an export is made: as text, or as the bytes of a binary file (the workbook).
#[derive(Clone, Copy)]
enum Render {
    Text(fn(&Plan) -> String),
    Bytes(fn(&Plan) -> Vec<u8>),
}

/// A file format: the extension (without the dot) and the media type of a download.
struct Format {
    extension: &'static str,
    mime: &'static str,
}

const CSV: Format = Format { extension: "csv", mime: "text/csv;charset=utf-8" };
const TEXT: Format = Format { extension: "txt", mime: "text/plain;charset=utf-8" };
const SQUID: Format = Format { extension: "conf", mime: "text/plain;charset=utf-8" };
const BASH: Format = Format { extension: "sh", mime: "text/x-shellscript;charset=utf-8" };
// No registered type for PowerShell; as plain text a browser saves it instead of offering to run it.
const POWERSHELL: Format = Format { extension: "ps1", mime: "text/plain;charset=utf-8" };
const YAML: Format = Format { extension: "yaml", mime: "application/yaml" };
const MARKDOWN: Format = Format { extension: "md", mime: "text/markdown;charset=utf-8" };
const BICEPPARAM: Format = Format { extension: "bicepparam", mime: "text/plain;charset=utf-8" };
const JSON: Format = Format { extension: "json", mime: "application/json" };
const SVG: Format = Format { extension: "svg", mime: "image/svg+xml" };
const XLSX: Format = Format { extension: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

/// What a plan must have for an export to mean anything.
#[derive(Clone, Copy, Debug)]
enum Need {
    /// Its platform offers the family (the platform's `exports` fact).
    Offered(ExportFamily),
    /// Its traffic goes through a proxy (`"proxy": true`).
    Proxy,
    /// Its platform has LoadBalancer services with address ranges (the platform's
    /// `load_balancers` fact).
    LoadBalancers,
    /// It fits in one ARM template (Azure Resource Manager's template limits).
    TemplateLimits,
}

const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::FirewallCsv,
        name: "firewall-csv",
        format: CSV,
        label: "Firewall CSV",
        description: "firewall change request: one row per destination and port, with sources and ticks",
        needs: &[],
        render: Render::Text(firewall::firewall_csv),
    },
    KindSpec {
        kind: Kind::FirewallList,
        name: "firewall-list",
        format: TEXT,
        label: "Host list",
        description: "plain host list, one per line, wildcards as *.example.com",
        needs: &[],
        render: Render::Text(firewall::firewall_list),
    },
    KindSpec {
        kind: Kind::FirewallSquid,
        name: "firewall-squid",
        format: SQUID,
        label: "Squid ACL",
        description: "Squid dstdomain ACL (wildcards as .example.com) and its http_access line",
        needs: &[],
        render: Render::Text(firewall::firewall_squid),
    },
    KindSpec {
        kind: Kind::ConnectivitySh,
        name: "connectivity-sh",
        format: BASH,
        label: "Test script (bash)",
        description: "bash script that probes every concrete host and prints PASS/FAIL per row",
        needs: &[],
        render: Render::Text(scripts::connectivity_sh),
    },
    KindSpec {
        kind: Kind::ConnectivityPs1,
        name: "connectivity-ps1",
        format: POWERSHELL,
        label: "Test script (PowerShell)",
        description: "PowerShell script that probes every concrete host and prints PASS/FAIL per row",
        needs: &[],
        render: Render::Text(scripts::connectivity_ps1),
    },
    KindSpec {
        kind: Kind::Metallb,
        name: "metallb",
        format: YAML,
        label: "MetalLB YAML",
        description: "MetalLB IPAddressPool and L2Advertisement per cluster (metallb.io/v1beta1)",
        needs: &[Need::LoadBalancers],
        render: Render::Text(metallb::metallb),
    },
    KindSpec {
        kind: Kind::RequirementsCsv,
        name: "requirements-csv",
        format: CSV,
        label: "Requirements CSV",
        description: "the requirement tables (clusters, segments, totals) as CSV",
        needs: &[],
        render: Render::Text(summary::requirements_csv),
    },
    KindSpec {
        kind: Kind::SummaryMd,
        name: "summary-md",
        format: MARKDOWN,
        label: "Summary (Markdown)",
        description: "Markdown report for a change ticket: result, tables, findings, addresses, firewall",
        needs: &[],
        render: Render::Text(summary::summary_md),
    },
    KindSpec {
        kind: Kind::Xlsx,
        name: "xlsx",
        format: XLSX,
        label: "Workbook (xlsx)",
        description: "one workbook: summary, clusters, networks, every address, the firewall checklist and the findings",
        needs: &[],
        render: Render::Bytes(xlsx::xlsx),
    },
    KindSpec {
        kind: Kind::DhcpExclusions,
        name: "dhcp-exclusions",
        format: TEXT,
        label: "DHCP exclusions",
        description: "static addresses per segment to exclude from DHCP, as merged ranges",
        needs: &[Need::Offered(ExportFamily::DhcpExclusions)],
        render: Render::Text(dhcp::dhcp_exclusions),
    },
    KindSpec {
        kind: Kind::DhcpPs1,
        name: "dhcp-ps1",
        format: POWERSHELL,
        label: "DHCP exclusions (Windows)",
        description: "the DHCP exclusions as Windows DHCP Server cmdlets (Add-DhcpServerv4ExclusionRange)",
        needs: &[Need::Offered(ExportFamily::DhcpExclusions)],
        render: Render::Text(dhcp::dhcp_ps1),
    },
    KindSpec {
        kind: Kind::NoProxy,
        name: "no-proxy",
        format: TEXT,
        label: "NO_PROXY",
        description: "the NO_PROXY value AKS needs behind a proxy on Azure Local, with the proxy's limits",
        needs: &[Need::Offered(ExportFamily::NoProxy), Need::Proxy],
        render: Render::Text(proxy::no_proxy),
    },
    KindSpec {
        kind: Kind::AzLnet,
        name: "az-lnet",
        format: BASH,
        label: "Logical networks (az)",
        description: "bash script: az stack-hci-vm network lnet create for each logical network (Azure Local)",
        needs: &[Need::Offered(ExportFamily::AzureLocalCli)],
        render: Render::Text(deploy::az_lnet),
    },
    KindSpec {
        kind: Kind::AzAksarc,
        name: "az-aksarc",
        format: BASH,
        label: "Clusters (az)",
        description: "bash script: az aksarc create for each cluster, validating first (Azure Local)",
        needs: &[Need::Offered(ExportFamily::AzureLocalCli)],
        render: Render::Text(deploy::az_aksarc),
    },
    KindSpec {
        kind: Kind::AzLb,
        name: "az-lb",
        format: BASH,
        label: "Load balancers (az)",
        description: "bash script: az k8s-runtime load-balancer create for each cluster's MetalLB addresses (Azure Local)",
        needs: &[Need::Offered(ExportFamily::AzureLocalCli)],
        render: Render::Text(deploy::az_lb),
    },
    KindSpec {
        kind: Kind::PreflightSh,
        name: "preflight-bash",
        format: BASH,
        label: "Preflight (bash)",
        description: "bash script run before deploying: is every planned address free, do the firewall's hosts resolve and answer",
        needs: &[],
        render: Render::Text(preflight::preflight_sh),
    },
    KindSpec {
        kind: Kind::PreflightPs1,
        name: "preflight-ps1",
        format: POWERSHELL,
        label: "Preflight (PowerShell)",
        description: "the preflight check as a PowerShell script",
        needs: &[],
        render: Render::Text(preflight::preflight_ps1),
    },
    KindSpec {
        kind: Kind::Bicepparam,
        name: "bicepparam",
        format: BICEPPARAM,
        label: "Bicep parameters",
        description: "cluster-create.bicepparam per cluster for Microsoft's AKS on bare metal Bicep template",
        needs: &[Need::Offered(ExportFamily::BicepParams)],
        render: Render::Text(bicep::bicepparam),
    },
    KindSpec {
        kind: Kind::Arm,
        name: "arm",
        format: JSON,
        label: "ARM template",
        description: "one ARM template of the logical networks, clusters and load balancers, for az deployment group create (Azure Local)",
        needs: &[Need::Offered(ExportFamily::AzureLocalCli), Need::TemplateLimits],
        render: Render::Text(arm::arm),
    },
    KindSpec {
        kind: Kind::MapSvg,
        name: "map-svg",
        format: SVG,
        label: "Address map (SVG)",
        description: "the address map of every network as one SVG picture for a design document, with the page's colours and legend",
        needs: &[],
        render: Render::Text(map_svg::map_svg),
    },
];

// `Kind::spec` finds a kind's row by its place in `Kind`, so the rows must keep that order; a
// row out of place stops the build here rather than describing another export.
const _: () = {
    let mut i = 0;
    while i < KINDS.len() {
        assert!(KINDS[i].kind as usize == i, "the rows of KINDS must follow the order of Kind");
        i += 1;
    }
};

impl Kind {
    /// Every kind, in the order of its row.
    pub const ALL: [Kind; KINDS.len()] = {
        let mut all = [Kind::FirewallCsv; KINDS.len()];
        let mut i = 0;
        while i < KINDS.len() {
            all[i] = KINDS[i].kind;
            i += 1;
        }
        all
    };

    fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    /// The name the CLI takes: `firewall-csv`.
    pub fn name(self) -> &'static str {
        self.spec().name
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
        KINDS.iter().find(|s| s.name == wanted).map(|s| s.kind).ok_or_else(|| UnknownKind { name: name.to_string() })
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.spec().format.extension
    }

    /// The media type for a download.
    pub fn mime(self) -> &'static str {
        self.spec().format.mime
    }

    /// Whether the file is binary (the workbook): not text to print, nor to read line by line.
    ///
    /// ```
    /// use aksarc_netplan::exports::Kind;
    /// assert!(Kind::Xlsx.is_binary() && !Kind::SummaryMd.is_binary());
    /// ```
    pub fn is_binary(self) -> bool {
        matches!(self.spec().render, Render::Bytes(_))
    }

    /// Button text for the page.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// One line on what the export holds, for help text and tooltips.
    pub fn description(self) -> &'static str {
        self.spec().description
    }

    /// Whether the export builds the plan in Azure (deployment scripts and templates): a plan
    /// with errors gets none.
    ///
    /// ```
    /// use aksarc_netplan::exports::Kind;
    /// assert!(Kind::AzLnet.deploys() && !Kind::Metallb.deploys());
    /// ```
    pub fn deploys(self) -> bool {
        self.spec().needs.iter().any(|n| matches!(n, Need::Offered(family) if family.deploys()))
    }

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
        self.spec().needs.iter().find_map(|need| match *need {
            Need::Offered(family) if !p.offers(family) => Some(not_offered(self, family, p)),
            Need::Proxy if !plan.proxy => {
                Some(format!("the {self} export is for plans whose traffic goes through a proxy (\"proxy\": true)"))
            }
            Need::LoadBalancers if !p.load_balancers => {
                Some(format!("the {self} export is for load balancer ranges, and {} has no LoadBalancer services", p.name))
            }
            Need::TemplateLimits => arm::over_limits(plan),
            _ => None,
        })
    }
}

/// Why `kind`, of a family `p` does not offer, means nothing for a plan on `p`, in the terms of
/// the family.
fn not_offered(kind: Kind, family: ExportFamily, p: &Platform) -> String {
    match family {
        ExportFamily::DhcpExclusions => {
            let nodes = match p.node_addresses {
                NodeAddresses::Dhcp | NodeAddresses::Host => "DHCP leases",
                NodeAddresses::IpPools => "IP pool addresses",
            };
            format!("the {kind} export is for plans whose nodes take DHCP leases; this plan is for {}, whose nodes take {nodes}", p.name)
        }
        ExportFamily::NoProxy => format!("the {kind} export is for a proxy, and {} does not support one", p.name),
        ExportFamily::AzureLocalCli | ExportFamily::BicepParams => {
            let makers: Vec<&str> = platform::all().filter(|q| q.offers(family)).map(|q| q.words.short).collect();
            format!("the {kind} export creates {} objects; this plan is for {}", makers.join(" or "), p.name)
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
        let names: Vec<&str> = KINDS.iter().map(|s| s.name).collect();
        let shown: String = ellipsis(&self.name).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        write!(f, "unknown export kind \"{shown}\"; the kinds are: {}", names.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

/// The export of a plan, for the text kinds; a binary kind ([`Kind::is_binary`]) has no text
/// and gives an empty string: [`export_bytes`] makes every kind.
///
/// ```
/// use aksarc_netplan::{exports::{export, Kind}, model::Plan};
/// let csv = export(Kind::FirewallCsv, &Plan::example());
/// assert!(csv.contains("management.azure.com,no,management.azure.com,443,HTTPS"));
/// assert!(export(Kind::Xlsx, &Plan::example()).is_empty());
/// ```
pub fn export(kind: Kind, plan: &Plan) -> String {
    match kind.spec().render {
        Render::Text(render) => render(plan),
        Render::Bytes(_) => String::new(),
    }
}

/// The file of any export as bytes: a text export's UTF-8, the workbook's zip.
///
/// ```
/// use aksarc_netplan::{exports::{export_bytes, Kind}, model::Plan};
/// assert!(export_bytes(Kind::Xlsx, &Plan::example()).starts_with(b"PK"));
/// assert!(export_bytes(Kind::Metallb, &Plan::example()).starts_with(b"#"));
/// ```
pub fn export_bytes(kind: Kind, plan: &Plan) -> Vec<u8> {
    match kind.spec().render {
        Render::Text(render) => render(plan).into_bytes(),
        Render::Bytes(render) => render(plan),
    }
}

/// A deployment export of a plan with errors, made anyway (the CLI's `--force`): the errors
/// first, as comment lines where the format has them (after a script's first line), else in the
/// template's `metadata`.
pub fn with_plan_errors(kind: Kind, text: String, report: &Report) -> String {
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.fails())
        .map(|f| format!("{} {}: {}", f.rule, f.field, f.message))
        .collect();
    let head = format!("THE PLAN HAS {}; exported anyway (--force). What this builds is not a plan that passes:", report.counts());
    // Each error whole, over as many comment lines as it takes.
    let comment = |mark: &str| {
        let mut block = String::new();
        for (indent, line) in std::iter::once(("", &head)).chain(errors.iter().map(|e| ("  ", e))) {
            // Wrapped at spaces, each piece short enough to stay whole in a comment.
            let mut pieces = vec![String::new()];
            for word in line.split_whitespace() {
                let last = pieces.last_mut().filter(|p| p.chars().count() + word.chars().count() < escape::MAX_COMMENT - 10);
                match last {
                    Some(piece) => {
                        if !piece.is_empty() {
                            piece.push(' ');
                        }
                        piece.push_str(word);
                    }
                    None => pieces.push(word.to_string()),
                }
            }
            for (i, piece) in pieces.iter().enumerate() {
                block.push_str(&format!("{mark} {indent}{}{}\n", if i > 0 { "  " } else { "" }, comment_text(piece)));
            }
        }
        block
    };
    match kind.extension() {
        "sh" => match text.split_once('\n') {
            Some((shebang, rest)) => format!("{shebang}\n{}{rest}", comment("#")),
            None => format!("{}{text}", comment("#")),
        },
        "json" => match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(mut template) => {
                let note = serde_json::json!({ "planErrors": errors, "warning": head });
                match template.get_mut("metadata").and_then(|m| m.as_object_mut()) {
                    Some(metadata) => {
                        metadata.insert("planErrors".into(), note["planErrors"].clone());
                        metadata.insert("warning".into(), note["warning"].clone());
                    }
                    None => {
                        if let Some(object) = template.as_object_mut() {
                            object.insert("metadata".into(), note);
                        }
                    }
                }
                serde_json::to_string_pretty(&template).map(|t| t + "\n").unwrap_or(text)
            }
            Err(_) => text,
        },
        _ => format!("{}{text}", comment("//")),
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

// ---- the lines every file shares ---------------------------------------------------------------

/// The first comment line of a file: what it is, for which product, made by what.
fn header(what: &str, plan: &Plan) -> String {
    format!("# {what} for {}, generated by aksarc-netplan.", platform::of(plan).product)
}

/// The first lines of a file with `#` comments, each ended: [`header`] and the plan's name,
/// made safe by `clean` ([`comment_text`], or [`comment_ascii`] where Windows PowerShell reads
/// the file).
fn preamble(what: &str, plan: &Plan, clean: fn(&str) -> String) -> String {
    format!("{}\n# Plan: {}\n{}", header(what, plan), clean(plan_name(plan)), waiver_lines(plan, clean))
}

/// A comment line per waiver of the plan, so a file handed on says what the team accepted.
fn waiver_lines(plan: &Plan, clean: fn(&str) -> String) -> String {
    plan.waivers
        .iter()
        .map(|w| format!("# Accepted on purpose: {} at {}: {}\n", clean(&w.rule), clean(&w.field), clean(&w.reason)))
        .collect()
}

fn plan_name(plan: &Plan) -> &str {
    let name = plan.name.trim();
    if name.is_empty() { "(unnamed)" } else { name }
}

/// The name of the plan's segment `index` as typed (to be cleaned for where it lands); empty
/// when the plan has no such segment.
fn segment_name(plan: &Plan, index: usize) -> &str {
    plan.segments.get(index).map_or("", |s| s.name.as_str())
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
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
    fn every_family_is_offered_somewhere_and_its_kinds_apply_there() {
        for spec in KINDS {
            for need in spec.needs {
                if let Need::Offered(family) = need {
                    let hosts: Vec<&Platform> = platform::all().filter(|p| p.offers(*family)).collect();
                    assert!(!hosts.is_empty(), "no platform offers the family of {}", spec.name);
                    for p in hosts {
                        let plan = Plan { proxy: true, ..p.example() };
                        assert_eq!(spec.kind.why_not(&plan), None, "{} on {}", spec.name, p.name);
                    }
                }
            }
        }
    }
}
