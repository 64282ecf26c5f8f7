//! `shuzhuan batch`: batch pre-screening of an applicant list (CSV or tab-separated; UTF-8, UTF-8
//! with BOM, UTF-16 with BOM or GBK). The file is read in chunks and each row is written as soon
//! as it is screened, so memory stays flat however long the list is. The summary goes to stderr.

use crate::args::{err, Problem};
use crate::atomic::{file_id, FileId, Pending};
use crate::read::ReadError;
use crate::Failure;
use shuzhuan_policy::batch::{template, BatchOptions, Encoding, Screener};
use shuzhuan_policy::{Date, InputErrors, Lang};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes read from the file at a time.
const CHUNK: usize = 256 * 1024;

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Output {
    /// UTF-8 CSV with a BOM: the original columns plus the screening (opens in Excel).
    #[default]
    Csv,
    /// One JSON object per row, then `{"summary": …}` (for other tools).
    Jsonl,
}

/// `shuzhuan batch` arguments.
#[derive(Debug, Default, PartialEq)]
pub struct BatchArgs {
    /// The list to screen (`-`: standard input), any name the system allows.
    pub input: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub programmes: Vec<String>,
    /// `--as-of` (formerly `--today`): the date the rules are evaluated on; default today.
    pub as_of: Option<Date>,
    pub lang: Lang,
    pub template: bool,
    pub format: Output,
    /// Also write the summary as JSON to this file.
    pub summary: Option<PathBuf>,
    /// `--encoding`: read the list in this encoding instead of guessing it.
    pub encoding: Option<Encoding>,
    /// `--rules DIR|PACK`: screen against these rules instead of the embedded ones.
    pub rules: Option<String>,
}

/// Refuses an output that is the input (writing it would destroy the list, and the reader would
/// read its own output back without end) or that is the other output, by what the paths name:
/// `./x` and `x`, a link and the file it points to are the same file.
pub fn same_file_problem(a: &BatchArgs, output_flag: &str) -> Result<(), Problem> {
    fn named(p: Option<&Path>) -> Option<(String, FileId)> {
        p.filter(|p| !is_std(p)).map(|p| (shown(p), file_id(p)))
    }
    let (input, output, summary) = (named(a.input.as_deref()), named(a.output.as_deref()), named(a.summary.as_deref()));
    let same = |x: &Option<(String, FileId)>, y: &Option<(String, FileId)>| match (x, y) {
        (Some((x, a)), Some((y, b))) if a == b => Some((x.clone(), y.clone())),
        _ => None,
    };
    if let Some((o, i)) = same(&output, &input) {
        return Err(err(
            output_flag,
            format!("{output_flag}：输出文件“{o}”就是输入文件“{i}”，写入会毁掉申报名单；请另选输出文件"),
            format!("{output_flag}: the output \"{o}\" is the input file \"{i}\" itself; writing it would destroy the list; choose another output file"),
        ));
    }
    if let Some((s, i)) = same(&summary, &input) {
        return Err(err(
            "--summary",
            format!("--summary：汇总文件“{s}”就是输入文件“{i}”，写入会毁掉申报名单；请另选汇总文件"),
            format!("--summary: the summary file \"{s}\" is the input file \"{i}\" itself; writing it would destroy the list; choose another summary file"),
        ));
    }
    if let Some((s, o)) = same(&summary, &output) {
        return Err(err(
            "--summary",
            format!("--summary：汇总文件“{s}”与 {output_flag} 的输出文件“{o}”是同一个文件，一个会覆盖另一个；请用两个不同的文件"),
            format!("--summary: the summary file \"{s}\" is the same file as the output of {output_flag}, \"{o}\"; one would overwrite the other; name two different files"),
        ));
    }
    Ok(())
}

/// `-`: standard input or output.
fn is_std(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// A path as messages show it (`-` as itself; not UTF-8 made readable).
fn shown(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A failure to open or read the list `path` (`-`: standard input), said by the error's kind.
fn read_failure(path: &str, e: std::io::Error, lang: Lang) -> Failure {
    errors_failure(&InputErrors::one("input", ReadError::Io(e).text(path)), lang)
}

fn errors_failure(e: &InputErrors, lang: Lang) -> Failure {
    Failure::new(e.errors.iter().map(|e| format!("error: {}\n", e.render(lang))).collect())
}

/// Where the output goes: standard output as it is written, or a file that appears whole at the
/// end of a successful run ([`Pending`]), with the path as given (`-`: standard output).
enum Sink {
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
    File(Pending, String),
}

impl Sink {
    fn open(path: Option<&Path>, flag: &str) -> Result<Sink, Failure> {
        Ok(match path {
            Some(p) if !is_std(p) => Sink::File(create(p, flag)?, shown(p)),
            _ => Sink::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
        })
    }

    fn path(&self) -> &str {
        match self {
            Sink::Stdout(_) => "-",
            Sink::File(_, p) => p,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::File(f, _) => f.write_all(bytes),
        }
        .map_err(|e| crate::write_failure("-o", self.path(), &e))
    }

    /// Flushes standard output, or renames the file into place.
    fn finish(self) -> Result<(), Failure> {
        let path = self.path().to_string();
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File(f, _) => f.commit(),
        }
        .map_err(|e| crate::write_failure("-o", &path, &e))
    }
}

fn create(path: &Path, flag: &str) -> Result<Pending, Failure> {
    Pending::create(path).map_err(|e| crate::write_failure(flag, &shown(path), &e))
}

/// Runs `shuzhuan batch`. Prints nothing on stdout itself unless the output goes there. Every
/// file it writes appears whole at the end of a successful run, or not at all.
pub fn run(a: BatchArgs) -> Result<String, Failure> {
    if a.template {
        let mut out = Sink::open(a.output.as_deref(), "-o")?;
        out.write(template(a.lang).as_bytes())?;
        out.finish()?;
        return Ok(String::new());
    }
    let as_of = match a.as_of {
        Some(d) => d,
        None => crate::today()?,
    };
    let opts = BatchOptions { programmes: a.programmes.clone(), as_of, lang: a.lang };
    let bundle = crate::load_rules(a.rules.as_deref(), |e| errors_failure(e, a.lang))?;
    let mut screener = Screener::new(&*bundle, &opts).map_err(|e| errors_failure(&e, a.lang))?;
    screener.set_encoding(a.encoding).map_err(|e| errors_failure(&e, a.lang))?;
    let file = a.input.clone().unwrap_or_default();
    let path = shown(&file);
    let mut input: Box<dyn Read> = if is_std(&file) {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&file).map_err(|e| read_failure(&path, e, a.lang))?)
    };
    // Both files are opened before the first row, so a folder that cannot be written is said at
    // once; a file refused whole leaves neither behind.
    let mut out = Sink::open(a.output.as_deref(), "-o")?;
    let summary_path = a.summary.as_deref().map(shown).unwrap_or_default();
    let mut summary_file = a.summary.as_deref().map(|p| create(p, "--summary")).transpose()?;
    let mut writer = None;
    let mut line = String::new();
    let mut buf = vec![0u8; CHUNK];
    let mut at_end = false;
    loop {
        if !at_end {
            let n = input.read(&mut buf).map_err(|e| read_failure(&path, e, a.lang))?;
            if n == 0 {
                at_end = true;
                screener.finish().map_err(|e| errors_failure(&e, a.lang))?;
            } else {
                screener.push_bytes(&buf[..n]).map_err(|e| errors_failure(&e, a.lang))?;
            }
        }
        while let Some(row) = screener.next_row().map_err(|e| errors_failure(&e, a.lang))? {
            line.clear();
            match a.format {
                Output::Csv => {
                    let w = match &writer {
                        Some(w) => w,
                        None => {
                            let w = screener.csv_writer().ok_or_else(|| Failure::new("error: no header\n".into()))?;
                            line.push_str(&w.header());
                            writer.insert(w)
                        }
                    };
                    w.write_row(&row, &mut line);
                }
                Output::Jsonl => {
                    line.push_str(&serde_json::to_string(&row).unwrap_or_default());
                    line.push('\n');
                }
            }
            out.write(line.as_bytes())?;
        }
        if at_end {
            break;
        }
    }
    // A header with no rows still gives a file with the header.
    if a.format == Output::Csv && writer.is_none() {
        if let Some(w) = screener.csv_writer() {
            out.write(w.header().as_bytes())?;
        }
    }
    let summary = screener.summary();
    if a.format == Output::Jsonl {
        let s = serde_json::json!({ "summary": summary });
        out.write(format!("{s}\n").as_bytes())?;
    }
    if let Some(f) = summary_file.as_mut() {
        let text = serde_json::to_string_pretty(&summary).unwrap_or_default();
        f.write_all((text + "\n").as_bytes()).map_err(|e| crate::write_failure("--summary", &summary_path, &e))?;
    }
    out.finish()?;
    if let Some(f) = summary_file {
        f.commit().map_err(|e| crate::write_failure("--summary", &summary_path, &e))?;
    }
    eprint!("{}", shuzhuan_policy::text::for_terminal(&summary.to_text(a.lang)));
    Ok(String::new())
}
