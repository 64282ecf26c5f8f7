//! `shuzhuan assess [FILE|-]`: the digital-level self-assessment (数字化水平自评). JSON answers
//! in, the report out (JSON, or text in the chosen language); `--template` prints a blank
//! answers file (JSON) or the questionnaire itself (`--format text`). Every decision is the core's.

use crate::args::{Format, Options};
use crate::{input_failure, json, read_input, rules_for, today, Failure};
use shuzhuan_policy::assess::{self, Assessment, Limit, QuestionKind};
use shuzhuan_policy::{Lang, Text};
use std::fmt::Write;

pub fn run(opts: &Options) -> Result<String, Failure> {
    if opts.template {
        return Ok(match opts.format {
            Format::Json => assess::template(),
            Format::Text => questionnaire_text(opts.lang),
        });
    }
    let bundle = rules_for(opts)?;
    let text = read_input(opts)?;
    let mut input = assess::parse_assess_input(&text).map_err(|e| input_failure(&e, opts))?;
    if let Some(d) = opts.as_of {
        input.as_of = Some(d);
    }
    let report = assess::assess(&input, &bundle, today()?);
    Ok(match opts.format {
        Format::Json => json(&report),
        Format::Text => report_text(&report, opts.lang),
    })
}

fn l<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// `名称 (gloss)` in English, the Chinese name alone in Chinese.
fn name(t: &Text, lang: Lang) -> String {
    match lang {
        Lang::Zh => t.zh.clone(),
        Lang::En => format!("{} ({})", t.zh, t.en),
    }
}

/// A bar of 20 cells for a score out of its points (layout only: the numbers are shown beside it).
fn bar(score: impl ToString, points: impl ToString) -> String {
    let (s, p) = (score.to_string().parse::<f64>().unwrap_or(0.0), points.to_string().parse::<f64>().unwrap_or(0.0));
    let filled = if p > 0.0 { ((s / p) * 20.0).round().clamp(0.0, 20.0) as usize } else { 0 };
    format!("{}{}", "█".repeat(filled), "·".repeat(20 - filled))
}

/// The report for a terminal.
pub fn report_text(r: &Assessment, lang: Lang) -> String {
    let s_ = &r.scores;
    let mut s = String::new();
    let _ = writeln!(s, "{}（{}）— {}", r.questionnaire.title, r.questionnaire.document, l(lang, "自评估算", "self-assessment estimate"));
    let _ = writeln!(s, "\n{}", r.summary.get(lang));
    let p = &r.progress;
    let _ = match lang {
        Lang::Zh => writeln!(s, "已作答：题目 {}/{}，应用场景 {}/{}", p.questions, p.of_questions, p.scenarios, p.of_scenarios),
        Lang::En => writeln!(s, "Answered: {}/{} questions, {}/{} scenarios", p.questions, p.of_questions, p.scenarios, p.of_scenarios),
    };
    let _ = writeln!(s, "\n{} {} / {}", l(lang, "总分", "Score"), s_.score, s_.points);
    for d in &s_.dimensions {
        let _ = writeln!(s, "  {} {} {}/{}", bar(d.score, d.points), name(&d.name, lang), d.score, d.points);
        for it in &d.items {
            let qs: Vec<String> =
                it.questions.iter().map(|q| format!("{} {}", q.id, if q.answered { q.score.to_string() } else { "–".into() })).collect();
            let _ = writeln!(s, "      {} {}/{}  ({})", name(&it.name, lang), it.score, it.points, qs.join(", "));
        }
    }
    let _ = writeln!(s, "\n{}", l(lang, "应用场景（* 约束性）", "Scenarios (* binding)"));
    for sc in &s_.scenarios {
        let rating = match sc.rating {
            Some(0) => l(lang, "未达一级", "below 1").to_string(),
            Some(n) => assess::level_name(Some(n)).get(lang).to_string(),
            None => l(lang, "未评", "unrated").to_string(),
        };
        let _ = writeln!(s, "  {}{} {} — {}", sc.id, if sc.binding { "*" } else { " " }, name(&sc.name, lang), rating);
    }
    let _ = writeln!(s, "\n{}", l(lang, "各等级条件", "Level conditions"));
    for c in &s_.levels {
        let m = |b: bool| if b { "✓" } else { "✗" };
        let _ = writeln!(
            s,
            "  {} {}  {} {} ≥ {} {}  {} {} ≥ {} {}  {} {} ≥ {} {}",
            m(c.met),
            assess::level_name(Some(c.level)).get(lang),
            l(lang, "总分", "score"),
            c.score.have,
            c.score.need,
            m(c.score.met),
            l(lang, "场景", "scenarios"),
            c.scenes.have,
            c.scenes.need,
            m(c.scenes.met),
            l(lang, "约束性", "binding"),
            c.binding_scenes.have,
            c.binding_scenes.need,
            m(c.binding_scenes.met)
        );
    }
    let _ = writeln!(
        s,
        "  {}: {} ({})",
        l(lang, "2022年版分数段对比", "2022 edition band, for comparison"),
        assess::level_name(r.edition_2022.level).get(lang),
        r.edition_2022.band.get(lang)
    );
    if let Some(g) = &r.next {
        let _ = writeln!(s, "\n{}", g.summary.get(lang));
        if !g.limited_by.is_empty() {
            let lim: Vec<&str> = g
                .limited_by
                .iter()
                .map(|x| match x {
                    Limit::Score => l(lang, "总分", "score"),
                    Limit::Scenes => l(lang, "场景数", "scenario count"),
                    Limit::BindingScenes => l(lang, "约束性场景数", "binding scenario count"),
                })
                .collect();
            let _ = writeln!(s, "  {}: {}", l(lang, "受限于", "limited by"), lim.join(", "));
        }
        if !g.answer_changes.is_empty() {
            let _ = writeln!(
                s,
                "  {} ({} {}, +{}):",
                l(lang, "最省的答案调整", "Cheapest answer changes"),
                g.plan_steps,
                l(lang, "步", "steps"),
                g.plan_points
            );
            for c in &g.answer_changes {
                let from = if c.from.is_empty() { "–".to_string() } else { c.from.join(",") };
                let opts: Vec<String> = c.new_options.iter().map(|o| format!("{} {}", o.label, o.text)).collect();
                let _ = writeln!(s, "    {} {} → {} (+{}): {}", c.question, from, c.to.join(","), c.gain, opts.join("；"));
            }
        }
        if !g.scenario_raises.is_empty() {
            let _ = writeln!(s, "  {}:", l(lang, "需提升的场景", "Scenarios to raise"));
            for x in &g.scenario_raises {
                let _ = writeln!(
                    s,
                    "    {}{} {} {} → {}: {}",
                    x.id,
                    if x.binding { "*" } else { " " },
                    name(&x.name, lang),
                    x.from,
                    x.to,
                    x.descriptor
                );
            }
        }
        let dims: Vec<String> = g
            .dimensions
            .iter()
            .map(|d| match lang {
                Lang::Zh => format!("{} 尚可提升 {} 分，上述调整 +{}", d.name.zh, d.headroom, d.plan_points),
                Lang::En => format!("{}: {} points of headroom, +{} in the changes above", name(&d.name, lang), d.headroom, d.plan_points),
            })
            .collect();
        let _ = writeln!(s, "  {}", dims.join("; "));
    }
    let _ = writeln!(s, "\n{}", l(lang, "对补贴的影响", "What it changes in the subsidies"));
    for p in &r.subsidies {
        let _ = writeln!(s, "  【{}】{}", p.city.get(lang), p.summary.get(lang));
        for m in &p.measures {
            let _ = writeln!(s, "      [{}]", m.source);
        }
    }
    let _ = writeln!(s, "\n{}", r.rule.text.get(lang));
    for c in &r.caveats {
        let _ = writeln!(s, "! {}", c.get(lang));
    }
    s
}

/// The questionnaire for reading: every question with its options and scores, every scenario
/// with its descriptors (the questionnaire's own text is Chinese).
pub fn questionnaire_text(lang: Lang) -> String {
    let q = assess::questionnaire();
    let mut s = String::new();
    let _ = writeln!(s, "{}（{}）", q.title, q.document);
    for d in &q.dimensions {
        let _ = writeln!(s, "\n== {} {} ==", name(&d.name, lang), d.points);
        for it in &d.items {
            let _ = writeln!(s, "\n-- {} {} --", name(&it.name, lang), it.points);
            for qq in &it.questions {
                let kind = match qq.kind {
                    QuestionKind::Single => l(lang, "单选", "single choice"),
                    QuestionKind::Multi => l(lang, "多选，“无”排他", "multiple choice, \"无\" excludes the rest"),
                };
                let _ = writeln!(s, "\n{} {}（{}，{} {}）", qq.id, qq.title, kind, qq.points, l(lang, "分", "points"));
                if !qq.description.is_empty() {
                    let _ = writeln!(s, "   {}", qq.description);
                }
                for o in &qq.options {
                    let _ = writeln!(s, "   {}. {} [{}]", o.label, o.text, o.score);
                }
            }
        }
    }
    let _ = writeln!(s, "\n== {} ==", l(lang, "应用场景（0–4 级，* 约束性）", "Scenarios (levels 0–4, * binding)"));
    for sc in &q.scenarios {
        let _ = writeln!(s, "\n{}{} {} · {}", sc.id, if sc.binding { "*" } else { "" }, name(&sc.name, lang), name(&sc.group, lang));
        for (i, d) in sc.levels.iter().enumerate() {
            let _ = writeln!(s, "   {}: {}", i + 1, d);
        }
    }
    s
}
