//! The plan editor's environment part: plan settings, segments, reserved addresses and the Arc
//! resource bridge.

use yew::prelude::*;

use super::click;
use super::fields::{Messages as FieldMessages, TextField};
use crate::edit::{join_list, BridgeText, Count, Edit, ManagementText, ReservedText, SegmentText};
use crate::model::{Management, Reserved, ResourceBridge, Segment};
use crate::web::ids;
use crate::web::state::Messages;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub name: AttrValue,
    pub proxy: bool,
    /// What the platform says about a proxy, where it supports one.
    pub proxy_note: Option<&'static str>,
    pub region: AttrValue,
    pub messages: Messages,
    pub onedit: Callback<Edit>,
}

/// Plan name, proxy switch, region.
#[function_component(PlanSettings)]
pub fn plan_settings(props: &SettingsProps) -> Html {
    let on = &props.onedit;
    let on_proxy = on.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Edit::SetProxy(input.checked())
    });
    let (name_id, region_id, proxy_id) = (ids::input_id("name"), ids::input_id("region"), ids::input_id("proxy"));
    let proxy_msgs = props.messages.of(&proxy_id);
    let (invalid, described) = super::fields::aria(&proxy_id, &proxy_msgs);
    html! {
        <section class="card" aria-labelledby="h-plan">
            <h2 id="h-plan">{ "Plan" }</h2>
            <div class="grid">
                <TextField id={ name_id } label="Plan name" value={ props.name.clone() }
                    oninput={ on.reform(Edit::SetName) } />
                <TextField id={ region_id.clone() } label="Azure region" hint=" (e.g. eastus)" value={ props.region.clone() }
                    messages={ props.messages.of(&region_id) } oninput={ on.reform(Edit::SetRegion) } />
                <div class="field check">
                    <input type="checkbox" id={ proxy_id.clone() } checked={ props.proxy } onchange={ on_proxy }
                        aria-invalid={ invalid } aria-describedby={ described } />
                    <label for={ proxy_id.clone() }>{ "Traffic goes through an HTTP proxy" }</label>
                    <FieldMessages id={ proxy_id } messages={ proxy_msgs } />
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
    /// The plan's platform, whose facts say which fields a network has.
    pub platform: crate::model::PlatformId,
    pub messages: Messages,
    pub onedit: Callback<Edit>,
}

/// One network: a VMware segment (subnet, gateway, DNS, DHCP scopes, leases in use), an Azure
/// Local logical network (prefix, gateway, DNS, IP pools, VLAN; on a rack fabric its fabric
/// network) or a bare metal machine's network (subnet, gateway, DNS, DHCP scopes). Fields
/// another platform uses show only while they hold something, so they can be seen and cleared.
#[function_component(SegmentEditor)]
pub fn segment_editor(props: &SegmentProps) -> Html {
    let (s, seg, on, m) = (props.index, &props.segment, &props.onedit, &props.messages);
    let id = |field: SegmentText| ids::input_id(&field.path(s));
    let set = |field: SegmentText| on.reform(move |v| Edit::SetSegment(s, field, v));
    let (vlan_id, in_use_id) = (ids::count(Count::Vlan(s)), ids::count(Count::DhcpInUse(s)));
    let platform = crate::platform::by_id(props.platform);
    let nodes = platform.node_addresses;
    let word = crate::names::capitalise(platform.words.network);
    let show_dhcp = nodes.dhcp_scopes() || !seg.dhcp.is_empty();
    let show_in_use = nodes == crate::platform::NodeAddresses::Dhcp || seg.dhcp_in_use != 0;
    let show_pools = nodes == crate::platform::NodeAddresses::IpPools || !seg.ip_pools.is_empty();
    let show_vlan = platform.vlans || seg.vlan != 0;
    let show_fabric = platform.fabric_networks || seg.fabric_network.as_ref().is_some_and(|f| !f.trim().is_empty());
    let gateway_hint = platform.fabric_networks.then_some(" (the fabric's default route)");
    html! {
        <fieldset class="item" id={ ids::item("segments", s) }>
            <legend>{ format!("{word} {}{}", if seg.name.is_empty() { "(unnamed)" } else { &seg.name }, if seg.existing { " (exists in Azure)" } else { "" }) }</legend>
            <div class="grid">
                <TextField id={ id(SegmentText::Name) } label="Name" value={ seg.name.clone() } messages={ m.of(&id(SegmentText::Name)) } oninput={ set(SegmentText::Name) } />
                <TextField id={ id(SegmentText::Subnet) } label={ format!("{} (CIDR)", crate::names::capitalise(platform.words.subnet)) } placeholder="a.b.c.0/24" value={ seg.subnet.clone() }
                    messages={ m.of(&id(SegmentText::Subnet)) } oninput={ set(SegmentText::Subnet) } />
                <TextField id={ id(SegmentText::Gateway) } label="Gateway" hint={ gateway_hint } placeholder="a.b.c.1" value={ seg.gateway.clone().unwrap_or_default() }
                    messages={ m.of(&id(SegmentText::Gateway)) } oninput={ set(SegmentText::Gateway) } />
                <TextField id={ id(SegmentText::Dns) } label="DNS servers" hint=" (separated by commas or spaces)" placeholder="a.b.c.d, a.b.c.e"
                    value={ join_list(&seg.dns) } messages={ m.of(&id(SegmentText::Dns)) } oninput={ set(SegmentText::Dns) } />
                if show_pools {
                    <TextField id={ id(SegmentText::IpPools) } label="IP pools" hint=" (ranges, comma-separated)" placeholder="first-last, …"
                        value={ join_list(&seg.ip_pools) } messages={ m.of(&id(SegmentText::IpPools)) } oninput={ set(SegmentText::IpPools) } />
                }
                if show_fabric {
                    <TextField id={ id(SegmentText::FabricNetwork) } label="Fabric network" hint=" (ARM ID of the Layer 3 internal network)" placeholder="/subscriptions/…/internalNetworks/…"
                        value={ seg.fabric_network.clone().unwrap_or_default() } messages={ m.of(&id(SegmentText::FabricNetwork)) } oninput={ set(SegmentText::FabricNetwork) } />
                }
                if show_vlan {
                    <TextField id={ vlan_id.clone() } label="VLAN" hint=" (0 untagged)" numeric=true value={ seg.vlan.to_string() }
                        messages={ m.of(&vlan_id) } oninput={ on.reform(move |v| Edit::SetCount(Count::Vlan(s), v)) } />
                }
                if show_dhcp {
                    <TextField id={ id(SegmentText::Dhcp) } label="DHCP scopes" hint=" (ranges or CIDRs, comma-separated)" placeholder="first-last, …"
                        value={ join_list(&seg.dhcp) } messages={ m.of(&id(SegmentText::Dhcp)) } oninput={ set(SegmentText::Dhcp) } />
                }
                if show_in_use {
                    <TextField id={ in_use_id.clone() } label="DHCP leases already in use" numeric=true value={ seg.dhcp_in_use.to_string() }
                        messages={ m.of(&in_use_id) } oninput={ on.reform(move |v| Edit::SetCount(Count::DhcpInUse(s), v)) } />
                }
            </div>
            <button type="button" class="remove" onclick={ click(on, Edit::RemoveSegment(s)) }
                aria-label={ format!("Remove {} {}", word.to_lowercase(), seg.name) }>{ format!("Remove {}", word.to_lowercase()) }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReservedProps {
    pub reserved: Vec<Reserved>,
    pub messages: Messages,
    pub onedit: Callback<Edit>,
}

/// Addresses already used elsewhere (servers, appliances, other scopes).
#[function_component(ReservedEditor)]
pub fn reserved_editor(props: &ReservedProps) -> Html {
    let on = &props.onedit;
    html! {
        <section class="card" aria-labelledby="h-reserved" id={ ids::input_id("reserved") }>
            <h2 id="h-reserved">{ "Addresses already in use" }</h2>
            <p class="explain">{ "vCenter, ESXi hosts, other servers: anything on these networks a cluster must not take." }</p>
            { for props.reserved.iter().enumerate().map(|(i, r)| {
                let id = ids::input_id(&ReservedText::Addresses.path(i));
                html! {
                    <div class="row" key={ i }>
                        <TextField id={ ids::input_id(&ReservedText::Name.path(i)) } label="Name" value={ r.name.clone() }
                            oninput={ on.reform(move |v| Edit::SetReserved(i, ReservedText::Name, v)) } />
                        <TextField id={ id.clone() } label="Addresses" placeholder="an address, first-last or a CIDR block" value={ r.addresses.clone() }
                            messages={ props.messages.of(&id) } oninput={ on.reform(move |v| Edit::SetReserved(i, ReservedText::Addresses, v)) } />
                        <button type="button" class="remove" onclick={ click(on, Edit::RemoveReserved(i)) }
                            aria-label={ format!("Remove reserved entry {}", r.name) }>{ "Remove" }</button>
                    </div>
                }
            }) }
            <button type="button" onclick={ click(on, Edit::AddReserved) }>{ "Add reserved addresses" }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BridgeProps {
    pub bridge: Option<ResourceBridge>,
    pub messages: Messages,
    pub onedit: Callback<Edit>,
}

/// The Arc resource bridge's three static IPs.
#[function_component(BridgeEditor)]
pub fn bridge_editor(props: &BridgeProps) -> Html {
    let on = &props.onedit;
    let toggle = on.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if input.checked() { Edit::AddBridge } else { Edit::RemoveBridge }
    });
    let id = |field: BridgeText| ids::input_id(field.path());
    let set = |field: BridgeText| on.reform(move |v| Edit::SetBridge(field, v));
    let body = props.bridge.as_ref().map(|b| html! {
        <div class="grid">
            <TextField id={ id(BridgeText::ControlPlaneIp) } label="Control plane IP" placeholder="a.b.c.d" value={ b.control_plane_ip.clone() }
                messages={ props.messages.of(&id(BridgeText::ControlPlaneIp)) } oninput={ set(BridgeText::ControlPlaneIp) } />
            <TextField id={ id(BridgeText::ApplianceVmIps) } label="Appliance VM IPs (two)" placeholder="first-last" value={ b.appliance_vm_ips.clone() }
                messages={ props.messages.of(&id(BridgeText::ApplianceVmIps)) } oninput={ set(BridgeText::ApplianceVmIps) } />
        </div>
    });
    html! {
        <section class="card" aria-labelledby="h-bridge" id={ ids::input_id("resource_bridge") }>
            <h2 id="h-bridge">{ "Arc resource bridge" }</h2>
            <div class="field check">
                <input type="checkbox" id={ ids::BRIDGE_SWITCH } checked={ props.bridge.is_some() } onchange={ toggle } />
                <label for={ ids::BRIDGE_SWITCH }>{ "Plan the resource bridge's three static IPs here" }</label>
            </div>
            { body.unwrap_or_default() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ManagementProps {
    pub management: Option<Management>,
    /// What the platform's management network is for, or that it has none.
    pub intro: &'static str,
    pub messages: Messages,
    pub onedit: Callback<Edit>,
}

/// The management network: its subnet, the infrastructure pool the platform and its resource
/// bridge use, and its VLAN.
#[function_component(ManagementEditor)]
pub fn management_editor(props: &ManagementProps) -> Html {
    let on = &props.onedit;
    let m = props.management.clone().unwrap_or_default();
    let id = |field: ManagementText| ids::input_id(field.path());
    let set = |field: ManagementText| on.reform(move |v| Edit::SetManagement(field, v));
    let vlan_id = ids::count(Count::ManagementVlan);
    html! {
        <section class="card" aria-labelledby="h-management" id={ ids::input_id("management") }>
            <h2 id="h-management">{ "Management network" }</h2>
            <p class="explain">{ props.intro }</p>
            <div class="grid">
                <TextField id={ id(ManagementText::Subnet) } label="Subnet (CIDR)" placeholder="a.b.c.0/24" value={ m.subnet.clone() }
                    messages={ props.messages.of(&id(ManagementText::Subnet)) } oninput={ set(ManagementText::Subnet) } />
                <TextField id={ id(ManagementText::InfraPool) } label="Infrastructure pool" placeholder="first-last" value={ m.infra_pool.clone() }
                    messages={ props.messages.of(&id(ManagementText::InfraPool)) } oninput={ set(ManagementText::InfraPool) } />
                <TextField id={ vlan_id.clone() } label="VLAN" hint=" (0 untagged)" numeric=true value={ m.vlan.to_string() }
                    messages={ props.messages.of(&vlan_id) } oninput={ on.reform(|v| Edit::SetCount(Count::ManagementVlan, v)) } />
            </div>
        </section>
    }
}
