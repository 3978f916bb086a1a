#![cfg(not(target_arch = "wasm32"))]
//! The `arm` export read as Azure Resource Manager would read it, before it runs anything:
//!
//! - against Microsoft's published JSON schemas (`tests/data/arm-schemas/`, each file's source
//!   in its README): the whole template against the deployment template schema of 2019-04-01,
//!   and each resource against the schema of its type at its API version. References resolve
//!   from those files only; nothing is fetched. The published schemas let any property through
//!   that they do not list; here their objects are closed, so a misspelt property fails too.
//! - its own shape: the `$schema` and `contentVersion`, every expression in the small grammar
//!   the template uses, every `parameters('x')` declared and every declared parameter used,
//!   every `dependsOn` naming another resource of the template, no cycle, a scoped resource
//!   after the resource it extends, the clusters' logical networks in the template;
//! - addresses as Azure takes them: each load balancer's a list of IPv4 prefixes and ranges;
//!   and, where the plan's checks pass, what they already say said again of the file: every IP
//!   pool inside its logical network's prefix and apart from the others.
//!
//! Expected types, API versions and names are typed here from Microsoft's templates
//! (Azure/aksArc `deploymentTemplates/`) and the schemas, not taken from the code.

mod support {
    pub mod gen;
}

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use aksarc_netplan::check::evaluate;
use aksarc_netplan::exports::{export, file_name, Kind};
use aksarc_netplan::model::{Cluster, NodePool, Plan, PlatformId, Segment};
use aksarc_netplan::rules::Severity;
use ipnet::IpNet;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/arm-schemas");
const BASE: &str = "https://schema.management.azure.com/schemas/";
const TEMPLATE_SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// The kept files, by their path under `BASE` (and under `SCHEMAS`).
const DEPLOYMENT_TEMPLATE: &str = "2019-04-01/deploymentTemplate.json";
const COMMON: &str = "common/definitions.json";

/// Each resource type at the API version Microsoft's templates deploy it with (multi-rack
/// logical networks at the first version with `fabricNetworkConfiguration`), and where its
/// published definition is: file under `BASE`, and the pointer in it. The extensions'
/// definition is not in a kept file (see [`extension_definition`]).
const TYPES: [(&str, &str, &str, &str); 6] = [
    ("Microsoft.AzureStackHCI/logicalNetworks", "2024-01-01", "2024-01-01/Microsoft.AzureStackHCI.json", "/resourceDefinitions/logicalNetworks"),
    (
        "Microsoft.AzureStackHCI/logicalNetworks",
        "2025-09-01-preview",
        "2025-09-01-preview/Microsoft.AzureStackHCI.json",
        "/resourceDefinitions/logicalNetworks",
    ),
    ("Microsoft.Kubernetes/connectedClusters", "2024-01-01", "2024-01-01/Microsoft.Kubernetes.json", "/resourceDefinitions/connectedClusters"),
    (
        "Microsoft.HybridContainerService/provisionedClusterInstances",
        "2024-01-01",
        "2024-01-01/Microsoft.HybridContainerService.json",
        "/extension_resourceDefinitions/provisionedClusterInstances",
    ),
    ("Microsoft.KubernetesConfiguration/extensions", "2022-11-01", "2022-11-01/Microsoft.KubernetesConfiguration.json", ""),
    ("Microsoft.KubernetesRuntime/loadBalancers", "2024-03-01", "2024-03-01/Microsoft.KubernetesRuntime.json", "/extension_resourceDefinitions/loadBalancers"),
];

/// The resource-level keys of a template that the deployment schema's `resourceBase` describes
/// rather than each resource's own schema.
const TEMPLATE_KEYS: [&str; 5] = ["dependsOn", "scope", "condition", "copy", "comments"];

/// Where the wrapper of a `Microsoft.KubernetesConfiguration/extensions` resource is written.
const EXTENSION_URI: &str = "urn:aksarc-netplan:test:extensions-2022-11-01";

fn read(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{SCHEMAS}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ---- the schemas ----------------------------------------------------------------------------------

/// Closes a draft-04 schema and every schema inside it: an object schema that lists its
/// properties and says nothing of others gets `additionalProperties: false`.
fn close(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for sub in props.values_mut() {
            close(sub);
        }
        if !map.contains_key("additionalProperties") {
            map.insert("additionalProperties".into(), Value::Bool(false));
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(sub) = map.get_mut(key) {
            close(sub);
        }
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(subs)) = map.get_mut(key) {
            subs.iter_mut().for_each(close);
        }
    }
    let groups = ["definitions", "resourceDefinitions", "extension_resourceDefinitions", "subscription_resourceDefinitions"];
    for key in groups.into_iter().chain(["tenant_resourceDefinitions", "managementGroup_resourceDefinitions"]) {
        if let Some(Value::Object(subs)) = map.get_mut(key) {
            subs.values_mut().for_each(close);
        }
    }
}

/// A resource file as the test reads it: closed, and each resource definition taking the
/// template-level keys (checked by the deployment schema's `resourceBase`).
fn closed_resource_file(path: &str) -> Value {
    let mut doc = read(path);
    close(&mut doc);
    for group in ["resourceDefinitions", "extension_resourceDefinitions"] {
        if let Some(Value::Object(defs)) = doc.get_mut(group) {
            for def in defs.values_mut() {
                if let Some(Value::Object(props)) = def.get_mut("properties") {
                    for key in TEMPLATE_KEYS {
                        props.insert(key.into(), json!({}));
                    }
                }
            }
        }
    }
    doc
}

/// The wrapper of an extension resource at 2022-11-01. Its published definition sits in
/// `common/autogeneratedResources.json`, a 1.2 MB list of every resource type, not kept here;
/// this follows the `Extension` model of the REST specification (`properties`, `identity`,
/// `plan` writable; see the README) with the kept file's definitions of those three.
fn extension_definition() -> Value {
    let file = format!("{BASE}2022-11-01/Microsoft.KubernetesConfiguration.json");
    let expression = json!({ "$ref": format!("{BASE}{COMMON}#/definitions/expression") });
    let mut props = json!({
        "type": { "type": "string", "enum": ["Microsoft.KubernetesConfiguration/extensions"] },
        "apiVersion": { "type": "string", "enum": ["2022-11-01"] },
        "name": { "type": "string" },
        "properties": { "oneOf": [{ "$ref": format!("{file}#/definitions/ExtensionProperties") }, expression] },
        "identity": { "oneOf": [{ "$ref": format!("{file}#/definitions/Identity") }, expression] },
        "plan": { "oneOf": [{ "$ref": format!("{file}#/definitions/Plan") }, expression] },
    });
    for key in TEMPLATE_KEYS {
        props[key] = json!({});
    }
    json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "id": EXTENSION_URI,
        "type": "object",
        "properties": props,
        "required": ["name", "properties", "apiVersion", "type"],
        "additionalProperties": false,
    })
}

/// Every schema document the template's references reach, by URI: the kept files (the resource
/// files closed), the extensions' wrapper, a stand-in for `common/autogeneratedResources.json`
/// that offers the six definitions (as the real one offers all of Azure's, on the same
/// `resourceBase`), and for the other resource files the deployment schema names
/// (`Microsoft.Logic`, `Sendgrid.Email`), stand-ins whose definitions match nothing.
fn documents() -> Vec<(String, Value)> {
    let mut docs = vec![(format!("{BASE}{DEPLOYMENT_TEMPLATE}"), read(DEPLOYMENT_TEMPLATE)), (format!("{BASE}{COMMON}"), read(COMMON))];
    let mut branches = Vec::new();
    for (_, _, file, pointer) in TYPES {
        let uri = format!("{BASE}{file}");
        if !docs.iter().any(|(u, _)| *u == uri) {
            docs.push((uri.clone(), closed_resource_file(file)));
        }
        branches.push(json!({ "$ref": if pointer.is_empty() { EXTENSION_URI.to_string() } else { format!("{uri}#{pointer}") } }));
    }
    docs.push((EXTENSION_URI.to_string(), extension_definition()));
    docs.push((
        format!("{BASE}common/autogeneratedResources.json"),
        json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "id": format!("{BASE}common/autogeneratedResources.json#"),
            "type": "object",
            "allOf": [{ "$ref": format!("{BASE}{COMMON}#/definitions/resourceBase") }, { "oneOf": branches }],
        }),
    ));
    // The other files the deployment schema refers to, with a definition per name it uses.
    let mut others: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut refs = Vec::new();
    collect_refs(&docs[0].1, &mut refs);
    for r in refs {
        let (uri, pointer) = r.split_once('#').unwrap_or((r.as_str(), ""));
        if uri.is_empty() || docs.iter().any(|(u, _)| u == uri) {
            continue;
        }
        let name = pointer.strip_prefix("/resourceDefinitions/").unwrap_or_else(|| panic!("unexpected reference {r}"));
        others.entry(uri.to_string()).or_default().insert(name.to_string(), json!({ "not": {} }));
    }
    for (uri, defs) in others {
        docs.push((uri.clone(), json!({ "$schema": "http://json-schema.org/draft-04/schema#", "id": format!("{uri}#"), "resourceDefinitions": defs })));
    }
    docs
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// The validators: the whole template, and each type's own definition.
struct Schemas {
    template: jsonschema::Validator,
    types: Vec<((String, String), jsonschema::Validator)>,
}

fn schemas() -> Schemas {
    let docs = documents();
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft4)
        .extend(docs.iter().map(|(uri, doc)| (uri.as_str(), doc.clone())))
        .expect("the schema documents have valid URIs")
        .prepare()
        .expect("the schema documents resolve");
    let build = |schema: &Value| {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .with_registry(&registry)
            .offline()
            .build(schema)
            .unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
    };
    let template = build(&docs[0].1);
    let types = TYPES
        .iter()
        .map(|(kind, version, file, pointer)| {
            let target = if pointer.is_empty() { EXTENSION_URI.to_string() } else { format!("{BASE}{file}#{pointer}") };
            ((kind.to_string(), version.to_string()), build(&json!({ "$ref": target })))
        })
        .collect();
    Schemas { template, types }
}

/// Where and why `instance` fails `validator`: every failing keyword down to the leaves (a
/// `oneOf` of an object and an expression says more through its branches than by itself),
/// less the noise of branches that could never apply: that an object is not an expression,
/// that a resource is not one of the stand-ins that match nothing, that the resources are not
/// the object form of the list. Instances are cut short.
fn leaf_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    if validator.is_valid(instance) {
        return Vec::new();
    }
    let evaluation = validator.evaluate(instance);
    let all: Vec<_> = evaluation.iter_errors().collect();
    let noise = |e: &&jsonschema::ErrorEntry| {
        let at = e.absolute_keyword_location.map(|u| u.as_str().to_string()).unwrap_or_default();
        at.contains("/definitions/expression") || at.ends_with("/not") || at.contains("/definitions/resourcesWithSymbolicName")
    };
    let shown: Vec<_> = all.iter().filter(|e| !noise(e)).collect();
    let shown = if shown.is_empty() { all.iter().collect() } else { shown };
    let mut out: Vec<String> = shown
        .iter()
        .map(|e| {
            let text = e.error.to_string();
            let text = if text.chars().count() > 200 { format!("{}...", text.chars().take(200).collect::<String>()) } else { text };
            format!("{}: {text}", e.instance_location)
        })
        .collect();
    out.dedup();
    out
}

/// What the schemas find wrong with a template, each error with where it is.
fn schema_errors(schemas: &Schemas, template: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for (i, resource) in template["resources"].as_array().into_iter().flatten().enumerate() {
        let key = (resource["type"].as_str().unwrap_or("").to_string(), resource["apiVersion"].as_str().unwrap_or("").to_string());
        match schemas.types.iter().find(|(k, _)| *k == key) {
            // Every failing keyword down to the leaves: a `oneOf` of an object and an expression
            // says more through its branches than by itself.
            Some((_, validator)) => errors.extend(leaf_errors(validator, resource).into_iter().map(|e| format!("resources[{i}] {}{e}", key.0))),
            None => errors.push(format!("resources[{i}]: {} at {} is none of the types the template should deploy", key.0, key.1)),
        }
    }
    if errors.is_empty() {
        // The whole file: its top level, the parameters, and each resource on resourceBase.
        errors.extend(leaf_errors(&schemas.template, template).into_iter().map(|e| format!("template{e}")));
    }
    errors
}

// ---- the template's own shape ---------------------------------------------------------------------

/// A template expression: a function call, a string literal or a number.
#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Call(String, Vec<Expr>),
    Text(String),
    Number(i64),
}

/// The functions the template may call.
const FUNCTIONS: [&str; 7] = ["parameters", "resourceId", "extensionResourceId", "format", "if", "empty", "null"];

/// Reads `[f(...)]` as ARM does for the grammar the template uses; Err says what does not read.
fn parse_expression(text: &str) -> Result<Expr, String> {
    let inner = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).ok_or("not in brackets")?;
    let mut chars: Vec<char> = inner.chars().collect();
    chars.push('\0');
    let mut at = 0;
    let expr = parse_call(&chars, &mut at)?;
    if chars[at] != '\0' {
        return Err(format!("text after the expression at {at}"));
    }
    Ok(expr)
}

fn parse_call(chars: &[char], at: &mut usize) -> Result<Expr, String> {
    let skip = |at: &mut usize| {
        while chars[*at] == ' ' {
            *at += 1;
        }
    };
    skip(at);
    if chars[*at] == '\'' {
        *at += 1;
        let mut text = String::new();
        loop {
            match chars[*at] {
                '\0' => return Err("an unclosed string".into()),
                '\'' if chars[*at + 1] == '\'' => {
                    text.push('\'');
                    *at += 2;
                }
                '\'' => {
                    *at += 1;
                    return Ok(Expr::Text(text));
                }
                c => {
                    text.push(c);
                    *at += 1;
                }
            }
        }
    }
    let start = *at;
    while chars[*at].is_ascii_alphanumeric() {
        *at += 1;
    }
    let word: String = chars[start..*at].iter().collect();
    if let Ok(n) = word.parse() {
        return Ok(Expr::Number(n));
    }
    if !FUNCTIONS.contains(&word.as_str()) {
        return Err(format!("unknown function {word:?}"));
    }
    skip(at);
    if chars[*at] != '(' {
        return Err(format!("{word} without arguments"));
    }
    *at += 1;
    let mut args = Vec::new();
    skip(at);
    if chars[*at] == ')' {
        *at += 1;
        return Ok(Expr::Call(word, args));
    }
    loop {
        args.push(parse_call(chars, at)?);
        skip(at);
        match chars[*at] {
            ',' => *at += 1,
            ')' => {
                *at += 1;
                return Ok(Expr::Call(word, args));
            }
            c => return Err(format!("{c:?} in the arguments of {word}")),
        }
    }
}

/// Every string value of the template (not keys), with where it is.
fn strings<'v>(value: &'v Value, path: String, out: &mut Vec<(String, &'v str)>) {
    match value {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| strings(v, format!("{path}[{i}]"), out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| strings(v, format!("{path}.{k}"), out)),
        _ => {}
    }
}

fn parameters_used(expr: &Expr, out: &mut BTreeSet<String>) {
    if let Expr::Call(f, args) = expr {
        if let (true, [Expr::Text(name)]) = (f == "parameters", args.as_slice()) {
            out.insert(name.clone());
        }
        args.iter().for_each(|a| parameters_used(a, out));
    }
}

/// A resource of the template as a `dependsOn` names it: the resource it extends (type, name),
/// its type and name.
type Id = (Option<(String, String)>, String, String);

fn text(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Text(t) => Some(t),
        _ => None,
    }
}

/// `resourceId('T', 'N')` or `extensionResourceId(resourceId('PT', 'PN'), 'T', 'N')`.
fn referenced(expr: &Expr) -> Option<Id> {
    match expr {
        Expr::Call(f, args) if f == "resourceId" && args.len() == 2 => Some((None, text(&args[0])?.into(), text(&args[1])?.into())),
        Expr::Call(f, args) if f == "extensionResourceId" && args.len() == 3 => {
            let (None, pt, pn) = referenced(&args[0])? else { return None };
            Some((Some((pt, pn)), text(&args[1])?.into(), text(&args[2])?.into()))
        }
        _ => None,
    }
}

/// The resource a `scope` names: `format('T/{0}', 'N')`.
fn scope_of(expr: &Expr) -> Option<(String, String)> {
    match expr {
        Expr::Call(f, args) if f == "format" && args.len() == 2 => {
            let kind = text(&args[0])?.strip_suffix("/{0}")?;
            Some((kind.into(), text(&args[1])?.into()))
        }
        _ => None,
    }
}

/// What is wrong with the template's own shape.
fn shape_errors(template: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    if template["$schema"] != TEMPLATE_SCHEMA {
        errors.push(format!("$schema is {}", template["$schema"]));
    }
    if template["contentVersion"] != "1.0.0.0" {
        errors.push(format!("contentVersion is {}", template["contentVersion"]));
    }
    // Expressions: each reads, and calls only what the template needs.
    let mut all = Vec::new();
    strings(template, String::new(), &mut all);
    let mut used = BTreeSet::new();
    for (path, s) in &all {
        if s.starts_with('[') && !s.starts_with("[[") {
            match parse_expression(s) {
                Ok(expr) => parameters_used(&expr, &mut used),
                Err(why) => errors.push(format!("{path}: {s:?} does not read as an expression: {why}")),
            }
        } else if s.starts_with('[') {
            errors.push(format!("{path}: {s:?} is an escaped bracket, which the template never needs"));
        }
    }
    let declared: BTreeSet<String> = template["parameters"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    for name in used.difference(&declared) {
        errors.push(format!("parameters('{name}') is not declared"));
    }
    for name in declared.difference(&used) {
        errors.push(format!("parameter {name} is declared but never used"));
    }
    // Resources: unique, their dependencies in the template, no cycle, after what they extend.
    let resources = template["resources"].as_array().cloned().unwrap_or_default();
    let mut ids: Vec<Id> = Vec::new();
    for (i, r) in resources.iter().enumerate() {
        let scope = match r.get("scope").and_then(Value::as_str) {
            None => None,
            Some(s) => match parse_expression(s).ok().as_ref().and_then(scope_of) {
                Some(scope) => Some(scope),
                None => {
                    errors.push(format!("resources[{i}].scope {s:?} names no resource"));
                    None
                }
            },
        };
        let id = (scope, r["type"].as_str().unwrap_or("").to_string(), r["name"].as_str().unwrap_or("").to_string());
        if ids.contains(&id) {
            errors.push(format!("resources[{i}]: {id:?} twice"));
        }
        ids.push(id);
    }
    let mut depends: Vec<Vec<usize>> = vec![Vec::new(); resources.len()];
    for (i, r) in resources.iter().enumerate() {
        for d in r["dependsOn"].as_array().into_iter().flatten() {
            let target = d.as_str().and_then(|s| parse_expression(s).ok()).as_ref().and_then(referenced);
            match target.and_then(|t| ids.iter().position(|id| *id == t)) {
                Some(j) if j == i => errors.push(format!("resources[{i}] depends on itself")),
                Some(j) => depends[i].push(j),
                None => errors.push(format!("resources[{i}].dependsOn {d} names no resource of the template")),
            }
        }
    }
    // Everything each resource waits for, directly or not; a cycle shows as waiting for itself.
    let after = |i: usize| {
        let mut seen = BTreeSet::new();
        let mut todo = depends[i].clone();
        while let Some(j) = todo.pop() {
            if seen.insert(j) {
                todo.extend(&depends[j]);
            }
        }
        seen
    };
    for (i, id) in ids.iter().enumerate() {
        let waits = after(i);
        if waits.contains(&i) {
            errors.push(format!("resources[{i}] is in a dependency cycle"));
        }
        if let Some((kind, name)) = &id.0 {
            match ids.iter().position(|o| o.0.is_none() && o.1 == *kind && o.2 == *name) {
                Some(j) if !waits.contains(&j) => errors.push(format!("resources[{i}] extends resources[{j}] without waiting for it")),
                Some(_) => {}
                // An existing cluster (the plan says Azure has it) is extended without being created.
                None if template["metadata"]["existing"].as_array().is_some_and(|e| e.iter().any(|x| x.as_str() == Some(&format!("{kind}/{name}")))) => {}
                None => errors.push(format!("resources[{i}] extends {kind}/{name}, which the template does not create")),
            }
        }
    }
    // The clusters' networks are logical networks of the template.
    for (i, r) in resources.iter().enumerate() {
        for v in r.pointer("/properties/cloudProviderProfile/infraNetworkProfile/vnetSubnetIds").and_then(Value::as_array).into_iter().flatten() {
            let target = v.as_str().and_then(|s| parse_expression(s).ok()).as_ref().and_then(referenced);
            // Or one Azure has already (the template's metadata lists it as existing).
            let existing = |t: &(Option<(String, String)>, String, String)| {
                template["metadata"]["existing"].as_array().is_some_and(|e| e.iter().any(|x| x.as_str() == Some(&format!("{}/{}", t.1, t.2))))
            };
            let ok = target.is_some_and(|t| t.1 == "Microsoft.AzureStackHCI/logicalNetworks" && (ids.contains(&t) || existing(&t)));
            if !ok {
                errors.push(format!("resources[{i}]: vnetSubnetIds {v} is no logical network of the template"));
            }
        }
    }
    errors
}

/// An address of a pool, read with the standard library.
fn address(v: &Value) -> Option<IpAddr> {
    v.as_str()?.parse().ok()
}

/// The IP pools of each logical network: inside its prefix, start before end, apart.
fn pool_errors(template: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for r in template["resources"].as_array().into_iter().flatten().filter(|r| r["type"] == "Microsoft.AzureStackHCI/logicalNetworks") {
        for subnet in r["properties"]["subnets"].as_array().into_iter().flatten() {
            let props = &subnet["properties"];
            let Some(prefix) = props["addressPrefix"].as_str().and_then(|p| p.parse::<IpNet>().ok()) else {
                errors.push(format!("{}: addressPrefix {} is no prefix", r["name"], props["addressPrefix"]));
                continue;
            };
            let mut ranges = Vec::new();
            for pool in props["ipPools"].as_array().into_iter().flatten() {
                match (address(&pool["start"]), address(&pool["end"])) {
                    (Some(start), Some(end)) if start <= end && prefix.contains(&start) && prefix.contains(&end) => ranges.push((start, end)),
                    _ => errors.push(format!("{}: pool {pool} does not lie inside {prefix}", r["name"])),
                }
            }
            ranges.sort();
            for w in ranges.windows(2) {
                if w[1].0 <= w[0].1 {
                    errors.push(format!("{}: pools {:?} and {:?} overlap", r["name"], w[0], w[1]));
                }
            }
        }
    }
    errors
}

/// A load balancer's addresses: at least one, each an IPv4 prefix or a range `a-b` of IPv4
/// addresses, start before end, as MetalLB takes them.
fn address_errors(template: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for r in template["resources"].as_array().into_iter().flatten().filter(|r| r["type"] == "Microsoft.KubernetesRuntime/loadBalancers") {
        let addresses = r["properties"]["addresses"].as_array().cloned().unwrap_or_default();
        if addresses.is_empty() {
            errors.push(format!("{}: no addresses", r["name"]));
        }
        for a in &addresses {
            let text = a.as_str().unwrap_or("");
            let ok = match text.split_once('-') {
                Some((start, end)) => match (start.parse::<std::net::Ipv4Addr>(), end.parse::<std::net::Ipv4Addr>()) {
                    (Ok(start), Ok(end)) => start <= end,
                    _ => false,
                },
                None => text.parse::<ipnet::Ipv4Net>().is_ok_and(|n| n.trunc() == n),
            };
            if !ok {
                errors.push(format!("{}: address {a} is no IPv4 prefix or range", r["name"]));
            }
        }
    }
    errors
}

fn all_errors(schemas: &Schemas, template: &Value) -> Vec<String> {
    let mut errors = shape_errors(template);
    errors.extend(address_errors(template));
    errors.extend(schema_errors(schemas, template));
    errors
}

// ---- plans ----------------------------------------------------------------------------------------

fn example(name: &str) -> Plan {
    let text = std::fs::read_to_string(format!("{}/examples/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Plan::from_json(&text).unwrap()
}

fn template_of(plan: &Plan) -> Value {
    let text = export(Kind::Arm, plan);
    assert!(text.ends_with("}\n"), "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

/// Microsoft's Azure Local example grown to every part the template writes: two logical
/// networks (one on a VLAN with two pools), a typed control plane IP, two node pools whose names
/// reduce to one, two load balancer ranges, a cluster named like an expression.
fn varied() -> Plan {
    let mut plan = example("azure-local");
    plan.segments[0].vlan = 110;
    plan.segments[0].ip_pools.push("10.220.32.100-10.220.32.120".into());
    plan.segments.push(Segment {
        name: "second lnet".into(),
        subnet: "10.220.40.0/24".into(),
        gateway: Some("10.220.40.1".into()),
        dns: vec!["10.220.40.10".into()],
        ip_pools: vec!["10.220.40.20-10.220.40.60".into()],
        ..Default::default()
    });
    plan.clusters[1].control_plane_ip = Some("10.220.32.60".into());
    plan.clusters[1].node_pools = vec![NodePool { name: "Linux Pool".into(), nodes: 2 }, NodePool { name: "linux-pool".into(), nodes: 1 }];
    plan.clusters[1].lb_pools = vec!["10.220.32.70-10.220.32.79".into(), "10.220.32.88/29".into()];
    plan.clusters.push(Cluster {
        name: "[parameters('customLocationId')]".into(),
        segment: "second lnet".into(),
        control_plane_nodes: 1,
        node_pools: vec![NodePool { name: "p".into(), nodes: 1 }],
        ..Default::default()
    });
    plan
}

#[test]
fn the_examples_pass_the_schemas_and_the_shape() {
    let schemas = schemas();
    let mut plans: Vec<(String, Plan)> = vec![
        ("azure-local".into(), example("azure-local")),
        ("azure-local-multi-rack".into(), example("azure-local-multi-rack")),
        ("varied".into(), varied()),
    ];
    let mut fabric = example("azure-local-multi-rack");
    fabric.segments[0].fabric_network =
        Some("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedNetworkFabric/l3IsolationDomains/l3/internalNetworks/aks".into());
    fabric.segments[0].vlan = 501;
    plans.push(("multi-rack with a fabric network".into(), fabric));
    for (name, plan) in &plans {
        let report = evaluate(plan);
        assert!(report.findings.iter().all(|f| f.severity != Severity::Error), "{name}: {:?}", report.findings);
        let template = template_of(plan);
        let mut errors = all_errors(&schemas, &template);
        errors.extend(pool_errors(&template));
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_template_holds_what_the_plan_says() {
    let t = template_of(&varied());
    let resources = t["resources"].as_array().unwrap();
    let of = |kind: &str| resources.iter().filter(|r| r["type"] == kind).collect::<Vec<_>>();
    let lnets = of("Microsoft.AzureStackHCI/logicalNetworks");
    assert_eq!(lnets.len(), 2);
    let first = &lnets[0]["properties"];
    assert_eq!(lnets[0]["name"], "aks-lnet");
    assert_eq!(first["vmSwitchName"], "[parameters('vmSwitchName')]");
    let subnet = &first["subnets"][0]["properties"];
    assert_eq!(subnet["addressPrefix"], "10.220.32.0/24");
    assert_eq!(subnet["ipAllocationMethod"], "Static");
    assert_eq!(subnet["vlan"], 110);
    assert_eq!(
        subnet["ipPools"],
        json!([{ "start": "10.220.32.18", "end": "10.220.32.37" }, { "start": "10.220.32.100", "end": "10.220.32.120" }])
    );
    assert_eq!(subnet["routeTable"]["properties"]["routes"][0]["properties"], json!({ "addressPrefix": "0.0.0.0/0", "nextHopIpAddress": "10.220.32.1" }));
    assert_eq!(first["dhcpOptions"]["dnsServers"], json!(["10.220.32.16", "10.220.32.17"]));
    assert_eq!(lnets[1]["name"], "second-lnet");
    assert!(lnets[1]["properties"]["subnets"][0]["properties"].get("vlan").is_none(), "VLAN 0 is left out");
    assert!(t["metadata"].get("notes").is_none() && t["metadata"].get("skipped").is_none(), "{}", t["metadata"]);

    let clusters = of("Microsoft.Kubernetes/connectedClusters");
    let names: Vec<&str> = clusters.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["cluster-a", "cluster-b", "parameters-customlocatio"]);
    for c in &clusters {
        assert_eq!(c["kind"], "ProvisionedCluster");
        assert_eq!(c["identity"]["type"], "SystemAssigned");
        assert_eq!(c["properties"]["agentPublicKeyCertificate"], "");
    }
    let instances = of("Microsoft.HybridContainerService/provisionedClusterInstances");
    assert_eq!(instances.len(), 3);
    let b = &instances[1];
    assert_eq!(b["name"], "default");
    assert_eq!(b["scope"], "[format('Microsoft.Kubernetes/connectedClusters/{0}', 'cluster-b')]");
    assert_eq!(b["extendedLocation"], json!({ "type": "CustomLocation", "name": "[parameters('customLocationId')]" }));
    assert_eq!(b["properties"]["controlPlane"], json!({ "count": 1, "controlPlaneEndpoint": { "hostIP": "10.220.32.60" } }));
    assert_eq!(b["properties"]["agentPoolProfiles"], json!([{ "name": "linuxpool", "count": 2 }, { "name": "linuxpool2", "count": 1 }]));
    assert_eq!(b["properties"]["networkProfile"]["loadBalancerProfile"]["count"], 0);
    assert!(instances[0]["properties"]["controlPlane"].get("controlPlaneEndpoint").is_none(), "blank: from the pool");
    assert_eq!(instances[2]["properties"]["agentPoolProfiles"][0]["name"], "pool1", "a name too short for Azure");
    assert_eq!(
        instances[2]["properties"]["cloudProviderProfile"]["infraNetworkProfile"]["vnetSubnetIds"],
        json!(["[resourceId('Microsoft.AzureStackHCI/logicalNetworks', 'second-lnet')]"])
    );

    let extensions = of("Microsoft.KubernetesConfiguration/extensions");
    assert_eq!(extensions.len(), 2, "one per cluster with load balancer ranges");
    for e in &extensions {
        assert_eq!(e["name"], "arcnetworking");
        assert_eq!(e["properties"]["extensionType"], "microsoft.arcnetworking");
        assert_eq!(e["properties"]["configurationSettings"]["k8sRuntimeFpaObjectId"], "[parameters('k8sRuntimeFpaObjectId')]");
    }
    let lbs = of("Microsoft.KubernetesRuntime/loadBalancers");
    assert_eq!(lbs[1]["name"], "cluster-b-lb");
    assert_eq!(lbs[1]["properties"], json!({ "addresses": ["10.220.32.70-10.220.32.79", "10.220.32.88/29"], "advertiseMode": "ARP" }));
    assert!(t["parameters"]["k8sRuntimeFpaObjectId"]["metadata"]["description"].as_str().unwrap().contains("087fca6e-4606-4d41-b3f6-5ebdf75b8b4c"));
    assert_eq!(t["parameters"]["location"]["defaultValue"], "eastus");
    assert_eq!(t["parameters"]["adminGroupObjectIds"]["defaultValue"], json!([]));
}

#[test]
fn multi_rack_takes_the_fabric_network_and_no_gateway_switch_or_control_plane_ip() {
    let mut plan = example("azure-local-multi-rack");
    plan.segments[0].fabric_network = Some("/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedNetworkFabric/internalNetworks/n1".into());
    plan.segments.push(Segment { name: "b".into(), subnet: "10.1.0.0/24".into(), fabric_network: Some("not an ID".into()), ..Default::default() });
    plan.clusters[0].control_plane_ip = Some("10.220.32.60".into());
    let t = template_of(&plan);
    let lnet = &t["resources"][0];
    assert_eq!(lnet["apiVersion"], "2025-09-01-preview");
    assert_eq!(lnet["properties"]["fabricNetworkConfiguration"]["resourceId"], "[parameters('fabricNetworkId1')]");
    assert!(lnet["properties"].get("vmSwitchName").is_none());
    let subnet = &lnet["properties"]["subnets"][0]["properties"];
    assert!(subnet.get("routeTable").is_none(), "the fabric routes: {subnet}");
    assert_eq!(subnet["ipPools"][0]["ipPoolType"], "vm");
    assert_eq!(t["parameters"]["fabricNetworkId1"]["defaultValue"], plan.segments[0].fabric_network.as_deref().unwrap());
    assert!(t["parameters"]["fabricNetworkId2"].get("defaultValue").is_none(), "an ID that is not plain is asked for");
    assert!(t["parameters"].get("vmSwitchName").is_none());
    let instance = t["resources"].as_array().unwrap().iter().find(|r| r["name"] == "default").unwrap();
    assert!(instance["properties"]["controlPlane"].get("controlPlaneEndpoint").is_none(), "never on multi-rack");
}

#[test]
fn what_cannot_be_deployed_is_left_out_and_listed() {
    let mut plan = example("azure-local");
    plan.segments.push(Segment { name: "broken".into(), subnet: "10.300.0.0/24".into(), ..Default::default() });
    plan.segments.push(Segment { name: "Bare".into(), subnet: "10.5.0.0/24".into(), ..Default::default() });
    plan.clusters[1].segment = "broken".into();
    plan.clusters.push(Cluster { name: "lost".into(), segment: "nowhere".into(), control_plane_nodes: 1, ..Default::default() });
    plan.clusters[0].lb_pools.push("fd00::10-fd00::20".into());
    let t = template_of(&plan);
    let skipped = t["metadata"]["skipped"].as_array().unwrap();
    let skipped: Vec<&str> = skipped.iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    assert!(skipped[0].contains("(broken): its prefix does not parse"));
    assert!(skipped.iter().any(|s| s.contains("(cluster-b): its logical network is left out")));
    assert!(skipped.iter().any(|s| s.contains("(lost): its logical network is not in the plan")));
    assert!(skipped.iter().any(|s| s.contains("cluster-a: load balancer range 2 left out")));
    let names: Vec<&str> = t["resources"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["aks-lnet", "bare", "cluster-a", "default", "arcnetworking", "cluster-a-lb"]);
    let bare = &t["resources"][1]["properties"];
    assert!(bare["subnets"][0]["properties"].get("routeTable").is_none(), "no gateway, no route: {bare}");
    assert!(bare["subnets"][0]["properties"].get("ipPools").is_none() && bare.get("dhcpOptions").is_none(), "{bare}");
    let notes: Vec<&str> = t["metadata"]["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert_eq!(notes, [
        "logical network bare: no IP pool in the plan (ip-pool-missing); the clusters need one",
        "logical network bare: no gateway in the plan (gateway-missing), so no default route",
        "logical network bare: no DNS server in the plan (dns-missing)",
    ]);
    assert!(shape_errors(&t).is_empty(), "{:?}", shape_errors(&t));
    // A plan with nothing to deploy: no resource, no parameter.
    let t = template_of(&Plan { platform: PlatformId::AzureLocal, ..Plan::default() });
    assert_eq!(t["resources"], json!([]));
    assert_eq!(t["parameters"], json!({}));
    assert!(all_errors(&schemas(), &t).is_empty());
}

/// `value` at `pointer` in `t`.
fn set(t: &mut Value, pointer: &str, value: Value) {
    *t.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = value;
}

/// `t` without `key` of the object at `pointer`.
fn remove(t: &mut Value, pointer: &str, key: &str) {
    t.pointer_mut(pointer).and_then(Value::as_object_mut).unwrap_or_else(|| panic!("no {pointer}")).remove(key);
}

#[test]
fn the_checks_can_fail() {
    let schemas = schemas();
    // Microsoft's example on a VLAN with two pools: a logical network, then cluster-a's
    // connected cluster, instance, extension and load balancer, then cluster-b's two.
    let mut plan = example("azure-local");
    plan.segments[0].vlan = 110;
    plan.segments[0].ip_pools.push("10.220.32.100-10.220.32.120".into());
    let good = template_of(&plan);
    assert!(all_errors(&schemas, &good).is_empty() && pool_errors(&good).is_empty());
    let all = |t: &Value| all_errors(&schemas, t);
    let fails = |what: &str, change: &dyn Fn(&mut Value), errors: &dyn Fn(&Value) -> Vec<String>, says: &str| {
        let mut t = good.clone();
        change(&mut t);
        let found = errors(&t);
        assert!(found.iter().any(|e| e.contains(says)), "{what}: no error saying {says:?} in {found:#?}");
    };
    let subnet = "/resources/0/properties/subnets/0/properties";
    let cluster_a = "[resourceId('Microsoft.Kubernetes/connectedClusters', 'cluster-a')]";
    let extension_a = "[extensionResourceId(resourceId('Microsoft.Kubernetes/connectedClusters', 'cluster-a'), \
        'Microsoft.KubernetesConfiguration/extensions', 'arcnetworking')]";

    // Our own checks.
    let outside = |t: &mut Value| set(t, &format!("{subnet}/ipPools/1/end"), json!("10.220.33.5"));
    fails("a pool outside its prefix", &outside, &pool_errors, "does not lie inside 10.220.32.0/24");
    fails("two pools overlapping", &|t| set(t, &format!("{subnet}/ipPools/1/start"), json!("10.220.32.30")), &pool_errors, "overlap");
    fails("no customLocationId parameter", &|t| remove(t, "/parameters", "customLocationId"), &all, "parameters('customLocationId') is not declared");
    fails("a parameter nobody uses", &|t| t["parameters"]["spare"] = json!({ "type": "string" }), &all, "spare is declared but never used");
    let gone = json!("[resourceId('Microsoft.AzureStackHCI/logicalNetworks', 'gone')]");
    fails("a dependency on nothing", &|t| set(t, "/resources/2/dependsOn/1", gone.clone()), &all, "names no resource");
    fails("a dependency on itself", &|t| t["resources"][1]["dependsOn"] = json!([cluster_a]), &all, "depends on itself");
    fails("a cycle", &|t| set(t, "/resources/2/dependsOn", json!([extension_a])), &all, "dependency cycle");
    fails("an unknown function", &|t| set(t, "/resources/1/location", json!("[resourceGroup().location]")), &all, "unknown function");
    fails("plan text as an expression", &|t| set(t, "/resources/1/name", json!("[parameters('customLocationId')")), &all, "does not read");
    let lnet = json!(["[resourceId('Microsoft.AzureStackHCI/logicalNetworks', 'aks-lnet')]"]);
    fails("a scope not waited for", &|t| set(t, "/resources/2/dependsOn", lnet.clone()), &all, "without waiting");
    let vnets = "/resources/2/properties/cloudProviderProfile/infraNetworkProfile/vnetSubnetIds";
    fails("a network not in the template", &|t| set(t, vnets, json!(["/subscriptions/x"])), &all, "is no logical network");
    let old = json!("https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#");
    fails("another $schema", &|t| t["$schema"] = old.clone(), &all, "$schema is");
    let addresses = "/resources/4/properties/addresses";
    fails("a load balancer with no address", &|t| set(t, addresses, json!([])), &all, "no addresses");
    fails("a load balancer range backwards", &|t| set(t, &format!("{addresses}/0"), json!("10.220.32.49-10.220.32.47")), &all, "is no IPv4 prefix or range");

    // The schemas.
    let instance = "resources[2] Microsoft.HybridContainerService/provisionedClusterInstances";
    let count = "/resources/2/properties/controlPlane/count";
    let says = format!("{instance}/properties/controlPlane/count: \"3\" is not of type \"integer\"");
    fails("a count as text", &|t| set(t, count, json!("3")), &all, &says);
    fails("a VLAN as text", &|t| set(t, &format!("{subnet}/vlan"), json!("110")), &all, "/subnets/0/properties/vlan: \"110\" is not of type \"integer\"");
    let misspelt = |t: &mut Value| {
        remove(t, subnet, "ipAllocationMethod");
        set(t, subnet, { let mut p = t.pointer(subnet).unwrap().clone(); p["ipAllocationMethods"] = json!("Static"); p });
    };
    fails("a misspelt property", &misspelt, &all, "'ipAllocationMethods' was unexpected");
    let method = format!("{subnet}/ipAllocationMethod");
    fails("an allocation method Azure does not have", &|t| set(t, &method, json!("static")), &all, "ipAllocationMethod: \"static\" is not one of");
    fails("an API version without a schema", &|t| set(t, "/resources/0/apiVersion", json!("2023-01-01")), &all, "none of the types");
    fails("a load balancer name too short", &|t| set(t, "/resources/4/name", json!("lb")), &all, "loadBalancers/name: \"lb\" does not match");
    let mode = "/resources/4/properties/advertiseMode";
    fails("an advertise mode Azure does not have", &|t| set(t, mode, json!("L2")), &all, "advertiseMode: \"L2\" is not one of");
    fails("a load balancer without addresses", &|t| remove(t, "/resources/4/properties", "addresses"), &all, "\"addresses\" is a required property");
    fails("a connected cluster without identity", &|t| remove(t, "/resources/1", "identity"), &all, "\"identity\" is a required property");
    let setting = "/resources/3/properties/configurationSettings/k8sRuntimeFpaObjectId";
    fails("an extension setting that is not text", &|t| set(t, setting, json!(7)), &all, "k8sRuntimeFpaObjectId: 7 is not of type \"string\"");
    fails("an instance named otherwise", &|t| set(t, "/resources/2/name", json!("cluster-a")), &all, &format!("{instance}/name"));
    // The whole file's schema: the template-level keys, the parameters, and each resource's own
    // definition reached through the deployment schema.
    fails("a condition neither true nor false", &|t| t["resources"][0]["condition"] = json!("yes"), &all, "template/resources/0/condition");
    fails("a parameter of no type", &|t| set(t, "/parameters/location/type", json!("text")), &all, "template/parameters/location");
    let mut t = good.clone();
    set(&mut t, "/resources/2/properties/controlPlane/count", json!("3"));
    assert!(!schemas.template.is_valid(&t));
    assert!(schemas.template.is_valid(&good));
}

#[test]
fn it_is_offered_for_azure_local_and_multi_rack_and_named_json() {
    for p in aksarc_netplan::platform::all() {
        let plan = p.example();
        let fabric_or_local = matches!(plan.platform, PlatformId::AzureLocal | PlatformId::AzureLocalMultiRack);
        assert_eq!(Kind::Arm.applies_to(&plan), fabric_or_local, "{}", p.name);
    }
    let plan = example("azure-local");
    assert_eq!(file_name(Kind::Arm, &plan), format!("{}-arm.json", plan.file_stem()));
    assert_eq!(Kind::Arm.mime(), "application/json");
    assert_eq!(Kind::from_name("arm"), Ok(Kind::Arm));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any plan on Azure Local or multi-rack, whatever its names and address text: the template
    /// reads, its expressions are ours alone, and the schemas take it. Where the plan's checks
    /// find no error, its pools lie in their prefixes too.
    #[test]
    fn any_plan_makes_a_template_the_schemas_take(plan in support::gen::plan(&support::gen::hostile()), fabric in any::<bool>()) {
        let plan = Plan { platform: if fabric { PlatformId::AzureLocalMultiRack } else { PlatformId::AzureLocal }, ..plan };
        let template = template_of(&plan);
        let schemas = SCHEMA_SET.with(std::rc::Rc::clone);
        let mut errors = all_errors(&schemas, &template);
        if evaluate(&plan).findings.iter().all(|f| f.severity != Severity::Error) {
            errors.extend(pool_errors(&template));
        }
        prop_assert!(errors.is_empty(), "{}\n{}", errors.join("\n"), serde_json::to_string_pretty(&template).unwrap());
        // The count that decides whether a plan fits in a template is the template's own.
        let size = aksarc_netplan::exports::arm_size(&plan);
        prop_assert_eq!(size.resources, template["resources"].as_array().map_or(0, Vec::len));
        prop_assert_eq!(size.parameters, template["parameters"].as_object().map_or(0, |p| p.len()));
    }
}

/// Azure Resource Manager takes at most 800 resources and 256 parameters in one template
/// (Microsoft Learn, ARM template best practices, Template limits): a plan past them gets the
/// reason, not a template Azure refuses.
#[test]
fn a_plan_past_the_template_limits_gets_no_template() {
    let mut plan = example("azure-local");
    let cluster = plan.clusters[0].clone();
    // A cluster without load balancer ranges: a connected cluster and its instance.
    let bare = |name: String| {
        let mut c = cluster.clone();
        (c.name, c.control_plane_ip) = (name, None);
        c.lb_pools.clear();
        c
    };
    // As many clusters as fill 800 resources with the networks: made, all of them.
    let fits = (800 - plan.segments.len()) / 2;
    plan.clusters = (0..fits).map(|i| bare(format!("c{i}"))).collect();
    assert!(Kind::Arm.applies_to(&plan));
    assert_eq!(template_of(&plan)["resources"].as_array().unwrap().len(), plan.segments.len() + 2 * fits);
    // One more: refused, with the count.
    let mut over = plan.clone();
    over.clusters.push(bare("one-more".into()));
    let why = Kind::Arm.why_not(&over).expect("past 800 resources");
    assert!(why.contains("at most 800 resources") && why.contains(&format!("needs {}", plan.segments.len() + 2 * fits + 2)), "{why}");
    // The CLI says so and writes nothing.
    let dir = std::env::temp_dir().join(format!("arm-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.json"), over.to_json()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_aksarc-netplan")).args(["export", "arm"]).arg(dir.join("plan.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 800 resources"));
    let _ = std::fs::remove_dir_all(&dir);
}

thread_local! {
    /// The validators, built once per test thread.
    static SCHEMA_SET: std::rc::Rc<Schemas> = std::rc::Rc::new(schemas());
}



