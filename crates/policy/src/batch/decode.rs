//! Bytes → text for batch files: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
//! "Unicode text" export), and GBK (GB18030, what Excel writes on a Chinese Windows; needs the
//! default `gbk` feature). Decoding is incremental: a chunk may end anywhere, even inside a
//! character.
//!
//! How the encoding is decided ([`Decided`]), and when the decision is called weak:
//!
//! - **Byte-order mark**: EF BB BF, FF FE or FE FF at the start decide it. Never weak.
//! - **Forced** by the caller ([`Screener::set_encoding`](super::Screener::set_encoding), the
//!   CLI's `--encoding`): no sniffing at all; a leading byte-order mark of that encoding is still
//!   dropped. Never weak.
//! - **Guessed** otherwise, at the first non-ASCII byte, from the next [`SNIFF_WINDOW`] bytes
//!   (ASCII reads the same in both, so nothing is decided, or delayed, while the text is ASCII):
//!   1. The window is UTF-8 (a character cut at its end allowed): **UTF-8**. Weak when the same
//!      bytes are also plausible GBK: well-formed, and every two-byte character in the GB2312
//!      block (lead and trail A1–FE, where common hanzi and punctuation are). A short GBK list of
//!      names such as 伟业印刷 is valid UTF-8 (ΰҵӡˢ), and only this test sees it.
//!   2. The window is not UTF-8 but mostly is: at least [`MOSTLY_UTF8`] valid non-ASCII UTF-8
//!      characters per malformed sequence: **UTF-8**, always weak. The malformed bytes become
//!      U+FFFD, counted in the summary, and every row holding one carries a warning (with its
//!      line). Chosen over refusing the file because a list saved as UTF-8 with one pasted
//!      Latin-1 name (Café) is still a UTF-8 list: reading it as GBK garbled every name and then
//!      refused the header; refusing it would stop the whole list for one byte. The reviewer sees
//!      the one row that lost a character. GBK text cannot pass this test: in GBK only about one
//!      character in seven happens to form a UTF-8 sequence.
//!   3. Anything else: **GBK**. Weak when the window holds fewer than [`WEAK_BELOW`] non-ASCII
//!      bytes, or is not well-formed GBK either.
//!
//! The rules look only at the window's bytes, so the same file always gives the same decision
//! whatever the chunk sizes. A weak guess is said in the summary and in header errors, with a
//! suggestion to choose the encoding.

use crate::t;
use crate::text::Text;
use serde::Serialize;

/// How many bytes from the first non-ASCII byte decide between UTF-8 and GBK.
pub const SNIFF_WINDOW: usize = 4096;

/// A guess of GBK on fewer non-ASCII bytes than this (eight hanzi) is weak.
pub const WEAK_BELOW: usize = 16;

/// Valid non-ASCII UTF-8 characters per malformed sequence for a window to count as UTF-8 with
/// stray bytes.
pub const MOSTLY_UTF8: usize = 8;

/// How the encoding of a file was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    /// By the byte-order mark at the start.
    Bom,
    /// Chosen by the caller (`--encoding`, the page's choice): not sniffed.
    Forced,
    /// Guessed from the bytes (see the module's rules).
    Guessed,
}

/// The encoding of a file, how it was decided and whether the guess is weak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Detection {
    pub encoding: Encoding,
    pub decided: Decided,
    /// A guess that may well be wrong: the user should check the names and choose the encoding.
    pub weak: bool,
}

impl Detection {
    /// `文件编码：GBK（推测）` / `encoding: GBK (guessed)`.
    pub fn text(&self) -> Text {
        let name = self.encoding.name();
        let (zh, en) = match (self.decided, self.weak) {
            (Decided::Bom, _) => ("据字节顺序标记", "from the byte-order mark"),
            (Decided::Forced, _) => ("按指定", "as chosen"),
            (Decided::Guessed, false) => ("推测", "guessed"),
            (Decided::Guessed, true) => ("推测，把握不大", "guessed, uncertain"),
        };
        t!("文件编码：{name}（{zh}）", "encoding: {name} ({en})")
    }

    /// For a weak guess, what to do about it.
    pub fn warning(&self) -> Option<Text> {
        self.weak.then(|| {
            let name = self.encoding.name();
            t!(
                "文件编码是推测的（{name}），把握不大：若企业名称显示为乱码，请指定编码（命令行 --encoding utf-8 或 --encoding gbk；网页上选“文件编码”）",
                "the encoding was guessed ({name}) and may be wrong: if names look garbled, choose the encoding (--encoding utf-8 or --encoding gbk on the command line; \"Encoding\" on the page)"
            )
        })
    }
}

/// The note for a header error: the encoding read, or that it is not decided yet (the text so
/// far is ASCII, which reads the same in every encoding).
pub(crate) fn header_note(d: Option<Detection>) -> Text {
    match d {
        Some(d) => match d.warning() {
            Some(w) => d.text().join(&w),
            None => d.text(),
        },
        None => t!("文件编码：尚未确定（至此全为 ASCII 字符）", "encoding: not decided yet (ASCII so far)"),
    }
}

/// The guess for a window starting at the first non-ASCII byte: UTF-8 or GBK, and weak or not.
/// `at_eof`: the window is the end of the file (a character cut at its end is malformed).
fn guess(w: &[u8], at_eof: bool) -> (Encoding, bool) {
    let (chars, bad) = utf8_counts(w, at_eof);
    if bad == 0 && chars > 0 {
        (Encoding::Utf8, gbk_shape(w, at_eof) == GbkShape::Plausible)
    } else if bad > 0 && chars >= MOSTLY_UTF8 * bad {
        (Encoding::Utf8, true)
    } else {
        let non_ascii = w.iter().filter(|b| **b >= 0x80).count();
        (Encoding::Gbk, non_ascii < WEAK_BELOW || gbk_shape(w, at_eof) == GbkShape::Malformed)
    }
}

/// Valid non-ASCII UTF-8 characters and malformed sequences in `w` (a character cut at the end
/// is neither, unless `at_eof`).
fn utf8_counts(mut w: &[u8], at_eof: bool) -> (usize, usize) {
    let non_ascii = |b: &[u8]| std::str::from_utf8(b).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
    let (mut chars, mut bad) = (0, 0);
    loop {
        match std::str::from_utf8(w) {
            Ok(_) => return (chars + non_ascii(w), bad),
            Err(e) => {
                let (good, rest) = w.split_at(e.valid_up_to());
                chars += non_ascii(good);
                match e.error_len() {
                    Some(n) => {
                        bad += 1;
                        w = &rest[n..];
                    }
                    None => return (chars, bad + usize::from(at_eof)),
                }
            }
        }
    }
}

#[derive(PartialEq)]
enum GbkShape {
    /// Not GB18030.
    Malformed,
    /// GB18030, but with characters outside the GB2312 block.
    WellFormed,
    /// GB18030 with every two-byte character in the GB2312 block (A1–FE, A1–FE).
    Plausible,
}

/// How `w` reads as GB18030 (a character cut at the end is allowed unless `at_eof`).
fn gbk_shape(w: &[u8], at_eof: bool) -> GbkShape {
    let mut plausible = true;
    let mut i = 0;
    while let Some(&b) = w.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        let at = |j: usize| w.get(i + j).copied();
        let len = match (b, at(1), at(2), at(3)) {
            (0x81..=0xFE, Some(0x30..=0x39), Some(0x81..=0xFE), Some(0x30..=0x39)) => 4,
            (0x81..=0xFE, Some(0x40..=0x7E | 0x80..=0xFE), _, _) => 2,
            // A character cut by the end of the window.
            (0x81..=0xFE, None | Some(0x30..=0x39), None | Some(0x81..=0xFE), None) if !at_eof => break,
            _ => return GbkShape::Malformed,
        };
        plausible &= len == 2 && b >= 0xA1 && w[i + 1] >= 0xA1;
        i += len;
    }
    if plausible {
        GbkShape::Plausible
    } else {
        GbkShape::WellFormed
    }
}

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
    /// Holds non-ASCII bytes that read as UTF-8 (or mostly do: the module's rule 2).
    Utf8,
    /// Holds bytes that are not UTF-8 (rule 3): read it as GBK.
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
    match sniff_guess(bytes, complete) {
        None => Sniff::Ascii,
        Some((Encoding::Gbk, _)) => Sniff::Gbk,
        Some(_) => Sniff::Utf8,
    }
}

/// The guess for a file without a byte-order mark from its first bytes (`complete`: they are the
/// whole file): `None` while they are ASCII, else the encoding and whether the guess is weak.
///
/// ```
/// use shuzhuan_policy::batch::{sniff_guess, Encoding};
/// assert_eq!(sniff_guess("企业名称".as_bytes(), true), Some((Encoding::Utf8, false)));
/// assert_eq!(sniff_guess(&[0xC6, 0xF3, 0xD2, 0xB5], true), Some((Encoding::Gbk, true))); // 企业, 4 bytes
/// ```
pub fn sniff_guess(bytes: &[u8], complete: bool) -> Option<(Encoding, bool)> {
    let first = bytes.iter().position(|b| *b >= 0x80)?;
    let end = bytes.len().min(first + SNIFF_WINDOW);
    Some(guess(&bytes[first..end], complete && end == bytes.len()))
}

/// What [`sniff`] says, as a [`Detection`] (`None` for ASCII): for a shell that decodes by
/// itself and tells the screener ([`Screener::note_text_encoding`](super::Screener::note_text_encoding)).
///
/// ```
/// use shuzhuan_policy::batch::{sniff_detection, Decided, Encoding};
/// let d = sniff_detection(&[0xEF, 0xBB, 0xBF, b'a'], true).unwrap();
/// assert_eq!((d.encoding, d.decided, d.weak), (Encoding::Utf8Bom, Decided::Bom, false));
/// assert_eq!(sniff_detection(b"name", true), None);
/// ```
pub fn sniff_detection(bytes: &[u8], complete: bool) -> Option<Detection> {
    let bom = |encoding| Some(Detection { encoding, decided: Decided::Bom, weak: false });
    match sniff(bytes, complete) {
        Sniff::Utf8Bom => bom(Encoding::Utf8Bom),
        Sniff::Utf16Le => bom(Encoding::Utf16Le),
        Sniff::Utf16Be => bom(Encoding::Utf16Be),
        Sniff::Ascii => None,
        Sniff::Utf8 | Sniff::Gbk => {
            sniff_guess(bytes, complete).map(|(encoding, weak)| Detection { encoding, decided: Decided::Guessed, weak })
        }
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
    /// How `encoding` was decided, and whether that was a weak guess.
    decided: Option<(Decided, bool)>,
    /// The encoding the caller chose, if any: no sniffing.
    forced: Option<Encoding>,
    /// Bytes not yet decoded (a cut character, or bytes awaiting the encoding decision).
    pending: Vec<u8>,
    /// How many malformed sequences were replaced by U+FFFD.
    pub replacements: u64,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder { state: State::Start, encoding: None, decided: None, forced: None, pending: Vec::new(), replacements: 0 }
    }

    /// The encoding decided so far (`None` while the bytes are plain ASCII or none came yet).
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// The encoding decided so far with how it was decided (`None` while undecided, and for text
    /// handed in by the caller).
    pub fn detection(&self) -> Option<Detection> {
        let (encoding, (decided, weak)) = (self.encoding?, self.decided?);
        Some(Detection { encoding, decided, weak })
    }

    /// Reads the bytes in `encoding` without sniffing (UTF-8 or GBK; a UTF-16 encoding works
    /// too). Only before the first byte.
    pub fn force(&mut self, encoding: Encoding) -> Result<(), Text> {
        if !matches!(self.state, State::Start) || !self.pending.is_empty() || encoding == Encoding::Text {
            return Err(t!("文件编码只能在读入之前指定", "the encoding can only be chosen before the file is read"));
        }
        self.forced = Some(encoding);
        Ok(())
    }

    fn decide(&mut self, encoding: Encoding, decided: Decided, weak: bool) -> Result<(), Text> {
        self.encoding = Some(encoding);
        self.decided = Some((decided, weak));
        self.state = match encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => State::Utf8,
            Encoding::Utf16Le | Encoding::Utf16Be => State::Utf16 { little: encoding == Encoding::Utf16Le },
            Encoding::Gbk => gbk_state()?,
            Encoding::Text => State::Text,
        };
        Ok(())
    }

    /// The caller decodes: text will come through [`Decoder::push_text`].
    pub fn set_text(&mut self) -> Result<(), Text> {
        match self.state {
            State::Start | State::Text if self.pending.is_empty() => {
                self.state = State::Text;
                self.encoding.get_or_insert(Encoding::Text);
                Ok(())
            }
            _ => Err(mixed()),
        }
    }

    /// Whether the caller decodes (text comes through [`Decoder::push_text`]).
    pub fn is_text(&self) -> bool {
        matches!(self.state, State::Text)
    }

    /// The caller decodes, and says in what encoding and how it decided (at any point of the text).
    pub fn describe_text(&mut self, d: Detection) -> Result<(), Text> {
        self.set_text()?;
        self.encoding = Some(d.encoding);
        self.decided = Some((d.decided, d.weak));
        Ok(())
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
                    let bom = match sniff(&self.pending[..self.pending.len().min(3)], false) {
                        Sniff::Utf8Bom => Some((Encoding::Utf8Bom, 3)),
                        Sniff::Utf16Le => Some((Encoding::Utf16Le, 2)),
                        Sniff::Utf16Be => Some((Encoding::Utf16Be, 2)),
                        _ => None,
                    };
                    match (self.forced, bom) {
                        (None, None) => self.state = State::Undecided,
                        (None, Some((e, n))) => {
                            self.pending.drain(..n);
                            self.decide(e, Decided::Bom, false)?;
                        }
                        (Some(f), bom) => {
                            // The caller's encoding; its own byte-order mark is still dropped.
                            let same = |e: Encoding| matches!((e, f), (Encoding::Utf8Bom, Encoding::Utf8 | Encoding::Utf8Bom)) || e == f;
                            if let Some((_, n)) = bom.filter(|(e, _)| same(*e)) {
                                self.pending.drain(..n);
                            }
                            let f = if f == Encoding::Utf8Bom { Encoding::Utf8 } else { f };
                            self.decide(f, Decided::Forced, false)?;
                        }
                    }
                }
                State::Undecided => {
                    let ascii = self.pending.iter().position(|b| *b >= 0x80).unwrap_or(self.pending.len());
                    // ASCII is the same text in UTF-8 and GBK.
                    out.push_str(std::str::from_utf8(&self.pending[..ascii]).unwrap_or_default());
                    self.pending.drain(..ascii);
                    if self.pending.is_empty() {
                        if last {
                            self.decide(Encoding::Utf8, Decided::Guessed, false)?;
                        }
                        return Ok(());
                    }
                    if self.pending.len() < SNIFF_WINDOW && !last {
                        return Ok(());
                    }
                    let end = self.pending.len().min(SNIFF_WINDOW);
                    let (encoding, weak) = guess(&self.pending[..end], last && end == self.pending.len());
                    self.decide(encoding, Decided::Guessed, weak)?;
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

    fn detect(bytes: &[u8], piece: usize, forced: Option<Encoding>) -> (String, Option<Detection>, u64) {
        let mut d = Decoder::new();
        if let Some(f) = forced {
            d.force(f).unwrap();
        }
        let mut out = String::new();
        for c in bytes.chunks(piece.max(1)) {
            d.push(c, false, &mut out).unwrap();
        }
        d.push(&[], true, &mut out).unwrap();
        (out, d.detection(), d.replacements)
    }

    fn det(encoding: Encoding, decided: Decided, weak: bool) -> Option<Detection> {
        Some(Detection { encoding, decided, weak })
    }

    /// 伟业印刷 in GBK: CE B0 D2 B5 D3 A1 CB A2, which is also valid UTF-8 (ΰҵӡˢ).
    const GBK_AS_UTF8: &[u8] = &[0xCE, 0xB0, 0xD2, 0xB5, 0xD3, 0xA1, 0xCB, 0xA2];

    #[test]
    fn a_utf8_list_with_one_latin1_byte_stays_utf8_with_a_replacement_and_a_weak_guess() {
        let mut bytes = "企业名称,行业代码\n福州某针织有限公司,1761\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Caf\xE9 Ltd,1761\n");
        for piece in [1, 7, 4096] {
            let (out, d, n) = detect(&bytes, piece, None);
            assert_eq!(d, det(Encoding::Utf8, Decided::Guessed, true), "{piece}");
            assert_eq!(n, 1);
            assert!(out.ends_with("Caf\u{FFFD} Ltd,1761\n") && out.starts_with("企业名称"), "{out}");
        }
    }

    #[test]
    fn a_short_gbk_list_that_is_also_utf8_is_a_weak_guess_and_reads_right_when_forced() {
        let mut bytes = b"name,industry\n".to_vec();
        bytes.extend_from_slice(GBK_AS_UTF8);
        bytes.extend_from_slice(b",2311\n");
        assert!(std::str::from_utf8(&bytes).is_ok());
        let (out, d, _) = detect(&bytes, 3, None);
        assert_eq!((out.as_str(), d), ("name,industry\nΰҵӡˢ,2311\n", det(Encoding::Utf8, Decided::Guessed, true)));
        #[cfg(feature = "gbk")]
        assert_eq!(
            detect(&bytes, 3, Some(Encoding::Gbk)),
            ("name,industry\n伟业印刷,2311\n".into(), det(Encoding::Gbk, Decided::Forced, false), 0)
        );
    }

    #[test]
    fn forced_utf8_is_not_sniffed_and_drops_its_bom() {
        // 企业 in GBK, forced as UTF-8: replaced, not guessed as GBK.
        let (out, d, n) = detect(&[b'a', 0xC6, 0xF3, 0xD2, 0xB5, b'\n'], 2, Some(Encoding::Utf8));
        assert_eq!(d, det(Encoding::Utf8, Decided::Forced, false));
        assert!(n > 0 && out.starts_with('a') && out.contains('\u{FFFD}'), "{out}");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("名称\n".as_bytes());
        assert_eq!(detect(&bom, 1, Some(Encoding::Utf8)), ("名称\n".into(), det(Encoding::Utf8, Decided::Forced, false), 0));
        // Too late once bytes came.
        let mut d = Decoder::new();
        d.push(b"a", false, &mut String::new()).unwrap();
        assert!(d.force(Encoding::Gbk).is_err());
    }

    #[test]
    fn confident_guesses_and_boms_are_not_weak() {
        let text = "企业名称,行业代码,所在区县\n福州某针织有限公司,1761,长乐区\n";
        assert_eq!(detect(text.as_bytes(), 5, None).1, det(Encoding::Utf8, Decided::Guessed, false));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(GBK_AS_UTF8);
        assert_eq!(detect(&bom, 5, None).1, det(Encoding::Utf8Bom, Decided::Bom, false));
        assert_eq!(detect(b"name\n", 5, None).1, det(Encoding::Utf8, Decided::Guessed, false));
        // 企业名称,行业代码 福州某针织有限公司 in GBK: 17 hanzi, 34 bytes.
        let gbk = [
            0xC6, 0xF3, 0xD2, 0xB5, 0xC3, 0xFB, 0xB3, 0xC6, b',', 0xD0, 0xD0, 0xD2, 0xB5, 0xB4, 0xFA, 0xC2, 0xEB, b'\n', 0xB8, 0xA3, 0xD6,
            0xDD, 0xC4, 0xB3, 0xD5, 0xEB, 0xD6, 0xAF, 0xD3, 0xD0, 0xCF, 0xDE, 0xB9, 0xAB, 0xCB, 0xBE, b'\n',
        ];
        assert_eq!(sniff_guess(&gbk, true), Some((Encoding::Gbk, false)));
        assert_eq!(sniff_guess(&gbk[..4], true), Some((Encoding::Gbk, true)));
        assert_eq!(sniff_guess(GBK_AS_UTF8, true), Some((Encoding::Utf8, true)));
        assert_eq!(sniff(GBK_AS_UTF8, true), Sniff::Utf8);
    }

    #[test]
    fn the_detection_is_named_in_both_languages() {
        let d = Detection { encoding: Encoding::Gbk, decided: Decided::Guessed, weak: false };
        assert_eq!(d.text(), Text::new("文件编码：GBK（推测）", "encoding: GBK (guessed)"));
        assert!(d.warning().is_none());
        let w = Detection { weak: true, ..d }.warning().unwrap();
        assert!(w.zh.contains("--encoding") && w.en.contains("--encoding utf-8 or --encoding gbk"), "{w:?}");
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
