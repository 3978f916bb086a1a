#![cfg(not(target_arch = "wasm32"))]
//! Every export read by what reads it in real life, for each example plan it applies to: the
//! MetalLB YAML against MetalLB's published CRD schemas and Kubernetes' name rules, the Squid
//! allowlist by Squid itself, the bash scripts by bash and shellcheck, the PowerShell scripts by a
//! PowerShell grammar, the CSV files by a standard CSV reader. Golden files catch a change; these
//! catch an export that its reader would refuse. Each check has a test that it can fail.

mod support {
    pub mod csv;
    pub mod powershell;
    pub mod shell;
}

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::io::Write;
use std::process::{Command, Stdio};

use aksarc_netplan::exports::{export, metallb_cluster, Kind};
use aksarc_netplan::model::Plan;
use regex::Regex;
use serde_json::{Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The plans every export is read back for: the two worked examples (VMware, Azure Local), the
/// golden corner-case plan (IPv6, CIDR pools, DHCP scopes), the plan where every rule fires, and
/// the VMware example with cluster names that are not Kubernetes names.
fn plans() -> Vec<(&'static str, Plan)> {
    let files = [
        ("contoso", "examples/contoso.json"),
        ("azure-local", "examples/azure-local.json"),
        ("azure-local-multi-rack", "examples/azure-local-multi-rack.json"),
        ("aks-bare-metal", "examples/aks-bare-metal.json"),
        ("varied", "tests/data/golden/varied.json"),
        ("every-rule", "tests/data/golden/every-rule.json"),
    ];
    let mut plans: Vec<(&str, Plan)> = files
        .iter()
        .map(|(stem, file)| {
            let text = std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
            (*stem, Plan::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}")))
        })
        .collect();
    let mut odd = Plan::example();
    odd.clusters[0].name = "On".to_string();
    odd.clusters[1].name = format!("Ünïcode_Cluster.{}", "x".repeat(80));
    odd.clusters[1].lb_pools = vec!["10.20.0.40/30".to_string(), "10.20.0.50".to_string()];
    plans.push(("odd-names", odd));
    plans
}

/// Every export of `kind` for the plans it applies to, each named `plan.kind`. Never empty: a
/// check that met no export would pass on nothing.
fn exports_of(kind: Kind) -> Vec<(String, String)> {
    let out: Vec<(String, String)> = plans()
        .into_iter()
        .filter(|(_, plan)| kind.applies_to(plan))
        .map(|(stem, plan)| (format!("{stem}.{kind}"), export(kind, &plan)))
        .collect();
    assert!(!out.is_empty(), "{kind} applies to none of the plans");
    out
}

/// A fresh directory for one test under Cargo's scratch space.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("consumers").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A reader that `scripts/setup` installs. Missing, the test fails and says what to run: a
/// skipped check would look like a passed one.
fn tool(path: &'static str, package: &str) -> &'static str {
    assert!(Path::new(path).exists(), "{path} is missing: run scripts/setup (it installs Debian's {package})");
    path
}

// ---- MetalLB: the CRD schemas ----------------------------------------------------------------

/// A YAML node as JSON, the data model both the schemas and the API server work in.
fn yaml_to_json(node: &Yaml) -> Value {
    match node {
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Real(r) => Value::from(r.parse::<f64>().unwrap_or_else(|_| panic!("YAML float {r:?}"))),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Null => Value::Null,
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().unwrap_or_else(|| panic!("non-string key {k:?}")).to_string(), yaml_to_json(v)))
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::BadValue => panic!("YAML node the exports never write: {node:?}"),
    }
}

/// The documents of a YAML stream, empty ones (a stream that opens with comments) left out.
fn yaml_documents(text: &str) -> Result<Vec<Value>, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
    Ok(docs.iter().map(yaml_to_json).filter(|d| !d.is_null()).collect())
}

fn data_file(name: &str) -> Value {
    let path = format!("{ROOT}/tests/data/metallb-crds/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut docs = yaml_documents(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(docs.len(), 1, "{path} holds one document");
    docs.remove(0)
}

/// What the API server checks an object against: its group, kind, served versions and schema.
struct Crd {
    group: String,
    kind: String,
    namespaced: bool,
    /// Served version name and its openAPIV3Schema.
    versions: Vec<(String, Value)>,
}

/// MetalLB's two CRDs, each with the Kubernetes metadata rules (`objectmeta.yaml`) put where the
/// CRD schema says only `type: object`, as the API server does for `metadata`.
fn metallb_crds() -> Vec<Crd> {
    let meta = data_file("objectmeta.yaml");
    ["metallb.io_ipaddresspools.yaml", "metallb.io_l2advertisements.yaml"]
        .iter()
        .map(|file| {
            let crd = data_file(file);
            assert_eq!(crd["kind"], "CustomResourceDefinition", "{file}");
            let spec = &crd["spec"];
            let versions = spec["versions"]
                .as_array()
                .unwrap_or_else(|| panic!("{file}: spec.versions"))
                .iter()
                .filter(|v| v["served"] == true)
                .map(|v| {
                    let mut schema = v["schema"]["openAPIV3Schema"].clone();
                    let slot = &mut schema["properties"]["metadata"];
                    assert_eq!(*slot, serde_json::json!({"type": "object"}), "{file}: metadata now has a schema of its own");
                    *slot = meta.clone();
                    (v["name"].as_str().unwrap().to_string(), schema)
                })
                .collect();
            Crd {
                group: spec["group"].as_str().unwrap().to_string(),
                kind: spec["names"]["kind"].as_str().unwrap().to_string(),
                namespaced: spec["scope"] == "Namespaced",
                versions,
            }
        })
        .collect()
}

/// Schema keywords that say nothing about what is valid: text, defaults the server fills in,
/// and merge strategies (`x-kubernetes-list-type` and the like).
fn is_annotation(keyword: &str) -> bool {
    matches!(keyword, "description" | "default") || keyword.starts_with("x-kubernetes-")
}

/// Checks `value` against a Kubernetes structural schema (the OpenAPI v3 subset CRDs use). A
/// field the schema does not name is an error, as under kubectl's default strict field
/// validation. A keyword this checker does not know stops the test rather than being ignored.
fn check_schema(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = schema.as_object().unwrap_or_else(|| panic!("schema at {path} is not a mapping"));
    for keyword in schema.keys() {
        let known = [
            "type", "properties", "required", "items", "additionalProperties", "enum", "pattern", "maxLength", "minLength",
            "minimum", "maximum", "format",
        ];
        assert!(known.contains(&keyword.as_str()) || is_annotation(keyword), "the checker does not know {keyword:?} (at {path})");
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            other => panic!("unknown type {other:?} at {path}"),
        };
        if !ok {
            errors.push(format!("{path}: must be {t}, is {value}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{path}: {value} is not one of {allowed:?}"));
        }
    }
    if let Some(text) = value.as_str() {
        let chars = text.chars().count() as u64;
        if schema.get("maxLength").and_then(Value::as_u64).is_some_and(|max| chars > max) {
            errors.push(format!("{path}: {text:?} is longer than {}", schema["maxLength"]));
        }
        if schema.get("minLength").and_then(Value::as_u64).is_some_and(|min| chars < min) {
            errors.push(format!("{path}: {text:?} is shorter than {}", schema["minLength"]));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            if !Regex::new(pattern).unwrap_or_else(|e| panic!("pattern at {path}: {e}")).is_match(text) {
                errors.push(format!("{path}: {text:?} does not match {pattern}"));
            }
        }
    }
    if let Some(n) = value.as_f64() {
        if schema.get("minimum").and_then(Value::as_f64).is_some_and(|min| n < min) {
            errors.push(format!("{path}: {n} is below {}", schema["minimum"]));
        }
        if schema.get("maximum").and_then(Value::as_f64).is_some_and(|max| n > max) {
            errors.push(format!("{path}: {n} is above {}", schema["maximum"]));
        }
        let range = match schema.get("format").and_then(Value::as_str) {
            Some("int32") => Some((f64::from(i32::MIN), f64::from(i32::MAX))),
            Some("int64") | None => None,
            Some(other) => panic!("unknown format {other:?} at {path}"),
        };
        if range.is_some_and(|(lo, hi)| n < lo || n > hi) {
            errors.push(format!("{path}: {n} is out of the int32 range"));
        }
    }
    if let Some(object) = value.as_object() {
        for name in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !object.contains_key(name.as_str().unwrap()) {
                errors.push(format!("{path}: {name} is required"));
            }
        }
        let empty = Map::new();
        let properties = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        for (name, field) in object {
            let at = format!("{path}.{name}");
            match (properties.get(name), schema.get("additionalProperties")) {
                (Some(sub), _) => check_schema(sub, field, &at, errors),
                (None, Some(Value::Bool(true))) => {}
                (None, Some(sub @ Value::Object(_))) => check_schema(sub, field, &at, errors),
                (None, _) => errors.push(format!("{at}: unknown field")),
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check_schema(schema, item, &format!("{path}[{i}]"), errors);
        }
    }
}

/// An `addresses` entry as MetalLB reads it (`ParseCIDR` in MetalLB's internal/config/config.go):
/// a CIDR, or `start-end` of one family with start not after end.
fn metallb_range(entry: &str) -> Result<(), String> {
    let Some((start, end)) = entry.split_once('-') else {
        let (addr, len) = entry.split_once('/').ok_or_else(|| format!("{entry:?} is neither a CIDR nor a range"))?;
        let addr: IpAddr = addr.parse().map_err(|_| format!("{entry:?}: bad address"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let plain = len.bytes().all(|b| b.is_ascii_digit()) && !(len.len() > 1 && len.starts_with('0'));
        return match len.parse::<u8>() {
            Ok(len) if plain && len <= max => Ok(()),
            _ => Err(format!("{entry:?}: bad prefix length")),
        };
    };
    let start: IpAddr = start.trim().parse().map_err(|_| format!("{entry:?}: bad start address"))?;
    let end: IpAddr = end.trim().parse().map_err(|_| format!("{entry:?}: bad end address"))?;
    match (start, end) {
        (IpAddr::V4(a), IpAddr::V4(b)) if a <= b => Ok(()),
        (IpAddr::V6(a), IpAddr::V6(b)) if a <= b => Ok(()),
        _ => Err(format!("{entry:?}: start after end, or two families")),
    }
}

/// Everything the API server and MetalLB would refuse in a YAML stream of MetalLB objects: YAML
/// that does not parse, an unknown kind or version, a schema violation, an object without a
/// namespace, an address entry MetalLB cannot read, or an L2Advertisement naming a pool that the
/// same file does not create.
fn metallb_problems(text: &str, crds: &[Crd]) -> Vec<String> {
    let docs = match yaml_documents(text) {
        Ok(docs) => docs,
        Err(e) => return vec![format!("YAML: {e}")],
    };
    let mut errors = Vec::new();
    let mut pools = BTreeSet::new();
    let mut wanted = BTreeSet::new();
    for (i, doc) in docs.iter().enumerate() {
        let at = format!("document {}", i + 1);
        let kind = doc["kind"].as_str().unwrap_or("");
        let Some(crd) = crds.iter().find(|c| c.kind == kind) else {
            errors.push(format!("{at}: kind {} is not a MetalLB kind", doc["kind"]));
            continue;
        };
        let api = doc["apiVersion"].as_str().unwrap_or("");
        let Some((_, schema)) = crd.versions.iter().find(|(v, _)| api == format!("{}/{v}", crd.group)) else {
            errors.push(format!("{at}: apiVersion {} is not served for {kind}", doc["apiVersion"]));
            continue;
        };
        check_schema(schema, doc, &at, &mut errors);
        let namespace = doc["metadata"]["namespace"].as_str();
        if crd.namespaced && namespace.is_none() {
            errors.push(format!("{at}: no metadata.namespace (kubectl would use its context's)"));
        }
        let key = |name: &Value| (namespace.unwrap_or("").to_string(), name.as_str().unwrap_or("").to_string());
        match kind {
            "IPAddressPool" => {
                if !pools.insert(key(&doc["metadata"]["name"])) {
                    errors.push(format!("{at}: pool {} twice", doc["metadata"]["name"]));
                }
                for entry in doc["spec"]["addresses"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if let Err(e) = metallb_range(entry) {
                        errors.push(format!("{at}: {e}"));
                    }
                }
            }
            _ => wanted.extend(doc["spec"]["ipAddressPools"].as_array().into_iter().flatten().map(key)),
        }
    }
    for (namespace, pool) in wanted.difference(&pools) {
        errors.push(format!("an L2Advertisement names pool {pool:?} in {namespace:?}, which the file does not create"));
    }
    errors
}

#[test]
fn metallb_yaml_fits_metallbs_crds() {
    let crds = metallb_crds();
    for (stem, plan) in plans().iter().filter(|(_, p)| Kind::Metallb.applies_to(p)) {
        let all = export(Kind::Metallb, plan);
        let mut files = vec![(format!("{stem}.metallb"), all.clone())];
        files.extend((0..plan.clusters.len()).map(|c| (format!("{stem}.metallb cluster {c}"), metallb_cluster(plan, c))));
        for (name, text) in files {
            let problems = metallb_problems(&text, &crds);
            assert!(problems.is_empty(), "{name}:\n{}\n{text}", problems.join("\n"));
        }
        // Every plan has a cluster with a pool: the check met real objects.
        let kinds: Vec<Value> = yaml_documents(&all).unwrap().iter().map(|d| d["kind"].clone()).collect();
        assert!(kinds.contains(&"IPAddressPool".into()) && kinds.contains(&"L2Advertisement".into()), "{stem}: {kinds:?}");
    }
}

/// A valid pool and advertisement, then one wrong field at a time: each must be refused.
#[test]
fn metallb_check_refuses_what_kubernetes_or_metallb_would() {
    let crds = metallb_crds();
    let good = "\
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: lab-pool
  namespace: metallb-system
spec:
  addresses:
    - 10.0.0.0/29
    - 10.0.0.10-10.0.0.12
    - \"fd00::1-fd00::2\"
  autoAssign: false
  avoidBuggyIPs: true
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata:
  name: lab-l2
  namespace: metallb-system
spec:
  ipAddressPools:
    - lab-pool
  preferredNodeSelectors:
    - weight: 50
      preference:
        matchLabels:
          zone: a
";
    assert_eq!(metallb_problems(good, &crds), Vec::<String>::new());
    let long_name = format!("  name: {}", "a".repeat(254));
    let addresses = "  addresses:\n    - 10.0.0.0/29\n    - 10.0.0.10-10.0.0.12\n    - \"fd00::1-fd00::2\"";
    let wrong = [
        ("  autoAssign: false", "  autoAssign: \"no\"", "must be boolean"),
        ("  avoidBuggyIPs: true", "  avoidBuggyIPs: 1", "must be boolean"),
        ("    - 10.0.0.0/29", "    - 42", "must be string"),
        (addresses, "  addresses: 10.0.0.0/29", "must be array"),
        (addresses, "  adresses: [10.0.0.0/29]", "unknown field"),
        (addresses, "  autoAssigned: true", "addresses\" is required"),
        ("  name: lab-pool", "  name: Lab_Pool", "does not match"),
        ("  name: lab-pool", "  name: lab-pool-", "does not match"),
        ("  name: lab-pool", long_name.as_str(), "longer than 253"),
        ("  namespace: metallb-system\nspec:\n  addresses", "  namespace: metallb.system\nspec:\n  addresses", "does not match"),
        ("  namespace: metallb-system\nspec:\n  addresses", "spec:\n  addresses", "no metadata.namespace"),
        ("  ipAddressPools:\n    - lab-pool", "  ipAddressPools: lab-pool", "must be array"),
        ("    - lab-pool", "    - other-pool", "which the file does not create"),
        ("    - 10.0.0.10-10.0.0.12", "    - 10.0.0.12-10.0.0.10", "start after end"),
        ("    - 10.0.0.0/29", "    - 10.0.0.0/33", "bad prefix length"),
        ("    - 10.0.0.0/29", "    - 10.0.0.0", "neither a CIDR nor a range"),
        ("kind: IPAddressPool", "kind: IpAddressPool", "not a MetalLB kind"),
        ("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool", "apiVersion: metallb.io/v1\nkind: IPAddressPool", "not served"),
        ("  name: lab-l2", "  name: lab-l2\n  name: lab-l2b", "duplicated key"),
        ("weight: 50", "weight: 0", "below 1"),
        ("weight: 50", "weight: 101", "above 100"),
        ("zone: a", "zone: 1", "must be string"),
        ("      preference:", "      preferences:", "unknown field"),
    ];
    for (from, to, why) in wrong {
        assert!(good.contains(from), "{from:?} is not in the good file");
        let bad = good.replacen(from, to, 1);
        let problems = metallb_problems(&bad, &crds);
        assert!(problems.iter().any(|p| p.contains(why)), "{to:?} must be refused for {why:?}; problems: {problems:#?}");
    }
}

// ---- Squid ------------------------------------------------------------------------------------

/// Squid's verdict on an allowlist fragment, placed in a minimal squid.conf before
/// `http_access deny all`: everything Squid printed, and whether it complained. `squid -k parse`
/// reads the configuration and exits: it listens on nothing and looks nothing up, and the
/// settings below keep it off the machine's own Squid files and name.
fn squid_parse(fragment: &str, dir: &Path) -> (String, bool) {
    let squid = tool("/usr/sbin/squid", "squid");
    let d = dir.display().to_string();
    assert!(!d.contains(char::is_whitespace), "Squid's include cannot take a path with spaces: {d}");
    std::fs::write(dir.join("allowlist.conf"), fragment).unwrap();
    let conf = format!(
        "http_port 127.0.0.1:3128\n\
         visible_hostname localhost\n\
         dns_nameservers 127.0.0.1\n\
         pid_filename {d}/squid.pid\n\
         cache_log {d}/cache.log\n\
         access_log none\n\
         cache deny all\n\
         include {d}/allowlist.conf\n\
         http_access deny all\n"
    );
    let conf_path = dir.join("squid.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let out = Command::new(squid).args(["-k", "parse", "-f"]).arg(&conf_path).output().expect("squid runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let complained = text.lines().any(|l| ["WARNING", "ERROR", "FATAL", "unrecognized", "Bungled"].iter().any(|w| l.contains(w)));
    (text, out.status.success() && !complained)
}

#[test]
fn squid_parses_the_allowlist_without_a_complaint() {
    for (name, text) in exports_of(Kind::FirewallSquid) {
        let (log, clean) = squid_parse(&text, &scratch_dir(&format!("squid-{name}")));
        assert!(clean, "squid -k parse refuses or warns about {name}:\n{log}");
        // Squid read every line of the fragment, not an empty include.
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        // Bare metal's list has six hosts; every other list more than ten.
        let fewest = if name.starts_with("aks-bare-metal") { 7 } else { 11 };
        assert!(lines.len() >= fewest, "{name} has only {} lines", lines.len());
        for line in lines {
            assert!(log.contains(&format!("Processing: {line}")), "Squid did not read {line:?} of {name}:\n{log}");
        }
    }
}

#[test]
fn squid_check_catches_a_bad_line_and_a_duplicate() {
    let dir = scratch_dir("squid-negative");
    let good = "acl aksarc_netplan dstdomain .example.com\nhttp_access allow aksarc_netplan\n";
    assert!(squid_parse(good, &dir).1, "{}", squid_parse(good, &dir).0);
    for bad in [
        "acl aksarc_netplan dstdomian .example.com\nhttp_access allow aksarc_netplan\n",
        "acl aksarc_netplan dstdomain .example.com\nhttp_acess allow aksarc_netplan\n",
        "acl aksarc_netplan dstdomain .example.com\nacl aksarc_netplan dstdomain www.example.com\nhttp_access allow aksarc_netplan\n",
        "http_access allow aksarc_netplan\n",
    ] {
        let (log, clean) = squid_parse(bad, &dir);
        assert!(!clean, "Squid took {bad:?} without a complaint:\n{log}");
    }
}

/// A Squid on 127.0.0.1 with the default access rules of Debian's squid.conf (SSL_ports 443 only,
/// Safe_ports, the two deny lines), the fragment before `http_access deny all`, and names
/// resolved from its own hosts file to 127.0.0.1, so nothing leaves the loopback. Stopped, and
/// its directory removed, on drop.
struct Squid {
    child: std::process::Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Squid {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `name`: the test's own directory for Squid's files, in the system's temporary directory.
/// Squid drops root for its own user, which must reach and write it: a checkout under a private
/// directory (`mktemp -d`, a home of mode 700) would hide Cargo's scratch space from that user.
fn squid_proxy(fragment: &str, name: &str, names: &[&str]) -> Squid {
    use std::os::unix::fs::PermissionsExt;
    let squid = tool("/usr/sbin/squid", "squid");
    let dir = std::env::temp_dir().join(format!("aksarc-netplan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let d = dir.display().to_string();
    std::fs::write(dir.join("allowlist.conf"), fragment).unwrap();
    std::fs::write(dir.join("hosts"), names.iter().map(|n| format!("127.0.0.1 {n}\n")).collect::<String>()).unwrap();
    let conf = format!(
        "http_port 127.0.0.1:{port}\n\
         visible_hostname localhost\n\
         cache_effective_user proxy\n\
         pid_filename {d}/squid.pid\n\
         cache_log {d}/cache.log\n\
         access_log {d}/access.log\n\
         hosts_file {d}/hosts\n\
         dns_nameservers 127.0.0.1\n\
         pinger_enable off\n\
         shutdown_lifetime 0 seconds\n\
         cache deny all\n\
         acl SSL_ports port 443\n\
         acl Safe_ports port 80 21 443 70 210 1025-65535 280 488 591 777\n\
         acl CONNECT method CONNECT\n\
         http_access deny !Safe_ports\n\
         http_access deny CONNECT !SSL_ports\n\
         include {d}/allowlist.conf\n\
         http_access deny all\n"
    );
    std::fs::write(dir.join("squid.conf"), conf).unwrap();
    let child = Command::new(squid).args(["-N", "-f"]).arg(dir.join("squid.conf")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("squid starts");
    let proxy = Squid { child, port, dir: dir.clone() };
    let start = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed().as_secs() < 30, "Squid did not listen on 127.0.0.1:{port}: {}", std::fs::read_to_string(dir.join("cache.log")).unwrap_or_default());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    proxy
}

/// The status line Squid answers a CONNECT to `target` with, and what came through the tunnel.
fn squid_connect(proxy: &Squid, target: &str) -> (String, String) {
    use std::io::{BufRead, BufReader, Read};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", proxy.port)).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    write!(stream, "CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    if !status.contains(" 200 ") {
        return (status.trim().to_string(), String::new());
    }
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && line.trim() != "" {
        line.clear();
    }
    let mut through = String::new();
    let _ = reader.read_to_string(&mut through);
    (status.trim().to_string(), through)
}

#[test]
fn squid_tunnels_to_every_port_of_the_list() {
    // Azure Local's list (examples/azure-local.json, region eastus) has eastus.obo.arc.azure.com
    // on 8084 (connectedk8s proxy) besides 443 and 80.
    let plan = Plan::from_json(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/azure-local.json")).unwrap()).unwrap();
    let fragment = export(Kind::FirewallSquid, &plan);
    assert!(fragment.contains("acl aksarc_netplan dstdomain eastus.obo.arc.azure.com"), "{fragment}");
    // The target: a listener on 127.0.0.1:8084 that greets whoever the tunnel brings.
    let listener = std::net::TcpListener::bind("127.0.0.1:8084").expect("127.0.0.1:8084 is free for the test's listener");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let _ = stream.write_all(b"hello through the tunnel\n");
        }
    });
    let names = ["eastus.obo.arc.azure.com", "not-listed.example.org"];
    let proxy = squid_proxy(&fragment, "squid-connect", &names);
    let (status, through) = squid_connect(&proxy, "eastus.obo.arc.azure.com:8084");
    assert!(status.starts_with("HTTP/1.1 200"), "CONNECT to 8084 refused: {status}");
    assert_eq!(through, "hello through the tunnel\n");
    // What the list does not allow stays refused: another port, another host.
    assert!(squid_connect(&proxy, "eastus.obo.arc.azure.com:8085").0.contains(" 403 "));
    assert!(squid_connect(&proxy, "not-listed.example.org:8084").0.contains(" 403 "));
    drop(proxy);
    // Without the export's SSL_ports line, Squid's default refuses the tunnel: the line is what
    // makes it pass.
    let without: String = fragment.lines().filter(|l| !l.starts_with("acl SSL_ports")).map(|l| format!("{l}\n")).collect();
    let proxy = squid_proxy(&without, "squid-connect-default", &names);
    assert!(squid_connect(&proxy, "eastus.obo.arc.azure.com:8084").0.contains(" 403 "));
}

// ---- bash -------------------------------------------------------------------------------------

const BASH_KINDS: [Kind; 5] = [Kind::ConnectivitySh, Kind::AzLnet, Kind::AzAksarc, Kind::AzLb, Kind::PreflightSh];

#[test]
fn bash_scripts_pass_bash_and_shellcheck() {
    let dir = scratch_dir("bash");
    for kind in BASH_KINDS {
        for (name, text) in exports_of(kind) {
            let findings = support::shell::findings(&text, &dir.join(format!("{name}.sh")));
            assert!(findings.is_empty(), "{name}:\n{findings}");
        }
    }
}

#[test]
fn bash_check_catches_a_syntax_error_and_a_lint_finding() {
    let dir = scratch_dir("bash-negative");
    let good = "#!/usr/bin/env bash\nset -euo pipefail\nname=\"${1:-x}\"\necho \"$name\"\n";
    assert_eq!(support::shell::findings(good, &dir.join("good.sh")), "");
    let syntax = support::shell::findings("#!/usr/bin/env bash\nif true; then echo x\n", &dir.join("syntax.sh"));
    assert!(syntax.contains("bash -n"), "{syntax}");
    let lint = support::shell::findings("#!/usr/bin/env bash\nname=$1\necho $name\n", &dir.join("lint.sh"));
    assert!(lint.contains("SC2086") && !lint.contains("bash -n"), "{lint}");
}

// ---- PowerShell -------------------------------------------------------------------------------

#[test]
fn powershell_scripts_parse_without_error_nodes() {
    for kind in [Kind::DhcpPs1, Kind::ConnectivityPs1, Kind::PreflightPs1] {
        let mut code = 0;
        for (name, text) in exports_of(kind) {
            support::powershell::assert_parses(&text, &name);
            code += text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).count();
        }
        // The grammar read statements, not only comment lines.
        assert!(code > 0, "every {kind} export is comments only");
    }
}

#[test]
fn powershell_check_finds_broken_scripts() {
    use support::powershell::syntax_errors;
    let good = "$ErrorActionPreference = 'Stop'\nfunction Test-It([string]$Name) {\n    if ($Name) { Write-Output \"hi $Name\" }\n}\nTest-It -Name x\n";
    assert_eq!(syntax_errors(good), Vec::<String>::new());
    for empty in ["", "\n", "# only a comment", "# one\n\n  # two\n"] {
        assert_eq!(syntax_errors(empty), Vec::<String>::new(), "{empty:?} is an empty script");
    }
    for bad in [
        "<# a block comment never closed\n",
        "# a comment\n}\n",
        "function Test-It {\n    if ($x) { 1 }\n",
        "$x = 'never closed\nWrite-Output $x\n",
        "if ($x -eq ) { 1 }\n",
        "$a = @(1, 2\n",
        "foreach ($i in 1..3 { $i }\n",
    ] {
        assert!(!syntax_errors(bad).is_empty(), "the grammar took {bad:?} as valid PowerShell");
    }
}

// ---- the script templates --------------------------------------------------------------------

const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/exports/templates");

/// The files of the templates folder ending in `.{extension}`, by name. The bash and PowerShell
/// exports are filled from these, so they are what a reviewer edits.
fn templates(extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(TEMPLATES)
        .unwrap_or_else(|e| panic!("{TEMPLATES}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

fn file_names(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
}

/// Each template is a script in its own right (the export of a plan with nothing in it), so the
/// readers check the files themselves as well as what the planner makes of them.
#[test]
fn script_templates_pass_bash_shellcheck_and_the_powershell_grammar_as_they_are() {
    let (sh, ps1) = (templates("sh"), templates("ps1"));
    assert_eq!(file_names(&sh), ["connectivity.sh", "preflight.sh"]);
    assert_eq!(file_names(&ps1), ["connectivity.ps1", "dhcp.ps1", "preflight.ps1"]);
    for path in &sh {
        support::shell::assert_file_clean(path);
    }
    for path in &ps1 {
        let text = std::fs::read_to_string(path).unwrap();
        support::powershell::assert_parses(&text, &path.display().to_string());
        // Windows PowerShell 5.1 reads a file without a byte-order mark in the ANSI code page.
        assert!(text.is_ascii(), "{} has a character outside ASCII", path.display());
    }
}

/// What is wrong with the slot markers of `template`: a slot opened inside another, closed
/// without being opened, left open, or named twice.
fn slot_problems(template: &str) -> Vec<String> {
    let (mut open, mut seen, mut problems): (Option<&str>, BTreeSet<&str>, Vec<String>) = (None, BTreeSet::new(), Vec::new());
    for (n, line) in template.lines().enumerate() {
        if let Some(name) = line.strip_prefix("# @begin ") {
            if let Some(outer) = open {
                problems.push(format!("line {}: {name} opens inside {outer}", n + 1));
            }
            if !seen.insert(name) {
                problems.push(format!("line {}: {name} is a second slot of that name", n + 1));
            }
            open = Some(name);
        } else if let Some(name) = line.strip_prefix("# @end ") {
            if open != Some(name) {
                problems.push(format!("line {}: {name} closes, but the open slot is {open:?}", n + 1));
            }
            open = None;
        }
    }
    if let Some(name) = open {
        problems.push(format!("{name} is never closed"));
    }
    problems
}

#[test]
fn script_template_slots_open_and_close_once_each() {
    for path in templates("sh").into_iter().chain(templates("ps1")) {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(slot_problems(&text), Vec::<String>::new(), "{}", path.display());
        assert!(text.contains("# @begin header\n"), "{}: no header slot", path.display());
    }
    for bad in ["# @begin a\n# @begin b\n# @end b\n# @end a\n", "# @end a\n", "# @begin a\n", "# @begin a\n# @end a\n# @begin a\n# @end a\n"] {
        assert!(!slot_problems(bad).is_empty(), "{bad:?} passed");
    }
}

// ---- CSV --------------------------------------------------------------------------------------

const FIREWALL_HEADER: [&str; 12] =
    ["fqdn", "wildcard", "star_form", "port", "protocol", "sources", "section", "confirmed", "replaces", "why", "note", "key"];

const REQUIREMENTS_HEADER: [&str; 16] = [
    "table", "name", "segment", "subnet", "node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips",
    "lb_ips_recommended", "lb_pool_size", "dhcp_size", "dhcp_in_use", "dhcp_available", "static_free", "all_ips",
    "all_ips_recommended",
];

/// On Azure Local the network rows carry the IP pool figures instead of DHCP's (SPEC §12.2).
const REQUIREMENTS_HEADER_IP_POOLS: [&str; 15] = [
    "table", "name", "segment", "subnet", "node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips",
    "lb_ips_recommended", "lb_pool_size", "ip_pool_size", "ip_pool_needed", "static_free", "all_ips",
    "all_ips_recommended",
];

/// On bare metal the network rows carry the DHCP scopes' size only: the machines' own leases
/// are not planned (SPEC §14).
const REQUIREMENTS_HEADER_MACHINES: [&str; 14] = [
    "table", "name", "segment", "subnet", "node_ips", "node_ips_recommended", "control_plane_ips", "lb_ips",
    "lb_ips_recommended", "lb_pool_size", "dhcp_size", "static_free", "all_ips", "all_ips_recommended",
];

/// The records of a CSV file as the `csv` crate reads it, strict about the record length: the
/// header must be `header` exactly and every record as long as it.
fn read_csv(text: &str, header: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let found = reader.headers().map_err(|e| e.to_string())?;
    if found.iter().collect::<Vec<_>>() != header {
        return Err(format!("header {found:?}, not {header:?}"));
    }
    reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()).map_err(|e| e.to_string()))
        .collect()
}

#[test]
fn csv_exports_read_with_their_header_and_even_records() {
    for (kind, header) in [(Kind::FirewallCsv, &FIREWALL_HEADER[..]), (Kind::RequirementsCsv, &REQUIREMENTS_HEADER[..])] {
        for (name, text) in exports_of(kind) {
            let header = match kind {
                Kind::RequirementsCsv if name.starts_with("azure-local") => &REQUIREMENTS_HEADER_IP_POOLS[..],
                Kind::RequirementsCsv if name.starts_with("aks-bare-metal") => &REQUIREMENTS_HEADER_MACHINES[..],
                _ => header,
            };
            let records = read_csv(&text, header).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!records.is_empty(), "{name} has no records");
            assert!(records.iter().all(|r| r.len() == header.len()), "{name}: a record of another length");
            // The strict RFC 4180 reader of the other tests reads the same fields.
            let mut strict = support::csv::parse_csv(&text);
            strict.remove(0);
            assert_eq!(records, strict, "{name}: the two readers disagree");
        }
    }
}

#[test]
fn csv_check_catches_a_wrong_header_and_a_ragged_record() {
    let header = ["a", "b"];
    assert_eq!(read_csv("a,b\r\n1,\"x,y\"\r\n", &header), Ok(vec![vec!["1".to_string(), "x,y".to_string()]]));
    assert!(read_csv("a,c\r\n1,2\r\n", &header).unwrap_err().contains("header"));
    assert!(read_csv("a,b\r\n1,2,3\r\n", &header).is_err());
    assert!(read_csv("a,b\r\n1\r\n", &header).is_err());
}

// ---- Bicep parameters ----------------------------------------------------------------------------

/// The template's parameters: name, type, and whether it has no default (test data typed from
/// the template, with its source).
fn bicep_params() -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(format!("{ROOT}/tests/data/bicep/cluster-create.params.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0].to_string(), w[1].to_string(), w[2] == "yes")
        })
        .collect()
}

/// A Bicep single-quoted string literal holding no interpolation and no escape: the only kind the
/// export writes. `None` when `text` is not one.
fn bicep_string(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'') && !inner.contains('\\') && !inner.contains("${")).then_some(inner)
}

/// Reads one `.bicepparam` file line by line against the template's parameters: the `using`
/// line first, then only comments, blank lines and `param NAME = VALUE` of a known name with a
/// value of its type (arrays over several lines), each once, every required one present.
fn check_bicepparam(file: &str, text: &str) -> Result<(), String> {
    let params = bicep_params();
    let mut lines = text.lines().filter(|l| !l.trim_start().starts_with("//") && !l.trim().is_empty());
    if lines.next() != Some("using './cluster-create.bicep'") {
        return Err(format!("{file}: the first statement is not using './cluster-create.bicep'"));
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(line) = lines.next() {
        let Some((name, value)) = line.strip_prefix("param ").and_then(|r| r.split_once(" = ")) else {
            return Err(format!("{file}: not a param line: {line:?}"));
        };
        let Some((_, kind, _)) = params.iter().find(|(n, ..)| n == name) else {
            return Err(format!("{file}: {name} is not a parameter of cluster-create.bicep"));
        };
        if !seen.insert(name.to_string()) {
            return Err(format!("{file}: {name} is set twice"));
        }
        let ok = match kind.as_str() {
            "string" => bicep_string(value).is_some(),
            "bool" => value == "true" || value == "false",
            "array" => value == "[" && {
                let mut closed = false;
                for item in lines.by_ref() {
                    if item == "]" {
                        closed = true;
                        break;
                    }
                    if bicep_string(item.trim()).is_none() {
                        return Err(format!("{file}: {name}: an array item that is not a plain string: {item:?}"));
                    }
                }
                closed
            },
            _ => false,
        };
        if !ok {
            return Err(format!("{file}: {name} = {value:?} is not a {kind}"));
        }
    }
    for (name, _, required) in &params {
        if *required && !seen.contains(name) {
            return Err(format!("{file}: the required parameter {name} is not set"));
        }
    }
    Ok(())
}

#[test]
fn bicep_parameters_name_only_the_templates_parameters_with_values_of_their_types() {
    let mut checked = 0;
    let mut plans = plans();
    // A hostile name and no machine address: placeholders, never the plan's text in a value.
    let mut hostile = aksarc_netplan::platform::bare_metal::BARE_METAL.example();
    hostile.clusters[0].name = "a' ${evil()} //".into();
    hostile.clusters[0].host_ip = None;
    plans.push(("hostile-bare-metal", hostile));
    for (stem, plan) in plans.iter().filter(|(_, p)| Kind::Bicepparam.applies_to(p)) {
        for c in 0..plan.clusters.len() {
            let text = aksarc_netplan::exports::bicepparam_cluster(plan, c);
            check_bicepparam(&format!("{stem} cluster {c}"), &text).unwrap();
            checked += 1;
        }
        // The whole export: each file under its own heading line.
        let all = export(Kind::Bicepparam, plan);
        let files: Vec<&str> = all.split("// ===== file ").skip(1).collect();
        assert_eq!(files.len(), plan.clusters.len(), "{stem}");
        for file in files {
            check_bicepparam(stem, file.split_once('\n').unwrap().1).unwrap();
        }
    }
    assert!(checked >= 3, "checked {checked} files");
    // The checker itself refuses what Bicep would.
    assert!(check_bicepparam("t", "param location = 'eastus'").is_err(), "no using line");
    assert!(check_bicepparam("t", "using './cluster-create.bicep'\nparam location = 'eastus'").is_err(), "required ones missing");
    assert!(check_bicepparam("t", "using './cluster-create.bicep'\nparam locaton = 'eastus'").is_err(), "unknown name");
    assert!(bicep_string("'a${b}'").is_none() && bicep_string("'it's'").is_none() && bicep_string("'ok'").is_some());
}
