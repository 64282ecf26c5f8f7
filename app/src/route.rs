//! Hash routes (`#/check/2`, `#/results`, …). A shared link is `#/results?d=<inputs>`: the
//! fragment is never sent to any server.

use crate::state::Shared;
use crate::{Ctx, Restored};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Start,
    Check(u8),
    Results,
    Estimate(String),
    Library,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#');
        let path = h.split('?').next().unwrap_or("");
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            ["check"] => Route::Check(1),
            ["check", n] => Route::Check(n.parse().ok().filter(|n| (1..=3).contains(n)).unwrap_or(1)),
            ["results"] => Route::Results,
            ["estimate", id] if !id.is_empty() => Route::Estimate(id.to_string()),
            ["library"] => Route::Library,
            _ => Route::Start,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Check(n) => format!("#/check/{n}"),
            Route::Results => "#/results".into(),
            Route::Estimate(id) => format!("#/estimate/{id}"),
            Route::Library => "#/library".into(),
        }
    }

    /// The route of the current location, and the inputs a shared link carries.
    pub fn from_location() -> (Route, Option<Restored>) {
        let hash = window().location().hash().unwrap_or_default();
        let route = Route::parse(&hash);
        let query = hash.split_once('?').map(|(_, q)| q).unwrap_or("");
        let mut restored = crate::share::decode(query).map(|(state, lang_en)| Restored { state, lang_en }).or_else(|| {
            // The first links' format: `?d=` and URI-encoded JSON, `&en` after it for English.
            let rest = query.strip_prefix("d=")?;
            let d = rest.split('&').next().unwrap_or(rest);
            let decoded: String = js_sys::decode_uri_component(d).ok()?.into();
            let state: Shared = serde_json::from_str(&decoded).ok()?;
            Some(Restored { state, lang_en: rest.split('&').skip(1).any(|p| p == "en") })
        });
        // `#/estimate/<id>?level=N[&en]`, from the self-assessment page: pre-fill the level.
        if let (Route::Estimate(id), Some(level)) = (&route, level_param(&hash)) {
            let r = restored.get_or_insert_with(Restored::default);
            r.state.projects.entry(id.clone()).or_default().level = level.into();
        }
        // `?en` (or `&en`) on any route: English, as the address was left (see `mark_lang`).
        if query.split('&').any(|p| p == "en") {
            restored.get_or_insert_with(Restored::default).lang_en = true;
        }
        (route, restored)
    }
}

/// On a kiosk the address never keeps a visitor's data: a fragment that brought some (a share
/// link's `?d=…`, the self-assessment's `?level=N`, `&en`) has been read into memory by
/// [`Route::from_location`] and is replaced here by its bare route, so that no history entry holds
/// it (Back or Forward after the idle wipe reopen the page empty; see `www/kiosk.js`).
pub fn forget_data(route: &Route) {
    if window().location().hash().unwrap_or_default().contains('?') {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.hash()));
        }
    }
}

/// `hash` with the English marker `en` added to its query (or removed from it).
pub fn with_lang_marker(hash: &str, english: bool) -> String {
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && *p != "en").collect();
    if english {
        params.push("en");
    }
    if params.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// Marks the language in the current address without a history entry, so that a reload (or the
/// address copied from the bar) opens in the same language.
pub fn mark_lang(english: bool) {
    let hash = window().location().hash().unwrap_or_default();
    let want = with_lang_marker(if hash.is_empty() { "#/" } else { &hash }, english);
    if want != hash && !(hash.is_empty() && want == "#/") {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&want));
        }
    }
}

/// The digital level (1–4) of a `?level=N` in the fragment.
pub fn level_param(hash: &str) -> Option<&str> {
    hash.split(['?', '&']).find_map(|p| p.strip_prefix("level=")).filter(|l| matches!(*l, "1" | "2" | "3" | "4"))
}

/// Follows hash changes; moves focus to the new page's heading for screen readers.
pub fn listen(ctx: Ctx) {
    fn follow(ctx: Ctx) {
        let hash = window().location().hash().unwrap_or_default();
        let r = Route::parse(&hash);
        if ctx.route.get_untracked() != r {
            ctx.route.set(r);
            window().scroll_to_with_x_and_y(0.0, 0.0);
            crate::pages::focus_heading();
        }
    }
    gloo::events::EventListener::new(&window(), "hashchange", move |_| follow(ctx)).forget();
    // The app read the route a task before it started listening: catch a change in between.
    follow(ctx);
}

/// Navigates (records history so Back works).
pub fn go(route: Route) {
    let _ = window().location().set_hash(&route.hash());
}

/// The shareable URL for the current inputs (they travel in the fragment only).
pub fn share_url(shared: &Shared, english: bool) -> String {
    let loc = window().location();
    format!("{}{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default(), share_fragment(shared, english))
}

/// `#/results?v=2&…`: the fragment of a share link, in its compact form (`crate::share`).
pub fn share_fragment(shared: &Shared, english: bool) -> String {
    format!("#/results?{}", crate::share::encode(shared, english))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_marked_in_the_address() {
        assert_eq!(with_lang_marker("#/library", true), "#/library?en");
        assert_eq!(with_lang_marker("#/library?en", false), "#/library");
        assert_eq!(with_lang_marker("#/results?v=2&i=3973", true), "#/results?v=2&i=3973&en");
        assert_eq!(with_lang_marker("#/results?v=2&i=3973&en", false), "#/results?v=2&i=3973");
        assert_eq!(with_lang_marker("#/results?v=2&en", true), "#/results?v=2&en");
        assert_eq!(with_lang_marker("#/", true), "#/?en");
    }

    #[test]
    fn the_self_assessment_link_carries_a_level() {
        let hash = "#/estimate/xiamen-2024?level=3&en";
        assert_eq!(Route::parse(hash), Route::Estimate("xiamen-2024".into()));
        assert_eq!(level_param(hash), Some("3"));
        assert_eq!(level_param("#/estimate/xiamen-2024?level=5"), None);
        assert_eq!(level_param("#/estimate/xiamen-2024"), None);
    }
}
