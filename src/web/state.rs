//! The page's state: the plan, everything derived from it, and the named actions that change it.
//!
//! The engine runs here, in `State::derive`, once per change; components only read the result.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::Reducible;

use crate::check::{evaluate_resolved, Report};
use crate::claims::resolve;
use crate::convert::convert;
use crate::model::{Cluster, Management, NodePool, Plan, PlatformId, Reserved, ResourceBridge, Segment};
use crate::rules::Severity;
use crate::suggest::{suggest, Filled, Unfilled};
pub use super::notice::Notice;

/// One step of the undo history: the plan before an action, and what the action was.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Shared: the state is cloned on every action, its history must not be.
    pub plan: Rc<Plan>,
    pub label: String,
}

/// How many steps Undo can go back.
pub const HISTORY: usize = 100;

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
    /// Messages per input id (see [`input_id`]), from the findings and from refused input.
    pub messages: Rc<HashMap<String, Rc<Vec<FieldMessage>>>>,
    /// Number inputs whose text was refused: the plan keeps its old value, the input says why.
    pub refused: HashMap<String, String>,
    /// Plans before each change, newest last, and the ones Undo stepped back from.
    pub past: Vec<Step>,
    pub future: Vec<Step>,
    /// The field the last change typed into: typing on in it is one undo step, not one per key.
    last_edit: Option<String>,
    /// A plan the last action replaced as a whole (a link, an import, a new plan), numbered so the
    /// page keeps each one in Recent plans once.
    pub replaced: Option<(u32, Rc<Plan>)>,
    pub suggested: Option<SuggestResult>,
    pub notice: Option<Notice>,
}

impl State {
    pub fn new(plan: Plan) -> State {
        let mut state = State {
            plan,
            report: Rc::default(),
            messages: Rc::default(),
            refused: HashMap::new(),
            past: Vec::new(),
            future: Vec::new(),
            last_edit: None,
            replaced: None,
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
        let mut messages: HashMap<String, Vec<FieldMessage>> = HashMap::new();
        for f in &report.findings {
            messages.entry(input_id(&f.field)).or_default().push(FieldMessage {
                severity: f.severity,
                rule: f.rule.as_str(),
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
        State::new(super::browser::example())
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
    /// Move the plan to the platform its own converts to.
    Convert(PlatformId),
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
    /// A copy of the cluster with its node pools and services; addresses are left for Suggest.
    DuplicateCluster(usize),
    /// The plan with imported used addresses merged in, and what the import did.
    ImportUsed(Plan, String),
    Suggest,
    Undo,
    Redo,
    Notify(Notice),
    DismissNotice,
    DismissSuggested,
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

impl Action {
    /// What the action does, as the undo history names it; `None` for actions that do not
    /// change the plan.
    fn label(&self, plan: &Plan) -> Option<String> {
        let cluster = |c: &usize| plan.clusters.get(*c).map_or(String::new(), |cl| format!(" {}", cl.name));
        let network = crate::platform::of(plan).words.network;
        Some(match self {
            Action::Load(new, _) => format!("opening \"{}\"", new.name),
            Action::NewPlan(_) => "New plan".into(),
            Action::SetPlatform(_) => "the platform switch".into(),
            Action::Convert(to) => format!("Convert to {}", crate::platform::by_id(*to).words.short),
            Action::SetManagement(..) => "an edit of the management network".into(),
            Action::SetName(_) | Action::SetProxy(_) | Action::SetRegion(_) => "an edit of the plan settings".into(),
            Action::SetCount(..) => "an edit of a number".into(),
            Action::AddSegment => format!("adding a {network}"),
            Action::RemoveSegment(s) => format!("removing {network} {}", plan.segments.get(*s).map_or("", |x| x.name.as_str())),
            Action::SetSegment(s, ..) => format!("an edit of {network} {}", plan.segments.get(*s).map_or("", |x| x.name.as_str())),
            Action::AddReserved => "adding a reserved entry".into(),
            Action::RemoveReserved(_) => "removing a reserved entry".into(),
            Action::SetReserved(..) => "an edit of a reserved entry".into(),
            Action::SetBridge(_) => "an edit of the resource bridge".into(),
            Action::AddCluster => "adding a cluster".into(),
            Action::RemoveCluster(c) => format!("removing cluster{}", cluster(c)),
            Action::MoveCluster(c, _) => format!("moving cluster{}", cluster(c)),
            Action::SetCluster(c, ..) => format!("an edit of cluster{}", cluster(c)),
            Action::AddNodePool(c) => format!("adding a node pool to cluster{}", cluster(c)),
            Action::RemoveNodePool(c, _) => format!("removing a node pool of cluster{}", cluster(c)),
            Action::SetNodePoolName(c, ..) => format!("renaming a node pool of cluster{}", cluster(c)),
            Action::DuplicateCluster(c) => format!("duplicating cluster{}", cluster(c)),
            Action::ImportUsed(..) => "importing used addresses".into(),
            Action::ToggleConfirmed(_) => "a firewall tick".into(),
            Action::Suggest => "Suggest".into(),
            Action::Undo | Action::Redo | Action::Notify(_) | Action::DismissNotice | Action::DismissSuggested => return None,
        })
    }

    /// The input typed into, for edits that continue while the user types.
    fn typing_key(&self) -> Option<String> {
        match self {
            Action::SetManagement(subnet, _) => Some(format!("management-{subnet}")),
            Action::SetName(_) => Some("name".into()),
            Action::SetRegion(_) => Some("region".into()),
            Action::SetCount(count, _) => Some(count.field()),
            Action::SetSegment(s, field, _) => Some(format!("segments-{s}-{}", *field as u8)),
            Action::SetReserved(i, name, _) => Some(format!("reserved-{i}-{name}")),
            Action::SetBridge(_) => Some("bridge".into()),
            Action::SetCluster(c, field, _) => Some(format!("clusters-{c}-{}", *field as u8)),
            Action::SetNodePoolName(c, p, _) => Some(format!("clusters-{c}-{p}-name")),
            _ => None,
        }
    }

    /// Replaces or removes work the user may not have meant to lose: the page says so at once
    /// and offers Undo.
    fn loses_work(&self) -> bool {
        matches!(self, Action::Load(..) | Action::NewPlan(_) | Action::Convert(_) | Action::ImportUsed(..) | Action::RemoveSegment(_)
            | Action::RemoveReserved(_) | Action::RemoveCluster(_) | Action::RemoveNodePool(..))
    }
}

impl Reducible for State {
    type Action = Action;

    /// Applies the action and keeps the undo history: each change that alters the plan is one
    /// step (typing on in one input extends the step), and a new change drops the redo steps.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Undo => return Rc::new(self.step(true)),
            Action::Redo => return Rc::new(self.step(false)),
            _ => {}
        }
        let label = action.label(&self.plan);
        let key = action.typing_key();
        let loses_work = action.loses_work();
        let whole = matches!(action, Action::Load(..) | Action::NewPlan(_) | Action::Convert(_));
        let after = self.clone().apply(action);
        if Rc::ptr_eq(&after, &self) || after.plan == self.plan {
            return after;
        }
        let mut next = Rc::unwrap_or_clone(after);
        let Some(label) = label else { return Rc::new(next) };
        if key.is_none() || key != self.last_edit {
            next.past.push(Step { plan: Rc::new(self.plan.clone()), label: label.clone() });
            if next.past.len() > HISTORY {
                next.past.remove(0);
            }
        }
        next.future.clear();
        next.last_edit = key;
        if whole {
            let serial = self.replaced.as_ref().map_or(0, |(n, _)| n + 1);
            next.replaced = Some((serial, Rc::new(self.plan.clone())));
        }
        if loses_work && next.notice.as_ref().is_none_or(|n| !n.error) {
            // The action's own message, else one saying what was removed.
            let own = next.notice.take().filter(|n| Some(n) != self.notice.as_ref());
            let text = own.map_or_else(|| format!("{}.", label.replacen("removing", "Removed", 1)), |n| n.text);
            next.notice = Some(Notice::undoable(text));
        }
        Rc::new(next)
    }
}

impl State {
    /// One step back (`back`) or forward through the history.
    fn step(&self, back: bool) -> State {
        let mut next = self.clone();
        let (from, to) = if back { (&mut next.past, &mut next.future) } else { (&mut next.future, &mut next.past) };
        let Some(step) = from.pop() else { return next };
        let old = std::mem::replace(&mut next.plan, Rc::unwrap_or_clone(step.plan));
        to.push(Step { plan: Rc::new(old), label: step.label.clone() });
        next.last_edit = None;
        next.suggested = None;
        next.refused.clear();
        next.notice = Some(Notice::info(format!("{} {}.", if back { "Undid" } else { "Redid" }, step.label)));
        next.derive();
        next
    }

    fn apply(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let plan = &mut next.plan;
        match action {
            Action::Load(new, notice) => {
                next = State { plan: new, notice: None, suggested: None, refused: HashMap::new(), ..next };
                next.derive();
                next.notice = notice.map(|text| Notice::info(format!("{text} The plan you had is in Recent plans; Undo brings it back.")));
                return Rc::new(next);
            }
            Action::NewPlan(platform) => {
                let mut fresh = Plan { name: "New plan".into(), platform, ..Plan::default() };
                let word = crate::platform::by_id(platform).words.network.replace(' ', "-");
                fresh.segments.push(Segment { name: format!("{word}1"), ..Segment::default() });
                next = State { plan: fresh, notice: None, suggested: None, refused: HashMap::new(), ..next };
                next.derive();
                next.notice = Some(Notice::info(format!(
                    "New plan for {}. The plan you had is in Recent plans; Undo brings it back.", crate::platform::by_id(platform).name)));
                return Rc::new(next);
            }
            Action::SetPlatform(platform) => plan.platform = platform,
            Action::Convert(to) => {
                let (from, target) = (crate::platform::of(plan), crate::platform::by_id(to));
                next.plan = match convert(plan, to) {
                    Ok(converted) => converted,
                    Err(e) => {
                        next.notice = Some(Notice::error(format!("Not converted: {e}.")));
                        return Rc::new(next);
                    }
                };
                next.suggested = None;
                next.notice = Some(Notice::info(format!(
                    "Converted to {}: DHCP scopes became IP pools and the resource bridge's addresses became reserved entries; the findings say what the move still needs. Undo restores the {} plan.",
                    target.words.short, from.words.short)));
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
                // The size of the cluster's last pool, as a new pool is most often one more of those.
                let nodes = cluster.node_pools.last().map_or(3, |p| p.nodes.max(1));
                cluster.node_pools.push(NodePool { name, nodes });
            }
            Action::ImportUsed(merged, what) => {
                next.plan = merged;
                next.refused.clear();
                next.suggested = None;
                next.notice = Some(Notice::info(what));
                next.derive();
                return Rc::new(next);
            }
            Action::DuplicateCluster(c) => {
                let Some(original) = plan.clusters.get(c) else { return self };
                let base = format!("{}-copy", original.name);
                let name = if plan.clusters.iter().any(|x| x.name == base) {
                    unused_name(&format!("{base}-"), |n| plan.clusters.iter().any(|x| x.name == n))
                } else {
                    base
                };
                let copy = Cluster { name, control_plane_ip: None, lb_pools: Vec::new(), ..original.clone() };
                plan.clusters.insert(c + 1, copy);
                next.refused.clear();
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
                next.plan = s.plan;
                next.suggested = Some(SuggestResult { filled: s.filled, unfilled: s.unfilled });
                next.derive();
                return Rc::new(next);
            }
            Action::Undo | Action::Redo => return self,
            Action::Notify(notice) => {
                next.notice = Some(notice);
                return Rc::new(next);
            }
            Action::DismissNotice => {
                next.notice = None;
                return Rc::new(next);
            }
            Action::DismissSuggested => {
                next.suggested = None;
                return Rc::new(next);
            }
        }
        // Any edit ends the Suggest summary.
        next.suggested = None;
        next.derive();
        Rc::new(next)
    }
}
