//! Preflight scripts (bash and PowerShell), run on the network before deploying: is every
//! address the plan assigns really free, do the firewall's hosts resolve, can they be reached?
//!
//! An address counts as in use when it answers a ping or accepts a TCP connection on 22, 80,
//! 443 or 6443 (SSH, web, the Kubernetes API): what a forgotten VM or appliance usually has
//! open. A refused connection does not count: it needs no host on some stacks (loopback), and a
//! host that refuses everything is rare.

use super::scripts::{script_rows, ScriptRow};
use super::*;

/// The most addresses a preflight script probes; the rest are named in a comment.
pub const MAX_PROBED: u128 = 4096;

/// One planned static address (or a range cut at [`MAX_PROBED`]) and what it is for.
struct Planned {
    range: AddrRange,
    /// A fixed word per kind (plan text never reaches the code).
    what: &'static str,
    /// The claim's label, for the comment above it.
    label: String,
}

fn planned(resolved: &Resolved) -> Vec<Planned> {
    let mut out: Vec<Planned> = resolved
        .claims
        .iter()
        .filter_map(|c| {
            let what = match c.kind {
                ClaimKind::ControlPlane => "control plane IP",
                ClaimKind::LbPool => "load balancer",
                ClaimKind::IpPool => "IP pool",
                ClaimKind::BridgeControlPlane | ClaimKind::BridgeVm => "resource bridge",
                ClaimKind::InfraPool => "infrastructure pool",
                _ => return None,
            };
            Some(Planned { range: c.range, what, label: c.label.clone() })
        })
        .collect();
    out.sort_by_key(|p| p.range);
    out
}

/// The addresses to probe, in order, each once, at most [`MAX_PROBED`]; and the ranges left out.
///
/// `planned` is sorted by range, so what earlier ranges covered at or after a range's start is
/// one run from that start to the furthest end so far: each range probes only what lies past
/// that end. The walk is the union of the ranges, each address once, however many ranges
/// repeat it (the same as walking every range through a set of seen addresses, in work bounded
/// by the ranges and the addresses probed).
fn addresses(planned: &[Planned]) -> (Vec<(String, &'static str)>, Vec<String>) {
    let mut out = Vec::new();
    let mut left = Vec::new();
    // The furthest address probed so far, per family (ranges come V4 first).
    let mut reach: Option<(Family, u128)> = None;
    for p in planned {
        let r = p.range;
        if (out.len() as u128) >= MAX_PROBED {
            left.push(format!("{} ({}) from {}", r, p.what, format_addr(r.family, r.start)));
            continue;
        }
        let from = match reach {
            Some((family, end)) if family == r.family && end >= r.start => match end.checked_add(1) {
                Some(next) if next <= r.end => next,
                _ => continue,
            },
            _ => r.start,
        };
        let mut a = from;
        loop {
            if (out.len() as u128) >= MAX_PROBED {
                left.push(format!("{} ({}) from {}", r, p.what, format_addr(r.family, a)));
                break;
            }
            out.push((format_addr(r.family, a), p.what));
            reach = Some((r.family, a));
            if a == r.end {
                break;
            }
            a += 1;
        }
    }
    (out, left)
}

/// The concrete hosts of the checklist with their port and scheme, and the plan's DNS servers
/// (as the claims parsed them), each once.
fn hosts(plan: &Plan, resolved: &Resolved) -> (Vec<(String, u16, bool)>, Vec<String>) {
    let probes = script_rows(&checklist(plan))
        .into_iter()
        .filter_map(|r| match r {
            ScriptRow::Probe { host, port, tls } => Some((host, port, tls)),
            ScriptRow::ByHand { .. } => None,
        })
        .collect();
    let mut dns: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for claim in resolved.claims.iter().filter(|c| c.kind == ClaimKind::Dns) {
        if seen.insert(claim.range) {
            dns.push(claim.range.to_string());
        }
    }
    (probes, dns)
}

/// What both scripts take from the plan, worked out once.
struct Preflight<'a> {
    plan: &'a Plan,
    planned: Vec<Planned>,
    /// The addresses to probe and what each is for.
    probe: Vec<(String, &'static str)>,
    /// The ranges cut at [`MAX_PROBED`].
    left: Vec<String>,
    /// Host, port, and whether it takes TLS.
    hosts: Vec<(String, u16, bool)>,
    dns: Vec<String>,
}

impl<'a> Preflight<'a> {
    fn of(plan: &'a Plan) -> Preflight<'a> {
        let resolved = resolve(plan);
        let planned = planned(&resolved);
        let (probe, left) = addresses(&planned);
        let (hosts, dns) = hosts(plan, &resolved);
        Preflight { plan, planned, probe, left, hosts, dns }
    }

    /// The `addresses` slot: a comment line per planned address or range, and what is not probed.
    fn address_comments(&self, clean: fn(&str) -> String) -> String {
        let mut out = String::new();
        for p in &self.planned {
            let _ = writeln!(out, "#   {}", clean(&p.label));
        }
        for l in &self.left {
            let _ = writeln!(out, "# Not probed (over {MAX_PROBED} addresses): {l}");
        }
        out
    }

    fn bash(&self) -> String {
        let mut data = String::from("planned=(\n");
        for (address, what) in &self.probe {
            let _ = writeln!(data, "  '{address}|{what}'");
        }
        data.push_str(")\nhosts=(\n");
        for (host, port, tls) in &self.hosts {
            let _ = writeln!(data, "  '{host}|{port}|{}'", scheme(*tls));
        }
        let dns: Vec<String> = self.dns.iter().map(|d| format!("'{d}'")).collect();
        let _ = writeln!(data, ")\ndns_servers=({})", dns.join(" "));
        fill(
            SH_TEMPLATE,
            &[("header", preamble(TITLE, self.plan, comment_text)), ("addresses", self.address_comments(comment_text)), ("data", data)],
        )
    }

    fn powershell(&self) -> String {
        let mut data = String::from("$planned = @(\n");
        for (i, (address, what)) in self.probe.iter().enumerate() {
            let _ = writeln!(data, "    [pscustomobject]@{{ Index = {i}; Address = '{address}'; What = '{what}' }}");
        }
        data.push_str(")\n$hosts = @(\n");
        for (host, port, tls) in &self.hosts {
            let _ = writeln!(data, "    [pscustomobject]@{{ Host = '{host}'; Port = {port}; Scheme = '{}' }}", scheme(*tls));
        }
        let dns: Vec<String> = self.dns.iter().map(|d| format!("'{d}'")).collect();
        let _ = writeln!(data, ")\n$dnsServers = @({})", dns.join(", "));
        fill(
            PS1_TEMPLATE,
            &[("header", preamble(TITLE, self.plan, comment_ascii)), ("addresses", self.address_comments(comment_ascii)), ("data", data)],
        )
    }
}

fn scheme(tls: bool) -> &'static str {
    if tls { "https" } else { "http" }
}

pub(super) fn preflight_sh(plan: &Plan) -> String {
    Preflight::of(plan).bash()
}

pub(super) fn preflight_ps1(plan: &Plan) -> String {
    Preflight::of(plan).powershell()
}

const TITLE: &str = "Preflight check";

/// The scripts themselves, kept as files (see `template`); each alone checks an empty plan.
const SH_TEMPLATE: &str = include_str!("templates/preflight.sh");
const PS1_TEMPLATE: &str = include_str!("templates/preflight.ps1");

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The walk as it was: every address of every range through a set of those seen.
    fn oracle(planned: &[Planned]) -> (Vec<(String, &'static str)>, Vec<String>) {
        let mut seen = std::collections::BTreeSet::new();
        let (mut out, mut left) = (Vec::new(), Vec::new());
        for p in planned {
            let mut a = p.range.start;
            loop {
                if (out.len() as u128) >= MAX_PROBED {
                    left.push(format!("{} ({}) from {}", p.range, p.what, format_addr(p.range.family, a)));
                    break;
                }
                if seen.insert((p.range.family, a)) {
                    out.push((format_addr(p.range.family, a), p.what));
                }
                if a == p.range.end {
                    break;
                }
                a += 1;
            }
        }
        (out, left)
    }

    fn planned_of(ranges: &[(bool, u128, u128)]) -> Vec<Planned> {
        let whats = ["load balancer", "IP pool", "control plane IP"];
        let mut planned: Vec<Planned> = ranges
            .iter()
            .enumerate()
            .map(|(i, &(v6, start, len))| {
                let family = if v6 { Family::V6 } else { Family::V4 };
                Planned { range: AddrRange { family, start, end: start + len }, what: whats[i % 3], label: String::new() }
            })
            .collect();
        planned.sort_by_key(|p| p.range);
        planned
    }

    proptest! {
        #[test]
        fn the_union_walk_probes_what_the_set_walk_did(ranges in prop::collection::vec((any::<bool>(), 0u128..6000, 0u128..3000), 0..12)) {
            let planned = planned_of(&ranges);
            prop_assert_eq!(addresses(&planned), oracle(&planned));
        }
    }

    #[test]
    fn ten_thousand_copies_of_one_range_probe_it_once() {
        // A /21: every copy lies within what the first probed, and the cut is never reached.
        let planned = planned_of(&vec![(false, 0x0a00_1000, 2047); 10_000]);
        let (out, left) = addresses(&planned);
        assert_eq!(out.len(), 2048);
        assert!(left.is_empty());
        assert_eq!(out[0].0, "10.0.16.0");
        assert_eq!(out[2047].0, "10.0.23.255");
        // A /20: the first copy fills the probes, every other one is named as left out.
        let planned = planned_of(&vec![(false, 0x0a00_1000, 4095); 10_000]);
        let (out, left) = addresses(&planned);
        assert_eq!((out.len(), left.len()), (4096, 9_999));
        assert_eq!(left[0], "10.0.16.0-10.0.31.255 (IP pool) from 10.0.16.0");
    }
}
