//! Importing the addresses a network already uses: paste text or drop a file, see what would be
//! added and skipped, then accept (with undo).

use std::rc::Rc;

use yew::prelude::*;

use super::Dispatch;
use crate::model::Plan;
use crate::used::{merge, parse, summary};
use crate::web::browser;
use crate::web::state::Action;

#[derive(Properties, PartialEq)]
pub struct UsedImportProps {
    pub plan: Rc<Plan>,
    pub dispatch: Dispatch,
}

/// The most rows the preview lists of each kind; the summary counts them all.
const SHOWN: usize = 12;

#[function_component(UsedImport)]
pub fn used_import(props: &UsedImportProps) -> Html {
    // The text to read and where it came from (a file's name, or "pasted").
    let text = use_state(String::new);
    let source = use_state(|| "pasted".to_string());
    let error = use_state(|| None::<String>);
    let preview = {
        let (text, source, plan) = ((*text).clone(), (*source).clone(), props.plan.clone());
        use_memo((text, source, plan), |(text, source, plan)| {
            (!text.trim().is_empty()).then(|| parse(text).map(|parsed| {
                let merged = merge(plan, &parsed, source);
                let what = summary(&parsed, &merged, plan);
                (parsed, merged, what)
            }))
        })
    };
    let read_file = {
        let (text, source, error) = (text.clone(), source.clone(), error.clone());
        Rc::new(move |file: web_sys::File| {
            let (text, source, error) = (text.clone(), source.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match browser::read_text(file, browser::MAX_USED_BYTES, "a lease export the page reads").await {
                    Ok(t) => {
                        error.set(None);
                        source.set(name);
                        text.set(t);
                    }
                    Err(e) => error.set(Some(format!("{e}; nothing was read."))),
                }
            });
        })
    };
    let on_input = {
        let (text, source) = (text.clone(), source.clone());
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            source.set("pasted".into());
            text.set(area.value());
        })
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                input.set_value("");
                read_file(file);
            }
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                e.prevent_default();
                read_file(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let clear = {
        let (text, error) = (text.clone(), error.clone());
        move || {
            text.set(String::new());
            error.set(None);
        }
    };
    let body = match &*preview {
        None => html! {},
        Some(Err(e)) => html! { <p class="msg-error" role="alert" id="used-error">{ format!("Nothing to import: {e}.") }</p> },
        Some(Ok((parsed, merged, what))) => {
            let accept = {
                let (d, plan, what, clear, source) = (props.dispatch.clone(), merged.plan.clone(), what.clone(), clear.clone(), (*source).clone());
                Callback::from(move |_: MouseEvent| {
                    d.dispatch(Action::ImportUsed(plan.clone(), format!("Imported from {source}: {what}")));
                    clear();
                })
            };
            let changes = !merged.added.is_empty() || !merged.leases.is_empty();
            html! {
                <div class="used-preview" id="used-preview" role="status">
                    <p>{ what }</p>
                    if !merged.added.is_empty() {
                        <p>{ "To add:" }</p>
                        <ul>
                            { for merged.added.iter().take(SHOWN).map(|r| html! { <li>{ &r.name }{ ": " }<code>{ &r.addresses }</code></li> }) }
                            if merged.added.len() > SHOWN { <li>{ format!("… and {} more", merged.added.len() - SHOWN) }</li> }
                        </ul>
                    }
                    if !parsed.bad.is_empty() {
                        <p>{ "Rows that do not read (skipped):" }</p>
                        <ul>
                            { for parsed.bad.iter().take(SHOWN).map(|b| html! { <li>{ format!("line {}: {}", b.line, b.reason) }</li> }) }
                            if parsed.bad.len() > SHOWN { <li>{ format!("… and {} more", parsed.bad.len() - SHOWN) }</li> }
                        </ul>
                    }
                    <button type="button" class="primary" id="used-accept" onclick={ accept } disabled={ !changes }>
                        { if changes { "Add to the plan" } else { "Nothing new to add" } }</button>
                    <button type="button" onclick={ Callback::from(move |_: MouseEvent| clear()) }>{ "Cancel" }</button>
                </div>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="h-used" id="used-import">
            <h2 id="h-used">{ "Import addresses in use" }</h2>
            <p class="explain">{ "Paste or drop a DHCP lease or reservation export (Windows, ISC, Kea), an IPAM export (NetBox, phpIPAM or any CSV with an address column), nmap -oG output, or a list of addresses. They become reserved entries; on VMware, leases inside a DHCP scope count as leases in use. Nothing leaves the page." }</p>
            <div class="field">
                <label for="used-text">{ "Addresses in use (paste here, or drop a file)" }</label>
                <textarea id="used-text" rows="5" spellcheck="false" value={ (*text).clone() }
                    oninput={ on_input } ondrop={ on_drop } ondragover={ on_drag_over } />
            </div>
            <div class="field">
                <label for="used-file">{ "Or choose a file" }</label>
                <input type="file" id="used-file" onchange={ on_file } />
            </div>
            if let Some(e) = &*error { <p class="msg-error" role="alert">{ e }</p> }
            { body }
        </section>
    }
}
