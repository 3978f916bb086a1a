//! MetalLB `IPAddressPool` and `L2Advertisement` documents, one pair per cluster.

use super::*;

/// A Kubernetes object name (DNS-1123) from a cluster name: lower case letters, digits and `-`,
/// at most 50 characters; `cluster-N` when nothing is left.
pub(super) fn dns1123(name: &str, index: usize) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 50 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { format!("cluster-{}", index + 1) } else { out.to_string() }
}

/// A pool entry as MetalLB takes it: a CIDR as a CIDR, a range as `a-b`, one address as `/32`
/// (`/128` for IPv6).
pub(super) fn metallb_entry(text: &str) -> Option<String> {
    let t = text.trim();
    let range = parse_set(t).ok()?;
    Some(if t.contains('/') {
        parse_subnet(t).ok()?.to_string()
    } else if t.contains('-') {
        format!("{}-{}", format_addr(range.family, range.start), format_addr(range.family, range.end))
    } else {
        format!("{}/{}", format_addr(range.family, range.start), if range.family == Family::V4 { 32 } else { 128 })
    })
}

pub(super) fn metallb(plan: &Plan) -> String {
    metallb_of(plan, None)
}

/// The documents of one cluster (its index in the plan), to apply to that cluster alone.
pub fn metallb_cluster(plan: &Plan, cluster: usize) -> String {
    metallb_of(plan, Some(cluster))
}

/// The download name of one cluster's file: `{plan}-metallb-{cluster}.yaml`.
pub fn metallb_cluster_file(plan: &Plan, cluster: usize) -> String {
    let name = plan.clusters.get(cluster).map_or_else(|| format!("cluster-{}", cluster + 1), |c| dns1123(&c.name, cluster));
    format!("{}-metallb-{name}.yaml", plan.file_stem())
}

/// Every cluster's documents (`only` None) or one cluster's. Object names are the same either
/// way: they are made unique over the whole plan.
fn metallb_of(plan: &Plan, only: Option<usize>) -> String {
    let namespace = platform::of(plan).metallb_namespace;
    let resolved = resolve(plan);
    let mut out = preamble("MetalLB address pools", plan, comment_text);
    match only.and_then(|c| plan.clusters.get(c)) {
        Some(cluster) => {
            let _ = writeln!(out, "# The IPAddressPool and L2Advertisement of cluster {} (metallb.io/v1beta1): apply them to", comment_text(&cluster.name));
            let _ = writeln!(out, "# that cluster only.");
        }
        None => {
            let _ = writeln!(out, "# One IPAddressPool and one L2Advertisement per cluster (metallb.io/v1beta1). A MetalLB instance");
            let _ = writeln!(out, "# serves one cluster: apply each cluster's documents to that cluster only.");
        }
    }
    let mut used_names = super::unique::Unique::default();
    let lb_fields = claimed_lb_fields(&resolved);
    // The first finding of each field, for a skipped pool's reason: one lookup per pool.
    let mut first_finding: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for f in &resolved.findings {
        first_finding.entry(f.field.as_str()).or_insert(f.message.as_str());
    }
    let mut documents = String::new();
    for (c, cluster) in plan.clusters.iter().enumerate() {
        let shown = only.is_none_or(|o| o == c);
        // Output of clusters not asked for goes here and is dropped; their names still count.
        let mut elsewhere = String::new();
        let (out, documents) = if shown { (&mut out, &mut documents) } else { (&mut elsewhere, &mut String::new()) };
        let label = comment_text(&cluster.name);
        let mut entries = Vec::new();
        let mut skipped = Vec::new();
        for (k, text) in cluster.lb_pools.iter().enumerate() {
            let field = format!("clusters[{c}].lb_pools[{k}]");
            let claimed = lb_fields.contains(field.as_str());
            match metallb_entry(text).filter(|_| claimed) {
                Some(e) => entries.push(e),
                None => {
                    let why = first_finding.get(field.as_str()).map_or("it does not parse", |m| m);
                    skipped.push(format!("{field} skipped: {}", comment_text(&why)));
                }
            }
        }
        if entries.is_empty() {
            let _ = writeln!(*out, "#");
            let _ = writeln!(*out, "# Cluster {label}: no load balancer pool to apply.");
            for s in &skipped {
                let _ = writeln!(*out, "#   {s}");
            }
            continue;
        }
        // Unique over the whole plan, by a map of next suffixes: thousands of clusters of one
        // name take linear work.
        let name = used_names.name(dns1123(&cluster.name, c), usize::MAX);
        let _ = writeln!(*documents, "---");
        let _ = writeln!(*documents, "# Cluster {label}, segment {}.", comment_text(&cluster.segment));
        for s in &skipped {
            let _ = writeln!(*documents, "# {s}");
        }
        // Sorted, any overlap shows between neighbours.
        let mut pools: Vec<AddrRange> = entries.iter().filter_map(|e| parse_set(e).ok()).collect();
        pools.sort();
        if pools.windows(2).any(|w| w[0].overlaps(&w[1])) {
            let _ = writeln!(*documents, "# These pools overlap; MetalLB refuses overlapping entries (rule lb-overlap).");
        }
        let _ = writeln!(*documents, "apiVersion: metallb.io/v1beta1");
        let _ = writeln!(*documents, "kind: IPAddressPool");
        let _ = writeln!(*documents, "metadata:");
        let _ = writeln!(*documents, "  name: {name}-pool");
        let _ = writeln!(*documents, "  namespace: {namespace}");
        let _ = writeln!(*documents, "spec:");
        let _ = writeln!(*documents, "  addresses:");
        for e in &entries {
            if e.contains(':') {
                let _ = writeln!(*documents, "    - \"{e}\"");
            } else {
                let _ = writeln!(*documents, "    - {e}");
            }
        }
        let _ = writeln!(*documents, "---");
        let _ = writeln!(*documents, "apiVersion: metallb.io/v1beta1");
        let _ = writeln!(*documents, "kind: L2Advertisement");
        let _ = writeln!(*documents, "metadata:");
        let _ = writeln!(*documents, "  name: {name}-l2");
        let _ = writeln!(*documents, "  namespace: {namespace}");
        let _ = writeln!(*documents, "spec:");
        let _ = writeln!(*documents, "  ipAddressPools:");
        let _ = writeln!(*documents, "    - {name}-pool");
    }
    if plan.clusters.is_empty() {
        let _ = writeln!(out, "#");
        let _ = writeln!(out, "# The plan has no cluster.");
    }
    out.push_str(&documents);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metallb_entries() {
        assert_eq!(metallb_entry("10.20.0.64/29").as_deref(), Some("10.20.0.64/29"));
        assert_eq!(metallb_entry(" 10.20.0.30 - 10.20.0.39 ").as_deref(), Some("10.20.0.30-10.20.0.39"));
        assert_eq!(metallb_entry("10.20.0.5").as_deref(), Some("10.20.0.5/32"));
        assert_eq!(metallb_entry("fd00::5").as_deref(), Some("fd00::5/128"));
        assert_eq!(metallb_entry("fd00:0::1-fd00::9").as_deref(), Some("fd00::1-fd00::9"));
        assert_eq!(metallb_entry("10.20.0.1/24"), None);
        assert_eq!(metallb_entry("nope"), None);
        assert_eq!(dns1123("Prod Cluster #1", 0), "prod-cluster-1");
        assert_eq!(dns1123("ÜÜ", 4), "cluster-5");
    }

    #[test]
    fn whole_spaces_do_not_overflow() {
        // Found by the property test: a pool of the whole IPv6 space next to an IPv4 address.
        let mut plan = Plan::default();
        plan.clusters.push(crate::model::Cluster {
            name: "s0".into(),
            lb_pools: vec!["10.0.0.0".into(), "::/0".into(), "::1".into(), "0.0.0.0/0".into()],
            ..Default::default()
        });
        let yaml = export(Kind::Metallb, &plan);
        assert!(yaml.contains("    - \"::/0\"") && yaml.contains("    - 0.0.0.0/0"));
        assert!(yaml.contains("These pools overlap"));
        plan.segments.push(crate::model::Segment { name: "all".into(), subnet: "::/0".into(), dhcp: vec!["::/1".into()], ..Default::default() });
        for kind in Kind::ALL {
            export(kind, &plan);
        }
    }
}
