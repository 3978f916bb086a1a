//! The defaults every platform starts from: a platform file writes `..BASE` and sets only what
//! differs, as rustc's target specifications build on their base options.

use super::{
    ControlPlaneIp, Example, FigureTexts, FirewallList, InternalRange, Limits, NodeAddresses, NodeIps, Platform, PoolHeadroom,
    ResourceBridge, Share, Words,
};
use crate::model::PlatformId;
use crate::rules::CheckGroup;

/// The pod and service ranges AKS Arc and the Arc resource bridge keep for themselves (Azure Arc
/// resource bridge network requirements; AKS Arc IP address planning), the same on every platform.
pub const INTERNAL_RANGES: &[InternalRange] = &[
    InternalRange { label: "the pod range 10.244.0.0/16", cidr: "10.244.0.0/16", start: 0x0AF4_0000, end: 0x0AF4_FFFF },
    InternalRange { label: "the service range 10.96.0.0/12", cidr: "10.96.0.0/12", start: 0x0A60_0000, end: 0x0A6F_FFFF },
];

/// Not a platform: the values a platform has unless its file says otherwise. Its id, names,
/// words, example and figures are placeholders every platform sets.
pub const BASE: Platform = Platform {
    id: PlatformId::Vmware,
    name: "",
    product: "",
    retired: None,
    preview: false,
    checks: &[CheckGroup::Plan],
    overrides: &[],
    // 1, 3 or 5 control plane nodes on every AKS Arc platform so far (scale requirements).
    control_plane_nodes: &[1, 3, 5],
    control_plane_any_odd: false,
    control_plane_ip: ControlPlaneIp::Required,
    limits: Limits { clusters: None, clusters_per: "", node_pools: None, nodes_per_pool: None, nodes_per_cluster: None },
    proxy_supported: true,
    load_balancers: true,
    internal_ranges: INTERNAL_RANGES,
    node_addresses: NodeAddresses::Dhcp,
    node_ips: NodeIps::Workers,
    // Microsoft's example pool of 20 for 16 needed leaves a quarter to scale (AKS Arc IP address
    // planning); the warning comes only below a fifth, so a pool Suggest sized passes.
    pool_headroom: PoolHeadroom {
        warn_below: Share { divisor: 5, words: "a fifth" },
        suggest: Share { divisor: 4, words: "a quarter" },
    },
    pools_optional: false,
    smallest_network: None,
    fabric_networks: false,
    regions: &[],
    cluster_names: None,
    ipv4_only: false,
    vlans: false,
    resource_bridge: ResourceBridge::InPlan,
    management: None,
    words: Words {
        short: "",
        network: "network",
        networks_heading: "Networks",
        networks_intro: "",
        subnet: "subnet",
        static_outside: "DHCP",
        proxy_note: None,
        blank_control_plane_ip: "blank: Suggest picks one",
        sources: "",
    },
    firewall: FirewallList::AksOnVmware,
    metallb_namespace: "metallb-system",
    exports: &[],
    converts_to: None,
    example: Example { json: "", button_id: "", button: "", loaded: "" },
    figures: FigureTexts {
        node_ips: ("", ""),
        control_plane_ips: ("", ""),
        lb_ips: ("", ""),
        ip_pool: None,
        all: "",
    },
};
