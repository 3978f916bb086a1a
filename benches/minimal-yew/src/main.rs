//! One component with one piece of state and one event handler, drawing one cell that the page
//! benchmark waits for (`data-total`), like the planner's first table.

use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    let clicks = use_state(|| 0u32);
    let onclick = {
        let clicks = clicks.clone();
        Callback::from(move |_| clicks.set(*clicks + 1))
    };
    html! {
        <main>
            <h1>{ "Minimal Yew page" }</h1>
            <button {onclick}>{ "Add one" }</button>
            <p data-total="clicks">{ *clicks }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
