//! The JSON contract as one call, text in and text out, for shells that speak it. The WASM
//! package (`crates/wasm`) reads its options with [`Options`] and makes the same reports per
//! command; its browser tests compare them with the CLI's.

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::InputErrors;
use crate::estimate::EstimateReport;
use crate::eval::CheckReport;
use crate::input::{CheckInput, EstimateInput};
use crate::lenient::{leniently, Lenient};
use crate::outcomes::{CheckOutcomes, EstimateOutcomes};
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Options beside the input: what "today" is, an `as_of` that overrides the input's, the language.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub today: Option<String>,
    pub as_of: Option<String>,
    pub lang: Option<String>,
    /// Evaluate what is valid (`check` and `estimate`): answer `{"report", "errors"}` with every
    /// field in error left out ([`crate::lenient`]) instead of refusing the input.
    pub lenient: bool,
    /// How much `check` and `estimate` answer: `full` (the default) the whole report, `outcomes`
    /// the compact answer ([`crate::outcomes`]: classes, statuses, verdicts, outcomes, amounts).
    pub detail: Option<String>,
}

/// How much `check` and `estimate` answer (the options' `detail`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// The whole report, with its sentences, quotes and sources.
    #[default]
    Full,
    /// The compact answer ([`crate::outcomes`]).
    Outcomes,
}

/// [`Options`] checked: the dates read, the language chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// "Today", as the shell's clock gives it ([`Date::in_china_at`]); `None` when the options
    /// give none, and then the input or `as_of` must name the date (see [`Settings::date_for`]).
    pub today: Option<Date>,
    /// The date to evaluate on, overriding the input's `as_of`.
    pub as_of: Option<Date>,
    /// The language of the report's sentences (`zh` unless `en` is asked for).
    pub lang: Lang,
    /// The whole report or the compact answer.
    pub detail: Detail,
}

impl Settings {
    /// The date to evaluate on: `as_of` from the options, else the input's own, else today. With
    /// none of them there is no date, and that is an error, never a fixed fallback date.
    ///
    /// ```
    /// use shuzhuan_policy::{contract::Options, Date};
    /// let none = Options::default().settings().unwrap();
    /// assert_eq!(none.date_for(None).unwrap_err().errors[0].field, "today");
    /// let d = Date::new(2025, 6, 30).unwrap();
    /// assert_eq!(none.date_for(Some(d)).unwrap(), d);
    /// ```
    pub fn date_for(&self, input_as_of: Option<Date>) -> Result<Date, InputErrors> {
        self.as_of.or(input_as_of).or(self.today).ok_or_else(|| {
            one_error(
                "today",
                "没有评估日期：请提供今天的日期（today）或评估日期（as_of）".into(),
                "no date to evaluate on: give today's date (today) or the date to evaluate on (as_of)".into(),
            )
        })
    }
}

fn one_error(field: &str, zh: String, en: String) -> InputErrors {
    InputErrors::one(field, Text::new(zh, en))
}

impl Options {
    /// Reads options JSON; blank text means the defaults. An unknown key is an error on `options`.
    ///
    /// ```
    /// use shuzhuan_policy::contract::Options;
    /// assert_eq!(Options::from_json(r#"{"lang": "en"}"#).unwrap().lang.as_deref(), Some("en"));
    /// assert_eq!(Options::from_json(r#"{"when": 1}"#).unwrap_err().errors[0].field, "options");
    /// ```
    pub fn from_json(text: &str) -> Result<Options, InputErrors> {
        let text = crate::text::without_bom(text);
        if text.trim().is_empty() {
            return Ok(Options::default());
        }
        // serde's message quotes an unknown key as written: shown as values are.
        serde_json::from_str(text).map_err(|e| {
            let e = crate::text::shown(&e.to_string(), 200);
            one_error("options", format!("选项无效：{e}"), format!("invalid options: {e}"))
        })
    }

    /// Reads the dates (an error names `today` or `as_of`) and the language.
    ///
    /// ```
    /// use shuzhuan_policy::{contract::Options, Date, Lang};
    /// let o = Options { today: Some("2025-06-30".into()), lang: Some("en".into()), ..Options::default() };
    /// let s = o.settings().unwrap();
    /// assert_eq!((s.today, s.as_of, s.lang), (Date::new(2025, 6, 30), None, Lang::En));
    /// let bad = Options { as_of: Some("2025-13-01".into()), ..Options::default() };
    /// assert_eq!(bad.settings().unwrap_err().errors[0].field, "as_of");
    /// ```
    pub fn settings(&self) -> Result<Settings, InputErrors> {
        let date = |field: &str, s: &Option<String>| -> Result<Option<Date>, InputErrors> {
            match s {
                None => Ok(None),
                Some(s) => Date::parse(s).map(Some).map_err(|e| {
                    let said = e.about(s);
                    one_error(field, format!("{field}：{}", said.zh), format!("{field}: {}", said.en))
                }),
            }
        };
        let today = date("today", &self.today)?;
        let as_of = date("as_of", &self.as_of)?;
        // An unknown language is refused as the CLI's --lang refuses it, rather than answered in
        // Chinese without a word.
        let lang = match self.lang.as_deref() {
            None => Lang::default(),
            Some(l) => Lang::parse(l).ok_or_else(|| {
                let shown = crate::text::shown(l, 20);
                one_error("lang", format!("lang 应为 zh 或 en，收到“{shown}”"), format!("lang must be zh or en, got \"{shown}\""))
            })?,
        };
        let detail = match self.detail.as_deref() {
            None | Some("full") => Detail::Full,
            Some("outcomes") => Detail::Outcomes,
            Some(d) => {
                let shown = crate::text::shown(d, 20);
                return Err(one_error(
                    "detail",
                    format!("detail 应为 full 或 outcomes，收到“{shown}”"),
                    format!("detail must be full or outcomes, got \"{shown}\""),
                ));
            }
        };
        Ok(Settings { today, as_of, lang, detail })
    }
}

/// Runs `check`, `estimate` or `assess` on contract JSON with the embedded rules: the report JSON, or
/// every problem with the input or the options.
///
/// ```
/// use shuzhuan_policy::contract::{evaluate, Options};
/// let opts = Options { today: Some("2025-06-30".into()), ..Options::default() };
/// let out = evaluate("check", r#"{"profile": {"industry": "3973", "employees": 5}}"#, &opts).unwrap();
/// assert!(out.contains("\"is_sme\":\"yes\""));
/// let bad = evaluate("check", r#"{"profile": {"employees": -5}}"#, &opts).unwrap_err();
/// assert_eq!(bad.errors[0].field, "profile.employees");
/// ```
#[cfg(feature = "embedded-rules")]
pub fn evaluate(command: &str, input: &str, options: &Options) -> Result<String, InputErrors> {
    evaluate_with(RuleBundle::embedded(), command, input, options)
}

/// [`evaluate`] with the rules given (a pack a shell loaded).
pub fn evaluate_with(bundle: &RuleBundle, command: &str, input: &str, options: &Options) -> Result<String, InputErrors> {
    let settings = options.settings()?;
    let lang = settings.lang;
    let out = match command {
        "check" => crate::input::json_value(input).and_then(|v| {
            answer(
                settings.detail,
                options.lenient,
                &v,
                |v| check_value(bundle, v, &settings),
                |v| check_outcomes_value(bundle, v, &settings),
            )
        }),
        "estimate" => crate::input::json_value(input).and_then(|v| {
            answer(
                settings.detail,
                options.lenient,
                &v,
                |v| estimate_value(bundle, v, &settings),
                |v| estimate_outcomes_value(bundle, v, &settings),
            )
        }),
        // The assessment carries every sentence in zh and en, so `lang` does not change it.
        "assess" => crate::assess::parse_assess_input(input).and_then(|mut i| {
            let date = settings.date_for(i.as_of)?;
            i.as_of = Some(date);
            Ok(serde_json::to_string(&crate::assess::assess(&i, bundle, date)))
        }),
        // Fuzhou provider selection (榕工信行规〔2024〕18号): see `crate::providers`.
        "providers_check" => crate::providers::parse_check(input)
            .and_then(|(date, p)| crate::providers::check(&p, bundle, settings.date_for(date)?, lang))
            .map(|r| serde_json::to_string(&r)),
        "providers_score" => crate::providers::parse_score(input, bundle)
            .and_then(|i| crate::providers::score(&i, bundle, lang))
            .map(|r| serde_json::to_string(&r)),
        "providers_stars" => {
            crate::providers::parse_stars(input).and_then(|i| crate::providers::stars(&i, bundle, lang)).map(|r| serde_json::to_string(&r))
        }
        other => return Err(one_error("command", format!("未知命令“{other}”"), format!("unknown command \"{other}\""))),
    }?;
    out.map_err(|e| one_error("output", format!("无法输出：{e}"), format!("cannot serialise: {e}")))
}

/// The `check` input read from JSON (a place's name by the bundle's cities too), with the date to
/// evaluate on set as its `as_of`.
fn check_input(bundle: &RuleBundle, v: &Value, settings: &Settings) -> Result<(CheckInput, Date), InputErrors> {
    let mut input = crate::input::check_input_from_value_in(v, &bundle.programmes)?;
    let date = settings.date_for(input.as_of)?;
    input.as_of = Some(date);
    Ok((input, date))
}

/// The `estimate` input read from JSON and checked against the rules, with the date to estimate
/// on set as its `as_of`.
fn estimate_input(bundle: &RuleBundle, v: &Value, settings: &Settings) -> Result<(EstimateInput, Date), InputErrors> {
    let mut input = crate::estimate::validated_value(v, bundle, |as_of| settings.date_for(as_of).ok())?;
    let date = settings.date_for(input.as_of)?;
    input.as_of = Some(date);
    Ok((input, date))
}

/// `check` on input already read as JSON: the report, or every problem with the input.
pub fn check_value(bundle: &RuleBundle, v: &Value, settings: &Settings) -> Result<CheckReport, InputErrors> {
    let (input, date) = check_input(bundle, v, settings)?;
    Ok(crate::eval::check(&input, bundle, date, settings.lang))
}

/// `check`'s compact answer ([`crate::outcomes::check_outcomes`]) on input already read as
/// JSON: the same input and errors as [`check_value`], no sentence made.
pub fn check_outcomes_value(bundle: &RuleBundle, v: &Value, settings: &Settings) -> Result<CheckOutcomes, InputErrors> {
    let (input, date) = check_input(bundle, v, settings)?;
    Ok(crate::outcomes::check_outcomes(&input, bundle, date))
}

/// `estimate` on input already read as JSON: the report, or every problem with the input.
pub fn estimate_value(bundle: &RuleBundle, v: &Value, settings: &Settings) -> Result<EstimateReport, InputErrors> {
    let (input, date) = estimate_input(bundle, v, settings)?;
    crate::estimate::estimate(&input, bundle, date, settings.lang)
}

/// `estimate`'s compact answer ([`crate::outcomes::estimate_outcomes`]) on input already read as
/// JSON: the same input and errors as [`estimate_value`], no sentence made.
pub fn estimate_outcomes_value(bundle: &RuleBundle, v: &Value, settings: &Settings) -> Result<EstimateOutcomes, InputErrors> {
    let (input, date) = estimate_input(bundle, v, settings)?;
    crate::outcomes::estimate_outcomes(&input, bundle, date)
}

/// [`report`] of what `detail` asks: the full report `full` makes, or the compact answer
/// `compact` makes (e.g. [`check_value`] and [`check_outcomes_value`]).
pub fn answer<R: Serialize, C: Serialize>(
    detail: Detail,
    lenient: bool,
    v: &Value,
    full: impl Fn(&Value) -> Result<R, InputErrors>,
    compact: impl Fn(&Value) -> Result<C, InputErrors>,
) -> Result<Result<String, serde_json::Error>, InputErrors> {
    match detail {
        Detail::Full => report(lenient, v, full),
        Detail::Outcomes => report(lenient, v, compact),
    }
}

/// The report as JSON text; with `lenient`, `{"report": …|null, "errors": […]}` made from what
/// was valid ([`leniently`]).
pub fn report<R: Serialize>(
    lenient: bool,
    v: &Value,
    run: impl FnMut(&Value) -> Result<R, InputErrors>,
) -> Result<Result<String, serde_json::Error>, InputErrors> {
    if lenient {
        let (report, errors) = leniently(v, run);
        Ok(serde_json::to_string(&Lenient { report, errors }))
    } else {
        let mut run = run;
        run(v).map(|r| serde_json::to_string(&r))
    }
}

/// [`evaluate`] with the options as JSON text too; returns the report or `{"errors": […]}`.
///
/// ```
/// let out = shuzhuan_policy::contract::run("check", r#"{"profile": {"industry": "3973", "employees": 5}}"#, r#"{"today": "2025-06-30"}"#);
/// assert!(out.contains("\"is_sme\":\"yes\""));
/// let bad = shuzhuan_policy::contract::run("check", r#"{"profile": {"employees": -5}}"#, "{}");
/// assert!(bad.contains("profile.employees"));
/// ```
#[cfg(feature = "embedded-rules")]
pub fn run(command: &str, input: &str, options: &str) -> String {
    run_with(RuleBundle::embedded(), command, input, options)
}

/// [`run`] with the rules given.
pub fn run_with(bundle: &RuleBundle, command: &str, input: &str, options: &str) -> String {
    match Options::from_json(options).and_then(|o| evaluate_with(bundle, command, input, &o)) {
        Ok(json) => json,
        Err(e) => serde_json::to_string(&e).unwrap_or_else(|_| "{\"errors\":[]}".into()),
    }
}

#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;

    /// `lenient`: one bad field is left out and named, the rest still answers; without it the
    /// same input is refused. The report made leniently is the report of the input without the
    /// bad field, byte for byte.
    #[test]
    fn lenient_answers_from_what_is_valid() {
        let options = r#"{"today": "2025-06-30", "lenient": true}"#;
        let bad = r#"{"profile": {"industry": "3973", "region": "350203", "employees": -5, "revenue_yuan": "8500万"}}"#;
        let without = r#"{"profile": {"industry": "3973", "region": "350203", "revenue_yuan": "8500万"}}"#;
        let out: serde_json::Value = serde_json::from_str(&run("check", bad, options)).unwrap();
        assert_eq!(out["errors"][0]["field"], "profile.employees");
        let plain: serde_json::Value = serde_json::from_str(&run("check", without, r#"{"today": "2025-06-30"}"#)).unwrap();
        assert_eq!(out["report"], plain);
        assert!(run("check", bad, r#"{"today": "2025-06-30"}"#).starts_with(r#"{"errors""#));
        // An estimate whose programme is unknown cannot be made from the rest: no report, the reason.
        let out: serde_json::Value =
            serde_json::from_str(&run("estimate", r#"{"programme": "nowhere", "project": {"digital_level_after": 3}}"#, options)).unwrap();
        assert_eq!((out["report"].is_null(), out["errors"][0]["field"].as_str()), (true, Some("programme")));
        // A bad award is left out with its whole list; the level still counts.
        let out: serde_json::Value = serde_json::from_str(&run(
            "estimate",
            r#"{"programme": "xiamen-2024", "project": {"digital_level_after": 3, "eligible_input_yuan": "100万", "awards": ["no-such-award"]}}"#,
            options,
        ))
        .unwrap();
        assert!(out["errors"][0]["field"].as_str().unwrap().starts_with("project.awards"), "{out}");
        assert!(out["report"]["measures"].is_array(), "{out}");
    }

    /// An unknown key holding an escape sequence, in any command's input or in the options, is
    /// named as values are shown: no error's field or message carries a control character.
    #[test]
    fn unknown_keys_are_shown_in_every_command() {
        let key = "\u{1b}[2J\u{1b}[H";
        let input = serde_json::json!({ key: 1 }).to_string();
        let commands = ["check", "estimate", "assess", "providers_check", "providers_score", "providers_stars"];
        let options = serde_json::json!({ key: 1 }).to_string();
        let runs = commands.iter().map(|c| run(c, &input, "{}")).chain([run("check", "{}", &options)]);
        for (i, out) in runs.enumerate() {
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            let errors = v["errors"].as_array().unwrap_or_else(|| panic!("{i}: {out}"));
            let texts: Vec<&str> =
                errors.iter().flat_map(|e| [&e["field"], &e["message"]["zh"], &e["message"]["en"]]).filter_map(|t| t.as_str()).collect();
            assert!(texts.iter().any(|t| t.contains("[U+001B][2J")), "{i}: the key is not named: {out}");
            assert!(texts.iter().all(|t| !t.chars().any(char::is_control)), "{i}: {texts:?}");
        }
    }
}
