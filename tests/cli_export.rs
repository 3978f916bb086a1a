#![cfg(not(target_arch = "wasm32"))]
//! `aksarc-netplan export KIND PLAN`: every kind, standard input, and the messages for a wrong
//! kind or a wrong plan.

use std::io::Write;
use std::process::{Command, Stdio};

use aksarc_netplan::exports::{export, Kind};
use aksarc_netplan::model::Plan;

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");

fn example_path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contoso.json").to_string()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_string();
        std::thread::spawn(move || {
            let _ = pipe.write_all(input.as_bytes());
        });
    }
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{args:?} panicked: {}", run.stderr);
    run
}

#[test]
fn every_kind_exports_the_example() {
    let plan = Plan::example();
    for kind in Kind::ALL {
        let r = run(&["export", kind.name(), &example_path()], None);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
        assert!(!r.stdout.trim().is_empty(), "{kind} printed nothing");
        assert!(r.stderr.is_empty(), "{kind}: {}", r.stderr);
        assert_eq!(r.stdout, export(kind, &plan), "{kind}: the CLI and the engine disagree");
    }
}

#[test]
fn dash_reads_standard_input() {
    let json = Plan::example().to_json();
    let r = run(&["export", "metallb", "-"], Some(&json));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("kind: IPAddressPool"));
}

#[test]
fn unknown_kind_exits_2_naming_the_kinds() {
    for bad in ["firewall", "CSV", "metallb.yaml", ""] {
        let r = run(&["export", bad, &example_path()], None);
        assert_eq!(r.code, 2, "{bad:?}");
        assert!(r.stdout.is_empty());
        assert!(r.stderr.starts_with("aksarc-netplan: unknown export kind"), "{}", r.stderr);
        assert!(r.stderr.contains(&format!("\"{bad}\"")));
        for kind in Kind::ALL {
            assert!(r.stderr.contains(kind.name()), "{} not named in {}", kind.name(), r.stderr);
        }
    }
    // The kind is checked before the plan is read: a wrong kind never waits for standard input.
    let r = run(&["export", "nope", "-"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown export kind"));
}

#[test]
fn bad_plans_exit_2() {
    let r = run(&["export", "firewall-csv", "/nonexistent/plan.json"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read /nonexistent/plan.json"), "{}", r.stderr);
    let r = run(&["export", "summary-md", "-"], Some(r#"{"schema": 1, "clusterz": []}"#));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("clusterz"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = run(&["export", "firewall-csv"], None);
    assert_eq!(r.code, 2, "a missing PLAN is a usage error");
}

#[test]
fn a_plan_with_errors_still_exports() {
    let mut plan = Plan::example();
    plan.clusters[1].control_plane_ip = Some("10.20.0.150".into());
    plan.segments[0].dhcp.push("not a range".into());
    let r = run(&["export", "dhcp-ps1", "-"], Some(&plan.to_json()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Add-DhcpServerv4ExclusionRange -ScopeId 10.20.0.0 -StartRange 10.20.0.150 -EndRange 10.20.0.150"));
}

#[test]
fn help_lists_the_kinds() {
    let r = run(&["export", "--help"], None);
    assert_eq!(r.code, 0);
    for kind in Kind::ALL {
        assert!(r.stdout.contains(kind.name()), "{} not in the help", kind.name());
    }
    let r = run(&["--help"], None);
    assert!(r.stdout.contains("export"));
}
