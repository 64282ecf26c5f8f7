//! The shuzhuan browser app: a Leptos client-side app over `shuzhuan-policy`. It keeps what the
//! user typed, asks the core, and shows the answers with their reasons and sources. No request
//! leaves the page; a shared link carries the inputs in the URL fragment only.
#![forbid(unsafe_code)]

mod i18n;
mod pages;
mod route;
mod share;
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
    /// Today in China from the device's clock; `None` when the clock cannot be right, and then
    /// the user must choose the date (the app shows [`pages::clock_panel`] until they do).
    pub today: Option<Date>,
    /// Set when the GB/T 4754 codes arrive: the self-check and results wait for it.
    pub catalogue: RwSignal<bool>,
    /// Set when the catalogue notes arrive, so searches re-run with note text.
    pub notes: RwSignal<bool>,
    /// Set when fetching the catalogue failed (offline with nothing cached); cleared on retry.
    pub catalogue_failed: RwSignal<bool>,
    /// Kiosk mode (`?kiosk`): `kiosk.js` runs the idle wipe and keeps the kiosk's settings on
    /// links to its other pages; the app adds the QR code and the rules-age warning, and keeps no
    /// data in the address (`route::forget_data`).
    pub kiosk: Option<Kiosk>,
}

/// The kiosk's settings from the page's query: `?kiosk&rules-max-age=DAYS` (default 365).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kiosk {
    pub rules_max_age_days: i64,
}

impl Kiosk {
    /// Reads `?kiosk` and its settings from a query string (`location.search`).
    pub fn from_query(search: &str) -> Option<Kiosk> {
        let params: Vec<(&str, &str)> =
            search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, ""))).collect();
        params.iter().any(|(k, _)| *k == "kiosk").then(|| Kiosk {
            rules_max_age_days: params
                .iter()
                .find(|(k, _)| *k == "rules-max-age")
                .and_then(|(_, v)| v.parse().ok())
                .filter(|d: &i64| *d > 0)
                .unwrap_or(365),
        })
    }
}

impl Ctx {
    pub fn t(&self, key: &str) -> &'static str {
        tr(self.lang.get(), key)
    }
    /// The date evaluated: the form's `as_of` when valid, else today; `None` when neither is
    /// known (a broken clock and no date chosen): never a fixed fallback date.
    pub fn as_of(&self) -> Option<Date> {
        self.form.with(|f| Date::parse(&f.as_of).ok().or(self.today))
    }
}

/// The file beside the app that holds its rules: a pack built by `shuzhuan rules build`. A city
/// deploys its own programmes by replacing it (`shuzhuan site`); no rebuild of the app.
pub const RULES_FILE: &str = "rules.json";

/// Why the app has no rules to evaluate with: the pack could not be fetched, or it has problems
/// (then every one is listed and no verdict is given).
#[derive(Debug)]
pub enum RulesTrouble {
    Unavailable(String),
    Invalid(shuzhuan_policy::BundleError),
}

/// The rules read at the start ([`load_rules`], [`prepare`]); set once.
static RULES: std::sync::OnceLock<Result<shuzhuan_policy::RuleBundle, RulesTrouble>> = std::sync::OnceLock::new();

/// The rules the app evaluates with. Before they are read, or when they could not be, an empty
/// bundle: the app then shows [`pages::rules_trouble`] and no page that evaluates.
pub fn rules() -> &'static shuzhuan_policy::RuleBundle {
    static NONE: std::sync::OnceLock<shuzhuan_policy::RuleBundle> = std::sync::OnceLock::new();
    match RULES.get() {
        Some(Ok(b)) => b,
        _ => NONE.get_or_init(|| shuzhuan_policy::RuleBundle { programmes: Vec::new(), origin: String::new(), hash: String::new() }),
    }
}

/// What the self-check asks beyond the basics for the rules in use (their enterprise questions
/// and the built-in facts their conditions read), worked out once.
pub fn asks() -> &'static shuzhuan_policy::bundle::CheckAsks {
    static ASKS: std::sync::OnceLock<shuzhuan_policy::bundle::CheckAsks> = std::sync::OnceLock::new();
    if RULES.get().is_none() {
        static NONE: shuzhuan_policy::bundle::CheckAsks = shuzhuan_policy::bundle::CheckAsks { questions: Vec::new(), facts: Vec::new() };
        return &NONE;
    }
    ASKS.get_or_init(|| rules().check_asks())
}

/// Why there are no rules, once the start has tried to read them.
pub fn rules_trouble() -> Option<&'static RulesTrouble> {
    RULES.get().and_then(|r| r.as_ref().err()).or_else(|| LATE_TROUBLE.get())
}

/// Problems found once the catalogue arrived ([`ensure_catalogue`]): the pack was read before it,
/// so its industry codes had been checked for their shape only. Set before the pages that
/// evaluate are shown (they wait for the catalogue), so no verdict comes from such a pack.
static LATE_TROUBLE: std::sync::OnceLock<RulesTrouble> = std::sync::OnceLock::new();

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Today in China (UTC+8) from the device's clock (the core's one rule for "today"); `None`
/// when the clock cannot be right.
fn js_today() -> Option<Date> {
    let secs = (js_sys::Date::now() / 1000.0).floor();
    let secs = if secs.is_finite() && secs.abs() < 9.0e15 { secs as i64 } else { i64::MIN };
    Date::in_china_at(secs).ok()
}

thread_local! {
    static READER: std::cell::RefCell<Option<shuzhuan_policy::PackReader>> = const { std::cell::RefCell::new(None) };
}

/// Hands the app the text of [`RULES_FILE`] (`boot.js` fetches it beside the module); it is read
/// by [`prepare`].
#[wasm_bindgen]
pub fn load_rules(text: String) {
    READER.with(|r| *r.borrow_mut() = Some(shuzhuan_policy::PackReader::new(text, RULES_FILE)));
}

/// Tells the app that [`RULES_FILE`] could not be fetched (`reason` says why, for the page).
#[wasm_bindgen]
pub fn rules_unavailable(reason: String) {
    let _ = RULES.set(Err(RulesTrouble::Unavailable(reason)));
}

/// Reads the rules one short step per call, `true` once they are read (or could not be).
/// `boot.js` calls it in tasks of their own before [`mount`], so that no task of the start blocks
/// the page for long on a slow phone (most of a first call is the engine compiling the code it runs).
#[wasm_bindgen]
pub fn prepare() -> bool {
    if RULES.get().is_some() {
        return true;
    }
    let step = READER.with(|r| r.borrow_mut().as_mut().map(|reader| reader.step()));
    match step {
        None => {
            let _ = RULES.set(Err(RulesTrouble::Unavailable("no rules were given".into())));
            true
        }
        Some(None) => false,
        Some(Some(result)) => {
            READER.with(|r| r.borrow_mut().take());
            let _ = RULES.set(result.map_err(RulesTrouble::Invalid));
            true
        }
    }
}

/// Mounts the app over the static start page (called by `boot.js` after [`prepare`]).
///
/// The app is drawn in a hidden box beside the static page, in short tasks (its state, its frame,
/// the header, the page, the footer), and only then replaces the static page in one step. So the
/// static page stays on screen, usable, until the app is whole, and no task of the start blocks
/// input for long on a slow phone: drawing everything at once is one long task, mostly the engine
/// compiling the code it runs for the first time.
#[wasm_bindgen]
pub fn mount() {
    // The effects need leptos's executor before `mount_to` (which would start it) runs.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // The app's state lives in a root owner of its own, set up in this task; its effects in the
    // next; the view is mounted under it in the one after. The root is kept for the page's life,
    // as `forget` keeps the view.
    let root = Owner::new();
    let ctx = root.with(|| {
        let ctx = new_ctx();
        provide_context(ctx);
        ctx
    });
    next_task(move || {
        root.with(|| {
            route::listen(ctx);
            Effect::new(move |_| {
                let lang = ctx.lang.get();
                if let Some(html) = document().document_element() {
                    let _ = html.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
                }
                document().set_title(tr(lang, "app.title"));
            });
            // English is marked in the address (`#/library?en`), so a reload or a copied address
            // keeps it; nothing is stored. Never on a kiosk: the next visitor starts in Chinese.
            if ctx.kiosk.is_none() {
                Effect::new(move |_| {
                    ctx.route.track();
                    route::mark_lang(ctx.lang.get() == Lang::En);
                });
            }
        });
        next_task(move || {
            root.with(|| {
                let Some(app) = document().get_element_by_id("app") else { return };
                let Ok(live) = document().create_element("div") else { return };
                let _ = live.set_attribute("hidden", "");
                live.set_class_name("app-live");
                let _ = app.append_child(&live);
                leptos::mount::mount_to(live.unchecked_into(), App).forget();
            });
            std::mem::forget(root);
        });
    });
}

/// Runs `f` in a task of its own, after the browser has had its turn (input, paint).
fn next_task(f: impl FnOnce() + 'static) {
    set_timeout(f, std::time::Duration::ZERO);
}

/// The app's state at the start: a shared link's inputs, else empty.
fn new_ctx() -> Ctx {
    let (initial_route, shared) = Route::from_location();
    let shared = shared.unwrap_or_default();
    let kiosk = Kiosk::from_query(&window().location().search().unwrap_or_default());
    if kiosk.is_some() {
        route::forget_data(&initial_route);
    }
    Ctx {
        lang: RwSignal::new(if shared.lang_en { Lang::En } else { Lang::Zh }),
        route: RwSignal::new(initial_route),
        form: RwSignal::new(shared.state.form),
        projects: RwSignal::new(shared.state.projects),
        today: js_today(),
        catalogue: RwSignal::new(shuzhuan_policy::catalogue::catalogue_available()),
        notes: RwSignal::new(shuzhuan_policy::catalogue::notes_available()),
        catalogue_failed: RwSignal::new(false),
        kiosk,
    }
}

/// Shows the app drawn by [`mount`] in place of the static start page.
fn take_over() {
    let Some(root) = document().get_element_by_id("app") else { return };
    let children = root.children();
    let statics: Vec<web_sys::Element> =
        (0..children.length()).filter_map(|i| children.item(i)).filter(|e| !e.class_list().contains("app-live")).collect();
    for e in statics {
        e.remove();
    }
    if let Ok(Some(live)) = root.query_selector(".app-live") {
        let _ = live.remove_attribute("hidden");
    }
}

#[component]
fn App() -> impl IntoView {
    let ctx = ctx();
    // Drawn in stages, each in a task of its own: the header (1), the page (2), the footer (3);
    // then the app replaces the static page (the start page's programme cards, drawn in a task
    // of their own, come before that).
    let stage = RwSignal::new(0u8);
    fn advance(stage: RwSignal<u8>) {
        next_task(move || {
            stage.update(|s| *s += 1);
            if stage.get_untracked() < 3 {
                advance(stage);
            } else {
                next_task(take_over);
            }
        });
    }
    advance(stage);
    // Memos, so that each part is drawn once, when its stage comes, not again at the next.
    let from = move |n: u8| Memo::new(move |_| stage.get() >= n);
    let (header, page, footer) = (from(1), from(2), from(3));
    let has_date = Memo::new(move |_| ctx.as_of().is_some());
    view! {
        {move || header.get().then(|| view! {
        <a class="skip" href="#main" on:click=move |ev| { ev.prevent_default(); pages::focus("main"); }>{move || ctx.t("nav.skip")}</a>
        <header class="top">
            <div class="wrap top-row">
                <a class="brand" href="#/">{move || ctx.t("app.brand")}</a>
                <nav aria-label=move || ctx.t("nav.label")>
                    <a href="#/check/1" class:current=move || matches!(ctx.route.get(), Route::Check(_))>{move || ctx.t("nav.check")}</a>
                    <a href="#/results" class:current=move || ctx.route.get() == Route::Results>{move || ctx.t("nav.results")}</a>
                    <a href="#/library" class:current=move || ctx.route.get() == Route::Library>{move || ctx.t("nav.library")}</a>
                    // Another page: on a kiosk, kiosk.js gives it the kiosk's settings (it runs there too).
                    <a href="assess.html">{move || ctx.t("nav.assess")}</a>
                </nav>
                <button class="lang" id="lang-switch" type="button"
                    on:click=move |_| ctx.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {move || ctx.t("lang.switch")}
                </button>
            </div>
        </header>
        })}
        {move || page.get().then(|| view! {
        <main id="main" class="wrap" tabindex="-1">
            {move || match ctx.route.get() {
                // No rules (the pack could not be fetched, or it has problems): no verdict at all.
                _ if rules_trouble().is_some() => pages::rules_trouble().into_any(),
                // A broken clock and no date chosen: nothing can be evaluated until there is one.
                _ if !has_date.get() => pages::clock_panel().into_any(),
                Route::Start => pages::start::page().into_any(),
                // The self-check, results and estimator (its eligibility check) need the catalogue.
                Route::Check(_) | Route::Results | Route::Estimate(_) if !ctx.catalogue.get() => pages::loading().into_any(),
                Route::Check(step) => pages::check::page(step).into_any(),
                Route::Results => pages::results::page().into_any(),
                Route::Estimate(id) => pages::estimate::page(id).into_any(),
                Route::Library => pages::library::page().into_any(),
            }}
        </main>
        })}
        {move || footer.get().then(|| view! {
        <footer class="foot">
            <div class="wrap">
                <p>{move || ctx.t("foot.disclaimer")}</p>
                <p class="muted">{move || format!("{} {} · {}", ctx.t("foot.rules"), crate::rules().hash, ctx.t("foot.private"))}</p>
                // The district reviewers' office tool: hidden on a kiosk by kiosk.js (not a visitor's).
                <p><a href="review.html">{move || ctx.t("foot.review")}</a></p>
                // The city bureaus' rule-pack editor (hidden on a kiosk by kiosk.js too).
                <p><a href="rules.html">{move || ctx.t("foot.editor")}</a></p>
            </div>
        </footer>
        })}
    }
}

/// What a shared link restores.
#[derive(Default)]
pub struct Restored {
    pub state: Shared,
    pub lang_en: bool,
}

/// The GB/T 4754 catalogue is not in the first load (72 KB of codes and names, 138 KB of notes):
/// it is fetched, once, from these same-origin static files when the self-check or the results
/// are first shown, and handed to the core. The start page, estimators and library need neither.
pub const CODES_FILE: &str = "gbt4754-2017.csv";
pub const NOTES_FILE: &str = "gbt4754-2017-notes.csv";

pub fn ensure_catalogue(ctx: Ctx) {
    thread_local! { static LOADING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
    if (ctx.catalogue.get_untracked() && ctx.notes.get_untracked()) || LOADING.with(|r| r.replace(true)) {
        return;
    }
    ctx.catalogue_failed.set(false);
    leptos::task::spawn_local(async move {
        if !ctx.catalogue.get_untracked() {
            match fetch_text(CODES_FILE).await {
                Some(text) if shuzhuan_policy::catalogue::load_codes(&text) > 0 => {
                    if let Some(e) = rules().catalogue_problems() {
                        let _ = LATE_TROUBLE.set(RulesTrouble::Invalid(e));
                    }
                    // The page replaces the loading view: keep focus on its heading if it was
                    // there (after a navigation), and leave it alone on a first load.
                    let had_focus = document().active_element().is_some_and(|e| e.id() == "page-title");
                    ctx.catalogue.set(true);
                    if had_focus {
                        pages::focus_heading();
                    }
                }
                _ => {
                    LOADING.with(|r| r.set(false));
                    ctx.catalogue_failed.set(true);
                    return;
                }
            }
        }
        if let Some(text) = fetch_text(NOTES_FILE).await {
            shuzhuan_policy::catalogue::load_notes(&text);
            ctx.notes.set(true);
        }
        LOADING.with(|r| r.set(false));
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

#[cfg(test)]
mod tests {
    use super::Kiosk;

    #[test]
    fn kiosk_settings_from_the_query() {
        assert_eq!(Kiosk::from_query(""), None);
        assert_eq!(Kiosk::from_query("?lang=en"), None);
        assert_eq!(Kiosk::from_query("?kiosk"), Some(Kiosk { rules_max_age_days: 365 }));
        assert_eq!(Kiosk::from_query("?kiosk&idle=2&rules-max-age=30"), Some(Kiosk { rules_max_age_days: 30 }));
        assert_eq!(Kiosk::from_query("?kiosk=1&rules-max-age=-3"), Some(Kiosk { rules_max_age_days: 365 }));
        assert_eq!(Kiosk::from_query("?kiosk&rules-max-age=abc"), Some(Kiosk { rules_max_age_days: 365 }));
    }
}
