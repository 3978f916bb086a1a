//! What the engine knows about the platform a plan deploys to, as data.
//!
//! Each platform is one [`Platform`] value in a file of its own (`vmware.rs`, `azure_local.rs`),
//! built on the shared defaults of [`base::BASE`] and overriding only what differs: its limits,
//! the control plane sizes it allows, the check groups it opts into, how its nodes get
//! addresses, its words, its exports. The engine and the page ask these facts and never match
//! on a platform's name, so a new platform is a new file with its facts (and a variant in
//! `model::PlatformId`), in the manner of rustc's target specifications.

pub mod azure_local;
pub mod bare_metal;
pub mod base;
pub mod multi_rack;
pub mod vmware;

use crate::model::{Plan, PlatformId};
use crate::rules::{CheckGroup, RuleId, Severity};

/// The facts of one platform.
#[derive(Debug, PartialEq, Eq)]
pub struct Platform {
    /// The value of the plan's `platform` field.
    pub id: PlatformId,
    /// How a sentence names it: "AKS on VMware".
    pub name: &'static str,
    /// How a file header names the product: "AKS enabled by Azure Arc on VMware".
    pub product: &'static str,
    /// When and how Microsoft retired it, for the picker and the note over its plans; `None`
    /// while it is offered.
    pub retired: Option<Retired>,
    /// Whether Microsoft offers it as a preview.
    pub preview: bool,
    /// The check groups whose rules this platform runs and reports (opt-in).
    pub checks: &'static [CheckGroup],
    /// Rules of its groups this platform reports otherwise than the catalogue: as errors, as
    /// warnings, or not at all.
    pub overrides: &'static [(RuleId, Reported)],
    /// Control plane node counts a cluster may have, lowest first (the editor's choices).
    pub control_plane_nodes: &'static [u32],
    /// Whether any odd count is allowed, beyond those listed (etcd's quorum is the only bound).
    pub control_plane_any_odd: bool,
    /// Whether the plan must give each cluster's control plane IP or the platform takes one.
    pub control_plane_ip: ControlPlaneIp,
    /// Scale limits, where documented.
    pub limits: Limits,
    /// Whether clusters can be created behind an HTTP proxy.
    pub proxy_supported: bool,
    /// Whether clusters can have LoadBalancer services with MetalLB address ranges
    /// (`services`, `lb_pools`).
    pub load_balancers: bool,
    /// Ranges the clusters use inside (pods, services) that no address of the plan may overlap.
    pub internal_ranges: &'static [InternalRange],
    /// Where node VMs get their addresses.
    pub node_addresses: NodeAddresses,
    /// What the minimum of the node IPs counts.
    pub node_ips: NodeIps,
    /// How much room a node-address pool keeps beyond what its clusters need (IP pools).
    pub pool_headroom: PoolHeadroom,
    /// Without an IP pool, whether node VMs take addresses from the whole prefix (else cluster
    /// creation fails: `ip-pool-missing`).
    pub pools_optional: bool,
    /// The longest prefix length a network may have (28: at least 16 addresses), where the
    /// platform sets one.
    pub smallest_network: Option<u8>,
    /// Whether networks are created on a rack fabric's Layer 3 internal network
    /// (`fabric_network`): no gateway or VM switch given at creation.
    pub fabric_networks: bool,
    /// The regions the platform is offered in; empty for every region.
    pub regions: &'static [&'static str],
    /// The rule cluster names must follow, where the platform's templates check one.
    pub cluster_names: Option<NameRule>,
    /// Whether the platform's networks take IPv4 only.
    pub ipv4_only: bool,
    /// Whether its networks carry a VLAN id.
    pub vlans: bool,
    /// Where the Arc resource bridge lives.
    pub resource_bridge: ResourceBridge,
    /// The management network and its infrastructure pool, where the plan has one.
    pub management: Option<ManagementNetwork>,
    /// How the page, the messages and the files name things on this platform.
    pub words: Words,
    /// The firewall list this platform's checklist is built from.
    pub firewall: FirewallList,
    /// Where MetalLB's `IPAddressPool` and `L2Advertisement` objects live.
    pub metallb_namespace: &'static str,
    /// The platform-specific export families it offers (beyond those every plan gets).
    pub exports: &'static [ExportFamily],
    /// The platform a plan of this one can be moved to without losing an address.
    pub converts_to: Option<PlatformId>,
    /// Its worked example, a plan file.
    pub example: Example,
    /// What the totals table calls its lines, and why each is what it is.
    pub figures: FigureTexts,
}

/// Microsoft's retirement of a platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retired {
    /// When, for the picker: "16 March 2026".
    pub on: &'static str,
    /// The note the page shows over a plan of it: what happened, what Microsoft recommends,
    /// and where it says so.
    pub note: &'static str,
}

/// Whether a cluster's control plane IP is the plan's to give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlPlaneIp {
    /// Every cluster needs one in the plan (`cp-missing` otherwise).
    Required,
    /// Optional: left blank, the platform takes one from the network's IP pool.
    FromPool,
    /// Always taken from the network's IP pool by the platform: the plan may not give one
    /// (`cp-not-supported`).
    Assigned,
    /// Optional: left blank, it is the machine's own address (`host_ip`).
    HostWhenBlank,
}

/// How a platform reports a rule of its groups otherwise than the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reported {
    Error,
    Warning,
    Not,
}

/// A naming rule: at most `max` characters, letters, digits, `-` and `_`, starting and ending
/// with a letter or digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRule {
    pub max: usize,
}

impl NameRule {
    /// Whether `name` follows the rule (an empty name is `duplicate-name`'s business).
    pub fn allows(self, name: &str) -> bool {
        let ends = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        name.is_empty()
            || (name.len() <= self.max
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && ends(name.chars().next())
                && ends(name.chars().last()))
    }
}

/// The most clusters, node pools and nodes a platform supports, where its pages say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most clusters, and what they are counted against ("vSphere cluster").
    pub clusters: Option<usize>,
    pub clusters_per: &'static str,
    pub node_pools: Option<usize>,
    pub nodes_per_pool: Option<u64>,
    pub nodes_per_cluster: Option<u64>,
}

/// What the minimum node IP figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeIps {
    /// One per worker node (the AKS on VMware page's minimum); the recommended figure adds the
    /// control plane node VMs and one upgrade node per cluster.
    Workers,
    /// Every node VM, control plane or worker, and one upgrade node per cluster, as Microsoft's
    /// IP address planning counts its minimum; the recommended figure is the same.
    NodeVmsAndUpgrade,
    /// One per cluster: the machine it runs on.
    Machines,
}

/// A share, as a fraction 1/`divisor` with the words a message uses for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub divisor: u64,
    /// "a fifth".
    pub words: &'static str,
}

impl Share {
    /// The share of `n`, rounded up. In `u64`: a division of `u128`s would bring its own
    /// routine into the page.
    pub fn of(self, n: u64) -> u64 {
        n.div_ceil(self.divisor)
    }
}

/// The room an IP pool should keep beyond what its clusters need, since a logical network's
/// pools cannot change once it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolHeadroom {
    /// Below this much more, `ip-pool-tight` warns.
    pub warn_below: Share,
    /// What Suggest adds when it makes a pool, more than the warning's, so its own pool passes.
    pub suggest: Share,
}

/// Where the Arc resource bridge lives on a platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceBridge {
    /// On the plan's networks, with addresses the plan gives (`resource_bridge`).
    InPlan,
    /// The platform's own, outside the plan's networks; says where, for the finding that a
    /// plan's `resource_bridge` is not used.
    Elsewhere(&'static str),
}

/// The management network of a platform that has one in the plan (`management`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ManagementNetwork {
    /// The fewest and most addresses its infrastructure pool may hold.
    pub infra_pool_min: u128,
    pub infra_pool_max: u128,
    /// What the page says it is for.
    pub intro: &'static str,
}

/// How the page and the messages name things on a platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    /// The platform in a picker, a button or a sentence's subject: "Azure Local".
    pub short: &'static str,
    /// What a `segments[]` entry is called: "segment", "logical network".
    pub network: &'static str,
    /// The heading of the list of networks on the page.
    pub networks_heading: &'static str,
    /// What the page says the networks are, under that heading.
    pub networks_intro: &'static str,
    /// What a network's address range is called: "subnet", "address prefix".
    pub subnet: &'static str,
    /// Where a static address (control plane, load balancer) must stay out of: "DHCP".
    pub static_outside: &'static str,
    /// What the page says about the proxy when the plan uses one, where the platform supports it.
    pub proxy_note: Option<&'static str>,
    /// What a blank control plane IP means, as the page's placeholder says it.
    pub blank_control_plane_ip: &'static str,
    /// The Microsoft pages the platform's facts come from, as the page's footer names them.
    pub sources: &'static str,
}

/// A worked example of the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The plan file.
    pub json: &'static str,
    /// The page's button for it: its id and its label, and what the page says once loaded.
    pub button_id: &'static str,
    pub button: &'static str,
    pub loaded: &'static str,
}

/// Exports that only some platforms offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFamily {
    /// The DHCP server's exclusions (`dhcp-exclusions`, `dhcp-ps1`): nodes lease their addresses.
    DhcpExclusions,
    /// The deployment of Azure Local's objects: the Azure CLI scripts (`az-lnet`, `az-aksarc`,
    /// `az-lb`) and the ARM template (`arm`).
    AzureLocalCli,
    /// The `NO_PROXY` value for a plan behind a proxy (`no-proxy`).
    NoProxy,
    /// A Bicep parameters file per cluster (`bicepparam`).
    BicepParams,
}

impl ExportFamily {
    /// Whether its exports build the plan in Azure: a plan with errors gets none of them (the
    /// CLI's `--force` aside), since what they would build is not what was checked.
    pub fn deploys(self) -> bool {
        matches!(self, ExportFamily::AzureLocalCli | ExportFamily::BicepParams)
    }
}

/// The labels and reasons of the first three totals lines: what a platform calls each figure.
#[derive(Debug, PartialEq, Eq)]
pub struct FigureTexts {
    pub node_ips: (&'static str, &'static str),
    pub control_plane_ips: (&'static str, &'static str),
    pub lb_ips: (&'static str, &'static str),
    /// A line for the IP pool addresses, on platforms whose nodes take them from pools.
    pub ip_pool: Option<(&'static str, &'static str)>,
    /// Why the "All addresses" line is what it is.
    pub all: &'static str,
}

/// The firewall lists the checklist knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirewallList {
    /// The 29 hosts of the AKS on VMware page and the Arc resource bridge's allowlist and ports.
    AksOnVmware,
    /// Azure Local's per-region endpoint list and the ports to the management network.
    AzureLocalRegional,
    /// The endpoint list of multi-rack deployments.
    MultiRack,
    /// The outbound endpoints of AKS on bare metal.
    BareMetal,
}

/// How node VMs are addressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeAddresses {
    /// Leases from the segment's DHCP scopes (`dhcp`, `dhcp_in_use`).
    Dhcp,
    /// Static addresses from the logical network's IP pools (`ip_pools`).
    IpPools,
    /// The cluster is one machine, with its own address (`host_ip`), static or leased from
    /// the network's DHCP scopes.
    Host,
}

impl NodeAddresses {
    /// Whether networks carry DHCP scopes (`dhcp`).
    pub fn dhcp_scopes(self) -> bool {
        self != NodeAddresses::IpPools
    }
}

/// An address range the platform keeps for itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InternalRange {
    /// How a message names it: "the pod range 10.244.0.0/16".
    pub label: &'static str,
    /// The range as CIDR text, for advice: "10.244.0.0/16".
    pub cidr: &'static str,
    /// First and last IPv4 address, as integers.
    pub start: u128,
    pub end: u128,
}

/// The facts of the plan's platform.
///
/// ```
/// use aksarc_netplan::{model::{Plan, PlatformId}, platform};
/// let mut plan = Plan::example();
/// assert_eq!(platform::of(&plan).id, PlatformId::Vmware);
/// plan.platform = PlatformId::AzureLocal;
/// assert_eq!(platform::of(&plan).name, "AKS on Azure Local");
/// ```
pub fn of(plan: &Plan) -> &'static Platform {
    by_id(plan.platform)
}

/// The one place that maps a platform's id to its facts.
pub fn by_id(id: PlatformId) -> &'static Platform {
    match id {
        PlatformId::Vmware => &vmware::VMWARE,
        PlatformId::AzureLocal => &azure_local::AZURE_LOCAL,
        PlatformId::AzureLocalMultiRack => &multi_rack::MULTI_RACK,
        PlatformId::AksBareMetal => &bare_metal::BARE_METAL,
    }
}

/// The platform a first visit opens the example of and New plan offers first: the picker's
/// first, a platform still offered.
pub fn first() -> &'static Platform {
    // Named rather than searched for: a test holds it to the picker's order.
    &azure_local::AZURE_LOCAL
}

/// Every platform, in the order a picker offers them: those still offered first.
pub fn all() -> impl Iterator<Item = &'static Platform> {
    // Two passes rather than a sort: a sort of its own would weigh on the page.
    let of = |retired: bool| PlatformId::ALL.into_iter().map(by_id).filter(move |p| p.retired.is_some() == retired);
    of(false).chain(of(true))
}

impl Platform {
    /// Whether the platform runs the checks of `group`.
    pub fn has(&self, group: CheckGroup) -> bool {
        self.checks.contains(&group)
    }

    fn reported(&self, rule: RuleId) -> Option<Reported> {
        self.overrides.iter().find(|(r, _)| *r == rule).map(|&(_, how)| how)
    }

    /// Whether findings of `rule` are reported on this platform.
    pub fn reports(&self, rule: RuleId) -> bool {
        self.has(rule.group()) && self.reported(rule) != Some(Reported::Not)
    }

    /// The severity of `rule` on this platform.
    pub fn severity(&self, rule: RuleId) -> Severity {
        match self.reported(rule) {
            Some(Reported::Error) => Severity::Error,
            Some(Reported::Warning) => Severity::Warning,
            _ => rule.severity(),
        }
    }

    /// Whether the platform offers the exports of `family` for `plan`.
    pub fn offers(&self, family: ExportFamily) -> bool {
        self.exports.contains(&family)
    }

    /// The picker's label: "VMware (retired 16 March 2026)", "Bare metal (preview)".
    pub fn picker_label(&self) -> String {
        match self.retired {
            Some(r) => format!("{} (retired {})", self.words.short, r.on),
            None => self.new_plan_label(),
        }
    }

    /// The label of the "new plan for" button: "VMware (retired)".
    pub fn new_plan_label(&self) -> String {
        match (self.retired, self.preview) {
            (Some(_), _) => format!("{} (retired)", self.words.short),
            (None, true) => format!("{} (preview)", self.words.short),
            (None, false) => self.words.short.to_string(),
        }
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// The worked example as a plan.
    pub fn example(&self) -> Plan {
        // The text is part of the binary and read by tests, so reading cannot fail here.
        Plan::from_trusted_json(self.example.json).expect("a built-in example is a valid plan")
    }

    /// The allowed control plane sizes in words: "1, 3 or 5".
    ///
    /// ```
    /// assert_eq!(aksarc_netplan::platform::vmware::VMWARE.control_plane_nodes_text(), "1, 3 or 5");
    /// ```
    pub fn control_plane_nodes_text(&self) -> String {
        if self.control_plane_any_odd {
            return "an odd number".to_string();
        }
        or_list(self.control_plane_nodes)
    }

    /// Whether a cluster may have `n` control plane nodes.
    pub fn allows_control_plane_nodes(&self, n: u32) -> bool {
        self.control_plane_nodes.contains(&n) || (self.control_plane_any_odd && n % 2 == 1)
    }

    /// The advice for an address inside the internal ranges: "10.244.0.0/16 and 10.96.0.0/12".
    pub fn internal_ranges_text(&self) -> String {
        let mut out = String::new();
        let n = self.internal_ranges.len();
        for (i, r) in self.internal_ranges.iter().enumerate() {
            out.push_str(match i {
                0 => "",
                _ if i + 1 == n => " and ",
                _ => ", ",
            });
            out.push_str(r.cidr);
        }
        out
    }
}

/// Numbers as a sentence lists them: "1", "1 or 3", "1, 3 or 5".
fn or_list(items: &[u32]) -> String {
    let words: Vec<String> = items.iter().map(u32::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(or_list(&[]), "");
        assert_eq!(or_list(&[5]), "5");
        assert_eq!(or_list(&[1, 3]), "1 or 3");
        assert_eq!(or_list(&[1, 3, 5]), "1, 3 or 5");
    }

    #[test]
    fn facts_agree_with_themselves() {
        for &id in &PlatformId::ALL {
            let p = by_id(id);
            assert_eq!(p.id, id);
            assert!(p.has(CheckGroup::Plan), "{}", p.name);
            // The proxy check is for the platforms that cannot work behind one.
            assert_eq!(p.has(CheckGroup::Proxy), !p.proxy_supported, "{}", p.name);
            assert_eq!(p.has(CheckGroup::ControlPlaneIp), p.control_plane_ip == ControlPlaneIp::Required, "{}", p.name);
            assert_eq!(p.has(CheckGroup::Dhcp), p.node_addresses == NodeAddresses::Dhcp, "{}", p.name);
            assert_eq!(p.has(CheckGroup::DhcpScopes), p.node_addresses.dhcp_scopes(), "{}", p.name);
            assert_eq!(p.has(CheckGroup::IpPools), p.node_addresses == NodeAddresses::IpPools, "{}", p.name);
            assert_eq!(p.has(CheckGroup::SingleMachine), p.node_addresses == NodeAddresses::Host, "{}", p.name);
            assert_eq!(p.node_addresses == NodeAddresses::Host, p.node_ips == NodeIps::Machines, "{}", p.name);
            assert_eq!(p.has(CheckGroup::AssignedControlPlaneIp), p.control_plane_ip == ControlPlaneIp::Assigned, "{}", p.name);
            assert_eq!(p.has(CheckGroup::MinimumPrefix), p.smallest_network.is_some(), "{}", p.name);
            assert_eq!(p.has(CheckGroup::Regions), !p.regions.is_empty(), "{}", p.name);
            assert_eq!(p.has(CheckGroup::ClusterNames), p.cluster_names.is_some(), "{}", p.name);
            assert!(!p.pools_optional || p.node_addresses == NodeAddresses::IpPools, "{}", p.name);
            assert!(!(p.preview && p.retired.is_some()), "{}", p.name);
            for (rule, _) in p.overrides {
                assert!(p.has(rule.group()), "{}: an override of {rule}, a rule of a group it does not run", p.name);
            }
            assert_eq!(p.has(CheckGroup::ResourceBridge), p.resource_bridge == ResourceBridge::InPlan, "{}", p.name);
            assert_eq!(p.has(CheckGroup::Management), p.management.is_some(), "{}", p.name);
            assert_eq!(p.example().platform, id, "{}'s example", p.name);
            assert!(p.converts_to != Some(id));
            // A platform's page names its own sources only: no VMware page on another platform's.
            assert!(p.words.sources.starts_with("Microsoft Learn"), "{}", p.name);
            assert_eq!(p.words.sources.contains("VMware"), id == PlatformId::Vmware, "{}: {}", p.name, p.words.sources);
        }
    }

    #[test]
    fn a_first_visit_opens_the_platform_microsoft_recommends() {
        // Not the retired preview the planner began with: Azure Local, first in the picker, and
        // where a retired platform's plans are sent.
        assert_eq!(first().id, PlatformId::AzureLocal);
        assert_eq!(all().next(), Some(first()));
        assert_eq!(first().retired, None);
        assert_eq!(Some(first().id), by_id(PlatformId::Vmware).converts_to);
        assert_eq!(first().example().platform, PlatformId::AzureLocal);
        // Plans and links without the field stay VMware plans.
        assert_eq!(Plan::default().platform, PlatformId::Vmware);
    }
}
