//! PowerShell scripts read by a real PowerShell grammar (tree-sitter-powershell), so a test can
//! tell that a generated `.ps1` parses without running PowerShell, which Linux does not have.
#![allow(dead_code)]

use tree_sitter::{Node, Parser, Tree};

/// The syntax tree of `script`.
pub fn parse(script: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_powershell::LANGUAGE.into()).expect("the PowerShell grammar loads");
    parser.parse(script, None).expect("the parser returns a tree (no timeout or cancellation is set)")
}

/// Every place where the grammar could not read `script`: an ERROR node (text it had to skip)
/// or a MISSING node (a token it had to invent, such as a closing brace), each as
/// `line:column kind: text`. Empty when the script parses cleanly.
///
/// PowerShell takes a file of comments alone (a DHCP script with nothing to exclude) as an empty
/// script, but this grammar's `program` needs one statement and marks such a file as an error.
/// So a file whose every line is blank or a `#` comment is read with a `$null` statement after
/// it: what is checked is still that its comments are comments.
pub fn syntax_errors(script: &str) -> Vec<String> {
    let statementless = script.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let text = if statementless { format!("{script}\n$null\n") } else { script.to_string() };
    let tree = parse(&text);
    let mut errors = Vec::new();
    collect(tree.root_node(), &text, &mut errors);
    errors
}

fn collect(node: Node, script: &str, errors: &mut Vec<String>) {
    if node.is_error() || node.is_missing() {
        let at = node.start_position();
        let what = if node.is_missing() { format!("MISSING {}", node.kind()) } else { "ERROR".to_string() };
        let text: String = script[node.byte_range()].chars().take(80).collect();
        errors.push(format!("{}:{} {what}: {text:?}", at.row + 1, at.column + 1));
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect(child, script, errors);
    }
}

/// Panics with every syntax error of `script`, named `name` in the message.
pub fn assert_parses(script: &str, name: &str) {
    let errors = syntax_errors(script);
    assert!(errors.is_empty(), "{name} does not parse as PowerShell:\n{}", errors.join("\n"));
}
