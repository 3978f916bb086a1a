#![cfg(not(target_arch = "wasm32"))]
//! `aksarc-netplan export KIND PLAN`: every kind, standard input, and the messages for a wrong
//! kind or a wrong plan.

use std::io::Write;
use std::process::{Command, Stdio};

use aksarc_netplan::exports::{export, export_bytes, Kind};
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

/// The reviewed output of every export kind, of `check` (text and JSON) and of `suggest` for
/// four plans, checked in under `tests/data/golden/`: the example; a plan that reaches the
/// corners (overlapping scopes, a static address inside DHCP, IPv6, a subnet that does not parse,
/// a region without a managed-identity code, ticks); a plan where every VMware rule fires;
/// Microsoft's Azure Local example and multi-rack walk-through; and the bare metal example. A change
/// to any output shows here as a diff to review; `UPDATE_GOLDEN=1 cargo test --test cli_export`
/// rewrites the files after a deliberate change.
#[test]
fn every_output_prints_its_reviewed_file() {
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut differ = Vec::new();
    let plans = [
        ("contoso", example_path()),
        ("varied", format!("{golden}/varied.json")),
        ("every-rule", format!("{golden}/every-rule.json")),
        ("azure-local", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local.json").to_string()),
        ("azure-local-multi-rack", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local-multi-rack.json").to_string()),
        ("aks-bare-metal", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aks-bare-metal.json").to_string()),
    ];
    for (stem, path) in &plans {
        let plan = Plan::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut outputs: Vec<(String, Vec<&str>, i32)> = Kind::ALL
            .iter()
            // The workbook is binary, no file to diff: tests/xlsx.rs reads it back.
            .filter(|k| k.applies_to(&plan) && !k.is_binary())
            .map(|k| (format!("{}.{}", k.name(), k.extension()), vec!["export", k.name()], 0))
            .collect();
        let failing = if matches!(*stem, "contoso" | "azure-local" | "azure-local-multi-rack" | "aks-bare-metal") { 0 } else { 1 };
        outputs.push(("check.txt".into(), vec!["check"], failing));
        outputs.push(("check.json".into(), vec!["check", "--format", "json"], failing));
        outputs.push(("suggest.json".into(), vec!["suggest"], 0));
        for (name, mut args, code) in outputs {
            args.push(path);
            let r = run(&args, None);
            assert_eq!(r.code, code, "{stem} {args:?}: {}", r.stderr);
            let file = format!("{golden}/{stem}.{name}");
            if update {
                std::fs::write(&file, &r.stdout).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
            if r.stdout != want {
                differ.push(file);
            }
        }
    }
    assert!(differ.is_empty(), "outputs differ from their reviewed files (diff them, then UPDATE_GOLDEN=1): {differ:#?}");
    // The engine and the CLI print the same.
    assert_eq!(run(&["export", "metallb", &example_path()], None).stdout, export(Kind::Metallb, &Plan::example()));
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
    assert!(r.stdout.contains("Add-PlannedExclusion -Scope 10.20.0.0 -StartRange 10.20.0.150 -EndRange 10.20.0.150"));
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

/// SPEC §12.5: a plan with errors gets no deployment export: the errors on stderr, exit 1,
/// nothing on stdout; with --force the export, its errors listed first. The other exports stay.
#[test]
fn a_plan_with_errors_gets_no_deployment_export_unless_forced() {
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local.json")).unwrap()).unwrap();
    plan["segments"][0]["vlan"] = 5000.into();
    plan["segments"][0]["ip_pools"] = serde_json::json!(["10.220.32.18-10.220.32.20"]);
    let text = plan.to_string();
    for kind in ["az-lnet", "az-aksarc", "az-lb"] {
        let r = run(&["export", kind, "-"], Some(&text));
        assert_eq!(r.code, 1, "{kind}");
        assert!(r.stdout.is_empty(), "{kind}: {}", r.stdout);
        assert!(r.stderr.contains("the plan has 2 error(s)") && r.stderr.contains("invalid-count segments[0].vlan")
            && r.stderr.contains("ip-pool-exhausted segments[0].ip_pools"), "{kind}: {}", r.stderr);
        let forced = run(&["export", kind, "--force", "-"], Some(&text));
        assert_eq!(forced.code, 0, "{kind}: {}", forced.stderr);
        let lines: Vec<&str> = forced.stdout.lines().collect();
        assert_eq!(lines[0], "#!/usr/bin/env bash");
        assert!(lines[1].starts_with("# THE PLAN HAS 2 error(s)"), "{}", lines[1]);
        assert!(forced.stdout.contains("#   invalid-count segments[0].vlan"));
    }
    // The ARM template: refused too, and forced it carries the errors in its metadata.
    assert_eq!(run(&["export", "arm", "-"], Some(&text)).code, 1);
    let forced = run(&["export", "arm", "--force", "-"], Some(&text));
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let template: serde_json::Value = serde_json::from_str(&forced.stdout).unwrap();
    assert_eq!(template["metadata"]["planErrors"].as_array().map(Vec::len), Some(2));
    for kind in ["metallb", "firewall-csv", "preflight-bash", "requirements-csv"] {
        assert_eq!(run(&["export", kind, "-"], Some(&text)).code, 0, "{kind} helps fix the plan and stays available");
    }
}

/// `-o FILE` writes any export to the file, byte for byte what standard output gets.
#[test]
fn output_writes_the_file() {
    let dir = std::env::temp_dir().join(format!("aksarc-netplan-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.yaml");
    let path = file.to_str().unwrap();
    for option in ["-o", "--output"] {
        let r = run(&["export", "metallb", &example_path(), option, path], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.is_empty());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), run(&["export", "metallb", &example_path()], None).stdout);
    }
    let book = dir.join("plan.xlsx");
    let r = run(&["export", "xlsx", &example_path(), "-o", book.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read(&book).unwrap(), export_bytes(Kind::Xlsx, &Plan::example()));
    // Standard output that is not a terminal (a pipe here) takes the workbook as it is.
    let piped = Command::new(BIN).args(["export", "xlsx", &example_path()]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, export_bytes(Kind::Xlsx, &Plan::example()));
    // A file that cannot be written is bad input.
    let r = run(&["export", "xlsx", &example_path(), "-o", "/nonexistent/dir/plan.xlsx"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write /nonexistent/dir/plan.xlsx"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The workbook is not written to a terminal: exit 2, naming the option. `script` gives the
/// command a terminal for standard output.
#[test]
fn xlsx_refuses_a_terminal() {
    let command = format!("{BIN} export xlsx {}", example_path());
    let out = Command::new("script").args(["-qec", &command, "/dev/null"]).stdin(Stdio::null()).output().expect("script (util-linux) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("binary file") && text.contains("-o FILE") && text.contains("--output"), "{text}");
    assert!(!text.contains("PK"), "the workbook reached the terminal");
    // With -o the terminal gets nothing and the file the workbook.
    let file = std::env::temp_dir().join(format!("aksarc-netplan-tty-{}.xlsx", std::process::id()));
    let command = format!("{command} -o {}", file.display());
    let out = Command::new("script").args(["-qec", &command, "/dev/null"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));
    std::fs::remove_file(&file).unwrap();
}
