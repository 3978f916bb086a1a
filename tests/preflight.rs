#![cfg(not(target_arch = "wasm32"))]
//! The preflight scripts: the bash one run for real against this machine only (a plan on
//! 127.0.0.0/24 and a listener the test opens), both checked for what they probe; the bash
//! template run on its own (tests/consumers.rs reads every template with bash, shellcheck and
//! the PowerShell grammar).

mod support {
    pub mod powershell;
    pub mod shell;
}

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use aksarc_netplan::exports::{export, Kind};
use aksarc_netplan::model::{Cluster, NodePool, Plan, ResourceBridge, Segment};

/// A VMware plan on the loopback network: every probe stays on this machine.
fn loopback_plan() -> Plan {
    Plan {
        name: "Loopback".into(),
        segments: vec![Segment {
            name: "lo".into(),
            subnet: "127.0.0.0/24".into(),
            gateway: Some("127.0.0.1".into()),
            dns: vec!["127.0.0.2".into()],
            dhcp: vec!["127.0.0.100-127.0.0.199".into()],
            ..Segment::default()
        }],
        clusters: vec![Cluster {
            name: "c".into(),
            segment: "lo".into(),
            control_plane_ip: Some("127.0.0.20".into()),
            control_plane_nodes: 1,
            node_pools: vec![NodePool { name: "p".into(), nodes: 1 }],
            services: 4,
            lb_pools: vec!["127.0.0.30-127.0.0.33".into()],
            host_ip: None,
            existing: false,
            lb_pools_existing: Vec::new(),
        }],
        resource_bridge: Some(ResourceBridge { control_plane_ip: "127.0.0.5".into(), appliance_vm_ips: "127.0.0.6-127.0.0.7".into() }),
        ..Plan::default()
    }
}

fn script(plan: &Plan, name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.sh"));
    std::fs::write(&path, export(Kind::PreflightSh, plan)).unwrap();
    path
}

/// Runs the script with arguments; (exit code, stdout).
fn run(path: &PathBuf, args: &[&str]) -> (i32, String) {
    let out = Command::new("bash").arg(path).args(args).env("AKSARC_TIMEOUT", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).to_string())
}

/// The address lines: (status, address).
fn statuses(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter(|l| l.starts_with("free ") || l.starts_with("IN USE "))
        .map(|l| {
            let status = if l.starts_with("free") { "free" } else { "IN USE" };
            let address = l.trim_start_matches("IN USE").trim_start_matches("free").split_whitespace().next().unwrap_or("").to_string();
            (status.to_string(), address)
        })
        .collect()
}

const PLANNED: [&str; 8] = ["127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.20", "127.0.0.30", "127.0.0.31", "127.0.0.32", "127.0.0.33"];

#[test]
fn an_address_with_a_listener_is_in_use_and_the_others_are_free() {
    let path = script(&loopback_plan(), "preflight-listener");
    let listener = TcpListener::bind("127.0.0.31:6443").expect("port 6443 of 127.0.0.31 is free on this machine");
    let (code, out) = run(&path, &["--addresses", "--no-ping"]);
    drop(listener);
    assert_eq!(code, 1, "{out}");
    let want: Vec<(String, String)> =
        PLANNED.iter().map(|a| ((if *a == "127.0.0.31" { "IN USE" } else { "free" }).to_string(), a.to_string())).collect();
    assert_eq!(statuses(&out), want, "{out}");
    assert!(out.contains("(answered: tcp/6443)"), "{out}");
    // Only the addresses part ran.
    assert!(!out.contains("DNS through") && !out.contains("Reach"), "{out}");
}

#[test]
fn with_nothing_listening_every_address_is_free() {
    let path = script(&loopback_plan(), "preflight-free");
    let (code, out) = run(&path, &["--addresses", "--no-ping"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(statuses(&out).iter().filter(|(s, _)| s == "free").count(), PLANNED.len(), "{out}");
    assert!(out.contains("0 planned address(es) in use"), "{out}");
}

#[test]
fn a_bad_option_or_setting_is_refused() {
    let path = script(&loopback_plan(), "preflight-bad");
    let out = Command::new("bash").arg(&path).arg("--everything").output().unwrap();
    assert_eq!(out.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addresses --dns --https --no-ping"));
    let out = Command::new("bash").arg(&path).arg("--addresses").env("AKSARC_TIMEOUT", "0").output().unwrap();
    assert_eq!(out.status.code(), Some(64));
}

/// The addresses a script probes, read back from its list.
fn probed(text: &str, ps1: bool) -> Vec<String> {
    if ps1 {
        text.lines().filter_map(|l| l.split("Address = '").nth(1)).map(|r| r.split('\'').next().unwrap().to_string()).collect()
    } else {
        let list = text.split("planned=(\n").nth(1).unwrap().split("\n)").next().unwrap();
        list.lines().map(|l| l.trim().trim_matches('\'').split('|').next().unwrap().to_string()).collect()
    }
}

#[test]
fn both_scripts_probe_every_planned_address_once() {
    let plan = loopback_plan();
    for kind in [Kind::PreflightSh, Kind::PreflightPs1] {
        assert_eq!(probed(&export(kind, &plan), kind == Kind::PreflightPs1), PLANNED, "{kind}");
    }
    // Azure Local: the IP pool's addresses too (Microsoft's example: a pool of 20), and the
    // firewall hosts and DNS servers for the other two parts.
    let al = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    let sh = export(Kind::PreflightSh, &al);
    let addresses = probed(&sh, false);
    assert_eq!(addresses.len(), 20 + 3, "the pool and three load balancer addresses: {addresses:?}");
    assert!(sh.contains("  'mcr.microsoft.com|443|https'") && sh.contains("dns_servers=("), "{sh}");
    // A huge pool is cut at the bound and says so.
    let mut big = al.clone();
    big.segments[0].subnet = "10.64.0.0/16".into();
    big.segments[0].gateway = Some("10.64.0.1".into());
    big.segments[0].ip_pools = vec!["10.64.0.10-10.64.255.200".into()];
    let text = export(Kind::PreflightSh, &big);
    assert_eq!(probed(&text, false).len(), 4096);
    assert!(text.contains("# Not probed (over 4096 addresses): 10.64.0.10-10.64.255.200 (IP pool) from 10.64.16.10"), "{}", &text[..2000]);
}

#[test]
fn the_bash_script_is_shellcheck_clean() {
    for (name, plan) in [("loopback", loopback_plan()), ("example", Plan::example()), ("azure-local", aksarc_netplan::platform::azure_local::AZURE_LOCAL.example())] {
        support::shell::assert_clean(&export(Kind::PreflightSh, &plan), &format!("preflight-{name}.sh"));
    }
}

const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/exports/templates");

#[test]
fn the_bash_template_alone_checks_an_empty_plan() {
    let out = Command::new("bash").arg(format!("{TEMPLATES}/preflight.sh")).args(["--addresses", "--dns"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Planned addresses (0;") && stdout.contains("0 planned address(es) in use, 0 lookup"), "{stdout}");
}

/// A DNS server on loopback (DNS over TCP) that knows one name: it answers `known` with one A
/// record and every other name with "no such name". Serves until the test ends.
fn fake_dns(known: &'static str) -> u16 {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.2:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut len = [0u8; 2];
            if s.read_exact(&mut len).is_err() {
                continue;
            }
            let mut q = vec![0u8; u16::from_be_bytes(len) as usize];
            if s.read_exact(&mut q).is_err() {
                continue;
            }
            // The question's name, label by label.
            let (mut i, mut labels) = (12, Vec::new());
            while i < q.len() && q[i] != 0 {
                let l = q[i] as usize;
                labels.push(String::from_utf8_lossy(&q[i + 1..i + 1 + l]).to_string());
                i += 1 + l;
            }
            let found = labels.join(".") == known;
            let mut r = q[..2].to_vec();
            r.extend_from_slice(&(if found { 0x8180u16 } else { 0x8183 }).to_be_bytes());
            r.extend_from_slice(&[0, 1, 0, u8::from(found), 0, 0, 0, 0]);
            r.extend_from_slice(&q[12..i + 5]);
            if found {
                r.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 9]);
            }
            let mut out = (r.len() as u16).to_be_bytes().to_vec();
            out.extend_from_slice(&r);
            let _ = s.write_all(&out);
        }
    });
    port
}

#[test]
fn lookups_go_through_the_plans_dns_servers() {
    let port = fake_dns("mcr.microsoft.com");
    let mut plan = loopback_plan();
    plan.segments[0].dns = vec!["127.0.0.2".into()];
    let path = script(&plan, "preflight-dns");
    let out = Command::new("bash")
        .arg(&path)
        .arg("--dns")
        .env("AKSARC_DNS_PORT", port.to_string())
        .env("AKSARC_HTTPS_TIMEOUT", "2")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("DNS through 127.0.0.2"), "{stdout}");
    assert!(stdout.contains("resolved     mcr.microsoft.com"), "{stdout}");
    assert!(stdout.contains("NOT RESOLVED management.azure.com"), "{stdout}");
    // Only lookups failed: exit 2, not 1.
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(!stdout.contains("Planned addresses") && !stdout.contains(NO_DNS_SERVER), "{stdout}");
}

/// What both scripts print above their lookups when the plan has no DNS server.
const NO_DNS_SERVER: &str = "DNS through this machine's resolver (the plan names no DNS server):";

/// With no DNS server in the plan both scripts ask this machine's resolver, say so, and print a
/// line per host as they do through a server. The bash script runs with a stand-in `getent`
/// first on PATH, so that no lookup leaves this machine; PowerShell is read, not run.
#[test]
fn with_no_dns_server_both_scripts_ask_this_machines_resolver() {
    let mut plan = loopback_plan();
    plan.segments[0].dns.clear();

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("preflight-no-dns");
    std::fs::create_dir_all(&dir).unwrap();
    let calls = dir.join("calls");
    let _ = std::fs::remove_file(&calls);
    let getent = dir.join("getent");
    std::fs::write(&getent, format!("#!/usr/bin/env bash\necho \"$*\" >> '{}'\n[ \"$2\" = mcr.microsoft.com ]\n", calls.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&getent, std::fs::Permissions::from_mode(0o755)).unwrap();
    let sh = export(Kind::PreflightSh, &plan);
    assert!(sh.contains("\ndns_servers=()\n"), "{sh}");
    let path = script(&plan, "preflight-no-dns");
    let out = Command::new("bash").arg(&path).arg("--dns").env("PATH", format!("{}:/usr/bin:/bin", dir.display())).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    // A line per host of the script's list, each looked up once through getent.
    let hosts: Vec<&str> = sh
        .split("\nhosts=(\n")
        .nth(1)
        .and_then(|rest| rest.split("\n)").next())
        .unwrap_or("")
        .lines()
        .map(|l| l.trim().trim_matches('\'').split('|').next().unwrap_or(""))
        .collect();
    assert!(hosts.len() > 10 && hosts.contains(&"mcr.microsoft.com"), "{sh}");
    let mut want = vec![NO_DNS_SERVER.to_string()];
    want.extend(hosts.iter().map(|h| format!("{} {h}", if *h == "mcr.microsoft.com" { "resolved    " } else { "NOT RESOLVED" })));
    let printed: Vec<&str> = stdout.lines().skip_while(|l| l.is_empty()).take_while(|l| !l.is_empty()).collect();
    assert_eq!(printed, want, "{stdout}");
    let asked = std::fs::read_to_string(&calls).unwrap_or_default();
    assert_eq!(asked.lines().collect::<Vec<_>>(), hosts.iter().map(|h| format!("ahosts {h}")).collect::<Vec<_>>());

    let ps1 = export(Kind::PreflightPs1, &plan);
    assert!(ps1.contains("\n$dnsServers = @()\n"), "{ps1}");
    support::powershell::assert_parses(&ps1, "preflight-ps1 without a DNS server");
    let branch = ps1
        .split("if ($dnsServers.Count -eq 0) {\n")
        .nth(1)
        .and_then(|rest| rest.split("} else {").next())
        .unwrap_or_else(|| panic!("no branch for a plan without DNS servers:\n{ps1}"));
    assert!(branch.contains(&format!("Write-Output \"{NO_DNS_SERVER}\"")), "{branch}");
    assert!(branch.contains("[System.Net.Dns]::GetHostAddresses($h.Host)") && !branch.contains("-Server"), "{branch}");
    assert!(branch.contains("(\"resolved     {0}\" -f $h.Host)") && branch.contains("(\"NOT RESOLVED {0}\" -f $h.Host)"), "{branch}");
    assert!(branch.contains("$failed++"), "{branch}");
}
