//! Every change the page makes to a plan, as a value ([`Edit`]), and [`apply`], which makes it.
//!
//! The page's reducer keeps the undo history and what the page shows around a plan; the changes
//! themselves are plain functions of the plan, here, so they are tested without a browser.
//! What an edit writes is taken as the user typed it (names, address text): the checks say
//! what is wrong with it. Only counts are refused when their text is not a whole number, and
//! then the plan keeps its value.
//!
//! ```
//! use aksarc_netplan::edit::{apply, ClusterText, Count, Edit};
//! use aksarc_netplan::model::Plan;
//!
//! let mut plan = Plan::example();
//! apply(&mut plan, Edit::SetCluster(0, ClusterText::LbPools, "10.20.0.30-10.20.0.33, 10.20.0.40".into())).unwrap();
//! assert_eq!(plan.clusters[0].lb_pools, ["10.20.0.30-10.20.0.33", "10.20.0.40"]);
//!
//! let refused = apply(&mut plan, Edit::SetCount(Count::Services(0), "three".into())).unwrap_err();
//! assert!(refused.to_string().contains("\"three\" was not taken"));
//! assert_eq!(plan.clusters[0].services, 3);
//! ```

use std::fmt;

use crate::model::{Cluster, Management, NodePool, Plan, PlatformId, Reserved, ResourceBridge, Segment};

/// One change to a plan, as the page's editor makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The platform the plan deploys to; nothing else changes (Convert moves the addresses).
    SetPlatform(PlatformId),
    SetName(String),
    SetProxy(bool),
    /// Kept without the spaces around it.
    SetRegion(String),
    /// A count's text; refused, with the plan keeping its value, unless it is a whole number.
    SetCount(Count, String),
    /// A text of the management network; the network goes when nothing is left in it.
    SetManagement(ManagementText, String),
    /// A new segment named `segment1`, or with the next number no other segment has.
    AddSegment,
    RemoveSegment(usize),
    /// A segment's text; lists are split at commas, semicolons and line breaks, and renaming a
    /// segment renames it in the clusters on it.
    SetSegment(usize, SegmentText, String),
    AddReserved,
    RemoveReserved(usize),
    SetReserved(usize, ReservedText, String),
    /// Plan the resource bridge's addresses here: an empty bridge, unless there is one already.
    AddBridge,
    /// Leave the resource bridge out of the plan, with its addresses.
    RemoveBridge,
    SetBridge(BridgeText, String),
    /// A new cluster on the first segment, with one node pool of three; its addresses are left
    /// for Suggest.
    AddCluster,
    RemoveCluster(usize),
    /// Swaps the cluster with its neighbour above or below.
    MoveCluster(usize, Direction),
    /// A copy of the cluster with its node pools and services, right after it; addresses are
    /// left for Suggest.
    DuplicateCluster(usize),
    /// A cluster's text; load balancer pools are a list as in [`Edit::SetSegment`].
    SetCluster(usize, ClusterText, String),
    /// A new node pool the size of the cluster's last one (three when it has none).
    AddNodePool(usize),
    RemoveNodePool(usize, usize),
    SetNodePoolName(usize, usize, String),
    /// Ticks the firewall checklist row with this key, or unticks it.
    ToggleConfirmed(String),
    /// Accepts the finding of this rule at this field for the reason given (a new reason for a
    /// finding already accepted replaces the old one).
    Accept { rule: String, field: String, reason: String },
    /// Takes back the plan's waiver at this index: its finding counts again.
    RemoveWaiver(usize),
}

/// The numeric fields a user types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    DhcpInUse(usize),
    Vlan(usize),
    ManagementVlan,
    ControlPlaneNodes(usize),
    Services(usize),
    PoolNodes(usize, usize),
}

/// Text fields of a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentText {
    Name,
    Subnet,
    Gateway,
    Dns,
    Dhcp,
    IpPools,
    FabricNetwork,
}

/// Text fields of a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterText {
    Name,
    Segment,
    ControlPlaneIp,
    LbPools,
    HostIp,
}

/// Text fields of a reserved entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReservedText {
    Name,
    Addresses,
}

/// Text fields of the management network (its VLAN is a [`Count`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManagementText {
    Subnet,
    InfraPool,
}

/// Text fields of the resource bridge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BridgeText {
    ControlPlaneIp,
    ApplianceVmIps,
}

/// Where a cluster moves in the list: up is towards the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// A part of the plan an edit names by its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Segment(usize),
    Reserved(usize),
    Cluster(usize),
    NodePool(usize, usize),
    /// The management network (setting its VLAN makes one: it is never missing).
    Management,
    Waiver(usize),
}

impl fmt::Display for Part {
    /// Its path: `clusters[0].node_pools[1]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Segment(s) => write!(f, "segments[{s}]"),
            Part::Reserved(i) => write!(f, "reserved[{i}]"),
            Part::Cluster(c) => write!(f, "clusters[{c}]"),
            Part::NodePool(c, p) => write!(f, "clusters[{c}].node_pools[{p}]"),
            Part::Management => f.write_str("management"),
            Part::Waiver(i) => write!(f, "waivers[{i}]"),
        }
    }
}

/// Why an edit changed nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The edit names a segment, reserved entry, cluster or node pool the plan does not have.
    NotInPlan(Part),
    /// The cluster is already first (moving up) or last (moving down).
    AtEnd(usize, Direction),
    /// The text typed into a count is not a whole number.
    NotACount(NotACount),
}

/// A count's text that was not taken: the plan keeps its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotACount {
    pub count: Count,
    /// The field as people name it: "Cluster prod: LoadBalancer services".
    pub label: String,
    /// The text, without the spaces around it.
    pub text: String,
    /// The value the plan keeps.
    pub kept: u32,
}

impl fmt::Display for NotACount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let NotACount { label, text, kept, .. } = self;
        if text.is_empty() {
            write!(f, "{label} is empty: type a whole number (the plan keeps {kept} until then).")
        } else {
            write!(f, "{label} must be a whole number from 0 to {}; \"{}\" was not taken (the plan keeps {kept}).",
                u32::MAX, crate::addr::ellipsis(text))
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotInPlan(part) => write!(f, "the plan has no {part}"),
            EditError::AtEnd(c, Direction::Up) => write!(f, "clusters[{c}] is already first"),
            EditError::AtEnd(c, Direction::Down) => write!(f, "clusters[{c}] is already last"),
            EditError::NotACount(refused) => fmt::Display::fmt(refused, f),
        }
    }
}

impl std::error::Error for EditError {}

/// Makes the edit. On an error the plan is as it was.
pub fn apply(plan: &mut Plan, edit: Edit) -> Result<(), EditError> {
    match edit {
        Edit::SetPlatform(platform) => plan.platform = platform,
        Edit::SetName(name) => plan.name = name,
        Edit::SetProxy(on) => plan.proxy = on,
        Edit::SetRegion(region) => plan.region = region.trim().to_string(),
        Edit::SetCount(count, text) => set_count(plan, count, &text)?,
        Edit::SetManagement(field, text) => {
            let m = plan.management.get_or_insert_with(Management::default);
            match field {
                ManagementText::Subnet => m.subnet = clean_address(text),
                ManagementText::InfraPool => m.infra_pool = clean_address(text),
            }
            if *m == Management::default() {
                plan.management = None;
            }
        }
        Edit::AddSegment => {
            let name = unused_name("segment", |n| plan.segments.iter().any(|s| s.name == n));
            plan.segments.push(Segment { name, ..Segment::default() });
        }
        Edit::RemoveSegment(s) => {
            check(s < plan.segments.len(), Part::Segment(s))?;
            plan.segments.remove(s);
        }
        Edit::SetSegment(s, field, text) => {
            let seg = plan.segments.get_mut(s).ok_or(EditError::NotInPlan(Part::Segment(s)))?;
            match field {
                SegmentText::Name => {
                    // Clusters follow their segment when it is renamed.
                    for c in plan.clusters.iter_mut().filter(|c| c.segment == seg.name) {
                        c.segment = text.clone();
                    }
                    seg.name = text;
                }
                SegmentText::Subnet => seg.subnet = clean_address(text),
                SegmentText::Gateway => seg.gateway = blank_to_none(clean_address(text)),
                SegmentText::Dns => seg.dns = split_list(&text.replace(' ', ",")),
                SegmentText::Dhcp => seg.dhcp = clean_list(&text),
                SegmentText::IpPools => seg.ip_pools = clean_list(&text),
                SegmentText::FabricNetwork => seg.fabric_network = blank_to_none(text),
            }
        }
        Edit::AddReserved => plan.reserved.push(Reserved::default()),
        Edit::RemoveReserved(i) => {
            check(i < plan.reserved.len(), Part::Reserved(i))?;
            plan.reserved.remove(i);
        }
        Edit::SetReserved(i, field, text) => {
            let entry = plan.reserved.get_mut(i).ok_or(EditError::NotInPlan(Part::Reserved(i)))?;
            match field {
                ReservedText::Name => entry.name = text,
                ReservedText::Addresses => entry.addresses = clean_address(text),
            }
        }
        Edit::AddBridge => {
            plan.resource_bridge.get_or_insert_with(ResourceBridge::default);
        }
        Edit::RemoveBridge => plan.resource_bridge = None,
        Edit::SetBridge(field, text) => {
            let bridge = plan.resource_bridge.get_or_insert_with(ResourceBridge::default);
            match field {
                BridgeText::ControlPlaneIp => bridge.control_plane_ip = clean_address(text),
                BridgeText::ApplianceVmIps => bridge.appliance_vm_ips = clean_address(text),
            }
        }
        Edit::AddCluster => {
            let name = unused_name("cluster", |n| plan.clusters.iter().any(|c| c.name == n));
            let segment = plan.segments.first().map(|s| s.name.clone()).unwrap_or_default();
            // A cluster that is one machine has no node pool.
            let one_machine = crate::platform::of(plan).node_addresses == crate::platform::NodeAddresses::Host;
            let node_pools = if one_machine { Vec::new() } else { vec![NodePool { name: "pool1".into(), nodes: 3 }] };
            plan.clusters.push(Cluster { name, segment, node_pools, ..Cluster::default() });
        }
        Edit::RemoveCluster(c) => {
            check(c < plan.clusters.len(), Part::Cluster(c))?;
            plan.clusters.remove(c);
        }
        Edit::MoveCluster(c, direction) => {
            check(c < plan.clusters.len(), Part::Cluster(c))?;
            let other = match direction {
                Direction::Up => c.checked_sub(1),
                Direction::Down => Some(c + 1).filter(|o| *o < plan.clusters.len()),
            };
            let other = other.ok_or(EditError::AtEnd(c, direction))?;
            plan.clusters.swap(c, other);
        }
        Edit::DuplicateCluster(c) => {
            let original = plan.clusters.get(c).ok_or(EditError::NotInPlan(Part::Cluster(c)))?;
            let base = format!("{}-copy", original.name);
            let name = if plan.clusters.iter().any(|x| x.name == base) {
                unused_name(&format!("{base}-"), |n| plan.clusters.iter().any(|x| x.name == n))
            } else {
                base
            };
            // Addresses are left for Suggest, and a copy runs on another machine.
            let copy = Cluster {
                name,
                control_plane_ip: None,
                lb_pools: Vec::new(),
                host_ip: None,
                existing: false,
                lb_pools_existing: Vec::new(),
                ..original.clone()
            };
            plan.clusters.insert(c + 1, copy);
        }
        Edit::SetCluster(c, field, text) => {
            let cluster = plan.clusters.get_mut(c).ok_or(EditError::NotInPlan(Part::Cluster(c)))?;
            match field {
                ClusterText::Name => cluster.name = text,
                ClusterText::Segment => cluster.segment = text,
                ClusterText::ControlPlaneIp => cluster.control_plane_ip = blank_to_none(clean_address(text)),
                ClusterText::LbPools => cluster.lb_pools = clean_list(&text),
                ClusterText::HostIp => cluster.host_ip = blank_to_none(clean_address(text)),
            }
        }
        Edit::AddNodePool(c) => {
            let cluster = plan.clusters.get_mut(c).ok_or(EditError::NotInPlan(Part::Cluster(c)))?;
            let name = unused_name("pool", |n| cluster.node_pools.iter().any(|p| p.name == n));
            // The size of the cluster's last pool, as a new pool is most often one more of those.
            let nodes = cluster.node_pools.last().map_or(3, |p| p.nodes.max(1));
            cluster.node_pools.push(NodePool { name, nodes });
        }
        Edit::RemoveNodePool(c, p) => {
            let pools = plan.clusters.get_mut(c).map(|cl| &mut cl.node_pools).filter(|pools| p < pools.len());
            pools.ok_or(EditError::NotInPlan(Part::NodePool(c, p)))?.remove(p);
        }
        Edit::SetNodePoolName(c, p, text) => {
            let pool = plan.clusters.get_mut(c).and_then(|cl| cl.node_pools.get_mut(p));
            pool.ok_or(EditError::NotInPlan(Part::NodePool(c, p)))?.name = text;
        }
        Edit::ToggleConfirmed(key) => {
            if let Some(at) = plan.firewall_confirmed.iter().position(|k| *k == key) {
                plan.firewall_confirmed.remove(at);
            } else {
                plan.firewall_confirmed.push(key);
            }
        }
        Edit::Accept { rule, field, reason } => {
            let reason = reason.trim().to_string();
            match plan.waivers.iter_mut().find(|w| w.names(&rule, &field)) {
                Some(w) => w.reason = reason,
                None => plan.waivers.push(crate::model::Waiver { rule, field, reason }),
            }
        }
        Edit::RemoveWaiver(i) => {
            check(i < plan.waivers.len(), Part::Waiver(i))?;
            plan.waivers.remove(i);
        }
    }
    Ok(())
}

fn check(there: bool, part: Part) -> Result<(), EditError> {
    if there {
        Ok(())
    } else {
        Err(EditError::NotInPlan(part))
    }
}

fn set_count(plan: &mut Plan, count: Count, text: &str) -> Result<(), EditError> {
    let text = text.trim();
    let Ok(n) = text.parse::<u32>() else {
        // The plan keeps its value; a count of a part the plan does not have is missing, not refused.
        let kept = count.value(plan).ok_or_else(|| count.missing())?;
        return Err(EditError::NotACount(NotACount { count, label: count.label(plan), text: text.to_string(), kept }));
    };
    let slot = match count {
        Count::DhcpInUse(s) => plan.segments.get_mut(s).map(|seg| &mut seg.dhcp_in_use),
        Count::Vlan(s) => plan.segments.get_mut(s).map(|seg| &mut seg.vlan),
        Count::ManagementVlan => Some(&mut plan.management.get_or_insert_with(Management::default).vlan),
        Count::ControlPlaneNodes(c) => plan.clusters.get_mut(c).map(|cl| &mut cl.control_plane_nodes),
        Count::Services(c) => plan.clusters.get_mut(c).map(|cl| &mut cl.services),
        Count::PoolNodes(c, p) => plan.clusters.get_mut(c).and_then(|cl| cl.node_pools.get_mut(p)).map(|np| &mut np.nodes),
    };
    *slot.ok_or_else(|| count.missing())? = n;
    Ok(())
}

impl Count {
    /// The field's path, as findings name fields: `clusters[0].node_pools[1].nodes`.
    pub fn path(self) -> String {
        match self {
            Count::DhcpInUse(s) => format!("segments[{s}].dhcp_in_use"),
            Count::Vlan(s) => format!("segments[{s}].vlan"),
            Count::ManagementVlan => "management.vlan".to_string(),
            Count::ControlPlaneNodes(c) => format!("clusters[{c}].control_plane_nodes"),
            Count::Services(c) => format!("clusters[{c}].services"),
            Count::PoolNodes(c, p) => format!("clusters[{c}].node_pools[{p}].nodes"),
        }
    }

    /// The error for a count of a part the plan does not have.
    fn missing(self) -> EditError {
        EditError::NotInPlan(match self {
            Count::DhcpInUse(s) | Count::Vlan(s) => Part::Segment(s),
            Count::ControlPlaneNodes(c) | Count::Services(c) => Part::Cluster(c),
            Count::PoolNodes(c, p) => Part::NodePool(c, p),
            Count::ManagementVlan => Part::Management,
        })
    }

    /// The field as people name it, for messages.
    fn label(self, plan: &Plan) -> String {
        let segment = |s: usize| plan.segments.get(s).map_or(String::new(), |seg| seg.name.clone());
        let cluster = |c: usize| plan.clusters.get(c).map_or(String::new(), |cl| cl.name.clone());
        let network = crate::platform::of(plan).words.network;
        match self {
            Count::DhcpInUse(s) => format!("{network} {}: DHCP leases in use", segment(s)),
            Count::Vlan(s) => format!("{network} {}: VLAN", segment(s)),
            Count::ManagementVlan => "Management network: VLAN".to_string(),
            Count::ControlPlaneNodes(c) => format!("Cluster {}: control plane nodes", cluster(c)),
            Count::Services(c) => format!("Cluster {}: LoadBalancer services", cluster(c)),
            Count::PoolNodes(c, p) => {
                let pool = plan.clusters.get(c).and_then(|cl| cl.node_pools.get(p)).map_or(String::new(), |np| np.name.clone());
                format!("Cluster {}, node pool {pool}: worker nodes", cluster(c))
            }
        }
    }

    /// The plan's value of the field; `None` when the plan has no such segment, cluster or pool
    /// (a management network not there yet has VLAN 0).
    fn value(self, plan: &Plan) -> Option<u32> {
        let cluster = |c: usize| plan.clusters.get(c);
        match self {
            Count::DhcpInUse(s) => plan.segments.get(s).map(|seg| seg.dhcp_in_use),
            Count::Vlan(s) => plan.segments.get(s).map(|seg| seg.vlan),
            Count::ManagementVlan => Some(plan.management.as_ref().map_or(0, |m| m.vlan)),
            Count::ControlPlaneNodes(c) => cluster(c).map(|cl| cl.control_plane_nodes),
            Count::Services(c) => cluster(c).map(|cl| cl.services),
            Count::PoolNodes(c, p) => cluster(c).and_then(|cl| cl.node_pools.get(p)).map(|np| np.nodes),
        }
    }
}

impl SegmentText {
    /// The field's path: `segments[0].dns`.
    pub fn path(self, s: usize) -> String {
        let key = match self {
            SegmentText::Name => "name",
            SegmentText::Subnet => "subnet",
            SegmentText::Gateway => "gateway",
            SegmentText::Dns => "dns",
            SegmentText::Dhcp => "dhcp",
            SegmentText::IpPools => "ip_pools",
            SegmentText::FabricNetwork => "fabric_network",
        };
        format!("segments[{s}].{key}")
    }
}

impl ClusterText {
    /// The field's path: `clusters[0].lb_pools`.
    pub fn path(self, c: usize) -> String {
        let key = match self {
            ClusterText::Name => "name",
            ClusterText::Segment => "segment",
            ClusterText::ControlPlaneIp => "control_plane_ip",
            ClusterText::LbPools => "lb_pools",
            ClusterText::HostIp => "host_ip",
        };
        format!("clusters[{c}].{key}")
    }
}

impl ReservedText {
    /// The field's path: `reserved[0].addresses`.
    pub fn path(self, i: usize) -> String {
        match self {
            ReservedText::Name => format!("reserved[{i}].name"),
            ReservedText::Addresses => format!("reserved[{i}].addresses"),
        }
    }
}

impl ManagementText {
    /// The field's path: `management.infra_pool`.
    pub fn path(self) -> &'static str {
        match self {
            ManagementText::Subnet => "management.subnet",
            ManagementText::InfraPool => "management.infra_pool",
        }
    }
}

impl BridgeText {
    /// The field's path: `resource_bridge.control_plane_ip`.
    pub fn path(self) -> &'static str {
        match self {
            BridgeText::ControlPlaneIp => "resource_bridge.control_plane_ip",
            BridgeText::ApplianceVmIps => "resource_bridge.appliance_vm_ips",
        }
    }
}

/// The path of a node pool's name: `clusters[0].node_pools[1].name`.
pub fn node_pool_name_path(c: usize, p: usize) -> String {
    format!("clusters[{c}].node_pools[{p}].name")
}

impl Edit {
    /// What the edit does, as the undo history names it ("removing cluster prod"), read from
    /// the plan before the edit.
    pub fn label(&self, plan: &Plan) -> String {
        let cluster = |c: &usize| plan.clusters.get(*c).map_or(String::new(), |cl| format!(" {}", cl.name));
        let segment = |s: &usize| plan.segments.get(*s).map_or("", |x| x.name.as_str());
        let network = crate::platform::of(plan).words.network;
        match self {
            Edit::SetPlatform(_) => "the platform switch".into(),
            Edit::SetName(_) | Edit::SetProxy(_) | Edit::SetRegion(_) => "an edit of the plan settings".into(),
            Edit::SetCount(..) => "an edit of a number".into(),
            Edit::SetManagement(..) => "an edit of the management network".into(),
            Edit::AddSegment => format!("adding a {network}"),
            Edit::RemoveSegment(s) => format!("removing {network} {}", segment(s)),
            Edit::SetSegment(s, ..) => format!("an edit of {network} {}", segment(s)),
            Edit::AddReserved => "adding a reserved entry".into(),
            Edit::RemoveReserved(_) => "removing a reserved entry".into(),
            Edit::SetReserved(..) => "an edit of a reserved entry".into(),
            Edit::AddBridge | Edit::RemoveBridge | Edit::SetBridge(..) => "an edit of the resource bridge".into(),
            Edit::AddCluster => "adding a cluster".into(),
            Edit::RemoveCluster(c) => format!("removing cluster{}", cluster(c)),
            Edit::MoveCluster(c, _) => format!("moving cluster{}", cluster(c)),
            Edit::DuplicateCluster(c) => format!("duplicating cluster{}", cluster(c)),
            Edit::SetCluster(c, ..) => format!("an edit of cluster{}", cluster(c)),
            Edit::AddNodePool(c) => format!("adding a node pool to cluster{}", cluster(c)),
            Edit::RemoveNodePool(c, _) => format!("removing a node pool of cluster{}", cluster(c)),
            Edit::SetNodePoolName(c, ..) => format!("renaming a node pool of cluster{}", cluster(c)),
            Edit::ToggleConfirmed(_) => "a firewall tick".into(),
            Edit::Accept { rule, .. } => format!("accepting a {rule} finding"),
            Edit::RemoveWaiver(_) => "taking back a waiver".into(),
        }
    }

    /// The path of the one field the edit writes, for edits that set what a user types (a
    /// name, an address text, a count, a picked segment); `None` for the others.
    pub fn field(&self) -> Option<String> {
        Some(match self {
            Edit::SetName(_) => "name".into(),
            Edit::SetRegion(_) => "region".into(),
            Edit::SetCount(count, _) => count.path(),
            Edit::SetManagement(field, _) => field.path().into(),
            Edit::SetSegment(s, field, _) => field.path(*s),
            Edit::SetReserved(i, field, _) => field.path(*i),
            Edit::SetBridge(field, _) => field.path().into(),
            Edit::SetCluster(c, field, _) => field.path(*c),
            Edit::SetNodePoolName(c, p, _) => node_pool_name_path(*c, *p),
            _ => return None,
        })
    }

    /// Removes something the user made (a segment, a reserved entry, a cluster, a node pool).
    pub fn removes(&self) -> bool {
        matches!(self, Edit::RemoveSegment(_) | Edit::RemoveReserved(_) | Edit::RemoveCluster(_) | Edit::RemoveNodePool(..))
    }

    /// Moves counts to other paths (a segment, cluster or node pool removed, moved or copied in
    /// before others): what is kept per count path no longer points at its field.
    pub fn renumbers_counts(&self) -> bool {
        matches!(self, Edit::RemoveSegment(_) | Edit::RemoveCluster(_) | Edit::MoveCluster(..) | Edit::DuplicateCluster(_)
            | Edit::RemoveNodePool(..))
    }
}

/// A new, empty plan for the platform: named "New plan", with one network named by the
/// platform's word for it (`segment1`, `logical-network1`).
pub fn new_plan(platform: PlatformId) -> Plan {
    let word = crate::platform::by_id(platform).words.network.replace(' ', "-");
    Plan {
        name: "New plan".into(),
        platform,
        segments: vec![Segment { name: format!("{word}1"), ..Segment::default() }],
        ..Plan::default()
    }
}

/// Splits an address-list input: commas, semicolons and line breaks separate entries; empty
/// pieces carry nothing and are skipped.
///
/// ```
/// assert_eq!(aksarc_netplan::edit::split_list(" a , b;\nc,,"), ["a", "b", "c"]);
/// ```
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Address text as the plan keeps it: no spaces around it or around `/` and `-`, and an en or em
/// dash (which word processors put in ranges) read as the range dash. What is left is the
/// checks' business.
///
/// ```
/// use aksarc_netplan::edit::clean_address;
/// assert_eq!(clean_address(" 10.0.0.1 \u{2013} 10.0.0.9 ".into()), "10.0.0.1-10.0.0.9");
/// assert_eq!(clean_address("10.0.0.0 / 24".into()), "10.0.0.0/24");
/// assert_eq!(clean_address("10.0.0.1 10.0.0.2".into()), "10.0.0.1 10.0.0.2");
/// ```
pub fn clean_address(text: String) -> String {
    let (mut out, mut space, mut last) = (String::with_capacity(text.len()), false, ' ');
    for c in text.trim().chars() {
        let c = if matches!(c, '\u{2013}' | '\u{2014}') { '-' } else { c };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !matches!(c, '-' | '/') && !matches!(last, '-' | '/') {
            out.push(' ');
        }
        (space, last) = (false, c);
        out.push(c);
    }
    out
}

fn clean_list(text: &str) -> Vec<String> {
    split_list(text).into_iter().map(clean_address).collect()
}

/// The text an address-list input shows.
pub fn join_list(items: &[String]) -> String {
    items.join(", ")
}

fn blank_to_none(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

fn unused_name(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..).map(|n| format!("{prefix}{n}")).find(|n| !taken(n)).unwrap_or_default()
}
