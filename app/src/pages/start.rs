//! Start: the programmes, their status today, and one entry to check the enterprise.

use crate::ctx;
use crate::pages::{status_badge, view_as_button};
use leptos::prelude::*;
use shuzhuan_policy::eval::status_text;
use shuzhuan_policy::rules::{Audience, Status};

pub fn page() -> impl IntoView {
    let c = ctx();
    // The programme cards are drawn in a task of their own, after the page: mounting the app on
    // a slow phone then never blocks input for long (the list's box keeps its height meanwhile).
    let ready = RwSignal::new(false);
    set_timeout(move || ready.set(true), std::time::Duration::ZERO);
    view! {
        <section class="hero">
            <h1 id="page-title" tabindex="-1">{move || c.t("start.title")}</h1>
            // First under the heading: that nothing is in force (or that another day is shown) is
            // what a visitor must know before anything else. Cheap, so not deferred like the cards.
            {move || guard(c)}
            <p class="lead">{move || c.t("start.lead")}</p>
            <a class="button primary big" href="#/check/1" id="start-check">{move || c.t("start.cta")}</a>
        </section>
        <h2>{move || c.t("start.programmes")}</h2>
        <ul class="cards programmes" id="programme-list">
            {move || ready.get().then(|| c.as_of()).flatten().map(|date| {
                let lang = c.lang.get();
                crate::rules().programmes.iter().filter(|p| p.audience == Audience::Enterprise).map(|p| {
                    let id = p.id.clone();
                    view! {
                        <li class="card" data-programme=id.clone()>
                            <p class="city">{p.city.get_name(lang)}</p>
                            <h3>{p.title.get(lang).to_string()}</h3>
                            <p class="doc">{p.citation()}</p>
                            <p>{status_badge(p.status_on(date), p.draft)}" "<span class="muted">{status_text(p, date).get(lang).to_string()}</span></p>
                            {(p.status_on(date) == Status::Expired).then(|| view_as_button(p.valid_until, "rules-guard"))}
                            <p><a href=format!("#/estimate/{id}")>{c.t("start.estimate")}</a></p>
                        </li>
                    }
                }).collect_view()
            })}
        </ul>
        <p class="muted">{move || c.t("start.privacy")}</p>
    }
}

/// Says so at the top of the start page when no programme is in force any more on the date
/// evaluated (with the way to see them as on their last day), when that date is not today (with
/// the way back), and, on a kiosk, when its rules are older than the kiosk's configured age.
fn guard(c: crate::Ctx) -> Option<impl IntoView> {
    let date = c.as_of()?;
    c.lang.track();
    let enterprise: Vec<_> = crate::rules().programmes.iter().filter(|p| p.audience == Audience::Enterprise).collect();
    let all_expired = !enterprise.is_empty() && enterprise.iter().all(|p| p.status_on(date) == Status::Expired);
    let reviewed = crate::rules().checked();
    let stale = c.kiosk.zip(reviewed).map(|(k, r)| (r, r.days_until(date), k.rules_max_age_days)).filter(|(_, age, max)| age > max);
    let not_today = super::not_today(c);
    (all_expired || stale.is_some() || not_today.is_some()).then(|| {
        let mut lines = Vec::new();
        if all_expired {
            lines.push(format!("{}{}", c.t("guard.all_expired"), date));
        }
        if let Some((r, age, _)) = stale {
            lines.push(c.t("guard.stale").replace("{date}", &r.to_string()).replace("{days}", &age.to_string()));
        }
        // The last day any programme was in force: one button shows them all as on that day.
        let last = enterprise.iter().map(|p| p.valid_until).max().filter(|_| all_expired);
        view! {
            <div class="guard" id="rules-guard" role="note" tabindex="-1">
                {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                {not_today.map(|v| v.into_any())}
                {last.map(|d| view_as_button(d, "rules-guard"))}
                {(all_expired || stale.is_some()).then(|| view! { <p>{c.t("guard.advice")}</p> })}
            </div>
        }
    })
}

trait CityName {
    fn get_name(&self, lang: shuzhuan_policy::Lang) -> String;
}

impl CityName for shuzhuan_policy::rules::CityRef {
    fn get_name(&self, lang: shuzhuan_policy::Lang) -> String {
        match lang {
            shuzhuan_policy::Lang::Zh => self.zh.clone(),
            shuzhuan_policy::Lang::En => self.en.clone(),
        }
    }
}
