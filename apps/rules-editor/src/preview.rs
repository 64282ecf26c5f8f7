//! A valid programme as the page previews it: what the policy library shows (title, document,
//! validity, source kind, each criterion's condition and each measure's formula beside the
//! clause and the sentence they come from) and the form it generates (the questions the
//! self-check and the estimator ask). Texts stay in both languages (`{zh, en}`), so switching the
//! page's language needs no new call; formulas in words come from the core
//! ([`Formula::describe`](shuzhuan_policy::rules::Formula::describe)), as in the library.

use serde_json::{json, Value};
use shuzhuan_policy::estimate::spec;
use shuzhuan_policy::eval::status_text;
use shuzhuan_policy::rules::{Programme, Question, Scope, Source};
use shuzhuan_policy::{Date, RuleBundle};

/// A source as shown: the citation with the clause, the clause, the sentence.
fn source(p: &Programme, s: &Source) -> Value {
    json!({ "cite": p.cite(s), "clause": s.clause, "quote": s.quote })
}

/// The programme as the library shows it; its standing (in force, expired…) on `today` when the
/// clock can be trusted.
pub fn programme(p: &Programme, today: Option<Date>) -> Value {
    let versions: Vec<Value> = p
        .versions
        .iter()
        .map(|v| {
            json!({
                "id": v.id,
                "from": v.from,
                "until": v.until,
                "criteria": v.criteria.iter().map(|c| json!({
                    "id": c.id,
                    "title": c.title,
                    "when": c.when,
                    "source": source(p, &c.source),
                })).collect::<Vec<_>>(),
                "measures": v.measures.iter().map(|m| json!({
                    "id": m.id,
                    "title": m.title,
                    "formula": m.formula.describe(&|id| p.label_of(id)),
                    "when": m.when,
                    "paid_to": m.paid_to,
                    "recipient": m.recipient,
                    "conditions": m.conditions,
                    "source": source(p, &m.source),
                })).collect::<Vec<_>>(),
                "not_stated": v.not_stated.iter().map(|n| &n.text).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "id": p.id,
        "audience": p.audience,
        "city": { "code": p.city.code, "zh": p.city.zh, "en": p.city.en },
        "title": p.title,
        "issuer": p.issuer,
        "document_number": p.document_number,
        "citation": p.citation(),
        "source_kind": p.source_kind,
        "draft": p.draft,
        "issued": p.issued,
        "valid_from": p.valid_from,
        "valid_until": p.valid_until,
        "valid_from_note": p.valid_from_note,
        "validity_source": source(p, &p.validity_source),
        "checked": p.checked,
        "status": today.map(|d| status_text(p, d)),
        "sub_industries": p.sub_industries.iter().map(|s| json!({
            "name": s.name,
            "codes": s.codes,
            "confirm_codes": s.confirm_codes,
            "source": source(p, &s.source),
        })).collect::<Vec<_>>(),
        "notes": p.notes.iter().map(|n| json!({ "text": n.text, "source": source(p, &n.source) })).collect::<Vec<_>>(),
        "versions": versions,
    })
}

/// One question as the form shows it.
fn question(p: &Programme, q: &Question) -> Value {
    json!({
        "id": q.id,
        "kind": q.kind,
        "scope": q.scope,
        "label": q.label,
        "help": q.help,
        "unit": q.unit,
        "choices": q.choices.iter().map(|c| json!({ "id": c.id, "label": c.label })).collect::<Vec<_>>(),
        "source": source(p, &q.source),
    })
}

/// The form the pack generates: the self-check's questions (enterprise scope) and the built-in
/// facts beyond the basics its conditions read, as the app derives them
/// ([`RuleBundle::check_asks`]); the estimator's questions (project scope) and what else it asks
/// (the digital level reached, the year of the pilot), from the core's `estimate::spec` for the
/// version in force today (or the first version).
pub fn form(bundle: &RuleBundle, p: &Programme, today: Option<Date>) -> Value {
    let asks = bundle.check_asks();
    let spec = spec(p, today.unwrap_or(p.valid_from));
    let of_scope = |s: Scope| p.questions.iter().filter(|q| q.scope == s).map(|q| question(p, q)).collect::<Vec<_>>();
    json!({
        "enterprise": of_scope(Scope::Enterprise),
        "project": of_scope(Scope::Project),
        "facts": asks.facts,
        "levels": spec.levels,
        "year": spec.year,
        "user_parameters": spec.user_parameters,
    })
}
