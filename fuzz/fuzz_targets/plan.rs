//! Any bytes as a plan document: read, checked, suggested, converted, linked and read back.
//! Nothing may panic, and a plan that reads must survive its own link and file unchanged.
#![no_main]

use aksarc_netplan::{check::evaluate, convert, link, model::{Plan, PlatformId}, report, suggest::suggest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(plan) = Plan::from_json(text) else { return };
    let report = evaluate(&plan);
    let _ = report::to_text(&report);
    let _ = report::to_json(&report);
    let _ = suggest(&plan);
    let _ = convert::convert(&plan, PlatformId::AzureLocal);
    assert_eq!(link::decode(&link::encode(&plan)).as_ref(), Ok(&plan), "a plan's link opens to the same plan");
    assert_eq!(Plan::from_json(&plan.to_json()).as_ref(), Ok(&plan), "a plan's file reads back the same");
});
