//! A finding: one problem with the plan, named by its rule, with the field to fix.
//!
//! Its own module because every stage that can find a problem makes them (parsing address text
//! in `claims`, the checks in `check`), and none of those stages should depend on another to do so.

use serde::Serialize;

use crate::rules::{self, Severity};

/// One problem with the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Path of the input to fix, e.g. `clusters[1].lb_pools[0]`.
    pub field: String,
    /// The overlapping addresses, where the finding is about an overlap.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
}

impl Finding {
    /// A finding of a catalogued rule; its severity comes from the catalogue.
    pub fn new(rule: &'static str, field: String, message: String, addresses: Vec<String>) -> Finding {
        let severity = rules::rule(rule).map(|r| r.severity).unwrap_or(Severity::Error);
        Finding { rule, severity, message, field, addresses }
    }
}
