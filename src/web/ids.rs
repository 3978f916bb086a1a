//! The ids of the editor's inputs and of the parts around them, all from one function.
//!
//! An input's id is its field's path (`clusters[1].lb_pools` → `f-clusters-1-lb_pools`), which
//! is how a finding's "go to field" finds its input, and the fields' paths come from the edits
//! that write them (`edit::ClusterText::path`, `edit::Count::path`). The end-to-end tests select
//! by these ids, so they do not change.

use crate::edit::{Count, Direction};

/// The DOM id of the input that edits `field` (a finding's path). Lists of addresses are edited
/// in one input, so `segments[0].dns[1]` belongs to `segments[0].dns`.
///
/// `clusters[1].lb_pools[0]` → `f-clusters-1-lb_pools`.
pub fn input_id(field: &str) -> String {
    let mut path = field;
    for list in [".dns[", ".dhcp[", ".lb_pools[", ".ip_pools["] {
        if let Some(at) = field.rfind(list) {
            if field.ends_with(']') {
                path = &field[..at + list.len() - 1];
            }
        }
    }
    let mut id = String::from("f-");
    for ch in path.chars() {
        match ch {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// What every input's id starts with: `f-`.
pub fn any_input() -> String {
    input_id("")
}

/// The input of a count: `f-clusters-0-services`.
pub fn count(count: Count) -> String {
    input_id(&count.path())
}

/// The part of the editor that holds a list's item (`segments`, `clusters`): `f-clusters-2`.
pub fn item(list: &str, index: usize) -> String {
    input_id(&format!("{list}[{index}]"))
}

/// A cluster's node pools (the Add node pool button, where findings about its pools go).
pub fn node_pools(c: usize) -> String {
    input_id(&format!("clusters[{c}].node_pools"))
}

/// What every id inside the part `id` starts with: `f-clusters-2-`.
pub fn within(id: &str) -> String {
    format!("{id}-")
}

/// The list of an input's messages, which `aria-describedby` names.
pub fn messages(id: &str) -> String {
    format!("{id}-msg")
}

/// The heading of a group of inputs.
pub fn heading(id: &str) -> String {
    format!("{id}-h")
}

/// A cluster's Move up or Move down button: `move-up-2`.
pub fn move_button(c: usize, direction: Direction) -> String {
    match direction {
        Direction::Up => format!("move-up-{c}"),
        Direction::Down => format!("move-down-{c}"),
    }
}

/// A cluster's Duplicate button.
pub fn duplicate_button(c: usize) -> String {
    format!("duplicate-{c}")
}

/// The switch that puts the resource bridge in the plan (not a field of its own).
pub const BRIDGE_SWITCH: &str = "f-bridge-on";
