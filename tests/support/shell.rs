//! bash scripts read by bash itself (`bash -n`: does it parse) and by shellcheck (every check
//! that is on by default), the one way every test that makes or keeps a bash script checks it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

const SHELLCHECK: &str = "/usr/bin/shellcheck";

/// shellcheck is a test dependency that `scripts/setup` installs (Debian's package). Missing, the
/// test fails and says what to run: a skipped check would look like a passed one.
pub fn shellcheck() -> &'static str {
    assert!(Path::new(SHELLCHECK).exists(), "{SHELLCHECK} is missing: run scripts/setup (it installs Debian's shellcheck)");
    SHELLCHECK
}

/// What bash -n and shellcheck say about the script at `path`; empty when neither has anything
/// to say. shellcheck takes the shell from the script's first line, so a script without one is a
/// finding too.
pub fn file_findings(path: &Path) -> String {
    let mut findings = String::new();
    let syntax = Command::new("bash").arg("-n").arg(path).output().expect("bash runs");
    if !syntax.status.success() {
        findings += &format!("bash -n: {}", String::from_utf8_lossy(&syntax.stderr));
    }
    let lint = Command::new(shellcheck()).arg(path).output().expect("shellcheck runs");
    if !lint.status.success() || !lint.stdout.is_empty() {
        findings += &format!("shellcheck:\n{}{}", String::from_utf8_lossy(&lint.stdout), String::from_utf8_lossy(&lint.stderr));
    }
    findings
}

/// [`file_findings`] for `script`, written to `path` first.
pub fn findings(script: &str, path: &Path) -> String {
    std::fs::write(path, script).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    file_findings(path)
}

/// Fails with what bash -n and shellcheck say about `script`, named `name` (a file name, unique
/// within the test file, since the tests of a file run at the same time).
pub fn assert_clean(script: &str, name: &str) {
    let path = scratch(name);
    let found = findings(script, &path);
    assert!(found.is_empty(), "{name}:\n{found}");
}

/// Fails with what bash -n and shellcheck say about the file at `path`.
pub fn assert_file_clean(path: &Path) {
    let found = file_findings(path);
    assert!(found.is_empty(), "{}:\n{found}", path.display());
}

/// Where `name` is written: a folder per test file (the crate of this copy of the module), so
/// that two test files never write the same file.
fn scratch(name: &str) -> PathBuf {
    let test_file = module_path!().split("::").next().unwrap_or("tests");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("shell").join(test_file);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir.join(name)
}
