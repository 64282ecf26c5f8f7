//! The questionnaire in four steps: the questions of each dimension (数字化基础, 数字化管理,
//! 数字化成效), then the application scenarios. Every title, option and descriptor is the
//! questionnaire's own Chinese text, verbatim; the interface around it is bilingual.

use crate::fragment::{View, STEPS};
use crate::{ctx, name};
use leptos::prelude::*;
use shuzhuan_policy::assess::{questionnaire, Choice, Question, QuestionKind, Scenario};

/// The step's title: the dimension's name, or "应用场景".
fn step_title(step: u8) -> impl IntoView {
    let c = ctx();
    match questionnaire().dimensions.get(usize::from(step) - 1) {
        Some(d) => name(&d.name).into_any(),
        None => (move || c.t("step.scenarios")).into_any(),
    }
}

/// `(answered, of)` for a step.
fn step_count(step: u8) -> (usize, usize) {
    let c = ctx();
    let q = questionnaire();
    c.answers.with(|a| match q.dimensions.get(usize::from(step) - 1) {
        Some(d) => {
            let ids: Vec<&str> = d.items.iter().flat_map(|i| &i.questions).map(|x| x.id.as_str()).collect();
            (ids.iter().filter(|id| a.answered(id)).count(), ids.len())
        }
        None => (q.scenarios.iter().filter(|s| a.rating(&s.id).is_some()).count(), q.scenarios.len()),
    })
}

/// "已答 12 / 15 题 · 已评 3 / 16 个场景".
pub fn progress_text() -> String {
    let c = ctx();
    let q = questionnaire();
    let (nq, ns) = c.answers.with(|a| a.progress());
    c.t("progress")
        .replace("{q}", &nq.to_string())
        .replace("{nq}", &q.questions().count().to_string())
        .replace("{s}", &ns.to_string())
        .replace("{ns}", &q.scenarios.len().to_string())
}

/// The steps, each a link showing how much of it is answered, and the result.
pub fn steps_nav(current: View) -> impl IntoView {
    let c = ctx();
    view! {
        <ol class="steps assess-steps" aria-label=move || c.t("steps.label")>
            {(1..=STEPS).map(|n| view! {
                <li class:done=move || { let (a, of) = step_count(n); a == of } aria-current=move || (current == View::Step(n)).then_some("step")>
                    <a href=move || c.href(View::Step(n)) data-step=n.to_string()>
                        {step_title(n)}" "<span class="count">{move || { let (a, of) = step_count(n); format!("{a}/{of}") }}</span>
                    </a>
                </li>
            }).collect_view()}
            <li aria-current=move || (current == View::Result).then_some("step")>
                <a href=move || c.href(View::Result) data-step="result">{move || c.t("steps.result")}</a>
            </li>
        </ol>
    }
}

pub fn page(step: u8) -> impl IntoView {
    let c = ctx();
    let next = if step < STEPS { View::Step(step + 1) } else { View::Result };
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("page.title")}</h1>
        {(step == 1).then(|| view! {
            <p class="lead">{move || crate::i18n::lead(c.lang.get())}</p>
            <p class="muted small">{move || c.t("page.private")}</p>
        })}
        <p class="progress" id="progress">{progress_text}</p>
        {steps_nav(View::Step(step))}
        <form class="stack" novalidate on:submit=move |ev| { ev.prevent_default(); c.go(next); }>
            <h2 id="step-title">
                {move || format!("{} {} / {} · ", c.t("step.word"), step, STEPS)}{step_title(step)}
                {questionnaire().dimensions.get(usize::from(step) - 1).map(|d| {
                    let points = d.points.to_string();
                    view! { <span class="muted small">{move || format!(" ({} {})", points, c.t("unit.points"))}</span> }
                })}
            </h2>
            {match questionnaire().dimensions.get(usize::from(step) - 1) {
                Some(d) => d.items.iter().map(|it| {
                    let points = it.points.to_string();
                    view! {
                        <section class="item">
                            <h3>{name(&it.name)}<span class="muted small">{move || format!(" ({} {})", points, c.t("unit.points"))}</span></h3>
                            {it.questions.iter().map(question).collect_view()}
                        </section>
                    }
                }).collect_view().into_any(),
                None => scenarios().into_any(),
            }}
            <div class="actions">
                {(step > 1).then(|| view! { <a class="button" id="back" href=move || c.href(View::Step(step - 1))>{move || c.t("step.back")}</a> })}
                <button class="button primary" type="submit" id="next">{move || c.t(if step < STEPS { "step.next" } else { "step.see_result" })}</button>
            </div>
        </form>
    }
}

/// One question: its options as radios (single choice) or checkboxes (multi choice, where the
/// "无" option clears the others and any other option clears "无").
fn question(q: &'static Question) -> impl IntoView {
    let c = ctx();
    let points = q.points.to_string();
    let kind = match q.kind {
        QuestionKind::Single => "q.single",
        QuestionKind::Multi => "q.multi",
    };
    view! {
        <fieldset class="field question" id=q.id.clone() data-kind=match q.kind { QuestionKind::Single => "single", QuestionKind::Multi => "multi" }>
            <legend><span class="qid">{q.id.clone()}</span>" "<span lang="zh-CN">{q.title.clone()}</span></legend>
            <p class="hint">{move || format!("{} · {} {} {}", c.t(kind), c.t("q.max"), points, c.t("unit.points"))}</p>
            {(!q.description.is_empty()).then(|| view! { <p class="small" lang="zh-CN">{q.description.clone()}</p> })}
            {q.options.iter().map(|o| option(q, o)).collect_view()}
            {(!q.form_fields.is_empty()).then(|| view! {
                <p class="small muted">{move || c.t("q.form_fields")}<span lang="zh-CN">{q.form_fields.join("；")}</span></p>
            })}
        </fieldset>
    }
}

fn option(q: &'static Question, o: &'static Choice) -> impl IntoView {
    let c = ctx();
    let multi = q.kind == QuestionKind::Multi;
    let checked = move || c.answers.with(|a| a.chosen(&q.id).contains(&o.label));
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        c.answers.update(|a| {
            let mut set: Vec<String> = if multi { a.chosen(&q.id).to_vec() } else { vec![] };
            if on {
                // "无" is exclusive: choosing it clears the rest, choosing another clears it.
                if o.exclusive {
                    set.clear();
                } else {
                    set.retain(|l| q.option(l).is_none_or(|x| !x.exclusive));
                }
                set.push(o.label.clone());
            } else {
                set.retain(|l| l != &o.label);
            }
            let _ = a.choose(&q.id, &set);
        });
    };
    view! {
        <label class="choice option">
            <input type=if multi { "checkbox" } else { "radio" } name=q.id.clone() id=format!("{}-{}", q.id, o.label) value=o.label.clone()
                prop:checked=checked on:change=on_change />
            <span><span class="opt-label">{o.label.clone()}</span>" "<span lang="zh-CN">{o.text.clone()}</span></span>
        </label>
    }
}

/// The scenarios, under their groups (产品生命周期数字化, …), each rated 0–4 by its descriptors.
fn scenarios() -> impl IntoView {
    let c = ctx();
    let q = questionnaire();
    let mut groups: Vec<&'static shuzhuan_policy::Text> = Vec::new();
    for s in &q.scenarios {
        if !groups.iter().any(|g| g.zh == s.group.zh) {
            groups.push(&s.group);
        }
    }
    view! {
        <p class="hint">{move || c.t("step.scenarios_hint")}</p>
        {groups.into_iter().map(|g| view! {
            <section class="item">
                <h3>{name(g)}</h3>
                {q.scenarios.iter().filter(|s| s.group.zh == g.zh).map(scenario).collect_view()}
            </section>
        }).collect_view()}
    }
}

fn scenario(s: &'static Scenario) -> impl IntoView {
    let c = ctx();
    let level = move |l: u8| {
        let key = format!("level.{l}");
        view! {
            <label class="choice option">
                <input type="radio" name=s.id.clone() id=format!("{}-{l}", s.id) value=l.to_string()
                    prop:checked=move || c.answers.with(|a| a.rating(&s.id) == Some(l))
                    on:change=move |_| c.answers.update(|a| { let _ = a.rate(&s.id, l); }) />
                <span><strong>{move || c.t(&key)}</strong>{s.descriptor(l).map(|d| view! { " "<span lang="zh-CN">{d.to_string()}</span> })}</span>
            </label>
        }
    };
    view! {
        <fieldset class="field question scenario" id=s.id.clone()>
            <legend>
                <span class="qid">{s.id.clone()}</span>" "{name(&s.name)}
                {s.binding.then(|| view! { " "<span class="tag binding">{move || c.t("scenario.binding")}</span> })}
            </legend>
            {(0..=4).map(level).collect_view()}
        </fieldset>
    }
}
