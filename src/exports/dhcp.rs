//! The plan's static addresses per segment, and the DHCP exclusions they call for (plain and as
//! Windows DHCP Server cmdlets).

use super::*;

/// The static addresses of one segment's subnet.
pub(super) struct SegmentStatics {
    pub(super) segment: usize,
    pub(super) subnet: Subnet,
    /// Each static address set, clipped to the subnet, with its label; sorted by address.
    pub(super) items: Vec<(AddrRange, String)>,
    /// The merged items, lowest first, split at the edges of the DHCP scopes: (range, inside a scope).
    pub(super) lines: Vec<(AddrRange, bool)>,
}

pub(super) struct Statics {
    pub(super) segments: Vec<SegmentStatics>,
    /// Segments whose subnet does not parse.
    pub(super) unparsed: Vec<usize>,
    /// Static addresses in no segment's subnet: (the part outside, label).
    pub(super) outside: Vec<(AddrRange, String)>,
}

/// The static addresses of every segment. `items` (each claim with its label, which only the
/// Markdown summary lists) are wanted or not: the merged `lines` come from the plan's static
/// addresses merged once, so the exclusion files do work near linear in the plan however many
/// segments share a subnet, where the labelled items of identical segments grow with their square.
pub(super) fn statics(resolved: &Resolved, with_items: bool) -> Statics {
    // Every static host address, and every gateway, DNS server and reserved entry, merged once
    // per family: a segment's lines are these sets clipped to its subnet and its scopes.
    let union = |family: Family, host: bool| {
        let wanted = |k: ClaimKind| if host { k.is_static_host() } else { matches!(k, ClaimKind::Gateway | ClaimKind::Dns | ClaimKind::Reserved) };
        IntervalSet::from_ranges(family, resolved.claims.iter().filter(|c| wanted(c.kind)).map(|c| c.range))
    };
    let hosts = [union(Family::V4, true), union(Family::V6, true)];
    let named = [union(Family::V4, false), union(Family::V6, false)];
    let index = |f: Family| if f == Family::V4 { 0 } else { 1 };
    let mut candidates = if with_items { claims_by_segment(resolved) } else { vec![Vec::new(); resolved.segments.len()] };
    let mut segments = Vec::new();
    let mut unparsed = Vec::new();
    for (s, view) in resolved.segments.iter().enumerate() {
        let Some(subnet) = view.subnet else {
            unparsed.push(s);
            continue;
        };
        let family = subnet.range.family;
        let scopes = IntervalSet::from_ranges(family, view.dhcp.iter().copied());
        let mut items: Vec<(AddrRange, String)> = Vec::new();
        for &i in &std::mem::take(&mut candidates[s]) {
            let claim = &resolved.claims[i];
            match claim.kind {
                k if k.is_static_host() => {
                    if let Some(r) = claim.range.intersection(&subnet.range) {
                        items.push((r, claim.label.clone()));
                    }
                }
                ClaimKind::Gateway | ClaimKind::Dns | ClaimKind::Reserved => {
                    for r in scopes.clip(&claim.range).ranges() {
                        if let Some(r) = r.intersection(&subnet.range) {
                            items.push((r, format!("{} (inside a DHCP scope)", claim.label)));
                        }
                    }
                }
                _ => {}
            }
        }
        items.sort_by_key(|(r, _)| (r.start, r.end));
        let inside_scopes = scopes.ranges().flat_map(|d| named[index(family)].clip(&d).ranges().collect::<Vec<_>>());
        let merged = IntervalSet::from_ranges(family, hosts[index(family)].clip(&subnet.range).ranges().chain(inside_scopes))
            .clip(&subnet.range);
        let mut lines = Vec::new();
        for r in merged.ranges() {
            let inside = scopes.clip(&r);
            let outside = inside.complement_within(&r);
            let mut parts: Vec<(AddrRange, bool)> =
                inside.ranges().map(|p| (p, true)).chain(outside.ranges().map(|p| (p, false))).collect();
            parts.sort_by_key(|(p, _)| p.start);
            lines.extend(parts);
        }
        segments.push(SegmentStatics { segment: s, subnet, items, lines });
    }
    let mut outside = Vec::new();
    for family in [Family::V4, Family::V6] {
        let subnets = IntervalSet::from_ranges(family, resolved.segments.iter().filter_map(|v| v.subnet.map(|s| s.range)));
        for claim in resolved.claims.iter().filter(|c| c.kind.is_static_host() && c.range.family == family) {
            // Clipped first: only the subnets the claim reaches are walked.
            for part in subnets.clip(&claim.range).complement_within(&claim.range).ranges() {
                outside.push((part, claim.label.clone()));
            }
        }
    }
    Statics { segments, unparsed, outside }
}

/// For each segment, the claims (indexes, in plan order, each once) that may give it an item: a
/// static host address in its subnet, or a gateway, DNS server or reserved entry in one of its
/// DHCP scopes. Found by one class sweep (subnets meet static hosts, scopes meet the others), so
/// the work is the pairs found, not every segment times every claim.
fn claims_by_segment(resolved: &Resolved) -> Vec<Vec<usize>> {
    const SUBNETS: usize = 0;
    const HOSTS: usize = 1;
    const SCOPES: usize = 2;
    const NAMED: usize = 3;
    // (range, class, segment or claim index)
    let mut entries: Vec<(AddrRange, usize, usize)> = Vec::new();
    for (s, view) in resolved.segments.iter().enumerate() {
        let Some(subnet) = view.subnet else { continue };
        entries.push((subnet.range, SUBNETS, s));
        let scopes = IntervalSet::from_ranges(subnet.range.family, view.dhcp.iter().copied());
        entries.extend(scopes.ranges().map(|d| (d, SCOPES, s)));
    }
    for (i, claim) in resolved.claims.iter().enumerate() {
        if claim.kind.is_static_host() {
            entries.push((claim.range, HOSTS, i));
        } else if matches!(claim.kind, ClaimKind::Gateway | ClaimKind::Dns | ClaimKind::Reserved) {
            entries.push((claim.range, NAMED, i));
        }
    }
    let ranges: Vec<AddrRange> = entries.iter().map(|e| e.0).collect();
    let partner = |class: usize| match class {
        SUBNETS => HOSTS,
        HOSTS => SUBNETS,
        SCOPES => NAMED,
        _ => SCOPES,
    };
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); resolved.segments.len()];
    crate::sweep::for_each_overlap_by_class(
        &ranges,
        4,
        |i| [Some(entries[i].1), None],
        |i, met| met.push(partner(entries[i].1)),
        |i, _, open| {
            let (_, class, id) = entries[i];
            for j in open.iter() {
                let (s, claim) = if class == SUBNETS || class == SCOPES { (id, entries[j].2) } else { (entries[j].2, id) };
                found[s].push(claim);
            }
        },
    );
    for claims in &mut found {
        claims.sort_unstable();
        claims.dedup();
    }
    found
}

/// The DHCP exclusions, plain text: per segment a `# segment NAME SUBNET` line, then one merged
/// range per line (`a-b`, or `a` for one address), lowest first.
///
/// The lines hold every static address of the plan in the segment's subnet: control plane IPs,
/// load balancer pools and the Arc resource bridge's IPs, plus a gateway, DNS server or reserved
/// entry where a DHCP scope of the segment contains it (the `dhcp-contains-reserved` advice).
/// Overlapping and adjacent addresses merge. Only the addresses inside a DHCP scope really need
/// excluding: those lines end with `# inside DHCP scope`, and a range that crosses the edge of a
/// scope is split there so each line is wholly inside or wholly outside. The others are listed so
/// the DHCP administrator sees every static address of the subnet. Addresses in no segment's
/// subnet and segments whose subnet does not parse are named in comments.
pub(super) fn dhcp_exclusions(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let st = statics(&resolved, false);
    let mut out = preamble("DHCP exclusions", plan, comment_text);
    let _ = writeln!(out, "# Per segment, the plan's static addresses in its subnet (control plane IPs, load balancer pools,");
    let _ = writeln!(out, "# Arc resource bridge IPs, and any gateway, DNS server or reserved entry inside a DHCP scope),");
    let _ = writeln!(out, "# merged and sorted. Lines marked \"inside DHCP scope\" must be excluded from the scope; the");
    let _ = writeln!(out, "# others lie outside every scope already.");
    for seg in &st.segments {
        let _ = writeln!(out);
        let _ = writeln!(out, "# segment {} {}", comment_text(segment_name(plan, seg.segment)), seg.subnet);
        if seg.lines.is_empty() {
            let _ = writeln!(out, "# no static addresses in this subnet");
        }
        for (range, inside) in &seg.lines {
            if *inside {
                let _ = writeln!(out, "{range}  # inside DHCP scope");
            } else {
                let _ = writeln!(out, "{range}");
            }
        }
    }
    for &s in &st.unparsed {
        let _ = writeln!(out);
        let _ = writeln!(out, "# segment {}: its subnet does not parse, skipped", comment_text(segment_name(plan, s)));
    }
    if !st.outside.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "# in no segment's subnet (not listed above):");
        for (range, label) in &st.outside {
            let _ = writeln!(out, "#   {range} {}", comment_text(label));
        }
    }
    out
}

/// The DHCP exclusions as Windows DHCP Server cmdlets: one `Add-DhcpServerv4ExclusionRange` per
/// range inside a DHCP scope (`-ScopeId` is the segment subnet's network address, Windows' id of the
/// scope for that subnet), `Add-DhcpServerv6ExclusionRange -Prefix` for IPv6 segments. Windows
/// refuses an exclusion outside the scope's range, so static addresses outside every scope are
/// only named in a comment.
///
/// Each line calls the template's helper, which adds one exclusion unless the server has exactly
/// that one already (Get-DhcpServerv4/v6ExclusionRange), so the file can run twice; a failed add
/// stops the file with the server's error. A file with nothing to exclude leaves the helper out.
pub(super) fn dhcp_ps1(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let st = statics(&resolved, false);
    let mut segments = String::new();
    for seg in &st.segments {
        let network = format_addr(seg.subnet.range.family, seg.subnet.range.start);
        let _ = writeln!(segments);
        let _ = writeln!(segments, "# segment {} {}", comment_ascii(segment_name(plan, seg.segment)), seg.subnet);
        let inside: Vec<&AddrRange> = seg.lines.iter().filter(|(_, i)| *i).map(|(r, _)| r).collect();
        let outside: Vec<String> = seg.lines.iter().filter(|(_, i)| !*i).map(|(r, _)| r.to_string()).collect();
        if inside.is_empty() {
            let _ = writeln!(segments, "# nothing to exclude: no static address lies inside a DHCP scope of this segment");
        }
        for r in inside {
            let (start, end) = (format_addr(r.family, r.start), format_addr(r.family, r.end));
            let v6 = if r.family == Family::V6 { " -V6" } else { "" };
            let _ = writeln!(segments, "Add-PlannedExclusion -Scope {network} -StartRange {start} -EndRange {end}{v6}");
        }
        if !outside.is_empty() {
            let _ = writeln!(segments, "# static, outside every DHCP scope already: {}", outside.join(", "));
        }
    }
    for &s in &st.unparsed {
        let _ = writeln!(segments);
        let _ = writeln!(segments, "# segment {}: its subnet does not parse, skipped", comment_ascii(segment_name(plan, s)));
    }
    let excludes = st.segments.iter().any(|seg| seg.lines.iter().any(|(_, inside)| *inside));
    let helper = if excludes { block(PS1_TEMPLATE, "helper") } else { "" };
    fill(PS1_TEMPLATE, &[
        ("header", preamble("Windows DHCP Server exclusions", plan, comment_ascii)),
        ("helper", helper.to_string()),
        ("segments", segments),
    ])
}

/// The script as a file (see `template`): the fixed comments and the helper every line calls.
const PS1_TEMPLATE: &str = include_str!("templates/dhcp.ps1");
