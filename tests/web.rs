//! The page in headless Chromium: mount it and read the engine's figures from the DOM.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (scripts/test does).
#![cfg(target_arch = "wasm32")]

use aksarc_netplan::web::app::App;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is not on the page"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn page_shows_the_worked_example_totals() {
    let root = mount();
    TimeoutFuture::new(10).await;
    assert_eq!(text_of(&root, "[data-total=node_ips]"), "8");
    assert_eq!(text_of(&root, "[data-total=node_ips_recommended]"), "14");
    assert_eq!(text_of(&root, "[data-total=control_plane_ips]"), "2");
    assert_eq!(text_of(&root, "[data-total=lb_ips]"), "3");
    assert_eq!(root.query_selector_all("[data-rule]").unwrap().length(), 0);
}
