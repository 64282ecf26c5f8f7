//! `shuzhuan batch`: batch pre-screening of an applicant list (CSV or tab-separated; UTF-8, UTF-8
//! with BOM, UTF-16 with BOM or GBK). The file is read in chunks and each row is written as soon
//! as it is screened, so memory stays flat however long the list is. The summary goes to stderr.

use crate::args::err;
use crate::atomic::{file_id, FileId, Pending};
use crate::read::ReadError;
use crate::Failure;
use shuzhuan_policy::batch::{template, BatchOptions, Encoding, Screener};
use shuzhuan_policy::{Date, InputErrors, Lang, RuleBundle, Text};
use std::io::{BufWriter, Read, Write};

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
    pub input: Option<String>,
    pub output: Option<String>,
    pub programmes: Vec<String>,
    pub today: Option<Date>,
    pub lang: Lang,
    pub template: bool,
    pub format: Output,
    /// Also write the summary as JSON to this file.
    pub summary: Option<String>,
    /// `--encoding`: read the list in this encoding instead of guessing it.
    pub encoding: Option<Encoding>,
}

/// The value of `--encoding`: `utf-8`/`utf8`, `gbk`/`gb18030`/`gb2312` (any case), or `auto`.
fn parse_encoding(v: &str) -> Result<Option<Encoding>, (String, Text)> {
    match v.trim().to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Ok(Some(Encoding::Utf8)),
        "gbk" | "gb18030" | "gb2312" | "cp936" => Ok(Some(Encoding::Gbk)),
        "auto" => Ok(None),
        _ => Err(err(
            "--encoding",
            format!("--encoding 应为 utf-8 或 gbk（也可写 utf8、gb18030；auto 为自动识别），收到“{v}”"),
            format!("--encoding must be utf-8 or gbk (also utf8, gb18030; auto to detect), got \"{v}\""),
        )),
    }
}

/// Parses the arguments after `batch`.
pub fn parse_args(argv: &[String]) -> Result<BatchArgs, (String, Text)> {
    let mut a = BatchArgs::default();
    let mut output_flag = "-o";
    let mut i = 0;
    while i < argv.len() {
        let arg = argv[i].as_str();
        let (flag, mut value) = crate::args::flag_at(argv, &mut i);
        match flag {
            "-o" | "--output" => {
                output_flag = if flag == "-o" { "-o" } else { "--output" };
                a.output = Some(value("--output")?);
            }
            "-p" | "--programme" | "--program" => {
                let v = value("--programme")?;
                a.programmes.extend(v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
            }
            "--today" | "--as-of" => {
                let v = value(flag)?;
                a.today = Some(Date::parse(&v).map_err(|_| {
                    err(
                        flag,
                        format!("{flag}：日期应为 YYYY-MM-DD 且真实存在，收到“{v}”"),
                        format!("{flag}: expected a real date YYYY-MM-DD, got \"{v}\""),
                    )
                })?);
            }
            "--lang" => {
                let v = value("--lang")?;
                a.lang = Lang::parse(&v).ok_or_else(|| {
                    err("--lang", format!("--lang 应为 zh 或 en，收到“{v}”"), format!("--lang must be zh or en, got \"{v}\""))
                })?;
            }
            "--format" => {
                let v = value("--format")?;
                a.format = match v.as_str() {
                    "csv" => Output::Csv,
                    "jsonl" | "json" => Output::Jsonl,
                    _ => {
                        return Err(err(
                            "--format",
                            format!("batch 的 --format 应为 csv 或 jsonl，收到“{v}”"),
                            format!("batch --format must be csv or jsonl, got \"{v}\""),
                        ))
                    }
                };
            }
            "--summary" => a.summary = Some(value("--summary")?),
            "--encoding" => a.encoding = parse_encoding(&value("--encoding")?)?,
            "--template" => a.template = true,
            f if f.starts_with('-') && f != "-" => {
                return Err(err(f, format!("batch 不认识选项 {f}"), format!("unknown option {f} for batch")));
            }
            _ if a.input.is_none() => a.input = Some(arg.to_string()),
            _ => return Err(err("command", format!("多余的参数“{arg}”"), format!("unexpected argument \"{arg}\""))),
        }
        drop(value);
        i += 1;
    }
    if !a.template {
        if a.input.is_none() {
            return Err(err(
                "command",
                "请给出要初筛的文件：shuzhuan batch IN.csv --programme ID".into(),
                "name the file to screen: shuzhuan batch IN.csv --programme ID".into(),
            ));
        }
        if a.programmes.is_empty() {
            let ids = RuleBundle::embedded()
                .programmes
                .iter()
                .filter(|p| p.audience == shuzhuan_policy::rules::Audience::Enterprise)
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(err(
                "--programme",
                format!("请用 --programme 指定政策（可多次）：{ids}"),
                format!("choose the programme(s) with --programme (repeatable): {ids}"),
            ));
        }
    }
    same_file_problem(&a, output_flag)?;
    Ok(a)
}

/// Refuses an output that is the input (writing it would destroy the list, and the reader would
/// read its own output back without end) or that is the other output, by what the paths name:
/// `./x` and `x`, a link and the file it points to are the same file.
fn same_file_problem(a: &BatchArgs, output_flag: &str) -> Result<(), (String, Text)> {
    fn named(p: Option<&str>) -> Option<(&str, FileId)> {
        p.filter(|p| *p != "-").map(|p| (p, file_id(p)))
    }
    let (input, output, summary) = (named(a.input.as_deref()), named(a.output.as_deref()), named(a.summary.as_deref()));
    let same = |x: &Option<(&str, FileId)>, y: &Option<(&str, FileId)>| match (x, y) {
        (Some((x, a)), Some((y, b))) if a == b => Some((x.to_string(), y.to_string())),
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
    fn open(path: Option<&str>, flag: &str) -> Result<Sink, Failure> {
        Ok(match path {
            None | Some("-") => Sink::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
            Some(p) => Sink::File(create(p, flag)?, p.to_string()),
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

fn create(path: &str, flag: &str) -> Result<Pending, Failure> {
    Pending::create(path).map_err(|e| crate::write_failure(flag, path, &e))
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
    let today = match a.today {
        Some(d) => d,
        None => crate::today()?,
    };
    let opts = BatchOptions { programmes: a.programmes.clone(), as_of: today, lang: a.lang };
    let mut screener = Screener::new(RuleBundle::embedded(), &opts).map_err(|e| errors_failure(&e, a.lang))?;
    screener.set_encoding(a.encoding).map_err(|e| errors_failure(&e, a.lang))?;
    let path = a.input.clone().unwrap_or_default();
    let mut input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&path).map_err(|e| read_failure(&path, e, a.lang))?)
    };
    // Both files are opened before the first row, so a folder that cannot be written is said at
    // once; a file refused whole leaves neither behind.
    let mut out = Sink::open(a.output.as_deref(), "-o")?;
    let summary_path = a.summary.as_deref().unwrap_or_default();
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
        f.write_all((text + "\n").as_bytes()).map_err(|e| crate::write_failure("--summary", summary_path, &e))?;
    }
    out.finish()?;
    if let Some(f) = summary_file {
        f.commit().map_err(|e| crate::write_failure("--summary", summary_path, &e))?;
    }
    eprint!("{}", summary.to_text(a.lang));
    Ok(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    fn p(s: &str) -> Result<BatchArgs, (String, Text)> {
        parse_args(&s.split_whitespace().map(String::from).collect::<Vec<_>>())
    }
    #[test]
    fn flags() {
        let a = p("in.csv -o out.csv --programme fuzhou-2024 --programme=xiamen-2024,jinan-2024 --today 2025-06-30 --lang en").unwrap();
        assert_eq!(a.input.as_deref(), Some("in.csv"));
        assert_eq!(a.output.as_deref(), Some("out.csv"));
        assert_eq!(a.programmes, ["fuzhou-2024", "xiamen-2024", "jinan-2024"]);
        assert_eq!(a.today.unwrap().to_string(), "2025-06-30");
        assert_eq!(a.lang, Lang::En);
        assert!(p("--template").unwrap().template);
        assert_eq!(p("in.csv").unwrap_err().0, "--programme");
        assert_eq!(p("--programme x").unwrap_err().0, "command");
        assert_eq!(p("in.csv --programme x --today 2025-02-30").unwrap_err().0, "--today");
        assert_eq!(p("in.csv --programme x --frobnicate").unwrap_err().0, "--frobnicate");
        for (v, want) in [
            ("utf-8", Some(Encoding::Utf8)),
            ("UTF8", Some(Encoding::Utf8)),
            ("GB18030", Some(Encoding::Gbk)),
            ("gbk", Some(Encoding::Gbk)),
            ("auto", None),
        ] {
            assert_eq!(p(&format!("in.csv --programme x --encoding {v}")).unwrap().encoding, want, "{v}");
        }
        assert_eq!(p("in.csv --programme x --encoding latin1").unwrap_err().0, "--encoding");
    }
}
