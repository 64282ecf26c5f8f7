//! The digital-level self-assessment page (`assess.html`, 数字化水平自评): the 2024 questionnaire
//! (《中小企业数字化水平评测指标（2024年版）》) in four steps, then the result — scores, scenario
//! grid, the estimated level with its caveats, the gap to the next level, what that level changes
//! in each programme's subsidies — and a link that carries the level into the main app's
//! estimator (`index.html#/estimate/<programme>?level=N`).
//!
//! A WebAssembly module of its own, loaded only when the page is opened, so the main app's first
//! load carries neither the questionnaire nor these views. All scoring is the core's
//! (`shuzhuan_policy::assess`); the answers live in memory and in the URL fragment
//! ([`fragment`]; on a kiosk in memory only), never in storage.
#![forbid(unsafe_code)]

mod fragment;
mod i18n;
mod questions;
mod result;

use fragment::View;
use leptos::prelude::*;
use shuzhuan_policy::assess::{questionnaire, Answers};
use shuzhuan_policy::{Date, Lang, Text};
use wasm_bindgen::prelude::*;

/// The page's state, provided as context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub view: RwSignal<View>,
    pub answers: RwSignal<Answers>,
    /// Today in China from the device's clock; `None` when the clock cannot be right.
    pub today: Option<Date>,
    /// Kiosk mode (`assess.html?kiosk`, reached from the kiosk's app): `kiosk.js` runs the idle
    /// wipe, large type and no autofill here too; the page keeps the answers and the language out
    /// of its address, so no history entry holds them after the wipe.
    pub kiosk: bool,
}

impl Ctx {
    pub fn t(&self, key: &str) -> &'static str {
        i18n::tr(self.lang.get(), key)
    }

    pub fn en(&self) -> bool {
        self.lang.get() == Lang::En
    }

    /// The fragment that shows `view` with the current answers (for links).
    pub fn href(&self, view: View) -> String {
        self.answers.with(|a| self.fragment(view, a, self.en()))
    }

    /// Shows another view, as a history entry (Back returns to the previous step).
    pub fn go(&self, view: View) {
        let hash = self.answers.with_untracked(|a| self.fragment(view, a, self.lang.get_untracked() == Lang::En));
        let _ = window().location().set_hash(&hash);
    }

    /// The fragment for `view`, the answers and the language; on a kiosk the view alone.
    fn fragment(&self, view: View, answers: &Answers, en: bool) -> String {
        if self.kiosk {
            fragment::write(view, &Answers::default(), false)
        } else {
            fragment::write(view, answers, en)
        }
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// A name from the questionnaire: its Chinese verbatim; in English the gloss, then the Chinese.
pub fn name(t: &'static Text) -> impl IntoView {
    let c = ctx();
    move || {
        if c.en() {
            view! { {t.en.clone()}" "<span lang="zh-CN" class="zh-name">{t.zh.clone()}</span> }.into_any()
        } else {
            t.zh.clone().into_any()
        }
    }
}

/// The same for a name the core hands over (a copy of the questionnaire's), in a fixed language.
pub fn named(lang: Lang, t: &Text) -> AnyView {
    if lang == Lang::En {
        view! { {t.en.clone()}" "<span lang="zh-CN" class="zh-name">{t.zh.clone()}</span> }.into_any()
    } else {
        t.zh.clone().into_any()
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

/// Today in China (UTC+8) from the device's clock (the core's one rule for "today"); `None`
/// when the clock cannot be right.
fn js_today() -> Option<Date> {
    let secs = (js_sys::Date::now() / 1000.0).floor();
    let secs = if secs.is_finite() && secs.abs() < 9.0e15 { secs as i64 } else { i64::MIN };
    Date::in_china_at(secs).ok()
}

/// The rules of the site (`rules.json`, fetched by `assess-boot.js` beside the module): which
/// programmes' subsidies a level changes. Set once; `Err` says why there are none.
static RULES: std::sync::OnceLock<Result<shuzhuan_policy::RuleBundle, String>> = std::sync::OnceLock::new();

/// Hands the page the text of `rules.json` (read whole: the result needs it, the steps do not).
#[wasm_bindgen]
pub fn load_rules(text: String) {
    let _ = RULES.set(shuzhuan_policy::RuleBundle::from_pack_json(&text, "rules.json").map_err(|e| e.to_string()));
}

/// Tells the page that `rules.json` could not be fetched.
#[wasm_bindgen]
pub fn rules_unavailable(reason: String) {
    let _ = RULES.set(Err(format!("rules.json: {reason}")));
}

/// The site's rules, or why there are none (then the result gives the level without what it
/// changes in each programme, and says why).
pub fn rules() -> Result<&'static shuzhuan_policy::RuleBundle, &'static str> {
    match RULES.get() {
        Some(Ok(b)) => Ok(b),
        Some(Err(e)) => Err(e),
        None => Err("rules.json: not loaded"),
    }
}

/// Mounts the page over its static shell (called by `assess-boot.js`).
#[wasm_bindgen]
pub fn mount() {
    let Some(root) = document().get_element_by_id("app") else { return };
    root.set_inner_html("");
    let el: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(el, App).forget();
}

#[component]
fn App() -> impl IntoView {
    let (view, answers, en) = fragment::parse(&window().location().hash().unwrap_or_default());
    let c = Ctx {
        lang: RwSignal::new(if en { Lang::En } else { Lang::Zh }),
        view: RwSignal::new(view),
        answers: RwSignal::new(answers),
        today: js_today(),
        kiosk: window()
            .location()
            .search()
            .unwrap_or_default()
            .trim_start_matches('?')
            .split('&')
            .any(|p| p.split('=').next() == Some("kiosk")),
    };
    provide_context(c);
    // Links and Back/Forward change the view; the answers in memory stay (an older history
    // entry's fragment may hold fewer of them; the effect below writes them back).
    let listener = gloo::events::EventListener::new(&window(), "hashchange", move |_| {
        let (view, _, _) = fragment::parse(&window().location().hash().unwrap_or_default());
        if c.view.get_untracked() != view {
            c.view.set(view);
            window().scroll_to_with_x_and_y(0.0, 0.0);
            request_animation_frame(|| focus("page-title"));
        }
    });
    listener.forget();
    // The fragment always holds the view, the answers and the language (replaced, so a click is
    // not a history entry); on a kiosk only the view (answers read from it are dropped here).
    Effect::new(move |_| {
        let hash = c.answers.with(|a| c.fragment(c.view.get(), a, c.en()));
        if window().location().hash().unwrap_or_default() != hash {
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
            }
        }
    });
    Effect::new(move |_| {
        let lang = c.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
        }
        document().set_title(i18n::tr(lang, "app.title"));
    });
    let q = questionnaire();
    view! {
        <a class="skip" href="#main" on:click=move |ev| { ev.prevent_default(); focus("main"); }>{move || c.t("nav.skip")}</a>
        <header class="top">
            <div class="wrap top-row">
                // The app's pages: on a kiosk, kiosk.js gives these links the kiosk's settings.
                <a class="brand" href="index.html#/">{move || c.t("app.brand")}</a>
                <nav aria-label=move || c.t("nav.label")>
                    <a href="index.html#/check/1">{move || c.t("nav.check")}</a>
                    <a href="index.html#/results">{move || c.t("nav.results")}</a>
                    <a href="index.html#/library">{move || c.t("nav.library")}</a>
                    <a href=move || c.href(View::Step(1)) class="current" aria-current="page">{move || c.t("nav.assess")}</a>
                </nav>
                <button class="lang" id="lang-switch" type="button" lang=move || if c.en() { "zh-CN" } else { "en" }
                    on:click=move |_| c.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {move || c.t("lang.switch")}
                </button>
            </div>
        </header>
        <main id="main" class="wrap assess" tabindex="-1">
            {move || match c.view.get() {
                View::Step(n) => questions::page(n).into_any(),
                View::Result => result::page().into_any(),
            }}
        </main>
        <footer class="foot">
            <div class="wrap">
                <p>{move || c.t("foot.disclaimer")}</p>
                <p class="muted">
                    <span lang="zh-CN">{format!("《{}》（{}）", q.title, q.document)}</span>" · "{move || c.t("foot.private")}
                </p>
            </div>
        </footer>
    }
}
