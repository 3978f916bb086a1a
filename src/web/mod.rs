//! The page: a thin Yew shell over the engine. Compiled for wasm32 only.
//!
//! `state` holds the plan and one reducer of named actions; the engine runs there, once per
//! change. `components/` render what they are given and send actions; `browser` wraps storage,
//! the URL fragment, the clipboard and files.

pub mod app;
pub mod parts;
pub mod browser;
pub mod components;
pub mod state;
pub mod tools;

/// Mounts the page on `<body>` and, when served over HTTP(S), registers the service worker that
/// keeps the page working offline.
pub fn start() {
    // index.html shows the heading, the notice and what the page is for before the wasm runs;
    // the app replaces only the placeholder below them.
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
    if browser::is_hosted() {
        wasm_bindgen_futures::spawn_local(browser::register_service_worker());
    }
}
