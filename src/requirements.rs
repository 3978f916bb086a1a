//! The IP tables: how many addresses each cluster, each segment and the whole plan needs, as the
//! seed's minimum and as the recommended figure.
//!
//! Seed minimum: 1 DHCP lease per worker node, 1 static control plane IP per cluster, 1 static
//! load balancer IP per LoadBalancer service. Recommended: the control plane node VMs and the
//! extra node of a rolling upgrade (one per cluster) take leases too, and the load balancer
//! figure is at least what the pools really hold.

use serde::Serialize;

use crate::claims::{is_blank, ClaimKind, Resolved};
use crate::intervals::IntervalSet;
use crate::addr::{AddrRange, Family};
use crate::model::{Cluster, Plan, PlatformId};
use crate::platform::{self, ControlPlaneIp, NodeAddresses, NodeIps, Platform};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClusterRequirement {
    pub name: String,
    pub segment: String,
    /// The minimum: one per worker node (VMware's seed), or every node VM and one upgrade node
    /// where the platform counts so (`Platform::node_ips`).
    pub node_ips: u64,
    /// Worker nodes + control plane node VMs + one upgrade node.
    pub node_ips_recommended: u64,
    pub control_plane_ips: u64,
    /// Seed minimum: one per LoadBalancer service.
    pub lb_ips: u64,
    /// The larger of the services and what the pools hold.
    pub lb_ips_recommended: u128,
    /// Distinct addresses in the cluster's load balancer pools.
    pub lb_pool_size: u128,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SegmentRequirement {
    pub name: String,
    pub subnet: String,
    /// Distinct addresses of the segment's DHCP scopes (overlapping scopes counted once).
    pub dhcp_size: u128,
    pub dhcp_in_use: u32,
    /// `dhcp_size - dhcp_in_use`, never below zero.
    pub dhcp_available: u128,
    /// Seed minimum node IPs of the clusters on this segment.
    pub node_ips_needed: u64,
    pub node_ips_recommended: u64,
    /// Usable addresses of the subnet outside DHCP and every claim of the plan.
    pub static_free: u128,
    /// Azure Local: distinct addresses in the logical network's IP pools (0 on VMware).
    pub ip_pool_size: u128,
    /// Azure Local: pool addresses its clusters take: node VMs, one upgrade node each, and the
    /// control plane IP of each cluster without an explicit one (0 on VMware).
    pub ip_pool_needed: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub node_ips: u64,
    pub node_ips_recommended: u64,
    pub control_plane_ips: u64,
    pub lb_ips: u64,
    pub lb_ips_recommended: u128,
    /// node_ips + control_plane_ips + lb_ips.
    pub all_ips: u128,
    /// node_ips_recommended + control_plane_ips + lb_ips_recommended (19 in the worked example).
    pub all_ips_recommended: u128,
    /// Azure Local: the pool addresses of all clusters (0 on VMware).
    pub ip_pool_needed: u64,
    /// Whose labels the figures take.
    #[serde(skip)]
    pub platform: PlatformId,
}

/// One line of the totals table, as every report shows it (text, Markdown, the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The key of the minimum in the JSON totals (the page's `data-total`).
    pub key: &'static str,
    /// The key of the recommended figure, where it has its own.
    pub recommended_key: Option<&'static str>,
    pub label: &'static str,
    pub minimum: u128,
    pub recommended: u128,
    /// Why, with its source, in one or two sentences.
    pub why: &'static str,
}

impl Totals {
    /// The lines of the totals table, minimum and recommended side by side, labelled as the
    /// plan's platform names them.
    ///
    /// ```
    /// use aksarc_netplan::{evaluate, Plan};
    /// let totals = evaluate(&Plan::example()).requirements.totals;
    /// let all = totals.figures()[3];
    /// assert_eq!((all.minimum, all.recommended), (13, 19));
    /// ```
    pub fn figures(&self) -> Vec<Figure> {
        let t = &platform::by_id(self.platform).figures;
        let mut lines = vec![
            Figure { key: "node_ips", recommended_key: Some("node_ips_recommended"), label: t.node_ips.0,
                minimum: self.node_ips as u128, recommended: self.node_ips_recommended as u128, why: t.node_ips.1 },
            Figure { key: "control_plane_ips", recommended_key: None, label: t.control_plane_ips.0,
                minimum: self.control_plane_ips as u128, recommended: self.control_plane_ips as u128, why: t.control_plane_ips.1 },
            Figure { key: "lb_ips", recommended_key: Some("lb_ips_recommended"), label: t.lb_ips.0,
                minimum: self.lb_ips as u128, recommended: self.lb_ips_recommended, why: t.lb_ips.1 },
        ];
        if let Some((label, why)) = t.ip_pool {
            lines.push(Figure { key: "ip_pool_needed", recommended_key: None, label,
                minimum: self.ip_pool_needed as u128, recommended: self.ip_pool_needed as u128, why });
        }
        lines.push(Figure { key: "all_ips", recommended_key: Some("all_ips_recommended"), label: "All addresses",
            minimum: self.all_ips, recommended: self.all_ips_recommended,
            why: t.all });
        lines
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Requirements {
    pub clusters: Vec<ClusterRequirement>,
    pub segments: Vec<SegmentRequirement>,
    pub totals: Totals,
}

/// Everything in the plan that takes an address, per family, the platform's internal ranges
/// included (they are claims too): what a static address must stay clear of.
pub fn taken(resolved: &Resolved, family: Family) -> IntervalSet {
    IntervalSet::from_ranges(family, resolved.claims.iter().filter(|c| c.kind != ClaimKind::Subnet).map(|c| c.range))
}

/// Free static addresses of every segment (None where the subnet did not parse), lowest first.
pub fn free_static(resolved: &Resolved) -> Vec<Option<IntervalSet>> {
    let taken_v4 = taken(resolved, Family::V4);
    let taken_v6 = taken(resolved, Family::V6);
    resolved
        .segments
        .iter()
        .map(|seg| {
            let usable = seg.subnet?.usable()?;
            let taken = if usable.family == Family::V4 { &taken_v4 } else { &taken_v6 };
            Some(taken.clip(&usable).complement_within(&usable))
        })
        .collect()
}

/// Computes the tables.
pub fn requirements(plan: &Plan, resolved: &Resolved) -> Requirements {
    let mut clusters = Vec::with_capacity(plan.clusters.len());
    let pools = resolved.lb_pools();
    let platform = platform::of(plan);
    // Each cluster's IP pool addresses, computed once for its network's figure and the total.
    let mut pool_needed = Vec::with_capacity(plan.clusters.len());
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let workers: u64 = cluster.node_pools.iter().map(|p| p.nodes as u64).sum();
        let node_vms_and_upgrade = workers + cluster.control_plane_nodes as u64 + 1;
        pool_needed.push(pool_addresses(node_vms_and_upgrade, cluster, platform));
        let lb_pool_size = pool_size(&pools[c]);
        let services = if platform.load_balancers { cluster.services as u64 } else { 0 };
        clusters.push(ClusterRequirement {
            name: cluster.name.clone(),
            segment: cluster.segment.clone(),
            node_ips: match platform.node_ips {
                NodeIps::Workers => workers,
                NodeIps::NodeVmsAndUpgrade => node_vms_and_upgrade,
                NodeIps::Machines => 1,
            },
            node_ips_recommended: match platform.node_ips {
                NodeIps::Machines => 1,
                _ => node_vms_and_upgrade,
            },
            // Left blank where it means the machine's own address, it takes no address more.
            control_plane_ips: !(platform.control_plane_ip == ControlPlaneIp::HostWhenBlank
                && is_blank(cluster.control_plane_ip.as_ref())) as u64,
            lb_ips: services,
            lb_ips_recommended: lb_pool_size.max(services as u128),
            lb_pool_size,
        });
    }

    // Node IPs of the clusters on each segment, in one pass over the clusters.
    let mut on_segment = vec![(0u64, 0u64, 0u64); plan.segments.len()];
    for ((c, s), pool) in clusters.iter().zip(&resolved.cluster_segment).zip(&pool_needed) {
        if let Some(s) = *s {
            on_segment[s].0 += c.node_ips;
            on_segment[s].1 += c.node_ips_recommended;
            on_segment[s].2 += pool;
        }
    }

    let free = free_static(resolved);
    let mut segments = Vec::with_capacity(plan.segments.len());
    for (s, seg) in plan.segments.iter().enumerate() {
        let view = &resolved.segments[s];
        let dhcp_size = view
            .subnet
            .map(|sub| sub.range.family)
            .or(view.dhcp.first().map(|r| r.family))
            .map(|f| IntervalSet::from_ranges(f, view.dhcp.iter().copied()).len())
            .unwrap_or(0);
        let (node_ips_needed, node_ips_recommended, ip_pool_needed) = on_segment[s];
        segments.push(SegmentRequirement {
            name: seg.name.clone(),
            subnet: seg.subnet.trim().to_string(),
            dhcp_size,
            dhcp_in_use: seg.dhcp_in_use,
            dhcp_available: dhcp_size.saturating_sub(seg.dhcp_in_use as u128),
            node_ips_needed,
            node_ips_recommended,
            static_free: free[s].as_ref().map(|f| f.len()).unwrap_or(0),
            // Without a pool, where the platform allows it, node VMs take the prefix's free room.
            ip_pool_size: if seg.ip_pools.is_empty() && platform.pools_optional {
                free[s].as_ref().map(|f| f.len()).unwrap_or(0)
            } else {
                IntervalSet::from_ranges(Family::V4, view.ip_pools.iter().copied()).len()
            },
            ip_pool_needed,
        });
    }

    let mut totals = Totals::default();
    for c in &clusters {
        totals.node_ips += c.node_ips;
        totals.node_ips_recommended += c.node_ips_recommended;
        totals.control_plane_ips += c.control_plane_ips;
        totals.lb_ips += c.lb_ips;
        totals.lb_ips_recommended = totals.lb_ips_recommended.saturating_add(c.lb_ips_recommended);
    }
    totals.platform = plan.platform;
    totals.ip_pool_needed = pool_needed.iter().sum();
    totals.all_ips = (totals.node_ips as u128 + totals.control_plane_ips as u128).saturating_add(totals.lb_ips as u128);
    totals.all_ips_recommended = (totals.node_ips_recommended as u128 + totals.control_plane_ips as u128)
        .saturating_add(totals.lb_ips_recommended);
    Requirements { clusters, segments, totals }
}

/// The IP pool addresses a cluster takes where nodes take them from pools: its node VMs and one
/// upgrade node (`node_vms_and_upgrade`), and its control plane IP where the platform takes it
/// from the pool because the plan gives none (a given one lies outside the pools). 0 where
/// nodes lease from DHCP.
fn pool_addresses(node_vms_and_upgrade: u64, cluster: &Cluster, platform: &Platform) -> u64 {
    if platform.node_addresses != NodeAddresses::IpPools {
        return 0;
    }
    let automatic_cp = match platform.control_plane_ip {
        ControlPlaneIp::Assigned => 1,
        ControlPlaneIp::FromPool => is_blank(cluster.control_plane_ip.as_ref()) as u64,
        ControlPlaneIp::Required | ControlPlaneIp::HostWhenBlank => 0,
    };
    node_vms_and_upgrade + automatic_cp
}

/// Distinct addresses of a cluster's pools (pools may overlap; that is `lb-overlap`'s business).
pub fn pool_size(pools: &[AddrRange]) -> u128 {
    let v4 = IntervalSet::from_ranges(Family::V4, pools.iter().copied()).len();
    let v6 = IntervalSet::from_ranges(Family::V6, pools.iter().copied()).len();
    v4.saturating_add(v6)
}

/// A requirement table's cell: text, or a count (aligned right, a number in a spreadsheet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(u128),
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(t) => f.write_str(t),
            Cell::Count(n) => write!(f, "{n}"),
        }
    }
}

/// A column: its key (the CSV's and the JSON's) and its heading on the page (the Markdown
/// summary, in the second module, names them in full: `exports::summary`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub page: &'static str,
}

const fn col(key: &'static str, page: &'static str) -> Column {
    Column { key, page }
}

/// The per-cluster and per-network tables, written once for every renderer (the Markdown
/// summary, the CSV, the page); the text report keeps its own compact layout of the same rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// "Per cluster", "Per logical network".
    pub page_heading: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// What the page says under the table.
    pub note: Option<&'static str>,
}

const CLUSTER_COLUMNS: [Column; 8] = [
    col("name", "Cluster"),
    col("segment", "Segment"),
    col("node_ips", "Node IPs min"),
    col("node_ips_recommended", "Node IPs rec."),
    col("control_plane_ips", "Control plane"),
    col("lb_ips", "LB min"),
    col("lb_ips_recommended", "LB rec."),
    col("lb_pool_size", "Pools hold"),
];

/// The network columns where nodes take IP pool addresses.
const POOL_NETWORK_COLUMNS: [Column; 7] = [
    col("name", "Logical network"),
    col("subnet", "Prefix"),
    col("ip_pool_size", "IP pool size"),
    col("ip_pool_needed", "Pool needed"),
    col("node_ips", "Node IPs min"),
    col("node_ips_recommended", "Node IPs rec."),
    col("static_free", "Free static"),
];

/// The network columns where nodes lease from DHCP.
const DHCP_NETWORK_COLUMNS: [Column; 8] = [
    col("name", "Segment"),
    col("subnet", "Subnet"),
    col("dhcp_size", "DHCP size"),
    col("dhcp_in_use", "In use"),
    col("dhcp_available", "Available"),
    col("node_ips", "Needed min"),
    col("node_ips_recommended", "Needed rec."),
    col("static_free", "Free static"),
];

/// The network columns where each cluster is one machine on the network.
const HOST_NETWORK_COLUMNS: [Column; 5] = [
    col("name", "Network"),
    col("subnet", "Subnet"),
    col("dhcp_size", "DHCP size"),
    col("node_ips", "Machines"),
    col("static_free", "Free static"),
];

impl ClusterRequirement {
    /// The row's value under `key`, as [`CLUSTER_COLUMNS`] and the CSV name them.
    fn cell(&self, key: &str) -> Option<Cell> {
        Some(match key {
            "name" => Cell::Text(self.name.clone()),
            "segment" => Cell::Text(self.segment.clone()),
            "node_ips" => Cell::Count(self.node_ips as u128),
            "node_ips_recommended" => Cell::Count(self.node_ips_recommended as u128),
            "control_plane_ips" => Cell::Count(self.control_plane_ips as u128),
            "lb_ips" => Cell::Count(self.lb_ips as u128),
            "lb_ips_recommended" => Cell::Count(self.lb_ips_recommended),
            "lb_pool_size" => Cell::Count(self.lb_pool_size),
            _ => return None,
        })
    }
}

impl SegmentRequirement {
    fn cell(&self, key: &str) -> Option<Cell> {
        Some(match key {
            "name" => Cell::Text(self.name.clone()),
            "subnet" => Cell::Text(self.subnet.clone()),
            "dhcp_size" => Cell::Count(self.dhcp_size),
            "dhcp_in_use" => Cell::Count(self.dhcp_in_use as u128),
            "dhcp_available" => Cell::Count(self.dhcp_available),
            "node_ips" => Cell::Count(self.node_ips_needed as u128),
            "node_ips_recommended" => Cell::Count(self.node_ips_recommended as u128),
            "static_free" => Cell::Count(self.static_free),
            "ip_pool_size" => Cell::Count(self.ip_pool_size),
            "ip_pool_needed" => Cell::Count(self.ip_pool_needed as u128),
            _ => return None,
        })
    }
}

impl Totals {
    fn cell(&self, key: &str) -> Option<Cell> {
        Some(match key {
            "name" => Cell::Text("all clusters".to_string()),
            "node_ips" => Cell::Count(self.node_ips as u128),
            "node_ips_recommended" => Cell::Count(self.node_ips_recommended as u128),
            "control_plane_ips" => Cell::Count(self.control_plane_ips as u128),
            "lb_ips" => Cell::Count(self.lb_ips as u128),
            "lb_ips_recommended" => Cell::Count(self.lb_ips_recommended),
            "all_ips" => Cell::Count(self.all_ips),
            "all_ips_recommended" => Cell::Count(self.all_ips_recommended),
            "ip_pool_needed" => Cell::Count(self.ip_pool_needed as u128),
            _ => return None,
        })
    }
}

/// One CSV row: which table it is of (`cluster`, `segment`, `totals`) and its cells, blank where
/// the row has nothing under a column.
pub type CsvRow = (&'static str, Vec<Option<Cell>>);

impl Requirements {
    /// The per-cluster table and the per-network table, with the columns of the platform's
    /// way of addressing nodes.
    ///
    /// ```
    /// use aksarc_netplan::{evaluate, platform::azure_local::AZURE_LOCAL};
    /// let [clusters, networks] = evaluate(&AZURE_LOCAL.example()).requirements.tables();
    /// assert_eq!(clusters.rows.len(), 2);
    /// assert_eq!(networks.columns[2].key, "ip_pool_size");
    /// assert_eq!(networks.rows[0][2].to_string(), "20");
    /// ```
    pub fn tables(&self) -> [Table; 2] {
        let platform = platform::by_id(self.totals.platform);
        let (columns, note): (&[Column], &'static str) = match platform.node_addresses {
            NodeAddresses::IpPools if platform.pools_optional => (&POOL_NETWORK_COLUMNS, "Pool needed = node VMs, an upgrade node and the control plane IP per cluster. Without a pool, the pool size is the prefix's free room. Free static = usable prefix addresses outside the pools and everything the plan uses: the room for load balancer ranges."),
            NodeAddresses::IpPools => (&POOL_NETWORK_COLUMNS, "Pool needed = node VMs, one upgrade node per cluster and every automatic control plane IP. Free static = usable prefix addresses outside the IP pools and everything the plan already uses: the room for explicit control plane IPs and load balancer ranges."),
            NodeAddresses::Dhcp => (&DHCP_NETWORK_COLUMNS, "Available = DHCP addresses (overlapping scopes counted once) minus leases already in use. Free static = usable subnet addresses outside DHCP and everything the plan already uses: the room for control plane IPs and load balancer pools."),
            NodeAddresses::Host => (&HOST_NETWORK_COLUMNS, "Machines = one per cluster. Free static = usable subnet addresses outside DHCP and everything the plan uses: the room for typed control plane IPs."),
        };
        // A cluster's network is headed as the network table names its networks.
        let mut cluster_columns = CLUSTER_COLUMNS.to_vec();
        cluster_columns[1].page = columns[0].page;
        let clusters = Table {
            page_heading: "Per cluster".to_string(),
            rows: self.clusters.iter().map(|c| cluster_columns.iter().filter_map(|k| c.cell(k.key)).collect()).collect(),
            columns: cluster_columns,
            note: None,
        };
        let networks = Table {
            page_heading: format!("Per {}", platform.words.network),
            columns: columns.to_vec(),
            rows: self.segments.iter().map(|s| columns.iter().filter_map(|k| s.cell(k.key)).collect()).collect(),
            note: Some(note),
        };
        [clusters, networks]
    }

    /// The CSV's columns after `table`, the union of every row's keys on this platform, and
    /// each row (cluster, network, totals) as its cells under those columns.
    pub fn csv_rows(&self) -> (Vec<&'static str>, Vec<CsvRow>) {
        let platform = platform::by_id(self.totals.platform);
        let network: &[&str] = match platform.node_addresses {
            NodeAddresses::IpPools => &["ip_pool_size", "ip_pool_needed"],
            NodeAddresses::Dhcp => &["dhcp_size", "dhcp_in_use", "dhcp_available"],
            NodeAddresses::Host => &["dhcp_size"],
        };
        let keys: Vec<&'static str> = ["name", "segment", "subnet", "node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips",
            "lb_ips_recommended", "lb_pool_size"]
            .into_iter()
            .chain(network.iter().copied())
            .chain(["static_free", "all_ips", "all_ips_recommended"])
            .collect();
        let mut rows = Vec::new();
        rows.extend(self.clusters.iter().map(|c| ("cluster", keys.iter().map(|k| c.cell(k)).collect())));
        rows.extend(self.segments.iter().map(|s| ("segment", keys.iter().map(|k| s.cell(k)).collect())));
        rows.push(("totals", keys.iter().map(|k| self.totals.cell(k)).collect()));
        (keys, rows)
    }
}
