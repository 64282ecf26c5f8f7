//! The catalogue neither embedded nor its notes (the browser app's build): nothing is found until
//! the codes are loaded; then search by name works, and search by note text once the notes are
//! loaded. Run with
//! `cargo test -p shuzhuan-policy --no-default-features --features embedded-rules --test late_notes`
//! (the app reads its rules from rules.json; this test takes the seed pack built in instead).
#![cfg(feature = "embedded-rules")]
#![cfg(not(feature = "embedded-notes"))]

use shuzhuan_policy::catalogue::{catalogue, catalogue_available, load_codes, load_notes, notes_available, MatchKind};
use shuzhuan_policy::{Date, Lang, RuleBundle};

#[test]
fn codes_and_notes_loaded_later_are_searched() {
    // Before the codes arrive: no lookups, but the rules are there (the start page needs them).
    assert!(!catalogue_available());
    assert!(catalogue().lookup("3973").is_err());
    assert_eq!(RuleBundle::embedded().programmes.len(), 5);
    // A pack's `section in [...]` is checked by its shape until the codes arrive (the app reads
    // rules.json before the catalogue: a city's "制造业 only" must not refuse the whole pack).
    struct NoQuestions;
    impl shuzhuan_policy::expr::Questions for NoQuestions {
        fn type_of(&self, _: &str) -> Option<shuzhuan_policy::expr::Type> {
            None
        }
    }
    let section = |src: &str| shuzhuan_policy::expr::parse(src).unwrap().check(&NoQuestions);
    assert!(section(r#"section in ["C", "3973", "65"]"#).is_empty());
    assert_eq!(section(r#"section in ["Z"]"#), ["`Z` is not a GB/T 4754-2017 section or code"]);
    assert_eq!(load_codes("not,a,catalogue\n"), 0, "nothing usable: stays unloaded");
    assert!(!catalogue_available());
    assert_eq!(load_codes(include_str!("../data/gbt4754-2017.csv")), 1971);
    assert_eq!(load_codes(include_str!("../data/gbt4754-2017.csv")), 0, "codes load once");
    assert!(catalogue_available());
    // Once the codes are there, the whole catalogue decides: 3999 is no class.
    assert_eq!(section(r#"section in ["3999"]"#), ["`3999` is not a GB/T 4754-2017 section or code"]);
    assert_eq!(catalogue().lookup("C3973").unwrap().name, "集成电路制造");
    // The same verdict as the embedded build once loaded.
    let input = shuzhuan_policy::input::parse_check_input(r#"{"profile": {"industry": "3973", "employees": 5}}"#).unwrap();
    let report = shuzhuan_policy::eval::check(&input, RuleBundle::embedded(), Date::parse("2025-06-30").unwrap(), Lang::Zh);
    assert_eq!(report.sme.category_name, "工业");
    assert!(!notes_available());
    // By name: no notes needed.
    assert_eq!(catalogue().search("电子专用材料", 1)[0].industry.code, "3985");
    // 磁性材料 appears only in 3985's note: nothing before the notes arrive.
    assert!(catalogue().search("磁性材料", 5).iter().all(|h| h.industry.code != "3985"));
    let csv = include_str!("../data/gbt4754-2017-notes.csv");
    assert_eq!(load_notes(csv), 1062);
    assert!(notes_available());
    let hit = &catalogue().search("磁性材料", 5)[0];
    assert_eq!((hit.industry.code.as_str(), hit.matched), ("3985", MatchKind::Note));
    assert!(catalogue().note("3985").unwrap().contains("磁性材料"));
    assert_eq!(load_notes(csv), 0, "notes load once");
}
