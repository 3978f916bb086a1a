//! Azure Local's list: the AKS-relevant rows of the region's endpoint list (East US's when the
//! region has none of its own, with a note saying so), both names of the two hosts renamed in
//! 2025, and the ports to the management network when it is on another VLAN or subnet than a
//! logical network.

use super::{confirmed, port_text, region_key, star, subnets, HostRule, PortRule, Protocol, Row, RowKind, Section, REPLACED};
use crate::model::Plan;

/// Where the Azure Local rows come from.
pub const SOURCE: &str = "Microsoft Learn, Azure Local firewall requirements (2025-01-08), and the per-region endpoint lists it points to (Azure/AzureStack-Tools, East US list updated 2025-11-27); AKS Arc network system requirements (2025-07-17) for the management network ports";

/// What the page says the section holds.
pub const INTRO: &str = "The AKS, resource bridge, Arc agent, sign-in, management and monitoring hosts of Azure Local's endpoint list for the plan's region, reachable from the logical networks; both names of the two hosts renamed in 2025; and the ports to the management network when it is on another VLAN or subnet.";

/// Regions with their own Azure Local endpoint list: (region, the regional host prefix of the
/// Kubernetes configuration, sign-in and OBO hosts, the resource bridge's data plane host
/// prefix, the managed-identity short code).
pub const REGIONS: [(&str, &str, &str, &str); 9] = [
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

/// The AKS-relevant rows of Azure Local's endpoint list, in its order. In `host`, `{r}` is the
/// region's host prefix, `{a}` its resource bridge prefix and `{h}` its managed-identity code;
/// `from` is the list's component; `why` comes from the resource bridge and Arc pages where they
/// give a reason for the same host.
pub const HOSTS: [HostRule; 49] = [
    HostRule { host: "mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Microsoft Container Registry: finds container images." },
    HostRule { host: "westus.data.mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Microsoft Container Registry: downloads container images." },
    HostRule { host: "northeurope.data.mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Microsoft Container Registry: downloads container images." },
    HostRule { host: "westeurope.data.mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Microsoft Container Registry: downloads container images." },
    HostRule { host: "azurearcfork8s.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Azure Arc for Kubernetes container images." },
    HostRule { host: "linuxgeneva-microsoft.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Log collection for the managed components." },
    HostRule { host: "azurearcfork8sdev.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "hybridaks.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "aszk8snetworking.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "*.do.dsp.mp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "*.prod.do.dsp.mp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "{r}.dp.kubernetesconfiguration.azure.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Arc agents' data plane: pushes status, fetches configuration." },
    HostRule { host: "sts.windows.net", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Custom locations." },
    HostRule { host: "ecpacr.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "Resource bridge and AKS container images." },
    HostRule { host: "raw.githubusercontent.com", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "*.blob.storage.azure.net", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "{r}.obo.arc.azure.com", ports: &[8084], protocol: Protocol::Https, from: "AKS", why: "After deployment, when az connectedk8s proxy is used." },
    HostRule { host: "hciarcvmsstorage.z13.web.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "www.msftconnecttest.com", ports: &[80], protocol: Protocol::Http, from: "AKS", why: "" },
    HostRule { host: "edgesupprd.trafficmanager.net", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "azurewatsonanalysis-prod.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "AKS", why: "" },
    HostRule { host: "msk8s.api.cdp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Product catalog, product bits and OS images." },
    HostRule { host: "msk8s.sb.tlu.dl.delivery.mp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Appliance OS image download." },
    HostRule { host: "time.windows.com", ports: &[123], protocol: Protocol::Udp, from: "Arc resource bridge", why: "Time synchronisation." },
    HostRule { host: "k8connecthelm.azureedge.net", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Arc-enabled Kubernetes Helm chart download." },
    HostRule { host: "kvamanagementoperator.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Resource bridge component artifacts." },
    HostRule { host: "packages.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Linux installation packages." },
    HostRule { host: "k8sconnectcsp.azureedge.net", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Arc-enabled Kubernetes agent download." },
    HostRule { host: "*.prod.hot.ingest.monitor.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Required diagnostic data." },
    HostRule { host: "prod5.prod.hot.ingestion.msftcloudes.com", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "" },
    HostRule { host: "{a}.dp.prod.appliances.azure.com", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "Resource bridge data plane: talks to its resource provider in Azure." },
    HostRule { host: "arcplatformcliextprod.z13.web.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "Arc resource bridge", why: "" },
    HostRule { host: "guestnotificationservice.azure.com", ports: &[443], protocol: Protocol::Https, from: "Arc agent", why: "Azure Arc notifications (cluster connect, custom locations)." },
    HostRule { host: "gbl.his.arc.azure.com", ports: &[443], protocol: Protocol::Https, from: "Arc agent", why: "Finds the regional managed-identity host." },
    HostRule { host: "{h}.his.arc.azure.com", ports: &[443], protocol: Protocol::Https, from: "Arc agent", why: "Managed identity: fetches system-assigned managed identity certificates." },
    HostRule { host: "azgn*.servicebus.windows.net", ports: &[443], protocol: Protocol::Https, from: "Arc agent", why: "" },
    HostRule { host: "*.servicebus.windows.net", ports: &[443], protocol: Protocol::Https, from: "Arc agent", why: "Secure control channel; outbound WebSocket (wss://) must be allowed." },
    HostRule { host: "login.microsoftonline.com", ports: &[443], protocol: Protocol::Https, from: "Sign-in", why: "Azure Resource Manager tokens." },
    HostRule { host: "graph.windows.net", ports: &[443], protocol: Protocol::Https, from: "Sign-in", why: "" },
    HostRule { host: "graph.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "Sign-in", why: "Microsoft Graph, for Azure RBAC." },
    HostRule { host: "login.windows.net", ports: &[443], protocol: Protocol::Https, from: "Sign-in", why: "Azure Resource Manager tokens." },
    HostRule { host: "{r}.login.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "Sign-in", why: "Azure Resource Manager tokens (regional)." },
    HostRule { host: "login.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "Sign-in", why: "Azure Resource Manager tokens." },
    HostRule { host: "*.blob.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "Deployment", why: "Blob storage: container images and installers." },
    HostRule { host: "aka.ms", ports: &[443], protocol: Protocol::Https, from: "Deployment", why: "" },
    HostRule { host: "management.azure.com", ports: &[443], protocol: Protocol::Https, from: "Management", why: "Azure Resource Manager: creates and manages the resources." },
    HostRule { host: "global.prod.microsoftmetrics.com", ports: &[443], protocol: Protocol::Https, from: "Monitoring", why: "Required diagnostic data (metrics)." },
    HostRule { host: "prod5.prod.microsoftmetrics.com", ports: &[443], protocol: Protocol::Https, from: "Monitoring", why: "Required diagnostic data (metrics)." },
    HostRule { host: "dc.services.visualstudio.com", ports: &[443], protocol: Protocol::Https, from: "Monitoring", why: "" },
];

/// More rows of the list's monitoring part.
const MONITORING: [(&str, &str); 2] =
    [("adhs.events.data.microsoft.com", "Required diagnostic data from the appliance VM."), ("v20.events.data.microsoft.com", "Diagnostic data.")];

/// Ports between the management network and the logical networks, where they are apart: `from`
/// and `to` name the two sides (AKS Arc network system requirements: each "and vice-versa", so
/// both ways; 40343 to the Azure Local cluster IP only with an Arc gateway). The first two are
/// the rows of earlier releases, whose tick keys links hold.
pub const MANAGEMENT_PORTS: [PortRule; 5] = [
    PortRule { from: "management", to: "lnet", ports: &[22, 6443], protocol: Protocol::Tcp, why: "Log collection (SSH) and the Kubernetes API of the AKS node VMs, from Azure Local's infrastructure." },
    PortRule { from: "lnet", to: "management", ports: &[55000, 65000], protocol: Protocol::Tcp, why: "The cloud agent's gRPC server and its authentication, on the management network." },
    PortRule { from: "lnet", to: "management", ports: &[22, 6443], protocol: Protocol::Tcp, why: "The same ports the other way: the AKS node VMs reach Azure Local's infrastructure on them too." },
    PortRule { from: "management", to: "lnet", ports: &[55000, 65000], protocol: Protocol::Tcp, why: "The same ports the other way: Azure Local's infrastructure reaches the AKS node VMs on them too." },
    PortRule { from: "lnet", to: "cluster-ip", ports: &[40343], protocol: Protocol::Tcp, why: "Only where the Azure Local instance uses an Arc gateway: the AKS node VMs reach the Azure Local cluster IP on it." },
];

pub(super) fn checklist(plan: &Plan) -> Vec<Row> {
    let subnets = subnets(plan);
    let confirmed = |key: &str| confirmed(plan, key);
    let name = region_key(&plan.region);
    let (own, (_, r, a, h)) = match REGIONS.iter().find(|(region, ..)| *region == name) {
        Some(found) => (true, *found),
        None => (false, REGIONS[0]),
    };
    let list_note = if own {
        String::new()
    } else {
        format!("Region \"{}\" has no Azure Local endpoint list of its own here; this is the East US list's host. Check the list of the region you deploy to.", plan.region.trim())
    };
    let who = "every node and VM of the logical networks";
    let mut rows = Vec::new();
    let all = HOSTS.iter().copied().chain(
        MONITORING.iter().map(|&(host, why)| HostRule { host, ports: &[443], protocol: Protocol::Https, from: "Monitoring", why }),
    );
    let gov = own && name == US_GOV_REGION;
    for HostRule { host: template, ports, protocol, from: component, why } in all {
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
        let key = format!("al:{template}:{}", port_text(ports));
        let (mut wildcard, star_form) = star(&dest);
        // A star inside the first label (azgn*.servicebus.windows.net) is a pattern too.
        wildcard |= dest.contains('*');
        rows.push(Row {
            confirmed: confirmed(&key),
            key,
            section: Section::AzureLocal,
            kind: RowKind::Host,
            probe: !wildcard,
            destination: dest,
            also,
            wildcard,
            star_form,
            ports: ports.to_vec(),
            protocol,
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
            for rule in MANAGEMENT_PORTS {
                let side = |which: &str| match which {
                    "management" => management.clone(),
                    "cluster-ip" => format!("the Azure Local cluster IP, on {management}"),
                    _ => logical.clone(),
                };
                let (from, to) = (&side(rule.from), &side(rule.to));
                let key = format!("al-port:{}>{}:{}", rule.from, rule.to, port_text(rule.ports));
                rows.push(Row {
                    confirmed: confirmed(&key),
                    key,
                    section: Section::AzureLocal,
                    kind: RowKind::Port,
                    destination: to.clone(),
                    also: Vec::new(),
                    wildcard: false,
                    star_form: to.clone(),
                    ports: rule.ports.to_vec(),
                    protocol: rule.protocol,
                    why: rule.why.to_string(),
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
