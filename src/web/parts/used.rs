//! Importing the addresses a network already uses: paste text or drop a file, see what would be
//! added and skipped, then accept (with undo). The same panel reads what Azure already has, the
//! JSON the Azure CLI prints (`crate::azure`): several files at once, told apart from the
//! used-address formats by being JSON.

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

/// What entries from pasted text are named after.
const PASTED: &str = "pasted";

/// The most rows the preview lists of each kind; the summary counts them all.
const SHOWN: usize = 12;

/// Whether a text is JSON, as the Azure CLI prints it (no used-address format starts so).
fn is_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('[' | '{'))
}

/// What the panel would import.
enum Preview {
    Used(Result<(crate::used::Preview, Plan), String>),
    Azure(Result<(crate::azure::Preview, Plan), String>),
}

/// Drawn by the page's second module (`web::parts`), which has the readers of these files.
#[function_component(UsedImport)]
pub fn used_import(props: &UsedImportProps) -> Html {
    // The text to read and where it came from (a file's name, or "pasted").
    let text = use_state(String::new);
    let source = use_state(|| PASTED.to_string());
    // Files of Azure CLI output read so far (name, text): they are read together.
    let azure = use_state(Vec::<(String, String)>::new);
    let error = use_state(|| None::<String>);
    let preview = use_memo(((*text).clone(), (*source).clone(), (*azure).clone(), props.plan.clone()), |(text, source, azure, plan)| {
        if !azure.is_empty() || is_json(text) {
            let mut files = azure.clone();
            if is_json(text) {
                files.push((source.clone(), text.clone()));
            }
            Some(Preview::Azure(crate::azure::preview(plan, &files, SHOWN).map_err(|e| e.to_string())))
        } else {
            // The notice names the file, or the pasted text.
            let from = if source == PASTED { "the pasted text" } else { source.as_str() };
            (!text.trim().is_empty()).then(|| Preview::Used(preview(plan, text, source, from, SHOWN).map_err(|e| e.to_string())))
        }
    });
    // Files picked or dropped together are read in one go; Azure CLI output joins the files
    // read before it, anything else takes their place.
    let read_files = {
        let (text, source, azure, error) = (text.clone(), source.clone(), azure.clone(), error.clone());
        Rc::new(move |files: web_sys::FileList| {
            let (text, source, azure, error) = (text.clone(), source.clone(), azure.clone(), error.clone());
            let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
            wasm_bindgen_futures::spawn_local(async move {
                let mut json = (*azure).clone();
                let mut other = None;
                for file in files {
                    let name = file.name();
                    match browser::read_text(file, browser::MAX_USED_BYTES, "a lease export the page reads").await {
                        Ok(t) if is_json(&t) && t.len() > crate::model::MAX_PLAN_BYTES => {
                            let mib = crate::model::MAX_PLAN_BYTES / (1024 * 1024);
                            return error.set(Some(format!("{name} is over {mib} MiB, more than the Azure CLI prints for a plan's objects; nothing was read.")));
                        }
                        Ok(t) if is_json(&t) => {
                            json.retain(|(n, _)| *n != name);
                            json.push((name, t));
                        }
                        Ok(t) => other = Some((name, t)),
                        Err(e) => return error.set(Some(format!("{e}; nothing was read."))),
                    }
                }
                error.set(None);
                match other {
                    Some((name, t)) => {
                        azure.set(Vec::new());
                        source.set(name);
                        text.set(t);
                    }
                    None => {
                        azure.set(json);
                        if is_json(&text) || text.trim().is_empty() {
                            text.set(String::new());
                        }
                    }
                }
            });
        })
    };
    let on_input = {
        let (text, source, azure) = (text.clone(), source.clone(), azure.clone());
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let value = area.value();
            // Pasted addresses replace files of Azure CLI output; pasted JSON joins them.
            if !is_json(&value) && !value.trim().is_empty() {
                azure.set(Vec::new());
            }
            source.set(PASTED.into());
            text.set(value);
        })
    };
    let on_file = {
        let read_files = read_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                read_files(files);
                input.set_value("");
            }
        })
    };
    let on_drop = {
        let read_files = read_files.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(files) = e.data_transfer().and_then(|d| d.files()).filter(|f| f.length() > 0) {
                e.prevent_default();
                read_files(files);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let clear = {
        let (text, azure, error) = (text.clone(), azure.clone(), error.clone());
        move || {
            text.set(String::new());
            azure.set(Vec::new());
            error.set(None);
        }
    };
    let cancel = {
        let clear = clear.clone();
        Callback::from(move |_: MouseEvent| clear())
    };
    let body = match &*preview {
        None => html! {},
        Some(Preview::Used(Err(e)) | Preview::Azure(Err(e))) => html! {
            <>
                <p class="msg-error" role="alert" id="used-error">{ format!("Nothing to import: {e}.") }</p>
                if !azure.is_empty() { <button type="button" id="used-cancel" onclick={ cancel }>{ "Start again" }</button> }
            </>
        },
        Some(Preview::Azure(Ok((p, merged)))) => {
            let accept = {
                let (d, plan, what, clear) = (props.send.clone(), merged.clone(), p.summary.clone(), clear.clone());
                Callback::from(move |_: MouseEvent| {
                    d.emit(ToPage::Import(plan.clone(), what.replacen("Read as", "Imported from", 1)));
                    clear();
                })
            };
            let changes = p.changes_total > 0;
            let list = |lines: &[String], total: usize| html! {
                <ul>
                    { for lines.iter().map(|l| html! { <li>{ l }</li> }) }
                    if total > lines.len() { <li>{ format!("… and {} more", total - lines.len()) }</li> }
                </ul>
            };
            html! {
                <div class="used-preview" id="used-preview" role="status">
                    <p>{ &p.summary }</p>
                    <p>{ "Read (marked as existing in Azure: Suggest leaves them, the deployment scripts do not create them again):" }</p>
                    { list(&p.read, p.read_total) }
                    if changes {
                        <p>{ "Changes to the plan:" }</p>
                        { list(&p.changes, p.changes_total) }
                    }
                    <button type="button" class="primary" id="used-accept" onclick={ accept } disabled={ !changes }>
                        { if changes { "Add to the plan" } else { "Nothing new to add" } }</button>
                    <button type="button" onclick={ cancel }>{ "Cancel" }</button>
                </div>
            }
        }
        Some(Preview::Used(Ok((p, merged)))) => {
            let accept = {
                let (d, plan, done, clear) = (props.send.clone(), merged.clone(), p.done.clone(), clear.clone());
                Callback::from(move |_: MouseEvent| {
                    d.emit(ToPage::Import(plan.clone(), done.clone()));
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
                    if !p.own.is_empty() {
                        <p>{ "The plan's own addresses, found in use (not added; where that part is not deployed yet, something else has the address):" }</p>
                        <ul id="used-own">
                            { for p.own.iter().map(|(a, label)| html! { <li><code>{ a }</code>{ ": " }{ label }</li> }) }
                            if p.own_total > p.own.len() { <li>{ format!("… and {} more", p.own_total - p.own.len()) }</li> }
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
                    <button type="button" onclick={ cancel }>{ "Cancel" }</button>
                </div>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="h-used" id="used-import">
            <h2 id="h-used">{ "Import what is in use" }</h2>
            <p class="explain">{ "Paste or drop a DHCP lease or reservation export (Windows, ISC, Kea), an IPAM export (NetBox, phpIPAM or any CSV with an address column), nmap -oG output, or a list of addresses. They become reserved entries; where nodes lease from DHCP, leases inside a scope count as leases in use. Nothing leaves the page." }</p>
            <p class="explain">{ "Or what Azure already has: the JSON of az stack-hci-vm network lnet list, az aksarc list, az aksarc nodepool list and az k8s-runtime load-balancer list (-o json), several files at once. Logical networks, clusters and load balancer ranges come in marked as existing." }</p>
            <div class="field">
                <label for="used-text">{ "Addresses in use (paste here, or drop a file)" }</label>
                <textarea id="used-text" rows="5" spellcheck="false" value={ (*text).clone() }
                    oninput={ on_input } ondrop={ on_drop } ondragover={ on_drag_over } />
            </div>
            <div class="field">
                <label for="used-file">{ "Or choose a file" }</label>
                <input type="file" id="used-file" multiple=true onchange={ on_file } />
            </div>
            if !azure.is_empty() {
                <p id="used-files">{ format!("Azure CLI output read: {}", azure.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")) }</p>
            }
            if let Some(e) = &*error { <p class="msg-error" role="alert">{ e }</p> }
            { body }
        </section>
    }
}
