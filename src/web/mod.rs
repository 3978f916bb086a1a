//! The page: a thin Yew shell over the engine. Compiled for wasm32 only.
//!
//! `state` holds the plan and one reducer of named actions; the engine runs there, once per
//! change, and the plan edits are `crate::edit`'s. `components/` render what they are given and
//! send edits and actions; `ids` names their inputs; `browser` wraps storage, the URL fragment,
//! the clipboard and files.

pub mod app;
pub mod browser;
pub mod components;
pub mod ids;
pub mod link_json;
pub mod notice;
/// The second module's parts: only in its build, so a first-module call to them does not compile.
#[cfg(feature = "page-tools")]
pub mod parts;
pub mod state;
pub mod tools;
pub mod wire;

/// Mounts the page on `<body>` and, when served over HTTP(S), registers the service worker that
/// keeps the page working offline. A share link in the address is read first (the browser
/// unpacks it, which takes a moment), so the page's first drawing already shows its plan.
pub fn start() {
    let fragment = browser::fragment();
    if fragment.is_empty() {
        mount(None);
    } else {
        browser::clear_fragment();
        wasm_bindgen_futures::spawn_local(async move {
            let opened = tools::decode_link(&fragment).await.map_err(|e| e.to_string());
            mount(Some(std::rc::Rc::new(opened)));
        });
    }
    if browser::is_hosted() {
        wasm_bindgen_futures::spawn_local(browser::register_service_worker());
    }
}

fn mount(opened: Option<std::rc::Rc<Result<crate::model::Plan, String>>>) {
    // index.html shows the heading, the notice and what the page is for before the wasm runs;
    // the app replaces only the placeholder below them.
    let props = app::AppProps { opened };
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<app::App>::with_props(props).render();
        }
    }
}
