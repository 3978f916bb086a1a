//! The parts of the page the second module draws (feature `page-tools`): the import panel (in
//! the editor), the addresses assigned, the comparison with another plan and the address map
//! (last in the results) and, under
//! both, the firewall checklist and the exports. A first visit that stays at the top never loads
//! them. The page hands them each plan with what its checks found ([`Snapshot`]); they answer
//! with [`ToPage`] messages: ticks, imports and notices.
//!
//! They are a Yew app of its own whose root stays out of the document and draws through portals
//! into the page's slots ([`SLOTS`]), so the two apps' events never mix. One Yew app drawing
//! everything would put these components' code back in the first module (about 15 KB gzip for
//! the import panel and the map alone when they moved out; BENCHMARKS.md).

pub mod accept;
pub mod assigned;
pub mod checklist;
pub mod compare;
pub mod exports;
pub mod map;
pub mod recent;
pub mod suggested;
pub mod used;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;
use yew::AppHandle;

use super::wire::{Answer, Snapshot, ToPage, ToTools, SLOTS};
use crate::model::Plan;
use accept::Accept;
use assigned::Assigned;
use checklist::Checklist;
use compare::{Compare, Compared};
use exports::Exports;
use map::AddressMap;
use recent::Recent;
use suggested::Suggested;
use used::UsedImport;

#[derive(Properties, PartialEq)]
pub struct PartProps {
    pub plan: Rc<Plan>,
    pub send: Callback<ToPage>,
}

#[derive(Properties, PartialEq)]
pub struct BelowProps {
    pub plan: Rc<Plan>,
    /// The plan's errors, which hold back the deployment exports.
    pub errors: usize,
    pub send: Callback<ToPage>,
}

/// The checklist and the exports of the plan.
#[function_component(Below)]
pub fn below(props: &BelowProps) -> Html {
    let rows = use_memo(props.plan.clone(), |plan| crate::firewall::checklist(plan));
    html! {
        <>
            <Checklist rows={ rows } send={ props.send.clone() } />
            <Exports plan={ props.plan.clone() } errors={ props.errors } send={ props.send.clone() } />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The snapshot's plan, shared with the other parts.
    pub plan: Rc<Plan>,
    pub snapshot: Rc<Snapshot>,
    /// The plan this one is compared with, while a comparison is open.
    pub compared: Option<Rc<Compared>>,
    pub on_compare: Callback<Option<Rc<Compared>>>,
}

/// The addresses the plan assigns, the comparison with another plan, and the address map with
/// the conflicts the page's checks found in red and what moved since the compared plan
/// outlined (the plan's address text is parsed here again to place them; nothing is checked
/// twice).
#[function_component(MoreResults)]
pub fn more_results(props: &ResultsProps) -> Html {
    let maps = use_memo((props.snapshot.clone(), props.compared.clone()), |(s, compared)| {
        let resolved = crate::claims::resolve(&s.plan);
        let moved = compared.as_ref().map(|c| crate::diff::moved_addresses((&c.plan, &crate::claims::resolve(&c.plan)), (&s.plan, &resolved)));
        crate::addressmap::address_maps(&s.plan, &resolved, &s.conflicts, moved.as_ref())
    });
    html! {
        <>
            <Assigned plan={ props.plan.clone() } />
            <Compare plan={ props.plan.clone() } compared={ props.compared.clone() } on_compare={ props.on_compare.clone() } />
            <AddressMap maps={ maps } plan={ props.plan.clone() } />
        </>
    }
}

/// Where in the page each part goes.
#[derive(Clone, PartialEq)]
struct Hosts([web_sys::Element; 6]);

#[derive(Properties, PartialEq)]
struct PartsProps {
    hosts: Hosts,
    snapshot: Rc<Snapshot>,
    send: Callback<ToPage>,
}

/// Draws into the page's own elements through portals.
#[function_component(Parts)]
fn parts(props: &PartsProps) -> Html {
    let (send, [used, results, below, suggested, recent, accepting]) = (&props.send, &props.hosts.0);
    let plan = Rc::new(props.snapshot.plan.clone());
    let compared = use_state(|| None::<Rc<Compared>>);
    let on_compare = {
        let compared = compared.clone();
        Callback::from(move |c: Option<Rc<Compared>>| compared.set(c))
    };
    html! {
        <>
            { create_portal(html! { <UsedImport plan={ plan.clone() } send={ send.clone() } /> }, used.clone()) }
            { create_portal(html! { <MoreResults plan={ plan.clone() } snapshot={ props.snapshot.clone() } compared={ (*compared).clone() } { on_compare } /> }, results.clone()) }
            { create_portal(html! { <Below plan={ plan.clone() } errors={ props.snapshot.errors } send={ send.clone() } /> }, below.clone()) }
            { create_portal(html! { <Suggested plan={ plan.clone() } suggested={ props.snapshot.suggested.then(|| SUGGESTED.with_borrow(Clone::clone)).flatten() } send={ send.clone() } /> }, suggested.clone()) }
            { create_portal(html! { <Recent open={ props.snapshot.recent } send={ send.clone() } /> }, recent.clone()) }
            { create_portal(html! { <Accept plan={ plan.clone() } accepting={ props.snapshot.accepting.clone() } send={ send.clone() } /> }, accepting.clone()) }
        </>
    }
}

/// The drawn parts, kept for the next plan.
struct Drawn {
    app: AppHandle<Parts>,
    hosts: Hosts,
    send: Callback<ToPage>,
}

thread_local! {
    static DRAWN: RefCell<Option<Drawn>> = const { RefCell::new(None) };
    /// What the last Suggest this module ran did.
    static SUGGESTED: RefCell<Option<suggested::SuggestResult>> = const { RefCell::new(None) };
}

/// The second module's one entry point: carries out what the page asks. `page` is how the
/// parts reach the page (a function of one [`ToPage`] value).
pub fn handle(message: ToTools, page: js_sys::Function) -> Answer {
    match message {
        ToTools::Mount(snapshot) | ToTools::Update(snapshot) => draw(snapshot, page),
        ToTools::ShareUrl { plan, base } => Answer::Url(crate::link::share_url(&base, &plan)),
        ToTools::Inflate(packed) => match crate::link::inflate(&packed) {
            Ok(bytes) => Answer::Inflated(bytes),
            Err(crate::link::LinkError::TooLarge) => Answer::TooLarge,
            Err(e) => Answer::Failed(e.to_string()),
        },
        ToTools::ReadPlan(text) => match Plan::from_json(&text) {
            Ok(plan) => Answer::Plan(plan),
            Err(e) => Answer::Failed(e.to_string()),
        },
        ToTools::FinishLink(json) => match crate::link::finish_with(&json, crate::web::browser::read_json) {
            Ok(plan) => Answer::Plan(plan),
            Err(e) => Answer::Failed(e.to_string()),
        },
        ToTools::Suggest(plan) => {
            let s = crate::suggest::suggest(&plan);
            SUGGESTED.set(Some(suggested::SuggestResult { filled: s.filled, unfilled: s.unfilled }));
            Answer::Plan(s.plan)
        }
        ToTools::Convert(plan, to) => match crate::convert::convert(&plan, to) {
            Ok(converted) => {
                let (from, target) = (crate::platform::of(&plan), crate::platform::by_id(to));
                // What the move did, and what it leaves to do outside the plan.
                let notes = crate::convert::notes(&plan, to).join(" ");
                Answer::Converted(converted, format!(
                    "Converted to {}. {notes} The findings say what the move still needs. Undo restores the {} plan.",
                    target.words.short, from.words.short))
            }
            Err(e) => Answer::Failed(e.to_string()),
        },
    }
}

/// Draws the parts with this snapshot: the first time into the page's slots, then again.
fn draw(snapshot: Snapshot, page: js_sys::Function) -> Answer {
    let snapshot = Rc::new(snapshot);
    DRAWN.with_borrow_mut(|drawn| {
        if let Some(d) = drawn.as_mut() {
            d.app.update(PartsProps { hosts: d.hosts.clone(), snapshot, send: d.send.clone() });
            return Answer::Drawn;
        }
        let document = gloo::utils::document();
        let [Some(used), Some(results), Some(below), Some(suggested), Some(recent), Some(accepting)] = SLOTS.map(|id| document.get_element_by_id(id)) else {
            return Answer::Failed("the page has no place for its parts".into());
        };
        let hosts = Hosts([used, results, below, suggested, recent, accepting]);
        let send = Callback::from(move |message: ToPage| {
            // A page that cannot take the message has nothing to tell these parts.
            let _ = page.call1(&JsValue::NULL, &super::wire::to_js(&message));
        });
        // The app's own root stays out of the document; all it draws goes through the portals.
        let Ok(root) = document.create_element("div") else {
            return Answer::Failed("the parts could not be drawn".into());
        };
        let props = PartsProps { hosts: hosts.clone(), snapshot, send: send.clone() };
        let app = yew::Renderer::<Parts>::with_root_and_props(root, props).render();
        *drawn = Some(Drawn { app, hosts, send });
        Answer::Drawn
    })
}
