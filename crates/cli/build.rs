//! Embeds a built site into the binary for `shuzhuan serve --kiosk` when the environment variable
//! `SHUZHUAN_EMBED_DIST` names a folder (scripts/build-kiosk.sh sets it to dist/ after building
//! the app). Without it the list is empty and `serve --kiosk` says how to build one that has it.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=SHUZHUAN_EMBED_DIST");
    let mut code = String::from("/// The embedded site: (path relative to its root, contents).\npub static SITE: &[(&str, &[u8])] = &[\n");
    if let Some(dir) = std::env::var_os("SHUZHUAN_EMBED_DIST").filter(|d| !d.is_empty()) {
        let root = std::fs::canonicalize(&dir).expect("SHUZHUAN_EMBED_DIST names an existing folder");
        assert!(root.join("index.html").is_file(), "SHUZHUAN_EMBED_DIST has no index.html: build the app first");
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        walk(&root, &mut files);
        files.sort();
        for f in files {
            let rel = f.strip_prefix(&root).expect("inside root").to_string_lossy().replace('\\', "/");
            code.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", f.display().to_string()));
        }
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_site.rs");
    std::fs::write(out, code).expect("write embedded_site.rs");
}
