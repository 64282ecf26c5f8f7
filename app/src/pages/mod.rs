//! Pages and the small view helpers they share.

pub mod check;
pub mod estimate;
pub mod library;
pub mod results;
pub mod start;

use crate::ctx;
use crate::state::field_id;
use leptos::prelude::*;
use shuzhuan_policy::eval::{Outcome, Verdict};
use shuzhuan_policy::rules::Status;
use shuzhuan_policy::FieldError;
use wasm_bindgen::JsCast;

/// Shown instead of the self-check or results until the GB/T 4754 catalogue has arrived (it is
/// not part of the first load); starts fetching it. Same heading box as the pages, so no shift.
pub fn loading() -> impl IntoView {
    let c = ctx();
    crate::ensure_catalogue(c);
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t(match c.route.get() {
            crate::route::Route::Results => "nav.results",
            crate::route::Route::Estimate(_) => "start.estimate",
            _ => "nav.check",
        })}</h1>
        <div role="status" class="loading">
            {move || if c.catalogue_failed.get() {
                view! {
                    <p class="loading-failed">{move || c.t("loading.failed")}</p>
                    <button type="button" class="button" id="catalogue-retry" on:click=move |_| crate::ensure_catalogue(c)>{move || c.t("loading.retry")}</button>
                }.into_any()
            } else {
                view! { <p class="muted">{move || c.t("loading.catalogue")}</p> }.into_any()
            }}
        </div>
    }
}

/// Moves keyboard focus to the element with this id.
pub fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Moves focus to the page heading after navigation (it has tabindex=-1).
pub fn focus_heading() {
    request_animation_frame(|| focus("page-title"));
}

pub fn outcome_mark(o: Outcome) -> impl IntoView {
    let c = ctx();
    let (sym, class, key) = match o {
        Outcome::Pass => ("✓", "mark pass", "outcome.pass"),
        Outcome::Fail => ("✗", "mark fail", "outcome.fail"),
        Outcome::Unknown => ("?", "mark unknown", "outcome.unknown"),
    };
    view! { <span class=class role="img" aria-label=move || c.t(key)>{sym}</span> }
}

/// The interface's word for a verdict (符合 / 不符合 / 待补充信息).
pub fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "verdict.eligible",
        Verdict::NotEligible => "verdict.not_eligible",
        Verdict::Unknown => "verdict.unknown",
    }
}

pub fn verdict_badge(v: Verdict) -> impl IntoView {
    let c = ctx();
    let key = verdict_key(v);
    let class = match v {
        Verdict::Eligible => "badge ok",
        Verdict::NotEligible => "badge no",
        Verdict::Unknown => "badge maybe",
    };
    view! { <span class=class data-verdict=format!("{v:?}")>{move || c.t(key)}</span> }
}

/// Shown instead of a page while there is no date to evaluate on: the device's clock is wrong
/// (before 2020 or after 2200) and the user has not chosen a date. Choosing one shows the page.
pub fn clock_panel() -> impl IntoView {
    let c = ctx();
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("clock.title")}</h1>
        <div class="guard clock" id="clock-broken" role="alert">
            <p>{move || c.t("clock.broken")}</p>
            <label for="f-clock-date">{move || c.t("field.as_of")}</label>
            <input id="f-clock-date" type="date" on:change=move |ev| { let v = event_target_value(&ev); c.form.update(|f| f.as_of = v); } />
        </div>
    }
}

/// Shown instead of every page when the site's rules cannot be used: the pack could not be
/// fetched, or it has problems (each listed, for whoever deploys the site). No verdict and no
/// amount is given from rules that are not whole.
pub fn rules_trouble() -> impl IntoView {
    let c = ctx();
    // Each problem in the language chosen (`file:line:col: path: message`).
    let trouble = crate::rules_trouble();
    let lines = move || -> Vec<String> {
        match trouble {
            Some(crate::RulesTrouble::Invalid(e)) => e.problems.iter().map(|p| p.located(c.lang.get())).collect(),
            Some(crate::RulesTrouble::Unavailable(why)) => vec![format!("{}: {why}", crate::RULES_FILE)],
            None => Vec::new(),
        }
    };
    let invalid = matches!(crate::rules_trouble(), Some(crate::RulesTrouble::Invalid(_)));
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("rules.trouble.title")}</h1>
        <div class="guard" id="rules-trouble" role="alert">
            <p>{move || c.t(if invalid { "rules.trouble.invalid" } else { "rules.trouble.unavailable" })}</p>
            <ul class="problems">{move || lines().into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}</ul>
            <p>{move || c.t("rules.trouble.advice")}</p>
            <button class="button" type="button" on:click=move |_| { let _ = window().location().reload(); }>{move || c.t("rules.trouble.retry")}</button>
        </div>
    }
}

/// The interface's word for a programme's status on the date (有效期内 / 已到期 / …).
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::InForce => "status.in_force",
        Status::Expired => "status.expired",
        Status::NotYetInForce => "status.not_yet",
        Status::StartUnknown => "status.start_unknown",
    }
}

pub fn status_badge(status: Status, draft: bool) -> impl IntoView {
    let c = ctx();
    let key = status_key(status);
    let class = match status {
        Status::InForce => "tag live",
        Status::Expired => "tag gone",
        Status::NotYetInForce | Status::StartUnknown => "tag soon",
    };
    view! {
        <span class=class>{move || c.t(key)}</span>
        {draft.then(|| view! { <span class="tag draft">{move || c.t("status.draft")}</span> })}
    }
}

/// The error summary at the top of a form step: every problem, each a link to its field.
pub fn error_summary(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let c = ctx();
    move || {
        let errs = errors.get();
        (!errs.is_empty()).then(|| {
            let lang = c.lang.get();
            view! {
                <div class="error-summary" role="alert" id="error-summary" tabindex="-1">
                    <h2>{c.t("errors.title")}</h2>
                    <ul>
                        {errs.into_iter().map(|e| {
                            let id = field_id(&e.field);
                            let target = id.clone();
                            view! { <li><a href=format!("#{id}") on:click=move |ev| { ev.prevent_default(); focus(&target); }>{e.message.get(lang).to_string()}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The inline message under a field, if that field is in error.
pub fn field_error(errors: Signal<Vec<FieldError>>, path: impl Into<String>) -> impl IntoView {
    let c = ctx();
    let path: String = path.into();
    move || {
        errors.get().into_iter().find(|e| e.field == path).map(|e| {
            let id = format!("{}-error", field_id(&path));
            view! { <p class="field-error" id=id>{e.message.get(c.lang.get()).to_string()}</p> }
        })
    }
}

pub fn has_error(errors: Signal<Vec<FieldError>>, path: impl Into<String>) -> impl Fn() -> &'static str {
    let path: String = path.into();
    move || if errors.get().iter().any(|e| e.field == path) { "true" } else { "false" }
}

pub fn described_by(errors: Signal<Vec<FieldError>>, path: impl Into<String>, hint: Option<&str>) -> impl Fn() -> String {
    let path: String = path.into();
    let hint = hint.map(str::to_string);
    move || {
        let mut ids = Vec::new();
        if let Some(h) = &hint {
            ids.push(h.clone());
        }
        if errors.get().iter().any(|e| e.field == path) {
            ids.push(format!("{}-error", field_id(&path)));
        }
        ids.join(" ")
    }
}

/// A button that evaluates everything as on `date` (an expired programme's last day in force),
/// then moves focus to `then_focus`, the place that says which day is shown.
pub fn view_as_button(date: shuzhuan_policy::Date, then_focus: &'static str) -> impl IntoView {
    let c = ctx();
    let text = move || c.t("view_as").replace("{date}", &date.to_string());
    view! {
        <button type="button" class="button small view-as no-print" data-date=date.to_string()
            on:click=move |_| {
                c.form.update(|f| f.as_of = date.to_string());
                request_animation_frame(move || focus(then_focus));
            }>{text}</button>
    }
}

/// When the date evaluated is one the user chose and not today: a line saying so and a button
/// back to today. `None` when the date is today's.
pub fn not_today(c: crate::Ctx) -> Option<impl IntoView> {
    let date = c.as_of()?;
    let today = c.today?;
    (date != today).then(|| {
        let line = c.t("as_of.not_today").replace("{date}", &date.to_string()).replace("{today}", &today.to_string());
        view! {
            <p class="not-today" id="not-today">{line}" "
                <button type="button" class="button small no-print" id="back-to-today"
                    on:click=move |_| c.form.update(|f| f.as_of.clear())>{move || c.t("as_of.today")}</button>
            </p>
        }
    })
}
