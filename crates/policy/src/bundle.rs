//! The rule bundle: every programme file, parsed and validated, with a version and a content
//! hash so a printed report can say exactly which rules produced it.

use crate::catalogue::catalogue;
use crate::region;
use crate::rules::{Audience, CriterionKind, Formula, Measure, PaidTo, Programme, QuestionKind, RuleVersion, Scope, Source, ROLES, SCHEMA};
use crate::t;
use crate::text::{Lang, Text};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
#[cfg(feature = "embedded-rules")]
use std::sync::OnceLock;

mod pack;
mod read;

#[cfg(feature = "toml")]
pub use pack::build_pack;
pub use pack::{PackReader, PACK_FORMAT};

#[cfg(feature = "embedded-rules")]
include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The embedded rule files as TOML text, in file-name order (the order a directory is read in;
/// the JSON above is built from them).
#[cfg(feature = "toml")]
pub const EMBEDDED: &[(&str, &str)] = &[
    ("fuzhou-2024.toml", include_str!("../rules/fuzhou-2024.toml")),
    ("fuzhou-providers-2024.toml", include_str!("../rules/fuzhou-providers-2024.toml")),
    ("jinan-2024.toml", include_str!("../rules/jinan-2024.toml")),
    ("jinhua-2024.toml", include_str!("../rules/jinhua-2024.toml")),
    ("xiamen-2024.toml", include_str!("../rules/xiamen-2024.toml")),
];

/// One rule file as read: its name, its programme when the structure was read, and the
/// problems found while reading it (path, message, column inside a condition).
type ReadFile = (String, Option<Programme>, Vec<ReadProblem>);

/// A problem found while reading a file: path, message, and for a condition that does not
/// parse, the column inside it.
type ReadProblem = (String, Text, Option<usize>);

/// One problem in a rules directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// Where in the file, e.g. `versions[0].measures[2].formula.ratio`.
    pub path: String,
    /// The line and column in the file (from 1), when the file is text the problem can be found in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in English (as before `message_zh` was added; outside checks read it).
    pub message: String,
    /// What is wrong, in Chinese: every shell shows it first (or alone, in Chinese mode).
    pub message_zh: String,
    /// For a condition that does not parse: the column inside the expression, added to the
    /// string's own column when the line and column are found.
    #[serde(skip)]
    expr_column: Option<usize>,
}

impl Problem {
    /// The problem in one language: `file:line:col: path: message` (`file: path: message` when
    /// its place in the file is not known).
    pub fn located(&self, lang: Lang) -> String {
        let message = match lang {
            Lang::Zh => &self.message_zh,
            Lang::En => &self.message,
        };
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: {}: {message}", self.file, self.path),
            _ => format!("{}: {}: {message}", self.file, self.path),
        }
    }

    /// A problem at a path, its line and column not yet found.
    pub fn at(file: &str, path: &str, message: Text) -> Problem {
        let Text { zh, en } = message;
        Problem { file: file.into(), path: path.into(), line: None, column: None, message: en, message_zh: zh, expr_column: None }
    }
}

/// Every problem found; a bundle with any problem is refused whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BundleError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for BundleError {
    /// Each problem as `file:line:col: path: 中文`, the English indented on the next line (the
    /// place first, so that an editor can jump to it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{}", p.located(Lang::Zh))?;
            writeln!(f, "    {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for BundleError {}

/// A validated set of programmes.
#[derive(Clone, Debug, Serialize)]
pub struct RuleBundle {
    pub programmes: Vec<Programme>,
    /// Where the rules came from: `embedded` or the caller's label (e.g. a directory).
    pub origin: String,
    /// FNV-1a 64 of the file names and texts, hex: changes whenever any rule text changes.
    pub hash: String,
}

#[cfg(feature = "toml")]
fn hash_of(sources: &[(String, String)]) -> String {
    crate::fnv::fnv1a(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

/// The rules built into this binary, once read ([`RuleBundle::embedded`]).
#[cfg(feature = "embedded-rules")]
static EMBEDDED_BUNDLE: OnceLock<RuleBundle> = OnceLock::new();

impl RuleBundle {
    /// The rules built into this binary (the seed pack). They are checked by the test suite;
    /// should a file ever fail to load, it is left out rather than a panic.
    #[cfg(feature = "embedded-rules")]
    pub fn embedded() -> &'static RuleBundle {
        // Not validated again here: the test suite requires `embedded_problems()` to be `None`,
        // and validation needs the catalogue, which a build without it embedded loads later.
        EMBEDDED_BUNDLE.get_or_init(RuleBundle::read_embedded)
    }

    /// Reads the rules built into this binary afresh ([`RuleBundle::embedded`] keeps one copy).
    #[cfg(feature = "embedded-rules")]
    pub fn read_embedded() -> RuleBundle {
        RuleBundle {
            programmes: EMBEDDED_JSON.iter().filter_map(|(_, t)| read::programme_faults(t).ok()).collect(),
            origin: "embedded".into(),
            hash: EMBEDDED_HASH.to_string(),
        }
    }

    /// The problems of the embedded rules, if any (the test suite requires none).
    #[cfg(feature = "embedded-rules")]
    pub fn embedded_problems() -> Option<BundleError> {
        let parsed = EMBEDDED_JSON
            .iter()
            .map(|(n, t)| match read::programme_faults(t) {
                Ok(p) => (n.to_string(), Some(p), Vec::new()),
                Err(faults) => (n.to_string(), None, read::unlocated(faults)),
            })
            .collect();
        RuleBundle::from_parsed(parsed, "embedded", EMBEDDED_HASH.to_string()).err()
    }

    /// Parses and validates rule files given as `(file name, TOML text)` pairs. Every problem of
    /// every file is listed: unknown keys all at once (each is set aside and the file read again,
    /// so its other problems show too), then whatever the file's meaning gets wrong ([`validate`]).
    /// A value of the wrong type still stops its file at that value.
    #[cfg(feature = "toml")]
    pub fn from_sources(sources: &[(String, String)], origin: &str) -> Result<RuleBundle, BundleError> {
        let parsed = sources
            .iter()
            .map(|(f, t)| {
                let (p, problems) = parse_toml(t);
                (f.clone(), p, problems)
            })
            .collect();
        RuleBundle::from_parsed(parsed, origin, hash_of(sources)).map_err(|mut e| {
            for p in &mut e.problems {
                if let Some((_, text)) = sources.iter().find(|(f, _)| *f == p.file) {
                    locate(p, text);
                }
            }
            e
        })
    }

    /// Validates programmes already parsed: per file, the programme when its structure was read
    /// and the problems found while reading it (path, message).
    fn from_parsed(parsed: Vec<ReadFile>, origin: &str, hash: String) -> Result<RuleBundle, BundleError> {
        let mut problems = Vec::new();
        let mut programmes = Vec::new();
        let mut ids = BTreeSet::new();
        if parsed.is_empty() {
            problems.push(Problem::at(origin, "", t!("没有找到规则文件（*.toml）", "no rule files (*.toml) found")));
        }
        for (file, result, read_problems) in parsed {
            let file = &file;
            let unread = !read_problems.is_empty();
            problems.extend(
                read_problems.into_iter().map(|(path, message, col)| Problem { expr_column: col, ..Problem::at(file, &path, message) }),
            );
            if let Some(p) = result {
                let before = problems.len();
                validate(&p, file, &mut problems);
                if !ids.insert(p.id.clone()) {
                    problems.push(Problem::at(file, "id", t!("项目 id {:?} 重复", "duplicate programme id {:?}", p.id)));
                }
                if problems.len() == before && !unread {
                    programmes.push(p);
                }
            }
        }
        if problems.is_empty() {
            Ok(RuleBundle { programmes, origin: origin.into(), hash })
        } else {
            Err(BundleError { problems })
        }
    }

    /// Every problem the validator finds now that the GB/T 4754 catalogue is loaded, in rules read
    /// before it was: the app reads its pack at the start and fetches the catalogue later, so
    /// until then a pack's industry codes were checked for their shape only. `None` when there is
    /// no problem, or while the catalogue is still not there. Each problem names its programme's
    /// id as its file (a built pack does not keep its files' names apart from the programmes).
    ///
    /// ```
    /// use shuzhuan_policy::RuleBundle;
    /// assert!(RuleBundle::embedded().catalogue_problems().is_none());
    /// let mut forged = RuleBundle::embedded().clone();
    /// let p = forged.programmes.iter_mut().find(|p| !p.sub_industries.is_empty()).unwrap();
    /// p.sub_industries[0].codes[0] = "9999".into();
    /// let e = forged.catalogue_problems().unwrap();
    /// assert!(e.problems[0].message.contains("\"9999\" is not a GB/T 4754-2017 code"), "{e}");
    /// ```
    pub fn catalogue_problems(&self) -> Option<BundleError> {
        if !crate::catalogue::catalogue_available() {
            return None;
        }
        let mut problems = Vec::new();
        for p in &self.programmes {
            validate(p, &p.id, &mut problems);
        }
        (!problems.is_empty()).then_some(BundleError { problems })
    }

    /// The day the least recently checked programme was last checked against its document
    /// (each pack's `checked`): a kiosk warns when it is older than its configured age.
    pub fn checked(&self) -> Option<crate::date::Date> {
        self.programmes.iter().map(|p| p.checked).min()
    }

    /// The programme with this id.
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.id == id)
    }

    /// The ids, for messages that list what exists.
    pub fn ids(&self) -> Vec<&str> {
        self.programmes.iter().map(|p| p.id.as_str()).collect()
    }

    /// What a self-check form asks beyond the basics for the enterprise programmes of these
    /// rules: the packs' enterprise questions (each id once, in the packs' order) and the built-in
    /// facts their conditions read that not every programme needs (`specialized`,
    /// `registered_on`, `digital_level_now`), so that a form asks each only when a rule reads it.
    pub fn check_asks(&self) -> CheckAsks {
        let mut asks = CheckAsks::default();
        for p in self.programmes.iter().filter(|p| p.audience == Audience::Enterprise) {
            for q in p.questions.iter().filter(|q| q.scope == Scope::Enterprise) {
                if !asks.questions.iter().any(|(_, x)| x.id == q.id) {
                    asks.questions.push((p.id.clone(), q.clone()));
                }
            }
            for e in p.versions.iter().flat_map(|v| &v.criteria).filter_map(|c| c.cond.as_ref()) {
                for f in e.profile_facts() {
                    if !asks.facts.contains(&f) {
                        asks.facts.push(f);
                    }
                }
            }
        }
        asks
    }
}

/// What a self-check asks beyond the basics ([`RuleBundle::check_asks`]).
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckAsks {
    /// (the programme that declares it, the question), enterprise scope only.
    pub questions: Vec<(String, crate::rules::Question)>,
    /// Profile keys: `specialized`, `registered_on`, `digital_level_now`.
    pub facts: Vec<&'static str>,
}

/// Reads one rule file. A file that reads cleanly gives its programme and no problem. Otherwise
/// its problems, every unknown key among them: each is reported with its path, taken out, and the
/// file read again (up to [`MAX_UNKNOWN_KEYS`]), so that one misspelt key does not hide the rest,
/// nor the problems [`validate`] finds in what remains. Any other fault (a missing key, a value of
/// the wrong type, a date that does not exist) ends the reading of that file.
#[cfg(feature = "toml")]
fn parse_toml(text: &str) -> (Option<Programme>, Vec<ReadProblem>) {
    // Conditions compiled once the structure is read; each that does not parse is a problem.
    let compiled = |mut p: Programme, mut problems: Vec<ReadProblem>| {
        problems
            .extend(p.compile().into_iter().map(|(path, col, m)| (path, Text::new(format!("条件写法有误：{}", m.zh), m.en), Some(col))));
        (Some(p), problems)
    };
    // The usual path, with toml's own message (line and column) for the first fault.
    let first = match toml::from_str::<Programme>(text) {
        Ok(p) => return compiled(p, Vec::new()),
        Err(e) => e.to_string().trim().to_string(),
    };
    let first = t!("TOML 语法或结构错误（以下为解析器的英文原文）：{first}", "{first}");
    let Ok(mut table) = toml::from_str::<toml::Table>(text) else {
        return (None, vec![(String::new(), first, None)]); // not TOML at all: the syntax error
    };
    let mut problems = Vec::new();
    for _ in 0..MAX_UNKNOWN_KEYS {
        match serde_path_to_error::deserialize::<_, Programme>(table.clone()) {
            Ok(p) => return compiled(p, problems),
            Err(e) => {
                // toml adds "in `table`" on a second line; the path says where already.
                let message = e.inner().to_string().lines().next().unwrap_or_default().trim().to_string();
                // An array index as its number (`Segment`'s Display writes `[0]`), which is what
                // `remove_key` walks and `path_text` writes as `[0]` after its key.
                let segments: Vec<String> = e
                    .path()
                    .iter()
                    .map(|s| match s {
                        serde_path_to_error::Segment::Seq { index } => index.to_string(),
                        other => other.to_string(),
                    })
                    .collect();
                let key = unknown_key(&message);
                if let Some(key) = key.filter(|k| remove_key(&mut table, &segments, k)) {
                    let mut at = segments.clone();
                    if at.last() != Some(&key) {
                        at.push(key.clone());
                    }
                    problems.push((path_text(&at), t!("未知的键 `{key}`（请检查拼写，或删去）", "{message}"), None));
                    continue;
                }
                problems.push((path_text(&segments), t!("内容有误（以下为解析器的英文原文）：{message}", "{message}"), None));
                return (None, problems);
            }
        }
    }
    problems.push((
        String::new(),
        t!("未知的键超过 {MAX_UNKNOWN_KEYS} 个：不再往下读", "more than {MAX_UNKNOWN_KEYS} unknown keys: not read further"),
        None,
    ));
    (None, problems)
}

/// Finds a problem's line and column in its file's text, from its path (a condition's column
/// inside the expression added to where the string starts). A TOML syntax error's message
/// carries its own line and column; a path that cannot be found leaves them unknown.
#[cfg(feature = "toml")]
fn locate(p: &mut Problem, text: &str) {
    use toml::de::{DeTable, DeValue};
    let Ok(root) = DeTable::parse(text) else {
        // A syntax error: toml's message starts "TOML parse error at line L, column C".
        if let Some(rest) = p.message.split("at line ").nth(1) {
            let mut it = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
            p.line = it.next().and_then(|s| s.parse().ok());
            p.column = it.next().and_then(|s| s.parse().ok());
        }
        return;
    };
    let mut span = root.span();
    let mut table = Some(root.get_ref());
    let mut value: Option<&DeValue> = None;
    for seg in path_segments(&p.path) {
        let next = match (seg, table, value) {
            (Seg::Key(k), Some(t), _) => t.iter().find(|(key, _)| key.get_ref().as_ref() == k).map(|(key, v)| {
                // A missing or unknown key's own place is the most useful; a value's otherwise.
                let _ = key;
                v
            }),
            (Seg::Index(i), _, Some(DeValue::Array(a))) => a.get(i),
            _ => None,
        };
        let Some(v) = next else { break };
        span = v.span();
        value = Some(v.get_ref());
        table = match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    let (line, col) = line_col(text, span.start);
    p.line = Some(line);
    // A string's condition: its column, past the opening quote, plus the column inside.
    p.column = Some(match p.expr_column {
        Some(c) => col + c,
        None => col,
    });
}

/// A path segment: a key or an array index.
#[cfg(feature = "toml")]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `versions[0].criteria[2].when` → `versions`, `0`, `criteria`, `2`, `when`.
#[cfg(feature = "toml")]
fn path_segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|s| !s.is_empty()) {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            out.push(Seg::Key(&rest[..i]));
            rest = &rest[i..];
            while let Some(end) = rest.find(']') {
                if let Ok(n) = rest[1..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &rest[end + 1..];
            }
        } else {
            out.push(Seg::Key(rest));
        }
    }
    out
}

/// The line and column (from 1; the column in characters) of a byte offset.
#[cfg(feature = "toml")]
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Unknown keys set aside in one file before giving up on it.
#[cfg(feature = "toml")]
const MAX_UNKNOWN_KEYS: usize = 100;

/// The key of serde's "unknown field `x`, expected …" message.
#[cfg(feature = "toml")]
fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// `versions[0].criteria[1].source` from serde_path_to_error's segments (`versions`, `0`, …).
#[cfg(feature = "toml")]
fn path_text(segments: &[String]) -> String {
    let mut out = String::new();
    for s in segments {
        if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            out.push_str(&format!("[{s}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(s);
        }
    }
    out
}

/// Removes `key` from the table at `segments` (or at its parent, when the path already ends in
/// the key). Says whether it was there.
#[cfg(feature = "toml")]
fn remove_key(table: &mut toml::Table, segments: &[String], key: &str) -> bool {
    fn walk<'t>(mut v: &'t mut toml::Value, segments: &[String]) -> Option<&'t mut toml::Value> {
        for s in segments {
            v = match v {
                toml::Value::Table(t) => t.get_mut(s.as_str())?,
                toml::Value::Array(a) => a.get_mut(s.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(v)
    }
    let mut root = toml::Value::Table(std::mem::take(table));
    let mut removed = false;
    for at in [segments, segments.split_last().map(|(_, p)| p).unwrap_or(&[])] {
        if let Some(toml::Value::Table(t)) = walk(&mut root, at) {
            if t.remove(key).is_some() {
                removed = true;
                break;
            }
        }
    }
    if let toml::Value::Table(t) = root {
        *table = t;
    }
    removed
}

/// Checks one programme's meaning; pushes one [`Problem`] per fault.
pub fn validate(p: &Programme, file: &str, out: &mut Vec<Problem>) {
    let mut bad = |path: &str, message: Text| out.push(Problem::at(file, path, message));
    if p.schema != SCHEMA {
        let (hint_zh, hint) = if p.schema == 1 {
            ("（schema 1 的规则包请按 docs/authoring.md 迁移）", " (schema 1 packs are migrated as docs/authoring.md shows)")
        } else {
            ("", "")
        };
        bad(
            "schema",
            t!(
                "不支持 schema {}（本版本只读 {SCHEMA}）{hint_zh}",
                "schema {} is not supported (this build reads {SCHEMA}){hint}",
                p.schema
            ),
        );
    }
    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".toml");
    if stem != p.id && !file.ends_with(".json") {
        bad("id", t!("id {:?} 与文件名 {stem:?} 不一致", "id {:?} differs from the file name {stem:?}", p.id));
    }
    if p.id.is_empty() || !p.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        bad("id", t!("id {:?} 只能由小写字母、数字和连字符 - 组成", "id {:?} must be lowercase letters, digits and hyphens", p.id));
    }
    let code_ok = p.city.code.len() == 4 && p.city.code.bytes().all(|b| b.is_ascii_digit());
    if !code_ok || region::province(&p.city.code[..2.min(p.city.code.len())]).is_none() {
        bad(
            "city.code",
            t!(
                "{:?} 不是已知省份下城市的 4 位 GB/T 2260 代码前缀",
                "{:?} is not a city's 4-digit GB/T 2260 prefix of a known province",
                p.city.code
            ),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, d) in p.city.districts.iter().enumerate() {
        let code = &d.code;
        let six = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
        if !six || !code.starts_with(p.city.code.as_str()) || code.ends_with("00") {
            let city = &p.city.code;
            bad(
                &format!("city.districts[{i}].code"),
                t!(
                    "{code:?} 不是本市（{city}）区县的 6 位代码：应以 {city} 开头，且不以 00 结尾（{city}00 是全市）",
                    "{code:?} is not a 6-digit code of a district of the city ({city}): it starts with {city} and does not end in 00 ({city}00 is the whole city)"
                ),
            );
        } else if seen.contains(&code.as_str()) {
            bad(&format!("city.districts[{i}].code"), t!("区县代码 {code} 列了两次", "district code {code} is listed twice"));
        }
        seen.push(code);
        if d.zh.trim().is_empty() {
            bad(&format!("city.districts[{i}].zh"), t!("区县 {code} 没有名称", "district {code} has no name"));
        }
    }
    if p.valid_from > p.valid_until {
        bad("valid_from", t!("valid_from {} 晚于 valid_until {}", "valid_from {} is after valid_until {}", p.valid_from, p.valid_until));
    }
    if let Some(i) = p.issued {
        if i > p.valid_until {
            bad("issued", t!("issued {i} 晚于 valid_until {}", "issued {i} is after valid_until {}", p.valid_until));
        }
        if p.checked < i {
            bad("checked", t!("checked {} 早于文件发布日期（{i}）", "checked {} is before the document was issued ({i})", p.checked));
        }
    } else if p.valid_from_note.is_none() {
        bad(
            "valid_from_note",
            t!(
                "文件没有发布日期（issued）时，需要写 valid_from_note 说明 valid_from 为什么是这一天",
                "an undated document needs valid_from_note saying why valid_from is that date"
            ),
        );
    }
    if p.valid_from_assumed && p.valid_from_note.is_none() {
        bad(
            "valid_from_note",
            t!(
                "推定的起始日（valid_from_assumed）需要写 valid_from_note 说明理由",
                "an assumed start (valid_from_assumed) needs valid_from_note saying why"
            ),
        );
    }
    check_source(&p.validity_source, "validity_source", &mut bad);
    check_questions(p, &mut bad);
    // Versions tile [valid_from, valid_until]: no gap, no overlap.
    if p.versions.is_empty() {
        bad("versions", t!("至少需要一个规则版本 [[versions]]", "at least one rule version is required"));
    }
    let mut expected = Some(p.valid_from);
    for (i, v) in p.versions.iter().enumerate() {
        let path = format!("versions[{i}]");
        if v.from > v.until {
            bad(&format!("{path}.from"), t!("from {} 晚于 until {}", "from {} is after until {}", v.from, v.until));
        }
        match expected {
            Some(e) if v.from < e => bad(
                &format!("{path}.from"),
                t!(
                    "与上一个版本的日期重叠：从 {} 开始，应从 {e} 开始",
                    "overlaps the previous range: starts {} but {e} was expected",
                    v.from
                ),
            ),
            Some(e) if v.from > e => bad(
                &format!("{path}.from"),
                t!("与上一个版本之间有空档：从 {} 开始，应从 {e} 开始", "leaves a gap: starts {} but {e} was expected", v.from),
            ),
            None => bad(
                &format!("{path}.from"),
                t!("上一个版本已结束于可表示的最后一天，之后不能再有版本", "follows a version that ends on the last representable day"),
            ),
            _ => {}
        }
        expected = v.until.succ();
        let mut seen = BTreeSet::new();
        for (j, c) in v.criteria.iter().enumerate() {
            let cp = format!("{path}.criteria[{j}]");
            if !seen.insert(c.id.clone()) {
                bad(&format!("{cp}.id"), t!("条件 id {:?} 重复", "duplicate criterion id {:?}", c.id));
            }
            check_source(&c.source, &format!("{cp}.source"), &mut bad);
            if let Some(e) = &c.cond {
                check_condition(p, e, &format!("{cp}.when"), Scope::Enterprise, &mut bad);
            }
        }
        if p.audience == Audience::Enterprise && !v.criteria.iter().any(|c| c.kind() == CriterionKind::InForce) {
            bad(
                &format!("{path}.criteria"),
                t!("面向企业的项目需要一条 `in_force` 条件", "an enterprise programme needs an `in_force` criterion"),
            );
        }
        let mut seen = BTreeSet::new();
        for (j, m) in v.measures.iter().enumerate() {
            let mp = format!("{path}.measures[{j}]");
            if !seen.insert(m.id.clone()) {
                bad(&format!("{mp}.id"), t!("措施 id {:?} 重复", "duplicate measure id {:?}", m.id));
            }
            check_source(&m.source, &format!("{mp}.source"), &mut bad);
            check_formula(p, &m.formula, &format!("{mp}.formula"), &mut bad);
            check_measure_payee(m, &mp, &mut bad);
            if let Some(e) = &m.cond {
                check_condition(p, e, &format!("{mp}.when"), Scope::Project, &mut bad);
            }
        }
        check_overlaps(v, &path, &mut bad);
    }
    if expected.is_some_and(|e| Some(e) != p.valid_until.succ()) {
        bad("versions", t!("最后一个版本必须结束于 valid_until {}", "the last version must end on valid_until {}", p.valid_until));
    }
    for (i, s) in p.sub_industries.iter().enumerate() {
        let sp = format!("sub_industries[{i}]");
        check_source(&s.source, &format!("{sp}.source"), &mut bad);
        if s.codes.is_empty() {
            bad(&format!("{sp}.codes"), t!("至少需要一个行业代码", "at least one code is required"));
        }
        // The catalogue may load later (the app fetches it): codes are checked once it is there.
        if crate::catalogue::catalogue_available() {
            for code in s.codes.iter().chain(&s.confirm_codes) {
                if catalogue().get(code).is_none() {
                    bad(&format!("{sp}.codes"), t!("{code:?} 不是 GB/T 4754-2017 行业代码", "{code:?} is not a GB/T 4754-2017 code"));
                }
            }
        }
        if !s.confirm_codes.is_empty() && s.confirm_reason.is_none() {
            bad(&format!("{sp}.confirm_reason"), t!("写了 confirm_codes 就需要 confirm_reason", "confirm_codes need a confirm_reason"));
        }
    }
    check_provider_pool(p, &mut bad);
    for (i, n) in p.notes.iter().enumerate() {
        check_source(&n.source, &format!("notes[{i}].source"), &mut bad);
    }
}

/// A provider programme carries the provider measure's numbers; they are whole numbers above
/// zero, the reserve's range runs from its minimum up to its maximum, and each has its source.
fn check_provider_pool(p: &Programme, bad: &mut impl FnMut(&str, Text)) {
    let Some(pool) = &p.provider_pool else {
        if p.audience == Audience::Provider {
            bad("provider_pool", t!("面向服务商的项目需要 [provider_pool]", "a provider programme needs [provider_pool]"));
        }
        return;
    };
    if p.audience != Audience::Provider {
        bad("provider_pool", t!("只有面向服务商的项目才写 [provider_pool]", "only a provider programme has [provider_pool]"));
    }
    let (r, minimum, exit) = (&pool.reserve, &pool.minimum, &pool.exit_after_no_stars);
    if r.min > r.max {
        bad("provider_pool.reserve.min", t!("min {} 大于 max {}", "min {} is above max {}", r.min, r.max));
    }
    for (key, n, source) in [
        ("reserve.min", r.min, &r.source),
        ("minimum.value", minimum.value, &minimum.source),
        ("exit_after_no_stars.value", exit.value, &exit.source),
    ] {
        if n == 0 {
            bad(&format!("provider_pool.{key}"), t!("应为大于 0 的整数", "must be a whole number above 0"));
        }
        let at = key.split('.').next().unwrap_or(key);
        check_source(source, &format!("provider_pool.{at}.source"), bad);
    }
}

/// The profile's built-in fields and the contract's own project keys: no question may take them.
const RESERVED: &[&str] = &[
    "industry",
    "employees",
    "revenue_yuan",
    "total_assets_yuan",
    "region",
    "uscc",
    "independent_legal_person",
    "bad_credit_last_3_years",
    "above_designated_size",
    "specialized",
    "registered_on",
    "digital_level_now",
    "answers",
];

fn check_questions(p: &Programme, bad: &mut impl FnMut(&str, Text)) {
    let mut seen = BTreeSet::new();
    for (i, q) in p.questions.iter().enumerate() {
        let qp = format!("questions[{i}]");
        if !seen.insert(q.id.clone()) {
            bad(&format!("{qp}.id"), t!("问题 id {:?} 重复", "duplicate question id {:?}", q.id));
        }
        let id_ok = !q.id.is_empty() && q.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !id_ok {
            bad(
                &format!("{qp}.id"),
                t!("问题 id {:?} 只能由小写字母、数字和 `_` 组成", "question id {:?} must be lowercase letters, digits and `_`", q.id),
            );
        }
        if RESERVED.contains(&q.id.as_str()) || crate::input::PROJECT_KEYS.contains(&q.id.as_str()) {
            bad(
                &format!("{qp}.id"),
                t!("{:?} 是系统内置字段：请换一个 id", "{:?} is a built-in field of the contract: choose another id", q.id),
            );
        }
        if q.label.zh.trim().is_empty() || q.label.en.trim().is_empty() {
            bad(&format!("{qp}.label"), t!("问题需要中文和英文标题（label）", "a question needs its label in Chinese and English"));
        }
        match (q.kind, q.choices.is_empty()) {
            (QuestionKind::Choice, true) => {
                bad(&format!("{qp}.choices"), t!("选择题（choice）需要列出选项 choices", "a choice question needs its choices"))
            }
            (QuestionKind::Choice, false) => {
                let mut ids = BTreeSet::new();
                for (j, c) in q.choices.iter().enumerate() {
                    if !ids.insert(c.id.clone()) {
                        bad(&format!("{qp}.choices[{j}].id"), t!("选项 id {:?} 重复", "duplicate choice id {:?}", c.id));
                    }
                }
            }
            (_, false) => bad(&format!("{qp}.choices"), t!("只有 `choice` 类问题才有选项", "only a `choice` question has choices")),
            _ => {}
        }
        check_source(&q.source, &format!("{qp}.source"), bad);
    }
}

/// The question types an expression sees, from a programme's declarations.
struct Declared<'p>(&'p Programme);

impl crate::expr::Questions for Declared<'_> {
    fn type_of(&self, id: &str) -> Option<crate::expr::Type> {
        self.0.question(id).map(|q| q.kind.expr_type())
    }
}

/// Names and types of a condition; an enterprise criterion may not read the project.
fn check_condition(p: &Programme, e: &crate::expr::Expr, path: &str, scope: Scope, bad: &mut impl FnMut(&str, Text)) {
    for m in e.problems(&Declared(p)) {
        bad(path, Text::new(format!("条件有误：{}", m.zh), m.en));
    }
    if scope == Scope::Enterprise {
        if e.reads_level_after() {
            bad(
                path,
                t!(
                    "企业条件不能读取 `level_after`（它属于项目填写的内容）：请在措施的 `when` 中使用",
                    "a criterion of the enterprise cannot read `level_after` (a project's input): use it in a measure's `when`"
                ),
            );
        }
        for q in e.questions() {
            if p.question(&q).is_some_and(|q| q.scope == Scope::Project) {
                bad(
                    path,
                    t!(
                        "问题 `{q}` 是关于项目的（scope = \"project\"）：企业条件不能读取它",
                        "question `{q}` is about the project (scope = \"project\"): a criterion of the enterprise cannot read it"
                    ),
                );
            }
        }
    }
}

fn check_source(s: &Source, path: &str, bad: &mut impl FnMut(&str, Text)) {
    if s.clause.trim().is_empty() {
        bad(&format!("{path}.clause"), t!("每条规则都要写明出自哪一条款（clause）", "every rule needs the clause it comes from"));
    }
    if s.quote.trim().is_empty() {
        bad(&format!("{path}.quote"), t!("每条规则都要引用它所依据的原文（quote）", "every rule needs the sentence it implements, quoted"));
    }
}

fn check_formula(p: &Programme, f: &Formula, path: &str, bad: &mut impl FnMut(&str, Text)) {
    // An input names a project question of a number kind (money where the formula needs money).
    let input = |name: &str, id: &str, money: bool, bad: &mut dyn FnMut(&str, Text)| match p.question(id) {
        None => bad(
            &format!("{path}.{name}"),
            t!("没有声明问题 {id:?}（请在 [[questions]] 下添加）", "no question {id:?} is declared (add it under [[questions]])"),
        ),
        Some(q) if q.scope != Scope::Project => {
            bad(&format!("{path}.{name}"), t!("问题 {id:?} 必须是 scope = \"project\"", "question {id:?} must have scope = \"project\""))
        }
        Some(q) if money && q.kind != QuestionKind::Yuan => {
            bad(&format!("{path}.{name}"), t!("此处问题 {id:?} 必须是 kind = \"yuan\"", "question {id:?} must be kind = \"yuan\" here"))
        }
        Some(q) if !q.kind.is_number() => bad(
            &format!("{path}.{name}"),
            t!("问题 {id:?} 必须是数字类（yuan、count 或 person_days）", "question {id:?} must be a number (yuan, count or person_days)"),
        ),
        _ => {}
    };
    match f {
        Formula::RatioCapped { input: i, received_input, alt_cap, .. } => {
            input("input", i, false, bad);
            if let Some(r) = received_input {
                input("received_input", r, true, bad);
            }
            if let Some(a) = alt_cap {
                match p.question(&a.flag) {
                    Some(q) if q.kind == QuestionKind::YesNo && q.scope == Scope::Project => {}
                    _ => bad(
                        &format!("{path}.alt_cap.flag"),
                        t!("{:?} 必须是项目的是/否题（yes_no）", "{:?} must be a yes_no project question", a.flag),
                    ),
                }
            }
        }
        Formula::PerUnit { input: i, .. } | Formula::RatioInBand { input: i, .. } => input("input", i, false, bad),
        Formula::UserParameters { input: i, .. } => input("input", i, true, bad),
        Formula::RatioCappedByLevel { input: i, first_instalment, .. } => {
            input("input", i, true, bad);
            if let Some(fi) = first_instalment {
                input("first_instalment.input", &fi.input, true, bad);
            }
        }
        Formula::ThresholdAward { thresholds, .. } => {
            for (k, t) in thresholds.iter().enumerate() {
                input(&format!("thresholds[{k}].input"), &t.input, false, bad);
            }
        }
        Formula::Award { .. } | Formula::UserAward { .. } | Formula::Info { .. } => {}
    }
    let ratio_ok = |r: &Decimal| *r >= Decimal::ZERO && *r <= Decimal::ONE;
    let ratio = |name: &str, r: &Decimal, bad: &mut dyn FnMut(&str, Text)| {
        if !ratio_ok(r) {
            bad(&format!("{path}.{name}"), t!("比例 {r} 必须在 0 到 1 之间", "ratio {r} must be within 0–1"));
        }
    };
    let cap = |name: &str, c: &Decimal, bad: &mut dyn FnMut(&str, Text)| {
        if c.is_sign_negative() {
            bad(&format!("{path}.{name}"), t!("{c} 不能小于 0", "{c} must be ≥ 0"));
        } else if *c > MAX_RULE_AMOUNT {
            bad(
                &format!("{path}.{name}"),
                t!(
                    "{c} 超过规则中金额或数量的上限 {MAX_RULE_AMOUNT}",
                    "{c} is beyond the ceiling of {MAX_RULE_AMOUNT} for any amount or count in a rule"
                ),
            );
        }
    };
    match f {
        Formula::RatioCapped { ratio: r, cap: c, alt_cap, .. } => {
            ratio("ratio", r, bad);
            cap("cap", c, bad);
            if let Some(a) = alt_cap {
                cap("alt_cap.cap", &a.cap, bad);
            }
        }
        Formula::PerUnit { unit_amount, cap: c, .. } => {
            cap("unit_amount", unit_amount, bad);
            if let Some(c) = c {
                cap("cap", c, bad);
            }
        }
        Formula::RatioCappedByLevel { ratio: r, ratio_by_year, caps_by_level, first_instalment, .. } => {
            match (r, ratio_by_year.is_empty()) {
                (Some(r), true) => ratio("ratio", r, bad),
                (None, false) => {
                    for (y, r) in ratio_by_year {
                        if !matches!(y.as_str(), "1" | "2") {
                            bad(
                                &format!("{path}.ratio_by_year"),
                                t!("年份 {y:?} 只能是 \"1\" 或 \"2\"", "year {y:?} must be \"1\" or \"2\""),
                            );
                        }
                        ratio("ratio_by_year", r, bad);
                    }
                }
                _ => bad(path, t!("ratio 和 ratio_by_year 必须且只能写一个", "give exactly one of ratio and ratio_by_year")),
            }
            if caps_by_level.is_empty() {
                bad(&format!("{path}.caps_by_level"), t!("至少需要一个等级", "at least one level is required"));
            }
            for (l, c) in caps_by_level {
                if !matches!(l.as_str(), "1" | "2" | "3" | "4") {
                    bad(&format!("{path}.caps_by_level"), t!("等级 {l:?} 只能是 \"1\" 到 \"4\"", "level {l:?} must be \"1\"–\"4\""));
                }
                cap("caps_by_level", c, bad);
            }
            if let Some(fi) = first_instalment {
                ratio("first_instalment.ratio", &fi.ratio, bad);
                cap("first_instalment.cap", &fi.cap, bad);
            }
        }
        Formula::RatioInBand { ratio: r, min, max, .. } => {
            ratio("ratio", r, bad);
            cap("min", min, bad);
            cap("max", max, bad);
            if min >= max {
                bad(&format!("{path}.max"), t!("区间下限 min {min} 必须小于上限 max {max}", "band min {min} must be below max {max}"));
            }
        }
        Formula::ThresholdAward { thresholds, cap: c } => {
            cap("cap", c, bad);
            for (i, t) in thresholds.iter().enumerate() {
                cap(&format!("thresholds[{i}].more_than"), &t.more_than, bad);
            }
            if thresholds.is_empty() {
                bad(&format!("{path}.thresholds"), t!("至少需要一个门槛（thresholds）", "at least one threshold is required"));
            }
        }
        Formula::Award { amount, .. } => cap("amount", amount, bad),
        Formula::UserParameters { eligible_costs, .. } => {
            if eligible_costs.is_empty() {
                bad(&format!("{path}.eligible_costs"), t!("请列出可计入的费用类别", "name the eligible cost categories"));
            }
        }
        Formula::UserAward { parameters_from } => {
            if parameters_from.zh.trim().is_empty() {
                bad(&format!("{path}.parameters_from"), t!("请说明金额在哪里公布", "say where the amount is published"));
            }
        }
        Formula::Info { cap: Some(c) } => cap("cap", c, bad),
        Formula::Info { cap: None } => {}
    }
}

/// The largest amount (yuan) or count a rule may hold: 10^10 (100亿元), beyond any pilot
/// subsidy, so a slip of many digits is refused instead of computed with (and products of a
/// rule number with an input, itself at most 10^16, stay far inside `Decimal`'s range).
pub const MAX_RULE_AMOUNT: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 0);

fn check_measure_payee(m: &Measure, path: &str, bad: &mut impl FnMut(&str, Text)) {
    match (m.paid_to, m.role.as_deref()) {
        (PaidTo::Role, Some(r)) if ROLES.iter().any(|(id, _, _)| *id == r) => {}
        (PaidTo::Role, Some(r)) => {
            let known = ROLES.iter().map(|(id, _, _)| *id).collect::<Vec<_>>().join(", ");
            bad(&format!("{path}.role"), t!("未知的角色 {r:?}；可用：{known}", "unknown role {r:?}; known: {known}"))
        }
        (PaidTo::Role, None) => bad(&format!("{path}.role"), t!("paid_to = \"role\" 时需要写 role", "paid_to = \"role\" needs a role")),
        (_, Some(_)) => bad(&format!("{path}.role"), t!("只有 paid_to = \"role\" 时才写 role", "a role is only for paid_to = \"role\"")),
        (_, None) => {}
    }
    if m.paid_to != PaidTo::Enterprise && m.recipient.is_none() {
        bad(
            &format!("{path}.recipient"),
            t!(
                "付给其他方或某一角色的措施必须写明收款方（recipient）",
                "a measure paid to another party or a role must name the recipient"
            ),
        );
    }
}

fn check_overlaps(v: &RuleVersion, path: &str, bad: &mut impl FnMut(&str, Text)) {
    let mut seen = BTreeSet::new();
    for (k, o) in v.overlaps.iter().enumerate() {
        let op = format!("{path}.overlaps[{k}]");
        if !seen.insert(o.id.clone()) {
            bad(&format!("{op}.id"), t!("重叠规则 id {:?} 重复", "duplicate overlap id {:?}", o.id));
        }
        if o.measures.len() < 2 {
            bad(&format!("{op}.measures"), t!("重叠规则至少要列出两项措施", "an overlap names at least two measures"));
        }
        for m in &o.measures {
            if !v.measures.iter().any(|x| &x.id == m) {
                bad(&format!("{op}.measures"), t!("本版本中没有措施 {m:?}", "no measure {m:?} in this version"));
            }
        }
        check_source(&o.source, &format!("{op}.source"), bad);
    }
}
