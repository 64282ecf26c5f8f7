//! Helpers shared by the tests that run the built binary (`mod common;`).

use std::path::PathBuf;

/// A fresh, empty folder for one test under the system's temporary folder:
/// `shuzhuan-KIND-NAME-PID`.
pub fn scratch(kind: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shuzhuan-{kind}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
