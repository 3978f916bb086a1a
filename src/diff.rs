//! What changed between two plans, object by object, for the review of a change: clusters,
//! networks and node pools by name; IP pools, DHCP scopes, load balancer ranges and reserved
//! entries by their addresses (so `10.0.0.1-10.0.0.5` and `10.0.0.1 - 10.0.0.5` are the same,
//! and reordering a list changes nothing); each change with its old and new value. Beside them,
//! the totals before and after and the findings that appear or go.
//!
//! Work stays near linear in the plans' size: every list is matched through a map by its key.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use serde::Serialize;

use crate::addr::{parse_set, AddrRange};
use crate::check::evaluate;
use crate::claims::{Claim, ClaimKind, Owner, Resolved};
use crate::model::{Cluster, Plan, Segment};
use crate::platform;
use crate::requirements::Totals;

/// What happened to a thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    Added,
    Removed,
    Changed,
}

/// One difference: the object it is about ("cluster prod"), what of it ("node pool gpu:
/// nodes"; empty for the object itself), and the values before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub what: What,
    pub object: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Change {
    /// The change in one line, without its mark: `cluster prod node pool gpu: nodes: 3 -> 5`.
    pub fn line(&self) -> String {
        let field = if self.field.is_empty() { String::new() } else { format!(" {}", self.field) };
        let given = |v: &Option<String>| v.as_deref().filter(|v| !v.is_empty()).map(str::to_string);
        let values = match (self.what, given(&self.old), given(&self.new)) {
            (What::Changed, o, n) => format!(": {} -> {}", o.as_deref().unwrap_or("(none)"), n.as_deref().unwrap_or("(none)")),
            (_, Some(v), _) | (_, None, Some(v)) => format!(": {v}"),
            (_, None, None) => String::new(),
        };
        format!("{}{field}{values}", self.object)
    }

    /// `+` added, `-` removed, `~` changed.
    pub fn mark(&self) -> char {
        match self.what {
            What::Added => '+',
            What::Removed => '-',
            What::Changed => '~',
        }
    }
}

/// A finding as the diff compares them: rule, field and message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingLine {
    pub rule: String,
    pub severity: String,
    pub field: String,
    pub message: String,
}

/// One line of the totals, before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TotalLine {
    pub key: &'static str,
    pub label: String,
    pub old: u128,
    pub new: u128,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub totals: Vec<TotalLine>,
    pub findings_new: Vec<FindingLine>,
    pub findings_gone: Vec<FindingLine>,
    /// Whether each plan passes its checks.
    pub passes: (bool, bool),
}

impl Diff {
    /// Whether the plans differ in anything a change review looks at.
    pub fn differs(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// An address text as the diff compares it: its parsed range where it parses, else its text.
fn address_key(text: &str) -> String {
    parse_set(text).map(|r| r.to_string()).unwrap_or_else(|_| text.trim().to_string())
}

struct Differ {
    changes: Vec<Change>,
}

impl Differ {
    fn push(&mut self, what: What, object: &str, field: &str, old: Option<String>, new: Option<String>) {
        self.changes.push(Change { what, object: object.to_string(), field: field.to_string(), old, new });
    }

    /// A value of one object, changed or not.
    fn value(&mut self, object: &str, field: &str, old: &str, new: &str) {
        if old != new {
            self.push(What::Changed, object, field, Some(old.to_string()), Some(new.to_string()));
        }
    }

    /// A list of addresses compared as a set by address: each one added or removed.
    fn addresses(&mut self, object: &str, field: &str, old: &[String], new: &[String]) {
        let keys = |list: &[String]| -> BTreeMap<String, String> { list.iter().map(|t| (address_key(t), t.trim().to_string())).collect() };
        let (old, new) = (keys(old), keys(new));
        for (key, text) in &new {
            if !old.contains_key(key) {
                self.push(What::Added, object, field, None, Some(text.clone()));
            }
        }
        for (key, text) in &old {
            if !new.contains_key(key) {
                self.push(What::Removed, object, field, Some(text.clone()), None);
            }
        }
    }
}

fn opt(text: &Option<String>) -> &str {
    text.as_deref().map(str::trim).unwrap_or("")
}

/// The differences between `old` and `new`.
///
/// ```
/// use aksarc_netplan::{diff::diff, model::Plan};
/// let old = Plan::example();
/// let mut new = old.clone();
/// new.clusters[0].node_pools[0].nodes += 2;
/// let d = diff(&old, &new);
/// assert_eq!(d.changes.len(), 1);
/// assert_eq!((d.changes[0].old.as_deref(), d.changes[0].new.as_deref()), (Some("3"), Some("5")));
/// assert!(!diff(&old, &old).differs());
/// ```
pub fn diff(old: &Plan, new: &Plan) -> Diff {
    let changes = changes(old, new);
    let (before, after) = (evaluate(old), evaluate(new));
    let lines = |r: &crate::Report| -> BTreeSet<FindingLine> {
        r.findings
            .iter()
            .map(|f| FindingLine { rule: f.rule.to_string(), severity: f.severity.as_str().into(), field: f.field.clone(), message: f.message.clone() })
            .collect()
    };
    let (fb, fa) = (lines(&before), lines(&after));
    Diff {
        changes,
        totals: totals(&before.requirements.totals, &after.requirements.totals),
        findings_new: fa.difference(&fb).cloned().collect(),
        findings_gone: fb.difference(&fa).cloned().collect(),
        passes: (before.passes(), after.passes()),
    }
}

/// The object-by-object changes of [`diff`] alone, without checking either plan: what an
/// import's preview lists.
pub fn changes(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut d = Differ { changes: Vec::new() };
    d.value("plan", "name", old.name.trim(), new.name.trim());
    d.value("plan", "platform", platform::by_id(old.platform).name, platform::by_id(new.platform).name);
    d.value("plan", "proxy", &old.proxy.to_string(), &new.proxy.to_string());
    d.value("plan", "region", old.region.trim(), new.region.trim());
    segments(&mut d, &old.segments, &new.segments, platform::by_id(new.platform).words.network);
    clusters(&mut d, &old.clusters, &new.clusters);
    reserved(&mut d, old, new);
    let side = |p: &Plan| (p.management.as_ref().map(|m| (m.subnet.trim().to_string(), address_key(&m.infra_pool), m.vlan)),
        p.resource_bridge.as_ref().map(|b| (address_key(&b.control_plane_ip), address_key(&b.appliance_vm_ips))));
    let ((om, ob), (nm, nb)) = (side(old), side(new));
    if om != nm {
        let text = |m: &Option<(String, String, u32)>| m.as_ref().map(|(s, p, v)| format!("subnet {s}, infrastructure pool {p}, VLAN {v}"));
        d.push(What::Changed, "management network", "", text(&om), text(&nm));
    }
    if ob != nb {
        let text = |b: &Option<(String, String)>| b.as_ref().map(|(c, v)| format!("control plane IP {c}, appliance VM IPs {v}"));
        d.push(What::Changed, "Arc resource bridge", "", text(&ob), text(&nb));
    }
    let ticks = |p: &Plan| p.firewall_confirmed.iter().cloned().collect::<BTreeSet<String>>();
    let (ot, nt) = (ticks(old), ticks(new));
    for key in nt.difference(&ot) {
        d.push(What::Added, "firewall checklist", "confirmed", None, Some(key.clone()));
    }
    for key in ot.difference(&nt) {
        d.push(What::Removed, "firewall checklist", "confirmed", Some(key.clone()), None);
    }
    // Waivers are matched by the finding they name; a new reason is a change.
    let waivers = |p: &Plan| p.waivers.iter().map(|w| (format!("{} at {}", w.rule, w.field), w.reason.trim().to_string())).collect::<BTreeMap<String, String>>();
    let (ow, nw) = (waivers(old), waivers(new));
    for (key, reason) in &nw {
        match ow.get(key) {
            None => d.push(What::Added, "waiver", key, None, Some(reason.clone())),
            Some(was) if was != reason => d.push(What::Changed, "waiver", key, Some(was.clone()), Some(reason.clone())),
            Some(_) => {}
        }
    }
    for (key, reason) in &ow {
        if !nw.contains_key(key) {
            d.push(What::Removed, "waiver", key, Some(reason.clone()), None);
        }
    }
    d.changes
}

/// Items of two lists matched by name (the first of a repeated name), in the new list's order
/// then the removed ones.
fn by_name<'a, T>(old: &'a [T], new: &'a [T], name: impl Fn(&T) -> &str) -> (Vec<(&'a T, &'a T)>, Vec<&'a T>, Vec<&'a T>) {
    let mut olds: HashMap<&str, &T> = HashMap::with_capacity(old.len());
    for item in old {
        olds.entry(name(item)).or_insert(item);
    }
    let news: std::collections::HashSet<&str> = new.iter().map(&name).collect();
    let (mut both, mut added) = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    for item in new {
        if !seen.insert(name(item)) {
            continue;
        }
        match olds.get(name(item)) {
            Some(o) => both.push((*o, item)),
            None => added.push(item),
        }
    }
    let mut gone = std::collections::HashSet::new();
    let removed = old.iter().filter(|o| !news.contains(name(o)) && gone.insert(name(o))).collect();
    (both, added, removed)
}

fn segments(d: &mut Differ, old: &[Segment], new: &[Segment], word: &str) {
    let (both, added, removed) = by_name(old, new, |s| s.name.as_str());
    for s in added {
        d.push(What::Added, &format!("{word} {}", s.name), "", None, Some(s.subnet.trim().to_string()));
    }
    for s in removed {
        d.push(What::Removed, &format!("{word} {}", s.name), "", Some(s.subnet.trim().to_string()), None);
    }
    for (o, n) in both {
        let object = format!("{word} {}", n.name);
        d.value(&object, "subnet", &address_key(&o.subnet), &address_key(&n.subnet));
        d.value(&object, "gateway", opt(&o.gateway), opt(&n.gateway));
        d.addresses(&object, "DNS server", &o.dns, &n.dns);
        d.addresses(&object, "DHCP scope", &o.dhcp, &n.dhcp);
        d.value(&object, "DHCP leases in use", &o.dhcp_in_use.to_string(), &n.dhcp_in_use.to_string());
        d.addresses(&object, "IP pool", &o.ip_pools, &n.ip_pools);
        d.value(&object, "VLAN", &o.vlan.to_string(), &n.vlan.to_string());
        d.value(&object, "fabric network", opt(&o.fabric_network), opt(&n.fabric_network));
        d.value(&object, "exists in Azure", &o.existing.to_string(), &n.existing.to_string());
    }
}

fn clusters(d: &mut Differ, old: &[Cluster], new: &[Cluster]) {
    let (both, added, removed) = by_name(old, new, |c| c.name.as_str());
    let summary = |c: &Cluster| {
        let workers: u64 = c.node_pools.iter().map(|p| p.nodes as u64).sum();
        format!("on {}, {} control plane and {workers} worker nodes", c.segment, c.control_plane_nodes)
    };
    for c in added {
        d.push(What::Added, &format!("cluster {}", c.name), "", None, Some(summary(c)));
    }
    for c in removed {
        d.push(What::Removed, &format!("cluster {}", c.name), "", Some(summary(c)), None);
    }
    for (o, n) in both {
        let object = format!("cluster {}", n.name);
        d.value(&object, "network", &o.segment, &n.segment);
        d.value(&object, "control plane IP", &address_key(opt(&o.control_plane_ip)), &address_key(opt(&n.control_plane_ip)));
        d.value(&object, "control plane nodes", &o.control_plane_nodes.to_string(), &n.control_plane_nodes.to_string());
        d.value(&object, "machine address", &address_key(opt(&o.host_ip)), &address_key(opt(&n.host_ip)));
        d.value(&object, "LoadBalancer services", &o.services.to_string(), &n.services.to_string());
        d.addresses(&object, "load balancer range", &o.lb_pools, &n.lb_pools);
        d.value(&object, "exists in Azure", &o.existing.to_string(), &n.existing.to_string());
        d.addresses(&object, "load balancer range in Azure", &o.lb_pools_existing, &n.lb_pools_existing);
        let (pools, added, removed) = by_name(&o.node_pools, &n.node_pools, |p| p.name.as_str());
        for p in added {
            d.push(What::Added, &object, &format!("node pool {}", p.name), None, Some(format!("{} nodes", p.nodes)));
        }
        for p in removed {
            d.push(What::Removed, &object, &format!("node pool {}", p.name), Some(format!("{} nodes", p.nodes)), None);
        }
        for (op, np) in pools {
            d.value(&object, &format!("node pool {}: nodes", np.name), &op.nodes.to_string(), &np.nodes.to_string());
        }
    }
}

/// Reserved entries by their addresses: added, removed, or renamed.
fn reserved(d: &mut Differ, old: &Plan, new: &Plan) {
    let map = |p: &Plan| -> BTreeMap<String, (String, String)> {
        p.reserved.iter().map(|r| (address_key(&r.addresses), (r.name.clone(), r.addresses.trim().to_string()))).collect()
    };
    let (o, n) = (map(old), map(new));
    for (key, (name, text)) in &n {
        match o.get(key) {
            None => d.push(What::Added, "addresses in use", name, None, Some(text.clone())),
            Some((old_name, _)) if old_name != name => {
                d.push(What::Changed, "addresses in use", &format!("{text}: name"), Some(old_name.clone()), Some(name.clone()))
            }
            Some(_) => {}
        }
    }
    for (key, (name, text)) in &o {
        if !n.contains_key(key) {
            d.push(What::Removed, "addresses in use", name, Some(text.clone()), None);
        }
    }
}

/// The addresses each plan claims that the other does not, with how the plan names them: what
/// `new` added or moved, then what `old` had that went. A claim is the same in both plans when
/// its kind, its owner's name and its addresses are: reordering and retyping change nothing.
/// For drawing a change on the address map; each plan's claims as `claims::resolve` gave them,
/// which the map has already.
pub fn moved_addresses(old: (&Plan, &Resolved), new: (&Plan, &Resolved)) -> (Vec<(AddrRange, String)>, Vec<(AddrRange, String)>) {
    type Key<'p> = (ClaimKind, &'p str, u128, u128);
    // Each claim with its key, in the plan's order.
    fn keyed<'p>((plan, resolved): (&'p Plan, &'p Resolved)) -> Vec<(Key<'p>, &'p Claim)> {
        // Whose it is, by name; the parts a plan has once (bridge, management) by their kind.
        let owner = |o: Owner| match o {
            Owner::Segment(i) => plan.segments.get(i).map_or("", |s| s.name.as_str()),
            Owner::Cluster(i) => plan.clusters.get(i).map_or("", |c| c.name.as_str()),
            Owner::Reserved(i) => plan.reserved.get(i).map_or("", |r| r.name.as_str()),
            Owner::Bridge | Owner::Internal | Owner::Management => "",
        };
        resolved
            .claims
            .iter()
            .filter(|c| !matches!(c.kind, ClaimKind::Subnet | ClaimKind::Internal))
            .map(|c| ((c.kind, owner(c.owner), c.range.start, c.range.end), c))
            .collect()
    }
    let (o, n) = (keyed(old), keyed(new));
    let only = |list: &[(Key, &Claim)], other: &[(Key, &Claim)]| -> Vec<(AddrRange, String)> {
        let other: HashSet<&Key> = other.iter().map(|(k, _)| k).collect();
        list.iter().filter(|(k, _)| !other.contains(k)).map(|(_, c)| (c.range, c.label.clone())).collect()
    };
    (only(&n, &o), only(&o, &n))
}

fn totals(old: &Totals, new: &Totals) -> Vec<TotalLine> {
    let figures = new.figures();
    let before = old.figures();
    figures
        .iter()
        .map(|f| {
            let was = before.iter().find(|b| b.key == f.key).map_or(0, |b| b.recommended);
            TotalLine { key: f.key, label: f.label.to_string(), old: was, new: f.recommended }
        })
        .collect()
}

fn value(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or("")
}

/// The diff as text: one line a change (`+` added, `-` removed, `~` changed), the totals that
/// moved, the findings that came and went.
pub fn to_text(d: &Diff) -> String {
    let mut out = String::new();
    if !d.differs() {
        out.push_str("The plans are the same.\n");
        return out;
    }
    let _ = writeln!(out, "Changes ({})", d.changes.len());
    for c in &d.changes {
        let _ = writeln!(out, "  {} {}", c.mark(), c.line());
    }
    let moved: Vec<&TotalLine> = d.totals.iter().filter(|t| t.old != t.new).collect();
    if !moved.is_empty() {
        let _ = writeln!(out, "\nTotals (recommended, before -> after)");
        for t in moved {
            let _ = writeln!(out, "  {}: {} -> {}", t.label, t.old, t.new);
        }
    }
    for (title, list) in [("Findings that appear", &d.findings_new), ("Findings that go", &d.findings_gone)] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{title}");
            for f in list {
                let _ = writeln!(out, "  {} {} {}: {}", f.severity, f.rule, f.field, f.message);
            }
        }
    }
    let verdict = |p: bool| if p { "PASS" } else { "FAIL" };
    let _ = writeln!(out, "\nBefore: {}. After: {}.", verdict(d.passes.0), verdict(d.passes.1));
    out
}

/// The diff as Markdown, for a change ticket.
pub fn to_markdown(d: &Diff) -> String {
    use crate::exports::md_text;
    let mut out = String::from("# Plan change\n\n");
    if !d.differs() {
        out.push_str("The plans are the same.\n");
        return out;
    }
    let verdict = |p: bool| if p { "PASS" } else { "FAIL" };
    let _ = writeln!(out, "Before: **{}**. After: **{}**.\n", verdict(d.passes.0), verdict(d.passes.1));
    let _ = writeln!(out, "| Change | Object | What | Before | After |\n|---|---|---|---|---|");
    for c in &d.changes {
        let what = match c.what {
            What::Added => "added",
            What::Removed => "removed",
            What::Changed => "changed",
        };
        let _ = writeln!(out, "| {what} | {} | {} | {} | {} |", md_text(&c.object), md_text(&c.field), md_text(value(&c.old)), md_text(value(&c.new)));
    }
    let _ = writeln!(out, "\n## Totals (recommended)\n\n| Addresses | Before | After |\n|---|---:|---:|");
    for t in &d.totals {
        let _ = writeln!(out, "| {} | {} | {} |", md_text(&t.label), t.old, t.new);
    }
    for (title, list) in [("Findings that appear", &d.findings_new), ("Findings that go", &d.findings_gone)] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n## {title}\n\n| Rule | Severity | Field | Message |\n|---|---|---|---|");
            for f in list {
                let _ = writeln!(out, "| {} | {} | {} | {} |", md_text(&f.rule), f.severity, md_text(&f.field), md_text(&f.message));
            }
        }
    }
    out
}

/// The diff as JSON, for tools.
pub fn to_json(d: &Diff) -> String {
    // Strings, numbers and lists always serialise.
    serde_json::to_string_pretty(d).expect("a diff always serialises")
}
