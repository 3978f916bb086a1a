#![cfg(not(target_arch = "wasm32"))]
//! The firewall checklist against the table typed from the sources (`tests/data/`): every row of
//! the example plan, in order, and every frozen tick key in the checklist of the region it
//! belongs to.

mod support {
    pub mod sources;
}

use std::collections::BTreeSet;

use aksarc_netplan::firewall::{checklist, Section, HIS_CODES};
use aksarc_netplan::link::TICK_KEYS;
use aksarc_netplan::model::Plan;
use support::sources::{firewall_contoso, REPLACED_NAMES};

fn section_id(section: Section) -> &'static str {
    match section {
        Section::Aks => "aks",
        Section::ResourceBridge => "bridge",
    }
}

#[test]
fn the_example_checklist_is_the_sources_table_row_for_row() {
    let got: Vec<[String; 5]> = checklist(&Plan::example())
        .into_iter()
        .map(|r| [section_id(r.section).to_string(), r.destination, r.port, r.protocol, r.sources.join("; ")])
        .collect();
    let want: Vec<[String; 5]> = firewall_contoso()
        .into_iter()
        .map(|r| [r.section, r.destination, r.port, r.protocol, r.from])
        .collect();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "row {i}");
    }
    assert_eq!(got.len(), want.len(), "rows: the code has {}, the sources {}", got.len(), want.len());
    // The figures the sources state in words.
    let aks: Vec<&[String; 5]> = want.iter().filter(|r| r[0] == "aks").collect();
    assert_eq!(aks.len(), 29);
    assert_eq!(aks.iter().filter(|r| r[2] == "443" && r[3] == "HTTPS").count(), 28);
}

#[test]
fn the_replaced_hosts_keep_their_old_names_beside_the_new() {
    let rows = checklist(&Plan::example());
    for old in REPLACED_NAMES {
        let new = old.replace(".azureedge.net", ".download.prss.microsoft.com");
        let row = rows.iter().find(|r| r.destination == new).unwrap_or_else(|| panic!("no row for {new}"));
        assert_eq!(row.also, [old]);
        assert!(!rows.iter().any(|r| r.destination == old), "{old} is a row of its own");
    }
}

/// Regions with a documented managed-identity code, and one without.
fn regions() -> Vec<String> {
    HIS_CODES.iter().map(|(r, _)| r.to_string()).chain(["japaneast".to_string()]).collect()
}

#[test]
fn every_tick_key_is_a_row_of_its_regions_checklist() {
    let mut plan = Plan::example();
    let mut seen = BTreeSet::new();
    for region in regions() {
        plan.region = region.clone();
        let keys: BTreeSet<String> = checklist(&plan).into_iter().map(|r| r.key).collect();
        // The managed-identity row is the region's own, and only that one.
        let his: Vec<&String> = keys.iter().filter(|k| k.ends_with("his.arc.azure.com") && !k.starts_with("bridge:")).collect();
        match HIS_CODES.iter().find(|(r, _)| *r == region) {
            Some((_, code)) => assert_eq!(his, [&format!(".{code}.his.arc.azure.com")], "{region}"),
            None => assert_eq!(his, [".his.arc.azure.com", "gbl.his.arc.azure.com"], "{region}"),
        }
        seen.extend(keys);
    }
    let frozen: BTreeSet<String> = TICK_KEYS.iter().map(|k| k.to_string()).collect();
    let never: Vec<&String> = frozen.difference(&seen).collect();
    // The old names are frozen so a hand-written plan that ticks them travels compactly; no
    // checklist shows them as rows (they are named beside their successors).
    assert_eq!(never, REPLACED_NAMES.iter().collect::<Vec<_>>(), "tick keys no region's checklist has");
    let unfrozen: Vec<&String> = seen.difference(&frozen).collect();
    assert!(unfrozen.is_empty(), "checklist keys missing from TICK_KEYS: {unfrozen:?}");
}

#[test]
fn a_tick_marks_exactly_its_row() {
    let mut plan = Plan::example();
    let keys: Vec<String> = checklist(&plan).into_iter().map(|r| r.key).collect();
    for key in &keys {
        plan.firewall_confirmed = vec![key.clone()];
        let ticked: Vec<String> = checklist(&plan).into_iter().filter(|r| r.confirmed).map(|r| r.key).collect();
        assert_eq!(&ticked, std::slice::from_ref(key));
    }
}
