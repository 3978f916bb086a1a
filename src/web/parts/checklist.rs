//! The firewall checklist: every destination the network must allow, with a tick per row that is
//! saved in the plan (and so in the share link), a filter, a progress count and "copy all".

use std::rc::Rc;

use yew::prelude::*;

use crate::firewall::{Row, Section};
use crate::web::wire::ToPage;
use crate::web::browser;
use crate::web::notice::Notice;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub rows: Rc<Vec<Row>>,
    pub send: Callback<ToPage>,
}

fn matches(row: &Row, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let haystack = format!("{} {} {} {} {} {} {}", row.destination, row.also.join(" "), row.star_form, row.port_text(), row.protocol, row.why, row.who)
        .to_lowercase();
    filter.split_whitespace().all(|word| haystack.contains(word))
}

/// The rows as text, one per line, for the clipboard.
fn as_text(rows: &[&Row]) -> String {
    rows.iter()
        .map(|r| {
            let also = if r.also.is_empty() { String::new() } else { format!(" (also {})", r.also.join(", ")) };
            format!("{}\t{}/{}\t{}{}", r.star_form, r.protocol, r.port_text(), r.section.title(), also)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[function_component(Checklist)]
pub fn checklist(props: &ChecklistProps) -> Html {
    let filter = use_state(String::new);
    let d = &props.send;
    let needle = filter.to_lowercase();
    let visible: Vec<&Row> = props.rows.iter().filter(|r| matches(r, &needle)).collect();
    let done = props.rows.iter().filter(|r| r.confirmed).count();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    // The rows to copy by hand, where the browser gave the page no clipboard.
    let by_hand = use_state(|| None::<String>);
    let on_copy = {
        let (d, text, by_hand) = (d.clone(), as_text(&visible), by_hand.clone());
        let count = visible.len();
        Callback::from(move |_: MouseEvent| {
            let (d, text, by_hand) = (d.clone(), text.clone(), by_hand.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match browser::copy(&text).await {
                    Ok(()) => {
                        by_hand.set(None);
                        Notice::info(format!("Copied {count} firewall rows to the clipboard."))
                    }
                    Err(e) => {
                        by_hand.set(Some(text));
                        Notice::error(format!("Nothing was copied: {e}. The {count} rows are selected in the box under Copy all: copy them with Ctrl+C or Cmd+C."))
                    }
                };
                d.emit(ToPage::Notify(notice));
            });
        })
    };
    // The box, once shown, takes the keyboard with its text selected.
    let box_ref = use_node_ref();
    {
        let box_ref = box_ref.clone();
        use_effect_with((*by_hand).clone(), move |text| {
            if let (Some(_), Some(area)) = (text, box_ref.cast::<web_sys::HtmlTextAreaElement>()) {
                let _ = area.focus();
                area.select();
            }
        });
    }
    let section = |which: Section| {
        let rows: Vec<&&Row> = visible.iter().filter(|r| r.section == which).collect();
        let all = props.rows.iter().filter(|r| r.section == which).count();
        let ticked = props.rows.iter().filter(|r| r.section == which && r.confirmed).count();
        if all == 0 {
            return Html::default();
        }
        let (intro, source) = (which.intro(), which.source());
        html! {
            <div class="fw-section" data-section={ which.slug() }>
                <h3>{ format!("{} ({ticked} of {all} confirmed)", which.title()) }</h3>
                <p class="explain">{ intro }<br /><span class="source">{ format!("Source: {source}.") }</span></p>
                <div class="scroll">
                <table class="fw">
                    <thead><tr>
                        <th scope="col">{ "Open" }</th><th scope="col">{ "Destination" }</th><th scope="col">{ "Port" }</th>
                        <th scope="col">{ "Why" }</th><th scope="col">{ "From" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| row_view(r, d)) }
                    </tbody>
                </table>
                </div>
            </div>
        }
    };
    html! {
        <section class="card" aria-labelledby="h-fw" id="firewall">
            <h2 id="h-fw">{ "Firewall checklist" }</h2>
            <p class="summary" role="status" id="fw-progress">{ format!("{done} of {} rows confirmed open.", props.rows.len()) }</p>
            <div class="fw-tools">
                <div class="field">
                    <label for="fw-filter">{ "Filter" }</label>
                    <input id="fw-filter" type="search" value={ (*filter).clone() } oninput={ on_filter } placeholder="e.g. azurecr or 6443" />
                </div>
                <button type="button" id="fw-copy" onclick={ on_copy }>{ format!("Copy all ({})", visible.len()) }</button>
            </div>
            if let Some(text) = &*by_hand {
                <div class="field">
                    <label for="fw-copy-text">{ "The rows, to copy by hand" }</label>
                    <textarea id="fw-copy-text" ref={ box_ref } readonly=true rows="8" spellcheck="false" value={ text.clone() } />
                </div>
            }
            { for Section::ALL.into_iter().map(section) }
        </section>
    }
}

fn row_view(r: &Row, d: &Callback<ToPage>) -> Html {
    let key = r.key.clone();
    let toggle = d.reform(move |_: Event| ToPage::Tick(key.clone()));
    let id = format!("fw-{}", r.key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect::<String>());
    html! {
        <tr data-key={ r.key.clone() } class={ if r.confirmed { "confirmed" } else { "" } }>
            <td><input type="checkbox" id={ id.clone() } checked={ r.confirmed } onchange={ toggle } /></td>
            <td>
                <label for={ id }>
                    if r.wildcard {
                        { "every subdomain of " }<code>{ r.destination.trim_start_matches("*.").trim_start_matches('.') }</code>
                    } else {
                        <code>{ &r.destination }</code>
                    }
                </label>
                if r.wildcard { <div class="star">{ "firewall form: " }<code>{ &r.star_form }</code></div> }
                if !r.also.is_empty() { <div class="also">{ "also listed as " }{ for r.also.iter().map(|a| html! { <code>{ a }</code> }) }</div> }
                if !r.note.is_empty() { <div class="note">{ &r.note }</div> }
            </td>
            <td class="port">{ format!("{} {}", r.protocol, r.port_text()) }</td>
            <td class="why">{ if r.why.is_empty() { "— (the source gives no reason)" } else { r.why.as_str() } }</td>
            <td class="who">{ &r.who }
                if !r.sources.is_empty() && r.sources.join(", ") != r.who { <div class="sources">{ r.sources.join(", ") }</div> }
            </td>
        </tr>
    }
}
