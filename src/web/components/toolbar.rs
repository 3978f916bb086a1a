//! The actions on the whole plan: new, example, Suggest and its undo, share link, import and
//! export; and the messages they leave (notice, Suggest summary).

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::click;
use crate::link;
use crate::model::{Plan, PlatformId};
use crate::web::{browser, tools};
use crate::edit::Edit;
use crate::web::state::{Action, Notice};

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub plan: Plan,
    pub notice: Option<Notice>,
    pub onaction: Callback<Action>,
}

/// The messages actions leave, under the toolbar (never inside its sticky part): a polite live
/// region, each one dismissible; Suggest's result, with its details one click away, is drawn there
/// by the second module.
#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    let d = &props.onaction;
    // After something was removed or replaced, the keyboard goes to its Undo (not on the first
    // render: a link opened with the page leaves the focus where the browser puts it).
    let first = use_mut_ref(|| true);
    {
        let undo = props.notice.as_ref().is_some_and(|n| n.undo);
        use_effect_with(props.notice.clone(), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) && undo {
                super::focus_id("notice-undo");
            }
        });
    }
    html! {
        <div class="notices" aria-live="polite">
            if let Some(n) = &props.notice {
                // Literal classes in each branch: a class computed at run time would bring
                // Yew's class-list parser into the page for this alone.
                if n.error {
                    <div class="notice error" role="alert" id="notice">{ notice_body(n, d) }</div>
                } else {
                    <div class="notice info" role="status" id="notice">{ notice_body(n, d) }</div>
                }
            }
            // Suggest's result, drawn by the second module (`parts::suggested`).
            <div id={ crate::web::wire::SUGGESTED_SLOT }></div>
        </div>
    }
}

/// A notice's text, its Undo when it offers one, and Dismiss.
fn notice_body(n: &Notice, d: &Callback<Action>) -> Html {
    html! {
        <>
            <span>{ &n.text }</span>
            if n.undo {
                <button type="button" id="notice-undo" onclick={ click(d, Action::Undo) }>{ "Undo" }</button>
            }
            <button type="button" class="link" onclick={ click(d, Action::DismissNotice) } aria-label="Dismiss message">{ "Dismiss" }</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub plan: Plan,
    /// What Undo and Redo would take back or do again, when there is anything.
    pub undo: Option<String>,
    pub redo: Option<String>,
    pub onaction: Callback<Action>,
    /// Recent plans is open, and what opens or closes it (its list is drawn by the second module
    /// into `RECENT_SLOT`).
    pub recent: bool,
    pub on_recent: Callback<MouseEvent>,
}

/// Undo or Redo. The one that empties its history disables its own button, which would drop
/// the keyboard to the page's start: it goes to the other one.
fn step(d: &Callback<Action>, action: Action, own: &'static str, other: &'static str) -> Callback<MouseEvent> {
    let d = d.clone();
    Callback::from(move |_: MouseEvent| {
        d.emit(action.clone());
        super::after_render(move || {
            if gloo::utils::document().get_element_by_id(own).is_some_and(|b| b.has_attribute("disabled")) {
                super::focus_id(other);
            }
        });
    })
}

fn notify(d: &Callback<Action>, error: bool, text: String) {
    d.emit(Action::Notify(if error { Notice::error(text) } else { Notice::info(text) }));
}

fn export_json(d: &Callback<Action>, plan: &Plan) {
    let name = format!("{}.plan.json", plan.file_stem());
    if let Err(e) = browser::download(&name, "application/json", &browser::write_plan(plan)) {
        notify(d, true, format!("Export failed: {e}."));
    }
}

/// Convert: the second module moves the plan (fetched on the first click) and says what the move
/// leaves to do.
fn on_convert(d: &Callback<Action>, plan: &Plan, to: PlatformId) -> Callback<MouseEvent> {
    let (d, plan) = (d.clone(), plan.clone());
    Callback::from(move |_: MouseEvent| {
        let (d, plan) = (d.clone(), plan.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match tools::convert(&plan, to).await {
                Ok((plan, notice)) => d.emit(Action::Convert(plan, notice)),
                Err(e) => notify(&d, true, format!("Not converted: {e}.")),
            }
        });
    })
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let d = &props.onaction;
    // The link last made, shown so it can be read and copied by hand; dropped on any edit.
    let shown_link = use_state(|| None::<String>);
    {
        let shown_link = shown_link.clone();
        use_effect_with(props.plan.clone(), move |_| shown_link.set(None));
    }
    let file_input = use_node_ref();

    let on_copy = {
        let (d, plan, shown_link) = (d.clone(), props.plan.clone(), shown_link.clone());
        Callback::from(move |_: MouseEvent| {
            // An offline file that does not know its hosted page can only give the plan's part.
            let base = browser::link_base();
            // Made in the second module (fetched on the first click); the copy starts now, while
            // the click still allows it, and takes the link when it is made.
            let url = {
                let (plan, base) = (plan.clone(), base.clone().unwrap_or_default());
                wasm_bindgen_futures::future_to_promise(async move {
                    tools::share_url(&plan, &base).await.map(JsValue::from).map_err(JsValue::from)
                })
            };
            let copying = browser::copy_later(url.clone());
            let (d, shown_link) = (d.clone(), shown_link.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url = match JsFuture::from(url).await {
                    Ok(url) => url.as_string().unwrap_or_default(),
                    Err(e) => {
                        notify(&d, true, format!("The share link could not be made: {}.", e.as_string().unwrap_or_default()));
                        return;
                    }
                };
                shown_link.set(Some(url.clone()));
                let copied = match copying {
                    Ok(copying) => JsFuture::from(copying).await.map(|_| ()).map_err(|_| "the browser did not allow copying".to_string()),
                    Err(_) => browser::copy(&url).await,
                };
                let long = url.len() > link::COMFORTABLE_LENGTH;
                let size = format!("{} characters", url.len());
                if base.is_none() {
                    notify(&d, false, format!(
                        "{} the plan's part of a share link ({size}): this offline file does not know the planner's web address, so put the text after that address (…/#2…), or open this file with it appended.",
                        if copied.is_ok() { "Copied" } else { "Shown below:" }));
                    return;
                }
                match copied {
                    Ok(()) if long => notify(&d, true, format!(
                        "Link copied, but it is {size}: over {} some mail and chat tools cut links. Export the JSON file to be safe.",
                        link::COMFORTABLE_LENGTH)),
                    Ok(()) => notify(&d, false, format!("Link copied to the clipboard ({size}). Anyone who opens it gets this plan; it never reaches a server.")),
                    Err(e) => {
                        notify(&d, true, format!("Nothing was copied: {e}. The link ({size}) is selected below: copy it with Ctrl+C or Cmd+C."));
                        super::after_render(|| super::focus_id("share-link"));
                    }
                }
            });
        })
    };
    let on_export = {
        let (d, plan) = (d.clone(), props.plan.clone());
        Callback::from(move |_: MouseEvent| export_json(&d, &plan))
    };
    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let plan = match browser::read_file(file).await {
                    Ok(text) => tools::read_plan(&text).await.map_err(|e| format!("{name}: {e}")),
                    Err(e) => Err(e),
                };
                match plan {
                    Ok(plan) => d.emit(Action::Load(plan, Some(format!("Imported {name}.")))),
                    Err(e) => notify(&d, true, format!("Import failed: {e}. Pick a plan's JSON file (Export JSON makes one). Your current plan is unchanged.")),
                }
            });
        })
    };

    let on_platform = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            // The options are the platforms' own ids (no parse with its error text: page weight).
            if let Some(platform) = PlatformId::ALL.into_iter().find(|p| *p.as_str() == select.value()) {
                d.emit(Action::Edit(Edit::SetPlatform(platform)));
            }
        })
    };
    let platform = props.plan.platform;
    // "New plan" asks for the platform first; the choice replaces the plan (with an undo).
    let choosing = use_state(|| false);
    let first_choice = use_node_ref();
    {
        let first_choice = first_choice.clone();
        use_effect_with(*choosing, move |open| {
            if *open {
                if let Some(button) = first_choice.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let new_plan = |platform: PlatformId| {
        let (d, choosing) = (d.clone(), choosing.clone());
        Callback::from(move |_: MouseEvent| {
            choosing.set(false);
            d.emit(Action::NewPlan(platform));
        })
    };

    let link_view = (*shown_link).clone().map(|url| {
        let long = url.len() > link::COMFORTABLE_LENGTH;
        html! {
            <div class="share">
                <label for="share-link">{ format!("Share link ({} characters)", url.len()) }</label>
                <input id="share-link" type="text" readonly=true value={ url } onfocus={ Callback::from(|e: FocusEvent| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    input.select();
                }) } />
                if long {
                    <p class="msg-warning">{ "This link is long; " }
                        <button type="button" class="link" onclick={ on_export.clone() }>{ "export the JSON file" }</button>
                        { " instead if a tool cuts it." }</p>
                }
            </div>
        }
    });

    html! {
        <div class="toolbar-wrap">
            <nav class="toolbar" aria-label="Plan actions">
                <label for="platform" class="platform">{ "Platform" }
                    <select id="platform" onchange={ on_platform }>
                        { for crate::platform::all().map(|p| html! {
                            <option value={ p.id.as_str() } selected={ platform == p.id }>{ p.picker_label() }</option>
                        }) }
                    </select>
                </label>
                if let Some(to) = crate::platform::by_id(platform).converts_to {
                    <button type="button" id="convert" onclick={ on_convert(d, &props.plan, to) }
                        title="DHCP scopes become IP pools, the resource bridge's addresses become reserved entries; nothing is lost">{ format!("Convert to {}", crate::platform::by_id(to).words.short) }</button>
                }
                <button type="button" id="new-plan" aria-expanded={ choosing.to_string() } aria-controls="new-plan-for"
                    onclick={ { let choosing = choosing.clone(); Callback::from(move |_: MouseEvent| choosing.set(!*choosing)) } }>{ "New plan" }</button>
                <button type="button" class="primary" id="suggest" onclick={ click(d, Action::Suggest) }
                    title="Fill missing control plane IPs and load balancer ranges from free static addresses">{ "Suggest" }</button>
                <button type="button" id="undo" onclick={ step(d, Action::Undo, "undo", "redo") } disabled={ props.undo.is_none() }
                    title={ props.undo.as_ref().map(|l| format!("Undo {l}")) }>{ "Undo" }</button>
                <button type="button" id="redo" onclick={ step(d, Action::Redo, "redo", "undo") } disabled={ props.redo.is_none() }
                    title={ props.redo.as_ref().map(|l| format!("Redo {l}")) }>{ "Redo" }</button>
                <button type="button" id="recent" aria-expanded={ props.recent.to_string() } aria-controls="recent-slot"
                    onclick={ props.on_recent.clone() }>{ "Recent plans" }</button>
                <button type="button" id="copy-link" onclick={ on_copy }>{ "Copy link" }</button>
                <button type="button" id="import" onclick={ on_import_click }>{ "Import JSON" }</button>
                <input type="file" ref={ file_input } class="hidden-file" id="import-file" tabindex="-1" aria-hidden="true"
                    accept=".json,application/json" onchange={ on_file } />
                <button type="button" id="export" onclick={ on_export }>{ "Export JSON" }</button>
                <button type="button" id="print" onclick={ Callback::from(|_: MouseEvent| crate::web::tools::print_with_parts()) }>{ "Print report" }</button>
            </nav>
            if *choosing {
                <div class="new-plan-for" id="new-plan-for" role="group" aria-labelledby="new-plan-for-label">
                    <span id="new-plan-for-label">{ "A new, empty plan for which platform?" }</span>
                    { for crate::platform::all().enumerate().map(|(i, p)| html! {
                        <button type="button" id={ format!("new-{}", p.id.as_str()) } ref={ if i == 0 { first_choice.clone() } else { NodeRef::default() } }
                            onclick={ new_plan(p.id) }>{ p.new_plan_label() }</button>
                    }) }
                    // Or a platform's worked example (the examples live here: the toolbar stays one line on a phone).
                    <span>{ "Or an example:" }</span>
                    { for crate::platform::all().map(|p| {
                        let (d, choosing) = (d.clone(), choosing.clone());
                        html! {
                            <button type="button" id={ p.example.button_id } onclick={ Callback::from(move |_: MouseEvent| {
                                choosing.set(false);
                                d.emit(Action::Load(browser::example_of(p), Some(p.example.loaded.into())));
                            }) }>{ p.example.button }</button>
                        }
                    }) }
                    <button type="button" class="link" onclick={ { let choosing = choosing.clone(); Callback::from(move |_: MouseEvent| choosing.set(false)) } }>{ "Cancel" }</button>
                </div>
            }
            { link_view.unwrap_or_default() }
            <div id={ crate::web::wire::RECENT_SLOT }></div>
        </div>
    }
}
