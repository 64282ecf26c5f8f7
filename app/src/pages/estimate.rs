//! Estimator: the project inputs a programme's measures use (derived from the rules), each
//! measure as a line with formula, cap and amount, the total, the instalments, what the
//! estimate leaves out, and the level comparison side by side.

use super::{error_summary, field_error, has_error, not_today, outcome_mark, verdict_badge, view_as_button};
use crate::ctx;
use crate::state::{input_id, ProjectForm};
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use shuzhuan_policy::estimate::{spec, MeasureResult, MeasureStatus, Payee};
use shuzhuan_policy::eval::Outcome;
use shuzhuan_policy::rules::{Programme, Status};
use shuzhuan_policy::Date;
use std::collections::BTreeMap;

fn with_project<R>(id: &str, f: impl FnOnce(&ProjectForm) -> R) -> R {
    let c = ctx();
    c.projects.with(|m| f(m.get(id).unwrap_or(&ProjectForm::default())))
}

fn update_project(id: String, f: impl FnOnce(&mut ProjectForm)) {
    ctx().projects.update(|m| f(m.entry(id).or_default()));
}

pub fn page(id: String) -> impl IntoView {
    let c = ctx();
    let Some(programme) = crate::rules().get(&id).cloned() else {
        return view! { <h1 id="page-title" tabindex="-1">{move || c.t("estimate.unknown")}</h1><p><a href="#/">{move || c.t("nav.home")}</a></p> }.into_any();
    };
    let Some(date) = c.as_of() else { return super::clock_panel().into_any() };
    let pid = id.clone();
    let result = Memo::new(move |_| {
        let lang = c.lang.get();
        let form = c.form.get();
        let project = c.projects.with(|m| m.get(&pid).cloned().unwrap_or_default());
        project.estimate(&pid, &form, c.as_of().unwrap_or(date), lang)
    });
    let errors = Signal::derive(move || result.with(|(_, e)| e.clone()));
    let title = programme.title.clone();
    let doc = programme.citation();
    let id_s = StoredValue::new(id.clone());
    // The form is drawn again only when the date moves into another version of the rules (its
    // inputs may differ); what was typed lives in the state, so nothing is lost.
    let p2 = programme.clone();
    let version = Memo::new(move |_| c.as_of().map(|d| p2.version_on(d).id.clone()));
    view! {
        <h1 id="page-title" tabindex="-1">{move || format!("{} · {}", c.t("estimate.title"), title.get(c.lang.get()))}</h1>
        <p class="doc">{doc}</p>
        {status(result)}
        {error_summary(errors)}
        <div class="layout-estimate">
            {move || { version.track(); c.as_of().map(|d| form(&programme, d, errors, id_s)) }}
            <section class="est-result" aria-live="polite">
                                {move || result.with(|(r, _)| r.clone()).map(|r| view! {
                    <table class="measures">
                        <caption>{c.t("estimate.measures")}</caption>
                        <thead><tr><th scope="col">{c.t("estimate.measure")}</th><th scope="col">{c.t("estimate.formula")}</th><th scope="col" class="num">{c.t("estimate.amount")}</th></tr></thead>
                        <tbody>
                            {r.measures.iter().filter(|m| m.paid_to == Payee::Enterprise && !m.amount_yuan.is_zero()).map(measure_row).collect_view()}
                        </tbody>
                        <tfoot><tr><th scope="row" colspan="2">{c.t("estimate.total")}</th><td class="num" id="total">{format_yuan(&r.total_yuan.to_string())}</td></tr></tfoot>
                    </table>
                    {zero_rows(&r.measures)}
                    {(r.overlaps.iter().any(|o| o.counted.len() + o.not_counted.len() > 1)).then(|| view! {
                        <div class="note overlaps" id="overlaps" role="note">
                            <p><strong>{c.t("estimate.overlaps")}</strong></p>
                            <ul>{r.overlaps.iter().filter(|o| o.counted.len() + o.not_counted.len() > 1).map(|o| view! { <li data-overlap=o.id.clone()>{o.text.clone()}" "<span class="small muted doc">{o.source.clone()}</span></li> }).collect_view()}</ul>
                        </div>
                    })}
                    {r.measures.iter().any(|m| m.paid_to == Payee::Other).then(|| view! {
                        <details class="others" id="others" open=!r.paid_to_others_yuan.is_zero()>
                            <summary>{c.t("estimate.others")}" · "{format_yuan(&r.paid_to_others_yuan.to_string())}</summary>
                            <table class="measures">
                                <caption class="visually-hidden">{c.t("estimate.others")}</caption>
                                <thead><tr><th scope="col">{c.t("estimate.measure")}</th><th scope="col">{c.t("estimate.formula")}</th><th scope="col" class="num">{c.t("estimate.amount")}</th></tr></thead>
                                <tbody>{r.measures.iter().filter(|m| m.paid_to == Payee::Other).map(measure_row).collect_view()}</tbody>
                                <tfoot><tr><th scope="row" colspan="2">{c.t("estimate.others_total")}</th><td class="num" id="others-total">{format_yuan(&r.paid_to_others_yuan.to_string())}</td></tr></tfoot>
                            </table>
                        </details>
                    })}
                    {(!r.instalments.is_empty()).then(|| view! {
                        <h2>{c.t("estimate.instalments")}</h2>
                        <ol class="instalments">{r.instalments.iter().map(|i| view! { <li data-stage=i.stage.clone()><strong>{format_yuan(&i.amount_yuan.to_string())}</strong>" — "{i.explanation.clone()}</li> }).collect_view()}</ol>
                    })}
                    {r.measures.iter().find(|m| !m.by_level.is_empty()).map(|m| view! {
                        <h2>{c.t("estimate.compare")}</h2>
                        <div class="table-scroll"><table class="compare" id="compare"><thead><tr>{m.by_level.iter().map(|b| { let key = format!("level.{}", b.level); view! { <th scope="col">{c.t(&key)}</th> } }).collect_view()}</tr></thead>
                        <tbody><tr>{m.by_level.iter().map(|b| view! { <td class="num" data-level=b.level.to_string()>{format_yuan(&b.amount_yuan.to_string())}<br/><span class="small muted">{format!("{} {}", c.t("field.cap"), format_yuan(&b.cap_yuan.to_string()))}</span></td> }).collect_view()}</tr></tbody></table></div>
                    })}
                    <h2>{c.t("estimate.leaves_out")}</h2>
                    <ul class="leaves-out">{r.leaves_out.iter().chain(&r.notes).chain(&r.notices).map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    <p class="disclaimer">{r.disclaimer.clone()}</p>
                })}
            </section>
        </div>
    }
    .into_any()
}

/// The enterprise's measures that add nothing (an input missing, not applicable, not claimed),
/// folded under one line so the total stays in view; each still says why, and what would count.
fn zero_rows(measures: &[MeasureResult]) -> Option<impl IntoView> {
    let c = ctx();
    let zero: Vec<&MeasureResult> = measures.iter().filter(|m| m.paid_to == Payee::Enterprise && m.amount_yuan.is_zero()).collect();
    (!zero.is_empty()).then(|| view! {
        <details class="zero-rows" id="zero-rows">
            <summary>{format!("{} · {}", c.t("estimate.zero_rows"), c.t("estimate.zero_count").replace("{n}", &zero.len().to_string()))}</summary>
            <table class="measures">
                <caption class="visually-hidden">{c.t("estimate.zero_rows")}</caption>
                <thead><tr><th scope="col">{c.t("estimate.measure")}</th><th scope="col">{c.t("estimate.formula")}</th><th scope="col" class="num">{c.t("estimate.amount")}</th></tr></thead>
                <tbody>{zero.into_iter().map(measure_row).collect_view()}</tbody>
            </table>
        </details>
    })
}

/// Typing updates the amounts after a short pause; leaving the field updates them at once. What
/// is typed goes into the state at every keystroke, quietly (so nothing is lost if the page goes
/// before the pause ends); the pause's end only tells the state's readers to look again.
#[derive(Clone, Copy)]
struct Typing {
    timer: StoredValue<Option<TimeoutHandle>>,
    programme: StoredValue<String>,
    /// The app's (it outlives the page): safe to use while the page is being taken down, when a
    /// removed field may still send its last event.
    projects: RwSignal<BTreeMap<String, ProjectForm>>,
}

impl Typing {
    const PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

    fn new(programme: StoredValue<String>) -> Self {
        let t = Typing { timer: StoredValue::new(None), programme, projects: ctx().projects };
        on_cleanup(move || t.cancel());
        t
    }

    fn cancel(self) {
        if let Some(Some(h)) = self.timer.try_get_value() {
            h.clear();
        }
        let _ = self.timer.try_update_value(|v| *v = None);
    }

    /// Writes what the field holds into the state: quietly while typing, else telling its readers.
    fn write(self, ev: &web_sys::Event, quietly: bool, write: impl FnOnce(&mut ProjectForm, String)) {
        self.cancel();
        let Some(id) = self.programme.try_get_value() else { return };
        let v = event_target_value(ev);
        let put = |m: &mut BTreeMap<String, ProjectForm>| write(m.entry(id).or_default(), v);
        if quietly {
            self.projects.update_untracked(put);
            let projects = self.projects;
            let handle = set_timeout_with_handle(move || projects.notify(), Self::PAUSE).ok();
            let _ = self.timer.try_update_value(|v| *v = handle);
        } else {
            self.projects.update(put);
        }
    }

    fn input(self, ev: &web_sys::Event, write: impl FnOnce(&mut ProjectForm, String)) {
        self.write(ev, true, write);
    }

    fn change(self, ev: &web_sys::Event, write: impl FnOnce(&mut ProjectForm, String)) {
        self.write(ev, false, write);
    }
}

/// One measure as a table row: title (with its payee and clause), calculation, amount.
fn measure_row(m: &MeasureResult) -> impl IntoView {
    let c = ctx();
    view! {
        <tr data-measure=m.id.clone() class:muted=m.status != MeasureStatus::Computed || !m.in_total && m.paid_to == Payee::Enterprise>
            <th scope="row">{m.title.clone()}{m.user_supplied.then(|| view! { <span class="tag draft">{c.t("estimate.user_supplied")}</span> })}
                {m.recipient.clone().map(|r| view! { <p class="small muted recipient">{r}</p> })}
                <details class="quote"><summary>{m.source.clone()}</summary><blockquote>{m.quote.clone()}</blockquote></details></th>
            <td>{m.formula.clone()}<p class="small">{m.explanation.clone()}</p>
                {m.stacking.clone().map(|t| view! { <p class="small stacking">{t}</p> })}</td>
            <td class="num amount">{format_yuan(&m.amount_yuan.to_string())}</td>
        </tr>
    }
}

/// `468000` → `468,000 元`-style grouping for display (the core keeps the exact decimal).
pub fn format_yuan(s: &str) -> String {
    let (int, frac) = s.split_once('.').map(|(a, b)| (a.to_string(), format!(".{b}"))).unwrap_or((s.to_string(), String::new()));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("¥{out}{frac}")
}

/// The top of the estimator: the date evaluated, changeable here, and whether the enterprise is
/// eligible on it, with every condition not met (or not known) and its reason; an expired
/// programme offers its last day in force.
fn status(result: Memo<(Option<shuzhuan_policy::EstimateReport>, Vec<shuzhuan_policy::FieldError>)>) -> impl IntoView {
    let c = ctx();
    view! {
        <div class="est-status" id="est-status" tabindex="-1">
            <p class="as-of-line">
                <label for="f-as-of">{move || c.t("field.as_of")}</label>" "
                <input id="f-as-of" type="date" prop:value=move || c.as_of().map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); c.form.update(|f| f.as_of = v); } />
            </p>
            {move || result.with(|(r, _)| r.as_ref().map(|r| {
                let e = &r.eligibility;
                view! {
                    <p class="eligibility">{c.t("estimate.eligibility")}" "{verdict_badge(e.verdict)}" "<span class="muted">{r.status_text.clone()}</span>
                        {(e.status == Status::Expired).then(|| view_as_button(e.valid_until, "est-status"))}</p>
                    <ul class="est-reasons">
                        {e.criteria.iter().filter(|cr| cr.outcome != Outcome::Pass).map(|cr| view! {
                            <li data-criterion=cr.id.clone()>{outcome_mark(cr.outcome)}" "<strong>{cr.title.clone()}</strong>{c.t("colon")}<span class="reason">{cr.reason.clone()}</span></li>
                        }).collect_view()}
                    </ul>
                }
            }))}
            {move || not_today(c).map(|v| v.into_any())}
        </div>
    }
}

/// The project's inputs for the rule version in force on `date`, as the rules declare them.
fn form(programme: &Programme, date: Date, errors: Signal<Vec<shuzhuan_policy::FieldError>>, id_s: StoredValue<String>) -> impl IntoView {
    let c = ctx();
    let sp = spec(programme, date);
    let money_inputs = sp.inputs.clone();
    let levels = sp.levels.clone();
    let awards = sp.awards.clone();
    let flags = sp.flags.clone();
    let user = sp.user_parameters;
    let caps_by_level = sp.user_caps_by_level;
    let roles = sp.roles.clone();
    let award_amounts = sp.award_amounts.clone();
    let year = sp.year;
    let typing = Typing::new(id_s);
    view! {
            <form class="stack est-form" novalidate on:submit=|ev| ev.prevent_default()>
                {(!levels.is_empty()).then(|| {
                    let lv = levels.clone();
                    view! {
                        <div class="field">
                            <label for="f-level">{move || c.t("field.level")}</label>
                            // Another page: on a kiosk, kiosk.js gives it the kiosk's settings.
                            <p class="hint">{move || c.t("hint.level")}" "<a href="assess.html" id="to-assess">{move || c.t("estimate.assess")}</a></p>
                            <select id="f-level" aria-invalid=has_error(errors, "project.digital_level_after")
                                prop:value=move || with_project(&id_s.get_value(), |p| p.level.clone())
                                on:change=move |ev| { let v = event_target_value(&ev); update_project(id_s.get_value(), |p| p.level = v); }>
                                <option value="">{move || c.t("field.choose")}</option>
                                <option value="0">{move || c.t("level.0")}</option>
                                <option value="1">{move || c.t("level.1")}</option>
                                // 0 and 1 are always offered (above): a pack whose levels start at 1 adds 2–4 only.
                                {lv.iter().filter(|l| **l >= 2).map(|l| { let key = format!("level.{l}"); view! { <option value=l.to_string()>{move || c.t(&key)}</option> } }).collect_view()}
                            </select>
                            {field_error(errors, "project.digital_level_after")}
                        </div>
                    }
                })}
                {year.then(|| view! {
                    <div class="field">
                        <label for="f-year">{move || c.t("field.year")}</label>
                        <select id="f-year" prop:value=move || with_project(&id_s.get_value(), |p| p.year.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); update_project(id_s.get_value(), |p| p.year = v); }>
                            <option value="">{move || c.t("year.unknown")}</option>
                            <option value="1">{move || c.t("year.1")}</option>
                            <option value="2">{move || c.t("year.2")}</option>
                        </select>
                    </div>
                })}
                {money_inputs.iter().map(|q| {
                    let name = q.id.clone();
                    let n1 = name.clone();
                    let (n2, n3) = (name.clone(), name.clone());
                    let iid = input_id(&name);
                    let path = format!("project.{name}");
                    let label = q.label.clone();
                    let money = q.is_money();
                    // The unit word comes from the rule pack (家, 人天, 次…); money is 万元 or 元.
                    let unit = q.unit.clone();
                    view! {
                        <div class="field">
                            <label for=iid.clone()>{move || label.get(c.lang.get()).to_string()}</label>
                            <div class="with-unit">
                                <input id=iid type="text" inputmode="decimal" autocomplete="off" aria-invalid=has_error(errors, path.clone())
                                    prop:value=move || with_project(&id_s.get_value(), |p| p.amounts.get(&n1).cloned().unwrap_or_default())
                                    on:input=move |ev| typing.input(&ev, |p, v| { p.amounts.insert(n2.clone(), v); })
                                    on:change=move |ev| typing.change(&ev, |p, v| { p.amounts.insert(n3.clone(), v); }) />
                                <span class="unit">{move || match (&unit, money) {
                                    (_, true) if c.form.with(|x| x.unit() == "yuan") => c.t("unit.yuan").to_string(),
                                    (_, true) => c.t("unit.wan").to_string(),
                                    (Some(u), false) => u.get(c.lang.get()).to_string(),
                                    (None, false) => c.t("unit.count").to_string(),
                                }}</span>
                            </div>
                            {field_error(errors, path)}
                        </div>
                    }
                }).collect_view()}
                {user.then(|| view! {
                    <fieldset class="field user-params">
                        <legend>{move || c.t("estimate.user_params")}</legend>
                        <p class="hint">{move || c.t("hint.user_params")}</p>
                        <label for="f-ratio">{move || c.t("field.ratio")}</label>
                        <input id="f-ratio" type="text" inputmode="decimal" class="short" aria-invalid=has_error(errors, "project.ratio")
                            prop:value=move || with_project(&id_s.get_value(), |p| p.ratio.clone())
                            on:input=move |ev| typing.input(&ev, |p, v| p.ratio = v)
                            on:change=move |ev| typing.change(&ev, |p, v| p.ratio = v) />
                        {field_error(errors, "project.ratio")}
                        {(!caps_by_level).then(|| view! {
                            <label for="f-cap">{move || c.t("field.cap_one")}</label>
                            <input id="f-cap" type="text" inputmode="decimal" class="short" aria-invalid=has_error(errors, "project.caps_yuan")
                                prop:value=move || with_project(&id_s.get_value(), |p| p.cap.clone())
                                on:input=move |ev| typing.input(&ev, |p, v| p.cap = v)
                                on:change=move |ev| typing.change(&ev, |p, v| p.cap = v) />
                            {field_error(errors, "project.caps_yuan")}
                        })}
                        {caps_by_level.then(|| [2u8, 3, 4].into_iter().map(|l| {
                            let key = format!("level.{l}");
                            let path = format!("project.caps_yuan.{l}");
                            view! {
                                <label for=format!("f-cap-{l}")>{move || format!("{} {}", c.t(&key), c.t("field.cap"))}</label>
                                <input id=format!("f-cap-{l}") type="text" inputmode="decimal" class="short" aria-invalid=has_error(errors, path.clone())
                                    prop:value=move || with_project(&id_s.get_value(), |p| p.caps.get(&l.to_string()).cloned().unwrap_or_default())
                                    on:input=move |ev| typing.input(&ev, |p, v| { p.caps.insert(l.to_string(), v); })
                                    on:change=move |ev| typing.change(&ev, |p, v| { p.caps.insert(l.to_string(), v); }) />
                                {field_error(errors, path)}
                            }
                        }).collect_view())}
                    </fieldset>
                })}
                {(!roles.is_empty()).then(|| view! {
                    <fieldset class="field">
                        <legend>{move || c.t("estimate.roles")}</legend>
                        <p class="hint">{move || c.t("hint.roles")}</p>
                        {roles.iter().map(|(rid, label)| {
                            let rid = rid.clone();
                            let r2 = rid.clone();
                            let label = label.clone();
                            view! {
                                <label class="choice"><input type="checkbox" id=format!("role-{}", rid.replace('_', "-")) data-role=rid.clone()
                                    prop:checked=move || with_project(&id_s.get_value(), |p| p.roles.contains(&rid))
                                    on:change=move |ev| { let on = event_target_checked(&ev); let k = r2.clone(); update_project(id_s.get_value(), |p| { p.roles.retain(|x| x != &k); if on { p.roles.push(k); } }); } />
                                    {move || label.get(c.lang.get()).to_string()}</label>
                            }
                        }).collect_view()}
                    </fieldset>
                })}
                {flags.iter().map(|(flag, label)| {
                    let flag = flag.clone();
                    let f2 = flag.clone();
                    let label = label.clone();
                    view! {
                        <label class="choice"><input type="checkbox" id=format!("f-{}", flag.replace('_', "-"))
                            prop:checked=move || with_project(&id_s.get_value(), |p| p.flags.get(&flag).copied().unwrap_or(false))
                            on:change=move |ev| { let on = event_target_checked(&ev); let k = f2.clone(); update_project(id_s.get_value(), |p| { p.flags.insert(k, on); }); } />
                            {move || label.get(c.lang.get()).to_string()}</label>
                    }
                }).collect_view()}
                {(!awards.is_empty()).then(|| view! {
                    <fieldset class="field">
                        <legend>{move || c.t("estimate.awards")}</legend>
                        {awards.iter().map(|(aid, label)| {
                            let aid = aid.clone();
                            let a2 = aid.clone();
                            let a3 = aid.clone();
                            let label = label.clone();
                            // An award the document names without an amount: the amount is typed once claimed.
                            let amount = award_amounts.contains(&aid).then(|| {
                                let (a4, a5, a6, a7) = (aid.clone(), aid.clone(), aid.clone(), aid.clone());
                                let path = format!("project.award_amounts_yuan.{aid}");
                                view! {
                                    <span class="award-amount" hidden=move || with_project(&id_s.get_value(), |p| !p.awards.contains(&a6))>
                                        <label for=format!("f-award-amount-{aid}")>{move || c.t("estimate.award_amount")}</label>
                                        <input id=format!("f-award-amount-{aid}") type="text" inputmode="decimal" class="short" aria-invalid=has_error(errors, path.clone())
                                            prop:value=move || with_project(&id_s.get_value(), |p| p.award_amounts.get(&a4).cloned().unwrap_or_default())
                                            on:input=move |ev| typing.input(&ev, |p, v| { p.award_amounts.insert(a5.clone(), v); })
                                            on:change=move |ev| typing.change(&ev, |p, v| { p.award_amounts.insert(a7.clone(), v); }) />
                                        {field_error(errors, path)}
                                    </span>
                                }
                            });
                            view! {
                                <label class="choice"><input type="checkbox" id=format!("award-{a3}") data-award=aid.clone()
                                    prop:checked=move || with_project(&id_s.get_value(), |p| p.awards.contains(&aid))
                                    on:change=move |ev| { let on = event_target_checked(&ev); let k = a2.clone(); update_project(id_s.get_value(), |p| { p.awards.retain(|x| x != &k); if on { p.awards.push(k); } }); } />
                                    {move || label.get(c.lang.get()).to_string()}</label>
                                {amount}
                            }
                        }).collect_view()}
                    </fieldset>
                })}
            </form>
    }
}
