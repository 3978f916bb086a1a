//! Live results: the requirement tables, the findings list and the addresses the plan assigns.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::Plan;

use crate::check::Report;
use crate::rules::Severity;
use crate::web::ids::input_id;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Rc<Report>,
    /// The plan, to name the fields of findings as people do.
    #[prop_or_default]
    pub plan: Option<Rc<Plan>>,
    /// Where a finding's Accept and Take back go.
    #[prop_or_default]
    pub onaction: Callback<crate::web::state::Action>,
}

/// Totals, per cluster and per segment.
#[function_component(Requirements)]
pub fn requirements(props: &ReportProps) -> Html {
    let req = &props.report.requirements;
    let t = &req.totals;
    let figures = t.figures();
    html! {
        <section class="card" aria-labelledby="h-req" id="requirements">
            <h2 id="h-req">{ "Addresses needed" }</h2>
            <div class="scroll">
            <table class="totals">
                <thead><tr>
                    <th scope="col">{ "Figure" }</th><th scope="col">{ "Minimum" }</th>
                    <th scope="col">{ "Recommended" }</th><th scope="col">{ "Why and source" }</th>
                </tr></thead>
                <tbody>
                    { for figures.iter().map(|f| html! {
                        <tr>
                            <th scope="row">{ f.label }</th>
                            <td class="num" data-total={ f.key }>{ f.minimum.to_string() }</td>
                            <td class="num" data-total={ f.recommended_key }>{ f.recommended.to_string() }</td>
                            <td class="why">{ f.why }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            { for req.tables().into_iter().filter(|t| !t.rows.is_empty()).map(|t| html! {
                <>
                    <h3>{ t.page_heading.clone() }</h3>
                    { table(&t) }
                    if let Some(note) = t.note {
                        <p class="explain">{ note }</p>
                    }
                </>
            }) }
        </section>
    }
}

/// A requirement table whose rows are named in their first cell.
fn table(t: &crate::requirements::Table) -> Html {
    use crate::requirements::Cell;
    html! {
        <div class="scroll">
        <table>
            <thead><tr>{ for t.columns.iter().map(|c| html! { <th scope="col">{ c.page }</th> }) }</tr></thead>
            <tbody>
                { for t.rows.iter().map(|row| html! {
                    <tr>
                        <th scope="row">{ row.first().map(ToString::to_string).unwrap_or_default() }</th>
                        // Literal classes: no class-list parser in the page (see `Notices`).
                        { for row.iter().skip(1).map(|c| match c {
                            Cell::Count(n) => html! { <td class="num">{ n.to_string() }</td> },
                            Cell::Text(t) => html! { <td>{ t.clone() }</td> },
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// Moves keyboard focus to the input of `field`, or the nearest enclosing part of the editor.
pub fn focus_field(field: &str) {
    let document = gloo::utils::document();
    let mut id = input_id(field);
    loop {
        if let Some(el) = document.get_element_by_id(&id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                // The field with its label, so the label is in view above the input.
                el.closest(".field").ok().flatten().unwrap_or_else(|| el.clone().into()).scroll_into_view();
                let _ = el.focus();
            }
            return;
        }
        match id.rfind('-') {
            Some(at) if at > 1 => id.truncate(at),
            _ => return,
        }
    }
}

/// The findings, errors first, each with a button that focuses its field. A finding may be
/// accepted on purpose with a reason (a waiver in the plan): it stays listed, marked accepted,
/// with a button to take the waiver back. The form that asks for the reason is the second
/// module's (`parts::accept`), drawn under the list when a finding's Accept… is pressed.
#[function_component(Findings)]
pub fn findings(props: &ReportProps) -> Html {
    use crate::edit::Edit;
    use crate::web::state::Action;
    let report = &props.report;
    let summary = if report.findings.is_empty() {
        "No problems found: the plan passes every check.".to_string()
    } else {
        format!("{}.{}", report.counts(), if report.passes() { " The plan passes (warnings only)." } else { "" })
    };
    let waivers = props.plan.as_ref().map_or(&[][..], |p| &p.waivers[..]);
    html! {
        <section class="card" aria-labelledby="h-findings" id="findings">
            <h2 id="h-findings">{ "Findings" }</h2>
            if report.passes() {
                <p class="summary ok" role="status" id="findings-summary" tabindex="-1">{ summary }</p>
            } else {
                <p class="summary bad" role="status" id="findings-summary" tabindex="-1">{ summary }</p>
            }
            <ol class="findings">
                { for report.findings.iter().enumerate().map(|(n, f)| {
                    let field = f.field.clone();
                    let place = props.plan.as_ref().map_or_else(|| f.field.clone(), |plan| crate::names::describe(plan, &f.field));
                    let go = Callback::from(move |_: MouseEvent| focus_field(&field));
                    let rule = f.rule.as_str();
                    // The waiver a button takes back: the one that accepted this finding, or the
                    // unused one this finding is about.
                    let waiver = if f.waiver.is_some() {
                        waivers.iter().position(|w| w.names(rule, &f.field))
                    } else if f.rule == crate::rules::RuleId::WaiverUnused {
                        match crate::names::parts(&f.field)[..] {
                            [("waivers", index)] => index,
                            _ => None,
                        }
                    } else {
                        None
                    };
                    let sev = if f.waiver.is_some() { "accepted" } else if f.severity == Severity::Error { "error" } else { "warning" };
                    let body = html! {
                        <>
                            <span class="badge">{ sev }</span>
                            <code class="rule">{ rule }</code>
                            <span class="message">{ &f.message }</span>
                            if let Some(reason) = &f.waiver {
                                <span class="reason">{ format!("Accepted: {reason}") }</span>
                            }
                            if !f.field.is_empty() && f.rule != crate::rules::RuleId::WaiverUnused {
                                <button type="button" class="link" onclick={ go }>{ format!("Go to {place}") }</button>
                            }
                            if let Some(i) = waiver {
                                <button type="button" class="link" id={ format!("waiver-{n}") } onclick={ super::click(&props.onaction, Action::Edit(Edit::RemoveWaiver(i))) }>
                                    { if f.waiver.is_some() { "Take back" } else { "Remove waiver" } }
                                </button>
                            } else if !f.field.is_empty() && f.more == 0 {
                                <button type="button" class="link" id={ format!("accept-{n}") }
                                    onclick={ super::click(&props.onaction, Action::Accepting(Some((rule.to_string(), f.field.clone())))) }>{ "Accept…" }</button>
                            }
                        </>
                    };
                    if f.waiver.is_some() {
                        html! { <li data-rule={ rule } class="accepted">{ body }</li> }
                    } else if f.severity == Severity::Error {
                        html! { <li data-rule={ rule } class="error">{ body }</li> }
                    } else {
                        html! { <li data-rule={ rule } class="warning">{ body }</li> }
                    }
                }) }
            </ol>
            <div class="slot" id={ crate::web::wire::ACCEPT_SLOT }></div>
        </section>
    }
}

