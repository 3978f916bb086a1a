//! One component per file; each renders its props and sends edits or actions through the
//! callbacks it is given, nothing else.

pub mod clusters;
pub mod editor;
pub mod fields;
pub mod results;
pub mod toolbar;

use yew::prelude::*;

/// A click handler that sends one fixed edit or action.
pub fn click<T: Clone + 'static>(to: &Callback<T>, value: T) -> Callback<MouseEvent> {
    to.reform(move |_| value.clone())
}

/// Runs `then` once the page has drawn what the current event changed.
pub fn after_render(then: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(0, then).forget();
}

/// Moves the keyboard focus to the element with this id, when it is there.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = gloo::utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
