//! The address map: one SVG strip per subnet, with a text version of every mark.

use std::rc::Rc;

use yew::prelude::*;

use crate::addressmap::{drawn_kinds, MarkKind, SegmentMap};

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub maps: Rc<Vec<SegmentMap>>,
    /// The plan drawn, for a network's map as a picture (the SVG export).
    pub plan: Rc<crate::model::Plan>,
}

/// Strip width in SVG units; integer coordinates keep float formatting out of the page's code.
const WIDTH: u32 = 10_000;
/// Thinnest mark drawn, so one address in a /16 is still visible.
const MIN_WIDTH: u32 = 30;

#[function_component(AddressMap)]
pub fn address_map(props: &MapProps) -> Html {
    // One callback for every strip, reading the plan of the last drawing, so a strip whose map
    // did not change is not drawn again.
    let plan = use_mut_ref(|| props.plan.clone());
    *plan.borrow_mut() = props.plan.clone();
    let svg = use_memo((), move |_| {
        Callback::from(move |network: String| {
            let plan = plan.borrow().clone();
            // A browser that refuses the download leaves the map on the page.
            if let Some(svg) = crate::exports::map_svg_network(&plan, &network) {
                let _ = crate::web::browser::download(&crate::exports::map_svg_network_file(&plan, &network), "image/svg+xml", &svg);
            }
        })
    });
    html! {
        <section class="card" aria-labelledby="h-map" id="address-map">
            <h2 id="h-map">{ "Address map" }</h2>
            <ul class="legend" aria-label="Legend">
                { for drawn_kinds(&props.maps).into_iter().map(|k| html! {
                    <li><svg width="14" height="14" aria-hidden="true"><rect class={ format!("mark-{}", k.as_str()) } width="14" height="14" /></svg>{ k.legend() }</li>
                }) }
            </ul>
            if props.maps.is_empty() {
                <p class="explain">{ "Give a segment a valid subnet to see its map." }</p>
            }
            { for props.maps.iter().enumerate().map(|(i, m)| html! { <Strip key={ i } index={ i } map={ m.clone() } svg={ (*svg).clone() } /> }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StripProps {
    index: usize,
    map: SegmentMap,
    /// Downloads a network's map (by name) as an SVG picture.
    svg: Callback<String>,
}

/// One segment's strip; re-renders only when that segment's map changes.
#[function_component(Strip)]
fn strip(props: &StripProps) -> Html {
    let (i, map) = (props.index, &props.map);
    // The text version can hold thousands of rows; it is built only while it is open.
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    let title_id = format!("map-{i}-title");
    let mut marks: Vec<_> = map.marks.iter().collect();
    marks.sort_by_key(|m| m.kind.layer());
    let count = |kind| map.marks.iter().filter(|m| m.kind == kind).count();
    let (conflicts, changed) = (count(MarkKind::Conflict), count(MarkKind::Changed) + count(MarkKind::Gone));
    html! {
        <figure class="strip" data-segment={ map.segment.clone() }>
            <figcaption id={ title_id.clone() }>
                { format!("{} — {}: {} free static address(es){}{}", map.networks(), map.subnet, map.free,
                    if conflicts > 0 { format!(", {conflicts} conflict(s)") } else { String::new() },
                    if changed > 0 { format!(", {changed} change(s) since the compared plan") } else { String::new() }) }
            </figcaption>
            <svg viewBox={ format!("0 0 {WIDTH} 40") } preserveAspectRatio="none" role="img" aria-labelledby={ title_id }>
                <rect class="mark-subnet" x="0" y="0" width={ WIDTH.to_string() } height="40" />
                { for marks.iter().map(|m| {
                    let x = (m.from * WIDTH as f64) as u32;
                    let w = (((m.to - m.from) * WIDTH as f64) as u32).max(MIN_WIDTH);
                    let (y, h) = m.kind.band();
                    html! {
                        <rect class={ format!("mark-{}", m.kind.as_str()) } x={ x.to_string() } y={ y.to_string() }
                            width={ w.to_string() } height={ h.to_string() }>
                            <title>{ format!("{}: {}", m.range, m.label) }</title>
                        </rect>
                    }
                }) }
            </svg>
            if map.hidden > 0 {
                <p class="explain">{ map.hidden_note() }</p>
            }
            <button type="button" class="map-svg" onclick={ { let (svg, name) = (props.svg.clone(), map.segment.clone()); Callback::from(move |_: MouseEvent| svg.emit(name.clone())) } }
                aria-label={ format!("Download SVG of the {} map", map.segment) }>{ "Download SVG" }</button>
            <details { ontoggle }>
                <summary>{ format!("Text version of the {} map", map.segment) }</summary>
                if *open {
                <div class="scroll"><table>
                    <thead><tr><th scope="col">{ "Addresses" }</th><th scope="col">{ "What" }</th><th scope="col">{ "Detail" }</th></tr></thead>
                    <tbody>
                        { for by_address(map).into_iter().map(|m| html! {
                            <tr class={ format!("row-{}", m.kind.as_str()) }>
                                <td><code>{ m.range.to_string() }</code></td><td>{ m.kind.legend() }</td><td>{ &m.label }</td>
                            </tr>
                        }) }
                    </tbody>
                </table></div>
                }
            </details>
        </figure>
    }
}

/// The marks in address order, for reading top to bottom.
fn by_address(map: &SegmentMap) -> Vec<&crate::addressmap::Mark> {
    let mut marks: Vec<_> = map.marks.iter().collect();
    marks.sort_by_key(|m| (m.range.start, m.range.end));
    marks
}
