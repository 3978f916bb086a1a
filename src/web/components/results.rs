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

/// The findings, errors first, each with a button that focuses its field.
#[function_component(Findings)]
pub fn findings(props: &ReportProps) -> Html {
    let report = &props.report;
    let summary = if report.findings.is_empty() {
        "No problems found: the plan passes every check.".to_string()
    } else {
        format!("{}.{}", report.counts(), if report.passes() { " The plan passes (warnings only)." } else { "" })
    };
    html! {
        <section class="card" aria-labelledby="h-findings" id="findings">
            <h2 id="h-findings">{ "Findings" }</h2>
            if report.passes() {
                <p class="summary ok" role="status" id="findings-summary" tabindex="-1">{ summary }</p>
            } else {
                <p class="summary bad" role="status" id="findings-summary" tabindex="-1">{ summary }</p>
            }
            <ol class="findings">
                { for report.findings.iter().map(|f| {
                    let field = f.field.clone();
                    let place = props.plan.as_ref().map_or_else(|| f.field.clone(), |plan| crate::names::describe(plan, &f.field));
                    let go = Callback::from(move |_: MouseEvent| focus_field(&field));
                    let sev = if f.severity == Severity::Error { "error" } else { "warning" };
                    let body = html! {
                        <>
                            <span class="badge">{ sev }</span>
                            <code class="rule">{ f.rule.as_str() }</code>
                            <span class="message">{ &f.message }</span>
                            if !f.field.is_empty() {
                                <button type="button" class="link" onclick={ go }>{ format!("Go to {place}") }</button>
                            }
                        </>
                    };
                    if f.severity == Severity::Error {
                        html! { <li data-rule={ f.rule.as_str() } class="error">{ body }</li> }
                    } else {
                        html! { <li data-rule={ f.rule.as_str() } class="warning">{ body }</li> }
                    }
                }) }
            </ol>
        </section>
    }
}
