//! The rules every export evaluates with: the seed pack built into the npm package (feature
//! `embedded-rules`) until `loadRules(pack)` replaces it. The widgets' and the reviewers' builds
//! carry no rules: their pages fetch `rules.json` beside their files and hand it to `loadRules`.

use crate::{thrown, to_js};
use shuzhuan_policy::{InputErrors, RuleBundle};
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The pack loaded last. The one it replaces is dropped once no call still uses it (a
    /// `Batch` keeps its own copy of the programmes it screens), so loading packs again and again
    /// does not grow the module's memory.
    static LOADED: RefCell<Option<Rc<RuleBundle>>> = const { RefCell::new(None) };
}

/// The rules an export uses: the seed pack built in, or a loaded pack (shared, so that a later
/// `loadRules` can replace it while the export still reads it).
pub enum Rules {
    #[cfg_attr(not(feature = "embedded-rules"), allow(dead_code))]
    Embedded(&'static RuleBundle),
    Loaded(Rc<RuleBundle>),
}

impl Deref for Rules {
    type Target = RuleBundle;

    fn deref(&self) -> &RuleBundle {
        match self {
            Rules::Embedded(b) => b,
            Rules::Loaded(b) => b,
        }
    }
}

/// The rules in use: the pack loaded last, else the embedded seed pack, else an error naming
/// `rules` (a build without embedded rules before `loadRules`).
pub fn active() -> Result<Rules, InputErrors> {
    if let Some(b) = LOADED.with(|l| l.borrow().clone()) {
        return Ok(Rules::Loaded(b));
    }
    #[cfg(feature = "embedded-rules")]
    return Ok(Rules::Embedded(RuleBundle::embedded()));
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
            let loaded = to_js(&Loaded {
                hash: &bundle.hash,
                origin: &bundle.origin,
                programmes: bundle.programmes.iter().map(|p| p.id.as_str()).collect(),
            });
            // The pack replaced is dropped here (nothing else holds it between calls).
            LOADED.with(|l| l.replace(Some(Rc::new(bundle))));
            loaded
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
