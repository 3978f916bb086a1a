//! Scripts kept as files in `templates/`, so that shellcheck and a PowerShell parser read them as
//! they are and a reviewer edits a script, not a Rust string. Each template is a whole script on
//! its own (the export of a plan with nothing in it); the plan's parts go in its slots, the lines
//! from `# @begin NAME` to `# @end NAME`, which every export replaces.

/// `template` with each slot, the lines from `# @begin NAME` to `# @end NAME` (both included),
/// replaced by the text given for NAME. One pass over the template's lines: the text put in is
/// never searched for markers, so a plan name that looks like one stays a comment. A slot with no
/// text given is copied as it is (the tests check that no marker reaches an export).
pub(super) fn fill(template: &str, slots: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + slots.iter().map(|(_, text)| text.len()).sum::<usize>());
    let mut inside: Option<&str> = None;
    for line in template.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match inside {
            Some(name) => {
                if bare.strip_prefix("# @end ") == Some(name) {
                    inside = None;
                }
            }
            None => match bare.strip_prefix("# @begin ").and_then(|name| slots.iter().find(|(slot, _)| *slot == name)) {
                Some((name, text)) => {
                    out.push_str(text);
                    inside = Some(name);
                }
                None => out.push_str(line),
            },
        }
    }
    out
}

/// The lines of `template`'s slot `name`, without its markers: for a part of a script that an
/// export keeps or leaves out whole. Empty when the template has no such slot.
pub(super) fn block<'a>(template: &'a str, name: &str) -> &'a str {
    let mut start = None;
    let mut at = 0;
    for line in template.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match start {
            None if bare.strip_prefix("# @begin ") == Some(name) => start = Some(at + line.len()),
            Some(from) if bare.strip_prefix("# @end ") == Some(name) => return &template[from..at],
            _ => {}
        }
        at += line.len();
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_whole_slots_and_keeps_the_rest() {
        let template = "a\n# @begin x\nplaceholder\n# @end x\nb\n# @begin y\nkept\n# @end y\n";
        let out = fill(template, &[("x", "# @begin y\nX\n".to_string())]);
        // The text put in is not read for markers; an unknown slot stays as it was.
        assert_eq!(out, "a\n# @begin y\nX\nb\n# @begin y\nkept\n# @end y\n");
    }

    #[test]
    fn block_is_a_slots_lines_without_its_markers() {
        let template = "a\n# @begin x\none\n\ntwo\n# @end x\n# @begin y\n# @end y\n# @begin open\nz\n";
        assert_eq!(block(template, "x"), "one\n\ntwo\n");
        assert_eq!(block(template, "y"), "");
        assert_eq!(block(template, "open"), "", "a slot never closed is no block");
        assert_eq!(block(template, "missing"), "");
    }
}
