//! Expectations typed by hand from the sources (`tests/data/`), never produced by the planner,
//! so a test that compares with them can catch a row the code lost or changed.
#![allow(dead_code)]

/// One row of `tests/data/firewall-contoso.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirewallRow {
    /// `aks` or `bridge`.
    pub section: String,
    pub destination: String,
    pub port: String,
    pub protocol: String,
    /// The sources of the rule, joined with "; ".
    pub from: String,
}

impl FirewallRow {
    /// A host name (or `.domain` / `*.domain` wildcard), not a set of peers described in words.
    pub fn is_host(&self) -> bool {
        !self.destination.contains(' ')
    }

    /// The form most firewalls take: `*.example.com` for every subdomain of example.com.
    pub fn star_form(&self) -> String {
        match self.destination.strip_prefix('.') {
            Some(rest) => format!("*.{rest}"),
            None => self.destination.clone(),
        }
    }

    pub fn ports(&self) -> Vec<String> {
        self.port.split(',').map(|p| p.trim().to_string()).collect()
    }
}

/// The firewall checklist of `examples/contoso.json`, in order.
pub fn firewall_contoso() -> Vec<FirewallRow> {
    include_str!("../data/firewall-contoso.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "five tab-separated fields: {l:?}");
            FirewallRow {
                section: f[0].into(),
                destination: f[1].into(),
                port: f[2].into(),
                protocol: f[3].into(),
                from: f[4].into(),
            }
        })
        .collect()
}

/// The two host names the 2025-09-15 version of the AKS page replaced, which the host lists keep
/// beside their successors so an older rule can still be matched.
pub const REPLACED_NAMES: [&str; 2] = ["k8connecthelm.azureedge.net", "k8sconnectcsp.azureedge.net"];

/// The managed-identity region codes, `<region-code>` in `https://<region-code>.his.arc.azure.com`,
/// with each region as the page names it, in the page's order. From Microsoft Learn, "Quickstart:
/// Connect an existing Kubernetes cluster to Azure Arc", "Meet network requirements" (ms.date
/// 06/30/2021; MicrosoftDocs/azure-docs, articles/azure-arc/kubernetes/quickstart-connect-cluster.md).
/// Microsoft's current Arc network requirements (2025) give `*.his.arc.azure.com` instead, with no codes.
pub const HIS_REGION_CODES: [(&str, &str); 11] = [
    ("East US", "eus"),
    ("West Europe", "weu"),
    ("West Central US", "wcus"),
    ("South Central US", "scus"),
    ("South East Asia", "sea"),
    ("UK South", "uks"),
    ("West US 2", "wus2"),
    ("Australia East", "ae"),
    ("East US 2", "eus2"),
    ("North Europe", "ne"),
    ("France Central", "fc"),
];
