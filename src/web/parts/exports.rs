//! Downloads of every export: the same engine functions the CLI's `export` command prints.
//! Part of what the page's second module draws (`web::parts`).

use std::rc::Rc;

use wasm_bindgen::JsCast;

use yew::prelude::*;

use crate::exports::{bicepparam_cluster, export_bytes, file_name, metallb_cluster, metallb_cluster_file, Kind};
use crate::model::Plan;
use crate::web::wire::ToPage;
use crate::web::browser;
use crate::web::notice::Notice;

/// Makes the file and saves it.
fn save(plan: &Plan, kind: Kind, cluster: Option<usize>, d: &Callback<ToPage>) {
    // As bytes for every kind: a Blob holds text as its UTF-8, and the workbook is binary.
    let (name, bytes) = match (cluster, kind) {
        (Some(c), Kind::Bicepparam) => (crate::exports::BICEPPARAM_FILE.to_string(), bicepparam_cluster(plan, c).into_bytes()),
        (Some(c), _) => (metallb_cluster_file(plan, c), metallb_cluster(plan, c).into_bytes()),
        (None, _) => (file_name(kind, plan), export_bytes(kind, plan)),
    };
    if let Err(e) = browser::download_bytes(&name, kind.mime(), &bytes) {
        d.emit(ToPage::Notify(Notice::error(format!("Could not save the {}: {name}: {e}.", kind.label()))));
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    pub plan: Rc<Plan>,
    /// The plan's errors: while there are any, the deployment exports point to the findings.
    pub errors: usize,
    pub send: Callback<ToPage>,
}

/// Brings the findings into view, for a deployment export the plan's errors hold back.
fn to_findings(_: MouseEvent) {
    let document = gloo::utils::document();
    if let Some(findings) = document.get_element_by_id("h-findings") {
        findings.scroll_into_view();
    }
    if let Some(summary) = document.get_element_by_id("findings-summary").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = summary.focus();
    }
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    // One copy for every button's callback (a 100-cluster plan has 100 MetalLB buttons).
    let shared = props.plan.clone();
    html! {
        <section class="card" aria-labelledby="h-exports" id="exports">
            <h2 id="h-exports">{ "Exports" }</h2>
            <p class="explain">{ "Files for the firewall and network teams, the deployment and the change ticket, made from the plan as it is now. The CLI makes the same files: aksarc-netplan export KIND plan.json." }</p>
            <ul class="exports">
                { for Kind::ALL.iter().filter(|k| k.applies_to(&props.plan)).map(|&kind| {
                    // A plan with errors is not deployed: the button says so and shows the findings.
                    if kind.deploys() && props.errors > 0 {
                        let errors = if props.errors == 1 { "1 error".to_string() } else { format!("{} errors", props.errors) };
                        return html! {
                            <li>
                                <button type="button" id={ format!("export-{}", kind.name()) } class="held" onclick={ Callback::from(to_findings) }>
                                    { format!("{}: the plan has {errors}", kind.label()) }</button>
                                <span class="explain">{ "Made only of a plan that passes, as it would build something other than what was checked: fix the findings first (the CLI's --force makes it anyway)." }</span>
                            </li>
                        };
                    }
                    let (plan, d) = (shared.clone(), props.send.clone());
                    // Made on click, not on every edit: exports are only needed when asked for.
                    let onclick = Callback::from(move |_: MouseEvent| save(&plan, kind, None, &d));
                    // MetalLB and Bicep parameters: also a file per cluster, as each cluster gets its own.
                    let per_cluster = (matches!(kind, Kind::Metallb | Kind::Bicepparam) && props.plan.clusters.len() > 1).then(|| html! {
                        <span class="per-cluster">{ "Per cluster: " }
                            // MetalLB's file of a cluster without a range would hold nothing.
                            { for props.plan.clusters.iter().enumerate().filter(|(_, cl)| kind != Kind::Metallb || !cl.lb_pools.is_empty()).map(|(c, cl)| {
                                let (plan, d) = (shared.clone(), props.send.clone());
                                let onclick = Callback::from(move |_: MouseEvent| save(&plan, kind, Some(c), &d));
                                html! {
                                    <button type="button" class="link" id={ format!("export-{}-{c}", kind.name()) } { onclick }
                                        aria-label={ format!("{} of cluster {}", kind.label(), cl.name) }>{ &cl.name }</button>
                                }
                            }) }
                        </span>
                    });
                    html! {
                        <li>
                            <button type="button" id={ format!("export-{}", kind.name()) } { onclick }>{ kind.label() }</button>
                            <span class="explain">{ kind.description() }</span>
                            { per_cluster.unwrap_or_default() }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
