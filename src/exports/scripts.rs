//! The connectivity scripts (bash and PowerShell): probe every concrete host of the checklist
//! from a node and print PASS or FAIL per row.

use super::firewall::{is_host_row, is_replaced};
use crate::firewall::{Protocol, RowKind, Section};
use super::*;

/// A host a connectivity script tests, or a row it lists for checking by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ScriptRow {
    Probe { host: String, port: u16, tls: bool },
    ByHand { host: String, port: String, why: &'static str },
}

/// The connectivity scripts' rows in checklist order, each host and port once, plus the rows they
/// leave out (for the header comment).
pub(super) fn script_rows(rows: &[Row]) -> Vec<ScriptRow> {
    let mut out: Vec<ScriptRow> = Vec::new();
    for row in rows.iter().filter(|r| is_host_row(r)) {
        for &port in &row.ports {
            let item = if row.wildcard {
                ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "a wildcard cannot be probed" }
            } else {
                match row.protocol {
                    p if p.connects() && port > 0 => {
                        ScriptRow::Probe { host: row.star_form.clone(), port, tls: row.protocol == Protocol::Https }
                    }
                    Protocol::Udp => ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "UDP cannot be probed" },
                    _ => ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "no probe for this port" },
                }
            };
            let same = |o: &ScriptRow| match (o, &item) {
                (ScriptRow::Probe { host: a, port: p, .. }, ScriptRow::Probe { host: b, port: q, .. }) => a == b && p == q,
                (ScriptRow::ByHand { host: a, port: p, .. }, ScriptRow::ByHand { host: b, port: q, .. }) => a == b && p == q,
                _ => false,
            };
            if !out.iter().any(same) {
                out.push(item);
            }
        }
    }
    out
}

/// What the scripts do not probe, in words, one entry per line of the header.
fn not_probed(rows: &[Row]) -> Vec<String> {
    let mut out = Vec::new();
    if rows.iter().any(|r| r.kind == RowKind::DnsServers) {
        out.push("the DNS servers (port 53)".to_string());
    }
    if rows.iter().any(|r| r.kind == RowKind::Port && r.section == Section::ResourceBridge) {
        out.push("the ports between the management machine, the resource bridge appliance VMs and vCenter".to_string());
    }
    for row in rows {
        for old in row.also.iter().filter(|a| is_replaced(a)) {
            out.push(format!("{old} (replaced by {} in 2025)", row.star_form));
        }
    }
    out
}

/// Why the probes go direct, by whether the platform supports a proxy at all.
fn proxy_note(plan: &Plan) -> String {
    let p = platform::of(plan);
    if p.proxy_supported {
        "behind a proxy, run the script where traffic may go direct, or read a FAIL as the proxy's.".to_string()
    } else {
        format!("{} does not support a proxy.", p.name)
    }
}

/// The scripts themselves, kept as files (see `template`): whole scripts that probe nothing.
const SH_TEMPLATE: &str = include_str!("templates/connectivity.sh");
const PS1_TEMPLATE: &str = include_str!("templates/connectivity.ps1");

/// The `header` slot: the first comment lines, with the plan's name and region.
fn script_header(plan: &Plan, clean: fn(&str) -> String) -> String {
    let mut out = preamble("Connectivity test", plan, clean);
    let _ = writeln!(out, "# Region: {}", clean(&plan.region));
    out
}

/// The `proxy` slot: the template's own line with the platform's words (engine text, never plan
/// text) in place of `<proxy>`, so the sentence around them stays in the template.
fn proxy_line(template: &str, words: &str) -> String {
    block(template, "proxy").replacen("<proxy>", words, 1)
}

/// The `not-probed` slot. Engine text only (fixed words and checked host names), no plan text.
fn not_probed_lines(rows: &[Row]) -> String {
    not_probed(rows).iter().map(|what| format!("#   {what}\n")).collect()
}

pub(super) fn connectivity_sh(plan: &Plan) -> String {
    let rows = checklist(plan);
    let mut calls = String::new();
    for item in script_rows(&rows) {
        match item {
            ScriptRow::Probe { host, port, tls } => {
                let _ = writeln!(calls, "probe '{host}' {port} {}", if tls { "https" } else { "http" });
            }
            ScriptRow::ByHand { host, port, why } => {
                let _ = writeln!(calls, "by_hand '{host}' '{port}' '{why}'");
            }
        }
    }
    fill(SH_TEMPLATE, &[
        ("header", script_header(plan, comment_text)),
        ("proxy", proxy_line(SH_TEMPLATE, &proxy_note(plan))),
        ("not-probed", not_probed_lines(&rows)),
        ("rows", calls),
    ])
}

pub(super) fn connectivity_ps1(plan: &Plan) -> String {
    let rows = checklist(plan);
    let p = platform::of(plan);
    // The sentence before says "not through a proxy", hence "one".
    let one = if p.proxy_supported {
        "behind one, run the script where traffic may go direct, or read a FAIL as the proxy's.".to_string()
    } else {
        format!("{} does not support one.", p.name)
    };
    let mut table = String::from("$rows = @(\n");
    for item in script_rows(&rows) {
        match item {
            ScriptRow::Probe { host, port, tls } => {
                let _ = writeln!(table, "    @{{ Host = '{host}'; Port = {port}; Tls = ${tls}; Why = '' }}");
            }
            ScriptRow::ByHand { host, port, why } => {
                let _ = writeln!(table, "    @{{ Host = '{host}'; Port = '{port}'; Tls = $false; Why = '{why}' }}");
            }
        }
    }
    table.push_str(")\n");
    fill(PS1_TEMPLATE, &[
        ("header", script_header(plan, comment_ascii)),
        ("proxy", proxy_line(PS1_TEMPLATE, &one)),
        ("not-probed", not_probed_lines(&rows)),
        ("rows", table),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_rows_probe_only_what_a_connect_can_test() {
        let row = |dest: &str, ports: &[u16], protocol: Protocol| Row {
            key: dest.into(),
            section: crate::firewall::Section::Aks,
            kind: RowKind::Host,
            destination: dest.into(),
            also: Vec::new(),
            wildcard: false,
            star_form: dest.into(),
            ports: ports.to_vec(),
            protocol,
            why: String::new(),
            who: String::new(),
            sources: Vec::new(),
            probe: true,
            confirmed: false,
            note: String::new(),
        };
        let got = script_rows(&[
            row("a.example", &[443], Protocol::Https),
            row("b.example", &[0], Protocol::Tcp),
            row("c.example", &[1], Protocol::Tcp),
            row("d.example", &[123], Protocol::Udp),
            row("e.example", &[80], Protocol::Http),
            row("a.example", &[443], Protocol::Https),
            // A row that names no internet host (ports between the plan's machines) is no probe,
            // even when its destination would pass for a host name.
            Row { probe: false, ..row("vcenter.example", &[443], Protocol::Tcp) },
        ]);
        assert_eq!(got, [
            ScriptRow::Probe { host: "a.example".into(), port: 443, tls: true },
            ScriptRow::ByHand { host: "b.example".into(), port: "0".into(), why: "no probe for this port" },
            ScriptRow::Probe { host: "c.example".into(), port: 1, tls: false },
            ScriptRow::ByHand { host: "d.example".into(), port: "123".into(), why: "UDP cannot be probed" },
            ScriptRow::Probe { host: "e.example".into(), port: 80, tls: false },
        ]);
    }
}
