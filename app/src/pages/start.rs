//! Start: the programmes, their status today, and one entry to check the enterprise.

use crate::ctx;
use crate::pages::status_badge;
use leptos::prelude::*;
use shuzhuan_policy::eval::status_text;
use shuzhuan_policy::rules::Audience;
use shuzhuan_policy::RuleBundle;

pub fn page() -> impl IntoView {
    let c = ctx();
    view! {
        <section class="hero">
            <h1 id="page-title" tabindex="-1">{move || c.t("start.title")}</h1>
            <p class="lead">{move || c.t("start.lead")}</p>
            <a class="button primary big" href="#/check/1" id="start-check">{move || c.t("start.cta")}</a>
        </section>
        <h2>{move || c.t("start.programmes")}</h2>
        <ul class="cards programmes" id="programme-list">
            {move || {
                let lang = c.lang.get();
                let date = c.as_of();
                RuleBundle::embedded().programmes.iter().filter(|p| p.audience == Audience::Enterprise).map(|p| {
                    let id = p.id.clone();
                    view! {
                        <li class="card" data-programme=id.clone()>
                            <p class="city">{p.city.get_name(lang)}</p>
                            <h3>{p.title.get(lang).to_string()}</h3>
                            <p class="doc">{p.citation()}</p>
                            <p>{status_badge(p.status_on(date), p.draft)}" "<span class="muted">{status_text(p, date).get(lang).to_string()}</span></p>
                            <p><a href=format!("#/estimate/{id}")>{c.t("start.estimate")}</a></p>
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
        <p class="muted">{move || c.t("start.privacy")}</p>
    }
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
