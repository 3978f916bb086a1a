//! The checks every platform runs (`CheckGroup::Plan`): names, counts, scale limits, each
//! cluster's own addresses, and the fields of another platform, kept but named; with the
//! proxy and the control plane IP where the platform has those groups.

use std::collections::HashMap;

use super::{outside_part, Ctx};
use crate::claims::{is_blank, Claim, ClaimKind, Owner};
use crate::finding::Finding;
use crate::names::{capitalise, plural};
use crate::platform::{NodeAddresses, ResourceBridge};
use crate::rules::{CheckGroup, RuleId};

/// The highest VLAN id (IEEE 802.1Q: 4095 is reserved).
pub(super) const MAX_VLAN: u32 = 4094;

impl Ctx<'_> {
    pub(super) fn plan_checks(&mut self) {
        self.names();
        self.counts();
        self.plan_wide();
        self.clusters();
        self.other_platform();
    }

    /// `duplicate-name`: each list's names must be non-empty and unique.
    fn names(&mut self) {
        let network = self.platform.words.network;
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
                self.push(RuleId::DuplicateName, field, lead(format!("{what} {} has no name.", i + 1)));
            } else if let Some(first) = first_at.get(name) {
                self.push(RuleId::DuplicateName, field,
                    lead(format!("{what} {} is named \"{name}\", like {what} {}; names must differ.", i + 1, first + 1)));
            } else {
                first_at.insert(name, i);
            }
        }
    }

    /// `invalid-count`: control plane node counts and node pools (a single machine's sizes are
    /// `single-node-only`'s).
    fn counts(&mut self) {
        let platform = self.platform;
        if platform.has(CheckGroup::SingleMachine) {
            return;
        }
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            if !platform.allows_control_plane_nodes(cluster.control_plane_nodes) {
                self.push(RuleId::InvalidCount, format!("clusters[{c}].control_plane_nodes"), format!(
                    "Cluster \"{name}\" has {} control plane nodes; {} allows {}.",
                    cluster.control_plane_nodes, platform.name, platform.control_plane_nodes_text()));
            }
            if cluster.node_pools.is_empty() {
                self.push(RuleId::InvalidCount, format!("clusters[{c}].node_pools"),
                    format!("Cluster \"{name}\" has no node pool; every cluster needs at least one."));
            }
            for (p, pool) in cluster.node_pools.iter().enumerate() {
                if pool.nodes == 0 {
                    self.push(RuleId::InvalidCount, format!("clusters[{c}].node_pools[{p}].nodes"), format!(
                        "Node pool \"{}\" of cluster \"{name}\" has 0 nodes; a node pool needs at least one.", pool.name));
                }
            }
        }
    }

    /// `proxy-unsupported`, `region-unsupported`, `name-invalid`, `subnet-too-small` (each
    /// where the platform has its group), `scale-limit`.
    fn plan_wide(&mut self) {
        let platform = self.platform;
        if platform.has(CheckGroup::Proxy) && self.plan.proxy && !platform.proxy_supported {
            self.push(RuleId::ProxyUnsupported, "proxy".into(), format!(
                "The plan uses an HTTP proxy, and {} cannot create clusters behind a proxy.", platform.name));
        }
        let region = self.plan.region.trim();
        if platform.has(CheckGroup::Regions) && !platform.regions.iter().any(|r| r.eq_ignore_ascii_case(region)) {
            self.push(RuleId::RegionUnsupported, "region".into(), format!(
                "The plan's region is \"{region}\"; {} is offered in {} only.", platform.name, platform.regions.join(", ")));
        }
        if let Some(rule) = platform.cluster_names.filter(|_| platform.has(CheckGroup::ClusterNames)) {
            for (c, cluster) in self.plan.clusters.iter().enumerate().filter(|(_, c)| !rule.allows(&c.name)) {
                self.push(RuleId::NameInvalid, format!("clusters[{c}].name"), format!(
                    "Cluster \"{}\" cannot be created on {}: a name has 1 to {} letters, digits, - or _, and starts and ends with a letter or digit.",
                    cluster.name, platform.name, rule.max));
            }
        }
        if let Some(longest) = platform.smallest_network.filter(|_| platform.has(CheckGroup::MinimumPrefix)) {
            let network = platform.words.network;
            for (s, view) in self.resolved.segments.iter().enumerate() {
                let Some(subnet) = view.subnet.filter(|sub| sub.prefix > longest) else { continue };
                self.push(RuleId::SubnetTooSmall, format!("segments[{s}].subnet"), format!(
                    "{} \"{}\" has the prefix {subnet}; {} needs /{longest} or larger ({} addresses at least).",
                    capitalise(network), self.plan.segments[s].name, platform.name, 1u64 << (32 - longest.min(32))));
            }
        }
        let limits = &platform.limits;
        let n = self.plan.clusters.len();
        if let Some(max) = limits.clusters.filter(|&max| n > max) {
            self.push(RuleId::ScaleLimit, "clusters".into(), format!(
                "The plan has {n} clusters; {} supports at most {max} per {}.", platform.name, limits.clusters_per));
        }
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            if let Some(max) = limits.node_pools.filter(|&m| cluster.node_pools.len() > m) {
                self.push(RuleId::ScaleLimit, format!("clusters[{c}].node_pools"), format!(
                    "Cluster \"{name}\" has {} node pools; {} supports at most {max} per cluster.",
                    cluster.node_pools.len(), platform.name));
            }
            if let Some(max) = limits.nodes_per_pool {
                for (p, pool) in cluster.node_pools.iter().enumerate().filter(|(_, p)| p.nodes as u64 > max) {
                    self.push(RuleId::ScaleLimit, format!("clusters[{c}].node_pools[{p}].nodes"), format!(
                        "Node pool \"{}\" of cluster \"{name}\" has {} nodes; {} supports at most {max} per node pool.",
                        pool.name, pool.nodes, platform.name));
                }
            }
            let nodes: u64 = cluster.node_pools.iter().map(|p| p.nodes as u64).sum();
            if let Some(max) = limits.nodes_per_cluster.filter(|&m| nodes > m) {
                self.push(RuleId::ScaleLimit, format!("clusters[{c}].node_pools"), format!(
                    "Cluster \"{name}\" has {nodes} nodes in its node pools; {} supports at most {max} per cluster.",
                    platform.name));
            }
        }
    }

    /// `unknown-segment`, `cp-missing` (where the platform has the group), `cp-outside-subnet`,
    /// `lb-outside-subnet`, `subnet-edge`, `lb-short`.
    fn clusters(&mut self) {
        let mut own: Vec<Vec<&Claim>> = vec![Vec::new(); self.plan.clusters.len()];
        for claim in &self.resolved.claims {
            if let (Owner::Cluster(c), ClaimKind::ControlPlane | ClaimKind::LbPool) = (claim.owner, claim.kind) {
                own[c].push(claim);
            }
        }
        let network = self.platform.words.network;
        let cp_required = self.platform.has(CheckGroup::ControlPlaneIp);
        let cp_assigned = self.platform.has(CheckGroup::AssignedControlPlaneIp);
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            let seg = self.resolved.cluster_segment[c];
            if seg.is_none() {
                let message = if cluster.segment.trim().is_empty() {
                    format!("Cluster \"{name}\" names no segment.")
                } else {
                    format!("Cluster \"{name}\" names segment \"{}\", which the plan does not have.", cluster.segment)
                };
                self.push(RuleId::UnknownSegment, format!("clusters[{c}].segment"), message);
            }
            if cp_assigned && !is_blank(cluster.control_plane_ip.as_ref()) {
                self.push(RuleId::CpNotSupported, format!("clusters[{c}].control_plane_ip"), format!(
                    "Cluster \"{name}\" gives the control plane IP {}; {} always assigns it from the IP pool, so leave it blank.",
                    cluster.control_plane_ip.as_deref().unwrap_or_default().trim(), self.platform.name));
            }
            if cp_required && is_blank(cluster.control_plane_ip.as_ref()) {
                self.push(RuleId::CpMissing, format!("clusters[{c}].control_plane_ip"), format!(
                    "Cluster \"{name}\" has no control plane IP; reserve one static address outside {} (Suggest can pick one).",
                    self.platform.words.static_outside));
            }
            let req = &self.req.clusters[c];
            if self.platform.load_balancers && req.lb_pool_size < cluster.services as u128 {
                self.push(RuleId::LbShort, format!("clusters[{c}].lb_pools"), format!(
                    "Cluster \"{name}\" plans {} but its load balancer pools hold {}.",
                    plural(cluster.services, "LoadBalancer service", "LoadBalancer services"),
                    plural(req.lb_pool_size, "address", "addresses")));
            }
            let Some(subnet) = seg.and_then(|s| self.resolved.segments[s].subnet) else { continue };
            let seg_name = &self.plan.segments[seg.unwrap_or(0)].name;
            for claim in &own[c] {
                if !subnet.range.contains_range(&claim.range) {
                    let rule = if claim.kind == ClaimKind::ControlPlane { RuleId::CpOutsideSubnet } else { RuleId::LbOutsideSubnet };
                    self.out.push(Finding::new(rule, claim.field.clone(), format!(
                        "{} is outside subnet {} of {network} \"{seg_name}\", where the nodes answer ARP for it.",
                        capitalise(&claim.label), subnet), outside_part(&claim.range, &subnet.range)));
                }
                self.edges(claim, &subnet);
            }
        }
    }

    /// `not-applicable` and `invalid-count` for VLANs: the fields of another platform are kept
    /// and named, never silently ignored.
    fn other_platform(&mut self) {
        let platform = self.platform;
        let not_applicable = |out: &mut Vec<Finding>, field: String, what: &str| {
            out.push(Finding::new(RuleId::NotApplicable, field, format!(
                "{what} is not used on {}; it is kept in the plan and left out of every check.", platform.name), Vec::new()));
        };
        let network = platform.words.network;
        for (s, seg) in self.plan.segments.iter().enumerate() {
            let name = &seg.name;
            if !platform.node_addresses.dhcp_scopes() && !seg.dhcp.is_empty() {
                not_applicable(self.out, format!("segments[{s}].dhcp"), &format!("The DHCP scopes of {network} \"{name}\""));
            }
            if platform.node_addresses != NodeAddresses::Dhcp && seg.dhcp_in_use != 0 {
                not_applicable(self.out, format!("segments[{s}].dhcp_in_use"), &format!("The DHCP leases in use of {network} \"{name}\""));
            }
            if platform.node_addresses != NodeAddresses::IpPools && !seg.ip_pools.is_empty() {
                not_applicable(self.out, format!("segments[{s}].ip_pools"), &format!("The IP pools of {network} \"{name}\""));
            }
            if !platform.fabric_networks && !is_blank(seg.fabric_network.as_ref()) {
                not_applicable(self.out, format!("segments[{s}].fabric_network"), &format!("The fabric network of {network} \"{name}\""));
            }
            if !platform.vlans && seg.vlan != 0 {
                not_applicable(self.out, format!("segments[{s}].vlan"), &format!("The VLAN of {network} \"{name}\""));
            }
            if seg.vlan > MAX_VLAN {
                self.push(RuleId::InvalidCount, format!("segments[{s}].vlan"), format!(
                    "The VLAN of {network} \"{name}\" is {}; VLAN ids go from 0 (untagged) to {MAX_VLAN}.", seg.vlan));
            }
        }
        if !platform.load_balancers {
            for (c, cluster) in self.plan.clusters.iter().enumerate() {
                if cluster.services != 0 {
                    not_applicable(self.out, format!("clusters[{c}].services"), &format!("The LoadBalancer services of cluster \"{}\" (use NodePort)", cluster.name));
                }
                if !cluster.lb_pools.is_empty() {
                    not_applicable(self.out, format!("clusters[{c}].lb_pools"), &format!("The load balancer ranges of cluster \"{}\"", cluster.name));
                }
            }
        }
        if platform.node_addresses != NodeAddresses::Host {
            for (c, cluster) in self.plan.clusters.iter().enumerate().filter(|(_, c)| !is_blank(c.host_ip.as_ref())) {
                not_applicable(self.out, format!("clusters[{c}].host_ip"), &format!("The host IP of cluster \"{}\"", cluster.name));
            }
        }
        if platform.management.is_none() && self.plan.management.is_some() {
            not_applicable(self.out, "management".into(), "The management network");
        }
        if let (ResourceBridge::Elsewhere(where_), Some(_)) = (platform.resource_bridge, &self.plan.resource_bridge) {
            not_applicable(self.out, "resource_bridge".into(), &format!("The Arc resource bridge's addresses ({where_})"));
        }
    }
}
