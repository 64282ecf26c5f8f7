//! Every problem a rule pack can have is said in Chinese first, with the English beside it: each
//! problem's `message_zh` holds Chinese (not a copy of the English `message`). Broken rule files
//! and packs, one fault each, cover the reader, the validator and the pack's envelope.
// Reading rule files (TOML) needs the `toml` feature, which is on by default.
#![cfg(feature = "toml")]

use shuzhuan_policy::bundle::{build_pack, BundleError, EMBEDDED};
use shuzhuan_policy::RuleBundle;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every problem of `e` has its Chinese; the English messages, for the caller to look in.
fn bilingual(e: &BundleError, what: &str) -> Vec<String> {
    assert!(!e.problems.is_empty(), "{what}: no problem");
    for p in &e.problems {
        assert!(has_cjk(&p.message_zh), "{what}: no Chinese in {p:?}");
        assert_ne!(p.message_zh, p.message, "{what}: the Chinese is the English: {p:?}");
        assert!(!p.message.trim().is_empty(), "{what}: no English in {p:?}");
    }
    e.problems.iter().map(|p| p.message.clone()).collect()
}

fn xiamen() -> &'static str {
    EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1
}

/// (what is replaced, by what, a piece of the English message it must cause).
const BROKEN: &[(&str, &str, &str)] = &[
    ("schema = 2", "schema = 1", "schema 1 is not supported"),
    ("schema = 2", "schema = 7", "schema 7 is not supported"),
    ("id = \"xiamen-2024\"", "id = \"Xiamen_2024\"", "must be lowercase letters, digits and hyphens"),
    ("code = \"3502\"", "code = \"9902\"", "GB/T 2260"),
    (
        "en = \"Xiamen\" }",
        "en = \"Xiamen\", districts = [{ code = \"350100\", zh = \"鼓楼区\" }] }",
        "is not a 6-digit code of a district of the city (3502)",
    ),
    ("en = \"Xiamen\" }", "en = \"Xiamen\", districts = [{ code = \"35020\", zh = \"思明区\" }] }", "is not a 6-digit code"),
    (
        "en = \"Xiamen\" }",
        "en = \"Xiamen\", districts = [{ code = \"350203\", zh = \"思明区\" }, { code = \"350203\", zh = \"湖里区\" }] }",
        "listed twice",
    ),
    ("en = \"Xiamen\" }", "en = \"Xiamen\", districts = [{ code = \"350203\", zh = \" \" }] }", "has no name"),
    ("en = \"Xiamen\" }", "en = \"Xiamen\", districts = [{ code = \"350203\", name = \"思明区\" }] }", "unknown field `name`"),
    ("valid_from = 2023-09-01", "valid_from = 2026-09-01", "is after valid_until"),
    ("valid_from_note = {", "other_note = {", "unknown field `other_note`"),
    ("valid_until = 2025-12-31", "valid_until = \"2025-02-30\"", ""),
    ("validity_source = { clause = \"七、附则\"", "validity_source = { clause = \" \"", "the clause it comes from"),
    ("quote = \"本方案自公布之日起施行，有效期至2025年12月31日。\"", "quote = \"\"", "the sentence it implements"),
    ("id = \"eligible_input_yuan\"\nkind = \"yuan\"", "id = \"Eligible\"\nkind = \"yuan\"", "question id"),
    ("id = \"contract_down_payment_yuan\"", "id = \"eligible_input_yuan\"", "duplicate question id"),
    ("id = \"diagnosis_fee_yuan\"", "id = \"employees\"", "built-in field"),
    ("id = \"cloud_fee_yuan\"\nkind = \"yuan\"", "id = \"cloud_fee_yuan\"\nkind = \"choice\"", "needs its choices"),
    ("codes = [\"397\"]", "codes = []", "at least one code"),
    ("codes = [\"382\"]", "codes = [\"9999\"]", "GB/T 4754-2017"),
    ("confirm_reason = {", "confirm_reazon = {", "confirm_reazon"),
    ("from = 2023-09-01\nuntil", "from = 2023-09-02\nuntil", "leaves a gap"),
    ("from = 2023-09-01\nuntil", "from = 2023-08-01\nuntil", "overlaps the previous range"),
    ("until = 2025-12-31", "until = 2025-12-30", "must end on valid_until"),
    ("id = \"sme\"\nwhen = \"sme\"", "id = \"in_force\"\nwhen = \"sme\"", "duplicate criterion id"),
    ("id = \"in_force\"\nwhen = \"in_force\"", "id = \"in_force\"\nwhen = \"sme\"", "`in_force` criterion"),
    ("when = \"sme\"", "when = \"smee\"", "unknown condition"),
    ("when = \"sme\"", "when = \"answer(nothing)\"", "no question `nothing`"),
    ("when = \"sme\"", "when = \"level_after >= 3\"", "level_after"),
    ("when = \"sme\"", "when = \"answer(national_cross_industry_platform)\"", "is about the project"),
    ("id = \"xm-4-chain-leader\"", "id = \"xm-3-diagnosis\"", "duplicate measure id"),
    ("ratio = \"0.6\"", "ratio = \"1.6\"", "within 0–1"),
    ("cap = \"60000\"", "cap = \"-1\"", "must be ≥ 0"),
    ("cap = \"60000\"", "cap = \"60000000000000\"", "ceiling"),
    ("input = \"diagnosis_fee_yuan\"", "input = \"no_such\"", "no question \"no_such\" is declared"),
    ("input = \"diagnosis_fee_yuan\"", "input = \"national_cross_industry_platform\"", "must be a number"),
    ("kind = \"ratio_capped\", input", "kind = \"no_such_kind\", input", ""),
    ("role = \"chain_leader\"", "role = \"mayor\"", "unknown role"),
    ("paid_to = \"role\"\nrole = \"chain_leader\"", "paid_to = \"role\"", "needs a role"),
    ("paid_to = \"role\"\nrole = \"chain_leader\"", "paid_to = \"enterprise\"\nrole = \"chain_leader\"", "only for paid_to"),
    ("caps_by_level = { \"2\" = \"250000\"", "caps_by_level = { \"7\" = \"250000\"", "level \"7\""),
    ("caps_by_level = { \"2\" = \"250000\", \"3\" = \"350000\", \"4\" = \"400000\" }", "caps_by_level = {}", "at least one level"),
    ("ratio = \"0.4\"\ncaps_by_level", "ratio_by_year = { \"3\" = \"0.4\" }\ncaps_by_level", "year \"3\""),
    ("ratio = \"0.4\"\ncaps_by_level", "ratio = \"0.4\"\nratio_by_year = { \"1\" = \"0.4\" }\ncaps_by_level", "exactly one of ratio"),
    ("measures = [\"xm-5-equipment\", \"xm-8-transformation\"]", "measures = [\"xm-5-equipment\", \"xm-99\"]", "no measure \"xm-99\""),
    ("measures = [\"xm-5-equipment\", \"xm-8-transformation\"]", "measures = [\"xm-5-equipment\"]", "at least two measures"),
    ("schema = 2", "schema = 2\nschema = 2", ""),
    ("schema = 2", "schema = \"two\"", ""),
    ("id = \"xiamen-2024\"", "", "missing field `id`"),
];

#[test]
fn every_problem_of_a_broken_rule_file_is_said_in_chinese() {
    let good = xiamen();
    for (from, to, english) in BROKEN {
        let bad = good.replacen(from, to, 1);
        assert_ne!(bad, good, "{from:?} is not in the file");
        let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), bad.clone())], "test")
            .expect_err(&format!("{from:?} → {to:?} is accepted"));
        let messages = bilingual(&err, to);
        assert!(messages.iter().any(|m| m.contains(english)), "{to:?}: no problem says {english:?}: {err}");
        // A pack built from the same file refuses it with the same problems.
        assert_eq!(build_pack(&[("xiamen-2024.toml".into(), bad)]).unwrap_err(), err);
    }
    // A file under another name, two files with the same id, and no file at all.
    bilingual(&RuleBundle::from_sources(&[("other.toml".into(), good.into())], "test").unwrap_err(), "other name");
    let twice = [("xiamen-2024.toml".to_string(), good.to_string()), ("xiamen-2024.json".to_string(), good.to_string())];
    let e = RuleBundle::from_sources(&twice, "test").unwrap_err();
    assert!(bilingual(&e, "twice").iter().any(|m| m.contains("duplicate programme id")), "{e}");
    bilingual(&RuleBundle::from_sources(&[], "empty").unwrap_err(), "empty");
}

#[test]
fn every_problem_of_a_broken_pack_is_said_in_chinese() {
    let sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let pack = build_pack(&sources).unwrap();
    let v: serde_json::Value = serde_json::from_str(&pack).unwrap();
    let with = |key: &str, value: serde_json::Value| {
        let mut v = v.clone();
        v[key] = value;
        v.to_string()
    };
    let broken = [
        "{".to_string(),
        "[]".to_string(),
        with("format", "other".into()),
        with("schema", 1.into()),
        with("files", serde_json::Value::Null),
        with("files", serde_json::json!([{"name": "x.toml"}])),
        with("digest", "0".into()),
        with("hash", "".into()),
    ];
    for text in &broken {
        bilingual(&RuleBundle::from_pack_json(text, "rules.json").unwrap_err(), text);
    }
    // A programme the reader refuses, in a pack resealed so that it gets past the digest.
    let mut files = v["files"].clone();
    files[0]["programme"]["versions"] = "none".into();
    files[1]["programme"]["schema"] = "two".into();
    let text = with("files", files);
    let e = RuleBundle::from_pack_json(&text, "rules.json").unwrap_err();
    assert!(e.problems.iter().any(|p| p.path == "digest"), "{e}");
    bilingual(&e, "changed");
}

#[test]
fn the_printed_problem_puts_file_line_and_column_first_then_chinese_then_english() {
    let bad = xiamen().replacen("ratio = \"0.6\"", "ratio = \"1.6\"", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), bad.clone())], "test").unwrap_err();
    let line = bad.lines().position(|l| l.contains("ratio = \"1.6\"")).unwrap() + 1;
    let printed = err.to_string();
    let mut lines = printed.lines();
    let first = lines.next().unwrap();
    assert!(first.starts_with(&format!("xiamen-2024.toml:{line}:")), "{printed}");
    assert!(first.ends_with("比例 1.6 必须在 0 到 1 之间"), "{printed}");
    assert_eq!(lines.next(), Some("    ratio 1.6 must be within 0–1"), "{printed}");
}
