#![cfg(not(target_arch = "wasm32"))]
//! Hostile input: documents that are not plans are refused with a message naming the field;
//! plans full of garbage still evaluate; Suggest touches nothing the user set.

mod support {
    pub mod gen;
}

use std::collections::BTreeSet;

use aksarc_netplan::check::{evaluate, Report};
use aksarc_netplan::claims::is_blank;
use aksarc_netplan::model::{Plan, MAX_PLAN_BYTES};
use aksarc_netplan::rules::Severity;
use aksarc_netplan::suggest::suggest;
use proptest::prelude::*;

fn refused(json: &str) -> String {
    match Plan::from_json(json) {
        Ok(plan) => panic!("accepted as a plan: {json:.200}\n{plan:?}"),
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(e.message.len() < 600, "message too long: {}", e.message.len());
            e.message
        }
    }
}

fn assert_names(message: &str, parts: &[&str]) {
    for p in parts {
        assert!(message.contains(p), "message {message:?} does not name {p:?}");
    }
}

// ---- documents that are not plans --------------------------------------------------------

#[test]
fn wrong_types_name_the_field() {
    let cases: &[(&str, &[&str])] = &[
        (r#"{"schema":1,"clusters":[{"name":"a","node_pools":[{"name":"p","nodes":"3"}]}]}"#, &["clusters[0].node_pools[0].nodes", "string"]),
        (r#"{"schema":1,"clusters":[{"services":-1}]}"#, &["clusters[0].services", "-1"]),
        (r#"{"schema":1,"clusters":[{},{"services":4294967296}]}"#, &["clusters[1].services", "4294967296"]),
        (r#"{"schema":1,"clusters":[{"control_plane_nodes":1.5}]}"#, &["clusters[0].control_plane_nodes", "1.5"]),
        (r#"{"schema":1,"segments":[{"dhcp_in_use":1e3}]}"#, &["segments[0].dhcp_in_use"]),
        (r#"{"schema":1,"segments":[{"dhcp":"10.0.0.1-10.0.0.9"}]}"#, &["segments[0].dhcp"]),
        (r#"{"schema":1,"segments":[{"dns":[1]}]}"#, &["segments[0].dns[0]"]),
        (r#"{"schema":1,"proxy":"no"}"#, &["proxy"]),
        (r#"{"schema":1,"name":7}"#, &["name"]),
        (r#"{"schema":1,"clusters":[{"services":null}]}"#, &["clusters[0].services"]),
        (r#"{"schema":1,"clusters":[{"lb_pools":[null]}]}"#, &["clusters[0].lb_pools[0]"]),
        (r#"{"schema":1,"resource_bridge":"10.0.0.5"}"#, &["resource_bridge"]),
        (r#"{"schema":1,"reserved":[{"addresses":["10.0.0.1"]}]}"#, &["reserved[0].addresses"]),
        (r#"{"schema":1,"firewall_confirmed":"management.azure.com"}"#, &["firewall_confirmed"]),
    ];
    for (json, parts) in cases {
        assert_names(&refused(json), parts);
    }
}

#[test]
fn unknown_fields_at_every_level_are_named_with_their_path() {
    let cases: &[(&str, &[&str])] = &[
        (r#"{"schema":1,"nmae":"x"}"#, &["nmae"]),
        (r#"{"schema":1,"segments":[{"name":"s","dhcp_scope":[]}]}"#, &["segments[0]", "dhcp_scope"]),
        (r#"{"schema":1,"reserved":[{"name":"a","address":"10.0.0.1"}]}"#, &["reserved[0]", "address"]),
        (r#"{"schema":1,"clusters":[{"name":"a"},{"name":"b","servces":3}]}"#, &["clusters[1]", "servces"]),
        (r#"{"schema":1,"clusters":[{"name":"a","node_pools":[{"name":"p","nodes":3,"vm_size":"x"}]}]}"#, &["clusters[0].node_pools[0]", "vm_size"]),
        (r#"{"schema":1,"resource_bridge":{"control_plane_ip":"10.0.0.5","appliance_ips":"x"}}"#, &["resource_bridge", "appliance_ips"]),
        (r#"{"schema":1,"Segments":[]}"#, &["Segments"]),
    ];
    for (json, parts) in cases {
        let message = refused(json);
        assert_names(&message, parts);
        assert!(message.contains("unknown field"), "{message}");
    }
}

#[test]
fn objects_given_as_arrays_are_wrong_types() {
    // serde would read a struct from an array of its fields in order; a plan is named fields only.
    let cases: &[(&str, &str)] = &[
        ("[1]", "expected a JSON object"),
        (r#"[1, "lab", true]"#, "expected a JSON object"),
        (r#"{"schema":1,"segments":[{"name":"s"},["s2","10.0.0.0/24"]]}"#, "segments[1]"),
        (r#"{"schema":1,"reserved":[["vCenter","10.0.0.10"]]}"#, "reserved[0]"),
        (r#"{"schema":1,"clusters":[["prod","seg","10.0.0.1",1,[],0,[]]]}"#, "clusters[0]"),
        (r#"{"schema":1,"clusters":[{"name":"a","node_pools":[{"name":"p","nodes":1},["q",3]]}]}"#, "clusters[0].node_pools[1]"),
        (r#"{"schema":1,"resource_bridge":["10.0.0.5","10.0.0.6-10.0.0.7"]}"#, "resource_bridge"),
    ];
    for (json, part) in cases {
        assert_names(&refused(json), &[part, "not a plan"]);
    }
    // The same plans written as objects load.
    assert!(Plan::from_json(r#"{"schema":1,"resource_bridge":null,"clusters":[{"name":"a","node_pools":[{"name":"q","nodes":3}]}]}"#).is_ok());
}

#[test]
fn unknown_or_missing_schema() {
    assert_names(&refused(r#"{"schema":2}"#), &["schema", "2"]);
    assert_names(&refused(r#"{"schema":0,"name":"x"}"#), &["schema"]);
    assert_names(&refused(r#"{"name":"no schema"}"#), &["schema"]);
    assert_names(&refused(r#"{}"#), &["schema"]);
    assert_names(&refused(r#"{"schema":"1"}"#), &["schema"]);
    assert_names(&refused(r#"{"schema":1,"schema":1}"#), &["schema"]);
    assert!(Plan::from_json(r#"{"schema":1}"#).is_ok());
}

#[test]
fn not_json_at_all() {
    for text in ["", " ", "schema: 1", "{", "{\"schema\":1", "{\"schema\":1} {}", "\u{feff}{\"schema\":1}", "null", "1", "\"plan\"", "{\"schema\":1,}"] {
        let message = refused(text);
        assert!(message.starts_with("not a plan"), "{text:?}: {message}");
    }
    // Syntax errors say where.
    assert_names(&refused("{\n  \"schema\": 1,\n  \"name\": \"x\"\n  \"proxy\": true\n}"), &["line 4"]);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let docs = [
        arrays.clone(),
        format!(r#"{{"schema":1,"name":{arrays}}}"#),
        format!(r#"{{"schema":1,"clusters":{arrays}}}"#),
        format!(r#"{{"schema":1,"segments":[{{"dns":{arrays}}}]}}"#),
        objects.clone(),
        format!(r#"{{"schema":1,"resource_bridge":{objects}}}"#),
        "[".repeat(10_000),
    ];
    // A thread with a modest stack, like a browser's: recursion would show here first.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || docs.iter().map(|d| Plan::from_json(d).map(|_| ()).map_err(|e| e.message)).collect::<Vec<_>>())
        .unwrap();
    for result in handle.join().expect("parsing deep nesting must not overflow the stack") {
        let message = result.expect_err("deep nesting is not a plan");
        assert!(message.starts_with("not a plan"), "{message}");
    }
}

#[test]
fn megabytes_of_text() {
    // A 5 MB name is odd but a plan.
    let name = "n".repeat(5_000_000);
    let plan = Plan::from_json(&format!(r#"{{"schema":1,"name":"{name}","clusters":[{{"name":"{name}"}}]}}"#)).unwrap();
    assert_eq!(plan.name.len(), 5_000_000);
    let report = evaluate(&plan);
    assert!(report.findings.iter().any(|f| f.rule == "unknown-segment"));

    // Exactly the limit loads; one byte more is refused before parsing, with the limit named.
    let skeleton = r#"{"schema":1,"name":""}"#;
    let pad = MAX_PLAN_BYTES - skeleton.len();
    let at_limit = format!(r#"{{"schema":1,"name":"{}"}}"#, "x".repeat(pad));
    assert_eq!(at_limit.len(), MAX_PLAN_BYTES);
    assert!(Plan::from_json(&at_limit).is_ok());
    let over = format!(r#"{{"schema":1,"name":"{}"}}"#, "x".repeat(pad + 1));
    let message = refused(&over);
    assert_names(&message, &["16 MiB", &over.len().to_string()]);
    // Even when the oversized text is not JSON at all.
    assert_names(&refused(&"\u{0}".repeat(MAX_PLAN_BYTES + 1)), &["16 MiB"]);
}

#[test]
fn unicode_and_nul_in_names() {
    let names = ["Straße-集群-🚀", "\u{0}", "a\u{0}b", "\u{202e}evil", "e\u{301}", "\u{10ffff}", "  ", "\u{feff}"];
    for name in names {
        let json = serde_json::json!({
            "schema": 1,
            "segments": [{"name": name, "subnet": "10.0.0.0/24", "dhcp": ["10.0.0.100-10.0.0.199"]}],
            "clusters": [{"name": name, "segment": name, "control_plane_ip": "10.0.0.150",
                          "node_pools": [{"name": name, "nodes": 1}]}]
        })
        .to_string();
        let plan = Plan::from_json(&json).unwrap();
        assert_eq!(plan.clusters[0].name, name);
        let report = evaluate(&plan);
        let cp = report.findings.iter().find(|f| f.rule == "cp-in-dhcp").expect("cp-in-dhcp");
        assert!(cp.message.contains(name), "{:?}", cp.message);
        let _ = suggest(&plan);
        // And back out as JSON, unchanged.
        assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
    }
    // Escapes that are not characters (lone surrogates) and raw control characters are not JSON.
    for bad in [r#"{"schema":1,"name":"\ud800"}"#, r#"{"schema":1,"name":"\udc00x"}"#, "{\"schema\":1,\"name\":\"a\u{0}b\"}", "{\"schema\":1,\"name\":\"a\nb\"}"] {
        assert_names(&refused(bad), &["not a plan"]);
    }
}

#[test]
fn huge_address_text_becomes_a_short_finding() {
    let long_digits = "1".repeat(100_000);
    let long_range = "10.20.0.1-".repeat(10_000);
    let long_unicode = "é".repeat(50_000);
    for text in [&long_digits, &long_range, &long_unicode] {
        let json = serde_json::json!({
            "schema": 1,
            "segments": [{"name": "s", "subnet": text, "gateway": text, "dns": [text], "dhcp": [text]}],
            "reserved": [{"name": "r", "addresses": text}],
            "clusters": [{"name": "c", "segment": "s", "control_plane_ip": text, "node_pools": [{"name": "p", "nodes": 1}],
                          "lb_pools": [text]}],
            "resource_bridge": {"control_plane_ip": text, "appliance_vm_ips": text}
        })
        .to_string();
        let plan = Plan::from_json(&json).expect("long address text is still a plan");
        let report = evaluate(&plan);
        let invalid: BTreeSet<&str> =
            report.findings.iter().filter(|f| f.rule == "invalid-address").map(|f| f.field.as_str()).collect();
        let want: BTreeSet<&str> = [
            "segments[0].subnet", "segments[0].gateway", "segments[0].dns[0]", "segments[0].dhcp[0]",
            "reserved[0].addresses", "clusters[0].control_plane_ip", "clusters[0].lb_pools[0]",
            "resource_bridge.control_plane_ip", "resource_bridge.appliance_vm_ips",
        ]
        .into_iter()
        .collect();
        assert_eq!(invalid, want);
        for f in &report.findings {
            assert!(f.message.len() < 300, "{} message is {} bytes", f.rule, f.message.len());
        }
        let s = suggest(&plan);
        assert_eq!(s.plan, plan, "nothing to fill: the control plane IP is set, just invalid");
    }
}

#[test]
fn address_text_with_nul_and_lookalikes_is_invalid_not_fatal() {
    for text in ["10.20.0.5\u{0}", "\u{0}", "１０.２０.０.５", "10.20.0.5\u{200b}", "10.20.0.5/", "10.20.0.5-", "-", "/", "10.20.0.5 10.20.0.6", "0x0a140005"] {
        let json = serde_json::json!({"schema": 1, "reserved": [{"name": "r", "addresses": text}]}).to_string();
        let report = evaluate(&Plan::from_json(&json).unwrap());
        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["invalid-address"], "{text:?}");
    }
}

// ---- random plans ------------------------------------------------------------------------

fn errors(report: &Report) -> BTreeSet<(String, String, Vec<String>)> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.to_string(), f.field.clone(), f.addresses.clone()))
        .collect()
}

/// Checks everything Suggest promises about one plan; returns whether it filled everything.
fn check_suggest(plan: &Plan) -> Result<bool, TestCaseError> {
    let s = suggest(plan);
    let out = &s.plan;
    prop_assert_eq!(s.plan.clusters.len(), plan.clusters.len());
    // Nothing the user set changes: only blank control plane IPs are filled and LB ranges appended.
    let mut masked = out.clone();
    let mut changed = BTreeSet::new();
    for (c, (before, after)) in plan.clusters.iter().zip(&out.clusters).enumerate() {
        if is_blank(before.control_plane_ip.as_ref()) {
            if after.control_plane_ip != before.control_plane_ip {
                changed.insert(format!("clusters[{c}].control_plane_ip"));
            }
            masked.clusters[c].control_plane_ip = before.control_plane_ip.clone();
        }
        prop_assert!(after.lb_pools.starts_with(&before.lb_pools), "LB pools of cluster {} were edited", c);
        prop_assert!(after.lb_pools.len() <= before.lb_pools.len() + 1);
        if after.lb_pools.len() > before.lb_pools.len() {
            changed.insert(format!("clusters[{c}].lb_pools[{}]", before.lb_pools.len()));
        }
        masked.clusters[c].lb_pools = before.lb_pools.clone();
    }
    // On Azure Local a logical network without an IP pool may get one.
    for (i, (before, after)) in plan.segments.iter().zip(&out.segments).enumerate() {
        if before.ip_pools != after.ip_pools {
            prop_assert!(before.ip_pools.is_empty() && after.ip_pools.len() == 1, "IP pools of segment {} were edited", i);
            changed.insert(format!("segments[{i}].ip_pools[0]"));
            masked.segments[i].ip_pools.clear();
        }
    }
    prop_assert_eq!(&masked, plan);
    // What it says it filled is exactly what changed.
    let filled: BTreeSet<String> = s.filled.iter().map(|f| f.field.clone()).collect();
    prop_assert_eq!(&filled, &changed);
    for f in &s.filled {
        prop_assert!(aksarc_netplan::addr::parse_set(&f.value).is_ok(), "{}", f.value);
    }
    for u in &s.unfilled {
        prop_assert!(!u.reason.is_empty());
        prop_assert!(!filled.contains(&u.field));
    }
    if !s.unfilled.is_empty() {
        return Ok(false);
    }
    let before = evaluate(plan);
    let after = evaluate(out);
    for f in &after.findings {
        prop_assert!(f.rule != "cp-missing" && f.rule != "lb-short", "after a complete suggest: {:?}", f);
    }
    // No new error of any kind (in particular no overlap): what is left was there before.
    let new: Vec<_> = errors(&after).difference(&errors(&before)).cloned().collect();
    prop_assert!(new.is_empty(), "suggest introduced {:?}", new);
    // And it is deterministic.
    prop_assert_eq!(suggest(plan), s);
    Ok(!changed.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn evaluate_and_suggest_never_panic_on_garbage(plan in support::gen::plan(&support::gen::hostile())) {
        let report = evaluate(&plan);
        prop_assert_eq!(report.requirements.clusters.len(), plan.clusters.len());
        prop_assert_eq!(report.requirements.segments.len(), plan.segments.len());
        for f in &report.findings {
            prop_assert!(aksarc_netplan::platform::of(&plan).reports(f.rule), "{} is not a rule of the plan's platform", f.rule);
            prop_assert!(!f.message.is_empty());
        }
        check_suggest(&plan)?;
        // The report always renders.
        let json = aksarc_netplan::report::to_json(&report);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        let _ = aksarc_netplan::report::to_text(&report);
    }

    #[test]
    fn suggest_fills_without_touching_or_breaking(plan in prop_oneof![
        support::gen::plan(&support::gen::suggestable()),
        support::gen::plan(&support::gen::small_space()),
    ]) {
        check_suggest(&plan)?;
    }
}

#[test]
fn suggest_property_reaches_the_complete_case() {
    // Guard: the property above must often see plans Suggest completes, or it proves little.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = support::gen::plan(&support::gen::suggestable());
    let mut complete = 0;
    for _ in 0..300 {
        let plan = strategy.new_tree(&mut runner).unwrap().current();
        if check_suggest(&plan).unwrap() {
            complete += 1;
        }
    }
    // A sixth at least: a quarter of the plans are bare metal's, where Suggest has nothing to
    // fill, and an existing cluster or network is left as it is.
    assert!(complete >= 45, "only {complete} of 300 random plans were completed by suggest");
}

#[test]
fn suggest_on_the_example_with_gaps() {
    let mut plan = Plan::example();
    plan.clusters[0].control_plane_ip = None;
    plan.clusters[1].control_plane_ip = Some("  ".into());
    plan.clusters[1].services = 4;
    let s = suggest(&plan);
    assert!(s.unfilled.is_empty(), "{:?}", s.unfilled);
    // Lowest free static addresses: .1-.3 gateway/DNS, .5-.7 bridge, .10-.14 reserved are taken;
    // .4 is the first free one, then .8, then a run of 4 starting at .15.
    let filled: Vec<(&str, &str)> = s.filled.iter().map(|f| (f.field.as_str(), f.value.as_str())).collect();
    assert_eq!(
        filled,
        [
            ("clusters[0].control_plane_ip", "10.20.0.4"),
            ("clusters[1].control_plane_ip", "10.20.0.8"),
            ("clusters[1].lb_pools[0]", "10.20.0.15-10.20.0.18"),
        ]
    );
    assert!(evaluate(&s.plan).passes(), "{:?}", evaluate(&s.plan).findings);
}

#[test]
fn suggest_says_what_it_could_not_fill() {
    let json = r#"{"schema":1,
        "segments":[{"name":"tiny","subnet":"10.0.0.0/29","dhcp":["10.0.0.1-10.0.0.4"]}],
        "clusters":[
            {"name":"a","segment":"tiny","node_pools":[{"name":"p","nodes":1}],"services":1},
            {"name":"b","segment":"tiny","node_pools":[{"name":"p","nodes":1}],"services":5},
            {"name":"c","segment":"nowhere","node_pools":[{"name":"p","nodes":1}],"services":1}]}"#;
    let plan = Plan::from_json(json).unwrap();
    let s = suggest(&plan);
    // Free static room of 10.0.0.0/29: .5 .6 (the rest is DHCP, network and broadcast).
    let filled: Vec<(&str, &str)> = s.filled.iter().map(|f| (f.field.as_str(), f.value.as_str())).collect();
    assert_eq!(filled, [("clusters[0].control_plane_ip", "10.0.0.5"), ("clusters[0].lb_pools[0]", "10.0.0.6")]);
    let unfilled: Vec<&str> = s.unfilled.iter().map(|u| u.field.as_str()).collect();
    assert_eq!(
        unfilled,
        ["clusters[1].control_plane_ip", "clusters[1].lb_pools", "clusters[2].control_plane_ip", "clusters[2].lb_pools"]
    );
    assert!(s.unfilled[1].reason.contains('5') || s.unfilled[1].reason.contains("more"), "{}", s.unfilled[1].reason);
    assert!(s.unfilled[2].reason.contains("\"c\""), "{}", s.unfilled[2].reason);
}

#[test]
fn suggest_never_hands_one_address_to_clusters_on_overlapping_segments() {
    // Regression: each segment's free room was kept separately, so two clusters on overlapping
    // segments (already a segment-overlap error) were both given 10.0.0.1.
    let json = r#"{"schema":1,
        "segments":[{"name":"wide","subnet":"10.0.0.0/24","dhcp":["10.0.0.100-10.0.0.199"]},
                    {"name":"narrow","subnet":"10.0.0.0/28","dhcp":["10.0.0.200-10.0.0.201"]}],
        "clusters":[
            {"name":"a","segment":"narrow","node_pools":[{"name":"p","nodes":1}],"services":2},
            {"name":"b","segment":"wide","node_pools":[{"name":"p","nodes":1}],"services":2}]}"#;
    let plan = Plan::from_json(json).unwrap();
    let s = suggest(&plan);
    let filled: Vec<(&str, &str)> = s.filled.iter().map(|f| (f.field.as_str(), f.value.as_str())).collect();
    assert_eq!(
        filled,
        [
            ("clusters[0].control_plane_ip", "10.0.0.1"),
            ("clusters[0].lb_pools[0]", "10.0.0.2-10.0.0.3"),
            ("clusters[1].control_plane_ip", "10.0.0.4"),
            ("clusters[1].lb_pools[0]", "10.0.0.5-10.0.0.6"),
        ]
    );
    let rules: Vec<&str> = evaluate(&s.plan).findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(!rules.iter().any(|r| matches!(*r, "cp-duplicate" | "lb-overlap" | "address-conflict")), "{rules:?}");
}

#[test]
fn a_document_that_is_no_object_is_named_without_a_field() {
    for (text, what) in [("[1]", "sequence"), ("42", "integer"), ("\"plan\"", "string")] {
        let message = Plan::from_json(text).unwrap_err().to_string();
        assert!(message.starts_with(&format!("not a plan: invalid type: {what}")), "{message}");
        assert!(!message.contains("field"), "{message}");
    }
    let message = Plan::from_json(r#"{"schema":1,"clusters":[{"nodes":1}]}"#).unwrap_err().to_string();
    assert!(message.starts_with("not a plan: field `clusters[0].nodes`: unknown field `nodes`"), "{message}");
}

#[test]
fn file_names_from_any_plan_name() {
    let stem = |name: &str| Plan { name: name.into(), ..Plan::default() }.file_stem();
    assert_eq!(stem("Contoso lab"), "contoso-lab");
    assert_eq!(stem(" ../Ünïcode / lab "), "ünïcode-lab");
    assert_eq!(stem("--x--"), "x");
    assert_eq!(stem("///"), "plan");
    assert_eq!(stem(&"a".repeat(200)).chars().count(), 60);
}

// ---- plans that repeat or nest one address thousands of times ------------------------------

/// The example with `n` more load balancer pools on cluster a, each made by `pool(i)`.
fn with_pools(n: usize, pool: impl Fn(usize) -> String) -> Plan {
    let mut plan = Plan::example();
    plan.clusters[0].lb_pools.extend((0..n).map(pool));
    plan
}

fn count(report: &Report, rule: &str) -> (usize, usize) {
    let listed = report.findings.iter().filter(|f| f.rule == rule && f.more == 0).count();
    let more: usize = report.findings.iter().filter(|f| f.rule == rule).map(|f| f.more).sum();
    (listed, more)
}

#[test]
fn thousands_of_copies_of_one_range_list_a_bounded_number_and_count_the_rest() {
    use aksarc_netplan::overlaps::MAX_PER_RULE;
    // 3,000 copies of one range, a link of a few hundred characters: every pair overlaps.
    let plan = with_pools(3000, |_| "10.20.0.40-10.20.0.49".into());
    let link = aksarc_netplan::link::encode(&plan);
    assert!(link.len() < 1000, "a small link: {}", link.len());
    let opened = aksarc_netplan::link::decode(&link).unwrap();
    let report = evaluate(&opened);
    let pairs = 3000 * 2999 / 2;
    assert_eq!(count(&report, "lb-overlap"), (MAX_PER_RULE, pairs - MAX_PER_RULE));
    // The summary is one finding at the end of its rule, with no field, saying how many.
    let summary = report.findings.iter().find(|f| f.more > 0).unwrap();
    assert_eq!(summary.field, "");
    assert!(summary.message.starts_with(&format!("{} more lb-overlap findings", pairs - MAX_PER_RULE)), "{}", summary.message);
    let json = serde_json::to_value(&report.findings).unwrap();
    assert_eq!(json.as_array().unwrap().iter().filter(|f| f.get("more").is_some()).count(), 1);
    // The counts are those of the brute force on a small copy.
    let small = evaluate(&with_pools(14, |_| "10.20.0.40-10.20.0.49".into()));
    assert_eq!(count(&small, "lb-overlap"), (14 * 13 / 2, 0));
    let capped = evaluate(&with_pools(16, |_| "10.20.0.40-10.20.0.49".into()));
    assert_eq!(count(&capped, "lb-overlap"), (MAX_PER_RULE, 16 * 15 / 2 - MAX_PER_RULE));
}

#[test]
fn nested_ranges_and_repeated_scopes_stay_bounded() {
    use aksarc_netplan::overlaps::MAX_PER_RULE;
    // 2,000 ranges nested in one another: every pair overlaps.
    let nested = evaluate(&with_pools(2000, |i| format!("10.20.0.{}-10.20.0.{}", 40 + i % 10, 60 - i % 10)));
    assert_eq!(count(&nested, "lb-overlap"), (MAX_PER_RULE, 2000 * 1999 / 2 - MAX_PER_RULE));
    // 30,000 copies of one DHCP scope: scopes may repeat one another, so no pair is looked at;
    // the two reserved addresses inside get one finding per copy, capped.
    let mut plan = Plan::example();
    plan.segments[0].dhcp = vec!["10.20.0.10-10.20.0.12".into(); 30_000];
    let report = evaluate(&plan);
    let (listed, more) = count(&report, "dhcp-contains-reserved");
    assert_eq!(listed, MAX_PER_RULE);
    assert_eq!(listed + more, 2 * 30_000, "vCenter and one ESXi host, in every copy");
    assert!(report.findings.len() < 20 * MAX_PER_RULE);
}

#[test]
fn ten_thousand_copies_do_not_exhaust_memory() {
    // Reported: out of memory before the bound.
    let report = evaluate(&with_pools(10_000, |_| "10.20.0.40".into()));
    assert_eq!(count(&report, "lb-overlap").1, 10_000 * 9_999 / 2 - aksarc_netplan::overlaps::MAX_PER_RULE);
}

#[test]
fn the_trusted_reader_refuses_the_same_plans_but_names_no_path() {
    // What this program wrote is read with `from_trusted_json`; bad text still never loads.
    for json in [
        r#"{"schema":1,"nmae":"x"}"#,
        r#"{"schema":1,"clusters":[{"name":"a"},{"name":"b","servces":3}]}"#,
        r#"{"schema":2}"#,
        r#"{"name":"no schema"}"#,
        r#"{"schema":1,"clusters":[{"name":"a","node_pools":[{"name":"p","nodes":-1}]}]}"#,
        "{\"schema\":1} {}",
        "",
    ] {
        let strict = Plan::from_json(json).unwrap_err().message;
        let trusted = Plan::from_trusted_json(json).unwrap_err().message;
        assert!(trusted.starts_with("not a plan"), "{json}: {trusted}");
        assert!(!trusted.contains("clusters[1]"), "{json}: {trusted}");
        if strict.contains("unknown field") {
            assert!(trusted.contains("unknown field"), "{json}: {trusted}");
        }
    }
    // The one thing only the strict reader refuses: a plan written as an array of its fields.
    assert!(Plan::from_json("[1]").is_err());
    assert!(Plan::from_trusted_json("[1]").is_ok());
    for text in [aksarc_netplan::model::EXAMPLE_JSON, aksarc_netplan::platform::azure_local::EXAMPLE_JSON] {
        assert_eq!(Plan::from_trusted_json(text).unwrap(), Plan::from_json(text).unwrap());
    }
}
