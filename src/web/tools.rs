//! The page's side of its second module (`src/page_tools.rs`, `web::parts`): the parts it draws
//! (the import panel, the addresses assigned and the address map, the checklist and the
//! exports), share links, the unpacking of links where a browser cannot, and the strict reader
//! of plan files. It is fetched the first time the visitor nears one of those parts, prints the
//! page or searches it, or asks for a link or a file. The page's starter script defines
//! `aksarcNetplanTools()`, which loads and starts that module once and resolves to its exports
//! (in the offline file the module is inline). Everything crosses as the typed messages of
//! `web::wire`, through the module's one entry point `tools`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::Callback;

use super::wire::{from_js, to_js, Answer, Snapshot, ToPage, ToTools, RECENT_SLOT, SLOTS, SUGGESTED_SLOT};
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

thread_local! {
    /// Where the parts' messages go: the page's reducer, once the parts are drawn.
    static TO_PAGE: RefCell<Option<Callback<ToPage>>> = const { RefCell::new(None) };
    /// The function the parts call with each message, made once.
    static PAGE: Function = {
        let page = Closure::<dyn Fn(JsValue)>::new(|value: JsValue| {
            if let (Ok(message), Some(to_page)) = (from_js::<ToPage>(value), TO_PAGE.with_borrow(Clone::clone)) {
                to_page.emit(message);
            }
        });
        // The parts call back for as long as the page lives.
        page.into_js_value().unchecked_into()
    };
}

/// Sends one message through the second module's entry point and reads its answer.
async fn ask(message: &ToTools) -> Result<Answer, String> {
    let module = module().await?;
    let tools: Function = Reflect::get(&module, &"tools".into()).ok().and_then(|f| f.dyn_into().ok())
        .ok_or("the page's second module has no entry point")?;
    let answer = PAGE.with(|page| tools.call2(&JsValue::NULL, &to_js(message), page)).map_err(|e| said(&e))?;
    from_js(answer)
}

/// An answer of another kind than the question's.
fn unexpected(answer: Answer) -> String {
    match answer {
        Answer::Failed(why) => why,
        _ => "the page's second module answered something else".to_string(),
    }
}

/// The share link of `plan`: `base` (the page's address) + `#` + the plan, packed.
pub async fn share_url(plan: &Plan, base: &str) -> Result<String, String> {
    match ask(&ToTools::ShareUrl { plan: plan.clone(), base: base.to_string() }).await? {
        Answer::Url(url) => Ok(url),
        other => Err(unexpected(other)),
    }
}

/// Unpacks a link's packed data where the browser has no inflater of its own.
pub async fn inflate_link(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    match ask(&ToTools::Inflate(packed.to_vec())).await {
        Ok(Answer::Inflated(bytes)) => Ok(bytes),
        Ok(Answer::TooLarge) => Err(LinkError::TooLarge),
        _ => Err(LinkError::Corrupt),
    }
}

/// Reads a plan file someone picked, with every check of the plan format and messages that
/// name the bad field's path (the second module carries that reader; where it cannot be
/// fetched, the file is not read: the page's own reader would pass over a misspelt field).
pub async fn read_plan(text: &str) -> Result<Plan, String> {
    match ask(&ToTools::ReadPlan(text.to_string())).await? {
        Answer::Plan(plan) => Ok(plan),
        other => Err(unexpected(other)),
    }
}

/// The plan moved to platform `to`, and the notice that says what the move did and leaves to
/// do (the second module carries the conversion).
pub async fn convert(plan: &Plan, to: crate::model::PlatformId) -> Result<(Plan, String), String> {
    match ask(&ToTools::Convert { plan: plan.clone(), to }).await? {
        Answer::Converted(plan, notice) => Ok((plan, notice)),
        other => Err(unexpected(other)),
    }
}

/// Reads a share link (a whole link or its fragment), unpacked by the browser's own inflater.
pub async fn decode_link(link: &str) -> Result<Plan, LinkError> {
    let packed = crate::link::unpack_with(link, super::browser::base64url)?;
    let json = inflate(&packed).await?;
    match super::link_json::read(&json) {
        // Ticks by index: the second module has their table.
        Err(LinkError::TicksByIndex) => match ask(&ToTools::FinishLink(json)).await {
            Ok(Answer::Plan(plan)) => Ok(plan),
            Ok(Answer::Failed(why)) => Err(LinkError::NotAPlan(why)),
            _ => Err(LinkError::TicksByIndex),
        },
        done => done,
    }
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

/// The parts as the page drives them: drawn once wanted, then handed each new snapshot in the
/// task after the page has drawn it, so the findings never wait for them; edits in one task cost
/// them one update. Not later: a tick followed at once by an export must export the tick.
#[derive(Default)]
struct Parts {
    /// Drawing has started; `drawn` once the module answered.
    started: bool,
    drawn: bool,
    /// The snapshot the parts have, and the newest.
    shown: Option<Snapshot>,
    latest: Option<Snapshot>,
    pending: Option<gloo::timers::callback::Timeout>,
    /// Why they could not be loaded (`None` once they are), for the page to say with a way to
    /// try again.
    status: Option<Callback<Option<String>>>,
    /// What waits for them to be drawn (a print).
    then: Vec<Box<dyn FnOnce()>>,
}

thread_local! {
    static PARTS: RefCell<Parts> = RefCell::new(Parts::default());
}

/// Hands the parts the plan as it is now, with its conflicts (`State::derive`'s).
pub fn update_parts(snapshot: Snapshot) {
    PARTS.with_borrow_mut(|parts| {
        parts.latest = Some(snapshot);
        if parts.drawn {
            parts.pending = Some(gloo::timers::callback::Timeout::new(0, send_latest));
        }
    });
}

/// Sends the newest snapshot to the drawn parts, if they do not have it.
fn send_latest() {
    let Some(snapshot) = PARTS.with_borrow_mut(|p| (p.shown != p.latest).then(|| p.latest.clone()).flatten()) else { return };
    PARTS.with_borrow_mut(|p| p.shown = Some(snapshot.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = ask(&ToTools::Update(snapshot)).await {
            web_sys::console::error_1(&e.into());
        }
    });
}

/// Where the parts' messages go (the page's reducer) and who hears whether they loaded: set
/// once, when the page mounts.
pub fn connect(to_page: Callback<ToPage>, status: Callback<Option<String>>) {
    TO_PAGE.with_borrow_mut(|t| *t = Some(to_page));
    PARTS.with_borrow_mut(|p| p.status = Some(status));
}

/// Draws the parts (once; again after a failure).
pub fn draw_parts() {
    draw_then(|| {});
}

/// Draws the parts, then runs `then` (at once when they are drawn already).
fn draw_then(then: impl FnOnce() + 'static) {
    if PARTS.with_borrow(|p| p.drawn) {
        return then();
    }
    let mount = PARTS.with_borrow_mut(|p| {
        p.then.push(Box::new(then));
        if p.started || p.latest.is_none() {
            return None;
        }
        p.started = true;
        p.latest.clone()
    });
    // Already on its way (or no plan yet: the page hands one over as it first draws).
    let Some(snapshot) = mount else { return };
    let status = PARTS.with_borrow(|p| p.status.clone()).unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        match ask(&ToTools::Mount(snapshot.clone())).await {
            Ok(Answer::Drawn) => {
                let waiting = PARTS.with_borrow_mut(|p| {
                    p.drawn = true;
                    p.shown = Some(snapshot);
                    std::mem::take(&mut p.then)
                });
                // An edit made while the module loaded reaches the parts too.
                send_latest();
                status.emit(None);
                waiting.into_iter().for_each(|f| f());
            }
            result => {
                PARTS.with_borrow_mut(|p| {
                    p.started = false;
                    p.then.clear();
                });
                status.emit(Some(match result {
                    Ok(other) => unexpected(other),
                    Err(e) => e,
                }));
            }
        }
    });
}

/// Prints the page with its parts drawn (drawing them first when the visitor has not come near
/// them yet), so the printed report is whole.
pub fn print_with_parts() {
    draw_then(|| {
        // The parts draw in Yew's next render; print after it.
        gloo::timers::callback::Timeout::new(100, || {
            let _ = gloo::utils::window().print();
        })
        .forget();
    });
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

/// Runs `then` once, when the visitor comes near one of the parts' slots, is about to print the
/// page or opens the browser's find (Ctrl+F or Cmd+F): what the parts hold must then be there
/// (a print that has already started shows what was drawn; the next shows everything).
pub fn when_wanted<F: FnOnce() + 'static>(then: F) {
    let then = Rc::new(RefCell::new(Some(then)));
    let run = {
        let then = then.clone();
        move || {
            if let Some(f) = then.borrow_mut().take() {
                f();
            }
        }
    };
    let document = gloo::utils::document();
    let slots: Vec<Element> =
        SLOTS.iter().filter(|id| ![SUGGESTED_SLOT, RECENT_SLOT].contains(id)).filter_map(|id| document.get_element_by_id(id)).collect();
    let near = run.clone();
    when_near(&slots, near);
    let print = run.clone();
    gloo::events::EventListener::once(&gloo::utils::window(), "beforeprint", move |_| print()).forget();
    gloo::events::EventListener::new(&gloo::utils::window(), "keydown", move |e| {
        let Some(key) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if (key.ctrl_key() || key.meta_key()) && key.key().eq_ignore_ascii_case("f") {
            run();
        }
    })
    .forget();
}
