//! The commands beside check/estimate: programmes, rules validate, industry search, serve.

use std::process::Command;

fn shuzhuan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shuzhuan")).args(args).env("SHUZHUAN_TODAY", "2026-11-22").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn rules_dir() -> String {
    format!("{}/../policy/rules", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn programmes_lists_all_five_with_status_on_the_date() {
    let (code, out, _) = shuzhuan(&["programmes", "--as-of", "2025-06-30"]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    let get = |id: &str| list.iter().find(|p| p["id"] == id).unwrap().clone();
    assert_eq!(get("xiamen-2024")["draft"], true);
    assert_eq!(get("fuzhou-2024")["status"], "in_force");
    assert_eq!(get("fuzhou-providers-2024")["audience"], "provider");
    // Today (2026-11-22) every programme has expired; Jinhua on 2026-09-30.
    let (_, out, _) = shuzhuan(&["programmes"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(list.as_array().unwrap().iter().all(|p| p["status"] == "expired"));
}

#[test]
fn rules_validate_accepts_the_shipped_rules_and_refuses_a_bad_directory() {
    let (code, out, _) = shuzhuan(&["rules", "validate", &rules_dir()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("5 programme(s)"));
    let dir = std::env::temp_dir().join(format!("shuzhuan-bad-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(format!("{}/xiamen-2024.toml", rules_dir())).unwrap();
    std::fs::write(
        dir.join("xiamen-2024.toml"),
        good.replacen("ratio = \"0.6\"", "ratio = \"6\"", 1).replacen("schema = 2", "schema = 2\nflavour = 1", 1),
    )
    .unwrap();
    let (code, _, err) = shuzhuan(&["rules", "validate", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("flavour"), "unknown key not named: {err}");
    assert!(err.contains("0–1"), "the ratio past 1 is not listed beside the unknown key: {err}");
    // check refuses the same directory whole, lists its problems, and answers with the embedded
    // rules, saying so in the report.
    let input = dir.join("input.json");
    std::fs::write(&input, r#"{"profile": {"industry": "3973"}}"#).unwrap();
    let (code, out, err) = shuzhuan(&["check", input.to_str().unwrap(), "--rules", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("--rules") && err.contains("flavour") && err.contains("0–1"), "the refusal does not list every problem: {err}");
    assert!(err.contains("the embedded rules") && err.contains("stay in use"), "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["rules"]["origin"], "embedded", "{out}");
    // A directory that cannot be read is an error, not a silent fallback.
    let (code, _, err) = shuzhuan(&["check", input.to_str().unwrap(), "--rules", "/nonexistent/rules"]);
    assert_eq!(code, 2, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn industry_search_maps_codes_to_size_category_and_sub_industries() {
    let (code, out, _) = shuzhuan(&["industry", "search", "磁性材料"]);
    assert_eq!(code, 0);
    let fits: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &fits[0];
    assert_eq!(first["code"], "3985");
    assert_eq!(first["size_category"], "industry");
    let outcome = |id: &str| first["programmes"].as_array().unwrap().iter().find(|p| p["programme"] == id).unwrap()["outcome"].clone();
    assert_eq!(outcome("jinhua-2024"), "pass");
    assert_eq!(outcome("fuzhou-2024"), "unknown");
    assert_eq!(outcome("xiamen-2024"), "fail");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(shuzhuan(&["frobnicate"]).0, 2);
    assert_eq!(shuzhuan(&["check", "--lang", "fr"]).0, 2);
    assert_eq!(shuzhuan(&["--help"]).0, 0);
}

/// `cargo test` builds the binary without a site inside (that is scripts/build-kiosk.sh's job,
/// and tests/browser/kiosk-binary.spec.mjs drives such a binary): `serve --kiosk` says so and how
/// to get one, in both languages, instead of serving nothing.
#[test]
fn serve_kiosk_without_a_built_in_app_says_how_to_build_one() {
    if std::env::var_os("SHUZHUAN_EMBED_DIST").is_some() {
        return; // this test binary was built with a site inside
    }
    let (code, out, err) = shuzhuan(&["serve", "--kiosk", "--port", "0"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("scripts/build-kiosk.sh") && err.contains("没有内置应用") && err.contains("carries no built app"), "{err}");
}

#[test]
fn a_bad_shuzhuan_today_is_named_in_both_languages() {
    let out = Command::new(env!("CARGO_BIN_EXE_shuzhuan")).args(["programmes"]).env("SHUZHUAN_TODAY", "2025-02-30").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SHUZHUAN_TODAY") && err.contains("真实日期") && err.contains("not a real date"), "{err}");
}
