//! Evaluates a plan: the requirement tables and every finding of the rule catalogue.
//!
//! One call, [`evaluate`], serves the page, the CLI and the tests, so they can never disagree.
//! It never panics: every input, however wrong, becomes findings.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::addr::{AddrRange, Subnet};
use crate::claims::{is_blank, resolve, Claim, ClaimKind, Owner, Resolved};
use crate::model::Plan;
use crate::platform;
use crate::requirements::{requirements, Requirements};
pub use crate::finding::Finding;
use crate::overlaps::MAX_PER_RULE;
use crate::names::{capitalise, plural};
use crate::rules::{self, Severity};

/// What the engine says about a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub requirements: Requirements,
    pub findings: Vec<Finding>,
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

    fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).map(|f| if f.more > 0 { f.more } else { 1 }).sum()
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
    let requirements = requirements(plan, resolved);
    let mut findings = resolved.findings.clone();
    let mut ctx = Ctx { plan, resolved, req: &requirements, out: &mut findings };
    ctx.names();
    ctx.counts();
    ctx.plan_wide();
    ctx.segments();
    ctx.clusters();
    ctx.bridge();
    ctx.other_platform();
    ctx.logical_networks();
    let mut more = BTreeMap::new();
    findings.extend(crate::overlaps::findings(plan, &resolved.claims, &mut more));
    // A rule that fires thousands of times lists the first ones and says how many more.
    let mut listed: HashMap<&'static str, usize> = HashMap::new();
    findings.retain(|f| {
        let n = listed.entry(f.rule).or_default();
        *n += 1;
        if *n > MAX_PER_RULE {
            *more.entry(f.rule).or_default() += 1;
        }
        *n <= MAX_PER_RULE
    });
    findings.extend(more.into_iter().map(|(rule, n)| Finding::more(rule, n)));
    // The platform decides which rules it reports and how severe they are.
    let platform = platform::of(plan);
    findings.retain(|f| platform.reports(f.rule));
    for f in &mut findings {
        f.severity = platform.severity(f.rule, f.severity);
    }
    // Errors first, then catalogue order; within a rule, the order the checks found them.
    findings.sort_by_key(|f| (f.severity, rules::rank(f.rule)));
    Report { requirements, findings }
}

/// The highest VLAN id (IEEE 802.1Q: 4095 is reserved).
const MAX_VLAN: u32 = 4094;

struct Ctx<'a> {
    plan: &'a Plan,
    resolved: &'a Resolved,
    req: &'a Requirements,
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    fn push(&mut self, rule: &'static str, field: String, message: String) {
        self.out.push(Finding::new(rule, field, message, Vec::new()));
    }

    /// `duplicate-name`: each list's names must be non-empty and unique.
    fn names(&mut self) {
        let network = platform::of(self.plan).network_word;
        let segs: Vec<&str> = self.plan.segments.iter().map(|s| s.name.as_str()).collect();
        self.unique_names("", network, "segments", &segs);
        let clusters: Vec<&str> = self.plan.clusters.iter().map(|c| c.name.as_str()).collect();
        self.unique_names("", "cluster", "clusters", &clusters);
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let pools: Vec<&str> = cluster.node_pools.iter().map(|p| p.name.as_str()).collect();
            let owner = format!("{}: ", capitalise(&crate::names::describe(self.plan, &format!("clusters[{c}]"))));
            self.unique_names(&owner, "node pool", &format!("clusters[{c}].node_pools"), &pools);
        }
    }

    /// Names in one list, where `what` is what the list holds and `owner` whose list it is.
    fn unique_names(&mut self, owner: &str, what: &str, list: &str, names: &[&str]) {
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        let lead = |text: String| if owner.is_empty() { capitalise(&text) } else { format!("{owner}{text}") };
        for (i, name) in names.iter().enumerate() {
            let field = format!("{list}[{i}].name");
            if name.trim().is_empty() {
                self.push("duplicate-name", field, lead(format!("{what} {} has no name.", i + 1)));
            } else if let Some(first) = first_at.get(name) {
                self.push("duplicate-name", field,
                    lead(format!("{what} {} is named \"{name}\", like {what} {}; names must differ.", i + 1, first + 1)));
            } else {
                first_at.insert(name, i);
            }
        }
    }

    /// `invalid-count`: control plane node counts and node pools.
    fn counts(&mut self) {
        let platform = platform::of(self.plan);
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            if !platform.control_plane_nodes.contains(&cluster.control_plane_nodes) {
                self.push("invalid-count", format!("clusters[{c}].control_plane_nodes"), format!(
                    "Cluster \"{name}\" has {} control plane nodes; {} allows {}.",
                    cluster.control_plane_nodes, platform.name, platform.control_plane_nodes_text()));
            }
            if cluster.node_pools.is_empty() {
                self.push("invalid-count", format!("clusters[{c}].node_pools"),
                    format!("Cluster \"{name}\" has no node pool; every cluster needs at least one."));
            }
            for (p, pool) in cluster.node_pools.iter().enumerate() {
                if pool.nodes == 0 {
                    self.push("invalid-count", format!("clusters[{c}].node_pools[{p}].nodes"), format!(
                        "Node pool \"{}\" of cluster \"{name}\" has 0 nodes; a node pool needs at least one.", pool.name));
                }
            }
        }
    }

    /// `proxy-unsupported`, `scale-limit`.
    fn plan_wide(&mut self) {
        let platform = platform::of(self.plan);
        if self.plan.proxy && !platform.proxy_supported {
            self.push("proxy-unsupported", "proxy".into(), format!(
                "The plan uses an HTTP proxy, and {} cannot create clusters behind a proxy.", platform.name));
        }
        let n = self.plan.clusters.len();
        if n > platform.max_clusters {
            self.push("scale-limit", "clusters".into(), format!(
                "The plan has {n} clusters; {} supports at most {} per {}.",
                platform.name, platform.max_clusters, platform.max_clusters_per));
        }
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            if let Some(max) = platform.max_node_pools.filter(|&m| cluster.node_pools.len() > m) {
                self.push("scale-limit", format!("clusters[{c}].node_pools"), format!(
                    "Cluster \"{name}\" has {} node pools; {} supports at most {max} per cluster.",
                    cluster.node_pools.len(), platform.name));
            }
            if let Some(max) = platform.max_nodes_per_pool {
                for (p, pool) in cluster.node_pools.iter().enumerate().filter(|(_, p)| p.nodes as u64 > max) {
                    self.push("scale-limit", format!("clusters[{c}].node_pools[{p}].nodes"), format!(
                        "Node pool \"{}\" of cluster \"{name}\" has {} nodes; {} supports at most {max} per node pool.",
                        pool.name, pool.nodes, platform.name));
                }
            }
            let nodes: u64 = cluster.node_pools.iter().map(|p| p.nodes as u64).sum();
            if let Some(max) = platform.max_nodes_per_cluster.filter(|&m| nodes > m) {
                self.push("scale-limit", format!("clusters[{c}].node_pools"), format!(
                    "Cluster \"{name}\" has {nodes} nodes in its node pools; {} supports at most {max} per cluster.",
                    platform.name));
            }
        }
    }

    /// `dhcp-missing`, `dhcp-outside-subnet`, `dhcp-exhausted`, `dhcp-tight`.
    fn segments(&mut self) {
        // Each segment's DHCP claims in plan order, gathered in one pass (not one pass per segment).
        let resolved = self.resolved;
        let mut scopes_of: Vec<Vec<&Claim>> = vec![Vec::new(); self.plan.segments.len()];
        for claim in &resolved.claims {
            if let (ClaimKind::Dhcp, Owner::Segment(s)) = (claim.kind, claim.owner) {
                scopes_of[s].push(claim);
            }
        }
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            let view = &self.resolved.segments[s];
            let req = &self.req.segments[s];
            if seg.dhcp.is_empty() {
                self.push("dhcp-missing", format!("segments[{s}].dhcp"), format!(
                    "Segment \"{name}\" has no DHCP scope; AKS node VMs get their addresses only from DHCP."));
            }
            if let Some(subnet) = view.subnet {
                for claim in &scopes_of[s] {
                    if !subnet.range.contains_range(&claim.range) {
                        let outside = outside_part(&claim.range, &subnet.range);
                        self.out.push(Finding::new("dhcp-outside-subnet", claim.field.clone(), format!(
                            "DHCP scope {} of segment \"{name}\" reaches outside its subnet {}.",
                            claim.range, seg.subnet.trim()), outside));
                    }
                }
            }
            if seg.dhcp.is_empty() {
                continue;
            }
            let avail = req.dhcp_available;
            if avail < req.node_ips_needed as u128 {
                self.push("dhcp-exhausted", format!("segments[{s}].dhcp"), format!(
                    "Segment \"{name}\" has {} free but its clusters' worker nodes need {}.",
                    plural(avail, "DHCP address", "DHCP addresses"), req.node_ips_needed));
            } else if avail < req.node_ips_recommended as u128 {
                self.push("dhcp-tight", format!("segments[{s}].dhcp"), format!(
                    "Segment \"{name}\" has {} free: enough for the worker nodes ({}) but not for the recommended {} (control plane nodes and upgrade nodes too).",
                    plural(avail, "DHCP address", "DHCP addresses"), req.node_ips_needed, req.node_ips_recommended));
            }
        }
    }

    /// `unknown-segment`, `cp-missing`, `cp-outside-subnet`, `lb-outside-subnet`, `subnet-edge`,
    /// `lb-short`.
    fn clusters(&mut self) {
        let mut own: Vec<Vec<&Claim>> = vec![Vec::new(); self.plan.clusters.len()];
        for claim in &self.resolved.claims {
            if let (Owner::Cluster(c), ClaimKind::ControlPlane | ClaimKind::LbPool) = (claim.owner, claim.kind) {
                own[c].push(claim);
            }
        }
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            let seg = self.resolved.cluster_segment[c];
            if seg.is_none() {
                let message = if cluster.segment.trim().is_empty() {
                    format!("Cluster \"{name}\" names no segment.")
                } else {
                    format!("Cluster \"{name}\" names segment \"{}\", which the plan does not have.", cluster.segment)
                };
                self.push("unknown-segment", format!("clusters[{c}].segment"), message);
            }
            if is_blank(cluster.control_plane_ip.as_ref()) {
                self.push("cp-missing", format!("clusters[{c}].control_plane_ip"), format!(
                    "Cluster \"{name}\" has no control plane IP; reserve one static address outside DHCP (Suggest can pick one)."));
            }
            let req = &self.req.clusters[c];
            if req.lb_pool_size < cluster.services as u128 {
                self.push("lb-short", format!("clusters[{c}].lb_pools"), format!(
                    "Cluster \"{name}\" plans {} but its load balancer pools hold {}.",
                    plural(cluster.services, "LoadBalancer service", "LoadBalancer services"),
                    plural(req.lb_pool_size, "address", "addresses")));
            }
            let Some(subnet) = seg.and_then(|s| self.resolved.segments[s].subnet) else { continue };
            let seg_name = &self.plan.segments[seg.unwrap_or(0)].name;
            for claim in &own[c] {
                if !subnet.range.contains_range(&claim.range) {
                    let rule = if claim.kind == ClaimKind::ControlPlane { "cp-outside-subnet" } else { "lb-outside-subnet" };
                    self.out.push(Finding::new(rule, claim.field.clone(), format!(
                        "{} is outside subnet {} of {} \"{seg_name}\", where the nodes answer ARP for it.",
                        capitalise(&claim.label), subnet, platform::of(self.plan).network_word), outside_part(&claim.range, &subnet.range)));
                }
                self.edges(claim, &subnet);
            }
        }
    }

    /// `bridge-invalid`.
    fn bridge(&mut self) {
        let Some(bridge) = &self.plan.resource_bridge else { return };
        if bridge.control_plane_ip.trim().is_empty() {
            self.push("bridge-invalid", "resource_bridge.control_plane_ip".into(),
                "The Arc resource bridge has no control plane IP; it needs one static address besides its two appliance VM IPs.".into());
        }
        let vm = self.resolved.claims.iter().find(|c| c.kind == ClaimKind::BridgeVm);
        let text = bridge.appliance_vm_ips.trim();
        match vm {
            Some(claim) if claim.range.len() != 2 => self.push("bridge-invalid", claim.field.clone(), format!(
                "The Arc resource bridge appliance VM IPs {text} hold {}; it needs exactly two.",
                plural(claim.range.len(), "address", "addresses"))),
            None if text.is_empty() => self.push("bridge-invalid", "resource_bridge.appliance_vm_ips".into(),
                "The Arc resource bridge has no appliance VM IPs; it needs exactly two.".into()),
            _ => {}
        }
        let cp = self.resolved.claims.iter().find(|c| c.kind == ClaimKind::BridgeControlPlane);
        if let (Some(cp), Some(vm)) = (cp, vm) {
            if cp.range.overlaps(&vm.range) {
                self.out.push(Finding::new("bridge-invalid", cp.field.clone(), format!(
                    "The Arc resource bridge control plane IP {} is one of its appliance VM IPs {}; the three must differ.",
                    cp.range, vm.range), vec![cp.range.to_string()]));
            }
        }
    }

    /// `not-applicable`, `lnet-static-only` and `invalid-count` for VLANs: the fields of the
    /// other platform are kept and named, never silently ignored.
    fn other_platform(&mut self) {
        let platform = platform::of(self.plan);
        let pools = platform.uses_ip_pools();
        let not_applicable = |out: &mut Vec<Finding>, field: String, what: &str| {
            out.push(Finding::new("not-applicable", field, format!(
                "{what} is not used on {}; it is kept in the plan and left out of every check.", platform.name), Vec::new()));
        };
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            if pools {
                if !seg.dhcp.is_empty() {
                    self.push("lnet-static-only", format!("segments[{s}].dhcp"), format!(
                        "Logical network \"{name}\" has DHCP scopes; AKS Arc on Azure Local takes static logical networks with IP pools only."));
                    not_applicable(self.out, format!("segments[{s}].dhcp"), &format!("The DHCP scopes of logical network \"{name}\""));
                }
                if seg.dhcp_in_use != 0 {
                    not_applicable(self.out, format!("segments[{s}].dhcp_in_use"), &format!("The DHCP leases in use of logical network \"{name}\""));
                }
            } else {
                if !seg.ip_pools.is_empty() {
                    not_applicable(self.out, format!("segments[{s}].ip_pools"), &format!("The IP pools of segment \"{name}\""));
                }
                if seg.vlan != 0 {
                    not_applicable(self.out, format!("segments[{s}].vlan"), &format!("The VLAN of segment \"{name}\""));
                }
            }
            if seg.vlan > MAX_VLAN {
                self.push("invalid-count", format!("segments[{s}].vlan"), format!(
                    "The VLAN of logical network \"{name}\" is {}; VLAN ids go from 0 (untagged) to {MAX_VLAN}.", seg.vlan));
            }
        }
        match &self.plan.management {
            Some(m) if pools && m.vlan > MAX_VLAN => {
                self.push("invalid-count", "management.vlan".into(), format!(
                    "The VLAN of the management network is {}; VLAN ids go from 0 (untagged) to {MAX_VLAN}.", m.vlan));
            }
            Some(_) if pools => {}
            Some(_) => not_applicable(self.out, "management".into(), "The Azure Local management network"),
            None => {}
        }
        if pools && self.plan.resource_bridge.is_some() {
            not_applicable(self.out, "resource_bridge".into(),
                "The Arc resource bridge's addresses (Azure Local's own bridge lives on the management network)");
        }
    }

    /// Azure Local's logical networks: `gateway-missing`, `gateway-outside-subnet`, `dns-missing`,
    /// `ip-pool-missing`, `ip-pool-outside-subnet`, `ip-pool-exhausted`, `ip-pool-tight`,
    /// `subnet-edge` for pools, `infra-pool-size`.
    fn logical_networks(&mut self) {
        if !platform::of(self.plan).uses_ip_pools() {
            return;
        }
        let used: Vec<bool> = {
            let mut used = vec![false; self.plan.segments.len()];
            self.resolved.cluster_segment.iter().flatten().for_each(|&s| used[s] = true);
            used
        };
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            let subnet = self.resolved.segments[s].subnet;
            if is_blank(seg.gateway.as_ref()) {
                self.push("gateway-missing", format!("segments[{s}].gateway"), format!(
                    "Logical network \"{name}\" has no gateway; AKS Arc needs one inside the prefix."));
            }
            if seg.dns.is_empty() {
                self.push("dns-missing", format!("segments[{s}].dns"), format!(
                    "Logical network \"{name}\" has no DNS server; AKS Arc needs at least one."));
            }
            if seg.ip_pools.is_empty() && used[s] {
                self.push("ip-pool-missing", format!("segments[{s}].ip_pools"), format!(
                    "Logical network \"{name}\" has no IP pool, and clusters use it; their node VMs take addresses only from a pool."));
            }
            let Some(subnet) = subnet else { continue };
            for claim in self.resolved.claims.iter().filter(|c| c.owner == Owner::Segment(s)) {
                let outside = !subnet.range.contains_range(&claim.range);
                match claim.kind {
                    ClaimKind::Gateway if outside => self.out.push(Finding::new("gateway-outside-subnet", claim.field.clone(), format!(
                        "{} is outside the prefix {subnet}.", capitalise(&claim.label)), vec![claim.range.to_string()])),
                    ClaimKind::IpPool => {
                        if outside {
                            self.out.push(Finding::new("ip-pool-outside-subnet", claim.field.clone(), format!(
                                "{} reaches outside the prefix {subnet}.", capitalise(&claim.label)),
                                outside_part(&claim.range, &subnet.range)));
                        }
                        self.edges(claim, &subnet);
                    }
                    _ => {}
                }
            }
            let req = &self.req.segments[s];
            if seg.ip_pools.is_empty() || req.ip_pool_needed == 0 {
                continue;
            }
            let (size, needed) = (req.ip_pool_size, req.ip_pool_needed as u128);
            if size < needed {
                self.push("ip-pool-exhausted", format!("segments[{s}].ip_pools"), format!(
                    "The IP pools of logical network \"{name}\" hold {} but its clusters need {needed} (node VMs, an upgrade node per cluster, automatic control plane IPs).",
                    plural(size, "address", "addresses")));
            } else if size < needed + needed.div_ceil(5) {
                self.push("ip-pool-tight", format!("segments[{s}].ip_pools"), format!(
                    "The IP pools of logical network \"{name}\" hold {size} addresses for the {needed} its clusters need; pools cannot change once the logical network exists, so leave a fifth more ({}) to scale.",
                    needed + needed.div_ceil(5)));
            }
        }
        if let Some(m) = &self.plan.management {
            let infra = self.resolved.claims.iter().find(|c| c.kind == ClaimKind::InfraPool);
            if let Some(infra) = infra {
                let n = infra.range.len();
                if !(6..=255).contains(&n) {
                    self.out.push(Finding::new("infra-pool-size", infra.field.clone(), format!(
                        "The management infrastructure pool {} holds {}; Azure Local needs at least 6 and at most 255.",
                        infra.range, plural(n, "address", "addresses")), Vec::new()));
                }
                if let Some(subnet) = self.resolved.management {
                    if !subnet.range.contains_range(&infra.range) {
                        self.out.push(Finding::new("ip-pool-outside-subnet", infra.field.clone(), format!(
                            "The management infrastructure pool {} reaches outside the management subnet {}.", infra.range, m.subnet.trim()),
                            outside_part(&infra.range, &subnet.range)));
                    } else {
                        self.edges(infra, &subnet);
                    }
                }
            }
        }
    }

    /// `subnet-edge`: a claim that takes its subnet's network or broadcast address.
    fn edges(&mut self, claim: &Claim, subnet: &Subnet) {
        let Some((network, broadcast)) = subnet.edges() else { return };
        let edges: Vec<u128> = [network, broadcast].into_iter().filter(|&a| claim.range.contains(subnet.range.family, a)).collect();
        if edges.is_empty() {
            return;
        }
        let addresses: Vec<String> = edges.iter().map(|&a| AddrRange::single(subnet.range.family, a).to_string()).collect();
        self.out.push(Finding::new("subnet-edge", claim.field.clone(), format!(
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
