//! AKS enabled by Azure Arc on Azure Local (23H2 and later), the platform Microsoft points
//! AKS on VMware users to.
//!
//! Sources: Microsoft Learn, AKS Arc network system requirements (2025-07-17), AKS Arc IP address
//! planning (2025-08-13), AKS Arc scale requirements (2025-09-24), Azure Local logical networks
//! (2025-04-09); Azure PowerShell Az.AksArc's logical network validation.

use super::vmware::INTERNAL_RANGES;
use super::{FigureTexts, FirewallList, NodeAddresses, Platform};

pub static AZURE_LOCAL: Platform = Platform {
    id: "azure-local",
    name: "AKS on Azure Local",
    product: "AKS enabled by Azure Arc on Azure Local",
    // Allowed values 1, 3 and 5 (scale requirements).
    control_plane_nodes: &[1, 3, 5],
    // AKS clusters per Azure Local cluster (scale requirements).
    max_clusters: 32,
    max_clusters_per: "Azure Local cluster",
    // Clusters inherit the proxy settings of the Azure Local deployment.
    proxy_supported: true,
    internal_ranges: INTERNAL_RANGES,
    // Static logical networks only; node VMs take addresses from the IP pools.
    node_addresses: NodeAddresses::IpPools,
    // Azure Local VMs support IPv4 addresses only (logical networks page).
    ipv4_only: true,
    network_word: "logical network",
    not_reported: &[
        "proxy-unsupported", "dhcp-missing", "dhcp-outside-subnet", "dhcp-exhausted", "dhcp-tight", "cp-missing",
        "cp-in-dhcp", "lb-in-dhcp", "bridge-in-dhcp", "bridge-invalid", "dhcp-contains-reserved", "segment-overlap",
    ],
    // An explicit control plane IP outside the prefix is refused (network system requirements).
    errors: &["cp-outside-subnet"],
    max_node_pools: Some(16),
    max_nodes_per_pool: Some(64),
    max_nodes_per_cluster: Some(200),
    // The Arc networking extension keeps its IPAddressPools in kube-system (deploy load balancer).
    firewall: FirewallList::AzureLocalRegional,
    metallb_namespace: "kube-system",
    figures: FigureTexts {
        node_ips: ("Node IPs (from the IP pools)", "Minimum: one per worker node. Recommended: also one per control plane node VM and one per cluster for the extra node of a rolling upgrade (AKS Arc IP address planning)."),
        control_plane_ips: ("Control plane IPs (automatic from the pool, or static outside it)", "One per cluster: Azure Local takes it from the IP pool unless the plan gives one, which must then lie in the prefix but outside every pool (AKS Arc network system requirements)."),
        lb_ips: ("Load balancer IPs (static, outside the IP pools)", "Minimum: one per LoadBalancer service as a starting point. Recommended: what the pools really hold, if more. In the logical network's subnet, outside its IP pools (AKS Arc IP address planning)."),
        ip_pool: Some(("IP pool addresses needed", "Node VMs, one upgrade node per cluster and every automatic control plane IP take a pool address: 16 in Microsoft's two-cluster example, which creates a pool of 20 to scale later (AKS Arc IP address planning).")),
        all: "The sum of the node, control plane and load balancer lines; the IP pool line counts some of them again.",
    },
};
