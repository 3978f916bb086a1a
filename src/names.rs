//! A field of the plan as people name it: `clusters[12].control_plane_ip` is "cluster prod:
//! control plane IP". Messages on the page and in reports use these names; the paths stay in
//! the JSON `field`, for tools.

use crate::model::Plan;
use crate::platform;

/// The sentence form of a label: first letter upper case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 address", "3 addresses": for every message that counts something, the page's included.
pub(crate) fn plural<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    format!("{n} {}", if n == N::from(1) { one } else { many })
}

/// The pieces of a field path: each a name, or a name with an index (`clusters[12]`).
pub(crate) fn parts(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
            None => (part, None),
        })
        .collect()
}

/// `what` with its 1-based number when the list has more than one entry.
fn nth(what: &str, index: Option<usize>, len: usize) -> String {
    match index {
        Some(i) if len > 1 => format!("{what} {}", i + 1),
        _ => what.to_string(),
    }
}

/// An object's name, or its place when it has none.
fn called(word: &str, name: &str, index: usize) -> String {
    if name.trim().is_empty() {
        format!("{word} {} (no name)", index + 1)
    } else {
        format!("{word} {}", name.trim())
    }
}

/// The field at `path`, named as people do; the path itself when it names nothing the plan has.
///
/// ```
/// use aksarc_netplan::{model::Plan, names::describe};
/// let plan = Plan::example();
/// assert_eq!(describe(&plan, "clusters[1].control_plane_ip"), "cluster cluster-b: control plane IP");
/// assert_eq!(describe(&plan, "segments[0].dns[1]"), "segment aks-seg: DNS server 2");
/// ```
pub fn describe(plan: &Plan, path: &str) -> String {
    let p = parts(path);
    let words = &platform::of(plan).words;
    let network = words.network;
    let named = match p.as_slice() {
        [("name", None)] => Some("plan name".to_string()),
        [("region", None)] => Some("Azure region".to_string()),
        [("proxy", None)] => Some("proxy setting".to_string()),
        [("segments", Some(s)), rest @ ..] => plan.segments.get(*s).map(|seg| {
            let owner = called(network, &seg.name, *s);
            let what = match rest {
                [] => return owner,
                [("name", None)] => "name".to_string(),
                [("subnet", None)] => words.subnet.to_string(),
                [("gateway", None)] => "gateway".to_string(),
                [("dns", i)] => nth("DNS server", *i, seg.dns.len()),
                [("dhcp", i)] => nth("DHCP scope", *i, seg.dhcp.len()),
                [("ip_pools", i)] => nth("IP pool", *i, seg.ip_pools.len()),
                [("dhcp_in_use", None)] => "DHCP leases in use".to_string(),
                [("vlan", None)] => "VLAN".to_string(),
                [("fabric_network", None)] => "fabric network".to_string(),
                _ => return path.to_string(),
            };
            format!("{owner}: {what}")
        }),
        [("clusters", Some(c)), rest @ ..] => plan.clusters.get(*c).map(|cl| {
            let owner = called("cluster", &cl.name, *c);
            let what = match rest {
                [] => return owner,
                [("name", None)] => "name".to_string(),
                [("segment", None)] => network.to_string(),
                [("control_plane_ip", None)] => "control plane IP".to_string(),
                [("host_ip", None)] => "machine address".to_string(),
                [("control_plane_nodes", None)] => "control plane nodes".to_string(),
                [("services", None)] => "LoadBalancer services".to_string(),
                [("lb_pools", i)] => nth("load balancer pool", *i, cl.lb_pools.len()),
                [("node_pools", None)] => "node pools".to_string(),
                [("node_pools", Some(n)), tail @ ..] => {
                    let pool = cl.node_pools.get(*n).map_or_else(|| format!("node pool {}", n + 1), |np| called("node pool", &np.name, *n));
                    match tail {
                        [] => pool,
                        [("nodes", None)] => format!("{pool}, worker nodes"),
                        [("name", None)] => format!("{pool}, name"),
                        _ => return path.to_string(),
                    }
                }
                _ => return path.to_string(),
            };
            format!("{owner}: {what}")
        }),
        [("reserved", Some(r)), rest @ ..] => plan.reserved.get(*r).map(|entry| {
            let owner = called("reserved entry", &entry.name, *r);
            match rest {
                [] => owner,
                [("name", None)] => format!("{owner}: name"),
                [("addresses", None)] => format!("{owner}: addresses"),
                _ => path.to_string(),
            }
        }),
        [("resource_bridge", None), ("control_plane_ip", None)] => Some("resource bridge: control plane IP".to_string()),
        [("resource_bridge", None), ("appliance_vm_ips", None)] => Some("resource bridge: appliance VM IPs".to_string()),
        [("resource_bridge", None)] => Some("resource bridge".to_string()),
        [("management", None), ("subnet", None)] => Some("management network: subnet".to_string()),
        [("management", None), ("infra_pool", None)] => Some("management network: infrastructure pool".to_string()),
        [("management", None), ("vlan", None)] => Some("management network: VLAN".to_string()),
        [("management", None)] => Some("management network".to_string()),
        [("waivers", Some(w)), ..] => Some(format!("waiver {}", w + 1)),
        _ => None,
    };
    named.unwrap_or_else(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_field() {
        let mut plan = Plan::example();
        plan.clusters[0].lb_pools.push("10.20.0.50".into());
        for (path, want) in [
            ("name", "plan name"),
            ("segments[0]", "segment aks-seg"),
            ("segments[0].subnet", "segment aks-seg: subnet"),
            ("segments[0].dhcp[0]", "segment aks-seg: DHCP scope"),
            ("segments[0].dns[0]", "segment aks-seg: DNS server 1"),
            ("clusters[0].lb_pools[1]", "cluster cluster-a: load balancer pool 2"),
            ("clusters[1].lb_pools", "cluster cluster-b: load balancer pool"),
            ("clusters[0].node_pools[1].nodes", "cluster cluster-a: node pool pool2, worker nodes"),
            ("reserved[1].addresses", "reserved entry ESXi hosts: addresses"),
            ("resource_bridge.appliance_vm_ips", "resource bridge: appliance VM IPs"),
            // Paths that name nothing the plan has stay paths.
            ("clusters[9].name", "clusters[9].name"),
            ("segments[0].colour", "segments[0].colour"),
        ] {
            assert_eq!(describe(&plan, path), want, "{path}");
        }
        plan.clusters[1].name = " ".into();
        assert_eq!(describe(&plan, "clusters[1]"), "cluster 2 (no name)");
        let al = crate::platform::azure_local::AZURE_LOCAL.example();
        assert_eq!(describe(&al, "segments[0].subnet"), "logical network aks-lnet: address prefix");
        assert_eq!(describe(&al, "segments[0].ip_pools[0]"), "logical network aks-lnet: IP pool");
    }
}

/// Whether a character would act on a terminal rather than show: the C0 and C1 controls (escape
/// sequences, bells, carriage returns, NUL, which a terminal drops so that `10.0.\0 0.2` would
/// read as another address) and the bidirectional overrides and isolates, which reorder what
/// follows them on the line.
fn acts_on_terminal(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from a plan or a file made safe to print on a terminal: every control character shown as
/// an escape (`\u001b`, `\0`, `\n`, `\t`), so a name cannot set the terminal's title, clear the
/// screen or start a line of its own. Backslashes stay as they are, so Windows paths read as
/// typed. The JSON outputs keep the exact text; this is for text meant to be read.
///
/// ```
/// use aksarc_netplan::names::printable;
/// assert_eq!(printable("lab\u{1b}]0;PASS\u{7}"), "lab\\u001b]0;PASS\\u0007");
/// assert_eq!(printable("10.0.\0 0.2"), "10.0.\\0 0.2");
/// assert_eq!(printable("C:\\plans\\lab.json"), "C:\\plans\\lab.json");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ch if acts_on_terminal(ch) => out.push_str(&format!("\\u{:04x}", ch as u32)),
            ch => out.push(ch),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`printable`] for a message of several lines: its own line breaks stay, every other control
/// character is escaped. For what the CLI prints around the plan's text (its messages, the diff).
pub fn printable_lines(text: &str) -> String {
    text.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}
