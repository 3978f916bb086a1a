//! The page's state: the plan, everything derived from it, and the named actions that change it.
//!
//! The engine runs here, in `State::derive`, once per change; components only read the result.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::Reducible;

use crate::addressmap::{address_maps, SegmentMap};
use crate::check::{evaluate_resolved, Report};
use crate::claims::resolve;
use crate::firewall::{checklist, Row};
use crate::convert::to_azure_local;
use crate::model::{Cluster, Management, NodePool, Plan, PlatformId, Reserved, ResourceBridge, Segment};
use crate::rules::Severity;
use crate::suggest::{suggest, Filled, Unfilled};

/// A message the page shows above everything until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// What one Suggest did, shown until the next edit.
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestResult {
    pub filled: Vec<Filled>,
    pub unfilled: Vec<Unfilled>,
}

/// A finding's message as shown beside the input it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMessage {
    pub severity: Severity,
    pub rule: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub plan: Plan,
    /// The engine's answer for `plan`.
    pub report: Rc<Report>,
    pub maps: Rc<Vec<SegmentMap>>,
    /// The firewall checklist for the plan (its ticks live in `plan.firewall_confirmed`).
    pub firewall: Rc<Vec<Row>>,
    /// Messages per input id (see [`input_id`]), from the findings and from refused input.
    pub messages: Rc<HashMap<String, Rc<Vec<FieldMessage>>>>,
    /// Number inputs whose text was refused: the plan keeps its old value, the input says why.
    pub refused: HashMap<String, String>,
    /// The plan before the last Suggest, conversion or new plan, for one undo.
    pub undo: Option<Plan>,
    pub suggested: Option<SuggestResult>,
    pub notice: Option<Notice>,
}

impl State {
    pub fn new(plan: Plan) -> State {
        let mut state = State {
            plan,
            report: Rc::default(),
            maps: Rc::default(),
            firewall: Rc::default(),
            messages: Rc::default(),
            refused: HashMap::new(),
            undo: None,
            suggested: None,
            notice: None,
        };
        state.derive();
        state
    }

    /// Recomputes everything that follows from the plan: the one place the engine runs.
    fn derive(&mut self) {
        let resolved = resolve(&self.plan);
        let report = evaluate_resolved(&self.plan, &resolved);
        let maps = address_maps(&self.plan, &resolved, &report);
        let mut messages: HashMap<String, Vec<FieldMessage>> = HashMap::new();
        for f in &report.findings {
            messages.entry(input_id(&f.field)).or_default().push(FieldMessage {
                severity: f.severity,
                rule: f.rule,
                text: f.message.clone(),
            });
        }
        for (id, text) in &self.refused {
            messages.entry(id.clone()).or_default().insert(0, FieldMessage {
                severity: Severity::Error,
                rule: "input",
                text: text.clone(),
            });
        }
        self.report = Rc::new(report);
        self.maps = Rc::new(maps);
        self.firewall = Rc::new(checklist(&self.plan));
        self.messages = Rc::new(messages.into_iter().map(|(k, v)| (k, Rc::new(v))).collect());
    }

    /// The messages of every input whose id starts with `prefix` (one editor's worth).
    pub fn messages_under(&self, prefix: &str) -> Messages {
        let map = self.messages.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k.clone(), v.clone())).collect();
        Messages(Rc::new(map))
    }
}

/// Messages per input id, as handed to one editor component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages(pub Rc<BTreeMap<String, Rc<Vec<FieldMessage>>>>);

impl Messages {
    /// The messages of one input (empty when it has none).
    pub fn of(&self, id: &str) -> Rc<Vec<FieldMessage>> {
        self.0.get(id).cloned().unwrap_or_default()
    }
}

impl Default for State {
    fn default() -> State {
        State::new(Plan::example())
    }
}

/// The DOM id of the input that edits `field` (a finding's path). Lists of addresses are edited
/// in one input, so `segments[0].dns[1]` belongs to `segments[0].dns`.
///
/// `clusters[1].lb_pools[0]` → `f-clusters-1-lb_pools`.
pub fn input_id(field: &str) -> String {
    let mut path = field;
    for list in [".dns[", ".dhcp[", ".lb_pools[", ".ip_pools["] {
        if let Some(at) = field.rfind(list) {
            if field.ends_with(']') {
                path = &field[..at + list.len() - 1];
            }
        }
    }
    let mut id = String::from("f-");
    for ch in path.chars() {
        match ch {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
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

impl Count {
    fn field(self) -> String {
        match self {
            Count::DhcpInUse(s) => format!("segments[{s}].dhcp_in_use"),
            Count::Vlan(s) => format!("segments[{s}].vlan"),
            Count::ManagementVlan => "management.vlan".to_string(),
            Count::ControlPlaneNodes(c) => format!("clusters[{c}].control_plane_nodes"),
            Count::Services(c) => format!("clusters[{c}].services"),
            Count::PoolNodes(c, p) => format!("clusters[{c}].node_pools[{p}].nodes"),
        }
    }

    /// The field as people name it, for messages.
    fn label(self, plan: &Plan) -> String {
        let segment = |s: usize| plan.segments.get(s).map_or(String::new(), |seg| seg.name.clone());
        let cluster = |c: usize| plan.clusters.get(c).map_or(String::new(), |cl| cl.name.clone());
        let network = crate::platform::of(plan).network_word;
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

    /// The plan's value of the field.
    fn value(self, plan: &Plan) -> u32 {
        let cluster = |c: usize| plan.clusters.get(c);
        match self {
            Count::DhcpInUse(s) => plan.segments.get(s).map_or(0, |seg| seg.dhcp_in_use),
            Count::Vlan(s) => plan.segments.get(s).map_or(0, |seg| seg.vlan),
            Count::ManagementVlan => plan.management.as_ref().map_or(0, |m| m.vlan),
            Count::ControlPlaneNodes(c) => cluster(c).map_or(0, |cl| cl.control_plane_nodes),
            Count::Services(c) => cluster(c).map_or(0, |cl| cl.services),
            Count::PoolNodes(c, p) => cluster(c).and_then(|cl| cl.node_pools.get(p)).map_or(0, |np| np.nodes),
        }
    }
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
}

/// Text fields of a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterText {
    Name,
    Segment,
    ControlPlaneIp,
    LbPools,
}

/// Every change the page can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the plan (link, import, autosave, example); `notice` says where it came from.
    Load(Plan, Option<String>),
    /// A new, empty plan for the platform the user picked, with one undo.
    NewPlan(PlatformId),
    SetPlatform(PlatformId),
    /// A VMware plan moved to Azure Local, with one undo.
    ConvertToAzureLocal,
    /// The management network's subnet (true) or infrastructure pool (false).
    SetManagement(bool, String),
    SetName(String),
    SetProxy(bool),
    SetRegion(String),
    SetCount(Count, String),
    AddSegment,
    RemoveSegment(usize),
    SetSegment(usize, SegmentText, String),
    AddReserved,
    RemoveReserved(usize),
    SetReserved(usize, bool, String),
    SetBridge(Option<(String, String)>),
    AddCluster,
    RemoveCluster(usize),
    MoveCluster(usize, bool),
    SetCluster(usize, ClusterText, String),
    AddNodePool(usize),
    RemoveNodePool(usize, usize),
    SetNodePoolName(usize, usize, String),
    ToggleConfirmed(String),
    Suggest,
    Undo,
    Notify(Notice),
    DismissNotice,
}

/// Splits an address-list input: commas, semicolons and line breaks separate entries; empty
/// pieces carry nothing and are skipped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
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

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let plan = &mut next.plan;
        match action {
            Action::Load(new, notice) => {
                next = State::new(new);
                next.notice = notice.map(|text| Notice { error: false, text });
                return Rc::new(next);
            }
            Action::NewPlan(platform) => {
                let before = plan.clone();
                let mut fresh = Plan { name: "New plan".into(), platform, ..Plan::default() };
                let word = crate::platform::by_id(platform).network_word.replace(' ', "-");
                fresh.segments.push(Segment { name: format!("{word}1"), ..Segment::default() });
                next = State::new(fresh);
                next.undo = Some(before);
                next.notice = Some(Notice { error: false, text: format!(
                    "New plan for {}. Undo brings back the plan you had.", crate::platform::by_id(platform).name) });
                return Rc::new(next);
            }
            Action::SetPlatform(platform) => plan.platform = platform,
            Action::ConvertToAzureLocal => {
                let before = plan.clone();
                next.plan = to_azure_local(&before);
                next.undo = Some(before);
                next.suggested = None;
                next.notice = Some(Notice { error: false, text:
                    "Converted to Azure Local: DHCP scopes became IP pools and the resource bridge's addresses became reserved entries; the findings say what the move still needs. Undo restores the VMware plan.".into() });
                next.derive();
                return Rc::new(next);
            }
            Action::SetManagement(is_subnet, text) => {
                let m = plan.management.get_or_insert_with(Management::default);
                if is_subnet {
                    m.subnet = text;
                } else {
                    m.infra_pool = text;
                }
                if *m == Management::default() {
                    plan.management = None;
                }
            }
            Action::SetName(name) => plan.name = name,
            Action::SetProxy(on) => plan.proxy = on,
            Action::SetRegion(region) => plan.region = region.trim().to_string(),
            Action::SetCount(count, text) => {
                let id = input_id(&count.field());
                match text.trim().parse::<u32>() {
                    Ok(n) => {
                        next.refused.remove(&id);
                        match count {
                            Count::DhcpInUse(s) => plan.segments[s].dhcp_in_use = n,
                            Count::Vlan(s) => plan.segments[s].vlan = n,
                            Count::ManagementVlan => plan.management.get_or_insert_with(Management::default).vlan = n,
                            Count::ControlPlaneNodes(c) => plan.clusters[c].control_plane_nodes = n,
                            Count::Services(c) => plan.clusters[c].services = n,
                            Count::PoolNodes(c, p) => plan.clusters[c].node_pools[p].nodes = n,
                        }
                    }
                    Err(_) if text.trim().is_empty() => {
                        next.refused.insert(id, format!("{} is empty: type a whole number (the plan keeps {} until then).",
                            count.label(plan), count.value(plan)));
                    }
                    Err(_) => {
                        next.refused.insert(id, format!(
                            "{} must be a whole number from 0 to {}; \"{}\" was not taken (the plan keeps {}).",
                            count.label(plan), u32::MAX, crate::addr::ellipsis(text.trim()), count.value(plan)));
                    }
                }
            }
            Action::AddSegment => {
                let name = unused_name("segment", |n| plan.segments.iter().any(|s| s.name == n));
                plan.segments.push(Segment { name, ..Segment::default() });
            }
            Action::RemoveSegment(s) => {
                if s < plan.segments.len() {
                    plan.segments.remove(s);
                    next.refused.clear();
                }
            }
            Action::SetSegment(s, field, text) => {
                let Some(seg) = plan.segments.get_mut(s) else { return self };
                match field {
                    SegmentText::Name => {
                        // Clusters follow their segment when it is renamed.
                        for c in plan.clusters.iter_mut().filter(|c| c.segment == seg.name) {
                            c.segment = text.clone();
                        }
                        seg.name = text;
                    }
                    SegmentText::Subnet => seg.subnet = text,
                    SegmentText::Gateway => seg.gateway = blank_to_none(text),
                    SegmentText::Dns => seg.dns = split_list(&text),
                    SegmentText::Dhcp => seg.dhcp = split_list(&text),
                    SegmentText::IpPools => seg.ip_pools = split_list(&text),
                }
            }
            Action::AddReserved => plan.reserved.push(Reserved::default()),
            Action::RemoveReserved(i) => {
                if i < plan.reserved.len() {
                    plan.reserved.remove(i);
                }
            }
            Action::SetReserved(i, is_name, text) => {
                let Some(entry) = plan.reserved.get_mut(i) else { return self };
                if is_name {
                    entry.name = text;
                } else {
                    entry.addresses = text;
                }
            }
            Action::SetBridge(bridge) => {
                plan.resource_bridge =
                    bridge.map(|(control_plane_ip, appliance_vm_ips)| ResourceBridge { control_plane_ip, appliance_vm_ips });
            }
            Action::AddCluster => {
                let name = unused_name("cluster", |n| plan.clusters.iter().any(|c| c.name == n));
                let segment = plan.segments.first().map(|s| s.name.clone()).unwrap_or_default();
                plan.clusters.push(Cluster {
                    name,
                    segment,
                    node_pools: vec![NodePool { name: "pool1".into(), nodes: 3 }],
                    ..Cluster::default()
                });
            }
            Action::RemoveCluster(c) => {
                if c < plan.clusters.len() {
                    plan.clusters.remove(c);
                    next.refused.clear();
                }
            }
            Action::MoveCluster(c, up) => {
                let other = if up { c.checked_sub(1) } else { Some(c + 1) };
                match other {
                    Some(o) if o < plan.clusters.len() && c < plan.clusters.len() => {
                        plan.clusters.swap(c, o);
                        next.refused.clear();
                    }
                    _ => return self,
                }
            }
            Action::SetCluster(c, field, text) => {
                let Some(cluster) = plan.clusters.get_mut(c) else { return self };
                match field {
                    ClusterText::Name => cluster.name = text,
                    ClusterText::Segment => cluster.segment = text,
                    ClusterText::ControlPlaneIp => cluster.control_plane_ip = blank_to_none(text),
                    ClusterText::LbPools => cluster.lb_pools = split_list(&text),
                }
            }
            Action::AddNodePool(c) => {
                let Some(cluster) = plan.clusters.get_mut(c) else { return self };
                let name = unused_name("pool", |n| cluster.node_pools.iter().any(|p| p.name == n));
                cluster.node_pools.push(NodePool { name, nodes: 1 });
            }
            Action::RemoveNodePool(c, p) => {
                let Some(cluster) = plan.clusters.get_mut(c) else { return self };
                if p < cluster.node_pools.len() {
                    cluster.node_pools.remove(p);
                    next.refused.clear();
                }
            }
            Action::SetNodePoolName(c, p, text) => {
                let Some(pool) = plan.clusters.get_mut(c).and_then(|c| c.node_pools.get_mut(p)) else { return self };
                pool.name = text;
            }
            Action::ToggleConfirmed(host) => {
                if let Some(at) = plan.firewall_confirmed.iter().position(|h| *h == host) {
                    plan.firewall_confirmed.remove(at);
                } else {
                    plan.firewall_confirmed.push(host);
                }
            }
            Action::Suggest => {
                let s = suggest(plan);
                next.undo = Some(plan.clone());
                next.plan = s.plan;
                next.suggested = Some(SuggestResult { filled: s.filled, unfilled: s.unfilled });
                next.derive();
                return Rc::new(next);
            }
            Action::Undo => {
                let Some(before) = next.undo.take() else { return self };
                next.plan = before;
                next.suggested = None;
                next.derive();
                return Rc::new(next);
            }
            Action::Notify(notice) => {
                next.notice = Some(notice);
                return Rc::new(next);
            }
            Action::DismissNotice => {
                next.notice = None;
                return Rc::new(next);
            }
        }
        // Any edit ends the Suggest summary and its undo point.
        next.undo = None;
        next.suggested = None;
        next.derive();
        Rc::new(next)
    }
}
