//! A city writes its own programme without code: `rules new`, `validate` (problems with line and
//! column), `test` (its own cases; exit 1 on a failure), `build` (the pack), `--rules PACK`, and
//! `site` (the built site with the pack as its rules.json).

use std::path::{Path, PathBuf};
use std::process::Command;

fn shuzhuan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shuzhuan")).args(args).env("SHUZHUAN_TODAY", "2026-12-03").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

mod common;

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("packs", name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `rules new` writes a pack that validates and passes its cases.
fn new_pack(name: &str) -> PathBuf {
    let dir = scratch(name).join("qingdao");
    let (code, out, err) = shuzhuan(&["rules", "new", "qingdao-2026", "-o", s(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    dir
}

/// [`new_pack`] and the pack `rules build` makes of it (`rules.json` beside the folder).
fn new_built_pack(name: &str) -> (PathBuf, PathBuf) {
    let dir = new_pack(name);
    let pack = dir.parent().unwrap().join("rules.json");
    let (code, _, err) = shuzhuan(&["rules", "build", s(&dir), "-o", s(&pack)]);
    assert_eq!(code, 0, "{err}");
    (dir, pack)
}

#[test]
fn a_new_pack_validates_and_passes_its_own_cases() {
    let dir = new_pack("new");
    let text = std::fs::read_to_string(dir.join("qingdao-2026.toml")).unwrap();
    assert!(text.contains("id = \"qingdao-2026\"") && text.contains("checked = 2026-12-03"), "{text}");
    let (code, out, err) = shuzhuan(&["rules", "validate", s(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 programme(s)") && out.contains("qingdao-2026"), "{out}");
    let (code, out, err) = shuzhuan(&["rules", "test", s(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 case(s) passed, 0 failed"), "{out}");
    // Never overwrites.
    let (code, _, err) = shuzhuan(&["rules", "new", "qingdao-2026", "-o", s(&dir)]);
    assert_eq!(code, 2);
    assert!(err.contains("exists"), "{err}");
    let (code, _, err) = shuzhuan(&["rules", "new", "Qing Dao", "-o", s(&dir)]);
    assert_eq!(code, 2);
    assert!(err.contains("lowercase letters"), "{err}");
}

#[test]
fn a_planted_error_is_reported_at_its_line_and_column() {
    let dir = new_pack("planted");
    let file = dir.join("qingdao-2026.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // An undeclared question in a condition, and a ratio above 1.
    let text = text.replace("when = \"answer(tax_paid)\"", "when = \"answer(tax_payed)\"").replace("ratio = \"0.3\"", "ratio = \"3\"");
    std::fs::write(&file, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (code, out, err) = shuzhuan(&["rules", "validate", s(&dir)]);
    assert_eq!(code, 2, "{out}");
    let tax = line_of("answer(tax_payed)");
    assert!(err.contains(&format!("qingdao-2026.toml:{tax}:")), "line {tax} expected in:\n{err}");
    assert!(err.contains("tax_payed"), "{err}");
    let ratio = line_of("ratio = \"3\"");
    assert!(err.contains(&format!("qingdao-2026.toml:{ratio}:")), "line {ratio} expected in:\n{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
    // Chinese first, on the line that starts with the file, line and column; the English below it.
    let lines: Vec<&str> = err.lines().collect();
    let at = lines.iter().position(|l| l.starts_with(&format!("qingdao-2026.toml:{ratio}:"))).unwrap();
    assert!(lines[at].ends_with("比例 3 必须在 0 到 1 之间"), "{err}");
    assert_eq!(lines[at + 1], "    ratio 3 must be within 0–1", "{err}");
    let at = lines.iter().position(|l| l.starts_with(&format!("qingdao-2026.toml:{tax}:"))).unwrap();
    assert!(lines[at].contains("条件有误") && lines[at + 1].contains("no question `tax_payed` is declared"), "{err}");
    // A pack with a problem is never built.
    let out_file = dir.join("rules.json");
    let (code, _, _) = shuzhuan(&["rules", "build", s(&dir), "-o", s(&out_file)]);
    assert_eq!(code, 2);
    assert!(!out_file.exists());
}

#[test]
fn a_failing_case_exits_1_with_its_clause() {
    let dir = new_pack("failing");
    let cases = dir.join("cases/qingdao-2026.toml");
    let text = std::fs::read_to_string(&cases).unwrap().replace("amount_yuan\" = \"240000\"", "amount_yuan\" = \"250000\"");
    std::fs::write(&cases, text).unwrap();
    let (code, out, err) = shuzhuan(&["rules", "test", s(&dir)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("FAIL") && err.contains("四、（一）") && err.contains("240000"), "{err}");
    assert!(err.contains("4 case(s) passed, 1 failed"), "{err}");
}

#[test]
fn a_built_pack_answers_as_its_folder_does_and_an_altered_one_is_refused() {
    let (dir, pack) = new_built_pack("built");
    let input = dir.parent().unwrap().join("in.json");
    std::fs::write(
        &input,
        r#"{"as_of":"2026-06-30","profile":{"industry":"3973","employees":120,"revenue_yuan":"85000000","region":"379901","answers":{"tax_paid":true}}}"#,
    )
    .unwrap();
    let (c1, from_dir, _) = shuzhuan(&["check", s(&input), "--rules", s(&dir)]);
    let (c2, from_pack, _) = shuzhuan(&["check", s(&input), "--rules", s(&pack)]);
    assert_eq!((c1, c2), (0, 0));
    let (mut a, report): (serde_json::Value, serde_json::Value) =
        (serde_json::from_str(&from_dir).unwrap(), serde_json::from_str(&from_pack).unwrap());
    assert_eq!(report["rules"]["origin"], s(&pack));
    a["rules"]["origin"] = report["rules"]["origin"].clone();
    assert_eq!(a, report, "the same rules give the same report, hash included");
    assert_eq!(report["programmes"][0]["id"], "qingdao-2026");
    assert_eq!(report["programmes"][0]["verdict"], "eligible");
    let (code, out, _) = shuzhuan(&["rules", "validate", s(&pack)]);
    assert_eq!(code, 0, "{out}");

    // One number changed after the build: refused whole, the embedded rules answer instead.
    let altered = std::fs::read_to_string(&pack).unwrap().replace("\"300000\"", "\"3000000\"");
    let bad = dir.parent().unwrap().join("altered.json");
    std::fs::write(&bad, altered).unwrap();
    let (code, _, err) = shuzhuan(&["rules", "validate", s(&bad)]);
    assert_eq!(code, 2);
    assert!(err.contains("digest"), "{err}");
    let (code, out, err) = shuzhuan(&["check", s(&input), "--rules", s(&bad)]);
    assert_eq!(code, 0);
    assert!(err.contains("were not used"), "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["rules"]["origin"], "embedded");
}

#[test]
fn site_puts_the_pack_in_place_and_the_worker_lists_it() {
    let dir = new_pack("site");
    let root = dir.parent().unwrap();
    // A stand-in for a built site: its page, an old pack with a precompressed sibling, and the
    // worker listing the old pack.
    let built = root.join("dist");
    std::fs::create_dir_all(built.join("vendor")).unwrap();
    std::fs::write(built.join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(built.join("vendor/x.mjs"), "export {}").unwrap();
    std::fs::write(built.join("rules.json"), "{}").unwrap();
    std::fs::write(built.join("rules.json.br"), "old").unwrap();
    let zeros = "0".repeat(64);
    std::fs::write(
        built.join("sw.js"),
        format!("const VERSION = '0000000000000000';\nconst HASH_OF_PATH = {{\n  \"./\": \"{zeros}\",\n  \"index.html\": \"{zeros}\",\n  \"rules.json\": \"{zeros}\",\n}};\n"),
    )
    .unwrap();
    let out = root.join("site");
    let (code, stdout, err) = shuzhuan(&["site", "--rules", s(&dir), "-o", s(&out), "--dir", s(&built)]);
    assert_eq!(code, 0, "{stdout}{err}");
    let pack = std::fs::read_to_string(out.join("rules.json")).unwrap();
    assert!(pack.contains("qingdao-2026"), "{pack}");
    assert!(!out.join("rules.json.br").exists(), "a stale compressed pack would be served instead");
    assert!(out.join("vendor/x.mjs").is_file());
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(!sw.contains("const VERSION = '0000000000000000'"), "{sw}");
    assert!(sw.contains(&format!("\"index.html\": \"{zeros}\"")));
    assert!(!sw.contains(&format!("\"rules.json\": \"{zeros}\"")), "{sw}");
    // Never into a folder that has files.
    let (code, _, err) = shuzhuan(&["site", "--rules", s(&dir), "-o", s(&out), "--dir", s(&built)]);
    assert_eq!(code, 2);
    assert!(err.contains("not an empty folder"), "{err}");
}

#[test]
fn serve_with_rules_answers_rules_json_with_the_pack() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = new_pack("serve");
    let built = dir.parent().unwrap().join("dist");
    std::fs::create_dir_all(&built).unwrap();
    std::fs::write(built.join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(built.join("rules.json"), "{\"old\":1}").unwrap();
    std::fs::write(built.join("rules.json.br"), "old, compressed").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuzhuan"))
        .args(["serve", "--port", "0", "--dir", s(&built), "--rules", s(&dir)])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).unwrap().to_string();
    assert!(line.contains("(rules.json: "), "{line}");
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(conn, "GET /rules.json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n").unwrap();
    let mut resp = String::new();
    conn.read_to_string(&mut resp).ok();
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(!resp.contains("Content-Encoding"), "the old compressed pack must not be sent: {resp}");
    assert!(resp.contains("\"qingdao-2026.toml\""), "{resp}");
}

/// `batch --rules`: a district office of a city outside the seeds screens its list against its
/// own pack, place names included; without `--rules` the programme is unknown to the embedded
/// rules. A broken pack falls back to the embedded rules with a warning, as for `check`.
#[test]
fn batch_screens_a_list_against_a_pack() {
    let dir = new_pack("batch");
    let list = dir.parent().unwrap().join("list.csv");
    std::fs::write(
        &list,
        "企业名称,行业代码,从业人员,营业收入(万元),资产总额(万元),所在城市,所在区县,独立法人,近三年不良信用记录\n\
         甲公司,3973,120,8500,6000,示例市,样板县,是,无\n\
         乙公司,3973,120,8500,6000,,379901,是,无\n\
         丙公司,3973,120,8500,6000,厦门市,思明区,是,无\n",
    )
    .unwrap();
    let args = ["batch", s(&list), "--programme", "qingdao-2026", "--as-of", "2026-06-30", "--format", "jsonl"];
    let (code, out, err) = shuzhuan(&[&args[..], &["--rules", s(&dir)]].concat());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rows: Vec<&serde_json::Value> = lines.iter().filter(|l| l.get("line").is_some()).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert_eq!(lines.last().unwrap()["summary"]["programmes"][0]["title"], "示例市中小企业数字化转型试点实施方案", "{out}");
    for row in &rows {
        assert_eq!(row["status"], "ok", "{row}");
        assert_eq!(row["programmes"][0]["id"], "qingdao-2026", "{row}");
    }
    // The pack's own district names are read; a seed city's district lies outside the pack's city.
    let in_city = |row: &serde_json::Value| row["programmes"][0]["reasons"].as_array().unwrap().iter().any(|r| r["criterion"] == "in_city");
    assert_eq!([&rows[0]["profile"]["region"], &rows[1]["profile"]["region"]], ["379902", "379901"], "{out}");
    assert!(!in_city(rows[0]) && !in_city(rows[1]), "{out}");
    assert!(in_city(rows[2]), "{out}");
    // Without the pack the programme is not known.
    let (code, _, err) = shuzhuan(&args);
    assert_eq!(code, 2);
    assert!(err.contains("qingdao-2026"), "{err}");
    // A pack with a problem: the embedded rules answer, which do not know the programme either.
    std::fs::write(dir.join("qingdao-2026.toml"), "id = 1\n").unwrap();
    let (code, _, err) = shuzhuan(&[&args[..], &["--rules", s(&dir)]].concat());
    assert_eq!(code, 2);
    assert!(err.contains("warning:") && err.contains("embedded rules"), "{err}");
}

/// `providers --rules`: the measure's numbers come from the pack given (here a copy of the seeds
/// whose 五（四） says three no-star ratings, not two); without it the embedded ones answer.
#[test]
fn providers_read_their_numbers_from_a_pack() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policy/rules");
    let dir = scratch("providers").join("rules");
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(&seeds).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(&f).unwrap();
        let changed = text.replace("exit_after_no_stars = { value = 2,", "exit_after_no_stars = { value = 3,");
        std::fs::write(dir.join(f.file_name().unwrap()), changed).unwrap();
    }
    let input = dir.parent().unwrap().join("stars.json");
    std::fs::write(&input, r#"{"providers": [{"id": "P1", "ratings": [0, 0]}]}"#).unwrap();
    let status = |extra: &[&str]| {
        let (code, out, err) = shuzhuan(&[&["providers", "stars", s(&input)], extra].concat());
        assert_eq!(code, 0, "{err}");
        let r: serde_json::Value = serde_json::from_str(&out).unwrap();
        (r["providers"][0]["status"].as_str().unwrap().to_string(), r["exit_after_no_stars"].as_u64().unwrap())
    };
    assert_eq!(status(&[]), ("exited".to_string(), 2));
    assert_eq!(status(&["--rules", s(&dir)]), ("active".to_string(), 3));
}

/// `check --rules PACK` and `estimate --rules PACK` read a district's name as the pack lists it
/// (样板县, 示例市样板县), as `batch --rules` does: the same report as for its code. Without the
/// pack the name is no place the built-in tables know, and the sentence says which names are read.
#[test]
fn check_and_estimate_read_a_pack_citys_district_names() {
    let (dir, pack) = new_built_pack("names");
    let run = |command: &str, input: &str, rules: Option<&Path>| {
        let file = dir.parent().unwrap().join("in.json");
        std::fs::write(&file, input).unwrap();
        let mut args = vec![command, s(&file), "--format", "json"];
        if let Some(r) = rules {
            args.extend(["--rules", s(r)]);
        }
        // The report on stdout; input refused, the errors as JSON on stderr.
        let (code, out, err) = shuzhuan(&args);
        let text = if code == 0 { &out } else { &err };
        (code, serde_json::from_str::<serde_json::Value>(text).unwrap_or_else(|e| panic!("{e}: {out}{err}")))
    };
    let check = |region: &str| {
        format!(
            r#"{{"as_of":"2026-06-30","profile":{{"industry":"3973","employees":120,"revenue_yuan":"85000000","region":"{region}","answers":{{"tax_paid":true}}}}}}"#
        )
    };
    let (code, by_code) = run("check", &check("379902"), Some(&pack));
    assert_eq!(code, 0, "{by_code}");
    for typed in ["样板县", "示例市样板县", "样板"] {
        let (code, report) = run("check", &check(typed), Some(&pack));
        assert_eq!(code, 0, "{typed}: {report}");
        assert_eq!(report["profile"]["region"], "379902", "{typed}");
        assert_eq!(report["region"], "示例市样板县（379902）", "{typed}");
        assert_eq!(report["programmes"][0]["id"], "qingdao-2026");
        assert_eq!(report["programmes"][0]["verdict"], "eligible", "{typed}: {report}");
        assert_eq!(report, by_code, "{typed}: read as its code is");
    }
    // A seed city's district by name, with the pack: outside the pack's city.
    let (code, report) = run("check", &check("厦门市思明区"), Some(&pack));
    assert_eq!(code, 0);
    assert_eq!(report["programmes"][0]["verdict"], "not_eligible", "{report}");
    // Without the pack: refused, naming the built-in cities only; with it, a name no one lists
    // names the pack's city too.
    let (code, refused) = run("check", &check("样板县"), None);
    assert_eq!(code, 2, "{refused}");
    assert_eq!(refused["errors"][0]["field"], "profile.region", "{refused}");
    assert!(refused["errors"][0]["message"]["zh"].as_str().unwrap().contains("福州、厦门、金华、济南的区县"), "{refused}");
    let (code, refused) = run("check", &check("朝阳区"), Some(&pack));
    assert_eq!(code, 2, "{refused}");
    assert!(refused["errors"][0]["message"]["zh"].as_str().unwrap().contains("济南、示例的区县"), "{refused}");

    // estimate: the same place, by name or code.
    let estimate = |region: &str| {
        format!(r#"{{"programme":"qingdao-2026","as_of":"2026-06-30","profile":{{"industry":"3973","region":"{region}"}}}}"#)
    };
    let (code, by_code) = run("estimate", &estimate("379902"), Some(&pack));
    assert_eq!(code, 0, "{by_code}");
    let (code, by_name) = run("estimate", &estimate("示例市样板县"), Some(&pack));
    assert_eq!(code, 0, "{by_name}");
    assert_eq!(by_name, by_code);
    let in_city = by_name["eligibility"]["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "in_city").cloned().unwrap();
    assert_eq!(in_city["outcome"], "pass", "{in_city}");
}
