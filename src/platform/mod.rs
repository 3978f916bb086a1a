//! What the engine knows about the platform a plan deploys to, as data.
//!
//! Each platform is one [`Platform`] value in a file of its own (`vmware.rs`): its limits, the
//! control plane sizes it allows, whether it works behind a proxy, the ranges its clusters use
//! inside, and how files and messages name it. The engine asks these facts and never matches on a
//! platform's name, so a new platform is a new file with its facts, in the manner of rustc's
//! target specifications.

pub mod vmware;

use crate::model::Plan;

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

/// The platform a plan deploys to. Plans have no `platform` field yet: every plan is a VMware
/// plan, as every plan made so far was.
///
/// ```
/// use aksarc_netplan::{model::Plan, platform};
/// assert_eq!(platform::of(&Plan::example()).id, "vmware");
/// ```
pub fn of(_plan: &Plan) -> &'static Platform {
    &vmware::VMWARE
}

impl Platform {
    /// The allowed control plane sizes in words: "1, 3 or 5".
    ///
    /// ```
    /// assert_eq!(aksarc_netplan::platform::vmware::VMWARE.control_plane_nodes_text(), "1, 3 or 5");
    /// ```
    pub fn control_plane_nodes_text(&self) -> String {
        let words: Vec<String> = self.control_plane_nodes.iter().map(u32::to_string).collect();
        match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }
}
