//! The page: a thin Yew shell over the engine. Compiled for wasm32 only.
//!
//! `state` holds the plan and one reducer of named actions; the engine runs there, once per
//! change. Components only render what they are given and send actions.

pub mod app;
pub mod state;

/// Mounts the page on `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
