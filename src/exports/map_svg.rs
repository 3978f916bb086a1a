//! The address map as a standalone SVG for a design document: per network, the strip the page
//! draws (same colours, same drawing order), the network's first and last address under it,
//! and every mark again as a line of text (its addresses, what it is, whose), so the picture
//! can be read, searched and quoted without the page. Text is text; no script, no style sheet,
//! no outside reference: colours are attributes, so any viewer or editor shows the same.

use std::fmt::Write;

use crate::addr::format_addr;
use crate::addressmap::{address_maps, conflicts, drawn_kinds, Mark, MarkKind, SegmentMap};
use crate::check::evaluate;
use crate::claims::resolve;
use crate::model::Plan;


const WIDTH: f64 = 960.0;
const MARGIN: f64 = 16.0;
const STRIP: f64 = 40.0;
const ROW: f64 = 18.0;
/// The thinnest mark, so one address in a /16 still shows.
const THINNEST: f64 = 1.5;

/// Every network of the plan with a subnet that parses, in one file.
pub fn map_svg(plan: &Plan) -> String {
    render(plan, &maps(plan))
}

/// One network's map (by its name in the plan), shared with the networks of its subnet; `None`
/// when the plan has no network of that name with a subnet that parses.
pub fn map_svg_network(plan: &Plan, network: &str) -> Option<String> {
    let one: Vec<SegmentMap> = maps(plan).into_iter().filter(|m| m.draws(network)).take(1).collect();
    (!one.is_empty()).then(|| render(plan, &one))
}

/// The download name of one network's map: `{plan}-map-{network}.svg`.
pub fn map_svg_network_file(plan: &Plan, network: &str) -> String {
    let name: String = network.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("{}-map-{}.svg", plan.file_stem(), if name.trim_matches('-').is_empty() { "network" } else { name.trim_matches('-') })
}

fn maps(plan: &Plan) -> Vec<SegmentMap> {
    address_maps(plan, &resolve(plan), &conflicts(&evaluate(plan)), None)
}

/// Plan text as XML character data: markup characters escaped, control characters (which XML
/// 1.0 does not allow) dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A number of SVG user units, short.
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// The marks in address order, for the text lines.
fn by_address(map: &SegmentMap) -> Vec<&Mark> {
    let mut marks: Vec<&Mark> = map.marks.iter().collect();
    marks.sort_by_key(|m| (m.range.start, m.range.end, m.kind.layer()));
    marks
}

fn render(plan: &Plan, maps: &[SegmentMap]) -> String {
    let inner = WIDTH - 2.0 * MARGIN;
    let mut body = String::new();
    let mut y = MARGIN + 16.0;
    let title = if plan.name.trim().is_empty() { "Address map".to_string() } else { format!("Address map: {}", plan.name.trim()) };
    let _ = writeln!(body, r#"<text x="{}" y="{}" font-size="16" font-weight="bold">{}</text>"#, n(MARGIN), n(y), xml(&title));
    y += 12.0;
    // The legend: only what these maps draw.
    let mut x = MARGIN;
    y += 8.0;
    for k in &drawn_kinds(maps) {
        let wide = 22.0 + 6.5 * k.legend().chars().count() as f64 + 14.0;
        if x + wide > WIDTH - MARGIN && x > MARGIN {
            x = MARGIN;
            y += ROW;
        }
        let _ = writeln!(body, r#"<rect x="{}" y="{}" width="12" height="12" {}/><text x="{}" y="{}">{}</text>"#,
            n(x), n(y), paint(*k), n(x + 18.0), n(y + 10.5), xml(k.legend()));
        x += wide;
    }
    y += ROW + 20.0;
    if maps.is_empty() {
        let _ = writeln!(body, r#"<text x="{}" y="{}">No network has a subnet that parses: nothing to draw.</text>"#, n(MARGIN), n(y));
        y += ROW;
    }
    for map in maps {
        let conflicts = map.marks.iter().filter(|m| m.kind == MarkKind::Conflict).count();
        let caption = format!("{} — {}: {} free static address{}{}", map.networks(), map.subnet, map.free,
            if map.free == 1 { "" } else { "es" },
            match conflicts { 0 => String::new(), 1 => ", 1 conflict".into(), c => format!(", {c} conflicts") });
        let _ = writeln!(body, r#"<g class="network" data-network="{}">"#, xml(&map.segment));
        let _ = writeln!(body, r#"<text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>"#, n(MARGIN), n(y), xml(&caption));
        y += 8.0;
        let _ = writeln!(body, r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#eceff3" stroke="#d0d7de"/>"##, n(MARGIN), n(y), n(inner), n(STRIP));
        let mut layered: Vec<&Mark> = map.marks.iter().collect();
        layered.sort_by_key(|m| m.kind.layer());
        for m in layered {
            let left = MARGIN + m.from * inner;
            let wide = ((m.to - m.from) * inner).max(THINNEST);
            // The page's band, its 40 units scaled to this strip.
            let (top, high) = m.kind.band();
            let (top, high) = (f64::from(top) * STRIP / 40.0, f64::from(high) * STRIP / 40.0);
            let _ = writeln!(body, r#"<rect class="mark-{}" x="{}" y="{}" width="{}" height="{}" {}><title>{}</title></rect>"#,
                m.kind.as_str(), n(left), n(y + top), n(wide), n(high), paint(m.kind), xml(&format!("{}: {}", m.range, m.label)));
        }
        y += STRIP + 13.0;
        // The subnet's first and last address under the strip's ends.
        if let Ok(subnet) = crate::addr::parse_subnet(&map.subnet) {
            let r = subnet.range;
            let _ = writeln!(body, r#"<text x="{}" y="{}" font-size="11">{}</text><text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>"#,
                n(MARGIN), n(y), format_addr(r.family, r.start), n(WIDTH - MARGIN), n(y), format_addr(r.family, r.end));
        }
        y += 22.0;
        for m in by_address(map) {
            let _ = writeln!(body, r#"<rect x="{}" y="{}" width="10" height="10" {}/><text class="row" x="{}" y="{}"><tspan font-family="monospace">{}</tspan>  {}</text>"#,
                n(MARGIN), n(y - 9.0), paint(m.kind), n(MARGIN + 16.0), n(y), xml(&m.range.to_string()), xml(&m.label));
            y += ROW;
        }
        if map.hidden > 0 {
            let _ = writeln!(body, r#"<text class="row" x="{}" y="{}">{}</text>"#, n(MARGIN), n(y), xml(&map.hidden_note()));
            y += ROW;
        }
        let _ = writeln!(body, "</g>");
        y += 14.0;
    }
    let high = y + MARGIN;
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(out, r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12" fill="#1b1f24">"##,
        w = n(WIDTH), h = n(high));
    let _ = writeln!(out, "<title>{}</title>", xml(&title));
    let _ = writeln!(out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// How a kind is painted: the page's colours (light theme), outlines for what changed.
fn paint(kind: MarkKind) -> String {
    match kind {
        MarkKind::Changed => r##"fill="none" stroke="#1b1f24" stroke-width="2""##.into(),
        MarkKind::Gone => r##"fill="none" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="4 3""##.into(),
        MarkKind::Conflict => format!(r#"fill="{}" fill-opacity="0.85""#, kind.colour()),
        k => format!(r#"fill="{}""#, k.colour()),
    }
}
