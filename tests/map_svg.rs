#![cfg(not(target_arch = "wasm32"))]
//! The address map as an SVG picture (SPEC §17): read back as XML by an independent parser; every
//! claim of each network drawn on its strip and written out as a line of text; the values of
//! the worked examples typed here from their files; nothing in it that runs or fetches.

use std::process::Command;

use aksarc_netplan::claims::{resolve, ClaimKind};
use aksarc_netplan::exports::{export, map_svg_network, Kind};
use aksarc_netplan::model::Plan;

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn example(file: &str) -> Plan {
    Plan::from_json(&std::fs::read_to_string(format!("{ROOT}/examples/{file}")).unwrap()).unwrap()
}

/// The marks' tooltips and the text lines of one network's group.
struct Drawn {
    titles: Vec<String>,
    rows: Vec<String>,
    classes: Vec<String>,
}

fn drawn(svg: &str, network: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg).expect("the picture is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let group = root
        .descendants()
        .find(|n| n.tag_name().name() == "g" && n.attribute("data-network") == Some(network))
        .unwrap_or_else(|| panic!("no group for {network}"));
    let text = |n: roxmltree::Node| n.descendants().filter(|d| d.is_text()).map(|d| d.text().unwrap_or("")).collect::<String>();
    let marks: Vec<roxmltree::Node> = group.children().filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("mark-"))).collect();
    Drawn {
        titles: marks.iter().map(|m| text(m.children().find(|c| c.tag_name().name() == "title").unwrap())).collect(),
        classes: marks.iter().map(|m| m.attribute("class").unwrap().to_string()).collect(),
        rows: group.children().filter(|n| n.attribute("class") == Some("row")).map(text).collect(),
    }
}

#[test]
fn every_claim_of_every_network_is_drawn_and_written_out() {
    for file in ["contoso.json", "azure-local.json", "azure-local-multi-rack.json", "aks-bare-metal.json"] {
        let plan = example(file);
        let svg = export(Kind::MapSvg, &plan);
        let resolved = resolve(&plan);
        for (s, seg) in plan.segments.iter().enumerate() {
            let Some(subnet) = resolved.segments[s].subnet else { continue };
            let d = drawn(&svg, &seg.name);
            // The claims inside this network's subnet, as the engine parsed them.
            let inside: Vec<String> = resolved
                .claims
                .iter()
                .filter(|c| !matches!(c.kind, ClaimKind::Subnet | ClaimKind::Internal))
                .filter_map(|c| c.range.intersection(&subnet.range))
                .map(|r| r.to_string())
                .collect();
            assert!(!inside.is_empty(), "{file}: {} has claims", seg.name);
            for range in &inside {
                assert!(d.titles.iter().any(|t| t.starts_with(&format!("{range}: "))), "{file}: {range} not drawn");
                assert!(d.rows.iter().any(|r| r.starts_with(&format!("{range}  "))), "{file}: {range} not written out");
            }
            assert_eq!(d.titles.len(), d.rows.len(), "{file}: one line per mark");
        }
    }
}

#[test]
fn the_worked_examples_as_their_files_give_them() {
    // examples/contoso.json: gateway 10.20.0.1, DNS .2 and .3, the resource bridge at .5 and
    // .6-.7, vCenter at .10, cluster-a's control plane IP .20 and load balancer .30-.32, the DHCP
    // scope .100-.199.
    let d = drawn(&export(Kind::MapSvg, &example("contoso.json")), "aks-seg");
    let class_of = |range: &str| d.titles.iter().position(|t| t.starts_with(&format!("{range}: "))).map(|i| d.classes[i].as_str());
    assert_eq!(class_of("10.20.0.1"), Some("mark-gateway"));
    assert_eq!(class_of("10.20.0.2"), Some("mark-dns"));
    assert_eq!(class_of("10.20.0.5"), Some("mark-bridge"));
    assert_eq!(class_of("10.20.0.10"), Some("mark-reserved"));
    assert_eq!(class_of("10.20.0.20"), Some("mark-cp"));
    assert_eq!(class_of("10.20.0.30-10.20.0.32"), Some("mark-lb"));
    assert_eq!(class_of("10.20.0.100-10.20.0.199"), Some("mark-dhcp"));
    assert!(d.rows.iter().any(|r| r.contains("10.20.0.30-10.20.0.32") && r.contains("cluster-a")));
    // examples/azure-local.json: aks-lnet's IP pool 10.220.32.18-10.220.32.37, drawn as a pool.
    let d = drawn(&export(Kind::MapSvg, &example("azure-local.json")), "aks-lnet");
    let pool = d.titles.iter().position(|t| t.starts_with("10.220.32.18-10.220.32.37: ")).expect("the pool is drawn");
    assert_eq!(d.classes[pool], "mark-pool");
}

#[test]
fn the_picture_stands_alone_and_plan_text_stays_text() {
    let mut plan = example("contoso.json");
    plan.name = "<script>alert(1)</script> & \"x\"\u{7}".into();
    plan.segments[0].name = "seg<a href='http://example.com'>".into();
    plan.clusters[0].segment = plan.segments[0].name.clone();
    plan.clusters[1].segment = plan.segments[0].name.clone();
    let svg = export(Kind::MapSvg, &plan);
    let doc = roxmltree::Document::parse(&svg).expect("hostile names still give well-formed XML");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(!["script", "a", "image", "use", "foreignObject", "style", "link"].contains(&name), "<{name}> in the picture");
        for a in node.attributes() {
            assert!(!a.name().starts_with("on") && a.name() != "href", "attribute {} on <{name}>", a.name());
            assert!(!a.value().contains("url("), "an outside reference in {}", a.name());
        }
    }
    // The names are there as text.
    assert!(doc.descendants().any(|n| n.is_text() && n.text().unwrap().contains("<script>alert(1)</script>")));
    assert!(doc.descendants().any(|n| n.attribute("data-network") == Some("seg<a href='http://example.com'>")));
    // One network alone: only its group.
    let one = map_svg_network(&plan, &plan.segments[0].name).unwrap();
    assert_eq!(roxmltree::Document::parse(&one).unwrap().descendants().filter(|n| n.tag_name().name() == "g").count(), 1);
    assert_eq!(map_svg_network(&plan, "no such network"), None);
}

#[test]
fn the_cli_writes_all_networks_or_one() {
    let run = |args: &[&str]| Command::new(BIN).args(args).output().unwrap();
    let plan = format!("{ROOT}/examples/azure-local.json");
    let all = run(&["export", "map-svg", &plan]);
    assert_eq!(all.status.code(), Some(0));
    assert!(roxmltree::Document::parse(std::str::from_utf8(&all.stdout).unwrap()).is_ok());
    let one = run(&["export", "map-svg", "--network", "aks-lnet", &plan]);
    assert_eq!(one.status.code(), Some(0));
    let missing = run(&["export", "map-svg", "--network", "nope", &plan]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--network \"nope\": the plan has no such network"));
    let wrong = run(&["export", "firewall-csv", "--network", "aks-lnet", &plan]);
    assert_eq!(wrong.status.code(), Some(2));
}
