//! Deployment commands for Azure Local, the way its users create these objects: a logical
//! network per `segments[]` entry (`az stack-hci-vm network lnet create`), a cluster per
//! `clusters[]` entry (`az aksarc create`, then `az aksarc nodepool add` for its other node
//! pools) and a MetalLB load balancer per cluster (`az k8s-runtime load-balancer enable`, then
//! `create`). Every flag is one of Microsoft's CLI reference (docs/decisions.md cites it).
//!
//! Each script prints every command before it runs it, runs nothing unless `CREATE=1`, validates
//! a cluster before creating it, and stops at the first command that fails, naming the object.
//! It runs on bash 3.2 (macOS) and later under `set -euo pipefail`: no arrays. Names the plan
//! does not know are variables at the top; plan names reach the commands only reduced to
//! letters, digits and dashes, made unique where two reduce to the same name.

use super::metallb::{dns1123, metallb_entry};
use super::unique::Unique;
use super::*;
use crate::claims::Owner;

/// What every script starts with after its variables: `run` prints a command and, with
/// `CREATE=1`, runs it, naming what failed; `id_of` does the same for a lookup whose output (an
/// ARM ID) the script keeps, and stands in a placeholder without `CREATE=1`.
const HELPERS: &str = r##"# Prints each command; runs it only with CREATE=1, and stops at the first that fails.
run() {
  what="$1"
  shift
  printf '+ %s\n' "$*"
  if [ "${CREATE:-}" = 1 ]; then
    "$@" || { printf 'failed: %s\n' "$what" >&2; exit 1; }
  fi
}
id_of() {
  what="$1"
  shift
  printf '+ %s\n' "$*" >&2
  if [ "${CREATE:-}" = 1 ]; then
    "$@" || { printf 'failed: the ID of %s\n' "$what" >&2; exit 1; }
  else
    printf '<the ID of %s>\n' "$what"
  fi
}
if [ "${CREATE:-}" != 1 ]; then
  echo "# Nothing runs without CREATE=1: these are the commands it would run." >&2
fi
"##;

/// The start of a deployment script: [`preamble`], how to run it, `set -euo pipefail`, the
/// variables it needs (`required` refuse to run unset; `optional` have a default) and the helpers.
fn script_start(plan: &Plan, what: &str, required: &[(&str, &str)], optional: &[(&str, &str, &str)]) -> String {
    let mut out = format!("#!/usr/bin/env bash\n{}", preamble(what, plan, comment_text));
    let _ = writeln!(out, "# Set these in the environment (or edit them here) and sign in with az login; run once to");
    let _ = writeln!(out, "# see the commands, then with CREATE=1 to run them.");
    let _ = writeln!(out, "set -euo pipefail");
    for (name, why) in required {
        let _ = writeln!(out, "{name}=\"${{{name}:?set {name} to {why}}}\"");
    }
    for (name, default, why) in optional {
        let _ = writeln!(out, "# {why}");
        let _ = writeln!(out, "{name}=\"${{{name}:-{default}}}\"");
    }
    out.push_str(HELPERS);
    out
}

/// Letters, digits and dashes, 1 to 24 characters: safe in a command, accepted as a resource name.
pub(super) fn resource_name(name: &str, index: usize, fallback: &str) -> String {
    let mut n = dns1123(name, index);
    if n.starts_with("cluster-") && name.trim().is_empty() {
        n = format!("{fallback}-{}", index + 1);
    }
    n.truncate(24);
    n.trim_end_matches('-').to_string()
}

/// The resource names of the plan's logical networks and clusters, unique within each list.
fn names(plan: &Plan) -> (Vec<String>, Vec<String>) {
    let mut lnets = Unique::default();
    let segments = plan.segments.iter().enumerate().map(|(s, seg)| lnets.name(resource_name(&seg.name, s, "lnet"), 24)).collect();
    let mut clusters = Unique::default();
    let cluster_names = plan.clusters.iter().enumerate().map(|(c, cl)| clusters.name(resource_name(&cl.name, c, "cluster"), 24)).collect();
    (segments, cluster_names)
}

/// A multi-rack fabric network's ARM ID as the plan gives it, where it is plain enough to
/// stand in a script (an ARM ID's letters, digits and `/._-` only); else None, and the script
/// asks for it.
pub(super) fn fabric_id(text: Option<&String>) -> Option<&str> {
    let id = text?.trim();
    let plain = id.starts_with('/') && id.len() <= 1024 && id.chars().all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c));
    plain.then_some(id)
}

/// One command, a flag a line.
fn command(out: &mut String, what: &str, words: &[String]) {
    let _ = write!(out, "run \"{what}\" \\\n");
    for (i, w) in words.iter().enumerate() {
        let _ = writeln!(out, "  {w}{}", if i + 1 < words.len() { " \\" } else { "" });
    }
}

const CUSTOM_LOCATION: (&str, &str) =
    ("CUSTOM_LOCATION_ID", "the ARM ID of the Azure Local custom location (az customlocation show --query id -o tsv)");

pub(super) fn az_lnet(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let platform = platform::of(plan);
    // On a rack fabric the Layer 3 internal network routes and there is no VM switch.
    let fabric = platform.fabric_networks;
    let mut required = vec![("RESOURCE_GROUP", "the resource group of the logical networks"), CUSTOM_LOCATION];
    if !fabric {
        required.push(("VM_SWITCH", "the Azure Local VM switch the logical networks use"));
    }
    let region: String = plan.region.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    let region = if region.is_empty() { "eastus".to_string() } else { region };
    let mut out = script_start(plan, "Logical networks", &required, &[("LOCATION", &region, "The Azure region of the logical networks (the plan's region; autonomous on disconnected Azure Local).")]);
    let _ = writeln!(out, "# A logical network's pools cannot be changed once it exists: check the plan first (aksarc-netplan check).");
    let (lnet_names, _) = names(plan);
    // Each network's gateway and DNS servers, in one pass over the claims.
    let mut own: Vec<(Option<AddrRange>, Vec<String>)> = vec![(None, Vec::new()); plan.segments.len()];
    for claim in &resolved.claims {
        match (claim.kind, claim.owner) {
            (ClaimKind::Gateway, Owner::Segment(s)) => own[s].0 = Some(claim.range),
            (ClaimKind::Dns, Owner::Segment(s)) => own[s].1.push(claim.range.to_string()),
            _ => {}
        }
    }
    for (s, seg) in plan.segments.iter().enumerate() {
        let view = &resolved.segments[s];
        let _ = writeln!(out);
        let Some(subnet) = view.subnet else {
            let _ = writeln!(out, "# {} {}: its prefix does not parse, skipped", platform.words.network, comment_text(&seg.name));
            continue;
        };
        let name = &lnet_names[s];
        if seg.existing {
            let _ = writeln!(out, "# logical network {} ({subnet}) exists in Azure: not created again", comment_text(&seg.name));
            continue;
        }
        let _ = writeln!(out, "# logical network {} ({subnet})", comment_text(&seg.name));
        let mut flags = vec![
            "az stack-hci-vm network lnet create".to_string(),
            "--resource-group \"$RESOURCE_GROUP\"".to_string(),
            "--custom-location \"$CUSTOM_LOCATION_ID\"".to_string(),
            "--location \"$LOCATION\"".to_string(),
            format!("--name {name}"),
        ];
        if !fabric {
            flags.push("--vm-switch-name \"$VM_SWITCH\"".to_string());
        }
        flags.push("--ip-allocation-method Static".to_string());
        flags.push(format!("--address-prefixes {subnet}"));
        if fabric {
            // The fabric gives the default route: no gateway is passed, whatever the plan holds.
            let var = format!("FABRIC_NETWORK_{}", s + 1);
            match fabric_id(seg.fabric_network.as_ref()) {
                Some(id) => {
                    let _ = writeln!(out, "{var}=\"${{{var}:-{id}}}\"");
                }
                None => {
                    let _ = writeln!(out, "{var}=\"${{{var}:?set {var} to the ARM ID of the Layer 3 internal network of {name}}}\"");
                }
            }
            flags.push("--no-gateway".to_string());
            flags.push(format!("--fabric-network-configuration-id \"${var}\""));
        } else {
            match own[s].0 {
                Some(gw) => flags.push(format!("--gateway {gw}")),
                None => {
                    let _ = writeln!(out, "# no gateway in the plan (gateway-missing): add --gateway");
                }
            }
        }
        let dns = &own[s].1;
        if dns.is_empty() {
            let _ = writeln!(out, "# no DNS server in the plan (dns-missing): add --dns-servers");
        } else {
            flags.push(format!("--dns-servers {}", dns.join(" ")));
        }
        // Every pool: one as start and end, several as one JSON list (the pools of a logical
        // network cannot be added later). On a fabric, pools of type vm restrict the network to them.
        let pools = &view.ip_pools;
        match pools.as_slice() {
            [] if fabric => {
                let _ = writeln!(out, "# no IP pool in the plan: the whole prefix of the Layer 3 internal network goes to this logical network");
            }
            [] => {
                let _ = writeln!(out, "# no IP pool in the plan (ip-pool-missing): add --ip-pool-start and --ip-pool-end");
            }
            [one] => {
                flags.push(format!("--ip-pool-start {}", format_addr(one.family, one.start)));
                flags.push(format!("--ip-pool-end {}", format_addr(one.family, one.end)));
                if fabric {
                    flags.push("--ip-pool-type vm".to_string());
                }
            }
            several => {
                let list: Vec<String> = several
                    .iter()
                    .map(|p| format!("{{\"start\":\"{}\",\"end\":\"{}\",\"ip_pool_type\":\"vm\"}}", format_addr(p.family, p.start), format_addr(p.family, p.end)))
                    .collect();
                flags.push(format!("--ip-pools '[{}]'", list.join(",")));
            }
        }
        if seg.vlan != 0 {
            flags.push(format!("--vlan {}", seg.vlan));
        } else if fabric {
            let _ = writeln!(out, "# no VLAN in the plan: add --vlan with the Layer 3 internal network's VLAN");
        }
        command(&mut out, &format!("logical network {name}"), &flags);
    }
    out
}

pub(super) fn az_aksarc(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut out = script_start(
        plan,
        "AKS Arc clusters",
        &[("RESOURCE_GROUP", "the resource group of the clusters and logical networks"), CUSTOM_LOCATION],
        &[("AAD_ADMIN_GROUP", "", "The object ID of the Microsoft Entra group of cluster administrators; leave it empty where there is none (disconnected Azure Local).")],
    );
    let _ = writeln!(out, "# Each cluster is validated (--validate) before it is created; its other node pools are added after.");
    let (lnet_names, cluster_names) = names(plan);
    let mut cp_of: Vec<Option<AddrRange>> = vec![None; plan.clusters.len()];
    for claim in &resolved.claims {
        if let (ClaimKind::ControlPlane, Owner::Cluster(c)) = (claim.kind, claim.owner) {
            cp_of[c] = Some(claim.range);
        }
    }
    // Each logical network's ID is looked up once, where a cluster first needs it.
    let mut looked_up = vec![false; plan.segments.len()];
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let _ = writeln!(out);
        let name = &cluster_names[c];
        let Some(s) = resolved.cluster_segment[c] else {
            let _ = writeln!(out, "# cluster {}: its logical network is not in the plan, skipped", comment_text(&cluster.name));
            continue;
        };
        let lnet = &lnet_names[s];
        if cluster.existing {
            let _ = writeln!(out, "# cluster {} exists in Azure: not created again", comment_text(&cluster.name));
            continue;
        }
        let _ = writeln!(out, "# cluster {} on logical network {}", comment_text(&cluster.name), comment_text(&plan.segments[s].name));
        let var = format!("LNET_{}", s + 1);
        if !looked_up[s] {
            looked_up[s] = true;
            let _ = writeln!(out, "{var}=\"$(id_of \"logical network {lnet}\" az stack-hci-vm network lnet show --name {lnet} --resource-group \"$RESOURCE_GROUP\" --query id -o tsv)\"");
        }
        let mut flags = vec![
            "az aksarc create".to_string(),
            format!("--name {name}"),
            "--resource-group \"$RESOURCE_GROUP\"".to_string(),
            "--custom-location \"$CUSTOM_LOCATION_ID\"".to_string(),
            format!("--vnet-ids \"${var}\""),
            "${AAD_ADMIN_GROUP:+--aad-admin-group-object-ids \"$AAD_ADMIN_GROUP\"}".to_string(),
            "--generate-ssh-keys".to_string(),
            "--load-balancer-count 0".to_string(),
            format!("--control-plane-count {}", cluster.control_plane_nodes),
        ];
        if let Some(first) = cluster.node_pools.first() {
            flags.push(format!("--node-count {}", first.nodes));
        }
        match cp_of[c] {
            Some(cp) => flags.push(format!("--control-plane-ip {cp}")),
            None => {
                let _ = writeln!(out, "# control plane IP: automatic, from the logical network's IP pool");
            }
        }
        let mut validate = flags.clone();
        validate.push("--validate".to_string());
        command(&mut out, &format!("cluster {name} (validation)"), &validate);
        command(&mut out, &format!("cluster {name}"), &flags);
        // Azure names the first node pool itself (nodepool1 from the CLI); the others join it.
        let mut pools = Unique::default();
        pools.name("nodepool1".to_string(), 12);
        for (p, pool) in cluster.node_pools.iter().enumerate().skip(1) {
            let pool_name = pools.name(pool_name(&pool.name, p), 12);
            command(&mut out, &format!("node pool {pool_name} of cluster {name}"), &[
                "az aksarc nodepool add".to_string(),
                format!("--cluster-name {name}"),
                format!("--name {pool_name}"),
                "--resource-group \"$RESOURCE_GROUP\"".to_string(),
                format!("--node-count {}", pool.nodes),
            ]);
        }
        command(&mut out, &format!("the node pools of cluster {name}"), &[
            "az aksarc nodepool list".to_string(),
            format!("--cluster-name {name}"),
            "--resource-group \"$RESOURCE_GROUP\"".to_string(),
        ]);
    }
    out
}

pub(super) fn az_lb(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut out = script_start(plan, "MetalLB load balancers", &[("RESOURCE_GROUP", "the resource group of the clusters")], &[]);
    let _ = writeln!(out, "# One load balancer per cluster (ARP mode: the addresses must be in the nodes' subnet). The");
    let _ = writeln!(out, "# load balancer extension is installed first (enable). Without the Microsoft Graph permission");
    let _ = writeln!(out, "# enable needs, install it by hand instead:");
    let _ = writeln!(out, "#   az provider register -n Microsoft.KubernetesRuntime");
    let _ = writeln!(out, "#   OBJECT_ID=\"$(az ad sp list --filter \"appId eq '087fca6e-4606-4d41-b3f6-5ebdf75b8b4c'\" --query \"[].id\" -o tsv)\"");
    let _ = writeln!(out, "#   az k8s-extension create --cluster-name CLUSTER -g \"$RESOURCE_GROUP\" --cluster-type connectedClusters \\");
    let _ = writeln!(out, "#     --extension-type microsoft.arcnetworking --config k8sRuntimeFpaObjectId=\"$OBJECT_ID\" -n arcnetworking");
    let (_, cluster_names) = names(plan);
    let pools = resolved.lb_pools();
    let mut first = true;
    let mut lbs = Unique::default();
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let _ = writeln!(out);
        let name = &cluster_names[c];
        // The ranges Azure's load balancers serve already are not created again.
        let existing: Vec<String> = cluster.lb_pools_existing.iter().filter_map(|t| metallb_entry(t)).collect();
        let entries: Vec<String> = cluster
            .lb_pools
            .iter()
            .filter_map(|t| metallb_entry(t))
            .filter(|e| !e.contains(':') && !existing.contains(e))
            .collect();
        if pools[c].is_empty() || entries.is_empty() {
            let why = if existing.is_empty() { "no load balancer pool in the plan" } else { "its load balancer ranges exist in Azure" };
            let _ = writeln!(out, "# cluster {}: {why}, skipped", comment_text(&cluster.name));
            continue;
        }
        if first {
            first = false;
            command(&mut out, "the k8s-runtime extension of the Azure CLI", &["az extension add".to_string(), "--name k8s-runtime".to_string(), "--upgrade".to_string()]);
        }
        let _ = writeln!(out, "# cluster {} (Azure name: {name})", comment_text(&cluster.name));
        let var = format!("CLUSTER_{}", c + 1);
        let _ = writeln!(out, "{var}=\"$(id_of \"connected cluster {name}\" az connectedk8s show --name {name} --resource-group \"$RESOURCE_GROUP\" --query id -o tsv)\"");
        // A cluster with a load balancer already has the extension.
        if existing.is_empty() {
            command(&mut out, &format!("the load balancer extension of cluster {name}"), &[
                "az k8s-runtime load-balancer enable".to_string(),
                format!("--resource-uri \"${var}\""),
            ]);
        }
        let base = format!("{}-lb", name.chars().take(21).collect::<String>().trim_end_matches('-'));
        let base = if base.len() < 3 { format!("{base}-lb") } else { base };
        let lb = lbs.name(base, 24);
        command(&mut out, &format!("load balancer {lb} of cluster {name}"), &[
            "az k8s-runtime load-balancer create".to_string(),
            format!("--load-balancer-name {lb}"),
            format!("--resource-uri \"${var}\""),
            format!("--addresses {}", entries.join(" ")),
            "--advertise-mode ARP".to_string(),
        ]);
    }
    out
}

/// A node pool's name as Azure takes it: 3 to 12 lowercase letters and digits, starting with a
/// letter (the AKS Arc cluster module's own check of node pool names).
pub(super) fn pool_name(name: &str, index: usize) -> String {
    let mut n: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    n = n.trim_start_matches(|c: char| c.is_ascii_digit()).to_string();
    n.truncate(12);
    if n.len() < 3 {
        n = format!("pool{}", index + 1);
    }
    n
}
