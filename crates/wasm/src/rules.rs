//! The rules every export evaluates with: the seed pack built into the npm package (feature
//! `embedded-rules`) until `loadRules(pack)` replaces it. The widgets' and the reviewers' builds
//! carry no rules: their pages fetch `rules.json` beside their files and hand it to `loadRules`.

use crate::{thrown, to_js};
use shuzhuan_policy::{InputErrors, RuleBundle};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The pack loaded last. Kept for the page's life (a batch screening holds it while it runs),
    /// so each successful `loadRules` keeps its pack in memory; pages call it once.
    static LOADED: Cell<Option<&'static RuleBundle>> = const { Cell::new(None) };
}

/// The rules in use: the pack loaded last, else the embedded seed pack, else an error naming
/// `rules` (a build without embedded rules before `loadRules`).
pub fn active() -> Result<&'static RuleBundle, InputErrors> {
    if let Some(b) = LOADED.with(Cell::get) {
        return Ok(b);
    }
    #[cfg(feature = "embedded-rules")]
    return Ok(RuleBundle::embedded());
    #[cfg(not(feature = "embedded-rules"))]
    Err(InputErrors::one(
        "rules",
        shuzhuan_policy::Text::new(
            "尚未载入政策规则：请先调用 loadRules(rules.json 的内容)",
            "no rules are loaded: call loadRules(the text of rules.json) first",
        ),
    ))
}

/// What `loadRules` returns: which rules are now in use.
#[derive(serde::Serialize)]
struct Loaded<'a> {
    hash: &'a str,
    origin: &'a str,
    programmes: Vec<&'a str>,
}

/// `loadRules(pack, origin?)`: reads a rule pack (the text of a `rules.json` built by `shuzhuan
/// rules build`, or the parsed object) and uses it from now on. A pack with any problem is refused
/// whole and thrown as an `Error` named `RulesError` whose `problems` lists each one (file, path,
/// line, column, message in English and message_zh in Chinese); the rules in use before stay in
/// use.
#[wasm_bindgen(js_name = loadRules, skip_typescript)]
pub fn load_rules(pack: JsValue, origin: JsValue) -> Result<JsValue, JsValue> {
    let text = crate::input_text(&pack).map_err(|e| thrown(&e))?;
    let origin = origin.as_string().unwrap_or_else(|| "rules.json".into());
    match RuleBundle::from_pack_json(&text, &origin) {
        Ok(bundle) => {
            let bundle: &'static RuleBundle = Box::leak(Box::new(bundle));
            LOADED.with(|l| l.set(Some(bundle)));
            to_js(&Loaded {
                hash: &bundle.hash,
                origin: &bundle.origin,
                programmes: bundle.programmes.iter().map(|p| p.id.as_str()).collect(),
            })
        }
        Err(e) => {
            let err = js_sys::Error::new(&format!(
                "规则包有 {n} 处问题，未采用 / the rule pack has {n} problem(s) and was not used:\n{e}",
                n = e.problems.len()
            ));
            err.set_name("RulesError");
            let problems = serde_wasm_bindgen::to_value(&e.problems).unwrap_or(JsValue::NULL);
            let _ = js_sys::Reflect::set(&err, &"problems".into(), &problems);
            Err(err.into())
        }
    }
}
