//! Any text as a file of addresses in use (leases, reservations, IPAM CSV, nmap, a list): read,
//! then merged into the worked example. Nothing may panic, and merging the same file a second
//! time changes nothing.
#![no_main]

use aksarc_netplan::{model::Plan, used};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = used::parse(text) else { return };
    let plan = Plan::example();
    let once = used::merge(&plan, &parsed, "fuzz").plan;
    let twice = used::merge(&once, &parsed, "fuzz").plan;
    assert_eq!(once, twice, "merging the same file twice changes nothing");
});
