//! The shuzhuan browser app: a Leptos client-side app over `shuzhuan-policy`. It keeps what the
//! user typed, asks the core, and shows the answers with their reasons and sources. No request
//! leaves the page; a shared link carries the inputs in the URL fragment only.
#![forbid(unsafe_code)]

mod i18n;
mod pages;
mod route;
mod state;

use i18n::tr;
use leptos::prelude::*;
use route::Route;
use shuzhuan_policy::{Date, Lang};
use state::{Form, ProjectForm, Shared};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// Shared app state, provided as context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub form: RwSignal<Form>,
    pub projects: RwSignal<BTreeMap<String, ProjectForm>>,
    pub today: Date,
    /// Bumped when the catalogue notes arrive, so searches re-run with note text.
    pub notes: RwSignal<bool>,
}

impl Ctx {
    pub fn t(&self, key: &str) -> &'static str {
        tr(self.lang.get(), key)
    }
    /// The date evaluated: the form's `as_of` when valid, else today.
    pub fn as_of(&self) -> Date {
        self.form.with(|f| Date::parse(&f.as_of).unwrap_or(self.today))
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

fn js_today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as u16, (d.get_month() + 1) as u8, d.get_date() as u8).unwrap_or(Date::Y2K)
}

#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = document().get_element_by_id("app") else { return };
    // The static shell's start page paints first; the app takes over the same box.
    root.set_inner_html("");
    let el: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(el, App).forget();
}

#[component]
fn App() -> impl IntoView {
    let (initial_route, shared) = Route::from_location();
    let shared = shared.unwrap_or_default();
    let ctx = Ctx {
        lang: RwSignal::new(if shared.lang_en { Lang::En } else { Lang::Zh }),
        route: RwSignal::new(initial_route),
        form: RwSignal::new(shared.state.form),
        projects: RwSignal::new(shared.state.projects),
        today: js_today(),
        notes: RwSignal::new(shuzhuan_policy::catalogue::notes_available()),
    };
    provide_context(ctx);
    route::listen(ctx);
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
        }
        document().set_title(tr(lang, "app.title"));
    });
    view! {
        <a class="skip" href="#main" on:click=move |ev| { ev.prevent_default(); pages::focus("main"); }>{move || ctx.t("nav.skip")}</a>
        <header class="top">
            <div class="wrap top-row">
                <a class="brand" href="#/">{move || ctx.t("app.brand")}</a>
                <nav aria-label=move || ctx.t("nav.label")>
                    <a href="#/check/1" class:current=move || matches!(ctx.route.get(), Route::Check(_))>{move || ctx.t("nav.check")}</a>
                    <a href="#/results" class:current=move || ctx.route.get() == Route::Results>{move || ctx.t("nav.results")}</a>
                    <a href="#/library" class:current=move || ctx.route.get() == Route::Library>{move || ctx.t("nav.library")}</a>
                </nav>
                <button class="lang" id="lang-switch" type="button"
                    on:click=move |_| ctx.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {move || ctx.t("lang.switch")}
                </button>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {move || match ctx.route.get() {
                Route::Start => pages::start::page().into_any(),
                Route::Check(step) => pages::check::page(step).into_any(),
                Route::Results => pages::results::page().into_any(),
                Route::Estimate(id) => pages::estimate::page(id).into_any(),
                Route::Library => pages::library::page().into_any(),
            }}
        </main>
        <footer class="foot">
            <div class="wrap">
                <p>{move || ctx.t("foot.disclaimer")}</p>
                <p class="muted">{move || format!("{} {} · {}", ctx.t("foot.rules"), shuzhuan_policy::RuleBundle::embedded().hash, ctx.t("foot.private"))}</p>
            </div>
        </footer>
    }
}

/// What a shared link restores.
#[derive(Default)]
pub struct Restored {
    pub state: Shared,
    pub lang_en: bool,
}

/// The JSON contract in the browser: `command` is `check` or `estimate`, `input` the contract's
/// JSON, `options` `{"today": "YYYY-MM-DD", "as_of": …, "lang": "zh"|"en"}`. Returns the report
/// JSON, or `{"errors": […]}` exactly as the CLI prints them. Used by the parity tests and by
/// pages that want the raw report.
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(command: &str, input: &str, options: &str) -> String {
    shuzhuan_policy::contract::run(command, input, options)
}

/// The GB/T 4754 notes are not in the first load (138 KB of text): they are fetched, once, from
/// this same-origin static file when the self-check starts, and handed to the core.
pub const NOTES_FILE: &str = "gbt4754-2017-notes.csv";

pub fn ensure_notes(ctx: Ctx) {
    thread_local! { static REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
    if ctx.notes.get_untracked() || REQUESTED.with(|r| r.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Some(text) = fetch_text(NOTES_FILE).await {
            shuzhuan_policy::catalogue::load_notes(&text);
            ctx.notes.set(true);
        }
    });
}

async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen_futures::JsFuture;
    let resp: web_sys::Response = JsFuture::from(window().fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !resp.ok() {
        return None;
    }
    JsFuture::from(resp.text().ok()?).await.ok()?.as_string()
}
