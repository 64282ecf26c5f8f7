//! The provider measure's numbers are rule data (`[provider_pool]` in
//! `fuzhou-providers-2024.toml`): the reserve's range (一 "选取 20-25 家"), the pool's minimum
//! (五（五） "低于27家") and the no-star ratings that end membership (五（四） "连续两次无星级").
//! A pack with an impossible number is refused, in Chinese and English.
// Reading rule files (TOML) needs the `toml` feature; the seeds need `embedded-rules`.
#![cfg(all(feature = "toml", feature = "embedded-rules"))]

use shuzhuan_policy::bundle::{BundleError, EMBEDDED};
use shuzhuan_policy::providers;
use shuzhuan_policy::RuleBundle;

const FILE: &str = "fuzhou-providers-2024.toml";

fn providers_toml() -> &'static str {
    EMBEDDED.iter().find(|(n, _)| *n == FILE).unwrap().1
}

/// The seeds with one replacement in the provider file.
fn pack(from: &str, to: &str) -> Result<RuleBundle, BundleError> {
    assert!(providers_toml().contains(from), "not in {FILE}: {from}");
    let sources: Vec<(String, String)> =
        EMBEDDED.iter().map(|(n, t)| (n.to_string(), if *n == FILE { t.replacen(from, to, 1) } else { t.to_string() })).collect();
    RuleBundle::from_sources(&sources, "test")
}

fn changed(from: &str, to: &str) -> RuleBundle {
    pack(from, to).unwrap_or_else(|e| panic!("{e}"))
}

const RESERVE: &str = "reserve = { min = 20, max = 25,";
const MINIMUM: &str = "minimum = { value = 27,";
const EXIT: &str = "exit_after_no_stars = { value = 2,";

#[test]
fn the_seed_pack_reads_the_documents_numbers() {
    let p = RuleBundle::embedded().get(providers::PROGRAMME).unwrap().provider_pool.clone().unwrap();
    assert_eq!((p.reserve.min, p.reserve.max, p.minimum.value, p.exit_after_no_stars.value), (20, 25, 27, 2));
    // The hand reader (embedded JSON) and serde's (TOML) agree on it.
    assert_eq!(Some(&p), changed(RESERVE, RESERVE).get(providers::PROGRAMME).unwrap().provider_pool.as_ref());
}

/// (what is replaced, by what, the path of the problem, a piece of its English).
const BROKEN: &[(&str, &str, &str, &str)] = &[
    (RESERVE, "reserve = { min = 26, max = 25,", "provider_pool.reserve.min", "above its maximum"),
    (RESERVE, "reserve = { min = 0, max = 25,", "provider_pool.reserve.min", "must be above 0"),
    (MINIMUM, "minimum = { value = 0,", "provider_pool.minimum.value", "must be above 0"),
    (EXIT, "exit_after_no_stars = { value = 0,", "provider_pool.exit_after_no_stars.value", "must be above 0"),
    (EXIT, "exit_after_no_stars = { value = -1,", "provider_pool.exit_after_no_stars.value", ""),
    (MINIMUM, "minimum = { number = 27,", "provider_pool.minimum", "unknown field `number`"),
    ("[provider_pool]", "[provider_pools]", "provider_pool", "needs [provider_pool]"),
    (
        "clause = \"五、（四）\", quote = \"在评星",
        "clause = \" \", quote = \"在评星",
        "provider_pool.exit_after_no_stars.source.clause",
        "clause",
    ),
];

#[test]
fn an_impossible_number_is_refused_in_both_languages() {
    for (from, to, path, english) in BROKEN {
        let e = match pack(from, to) {
            Ok(_) => panic!("{to}: accepted"),
            Err(e) => e,
        };
        let p = e
            .problems
            .iter()
            .find(|p| p.path == *path || p.path.starts_with(&format!("{path}.")))
            .unwrap_or_else(|| panic!("{to}: no problem at {path}: {e}"));
        assert!(p.message.contains(english), "{to}: {p:?}");
        assert!(p.message_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{to}: no Chinese: {p:?}");
        assert_eq!(p.file, FILE, "{to}");
    }
}

#[test]
fn only_a_provider_programme_has_a_provider_pool() {
    let xiamen = EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1;
    let pool = &providers_toml()[providers_toml().find("[provider_pool]").unwrap()..providers_toml().find("[[notes]]").unwrap()];
    let at = xiamen.find("[[").unwrap();
    let with_pool = format!("{}{pool}{}", &xiamen[..at], &xiamen[at..]);
    let sources: Vec<(String, String)> =
        EMBEDDED.iter().map(|(n, t)| (n.to_string(), if *n == "xiamen-2024.toml" { with_pool.clone() } else { t.to_string() })).collect();
    let e = RuleBundle::from_sources(&sources, "test").unwrap_err();
    assert!(e.problems.iter().any(|p| p.path == "provider_pool" && p.message.contains("only a provider programme")), "{e}");
}
