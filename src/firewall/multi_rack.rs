//! Multi-rack's list: the endpoints Microsoft's page on bringing your own proxy to a multi-rack
//! deployment lists for the clusters' proxy or firewall (June 2026), as written there, with the
//! ports its table gives. Multi-rack reaches Azure over ExpressRoute; these are what the
//! clusters' nodes must reach through it or through the proxy.

use super::{host_rows, HostRule, Protocol, Row, Section};
use crate::model::Plan;

/// Where the rows come from.
pub const SOURCE: &str = "Microsoft Learn, AKS on Azure Local for multi-rack deployments: bring your own proxy, required endpoint allow list and ports (2026-06-19)";

/// What the page says the section holds.
pub const INTRO: &str = "The endpoints the clusters' nodes must reach, through the deployment's ExpressRoute connection or your proxy, as Microsoft's multi-rack list writes them: HTTPS on 443, HTTP on 80 for redirects, and 8084 where Azure RBAC is on.";

const HTTPS: &[u16] = &[443];

/// The list, in its order: host, ports, protocol, purpose.
pub const HOSTS: [HostRule; 28] = [
    HostRule { host: "*.arc.azure.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Arc connectivity." },
    HostRule { host: "*.obo.arc.azure.com", ports: &[8084], protocol: Protocol::Https, from: "", why: "Azure Arc on-behalf-of token service, needed where Azure RBAC is on." },
    HostRule { host: "*.blob.core.windows.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Blob storage (extensions, logs)." },
    HostRule { host: "*.control.monitor.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Monitor data ingestion." },
    HostRule { host: "*.dp.kubernetesconfiguration.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Kubernetes configuration data plane." },
    HostRule { host: "*.guestconfiguration.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure guest configuration." },
    HostRule { host: "*.guestnotificationservice.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Guest notification service." },
    HostRule { host: "*.his.arc.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Arc hybrid identity service." },
    HostRule { host: "*.login.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft sign-in." },
    HostRule { host: "*.management.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Resource Manager." },
    HostRule { host: "*.mcr.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft Container Registry." },
    HostRule { host: "*.opinsights.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Monitor and Log Analytics." },
    HostRule { host: "*.packages.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft package repositories." },
    HostRule { host: "*.servicebus.windows.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Service Bus notifications." },
    HostRule { host: "aka.ms", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft's short links." },
    HostRule { host: "aka.ms", ports: &[80], protocol: Protocol::Http, from: "", why: "Microsoft's short links: HTTP redirects." },
    HostRule { host: "azure.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure portal resources." },
    HostRule { host: "dc.services.visualstudio.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Application Insights telemetry." },
    HostRule { host: "*.data.azurecr.io", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Container Registry data endpoints." },
    HostRule { host: "ecpacr.azurecr.io", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Edge compute platform container registry." },
    HostRule { host: "graph.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft Graph." },
    HostRule { host: "k8sconnectcsp.azureedge.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Kubernetes connected cluster service." },
    HostRule { host: "k8sconnecthelm.azureedge.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Kubernetes connected cluster Helm charts." },
    HostRule { host: "login.microsoftonline.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft Entra ID sign-in." },
    HostRule { host: "login.windows.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Windows sign-in." },
    HostRule { host: "nccacheacr.azurecr.io", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Network Cloud cache container registry." },
    HostRule { host: "pas.windows.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft Entra passport service." },
    HostRule { host: "sts.windows.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Security token service." },
];

pub(super) fn checklist(plan: &Plan) -> Vec<Row> {
    host_rows(plan, &HOSTS, Section::MultiRack, "mr", "every node VM of the logical networks")
}
