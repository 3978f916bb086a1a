//! AKS enabled by Azure Arc on Azure Local (23H2 and later), the platform Microsoft points
//! AKS on VMware users to.
//!
//! Sources: Microsoft Learn, AKS Arc network system requirements (2025-07-17), AKS Arc IP address
//! planning (2025-08-13), AKS Arc scale requirements (2025-09-24), Azure Local logical networks
//! (2025-04-09); Azure PowerShell Az.AksArc's logical network validation.

use super::base::BASE;
use super::{
    ControlPlaneIp, ExportFamily, Example, FigureTexts, FirewallList, Limits, ManagementNetwork, NodeAddresses, NodeIps, Platform,
    Reported, ResourceBridge, Words,
};
use crate::model::PlatformId;
use crate::rules::{CheckGroup, RuleId};

pub static AZURE_LOCAL: Platform = Platform {
    id: PlatformId::AzureLocal,
    name: "AKS on Azure Local",
    product: "AKS enabled by Azure Arc on Azure Local",
    checks: &[CheckGroup::Plan, CheckGroup::IpPools, CheckGroup::Management],
    // An explicit control plane IP outside the prefix is refused (network system requirements).
    overrides: &[(RuleId::CpOutsideSubnet, Reported::Error)],
    // Left blank, AKS Arc takes the control plane IP from the logical network's pool.
    control_plane_ip: ControlPlaneIp::FromPool,
    // AKS clusters per Azure Local cluster, node pools, nodes (scale requirements).
    limits: Limits {
        clusters: Some(32),
        clusters_per: "Azure Local cluster",
        node_pools: Some(16),
        nodes_per_pool: Some(64),
        nodes_per_cluster: Some(200),
    },
    // Clusters inherit the proxy settings of the Azure Local deployment.
    proxy_supported: true,
    // Static logical networks only; node VMs take addresses from the IP pools.
    node_addresses: NodeAddresses::IpPools,
    // "One IP address per AKS cluster node VM" and one upgrade IP per cluster (IP address
    // planning): 14 in Microsoft's two-cluster example.
    node_ips: NodeIps::NodeVmsAndUpgrade,
    // Azure Local VMs support IPv4 addresses only (logical networks page).
    ipv4_only: true,
    vlans: true,
    resource_bridge: ResourceBridge::Elsewhere("Azure Local's own bridge lives on the management network"),
    // The infrastructure pool: at least six addresses for Azure Local and its resource bridge,
    // at most 255 (environment validator).
    management: Some(ManagementNetwork {
        infra_pool_min: 6,
        infra_pool_max: 255,
        intro: "Where Azure Local and its Arc resource bridge take their infrastructure pool (6 to 255 addresses). Its addresses must not be used by the clusters.",
    }),
    words: Words {
        short: "Azure Local",
        network: "logical network",
        networks_heading: "Logical networks",
        networks_intro: "The static logical networks the cluster node VMs join. Node VMs and automatic control plane IPs take addresses from the IP pools; explicit control plane IPs and load balancer ranges go in the same prefix, outside every pool.",
        subnet: "address prefix",
        static_outside: "the IP pools",
        blank_control_plane_ip: "blank: automatic, from the IP pool",
        sources: "Microsoft Learn — AKS Arc network system requirements and IP address planning on Azure Local; Azure Local logical networks",
        proxy_note: Some("The clusters inherit Azure Local's proxy settings, fixed at deployment. The proxy must not need a user name and password, use a PAC file or inspect TLS. NO_PROXY must list the logical networks, .svc, kubernetes.default.svc, .svc.cluster.local and the private ranges: the NO_PROXY export below has the value."),
    },
    firewall: FirewallList::AzureLocalRegional,
    // The Arc networking extension keeps its IPAddressPools in kube-system (deploy load balancer).
    metallb_namespace: "kube-system",
    exports: &[ExportFamily::AzureLocalCli, ExportFamily::NoProxy],
    example: Example {
        json: EXAMPLE_JSON,
        button_id: "example-azure-local",
        button: "Azure Local example",
        loaded: "Loaded Microsoft's Azure Local example.",
    },
    figures: FigureTexts {
        node_ips: ("Node VM IPs, with one upgrade node per cluster", "Every node VM, control plane or worker, takes an IP pool address, and each cluster one more for the extra node of a rolling upgrade: 14 in Microsoft's two-cluster example, its minimum (AKS Arc IP address planning)."),
        control_plane_ips: ("Control plane IPs (automatic from the pool, or static outside it)", "One per cluster: Azure Local takes it from the IP pool unless the plan gives one, which must then lie in the prefix but outside every pool (AKS Arc network system requirements)."),
        lb_ips: ("Load balancer IPs (static, outside the IP pools)", "Minimum: one per LoadBalancer service as a starting point. Recommended: what the pools really hold, if more. In the logical network's subnet, outside its IP pools (AKS Arc IP address planning)."),
        ip_pool: Some(("IP pool addresses needed", "Node VMs, one upgrade node per cluster and every automatic control plane IP take a pool address: 16 in Microsoft's two-cluster example, which creates a pool of 20 to scale later (AKS Arc IP address planning).")),
        all: "The sum of the node, control plane and load balancer lines: 19 in Microsoft's example, its minimum; the IP pool line counts some of them again.",
    },
    ..BASE
};

/// Microsoft's documented two-cluster example (also `examples/azure-local.json`).
pub const EXAMPLE_JSON: &str = include_str!("../../examples/azure-local.json");
