//! An incremental CSV reader: text goes in as it is decoded, whole records come out. Comma or tab
//! separated (decided from the header line), fields quoted with `"` may hold the separator,
//! doubled quotes and line breaks; lines end in LF, CRLF or CR. Each record carries the physical
//! line it starts on, so a problem can be pointed at in a text editor as well as in Excel.

/// The field separator (分隔符).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        }
    }
}

/// A record as read.
pub(crate) struct Record {
    /// 1-based physical line the record starts on.
    pub line: u64,
    /// The fields, unquoted.
    pub fields: Vec<String>,
    /// A quoted field still open at the end of the file: where it opened and how many lines the
    /// record took in after that one.
    pub unclosed: Option<Unclosed>,
}

/// A quote never closed: every line after the one it opened on was read into its record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unclosed {
    /// 1-based physical line the quote opened on.
    pub line: u64,
    /// Physical lines after it, to the end of the file, read into the record.
    pub absorbed_lines: u64,
}

pub(crate) struct CsvReader {
    buf: String,
    pos: usize,
    line: u64,
    finished: bool,
    pub delimiter: Option<Delimiter>,
}

/// Compact the buffer once this much has been consumed.
const COMPACT_AT: usize = 1 << 16;

impl CsvReader {
    pub fn new() -> CsvReader {
        CsvReader { buf: String::new(), pos: 0, line: 1, finished: false, delimiter: None }
    }

    /// The text buffer to append decoded text to.
    pub fn buffer(&mut self) -> &mut String {
        if self.pos >= COMPACT_AT && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        &mut self.buf
    }

    /// No more text will come: a last line without a line break is a record.
    pub fn finish(&mut self) {
        self.finished = true;
    }

    /// Bytes of text waiting to be read.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Decides the separator from the first line: tab when it holds more tabs than commas.
    fn detect(&mut self) -> bool {
        let rest = &self.buf[self.pos..];
        let line = match rest.find(['\n', '\r']) {
            Some(i) => &rest[..i],
            None if self.finished => rest,
            None => return false,
        };
        let (tabs, commas) = line.bytes().fold((0, 0), |(t, c), b| (t + usize::from(b == b'\t'), c + usize::from(b == b',')));
        self.delimiter = Some(if tabs > commas { Delimiter::Tab } else { Delimiter::Comma });
        true
    }

    /// The next whole record, or `None` until more text (or the end) comes.
    pub fn next_record(&mut self) -> Option<Record> {
        if self.delimiter.is_none() && !self.detect() {
            return None;
        }
        let delim = self.delimiter.map(Delimiter::byte).unwrap_or(b',');
        let bytes = self.buf.as_bytes();
        let start = self.pos;
        if start >= bytes.len() {
            return None;
        }
        let mut i = start;
        let mut fields: Vec<String> = Vec::new();
        let mut newlines = 0u64;
        let mut unclosed = None;
        loop {
            // One field from i.
            let mut field = String::new();
            if bytes.get(i) == Some(&b'"') {
                i += 1;
                let opened = self.line + newlines;
                loop {
                    match bytes[i..].iter().position(|b| *b == b'"') {
                        Some(q) => {
                            let piece = &self.buf[i..i + q];
                            newlines += count_breaks(piece);
                            field.push_str(piece);
                            i += q + 1;
                            if bytes.get(i) == Some(&b'"') {
                                field.push('"');
                                i += 1;
                                continue;
                            }
                            if i >= bytes.len() && !self.finished {
                                // A doubled quote may be cut by the chunk boundary.
                                return None;
                            }
                            break;
                        }
                        None if self.finished => {
                            let piece = &self.buf[i..];
                            newlines += count_breaks(piece);
                            field.push_str(piece);
                            i = bytes.len();
                            // The file's last line break ends the last line; it adds none.
                            let last = u64::from(piece.ends_with(['\n', '\r']));
                            let absorbed_lines = (self.line + newlines).saturating_sub(opened + last);
                            unclosed = Some(Unclosed { line: opened, absorbed_lines });
                            break;
                        }
                        None => return None,
                    }
                }
                // Text after the closing quote (malformed, but Excel keeps it): up to the separator.
                let tail = bytes[i..].iter().position(|b| *b == delim || *b == b'\n' || *b == b'\r').unwrap_or(bytes.len() - i);
                field.push_str(&self.buf[i..i + tail]);
                i += tail;
            } else {
                let end = bytes[i..].iter().position(|b| *b == delim || *b == b'\n' || *b == b'\r').map(|p| i + p);
                match end {
                    Some(e) => {
                        field.push_str(&self.buf[i..e]);
                        i = e;
                    }
                    None if self.finished => {
                        field.push_str(&self.buf[i..]);
                        i = bytes.len();
                    }
                    None => return None,
                }
            }
            fields.push(field);
            match bytes.get(i) {
                Some(b) if *b == delim => {
                    i += 1;
                    if i >= bytes.len() && !self.finished {
                        return None;
                    }
                    if i >= bytes.len() {
                        fields.push(String::new());
                        break;
                    }
                }
                Some(b'\n') => {
                    i += 1;
                    break;
                }
                Some(b'\r') => {
                    if i + 1 >= bytes.len() && !self.finished {
                        return None; // CR LF may be cut between chunks
                    }
                    i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    break;
                }
                _ => break, // end of the text, finished
            }
        }
        let line = self.line;
        self.line += 1 + newlines;
        self.pos = i;
        Some(Record { line, fields, unclosed })
    }
}

impl Unclosed {
    /// `第 12 行的引号未闭合，其后 3,000 行被并入该行` and its English, with what to do.
    pub fn message(&self) -> crate::Text {
        let line = self.line;
        let n = crate::money::grouped(rust_decimal::Decimal::from(self.absorbed_lines));
        match self.absorbed_lines {
            0 => crate::t!(
                "第 {line} 行的引号未闭合（英文双引号），读到了文件末尾；请检查引号",
                "the double quote opened on line {line} is never closed: the row runs to the end of the file; check the quotes"
            ),
            1 => crate::t!(
                "第 {line} 行的引号未闭合（英文双引号），其后 1 行被并入该行；请检查引号",
                "the double quote opened on line {line} is never closed: the 1 line after it was read into that row; check the quotes"
            ),
            _ => crate::t!(
                "第 {line} 行的引号未闭合（英文双引号），其后 {n} 行被并入该行；请检查引号",
                "the double quote opened on line {line} is never closed: the {n} lines after it were read into that row; check the quotes"
            ),
        }
    }
}

/// Line breaks inside a quoted field (CRLF counts once).
fn count_breaks(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut n = 0;
    for (k, c) in b.iter().enumerate() {
        if *c == b'\n' || (*c == b'\r' && b.get(k + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str, piece: usize) -> Vec<(u64, Vec<String>)> {
        let mut r = CsvReader::new();
        let mut out = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        for c in chars.chunks(piece.max(1)) {
            r.buffer().extend(c.iter());
            while let Some(rec) = r.next_record() {
                out.push((rec.line, rec.fields));
            }
        }
        r.finish();
        while let Some(rec) = r.next_record() {
            out.push((rec.line, rec.fields));
        }
        out
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn quotes_separators_and_line_breaks_in_any_pieces() {
        let text = "名称,备注\r\n\"甲,乙公司\",\"他说\"\"好\"\"\"\r\n\"多\r\n行\",x\n丙,\nlast,row";
        let want = vec![
            (1, v(&["名称", "备注"])),
            (2, v(&["甲,乙公司", "他说\"好\""])),
            (3, v(&["多\r\n行", "x"])),
            (5, v(&["丙", ""])),
            (6, v(&["last", "row"])),
        ];
        for piece in [1, 2, 3, 4, 7, 1000] {
            assert_eq!(read_all(text, piece), want, "piece {piece}");
        }
    }

    #[test]
    fn tab_separated_is_detected_from_the_header() {
        let got = read_all("企业名称\t行业代码\n某, 公司\t1761\n", 3);
        assert_eq!(got, vec![(1, v(&["企业名称", "行业代码"])), (2, v(&["某, 公司", "1761"]))]);
    }

    #[test]
    fn unterminated_quote_takes_the_rest() {
        let mut r = CsvReader::new();
        r.buffer().push_str("a\n\"open,b\nc");
        r.finish();
        let first = r.next_record().unwrap();
        assert_eq!((first.fields, first.unclosed), (v(&["a"]), None));
        let rec = r.next_record().unwrap();
        assert_eq!(rec.unclosed, Some(Unclosed { line: 2, absorbed_lines: 1 }));
        assert_eq!(rec.fields, v(&["open,b\nc"]));
        assert!(r.next_record().is_none());
    }

    /// The lines taken in after the quote's line, whatever the line ends and wherever the quote
    /// opens: (file, line the quote opened on, lines absorbed).
    #[test]
    fn unclosed_quote_counts_the_lines_it_absorbed() {
        let cases: &[(&str, u64, u64)] = &[
            ("h\n\"x", 2, 0),
            ("h\n\"x\n", 2, 0),
            ("h\n\"x\ny\nz\n", 2, 2),
            ("h\r\n\"x\r\ny\r\nz", 2, 2),
            ("h\r\"x\ry\r", 2, 1),
            ("h\n\n\"x\n\ny\n", 3, 2),
            // A quoted line break before the open quote belongs to the row, not to what it absorbed.
            ("h\n\"a\nb\",\"x\ny\nz\n", 3, 2),
            // Doubled quotes inside the open value do not close it.
            ("h\n1,\"x\"\"y\nz\n", 2, 1),
        ];
        for (text, line, absorbed) in cases {
            let mut r = CsvReader::new();
            r.buffer().push_str(text);
            r.finish();
            let last = std::iter::from_fn(|| r.next_record()).last().unwrap();
            assert_eq!(last.unclosed, Some(Unclosed { line: *line, absorbed_lines: *absorbed }), "{text:?}");
        }
    }

    #[test]
    fn blank_lines_are_records_of_one_empty_field() {
        assert_eq!(read_all("a\n\nb\n", 1), vec![(1, v(&["a"])), (2, v(&[""])), (3, v(&["b"]))]);
    }
}
