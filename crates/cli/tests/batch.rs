//! `shuzhuan batch` and `shuzhuan providers` through the built binary: the files in
//! `tests/batch/` (UTF-8, UTF-8 with BOM, GBK, tab-separated) with bad rows flagged by line and
//! column, every screened row equal to the single-profile `check`, the output CSV readable, and
//! a generated 100 000-row file streamed through with concrete counts.

use serde_json::Value;
use shuzhuan_policy::{check, CheckInput, Date, Lang, Profile, RuleBundle};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn shuzhuan(args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuzhuan"));
    cmd.args(args);
    run(cmd, stdin)
}

/// How long one run of the binary may take before the test kills it and fails: the slowest run
/// here (100 000 rows, debug build) takes a few seconds; a run that reads its own output back
/// would never end.
const DEADLINE: Duration = Duration::from_secs(120);

/// Runs `cmd` (today fixed) with a deadline: past it the child is killed and the test fails.
fn run(mut cmd: Command, stdin: Option<&[u8]>) -> (i32, Vec<u8>, String) {
    let mut child =
        cmd.env("SHUZHUAN_TODAY", "2026-11-22").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.unwrap_or_default().to_vec();
    let feeder = std::thread::spawn(move || {
        // A refused argument can end the binary before it reads stdin: not a failure.
        if let Err(e) = input.write_all(&bytes) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    });
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            r.read_to_end(&mut v).ok();
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            panic!("shuzhuan {:?} still running after {DEADLINE:?}: killed", cmd.get_args().collect::<Vec<_>>());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    feeder.join().unwrap();
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    (status.code().unwrap_or(-1), out, String::from_utf8_lossy(&err).into())
}

fn file(name: &str) -> String {
    format!("{}/../../tests/batch/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/tmp");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{name}", std::process::id()))
}

/// Runs `batch --format jsonl` and returns the rows and the summary.
fn jsonl(name: &str, programmes: &[&str], lang: &str) -> (Vec<Value>, Value) {
    let mut args = vec!["batch", name, "--as-of", "2025-06-30", "--format", "jsonl", "--lang", lang];
    for p in programmes {
        args.extend(["--programme", p]);
    }
    let (code, out, err) = shuzhuan(&args, None);
    assert_eq!(code, 0, "{err}");
    let mut rows: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary = rows.pop().unwrap()["summary"].clone();
    (rows, summary)
}

/// Every screened row's verdicts and reasons equal `check` on the profile it was read into.
fn assert_rows_equal_check(rows: &[Value], lang: Lang) {
    let as_of = Date::new(2025, 6, 30).unwrap();
    for r in rows.iter().filter(|r| r["status"] == "ok") {
        let profile: Profile = serde_json::from_value(r["profile"].clone()).unwrap();
        let report = check(&CheckInput { as_of: Some(as_of), profile, notices: vec![] }, RuleBundle::embedded(), as_of, lang);
        let report = serde_json::to_value(&report).unwrap();
        assert_eq!(r["sme"]["class"], report["sme"]["class"]);
        assert_eq!(r["sme"]["above_designated_size"], report["sme"]["above_designated_size"]);
        for p in r["programmes"].as_array().unwrap() {
            let q = report["programmes"].as_array().unwrap().iter().find(|q| q["id"] == p["id"]).unwrap();
            assert_eq!(p["verdict"], q["verdict"], "line {}", r["line"]);
            let want: Vec<(Value, Value)> = q["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["outcome"] != "pass")
                .map(|c| (c["id"].clone(), c["reason"].clone()))
                .collect();
            let got: Vec<(Value, Value)> =
                p["reasons"].as_array().unwrap().iter().map(|c| (c["criterion"].clone(), c["reason"].clone())).collect();
            assert_eq!(got, want, "line {}", r["line"]);
        }
    }
}

fn bad(rows: &[Value]) -> BTreeMap<u64, Vec<String>> {
    rows.iter()
        .filter(|r| r["status"] == "error")
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["errors"].as_array().unwrap().iter().map(|e| e["header"].as_str().unwrap().to_string()).collect(),
            )
        })
        .collect()
}

fn expect(v: &[(u64, &str)]) -> BTreeMap<u64, Vec<String>> {
    v.iter().map(|(l, h)| (*l, vec![h.to_string()])).collect()
}

#[test]
fn utf8_and_gbk_files_give_the_same_rows_and_equal_check() {
    let (rows, s) = jsonl(&file("applicants-utf8.csv"), &["fuzhou-2024", "jinhua-2024"], "zh");
    assert_eq!(s["encoding"], "utf8");
    assert_eq!(
        bad(&rows),
        expect(&[(5, "从业人员"), (6, "统一社会信用代码"), (7, "行业代码"), (14, "营业收入(万元)"), (15, "所在区县"), (17, "columns")])
    );
    assert_eq!(
        (s["rows"].as_u64(), s["screened"].as_u64(), s["bad_rows"].as_u64(), s["blank_rows"].as_u64()),
        (Some(17), Some(11), Some(6), Some(1))
    );
    assert_eq!(rows.iter().find(|r| r["line"] == 11).unwrap()["duplicate_of"], 2);
    assert_rows_equal_check(&rows, Lang::Zh);
    let (gbk_rows, gs) = jsonl(&file("applicants-gbk.csv"), &["fuzhou-2024", "jinhua-2024"], "zh");
    assert_eq!(gs["encoding"], "gbk");
    assert_eq!(gbk_rows, rows);
}

#[test]
fn bom_and_tab_files() {
    let (rows, s) = jsonl(&file("applicants-utf8-bom.csv"), &["fuzhou-2024"], "en");
    assert_eq!(s["encoding"], "utf8_bom");
    assert_eq!(bad(&rows), expect(&[(3, "Credit"), (5, "District"), (6, "Revenue (yuan)")]));
    assert_rows_equal_check(&rows, Lang::En);
    let (rows, s) = jsonl(&file("applicants-tab.tsv"), &["fuzhou-2024"], "zh");
    assert_eq!(s["delimiter"], "tab");
    assert_eq!(bad(&rows), expect(&[(4, "信用代码")]));
    assert_eq!(rows.iter().filter(|r| r["status"] == "ok").count(), 4);
    assert_rows_equal_check(&rows, Lang::Zh);
}

#[test]
fn csv_output_file_and_summary() {
    let out = tmp("out.csv");
    let summary = tmp("summary.json");
    let (code, stdout, err) = shuzhuan(
        &[
            "batch",
            &file("applicants-gbk.csv"),
            "-o",
            out.to_str().unwrap(),
            "--programme",
            "fuzhou-2024",
            "--as-of",
            "2025-06-30",
            "--summary",
            summary.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    assert!(err.contains("共 17 行：已初筛 11，数据有误 6，空行跳过 1，重复信用代码 1"), "{err}");
    assert!(err.contains("符合 4，不符合 5，待补充信息 2"), "{err}");
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "the output starts with a BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    // Header + 17 rows; the name with a line break stays one quoted field.
    let (rows, s) = shuzhuan_policy::batch::screen_text(
        &text,
        RuleBundle::embedded(),
        &shuzhuan_policy::batch::BatchOptions {
            programmes: vec!["fuzhou-2024".into()],
            as_of: Date::new(2025, 6, 30).unwrap(),
            lang: Lang::Zh,
        },
    )
    .unwrap();
    assert_eq!(s.rows, 17);
    assert_eq!(rows[0].fields[17], "符合");
    assert_eq!(rows[7].fields[0], "福州某\r\n纺织厂");
    assert_eq!(rows[7].fields[17], "不符合");
    assert!(rows[7].fields[18].contains("不具有独立法人资格"), "{:?}", rows[7].fields);
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["programmes"][0]["eligible"], 4);
    std::fs::remove_file(out).ok();
    std::fs::remove_file(summary).ok();
}

#[test]
fn stdin_template_and_whole_file_errors() {
    let (code, template, _) = shuzhuan(&["batch", "--template", "--lang", "en"], None);
    assert_eq!(code, 0);
    let (code, out, err) =
        shuzhuan(&["batch", "-", "--programme", "fuzhou-2024", "--as-of", "2025-06-30", "--lang", "en"], Some(&template));
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).unwrap();
    assert!(out.lines().nth(1).unwrap().contains(",2,screened,,,small enterprise,yes,yes,eligible,"), "{out}");
    assert!(err.contains("1 rows: 1 screened, 0 with input errors"), "{err}");
    // A money column without its unit stops the file, naming the column.
    let (code, _, err) = shuzhuan(&["batch", "-", "--programme", "fuzhou-2024"], Some("企业名称,营业收入\n甲,100\n".as_bytes()));
    assert_eq!(code, 2);
    assert!(err.contains("营业收入(万元)") && err.contains("header.2"), "{err}");
    let (code, _, err) = shuzhuan(&["batch", "nowhere.csv", "--programme", "fuzhou-2024"], None);
    assert_eq!(code, 2);
    assert!(err.contains("nowhere.csv"), "{err}");
    let (code, _, err) = shuzhuan(&["batch", &file("applicants-utf8.csv")], None);
    assert_eq!(code, 2);
    assert!(err.contains("--programme"), "{err}");
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = tmp(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Runs `batch` in `dir` (so `x` and `./x` are relative to it).
fn batch_in(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuzhuan"));
    cmd.current_dir(dir).arg("batch").args(args).args(["--programme", "fuzhou-2024", "--as-of", "2025-06-30"]);
    run(cmd, None)
}

/// A folder holding `in.csv` (the UTF-8 test list) and a link `link.csv` to it (Unix).
fn list_folder(name: &str) -> (PathBuf, Vec<u8>) {
    let dir = scratch(name);
    let list = std::fs::read(file("applicants-utf8.csv")).unwrap();
    std::fs::write(dir.join("in.csv"), &list).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("in.csv", dir.join("link.csv")).unwrap();
    (dir, list)
}

/// `args` are refused with exit 2 and a message naming `flag` in both languages, and nothing in
/// the folder changes: the list is intact and no file is added.
fn assert_refused(name: &str, args: &[&str], flag: &str, zh: &str, en: &str) {
    let (dir, list) = list_folder(name);
    let before = listing(&dir);
    let (code, out, err) = batch_in(&dir, args);
    assert_eq!(code, 2, "{args:?} not refused: {err}");
    assert!(out.is_empty(), "{args:?}");
    assert!(err.contains(&format!("error: {flag}: ")) && err.contains(zh) && err.contains(en), "{args:?}: {err}");
    assert_eq!(std::fs::read(dir.join("in.csv")).unwrap(), list, "{args:?} changed the list");
    assert_eq!(listing(&dir), before, "{args:?} left a file behind");
    std::fs::remove_dir_all(dir).ok();
}

const IS_INPUT: (&str, &str) = ("就是输入文件", "is the input file");

#[test]
fn output_with_the_same_path_as_the_input_is_refused() {
    assert_refused("same-path", &["in.csv", "-o", "in.csv"], "-o", IS_INPUT.0, IS_INPUT.1);
    assert_refused("same-path-long", &["in.csv", "--output=in.csv"], "--output", IS_INPUT.0, IS_INPUT.1);
}

#[test]
fn output_naming_the_input_with_a_dot_slash_is_refused() {
    assert_refused("dot-slash", &["in.csv", "-o", "./in.csv"], "-o", IS_INPUT.0, IS_INPUT.1);
    assert_refused("dot-slash-input", &["./in.csv", "-o", "in.csv"], "-o", IS_INPUT.0, IS_INPUT.1);
}

#[cfg(unix)]
#[test]
fn output_through_a_link_to_the_input_is_refused() {
    assert_refused("symlink", &["in.csv", "-o", "link.csv"], "-o", IS_INPUT.0, IS_INPUT.1);
    assert_refused("symlink-input", &["link.csv", "--summary", "in.csv"], "--summary", IS_INPUT.0, IS_INPUT.1);
    // A hard link is the same file too.
    let (dir, list) = list_folder("hardlink");
    std::fs::hard_link(dir.join("in.csv"), dir.join("hard.csv")).unwrap();
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "hard.csv"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read(dir.join("in.csv")).unwrap(), list);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn summary_naming_the_input_is_refused() {
    assert_refused("summary-input", &["in.csv", "-o", "out.csv", "--summary", "./in.csv"], "--summary", IS_INPUT.0, IS_INPUT.1);
}

#[test]
fn output_and_summary_naming_one_file_are_refused() {
    let same = ("是同一个文件", "is the same file as the output of -o");
    // A file not written yet, named two ways.
    assert_refused("out-summary-new", &["in.csv", "-o", "new.csv", "--summary", "./new.csv"], "--summary", same.0, same.1);
    // An existing file: refused, and left as it was.
    let (dir, _) = list_folder("out-summary-old");
    std::fs::write(dir.join("old.csv"), "kept").unwrap();
    let before = listing(&dir);
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "old.csv", "--summary", "old.csv"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(same.0) && err.contains(same.1), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("old.csv")).unwrap(), "kept");
    // With --format json the refusal is JSON, as for every usage error.
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "old.csv", "--summary", "old.csv", "--format", "json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&err).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_eq!(v["errors"][0]["field"], "--summary");
    assert!(v["errors"][0]["message"]["zh"].as_str().unwrap().contains(same.0), "{err}");
    assert_eq!(listing(&dir), before);
    std::fs::remove_dir_all(dir).ok();
}

/// A list of `n` rows (UTF-8): a few hundred kilobytes of output for a few thousand rows.
fn write_list(path: &Path, n: u32) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,近三年不良信用记录").unwrap();
    for i in 0..n {
        writeln!(f, "企业{i},,1761,{},{},,350104,是,无", 10 + i % 500, 100 + i % 3000).unwrap();
    }
}

#[test]
fn a_run_failing_late_leaves_the_existing_output_untouched_and_no_temporary_file() {
    let (dir, _) = list_folder("late-summary");
    std::fs::write(dir.join("out.csv"), "the previous results").unwrap();
    let before = listing(&dir);
    // The summary's folder does not exist: said before the first row, the output left alone.
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "out.csv", "--summary", "no-such-folder/summary.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--summary") && err.contains("no-such-folder/summary.json"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("out.csv")).unwrap(), "the previous results");
    assert_eq!(listing(&dir), before);
    // An input that cannot be read (a folder) after the output was opened.
    std::fs::create_dir(dir.join("folder.csv")).unwrap();
    let (code, _, err) = batch_in(&dir, &["folder.csv", "-o", "out.csv"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("error: input"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("out.csv")).unwrap(), "the previous results");
    assert_eq!(listing(&dir).len(), before.len() + 1, "{:?}", listing(&dir));
    std::fs::remove_dir_all(dir).ok();
}

/// The output fails part-way, after many rows were written: the file-size limit (`ulimit -f`,
/// with SIGXFSZ ignored so the write fails with EFBIG instead of killing the process) stops it
/// at 32–64 KB of a 300 KB output.
#[cfg(unix)]
#[test]
fn a_write_failing_part_way_leaves_the_existing_output_untouched_and_no_temporary_file() {
    let dir = scratch("part-way");
    write_list(&dir.join("in.csv"), 3000);
    std::fs::write(dir.join("out.csv"), "the previous results").unwrap();
    let before = listing(&dir);
    let mut cmd = Command::new("/bin/sh");
    cmd.current_dir(&dir).args(["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\""]).arg(env!("CARGO_BIN_EXE_shuzhuan")).args([
        "batch",
        "in.csv",
        "-o",
        "out.csv",
        "--summary",
        "summary.json",
        "--programme",
        "fuzhou-2024",
        "--as-of",
        "2025-06-30",
    ]);
    let (code, _, err) = run(cmd, None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("error: -o: out.csv 超过了系统允许的文件大小") && err.contains("out.csv is larger than the system allows"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(dir.join("out.csv")).unwrap(), "the previous results");
    assert_eq!(listing(&dir), before, "a temporary or summary file was left behind");
    // Without the limit the same run replaces the output whole, keeping its permissions.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.join("out.csv"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "out.csv", "--summary", "summary.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("out.csv")).unwrap().lines().count(), 3001);
    assert_eq!(std::fs::metadata(dir.join("out.csv")).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(listing(&dir), ["in.csv", "out.csv", "summary.json"]);
    std::fs::remove_dir_all(dir).ok();
}

/// A run killed part-way leaves the existing output as it was; only its temporary file, named
/// for the output, stays beside it.
#[test]
fn a_run_killed_part_way_leaves_the_existing_output_untouched() {
    let dir = scratch("killed");
    write_list(&dir.join("in.csv"), 200_000);
    std::fs::write(dir.join("out.csv"), "the previous results").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuzhuan"))
        .current_dir(&dir)
        .args(["batch", "in.csv", "-o", "out.csv", "--programme", "fuzhou-2024", "--as-of", "2025-06-30"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let temp = loop {
        let names = listing(&dir);
        let temp = names.iter().find(|n| n.starts_with(".out.csv.shuzhuan-") && n.ends_with(".tmp")).cloned();
        let size = temp.as_ref().and_then(|t| std::fs::metadata(dir.join(t)).ok()).map_or(0, |m| m.len());
        if size > 0 {
            break temp.unwrap();
        }
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed: {names:?}");
        assert!(started.elapsed() < DEADLINE, "no temporary file appeared: {names:?}");
        std::thread::sleep(Duration::from_millis(5));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("out.csv")).unwrap(), "the previous results");
    assert_eq!(listing(&dir), [temp.as_str(), "in.csv", "out.csv"]);
    std::fs::remove_dir_all(dir).ok();
}

/// `--template -o` through a link writes the file the link points to, whole; the link stays.
#[cfg(unix)]
#[test]
fn template_output_through_a_link_replaces_the_target() {
    let dir = scratch("template-link");
    std::fs::write(dir.join("target.csv"), "old").unwrap();
    std::os::unix::fs::symlink("target.csv", dir.join("link.csv")).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuzhuan"));
    cmd.current_dir(&dir).args(["batch", "--template", "-o", "link.csv"]);
    let (code, _, err) = run(cmd, None);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(dir.join("link.csv")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(dir.join("target.csv")).unwrap().starts_with("\u{FEFF}企业名称,"));
    assert_eq!(listing(&dir), ["link.csv", "target.csv"]);
    std::fs::remove_dir_all(dir).ok();
}

/// Cells a spreadsheet would run as formulas (OWASP's rule: starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return, and not a number) come out of `shuzhuan batch -o` with a leading `'`
/// inside quotes; numbers, signed or not, as they were. The reviewers' page writes the same bytes
/// (the same `CsvWriter`).
#[test]
fn formula_cells_are_escaped_in_the_output_csv() {
    let dir = scratch("formulas");
    let list = "企业名称,行业代码,@备注\n\
                \"-2+3+cmd|' /C calc'!A0\",1761,=1+1\n\
                \"\tx\",1761,-5\n\
                \"\r=1+1\",1761,+3.2\n\
                @SUM(A1:A9),1761,-1.5e3\n\
                +cmd,1761,-\n";
    std::fs::write(dir.join("in.csv"), list).unwrap();
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "out.csv"]);
    assert_eq!(code, 0, "{err}");
    let out = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert!(lines[0].starts_with("\u{FEFF}企业名称,行业代码,\"'@备注\",行号,"), "{out}");
    let starts = [
        "\"'-2+3+cmd|' /C calc'!A0\",1761,\"'=1+1\",2,",
        "\"'\tx\",1761,-5,3,",
        "\"'\r=1+1\",1761,+3.2,4,",
        // The carriage return above is a line break inside a quoted value: this row is on line 6.
        "\"'@SUM(A1:A9)\",1761,-1.5e3,6,",
        "\"'+cmd\",1761,\"'-\",7,",
    ];
    for (i, want) in starts.iter().enumerate() {
        assert!(lines[i + 1].starts_with(want), "row {}: {:?} does not start with {want:?}", i + 1, lines[i + 1]);
    }
    std::fs::remove_dir_all(dir).ok();
}

/// An unclosed quote on line 12 takes the 3,000 lines after it into its row: the summary on stderr
/// and the `--summary` JSON say so.
#[test]
fn an_unclosed_quote_is_counted_in_the_summary() {
    let dir = scratch("unclosed");
    let mut list = String::from("企业名称,行业代码,所在区县\n");
    for i in 2..12 {
        list.push_str(&format!("企业{i},1761,350104\n"));
    }
    list.push_str("\"企业12,1761,350104\n");
    for i in 13..3013 {
        list.push_str(&format!("企业{i},1761,350104\n"));
    }
    std::fs::write(dir.join("in.csv"), list).unwrap();
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "out.csv", "--summary", "summary.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("共 11 行：已初筛 10，数据有误 1"), "{err}");
    assert!(err.contains("第 12 行的引号未闭合（英文双引号），其后 3,000 行被并入该行"), "{err}");
    let s: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(s["unclosed_quote"], serde_json::json!({"line": 12, "absorbed_lines": 3000}));
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "out.csv", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("the double quote opened on line 12 is never closed: the 3,000 lines after it were read into that row"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

/// The first control character (other than a line break) in `s`.
fn raw_control(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control() && *c != '\n')
}

/// Header cells come from outside the office: one holding an escape sequence (clear the screen,
/// cursor home, a fake verdict) is quoted in the summary and in every message as values are,
/// `[U+001B]`, and a long one is cut; the output file keeps it as it was.
#[test]
fn header_cells_are_shown_not_printed_raw() {
    let dir = scratch("header-escape");
    let fake = "\u{1b}[2J\u{1b}[H全部符合";
    let long = "备".repeat(60);
    std::fs::write(dir.join("in.csv"), format!("企业名称,行业代码,{fake},{long}\n甲,1761,x,y\n")).unwrap();
    let (code, _, err) = batch_in(&dir, &["in.csv", "-o", "out.csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(raw_control(&err), None, "{err:?}");
    assert!(err.contains(&format!("[U+001B][2J[U+001B][H全部符合, {}…", "备".repeat(40))), "{err}");
    let out = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    assert!(out.starts_with(&format!("\u{FEFF}企业名称,行业代码,{fake},{long},")), "the output keeps the header as written");
    // Headers that stop the file: a unit not understood, nothing recognised.
    for (header, said) in
        [("企业名称,营业收入(\u{1b}[2J)\n甲,1\n", "[U+001B][2j"), ("\u{1b}[31m企业\u{202E}名称,x\n甲,1\n", "[U+001B][31m企业[U+202E]名称")]
    {
        std::fs::write(dir.join("bad.csv"), header).unwrap();
        for format in ["csv", "json"] {
            let (code, _, err) = batch_in(&dir, &["bad.csv", "-o", "out.csv", "--format", format]);
            assert_eq!(code, 2, "{err}");
            assert_eq!(raw_control(&err), None, "{err:?}");
            assert!(err.contains(said) && !err.contains('\u{202E}'), "{err}");
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

/// 100 000 generated rows streamed through the binary (debug build: a few seconds): every row
/// out, the counts as computed from the generator's pattern.
#[test]
fn a_hundred_thousand_rows() {
    let input = tmp("100k.csv");
    let output = tmp("100k-out.csv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        writeln!(f, "企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,近三年不良信用记录")
            .unwrap();
        // Every 8th row has an unknown district name (bad); industries cycle over 4 codes.
        let industries = ["1761", "3973", "5211", "1711"];
        let places = ["350104", "350112", "鼓楼区", "350203", "330782", "长乐区", "350181", "火星区"];
        for i in 0..100_000u32 {
            writeln!(
                f,
                "企业{i},,{},{},{},,{},是,无",
                industries[(i % 4) as usize],
                10 + i % 500,
                100 + i % 3000,
                places[(i % 8) as usize]
            )
            .unwrap();
        }
    }
    let (code, _, err) = shuzhuan(
        &[
            "batch",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
            "--programme",
            "fuzhou-2024",
            "--as-of",
            "2025-06-30",
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("100000 rows: 87500 screened, 12500 with input errors"), "{err}");
    // Fuzhou: i % 8 in {3, 4} are outside Fuzhou (25 000); of the 62 500 inside, industries 5211
    // (retail, i % 4 == 2) fail the sub-industry. i % 8 ∈ {0, 1, 2, 5, 6} inside, i % 4 == 2 ⇔ i % 8 ∈ {2, 6}:
    // 25 000 fail; the other 37 500 are 1761/3973/1711 SMEs, with legal person and credit given: eligible.
    assert!(err.contains("(fuzhou-2024): 37500 eligible, 50000 not eligible, 0 need more information"), "{err}");
    let out = std::fs::read_to_string(&output).unwrap();
    assert_eq!(out.lines().count(), 100_001);
    assert_eq!(out.lines().filter(|l| l.ends_with(",eligible,")).count(), 37_500);
    std::fs::remove_file(input).ok();
    std::fs::remove_file(output).ok();
}

#[test]
fn providers_score_from_a_sheet_and_from_json() {
    let sheet = "编号,名称,细分行业,失信名单,专家1,专家2,专家3,专家4,专家5\n\
                 A1,甲,汽车零部件及配件制造,否,70,89,90,91,100\n\
                 A2,乙,auto-parts,是,99,99,99,99,99\n\
                 A3,丙,auto-parts,否,80,80,,,\n";
    let path = tmp("scores.csv");
    std::fs::write(&path, sheet).unwrap();
    let (code, out, err) = shuzhuan(&["providers", "score", path.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["experts"], 5);
    let a = |id: &str| r["applicants"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!((a("A1")["final_score"].as_str(), a("A1")["status"].as_str()), (Some("90"), Some("selected")));
    assert_eq!(a("A2")["status"], "vetoed");
    assert_eq!(a("A3")["status"], "insufficient_scores");
    let (code, out, _) = shuzhuan(&["providers", "score", path.to_str().unwrap(), "--format", "text", "--lang", "en"], None);
    assert_eq!(code, 0);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("quota 6, 1 recommended"), "{text}");
    let stars = tmp("stars.json");
    std::fs::write(&stars, r#"{"providers": [{"id": "P1", "ratings": [0, "无星级"]}]}"#).unwrap();
    let (code, out, _) = shuzhuan(&["providers", "stars", stars.to_str().unwrap()], None);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((r["providers"][0]["status"].as_str(), r["below_minimum"].as_bool()), (Some("exited"), Some(true)));
    let (code, _, err) = shuzhuan(&["providers", "score", stars.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(err.contains("providers"), "{err}");
    // The same ratings as a sheet (a removal for another reason in its own columns).
    let sheet = tmp("stars.csv");
    std::fs::write(&sheet, "编号,名称,2024-10,2025-04,退出轮次,退出原因\nP1,甲,0,无星级,,\nP2,乙,2,,1,拒不整改\nP3,丙,,三星,,\n").unwrap();
    let (code, out, err) = shuzhuan(&["providers", "stars", sheet.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_slice(&out).unwrap();
    let status: Vec<&str> = r["providers"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["exited", "removed", "active"]);
    assert_eq!(r["rounds"][1]["label"], "2025-04");
    std::fs::remove_file(path).ok();
    std::fs::remove_file(stars).ok();
    std::fs::remove_file(sheet).ok();
}

/// 伟业印刷 in GBK (also valid UTF-8) in a short list with an ASCII header.
fn short_gbk_list(name: &str) -> PathBuf {
    let mut list = b"name,industry,employees,revenue (yuan),district\n".to_vec();
    list.extend_from_slice(&[0xCE, 0xB0, 0xD2, 0xB5, 0xD3, 0xA1, 0xCB, 0xA2]);
    list.extend_from_slice(b",2311,50,3000000,350112\n");
    let path = tmp(name);
    std::fs::write(&path, list).unwrap();
    path
}

#[test]
fn encoding_gbk_reads_a_short_gbk_list_right_and_the_summary_names_it() {
    let path = short_gbk_list("short-gbk.csv");
    let p = path.to_str().unwrap();
    let base = ["batch", p, "--programme", "fuzhou-2024", "--as-of", "2025-06-30", "--format", "jsonl"];
    // Guessed: UTF-8, and the summary says the guess is weak and what to do.
    let (code, out, err) = shuzhuan(&base, None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("文件编码：UTF-8（推测，把握不大）") && err.contains("--encoding gbk"), "{err}");
    let out = String::from_utf8(out).unwrap();
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!((&summary["summary"]["encoding"], &summary["summary"]["encoding_weak"]), (&Value::from("utf8"), &Value::from(true)));
    // Chosen: the names read right, and the summary says it was chosen.
    for v in ["gbk", "GB18030"] {
        let (code, out, err) = shuzhuan(&[&base[..], &["--encoding", v, "--lang", "en"]].concat(), None);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("encoding: GBK (as chosen)") && !err.contains("uncertain"), "{err}");
        let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines[0]["fields"][0], "伟业印刷");
        let s = &lines[1]["summary"];
        assert_eq!(
            (&s["encoding"], &s["encoding_decided"], &s["encoding_weak"]),
            (&Value::from("gbk"), &Value::from("forced"), &Value::from(false))
        );
    }
    // The GBK sample file: guessed, and said so.
    let (code, _, err) =
        shuzhuan(&["batch", &file("applicants-gbk.csv"), "--programme", "fuzhou-2024", "-o", tmp("gbk-out.csv").to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("文件编码：GBK（推测）"), "{err}");
    std::fs::remove_file(&path).ok();
}

#[test]
fn a_bad_encoding_value_is_a_bilingual_usage_error() {
    let (code, out, err) = shuzhuan(&["batch", "x.csv", "--programme", "fuzhou-2024", "--encoding", "latin1"], None);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("--encoding 应为 utf-8 或 gbk") && err.contains("--encoding must be utf-8 or gbk") && err.contains("\"latin1\""),
        "{err}"
    );
}

#[test]
fn a_header_error_names_the_encoding() {
    // 企业名称,营业收入 in GBK: the money column states no unit.
    let path = tmp("gbk-header.csv");
    std::fs::write(&path, [0xC6, 0xF3, 0xD2, 0xB5, 0xC3, 0xFB, 0xB3, 0xC6, b',', 0xD3, 0xAA, 0xD2, 0xB5, 0xCA, 0xD5, 0xC8, 0xEB, b'\n'])
        .unwrap();
    let (code, _, err) = shuzhuan(&["batch", path.to_str().unwrap(), "--programme", "fuzhou-2024"], None);
    assert_eq!(code, 2);
    assert!(err.contains("文件编码：GBK（推测") && err.contains("encoding: GBK (guessed"), "{err}");
    std::fs::remove_file(&path).ok();
}
