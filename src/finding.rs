//! A finding: one problem with the plan, named by its rule, with the field to fix.
//!
//! Its own module because every stage that can find a problem makes them (parsing address text
//! in `claims`, the checks in `check`), and none of those stages should depend on another to do so.

use serde::Serialize;

use crate::rules::{RuleId, Severity};

/// One problem with the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    /// Path of the input to fix, e.g. `clusters[1].lb_pools[0]`.
    pub field: String,
    /// The overlapping addresses, where the finding is about an overlap.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    /// On the last finding of a rule that fired too often to list: how many were left out.
    #[serde(skip_serializing_if = "is_zero")]
    pub more: usize,
    /// The reason the plan's waiver gives, when the team accepted this finding: it is still
    /// listed, but does not fail the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Finding {
    /// A finding of a catalogued rule; its severity comes from the catalogue.
    pub fn new(rule: RuleId, field: String, message: String, addresses: Vec<String>) -> Finding {
        Finding { rule, severity: rule.severity(), message, field, addresses, more: 0, waiver: None }
    }

    /// An error nobody accepted: what makes a plan fail.
    pub fn fails(&self) -> bool {
        self.severity == Severity::Error && self.waiver.is_none()
    }

    /// Stands for `n` findings of `rule` left out of the report, so a plan with thousands of
    /// copies of one mistake stays quick to check and to read.
    pub fn more(rule: RuleId, n: usize) -> Finding {
        let message = format!(
            "{n} more {rule} {} not listed: fix the ones above and check again.",
            if n == 1 { "finding is" } else { "findings are" }
        );
        Finding { more: n, ..Finding::new(rule, String::new(), message, Vec::new()) }
    }
}
