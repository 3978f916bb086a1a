//! The few browser services the page needs (storage, the URL fragment, clipboard, files), each
//! wrapped once so components stay free of web-sys details. Failures come back as messages.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::Plan;

/// The localStorage key of the autosaved plan (stored as the plan's JSON, the export format).
const AUTOSAVE_KEY: &str = "aksarc-netplan.plan";

/// Saves the plan so a reload finds it. Storage can be full or disabled; the page goes on.
pub fn autosave(plan: &Plan) {
    let _ = LocalStorage::raw().set_item(AUTOSAVE_KEY, &plan.to_json());
}

/// The autosaved plan; `Err` when one is stored but is no longer a plan.
pub fn autosaved() -> Option<Result<Plan, String>> {
    let text = LocalStorage::raw().get_item(AUTOSAVE_KEY).ok()??;
    Some(Plan::from_json(&text).map_err(|e| e.to_string()))
}

/// The URL fragment without `#` (empty when there is none).
pub fn fragment() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Drops the fragment from the address bar without reloading or firing `hashchange`, so a
/// reload shows the autosaved plan (with later edits) rather than the link's original.
pub fn clear_fragment() {
    if fragment().is_empty() {
        return;
    }
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page_url()));
    }
}

/// Copies text to the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying".to_string())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "the browser could not prepare the file".to_string())?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser could not start the download".to_string())?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoking at once can cancel a download that has not read the blob yet; a minute is ample.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The text of a file the user picked.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    if file.size() > crate::model::MAX_PLAN_BYTES as f64 {
        return Err(format!("{name} is larger than any plan ({} bytes)", file.size()));
    }
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| format!("{name} could not be read as text"))
}

/// True when the page came from a web server, false when it was opened from a file.
pub fn is_hosted() -> bool {
    let protocol = gloo::utils::window().location().protocol().unwrap_or_default();
    protocol == "http:" || protocol == "https:"
}

/// Registers `sw.js` next to the page. Browsers without service workers, or a refusal, leave
/// the page working online only; nothing to tell the user.
pub async fn register_service_worker() {
    let container = gloo::utils::window().navigator().service_worker();
    let _ = JsFuture::from(container.register("./sw.js")).await;
}
