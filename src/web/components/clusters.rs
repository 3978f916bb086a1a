//! The plan editor's cluster part: one editor per cluster with its node pools and LB pools.

use std::rc::Rc;

use yew::prelude::*;

use crate::names::capitalise;

use super::click;
use super::fields::{select_field, Choice, Messages as FieldMessages, SelectField, TextField};
use crate::edit::{join_list, node_pool_name_path, ClusterText, Count, Direction, Edit};
use crate::model::Cluster;
use crate::web::ids;
use crate::web::state::Messages;

#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    pub index: usize,
    pub count: usize,
    pub cluster: Cluster,
    /// Names of the plan's segments, for the segment picker.
    pub segments: Rc<Vec<String>>,
    /// The plan's platform, whose facts say the control plane node counts it allows and its
    /// words (an id: cheap to compare between renders).
    pub platform: crate::model::PlatformId,
    pub messages: Messages,
    pub onedit: Callback<Edit>,
}

/// One cluster.
#[function_component(ClusterEditor)]
pub fn cluster_editor(props: &ClusterProps) -> Html {
    let (c, cl, on, m) = (props.index, &props.cluster, &props.onedit, &props.messages);
    let id = |field: ClusterText| ids::input_id(&field.path(c));
    let set = |field: ClusterText| on.reform(move |v| Edit::SetCluster(c, field, v));

    // The segment it is on, listed even when the plan has no segment of that name.
    let known = props.segments.contains(&cl.segment);
    let unknown = (!known).then(|| Choice {
        value: cl.segment.clone().into(),
        text: format!("{} (not in the plan)", cl.segment).into(),
        selected: true,
    });
    let segments = unknown.into_iter().chain(props.segments.iter().map(|s| Choice {
        value: s.clone().into(),
        text: s.clone().into(),
        selected: *s == cl.segment,
    }));
    let platform = crate::platform::by_id(props.platform);
    let words = &platform.words;
    let mut cp_nodes = platform.control_plane_nodes.to_vec();
    if !cp_nodes.contains(&cl.control_plane_nodes) {
        cp_nodes.push(cl.control_plane_nodes);
    }
    let cp_nodes = cp_nodes.into_iter().map(|n| Choice { value: n.to_string().into(), text: n.to_string().into(), selected: n == cl.control_plane_nodes });
    // The fields the platform uses, and those of another that still hold something.
    let one_machine = platform.node_addresses == crate::platform::NodeAddresses::Host;
    let cp_typed = cl.control_plane_ip.as_ref().is_some_and(|t| !t.trim().is_empty());
    let show_cp = platform.control_plane_ip != crate::platform::ControlPlaneIp::Assigned || cp_typed;
    let show_host = one_machine || cl.host_ip.as_ref().is_some_and(|t| !t.trim().is_empty());
    let show_lb = platform.load_balancers || cl.services != 0 || !cl.lb_pools.is_empty();
    let show_cp_nodes = !one_machine || cl.control_plane_nodes != 1;
    let show_pools = !one_machine || !cl.node_pools.is_empty();

    // Moving keeps the keyboard on the moved cluster: its button of the same direction at its
    // new place, or the other one when it reached an end.
    let count = props.count;
    let move_to = |direction: Direction| {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| {
            on.emit(Edit::MoveCluster(c, direction));
            let to = match direction {
                Direction::Up => c.saturating_sub(1),
                Direction::Down => (c + 1).min(count.saturating_sub(1)),
            };
            let keep = match direction {
                Direction::Up if to == 0 => Direction::Down,
                Direction::Down if to + 1 >= count => Direction::Up,
                direction => direction,
            };
            let id = ids::move_button(to, keep);
            gloo::timers::callback::Timeout::new(0, move || super::focus_id(&id)).forget();
        })
    };

    let cp_id = ids::count(Count::ControlPlaneNodes(c));
    let services_id = ids::count(Count::Services(c));
    let pools_id = ids::node_pools(c);
    let title = if cl.name.is_empty() { "(unnamed)".to_string() } else { cl.name.clone() };
    html! {
        <fieldset class="item" id={ ids::item("clusters", c) }>
            <legend>{ format!("Cluster {title}{}", if cl.existing { " (exists in Azure)" } else { "" }) }</legend>
            <div class="grid">
                <TextField id={ id(ClusterText::Name) } label="Name" value={ cl.name.clone() } messages={ m.of(&id(ClusterText::Name)) } oninput={ set(ClusterText::Name) } />
                { select_field(SelectField { id: id(ClusterText::Segment).into(), label: capitalise(words.network).into(), choices: segments.collect(),
                    messages: m.of(&id(ClusterText::Segment)), onchange: set(ClusterText::Segment) }) }
                if show_host {
                    <TextField id={ id(ClusterText::HostIp) } label="Machine address" hint=" (the machine's own IP)" placeholder="a.b.c.d"
                        value={ cl.host_ip.clone().unwrap_or_default() } messages={ m.of(&id(ClusterText::HostIp)) } oninput={ set(ClusterText::HostIp) } />
                }
                if show_cp {
                    <TextField id={ id(ClusterText::ControlPlaneIp) } label="Control plane IP" hint={ format!(" (static, outside {})", words.static_outside) } placeholder={ words.blank_control_plane_ip }
                        value={ cl.control_plane_ip.clone().unwrap_or_default() } messages={ m.of(&id(ClusterText::ControlPlaneIp)) }
                        oninput={ set(ClusterText::ControlPlaneIp) } />
                }
                if show_cp_nodes {
                    { select_field(SelectField { id: cp_id.clone().into(), label: "Control plane nodes".into(), choices: cp_nodes.collect(),
                        messages: m.of(&cp_id), onchange: on.reform(move |v| Edit::SetCount(Count::ControlPlaneNodes(c), v)) }) }
                }
                if show_lb {
                    <TextField id={ services_id.clone() } label="LoadBalancer services" numeric=true value={ cl.services.to_string() }
                        messages={ m.of(&services_id) } oninput={ on.reform(move |v| Edit::SetCount(Count::Services(c), v)) } />
                    <TextField id={ id(ClusterText::LbPools) } label="Load balancer pools" hint=" (comma-separated; blank: Suggest fills)" placeholder="first-last, or a CIDR block"
                        value={ join_list(&cl.lb_pools) } messages={ m.of(&id(ClusterText::LbPools)) } oninput={ set(ClusterText::LbPools) } />
                }
            </div>
            if show_pools {
            <div class="pools" role="group" aria-labelledby={ ids::heading(&pools_id) }>
                <h3 id={ ids::heading(&pools_id) }>{ "Node pools" }</h3>
                { for cl.node_pools.iter().enumerate().map(|(p, pool)| {
                    let (name_id, nodes_id) = (ids::input_id(&node_pool_name_path(c, p)), ids::count(Count::PoolNodes(c, p)));
                    html! {
                        <div class="row" key={ p }>
                            <TextField id={ name_id.clone() } label="Pool name" value={ pool.name.clone() } messages={ m.of(&name_id) }
                                oninput={ on.reform(move |v| Edit::SetNodePoolName(c, p, v)) } />
                            <TextField id={ nodes_id.clone() } label="Worker nodes" numeric=true value={ pool.nodes.to_string() }
                                messages={ m.of(&nodes_id) } oninput={ on.reform(move |v| Edit::SetCount(Count::PoolNodes(c, p), v)) } />
                            <button type="button" class="remove" onclick={ click(on, Edit::RemoveNodePool(c, p)) }
                                aria-label={ format!("Remove node pool {} of cluster {}", pool.name, cl.name) }>{ "Remove" }</button>
                        </div>
                    }
                }) }
                <button type="button" id={ pools_id.clone() } onclick={ click(on, Edit::AddNodePool(c)) }
                    aria-describedby={ (!m.of(&pools_id).is_empty()).then(|| ids::messages(&pools_id)) }>{ "Add node pool" }</button>
                <FieldMessages id={ pools_id.clone() } messages={ m.of(&pools_id) } />
            </div>
            }
            <div class="actions">
                <button type="button" id={ ids::move_button(c, Direction::Up) } onclick={ move_to(Direction::Up) } disabled={ c == 0 }
                    aria-label={ format!("Move up cluster {}", cl.name) }>{ "Move up" }</button>
                <button type="button" id={ ids::move_button(c, Direction::Down) } onclick={ move_to(Direction::Down) } disabled={ c + 1 >= props.count }
                    aria-label={ format!("Move down cluster {}", cl.name) }>{ "Move down" }</button>
                <button type="button" id={ ids::duplicate_button(c) } onclick={ click(on, Edit::DuplicateCluster(c)) }
                    aria-label={ format!("Duplicate cluster {}", cl.name) } title="A copy with the same node pools and services; Suggest fills its addresses">{ "Duplicate cluster" }</button>
                <button type="button" class="remove" onclick={ click(on, Edit::RemoveCluster(c)) }
                    aria-label={ format!("Remove cluster {}", cl.name) }>{ "Remove cluster" }</button>
            </div>
        </fieldset>
    }
}
