//! The parts of the page the second module draws, as a Yew app of its own, once the visitor
//! nears one of them: the import panel (in the editor), the addresses assigned and the address
//! map (last in the results) and, under both, the firewall checklist and the exports. A first
//! visit that stays at the top never loads them. The page hands them the plan (as a plan file)
//! on every change, and they answer with [`Request`]s: ticks, imports and messages.

use std::rc::Rc;

use yew::prelude::*;

use super::components::checklist::Checklist;
use super::components::exports::Exports;
use super::components::map::AddressMap;
use super::components::results::Assigned;
use super::state::Notice;
use crate::model::Plan;

/// What the parts ask of the page, whose reducer owns the plan and the messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Tick or untick the checklist row with this key.
    Tick(String),
    /// Replace the plan with this one, which adds the addresses in use (an undoable step).
    Import(Plan, String),
    /// Show a message under the toolbar.
    Notify(Notice),
}

impl Request {
    /// The three strings a request crosses between the modules as: its kind, its text and,
    /// for an import, the plan as a plan file.
    pub fn to_wire(&self) -> (&'static str, &str, String) {
        match self {
            Request::Tick(key) => ("tick", key, String::new()),
            Request::Import(plan, what) => ("import", what, plan.to_json()),
            Request::Notify(n) if n.error => ("error", &n.text, String::new()),
            Request::Notify(n) => ("info", &n.text, String::new()),
        }
    }

    /// The request three strings stand for; `None` for a kind this page does not know or a
    /// plan that does not read.
    pub fn from_wire(kind: &str, text: String, plan: &str) -> Option<Request> {
        match kind {
            "tick" => Some(Request::Tick(text)),
            "import" => crate::web::browser::read_plan(plan).ok().map(|plan| Request::Import(plan, text)),
            "error" => Some(Request::Notify(Notice::error(text))),
            "info" => Some(Request::Notify(Notice::info(text))),
            _ => None,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PartProps {
    pub plan: Rc<Plan>,
    pub send: Callback<Request>,
}

/// The checklist and the exports of the plan.
#[function_component(Below)]
pub fn below(props: &PartProps) -> Html {
    let rows = use_memo(props.plan.clone(), |plan| crate::firewall::checklist(plan));
    html! {
        <>
            <Checklist rows={ rows } send={ props.send.clone() } />
            <Exports plan={ props.plan.clone() } send={ props.send.clone() } />
        </>
    }
}

/// The addresses the plan assigns, and the address map with the plan's conflicts in red: the
/// second module checks the plan again for it (a few milliseconds at 1,000 clusters).
#[function_component(MoreResults)]
pub fn more_results(props: &PartProps) -> Html {
    let maps = use_memo(props.plan.clone(), |plan| {
        let resolved = crate::claims::resolve(plan);
        let report = crate::check::evaluate_resolved(plan, &resolved);
        crate::addressmap::address_maps(plan, &resolved, &report)
    });
    html! {
        <>
            <Assigned plan={ props.plan.clone() } />
            <AddressMap maps={ maps } />
        </>
    }
}
