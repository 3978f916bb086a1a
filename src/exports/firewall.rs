//! The firewall exports: the change-request CSV, the host list, and the Squid allowlist.

use super::*;
use crate::firewall::Protocol;
use crate::platform::FirewallList;

/// A plain DNS name (`*.` allowed first): letters, digits, `-` and dots only.
pub(super) fn valid_host(name: &str) -> bool {
    let body = name.strip_prefix("*.").unwrap_or(name);
    !body.is_empty()
        && body.len() <= 253
        && body.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// A row that names internet hosts (not the DNS servers or a port between the plan's machines).
pub(super) fn is_host_row(row: &Row) -> bool {
    (row.probe || row.wildcard) && valid_host(&row.star_form)
}

pub(super) fn is_replaced(name: &str) -> bool {
    REPLACED.iter().any(|(old, _)| *old == name)
}

/// One row per destination and port.
pub(super) fn firewall_csv(plan: &Plan) -> String {
    let mut out = String::new();
    csv_line(&mut out, &[
        "fqdn", "wildcard", "star_form", "port", "protocol", "sources", "section", "confirmed", "replaces", "why",
        "note", "key",
    ]);
    for row in checklist(plan) {
        let replaces: Vec<&str> = row.also.iter().map(String::as_str).filter(|a| is_replaced(a)).collect();
        let others: Vec<&str> = row.also.iter().map(String::as_str).filter(|a| !is_replaced(a)).collect();
        let mut note = row.note.clone();
        if !others.is_empty() {
            note = format!("{note} Also: {}.", others.join(", ")).trim().to_string();
        }
        let sources = row.sources.join("; ");
        for port in &row.ports {
            csv_line(&mut out, &[
                &row.destination,
                yes(row.wildcard),
                &row.star_form,
                &port.to_string(),
                row.protocol.as_str(),
                &sources,
                row.section.title(),
                yes(row.confirmed),
                &replaces.join("; "),
                &row.why,
                &note,
                &row.key,
            ]);
        }
    }
    out
}

/// Every host name of the checklist, `*.` form, in checklist order, each once; a replaced host
/// is followed by its old name.
fn host_names(plan: &Plan) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for row in checklist(plan).iter().filter(|r| is_host_row(r)) {
        for name in std::iter::once(&row.star_form).chain(row.also.iter()) {
            if valid_host(name) && seen.insert(name.clone()) {
                out.push(name.clone());
            }
        }
    }
    out
}

pub(super) fn firewall_list(plan: &Plan) -> String {
    let mut out = String::new();
    for name in host_names(plan) {
        out.push_str(&name);
        out.push('\n');
    }
    out
}

/// Squid's form of a host entry: (domain, every subdomain too).
fn squid_entry(name: &str) -> (String, bool) {
    match name.strip_prefix("*.") {
        Some(domain) => (domain.to_ascii_lowercase(), true),
        None => (name.to_ascii_lowercase(), false),
    }
}

/// True when `wide` (a leading-dot entry) matches everything `narrow` matches.
fn squid_covers(wide: &(String, bool), narrow: &(String, bool)) -> bool {
    wide.1 && (narrow.0 == wide.0 || narrow.0.ends_with(&format!(".{}", wide.0)))
}

/// The ports of Squid's default `Safe_ports` ACL (squid.conf as shipped), as inclusive ranges.
const SQUID_SAFE_PORTS: [(u16, u16); 10] =
    [(80, 80), (21, 21), (443, 443), (70, 70), (210, 210), (1025, 65535), (280, 280), (488, 488), (591, 591), (777, 777)];

pub(super) fn firewall_squid(plan: &Plan) -> String {
    let rows = checklist(plan);
    // A proxy carries HTTP and HTTPS only (not the NTP row).
    let hosts: Vec<&Row> =
        rows.iter().filter(|r| is_host_row(r) && matches!(r.protocol, Protocol::Http | Protocol::Https)).collect();
    let mut entries: Vec<(String, bool)> = Vec::new();
    for row in &hosts {
        let e = squid_entry(&row.star_form);
        if !entries.contains(&e) {
            entries.push(e);
        }
    }
    let mut kept = Vec::new();
    let mut covered = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        // Entries are distinct, so two never cover each other; name the widest cover.
        match entries.iter().enumerate().filter(|(j, w)| *j != i && squid_covers(w, e)).min_by_key(|(_, w)| w.0.len()) {
            Some((_, w)) => covered.push((e, w)),
            None => kept.push(e),
        }
    }
    let form = |e: &(String, bool)| if e.1 { format!(".{}", e.0) } else { e.0.clone() };

    let mut out = String::new();
    let _ = writeln!(out, "{}", header("Squid allowlist", plan));
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    out.push_str(&waiver_lines(plan, comment_text));
    let _ = writeln!(out, "# Region: {}", comment_text(&plan.region));
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# A leading dot (.example.com) is Squid's dstdomain form of the checklist's *.example.com rows:");
    let _ = writeln!(out, "# it matches every subdomain and also example.com itself.");
    let mut port_list: Vec<String> = Vec::new();
    for row in &hosts {
        let p = format!("{} ({})", row.port_text(), row.protocol);
        if !port_list.contains(&p) {
            port_list.push(p);
        }
    }
    // Squid's default configuration refuses CONNECT to any port but 443 (SSL_ports) and any
    // request to a port outside Safe_ports; the lists' other ports are added to both ACLs,
    // which keeps the default deny lines in force for everything else.
    let mut ssl_ports: Vec<u16> = Vec::new();
    let mut safe_ports: Vec<u16> = Vec::new();
    for row in &hosts {
        for &port in &row.ports {
            if row.protocol == Protocol::Https && port != 443 && !ssl_ports.contains(&port) {
                ssl_ports.push(port);
            }
            if !SQUID_SAFE_PORTS.iter().any(|(low, high)| (*low..=*high).contains(&port)) && !safe_ports.contains(&port) {
                safe_ports.push(port);
            }
        }
    }
    ssl_ports.sort_unstable();
    safe_ports.sort_unstable();
    if ssl_ports.is_empty() && safe_ports.is_empty() {
        let _ = writeln!(out, "# Ports used: {}. Squid's default Safe_ports has 80 and 443 and SSL_ports has 443,", port_list.join(", "));
        let _ = writeln!(out, "# so the default \"http_access deny !Safe_ports\" and \"deny CONNECT !SSL_ports\" lines can stay.");
    } else {
        let _ = writeln!(out, "# Ports used: {}. Squid's default SSL_ports has 443 only and its default", port_list.join(", "));
        let _ = writeln!(out, "# \"http_access deny CONNECT !SSL_ports\" refuses a tunnel to any other port: the acl lines");
        let _ = writeln!(out, "# below add the list's other ports to SSL_ports (and to Safe_ports where the default lacks");
        let _ = writeln!(out, "# them), so the default deny lines can stay.");
    }
    let p = platform::of(plan);
    if p.proxy_supported {
        // What the list's own pages say of a proxy.
        let said = match p.firewall {
            FirewallList::MultiRack => "# The proxy is set per cluster (its https-proxy tag), must be an IPv4 address and must allow\n# HTTP CONNECT.",
            FirewallList::BareMetal => "# The bare metal pages say nothing of a proxy: the machines must reach these endpoints.",
            FirewallList::AzureLocalRegional | FirewallList::AksOnVmware => "",
        };
        if said.is_empty() {
            let _ = writeln!(out, "# Put these lines before \"http_access deny all\". The clusters inherit {}'s proxy", p.words.short);
            let _ = writeln!(out, "# settings; it must not require a password or inspect TLS, and a PAC file is not supported.");
        } else {
            let _ = writeln!(out, "# Put these lines before \"http_access deny all\".\n{said}");
        }
    } else {
        let _ = writeln!(out, "# Put these lines before \"http_access deny all\". {} cannot create clusters behind", p.name);
        let _ = writeln!(out, "# an explicit proxy (rule proxy-unsupported): use them for an intercepting proxy or the");
        let _ = writeln!(out, "# management machine.");
    }
    for row in &hosts {
        for old in row.also.iter().filter(|a| is_replaced(a)) {
            let _ = writeln!(out, "# {} replaces {old} (2025); add the old name only for agents that still use it.", row.star_form);
        }
    }
    for (e, w) in &covered {
        let _ = writeln!(out, "# {} is covered by {} and left out (Squid warns about such duplicates).", form(e), form(w));
    }
    let ports = |list: &[u16]| list.iter().map(u16::to_string).collect::<Vec<_>>().join(" ");
    if !ssl_ports.is_empty() {
        let _ = writeln!(out, "acl SSL_ports port {}", ports(&ssl_ports));
    }
    if !safe_ports.is_empty() {
        let _ = writeln!(out, "acl Safe_ports port {}", ports(&safe_ports));
    }
    for e in &kept {
        let _ = writeln!(out, "acl aksarc_netplan dstdomain {}", form(e));
    }
    let _ = writeln!(out, "http_access allow aksarc_netplan");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squid_coverage() {
        let wide = squid_entry("*.events.data.microsoft.com");
        assert!(squid_covers(&wide, &squid_entry("adhs.events.data.microsoft.com")));
        assert!(squid_covers(&wide, &squid_entry("events.data.microsoft.com")));
        assert!(!squid_covers(&wide, &squid_entry("xevents.data.microsoft.com")));
        assert!(!squid_covers(&squid_entry("mcr.microsoft.com"), &squid_entry("*.data.mcr.microsoft.com")));
    }

    #[test]
    fn host_names_and_replaced_names() {
        for good in ["gcr.io", "*.blob.core.windows.net", "a-b.c1", &format!("{}.io", "a".repeat(63))] {
            assert!(valid_host(good), "{good}");
        }
        let long = format!("{}.io", vec!["a".repeat(60); 5].join("."));
        for bad in ["", "*.", "a b", "a..b", ".a", "a.", "10.0.0.1:443", "DNS servers 10.0.0.2", &format!("{}.io", "a".repeat(64)), &long] {
            assert!(!valid_host(bad), "{bad}");
        }
        assert!(long.len() > 253 && long.split('.').all(|l| l.len() <= 63));
        assert!(is_replaced("k8connecthelm.azureedge.net") && is_replaced("k8sconnectcsp.azureedge.net"));
        assert!(!is_replaced("k8connecthelm.download.prss.microsoft.com") && !is_replaced("gcr.io"));
    }
}
