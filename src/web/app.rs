//! The page's root: picks the first plan (link, autosave or example), wires the reducer, the
//! autosave and `hashchange`, and lays out the sections.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::wire::{Snapshot, ToPage};
use super::components::clusters::ClusterEditor;
use super::{browser, ids, tools};
use super::components::editor::{BridgeEditor, ManagementEditor, PlanSettings, ReservedEditor, SegmentEditor};
use super::components::results::{Findings, Requirements};
use super::components::toolbar::{Notices, Toolbar};
use super::state::{Action, Notice, State, Step};
use crate::edit::Edit;
use crate::names::plural;
use crate::model::Plan;

/// What a link that cannot be opened tells the user.
fn link_failed(e: &str) -> Notice {
    Notice::error(format!("This share link could not be opened: {e}. Your current plan is unchanged."))
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The plan of the link the page was opened with, or why it could not be read (`web::start`
    /// reads it before the page is drawn, so a link never shows another plan first).
    #[prop_or_default]
    pub opened: Option<Rc<Result<Plan, String>>>,
}

/// The first state: the link the page was opened with, else this tab's autosaved plan (or the
/// newest of any tab), else the example. A link's plan replaces the saved one with an undo step,
/// and the saved one stays in Recent plans.
fn initial(opened: Option<&Result<Plan, String>>) -> State {
    let mut notice = None;
    let saved = match browser::autosaved() {
        Some(Ok(plan)) => Some(plan),
        Some(Err(e)) => {
            notice = Some(Notice::error(format!("The saved plan could not be restored ({e}); showing the example.")));
            None
        }
        None => None,
    };
    match opened {
        Some(Ok(plan)) => {
            let mut state = State::new(plan.clone());
            state.notice = Some(Notice::info("Opened the plan from the share link."));
            // Undo is offered only when there was another plan to go back to.
            if let Some(before) = saved.filter(|p| *p != state.plan) {
                browser::keep(&before);
                state.past.push(Step { plan: Rc::new(before), label: "opening the share link".into() });
                state.notice = Some(Notice::undoable("Opened the plan from the share link. The plan you had is in Recent plans; Undo brings it back."));
            }
            return state;
        }
        Some(Err(e)) => notice = Some(link_failed(e)),
        None => {}
    }
    let mut state = saved.map_or_else(State::default, State::new);
    state.notice = notice;
    state
}

/// "Findings: 1 error, 2 warnings" for the jump link.
fn jump_text(report: &crate::check::Report) -> String {
    let (e, w) = (report.errors(), report.warnings());
    if e + w == 0 {
        return "Findings: none, the plan passes".to_string();
    }
    format!("Findings: {}, {}", plural(e, "error", "errors"), plural(w, "warning", "warnings"))
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let opened = props.opened.clone();
        use_reducer(move || initial(opened.as_deref()))
    };
    let dispatch = state.dispatcher();
    // The components send through these; made once, so a component whose props did not change
    // is not drawn again.
    let on_action = use_callback(dispatch.clone(), |action: Action, dispatch| match action {
        // The second module carries the engine's Suggest and Convert; its answer is an action.
        Action::Suggest | Action::Convert(_) => {
            let dispatch = dispatch.clone();
            tools::ask_change(action, Callback::from(move |answer| dispatch.dispatch(answer)));
        }
        action => dispatch.dispatch(action),
    });
    let on_edit = use_callback(dispatch.clone(), |edit: Edit, dispatch| dispatch.dispatch(Action::Edit(edit)));

    // The import panel, the addresses assigned and the address map, the checklist and the
    // exports come from the second module (`tools`), drawn into their slots once wanted. Each
    // change autosaves the plan and hands it to them with the conflicts its checks found.
    let unloaded = use_state(|| None::<String>);
    // Recent plans is open: its list is one of the parts.
    let recent = use_state(|| false);
    {
        let report = state.report.clone();
        use_effect_with(state.plan.clone(), move |plan| browser::autosave(plan, &browser::write_plan(plan)));
        use_effect_with((state.plan.clone(), state.suggested, *recent, state.accepting.clone()), move |(plan, suggested, recent, accepting)| {
            tools::update_parts(Snapshot {
                plan: plan.clone(),
                conflicts: crate::addressmap::conflicts(&report),
                suggested: *suggested,
                errors: report.errors(),
                recent: *recent,
                accepting: accepting.clone(),
            });
            // Suggest's result, Recent plans and the reason for accepting a finding are drawn
            // by the second module: wanted now.
            if *suggested || *recent || accepting.is_some() {
                tools::draw_parts();
            }
        });
    }
    {
        let (dispatch, unloaded, recent) = (dispatch.clone(), unloaded.clone(), recent.clone());
        use_effect_with((), move |_| {
            let to_page = Callback::from(move |message: ToPage| dispatch.dispatch(match message {
                ToPage::Tick(key) => Action::Edit(Edit::ToggleConfirmed(key)),
                ToPage::Import(plan, what) => Action::ImportUsed(plan, what),
                ToPage::Notify(notice) => Action::Notify(notice),
                ToPage::DismissSuggested => Action::DismissSuggested,
                ToPage::Accept(rule, field, reason) => Action::Edit(Edit::Accept { rule, field, reason }),
                ToPage::CancelAccept => Action::Accepting(None),
                ToPage::Open(plan, what) => {
                    recent.set(false);
                    Action::Load(plan, Some(what))
                }
                ToPage::CloseRecent => return recent.set(false),
            }));
            tools::connect(to_page, Callback::from(move |status| unloaded.set(status)));
            tools::when_wanted(tools::draw_parts);
        });
    }
    {
        // A plan replaced as a whole stays in Recent plans.
        let replaced = state.replaced.clone();
        use_effect_with(replaced.as_ref().map(|(n, _)| *n), move |_| {
            if let Some((_, plan)) = replaced {
                browser::keep(&plan);
            }
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let fragment = browser::fragment();
                if fragment.is_empty() {
                    return;
                }
                browser::clear_fragment();
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match tools::decode_link(&fragment).await {
                        Ok(plan) => dispatch.dispatch(Action::Load(plan, Some("Opened the plan from the share link.".into()))),
                        Err(e) => dispatch.dispatch(Action::Notify(link_failed(&e.to_string()))),
                    }
                });
            });
            move || drop(listener)
        });
    }
    // What stands in a part's place until the second module has drawn it.
    let waiting = |title: &str, id: &str| html! {
        <section class="card waiting" aria-labelledby={ format!("h-{id}") }>
            <h2 id={ format!("h-{id}") }>{ title }</h2>
            if let Some(e) = &*unloaded {
                <p class="msg-error" role="alert">{ format!("Not loaded: {e}.") }</p>
                <button type="button" id={ format!("{id}-retry") } onclick={ Callback::from(|_: MouseEvent| tools::draw_parts()) }>{ "Try again" }</button>
            } else {
                <p class="explain">{ "Loading…" }</p>
            }
        </section>
    };

    // The offline file is handed out with this page's address in it (for its share links).
    let on_offline = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = browser::download_offline().await {
                    dispatch.dispatch(Action::Notify(Notice::error(format!("Download failed: {e}. Try again, or save the link's target with the browser."))));
                }
            });
        })
    };
    let plan = &state.plan;
    // Add cluster takes the keyboard to the new cluster's name.
    let add_cluster = {
        let (on_edit, name) = (on_edit.clone(), ids::input_id(&format!("clusters[{}].name", plan.clusters.len())));
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Edit::AddCluster);
            let name = name.clone();
            super::components::after_render(move || super::components::focus_id(&name));
        })
    };
    // One shared copy per render for the components that take the plan by Rc.
    let shared = Rc::new(plan.clone());
    let segment_names: Rc<Vec<String>> = Rc::new(plan.segments.iter().map(|s| s.name.clone()).collect());
    let platform = crate::platform::of(plan);
    let words = &platform.words;
    html! {
        <>
        <Toolbar plan={ plan.clone() } undo={ state.past.last().map(|s| s.label.clone()) } redo={ state.future.last().map(|s| s.label.clone()) }
            onaction={ on_action.clone() } recent={ *recent } on_recent={ { let recent = recent.clone(); Callback::from(move |_: MouseEvent| recent.set(!*recent)) } } />
        // A retired platform's plan says so over the plan (a page of another platform does not).
        if let Some(r) = platform.retired {
            <p class="retired">{ r.note }</p>
        }
        <Notices plan={ plan.clone() } notice={ state.notice.clone() } onaction={ on_action.clone() } />
        // On a narrow screen the findings come after the editor: one tap reaches them.
        <p class="jump">
            <button type="button" class="link" id="jump-findings" onclick={ Callback::from(|_: MouseEvent| {
                if let Some(findings) = gloo::utils::document().get_element_by_id("h-findings") {
                    findings.scroll_into_view();
                }
                super::components::focus_id("findings-summary");
            }) }>{ jump_text(&state.report) }</button>
        </p>
        <div class="layout">
            <main class="editor" aria-label="Plan editor">
                <PlanSettings name={ plan.name.clone() } proxy={ plan.proxy } proxy_note={ words.proxy_note } region={ plan.region.clone() }
                    messages={ state.messages_under(&ids::any_input()) } onedit={ on_edit.clone() } />
                <section class="card" aria-labelledby="h-segments" id={ ids::input_id("segments") }>
                    <h2 id="h-segments">{ words.networks_heading }</h2>
                    <p class="explain">{ words.networks_intro }</p>
                    { for plan.segments.iter().enumerate().map(|(s, seg)| html! {
                        <SegmentEditor key={ s } index={ s } segment={ seg.clone() } platform={ plan.platform }
                            messages={ state.messages_under(&ids::within(&ids::item("segments", s))) } onedit={ on_edit.clone() } />
                    }) }
                    <button type="button" onclick={ super::components::click(&on_edit, Edit::AddSegment) }>{ format!("Add {}", words.network) }</button>
                </section>
                <section class="card" aria-labelledby="h-clusters" id={ ids::input_id("clusters") }>
                    <h2 id="h-clusters">{ "Clusters" }</h2>
                    { for plan.clusters.iter().enumerate().map(|(c, cl)| html! {
                        <ClusterEditor key={ c } index={ c } count={ plan.clusters.len() } cluster={ cl.clone() }
                            segments={ segment_names.clone() }
                            platform={ plan.platform }
                            messages={ state.messages_under(&ids::within(&ids::item("clusters", c))) } onedit={ on_edit.clone() } />
                    }) }
                    <button type="button" id="add-cluster" onclick={ add_cluster }>{ "Add cluster" }</button>
                </section>
                <ReservedEditor reserved={ plan.reserved.clone() } messages={ state.messages_under(&ids::within(&ids::input_id("reserved"))) } onedit={ on_edit.clone() } />
                <div class="slot" id="used-slot">{ waiting("Import what is in use", "used-waiting") }</div>
                if platform.management.is_some() || plan.management.is_some() {
                    <ManagementEditor management={ plan.management.clone() }
                        intro={ platform.management.map_or("Not used on this platform; kept in the plan.", |m| m.intro) } messages={ state.messages_under(&ids::input_id("management")) } onedit={ on_edit.clone() } />
                }
                if platform.resource_bridge == crate::platform::ResourceBridge::InPlan || plan.resource_bridge.is_some() {
                    <BridgeEditor bridge={ plan.resource_bridge.clone() } messages={ state.messages_under(&ids::input_id("resource_bridge")) } onedit={ on_edit.clone() } />
                }
            </main>
            <aside class="results" aria-label="Results">
                <p class="print-only">{ format!("Plan: {}", plan.name) }</p>
                <Findings report={ state.report.clone() } plan={ shared.clone() } onaction={ on_action.clone() } />
                <Requirements report={ state.report.clone() } />
                <div class="slot" id="results-slot">{ waiting("Addresses assigned and address map", "results-waiting") }</div>
            </aside>
        </div>
        // Filled by the second module (`web::parts`), like the two slots above.
        <div class="wide slot" id="below">{ waiting("Firewall checklist and exports", "below") }</div>
        <footer>
            if browser::is_hosted() {
                <p><a href={ browser::OFFLINE_FILE } download={ browser::OFFLINE_FILE } id="offline-download" onclick={ on_offline }>{ "Download for offline use" }</a>
                    { ": one HTML file that runs from disk with no network (share links open in it too)." }</p>
            }
            <p id="sources">{ format!("Sources: {}. Rules and reasons: docs/rules.md in the project.", words.sources) }</p>
        </footer>
        </>
    }
}
