#![cfg(not(target_arch = "wasm32"))]
//! The real binary: exit codes, messages, the JSON report's shape, standard input, and the
//! suggest / link / decode commands end to end.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use aksarc_netplan::model::Plan;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");

fn example_path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contoso.json").to_string()
}

/// Writes `text` to a file of this test binary's scratch directory.
fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_with(args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_string();
        // Write from a thread so a large input cannot deadlock against a full stdout pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(input.as_bytes());
        });
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    let run = Run {
        code: status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stderr.contains("panicked") && !run.stdout.contains("panicked"), "{args:?} panicked:\n{}", run.stderr);
    run
}

fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

/// Exit 2 with a one-or-two-line message on stderr naming all of `parts`, nothing on stdout.
fn assert_fatal(r: &Run, parts: &[&str]) {
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
    assert!(r.stderr.starts_with("aksarc-netplan: "), "{}", r.stderr);
    for p in parts {
        assert!(r.stderr.contains(p), "stderr {:?} does not name {p:?}", r.stderr);
    }
}

fn with_errors() -> String {
    let mut plan = Plan::example();
    plan.proxy = true;
    plan.clusters[1].control_plane_ip = Some("10.20.0.150".into());
    plan.to_json()
}

// ---- check -----------------------------------------------------------------------------------

#[test]
fn check_passes_the_example() {
    let r = run(&["check", &example_path()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("PASS: 0 error(s), 0 warning(s)"), "{}", r.stdout);
    assert!(r.stdout.contains("cluster-a"));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn check_fails_a_plan_with_errors() {
    let r = run(&["check", &file("errors.json", &with_errors())]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("FAIL: 2 error(s)"), "{}", r.stdout);
    assert!(r.stdout.contains("proxy-unsupported") && r.stdout.contains("cp-in-dhcp"), "{}", r.stdout);
    assert!(r.stdout.contains("clusters[1].control_plane_ip"));
}

#[test]
fn warnings_alone_pass() {
    let mut plan = Plan::example();
    plan.clusters[1].control_plane_ip = Some("10.20.1.21".into());
    let r = run(&["check", &file("warnings.json", &plan.to_json())]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("cp-outside-subnet") && r.stdout.contains("PASS: 0 error(s), 1 warning(s)"), "{}", r.stdout);
}

#[test]
fn bad_address_text_is_a_finding_not_a_fatal_error() {
    let mut plan = Plan::example();
    plan.clusters[0].lb_pools = vec!["10.20.0.300-10.20.0.310".into()];
    let r = run(&["check", "--format", "json", &file("bad-address.json", &plan.to_json())]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let invalid: Vec<&Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "invalid-address").collect();
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0]["field"], "clusters[0].lb_pools[0]");
    assert_eq!(invalid[0]["severity"], "error");
}

#[test]
fn unreadable_input_exits_2_with_the_reason() {
    let missing = format!("{}/no-such-plan.json", env!("CARGO_TARGET_TMPDIR"));
    assert_fatal(&run(&["check", &missing]), &["cannot read", "no-such-plan.json"]);
    assert_fatal(&run(&["check", &file("not-json.json", "schema: 1\nname: lab\n")]), &["not-json.json", "not a plan", "line 1"]);
    assert_fatal(&run(&["check", &file("empty.json", "")]), &["not a plan"]);
    assert_fatal(
        &run(&["check", &file("unknown-field.json", r#"{"schema":1,"clusters":[{"name":"a","servces":3}]}"#)]),
        &["clusters[0]", "servces", "unknown field"],
    );
    assert_fatal(
        &run(&["check", &file("out-of-range.json", r#"{"schema":1,"clusters":[{"name":"a","services":4294967296}]}"#)]),
        &["clusters[0].services", "4294967296"],
    );
    assert_fatal(
        &run(&["check", &file("negative.json", r#"{"schema":1,"segments":[{"name":"s","dhcp_in_use":-5}]}"#)]),
        &["segments[0].dhcp_in_use"],
    );
    assert_fatal(&run(&["check", &file("schema-2.json", r#"{"schema":2,"name":"future"}"#)]), &["schema", "2"]);
    assert_fatal(&run(&["check", &file("array.json", r#"[1, "positional", true]"#)]), &["not a plan", "object"]);
    assert_fatal(&run(&["check", &file("no-schema.json", r#"{"name":"x"}"#)]), &["schema"]);
    let dir = env!("CARGO_TARGET_TMPDIR");
    assert_fatal(&run(&["check", dir]), &["cannot read"]);
    // Not UTF-8.
    let path = file("latin1.json", "");
    std::fs::write(&path, b"{\"schema\":1,\"name\":\"caf\xe9\"}").unwrap();
    assert_fatal(&run(&["check", &path]), &["latin1.json"]);
    // The same refusals for every command that reads a plan.
    for cmd in ["suggest", "link"] {
        assert_fatal(&run(&[cmd, &file("unknown-field2.json", r#"{"schema":1,"proxi":true}"#)]), &["proxi"]);
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["check"][..], &["frobnicate"], &["check", "--format", "yaml", "x.json"], &[]] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.is_empty());
    }
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    for cmd in ["check", "suggest", "link", "decode"] {
        assert!(help.stdout.contains(cmd), "{}", help.stdout);
    }
}

// ---- check --format json ---------------------------------------------------------------------

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// `have` holds every key the SPEC names and nothing outside the SPEC's keys plus `extra`.
fn assert_keys(what: &str, have: &BTreeSet<String>, spec: &[&str], extra: &[&str]) {
    let spec = set(spec);
    let allowed: BTreeSet<String> = spec.union(&set(extra)).cloned().collect();
    let missing: Vec<_> = spec.difference(have).collect();
    let unknown: Vec<_> = have.difference(&allowed).collect();
    assert!(missing.is_empty(), "{what}: missing SPEC keys {missing:?}");
    assert!(unknown.is_empty(), "{what}: keys outside the SPEC and the documented extras {unknown:?}");
}

#[test]
fn json_report_has_the_spec_keys() {
    let mut plan = Plan::example();
    plan.clusters[0].lb_pools.push("10.20.0.31".into()); // lb-overlap: a finding with addresses
    plan.clusters[1].control_plane_ip = None; // cp-missing: one without
    let r = run(&["check", "--format", "json", &file("json-keys.json", &plan.to_json())]);
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).expect("stdout is one JSON document");
    assert_eq!(keys(&v), set(&["requirements", "findings"]));
    let req = &v["requirements"];
    assert_eq!(keys(req), set(&["clusters", "segments", "totals"]));

    let clusters = req["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 2);
    for c in clusters {
        assert_keys("clusters[]", &keys(c), &["node_ips", "control_plane_ips", "lb_ips", "lb_pool_size"],
            &["name", "segment", "node_ips_recommended", "lb_ips_recommended"]);
        for k in ["node_ips", "control_plane_ips", "lb_ips", "lb_pool_size"] {
            assert!(c[k].is_u64(), "clusters[].{k} = {}", c[k]);
        }
    }
    let segments = req["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 1);
    // SPEC §12.2: the IP pool figures are there on both platforms (0 on VMware).
    let seg_keys = [
        "dhcp_size", "dhcp_in_use", "dhcp_available", "node_ips_needed", "node_ips_recommended", "static_free",
        "ip_pool_size", "ip_pool_needed",
    ];
    assert_keys("segments[]", &keys(&segments[0]), &seg_keys, &["name", "subnet"]);
    for k in seg_keys {
        assert!(segments[0][k].is_u64(), "segments[].{k}");
    }
    let total_keys = ["node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips", "ip_pool_needed"];
    assert_keys("totals", &keys(&req["totals"]), &total_keys, &["lb_ips_recommended", "all_ips", "all_ips_recommended"]);

    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 2);
    for f in findings {
        assert_keys("findings[]", &keys(f), &["rule", "severity", "message", "field"], &["addresses"]);
        assert!(f["severity"] == "error" || f["severity"] == "warning");
    }
    let overlap = findings.iter().find(|f| f["rule"] == "lb-overlap").expect("lb-overlap");
    assert_eq!(overlap["field"], "clusters[0].lb_pools[1]");
    assert_eq!(overlap["addresses"], serde_json::json!(["10.20.0.31"]));
    assert!(findings.iter().any(|f| f["rule"] == "cp-missing" && f["field"] == "clusters[1].control_plane_ip"));
}

#[test]
fn json_report_figures_of_the_example() {
    let r = run(&["check", "--format", "json", &example_path()]);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let t = &v["requirements"]["totals"];
    assert_eq!((t["node_ips"].as_u64(), t["node_ips_recommended"].as_u64()), (Some(8), Some(14)));
    assert_eq!((t["control_plane_ips"].as_u64(), t["lb_ips"].as_u64()), (Some(2), Some(3)));
    assert_eq!(t["all_ips_recommended"].as_u64(), Some(19));
    let s = &v["requirements"]["segments"][0];
    assert_eq!(
        [&s["dhcp_size"], &s["dhcp_in_use"], &s["dhcp_available"], &s["node_ips_needed"], &s["node_ips_recommended"], &s["static_free"]]
            .map(|x| x.as_u64().unwrap()),
        [100, 0, 100, 8, 14, 138]
    );
    let c = &v["requirements"]["clusters"];
    assert_eq!(c[0]["lb_pool_size"].as_u64(), Some(3));
    assert_eq!(c[1]["node_ips"].as_u64(), Some(3));
    assert_eq!(v["findings"], serde_json::json!([]));
}

// ---- standard input ------------------------------------------------------------------------

#[test]
fn dash_reads_standard_input() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let r = run_with(&["check", "-"], Some(&text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("PASS"));
    let r = run_with(&["check", "--format", "json", "-"], Some(&with_errors()));
    assert_eq!(r.code, 1);
    assert!(serde_json::from_str::<Value>(&r.stdout).is_ok());
    assert_fatal(&run_with(&["check", "-"], Some("{\"schema\":1,\"bogus\":1}")), &["standard input", "bogus"]);
    assert_fatal(&run_with(&["check", "-"], Some("")), &["standard input", "not a plan"]);
}

// ---- suggest, link, decode -----------------------------------------------------------------

#[test]
fn suggest_fills_a_missing_control_plane_ip() {
    let mut plan = Plan::example();
    plan.clusters[1].control_plane_ip = None;
    let path = file("no-cp.json", &plan.to_json());
    assert_eq!(run(&["check", &path]).code, 1, "cp-missing is an error");

    let r = run(&["suggest", &path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("filled clusters[1].control_plane_ip = 10.20.0.4"), "{}", r.stderr);
    let suggested = Plan::from_json(&r.stdout).expect("suggest prints a plan");
    assert_eq!(suggested.clusters[1].control_plane_ip.as_deref(), Some("10.20.0.4"));
    let mut rest = suggested.clone();
    rest.clusters[1].control_plane_ip = None;
    assert_eq!(rest, plan, "nothing else changed");

    let checked = run_with(&["check", "-"], Some(&r.stdout));
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    // From standard input too.
    let r2 = run_with(&["suggest", "-"], Some(&plan.to_json()));
    assert_eq!(r2.stdout, r.stdout);
}

#[test]
fn suggest_reports_what_it_cannot_fill_and_still_prints_the_plan() {
    let mut plan = Plan::example();
    plan.clusters[1].segment = "elsewhere".into();
    plan.clusters[1].control_plane_ip = None;
    let r = run(&["suggest", &file("unfillable.json", &plan.to_json())]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("not filled clusters[1].control_plane_ip"), "{}", r.stderr);
    assert_eq!(Plan::from_json(&r.stdout).unwrap(), plan);
}

#[test]
fn link_then_decode_round_trips() {
    let r = run(&["link", &example_path()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fragment = r.stdout.trim();
    assert!(fragment.starts_with("#2"), "{fragment}");
    assert!(fragment.len() < 400);

    let d = run(&["decode", fragment]);
    assert_eq!(d.code, 0, "{}", d.stderr);
    assert_eq!(Plan::from_json(&d.stdout).unwrap(), Plan::example());

    // With --base, a whole URL; decode takes it whole, and from standard input.
    let r = run(&["link", "--base", "https://netplan.example/app/?x=1#old", &example_path()]);
    let url = r.stdout.trim();
    assert!(url.starts_with("https://netplan.example/app/?x=1#2"), "{url}");
    assert_eq!(Plan::from_json(&run(&["decode", url]).stdout).unwrap(), Plan::example());
    let d = run_with(&["decode", "-"], Some(&format!("{url}\n")));
    assert_eq!(d.code, 0, "{}", d.stderr);
    assert_eq!(Plan::from_json(&d.stdout).unwrap(), Plan::example());
    // Without the '#'.
    assert_eq!(Plan::from_json(&run(&["decode", &fragment[1..]]).stdout).unwrap(), Plan::example());
}

#[test]
fn decode_of_garbage_exits_2_with_a_clear_message() {
    assert_fatal(&run(&["decode", "#1!!!not-base64!!!"]), &["damaged"]);
    assert_fatal(&run(&["decode", "#1AAAA"]), &["damaged"]);
    assert_fatal(&run(&["decode", "#"]), &["no plan"]);
    assert_fatal(&run(&["decode", ""]), &["no plan"]);
    assert_fatal(&run(&["decode", "#3abc"]), &["\"3\"", "newer release"]);
    // One character changed in a link of today: refused by its checksum, plan unchanged.
    let good = run(&["link", &example_path()]).stdout.trim().to_string();
    let mut bad: Vec<char> = good.chars().collect();
    bad[40] = if bad[40] == 'A' { 'B' } else { 'A' };
    assert_fatal(&run(&["decode", &bad.into_iter().collect::<String>()]), &["damaged", "checksum", "ask for the link again"]);
    // A page address that lost its fragment (chat tools do that) holds no plan.
    assert_fatal(&run(&["decode", "https://host/page?x=1"]), &["no plan"]);
    let fragment = run(&["link", &example_path()]).stdout.trim().to_string();
    assert_fatal(&run(&["decode", &fragment[..fragment.len() / 2]]), &["damaged"]);
}
