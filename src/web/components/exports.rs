//! Downloads of every export: the same engine functions the CLI's `export` command prints.

use std::rc::Rc;

use yew::prelude::*;

use super::Dispatch;
use crate::exports::Kind;
use crate::model::Plan;
use crate::web::state::{Action, Notice};
use crate::web::{browser, tools};

/// Makes the file in the page's second module (fetched on the first click) and saves it.
fn save(plan: Rc<Plan>, kind: Kind, cluster: Option<usize>, d: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let saved = tools::export_file(&plan, kind, cluster).await
            .and_then(|(name, text)| browser::download(&name, kind.mime(), &text).map_err(|e| format!("{name}: {e}")));
        if let Err(e) = saved {
            d.dispatch(Action::Notify(Notice::error(format!("Could not save the {}: {e}.", kind.label()))));
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    pub plan: Plan,
    pub dispatch: Dispatch,
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    // One copy for every button's callback (a 100-cluster plan has 100 MetalLB buttons).
    let shared = Rc::new(props.plan.clone());
    html! {
        <section class="card" aria-labelledby="h-exports" id="exports">
            <h2 id="h-exports">{ "Exports" }</h2>
            <p class="explain">{ "Files for the firewall, DHCP and MetalLB teams and for the change ticket, made from the plan as it is now. The CLI makes the same files: aksarc-netplan export KIND plan.json." }</p>
            <ul class="exports">
                { for Kind::ALL.iter().filter(|k| k.applies_to(&props.plan)).map(|&kind| {
                    let (plan, d) = (shared.clone(), props.dispatch.clone());
                    // Made on click, not on every edit: exports are only needed when asked for.
                    let onclick = Callback::from(move |_: MouseEvent| save(plan.clone(), kind, None, d.clone()));
                    // MetalLB: also a file per cluster, as each cluster gets its own.
                    let per_cluster = (kind == Kind::Metallb && props.plan.clusters.len() > 1).then(|| html! {
                        <span class="per-cluster">{ "Per cluster: " }
                            { for props.plan.clusters.iter().enumerate().map(|(c, cl)| {
                                let (plan, d) = (shared.clone(), props.dispatch.clone());
                                let onclick = Callback::from(move |_: MouseEvent| save(plan.clone(), kind, Some(c), d.clone()));
                                html! {
                                    <button type="button" class="link" id={ format!("export-metallb-{c}") } { onclick }
                                        aria-label={ format!("MetalLB YAML of cluster {}", cl.name) }>{ &cl.name }</button>
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
