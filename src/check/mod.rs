//! Evaluates a plan: the requirement tables and every finding of the rule catalogue.
//!
//! One call, [`evaluate`], serves the page, the CLI and the tests, so they can never disagree.
//! It never panics: every input, however wrong, becomes findings. The direct checks come in
//! groups, one file each, and a plan gets the groups its platform opts into
//! (`Platform::checks`); rules about two overlapping addresses come from `overlaps`.

mod bridge;
mod dhcp;
mod ip_pools;
mod management;
mod plan;
mod single_machine;

use serde::Serialize;

use crate::addr::{AddrRange, Subnet};
use crate::claims::{resolve, Claim, Resolved};
pub use crate::finding::Finding;
use crate::model::{Plan, Waiver};
use crate::names::capitalise;
use crate::overlaps::MAX_PER_RULE;
use crate::platform::{self, Platform};
use crate::requirements::{requirements, Requirements};
use crate::rules::{CheckGroup, RuleId, Severity};

/// What the engine says about a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub requirements: Requirements,
    pub findings: Vec<Finding>,
    /// The plan's waivers, so every report lists what the team accepted and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

impl Report {
    /// A plan passes when it has no error (warnings allowed).
    pub fn passes(&self) -> bool {
        self.errors() == 0
    }

    /// Errors found, those a rule did not list (`more`) included.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// "PASS" or "FAIL", as every report and export states it.
    pub fn verdict(&self) -> &'static str {
        if self.passes() { "PASS" } else { "FAIL" }
    }

    /// "2 error(s), 1 warning(s)": the counts every verdict line gives, and how many findings
    /// the plan's waivers accepted when there are any.
    pub fn counts(&self) -> String {
        let accepted = self.accepted();
        let mut out = format!("{} error(s), {} warning(s)", self.errors(), self.warnings());
        if accepted > 0 {
            out += &format!(", {accepted} accepted");
        }
        out
    }

    /// How many listed findings the plan's waivers accepted.
    pub fn accepted(&self) -> usize {
        self.findings.iter().filter(|f| f.waiver.is_some()).count()
    }

    /// How many listed findings the plan's waiver `i` accepted (0: it matches nothing).
    pub fn accepted_by(&self, i: usize) -> usize {
        let Some(w) = self.waivers.get(i) else { return 0 };
        self.findings.iter().filter(|f| f.waiver.is_some() && w.names(f.rule.as_str(), &f.field)).count()
    }

    /// Findings of the severity that no waiver accepted.
    fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity && f.waiver.is_none()).map(|f| if f.more > 0 { f.more } else { 1 }).sum()
    }
}

/// Evaluates the plan.
///
/// ```
/// use aksarc_netplan::{check::evaluate, model::Plan};
/// let report = evaluate(&Plan::example());
/// assert!(report.passes());
/// assert_eq!(report.requirements.totals.all_ips_recommended, 19);
/// ```
pub fn evaluate(plan: &Plan) -> Report {
    evaluate_resolved(plan, &resolve(plan))
}

/// Evaluates a plan whose address text is already parsed, for callers that need the claims too
/// (the page draws its address map from them), so the plan is parsed once per change.
pub fn evaluate_resolved(plan: &Plan, resolved: &Resolved) -> Report {
    let platform = platform::of(plan);
    let requirements = requirements(plan, resolved);
    let mut findings = resolved.findings.clone();
    let mut ctx = Ctx { plan, platform, resolved, req: &requirements, out: &mut findings };
    // The plan-wide checks first: within a rule, findings keep the order they were found in.
    for group in [
        CheckGroup::Plan,
        CheckGroup::DhcpScopes,
        CheckGroup::Dhcp,
        CheckGroup::ResourceBridge,
        CheckGroup::IpPools,
        CheckGroup::Management,
        CheckGroup::SingleMachine,
    ] {
        if platform.has(group) {
            ctx.run(group);
        }
    }
    // A group's rule the platform does not report (`Reported::Not`) is left out here.
    findings.retain(|f| platform.reports(f.rule));
    // Counts per rule, indexed by the rule's rank.
    let mut more = [0; RuleId::COUNT];
    findings.extend(crate::overlaps::findings(plan, platform, &resolved.claims, &mut more));
    // A rule that fires thousands of times lists the first ones and says how many more.
    let mut listed = [0; RuleId::COUNT];
    findings.retain(|f| {
        let n = &mut listed[f.rule.rank()];
        *n += 1;
        if *n > MAX_PER_RULE {
            more[f.rule.rank()] += 1;
        }
        *n <= MAX_PER_RULE
    });
    findings.extend(RuleId::ALL.iter().zip(more).filter(|(_, n)| *n > 0).map(|(&rule, n)| Finding::more(rule, n)));
    for f in &mut findings {
        f.severity = platform.severity(f.rule);
    }
    accept(plan, &mut findings);
    // What still needs work first: errors, then warnings, then what the waivers accepted; within
    // each, catalogue order, and within a rule the order the checks found them.
    findings.sort_by_key(|f| (f.waiver.is_some(), f.severity, f.rule.rank()));
    Report { requirements, findings, waivers: plan.waivers.clone() }
}

/// Marks each listed finding a waiver names (by rule id and field path) as accepted with the
/// waiver's reason, and reports each waiver that names none (`waiver-unused`). A finding of a
/// rule past its listing bound is not listed, so its waiver counts as unused.
fn accept(plan: &Plan, findings: &mut Vec<Finding>) {
    let mut unused = Vec::new();
    for (i, w) in plan.waivers.iter().enumerate() {
        let mut used = false;
        for f in findings.iter_mut().filter(|f| f.more == 0 && w.names(f.rule.as_str(), &f.field)) {
            f.waiver.get_or_insert_with(|| w.reason.clone());
            used = true;
        }
        if !used {
            let field = format!("waivers[{i}]");
            let place = if w.field.is_empty() { "no field".to_string() } else { crate::names::describe(plan, &w.field) };
            unused.push(Finding::new(RuleId::WaiverUnused, field, format!(
                "Waiver {} accepts {} at {place}, but no finding matches it: remove it, or point it at the finding it was written for.",
                i + 1, if w.rule.is_empty() { "no rule".to_string() } else { format!("rule {}", w.rule) }), Vec::new()));
        }
    }
    findings.extend(unused);
}

/// What every check reads, and the findings it adds to.
struct Ctx<'a> {
    plan: &'a Plan,
    platform: &'static Platform,
    resolved: &'a Resolved,
    req: &'a Requirements,
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    /// The direct checks of one group. The groups of one rule each (`Proxy`, `ControlPlaneIp`,
    /// `AssignedControlPlaneIp`, `MinimumPrefix`, `Regions`, `ClusterNames`) are single checks
    /// that the plan-wide group runs where the platform has them.
    fn run(&mut self, group: CheckGroup) {
        match group {
            CheckGroup::Plan => self.plan_checks(),
            CheckGroup::DhcpScopes => self.dhcp_scopes(),
            CheckGroup::Dhcp => self.dhcp(),
            CheckGroup::ResourceBridge => self.bridge(),
            CheckGroup::IpPools => self.ip_pools(),
            CheckGroup::Management => self.management(),
            CheckGroup::SingleMachine => self.single_machine(),
            CheckGroup::Proxy
            | CheckGroup::ControlPlaneIp
            | CheckGroup::AssignedControlPlaneIp
            | CheckGroup::MinimumPrefix
            | CheckGroup::Regions
            | CheckGroup::ClusterNames => {}
        }
    }

    fn push(&mut self, rule: RuleId, field: String, message: String) {
        self.out.push(Finding::new(rule, field, message, Vec::new()));
    }

    /// `subnet-edge`: a claim that takes its subnet's network or broadcast address.
    fn edges(&mut self, claim: &Claim, subnet: &Subnet) {
        let Some((network, broadcast)) = subnet.edges() else { return };
        let edges: Vec<u128> = [network, broadcast].into_iter().filter(|&a| claim.range.contains(subnet.range.family, a)).collect();
        if edges.is_empty() {
            return;
        }
        let addresses: Vec<String> = edges.iter().map(|&a| AddrRange::single(subnet.range.family, a).to_string()).collect();
        self.out.push(Finding::new(RuleId::SubnetEdge, claim.field.clone(), format!(
            "{} includes {} of subnet {}, which no host may use.",
            capitalise(&claim.label),
            if edges.len() == 2 { "the network and broadcast addresses".to_string() }
            else if edges[0] == network { format!("the network address {}", addresses[0]) }
            else { format!("the broadcast address {}", addresses[0]) },
            subnet), addresses));
    }
}

/// The addresses of `inner` outside `outer`, for `*-outside-subnet` findings.
fn outside_part(inner: &AddrRange, outer: &AddrRange) -> Vec<String> {
    let set = crate::intervals::IntervalSet::from_ranges(inner.family, [*outer]);
    set.complement_within(inner).ranges().map(|r| r.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule that fires more than the bound lists the bound and one finding with the exact rest,
    /// and the counts of the report include that rest.
    #[test]
    fn a_rule_past_the_bound_counts_exactly_what_it_left_out() {
        let mut plan = Plan::example();
        // 130 unnamed node pools: 130 duplicate-name errors from a direct check.
        plan.clusters[0].node_pools = vec![crate::model::NodePool { name: String::new(), nodes: 1 }; 130];
        let report = evaluate(&plan);
        let named: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == RuleId::DuplicateName).collect();
        assert_eq!(named.len(), MAX_PER_RULE + 1);
        assert_eq!(named.iter().filter(|f| f.more == 0).count(), MAX_PER_RULE);
        let more = named.iter().find(|f| f.more > 0).expect("a `more` finding");
        assert_eq!(more.more, 30);
        assert_eq!(more.message, "30 more duplicate-name findings are not listed: fix the ones above and check again.");
        // The other errors of the plan (its DHCP scope is now too small) count one each.
        let others = report.findings.iter().filter(|f| f.rule != RuleId::DuplicateName && f.severity == Severity::Error).count();
        assert_eq!(report.errors(), 130 + others);
        // One past the bound: "1 more ... finding is".
        plan.clusters[0].node_pools.truncate(101);
        let report = evaluate(&plan);
        let more: Vec<&Finding> = report.findings.iter().filter(|f| f.more > 0).collect();
        assert_eq!(more.len(), 1);
        assert_eq!((more[0].more, more[0].message.as_str()),
            (1, "1 more duplicate-name finding is not listed: fix the ones above and check again."));
        let others = report.findings.iter().filter(|f| f.rule != RuleId::DuplicateName && f.severity == Severity::Error).count();
        assert_eq!(report.errors(), 101 + others);
        assert!(!report.passes());
    }

    #[test]
    fn warnings_count_apart_from_errors() {
        let mut plan = Plan::example();
        // 103 LB pools outside the subnet: warnings only (lb-outside-subnet), none listed past 100.
        plan.clusters[0].services = 0;
        plan.clusters[0].lb_pools = (0..103).map(|i| format!("192.168.{i}.10")).collect();
        let report = evaluate(&plan);
        assert_eq!(report.warnings(), 103);
        assert_eq!(report.errors(), 0);
        assert!(report.passes());
    }
}
