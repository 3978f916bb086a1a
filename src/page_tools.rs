//! The page's second module: what most visits never reach or use. It draws the parts of the
//! page in `web::parts` (the import panel, the addresses assigned and the address map, the
//! firewall checklist and the exports) as a Yew app of its own; it makes share links and reads
//! plan files with every check. The page (`web::tools`) fetches it when the visitor nears one of
//! those parts or first asks for a link or a file, and hands it the plan as JSON; keeping all
//! this out of the first module keeps a first visit light.

#[cfg(target_arch = "wasm32")]
mod module {
    use std::rc::Rc;

    use aksarc_netplan::model::Plan;
    use aksarc_netplan::web::components::used::UsedImport;
    use aksarc_netplan::web::parts::{Below, MoreResults};
    use aksarc_netplan::web::request::Request;
    use wasm_bindgen::prelude::*;
    use yew::prelude::*;
    use yew::AppHandle;

    /// An error as the page's loader receives it: thrown, with its message.
    fn thrown(e: impl std::fmt::Display) -> JsValue {
        JsValue::from_str(&e.to_string())
    }

    /// A plan the page hands over: the page wrote it, so the lighter reader does.
    fn plan(json: &str) -> Result<Plan, JsValue> {
        Plan::from_trusted_json(json).map_err(thrown)
    }

    /// Where in the page each part goes.
    #[derive(Clone, PartialEq)]
    struct Hosts {
        used: web_sys::Element,
        results: web_sys::Element,
        below: web_sys::Element,
    }

    #[derive(Properties, PartialEq)]
    struct PartsProps {
        hosts: Hosts,
        plan: Rc<Plan>,
        send: Callback<Request>,
    }

    /// Draws into the page's own elements through portals: the page's app and this one each
    /// keep to their part, and events in these parts reach only this app.
    #[function_component(Parts)]
    fn parts(props: &PartsProps) -> Html {
        let (plan, send, hosts) = (&props.plan, &props.send, &props.hosts);
        html! {
            <>
                { create_portal(html! { <UsedImport plan={ plan.clone() } send={ send.clone() } /> }, hosts.used.clone()) }
                { create_portal(html! { <MoreResults plan={ plan.clone() } send={ send.clone() } /> }, hosts.results.clone()) }
                { create_portal(html! { <Below plan={ plan.clone() } send={ send.clone() } /> }, hosts.below.clone()) }
            </>
        }
    }

    /// The parts, drawn; the page hands them each new plan.
    #[wasm_bindgen]
    pub struct PartsApp {
        app: AppHandle<Parts>,
        hosts: Hosts,
        send: Callback<Request>,
    }

    #[wasm_bindgen]
    impl PartsApp {
        pub fn update(&mut self, plan_json: &str) -> Result<(), JsValue> {
            let plan = Rc::new(plan(plan_json)?);
            self.app.update(PartsProps { hosts: self.hosts.clone(), plan, send: self.send.clone() });
            Ok(())
        }
    }

    /// Draws the import panel; the addresses assigned and the address map; and the checklist and
    /// exports of the plan into the three elements; `send(kind, text, plan)` passes the page
    /// each [`Request`] (`Request::to_wire`).
    #[wasm_bindgen]
    pub fn mount_parts(
        used: web_sys::Element,
        results: web_sys::Element,
        below: web_sys::Element,
        plan_json: &str,
        send: js_sys::Function,
    ) -> Result<PartsApp, JsValue> {
        let plan = Rc::new(plan(plan_json)?);
        let send = Callback::from(move |request: Request| {
            let (kind, text, plan) = request.to_wire();
            // A page that cannot take the request has nothing to tell these parts.
            let _ = send.call3(&JsValue::NULL, &kind.into(), &text.into(), &plan.into());
        });
        let hosts = Hosts { used, results, below };
        // The app's own root stays out of the document; all it draws goes through the portals.
        let root = gloo::utils::document().create_element("div")?;
        let app = yew::Renderer::<Parts>::with_root_and_props(root, PartsProps { hosts: hosts.clone(), plan, send: send.clone() })
            .render();
        Ok(PartsApp { app, hosts, send })
    }

    /// The share link of the plan: `base` (the page's address) + `#` + the plan, packed.
    #[wasm_bindgen]
    pub fn share_url(plan_json: &str, base: &str) -> Result<String, JsValue> {
        Ok(aksarc_netplan::link::share_url(base, &plan(plan_json)?))
    }

    /// A link's packed data unpacked, for browsers without an inflater of their own; throws
    /// "too large" past the links' limit, else why it does not unpack.
    #[wasm_bindgen]
    pub fn inflate_link(packed: &[u8]) -> Result<Vec<u8>, JsValue> {
        aksarc_netplan::link::inflate(packed).map_err(|e| match e {
            aksarc_netplan::link::LinkError::TooLarge => JsValue::from_str("too large"),
            e => thrown(e),
        })
    }

    /// The plan in `text` as a plan file, read with every check of the plan format (the page
    /// reads the answer with its lighter reader), or the reason it is not a plan (thrown).
    #[wasm_bindgen]
    pub fn read_plan(text: &str) -> Result<String, JsValue> {
        Ok(Plan::from_json(text).map_err(thrown)?.to_json())
    }
}

fn main() {}
