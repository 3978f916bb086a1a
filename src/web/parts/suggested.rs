//! What the last Suggest did: a line that counts what it filled and what it could not, with
//! each field one click away, among the messages under the toolbar. Drawn by the second module:
//! the page has filled the fields already, and this summary may come a moment later.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Plan;
use crate::names::plural;
use crate::suggest::{Filled, Unfilled};
use crate::web::wire::ToPage;

/// What one Suggest did: kept by this module, which ran it, and drawn while the page says the
/// summary is showing (until the next edit).
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestResult {
    pub filled: Vec<Filled>,
    pub unfilled: Vec<Unfilled>,
}

#[derive(Properties, PartialEq)]
pub struct SuggestedProps {
    pub plan: Rc<Plan>,
    pub suggested: Option<SuggestResult>,
    pub send: Callback<ToPage>,
}

/// "Filled 2 control plane IPs and 1 load balancer range".
fn filled_summary(s: &SuggestResult) -> String {
    let count = |end: &str| s.filled.iter().filter(|f| f.field.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit()).trim_end_matches('[').ends_with(end)).count();
    let parts: Vec<String> = [
        (count("control_plane_ip"), "control plane IP", "control plane IPs"),
        (count("lb_pools"), "load balancer range", "load balancer ranges"),
        (count("ip_pools"), "IP pool", "IP pools"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    match parts.as_slice() {
        [] => "Suggest found nothing missing".to_string(),
        [one] => format!("Filled {one}"),
        [rest @ .., last] => format!("Filled {} and {last}", rest.join(", ")),
    }
}

/// Suggest's result, until the next edit or Dismiss.
#[function_component(Suggested)]
pub fn suggested(props: &SuggestedProps) -> Html {
    let name = |field: &str| crate::names::capitalise(&crate::names::describe(&props.plan, field));
    html! {
        <>
        if let Some(s) = &props.suggested {
            <div class="notice info" id="suggested" role="status">
                <details>
                    <summary>
                        { filled_summary(s) }
                        if !s.unfilled.is_empty() {
                            { format!("; {} still short", plural(s.unfilled.len(), "field", "fields")) }
                        }
                        if !s.filled.is_empty() || !s.unfilled.is_empty() { { ": show" } } else { { "." } }
                    </summary>
                    if !s.filled.is_empty() {
                        <ul>{ for s.filled.iter().map(|f| html! { <li>{ name(&f.field) }{ " set to " }<code>{ &f.value }</code></li> }) }</ul>
                    }
                    if !s.unfilled.is_empty() {
                        <p>{ "Not filled:" }</p>
                        <ul>{ for s.unfilled.iter().map(|u| html! { <li>{ name(&u.field) }{ ": " }{ &u.reason }</li> }) }</ul>
                    }
                </details>
                <button type="button" class="link" onclick={ props.send.reform(|_: MouseEvent| ToPage::DismissSuggested) } aria-label="Dismiss Suggest's result">{ "Dismiss" }</button>
            </div>
        }
        </>
    }
}
