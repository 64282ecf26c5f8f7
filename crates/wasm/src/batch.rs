//! `Batch`: the core's streaming batch screener ([`shuzhuan_policy::batch::Screener`]) for a
//! browser worker, as the reviewers' page (`review.html`) drives it:
//!
//! ```js
//! import init, { Batch, sniff, batchTemplate } from './pkg/shuzhuan.js';
//! await init();
//! const b = new Batch(['fuzhou-2024'], { lang: 'zh' });   // programmes; options as for check
//! b.pushText(text);                     // decoded text, in pieces of any size
//! const csv = b.takeCsv();              // output CSV so far (header first), then cleared
//!                                       // (takeCsvBytes(): the same as UTF-8 bytes, for a Blob)
//! const flagged = b.takeFlagged();      // rows with problems or duplicates so far, then cleared
//! const rows = b.takeRows();            // rows for the page's table so far, then cleared
//! b.finish(); b.takeCsv(); b.summary(); // the last rows, and the counts (b.rowCounts: per filter)
//! ```
//!
//! Text goes in already decoded: the page decodes with the browser's own `TextDecoder` (UTF-8,
//! UTF-16 or GBK, after `b.sniff(bytes, last)` on the first bytes, or `b.chooseEncoding('gbk')`
//! when the reviewer chose), so the module carries no GBK tables; the summary names the encoding
//! and how it was decided, as the CLI's does. The
//! rows come out as the CLI's CSV (`shuzhuan batch`, the same [`CsvWriter`]), kept in the module
//! only until taken, so memory stays flat however long the file is.

use crate::{options_of, thrown, to_js};
use serde::Serialize;
use shuzhuan_policy::batch::{
    self, BatchOptions, ColumnKind, CsvWriter, Decided, Detection, Encoding, RowStatus, RowVerdict, ScreenedRow, Screener, Sniff,
};
use shuzhuan_policy::eval::default_programmes;
use shuzhuan_policy::{InputErrors, Lang, Text, Verdict};
use wasm_bindgen::prelude::*;

/// Flagged rows handed out at most; the rest are counted (the CSV has them all).
pub const FLAGGED_LIMIT: usize = 500;

/// A row to show the reviewer: one that could not be read, or whose credit code came before.
#[derive(Serialize)]
pub struct Flagged {
    pub line: u64,
    pub status: RowStatus,
    /// 企业名称 and 统一社会信用代码 as written, when the file has those columns.
    pub name: String,
    pub uscc: String,
    pub errors: Vec<FlaggedField>,
    pub duplicate_of: Option<u64>,
    pub warnings: Vec<Text>,
}

#[derive(Serialize)]
pub struct FlaggedField {
    pub column: usize,
    pub header: String,
    pub value: String,
    pub message: Text,
}

/// Rows handed out for the page's table at most per filter (every row, each verdict, the bad
/// rows); the rest are counted (`rowCounts`) and are in the CSV. A row counts for a verdict when
/// any chosen programme gives it, so every filter's first rows are among those handed out.
pub const ROWS_LIMIT: u64 = 200;

/// The filters of the page's table, in `RowCounts` order.
const FILTERS: [&str; 5] = ["all", "eligible", "not_eligible", "unknown", "error"];

/// A row for the page's table: its line, name and code, the filters it is shown under, each
/// chosen programme's verdict with the reasons it did not pass, or the problems of a bad row.
#[derive(Serialize)]
pub struct Shown {
    pub line: u64,
    pub name: String,
    pub uscc: String,
    pub status: RowStatus,
    /// Of `all`, `eligible`, `not_eligible`, `unknown` (a chosen programme's verdict), `error`
    /// (not screened).
    pub filters: Vec<&'static str>,
    pub programmes: Vec<RowVerdict>,
    pub errors: Vec<FlaggedField>,
}

/// Rows under each filter of the page's table (`all` is every data row).
#[derive(Serialize, Default)]
pub struct RowCounts {
    pub all: u64,
    pub eligible: u64,
    pub not_eligible: u64,
    pub unknown: u64,
    pub error: u64,
}

impl FlaggedField {
    fn of(e: &batch::RowError) -> FlaggedField {
        FlaggedField { column: e.column, header: e.header.clone(), value: e.value.clone(), message: e.message.clone() }
    }
}

/// The screener, the output so far, and the flagged rows so far.
#[wasm_bindgen]
pub struct Batch {
    /// It holds the rules it was made with, which a later `loadRules` replaces for other calls.
    screener: Screener<crate::rules::Rules>,
    lang: Lang,
    writer: Option<CsvWriter>,
    csv: String,
    flagged: Vec<Flagged>,
    flagged_total: u64,
    shown: Vec<Shown>,
    /// Rows seen under each of [`FILTERS`].
    counts: [u64; 5],
    name_column: Option<usize>,
    uscc_column: Option<usize>,
}

fn no_programmes_list() -> InputErrors {
    InputErrors::one(
        "programmes",
        Text::new(
            "programmes 须为项目编号的数组，如 [\"fuzhou-2024\"]",
            "programmes must be an array of programme ids, e.g. [\"fuzhou-2024\"]",
        ),
    )
}

#[wasm_bindgen]
impl Batch {
    /// `new Batch(programmes, options?)`: `programmes` is an array of enterprise programme ids
    /// (empty: every one); options are `check`'s (`as_of`, else `today`, else the device's date;
    /// `lang` of the reasons and the added columns). An unknown id is thrown on `programmes`.
    #[wasm_bindgen(constructor)]
    pub fn new(programmes: JsValue, options: JsValue) -> Result<Batch, JsValue> {
        let settings = options_of(&options).and_then(|o| o.settings()).map_err(|e| thrown(&e))?;
        let ids: Vec<String> = if programmes.is_undefined() || programmes.is_null() {
            Vec::new()
        } else if let Some(s) = programmes.as_string() {
            s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
        } else if js_sys::Array::is_array(&programmes) {
            let mut ids = Vec::new();
            for v in js_sys::Array::from(&programmes).iter() {
                ids.push(v.as_string().ok_or_else(|| thrown(&no_programmes_list()))?);
            }
            ids
        } else {
            return Err(thrown(&no_programmes_list()));
        };
        let opts = BatchOptions { programmes: ids, as_of: crate::date_for(&settings, None).map_err(|e| thrown(&e))?, lang: settings.lang };
        let screener = Screener::new(crate::rules().map_err(|e| thrown(&e))?, &opts).map_err(|e| thrown(&e))?;
        Ok(Batch {
            screener,
            lang: settings.lang,
            writer: None,
            csv: String::new(),
            flagged: Vec::new(),
            flagged_total: 0,
            shown: Vec::new(),
            counts: [0; 5],
            name_column: None,
            uscc_column: None,
        })
    }

    /// Reads the next piece of decoded text and screens every row it completes. Returns how many
    /// rows were screened or reported. A problem with the whole file (no header found, …) is
    /// thrown as an `InputError`.
    #[wasm_bindgen(js_name = pushText)]
    pub fn push_text(&mut self, text: &str) -> Result<u32, JsValue> {
        self.screener.push_text(text).map_err(|e| thrown(&e))?;
        self.drain()
    }

    /// `sniff(bytes, last)`: as the module's [`sniff`] (what the decoder should be), and notes
    /// the encoding it names, and whether the guess is weak, for the summary and header errors.
    #[wasm_bindgen(js_name = sniff)]
    pub fn sniff_and_note(&mut self, bytes: &[u8], last: bool) -> Result<String, JsValue> {
        if let Some(d) = batch::sniff_detection(bytes, last) {
            self.screener.note_text_encoding(d).map_err(|e| thrown(&e))?;
        }
        Ok(sniff(bytes, last))
    }

    /// `chooseEncoding('utf8' | 'gbk')`: the page decodes in the encoding the reviewer chose, not
    /// sniffed; the summary says so.
    #[wasm_bindgen(js_name = chooseEncoding)]
    pub fn choose_encoding(&mut self, name: &str) -> Result<(), JsValue> {
        let encoding = if name == "gbk" { Encoding::Gbk } else { Encoding::Utf8 };
        let d = Detection { encoding, decided: Decided::Forced, weak: false };
        self.screener.note_text_encoding(d).map_err(|e| thrown(&e))
    }

    /// The end of the input: screens the last row.
    pub fn finish(&mut self) -> Result<u32, JsValue> {
        self.screener.finish().map_err(|e| thrown(&e))?;
        let n = self.drain()?;
        // A header with no rows still gives a file with the header.
        self.start_csv();
        Ok(n)
    }

    /// The output CSV written since the last call (UTF-8 text; the first piece starts with the
    /// byte-order mark and the header line).
    #[wasm_bindgen(js_name = takeCsv)]
    pub fn take_csv(&mut self) -> String {
        std::mem::take(&mut self.csv)
    }

    /// [`Batch::take_csv`] as UTF-8 bytes (a `Uint8Array`): for a `Blob`, without decoding the
    /// text into a JavaScript string and encoding it again (a fifth of the page's time on a
    /// 100 000-row list).
    #[wasm_bindgen(js_name = takeCsvBytes)]
    pub fn take_csv_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.csv).into_bytes()
    }

    /// The flagged rows found since the last call (at most [`FLAGGED_LIMIT`] in all; see
    /// `flaggedTotal`).
    #[wasm_bindgen(js_name = takeFlagged)]
    pub fn take_flagged(&mut self) -> Result<JsValue, JsValue> {
        to_js(&std::mem::take(&mut self.flagged))
    }

    /// The rows for the page's table found since the last call: the first [`ROWS_LIMIT`] of
    /// every filter (see `rowCounts`).
    #[wasm_bindgen(js_name = takeRows)]
    pub fn take_rows(&mut self) -> Result<JsValue, JsValue> {
        to_js(&std::mem::take(&mut self.shown))
    }

    /// [`ROWS_LIMIT`]: the page shows at most this many rows per filter.
    #[wasm_bindgen(getter, js_name = rowsLimit)]
    pub fn rows_limit(&self) -> f64 {
        ROWS_LIMIT as f64
    }

    /// How many rows each filter of the page's table has so far: `{all, eligible, not_eligible,
    /// unknown, error}`.
    #[wasm_bindgen(getter, js_name = rowCounts)]
    pub fn row_counts(&self) -> Result<JsValue, JsValue> {
        let [all, eligible, not_eligible, unknown, error] = self.counts;
        to_js(&RowCounts { all, eligible, not_eligible, unknown, error })
    }

    /// Every flagged row so far, including those beyond the limit.
    #[wasm_bindgen(getter, js_name = flaggedTotal)]
    pub fn flagged_total(&self) -> f64 {
        self.flagged_total as f64
    }

    /// The counts so far (the CLI's `--summary` JSON): rows, screened, bad rows, duplicates,
    /// verdicts and reasons per programme, problems per column, the columns recognised.
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.screener.summary())
    }

    /// The summary as the CLI prints it at the end (plain text, in the batch's language).
    #[wasm_bindgen(js_name = summaryText)]
    pub fn summary_text(&self) -> String {
        self.screener.summary().to_text(self.lang)
    }
}

impl Batch {
    fn start_csv(&mut self) {
        if self.writer.is_none() {
            if let Some(w) = self.screener.csv_writer() {
                self.csv.push_str(&w.header());
                let columns = self.screener.columns().unwrap_or_default();
                let find = |k: ColumnKind| columns.iter().find(|c| c.kind == Some(k)).map(|c| c.index.saturating_sub(1));
                self.name_column = find(ColumnKind::Name);
                self.uscc_column = find(ColumnKind::Uscc);
                self.writer = Some(w);
            }
        }
    }

    fn drain(&mut self) -> Result<u32, JsValue> {
        let mut n = 0u32;
        while let Some(row) = self.screener.next_row().map_err(|e| thrown(&e))? {
            self.start_csv();
            if let Some(w) = &self.writer {
                w.write_row(&row, &mut self.csv);
            }
            self.show(&row);
            self.flag(row);
            n = n.saturating_add(1);
        }
        Ok(n)
    }

    fn cells(&self, row: &ScreenedRow) -> (String, String) {
        let cell = |i: Option<usize>| i.and_then(|i| row.fields.get(i)).cloned().unwrap_or_default();
        (cell(self.name_column), cell(self.uscc_column))
    }

    fn show(&mut self, row: &ScreenedRow) {
        let has = |v: Verdict| row.programmes.iter().any(|p| p.verdict == v);
        let under = [true, has(Verdict::Eligible), has(Verdict::NotEligible), has(Verdict::Unknown), row.status == RowStatus::Error];
        let mut keep = false;
        let mut filters = Vec::new();
        for (i, yes) in under.into_iter().enumerate() {
            if yes {
                keep |= self.counts[i] < ROWS_LIMIT;
                self.counts[i] += 1;
                filters.push(FILTERS[i]);
            }
        }
        if !keep {
            return;
        }
        let (name, uscc) = self.cells(row);
        self.shown.push(Shown {
            line: row.line,
            name,
            uscc,
            status: row.status,
            filters,
            programmes: row.programmes.clone(),
            errors: row.errors.iter().map(FlaggedField::of).collect(),
        });
    }

    fn flag(&mut self, row: ScreenedRow) {
        if row.status == RowStatus::Ok && row.duplicate_of.is_none() && row.warnings.is_empty() {
            return;
        }
        self.flagged_total += 1;
        if self.flagged_total > FLAGGED_LIMIT as u64 {
            return;
        }
        let (name, uscc) = self.cells(&row);
        self.flagged.push(Flagged {
            line: row.line,
            status: row.status,
            name,
            uscc,
            errors: row.errors.iter().map(FlaggedField::of).collect(),
            duplicate_of: row.duplicate_of,
            warnings: row.warnings,
        });
    }
}

/// `sniff(bytes, complete)`: what a file's first bytes say about its encoding — `utf8_bom`,
/// `utf16_le`, `utf16_be`, `utf8`, `gbk` (not UTF-8: decode as GBK) or `ascii` (nothing decided
/// yet). `complete` says the bytes are the whole file.
#[wasm_bindgen]
pub fn sniff(bytes: &[u8], complete: bool) -> String {
    match batch::sniff(bytes, complete) {
        Sniff::Utf8Bom => "utf8_bom",
        Sniff::Utf16Le => "utf16_le",
        Sniff::Utf16Be => "utf16_be",
        Sniff::Utf8 => "utf8",
        Sniff::Gbk => "gbk",
        Sniff::Ascii => "ascii",
    }
    .to_string()
}

/// `batchTemplate(lang?)`: the batch file template (`shuzhuan batch --template`): the headers
/// and an example row, UTF-8 with a byte-order mark.
#[wasm_bindgen(js_name = batchTemplate)]
pub fn batch_template(lang: JsValue) -> String {
    batch::template(if lang.as_string().as_deref() == Some("en") { Lang::En } else { Lang::Zh })
}

/// `defaultProgrammes(options?)`: the ids of the enterprise programmes a batch screen of `as_of`
/// (else today) starts with ticked: those in force, else the ones that ended most recently
/// (the core's [`default_programmes`]).
#[wasm_bindgen(js_name = defaultProgrammes)]
pub fn default_programmes_of(options: JsValue) -> Result<JsValue, JsValue> {
    let settings = options_of(&options).and_then(|o| o.settings()).map_err(|e| thrown(&e))?;
    let date = crate::date_for(&settings, None).map_err(|e| thrown(&e))?;
    let rules = crate::rules().map_err(|e| thrown(&e))?;
    to_js(&default_programmes(&rules, date))
}
