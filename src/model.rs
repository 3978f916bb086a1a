//! The plan: one JSON document (schema 1) that the page edits, the CLI reads and the share link
//! carries.
//!
//! Structure is strict (unknown fields, wrong types and out-of-range counts are refused with the
//! field's path) while content is lenient: a missing name or unparsable address text still loads,
//! and becomes a finding, so a half-typed plan can be evaluated.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The only schema this release reads and writes.
pub const SCHEMA: u32 = 1;
/// The region used when a plan does not name one.
pub const DEFAULT_REGION: &str = "eastus";
/// Plans larger than this are refused before parsing: no real plan comes near it.
pub const MAX_PLAN_BYTES: usize = 16 * 1024 * 1024;

/// Declares [`PlatformId`] from one line per platform: its variant and the text the plan's
/// `platform` field holds, so a new platform is one line here (and its file in `src/platform/`,
/// named in `platform::by_id`).
macro_rules! platform_ids {
    ($(#[$doc:meta])* $default:ident => $default_text:literal, $($variant:ident => $text:literal,)*) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum PlatformId {
            #[default]
            #[serde(rename = $default_text)]
            $default,
            $(#[serde(rename = $text)] $variant,)*
        }

        impl PlatformId {
            /// Every platform, in the order of their lines.
            pub const ALL: [PlatformId; 1 + [$(PlatformId::$variant,)*].len()] = [PlatformId::$default, $(PlatformId::$variant,)*];

            /// The value of the plan's `platform` field: `azure-local`.
            pub fn as_str(self) -> &'static str {
                match self {
                    PlatformId::$default => $default_text,
                    $(PlatformId::$variant => $text,)*
                }
            }
        }
    };
}

platform_ids! {
    /// The platform a plan deploys to. Plans made before the field existed are VMware plans.
    Vmware => "vmware",
    AzureLocal => "azure-local",
    AzureLocalMultiRack => "azure-local-multi-rack",
    AksBareMetal => "aks-bare-metal",
}

impl PlatformId {
    fn is_vmware(&self) -> bool {
        *self == PlatformId::Vmware
    }
}

impl fmt::Display for PlatformId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for PlatformId {
    type Err = String;

    /// ```
    /// use aksarc_netplan::model::PlatformId;
    /// assert_eq!("azure-local".parse(), Ok(PlatformId::AzureLocal));
    /// assert!("azure".parse::<PlatformId>().unwrap_err().contains("vmware, azure-local"));
    /// ```
    fn from_str(text: &str) -> Result<PlatformId, String> {
        PlatformId::ALL.into_iter().find(|p| p.as_str() == text).ok_or_else(|| {
            let known: Vec<&str> = PlatformId::ALL.iter().map(|p| p.as_str()).collect();
            format!("\"{text}\" is not a platform; the platforms are {}", known.join(", "))
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub schema: u32,
    /// Left out of the JSON for VMware, so VMware plans read and write as they always did.
    #[serde(default, skip_serializing_if = "PlatformId::is_vmware")]
    pub platform: PlatformId,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub proxy: bool,
    #[serde(default)]
    pub segments: Vec<Segment>,
    #[serde(default)]
    pub reserved: Vec<Reserved>,
    #[serde(default)]
    pub clusters: Vec<Cluster>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_bridge: Option<ResourceBridge>,
    #[serde(default = "default_region")]
    pub region: String,
    #[serde(default)]
    pub firewall_confirmed: Vec<String>,
    /// Azure Local only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management: Option<Management>,
    /// Findings the team accepted on purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

/// A finding the team accepted on purpose (a VIP range two clusters share, a NAT): it stays
/// listed with its reason but no longer fails the plan. It names the finding as a finding names
/// itself, by rule id and field path, so it keeps matching while the plan is edited elsewhere.
/// The rule is text, not a `RuleId`: a waiver of a rule this release does not know is reported
/// (`waiver-unused`), not refused with the whole plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub reason: String,
}

impl Waiver {
    /// Whether this waiver names the finding of `rule` (its id) at `field` (its path): the one
    /// match the checks, the reports, the edits and the page share.
    pub fn names(&self, rule: &str, field: &str) -> bool {
        self.rule == rule && self.field == field
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub subnet: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    #[serde(default)]
    pub dns: Vec<String>,
    #[serde(default)]
    pub dhcp: Vec<String>,
    #[serde(default)]
    pub dhcp_in_use: u32,
    /// Azure Local: the logical network's IP pools (address texts), where node VMs and automatic
    /// control plane IPs get their addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_pools: Vec<String>,
    /// Azure Local: the logical network's VLAN, 0 for untagged.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub vlan: u32,
    /// Multi-rack: the ARM ID of the rack fabric's Layer 3 internal network the logical network
    /// is created on; blank until known (the deployment script then asks for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fabric_network: Option<String>,
    /// Azure has it already (imported): planned as it is, never created again.
    #[serde(default, skip_serializing_if = "is_false")]
    pub existing: bool,
}

/// Azure Local's management network, where Azure Local and its Arc resource bridge take the
/// addresses of their infrastructure pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Management {
    #[serde(default)]
    pub subnet: String,
    #[serde(default)]
    pub infra_pool: String,
    #[serde(default)]
    pub vlan: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserved {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub addresses: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub segment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_plane_ip: Option<String>,
    #[serde(default = "default_control_plane_nodes")]
    pub control_plane_nodes: u32,
    #[serde(default)]
    pub node_pools: Vec<NodePool>,
    #[serde(default)]
    pub services: u32,
    #[serde(default)]
    pub lb_pools: Vec<String>,
    /// Bare metal: the address of the machine the single-node cluster runs on, which a blank
    /// control plane IP stands for. The planner's own field: Microsoft's templates name the
    /// machine, not its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<String>,
    /// Azure has it already (imported): planned as it is, never created again.
    #[serde(default, skip_serializing_if = "is_false")]
    pub existing: bool,
    /// Those of `lb_pools` (as typed) that Azure's load balancers already serve (imported).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lb_pools_existing: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodePool {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub nodes: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceBridge {
    #[serde(default)]
    pub control_plane_ip: String,
    #[serde(default)]
    pub appliance_vm_ips: String,
}

fn default_region() -> String {
    DEFAULT_REGION.to_string()
}

fn default_control_plane_nodes() -> u32 {
    1
}

impl Default for Plan {
    fn default() -> Plan {
        Plan {
            schema: SCHEMA,
            platform: PlatformId::Vmware,
            name: String::new(),
            proxy: false,
            segments: Vec::new(),
            reserved: Vec::new(),
            clusters: Vec::new(),
            resource_bridge: None,
            region: default_region(),
            firewall_confirmed: Vec::new(),
            waivers: Vec::new(),
            management: None,
        }
    }
}

impl Default for Cluster {
    fn default() -> Cluster {
        Cluster {
            name: String::new(),
            segment: String::new(),
            control_plane_ip: None,
            control_plane_nodes: default_control_plane_nodes(),
            node_pools: Vec::new(),
            services: 0,
            lb_pools: Vec::new(),
            host_ip: None,
            existing: false,
            lb_pools_existing: Vec::new(),
        }
    }
}

/// Why a document is not a plan. The message names the JSON path (or line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    pub message: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlanError {}

impl Plan {
    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// Reads a plan from JSON text.
    ///
    /// ```
    /// use aksarc_netplan::model::Plan;
    /// let plan = Plan::from_json(r#"{"schema": 1, "name": "lab"}"#).unwrap();
    /// assert_eq!(plan.region, "eastus");
    /// let err = Plan::from_json(r#"{"schema": 1, "clusters": [{"servces": 3}]}"#).unwrap_err();
    /// assert!(err.message.contains("clusters[0]"));
    /// ```
    pub fn from_json(text: &str) -> Result<Plan, PlanError> {
        within_limit(text)?;
        let mut de = serde_json::Deserializer::from_str(text);
        let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            // What serde trips on first is often a symptom: in `[[[...` nested past its limit, or
            // an array where an object belongs, it reads the array as a struct's fields and
            // blames the first field ("`segments[0][0]`: expected a string"). The document's
            // shape is named first when it is the problem.
            if let Err(shape) = structure(text) {
                return shape;
            }
            // A plan given as an array is read by serde as a list of fields (see `objects_only`);
            // whatever it tripped on in there, the array is the thing to name.
            if text.trim_start().starts_with('[') {
                return PlanError { message: "not a plan: invalid type: sequence, expected a JSON object".into() };
            }
            // Inside an object: the object or array out of place is named by its path (the
            // whole document's type, serde names well).
            if let Ok(root) = serde_json::from_str::<serde_json::Value>(text).map(|v| v.is_object().then_some(v)) {
                if let Some(Err(shape)) = root.as_ref().map(objects_in) {
                    return shape;
                }
            }
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = if path == "." || path.is_empty() {
                format!("not a plan: {inner}")
            } else {
                format!("not a plan: field `{path}`: {inner}")
            };
            PlanError { message }
        })?;
        de.end().map_err(|e| PlanError { message: format!("not a plan: {e}") })?;
        objects_only(text)?;
        known_schema(plan)
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// Reads a plan this program wrote: the built-in examples, and the plans the page hands its
    /// second module. The same checks as [`Plan::from_json`] but two: a message gives the line
    /// and column of a bad field rather than its path, and a plan given as an array of its
    /// fields is not refused. What a person hands in goes through `from_json`.
    ///
    /// ```
    /// use aksarc_netplan::model::Plan;
    /// let plan = Plan::from_trusted_json(&Plan::example().to_json()).unwrap();
    /// assert_eq!(plan, Plan::example());
    /// let err = Plan::from_trusted_json(r#"{"schema": 1, "clusters": [{"servces": 3}]}"#).unwrap_err();
    /// assert!(err.message.contains("unknown field `servces`"));
    /// ```
    pub fn from_trusted_json(text: &str) -> Result<Plan, PlanError> {
        within_limit(text)?;
        let plan = serde_json::from_str(text).map_err(|e| PlanError { message: format!("not a plan: {e}") })?;
        known_schema(plan)
    }

    /// The plan, if its schema is the one this release reads (for readers of other formats).
    pub fn of_known_schema(self) -> Result<Plan, PlanError> {
        known_schema(self)
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// The plan as pretty JSON, the import/export format.
    pub fn to_json(&self) -> String {
        // Serialising plain owned strings, numbers and lists cannot fail.
        serde_json::to_string_pretty(self).expect("a plan always serialises")
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// The plan as JSON on one line: for a plan that came compact, or whose pretty form would be
    /// over what [`Plan::from_json`] takes (indentation can make a large plan five times larger).
    pub fn to_compact_json(&self) -> String {
        // Serialising plain owned strings, numbers and lists cannot fail.
        serde_json::to_string(self).expect("a plan always serialises")
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// How many bytes [`Plan::to_json`] (`pretty`) or [`Plan::to_compact_json`] would write, found
    /// without writing them, so a plan too large to read back is refused before it takes memory.
    ///
    /// ```
    /// let plan = aksarc_netplan::model::Plan::example();
    /// assert_eq!(plan.json_len(true), plan.to_json().len());
    /// assert_eq!(plan.json_len(false), plan.to_compact_json().len());
    /// ```
    pub fn json_len(&self, pretty: bool) -> usize {
        struct Count(usize);
        impl std::io::Write for Count {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0 += buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut count = Count(0);
        // Counting never fails, and neither does serialising the plan.
        let _ = if pretty { serde_json::to_writer_pretty(&mut count, self) } else { serde_json::to_writer(&mut count, self) };
        count.0
    }

    /// A file-name stem from the plan's name: `Contoso lab` → `contoso-lab` (`plan` when empty).
    ///
    /// ```
    /// let mut plan = aksarc_netplan::model::Plan::example();
    /// assert_eq!(plan.file_stem(), "contoso-lab");
    /// plan.name = " ../Ünïcode / lab ".into();
    /// assert_eq!(plan.file_stem(), "ünïcode-lab");
    /// ```
    pub fn file_stem(&self) -> String {
        let mut stem = String::new();
        for ch in self.name.chars().flat_map(char::to_lowercase) {
            if ch.is_alphanumeric() {
                stem.push(ch);
            } else if !stem.is_empty() && !stem.ends_with('-') {
                stem.push('-');
            }
            if stem.chars().count() >= 60 {
                break;
            }
        }
        let stem = stem.trim_end_matches('-');
        if stem.is_empty() { "plan".to_string() } else { stem.to_string() }
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
    /// The VMware worked example (`examples/contoso.json`): one segment, two clusters, a
    /// resource bridge. A new user sees the example of `platform::first()` instead.
    pub fn example() -> Plan {
        // The text is part of the binary and covered by a test, so parsing cannot fail here.
        Plan::from_trusted_json(EXAMPLE_JSON).expect("the built-in example is a valid plan")
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
fn within_limit(text: &str) -> Result<(), PlanError> {
    if text.len() <= MAX_PLAN_BYTES {
        return Ok(());
    }
    Err(PlanError {
        message: format!("the plan is {} bytes; plans over {} MiB are refused", text.len(), MAX_PLAN_BYTES / (1024 * 1024)),
    })
}

fn known_schema(plan: Plan) -> Result<Plan, PlanError> {
    if plan.schema == SCHEMA {
        return Ok(plan);
    }
    Err(PlanError {
        message: format!("not a plan: field `schema`: schema {} is not known to this release (it reads schema {SCHEMA})", plan.schema),
    })
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// serde also reads a struct from a JSON array of its fields in order, so without this check
/// `[1, "lab", true]` would load as a plan with `proxy: true`. The plan and every object in it
/// are JSON objects with named fields; anything else is a wrong type (exit 2), named by its path.
fn objects_only(text: &str) -> Result<(), PlanError> {
    use serde_json::Value;
    let root: Value = serde_json::from_str(text).map_err(|e| PlanError { message: format!("not a plan: {e}") })?;
    objects_in(&root)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// [`objects_only`] of a document already read.
fn objects_in(root: &serde_json::Value) -> Result<(), PlanError> {
    use serde_json::Value;
    fn need(v: &Value, path: &str) -> Result<(), PlanError> {
        if v.is_object() {
            return Ok(());
        }
        let kind = if v.is_array() { "sequence (an array where an object belongs)" } else { "a value that is not an object" };
        let at = if path.is_empty() { String::new() } else { format!("field `{path}`: ") };
        Err(PlanError { message: format!("not a plan: {at}invalid type: {kind}, expected a JSON object") })
    }
    need(root, "")?;
    let items = |list: &str| root.get(list).and_then(Value::as_array).map(|a| a.as_slice()).unwrap_or_default();
    for list in ["segments", "reserved", "clusters"] {
        for (i, item) in items(list).iter().enumerate() {
            need(item, &format!("{list}[{i}]"))?;
        }
    }
    for (c, cluster) in items("clusters").iter().enumerate() {
        let pools = cluster.get("node_pools").and_then(Value::as_array).map(|a| a.as_slice()).unwrap_or_default();
        for (p, pool) in pools.iter().enumerate() {
            need(pool, &format!("clusters[{c}].node_pools[{p}]"))?;
        }
    }
    for field in ["resource_bridge", "management"] {
        match root.get(field) {
            Some(v) if !v.is_null() => need(v, field)?,
            _ => {}
        }
    }
    Ok(())
}

/// How deep arrays and objects may nest in a plan: a plan nests five deep (a node pool in a
/// cluster in the plan); this leaves room and stays well under serde_json's own limit.
pub const MAX_DEPTH: usize = 32;

#[cfg(any(not(target_arch = "wasm32"), feature = "page-tools"))]
/// The document's shape, in one pass over its bytes: arrays and objects nested deeper than
/// [`MAX_DEPTH`], or a document that ends with some still open or inside a string, named with
/// where. Anything else (a stray character, a wrong type) is left to the reader's message.
fn structure(text: &str) -> Result<(), PlanError> {
    let (mut line, mut column) = (1usize, 0usize);
    // The open arrays and objects: their bracket and where it stands.
    let mut open: Vec<(u8, usize, usize)> = Vec::new();
    let mut string: Option<(usize, usize)> = None;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if b == b'\n' {
            line += 1;
            column = 0;
        } else if b & 0xc0 != 0x80 {
            // A column counts characters, not the bytes of one.
            column += 1;
        }
        if string.is_some() {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => string = None,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => string = Some((line, column)),
            b'[' | b'{' => {
                open.push((b, line, column));
                if open.len() > MAX_DEPTH {
                    return Err(PlanError {
                        message: format!(
                            "not a plan: nesting too deep at line {line} column {column}: more than {MAX_DEPTH} arrays and objects inside each other, where a plan nests five at most"
                        ),
                    });
                }
            }
            b']' | b'}' => {
                open.pop();
            }
            _ => {}
        }
    }
    if let Some((l, c)) = string {
        return Err(PlanError {
            message: format!("not a plan: the document ends early (line {line} column {column}), inside the string that starts at line {l} column {c}"),
        });
    }
    if let Some(&(bracket, l, c)) = open.last() {
        let n = open.len();
        return Err(PlanError {
            message: format!(
                "not a plan: the document ends early (line {line} column {column}) with {n} {} not closed, the last the `{}` at line {l} column {c}",
                if n == 1 { "array or object" } else { "arrays or objects" },
                bracket as char
            ),
        });
    }
    Ok(())
}

/// The built-in VMware example plan (also `examples/contoso.json`).
pub const EXAMPLE_JSON: &str = include_str!("../examples/contoso.json");
