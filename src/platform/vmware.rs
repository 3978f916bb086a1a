//! AKS enabled by Azure Arc on VMware (preview, retired by Microsoft on 16 March 2026).
//!
//! Sources: Microsoft Learn, AKS on VMware network requirements (2024-03-22, 2025-09-15), scale
//! requirements (2024-03-26) and system requirements (2024-09-16); Azure Arc resource bridge
//! network requirements (2024-09-20) for the internal ranges.

use super::base::BASE;
use super::{ExportFamily, Example, FigureTexts, FirewallList, Limits, Platform, ResourceBridge, Retired, Words};
use crate::model::PlatformId;
use crate::rules::CheckGroup;

pub static VMWARE: Platform = Platform {
    id: PlatformId::Vmware,
    name: "AKS on VMware",
    product: "AKS enabled by Azure Arc on VMware",
    retired: Some(Retired {
        on: "16 March 2026",
        note: "Note: Microsoft retired AKS on VMware (preview) on 16 March 2026 and recommends AKS on Azure Local (Microsoft Learn, AKS on VMware network requirements, updated 15 September 2025).",
    }),
    checks: &[CheckGroup::Plan, CheckGroup::Proxy, CheckGroup::ControlPlaneIp, CheckGroup::Dhcp, CheckGroup::DhcpScopes, CheckGroup::ResourceBridge],
    limits: Limits { clusters: Some(10), clusters_per: "vSphere cluster", ..BASE.limits },
    // The preview cannot create clusters where traffic goes through a proxy (network
    // requirements, proxy settings): the proxy-unsupported rule.
    proxy_supported: false,
    // Only DHCP-based segments are supported in the preview (network requirements); IPv6 text
    // is read and checked like IPv4, the sources never exclude it.
    resource_bridge: ResourceBridge::InPlan,
    words: Words {
        short: "VMware",
        network: "segment",
        networks_heading: "VMware segments",
        networks_intro: "The DHCP-served networks the cluster node VMs join. Control plane IPs and load balancer pools must be in the same subnet, outside DHCP.",
        sources: "Microsoft Learn — AKS on VMware network requirements, scale and system requirements; Azure Arc resource bridge requirements",
        ..BASE.words
    },
    firewall: FirewallList::AksOnVmware,
    // MetalLB installed by hand keeps its pools in its own namespace (metallb.org installation).
    metallb_namespace: "metallb-system",
    exports: &[ExportFamily::DhcpExclusions],
    converts_to: Some(PlatformId::AzureLocal),
    example: Example {
        json: crate::model::EXAMPLE_JSON,
        button_id: "example",
        button: "Example",
        loaded: "Loaded the worked example.",
    },
    figures: FigureTexts {
        node_ips: ("Node IPs (from DHCP)", "Minimum: one lease per worker node (AKS on VMware network requirements). Recommended: also one per control plane node VM and one per cluster for the extra node of a rolling upgrade (AKS Arc IP address planning)."),
        control_plane_ips: ("Control plane IPs (static, outside DHCP)", "One per cluster, reserved and excluded from every DHCP scope (AKS on VMware network requirements)."),
        lb_ips: ("Load balancer IPs (static, outside DHCP)", "Minimum: one per LoadBalancer service as a starting point (AKS on VMware network requirements). Recommended: what the pools really hold, if more."),
        ip_pool: None,
        all: "The sum of the three lines above.",
    },
    ..BASE
};
