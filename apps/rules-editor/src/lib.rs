//! # shuzhuan-rules-editor — 规则包编辑器
//!
//! The WebAssembly module of `rules.html`, the page on which a city bureau writes its programme as
//! a TOML rule pack (规则包) and sees, as it types, what `shuzhuan rules validate` would say, how
//! the policy library would show the programme, the form it generates, a verdict for a profile,
//! and the `rules.json` the app reads. Everything runs in the page: nothing is sent anywhere.
//!
//! A thin shell over the core, as the other shells are: every export takes text (the pack's file
//! name and TOML text, a check's input JSON) and returns JSON text that `www/rules-boot.js`
//! parses and draws. Each call reads the pack afresh ([`RuleBundle::from_sources`]); no state is
//! kept between calls, so what the page shows is always the text in the box. No export panics:
//! bad text, bad input or a broken clock come back as problems or errors in the JSON.

#![forbid(unsafe_code)]

mod preview;

use serde_json::{json, Value};
use shuzhuan_policy::bundle::{build_pack as core_build_pack, BundleError};
use shuzhuan_policy::input::parse_check_input_in;
use shuzhuan_policy::{Date, InputErrors, Lang, RuleBundle, Text};
use wasm_bindgen::prelude::*;

/// The commented template `shuzhuan rules new` writes (crates/cli), so the page starts from the
/// same text a bureau gets on the command line.
const TEMPLATE: &str = include_str!("../../../crates/cli/src/template.toml");

/// The id the page's template gets (the CLI takes it from its argument).
pub const TEMPLATE_ID: &str = "example-2026";

/// Today in China from the device's clock (Unix seconds from `Date.now() / 1000`), by the core's
/// rule; `None` when the clock cannot be right (then nothing is dated from it).
fn today(unix_seconds: f64) -> Option<Date> {
    // `as` saturates (NaN becomes 0), and the core refuses a clock before 2020 or after 2200.
    Date::in_china_at(unix_seconds as i64).ok()
}

/// `todayInChina(unixSeconds)`: `YYYY-MM-DD`, or `undefined` when the device's clock cannot be right.
#[wasm_bindgen(js_name = todayInChina)]
pub fn today_in_china(unix_seconds: f64) -> Option<String> {
    today(unix_seconds).map(|d| d.to_string())
}

/// `template(unixSeconds)`: the template as `shuzhuan rules new example-2026` writes it today.
/// With a broken clock `{TODAY}` is left in place: the page then lists that line as a problem
/// for the user to date, rather than writing a date nobody chose.
#[wasm_bindgen]
pub fn template(unix_seconds: f64) -> String {
    let filled = TEMPLATE.replace("{ID}", TEMPLATE_ID);
    match today(unix_seconds) {
        Some(d) => filled.replace("{TODAY}", &d.to_string()),
        None => filled,
    }
}

/// The name a text is read under: the name of the file it was opened from when there is one,
/// else `<id>.toml` from its top-level `id = "…"` line (so typed or pasted text is not refused
/// for a file name nobody gave it), else `rules.toml`. The core refuses an id that differs from
/// the file's name, as the CLI does for a file on disk.
pub fn file_name(opened: &str, text: &str) -> String {
    if !opened.trim().is_empty() {
        return opened.trim().to_string();
    }
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            break; // past the top-level keys
        }
        let Some(rest) = line.strip_prefix("id") else { continue };
        let Some(rest) = rest.trim_start().strip_prefix('=') else { continue };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('"').or_else(|| rest.strip_prefix('\'')) else { break };
        let id: String = rest.chars().take_while(|c| !matches!(c, '"' | '\'')).collect();
        if !id.is_empty() && id.len() <= 100 && !id.contains(['/', '\\']) {
            return format!("{id}.toml");
        }
        break;
    }
    "rules.toml".to_string()
}

/// The pack's problems, by line (those the core could not place last), as the page lists them.
fn problems_json(e: &BundleError) -> Value {
    let mut problems = e.problems.clone();
    problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(usize::MAX)));
    json!({ "ok": false, "problems": problems })
}

/// Reads one file's text as a bundle of one programme.
fn read(name: &str, text: &str) -> Result<RuleBundle, BundleError> {
    RuleBundle::from_sources(&[(name.to_string(), text.to_string())], name)
}

/// `validate(fileName, text, unixSeconds)`: the pack checked as `shuzhuan rules validate` checks
/// it. JSON: `{ok: false, file, problems: [{file, path, line, column, message}]}` (every problem,
/// by line), or `{ok: true, file, hash, programme, form}` — the programme as the library shows
/// it and the form it generates ([`preview`]), dated today when the clock can be trusted.
#[wasm_bindgen]
pub fn validate(file: &str, text: &str, unix_seconds: f64) -> String {
    let name = file_name(file, text);
    let out = match read(&name, text) {
        Err(e) => problems_json(&e),
        Ok(bundle) => match bundle.programmes.first() {
            Some(p) => json!({
                "ok": true,
                "hash": bundle.hash,
                "programme": preview::programme(p, today(unix_seconds)),
                "form": preview::form(&bundle, p, today(unix_seconds)),
            }),
            // from_sources refuses a bundle without a programme; said here all the same.
            None => {
                json!({ "ok": false, "problems": [{ "file": name, "path": "", "message": "no programme was read", "message_zh": "没有读到任何项目" }] })
            }
        },
    };
    with_file(out, &name)
}

/// Adds the file name the text was read under to an answer.
fn with_file(mut out: Value, name: &str) -> String {
    if let Some(o) = out.as_object_mut() {
        o.insert("file".into(), json!(name));
    }
    out.to_string()
}

/// `check(fileName, text, inputJson, lang, unixSeconds)`: the core's `check` of a profile
/// against this pack alone, as the app would run it. `inputJson` is the JSON contract's check
/// input (`{as_of, profile: {industry, employees, revenue_yuan, region, answers}}`). JSON:
/// `{ok: true, report}` (the CLI's report, in `lang`: `zh` or `en`), `{ok: false, errors:
/// [{field, message: {zh, en}}]}` for input the core refuses, or `{ok: false, problems}` when the
/// pack itself does not validate.
#[wasm_bindgen]
pub fn check(file: &str, text: &str, input: &str, lang: &str, unix_seconds: f64) -> String {
    let name = file_name(file, text);
    let lang = if lang == "en" { Lang::En } else { Lang::Zh };
    let out = match read(&name, text) {
        Err(e) => problems_json(&e),
        // A place's name is read by the pack's cities too, as the app reads it.
        Ok(bundle) => match parse_check_input_in(input, &bundle.programmes) {
            Err(e) => errors_json(&e),
            // The date evaluated is the input's `as_of`; without one, today — and with a broken
            // clock and no `as_of` there is no date to evaluate on, which is said so.
            Ok(i) => match i.as_of.or_else(|| today(unix_seconds)) {
                None => errors_json(&InputErrors::one(
                    "as_of",
                    Text::new("设备时钟不正确，请填写评估日期", "the device's clock cannot be right: enter the date to evaluate on"),
                )),
                Some(day) => {
                    let report = shuzhuan_policy::check(&i, &bundle, day, lang);
                    match serde_json::to_value(&report) {
                        Ok(r) => json!({ "ok": true, "report": r }),
                        Err(e) => {
                            json!({ "ok": false, "errors": [{ "field": "", "message": { "zh": e.to_string(), "en": e.to_string() } }] })
                        }
                    }
                }
            },
        },
    };
    with_file(out, &name)
}

/// Input errors as the page lists them.
fn errors_json(e: &InputErrors) -> Value {
    json!({ "ok": false, "errors": e.errors })
}

/// `buildPack(fileName, text)`: the pack `shuzhuan rules build` writes from this one file (the
/// `rules.json` the app, the widgets and the reviewers' pages read). JSON: `{ok: true, file,
/// pack}` with the pack's JSON text, or `{ok: false, file, problems}`.
#[wasm_bindgen(js_name = buildPack)]
pub fn build_pack(file: &str, text: &str) -> String {
    let name = file_name(file, text);
    let out = match core_build_pack(&[(name.clone(), text.to_string())]) {
        Ok(pack) => json!({ "ok": true, "pack": pack }),
        Err(e) => problems_json(&e),
    };
    with_file(out, &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-06-30 12:00 in China.
    const NOON: f64 = 1_782_792_000.0;

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).expect("every export answers JSON")
    }

    #[test]
    fn the_template_is_dated_and_validates() {
        let t = template(NOON);
        assert!(t.contains("id = \"example-2026\"") && t.contains("checked = 2026-06-30"), "{t}");
        let v = parse(&validate("", &t, NOON));
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["file"], "example-2026.toml");
        assert_eq!(v["programme"]["title"]["zh"], "示例市中小企业数字化转型试点实施方案");
        assert_eq!(v["programme"]["versions"][0]["criteria"][3]["when"], "answer(tax_paid)");
        assert_eq!(v["form"]["enterprise"][0]["id"], "tax_paid");
        assert_eq!(v["form"]["project"][0]["id"], "eligible_input_yuan");
    }

    #[test]
    fn a_broken_clock_leaves_the_date_to_the_user() {
        assert_eq!(today_in_china(0.0), None);
        assert_eq!(today_in_china(f64::NAN), None);
        let t = template(f64::NAN);
        assert!(t.contains("checked = {TODAY}"));
        let v = parse(&validate("", &t, f64::NAN));
        assert_eq!(v["ok"], false);
        let line = t.lines().position(|l| l.starts_with("checked")).unwrap() + 1;
        assert_eq!(v["problems"][0]["line"], line, "{v}");
    }

    #[test]
    fn a_misspelt_question_is_placed_on_its_line() {
        let t = template(NOON).replace("answer(tax_paid)", "answer(tax_payed)");
        let line = t.lines().position(|l| l.contains("answer(tax_payed)")).unwrap() + 1;
        let v = parse(&validate("", &t, NOON));
        assert_eq!(v["ok"], false);
        let problems = v["problems"].as_array().unwrap();
        assert!(problems.iter().any(|p| p["line"] == line && p["message"].as_str().unwrap().contains("tax_payed")), "{v}");
    }

    #[test]
    fn the_file_name_comes_from_the_file_or_the_id() {
        assert_eq!(file_name(" xiamen-2024.toml ", "id = \"x\""), "xiamen-2024.toml");
        assert_eq!(file_name("", "schema = 2\nid = \"qingdao-2026\"  # a comment\n"), "qingdao-2026.toml");
        assert_eq!(file_name("", "[[versions]]\nid = \"v1\"\n"), "rules.toml");
        assert_eq!(file_name("", "id = \"../x\"\n"), "rules.toml");
        assert_eq!(file_name("", ""), "rules.toml");
        // A file opened under another name than its id is refused, as on the command line.
        let v = parse(&validate("other.toml", &template(NOON), NOON));
        assert!(v["problems"].as_array().unwrap().iter().any(|p| p["path"] == "id"), "{v}");
    }

    #[test]
    fn a_manufacturing_sme_in_the_city_passes_once_it_says_it_pays_its_taxes() {
        let t = template(NOON);
        let input = |answers: &str| {
            format!(
                r#"{{"as_of": "2026-06-30", "profile": {{"industry": "3973", "employees": "120", "revenue_yuan": "8500万", "region": "379901"{answers}}}}}"#
            )
        };
        let v = parse(&check("", &t, &input(""), "zh", NOON));
        let p = &v["report"]["programmes"][0];
        assert_eq!(p["verdict"], "unknown", "{v}");
        let v = parse(&check("", &t, &input(r#", "answers": {"tax_paid": true}"#), "en", NOON));
        let p = &v["report"]["programmes"][0];
        assert_eq!(p["verdict"], "eligible", "{v}");
        assert!(p["criteria"].as_array().unwrap().iter().all(|c| c["outcome"] == "pass"));
        let v = parse(&check("", &t, r#"{"profile": {"employees": "many"}}"#, "zh", NOON));
        assert_eq!(v["errors"][0]["field"], "profile.employees", "{v}");
        let v = parse(&check("", &t, r#"{"profile": {}}"#, "zh", f64::NAN));
        assert_eq!(v["errors"][0]["field"], "as_of", "{v}");
    }

    #[test]
    fn the_pack_is_the_one_the_cli_builds() {
        let v = parse(&build_pack("", &template(NOON)));
        let pack = v["pack"].as_str().unwrap();
        let read = RuleBundle::from_pack_json(pack, "rules.json").unwrap();
        assert_eq!(read.ids(), ["example-2026"]);
        let v = parse(&build_pack("", "schema = 2\n"));
        assert_eq!(v["ok"], false);
    }

    /// No text makes an export panic: every prefix of the template (cut on a character
    /// boundary), and a few odd texts.
    #[test]
    fn no_text_panics() {
        let t = template(NOON);
        let cuts: Vec<usize> = t.char_indices().map(|(i, _)| i).step_by(11).collect();
        for i in cuts {
            let text = &t[..i];
            parse(&validate("", text, NOON));
        }
        for text in ["", "\u{feff}", "id = ", "id = \"", "[[versions]]\n", "schema = 99999999999999999999", "\0\u{202e}"] {
            parse(&validate("", text, NOON));
            parse(&check("", text, "{}", "zh", NOON));
            parse(&build_pack("", text));
        }
        parse(&check("", &t, "not json", "zh", NOON));
    }
}
