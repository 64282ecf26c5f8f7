//! The provider measure's numbers are rule data (`[provider_pool]` in
//! `fuzhou-providers-2024.toml`): the reserve's range (一 "选取 20-25 家"), the pool's minimum
//! (五（五） "低于27家") and the no-star ratings that end membership (五（四） "连续两次无星级").
//! A pack that changes a number changes what the calculators do, so no copy of it is left in the
//! code; a pack with an impossible number is refused, in Chinese and English.
// Reading rule files (TOML) needs the `toml` feature; the seeds need `embedded-rules`.
#![cfg(all(feature = "toml", feature = "embedded-rules"))]

use shuzhuan_policy::bundle::{BundleError, EMBEDDED};
use shuzhuan_policy::providers::{self, ApplicantStatus, PoolStatus};
use shuzhuan_policy::{Lang, RuleBundle};

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

#[test]
fn the_exit_rule_follows_the_rule_file() {
    let input = providers::parse_stars(r#"{"providers": [{"id": "P1", "ratings": [0, 0]}, {"id": "P2", "ratings": [0, 0, 0]}]}"#).unwrap();
    let seeds = providers::stars(&input, RuleBundle::embedded(), Lang::En).unwrap();
    assert_eq!(seeds.providers[0].status, PoolStatus::Exited);
    assert_eq!(seeds.providers[0].left_round, Some(2));
    assert!(seeds.providers[0].explanation.contains("a second consecutive"), "{}", seeds.providers[0].explanation);
    // Three in a row: two no-star ratings leave P1 in the pool, one rating from leaving.
    let three = changed(EXIT, "exit_after_no_stars = { value = 3,");
    let r = providers::stars(&input, &three, Lang::En).unwrap();
    assert_eq!((seeds.exit_after_no_stars, r.exit_after_no_stars), (2, 3));
    assert_eq!((seeds.exit_count.as_str(), r.exit_count.as_str()), ("two", "three"));
    assert_eq!((r.providers[0].status, r.providers[0].at_risk), (PoolStatus::Active, true), "{:?}", r.providers[0]);
    assert_eq!((r.providers[1].status, r.providers[1].left_round), (PoolStatus::Exited, Some(3)));
    assert!(r.providers[1].explanation.contains("a third consecutive"), "{}", r.providers[1].explanation);
    let exit = r.rules.iter().find(|x| x.id == "exit").unwrap();
    assert_eq!(exit.text, "3 consecutive no-star ratings: leave the pool");
    let zh = providers::stars(&input, &three, Lang::Zh).unwrap();
    assert!(zh.providers[1].explanation.contains("连续第三次无星级"), "{}", zh.providers[1].explanation);
    let seeds_zh = providers::stars(&input, RuleBundle::embedded(), Lang::Zh).unwrap();
    assert_eq!((seeds_zh.exit_count.as_str(), zh.exit_count.as_str()), ("两", "三"));
    assert!(zh.interpretations[0].contains("“连续三次无星级”"), "{}", zh.interpretations[0]);
}

#[test]
fn the_pool_minimum_follows_the_rule_file() {
    let input = providers::parse_stars(r#"{"providers": [{"id": "P1", "ratings": [3]}, {"id": "P2", "ratings": [2]}]}"#).unwrap();
    let seeds = providers::stars(&input, RuleBundle::embedded(), Lang::En).unwrap();
    assert_eq!((seeds.pool_minimum, seeds.below_minimum, seeds.rounds[0].below_minimum), (27, true, true));
    let two = changed(MINIMUM, "minimum = { value = 2,");
    let r = providers::stars(&input, &two, Lang::En).unwrap();
    assert_eq!((r.pool_minimum, r.below_minimum, r.rounds[0].below_minimum, r.replenish.as_deref()), (2, false, false, None));
    let three = changed(MINIMUM, "minimum = { value = 3,");
    let r = providers::stars(&input, &three, Lang::Zh).unwrap();
    assert!(r.replenish.as_deref().unwrap().contains("低于 3 家"), "{:?}", r.replenish);
    assert_eq!(r.rules.iter().find(|x| x.id == "replenish").unwrap().text, "资源库低于 3 家时可从后备库补充");
}

#[test]
fn the_reserve_follows_the_rule_file() {
    // Three auto-parts applicants beyond its quota of 6: they are the reserve's candidates.
    let applicants: Vec<String> =
        (1..=9).map(|i| format!(r#"{{"id": "A{i}", "sub_industry": "auto-parts", "scores": [{m}, {m}, {m}]}}"#, m = 100 - i)).collect();
    let text = format!(r#"{{"applicants": [{}]}}"#, applicants.join(","));
    let seeds = providers::parse_score(&text, RuleBundle::embedded()).unwrap();
    assert_eq!(seeds.reserve_size, 25, "the default is the maximum");
    let r = providers::score(&seeds, RuleBundle::embedded(), Lang::En).unwrap();
    assert_eq!((r.reserve.min, r.reserve.max, r.reserve.short_of_minimum), (20, 25, 17));
    // A reserve of 1–2: the default is 2, 25 is refused, and the two best of the rest fill it.
    let small = changed(RESERVE, "reserve = { min = 1, max = 2,");
    let input = providers::parse_score(&text, &small).unwrap();
    assert_eq!(input.reserve_size, 2);
    let r = providers::score(&input, &small, Lang::En).unwrap();
    assert_eq!((r.reserve.min, r.reserve.max, r.reserve.short_of_minimum), (1, 2, 0));
    assert_eq!(r.reserve.members, ["A7", "A8"]);
    assert_eq!(r.applicants.iter().find(|a| a.id == "A9").unwrap().status, ApplicantStatus::NotSelected);
    assert_eq!(r.rules.iter().find(|x| x.id == "reserve").unwrap().text, "reserve of 1–2");
    assert!(!r.warnings.iter().any(|w| w.contains("reserve")), "{:?}", r.warnings);
    let e = providers::parse_score(&text.replacen('{', r#"{"reserve_size": 25, "#, 1), &small).unwrap_err();
    assert_eq!(e.errors[0].field, "reserve_size");
    assert!(e.errors[0].message.en.contains("from 1 to 2"), "{:?}", e.errors[0]);
    assert!(e.errors[0].message.zh.contains("1 到 2"), "{:?}", e.errors[0]);
}

/// (what is replaced, by what, the path of the problem, a piece of its English).
const BROKEN: &[(&str, &str, &str, &str)] = &[
    (RESERVE, "reserve = { min = 26, max = 25,", "provider_pool.reserve.min", "min 26 is above max 25"),
    (RESERVE, "reserve = { min = 0, max = 25,", "provider_pool.reserve.min", "above 0"),
    (MINIMUM, "minimum = { value = 0,", "provider_pool.minimum.value", "above 0"),
    (EXIT, "exit_after_no_stars = { value = 0,", "provider_pool.exit_after_no_stars.value", "above 0"),
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
