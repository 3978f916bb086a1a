//! A strict RFC 4180 reader for the CSV exports, shared by the tests that read them back.
#![allow(dead_code)]

/// A strict RFC 4180 reader: CRLF line ends, quotes only around whole fields, doubled inside.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty() && !was_quoted, "quote inside an unquoted field: {field:?}");
                quoted = true;
                was_quoted = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
            }
            '\n' => panic!("bare LF outside quotes"),
            c => {
                assert!(!was_quoted, "text after a closing quote");
                field.push(c);
            }
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && record.is_empty(), "the last record must end with CRLF");
    records
}

/// Records as maps from the header's names.
pub fn csv_table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut records = parse_csv(text);
    assert!(!records.is_empty(), "no header");
    let header = records.remove(0);
    for r in &records {
        assert_eq!(r.len(), header.len(), "record {r:?} has a different number of fields than the header");
    }
    (header, records)
}

pub fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}
