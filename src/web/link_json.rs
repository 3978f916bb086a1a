//! A share link's JSON read into a plan by the page's first module without the link's own serde
//! types (`link::LinkPlan`), whose readers weighed 5 KB gzip there: the browser parses the
//! JSON, the link's one-letter keys are renamed to the plan's and its pairs made into objects,
//! then the plan's reader (which the page carries anyway) reads the result. Unknown keys, pairs
//! of another length and values of another type are refused as `LinkPlan` refuses them; ticks
//! written as indexes go to the second module, which carries their table.
//!
//! The keys here follow `link::LinkPlan`'s `serde(rename)`s; the component tests read links of
//! every field that `link::encode` wrote, so the two cannot drift apart.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::link::LinkError;
use crate::model::{Plan, SCHEMA};

/// A link's key and the plan's, for the plan, a segment and a cluster.
const PLAN: [(&str, &str); 11] = [
    ("n", "name"),
    ("x", "proxy"),
    ("s", "segments"),
    ("r", "reserved"),
    ("c", "clusters"),
    ("b", "resource_bridge"),
    ("g", "region"),
    ("f", "firewall_confirmed"),
    ("p", "platform"),
    ("m", "management"),
    ("w", "waivers"),
];
const SEGMENT: [(&str, &str); 10] = [
    ("n", "name"),
    ("s", "subnet"),
    ("g", "gateway"),
    ("d", "dns"),
    ("h", "dhcp"),
    ("u", "dhcp_in_use"),
    ("i", "ip_pools"),
    ("v", "vlan"),
    ("f", "fabric_network"),
    ("e", "existing"),
];
const CLUSTER: [(&str, &str); 10] = [
    ("n", "name"),
    ("s", "segment"),
    ("c", "control_plane_ip"),
    ("m", "control_plane_nodes"),
    ("p", "node_pools"),
    ("v", "services"),
    ("l", "lb_pools"),
    ("h", "host_ip"),
    ("e", "existing"),
    ("y", "lb_pools_existing"),
];

fn refused(why: String) -> LinkError {
    LinkError::NotAPlan(why)
}

/// The object `value` with its keys renamed by `keys`; any other key is refused.
fn renamed(value: &JsValue, keys: &[(&str, &str)], what: &str) -> Result<Object, LinkError> {
    if !value.is_object() || Array::is_array(value) {
        return Err(refused(format!("{what} is not an object")));
    }
    let out = Object::new();
    let object: &Object = value.unchecked_ref();
    for key in Object::keys(object).iter() {
        let short = key.as_string().unwrap_or_default();
        let Some((_, full)) = keys.iter().find(|(k, _)| *k == short) else {
            return Err(refused(format!("unknown field `{short}` in {what}")));
        };
        let _ = Reflect::set(&out, &JsValue::from_str(full), &Reflect::get(value, &key).unwrap_or(JsValue::NULL));
    }
    Ok(out)
}

/// The field `key` of `object`, if it is there and not null.
fn field(object: &Object, key: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// A list the link writes as a JSON array, each item made over by `each`.
fn each(object: &Object, key: &str, mut each: impl FnMut(&JsValue) -> Result<JsValue, LinkError>) -> Result<(), LinkError> {
    let Some(list) = field(object, key) else { return Ok(()) };
    let Some(list) = list.dyn_ref::<Array>() else { return Err(refused(format!("{key} is not a list"))) };
    let out = Array::new();
    for item in list.iter() {
        out.push(&each(&item)?);
    }
    let _ = Reflect::set(object, &JsValue::from_str(key), &out);
    Ok(())
}

/// A pair or triple the link writes as an array, as an object with these field names.
fn fields(value: &JsValue, names: &[&str], what: &str) -> Result<JsValue, LinkError> {
    match value.dyn_ref::<Array>() {
        Some(items) if items.length() as usize == names.len() => {
            let out = Object::new();
            for (i, name) in names.iter().enumerate() {
                let _ = Reflect::set(&out, &JsValue::from_str(name), &items.get(i as u32));
            }
            Ok(out.into())
        }
        _ => Err(refused(format!("{what} is not a list of {} values", names.len()))),
    }
}

/// The plan in a link's unpacked JSON.
pub fn read(json: &[u8]) -> Result<Plan, LinkError> {
    let text = std::str::from_utf8(json).map_err(|e| refused(e.to_string()))?;
    let value = JSON::parse(text).map_err(|_| refused("not JSON".to_string()))?;
    let plan = renamed(&value, &PLAN, "the plan")?;
    let _ = Reflect::set(&plan, &"schema".into(), &JsValue::from(SCHEMA));
    // Absent or null, the link means the default region and VMware.
    for key in ["region", "platform"] {
        if field(&plan, key).is_none() {
            let _ = Reflect::delete_property(&plan, &JsValue::from_str(key));
        }
    }
    each(&plan, "segments", |s| renamed(s, &SEGMENT, "a segment").map(Into::into))?;
    each(&plan, "clusters", |c| {
        let cluster = renamed(c, &CLUSTER, "a cluster")?;
        each(&cluster, "node_pools", |p| fields(p, &["name", "nodes"], "a node pool"))?;
        Ok(cluster.into())
    })?;
    each(&plan, "reserved", |r| fields(r, &["name", "addresses"], "a reserved entry"))?;
    each(&plan, "waivers", |w| fields(w, &["rule", "field", "reason"], "a waiver"))?;
    if let Some(bridge) = field(&plan, "resource_bridge") {
        let _ = Reflect::set(&plan, &"resource_bridge".into(), &fields(&bridge, &["control_plane_ip", "appliance_vm_ips"], "the resource bridge")?);
    }
    if let Some(management) = field(&plan, "management") {
        let _ = Reflect::set(&plan, &"management".into(), &fields(&management, &["subnet", "infra_pool", "vlan"], "the management network")?);
    }
    each(&plan, "firewall_confirmed", |tick| match tick.as_string() {
        Some(_) => Ok(tick.clone()),
        // A row's index: its key is in the table the second module carries.
        None => Err(LinkError::TicksByIndex),
    })?;
    serde_wasm_bindgen::from_value(plan.into()).map_err(|e| refused(e.to_string()))
}
