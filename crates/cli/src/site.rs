//! A city's own site without a rebuild: the built app with a different rule pack as its
//! `rules.json`. `shuzhuan site --rules DIR|PACK -o OUT` writes the files; `shuzhuan serve --rules`
//! serves them directly (`--kiosk` from the site built into the binary).
//!
//! The service worker lists the SHA-256 of every file of the build and names its cache for a hash
//! of that list (scripts/write-sw.mjs), so replacing `rules.json` also means rewriting those two
//! entries of `sw.js`: otherwise the worker would refuse to store the new pack offline.

use crate::rules_cmd::{self, refusal};
use crate::Failure;
use sha2::{Digest, Sha256};
use shuzhuan_policy::bundle::build_pack;
use shuzhuan_policy::RuleBundle;
use std::path::Path;

/// The file of the site the app reads its rules from.
pub const RULES_FILE: &str = "rules.json";

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The built pack for `rules` (a directory of rule files, or a pack): validated, never a pack
/// with a problem.
pub fn pack_for(rules: &str) -> Result<String, Failure> {
    let fail = |e| Failure::new(format!("error: {}", refusal(rules, &e)));
    let p = Path::new(rules);
    if p.is_dir() {
        return rules_cmd::sources(p).map_err(rules_cmd::path_failure)?.and_then(|s| build_pack(&s)).map_err(fail);
    }
    let text = rules_cmd::pack_text(rules).map_err(rules_cmd::path_failure)?.map_err(fail)?;
    RuleBundle::from_pack_json(&text, rules).map_err(fail)?;
    Ok(text)
}

/// `sw_js` with `file`'s SHA-256 set to that of `body` and the version (the cache's name)
/// recomputed as scripts/write-sw.mjs computes it: SHA-256 over "HASH  PATH\n" for every listed
/// file in order, first 16 hex digits. `None` when `sw_js` is not a worker that script wrote.
pub fn retarget_sw(sw_js: &str, file: &str, body: &[u8]) -> Option<String> {
    let (new_hash, key) = (hex(body), format!("  {}: ", serde_json::to_string(file).ok()?));
    let old_version = sw_js.split("const VERSION = '").nth(1)?.split('\'').next()?.to_string();
    let mut lines: Vec<String> = Vec::new();
    let (mut listing, mut found) = (String::new(), false);
    for line in sw_js.split_inclusive('\n') {
        let mut line = line.to_string();
        if let Some((path, hash)) = hash_line(&line) {
            if line.starts_with(&key) {
                line = line.replace(&hash, &new_hash);
                found = true;
            }
            if path != "./" {
                let (_, h) = hash_line(&line)?;
                listing.push_str(&format!("{h}  {path}\n"));
            }
        }
        lines.push(line);
    }
    if !found || old_version.len() != 16 {
        return None;
    }
    let version = &hex(listing.as_bytes())[..16];
    Some(lines.concat().replace(&format!("const VERSION = '{old_version}'"), &format!("const VERSION = '{version}'")))
}

/// `  "path": "64 hex digits",` → (path, hash).
fn hash_line(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("  \"")?;
    let (path, rest) = rest.split_once("\": \"")?;
    let hash = rest.trim_end().strip_suffix("\",")?;
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then(|| (path.to_string(), hash.to_string()))
}

/// The files that replace the site's own: `rules.json` and the `sw.js` that lists it.
pub fn overlay(pack: String, sw_js: Option<&[u8]>) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut out = Vec::new();
    if let Some(sw) = sw_js {
        let sw = std::str::from_utf8(sw).ok().and_then(|s| retarget_sw(s, RULES_FILE, pack.as_bytes())).ok_or_else(|| {
            Failure::new(
                "error: sw.js: 这个站点的 sw.js 没有列出 rules.json（请用 scripts/build-app.sh 重新构建）/ this site's sw.js does not list rules.json (rebuild it with scripts/build-app.sh)\n".into(),
            )
        })?;
        out.push(("sw.js".to_string(), sw.into_bytes()));
    }
    out.push((RULES_FILE.to_string(), pack.into_bytes()));
    Ok(out)
}

/// `shuzhuan site --rules DIR|PACK -o OUT [--dir SITE]`: copies the built site (`--dir`, else
/// the one in this binary, else `dist`) to OUT with the pack as its rules. OUT must not exist
/// or be empty, so that nothing is overwritten by mistake.
pub fn site(rules: &str, out: &str, from: Option<&str>) -> Result<String, Failure> {
    let pack = pack_for(rules)?;
    let files = crate::serve::site_files(from)?;
    let out_dir = Path::new(out);
    if out_dir.read_dir().map(|mut d| d.next().is_some()).unwrap_or(false) {
        return Err(Failure::new(format!("error: -o: {out} 不是空目录，未写入 / {out} is not an empty folder; nothing was written\n")));
    }
    let sw = files.iter().find(|(p, _)| p == "sw.js").map(|(_, b)| b.as_slice());
    let overlay = overlay(pack, sw)?;
    let replaced =
        |p: &str| overlay.iter().any(|(o, _)| p == o || p.strip_suffix(".br").or_else(|| p.strip_suffix(".gz")).is_some_and(|b| b == o));
    let mut n = 0;
    for (rel, body) in
        files.iter().filter(|(p, _)| !replaced(p)).map(|(p, b)| (p, b.as_slice())).chain(overlay.iter().map(|(p, b)| (p, b.as_slice())))
    {
        let dest = out_dir.join(rel);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&dest, body)
        };
        write().map_err(|e| crate::write_failure("-o", &dest.to_string_lossy(), &e))?;
        n += 1;
    }
    Ok(format!("ok: {out}：{n} 个文件，规则来自 {rules} / {n} files, rules from {rules}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SW: &str = "const VERSION = '0123456789abcdef';\nconst HASH_OF_PATH = {\n  \"./\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n  \"index.html\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n  \"rules.json\": \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n};\nconst CACHE = `shuzhuan-${VERSION}`;\n";

    #[test]
    fn the_worker_lists_the_new_pack_and_a_new_version() {
        let out = retarget_sw(SW, "rules.json", b"{}").unwrap();
        let h = hex(b"{}");
        assert!(out.contains(&format!("  \"rules.json\": \"{h}\",\n")), "{out}");
        assert!(out.contains("  \"index.html\": \"aaaa"), "other files keep their hashes");
        // The version write-sw.mjs would compute for the same listing ("./" is not part of it).
        let listing = format!("{}  index.html\n{h}  rules.json\n", "a".repeat(64));
        let version = &hex(listing.as_bytes())[..16];
        assert!(out.starts_with(&format!("const VERSION = '{version}';")), "{out}");
        assert_eq!(out.lines().count(), SW.lines().count());
    }

    #[test]
    fn a_worker_without_the_rules_file_is_refused() {
        assert_eq!(retarget_sw(&SW.replace("rules.json", "other.json"), "rules.json", b"{}"), None);
        assert_eq!(retarget_sw("not a worker", "rules.json", b"{}"), None);
    }
}
