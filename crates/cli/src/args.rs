//! Command-line arguments, parsed by hand (the command has few flags; no parser dependency).

use shuzhuan_policy::{Date, FieldError, Lang, Text};

pub const USAGE: &str = "\
shuzhuan — 中小企业数字化转型城市试点 自查与补贴估算 / SME digital-transformation pilot self-check

USAGE:
  shuzhuan check    [FILE|-] [--as-of YYYY-MM-DD] [--lang zh|en] [--format json|text] [--rules DIR]
  shuzhuan estimate [FILE|-] [--as-of YYYY-MM-DD] [--lang zh|en] [--format json|text] [--rules DIR]
  shuzhuan assess   [FILE|-] [--as-of YYYY-MM-DD] [--lang zh|en] [--format json|text] [--rules DIR]
  shuzhuan assess --template [--format json|text]   blank answers (json) or the questionnaire (text)
  shuzhuan programmes [--as-of YYYY-MM-DD] [--lang zh|en] [--format json|text] [--rules DIR]
  shuzhuan rules new ID [-o DIR]             a commented rule-pack template (Chinese first) and its cases
  shuzhuan rules validate DIR|PACK           every problem with its file, line and column
  shuzhuan rules test DIR                    run DIR/cases/*.toml against the pack (exit 1 on a failure)
  shuzhuan rules build DIR -o OUT            the pack every shell reads (rules.json)
  shuzhuan site --rules DIR|PACK -o OUT [--dir SITE]   the whole static site with this pack as its
                                             rules.json (from SITE, the app in this binary, or dist/)
  shuzhuan industry search QUERY [--format json|text]
  shuzhuan serve [--port N] [--dir DIR] [--rules DIR|PACK]   serve the built app (default dist/) on
                                             127.0.0.1, with this pack as its rules.json when given
  shuzhuan serve --kiosk [--port N] [--rules DIR|PACK]   serve the app built into this binary
  shuzhuan batch IN.csv [-o OUT.csv] --programme ID [--programme ID…] [--today YYYY-MM-DD]
                 [--lang zh|en] [--format csv|jsonl] [--summary SUMMARY.json] [--encoding utf-8|gbk]
  shuzhuan batch --template [-o TEMPLATE.csv] [--lang zh|en]
  shuzhuan providers check|score|stars FILE [--lang zh|en] [--format json|text]
  shuzhuan --help | --version

Input is JSON (see README.md, \"The JSON contract\"); without FILE it is read from standard input.
Exit status: 0 when a report was computed (whatever the verdict), 2 on bad input or usage,
1 when `rules test` has a failing case.
The date evaluated defaults to today (or SHUZHUAN_TODAY when set).
";

#[derive(Debug, PartialEq)]
pub enum Command {
    Check,
    Estimate,
    Assess,
    Programmes,
    RulesValidate { dir: String },
    RulesTest { dir: String },
    RulesBuild { dir: String, out: String },
    RulesNew { id: String, dir: Option<String> },
    Site { rules: String, out: String, from: Option<String> },
    IndustrySearch { query: String },
    Serve { dir: String, port: u16, kiosk: bool, rules: Option<String> },
    Batch(crate::batch::BatchArgs),
    Providers(crate::providers::ProvidersArgs),
    Help,
    Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Format {
    #[default]
    Json,
    Text,
}

#[derive(Debug, Default)]
pub struct Options {
    pub file: Option<String>,
    pub as_of: Option<Date>,
    pub lang: Lang,
    pub format: Format,
    pub rules: Option<String>,
    pub port: Option<u16>,
    pub dir: Option<String>,
    /// `serve --kiosk`: the built-in app.
    pub kiosk: bool,
    /// `assess --template`: print a blank answers file instead of assessing.
    pub template: bool,
    /// `-o` / `--out`: where `rules build`, `rules new` and `site` write.
    pub out: Option<String>,
}

pub fn parse(argv: &[String]) -> Result<(Command, Options), FieldError> {
    parse_inner(argv).map_err(|(field, message)| FieldError::new(field, message))
}

pub fn err(field: &str, zh: String, en: String) -> (String, Text) {
    (field.to_string(), Text::new(zh, en))
}

fn parse_inner(argv: &[String]) -> Result<(Command, Options), (String, Text)> {
    // `batch` and `providers` have flags of their own (crates/cli/src/batch.rs, providers.rs).
    match argv.first().map(String::as_str) {
        Some("batch") => return crate::batch::parse_args(&argv[1..]).map(|a| (Command::Batch(a), Options::default())),
        Some("providers") => return crate::providers::parse_args(&argv[1..]).map(|a| (Command::Providers(a), Options::default())),
        _ => {}
    }
    let mut opts = Options::default();
    let mut positional: Vec<String> = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = |name: &str| -> Result<String, (String, Text)> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            argv.get(i).cloned().ok_or_else(|| (name.to_string(), Text::new(format!("{name} 需要一个值"), format!("{name} needs a value"))))
        };
        match flag {
            "-h" | "--help" => return Ok((Command::Help, opts)),
            "-V" | "--version" => return Ok((Command::Version, opts)),
            "--as-of" => {
                let v = value("--as-of")?;
                opts.as_of = Some(Date::parse(&v).map_err(|_| {
                    err(
                        "--as-of",
                        format!("--as-of：日期应为 YYYY-MM-DD 且真实存在，收到“{v}”"),
                        format!("--as-of: expected a real date YYYY-MM-DD, got \"{v}\""),
                    )
                })?);
            }
            "--lang" => {
                let v = value("--lang")?;
                opts.lang = Lang::parse(&v).ok_or_else(|| {
                    err("--lang", format!("--lang 应为 zh 或 en，收到“{v}”"), format!("--lang must be zh or en, got \"{v}\""))
                })?;
            }
            "--format" => {
                let v = value("--format")?;
                opts.format = match v.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    _ => {
                        return Err(err(
                            "--format",
                            format!("--format 应为 json 或 text，收到“{v}”"),
                            format!("--format must be json or text, got \"{v}\""),
                        ))
                    }
                };
            }
            "--rules" => opts.rules = Some(value("--rules")?),
            "-o" | "--out" => opts.out = Some(value("-o")?),
            "--template" => opts.template = true,
            "--dir" => opts.dir = Some(value("--dir")?),
            "--kiosk" => opts.kiosk = true,
            "--port" => {
                let v = value("--port")?;
                opts.port = Some(v.parse().map_err(|_| {
                    (
                        "--port".to_string(),
                        Text::new(
                            format!("--port 应为 0–65535 的整数，收到“{v}”"),
                            format!("--port must be a number 0–65535, got \"{v}\""),
                        ),
                    )
                })?);
            }
            f if f.starts_with("--") => return Err((f.to_string(), Text::new(format!("未知选项 {f}"), format!("unknown option {f}")))),
            _ => positional.push(a.to_string()),
        }
        i += 1;
    }
    let mut pos = positional.into_iter();
    let cmd = match pos.next().as_deref() {
        None => return Ok((Command::Help, opts)),
        Some("check") => Command::Check,
        Some("estimate") => Command::Estimate,
        Some("assess") => Command::Assess,
        Some("programmes") | Some("programs") => Command::Programmes,
        Some("serve") => Command::Serve {
            dir: opts.dir.clone().unwrap_or_else(|| "dist".into()),
            port: opts.port.unwrap_or(8080),
            kiosk: opts.kiosk,
            rules: opts.rules.clone(),
        },
        Some("rules") => {
            let usage = || {
                (
                    "command".to_string(),
                    Text::new(
                        "用法：shuzhuan rules new ID [-o DIR] | validate DIR|PACK | test DIR | build DIR -o OUT",
                        "usage: shuzhuan rules new ID [-o DIR] | validate DIR|PACK | test DIR | build DIR -o OUT",
                    ),
                )
            };
            match (pos.next().as_deref(), pos.next()) {
                (Some("validate"), Some(dir)) => Command::RulesValidate { dir },
                (Some("test"), Some(dir)) => Command::RulesTest { dir },
                (Some("build"), Some(dir)) => match opts.out.clone() {
                    Some(out) => Command::RulesBuild { dir, out },
                    None => return Err(err("-o", "rules build 需要 -o 输出文件".into(), "rules build needs -o OUT".into())),
                },
                (Some("new"), Some(id)) => Command::RulesNew { id, dir: opts.out.clone() },
                _ => return Err(usage()),
            }
        }
        Some("site") => match (opts.rules.clone(), opts.out.clone()) {
            (Some(rules), Some(out)) => Command::Site { rules, out, from: opts.dir.clone() },
            _ => {
                return Err(err(
                    "command",
                    "用法：shuzhuan site --rules DIR|PACK -o OUT [--dir SITE]".into(),
                    "usage: shuzhuan site --rules DIR|PACK -o OUT [--dir SITE]".into(),
                ))
            }
        },
        Some("industry") => match pos.next().as_deref() {
            Some("search") => {
                let q: Vec<String> = pos.by_ref().collect();
                if q.is_empty() {
                    return Err((
                        "command".into(),
                        Text::new("用法：shuzhuan industry search 关键词", "usage: shuzhuan industry search QUERY"),
                    ));
                }
                return Ok((Command::IndustrySearch { query: q.join(" ") }, opts));
            }
            _ => {
                return Err(("command".into(), Text::new("用法：shuzhuan industry search 关键词", "usage: shuzhuan industry search QUERY")))
            }
        },
        Some(other) => return Err(("command".into(), Text::new(format!("未知命令“{other}”"), format!("unknown command \"{other}\"")))),
    };
    if matches!(cmd, Command::Check | Command::Estimate | Command::Assess) {
        opts.file = pos.next();
    }
    if let Some(extra) = pos.next() {
        return Err(("command".into(), Text::new(format!("多余的参数“{extra}”"), format!("unexpected argument \"{extra}\""))));
    }
    Ok((cmd, opts))
}

/// Reads one flag of a subcommand's arguments at `*i`: `(flag, value reader)`. `--flag=value`
/// carries its value inline; otherwise the reader takes the next argument (advancing `*i`).
pub fn flag_at<'a>(argv: &'a [String], i: &'a mut usize) -> (&'a str, impl FnMut(&str) -> Result<String, (String, Text)> + 'a) {
    let arg = argv[*i].as_str();
    let (flag, inline) = match arg.split_once('=') {
        Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
        _ => (arg, None),
    };
    let value = move |name: &str| -> Result<String, (String, Text)> {
        if let Some(v) = inline.clone() {
            return Ok(v);
        }
        *i += 1;
        argv.get(*i).cloned().ok_or_else(|| err(name, format!("{name} 需要一个值"), format!("{name} needs a value")))
    };
    (flag, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn p(s: &str) -> Result<(Command, Options), FieldError> {
        parse(&s.split_whitespace().map(String::from).collect::<Vec<_>>())
    }
    #[test]
    fn flags() {
        let (c, o) = p("check in.json --as-of 2025-06-30 --lang en --format text").unwrap();
        assert_eq!(c, Command::Check);
        assert_eq!(o.file.as_deref(), Some("in.json"));
        assert_eq!(o.as_of.unwrap().to_string(), "2025-06-30");
        assert_eq!(o.lang, Lang::En);
        assert_eq!(o.format, Format::Text);
        assert!(p("check --as-of 2025-02-30").is_err());
        assert!(p("check --lang fr").is_err());
        assert!(p("frobnicate").is_err());
        assert_eq!(p("rules validate dir").unwrap().0, Command::RulesValidate { dir: "dir".into() });
        assert_eq!(p("check --as-of=2025-01-01").unwrap().1.as_of.unwrap().to_string(), "2025-01-01");
    }
}
