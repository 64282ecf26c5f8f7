//! Replays the fuzz inputs through the fuzz targets' checks (`fuzz/checks.rs`, shared with the
//! targets): every crash input `scripts/fuzz.sh` saved under `tests/fuzz-regressions/TARGET/`, and
//! every seed under `fuzz/corpus/TARGET/`. Runs in the normal `cargo test`, no fuzzer needed; see
//! docs/reliability.md.
#![cfg(feature = "embedded-rules")]

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files directly in `dir` (none if it does not exist), sorted, without README files.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("README")))
        .collect();
    out.sort();
    out
}

fn check_for(target: &str) -> fn(&[u8]) {
    match target {
        "contract_json" => checks::contract_json,
        "amount" => checks::amount,
        "uscc" => checks::uscc,
        "rules_toml" => checks::rules_toml,
        "batch_csv" => checks::batch_csv,
        "rule_values" => checks::rule_values,
        "rule_pack" => checks::rule_pack,
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Runs every file of `dirs/TARGET/` through its target's check; returns how many ran.
fn replay(dirs: &[&str]) -> usize {
    let mut failed = Vec::new();
    let mut ran = 0;
    for target in checks::TARGETS {
        let check = check_for(target);
        for dir in dirs {
            for file in files(&root().join(dir).join(target)) {
                let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                ran += 1;
                if let Err(e) = catch_unwind(AssertUnwindSafe(|| check(&data))) {
                    let msg =
                        e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
                    failed.push(format!("{}: {msg}", file.display()));
                }
            }
        }
    }
    assert!(failed.is_empty(), "{} input(s) failed:\n{}", failed.len(), failed.join("\n"));
    ran
}

#[test]
fn saved_crash_inputs_pass() {
    replay(&["tests/fuzz-regressions"]);
}

#[test]
fn seed_corpora_pass() {
    let ran = replay(&["fuzz/corpus"]);
    // Every target has seeds: an empty corpus would make this test (and the fuzzing) vacuous.
    for target in checks::TARGETS {
        assert!(!files(&root().join("fuzz/corpus").join(target)).is_empty(), "no seeds for {target}");
    }
    assert!(ran >= 5 * 3, "only {ran} seeds");
}

/// The `rule_values` seed `moderate` fills the rule file with numbers that validate, so the
/// target reaches the estimators (a seed refused by validation would test nothing past it).
#[test]
fn a_rule_values_seed_reaches_the_estimators() {
    let data = std::fs::read(root().join("fuzz/corpus/rule_values/moderate")).unwrap();
    assert!(checks::rule_values_bundle(&data).is_some(), "the moderate seed does not make a valid rule file");
}

/// The `rule_pack` seeds reach what they are for: a built pack reads as it is; a resealed pack
/// with a ratio of 4 gets past its envelope to the validator, which names the ratio; the
/// worked example's rule file validates, so its pack is built and read back.
#[test]
fn the_rule_pack_seeds_reach_the_reader_and_the_validator() {
    let seed = |name: &str| {
        let bytes = std::fs::read(root().join("fuzz/corpus/rule_pack").join(name)).unwrap();
        String::from_utf8(bytes[1..].to_vec()).unwrap()
    };
    let example = shuzhuan_policy::RuleBundle::from_pack_json(&seed("0-example.json"), "seed").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(example.ids(), ["example-2026"]);
    let resealed = checks::reseal(&seed("1-example-ratio-4.json")).unwrap();
    let err = shuzhuan_policy::RuleBundle::from_pack_json(&resealed, "seed").unwrap_err();
    assert!(err.problems.iter().any(|p| p.path.ends_with("formula.ratio")), "{err}");
    let toml = seed("2-example-2026.toml");
    assert!(shuzhuan_policy::RuleBundle::from_sources(&[("example-2026.toml".into(), toml)], "seed").is_ok());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]
    /// `rule_values` on random bytes in every `cargo test` (the fuzzer explores further): rule
    /// numbers and inputs up to 10^30 never panic, and the totals add up.
    #[test]
    fn rule_values_on_random_bytes(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        checks::rule_values(&data);
    }

    /// The same with the words shaped so the rule file mostly validates: ratios within 0–1 and
    /// the band's minimum below its maximum and every rule number within the ceiling, so the
    /// estimators run with inputs of every size.
    #[test]
    fn rule_values_that_validate(mut words in proptest::collection::vec(proptest::prelude::any::<u64>(), 30)) {
        for n in &mut words[..13] {
            *n = (*n & !0xff) | ((*n & 0xff) % 5); // at most 10^6 × 10^4, within the rules' ceiling
        }
        for r in &mut words[13..18] {
            *r &= !(1 << 40);
        }
        let value = |w: u64| ((w >> 8) % 1_000_000) as u128 * 10u128.pow((w & 0xff) as u32 % 25);
        if value(words[4]) >= value(words[3]) {
            words.swap(3, 4);
        }
        let data: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        checks::rule_values(&data);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]
    /// `rule_pack` in every `cargo test` on the worked example cut at a random place, as a rule
    /// file and as a resealed pack (the fuzzer mutates further): no panic, and what still reads
    /// round-trips.
    #[test]
    fn rule_pack_on_cut_seeds(from in 0usize..20_000, len in 0usize..200, mode in 1u8..=2) {
        let name = if mode == 1 { "1-example.json" } else { "2-example-2026.toml" };
        let mut bytes = std::fs::read(root().join("fuzz/corpus/rule_pack").join(name)).unwrap();
        let from = from.min(bytes.len() - 1).max(1);
        let to = (from + len).min(bytes.len());
        bytes.drain(from..to);
        checks::rule_pack(&bytes);
    }
}
