//! Output files written whole or not at all, and the check that an output is not the input.
//!
//! A [`Pending`] file is written to a temporary file beside its destination and renamed into
//! place by [`Pending::commit`] at the end of a successful run; dropped before that (an error, an
//! early return), the temporary file is removed. So a failed run never leaves half a file and
//! never replaces an existing file with a partial one. A run killed outright cannot remove its
//! temporary file: it stays beside the destination as `.NAME.shuzhuan-PID-N.tmp`, and the
//! destination is untouched.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Identifies a file: device and inode where it exists (Unix), else its canonical path (for a
/// file not written yet, its folder's canonical path and its name). Two paths with equal ids name
/// the same file, whether one is reached through a symbolic or hard link, `./x` or `x`.
#[derive(Debug, PartialEq, Eq)]
pub enum FileId {
    Inode(u64, u64),
    Path(PathBuf),
}

/// The id of the file at `path`.
pub fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    if let Ok(m) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return FileId::Inode(m.dev(), m.ino());
    }
    if let Ok(c) = std::fs::canonicalize(path) {
        return FileId::Path(c);
    }
    match (std::fs::canonicalize(folder_of(path)), path.file_name()) {
        (Ok(dir), Some(name)) => FileId::Path(dir.join(name)),
        _ => FileId::Path(path.to_path_buf()),
    }
}

/// The folder holding `path` (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A file being written; see the module's documentation.
pub struct Pending {
    /// `None` once committed or closed.
    out: Option<BufWriter<File>>,
    /// The temporary file and the destination it is renamed to; `None` when the destination is
    /// not a regular file (a device such as `/dev/null`, a named pipe), which is written directly,
    /// and once committed.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Pending {
    /// Starts writing `dest`: a new temporary file in the destination's folder (the folder of the
    /// file a symbolic link points to, so the link stays a link), with an existing destination's
    /// permissions.
    pub fn create(dest: &Path) -> io::Result<Pending> {
        let target = std::fs::canonicalize(dest).unwrap_or_else(|_| dest.to_path_buf());
        let existing = std::fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            return Ok(Pending { out: Some(BufWriter::with_capacity(1 << 16, File::create(&target)?)), rename: None });
        }
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let dir = folder_of(&target);
        let mut n = 0u32;
        let (file, tmp) = loop {
            let tmp = dir.join(format!(".{name}.shuzhuan-{}-{n}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(f) => break (f, tmp),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(e),
            }
        };
        let pending = Pending { out: Some(BufWriter::with_capacity(1 << 16, file)), rename: Some((tmp.clone(), target)) };
        if let Some(m) = existing {
            std::fs::set_permissions(&tmp, m.permissions())?;
        }
        Ok(pending)
    }

    /// Flushes the file to disk, closes it and renames it into place.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.out.take().ok_or_else(closed)?.into_inner().map_err(|e| e.into_error())?;
        if let Some((tmp, dest)) = &self.rename {
            file.sync_all()?;
            drop(file);
            std::fs::rename(tmp, dest)?;
            self.rename = None;
        }
        Ok(())
    }

    fn out(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.out.as_mut().ok_or_else(closed)
    }
}

fn closed() -> io::Error {
    io::Error::other("closed")
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out()?.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for Pending {
    /// Not committed: the file is closed without writing what is buffered, and the temporary
    /// file removed.
    fn drop(&mut self) {
        if let Some(out) = self.out.take() {
            drop(out.into_parts());
        }
        if let Some((tmp, _)) = &self.rename {
            std::fs::remove_file(tmp).ok();
        }
    }
}

/// Writes `bytes` to `dest` whole: a temporary file renamed into place, or nothing.
pub fn write_whole(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut p = Pending::create(dest)?;
    p.write_all(bytes)?;
    p.commit()
}
