//! `shuzhuan rules new|validate|test|build`: writing a city's rule pack without code. The pack is
//! a directory of rule files (TOML, one per programme) with its cases beside it (`cases/*.toml`),
//! or the JSON pack `rules build` makes of it (what the app, the widgets and `--rules` read).

use crate::read::{self, ReadError, RULES_LIMIT, RULE_FILES_MAX, RULE_FILE_LIMIT};
use crate::Failure;
use shuzhuan_policy::bundle::{build_pack, BundleError, Problem};
use shuzhuan_policy::{cases, Date, FieldError, Lang, RuleBundle, Text};
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("template.toml");
const TEMPLATE_CASES: &str = include_str!("template-cases.toml");

fn fail(text: String) -> Failure {
    Failure { text, code: 2 }
}

/// A path that cannot be opened at all, for the commands that print text only.
pub fn path_failure(e: FieldError) -> Failure {
    fail(format!("error: {}\n", e.render(Lang::Zh)))
}

/// A problem of the pack at `file` (no line): the message in both languages.
fn problem(file: &str, zh: &str, en: &str) -> Problem {
    Problem::at(file, "", Text::new(zh, en))
}

/// A file that is there but cannot be used as rules, as a problem of the pack.
fn unusable(file: &str, path: &str, e: &ReadError) -> Problem {
    let t = e.text(path);
    problem(file, &t.zh, &t.en)
}

/// The rule files of a directory: every `*.toml` directly in it (its `cases/` are not rules),
/// each a regular file of at most [`RULE_FILE_LIMIT`] bytes of UTF-8, at most [`RULE_FILES_MAX`]
/// of them and [`RULES_LIMIT`] bytes together. A directory that cannot be listed is the outer
/// error; a file that cannot be used (a pipe or device, too big, not UTF-8, unreadable) is a
/// problem of the pack, the inner one, like any problem inside a rule file.
pub fn sources(dir: &Path) -> Result<Result<Vec<(String, String)>, BundleError>, FieldError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| FieldError::new("--rules", ReadError::Io(e).text(&shown)))?;
    let mut paths: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.is_dir()).collect();
    paths.sort();
    if paths.len() > RULE_FILES_MAX {
        let n = paths.len();
        return Ok(Err(BundleError {
            problems: vec![problem(
                &shown,
                &format!("有 {n} 个规则文件，超过 {RULE_FILES_MAX} 个的上限"),
                &format!("{n} rule files, more than the limit of {RULE_FILES_MAX}"),
            )],
        }));
    }
    let (mut out, mut problems, mut total) = (Vec::new(), Vec::new(), 0u64);
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        match read::regular_text(&p, RULE_FILE_LIMIT) {
            Ok(text) => {
                total += text.len() as u64;
                if total > RULES_LIMIT {
                    let mib = RULES_LIMIT >> 20;
                    problems.push(problem(
                        &shown,
                        &format!("规则文件合计超过 {mib} MiB 的上限，未全部读取"),
                        &format!("the rule files together are larger than the {mib} MiB limit and were not all read"),
                    ));
                    break;
                }
                sources_push(&mut out, name, text);
            }
            Err(e) => problems.push(unusable(&name, &p.display().to_string(), &e)),
        }
    }
    Ok(if problems.is_empty() { Ok(out) } else { Err(BundleError { problems }) })
}

fn sources_push(out: &mut Vec<(String, String)>, name: String, text: String) {
    out.push((name, text.trim_start_matches('\u{feff}').to_string()));
}

/// The text of a built pack, at most [`RULES_LIMIT`] bytes of UTF-8 in a regular file. A path
/// that cannot be opened is the outer error; a file that cannot be used, the pack's problem.
pub fn pack_text(path: &str) -> Result<Result<String, BundleError>, FieldError> {
    match read::regular_text(Path::new(path), RULES_LIMIT) {
        Ok(text) => Ok(Ok(text)),
        Err(e) if e.is_unopenable() => Err(FieldError::new("--rules", e.text(path))),
        Err(e) => Ok(Err(BundleError { problems: vec![unusable(path, path, &e)] })),
    }
}

/// Reads a pack: a directory of rule files, or a built pack (`*.json`). A path that cannot be
/// opened is the outer error; the pack's own problems (a file that cannot be used among them)
/// the inner one.
pub fn load(path: &str) -> Result<Result<RuleBundle, BundleError>, FieldError> {
    let p = Path::new(path);
    if p.is_dir() {
        return Ok(sources(p)?.and_then(|s| RuleBundle::from_sources(&s, path)));
    }
    Ok(pack_text(path)?.and_then(|text| RuleBundle::from_pack_json(&text, path)))
}

/// Every problem (`file:line:column: path: 中文`, the English indented on the next line), in both languages' framing.
pub fn refusal(path: &str, e: &BundleError) -> String {
    let n = e.problems.len();
    format!("--rules: {path} 中的规则有 {n} 处问题，未采用 / the rules in {path} have {n} problem(s) and were not used:\n{e}")
}

/// `rules validate PATH`.
pub fn validate(path: &str) -> Result<String, Failure> {
    let bundle = load(path).map_err(path_failure)?.map_err(|e| fail(format!("error: {}", refusal(path, &e))))?;
    Ok(format!("ok: {} programme(s) in {path} are valid: {} (hash {})\n", bundle.programmes.len(), bundle.ids().join(", "), bundle.hash))
}

/// `rules build DIR -o OUT`: validates, then writes the pack every shell reads.
pub fn build(dir: &str, out: &str) -> Result<String, Failure> {
    let pack = sources(Path::new(dir))
        .map_err(path_failure)?
        .and_then(|s| build_pack(&s))
        .map_err(|e| fail(format!("error: {}", refusal(dir, &e))))?;
    crate::atomic::write_whole(Path::new(out), pack.as_bytes()).map_err(|e| crate::write_failure("-o", out, &e))?;
    Ok(format!("ok: {out} written ({} bytes)\n", pack.len()))
}

/// `rules test DIR`: every case file in `DIR/cases` against the pack in DIR; each failure is
/// printed with its clause. Exit 1 when any case fails.
pub fn test(dir: &str, today: Date) -> Result<String, Failure> {
    let bundle = load(dir).map_err(path_failure)?.map_err(|e| fail(format!("error: {}", refusal(dir, &e))))?;
    let cases_dir = Path::new(dir).join("cases");
    let files = sources(&cases_dir)
        .map_err(|_| {
            fail(format!("error: {dir}/cases: 没有用例目录（放入 *.toml 用例文件）/ no cases folder (put *.toml case files in it)\n"))
        })?
        .map_err(|e| fail(format!("error: {}", refusal(&format!("{dir}/cases"), &e))))?;
    if files.is_empty() {
        return Err(fail(format!("error: {dir}/cases: 没有用例文件 / no case files\n")));
    }
    let (mut passed, mut report) = (0, String::new());
    let mut failed = 0;
    for (name, text) in &files {
        let results = cases::run_file(text, &bundle, today).map_err(|e| fail(format!("error: {name}: {e}\n")))?;
        for r in results {
            if r.failures.is_empty() {
                passed += 1;
            } else {
                failed += 1;
                report.push_str(&format!("FAIL {name} :: {}\n  依据 / clause: {}\n", r.name, r.clause));
                for f in &r.failures {
                    report.push_str(&format!("  - {f}\n"));
                }
            }
        }
    }
    let summary = format!("{passed} 个用例通过，{failed} 个失败 / {passed} case(s) passed, {failed} failed\n");
    if failed > 0 {
        Err(Failure { text: format!("{report}{summary}"), code: 1 })
    } else {
        Ok(summary)
    }
}

/// `rules new ID [-o DIR]`: a commented template (Chinese first) that validates, and its cases.
pub fn new(id: &str, dir: Option<&str>, today: Date) -> Result<String, Failure> {
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        let shown = shuzhuan_policy::text::shown(id, 40);
        return Err(fail(format!(
            "error: ID：编号只能用小写字母、数字和连字符（如 qingdao-2026），收到“{shown}” / ID: lowercase letters, digits and hyphens only (e.g. qingdao-2026); got \"{shown}\"\n"
        )));
    }
    let dir = PathBuf::from(dir.unwrap_or(id));
    let file = dir.join(format!("{id}.toml"));
    let case_file = dir.join("cases").join(format!("{id}.toml"));
    for f in [&file, &case_file] {
        if f.exists() {
            return Err(fail(format!("error: {0} 已存在，未覆盖 / {0} exists and was not overwritten\n", f.display())));
        }
    }
    let fill = |t: &str| t.replace("{ID}", id).replace("{TODAY}", &today.to_string());
    std::fs::create_dir_all(dir.join("cases")).map_err(|e| fail(format!("error: {}: {e}\n", dir.display())))?;
    std::fs::write(&file, fill(TEMPLATE)).map_err(|e| fail(format!("error: {}: {e}\n", file.display())))?;
    std::fs::write(&case_file, fill(TEMPLATE_CASES)).map_err(|e| fail(format!("error: {}: {e}\n", case_file.display())))?;
    Ok(format!(
        "已写入 / written: {}\n  {}\n下一步 / next: shuzhuan rules validate {d} && shuzhuan rules test {d}\n",
        file.display(),
        case_file.display(),
        d = dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template validates and passes its own cases, whatever the id.
    #[test]
    fn the_template_validates_and_passes_its_cases() {
        let today = Date::new(2026, 12, 3).unwrap();
        let fill = |t: &str| t.replace("{ID}", "demo-2026").replace("{TODAY}", &today.to_string());
        let bundle = RuleBundle::from_sources(&[("demo-2026.toml".into(), fill(TEMPLATE))], "template").unwrap_or_else(|e| panic!("{e}"));
        let results = cases::run_file(&fill(TEMPLATE_CASES), &bundle, today).unwrap();
        assert_eq!(results.len(), 5);
        for r in results {
            assert!(r.failures.is_empty(), "{}: {:?}", r.name, r.failures);
        }
    }
}
