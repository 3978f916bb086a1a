//! Deployment commands for Azure Local, the way its users create these objects: a logical
//! network per `segments[]` entry (`az stack-hci-vm network lnet create`) and a MetalLB load
//! balancer per cluster (`az k8s-runtime load-balancer create`). Flags as the Azure CLI reference
//! documents them (see docs/decisions.md). Names the plan does not know are shell variables at the
//! top; plan names reach the commands only reduced to letters, digits and dashes.

use super::metallb::{dns1123, metallb_entry};
use super::*;

/// The start of a deployment script: [`preamble`], `set -euo pipefail` and the variables the
/// script needs, each refusing to run unset.
fn script_start(plan: &Plan, what: &str, vars: &[(&str, &str)]) -> String {
    let mut out = format!("#!/usr/bin/env bash\n{}", preamble(what, plan, comment_text));
    let _ = writeln!(out, "# Set these in the environment (or edit them here), sign in with az login, then run.");
    let _ = writeln!(out, "set -euo pipefail");
    for (name, why) in vars {
        let _ = writeln!(out, "{name}=\"${{{name}:?set {name} to {why}}}\"");
    }
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

/// A multi-rack fabric network's ARM ID as the plan gives it, where it is plain enough to
/// stand in a script (an ARM ID's letters, digits and `/._-` only); else None, and the script
/// asks for it.
pub(super) fn fabric_id(text: Option<&String>) -> Option<&str> {
    let id = text?.trim();
    let plain = id.starts_with('/') && id.len() <= 1024 && id.chars().all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c));
    plain.then_some(id)
}

pub(super) fn az_lnet(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let platform = platform::of(plan);
    // On a rack fabric the Layer 3 internal network routes and there is no VM switch.
    let fabric = platform.fabric_networks;
    let mut vars = vec![
        ("RESOURCE_GROUP", "the resource group of the logical networks"),
        ("CUSTOM_LOCATION", "the Azure Local custom location (name or ID)"),
    ];
    if !fabric {
        vars.push(("VM_SWITCH", "the Azure Local VM switch the logical networks use"));
    }
    let mut out = script_start(plan, "Logical networks", &vars);
    let region: String = plan.region.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    let _ = writeln!(out, "LOCATION=\"${{LOCATION:-{}}}\"", if region.is_empty() { "eastus" } else { &region });
    let _ = writeln!(out, "# A logical network cannot be changed once it exists: check the plan first (aksarc-netplan check).");
    for (s, seg) in plan.segments.iter().enumerate() {
        let view = &resolved.segments[s];
        let _ = writeln!(out);
        let Some(subnet) = view.subnet else {
            let _ = writeln!(out, "# {} {}: its prefix does not parse, skipped", platform::of(plan).words.network, comment_text(&seg.name));
            continue;
        };
        let name = resource_name(&seg.name, s, "lnet");
        let _ = writeln!(out, "# logical network {} ({subnet})", comment_text(&seg.name));
        let single = |kind: ClaimKind| {
            resolved.claims.iter().filter(move |c| c.kind == kind && c.owner == crate::claims::Owner::Segment(s)).map(|c| c.range)
        };
        let mut flags = vec![
            "--resource-group \"$RESOURCE_GROUP\"".to_string(),
            "--custom-location \"$CUSTOM_LOCATION\"".to_string(),
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
                    let _ = writeln!(out, "{var}=\"${{{var}:?set {var} to the ARM ID of the Layer 3 internal network of {}}}\"", comment_text(&name));
                }
            }
            flags.push("--no-gateway".to_string());
            flags.push(format!("--fabric-network-configuration-id \"${var}\""));
        } else {
            match single(ClaimKind::Gateway).next() {
                Some(gw) => flags.push(format!("--gateway {gw}")),
                None => {
                    let _ = writeln!(out, "# no gateway in the plan (gateway-missing): add --gateway");
                }
            }
        }
        let dns: Vec<String> = single(ClaimKind::Dns).map(|r| r.to_string()).collect();
        if dns.is_empty() {
            let _ = writeln!(out, "# no DNS server in the plan (dns-missing): add --dns-servers");
        } else {
            flags.push(format!("--dns-servers {}", dns.join(" ")));
        }
        let pools = &view.ip_pools;
        if let Some(first) = pools.first() {
            flags.push(format!("--ip-pool-start {}", format_addr(first.family, first.start)));
            flags.push(format!("--ip-pool-end {}", format_addr(first.family, first.end)));
            if fabric {
                // Restricts the logical network to its pool (multi-rack logical networks).
                flags.push("--ip-pool-type vm".to_string());
            }
        } else if fabric {
            let _ = writeln!(out, "# no IP pool in the plan: the whole prefix of the Layer 3 internal network goes to this logical network");
        } else {
            let _ = writeln!(out, "# no IP pool in the plan (ip-pool-missing): add --ip-pool-start and --ip-pool-end");
        }
        for extra in pools.iter().skip(1) {
            let _ = writeln!(out, "# the command takes one pool; this plan also has {extra}");
        }
        if seg.vlan != 0 {
            flags.push(format!("--vlan {}", seg.vlan));
        } else if fabric {
            let _ = writeln!(out, "# no VLAN in the plan: add --vlan with the Layer 3 internal network's VLAN");
        }
        let _ = writeln!(out, "az stack-hci-vm network lnet create \\");
        for (i, flag) in flags.iter().enumerate() {
            let _ = writeln!(out, "  {flag}{}", if i + 1 < flags.len() { " \\" } else { "" });
        }
    }
    out
}

pub(super) fn az_lb(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut out = script_start(plan, "MetalLB load balancers", &[
        ("SUBSCRIPTION", "the subscription ID of the clusters"),
        ("RESOURCE_GROUP", "the resource group of the clusters"),
    ]);
    let _ = writeln!(out, "# One load balancer per cluster (ARP mode: the addresses must be in the nodes' subnet).");
    let pools = resolved.lb_pools();
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let _ = writeln!(out);
        let cluster_name = resource_name(&cluster.name, c, "cluster");
        let entries: Vec<String> = cluster.lb_pools.iter().filter_map(|t| metallb_entry(t)).filter(|e| !e.contains(':')).collect();
        if pools[c].is_empty() || entries.is_empty() {
            let _ = writeln!(out, "# cluster {}: no load balancer pool in the plan, skipped", comment_text(&cluster.name));
            continue;
        }
        let _ = writeln!(out, "# cluster {} (Azure name assumed: {cluster_name})", comment_text(&cluster.name));
        let lb = format!("{}-lb", cluster_name.chars().take(21).collect::<String>().trim_end_matches('-'));
        let lb = if lb.len() < 3 { format!("{lb}-lb") } else { lb };
        let _ = writeln!(out, "az k8s-runtime load-balancer create \\");
        let _ = writeln!(out, "  --load-balancer-name {lb} \\");
        let _ = writeln!(out, "  --resource-uri \"subscriptions/$SUBSCRIPTION/resourceGroups/$RESOURCE_GROUP/providers/Microsoft.Kubernetes/connectedClusters/{cluster_name}\" \\");
        let _ = writeln!(out, "  --addresses {} \\", entries.join(" "));
        let _ = writeln!(out, "  --advertise-mode ARP");
    }
    out
}

pub(super) fn az_aksarc(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut out = script_start(plan, "AKS Arc clusters", &[
        ("RESOURCE_GROUP", "the resource group of the clusters and logical networks"),
        ("CUSTOM_LOCATION", "the Azure Local custom location (name or ID)"),
        ("AAD_ADMIN_GROUP", "the object ID of the Microsoft Entra group of cluster administrators"),
    ]);
    let _ = writeln!(out, "# Each command first runs with --validate, as Microsoft recommends; CREATE=1 creates the clusters.");
    let _ = writeln!(out, "validate=(--validate)");
    let _ = writeln!(out, "if [ \"${{CREATE:-}}\" = 1 ]; then validate=(); fi");
    let segment_names: Vec<String> = plan.segments.iter().enumerate().map(|(s, seg)| resource_name(&seg.name, s, "lnet")).collect();
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let _ = writeln!(out);
        let name = resource_name(&cluster.name, c, "cluster");
        let Some(s) = resolved.cluster_segment[c] else {
            let _ = writeln!(out, "# cluster {}: its logical network is not in the plan, skipped", comment_text(&cluster.name));
            continue;
        };
        let _ = writeln!(out, "# cluster {} on logical network {}", comment_text(&cluster.name), comment_text(&plan.segments[s].name));
        if let Some(first) = cluster.node_pools.first() {
            let _ = writeln!(out, "# Its first node pool ({}) is the one the cluster is created with.", comment_text(&first.name));
        }
        let cp = resolved.claims.iter().find(|cl| cl.kind == ClaimKind::ControlPlane && cl.owner == crate::claims::Owner::Cluster(c));
        let var = format!("LNET_{c}");
        let _ = writeln!(out, "{var}=\"$(az stack-hci-vm network lnet show --name {} --resource-group \"$RESOURCE_GROUP\" --query id -o tsv)\"", segment_names[s]);
        let mut flags = vec![
            format!("--name {name}"),
            "--resource-group \"$RESOURCE_GROUP\"".to_string(),
            "--custom-location \"$CUSTOM_LOCATION\"".to_string(),
            format!("--vnet-ids \"${var}\""),
            "--aad-admin-group-object-ids \"$AAD_ADMIN_GROUP\"".to_string(),
            "--generate-ssh-keys".to_string(),
            "--load-balancer-count 0".to_string(),
            format!("--control-plane-node-count {}", cluster.control_plane_nodes),
        ];
        if let Some(first) = cluster.node_pools.first() {
            flags.push(format!("--node-count {}", first.nodes));
        }
        match cp {
            Some(cp) => flags.push(format!("--control-plane-ip {}", cp.range)),
            None => {
                let _ = writeln!(out, "# control plane IP: automatic, from the logical network's IP pool");
            }
        }
        flags.push("\"${validate[@]}\"".to_string());
        let _ = writeln!(out, "az aksarc create \\");
        for (i, flag) in flags.iter().enumerate() {
            let _ = writeln!(out, "  {flag}{}", if i + 1 < flags.len() { " \\" } else { "" });
        }
        // Node pools join a cluster that exists, so they wait for CREATE=1.
        let more = cluster.node_pools.iter().enumerate().skip(1);
        if cluster.node_pools.len() > 1 {
            let _ = writeln!(out, "if [ \"${{CREATE:-}}\" = 1 ]; then");
            for (p, pool) in more {
                let _ = writeln!(
                    out,
                    "  az aksarc nodepool add --name {} --cluster-name {name} --resource-group \"$RESOURCE_GROUP\" --node-count {}",
                    pool_name(&pool.name, p),
                    pool.nodes
                );
            }
            let _ = writeln!(out, "fi");
        }
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
