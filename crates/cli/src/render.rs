//! Plain-text rendering of reports for a terminal. Only layout lives here.

use serde::Serialize;
use shuzhuan_policy::eval::{Outcome, ProgrammeLine};
use shuzhuan_policy::{CheckReport, EstimateReport, Lang};
use std::fmt::Write;

fn mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✓",
        Outcome::Fail => "✗",
        Outcome::Unknown => "?",
    }
}

fn l<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn check_text(r: &CheckReport, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {}", l(lang, "评估日期", "Evaluated as of"), r.as_of);
    if let Some(i) = &r.industry {
        let _ = writeln!(s, "{}: {}", l(lang, "行业", "Industry"), i.path);
    }
    if let Some(reg) = &r.region {
        let _ = writeln!(s, "{}: {}", l(lang, "所在地", "Location"), reg);
    }
    let _ = writeln!(s, "\n{}: {} ({})", l(lang, "企业规模", "Enterprise size"), json_str(&r.sme.class), r.sme.category_name);
    for reason in &r.sme.reasons {
        let _ = writeln!(s, "  - {reason}");
    }
    if let Some(t) = &r.sme.to_change {
        let _ = writeln!(s, "  → {t}");
    }
    let _ = writeln!(
        s,
        "  {}: {} — {}",
        l(lang, "规上工业", "Above designated size"),
        json_str(&r.sme.above_designated_size),
        r.sme.above_designated_size_basis
    );
    for p in &r.programmes {
        let _ = writeln!(s, "\n【{}】{} — {}", p.city, p.title, p.verdict_text);
        let _ = writeln!(s, "  {} · {}", p.document, p.status_text);
        for c in &p.criteria {
            let _ = writeln!(s, "  {} {}: {}", mark(c.outcome), c.title, c.reason);
            if let Some(t) = &c.to_change {
                let _ = writeln!(s, "      → {t}");
            }
            let _ = writeln!(s, "      [{}] “{}”", c.source, c.quote);
        }
        for n in &p.not_stated {
            let _ = writeln!(s, "  · {n}");
        }
    }
    for n in &r.notices {
        let _ = writeln!(s, "\n! {n}");
    }
    let _ = writeln!(s, "\n{}\n{} {} ({})", r.disclaimer, l(lang, "规则版本", "Rules"), r.rules.hash, r.rules.origin);
    s
}

pub fn estimate_text(r: &EstimateReport, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}\n{} · {}", r.title, r.document, r.status_text, r.eligibility.verdict_text);
    // The enterprise's own lines first, then what is paid to others, each group with its subtotal.
    use shuzhuan_policy::estimate::Payee;
    for (payee, heading) in [
        (Payee::Enterprise, None),
        (Payee::Other, Some(l(lang, "付给他方（不计入本企业合计）", "Paid to others (not in the enterprise's total)"))),
    ] {
        let lines: Vec<_> = r.measures.iter().filter(|m| m.paid_to == payee).collect();
        if lines.is_empty() {
            continue;
        }
        if let Some(h) = heading {
            let _ = writeln!(s, "\n{h}:");
        }
        for m in lines {
            let cap = m.cap_yuan.map(|c| format!(" ({} {c})", l(lang, "上限", "cap"))).unwrap_or_default();
            let _ = writeln!(s, "\n  {} — {} {}{}", m.title, m.amount_yuan, l(lang, "元", "yuan"), cap);
            if !m.formula.is_empty() {
                let _ = writeln!(s, "    {}", m.formula);
            }
            let _ = writeln!(s, "    {}", m.explanation);
            if let Some(st) = &m.stacking {
                let _ = writeln!(s, "    ⚠ {st}");
            }
            let _ = writeln!(s, "    [{}]", m.source);
        }
    }
    let _ = writeln!(s, "\n{}: {} {}", l(lang, "本企业合计", "Enterprise's total"), r.total_yuan, l(lang, "元", "yuan"));
    if !r.paid_to_others_yuan.is_zero() {
        let _ = writeln!(s, "{}: {} {}", l(lang, "付给他方", "Paid to others"), r.paid_to_others_yuan, l(lang, "元", "yuan"));
    }
    for o in r.overlaps.iter().filter(|o| o.counted.len() + o.not_counted.len() > 1) {
        let _ = writeln!(s, "  ⚠ {} [{}]", o.text, o.source);
    }
    for i in &r.instalments {
        let _ = writeln!(s, "  {}: {} — {}", i.stage, i.amount_yuan, i.explanation);
    }
    for n in r.notes.iter().chain(&r.leaves_out).chain(&r.notices) {
        let _ = writeln!(s, "  · {n}");
    }
    let _ = writeln!(s, "\n{}", r.disclaimer);
    s
}

pub fn programmes_text(list: &[ProgrammeLine], _lang: Lang) -> String {
    list.iter()
        .map(|p| {
            format!(
                "{}\t{}\t{}\t{}–{}\t{}{}\n",
                p.id,
                p.city,
                p.title,
                p.valid_from,
                p.valid_until,
                p.status_text,
                if p.draft { "\tdraft" } else { "" }
            )
        })
        .collect()
}

fn json_str<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// `shuzhuan industry search` as lines: code, path, then ✓/?/✗ per programme.
pub fn fits_text(fits: &[shuzhuan_policy::eval::IndustryFit]) -> String {
    fits.iter()
        .map(|f| {
            let marks: Vec<String> = f.programmes.iter().map(|p| format!("{} {}", mark(p.outcome), p.programme)).collect();
            format!("{}\t{}\t{}\n", f.code, f.path, marks.join("  "))
        })
        .collect()
}
