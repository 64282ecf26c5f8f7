//! The worked example of docs/authoring.md (`examples/rule-pack`, an illustrative city, not a real
//! policy) through the built binary, as a city's web team runs it: `rules validate`, `rules test`
//! (every case passes) and `rules build` (a pack that reads back with the same rules hash). Also:
//! every quoted sentence of the pack is in the example document printed in its README.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The number of cases in `examples/rule-pack/cases/`: a case added or lost is noticed here.
const CASES: usize = 22;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/rule-pack")
}

fn shuzhuan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shuzhuan")).args(args).env("SHUZHUAN_TODAY", "2026-12-03").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_example_validates() {
    let (code, out, err) = shuzhuan(&["rules", "validate", s(&example())]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 programme(s)") && out.contains("example-2026"), "{out}");
}

#[test]
fn the_example_passes_every_case() {
    let (code, out, err) = shuzhuan(&["rules", "test", s(&example())]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("{CASES} case(s) passed, 0 failed")), "{out}");
}

#[test]
fn the_example_builds_a_pack_that_reads_back_the_same() {
    let dir = std::env::temp_dir().join(format!("shuzhuan-example-pack-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pack = dir.join("rules.json");
    let (code, out, err) = shuzhuan(&["rules", "build", s(&example()), "-o", s(&pack)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("ok: ") && out.contains("bytes"), "{out}");
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(text.contains("\"example-2026.toml\""), "{text}");
    // The pack answers as its folder does: the same programme and the same rules hash.
    let (code, from_pack, err) = shuzhuan(&["rules", "validate", s(&pack)]);
    assert_eq!(code, 0, "{err}");
    let (_, from_dir, _) = shuzhuan(&["rules", "validate", s(&example())]);
    let hash = |t: &str| t.rsplit("(hash ").next().unwrap_or_default().trim().to_string();
    assert_eq!(hash(&from_pack), hash(&from_dir), "{from_pack} / {from_dir}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The pack quotes its own made-up document: every `quote` must be in the README's full text,
/// as a real pack's quotes are in its real document.
#[test]
fn every_quote_is_in_the_example_document() {
    let text = std::fs::read_to_string(example().join("example-2026.toml")).unwrap();
    let readme = std::fs::read_to_string(example().join("README.md")).unwrap();
    let document: String = readme.lines().map(|l| l.trim_start_matches('>').trim()).collect();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let mut quotes = Vec::new();
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::Table(t) => {
                if let Some(q) = t.get("quote").and_then(toml::Value::as_str) {
                    out.push(q.to_string());
                }
                t.values().for_each(|x| walk(x, out));
            }
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&value, &mut quotes);
    assert!(quotes.len() > 20, "only {} quotes", quotes.len());
    let missing: Vec<&String> = quotes.iter().filter(|q| !document.contains(q.as_str())).collect();
    assert!(missing.is_empty(), "quotes not in the README's example document: {missing:?}");
}
