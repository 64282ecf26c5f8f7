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
    /// Longer than the cap: its fields are not kept.
    pub oversize: Option<Oversize>,
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
    /// Line the next record starts on.
    line: u64,
    finished: bool,
    pub delimiter: Option<Delimiter>,
    /// The separator's count so far on the first line, and where its scan stopped.
    detect: (usize, usize, usize),
    /// csv-core's state machine, built once the separator is known.
    parser: Option<csv_core::Reader>,
    /// csv-core writes each piece of a field here; it is copied into `out`.
    scratch: Vec<u8>,
    /// The record being read: its unquoted bytes and where each field ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    /// A record is being read (its first byte was consumed).
    in_record: bool,
    record_line: u64,
    /// Bytes of text the record has taken so far.
    record_bytes: usize,
    /// Line breaks consumed in the record (CR LF counts once), and before its last field.
    breaks: u64,
    field_start_breaks: u64,
    /// The last byte consumed was CR (a LF next ends the same line) / was a line break.
    prev_cr: bool,
    last_break: bool,
    /// The largest record kept, in bytes of text.
    cap: usize,
    /// Bytes of text read so far: each once, whatever the chunking.
    scanned: u64,
}

/// The largest record kept: 1 MiB of text. A row of the applicant list is well under 1 KB; a
/// longer one is a quote left open (or not a CSV file at all).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Compact the buffer once this much has been consumed.
const COMPACT_AT: usize = 1 << 16;

impl CsvReader {
    pub fn new() -> CsvReader {
        CsvReader {
            buf: String::new(),
            pos: 0,
            line: 1,
            finished: false,
            delimiter: None,
            detect: (0, 0, 0),
            parser: None,
            scratch: vec![0; 8 * 1024],
            out: Vec::new(),
            ends: Vec::new(),
            in_record: false,
            record_line: 1,
            record_bytes: 0,
            breaks: 0,
            field_start_breaks: 0,
            prev_cr: false,
            last_break: false,
            cap: MAX_RECORD_BYTES,
            scanned: 0,
        }
    }

    /// A reader of comma-separated text (no detection), for the embedded tables.
    pub fn comma() -> CsvReader {
        CsvReader { delimiter: Some(Delimiter::Comma), ..CsvReader::new() }
    }

    #[cfg(test)]
    fn with_cap(cap: usize) -> CsvReader {
        CsvReader { cap, ..CsvReader::new() }
    }

    /// The text buffer to append decoded text to.
    pub fn buffer(&mut self) -> &mut String {
        // (`pos` is on a character boundary whenever a call returns: every byte buffered is
        // read, or a record ends at an ASCII line break. The check keeps `drain` from panicking.)
        if self.pos >= COMPACT_AT && self.pos * 2 >= self.buf.len() && self.buf.is_char_boundary(self.pos) {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        &mut self.buf
    }

    /// No more text will come: a last line without a line break is a record.
    pub fn finish(&mut self) {
        self.finished = true;
    }

    /// Bytes of text waiting to be read (with those of a record begun but not yet whole).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.pos + if self.in_record { self.record_bytes } else { 0 }
    }

    /// Decides the separator from the first line: tab when it holds more tabs than commas. The
    /// scan goes on where the last push left it; a first line longer than the record cap decides
    /// on what it has seen.
    fn detect(&mut self) -> bool {
        let (mut tabs, mut commas, from) = self.detect;
        let rest = &self.buf.as_bytes()[from..];
        let end = rest.iter().position(|b| *b == b'\n' || *b == b'\r');
        for b in &rest[..end.unwrap_or(rest.len())] {
            tabs += usize::from(*b == b'\t');
            commas += usize::from(*b == b',');
        }
        self.detect = (tabs, commas, self.buf.len());
        if end.is_none() && !self.finished && self.buf.len() <= self.cap {
            return false;
        }
        self.delimiter = Some(if tabs > commas { Delimiter::Tab } else { Delimiter::Comma });
        true
    }

    /// Counts the line breaks in consumed text (CR LF once) into the record.
    fn consumed(&mut self, from: usize, to: usize) {
        for b in &self.buf.as_bytes()[from..to] {
            if *b == b'\r' || (*b == b'\n' && !self.prev_cr) {
                self.breaks += 1;
            }
            self.prev_cr = *b == b'\r';
            self.last_break = *b == b'\r' || *b == b'\n';
        }
        self.record_bytes += to - from;
        self.scanned += (to - from) as u64;
        self.pos = to;
    }

    /// The next whole record, or `None` until more text (or the end) comes.
    ///
    /// csv-core splits the fields and keeps its state between pushes, so a record cut by a chunk
    /// is never read again from its start. Two things are done here, around it: line breaks
    /// between records (csv-core skips blank lines; here a blank line is a record of one empty
    /// field, so line numbers and blank-row counts hold), and the line count, for the line each
    /// record starts on and the lines an unclosed quote absorbed.
    pub fn next_record(&mut self) -> Option<Record> {
        if self.delimiter.is_none() && !self.detect() {
            return None;
        }
        if self.parser.is_none() {
            let mut p = csv_core::ReaderBuilder::new().delimiter(self.delimiter.map(Delimiter::byte).unwrap_or(b',')).build();
            // csv-core drops a UTF-8 BOM at the start of its first input; the decoder has dropped
            // the file's own already, and a second one is text. A line break read at the start
            // of a record is skipped and marks the reader as started.
            let _ = p.read_field(b"\n", &mut self.scratch);
            self.parser = Some(p);
        }
        loop {
            if !self.in_record {
                let &b = self.buf.as_bytes().get(self.pos)?;
                if b == b'\n' && self.prev_cr {
                    // The LF of a CR LF that ended the record before.
                    self.pos += 1;
                    self.scanned += 1;
                    self.prev_cr = false;
                    continue;
                }
                if b == b'\n' || b == b'\r' {
                    self.pos += 1;
                    self.scanned += 1;
                    self.prev_cr = b == b'\r';
                    let line = self.line;
                    self.line += 1;
                    return Some(Record { line, fields: vec![String::new()], unclosed: None, oversize: None });
                }
                self.in_record = true;
                self.record_line = self.line;
                self.record_bytes = 0;
                self.breaks = 0;
                self.field_start_breaks = 0;
                self.prev_cr = false;
                self.last_break = false;
                self.out.clear();
                self.ends.clear();
            }
            let parser = self.parser.as_mut()?;
            let input = &self.buf.as_bytes()[self.pos..];
            if input.is_empty() && !self.finished {
                return None;
            }
            let mut unclosed = None;
            let (r, nin, nout) = if input.is_empty() {
                // The end of the text inside a record: was a quoted field still open? A line
                // break ends any other field (as the end does); inside quotes it is field text,
                // which is dropped, and the end closes the record. (Not on a clone of the parser:
                // csv-core 0.1's DFA loses its tables when cloned.)
                match parser.read_field(b"\n", &mut self.scratch) {
                    (r @ csv_core::ReadFieldResult::Field { .. }, _, _) => (r, 0, 0),
                    _ => {
                        let absorbed_lines = (self.breaks - self.field_start_breaks).saturating_sub(u64::from(self.last_break));
                        unclosed = Some(Unclosed { line: self.record_line + self.field_start_breaks, absorbed_lines });
                        parser.read_field(&[], &mut self.scratch)
                    }
                }
            } else {
                parser.read_field(input, &mut self.scratch)
            };
            let oversize = self.record_bytes + nin > self.cap;
            if oversize {
                self.out = Vec::new();
                self.ends = Vec::new();
            } else {
                self.out.extend_from_slice(&self.scratch[..nout]);
            }
            self.consumed(self.pos, self.pos + nin);
            match r {
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
                csv_core::ReadFieldResult::End => {
                    self.in_record = false;
                    return None;
                }
                csv_core::ReadFieldResult::Field { record_end } => {
                    if self.record_bytes <= self.cap {
                        self.ends.push(self.out.len());
                    }
                    self.field_start_breaks = self.breaks;
                    if record_end {
                        self.in_record = false;
                        let line = self.record_line;
                        self.line = line + self.breaks;
                        if self.record_bytes > self.cap {
                            let oversize =
                                Some(Oversize { bytes: self.record_bytes as u64, lines: self.breaks + 1 - u64::from(self.last_break) });
                            return Some(Record { line, fields: Vec::new(), unclosed, oversize });
                        }
                        let mut fields = Vec::with_capacity(self.ends.len());
                        let mut start = 0;
                        for &e in &self.ends {
                            fields.push(String::from_utf8_lossy(&self.out[start..e]).into_owned());
                            start = e;
                        }
                        return Some(Record { line, fields, unclosed, oversize: None });
                    }
                }
            }
        }
    }
}

/// A record longer than the cap ([`MAX_RECORD_BYTES`]): read to its end, its fields dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Oversize {
    /// Bytes of text it took.
    pub bytes: u64,
    /// Physical lines it spans.
    pub lines: u64,
}

impl Oversize {
    /// `第 12 行起的一行超过 1 MB（…）` and its English, naming the line.
    pub fn message(&self, line: u64) -> crate::Text {
        let mib = MAX_RECORD_BYTES >> 20;
        let n = crate::money::grouped(rust_decimal::Decimal::from(self.lines));
        crate::t!(
            "第 {line} 行起的这一行超过 {mib} MB（跨 {n} 行），未读取其内容；多半是引号未闭合，请检查引号",
            "the row starting on line {line} is longer than {mib} MB (it spans {n} lines) and was not read; most likely a double quote is never closed: check the quotes"
        )
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

    /// A record longer than the cap is read to its end, its fields dropped (the memory held stays
    /// under the cap), and the records after it read as before, on their own lines.
    #[test]
    fn a_record_over_the_cap_is_marked_and_the_next_ones_read() {
        let long = "x".repeat(100);
        let text = format!("h,v\n1,\"{long}\n{long}\"\n2,b\r\n\"{long}");
        for piece in [1, 7, 64, 1000] {
            let mut r = CsvReader::with_cap(64);
            let mut got = Vec::new();
            let chars: Vec<char> = text.chars().collect();
            for c in chars.chunks(piece) {
                r.buffer().extend(c.iter());
                got.extend(std::iter::from_fn(|| r.next_record()));
                assert!(r.out.capacity() <= 64 + r.scratch.len(), "piece {piece}");
            }
            r.finish();
            got.extend(std::iter::from_fn(|| r.next_record()));
            let got: Vec<_> = got.into_iter().map(|rec| (rec.line, rec.fields, rec.unclosed, rec.oversize)).collect();
            assert_eq!(
                got,
                vec![
                    (1, v(&["h", "v"]), None, None),
                    (2, vec![], None, Some(Oversize { bytes: 206, lines: 2 })),
                    (4, v(&["2", "b"]), None, None),
                    (5, vec![], Some(Unclosed { line: 5, absorbed_lines: 0 }), Some(Oversize { bytes: 101, lines: 1 })),
                ],
                "piece {piece}"
            );
        }
        let o = Oversize { bytes: 2_000_000, lines: 3000 };
        assert_eq!(
            o.message(7).en,
            "the row starting on line 7 is longer than 1 MB (it spans 3,000 lines) and was not read; most likely a double quote is never closed: check the quotes"
        );
        assert!(o.message(7).zh.starts_with("第 7 行起的这一行超过 1 MB（跨 3,000 行）"));
    }

    /// Issue 14, item 11: an unterminated quote at the start of 32 MB pushed in 64 KB chunks is
    /// read in linear work: every byte goes through the parser once (the old reader searched the
    /// open field again from the record's start at each push), and the record's text is not kept
    /// past the cap.
    #[test]
    fn an_open_quote_over_32_mb_reads_each_byte_once() {
        let line = "Jia Co,91350100M000100Y43,1761,120,3000,2000,Gulou\n";
        let mut text = String::from("name,credit code,industry,employees,revenue (10k yuan),assets (10k yuan),district\n\"");
        while text.len() < 32 << 20 {
            text.push_str(line);
        }
        let mut r = CsvReader::new();
        let mut records = Vec::new();
        for chunk in text.as_bytes().chunks(64 * 1024) {
            r.buffer().push_str(std::str::from_utf8(chunk).unwrap());
            records.extend(std::iter::from_fn(|| r.next_record()));
            assert!(r.out.capacity() <= MAX_RECORD_BYTES + r.scratch.len());
        }
        r.finish();
        records.extend(std::iter::from_fn(|| r.next_record()));
        assert_eq!(r.scanned, text.len() as u64);
        assert_eq!(records.len(), 2);
        let lines = (text.len() - text.find('"').unwrap()) / line.len();
        assert_eq!(records[1].unclosed, Some(Unclosed { line: 2, absorbed_lines: lines as u64 - 1 }));
        assert!(records[1].oversize.is_some());
    }
}
