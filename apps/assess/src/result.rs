//! The result: the estimated level (always labelled an estimate, with the core's caveats), the
//! scores per dimension and item, each level's conditions, the 2022 band, the scenario grid, the
//! gap to the next level, what that level changes in each programme's subsidies, and the links
//! that carry a level into the main app's estimator.

use crate::fragment::{View, STEPS};
use crate::i18n::tr;
use crate::{ctx, named};
use leptos::prelude::*;
use rust_decimal::Decimal;
use shuzhuan_policy::assess::{assess, questionnaire, AssessInput, Assessment, LevelConditions, ProgrammeEffect};
use shuzhuan_policy::rules::Status;
use shuzhuan_policy::{Lang, RuleBundle};
use std::sync::OnceLock;

/// `39%` of the points, for the bar's width and its text.
fn percent(score: Decimal, points: Decimal) -> String {
    if points.is_zero() {
        return "0%".into();
    }
    format!("{}%", (score * Decimal::from(100) / points).round_dp(0))
}

fn level_key(level: Option<u8>) -> String {
    format!("level.{}", level.unwrap_or(0))
}

/// A score with its bar: the text carries the value, the bar only repeats it.
fn bar(score: Decimal, points: Decimal) -> impl IntoView {
    let pct = percent(score, points);
    view! {
        <td class="num">{format!("{score} / {points}")}</td>
        <td class="bar-cell">
            <span class="bar" aria-hidden="true"><span style:width=pct.clone()></span></span>
            <span class="small">{pct}</span>
        </td>
    }
}

/// "✓" or "✗" with its meaning for screen readers (not colour alone).
fn mark(lang: Lang, met: bool) -> impl IntoView {
    let (sym, class, key) = if met { ("✓", "mark pass", "result.met") } else { ("✗", "mark fail", "result.not_met") };
    view! { <span class=class role="img" aria-label=tr(lang, key)>{sym}</span> }
}

fn condition(lang: Lang, label: &str, have: String, need: String, met: bool) -> impl IntoView {
    view! {
        <span class="cond">{mark(lang, met)}" "{format!("{} {}{}", tr(lang, label), have, tr(lang, "result.need").replace("{n}", &need))}</span>
    }
}

fn level_row(lang: Lang, l: &LevelConditions) -> impl IntoView {
    view! {
        <li data-level=l.level.to_string() data-met=l.met.to_string()>
            <strong>{tr(lang, &level_key(Some(l.level)))}</strong>" "
            {mark(lang, l.met)}" "{tr(lang, if l.met { "result.reached" } else { "result.not_reached" })}
            <span class="conds">
                {condition(lang, "result.score", l.score.have.to_string(), l.score.need.to_string(), l.score.met)}
                {condition(lang, "result.scenes", l.scenes.have.to_string(), l.scenes.need.to_string(), l.scenes.met)}
                {condition(lang, "result.binding", l.binding_scenes.have.to_string(), l.binding_scenes.need.to_string(), l.binding_scenes.met)}
            </span>
        </li>
    }
}

/// The first step with something unanswered.
fn first_open_step(r: &Assessment) -> u8 {
    let q = questionnaire();
    match r.scores.unanswered_questions.first() {
        Some(id) => {
            q.dimensions.iter().position(|d| d.items.iter().flat_map(|i| &i.questions).any(|x| &x.id == id)).map_or(1, |i| i as u8 + 1)
        }
        None => STEPS,
    }
}

pub fn page() -> impl IntoView {
    let c = ctx();
    // Which programmes' subsidies a level changes depends on today's date: with a broken clock
    // there is none, and the page says so instead of guessing one.
    let Some(today) = c.today else {
        return view! {
            <h1 id="page-title" tabindex="-1">{move || c.t("result.title")}</h1>
            <div class="guard" id="clock-broken" role="alert"><p>{move || c.t("clock.broken")}</p></div>
        }
        .into_any();
    };
    let report = Memo::new(move |_| {
        let input = AssessInput { answers: c.answers.get(), ..AssessInput::default() };
        static NONE: OnceLock<RuleBundle> = OnceLock::new();
        let none = || NONE.get_or_init(|| RuleBundle { programmes: Vec::new(), origin: String::new(), hash: String::new() });
        assess(&input, crate::rules().unwrap_or_else(|_| none()), today)
    });
    // Which level the estimator links carry: the estimated level now, or the next one (a target).
    let carry_next = RwSignal::new(report.with_untracked(|r| r.scores.level.is_none()));
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("result.title")}</h1>
        <p class="progress" id="progress">{crate::questions::progress_text}</p>
        {crate::questions::steps_nav(View::Result)}
        {move || {
            let lang = c.lang.get();
            report.with(|r| body(lang, r, carry_next))
        }}
    }
    .into_any()
}

fn body(lang: Lang, r: &Assessment, carry_next: RwSignal<bool>) -> impl IntoView {
    let c = ctx();
    let t = move |k: &str| tr(lang, k);
    let s = &r.scores;
    let open_step = first_open_step(r);
    view! {
        <section class="card level-card" id="level-card">
            <p class="big-answer" id="level">
                {t("result.estimated")}<span id="level-name" data-level=s.level.unwrap_or(0).to_string()>{r.level_name.get(lang).to_string()}</span>
                " "<span class="tag estimate">{t("result.estimate_tag")}</span>
            </p>
            <p id="total">{format!("{} {} / {} {}", t("result.total"), s.score, s.points, t("unit.points"))}</p>
            <p id="summary">{r.summary.get(lang).to_string()}</p>
            <div class="disclaimer" id="caveats">
                <h2>{t("result.caveats")}</h2>
                <ul>{r.caveats.iter().map(|x| view! { <li>{x.get(lang).to_string()}</li> }).collect_view()}</ul>
            </div>
        </section>
        {(!r.complete).then(|| view! {
            <div class="guard" id="incomplete">
                <p>{t("result.incomplete")}</p>
                <a class="button" href=c.href(View::Step(open_step))>{t("result.continue")}</a>
            </div>
        })}

        <h2>{t("result.scores")}</h2>
        <table class="scores" id="scores">
            <caption>{t("result.scores_caption")}</caption>
            <thead><tr><th scope="col">{t("result.part")}</th><th scope="col" class="num">{t("result.score_col")}</th><th scope="col">{t("result.share")}</th></tr></thead>
            <tbody>
                {s.dimensions.iter().map(|d| {
                    view! {
                        <tr class="dim" data-dimension=d.name.zh.clone()>
                            <th scope="row">{named(lang, &d.name)}</th>
                            {bar(d.score, d.points)}
                        </tr>
                        {d.items.iter().map(|it| view! {
                            <tr class="item-row" data-item=it.name.zh.clone()>
                                <th scope="row" class="sub">{named(lang, &it.name)}</th>
                                {bar(it.score, it.points)}
                            </tr>
                        }).collect_view()}
                    }
                }).collect_view()}
            </tbody>
            <tfoot><tr><th scope="row">{t("result.total")}</th>{bar(s.score, s.points)}</tr></tfoot>
        </table>

        <h2>{t("result.levels")}</h2>
        <ul class="levels" id="levels">{s.levels.iter().map(|l| level_row(lang, l)).collect_view()}</ul>
        <details class="rule">
            <summary>{t("result.rule")}</summary>
            <p>{r.rule.text.get(lang).to_string()}</p>
        </details>
        <p id="band-2022">
            {t("result.band_2022")}" "<strong>{tr(lang, &level_key(r.edition_2022.level))}</strong>
            {format!(" ({})", r.edition_2022.band.get(lang))}
        </p>
        <p class="small muted">{r.edition_2022.note.get(lang).to_string()}</p>

        <h2>{t("result.scenarios")}</h2>
        <table class="scenario-grid" id="scenario-grid">
            <caption class="small muted">{t("result.grid_caption")}</caption>
            <thead><tr><th scope="col">{t("result.scenario")}</th><th scope="col">{t("result.rating")}</th></tr></thead>
            <tbody>
                {s.scenarios.iter().map(|x| {
                    let rating = x.rating.unwrap_or(0);
                    let text = if x.rating.is_some() { t(&level_key(Some(rating))) } else { t("result.unrated") };
                    view! {
                        <tr data-scenario=x.id.clone() data-rating=x.rating.map(|r| r.to_string()).unwrap_or_default()>
                            <th scope="row">
                                {format!("{} ", x.id)}{named(lang, &x.name)}
                                {x.binding.then(|| view! { " "<span class="tag binding">{t("scenario.binding")}</span> })}
                            </th>
                            <td>
                                <span class="lv-grid" aria-hidden="true">{(1..=4u8).map(|l| view! { <span class={if rating >= l { "on" } else { "off" }}></span> }).collect_view()}</span>
                                " "{text}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>

        {gap(lang, r)}
        {subsidies(lang, r, carry_next)}

        <div class="actions">
            <a class="button" id="edit" href=c.href(View::Step(1))>{t("result.edit")}</a>
            <a class="button" href="index.html#/">{t("nav.home")}</a>
        </div>
    }
}

fn gap(lang: Lang, r: &Assessment) -> impl IntoView {
    let t = move |k: &str| tr(lang, k);
    let Some(g) = &r.next else {
        return view! { <section id="gap"><h2>{t("gap.top")}</h2></section> }.into_any();
    };
    let target = t(&level_key(Some(g.target)));
    let mut numbers = Vec::new();
    if !g.points_short.is_zero() {
        numbers.push(t("gap.points").replace("{n}", &g.points_short.to_string()));
    }
    if g.scenes_short > 0 {
        numbers.push(t("gap.scenes").replace("{n}", &g.scenes_short.to_string()).replace("{level}", target));
    }
    if g.binding_short > 0 {
        numbers.push(t("gap.binding").replace("{n}", &g.binding_short.to_string()).replace("{level}", target));
    }
    view! {
        <section id="gap">
            <h2>{t("gap.title").replace("{level}", target)}</h2>
            <p id="gap-summary">{g.summary.get(lang).to_string()}</p>
            {(!numbers.is_empty()).then(|| view! { <ul id="gap-numbers">{numbers.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
            {(!g.answer_changes.is_empty()).then(|| view! {
                <h3>{t("gap.changes").replace("{steps}", &g.plan_steps.to_string()).replace("{points}", &g.plan_points.to_string())}</h3>
                <ol id="answer-changes" class="changes">
                    {g.answer_changes.iter().map(|a| {
                        let from = if a.from.is_empty() { t("gap.unanswered").to_string() } else { a.from.concat() };
                        view! {
                            <li data-question=a.question.clone()>
                                <strong>{a.question.clone()}</strong>" "<span lang="zh-CN">{a.title.clone()}</span>
                                <br/>{format!("{from} → {} (+{} {})", a.to.concat(), a.gain, t("unit.points"))}
                                <ul class="small">{a.new_options.iter().map(|o| view! { <li>{format!("{} ", o.label)}<span lang="zh-CN">{o.text.clone()}</span></li> }).collect_view()}</ul>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            {(!g.scenario_raises.is_empty()).then(|| view! {
                <h3>{t("gap.raises").replace("{level}", target)}</h3>
                <ol id="scenario-raises" class="changes">
                    {g.scenario_raises.iter().map(|x| view! {
                        <li data-scenario=x.id.clone()>
                            <strong>{x.id.clone()}</strong>" "{named(lang, &x.name)}
                            {x.binding.then(|| view! { " "<span class="tag binding">{t("scenario.binding")}</span> })}
                            {format!("{}{} → {}", t("punct.colon"), t(&level_key(Some(x.from))), t(&level_key(Some(x.to))))}
                            <p class="small" lang="zh-CN">{x.descriptor.clone()}</p>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {(!g.points_short.is_zero()).then(|| view! {
                <table class="headroom" id="headroom">
                    <caption>{t("gap.dimensions")}</caption>
                    <thead><tr><th scope="col">{t("result.part")}</th><th scope="col" class="num">{t("gap.headroom")}</th><th scope="col" class="num">{t("gap.plan")}</th></tr></thead>
                    <tbody>{g.dimensions.iter().map(|d| view! {
                        <tr><th scope="row">{d.name.get(lang).to_string()}</th><td class="num">{d.headroom.to_string()}</td><td class="num">{d.plan_points.to_string()}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
            <details class="rule"><summary>{t("gap.method")}</summary><p>{g.method.get(lang).to_string()}</p></details>
        </section>
    }
    .into_any()
}

fn status_tags(lang: Lang, p: &ProgrammeEffect) -> impl IntoView {
    let (class, key) = match p.status {
        Status::InForce => ("tag live", "status.in_force"),
        Status::Expired => ("tag gone", "status.expired"),
        Status::NotYetInForce => ("tag soon", "status.not_yet"),
        Status::StartUnknown => ("tag soon", "status.start_unknown"),
    };
    view! {
        <span class=class>{tr(lang, key)}</span>
        {p.draft.then(|| view! { <span class="tag draft">{tr(lang, "status.draft")}</span> })}
    }
}

fn subsidies(lang: Lang, r: &Assessment, carry_next: RwSignal<bool>) -> impl IntoView {
    let c = ctx();
    let t = move |k: &str| tr(lang, k);
    let now = r.scores.level;
    let next = r.next.as_ref().map(|g| g.target);
    let carried = move || if carry_next.get() { next.or(now) } else { now.or(next) };
    let heading = match next {
        Some(l) => t("subsidy.title").replace("{level}", t(&level_key(Some(l)))),
        None => t("subsidy.title_top").to_string(),
    };
    view! {
        <section id="subsidies">
            <h2>{heading}</h2>
            <fieldset class="field" id="carry">
                <legend>{t("carry.legend")}</legend>
                <p class="hint">{t("carry.hint")}</p>
                {now.map(|l| view! {
                    <label class="choice option"><input type="radio" name="carry" id="carry-now" prop:checked=move || !carry_next.get() on:change=move |_| carry_next.set(false) />
                        {t("carry.now").replace("{level}", t(&level_key(Some(l))))}</label>
                })}
                {next.map(|l| view! {
                    <label class="choice option"><input type="radio" name="carry" id="carry-next" prop:checked=move || carry_next.get() on:change=move |_| carry_next.set(true) />
                        {t("carry.next").replace("{level}", t(&level_key(Some(l))))}</label>
                })}
            </fieldset>
            // Without the site's rules the level still stands; what it changes cannot be said.
            {crate::rules().err().map(|why| view! {
                <div class="guard" id="rules-trouble" role="note"><p>{t("result.no_rules")}</p><p><code>{why}</code></p></div>
            })}
            {r.subsidies.iter().map(|p| {
                let id = p.programme.clone();
                let target = id.clone();
                let city = p.city.get(lang).to_string();
                view! {
                    <article class="card subsidy" data-programme=id.clone()>
                        <h3>{format!("{} · {}", p.city.get(lang), p.title.get(lang))}</h3>
                        <p>{status_tags(lang, p)}" "<span class="small muted">{p.status_text.get(lang).to_string()}</span></p>
                        {if p.measures.is_empty() {
                            view! { <p>{p.summary.get(lang).to_string()}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="effects">{p.measures.iter().map(|m| view! {
                                    <li data-measure=m.measure.clone()>
                                        {m.text.get(lang).to_string()}
                                        <details class="quote"><summary>{m.source.clone()}</summary><blockquote>{m.quote.clone()}</blockquote></details>
                                    </li>
                                }).collect_view()}</ul>
                            }.into_any()
                        }}
                        // On a kiosk kiosk.js gives it the kiosk's settings; the app drops the level
                        // from its address once read.
                        <a class="button carry" id=format!("carry-{id}")
                            href=move || format!("index.html#/estimate/{target}?level={}{}", carried().unwrap_or(1), if c.lang.get_untracked() == Lang::En { "&en" } else { "" })>
                            {move || t("carry.button").replace("{level}", t(&level_key(carried()))).replace("{city}", &city)}
                        </a>
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
