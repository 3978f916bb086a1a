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
use super::request::Request;
use crate::model::Plan;

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
