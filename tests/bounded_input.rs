//! Hostile and awkward input to the CLI's readers and what it prints (issue 24, items 5 to 8):
//! used-address files read line by line with their bad rows counted, not kept; plans printed in
//! a form `check` reads back; control characters shown escaped on a terminal; UTF-16 files and
//! documents whose shape is wrong named for what they are. Every input is built here, and every
//! expected value comes from the input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use aksarc_netplan::model::{Plan, MAX_PLAN_BYTES};
use aksarc_netplan::text::{Lines, TextError};
use aksarc_netplan::used::{merge, parse, read, ImportError, BAD_KEPT};

const BIN: &str = env!("CARGO_BIN_EXE_aksarc-netplan");

/// Writes `bytes` to a file of this test binary's scratch directory.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bounded-input");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// Exit code, standard output and standard error, as bytes: what a terminal would receive.
fn run(args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let out = Command::new(BIN).args(args).stdin(Stdio::null()).output().unwrap();
    (out.status.code().expect("exited"), out.stdout, out.stderr)
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xff, 0xfe] } else { Vec::new() };
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn a_file_of_junk_keeps_the_first_bad_rows_and_counts_the_rest() {
    // One address, then 100,000 lines that are not addresses: line 1 reads, lines 2 to 100,001 do not.
    let junk = 100_000;
    let lines = std::iter::once("10.9.0.1".to_string()).chain((0..junk).map(|i| format!("junk {i}")));
    let parsed = read(lines.map(Ok::<String, String>)).unwrap();
    assert_eq!(parsed.used.len(), 1);
    assert_eq!(parsed.bad_total, junk);
    assert_eq!(parsed.bad.len(), BAD_KEPT);
    assert_eq!(BAD_KEPT, 20, "the CLI prints twenty");
    let kept: Vec<usize> = parsed.bad.iter().map(|b| b.line).collect();
    assert_eq!(kept, (2..22).collect::<Vec<_>>());
    assert!(parsed.bad[0].reason.contains("junk 0"), "{}", parsed.bad[0].reason);
    // The whole-text reader keeps as few.
    let text: String = std::iter::once("10.9.0.1\n".to_string()).chain((0..junk).map(|i| format!("junk {i}\n"))).collect();
    let parsed = parse(&text).unwrap();
    assert_eq!((parsed.bad.len(), parsed.bad_total), (BAD_KEPT, junk));
}

#[test]
fn the_cli_prints_twenty_bad_rows_and_counts_the_rest() {
    let text: String = std::iter::once("10.9.0.1\n".to_string()).chain((0..5_000).map(|i| format!("x{i}\n"))).collect();
    let path = file("junk.txt", text.as_bytes());
    let (code, stdout, stderr) = run(&["import-used", &path]);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("5000 rows that do not read skipped"), "{stderr}");
    assert!(stderr.contains("  line 21: ") && !stderr.contains("  line 22: "), "{stderr}");
    assert!(stderr.contains("... and 4980 more rows that do not read"), "{stderr}");
    let plan = Plan::from_json(&String::from_utf8(stdout).unwrap()).unwrap();
    assert_eq!(plan.reserved.len(), 1);
}

#[test]
fn a_line_that_fails_stops_the_reading_with_its_message() {
    let lines = vec![Ok("10.0.0.1".to_string()), Err("leases.txt is not UTF-8 text (byte 9)".to_string()), Ok("10.0.0.2".to_string())];
    assert_eq!(read(lines.into_iter()), Err(ImportError::Read("leases.txt is not UTF-8 text (byte 9)".into())));
    // In a CSV file too, which the CSV reader reads.
    let lines = vec![Ok("ip,name".to_string()), Ok("10.0.0.1,a".to_string()), Err("cut".to_string())];
    assert_eq!(read(lines.into_iter()), Err(ImportError::Read("cut".into())));
}

#[test]
fn leases_land_in_their_own_scope_among_thousands() {
    // 3,000 segments, each a /24 with a DHCP scope .100-.199; a Windows lease file with one
    // active lease in each scope and a second in every tenth.
    let n = 3_000;
    let segments: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let net = format!("10.{}.{}", i / 256, i % 256);
            serde_json::json!({"name": format!("s{i}"), "subnet": format!("{net}.0/24"), "dhcp": [format!("{net}.100-{net}.199")]})
        })
        .collect();
    let plan = Plan::from_json(&serde_json::json!({"schema": 1, "segments": segments}).to_string()).unwrap();
    let mut csv = String::from("\"IPAddress\",\"ScopeId\",\"AddressState\",\"HostName\"\n");
    for i in 0..n {
        let net = format!("10.{}.{}", i / 256, i % 256);
        csv += &format!("\"{net}.150\",\"{net}.0\",\"Active\",\"h{i}\"\n");
        if i % 10 == 0 {
            csv += &format!("\"{net}.151\",\"{net}.0\",\"Active\",\"k{i}\"\n");
        }
    }
    let parsed = parse(&csv).unwrap();
    let m = merge(&plan, &parsed, "leases.csv");
    assert!(m.added().is_empty());
    let in_use: Vec<u32> = m.plan.segments.iter().map(|s| s.dhcp_in_use).collect();
    let expected: Vec<u32> = (0..n).map(|i| if i % 10 == 0 { 2 } else { 1 }).collect();
    assert_eq!(in_use, expected);
    assert_eq!(m.leases.len(), n);
}

#[test]
fn the_cli_never_prints_a_plan_check_refuses() {
    // 300,000 unnamed addresses with no neighbours: as many reserved entries. Indented, each takes
    // over 60 bytes (18 MiB in all); on one line about 45 (13 MiB): the plan is written compact.
    let count = 300_000u32;
    let mut list = String::new();
    for i in 0..count {
        let a = 2 * i;
        list += &format!("10.{}.{}.{}\n", a >> 16, (a >> 8) & 255, a & 255);
    }
    let path = file("apart.txt", list.as_bytes());
    let (code, stdout, stderr) = run(&["import-used", &path]);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.len() < MAX_PLAN_BYTES, "{} bytes", stdout.len());
    assert!(stderr.contains("compact JSON"), "{stderr}");
    let text = String::from_utf8(stdout).unwrap();
    assert_eq!(text.trim_end().lines().count(), 1);
    assert_eq!(Plan::from_json(&text).unwrap().reserved.len(), count as usize);
    // Named hosts make longer entries: 400,000 are over the limit even on one line, and nothing
    // is written.
    let mut csv = String::from("ip,hostname\n");
    for i in 0..400_000u32 {
        let a = 2 * i;
        csv += &format!("10.{}.{}.{},host-{i}.contoso.local\n", a >> 16, (a >> 8) & 255, a & 255);
    }
    let path = file("hosts.csv", csv.as_bytes());
    let (code, stdout, stderr) = run(&["import-used", &path]);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    for part in ["400000 reserved entries", "hosts.csv", "16 MiB", "nothing is written"] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
}

#[test]
fn suggest_and_convert_keep_a_compact_plan_compact() {
    let compact = Plan::example().to_compact_json();
    let path = file("compact.json", compact.as_bytes());
    for args in [vec!["suggest", path.as_str()], vec!["convert", "azure-local", path.as_str()]] {
        let (code, stdout, _) = run(&args);
        assert_eq!(code, 0, "{args:?}");
        let text = String::from_utf8(stdout).unwrap();
        assert_eq!(text.trim_end().lines().count(), 1, "{args:?}: {text}");
        assert!(Plan::from_json(&text).is_ok());
    }
    // A pretty plan stays pretty.
    let (_, stdout, _) = run(&["suggest", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contoso.json")]);
    assert!(String::from_utf8(stdout).unwrap().lines().count() > 10);
}

#[test]
fn control_characters_reach_the_terminal_escaped_and_the_json_exact() {
    // A cluster whose name sets the terminal's title, clears the screen and prints a green PASS.
    let name = "prod\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[32mPASS\u{1b}[0m\r";
    let mut plan = Plan::example();
    plan.clusters[0].name = name.to_string();
    plan.clusters[0].control_plane_ip = Some("10.20.0.9\u{0}".into());
    let path = file("escape.json", plan.to_json().as_bytes());
    let (_, stdout, _) = run(&["check", &path]);
    let text = String::from_utf8(stdout).unwrap();
    for raw in ['\u{1b}', '\u{7}', '\r', '\0'] {
        assert!(!text.contains(raw), "{raw:?} reached the terminal:\n{text}");
    }
    assert!(text.contains("prod\\u001b]0;owned\\u0007\\u001b[2J"), "{text}");
    assert!(text.contains("10.20.0.9\\0"), "{text}");
    // The JSON report keeps the exact text.
    let (_, stdout, _) = run(&["check", "--format", "json", &path]);
    let report: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let names: Vec<&str> = report["requirements"]["clusters"].as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    assert!(names.contains(&name), "{names:?}");
    // A used-address file: the bad row is quoted with its NUL shown, not read as 10.0.0.2.
    let path = file("nul.txt", b"10.0.0.1\n10.0.\x00 0.2\n");
    let (code, _, stderr) = run(&["import-used", &path]);
    assert_eq!(code, 0);
    assert!(!stderr.contains(&0u8), "{stderr:?}");
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(stderr.contains("line 2: \"10.0.\\0 0.2\""), "{stderr}");
    // A message quoting a plan's text (an unknown field) shows it escaped too.
    let path = file("field.json", b"{\"schema\":1,\"\\u001b[2Jx\":1}");
    let (code, _, stderr) = run(&["check", &path]);
    assert_eq!(code, 2);
    assert!(!stderr.contains(&0x1b), "{:?}", String::from_utf8_lossy(&stderr));
}

#[test]
fn utf16_files_are_read_and_other_encodings_say_how_to_save() {
    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contoso.json")).unwrap();
    for bom in [true, false] {
        let path = file(&format!("plan-utf16-{bom}.json"), &utf16le(&example.replace('\n', "\r\n"), bom));
        let (code, stdout, stderr) = run(&["check", &path]);
        assert_eq!(code, 0, "bom {bom}: {}", String::from_utf8_lossy(&stderr));
        assert!(String::from_utf8(stdout).unwrap().contains("PASS"));
        let path = file(&format!("used-utf16-{bom}.txt"), &utf16le("10.30.0.1\r\n10.30.0.2\r\n10.30.0.9\r\n", bom));
        let (code, stdout, stderr) = run(&["import-used", &path]);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
        let plan = Plan::from_json(&String::from_utf8(stdout).unwrap()).unwrap();
        let added: Vec<&str> = plan.reserved.iter().map(|r| r.addresses.as_str()).collect();
        assert_eq!(added, ["10.30.0.1-10.30.0.2", "10.30.0.9"]);
    }
    // Windows-1252 (é is 0xe9): neither UTF-8 nor UTF-16.
    for (command, name, bytes) in [("check", "latin.json", &b"{\"schema\":1,\"name\":\"caf\xe9\"}"[..]), ("import-used", "latin.txt", b"10.0.0.1 caf\xe9\n")] {
        let path = file(name, bytes);
        let (code, _, stderr) = run(&[command, &path]);
        let stderr = String::from_utf8(stderr).unwrap();
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(name) && stderr.contains("save it as UTF-8 (PowerShell: `Out-File -Encoding utf8`)"), "{stderr}");
    }
    // UTF-8 with a byte order mark, as PowerShell 5's -Encoding utf8 writes it, reads too.
    let path = file("plan-bom.json", format!("\u{feff}{example}").as_bytes());
    assert_eq!(run(&["check", &path]).0, 0);
}

#[test]
fn lines_read_in_either_byte_order_and_stop_at_the_limit() {
    let text = "10.0.0.1\r\n\r\n10.0.0.2\n";
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [utf16le(text, true), utf16le(text, false), be, text.as_bytes().to_vec()] {
        let lines: Result<Vec<String>, TextError> = Lines::new(&bytes[..], 1024).collect();
        assert_eq!(lines.unwrap(), ["10.0.0.1", "", "10.0.0.2"], "{bytes:?}");
    }
    // 30 bytes with a limit of 20: the lines before it, then the error.
    let long = "10.0.0.1\n10.0.0.2\n10.0.0.3\n10";
    let lines: Vec<Result<String, TextError>> = Lines::new(long.as_bytes(), 20).collect();
    assert_eq!(lines.last(), Some(&Err(TextError::TooLarge { mib: 0 })));
    assert_eq!(lines.iter().filter(|l| l.is_ok()).count(), 2);
    // A byte that is not UTF-8, named by its place in the file.
    let lines: Vec<Result<String, TextError>> = Lines::new(&b"10.0.0.1\n10.0\xff\n"[..], 100).collect();
    assert_eq!(lines[1], Err(TextError::NotUtf8 { byte: 13 }));
}

#[test]
fn a_document_of_the_wrong_shape_is_named_for_it() {
    let refused = |text: &str| Plan::from_json(text).unwrap_err().message;
    let deep = format!("{{\"schema\":1,\"segments\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let unclosed_deep = format!("{{\"schema\":1,\"segments\":{}", "[".repeat(100_000));
    for text in [&deep, &unclosed_deep] {
        let message = refused(text);
        assert!(message.contains("nesting too deep") && !message.contains("segments[0][0]"), "{message}");
    }
    // Cut short: after a segment's name, and inside a string.
    let message = refused("{\"schema\":1,\"segments\":[{\"name\":\"a\"");
    assert!(message.contains("ends early") && message.contains("3 arrays or objects not closed"), "{message}");
    let message = refused("{\"schema\":1,\"name\":\"lab");
    assert!(message.contains("ends early") && message.contains("string that starts at line 1 column 20"), "{message}");
    // An array where a segment belongs.
    let message = refused("{\"schema\":1,\"segments\":[[\"a\"]]}");
    assert!(message.contains("segments[0]") && message.contains("an array where an object belongs"), "{message}");
    // Through the CLI, named with the file.
    let path = file("deep.json", deep.as_bytes());
    let (code, _, stderr) = run(&["check", &path]);
    assert_eq!(code, 2);
    assert!(String::from_utf8(stderr).unwrap().contains("nesting too deep"));
}

#[test]
fn standard_input_streams_too() {
    let mut child = Command::new(BIN)
        .args(["import-used", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&utf16le("10.1.0.1\r\n10.1.0.2\r\nnope\r\n", true));
    });
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan = Plan::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(plan.reserved[0].addresses, "10.1.0.1-10.1.0.2");
    assert!(String::from_utf8(out.stderr).unwrap().contains("line 3: "));
}
