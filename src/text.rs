//! Text files as people save them: UTF-8, with or without a byte order mark, or UTF-16, which
//! Windows PowerShell's `>` and `Out-File` write by default. The CLI reads plans and used-address
//! files through here, so a UTF-16 file is read rather than refused as "not UTF-8", and a file
//! that is neither says how to save it.
//!
//! [`Lines`] reads a file line by line, so a large used-address file is never held whole.

use std::fmt;
use std::io::BufRead;

/// What a message about a file's encoding tells the user to do.
pub const SAVE_AS_UTF8: &str = "save it as UTF-8 (PowerShell: `Out-File -Encoding utf8`)";

/// How a file's text is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// The encoding the first bytes of a file show, and the length of its byte order mark. Without
/// a mark, UTF-16 is told by its zero bytes: text in Latin letters, digits and punctuation (every
/// plan and address file) has a zero in every pair of bytes, after the character (little endian,
/// what Windows writes) or before it; UTF-8 text has none.
///
/// ```
/// use aksarc_netplan::text::{sniff, Encoding};
/// assert_eq!(sniff(b"\xff\xfe1\x000\x00"), (Encoding::Utf16Le, 2));
/// assert_eq!(sniff(b"1\x000\x00.\x000\x00"), (Encoding::Utf16Le, 0));
/// assert_eq!(sniff(b"\xef\xbb\xbf10.0.0.1"), (Encoding::Utf8, 3));
/// assert_eq!(sniff(b"10.0.\x00 0.2\n"), (Encoding::Utf8, 0));
/// ```
pub fn sniff(first: &[u8]) -> (Encoding, usize) {
    if first.starts_with(&[0xef, 0xbb, 0xbf]) {
        return (Encoding::Utf8, 3);
    }
    if first.starts_with(&[0xff, 0xfe]) {
        return (Encoding::Utf16Le, 2);
    }
    if first.starts_with(&[0xfe, 0xff]) {
        return (Encoding::Utf16Be, 2);
    }
    let pairs: Vec<(u8, u8)> = first.chunks_exact(2).take(512).map(|p| (p[0], p[1])).collect();
    let zero_after = pairs.iter().filter(|p| p.0 != 0 && p.1 == 0).count();
    let zero_before = pairs.iter().filter(|p| p.0 == 0 && p.1 != 0).count();
    if !pairs.is_empty() && zero_after * 2 >= pairs.len() && zero_before == 0 {
        (Encoding::Utf16Le, 0)
    } else if !pairs.is_empty() && zero_before * 2 >= pairs.len() && zero_after == 0 {
        (Encoding::Utf16Be, 0)
    } else {
        (Encoding::Utf8, 0)
    }
}

/// Why a file's bytes are not text this program reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Neither UTF-8 nor UTF-16: where the first byte that does not read is.
    NotUtf8 { byte: u64 },
    /// UTF-16 with a half character or an unpaired surrogate, at this byte.
    BadUtf16 { byte: u64 },
    /// Larger than the reader takes (MiB).
    TooLarge { mib: u64 },
    /// The file could not be read.
    Io(String),
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::NotUtf8 { byte } => write!(f, "is not UTF-8 text (byte {byte}); {SAVE_AS_UTF8}"),
            TextError::BadUtf16 { byte } => write!(f, "is UTF-16 text that does not decode (byte {byte}); {SAVE_AS_UTF8}"),
            TextError::TooLarge { mib } => write!(f, "is over {mib} MiB"),
            TextError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

impl std::error::Error for TextError {}

/// A whole file's bytes as text, in whichever encoding [`sniff`] sees, the byte order mark left
/// out.
///
/// ```
/// use aksarc_netplan::text::decode;
/// assert_eq!(decode(b"\xff\xfe{\x00}\x00").unwrap(), "{}");
/// assert!(decode(b"caf\xe9").unwrap_err().to_string().contains("Out-File -Encoding utf8"));
/// ```
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    let (encoding, mark) = sniff(bytes);
    let body = &bytes[mark..];
    match encoding {
        Encoding::Utf8 => String::from_utf8(body.to_vec())
            .map_err(|e| TextError::NotUtf8 { byte: (mark + e.utf8_error().valid_up_to()) as u64 }),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            if body.len() % 2 == 1 {
                return Err(TextError::BadUtf16 { byte: (bytes.len() - 1) as u64 });
            }
            let units = body.chunks_exact(2).map(|p| match encoding {
                Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
                _ => u16::from_le_bytes([p[0], p[1]]),
            });
            let mut out = String::with_capacity(body.len() / 2);
            let mut at = mark;
            for ch in char::decode_utf16(units) {
                match ch {
                    Ok(ch) => {
                        out.push(ch);
                        at += 2 * ch.len_utf16();
                    }
                    Err(_) => return Err(TextError::BadUtf16 { byte: at as u64 }),
                }
            }
            Ok(out)
        }
    }
}

/// A file's lines, read as they come: memory holds one line, not the file. Line ends are `\n`
/// or `\r\n`, as [`str::lines`] takes them; the encoding is sniffed from the first bytes.
pub struct Lines<R> {
    inner: R,
    encoding: Option<Encoding>,
    /// Bytes consumed so far, for the position of a byte that does not read and the limit.
    read: u64,
    max: u64,
    buf: Vec<u8>,
    failed: bool,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `inner`, refusing it once more than `max` bytes have come.
    pub fn new(inner: R, max: u64) -> Lines<R> {
        Lines { inner, encoding: None, read: 0, max, buf: Vec::new(), failed: false }
    }

    fn start(&mut self) -> Result<Encoding, TextError> {
        if let Some(e) = self.encoding {
            return Ok(e);
        }
        let first = self.inner.fill_buf().map_err(|e| TextError::Io(e.to_string()))?;
        let (encoding, mark) = sniff(first);
        self.inner.consume(mark);
        self.read = mark as u64;
        self.encoding = Some(encoding);
        Ok(encoding)
    }

    fn next_line(&mut self) -> Result<Option<String>, TextError> {
        let encoding = self.start()?;
        self.buf.clear();
        let line_start = self.read;
        let done = match encoding {
            Encoding::Utf8 => {
                // Read at most one byte past the limit, so a line longer than the limit does
                // not fill memory either.
                let room = (self.max + 1).saturating_sub(self.read);
                let n = std::io::Read::take(&mut self.inner, room).read_until(b'\n', &mut self.buf).map_err(|e| TextError::Io(e.to_string()))?;
                self.read += n as u64;
                n == 0
            }
            Encoding::Utf16Le | Encoding::Utf16Be => self.utf16_line(encoding)?,
        };
        if self.read > self.max {
            return Err(TextError::TooLarge { mib: self.max / (1024 * 1024) });
        }
        if done {
            return Ok(None);
        }
        match encoding {
            Encoding::Utf8 => {
                if self.buf.last() == Some(&b'\n') {
                    self.buf.pop();
                    if self.buf.last() == Some(&b'\r') {
                        self.buf.pop();
                    }
                }
                let bytes = std::mem::take(&mut self.buf);
                String::from_utf8(bytes).map(Some).map_err(|e| TextError::NotUtf8 { byte: line_start + e.utf8_error().valid_up_to() as u64 })
            }
            _ => {
                let units: Vec<u16> = self.buf.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
                let mut units = units.as_slice();
                if let [rest @ .., 0x0d] = units {
                    units = rest;
                }
                String::from_utf16(units).map(Some).map_err(|_| TextError::BadUtf16 { byte: line_start })
            }
        }
    }

    /// Reads one UTF-16 line into `buf` as little-endian units, without its `\n`; whether the
    /// file had ended before it.
    fn utf16_line(&mut self, encoding: Encoding) -> Result<bool, TextError> {
        let mut any = false;
        let mut pending: Option<u8> = None;
        loop {
            if self.read > self.max {
                return Ok(false);
            }
            let chunk = self.inner.fill_buf().map_err(|e| TextError::Io(e.to_string()))?;
            if chunk.is_empty() {
                if pending.is_some() {
                    return Err(TextError::BadUtf16 { byte: self.read - 1 });
                }
                return Ok(!any);
            }
            any = true;
            let mut used = 0;
            let mut end = false;
            for &b in chunk {
                used += 1;
                let Some(first) = pending.take() else {
                    pending = Some(b);
                    continue;
                };
                let u = if encoding == Encoding::Utf16Be { u16::from_be_bytes([first, b]) } else { u16::from_le_bytes([first, b]) };
                if u == 0x0a {
                    end = true;
                    break;
                }
                self.buf.extend_from_slice(&u.to_le_bytes());
            }
            self.inner.consume(used);
            self.read += used as u64;
            if end {
                return Ok(false);
            }
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<String, TextError>;

    /// The next line; after an error, nothing more.
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.next_line() {
            Ok(line) => line.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
