//! The firewall checklist: what the network must let through, for this plan.
//!
//! Each platform's list is data in a file of its own, typed as [`HostRule`]s (a host the
//! deployment must reach) and [`PortRule`]s (ports between the plan's machines): `aks_vmware.rs`
//! (the AKS on VMware page's 29 hosts and the Arc resource bridge's allowlist and ports) and
//! `azure_local.rs` (Azure Local's per-region endpoint list and the ports to a separate
//! management network). The platform's facts say which list a plan gets.
//!
//! Each row has a stable `key`; `Plan::firewall_confirmed` holds the keys the administrator
//! ticked, so ticks travel with the plan and its share link (`link::ticks` freezes them).

pub mod aks_vmware;
pub mod azure_local;
pub mod bare_metal;
pub mod multi_rack;

use std::fmt;

use serde::Serialize;

use crate::model::Plan;
use crate::platform::FirewallList;

/// The protocol of a rule, as the sources write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Protocol {
    Https,
    Http,
    Tcp,
    Udp,
    /// DNS: both.
    TcpUdp,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Https => "HTTPS",
            Protocol::Http => "HTTP",
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::TcpUdp => "TCP/UDP",
        }
    }

    /// Whether a TCP connect (with TLS for HTTPS) can test the rule.
    pub fn connects(self) -> bool {
        matches!(self, Protocol::Https | Protocol::Http | Protocol::Tcp)
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A host the deployment must reach, as a list writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostRule {
    /// As the source writes it: a leading `.` or `*.` means every subdomain; `{r}`, `{a}` and
    /// `{h}` stand for a region's parts in Azure Local's regional list.
    pub host: &'static str,
    pub ports: &'static [u16],
    pub protocol: Protocol,
    /// Which machines need it, or the list's component it belongs to; empty where the list says
    /// every machine.
    pub from: &'static str,
    /// Why, where a source says; empty where none does.
    pub why: &'static str,
}

/// Ports between two kinds of the plan's machines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortRule {
    pub from: &'static str,
    pub to: &'static str,
    pub ports: &'static [u16],
    pub protocol: Protocol,
    pub why: &'static str,
}

/// What a row is, for the exports that treat them differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    /// A named host (or a wildcard of one) the machines must reach.
    Host,
    /// The plan's own DNS servers.
    DnsServers,
    /// Ports between the plan's machines, inbound to the destination.
    Port,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Aks,
    ResourceBridge,
    /// Azure Local's regional list (AKS, resource bridge, Arc agents, sign-in, management,
    /// monitoring) and the ports to the management network.
    AzureLocal,
    /// Multi-rack's endpoint list.
    MultiRack,
    /// Bare metal's six endpoints.
    BareMetal,
}

impl Section {
    /// Every section, in the order the checklist shows them.
    pub const ALL: [Section; 5] = [Section::Aks, Section::ResourceBridge, Section::AzureLocal, Section::MultiRack, Section::BareMetal];

    pub fn title(self) -> &'static str {
        match self {
            Section::Aks => "AKS",
            Section::ResourceBridge => "Arc resource bridge",
            Section::AzureLocal => "AKS on Azure Local",
            Section::MultiRack => "AKS on Azure Local multi-rack",
            Section::BareMetal => "AKS on bare metal",
        }
    }

    /// The page's `data-section`.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Aks => "aks",
            Section::ResourceBridge => "bridge",
            Section::AzureLocal => "azure-local",
            Section::MultiRack => "multi-rack",
            Section::BareMetal => "bare-metal",
        }
    }

    /// What the section holds, for the page.
    pub fn intro(self) -> &'static str {
        match self {
            Section::Aks => aks_vmware::AKS_INTRO,
            Section::ResourceBridge => aks_vmware::BRIDGE_INTRO,
            Section::AzureLocal => azure_local::INTRO,
            Section::MultiRack => multi_rack::INTRO,
            Section::BareMetal => bare_metal::INTRO,
        }
    }

    /// Where its rows come from.
    pub fn source(self) -> &'static str {
        match self {
            Section::Aks => aks_vmware::AKS_SOURCE,
            Section::ResourceBridge => aks_vmware::BRIDGE_SOURCE,
            Section::AzureLocal => azure_local::SOURCE,
            Section::MultiRack => multi_rack::SOURCE,
            Section::BareMetal => bare_metal::SOURCE,
        }
    }
}

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Stable id, stored in `firewall_confirmed`.
    pub key: String,
    pub section: Section,
    pub kind: RowKind,
    /// The destination as the source writes it (a leading `.` means every subdomain), or a
    /// description of the peers for port rows.
    pub destination: String,
    /// Other names of the same destination: the host a 2025 change replaced, or the global host
    /// that finds the regional one.
    pub also: Vec<String>,
    /// True when the destination is every subdomain of a domain.
    pub wildcard: bool,
    /// The form most firewalls take: `*.example.com` for wildcards, else the host.
    pub star_form: String,
    pub ports: Vec<u16>,
    pub protocol: Protocol,
    /// Why it is needed, where the source says.
    pub why: String,
    /// Which machines need it, in words.
    pub who: String,
    /// Source addresses for a rule: the segments' subnets, or the resource bridge's IPs.
    pub sources: Vec<String>,
    /// A host name a script can connect to (not a wildcard, not a description).
    pub probe: bool,
    pub confirmed: bool,
    /// Anything the administrator should know about this row.
    pub note: String,
}

impl Row {
    /// The ports as the sources write them: `443`, `22, 6443`.
    pub fn port_text(&self) -> String {
        port_text(&self.ports)
    }
}

/// Ports as a list reads: `22, 6443`.
pub(crate) fn port_text(ports: &[u16]) -> String {
    ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

/// Hosts Microsoft replaced in the 2025-09-15 version of the page: (old, new).
pub const REPLACED: [(&str, &str); 2] = [
    ("k8connecthelm.azureedge.net", "k8connecthelm.download.prss.microsoft.com"),
    ("k8sconnectcsp.azureedge.net", "k8sconnectcsp.download.prss.microsoft.com"),
];

/// Documented managed-identity short codes: (region name, code).
pub const HIS_CODES: [(&str, &str); 11] = [
    ("eastus", "eus"),
    ("westeurope", "weu"),
    ("southeastasia", "sea"),
    ("australiaeast", "ae"),
    ("eastus2", "eus2"),
    ("westus2", "wus2"),
    ("westcentralus", "wcus"),
    ("southcentralus", "scus"),
    ("uksouth", "uks"),
    ("northeurope", "ne"),
    ("francecentral", "fc"),
];

/// The managed-identity short code of a region, where one is documented.
///
/// ```
/// use aksarc_netplan::firewall::his_code;
/// assert_eq!(his_code("East US"), Some("eus"));
/// assert_eq!(his_code("japaneast"), None);
/// ```
pub fn his_code(region: &str) -> Option<&'static str> {
    let name = region_key(region);
    HIS_CODES.iter().find(|(r, _)| *r == name).map(|(_, code)| *code)
}

/// A region as the tables spell it: "East US" and "eastus" are one region. Region names are
/// ASCII; ASCII lowercasing keeps the Unicode case tables out of the page.
fn region_key(region: &str) -> String {
    region.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

fn star(dest: &str) -> (bool, String) {
    if let Some(rest) = dest.strip_prefix("*.") {
        (true, format!("*.{rest}"))
    } else if let Some(rest) = dest.strip_prefix('.') {
        (true, format!("*.{rest}"))
    } else {
        (false, dest.to_string())
    }
}

/// The checklist for a plan.
///
/// ```
/// use aksarc_netplan::{firewall::{checklist, Section}, model::Plan};
/// let rows = checklist(&Plan::example());
/// assert_eq!(rows.iter().filter(|r| r.section == Section::Aks).count(), 29);
/// ```
pub fn checklist(plan: &Plan) -> Vec<Row> {
    match crate::platform::of(plan).firewall {
        FirewallList::AksOnVmware => aks_vmware::checklist(plan),
        FirewallList::AzureLocalRegional => azure_local::checklist(plan),
        FirewallList::MultiRack => multi_rack::checklist(plan),
        FirewallList::BareMetal => bare_metal::checklist(plan),
    }
}

/// The rows of a plain list of hosts, the same in every region: each host as written (an old
/// name Microsoft replaced in 2025 with its successor beside it), its ports and purpose, from
/// every network of the plan. Keys are `{prefix}:{host}:{ports}`.
fn host_rows(plan: &Plan, hosts: &[HostRule], section: Section, prefix: &str, who: &str) -> Vec<Row> {
    let subnets = subnets(plan);
    hosts
        .iter()
        .map(|rule| {
            let key = format!("{prefix}:{}:{}", rule.host, port_text(rule.ports));
            let (mut also, mut note) = (Vec::new(), String::new());
            if let Some((old, new)) = REPLACED.iter().find(|(old, _)| *old == rule.host) {
                also.push(new.to_string());
                note = format!("Microsoft renamed {old} {new} in 2025; the list still names the old one. Allow both.");
            }
            let (wildcard, star_form) = star(rule.host);
            let why = if rule.from.is_empty() { rule.why.to_string() } else { format!("{}: {}", rule.from, rule.why) };
            Row {
                confirmed: confirmed(plan, &key),
                key,
                section,
                kind: RowKind::Host,
                destination: rule.host.to_string(),
                also,
                wildcard,
                star_form,
                ports: rule.ports.to_vec(),
                protocol: rule.protocol,
                why,
                who: who.to_string(),
                sources: subnets.clone(),
                probe: !wildcard,
                note,
            }
        })
        .collect()
}

/// Whether `key` is ticked in the plan.
fn confirmed(plan: &Plan, key: &str) -> bool {
    plan.firewall_confirmed.iter().any(|k| k == key)
}

/// The plan's network subnets: where a rule's traffic comes from, each once.
fn subnets(plan: &Plan) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    plan.segments.iter().map(|s| s.subnet.trim()).filter(|s| !s.is_empty() && seen.insert(*s)).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_rows() {
        let rows = checklist(&Plan::example());
        let aks: Vec<&Row> = rows.iter().filter(|r| r.section == Section::Aks).collect();
        assert_eq!(aks.len(), 29);
        assert_eq!(aks.iter().filter(|r| r.ports == [443] && r.protocol == Protocol::Https).count(), 28);
        let http: Vec<_> = aks.iter().filter(|r| r.protocol == Protocol::Http).collect();
        assert_eq!(http.len(), 1);
        assert_eq!((http[0].destination.as_str(), http[0].ports.as_slice()), ("ctldl.windowsupdate.com", &[80][..]));
        let helm = aks.iter().find(|r| r.destination == "k8connecthelm.download.prss.microsoft.com").unwrap();
        assert_eq!(helm.also, ["k8connecthelm.azureedge.net"]);
        let his = aks.iter().find(|r| r.destination.contains(".his.")).unwrap();
        assert_eq!((his.destination.as_str(), his.star_form.as_str()), (".eus.his.arc.azure.com", "*.eus.his.arc.azure.com"));
        assert!(aks.iter().all(|r| r.sources == ["10.20.0.0/24"]));
    }

    #[test]
    fn regions() {
        let mut plan = Plan::example();
        plan.region = "West Europe".into();
        let rows = checklist(&plan);
        assert!(rows.iter().any(|r| r.destination == ".weu.his.arc.azure.com"));
        plan.region = "japaneast".into();
        let rows = checklist(&plan);
        assert!(rows.iter().any(|r| r.destination == ".his.arc.azure.com" && r.star_form == "*.his.arc.azure.com"));
        assert!(rows.iter().any(|r| r.destination == "gbl.his.arc.azure.com"));
        assert_eq!(rows.iter().filter(|r| r.section == Section::Aks).count(), 30);
    }

    #[test]
    fn ticks_and_bridge_addresses() {
        let mut plan = Plan::example();
        plan.firewall_confirmed = vec!["management.azure.com".into()];
        let rows = checklist(&plan);
        assert_eq!(rows.iter().filter(|r| r.confirmed).map(|r| r.key.as_str()).collect::<Vec<_>>(), ["management.azure.com"]);
        assert!(rows.iter().any(|r| r.destination == "appliance VMs 10.20.0.6-10.20.0.7" && r.ports == [22, 6443]));
        assert!(rows.iter().any(|r| r.destination == "DNS servers 10.20.0.2, 10.20.0.3" && r.ports == [53]));
        let keys: std::collections::HashSet<_> = rows.iter().map(|r| &r.key).collect();
        assert_eq!(keys.len(), rows.len(), "keys are unique");
    }
}
