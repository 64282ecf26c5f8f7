//! The Fuzhou provider measure (榕工信行规〔2024〕18号) for JavaScript: `providersCheck`,
//! `providersScore` and `providersStars`, the contract commands `providers_check`,
//! `providers_score` and `providers_stars` (the reviewers' page, providers.html, calls them).
//! `providersScore` and `providersStars` also take a sheet — CSV or tab-separated text, as pasted
//! from Excel — which the core reads as `shuzhuan providers score|stars FILE` does.

use crate::{input_text, options_of, thrown};
use shuzhuan_policy::providers;
use shuzhuan_policy::{InputErrors, Text};
use wasm_bindgen::prelude::*;

/// Which part of the measure.
#[derive(Clone, Copy)]
enum Part {
    Check,
    Score,
    Stars,
}

fn run(part: Part, input: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let settings = options_of(options).and_then(|o| o.settings()).map_err(|e| thrown(&e))?;
    let text = input_text(input).map_err(|e| thrown(&e))?;
    // A string that is not a JSON object is a sheet.
    let sheet = input.is_string() && !text.trim_start().starts_with('{');
    let held = crate::rules().map_err(|e| thrown(&e))?;
    let bundle = &*held;
    let lang = settings.lang;
    let json = match part {
        Part::Check => providers::parse_check(&text)
            .and_then(|(date, p)| providers::check(&p, bundle, crate::date_for(&settings, date)?, lang))
            .map(|r| serde_json::to_string(&r)),
        Part::Score => if sheet { providers::score_input_from_csv(&text, bundle) } else { providers::parse_score(&text, bundle) }
            .and_then(|i| providers::score(&i, bundle, lang))
            .map(|r| serde_json::to_string(&r)),
        Part::Stars => if sheet { providers::stars_input_from_csv(&text) } else { providers::parse_stars(&text) }
            .and_then(|i| providers::stars(&i, bundle, lang))
            .map(|r| serde_json::to_string(&r)),
    }
    .map_err(|e| thrown(&e))?
    .map_err(|e| thrown(&InputErrors::one("output", Text::new(format!("无法输出：{e}"), format!("cannot serialise: {e}")))))?;
    js_sys::JSON::parse(&json)
        .map_err(|_| thrown(&InputErrors::one("output", Text::new("报告无法读回", "the report could not be read back"))))
}

/// `providersCheck(input, options?)`: a provider's self-check against the call's conditions.
#[wasm_bindgen(js_name = providersCheck, skip_typescript)]
pub fn providers_check(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(Part::Check, &input, &options)
}

/// `providersScore(input, options?)`: the experts' scores trimmed, averaged, vetoed and ranked
/// against each sub-industry's quota, and the reserve filled. `input` is the contract's JSON or a
/// sheet (编号, 名称, 细分行业, 失信名单, one column per expert).
#[wasm_bindgen(js_name = providersScore, skip_typescript)]
pub fn providers_score(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(Part::Score, &input, &options)
}

/// `providersStars(input, options?)`: the exit rule and the pool's minimum, round by round.
/// `input` is the contract's JSON or a sheet (编号, 名称, one column per round).
#[wasm_bindgen(js_name = providersStars, skip_typescript)]
pub fn providers_stars(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(Part::Stars, &input, &options)
}

/// One sub-industry of the provider call, for a picker.
#[derive(serde::Serialize)]
pub struct SubIndustryOption {
    pub id: String,
    pub name: String,
    pub quota: Option<u32>,
}

/// `providerSubIndustries(lang?)`: the call's sub-industries (一、总体目标) with their quotas, as the
/// rule file `fuzhou-providers-2024.toml` lists them.
#[wasm_bindgen(js_name = providerSubIndustries, skip_typescript)]
pub fn provider_sub_industries(lang: JsValue) -> Result<JsValue, JsValue> {
    let lang = if lang.as_string().as_deref() == Some("en") { shuzhuan_policy::Lang::En } else { shuzhuan_policy::Lang::Zh };
    let list: Vec<SubIndustryOption> = crate::rules()
        .map_err(|e| crate::thrown(&e))?
        .get(providers::PROGRAMME)
        .map(|p| {
            p.sub_industries
                .iter()
                .map(|s| SubIndustryOption { id: s.id.clone(), name: s.name.get(lang).to_string(), quota: s.provider_quota })
                .collect()
        })
        .unwrap_or_default();
    crate::to_js(&list)
}
