//! The Azure Local deployment as one ARM template (a `deploymentTemplate` JSON file, deployed
//! with `az deployment group create --template-file`): a logical network per segment, each
//! cluster as a connected cluster of kind `ProvisionedCluster` with its
//! `provisionedClusterInstances/default`, and for a cluster with load balancer ranges the MetalLB
//! extension `arcnetworking` and a load balancer. Resource types and API versions are those of
//! Microsoft's own templates (Azure/aksArc `deploymentTemplates/`); logical networks on a rack
//! fabric take the first API version that has `fabricNetworkConfiguration`.
//!
//! What the plan does not know is a parameter. Plan text reaches the template only as resource
//! names reduced to letters, digits and dashes, as addresses the planner parsed, and, made safe by
//! [`comment_text`], inside the `metadata` texts, which always start with our own words: ARM reads
//! any string that starts with `[` as an expression, so no string of the template may start with
//! plan text. The file is printed with a fixed key order, whatever order serde_json's map keeps.

use serde_json::{json, Map, Value};

use super::deploy::{fabric_id, pool_name, resource_name};
use super::metallb::metallb_entry;
use super::*;
use crate::claims::Owner;

/// The `$schema` of the file.
const SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// A resource type and the API version the template deploys it with.
struct Api {
    kind: &'static str,
    version: &'static str,
}

const LOGICAL_NETWORK: Api = Api { kind: "Microsoft.AzureStackHCI/logicalNetworks", version: "2024-01-01" };
/// Logical networks on a rack fabric: `fabricNetworkConfiguration` is in no stable API version
/// yet; this is the first that has it.
const FABRIC_LOGICAL_NETWORK: Api = Api { kind: "Microsoft.AzureStackHCI/logicalNetworks", version: "2025-09-01-preview" };
const CONNECTED_CLUSTER: Api = Api { kind: "Microsoft.Kubernetes/connectedClusters", version: "2024-01-01" };
const CLUSTER_INSTANCE: Api = Api { kind: "Microsoft.HybridContainerService/provisionedClusterInstances", version: "2024-01-01" };
const EXTENSION: Api = Api { kind: "Microsoft.KubernetesConfiguration/extensions", version: "2022-11-01" };
const LOAD_BALANCER: Api = Api { kind: "Microsoft.KubernetesRuntime/loadBalancers", version: "2024-03-01" };

/// The application behind Microsoft.KubernetesRuntime: the MetalLB extension takes the object ID
/// of its service principal in the tenant, which a template cannot look up.
const K8S_RUNTIME_APP_ID: &str = "087fca6e-4606-4d41-b3f6-5ebdf75b8b4c";

/// The MetalLB extension's name, as `az k8s-runtime load-balancer enable` installs it.
const METALLB_EXTENSION: &str = "arcnetworking";

/// `[parameters('name')]`.
fn parameter(name: &str) -> Value {
    Value::String(format!("[parameters('{name}')]"))
}

/// The ID of a resource of the template's resource group, as an expression.
fn resource_id(kind: &str, name: &str) -> String {
    format!("[resourceId('{kind}', '{name}')]")
}

/// The ID of an extension resource on the connected cluster `cluster`, as an expression.
fn on_cluster_id(cluster: &str, kind: &str, name: &str) -> String {
    format!("[extensionResourceId(resourceId('{}', '{cluster}'), '{kind}', '{name}')]", CONNECTED_CLUSTER.kind)
}

/// The `scope` of an extension resource on the connected cluster `cluster`.
fn cluster_scope(cluster: &str) -> String {
    format!("[format('{}/{{0}}', '{cluster}')]", CONNECTED_CLUSTER.kind)
}

/// A node pool name unique in its cluster: digits replace its end when another pool has it
/// (`pool`, `pool2`, …), within the 12 characters a pool name may have.
fn unique_pool(name: String, taken: &mut super::unique::Unique) -> String {
    taken.name(name, 12)
}

/// The ranges MetalLB takes in a cluster's load balancer: those the planner parsed and claimed,
/// IPv4 (Azure Local's), but those Azure's load balancers serve already.
struct LbAddresses {
    addresses: Vec<Value>,
    /// Positions of the ranges left out.
    left_out: Vec<usize>,
    /// Whether Azure's load balancers serve some already, so the extension is there.
    served: bool,
}

fn metallb_addresses(cluster: &crate::model::Cluster, c: usize, lb_fields: &HashSet<&str>) -> LbAddresses {
    let served: HashSet<String> = cluster.lb_pools_existing.iter().filter_map(|t| metallb_entry(t)).collect();
    let mut lb = LbAddresses { addresses: Vec::new(), left_out: Vec::new(), served: !served.is_empty() };
    for (k, text) in cluster.lb_pools.iter().enumerate() {
        let entry = metallb_entry(text);
        if entry.as_ref().is_some_and(|e| served.contains(e)) {
            continue;
        }
        let claimed = lb_fields.contains(format!("clusters[{c}].lb_pools[{k}]").as_str());
        match entry.filter(|e| claimed && !e.contains(':')) {
            Some(entry) => lb.addresses.push(Value::String(entry)),
            None => lb.left_out.push(k),
        }
    }
    lb
}

/// What Azure Resource Manager takes in one template (Microsoft Learn, "ARM template best
/// practices", Template limits,
/// https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits):
/// a template past them is refused when deployed, so the planner makes none.
const MAX_RESOURCES: usize = 800;
const MAX_PARAMETERS: usize = 256;

/// How many resources and parameters [`arm`] puts in the template of a plan, counted by the
/// same rules without making them: a plan of thousands of clusters is refused in linear work.
pub struct ArmSize {
    pub resources: usize,
    pub parameters: usize,
}

pub fn arm_size(plan: &Plan) -> ArmSize {
    let resolved = resolve(plan);
    let fabric = platform::of(plan).fabric_networks;
    let new_lnets = plan.segments.iter().zip(&resolved.segments).filter(|(seg, view)| view.subnet.is_some() && !seg.existing).count();
    let (mut clusters, mut extensions, mut balancers) = (0, 0, 0);
    let lb_fields = claimed_lb_fields(&resolved);
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let Some(s) = resolved.cluster_segment[c] else { continue };
        if resolved.segments[s].subnet.is_none() {
            continue;
        }
        if !cluster.existing {
            clusters += 1;
        }
        let lb = metallb_addresses(cluster, c, &lb_fields);
        if !lb.addresses.is_empty() {
            balancers += 1;
            if !lb.served {
                extensions += 1;
            }
        }
    }
    let parameters = usize::from(new_lnets + clusters > 0) * 2
        + usize::from(!fabric && new_lnets > 0)
        + usize::from(clusters > 0) * 3
        + usize::from(extensions > 0)
        + if fabric { new_lnets } else { 0 };
    ArmSize { resources: new_lnets + 2 * clusters + extensions + balancers, parameters }
}

/// Why the plan gets no ARM template: one past the template limits; `None` when it fits.
pub(super) fn over_limits(plan: &Plan) -> Option<String> {
    let size = arm_size(plan);
    let (what, needs, max) = if size.resources > MAX_RESOURCES {
        ("resources", size.resources, MAX_RESOURCES)
    } else if size.parameters > MAX_PARAMETERS {
        ("parameters", size.parameters, MAX_PARAMETERS)
    } else {
        return None;
    };
    Some(format!(
        "the arm export makes one ARM template, and Azure Resource Manager takes at most {max} {what} in a template; \
         this plan needs {needs}. Create them with the az-lnet and az-aksarc scripts, or split the plan"
    ))
}

/// A parameter declaration: its type, what it is, a default when it has one.
fn declare(kind: &str, description: &str, default: Option<Value>, required: bool) -> Value {
    let mut p = Map::new();
    p.insert("type".into(), kind.into());
    p.insert("metadata".into(), json!({ "description": description }));
    if let Some(value) = default {
        p.insert("defaultValue".into(), value);
    }
    if required {
        p.insert("minLength".into(), 1.into());
    }
    Value::Object(p)
}

pub(super) fn arm(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let platform = platform::of(plan);
    // On a rack fabric the Layer 3 internal network routes and there is no VM switch.
    let fabric = platform.fabric_networks;
    let mut params = Map::new();
    let mut resources: Vec<Value> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let custom_location = json!({ "type": "CustomLocation", "name": parameter("customLocationId") });
    let network_word = platform.words.network;

    // ---- logical networks
    let mut lnet_names: Vec<Option<String>> = Vec::with_capacity(plan.segments.len());
    let mut existing: Vec<String> = Vec::new();
    let mut new_lnets = 0;
    let mut taken = super::unique::Unique::default();
    let segment = |o: Owner| if let Owner::Segment(s) = o { Some(s) } else { None };
    let gateways = claims_by_owner(&resolved, ClaimKind::Gateway, plan.segments.len(), segment);
    let dns_servers = claims_by_owner(&resolved, ClaimKind::Dns, plan.segments.len(), segment);
    for (s, seg) in plan.segments.iter().enumerate() {
        let view = &resolved.segments[s];
        let Some(subnet) = view.subnet else {
            skipped.push(format!("{network_word} {} ({}): its prefix does not parse", s + 1, comment_text(&seg.name)));
            lnet_names.push(None);
            continue;
        };
        let mut base = resource_name(&seg.name, s, "lnet");
        if base.len() < 2 {
            base = format!("lnet-{}", s + 1);
        }
        let name = taken.name(base, 24);
        // What Azure has already is not deployed again; clusters refer to it by its ID.
        if seg.existing {
            notes.push(format!("{network_word} {name} exists in Azure: not created again"));
            existing.push(format!("{}/{name}", LOGICAL_NETWORK.kind));
            lnet_names.push(Some(name));
            continue;
        }
        new_lnets += 1;
        let mut subnet_props = Map::new();
        subnet_props.insert("addressPrefix".into(), subnet.to_string().into());
        subnet_props.insert("ipAllocationMethod".into(), "Static".into());
        let pools: Vec<Value> = view
            .ip_pools
            .iter()
            .map(|p| {
                let mut pool = Map::new();
                pool.insert("start".into(), format_addr(p.family, p.start).into());
                pool.insert("end".into(), format_addr(p.family, p.end).into());
                if fabric {
                    // Restricts the logical network to its pools (multi-rack logical networks).
                    pool.insert("ipPoolType".into(), "vm".into());
                }
                Value::Object(pool)
            })
            .collect();
        if pools.is_empty() {
            notes.push(if fabric {
                format!("{network_word} {name}: no IP pool in the plan, so the whole prefix of the Layer 3 internal network goes to it")
            } else {
                format!("{network_word} {name}: no IP pool in the plan (ip-pool-missing); the clusters need one")
            });
        } else {
            subnet_props.insert("ipPools".into(), Value::Array(pools));
        }
        if !fabric {
            match gateways[s].first() {
                Some(gw) => {
                    let everything = if gw.family == Family::V4 { "0.0.0.0/0" } else { "::/0" };
                    subnet_props.insert(
                        "routeTable".into(),
                        json!({ "properties": { "routes": [
                            { "name": "default", "properties": { "addressPrefix": everything, "nextHopIpAddress": gw.to_string() } }
                        ] } }),
                    );
                }
                None => notes.push(format!("{network_word} {name}: no gateway in the plan (gateway-missing), so no default route")),
            }
        }
        if seg.vlan != 0 {
            subnet_props.insert("vlan".into(), seg.vlan.into());
        } else if fabric {
            notes.push(format!("{network_word} {name}: no VLAN in the plan; the Layer 3 internal network's VLAN belongs in vlan"));
        }
        let mut props = Map::new();
        props.insert("subnets".into(), json!([{ "name": name, "properties": subnet_props }]));
        let dns: Vec<Value> = dns_servers[s].iter().map(|r| Value::String(r.to_string())).collect();
        if dns.is_empty() {
            notes.push(format!("{network_word} {name}: no DNS server in the plan (dns-missing)"));
        } else {
            props.insert("dhcpOptions".into(), json!({ "dnsServers": dns }));
        }
        let api = if fabric {
            // The fabric gives the default route: no gateway is passed, whatever the plan holds.
            let param = format!("fabricNetworkId{}", s + 1);
            let what = format!("The ARM ID of the Layer 3 internal network of the rack fabric for {network_word} {name}.");
            let default = fabric_id(seg.fabric_network.as_ref()).map(Value::from);
            params.insert(param.clone(), declare("string", &what, default, true));
            props.insert("fabricNetworkConfiguration".into(), json!({ "resourceId": parameter(&param) }));
            &FABRIC_LOGICAL_NETWORK
        } else {
            props.insert("vmSwitchName".into(), parameter("vmSwitchName"));
            &LOGICAL_NETWORK
        };
        resources.push(json!({
            "type": api.kind,
            "apiVersion": api.version,
            "name": name,
            "location": parameter("location"),
            "extendedLocation": custom_location,
            "properties": props,
        }));
        lnet_names.push(Some(name));
    }

    // ---- clusters, their instances, MetalLB
    let mut taken = super::unique::Unique::default();
    let mut clusters = 0;
    let mut extensions = 0;
    let control_planes = claims_by_owner(&resolved, ClaimKind::ControlPlane, plan.clusters.len(), |o| match o {
        Owner::Cluster(c) => Some(c),
        _ => None,
    });
    let lb_fields = claimed_lb_fields(&resolved);
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let label = comment_text(&cluster.name);
        let Some(s) = resolved.cluster_segment[c] else {
            skipped.push(format!("cluster {} ({label}): its {network_word} is not in the plan", c + 1));
            continue;
        };
        let Some(lnet) = &lnet_names[s] else {
            skipped.push(format!("cluster {} ({label}): its {network_word} is left out", c + 1));
            continue;
        };
        let name = taken.name(resource_name(&cluster.name, c, "cluster"), 24);
        let cluster_id = resource_id(CONNECTED_CLUSTER.kind, &name);
        let instance_id = on_cluster_id(&name, CLUSTER_INSTANCE.kind, "default");
        // An existing logical network is no resource of this template: no dependency on it.
        let lnet_id = resource_id(LOGICAL_NETWORK.kind, lnet);
        let lnet_existing = plan.segments[s].existing;
        if cluster.existing {
            notes.push(format!("cluster {name} exists in Azure: not created again"));
            existing.push(format!("{}/{name}", CONNECTED_CLUSTER.kind));
        } else {
        clusters += 1;
        resources.push(json!({
            "type": CONNECTED_CLUSTER.kind,
            "apiVersion": CONNECTED_CLUSTER.version,
            "name": name,
            "location": parameter("location"),
            "kind": "ProvisionedCluster",
            "identity": { "type": "SystemAssigned" },
            "properties": {
                "agentPublicKeyCertificate": "",
                "aadProfile": { "adminGroupObjectIDs": parameter("adminGroupObjectIds"), "enableAzureRBAC": false },
            },
        }));
        let mut pool_names = super::unique::Unique::joined("");
        let pools: Vec<Value> = cluster
            .node_pools
            .iter()
            .enumerate()
            .map(|(p, pool)| json!({ "name": unique_pool(pool_name(&pool.name, p), &mut pool_names), "count": pool.nodes }))
            .collect();
        let mut control_plane = Map::new();
        control_plane.insert("count".into(), cluster.control_plane_nodes.into());
        // A ControlPlane claim exists only where the platform takes a typed control plane IP.
        if let Some(cp) = control_planes[c].first() {
            control_plane.insert("controlPlaneEndpoint".into(), json!({ "hostIP": cp.to_string() }));
        }
        resources.push(json!({
            "type": CLUSTER_INSTANCE.kind,
            "apiVersion": CLUSTER_INSTANCE.version,
            "name": "default",
            "scope": cluster_scope(&name),
            "extendedLocation": custom_location,
            "dependsOn": if lnet_existing { json!([cluster_id]) } else { json!([cluster_id, lnet_id]) },
            "properties": {
                "kubernetesVersion": "[if(empty(parameters('kubernetesVersion')), null(), parameters('kubernetesVersion'))]",
                "controlPlane": control_plane,
                "agentPoolProfiles": pools,
                "cloudProviderProfile": { "infraNetworkProfile": { "vnetSubnetIds": [lnet_id] } },
                "linuxProfile": { "ssh": { "publicKeys": [{ "keyData": parameter("sshPublicKey") }] } },
                // MetalLB, not the load balancer VMs of old.
                "networkProfile": { "networkPolicy": "calico", "loadBalancerProfile": { "count": 0 } },
            },
        }));
        }

        let lb = metallb_addresses(cluster, c, &lb_fields);
        for k in &lb.left_out {
            skipped.push(format!("cluster {name}: load balancer range {} left out: it is not an IPv4 range the plan claims", k + 1));
        }
        let (addresses, served) = (lb.addresses, lb.served);
        if addresses.is_empty() {
            continue;
        }
        let extension_id = on_cluster_id(&name, EXTENSION.kind, METALLB_EXTENSION);
        // A cluster with a load balancer already has the extension; an existing cluster is no
        // resource of this template.
        let mut after = Vec::new();
        if !served {
            after.push(Value::String(extension_id.clone()));
            extensions += 1;
        resources.push(json!({
            "type": EXTENSION.kind,
            "apiVersion": EXTENSION.version,
            "name": METALLB_EXTENSION,
            "scope": cluster_scope(&name),
            // It installs into the running cluster, so after the cluster's instance.
            "dependsOn": if cluster.existing { json!([]) } else { json!([cluster_id, instance_id]) },
            "properties": {
                "extensionType": "microsoft.arcnetworking",
                "configurationSettings": { "k8sRuntimeFpaObjectId": parameter("k8sRuntimeFpaObjectId") },
            },
        }));
        }
        if !cluster.existing {
            after.push(Value::String(instance_id.clone()));
        }
        let lb_base: String = name.chars().take(21).collect();
        resources.push(json!({
            "type": LOAD_BALANCER.kind,
            "apiVersion": LOAD_BALANCER.version,
            "name": format!("{}-lb", lb_base.trim_end_matches('-')),
            "scope": cluster_scope(&name),
            "dependsOn": after,
            "properties": { "addresses": addresses, "advertiseMode": "ARP" },
        }));
    }

    // ---- parameters: only those the resources use
    if new_lnets + clusters > 0 {
        params.insert(
            "customLocationId".into(),
            declare("string", "The ARM ID of the custom location of the Azure Local instance (az customlocation show --query id).", None, true),
        );
        let region: String = plan.region.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        let region = if region.is_empty() { "eastus".to_string() } else { region };
        params.insert("location".into(), declare("string", "The Azure region of the resources; the plan's region by default.", Some(region.into()), false));
    }
    if !fabric && new_lnets > 0 {
        params.insert("vmSwitchName".into(), declare("string", "The name of the Azure Local VM switch the logical networks use.", None, true));
    }
    if clusters > 0 {
        params.insert(
            "adminGroupObjectIds".into(),
            declare(
                "array",
                "The object IDs of the Microsoft Entra groups whose members administer the clusters; empty for none (deployments without Entra).",
                Some(json!([])),
                false,
            ),
        );
        params.insert("sshPublicKey".into(), declare("string", "The SSH public key of the clusters' node VMs (the text of a .pub file).", None, true));
        params.insert(
            "kubernetesVersion".into(),
            declare("string", "The Kubernetes version of the clusters; empty for the default of the Azure Local release.", Some("".into()), false),
        );
    }
    if extensions > 0 {
        let what = format!(
            "The object ID of the service principal of appId {K8S_RUNTIME_APP_ID} (Microsoft.KubernetesRuntime), which the \
             MetalLB extension arcnetworking takes: az ad sp list --filter \"appId eq '{K8S_RUNTIME_APP_ID}'\" --query [0].id \
             -o tsv. Register the provider first: az provider register -n Microsoft.KubernetesRuntime."
        );
        params.insert("k8sRuntimeFpaObjectId".into(), declare("string", &what, None, true));
    }

    let mut metadata = Map::new();
    metadata.insert(
        "description".into(),
        format!(
            "The logical networks, clusters and MetalLB load balancers of plan {} for {}, generated by aksarc-netplan. \
             Deploy with: az deployment group create --resource-group <group> --template-file <this file> \
             --parameters <each parameter without a default>=<value>.",
            comment_text(plan_name(plan)),
            platform.product
        )
        .into(),
    );
    if !skipped.is_empty() {
        metadata.insert("skipped".into(), skipped.into());
    }
    if !notes.is_empty() {
        metadata.insert("notes".into(), notes.into());
    }
    // What the template extends or refers to without creating: Azure has it.
    if !existing.is_empty() {
        metadata.insert("existing".into(), existing.into());
    }
    let template = json!({
        "$schema": SCHEMA,
        "contentVersion": "1.0.0.0",
        "metadata": metadata,
        "parameters": params,
        "resources": resources,
    });
    let mut out = String::new();
    write_json(&mut out, &template, 0);
    out.push('\n');
    out
}

/// Keys that come first in an object, in this order (an object has only some of them); the
/// others follow in alphabetical order. The order of Microsoft's templates: `$schema` and
/// `contentVersion` first, `type`, `apiVersion` and `name` first in a resource.
const KEY_ORDER: &[&str] = &[
    "$schema",
    "contentVersion",
    "type",
    "apiVersion",
    "name",
    "scope",
    "location",
    "extendedLocation",
    "kind",
    "identity",
    "dependsOn",
    "defaultValue",
    "minLength",
    "metadata",
    "parameters",
    "resources",
    "start",
    "end",
];

/// The parameters in the order a reader fills them in; `fabricNetworkId` stands for all of
/// them, in the order of their numbers.
const PARAMETER_ORDER: &[&str] = &[
    "customLocationId",
    "location",
    "vmSwitchName",
    "fabricNetworkId",
    "sshPublicKey",
    "adminGroupObjectIds",
    "kubernetesVersion",
    "k8sRuntimeFpaObjectId",
];

/// Where a key goes among its object's keys: by its place in `order`, then by number
/// (`fabricNetworkId2` before `fabricNetworkId10`), then by name.
fn rank<'k>(order: &[&str], key: &'k str) -> (usize, u64, &'k str) {
    let stem = key.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = key[stem.len()..].parse().unwrap_or(0);
    match order.iter().position(|o| *o == key).or_else(|| order.iter().position(|o| *o == stem).filter(|_| number > 0)) {
        Some(i) => (i, number, key),
        None => (order.len(), 0, key),
    }
}

/// JSON pretty-printed with two spaces, object keys in [`KEY_ORDER`] (the template's parameters
/// in [`PARAMETER_ORDER`]).
fn write_json(out: &mut String, value: &Value, depth: usize) {
    write_value(out, value, depth, KEY_ORDER);
}

fn write_value(out: &mut String, value: &Value, depth: usize, order: &[&str]) {
    let pad = |out: &mut String, depth: usize| out.extend(std::iter::repeat_n("  ", depth));
    match value {
        Value::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| rank(order, k));
            out.push_str("{\n");
            for (i, key) in keys.iter().enumerate() {
                pad(out, depth + 1);
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push_str(": ");
                let inner = if depth == 0 && key.as_str() == "parameters" { PARAMETER_ORDER } else { KEY_ORDER };
                write_value(out, &map[key.as_str()], depth + 1, inner);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            pad(out, depth);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, depth + 1);
                write_value(out, item, depth + 1, KEY_ORDER);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, depth);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_keep_their_limits() {
        let mut pools = super::super::unique::Unique::joined("");
        assert_eq!(unique_pool("pool".into(), &mut pools), "pool");
        assert_eq!(unique_pool("pool".into(), &mut pools), "pool2");
        assert_eq!(unique_pool("abcdefghijkl".into(), &mut pools), "abcdefghijkl");
        assert_eq!(unique_pool("abcdefghijkl".into(), &mut pools), "abcdefghijk2");
    }

    #[test]
    fn printed_keys_follow_the_order_whatever_the_map_keeps() {
        let mut out = String::new();
        write_json(&mut out, &json!({ "zeta": [], "name": "n", "type": "t", "alpha": { "end": 2, "start": 1 }, "e": {} }), 0);
        assert_eq!(out, "{\n  \"type\": \"t\",\n  \"name\": \"n\",\n  \"alpha\": {\n    \"start\": 1,\n    \"end\": 2\n  },\n  \"e\": {},\n  \"zeta\": []\n}");
        let mut out = String::new();
        let params = json!({ "parameters": { "k8sRuntimeFpaObjectId": 0, "fabricNetworkId10": 0, "fabricNetworkId2": 0, "location": 0, "zz": 0 } });
        write_json(&mut out, &params, 0);
        let order: Vec<&str> = out.lines().skip(2).filter_map(|l| l.trim().split('"').nth(1)).collect();
        assert_eq!(order, ["location", "fabricNetworkId2", "fabricNetworkId10", "k8sRuntimeFpaObjectId", "zz"]);
    }
}
