//! Command-line arguments, read with lexopt from the operating system's own strings
//! (`std::env::args_os`): a file name that is not UTF-8 (a GBK name) is kept as it is, and an
//! argument that must be text but is not is refused naming it, never a panic. Every flag is
//! defined once ([`Flag`]); each command lists the flags it takes. A problem names the flag (or
//! the argument) and says it in Chinese and English.

use crate::batch::{BatchArgs, Output};
use crate::providers::{Part, ProvidersArgs};
use lexopt::{Arg, Parser};
use shuzhuan_policy::batch::Encoding;
use shuzhuan_policy::rules::Audience;
use shuzhuan_policy::{Date, FieldError, Lang, RuleBundle, Text};
use std::ffi::OsString;
use std::path::PathBuf;

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
  shuzhuan batch IN.csv [-o OUT.csv] --programme ID [--programme ID…] [--as-of YYYY-MM-DD]
                 [--lang zh|en] [--format csv|jsonl] [--summary SUMMARY.json] [--encoding utf-8|gbk]
                 [--rules DIR|PACK]
  shuzhuan batch --template [-o TEMPLATE.csv] [--lang zh|en]
  shuzhuan providers check|score|stars FILE [--as-of YYYY-MM-DD] [--lang zh|en] [--format json|text]
                 [--rules DIR|PACK]
  shuzhuan --help | --version

Input is JSON (see README.md, \"The JSON contract\"); without FILE it is read from standard input.
Exit status: 0 when a report was computed (whatever the verdict), 2 on bad input or usage,
1 when `rules test` has a failing case.
--as-of YYYY-MM-DD is the date the rules are evaluated on; it defaults to today (or
SHUZHUAN_TODAY when set). `batch` and `providers` also take it as --today, its former name.
A flag's value may follow it or be joined to it: --lang en, --lang=en.
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
    Batch(BatchArgs),
    Providers(ProvidersArgs),
    Help,
    Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Format {
    #[default]
    Json,
    Text,
}

/// What `check`, `estimate`, `assess`, `programmes` and `industry search` were asked for.
#[derive(Debug, Default)]
pub struct Options {
    /// The JSON input (`None` or `-`: standard input), any name the system allows.
    pub file: Option<PathBuf>,
    pub as_of: Option<Date>,
    pub lang: Lang,
    pub format: Format,
    pub rules: Option<String>,
    /// `assess --template`: print a blank answers file instead of assessing.
    pub template: bool,
}

/// A problem with the arguments: the flag or argument it is about, and what is wrong.
pub type Problem = (String, Text);

pub fn err(field: &str, zh: String, en: String) -> Problem {
    (field.to_string(), Text::new(zh, en))
}

/// Every flag any command takes, each defined once. A flag's value follows it (`--lang en`) or is
/// joined to it (`--lang=en`, `-oOUT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flag {
    Help,
    Version,
    /// `--lang zh|en`: the language of the report and of its messages.
    Lang,
    /// `--format`: json|text, or csv|jsonl for `batch`.
    Format,
    /// `--as-of YYYY-MM-DD`: the date the rules are evaluated on (default today).
    /// `--today` is its former name, still taken by `batch` and `providers`.
    AsOf,
    /// `--rules DIR|PACK`: the rules instead of the embedded ones.
    Rules,
    /// `-o`, `--out`, `--output`: where a command writes.
    Out,
    Dir,
    Port,
    Kiosk,
    Template,
    /// `-p`, `--programme`, `--program`: a programme to screen against (repeatable, or `a,b`).
    Programme,
    Summary,
    Encoding,
}

impl Flag {
    fn of(arg: &Arg) -> Option<Flag> {
        use Flag::*;
        Some(match *arg {
            Arg::Short('h') | Arg::Long("help") => Help,
            Arg::Short('V') | Arg::Long("version") => Version,
            Arg::Long("lang") => Lang,
            Arg::Long("format") => Format,
            Arg::Long("as-of") | Arg::Long("today") => AsOf,
            Arg::Long("rules") => Rules,
            Arg::Short('o') | Arg::Long("out") | Arg::Long("output") => Out,
            Arg::Long("dir") => Dir,
            Arg::Long("port") => Port,
            Arg::Long("kiosk") => Kiosk,
            Arg::Long("template") => Template,
            Arg::Short('p') | Arg::Long("programme") | Arg::Long("program") => Programme,
            Arg::Long("summary") => Summary,
            Arg::Long("encoding") => Encoding,
            _ => return None,
        })
    }
}

/// An option as it was written: `--lang`, `-o`.
fn spelled(arg: &Arg) -> String {
    match arg {
        Arg::Short(c) => format!("-{c}"),
        Arg::Long(l) => format!("--{l}"),
        Arg::Value(v) => v.to_string_lossy().into_owned(),
    }
}

/// An argument as messages show it: not UTF-8 made readable, control characters made visible.
fn shown(v: &OsString) -> String {
    shuzhuan_policy::text::shown(&v.to_string_lossy(), 200)
}

/// The arguments read, before the command says which of them it takes.
#[derive(Default)]
struct Given {
    /// The flags given, as written, in order.
    flags: Vec<(Flag, String)>,
    positional: Vec<OsString>,
    lang: Option<Lang>,
    format: Option<String>,
    as_of: Option<Date>,
    rules: Option<OsString>,
    out: Option<OsString>,
    dir: Option<OsString>,
    port: Option<u16>,
    kiosk: bool,
    template: bool,
    programmes: Vec<String>,
    summary: Option<OsString>,
    encoding: Option<Encoding>,
}

/// The value of flag `name`; none is a problem naming it.
fn value(p: &mut Parser, name: &str) -> Result<OsString, Problem> {
    p.value().map_err(|_| err(name, format!("{name} 需要一个值"), format!("{name} needs a value")))
}

/// `v` as text: an argument that is not UTF-8 is refused, naming it (`name`).
fn text(v: OsString, name: &str) -> Result<String, Problem> {
    v.into_string().map_err(|v| {
        let s = shown(&v);
        err(
            name,
            format!("{name}：“{s}”不是 UTF-8 编码的文字；这里只接受 UTF-8（文件名请改用 UTF-8 名称）"),
            format!("{name}: \"{s}\" is not UTF-8 text; only UTF-8 is taken here (rename a file to a UTF-8 name)"),
        )
    })
}

/// A date YYYY-MM-DD for `name`.
fn date(v: &str, name: &str) -> Result<Date, Problem> {
    Date::parse(v).map_err(|e| {
        let said = e.about(v);
        err(name, format!("{name}：{}", said.zh), format!("{name}: {}", said.en))
    })
}

/// The value of `--encoding`: `utf-8`/`utf8`, `gbk`/`gb18030`/`gb2312` (any case), or `auto`.
fn encoding(v: &str) -> Result<Option<Encoding>, Problem> {
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

/// Reads every argument. `Ok(Err(command))`: `--help` or `--version`, answered at once.
fn read(argv: impl IntoIterator<Item = OsString>) -> Result<Result<Given, Command>, Problem> {
    let mut p = Parser::from_args(argv);
    let mut g = Given::default();
    loop {
        let arg = match p.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(lexopt::Error::UnexpectedValue { option, .. }) => {
                return Err(err(&option, format!("{option} 不带值"), format!("{option} takes no value")))
            }
            Err(e) => return Err(err("command", format!("参数有误：{e}"), format!("bad arguments: {e}"))),
        };
        if let Arg::Value(v) = arg {
            g.positional.push(v);
            continue;
        }
        let name = spelled(&arg);
        let Some(flag) = Flag::of(&arg) else {
            return Err(err(&name, format!("未知选项 {name}"), format!("unknown option {name}")));
        };
        match flag {
            Flag::Help => return Ok(Err(Command::Help)),
            Flag::Version => return Ok(Err(Command::Version)),
            Flag::Lang => {
                let v = text(value(&mut p, &name)?, &name)?;
                g.lang = Some(Lang::parse(&v).ok_or_else(|| {
                    err(&name, format!("{name} 应为 zh 或 en，收到“{v}”"), format!("{name} must be zh or en, got \"{v}\""))
                })?);
            }
            Flag::Format => g.format = Some(text(value(&mut p, &name)?, &name)?),
            Flag::AsOf => g.as_of = Some(date(&text(value(&mut p, &name)?, &name)?, &name)?),
            Flag::Rules => g.rules = Some(value(&mut p, &name)?),
            Flag::Out => g.out = Some(value(&mut p, &name)?),
            Flag::Dir => g.dir = Some(value(&mut p, &name)?),
            Flag::Port => {
                let v = text(value(&mut p, &name)?, &name)?;
                g.port = Some(v.parse().map_err(|_| {
                    err(&name, format!("{name} 应为 0–65535 的整数，收到“{v}”"), format!("{name} must be a number 0–65535, got \"{v}\""))
                })?);
            }
            Flag::Kiosk => g.kiosk = true,
            Flag::Template => g.template = true,
            Flag::Programme => {
                let v = text(value(&mut p, &name)?, &name)?;
                g.programmes.extend(v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
            }
            Flag::Summary => g.summary = Some(value(&mut p, &name)?),
            Flag::Encoding => g.encoding = encoding(&text(value(&mut p, &name)?, &name)?)?,
        }
        g.flags.push((flag, name));
    }
    Ok(Ok(g))
}

impl Given {
    /// Refuses a flag `cmd` does not take. `--today`, the former name of `--as-of`, is taken by
    /// `batch` and `providers` only.
    fn only(&self, cmd: &str, takes: &[Flag]) -> Result<(), Problem> {
        let old_name = |name: &str| name == "--today" && !matches!(cmd, "batch" | "providers");
        match self.flags.iter().find(|(f, name)| !takes.contains(f) || old_name(name)) {
            Some((_, name)) => Err(err(name, format!("{cmd} 不认识选项 {name}"), format!("unknown option {name} for {cmd}"))),
            None => Ok(()),
        }
    }

    /// The name a flag was given as (the last time), or `default`.
    fn name_of(&self, flag: Flag, default: &str) -> String {
        self.flags.iter().rev().find(|(f, _)| *f == flag).map_or(default.to_string(), |(_, n)| n.clone())
    }

    /// A path given with `flag`, as text (the commands that pass it on as text).
    fn text_path(&self, v: &Option<OsString>, flag: Flag, default: &str) -> Result<Option<String>, Problem> {
        v.clone().map(|v| text(v, &self.name_of(flag, default))).transpose()
    }

    /// `--format json|text`.
    fn format(&self) -> Result<Format, Problem> {
        match self.format.as_deref() {
            None | Some("json") => Ok(Format::Json),
            Some("text") => Ok(Format::Text),
            Some(v) => Err(err(
                "--format",
                format!("--format 应为 json 或 text，收到“{v}”"),
                format!("--format must be json or text, got \"{v}\""),
            )),
        }
    }
}

/// The arguments after the program's name.
pub fn parse(argv: impl IntoIterator<Item = OsString>) -> Result<(Command, Options), FieldError> {
    parse_inner(argv).map_err(|(field, message)| FieldError::new(field, message))
}

fn parse_inner(argv: impl IntoIterator<Item = OsString>) -> Result<(Command, Options), Problem> {
    use Flag::*;
    let g = match read(argv)? {
        Ok(g) => g,
        Err(cmd) => return Ok((cmd, Options::default())),
    };
    let mut pos = g.positional.clone().into_iter();
    let Some(word) = pos.next() else { return Ok((Command::Help, Options::default())) };
    let unknown = |w: &OsString| {
        let w = shown(w);
        err("command", format!("未知命令“{w}”"), format!("unknown command \"{w}\""))
    };
    let cmd = word.to_str().ok_or_else(|| unknown(&word))?;
    let extra = |a: OsString| {
        let a = shown(&a);
        err("command", format!("多余的参数“{a}”"), format!("unexpected argument \"{a}\""))
    };
    let mut opts = Options { as_of: g.as_of, lang: g.lang.unwrap_or_default(), template: g.template, ..Options::default() };
    let command = match cmd {
        "check" | "estimate" | "assess" | "programmes" | "programs" => {
            let assess = cmd == "assess";
            g.only(cmd, if assess { &[Lang, Format, AsOf, Rules, Template] } else { &[Lang, Format, AsOf, Rules] })?;
            if !cmd.starts_with("program") {
                opts.file = pos.next().map(PathBuf::from);
            }
            match cmd {
                "check" => Command::Check,
                "estimate" => Command::Estimate,
                "assess" => Command::Assess,
                _ => Command::Programmes,
            }
        }
        "industry" => {
            g.only(cmd, &[Lang, Format, Rules])?;
            let usage = || err("command", "用法：shuzhuan industry search 关键词".into(), "usage: shuzhuan industry search QUERY".into());
            if !matches!(pos.next().as_ref().and_then(|w| w.to_str()), Some("search")) {
                return Err(usage());
            }
            let words = pos.by_ref().map(|w| text(w, "QUERY")).collect::<Result<Vec<_>, _>>()?;
            if words.is_empty() {
                return Err(usage());
            }
            Command::IndustrySearch { query: words.join(" ") }
        }
        "rules" => {
            g.only(cmd, &[Out])?;
            let usage = || {
                err(
                    "command",
                    "用法：shuzhuan rules new ID [-o DIR] | validate DIR|PACK | test DIR | build DIR -o OUT".into(),
                    "usage: shuzhuan rules new ID [-o DIR] | validate DIR|PACK | test DIR | build DIR -o OUT".into(),
                )
            };
            let out = g.text_path(&g.out, Out, "-o")?;
            let sub = pos.next().ok_or_else(usage)?;
            let sub = sub.to_str().ok_or_else(usage)?.to_string();
            let arg_name = if sub == "new" { "ID" } else { "DIR" };
            let arg = text(pos.next().ok_or_else(usage)?, arg_name)?;
            match (sub.as_str(), out) {
                ("validate", _) => Command::RulesValidate { dir: arg },
                ("test", _) => Command::RulesTest { dir: arg },
                ("build", Some(out)) => Command::RulesBuild { dir: arg, out },
                ("build", None) => return Err(err("-o", "rules build 需要 -o 输出文件".into(), "rules build needs -o OUT".into())),
                ("new", dir) => Command::RulesNew { id: arg, dir },
                _ => return Err(usage()),
            }
        }
        "site" => {
            g.only(cmd, &[Rules, Out, Dir])?;
            match (g.text_path(&g.rules, Rules, "--rules")?, g.text_path(&g.out, Out, "-o")?) {
                (Some(rules), Some(out)) => Command::Site { rules, out, from: g.text_path(&g.dir, Dir, "--dir")? },
                _ => {
                    return Err(err(
                        "command",
                        "用法：shuzhuan site --rules DIR|PACK -o OUT [--dir SITE]".into(),
                        "usage: shuzhuan site --rules DIR|PACK -o OUT [--dir SITE]".into(),
                    ))
                }
            }
        }
        "serve" => {
            g.only(cmd, &[Port, Dir, Kiosk, Rules])?;
            Command::Serve {
                dir: g.text_path(&g.dir, Dir, "--dir")?.unwrap_or_else(|| "dist".into()),
                port: g.port.unwrap_or(8080),
                kiosk: g.kiosk,
                rules: g.text_path(&g.rules, Rules, "--rules")?,
            }
        }
        "batch" => {
            g.only(cmd, &[Out, Programme, AsOf, Lang, Format, Summary, Encoding, Template, Rules])?;
            let a = batch(&g, pos.next().map(PathBuf::from))?;
            crate::batch::same_file_problem(&a, &g.name_of(Out, "-o"))?;
            Command::Batch(a)
        }
        "providers" => {
            g.only(cmd, &[Lang, Format, AsOf, Rules])?;
            let usage = || {
                err(
                    "command",
                    "用法：shuzhuan providers check|score|stars FILE".into(),
                    "usage: shuzhuan providers check|score|stars FILE".into(),
                )
            };
            let part = match pos.next().as_ref().and_then(|w| w.to_str()) {
                Some("check") => Part::Check,
                Some("score") => Part::Score,
                Some("stars") => Part::Stars,
                _ => return Err(usage()),
            };
            let file = Some(PathBuf::from(pos.next().ok_or_else(usage)?));
            let rules = g.text_path(&g.rules, Rules, "--rules")?;
            Command::Providers(ProvidersArgs {
                part,
                file,
                lang: opts.lang,
                text: g.format()? == self::Format::Text,
                as_of: g.as_of,
                rules,
            })
        }
        _ => return Err(unknown(&word)),
    };
    if let Some(a) = pos.next() {
        return Err(extra(a));
    }
    if !matches!(command, Command::Batch(_)) {
        opts.format = g.format()?;
        opts.rules = g.text_path(&g.rules, Rules, "--rules")?;
    }
    Ok((command, opts))
}

/// `batch`'s arguments: the list to screen (`input`) and the programmes are required, unless
/// `--template` asks for the blank list.
fn batch(g: &Given, input: Option<PathBuf>) -> Result<BatchArgs, Problem> {
    let format = match g.format.as_deref() {
        None | Some("csv") => Output::Csv,
        Some("jsonl" | "json") => Output::Jsonl,
        Some(v) => {
            return Err(err(
                "--format",
                format!("batch 的 --format 应为 csv 或 jsonl，收到“{v}”"),
                format!("batch --format must be csv or jsonl, got \"{v}\""),
            ))
        }
    };
    let a = BatchArgs {
        input,
        output: g.out.clone().map(PathBuf::from),
        programmes: g.programmes.clone(),
        as_of: g.as_of,
        lang: g.lang.unwrap_or_default(),
        template: g.template,
        format,
        summary: g.summary.clone().map(PathBuf::from),
        encoding: g.encoding,
        rules: g.text_path(&g.rules, Flag::Rules, "--rules")?,
    };
    if !a.template {
        if a.input.is_none() {
            return Err(err(
                "command",
                "请给出要初筛的文件：shuzhuan batch IN.csv --programme ID".into(),
                "name the file to screen: shuzhuan batch IN.csv --programme ID".into(),
            ));
        }
        if a.programmes.is_empty() && a.rules.is_some() {
            // The pack's programmes are known only once it is read: name the command that lists them.
            return Err(err(
                "--programme",
                "请用 --programme 指定政策（可多次）；这套规则中的政策编号见 shuzhuan programmes --rules 同一路径".into(),
                "choose the programme(s) with --programme (repeatable); shuzhuan programmes --rules with the same path lists them".into(),
            ));
        }
        if a.programmes.is_empty() {
            let ids = RuleBundle::embedded()
                .programmes
                .iter()
                .filter(|p| p.audience == Audience::Enterprise)
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
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn p(s: &str) -> Result<(Command, Options), FieldError> {
        parse(s.split_whitespace().map(OsString::from))
    }
    fn batch(s: &str) -> Result<BatchArgs, FieldError> {
        match p(&format!("batch {s}"))? {
            (Command::Batch(a), _) => Ok(a),
            (c, _) => panic!("{c:?}"),
        }
    }
    #[test]
    fn flags() {
        let (c, o) = p("check in.json --as-of 2025-06-30 --lang en --format text").unwrap();
        assert_eq!(c, Command::Check);
        assert_eq!(o.file.as_deref(), Some(std::path::Path::new("in.json")));
        assert_eq!(o.as_of.unwrap().to_string(), "2025-06-30");
        assert_eq!(o.lang, Lang::En);
        assert_eq!(o.format, Format::Text);
        assert!(p("check --as-of 2025-02-30").is_err());
        assert!(p("check --lang fr").is_err());
        assert!(p("frobnicate").is_err());
        assert_eq!(p("rules validate dir").unwrap().0, Command::RulesValidate { dir: "dir".into() });
        assert_eq!(p("check --as-of=2025-01-01").unwrap().1.as_of.unwrap().to_string(), "2025-01-01");
        assert_eq!(p("--lang=en check").unwrap().1.lang, Lang::En);
        assert_eq!(p("serve --port=9000 --kiosk").unwrap().0, Command::Serve { dir: "dist".into(), port: 9000, kiosk: true, rules: None });
        assert_eq!(p("rules build dir -o out.json").unwrap().0, Command::RulesBuild { dir: "dir".into(), out: "out.json".into() });
        assert_eq!(p("check -h").unwrap().0, Command::Help);
    }

    #[test]
    fn batch_flags() {
        let a = batch("in.csv -o out.csv --programme fuzhou-2024 --programme=xiamen-2024,jinan-2024 --as-of 2025-06-30 --lang en").unwrap();
        assert_eq!(a.input.as_deref(), Some(std::path::Path::new("in.csv")));
        assert_eq!(a.output.as_deref(), Some(std::path::Path::new("out.csv")));
        assert_eq!(a.programmes, ["fuzhou-2024", "xiamen-2024", "jinan-2024"]);
        assert_eq!(a.as_of.unwrap().to_string(), "2025-06-30");
        assert_eq!(a.lang, Lang::En);
        assert!(batch("--template").unwrap().template);
        assert_eq!(batch("in.csv").unwrap_err().field, "--programme");
        assert_eq!(batch("--programme x").unwrap_err().field, "command");
        assert_eq!(batch("in.csv --programme x --as-of 2025-02-30").unwrap_err().field, "--as-of");
        assert_eq!(batch("in.csv --programme x --frobnicate").unwrap_err().field, "--frobnicate");
        assert_eq!(batch("in.csv --programme x --rules dir").unwrap().rules.as_deref(), Some("dir"));
        // Under --rules the embedded ids would mislead: the hint names the command that lists the pack's.
        let e = batch("in.csv --rules dir").unwrap_err();
        assert_eq!(e.field, "--programme");
        assert!(e.message.en.contains("programmes --rules") && !e.message.en.contains("fuzhou-2024"), "{:?}", e.message);
        assert!(batch("in.csv").unwrap_err().message.en.contains("fuzhou-2024"));
        for (v, want) in [
            ("utf-8", Some(Encoding::Utf8)),
            ("UTF8", Some(Encoding::Utf8)),
            ("GB18030", Some(Encoding::Gbk)),
            ("gbk", Some(Encoding::Gbk)),
            ("auto", None),
        ] {
            assert_eq!(batch(&format!("in.csv --programme x --encoding {v}")).unwrap().encoding, want, "{v}");
        }
        assert_eq!(batch("in.csv --programme x --encoding latin1").unwrap_err().field, "--encoding");
    }

    /// `--today` is `--as-of` under its former name, in `batch` and `providers` only.
    #[test]
    fn today_is_the_former_name_of_as_of() {
        let old = batch("in.csv -p x --today 2025-06-30").unwrap();
        assert_eq!(old, batch("in.csv -p x --as-of 2025-06-30").unwrap());
        assert_eq!(old, batch("in.csv -p x --as-of=2025-06-30").unwrap());
        assert_eq!(batch("in.csv -p x --today 2025-02-30").unwrap_err().field, "--today");
        match p("providers check f.json --today 2025-06-30").unwrap().0 {
            Command::Providers(a) => assert_eq!(a.as_of.unwrap().to_string(), "2025-06-30"),
            c => panic!("{c:?}"),
        }
        let e = p("check --today 2025-06-30").unwrap_err();
        assert_eq!(e.field, "--today");
    }

    #[test]
    fn a_problem_names_the_flag_in_both_languages() {
        let e = p("check --frobnicate").unwrap_err();
        assert_eq!(e.field, "--frobnicate");
        assert!(e.message.zh.contains("未知选项 --frobnicate"), "{:?}", e.message);
        assert!(e.message.en.contains("unknown option --frobnicate"), "{:?}", e.message);
        let e = p("check -x").unwrap_err();
        assert_eq!(e.field, "-x");
        let e = p("check --lang").unwrap_err();
        assert_eq!(e.field, "--lang");
        assert!(e.message.zh.contains("--lang 需要一个值") && e.message.en.contains("--lang needs a value"), "{:?}", e.message);
        let e = batch("in.csv -p x -o").unwrap_err();
        assert_eq!(e.field, "-o");
        assert!(e.message.en.contains("-o needs a value"), "{:?}", e.message);
        let e = p("check --format=yaml").unwrap_err();
        assert_eq!(e.field, "--format");
        assert!(e.message.zh.contains("yaml") && e.message.en.contains("yaml"), "{:?}", e.message);
        let e = p("serve --kiosk=yes").unwrap_err();
        assert_eq!(e.field, "--kiosk");
        assert!(e.message.zh.contains("不带值") && e.message.en.contains("takes no value"), "{:?}", e.message);
        let e = p("check --port 80").unwrap_err();
        assert_eq!(e.field, "--port");
        assert!(e.message.zh.contains("check 不认识选项 --port") && e.message.en.contains("unknown option --port for check"));
    }

    /// A name that is not UTF-8 (GBK bytes) is kept where it is a file, and refused by name where
    /// the value must be text.
    #[cfg(unix)]
    #[test]
    fn an_argument_that_is_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let gbk = || OsString::from(std::ffi::OsStr::from_bytes(b"\xc4\xe3\xba\xc3.csv"));
        let args = |list: &[&str], at: usize| {
            let mut v: Vec<OsString> = list.iter().map(OsString::from).collect();
            v.insert(at, gbk());
            v
        };
        assert_eq!(parse(args(&["batch", "-p", "x", "-o"], 1)).unwrap_err().field, "-o");
        match parse(args(&["batch", "-p", "x"], 1)).unwrap().0 {
            Command::Batch(a) => assert_eq!(a.input.unwrap().as_os_str(), gbk()),
            c => panic!("{c:?}"),
        }
        match parse(args(&["batch", "in.csv", "-p", "x", "-o"], 5)).unwrap().0 {
            Command::Batch(a) => assert_eq!(a.output.unwrap().as_os_str(), gbk()),
            c => panic!("{c:?}"),
        }
        assert_eq!(parse(args(&["check"], 1)).unwrap().1.file.unwrap().as_os_str(), gbk());
        let e = parse(args(&["check", "--rules"], 2)).unwrap_err();
        assert_eq!(e.field, "--rules");
        assert!(e.message.zh.contains("UTF-8") && e.message.en.contains("not UTF-8"), "{:?}", e.message);
        assert_eq!(parse(args(&["check", "--lang"], 2)).unwrap_err().field, "--lang");
        assert_eq!(parse(args(&["rules", "validate"], 2)).unwrap_err().field, "DIR");
        assert_eq!(parse(args(&[], 0)).unwrap_err().field, "command");
    }
}
