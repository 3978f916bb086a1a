//! The rule catalogue as the Markdown table of `docs/rules.md`: each rule with how every platform
//! reports it.
//!
//! Apart from `rules` because it reads every platform's facts, and the platforms read the
//! catalogue's severities: kept together, the two would import each other.

use crate::rules::RULES;

/// The catalogue as a Markdown table: `docs/rules.md` is this text, checked by a test.
pub fn catalogue_markdown() -> String {
    let platforms = crate::model::PlatformId::ALL.map(crate::platform::by_id);
    let mut out = format!(
        "# Rules\n\nEvery finding the planner reports, and how each platform reports it (— where it does not).\n\
         Ids are stable: scripts may rely on them. A rule lists at most {} findings; past that, one more finding of the\n\
         rule, with no field, says how many were left out (`more` in the JSON).\n\
         Generated from `src/rules.rs` and `src/platform/`; a test keeps this file in step (`UPDATE_DOCS=1 cargo test --lib rules` rewrites it).\n\n",
        crate::overlaps::MAX_PER_RULE,
    );
    out.push_str("| id |");
    for p in &platforms {
        out.push_str(&format!(" {} |", p.name));
    }
    out.push_str(" fires when | why | source |\n|---|");
    out.push_str(&"---|".repeat(platforms.len() + 3));
    out.push('\n');
    for r in RULES {
        out.push_str(&format!("| `{}` |", r.id));
        for p in &platforms {
            let cell = if p.reports(r.id) { p.severity(r.id).as_str() } else { "—" };
            out.push_str(&format!(" {cell} |"));
        }
        out.push_str(&format!(" {} | {} | {} |\n", r.when, r.why, r.source));
    }
    out.push_str(&limits_markdown());
    out
}

/// A row of the limits table: its name, and its cell for a platform.
type LimitRow = (&'static str, fn(&crate::platform::Platform) -> String);

fn or_none(n: Option<u64>) -> String {
    n.map_or("—".to_string(), |n| n.to_string())
}

/// Each platform's limits as `invalid-count` and `scale-limit` apply them, from its facts.
fn limits_markdown() -> String {
    let platforms = crate::model::PlatformId::ALL.map(crate::platform::by_id);
    let mut out = String::from("\n## Limits\n\nWhat `invalid-count` and `scale-limit` hold each platform's plans to (— where its pages state no limit).\n\n| limit |");
    for p in &platforms {
        out.push_str(&format!(" {} |", p.name));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(platforms.len()));
    out.push('\n');
    let rows: [LimitRow; 5] = [
        ("control plane nodes", |p| p.control_plane_nodes_text()),
        ("clusters", |p| p.limits.clusters.map_or("—".to_string(), |n| format!("{n} per {}", p.limits.clusters_per))),
        ("node pools per cluster", |p| or_none(p.limits.node_pools.map(|n| n as u64))),
        ("nodes per node pool", |p| or_none(p.limits.nodes_per_pool)),
        ("nodes per cluster", |p| or_none(p.limits.nodes_per_cluster)),
    ];
    for (what, cell) in rows {
        out.push_str(&format!("| {what} |"));
        for p in &platforms {
            out.push_str(&format!(" {} |", cell(p)));
        }
        out.push('\n');
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn docs_rules_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        let want = catalogue_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(have == want, "docs/rules.md is out of date; run UPDATE_DOCS=1 cargo test --lib rules");
    }
}
