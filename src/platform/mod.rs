//! What the engine knows about the platform a plan deploys to, as data.
//!
//! Each platform is one [`Platform`] value in a file of its own (`vmware.rs`): its limits, the
//! control plane sizes it allows, whether it works behind a proxy, the ranges its clusters use
//! inside, and how files and messages name it. The engine asks these facts and never matches on a
//! platform's name, so a new platform is a new file with its facts, in the manner of rustc's
//! target specifications.

pub mod azure_local;
pub mod vmware;

use crate::model::{Plan, PlatformId};
use crate::rules::Severity;

/// The facts of one platform.
#[derive(Debug, PartialEq, Eq)]
pub struct Platform {
    /// The value of the plan's `platform` field.
    pub id: &'static str,
    /// How a sentence names it: "AKS on VMware".
    pub name: &'static str,
    /// How a file header names the product: "AKS enabled by Azure Arc on VMware".
    pub product: &'static str,
    /// Control plane node counts a cluster may have, lowest first.
    pub control_plane_nodes: &'static [u32],
    /// The most clusters the platform supports, and what they are counted against.
    pub max_clusters: usize,
    pub max_clusters_per: &'static str,
    /// Whether clusters can be created behind an HTTP proxy.
    pub proxy_supported: bool,
    /// Ranges the clusters use inside (pods, services) that no address of the plan may overlap.
    pub internal_ranges: &'static [InternalRange],
    /// Where node VMs get their addresses.
    pub node_addresses: NodeAddresses,
    /// Whether the platform's networks take IPv4 only.
    pub ipv4_only: bool,
    /// What a `segments[]` entry is called: "segment", "logical network".
    pub network_word: &'static str,
    /// Rules of the catalogue this platform never reports.
    pub not_reported: &'static [&'static str],
    /// Rules this platform reports as errors whatever the catalogue's severity.
    pub errors: &'static [&'static str],
    /// Per-cluster limits beyond the cluster count, where documented.
    pub max_node_pools: Option<usize>,
    pub max_nodes_per_pool: Option<u64>,
    pub max_nodes_per_cluster: Option<u64>,
    /// The firewall list this platform's checklist is built from.
    pub firewall: FirewallList,
    /// Where MetalLB's `IPAddressPool` and `L2Advertisement` objects live.
    pub metallb_namespace: &'static str,
    /// What the totals table calls its lines, and why each is what it is.
    pub figures: FigureTexts,
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
}

/// How node VMs are addressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeAddresses {
    /// Leases from the segment's DHCP scopes (`dhcp`, `dhcp_in_use`).
    Dhcp,
    /// Static addresses from the logical network's IP pools (`ip_pools`).
    IpPools,
}

/// An address range the platform keeps for itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InternalRange {
    /// How a message names it: "the pod range 10.244.0.0/16".
    pub label: &'static str,
    /// First and last IPv4 address, as integers.
    pub start: u128,
    pub end: u128,
}

/// The facts of the plan's platform.
///
/// ```
/// use aksarc_netplan::{model::{Plan, PlatformId}, platform};
/// let mut plan = Plan::example();
/// assert_eq!(platform::of(&plan).id, "vmware");
/// plan.platform = PlatformId::AzureLocal;
/// assert_eq!(platform::of(&plan).id, "azure-local");
/// ```
pub fn of(plan: &Plan) -> &'static Platform {
    by_id(plan.platform)
}

/// The one place that maps a platform's id to its facts.
pub fn by_id(id: PlatformId) -> &'static Platform {
    match id {
        PlatformId::Vmware => &vmware::VMWARE,
        PlatformId::AzureLocal => &azure_local::AZURE_LOCAL,
    }
}

impl Platform {
    /// Whether node VMs take their addresses from IP pools (Azure Local) rather than DHCP.
    pub fn uses_ip_pools(&self) -> bool {
        self.node_addresses == NodeAddresses::IpPools
    }

    /// Whether findings of `rule` are reported on this platform.
    pub fn reports(&self, rule: &str) -> bool {
        !self.not_reported.contains(&rule)
    }

    /// The severity of `rule` on this platform, given the catalogue's.
    pub fn severity(&self, rule: &str, catalogue: Severity) -> Severity {
        if self.errors.contains(&rule) {
            Severity::Error
        } else {
            catalogue
        }
    }

    /// The allowed control plane sizes in words: "1, 3 or 5".
    ///
    /// ```
    /// assert_eq!(aksarc_netplan::platform::vmware::VMWARE.control_plane_nodes_text(), "1, 3 or 5");
    /// ```
    pub fn control_plane_nodes_text(&self) -> String {
        or_list(self.control_plane_nodes)
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
}
