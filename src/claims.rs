//! Turns the plan's address text into claims: parsed ranges that know which field they came
//! from, what kind of address they are, and whom they belong to.
//!
//! Every later step (requirements, the overlap sweep, Suggest, exports) works on claims only, so
//! the text is parsed once and every parse failure becomes exactly one `invalid-address` finding.

use std::collections::HashMap;

use crate::addr::{parse_set, parse_single, parse_subnet, AddrError, AddrRange, Family, Subnet};
use crate::finding::Finding;
use crate::model::Plan;
use crate::platform::{self, ControlPlaneIp, NodeAddresses, Platform, ResourceBridge};
use crate::rules::RuleId;

/// What an address is used for. The pair of kinds decides which rule an overlap breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    Subnet,
    Gateway,
    Dns,
    Dhcp,
    Reserved,
    BridgeControlPlane,
    BridgeVm,
    ControlPlane,
    LbPool,
    /// 10.244.0.0/16 and 10.96.0.0/12, used inside the resource bridge and the clusters.
    Internal,
    /// Azure Local: a logical network's IP pool.
    IpPool,
    /// Azure Local: the management network's infrastructure pool.
    InfraPool,
    /// Bare metal: the address of the machine a cluster runs on.
    Host,
}

impl ClaimKind {
    /// Addresses that must be static and exclusive: the things a DHCP scope must leave alone.
    pub fn is_static_host(self) -> bool {
        matches!(self, ClaimKind::ControlPlane | ClaimKind::LbPool | ClaimKind::BridgeControlPlane | ClaimKind::BridgeVm)
    }

    /// What a list of addresses calls it (the xlsx export's Addresses sheet).
    ///
    /// ```
    /// use aksarc_netplan::claims::ClaimKind;
    /// assert_eq!(ClaimKind::LbPool.word(), "load balancer pool");
    /// ```
    pub fn word(self) -> &'static str {
        match self {
            ClaimKind::Subnet => "subnet",
            ClaimKind::Gateway => "gateway",
            ClaimKind::Dns => "DNS server",
            ClaimKind::Dhcp => "DHCP scope",
            ClaimKind::Reserved => "reserved",
            ClaimKind::BridgeControlPlane => "resource bridge control plane IP",
            ClaimKind::BridgeVm => "resource bridge appliance VM IPs",
            ClaimKind::ControlPlane => "control plane IP",
            ClaimKind::LbPool => "load balancer pool",
            ClaimKind::Internal => "internal range",
            ClaimKind::IpPool => "IP pool",
            ClaimKind::InfraPool => "infrastructure pool",
            ClaimKind::Host => "machine address",
        }
    }
}

/// Who a claim belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Segment(usize),
    Cluster(usize),
    Reserved(usize),
    Bridge,
    Internal,
    /// Azure Local's management network.
    Management,
}

/// One parsed address set of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub owner: Owner,
    pub range: AddrRange,
    /// Path of the input field, as findings report it: `clusters[1].lb_pools[0]`.
    pub field: String,
    /// How a message names it: `load balancer pool 10.20.0.30-10.20.0.39 of cluster "prod"`.
    pub label: String,
}

/// A segment's parsed subnet and DHCP scopes.
#[derive(Clone, Debug, Default)]
pub struct SegmentView {
    pub subnet: Option<Subnet>,
    pub dhcp: Vec<AddrRange>,
    /// Azure Local: the IP pools that parsed.
    pub ip_pools: Vec<AddrRange>,
}

/// The plan with its address text parsed.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub segments: Vec<SegmentView>,
    /// For each cluster, the index of the segment it names, when that segment exists.
    pub cluster_segment: Vec<Option<usize>>,
    pub claims: Vec<Claim>,
    /// `invalid-address` findings, one per refused text.
    pub findings: Vec<Finding>,
    /// Azure Local: the management network's subnet, when it parsed.
    pub management: Option<Subnet>,
}

impl Resolved {
    /// Each cluster's load balancer pools that parsed, indexed like `plan.clusters`.
    pub fn lb_pools(&self) -> Vec<Vec<AddrRange>> {
        let mut pools = vec![Vec::new(); self.cluster_segment.len()];
        for claim in &self.claims {
            if let (ClaimKind::LbPool, Owner::Cluster(c)) = (claim.kind, claim.owner) {
                pools[c].push(claim.range);
            }
        }
        pools
    }
}

struct Builder<'p> {
    plan: &'p Plan,
    platform: &'static Platform,
    out: Resolved,
}

/// Blank single-address fields mean "not chosen yet", the state Suggest fills.
pub fn is_blank(text: Option<&String>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}

impl<'p> Builder<'p> {
    /// The field as a message starts it: "Cluster prod: control plane IP".
    fn named(&self, field: &str) -> String {
        crate::names::capitalise(&crate::names::describe(self.plan, field))
    }

    fn invalid(&mut self, field: &str, err: &AddrError) {
        let message = format!("{} {err}.", self.named(field));
        self.out.findings.push(Finding::new(RuleId::InvalidAddress, field.to_string(), message, Vec::new()));
    }

    /// Parses `text`, checks its family against `family` and records it as a claim.
    #[allow(clippy::too_many_arguments)]
    fn claim(
        &mut self,
        text: &str,
        single: bool,
        family: Option<Family>,
        kind: ClaimKind,
        owner: Owner,
        field: String,
        label: impl FnOnce(&AddrRange) -> String,
    ) -> Option<AddrRange> {
        let parsed = if single { parse_single(text) } else { parse_set(text) };
        match parsed {
            Err(e) => {
                self.invalid(&field, &e);
                None
            }
            Ok(range) => {
                if self.platform.ipv4_only && range.family == Family::V6 {
                    self.ipv6_refused(&field, text);
                    return None;
                }
                if let Some(f) = family.filter(|f| *f != range.family) {
                    self.out.findings.push(Finding::new(
                        RuleId::InvalidAddress,
                        field.clone(),
                        format!(
                            "{} is {} ({}) but its {}'s subnet is {}.",
                            self.named(&field),
                            range.family.name(),
                            text.trim(),
                            self.platform.words.network,
                            f.name()
                        ),
                        Vec::new(),
                    ));
                    return None;
                }
                let label = label(&range);
                self.out.claims.push(Claim { kind, owner, range, field, label });
                Some(range)
            }
        }
    }

    fn ipv6_refused(&mut self, field: &str, text: &str) {
        let message = format!("{} is IPv6 ({}); {} takes IPv4 addresses only.", self.named(field), text.trim(), self.platform.name);
        self.out.findings.push(Finding::new(RuleId::InvalidAddress, field.to_string(), message, Vec::new()));
    }

    fn segments(&mut self) {
        let word = self.platform.words.network;
        for (i, seg) in self.plan.segments.iter().enumerate() {
            let name = quoted(&seg.name);
            let field = format!("segments[{i}].subnet");
            let subnet = match parse_subnet(&seg.subnet) {
                Ok(s) if self.platform.ipv4_only && s.range.family == Family::V6 => {
                    self.ipv6_refused(&field, &seg.subnet);
                    None
                }
                Ok(s) => {
                    self.out.claims.push(Claim {
                        kind: ClaimKind::Subnet,
                        owner: Owner::Segment(i),
                        range: s.range,
                        field,
                        label: format!("subnet {} of {word} {name}", seg.subnet.trim()),
                    });
                    Some(s)
                }
                Err(e) => {
                    self.invalid(&field, &e);
                    None
                }
            };
            let family = subnet.map(|s| s.range.family);
            if let Some(gw) = seg.gateway.as_ref().filter(|g| !g.trim().is_empty()) {
                self.claim(gw, true, family, ClaimKind::Gateway, Owner::Segment(i), format!("segments[{i}].gateway"),
                    |r| format!("gateway {r} of {word} {name}"));
            }
            for (k, dns) in seg.dns.iter().enumerate() {
                self.claim(dns, true, family, ClaimKind::Dns, Owner::Segment(i), format!("segments[{i}].dns[{k}]"),
                    |r| format!("DNS server {r} of {word} {name}"));
            }
            // Only the platform's own way of addressing nodes makes claims; the other's fields are
            // kept and reported as not applicable.
            let mut dhcp = Vec::new();
            let mut ip_pools = Vec::new();
            match self.platform.node_addresses {
                NodeAddresses::Dhcp | NodeAddresses::Host => {
                    for (k, scope) in seg.dhcp.iter().enumerate() {
                        if let Some(r) = self.claim(scope, false, family, ClaimKind::Dhcp, Owner::Segment(i),
                            format!("segments[{i}].dhcp[{k}]"), |r| format!("DHCP scope {r} of {word} {name}"))
                        {
                            dhcp.push(r);
                        }
                    }
                }
                NodeAddresses::IpPools => {
                    for (k, pool) in seg.ip_pools.iter().enumerate() {
                        if let Some(r) = self.claim(pool, false, family, ClaimKind::IpPool, Owner::Segment(i),
                            format!("segments[{i}].ip_pools[{k}]"), |r| format!("IP pool {r} of {word} {name}"))
                        {
                            ip_pools.push(r);
                        }
                    }
                }
            }
            self.out.segments.push(SegmentView { subnet, dhcp, ip_pools });
        }
    }

    fn reserved(&mut self) {
        for (i, entry) in self.plan.reserved.iter().enumerate() {
            let name = quoted(&entry.name);
            self.claim(&entry.addresses, false, None, ClaimKind::Reserved, Owner::Reserved(i),
                format!("reserved[{i}].addresses"), |r| format!("reserved entry {name} ({r})"));
        }
    }

    fn bridge(&mut self) {
        // Where the platform keeps its own bridge elsewhere, the plan's is not on its networks.
        if self.platform.resource_bridge != ResourceBridge::InPlan {
            return;
        }
        let Some(bridge) = &self.plan.resource_bridge else { return };
        if !bridge.control_plane_ip.trim().is_empty() {
            self.claim(&bridge.control_plane_ip, true, None, ClaimKind::BridgeControlPlane, Owner::Bridge,
                "resource_bridge.control_plane_ip".into(),
                |r| format!("the Arc resource bridge control plane IP {r}"));
        }
        if !bridge.appliance_vm_ips.trim().is_empty() {
            self.claim(&bridge.appliance_vm_ips, false, None, ClaimKind::BridgeVm, Owner::Bridge,
                "resource_bridge.appliance_vm_ips".into(),
                |r| format!("the Arc resource bridge appliance VM IPs {r}"));
        }
    }

    fn clusters(&mut self) {
        // Segment names to indexes; with repeated names the first segment wins, as a scan would.
        let mut by_name: HashMap<&str, usize> = HashMap::with_capacity(self.plan.segments.len());
        for (s, seg) in self.plan.segments.iter().enumerate() {
            by_name.entry(seg.name.as_str()).or_insert(s);
        }
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let seg = by_name.get(cluster.segment.as_str()).copied();
            self.out.cluster_segment.push(seg);
            let family = seg.and_then(|s| self.out.segments[s].subnet).map(|s| s.range.family);
            let name = quoted(&cluster.name);
            // Where the platform assigns every control plane IP, a typed one is refused
            // (`cp-not-supported`) and takes no address.
            let mut cp = None;
            if let Some(text) = cluster.control_plane_ip.as_ref().filter(|t| !t.trim().is_empty()) {
                if self.platform.control_plane_ip != ControlPlaneIp::Assigned {
                    cp = self.claim(text, true, family, ClaimKind::ControlPlane, Owner::Cluster(c),
                        format!("clusters[{c}].control_plane_ip"),
                        |r| format!("control plane IP {r} of cluster {name}"));
                }
            }
            // The machine's address; a control plane IP typed as that same address is one claim.
            if let Some(text) = cluster.host_ip.as_ref().filter(|t| !t.trim().is_empty()) {
                let same = cp.is_some() && parse_single(text).ok() == cp;
                if self.platform.node_addresses == NodeAddresses::Host && !same {
                    self.claim(text, true, family, ClaimKind::Host, Owner::Cluster(c),
                        format!("clusters[{c}].host_ip"),
                        |r| format!("host IP {r} of cluster {name}"));
                }
            }
            for (k, pool) in cluster.lb_pools.iter().enumerate().filter(|_| self.platform.load_balancers) {
                self.claim(pool, false, family, ClaimKind::LbPool, Owner::Cluster(c),
                    format!("clusters[{c}].lb_pools[{k}]"),
                    |r| format!("load balancer pool {r} of cluster {name}"));
            }
        }
    }

    /// The management network, where the platform has one: its subnet and infrastructure pool.
    fn management(&mut self) {
        let Some(m) = self.plan.management.as_ref().filter(|_| self.platform.management.is_some()) else {
            return;
        };
        let mut family = None;
        if !m.subnet.trim().is_empty() {
            match parse_subnet(&m.subnet) {
                Ok(s) if s.range.family == Family::V6 => self.ipv6_refused("management.subnet", &m.subnet),
                Ok(s) => {
                    family = Some(s.range.family);
                    self.out.management = Some(s);
                    self.out.claims.push(Claim {
                        kind: ClaimKind::Subnet,
                        owner: Owner::Management,
                        range: s.range,
                        field: "management.subnet".into(),
                        label: format!("management subnet {}", m.subnet.trim()),
                    });
                }
                Err(e) => self.invalid("management.subnet", &e),
            }
        }
        if !m.infra_pool.trim().is_empty() {
            self.claim(&m.infra_pool, false, family, ClaimKind::InfraPool, Owner::Management, "management.infra_pool".into(),
                |r| format!("the management infrastructure pool {r}"));
        }
    }

    fn internal(&mut self) {
        for r in platform::of(self.plan).internal_ranges {
            self.out.claims.push(Claim {
                kind: ClaimKind::Internal,
                owner: Owner::Internal,
                range: AddrRange { family: Family::V4, start: r.start, end: r.end },
                field: String::new(),
                label: r.label.to_string(),
            });
        }
    }
}

/// Parses every address text of the plan.
pub fn resolve(plan: &Plan) -> Resolved {
    let mut b = Builder { plan, platform: platform::of(plan), out: Resolved::default() };
    b.segments();
    b.reserved();
    b.bridge();
    b.clusters();
    b.management();
    b.internal();
    b.out
}
