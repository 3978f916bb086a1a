//! Any text as a share link: it opens to a plan or is refused, within the link's limits.
#![no_main]

use aksarc_netplan::link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(plan) = link::decode(text) {
        // What opens checks like any plan.
        let _ = aksarc_netplan::check::evaluate(&plan);
    }
});
