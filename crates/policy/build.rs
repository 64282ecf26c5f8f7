//! Converts the rule files (TOML, for people) into JSON embedded in the library, so builds that
//! do not parse TOML at run time (the WebAssembly app) carry no TOML parser. The hash is of the
//! TOML texts, the same as `RuleBundle::from_sources` computes for a directory.

use std::fmt::Write;

include!("src/fnv.rs");

/// The programmes, in the order they are shown.
/// The seed rule files, in file-name order: the order `shuzhuan rules build DIR` and `--rules DIR`
/// read a directory in, so the embedded rules, a built pack and a directory list the programmes
/// in the same order and have the same hash.
const FILES: &[&str] = &["fuzhou-2024.toml", "fuzhou-providers-2024.toml", "jinan-2024.toml", "jinhua-2024.toml", "xiamen-2024.toml"];

include!("src/toml_json.rs");

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/fnv.rs");
    println!("cargo:rerun-if-changed=src/toml_json.rs");
    let mut listed: Vec<String> = std::fs::read_dir("rules")
        .expect("rules/ exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    listed.sort();
    let mut expected: Vec<String> = FILES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(listed, expected, "build.rs FILES must list every rules/*.toml");
    assert_eq!(listed, FILES, "build.rs FILES must be in file-name order");
    let texts: Vec<(String, String)> =
        FILES.iter().map(|f| (f.to_string(), std::fs::read_to_string(format!("rules/{f}")).expect("readable rule file"))).collect();
    let mut out = String::from(
        "/// The rule files as JSON, converted at build time: (file name, JSON text).\npub const EMBEDDED_JSON: &[(&str, &str)] = &[\n",
    );
    for (name, text) in &texts {
        // A file that does not parse is embedded as an error for RuleBundle to report, not a build failure.
        let json = match toml::from_str::<toml::Value>(text) {
            Ok(v) => serde_json::to_string(&toml_to_json(v)).expect("json"),
            Err(e) => format!("{{\"__toml_error\": {:?}}}", e.to_string()),
        };
        writeln!(out, "    ({name:?}, {json:?}),").unwrap();
    }
    out.push_str("];\n");
    let hash = fnv1a(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    writeln!(out, "/// FNV-1a 64 of the TOML texts.\npub const EMBEDDED_HASH: &str = {hash:?};").unwrap();
    std::fs::write(format!("{}/embedded_rules.rs", std::env::var("OUT_DIR").unwrap()), out).unwrap();
}
