//! Bytes → text for batch files: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
//! "Unicode text" export), and GBK (GB18030, what Excel writes on a Chinese Windows; needs the
//! default `gbk` feature). Decoding is incremental: a chunk may end anywhere, even inside a
//! character.
//!
//! Without a byte-order mark the encoding is decided at the first non-ASCII byte, from the next
//! [`SNIFF_WINDOW`] bytes: valid UTF-8 there means UTF-8, anything else GBK. ASCII reads the same
//! in both, so nothing is decided (or delayed) while the text is plain ASCII.

use crate::t;
use crate::text::Text;
use serde::Serialize;

/// How many bytes from the first non-ASCII byte decide between UTF-8 and GBK.
pub const SNIFF_WINDOW: usize = 4096;

/// The encoding a batch file was read in (文件编码).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark (plain ASCII counts as this).
    Utf8,
    /// UTF-8 starting with the byte-order mark EF BB BF (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian with its byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian with its byte-order mark.
    Utf16Be,
    /// GBK / GB18030 (Excel's "CSV" on a Chinese-language Windows).
    Gbk,
    /// Already-decoded text handed in by the caller (e.g. a browser's `TextDecoder`).
    Text,
}

impl Encoding {
    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gbk => "GBK",
            Encoding::Text => "text",
        }
    }
}

/// What the first bytes of a file say, for a shell that decodes by itself (the browser calls
/// this on the first slice, then decodes GBK with `TextDecoder("gbk")` and feeds text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sniff {
    /// Starts with a UTF-8 byte-order mark.
    Utf8Bom,
    /// Starts with a UTF-16 byte-order mark (little-endian).
    Utf16Le,
    /// Starts with a UTF-16 byte-order mark (big-endian).
    Utf16Be,
    /// Holds non-ASCII bytes that read as UTF-8.
    Utf8,
    /// Holds bytes that are not UTF-8: read it as GBK.
    Gbk,
    /// Only ASCII so far: either reading works until a non-ASCII byte appears.
    Ascii,
}

/// Sniffs the start of a file. `bytes` should be the first few kilobytes; `complete` says they
/// are the whole file (so a character cut at the end is an error, not a cut).
///
/// ```
/// use shuzhuan_policy::batch::{sniff, Sniff};
/// assert_eq!(sniff("企业名称".as_bytes(), true), Sniff::Utf8);
/// assert_eq!(sniff(&[0xC6, 0xF3, 0xD2, 0xB5], true), Sniff::Gbk); // 企业 in GBK
/// assert_eq!(sniff(b"name,uscc", true), Sniff::Ascii);
/// assert_eq!(sniff(&[0xEF, 0xBB, 0xBF, b'a'], true), Sniff::Utf8Bom);
/// ```
pub fn sniff(bytes: &[u8], complete: bool) -> Sniff {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => return Sniff::Utf8Bom,
        [0xFF, 0xFE, ..] => return Sniff::Utf16Le,
        [0xFE, 0xFF, ..] => return Sniff::Utf16Be,
        _ => {}
    }
    let Some(first) = bytes.iter().position(|b| *b >= 0x80) else { return Sniff::Ascii };
    let end = bytes.len().min(first + SNIFF_WINDOW);
    if window_is_utf8(&bytes[first..end], complete && end == bytes.len()) {
        Sniff::Utf8
    } else {
        Sniff::Gbk
    }
}

/// Whether `w` is UTF-8, allowing a character cut at its end unless `at_eof`.
fn window_is_utf8(w: &[u8], at_eof: bool) -> bool {
    match std::str::from_utf8(w) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && !at_eof && e.valid_up_to() > 0,
    }
}

enum State {
    /// Waiting for enough bytes to see a byte-order mark.
    Start,
    /// No BOM; plain ASCII so far.
    Undecided,
    Utf8,
    Utf16 {
        little: bool,
    },
    #[cfg(feature = "gbk")]
    Gbk(Box<encoding_rs::Decoder>),
    /// The caller decodes and hands in text.
    Text,
}

/// An incremental decoder. Bytes go in with [`Decoder::push`]; text comes out appended to a
/// `String`. Malformed sequences become U+FFFD and are counted.
pub(crate) struct Decoder {
    state: State,
    encoding: Option<Encoding>,
    /// Bytes not yet decoded (a cut character, or bytes awaiting the encoding decision).
    pending: Vec<u8>,
    /// How many malformed sequences were replaced by U+FFFD.
    pub replacements: u64,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder { state: State::Start, encoding: None, pending: Vec::new(), replacements: 0 }
    }

    /// The encoding decided so far (`None` while the bytes are plain ASCII or none came yet).
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// The caller decodes: text will come through [`Decoder::push_text`].
    pub fn set_text(&mut self) -> Result<(), Text> {
        match self.state {
            State::Start | State::Text if self.pending.is_empty() => {
                self.state = State::Text;
                self.encoding = Some(Encoding::Text);
                Ok(())
            }
            _ => Err(mixed()),
        }
    }

    /// Appends already-decoded text (a leading U+FEFF is dropped).
    pub fn push_text(&mut self, text: &str, out: &mut String) -> Result<(), Text> {
        let first = matches!(self.state, State::Start);
        self.set_text()?;
        out.push_str(if first { text.strip_prefix('\u{FEFF}').unwrap_or(text) } else { text });
        Ok(())
    }

    /// Decodes `bytes` (the next slice of the file) into `out`. `last` says no more bytes follow.
    pub fn push(&mut self, bytes: &[u8], last: bool, out: &mut String) -> Result<(), Text> {
        if matches!(self.state, State::Text) {
            return Err(mixed());
        }
        self.pending.extend_from_slice(bytes);
        loop {
            match &mut self.state {
                State::Start => {
                    if self.pending.len() < 3
                        && !last
                        && [&[0xEFu8, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]].iter().any(|bom| bom.starts_with(&self.pending))
                    {
                        return Ok(());
                    }
                    match sniff(&self.pending[..self.pending.len().min(3)], false) {
                        Sniff::Utf8Bom => {
                            self.pending.drain(..3);
                            self.state = State::Utf8;
                            self.encoding = Some(Encoding::Utf8Bom);
                        }
                        Sniff::Utf16Le | Sniff::Utf16Be => {
                            let little = self.pending[0] == 0xFF;
                            self.pending.drain(..2);
                            self.state = State::Utf16 { little };
                            self.encoding = Some(if little { Encoding::Utf16Le } else { Encoding::Utf16Be });
                        }
                        _ => self.state = State::Undecided,
                    }
                }
                State::Undecided => {
                    let ascii = self.pending.iter().position(|b| *b >= 0x80).unwrap_or(self.pending.len());
                    // ASCII is the same text in UTF-8 and GBK.
                    out.push_str(std::str::from_utf8(&self.pending[..ascii]).unwrap_or_default());
                    self.pending.drain(..ascii);
                    if self.pending.is_empty() {
                        if last {
                            self.encoding = Some(Encoding::Utf8);
                            self.state = State::Utf8;
                        }
                        return Ok(());
                    }
                    if self.pending.len() < SNIFF_WINDOW && !last {
                        return Ok(());
                    }
                    let end = self.pending.len().min(SNIFF_WINDOW);
                    if window_is_utf8(&self.pending[..end], last && end == self.pending.len()) {
                        self.state = State::Utf8;
                        self.encoding = Some(Encoding::Utf8);
                    } else {
                        self.encoding = Some(Encoding::Gbk);
                        self.state = gbk_state()?;
                    }
                }
                State::Utf8 => {
                    self.decode_utf8(last, out);
                    return Ok(());
                }
                State::Utf16 { little } => {
                    let little = *little;
                    self.decode_utf16(little, last, out);
                    return Ok(());
                }
                #[cfg(feature = "gbk")]
                State::Gbk(decoder) => {
                    let start = out.len();
                    out.reserve(decoder.max_utf8_buffer_length(self.pending.len()).unwrap_or(self.pending.len() * 3 + 16));
                    let (_, read, replaced) = decoder.decode_to_string(&self.pending, out, last);
                    self.pending.drain(..read);
                    if replaced {
                        self.replacements += out[start..].chars().filter(|c| *c == '\u{FFFD}').count() as u64;
                    }
                    return Ok(());
                }
                State::Text => return Err(mixed()),
            }
        }
    }

    fn decode_utf8(&mut self, last: bool, out: &mut String) {
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    out.push_str(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            out.push('\u{FFFD}');
                            self.replacements += 1;
                            rest = &bad[n..];
                        }
                        None if last => {
                            out.push('\u{FFFD}');
                            self.replacements += 1;
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = bad;
                            break;
                        }
                    }
                }
            }
        }
        let keep = rest.len();
        let len = self.pending.len();
        self.pending.drain(..len - keep);
    }

    fn decode_utf16(&mut self, little: bool, last: bool, out: &mut String) {
        let whole = self.pending.len() / 2 * 2;
        let units = self.pending[..whole].chunks_exact(2).map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let mut held: Option<u16> = None;
        let mut units: Vec<u16> = units.collect();
        // Keep a high surrogate cut at the end of the slice for the next one.
        if !last && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            held = units.pop();
        }
        for r in char::decode_utf16(units.iter().copied()) {
            match r {
                Ok(c) => out.push(c),
                Err(_) => {
                    out.push('\u{FFFD}');
                    self.replacements += 1;
                }
            }
        }
        let mut rest: Vec<u8> = Vec::new();
        if let Some(h) = held {
            rest.extend_from_slice(&if little { h.to_le_bytes() } else { h.to_be_bytes() });
        }
        rest.extend_from_slice(&self.pending[whole..]);
        if last && !rest.is_empty() {
            out.push('\u{FFFD}');
            self.replacements += 1;
            rest.clear();
        }
        self.pending = rest;
    }
}

fn mixed() -> Text {
    t!("同一文件不能既按字节又按文本读入", "a file must be fed either as bytes or as decoded text, not both")
}

#[cfg(feature = "gbk")]
fn gbk_state() -> Result<State, Text> {
    Ok(State::Gbk(Box::new(encoding_rs::GB18030.new_decoder_without_bom_handling())))
}

#[cfg(not(feature = "gbk"))]
fn gbk_state() -> Result<State, Text> {
    Err(t!(
        "文件不是 UTF-8 编码（可能是 GBK）：本版本不含 GBK 解码，请先解码为文本再读入，或在 Excel 中另存为“CSV UTF-8”",
        "the file is not UTF-8 (probably GBK): this build has no GBK decoder; decode it to text first, or save it from Excel as \"CSV UTF-8\""
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(bytes: &[u8], piece: usize) -> (String, Option<Encoding>, u64) {
        let mut d = Decoder::new();
        let mut out = String::new();
        for c in bytes.chunks(piece.max(1)) {
            d.push(c, false, &mut out).unwrap();
        }
        d.push(&[], true, &mut out).unwrap();
        (out, d.encoding(), d.replacements)
    }

    #[test]
    fn utf8_with_and_without_bom_in_any_pieces() {
        let text = "企业名称,行业代码\r\n福州某针织有限公司,1761\r\n";
        for piece in [1, 2, 3, 5, 7, 1000] {
            assert_eq!(decode_in_pieces(text.as_bytes(), piece), (text.to_string(), Some(Encoding::Utf8), 0));
            let mut bom = vec![0xEF, 0xBB, 0xBF];
            bom.extend_from_slice(text.as_bytes());
            assert_eq!(decode_in_pieces(&bom, piece), (text.to_string(), Some(Encoding::Utf8Bom), 0));
        }
    }

    #[test]
    fn utf16_with_bom() {
        let text = "名称\t代码\r\n𠀀企业\t1761\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        for piece in [1, 3, 1000] {
            assert_eq!(decode_in_pieces(&le, piece), (text.to_string(), Some(Encoding::Utf16Le), 0));
            assert_eq!(decode_in_pieces(&be, piece), (text.to_string(), Some(Encoding::Utf16Be), 0));
        }
    }

    #[test]
    fn ascii_stays_undecided_until_the_end() {
        assert_eq!(decode_in_pieces(b"name,uscc\n", 4), ("name,uscc\n".to_string(), Some(Encoding::Utf8), 0));
    }

    #[test]
    fn invalid_utf8_after_a_bom_is_replaced_and_counted() {
        let (out, enc, n) = decode_in_pieces(&[0xEF, 0xBB, 0xBF, b'a', 0xFF, b'b'], 2);
        assert_eq!((out.as_str(), enc, n), ("a\u{FFFD}b", Some(Encoding::Utf8Bom), 1));
    }

    #[cfg(feature = "gbk")]
    #[test]
    fn gbk_is_detected_after_an_ascii_start() {
        // "name,名称\n" with 名称 in GBK (C3 FB B3 C6).
        let bytes = [b'n', b'a', b'm', b'e', b',', 0xC3, 0xFB, 0xB3, 0xC6, b'\n'];
        for piece in [1, 2, 100] {
            assert_eq!(decode_in_pieces(&bytes, piece), ("name,名称\n".to_string(), Some(Encoding::Gbk), 0));
        }
    }

    #[cfg(not(feature = "gbk"))]
    #[test]
    fn without_the_gbk_feature_gbk_is_refused_with_what_to_do() {
        let mut d = Decoder::new();
        let e = d.push(&[0xC6, 0xF3, 0xD2, 0xB5, b'\n'], true, &mut String::new()).unwrap_err();
        assert!(e.zh.contains("GBK") && e.en.contains("decode it to text first"), "{e:?}");
    }

    #[test]
    fn text_and_bytes_do_not_mix() {
        let mut d = Decoder::new();
        let mut out = String::new();
        d.push_text("\u{FEFF}a,b\n", &mut out).unwrap();
        assert_eq!(out, "a,b\n");
        assert!(d.push(b"x", false, &mut out).is_err());
    }
}
