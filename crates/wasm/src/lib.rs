//! # shuzhuan-wasm — the policy core for JavaScript
//!
//! wasm-bindgen bindings over `shuzhuan-policy`, built by `scripts/build-pkg.sh` (wasm-pack,
//! `--target web`) into the npm package `@shuzhuan/policy`. A host page imports it with no
//! framework:
//!
//! ```js
//! import init, { check, estimate, programmes, searchIndustry, validateUscc, loadNotes } from './pkg/shuzhuan.js';
//! await init();
//! const report = check({ profile: { industry: '3973', employees: 120 } }, { lang: 'en' });
//! ```
//!
//! Also `estimatorSpec` (the core's `estimate::spec`, labelled), `regions` and `loadCodes`, for
//! the embeddable widgets; cargo features choose the exports (`check`, `estimate`, `extras`,
//! `batch` for the reviewers' screener, `providers` for provider selection) and whether the seed
//! rules and the GB/T 4754 codes are embedded (`embedded-rules`, `embedded-catalogue`), all on by
//! default (the widgets' and reviewers' builds choose their own: see `Cargo.toml`).
//!
//! Every export takes and returns the JSON shapes of the `shuzhuan` command (`check --format
//! json`, `estimate`, `programmes`, `industry search`); the types of those are in `types.d.ts`
//! (every export; a browser test checks none is missing). Bad input
//! is thrown as an `Error` named `InputError` whose `errors` property is exactly the CLI's
//! `{"errors": [{field, message: {zh, en}}]}` list; nothing here panics on what a caller passes.
//!
//! How values cross the boundary, and why:
//! - `check` / `estimate` inputs go through `JSON.stringify` into the core's own text parser
//!   (`contract::check_value`, `contract::estimate_value`: a place's name is read by the cities
//!   of the rules in use, as the CLI's `--rules` reads it), and the report comes back
//!   through `JSON.parse` of the core's `serde_json` output. That is the CLI's path, code for code,
//!   so reports and error messages (which quote values as written: `收到“12.5”`) are identical;
//!   the browser tests compare every golden case. serde-wasm-bindgen would be a second way into
//!   the parser, and it cannot carry `serde_json` values here: with the workspace's
//!   `arbitrary_precision` feature a `serde_json::Number` serialises as the private map
//!   `{"$serde_json::private::Number": "…"}`, not as a number. Money is a decimal string either
//!   way, and one serializer per report type (serde_json's, which the core has anyway) is smaller.
//! - Options also go through JSON text, to the contract's reader, which refuses unknown keys
//!   (serde-wasm-bindgen reads only a struct's known keys, so `{asOf: …}` would pass unnoticed).
//! - The results of `programmes()`, `searchIndustry()`, `validateUscc()` and the thrown errors'
//!   lists are built with serde-wasm-bindgen (JSON-compatible: `null` for `None`, plain objects
//!   for maps): their types hold only strings, booleans, small integers and enums, and the browser
//!   tests compare them with the CLI's JSON.
#![forbid(unsafe_code)]

use serde::Serialize;
#[cfg(feature = "check")]
use shuzhuan_policy::catalogue::catalogue;
use shuzhuan_policy::catalogue::load_codes;
#[cfg(feature = "extras")]
use shuzhuan_policy::catalogue::load_notes;
use shuzhuan_policy::contract::{self, Options};
#[cfg(feature = "estimate")]
use shuzhuan_policy::estimate::{spec, EstimatorSpec};
use shuzhuan_policy::eval::programme_list;
#[cfg(feature = "check")]
use shuzhuan_policy::eval::{industry_fit, IndustryFit};
#[cfg(feature = "check")]
#[cfg(feature = "extras")]
use shuzhuan_policy::uscc::parse_uscc;
use shuzhuan_policy::{Date, InputErrors, Lang, Text};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "batch")]
mod batch;
#[cfg(feature = "providers")]
mod providers;
mod rules;
pub use rules::active as rules;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types.d.ts");

/// What `searchIndustry` returns at most, as `shuzhuan industry search` prints.
pub const SEARCH_LIMIT: usize = 20;

/// `check(input, options?)`: the eligibility report of every programme (`shuzhuan check`).
#[cfg(feature = "check")]
#[wasm_bindgen(skip_typescript)]
pub fn check(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    evaluate(Command::Check, &input, &options)
}

/// `estimate(input, options?)`: one programme's subsidy estimate (`shuzhuan estimate`).
#[cfg(feature = "estimate")]
#[wasm_bindgen(skip_typescript)]
pub fn estimate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    evaluate(Command::Estimate, &input, &options)
}

/// `programmes(options?)`: every programme with its status on `as_of` (else today), as
/// `shuzhuan programmes --format json` prints them.
#[wasm_bindgen(skip_typescript)]
pub fn programmes(options: JsValue) -> Result<JsValue, JsValue> {
    let settings = settings(&options)?;
    let held = rules().map_err(|e| thrown(&e))?;
    let bundle = &*held;
    let list = programme_list(bundle, date_for(&settings, None).map_err(|e| thrown(&e))?, settings.lang);
    to_js(&list)
}

/// `searchIndustry(query, options?)`: up to 20 GB/T 4754-2017 codes matching a name or code, each
/// mapped to its SME size category and to every programme's pilot sub-industries, as
/// `shuzhuan industry search` prints them. Note text is searched once `loadNotes` has run.
#[cfg(feature = "check")]
#[wasm_bindgen(js_name = searchIndustry, skip_typescript)]
pub fn search_industry(query: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let settings = settings(&options)?;
    let query = query.as_string().ok_or_else(|| {
        thrown(&InputErrors::one(
            "query",
            Text::new("查询须为文字（行业名称或代码）", "the query must be a string (an industry name or code)"),
        ))
    })?;
    to_js(&industry_search(&query, settings.lang).map_err(|e| thrown(&e))?)
}

/// `validateUscc(code)`: reads a 统一社会信用代码 as users type it (spaces, hyphens, full-width and
/// lowercase are accepted) and says what its parts mean; a wrong code is thrown with the reason
/// on the field `uscc`.
#[cfg(feature = "extras")]
#[wasm_bindgen(js_name = validateUscc, skip_typescript)]
pub fn validate_uscc(code: JsValue) -> Result<JsValue, JsValue> {
    let code = code.as_string().unwrap_or_default();
    match parse_uscc(&code) {
        Ok(u) => to_js(&u),
        Err(e) => Err(thrown(&InputErrors::one("uscc", e.message()))),
    }
}

/// `loadNotes(csv)`: hands the GB/T 4754 notes (说明, the package's `gbt4754-2017-notes.csv`) to
/// the catalogue so `searchIndustry` matches their text too, as the CLI does. Returns how many
/// notes were loaded; 0 when they were loaded before.
#[cfg(feature = "extras")]
#[wasm_bindgen(js_name = loadNotes, skip_typescript)]
pub fn load_notes_js(csv: JsValue) -> u32 {
    csv.as_string().map(|text| u32::try_from(load_notes(&text)).unwrap_or(u32::MAX)).unwrap_or(0)
}

/// `loadCodes(csv)`: hands the GB/T 4754 codes and names (`gbt4754-2017.csv`) to a build without
/// the embedded catalogue (the widgets' build); until then industry codes cannot be read. Returns
/// how many codes were loaded; 0 when the catalogue was there already (the npm package embeds it).
#[wasm_bindgen(js_name = loadCodes, skip_typescript)]
pub fn load_codes_js(csv: JsValue) -> u32 {
    csv.as_string().map(|text| u32::try_from(load_codes(&text)).unwrap_or(u32::MAX)).unwrap_or(0)
}

/// `estimatorSpec(programme, options?)`: what a programme's estimator asks for on `as_of` (else
/// today) — the core's `estimate::spec`, from which the app builds its estimator form — with every
/// label in `lang`. An unknown programme is thrown as an `InputError` on `programme`.
#[cfg(feature = "estimate")]
#[wasm_bindgen(js_name = estimatorSpec, skip_typescript)]
pub fn estimator_spec(programme: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let settings = settings(&options)?;
    let id = programme.as_string().unwrap_or_default();
    let held = rules().map_err(|e| thrown(&e))?;
    let bundle = &*held;
    let date = date_for(&settings, None).map_err(|e| thrown(&e))?;
    let input = shuzhuan_policy::EstimateInput { programme: id.clone(), ..Default::default() };
    let errors = shuzhuan_policy::estimate::validate(&input, bundle, date);
    let Some(p) = bundle.get(&id).filter(|_| errors.is_empty()) else {
        let errors = if errors.is_empty() {
            InputErrors::one("programme", Text::new("请指定政策编号，如 \"xiamen-2024\"", "name the programme, e.g. \"xiamen-2024\""))
        } else {
            InputErrors { errors }
        };
        return Err(thrown(&errors));
    };
    to_js(&SpecView::of(&p.id, &spec(p, date), settings.lang))
}

/// `checkAsks(options?)`: what a self-check form asks beyond the basics for the rules in use:
/// the packs' own enterprise questions (answered in `profile.answers`) with their labels, kinds,
/// units, choices and clauses in `lang`, and the built-in facts some rule reads (`specialized`,
/// `registered_on`, `digital_level_now`).
#[cfg(feature = "check")]
#[wasm_bindgen(js_name = checkAsks, skip_typescript)]
pub fn check_asks(options: JsValue) -> Result<JsValue, JsValue> {
    let settings = settings(&options)?;
    let lang = settings.lang;
    let asks = rules().map_err(|e| thrown(&e))?.check_asks();
    let questions: Vec<AskView> = asks
        .questions
        .iter()
        .map(|(programme, q)| AskView {
            programme: programme.clone(),
            id: q.id.clone(),
            kind: q.kind,
            label: q.label.as_label().get(lang).to_string(),
            help: q.help.as_ref().map(|h| h.get(lang).to_string()),
            unit: q.unit.as_ref().map(|u| u.get(lang).to_string()),
            choices: q.choices.iter().map(|c| SpecChoice { id: c.id.clone(), label: c.label.as_label().get(lang).to_string() }).collect(),
            clause: q.source.clause.clone(),
        })
        .collect();
    to_js(&serde_json::json!({ "questions": questions, "facts": asks.facts }))
}

/// One of a pack's enterprise questions as `checkAsks` returns it.
#[cfg(feature = "check")]
#[derive(Debug, Serialize)]
pub struct AskView {
    pub programme: String,
    pub id: String,
    pub kind: shuzhuan_policy::rules::QuestionKind,
    pub label: String,
    pub help: Option<String>,
    pub unit: Option<String>,
    pub choices: Vec<SpecChoice>,
    pub clause: String,
}

/// `inWan(text)`: what a field shown in 万元 hands to `check` or `estimate` (whose amounts are in
/// yuan): `8500` → `8500万`; text naming its unit (`1.2亿`) or not a number is passed on as typed.
/// The core's one rule, which the app uses too.
#[cfg(any(feature = "check", feature = "estimate"))]
#[wasm_bindgen(js_name = inWan, skip_typescript)]
pub fn in_wan(text: JsValue) -> String {
    shuzhuan_policy::amount::in_wan(&text.as_string().unwrap_or_default())
}

/// `regions()`: the cities of the programmes in the rules in use (a loaded pack's, else the
/// built-in ones), each with its districts and counties (GB/T 2260) for a district picker: the
/// ones the pack lists, else the built-in list for a seed city, else none. The check input's
/// `profile.region` takes any of the codes, or a city's 4-digit prefix + `00` for its
/// development zones, or any other 6-digit code.
#[cfg(feature = "check")]
#[wasm_bindgen(skip_typescript)]
pub fn regions() -> Result<JsValue, JsValue> {
    let bundle = rules().map_err(|e| thrown(&e))?;
    to_js(&shuzhuan_policy::region::picker(bundle.programmes.iter().map(|p| &p.city)))
}

/// [`EstimatorSpec`] with its labels in one language, as `estimatorSpec` returns it.
#[cfg(feature = "estimate")]
#[derive(Debug, Serialize)]
pub struct SpecView {
    pub programme: String,
    /// The money and count inputs, in the order the measures use them.
    pub inputs: Vec<SpecInput>,
    pub levels: Vec<u8>,
    pub year: bool,
    pub user_parameters: bool,
    /// With `user_parameters`: one cap per level (`caps_yuan` by level) or one cap for all.
    pub user_caps_by_level: bool,
    pub awards: Vec<SpecChoice>,
    /// Awards whose amount the user enters once claimed (`award_amounts_yuan`).
    pub award_amounts: Vec<String>,
    /// Roles a measure is paid for (`roles`): the enterprise's own money only when it holds them.
    pub roles: Vec<SpecChoice>,
    pub flags: Vec<SpecChoice>,
}

/// One project input of [`SpecView`]: its `project` key, label, and whether it is money (yuan).
#[cfg(feature = "estimate")]
#[derive(Debug, Serialize)]
pub struct SpecInput {
    pub field: String,
    pub label: String,
    pub money: bool,
    /// The unit word of a count (家, 人天, 次…), from the rule pack.
    pub unit: Option<String>,
}

/// An award or a yes/no flag of [`SpecView`]: its id (`project.awards[]` entry or `project` key);
/// also a choice of a question of `checkAsks`.
#[cfg(any(feature = "check", feature = "estimate"))]
#[derive(Debug, Serialize)]
pub struct SpecChoice {
    pub id: String,
    pub label: String,
}

#[cfg(feature = "estimate")]
impl SpecView {
    pub fn of(programme: &str, s: &EstimatorSpec, lang: Lang) -> SpecView {
        let choice = |(id, label): &(String, Text)| SpecChoice { id: id.clone(), label: label.get(lang).to_string() };
        SpecView {
            programme: programme.to_string(),
            inputs: s
                .inputs
                .iter()
                .map(|q| SpecInput {
                    field: q.id.clone(),
                    label: q.label.get(lang).to_string(),
                    money: q.is_money(),
                    unit: q.unit.as_ref().map(|u| u.get(lang).to_string()),
                })
                .collect(),
            levels: s.levels.clone(),
            year: s.year,
            user_parameters: s.user_parameters,
            user_caps_by_level: s.user_caps_by_level,
            awards: s.awards.iter().map(choice).collect(),
            award_amounts: s.award_amounts.clone(),
            roles: s.roles.iter().map(choice).collect(),
            flags: s.flags.iter().map(choice).collect(),
        }
    }
}

/// The catalogue search of `shuzhuan industry search`: hits mapped to programme fit.
#[cfg(feature = "check")]
pub fn industry_search(query: &str, lang: Lang) -> Result<Vec<IndustryFit>, InputErrors> {
    let held = rules()?;
    let bundle = &*held;
    Ok(catalogue().search(query, SEARCH_LIMIT).iter().filter_map(|h| industry_fit(&h.industry.code, bundle, lang)).collect())
}

/// The two commands of the contract the package exports (a widget's build exports one).
#[derive(Clone, Copy)]
#[cfg_attr(not(all(feature = "check", feature = "estimate")), allow(dead_code))]
enum Command {
    Check,
    Estimate,
}

/// Runs a command: input as JSON text (a string is taken as it is), report back as a value.
#[cfg(any(feature = "check", feature = "estimate"))]
fn evaluate(command: Command, input: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let options = options_of(options).map_err(|e| thrown(&e))?;
    let text = input_text(input).map_err(|e| thrown(&e))?;
    let json = report_json(command, &text, &options).map_err(|e| thrown(&e))?;
    js_sys::JSON::parse(&json).map_err(|_| {
        thrown(&InputErrors::one(
            "output",
            Text::new("报告无法转换为 JavaScript 值", "the report could not be read back as a JavaScript value"),
        ))
    })
}

/// The report JSON of `check` or `estimate`, exactly as `contract::evaluate` and the CLI make it.
/// Called per command rather than through `contract::evaluate`, whose dispatch on a command name
/// links every command of the contract into the module, not only the two exported here (with the
/// digital-level assessment in the contract that was 237 KB brotli instead of 157 KB).
#[cfg(any(feature = "check", feature = "estimate"))]
fn report_json(command: Command, text: &str, options: &Options) -> Result<String, InputErrors> {
    #[cfg(feature = "outcomes")]
    use shuzhuan_policy::contract::answer;
    use shuzhuan_policy::contract::{check_outcomes_value, check_value, estimate_outcomes_value, estimate_value};
    let settings = options.settings()?;
    let held = rules()?;
    let bundle = &*held;
    let v = shuzhuan_policy::input::json_value(text)?;
    let json = match command {
        Command::Check => answer(
            settings.detail,
            options.lenient,
            &v,
            |v| check_value(bundle, v, &settings).map_err(clock_blamed),
            |v| check_outcomes_value(bundle, v, &settings).map_err(clock_blamed),
        ),
        Command::Estimate => answer(
            settings.detail,
            options.lenient,
            &v,
            |v| estimate_value(bundle, v, &settings).map_err(clock_blamed),
            |v| estimate_outcomes_value(bundle, v, &settings).map_err(clock_blamed),
        ),
    }?;
    json.map_err(|e| InputErrors::one("output", Text::new(format!("无法输出：{e}"), format!("cannot serialise: {e}"))))
}

/// [`shuzhuan_policy::contract::answer`] in a build without the compact answer (the widgets'):
/// the full report only, `detail: "outcomes"` refused on `detail`; `compact` is never called, so
/// the outcome types and their evaluation stay out of the module.
#[cfg(all(any(feature = "check", feature = "estimate"), not(feature = "outcomes")))]
fn answer<R: Serialize, C>(
    detail: shuzhuan_policy::contract::Detail,
    lenient: bool,
    v: &serde_json::Value,
    run: impl Fn(&serde_json::Value) -> Result<R, InputErrors>,
    _compact: impl Fn(&serde_json::Value) -> Result<C, InputErrors>,
) -> Result<Result<String, serde_json::Error>, InputErrors> {
    if detail != shuzhuan_policy::contract::Detail::Full {
        return Err(InputErrors::one(
            "detail",
            Text::new("这一版本只给完整报告：detail 应为 \"full\"", "this build answers full reports only: detail must be \"full\""),
        ));
    }
    shuzhuan_policy::contract::report(lenient, v, run)
}

/// The contract text of an input: a string as it is (JSON text, as a file holds it); anything
/// else through `JSON.stringify` (`undefined` gives empty text, which the core reports on `input`).
fn input_text(input: &JsValue) -> Result<String, InputErrors> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    if input.is_undefined() {
        return Ok(String::new());
    }
    match js_sys::JSON::stringify(input) {
        Ok(s) => Ok(s.as_string().unwrap_or_default()),
        Err(e) => {
            let why = e.dyn_ref::<js_sys::Error>().and_then(|e| e.message().as_string()).unwrap_or_default();
            Err(InputErrors::one(
                "input",
                Text::new(format!("输入无法转换为 JSON：{why}"), format!("the input cannot be turned into JSON: {why}")),
            ))
        }
    }
}

/// The options object (or JSON text, or nothing), with today's date from the device's clock
/// (local time) unless `today` is given. An object goes through `JSON.stringify` to the contract's
/// own reader: serde-wasm-bindgen reads only a struct's known keys, so it could not refuse an
/// unknown one (a misspelt `asOf` would silently be ignored).
fn options_of(js: &JsValue) -> Result<Options, InputErrors> {
    let mut options = if js.is_undefined() || js.is_null() {
        Options::default()
    } else if let Some(text) = js.as_string() {
        Options::from_json(&text)?
    } else {
        let text = js_sys::JSON::stringify(js).ok().and_then(|s| s.as_string()).unwrap_or_default();
        Options::from_json(if text.is_empty() { "null" } else { &text })?
    };
    if options.today.is_none() {
        // A broken clock leaves `today` unset: a date in the input or `as_of` still works, and
        // without one `date_for` says the clock is the problem.
        options.today = local_today().ok().map(|d| d.to_string());
    }
    Ok(options)
}

fn settings(js: &JsValue) -> Result<contract::Settings, JsValue> {
    options_of(js).and_then(|o| o.settings()).map_err(|e| thrown(&e))
}

/// `todayInChina()`: today's date in China (UTC+8) from the device's clock, `YYYY-MM-DD`, by the
/// core's one rule ([`Date::in_china_at`]); a clock that cannot be right is thrown as an
/// `InputError` on `today`, never replaced by a fixed date.
#[wasm_bindgen(js_name = todayInChina, skip_typescript)]
pub fn today_in_china() -> Result<String, JsValue> {
    local_today().map(|d| d.to_string()).map_err(|e| thrown(&InputErrors::one("today", e.message())))
}

/// The date to evaluate on ([`contract::Settings::date_for`]); when there is none because the
/// device's clock is broken, the error says so.
pub(crate) fn date_for(settings: &contract::Settings, input_as_of: Option<Date>) -> Result<Date, InputErrors> {
    settings.date_for(input_as_of).map_err(|e| match local_today() {
        Err(clock) => InputErrors::one("today", clock.message()),
        Ok(_) => e,
    })
}

/// A missing date blamed on the device's clock when the clock is what failed (as [`date_for`]).
#[cfg(any(feature = "check", feature = "estimate"))]
fn clock_blamed(e: InputErrors) -> InputErrors {
    match local_today() {
        Err(clock) if e.errors.iter().any(|x| x.field == "today") => InputErrors::one("today", clock.message()),
        _ => e,
    }
}

/// Today in China (UTC+8) from the device's clock; a clock that cannot be right is an error
/// naming `today`, never a fixed fallback date.
fn local_today() -> Result<Date, shuzhuan_policy::date::ClockError> {
    let secs = (js_sys::Date::now() / 1000.0).floor();
    // A finite f64 of whole seconds in i64's range converts exactly; anything else is a broken clock.
    let secs = if secs.is_finite() && secs.abs() < 9.0e15 { secs as i64 } else { i64::MIN };
    Date::in_china_at(secs)
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serializer())
        .map_err(|e| thrown(&InputErrors::one("output", Text::new(format!("无法输出：{e}"), format!("cannot serialise: {e}")))))
}

/// The value thrown for bad input: an `Error` named `InputError`, its message every problem in
/// both languages, and an enumerable `errors` property holding the CLI's list, so that
/// `JSON.stringify(e)` is the CLI's `{"errors": […]}`.
fn thrown(errors: &InputErrors) -> JsValue {
    let message = errors.errors.iter().map(|e| e.render(Lang::Zh)).collect::<Vec<_>>().join("\n");
    let err = js_sys::Error::new(&message);
    let list = errors.serialize(&serializer()).ok().and_then(|v| js_sys::Reflect::get(&v, &"errors".into()).ok());
    let list = list.unwrap_or_else(|| js_sys::Array::new().into());
    let name = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&name, &"value".into(), &"InputError".into());
    let _ = js_sys::Reflect::set(&name, &"configurable".into(), &true.into());
    let _ = js_sys::Reflect::set(&name, &"writable".into(), &true.into());
    js_sys::Object::define_property(&err, &"name".into(), &name);
    let _ = js_sys::Reflect::set(&err, &"errors".into(), &list);
    err.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shuzhuan_policy::rules::Status;
    use shuzhuan_policy::RuleBundle;

    #[test]
    fn programme_lines_follow_the_date() {
        let bundle = RuleBundle::embedded();
        let d = Date::new(2025, 6, 30).unwrap();
        let list = programme_list(bundle, d, Lang::En);
        assert_eq!(list.len(), bundle.programmes.len());
        let xiamen = list.iter().find(|p| p.id == "xiamen-2024").unwrap();
        assert_eq!(xiamen.status, Status::InForce);
        assert!(xiamen.draft);
        assert_eq!(xiamen.as_of, d);
        let far = programme_list(bundle, Date::new(2030, 1, 1).unwrap(), Lang::Zh);
        assert!(far.iter().all(|p| p.status == Status::Expired));
    }

    #[test]
    fn the_estimator_spec_is_the_cores_with_labels() {
        let p = RuleBundle::embedded().get("xiamen-2024").unwrap();
        let s = spec(p, Date::new(2025, 6, 30).unwrap());
        let v = SpecView::of(&p.id, &s, Lang::En);
        assert_eq!(v.levels, vec![2, 3, 4]);
        assert_eq!(v.inputs.len(), s.inputs.len());
        let input = v.inputs.iter().find(|i| i.field == "eligible_input_yuan").unwrap();
        assert!(input.money);
        // A label: the English capitalised (the rule data writes it in lower case for sentences).
        assert_eq!(input.label, "Actual eligible transformation input");
        assert_eq!(v.awards.len(), s.awards.len());
    }

    #[test]
    fn search_maps_hits_to_programmes() {
        let hits = industry_search("集成电路", Lang::Zh).unwrap();
        assert_eq!(hits[0].code, "3973");
        assert!(!hits[0].programmes.is_empty());
        assert!(industry_search("电子", Lang::Zh).unwrap().len() <= SEARCH_LIMIT);
        assert!(industry_search("   ", Lang::Zh).unwrap().is_empty());
    }
}
