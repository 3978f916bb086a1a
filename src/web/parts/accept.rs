//! The form that asks why a finding is accepted on purpose (a shared VIP range, a NAT), drawn
//! under the findings once a finding's Accept… is pressed. The reason becomes a waiver in the
//! plan: the finding stays listed, marked accepted, and no longer fails the plan. Drawn here so
//! the form's code stays out of a first visit.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::Plan;
use crate::web::wire::ToPage;

#[derive(Properties, PartialEq)]
pub struct AcceptProps {
    pub plan: Rc<Plan>,
    /// The finding asked about: its rule and field.
    pub accepting: Option<(String, String)>,
    pub send: Callback<ToPage>,
}

const INPUT: &str = "accept-reason";

#[function_component(Accept)]
pub fn accept(props: &AcceptProps) -> Html {
    // The keyboard goes to the reason as soon as the form shows.
    use_effect_with(props.accepting.clone(), |accepting| {
        if accepting.is_some() {
            crate::web::components::focus_id(INPUT);
        }
    });
    let Some((rule, field)) = props.accepting.clone() else { return html! {} };
    let title = format!("Accept {rule} at {}", crate::names::describe(&props.plan, &field));
    let send = props.send.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let input = gloo::utils::document().get_element_by_id(INPUT).and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
        // The browser has refused a blank reason already (`required`, and a pattern that wants
        // one character that is not a space).
        let Some(reason) = input.map(|i| i.value()).filter(|r| !r.trim().is_empty()) else { return };
        send.emit(ToPage::Accept(rule.clone(), field.clone(), reason));
        // The finding moves among the accepted ones; the summary says what changed.
        crate::web::components::after_render(|| crate::web::components::focus_id("findings-summary"));
    });
    let cancel = {
        let send = props.send.clone();
        Callback::from(move |_: MouseEvent| send.emit(ToPage::CancelAccept))
    };
    let onkeydown = {
        let send = props.send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                send.emit(ToPage::CancelAccept);
            }
        })
    };
    html! {
        <form class="accept" id="accept-form" {onsubmit} {onkeydown} aria-labelledby="accept-title">
            <h3 id="accept-title">{ title }</h3>
            <label for={ INPUT }>{ "Why is it intended? The reason is kept in the plan, and the finding is listed as accepted and no longer fails the plan." }</label>
            <input id={ INPUT } type="text" required=true pattern=".*\\S.*" autocomplete="off" placeholder="e.g. shared VIPs, NAT on the edge firewall" />
            <div class="buttons">
                <button type="submit" class="primary">{ "Accept" }</button>
                <button type="button" onclick={ cancel }>{ "Cancel" }</button>
            </div>
        </form>
    }
}
