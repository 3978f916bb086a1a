//! AKS on bare metal (preview): Kubernetes directly on one small form factor Azure Local
//! machine, each cluster a single node whose control plane IP is the machine's own address or
//! one beside it.
//!
//! Sources: Microsoft Learn, AKS on bare metal: overview, system requirements, preview
//! limitations, creating a cluster with Bicep and in the portal (2026-06-01), with an ARM
//! template (2026-06-05).

use super::base::BASE;
use super::{ControlPlaneIp, ExportFamily, Example, FigureTexts, FirewallList, NameRule, NodeAddresses, NodeIps, Platform, Reported, ResourceBridge, Words};
use crate::model::PlatformId;
use crate::rules::{CheckGroup, RuleId};

pub static BARE_METAL: Platform = Platform {
    id: PlatformId::AksBareMetal,
    name: "AKS on bare metal",
    product: "AKS enabled by Azure Arc on bare metal (preview)",
    preview: true,
    checks: &[CheckGroup::Plan, CheckGroup::DhcpScopes, CheckGroup::SingleMachine, CheckGroup::Regions, CheckGroup::ClusterNames],
    // A typed control plane IP must be in the machine's subnet (every deployment page).
    overrides: &[
        (RuleId::CpOutsideSubnet, Reported::Error),
        // No load balancers (below), so none of their rules can hold.
        (RuleId::LbInDhcp, Reported::Not),
        (RuleId::LbOverlap, Reported::Not),
        (RuleId::LbOutsideSubnet, Reported::Not),
        (RuleId::LbShort, Reported::Not),
    ],
    // Single-node clusters: the templates create one control plane node and no node pool.
    control_plane_nodes: &[1],
    control_plane_ip: ControlPlaneIp::HostWhenBlank,
    // "LoadBalancer type is not supported during preview": services use NodePort on the
    // machine's address (deploy an application), and the templates create no load balancer.
    load_balancers: false,
    node_addresses: NodeAddresses::Host,
    node_ips: NodeIps::Machines,
    // "East US (only supported region for public preview)".
    regions: &["eastus"],
    // "1-27 characters long, start and end with a letter or number ... letters, numbers,
    // hyphens, or underscores".
    cluster_names: Some(NameRule { max: 27 }),
    ipv4_only: true,
    resource_bridge: ResourceBridge::Elsewhere("AKS on bare metal has no Arc resource bridge on the plan's networks"),
    words: Words {
        short: "Bare metal",
        network: "network",
        networks_heading: "Machine networks",
        networks_intro: "The machines' networks. Each cluster is one machine; its control plane IP is the machine's address, or one typed in its subnet (reserved in DHCP where the network uses it).",
        blank_control_plane_ip: "blank: the machine's own address",
        sources: "Microsoft Learn — AKS on bare metal (preview): system requirements and preview limitations, and creating a cluster with Bicep, the portal or an ARM template",
        ..BASE.words
    },
    firewall: FirewallList::BareMetal,
    exports: &[ExportFamily::DhcpExclusions, ExportFamily::BicepParams],
    example: Example {
        json: EXAMPLE_JSON,
        button_id: "example-bare-metal",
        button: "Bare metal example",
        loaded: "Loaded a bare metal example.",
    },
    figures: FigureTexts {
        node_ips: ("Machines (one per cluster, their own address)", "Each cluster is one machine, its only node (AKS on bare metal system requirements)."),
        control_plane_ips: ("Control plane IPs apart from the machines'", "Blank, the machine's own address; typed, one more in its subnet (AKS on bare metal: create a cluster)."),
        lb_ips: ("Load balancer IPs (none: no LoadBalancer services)", "No LoadBalancer services in the preview: NodePort on the machine's address (AKS on bare metal: deploy an application)."),
        ip_pool: None,
        all: "The machines and the typed control plane IPs together.",
    },
    ..BASE
};

/// A bare metal example: two single-node clusters, one with its own control plane IP (also
/// `examples/aks-bare-metal.json`).
pub const EXAMPLE_JSON: &str = include_str!("../../examples/aks-bare-metal.json");
