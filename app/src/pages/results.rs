//! Results: the SME class with the thresholds that decided it, and per programme a verdict and
//! every criterion with ✓ ✗ ?, the reason, what would change it, and the quoted clause.
//! Prints as an A4 self-check report; shares as a link whose fragment holds the inputs.

use super::{not_today, outcome_mark, status_badge, verdict_badge, view_as_button};
use crate::ctx;
use crate::pages::check::report;
use crate::route::{share_fragment, share_url};
use crate::state::Shared;
use leptos::prelude::*;
use shuzhuan_policy::eval::{ByCity, CheckReport, Outcome, ProgrammeResult};
use shuzhuan_policy::rules::Status;

pub fn page() -> impl IntoView {
    let c = ctx();
    let rep = report();
    let share = RwSignal::new(String::new());
    let show_others = RwSignal::new(false);
    let make_link = move |_| {
        let s = Shared { form: c.form.get_untracked(), projects: c.projects.get_untracked() };
        let url = share_url(&s) + if c.lang.get_untracked() == shuzhuan_policy::Lang::En { "&en" } else { "" };
        share.set(url);
        request_animation_frame(|| super::focus("share-url"));
    };
    view! {
        <div class="results">
            <h1 id="page-title" tabindex="-1">{move || c.t("results.title")}</h1>
            {move || rep.with(|(r, _)| r.as_ref().map(summary))}
            <div class="toolbar no-print">
                <label for="f-as-of">{move || c.t("field.as_of")}</label>
                <input id="f-as-of" type="date" prop:value=move || c.as_of().map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); c.form.update(|f| f.as_of = v); } />
                <button type="button" class="button" id="print" on:click=move |_| { let _ = window().print(); }>{move || c.t("results.print")}</button>
                <button type="button" class="button" id="share" on:click=make_link>{move || c.t("results.share")}</button>
                <a class="button" href="#/check/1">{move || c.t("results.edit")}</a>
            </div>
            {move || (!share.get().is_empty()).then(|| view! {
                <div class="share no-print">
                    <label for="share-url">{move || c.t("results.share_label")}</label>
                    <input id="share-url" type="text" readonly prop:value=move || share.get() />
                    <p class="hint">{move || c.t("results.share_hint")}</p>
                </div>
            })}
            {c.kiosk.is_some().then(|| view! {
                // kiosk.js draws the QR code of this fragment on the kiosk's public address.
                <figure class="kiosk-qr" id="kiosk-qr"
                    data-fragment=move || {
                        let s = Shared { form: c.form.get(), projects: c.projects.get() };
                        share_fragment(&s) + if c.lang.get() == shuzhuan_policy::Lang::En { "&en" } else { "" }
                    }>
                    <div class="qr" aria-hidden="true"></div>
                    <figcaption>{move || c.t("kiosk.qr")}</figcaption>
                </figure>
            })}
            <p class="print-only">{move || format!("{} {} · {} {}", c.t("results.evaluated"), c.as_of().map(|d| d.to_string()).unwrap_or_default(), c.t("foot.rules"), crate::rules().hash)}</p>
            {move || {
                let (r, errors) = rep.get();
                let Some(r) = r else { return ().into_any() };
                let lang = c.lang.get();
                view! {
                    {(!errors.is_empty()).then(|| view! {
                        <div class="error-summary" role="alert"><h2>{c.t("results.input_errors")}</h2>
                        <ul>{errors.iter().map(|e| view! { <li>{e.message.get(lang).to_string()}</li> }).collect_view()}</ul>
                        <a href="#/check/1">{c.t("results.edit")}</a></div>
                    })}
                    <section class="card sme" id="sme">
                        <h2>{c.t("results.sme")}</h2>
                        <p class="big-answer" data-class=format!("{:?}", r.sme.class)>{format!("{} · {}", r.sme.category_name, c.t(&format!("class.{}", r.sme.class.key())))}</p>
                        <ul class="reasons">{r.sme.reasons.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                        {r.sme.to_change.clone().map(|t| view! { <p class="to-change">{"→ "}{t}</p> })}
                        <p class="muted small">{format!("{}{}{} — {}", c.t("results.gs"), if lang == shuzhuan_policy::Lang::En { ": " } else { "：" }, c.t(&format!("answer.{}", r.sme.above_designated_size.key())), r.sme.above_designated_size_basis)}</p>
                        <p class="source small">{r.sme.source.clone()}</p>
                    </section>
                    {programmes(&r, show_others)}
                    <section class="inputs" id="inputs">
                        <h2>{c.t("results.inputs")}</h2>
                        {inputs_list()}
                    </section>
                    <p class="disclaimer">{r.disclaimer.clone()}</p>
                    {(!r.notices.is_empty()).then(|| view! { <ul class="notices">{r.notices.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> })}
                }
                .into_any()
            }}
        </div>
    }
}

/// What the user entered, as typed, with labels: the inputs section of the printed report.
fn inputs_list() -> impl IntoView {
    let c = ctx();
    let f = c.form.get();
    let unit = if f.unit() == "yuan" { c.t("unit.yuan") } else { c.t("unit.wan") };
    let answer = |v: &str| match v {
        "yes" => c.t("answer.yes"),
        "no" => c.t("answer.no"),
        _ => c.t("answer.unsure"),
    };
    let industry = shuzhuan_policy::catalogue::catalogue()
        .lookup(&f.industry)
        .map(|i| shuzhuan_policy::catalogue::catalogue().path_text(&i.code))
        .unwrap_or(f.industry.clone());
    let with_unit = |v: &str| if v.trim().is_empty() { String::new() } else { format!("{v} {unit}") };
    let rows: Vec<(&'static str, String)> = vec![
        ("field.uscc", f.uscc.clone()),
        ("field.region", f.region.clone()),
        ("field.industry", industry),
        ("field.employees", f.employees.clone()),
        ("field.revenue", with_unit(&f.revenue)),
        ("field.assets", with_unit(&f.assets)),
        ("field.gs", answer(&f.gs).to_string()),
        ("field.legal", answer(&f.legal).to_string()),
        ("field.credit", answer(&f.credit).to_string()),
        ("field.as_of", c.as_of().map(|d| d.to_string()).unwrap_or_default()),
    ];
    view! {
        <dl class="input-list">
            {rows.into_iter().map(|(k, v)| view! { <dt>{c.t(k)}</dt><dd>{if v.trim().is_empty() { "—".to_string() } else { v }}</dd> }).collect_view()}
        </dl>
    }
}

/// The report's programmes, the enterprise's own city first (the core decides: `by_city`).
fn by_city(r: &CheckReport) -> ByCity<'_> {
    let (region, uscc) = ctx().form.with(|f| (f.region.clone(), f.uscc.clone()));
    r.by_city(crate::rules(), &region, &uscc)
}

/// The one line that opens the results: how many programmes, with what verdicts, on which day,
/// how many had expired by then; whose city comes first; and the way back to today.
fn summary(r: &CheckReport) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get();
    let t = r.tally();
    let mut line = c
        .t("summary.counts")
        .replace("{date}", &r.as_of.to_string())
        .replace("{n}", &t.programmes.to_string())
        .replace("{e}", &t.eligible.to_string())
        .replace("{u}", &t.unknown.to_string())
        .replace("{f}", &t.not_eligible.to_string());
    match t.expired {
        0 => {}
        x if x == t.programmes => line.push_str(c.t("summary.all_expired")),
        x => line.push_str(&c.t("summary.expired").replace("{x}", &x.to_string())),
    }
    let split = by_city(r);
    let home_line = split.place.and_then(|name| {
        let key = match (split.has_own, split.others.is_empty()) {
            (false, _) => "summary.no_home",
            (true, false) => "summary.home",
            (true, true) => return None,
        };
        Some(c.t(key).replace("{city}", name.get(lang)))
    });
    view! {
        <div class="summary" id="results-summary" tabindex="-1">
            <p class="summary-line">{line}</p>
            {home_line.map(|l| view! { <p class="small">{l}</p> })}
            {not_today(c).map(|v| v.into_any())}
        </div>
    }
}

/// The programme cards: those of the enterprise's own city first, open; the other cities'
/// folded behind one button (unfolded when printed). All open when the city is not known or
/// has no programme.
fn programmes(r: &CheckReport, show_others: RwSignal<bool>) -> impl IntoView {
    let c = ctx();
    let ByCity { own, others, .. } = by_city(r);
    let n = others.len();
    view! {
        {own.into_iter().map(card).collect_view()}
        {(n > 0).then(|| view! {
            <p class="no-print"><button type="button" class="button" id="show-others" aria-controls="other-cities"
                aria-expanded=move || show_others.get().to_string()
                on:click=move |_| show_others.update(|v| *v = !*v)>
                {move || c.t(if show_others.get() { "results.hide_others" } else { "results.show_others" }).replace("{n}", &n.to_string())}
            </button></p>
            <div id="other-cities" class="other-cities" class:folded=move || !show_others.get()>
                {others.into_iter().map(card).collect_view()}
            </div>
        })}
    }
}

/// One programme: verdict, validity (with the way to see an expired one as on its last day),
/// and every criterion with its reason, what would change it, and the quoted clause.
fn card(p: &ProgrammeResult) -> impl IntoView {
    let c = ctx();
    let id = p.id.clone();
    view! {
        <section class="card programme" data-programme=id.clone()>
            <header class="programme-head">
                <div>
                    <p class="city">{p.city.clone()}</p>
                    <h2>{p.title.clone()}</h2>
                    <p class="doc">{p.document.clone()}</p>
                </div>
                {verdict_badge(p.verdict)}
            </header>
            <p class="validity">{status_badge(p.status, p.draft)}" "{p.status_text.clone()}
                        {(p.status == Status::Expired).then(|| view_as_button(p.valid_until, "results-summary"))}</p>
            <ul class="criteria">
                {p.criteria.iter().map(|cr| view! {
                    <li class="criterion" data-criterion=cr.id.clone() data-outcome=format!("{:?}", cr.outcome).to_lowercase()>
                        {outcome_mark(cr.outcome)}
                        <div>
                            <p class="criterion-title">{cr.title.clone()}</p>
                            <p class="reason">{cr.reason.clone()}</p>
                            {(cr.outcome != Outcome::Pass).then(|| cr.to_change.clone().map(|t| view! { <p class="to-change">{"→ "}{t}</p> }))}
                            <details class="quote"><summary>{format!("{} {}", c.t("results.source"), cr.source)}</summary><blockquote>{cr.quote.clone()}</blockquote></details>
                            <blockquote class="print-only">{cr.quote.clone()}</blockquote>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
            {(!p.not_stated.is_empty()).then(|| view! { <ul class="not-stated">{p.not_stated.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> })}
            <p class="no-print"><a class="button" href=format!("#/estimate/{id}")>{c.t("results.estimate")}</a></p>
        </section>
    }
}
