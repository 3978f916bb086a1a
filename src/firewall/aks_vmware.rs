//! The AKS on VMware list: the 29 hosts of the AKS on VMware network requirements (port and
//! protocol exactly as given there), with the two `azureedge.net` hosts shown under their 2025
//! successors and the managed-identity host picked for the plan's region; and the Arc resource
//! bridge's own outbound allowlist and the ports between the management machine, its appliance
//! VMs and its control plane IP, filled in with the plan's addresses.

use super::{confirmed, his_code, port_text, star, subnets, HostRule, PortRule, Protocol, Row, RowKind, Section, REPLACED};
use crate::model::Plan;

/// Where the AKS hosts come from.
pub const AKS_SOURCE: &str = "Microsoft Learn, AKS on VMware network requirements: firewall URL exceptions (2024-03-22; 2025-09-15 for the replaced hosts)";
/// Where the resource bridge rows come from.
pub const BRIDGE_SOURCE: &str = "Microsoft Learn, Azure Arc resource bridge network requirements (include dated 2026-09-09)";

/// What the page says the AKS section holds.
pub const AKS_INTRO: &str = "Every physical node and VM of the deployment must reach these. A leading dot means every subdomain of that domain; the *. form beside it is what most firewalls take (some do not match the domain itself with it).";
/// What the page says the resource bridge section holds.
pub const BRIDGE_INTRO: &str = "The Arc resource bridge's own allowlist (from the management machine and the appliance VMs) and the ports between its machines, with the plan's addresses filled in. These must not go through a proxy.";

/// The seed's 29 rows in order. The why comes from the Arc resource bridge and Arc-enabled
/// Kubernetes tables where they list the same host; the seed itself gives one reason for all
/// (deploying and running clusters).
pub const AKS_HOSTS: [HostRule; 29] = [
    HostRule { host: ".dp.prod.appliances.azure.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Resource bridge data plane: talks to its resource provider in Azure." },
    HostRule { host: ".eus.his.arc.azure.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Managed identity: fetches system-assigned managed identity certificates." },
    HostRule { host: "guestnotificationservice.azure.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Azure Arc notifications (cluster connect, custom locations)." },
    HostRule { host: ".dp.kubernetesconfiguration.azure.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Arc agents' data plane: pushes status, fetches configuration." },
    HostRule { host: "management.azure.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Azure Resource Manager: creates and manages the resources." },
    HostRule { host: "raw.githubusercontent.com", ports: &[443], protocol: Protocol::Https, from: "", why: "" },
    HostRule { host: "storage.googleapis.com", ports: &[443], protocol: Protocol::Https, from: "", why: "" },
    HostRule { host: "msk8s.api.cdp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Product catalog, product bits and OS images." },
    HostRule { host: "adhs.events.data.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Required diagnostic data from the appliance VM." },
    HostRule { host: ".events.data.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Diagnostic data." },
    HostRule { host: "graph.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Microsoft Graph, for Azure RBAC." },
    HostRule { host: ".login.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Azure Resource Manager tokens." },
    HostRule { host: "mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Microsoft Container Registry: finds container images." },
    HostRule { host: ".data.mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Microsoft Container Registry: downloads container images." },
    HostRule { host: "msk8s.sb.tlu.dl.delivery.mp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Appliance OS image download." },
    HostRule { host: ".prod.microsoftmetrics.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Required diagnostic data (metrics)." },
    HostRule { host: "login.microsoftonline.com", ports: &[443], protocol: Protocol::Https, from: "", why: "Azure Resource Manager tokens." },
    HostRule { host: "dc.services.visualstudio.com", ports: &[443], protocol: Protocol::Https, from: "", why: "" },
    HostRule { host: "ctldl.windowsupdate.com", ports: &[80], protocol: Protocol::Http, from: "", why: "" },
    HostRule { host: "azurearcfork8s.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "", why: "Azure Arc for Kubernetes container images." },
    HostRule { host: "ecpacr.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "", why: "Resource bridge container images." },
    HostRule { host: "hybridaks.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "", why: "" },
    HostRule { host: "kvamanagementoperator.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "", why: "Resource bridge component artifacts." },
    HostRule { host: "linuxgeneva-microsoft.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "", why: "Log collection for managed components and Arc extensions." },
    HostRule { host: "gcr.io", ports: &[443], protocol: Protocol::Https, from: "", why: "" },
    HostRule { host: "aka.ms", ports: &[443], protocol: Protocol::Https, from: "", why: "" },
    HostRule { host: "k8connecthelm.azureedge.net", ports: &[443], protocol: Protocol::Https, from: "", why: "Arc-enabled Kubernetes Helm chart download." },
    HostRule { host: "k8sconnectcsp.azureedge.net", ports: &[443], protocol: Protocol::Https, from: "", why: "Arc-enabled Kubernetes agent download." },
    HostRule { host: ".blob.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "", why: "Container images and Azure CLI installer (blob storage)." },
];

/// The host of the seed's list that stands for the region's managed-identity host.
const EAST_US_HIS: &str = ".eus.his.arc.azure.com";

/// The allowlist row that stands for the plan's own DNS servers.
const DNS_SERVERS: &str = "DNS servers of the plan";

/// The resource bridge's outbound allowlist (Azure cloud); `from` says which machines.
pub const BRIDGE_OUTBOUND: [HostRule; 27] = [
    HostRule { host: "DNS servers of the plan", ports: &[53], protocol: Protocol::TcpUdp, from: "management machine and appliance VMs", why: "Resolves the service endpoints." },
    HostRule { host: "msk8s.api.cdp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Product catalog, product bits and OS images." },
    HostRule { host: "msk8s.sb.tlu.dl.delivery.mp.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Appliance OS images." },
    HostRule { host: "mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Finds the resource bridge's container images." },
    HostRule { host: "*.data.mcr.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Downloads the resource bridge's container images." },
    HostRule { host: "time.windows.com", ports: &[123], protocol: Protocol::Udp, from: "management machine and appliance VMs (when they use Windows NTP)", why: "Time synchronisation." },
    HostRule { host: "management.azure.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Manages resources in Azure." },
    HostRule { host: "graph.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Azure RBAC." },
    HostRule { host: "login.microsoftonline.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Refreshes Azure Resource Manager tokens." },
    HostRule { host: "*.login.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Refreshes Azure Resource Manager tokens." },
    HostRule { host: "login.windows.net", ports: &[443], protocol: Protocol::Https, from: "management machine and appliance VMs", why: "Refreshes Azure Resource Manager tokens." },
    HostRule { host: "*.dp.prod.appliances.azure.com", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Talks to the resource provider in Azure." },
    HostRule { host: "*.blob.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "appliance VMs; management machine", why: "Container images (appliance VMs); the Azure CLI installer (management machine)." },
    HostRule { host: "ecpacr.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Container images." },
    HostRule { host: "*.his.arc.azure.com", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "System-assigned managed identity certificates." },
    HostRule { host: "v20.events.data.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Diagnostic data." },
    HostRule { host: "linuxgeneva-microsoft.azurecr.io", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Pushes logs of the managed components." },
    HostRule { host: "packages.microsoft.com", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Linux installation packages." },
    HostRule { host: "sts.windows.net", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Custom locations." },
    HostRule { host: "guestnotificationservice.azure.com", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Azure Arc." },
    HostRule { host: "gcs.prod.monitoring.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Required diagnostic data." },
    HostRule { host: "*.prod.microsoftmetrics.com", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Required diagnostic data." },
    HostRule { host: "*.prod.hot.ingest.monitor.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Required diagnostic data." },
    HostRule { host: "*.prod.warm.ingest.monitor.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Required diagnostic data." },
    HostRule { host: "*.servicebus.windows.net", ports: &[443], protocol: Protocol::Https, from: "appliance VMs", why: "Secure control channel; outbound WebSocket (wss://) must be allowed." },
    HostRule { host: "*.web.core.windows.net", ports: &[443], protocol: Protocol::Https, from: "management machine", why: "Downloads the resource bridge extension." },
    HostRule { host: "*.dp.kubernetesconfiguration.azure.com", ports: &[443], protocol: Protocol::Https, from: "management machine", why: "Arc agent data plane." },
];

/// Ports between the resource bridge's machines.
pub const BRIDGE_PORTS: [PortRule; 5] = [
    PortRule { from: "management machine", to: "appliance VM IPs", ports: &[22, 6443], protocol: Protocol::Tcp, why: "SSH and the Kubernetes API: the management machine deploys and maintains the appliance VMs, which must accept the connections." },
    PortRule { from: "management machine", to: "control plane IP", ports: &[22, 6443], protocol: Protocol::Tcp, why: "SSH and the Kubernetes API of the appliance's control plane." },
    PortRule { from: "appliance VM IPs", to: "appliance VM IPs", ports: &[6443, 2379, 2380, 10250, 10257, 10259], protocol: Protocol::Tcp, why: "Appliance VM upgrade: the appliance VMs talk to each other." },
    PortRule { from: "management machine", to: "vCenter and datastores", ports: &[443], protocol: Protocol::Tcp, why: "Talks to the private cloud (vCenter and the vSphere datastore)." },
    PortRule { from: "appliance VM IPs", to: "vCenter and datastores", ports: &[443], protocol: Protocol::Tcp, why: "Talks to the private cloud (vCenter and the vSphere datastore)." },
];

/// The AKS on VMware checklist of a plan.
pub(super) fn checklist(plan: &Plan) -> Vec<Row> {
    let subnets = subnets(plan);
    let confirmed = |key: &str| confirmed(plan, key);
    let region = plan.region.trim();
    let mut rows = Vec::new();
    for HostRule { host, ports, protocol, why, .. } in AKS_HOSTS {
        let mut dest = host.to_string();
        let mut also = Vec::new();
        let mut note = String::new();
        if let Some((old, new)) = REPLACED.iter().find(|(old, _)| *old == host) {
            dest = new.to_string();
            also.push(old.to_string());
            note = format!("Replaced in 2025: {old} became {new}. Both are listed so an older rule can be matched; the new name is the one to allow.");
        }
        let mut extra = None;
        if host == EAST_US_HIS {
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
            kind: RowKind::Host,
            confirmed: confirmed(&dest),
            probe: !wildcard,
            destination: dest,
            also,
            wildcard,
            star_form,
            ports: ports.to_vec(),
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
                kind: RowKind::Host,
                destination: gbl.to_string(),
                also: Vec::new(),
                wildcard: false,
                star_form: gbl.to_string(),
                ports: vec![443],
                protocol: Protocol::Https,
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
    for HostRule { host: dest, ports, protocol, from: who, why } in BRIDGE_OUTBOUND {
        let is_dns = dest == DNS_SERVERS;
        let destination = if is_dns && !dns.is_empty() { format!("DNS servers {}", dns.join(", ")) } else { dest.to_string() };
        let (wildcard, star_form) = if is_dns { (false, destination.clone()) } else { star(dest) };
        let key = format!("bridge:{dest}:{}", port_text(ports));
        rows.push(Row {
            confirmed: confirmed(&key),
            key,
            section: Section::ResourceBridge,
            kind: if is_dns { RowKind::DnsServers } else { RowKind::Host },
            destination,
            also: Vec::new(),
            wildcard,
            star_form,
            ports: ports.to_vec(),
            protocol,
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
    for PortRule { from, to, ports, protocol, why } in BRIDGE_PORTS {
        let name = |side: &str| match side {
            "appliance VM IPs" => vm_ips.clone().map(|v| format!("appliance VMs {v}")).unwrap_or_else(|| side.to_string()),
            "control plane IP" => cp_ip.clone().map(|v| format!("control plane IP {v}")).unwrap_or_else(|| side.to_string()),
            "vCenter and datastores" if !vsphere.is_empty() => format!("vCenter and datastores: {}", vsphere.join(", ")),
            _ => side.to_string(),
        };
        let key = format!("bridge-port:{from}>{to}:{}", port_text(ports));
        let destination = name(to);
        rows.push(Row {
            confirmed: confirmed(&key),
            key,
            section: Section::ResourceBridge,
            kind: RowKind::Port,
            star_form: destination.clone(),
            destination,
            also: Vec::new(),
            wildcard: false,
            ports: ports.to_vec(),
            protocol,
            why: why.to_string(),
            who: name(from),
            sources: vec![name(from)],
            probe: false,
            note: "Inbound to the destination; must not go through a proxy.".to_string(),
        });
    }
    rows
}
