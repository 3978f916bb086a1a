//! The few browser services the page needs (storage, the URL fragment, clipboard, files), each
//! wrapped once so components stay free of web-sys details. Failures come back as messages.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::Plan;

/// The localStorage key of the newest autosaved plan of any tab (the plan's JSON, the export
/// format): what a new tab opens.
const AUTOSAVE_KEY: &str = "aksarc-netplan.plan";
/// The index of Recent plans (JSON list of [`RecentEntry`]); each plan under its own key.
const RECENT_KEY: &str = "aksarc-netplan.recent";
const RECENT_PLAN_PREFIX: &str = "aksarc-netplan.recent.";
/// This tab's id, in sessionStorage: it survives a reload of the tab and no other tab sees it.
const TAB_KEY: &str = "aksarc-netplan.tab";
/// How many plans Recent plans keeps.
pub const RECENT_MAX: usize = 12;

/// One plan of Recent plans: each tab's current plan, and every plan a link, an import or a new
/// plan replaced.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecentEntry {
    pub id: String,
    pub name: String,
    /// When it was last saved, in milliseconds since 1970 (the browser's clock). A whole number:
    /// writing a float would bring a float formatter and its tables into the page; earlier
    /// releases wrote `1764100000000.0`, which still reads.
    #[serde(deserialize_with = "whole_ms")]
    pub saved: u64,
    pub clusters: usize,
    pub bytes: usize,
}

impl RecentEntry {
    /// "2026-11-25 14:03", in the browser's time zone.
    pub fn when(&self) -> String {
        let d = js_sys::Date::new(&JsValue::from_f64(self.saved as f64));
        format!("{:04}-{:02}-{:02} {:02}:{:02}", d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
    }
}

/// Milliseconds written as an integer or (by earlier releases) as a float.
fn whole_ms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let ms: f64 = serde::Deserialize::deserialize(d)?;
    Ok(ms.max(0.0) as u64)
}

/// The bytes of base64url text without padding, as share links write them, read by the
/// browser's `atob`: None for any other character or an impossible length.
pub fn base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 || !text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    let mut standard: String = text.chars().map(|c| match c { '-' => '+', '_' => '/', c => c }).collect();
    while standard.len() % 4 != 0 {
        standard.push('=');
    }
    // Each character of atob's answer is one byte.
    let binary = gloo::utils::window().atob(&standard).ok()?;
    Some(binary.chars().map(|c| c as u8).collect())
}

/// Reads JSON this page wrote itself with the browser's parser. Fields the type does not know
/// are passed over (the plan format's refusal of them is for files people hand in, which
/// `tools::read_plan` reads).
pub fn read_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// Writes JSON with the browser (serde-wasm-bindgen and `JSON.stringify`): the same text
/// serde_json writes, indented by two spaces when `pretty`, without its writer in the module.
pub fn write_json<T: serde::Serialize>(value: &T, pretty: bool) -> String {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    // Plans, lists and entries of owned strings and numbers always serialise.
    let value = value.serialize(&serializer).unwrap_or(JsValue::NULL);
    let indent = if pretty { JsValue::from(2) } else { JsValue::UNDEFINED };
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &indent)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// The plan as a plan file, the export format ([`Plan::to_json`], written by the browser).
pub fn write_plan(plan: &Plan) -> String {
    write_json(plan, true)
}

/// Reads a plan this page wrote (autosave, Recent plans, its examples, the second module's
/// answers).
pub fn read_plan(text: &str) -> Result<Plan, String> {
    let plan: Plan = read_json(text).map_err(|e| format!("not a plan: {e}"))?;
    plan.of_known_schema().map_err(|e| e.to_string())
}

/// The worked example a new user sees: that of the platform the picker offers first.
pub fn example() -> Plan {
    example_of(crate::platform::first())
}

/// A platform's worked example, read as the page reads what it wrote.
pub fn example_of(platform: &crate::platform::Platform) -> Plan {
    // The text is part of the binary and covered by tests, so reading cannot fail here.
    read_plan(platform.example.json).expect("a built-in example is a valid plan")
}

/// Where the plan of Recent plans' entry `id` is stored.
fn recent_key(id: &str) -> String {
    format!("{RECENT_PLAN_PREFIX}{id}")
}

/// A random hexadecimal id, for a tab or a kept plan.
fn random_id() -> String {
    format!("{:x}", (js_sys::Math::random() * 1e12) as u64)
}

fn tab_entry() -> String {
    format!("tab-{}", tab_id())
}

/// This tab's id, made on its first load.
fn tab_id() -> String {
    let session = gloo::storage::SessionStorage::raw();
    if let Ok(Some(id)) = session.get_item(TAB_KEY) {
        return id;
    }
    let id = random_id();
    let _ = session.set_item(TAB_KEY, &id);
    id
}

/// The list, newest first; an unreadable list is an empty one.
pub fn recent() -> Vec<RecentEntry> {
    let text = LocalStorage::raw().get_item(RECENT_KEY).ok().flatten().unwrap_or_default();
    let mut list: Vec<RecentEntry> = read_json(&text).unwrap_or_default();
    list.sort_by_key(|e| std::cmp::Reverse(e.saved));
    list
}

/// The plan of one entry; `Err` when it is stored but no longer a plan.
pub fn recent_plan(id: &str) -> Option<Result<Plan, String>> {
    Some(read_plan(&recent_text(id)?))
}

/// The plan file of one entry, as stored.
pub fn recent_text(id: &str) -> Option<String> {
    LocalStorage::raw().get_item(&recent_key(id)).ok()?
}

/// Stores `plan` as entry `id`, newest, and drops the oldest entries past [`RECENT_MAX`] (never
/// this tab's own). Storage can be full or disabled; the page goes on.
fn put_recent(id: &str, plan: &Plan, json: &str) {
    let storage = LocalStorage::raw();
    let mut list = recent();
    list.retain(|e| e.id != id);
    list.insert(0, RecentEntry {
        id: id.to_string(),
        name: plan.name.clone(),
        saved: js_sys::Date::now() as u64,
        clusters: plan.clusters.len(),
        bytes: json.len(),
    });
    let own = tab_entry();
    while list.len() > RECENT_MAX {
        let Some(at) = list.iter().rposition(|e| e.id != own) else { break };
        let gone = list.remove(at);
        let _ = storage.remove_item(&recent_key(&gone.id));
    }
    let _ = storage.set_item(&recent_key(id), json);
    let _ = storage.set_item(RECENT_KEY, &write_json(&list, false));
}

/// Saves the plan (`json`, its plan file) so a reload of this tab finds it (as this tab's entry
/// of Recent plans, which another tab's saving never touches) and a new tab starts from it.
pub fn autosave(plan: &Plan, json: &str) {
    let _ = LocalStorage::raw().set_item(AUTOSAVE_KEY, json);
    put_recent(&tab_entry(), plan, json);
}

/// Keeps a plan that was just replaced as an entry of its own, unless it is one of the
/// built-in examples or already kept.
pub fn keep(plan: &Plan) {
    let is_example = crate::platform::all().any(|p| example_of(p) == *plan);
    if is_example || plan.clusters.is_empty() && plan.reserved.is_empty() {
        return;
    }
    let json = write_plan(plan);
    let own = tab_entry();
    let same = recent().into_iter().any(|e| e.id != own && e.bytes == json.len()
        && LocalStorage::raw().get_item(&recent_key(&e.id)).ok().flatten().as_deref() == Some(json.as_str()));
    if !same {
        put_recent(&format!("kept-{}", random_id()), plan, &json);
    }
}

/// The plan to start with: this tab's own (after a reload), else the newest of any tab. `Err`
/// when one is stored but is no longer a plan.
pub fn autosaved() -> Option<Result<Plan, String>> {
    if let Some(own) = recent_plan(&tab_entry()) {
        return Some(own);
    }
    let text = LocalStorage::raw().get_item(AUTOSAVE_KEY).ok()??;
    Some(read_plan(&text))
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

/// Why nothing could be copied where the page has no clipboard.
pub const NO_CLIPBOARD: &str = "this browser gives the page no clipboard here (a page over plain http, or no permission)";

/// The page's clipboard, where the browser gives it one: none over plain http (other than on
/// this machine) or in browsers without it. Calling into a missing one would throw.
fn clipboard() -> Option<web_sys::Clipboard> {
    let clipboard = js_sys::Reflect::get(&gloo::utils::window().navigator(), &"clipboard".into()).ok()?;
    (!clipboard.is_undefined() && !clipboard.is_null()).then(|| clipboard.unchecked_into())
}

/// Copies text to the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = clipboard().ok_or(NO_CLIPBOARD)?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying".to_string())
}

/// Starts copying the text `text` will resolve to, at once. Browsers let a page write to the
/// clipboard only straight after a click; a clipboard item given a promise keeps that leave
/// while the text is still being made. `Err` where the browser has no such items.
pub fn copy_later(text: js_sys::Promise) -> Result<js_sys::Promise, JsValue> {
    let clipboard = clipboard().ok_or(JsValue::NULL)?;
    let blob = wasm_bindgen_futures::future_to_promise(async move {
        let text = JsFuture::from(text).await?;
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/plain");
        Ok(web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&text), &options)?.into())
    });
    let record = js_sys::Object::new();
    js_sys::Reflect::set(&record, &"text/plain".into(), &blob)?;
    let item = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record)?;
    Ok(clipboard.write(&js_sys::Array::of1(&item)))
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(name, mime, &JsValue::from_str(text))
}

/// Offers `bytes`, a binary file (the workbook), as a download named `name`.
#[cfg(feature = "page-tools")]
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    offer(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Saves a file of one part, text or bytes: the Blob constructor takes both in its list.
/// Inlined, so the first module, which saves text only, carries one function as before.
#[inline(always)]
fn offer(name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
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
    read_text(file, crate::model::MAX_PLAN_BYTES, "any plan").await
}

/// The largest file of used addresses the page reads (a big lease export).
pub const MAX_USED_BYTES: usize = 64 * 1024 * 1024;

/// Reads a file as text when it is at most `max` bytes (`what` names what would be that big).
pub async fn read_text(file: web_sys::File, max: usize, what: &str) -> Result<String, String> {
    let name = file.name();
    if file.size() > max as f64 {
        return Err(format!("{name} is larger than {what} ({} bytes)", file.size() as u64));
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

/// The file name of the single-file offline page next to the hosted one.
pub const OFFLINE_FILE: &str = "aksarc-netplan-offline.html";
/// The meta tag of the offline file that carries the hosted page's address.
const HOME_META: &str = r#"<meta name="aksarc-netplan-home" content="">"#;

/// The address of the hosted page this offline file came from, when it knows one.
pub fn home_url() -> Option<String> {
    let meta = gloo::utils::document().query_selector(r#"meta[name="aksarc-netplan-home"]"#).ok()??;
    let home = meta.get_attribute("content")?;
    (home.starts_with("https://") || home.starts_with("http://")).then_some(home)
}

/// The base of share links: the hosted page, or the one the offline file came from; `None` in
/// an offline file that does not know it.
pub fn link_base() -> Option<String> {
    if is_hosted() { Some(page_url()) } else { home_url() }
}

/// Offers the offline file for download with this page's address written into it, so links
/// made in the file open the hosted page.
pub async fn download_offline() -> Result<(), String> {
    let failed = |what: &str| format!("the offline file could not be {what}");
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(OFFLINE_FILE)).await.map_err(|_| failed("fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("fetched"))?;
    if !response.ok() {
        return Err(format!("{} (HTTP {})", failed("fetched"), response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| failed("read"))?).await.map_err(|_| failed("read"))?;
    let text = text.as_string().ok_or_else(|| failed("read"))?;
    let home = page_url().replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    let file = text.replacen(HOME_META, &format!(r#"<meta name="aksarc-netplan-home" content="{home}">"#), 1);
    download(OFFLINE_FILE, "text/html", &file)
}

/// Registers `sw.js` next to the page. Browsers without service workers, or a refusal, leave
/// the page working online only; nothing to tell the user.
pub async fn register_service_worker() {
    let container = gloo::utils::window().navigator().service_worker();
    let _ = JsFuture::from(container.register("./sw.js")).await;
}
