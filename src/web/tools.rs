//! The page's second module (`src/page_tools.rs`): the exports and the import of used
//! addresses, fetched the first time one is asked for. The page's starter script defines
//! `aksarcNetplanTools()`, which loads and starts that module once and resolves to its
//! functions (in the offline file the module is inline). The plan crosses as JSON.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::exports::Kind;
use crate::model::Plan;
use crate::used::Preview;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = aksarcNetplanTools, catch)]
    fn load() -> Result<js_sys::Promise, JsValue>;
}

/// What a thrown JS value says.
fn said(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".into())
}

async fn call(function: &str, args: &Array) -> Result<JsValue, String> {
    let unavailable = |e: JsValue| {
        format!("the part of the page that makes files and reads imports could not be loaded ({}); \
                 it is fetched on first use, so reconnect once, or use the offline file", said(&e))
    };
    let module = JsFuture::from(load().map_err(unavailable)?).await.map_err(unavailable)?;
    let f: Function = Reflect::get(&module, &function.into()).map_err(unavailable)?
        .dyn_into().map_err(|_| format!("the page's second module has no {function}"))?;
    f.apply(&JsValue::NULL, args).map_err(|e| said(&e))
}

/// The two strings the second module's functions answer with (`what` names the answer).
fn two_strings(answer: JsValue, what: &str) -> Result<(String, String), String> {
    let empty = || format!("{what} came back empty");
    let pair: Array = answer.dyn_into().map_err(|_| empty())?;
    pair.get(0).as_string().zip(pair.get(1).as_string()).ok_or_else(empty)
}

/// `(file name, text)` of an export of the plan; `cluster` picks one cluster's MetalLB file.
pub async fn export_file(plan: &Plan, kind: Kind, cluster: Option<usize>) -> Result<(String, String), String> {
    let cluster = cluster.and_then(|c| i32::try_from(c).ok()).unwrap_or(-1);
    let args = Array::of3(&plan.to_json().into(), &kind.name().into(), &cluster.into());
    two_strings(call("export_file", &args).await?, "an export")
}

/// What importing `text` (from `source`) would do, keeping the first `shown` rows of each list,
/// and the plan with it merged in.
pub async fn used_preview(plan: &Plan, text: &str, source: &str, shown: usize) -> Result<(Preview, Plan), String> {
    let args = Array::of4(&plan.to_json().into(), &text.into(), &source.into(), &JsValue::from(shown as u32));
    let (preview, merged) = two_strings(call("used_preview", &args).await?, "an import preview")?;
    let preview = serde_json::from_str(&preview).map_err(|e| format!("an import preview did not read: {e}"))?;
    let merged = Plan::from_json(&merged).map_err(|e| format!("an import preview did not read: {e}"))?;
    Ok((preview, merged))
}
