//! Any plan through every export, with text that would act if it reached code: every name,
//! address text and reason of the plan carries a marker that holds a shell command
//! substitution, a PowerShell subexpression and quotes. Property: the marker appears in no
//! script or configuration line at all (comments keep plan text cleaned: `$` becomes `_`, quotes
//! go), so plan text lands only in comments, quoted strings or reduced names.
#![no_main]

use aksarc_netplan::exports::{export, export_bytes, Kind};
use aksarc_netplan::model::Plan;
use libfuzzer_sys::fuzz_target;

const MARK: &str = "$(touch x)\"'`;";

fn marked(text: &mut String) {
    text.push_str(MARK);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut plan) = Plan::from_json(text) else { return };
    marked(&mut plan.name);
    for s in &mut plan.segments {
        marked(&mut s.name);
    }
    for c in &mut plan.clusters {
        marked(&mut c.name);
    }
    for r in &mut plan.reserved {
        marked(&mut r.name);
    }
    for w in &mut plan.waivers {
        marked(&mut w.reason);
    }
    for kind in Kind::ALL {
        if kind.is_binary() {
            let _ = export_bytes(kind, &plan);
            continue;
        }
        let out = export(kind, &plan);
        if ["sh", "ps1", "conf", "yaml", "txt"].contains(&kind.extension()) {
            for line in out.lines() {
                assert!(!line.contains("$(touch x)"), "{kind:?}: plan text reached a line as it was typed: {line}");
            }
        }
    }
});
