//! Every address the plan assigns, per network and per cluster: drawn by the second module with
//! the address map.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Plan;
use crate::platform::{ControlPlaneIp, NodeAddresses};

#[derive(Properties, PartialEq)]
pub struct AssignedProps {
    pub plan: Rc<Plan>,
}

/// Every address the plan assigns, per network and per cluster, as one would hand it to whoever
/// deploys: shown in full (nothing to open first), so the printed report carries it too.
#[function_component(Assigned)]
pub fn assigned(props: &AssignedProps) -> Html {
    let plan = &props.plan;
    let platform = crate::platform::of(plan);
    let pools = platform.node_addresses == NodeAddresses::IpPools;
    let list = |items: &[String]| if items.is_empty() { "none".to_string() } else { items.join(", ") };
    let network = crate::names::capitalise(platform.words.network);
    html! {
        <section class="card" aria-labelledby="h-assigned" id="assigned">
            <h2 id="h-assigned">{ "Addresses assigned" }</h2>
            <div class="scroll">
            <table class="assigned">
                <caption>{ format!("{network}s") }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th><th scope="col">{ if pools { "Prefix" } else { "Subnet" } }</th>
                    <th scope="col">{ "Gateway" }</th><th scope="col">{ "DNS" }</th>
                    <th scope="col">{ if pools { "IP pools" } else { "DHCP scopes" } }</th>
                    if pools { <th scope="col">{ "VLAN" }</th> }
                </tr></thead>
                <tbody>{ for plan.segments.iter().map(|seg| html! {
                    <tr>
                        <th scope="row">{ &seg.name }</th><td>{ &seg.subnet }</td>
                        <td>{ seg.gateway.clone().unwrap_or_default() }</td><td>{ list(&seg.dns) }</td>
                        <td>{ list(if pools { &seg.ip_pools } else { &seg.dhcp }) }</td>
                        if pools { <td>{ if seg.vlan == 0 { "untagged".to_string() } else { seg.vlan.to_string() } }</td> }
                    </tr>
                }) }</tbody>
            </table>
            <table class="assigned">
                <caption>{ "Clusters" }</caption>
                <thead><tr>
                    <th scope="col">{ "Cluster" }</th><th scope="col">{ network.clone() }</th>
                    <th scope="col">{ "Control plane IP" }</th><th scope="col">{ "Load balancer ranges" }</th>
                    <th scope="col">{ "Nodes" }</th>
                </tr></thead>
                <tbody>{ for plan.clusters.iter().map(|cl| {
                    let cp = match (cl.control_plane_ip.as_deref().map(str::trim), platform.control_plane_ip) {
                        // Typed where the platform assigns it: not used (cp-not-supported).
                        (Some(ip), ControlPlaneIp::Assigned) if !ip.is_empty() => format!("{ip} (not used: automatic, from the IP pool)"),
                        (Some(ip), _) if !ip.is_empty() => ip.to_string(),
                        (_, ControlPlaneIp::FromPool | ControlPlaneIp::Assigned) => "automatic, from the IP pool".to_string(),
                        (_, ControlPlaneIp::HostWhenBlank) => match cl.host_ip.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
                            Some(host) => format!("{host} (the machine's own)"),
                            None => "the machine's own address".to_string(),
                        },
                        (_, ControlPlaneIp::Required) => "not set".to_string(),
                    };
                    let workers: u32 = cl.node_pools.iter().map(|p| p.nodes).sum();
                    html! {
                        <tr>
                            <th scope="row">{ &cl.name }</th><td>{ &cl.segment }</td><td>{ cp }</td>
                            <td>{ list(&cl.lb_pools) }</td>
                            <td>{ format!("{} control plane, {workers} worker", cl.control_plane_nodes) }</td>
                        </tr>
                    }
                }) }</tbody>
            </table>
            if !plan.reserved.is_empty() || plan.resource_bridge.is_some() || plan.management.is_some() {
                <table class="assigned">
                    <caption>{ "Reserved and infrastructure" }</caption>
                    <tbody>
                        { for plan.reserved.iter().map(|r| html! { <tr><th scope="row">{ &r.name }</th><td>{ &r.addresses }</td></tr> }) }
                        if let Some(b) = &plan.resource_bridge {
                            <tr><th scope="row">{ "Arc resource bridge" }</th>
                                <td>{ format!("control plane IP {}; appliance VM IPs {}", b.control_plane_ip, b.appliance_vm_ips) }</td></tr>
                        }
                        if let Some(m) = &plan.management {
                            <tr><th scope="row">{ "Management network" }</th>
                                <td>{ format!("subnet {}; infrastructure pool {}; VLAN {}", m.subnet, m.infra_pool, m.vlan) }</td></tr>
                        }
                    </tbody>
                </table>
            }
            </div>
        </section>
    }
}

