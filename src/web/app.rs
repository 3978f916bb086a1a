//! The page's root component.

use yew::prelude::*;

use super::state::State;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let totals = &state.report.requirements.totals;
    let row = |label: &str, key: &str, min: String, rec: String| {
        html! {
            <tr>
                <th scope="row">{ label.to_string() }</th>
                <td data-total={ key.to_string() }>{ min }</td>
                <td>{ rec }</td>
            </tr>
        }
    };
    html! {
        <main>
            <h1>{ "AKS Arc Network Planner" }</h1>
            <p>{ format!("Plan: {}", state.plan.name) }</p>
            <table>
                <caption>{ "Addresses needed" }</caption>
                <thead><tr><th scope="col">{ "" }</th><th scope="col">{ "Minimum" }</th><th scope="col">{ "Recommended" }</th></tr></thead>
                <tbody>
                    { row("Node IPs (DHCP)", "node_ips", totals.node_ips.to_string(), totals.node_ips_recommended.to_string()) }
                    { row("Control plane IPs", "control_plane_ips", totals.control_plane_ips.to_string(), totals.control_plane_ips.to_string()) }
                    { row("Load balancer IPs", "lb_ips", totals.lb_ips.to_string(), totals.lb_ips_recommended.to_string()) }
                    { row("All", "all_ips", totals.all_ips.to_string(), totals.all_ips_recommended.to_string()) }
                </tbody>
            </table>
            <p data-total="node_ips_recommended" hidden=true>{ totals.node_ips_recommended }</p>
            <ul>
                { for state.report.findings.iter().map(|f| html! {
                    <li data-rule={ f.rule }>{ format!("{} {}: {}", f.severity.as_str(), f.rule, f.message) }</li>
                }) }
            </ul>
        </main>
    }
}
