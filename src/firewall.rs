//! The firewall checklist: what the network must let through, for this plan.
//!
//! Two sections. The AKS section is the 29 hosts of the AKS on VMware network requirements (port
//! and protocol exactly as given there), with the two `azureedge.net` hosts shown under their
//! 2025 successors and the managed-identity host picked for the plan's region. The resource bridge
//! section is the Arc resource bridge's own outbound allowlist and the ports between the
//! management machine, its appliance VMs and its control plane IP, filled in with the plan's
//! addresses.
//!
//! Each row has a stable `key`; `Plan::firewall_confirmed` holds the keys the administrator
//! ticked, so ticks travel with the plan and its share link.

use serde::Serialize;

use crate::model::Plan;
use crate::platform::FirewallList;

/// Where the AKS hosts come from.
pub const AKS_SOURCE: &str = "Microsoft Learn, AKS on VMware network requirements: firewall URL exceptions (2024-03-22; 2025-09-15 for the replaced hosts)";
/// Where the resource bridge rows come from.
pub const BRIDGE_SOURCE: &str = "Microsoft Learn, Azure Arc resource bridge network requirements (include dated 2026-09-09)";
/// Where the managed-identity short codes come from.
pub const HIS_SOURCE: &str = "Microsoft Learn, Azure Arc-enabled Kubernetes network requirements (region codes for *.his.arc.azure.com)";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Aks,
    ResourceBridge,
    /// Azure Local's regional list (AKS, resource bridge, Arc agents, sign-in, management,
    /// monitoring) and the ports to the management network.
    AzureLocal,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Aks => "AKS",
            Section::ResourceBridge => "Arc resource bridge",
            Section::AzureLocal => "AKS on Azure Local",
        }
    }
}

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Stable id, stored in `firewall_confirmed`.
    pub key: String,
    pub section: Section,
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
    /// Ports, e.g. `443` or `6443, 2379, 2380`.
    pub port: String,
    /// `HTTPS`, `HTTP`, `TCP`, `UDP`.
    pub protocol: String,
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

/// The seed's 29 rows in order: (host as written, port/protocol as written, why).
/// The why comes from the Arc resource bridge and Arc-enabled Kubernetes tables where they list
/// the same host; the seed itself gives one reason for all (deploying and running clusters).
const AKS_HOSTS: [(&str, &str, &str); 29] = [
    (".dp.prod.appliances.azure.com", "HTTPS/443", "Resource bridge data plane: talks to its resource provider in Azure."),
    (".eus.his.arc.azure.com", "HTTPS/443", "Managed identity: fetches system-assigned managed identity certificates."),
    ("guestnotificationservice.azure.com", "HTTPS/443", "Azure Arc notifications (cluster connect, custom locations)."),
    (".dp.kubernetesconfiguration.azure.com", "HTTPS/443", "Arc agents' data plane: pushes status, fetches configuration."),
    ("management.azure.com", "HTTPS/443", "Azure Resource Manager: creates and manages the resources."),
    ("raw.githubusercontent.com", "HTTPS/443", ""),
    ("storage.googleapis.com", "HTTPS/443", ""),
    ("msk8s.api.cdp.microsoft.com", "HTTPS/443", "Product catalog, product bits and OS images."),
    ("adhs.events.data.microsoft.com", "HTTPS/443", "Required diagnostic data from the appliance VM."),
    (".events.data.microsoft.com", "HTTPS/443", "Diagnostic data."),
    ("graph.microsoft.com", "HTTPS/443", "Microsoft Graph, for Azure RBAC."),
    (".login.microsoft.com", "HTTPS/443", "Azure Resource Manager tokens."),
    ("mcr.microsoft.com", "HTTPS/443", "Microsoft Container Registry: finds container images."),
    (".data.mcr.microsoft.com", "HTTPS/443", "Microsoft Container Registry: downloads container images."),
    ("msk8s.sb.tlu.dl.delivery.mp.microsoft.com", "HTTPS/443", "Appliance OS image download."),
    (".prod.microsoftmetrics.com", "HTTPS/443", "Required diagnostic data (metrics)."),
    ("login.microsoftonline.com", "HTTPS/443", "Azure Resource Manager tokens."),
    ("dc.services.visualstudio.com", "HTTPS/443", ""),
    ("ctldl.windowsupdate.com", "HTTP/80", ""),
    ("azurearcfork8s.azurecr.io", "HTTPS/443", "Azure Arc for Kubernetes container images."),
    ("ecpacr.azurecr.io", "HTTPS/443", "Resource bridge container images."),
    ("hybridaks.azurecr.io", "HTTPS/443", ""),
    ("kvamanagementoperator.azurecr.io", "HTTPS/443", "Resource bridge component artifacts."),
    ("linuxgeneva-microsoft.azurecr.io", "HTTPS/443", "Log collection for managed components and Arc extensions."),
    ("gcr.io", "HTTPS/443", ""),
    ("aka.ms", "HTTPS/443", ""),
    ("k8connecthelm.azureedge.net", "HTTPS/443", "Arc-enabled Kubernetes Helm chart download."),
    ("k8sconnectcsp.azureedge.net", "HTTPS/443", "Arc-enabled Kubernetes agent download."),
    (".blob.core.windows.net", "HTTPS/443", "Container images and Azure CLI installer (blob storage)."),
];

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

/// Regions AKS on VMware (preview) was offered in.
pub const AKS_VMWARE_REGIONS: [&str; 7] =
    ["eastus", "australiaeast", "centralindia", "southeastasia", "westeurope", "japaneast", "canadacentral"];

/// The resource bridge's outbound allowlist (Azure cloud): (destination, port, protocol, who, why).
const BRIDGE_OUTBOUND: [(&str, &str, &str, &str, &str); 27] = [
    ("DNS servers of the plan", "53", "TCP/UDP", "management machine and appliance VMs", "Resolves the service endpoints."),
    ("msk8s.api.cdp.microsoft.com", "443", "HTTPS", "management machine and appliance VMs", "Product catalog, product bits and OS images."),
    ("msk8s.sb.tlu.dl.delivery.mp.microsoft.com", "443", "HTTPS", "management machine and appliance VMs", "Appliance OS images."),
    ("mcr.microsoft.com", "443", "HTTPS", "management machine and appliance VMs", "Finds the resource bridge's container images."),
    ("*.data.mcr.microsoft.com", "443", "HTTPS", "management machine and appliance VMs", "Downloads the resource bridge's container images."),
    ("time.windows.com", "123", "UDP", "management machine and appliance VMs (when they use Windows NTP)", "Time synchronisation."),
    ("management.azure.com", "443", "HTTPS", "management machine and appliance VMs", "Manages resources in Azure."),
    ("graph.microsoft.com", "443", "HTTPS", "management machine and appliance VMs", "Azure RBAC."),
    ("login.microsoftonline.com", "443", "HTTPS", "management machine and appliance VMs", "Refreshes Azure Resource Manager tokens."),
    ("*.login.microsoft.com", "443", "HTTPS", "management machine and appliance VMs", "Refreshes Azure Resource Manager tokens."),
    ("login.windows.net", "443", "HTTPS", "management machine and appliance VMs", "Refreshes Azure Resource Manager tokens."),
    ("*.dp.prod.appliances.azure.com", "443", "HTTPS", "appliance VMs", "Talks to the resource provider in Azure."),
    ("*.blob.core.windows.net", "443", "HTTPS", "appliance VMs; management machine", "Container images (appliance VMs); the Azure CLI installer (management machine)."),
    ("ecpacr.azurecr.io", "443", "HTTPS", "appliance VMs", "Container images."),
    ("*.his.arc.azure.com", "443", "HTTPS", "appliance VMs", "System-assigned managed identity certificates."),
    ("v20.events.data.microsoft.com", "443", "HTTPS", "appliance VMs", "Diagnostic data."),
    ("linuxgeneva-microsoft.azurecr.io", "443", "HTTPS", "appliance VMs", "Pushes logs of the managed components."),
    ("packages.microsoft.com", "443", "HTTPS", "appliance VMs", "Linux installation packages."),
    ("sts.windows.net", "443", "HTTPS", "appliance VMs", "Custom locations."),
    ("guestnotificationservice.azure.com", "443", "HTTPS", "appliance VMs", "Azure Arc."),
    ("gcs.prod.monitoring.core.windows.net", "443", "HTTPS", "appliance VMs", "Required diagnostic data."),
    ("*.prod.microsoftmetrics.com", "443", "HTTPS", "appliance VMs", "Required diagnostic data."),
    ("*.prod.hot.ingest.monitor.core.windows.net", "443", "HTTPS", "appliance VMs", "Required diagnostic data."),
    ("*.prod.warm.ingest.monitor.core.windows.net", "443", "HTTPS", "appliance VMs", "Required diagnostic data."),
    ("*.servicebus.windows.net", "443", "HTTPS", "appliance VMs", "Secure control channel; outbound WebSocket (wss://) must be allowed."),
    ("*.web.core.windows.net", "443", "HTTPS", "management machine", "Downloads the resource bridge extension."),
    ("*.dp.kubernetesconfiguration.azure.com", "443", "HTTPS", "management machine", "Arc agent data plane."),
];

/// Ports between the resource bridge's machines: (from, to, ports, why).
const BRIDGE_PORTS: [(&str, &str, &str, &str); 5] = [
    ("management machine", "appliance VM IPs", "22, 6443", "SSH and the Kubernetes API: the management machine deploys and maintains the appliance VMs, which must accept the connections."),
    ("management machine", "control plane IP", "22, 6443", "SSH and the Kubernetes API of the appliance's control plane."),
    ("appliance VM IPs", "appliance VM IPs", "6443, 2379, 2380, 10250, 10257, 10259", "Appliance VM upgrade: the appliance VMs talk to each other."),
    ("management machine", "vCenter and datastores", "443", "Talks to the private cloud (vCenter and the vSphere datastore)."),
    ("appliance VM IPs", "vCenter and datastores", "443", "Talks to the private cloud (vCenter and the vSphere datastore)."),
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

fn split_port(text: &str) -> (String, String) {
    match text.split_once('/') {
        Some((proto, port)) => (port.to_string(), proto.to_string()),
        None => (text.to_string(), String::new()),
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
        FirewallList::AksOnVmware => vmware_checklist(plan),
        FirewallList::AzureLocalRegional => azure_local_checklist(plan),
    }
}

fn vmware_checklist(plan: &Plan) -> Vec<Row> {
    let subnets: Vec<String> = plan.segments.iter().map(|s| s.subnet.trim().to_string()).filter(|s| !s.is_empty()).collect();
    let confirmed = |key: &str| plan.firewall_confirmed.iter().any(|k| k == key);
    let region = plan.region.trim();
    let mut rows = Vec::new();
    for (host, port_text, why) in AKS_HOSTS {
        let (port, protocol) = split_port(port_text);
        let mut dest = host.to_string();
        let mut also = Vec::new();
        let mut note = String::new();
        if let Some((old, new)) = REPLACED.iter().find(|(old, _)| *old == host) {
            dest = new.to_string();
            also.push(old.to_string());
            note = format!("Replaced in 2025: {old} became {new}. Both are listed so an older rule can be matched; the new name is the one to allow.");
        }
        let mut extra = None;
        if host == ".eus.his.arc.azure.com" {
            match his_code(region) {
                Some(code) => {
                    dest = format!(".{code}.his.arc.azure.com");
                    note = if code == "eus" {
                        "The managed-identity host of East US; other regions use their own code.".to_string()
                    } else {
                        format!("The source lists the East US host (.eus.his.arc.azure.com); region {region} uses the code {code}.")
                    };
                }
                None => {
                    dest = ".his.arc.azure.com".to_string();
                    note = format!(
                        "No managed-identity short code is documented for region \"{region}\", so every subdomain of his.arc.azure.com is listed, with gbl.his.arc.azure.com, which tells the agents their regional host."
                    );
                    extra = Some("gbl.his.arc.azure.com");
                }
            }
        }
        let (wildcard, star_form) = star(&dest);
        rows.push(Row {
            key: dest.clone(),
            section: Section::Aks,
            confirmed: confirmed(&dest),
            probe: !wildcard,
            destination: dest,
            also,
            wildcard,
            star_form,
            port,
            protocol,
            why: why.to_string(),
            who: "every node and VM of the deployment".to_string(),
            sources: subnets.clone(),
            note,
        });
        if let Some(gbl) = extra {
            rows.push(Row {
                key: gbl.to_string(),
                section: Section::Aks,
                destination: gbl.to_string(),
                also: Vec::new(),
                wildcard: false,
                star_form: gbl.to_string(),
                port: "443".into(),
                protocol: "HTTPS".into(),
                why: "Finds the regional managed-identity host.".into(),
                who: "every node and VM of the deployment".into(),
                sources: subnets.clone(),
                probe: true,
                confirmed: confirmed(gbl),
                note: "Added because the region has no documented short code.".into(),
            });
        }
    }

    let bridge = plan.resource_bridge.as_ref();
    let vm_ips = bridge.map(|b| b.appliance_vm_ips.trim().to_string()).filter(|s| !s.is_empty());
    let cp_ip = bridge.map(|b| b.control_plane_ip.trim().to_string()).filter(|s| !s.is_empty());
    let dns: Vec<String> = plan.segments.iter().flat_map(|s| s.dns.iter().map(|d| d.trim().to_string())).collect();
    let describe = |who: &str| -> Vec<String> {
        let mut out = Vec::new();
        if who.contains("management machine") {
            out.push("management machine".to_string());
        }
        if who.contains("appliance VM") {
            out.push(vm_ips.clone().map(|v| format!("appliance VMs {v}")).unwrap_or_else(|| "appliance VM IPs".to_string()));
        }
        out
    };
    for (dest, port, protocol, who, why) in BRIDGE_OUTBOUND {
        let is_dns = dest.starts_with("DNS servers");
        let destination = if is_dns && !dns.is_empty() { format!("DNS servers {}", dns.join(", ")) } else { dest.to_string() };
        let (wildcard, star_form) = if is_dns { (false, destination.clone()) } else { star(dest) };
        let key = format!("bridge:{dest}:{port}");
        rows.push(Row {
            confirmed: confirmed(&key),
            key,
            section: Section::ResourceBridge,
            destination,
            also: Vec::new(),
            wildcard,
            star_form,
            port: port.to_string(),
            protocol: protocol.to_string(),
            why: why.to_string(),
            who: who.to_string(),
            sources: describe(who),
            probe: !wildcard && !is_dns,
            note: String::new(),
        });
    }
    // vCenter and the datastores, as far as the plan's reserved entries name them.
    let vsphere: Vec<String> = plan
        .reserved
        .iter()
        .filter(|r| {
            let name = r.name.to_lowercase();
            ["vcenter", "vsphere", "esxi", "datastore", "vsan"].iter().any(|w| name.contains(w)) && !r.addresses.trim().is_empty()
        })
        .map(|r| format!("{} {}", r.name.trim(), r.addresses.trim()))
        .collect();
    for (from, to, ports, why) in BRIDGE_PORTS {
        let name = |side: &str| match side {
            "appliance VM IPs" => vm_ips.clone().map(|v| format!("appliance VMs {v}")).unwrap_or_else(|| side.to_string()),
            "control plane IP" => cp_ip.clone().map(|v| format!("control plane IP {v}")).unwrap_or_else(|| side.to_string()),
            "vCenter and datastores" if !vsphere.is_empty() => format!("vCenter and datastores: {}", vsphere.join(", ")),
            _ => side.to_string(),
        };
        let key = format!("bridge-port:{from}>{to}:{ports}");
        let destination = name(to);
        rows.push(Row {
            confirmed: confirmed(&key),
            key,
            section: Section::ResourceBridge,
            star_form: destination.clone(),
            destination,
            also: Vec::new(),
            wildcard: false,
            port: ports.to_string(),
            protocol: "TCP".to_string(),
            why: why.to_string(),
            who: name(from),
            sources: vec![name(from)],
            probe: false,
            note: "Inbound to the destination; must not go through a proxy.".to_string(),
        });
    }
    rows
}

/// Where the Azure Local rows come from.
pub const AZURE_LOCAL_SOURCE: &str = "Microsoft Learn, Azure Local firewall requirements (2025-01-08), and the per-region endpoint lists it points to (Azure/AzureStack-Tools, East US list updated 2025-11-27); AKS Arc network system requirements (2025-07-17) for the management network ports";

/// Regions with their own Azure Local endpoint list: (region, the regional host prefix of the
/// Kubernetes configuration, sign-in and OBO hosts, the resource bridge's data plane host
/// prefix, the managed-identity short code).
pub const AZURE_LOCAL_REGIONS: [(&str, &str, &str, &str); 9] = [
    ("eastus", "eastus", "eastus", "eus"),
    ("westeurope", "westeurope", "westeurope", "weu"),
    ("australiaeast", "australiaeast", "australiaeast", "ae"),
    ("canadacentral", "canadacentral", "canadacentral", "cc"),
    ("centralindia", "centralindia", "centralindia", "pn"),
    ("japaneast", "japaneast", "japaneast", "je"),
    ("southeastasia", "southeastasia", "southeastasia", "sea"),
    ("southcentralus", "southcentralus", "scus", "scus"),
    ("usgovvirginia", "usgovvirginia", "usgovvirginia", "usgv"),
];

/// The region in Azure US Government, whose list names the cloud's own hosts.
const US_GOV_REGION: &str = "usgovvirginia";

/// Azure US Government's names for the rows that differ from the public cloud's: from the
/// Azure Government tab of the Arc resource bridge network requirements and the US Gov Virginia
/// endpoint list's regional names.
const US_GOV_HOSTS: [(&str, &str); 12] = [
    ("{r}.dp.kubernetesconfiguration.azure.com", "{r}.dp.kubernetesconfiguration.azure.us"),
    ("{a}.dp.prod.appliances.azure.com", "{a}.dp.prod.appliances.azure.us"),
    ("gbl.his.arc.azure.com", "gbl.his.arc.azure.us"),
    ("{h}.his.arc.azure.com", "{h}.his.arc.azure.us"),
    ("guestnotificationservice.azure.com", "guestnotificationservice.azure.us"),
    ("management.azure.com", "management.usgovcloudapi.net"),
    ("graph.microsoft.com", "graph.microsoft.us"),
    ("login.microsoftonline.com", "login.microsoftonline.us"),
    ("{r}.login.microsoft.com", "{r}.login.microsoftonline.us"),
    ("*.blob.core.windows.net", "*.blob.core.usgovcloudapi.net"),
    ("*.prod.hot.ingest.monitor.core.windows.net", "*.prod.hot.ingest.monitor.core.usgovcloudapi.net"),
    ("*.servicebus.windows.net", "*.servicebus.usgovcloudapi.net"),
];

/// Public-cloud hosts the Azure Government tab keeps as they are.
const US_GOV_SAME: [&str; 2] = ["sts.windows.net", "time.windows.com"];

/// The AKS-relevant rows of Azure Local's endpoint list, in its order: (host, where `{r}` is the
/// region's host prefix, `{a}` its resource bridge prefix and `{h}` its managed-identity code;
/// port; protocol; the list's component; why, where the resource bridge and Arc pages give a
/// reason for the same host, else empty).
const AZURE_LOCAL_HOSTS: [(&str, &str, &str, &str, &str); 49] = [
    ("mcr.microsoft.com", "443", "HTTPS", "AKS", "Microsoft Container Registry: finds container images."),
    ("westus.data.mcr.microsoft.com", "443", "HTTPS", "AKS", "Microsoft Container Registry: downloads container images."),
    ("northeurope.data.mcr.microsoft.com", "443", "HTTPS", "AKS", "Microsoft Container Registry: downloads container images."),
    ("westeurope.data.mcr.microsoft.com", "443", "HTTPS", "AKS", "Microsoft Container Registry: downloads container images."),
    ("azurearcfork8s.azurecr.io", "443", "HTTPS", "AKS", "Azure Arc for Kubernetes container images."),
    ("linuxgeneva-microsoft.azurecr.io", "443", "HTTPS", "AKS", "Log collection for the managed components."),
    ("azurearcfork8sdev.azurecr.io", "443", "HTTPS", "AKS", ""),
    ("hybridaks.azurecr.io", "443", "HTTPS", "AKS", ""),
    ("aszk8snetworking.azurecr.io", "443", "HTTPS", "AKS", ""),
    ("*.do.dsp.mp.microsoft.com", "443", "HTTPS", "AKS", ""),
    ("*.prod.do.dsp.mp.microsoft.com", "443", "HTTPS", "AKS", ""),
    ("{r}.dp.kubernetesconfiguration.azure.com", "443", "HTTPS", "AKS", "Arc agents' data plane: pushes status, fetches configuration."),
    ("sts.windows.net", "443", "HTTPS", "AKS", "Custom locations."),
    ("ecpacr.azurecr.io", "443", "HTTPS", "AKS", "Resource bridge and AKS container images."),
    ("raw.githubusercontent.com", "443", "HTTPS", "AKS", ""),
    ("*.blob.storage.azure.net", "443", "HTTPS", "AKS", ""),
    ("{r}.obo.arc.azure.com", "8084", "HTTPS", "AKS", "After deployment, when az connectedk8s proxy is used."),
    ("hciarcvmsstorage.z13.web.core.windows.net", "443", "HTTPS", "AKS", ""),
    ("www.msftconnecttest.com", "80", "HTTP", "AKS", ""),
    ("edgesupprd.trafficmanager.net", "443", "HTTPS", "AKS", ""),
    ("azurewatsonanalysis-prod.core.windows.net", "443", "HTTPS", "AKS", ""),
    ("msk8s.api.cdp.microsoft.com", "443", "HTTPS", "Arc resource bridge", "Product catalog, product bits and OS images."),
    ("msk8s.sb.tlu.dl.delivery.mp.microsoft.com", "443", "HTTPS", "Arc resource bridge", "Appliance OS image download."),
    ("time.windows.com", "123", "UDP", "Arc resource bridge", "Time synchronisation."),
    ("k8connecthelm.azureedge.net", "443", "HTTPS", "Arc resource bridge", "Arc-enabled Kubernetes Helm chart download."),
    ("kvamanagementoperator.azurecr.io", "443", "HTTPS", "Arc resource bridge", "Resource bridge component artifacts."),
    ("packages.microsoft.com", "443", "HTTPS", "Arc resource bridge", "Linux installation packages."),
    ("k8sconnectcsp.azureedge.net", "443", "HTTPS", "Arc resource bridge", "Arc-enabled Kubernetes agent download."),
    ("*.prod.hot.ingest.monitor.core.windows.net", "443", "HTTPS", "Arc resource bridge", "Required diagnostic data."),
    ("prod5.prod.hot.ingestion.msftcloudes.com", "443", "HTTPS", "Arc resource bridge", ""),
    ("{a}.dp.prod.appliances.azure.com", "443", "HTTPS", "Arc resource bridge", "Resource bridge data plane: talks to its resource provider in Azure."),
    ("arcplatformcliextprod.z13.web.core.windows.net", "443", "HTTPS", "Arc resource bridge", ""),
    ("guestnotificationservice.azure.com", "443", "HTTPS", "Arc agent", "Azure Arc notifications (cluster connect, custom locations)."),
    ("gbl.his.arc.azure.com", "443", "HTTPS", "Arc agent", "Finds the regional managed-identity host."),
    ("{h}.his.arc.azure.com", "443", "HTTPS", "Arc agent", "Managed identity: fetches system-assigned managed identity certificates."),
    ("azgn*.servicebus.windows.net", "443", "HTTPS", "Arc agent", ""),
    ("*.servicebus.windows.net", "443", "HTTPS", "Arc agent", "Secure control channel; outbound WebSocket (wss://) must be allowed."),
    ("login.microsoftonline.com", "443", "HTTPS", "Sign-in", "Azure Resource Manager tokens."),
    ("graph.windows.net", "443", "HTTPS", "Sign-in", ""),
    ("graph.microsoft.com", "443", "HTTPS", "Sign-in", "Microsoft Graph, for Azure RBAC."),
    ("login.windows.net", "443", "HTTPS", "Sign-in", "Azure Resource Manager tokens."),
    ("{r}.login.microsoft.com", "443", "HTTPS", "Sign-in", "Azure Resource Manager tokens (regional)."),
    ("login.microsoft.com", "443", "HTTPS", "Sign-in", "Azure Resource Manager tokens."),
    ("*.blob.core.windows.net", "443", "HTTPS", "Deployment", "Blob storage: container images and installers."),
    ("aka.ms", "443", "HTTPS", "Deployment", ""),
    ("management.azure.com", "443", "HTTPS", "Management", "Azure Resource Manager: creates and manages the resources."),
    ("global.prod.microsoftmetrics.com", "443", "HTTPS", "Monitoring", "Required diagnostic data (metrics)."),
    ("prod5.prod.microsoftmetrics.com", "443", "HTTPS", "Monitoring", "Required diagnostic data (metrics)."),
    ("dc.services.visualstudio.com", "443", "HTTPS", "Monitoring", ""),
];

/// More rows of the list's monitoring part.
const AZURE_LOCAL_MONITORING: [(&str, &str); 2] =
    [("adhs.events.data.microsoft.com", "Required diagnostic data from the appliance VM."), ("v20.events.data.microsoft.com", "Diagnostic data.")];

/// The Azure Local checklist: the AKS-relevant rows of the region's endpoint list (East US's
/// when the region has none of its own, with a note saying so), both names of the two hosts
/// renamed in 2025, and the ports to the management network when it is on another VLAN or
/// subnet than a logical network.
fn azure_local_checklist(plan: &Plan) -> Vec<Row> {
    let subnets: Vec<String> = plan.segments.iter().map(|s| s.subnet.trim().to_string()).filter(|s| !s.is_empty()).collect();
    let confirmed = |key: &str| plan.firewall_confirmed.iter().any(|k| k == key);
    let name = region_key(&plan.region);
    let (own, (_, r, a, h)) = match AZURE_LOCAL_REGIONS.iter().find(|(region, ..)| *region == name) {
        Some(found) => (true, *found),
        None => (false, AZURE_LOCAL_REGIONS[0]),
    };
    let list_note = if own {
        String::new()
    } else {
        format!("Region \"{}\" has no Azure Local endpoint list of its own here; this is the East US list's host. Check the list of the region you deploy to.", plan.region.trim())
    };
    let who = "every node and VM of the logical networks";
    let mut rows = Vec::new();
    let all = AZURE_LOCAL_HOSTS
        .iter()
        .copied()
        .chain(AZURE_LOCAL_MONITORING.iter().map(|&(host, why)| (host, "443", "HTTPS", "Monitoring", why)));
    let gov = own && name == US_GOV_REGION;
    for (template, port, protocol, component, why) in all {
        let regional = template.contains('{');
        let gov_host = US_GOV_HOSTS.iter().find(|(public, _)| gov && *public == template).map(|(_, us)| *us);
        let host = gov_host.unwrap_or(template).replace("{r}", r).replace("{a}", a).replace("{h}", h);
        let (mut dest, mut also, mut note) = (host.clone(), Vec::new(), String::new());
        if let Some((old, new)) = REPLACED.iter().find(|(old, _)| *old == host) {
            dest = new.to_string();
            also.push(old.to_string());
            note = format!("Azure Local's list still names {old}; Microsoft renamed it {new} in 2025. Allow both.");
        }
        if regional && !own {
            note = list_note.clone();
        }
        if gov_host.is_some() {
            note = "Azure US Government's name for this host (Arc resource bridge network requirements, Azure Government tab).".to_string();
        } else if gov && (host.ends_with(".windows.net") || host.ends_with(".azure.com")) && !US_GOV_SAME.contains(&host.as_str()) {
            note = "A public-cloud name the Azure Government tab does not list: check US Gov Virginia's own list for its counterpart.".to_string();
        } else if gov && host.ends_with(".prod.microsoftmetrics.com") {
            note = "Azure Government also sends metrics to *.prod.microsoftmetrics.us: allow both.".to_string();
        }
        if host == "raw.githubusercontent.com" {
            note = "Not needed by new deployments of release 2504 and later.".to_string();
        }
        if host == "www.msftconnecttest.com" {
            note = "The list names the path /connecttest.txt.".to_string();
        }
        let key = format!("al:{template}:{port}");
        let (mut wildcard, star_form) = star(&dest);
        // A star inside the first label (azgn*.servicebus.windows.net) is a pattern too.
        wildcard |= dest.contains('*');
        rows.push(Row {
            confirmed: confirmed(&key),
            key,
            section: Section::AzureLocal,
            probe: !wildcard,
            destination: dest,
            also,
            wildcard,
            star_form,
            port: port.to_string(),
            protocol: protocol.to_string(),
            why: if why.is_empty() { format!("{component} (the list gives no reason).") } else { format!("{component}: {why}") },
            who: who.to_string(),
            sources: subnets.clone(),
            note,
        });
    }
    // Ports between the management network and the logical networks, where they are apart.
    if let Some(m) = plan.management.as_ref().filter(|m| !m.subnet.trim().is_empty()) {
        let apart: Vec<&crate::model::Segment> =
            plan.segments.iter().filter(|s| s.vlan != m.vlan || s.subnet.trim() != m.subnet.trim()).collect();
        if !apart.is_empty() {
            let lnets: Vec<String> = apart.iter().map(|s| s.subnet.trim().to_string()).collect();
            let management = format!("management network {}", m.subnet.trim());
            let logical = format!("logical networks {}", lnets.join(", "));
            for (from, to, ports, why, key) in [
                (&management, &logical, "22, 6443", "Log collection (SSH) and the Kubernetes API of the AKS node VMs, from Azure Local's infrastructure.", "al-port:management>lnet:22, 6443"),
                (&logical, &management, "55000, 65000", "The cloud agent's gRPC server and its authentication, on the management network.", "al-port:lnet>management:55000, 65000"),
            ] {
                rows.push(Row {
                    confirmed: confirmed(key),
                    key: key.to_string(),
                    section: Section::AzureLocal,
                    destination: to.clone(),
                    also: Vec::new(),
                    wildcard: false,
                    star_form: to.clone(),
                    port: ports.to_string(),
                    protocol: "TCP".to_string(),
                    why: why.to_string(),
                    who: from.clone(),
                    sources: vec![from.clone()],
                    probe: false,
                    note: "Needed because the management network is on another VLAN or subnet than these logical networks.".to_string(),
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_rows() {
        let rows = checklist(&Plan::example());
        let aks: Vec<&Row> = rows.iter().filter(|r| r.section == Section::Aks).collect();
        assert_eq!(aks.len(), 29);
        assert_eq!(aks.iter().filter(|r| r.port == "443" && r.protocol == "HTTPS").count(), 28);
        let http: Vec<_> = aks.iter().filter(|r| r.protocol == "HTTP").collect();
        assert_eq!(http.len(), 1);
        assert_eq!((http[0].destination.as_str(), http[0].port.as_str()), ("ctldl.windowsupdate.com", "80"));
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
        assert!(rows.iter().any(|r| r.destination == "appliance VMs 10.20.0.6-10.20.0.7" && r.port == "22, 6443"));
        assert!(rows.iter().any(|r| r.destination == "DNS servers 10.20.0.2, 10.20.0.3" && r.port == "53"));
        let keys: std::collections::HashSet<_> = rows.iter().map(|r| &r.key).collect();
        assert_eq!(keys.len(), rows.len(), "keys are unique");
    }
}
