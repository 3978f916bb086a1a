//! The plan editor's cluster part: one editor per cluster with its node pools and LB pools.

use std::rc::Rc;

use yew::prelude::*;

use super::fields::{aria, Messages as FieldMessages, TextField};
use super::{click, send, Dispatch};
use crate::model::Cluster;
use crate::web::state::{join_list, Action, ClusterText, Count, Messages};

#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    pub index: usize,
    pub count: usize,
    pub cluster: Cluster,
    /// Names of the plan's segments, for the segment picker.
    pub segments: Rc<Vec<String>>,
    /// The control plane node counts the plan's platform allows.
    pub control_plane_nodes: &'static [u32],
    pub messages: Messages,
    pub dispatch: Dispatch,
}

/// One cluster.
#[function_component(ClusterEditor)]
pub fn cluster_editor(props: &ClusterProps) -> Html {
    let (c, cl, d, m) = (props.index, &props.cluster, &props.dispatch, &props.messages);
    let id = |f: &str| format!("f-clusters-{c}-{f}");
    let set = |field: ClusterText| send(d, move |v| Action::SetCluster(c, field, v));

    let seg_id = id("segment");
    let seg_msgs = m.of(&seg_id);
    let (seg_invalid, seg_described) = aria(&seg_id, &seg_msgs);
    let on_segment = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::SetCluster(c, ClusterText::Segment, select.value()));
        })
    };
    let known = props.segments.contains(&cl.segment);
    // Moving keeps the keyboard on the moved cluster: its button of the same direction at its
    // new place, or the other one when it reached an end.
    let count = props.count;
    let move_to = |up: bool| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::MoveCluster(c, up));
            let to = if up { c.saturating_sub(1) } else { (c + 1).min(count.saturating_sub(1)) };
            let at_end = if up { to == 0 } else { to + 1 >= count };
            let id = format!("move-{}-{to}", if up != at_end { "up" } else { "down" });
            gloo::timers::callback::Timeout::new(0, move || super::focus_id(&id)).forget();
        })
    };

    let cp_id = id("control_plane_nodes");
    let cp_msgs = m.of(&cp_id);
    let (cp_invalid, cp_described) = aria(&cp_id, &cp_msgs);
    let on_cp_nodes = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::SetCount(Count::ControlPlaneNodes(c), select.value()));
        })
    };
    let cp_options: Vec<u32> = {
        let mut v = props.control_plane_nodes.to_vec();
        if !v.contains(&cl.control_plane_nodes) {
            v.push(cl.control_plane_nodes);
        }
        v
    };

    let pools_id = id("node_pools");
    let title = if cl.name.is_empty() { "(unnamed)".to_string() } else { cl.name.clone() };
    html! {
        <fieldset class="item" id={ format!("f-clusters-{c}") }>
            <legend>{ format!("Cluster {title}") }</legend>
            <div class="grid">
                <TextField id={ id("name") } label="Name" value={ cl.name.clone() } messages={ m.of(&id("name")) } oninput={ set(ClusterText::Name) } />
                <div class="field">
                    <label for={ seg_id.clone() }>{ "Segment" }</label>
                    <select id={ seg_id.clone() } onchange={ on_segment } aria-invalid={ seg_invalid } aria-describedby={ seg_described }>
                        if !known { <option value={ cl.segment.clone() } selected=true>{ format!("{} (not in the plan)", cl.segment) }</option> }
                        { for props.segments.iter().map(|s| html! {
                            <option value={ s.clone() } selected={ *s == cl.segment }>{ s }</option>
                        }) }
                    </select>
                    <FieldMessages id={ seg_id.clone() } messages={ seg_msgs } />
                </div>
                <TextField id={ id("control_plane_ip") } label="Control plane IP" hint=" (static, outside DHCP)" placeholder="blank: Suggest picks one"
                    value={ cl.control_plane_ip.clone().unwrap_or_default() } messages={ m.of(&id("control_plane_ip")) }
                    oninput={ set(ClusterText::ControlPlaneIp) } />
                <div class="field">
                    <label for={ cp_id.clone() }>{ "Control plane nodes" }</label>
                    <select id={ cp_id.clone() } onchange={ on_cp_nodes } aria-invalid={ cp_invalid } aria-describedby={ cp_described }>
                        { for cp_options.iter().map(|n| html! {
                            <option value={ n.to_string() } selected={ *n == cl.control_plane_nodes }>{ n }</option>
                        }) }
                    </select>
                    <FieldMessages id={ cp_id.clone() } messages={ cp_msgs } />
                </div>
                <TextField id={ id("services") } label="LoadBalancer services" numeric=true value={ cl.services.to_string() }
                    messages={ m.of(&id("services")) } oninput={ send(d, move |v| Action::SetCount(Count::Services(c), v)) } />
                <TextField id={ id("lb_pools") } label="Load balancer pools" hint=" (comma-separated; blank: Suggest fills)" placeholder="e.g. 10.20.0.40-10.20.0.49"
                    value={ join_list(&cl.lb_pools) } messages={ m.of(&id("lb_pools")) } oninput={ set(ClusterText::LbPools) } />
            </div>
            <div class="pools" role="group" aria-labelledby={ format!("{pools_id}-h") }>
                <h3 id={ format!("{pools_id}-h") }>{ "Node pools" }</h3>
                { for cl.node_pools.iter().enumerate().map(|(p, pool)| {
                    let pid = |f: &str| format!("f-clusters-{c}-node_pools-{p}-{f}");
                    html! {
                        <div class="row" key={ p }>
                            <TextField id={ pid("name") } label="Pool name" value={ pool.name.clone() } messages={ m.of(&pid("name")) }
                                oninput={ send(d, move |v| Action::SetNodePoolName(c, p, v)) } />
                            <TextField id={ pid("nodes") } label="Worker nodes" numeric=true value={ pool.nodes.to_string() }
                                messages={ m.of(&pid("nodes")) } oninput={ send(d, move |v| Action::SetCount(Count::PoolNodes(c, p), v)) } />
                            <button type="button" class="remove" onclick={ click(d, Action::RemoveNodePool(c, p)) }
                                aria-label={ format!("Remove node pool {} of cluster {}", pool.name, cl.name) }>{ "Remove" }</button>
                        </div>
                    }
                }) }
                <button type="button" id={ pools_id.clone() } onclick={ click(d, Action::AddNodePool(c)) }
                    aria-describedby={ (!m.of(&pools_id).is_empty()).then(|| format!("{pools_id}-msg")) }>{ "Add node pool" }</button>
                <FieldMessages id={ pools_id.clone() } messages={ m.of(&pools_id) } />
            </div>
            <div class="actions">
                <button type="button" id={ format!("move-up-{c}") } onclick={ move_to(true) } disabled={ c == 0 }
                    aria-label={ format!("Move up cluster {}", cl.name) }>{ "Move up" }</button>
                <button type="button" id={ format!("move-down-{c}") } onclick={ move_to(false) } disabled={ c + 1 >= props.count }
                    aria-label={ format!("Move down cluster {}", cl.name) }>{ "Move down" }</button>
                <button type="button" id={ format!("duplicate-{c}") } onclick={ click(d, Action::DuplicateCluster(c)) }
                    aria-label={ format!("Duplicate cluster {}", cl.name) } title="A copy with the same node pools and services; Suggest fills its addresses">{ "Duplicate cluster" }</button>
                <button type="button" class="remove" onclick={ click(d, Action::RemoveCluster(c)) }
                    aria-label={ format!("Remove cluster {}", cl.name) }>{ "Remove cluster" }</button>
            </div>
        </fieldset>
    }
}
