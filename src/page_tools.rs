//! The page's second module: what most visits never reach or use. It draws the parts of the
//! page in `web::parts` (the import panel, the addresses assigned and the address map, the
//! firewall checklist and the exports) as a Yew app of its own; it makes share links, unpacks
//! them where a browser cannot, and reads plan files with every check. The page (`web::tools`)
//! fetches it when the visitor nears one of those parts or first asks for a link or a file;
//! keeping all this out of the first module keeps a first visit light. Its one entry point takes
//! a `web::wire::ToTools` message and answers a `web::wire::Answer`.

#[cfg(target_arch = "wasm32")]
mod module {
    use aksarc_netplan::web::{parts, wire};
    use wasm_bindgen::prelude::*;

    /// Carries out what the page asks (`message`, a `ToTools`); `page` takes the parts' own
    /// messages to the page (`ToPage`). A message that does not read is thrown, with why.
    #[wasm_bindgen]
    pub fn tools(message: JsValue, page: js_sys::Function) -> Result<JsValue, JsValue> {
        let message: wire::ToTools = wire::from_js(message).map_err(|e| JsValue::from_str(&e))?;
        Ok(wire::to_js(&parts::handle(message, page)))
    }
}

fn main() {}
