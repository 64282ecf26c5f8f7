//! Files that cannot be read, through the built binary (issue 14, item 12): a missing file, a
//! directory, text that is not UTF-8, a file over the size limit, `/dev/zero`, no permission, an
//! error of the operating system's own. Each is refused with exit 2, names the file, says what is
//! wrong in Chinese and English, and is the usual `{"errors": [{field, message: {zh, en}}]}` under
//! `--format json`. Under `--rules`, a pipe, a device, a file too big or not UTF-8 is a problem of
//! the pack: the embedded rules answer and the problem is said. Every run has a deadline, so a
//! read that blocks (a pipe) fails the test instead of hanging it. Writing to a full disk
//! (`/dev/full`) is said the same way.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The input limit of `check`, `estimate`, `assess` and `providers` (crates/cli/src/read.rs).
const INPUT_LIMIT: usize = 8 << 20;
/// The limit of one rule file under `--rules DIR`.
const RULE_FILE_LIMIT: usize = 4 << 20;
/// A run that takes longer is killed and the test fails (each run here takes well under 1 s).
const DEADLINE: Duration = Duration::from_secs(30);
const PROFILE: &str = r#"{"profile": {"industry": "3973"}}"#;

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs the binary with `args`, standard input from `stdin` (nothing when `None`), and a deadline.
fn shuzhuan(args: &[&str], stdin: Option<&Path>) -> Run {
    shuzhuan_to(args, stdin, Stdio::piped())
}

/// [`shuzhuan`] with standard output sent to `stdout` (`out` is empty unless it is piped).
fn shuzhuan_to(args: &[&str], stdin: Option<&Path>, stdout: Stdio) -> Run {
    let input = match stdin {
        Some(p) => Stdio::from(std::fs::File::open(p).unwrap()),
        None => Stdio::null(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuzhuan"))
        .args(args)
        .env("SHUZHUAN_TODAY", "2025-06-30")
        .stdin(input)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read_all = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            if let Some(mut r) = r {
                r.read_to_end(&mut s).ok();
            }
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = read_all(child.stdout.take().map(|o| Box::new(o) as Box<dyn std::io::Read + Send>));
    let err = read_all(child.stderr.take().map(|e| Box::new(e) as Box<dyn std::io::Read + Send>));
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            panic!("shuzhuan {args:?} still running after {DEADLINE:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    Run { code, out: out.join().unwrap(), err: err.join().unwrap() }
}

mod common;

fn scratch(name: &str) -> PathBuf {
    common::scratch("io", name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The one error of a refusal under `--format json` (exit 2, `field` as given): its zh and en.
fn json_error(r: &Run, field: &str) -> (String, String) {
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.out, r.err);
    let v: Value = serde_json::from_str(&r.err).unwrap_or_else(|e| panic!("stderr is not JSON ({e}): {}", r.err));
    let errors = v["errors"].as_array().unwrap_or_else(|| panic!("no errors list: {v}"));
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["field"], field, "{v}");
    let m = &errors[0]["message"];
    (m["zh"].as_str().unwrap().to_string(), m["en"].as_str().unwrap().to_string())
}

/// Every whole-input command refuses `file` with exit 2, in JSON and in text, saying `zh` and
/// `en` (and naming the file unless it is standard input); `batch` too when `batch_too` (it
/// streams, so it has no size limit, and reads GBK).
fn refused_everywhere(file: &str, stdin: Option<&Path>, zh: &str, en: &str, batch_too: bool) {
    let named = if file == "-" { ("标准输入", "standard input") } else { (file, file) };
    for cmd in [&["check"][..], &["estimate"], &["assess"], &["providers", "score"]] {
        let args = [cmd, &[file, "--format", "json"]].concat();
        let (z, e) = json_error(&shuzhuan(&args, stdin), "input");
        assert!(z.contains(zh) && z.contains(named.0), "{args:?}: {z}");
        assert!(e.contains(en) && e.contains(named.1), "{args:?}: {e}");
        let args = [cmd, &[file, "--format", "text", "--lang", "en"]].concat();
        let r = shuzhuan(&args, stdin);
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert!(r.err.starts_with("error: input: ") && r.err.contains(zh) && r.err.contains(en), "{args:?}: {}", r.err);
    }
    if batch_too {
        let r = shuzhuan(&["batch", file, "--programme", "fuzhou-2024"], stdin);
        assert_eq!(r.code, 2, "batch: {}", r.err);
        assert!(r.err.contains(zh) && r.err.contains(en) && r.err.contains(named.1), "batch: {}", r.err);
    }
}

#[test]
fn a_missing_file_is_named_in_both_languages() {
    let dir = scratch("missing");
    let f = dir.join("nope.json");
    refused_everywhere(s(&f), None, "找不到", "does not exist", true);
}

#[test]
fn a_directory_as_input_is_refused() {
    let dir = scratch("dir");
    refused_everywhere(s(&dir), None, "是文件夹，不是文件", "is a directory, not a file", true);
}

#[test]
fn text_that_is_not_utf8_says_it_must_be_utf8() {
    let dir = scratch("utf8");
    let f = dir.join("latin1.json");
    std::fs::write(&f, b"{\"profile\": {\"name\": \"Caf\xe9\"}}").unwrap();
    for cmd in ["check", "estimate", "assess"] {
        let (zh, en) = json_error(&shuzhuan(&[cmd, s(&f)], None), "input");
        assert!(zh.contains("不是 UTF-8 文本") && zh.contains(s(&f)), "{zh}");
        assert!(en.contains("is not UTF-8 text") && en.contains(s(&f)), "{en}");
        // Standard input likewise.
        let (zh, en) = json_error(&shuzhuan(&[cmd, "-"], Some(&f)), "input");
        assert!(zh.contains("标准输入 不是 UTF-8 文本"), "{zh}");
        assert!(en.contains("standard input is not UTF-8 text"), "{en}");
        let r = shuzhuan(&[cmd, s(&f), "--format", "text"], None);
        assert_eq!(r.code, 2);
        assert!(r.err.contains("UTF-8 文本") && r.err.contains("UTF-8 text"), "{}", r.err);
    }
}

#[test]
fn an_input_over_the_limit_is_refused_and_one_at_the_limit_is_read() {
    let dir = scratch("big");
    let f = dir.join("big.json");
    let at_limit = format!("{PROFILE}{}", " ".repeat(INPUT_LIMIT - PROFILE.len()));
    std::fs::write(&f, &at_limit).unwrap();
    let r = shuzhuan(&["check", s(&f)], None);
    assert_eq!(r.code, 0, "{}", r.err);
    std::fs::write(&f, at_limit + " ").unwrap();
    refused_everywhere(s(&f), None, "超过 8 MiB 的上限", "larger than the 8 MiB limit", false);
    refused_everywhere("-", Some(&f), "超过 8 MiB 的上限", "larger than the 8 MiB limit", false);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_as_input_is_refused_quickly() {
    let zero = Path::new("/dev/zero");
    let started = Instant::now();
    refused_everywhere("/dev/zero", None, "超过 8 MiB 的上限", "larger than the 8 MiB limit", false);
    refused_everywhere("-", Some(zero), "超过 8 MiB 的上限", "larger than the 8 MiB limit", false);
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[cfg(unix)]
#[test]
fn no_permission_to_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("perm");
    let f = dir.join("secret.json");
    std::fs::write(&f, PROFILE).unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&f).is_ok() {
        eprintln!("skipped: this user (root?) reads a file without permission");
        return;
    }
    refused_everywhere(s(&f), None, "没有读取", "no permission to read", true);
}

/// An error with no message of its own (here EIO from `/proc/self/mem`) keeps the system's text.
#[cfg(target_os = "linux")]
#[test]
fn another_error_keeps_the_system_message() {
    let (zh, en) = json_error(&shuzhuan(&["check", "/proc/self/mem"], None), "input");
    assert!(zh.starts_with("无法读取 /proc/self/mem：") && zh.contains("os error"), "{zh}");
    assert!(en.starts_with("cannot read /proc/self/mem: ") && en.contains("os error"), "{en}");
}

/// A copy of the shipped rules with one more file, and an input.
fn rules_dir(name: &str) -> (PathBuf, PathBuf) {
    let root = scratch(name);
    let rules = root.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policy/rules");
    for e in std::fs::read_dir(shipped).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, rules.join(p.file_name().unwrap())).unwrap();
    }
    let input = root.join("input.json");
    std::fs::write(&input, PROFILE).unwrap();
    (rules, input)
}

/// `check --rules RULES` answers with the embedded rules (exit 0) and says why on stderr.
fn falls_back(rules: &Path, input: &Path, zh: &str, en: &str) {
    let r = shuzhuan(&["check", s(input), "--rules", s(rules)], None);
    assert_eq!(r.code, 0, "{}", r.err);
    let report: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(report["rules"]["origin"], "embedded", "{}", r.err);
    assert!(r.err.contains("were not used") && r.err.contains("the embedded rules"), "{}", r.err);
    assert!(r.err.contains(zh) && r.err.contains(en), "{}", r.err);
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let st = Command::new("mkfifo").arg(p).status().unwrap();
    assert!(st.success());
}

#[cfg(unix)]
#[test]
fn a_pipe_under_rules_is_not_opened_and_the_embedded_rules_answer() {
    let (rules, input) = rules_dir("fifo");
    // The directory as it is: its own rules answer.
    let r = shuzhuan(&["check", s(&input), "--rules", s(&rules)], None);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap()["rules"]["origin"], s(&rules));
    let fifo = rules.join("zz-pipe.toml");
    mkfifo(&fifo);
    falls_back(&rules, &input, "不是普通文件", "is not a regular file");
    // A pipe given as the pack itself.
    let pack = rules.parent().unwrap().join("pack.json");
    mkfifo(&pack);
    falls_back(&pack, &input, "不是普通文件", "is not a regular file");
    let r = shuzhuan(&["rules", "validate", s(&rules)], None);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("zz-pipe.toml") && r.err.contains("not a regular file"), "{}", r.err);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_as_rules_is_not_read() {
    let (_, input) = rules_dir("zero");
    falls_back(Path::new("/dev/zero"), &input, "不是普通文件", "is not a regular file");
}

#[test]
fn a_rule_file_that_is_not_utf8_falls_back_to_the_embedded_rules() {
    let (rules, input) = rules_dir("utf8");
    std::fs::write(rules.join("gbk.toml"), b"id = \"\xb8\xa3\xd6\xdd\"\n").unwrap();
    falls_back(&rules, &input, "不是 UTF-8 文本", "is not UTF-8 text");
    assert!(shuzhuan(&["check", s(&input), "--rules", s(&rules)], None).err.contains("gbk.toml"));
    let r = shuzhuan(&["rules", "validate", s(&rules)], None);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("gbk.toml") && r.err.contains("is not UTF-8 text"), "{}", r.err);
}

#[test]
fn a_rule_file_over_the_limit_or_too_many_files_fall_back() {
    let (rules, input) = rules_dir("bigrules");
    let big = rules.join("zz-big.toml");
    std::fs::write(&big, format!("# {}\n", "x".repeat(RULE_FILE_LIMIT))).unwrap();
    falls_back(&rules, &input, "超过 4 MiB 的上限", "larger than the 4 MiB limit");
    std::fs::remove_file(&big).unwrap();
    for i in 0..260 {
        std::fs::write(rules.join(format!("extra-{i:03}.toml")), "").unwrap();
    }
    falls_back(&rules, &input, "超过 256 个的上限", "more than the limit of 256");
}

#[test]
fn rules_that_cannot_be_found_are_an_error_in_json() {
    let (rules, input) = rules_dir("norules");
    let missing = rules.join("missing");
    let (zh, en) = json_error(&shuzhuan(&["check", s(&input), "--rules", s(&missing), "--format", "json"], None), "--rules");
    assert!(zh.contains("找不到") && zh.contains(s(&missing)), "{zh}");
    assert!(en.contains("does not exist") && en.contains(s(&missing)), "{en}");
    let r = shuzhuan(&["check", s(&input), "--rules", s(&missing), "--format", "text"], None);
    assert_eq!(r.code, 2);
    assert!(r.err.starts_with("error: --rules: ") && r.err.contains("找不到") && r.err.contains("does not exist"), "{}", r.err);
}

/// Standard output on a full disk (`/dev/full`): said in both languages, exit 2, never a panic.
#[cfg(target_os = "linux")]
fn full() -> Stdio {
    Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_said_in_both_languages() {
    let dir = scratch("full");
    let input = dir.join("input.json");
    std::fs::write(&input, PROFILE).unwrap();
    let (zh, en) = json_error(&shuzhuan_to(&["check", s(&input), "--format", "json"], None, full()), "output");
    assert_eq!((zh.as_str(), en.as_str()), ("磁盘已满，无法写入 标准输出", "the disk is full: cannot write standard output"));
    for args in [&["check", s(&input), "--format", "text"][..], &["programmes"]] {
        let r = shuzhuan_to(args, None, full());
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert_eq!(r.err, "error: output: 磁盘已满，无法写入 标准输出 / the disk is full: cannot write standard output\n", "{args:?}");
    }
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/batch/applicants-utf8.csv");
    let batch = ["batch", s(&list), "--programme", "fuzhou-2024"];
    let r = shuzhuan_to(&batch, None, full());
    assert_eq!(r.code, 2);
    assert!(r.err.contains("磁盘已满，无法写入 标准输出 / the disk is full: cannot write standard output"), "{}", r.err);
    let r = shuzhuan(&[&batch[..], &["-o", "/dev/full"]].concat(), None);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("error: -o: 磁盘已满，无法写入 /dev/full / the disk is full: cannot write /dev/full"), "{}", r.err);
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policy/rules");
    let r = shuzhuan(&["rules", "build", s(&rules), "-o", "/dev/full"], None);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("error: -o: 磁盘已满，无法写入 /dev/full / the disk is full: cannot write /dev/full"), "{}", r.err);
}
