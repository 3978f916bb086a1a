//! Hostile plans that are small as share links but repeat one thing thousands of times: what
//! once made a command or an export do work in the square (or cube) of the plan. Shared by the
//! tests that count on near-linear work and the benchmarks that time them.
#![allow(dead_code)]

use aksarc_netplan::model::Plan;

fn plan(platform: &str, segments: &[String], clusters: &[String]) -> Plan {
    let json = format!(
        r#"{{"schema":1,"platform":"{platform}","name":"hostile","segments":[{}],"clusters":[{}],"region":"eastus"}}"#,
        segments.join(","),
        clusters.join(",")
    );
    Plan::from_json(&json).expect("a hostile plan is still a plan")
}

/// `n` identical Azure Local logical networks (one name, one prefix, gateway, DNS server and IP
/// pool) and a cluster on them.
pub fn logical_networks(n: usize) -> Plan {
    let lnet = r#"{"name":"l","subnet":"10.0.0.0/16","gateway":"10.0.0.1","dns":["10.0.0.2"],"ip_pools":["10.0.1.0-10.0.1.255"]}"#;
    let cluster = r#"{"name":"c","segment":"l","control_plane_nodes":1,"node_pools":[{"name":"p","nodes":1}],"services":0,"lb_pools":[]}"#;
    plan("azure-local", &vec![lnet.to_string(); n], &[cluster.to_string()])
}

/// `n` identical VMware segments (one name, subnet, gateway, DNS server and DHCP scope), with a
/// cluster whose control plane IP and load balancer pool lie in the subnet, one inside the
/// scope.
pub fn segments(n: usize) -> Plan {
    let segment = r#"{"name":"s","subnet":"10.0.0.0/16","gateway":"10.0.255.254","dns":["10.0.255.253"],"dhcp":["10.0.0.0-10.0.0.255"]}"#;
    let cluster = r#"{"name":"c","segment":"s","control_plane_ip":"10.0.0.10","control_plane_nodes":1,"node_pools":[{"name":"p","nodes":1}],"services":1,"lb_pools":["10.0.1.20-10.0.1.29"]}"#;
    plan("vmware", &vec![segment.to_string(); n], &[cluster.to_string()])
}

/// One VMware cluster whose load balancer pools are `n` copies of one range (`range`, e.g. a
/// /21 or a /20).
pub fn ranges(n: usize, range: &str) -> Plan {
    let segment = r#"{"name":"s","subnet":"10.0.0.0/16","gateway":"10.0.0.1","dns":["10.0.0.2"],"dhcp":["10.0.200.0-10.0.200.255"]}"#;
    let pools = vec![format!("\"{range}\""); n].join(",");
    let cluster = format!(r#"{{"name":"c","segment":"s","control_plane_ip":"10.0.0.10","control_plane_nodes":1,"node_pools":[{{"name":"p","nodes":1}}],"services":1,"lb_pools":[{pools}]}}"#);
    plan("vmware", &[segment.to_string()], &[cluster])
}

/// `n` Azure Local clusters of one name on one logical network, each with a control plane IP
/// and a load balancer pool.
pub fn clusters(n: usize) -> Plan {
    let lnet = r#"{"name":"l","subnet":"10.0.0.0/16","gateway":"10.0.0.1","dns":["10.0.0.2"],"ip_pools":["10.0.1.0-10.0.1.255"]}"#;
    let cluster = r#"{"name":"c","segment":"l","control_plane_ip":"10.0.0.10","control_plane_nodes":1,"node_pools":[{"name":"p","nodes":1}],"services":1,"lb_pools":["10.0.0.20-10.0.0.29"]}"#;
    plan("azure-local", &[lnet.to_string()], &vec![cluster.to_string(); n])
}
