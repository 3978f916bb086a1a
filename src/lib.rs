//! The planning engine of the AKS Arc network planner.
//!
//! Plans the network of AKS clusters enabled by Azure Arc, on each platform it runs on (Azure
//! Local; VMware, retired; each one file of facts in [`platform`]): how many addresses each part
//! needs, which ones must stay outside DHCP or the IP pools, whether any address is used twice,
//! the firewall checklist, exports for the tools that deploy it, and a share link that carries
//! the whole plan.
//!
//! # Organization
//! - [`model`]: the plan document (JSON, schema 1).
//! - [`platform`]: what each platform allows and uses, as data the engine asks.
//! - [`addr`]: address text (single, CIDR, range; IPv4 and IPv6) as integer ranges.
//! - [`intervals`]: sets of addresses: union, free room, runs.
//! - [`claims`]: the plan's address text parsed into claims with field paths.
//! - [`sweep`]: every overlapping pair of claims in one sort-and-sweep.
//! - [`requirements`]: the IP tables, minimum and recommended.
//! - [`rules`]: the rule catalogue (stable ids, reasons, sources); [`rules_doc`] prints it.
//! - [`finding`]: one problem with the plan, as every stage reports it.
//! - [`check`]: [`check::evaluate`], the one entry point: requirements and findings, the direct
//!   checks in groups a platform opts into.
//! - [`suggest`]: fills missing control plane IPs, IP pools and load balancer ranges.
//! - [`convert`]: a plan moved to the platform its own converts to, every address kept.
//! - [`diff`]: what changed between two plans, object by object.
//! - [`edit`]: every change the page's editor makes to a plan, as a value, and `apply`.
//! - [`link`]: the share-link codec.
//! - [`addressmap`]: where each claim, conflict and free run lies in its subnet.
//! - [`azure`]: what Azure already has, read from the Azure CLI's JSON, marked existing.
//! - [`firewall`]: the firewall checklist for a plan (URL tables, regional host, resource bridge).
//! - [`exports`]: the plan as files for other tools (firewall lists and scripts, MetalLB, CSV, DHCP).
//! - [`report`]: the report as text and JSON, shared by the CLI and the page.
//! - [`text`]: files in UTF-8 or UTF-16, whole or line by line.
//!
//! Nothing here does I/O or touches a browser; the page (`web`, wasm only) and the CLI
//! (`src/main.rs`) are thin shells around these functions.

pub mod addr;
pub mod addressmap;
// What Azure already has, read from the Azure CLI's JSON (the CLI and the page's second module).
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod azure;
pub mod check;
pub mod claims;
// Moving a plan to another platform: the CLI and the page's second module (the page asks it).
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod convert;
// The diff of two plans, for the CLI and the page's second module.
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod diff;
pub mod edit;
// What only the CLI and the page's second module use (the `page-tools` feature) is left out of
// the page's first module, so that a call to it from there does not compile: the exports, the
// used-address readers, the firewall checklist, share-link making, serde_json's plan reader
// and writer (`model`, `link`, `platform`).
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod exports;
pub mod finding;
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod firewall;
pub mod intervals;
pub mod link;
pub mod model;
pub mod names;
pub mod overlaps;
pub mod platform;
pub mod report;
pub mod requirements;
pub mod rules;
pub mod rules_doc;
// Suggest: the CLI and the page's second module (the page asks it).
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod suggest;
pub mod sweep;
// Text files in UTF-8 or UTF-16, read whole or line by line (the CLI's readers).
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod text;
#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
pub mod used;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use check::{evaluate, Report};
pub use finding::Finding;
pub use model::Plan;
