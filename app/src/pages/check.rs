//! Self-check: short steps with a progress indicator. Only questions that can change a result
//! are asked; the verdicts show beside the form as soon as they are known.

use super::{described_by, error_summary, field_error, focus, has_error, verdict_badge};
use crate::ctx;
use crate::route::{go, Route};
use crate::state::Form;
use leptos::prelude::*;
use shuzhuan_policy::catalogue::catalogue;
use shuzhuan_policy::rules::CriterionKind;
use shuzhuan_policy::sme::{category_of, rule_for, Indicator};
use shuzhuan_policy::uscc::parse_uscc;
use shuzhuan_policy::{check, CheckReport, FieldError};

/// Which fields each step owns (for its error summary).
fn step_fields(step: u8) -> &'static [&'static str] {
    match step {
        1 => &["profile.uscc", "profile.region", "profile.industry"],
        2 => &["profile.employees", "profile.revenue_yuan", "profile.total_assets_yuan"],
        _ => &["profile.independent_legal_person", "profile.bad_credit_last_3_years"],
    }
}

/// The report for the current form (errors leave their field out, never the whole check).
/// `None` only without a date (a broken clock and none chosen), when no page asks for it.
pub fn report() -> Memo<(Option<CheckReport>, Vec<FieldError>)> {
    let c = ctx();
    Memo::new(move |_| {
        let lang = c.lang.get();
        let form = c.form.get();
        let (input, errors) = form.evaluate();
        let date = input.as_of.or(c.today);
        (date.map(|d| check(&input, crate::rules(), d, lang)), errors)
    })
}

/// The legal-person and credit questions are asked only while they can change a verdict.
fn legal_step_matters(r: &CheckReport) -> bool {
    r.could_change(&[CriterionKind::IndependentLegalPerson, CriterionKind::NoBadCredit])
}

fn set(f: impl Fn(&mut Form, String) + 'static) -> impl Fn(leptos::ev::Event) {
    let c = ctx();
    move |ev| {
        let v = event_target_value(&ev);
        c.form.update(|form| f(form, v));
    }
}

pub fn page(step: u8) -> impl IntoView {
    let c = ctx();
    let rep = report();
    let errors = Signal::derive(move || rep.with(|(_, e)| e.clone()));
    let shown = RwSignal::new(false);
    let step_errors = Signal::derive(move || {
        let all = errors.get();
        if shown.get() {
            all.into_iter().filter(|e| step_fields(step).contains(&e.field.as_str())).collect()
        } else {
            vec![]
        }
    });
    let inline_errors =
        Signal::derive(move || errors.get().into_iter().filter(|e| step_fields(step).contains(&e.field.as_str())).collect::<Vec<_>>());
    let total_steps = move || if rep.with(|(r, _)| r.as_ref().is_some_and(step3_matters)) { 3 } else { 2 };
    let next = move |_| {
        let bad = inline_errors.get_untracked();
        if !bad.is_empty() {
            shown.set(true);
            request_animation_frame(|| focus("error-summary"));
            return;
        }
        if step < total_steps() {
            go(Route::Check(step + 1));
        } else {
            go(Route::Results);
        }
    };
    view! {
        <div class="layout-check">
            <div class="form-col">
                <p class="progress" id="progress">{move || format!("{} {} / {}", c.t("check.step"), step, total_steps())}</p>
                <ol class="steps" aria-label=move || c.t("check.steps")>
                    <li class:done={move || step > 1} aria-current={move || (step == 1).then_some("step")}>{move || c.t("check.step1")}</li>
                    <li class:done={move || step > 2} aria-current={move || (step == 2).then_some("step")}>{move || c.t("check.step2")}</li>
                    {move || (total_steps() == 3).then(|| view! { <li aria-current={move || (step == 3).then_some("step")}>{move || c.t("check.step3")}</li> })}
                </ol>
                {error_summary(step_errors)}
                <form class="stack" novalidate on:submit=move |ev| { ev.prevent_default(); next(()); }>
                    {match step {
                        1 => step1(inline_errors).into_any(),
                        2 => step2(inline_errors).into_any(),
                        _ => step3(inline_errors).into_any(),
                    }}
                    <div class="actions">
                        {(step > 1).then(|| view! { <a class="button" href=format!("#/check/{}", step - 1)>{move || c.t("check.back")}</a> })}
                        <button class="button primary" type="submit" id="next">
                            {move || if step < total_steps() { c.t("check.next") } else { c.t("check.see_results") }}
                        </button>
                    </div>
                </form>
            </div>
            <aside class="live" aria-live="polite" aria-label=move || c.t("check.live")>
                <h2>{move || c.t("check.live")}</h2>
                <ul class="live-list">
                    {move || rep.with(|(r, _)| r.iter().flat_map(|r| &r.programmes).map(|p| view! {
                        <li data-programme=p.id.clone()><span class="live-city">{p.city.clone()}</span>{verdict_badge(p.verdict)}
                            {live_why(p).map(|w| view! { <span class="live-why small">{w}</span> })}</li>
                    }).collect_view())}
                </ul>
                <p class="muted small">{move || rep.with(|(r, _)| r.as_ref().map(|r| format!("{} · {}", r.sme.category_name, c.t(&format!("class.{}", class_key(r))))))}</p>
            </aside>
        </div>
    }
}

/// Why a programme's verdict in the live panel is not (yet) 符合, in a few words: out of force
/// (with the date), how many answers are missing, or the first condition not met.
fn live_why(p: &shuzhuan_policy::eval::ProgrammeResult) -> Option<String> {
    use shuzhuan_policy::eval::{Outcome, Verdict};
    let c = ctx();
    if p.status != shuzhuan_policy::rules::Status::InForce {
        return Some(p.status_text.clone());
    }
    let first = |o: Outcome| p.criteria.iter().find(|cr| cr.outcome == o).map(|cr| cr.title.clone()).unwrap_or_default();
    match p.verdict {
        Verdict::Eligible => None,
        Verdict::Unknown if !p.missing.is_empty() => Some(c.t("live.missing").replace("{n}", &p.missing.len().to_string())),
        Verdict::Unknown => Some(c.t("live.unsure").replace("{what}", &first(Outcome::Unknown))),
        Verdict::NotEligible => Some(c.t("live.not_met").replace("{what}", &first(Outcome::Fail))),
    }
}

fn class_key(r: &CheckReport) -> String {
    r.sme.class.key().to_string()
}

fn step1(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let c = ctx();
    let query = RwSignal::new(c.form.with_untracked(|f| f.industry.clone()));
    let uscc_note = move || {
        c.form.with(|f| {
            parse_uscc(&f.uscc)
                .ok()
                .and_then(|u| u.region.map(|r| format!("{}{}", c.t("check.uscc_region"), r.describe().get(c.lang.get()))))
        })
    };
    let on_uscc = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        c.form.update(|f| {
            f.uscc = v.clone();
            // A valid code names its registering authority's district: fill an empty location with
            // it, for the user to confirm (where a firm registered is not proof of where it operates).
            if f.region.trim().is_empty() {
                if let Some(r) = parse_uscc(&v).ok().and_then(|u| u.region).filter(|r| r.city.is_some()) {
                    f.region = r.code.clone();
                    f.region_unconfirmed = true;
                }
            }
        });
    };
    crate::ensure_catalogue(c);
    // The hit list: open while the user types, closed once a hit is chosen; `active` is the hit
    // Enter picks (the first by default), moved with the arrow keys.
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let hits = Memo::new(move |_| {
        c.notes.track();
        let q = query.get();
        if q.trim().is_empty() {
            return vec![];
        }
        catalogue()
            .search(&q, 8)
            .into_iter()
            .map(|h| {
                // The hit's own code and name first; the 门类 › 大类 › 中类 above it beneath.
                let above = h.path.rsplit_once(" › ").map(|(a, _)| a.to_string()).unwrap_or_default();
                (h.industry.code.clone(), format!("{} {}", h.industry.code, h.industry.name), above)
            })
            .collect::<Vec<_>>()
    });
    let pick = move |code: String| {
        c.form.update(|f| f.industry = code.clone());
        query.set(code);
        open.set(false);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = hits.with_untracked(Vec::len);
        match ev.key().as_str() {
            // Enter (a phone keyboard's 搜索/前往) picks the highlighted hit, or does nothing: it
            // never submits the step with no industry chosen.
            "Enter" => {
                ev.prevent_default();
                if open.get_untracked() && n > 0 {
                    let i = active.get_untracked().min(n - 1);
                    if let Some(code) = hits.with_untracked(|h| h.get(i).map(|h| h.0.clone())) {
                        pick(code);
                    }
                } else {
                    let v = event_target_value(&ev);
                    if looks_like_code(&v) {
                        c.form.update(|f| f.industry = v);
                    }
                }
            }
            "ArrowDown" if open.get_untracked() && n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if open.get_untracked() && n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };
    let chosen = move || c.form.with(|f| catalogue().lookup(&f.industry).ok().map(|i| catalogue().path_text(&i.code)));
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("check.step1")}</h1>
        <div class="field">
            <label for="f-uscc">{move || c.t("field.uscc")}</label>
            <p class="hint" id="f-uscc-hint">{move || c.t("hint.uscc")}</p>
            <input id="f-uscc" type="text" autocomplete="off" spellcheck="false" inputmode="latin"
                aria-invalid=has_error(errors, "profile.uscc") aria-describedby=described_by(errors, "profile.uscc", Some("f-uscc-hint"))
                prop:value=move || c.form.with(|f| f.uscc.clone()) on:change=on_uscc />
            {field_error(errors, "profile.uscc")}
            <p class="note" id="uscc-note">{uscc_note}</p>
        </div>
        <div class="field">
            <label for="f-region">{move || c.t("field.region")}</label>
            <p class="hint" id="f-region-hint">{move || c.t("hint.region")}</p>
            <select id="f-region" aria-invalid=has_error(errors, "profile.region") aria-describedby=described_by(errors, "profile.region", Some("f-region-hint"))
                prop:value=move || c.form.with(|f| f.region.clone()) on:change=set(|f, v| { f.region = v; f.region_unconfirmed = false; })>
                <option value="">{move || c.t("field.choose")}</option>
                {move || {
                    let en = c.lang.get() == shuzhuan_policy::Lang::En;
                    // The cities of the rules in use, with the districts a city's own pack lists
                    // (else the built-in list of a seed city; else the code is entered below).
                    cities().into_iter().map(|city| {
                        let cname = if en { city.en } else { city.zh };
                        let zones = format!("{cname}{}", c.t("field.zones"));
                        view! {
                            <optgroup label=cname.clone()>
                                {city.districts.into_iter().map(|(code, name)| {
                                    let text = if en { format!("{cname} · {name}") } else { format!("{cname}{name}") };
                                    view! { <option value=code>{text}</option> }
                                }).collect_view()}
                                <option value=format!("{}00", city.code)>{zones}</option>
                            </optgroup>
                        }
                    }).collect_view()
                }}
                {move || {
                    let r = c.form.with(|f| f.region.clone());
                    let listed = r.is_empty() || cities().iter().any(|city| format!("{}00", city.code) == r || city.districts.iter().any(|(d, _)| *d == r));
                    (!listed).then(|| view! { <option value=r.clone()>{format!("{} {}", c.t("field.other_code"), r)}</option> })
                }}
            </select>
            <label class="inline" for="f-region-code">{move || c.t("field.region_code")}</label>
            <input id="f-region-code" type="text" inputmode="numeric" autocomplete="off" class="short"
                prop:value=move || c.form.with(|f| f.region.clone()) on:change=set(|f, v| { f.region = v; f.region_unconfirmed = false; }) />
            {field_error(errors, "profile.region")}
            {move || c.form.with(|f| f.region_unconfirmed).then(|| view! {
                <div class="note" id="region-unconfirmed" role="status">
                    <p>{c.t("check.region_from_uscc")}</p>
                    <button type="button" class="button secondary" id="region-confirm"
                        on:click=move |_| c.form.update(|f| f.region_unconfirmed = false)>{c.t("check.region_confirm")}</button>
                </div>
            })}
        </div>
        <div class="field">
            <label for="f-industry">{move || c.t("field.industry")}</label>
            <p class="hint" id="f-industry-hint">{move || c.t("hint.industry")}</p>
            <input id="f-industry" type="search" autocomplete="off"
                aria-invalid=has_error(errors, "profile.industry") aria-describedby=described_by(errors, "profile.industry", Some("f-industry-hint"))
                aria-controls="industry-hits"
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); open.set(true); active.set(0); }
                on:keydown=on_key
                on:change=move |ev| { let v = event_target_value(&ev); if looks_like_code(&v) { c.form.update(|f| f.industry = v); } } />
            {field_error(errors, "profile.industry")}
            <ul class="hits" id="industry-hits">
                {move || open.get().then(|| hits.get().into_iter().enumerate().map(|(i, (code, own, above))| {
                    let chosen = code.clone();
                    view! { <li><button type="button" class="hit" data-code=code.clone()
                        class:active=move || active.get() == i aria-current=move || (active.get() == i).then_some("true")
                        on:mousedown=|ev| ev.prevent_default() on:click=move |_| pick(chosen.clone())>
                        <span class="hit-name">{own}</span>
                        {(!above.is_empty()).then(|| view! { <span class="hit-path">{above}</span> })}
                    </button></li> }
                }).collect_view())}
            </ul>
            <p class="chosen" id="industry-chosen">{move || chosen().map(|p| format!("{}{}", c.t("field.chosen"), p))}</p>
        </div>
    }
}

fn money_field(
    errors: Signal<Vec<FieldError>>,
    path: &'static str,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    get: fn(&Form) -> String,
    put: fn(&mut Form, String),
) -> impl IntoView {
    let c = ctx();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{move || c.t(label)}</label>
            <p class="hint" id=hint_id.clone()>{move || c.t(hint)}</p>
            <div class="with-unit">
                <input id=id type="text" inputmode="decimal" autocomplete="off"
                    aria-invalid=has_error(errors, path) aria-describedby=described_by(errors, path, Some(&hint_id))
                    prop:value=move || c.form.with(get) on:change=move |ev| { let v = event_target_value(&ev); c.form.update(|f| put(f, v)); } />
                <span class="unit">{move || if path == "profile.employees" { c.t("unit.persons") } else if c.form.with(|f| f.unit() == "yuan") { c.t("unit.yuan") } else { c.t("unit.wan") }}</span>
            </div>
            {field_error(errors, path)}
        </div>
    }
}

fn step2(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let c = ctx();
    let category = move || c.form.with(|f| catalogue().lookup(&f.industry).ok().map(|i| category_of(&i.code)));
    let uses = move |ind: Indicator| match category() {
        Some(cat) => rule_for(cat).is_some_and(|r| r.bounds.iter().any(|(i, _)| *i == ind)),
        None => ind != Indicator::TotalAssets,
    };
    let is_industrial = move || category() == Some(shuzhuan_policy::sme::SizeCategory::Industry);
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("check.step2")}</h1>
        <fieldset class="field unit-choice">
            <legend>{move || c.t("field.unit")}</legend>
            <label class="choice"><input type="radio" name="unit" value="wan" prop:checked=move || c.form.with(|f| f.unit() == "wan") on:change=set(|f, _| f.unit = "wan".into()) />{move || c.t("unit.wan")}</label>
            <label class="choice"><input type="radio" name="unit" value="yuan" prop:checked=move || c.form.with(|f| f.unit() == "yuan") on:change=set(|f, _| f.unit = "yuan".into()) />{move || c.t("unit.yuan")}</label>
        </fieldset>
        {move || uses(Indicator::Employees).then(|| money_field(errors, "profile.employees", "f-employees", "field.employees", "hint.employees", |f| f.employees.clone(), |f, v| f.employees = v))}
        {move || uses(Indicator::Revenue).then(|| money_field(errors, "profile.revenue_yuan", "f-revenue", "field.revenue", "hint.revenue", |f| f.revenue.clone(), |f, v| f.revenue = v))}
        {move || uses(Indicator::TotalAssets).then(|| money_field(errors, "profile.total_assets_yuan", "f-assets", "field.assets", "hint.assets", |f| f.assets.clone(), |f, v| f.assets = v))}
        {move || is_industrial().then(|| yes_no("f-gs", "field.gs", Some("hint.gs"), |f| f.gs.clone(), |f, v| f.gs = v))}
    }
}

fn yes_no(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    get: fn(&Form) -> String,
    put: fn(&mut Form, String),
) -> impl IntoView {
    let c = ctx();
    let opt = move |value: &'static str, key: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name=id id=format!("{id}-{value}") value=value prop:checked=move || c.form.with(get) == value
                    on:change=move |_| c.form.update(|f| put(f, value.to_string())) />
                {move || c.t(key)}
            </label>
        }
    };
    view! {
        <fieldset class="field" id=id>
            <legend>{move || c.t(label)}</legend>
            {hint.map(|h| view! { <p class="hint">{move || c.t(h)}</p> })}
            {opt("yes", "answer.yes")}
            {opt("no", "answer.no")}
            {opt("", "answer.unsure")}
        </fieldset>
    }
}

/// Whether step 3 is asked: the legal-person and credit questions while they can change a
/// verdict, and whatever else the rules in use ask (their own questions, 专精特新, …).
fn step3_matters(r: &CheckReport) -> bool {
    legal_step_matters(r) || !crate::asks().questions.is_empty() || !crate::asks().facts.is_empty()
}

/// The cities whose programmes ask step 3's questions, for its hint.
fn step3_cities(lang: shuzhuan_policy::Lang) -> String {
    let asks = crate::asks();
    let mut cities: Vec<String> = Vec::new();
    for p in crate::rules().programmes.iter().filter(|p| p.audience == shuzhuan_policy::rules::Audience::Enterprise) {
        let kinds = p.versions.iter().flat_map(|v| &v.criteria).map(|c| c.kind());
        let legal = kinds.into_iter().any(|k| matches!(k, CriterionKind::IndependentLegalPerson | CriterionKind::NoBadCredit));
        let own = asks.questions.iter().any(|(id, _)| id == &p.id)
            || p.versions.iter().flat_map(|v| &v.criteria).filter_map(|c| c.cond.as_ref()).any(|e| !e.profile_facts().is_empty());
        let name = if lang == shuzhuan_policy::Lang::En { p.city.en.clone() } else { p.city.zh.clone() };
        if (legal || own) && !cities.contains(&name) {
            cities.push(name);
        }
    }
    cities.join(if lang == shuzhuan_policy::Lang::En { ", " } else { "、" })
}

fn step3(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let c = ctx();
    let rep = report();
    let legal = move || rep.with(|(r, _)| r.as_ref().is_some_and(legal_step_matters));
    let asks = crate::asks();
    let title = if asks.questions.is_empty() && asks.facts.is_empty() { "check.step3" } else { "check.step3_other" };
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t(title)}</h1>
        <p class="hint">{move || c.t("hint.step3").replace("{cities}", &step3_cities(c.lang.get()))}</p>
        {move || legal().then(|| view! {
            {yes_no("f-legal", "field.legal", None, |f| f.legal.clone(), |f, v| f.legal = v)}
            {yes_no("f-credit", "field.credit", Some("hint.credit"), |f| f.credit.clone(), |f, v| f.credit = v)}
        })}
        {asks.facts.contains(&"specialized").then(|| view! {
            <div class="field">
                <label for="f-specialized">{move || c.t("field.specialized")}</label>
                <select id="f-specialized" prop:value=move || c.form.with(|f| f.specialized.clone()) on:change=set(|f, v| f.specialized = v)>
                    <option value="">{move || c.t("answer.unsure")}</option>
                    <option value="none">{move || c.t("specialized.none")}</option>
                    <option value="sme">{move || c.t("specialized.sme")}</option>
                    <option value="little_giant">{move || c.t("specialized.little_giant")}</option>
                </select>
            </div>
        })}
        {asks.facts.contains(&"registered_on").then(|| view! {
            <div class="field">
                <label for="f-registered-on">{move || c.t("field.registered_on")}</label>
                <input id="f-registered-on" type="date" aria-invalid=has_error(errors, "profile.registered_on")
                    aria-describedby=described_by(errors, "profile.registered_on", None)
                    prop:value=move || c.form.with(|f| f.registered_on.clone()) on:change=set(|f, v| f.registered_on = v) />
                {field_error(errors, "profile.registered_on")}
            </div>
        })}
        {asks.facts.contains(&"digital_level_now").then(|| view! {
            <div class="field">
                <label for="f-level-now">{move || c.t("field.level_now")}</label>
                <select id="f-level-now" prop:value=move || c.form.with(|f| f.level_now.clone()) on:change=set(|f, v| f.level_now = v)>
                    <option value="">{move || c.t("answer.unsure")}</option>
                    {(0..=4).map(|l| view! { <option value=l.to_string()>{move || c.t(&format!("level.{l}"))}</option> }).collect_view()}
                </select>
            </div>
        })}
        {asks.questions.iter().map(|(_, q)| question(q, errors)).collect_view()}
    }
}

/// One of a rule pack's own enterprise questions, by its kind; its clause under it.
fn question(q: &'static shuzhuan_policy::rules::Question, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    use shuzhuan_policy::rules::QuestionKind;
    let c = ctx();
    let id = format!("f-q-{}", q.id.replace('_', "-"));
    let path = format!("profile.answers.{}", q.id);
    let key = q.id.clone();
    let get = move || c.form.with(|f| f.answers.get(&key).cloned().unwrap_or_default());
    let key = q.id.clone();
    let put = move |v: String| {
        c.form.update(|f| {
            f.answers.insert(key.clone(), v);
        })
    };
    // Rule data names things in lower case to fit sentences; as a label the English is capitalised.
    let label_text = q.label.as_label();
    let label = move || label_text.get(c.lang.get()).to_string();
    let help = move || q.help.as_ref().map(|h| h.get(c.lang.get()).to_string());
    let clause = move || format!("{}{}", c.t("results.source"), q.source.clause);
    let hint_id = format!("{id}-hint");
    match q.kind {
        QuestionKind::YesNo => {
            let group = id.clone();
            let opt = move |value: &'static str, text: &'static str| {
                let (get, put) = (get.clone(), put.clone());
                let name = group.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name=name.clone() id=format!("{name}-{value}") value=value prop:checked=move || get() == value
                            on:change=move |_| put(value.to_string()) />
                        {move || c.t(text)}
                    </label>
                }
            };
            view! {
                <fieldset class="field" id=id.clone() data-question=q.id.clone()>
                    <legend>{label}</legend>
                    {move || help().map(|h| view! { <p class="hint">{h}</p> })}
                    {opt("yes", "answer.yes")}
                    {opt("no", "answer.no")}
                    {opt("", "answer.unsure")}
                    <p class="hint small">{clause}</p>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Choice => view! {
            <div class="field" data-question=q.id.clone()>
                <label for=id.clone()>{label}</label>
                {move || help().map(|h| view! { <p class="hint">{h}</p> })}
                <select id=id.clone() prop:value=get on:change=move |ev| put(event_target_value(&ev))>
                    <option value="">{move || c.t("answer.unsure")}</option>
                    {q.choices.iter().map(|ch| view! { <option value=ch.id.clone()>{let l = ch.label.as_label(); move || l.get(c.lang.get()).to_string()}</option> }).collect_view()}
                </select>
                <p class="hint small">{clause}</p>
            </div>
        }
        .into_any(),
        kind => {
            let (input_type, mode) = if kind == QuestionKind::Date { ("date", "text") } else { ("text", "decimal") };
            let unit = move || match kind {
                QuestionKind::Yuan => Some(if c.form.with(|f| f.unit() == "yuan") { c.t("unit.yuan").to_string() } else { c.t("unit.wan").to_string() }),
                _ => q.unit.as_ref().map(|u| u.get(c.lang.get()).to_string()),
            };
            view! {
                <div class="field" data-question=q.id.clone()>
                    <label for=id.clone()>{label}</label>
                    <p class="hint" id=hint_id.clone()>{help}</p>
                    <div class="with-unit">
                        <input id=id.clone() type=input_type inputmode=mode autocomplete="off"
                            aria-invalid=has_error(errors, path.clone()) aria-describedby=described_by(errors, path.clone(), Some(&hint_id))
                            prop:value=get on:change=move |ev| put(event_target_value(&ev)) />
                        {move || unit().map(|u| view! { <span class="unit">{u}</span> })}
                    </div>
                    {field_error(errors, path.clone())}
                    <p class="hint small">{clause}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// A typed industry is committed (and so checked by the core) when it looks like a code: a 门类
/// letter and/or digits. Words are a search: the user picks a hit, and an earlier choice stays shown.
fn looks_like_code(s: &str) -> bool {
    let t: String = s.chars().map(shuzhuan_policy::amount::halfwidth).filter(|c| !c.is_whitespace()).collect();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()) && (t.chars().any(|c| c.is_ascii_digit()) || t.len() == 1)
}

/// The district picker's cities: those of the programmes in the rules in use.
fn cities() -> Vec<shuzhuan_policy::region::PickerCity> {
    shuzhuan_policy::region::picker(crate::rules().programmes.iter().map(|p| &p.city))
}
