//! AKS enabled by Azure Arc on Azure Local for multi-rack deployments: logical networks on the
//! rack fabric's Layer 3 networks, control plane IPs always assigned by the platform.
//!
//! Sources: Microsoft Learn, AKS on Azure Local for multi-rack deployments: network system
//! requirements, IP address planning, scale requirements and load balancers (2026-04-24);
//! multi-rack logical networks (2026-06-23) and what's new (release 1.4, June 2026).

use super::base::BASE;
use super::{ControlPlaneIp, ExportFamily, Example, FigureTexts, FirewallList, NodeAddresses, NodeIps, Platform, Reported, ResourceBridge, Words};
use crate::model::PlatformId;
use crate::rules::{CheckGroup, RuleId};

pub static MULTI_RACK: Platform = Platform {
    id: PlatformId::AzureLocalMultiRack,
    name: "AKS on Azure Local multi-rack",
    product: "AKS enabled by Azure Arc on Azure Local for multi-rack deployments",
    checks: &[CheckGroup::Plan, CheckGroup::IpPools, CheckGroup::AssignedControlPlaneIp, CheckGroup::MinimumPrefix],
    overrides: &[
        // Load balancers answer ARP only, so their range must lie in the logical network.
        (RuleId::LbOutsideSubnet, Reported::Error),
        // Pools and DNS servers are optional but highly recommended.
        (RuleId::IpPoolMissing, Reported::Warning),
        (RuleId::DnsMissing, Reported::Warning),
        // Created with --no-gateway: the fabric gives the default route.
        (RuleId::GatewayMissing, Reported::Not),
        // No control plane IP is typed here (cp-not-supported), so none of these can hold.
        (RuleId::CpOutsideSubnet, Reported::Not),
        (RuleId::CpDuplicate, Reported::Not),
        (RuleId::CpInIpPool, Reported::Not),
    ],
    // An odd number of control plane nodes for etcd's quorum (scale requirements).
    control_plane_nodes: &[1, 3, 5, 7],
    control_plane_any_odd: true,
    // "Auto-allocation (only supported mode)".
    control_plane_ip: ControlPlaneIp::Assigned,
    // No enforced maximum of clusters: physical capacity and the logical network's addresses
    // limit them (scale requirements); BASE has none.
    // Set per cluster as a tag; the proxy's address must be IPv4 (bring your own proxy).
    proxy_supported: true,
    node_addresses: NodeAddresses::IpPools,
    // Control plane and worker node VMs and one upgrade node per cluster, as on Azure Local;
    // the pool also gives every control plane IP ("plus two more IPs per cluster").
    node_ips: NodeIps::NodeVmsAndUpgrade,
    pools_optional: true,
    // "The subnet must be /28 or larger."
    smallest_network: Some(28),
    fabric_networks: true,
    ipv4_only: true,
    // The VLAN of the Layer 3 internal network, given at creation (multi-rack logical networks).
    vlans: true,
    resource_bridge: ResourceBridge::Elsewhere("multi-rack keeps its own bridge on the rack's infrastructure network"),
    words: Words {
        short: "Azure Local multi-rack",
        network: "logical network",
        networks_heading: "Logical networks",
        networks_intro: "Static logical networks on the rack fabric's Layer 3 networks (/28 or larger). Node VMs and every control plane IP take IP pool addresses; load balancer ranges go in the prefix, outside every pool.",
        subnet: "address prefix",
        static_outside: "the IP pools",
        blank_control_plane_ip: "always automatic, from the IP pool",
        sources: "Microsoft Learn — AKS on Azure Local for multi-rack deployments: network system requirements and IP address planning",
        proxy_note: Some("On multi-rack the proxy is set per cluster, as an https-proxy tag on its connected cluster (an IPv4 address and port, such as 10.10.10.10:3128); it carries the cluster's Arc, image and management traffic, and must allow the endpoints of the checklist below."),
    },
    firewall: FirewallList::MultiRack,
    // The Arc networking extension keeps its IPAddressPools in kube-system.
    metallb_namespace: "kube-system",
    exports: &[ExportFamily::AzureLocalCli],
    example: Example {
        json: EXAMPLE_JSON,
        button_id: "example-multi-rack",
        button: "Multi-rack example",
        loaded: "Loaded Microsoft's multi-rack example.",
    },
    figures: FigureTexts {
        node_ips: ("Node VM IPs, with one upgrade node per cluster", "Every node VM and one upgrade node per cluster take pool addresses: 9 in Microsoft's multi-rack example (AKS multi-rack IP address planning)."),
        control_plane_ips: ("Control plane IPs (always automatic, from the pool)", "One per cluster, always from the IP pool (AKS multi-rack network system requirements)."),
        lb_ips: ("Load balancer IPs (ARP, in the prefix, outside the IP pools)", "One per LoadBalancer service, or what the ranges hold if more (AKS multi-rack load balancers)."),
        ip_pool: Some(("IP pool addresses needed", "Node VMs and two more per cluster: 10 in Microsoft's multi-rack example (AKS multi-rack IP address planning).")),
        all: "Node, control plane and load balancer lines: 13 in Microsoft's multi-rack example.",
    },
    ..BASE
};

/// Microsoft's multi-rack walk-through (also `examples/azure-local-multi-rack.json`).
pub const EXAMPLE_JSON: &str = include_str!("../../examples/azure-local-multi-rack.json");
