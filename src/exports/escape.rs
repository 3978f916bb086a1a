//! Plan text made safe for the place it lands: one `#` comment line, an RFC 4180 CSV field, a
//! Markdown cell. Every export puts plan text through one of these, so the invariant of the
//! module ("plan text never reaches a place where it could act") is checked here once.

/// Longest plan text put into one comment line.
pub(super) const MAX_COMMENT: usize = 100;

/// User text reduced to something safe inside one `#` comment line of a shell, PowerShell, YAML,
/// Squid or plain-text file: control characters and Unicode line separators become spaces;
/// quotes (ASCII and typographic, which PowerShell also takes as quotes) and backticks are
/// dropped, so a quoted name reads as the name (not as `_name_`, which a reader takes for
/// Markdown); `$` and backslashes become `_`; zero-width and bidirectional controls are dropped;
/// runs of spaces collapse; at most 100 characters are kept.
///
/// ```
/// use aksarc_netplan::exports::comment_text;
/// assert_eq!(comment_text("lab\n$(rm -rf /) `id` cluster \"x\""), "lab _(rm -rf /) id cluster x");
/// ```
pub fn comment_text(text: &str) -> String {
    clean(text, false)
}

/// [`comment_text`], ASCII only (others become `?`): for PowerShell files, which Windows
/// PowerShell 5.1 reads in the ANSI code page unless they carry a byte-order mark.
pub fn comment_ascii(text: &str) -> String {
    clean(text, true)
}

fn clean(text: &str, ascii: bool) -> String {
    let mut out = String::new();
    let mut count = 0;
    for ch in text.chars() {
        let c = match ch {
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' => continue,
            '"' | '\'' | '`' | '\u{2018}'..='\u{201F}' => continue,
            c if c.is_control() || c.is_whitespace() => ' ',
            '$' | '\\' => '_',
            c if ascii && !c.is_ascii() => '?',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if count == MAX_COMMENT {
            out.push_str(if ascii { "..." } else { "…" });
            break;
        }
        out.push(c);
        count += 1;
    }
    let trimmed = out.trim_end();
    if trimmed.len() != out.len() {
        out.truncate(trimmed.len());
    }
    out
}

/// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled. A
/// field that a spreadsheet would take as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
/// leading `'`.
///
/// ```
/// use aksarc_netplan::exports::csv_field;
/// assert_eq!(csv_field("plain"), "plain");
/// assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
/// assert_eq!(csv_field("=1+1"), "'=1+1");
/// ```
pub fn csv_field(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One CSV record, its fields through [`csv_field`], ended with CRLF as RFC 4180 has it.
pub(super) fn csv_line<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// User text for a Markdown table cell or heading: one line, with `\ | < > & * _ [ ] `` ` ``
/// escaped so it cannot end the cell, open a link, start formatting or inject HTML.
///
/// ```
/// use aksarc_netplan::exports::md_text;
/// assert_eq!(md_text("a|b\n<i>"), "a\\|b &lt;i&gt;");
/// ```
pub fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '|' | '*' | '_' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_text_is_one_safe_line() {
        let hostile = "a\r\nb\u{2028}c\u{85}d $(x) `y` 'z' \"w\" \\ \u{201C}q\u{201D} \u{202E}rtl";
        let c = comment_text(hostile);
        assert_eq!(c, "a b c d _(x) y z w _ q rtl");
        assert!(comment_ascii("Ünïcode lab").is_ascii());
        assert_eq!(comment_text(&"x".repeat(500)).chars().count(), MAX_COMMENT + 1);
        assert_eq!(comment_text("   "), "");
    }
}
