//! `shuzhuan` — the command-line shell over `shuzhuan-policy`. It reads files and arguments,
//! calls the core, and prints; every decision is the core's.
//!
//! Exit codes: 0 a report was computed (whatever the verdict); 2 bad input or usage, with the
//! problem on stderr naming the field.
#![forbid(unsafe_code)]

mod args;
mod assess;
mod atomic;
mod batch;
mod providers;
mod read;
mod render;
mod rules_cmd;
mod serve;
mod site;

use args::{Command, Format, Options};
use shuzhuan_policy::text::for_terminal;
use shuzhuan_policy::{Date, FieldError, InputErrors, Lang, RuleBundle};
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The system's own strings: a file name that is not UTF-8 is an argument like any other.
    let argv: Vec<OsString> = std::env::args_os().skip(1).collect();
    let failure = match run(&argv) {
        Ok(out) => {
            // Written, not `print!`ed: a full disk or a closed pipe is said, not a panic.
            let mut stdout = std::io::stdout().lock();
            // Text for a person passes the terminal guard; JSON is for programs, and serde has
            // escaped its control characters already.
            let out = if json_asked(&argv) { out.into() } else { for_terminal(&out) };
            match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
                Ok(()) => return ExitCode::SUCCESS,
                Err(e) => {
                    let err = FieldError::new("output", read::write_text("-", &e));
                    if json_asked(&argv) {
                        Failure::new(serde_json::to_string_pretty(&InputErrors { errors: vec![err] }).unwrap_or_default())
                    } else {
                        Failure::new(format!("error: {}\n", err.render(Lang::Zh)))
                    }
                }
            }
        }
        Err(f) => f,
    };
    // Every message echoes something the user gave (an argument, a header, a TOML line): an
    // escape sequence in it is shown as [U+001B], never run by the terminal.
    if json_asked(&argv) {
        eprint!("{}", failure.text);
    } else {
        eprint!("{}", for_terminal(&failure.text));
    }
    if !failure.text.ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(failure.code)
}

/// A failure to report on stderr: exit code 2 (bad input or usage) unless it says otherwise
/// (`rules test`: 1 when a case fails).
struct Failure {
    text: String,
    code: u8,
}

impl Failure {
    fn new(text: String) -> Failure {
        Failure { text, code: 2 }
    }
}

fn input_failure(errors: &InputErrors, opts: &Options) -> Failure {
    let text = match opts.format {
        Format::Json => serde_json::to_string_pretty(&errors).unwrap_or_default(),
        Format::Text => errors.errors.iter().map(|e| format!("error: {}\n", e.render(opts.lang))).collect(),
    };
    Failure::new(text)
}

/// A file (`-`: standard output) that could not be written: `error: FLAG: 中文 / English`.
fn write_failure(flag: &str, path: &str, e: &std::io::Error) -> Failure {
    Failure::new(format!("error: {}\n", FieldError::new(flag, read::write_text(path, e)).render(Lang::Zh)))
}

/// Whether the arguments ask for `--format json` (read before they are parsed, or after a failure).
fn json_asked(argv: &[OsString]) -> bool {
    argv.windows(2).any(|w| w[0] == "--format" && w[1] == "json") || argv.iter().any(|a| a == "--format=json")
}

/// A usage error: JSON on stderr when `--format json` was asked for, else the message and usage.
fn usage_failure(err: FieldError, argv: &[OsString]) -> Failure {
    if json_asked(argv) {
        let errors = InputErrors { errors: vec![err] };
        return Failure::new(serde_json::to_string_pretty(&errors).unwrap_or_default());
    }
    Failure::new(format!("error: {}\n\n{}", err.render(Lang::Zh), args::USAGE))
}

/// Today's date in China (UTC+8) from the system clock, or `SHUZHUAN_TODAY` when set (for
/// reproducible runs). A clock that cannot be right is an error, never a fixed fallback date.
fn today() -> Result<Date, Failure> {
    if let Ok(s) = std::env::var("SHUZHUAN_TODAY") {
        return Date::parse(&s).map_err(|_| Failure {
            code: 2,
            text: format!(
                "error: SHUZHUAN_TODAY: 环境变量 SHUZHUAN_TODAY={s:?} 不是 YYYY-MM-DD 格式的真实日期 / SHUZHUAN_TODAY={s:?} is not a real date YYYY-MM-DD\n"
            ),
        });
    }
    let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    Date::in_china_at(secs).map_err(|e| Failure::new(format!("error: today: {e}; --as-of YYYY-MM-DD / SHUZHUAN_TODAY\n")))
}

/// The JSON input of `check`, `estimate` or `assess`: FILE, or standard input without one or for
/// `-`, at most [`read::INPUT_LIMIT`] bytes of UTF-8. A problem names the file (field `input`).
fn read_input(opts: &Options) -> Result<String, Failure> {
    let path = opts.file.as_deref().unwrap_or(Path::new("-"));
    read::text(path, read::INPUT_LIMIT).map_err(|e| input_failure(&InputErrors::one("input", e.text(&path.to_string_lossy())), opts))
}

/// The rules a command evaluates with: the embedded bundle, or `--rules PATH` (a directory of
/// rule files, or a built pack). A pack with any problem is refused whole: every problem is listed
/// on stderr and the embedded rules stay in use (the report's `rules.origin` and `rules.hash` say
/// which rules answered). A file that is there but cannot be used (not a regular file, too big,
/// not UTF-8) is such a problem. A path that cannot be opened at all is an error (field
/// `--rules`, JSON under `--format json`).
fn rules_for(opts: &Options) -> Result<std::borrow::Cow<'static, RuleBundle>, Failure> {
    load_rules(opts.rules.as_deref(), |e| input_failure(e, opts))
}

/// [`rules_for`] for a command with its own way of failing (`batch`, `providers`).
fn load_rules(path: Option<&str>, fail: impl FnOnce(&InputErrors) -> Failure) -> Result<std::borrow::Cow<'static, RuleBundle>, Failure> {
    let Some(path) = path else { return Ok(std::borrow::Cow::Borrowed(RuleBundle::embedded())) };
    match rules_cmd::load(path).map_err(|e| fail(&InputErrors { errors: vec![e] }))? {
        Ok(b) => Ok(std::borrow::Cow::Owned(b)),
        Err(e) => {
            let embedded = RuleBundle::embedded();
            eprint!("warning: {}", for_terminal(&rules_cmd::refusal(path, &e)));
            eprintln!("继续使用内置规则（{0}）/ the embedded rules ({0}) stay in use", embedded.hash);
            Ok(std::borrow::Cow::Borrowed(embedded))
        }
    }
}

fn run(argv: &[OsString]) -> Result<String, Failure> {
    let (cmd, opts) = args::parse(argv.iter().cloned()).map_err(|e| usage_failure(e, argv))?;
    match cmd {
        Command::Help => Ok(args::USAGE.to_string()),
        Command::Version => Ok(format!(
            "shuzhuan {}\nrules {} ({})\n",
            env!("CARGO_PKG_VERSION"),
            RuleBundle::embedded().hash,
            RuleBundle::embedded().origin
        )),
        Command::Check => {
            let bundle = rules_for(&opts)?;
            let text = read_input(&opts)?;
            // A place's name is read by the cities of the rules in use too, as `batch` reads it.
            let mut input =
                shuzhuan_policy::input::parse_check_input_in(&text, &bundle.programmes).map_err(|e| input_failure(&e, &opts))?;
            if let Some(d) = opts.as_of {
                input.as_of = Some(d);
            }
            let report = shuzhuan_policy::check(&input, &bundle, today()?, opts.lang);
            Ok(match opts.format {
                Format::Json => json(&report),
                Format::Text => render::check_text(&report, opts.lang),
            })
        }
        Command::Estimate => {
            let bundle = rules_for(&opts)?;
            let text = read_input(&opts)?;
            let today = today()?;
            // Checked against the version in force on the date evaluated (--as-of, the input's, today).
            let mut input = shuzhuan_policy::input::json_value(&text)
                .and_then(|v| shuzhuan_policy::estimate::validated_value(&v, &bundle, |as_of| Some(opts.as_of.or(as_of).unwrap_or(today))))
                .map_err(|e| input_failure(&e, &opts))?;
            if let Some(d) = opts.as_of {
                input.as_of = Some(d);
            }
            let report = shuzhuan_policy::estimate(&input, &bundle, today, opts.lang).map_err(|e| input_failure(&e, &opts))?;
            Ok(match opts.format {
                Format::Json => json(&report),
                Format::Text => render::estimate_text(&report, opts.lang),
            })
        }
        Command::Assess => assess::run(&opts),
        Command::Programmes => {
            let bundle = rules_for(&opts)?;
            let date = match opts.as_of {
                Some(d) => d,
                None => today()?,
            };
            let list = shuzhuan_policy::eval::programme_list(&bundle, date, opts.lang);
            Ok(match opts.format {
                Format::Json => json(&list),
                Format::Text => render::programmes_text(&list, opts.lang),
            })
        }
        Command::RulesValidate { dir } => rules_cmd::validate(&dir),
        Command::RulesTest { dir } => rules_cmd::test(&dir, today()?),
        Command::RulesBuild { dir, out } => rules_cmd::build(&dir, &out),
        Command::RulesNew { id, dir } => rules_cmd::new(&id, dir.as_deref(), today()?),
        Command::Serve { dir, port, kiosk, rules } => serve::serve(&dir, port, kiosk, rules.as_deref()).map(|_| String::new()),
        Command::Site { rules, out, from } => site::site(&rules, &out, from.as_deref()),
        Command::Batch(a) => batch::run(a),
        Command::Providers(a) => providers::run(a),
        Command::IndustrySearch { query } => {
            let bundle = rules_for(&opts)?;
            let hits = shuzhuan_policy::catalogue::catalogue().search(&query, 20);
            let fits: Vec<_> =
                hits.iter().filter_map(|h| shuzhuan_policy::eval::industry_fit(&h.industry.code, &bundle, opts.lang)).collect();
            Ok(match opts.format {
                Format::Json => json(&fits),
                Format::Text => render::fits_text(&fits),
            })
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
