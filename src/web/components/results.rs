//! Live results: the requirement tables, the findings list and the addresses the plan assigns.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::Plan;

use crate::check::Report;
use crate::rules::Severity;
use crate::web::state::input_id;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Rc<Report>,
    /// The plan, to name the fields of findings as people do.
    #[prop_or_default]
    pub plan: Option<Rc<Plan>>,
}

/// Totals, per cluster and per segment.
#[function_component(Requirements)]
pub fn requirements(props: &ReportProps) -> Html {
    let req = &props.report.requirements;
    let t = &req.totals;
    let figures = t.figures();
    html! {
        <section class="card" aria-labelledby="h-req" id="requirements">
            <h2 id="h-req">{ "Addresses needed" }</h2>
            <div class="scroll">
            <table class="totals">
                <thead><tr>
                    <th scope="col">{ "Figure" }</th><th scope="col">{ "Minimum" }</th>
                    <th scope="col">{ "Recommended" }</th><th scope="col">{ "Why and source" }</th>
                </tr></thead>
                <tbody>
                    { for figures.iter().map(|f| html! {
                        <tr>
                            <th scope="row">{ f.label }</th>
                            <td class="num" data-total={ f.key }>{ f.minimum.to_string() }</td>
                            <td class="num" data-total={ f.recommended_key }>{ f.recommended.to_string() }</td>
                            <td class="why">{ f.why }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            { for req.tables().into_iter().filter(|t| !t.rows.is_empty()).map(|t| html! {
                <>
                    <h3>{ t.page_heading.clone() }</h3>
                    { table(&t) }
                    if let Some(note) = t.note {
                        <p class="explain">{ note }</p>
                    }
                </>
            }) }
        </section>
    }
}

/// A requirement table whose rows are named in their first cell.
fn table(t: &crate::requirements::Table) -> Html {
    use crate::requirements::Cell;
    html! {
        <div class="scroll">
        <table>
            <thead><tr>{ for t.columns.iter().map(|c| html! { <th scope="col">{ c.page }</th> }) }</tr></thead>
            <tbody>
                { for t.rows.iter().map(|row| html! {
                    <tr>
                        <th scope="row">{ row.first().map(ToString::to_string).unwrap_or_default() }</th>
                        // Literal classes: no class-list parser in the page (see `Notices`).
                        { for row.iter().skip(1).map(|c| match c {
                            Cell::Count(n) => html! { <td class="num">{ n.to_string() }</td> },
                            Cell::Text(t) => html! { <td>{ t.clone() }</td> },
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// Moves keyboard focus to the input of `field`, or the nearest enclosing part of the editor.
pub fn focus_field(field: &str) {
    let document = gloo::utils::document();
    let mut id = input_id(field);
    loop {
        if let Some(el) = document.get_element_by_id(&id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                el.scroll_into_view();
                let _ = el.focus();
            }
            return;
        }
        match id.rfind('-') {
            Some(at) if at > 1 => id.truncate(at),
            _ => return,
        }
    }
}

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
    let pools = platform.node_addresses == crate::platform::NodeAddresses::IpPools;
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
                    let cp = match cl.control_plane_ip.as_deref().map(str::trim) {
                        Some(ip) if !ip.is_empty() => ip.to_string(),
                        _ if pools => "automatic, from the IP pool".to_string(),
                        _ => "not set".to_string(),
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

/// The findings, errors first, each with a button that focuses its field.
#[function_component(Findings)]
pub fn findings(props: &ReportProps) -> Html {
    let report = &props.report;
    let summary = if report.findings.is_empty() {
        "No problems found: the plan passes every check.".to_string()
    } else {
        format!("{}.{}", report.counts(), if report.passes() { " The plan passes (warnings only)." } else { "" })
    };
    html! {
        <section class="card" aria-labelledby="h-findings" id="findings">
            <h2 id="h-findings">{ "Findings" }</h2>
            if report.passes() {
                <p class="summary ok" role="status" id="findings-summary" tabindex="-1">{ summary }</p>
            } else {
                <p class="summary bad" role="status" id="findings-summary" tabindex="-1">{ summary }</p>
            }
            <ol class="findings">
                { for report.findings.iter().map(|f| {
                    let field = f.field.clone();
                    let place = props.plan.as_ref().map_or_else(|| f.field.clone(), |plan| crate::names::describe(plan, &f.field));
                    let go = Callback::from(move |_: MouseEvent| focus_field(&field));
                    let sev = if f.severity == Severity::Error { "error" } else { "warning" };
                    let body = html! {
                        <>
                            <span class="badge">{ sev }</span>
                            <code class="rule">{ f.rule.as_str() }</code>
                            <span class="message">{ &f.message }</span>
                            if !f.field.is_empty() {
                                <button type="button" class="link" onclick={ go }>{ format!("Go to {place}") }</button>
                            }
                        </>
                    };
                    if f.severity == Severity::Error {
                        html! { <li data-rule={ f.rule.as_str() } class="error">{ body }</li> }
                    } else {
                        html! { <li data-rule={ f.rule.as_str() } class="warning">{ body }</li> }
                    }
                }) }
            </ol>
        </section>
    }
}
