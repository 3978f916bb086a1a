//! Clusters that are one machine each (`CheckGroup::SingleMachine`): one node, the machine's own
//! address in the plan, and a control plane IP that is that address or one beside it.

use super::Ctx;
use crate::addr::parse_single;
use crate::claims::is_blank;
use crate::rules::RuleId;

impl Ctx<'_> {
    /// `single-node-only`, `host-missing`, `cp-is-host` (`cp-reserve` comes from the overlaps).
    pub(super) fn single_machine(&mut self) {
        for (c, cluster) in self.plan.clusters.iter().enumerate() {
            let name = &cluster.name;
            if cluster.control_plane_nodes != 1 {
                self.push(RuleId::SingleNodeOnly, format!("clusters[{c}].control_plane_nodes"), format!(
                    "Cluster \"{name}\" has {} control plane nodes; on {} a cluster is one machine, its only node.",
                    cluster.control_plane_nodes, self.platform.name));
            }
            for (p, pool) in cluster.node_pools.iter().enumerate().filter(|(_, p)| p.nodes > 0) {
                self.push(RuleId::SingleNodeOnly, format!("clusters[{c}].node_pools[{p}].nodes"), format!(
                    "Node pool \"{}\" of cluster \"{name}\" has {} worker nodes; on {} the machine is the cluster's only node.",
                    pool.name, pool.nodes, self.platform.name));
            }
            if is_blank(cluster.host_ip.as_ref()) {
                self.push(RuleId::HostMissing, format!("clusters[{c}].host_ip"), format!(
                    "Cluster \"{name}\" does not give its machine's address, so its control plane IP cannot be checked against it."));
                continue;
            }
            let (Some(host), Some(cp)) = (cluster.host_ip.as_deref(), cluster.control_plane_ip.as_deref()) else { continue };
            if let (Ok(h), Ok(p)) = (parse_single(host), parse_single(cp)) {
                if h == p {
                    self.push(RuleId::CpIsHost, format!("clusters[{c}].control_plane_ip"), format!(
                        "Cluster \"{name}\" gives its machine's own address {h} as control plane IP; leave it blank for that (some of Microsoft's deployment paths refuse it typed)."));
                }
            }
        }
    }
}
