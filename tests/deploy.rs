#![cfg(not(target_arch = "wasm32"))]
//! The deployment scripts as they are run: each with `CREATE=1` against a stand-in `az` on the
//! PATH that takes exactly the commands and parameters of Microsoft's CLI reference
//! (tests/data/az/reference.txt) and records its calls; the calls are then read against the
//! plan. Also without `CREATE=1` (nothing runs), with a call that fails (the script stops and
//! names the object), and under `bash --posix`.

mod support {
    pub mod shell;
}

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use aksarc_netplan::exports::{export, Kind};
use aksarc_netplan::model::{NodePool, Plan, PlatformId};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CUSTOM_LOCATION: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ExtendedLocation/customLocations/cl";

fn example(file: &str) -> Plan {
    Plan::from_json(&std::fs::read_to_string(format!("{ROOT}/examples/{file}")).unwrap()).unwrap()
}

/// Azure Local's example with more of everything: a second logical network with two pools on a
/// VLAN, a third cluster on it with three node pools (two whose names reduce to the same one),
/// load balancer ranges on two clusters.
fn rich() -> Plan {
    let mut plan = example("azure-local.json");
    let mut second = plan.segments[0].clone();
    second.name = "second".into();
    second.subnet = "10.221.0.0/24".into();
    second.gateway = Some("10.221.0.1".into());
    second.dns = vec!["10.221.0.2".into()];
    second.ip_pools = vec!["10.221.0.10-10.221.0.29".into(), "10.221.0.40-10.221.0.59".into()];
    second.vlan = 120;
    plan.segments.push(second);
    let mut c = plan.clusters[1].clone();
    c.name = "cluster-c".into();
    c.segment = "second".into();
    c.node_pools = vec![
        NodePool { name: "system".into(), nodes: 1 },
        NodePool { name: "gpu-1".into(), nodes: 2 },
        NodePool { name: "gpu1".into(), nodes: 3 },
    ];
    c.services = 2;
    c.lb_pools = vec!["10.221.0.100-10.221.0.101".into()];
    plan.clusters.push(c);
    plan
}

/// A directory holding the stand-in `az`, for the front of PATH. Written once per run and put
/// in place by a rename: a file being written while another test runs it is "text file busy".
fn stand_in() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("az-stand-in");
        std::fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join(format!("az.{}", std::process::id()));
        std::fs::write(&fresh, format!("#!/bin/sh\nexec python3 '{ROOT}/tests/support/az.py' \"$@\"\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::rename(&fresh, dir.join("az")).unwrap();
        dir
    })
    .clone()
}

struct Run {
    out: Output,
    calls: Vec<(String, serde_json::Map<String, Value>)>,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).to_string()
    }

    fn of(&self, command: &str) -> Vec<&serde_json::Map<String, Value>> {
        self.calls.iter().filter(|(c, _)| c == command).map(|(_, a)| a).collect()
    }

    /// Where in the calls the first call of `command` with `flag` = `value` is.
    fn at(&self, command: &str, flag: &str, value: &str) -> usize {
        self.calls
            .iter()
            .position(|(c, a)| c == command && value_of(a, flag) == value)
            .unwrap_or_else(|| panic!("no {command} {flag} {value} in {:#?}", self.calls))
    }
}

fn value_of(args: &serde_json::Map<String, Value>, flag: &str) -> String {
    args.get(flag).and_then(|v| v.as_array()).map(|v| v.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// Runs `script` with `bash` (and `extra` bash options) in an environment of its variables.
fn run(script: &str, name: &str, create: bool, env: &[(&str, &str)], extra: &[&str]) -> Run {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("deploy").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("script.sh");
    std::fs::write(&file, script).unwrap();
    let calls = dir.join("calls.jsonl");
    std::fs::write(&calls, "").unwrap();
    let path = format!("{}:{}", stand_in().display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = Command::new("bash");
    cmd.args(extra).arg(&file).env("PATH", path).env("AZ_CALLS", &calls)
        .env("RESOURCE_GROUP", "rg").env("CUSTOM_LOCATION_ID", CUSTOM_LOCATION).env("VM_SWITCH", "vm-switch")
        .env_remove("CREATE").env_remove("AAD_ADMIN_GROUP").env_remove("AZ_FAIL");
    if create {
        cmd.env("CREATE", "1");
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let calls = read_calls(&calls);
    Run { out, calls }
}

fn read_calls(path: &Path) -> Vec<(String, serde_json::Map<String, Value>)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["command"].as_str().unwrap().to_string(), v["args"].as_object().unwrap().clone())
        })
        .collect()
}

fn ok(run: &Run, what: &str) {
    assert_eq!(run.out.status.code(), Some(0), "{what}: {}\n{}", run.stderr(), String::from_utf8_lossy(&run.out.stdout));
}

/// Every logical network with every one of its pools, the custom location's ID, the platform's
/// gateway or fabric.
#[test]
fn every_logical_network_is_created_with_every_pool() {
    for (name, plan) in [("azure-local", example("azure-local.json")), ("multi-rack", example("azure-local-multi-rack.json")), ("rich", rich())] {
        let fabric = plan.platform == PlatformId::AzureLocalMultiRack;
        let env: &[(&str, &str)] = if fabric { &[("FABRIC_NETWORK_1", "/subscriptions/x/internalNetworks/l3")] } else { &[] };
        let r = run(&export(Kind::AzLnet, &plan), &format!("lnet-{name}"), true, env, &[]);
        ok(&r, name);
        let creates = r.of("az stack-hci-vm network lnet create");
        assert_eq!(creates.len(), plan.segments.len(), "{name}");
        for (seg, args) in plan.segments.iter().zip(&creates) {
            assert_eq!(value_of(args, "--custom-location"), CUSTOM_LOCATION);
            assert_eq!(value_of(args, "--address-prefixes"), seg.subnet);
            assert_eq!(value_of(args, "--ip-allocation-method"), "Static");
            // Every pool of the plan, as start and end or as one list.
            let pools: Vec<String> = if args.contains_key("--ip-pools") {
                let list: Value = serde_json::from_str(&value_of(args, "--ip-pools")).unwrap();
                list.as_array().unwrap().iter().map(|p| format!("{}-{}", p["start"].as_str().unwrap(), p["end"].as_str().unwrap())).collect()
            } else {
                vec![format!("{}-{}", value_of(args, "--ip-pool-start"), value_of(args, "--ip-pool-end"))]
            };
            assert_eq!(pools, seg.ip_pools, "{name}: the pools of {}", seg.name);
            assert_eq!(value_of(args, "--dns-servers"), seg.dns.join(" "));
            if fabric {
                assert!(args.contains_key("--no-gateway") && !args.contains_key("--gateway") && !args.contains_key("--vm-switch-name"));
                assert_eq!(value_of(args, "--fabric-netcfg-id"), "/subscriptions/x/internalNetworks/l3");
                assert_eq!(value_of(args, "--ip-pool-type"), "vm");
            } else {
                assert_eq!(value_of(args, "--gateway"), seg.gateway.clone().unwrap());
                assert_eq!(value_of(args, "--vm-switch-name"), "vm-switch");
            }
            assert_eq!(args.contains_key("--vlan"), seg.vlan != 0);
        }
    }
}

/// Every cluster validated, then created, then its other node pools added under unique names;
/// the admin group only when given; no control plane IP on multi-rack.
#[test]
fn every_cluster_is_validated_then_created_with_every_node_pool() {
    for (name, plan, admin) in [
        ("azure-local", example("azure-local.json"), None),
        ("multi-rack", example("azure-local-multi-rack.json"), None),
        ("rich", rich(), Some("11111111-2222-3333-4444-555555555555")),
    ] {
        let env: Vec<(&str, &str)> = admin.map(|a| ("AAD_ADMIN_GROUP", a)).into_iter().collect();
        let r = run(&export(Kind::AzAksarc, &plan), &format!("aksarc-{name}"), true, &env, &[]);
        ok(&r, name);
        let creates: Vec<_> = r.of("az aksarc create").into_iter().filter(|a| !a.contains_key("--validate")).collect();
        assert_eq!(creates.len(), plan.clusters.len(), "{name}");
        for (cluster, args) in plan.clusters.iter().zip(&creates) {
            let cname = value_of(args, "--name");
            assert_eq!(cname, cluster.name);
            let validate = r.calls.iter().position(|(c, a)| c == "az aksarc create" && a.contains_key("--validate") && value_of(a, "--name") == cname).unwrap();
            let create = r.calls.iter().position(|(c, a)| c == "az aksarc create" && !a.contains_key("--validate") && value_of(a, "--name") == cname).unwrap();
            assert!(validate < create, "{name}: {cname} created before it was validated");
            assert_eq!(value_of(args, "--control-plane-count"), cluster.control_plane_nodes.to_string());
            assert_eq!(value_of(args, "--node-count"), cluster.node_pools[0].nodes.to_string());
            assert!(value_of(args, "--vnet-id").ends_with(&format!("/logicalNetworks/{}", cluster.segment)), "{name}");
            assert_eq!(value_of(args, "--aad-admin-group-object-ids"), admin.unwrap_or(""));
            assert_eq!(args.contains_key("--aad-admin-group-object-ids"), admin.is_some());
            assert_eq!(args.contains_key("--control-plane-ip"), cluster.control_plane_ip.is_some() && plan.platform != PlatformId::AzureLocalMultiRack);
            // The other node pools, after the cluster, each once.
            let adds: Vec<(usize, &serde_json::Map<String, Value>)> = r.calls.iter().enumerate()
                .filter(|(_, (c, a))| c == "az aksarc nodepool add" && value_of(a, "--cluster-name") == cname)
                .map(|(i, (_, a))| (i, a)).collect();
            assert_eq!(adds.len(), cluster.node_pools.len() - 1, "{name}: node pools of {cname}");
            assert!(adds.iter().all(|(i, _)| *i > create));
            let counts: Vec<String> = adds.iter().map(|(_, a)| value_of(a, "--node-count")).collect();
            let want: Vec<String> = cluster.node_pools.iter().skip(1).map(|p| p.nodes.to_string()).collect();
            assert_eq!(counts, want);
            let mut names: Vec<String> = adds.iter().map(|(_, a)| value_of(a, "--name")).collect();
            assert!(names.iter().all(|n| n.len() >= 3 && n.len() <= 12 && n.starts_with(|c: char| c.is_ascii_lowercase())), "{names:?}");
            names.push("nodepool1".into());
            names.sort();
            names.dedup();
            assert_eq!(names.len(), cluster.node_pools.len(), "{name}: node pool names of {cname} are not unique");
        }
        // Nothing created twice.
        let mut names: Vec<String> = creates.iter().map(|a| value_of(a, "--name")).collect();
        names.dedup();
        assert_eq!(names.len(), plan.clusters.len());
    }
}

/// The extension first, then per cluster with ranges: its ID looked up, the load balancer
/// service enabled, then the load balancer created with the plan's ranges in ARP mode.
#[test]
fn load_balancers_are_enabled_before_they_are_created() {
    for (name, plan) in [("azure-local", example("azure-local.json")), ("multi-rack", example("azure-local-multi-rack.json")), ("rich", rich())] {
        let r = run(&export(Kind::AzLb, &plan), &format!("lb-{name}"), true, &[], &[]);
        ok(&r, name);
        assert_eq!(r.calls[0].0, "az extension add");
        assert_eq!((value_of(&r.calls[0].1, "--name"), r.calls[0].1.contains_key("--upgrade")), ("k8s-runtime".to_string(), true));
        let with_ranges: Vec<_> = plan.clusters.iter().filter(|c| !c.lb_pools.is_empty()).collect();
        let creates = r.of("az k8s-runtime load-balancer create");
        assert_eq!(creates.len(), with_ranges.len(), "{name}");
        for (cluster, args) in with_ranges.iter().zip(&creates) {
            let id = format!("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/{}", cluster.name);
            let enable = r.at("az k8s-runtime load-balancer enable", "--resource-uri", &id);
            let create = r.at("az k8s-runtime load-balancer create", "--resource-uri", &id);
            assert!(enable < create, "{name}: {} created before the service was enabled", cluster.name);
            assert_eq!(value_of(args, "--addresses"), cluster.lb_pools.join(" "));
            assert_eq!(value_of(args, "--advertise-mode"), "ARP");
        }
    }
}

#[test]
fn without_create_nothing_runs_and_every_command_is_shown() {
    let plan = rich();
    for kind in [Kind::AzLnet, Kind::AzAksarc, Kind::AzLb] {
        let r = run(&export(kind, &plan), &format!("dry-{kind}"), false, &[], &[]);
        ok(&r, kind.name());
        assert!(r.calls.is_empty(), "{kind} called az without CREATE=1: {:?}", r.calls);
        let shown = String::from_utf8_lossy(&r.out.stdout);
        assert!(shown.lines().filter(|l| l.starts_with("+ az ")).count() >= plan.segments.len(), "{kind}: {shown}");
    }
}

#[test]
fn a_failing_call_stops_the_script_and_names_what_failed() {
    let plan = rich();
    let r = run(&export(Kind::AzAksarc, &plan), "fail", true, &[("AZ_FAIL", "--name cluster-b")], &[]);
    assert_eq!(r.out.status.code(), Some(1));
    assert!(r.stderr().contains("failed: cluster cluster-b (validation)"), "{}", r.stderr());
    // Nothing after the failed call.
    let (last, args) = r.calls.last().unwrap();
    assert_eq!((last.as_str(), value_of(args, "--name")), ("az aksarc create", "cluster-b".to_string()));
    assert!(!r.calls.iter().any(|(_, a)| value_of(a, "--name") == "cluster-c"));
}

/// POSIX mode and macOS's bash 3.2: no arrays (an emptied one is an unbound variable under
/// `set -u` there), nothing bash 4 added.
#[test]
fn the_scripts_run_in_posix_mode_and_use_no_arrays() {
    let plan = rich();
    for kind in [Kind::AzLnet, Kind::AzAksarc, Kind::AzLb] {
        let script = export(kind, &plan);
        assert!(!script.contains("=(") && !script.contains("[@]"), "{kind} uses an array");
        let r = run(&script, &format!("posix-{kind}"), true, &[], &["--posix"]);
        ok(&r, &format!("{kind} in POSIX mode"));
        assert!(!r.calls.is_empty());
    }
}

/// The stand-in refuses what az refuses, so a script passing it means something.
#[test]
fn the_stand_in_refuses_unknown_commands_and_parameters() {
    let script = "#!/usr/bin/env bash\naz aksarc create --name a --resource-group rg --custom-location c --vnet-ids v --control-plane-nodes 3\n";
    let r = run(script, "refuse-flag", true, &[], &[]);
    assert_eq!(r.out.status.code(), Some(2));
    assert!(r.stderr().contains("unrecognized arguments: --control-plane-nodes"), "{}", r.stderr());
    let r = run("az aksarc crate --name a\n", "refuse-command", true, &[], &[]);
    assert_eq!(r.out.status.code(), Some(2));
    let r = run("az aksarc create --name a --resource-group rg --custom-location c\n", "refuse-missing", true, &[], &[]);
    assert_eq!(r.out.status.code(), Some(2));
    assert!(r.stderr().contains("--vnet-id"), "{}", r.stderr());
    assert!(r.calls.is_empty());
}

/// A plan with no cluster yet (or no load balancer) still gets scripts that bash and
/// shellcheck take as they are: no variable set and left unused.
#[test]
fn scripts_of_a_plan_without_clusters_are_clean() {
    let mut plan = example("azure-local.json");
    plan.clusters.clear();
    for kind in [Kind::AzLnet, Kind::AzAksarc, Kind::AzLb] {
        support::shell::assert_clean(&export(kind, &plan), &format!("no-clusters-{kind}.sh"));
        let r = run(&export(kind, &plan), &format!("no-clusters-{kind}"), true, &[], &[]);
        ok(&r, kind.name());
    }
}

/// SPEC §16: an imported plan (tests/data/azure/) and one new cluster, run with `CREATE=1`:
/// only the new cluster and its load balancer are made.
#[test]
fn of_an_imported_plan_only_what_is_new_is_created() {
    let files: Vec<(String, String)> = ["lnet-list.json", "aksarc-list.json", "nodepool-list.json", "lb-list.json"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(format!("{ROOT}/tests/data/azure/{f}")).unwrap()))
        .collect();
    let mut plan = aksarc_netplan::azure::import(&files, &Plan::default()).unwrap().plan;
    let mut new = plan.clusters[1].clone();
    new.name = "cluster-c".into();
    new.segment = "aks-lnet".into();
    new.control_plane_ip = None;
    new.existing = false;
    new.lb_pools = vec!["10.220.32.80-10.220.32.81".into()];
    new.services = 2;
    plan.clusters.push(new);
    for (kind, creates) in [(Kind::AzLnet, "az stack-hci-vm network lnet create"), (Kind::AzAksarc, "az aksarc create"), (Kind::AzLb, "az k8s-runtime load-balancer create")] {
        let r = run(&export(kind, &plan), &format!("imported-{kind}"), true, &[], &[]);
        ok(&r, kind.name());
        let names: Vec<String> = r.of(creates).iter().map(|a| value_of(a, if kind == Kind::AzLb { "--load-balancer-name" } else { "--name" })).collect();
        let want: &[&str] = match kind {
            Kind::AzLnet => &[],
            Kind::AzAksarc => &["cluster-c", "cluster-c"],
            _ => &["cluster-c-lb"],
        };
        assert_eq!(names, want, "{kind}");
    }
}
