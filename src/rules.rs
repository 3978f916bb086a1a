//! The rule catalogue: every finding the engine can report, with its stable id, severity,
//! the reason it exists and where that reason comes from.
//!
//! Ids are part of the product's contract (CLI JSON, `data-rule` on the page, people's scripts):
//! never rename one; add new ids instead.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// Declares [`RuleId`] with each variant's text, severity and check group, in catalogue order,
/// so the enum, its text and its parsing cannot drift apart. The severity and the group are
/// here rather than in [`RULES`] because the page needs only them: the catalogue's texts stay
/// out of the page's first module.
macro_rules! rule_ids {
    ($(#[$doc:meta])* $($variant:ident => $text:literal, $severity:ident, $group:ident,)*) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every id, in catalogue order (the order of [`RULES`]).
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// How many rules there are: per-rule counts are arrays of this length, indexed by
            /// [`RuleId::rank`].
            pub const COUNT: usize = [$(RuleId::$variant,)*].len();

            /// The id as the JSON and the page spell it: `cp-in-dhcp`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $text,)*
                }
            }

            /// How severe a finding of this rule is, unless a platform raises it.
            pub fn severity(self) -> Severity {
                match self {
                    $(RuleId::$variant => Severity::$severity,)*
                }
            }

            /// The check group the rule belongs to; a platform reports it when it has the group.
            pub fn group(self) -> CheckGroup {
                match self {
                    $(RuleId::$variant => CheckGroup::$group,)*
                }
            }
        }
    };
}

/// Families of checks that a platform opts into (`Platform::checks`). A rule belongs to exactly
/// one; a platform without the group neither runs its checks nor reports its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckGroup {
    /// Every platform: names, counts, scale, address text, each cluster's own addresses and the
    /// overlaps between static addresses.
    Plan,
    /// The platform cannot create clusters behind an HTTP proxy, so a plan that uses one is
    /// refused.
    Proxy,
    /// Every control plane IP must be given in the plan: the platform does not choose one.
    ControlPlaneIp,
    /// Node VMs lease their addresses from DHCP scopes on their segment: enough leases, and the
    /// static addresses kept out of the scopes.
    Dhcp,
    /// Segments may carry DHCP scopes (for node VMs or for the machines themselves), which must
    /// stay inside their subnet and clear of static addresses; their subnets must not overlap.
    DhcpScopes,
    /// The Arc resource bridge takes addresses on the plan's networks.
    ResourceBridge,
    /// Node VMs take static addresses from the IP pools of logical networks.
    IpPools,
    /// The management network and its infrastructure pool are part of the plan.
    Management,
    /// The platform assigns every control plane IP itself: the plan may not give one.
    AssignedControlPlaneIp,
    /// Networks must be at least a given size.
    MinimumPrefix,
    /// Each cluster is one machine: one node, and the machine's own address in the plan.
    SingleMachine,
    /// The platform is offered in some Azure regions only.
    Regions,
    /// Cluster names follow a pattern the platform's templates check.
    ClusterNames,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

rule_ids! {
    /// A rule's stable id. Its kebab-case text (`cp-in-dhcp`) is what the JSON, the page and
    /// people's scripts see; the order is the catalogue's, errors first.
    InvalidAddress => "invalid-address", Error, Plan,
    UnknownSegment => "unknown-segment", Error, Plan,
    DuplicateName => "duplicate-name", Error, Plan,
    InvalidCount => "invalid-count", Error, Plan,
    ProxyUnsupported => "proxy-unsupported", Error, Proxy,
    DhcpMissing => "dhcp-missing", Error, Dhcp,
    DhcpOutsideSubnet => "dhcp-outside-subnet", Error, DhcpScopes,
    DhcpExhausted => "dhcp-exhausted", Error, Dhcp,
    SegmentOverlap => "segment-overlap", Error, DhcpScopes,
    CpMissing => "cp-missing", Error, ControlPlaneIp,
    CpInDhcp => "cp-in-dhcp", Error, Dhcp,
    CpDuplicate => "cp-duplicate", Error, Plan,
    LbInDhcp => "lb-in-dhcp", Error, DhcpScopes,
    LbOverlap => "lb-overlap", Error, Plan,
    AddressConflict => "address-conflict", Error, Plan,
    BridgeInDhcp => "bridge-in-dhcp", Error, ResourceBridge,
    BridgeInvalid => "bridge-invalid", Error, ResourceBridge,
    InternalCidrOverlap => "internal-cidr-overlap", Error, Plan,
    SubnetEdge => "subnet-edge", Error, Plan,
    LbShort => "lb-short", Error, Plan,
    LnetStaticOnly => "lnet-static-only", Error, IpPools,
    IpPoolMissing => "ip-pool-missing", Error, IpPools,
    IpPoolOutsideSubnet => "ip-pool-outside-subnet", Error, IpPools,
    IpPoolOverlap => "ip-pool-overlap", Error, IpPools,
    IpPoolExhausted => "ip-pool-exhausted", Error, IpPools,
    GatewayMissing => "gateway-missing", Error, IpPools,
    GatewayOutsideSubnet => "gateway-outside-subnet", Error, IpPools,
    DnsMissing => "dns-missing", Error, IpPools,
    CpInIpPool => "cp-in-ip-pool", Error, IpPools,
    LbInIpPool => "lb-in-ip-pool", Error, IpPools,
    InfraPoolSize => "infra-pool-size", Error, Management,
    SubnetTooSmall => "subnet-too-small", Error, MinimumPrefix,
    CpNotSupported => "cp-not-supported", Error, AssignedControlPlaneIp,
    SingleNodeOnly => "single-node-only", Error, SingleMachine,
    NameInvalid => "name-invalid", Error, ClusterNames,
    CpOutsideSubnet => "cp-outside-subnet", Warning, Plan,
    LbOutsideSubnet => "lb-outside-subnet", Warning, Plan,
    DhcpTight => "dhcp-tight", Warning, Dhcp,
    DhcpContainsReserved => "dhcp-contains-reserved", Warning, DhcpScopes,
    ScaleLimit => "scale-limit", Warning, Plan,
    IpPoolTight => "ip-pool-tight", Warning, IpPools,
    NotApplicable => "not-applicable", Warning, Plan,
    HostMissing => "host-missing", Warning, SingleMachine,
    CpIsHost => "cp-is-host", Warning, SingleMachine,
    CpReserve => "cp-reserve", Warning, SingleMachine,
    RegionUnsupported => "region-unsupported", Warning, Regions,
    WaiverUnused => "waiver-unused", Warning, Plan,
}

/// One rule: what it checks, why, and the source of the why.
#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    /// When the rule fires, in a few words.
    pub when: &'static str,
    /// Why it matters, in our words.
    pub why: &'static str,
    /// Where the fact comes from.
    pub source: &'static str,
}

const SEED: &str = "Microsoft Learn, AKS enabled by Azure Arc on VMware: network requirements (2024-03-22)";
const ARB_SYSREQ: &str = "Microsoft Learn, Azure Arc resource bridge system requirements (2024-05-22)";
const ARB_NETREQ: &str = "Microsoft Learn, Azure Arc resource bridge network requirements (2024-09-20)";
const SCALE: &str = "Microsoft Learn, AKS on VMware scale requirements (2024-03-26)";
const PLANNER: &str = "This planner: IP addressing convention";
const AL_NETREQ: &str = "Microsoft Learn, AKS Arc on Azure Local network system requirements (2025-07-17)";
const AL_LNET: &str = "Microsoft Learn, Azure Local logical networks (2025-04-09) and AKS Arc networks (2025-11-17)";
const AL_PLANNING: &str = "Microsoft Learn, AKS Arc IP address planning (2025-08-13)";
const AL_VALIDATOR: &str = "Azure PowerShell Az.AksArc, logical network validation before cluster creation";
const AL_ENVCHECK: &str = "Azure Local environment validator (infrastructure IP pool checks)";
const MR_NETREQ: &str = "Microsoft Learn, AKS on Azure Local for multi-rack deployments: network system requirements and IP address planning (2026-04-24)";
const BM_SYSREQ: &str = "Microsoft Learn, AKS on bare metal (preview): system requirements and preview limitations (2026-06-01)";
const BM_CREATE: &str = "Microsoft Learn, AKS on bare metal (preview): create a cluster with Bicep, the portal (2026-06-01) or an ARM template (2026-06-05)";

/// Every rule, errors first, in the order findings are listed.
pub const RULES: &[Rule] = &[
    Rule { id: RuleId::InvalidAddress,
        when: "address text does not parse, has the wrong form, or is of another family than its segment's subnet",
        why: "An address the planner cannot read cannot be checked, and the deployment would refuse it too.",
        source: PLANNER },
    Rule { id: RuleId::UnknownSegment,
        when: "a cluster names a segment the plan does not have",
        why: "Each cluster's node VMs take their addresses from one segment or logical network; without it nothing about the cluster's addresses can be checked.",
        source: SEED },
    Rule { id: RuleId::DuplicateName,
        when: "a segment, cluster or node pool of one cluster has an empty or repeated name",
        why: "Names identify objects in Azure and in this plan; a repeated name makes the plan ambiguous.",
        source: PLANNER },
    Rule { id: RuleId::InvalidCount,
        when: "a control plane node count the platform does not allow (its limits below); a cluster without node pools; a node pool with 0 nodes; a VLAN id above 4094",
        why: "Each platform accepts only certain control plane sizes, needs at least one node pool per cluster and cannot create an empty node pool; IEEE 802.1Q VLAN ids end at 4094.",
        source: SCALE },
    Rule { id: RuleId::ProxyUnsupported,
        when: "the plan says traffic goes through an HTTP proxy",
        why: "The preview cannot create clusters in a VMware environment that uses a proxy.",
        source: SEED },
    Rule { id: RuleId::DhcpMissing,
        when: "a segment has no DHCP scope",
        why: "Node VMs get their addresses only from DHCP on the segment; static node addressing is not supported.",
        source: SEED },
    Rule { id: RuleId::DhcpOutsideSubnet,
        when: "a DHCP scope reaches outside its segment's subnet",
        why: "Leases outside the subnet cannot be reached on the segment, so nodes would get unusable addresses.",
        source: PLANNER },
    Rule { id: RuleId::DhcpExhausted,
        when: "a segment's free DHCP addresses are fewer than its clusters' worker nodes",
        why: "Every worker node needs one DHCP lease; without one the node VM never joins.",
        source: SEED },
    Rule { id: RuleId::SegmentOverlap,
        when: "two segments' subnets share addresses",
        why: "Overlapping subnets route the same address to two places.",
        source: PLANNER },
    Rule { id: RuleId::CpMissing,
        when: "a cluster has no control plane IP",
        why: "The control plane IP is a required, immutable parameter when a cluster is created.",
        source: SEED },
    Rule { id: RuleId::CpInDhcp,
        when: "a control plane IP lies inside a DHCP scope",
        why: "DHCP could lease the control plane address to another machine; it must be excluded from every scope.",
        source: SEED },
    Rule { id: RuleId::CpDuplicate,
        when: "two clusters share a control plane IP",
        why: "Each cluster needs its own control plane address; sharing one breaks both API servers.",
        source: SEED },
    Rule { id: RuleId::LbInDhcp,
        when: "a load balancer pool overlaps a DHCP scope",
        why: "Load balancer addresses must not be handed out by DHCP to node VMs or other machines.",
        source: SEED },
    Rule { id: RuleId::LbOverlap,
        when: "two load balancer pools share addresses",
        why: "Two MetalLB pools announcing the same address make services unreachable at random.",
        source: SEED },
    Rule { id: RuleId::AddressConflict,
        when: "a control plane IP, load balancer pool or resource bridge IP overlaps a gateway, DNS server, reserved entry, resource bridge IP, or a cluster's other kind of address",
        why: "An address used twice fails in both places, often long after deployment.",
        source: SEED },
    Rule { id: RuleId::BridgeInDhcp,
        when: "an Arc resource bridge IP lies inside a DHCP scope",
        why: "The resource bridge uses static addresses only on VMware, so DHCP must never lease them.",
        source: ARB_SYSREQ },
    Rule { id: RuleId::BridgeInvalid,
        when: "the resource bridge lacks a control plane IP, its appliance VM IPs are not exactly two addresses, or they include its control plane IP",
        why: "The resource bridge needs three distinct static addresses: its control plane IP and two appliance VM IPs, one used during upgrades.",
        source: ARB_SYSREQ },
    Rule { id: RuleId::InternalCidrOverlap,
        when: "an address of the plan overlaps 10.244.0.0/16 (pods) or 10.96.0.0/12 (services)",
        why: "The resource bridge and the clusters use these ranges inside themselves; the same addresses outside become unreachable.",
        source: ARB_NETREQ },
    Rule { id: RuleId::SubnetEdge,
        when: "a control plane IP or load balancer pool includes its subnet's network or broadcast address",
        why: "The first and last address of an IPv4 subnet of /30 or shorter cannot be assigned to a host.",
        source: PLANNER },
    Rule { id: RuleId::LbShort,
        when: "a cluster's load balancer pools hold fewer addresses than its LoadBalancer services",
        why: "Each LoadBalancer service needs its own address as a starting point; a service without one stays pending.",
        source: SEED },
    Rule { id: RuleId::LnetStaticOnly,
        when: "a logical network has DHCP scopes",
        why: "AKS Arc node VMs on Azure Local keep one address for their whole life, so they take static addresses from IP pools; DHCP logical networks are not accepted.",
        source: AL_NETREQ },
    Rule { id: RuleId::IpPoolMissing,
        when: "a logical network that a cluster uses has no IP pool",
        why: "Node VMs and automatic control plane IPs come from the pool; cluster creation fails on a logical network without one.",
        source: AL_VALIDATOR },
    Rule { id: RuleId::IpPoolOutsideSubnet,
        when: "an IP pool is not inside its logical network's prefix, or the infrastructure pool not inside the management subnet",
        why: "Azure Local requires pool start and end inside the address prefix; addresses elsewhere cannot reach the nodes' network.",
        source: AL_LNET },
    Rule { id: RuleId::IpPoolOverlap,
        when: "two IP pools overlap, in one logical network or in two on the same VLAN",
        why: "Two pools handing out the same address give two VMs one IP; on separate VLANs the same prefix may be reused.",
        source: AL_LNET },
    Rule { id: RuleId::IpPoolExhausted,
        when: "a logical network's IP pools hold fewer addresses than its clusters need",
        why: "Every node VM, one upgrade node per cluster and every automatic control plane IP take a pool address; when the pool runs dry, creation or upgrade fails.",
        source: AL_PLANNING },
    Rule { id: RuleId::GatewayMissing,
        when: "a logical network has no gateway",
        why: "A gateway is a required parameter of a logical network for AKS Arc.",
        source: AL_NETREQ },
    Rule { id: RuleId::GatewayOutsideSubnet,
        when: "a gateway is not inside its logical network's prefix",
        why: "The gateway must lie within the address prefix or the nodes cannot reach it.",
        source: AL_NETREQ },
    Rule { id: RuleId::DnsMissing,
        when: "a logical network has no DNS server",
        why: "DNS servers are a required parameter of a logical network for AKS Arc; the nodes must resolve Azure and the Azure Local cluster.",
        source: AL_NETREQ },
    Rule { id: RuleId::CpInIpPool,
        when: "an explicit control plane IP lies inside an IP pool",
        why: "A control plane IP given by hand must be in the prefix but outside every pool, or the pool can hand it to a VM; Microsoft's validation refuses it.",
        source: AL_VALIDATOR },
    Rule { id: RuleId::LbInIpPool,
        when: "a load balancer pool overlaps an IP pool",
        why: "Load balancer addresses belong in the same subnet but outside the IP pool, or a node VM can take one.",
        source: AL_PLANNING },
    Rule { id: RuleId::InfraPoolSize,
        when: "the management infrastructure pool holds fewer than 6 or more than 255 addresses",
        why: "Azure Local and its Arc resource bridge need a block of at least six addresses, and the validator accepts at most 255.",
        source: AL_ENVCHECK },
    Rule { id: RuleId::SubnetTooSmall,
        when: "a logical network's prefix is smaller than the platform's smallest (/28 on multi-rack)",
        why: "A multi-rack logical network is carved out of the rack fabric's Layer 3 network and must hold at least 16 addresses; a smaller prefix is refused.",
        source: MR_NETREQ },
    Rule { id: RuleId::CpNotSupported,
        when: "a cluster gives a control plane IP where the platform always assigns it",
        why: "On multi-rack the control plane IP is always taken from the logical network by the platform; a cluster cannot be created with one of its own.",
        source: MR_NETREQ },
    Rule { id: RuleId::SingleNodeOnly,
        when: "a cluster has more than one control plane node, or a node pool with nodes",
        why: "AKS on bare metal runs each cluster on one machine, which is its only node; there is no room for more control plane nodes or for workers.",
        source: BM_SYSREQ },
    Rule { id: RuleId::NameInvalid,
        when: "a cluster's name breaks the platform's naming rule (bare metal: 1 to 27 letters, digits, - or _, starting and ending with a letter or digit)",
        why: "The deployment templates refuse any other name, so the deployment would stop at its first step.",
        source: BM_CREATE },
    Rule { id: RuleId::CpOutsideSubnet,
        when: "a control plane IP is outside its cluster's segment subnet",
        why: "KubeVIP announces the control plane IP by ARP, which only works inside the nodes' own layer-2 segment.",
        source: "FACTS: KubeVIP ARP mode (inference)" },
    Rule { id: RuleId::LbOutsideSubnet,
        when: "a load balancer pool is outside its cluster's segment subnet",
        why: "MetalLB in layer-2 mode answers ARP only on the nodes' segment.",
        source: "FACTS: MetalLB layer-2 mode (inference)" },
    Rule { id: RuleId::DhcpTight,
        when: "free DHCP addresses cover the minimum but not the recommended figure",
        why: "Control plane node VMs and the extra node of a rolling upgrade also take leases; without room upgrades stall.",
        source: "Microsoft Learn, AKS Arc IP address planning (2025-08-13)" },
    Rule { id: RuleId::DhcpContainsReserved,
        when: "a gateway, DNS server or reserved entry lies inside a DHCP scope",
        why: "Unless the DHCP server excludes it, the address can be leased to a node and collide.",
        source: PLANNER },
    Rule { id: RuleId::ScaleLimit,
        when: "the plan has more clusters than its platform supports, or a cluster more node pools or nodes (the limits below)",
        why: "Each platform's scale requirements set these limits; past them the deployment is not supported.",
        source: SCALE },
    Rule { id: RuleId::IpPoolTight,
        when: "the IP pools hold what the clusters need but less than a fifth more",
        why: "A logical network's pools cannot be changed once it is created; without room, the next node pool or cluster has nowhere to go.",
        source: AL_PLANNING },
    Rule { id: RuleId::NotApplicable,
        when: "a field the plan's platform does not use is set (DHCP scopes, IP pools, VLANs, the management network or the resource bridge)",
        why: "The field is kept so switching platforms loses nothing, but this platform's checks ignore it; say so rather than let it pass unseen.",
        source: PLANNER },
    Rule { id: RuleId::HostMissing,
        when: "a bare metal cluster does not give its machine's address",
        why: "The control plane IP is the machine's own address or one beside it in the same subnet; without the machine's address neither can be checked. No Microsoft input asks for it: the planner does.",
        source: PLANNER },
    Rule { id: RuleId::CpIsHost,
        when: "a typed control plane IP is the machine's own address",
        why: "The portal and the ARM template refuse a control plane IP equal to the machine's address, while the Bicep page allows it; leaving the field blank means the machine's address on every path.",
        source: BM_CREATE },
    Rule { id: RuleId::CpReserve,
        when: "a typed control plane IP lies inside the DHCP scope of the machine's network",
        why: "Where the machine's network uses DHCP, the control plane IP must be reserved for the machine at the DHCP server: if it changes, the cluster becomes unreachable and has to be deployed again.",
        source: BM_CREATE },
    Rule { id: RuleId::RegionUnsupported,
        when: "the plan's region is not one the platform is offered in (bare metal preview: East US only)",
        why: "The preview is offered in East US only; a deployment elsewhere is refused by its templates.",
        source: BM_SYSREQ },
    Rule { id: RuleId::WaiverUnused,
        when: "a waiver of the plan names a rule and field that no listed finding has (a rule this release does not know, a field that moved, a problem since fixed)",
        why: "A waiver is meant for one known problem; one that matches nothing accepts nothing today and could silently accept a different problem that lands on the same field later. Remove it, or point it at the finding it was written for.",
        source: PLANNER },
];

impl RuleId {
    /// The rule's catalogue entry.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// Where findings of this rule are listed: errors first, then catalogue order.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Not a rule id of this release; the text is quoted in the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a rule id (docs/rules.md lists them)", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for RuleId {
    type Err = UnknownRule;

    /// ```
    /// use aksarc_netplan::rules::RuleId;
    /// assert_eq!("cp-in-dhcp".parse(), Ok(RuleId::CpInDhcp));
    /// assert!("cp-in-dchp".parse::<RuleId>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<RuleId, UnknownRule> {
        RuleId::ALL.iter().copied().find(|id| id.as_str() == text).ok_or_else(|| UnknownRule(text.to_string()))
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}


/// Lets tests and callers compare an id with its text: `finding.rule == "cp-in-dhcp"`.
impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for RuleId {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_indexed_by_id_and_errors_come_first() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (i, (rule, id)) in RULES.iter().zip(RuleId::ALL).enumerate() {
            assert_eq!(rule.id, *id, "RULES[{i}]");
            assert_eq!(id.rule().id, *id);
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(*id));
        }
        let first_warning = RULES.iter().position(|r| r.id.severity() == Severity::Warning).unwrap();
        assert!(RULES[first_warning..].iter().all(|r| r.id.severity() == Severity::Warning));
    }
}
