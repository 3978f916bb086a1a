//! The page's second module (`src/page_tools.rs`): the parts it draws (`web::parts`: the
//! import panel, the addresses assigned and the address map, the checklist and the exports), share links and the strict
//! reader of plan files, fetched the first time the visitor nears one of those parts or asks
//! for a link or a file. The page's starter script defines `aksarcNetplanTools()`, which loads
//! and starts that module once and resolves to its functions (in the offline file the module is
//! inline). The plan crosses as JSON.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::Callback;

use super::request::Request;
use crate::link::LinkError;
use crate::model::Plan;

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

/// The second module's exports, loaded and started on the first call.
async fn module() -> Result<JsValue, String> {
    let unavailable = |e: JsValue| {
        format!("the part of the page with the checklist, the exports and the import could not be loaded ({}); \
                 it is fetched when first needed, so reconnect once, or use the offline file", said(&e))
    };
    JsFuture::from(load().map_err(unavailable)?).await.map_err(unavailable)
}

async fn call(function: &str, args: &Array) -> Result<JsValue, String> {
    let module = module().await?;
    let f: Function = Reflect::get(&module, &function.into()).ok().and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the page's second module has no {function}"))?;
    f.apply(&JsValue::NULL, args).map_err(|e| said(&e))
}

/// The share link of `plan`: `base` (the page's address) + `#` + the plan, packed.
pub async fn share_url(plan: &Plan, base: &str) -> Result<String, String> {
    let url = call("share_url", &Array::of2(&super::browser::write_plan(plan).into(), &base.into())).await?;
    url.as_string().ok_or_else(|| "the share link came back empty".to_string())
}

/// Unpacks a link's packed data where the browser has no inflater of its own.
pub async fn inflate_link(packed: &[u8]) -> Result<Vec<u8>, crate::link::LinkError> {
    use crate::link::LinkError;
    let args = Array::of1(&js_sys::Uint8Array::from(packed));
    match call("inflate_link", &args).await {
        Ok(bytes) => Ok(js_sys::Uint8Array::new(&bytes).to_vec()),
        Err(e) if e == "too large" => Err(LinkError::TooLarge),
        Err(_) => Err(LinkError::Corrupt),
    }
}

/// Reads a share link (a whole link or its fragment), unpacked by the browser's own inflater.
pub async fn decode_link(link: &str) -> Result<Plan, LinkError> {
    let packed = crate::link::unpack(link)?;
    let json = inflate(&packed).await?;
    crate::link::finish_with(&json, super::browser::read_json)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's inflater (Chrome 103, Firefox 113, Safari 16.4 read "deflate-raw").
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Inflater;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Inflater, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &Inflater) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &Inflater) -> web_sys::WritableStream;
}

/// Unpacks a link's raw deflate data, read piece by piece so that more than
/// [`crate::link::MAX_DECODED`] bytes are refused without being held. Where the browser has no
/// inflater of its own, the page's second module unpacks it.
async fn inflate(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    let Ok(inflater) = Inflater::new("deflate-raw") else {
        return inflate_link(packed).await;
    };
    let bytes = js_sys::Uint8Array::from(packed);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes)).map_err(|_| LinkError::Corrupt)?;
    let pair = web_sys::ReadableWritablePair::new(&inflater.readable(), &inflater.writable());
    let reader: web_sys::ReadableStreamDefaultReader = blob.stream().pipe_through(&pair).get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        // A damaged stream makes the read fail.
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| LinkError::Corrupt)?;
        if js_sys::Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
            return Ok(out);
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| LinkError::Corrupt)?.unchecked_into();
        if out.len() + value.length() as usize > crate::link::MAX_DECODED {
            let _ = reader.cancel();
            return Err(LinkError::TooLarge);
        }
        out.extend(value.to_vec());
    }
}

/// Reads a plan file someone picked, with every check of the plan format and messages that
/// name the bad field's path (the second module carries that reader; where it cannot be
/// fetched, the file is not read: the page's own reader would pass over a misspelt field).
pub async fn read_plan(text: &str) -> Result<Plan, String> {
    let checked = call("read_plan", &Array::of1(&text.into())).await?;
    let checked = checked.as_string().ok_or("the plan came back empty")?;
    super::browser::read_plan(&checked)
}

/// Runs `then` once, when one of `targets` comes within a quarter screen of the viewport (at once
/// where the browser cannot tell).
pub fn when_near<F: FnOnce() + 'static>(targets: &[Element], then: F) {
    let then = Rc::new(RefCell::new(Some(then)));
    let run = |then: &RefCell<Option<F>>| {
        if let Some(f) = then.borrow_mut().take() {
            f();
        }
    };
    let waiting = then.clone();
    let seen = Closure::<dyn FnMut(Array, IntersectionObserver)>::new(move |entries: Array, observer: IntersectionObserver| {
        if entries.iter().any(|e| e.unchecked_into::<IntersectionObserverEntry>().is_intersecting()) {
            observer.disconnect();
            run(&waiting);
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin("25% 0px");
    match IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &options) {
        // The observer holds the callback for as long as the page lives.
        Ok(observer) => {
            for target in targets {
                observer.observe(target);
            }
            seen.forget();
        }
        Err(_) => run(&then),
    }
}

/// Where the second module draws: the import panel; the addresses assigned and the address
/// map; the checklist and the exports. The page keeps these slots, by these ids.
pub struct Hosts {
    pub used: Element,
    pub results: Element,
    pub below: Element,
}

impl Hosts {
    /// The page's slots, once it has drawn them.
    pub fn find() -> Option<Hosts> {
        let document = gloo::utils::document();
        let slot = |id: &str| document.get_element_by_id(id);
        Some(Hosts { used: slot("used-slot")?, results: slot("results-slot")?, below: slot("below")? })
    }

    pub fn all(&self) -> [Element; 3] {
        [self.used.clone(), self.results.clone(), self.below.clone()]
    }
}

/// Draws the parts into their hosts with the plan (`plan_json`, a plan file); their requests go
/// to `on_request`. Answers the drawn parts, to hand them each new plan with [`update_parts`].
pub async fn mount_parts(hosts: &Hosts, plan_json: &str, on_request: Callback<Request>) -> Result<JsValue, String> {
    let send = Closure::<dyn Fn(String, String, String)>::new(move |kind: String, text: String, plan: String| {
        if let Some(request) = Request::from_wire(&kind, text, &plan) {
            on_request.emit(request);
        }
    });
    let args = Array::of5(&hosts.used, &hosts.results, &hosts.below, &plan_json.into(), send.as_ref());
    // The parts call back for as long as the page lives.
    send.forget();
    call("mount_parts", &args).await
}

/// Hands the drawn parts the plan as it is now (a plan file).
pub fn update_parts(parts: &JsValue, plan_json: &str) -> Result<(), String> {
    let update: Function = Reflect::get(parts, &"update".into()).ok().and_then(|f| f.dyn_into().ok())
        .ok_or("the second module's parts cannot take a new plan")?;
    update.call1(parts, &plan_json.into()).map(|_| ()).map_err(|e| said(&e))
}
