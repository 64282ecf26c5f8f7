//! Built rule packs: the JSON every shell reads at run time (`rules.json` beside the app, the
//! widgets and the reviewers' pages; `--rules pack.json` for the CLI; `loadRules` in the npm
//! package). `shuzhuan rules build DIR` writes one from a directory of rule files (TOML), after
//! validating them; a pack is validated again when it is read, so no verdict is ever computed from
//! an invalid or altered pack.
//!
//! ```json
//! {"format": "shuzhuan-rules", "schema": 2, "hash": "…", "digest": "…",
//!  "files": [{"name": "xiamen-2024.toml", "programme": {…the rule file as JSON…}}]}
//! ```
//!
//! `hash` identifies the rules (FNV-1a of the TOML texts, the same as `--rules DIR` gives for
//! the same files, so every shell prints the same `rules.hash`); `digest` (FNV-1a of each
//! programme's JSON) tells a pack changed after it was built.

use super::{read, BundleError, Problem, ReadFile, RuleBundle};
use crate::rules::SCHEMA;
use crate::t;
use crate::text::Text;
use serde_json::Value;

/// The value of a pack's `format`.
pub const PACK_FORMAT: &str = "shuzhuan-rules";

/// FNV-1a of each file's name and its programme's JSON text (compact, as `Value::to_string`
/// writes it), the text serialised straight into the hash rather than into a string first.
fn digest(files: &[(String, Value)]) -> String {
    let mut h = crate::fnv::Fnv1a::default();
    for (name, v) in files {
        h.feed(name.as_bytes());
        h.feed(&[0]);
        // Writing into the hash cannot fail; a Value always serialises.
        let _ = serde_json::to_writer(&mut h, v);
        h.feed(&[0]);
    }
    h.hex()
}

/// Builds a pack from rule files given as `(file name, TOML text)`: every problem of every file
/// when they do not validate ([`RuleBundle::from_sources`]), else the pack's JSON text.
///
/// ```
/// use shuzhuan_policy::{bundle::{build_pack, EMBEDDED}, RuleBundle};
/// let sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
/// let pack = build_pack(&sources).unwrap();
/// let read = RuleBundle::from_pack_json(&pack, "rules.json").unwrap();
/// assert_eq!(read.hash, RuleBundle::embedded().hash);
/// assert_eq!(read.programmes, RuleBundle::embedded().programmes);
/// ```
#[cfg(feature = "toml")]
pub fn build_pack(sources: &[(String, String)]) -> Result<String, BundleError> {
    let bundle = RuleBundle::from_sources(sources, "pack")?;
    let mut files = Vec::new();
    for (name, text) in sources {
        let v: toml::Value = toml::from_str(text).map_err(|e| BundleError {
            problems: vec![Problem::at(name, "", t!("TOML 语法错误（以下为解析器的英文原文）：{e}", "{e}"))],
        })?;
        files.push((name.clone(), crate::toml_json::toml_to_json(v)));
    }
    let pack = serde_json::json!({
        "format": PACK_FORMAT,
        "schema": SCHEMA,
        "hash": bundle.hash,
        "digest": digest(&files),
        "files": files.iter().map(|(n, v)| serde_json::json!({"name": n, "programme": v})).collect::<Vec<_>>(),
    });
    Ok(pack.to_string())
}

/// The first step of reading a pack: its JSON parsed and its envelope checked. `Err` lists why
/// the pack cannot be read at all.
pub(super) fn envelope(text: &str, origin: &str) -> Result<(String, Vec<(String, Value)>), BundleError> {
    let problem = |path: &str, m: Text| BundleError { problems: vec![Problem::at(origin, path, m)] };
    let mut v: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        let (l, c) = (e.line(), e.column());
        problem("", t!("不是规则包：不是 JSON（第 {l} 行第 {c} 列）：{e}", "not a rule pack: not JSON (line {l}, column {c}): {e}"))
    })?;
    let Some(o) = v.as_object_mut() else {
        return Err(problem("", t!("不是规则包：不是 JSON 对象", "not a rule pack: not a JSON object")));
    };
    if o.get("format").and_then(Value::as_str) != Some(PACK_FORMAT) {
        return Err(problem(
            "format",
            t!(
                "不是规则包：`format` 应为 {PACK_FORMAT:?}（请用 `shuzhuan rules build DIR` 生成）",
                "not a rule pack: `format` must be {PACK_FORMAT:?} (build one with `shuzhuan rules build DIR`)"
            ),
        ));
    }
    match o.get("schema").and_then(Value::as_u64) {
        Some(s) if s == u64::from(SCHEMA) => {}
        other => {
            return Err(problem(
                "schema",
                t!(
                    "不支持规则包 schema {other:?}（本版本只读 {SCHEMA}）",
                    "pack schema {other:?} is not supported (this build reads {SCHEMA})"
                ),
            ))
        }
    }
    let hash = o.get("hash").and_then(Value::as_str).unwrap_or_default().to_string();
    // The programmes are moved out of the parsed text, not copied (a pack of 50 programmes is
    // ≈ 0.7 MB of JSON).
    let Some(Value::Array(list)) = o.remove("files") else {
        return Err(problem("files", t!("规则包里没有列出任何文件（files）", "the pack lists no files")));
    };
    let mut files = Vec::with_capacity(list.len());
    for (i, mut f) in list.into_iter().enumerate() {
        let name = f.get("name").and_then(Value::as_str).map(str::to_string);
        match (name, f.as_object_mut().and_then(|m| m.remove("programme"))) {
            (Some(n), Some(p)) => files.push((n, p)),
            _ => {
                return Err(problem(
                    &format!("files[{i}]"),
                    t!("每个文件都需要 `name` 和 `programme`", "each file needs `name` and `programme`"),
                ))
            }
        }
    }
    if o.get("digest").and_then(Value::as_str) != Some(digest(&files).as_str()) {
        return Err(problem(
            "digest",
            t!(
                "规则包生成后被改动过：请用 `shuzhuan rules build` 重新生成",
                "the pack was changed after it was built: build it again with `shuzhuan rules build`"
            ),
        ));
    }
    if hash.is_empty() {
        return Err(problem("hash", t!("规则包缺少 hash", "the pack has no hash")));
    }
    Ok((hash, files))
}

impl RuleBundle {
    /// Reads a built pack ([`build_pack`]): its envelope and digest checked, each programme read
    /// and every programme validated as a rules directory is; every problem is listed.
    pub fn from_pack_json(text: &str, origin: &str) -> Result<RuleBundle, BundleError> {
        let (hash, files) = envelope(text, origin)?;
        let parsed: Vec<ReadFile> = files
            .iter()
            .map(|(n, v)| match read::programme_of(v) {
                Ok(p) => (n.clone(), Some(p), Vec::new()),
                Err(faults) => (n.clone(), None, read::unlocated(faults)),
            })
            .collect();
        RuleBundle::from_parsed(parsed, origin, hash)
    }
}

/// Reads a pack a short step at a time, for a caller that must not block for long (the browser
/// app's start runs each step as a task of its own): the JSON, then one programme per step, then
/// the validation.
pub struct PackReader {
    origin: String,
    state: State,
}

enum State {
    Text(String),
    Files { hash: String, files: Vec<(String, Value)>, read: Vec<ReadFile> },
    Done(Option<Result<RuleBundle, BundleError>>),
}

impl PackReader {
    pub fn new(text: String, origin: &str) -> PackReader {
        PackReader { origin: origin.to_string(), state: State::Text(text) }
    }

    /// One step; the bundle (or every problem) once the pack is read. Called again after that,
    /// it gives `None`.
    pub fn step(&mut self) -> Option<Result<RuleBundle, BundleError>> {
        let (next, out) = match std::mem::replace(&mut self.state, State::Done(None)) {
            State::Text(text) => match envelope(&text, &self.origin) {
                Ok((hash, mut files)) => {
                    files.reverse();
                    (State::Files { hash, files, read: Vec::new() }, None)
                }
                Err(e) => (State::Done(Some(Err(e))), None),
            },
            State::Files { hash, mut files, mut read } => match files.pop() {
                Some((n, v)) => {
                    read.push(match read::programme_of(&v) {
                        Ok(p) => (n, Some(p), Vec::new()),
                        Err(faults) => (n, None, read::unlocated(faults)),
                    });
                    (State::Files { hash, files, read }, None)
                }
                None => (State::Done(None), Some(RuleBundle::from_parsed(read, &self.origin, hash))),
            },
            State::Done(r) => (State::Done(None), r),
        };
        self.state = next;
        out
    }

    /// Every step at once.
    pub fn finish(mut self) -> Result<RuleBundle, BundleError> {
        loop {
            if let Some(r) = self.step() {
                return r;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The digest streams each programme's JSON into the hash; it must equal the hash of the
    /// texts written out first (how packs already sealed were digested).
    #[test]
    fn the_streamed_digest_is_the_digest_of_the_texts() {
        let files = vec![
            ("a.toml".to_string(), serde_json::json!({"id": "a", "名称": "厦门 \"x\"\n", "n": [1, 2.5, null, true]})),
            ("b.toml".to_string(), serde_json::json!({})),
        ];
        let texts: Vec<(String, String)> = files.iter().map(|(n, v)| (n.clone(), v.to_string())).collect();
        assert_eq!(super::digest(&files), crate::fnv::fnv1a(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))));
        assert_ne!(super::digest(&files), super::digest(&files[..1]));
    }

    /// The step-by-step reader (the app's start) reads every pack as `from_pack_json` does,
    /// though it checks the digest at the end: the same bundle, or the same problems.
    #[cfg(feature = "toml")]
    #[test]
    fn the_stepwise_reader_agrees_with_the_whole_read() {
        use super::{PackReader, RuleBundle};
        let sources: Vec<(String, String)> = crate::bundle::EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let pack = super::build_pack(&sources).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&pack).unwrap();
        let reseal = |v: &mut serde_json::Value| {
            let files: Vec<(String, serde_json::Value)> =
                v["files"].as_array().unwrap().iter().map(|f| (f["name"].as_str().unwrap().to_string(), f["programme"].clone())).collect();
            v["digest"] = serde_json::Value::String(super::digest(&files));
        };
        let mut cases = vec![pack.clone(), "not json".to_string(), "{}".to_string()];
        // A programme changed after the build; an empty hash; both; a bad programme resealed.
        let mut changed = v.clone();
        changed["files"][1]["programme"]["title"]["zh"] = "改过".into();
        cases.push(changed.to_string());
        let mut no_hash = v.clone();
        no_hash["hash"] = "".into();
        cases.push(no_hash.to_string());
        let mut both = changed.clone();
        both["hash"] = "".into();
        cases.push(both.to_string());
        v["files"][0]["programme"]["valid_from"] = "2025-13-01".into();
        reseal(&mut v);
        cases.push(v.to_string());
        let mut refused = 0;
        for text in &cases {
            let whole = RuleBundle::from_pack_json(text, "rules.json");
            let stepwise = PackReader::new(text.clone(), "rules.json").finish();
            match (&whole, &stepwise) {
                (Ok(a), Ok(b)) => assert_eq!((&a.hash, &a.programmes), (&b.hash, &b.programmes)),
                (Err(a), Err(b)) => {
                    assert_eq!(a, b);
                    refused += 1;
                }
                _ => panic!("{text:.80}: {whole:?} / {stepwise:?}"),
            }
        }
        assert_eq!(refused, cases.len() - 1);
    }
}
