//! The NO_PROXY value for a plan whose traffic goes through a proxy.

use super::*;

/// What must bypass the proxy besides the plan's networks (Azure Local's proxy configuration
/// page): Kubernetes' in-cluster names and the three private ranges.
const NO_PROXY_FIXED: [&str; 6] = [".svc", "kubernetes.default.svc", ".svc.cluster.local", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/// The NO_PROXY value: the network prefixes that parse, then the fixed entries, each once.
pub(super) fn no_proxy(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let mut entries: Vec<String> = resolved.segments.iter().filter_map(|v| v.subnet.map(|s| s.to_string())).collect();
    entries.extend(NO_PROXY_FIXED.iter().map(|e| e.to_string()));
    let mut seen = HashSet::new();
    entries.retain(|e| seen.insert(e.clone()));
    // The platform that offers this export sets the proxy when it is itself deployed.
    let host = platform::of(plan).words.short;
    let mut out = preamble("NO_PROXY", plan, comment_text);
    let _ = writeln!(out, "# The clusters inherit {host}'s proxy settings, which cannot be changed after deployment:");
    let _ = writeln!(out, "# set this when {host} is deployed. Environment variables take CIDR blocks; a * wildcard is");
    let _ = writeln!(out, "# not supported. {host}'s own entries (its machines, cluster name, infrastructure) come on top.");
    let _ = writeln!(out, "# The proxy must not need a user name and password, use a PAC file, inspect TLS, or have an");
    let _ = writeln!(out, "# address in a .local domain.");
    let _ = writeln!(out, "NO_PROXY={}", entries.join(","));
    out
}
