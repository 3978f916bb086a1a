#![cfg(not(target_arch = "wasm32"))]
//! Importing what Azure already has (SPEC §16) from hand-written Azure CLI outputs
//! (tests/data/azure/): the plan compared with values typed from those files, in any order and
//! any subset; bad input refused naming the file; and what the plan does with it: Suggest leaves
//! it alone, the deployment scripts create only what is new.

use std::process::{Command, Stdio};

use aksarc_netplan::azure::import;
use aksarc_netplan::model::{Cluster, NodePool, Plan, PlatformId};
use aksarc_netplan::suggest::suggest;

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/azure");

fn file(name: &str) -> (String, String) {
    (name.to_string(), std::fs::read_to_string(format!("{DATA}/{name}")).unwrap())
}

fn all() -> Vec<(String, String)> {
    ["lnet-list.json", "aksarc-list.json", "nodepool-list.json", "lb-list.json"].map(file).to_vec()
}

#[test]
fn the_four_outputs_make_the_plan_they_describe() {
    let out = import(&all(), &Plan::default()).unwrap();
    let plan = out.plan;
    assert_eq!(plan.platform, PlatformId::AzureLocal);
    // lnet-list.json: aks-lnet as printed; "second" with upper-case keys, addressPrefixes, a pool
    // over its whole prefix (none of its own), the gateway of the 0.0.0.0/0 route, VLAN null.
    let seg: Vec<(&str, &str, Option<&str>, Vec<&str>, Vec<&str>, u32, bool)> = plan
        .segments
        .iter()
        .map(|s| (s.name.as_str(), s.subnet.as_str(), s.gateway.as_deref(), s.dns.iter().map(String::as_str).collect(),
            s.ip_pools.iter().map(String::as_str).collect(), s.vlan, s.existing))
        .collect();
    assert_eq!(seg, [
        ("aks-lnet", "10.220.32.0/24", Some("10.220.32.1"), vec!["10.220.32.16", "10.220.32.17"], vec!["10.220.32.18-10.220.32.37"], 0, true),
        ("second", "10.221.0.0/24", Some("10.221.0.1"), vec!["10.221.0.2"], vec![], 0, true),
    ]);
    // aksarc-list.json with nodepool-list.json and lb-list.json: cluster-a (3 control plane nodes
    // printed as "3", no control plane IP, nodepool1 of 5 and gpu of 2 added later, two load
    // balancers); cluster-b from an id in another case, its IP as hostIP, on a network not among
    // the files.
    let want_a = Cluster {
        name: "cluster-a".into(),
        segment: "aks-lnet".into(),
        control_plane_nodes: 3,
        node_pools: vec![NodePool { name: "nodepool1".into(), nodes: 5 }, NodePool { name: "gpu".into(), nodes: 2 }],
        lb_pools: vec!["10.220.32.47-10.220.32.49".into(), "10.220.32.64/30".into()],
        lb_pools_existing: vec!["10.220.32.47-10.220.32.49".into(), "10.220.32.64/30".into()],
        existing: true,
        ..Cluster::default()
    };
    let want_b = Cluster {
        name: "cluster-b".into(),
        segment: "edge-lnet".into(),
        control_plane_ip: Some("10.222.0.40".into()),
        control_plane_nodes: 1,
        node_pools: vec![NodePool { name: "nodepool1".into(), nodes: 3 }],
        existing: true,
        ..Cluster::default()
    };
    assert_eq!(plan.clusters, [want_a, want_b]);
    // What the output says is in use: the pool's given-out count.
    assert!(out.read.iter().any(|l| l.contains("aks-lnet") && l.contains("given out 12 addresses")), "{:?}", out.read);
}

#[test]
fn the_files_may_come_in_any_order_and_any_subset() {
    let mut reversed = all();
    reversed.reverse();
    let a = import(&all(), &Plan::default()).unwrap().plan;
    let mut b = import(&reversed, &Plan::default()).unwrap().plan;
    // The same objects; clusters first seen through their load balancer come first.
    b.clusters.sort_by(|x, y| x.name.cmp(&y.name));
    assert_eq!((a.segments.clone(), a.clusters.clone()), (b.segments, b.clusters));
    // The load balancers alone: the cluster is kept, existing, with its ranges.
    let only = import(&[file("lb-list.json")], &Plan::default()).unwrap().plan;
    assert_eq!(only.clusters.len(), 1);
    assert_eq!(only.clusters[0].lb_pools, ["10.220.32.47-10.220.32.49", "10.220.32.64/30"]);
    // Into a plan: the same names are replaced, the rest kept.
    let mut into = Plan::from_json(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local.json")).unwrap()).unwrap();
    into.clusters[1].name = "new-one".into();
    let merged = import(&all(), &into).unwrap().plan;
    let names: Vec<&str> = merged.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["cluster-a", "new-one", "cluster-b"]);
    assert!(!merged.clusters[1].existing && merged.clusters[0].existing);
}

#[test]
fn a_new_plan_takes_the_import_in_place_of_its_blank_network() {
    // The page's "New plan" has one network with nothing in it; the import replaces it.
    let blank = aksarc_netplan::edit::new_plan(PlatformId::AzureLocal);
    assert_eq!(blank.segments.len(), 1);
    let plan = import(&all(), &blank).unwrap().plan;
    let names: Vec<&str> = plan.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["aks-lnet", "second"]);
    // A network the user filled in stays.
    let mut typed = blank.clone();
    typed.segments[0].subnet = "192.168.0.0/24".into();
    assert_eq!(import(&all(), &typed).unwrap().plan.segments.len(), 3);
}

#[test]
fn the_preview_counts_what_the_files_hold_and_lists_the_changes() {
    use aksarc_netplan::azure::preview;
    let blank = aksarc_netplan::edit::new_plan(PlatformId::AzureLocal);
    let files = [file("lnet-list.json"), file("aksarc-list.json"), file("lb-list.json")];
    let (p, plan) = preview(&blank, &files, 12).unwrap();
    // lnet-list.json has two logical networks, aksarc-list.json two clusters, lb-list.json two
    // load balancers (of cluster-a).
    assert_eq!(
        p.summary,
        format!("Read as Azure CLI output (lnet-list.json, aksarc-list.json, lb-list.json): 2 logical networks, 2 clusters, 2 load balancers; {} changes to the plan", p.changes_total)
    );
    assert_eq!((p.read.len(), p.read_total), (6, 6));
    assert!(p.changes.contains(&"+ cluster cluster-a: on aks-lnet, 3 control plane and 5 worker nodes".to_string()), "{:?}", p.changes);
    assert!(p.changes.iter().any(|c| c == "- logical network logical-network1"), "{:?}", p.changes);
    let (cut, _) = preview(&blank, &files, 3).unwrap();
    assert_eq!((cut.read.len(), cut.read_total, cut.changes.len()), (3, 6, 3));
    // Accepting and reading the same files again: nothing new.
    let (again, _) = preview(&plan, &files, 3).unwrap();
    assert_eq!(again.changes_total, 0);
    assert!(again.summary.ends_with("; 0 changes to the plan"), "{}", again.summary);
}

#[test]
fn bad_input_is_refused_naming_the_file_and_the_item() {
    let refused = |name: &str, text: &str| import(&[(name.to_string(), text.to_string())], &Plan::default()).unwrap_err().to_string();
    assert!(refused("x.json", "not json").starts_with("x.json: not JSON"));
    let (_, whole) = file("lnet-list.json");
    let cut = &whole[..whole.len() / 2];
    assert!(refused("cut.json", cut).starts_with("cut.json: not JSON"));
    let other = refused("vms.json", r#"[{"id": "/subscriptions/0/providers/Microsoft.AzureStackHCI/virtualMachineInstances/default", "type": "x"}]"#);
    assert!(other.starts_with("vms.json: item 1: none of the outputs read here"), "{other}");
    assert!(refused("n.json", "42").contains("neither an object nor a list"));
    // The CLI: exit 2, the plan unchanged (nothing printed).
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("azure");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"type\": \"something else\"}").unwrap();
    let out = Command::new(BIN).args(["import-azure", &format!("{DATA}/lnet-list.json"), bad.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json: item 1"));
}

#[test]
fn the_cli_imports_into_a_plan_and_reads_standard_input() {
    let mut child = Command::new(BIN)
        .args(["import-azure", &format!("{DATA}/lnet-list.json"), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(file("aksarc-list.json").1.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let plan = Plan::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!((plan.segments.len(), plan.clusters.len()), (2, 2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read: cluster cluster-a on aks-lnet"));
}

/// An imported plan and one new cluster: Suggest fills only the new cluster; the scripts create
/// only it and its load balancer.
#[test]
fn what_exists_is_left_alone_and_only_the_new_is_made() {
    let mut plan = import(&all(), &Plan::default()).unwrap().plan;
    plan.clusters.push(Cluster {
        name: "cluster-c".into(),
        segment: "aks-lnet".into(),
        node_pools: vec![NodePool { name: "pool1".into(), nodes: 2 }],
        services: 2,
        ..Cluster::default()
    });
    let s = suggest(&plan);
    assert!(s.filled.iter().all(|f| f.field.starts_with("clusters[2].")), "{:?}", s.filled);
    for (before, after) in plan.clusters.iter().zip(&s.plan.clusters).take(2) {
        assert_eq!(before, after, "Suggest changed an existing cluster");
    }
    assert_eq!(plan.segments, s.plan.segments, "Suggest changed an existing logical network");
    let plan = s.plan;
    use aksarc_netplan::exports::{export, Kind};
    let lnet = export(Kind::AzLnet, &plan);
    assert!(!lnet.contains("\n  az stack-hci-vm network lnet create"), "an existing network is created again:\n{lnet}");
    assert!(lnet.contains("exists in Azure: not created again"));
    let aksarc = export(Kind::AzAksarc, &plan);
    let creates: Vec<&str> = aksarc.lines().filter(|l| l.starts_with("  --name ")).map(|l| l.trim_end_matches(" \\")).collect();
    assert_eq!(creates, ["  --name cluster-c", "  --name cluster-c"], "validation and creation of the new cluster only:\n{aksarc}");
    let lb = export(Kind::AzLb, &plan);
    let names: Vec<&str> = lb.lines().filter(|l| l.starts_with("  --load-balancer-name ")).map(|l| l.trim_end_matches(" \\")).collect();
    assert_eq!(names, ["  --load-balancer-name cluster-c-lb"], "{lb}");
    // The ARM template deploys only the new cluster and its load balancer.
    let arm: serde_json::Value = serde_json::from_str(&export(Kind::Arm, &plan)).unwrap();
    let kinds: Vec<&str> = arm["resources"].as_array().unwrap().iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, [
        "Microsoft.Kubernetes/connectedClusters",
        "Microsoft.HybridContainerService/provisionedClusterInstances",
        "Microsoft.KubernetesConfiguration/extensions",
        "Microsoft.KubernetesRuntime/loadBalancers",
    ]);
}
