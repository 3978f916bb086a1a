//! Recent plans' list, drawn under the toolbar once the visitor opens it (the first module
//! keeps the list in storage; reading and drawing it here keeps its view out of a first visit).
//! A plan stored under two entries (a tab's plan and the same plan kept when it was replaced,
//! then brought back by Undo) is listed once, under its newest entry.

use std::collections::HashSet;

use yew::prelude::*;

use crate::names::plural;
use crate::web::browser;
use crate::web::notice::Notice;
use crate::web::wire::ToPage;

#[derive(Properties, PartialEq)]
pub struct RecentProps {
    pub open: bool,
    pub send: Callback<ToPage>,
}

/// A size in KB with one decimal, in integers (no float formatting).
fn kilobytes(bytes: usize) -> String {
    let tenths = (bytes * 10 + 512) / 1024;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[function_component(Recent)]
pub fn recent(props: &RecentProps) -> Html {
    if !props.open {
        return html! {};
    }
    // Newest first; an entry whose plan file is the same as a newer one's is left out.
    let mut seen = HashSet::new();
    let list: Vec<browser::RecentEntry> =
        browser::recent().into_iter().filter(|e| browser::recent_text(&e.id).is_none_or(|text| seen.insert(text))).collect();
    html! {
        <div class="recent" id="recent-plans" role="group" aria-labelledby="recent-label">
            <p id="recent-label">{ "Recent plans: each tab's plan and every plan a link, an import or a new plan replaced, kept in this browser." }</p>
            if list.is_empty() {
                <p>{ "None yet." }</p>
            } else {
                <ul>{ for list.iter().map(|e| {
                    let open = {
                        let (send, id, name) = (props.send.clone(), e.id.clone(), e.name.clone());
                        Callback::from(move |_: MouseEvent| match browser::recent_plan(&id) {
                            Some(Ok(plan)) => send.emit(ToPage::Open(plan, format!("Opened \"{name}\" from Recent plans."))),
                            Some(Err(e)) => {
                                send.emit(ToPage::CloseRecent);
                                send.emit(ToPage::Notify(Notice::error(format!("\"{name}\" could not be opened ({e}); the current plan is unchanged."))));
                            }
                            None => {
                                send.emit(ToPage::CloseRecent);
                                send.emit(ToPage::Notify(Notice::error(format!("\"{name}\" is no longer stored; the current plan is unchanged."))));
                            }
                        })
                    };
                    html! {
                        <li>
                            <button type="button" class="link" onclick={ open }>{ if e.name.trim().is_empty() { "(no name)".to_string() } else { e.name.clone() } }</button>
                            <span class="meta">{ format!(" {} · {} · {} KB", e.when(), plural(e.clusters, "cluster", "clusters"), kilobytes(e.bytes)) }</span>
                        </li>
                    }
                }) }</ul>
            }
        </div>
    }
}
