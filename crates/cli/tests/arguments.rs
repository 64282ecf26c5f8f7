//! The arguments through the built binary: an argument that is not UTF-8 (a file name in GBK, as
//! a list saved on a Chinese Windows machine and copied over keeps it) is never a panic. Where it
//! is a file the binary reads or writes it is used as it is; where the value must be text it is
//! refused naming the flag, exit 2. A flag `batch` knows under its former name (`--today`) means
//! `--as-of`.

mod common;

use std::ffi::OsString;
use std::process::Command;

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn shuzhuan(args: &[OsString]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_shuzhuan")).args(args).env("SHUZHUAN_TODAY", "2026-11-22").output().unwrap();
    let run = Run { code: out.status.code().unwrap_or(-1), stdout: out.stdout, stderr: String::from_utf8_lossy(&out.stderr).into() };
    assert!(!run.stderr.contains("panicked"), "{args:?} panicked: {}", run.stderr);
    run
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/batch").join(name)
}

#[test]
fn an_unknown_flag_and_a_missing_value_are_named_in_both_languages() {
    let r = shuzhuan(&os(&["check", "--frobnicate"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("未知选项 --frobnicate") && r.stderr.contains("unknown option --frobnicate"), "{}", r.stderr);
    let r = shuzhuan(&os(&["programmes", "--as-of"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--as-of 需要一个值") && r.stderr.contains("--as-of needs a value"), "{}", r.stderr);
    let r = shuzhuan(&os(&["batch", "in.csv", "-p", "fuzhou-2024", "--format=xml"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--format") && r.stderr.contains("xml"), "{}", r.stderr);
}

/// `batch --as-of` and its former name `--today` give the same screening.
#[test]
fn batch_takes_as_of_and_today_as_one_date() {
    let list = example("applicants-utf8.csv").into_os_string();
    let run = |flag: &str| {
        let mut args = os(&["batch"]);
        args.push(list.clone());
        args.extend(os(&["--programme", "fuzhou-2024", "--format", "jsonl", flag, "2025-06-30"]));
        let r = shuzhuan(&args);
        assert_eq!(r.code, 0, "{flag}: {}", r.stderr);
        r.stdout
    };
    let as_of = run("--as-of");
    assert_eq!(as_of, run("--today"));
    // On the default date (2026-11-22) the Fuzhou programme has expired: the date did matter.
    let mut args = os(&["batch"]);
    args.push(list);
    args.extend(os(&["--programme", "fuzhou-2024", "--format", "jsonl"]));
    assert_ne!(shuzhuan(&args).stdout, as_of);
}

#[cfg(unix)]
mod not_utf8 {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    /// 你好.csv in GBK: not UTF-8.
    fn gbk(suffix: &str) -> OsString {
        let mut name = OsStr::from_bytes(b"\xc4\xe3\xba\xc3").to_os_string();
        name.push(suffix);
        name
    }

    #[test]
    fn batch_reads_and_writes_files_with_gbk_names() {
        let dir = common::scratch("arguments", "gbk-names");
        let input = dir.join(gbk(".csv"));
        std::fs::copy(example("applicants-gbk.csv"), &input).unwrap();
        let output = dir.join(gbk("-out.csv"));
        let summary = dir.join(gbk("-summary.json"));
        let args: Vec<OsString> = vec![
            "batch".into(),
            input.into_os_string(),
            "-o".into(),
            output.clone().into_os_string(),
            "--summary".into(),
            summary.clone().into_os_string(),
            "--programme".into(),
            "fuzhou-2024".into(),
            "--as-of".into(),
            "2025-06-30".into(),
        ];
        let r = shuzhuan(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let out = String::from_utf8(std::fs::read(&output).unwrap()).unwrap();
        assert!(out.lines().count() > 1, "{out}");
        let summary: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
        assert!(summary.is_object(), "{summary}");
    }

    #[test]
    fn a_missing_file_with_a_gbk_name_is_said_not_panicked() {
        for cmd in [&["check"][..], &["estimate"], &["assess"], &["providers", "score"], &["batch"]] {
            let mut args = os(cmd);
            args.push(gbk(".csv"));
            args.extend(os(&["--programme", "fuzhou-2024"]).into_iter().filter(|_| cmd == ["batch"]));
            let r = shuzhuan(&args);
            assert_eq!(r.code, 2, "{cmd:?}: {}", r.stderr);
            assert!(r.stderr.contains("不存在") && r.stderr.contains("does not exist"), "{cmd:?}: {}", r.stderr);
        }
    }

    /// Where the value must be text (a language, a date, a rules path passed on as text), a name
    /// that is not UTF-8 is refused naming the flag, exit 2.
    #[test]
    fn where_text_is_needed_the_flag_is_named() {
        for (args, flag) in [
            (&["check", "--lang"][..], "--lang"),
            (&["programmes", "--as-of"], "--as-of"),
            (&["programmes", "--rules"], "--rules"),
            (&["serve", "--dir"], "--dir"),
            (&["rules", "validate"], "DIR"),
            (&["batch", "in.csv", "--programme"], "--programme"),
        ] {
            let mut argv = os(args);
            argv.push(gbk(""));
            let r = shuzhuan(&argv);
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains(&format!("error: {flag}:")), "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains("不是 UTF-8") && r.stderr.contains("not UTF-8"), "{args:?}: {}", r.stderr);
        }
        // A command word that is not UTF-8 is an unknown command.
        let r = shuzhuan(&[gbk("")]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("未知命令") && r.stderr.contains("unknown command"), "{}", r.stderr);
    }
}

/// Issue 14 item 5: nothing the user gave reaches the terminal as an escape sequence. An unknown
/// flag, a line of a rule file quoted by the TOML parser and a rules folder's own name are each
/// echoed with ESC written as `[U+001B]`, as values already were.
#[test]
fn echoed_arguments_and_rule_lines_cannot_drive_the_terminal() {
    let r = shuzhuan(&os(&["check", "--bogus\u{1b}[2J"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown option --bogus[U+001B][2J"), "{}", r.stderr);
    let dir = common::scratch("arguments", "esc\u{1b}[31m-rules");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.toml"), "schema = 2\n\u{1b}[31mbad = 1\n").unwrap();
    let dir = dir.into_os_string();
    for args in
        [vec!["rules".into(), "validate".into(), dir.clone()], vec!["check".into(), "--rules".into(), dir.clone(), "/dev/null".into()]]
    {
        let r = shuzhuan(&args);
        assert!(r.stderr.contains("[U+001B][31mbad = 1"), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("esc[U+001B][31m-rules"), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains('\u{1b}'), "{args:?} echoed ESC: {:?}", r.stderr);
    }
}
