//! Address text: a single address, a CIDR block, or an inclusive `a-b` range, IPv4 or IPv6.
//!
//! Every form becomes one [`AddrRange`]: an inclusive interval of integers of one family.
//! IPv4 and IPv6 share the same `u128` arithmetic so every rule treats them alike; the family
//! travels with the interval so the two spaces never mix.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

/// The two address families. IPv4 sorts first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    fn of(ip: &IpAddr) -> Family {
        match ip {
            IpAddr::V4(_) => Family::V4,
            IpAddr::V6(_) => Family::V6,
        }
    }

    /// The highest address of the family, as an integer.
    pub fn max(self) -> u128 {
        match self {
            Family::V4 => u32::MAX as u128,
            Family::V6 => u128::MAX,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        }
    }
}

/// An inclusive interval `start..=end` of addresses of one family.
///
/// Invariant: `start <= end <= family.max()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AddrRange {
    pub family: Family,
    pub start: u128,
    pub end: u128,
}

impl AddrRange {
    /// A range of one address.
    pub fn single(family: Family, value: u128) -> AddrRange {
        AddrRange { family, start: value, end: value }
    }

    /// How many addresses the range holds. Saturates at `u128::MAX` (only the whole IPv6 space
    /// reaches it).
    ///
    /// ```
    /// use aksarc_netplan::addr::parse_set;
    /// assert_eq!(parse_set("10.20.0.30-10.20.0.39").unwrap().len(), 10);
    /// assert_eq!(parse_set("10.20.0.64/29").unwrap().len(), 8);
    /// ```
    pub fn len(&self) -> u128 {
        (self.end - self.start).saturating_add(1)
    }

    /// Never true: a range holds at least one address. Present for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// True when the two ranges share at least one address.
    pub fn overlaps(&self, other: &AddrRange) -> bool {
        self.family == other.family && self.start <= other.end && other.start <= self.end
    }

    /// True when every address of `other` is inside `self`.
    pub fn contains_range(&self, other: &AddrRange) -> bool {
        self.family == other.family && self.start <= other.start && other.end <= self.end
    }

    pub fn contains(&self, family: Family, value: u128) -> bool {
        self.family == family && self.start <= value && value <= self.end
    }

    /// The shared addresses of two overlapping ranges.
    pub fn intersection(&self, other: &AddrRange) -> Option<AddrRange> {
        if !self.overlaps(other) {
            return None;
        }
        Some(AddrRange {
            family: self.family,
            start: self.start.max(other.start),
            end: self.end.min(other.end),
        })
    }
}

/// Shown as `a` for one address and `a-b` otherwise, the form users type.
impl fmt::Display for AddrRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", format_addr(self.family, self.start))?;
        if self.end != self.start {
            write!(f, "-{}", format_addr(self.family, self.end))?;
        }
        Ok(())
    }
}

/// The text form of one address.
pub fn format_addr(family: Family, value: u128) -> String {
    match family {
        Family::V4 => Ipv4Addr::from(value as u32).to_string(),
        Family::V6 => Ipv6Addr::from(value).to_string(),
    }
}

/// A parsed CIDR block: its range plus the prefix length, which some rules need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subnet {
    pub range: AddrRange,
    pub prefix: u8,
}

impl Subnet {
    /// The network and broadcast addresses that a host must not use: only IPv4 blocks of /30 or
    /// shorter have them (a /31 or /32 uses every address, RFC 3021).
    pub fn edges(&self) -> Option<(u128, u128)> {
        (self.range.family == Family::V4 && self.prefix <= 30)
            .then_some((self.range.start, self.range.end))
    }

    /// The addresses a planner should hand out: the block without its IPv4 edges, and without
    /// the first address of an IPv6 block of /126 or shorter (the subnet-router anycast address,
    /// RFC 4291), which no host should take.
    pub fn usable(&self) -> Option<AddrRange> {
        match self.edges() {
            Some((first, last)) => Some(AddrRange { family: self.range.family, start: first + 1, end: last - 1 }),
            None if self.range.family == Family::V6 && self.prefix <= 126 => {
                Some(AddrRange { family: Family::V6, start: self.range.start + 1, end: self.range.end })
            }
            None => Some(self.range),
        }
    }
}

/// Shown in CIDR form, `10.20.0.0/24`.
impl fmt::Display for Subnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", format_addr(self.range.family, self.range.start), self.prefix)
    }
}

/// Why address text was refused. Each names the text so the message can stand alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddrError {
    Empty,
    NotAnAddress(String),
    BadPrefix(String),
    HostBitsSet { text: String, network: String },
    Reversed(String),
    MixedFamilies(String),
    NotSingle(String),
    NotCidr(String),
    /// One address was asked for and the text is none.
    NotAnIp(String),
    /// An IPv4 part written with a leading zero (`010`), which some systems read as octal.
    LeadingZero(String),
}

impl fmt::Display for AddrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddrError::Empty => write!(f, "is empty"),
            AddrError::NotAnAddress(t) => write!(f, "\"{t}\" is not an IP address, CIDR block or a-b range"),
            AddrError::BadPrefix(t) => write!(f, "\"{t}\" has a prefix length that does not fit its family"),
            AddrError::HostBitsSet { text, network } => {
                write!(f, "\"{text}\" has host bits set (the block is {network})")
            }
            AddrError::Reversed(t) => write!(f, "\"{t}\" starts above its end"),
            AddrError::MixedFamilies(t) => write!(f, "\"{t}\" mixes IPv4 and IPv6"),
            AddrError::NotSingle(t) => write!(f, "\"{t}\" must be a single address"),
            AddrError::NotCidr(t) => write!(f, "\"{t}\" must be a CIDR block such as 10.20.0.0/24"),
            AddrError::NotAnIp(t) => write!(f, "\"{t}\" is not an IP address"),
            AddrError::LeadingZero(t) => write!(f, "\"{t}\" has a part with a leading zero (read as octal by some systems)"),
        }
    }
}

impl std::error::Error for AddrError {}

/// Longest text we look at; anything longer cannot be an address and is refused without work.
const MAX_TEXT: usize = 100;

fn too_long(text: &str) -> Option<AddrError> {
    (text.len() > MAX_TEXT).then(|| AddrError::NotAnAddress(ellipsis(text)))
}

/// Cuts hostile text so error messages stay one readable line.
pub fn ellipsis(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        let head: String = text.chars().take(40).collect();
        format!("{head}…")
    }
}

fn parse_ip(text: &str) -> Result<IpAddr, AddrError> {
    let t = text.trim();
    t.parse::<IpAddr>().map_err(|_| {
        let zero = t.split('.').any(|p| p.len() > 1 && p.starts_with('0') && p.bytes().all(|b| b.is_ascii_digit()));
        if zero { AddrError::LeadingZero(ellipsis(t)) } else { AddrError::NotAnAddress(ellipsis(t)) }
    })
}

fn to_int(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(a) => u32::from(a) as u128,
        IpAddr::V6(a) => u128::from(a),
    }
}

/// Parses one address, nothing else.
///
/// ```
/// use aksarc_netplan::addr::parse_single;
/// assert!(parse_single("10.20.0.5").is_ok());
/// assert!(parse_single("10.20.0.5/32").is_err());
/// ```
pub fn parse_single(text: &str) -> Result<AddrRange, AddrError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AddrError::Empty);
    }
    if let Some(e) = too_long(t) {
        return Err(e);
    }
    if t.contains('/') || t.contains('-') {
        return Err(AddrError::NotSingle(t.to_string()));
    }
    let ip = parse_ip(t).map_err(|e| match e {
        AddrError::NotAnAddress(t) => AddrError::NotAnIp(t),
        e => e,
    })?;
    Ok(AddrRange::single(Family::of(&ip), to_int(ip)))
}

/// Parses a CIDR block with its host bits zero.
///
/// ```
/// use aksarc_netplan::addr::parse_subnet;
/// assert_eq!(parse_subnet("10.20.0.0/24").unwrap().prefix, 24);
/// assert!(parse_subnet("10.20.0.1/24").is_err());
/// ```
pub fn parse_subnet(text: &str) -> Result<Subnet, AddrError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AddrError::Empty);
    }
    if let Some(e) = too_long(t) {
        return Err(e);
    }
    if !t.contains('/') {
        // A valid address or range here is still the wrong form; say so rather than "not an address".
        return Err(match parse_set(t) {
            Ok(_) => AddrError::NotCidr(t.to_string()),
            Err(e) => e,
        });
    }
    parse_cidr(t)
}

fn parse_cidr(t: &str) -> Result<Subnet, AddrError> {
    let (addr_text, prefix_text) = t.split_once('/').unwrap_or((t, ""));
    let ip = parse_ip(addr_text)?;
    let prefix: u8 = prefix_text.trim().parse().map_err(|_| AddrError::BadPrefix(t.to_string()))?;
    let net = IpNet::new(ip, prefix).map_err(|_| AddrError::BadPrefix(t.to_string()))?;
    if net.trunc() != net {
        return Err(AddrError::HostBitsSet { text: t.to_string(), network: net.trunc().to_string() });
    }
    Ok(Subnet {
        range: AddrRange {
            family: Family::of(&ip),
            start: to_int(net.network()),
            end: to_int(net.broadcast()),
        },
        prefix,
    })
}

/// Parses any address set: `10.20.0.5`, `10.20.0.64/29`, `10.20.0.30-10.20.0.39`
/// (spaces around `-` allowed).
///
/// ```
/// use aksarc_netplan::addr::parse_set;
/// let r = parse_set("10.20.0.30 - 10.20.0.39").unwrap();
/// assert_eq!(r.to_string(), "10.20.0.30-10.20.0.39");
/// assert!(parse_set("10.20.0.39-10.20.0.30").is_err());
/// ```
pub fn parse_set(text: &str) -> Result<AddrRange, AddrError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AddrError::Empty);
    }
    if let Some(e) = too_long(t) {
        return Err(e);
    }
    if t.contains('/') {
        return parse_cidr(t).map(|s| s.range);
    }
    match t.split_once('-') {
        None => parse_ip(t).map(|ip| AddrRange::single(Family::of(&ip), to_int(ip))),
        Some((a, b)) => {
            let (a, b) = (parse_ip(a)?, parse_ip(b)?);
            if Family::of(&a) != Family::of(&b) {
                return Err(AddrError::MixedFamilies(t.to_string()));
            }
            let (start, end) = (to_int(a), to_int(b));
            if start > end {
                return Err(AddrError::Reversed(t.to_string()));
            }
            Ok(AddrRange { family: Family::of(&a), start, end })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(parse_set("10.0.0.1").unwrap().len(), 1);
        assert_eq!(parse_set("10.0.0.0/30").unwrap().len(), 4);
        assert_eq!(parse_set(" 10.0.0.1 -10.0.0.4 ").unwrap().len(), 4);
        assert_eq!(parse_set("fd00::/120").unwrap().len(), 256);
        assert_eq!(parse_set("fd00::1-fd00::ff").unwrap().len(), 255);
        assert_eq!(parse_set("::/0").unwrap().len(), u128::MAX);
    }

    #[test]
    fn refusals() {
        assert_eq!(parse_set(""), Err(AddrError::Empty));
        assert!(matches!(parse_set("10.0.0.1-fd00::1"), Err(AddrError::MixedFamilies(_))));
        assert!(matches!(parse_set("10.0.0.9-10.0.0.1"), Err(AddrError::Reversed(_))));
        assert!(matches!(parse_set("10.0.0.1/24"), Err(AddrError::HostBitsSet { .. })));
        assert!(matches!(parse_set("10.0.0.0/33"), Err(AddrError::BadPrefix(_))));
        assert!(matches!(parse_set("10.0.0.256"), Err(AddrError::NotAnAddress(_))));
        assert!(matches!(parse_set("a-b-c"), Err(AddrError::NotAnAddress(_))));
        assert!(matches!(parse_subnet("10.0.0.0"), Err(AddrError::NotCidr(_))));
        assert!(matches!(parse_single("10.0.0.0-10.0.0.1"), Err(AddrError::NotSingle(_))));
        let long = "1".repeat(10_000);
        assert!(parse_set(&long).unwrap_err().to_string().len() < 120);
    }

    #[test]
    fn edges_only_for_ipv4_up_to_30() {
        assert!(parse_subnet("10.0.0.0/30").unwrap().edges().is_some());
        assert!(parse_subnet("10.0.0.0/31").unwrap().edges().is_none());
        assert!(parse_subnet("fd00::/64").unwrap().edges().is_none());
        // IPv6: no edges, but the subnet-router anycast address is not handed out.
        assert_eq!(parse_subnet("fd00::/120").unwrap().usable().unwrap().to_string(), "fd00::1-fd00::ff");
        assert_eq!(parse_subnet("fd00::/127").unwrap().usable().unwrap().len(), 2);
    }

    #[test]
    fn text_up_to_the_length_limit_is_read() {
        // Spaces around the dash are allowed, so padding them reaches any length.
        let at = |len: usize| format!("10.0.0.1{}-10.0.0.9", " ".repeat(len - 17));
        assert_eq!(at(MAX_TEXT).len(), MAX_TEXT);
        assert_eq!(parse_set(&at(MAX_TEXT)).unwrap().len(), 9);
        assert!(matches!(parse_set(&at(MAX_TEXT + 1)), Err(AddrError::NotAnAddress(_))));
        assert!(!parse_set("10.0.0.1").unwrap().is_empty());
    }
}
