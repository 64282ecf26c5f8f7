//! Fuzhou provider selection (福州市细分行业中小企业数字化服务商遴选, 榕工信行规〔2024〕18号): the
//! provider's self-check against the call's conditions, the expert-scoring calculator (drop one
//! highest and one lowest score, average, veto, rank per sub-industry against its quota, fill the
//! reserve), and the star-rating tracker (exit after two consecutive no-star ratings; flag a pool
//! below 27). Every number carries the clause it comes from. The measure's numbers are read from
//! the rule file `fuzhou-providers-2024.toml`: the quotas from its sub-industries, the reserve's
//! range, the pool's minimum and the no-star ratings that end membership from its
//! `[provider_pool]`; only the trimming (one highest and one lowest score, in the clause's words)
//! is a constant here.
//!
//! Readings where the measure is silent are marked as interpretations in every report:
//! - **Ties.** The measure ranks by final score ("按照最终得分从高到低排列") and leaves the final list
//!   to the bureau ("经福州市工信局研究，确定最终服务资源库名单"); it gives no tie-break. The
//!   calculator breaks no tie: equal scores share a rank (1, 2, 2, 4). When a tie straddles the
//!   last seat of a quota (or of the reserve), the seats the tied applicants compete for are left
//!   open and the tie is reported; the bureau's choice can be entered (`decisions`) and is applied.
//! - **Reserve.** "在暂未入选的服务商中选取较好的作为后备数字化服务商，选取 20-25 家" names no
//!   sub-industry: the reserve is filled across sub-industries by final score, up to the size
//!   chosen within the rule file's range (20–25, default 25).
//! - **Consecutive.** "连续两次无星级" is read as two successive ratings the provider received (a
//!   round it was not rated in does not break or join the run).
//!
//! The modules: `clauses` (the quoted clauses and the trimming), `walk` (the inputs' JSON),
//! `check` (the self-check), `score` (expert scoring and the reserve), `stars` (star ratings and
//! the pool) and `sheet` (the office's spreadsheets); the helpers they share are here.

use crate::bundle::RuleBundle;
use crate::error::InputErrors;
use crate::rules::{Programme, ProviderPool, Source, SubIndustry};
use crate::t;
use crate::text::{Lang, Text};
use serde::Serialize;

mod check;
mod clauses;
mod score;
mod sheet;
mod stars;
mod walk;

pub use check::{check, parse_check, ProviderCheck, ProviderCriterion, ProviderKind, ProviderProfile};
pub use clauses::{
    CallClause, Clause, CALL_LOCAL, CALL_STANDARDS, CALL_STANDING, CALL_TEAM, FINAL_LIST, MIN_EXPERTS, OUTSIDE_POOL, PLATFORM, RANKING,
    SCOPE, SCORING, SPECIALIST, STARS, TOTAL, TRIM_EACH_END, VETO,
};
pub use score::{
    parse_score, score, Applicant, ApplicantStatus, ReserveResult, ScoreInput, ScoreReport, ScoredApplicant, SubIndustryResult, Tie,
};
pub use sheet::{score_input_from_csv, stars_input_from_csv};
pub use stars::{parse_stars, stars, PoolProvider, PoolProviderResult, PoolStatus, RoundResult, StarsInput, StarsReport};

/// The measure's programme id in the rule files.
pub const PROGRAMME: &str = "fuzhou-providers-2024";

/// A number of the measure as applied, with its source (every report lists them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleApplied {
    pub id: String,
    pub text: String,
    pub source: String,
    pub quote: String,
}

/// A clause of the measure cited with the programme's document number (from its rule file).
fn cite(prog: &Programme, c: Clause) -> String {
    format!("{} {}", prog.citation(), c.clause)
}

/// A source as (document and clause, quote).
type Src = (String, String);

fn src(prog: &Programme, c: Clause) -> Src {
    (cite(prog, c), c.quote.to_string())
}

fn rule(prog: &Programme, id: &str, text: Text, c: Clause, lang: Lang) -> RuleApplied {
    RuleApplied { id: id.into(), text: text.get(lang).to_string(), source: cite(prog, c), quote: c.quote.into() }
}

/// A number of the rule file applied, with the source the rule file gives it.
fn rule_from(prog: &Programme, id: &str, text: Text, s: &Source, lang: Lang) -> RuleApplied {
    RuleApplied { id: id.into(), text: text.get(lang).to_string(), source: prog.cite(s), quote: s.quote.clone() }
}

/// The measure's numbers from the programme's `[provider_pool]` (a rule file without it is
/// refused when read; this covers a provider programme read some other way).
fn pool(prog: &Programme) -> Result<&ProviderPool, InputErrors> {
    prog.provider_pool.as_ref().ok_or_else(|| {
        InputErrors::one(
            "rules",
            t!(
                "规则中的 {PROGRAMME} 没有 [provider_pool]（后备资源库家数、资源库最少家数、连续无星级退出次数）",
                "{PROGRAMME} in the rules has no [provider_pool] (the reserve's size, the pool's minimum, the no-star ratings that end membership)"
            ),
        )
    })
}

/// A number as the measure writes it in a sentence: a count (`两`, `two`) and an ordinal (`二`,
/// `second`) up to ten, digits beyond.
struct Numeral {
    zh_count: String,
    zh_ordinal: String,
    en_count: String,
    en_ordinal: String,
}

fn numeral(n: usize) -> Numeral {
    const ZH: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    const EN: [&str; 11] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const EN_ORD: [&str; 11] = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    let digits = n.to_string();
    let zh_ordinal = ZH.get(n).map_or_else(|| digits.clone(), |z| z.to_string());
    let zh_count = if n == 2 { "两".to_string() } else { zh_ordinal.clone() };
    let en_ordinal = EN_ORD.get(n).map_or_else(|| format!("{n}th"), |e| e.to_string());
    Numeral { zh_count, zh_ordinal, en_count: EN.get(n).map_or(digits, |e| e.to_string()), en_ordinal }
}

fn programme(bundle: &RuleBundle) -> Result<&Programme, InputErrors> {
    bundle.get(PROGRAMME).ok_or_else(|| {
        InputErrors::one(
            "rules",
            t!("规则中没有 {PROGRAMME}（服务商遴选办法）", "the rules hold no {PROGRAMME} (provider selection measure)"),
        )
    })
}

/// Finds a sub-industry by id (`knitting`) or by its name as the document writes it.
fn find_sub<'a>(p: &'a Programme, s: &str) -> Option<&'a SubIndustry> {
    let s = s.trim();
    p.sub_industries.iter().find(|x| x.id == s || x.name.zh == s || x.name.en.eq_ignore_ascii_case(s))
}

fn sub_list(p: &Programme) -> String {
    p.sub_industries.iter().map(|s| format!("{}（{}）", s.id, s.name.zh)).collect::<Vec<_>>().join("、")
}

fn interpretations(pool: &ProviderPool, lang: Lang, scoring: bool) -> Vec<String> {
    let mut v = Vec::new();
    let (min, max) = (pool.reserve.min, pool.reserve.max);
    let exit = numeral(pool.exit_after_no_stars.value as usize);
    if scoring {
        v.push(t!(
            "同分：办法只规定“按照最终得分从高到低排列”，未规定同分如何取舍。本计算器不替市工信局决定：同分同名次（1、2、2、4）；同分跨越名额线时留出名额并列明，由市工信局研究确定后可填入 decisions 重新计算。这是对办法的解读。",
            "Ties: the measure says only to rank by final score and gives no tie-break. The calculator decides none: equal scores share a rank (1, 2, 2, 4); a tie across a cut-off leaves those places open and is listed for the bureau, whose choice can be entered as decisions. This is an interpretation."
        ));
        v.push(t!(
            "后备库：办法写“在暂未入选的服务商中选取较好的作为后备数字化服务商，选取 {min}-{max} 家”，未按细分行业分配；本计算器把各细分行业未入选者按最终得分统一排序后填入。这是对办法的解读。",
            "Reserve: the measure picks \"the better ones among those not selected, {min}–{max}\" without assigning them to sub-industries; the calculator ranks all those not selected together by final score. This is an interpretation."
        ));
        v.push(t!(
            "去掉最高分和最低分：各去掉一个（多位专家同为最高分时只去掉一个）。",
            "Dropping the highest and lowest: one of each (if several experts give the top score, only one is dropped)."
        ));
    } else {
        let (zh, en) = (&exit.zh_count, &exit.en_count);
        // ASCII only: `char::to_uppercase` would pull Unicode's case tables into the modules.
        let en_capital = en.get(..1).map(|c| c.to_ascii_uppercase() + &en[1..]).unwrap_or_default();
        v.push(t!(
            "“连续{zh}次无星级”按该服务商先后{zh}次参加的评级理解：某次未参评（null）不打断也不计入。这是对办法的解读。",
            "\"{en_capital} consecutive no-star ratings\" is read as {en} successive ratings the provider received: a round it was not rated in (null) neither breaks nor counts. This is an interpretation."
        ));
    }
    v.into_iter().map(|t| t.get(lang).to_string()).collect()
}

#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::score::quotas_text;
    use super::*;

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Every quote here is verbatim (ignoring whitespace) in the measure, and each number is in its quote.
    #[test]
    fn quotes_are_verbatim_and_hold_their_numbers() {
        let doc = squash(include_str!("../../sources/002_645b33252d65f1b7.txt"));
        for c in [SCORING, VETO, RANKING, FINAL_LIST, TOTAL, SCOPE, SPECIALIST, PLATFORM, OUTSIDE_POOL, STARS] {
            assert!(doc.contains(&squash(c.quote)), "not verbatim: {}", c.quote);
        }
        let plan = squash(include_str!("../../sources/000_25b80de7de14508b.txt"));
        for c in [CALL_STANDING, CALL_STANDARDS, CALL_TEAM, CALL_LOCAL] {
            assert!(plan.contains(&squash(c.quote)), "not verbatim in 17号: {}", c.quote);
        }
        assert!(SCORING.quote.contains("去掉每家申报单位的最高分和最低分"));
        let prog = RuleBundle::embedded().get(PROGRAMME).unwrap();
        // The pool's numbers live in the rule file, each in its own quote (tests/rules.rs holds
        // the quotes to the document).
        let pool = prog.provider_pool.as_ref().unwrap();
        let (r, min, exit) = (&pool.reserve, &pool.minimum, &pool.exit_after_no_stars);
        assert_eq!((r.min, r.max, min.value, exit.value), (20, 25, 27, 2));
        assert!(r.source.quote.contains(&format!("{}-{} 家", r.min, r.max)), "{}", r.source.quote);
        assert!(min.source.quote.contains(&format!("低于{}家", min.value)), "{}", min.source.quote);
        assert!(exit.source.quote.contains(&format!("连续{}次无星级", numeral(exit.value as usize).zh_count)), "{}", exit.source.quote);
        assert_eq!(
            (r.source.clause.as_str(), min.source.clause.as_str(), exit.source.clause.as_str()),
            ("一、总体目标", "五、（五）", "五、（四）")
        );
        let quotas: Vec<(String, u32)> = prog.sub_industries.iter().map(|s| (s.id.clone(), s.provider_quota.unwrap())).collect();
        assert_eq!(
            quotas,
            [("knitting".into(), 10), ("cotton-synthetic-textiles".into(), 6), ("electronic-devices".into(), 10), ("auto-parts".into(), 6)]
        );
        // The document number is the rule file's, not the code's.
        let mut renumbered = prog.clone();
        renumbered.document_number = Some("榕工信行规〔2026〕1号".into());
        assert_eq!(cite(&renumbered, VETO), "榕工信行规〔2026〕1号 三、遴选方式");
        assert_eq!(cite(prog, VETO), "榕工信行规〔2024〕18号 三、遴选方式");
        // The quotas live in the rule file only; their sum is the total 一 states.
        let total = quotas.iter().map(|q| q.1).sum::<u32>();
        assert!(TOTAL.quote.contains(&format!("共{total}家")), "{total}");
        assert_eq!(
            quotas_text(prog).zh,
            "4 个细分行业共 32 家：针织或钩针编织物及其制造 10、棉纺织或化纤纺织及印染精加工 6、电子器件制造及配套 10、汽车零部件及配件制造 6"
        );
        for s in &prog.sub_industries {
            assert!(s.source.quote.ends_with(&format!("{} 家", s.provider_quota.unwrap())), "{}", s.source.quote);
        }
    }
}
