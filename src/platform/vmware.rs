//! AKS enabled by Azure Arc on VMware (preview, retired by Microsoft on 16 March 2026).
//!
//! Sources: Microsoft Learn, AKS on VMware network requirements (2024-03-22, 2025-09-15), scale
//! requirements (2024-03-26) and system requirements (2024-09-16); Azure Arc resource bridge
//! network requirements (2024-09-20) for the internal ranges.

use super::{FigureTexts, FirewallList, InternalRange, NodeAddresses, Platform};

/// Rules about Azure Local's logical networks, which a VMware plan never has.
pub const AZURE_LOCAL_ONLY: &[&str] = &[
    "lnet-static-only", "ip-pool-missing", "ip-pool-outside-subnet", "ip-pool-overlap", "ip-pool-exhausted",
    "gateway-missing", "gateway-outside-subnet", "dns-missing", "cp-in-ip-pool", "lb-in-ip-pool", "infra-pool-size",
    "ip-pool-tight",
];

pub static VMWARE: Platform = Platform {
    id: "vmware",
    name: "AKS on VMware",
    product: "AKS enabled by Azure Arc on VMware",
    control_plane_nodes: &[1, 3, 5],
    max_clusters: 10,
    max_clusters_per: "vSphere cluster",
    // The preview cannot create clusters where traffic goes through a proxy (network
    // requirements, proxy settings): the proxy-unsupported rule.
    proxy_supported: false,
    // The resource bridge and the clusters keep these for pods and services.
    internal_ranges: INTERNAL_RANGES,
    // Only DHCP-based segments are supported in the preview (network requirements).
    node_addresses: NodeAddresses::Dhcp,
    // IPv6 text is read and checked like IPv4; the sources never exclude it.
    ipv4_only: false,
    network_word: "segment",
    not_reported: AZURE_LOCAL_ONLY,
    errors: &[],
    max_node_pools: None,
    max_nodes_per_pool: None,
    max_nodes_per_cluster: None,
    // MetalLB installed by hand keeps its pools in its own namespace (metallb.org installation).
    firewall: FirewallList::AksOnVmware,
    metallb_namespace: "metallb-system",
    figures: FigureTexts {
        node_ips: ("Node IPs (from DHCP)", "Minimum: one lease per worker node (AKS on VMware network requirements). Recommended: also one per control plane node VM and one per cluster for the extra node of a rolling upgrade (AKS Arc IP address planning)."),
        control_plane_ips: ("Control plane IPs (static, outside DHCP)", "One per cluster, reserved and excluded from every DHCP scope (AKS on VMware network requirements)."),
        lb_ips: ("Load balancer IPs (static, outside DHCP)", "Minimum: one per LoadBalancer service as a starting point (AKS on VMware network requirements). Recommended: what the pools really hold, if more."),
        ip_pool: None,
        all: "The sum of the three lines above.",
    },
};

/// The pod and service ranges AKS Arc and the Arc resource bridge keep for themselves (Azure Arc
/// resource bridge network requirements; AKS Arc IP address planning), the same on both platforms.
pub const INTERNAL_RANGES: &[InternalRange] = &[
    InternalRange { label: "the pod range 10.244.0.0/16", start: 0x0AF4_0000, end: 0x0AF4_FFFF },
    InternalRange { label: "the service range 10.96.0.0/12", start: 0x0A60_0000, end: 0x0A6F_FFFF },
];
