//! The part of the page under the editor and the results: the firewall checklist and the
//! exports. The page's second module draws it, as a Yew app of its own, once the visitor nears
//! it; a first visit that stays at the top never loads it. The page hands it the plan (as a
//! plan file) on every change, and it answers with [`Request`]s: ticks and messages.

use std::rc::Rc;

use yew::prelude::*;

use super::components::checklist::Checklist;
use super::components::exports::Exports;
use super::state::Notice;
use crate::model::Plan;

/// What the part below asks of the page, whose reducer owns the plan and the messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Tick or untick the checklist row with this key.
    Tick(String),
    /// Show a message under the toolbar.
    Notify(Notice),
}

impl Request {
    /// The two strings a request crosses between the modules as.
    pub fn to_wire(&self) -> (&'static str, &str) {
        match self {
            Request::Tick(key) => ("tick", key),
            Request::Notify(n) if n.error => ("error", &n.text),
            Request::Notify(n) => ("info", &n.text),
        }
    }

    /// The request two strings stand for; `None` for a kind this page does not know.
    pub fn from_wire(kind: &str, text: String) -> Option<Request> {
        match kind {
            "tick" => Some(Request::Tick(text)),
            "error" => Some(Request::Notify(Notice::error(text))),
            "info" => Some(Request::Notify(Notice::info(text))),
            _ => None,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct BelowProps {
    pub plan: Rc<Plan>,
    pub send: Callback<Request>,
}

/// The checklist and the exports of the plan.
#[function_component(Below)]
pub fn below(props: &BelowProps) -> Html {
    let rows = use_memo(props.plan.clone(), |plan| crate::firewall::checklist(plan));
    html! {
        <>
            <Checklist rows={ rows } send={ props.send.clone() } />
            <Exports plan={ props.plan.clone() } send={ props.send.clone() } />
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cross_as_two_strings_and_back() {
        for request in [
            Request::Tick(".dp.prod.appliances.azure.com".into()),
            Request::Notify(Notice::error("Could not save the MetalLB YAML.")),
            Request::Notify(Notice::info("Copied 61 firewall rows to the clipboard.")),
        ] {
            let (kind, text) = request.to_wire();
            assert_eq!(Request::from_wire(kind, text.to_string()), Some(request.clone()));
        }
        assert_eq!(Request::from_wire("load", "{}".into()), None);
    }
}
