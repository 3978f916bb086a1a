#![cfg(not(target_arch = "wasm32"))]
//! The share-link codec: exact round trips on any plan, a pinned link that must keep opening,
//! the SPEC's length budgets, and corrupt links of every kind (always an error, never a panic).

mod support {
    pub mod gen;
}

use aksarc_netplan::link::{self, decode, encode, share_url, LinkError, MAX_FRAGMENT};
use aksarc_netplan::model::{Cluster, NodePool, Plan, Reserved, ResourceBridge, Segment};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;

/// `examples/contoso.json` as it was when the link below was made, kept literally: the link must
/// decode to this plan in every later release, whatever happens to the example file.
const PINNED_PLAN: &str = r#"{
  "schema": 1,
  "name": "Contoso lab",
  "proxy": false,
  "segments": [
    {
      "name": "aks-seg",
      "subnet": "10.20.0.0/24",
      "gateway": "10.20.0.1",
      "dns": ["10.20.0.2", "10.20.0.3"],
      "dhcp": ["10.20.0.100-10.20.0.199"],
      "dhcp_in_use": 0
    }
  ],
  "reserved": [
    { "name": "vCenter", "addresses": "10.20.0.10" },
    { "name": "ESXi hosts", "addresses": "10.20.0.11-10.20.0.14" }
  ],
  "clusters": [
    {
      "name": "cluster-a",
      "segment": "aks-seg",
      "control_plane_ip": "10.20.0.20",
      "control_plane_nodes": 3,
      "node_pools": [ { "name": "pool1", "nodes": 3 }, { "name": "pool2", "nodes": 2 } ],
      "services": 3,
      "lb_pools": ["10.20.0.30-10.20.0.32"]
    },
    {
      "name": "cluster-b",
      "segment": "aks-seg",
      "control_plane_ip": "10.20.0.21",
      "control_plane_nodes": 1,
      "node_pools": [ { "name": "pool1", "nodes": 3 } ],
      "services": 0,
      "lb_pools": []
    }
  ],
  "resource_bridge": { "control_plane_ip": "10.20.0.5", "appliance_vm_ips": "10.20.0.6-10.20.0.7" },
  "region": "eastus",
  "firewall_confirmed": []
}"#;

/// Made with `cargo run -- link examples/contoso.json` (format "1"). Never regenerate this: a link
/// someone sent must keep opening. If a change breaks this test, the change breaks old links.
const PINNED_LINK: &str = "#1fVBLDoIwEL0KmXXBflADW-IJ3JgQFoAEjJUSimyId3datVQXppvpm5n3mQV6SCFT_aS0CmRZAQENab5YvLzqUDftCwNGI04jfBseI9R6EMP_GdccwBH41AIKAp3fZZSGrk4SKB44MeJEDnPW9FMzeuuM4n4Oh-PpEnRKT9rvsZUnhgJZame-lneNTGH5tr-GqT3nnCJwg1QQGKyBQSmJcYTRNDUm4YZ4tjPSjyHWFIJjCPItXP0XNjf7kbR3qHyJrRd259T2KPYE";

fn pinned_plan() -> Plan {
    Plan::from_json(PINNED_PLAN).unwrap()
}

/// A raw-deflated, base64url payload with the version character in front: how a link is made,
/// rebuilt here so corrupt links can be crafted byte by byte.
fn craft(bytes: &[u8]) -> String {
    format!("1{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 6)))
}

// ---- round trips ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn decode_inverts_encode(plan in support::gen::plan(&support::gen::anything())) {
        let fragment = encode(&plan);
        prop_assert!(fragment.starts_with(link::VERSION));
        prop_assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{}", fragment);
        prop_assert_eq!(decode(&fragment).unwrap(), plan.clone());
        prop_assert_eq!(decode(&format!("#{fragment}")).unwrap(), plan.clone());
        prop_assert_eq!(decode(&share_url("https://example.org/netplan/?v=1#old", &plan)).unwrap(), plan);
    }
}

#[test]
fn round_trip_keeps_the_difference_between_absent_and_empty() {
    // `Some("")` and `None` are different plans (a blank field the user cleared vs. one never
    // set); so are the default region and an explicit other one, and counts at the u32 edges.
    let mut plan = pinned_plan();
    plan.segments[0].gateway = Some(String::new());
    plan.clusters[0].control_plane_ip = Some(String::new());
    plan.clusters[1].control_plane_ip = None;
    plan.clusters[1].control_plane_nodes = 0;
    plan.clusters[0].services = u32::MAX;
    plan.segments[0].dhcp_in_use = u32::MAX;
    plan.clusters[0].node_pools[0].nodes = u32::MAX;
    plan.region = String::new();
    plan.resource_bridge = Some(ResourceBridge::default());
    plan.proxy = true;
    plan.name = "naïve \u{0}\u{7f}\u{1F600} \"quoted\" \\ back".into();
    let back = decode(&encode(&plan)).unwrap();
    assert_eq!(back, plan);
    assert_eq!(back.segments[0].gateway.as_deref(), Some(""));
    assert_eq!(back.clusters[1].control_plane_ip, None);
    assert_eq!(back.region, "");

    plan.region = "eastus".into();
    plan.resource_bridge = None;
    assert_eq!(decode(&encode(&plan)).unwrap(), plan);
    let empty = Plan::default();
    assert_eq!(decode(&encode(&empty)).unwrap(), empty);
}

// ---- the pinned link -----------------------------------------------------------------------

#[test]
fn pinned_link_keeps_decoding_to_its_plan() {
    let plan = decode(PINNED_LINK).expect("a link made by an earlier release must open");
    assert_eq!(plan, pinned_plan());
    // Also as a whole URL, and without the '#'.
    assert_eq!(decode(&format!("https://contoso.example/netplan/index.html?x=1{PINNED_LINK}")).unwrap(), pinned_plan());
    assert_eq!(decode(&PINNED_LINK[1..]).unwrap(), pinned_plan());
}

/// Links made before platforms existed (release of commit 1aaf203, `aksarc-netplan link`) for the
/// two reviewed plans of `tests/data/golden/`: they open as the same VMware plans, and a plan of
/// today encodes to the very same link.
const OLD_LINKS: [(&str, &str); 2] = [
    ("varied", "#1TVLNcoIwEH4VZs-RJgFRc-t0pufe1UOEoLQITECRcXz3bjDGHS7ky-73B3doQMG3PtjqT5-jHZjiaHYQ9dVgemDQg9re55kiX-gnAILHKY_x-ZApQkcCCTwXuBMACXsGJ4oIzhfhPeO4EE5LcrPZuM0LKCEfLFg4RNfMuygLzlXKlfoQkr9kA7hMgnDA1nwR3ssS9i_ek67LaJg6U5CAYg6YJPBAHos8W7h-mWYwljrmqLKFzlbuoqc3kmSRYh4rtY30qCc3tpEYfh2vXImYFDXyUPWPbYvo03vxveek5DnuGVTCoJuN1VVzuQFLnchYNcCkI7yCyhjUtPtEOjXiUhCXQrwr6avbW9-XntPShfPwVO_eetLrhTFJKpeEv277wQs07Xgy1lA64emE6_5AAyyJ-SxYX7lv7X7DX93pxuiZu8S9lK0kS1Jsa4rbsYk7294mdPEP"),
    ("every-rule", "#1hVTLsoIwDP0VJ2vQNgUf7P2Gu3BcIKAyg8Dw0Os4_vttC5SAwh02Jck5OUmTviAFD_b3qHguijqJwIJf8KqijiwowTu8tP_mxyloA3C2dNlSfit0pOlCTFz-hxJjDCgNxukyOFpwpX7OmG3Ou52J5svOzpc7harBc99Wo6WKL9eKiOG9GEPOCbk-c5m8I8hksYmfj-rhuF2hCyOFSBQi4z3JqCP4RQQSEc2Z4E9-ERG86PCdv7z5SUICnCZgSxMoG9rdSUhy2apCeg-Q-iXtvWr9AfIsbK3oOKrJKqFyxOmiDLI8opC1xEi6wMxAWOd2nmVJ2apqOxCQHiKThht4aEGuZcgmo84MFlNsd_CEBQntsOgbLLDvT5za4TXIp3Nxneyukw0JeU8oSEXokqt0XVrrlozhllxS9TCXPFWtqZO39fGRHDp5Z7_4SrdWgbt_2NZNTtscqdBnnk0LFexTqWY9h4x5HuFpJ-STRw2MrmXIYwqLk4S1wG4_A7Kfw1bhEMjngHwGiHNAnAGKOaCYATpzQGcCmGaPa2S2PW327OOmsQsPiuwRRmEb3r0DAXkHXIoXR732p8EKDB7eDZnuDarnVD3aP1FZLfZ1oeS8_wA"),
];

#[test]
fn links_from_before_platforms_open_as_the_same_vmware_plans() {
    for (stem, link) in OLD_LINKS {
        let path = format!("{}/tests/data/golden/{stem}.json", env!("CARGO_MANIFEST_DIR"));
        let plan = Plan::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let opened = decode(link).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(opened, plan, "{stem}");
        assert_eq!(opened.platform, aksarc_netplan::model::PlatformId::Vmware);
        // Today's link of the plan is format 2: the same packed bytes, then their CRC-32.
        let now = encode(&plan);
        assert!(now.starts_with('2'));
        let packed = URL_SAFE_NO_PAD.decode(&now[1..]).unwrap();
        let (body, crc) = packed.split_at(packed.len() - 4);
        assert_eq!(URL_SAFE_NO_PAD.encode(body), link[2..], "{stem}: the packed form of a VMware plan changed");
        assert_eq!(crc, crc32fast::hash(body).to_be_bytes());
    }
}

#[test]
fn encoding_is_deterministic() {
    // Same plan, same link: the page can compare links, and a re-shared plan does not churn.
    assert_eq!(encode(&pinned_plan()), encode(&pinned_plan()));
    assert_eq!(decode(&format!("#{}", encode(&pinned_plan()))).unwrap(), pinned_plan());
}

// ---- lengths -------------------------------------------------------------------------------

/// A plan of `n` clusters the way people write them when they share it: two node pools, a
/// control plane IP and a load balancer range per cluster, a segment per seven clusters, the
/// usual reserved entries, the resource bridge, a region, and a first firewall tick.
fn typical_plan(n: usize) -> Plan {
    let segments = n.div_ceil(7);
    Plan {
        name: "Fabrikam production".into(),
        segments: (0..segments)
            .map(|s| Segment {
                name: format!("aks-seg-{s}"),
                subnet: format!("10.{}.0.0/22", 20 + s),
                gateway: Some(format!("10.{}.0.1", 20 + s)),
                dns: vec![format!("10.{}.0.2", 20 + s), format!("10.{}.0.3", 20 + s)],
                dhcp: vec![format!("10.{}.1.0-10.{}.2.255", 20 + s, 20 + s)],
                dhcp_in_use: 12,
                ..Segment::default()
            })
            .collect(),
        reserved: vec![
            Reserved { name: "vCenter".into(), addresses: "10.20.0.10".into() },
            Reserved { name: "ESXi hosts".into(), addresses: "10.20.0.11-10.20.0.14".into() },
        ],
        clusters: (0..n)
            .map(|i| {
                let s = i / 7;
                Cluster {
                    name: format!("cluster-{i:02}"),
                    segment: format!("aks-seg-{s}"),
                    control_plane_ip: Some(format!("10.{}.0.{}", 20 + s, 20 + i % 7)),
                    control_plane_nodes: if i % 2 == 0 { 3 } else { 1 },
                    node_pools: vec![
                        NodePool { name: "system".into(), nodes: 3 },
                        NodePool { name: "apps".into(), nodes: 2 + i as u32 % 5 },
                    ],
                    services: 4,
                    lb_pools: vec![format!("10.{}.0.{}-10.{}.0.{}", 20 + s, 40 + 10 * (i % 7), 20 + s, 47 + 10 * (i % 7))],
                    host_ip: None,
                    existing: false,
                    lb_pools_existing: Vec::new(),
                }
            })
            .collect(),
        resource_bridge: Some(ResourceBridge { control_plane_ip: "10.20.0.5".into(), appliance_vm_ips: "10.20.0.6-10.20.0.7".into() }),
        region: "westeurope".into(),
        firewall_confirmed: vec!["management.azure.com".into()],
        ..Plan::default()
    }
}

#[test]
fn typical_three_cluster_link_is_under_400_characters() {
    let plan = typical_plan(3);
    assert_eq!(plan.clusters.len(), 3);
    let fragment = format!("#{}", encode(&plan));
    assert!(fragment.len() < 400, "{} characters: {fragment}", fragment.len());
    assert_eq!(decode(&fragment).unwrap(), plan);
    // The example plan (two clusters) too.
    let example = format!("#{}", encode(&Plan::example()));
    assert!(example.len() < 400, "{}", example.len());
}

#[test]
fn twenty_cluster_link_is_under_2000_characters() {
    let plan = typical_plan(20);
    assert_eq!(plan.clusters.len(), 20);
    let fragment = format!("#{}", encode(&plan));
    assert!(fragment.len() < 2000, "{} characters", fragment.len());
    assert!(fragment.len() < link::COMFORTABLE_LENGTH);
    assert_eq!(decode(&fragment).unwrap(), plan);
}

// ---- corrupt links -------------------------------------------------------------------------

#[test]
fn empty_and_bare_links() {
    assert_eq!(decode(""), Err(LinkError::Empty));
    assert_eq!(decode("#"), Err(LinkError::Empty));
    assert_eq!(decode("  #  "), Err(LinkError::Empty));
    assert_eq!(decode("https://host/page#"), Err(LinkError::Empty));
    // A page address whose fragment was lost: no plan, not "a link from a newer release".
    assert_eq!(decode("https://host/page?x=1"), Err(LinkError::Empty));
    assert_eq!(decode("file:///C:/netplan/index.html"), Err(LinkError::Empty));
    // The version character alone holds no plan.
    assert!(decode("#1").is_err());
}

#[test]
fn unknown_versions_are_named() {
    let payload = &encode(&pinned_plan())[1..];
    for v in ['0', '3', '9', 'A', 'z', '_', 'é'] {
        let err = decode(&format!("#{v}{payload}")).unwrap_err();
        assert_eq!(err, LinkError::UnknownVersion(v));
        let message = err.to_string();
        assert!(message.contains(v) && message.contains("newer release"), "{message}");
    }
}

#[test]
fn characters_a_link_never_has() {
    let valid = encode(&pinned_plan());
    for bad in ["$", "+", "/", "=", " ", "%20", "ü", "\u{0}"] {
        let at = valid.len() / 2;
        let link = format!("{}{bad}{}", &valid[..at], &valid[at..]);
        assert_eq!(decode(&link), Err(LinkError::NotBase64), "{bad:?}");
    }
    assert_eq!(decode("#1!!!!"), Err(LinkError::NotBase64));
    assert!(LinkError::NotBase64.to_string().contains("damaged"));
}

#[test]
fn every_truncation_of_a_valid_link_is_an_error() {
    for full in [PINNED_LINK.to_string(), format!("#{}", encode(&typical_plan(20)))] {
        for n in 0..full.len() {
            let cut = &full[..n];
            assert!(decode(cut).is_err(), "truncated to {n} characters it still decoded");
        }
        assert!(decode(&full).is_ok());
    }
}

#[test]
fn a_link_cut_short_says_so_whatever_is_missing() {
    // However many characters are lost from the end, the message says the link is cut short,
    // never that it has characters a link never has.
    let link = format!("#{}", encode(&typical_plan(3)));
    for missing in [1, 2, 3, 4, 5, 20, link.len() - 3] {
        let message = decode(&link[..link.len() - missing]).unwrap_err().to_string();
        assert!(message.contains("damaged or cut short"), "{missing} missing: {message}");
    }
}

#[test]
fn every_bit_flip_is_refused() {
    let fragment = encode(&pinned_plan());
    let packed = URL_SAFE_NO_PAD.decode(&fragment[1..]).unwrap();
    for bit in 0..packed.len() * 8 {
        let mut p = packed.clone();
        p[bit / 8] ^= 1 << (bit % 8);
        let link = format!("2{}", URL_SAFE_NO_PAD.encode(&p));
        assert_eq!(decode(&link), Err(LinkError::Checksum), "bit {bit}");
    }
    assert!(LinkError::Checksum.to_string().contains("damaged"));
}

/// Links of the plans people share: the pinned plan, Microsoft's Azure Local example, typical
/// plans of 3 and 20 clusters, and the reviewed corner-case plan.
fn sample_links() -> Vec<(String, Plan)> {
    let varied = std::fs::read_to_string(format!("{}/tests/data/golden/varied.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    [pinned_plan(), aksarc_netplan::platform::azure_local::AZURE_LOCAL.example(), typical_plan(3), typical_plan(20), Plan::from_json(&varied).unwrap()]
        .into_iter()
        .map(|plan| (format!("#{}", encode(&plan)), plan))
        .collect()
}

/// Every character a link could be damaged into: the link alphabet, and some it never has.
const DAMAGE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.~ %";

#[test]
fn no_single_character_change_or_cut_opens_another_plan() {
    let (mut tried, mut refused) = (0, 0);
    for (link, plan) in sample_links() {
        assert_eq!(decode(&link).as_ref(), Ok(&plan));
        let chars: Vec<char> = link.chars().collect();
        // '#' is not part of the plan: start at the version character.
        for at in 1..chars.len() {
            for c in DAMAGE.chars().filter(|&c| c != chars[at]) {
                let mut damaged = chars.clone();
                damaged[at] = c;
                let damaged: String = damaged.into_iter().collect();
                tried += 1;
                match decode(&damaged) {
                    Err(_) => refused += 1,
                    // The version character changed from 2 to 1 reads the same bytes without
                    // the check; it may open, but only as the very same plan.
                    Ok(opened) => assert_eq!(opened, plan, "{damaged} opened another plan"),
                }
            }
        }
        for n in 0..link.len() {
            tried += 1;
            match decode(&link[..n]) {
                Err(_) => refused += 1,
                Ok(opened) => panic!("cut to {n} characters it opened {:?}", opened.name),
            }
        }
    }
    // Only the version-character cases may open (as the same plan), one per link at most.
    assert!(tried - refused <= sample_links().len(), "{tried} damaged links, {refused} refused");
    eprintln!("{tried} damaged links, {refused} refused, {} opened as the same plan", tried - refused);
}

#[test]
fn a_deflate_bomb_is_refused_at_the_limit() {
    // Inflating stops at MAX_DECODED whatever the bomb would expand to: 2 MiB and 32 MiB of
    // zeros are refused the same way, so the work is bounded by the limit, not by the link.
    for size in [2 * 1024 * 1024, 32 * 1024 * 1024] {
        let packed = miniz_oxide::deflate::compress_to_vec(&vec![0u8; size], 10);
        let link = format!("#1{}", URL_SAFE_NO_PAD.encode(&packed));
        assert!(link.len() < 100_000, "the bomb is small: {}", link.len());
        assert_eq!(decode(&link), Err(LinkError::TooLarge), "{size} bytes");
    }
    assert!(LinkError::TooLarge.to_string().contains("1 MiB"));

    // Just under the limit is not a bomb: it inflates, then fails as not-a-plan.
    let under = craft(&vec![b' '; link::MAX_DECODED - 16]);
    assert!(matches!(decode(&under), Err(LinkError::NotAPlan(_))), "{:?}", decode(&under));
}

#[test]
fn a_link_longer_than_the_limit_is_refused_before_decoding() {
    // The limit is 2 MiB of fragment, written out here so a changed constant shows.
    assert_eq!(MAX_FRAGMENT, 2 * 1024 * 1024);
    let long = format!("#1{}", "A".repeat(MAX_FRAGMENT));
    assert_eq!(decode(&long), Err(LinkError::TooLong(MAX_FRAGMENT + 1)));
    // At the limit the fragment is still read (and found to be no deflate stream).
    let at = format!("#1{}", "A".repeat(MAX_FRAGMENT - 1));
    assert_eq!(decode(&at), Err(LinkError::Corrupt));
    // A real plan far longer than a typical link opens.
    let mut plan = Plan::example();
    plan.reserved = (0..3000).map(|i| Reserved { name: format!("host {i:x}{}", i * 7919 % 1000), addresses: format!("10.{}.{}.{}", i % 200, i / 200, i % 250) }).collect();
    let fragment = encode(&plan);
    assert!(fragment.len() > 10_000, "{}", fragment.len());
    assert_eq!(decode(&fragment).unwrap(), plan);
}

#[test]
fn valid_deflate_of_something_that_is_not_a_plan() {
    let cases: &[&[u8]] = &[
        b"hello, world",
        b"",
        b"\xff\xfe\x00binary",
        b"[1, 2, 3]",
        b"null",
        br#"{"n": "lab", "zz": 1}"#,
        br#"{"c": [{"n": "a", "q": true}]}"#,
        br#"{"s": [{"n": "seg", "u": -1}]}"#,
        br#"{"c": [{"v": 4294967296}]}"#,
        br#"{"n": "lab"} trailing"#,
    ];
    for bytes in cases {
        let result = decode(&craft(bytes));
        assert!(matches!(result, Err(LinkError::NotAPlan(_))), "{:?}: {result:?}", String::from_utf8_lossy(bytes));
        let message = result.unwrap_err().to_string();
        assert!(message.contains("not a plan"), "{message}");
    }
    // Unknown keys are named, so a link from a newer release says what it did not understand.
    let message = decode(&craft(br#"{"n": "lab", "zz": 1}"#)).unwrap_err().to_string();
    assert!(message.contains("zz"), "{message}");
    // The same crafting with known keys does decode (the helper is right).
    let plan = decode(&craft(br#"{"n": "lab", "c": [{"n": "a", "m": 3, "p": [["p", 2]]}]}"#)).unwrap();
    assert_eq!(plan.name, "lab");
    assert_eq!(plan.clusters[0].control_plane_nodes, 3);
    assert_eq!(plan.clusters[0].node_pools, [NodePool { name: "p".into(), nodes: 2 }]);
    assert_eq!(plan.region, "eastus");
}

#[test]
fn a_whole_url_decodes() {
    let fragment = encode(&pinned_plan());
    for url in [
        format!("https://host/path?q=1#{fragment}"),
        format!("  https://host:8443/a/b/index.html?q=1&r=%23#{fragment}\n"),
        format!("file:///C:/Users/me/netplan.html#{fragment}"),
    ] {
        assert_eq!(decode(&url).unwrap(), pinned_plan(), "{url}");
    }
    // share_url drops the page's own fragment and keeps the rest of the address.
    let url = share_url("https://host/path?q=1#stale", &pinned_plan());
    assert!(url.starts_with("https://host/path?q=1#2"), "{url}");
    assert!(!url.contains("stale"));
    assert_eq!(decode(&url).unwrap(), pinned_plan());
}
