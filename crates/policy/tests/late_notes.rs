//! The catalogue without embedded notes (the browser app's build): search by name works at once,
//! search by note text once the notes are loaded. Run with
//! `cargo test -p shuzhuan-policy --no-default-features --test late_notes`.
#![cfg(not(feature = "embedded-notes"))]

use shuzhuan_policy::catalogue::{catalogue, load_notes, notes_available, MatchKind};

#[test]
fn notes_loaded_later_are_searched() {
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
