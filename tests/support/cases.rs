//! Rule tables over one example plan: each case changes the example a little and names the
//! findings (rule and field) it must give, in any order; a case that wants none is the nearest
//! valid plan.

use aksarc_netplan::check::evaluate;
use aksarc_netplan::model::Plan;

/// One change to the example and the findings it must give.
pub struct Case {
    pub what: &'static str,
    pub change: fn(&mut Plan),
    pub want: &'static [(&'static str, &'static str)],
}

/// Runs every case on a fresh copy of `example`; fails naming each case whose findings differ,
/// then each of `rules` that no case fires.
pub fn check_cases(example: fn() -> Plan, cases: &[Case], rules: &[&str]) {
    let mut failures = Vec::new();
    for case in cases {
        let mut plan = example();
        (case.change)(&mut plan);
        let mut got: Vec<(&str, String)> = evaluate(&plan).findings.iter().map(|f| (f.rule.as_str(), f.field.clone())).collect();
        got.sort();
        let mut want: Vec<(&str, String)> = case.want.iter().map(|(r, f)| (*r, f.to_string())).collect();
        want.sort();
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", case.what));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for rule in rules {
        assert!(cases.iter().any(|c| c.want.iter().any(|(r, _)| r == rule)), "no case for {rule}");
    }
}
