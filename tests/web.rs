//! The page in headless Chromium: mount it, drive its inputs, read the engine's figures and
//! findings from the DOM; and the reducer's actions on their own.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (scripts/test does).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use aksarc_netplan::model::Plan;
use aksarc_netplan::web::app::App;
use aksarc_netplan::edit::{split_list, ClusterText, Count, Direction, Edit, SegmentText};
use aksarc_netplan::web::ids::input_id;
use aksarc_netplan::web::state::{Action, State};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits (up to 2 s) until `done` holds, for what a click or a keystroke sets off: on a busy
/// machine one fixed pause is sometimes not enough for the renders that follow.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
}

/// The loader of the page's second module, as the page's starter script defines it, over this
/// test's own copy of the module's entry point (`page_tools.rs`): Suggest and Convert run there.
fn second_module() {
    use wasm_bindgen::prelude::*;
    use aksarc_netplan::web::{parts, wire};
    let tools = Closure::<dyn Fn(JsValue, js_sys::Function) -> JsValue>::new(|message: JsValue, page: js_sys::Function| {
        let message: wire::ToTools = wire::from_js(message).unwrap();
        wire::to_js(&parts::handle(message, page))
    });
    let exports = js_sys::Object::new();
    js_sys::Reflect::set(&exports, &"tools".into(), &tools.into_js_value()).unwrap();
    let load = Closure::<dyn Fn() -> JsValue>::new(move || js_sys::Promise::resolve(&exports).into());
    js_sys::Reflect::set(&js_sys::global(), &"aksarcNetplanTools".into(), &load.into_js_value()).unwrap();
}

/// Mounts the page with the VMware example as its autosaved plan (the figures most tests here
/// drive) and lets Yew render.
async fn mount() -> web_sys::Element {
    mount_with(Some(aksarc_netplan::model::EXAMPLE_JSON)).await
}

/// Mounts a fresh page with `saved` as its autosaved plan, or nothing stored: a first visit.
async fn mount_with(saved: Option<&str>) -> web_sys::Element {
    second_module();
    let storage = gloo::utils::window().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    if let Some(plan) = saved {
        storage.set_item("aksarc-netplan.plan", plan).unwrap();
    }
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    until(|| root.query_selector("[data-total]").ok().flatten().is_some()).await;
    root
}

fn find(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("{selector} is not on the page"))
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn rules(root: &web_sys::Element) -> Vec<String> {
    let list = root.query_selector_all("[data-rule]").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("data-rule").unwrap())
        .collect()
}

/// Types `value` into an input the way a user does: set it, fire `input`.
async fn type_into(root: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    TimeoutFuture::new(10).await;
}

#[wasm_bindgen_test]
async fn page_shows_the_worked_example_totals() {
    let root = mount().await;
    assert_eq!(text_of(&root, "[data-total=node_ips]"), "8");
    assert_eq!(text_of(&root, "[data-total=node_ips_recommended]"), "14");
    assert_eq!(text_of(&root, "[data-total=control_plane_ips]"), "2");
    assert_eq!(text_of(&root, "[data-total=lb_ips]"), "3");
    assert_eq!(text_of(&root, "[data-total=all_ips_recommended]"), "19");
    assert!(rules(&root).is_empty());
}

#[wasm_bindgen_test]
async fn a_first_visit_shows_the_azure_local_example_without_the_retired_note() {
    let root = mount_with(None).await;
    let platform: web_sys::HtmlSelectElement = find(&root, "#platform").unchecked_into();
    assert_eq!(platform.value(), "azure-local");
    // Microsoft's example (examples/azure-local.json): a pool of 16, 19 addresses in all.
    assert_eq!(text_of(&root, "[data-total=node_ips]"), "14");
    assert_eq!(text_of(&root, "[data-total=ip_pool_needed]"), "16");
    assert_eq!(text_of(&root, "[data-total=all_ips]"), "19");
    assert!(rules(&root).is_empty());
    assert!(root.query_selector(".retired").unwrap().is_none());
    // The VMware example, as a saved plan, opens as VMware under its note.
    let root = mount_with(Some(aksarc_netplan::model::EXAMPLE_JSON)).await;
    let platform: web_sys::HtmlSelectElement = find(&root, "#platform").unchecked_into();
    assert_eq!(platform.value(), "vmware");
    assert!(text_of(&root, ".retired").contains("retired AKS on VMware"));
}

#[wasm_bindgen_test]
async fn typing_a_control_plane_ip_in_dhcp_renders_the_finding_and_marks_the_field() {
    let root = mount().await;
    type_into(&root, "#f-clusters-0-control_plane_ip", "10.20.0.150").await;
    until(|| !rules(&root).is_empty()).await;
    assert_eq!(rules(&root), ["cp-in-dhcp"]);
    let input = find(&root, "#f-clusters-0-control_plane_ip");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("f-clusters-0-control_plane_ip-msg"));
    assert!(text_of(&root, "#f-clusters-0-control_plane_ip-msg").contains("10.20.0.150"));
}

#[wasm_bindgen_test]
async fn editing_node_pools_changes_the_totals() {
    let root = mount().await;
    type_into(&root, "#f-clusters-1-node_pools-0-nodes", "10").await;
    until(|| text_of(&root, "[data-total=node_ips]") == "15").await;
    assert_eq!(text_of(&root, "[data-total=node_ips]"), "15");
    type_into(&root, "#f-clusters-1-node_pools-0-nodes", "0").await;
    until(|| rules(&root).contains(&"invalid-count".to_string())).await;
    assert!(rules(&root).contains(&"invalid-count".to_string()));
    type_into(&root, "#f-clusters-1-node_pools-0-nodes", "x1").await;
    let message = || root.query_selector("#f-clusters-1-node_pools-0-nodes-msg").ok().flatten().and_then(|m| m.text_content()).unwrap_or_default();
    until(|| message().contains("whole number")).await;
    assert!(message().contains("whole number"), "{}", message());
}

#[wasm_bindgen_test]
async fn the_add_cluster_button_adds_a_cluster_waiting_for_suggest() {
    let root = mount().await;
    find(&root, "#add-cluster").unchecked_into::<web_sys::HtmlElement>().click();
    until(|| text_of(&root, "[data-total=control_plane_ips]") == "3").await;
    assert_eq!(text_of(&root, "[data-total=control_plane_ips]"), "3");
    assert_eq!(rules(&root), ["cp-missing"]);
    find(&root, "#suggest").unchecked_into::<web_sys::HtmlElement>().click();
    until(|| rules(&root).is_empty()).await;
    assert!(rules(&root).is_empty());
    // Suggest's summary is the second module's to draw, in this slot (the end-to-end tests see
    // it drawn); here the page alone keeps the place for it.
    assert!(root.query_selector("#suggested-slot").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn suggests_summary_counts_what_it_filled_and_names_each_field() {
    use aksarc_netplan::suggest::{Filled, Unfilled};
    use aksarc_netplan::web::parts::suggested::{Suggested, SuggestedProps};
    use aksarc_netplan::web::parts::suggested::SuggestResult;
    let mut plan = Plan::example();
    plan.clusters[1].name = "cluster1".into();
    let suggested = SuggestResult {
        filled: vec![Filled { field: "clusters[1].control_plane_ip".into(), value: "10.20.0.4".into() }],
        unfilled: vec![Unfilled { field: "clusters[0].lb_pools".into(), reason: "no room".into() }],
    };
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = SuggestedProps { plan: Rc::new(plan), suggested: Some(suggested), send: yew::Callback::noop() };
    yew::Renderer::<Suggested>::with_root_and_props(root.clone(), props).render();
    until(|| root.query_selector("#suggested").ok().flatten().is_some()).await;
    let summary = text_of(&root, "#suggested");
    assert!(summary.contains("Filled 1 control plane IP; 1 field still short: show"), "{summary}");
    assert!(summary.contains("Cluster cluster1: control plane IP set to 10.20.0.4"), "{summary}");
    assert!(summary.contains("Cluster cluster-a: load balancer pool: no room"), "{summary}");
}

fn reduce(state: State, action: Action) -> State {
    (*Rc::new(state).reduce(action)).clone()
}

#[wasm_bindgen_test]
fn reducer_actions_change_the_plan() {
    let s = State::new(Plan::example());
    let s = reduce(s, Action::Edit(Edit::SetCluster(0, ClusterText::LbPools, "10.20.0.30-10.20.0.31, ,10.20.0.40;".into())));
    assert_eq!(s.plan.clusters[0].lb_pools, ["10.20.0.30-10.20.0.31", "10.20.0.40"]);
    let s = reduce(s, Action::Edit(Edit::SetCount(Count::Services(0), "-1".into())));
    assert_eq!(s.plan.clusters[0].services, 3);
    assert!(s.messages.contains_key("f-clusters-0-services"));
    let s = reduce(s, Action::Edit(Edit::SetCount(Count::Services(0), "4".into())));
    assert!(!s.messages.contains_key("f-clusters-0-services"));
    assert_eq!(s.report.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["lb-short"]);
    // Suggest runs in the second module; the page takes the plan it answers as one step.
    let suggested = aksarc_netplan::suggest::suggest(&s.plan).plan;
    let s = reduce(s, Action::Suggested(suggested));
    assert!(s.report.findings.is_empty());
    assert!(s.suggested);
    assert_eq!(s.past.last().map(|step| step.label.as_str()), Some("Suggest"));
    let s = reduce(s, Action::Undo);
    assert_eq!(s.plan.clusters[0].lb_pools.len(), 2);
    // Renaming a segment carries its clusters along.
    let s = reduce(s, Action::Edit(Edit::SetSegment(0, SegmentText::Name, "seg-b".into())));
    assert!(s.plan.clusters.iter().all(|c| c.segment == "seg-b"));
    let s = reduce(s, Action::Edit(Edit::MoveCluster(0, Direction::Down)));
    assert_eq!(s.plan.clusters[0].name, "cluster-b");
    let s = reduce(s, Action::Edit(Edit::RemoveCluster(5)));
    assert_eq!(s.plan.clusters.len(), 2);
    // A new plan takes the platform picked, whatever the old plan's; undo brings the old back.
    let before = s.plan.clone();
    let s = reduce(s, Action::NewPlan(aksarc_netplan::model::PlatformId::AzureLocal));
    assert_eq!((s.plan.platform, s.plan.clusters.len(), s.plan.segments[0].name.as_str()),
        (aksarc_netplan::model::PlatformId::AzureLocal, 0, "logical-network1"));
    let s = reduce(s, Action::Undo);
    assert_eq!(s.plan, before);
    let s = reduce(s, Action::Redo);
    assert_eq!(s.plan.platform, aksarc_netplan::model::PlatformId::AzureLocal);
    let s = reduce(s, Action::Undo);
    // Typing on in one field is one step; another field or a removal is a step of its own.
    let s = reduce(s, Action::Edit(Edit::SetName("a".into())));
    let s = reduce(s, Action::Edit(Edit::SetName("ab".into())));
    let s = reduce(s, Action::Edit(Edit::SetName("abc".into())));
    let s = reduce(s, Action::Edit(Edit::RemoveCluster(0)));
    assert!(s.notice.as_ref().is_some_and(|n| n.undo && n.text.starts_with("Removed cluster")), "{:?}", s.notice);
    // A later change ends a notice whose Undo would no longer take back what it speaks of.
    let later = reduce(s.clone(), Action::Edit(Edit::SetRegion("northeurope".into())));
    assert_eq!(later.notice, None);
    let s = reduce(s, Action::Undo);
    assert_eq!((s.plan.name.as_str(), s.plan.clusters.len()), ("abc", before.clusters.len()));
    let s = reduce(s, Action::Undo);
    assert_eq!(s.plan, before);
    assert!(s.future.len() == 2);
    // A new edit drops what Redo had.
    let s = reduce(s, Action::Edit(Edit::SetRegion("westeurope".into())));
    assert!(s.future.is_empty());
    // Duplicate: node pools and services copied, addresses left for Suggest, placed after it.
    let s = reduce(s, Action::Edit(Edit::DuplicateCluster(0)));
    let (a, copy) = (&s.plan.clusters[0], &s.plan.clusters[1]);
    assert_eq!((copy.name.as_str(), &copy.node_pools, copy.services), ("cluster-b-copy", &a.node_pools, a.services));
    assert!(copy.control_plane_ip.is_none() && copy.lb_pools.is_empty());
    // A new node pool starts at the size of the cluster's last pool.
    let s = reduce(s, Action::Edit(Edit::AddNodePool(0)));
    assert_eq!(s.plan.clusters[0].node_pools.last().unwrap().nodes, s.plan.clusters[0].node_pools[0].nodes);
}

#[wasm_bindgen_test]
fn input_ids_and_lists() {
    assert_eq!(input_id("clusters[1].lb_pools[0]"), "f-clusters-1-lb_pools");
    assert_eq!(input_id("segments[0].dns[3]"), "f-segments-0-dns");
    assert_eq!(input_id("clusters[2].node_pools[1].nodes"), "f-clusters-2-node_pools-1-nodes");
    assert_eq!(input_id("proxy"), "f-proxy");
    assert_eq!(split_list(" a , b;\nc,,"), ["a", "b", "c"]);
}

#[wasm_bindgen_test]
fn messages_between_the_modules_cross_as_values_and_read_back_the_same() {
    use aksarc_netplan::addressmap::Conflict;
    use aksarc_netplan::web::state::Notice;
    use aksarc_netplan::web::wire::{from_js, to_js, Answer, Snapshot, ToPage, ToTools};
    for message in [
        ToPage::Tick(".dp.prod.appliances.azure.com".into()),
        ToPage::Import(Plan::example(), "Imported from pasted: 2 reserved entries".into()),
        ToPage::Notify(Notice::error("Could not save the MetalLB YAML.")),
        ToPage::Notify(Notice::info("Copied 61 firewall rows to the clipboard.")),
        ToPage::Open(Plan::example(), "Opened \"Contoso lab\" from Recent plans.".into()),
        ToPage::CloseRecent,
        ToPage::Accept("lb-overlap".into(), "clusters[1].lb_pools[0]".into(), "shared VIPs".into()),
        ToPage::CancelAccept,
    ] {
        assert_eq!(from_js::<ToPage>(to_js(&message)), Ok(message));
    }
    let conflicts = vec![Conflict { addresses: vec!["10.20.0.150".into()], message: "Control plane IP ... lies inside ...".into() }];
    let azure_local = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    for message in [
        ToTools::Mount(Snapshot { plan: Plan::example(), conflicts: conflicts.clone(), suggested: false, errors: 0, recent: false, accepting: None }),
        ToTools::Update(Snapshot { plan: azure_local.clone(), conflicts: Vec::new(), suggested: true, errors: 2, recent: true, accepting: Some(("lb-overlap".into(), "clusters[1].lb_pools[0]".into())) }),
        ToTools::Suggest(azure_local.clone()),
        ToTools::Convert(Plan::example(), aksarc_netplan::model::PlatformId::AzureLocal),
        ToTools::ShareUrl { plan: azure_local, base: "https://planner.example/".into() },
        ToTools::Inflate(vec![0, 1, 255]),
        ToTools::ReadPlan("{\"schema\": 1}".into()),
    ] {
        assert_eq!(from_js::<ToTools>(to_js(&message)), Ok(message));
    }
    for answer in [Answer::Drawn, Answer::Url("u".into()), Answer::Inflated(vec![7]), Answer::TooLarge, Answer::Failed("why".into()), Answer::Converted(Plan::example(), "moved".into())] {
        assert_eq!(from_js::<Answer>(to_js(&answer)), Ok(answer));
    }
    // A value that is no message is refused with a reason, never read as another.
    assert!(from_js::<ToPage>(wasm_bindgen::JsValue::from_str("tick")).is_err());
}

#[wasm_bindgen_test]
async fn the_page_reads_links_and_its_own_json_with_the_browsers_parser_as_the_engine_does() {
    use aksarc_netplan::link;

    use aksarc_netplan::web::{browser, tools};
    let mut plan = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    // A tick the table of ticks does not hold travels as its key (those it holds travel as
    // indexes, which the second module reads: below).
    plan.firewall_confirmed = vec!["my.own.proxy".into()];
    // The same plan back through the page's reader as through the engine's.
    let fragment = link::encode(&plan);
    assert_eq!(tools::decode_link(&fragment).await.unwrap(), plan);
    assert_eq!(browser::read_plan(&plan.to_json()).unwrap(), plan);
    assert_eq!(browser::example(), aksarc_netplan::platform::azure_local::AZURE_LOCAL.example());
    assert_eq!(browser::example_of(&aksarc_netplan::platform::azure_local::AZURE_LOCAL), aksarc_netplan::platform::azure_local::AZURE_LOCAL.example());
    // What does not read is refused, never half read.
    for bad in ["", "{", "[]", r#"{"schema": 2}"#, r#"{"schema": 1, "clusters": [{"name": "a", "services": -1}]}"#] {
        assert!(browser::read_plan(bad).is_err(), "{bad}");
    }
    let mut cut = fragment.clone();
    cut.truncate(fragment.len() - 3);
    assert!(tools::decode_link(&cut).await.is_err());
    // The browser's inflater keeps the engine's limits: a link that unpacks past 1 MiB is refused,
    // data that is not deflate is damaged (links of format 1 carry no checksum to stop it first).
    use base64::Engine;
    let packed = |bytes: &[u8]| format!("1{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes));
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; link::MAX_DECODED + 1], 10);
    assert_eq!(tools::decode_link(&packed(&bomb)).await, Err(link::LinkError::TooLarge));
    assert_eq!(link::decode(&packed(&bomb)), Err(link::LinkError::TooLarge));
    assert_eq!(tools::decode_link(&packed(b"\xff\xfe not deflate")).await, Err(link::LinkError::Corrupt));
    assert_eq!(link::decode(&packed(b"\xff\xfe not deflate")), Err(link::LinkError::Corrupt));
}

/// A link's JSON as `link::encode` wrote it.
fn link_json_of(plan: &Plan) -> Vec<u8> {
    use aksarc_netplan::link;
    link::inflate(&link::unpack(&link::encode(plan)).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn the_first_modules_link_reader_reads_every_field_the_engine_writes() {
    use aksarc_netplan::link::LinkError;
    use aksarc_netplan::model::{Management, PlatformId, ResourceBridge};
    use aksarc_netplan::web::link_json::read;
    // Every platform's example, and one plan with every field of the format set.
    for id in PlatformId::ALL {
        let plan = aksarc_netplan::platform::by_id(id).example();
        assert_eq!(read(&link_json_of(&plan)), Ok(plan), "{id}");
    }
    let mut full = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    full.name = "all \"fields\" ünïcode".into();
    full.proxy = true;
    full.region = "westeurope".into();
    full.segments[0].dhcp = vec!["10.220.32.100-10.220.32.120".into()];
    full.segments[0].dhcp_in_use = 7;
    full.segments[0].vlan = 12;
    full.segments[0].fabric_network = Some("/subscriptions/x/internalNetworks/y".into());
    full.segments[0].gateway = None;
    full.clusters[0].control_plane_ip = Some("10.220.32.40".into());
    full.clusters[0].host_ip = Some("10.220.32.41".into());
    full.clusters[0].node_pools.push(aksarc_netplan::model::NodePool { name: "gpu".into(), nodes: 2 });
    full.reserved = vec![aksarc_netplan::model::Reserved { name: "dns".into(), addresses: "10.220.32.2".into() }];
    full.resource_bridge = Some(ResourceBridge { control_plane_ip: "10.220.32.5".into(), appliance_vm_ips: "10.220.32.6-10.220.32.7".into() });
    full.management = Some(Management { subnet: "192.168.1.0/24".into(), infra_pool: "192.168.1.10-192.168.1.20".into(), vlan: 9 });
    full.firewall_confirmed = vec!["my.own.proxy".into(), "another".into()];
    assert_eq!(read(&link_json_of(&full)), Ok(full.clone()));
    // A tick the table holds is written as its index: the second module reads those.
    full.firewall_confirmed = vec!["mcr.microsoft.com".into()];
    assert_eq!(read(&link_json_of(&full)), Err(LinkError::TicksByIndex));
    // What the link's own reader refuses, this one refuses too; what it reads as absent, too.
    for bad in [r#"{"name": "a"}"#, r#"{"r": [["a"]]}"#, r#"{"c": [{"p": [["p", 1, 2]]}]}"#, r#"{"s": [1]}"#, r#"{"x": "yes"}"#,
        r#"{"m": ["a", "b"]}"#, r#"{"c": [{"v": -1}]}"#, "[]", "{"] {
        assert!(matches!(read(bad.as_bytes()), Err(LinkError::NotAPlan(_))), "{bad}");
        // (serde reads a struct from an array of its fields in order, so the engine takes "[]"
        // as a plan with nothing in it; the page refuses it.)
        assert!(bad == "[]" || aksarc_netplan::link::from_json(bad.as_bytes()).is_err(), "the engine reads {bad}");
    }
    let empty = read(br#"{"g": null, "p": null}"#).unwrap();
    assert_eq!((empty.region.as_str(), empty.platform), ("eastus", PlatformId::Vmware));
}

#[wasm_bindgen_test]
fn the_page_writes_plans_byte_for_byte_as_the_engine_does() {
    use aksarc_netplan::web::browser;
    let mut odd = Plan::example();
    odd.name = "Ünïcode \"quoted\" \\ back\tslash\n\u{1}\u{1f}\u{7f}\u{2028} ✓".into();
    odd.clusters[0].lb_pools.clear();
    odd.clusters[1].control_plane_ip = None;
    odd.firewall_confirmed = vec!["gcr.io".into()];
    for plan in [Plan::example(), aksarc_netplan::platform::azure_local::AZURE_LOCAL.example(), Plan::default(), odd] {
        assert_eq!(browser::write_plan(&plan), plan.to_json());
        assert_eq!(browser::read_plan(&browser::write_plan(&plan)).unwrap(), plan);
    }
}
