#![cfg(not(target_arch = "wasm32"))]
//! The firewall checklist against the table typed from the sources (`tests/data/`): every row of
//! the example plan, in order, and every frozen tick key in the checklist of the region it
//! belongs to.

mod support {
    pub mod sources;
}

use std::collections::{BTreeMap, BTreeSet};

use aksarc_netplan::firewall::{azure_local::REGIONS as AZURE_LOCAL_REGIONS, checklist, his_code, Section, HIS_CODES};
use aksarc_netplan::link::TICK_KEYS;
use aksarc_netplan::model::{Management, Plan, PlatformId};
use support::sources::{firewall_contoso, HIS_REGION_CODES, REPLACED_NAMES};

fn section_id(section: Section) -> &'static str {
    match section {
        Section::Aks => "aks",
        Section::ResourceBridge => "bridge",
        Section::AzureLocal => "azure-local",
        Section::MultiRack => "multi-rack",
        Section::BareMetal => "bare-metal",
    }
}

#[test]
fn the_example_checklist_is_the_sources_table_row_for_row() {
    let got: Vec<[String; 5]> = checklist(&Plan::example())
        .into_iter()
        .map(|r| [section_id(r.section).to_string(), r.destination.clone(), r.port_text(), r.protocol.to_string(), r.sources.join("; ")])
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

/// The documented managed-identity codes by Azure region name: the page's region name without
/// its spaces, lowercased (the rule Arc's docs give for a regional endpoint's region segment).
fn documented_his_codes() -> BTreeMap<String, &'static str> {
    HIS_REGION_CODES.iter().map(|(name, code)| (name.replace(' ', "").to_ascii_lowercase(), *code)).collect()
}

#[test]
fn the_managed_identity_codes_are_the_documented_ones() {
    let table: BTreeMap<String, &str> = HIS_CODES.iter().map(|(region, code)| (region.to_string(), *code)).collect();
    assert_eq!(table.len(), HIS_CODES.len(), "a region is in the table twice");
    assert_eq!(table, documented_his_codes());
    // The page's own spelling of a region finds its code too.
    for (name, code) in HIS_REGION_CODES {
        assert_eq!(his_code(name), Some(code), "{name}");
    }
}

/// Regions with a documented managed-identity code, and one without.
fn regions() -> Vec<String> {
    documented_his_codes().into_keys().chain(["japaneast".to_string()]).collect()
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
        match documented_his_codes().get(&region) {
            Some(code) => assert_eq!(his, [&format!(".{code}.his.arc.azure.com")], "{region}"),
            None => assert_eq!(his, [".his.arc.azure.com", "gbl.his.arc.azure.com"], "{region}"),
        }
        seen.extend(keys);
    }
    // Azure Local's rows, the management ports included, in every region with a list.
    let mut al = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    al.management = Some(Management { subnet: "192.168.1.0/24".into(), infra_pool: String::new(), vlan: 7 });
    for (region, ..) in AZURE_LOCAL_REGIONS {
        al.region = region.to_string();
        seen.extend(checklist(&al).into_iter().map(|r| r.key));
    }
    // Multi-rack's and bare metal's lists, the same in every region.
    for p in [&aksarc_netplan::platform::multi_rack::MULTI_RACK, &aksarc_netplan::platform::bare_metal::BARE_METAL] {
        seen.extend(checklist(&p.example()).into_iter().map(|r| r.key));
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
    let mut al = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    al.management = Some(Management { subnet: "192.168.1.0/24".into(), infra_pool: String::new(), vlan: 7 });
    for mut plan in [Plan::example(), al] {
        let keys: Vec<String> = checklist(&plan).into_iter().map(|r| r.key).collect();
        for key in &keys {
            plan.firewall_confirmed = vec![key.clone()];
            let ticked: Vec<String> = checklist(&plan).into_iter().filter(|r| r.confirmed).map(|r| r.key).collect();
            assert_eq!(&ticked, std::slice::from_ref(key));
        }
    }
}

// ---- Azure Local ----------------------------------------------------------------------------------

fn al_rows(region: &str, management: Option<Management>) -> Vec<aksarc_netplan::firewall::Row> {
    let mut plan = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    plan.region = region.into();
    plan.management = management;
    checklist(&plan)
}

#[test]
fn azure_local_takes_its_regional_list() {
    let rows = al_rows("eastus", None);
    assert_eq!(plan_platform(), PlatformId::AzureLocal);
    // 51 rows of the East US list's AKS, resource bridge, Arc agent, sign-in, deployment,
    // management and monitoring parts; nothing of VMware's 29.
    assert_eq!(rows.len(), 51);
    assert!(rows.iter().all(|r| r.section == Section::AzureLocal));
    let dest: Vec<&str> = rows.iter().map(|r| r.destination.as_str()).collect();
    for want in ["eastus.dp.kubernetesconfiguration.azure.com", "eastus.dp.prod.appliances.azure.com", "eus.his.arc.azure.com",
        "gbl.his.arc.azure.com", "eastus.login.microsoft.com", "eastus.obo.arc.azure.com", "management.azure.com"] {
        assert!(dest.contains(&want), "{want}");
    }
    assert!(!dest.contains(&"storage.googleapis.com") && !dest.contains(&"gcr.io") && !dest.contains(&"ctldl.windowsupdate.com"));
    let obo = rows.iter().find(|r| r.destination == "eastus.obo.arc.azure.com").unwrap();
    assert_eq!((obo.ports.as_slice(), obo.protocol.as_str()), (&[8084][..], "HTTPS"));
    let ntp = rows.iter().find(|r| r.destination == "time.windows.com").unwrap();
    assert_eq!((ntp.ports.as_slice(), ntp.protocol.as_str()), (&[123][..], "UDP"));
    // Both names of the renamed hosts.
    let helm = rows.iter().find(|r| r.destination == "k8connecthelm.download.prss.microsoft.com").unwrap();
    assert_eq!(helm.also, ["k8connecthelm.azureedge.net"]);
    let azgn = rows.iter().find(|r| r.destination.starts_with("azgn")).unwrap();
    assert!(azgn.wildcard && !azgn.probe);
}

fn plan_platform() -> PlatformId {
    aksarc_netplan::platform::azure_local::AZURE_LOCAL.example().platform
}

#[test]
fn azure_local_regions_name_their_own_hosts_and_others_say_which_list() {
    let scus = al_rows("South Central US", None);
    let dest: Vec<&str> = scus.iter().map(|r| r.destination.as_str()).collect();
    for want in ["southcentralus.dp.kubernetesconfiguration.azure.com", "scus.dp.prod.appliances.azure.com", "scus.his.arc.azure.com"] {
        assert!(dest.contains(&want), "{want}");
    }
    for (region, code) in [("canadacentral", "cc"), ("centralindia", "pn"), ("japaneast", "je")] {
        assert!(al_rows(region, None).iter().any(|r| r.destination == format!("{code}.his.arc.azure.com")), "{region}");
    }
    let other = al_rows("brazilsouth", None);
    let k8s = other.iter().find(|r| r.key == "al:{r}.dp.kubernetesconfiguration.azure.com:443").unwrap();
    assert_eq!(k8s.destination, "eastus.dp.kubernetesconfiguration.azure.com");
    assert!(k8s.note.contains("brazilsouth") && k8s.note.contains("East US"), "{}", k8s.note);
    // Only the regional rows carry that note; the others are the same in every list.
    let mcr = other.iter().find(|r| r.destination == "mcr.microsoft.com").unwrap();
    assert_eq!(mcr.note, "");
    assert_eq!(other.iter().filter(|r| r.note.contains("brazilsouth")).count(), 5, "kubernetesconfiguration, obo, appliances, his, login");
    // The keys do not depend on the region, so a tick survives a change of region.
    let keys = |rows: &[aksarc_netplan::firewall::Row]| rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&scus), keys(&other));
}

#[test]
fn us_gov_virginia_names_azure_government_hosts() {
    let gov = al_rows("US Gov Virginia", None);
    let east = al_rows("eastus", None);
    assert_eq!(gov.len(), east.len(), "the same rows, so ticks carry over");
    let dest = |key: &str| gov.iter().find(|r| r.key == key).unwrap_or_else(|| panic!("{key}")).destination.clone();
    // From the region's list and the Azure Government tab of the resource bridge page.
    for (key, want) in [
        ("al:{r}.dp.kubernetesconfiguration.azure.com:443", "usgovvirginia.dp.kubernetesconfiguration.azure.us"),
        ("al:{a}.dp.prod.appliances.azure.com:443", "usgovvirginia.dp.prod.appliances.azure.us"),
        ("al:{h}.his.arc.azure.com:443", "usgv.his.arc.azure.us"),
        ("al:gbl.his.arc.azure.com:443", "gbl.his.arc.azure.us"),
        ("al:management.azure.com:443", "management.usgovcloudapi.net"),
        ("al:login.microsoftonline.com:443", "login.microsoftonline.us"),
        ("al:{r}.login.microsoft.com:443", "usgovvirginia.login.microsoftonline.us"),
        ("al:graph.microsoft.com:443", "graph.microsoft.us"),
        ("al:*.servicebus.windows.net:443", "*.servicebus.usgovcloudapi.net"),
        ("al:sts.windows.net:443", "sts.windows.net"),
        ("al:mcr.microsoft.com:443", "mcr.microsoft.com"),
    ] {
        assert_eq!(dest(key), want, "{key}");
    }
    // No public-cloud Azure name passes without a word.
    for row in &gov {
        let public = row.destination.ends_with(".windows.net") || row.destination.ends_with(".azure.com");
        if public && row.destination != "sts.windows.net" && row.destination != "time.windows.com" {
            assert!(row.note.contains("Azure Government"), "{} has no note", row.destination);
        }
    }
    assert!(gov.iter().all(|r| !r.note.contains("East US")), "the region has its own list");
}

#[test]
fn management_ports_appear_when_the_management_network_is_apart() {
    let same = Management { subnet: "10.220.32.0/24".into(), infra_pool: "10.220.32.200-10.220.32.210".into(), vlan: 0 };
    assert_eq!(al_rows("eastus", Some(same.clone())).len(), 51, "same subnet and VLAN: no extra rows");
    let rows = al_rows("eastus", Some(Management { vlan: 12, ..same }));
    let ports: Vec<(&str, &str, String)> =
        rows.iter().filter(|r| r.protocol.as_str() == "TCP").map(|r| (r.who.as_str(), r.destination.as_str(), r.port_text())).collect();
    // AKS Arc network system requirements: 22, 6443, 55000 and 65000 "and vice-versa", and
    // 40343 to the Azure Local cluster IP where the instance uses an Arc gateway.
    assert_eq!(ports, [
        ("management network 10.220.32.0/24", "logical networks 10.220.32.0/24", "22, 6443".to_string()),
        ("logical networks 10.220.32.0/24", "management network 10.220.32.0/24", "55000, 65000".to_string()),
        ("logical networks 10.220.32.0/24", "management network 10.220.32.0/24", "22, 6443".to_string()),
        ("management network 10.220.32.0/24", "logical networks 10.220.32.0/24", "55000, 65000".to_string()),
        ("logical networks 10.220.32.0/24", "the Azure Local cluster IP, on management network 10.220.32.0/24", "40343".to_string()),
    ]);
    let gateway = rows.iter().find(|r| r.port_text() == "40343").unwrap();
    assert!(gateway.why.starts_with("Only where the Azure Local instance uses an Arc gateway"), "{}", gateway.why);
}

/// Multi-rack's allow list (AKS multi-rack: bring your own proxy, 06/19/2026): 27 endpoints as
/// written, 443 for all, 80 for redirects (aka.ms) and 8084 for the on-behalf-of service.
#[test]
fn multi_rack_takes_its_own_published_list() {
    let rows = checklist(&aksarc_netplan::platform::multi_rack::MULTI_RACK.example());
    assert!(rows.iter().all(|r| r.section == Section::MultiRack));
    let hosts: BTreeSet<&str> = rows.iter().map(|r| r.destination.as_str()).collect();
    assert_eq!(hosts.len(), 27);
    for host in ["*.arc.azure.net", "*.obo.arc.azure.com", "*.his.arc.azure.com", "nccacheacr.azurecr.io", "pas.windows.net", "sts.windows.net",
        "k8sconnectcsp.azureedge.net", "k8sconnecthelm.azureedge.net", "*.data.azurecr.io"] {
        assert!(hosts.contains(host), "{host}");
    }
    let obo = rows.iter().find(|r| r.destination == "*.obo.arc.azure.com").unwrap();
    assert_eq!(obo.ports, [8084]);
    let aka: Vec<Vec<u16>> = rows.iter().filter(|r| r.destination == "aka.ms").map(|r| r.ports.clone()).collect();
    assert_eq!(aka, [vec![443], vec![80]]);
    // The 2025 successor of an old name the list still gives is named beside it.
    let csp = rows.iter().find(|r| r.destination == "k8sconnectcsp.azureedge.net").unwrap();
    assert_eq!(csp.also, ["k8sconnectcsp.download.prss.microsoft.com"]);
    assert!(rows.iter().all(|r| r.sources == ["10.220.32.0/24"]));
}

/// Bare metal's six endpoints (AKS on bare metal system requirements, 06/01/2026), as written.
#[test]
fn bare_metal_takes_its_six_endpoints() {
    let rows = checklist(&aksarc_netplan::platform::bare_metal::BARE_METAL.example());
    let hosts: Vec<&str> = rows.iter().map(|r| r.destination.as_str()).collect();
    assert_eq!(hosts, ["*.arc.azure.net", "management.azure.com", "login.microsoftonline.com", "mcr.microsoft.com",
        "*.data.mcr.microsoft.com", "guestnotificationservice.azure.com"]);
    assert!(rows.iter().all(|r| r.section == Section::BareMetal && r.ports == [443]));
    assert_eq!(rows.iter().filter(|r| r.wildcard).count(), 2);
}
