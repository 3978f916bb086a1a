//! The page's second module: the exports and the import of used addresses, which most visits
//! never use. The page (`web::tools`) fetches it on first use and calls these functions with
//! the plan as JSON; keeping them out of the first module keeps a first visit light.

#[cfg(target_arch = "wasm32")]
mod module {
    use aksarc_netplan::exports::{export, file_name, metallb_cluster, metallb_cluster_file, Kind};
    use aksarc_netplan::model::Plan;
    use aksarc_netplan::used::preview;
    use wasm_bindgen::prelude::*;

    /// An error as the page's loader receives it: thrown, with its message.
    fn thrown(e: impl std::fmt::Display) -> JsValue {
        JsValue::from_str(&e.to_string())
    }

    fn plan(json: &str) -> Result<Plan, JsValue> {
        Plan::from_json(json).map_err(thrown)
    }

    /// `[file name, text]` of an export; `cluster` (when not negative) picks one cluster's
    /// MetalLB file.
    #[wasm_bindgen]
    pub fn export_file(plan_json: &str, kind: &str, cluster: i32) -> Result<js_sys::Array, JsValue> {
        let plan = plan(plan_json)?;
        let kind = Kind::from_name(kind).map_err(thrown)?;
        let (name, text) = match usize::try_from(cluster) {
            Ok(c) if kind == Kind::Metallb => (metallb_cluster_file(&plan, c), metallb_cluster(&plan, c)),
            _ => (file_name(kind, &plan), export(kind, &plan)),
        };
        Ok(js_sys::Array::of2(&name.into(), &text.into()))
    }

    /// `[used::Preview as JSON, the merged plan as a plan file]` of importing `text` (from
    /// `source`), or the reason nothing can be imported (thrown).
    #[wasm_bindgen]
    pub fn used_preview(plan_json: &str, text: &str, source: &str, shown: usize) -> Result<js_sys::Array, JsValue> {
        let plan = plan(plan_json)?;
        let (preview, merged) = preview(&plan, text, source, shown).map_err(thrown)?;
        let preview = serde_json::to_string(&preview).map_err(thrown)?;
        Ok(js_sys::Array::of2(&preview.into(), &merged.to_json().into()))
    }
}

fn main() {}
