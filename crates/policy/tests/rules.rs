//! Integrity of the embedded rules: they load, their versions tile each validity window day by
//! day, every quote is verbatim from its source document, and a bad rules directory is refused
//! with every problem listed.
// Reading rule files (TOML) needs the `toml` feature, which is on by default.
#![cfg(feature = "toml")]

use shuzhuan_policy::bundle::EMBEDDED;
use shuzhuan_policy::rules::{Audience, Formula};
use shuzhuan_policy::RuleBundle;

fn bundle() -> &'static RuleBundle {
    let b = RuleBundle::embedded();
    assert_eq!(b.origin, "embedded", "embedded rules failed to load: {:?}", load_errors());
    b
}

fn load_errors() -> Option<String> {
    let sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    RuleBundle::from_sources(&sources, "embedded").err().map(|e| e.to_string())
}

#[test]
fn embedded_rules_load_with_the_five_programmes() {
    let ids = bundle().ids();
    assert_eq!(ids, ["fuzhou-2024", "fuzhou-providers-2024", "jinan-2024", "jinhua-2024", "xiamen-2024"], "file-name order");
    assert_eq!(bundle().get("fuzhou-providers-2024").unwrap().audience, Audience::Provider);
    assert!(bundle().get("xiamen-2024").unwrap().draft);
    assert!(bundle().get("jinhua-2024").unwrap().draft);
    assert!(!bundle().get("fuzhou-2024").unwrap().draft);
    assert_eq!(bundle().get("fuzhou-2024").unwrap().document_number.as_deref(), Some("榕工信行规〔2024〕17号"));
    assert_eq!(bundle().get("fuzhou-providers-2024").unwrap().document_number.as_deref(), Some("榕工信行规〔2024〕18号"));
}

#[test]
fn validity_windows_are_the_decided_ones() {
    // docs/readings.md §5: Fuzhou 2024-04-11 → 2025-12-31; Xiamen → 2025-12-31; Jinhua → 2026-09-30; Jinan 2024-03-06 → 2025-12-31.
    let w = |id: &str| {
        let p = bundle().get(id).unwrap();
        (p.valid_from.to_string(), p.valid_until.to_string())
    };
    assert_eq!(w("fuzhou-2024"), ("2024-04-11".into(), "2025-12-31".into()));
    assert_eq!(w("xiamen-2024").1, "2025-12-31");
    assert_eq!(w("jinhua-2024").1, "2026-09-30");
    assert_eq!(w("jinan-2024"), ("2024-03-06".into(), "2025-12-31".into()));
    assert_eq!(w("fuzhou-providers-2024"), ("2024-04-11".into(), "2025-12-31".into()));
}

/// The reviewers' page starts with the programmes in force on the date ticked; after every one
/// has expired, with the one that ended last (issue 16, item 9); before any starts, the first.
#[test]
fn default_programmes_are_those_in_force_else_the_most_recent() {
    use shuzhuan_policy::eval::default_programmes;
    let on = |d: &str| default_programmes(bundle(), shuzhuan_policy::Date::parse(d).unwrap());
    assert_eq!(on("2025-06-30"), ["fuzhou-2024", "jinan-2024", "jinhua-2024", "xiamen-2024"], "every enterprise one in force");
    assert_eq!(on("2026-03-01"), ["jinhua-2024"], "only Jinhua still in force");
    assert_eq!(on("2026-12-03"), ["jinhua-2024"], "all expired: Jinhua ended last (2026-09-30)");
    assert_eq!(on("2026-09-30"), ["jinhua-2024"], "its last day is in force");
    assert_eq!(on("2023-01-01"), ["xiamen-2024"], "none started: Xiamen starts first (2023-09-01)");
    assert!(!on("2026-12-03").contains(&"fuzhou-providers-2024".to_string()), "providers' measure never");
}

/// On every day of each programme's window exactly one rule version applies; none outside it.
#[test]
fn exactly_one_rule_version_applies_on_every_day_of_each_window() {
    for p in &bundle().programmes {
        let mut d = p.valid_from;
        let mut days = 0;
        loop {
            let n = p.versions_on(d).count();
            assert_eq!(n, 1, "{}: {n} rule versions apply on {d}", p.id);
            days += 1;
            if d == p.valid_until {
                break;
            }
            d = d.succ().unwrap();
        }
        assert!(days > 300, "{}: a window of only {days} days", p.id);
        assert_eq!(p.versions_on(p.valid_from.pred().unwrap()).count(), 0, "{}: a version applies before the window", p.id);
        assert_eq!(p.versions_on(p.valid_until.succ().unwrap()).count(), 0, "{}: a version applies after the window", p.id);
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn source_text(id: &str) -> String {
    let file = match id {
        "fuzhou-2024" => "000_25b80de7de14508b.txt",
        "xiamen-2024" => "001_dc659293fc9d1321.txt",
        "fuzhou-providers-2024" => "002_645b33252d65f1b7.txt",
        "jinhua-2024" => "003_0cf0e7f780b67fbc.txt",
        "jinan-2024" => "004_bd96fafbc9ac256d.txt",
        other => panic!("no source document for {other}"),
    };
    squash(&std::fs::read_to_string(format!("{}/sources/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap())
}

/// Every quote in the rules is copied verbatim (ignoring whitespace) from its own document.
#[test]
fn every_quote_is_verbatim_from_its_document() {
    let mut bad = Vec::new();
    for p in &bundle().programmes {
        let doc = source_text(&p.id);
        let mut quotes = vec![("validity_source".to_string(), &p.validity_source.quote)];
        quotes.extend(p.sub_industries.iter().map(|s| (format!("sub_industries.{}", s.id), &s.source.quote)));
        quotes.extend(p.notes.iter().map(|n| (format!("notes.{}", n.id), &n.source.quote)));
        if let Some(pool) = &p.provider_pool {
            quotes.push(("provider_pool.reserve".into(), &pool.reserve.source.quote));
            quotes.push(("provider_pool.minimum".into(), &pool.minimum.source.quote));
            quotes.push(("provider_pool.exit_after_no_stars".into(), &pool.exit_after_no_stars.source.quote));
        }
        quotes.extend(p.questions.iter().map(|q| (format!("questions.{}", q.id), &q.source.quote)));
        for v in &p.versions {
            quotes.extend(v.criteria.iter().map(|c| (format!("criteria.{}", c.id), &c.source.quote)));
            quotes.extend(v.measures.iter().map(|m| (format!("measures.{}", m.id), &m.source.quote)));
            quotes.extend(v.overlaps.iter().map(|o| (format!("overlaps.{}", o.id), &o.source.quote)));
        }
        for (what, q) in quotes {
            if !doc.contains(&squash(q)) {
                bad.push(format!("{} {what}: {q}", p.id));
            }
        }
    }
    assert!(bad.is_empty(), "quotes not found verbatim in their document:\n{}", bad.join("\n"));
}

/// The numbers of the Xiamen and Jinhua measures are those of docs/readings.md §5.
#[test]
fn measure_numbers_match_the_decided_readings() {
    let v = &bundle().get("xiamen-2024").unwrap().versions[0];
    let m = |id: &str| &v.measures.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("no measure {id}")).formula;
    let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    match m("xm-8-transformation") {
        Formula::RatioCappedByLevel { ratio, caps_by_level, first_instalment, .. } => {
            assert_eq!(*ratio, Some(dec("0.4")));
            assert_eq!(caps_by_level.get("2"), Some(&dec("250000")));
            assert_eq!(caps_by_level.get("3"), Some(&dec("350000")));
            assert_eq!(caps_by_level.get("4"), Some(&dec("400000")));
            let fi = first_instalment.as_ref().unwrap();
            assert_eq!((fi.ratio, fi.cap), (dec("0.4"), dec("100000")));
        }
        other => panic!("xm-8 is {other:?}"),
    }
    match m("xm-3-diagnosis") {
        Formula::RatioCapped { ratio, cap, .. } => assert_eq!((*ratio, *cap), (dec("0.6"), dec("60000"))),
        other => panic!("xm-3 is {other:?}"),
    }
    let j = &bundle().get("jinhua-2024").unwrap().versions[0];
    match &j.measures.iter().find(|m| m.id == "jh-17-transformation").unwrap().formula {
        Formula::RatioCappedByLevel { ratio_by_year, caps_by_level, .. } => {
            assert_eq!(ratio_by_year.get("1"), Some(&dec("0.5")));
            assert_eq!(ratio_by_year.get("2"), Some(&dec("0.4")));
            assert_eq!(caps_by_level.get("4"), Some(&dec("1000000")));
        }
        other => panic!("jh-17 is {other:?}"),
    }
}

/// A misspelt key inside an array of tables (a criterion, a measure, a question) is named with its
/// path and its own line, set aside like any other unknown key, and the rest of the file is still
/// checked.
#[test]
fn an_unknown_key_in_an_array_of_tables_is_set_aside_and_located() {
    let good = EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1;
    let bad = good.replacen("id = \"sme\"\nwhen = \"sme\"", "id = \"sme\"\nwhen = \"sme\"\ntitel = \"x\"", 1).replacen(
        "ratio = \"0.6\"",
        "ratio = \"1.6\"",
        1,
    );
    assert_ne!(bad, good);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), bad.clone())], "test").unwrap_err();
    let titel = err.problems.iter().find(|p| p.message.contains("unknown field `titel`")).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(titel.path, "versions[0].criteria[1].titel", "{err}");
    let line = bad.lines().position(|l| l == "titel = \"x\"").unwrap() + 1;
    // The line of the key; the column of its value, as for an unknown key anywhere else.
    assert_eq!((titel.line, titel.column), (Some(line), Some(9)), "{err}");
    assert!(err.problems.iter().any(|p| p.message.contains("0–1")), "the file was not checked past the unknown key: {err}");
}

#[test]
fn a_bad_rules_directory_is_refused_with_every_problem_listed() {
    let good = EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1;
    let bad = good.replacen("ratio = \"0.6\"", "ratio = \"1.6\"", 1).replacen("schema = 2", "schema = 2\ncolour = \"red\"", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), bad.clone())], "test").unwrap_err();
    assert!(err.to_string().contains("colour"), "unknown key not reported: {err}");
    // Every problem at once: a second unknown key deeper in the file, and the ratio past 1 that
    // the file's meaning check finds once the unknown keys are set aside.
    let deeper = bad.replacen("validity_source = { clause = ", "validity_source = { klause = \"x\", clause = ", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), deeper)], "test").unwrap_err();
    let listed: Vec<(&str, &str)> = err.problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert!(listed.iter().any(|(p, m)| *p == "colour" && m.contains("unknown field")), "{err}");
    assert!(listed.iter().any(|(p, m)| *p == "validity_source.klause" && m.contains("unknown field")), "{err}");
    assert!(listed.iter().any(|(_, m)| m.contains("0–1")), "the ratio was not checked past the unknown keys: {err}");
    let bad2 = good.replacen("ratio = \"0.6\"", "ratio = \"1.6\"", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), bad2)], "test").unwrap_err();
    assert!(err.problems.iter().any(|p| p.message.contains("0–1")), "ratio > 1 not reported: {err}");
    let gap = good.replacen("until = 2025-12-31", "until = 2025-12-30", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), gap)], "test").unwrap_err();
    assert!(err.problems.iter().any(|p| p.path == "versions"), "a gap at the end was not reported: {err}");
    let wrong_name = RuleBundle::from_sources(&[("other.toml".into(), good.to_string())], "test").unwrap_err();
    assert!(wrong_name.problems.iter().any(|p| p.path == "id"));
    assert!(RuleBundle::from_sources(&[], "empty").is_err());
    // An amount beyond the ceiling (a slip of many digits) is refused: an estimate with it could
    // overflow (issue 13).
    let huge = good.replacen("unit_amount = \"50000\"", "unit_amount = \"50000000000000000000000000\"", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), huge)], "test").unwrap_err();
    assert!(err.problems.iter().any(|p| p.path.ends_with("unit_amount") && p.message.contains("ceiling")), "{err}");
    // A role that does not exist, and an overlap naming a measure that does not exist.
    let role = good.replacen("role = \"chain_leader\"", "role = \"mayor\"", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), role)], "test").unwrap_err();
    assert!(err.problems.iter().any(|p| p.path.ends_with(".role") && p.message.contains("unknown role")), "{err}");
    let overlap =
        good.replacen("measures = [\"xm-5-equipment\", \"xm-8-transformation\"]", "measures = [\"xm-5-equipment\", \"xm-99\"]", 1);
    let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), overlap)], "test").unwrap_err();
    assert!(err.problems.iter().any(|p| p.path.contains("overlaps[0]") && p.message.contains("xm-99")), "{err}");
    // A date that does not exist is refused too.
    let bad_date = good.replacen("valid_until = 2025-12-31", "valid_until = \"2025-02-30\"", 1);
    assert!(RuleBundle::from_sources(&[("xiamen-2024.toml".into(), bad_date)], "test").is_err());
}

#[test]
fn the_bundle_hash_changes_with_the_rules() {
    let sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let mut changed = sources.clone();
    changed[0].1.push_str("\n# edited\n");
    let a = RuleBundle::from_sources(&sources, "a").unwrap().hash;
    let b = RuleBundle::from_sources(&changed, "b").unwrap().hash;
    assert_ne!(a, b);
    assert_eq!(a, bundle().hash);
}

/// The JSON embedded at build time, read by the hand-written readers (bundle/read.rs), says
/// exactly what the TOML files say read by the derived deserialisers.
#[test]
fn embedded_json_equals_the_toml_files() {
    assert!(RuleBundle::embedded_problems().is_none(), "{:?}", RuleBundle::embedded_problems());
    let sources: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let from_toml = RuleBundle::from_sources(&sources, "toml").unwrap();
    assert_eq!(from_toml.programmes, bundle().programmes);
    assert_eq!(from_toml.hash, bundle().hash);
}

/// Every file in `dir` listed in its `SHA256SUMS` (the format `sha256sum` writes) has that hash.
fn check_sums(dir: &str) {
    use sha2::{Digest, Sha256};
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let sums = std::fs::read_to_string(here.join("SHA256SUMS")).unwrap_or_else(|e| panic!("{dir}/SHA256SUMS: {e}"));
    let mut checked = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (want, name) = line.split_once("  ").unwrap_or_else(|| panic!("bad line in {dir}/SHA256SUMS: {line}"));
        let bytes = std::fs::read(here.join(name)).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
        let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(got, want, "{dir}/{name} is not the recorded reference copy");
        checked += 1;
    }
    assert!(checked >= 3, "{dir}/SHA256SUMS lists only {checked} files");
}

/// The embedded GB/T 4754 files and the questionnaire are the reference data they were copied
/// from, byte for byte (hashes in `data/SHA256SUMS`, provenance in `data/README.md`); the policy
/// documents the quotes are checked against are the published texts (`sources/SHA256SUMS`).
/// Nothing outside the repository is needed, so the check always runs.
#[test]
fn reference_data_and_documents_are_the_recorded_copies() {
    check_sums("data");
    check_sums("sources");
}

#[test]
fn every_programme_was_checked_after_it_was_issued() {
    for p in &RuleBundle::embedded().programmes {
        if let Some(issued) = p.issued {
            assert!(issued <= p.checked, "{} issued {issued} after it was checked ({})", p.id, p.checked);
        }
    }
    assert!(RuleBundle::embedded().checked().is_some());
}

/// A pack may list its city's districts for the district picker: read the same from the rule file
/// and from the built pack, and offered by `region::picker` in place of the built-in list.
#[test]
fn a_pack_lists_its_own_districts_for_the_picker() {
    let xiamen = EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1;
    let text = xiamen.replacen(
        "city = { code = \"3502\", zh = \"厦门市\", en = \"Xiamen\" }",
        "city = { code = \"3502\", zh = \"厦门市\", en = \"Xiamen\", districts = [{ code = \"350203\", zh = \"思明区\" }, { code = \"350299\", zh = \"火炬高新区\" }] }",
        1,
    );
    assert_ne!(text, xiamen);
    let sources = [("xiamen-2024.toml".to_string(), text)];
    let from_toml = RuleBundle::from_sources(&sources, "city").unwrap_or_else(|e| panic!("{e}"));
    let pack = shuzhuan_policy::bundle::build_pack(&sources).unwrap();
    assert!(pack.contains("火炬高新区"), "the built pack carries the districts");
    let from_pack = RuleBundle::from_pack_json(&pack, "rules.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_pack.programmes, from_toml.programmes);
    let cities = shuzhuan_policy::region::picker(from_pack.programmes.iter().map(|p| &p.city));
    let districts: Vec<&str> = cities[0].districts.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(districts, ["350203", "350299"]);
    // Without a list of its own, a seed city keeps the built-in one.
    let seeds = shuzhuan_policy::region::picker(bundle().programmes.iter().map(|p| &p.city));
    assert_eq!(seeds.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["3501", "3502", "3307", "3701"]);
    assert!(seeds[1].districts.len() > 2 && seeds[1].districts.iter().any(|(c, n)| c == "350206" && n == "湖里区"));
}

/// Xiamen's rules moved to another city, `city` (the rule file's `city = …`), as a built pack.
fn moved_pack(city: &str, origin: &str) -> RuleBundle {
    let xiamen = EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1;
    let text = xiamen.replacen("city = { code = \"3502\", zh = \"厦门市\", en = \"Xiamen\" }", city, 1);
    assert_ne!(text, xiamen);
    let pack = shuzhuan_policy::bundle::build_pack(&[("xiamen-2024.toml".to_string(), text)]).unwrap();
    RuleBundle::from_pack_json(&pack, origin).unwrap_or_else(|e| panic!("{e}"))
}

/// A pack for a city without a built-in district table (Xiamen's rules moved to 杭州市), listing
/// two of its districts, as a city publishes it.
fn hangzhou_pack() -> RuleBundle {
    moved_pack(
        "city = { code = \"3301\", zh = \"杭州市\", en = \"Hangzhou\", districts = [{ code = \"330102\", zh = \"上城区\" }, { code = \"330106\", zh = \"西湖区\" }] }",
        "hangzhou.json",
    )
}

/// Issue 15: reports name a pack city's district as the pack lists it, a code of that city it
/// does not list by the city's name, and every other place as before.
#[test]
fn reports_name_a_pack_citys_districts() {
    use shuzhuan_policy::rules::CriterionKind;
    use shuzhuan_policy::{check_json, CheckReport, Date, Lang};
    let b = hangzhou_pack();
    let today = Date::new(2025, 6, 30).unwrap();
    let run = |profile: &str, lang| check_json(&format!(r#"{{"profile": {profile}}}"#), &b, today, lang).unwrap();
    let at = |region: &str, lang| run(&format!(r#"{{"region": "{region}"}}"#), lang);
    let in_city = |r: &CheckReport| r.programmes[0].criteria.iter().find(|c| c.kind == CriterionKind::InCity).unwrap().reason.clone();

    let zh = at("330102", Lang::Zh);
    assert_eq!(zh.region.as_deref(), Some("杭州市上城区（330102）"));
    assert_eq!(in_city(&zh), "所在地杭州市上城区（330102）位于杭州市");
    let en = at("330102", Lang::En);
    assert_eq!(en.region.as_deref(), Some("Hangzhou, 上城区 (330102)"));
    assert_eq!(in_city(&en), "located in Hangzhou, 上城区 (330102), inside Hangzhou");

    // A code of the city the pack does not list (滨江区), and the city-level code.
    let zh = at("330108", Lang::Zh);
    assert_eq!(zh.region.as_deref(), Some("杭州市（330108，未列明区县）"));
    assert_eq!(in_city(&zh), "所在地杭州市（330108，未列明区县）位于杭州市");
    assert_eq!(at("330108", Lang::En).region.as_deref(), Some("Hangzhou (330108, district not listed)"));
    assert_eq!(at("330100", Lang::Zh).region.as_deref(), Some("杭州市（330100）"));

    // Elsewhere and in the built-in cities, as always.
    assert_eq!(at("330206", Lang::Zh).region.as_deref(), Some("浙江省（330206）"));
    let xm = at("350203", Lang::Zh);
    assert_eq!(xm.region.as_deref(), Some("厦门市思明区（350203）"));
    assert_eq!(in_city(&xm), "所在地厦门市思明区（350203）不在杭州市");

    // The notice that the credit code was registered elsewhere names the district too.
    let r = run(r#"{"region": "330102", "uscc": "91350100M000100Y43"}"#, Lang::Zh);
    assert!(
        r.notices
            .iter()
            .any(|n| n == "统一社会信用代码的登记机关在福州市（350100），与所填所在地杭州市上城区（330102）不同；以实际生产经营地为准"),
        "{:?}",
        r.notices
    );
}

/// Issue 15 in a batch: a district outside the city given is named as the pack names it.
#[test]
fn a_batch_names_a_pack_district_outside_the_city_given() {
    use shuzhuan_policy::batch::{screen_text, BatchOptions, RowStatus};
    use shuzhuan_policy::{Date, Lang};
    let b = hangzhou_pack();
    let opts = BatchOptions { programmes: vec![], as_of: Date::new(2025, 6, 30).unwrap(), lang: Lang::Zh };
    let (rows, _) = screen_text("企业名称,所在城市,所在区县\n甲公司,厦门市,330102\n乙公司,厦门市,330108\n", &b, &opts).unwrap();
    let messages: Vec<_> = rows
        .iter()
        .map(|r| {
            assert_eq!(r.status, RowStatus::Error);
            r.errors[0].message.clone()
        })
        .collect();
    assert_eq!(messages[0].zh, "所在区县“330102”（杭州市上城区（330102））不在所填城市“厦门市”");
    assert_eq!(messages[0].en, "district \"330102\" (Hangzhou, 上城区 (330102)) is not in the city given, \"厦门市\"");
    assert_eq!(messages[1].zh, "所在区县“330108”（杭州市（330108，未列明区县））不在所填城市“厦门市”");
}

/// Issue 15 in a batch: a list from a pack city names its city and districts as the pack does
/// (杭州市, 西湖区), and they are read as their codes are; a district under the wrong city, and a
/// name no table or pack knows, are errors on their column; the seed cities read as before.
#[test]
fn a_batch_reads_a_pack_citys_names() {
    use shuzhuan_policy::batch::{screen_text, BatchOptions, RowStatus};
    use shuzhuan_policy::eval::Outcome;
    use shuzhuan_policy::{check, CheckInput, Date, Lang};
    let b = hangzhou_pack();
    let opts = BatchOptions { programmes: vec![], as_of: Date::new(2025, 6, 30).unwrap(), lang: Lang::Zh };
    let csv = "企业名称,行业代码,从业人员,营业收入(万元),所在城市,所在区县,独立法人,近三年不良信用记录\n\
               甲公司,3973,120,8500,杭州市,西湖区,是,无\n\
               乙公司,3973,120,8500,,上城区,是,无\n\
               丙公司,3973,120,8500,杭州,西湖,是,无\n\
               丁公司,3973,120,8500,Hangzhou,上城区,是,无\n\
               戊公司,3973,120,8500,杭州市,,是,无\n\
               己公司,3973,120,8500,厦门市,西湖区,是,无\n\
               庚公司,3973,120,8500,杭州市,思明区,是,无\n\
               辛公司,3973,120,8500,杭州市,朝阳区,是,无\n\
               壬公司,3973,120,8500,苏州市,西湖区,是,无\n\
               癸公司,3973,120,8500,厦门市,思明区,是,无\n";
    let (rows, _) = screen_text(csv, &b, &opts).unwrap();
    assert_eq!(rows.len(), 10);
    let region = |i: usize| rows[i].profile.region.as_deref();
    for (i, code) in [(0, "330106"), (1, "330102"), (2, "330106"), (3, "330102"), (4, "330100"), (9, "350203")] {
        let r = &rows[i];
        assert_eq!((r.status, region(i)), (RowStatus::Ok, Some(code)), "line {}: {:?}", r.line, r.errors);
        // Screened against the pack's programme, as `check` screens the same profile.
        let input = CheckInput { as_of: Some(opts.as_of), profile: r.profile.clone(), notices: vec![] };
        let report = check(&input, &b, opts.as_of, opts.lang);
        assert_eq!(r.programmes.len(), 1);
        let (pv, p) = (&r.programmes[0], &report.programmes[0]);
        assert_eq!((pv.id.as_str(), pv.verdict), ("xiamen-2024", p.verdict), "line {}", r.line);
        let want: Vec<_> = p.criteria.iter().filter(|c| c.outcome != Outcome::Pass).map(|c| (c.id.clone(), c.reason.clone())).collect();
        let got: Vec<_> = pv.reasons.iter().map(|c| (c.criterion.clone(), c.reason.clone())).collect();
        assert_eq!(got, want, "line {}", r.line);
        assert_eq!(pv.reasons.iter().any(|c| c.criterion == "in_city"), i == 9, "line {}", r.line);
    }
    let in_city = |i: usize| rows[i].programmes[0].reasons.iter().find(|c| c.criterion == "in_city").map(|c| c.reason.clone());
    assert_eq!(in_city(9).as_deref(), Some("所在地厦门市思明区（350203）不在杭州市"));
    // Errors, each on its column.
    let error = |i: usize| {
        let r = &rows[i];
        assert_eq!((r.status, r.errors.len()), (RowStatus::Error, 1), "line {}", r.line);
        (r.errors[0].header.as_str(), r.errors[0].message.zh.as_str())
    };
    assert_eq!(error(5), ("所在区县", "所在区县“西湖区”（杭州市西湖区（330106））不在所填城市“厦门市”"));
    assert_eq!(error(6), ("所在区县", "所在区县“思明区”（厦门市思明区（350203））不在所填城市“杭州市”"));
    assert_eq!(error(7).0, "所在区县");
    assert_eq!(
        error(7).1,
        "未能识别地名“朝阳区”：名称只能识别福州、厦门、金华、济南、杭州的区县；其他地方请填写 6 位行政区划代码，如 350203"
    );
    assert_eq!(error(8).0, "所在城市");
    assert!(error(8).1.contains("未能识别地名“苏州市”"), "{}", error(8).1);
    assert_eq!(rows[5].errors[0].message.en, "district \"西湖区\" (Hangzhou, 西湖区 (330106)) is not in the city given, \"厦门市\"");
}

/// A pack for 南京市 listing 鼓楼区, a name Fuzhou's built-in table has too.
fn nanjing_pack() -> RuleBundle {
    moved_pack(
        "city = { code = \"3201\", zh = \"南京市\", en = \"Nanjing\", districts = [{ code = \"320106\", zh = \"鼓楼区\" }] }",
        "nanjing.json",
    )
}

/// Issue 15 in the self-check: a place's name typed in `profile.region` is read by the pack's
/// cities and districts as the batch reads a list's (杭州市西湖区, 西湖区 → 330106), in `check_json`
/// and in the contract's `check` (full and compact); the seed cities read as before.
#[test]
fn a_check_reads_a_pack_citys_names() {
    use shuzhuan_policy::contract::{check_outcomes_value, check_value, Settings};
    use shuzhuan_policy::eval::Outcome;
    use shuzhuan_policy::input::{check_input_from_value_in, json_value};
    use shuzhuan_policy::rules::CriterionKind;
    use shuzhuan_policy::{check_json, CheckReport, Date, Lang};
    let b = hangzhou_pack();
    let today = Date::new(2025, 6, 30).unwrap();
    let at = |region: &str| check_json(&format!(r#"{{"profile": {{"region": "{region}"}}}}"#), &b, today, Lang::Zh);
    let in_city = |r: &CheckReport| r.programmes[0].criteria.iter().find(|c| c.kind == CriterionKind::InCity).unwrap().clone();
    for (typed, code, named) in [
        ("西湖区", "330106", "杭州市西湖区（330106）"),
        ("杭州市西湖区", "330106", "杭州市西湖区（330106）"),
        ("浙江省杭州市 西湖区", "330106", "杭州市西湖区（330106）"),
        ("上城", "330102", "杭州市上城区（330102）"),
        ("杭州", "330100", "杭州市（330100）"),
    ] {
        let r = at(typed).unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert_eq!(r, at(code).unwrap(), "{typed}: read as its code is");
        assert_eq!(r.region.as_deref(), Some(named), "{typed}");
        assert_eq!(in_city(&r).outcome, Outcome::Pass, "{typed}");
        let v = json_value(&format!(r#"{{"profile": {{"region": "{typed}"}}}}"#)).unwrap();
        assert_eq!(check_input_from_value_in(&v, &b.programmes).unwrap().profile.region.as_deref(), Some(code), "{typed}");
        let settings = Settings { today: Some(today), as_of: None, lang: Lang::Zh, detail: Default::default() };
        assert_eq!(check_value(&b, &v, &settings).unwrap().region.as_deref(), Some(named), "{typed}");
        let compact = check_outcomes_value(&b, &v, &settings).unwrap();
        assert_eq!(compact.programmes[0].verdict, r.programmes[0].verdict, "{typed}");
    }
    // The seed cities as before, in the pack's report as outside its city.
    let xm = at("厦门市思明区").unwrap();
    assert_eq!(xm.region.as_deref(), Some("厦门市思明区（350203）"));
    assert_eq!(in_city(&xm).reason, "所在地厦门市思明区（350203）不在杭州市");
    assert_eq!(at("义乌").unwrap().region.as_deref(), Some("金华市义乌市（330782）"));
    // A district under another city is no place.
    assert!(at("厦门市西湖区").unwrap_err().mentions("profile.region"));
}

/// A name not recognised, or shared by two places, is refused in the self-check with the batch's
/// sentence: it names the pack's city among those whose names are read.
#[test]
fn a_check_refuses_a_place_name_as_the_batch_does() {
    use shuzhuan_policy::batch::{screen_text, BatchOptions, RowStatus};
    use shuzhuan_policy::region::RegionError;
    use shuzhuan_policy::{check_json, Date, Lang, Text};
    let today = Date::new(2025, 6, 30).unwrap();
    let opts = BatchOptions { programmes: vec![], as_of: today, lang: Lang::Zh };
    let refused = |b: &RuleBundle, typed: &str| -> Text {
        let e = check_json(&format!(r#"{{"profile": {{"region": "{typed}"}}}}"#), b, today, Lang::Zh).unwrap_err();
        assert_eq!(e.errors.len(), 1, "{typed}: {e:?}");
        assert_eq!(e.errors[0].field, "profile.region", "{typed}");
        e.errors[0].message.clone()
    };
    let batch = |b: &RuleBundle, typed: &str| -> Text {
        let (rows, _) = screen_text(&format!("企业名称,所在区县\n甲公司,{typed}\n"), b, &opts).unwrap();
        assert_eq!(rows[0].status, RowStatus::Error, "{typed}");
        rows[0].errors[0].message.clone()
    };
    let hz = hangzhou_pack();
    let m = refused(&hz, "朝阳区");
    assert_eq!(m.zh, "未能识别地名“朝阳区”：名称只能识别福州、厦门、金华、济南、杭州的区县；其他地方请填写 6 位行政区划代码，如 350203");
    assert_eq!(m, RegionError::UnknownName("朝阳区".into()).message_in(hz.programmes.iter().map(|p| &p.city)));
    assert_eq!(m, batch(&hz, "朝阳区"));
    // 鼓楼区 is Fuzhou's and Nanjing's: refused alone, read with its city.
    let nj = nanjing_pack();
    let m = refused(&nj, "鼓楼区");
    assert_eq!(m, batch(&nj, "鼓楼区"));
    assert!(m.zh.contains("未能识别地名“鼓楼区”") && m.zh.contains("南京的区县"), "{}", m.zh);
    let region = |typed: &str| check_json(&format!(r#"{{"profile": {{"region": "{typed}"}}}}"#), &nj, today, Lang::Zh).unwrap().region;
    assert_eq!(region("南京市鼓楼区").as_deref(), Some("南京市鼓楼区（320106）"));
    assert_eq!(region("福州市鼓楼区").as_deref(), Some("福州市鼓楼区（350102）"));
    // With the built-in rules, 鼓楼区 is Fuzhou's, and the sentence names the built-in cities only.
    let embedded = RuleBundle::embedded();
    let r = check_json(r#"{"profile": {"region": "鼓楼区"}}"#, embedded, today, Lang::Zh).unwrap();
    assert_eq!(r.region.as_deref(), Some("福州市鼓楼区（350102）"));
    assert_eq!(refused(embedded, "西湖区"), RegionError::UnknownName("西湖区".into()).message());
}

/// An estimate's profile reads a pack city's names as the self-check does; `check_input_from_value`
/// (no rules given) reads the built-in tables only, as before.
#[test]
fn an_estimate_reads_a_pack_citys_names() {
    use shuzhuan_policy::contract::{estimate_value, Settings};
    use shuzhuan_policy::input::{check_input_from_value, estimate_input_from_value_partial};
    use shuzhuan_policy::{estimate_json, Date, Lang};
    let b = hangzhou_pack();
    let today = Date::new(2025, 6, 30).unwrap();
    let input = |region: &str| format!(r#"{{"programme": "xiamen-2024", "profile": {{"industry": "3973", "region": "{region}"}}}}"#);
    let named = estimate_json(&input("杭州市西湖区"), &b, today, Lang::Zh).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(named, estimate_json(&input("330106"), &b, today, Lang::Zh).unwrap());
    let in_city = named.eligibility.criteria.iter().find(|c| c.id == "in_city").unwrap();
    assert_eq!(in_city.reason, "所在地杭州市西湖区（330106）位于杭州市");
    let v = serde_json::from_str(&input("西湖区")).unwrap();
    let settings = Settings { today: Some(today), as_of: None, lang: Lang::Zh, detail: Default::default() };
    assert_eq!(estimate_value(&b, &v, &settings).unwrap().eligibility, named.eligibility);
    let e = estimate_json(&input("朝阳区"), &b, today, Lang::Zh).unwrap_err();
    assert!(e.errors.iter().any(|e| e.field == "profile.region" && e.message.zh.contains("济南、杭州的区县")), "{e:?}");
    // Without the rules, the seed tables only.
    let (_, errors) = estimate_input_from_value_partial(&v).unwrap();
    assert_eq!(errors[0].field, "profile.region");
    assert!(check_input_from_value(&serde_json::json!({"profile": {"region": "西湖区"}})).is_err());
}
