//! `shuzhuan providers check|score|stars FILE`: the Fuzhou provider measure (榕工信行规〔2024〕18号).
//! Input is the JSON of the contract commands `providers_check`, `providers_score` and
//! `providers_stars`; `score` and `stars` also read a CSV or tab-separated sheet (one row per
//! applicant and one column per expert, or one row per provider and one column per rating round;
//! UTF-8 or GBK). Output is the report as JSON, or text with `--format text`.

use crate::Failure;
use shuzhuan_policy::providers::{self, ScoreReport, StarsReport};
use shuzhuan_policy::{Date, InputErrors, Lang, RuleBundle};
use std::path::{Path, PathBuf};

/// Which part of the measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Check,
    Score,
    Stars,
}

/// `shuzhuan providers` arguments.
#[derive(Debug, PartialEq)]
pub struct ProvidersArgs {
    pub part: Part,
    /// Any name the system allows (`-`: standard input).
    pub file: Option<PathBuf>,
    pub lang: Lang,
    pub text: bool,
    pub as_of: Option<Date>,
    /// `--rules DIR|PACK`: the measure's numbers from these rules instead of the embedded ones.
    pub rules: Option<String>,
}

fn failure(e: &InputErrors, a: &ProvidersArgs) -> Failure {
    if a.text {
        Failure::new(e.errors.iter().map(|e| format!("error: {}\n", e.render(a.lang))).collect())
    } else {
        Failure::new(serde_json::to_string_pretty(e).unwrap_or_default())
    }
}

/// The file as text (`-`: standard input, at most [`crate::read::INPUT_LIMIT`] bytes): UTF-8
/// (with or without BOM) or GBK, decoded by the core's batch decoder. A problem names the file
/// (field `input`; JSON unless `--format text`).
fn read_text(path: &Path, a: &ProvidersArgs) -> Result<String, Failure> {
    let bytes = crate::read::bytes(path, crate::read::INPUT_LIMIT)
        .map_err(|e| failure(&InputErrors::one("input", e.text(&path.to_string_lossy())), a))?;
    shuzhuan_policy::batch::decode_all(&bytes).map_err(|m| failure(&InputErrors::one("input", m), a))
}

/// Runs `shuzhuan providers …`.
pub fn run(a: ProvidersArgs) -> Result<String, Failure> {
    let held = crate::load_rules(a.rules.as_deref(), |e| failure(e, &a))?;
    let bundle: &RuleBundle = &held;
    let path = a.file.clone().unwrap_or_default();
    let text = read_text(&path, &a)?;
    let is_json = text.trim_start().starts_with('{');
    match a.part {
        Part::Check => {
            let (date, p) = providers::parse_check(&text).map_err(|e| failure(&e, &a))?;
            let as_of = match a.as_of.or(date) {
                Some(d) => d,
                None => crate::today()?,
            };
            let r = providers::check(&p, bundle, as_of, a.lang).map_err(|e| failure(&e, &a))?;
            Ok(if a.text { check_text(&r) } else { json(&r) })
        }
        Part::Score => {
            let input = if is_json { providers::parse_score(&text, bundle) } else { providers::score_input_from_csv(&text, bundle) }
                .map_err(|e| failure(&e, &a))?;
            let r = providers::score(&input, bundle, a.lang).map_err(|e| failure(&e, &a))?;
            Ok(if a.text { score_text(&r, a.lang) } else { json(&r) })
        }
        Part::Stars => {
            let input = if is_json { providers::parse_stars(&text) } else { providers::stars_input_from_csv(&text) }
                .map_err(|e| failure(&e, &a))?;
            let r = providers::stars(&input, bundle, a.lang).map_err(|e| failure(&e, &a))?;
            Ok(if a.text { stars_text(&r, a.lang) } else { json(&r) })
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn check_text(r: &providers::ProviderCheck) -> String {
    let mut out = format!(
        "{} {}（{}）: {}\n",
        r.document,
        r.as_of,
        serde_json::to_value(r.status).unwrap_or_default().as_str().unwrap_or(""),
        r.verdict_text
    );
    for c in &r.criteria {
        let mark = match c.outcome {
            shuzhuan_policy::Outcome::Pass => "✓",
            shuzhuan_policy::Outcome::Fail => "✗",
            shuzhuan_policy::Outcome::Unknown => "?",
        };
        out.push_str(&format!("  {mark} {}: {}  [{}]\n", c.title, c.reason, c.source));
        if let Some(t) = &c.to_change {
            out.push_str(&format!("      → {t}\n"));
        }
    }
    for n in r.not_stated.iter().chain(&r.notes) {
        out.push_str(&format!("  · {}  [{}]\n", n.text, n.source));
    }
    out
}

fn score_text(r: &ScoreReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    for s in &r.sub_industries {
        out.push_str(&if zh {
            format!("{}（{}）计划 {} 家，拟入选 {} 家\n", s.name, s.id, s.quota, s.selected.len())
        } else {
            format!("{} ({}): quota {}, {} recommended\n", s.name, s.id, s.quota, s.selected.len())
        });
        for id in &s.ranking {
            if let Some(a) = r.applicants.iter().find(|a| &a.id == id) {
                let score = a.final_score.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
                let rank = a.rank.map(|k| k.to_string()).unwrap_or_else(|| "—".into());
                out.push_str(&format!("  {rank:>3}  {score:>8}  {}  {}\n", a.id, a.status_text));
            }
        }
    }
    out.push_str(&if zh {
        format!("后备资源库（{}–{} 家，取 {}）：{}\n", r.reserve.min, r.reserve.max, r.reserve.size, r.reserve.members.join(", "))
    } else {
        format!("reserve ({}–{}, filling {}): {}\n", r.reserve.min, r.reserve.max, r.reserve.size, r.reserve.members.join(", "))
    });
    for t in &r.ties {
        out.push_str(&format!("! {}\n", t.text));
    }
    for w in &r.warnings {
        out.push_str(&format!("! {w}\n"));
    }
    for i in &r.interpretations {
        out.push_str(&format!("· {i}\n"));
    }
    out
}

fn stars_text(r: &StarsReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    for x in &r.rounds {
        let label = x.label.clone().unwrap_or_default();
        out.push_str(&if zh {
            format!(
                "第 {} 轮 {label}：评级前 {} 家，无星级 {}，连续无星级退出 [{}]，其他退出 [{}]，评级后 {} 家{}\n",
                x.round,
                x.active_before,
                x.no_star,
                x.exits.join(", "),
                x.removed.join(", "),
                x.active_after,
                if x.below_minimum { "（低于 27 家）" } else { "" }
            )
        } else {
            format!(
                "round {} {label}: {} before, {} no-star, exits [{}], removed [{}], {} after{}\n",
                x.round,
                x.active_before,
                x.no_star,
                x.exits.join(", "),
                x.removed.join(", "),
                x.active_after,
                if x.below_minimum { " (below 27)" } else { "" }
            )
        });
    }
    for p in r.providers.iter().filter(|p| p.at_risk) {
        out.push_str(&format!("! {}: {}\n", p.id, p.explanation));
    }
    if let Some(t) = &r.replenish {
        out.push_str(&format!("! {t}\n"));
    }
    out
}
