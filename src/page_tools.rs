//! The page's second module: what most visits never reach or use. It draws the part of the page
//! under the editor and the results (`web::below`: the firewall checklist and the exports) as a
//! Yew app of its own; it makes share links, reads plan files with every check and reads
//! imports of used addresses. The page (`web::tools`) fetches it when the visitor nears that
//! part or first asks for one of these, and hands it the plan as JSON; keeping all this out of
//! the first module keeps a first visit light.

#[cfg(target_arch = "wasm32")]
mod module {
    use std::rc::Rc;

    use aksarc_netplan::model::Plan;
    use aksarc_netplan::used::preview;
    use aksarc_netplan::web::below::{Below, Request};
    use wasm_bindgen::prelude::*;
    use yew::prelude::*;
    use yew::AppHandle;

    /// An error as the page's loader receives it: thrown, with its message.
    fn thrown(e: impl std::fmt::Display) -> JsValue {
        JsValue::from_str(&e.to_string())
    }

    fn plan(json: &str) -> Result<Plan, JsValue> {
        Plan::from_json(json).map_err(thrown)
    }

    #[derive(Properties, PartialEq)]
    struct PortalProps {
        host: web_sys::Element,
        plan: Rc<Plan>,
        send: Callback<Request>,
    }

    /// Draws into the page's own element through a portal: the page's app and this one each
    /// keep to their part, and events in this part reach only this app.
    #[function_component(Portal)]
    fn portal(props: &PortalProps) -> Html {
        create_portal(html! { <Below plan={ props.plan.clone() } send={ props.send.clone() } /> }, props.host.clone())
    }

    /// The part below, drawn; the page hands it each new plan.
    #[wasm_bindgen]
    pub struct BelowApp {
        app: AppHandle<Portal>,
        host: web_sys::Element,
        send: Callback<Request>,
    }

    #[wasm_bindgen]
    impl BelowApp {
        pub fn update(&mut self, plan_json: &str) -> Result<(), JsValue> {
            let plan = Rc::new(plan(plan_json)?);
            self.app.update(PortalProps { host: self.host.clone(), plan, send: self.send.clone() });
            Ok(())
        }
    }

    /// Draws the checklist and the exports of the plan into `host`; `send(kind, text)` passes
    /// the page each [`Request`] (`Request::to_wire`).
    #[wasm_bindgen]
    pub fn mount_below(host: web_sys::Element, plan_json: &str, send: js_sys::Function) -> Result<BelowApp, JsValue> {
        let plan = Rc::new(plan(plan_json)?);
        let send = Callback::from(move |request: Request| {
            let (kind, text) = request.to_wire();
            // A page that cannot take the request has nothing to tell this part.
            let _ = send.call2(&JsValue::NULL, &kind.into(), &text.into());
        });
        // The app's own root stays out of the document; all it draws goes through the portal.
        let root = gloo::utils::document().create_element("div")?;
        let app = yew::Renderer::<Portal>::with_root_and_props(root, PortalProps { host: host.clone(), plan, send: send.clone() })
            .render();
        Ok(BelowApp { app, host, send })
    }

    /// The share link of the plan: `base` (the page's address) + `#` + the plan, packed.
    #[wasm_bindgen]
    pub fn share_url(plan_json: &str, base: &str) -> Result<String, JsValue> {
        Ok(aksarc_netplan::link::share_url(base, &plan(plan_json)?))
    }

    /// The plan in `text` as a plan file, read with every check of the plan format (the page
    /// reads the answer with its lighter reader), or the reason it is not a plan (thrown).
    #[wasm_bindgen]
    pub fn read_plan(text: &str) -> Result<String, JsValue> {
        Ok(plan(text)?.to_json())
    }

    /// `[used::Preview as JSON, the merged plan as a plan file]` of importing `text` (from
    /// `source`), or the reason nothing can be imported (thrown).
    #[wasm_bindgen]
    pub fn used_preview(plan_json: &str, text: &str, source: &str, shown: usize) -> Result<js_sys::Array, JsValue> {
        let plan = plan(plan_json)?;
        let (preview, merged) = preview(&plan, text, source, shown).map_err(thrown)?;
        let preview = serde_json::to_string(&preview).map_err(thrown)?;
        Ok(js_sys::Array::of2(&preview.into(), &merged.to_json().into()))
    }
}

fn main() {}
