//! The report in the two forms people read it: plain text for a terminal, JSON for tools.

use std::fmt::Write;

use crate::check::Report;
use crate::names::printable as p;
use crate::platform;

/// The report as JSON: `{"requirements": {...}, "findings": [...]}`.
pub fn to_json(report: &Report) -> String {
    // Plain structs of strings and numbers always serialise.
    serde_json::to_string_pretty(report).expect("a report always serialises")
}

/// The report as text: the tables, then the findings, then a one-line verdict. Text for a
/// terminal: every piece of the plan's own text (names, addresses, waivers' reasons, and the
/// messages that quote them) shows its control characters escaped, so a plan cannot write to the
/// terminal; [`to_json`] keeps the exact text.
pub fn to_text(report: &Report) -> String {
    let req = &report.requirements;
    let mut out = String::new();
    let t = &req.totals;
    let figures = t.figures();
    let width = figures.iter().map(|f| f.label.len()).max().unwrap_or(0).max(41);
    let _ = writeln!(out, "{:<w$}minimum  recommended", "Requirements", w = width + 3);
    for f in figures {
        let _ = writeln!(out, "  {:<width$} {:>7}  {:>11}", f.label, f.minimum, f.recommended);
    }
    if !req.clusters.is_empty() {
        let _ = writeln!(out, "\nClusters (node IPs min/rec, control plane, LB services/pool size)");
        for c in &req.clusters {
            let _ = writeln!(
                out,
                "  {:<20} {:>5}/{:<5} {:>3} {:>5}/{}",
                p(&c.name), c.node_ips, c.node_ips_recommended, c.control_plane_ips, c.lb_ips, c.lb_pool_size
            );
        }
    }
    let pools = platform::by_id(t.platform).node_addresses == platform::NodeAddresses::IpPools;
    if !req.segments.is_empty() && pools {
        let _ = writeln!(out, "\nLogical networks (IP pool size, needed; node IPs min/rec; static free)");
        for s in &req.segments {
            let _ = writeln!(
                out,
                "  {:<20} {:<18} {:>5} {:>5}; {:>5}/{:<5}; {}",
                p(&s.name), p(&s.subnet), s.ip_pool_size, s.ip_pool_needed, s.node_ips_needed, s.node_ips_recommended, s.static_free
            );
        }
    } else if !req.segments.is_empty() {
        let _ = writeln!(out, "\nSegments (DHCP size, in use, available; needed min/rec; static free)");
        for s in &req.segments {
            let _ = writeln!(
                out,
                "  {:<20} {:<18} {:>5} {:>5} {:>5}; {:>5}/{:<5}; {}",
                p(&s.name), p(&s.subnet), s.dhcp_size, s.dhcp_in_use, s.dhcp_available, s.node_ips_needed,
                s.node_ips_recommended, s.static_free
            );
        }
    }
    if !report.findings.is_empty() {
        let _ = writeln!(out, "\nFindings");
        for f in &report.findings {
            let _ = writeln!(out, "  {:<7} {:<22} {}: {}", f.severity.as_str(), f.rule, p(&f.field), p(&f.message));
            if let Some(reason) = &f.waiver {
                let _ = writeln!(out, "          accepted: {}", p(reason));
            }
        }
    }
    if !report.waivers.is_empty() {
        let _ = writeln!(out, "\nWaivers (findings accepted on purpose)");
        for (i, w) in report.waivers.iter().enumerate() {
            let n = report.accepted_by(i);
            let matched = if n == 0 { "matches nothing".to_string() } else { format!("accepts {n}") };
            let _ = writeln!(out, "  {}. {} at {} ({matched}): {}", i + 1, p(&w.rule), p(&w.field), p(&w.reason));
        }
    }
    let _ = writeln!(out, "\n{}: {}", report.verdict(), report.counts());
    out
}
