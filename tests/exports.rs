#![cfg(not(target_arch = "wasm32"))]
//! The exports: every checklist row reaches the firewall CSV, CSV and Markdown survive hostile
//! names, the host lists take the forms firewalls and Squid expect, MetalLB YAML round-trips the
//! pools, DHCP exclusions merge and sort, and the bash script is valid, shellcheck-clean and
//! really tells an open port from a closed one. Plan text never escapes a comment.

mod support {
    pub mod gen;
    pub mod csv;
    pub mod shell;
    pub mod sources;
}

use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use aksarc_netplan::addr::parse_set;
use aksarc_netplan::exports::{export, file_name, Kind};
use aksarc_netplan::firewall::{checklist, Row};
use aksarc_netplan::model::Plan;
use proptest::prelude::*;
use support::csv::{col, csv_table};
use support::sources::{firewall_contoso, REPLACED_NAMES};

// ---- helpers ---------------------------------------------------------------------------------

fn plan(json: &str) -> Plan {
    Plan::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("export-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The hostile plan: every text field tries to leave its comment, string or cell.
const HOSTILE_NAME: &str = "lab\"; $(touch PWNED) `touch PWNED2` '\n echo pwned \r\n#>\n<script>|x|\u{2028}echo pwned2 \\";

fn hostile_plan() -> Plan {
    let mut p = Plan::example();
    p.name = HOSTILE_NAME.to_string();
    p.region = "eastus\n$(touch PWNED)`id`".to_string();
    p.segments[0].name = format!("seg,\"1\"\n{HOSTILE_NAME}");
    p.clusters[0].segment = p.segments[0].name.clone();
    p.clusters[1].segment = p.segments[0].name.clone();
    p.clusters[0].name = format!("=cmd|' /C calc'!A0 {HOSTILE_NAME}");
    p.clusters[1].name = "@SUM(1+1)*cmd|' /C calc'!A0".to_string();
    p.clusters[1].lb_pools = vec!["10.20.0.40 - 10.20.0.41\n$(touch PWNED)".to_string()];
    p.reserved[0].name = HOSTILE_NAME.to_string();
    p
}

/// Lines of `text` that are not comments (after leading spaces) and not blank.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).collect()
}

/// (host, port) pairs.
type HostPorts = BTreeSet<(String, String)>;

/// What the scripts probe and what they leave to the reader, computed from the checklist.
fn expected_script_rows(rows: &[Row]) -> (HostPorts, HostPorts) {
    let mut probes = BTreeSet::new();
    let mut by_hand = BTreeSet::new();
    for r in rows {
        if r.wildcard {
            by_hand.insert((r.star_form.clone(), r.port_text()));
        } else if r.probe && r.protocol.as_str() == "UDP" {
            by_hand.insert((r.destination.clone(), r.port_text()));
        } else if r.probe {
            probes.insert((r.destination.clone(), r.port_text()));
        }
    }
    (probes, by_hand)
}

// ---- kinds -------------------------------------------------------------------------------------

#[test]
fn every_kind_exports_the_example() {
    let plan = Plan::example();
    // The workbook, binary, is read back in tests/xlsx.rs.
    for kind in Kind::ALL.into_iter().filter(|k| !k.is_binary()) {
        let text = export(kind, &plan);
        assert!(text.ends_with('\n'), "{kind} does not end with a newline");
        assert!(text.lines().count() > 3, "{kind} is nearly empty:\n{text}");
        assert_eq!(text, export(kind, &plan), "{kind} is not deterministic");
        let name = file_name(kind, &plan);
        assert!(name.starts_with("contoso-lab-") && name.ends_with(&format!(".{}", kind.extension())), "{name}");
    }
    assert_eq!(file_name(Kind::ConnectivitySh, &Plan::default()), "plan-connectivity-sh.sh");
}

// ---- firewall ----------------------------------------------------------------------------------

#[test]
fn firewall_csv_has_every_row_of_the_sources_with_its_port() {
    let plan = Plan::example();
    let text = export(Kind::FirewallCsv, &plan);
    let (header, records) = csv_table(&text);
    // The columns of the firewall change request, in this order, then the extras.
    assert_eq!(
        header[..9],
        ["fqdn", "wildcard", "star_form", "port", "protocol", "sources", "section", "confirmed", "replaces"]
    );
    let cols = ["section", "fqdn", "port", "protocol", "sources", "star_form"].map(|name| col(&header, name));
    let got: Vec<[&str; 6]> = records.iter().map(|r| cols.map(|c| r[c].as_str())).collect();
    // One record per row of the sources and port, in the sources' order.
    let mut want = Vec::new();
    for row in firewall_contoso() {
        let section = if row.section == "aks" { "AKS" } else { "Arc resource bridge" };
        for port in row.ports() {
            want.push([section.to_string(), row.destination.clone(), port, row.protocol.clone(), row.from.clone(), row.star_form()]);
        }
    }
    let want: Vec<[&str; 6]> = want.iter().map(|w| [0, 1, 2, 3, 4, 5].map(|i| w[i].as_str())).collect();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "record {i}");
    }
    assert_eq!(got.len(), want.len());
    for old in REPLACED_NAMES {
        let r = records.iter().find(|r| r[col(&header, "replaces")] == old).unwrap_or_else(|| panic!("{old} missing"));
        assert_eq!(r[col(&header, "fqdn")], old.replace(".azureedge.net", ".download.prss.microsoft.com"));
    }
    let wild = records.iter().find(|r| r[col(&header, "fqdn")] == ".blob.core.windows.net").unwrap();
    assert_eq!(wild[col(&header, "wildcard")], "yes");
    let plain = records.iter().find(|r| r[col(&header, "fqdn")] == "gcr.io").unwrap();
    assert_eq!(plain[col(&header, "wildcard")], "no");
}

#[test]
fn firewall_csv_shows_ticks() {
    let mut plan = Plan::example();
    plan.firewall_confirmed = vec!["management.azure.com".into(), "bridge:time.windows.com:123".into()];
    let (header, records) = csv_table(&export(Kind::FirewallCsv, &plan));
    let confirmed: Vec<&str> =
        records.iter().filter(|r| r[col(&header, "confirmed")] == "yes").map(|r| r[col(&header, "key")].as_str()).collect();
    assert_eq!(confirmed, ["management.azure.com", "bridge:time.windows.com:123"]);
}

#[test]
fn csv_quoting_survives_hostile_text() {
    let mut plan = hostile_plan();
    plan.segments[0].subnet = "10.20.0.0/24,\"x\"\r\n;y".to_string();
    let (header, records) = csv_table(&export(Kind::FirewallCsv, &plan));
    let sources = col(&header, "sources");
    assert!(records.iter().any(|r| r[sources] == "10.20.0.0/24,\"x\"\r\n;y"), "the subnet text did not round-trip");

    let text = export(Kind::RequirementsCsv, &hostile_plan());
    let (header, records) = csv_table(&text);
    let (name, table) = (col(&header, "name"), col(&header, "table"));
    let plan = hostile_plan();
    let cluster_names: Vec<&str> = records.iter().filter(|r| r[table] == "cluster").map(|r| r[name].as_str()).collect();
    // Formula-looking names come back with the guard quote, everything else exactly.
    assert_eq!(cluster_names, [format!("'{}", plan.clusters[0].name), format!("'{}", plan.clusters[1].name)]);
    let seg: Vec<&str> = records.iter().filter(|r| r[table] == "segment").map(|r| r[name].as_str()).collect();
    assert_eq!(seg, [plan.segments[0].name.as_str()]);
    assert!(!text.lines().any(|l| l.starts_with('=') || l.starts_with('@')));
}

#[test]
fn firewall_list_is_hosts_in_star_form() {
    let plan = Plan::example();
    let text = export(Kind::FirewallList, &plan);
    let lines: Vec<&str> = text.lines().collect();
    let unique: HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(unique.len(), lines.len(), "duplicates");
    for l in &lines {
        assert!(!l.starts_with('.') && !l.contains(' ') && !l.is_empty(), "{l:?}");
        let body = l.strip_prefix("*.").unwrap_or(l);
        assert!(body.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'), "{l:?}");
    }
    for want in [
        "*.dp.prod.appliances.azure.com", "*.eus.his.arc.azure.com", "management.azure.com", "ctldl.windowsupdate.com",
        "k8connecthelm.download.prss.microsoft.com", "k8connecthelm.azureedge.net", "k8sconnectcsp.azureedge.net",
        "k8sconnectcsp.download.prss.microsoft.com", "*.servicebus.windows.net", "login.windows.net",
    ] {
        assert!(unique.contains(want), "{want} missing");
    }
    // Every host of the sources in star form and the replaced names, nothing else.
    let mut want: HashSet<String> = firewall_contoso().iter().filter(|r| r.is_host()).map(|r| r.star_form()).collect();
    want.extend(REPLACED_NAMES.map(String::from));
    assert_eq!(unique, want.iter().map(String::as_str).collect::<HashSet<&str>>());
    assert!(!text.contains("DNS servers") && !text.contains("appliance VMs"));
}

#[test]
fn squid_acl_lines() {
    let plan = Plan::example();
    let text = export(Kind::FirewallSquid, &plan);
    let code = code_lines(&text);
    assert_eq!(code.last(), Some(&"http_access allow aksarc_netplan"));
    let mut domains = Vec::new();
    for l in &code[..code.len() - 1] {
        let d = l.strip_prefix("acl aksarc_netplan dstdomain ").unwrap_or_else(|| panic!("{l:?}"));
        assert!(!d.contains('*') && !d.contains(' '), "{d}");
        domains.push(d);
    }
    let unique: HashSet<&str> = domains.iter().copied().collect();
    assert_eq!(unique.len(), domains.len());
    for want in [".dp.prod.appliances.azure.com", ".blob.core.windows.net", "management.azure.com", "ctldl.windowsupdate.com", ".his.arc.azure.com"] {
        assert!(unique.contains(want), "{want}");
    }
    // Entries a leading-dot entry already matches are left out, with a comment.
    assert!(!unique.contains("adhs.events.data.microsoft.com") && !unique.contains(".eus.his.arc.azure.com"));
    assert!(text.contains("# adhs.events.data.microsoft.com is covered by .events.data.microsoft.com"));
    for d in &domains {
        for w in domains.iter().filter(|w| w.starts_with('.') && *w != d) {
            assert!(!d.ends_with(*w) && **d != w[1..], "{d} is covered by {w}");
        }
    }
    assert!(!unique.contains("time.windows.com"), "NTP does not go through a proxy");
    assert!(text.contains("also matches") || text.contains("itself"), "the apex note is missing");
    assert!(text.contains("Safe_ports"));
    assert!(text.contains("k8connecthelm.azureedge.net"), "the replaced name is named in a comment");
    assert!(!unique.contains("k8connecthelm.azureedge.net"));
}

// ---- MetalLB -------------------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
struct Doc {
    kind: String,
    name: String,
    list: String,
    items: Vec<String>,
}

/// Reads exactly the shape the export writes; anything else fails the test.
fn parse_metallb(text: &str) -> Vec<Doc> {
    let mut chunks = text.split("\n---\n");
    let head = chunks.next().unwrap();
    assert!(head.lines().all(|l| l.starts_with('#') || l == "---" || l.is_empty()), "text before the first document:\n{head}");
    let mut docs = Vec::new();
    for chunk in chunks {
        let lines: Vec<&str> = chunk.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines[0], "apiVersion: metallb.io/v1beta1");
        let kind = lines[1].strip_prefix("kind: ").unwrap().to_string();
        assert_eq!(lines[2], "metadata:");
        let name = lines[3].strip_prefix("  name: ").unwrap().to_string();
        // metallb-system for MetalLB installed by hand (VMware), kube-system for the Arc extension (Azure Local).
        assert!(matches!(lines[4], "  namespace: metallb-system" | "  namespace: kube-system"), "{}", lines[4]);
        assert_eq!(lines[5], "spec:");
        let list = lines[6].trim().trim_end_matches(':').to_string();
        let items = lines[7..]
            .iter()
            .map(|l| l.strip_prefix("    - ").unwrap_or_else(|| panic!("{l:?}")).trim_matches('"').to_string())
            .collect();
        assert!(name.len() <= 63 && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{name}");
        docs.push(Doc { kind, name, list, items });
    }
    docs
}

/// PyYAML must read the same documents. It is a test dependency (`scripts/setup` installs it):
/// missing, the test fails.
fn check_with_pyyaml(text: &str, docs: &[Doc]) {
    let probe = Command::new("python3").args(["-c", "import yaml"]).output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with PyYAML is missing: run scripts/setup (python3 -m pip install pyyaml)"
    );
    let mut child = Command::new("python3")
        .args(["-c", "import json,sys,yaml; print(json.dumps([d for d in yaml.safe_load_all(sys.stdin) if d is not None]))"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let parsed = parsed.as_array().unwrap();
    assert_eq!(parsed.len(), docs.len());
    for (p, d) in parsed.iter().zip(docs) {
        assert_eq!(p["kind"], d.kind.as_str());
        assert_eq!(p["metadata"]["name"], d.name.as_str());
        let items: Vec<&str> = p["spec"][d.list.as_str()].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(items, d.items);
    }
}

#[test]
fn metallb_yaml_round_trips_the_pools() {
    let p = plan(
        r#"{"schema": 1, "name": "mlb",
        "segments": [{"name": "s4", "subnet": "10.30.0.0/24"}, {"name": "s6", "subnet": "fd00::/64"}],
        "clusters": [
          {"name": "Prod A", "segment": "s4", "lb_pools": ["10.30.0.64/29", " 10.30.0.80 - 10.30.0.89 ", "10.30.0.99", "not-an-ip", "fd00::1"]},
          {"name": "v6", "segment": "s6", "lb_pools": ["fd00::100-fd00::1ff", "fd00::a", "fd00::200/120"]},
          {"name": "empty", "segment": "s4"},
          {"name": "prod-a", "segment": "s4", "lb_pools": ["10.30.0.120-10.30.0.121"]}
        ]}"#,
    );
    let text = export(Kind::Metallb, &p);
    let docs = parse_metallb(&text);
    let kinds: Vec<&str> = docs.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, ["IPAddressPool", "L2Advertisement", "IPAddressPool", "L2Advertisement", "IPAddressPool", "L2Advertisement"]);
    assert_eq!(docs[0].name, "prod-a-pool");
    assert_eq!(docs[0].list, "addresses");
    assert_eq!(docs[0].items, ["10.30.0.64/29", "10.30.0.80-10.30.0.89", "10.30.0.99/32"]);
    assert_eq!((docs[1].list.as_str(), docs[1].items.as_slice()), ("ipAddressPools", &["prod-a-pool".to_string()][..]));
    assert_eq!(docs[2].items, ["fd00::100-fd00::1ff", "fd00::a/128", "fd00::200/120"]);
    // A second cluster whose name gives the same object name gets a suffix.
    assert_eq!((docs[4].name.as_str(), docs[5].items[0].as_str()), ("prod-a-2-pool", "prod-a-2-pool"));
    // Skipped text and pool-less clusters are said in comments.
    assert!(text.contains("# clusters[0].lb_pools[3] skipped"), "{text}");
    assert!(text.contains("# clusters[0].lb_pools[4] skipped"), "the IPv6 pool of an IPv4 segment is skipped");
    assert!(text.contains("# Cluster empty: no load balancer pool"));
    // Every address the kept pools hold is exactly what the plan's text holds.
    for (entry, original) in docs[0].items.iter().zip(["10.30.0.64/29", "10.30.0.80-10.30.0.89", "10.30.0.99"]) {
        assert_eq!(parse_set(entry.trim_end_matches("/32")).unwrap(), parse_set(original).unwrap());
    }
    check_with_pyyaml(&text, &docs);
    check_with_pyyaml(&export(Kind::Metallb, &Plan::example()), &parse_metallb(&export(Kind::Metallb, &Plan::example())));
}

#[test]
fn metallb_for_the_example() {
    let docs = parse_metallb(&export(Kind::Metallb, &Plan::example()));
    assert_eq!(docs.len(), 2, "cluster-b has no pool");
    assert_eq!(docs[0].items, ["10.20.0.30-10.20.0.32"]);
    assert_eq!(docs[1].items, ["cluster-a-pool"]);
}

#[test]
fn metallb_names_stay_unique_when_cluster_names_fold_together() {
    let p = plan(
        r#"{"schema": 1, "segments": [{"name": "s", "subnet": "10.30.0.0/24"}],
        "clusters": [
          {"name": "Prod", "segment": "s", "lb_pools": ["10.30.0.10"]},
          {"name": "prod", "segment": "s", "lb_pools": ["10.30.0.11"]},
          {"name": "PROD!", "segment": "s", "lb_pools": ["10.30.0.12"]},
          {"name": "prod-2", "segment": "s", "lb_pools": ["10.30.0.13"]}]}"#,
    );
    let names: Vec<String> =
        parse_metallb(&export(Kind::Metallb, &p)).into_iter().filter(|d| d.kind == "IPAddressPool").map(|d| d.name).collect();
    // The fourth is named "prod-2" by its user, which the second already took: it becomes "prod-2-2".
    assert_eq!(names, ["prod-pool", "prod-2-pool", "prod-3-pool", "prod-2-2-pool"]);
}

// ---- DHCP ------------------------------------------------------------------------------------

fn dhcp_plan() -> Plan {
    plan(
        r#"{"schema": 1, "name": "dhcp",
        "segments": [
          {"name": "seg", "subnet": "10.0.0.0/24", "gateway": "10.0.0.1", "dhcp": ["10.0.0.100-10.0.0.199"]},
          {"name": "six", "subnet": "fd00::/64", "dhcp": ["fd00::1000-fd00::1fff"]},
          {"name": "broken", "subnet": "10.9.9.9/24"}
        ],
        "reserved": [{"name": "printer", "addresses": "10.0.0.160"}, {"name": "outside any scope", "addresses": "10.0.0.90"}],
        "clusters": [
          {"name": "a", "segment": "seg", "control_plane_ip": "10.0.0.50",
           "lb_pools": ["10.0.0.44-10.0.0.49", "10.0.0.40-10.0.0.45", "10.0.0.150-10.0.0.152", "10.0.0.195-10.0.0.205"]},
          {"name": "b", "segment": "seg", "control_plane_ip": "10.0.0.151", "lb_pools": ["10.0.1.5"]},
          {"name": "c", "segment": "six", "control_plane_ip": "fd00::10", "lb_pools": ["fd00::1100-fd00::110f", "fd00::11"]}
        ],
        "resource_bridge": {"control_plane_ip": "10.0.0.12", "appliance_vm_ips": "10.0.0.10-10.0.0.11"}}"#,
    )
}

#[test]
fn dhcp_exclusions_merge_and_sort() {
    let text = export(Kind::DhcpExclusions, &dhcp_plan());
    let sections: Vec<&str> = text.lines().filter(|l| l.starts_with("# segment ")).collect();
    assert_eq!(sections, ["# segment seg 10.0.0.0/24", "# segment six fd00::/64", "# segment broken: its subnet does not parse, skipped"]);
    let body = |name: &str| -> Vec<String> {
        text.split(&format!("# segment {name} "))
            .nth(1)
            .unwrap()
            .lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    // Overlapping pools (40-45, 44-49) and the adjacent control plane IP (50) merge; the bridge's
    // three addresses merge; the pool crossing the scope's end is split there; the control plane IP
    // inside a pool counts once; the reserved entry inside the scope is listed, the one outside is not.
    assert_eq!(
        body("seg"),
        [
            "10.0.0.10-10.0.0.12",
            "10.0.0.40-10.0.0.50",
            "10.0.0.150-10.0.0.152  # inside DHCP scope",
            "10.0.0.160  # inside DHCP scope",
            "10.0.0.195-10.0.0.199  # inside DHCP scope",
            "10.0.0.200-10.0.0.205",
        ]
    );
    assert_eq!(body("six"), ["fd00::10-fd00::11", "fd00::1100-fd00::110f  # inside DHCP scope"]);
    assert!(text.contains("#   10.0.1.5 load balancer pool 10.0.1.5 of cluster b"), "{text}");
    assert!(!text.contains("10.0.0.90"));
    // Sorted and disjoint.
    let ranges: Vec<_> = body("seg").iter().map(|l| parse_set(l.split("  #").next().unwrap()).unwrap()).collect();
    assert!(ranges.windows(2).all(|w| w[0].end < w[1].start));
}

#[test]
fn dhcp_ps1_excludes_what_lies_in_a_scope() {
    let text = export(Kind::DhcpPs1, &dhcp_plan());
    let calls: Vec<&str> = code_lines(&text).into_iter().filter(|l| l.starts_with("Add-PlannedExclusion ")).collect();
    assert_eq!(
        calls,
        [
            "Add-PlannedExclusion -Scope 10.0.0.0 -StartRange 10.0.0.150 -EndRange 10.0.0.152",
            "Add-PlannedExclusion -Scope 10.0.0.0 -StartRange 10.0.0.160 -EndRange 10.0.0.160",
            "Add-PlannedExclusion -Scope 10.0.0.0 -StartRange 10.0.0.195 -EndRange 10.0.0.199",
            "Add-PlannedExclusion -Scope fd00:: -StartRange fd00::1100 -EndRange fd00::110f -V6",
        ]
    );
    // Running it twice is safe: each add first asks the server for the exclusions it has.
    let helper = text.split("function Add-PlannedExclusion").nth(1).expect("the helper");
    let (get4, add4) = (helper.find("Get-DhcpServerv4ExclusionRange -ScopeId $Scope").unwrap(), helper.find("Add-DhcpServerv4ExclusionRange -ScopeId $Scope").unwrap());
    let (get6, add6) = (helper.find("Get-DhcpServerv6ExclusionRange -Prefix $Scope").unwrap(), helper.find("Add-DhcpServerv6ExclusionRange -Prefix $Scope").unwrap());
    assert!(get4 < add4 && get6 < add6 && helper.contains("already present"));
    assert!(text.contains("# static, outside every DHCP scope already: 10.0.0.10-10.0.0.12, 10.0.0.40-10.0.0.50, 10.0.0.200-10.0.0.205"));
    assert!(text.is_ascii());
    // The example has nothing inside its scope: only comments, saying so.
    let example = export(Kind::DhcpPs1, &Plan::example());
    assert!(code_lines(&example).is_empty());
    assert!(example.contains("nothing to exclude"));
}

// ---- summary ---------------------------------------------------------------------------------

#[test]
fn summary_markdown_for_a_ticket() {
    let text = export(Kind::SummaryMd, &Plan::example());
    assert!(text.starts_with("# Network plan: Contoso lab\n"));
    assert!(text.contains("Region: eastus"));
    assert!(text.contains("**Result: PASS**: 0 error(s), 0 warning(s)."));
    assert!(text.contains("| All addresses | 13 | 19 |"));
    assert!(text.contains("| cluster-a | aks-seg | 5 | 9 | 1 | 3 | 3 | 3 |"));
    assert!(text.contains("| aks-seg | 10.20.0.0/24 | 100 | 0 | 100 | 8 | 14 | 138 |"));
    assert!(text.contains("| 10.20.0.20 | control plane IP 10.20.0.20 of cluster \"cluster-a\" | no |"));
    assert!(text.contains("`k8connecthelm.download.prss.microsoft.com` (replaces `k8connecthelm.azureedge.net`)"));
    assert!(text.contains(&format!("0 of {} rows confirmed", checklist(&Plan::example()).len())));

    let mut failing = Plan::example();
    failing.clusters[1].control_plane_ip = Some("10.20.0.150".into());
    let text = export(Kind::SummaryMd, &failing);
    assert!(text.contains("**Result: FAIL**"));
    assert!(text.contains("| cp-in-dhcp | error | clusters\\[1\\].control\\_plane\\_ip |"), "{text}");
    assert!(text.contains("| 10.20.0.150 | control plane IP 10.20.0.150 of cluster \"cluster-b\" | yes |"));
    assert!(text.contains("Exclude from DHCP: `10.20.0.150`."));
}

#[test]
fn summary_markdown_cells_hold_hostile_text() {
    let text = export(Kind::SummaryMd, &hostile_plan());
    // Each table keeps its column count on every row: no cell was split by `|` or a newline.
    let mut columns = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(cells),
            Some(n) => assert_eq!(cells, n, "row with another column count: {line}"),
        }
    }
    assert!(!text.contains("<script>"));
    assert!(!text.lines().any(|l| l.trim_start().starts_with("echo pwned")));
    assert_eq!(text.lines().filter(|l| l.starts_with("# ")).count(), 1, "one level-1 heading");
}

// ---- connectivity scripts ------------------------------------------------------------------------

#[test]
fn bash_script_is_valid_and_lists_every_row() {
    let plan = Plan::example();
    let text = export(Kind::ConnectivitySh, &plan);
    assert!(text.starts_with("#!/usr/bin/env bash\n"));
    assert!(text.lines().any(|l| l == "set -u"));
    assert!(text.contains("# Plan: Contoso lab\n# Region: eastus\n"));
    support::shell::assert_clean(&text, "example.sh");
    let rows = checklist(&plan);
    let (probes, by_hand) = expected_script_rows(&rows);
    let probe_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("probe '")).collect();
    assert_eq!(probe_lines.len(), probes.len());
    for (host, port) in &probes {
        let scheme = if port == "80" { "http" } else { "https" };
        assert!(probe_lines.contains(&format!("probe '{host}' {port} {scheme}").as_str()), "{host}:{port}");
    }
    assert_eq!(text.lines().filter(|l| l.starts_with("by_hand '")).count(), by_hand.len());
    assert!(text.contains("by_hand '*.blob.core.windows.net' '443' 'a wildcard cannot be probed'"));
    // The replaced names are not probed, only named.
    assert!(!probe_lines.iter().any(|l| l.contains("azureedge")));
    assert!(text.contains("#   k8connecthelm.azureedge.net (replaced by"));
}

/// A local server: reads the request (or TLS ClientHello), answers `HTTP/1.0 200 OK`, closes
/// after the client does (so it never resets the connection).
fn start_listener() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(stream) = conn else { continue };
            std::thread::spawn(move || serve(stream));
        }
    });
    port
}

fn serve(mut s: TcpStream) {
    let mut buf = [0u8; 16 * 1024];
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = s.read(&mut buf);
    let _ = s.write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    let _ = s.shutdown(Shutdown::Write);
    let _ = s.set_read_timeout(Some(Duration::from_millis(1500)));
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
    }
}

fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

struct ScriptRun {
    code: i32,
    stdout: String,
}

fn run_script(path: &Path, port: u16, path_env: Option<&Path>, cwd: &Path) -> ScriptRun {
    let mut cmd = Command::new("bash");
    cmd.arg(path).current_dir(cwd);
    if let Some(dir) = path_env {
        cmd.env_clear().env("PATH", dir);
    }
    let out = cmd
        .env("AKSARC_RESOLVE", "127.0.0.1")
        .env("AKSARC_PORT", port.to_string())
        .env("AKSARC_TIMEOUT", "2")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    ScriptRun { code: out.status.code().expect("exited"), stdout: String::from_utf8(out.stdout).unwrap() }
}

fn check_run(run: &ScriptRun, probes: &HostPorts, by_hand: usize, open: bool) {
    let lines: Vec<&str> = run.stdout.lines().collect();
    let pass: Vec<&&str> = lines.iter().filter(|l| l.starts_with("PASS ")).collect();
    let fail: Vec<&&str> = lines.iter().filter(|l| l.starts_with("FAIL ")).collect();
    let check = lines.iter().filter(|l| l.starts_with("CHECK ")).count();
    assert_eq!(check, by_hand, "{}", run.stdout);
    let (n_pass, n_fail) = if open { (probes.len(), 0) } else { (0, probes.len()) };
    assert_eq!((pass.len(), fail.len()), (n_pass, n_fail), "{}", run.stdout);
    for (host, port) in probes {
        let line = format!("{} {host}:{port}", if open { "PASS" } else { "FAIL" });
        assert!(lines.iter().any(|l| l.starts_with(&line)), "no line {line:?} in\n{}", run.stdout);
    }
    assert_eq!(lines.last().copied(), Some(format!("{n_pass} passed, {n_fail} failed, {by_hand} to check by hand").as_str()));
    assert_eq!(run.code, if open { 0 } else { 1 }, "{}", run.stdout);
}

#[test]
fn bash_script_runs_against_local_listeners() {
    let plan = Plan::example();
    let script = scratch("run.sh", &export(Kind::ConnectivitySh, &plan));
    let (probes, by_hand) = expected_script_rows(&checklist(&plan));
    let cwd = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));

    let open = start_listener();
    check_run(&run_script(&script, open, None, &cwd), &probes, by_hand.len(), true);
    check_run(&run_script(&script, closed_port(), None, &cwd), &probes, by_hand.len(), false);

    // Without curl: bash's /dev/tcp and timeout(1), on a PATH that has only those two.
    let bin = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("export-tests-nocurl");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in ["bash", "timeout"] {
        let target = ["/usr/bin", "/bin"].iter().map(|d| Path::new(d).join(tool)).find(|p| p.exists());
        let target = target.unwrap_or_else(|| panic!("{tool} is not in /usr/bin or /bin"));
        let link = bin.join(tool);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link).unwrap();
    }
    let run = run_script(&script, open, Some(&bin), &cwd);
    check_run(&run, &probes, by_hand.len(), true);
    let run = run_script(&script, closed_port(), Some(&bin), &cwd);
    check_run(&run, &probes, by_hand.len(), false);
}

/// The template alone is the script of a plan with no host: it runs, probes nothing and passes.
#[test]
fn bash_template_alone_probes_nothing_and_passes() {
    let template = concat!(env!("CARGO_MANIFEST_DIR"), "/src/exports/templates/connectivity.sh");
    let out = Command::new("bash").arg(template).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout, "0 passed, 0 failed, 0 to check by hand\n");
}

#[test]
fn bash_script_refuses_bad_settings() {
    let script = scratch("settings.sh", &export(Kind::ConnectivitySh, &Plan::example()));
    for (var, value) in [("AKSARC_TIMEOUT", "abc"), ("AKSARC_TIMEOUT", "0"), ("AKSARC_PORT", "70000"), ("AKSARC_PORT", "1;id")] {
        let out = Command::new("bash").arg(&script).env(var, value).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}={value}");
        assert!(out.stdout.is_empty());
        assert!(String::from_utf8_lossy(&out.stderr).contains(var));
    }
}

#[test]
fn hostile_plan_text_stays_in_comments_of_the_bash_script() {
    let plan = hostile_plan();
    let text = export(Kind::ConnectivitySh, &plan);
    support::shell::assert_clean(&text, "hostile.sh");
    for bad in ["$(touch PWNED)", "`touch PWNED2`", "echo pwned\n"] {
        assert!(!text.contains(bad), "{bad:?} is in the script");
    }
    // The code is that of an empty plan of the same region: plan text changed only comment lines.
    let bare = Plan { region: plan.region.clone(), ..Plan::default() };
    assert_eq!(code_lines(&text), code_lines(&export(Kind::ConnectivitySh, &bare)));
    // Running it creates nothing.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("export-tests-hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let script = scratch("hostile-run.sh", &text);
    let run = run_script(&script, closed_port(), None, &dir);
    assert_eq!(run.code, 1);
    assert!(!dir.join("PWNED").exists() && !dir.join("PWNED2").exists());
}

#[test]
fn powershell_script_text() {
    let plan = Plan::example();
    let text = export(Kind::ConnectivityPs1, &plan);
    assert!(text.is_ascii(), "Windows PowerShell 5.1 reads files without a BOM as ANSI");
    assert!(text.contains("# Plan: Contoso lab\n# Region: eastus\n"));
    assert!(text.contains("Set-StrictMode"));
    assert!(text.contains("if ($failed -gt 0) { exit 1 }"));
    assert!(text.contains("'{0} passed, {1} failed, {2} to check by hand'"));
    let (probes, by_hand) = expected_script_rows(&checklist(&plan));
    for (host, port) in &probes {
        let tls = if port == "80" { "$false" } else { "$true" };
        assert!(text.contains(&format!("@{{ Host = '{host}'; Port = {port}; Tls = {tls}; Why = '' }}")), "{host}");
    }
    for (host, port) in &by_hand {
        assert!(text.contains(&format!("@{{ Host = '{host}'; Port = '{port}'; Tls = $false;")), "{host}");
    }
    assert!(!text.contains("azureedge.net'"), "replaced names are not probed");
    // Balanced braces and parentheses outside comments and strings: a cheap syntax sanity check.
    let mut depth = (0i32, 0i32);
    for line in code_lines(&text) {
        let mut in_str = false;
        for c in line.chars() {
            match c {
                '\'' => in_str = !in_str,
                '{' if !in_str => depth.0 += 1,
                '}' if !in_str => depth.0 -= 1,
                '(' if !in_str => depth.1 += 1,
                ')' if !in_str => depth.1 -= 1,
                _ => {}
            }
            assert!(depth.0 >= 0 && depth.1 >= 0, "{line}");
        }
        assert!(!in_str, "unterminated string: {line}");
    }
    assert_eq!(depth, (0, 0));

    let hostile = export(Kind::ConnectivityPs1, &hostile_plan());
    assert!(hostile.is_ascii());
    for bad in ["$(touch PWNED)", "`touch", "echo pwned\n", "#>\n"] {
        assert!(!hostile.contains(bad), "{bad:?}");
    }
    let bare = Plan { region: hostile_plan().region, ..Plan::default() };
    assert_eq!(code_lines(&hostile), code_lines(&export(Kind::ConnectivityPs1, &bare)));
}

// ---- every export, any plan ----------------------------------------------------------------------

/// Whether `kind` is a script filled from a template of src/exports/templates.
fn is_script(kind: Kind) -> bool {
    matches!(kind.extension(), "sh" | "ps1")
}

/// A line of a script export that is left of a template: a slot's marker, or the placeholder of
/// the platform's words.
fn template_leftover(text: &str) -> Option<&str> {
    text.lines().find(|l| l.starts_with("# @begin ") || l.starts_with("# @end ") || l.contains("<proxy>"))
}

#[test]
fn every_slot_of_the_templates_is_filled() {
    let al = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    let plans = [Plan::example(), Plan { proxy: true, ..al.clone() }, al, dhcp_plan(), hostile_plan(), Plan::default()];
    for plan in &plans {
        for kind in Kind::ALL.into_iter().filter(|k| is_script(*k)) {
            let text = export(kind, plan);
            assert_eq!(template_leftover(&text), None, "{kind} of {}", plan.name);
        }
    }
}

/// The lines of the DHCP script's helper, as the example with something to exclude prints them.
static PS1_HELPER_LINES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut plan = Plan::example();
    plan.clusters[0].control_plane_ip = Some("10.20.0.150".into());
    let text = export(Kind::DhcpPs1, &plan);
    code_lines(&text).into_iter().filter(|l| !l.starts_with("Add-PlannedExclusion -Scope")).map(String::from).collect()
});

/// The lines of each export that are not comments, checked against the export's own grammar.
fn assert_code_lines_are_engine_text(kind: Kind, text: &str) {
    for line in code_lines(text) {
        let ok = match kind {
            Kind::FirewallSquid => {
                line == "http_access allow aksarc_netplan"
                    || ["acl SSL_ports port ", "acl Safe_ports port "].iter().any(|acl| {
                        line.strip_prefix(acl).is_some_and(|ports| ports.split(' ').all(|p| p.parse::<u16>().is_ok()))
                    })
                    || line.strip_prefix("acl aksarc_netplan dstdomain ").is_some_and(|d| {
                        d.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                    })
            }
            Kind::FirewallList => line.chars().all(|c| c.is_ascii_alphanumeric() || ".-*".contains(c)),
            Kind::Metallb => line == "---" || line.chars().all(|c| c.is_ascii_alphanumeric() || " .:/-\"".contains(c)),
            Kind::DhcpExclusions => parse_set(line.split("  # inside DHCP scope").next().unwrap_or_default()).is_ok(),
            // The helper is fixed text; every other line is one call with addresses only.
            Kind::DhcpPs1 => {
                PS1_HELPER_LINES.iter().any(|h| h.trim() == line.trim())
                    || line.starts_with("Add-PlannedExclusion -Scope ") && line.chars().all(|c| c.is_ascii_alphanumeric() || " .:-".contains(c))
            }
            _ => true,
        };
        assert!(ok, "{kind}: line {line:?} is not engine text");
    }
}

/// The plan without anything the scripts' code may depend on, apart from the region.
/// The scripts' code depends on the region and the platform (whose list they probe) only.
fn scripts_only_need_the_region(plan: &Plan) -> Plan {
    Plan { region: plan.region.clone(), platform: plan.platform, ..Plan::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_plan_exports_without_panic_and_keeps_its_text_in_comments(plan in support::gen::plan(&support::gen::hostile())) {
        for kind in Kind::ALL {
            let text = export(kind, &plan);
            prop_assert!(text.ends_with('\n') || text.is_empty(), "{}", kind);
            assert_code_lines_are_engine_text(kind, &text);
            if matches!(kind, Kind::FirewallCsv | Kind::RequirementsCsv) {
                csv_table(&text);
            }
        }
        let bare = scripts_only_need_the_region(&plan);
        for kind in [Kind::ConnectivitySh, Kind::ConnectivityPs1, Kind::FirewallSquid, Kind::FirewallList] {
            let (a, b) = (export(kind, &plan), export(kind, &bare));
            prop_assert_eq!(code_lines(&a), code_lines(&b), "{}", kind);
        }
        for kind in Kind::ALL.into_iter().filter(|k| is_script(*k)) {
            let text = export(kind, &plan);
            prop_assert_eq!(template_leftover(&text), None, "{}", kind);
        }
        prop_assert!(export(Kind::ConnectivityPs1, &plan).is_ascii());
        prop_assert!(export(Kind::DhcpPs1, &plan).is_ascii());
    }

    #[test]
    fn small_plans_export_addresses_that_parse(plan in support::gen::plan(&support::gen::small_space())) {
        for kind in [Kind::Metallb, Kind::DhcpExclusions, Kind::DhcpPs1] {
            assert_code_lines_are_engine_text(kind, &export(kind, &plan));
        }
        for doc in parse_metallb(&export(Kind::Metallb, &plan)) {
            if doc.kind == "IPAddressPool" {
                for item in &doc.items {
                    prop_assert!(parse_set(item).is_ok(), "{}", item);
                }
            }
        }
    }
}

// ---- names, media types and text cleaning ---------------------------------------------------------

#[test]
fn every_kind_has_its_media_type_label_and_name() {
    // Media types by what the file is; each kind spelled out, not derived.
    let want = [
        (Kind::FirewallCsv, "text/csv;charset=utf-8"),
        (Kind::FirewallList, "text/plain;charset=utf-8"),
        (Kind::FirewallSquid, "text/plain;charset=utf-8"),
        (Kind::ConnectivitySh, "text/x-shellscript;charset=utf-8"),
        (Kind::ConnectivityPs1, "text/plain;charset=utf-8"),
        (Kind::Metallb, "application/yaml"),
        (Kind::RequirementsCsv, "text/csv;charset=utf-8"),
        (Kind::SummaryMd, "text/markdown;charset=utf-8"),
        (Kind::Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Kind::DhcpExclusions, "text/plain;charset=utf-8"),
        (Kind::DhcpPs1, "text/plain;charset=utf-8"),
        (Kind::NoProxy, "text/plain;charset=utf-8"),
        (Kind::AzLnet, "text/x-shellscript;charset=utf-8"),
        (Kind::AzAksarc, "text/x-shellscript;charset=utf-8"),
        (Kind::AzLb, "text/x-shellscript;charset=utf-8"),
        (Kind::PreflightSh, "text/x-shellscript;charset=utf-8"),
        (Kind::PreflightPs1, "text/plain;charset=utf-8"),
        // No registered type for Bicep parameters: text, saved rather than opened.
        (Kind::Bicepparam, "text/plain;charset=utf-8"),
        // RFC 8259: JSON has no charset parameter (it is UTF-8).
        (Kind::Arm, "application/json"),
        // RFC 6838 registration of SVG (W3C): image/svg+xml.
        (Kind::MapSvg, "image/svg+xml"),
    ];
    assert_eq!(want.len(), Kind::ALL.len());
    let (mut labels, mut descriptions) = (HashSet::new(), HashSet::new());
    for (kind, mime) in want {
        assert_eq!(kind.mime(), mime, "{kind:?}");
        assert_eq!(format!("{kind}"), kind.name());
        // Buttons and help lines tell the kinds apart.
        assert!(labels.insert(kind.label()) && !kind.label().is_empty(), "{kind:?}");
        assert!(descriptions.insert(kind.description()) && kind.description().len() > 20, "{kind:?}");
    }
}

#[test]
fn comment_and_markdown_text_stay_on_one_line() {
    use aksarc_netplan::exports::{comment_ascii, comment_text, md_text};
    assert_eq!(comment_text("lab\n"), "lab", "a line end becomes a space, and a trailing space goes");
    assert_eq!(comment_text("  a \t\n b  "), "a b");
    assert_eq!(comment_text("lab\n$(rm -rf /) `id` \"x\""), "lab _(rm -rf /) id x");
    assert_eq!(comment_ascii("Zürich \u{2028}x"), "Z?rich x");
    assert_eq!(comment_text(&"x".repeat(500)).chars().count(), 101, "100 characters and an ellipsis");
    assert_eq!(md_text("a|b\n<i>\u{2028}&"), "a\\|b &lt;i&gt; &amp;");
    assert_eq!(md_text("*_[x]`\\"), "\\*\\_\\[x\\]\\`\\\\");
}

// ---- MetalLB per cluster ----------------------------------------------------------------------

/// The YAML documents of a MetalLB file (what follows each `---`).
fn yaml_documents(text: &str) -> Vec<String> {
    text.split("\n---\n").skip(1).map(|d| d.trim_end().to_string()).collect()
}

#[test]
fn metallb_per_cluster_files_are_the_all_in_one_file_split() {
    use aksarc_netplan::exports::{metallb_cluster, metallb_cluster_file};
    let varied = plan(&std::fs::read_to_string(format!("{}/tests/data/golden/varied.json", env!("CARGO_MANIFEST_DIR"))).unwrap());
    for p in [Plan::example(), aksarc_netplan::platform::azure_local::AZURE_LOCAL.example(), varied, hostile_plan()] {
        let all = yaml_documents(&export(Kind::Metallb, &p));
        let split: Vec<String> = (0..p.clusters.len()).flat_map(|c| yaml_documents(&metallb_cluster(&p, c))).collect();
        assert_eq!(split, all, "{}", p.name);
    }
    assert_eq!(metallb_cluster_file(&Plan::example(), 1), "contoso-lab-metallb-cluster-b.yaml");
}

#[test]
fn metallb_cluster_option_in_the_cli() {
    let bin = env!("CARGO_BIN_EXE_aksarc-netplan");
    let example = format!("{}/examples/contoso.json", env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let one = run(&["export", "metallb", "--cluster", "cluster-a", &example]);
    assert_eq!(one.status.code(), Some(0));
    let text = String::from_utf8(one.stdout).unwrap();
    assert_eq!(yaml_documents(&text).len(), 2, "{text}");
    assert!(text.contains("name: cluster-a-pool") && !text.contains("cluster-b"), "{text}");
    let unknown = run(&["export", "metallb", "--cluster", "nope", &example]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("\"cluster-a\", \"cluster-b\""));
    let wrong = run(&["export", "firewall-csv", "--cluster", "cluster-a", &example]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("metallb and bicepparam exports only"));
}

/// A comment in a script or configuration file is read as plain text: a name that was quoted in
/// the plan's messages must not come out wrapped in underscores or backticks (`_cluster-a_`),
/// which reads as Markdown. Every comment line of every text export of the golden plans, which
/// name clusters, networks and reserved entries.
#[test]
fn comment_lines_carry_no_markdown() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/golden");
    for file in ["every-rule.json", "varied.json"].map(|f| format!("{dir}/{f}")).into_iter()
        .chain(["azure-local", "contoso", "aks-bare-metal", "azure-local-multi-rack"].map(|f| format!("{}/examples/{f}.json", env!("CARGO_MANIFEST_DIR"))))
    {
        let plan = Plan::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for kind in Kind::ALL.into_iter().filter(|k| !k.is_binary() && ["sh", "ps1", "conf", "yaml", "txt"].contains(&k.extension())) {
            for line in export(kind, &plan).lines().filter(|l| l.trim_start().starts_with('#')) {
                let marked = line.split_whitespace().any(|w| {
                    let w = w.trim_end_matches([',', '.', ':', ';', ')']);
                    w.len() > 2 && w.starts_with('_') && w.ends_with('_')
                });
                assert!(!marked && !line.contains('`') && !line.contains("**"), "{file}, {kind:?}: {line}");
            }
        }
    }
}

/// One range copied into a list is one row of the summary's addresses, with how many times.
#[test]
fn summary_lists_copies_of_one_range_once() {
    let mut plan = Plan::example();
    plan.clusters[0].lb_pools = vec!["10.20.0.30-10.20.0.32".to_string(); 5];
    let md = export(Kind::SummaryMd, &plan);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| 10.20.0.30-10.20.0.32 |")).collect();
    assert_eq!(rows.len(), 1, "{md}");
    assert!(rows[0].contains(" (5 times) | no |"), "{}", rows[0]);
    // The example as it is: one copy, no count.
    let md = export(Kind::SummaryMd, &Plan::example());
    assert!(md.lines().any(|l| l.starts_with("| 10.20.0.30-10.20.0.32 |") && !l.contains("times)")));
}
