//! Results: the SME class with the thresholds that decided it, and per programme a verdict and
//! every criterion with ✓ ✗ ?, the reason, what would change it, and the quoted clause.
//! Prints as an A4 self-check report; shares as a link whose fragment holds the inputs.

use super::{not_today, outcome_mark, status_badge, status_key, verdict_badge, verdict_key, view_as_button};
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
    let share_open = RwSignal::new(false);
    let show_others = RwSignal::new(false);
    let make_link = move |_| {
        share_open.set(true);
        request_animation_frame(|| super::focus("share-url"));
    };
    view! {
        <div class="results">
            <h1 id="page-title" tabindex="-1">{move || c.t("results.title")}</h1>
            {move || rep.with(|(r, _)| r.as_ref().map(print_cover))}
            {move || rep.with(|(r, _)| r.as_ref().map(summary))}
            <div class="toolbar no-print">
                <label for="f-as-of">{move || c.t("field.as_of")}</label>
                <input id="f-as-of" type="date" prop:value=move || c.as_of().map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); c.form.update(|f| f.as_of = v); } />
                <button type="button" class="button" id="print" on:click=move |_| { let _ = window().print(); }>{move || c.t("results.print")}</button>
                <button type="button" class="button" id="share" on:click=make_link>{move || c.t("results.share")}</button>
                <a class="button" href="#/check/1">{move || c.t("results.edit")}</a>
            </div>
            {move || share_open.get().then(share_panel)}
            {c.kiosk.is_some().then(|| view! {
                // kiosk.js draws the QR code of this fragment on the kiosk's public address.
                <figure class="kiosk-qr" id="kiosk-qr"
                    data-fragment=move || {
                        let s = Shared { form: c.form.get(), projects: c.projects.get() };
                        share_fragment(&s, c.lang.get() == shuzhuan_policy::Lang::En)
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

/// The printed report's first page: the enterprise, the date and rules version, and per programme
/// its status, the verdict and — where the estimator was filled in — the estimated total; the
/// details follow from the next page. Not shown on screen (the summary line does that there).
fn print_cover(r: &CheckReport) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get();
    let form = c.form.get();
    let projects = c.projects.get();
    let date = r.as_of;
    let industry = shuzhuan_policy::catalogue::catalogue()
        .lookup(&form.industry)
        .map(|i| format!("{} {}", i.code, i.name))
        .unwrap_or(form.industry.clone());
    let dash = |v: String| if v.trim().is_empty() { "—".to_string() } else { v };
    let rows: Vec<(&'static str, String)> = vec![
        ("field.uscc", dash(form.uscc.clone())),
        ("field.industry", dash(industry)),
        // The district by name (the core's description, naming a pack's districts), else as typed.
        (
            "field.region",
            dash(
                shuzhuan_policy::region::parse_region(&form.region)
                    .map(|r| r.describe_in(crate::rules().programmes.iter().map(|p| &p.city)).get(lang).to_string())
                    .unwrap_or(form.region.clone()),
            ),
        ),
        ("results.size", format!("{} · {}", r.sme.category_name, c.t(&format!("class.{}", r.sme.class.key())))),
        ("results.evaluated", date.to_string()),
        ("foot.rules", crate::rules().hash.clone()),
    ];
    // The estimate of each programme whose estimator has anything typed in it.
    let total = |id: &str| {
        let p = projects.get(id).filter(|p| **p != crate::state::ProjectForm::default())?;
        let e = p.estimate(id, &form, date, lang).0?;
        Some(super::estimate::format_yuan(&e.total_yuan.to_string()))
    };
    view! {
        <section class="print-only print-cover" id="print-cover">
            <h2>{c.t("print.cover")}</h2>
            <dl class="input-list">
                {rows.into_iter().map(|(k, v)| view! { <dt>{c.t(k)}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <table class="cover-table">
                <thead><tr>
                    <th scope="col">{c.t("print.programme")}</th><th scope="col">{c.t("print.status")}</th>
                    <th scope="col">{c.t("print.verdict")}</th><th scope="col" class="num">{c.t("print.estimate")}</th>
                </tr></thead>
                <tbody>{r.programmes.iter().map(|p| view! {
                    <tr data-programme=p.id.clone()>
                        <th scope="row">{format!("{} · {}", p.city, p.title)}</th>
                        <td>{c.t(status_key(p.status))}{p.draft.then(|| format!(" · {}", c.t("status.draft")))}</td>
                        <td class="verdict">{c.t(verdict_key(p.verdict))}{to_confirm(p)}</td>
                        <td class="num">{total(&p.id).unwrap_or_else(|| c.t("print.not_estimated").to_string())}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            <p class="small">{r.disclaimer.clone()}</p>
        </section>
    }
}

/// For a verdict still open, what is left to settle: the conditions whose outcome is unknown, by
/// their titles (`（待确认：属于中小企业、所在地）`), so the printed page says what to bring.
fn to_confirm(p: &shuzhuan_policy::eval::ProgrammeResult) -> Option<String> {
    use shuzhuan_policy::eval::{Outcome, Verdict};
    if p.verdict != Verdict::Unknown {
        return None;
    }
    let c = ctx();
    let sep = if c.lang.get() == shuzhuan_policy::Lang::En { ", " } else { "、" };
    let open: Vec<&str> = p.criteria.iter().filter(|cr| cr.outcome == Outcome::Unknown).map(|cr| cr.title.as_str()).collect();
    (!open.is_empty()).then(|| c.t("print.to_confirm").replace("{what}", &open.join(sep)))
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

/// The share link (kept current: it follows every change and the language), a button that copies
/// it and says so, and the device's own share sheet where the browser has one (Web Share).
fn share_panel() -> impl IntoView {
    let c = ctx();
    let url = Memo::new(move |_| {
        let s = Shared { form: c.form.get(), projects: c.projects.get() };
        share_url(&s, c.lang.get() == shuzhuan_policy::Lang::En)
    });
    // "" | "copied" | "copy_failed": the confirmation under the buttons.
    let said = RwSignal::new("");
    let copy = move |_| {
        let text = url.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = call_navigator(&["clipboard", "writeText"], &text.into()).await.is_ok() || copy_selected();
            said.set(if ok { "copied" } else { "copy_failed" });
        });
    };
    let web_share = move |_| {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &c.t("results.title").into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.get_untracked().into());
        said.set("");
        // Closing the share sheet rejects the promise: nothing to say then.
        leptos::task::spawn_local(async move {
            let _ = call_navigator(&["share"], &data.into()).await;
        });
    };
    let can_share = navigator_fn(&["share"]).is_some();
    view! {
        <div class="share no-print">
            <label for="share-url">{move || c.t("results.share_label")}</label>
            // A text area: the whole link wraps into view (a one-line field clipped it).
            <textarea id="share-url" class="share-url" rows="3" readonly spellcheck="false" prop:value=move || url.get() on:focus=|_| { select_link(); }></textarea>
            <p class="actions">
                <button type="button" class="button" id="copy-link" on:click=copy>{move || c.t("results.copy")}</button>
                {can_share.then(|| view! { <button type="button" class="button" id="web-share" on:click=web_share>{move || c.t("results.web_share")}</button> })}
            </p>
            <p id="share-status" class="share-status" role="status" aria-live="polite">{move || match said.get() {
                "" => String::new(),
                key => c.t(&format!("results.{key}")).to_string(),
            }}</p>
            <p class="hint">{move || c.t("results.share_hint")}</p>
        </div>
    }
}

/// `navigator.a.b` as a function with the object it is called on, when the browser has it.
fn navigator_fn(path: &[&str]) -> Option<(wasm_bindgen::JsValue, js_sys::Function)> {
    use wasm_bindgen::JsCast;
    let (last, parents) = path.split_last()?;
    let mut this: wasm_bindgen::JsValue = window().navigator().into();
    for p in parents {
        this = js_sys::Reflect::get(&this, &(*p).into()).ok().filter(|v| v.is_object())?;
    }
    let f = js_sys::Reflect::get(&this, &(*last).into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    Some((this, f))
}

/// Calls `navigator.…(arg)` and waits for the promise it returns; `Err` when the browser has no
/// such call, refuses it, or the promise is rejected.
async fn call_navigator(path: &[&str], arg: &wasm_bindgen::JsValue) -> Result<(), ()> {
    use wasm_bindgen::JsCast;
    let (this, f) = navigator_fn(path).ok_or(())?;
    let promise: js_sys::Promise = f.call1(&this, arg).map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

/// Selects the link's text (so a failed copy leaves it ready for the user's own).
fn select_link() {
    use wasm_bindgen::JsCast;
    if let Some(input) = document().get_element_by_id("share-url").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        input.select();
    }
}

/// The older way to copy, for a browser without the Clipboard API: the selected link, copied
/// by the document. `false` when that fails too (the link stays selected for the user).
fn copy_selected() -> bool {
    use wasm_bindgen::JsCast;
    select_link();
    document().dyn_into::<web_sys::HtmlDocument>().ok().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
}
