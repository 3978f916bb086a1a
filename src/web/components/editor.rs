//! The plan editor's environment part: plan settings, segments, reserved addresses and the Arc
//! resource bridge.

use yew::prelude::*;

use super::fields::{Messages as FieldMessages, TextField};
use super::{click, send, Dispatch};
use crate::model::{Management, Reserved, ResourceBridge, Segment};
use crate::web::state::{join_list, Action, Count, Messages, SegmentText};


#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub name: AttrValue,
    pub proxy: bool,
    /// What the platform says about a proxy, where it supports one.
    pub proxy_note: Option<&'static str>,
    pub region: AttrValue,
    pub messages: Messages,
    pub dispatch: Dispatch,
}

/// Plan name, proxy switch, region.
#[function_component(PlanSettings)]
pub fn plan_settings(props: &SettingsProps) -> Html {
    let d = &props.dispatch;
    let on_proxy = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::SetProxy(input.checked()));
        })
    };
    let proxy_msgs = props.messages.of("f-proxy");
    let (invalid, described) = super::fields::aria("f-proxy", &proxy_msgs);
    html! {
        <section class="card" aria-labelledby="h-plan">
            <h2 id="h-plan">{ "Plan" }</h2>
            <div class="grid">
                <TextField id="f-name" label="Plan name" value={ props.name.clone() }
                    oninput={ send(d, Action::SetName) } />
                <TextField id="f-region" label="Azure region" hint=" (e.g. eastus)" value={ props.region.clone() }
                    messages={ props.messages.of("f-region") } oninput={ send(d, Action::SetRegion) } />
                <div class="field check">
                    <input type="checkbox" id="f-proxy" checked={ props.proxy } onchange={ on_proxy }
                        aria-invalid={ invalid } aria-describedby={ described } />
                    <label for="f-proxy">{ "Traffic goes through an HTTP proxy" }</label>
                    <FieldMessages id="f-proxy" messages={ proxy_msgs } />
                </div>
                if let (true, Some(note)) = (props.proxy, props.proxy_note) {
                    <p class="explain" id="proxy-limits">{ note }</p>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SegmentProps {
    pub index: usize,
    pub segment: Segment,
    /// The plan's platform gives node VMs addresses from IP pools (Azure Local), not DHCP.
    pub ip_pools: bool,
    pub messages: Messages,
    pub dispatch: Dispatch,
}

/// One VMware segment (subnet, gateway, DNS, DHCP scopes, leases in use) or Azure Local logical
/// network (prefix, gateway, DNS, IP pools, VLAN). The other platform's fields show only while
/// they hold something, so they can be seen and cleared.
#[function_component(SegmentEditor)]
pub fn segment_editor(props: &SegmentProps) -> Html {
    let (s, seg, d, m) = (props.index, &props.segment, &props.dispatch, &props.messages);
    let id = |f: &str| format!("f-segments-{s}-{f}");
    let set = |field: SegmentText| send(d, move |v| Action::SetSegment(s, field, v));
    let pools = props.ip_pools;
    let word = if pools { "Logical network" } else { "Segment" };
    let show_dhcp = !pools || !seg.dhcp.is_empty();
    let show_in_use = !pools || seg.dhcp_in_use != 0;
    let show_pools = pools || !seg.ip_pools.is_empty();
    let show_vlan = pools || seg.vlan != 0;
    html! {
        <fieldset class="item" id={ format!("f-segments-{s}") }>
            <legend>{ format!("{word} {}", if seg.name.is_empty() { "(unnamed)" } else { &seg.name }) }</legend>
            <div class="grid">
                <TextField id={ id("name") } label="Name" value={ seg.name.clone() } messages={ m.of(&id("name")) } oninput={ set(SegmentText::Name) } />
                <TextField id={ id("subnet") } label={ if pools { "Address prefix (CIDR)" } else { "Subnet (CIDR)" } } placeholder="10.20.0.0/24" value={ seg.subnet.clone() }
                    messages={ m.of(&id("subnet")) } oninput={ set(SegmentText::Subnet) } />
                <TextField id={ id("gateway") } label="Gateway" placeholder="10.20.0.1" value={ seg.gateway.clone().unwrap_or_default() }
                    messages={ m.of(&id("gateway")) } oninput={ set(SegmentText::Gateway) } />
                <TextField id={ id("dns") } label="DNS servers" hint=" (comma-separated)" placeholder="10.20.0.2, 10.20.0.3"
                    value={ join_list(&seg.dns) } messages={ m.of(&id("dns")) } oninput={ set(SegmentText::Dns) } />
                if show_pools {
                    <TextField id={ id("ip_pools") } label="IP pools" hint=" (ranges, comma-separated)" placeholder="10.20.0.18-10.20.0.37"
                        value={ join_list(&seg.ip_pools) } messages={ m.of(&id("ip_pools")) } oninput={ set(SegmentText::IpPools) } />
                }
                if show_vlan {
                    <TextField id={ id("vlan") } label="VLAN" hint=" (0 untagged)" numeric=true value={ seg.vlan.to_string() }
                        messages={ m.of(&id("vlan")) } oninput={ send(d, move |v| Action::SetCount(Count::Vlan(s), v)) } />
                }
                if show_dhcp {
                    <TextField id={ id("dhcp") } label="DHCP scopes" hint=" (ranges or CIDRs, comma-separated)" placeholder="10.20.0.100-10.20.0.199"
                        value={ join_list(&seg.dhcp) } messages={ m.of(&id("dhcp")) } oninput={ set(SegmentText::Dhcp) } />
                }
                if show_in_use {
                    <TextField id={ id("dhcp_in_use") } label="DHCP leases already in use" numeric=true value={ seg.dhcp_in_use.to_string() }
                        messages={ m.of(&id("dhcp_in_use")) } oninput={ send(d, move |v| Action::SetCount(Count::DhcpInUse(s), v)) } />
                }
            </div>
            <button type="button" class="remove" onclick={ click(d, Action::RemoveSegment(s)) }
                aria-label={ format!("Remove {} {}", word.to_lowercase(), seg.name) }>{ format!("Remove {}", word.to_lowercase()) }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReservedProps {
    pub reserved: Vec<Reserved>,
    pub messages: Messages,
    pub dispatch: Dispatch,
}

/// Addresses already used elsewhere (servers, appliances, other scopes).
#[function_component(ReservedEditor)]
pub fn reserved_editor(props: &ReservedProps) -> Html {
    let d = &props.dispatch;
    html! {
        <section class="card" aria-labelledby="h-reserved" id="f-reserved">
            <h2 id="h-reserved">{ "Addresses already in use" }</h2>
            <p class="explain">{ "vCenter, ESXi hosts, other servers: anything on these networks a cluster must not take." }</p>
            { for props.reserved.iter().enumerate().map(|(i, r)| {
                let id = format!("f-reserved-{i}-addresses");
                html! {
                    <div class="row" key={ i }>
                        <TextField id={ format!("f-reserved-{i}-name") } label="Name" value={ r.name.clone() }
                            oninput={ send(d, move |v| Action::SetReserved(i, true, v)) } />
                        <TextField id={ id.clone() } label="Addresses" placeholder="10.20.0.10 or a-b or CIDR" value={ r.addresses.clone() }
                            messages={ props.messages.of(&id) } oninput={ send(d, move |v| Action::SetReserved(i, false, v)) } />
                        <button type="button" class="remove" onclick={ click(d, Action::RemoveReserved(i)) }
                            aria-label={ format!("Remove reserved entry {}", r.name) }>{ "Remove" }</button>
                    </div>
                }
            }) }
            <button type="button" onclick={ click(d, Action::AddReserved) }>{ "Add reserved addresses" }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BridgeProps {
    pub bridge: Option<ResourceBridge>,
    pub messages: Messages,
    pub dispatch: Dispatch,
}

/// The Arc resource bridge's three static IPs.
#[function_component(BridgeEditor)]
pub fn bridge_editor(props: &BridgeProps) -> Html {
    let d = &props.dispatch;
    let current = props.bridge.clone();
    let toggle = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::SetBridge(input.checked().then(|| (String::new(), String::new()))));
        })
    };
    let body = current.map(|b| {
        let (cp, vms) = (b.control_plane_ip.clone(), b.appliance_vm_ips.clone());
        let set_cp = { let vms = vms.clone(); send(d, move |v: String| Action::SetBridge(Some((v, vms.clone())))) };
        let set_vms = { let cp = cp.clone(); send(d, move |v: String| Action::SetBridge(Some((cp.clone(), v)))) };
        html! {
            <div class="grid">
                <TextField id="f-resource_bridge-control_plane_ip" label="Control plane IP" placeholder="10.20.0.5" value={ cp }
                    messages={ props.messages.of("f-resource_bridge-control_plane_ip") } oninput={ set_cp } />
                <TextField id="f-resource_bridge-appliance_vm_ips" label="Appliance VM IPs (two)" placeholder="10.20.0.6-10.20.0.7" value={ vms }
                    messages={ props.messages.of("f-resource_bridge-appliance_vm_ips") } oninput={ set_vms } />
            </div>
        }
    });
    html! {
        <section class="card" aria-labelledby="h-bridge" id="f-resource_bridge">
            <h2 id="h-bridge">{ "Arc resource bridge" }</h2>
            <div class="field check">
                <input type="checkbox" id="f-bridge-on" checked={ props.bridge.is_some() } onchange={ toggle } />
                <label for="f-bridge-on">{ "Plan the resource bridge's three static IPs here" }</label>
            </div>
            { body.unwrap_or_default() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ManagementProps {
    pub management: Option<Management>,
    pub messages: Messages,
    pub dispatch: Dispatch,
}

/// Azure Local's management network: its subnet, the infrastructure pool Azure Local and its
/// resource bridge use, and its VLAN.
#[function_component(ManagementEditor)]
pub fn management_editor(props: &ManagementProps) -> Html {
    let d = &props.dispatch;
    let m = props.management.clone().unwrap_or_default();
    html! {
        <section class="card" aria-labelledby="h-management" id="f-management">
            <h2 id="h-management">{ "Management network" }</h2>
            <p class="explain">{ "Where Azure Local and its Arc resource bridge take their infrastructure pool (6 to 255 addresses). Its addresses must not be used by the clusters." }</p>
            <div class="grid">
                <TextField id="f-management-subnet" label="Subnet (CIDR)" placeholder="192.168.10.0/24" value={ m.subnet.clone() }
                    messages={ props.messages.of("f-management-subnet") } oninput={ send(d, |v| Action::SetManagement(true, v)) } />
                <TextField id="f-management-infra_pool" label="Infrastructure pool" placeholder="192.168.10.10-192.168.10.20" value={ m.infra_pool.clone() }
                    messages={ props.messages.of("f-management-infra_pool") } oninput={ send(d, |v| Action::SetManagement(false, v)) } />
                <TextField id="f-management-vlan" label="VLAN" hint=" (0 untagged)" numeric=true value={ m.vlan.to_string() }
                    messages={ props.messages.of("f-management-vlan") } oninput={ send(d, |v| Action::SetCount(Count::ManagementVlan, v)) } />
            </div>
        </section>
    }
}
