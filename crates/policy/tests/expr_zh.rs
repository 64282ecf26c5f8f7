//! Every mistake a condition (`when`) can have is said in Chinese as well as in English: each
//! message the expression parser and type checker can give is made here, and its Chinese must be
//! Chinese (CJK, not the English copied), name what was written (the token, the name, the two
//! sides of a comparison) and reach the author as `Problem.message_zh`, whichever way the pack
//! is read (rule files, or a built pack). The English stays as it was: each case also names a
//! piece of it.

use shuzhuan_policy::expr::{parse, Questions, Type};

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The pack's questions these cases use (all about the enterprise, so that a criterion may read
/// them): one of each type a condition can meet.
const QUESTIONS: &[(&str, Type, &str)] = &[
    ("tax_paid", Type::Bool, "yes_no"),
    ("founded", Type::Date, "date"),
    ("sector", Type::Choice, "choice"),
    ("fee", Type::Money, "yuan"),
    ("level_q", Type::Level, "level"),
    ("firms", Type::Count, "count"),
];

struct Declared;

impl Questions for Declared {
    fn type_of(&self, id: &str) -> Option<Type> {
        QUESTIONS.iter().find(|(q, _, _)| *q == id).map(|(_, t, _)| *t)
    }
}

/// (the condition, a piece of its English message, what its Chinese must name).
///
/// One case per message of `expr.rs`, each way a message names what it expected (`expect`'s and
/// `list`'s). The one message no case reaches is the type checker's last resort, "these two values
/// cannot be compared": with today's types every pair it could see is refused earlier (yes/no,
/// choices, a date with a number), so no condition can produce it.
const CASES: &[(&str, &str, &str)] = &[
    // The tokenizer.
    ("staff ! 3", "`!` must be followed by `=`", "`!`"),
    ("answer('tax_paid)", "this quote is never closed", "'"),
    ("staff >= 20 & sme", "unexpected character `&`", "`&`"),
    // What the parser expected, and what it found instead (or that the condition ended).
    ("answer tax_paid", "expected `(` after answer, found `tax_paid`", "`tax_paid`"),
    ("answer", "expected `(` after answer, but the expression ends", "answer"),
    ("answer(tax_paid sme)", "expected `)` closing answer(, found `sme`", "`sme`"),
    ("answer(tax_paid", "expected `)` closing answer(, but the expression ends", "answer(tax_paid"),
    ("answer()", "expected a question id inside answer( )", "`)`"),
    ("answer(", "expected a question id inside answer( )", "answer("),
    ("section C", "expected `in` after section (section in [C]), found `C`", "`C`"),
    ("section", "expected `in` after section (section in [C]), but the expression ends", "`in`"),
    ("all sme", "expected `(`, found `sme`", "`sme`"),
    ("in_region 3502", "expected `[`, found the number 3502", "3502"),
    ("staff >=", "expected a number, a date or a name after `≥`", "staff ≥"),
    ("staff >= 1.2.3", "`1.2.3` is not a number", "`1.2.3`"),
    ("registered_on <= 2023-02-30", "`2023-02-30` is not a real date YYYY-MM-DD", "`2023-02-30`"),
    ("all(sme,", "expected a condition, but the expression ends", "条件"),
    ("all(sme, 20)", "expected a condition (e.g. sme, all(…), staff >= 20), found the number 20", "20"),
    ("all(sme, ≥)", "found `≥`", "`≥`"),
    ("any(sme, 2024-01-01)", "found the date 2024-01-01", "2024-01-01"),
    ("any()", "any( ) needs at least one condition", "any("),
    ("not(sme, sme)", "not( ) takes exactly one condition", "not("),
    ("staff", "`staff` is a number or a date: compare it, e.g. staff >= …", "`staff`"),
    ("smee", "unknown condition `smee`; known: in_force, sme,", "`smee`"),
    ("all(sme sub_industry)", "expected `,` or `)`, found `sub_industry`", "`sub_industry`"),
    ("all(sme", "expected `,` or `)`, but the expression ends", "`)`"),
    ("section in []", "the list is empty: give at least a GB/T 4754 section letter or code", "GB/T 4754"),
    ("in_region []", "the list is empty: give at least a GB/T 2260 code prefix", "GB/T 2260"),
    ("no_bad_credit []", "the list is empty: give at least a credit area", "信用领域"),
    ("section in [(]", "expected a GB/T 4754 section letter or code, found `(`", "`(`"),
    ("no_bad_credit [\"安全生产\", ,]", "expected a credit area, found `,`", "`,`"),
    ("in_region [", "expected a GB/T 2260 code prefix, but the expression ends", "GB/T 2260"),
    ("in_region [3502 3503]", "expected `,` or `]`, found the number 3503", "3503"),
    ("in_region [3502", "expected `]`, but the expression ends", "`]`"),
    ("", "the condition is empty", "空"),
    ("sme sme", "unexpected `sme` after a complete condition", "`sme`"),
    // The type checker.
    ("answer(taxes)", "no question `taxes` is declared", "`taxes`"),
    ("answer(nothing) > 3", "no question `nothing` is declared", "`nothing`"),
    ("answer(fee)", "answer(fee) is an amount (yuan), not yes/no", "answer(fee)"),
    ("answer(founded)", "answer(founded) is a date, not yes/no", "answer(founded)"),
    ("answer(level_q)", "answer(level_q) is a digital level, not yes/no", "answer(level_q)"),
    ("answer(firms)", "answer(firms) is a number, not yes/no", "answer(firms)"),
    ("answer(sector)", "answer(sector) is a choice, not yes/no", "answer(sector)"),
    ("3 >= 2", "a comparison needs a name on one side", "`3`"),
    ("answer(tax_paid) >= 1", "a yes/no answer is not compared", "answer(tax_paid)"),
    ("registered_on >= 3", "a comparison of a number with a date", "registered_on"),
    ("answer(founded) >= staff", "a comparison of a number with a date", "`staff`"),
    ("revenue < answer(founded)", "a comparison of an amount (yuan) with a date", "`revenue`"),
    ("answer(level_q) >= 2024-01-01", "a comparison of a digital level with a date", "answer(level_q)"),
    ("answer(sector) == 1", "a choice is compared with `==` or `!=`", "answer(sector)"),
    ("section in [ZZ]", "`ZZ` is not a GB/T 4754-2017 section or code", "`ZZ`"),
    ("in_region [9999]", "`9999` is not a GB/T 2260 code prefix", "`9999`"),
];

/// The Chinese is Chinese, not the English, and names `token`.
fn said_in_chinese(src: &str, zh: &str, en: &str, token: &str) {
    assert!(!zh.trim().is_empty(), "{src:?}: no Chinese");
    assert!(has_cjk(zh), "{src:?}: no Chinese in {zh:?}");
    assert_ne!(zh, en, "{src:?}: the Chinese is the English");
    assert!(zh.contains(token), "{src:?}: the Chinese {zh:?} does not name {token:?}");
}

#[test]
fn every_mistake_in_a_condition_is_said_in_chinese_naming_what_was_written() {
    for (src, english, token) in CASES {
        match parse(src) {
            Err(e) => {
                assert!(e.message.contains(english), "{src:?}: {:?} does not say {english:?}", e.message);
                said_in_chinese(src, &e.message_zh, &e.message, token);
                assert_eq!(e.text().en, e.message);
                assert_eq!(e.text().zh, e.message_zh);
            }
            Ok(expr) => {
                let problems = expr.problems(&Declared);
                assert_eq!(problems.len(), 1, "{src:?}: {problems:?}");
                let p = &problems[0];
                assert!(p.en.contains(english), "{src:?}: {:?} does not say {english:?}", p.en);
                said_in_chinese(src, &p.zh, &p.en, token);
                // `check` is the English of `problems`, as it always was.
                assert_eq!(expr.check(&Declared), vec![p.en.clone()], "{src:?}");
            }
        }
    }
}

#[test]
fn the_english_messages_are_unchanged() {
    // Word for word as before the Chinese was added (outside checks match them).
    let parse_err = |s: &str| parse(s).unwrap_err().message;
    assert_eq!(parse_err("all(sme"), "expected `,` or `)`, but the expression ends");
    assert_eq!(parse_err("answer tax_paid"), "expected `(` after answer, found `tax_paid`");
    assert_eq!(
        parse_err("smee"),
        "unknown condition `smee`; known: in_force, sme, sub_industry, in_city, legal_person, above_designated_size, specialized, \
         no_bad_credit, section in [..], in_region [..], answer(q), all(..), any(..), not(..)"
    );
    assert_eq!(parse_err("sme sme"), "unexpected `sme` after a complete condition (join conditions with all(…) or any(…))");
    assert_eq!(parse_err("in_region [3502 3503]"), "expected `,` or `]`, found the number 3503");
    assert_eq!(parse_err("staff >= 1.2.3"), "`1.2.3` is not a number (write 2000万, 0.4 or 1,000,000)");
    let check = |s: &str| parse(s).unwrap().check(&Declared);
    assert_eq!(check("answer(fee)"), ["answer(fee) is an amount (yuan), not yes/no: compare it (answer(fee) >= …)"]);
    assert_eq!(check("answer(tax_paid) >= 1"), ["a yes/no answer is not compared: write answer(q) or not(answer(q))"]);
    assert_eq!(
        check("answer(sector) == 1"),
        ["a choice is compared with `==` or `!=` to one of its options in answer(q) == \"option\" form, which is not supported yet: ask a yes/no question instead"]
    );
    assert_eq!(check("in_region [9999]"), ["`9999` is not a GB/T 2260 code prefix (2, 4 or 6 digits of a known province)"]);
}

#[test]
fn the_chinese_reads_as_a_sentence() {
    // A few in full, as a web team's member reads them.
    let zh = |s: &str| match parse(s) {
        Err(e) => e.message_zh,
        Ok(e) => e.problems(&Declared).remove(0).zh,
    };
    assert_eq!(zh("all(sme sub_industry)"), "这里应当是 `,`（接着写下一个条件）或 `)`（括号结束），却写了 `sub_industry`");
    assert_eq!(
        zh("answer(tax_paid) >= 1"),
        "answer(tax_paid) 是「是/否」题，不能比较大小：要求回答“是”就写 answer(tax_paid)，要求“否”就写 not(answer(tax_paid))"
    );
    assert_eq!(zh("registered_on >= 3"), "日期不能和数比较：`registered_on` 是日期，`3` 却是数");
    assert_eq!(zh("answer(fee)"), "answer(fee) 的答案是金额（元），不是「是/否」：请写成比较，如 answer(fee) >= …");
    assert_eq!(zh("answer(taxes)"), "没有声明问题 `taxes`：请在 [[questions]] 下声明它，或检查拼写");
}

/// The pack's digest (FNV-1a), to seal a pack again after a change.
#[cfg(feature = "toml")]
#[path = "../src/fnv.rs"]
mod fnv;

/// Through the readers: each case as a criterion's `when` in a rule file, and (for those that do
/// not parse) in a built pack, reaches `Problem.message_zh` behind its lead-in.
#[cfg(feature = "toml")]
mod through_the_pack {
    use super::*;
    use crate::fnv;
    use shuzhuan_policy::bundle::{build_pack, Problem, EMBEDDED};
    use shuzhuan_policy::RuleBundle;

    /// Xiamen's rule file with the cases' questions declared, and `when = "sme"` replaced by
    /// `when = WHEN`.
    fn xiamen_with(when: &str) -> String {
        let text = EMBEDDED.iter().find(|(n, _)| *n == "xiamen-2024.toml").unwrap().1;
        let source = "source = { clause = \"四、（五）8\", quote = \"试点企业\" }";
        let mut questions = String::new();
        for (id, _, kind) in QUESTIONS {
            let choices = if *kind == "choice" { "choices = [{ id = \"a\", label = { zh = \"甲\", en = \"a\" } }]\n" } else { "" };
            questions.push_str(&format!(
                "[[questions]]\nid = \"{id}\"\nkind = \"{kind}\"\nscope = \"enterprise\"\nlabel = {{ zh = \"问题\", en = \"question\" }}\n{choices}{source}\n\n"
            ));
        }
        let first = "[[questions]]\nid = \"eligible_input_yuan\"";
        assert!(text.contains(first) && text.contains("when = \"sme\""));
        // The condition as a TOML basic string (JSON's escapes are TOML's).
        let quoted = serde_json::to_string(when).unwrap();
        text.replacen(first, &format!("{questions}{first}"), 1).replacen("when = \"sme\"", &format!("when = {quoted}"), 1)
    }

    fn problem_for<'a>(problems: &'a [Problem], src: &str, english: &str) -> &'a Problem {
        problems
            .iter()
            .find(|p| p.message.contains(english))
            .unwrap_or_else(|| panic!("{src:?}: no problem says {english:?}: {problems:#?}"))
    }

    #[test]
    fn the_cases_declare_nothing_wrong_by_themselves() {
        let text = xiamen_with("sme");
        RuleBundle::from_sources(&[("xiamen-2024.toml".into(), text)], "test").unwrap();
    }

    #[test]
    fn every_mistake_in_a_rule_file_condition_reaches_message_zh() {
        for (src, english, token) in CASES {
            let err = RuleBundle::from_sources(&[("xiamen-2024.toml".into(), xiamen_with(src))], "test")
                .expect_err(&format!("{src:?} is accepted"));
            let p = problem_for(&err.problems, src, english);
            let lead = if parse(src).is_err() { "条件写法有误：" } else { "条件有误：" };
            assert!(p.message_zh.starts_with(lead), "{src:?}: {p:?}");
            said_in_chinese(src, &p.message_zh[lead.len()..], &p.message, token);
            assert!(p.path.ends_with(".when"), "{src:?}: {p:?}");
            assert!(p.line.is_some(), "{src:?}: {p:?}");
            // The printed line, in Chinese, carries the Chinese.
            assert!(p.located(shuzhuan_policy::Lang::Zh).ends_with(&p.message_zh), "{src:?}");
        }
    }

    #[test]
    fn every_condition_that_does_not_parse_in_a_built_pack_reaches_message_zh() {
        let sources = [("xiamen-2024.toml".to_string(), xiamen_with("sme"))];
        let pack: serde_json::Value = serde_json::from_str(&build_pack(&sources).unwrap()).unwrap();
        let criteria = &pack["files"][0]["programme"]["versions"][0]["criteria"];
        let at = criteria.as_array().unwrap().iter().position(|c| c["when"] == "sme").unwrap();
        for (src, english, token) in CASES.iter().filter(|(src, _, _)| parse(src).is_err()) {
            let mut bad = pack.clone();
            bad["files"][0]["programme"]["versions"][0]["criteria"][at]["when"] = (*src).into();
            // Sealed again, as `rules build` would: the digest is not what is tested.
            let texts: Vec<(String, String)> = bad["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["name"].as_str().unwrap().to_string(), f["programme"].to_string()))
                .collect();
            bad["digest"] = fnv::fnv1a(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))).into();
            let err = RuleBundle::from_pack_json(&bad.to_string(), "rules.json").expect_err(src);
            let p = problem_for(&err.problems, src, english);
            let column = parse(src).unwrap_err().column;
            let lead = format!("第 {column} 列，条件写法有误：");
            assert!(p.message_zh.starts_with(&lead), "{src:?}: {p:?}");
            assert!(p.message.starts_with(&format!("column {column}: ")), "{src:?}: {p:?}");
            said_in_chinese(src, &p.message_zh[lead.len()..], &p.message, token);
        }
    }
}
