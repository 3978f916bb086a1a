//! One component per file; each renders its props and sends actions, nothing else.

pub mod clusters;
pub mod editor;
pub mod fields;
pub mod results;
pub mod toolbar;

use yew::prelude::*;

use super::state::{Action, State};

/// How components send actions to the one reducer.
pub type Dispatch = UseReducerDispatcher<State>;

/// A callback that turns a value (an input's text, a flag) into an action.
pub fn send<T: 'static>(dispatch: &Dispatch, make: impl Fn(T) -> Action + 'static) -> Callback<T> {
    let dispatch = dispatch.clone();
    Callback::from(move |value: T| dispatch.dispatch(make(value)))
}

/// A click handler that sends one fixed action.
pub fn click(dispatch: &Dispatch, action: Action) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.dispatch(action.clone()))
}

/// Moves the keyboard focus to the element with this id, when it is there.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = gloo::utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
