//! Reads the embedded rules (the JSON `build.rs` makes from the rule files) into [`Programme`]s
//! by hand, walking a `serde_json::Value`.
//!
//! Why not serde's derived deserialisers: monomorphised for serde_json's reader, they cost the
//! WebAssembly app about 20 KB brotli (a twelfth of its first load) and the parse runs before
//! the app is interactive. `Value` is in every build anyway (the contract and the share links
//! read it), and these readers are a few small functions.
//!
//! Every fault is collected: each field of an object and each item of a list is read even when
//! one before it is bad, so a broken pack's problems are listed at once, as a rules directory's
//! are. A value of the wrong type still stops the reading of that value.
//!
//! The rule files themselves (TOML, `--rules DIR`) are still read by the derived deserialisers,
//! which refuse unknown keys and say where. The two readers must agree: the test suite reads
//! every embedded file both ways and requires equal programmes (`tests/rules.rs`), so a field
//! added to a rule type and to a rule file but not here fails the build's tests.

use crate::date::Date;
use crate::rules::{
    AltCap, Audience, Choice, CityRef, Count, CountRange, Criterion, DistrictRef, FirstInstalment, Formula, Measure, NotStated, Note,
    Overlap, OverlapRule, PaidTo, Programme, ProviderPool, Question, QuestionKind, RuleVersion, Scope, Source, SourceKind, SubIndustry,
    Threshold,
};
use crate::t;
use crate::text::Text;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::str::FromStr;

/// A problem: where (`versions[0].measures[2].formula.ratio`) and what.
pub(super) type Fault = (String, Text);
/// A value read, or every fault found in it (never an empty list).
type Read<T> = Result<T, Vec<Fault>>;
/// One fault: the first.
#[cfg(test)]
type R<T> = Result<T, Fault>;

/// The faults as a file's read problems: no column inside a condition (the reader says it in
/// the message).
pub(super) fn unlocated(faults: Vec<Fault>) -> Vec<super::ReadProblem> {
    faults.into_iter().map(|(path, message)| (path, message, None)).collect()
}

/// One JSON object being read, with its path for messages.
struct Obj<'v> {
    map: &'v Map<String, Value>,
    at: String,
}

fn fault<T>(at: &str, message: Text) -> Read<T> {
    Err(vec![(at.to_string(), message)])
}

fn missing<T>(at: &str, key: &str) -> Read<T> {
    fault(at, t!("缺少字段 `{key}`", "missing field `{key}`"))
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

/// Every item read: the values, or the faults of all the items that have one.
fn each<T>(items: impl Iterator<Item = Read<T>>) -> Read<Vec<T>> {
    let mut out = Vec::new();
    let mut faults = Vec::new();
    for item in items {
        match item {
            Ok(x) => out.push(x),
            Err(mut f) => faults.append(&mut f),
        }
    }
    if faults.is_empty() {
        Ok(out)
    } else {
        Err(faults)
    }
}

/// A struct (or an enum's struct variant) whose fields are each read on their own: every field
/// is read, so one bad field does not hide the next, and the faults of all come back together.
macro_rules! all_of {
    ($($ty:ident)::+ { $($field:ident: $read:expr),* $(,)? }) => {{
        let mut faults: Vec<Fault> = Vec::new();
        $(
            let $field = match $read {
                Ok(x) => Some(x),
                Err(mut f) => {
                    faults.append(&mut f);
                    None
                }
            };
        )*
        match ($($field,)*) {
            ($(Some($field),)*) => Ok($($ty)::+ { $($field),* }),
            _ => Err(faults),
        }
    }};
}

impl<'v> Obj<'v> {
    fn new(v: &'v Value, at: String) -> Read<Obj<'v>> {
        match v {
            Value::Object(map) => Ok(Obj { map, at }),
            _ => fault(&at, t!("这里应为表（table）", "expected a table")),
        }
    }

    /// The value of `key` with its path, or `None` when absent (or null).
    fn get(&self, key: &str) -> Option<(&'v Value, String)> {
        self.map.get(key).filter(|v| !v.is_null()).map(|v| (v, join(&self.at, key)))
    }

    fn req<T>(&self, key: &str, read: fn(&Value, &str) -> Read<T>) -> Read<T> {
        match self.get(key) {
            Some((v, at)) => read(v, &at),
            None => missing(&self.at, key),
        }
    }

    fn opt<T>(&self, key: &str, read: fn(&Value, &str) -> Read<T>) -> Read<Option<T>> {
        self.get(key).map(|(v, at)| read(v, &at)).transpose()
    }

    /// A list; absent means empty (the fields read this way are `#[serde(default)]`).
    fn list<T>(&self, key: &str, read: fn(&Value, &str) -> Read<T>) -> Read<Vec<T>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some((Value::Array(items), at)) => each(items.iter().enumerate().map(|(i, v)| read(v, &format!("{at}[{i}]")))),
            Some((_, at)) => fault(&at, t!("这里应为数组（列表）", "expected an array")),
        }
    }

    /// A list that must be there (it may be empty).
    fn req_list<T>(&self, key: &str, read: fn(&Value, &str) -> Read<T>) -> Read<Vec<T>> {
        match self.get(key) {
            Some(_) => self.list(key, read),
            None => missing(&self.at, key),
        }
    }

    /// A table of decimals by key; absent means empty.
    fn decimals(&self, key: &str) -> Read<BTreeMap<String, Decimal>> {
        let Some((v, at)) = self.get(key) else { return Ok(BTreeMap::new()) };
        let o = Obj::new(v, at)?;
        let entries = each(o.map.iter().map(|(k, v)| Ok((k.clone(), decimal(v, &join(&o.at, k))?))))?;
        Ok(entries.into_iter().collect())
    }
}

fn string(v: &Value, at: &str) -> Read<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => fault(at, t!("这里应为字符串", "expected a string")),
    }
}

fn boolean(v: &Value, at: &str) -> Read<bool> {
    v.as_bool().map_or_else(|| fault(at, t!("这里应为 true 或 false", "expected true or false")), Ok)
}

fn count(v: &Value, at: &str) -> Read<u32> {
    v.as_u64().and_then(|n| u32::try_from(n).ok()).map_or_else(|| fault(at, t!("这里应为整数", "expected a whole number")), Ok)
}

/// A decimal written as a string (`"0.3"`) or a number, read as rust_decimal's serde does.
fn decimal(v: &Value, at: &str) -> Read<Decimal> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return fault(at, t!("这里应为数字", "expected a decimal")),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .or_else(|_| fault(at, t!("{text:?} 不是有效的数字", "invalid decimal {text:?}")))
}

fn date(v: &Value, at: &str) -> Read<Date> {
    let s = string(v, at)?;
    Date::parse(&s).or_else(|e| fault(at, t!("{s:?} 不是有效的日期（{e:?}）", "invalid date {s:?}: {e:?}")))
}

fn text(v: &Value, at: &str) -> Read<Text> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Text { zh: o.req("zh", string), en: o.req("en", string) })
}

/// A unit enum variant by its snake_case name.
fn variant<T: Copy>(v: &Value, at: &str, names: &[(&str, T)]) -> Read<T> {
    let s = string(v, at)?;
    names.iter().find(|(n, _)| *n == s).map(|(_, t)| *t).map_or_else(|| fault(at, t!("未知的取值 {s:?}", "unknown variant {s:?}")), Ok)
}

fn audience(v: &Value, at: &str) -> Read<Audience> {
    variant(v, at, &[("enterprise", Audience::Enterprise), ("provider", Audience::Provider)])
}

fn source_kind(v: &Value, at: &str) -> Read<SourceKind> {
    variant(v, at, &[("official", SourceKind::Official), ("draft", SourceKind::Draft), ("secondary", SourceKind::Secondary)])
}

fn question_kind(v: &Value, at: &str) -> Read<QuestionKind> {
    use QuestionKind::*;
    let names = [
        ("yes_no", YesNo),
        ("choice", Choice),
        ("yuan", Yuan),
        ("count", Count),
        ("person_days", PersonDays),
        ("date", Date),
        ("level", Level),
    ];
    variant(v, at, &names)
}

fn scope(v: &Value, at: &str) -> Read<Scope> {
    variant(v, at, &[("enterprise", Scope::Enterprise), ("project", Scope::Project)])
}

fn choice(v: &Value, at: &str) -> Read<Choice> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Choice { id: o.req("id", string), label: o.req("label", text) })
}

fn question(v: &Value, at: &str) -> Read<Question> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Question {
        id: o.req("id", string),
        kind: o.req("kind", question_kind),
        scope: o.req("scope", scope),
        label: o.req("label", text),
        help: o.opt("help", text),
        unit: o.opt("unit", text),
        choices: o.list("choices", choice),
        source: o.req("source", source),
    })
}

fn source(v: &Value, at: &str) -> Read<Source> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Source { clause: o.req("clause", string), quote: o.req("quote", string) })
}

fn city(v: &Value, at: &str) -> Read<CityRef> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(CityRef {
        code: o.req("code", string),
        zh: o.req("zh", string),
        en: o.req("en", string),
        districts: o.list("districts", district),
    })
}

fn district(v: &Value, at: &str) -> Read<DistrictRef> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(DistrictRef { code: o.req("code", string), zh: o.req("zh", string) })
}

fn sub_industry(v: &Value, at: &str) -> Read<SubIndustry> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(SubIndustry {
        id: o.req("id", string),
        name: o.req("name", text),
        codes: o.req_list("codes", string),
        confirm_codes: o.list("confirm_codes", string),
        confirm_reason: o.opt("confirm_reason", text),
        provider_quota: o.opt("provider_quota", count),
        source: o.req("source", source),
    })
}

fn provider_pool(v: &Value, at: &str) -> Read<ProviderPool> {
    let o = Obj::new(v, at.to_string())?;
    let count_of = |v: &Value, at: &str| -> Read<Count> {
        let o = Obj::new(v, at.to_string())?;
        all_of!(Count { value: o.req("value", count), source: o.req("source", source) })
    };
    all_of!(ProviderPool {
        reserve: o.req("reserve", |v, at| {
            let o = Obj::new(v, at.to_string())?;
            all_of!(CountRange { min: o.req("min", count), max: o.req("max", count), source: o.req("source", source) })
        }),
        minimum: o.req("minimum", count_of),
        exit_after_no_stars: o.req("exit_after_no_stars", count_of),
    })
}

fn criterion(v: &Value, at: &str) -> Read<Criterion> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Criterion {
        id: o.req("id", string),
        title: o.req("title", text),
        when: o.req("when", string),
        source: o.req("source", source),
        cond: Ok(None),
    })
}

fn not_stated(v: &Value, at: &str) -> Read<NotStated> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(NotStated { topic: o.req("topic", string), text: o.req("text", text) })
}

fn note(v: &Value, at: &str) -> Read<Note> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Note { id: o.req("id", string), text: o.req("text", text), source: o.req("source", source) })
}

fn threshold(v: &Value, at: &str) -> Read<Threshold> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Threshold { input: o.req("input", string), more_than: o.req("more_than", decimal) })
}

fn alt_cap(v: &Value, at: &str) -> Read<AltCap> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(AltCap { flag: o.req("flag", string), cap: o.req("cap", decimal), label: o.req("label", text) })
}

fn first_instalment(v: &Value, at: &str) -> Read<FirstInstalment> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(FirstInstalment { input: o.req("input", string), ratio: o.req("ratio", decimal), cap: o.req("cap", decimal) })
}

/// A formula: internally tagged by `kind`, as the rule files write it.
fn formula(v: &Value, at: &str) -> Read<Formula> {
    let o = Obj::new(v, at.to_string())?;
    let kind = o.req("kind", string)?;
    match kind.as_str() {
        "ratio_capped" => all_of!(Formula::RatioCapped {
            input: o.req("input", string),
            ratio: o.req("ratio", decimal),
            cap: o.req("cap", decimal),
            alt_cap: o.opt("alt_cap", alt_cap),
            received_input: o.opt("received_input", string),
        }),
        "per_unit" => all_of!(Formula::PerUnit {
            input: o.req("input", string),
            unit_amount: o.req("unit_amount", decimal),
            cap: o.opt("cap", decimal),
            up_to: o.opt("up_to", boolean).map(|b| b.unwrap_or(true)),
        }),
        "ratio_capped_by_level" => all_of!(Formula::RatioCappedByLevel {
            input: o.req("input", string),
            ratio: o.opt("ratio", decimal),
            ratio_by_year: o.decimals("ratio_by_year"),
            caps_by_level: match o.get("caps_by_level") {
                Some(_) => o.decimals("caps_by_level"),
                None => missing(&o.at, "caps_by_level"),
            },
            first_instalment: o.opt("first_instalment", first_instalment),
        }),
        "ratio_in_band" => all_of!(Formula::RatioInBand {
            input: o.req("input", string),
            ratio: o.req("ratio", decimal),
            min: o.req("min", decimal),
            max: o.req("max", decimal),
        }),
        "threshold_award" => {
            all_of!(Formula::ThresholdAward { thresholds: o.req_list("thresholds", threshold), cap: o.req("cap", decimal) })
        }
        "award" => all_of!(Formula::Award { amount: o.req("amount", decimal), up_to: o.req("up_to", boolean) }),
        "user_parameters" => all_of!(Formula::UserParameters {
            input: o.req("input", string),
            eligible_costs: o.req_list("eligible_costs", text),
            parameters_from: o.req("parameters_from", text),
            by_level: o.opt("by_level", boolean).map(|b| b.unwrap_or(true)),
        }),
        "user_award" => all_of!(Formula::UserAward { parameters_from: o.req("parameters_from", text) }),
        "info" => all_of!(Formula::Info { cap: o.opt("cap", decimal) }),
        _ => fault(&join(&o.at, "kind"), t!("未知的公式类型 {kind:?}", "unknown formula kind {kind:?}")),
    }
}

fn measure(v: &Value, at: &str) -> Read<Measure> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Measure {
        id: o.req("id", string),
        title: o.req("title", text),
        recipient: o.opt("recipient", text),
        paid_to: o.opt("paid_to", paid_to).map(Option::unwrap_or_default),
        role: o.opt("role", string),
        formula: o.req("formula", formula),
        when: o.opt("when", string),
        conditions: o.list("conditions", text),
        source: o.req("source", source),
        cond: Ok(None),
    })
}

fn version(v: &Value, at: &str) -> Read<RuleVersion> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(RuleVersion {
        id: o.req("id", string),
        from: o.req("from", date),
        until: o.req("until", date),
        criteria: o.list("criteria", criterion),
        not_stated: o.list("not_stated", not_stated),
        measures: o.list("measures", measure),
        overlaps: o.list("overlaps", overlap),
    })
}

fn paid_to(v: &Value, at: &str) -> Read<PaidTo> {
    variant(v, at, &[("enterprise", PaidTo::Enterprise), ("other", PaidTo::Other), ("role", PaidTo::Role)])
}

fn overlap(v: &Value, at: &str) -> Read<Overlap> {
    let o = Obj::new(v, at.to_string())?;
    all_of!(Overlap {
        id: o.req("id", string),
        measures: o.req_list("measures", string),
        rule: o.req("rule", |v, at| {
            variant(v, at, &[("highest", OverlapRule::Highest), ("confirm_distinct", OverlapRule::ConfirmDistinct)])
        }),
        text: o.req("text", text),
        source: o.req("source", source),
    })
}

/// Reads one programme from the JSON text of its rule file, with every fault.
#[cfg(any(feature = "embedded-rules", test))]
pub(super) fn programme_faults(json: &str) -> Read<Programme> {
    let v: Value = serde_json::from_str(json).map_err(|e| vec![(String::new(), t!("JSON 格式错误：{e}", "{e}"))])?;
    programme_of(&v)
}

/// [`programme_faults`] with its first fault only, as the tests below compare one.
#[cfg(test)]
fn programme(json: &str) -> R<Programme> {
    programme_faults(json).map_err(|f| f.into_iter().next().unwrap_or_else(|| (String::new(), Text::new("", ""))))
}

/// The programme in a rule file's parsed JSON, its conditions compiled; every fault when it
/// cannot be read.
pub(super) fn programme_of(v: &Value) -> Read<Programme> {
    let o = Obj::new(v, String::new())?;
    if let Some((e, at)) = o.get("__toml_error") {
        let e = string(e, &at)?;
        return fault(&at, t!("TOML 语法错误（以下为解析器的英文原文）：{e}", "{e}"));
    }
    let mut p = all_of!(Programme {
        schema: o.req("schema", count),
        id: o.req("id", string),
        audience: o.req("audience", audience),
        city: o.req("city", city),
        title: o.req("title", text),
        issuer: o.req("issuer", text),
        document_number: o.opt("document_number", string),
        source_kind: o.req("source_kind", source_kind),
        draft: Ok(false),
        issued: o.opt("issued", date),
        valid_from: o.req("valid_from", date),
        valid_from_note: o.opt("valid_from_note", text),
        valid_from_assumed: o.opt("valid_from_assumed", boolean).map(|b| b.unwrap_or(false)),
        pilot_approved: o.opt("pilot_approved", date),
        valid_until: o.req("valid_until", date),
        validity_source: o.req("validity_source", source),
        checked: o.req("checked", date),
        questions: o.list("questions", question),
        sub_industries: o.list("sub_industries", sub_industry),
        provider_pool: o.opt("provider_pool", provider_pool),
        notes: o.list("notes", note),
        versions: o.req_list("versions", version),
    })?;
    // The conditions compiled; each that does not parse is a fault, and the programme unread.
    let faults: Vec<Fault> = p
        .compile()
        .into_iter()
        .map(|(path, col, Text { zh, en })| (path, t!("第 {col} 列，条件写法有误：{zh}", "column {col}: {en}")))
        .collect();
    if faults.is_empty() {
        Ok(p)
    } else {
        Err(faults)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema": 2, "id": "x", "audience": "enterprise",
        "city": {"code": "3502", "zh": "厦门市", "en": "Xiamen"},
        "title": {"zh": "t", "en": "t"}, "issuer": {"zh": "i", "en": "i"}, "source_kind": "official",
        "valid_from": "2024-01-01", "valid_until": "2024-12-31", "checked": "2024-06-01",
        "validity_source": {"clause": "c", "quote": "q"},
        "versions": [{"id": "v", "from": "2024-01-01", "until": "2024-12-31", "measures": [
            {"id": "m", "title": {"zh": "m", "en": "m"}, "source": {"clause": "c", "quote": "q"},
             "formula": FORMULA}]}]}"#;

    fn with(formula: &str) -> R<Programme> {
        programme(&MINIMAL.replace("FORMULA", formula))
    }

    #[test]
    fn a_minimal_programme_reads_with_its_defaults() {
        let p = with(r#"{"kind": "ratio_capped", "input": "cloud_fee_yuan", "ratio": "0.3", "cap": 300000}"#).unwrap();
        assert_eq!(p.document_number, None);
        assert!(p.sub_industries.is_empty() && p.notes.is_empty() && p.versions[0].criteria.is_empty());
        let Formula::RatioCapped { input, ratio, cap, alt_cap, .. } = &p.versions[0].measures[0].formula else { panic!("{p:?}") };
        assert_eq!((input.as_str(), ratio.to_string(), cap.to_string(), alt_cap), ("cloud_fee_yuan", "0.3".into(), "300000".into(), &None));
    }

    #[test]
    fn each_fault_names_its_place() {
        let at = |f: &str| with(f).unwrap_err();
        let m = "versions[0].measures[0].formula";
        assert_eq!(
            at(r#"{"kind": "ratio_capped", "input": "cloud_fee_yuan", "cap": "1"}"#),
            (m.into(), t!("缺少字段 `ratio`", "missing field `ratio`"))
        );
        assert_eq!(at(r#"{"kind": "ratio_capped", "input": "cloud_fee_yuan", "ratio": "x", "cap": "1"}"#).0, format!("{m}.ratio"));
        // An input is a question id: whether it is declared is for the validator, not the reader.
        let wrong = at(r#"{"kind": "per_unit", "input": 7, "unit_amount": "1"}"#);
        assert_eq!(wrong, (format!("{m}.input"), t!("这里应为字符串", "expected a string")));
        assert_eq!(at(r#"{"kind": "nope"}"#), (format!("{m}.kind"), t!("未知的公式类型 \"nope\"", r#"unknown formula kind "nope""#)));
        assert_eq!(at(r#"{"kind": "threshold_award", "cap": "1"}"#).1.en, "missing field `thresholds`");
        assert_eq!(at(r#"[]"#), (m.into(), t!("这里应为表（table）", "expected a table")));
        assert_eq!(programme("{").unwrap_err().0, "");
        let no_versions = MINIMAL.replace("FORMULA", "{}").replace(r#""versions""#, r#""other""#);
        assert_eq!(programme(&no_versions).unwrap_err().1.en, "missing field `versions`");
    }

    #[test]
    fn every_fault_of_a_programme_is_collected() {
        let m = "versions[0].measures[0].formula";
        let bad = MINIMAL
            .replace("FORMULA", r#"{"kind": "ratio_capped", "input": 7, "cap": "x"}"#)
            .replace(r#""audience": "enterprise""#, r#""audience": "everyone""#)
            .replace(r#""issuer": {"zh": "i", "en": "i"}"#, r#""issuer": {"zh": "i"}"#)
            .replace(r#""checked": "2024-06-01""#, r#""checked": "2024-02-30""#);
        let faults = programme_faults(&bad).unwrap_err();
        let paths: Vec<&str> = faults.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["audience", "issuer", "checked", &format!("{m}.input"), m, &format!("{m}.cap")]);
        assert_eq!(faults[1].1, t!("缺少字段 `en`", "missing field `en`"));
        assert_eq!(faults[4].1, t!("缺少字段 `ratio`", "missing field `ratio`"));
        // Each condition that does not parse is a fault of its own.
        let source = r#""source": {"clause": "c", "quote": "q"}"#;
        let criterion = |when: &str| format!(r#"{{"id": "c", "title": {{"zh": "c", "en": "c"}}, "when": "{when}", {source}}}"#);
        let measure =
            format!(r#"{{"id": "n", "title": {{"zh": "n", "en": "n"}}, "when": "1 +", {source}, "formula": {{"kind": "info"}}}}"#);
        let two = MINIMAL
            .replace("FORMULA", r#"{"kind": "info"}"#)
            .replace(r#""measures": ["#, &format!(r#""criteria": [{}, {}], "measures": [{measure}, "#, criterion("(("), criterion("sme")));
        let faults = programme_faults(&two).unwrap_err();
        let paths: Vec<&str> = faults.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["versions[0].criteria[0].when", "versions[0].measures[0].when"]);
        assert!(faults.iter().all(|(_, m)| m.zh.contains("条件写法有误") && m.en.starts_with("column ")), "{faults:?}");
        assert!(programme_faults(&MINIMAL.replace("FORMULA", r#"{"kind": "info"}"#)).is_ok());
    }
}
