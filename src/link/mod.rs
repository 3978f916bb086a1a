//! Share links: the whole plan in the URL fragment, so a static host never receives it.
//!
//! Format 2 (written since links could be damaged silently): `#2` + base64url (no padding) of the
//! raw-deflated JSON of [`LinkPlan`], the link's own compact form of the plan (short keys,
//! defaults left out), followed by the CRC-32 of those deflated bytes (4 bytes, big-endian).
//! A changed base64 character alters at most 6 bits in a row, and CRC-32 catches every burst of
//! up to 32 bits, so a link with one character changed is always refused; a cut link fails the
//! check or does not unpack. Format 1 is the same without the CRC; such links still open as
//! they always did. The link type is separate from [`Plan`] on purpose: the plan may grow
//! fields, while a link made today must keep opening in every later release (tests pin some).
//!
//! Decoding is bounded: the fragment's length, the inflated size (1 MiB) and the JSON's shape
//! are all checked, and every failure is a [`LinkError`] with a message for the user.


mod ticks;
pub use ticks::TICK_KEYS;

use std::fmt;

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};

use crate::model::{Cluster, Management, NodePool, Plan, PlatformId, Reserved, ResourceBridge, Segment, Waiver, DEFAULT_REGION, SCHEMA};

/// The version character of links this release writes.
pub const VERSION: char = '2';
/// Links of the first format, without a checksum: still read.
pub const VERSION_1: char = '1';
/// Largest plan a link may expand to.
pub const MAX_DECODED: usize = 1024 * 1024;
/// Longest fragment we try to decode: deflate cannot reach 1 MiB from less than ~1/1000 of it,
/// and nothing useful is longer than this.
pub const MAX_FRAGMENT: usize = 2 * 1024 * 1024;
/// Browsers and chat tools handle links up to about this length reliably.
pub const COMFORTABLE_LENGTH: usize = 2000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    TooLong(usize),
    UnknownVersion(char),
    NotBase64,
    Corrupt,
    Checksum,
    TooLarge,
    NotAPlan(String),
    /// The page's first module does not carry the table of ticks; its second module reads a
    /// link that ticks rows by their index (`web::tools::decode_link`).
    TicksByIndex,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the link holds no plan (nothing after #)"),
            LinkError::TooLong(n) => write!(f, "the link is {n} characters long; links over {MAX_FRAGMENT} are refused"),
            LinkError::UnknownVersion(v) => write!(
                f,
                "the link is of format \"{v}\", which this release does not know (it reads \"{VERSION_1}\" and \"{VERSION}\"); it may come from a newer release, or its first character was changed"
            ),
            LinkError::NotBase64 => write!(f, "the link is damaged: it contains characters a share link never has; copy the whole link again"),
            LinkError::Corrupt => write!(f, "the link is damaged or cut short: its data does not unpack; ask for the link again, or for the plan's JSON file"),
            LinkError::Checksum => write!(f, "the link is damaged or cut short: its checksum does not match, so a character was changed or lost on the way; ask for the link again"),
            LinkError::TooLarge => write!(f, "the link unpacks to more than 1 MiB, more than any plan needs; it was not opened"),
            LinkError::NotAPlan(e) => write!(f, "the link is damaged: its data is not a plan ({e})"),
            LinkError::TicksByIndex => write!(f, "the link's firewall ticks are read by the page's second part, which did not load"),
        }
    }
}

impl std::error::Error for LinkError {}


/// A ticked checklist row in a link: its index in [`TICK_KEYS`], or its key in full.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Tick {
    Index(u16),
    Key(String),
}

/// Read by hand rather than derived: serde's untagged enums buffer every value first, and that
/// machinery weighed more in the page than the rest of the link's reader.
impl<'de> Deserialize<'de> for Tick {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Tick, D::Error> {
        struct Either;
        impl serde::de::Visitor<'_> for Either {
            type Value = Tick;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a checklist row's index (0 to 65535) or its key")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Tick, E> {
                u16::try_from(n).map(Tick::Index).map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
            }
            // The browser's parser hands every number over as signed.
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Tick, E> {
                u16::try_from(n).map(Tick::Index).map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(n), &self))
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Tick, E> {
                Ok(Tick::Key(key.to_string()))
            }
        }
        d.deserialize_any(Either)
    }
}

impl Tick {
    fn of(key: &str) -> Tick {
        match TICK_KEYS.iter().position(|k| *k == key) {
            Some(i) => Tick::Index(i as u16),
            None => Tick::Key(key.to_string()),
        }
    }

    fn key(self) -> Result<String, LinkError> {
        match self {
            Tick::Key(key) => Ok(key),
            // The table of ticks stays out of the page's first module (it weighs 2 KB there).
            #[cfg(all(target_arch = "wasm32", not(feature = "page-tools")))]
            Tick::Index(_) => Err(LinkError::TicksByIndex),
            #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
            Tick::Index(i) => TICK_KEYS
                .get(i as usize)
                .map(|k| k.to_string())
                .ok_or_else(|| LinkError::NotAPlan(format!("checklist row {i} is not known to this release"))),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero(n: &u32) -> bool {
    *n == 0
}
fn is_one(n: &u32) -> bool {
    *n == 1
}
fn one() -> u32 {
    1
}

/// The plan as links carry it (version 1). Never change the meaning of a key; add keys instead.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LinkPlan {
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(rename = "x", default, skip_serializing_if = "is_false")]
    proxy: bool,
    #[serde(rename = "s", default, skip_serializing_if = "Vec::is_empty")]
    segments: Vec<LinkSegment>,
    /// `[name, addresses]`
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    reserved: Vec<(String, String)>,
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    clusters: Vec<LinkCluster>,
    /// `[control plane IP, appliance VM IPs]`
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    bridge: Option<(String, String)>,
    /// Absent means the default region.
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    confirmed: Vec<Tick>,
    /// Absent means VMware, as in every link made before platforms.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    platform: Option<PlatformId>,
    /// `[subnet, infrastructure pool, VLAN]`
    #[serde(rename = "m", default, skip_serializing_if = "Option::is_none")]
    management: Option<(String, String, u32)>,
    /// `[rule, field, reason]`
    #[serde(rename = "w", default, skip_serializing_if = "Vec::is_empty")]
    waivers: Vec<(String, String, String)>,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkSegment {
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(rename = "s", default, skip_serializing_if = "String::is_empty")]
    subnet: String,
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    gateway: Option<String>,
    #[serde(rename = "d", default, skip_serializing_if = "Vec::is_empty")]
    dns: Vec<String>,
    #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
    dhcp: Vec<String>,
    #[serde(rename = "u", default, skip_serializing_if = "is_zero")]
    in_use: u32,
    #[serde(rename = "i", default, skip_serializing_if = "Vec::is_empty")]
    ip_pools: Vec<String>,
    #[serde(rename = "v", default, skip_serializing_if = "is_zero")]
    vlan: u32,
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    fabric_network: Option<String>,
    #[serde(rename = "e", default, skip_serializing_if = "is_false")]
    existing: bool,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkCluster {
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(rename = "s", default, skip_serializing_if = "String::is_empty")]
    segment: String,
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    control_plane_ip: Option<String>,
    #[serde(rename = "m", default = "one", skip_serializing_if = "is_one")]
    control_plane_nodes: u32,
    /// `[name, nodes]`
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    pools: Vec<(String, u32)>,
    #[serde(rename = "v", default, skip_serializing_if = "is_zero")]
    services: u32,
    #[serde(rename = "l", default, skip_serializing_if = "Vec::is_empty")]
    lb_pools: Vec<String>,
    #[serde(rename = "h", default, skip_serializing_if = "Option::is_none")]
    host_ip: Option<String>,
    #[serde(rename = "e", default, skip_serializing_if = "is_false")]
    existing: bool,
    #[serde(rename = "y", default, skip_serializing_if = "Vec::is_empty")]
    lb_existing: Vec<String>,
}

impl From<&Plan> for LinkPlan {
    fn from(p: &Plan) -> LinkPlan {
        LinkPlan {
            name: p.name.clone(),
            proxy: p.proxy,
            segments: p
                .segments
                .iter()
                .map(|s| LinkSegment {
                    name: s.name.clone(),
                    subnet: s.subnet.clone(),
                    gateway: s.gateway.clone(),
                    dns: s.dns.clone(),
                    dhcp: s.dhcp.clone(),
                    in_use: s.dhcp_in_use,
                    ip_pools: s.ip_pools.clone(),
                    vlan: s.vlan,
                    fabric_network: s.fabric_network.clone(),
                    existing: s.existing,
                })
                .collect(),
            reserved: p.reserved.iter().map(|r| (r.name.clone(), r.addresses.clone())).collect(),
            clusters: p
                .clusters
                .iter()
                .map(|c| LinkCluster {
                    name: c.name.clone(),
                    segment: c.segment.clone(),
                    control_plane_ip: c.control_plane_ip.clone(),
                    control_plane_nodes: c.control_plane_nodes,
                    pools: c.node_pools.iter().map(|n| (n.name.clone(), n.nodes)).collect(),
                    services: c.services,
                    lb_pools: c.lb_pools.clone(),
                    host_ip: c.host_ip.clone(),
                    existing: c.existing,
                    lb_existing: c.lb_pools_existing.clone(),
                })
                .collect(),
            bridge: p.resource_bridge.as_ref().map(|b| (b.control_plane_ip.clone(), b.appliance_vm_ips.clone())),
            region: (p.region != DEFAULT_REGION).then(|| p.region.clone()),
            confirmed: p.firewall_confirmed.iter().map(|k| Tick::of(k)).collect(),
            platform: (p.platform != PlatformId::default()).then_some(p.platform),
            management: p.management.as_ref().map(|m| (m.subnet.clone(), m.infra_pool.clone(), m.vlan)),
            waivers: p.waivers.iter().map(|w| (w.rule.clone(), w.field.clone(), w.reason.clone())).collect(),
        }
    }
}

impl TryFrom<LinkPlan> for Plan {
    type Error = LinkError;

    fn try_from(l: LinkPlan) -> Result<Plan, LinkError> {
        let firewall_confirmed = l.confirmed.into_iter().map(Tick::key).collect::<Result<Vec<_>, _>>()?;
        Ok(Plan {
            schema: SCHEMA,
            name: l.name,
            proxy: l.proxy,
            segments: l
                .segments
                .into_iter()
                .map(|s| Segment {
                    name: s.name,
                    subnet: s.subnet,
                    gateway: s.gateway,
                    dns: s.dns,
                    dhcp: s.dhcp,
                    dhcp_in_use: s.in_use,
                    ip_pools: s.ip_pools,
                    vlan: s.vlan,
                    fabric_network: s.fabric_network,
                    existing: s.existing,
                })
                .collect(),
            reserved: l.reserved.into_iter().map(|(name, addresses)| Reserved { name, addresses }).collect(),
            clusters: l
                .clusters
                .into_iter()
                .map(|c| Cluster {
                    name: c.name,
                    segment: c.segment,
                    control_plane_ip: c.control_plane_ip,
                    control_plane_nodes: c.control_plane_nodes,
                    node_pools: c.pools.into_iter().map(|(name, nodes)| NodePool { name, nodes }).collect(),
                    services: c.services,
                    lb_pools: c.lb_pools,
                    host_ip: c.host_ip,
                    existing: c.existing,
                    lb_pools_existing: c.lb_existing,
                })
                .collect(),
            resource_bridge: l
                .bridge
                .map(|(control_plane_ip, appliance_vm_ips)| ResourceBridge { control_plane_ip, appliance_vm_ips }),
            region: l.region.unwrap_or_else(|| DEFAULT_REGION.to_string()),
            firewall_confirmed,
            platform: l.platform.unwrap_or_default(),
            management: l.management.map(|(subnet, infra_pool, vlan)| Management { subnet, infra_pool, vlan }),
            waivers: l.waivers.into_iter().map(|(rule, field, reason)| Waiver { rule, field, reason }).collect(),
        })
    }
}

/// CRC-32 (the one of zlib, PNG and Ethernet), computed bit by bit: a table of its own would be
/// 1 KB of random bytes in the page, which gzip cannot shrink, to speed up a few kilobytes.
const CRC32: crc::Crc<u32, crc::NoTable> = crc::Crc::<u32, crc::NoTable>::new(&crc::CRC_32_ISO_HDLC);

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// The fragment (without `#`) that carries the plan.
///
/// ```
/// use aksarc_netplan::{link, model::Plan};
/// let plan = Plan::example();
/// let fragment = link::encode(&plan);
/// assert!(fragment.starts_with('2'));
/// assert_eq!(link::decode(&fragment).unwrap(), plan);
/// ```
pub fn encode(plan: &Plan) -> String {
    // Serialising owned strings and numbers cannot fail.
    let json = serde_json::to_vec(&LinkPlan::from(plan)).expect("a link plan always serialises");
    let mut packed = miniz_oxide::deflate::compress_to_vec(&json, 10);
    let crc = CRC32.checksum(&packed);
    packed.extend_from_slice(&crc.to_be_bytes());
    let mut out = String::with_capacity(1 + packed.len() * 4 / 3 + 4);
    out.push(VERSION);
    URL_SAFE_NO_PAD.encode_string(packed, &mut out);
    out
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// A whole share link: `base` (the page's address; its own fragment is dropped) + `#` + fragment.
pub fn share_url(base: &str, plan: &Plan) -> String {
    let base = base.split('#').next().unwrap_or("");
    format!("{base}#{}", encode(plan))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// Reads a plan from a whole link, a fragment with `#`, or a fragment without it.
pub fn decode(link: &str) -> Result<Plan, LinkError> {
    from_json(&inflate(&unpack(link)?)?)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// The plan in a link's unpacked JSON.
pub fn from_json(json: &[u8]) -> Result<Plan, LinkError> {
    finish_with(json, |json| serde_json::from_str(json).map_err(|e| e.to_string()))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// The packed plan a link carries: its fragment's base64 read and, for links with a checksum,
/// checked. [`inflate`] (or the browser's own inflater, on the page) unpacks it.
pub fn unpack(link: &str) -> Result<Vec<u8>, LinkError> {
    unpack_with(link, |payload| URL_SAFE_NO_PAD.decode(payload).ok())
}

/// [`unpack`], the fragment's base64url read by `base64` (the page's first module has the
/// browser read it, and carries no base64 decoder of its own).
pub fn unpack_with(link: &str, base64: impl FnOnce(&str) -> Option<Vec<u8>>) -> Result<Vec<u8>, LinkError> {
    let text = link.trim();
    let fragment = match text.split_once('#') {
        Some((_, f)) => f,
        // A page address whose fragment was lost holds no plan; without this it would be read
        // as a fragment of format "h" and blamed on a newer release.
        None if text.contains("://") => return Err(LinkError::Empty),
        None => text,
    };
    if fragment.len() > MAX_FRAGMENT {
        return Err(LinkError::TooLong(fragment.len()));
    }
    let mut chars = fragment.chars();
    let version = chars.next().ok_or(LinkError::Empty)?;
    if version != VERSION && version != VERSION_1 {
        return Err(LinkError::UnknownVersion(version));
    }
    let payload = chars.as_str();
    if payload.is_empty() {
        return Err(LinkError::Corrupt);
    }
    // Base64 that does not read, made only of the link's own characters, lost some at the end.
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let broken = || if payload.bytes().all(alphabet) { LinkError::Corrupt } else { LinkError::NotBase64 };
    let mut packed = base64(payload).ok_or_else(broken)?;
    if version == VERSION {
        let at = packed.len().checked_sub(4).ok_or(LinkError::Corrupt)?;
        let stored = packed.split_off(at);
        if CRC32.checksum(&packed).to_be_bytes()[..] != stored[..] {
            return Err(LinkError::Checksum);
        }
    }
    Ok(packed)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// Unpacks what [`unpack`] gave (raw deflate), refusing more than [`MAX_DECODED`] bytes.
pub fn inflate(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(packed, MAX_DECODED).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            LinkError::TooLarge
        } else {
            LinkError::Corrupt
        }
    })
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// The plan in a link's unpacked JSON, read by `read` (the page's second module reads it with
/// the browser's parser; its first module reads it without these types: `web::link_json`).
pub(crate) fn finish_with(json: &[u8], read: impl FnOnce(&str) -> Result<LinkPlan, String>) -> Result<Plan, LinkError> {
    let json = std::str::from_utf8(json).map_err(|e| LinkError::NotAPlan(e.to_string()))?;
    let link = read(json).map_err(LinkError::NotAPlan)?;
    Plan::try_from(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_travel_as_indexes_and_keep_their_order() {
        let mut plan = Plan::example();
        plan.firewall_confirmed = vec!["mcr.microsoft.com".into(), "my.own.proxy".into(), ".dp.prod.appliances.azure.com".into()];
        let fragment = encode(&plan);
        assert_eq!(decode(&fragment).unwrap(), plan);
        // Every row of a checklist ticked stays cheap, on either platform.
        for mut plan in [Plan::example(), crate::platform::azure_local::AZURE_LOCAL.example()] {
            plan.firewall_confirmed = crate::firewall::checklist(&plan).into_iter().map(|r| r.key).collect();
            let plain = encode(&Plan { firewall_confirmed: Vec::new(), ..plan.clone() }).len();
            assert!(encode(&plan).len() - plain < 300, "all ticks cost {} characters", encode(&plan).len() - plain);
            assert_eq!(decode(&encode(&plan)).unwrap(), plan);
        }
    }

    #[test]
    fn a_tick_reads_as_an_index_or_a_key_and_nothing_else() {
        let read = |json: &str| serde_json::from_str::<Tick>(json);
        assert_eq!(read("7").unwrap(), Tick::Index(7));
        assert_eq!(read("65535").unwrap(), Tick::Index(65535));
        assert_eq!(read("\"my.own.proxy\"").unwrap(), Tick::Key("my.own.proxy".into()));
        for bad in ["65536", "-1", "1.5", "true", "null", "[1]", "{}"] {
            let e = read(bad).unwrap_err().to_string();
            assert!(e.contains("checklist row"), "{bad}: {e}");
        }
        // Both forms written as they are read.
        assert_eq!(serde_json::to_string(&[Tick::Index(3), Tick::Key("a".into())]).unwrap(), "[3,\"a\"]");
    }

    #[test]
    fn defaults_are_left_out() {
        let json = serde_json::to_string(&LinkPlan::from(&Plan::default())).unwrap();
        assert_eq!(json, "{}");
    }

    #[test]
    fn default_counts_are_left_out() {
        let mut plan = Plan::example();
        plan.resource_bridge = None;
        plan.reserved.clear();
        plan.clusters.truncate(1);
        plan.clusters[0].services = 0;
        plan.clusters[0].control_plane_nodes = 1;
        plan.clusters[0].lb_pools.clear();
        plan.segments[0].dhcp_in_use = 0;
        let json = serde_json::to_string(&LinkPlan::from(&plan)).unwrap();
        for key in ["\"u\"", "\"v\"", "\"m\"", "\"x\""] {
            assert!(!json.contains(key), "{key} in {json}");
        }
        plan.clusters[0].services = 2;
        plan.clusters[0].control_plane_nodes = 3;
        plan.segments[0].dhcp_in_use = 4;
        plan.proxy = true;
        let json = serde_json::to_string(&LinkPlan::from(&plan)).unwrap();
        for key in ["\"u\":4", "\"v\":2", "\"m\":3", "\"x\":true"] {
            assert!(json.contains(key), "{key} not in {json}");
        }
    }
}

