//! Random plans for the property tests. The generator is parametrised by what goes into the
//! text fields, so the same shape serves the link round trip (any text at all), the sweep oracle
//! (addresses from a tiny space, so overlaps are frequent) and the hostile-input tests (garbage
//! mixed with address-like text).
#![allow(dead_code)]

use aksarc_netplan::model::{Cluster, Management, NodePool, Plan, PlatformId, Reserved, ResourceBridge, Segment, Waiver};
use proptest::prelude::*;
use proptest::sample::select;

/// What each kind of field of a random plan is drawn from.
#[derive(Clone, Debug)]
pub struct Gen {
    /// Names of objects, including the segment a cluster refers to.
    pub name: BoxedStrategy<String>,
    /// Free text: the plan's name, region and firewall entries.
    pub text: BoxedStrategy<String>,
    /// Address sets (DHCP scopes, reserved entries, LB pools, single addresses too).
    pub addr: BoxedStrategy<String>,
    /// Single-address fields (gateway, DNS, control plane IPs).
    pub single: BoxedStrategy<String>,
    pub subnet: BoxedStrategy<String>,
    pub count: BoxedStrategy<u32>,
    /// Largest number of segments, clusters, reserved entries.
    pub max_items: usize,
}

/// Any string at all: every `char` (NUL, controls, astral planes), or the printable subset.
pub fn any_text(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter),
        prop::string::string_regex(&format!(".{{0,{max}}}")).unwrap(),
        Just(String::new()),
    ]
    .boxed()
}

/// Counts over the whole u32 range, with the edges often.
pub fn any_count() -> BoxedStrategy<u32> {
    prop_oneof![Just(0u32), Just(1), Just(3), Just(u32::MAX), any::<u32>()].boxed()
}

/// One address of the small IPv4 space 10.0.0.0-10.0.0.63 (plus a few internal addresses).
pub fn small_v4() -> BoxedStrategy<String> {
    prop_oneof![
        8 => (0u8..64).prop_map(|a| format!("10.0.0.{a}")),
        1 => (0u8..8).prop_map(|a| format!("10.96.0.{a}")),
        1 => (0u8..8).prop_map(|a| format!("10.244.0.{a}")),
    ]
    .boxed()
}

/// One address of the small IPv6 space fd00::-fd00::3f.
pub fn small_v6() -> BoxedStrategy<String> {
    (0u8..64).prop_map(|a| format!("fd00::{a:x}")).boxed()
}

/// Address set text in a small space: singles, ranges (often touching or nested), aligned CIDRs,
/// IPv6 too, and now and then text that does not parse.
pub fn small_set() -> BoxedStrategy<String> {
    prop_oneof![
        3 => small_v4(),
        4 => (0u8..64, 0u8..12).prop_map(|(a, n)| format!("10.0.0.{a}-10.0.0.{}", (a as u16 + n as u16).min(63))),
        2 => (0u8..6).prop_flat_map(|bits| {
            let size = 1u16 << bits;
            (0..64 / size).prop_map(move |k| format!("10.0.0.{}/{}", k * size, 32 - bits as u16))
        }),
        2 => (0u8..64, 0u8..12).prop_map(|(a, n)| format!("fd00::{a:x} - fd00::{:x}", (a as u16 + n as u16).min(63))),
        1 => small_v6(),
        1 => (0u8..4).prop_map(|a| format!("10.96.0.{}-10.96.0.{}", a, a + 3)),
        1 => select(vec!["", "x", "10.0.0.9-10.0.0.1", "10.0.0.1/24", "10.0.0.1-fd00::1"]).prop_map(String::from),
    ]
    .boxed()
}

/// Single addresses in the small space, with a blank or garbage now and then.
pub fn small_single() -> BoxedStrategy<String> {
    prop_oneof![
        6 => small_v4(),
        3 => (0u8..6).prop_map(|a| format!("10.0.0.{a}")),
        2 => small_v6(),
        1 => select(vec!["", " ", "10.0.0.1-10.0.0.2", "nope"]).prop_map(String::from),
    ]
    .boxed()
}

/// Subnets that overlap each other often (nested and identical), in both families.
pub fn small_subnet() -> BoxedStrategy<String> {
    select(vec![
        "10.0.0.0/26",
        "10.0.0.0/27",
        "10.0.0.32/27",
        "10.0.0.0/28",
        "10.0.0.16/28",
        "10.0.0.48/30",
        "10.0.0.60/31",
        "10.0.0.0/24",
        "fd00::/122",
        "fd00::/124",
        "10.96.0.0/29",
        "",
        "10.0.0.1/26",
    ])
    .prop_map(String::from)
    .boxed()
}

/// The generator of the sweep oracle: names from a tiny set so clusters find their segments.
pub fn small_space() -> Gen {
    Gen {
        name: select(vec!["s0", "s1", "s2", "c0", "c1"]).prop_map(String::from).boxed(),
        text: select(vec!["", "lab", "westeurope"]).prop_map(String::from).boxed(),
        addr: small_set(),
        single: small_single(),
        subnet: small_subnet(),
        count: (0u32..6).boxed(),
        max_items: 4,
    }
}

/// Plans Suggest can often complete: clusters mostly name an existing segment and often leave
/// their control plane IP blank; segments overlap now and then, as in the small space.
pub fn suggestable() -> Gen {
    Gen {
        name: select(vec!["s0", "s1"]).prop_map(String::from).boxed(),
        single: prop_oneof![2 => Just(String::new()), 3 => small_single()].boxed(),
        subnet: prop_oneof![
            3 => select(vec!["10.0.0.0/26", "10.0.0.0/25", "10.0.0.32/27", "fd00::/120", "10.0.0.0/24"]).prop_map(String::from),
            1 => small_subnet(),
        ]
        .boxed(),
        max_items: 3,
        ..small_space()
    }
}

/// Text that looks a little like an address, or nothing like one.
pub fn address_like() -> BoxedStrategy<String> {
    prop_oneof![
        small_set(),
        prop::string::string_regex("[0-9a-f.:/ -]{0,24}").unwrap(),
        any_text(24),
        Just("255.255.255.255".to_string()),
        Just("0.0.0.0/0".to_string()),
        Just("::/0".to_string()),
        Just("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff".to_string()),
        Just("0.0.0.0-255.255.255.255".to_string()),
    ]
    .boxed()
}

/// The generator of the hostile-input tests: garbage or address-like text in every address field.
pub fn hostile() -> Gen {
    Gen {
        name: prop_oneof![4 => select(vec!["s0", "s1", "c0"]).prop_map(String::from), 1 => any_text(8)].boxed(),
        text: any_text(8),
        addr: address_like(),
        single: address_like(),
        subnet: prop_oneof![small_subnet(), address_like()].boxed(),
        count: prop_oneof![4 => 0u32..8, 1 => any_count()].boxed(),
        max_items: 4,
    }
}

/// The generator of the link round trip: anything in every field.
pub fn anything() -> Gen {
    Gen {
        name: any_text(10),
        text: any_text(10),
        addr: any_text(12),
        single: any_text(12),
        subnet: any_text(12),
        count: any_count(),
        max_items: 3,
    }
}

pub fn segment(g: &Gen) -> impl Strategy<Value = Segment> {
    (
        g.name.clone(),
        g.subnet.clone(),
        prop::option::of(g.single.clone()),
        prop::collection::vec(g.single.clone(), 0..3),
        prop::collection::vec(g.addr.clone(), 0..3),
        g.count.clone(),
        // Azure Local's fields, now and then on a VMware plan too (kept, and not-applicable).
        prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(g.addr.clone(), 1..3)],
        prop_oneof![3 => Just(0u32), 1 => g.count.clone()],
        prop::option::of(g.text.clone()),
        prop_oneof![19 => Just(false), 1 => Just(true)],
    )
        .prop_map(|(name, subnet, gateway, dns, dhcp, dhcp_in_use, ip_pools, vlan, fabric_network, existing)| Segment {
            name,
            subnet,
            gateway,
            dns,
            dhcp,
            dhcp_in_use,
            ip_pools,
            vlan,
            fabric_network,
            existing,
        })
}

pub fn cluster(g: &Gen) -> impl Strategy<Value = Cluster> {
    (
        g.name.clone(),
        g.name.clone(),
        prop::option::of(g.single.clone()),
        prop_oneof![4 => Just(1u32), 1 => Just(3), 1 => g.count.clone()],
        prop::collection::vec((g.name.clone(), g.count.clone()), 0..3),
        g.count.clone(),
        prop::collection::vec(g.addr.clone(), 0..4),
        prop::option::of(g.single.clone()),
        prop_oneof![19 => Just(false), 1 => Just(true)],
        prop_oneof![4 => Just(Vec::new()), 1 => prop::collection::vec(g.addr.clone(), 1..2)],
    )
        .prop_map(|(name, segment, control_plane_ip, control_plane_nodes, pools, services, lb_pools, host_ip, existing, lb_pools_existing)| Cluster {
            name,
            segment,
            control_plane_ip,
            control_plane_nodes,
            node_pools: pools.into_iter().map(|(name, nodes)| NodePool { name, nodes }).collect(),
            services,
            lb_pools,
            host_ip,
            existing,
            lb_pools_existing,
        })
}

pub fn plan(g: &Gen) -> impl Strategy<Value = Plan> {
    let n = g.max_items + 1;
    (
        g.text.clone(),
        any::<bool>(),
        prop::collection::vec(segment(g), 0..n),
        prop::collection::vec((g.name.clone(), g.addr.clone()), 0..n),
        prop::collection::vec(cluster(g), 0..n),
        prop::option::of((g.single.clone(), g.addr.clone())),
        prop_oneof![Just("eastus".to_string()), g.text.clone()],
        prop::collection::vec(g.text.clone(), 0..3),
        prop::sample::select(PlatformId::ALL.to_vec()),
        prop::option::of((g.subnet.clone(), g.addr.clone(), g.count.clone())),
        // Waivers naming real findings of the generated plans, and any text.
        prop::collection::vec((
            prop_oneof![Just("lb-overlap".to_string()), Just("invalid-address".to_string()), g.text.clone()],
            prop_oneof![Just("clusters[0].lb_pools[0]".to_string()), Just("segments[0].subnet".to_string()), g.text.clone()],
            g.text.clone(),
        ), 0..3),
    )
        .prop_map(|(name, proxy, segments, reserved, clusters, bridge, region, firewall_confirmed, platform, management, waivers)| Plan {
            schema: 1,
            platform,
            name,
            proxy,
            segments,
            reserved: reserved.into_iter().map(|(name, addresses)| Reserved { name, addresses }).collect(),
            clusters,
            resource_bridge: bridge
                .map(|(control_plane_ip, appliance_vm_ips)| ResourceBridge { control_plane_ip, appliance_vm_ips }),
            region,
            firewall_confirmed,
            management: management.map(|(subnet, infra_pool, vlan)| Management { subnet, infra_pool, vlan }),
            waivers: waivers.into_iter().map(|(rule, field, reason)| Waiver { rule, field, reason }).collect(),
        })
}
