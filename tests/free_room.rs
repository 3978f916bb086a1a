#![cfg(not(target_arch = "wasm32"))]
//! Free static room and Suggest against a brute-force oracle, in subnets so small (/28 to /32)
//! that every address can be counted one by one: claims sit on the first and last usable
//! addresses, the room runs out, segments overlap; on every platform, each as the SPEC says what
//! takes an address there (§1 and §4 VMware, §12 Azure Local, §13 multi-rack, §14 bare metal).
//! The oracle works on numbers and a table of taken addresses; it never parses text and never
//! calls the engine's interval code.

use aksarc_netplan::check::evaluate;
use aksarc_netplan::model::{Cluster, NodePool, Plan, PlatformId, Reserved, ResourceBridge, Segment};
use aksarc_netplan::suggest::suggest;
use proptest::prelude::*;

/// Every address of these plans lies in 10.0.0.0-10.0.0.31; an address is its last octet.
const SPACE: u32 = 32;

fn ip(o: u32) -> String {
    format!("10.0.0.{o}")
}

fn range_text((a, b): (u32, u32)) -> String {
    if a == b {
        ip(a)
    } else {
        format!("10.0.0.{a}-10.0.0.{b}")
    }
}

#[derive(Clone, Debug)]
struct TinySegment {
    base: u32,
    prefix: u32,
    gateway: Option<u32>,
    dns: Vec<u32>,
    dhcp: Vec<(u32, u32)>,
    ip_pools: Vec<(u32, u32)>,
}

impl TinySegment {
    fn size(&self) -> u32 {
        1 << (32 - self.prefix)
    }

    /// What a host may take: the block without its network and broadcast address, except in a
    /// /31 or /32, which have neither.
    fn usable(&self) -> std::ops::RangeInclusive<u32> {
        let last = self.base + self.size() - 1;
        if self.prefix <= 30 {
            self.base + 1..=last - 1
        } else {
            self.base..=last
        }
    }
}

#[derive(Clone, Debug)]
struct TinyCluster {
    /// Index of the segment it names; None names a segment that does not exist.
    segment: Option<usize>,
    control_plane_ip: Option<u32>,
    lb_pools: Vec<(u32, u32)>,
    services: u32,
    /// Bare metal: the machine's address.
    host: Option<u32>,
}

/// What takes an address on a platform, and what Suggest fills there, from the SPEC.
struct Rules {
    dhcp: bool,
    ip_pools: bool,
    bridge: bool,
    /// A typed control plane IP takes its address (not where the platform assigns it, §13).
    typed_cp: bool,
    /// Suggest fills a blank control plane IP (VMware only: elsewhere blank is automatic).
    suggest_cp: bool,
    load_balancers: bool,
    hosts: bool,
    /// The pool addresses per cluster beyond its node VMs and upgrade node: the control plane
    /// IP, always (multi-rack) or when it is blank (Azure Local).
    cp_from_pool_always: bool,
    /// Without a pool, the pool is the prefix's free room (multi-rack).
    pool_optional: bool,
}

fn rules_of(platform: PlatformId) -> Rules {
    let off = Rules { dhcp: false, ip_pools: false, bridge: false, typed_cp: true, suggest_cp: false, load_balancers: true, hosts: false,
        cp_from_pool_always: false, pool_optional: false };
    match platform {
        PlatformId::Vmware => Rules { dhcp: true, bridge: true, suggest_cp: true, ..off },
        PlatformId::AzureLocal => Rules { ip_pools: true, ..off },
        PlatformId::AzureLocalMultiRack => Rules { ip_pools: true, typed_cp: false, cp_from_pool_always: true, pool_optional: true, ..off },
        PlatformId::AksBareMetal => Rules { dhcp: true, load_balancers: false, hosts: true, ..off },
    }
}

#[derive(Clone, Debug)]
struct Tiny {
    platform: PlatformId,
    segments: Vec<TinySegment>,
    reserved: Vec<(u32, u32)>,
    bridge: Option<(u32, (u32, u32))>,
    clusters: Vec<TinyCluster>,
}

impl Tiny {
    fn plan(&self) -> Plan {
        Plan {
            segments: self
                .segments
                .iter()
                .enumerate()
                .map(|(i, s)| Segment {
                    name: format!("s{i}"),
                    subnet: format!("10.0.0.{}/{}", s.base, s.prefix),
                    gateway: s.gateway.map(ip),
                    dns: s.dns.iter().copied().map(ip).collect(),
                    dhcp: s.dhcp.iter().copied().map(range_text).collect(),
                    ip_pools: s.ip_pools.iter().copied().map(range_text).collect(),
                    ..Segment::default()
                })
                .collect(),
            reserved: self
                .reserved
                .iter()
                .enumerate()
                .map(|(i, r)| Reserved { name: format!("r{i}"), addresses: range_text(*r) })
                .collect(),
            resource_bridge: self
                .bridge
                .map(|(cp, vms)| ResourceBridge { control_plane_ip: ip(cp), appliance_vm_ips: range_text(vms) }),
            clusters: self
                .clusters
                .iter()
                .enumerate()
                .map(|(i, c)| Cluster {
                    name: format!("c{i}"),
                    segment: c.segment.map_or("nowhere".to_string(), |s| format!("s{s}")),
                    control_plane_ip: c.control_plane_ip.map(ip),
                    node_pools: vec![NodePool { name: "p".into(), nodes: 1 }],
                    services: c.services,
                    lb_pools: c.lb_pools.iter().copied().map(range_text).collect(),
                    host_ip: c.host.map(ip),
                    ..Cluster::default()
                })
                .collect(),
            platform: self.platform,
            ..Plan::default()
        }
    }

    /// Every address anything of the plan uses (subnets themselves are not uses).
    fn taken(&self) -> Vec<bool> {
        let r = rules_of(self.platform);
        let mut taken = vec![false; SPACE as usize];
        let mut mark = |(a, b): (u32, u32)| (a..=b).for_each(|o| taken[o as usize] = true);
        for s in &self.segments {
            s.gateway.into_iter().chain(s.dns.iter().copied()).for_each(|o| mark((o, o)));
            if r.dhcp {
                s.dhcp.iter().copied().for_each(&mut mark);
            }
            if r.ip_pools {
                s.ip_pools.iter().copied().for_each(&mut mark);
            }
        }
        self.reserved.iter().copied().for_each(&mut mark);
        if let Some((cp, vms)) = self.bridge.filter(|_| r.bridge) {
            mark((cp, cp));
            mark(vms);
        }
        for c in &self.clusters {
            c.control_plane_ip.filter(|_| r.typed_cp).into_iter().for_each(|o| mark((o, o)));
            if r.load_balancers {
                c.lb_pools.iter().copied().for_each(&mut mark);
            }
            c.host.filter(|_| r.hosts).into_iter().for_each(|o| mark((o, o)));
        }
        taken
    }

    /// The pool addresses the clusters on segment `s` take (§12.2, §13): each cluster one
    /// control plane node, one worker and an upgrade node, and its control plane IP where it
    /// comes from the pool.
    fn pool_needed(&self, s: usize) -> u32 {
        let r = rules_of(self.platform);
        self.clusters
            .iter()
            .filter(|c| c.segment == Some(s))
            .map(|c| 3 + u32::from(r.cp_from_pool_always || c.control_plane_ip.is_none()))
            .sum()
    }
}

fn free_count(seg: &TinySegment, taken: &[bool]) -> u128 {
    seg.usable().filter(|&o| !taken[o as usize]).count() as u128
}

/// The lowest `n` consecutive free usable addresses of the segment.
fn first_run(seg: &TinySegment, taken: &[bool], n: u32) -> Option<(u32, u32)> {
    let usable = seg.usable();
    let (lo, hi) = (*usable.start(), *usable.end());
    (lo..=hi).find(|&start| start + n - 1 <= hi && (start..start + n).all(|o| !taken[o as usize])).map(|s| (s, s + n - 1))
}

/// The longest run of consecutive free usable addresses of the segment.
fn longest_run(seg: &TinySegment, taken: &[bool]) -> u32 {
    let (mut best, mut run) = (0, 0);
    for o in seg.usable() {
        run = if taken[o as usize] { 0 } else { run + 1 };
        best = best.max(run);
    }
    best
}

/// What Suggest must do, worked out address by address: (filled fields and values, unfilled
/// fields with the end of their reason, the taken table afterwards).
fn oracle_suggest(tiny: &Tiny) -> (Vec<(String, String)>, Vec<String>, Vec<bool>) {
    let r = rules_of(tiny.platform);
    let mut taken = tiny.taken();
    let (mut filled, mut unfilled) = (Vec::new(), Vec::new());
    // §12.4: a pool for each network in use without one, what it needs and a quarter more.
    if r.ip_pools {
        for (s, seg) in tiny.segments.iter().enumerate() {
            let needed = tiny.pool_needed(s);
            if !seg.ip_pools.is_empty() || needed == 0 {
                continue;
            }
            match first_run(seg, &taken, needed + needed.div_ceil(4)) {
                Some((a, b)) => {
                    (a..=b).for_each(|o| taken[o as usize] = true);
                    filled.push((format!("segments[{s}].ip_pools[0]"), range_text((a, b))));
                }
                None => unfilled.push(format!("segments[{s}].ip_pools: ... the longest free run of its prefix is {}", longest_run(seg, &taken))),
            }
        }
    }
    for (c, cluster) in tiny.clusters.iter().enumerate() {
        if !r.load_balancers && !r.suggest_cp {
            continue;
        }
        let mut held = vec![false; SPACE as usize];
        for &(a, b) in &cluster.lb_pools {
            (a..=b).for_each(|o| held[o as usize] = true);
        }
        let held = held.iter().filter(|h| **h).count() as u32;
        let cp_missing = r.suggest_cp && cluster.control_plane_ip.is_none();
        let lb_missing = if r.load_balancers { cluster.services.saturating_sub(held) } else { 0 };
        let Some(s) = cluster.segment else {
            if cp_missing {
                unfilled.push(format!("clusters[{c}].control_plane_ip"));
            }
            if lb_missing > 0 {
                unfilled.push(format!("clusters[{c}].lb_pools"));
            }
            continue;
        };
        let seg = &tiny.segments[s];
        if cp_missing {
            match first_run(seg, &taken, 1) {
                Some((a, _)) => {
                    taken[a as usize] = true;
                    filled.push((format!("clusters[{c}].control_plane_ip"), ip(a)));
                }
                None => unfilled.push(format!("clusters[{c}].control_plane_ip")),
            }
        }
        if lb_missing > 0 {
            match first_run(seg, &taken, lb_missing) {
                Some((a, b)) => {
                    (a..=b).for_each(|o| taken[o as usize] = true);
                    filled.push((format!("clusters[{c}].lb_pools[{}]", cluster.lb_pools.len()), range_text((a, b))));
                }
                None => unfilled.push(format!(
                    "clusters[{c}].lb_pools: ... the longest free run on segment \"s{s}\" is {}",
                    longest_run(seg, &taken)
                )),
            }
        }
    }
    (filled, unfilled, taken)
}

fn check(tiny: &Tiny) {
    let plan = tiny.plan();
    let report = evaluate(&plan);
    let taken = tiny.taken();
    let r = rules_of(tiny.platform);
    for (s, seg) in tiny.segments.iter().enumerate() {
        let got = &report.requirements.segments[s];
        assert_eq!(got.static_free, free_count(seg, &taken), "static_free of s{s} in {plan:#?}");
        if r.ip_pools {
            // The pools' distinct addresses; without one on multi-rack, the prefix's free room.
            let mut in_pool = vec![false; SPACE as usize];
            seg.ip_pools.iter().for_each(|&(a, b)| (a..=b).for_each(|o| in_pool[o as usize] = true));
            let size = if seg.ip_pools.is_empty() && r.pool_optional { free_count(seg, &taken) } else { in_pool.iter().filter(|x| **x).count() as u128 };
            assert_eq!(got.ip_pool_size, size, "ip_pool_size of s{s} in {plan:#?}");
            assert_eq!(got.ip_pool_needed, tiny.pool_needed(s) as u64, "ip_pool_needed of s{s} in {plan:#?}");
        }
    }

    let suggestion = suggest(&plan);
    let (filled, unfilled, after) = oracle_suggest(tiny);
    let got: Vec<(String, String)> = suggestion.filled.iter().map(|f| (f.field.clone(), f.value.clone())).collect();
    assert_eq!(got, filled, "filled, for {plan:#?}");
    // Unfilled load balancer ranges say how long the longest free run is.
    let got: Vec<String> = suggestion
        .unfilled
        .iter()
        .map(|u| match u.reason.rsplit_once(" the longest free run") {
            Some((_, tail)) => format!("{}: ... the longest free run{tail}", u.field),
            None => u.field.clone(),
        })
        .collect();
    assert_eq!(got, unfilled, "unfilled, for {plan:#?}");
    // What is left after Suggest is what the oracle left.
    let report = evaluate(&suggestion.plan);
    for (s, seg) in tiny.segments.iter().enumerate() {
        assert_eq!(report.requirements.segments[s].static_free, free_count(seg, &after), "static_free of s{s} after Suggest");
    }
}

// ---- worked cases ---------------------------------------------------------------------------------

fn seg(base: u32, prefix: u32, dhcp: &[(u32, u32)]) -> TinySegment {
    TinySegment { base, prefix, gateway: None, dns: Vec::new(), dhcp: dhcp.to_vec(), ip_pools: Vec::new() }
}

fn cluster(segment: usize, services: u32) -> TinyCluster {
    TinyCluster { segment: Some(segment), control_plane_ip: None, lb_pools: Vec::new(), services, host: None }
}

#[test]
fn a_reserved_last_usable_address_is_never_handed_out() {
    // A /29: .1-.6 usable; DHCP .1-.4 and a reserved .6 leave .5 alone.
    let tiny = Tiny { platform: PlatformId::Vmware, segments: vec![seg(0, 29, &[(1, 4)])], reserved: vec![(6, 6)], bridge: None, clusters: vec![cluster(0, 1)] };
    check(&tiny);
    let s = suggest(&tiny.plan());
    assert_eq!(s.plan.clusters[0].control_plane_ip.as_deref(), Some("10.0.0.5"));
    assert_eq!(s.unfilled.len(), 1, "no room is left for the load balancer address");
    assert_eq!(evaluate(&tiny.plan()).requirements.segments[0].static_free, 1);
}

#[test]
fn claims_on_the_first_and_last_usable_addresses() {
    // A /28: .1-.14 usable; gateway .1 and DNS .14 are the edges of the room.
    let mut s = seg(0, 28, &[(5, 9)]);
    s.gateway = Some(1);
    s.dns = vec![14];
    let tiny = Tiny { platform: PlatformId::Vmware, segments: vec![s], reserved: Vec::new(), bridge: None, clusters: vec![cluster(0, 4), cluster(0, 2)] };
    check(&tiny);
    // Free: .2-.4 and .10-.13. c0 takes .2 and .10-.13 (the first run of four); c1 gets .3 and .4.
    let out = suggest(&tiny.plan()).plan;
    assert_eq!(out.clusters[0].control_plane_ip.as_deref(), Some("10.0.0.2"));
    assert_eq!(out.clusters[0].lb_pools, ["10.0.0.10-10.0.0.13"]);
    assert_eq!(out.clusters[1].control_plane_ip.as_deref(), Some("10.0.0.3"));
    assert!(out.clusters[1].lb_pools.is_empty(), "one free address (.4) cannot hold two");
}

#[test]
fn a_slash_30_has_two_usable_addresses_and_a_slash_31_two_as_well() {
    let tiny = Tiny {
        platform: PlatformId::Vmware,
        segments: vec![seg(0, 30, &[]), seg(4, 31, &[]), seg(6, 32, &[])],
        reserved: Vec::new(),
        bridge: None,
        clusters: vec![cluster(0, 1), cluster(1, 2), cluster(2, 0), cluster(2, 0)],
    };
    check(&tiny);
    let r = evaluate(&tiny.plan());
    let free: Vec<u128> = r.requirements.segments.iter().map(|s| s.static_free).collect();
    assert_eq!(free, [2, 2, 1]);
}

// ---- random tiny plans ------------------------------------------------------------------------

fn offset() -> impl Strategy<Value = u32> {
    0..SPACE
}

fn span() -> impl Strategy<Value = (u32, u32)> {
    (0..SPACE, 0u32..6).prop_map(|(a, n)| (a, (a + n).min(SPACE - 1)))
}

fn segment() -> impl Strategy<Value = TinySegment> {
    let block = prop_oneof![4 => 28u32..=30, 1 => 31u32..=32].prop_flat_map(|prefix| {
        let size = 1u32 << (32 - prefix);
        (0..SPACE / size).prop_map(move |k| (k * size, prefix))
    });
    (block, prop::option::of(offset()), prop::collection::vec(offset(), 0..3), prop::collection::vec(span(), 0..3),
        prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(span(), 1..3)])
        .prop_map(|((base, prefix), gateway, dns, dhcp, ip_pools)| TinySegment { base, prefix, gateway, dns, dhcp, ip_pools })
}

fn tiny() -> impl Strategy<Value = Tiny> {
    prop::collection::vec(segment(), 1..3).prop_flat_map(|segments| {
        let n = segments.len();
        let cluster = (
            prop_oneof![6 => (0..n).prop_map(Some), 1 => Just(None)],
            prop_oneof![2 => Just(None), 1 => offset().prop_map(Some)],
            prop::collection::vec(span(), 0..2),
            0u32..7,
            prop::option::of(offset()),
        )
            .prop_map(|(segment, control_plane_ip, lb_pools, services, host)| TinyCluster { segment, control_plane_ip, lb_pools, services, host });
        (
            prop::sample::select(PlatformId::ALL.to_vec()),
            Just(segments),
            prop::collection::vec(span(), 0..3),
            prop::option::of((offset(), offset().prop_map(|a| (a, (a + 1).min(SPACE - 1))))),
            prop::collection::vec(cluster, 0..5),
        )
            .prop_map(|(platform, segments, reserved, bridge, clusters)| Tiny { platform, segments, reserved, bridge, clusters })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn free_room_and_suggest_match_the_address_by_address_oracle(tiny in tiny()) {
        check(&tiny);
    }
}
