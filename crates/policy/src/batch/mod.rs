//! Batch pre-screening (批量初筛) for district reviewers: a CSV list of applicants in, every row
//! screened by the same rules as the single self-check ([`crate::check`]), rows out as they are
//! read. Memory stays flat: text is decoded and parsed as it arrives and each row is handed out
//! once screened (only the credit codes seen so far are kept, to flag duplicates).
//!
//! The streaming interface, for the CLI (file chunks) and a browser worker (`File` slices):
//!
//! ```
//! use shuzhuan_policy::batch::{BatchOptions, Screener, RowStatus};
//! use shuzhuan_policy::{Date, Lang, RuleBundle};
//! let opts = BatchOptions { programmes: vec!["fuzhou-2024".into()], as_of: Date::new(2025, 6, 30).unwrap(), lang: Lang::Zh };
//! let mut s = Screener::new(RuleBundle::embedded(), &opts).unwrap();
//! let file = "企业名称,行业代码,从业人员,营业收入(万元),所在区县,独立法人,近三年不良信用记录\n\
//!             甲公司,1761,120,8500,长乐区,是,无\n乙公司,17x1,120,8500,长乐区,是,无\n";
//! let mut rows = Vec::new();
//! for chunk in file.as_bytes().chunks(16) {        // any chunk size, even mid-character
//!     s.push_bytes(chunk).unwrap();
//!     while let Some(row) = s.next_row().unwrap() { rows.push(row); }
//! }
//! s.finish().unwrap();
//! while let Some(row) = s.next_row().unwrap() { rows.push(row); }
//! assert_eq!(rows[0].status, RowStatus::Ok);
//! assert_eq!(rows[0].programmes[0].verdict, shuzhuan_policy::Verdict::Eligible);
//! assert_eq!(rows[1].status, RowStatus::Error);
//! assert_eq!((rows[1].line, rows[1].errors[0].header.as_str()), (3, "行业代码"));
//! let summary = s.summary();
//! assert_eq!((summary.rows, summary.screened, summary.bad_rows), (2, 1, 1));
//! ```

mod columns;
pub(crate) mod csv;
mod decode;
mod output;

use columns::shown_header;
pub use columns::{column_name, normalise as normalise_header, Column, ColumnKind, MoneyUnit};
pub use csv::{Delimiter, Unclosed};
pub use decode::{sniff, sniff_detection, sniff_guess, Decided, Detection, Encoding, Sniff, MOSTLY_UTF8, SNIFF_WINDOW, WEAK_BELOW};
pub use output::{formula_risk, template, CsvWriter};

use crate::amount::{parse_count, parse_yuan, Unit};
use crate::bundle::RuleBundle;
use crate::catalogue::catalogue;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::eval::{eval_criterion, verdict_of, Eval, Facts, Outcome, Verdict};
use crate::input::{parse_yes_no, Profile};
use crate::region::{parse_region_in, Region, RegionError};
use crate::rules::{Audience, CriterionKind, Programme};
use crate::sme::{self, category_of, SizeCategory, SmeClass, Tri};
use crate::t;
use crate::text::{Explain, Lang, Text};
use crate::uscc::{check_uscc, ALPHABET};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;

/// Title lines (one filled cell, no recognised column) skipped before the header.
const MAX_TITLE_ROWS: u64 = 5;

/// Distinct places remembered (a list names a few hundred districts; the bound keeps a file of
/// garbage from growing the cache).
const PLACE_CACHE_MAX: usize = 10_000;

/// What to screen for.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchOptions {
    /// Enterprise programme ids (e.g. `fuzhou-2024`); empty means every enterprise programme.
    pub programmes: Vec<String>,
    /// The date evaluated (评估日期).
    pub as_of: Date,
    /// The language of reasons and of the output file's added columns.
    pub lang: Lang,
}

/// Whether a row was screened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Every field read; the row was screened.
    Ok,
    /// A field could not be read: the row is reported with its problems and not screened.
    Error,
}

/// One field of one row that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// 1-based column (0 for a problem of the whole row, e.g. too many values).
    pub column: usize,
    /// The column's header as written (`营业收入(万元)`), or `columns` / `quote` for row problems.
    pub header: String,
    /// What the column holds, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ColumnKind>,
    /// The value as written.
    pub value: String,
    pub message: Text,
}

/// A criterion that did not pass, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowReason {
    /// The criterion id (`sub_industry`, `credit`, …).
    pub criterion: String,
    pub title: String,
    pub outcome: Outcome,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_change: Option<String>,
}

/// One programme's verdict for a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowVerdict {
    pub id: String,
    pub verdict: Verdict,
    /// Every criterion that failed or is unknown, in the programme's order.
    pub reasons: Vec<RowReason>,
}

/// SME size as screened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RowSme {
    pub class: SmeClass,
    pub is_sme: Tri,
    /// 规上工业企业: stated, or estimated from revenue.
    pub above_designated_size: Tri,
}

/// One data row, screened (or reported as bad).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScreenedRow {
    /// 1-based physical line the row starts on (the header is line 1).
    pub line: u64,
    /// Spreadsheet row number (the header is row 1); differs from `line` only after a quoted
    /// value holding a line break.
    pub row: u64,
    /// The values as read, one per column (passed through to the output unchanged).
    pub fields: Vec<String>,
    pub status: RowStatus,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<RowError>,
    /// The line of the first row with the same credit code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<u64>,
    /// Things to know that do not stop screening (a duplicate, an undecodable character).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Text>,
    /// The profile read from the row (bad fields left out), as `check` would receive it.
    pub profile: Profile,
    /// SME size; `None` for a bad row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sme: Option<RowSme>,
    /// One entry per chosen programme; empty for a bad row.
    pub programmes: Vec<RowVerdict>,
}

/// How many rows failed or were unknown on one criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub criterion: String,
    pub title: String,
    pub outcome: Outcome,
    pub count: u64,
}

/// One programme's counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProgrammeSummary {
    pub id: String,
    pub title: String,
    pub eligible: u64,
    pub not_eligible: u64,
    pub unknown: u64,
    /// By criterion and outcome, most frequent first.
    pub reasons: Vec<ReasonCount>,
}

/// Bad values per column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    pub column: usize,
    pub header: String,
    pub count: u64,
}

/// The counts of a batch so far (final after [`Screener::finish`] and the last row).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub as_of: Date,
    /// The encoding read (`None` before any non-ASCII byte, or before input).
    pub encoding: Option<Encoding>,
    /// How the encoding was decided (`None` while undecided, and for text the caller decoded).
    pub encoding_decided: Option<Decided>,
    /// The encoding was guessed and the guess may be wrong ([`decode`]'s rules).
    pub encoding_weak: bool,
    /// For a weak guess: that it may be wrong and how to choose the encoding.
    pub encoding_warning: Option<Text>,
    pub delimiter: Option<Delimiter>,
    pub columns: Vec<Column>,
    /// Headers kept and passed through but not read.
    pub ignored_columns: Vec<String>,
    /// Data rows read (not counting the header and blank rows).
    pub rows: u64,
    pub screened: u64,
    pub bad_rows: u64,
    /// Rows with every value empty, skipped (counted so none goes missing unseen).
    pub blank_rows: u64,
    /// Title lines above the header (one filled cell, e.g. 2024年申报企业汇总表), skipped.
    pub title_rows: u64,
    /// Rows whose credit code appeared on an earlier row (still screened).
    pub duplicate_rows: u64,
    /// A double quote never closed: the line it opened on and how many lines after it were read
    /// into that row (at most one per file: it runs to the end).
    pub unclosed_quote: Option<Unclosed>,
    /// Malformed byte sequences replaced by U+FFFD while decoding.
    pub decode_replacements: u64,
    /// The line of the first row holding such a replacement.
    pub decode_replacement_line: Option<u64>,
    pub errors_by_column: Vec<FieldCount>,
    /// Screened rows per SME class.
    pub sme_classes: BTreeMap<SmeClass, u64>,
    pub programmes: Vec<ProgrammeSummary>,
    /// Bytes (or characters of text) taken in so far, for a progress bar.
    pub input_bytes: u64,
    /// The end of the input has been reached and every row handed out.
    pub complete: bool,
}

/// A programme chosen for screening: its index in the bundle's programmes, and the index of the
/// rule version in force on the date.
#[derive(Clone, Copy)]
struct Chosen {
    programme: usize,
    version: usize,
}

impl Chosen {
    /// The programme and the criteria of its version of the date. Always `Some` for the bundle
    /// the screener was made with (which it holds and nothing can change).
    fn of(self, bundle: &RuleBundle) -> Option<(&Programme, &[crate::rules::Criterion])> {
        let p = bundle.programmes.get(self.programme)?;
        Some((p, &p.versions.get(self.version)?.criteria))
    }
}

#[derive(Default)]
struct Counts {
    rows: u64,
    screened: u64,
    bad_rows: u64,
    blank_rows: u64,
    duplicate_rows: u64,
    errors_by_column: BTreeMap<usize, u64>,
    sme_classes: BTreeMap<SmeClass, u64>,
    /// Per programme: eligible, not eligible, unknown.
    verdicts: Vec<[u64; 3]>,
    /// (programme, criterion, fail?) → rows.
    reasons: BTreeMap<(usize, usize, bool), u64>,
}

/// The streaming screener. Feed it bytes ([`Screener::push_bytes`]) or decoded text
/// ([`Screener::push_text`]), pull rows with [`Screener::next_row`] after each push, call
/// [`Screener::finish`] at the end and pull the last rows. A problem that stops the whole file
/// (an unreadable header, mixed input) comes back as `Err` from any of them.
pub struct Screener<B: Deref<Target = RuleBundle>> {
    /// The rules: a reference to a bundle (the CLI, the tests), or a handle that keeps the bundle
    /// alive (the npm package's `Batch`, whose rules a later `loadRules` replaces).
    bundle: B,
    chosen: Vec<Chosen>,
    opts: BatchOptions,
    decoder: decode::Decoder,
    csv: csv::CsvReader,
    columns: Option<Vec<Column>>,
    fatal: Option<InputErrors>,
    finished: bool,
    input_bytes: u64,
    records: u64,
    /// Lines with no recognised column before the header (a sheet's title), skipped.
    title_rows: u64,
    first_title_problem: Option<InputErrors>,
    /// A quote never closed, once its row is read.
    unclosed: Option<Unclosed>,
    /// The first row holding a U+FFFD from decoding.
    replacement_line: Option<u64>,
    /// Credit code (packed) → line of its first row.
    seen: FastMap<[u8; 12], u32>,
    /// Per programme and criterion: [`cache_key`] → the criterion evaluated.
    caches: Vec<Vec<Cache>>,
    /// Industry code → its size category.
    categories: FastMap<String, SizeCategory>,
    /// Place as written → as read (bounded by [`PLACE_CACHE_MAX`]).
    places: FastMap<String, Result<Region, RegionError>>,
    counts: Counts,
}

/// The enterprise programmes `opts` names (every one when it names none), each once, with the
/// index of its version on the date. Fails when a programme id is unknown or not an enterprise
/// programme.
fn choose(bundle: &RuleBundle, opts: &BatchOptions) -> Result<Vec<Chosen>, InputErrors> {
    let mut chosen: Vec<Chosen> = Vec::new();
    let mut errors = Vec::new();
    let enterprise: Vec<&Programme> = bundle.programmes.iter().filter(|p| p.audience == Audience::Enterprise).collect();
    let ids: Vec<String> =
        if opts.programmes.is_empty() { enterprise.iter().map(|p| p.id.clone()).collect() } else { opts.programmes.clone() };
    let list = enterprise.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ");
    for id in &ids {
        let shown = crate::text::shown(id, 40);
        let found = bundle.programmes.iter().position(|p| p.id == id.trim());
        match found.and_then(|i| Some((i, bundle.programmes.get(i)?))) {
            Some((i, p)) if p.audience == Audience::Enterprise => {
                if chosen.iter().any(|c| c.programme == i) {
                    continue;
                }
                let on = p.version_on(opts.as_of);
                chosen.push(Chosen { programme: i, version: p.versions.iter().position(|v| std::ptr::eq(v, on)).unwrap_or(0) });
            }
            Some(_) => errors.push(FieldError::new(
                "programme",
                t!(
                    "“{shown}”是面向数字化服务商的办法，不用于企业初筛；可选：{list}",
                    "\"{shown}\" is addressed to service providers, not enterprises; choose from: {list}"
                ),
            )),
            None => errors.push(FieldError::new(
                "programme",
                t!("没有编号为“{shown}”的政策；可选：{list}", "no programme \"{shown}\"; choose from: {list}"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    Ok(chosen)
}

impl<B: Deref<Target = RuleBundle>> Screener<B> {
    /// A screener for `opts` with the rules of `bundle` (`&RuleBundle`, or a handle that owns it,
    /// such as an `Rc<RuleBundle>`). Fails when a programme id is unknown or not an enterprise
    /// programme.
    pub fn new(bundle: B, opts: &BatchOptions) -> Result<Screener<B>, InputErrors> {
        let chosen = choose(&bundle, opts)?;
        let n = chosen.len();
        let caches = chosen
            .iter()
            .map(|c| c.of(&bundle).map_or(0, |(_, cs)| cs.len()))
            .map(|k| (0..k).map(|_| Cache::default()).collect())
            .collect();
        Ok(Screener {
            bundle,
            chosen,
            opts: opts.clone(),
            decoder: decode::Decoder::new(),
            csv: csv::CsvReader::new(),
            columns: None,
            fatal: None,
            finished: false,
            input_bytes: 0,
            records: 0,
            title_rows: 0,
            first_title_problem: None,
            unclosed: None,
            replacement_line: None,
            seen: FastMap::default(),
            caches,
            categories: FastMap::default(),
            places: FastMap::default(),
            counts: Counts { verdicts: vec![[0; 3]; n], ..Counts::default() },
        })
    }

    /// The programmes screened, in output order.
    pub fn programmes(&self) -> Vec<&Programme> {
        self.chosen.iter().filter_map(|c| c.of(&self.bundle)).map(|(p, _)| p).collect()
    }

    /// The options given.
    pub fn options(&self) -> &BatchOptions {
        &self.opts
    }

    fn fail(&mut self, field: &str, message: Text) -> InputErrors {
        let e = InputErrors::one(field, message);
        self.fatal = Some(e.clone());
        e
    }

    fn check_fatal(&self) -> Result<(), InputErrors> {
        match &self.fatal {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// Reads the file in `encoding` (UTF-8 or GBK) without sniffing; `None` keeps sniffing. Only
    /// before the first byte.
    pub fn set_encoding(&mut self, encoding: Option<Encoding>) -> Result<(), InputErrors> {
        match encoding {
            Some(e) => self.decoder.force(e).map_err(|m| InputErrors::one("encoding", m)),
            None => Ok(()),
        }
    }

    /// For text the caller decodes ([`Screener::push_text`]): the encoding it decodes and how it
    /// decided ([`sniff_detection`], or forced), so the summary and header errors name it.
    pub fn note_text_encoding(&mut self, d: Detection) -> Result<(), InputErrors> {
        self.check_fatal()?;
        let r = self.decoder.describe_text(d);
        r.map_err(|m| self.fail("encoding", m))
    }

    /// The encoding decided so far and how (`None` while undecided, or for text handed in).
    pub fn detection(&self) -> Option<Detection> {
        self.decoder.detection()
    }

    /// Feeds the next bytes of the file (any size; a character may be cut between slices).
    pub fn push_bytes(&mut self, bytes: &[u8]) -> Result<(), InputErrors> {
        self.check_fatal()?;
        self.input_bytes += bytes.len() as u64;
        let r = self.decoder.push(bytes, false, self.csv.buffer());
        r.map_err(|m| self.fail("encoding", m))
    }

    /// Feeds text the caller decoded (e.g. with `TextDecoder("gbk")`); a leading BOM is dropped.
    pub fn push_text(&mut self, text: &str) -> Result<(), InputErrors> {
        self.check_fatal()?;
        self.input_bytes += text.len() as u64;
        let r = self.decoder.push_text(text, self.csv.buffer());
        r.map_err(|m| self.fail("encoding", m))
    }

    /// Marks the end of the input. Pull the remaining rows afterwards.
    pub fn finish(&mut self) -> Result<(), InputErrors> {
        self.check_fatal()?;
        if !self.finished {
            let r = if self.decoder.is_text() { Ok(()) } else { self.decoder.push(&[], true, self.csv.buffer()) };
            r.map_err(|m| self.fail("encoding", m))?;
            self.csv.finish();
            self.finished = true;
        }
        Ok(())
    }

    /// Whether a header-less record cannot be a title line: one with several filled cells is data.
    fn finished_reading_titles(&self, rec: &csv::Record) -> bool {
        rec.fields.iter().filter(|f| !f.trim().is_empty()).count() > 1
    }

    /// The header's columns, once the header line has been read.
    pub fn columns(&self) -> Option<&[Column]> {
        self.columns.as_deref()
    }

    /// The output file's writer (added columns in the options' language), once the header is read.
    pub fn csv_writer(&self) -> Option<CsvWriter> {
        self.columns.as_ref().map(|c| CsvWriter::new(c, &self.programmes(), self.opts.lang))
    }

    /// The next screened row; `Ok(None)` when more input is needed, or at the end.
    pub fn next_row(&mut self) -> Result<Option<ScreenedRow>, InputErrors> {
        self.check_fatal()?;
        loop {
            let Some(rec) = self.csv.next_record() else {
                if self.finished && self.columns.is_none() {
                    if let Some(e) = self.first_title_problem.take() {
                        self.fatal = Some(e.clone());
                        return Err(e);
                    }
                    return Err(self.fail(
                        "input",
                        t!(
                            "文件为空：第一行应为表头，可下载模板对照",
                            "the file is empty: the first line must be the header; see the template"
                        ),
                    ));
                }
                return Ok(None);
            };
            self.records += 1;
            if self.columns.is_none() {
                if let Some(o) = rec.oversize {
                    // No header to read the rows by: the file stops here.
                    return Err(self.fail("input", o.message(rec.line)));
                }
                let (cols, problems) = columns::read_header(&rec.fields);
                // A title line above the header ("2024年申报企业汇总表"): no column recognised.
                let recognised = cols.iter().any(|c| c.kind.is_some());
                if !recognised && self.title_rows < MAX_TITLE_ROWS && !self.finished_reading_titles(&rec) {
                    self.title_rows += 1;
                    if self.first_title_problem.is_none() {
                        self.first_title_problem = Some(InputErrors { errors: problems });
                    }
                    continue;
                }
                if !problems.is_empty() {
                    let mut problems =
                        if recognised { problems } else { self.first_title_problem.take().map(|e| e.errors).unwrap_or(problems) };
                    // Every header error names the encoding: a wrong guess garbles the header first.
                    if !self.decoder.is_text() || self.decoder.detection().is_some() {
                        let note = decode::header_note(self.decoder.detection());
                        for p in &mut problems {
                            p.message = p.message.join(&note);
                        }
                    }
                    let e = InputErrors { errors: problems };
                    self.fatal = Some(e.clone());
                    return Err(e);
                }
                self.columns = Some(cols);
                continue;
            }
            if let Some(row) = self.screen_record(rec) {
                return Ok(Some(row));
            }
        }
    }

    /// The counts so far.
    pub fn summary(&self) -> Summary {
        let c = &self.counts;
        let lang = self.opts.lang;
        let columns = self.columns.clone().unwrap_or_default();
        let header_of = |i: usize| columns.iter().find(|c| c.index == i).map(|c| c.header.clone()).unwrap_or_default();
        let programmes = self
            .chosen
            .iter()
            .enumerate()
            .filter_map(|(pi, ch)| Some((pi, ch.of(&self.bundle)?)))
            .map(|(pi, (programme, criteria))| {
                let mut reasons: Vec<ReasonCount> = c
                    .reasons
                    .iter()
                    .filter(|((p, _, _), _)| *p == pi)
                    .filter_map(|((_, ci, fail), n)| {
                        let crit = criteria.get(*ci)?;
                        Some(ReasonCount {
                            criterion: crit.id.clone(),
                            title: crit.title.get(lang).to_string(),
                            outcome: if *fail { Outcome::Fail } else { Outcome::Unknown },
                            count: *n,
                        })
                    })
                    .collect();
                reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.criterion.cmp(&b.criterion)));
                let [eligible, not_eligible, unknown] = c.verdicts.get(pi).copied().unwrap_or_default();
                ProgrammeSummary {
                    id: programme.id.clone(),
                    title: programme.title.get(lang).to_string(),
                    eligible,
                    not_eligible,
                    unknown,
                    reasons,
                }
            })
            .collect();
        Summary {
            as_of: self.opts.as_of,
            encoding: self.decoder.encoding(),
            encoding_decided: self.decoder.detection().map(|d| d.decided),
            encoding_weak: self.decoder.detection().is_some_and(|d| d.weak),
            encoding_warning: self.decoder.detection().and_then(|d| d.warning()),
            delimiter: self.csv.delimiter,
            ignored_columns: columns.iter().filter(|c| c.kind.is_none()).map(|c| c.header.clone()).collect(),
            rows: c.rows,
            screened: c.screened,
            bad_rows: c.bad_rows,
            blank_rows: c.blank_rows,
            title_rows: self.title_rows,
            duplicate_rows: c.duplicate_rows,
            unclosed_quote: self.unclosed,
            decode_replacements: self.decoder.replacements,
            decode_replacement_line: self.replacement_line,
            errors_by_column: c.errors_by_column.iter().map(|(i, n)| FieldCount { column: *i, header: header_of(*i), count: *n }).collect(),
            sme_classes: c.sme_classes.clone(),
            programmes,
            input_bytes: self.input_bytes,
            complete: self.finished && self.csv.buffered() == 0 && self.fatal.is_none(),
            columns,
        }
    }

    /// One record as a screened row, step by step: read its cells into a profile, place the firm,
    /// add the record's own problems (extra values, an unclosed quote, an oversize record), note
    /// undecodable characters and a repeated credit code, count it; a row in error stops there,
    /// the others are classified by size and evaluated against each programme. `None` for a
    /// blank record.
    fn screen_record(&mut self, rec: csv::Record) -> Option<ScreenedRow> {
        let columns = self.columns.as_ref()?;
        if rec.unclosed.is_some() {
            self.unclosed = rec.unclosed;
        }
        if rec.oversize.is_none() && rec.fields.iter().all(|f| f.trim().is_empty()) {
            self.counts.blank_rows += 1;
            return None;
        }
        let Cells { mut profile, mut errors, city, district, uscc_key } = read_cells(columns, &rec.fields);
        locate(&mut self.places, &self.bundle.programmes, city, district, &mut profile, &mut errors);
        record_problems(&rec, columns.len(), &mut errors);
        let mut warnings: Vec<Text> = Vec::new();
        self.note_replacements(&rec, &mut warnings);
        self.counts.rows += 1;
        let line = rec.line;
        let duplicate_of = self.note_duplicate(uscc_key, line, &profile, &mut warnings);
        let mut row = ScreenedRow {
            line,
            row: self.records,
            fields: rec.fields,
            status: RowStatus::Ok,
            errors: Vec::new(),
            duplicate_of,
            warnings,
            profile,
            sme: None,
            programmes: Vec::new(),
        };
        if !errors.is_empty() {
            self.counts.bad_rows += 1;
            for e in &errors {
                *self.counts.errors_by_column.entry(e.column).or_default() += 1;
            }
            row.status = RowStatus::Error;
            row.errors = errors;
            return Some(row);
        }
        self.counts.screened += 1;
        // Full facts (with every sentence) only when something needs them.
        let mut facts: Option<Facts> = None;
        let (sme, is_sme) = self.classify(&row.profile, &mut facts);
        row.sme = Some(sme);
        row.programmes = self.evaluate(&row.profile, &mut facts, is_sme);
        Some(row)
    }

    /// Notes a row holding characters the decoder replaced (the first such line is kept).
    fn note_replacements(&mut self, rec: &csv::Record, warnings: &mut Vec<Text>) {
        if self.decoder.replacements > 0 && rec.fields.iter().any(|f| f.contains('\u{FFFD}')) {
            self.replacement_line.get_or_insert(rec.line);
            warnings.push(t!(
                "本行含无法解码的字符（显示为 �），请检查文件编码",
                "this row holds characters that could not be decoded (shown as �); check the file's encoding"
            ));
        }
    }

    /// A credit code seen on an earlier row: that row's line, with a warning (the row is still
    /// screened); a new one is remembered.
    fn note_duplicate(&mut self, uscc_key: Option<[u8; 12]>, line: u64, profile: &Profile, warnings: &mut Vec<Text>) -> Option<u64> {
        let mut duplicate_of = None;
        if let Some(k) = uscc_key {
            match self.seen.get(&k) {
                Some(first) => {
                    duplicate_of = Some(u64::from(*first));
                    self.counts.duplicate_rows += 1;
                    let code = profile.uscc.clone().unwrap_or_default();
                    let first = *first;
                    warnings
                        .push(t!("统一社会信用代码 {code} 与第 {first} 行重复", "the credit code {code} already appears on line {first}"));
                }
                None => {
                    self.seen.insert(k, u32::try_from(line).unwrap_or(u32::MAX));
                }
            }
        }
        duplicate_of
    }

    /// The row's size class by the SME table, counted; the full facts are built only when the
    /// figures alone do not settle it.
    fn classify(&mut self, profile: &Profile, facts: &mut Option<Facts>) -> (RowSme, Tri) {
        let code = profile.industry.as_deref().unwrap_or("");
        let category = match self.categories.get(code) {
            Some(c) => *c,
            None => {
                let c = if code.is_empty() { SizeCategory::Unknown } else { category_of(code) };
                self.categories.insert(code.to_string(), c);
                c
            }
        };
        let (class, is_sme, gs) = match sme::quick(category, profile) {
            Some(q) => q,
            None => {
                let f = facts.get_or_insert_with(|| Facts::of(profile, Explain::Yes));
                (f.sme.class, f.sme.is_sme, f.sme.gs)
            }
        };
        *self.counts.sme_classes.entry(class).or_default() += 1;
        (RowSme { class, is_sme, above_designated_size: gs }, is_sme)
    }

    /// The row against each chosen programme: each criterion evaluated once per distinct
    /// [`cache_key`] (or every time, when it has none), the verdict and the reasons counted.
    fn evaluate(&mut self, profile: &Profile, facts: &mut Option<Facts>, is_sme: Tri) -> Vec<RowVerdict> {
        let (lang, as_of) = (self.opts.lang, self.opts.as_of);
        let mut verdicts = Vec::with_capacity(self.chosen.len());
        for (pi, ch) in self.chosen.iter().enumerate() {
            let Some((programme, criteria)) = ch.of(&self.bundle) else { continue };
            let mut outcomes = Vec::with_capacity(criteria.len());
            let mut reasons = Vec::new();
            for (ci, c) in criteria.iter().enumerate() {
                let owned: Eval;
                let e: &Eval = match cache_key(c.kind(), profile) {
                    Some(key) => {
                        let cache = &mut self.caches[pi][ci];
                        let i = match cache.index.get(key.as_ref()) {
                            Some(&i) => i,
                            None => {
                                let f = facts.get_or_insert_with(|| Facts::of(profile, Explain::Yes));
                                cache.evals.push(eval_criterion(c, programme, &self.bundle.programmes, profile, f, as_of));
                                cache.index.insert(key.into_owned(), cache.evals.len() - 1);
                                cache.evals.len() - 1
                            }
                        };
                        &cache.evals[i]
                    }
                    // An SME by the figures passes whatever the sentences say.
                    None if c.kind() == CriterionKind::Sme && is_sme == Tri::Yes => {
                        outcomes.push(Outcome::Pass);
                        continue;
                    }
                    None => {
                        let f = facts.get_or_insert_with(|| Facts::of(profile, Explain::Yes));
                        owned = eval_criterion(c, programme, &self.bundle.programmes, profile, f, as_of);
                        &owned
                    }
                };
                outcomes.push(e.outcome);
                if e.outcome != Outcome::Pass {
                    *self.counts.reasons.entry((pi, ci, e.outcome == Outcome::Fail)).or_default() += 1;
                    reasons.push(RowReason {
                        criterion: c.id.clone(),
                        title: c.title.get(lang).to_string(),
                        outcome: e.outcome,
                        reason: e.reason.get(lang).to_string(),
                        to_change: e.to_change.as_ref().map(|t| t.get(lang).to_string()),
                    });
                }
            }
            let verdict = verdict_of(outcomes.iter().copied());
            if let Some(v) = self.counts.verdicts.get_mut(pi) {
                v[match verdict {
                    Verdict::Eligible => 0,
                    Verdict::NotEligible => 1,
                    Verdict::Unknown => 2,
                }] += 1;
            }
            verdicts.push(RowVerdict { id: programme.id.clone(), verdict, reasons });
        }
        verdicts
    }
}

/// A record's cells as read: the profile, the cells in error, and the city and district cells
/// (placed together afterwards) and the packed credit code (for repeats).
struct Cells<'r> {
    profile: Profile,
    errors: Vec<RowError>,
    city: Option<(&'r Column, &'r str)>,
    district: Option<(&'r Column, &'r str)>,
    uscc_key: Option<[u8; 12]>,
}

/// Reads each recognised column's cell into the profile; a cell that does not parse is a
/// [`RowError`] naming its column.
fn read_cells<'r>(columns: &'r [Column], fields: &'r [String]) -> Cells<'r> {
    let mut errors: Vec<RowError> = Vec::new();
    let mut profile = Profile::default();
    let mut city: Option<(&Column, &str)> = None;
    let mut district: Option<(&Column, &str)> = None;
    let mut uscc_key = None;
    for col in columns {
        let Some(kind) = col.kind else { continue };
        let Some(raw) = fields.get(col.index - 1) else { continue };
        let v = raw.trim();
        if v.is_empty() {
            continue;
        }
        let label = || Text::new(shown_header(&col.header), kind.label().en);
        let mut bad = |message: Text| {
            errors.push(RowError { column: col.index, header: col.header.clone(), kind: Some(kind), value: raw.clone(), message })
        };
        match kind {
            ColumnKind::Name => {}
            ColumnKind::Uscc => match check_uscc(v) {
                Ok((code, _)) => {
                    uscc_key = Some(pack(&code));
                    profile.uscc = Some(code);
                }
                Err(e) => bad(e.message()),
            },
            ColumnKind::Industry => match catalogue().lookup(v) {
                Ok(ind) => profile.industry = Some(ind.code.clone()),
                Err(e) => bad(e.message()),
            },
            ColumnKind::Employees => match parse_count(v) {
                Ok(n) => profile.employees = Some(n),
                Err(e) => bad(e.count_message(&label(), v)),
            },
            ColumnKind::Revenue | ColumnKind::TotalAssets => {
                let unit = if col.unit == Some(MoneyUnit::Yuan) { Unit::Yuan } else { Unit::Wan };
                match parse_yuan(v, unit) {
                    Ok(d) if kind == ColumnKind::Revenue => profile.revenue_yuan = Some(d),
                    Ok(d) => profile.total_assets_yuan = Some(d),
                    Err(e) => bad(e.message(&label(), v)),
                }
            }
            ColumnKind::District => district = Some((col, v)),
            ColumnKind::City => city = Some((col, v)),
            ColumnKind::BadCredit | ColumnKind::LegalPerson | ColumnKind::AboveDesignatedSize => match parse_yes_no(v) {
                Ok(b) => match kind {
                    ColumnKind::BadCredit => profile.bad_credit_last_3_years = b,
                    ColumnKind::LegalPerson => profile.independent_legal_person = b,
                    _ => profile.above_designated_size = b,
                },
                Err(()) => {
                    let shown = crate::text::shown(v, 40);
                    let (hint_zh, hint_en) = if kind == ColumnKind::LegalPerson {
                        (
                            "；若这一列是法定代表人姓名，请把表头改为“法定代表人”",
                            "; if this column holds the legal representative's name, rename its header to 法定代表人",
                        )
                    } else {
                        ("", "")
                    };
                    bad(Text::new(
                        format!("{}应为 是/否（有/无），收到“{shown}”{hint_zh}", shown_header(&col.header)),
                        format!("{} must be yes or no (是/否, 有/无); got \"{shown}\"{hint_en}", kind.label().en),
                    ))
                }
            },
        }
    }
    Cells { profile, errors, city, district, uscc_key }
}

/// The location: the district, read within the city when both are given (a district outside
/// the city is an error on the district, which names it as the programmes in use, `rules`, do).
/// Names are read by the built-in tables and by the cities and districts of `rules`
/// ([`parse_region_in`]); places are read once each (`places`, bounded: the rules are the
/// screener's own and never change, so a text always reads the same).
fn locate(
    places: &mut FastMap<String, Result<Region, RegionError>>,
    rules: &[Programme],
    city: Option<(&Column, &str)>,
    district: Option<(&Column, &str)>,
    profile: &mut Profile,
    errors: &mut Vec<RowError>,
) {
    let mut read_place = |s: &str| -> Result<Region, RegionError> {
        if let Some(r) = places.get(s) {
            return r.clone();
        }
        let r = parse_region_in(s, rules.iter().map(|p| &p.city));
        if places.len() < PLACE_CACHE_MAX {
            places.insert(s.to_string(), r.clone());
        }
        r
    };
    match (city, district) {
        (Some((cc, cv)), Some((dc, dv))) => {
            let c = read_place(cv);
            let d = if dv.chars().any(|ch| ch.is_ascii_digit()) {
                read_place(dv)
            } else {
                read_place(&format!("{cv}{dv}")).or_else(|_| read_place(dv))
            };
            match (c, d) {
                (Ok(c), Ok(d)) => {
                    // A city known by the built-in tables or by the rules in use.
                    let known = c.city.is_some() || rules.iter().any(|p| c.code.get(..4) == Some(p.city.code.as_str()));
                    if known && d.code.get(..4) != c.code.get(..4) {
                        let (dshown, cshown) = (crate::text::shown(dv, 40), crate::text::shown(cv, 40));
                        let d = crate::eval::place(&d, rules);
                        errors.push(RowError {
                            column: dc.index,
                            header: dc.header.clone(),
                            kind: Some(ColumnKind::District),
                            value: dv.to_string(),
                            message: Text::new(
                                format!("所在区县“{dshown}”（{}）不在所填城市“{cshown}”", d.zh),
                                format!("district \"{dshown}\" ({}) is not in the city given, \"{cshown}\"", d.en),
                            ),
                        });
                    } else {
                        profile.region = Some(d.code);
                    }
                }
                (c, d) => {
                    for (col, v, r) in [(cc, cv, c.err()), (dc, dv, d.err())] {
                        if let Some(e) = r {
                            errors.push(RowError {
                                column: col.index,
                                header: col.header.clone(),
                                kind: col.kind,
                                value: v.to_string(),
                                message: e.message_in(rules.iter().map(|p| &p.city)),
                            });
                        }
                    }
                }
            }
        }
        (Some((col, v)), None) | (None, Some((col, v))) => match read_place(v) {
            Ok(r) => profile.region = Some(r.code),
            Err(e) => errors.push(RowError {
                column: col.index,
                header: col.header.clone(),
                kind: col.kind,
                value: v.to_string(),
                message: e.message_in(rules.iter().map(|p| &p.city)),
            }),
        },
        (None, None) => {}
    }
}

/// The record's own problems: values beyond the header's columns, a quote never closed, a
/// record over the size cap.
fn record_problems(rec: &csv::Record, n_columns: usize, errors: &mut Vec<RowError>) {
    if rec.fields.len() > n_columns {
        let extra: Vec<&str> = rec.fields[n_columns..].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        if !extra.is_empty() {
            let shown = crate::text::shown(&extra.join(" | "), 60);
            let (n, m) = (rec.fields.len(), n_columns);
            errors.push(RowError {
                column: 0,
                header: "columns".into(),
                kind: None,
                value: shown.clone(),
                message: t!(
                    "本行有 {n} 个值，表头只有 {m} 列（多出：“{shown}”）；含逗号的内容（如企业名称）须用英文双引号括起",
                    "this row has {n} values but the header has {m} columns (extra: \"{shown}\"); values holding a comma (such as a name) must be in double quotes"
                ),
            });
        }
    }
    if let Some(u) = rec.unclosed {
        errors.push(RowError { column: 0, header: "quote".into(), kind: None, value: String::new(), message: u.message() });
    }
    if let Some(o) = rec.oversize {
        errors.push(RowError { column: 0, header: "row".into(), kind: None, value: String::new(), message: o.message(rec.line) });
    }
}

/// What a criterion's outcome depends on besides the programme and the date, as a short key, so
/// that it is evaluated once per distinct key (a few hundred industry codes and districts in a
/// list of any length). It must name every profile field the criterion reads in `eval.rs`; the
/// batch tests compare every row with `check` to hold it to that. `None`: not cached (SME size
/// depends on the figures).
fn cache_key(kind: CriterionKind, p: &Profile) -> Option<Cow<'_, str>> {
    let flag = |b: Option<bool>| match b {
        Some(true) => "t",
        Some(false) => "f",
        None => "n",
    };
    Some(match kind {
        CriterionKind::InForce => Cow::Borrowed(""),
        CriterionKind::SubIndustry => Cow::Borrowed(p.industry.as_deref().unwrap_or("")),
        // The district when given, else the credit code's registering division.
        CriterionKind::InCity => match (&p.region, &p.uscc) {
            (Some(r), _) => Cow::Borrowed(r.as_str()),
            (None, Some(u)) => Cow::Owned(format!("u{}", u.get(2..8).unwrap_or(""))),
            (None, None) => Cow::Borrowed(""),
        },
        // The answer, and whether the credit code marks a sole trader (92…).
        CriterionKind::IndependentLegalPerson => {
            let sole = p.uscc.as_deref().is_some_and(|u| u.starts_with("92"));
            Cow::Borrowed(match (p.independent_legal_person, sole) {
                (Some(true), false) => "t0",
                (Some(true), true) => "t1",
                (Some(false), false) => "f0",
                (Some(false), true) => "f1",
                (None, false) => "n0",
                (None, true) => "n1",
            })
        }
        CriterionKind::NoBadCredit => Cow::Borrowed(flag(p.bad_credit_last_3_years)),
        CriterionKind::Sme | CriterionKind::Expression => return None,
    })
}

/// FNV-1a for the screener's small keys (codes, districts, packed credit codes): much cheaper
/// than the default SipHash, and the keys come from one file, not from an adversary who could
/// only slow their own screening.
#[derive(Clone, Copy, Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// One criterion's evaluations by [`cache_key`].
#[derive(Default)]
struct Cache {
    index: FastMap<String, usize>,
    evals: Vec<Eval>,
}

/// A checked credit code packed into 12 bytes (18 symbols of 31 values, 5 bits each), for the
/// duplicate set: with a 4-byte line, 16 bytes per distinct code.
fn pack(code: &str) -> [u8; 12] {
    let k = code.bytes().fold(0u128, |k, b| (k << 5) | ALPHABET.bytes().position(|a| a == b).unwrap_or(0) as u128);
    let bytes = k.to_le_bytes();
    let mut out = [0u8; 12];
    out.copy_from_slice(&bytes[..12]);
    out
}

/// Decodes a whole small file (UTF-8 with or without BOM, UTF-16 with BOM, or GBK with the `gbk`
/// feature), for side files such as expert-score sheets.
pub fn decode_all(bytes: &[u8]) -> Result<String, Text> {
    let mut d = decode::Decoder::new();
    let mut out = String::new();
    d.push(bytes, true, &mut out)?;
    Ok(out)
}

/// Every record of a small CSV or tab-separated text (the separator decided from the first line),
/// with the line each starts on. For side tables such as expert-score sheets.
pub fn records(text: &str) -> Vec<(u64, Vec<String>)> {
    let mut r = csv::CsvReader::new();
    r.buffer().push_str(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    r.finish();
    std::iter::from_fn(|| r.next_record().map(|rec| (rec.line, rec.fields))).collect()
}

/// Screens a whole text at once (for tests and small inputs): every row and the summary.
///
/// ```
/// use shuzhuan_policy::batch::{screen_text, BatchOptions};
/// use shuzhuan_policy::{Date, Lang, RuleBundle};
/// let opts = BatchOptions { programmes: vec![], as_of: Date::new(2025, 6, 30).unwrap(), lang: Lang::En };
/// let (rows, summary) = screen_text("name\tindustry\nA\t3973\n", RuleBundle::embedded(), &opts).unwrap();
/// assert_eq!(rows.len(), 1);
/// assert_eq!(summary.programmes.len(), 4); // every enterprise programme
/// ```
pub fn screen_text(text: &str, bundle: &RuleBundle, opts: &BatchOptions) -> Result<(Vec<ScreenedRow>, Summary), InputErrors> {
    let mut s = Screener::new(bundle, opts)?;
    s.push_text(text)?;
    s.finish()?;
    let mut rows = Vec::new();
    while let Some(r) = s.next_row()? {
        rows.push(r);
    }
    Ok((rows, s.summary()))
}

/// Screens a whole file's bytes at once, in chunks of `chunk` bytes (for tests and the CLI's small files).
pub fn screen_bytes(
    bytes: &[u8],
    chunk: usize,
    bundle: &RuleBundle,
    opts: &BatchOptions,
) -> Result<(Vec<ScreenedRow>, Summary), InputErrors> {
    let mut s = Screener::new(bundle, opts)?;
    let mut rows = Vec::new();
    for c in bytes.chunks(chunk.max(1)) {
        s.push_bytes(c)?;
        while let Some(r) = s.next_row()? {
            rows.push(r);
        }
    }
    s.finish()?;
    while let Some(r) = s.next_row()? {
        rows.push(r);
    }
    Ok((rows, s.summary()))
}
