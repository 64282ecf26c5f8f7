//! Reading the files the commands are given whole: JSON inputs (a file or standard input), rule
//! files and built packs; and what to say when a file cannot be read or written. A problem is
//! said in Chinese and English and names the file; it is told apart by the error's kind
//! (`std::io::ErrorKind`), never by the operating system's English text. Every read is capped
//! (`Read::take`), so `/dev/zero` or a huge file cannot fill the memory. (`shuzhuan batch` streams
//! its list and has no cap; it uses [`ReadError::text`] for its messages.)

use shuzhuan_policy::Text;
use std::io::{self, ErrorKind, Read};
use std::path::Path;

/// The largest input `check`, `estimate`, `assess` and `providers` read: 8 MiB (a profile is a
/// few kilobytes; an expert-score sheet for hundreds of applicants well under 1 MiB).
pub const INPUT_LIMIT: u64 = 8 << 20;
/// The largest rule file or case file `--rules DIR` reads: 4 MiB (the shipped rule files are
/// 10–30 KB).
pub const RULE_FILE_LIMIT: u64 = 4 << 20;
/// The largest built pack, and the most a `--rules` directory's files may hold together: 16 MiB
/// (the built pack of the five shipped programmes is about 72 KB, a little less than their rule
/// files).
pub const RULES_LIMIT: u64 = 16 << 20;
/// The most rule files (`*.toml`) one `--rules` directory may hold.
pub const RULE_FILES_MAX: usize = 256;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system's error (not found, no permission, a directory, …).
    Io(io::Error),
    /// Longer than the limit (bytes).
    TooBig(u64),
    /// Not UTF-8 text.
    NotUtf8,
    /// A pipe, device or socket where only a regular file is read.
    NotRegular,
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// `path` as messages show it (control characters made visible), or `std` for `-`.
fn named(path: &str, std: (&str, &str)) -> (String, String) {
    if path == "-" {
        return (std.0.to_string(), std.1.to_string());
    }
    let p = shuzhuan_policy::text::shown(path, 200);
    (p.clone(), p)
}

/// Why `path` (`-`: standard output) could not be written, in both languages, by the error's kind.
pub fn write_text(path: &str, e: &io::Error) -> Text {
    let (zh, en) = named(path, ("标准输出", "standard output"));
    match e.kind() {
        ErrorKind::StorageFull => Text::new(format!("磁盘已满，无法写入 {zh}"), format!("the disk is full: cannot write {en}")),
        ErrorKind::PermissionDenied => Text::new(format!("没有写入 {zh} 的权限"), format!("no permission to write {en}")),
        ErrorKind::NotFound => Text::new(format!("{zh} 所在的文件夹不存在"), format!("the folder of {en} does not exist")),
        ErrorKind::IsADirectory => Text::new(format!("{zh} 是文件夹，不是文件"), format!("{en} is a directory, not a file")),
        ErrorKind::FileTooLarge => Text::new(format!("{zh} 超过了系统允许的文件大小"), format!("{en} is larger than the system allows")),
        ErrorKind::ReadOnlyFilesystem => Text::new(format!("{zh} 在只读的磁盘上"), format!("{en} is on a read-only file system")),
        _ => Text::new(format!("无法写入 {zh}：{e}"), format!("cannot write {en}: {e}")),
    }
}

impl ReadError {
    /// What went wrong with `path` (`-`: standard input), in both languages.
    pub fn text(&self, path: &str) -> Text {
        let (zh, en) = named(path, ("标准输入", "standard input"));
        match self {
            ReadError::Io(e) => match e.kind() {
                ErrorKind::NotFound => Text::new(format!("找不到 {zh}（不存在）"), format!("{en} does not exist")),
                ErrorKind::PermissionDenied => Text::new(format!("没有读取 {zh} 的权限"), format!("no permission to read {en}")),
                ErrorKind::IsADirectory => Text::new(format!("{zh} 是文件夹，不是文件"), format!("{en} is a directory, not a file")),
                ErrorKind::InvalidData => ReadError::NotUtf8.text(path),
                _ => Text::new(format!("无法读取 {zh}：{e}"), format!("cannot read {en}: {e}")),
            },
            ReadError::TooBig(limit) => {
                let mib = limit >> 20;
                Text::new(
                    format!("{zh} 超过 {mib} MiB 的上限，未读取"),
                    format!("{en} is larger than the {mib} MiB limit and was not read"),
                )
            }
            ReadError::NotUtf8 => Text::new(
                format!("{zh} 不是 UTF-8 文本；请以 UTF-8 编码保存后再试"),
                format!("{en} is not UTF-8 text; save it with UTF-8 encoding and try again"),
            ),
            ReadError::NotRegular => Text::new(
                format!("{zh} 不是普通文件（是管道、设备或套接字），未读取"),
                format!("{en} is not a regular file (it is a pipe, device or socket) and was not read"),
            ),
        }
    }

    /// The path given could not be opened at all (as opposed to a file that was there but could
    /// not be used: too big, not text, not a regular file).
    pub fn is_unopenable(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() != ErrorKind::IsADirectory && e.kind() != ErrorKind::InvalidData)
    }
}

/// At most `limit` bytes of `input`; more is [`ReadError::TooBig`] (one byte past the limit is
/// read to tell, never more).
fn capped(input: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    input.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig(limit));
    }
    Ok(bytes)
}

/// The bytes of `path` (`-`: standard input), at most `limit`. A directory is refused before it
/// is read. A pipe or device is read (`check <(…)`, `/dev/stdin`) up to the limit.
pub fn bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    if path.as_os_str() == "-" {
        return capped(io::stdin().lock(), limit);
    }
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(ReadError::Io(ErrorKind::IsADirectory.into()));
    }
    capped(file, limit)
}

/// The text of `path` (`-`: standard input): at most `limit` bytes of UTF-8.
pub fn text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(bytes(path, limit)?).map_err(|_| ReadError::NotUtf8)
}

/// The text of a regular file (a symbolic link is followed), at most `limit` bytes of UTF-8. A
/// pipe, device or socket is refused before it is opened (opening a pipe waits for a writer), and
/// checked again on the opened file.
pub fn regular_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let regular = |m: std::fs::Metadata| {
        if m.is_dir() {
            Err(ReadError::Io(ErrorKind::IsADirectory.into()))
        } else if !m.is_file() {
            Err(ReadError::NotRegular)
        } else {
            Ok(())
        }
    };
    regular(std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    regular(file.metadata()?)?;
    String::from_utf8(capped(file, limit)?).map_err(|_| ReadError::NotUtf8)
}
