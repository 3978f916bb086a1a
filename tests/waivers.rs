#![cfg(not(target_arch = "wasm32"))]
//! Accepted findings (waivers, SPEC §17): a waiver keeps its finding listed, marked with the
//! reason, and stops it failing the plan (verdict, exit status, deployment exports); a waiver
//! that matches nothing is the warning `waiver-unused`; links, files, reports and exports carry
//! them. The plan is `tests/data/waivers.json`: two clusters share the load balancer addresses
//! 10.220.32.48-10.220.32.49 on purpose, and a second waiver names a finding the plan does not have.

mod support {
    pub mod shell;
}

use std::path::PathBuf;
use std::process::Command;

use aksarc_netplan::check::evaluate;
use aksarc_netplan::edit::{apply, Edit};
use aksarc_netplan::exports::{export, Kind};
use aksarc_netplan::model::{Plan, Waiver};
use aksarc_netplan::rules::{RuleId, Severity};
use aksarc_netplan::{diff, link, report};

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");
const PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/waivers.json");
const SHARED: &str = "Shared VIPs: the edge firewall NATs them to one cluster at a time";

fn plan() -> Plan {
    Plan::from_json(&std::fs::read_to_string(PLAN).unwrap()).unwrap()
}

fn without_waivers() -> Plan {
    Plan { waivers: Vec::new(), ..plan() }
}

fn scratch(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("waiver-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The CLI's exit code and standard output.
fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("the binary runs");
    (out.status.code().expect("exited"), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn an_accepted_overlap_stays_listed_and_no_longer_fails_the_plan() {
    // Without its waiver the shared range is an error (the two pools overlap at .48-.49).
    let bare = evaluate(&without_waivers());
    assert!(!bare.passes());
    assert_eq!(bare.counts(), "1 error(s), 0 warning(s)");

    let report = evaluate(&plan());
    let overlap = report.findings.iter().find(|f| f.rule == RuleId::LbOverlap).expect("the overlap is still listed");
    assert_eq!(overlap.field, "clusters[1].lb_pools[0]");
    assert_eq!(overlap.severity, Severity::Error);
    assert_eq!(overlap.waiver.as_deref(), Some(SHARED));
    assert!(report.passes());
    assert_eq!(report.verdict(), "PASS");
    assert_eq!(report.errors(), 0);
    // The second waiver names a control plane IP inside an IP pool, which the plan does not have.
    assert_eq!(report.warnings(), 1);
    assert_eq!(report.counts(), "0 error(s), 1 warning(s), 1 accepted");
    let unused = report.findings.iter().find(|f| f.rule == RuleId::WaiverUnused).expect("waiver-unused");
    assert_eq!(unused.field, "waivers[1]");
    assert_eq!(unused.severity, Severity::Warning);
    assert!(unused.message.contains("rule cp-in-ip-pool at") && unused.message.contains("cluster cluster-a: control plane IP"), "{}", unused.message);
    // What still needs work comes first: the warning, then what was accepted.
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["waiver-unused", "lb-overlap"]);
}

#[test]
fn a_waiver_matches_by_rule_and_field_only() {
    // The same rule at another field, another rule at the same field: nothing accepted.
    for (rule, field) in [("lb-overlap", "clusters[0].lb_pools[0]"), ("lb-in-ip-pool", "clusters[1].lb_pools[0]"), ("LB-OVERLAP", "clusters[1].lb_pools[0]")] {
        let mut plan = without_waivers();
        plan.waivers.push(Waiver { rule: rule.into(), field: field.into(), reason: "wrong".into() });
        let report = evaluate(&plan);
        assert!(!report.passes(), "{rule} at {field}");
        assert!(report.findings.iter().all(|f| f.waiver.is_none()));
        assert_eq!(report.findings.iter().filter(|f| f.rule == RuleId::WaiverUnused).count(), 1, "{rule} at {field}");
    }
    // A rule this release does not know is a warning, not a plan refused.
    let mut plan = without_waivers();
    plan.waivers.push(Waiver { rule: "no-such-rule".into(), field: "".into(), reason: "".into() });
    let report = evaluate(&plan);
    let unused = report.findings.iter().find(|f| f.rule == RuleId::WaiverUnused).unwrap();
    assert!(unused.message.contains("rule no-such-rule at") && unused.message.contains("no field"), "{}", unused.message);
}

#[test]
fn an_accepted_warning_no_longer_counts() {
    // cluster-b's pool moved into the next /24: lb-outside-subnet, a warning.
    let mut plan = without_waivers();
    plan.clusters[1].lb_pools = vec!["10.220.33.48-10.220.33.50".into()];
    assert_eq!(evaluate(&plan).counts(), "0 error(s), 1 warning(s)");
    plan.waivers.push(Waiver { rule: "lb-outside-subnet".into(), field: "clusters[1].lb_pools[0]".into(), reason: "routed VIPs".into() });
    assert_eq!(evaluate(&plan).counts(), "0 error(s), 0 warning(s), 1 accepted");
}

#[test]
fn the_cli_exit_status_follows_the_waivers() {
    let (code, text, _) = cli(&["check", PLAN]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains(&format!("accepted: {SHARED}")), "{text}");
    assert!(text.contains("Waivers (findings accepted on purpose)"), "{text}");
    assert!(text.contains(&format!("1. lb-overlap at clusters[1].lb_pools[0] (accepts 1): {SHARED}")), "{text}");
    assert!(text.contains("2. cp-in-ip-pool at clusters[0].control_plane_ip (matches nothing): From the first design"), "{text}");
    assert!(text.contains("PASS: 0 error(s), 1 warning(s), 1 accepted"), "{text}");

    let bare = scratch("bare.json", &without_waivers().to_json());
    assert_eq!(cli(&["check", &bare]).0, 1);

    // JSON: the accepted finding carries the reason, and the report lists the waivers.
    let (code, json, _) = cli(&["check", "--format", "json", PLAN]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let overlap = findings.iter().find(|f| f["rule"] == "lb-overlap").unwrap();
    assert_eq!(overlap["waiver"], SHARED);
    assert!(findings.iter().filter(|f| f["rule"] != "lb-overlap").all(|f| f.get("waiver").is_none()));
    assert_eq!(json["waivers"][0]["rule"], "lb-overlap");
    assert_eq!(json["waivers"][1]["reason"], "From the first design");
    let (_, json, _) = cli(&["check", "--format", "json", &bare]);
    assert!(!json.contains("waiver"), "a plan without waivers reports none:\n{json}");
}

#[test]
fn deployment_exports_follow_the_verdict_and_list_the_waivers() {
    let bare = scratch("bare-deploy.json", &without_waivers().to_json());
    let (code, _, err) = cli(&["export", "az-aksarc", &bare]);
    assert_eq!(code, 1, "a failing plan's deployment script is refused: {err}");
    let (code, script, err) = cli(&["export", "az-aksarc", PLAN]);
    assert_eq!(code, 0, "{err}");
    assert!(script.contains(&format!("# Accepted on purpose: lb-overlap at clusters[1].lb_pools[0]: {SHARED}\n")), "{script}");
    assert!(!script.contains("THE PLAN HAS"), "{script}");
    support::shell::assert_clean(&script, "waivers-az-aksarc.sh");
    // Every export with comment lines says the same; the Markdown summary has a section.
    for kind in [Kind::ConnectivitySh, Kind::FirewallSquid, Kind::Metallb, Kind::PreflightSh] {
        let text = export(kind, &plan());
        assert!(text.contains("# Accepted on purpose: lb-overlap at clusters[1].lb_pools[0]: Shared VIPs"), "{kind:?}:\n{text}");
    }
    let md = export(Kind::SummaryMd, &plan());
    assert!(md.contains("**Result: PASS**: 0 error(s), 1 warning(s), 1 accepted."), "{md}");
    assert!(md.contains("## Accepted on purpose"), "{md}");
    assert!(md.contains(&format!("| lb-overlap | clusters\\[1\\].lb\\_pools\\[0\\] | {SHARED} | 1 |")) || md.contains(&format!("| lb-overlap | clusters[1].lb_pools[0] | {SHARED} | 1 |")), "{md}");
    assert!(md.contains(&format!("error, accepted: {SHARED}")), "{md}");
}

#[test]
fn a_hostile_reason_stays_a_comment() {
    let mut plan = plan();
    plan.waivers[0].reason = "NAT\n rm -rf / $(reboot) `id`\r\u{2028}done".into();
    for kind in [Kind::ConnectivitySh, Kind::AzAksarc, Kind::PreflightSh] {
        let text = export(kind, &plan);
        assert!(text.lines().filter(|l| l.contains("reboot")).all(|l| l.starts_with("# Accepted on purpose: ")), "{kind:?}:\n{text}");
        support::shell::assert_clean(&text, &format!("waivers-hostile-{kind:?}.sh"));
    }
}

#[test]
fn links_and_files_carry_waivers() {
    let plan = plan();
    let back = link::decode(&link::encode(&plan)).unwrap();
    assert_eq!(back.waivers, plan.waivers);
    assert_eq!(Plan::from_json(&plan.to_json()).unwrap().waivers, plan.waivers);
    // A plan without waivers writes no key, so its file and link are as before.
    assert!(!without_waivers().to_json().contains("waivers"));
    // A waiver is strict in shape as the rest of the plan: an unknown key is named with its place.
    let err = Plan::from_json(r#"{"schema": 1, "waivers": [{"rule": "lb-overlap", "field": "x", "reson": "typo"}]}"#).unwrap_err();
    assert!(err.message.contains("waivers[0]") && err.message.contains("reson"), "{}", err.message);
}

#[test]
fn the_page_edits_accept_and_take_back() {
    let mut plan = without_waivers();
    apply(&mut plan, Edit::Accept { rule: "lb-overlap".into(), field: "clusters[1].lb_pools[0]".into(), reason: "  shared  ".into() }).unwrap();
    assert_eq!(plan.waivers, [Waiver { rule: "lb-overlap".into(), field: "clusters[1].lb_pools[0]".into(), reason: "shared".into() }]);
    assert!(evaluate(&plan).passes());
    // Accepting the same finding again gives it the new reason, not a second waiver.
    apply(&mut plan, Edit::Accept { rule: "lb-overlap".into(), field: "clusters[1].lb_pools[0]".into(), reason: "NAT".into() }).unwrap();
    assert_eq!(plan.waivers.len(), 1);
    assert_eq!(plan.waivers[0].reason, "NAT");
    let err = apply(&mut plan, Edit::RemoveWaiver(1)).unwrap_err();
    assert_eq!(err.to_string(), "the plan has no waivers[1]");
    apply(&mut plan, Edit::RemoveWaiver(0)).unwrap();
    assert!(plan.waivers.is_empty());
    assert!(!evaluate(&plan).passes());
}

#[test]
fn a_diff_shows_waivers_added_changed_and_removed() {
    let old = without_waivers();
    let new = plan();
    let added = diff::changes(&old, &new);
    let waivers: Vec<_> = added.iter().filter(|c| c.object == "waiver").collect();
    assert_eq!(waivers.len(), 2, "{added:?}");
    assert!(waivers.iter().any(|c| c.field == "lb-overlap at clusters[1].lb_pools[0]" && c.new.as_deref() == Some(SHARED)));
    let mut changed = new.clone();
    changed.waivers[0].reason = "NAT".into();
    let c = diff::changes(&new, &changed);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].old.as_deref(), c[0].new.as_deref()), (Some(SHARED), Some("NAT")));
    assert_eq!(diff::changes(&new, &old).iter().filter(|c| c.object == "waiver").count(), 2);
}

#[test]
fn the_text_report_marks_the_accepted_finding() {
    let text = report::to_text(&evaluate(&plan()));
    let at = text.find("lb-overlap             clusters[1].lb_pools[0]").expect(&text);
    assert!(text[at..].lines().nth(1).unwrap().trim() == format!("accepted: {SHARED}"), "{text}");
}
