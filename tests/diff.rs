#![cfg(not(target_arch = "wasm32"))]
//! What changed between two plans (SPEC §16): a table of changes to Microsoft's Azure Local
//! example, each with the exact differences it must give, written here by hand; the totals and
//! findings that move; the CLI on files, links and standard input, with its exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

use aksarc_netplan::diff::{diff, What};
use aksarc_netplan::model::{NodePool, Plan, Reserved};

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");

fn example() -> Plan {
    Plan::from_json(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local.json")).unwrap()).unwrap()
}

struct Case {
    what: &'static str,
    change: fn(&mut Plan),
    /// (what, object, field, old, new)
    want: &'static [(What, &'static str, &'static str, Option<&'static str>, Option<&'static str>)],
}

const CASES: &[Case] = &[
    Case { what: "nothing", change: |_| {}, want: &[] },
    Case { what: "a cluster added", change: |p| {
            let mut c = p.clusters[1].clone();
            c.name = "cluster-c".into();
            p.clusters.push(c);
        }, want: &[(What::Added, "cluster cluster-c", "", None, Some("on aks-lnet, 1 control plane and 3 worker nodes"))] },
    Case { what: "a cluster removed", change: |p| { p.clusters.remove(1); },
        want: &[(What::Removed, "cluster cluster-b", "", Some("on aks-lnet, 1 control plane and 3 worker nodes"), None)] },
    Case { what: "a cluster renamed: removed and added", change: |p| p.clusters[1].name = "cluster-z".into(),
        want: &[
            (What::Added, "cluster cluster-z", "", None, Some("on aks-lnet, 1 control plane and 3 worker nodes")),
            (What::Removed, "cluster cluster-b", "", Some("on aks-lnet, 1 control plane and 3 worker nodes"), None),
        ] },
    Case { what: "clusters reordered: the same", change: |p| p.clusters.swap(0, 1), want: &[] },
    Case { what: "a node count changed", change: |p| p.clusters[0].node_pools[0].nodes = 6,
        want: &[(What::Changed, "cluster cluster-a", "node pool pool1: nodes", Some("5"), Some("6"))] },
    Case { what: "a node pool added", change: |p| p.clusters[0].node_pools.push(NodePool { name: "gpu".into(), nodes: 2 }),
        want: &[(What::Added, "cluster cluster-a", "node pool gpu", None, Some("2 nodes"))] },
    Case { what: "the control plane grown", change: |p| p.clusters[1].control_plane_nodes = 3,
        want: &[(What::Changed, "cluster cluster-b", "control plane nodes", Some("1"), Some("3"))] },
    Case { what: "a pool changed: one removed, one added", change: |p| p.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.40".into()],
        want: &[
            (What::Added, "logical network aks-lnet", "IP pool", None, Some("10.220.32.18-10.220.32.40")),
            (What::Removed, "logical network aks-lnet", "IP pool", Some("10.220.32.18-10.220.32.37"), None),
        ] },
    Case { what: "a pool written another way: the same", change: |p| p.segments[0].ip_pools = vec!["10.220.32.18 - 10.220.32.37".into()], want: &[] },
    Case { what: "a load balancer range added", change: |p| p.clusters[1].lb_pools.push("10.220.32.50/31".into()),
        want: &[(What::Added, "cluster cluster-b", "load balancer range", None, Some("10.220.32.50/31"))] },
    Case { what: "a reserved entry added and one renamed", change: |p| {
            p.reserved.push(Reserved { name: "vCenter".into(), addresses: "10.220.32.10".into() });
        }, want: &[(What::Added, "addresses in use", "vCenter", None, Some("10.220.32.10"))] },
    Case { what: "the proxy switched on", change: |p| p.proxy = true,
        want: &[(What::Changed, "plan", "proxy", Some("false"), Some("true"))] },
    Case { what: "a VLAN set", change: |p| p.segments[0].vlan = 120,
        want: &[(What::Changed, "logical network aks-lnet", "VLAN", Some("0"), Some("120"))] },
    Case { what: "a firewall row ticked", change: |p| p.firewall_confirmed.push("al:mcr.microsoft.com:443".into()),
        want: &[(What::Added, "firewall checklist", "confirmed", None, Some("al:mcr.microsoft.com:443"))] },
];

#[test]
fn every_change_is_reported_exactly() {
    let mut failures = Vec::new();
    for case in CASES {
        let old = example();
        let mut new = old.clone();
        (case.change)(&mut new);
        let got: Vec<(What, String, String, Option<String>, Option<String>)> =
            diff(&old, &new).changes.into_iter().map(|c| (c.what, c.object, c.field, c.old, c.new)).collect();
        let want: Vec<(What, String, String, Option<String>, Option<String>)> = case
            .want
            .iter()
            .map(|(w, o, f, a, b)| (*w, o.to_string(), f.to_string(), a.map(String::from), b.map(String::from)))
            .collect();
        if got != want {
            failures.push(format!("{}: got {got:#?}, want {want:#?}", case.what));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn totals_and_findings_that_move_are_listed() {
    let old = example();
    let mut new = old.clone();
    // A pool of 15 for the 16 addresses the clusters need: ip-pool-exhausted appears.
    new.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.32".into()];
    let d = diff(&old, &new);
    assert_eq!(d.passes, (true, false));
    assert_eq!(d.findings_new.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["ip-pool-exhausted"]);
    assert!(d.findings_gone.is_empty());
    // And back: the finding goes.
    let back = diff(&new, &old);
    assert_eq!(back.findings_gone.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["ip-pool-exhausted"]);
    // A third cluster of 1 + 3 nodes: 6 more pool addresses (4 node VMs, an upgrade node and its
    // automatic control plane IP), 16 -> 22, and 19 -> 25 in all (5 node IPs and 1 control plane
    // IP more: Microsoft's arithmetic, §12.2).
    let mut more = old.clone();
    let mut c = more.clusters[1].clone();
    c.name = "cluster-c".into();
    more.clusters.push(c);
    let d = diff(&old, &more);
    let line = |key: &str| d.totals.iter().find(|t| t.key == key).map(|t| (t.old, t.new)).unwrap();
    assert_eq!(line("ip_pool_needed"), (16, 22));
    assert_eq!(line("all_ips"), (19, 25));
}

fn cli(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        // A run refused before it reads its input closes the pipe: not this test's failure.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn the_cli_diffs_files_links_and_standard_input_and_says_so_in_its_exit_code() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff");
    std::fs::create_dir_all(&dir).unwrap();
    let old = example();
    let mut new = old.clone();
    new.clusters[0].node_pools[0].nodes = 6;
    let (a, b) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&a, old.to_json()).unwrap();
    std::fs::write(&b, new.to_json()).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let (code, text, _) = cli(&["diff", a, a], None);
    assert_eq!((code, text.trim()), (0, "The plans are the same."));
    let (code, text, _) = cli(&["diff", a, b], None);
    assert_eq!(code, 1);
    assert!(text.contains("~ cluster cluster-a node pool pool1: nodes: 5 -> 6"), "{text}");
    // A share link on one side, standard input on the other.
    let link = format!("https://planner.example/#{}", aksarc_netplan::link::encode(&new));
    let (code, text, err) = cli(&["diff", "-", &link], Some(&old.to_json()));
    assert_eq!(code, 1, "{err}");
    assert!(text.contains("5 -> 6"));
    // Markdown for a ticket, JSON for tools.
    let (_, md, _) = cli(&["diff", a, b, "--format", "markdown"], None);
    assert!(md.contains("| changed | cluster cluster-a | node pool pool1: nodes | 5 | 6 |"), "{md}");
    let (_, json, _) = cli(&["diff", a, b, "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["changes"][0]["what"], "changed");
    assert_eq!(v["changes"][0]["new"], "6");
    // Bad input: exit 2, saying which.
    let (code, _, err) = cli(&["diff", a, "#2not-a-link"], None);
    assert_eq!(code, 2);
    assert!(err.contains("#2not-a-link"), "{err}");
    let (code, _, err) = cli(&["diff", "-", "-"], Some("{}"));
    assert_eq!(code, 2);
    assert!(err.contains("standard input"), "{err}");
}

#[test]
fn a_thousand_clusters_diff_in_linear_work() {
    // Not a timing: one of each change over 1,000 clusters reports exactly those.
    let mut old = example();
    let base = old.clusters[1].clone();
    old.clusters = (0..1000).map(|i| aksarc_netplan::model::Cluster { name: format!("c{i}"), ..base.clone() }).collect();
    let mut new = old.clone();
    new.clusters.reverse();
    new.clusters[10].node_pools[0].nodes = 9;
    new.clusters.pop();
    let d = diff(&old, &new);
    assert_eq!(d.changes.len(), 2, "{:#?}", d.changes);
}

#[test]
fn the_addresses_that_moved_are_those_of_the_changed_objects() {
    use aksarc_netplan::claims::resolve;
    let moved_addresses = |old: &Plan, new: &Plan| aksarc_netplan::diff::moved_addresses((old, &resolve(old)), (new, &resolve(new)));
    let old = example();
    let text = |list: Vec<(aksarc_netplan::addr::AddrRange, String)>| list.into_iter().map(|(r, _)| r.to_string()).collect::<Vec<_>>();
    // Reordered and retyped: nothing moved.
    let mut same = old.clone();
    same.clusters.swap(0, 1);
    same.segments[0].ip_pools = vec!["10.220.32.18 - 10.220.32.37".into()];
    let (new, gone) = moved_addresses(&old, &same);
    assert!(new.is_empty() && gone.is_empty(), "{new:?} {gone:?}");
    // The pool grown to .40 and a load balancer range added to cluster-b (the example's
    // addresses: pool 10.220.32.18-10.220.32.37).
    let mut grown = old.clone();
    grown.segments[0].ip_pools = vec!["10.220.32.18-10.220.32.40".into()];
    grown.clusters[1].lb_pools.push("10.220.32.50/31".into());
    let (new, gone) = moved_addresses(&old, &grown);
    assert_eq!(text(new), ["10.220.32.18-10.220.32.40", "10.220.32.50-10.220.32.51"]);
    assert_eq!(text(gone), ["10.220.32.18-10.220.32.37"]);
}
