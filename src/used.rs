//! Addresses the network already uses, read from the files administrators have (DHCP lease and
//! reservation exports, IPAM exports, scans, plain lists), and merged into a plan as reserved
//! entries, so the overlap checks see them without anyone retyping them.
//!
//! The format is recognised from the content. Only addresses in use count: expired, free or
//! declined leases and hosts that are down are counted as skipped, and rows that do not read are
//! reported with their line numbers, never dropped silently.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::addr::{parse_set, parse_single, AddrRange, Family};
use crate::names::plural;
use crate::claims::{resolve, Claim, ClaimKind, Owner};
use crate::model::{Plan, Reserved};
use crate::platform;

/// The formats understood, as the message for an unrecognised file lists them.
pub const FORMATS: &str = "Windows DHCP lease or reservation CSV (Get-DhcpServerv4Lease / Get-DhcpServerv4Reservation | Export-Csv), ISC dhcpd.leases, Kea lease CSV, NetBox IP address CSV, any CSV with an address column (IP Address, ip_addr, address, ip), nmap grepable output (-oG), or a plain list of addresses, ranges and CIDRs, one a line";

/// Where the addresses came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    WindowsLeases,
    WindowsReservations,
    IscLeases,
    KeaLeases,
    NetBox,
    Csv,
    Nmap,
    List,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::WindowsLeases => "Windows DHCP leases (CSV)",
            Format::WindowsReservations => "Windows DHCP reservations (CSV)",
            Format::IscLeases => "ISC dhcpd leases",
            Format::KeaLeases => "Kea leases (CSV)",
            Format::NetBox => "NetBox IP addresses (CSV)",
            Format::Csv => "CSV with an address column",
            Format::Nmap => "nmap grepable output",
            Format::List => "list of addresses",
        }
    }

    /// Leases and reservations of a DHCP server: inside a DHCP scope they are the server's own
    /// business, counted as leases in use rather than made static.
    fn is_dhcp_server(self) -> bool {
        matches!(self, Format::WindowsLeases | Format::WindowsReservations | Format::IscLeases | Format::KeaLeases)
    }
}

/// One address in use, and the host that uses it where the source names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Used {
    pub range: AddrRange,
    pub host: String,
    pub line: usize,
}

/// A row that did not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    pub line: usize,
    pub reason: String,
}

/// How many rows that do not read a reader keeps with their lines and reasons: as many as the
/// CLI prints (the page shows fewer). The rest are counted, so a file of millions of junk lines
/// costs no more memory than a clean one.
pub const BAD_KEPT: usize = 20;

/// What a file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub format: Format,
    pub used: Vec<Used>,
    /// Rows about addresses not in use (expired, free, declined, down), by their state.
    pub not_in_use: BTreeMap<String, usize>,
    /// The first [`BAD_KEPT`] rows that do not read, in file order.
    pub bad: Vec<BadRow>,
    /// How many rows do not read, counting those not kept.
    pub bad_total: usize,
}

impl Parsed {
    fn new(format: Format) -> Parsed {
        Parsed { format, used: Vec::new(), not_in_use: BTreeMap::new(), bad: Vec::new(), bad_total: 0 }
    }

    /// Counts a row that does not read and keeps it while fewer than [`BAD_KEPT`] are kept. The
    /// reason quotes the file's text, so its control characters are shown escaped: a NUL in
    /// `10.0.\0 0.2` must not make it read as another address on a terminal or the page.
    fn bad(&mut self, line: usize, reason: impl Into<String>) {
        self.bad_total += 1;
        if self.bad.len() < BAD_KEPT {
            let reason = reason.into();
            self.bad.push(BadRow { line, reason: crate::names::printable(&reason).into_owned() });
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    Unrecognised,
    /// The file stopped reading part way (not text, too large, an I/O error): the reader's words.
    Read(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty"),
            ImportError::Unrecognised => write!(f, "the file matches no format this planner reads; it reads {FORMATS}"),
            ImportError::Read(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ImportError {}

/// The most lines, and bytes, read before the format is decided: enough for any header, the
/// comments ISC and nmap files start with and the first lease block, little enough to hold.
const SNIFF_LINES: usize = 4096;
const SNIFF_BYTES: usize = 1024 * 1024;

/// Reads a file of used addresses, whatever its format.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    read(text.lines().map(|l| Ok::<String, std::convert::Infallible>(l.to_string())))
}

/// Reads a file of used addresses line by line, whatever its format: the CLI's reader, whose
/// memory holds the addresses in use and [`BAD_KEPT`] bad rows, never the file. The format is
/// decided on the first lines (up to 4,096 lines or 1 MiB): a lease block or a Host line further
/// down does not change it. A line that fails (`Err`) stops the reading with its message.
pub fn read<E: fmt::Display>(lines: impl Iterator<Item = Result<String, E>>) -> Result<Parsed, ImportError> {
    let mut lines = lines.map(|l| l.map_err(|e| ImportError::Read(e.to_string())));
    let mut head: Vec<String> = Vec::new();
    let mut head_bytes = 0;
    while head.len() < SNIFF_LINES && head_bytes < SNIFF_BYTES {
        match lines.next() {
            Some(line) => {
                let mut line = line?;
                if head.is_empty() && line.starts_with('\u{feff}') {
                    line.drain(..'\u{feff}'.len_utf8());
                }
                head_bytes += line.len() + 1;
                head.push(line);
            }
            None => break,
        }
    }
    let whole = head.len() < SNIFF_LINES && head_bytes < SNIFF_BYTES;
    if whole && head.iter().all(|l| l.trim().is_empty()) {
        return Err(ImportError::Empty);
    }
    let first = head.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let is_nmap = head.iter().any(|l| l.starts_with("Host: "))
        && head.iter().all(|l| l.trim().is_empty() || l.starts_with("Host: ") || l.starts_with('#'));
    let is_isc = head.iter().any(|l| is_lease_start(l));
    // Export-Csv writes a "#TYPE ..." line first unless told not to.
    let header_at = if head.get(first).is_some_and(|l| l.starts_with("#TYPE")) { first + 1 } else { first };
    let header = head.get(header_at).filter(|l| l.contains(',')).and_then(|h| csv_header(h));
    let all = head.into_iter().map(Ok).chain(lines);
    if is_nmap {
        return nmap(all);
    }
    if is_isc {
        return isc(all);
    }
    if let Some(header) = header {
        return csv_file(all.skip(header_at), header_at, header);
    }
    let parsed = list(all)?;
    if parsed.used.is_empty() {
        return Err(ImportError::Unrecognised);
    }
    Ok(parsed)
}

fn is_lease_start(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("lease ") && t.trim_end().ends_with('{')
}

/// A column name without case, spaces, dashes or underscores: `IP Address` → `ipaddress`.
fn key(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A host address as the sources write it: plain, or with its prefix length (NetBox: `10.0.0.5/24`).
fn host_address(text: &str) -> Result<AddrRange, String> {
    let t = text.trim();
    let bare = match t.split_once('/') {
        Some((address, prefix)) if prefix.trim().parse::<u8>().is_ok() => address,
        _ => t,
    };
    parse_single(bare).map_err(|e| e.to_string())
}

/// What a CSV header says: the format and the columns read.
struct CsvHeader {
    format: Format,
    address: usize,
    host: Option<usize>,
    state: Option<usize>,
}

/// The header of a CSV file with an address column, or `None` (then the file is read as a list).
fn csv_header(header: &str) -> Option<CsvHeader> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(header.as_bytes());
    let columns: Vec<String> = reader.headers().ok()?.iter().map(key).collect();
    let col = |names: &[&str]| names.iter().find_map(|n| columns.iter().position(|c| c == n));
    let address = col(&["ipaddress", "address", "ipaddr", "ip", "ipv4address", "ipv4", "ipv6address"])?;
    let has = |n: &str| columns.iter().any(|c| c == n);
    let format = if has("scopeid") && has("addressstate") {
        Format::WindowsLeases
    } else if has("scopeid") && has("clientid") {
        Format::WindowsReservations
    } else if columns.first().is_some_and(|c| c == "address") && has("hwaddr") && has("state") {
        Format::KeaLeases
    } else if columns[address] == "address" && has("status") && (has("dnsname") || has("tenant") || has("vrf") || has("role")) {
        Format::NetBox
    } else {
        Format::Csv
    };
    let host = col(&["hostname", "dnsname", "name", "host", "fqdn", "description"]);
    let state = match format {
        Format::WindowsLeases => col(&["addressstate"]),
        Format::KeaLeases => col(&["state"]),
        Format::NetBox | Format::Csv => col(&["status", "state"]),
        _ => None,
    };
    Some(CsvHeader { format, address, host, state })
}

/// Lines as bytes for the CSV reader, which reads quoted fields across lines itself; the error
/// of a line that failed is kept for the caller.
struct LineBytes<I> {
    lines: I,
    current: Vec<u8>,
    at: usize,
    error: Option<ImportError>,
}

impl<I: Iterator<Item = Result<String, ImportError>>> std::io::Read for LineBytes<I> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.current.len() {
            match self.lines.next() {
                Some(Ok(line)) => {
                    self.current = line.into_bytes();
                    self.current.push(b'\n');
                    self.at = 0;
                }
                Some(Err(e)) => {
                    self.error = Some(e);
                    return Ok(0);
                }
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.current.len() - self.at);
        out[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The rows of a CSV file from its header line (`header_at`, counted from 0) on.
fn csv_file(lines: impl Iterator<Item = Result<String, ImportError>>, header_at: usize, header: CsvHeader) -> Result<Parsed, ImportError> {
    let CsvHeader { format, address, host, state } = header;
    let body = LineBytes { lines, current: Vec::new(), at: 0, error: None };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body);
    let mut parsed = Parsed::new(format);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize + header_at);
                parsed.bad(line, format!("not a CSV row ({e})"));
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize + header_at);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(text) = record.get(address) else {
            parsed.bad(line, "the row has no address column");
            continue;
        };
        if let Some(state) = state.and_then(|s| record.get(s)).map(str::trim).filter(|s| !s.is_empty()) {
            if !in_use(format, state) {
                *parsed.not_in_use.entry(state_name(format, state)).or_default() += 1;
                continue;
            }
        }
        match host_address(text) {
            Ok(range) => {
                let host = host.and_then(|h| record.get(h)).map(|h| h.trim().to_string()).unwrap_or_default();
                parsed.used.push(Used { range, host, line });
            }
            Err(e) => parsed.bad(line, e),
        }
    }
    if let Some(e) = reader.into_inner().error {
        return Err(e);
    }
    Ok(parsed)
}

/// Whether a row's state means the address is taken.
fn in_use(format: Format, state: &str) -> bool {
    let s = key(state);
    match format {
        // Active leases and reservations (a reservation holds its address even while its client
        // is away); expired, declined and offered ones do not.
        Format::WindowsLeases => matches!(s.as_str(), "active" | "activereservation" | "inactivereservation"),
        // Kea: 0 default (leased), 1 declined, 2 expired and reclaimed.
        Format::KeaLeases => s == "0",
        // NetBox: active, reserved, DHCP and SLAAC addresses are taken; deprecated ones are not.
        _ => !matches!(s.as_str(), "deprecated" | "free" | "available" | "expired" | "declined" | "down" | "offline"),
    }
}

fn state_name(format: Format, state: &str) -> String {
    match (format, state.trim()) {
        (Format::KeaLeases, "1") => "declined".to_string(),
        (Format::KeaLeases, "2") => "expired".to_string(),
        (_, s) => s.to_lowercase(),
    }
}

/// ISC dhcpd.leases: the last block of an address says its state; `binding state active` is in use.
fn isc(lines: impl Iterator<Item = Result<String, ImportError>>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(Format::IscLeases);
    // address → (line, state, host) of its latest block
    let mut latest: BTreeMap<AddrRange, (usize, String, String)> = BTreeMap::new();
    let mut current: Option<(AddrRange, usize, String, String)> = None;
    for (i, raw) in lines.enumerate() {
        let raw = raw?;
        let line = i + 1;
        let t = raw.trim();
        if is_lease_start(t) {
            let text = t.trim_start_matches("lease").trim_end_matches('{').trim();
            match parse_single(text) {
                Ok(range) => current = Some((range, line, String::new(), String::new())),
                Err(e) => {
                    parsed.bad(line, e.to_string());
                    current = None;
                }
            }
        } else if t == "}" {
            if let Some((range, at, state, host)) = current.take() {
                latest.insert(range, (at, state, host));
            }
        } else if let Some((_, _, state, host)) = current.as_mut() {
            let t = t.trim_end_matches(';');
            if let Some(s) = t.strip_prefix("binding state ") {
                *state = s.trim().to_string();
            } else if let Some(h) = t.strip_prefix("client-hostname ") {
                *host = h.trim().trim_matches('"').to_string();
            }
        }
    }
    if let Some((_, at, ..)) = current {
        parsed.bad(at, "the lease block is not closed with }");
    }
    for (range, (line, state, host)) in latest {
        if state == "active" {
            parsed.used.push(Used { range, host, line });
        } else {
            *parsed.not_in_use.entry(if state.is_empty() { "no binding state".to_string() } else { state }).or_default() += 1;
        }
    }
    parsed.used.sort_by_key(|u| u.line);
    Ok(parsed)
}

/// nmap -oG: `Host: 10.0.0.5 (name)`, a tab, `Status: Up`; the Ports lines name the same hosts
/// again. Comments start with `#`; any other line is a row that does not read.
fn nmap(lines: impl Iterator<Item = Result<String, ImportError>>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(Format::Nmap);
    let mut seen = BTreeSet::new();
    for (i, raw) in lines.enumerate() {
        let raw = raw?;
        let line = i + 1;
        let Some(rest) = raw.strip_prefix("Host: ") else {
            if !raw.trim().is_empty() && !raw.starts_with('#') {
                parsed.bad(line, "not a Host line of nmap's grepable output");
            }
            continue;
        };
        let (who, fields) = rest.split_once('\t').unwrap_or((rest, ""));
        let (address, name) = match who.split_once(' ') {
            Some((a, n)) => (a, n.trim().trim_start_matches('(').trim_end_matches(')')),
            None => (who, ""),
        };
        let status = fields.split('\t').find_map(|f| f.trim().strip_prefix("Status: ")).map(str::trim);
        match status {
            Some("Up") => {}
            Some(other) => {
                *parsed.not_in_use.entry(other.to_lowercase()).or_default() += 1;
                continue;
            }
            // A Ports line: the host is up, and its Status line names it already.
            None if fields.trim_start().starts_with("Ports:") => {}
            None => {
                parsed.bad(line, "a Host line with neither Status nor Ports");
                continue;
            }
        }
        match parse_single(address) {
            Ok(range) => {
                if seen.insert(range) {
                    parsed.used.push(Used { range, host: name.to_string(), line });
                }
            }
            Err(e) => parsed.bad(line, e.to_string()),
        }
    }
    Ok(parsed)
}

/// One address, range or CIDR a line; `#` starts a comment.
fn list(lines: impl Iterator<Item = Result<String, ImportError>>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(Format::List);
    for (i, raw) in lines.enumerate() {
        let raw = raw?;
        let t = raw.split('#').next().unwrap_or("").trim();
        if t.is_empty() {
            continue;
        }
        match parse_set(t) {
            Ok(range) => parsed.used.push(Used { range, host: String::new(), line: i + 1 }),
            Err(e) => parsed.bad(i + 1, e.to_string()),
        }
    }
    Ok(parsed)
}

/// What merging a file into a plan does, for the preview and the CLI's summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merge {
    pub plan: Plan,
    /// Where the added reserved entries start in the plan's (they are its last ones).
    pub first_added: usize,
    /// How many addresses the added entries hold.
    pub added_addresses: u128,
    /// Addresses in use the plan has already: in a reserved entry of its own, or an entry with
    /// the same name and addresses.
    pub already: usize,
    /// Addresses in use that are the plan's own (its gateways, DNS servers and the addresses it
    /// plans), not added: each with the claim that holds it, as a message names it, and what
    /// that claim is. One each, in file order.
    pub own: Vec<Own>,
    /// Segments whose DHCP leases in use went up: (segment index, before, after).
    pub leases: Vec<(usize, u32, u32)>,
}

impl Merge {
    /// The reserved entries added: the plan's last ones, not a copy of them, so a file of a
    /// million hosts is held once.
    pub fn added(&self) -> &[Reserved] {
        self.plan.reserved.get(self.first_added..).unwrap_or_default()
    }
}

/// An address in use that the plan itself claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Own {
    pub range: AddrRange,
    pub kind: ClaimKind,
    /// The claim, as a message names it: `gateway 10.20.0.1 of segment aks-seg`.
    pub label: String,
}

/// Whether an address in use on a claim of this kind is the plan's own: what the plan assigns
/// or points at (gateways, DNS servers, control plane IPs, load balancer ranges, IP pools, the
/// resource bridge, machines), not subnets, DHCP scopes, reserved entries or internal ranges,
/// where something in use is what the checks must see.
fn is_plans_own(kind: ClaimKind) -> bool {
    !matches!(kind, ClaimKind::Subnet | ClaimKind::Dhcp | ClaimKind::Reserved | ClaimKind::Internal)
}

/// Claims sorted by family and start, with, at each, the one so far (in its family) that
/// reaches furthest: the claim holding a range whole is found by one binary search.
struct Holders<'a> {
    claims: Vec<&'a Claim>,
    reach: Vec<usize>,
}

impl<'a> Holders<'a> {
    fn new(claims: impl Iterator<Item = &'a Claim>) -> Holders<'a> {
        let mut claims: Vec<&Claim> = claims.collect();
        claims.sort_by_key(|c| (c.range.family, c.range.start));
        let mut reach: Vec<usize> = Vec::with_capacity(claims.len());
        for (i, c) in claims.iter().enumerate() {
            let best = match i.checked_sub(1).map(|p| reach[p]) {
                Some(b) if claims[b].range.family == c.range.family && claims[b].range.end >= c.range.end => b,
                _ => i,
            };
            reach.push(best);
        }
        Holders { claims, reach }
    }

    /// A claim that holds the whole of `range`.
    fn holding(&self, range: &AddrRange) -> Option<&'a Claim> {
        let i = self.claims.partition_point(|c| (c.range.family, c.range.start) <= (range.family, range.start));
        let best = self.claims[self.reach[i.checked_sub(1)?]];
        best.range.contains_range(range).then_some(best)
    }
}

/// Merges the used addresses of a file (named `source`) into the plan. Merging the same file
/// twice changes nothing. The work is near linear in the addresses and the plan's claims: the
/// DHCP scopes, the plan's own claims and its reserved entries are each sorted once and searched
/// by halves, and the entries already in the plan are found by one sort of all names.
pub fn merge(plan: &Plan, parsed: &Parsed, source: &str) -> Merge {
    let mut out = Merge { plan: plan.clone(), first_added: plan.reserved.len(), ..Merge::default() };
    let source = source.trim();
    let source = if source.is_empty() { "imported" } else { source };
    let resolved = resolve(plan);
    // On VMware, a DHCP server's leases inside a scope count towards that segment's leases in use.
    let leases_count = parsed.format.is_dhcp_server() && platform::of(plan).node_addresses == crate::platform::NodeAddresses::Dhcp;
    let dhcp_scopes = Holders::new(
        resolved.claims.iter().filter(|c| leases_count && c.kind == ClaimKind::Dhcp && matches!(c.owner, Owner::Segment(_))),
    );
    let own = Holders::new(resolved.claims.iter().filter(|c| is_plans_own(c.kind)));
    let reserved = Holders::new(resolved.claims.iter().filter(|c| c.kind == ClaimKind::Reserved));
    let mut own_seen: BTreeSet<AddrRange> = BTreeSet::new();
    let mut leased: BTreeMap<usize, BTreeSet<(Family, u128)>> = BTreeMap::new();
    // The entries to add go straight into the plan (named hosts first, in file order), with the
    // number of addresses of each beside them: no second copy of a million entries.
    let mut sizes: Vec<u128> = Vec::new();
    let mut unnamed: Vec<AddrRange> = Vec::new();
    for used in &parsed.used {
        if let Some(Owner::Segment(s)) = dhcp_scopes.holding(&used.range).map(|c| c.owner) {
            // DHCP servers' formats give single addresses, so one lease is one address.
            leased.entry(s).or_default().insert((used.range.family, used.range.start));
        } else if let Some(claim) = own.holding(&used.range) {
            if own_seen.insert(used.range) {
                out.own.push(Own { range: used.range, kind: claim.kind, label: claim.label.clone() });
            }
        } else if reserved.holding(&used.range).is_some() {
            out.already += 1;
        } else if used.host.is_empty() {
            unnamed.push(used.range);
        } else {
            out.plan.reserved.push(Reserved { name: format!("{source}: {}", used.host), addresses: used.range.to_string() });
            sizes.push(used.range.len());
        }
    }
    for (s, addresses) in leased {
        let before = out.plan.segments[s].dhcp_in_use;
        let after = before.max(u32::try_from(addresses.len()).unwrap_or(u32::MAX));
        if after != before {
            out.plan.segments[s].dhcp_in_use = after;
            out.leases.push((s, before, after));
        }
    }
    // Adjacent unnamed addresses of one source become one range, merged in place.
    unnamed.sort_unstable();
    let mut runs: usize = 0;
    for i in 0..unnamed.len() {
        let r = unnamed[i];
        match runs.checked_sub(1).map(|last| &mut unnamed[last]) {
            Some(last) if last.family == r.family && last.end.checked_add(1).is_some_and(|next| next >= r.start) => {
                last.end = last.end.max(r.end);
            }
            _ => {
                unnamed[runs] = r;
                runs += 1;
            }
        }
    }
    unnamed.truncate(runs);
    out.plan.reserved.reserve_exact(runs);
    for r in unnamed {
        out.plan.reserved.push(Reserved { name: source.to_string(), addresses: r.to_string() });
        sizes.push(r.len());
    }
    // An entry is new unless the plan had one of the same name and addresses, or an earlier
    // entry of this file is the same: one sort of all entries by (name, addresses), then the
    // first of each run of equals decides.
    let reserved = &out.plan.reserved;
    let first = out.first_added;
    let text = |i: usize| (reserved[i].name.as_str(), reserved[i].addresses.as_str());
    let mut order: Vec<usize> = (0..reserved.len()).collect();
    order.sort_unstable_by(|&a, &b| text(a).cmp(&text(b)).then(a.cmp(&b)));
    let mut keep = vec![true; reserved.len()];
    for same in order.chunk_by(|&a, &b| text(a) == text(b)) {
        for &later in &same[1..] {
            keep[later] = false;
        }
    }
    drop(order);
    let mut at = 0;
    out.plan.reserved.retain(|_| {
        at += 1;
        // The plan's own entries stay as they were, repeats included.
        at <= first || keep[at - 1]
    });
    for (size, kept) in sizes.into_iter().zip(&keep[first..]) {
        if *kept {
            out.added_addresses = out.added_addresses.saturating_add(size);
        } else {
            out.already += 1;
        }
    }
    out
}

/// What the import finds before it is accepted, or, after, what it did (`done`): one
/// paragraph for the page's preview and notice and the CLI's standard error. `from` names the
/// file ("leases.csv", "the pasted text").
fn describe(parsed: &Parsed, merge: &Merge, plan: &Plan, from: &str, done: bool) -> String {
    let mut parts = Vec::new();
    if done {
        let what = match merge.added_addresses {
            0 => "no addresses in use".to_string(),
            n => plural(n, "address in use", "addresses in use"),
        };
        let mut first = format!("Added {what} from {from}");
        if merge.added().len() as u128 != merge.added_addresses {
            first += &format!(" as {}", plural(merge.added().len(), "reserved entry", "reserved entries"));
        }
        parts.push(first + &format!(" (read as {}: {} in use)", parsed.format.name(), plural(parsed.used.len(), "address", "addresses")));
    } else {
        parts.push(format!("Read as {}: {} in use", parsed.format.name(), plural(parsed.used.len(), "address", "addresses")));
        parts.push(format!("{} to add", plural(merge.added().len(), "reserved entry", "reserved entries")));
    }
    if !merge.own.is_empty() {
        let mut kinds: Vec<&str> = Vec::new();
        for o in &merge.own {
            if !kinds.contains(&o.kind.word()) {
                kinds.push(o.kind.word());
            }
        }
        let (is, not) = match (merge.own.len(), done) {
            (1, true) => ("address is", "was not added"),
            (1, false) => ("address is", "will not be added"),
            (_, true) => ("addresses are", "were not added"),
            (_, false) => ("addresses are", "will not be added"),
        };
        parts.push(format!("{} {is} the plan's own ({}) and {not}", merge.own.len(), kinds.join(", ")));
    }
    if merge.already > 0 {
        parts.push(format!("{} the plan has already", merge.already));
    }
    for (s, before, after) in &merge.leases {
        let name = plan.segments.get(*s).map_or("", |seg| seg.name.as_str());
        parts.push(format!("segment {name}: DHCP leases in use {before} → {after}"));
    }
    if !parsed.not_in_use.is_empty() {
        let states: Vec<String> = parsed.not_in_use.iter().map(|(s, n)| format!("{n} {s}")).collect();
        parts.push(format!("skipped as not in use: {}", states.join(", ")));
    }
    if parsed.bad_total > 0 {
        parts.push(format!("{} skipped", plural(parsed.bad_total, "row that does not read", "rows that do not read")));
    }
    parts.join("; ") + "."
}

/// One paragraph for the page's preview: what the import would do.
pub fn summary(parsed: &Parsed, merge: &Merge, plan: &Plan) -> String {
    describe(parsed, merge, plan, "", false)
}

/// One paragraph for the page's notice once accepted and the CLI's standard error: what the
/// import did, from the file `from` ("leases.csv", "the pasted text").
pub fn done(parsed: &Parsed, merge: &Merge, plan: &Plan, from: &str) -> String {
    describe(parsed, merge, plan, from, true)
}

/// What the import panel shows before an import is accepted (the page's second module draws
/// the panel, so the parsers stay out of the module every visitor loads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// The paragraph of [`summary`].
    pub summary: String,
    /// The paragraph of [`done`], for the notice once accepted.
    pub done: String,
    /// The first `shown` reserved entries to add, and how many there are in all.
    pub added: Vec<Reserved>,
    pub added_total: usize,
    /// The first `shown` addresses that are the plan's own (address, the claim as a message
    /// names it), and how many there are in all.
    pub own: Vec<(String, String)>,
    pub own_total: usize,
    /// The first `shown` rows that do not read (line, reason), and how many there are in all.
    pub bad: Vec<(usize, String)>,
    pub bad_total: usize,
    /// Whether accepting changes the plan (entries to add or leases in use raised).
    pub changes: bool,
}

/// Reads `text` (from `source`, which names the entries; `from` names it in the notice: "the
/// pasted text") and merges it into `plan`: what to show, keeping the first `shown` of each
/// list, and the plan with the import merged in (which crosses to the page when accepted).
pub fn preview(plan: &Plan, text: &str, source: &str, from: &str, shown: usize) -> Result<(Preview, Plan), ImportError> {
    let parsed = parse(text)?;
    let merged = merge(plan, &parsed, source);
    let preview = Preview {
        summary: summary(&parsed, &merged, plan),
        done: done(&parsed, &merged, plan, from),
        changes: !merged.added().is_empty() || !merged.leases.is_empty(),
        added_total: merged.added().len(),
        added: merged.added().iter().take(shown).cloned().collect(),
        own_total: merged.own.len(),
        own: merged.own.into_iter().take(shown).map(|o| (o.range.to_string(), o.label)).collect(),
        bad_total: parsed.bad_total,
        bad: parsed.bad.into_iter().take(shown).map(|b| (b.line, b.reason)).collect(),
    };
    Ok((preview, merged.plan))
}
