//! Importing the addresses a network already uses: paste text or drop a file, see what would be
//! added and skipped, then accept (with undo).

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Plan;
use crate::used::preview;
use crate::web::browser;
use crate::web::wire::ToPage;

#[derive(Properties, PartialEq)]
pub struct UsedImportProps {
    pub plan: Rc<Plan>,
    pub send: Callback<ToPage>,
}

/// The most rows the preview lists of each kind; the summary counts them all.
const SHOWN: usize = 12;

/// Drawn by the page's second module (`web::parts`), which has the readers of these files.
#[function_component(UsedImport)]
pub fn used_import(props: &UsedImportProps) -> Html {
    // The text to read and where it came from (a file's name, or "pasted").
    let text = use_state(String::new);
    let source = use_state(|| "pasted".to_string());
    let error = use_state(|| None::<String>);
    let preview = use_memo(((*text).clone(), (*source).clone(), props.plan.clone()), |(text, source, plan)| {
        (!text.trim().is_empty()).then(|| preview(plan, text, source, SHOWN).map_err(|e| e.to_string()))
    });
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
        Some(Ok((p, merged))) => {
            let accept = {
                let (d, plan, what, clear, source) = (props.send.clone(), merged.clone(), p.summary.clone(), clear.clone(), (*source).clone());
                Callback::from(move |_: MouseEvent| {
                    d.emit(ToPage::Import(plan.clone(), format!("Imported from {source}: {what}")));
                    clear();
                })
            };
            let changes = p.changes;
            html! {
                <div class="used-preview" id="used-preview" role="status">
                    <p>{ &p.summary }</p>
                    if !p.added.is_empty() {
                        <p>{ "To add:" }</p>
                        <ul>
                            { for p.added.iter().map(|r| html! { <li>{ &r.name }{ ": " }<code>{ &r.addresses }</code></li> }) }
                            if p.added_total > p.added.len() { <li>{ format!("… and {} more", p.added_total - p.added.len()) }</li> }
                        </ul>
                    }
                    if !p.bad.is_empty() {
                        <p>{ "Rows that do not read (skipped):" }</p>
                        <ul>
                            { for p.bad.iter().map(|(line, reason)| html! { <li>{ format!("line {line}: {reason}") }</li> }) }
                            if p.bad_total > p.bad.len() { <li>{ format!("… and {} more", p.bad_total - p.bad.len()) }</li> }
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
            <p class="explain">{ "Paste or drop a DHCP lease or reservation export (Windows, ISC, Kea), an IPAM export (NetBox, phpIPAM or any CSV with an address column), nmap -oG output, or a list of addresses. They become reserved entries; where nodes lease from DHCP, leases inside a scope count as leases in use. Nothing leaves the page." }</p>
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
