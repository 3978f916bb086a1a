//! What Azure already has, read from what the Azure CLI prints with `-o json`, into a plan: the
//! logical networks of `az stack-hci-vm network lnet list|show`, the clusters of `az aksarc
//! list|show` (provisioned cluster instances, each named `default`: the cluster's name is the
//! `connectedClusters/<name>` part of its id), their node pools from `az aksarc nodepool list`
//! (pools added later may be missing from the cluster's own output) and the load balancers of
//! `az k8s-runtime load-balancer list`. Everything read is marked `existing`.
//!
//! The output varies between versions, so keys are matched without regard to case (`id`/`ID`,
//! `hostIP`/`hostIp`), counts printed as strings are read as numbers, a prefix may come as
//! `addressPrefix` or `addressPrefixes`, and a logical network printed with one pool spanning
//! its whole prefix has no pool of its own. The files may come in any order and any subset; a
//! cluster whose logical network is not among them names it by its id's last part. Anything that
//! is none of these shapes is refused, naming the file and the item: nothing is half read.

use serde_json::Value;

use crate::addr::parse_subnet;
use crate::model::{Cluster, NodePool, Plan, PlatformId, Segment};

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// The plan with what the files hold, and a line for each thing read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub plan: Plan,
    pub read: Vec<String>,
    /// How many logical networks, clusters, node pools and load balancers the files held.
    pub counts: [usize; 4],
}

impl Imported {
    /// What was read, counted: "2 logical networks, 3 clusters, 1 load balancer".
    pub fn summary(&self) -> String {
        let words = ["logical network", "cluster", "node pool", "load balancer"];
        let parts: Vec<String> = self.counts.iter().zip(words).filter(|(n, _)| **n > 0).map(|(n, w)| crate::names::plural(*n, w, &format!("{w}s"))).collect();
        if parts.is_empty() { "nothing".into() } else { parts.join(", ") }
    }
}

/// A network of a new plan that nothing fills in yet: the page's empty plan starts with one.
fn blank(seg: &Segment) -> bool {
    seg.subnet.trim().is_empty() && seg.ip_pools.is_empty() && seg.dhcp.is_empty() && seg.gateway.is_none() && seg.dns.is_empty() && !seg.existing
}

/// A key of an object, whatever its case.
fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v).filter(|v| !v.is_null())
}

/// A path of keys.
fn at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, key| get(v, key))
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A count printed as a number or as a string.
fn count(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The part of an ARM id after `/<segment>/`, whatever the case.
fn id_part(id: &str, segment: &str) -> Option<String> {
    let parts: Vec<&str> = id.split('/').collect();
    parts.windows(2).find(|w| w[0].eq_ignore_ascii_case(segment)).map(|w| w[1].to_string()).filter(|s| !s.is_empty())
}

fn last_part(id: &str) -> String {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id).to_string()
}

/// What an item of the output is.
enum Shape {
    LogicalNetwork,
    Cluster,
    NodePool,
    LoadBalancer,
}

fn shape(item: &Value) -> Option<Shape> {
    let kind = text(get(item, "type")).unwrap_or_default().to_ascii_lowercase();
    let id = text(get(item, "id")).unwrap_or_default().to_ascii_lowercase();
    let is = |t: &str, part: &str| kind == t || id.contains(part);
    if is("microsoft.azurestackhci/logicalnetworks", "/microsoft.azurestackhci/logicalnetworks/") {
        Some(Shape::LogicalNetwork)
    } else if is("microsoft.hybridcontainerservice/provisionedclusterinstances/agentpools", "/agentpools/") {
        Some(Shape::NodePool)
    } else if is("microsoft.hybridcontainerservice/provisionedclusterinstances", "/provisionedclusterinstances/") {
        Some(Shape::Cluster)
    } else if is("microsoft.kubernetesruntime/loadbalancers", "/microsoft.kubernetesruntime/loadbalancers/") {
        Some(Shape::LoadBalancer)
    } else {
        None
    }
}

/// A logical network as the plan has it, and how many of its pools' addresses are given out.
fn logical_network(item: &Value) -> Result<(Segment, Option<u64>), String> {
    let name = text(get(item, "name")).or_else(|| text(get(item, "id")).map(|id| last_part(&id))).ok_or("a logical network without a name")?;
    let subnets = at(item, &["properties", "subnets"]).and_then(Value::as_array).ok_or("a logical network without subnets")?;
    let subnet = subnets.first().ok_or("a logical network without subnets")?;
    let props = get(subnet, "properties").unwrap_or(subnet);
    let prefix = text(get(props, "addressPrefix"))
        .or_else(|| get(props, "addressPrefixes").and_then(Value::as_array).and_then(|a| a.first()).and_then(|v| text(Some(v))))
        .ok_or("a logical network without an address prefix")?;
    let whole = parse_subnet(&prefix).ok().map(|s| s.range);
    let mut seg = Segment { name, subnet: prefix, existing: true, ..Segment::default() };
    let mut used = None;
    for pool in get(props, "ipPools").and_then(Value::as_array).into_iter().flatten() {
        let (Some(start), Some(end)) = (text(get(pool, "start")), text(get(pool, "end"))) else { continue };
        if let Some(n) = count(at(pool, &["info", "used"])) {
            used = Some(used.unwrap_or(0) + n as u64);
        }
        // A pool over the whole prefix is what a logical network created without one prints.
        let spans = whole.is_some_and(|w| crate::addr::parse_set(&format!("{start}-{end}")).is_ok_and(|p| p.start <= w.start && p.end >= w.end));
        if !spans {
            seg.ip_pools.push(format!("{start}-{end}"));
        }
    }
    for route in at(props, &["routeTable", "properties", "routes"]).and_then(Value::as_array).into_iter().flatten() {
        let route = get(route, "properties").unwrap_or(route);
        if text(get(route, "addressPrefix")).as_deref() == Some("0.0.0.0/0") {
            seg.gateway = text(get(route, "nextHopIpAddress"));
        }
    }
    seg.dns = at(item, &["properties", "dhcpOptions", "dnsServers"])
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| text(Some(v))).collect())
        .unwrap_or_default();
    seg.vlan = count(get(props, "vlan")).unwrap_or(0);
    seg.fabric_network = text(at(item, &["properties", "fabricNetworkConfiguration", "resourceId"]));
    Ok((seg, used))
}

fn cluster(item: &Value) -> Result<Cluster, String> {
    let id = text(get(item, "id")).ok_or("a cluster without an id")?;
    let name = id_part(&id, "connectedClusters").ok_or("a cluster whose id names no connected cluster")?;
    let props = get(item, "properties").ok_or("a cluster without properties")?;
    let segment = at(props, &["cloudProviderProfile", "infraNetworkProfile", "vnetSubnetIds"])
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(|v| text(Some(v)))
        .map(|id| last_part(&id))
        .unwrap_or_default();
    let control_plane = get(props, "controlPlane");
    let node_pools = get(props, "agentPoolProfiles")
        .and_then(Value::as_array)
        .map(|pools| {
            pools.iter().filter_map(|p| Some(NodePool { name: text(get(p, "name"))?, nodes: count(get(p, "count")).unwrap_or(1) })).collect()
        })
        .unwrap_or_default();
    Ok(Cluster {
        name,
        segment,
        control_plane_ip: control_plane.and_then(|c| text(at(c, &["controlPlaneEndpoint", "hostIP"]))),
        control_plane_nodes: control_plane.and_then(|c| count(get(c, "count"))).unwrap_or(1),
        node_pools,
        existing: true,
        ..Cluster::default()
    })
}

/// Reads the files (name, text) into `into`: what they hold replaces the plan's objects of the
/// same name, marked existing; everything else of the plan stays.
///
/// ```
/// use aksarc_netplan::{azure::import, model::Plan};
/// let lb = r#"[{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/prod/providers/Microsoft.KubernetesRuntime/loadBalancers/lb", "addresses": ["10.0.0.40-10.0.0.45"], "advertiseMode": "ARP"}]"#;
/// let out = import(&[("lb.json".into(), lb.into())], &Plan::default()).unwrap();
/// assert_eq!(out.plan.clusters[0].lb_pools, ["10.0.0.40-10.0.0.45"]);
/// assert!(out.plan.clusters[0].existing);
/// ```
pub fn import(files: &[(String, String)], into: &Plan) -> Result<Imported, ImportError> {
    let mut plan = into.clone();
    let mut read = Vec::new();
    // A plan with no clusters and only blank networks is a new one: the import takes its place.
    let fresh = into.clusters.is_empty() && into.segments.iter().all(blank);
    let mut counts = [0; 4];
    let mut node_pools: Vec<(String, NodePool)> = Vec::new();
    let mut balancers: Vec<(String, Vec<String>)> = Vec::new();
    let mut fabric = false;
    for (file, content) in files {
        let value: Value = serde_json::from_str(content).map_err(|e| ImportError(format!("{file}: not JSON the Azure CLI prints ({e})")))?;
        let items: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(_) => vec![&value],
            _ => return Err(ImportError(format!("{file}: not the output of az ... -o json (neither an object nor a list)"))),
        };
        for (i, item) in items.iter().enumerate() {
            let which = |why: String| ImportError(format!("{file}: item {}: {why}", i + 1));
            match shape(item) {
                Some(Shape::LogicalNetwork) => {
                    let (seg, used) = logical_network(item).map_err(|e| which(e.to_string()))?;
                    counts[0] += 1;
                    fabric |= seg.fabric_network.is_some();
                    read.push(match used {
                        Some(n) => format!("logical network {} ({}; its pools have given out {n} addresses)", seg.name, seg.subnet),
                        None => format!("logical network {} ({})", seg.name, seg.subnet),
                    });
                    match plan.segments.iter_mut().find(|s| s.name == seg.name) {
                        Some(old) => *old = seg,
                        None => plan.segments.push(seg),
                    }
                }
                Some(Shape::Cluster) => {
                    let c = cluster(item).map_err(which)?;
                    counts[1] += 1;
                    read.push(format!("cluster {} on {}", c.name, c.segment));
                    match plan.clusters.iter_mut().find(|o| o.name == c.name) {
                        Some(old) => {
                            let (lb_pools, services) = (std::mem::take(&mut old.lb_pools), old.services);
                            *old = Cluster { lb_pools, services, ..c };
                        }
                        None => plan.clusters.push(c),
                    }
                }
                Some(Shape::NodePool) => {
                    let id = text(get(item, "id")).unwrap_or_default();
                    let owner = id_part(&id, "connectedClusters").ok_or_else(|| which("a node pool whose id names no connected cluster".into()))?;
                    let name = text(get(item, "name")).ok_or_else(|| which("a node pool without a name".into()))?;
                    let nodes = count(at(item, &["properties", "count"]).or_else(|| get(item, "count"))).unwrap_or(1);
                    counts[2] += 1;
                    node_pools.push((owner, NodePool { name, nodes }));
                }
                Some(Shape::LoadBalancer) => {
                    let id = text(get(item, "id")).unwrap_or_default();
                    let owner = id_part(&id, "connectedClusters").ok_or_else(|| which("a load balancer whose id names no connected cluster".into()))?;
                    let addresses: Vec<String> = get(item, "addresses")
                        .or_else(|| at(item, &["properties", "addresses"]))
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(|v| text(Some(v))).collect())
                        .ok_or_else(|| which("a load balancer without addresses".into()))?;
                    counts[3] += 1;
                    balancers.push((owner, addresses));
                }
                None => {
                    return Err(which(
                        "none of the outputs read here (az stack-hci-vm network lnet list or show, az aksarc list or show, az aksarc nodepool list, az k8s-runtime load-balancer list)".into(),
                    ))
                }
            }
        }
    }
    // Node pools and load balancers join their clusters, whatever order the files came in.
    let cluster_of = |plan: &mut Plan, name: &str| -> usize {
        match plan.clusters.iter().position(|c| c.name.eq_ignore_ascii_case(name)) {
            Some(c) => c,
            None => {
                plan.clusters.push(Cluster { name: name.to_string(), existing: true, node_pools: Vec::new(), ..Cluster::default() });
                plan.clusters.len() - 1
            }
        }
    };
    for (owner, pool) in node_pools {
        let c = cluster_of(&mut plan, &owner);
        let pools = &mut plan.clusters[c].node_pools;
        match pools.iter_mut().find(|p| p.name == pool.name) {
            Some(p) => p.nodes = pool.nodes,
            None => pools.push(pool),
        }
    }
    for (owner, addresses) in balancers {
        let c = cluster_of(&mut plan, &owner);
        read.push(format!("load balancer of cluster {owner}: {}", addresses.join(", ")));
        let cluster = &mut plan.clusters[c];
        for a in addresses {
            if !cluster.lb_pools.contains(&a) {
                cluster.lb_pools.push(a.clone());
            }
            if !cluster.lb_pools_existing.contains(&a) {
                cluster.lb_pools_existing.push(a);
            }
        }
    }
    if fresh {
        plan.platform = if fabric { PlatformId::AzureLocalMultiRack } else { PlatformId::AzureLocal };
        if counts[0] > 0 {
            plan.segments.retain(|s| !blank(s));
        }
    }
    Ok(Imported { plan, read, counts })
}

/// What the import panel shows before anything is added: what the files hold and what
/// accepting would change in the plan, each list cut to its first `shown` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// "Read as Azure CLI output (a.json, b.json): 2 logical networks, 3 clusters; 7 changes".
    pub summary: String,
    /// The things read, and how many there are in all.
    pub read: Vec<String>,
    pub read_total: usize,
    /// The changes to the plan (`+ cluster prod: on …`), and how many there are in all.
    pub changes: Vec<String>,
    pub changes_total: usize,
}

/// Reads the files into `plan` as [`import`] does, and says what accepting would change: the
/// plan's changes come from the diff of the plan before and after (its changes alone).
pub fn preview(plan: &Plan, files: &[(String, String)], shown: usize) -> Result<(Preview, Plan), ImportError> {
    let imported = import(files, plan)?;
    // What the plan would gain; its checks run once the import is accepted.
    let changes = crate::diff::changes(plan, &imported.plan);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let summary = format!(
        "Read as Azure CLI output ({}): {}; {} to the plan",
        names.join(", "),
        imported.summary(),
        crate::names::plural(changes.len(), "change", "changes")
    );
    let preview = Preview {
        summary,
        read_total: imported.read.len(),
        read: imported.read.into_iter().take(shown).collect(),
        changes_total: changes.len(),
        changes: changes.iter().take(shown).map(|c| format!("{} {}", c.mark(), c.line())).collect(),
    };
    Ok((preview, imported.plan))
}
