//! Comparing this plan with another one, for the review of a change: open the plan as it was (a
//! plan file or a share link) and read what this plan added, removed and changed, the totals
//! before and after and the findings that come and go. The address map outlines the addresses
//! that moved while the comparison is open; it stays open across edits until closed.

use std::rc::Rc;

use yew::prelude::*;

use crate::diff::{diff, to_markdown, What};
use crate::model::Plan;
use crate::names::plural;
use crate::web::browser;

/// The plan compared with, and where it came from ("the link", a file's name).
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub source: String,
    pub plan: Plan,
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub plan: Rc<Plan>,
    pub compared: Option<Rc<Compared>>,
    /// Open a comparison, or close it (`None`).
    pub on_compare: Callback<Option<Rc<Compared>>>,
}

/// The most changes listed on the page; the Markdown download has them all.
const SHOWN: usize = 200;

/// A plan file's text or a share link (the whole address, or the part after `#`) as a plan.
fn read(text: &str, source: &str) -> Result<Plan, String> {
    let text = text.trim();
    if text.is_empty() {
        Err(format!("{source} is empty"))
    } else if text.starts_with('{') {
        Plan::from_json(text).map_err(|e| format!("{source}: {e}"))
    } else {
        crate::link::decode(text).map_err(|e| format!("{source} is neither a plan file nor a share link: {e}"))
    }
}

#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let link = use_state(String::new);
    let error = use_state(|| None::<String>);
    let result = use_memo((props.plan.clone(), props.compared.clone()), |(plan, compared)| compared.as_ref().map(|c| diff(&c.plan, plan)));
    let open = {
        let (on_compare, error) = (props.on_compare.clone(), error.clone());
        Rc::new(move |text: &str, source: String| match read(text, &source) {
            Ok(plan) => {
                error.set(None);
                on_compare.emit(Some(Rc::new(Compared { source, plan })));
            }
            Err(e) => error.set(Some(format!("Nothing to compare: {e}."))),
        })
    };
    let on_link = {
        let link = link.clone();
        Callback::from(move |e: InputEvent| link.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_submit = {
        let (link, open) = (link.clone(), open.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            open(&link, "the link".into());
        })
    };
    let on_file = {
        let (open, error) = (open.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (open, error) = (open.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match browser::read_file(file).await {
                    Ok(text) => open(&text, name),
                    Err(e) => error.set(Some(format!("Nothing to compare: {e}."))),
                }
            });
        })
    };
    let body = match (&*result, &props.compared) {
        (Some(d), Some(c)) => {
            let verdict = |p: bool| if p { "passes" } else { "fails" };
            let summary = if d.differs() {
                format!(
                    "{} from {} to this plan. Before, the plan {} its checks; now it {} them.",
                    plural(d.changes.len(), "change", "changes"),
                    c.source,
                    verdict(d.passes.0),
                    verdict(d.passes.1)
                )
            } else {
                format!("This plan is the same as {}.", c.source)
            };
            let moved: Vec<_> = d.totals.iter().filter(|t| t.old != t.new).collect();
            let markdown = {
                let d = d.clone();
                Callback::from(move |_: MouseEvent| {
                    // A browser that refuses downloads leaves the list on the page to read.
                    let _ = browser::download("plan-change.md", "text/markdown", &to_markdown(&d));
                })
            };
            let stop = {
                let on_compare = props.on_compare.clone();
                Callback::from(move |_: MouseEvent| on_compare.emit(None))
            };
            html! {
                <div id="compare-result" role="status">
                    <p id="compare-summary">{ summary }</p>
                    if d.differs() {
                        <ul class="diff" id="compare-changes">
                            { for d.changes.iter().take(SHOWN).map(|c| {
                                let (class, word) = match c.what {
                                    What::Added => ("added", "added"),
                                    What::Removed => ("removed", "removed"),
                                    What::Changed => ("changed", "changed"),
                                };
                                html! { <li class={ class }><span class="what" aria-hidden="true">{ c.mark() }</span>
                                    <span class="word">{ format!("{word}: ") }</span>{ c.line() }</li> }
                            }) }
                            if d.changes.len() > SHOWN { <li>{ format!("… and {} more (all in the Markdown)", d.changes.len() - SHOWN) }</li> }
                        </ul>
                    }
                    if !moved.is_empty() {
                        <div class="scroll"><table id="compare-totals">
                            <caption>{ "Totals that moved (recommended)" }</caption>
                            <thead><tr><th scope="col">{ "Addresses" }</th><th scope="col">{ "Before" }</th><th scope="col">{ "Now" }</th></tr></thead>
                            <tbody>{ for moved.iter().map(|t| html! {
                                <tr data-total={ t.key }><th scope="row">{ &t.label }</th><td>{ t.old }</td><td>{ t.new }</td></tr>
                            }) }</tbody>
                        </table></div>
                    }
                    { for [("Findings that appear", &d.findings_new, "compare-new"), ("Findings that go", &d.findings_gone, "compare-gone")].into_iter()
                        .filter(|(_, list, _)| !list.is_empty())
                        .map(|(title, list, id)| html! {
                            <>
                                <p>{ title }</p>
                                <ul id={ id }>{ for list.iter().map(|f| html! { <li>{ format!("{} {}: {}", f.severity, f.rule, f.message) }</li> }) }</ul>
                            </>
                        }) }
                    <button type="button" id="compare-markdown" onclick={ markdown }>{ "Download for a change ticket (Markdown)" }</button>
                    <button type="button" id="compare-stop" onclick={ stop }>{ "Stop comparing" }</button>
                </div>
            }
        }
        _ => html! {},
    };
    html! {
        <section class="card" aria-labelledby="h-compare" id="compare">
            <h2 id="h-compare">{ "Compare with another plan" }</h2>
            <p class="explain">{ "Open the plan as it was, a share link or a plan file, to review this plan as a change: what was added, removed and changed, the totals before and now, and the findings that appear or go. The address map below outlines the addresses that changed. Nothing leaves the page." }</p>
            <form class="compare-form" onsubmit={ on_submit }>
                <div class="field">
                    <label for="compare-link">{ "Share link of the plan as it was" }</label>
                    <input type="text" id="compare-link" spellcheck="false" autocomplete="off" value={ (*link).clone() } oninput={ on_link } />
                </div>
                <button type="submit" id="compare-go">{ "Compare" }</button>
                <div class="field">
                    <label for="compare-file">{ "Or a plan file" }</label>
                    <input type="file" id="compare-file" accept=".json,application/json" onchange={ on_file } />
                </div>
            </form>
            if let Some(e) = &*error { <p class="msg-error" role="alert" id="compare-error">{ e }</p> }
            { body }
        </section>
    }
}
