//! The checks of the fuzz targets, shared with the regression test
//! (`crates/policy/tests/fuzz_regressions.rs` includes this file with `#[path]`), so a crash
//! input saved by `scripts/fuzz.sh` is replayed through exactly the code that found it.
//!
//! Each function takes the raw fuzz input and panics (through `assert!`) when a property fails;
//! anything that is not valid UTF-8 where text is expected is skipped.

use shuzhuan_policy::amount::{parse_count, parse_yuan, Unit, MAX_YUAN};
use shuzhuan_policy::batch::{decode_all, records, BatchOptions, RowStatus, ScreenedRow, Screener, Summary};
use shuzhuan_policy::bundle::{build_pack, BundleError};
use shuzhuan_policy::uscc::{check_char, check_uscc, parse_uscc};
use shuzhuan_policy::{check_json, estimate_json, Date, InputErrors, Lang, PackReader, RuleBundle};

/// The fuzz targets, in the order of `scripts/fuzz.sh`.
pub const TARGETS: [&str; 7] = ["contract_json", "amount", "uscc", "rules_toml", "batch_csv", "rule_values", "rule_pack"];

/// The contract commands, chosen by the first byte of a `contract_json` input (`byte % 6`).
pub const COMMANDS: [&str; 6] = ["check", "estimate", "assess", "providers_check", "providers_score", "providers_stars"];

/// `contract_json`: byte 0 picks the command (`% 6`) and the language (`/ 6 % 2`: 0 zh, 1 en),
/// so the seeds can start with a readable digit ('0'…'5' zh, '6'…';' en); the rest is the input.
/// The output is always JSON; an error output lists at least one error, each with a field and a
/// message in zh and en.
pub fn contract_json(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(input) = std::str::from_utf8(rest) else { return };
    let command = COMMANDS[usize::from(first) % COMMANDS.len()];
    let lang = if (first / 6).is_multiple_of(2) { "zh" } else { "en" };
    let options = format!(r#"{{"today": "2025-06-30", "lang": "{lang}"}}"#);
    let out = shuzhuan_policy::contract::run(command, input, &options);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{command}: output is not JSON ({e}): {out}"));
    let obj = value.as_object().unwrap_or_else(|| panic!("{command}: output is not a JSON object: {out}"));
    if obj.len() == 1 {
        if let Some(errors) = obj.get("errors") {
            let errors = errors.as_array().unwrap_or_else(|| panic!("{command}: errors is not a list: {out}"));
            assert!(!errors.is_empty(), "{command}: an error output with no error: {out}");
            for e in errors {
                assert!(e["field"].is_string(), "{command}: an error without a field: {out}");
                for lang in ["zh", "en"] {
                    let m = e["message"][lang].as_str().unwrap_or("");
                    assert!(!m.trim().is_empty(), "{command}: an error without a message in {lang}: {out}");
                }
            }
        }
    }
}

/// Groups the digits of `n` in threes with `sep` (`1,234,567`).
fn grouped(n: u32, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Full-width digits (`１２３`).
fn fullwidth(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c) } else { c }).collect()
}

/// `amount`: the input as text through `parse_yuan` in each unit and through `parse_count`.
/// An accepted amount is within 0…`MAX_YUAN` and reads back the same from its own decimal
/// form; an accepted count is at most 10^8 and reads back the same when written plainly, with
/// `,`/`，` separators, in full-width digits, with `人`, and as an amount in yuan.
pub fn amount(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for unit in [Unit::Yuan, Unit::Wan] {
        if let Ok(d) = parse_yuan(s, unit) {
            assert!(!d.is_sign_negative() || d.is_zero(), "{s:?} ({unit:?}) gave a negative amount {d}");
            assert!(d <= MAX_YUAN, "{s:?} ({unit:?}) gave {d}, above the maximum");
            let shown = d.to_string();
            assert_eq!(parse_yuan(&shown, Unit::Yuan), Ok(d), "{s:?} ({unit:?}) gave {d}, which does not read back");
        }
    }
    if let Ok(n) = parse_count(s) {
        assert!(n <= 100_000_000, "{s:?} gave the count {n}, above the maximum");
        for shown in [n.to_string(), grouped(n, ','), grouped(n, '，'), fullwidth(&grouped(n, ',')), format!("{n}人"), format!(" {n}.0 ")]
        {
            assert_eq!(parse_count(&shown), Ok(n), "{s:?} gave {n}, but {shown:?} does not read back as {n}");
        }
        assert_eq!(parse_yuan(&n.to_string(), Unit::Yuan), Ok(n.into()), "{s:?} gave the count {n}, which does not read as {n} yuan");
    }
}

/// `uscc`: the input as text through `check_char`, `check_uscc` and `parse_uscc`. The two
/// agree; an accepted code is 18 characters whose 18th is `check_char` of the first 17, and it
/// reads back as itself.
pub fn uscc(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = check_char(s);
    let checked = check_uscc(s);
    match parse_uscc(s) {
        Ok(u) => {
            assert_eq!(checked, Ok((u.code.clone(), u.uppercased)), "{s:?}: check_uscc and parse_uscc disagree");
            let chars: Vec<char> = u.code.chars().collect();
            assert_eq!(chars.len(), 18, "{s:?} gave {:?}, not 18 characters", u.code);
            let first17: String = chars[..17].iter().collect();
            assert_eq!(check_char(&first17), Some(chars[17]), "{s:?} gave {:?} with a wrong check character", u.code);
            assert_eq!(u.division, chars[2..8].iter().collect::<String>(), "{s:?}: division is not characters 3–8");
            let again = parse_uscc(&u.code).unwrap_or_else(|e| panic!("{s:?} gave {:?}, which is then refused: {e:?}", u.code));
            assert_eq!((again.code.as_str(), again.uppercased), (u.code.as_str(), false), "{s:?}: the code does not read back");
        }
        Err(e) => {
            assert_eq!(checked, Err(e.clone()), "{s:?}: check_uscc and parse_uscc disagree");
            assert!(!e.message().zh.is_empty() && !e.message().en.is_empty());
        }
    }
}

/// `rules_toml`: the input as one rule file through `RuleBundle::from_sources`. Errors are fine;
/// every problem has a message. A bundle that validates is used as the CLI's `--rules DIR` would
/// be, on three dates: listed, each estimator's inputs read (`spec`), each formula described, a
/// fixed profile checked and a fixed project estimated (its errors are fine), the reports serialised.
pub fn rules_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match RuleBundle::from_sources(&[("fuzz.toml".into(), text.to_string())], "fuzz") {
        Ok(bundle) => {
            let profile = r#""profile": {"industry": "3973", "employees": 120, "revenue_yuan": "85000000", "region": "350203",
                "independent_legal_person": true, "bad_credit_last_3_years": false}"#;
            let check_input = format!("{{{profile}}}");
            let estimate_input = format!(
                r#"{{"programme": "fuzz", {profile}, "project": {{"digital_level_after": 3, "eligible_input_yuan": "1000000",
                "contract_down_payment_yuan": "300000", "diagnosis_fee_yuan": "80000", "cloud_fee_yuan": "200000",
                "training_person_days": 20}}}}"#
            );
            for (y, m, d) in [(2000, 1, 1), (2025, 6, 30), (2099, 12, 31)] {
                let today = Date::new(y, m, d).expect("a valid date");
                let _ = shuzhuan_policy::eval::programme_list(&bundle, today, Lang::Zh);
                for p in &bundle.programmes {
                    let _ = shuzhuan_policy::estimate::spec(p, today);
                }
                let report = check_json(&check_input, &bundle, today, Lang::En).expect("a fixed valid input");
                assert!(serde_json::to_string(&report).is_ok(), "a check report against a valid bundle does not serialise");
                if let Ok(report) = estimate_json(&estimate_input, &bundle, today, Lang::Zh) {
                    assert!(serde_json::to_string(&report).is_ok(), "an estimate against a valid bundle does not serialise");
                }
            }
            for p in &bundle.programmes {
                for m in p.versions.iter().flat_map(|v| &v.measures) {
                    let _ = m.formula.describe(&|id| p.label_of(id));
                }
            }
        }
        Err(e) => assert_problems(&e),
    }
}

/// `rule_pack`: byte 0 picks how the rest is read (`byte % 3`, so seeds start with a readable
/// `0`, `1` or `2`):
/// - `0`: as a built pack (`rules.json`), as it is;
/// - `1`: as a built pack with its `digest` (and an empty `hash`) recomputed first, so that a
///   mutated programme gets past the envelope to the programme reader and the validator;
/// - `2`: as a rule file (TOML) named after its `id = "…"` line (so a real file validates).
///
/// A pack is read whole (`RuleBundle::from_pack_json`) and step by step (`PackReader`): the two
/// agree (the same programmes and hash, or the same problems), the reader finishes within a step
/// per file plus two and then gives `None`, every problem has a message, and a pack that reads
/// answers a fixed check. A rule file goes through `RuleBundle::from_sources` and `build_pack`:
/// both accept it or both refuse it with the same problems; an accepted one's pack reads back
/// (whole and stepwise) with the same programmes and the same hash.
pub fn rule_pack(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    match first % 3 {
        0 => read_pack(text),
        1 => read_pack(&reseal(text).unwrap_or_else(|| text.to_string())),
        _ => rule_file_round_trip(text),
    }
}

/// FNV-1a 64 of (name, text) pairs, each followed by a NUL: the pack's digest (the core's
/// `fnv1a`, which is private to it).
fn fnv1a(pairs: &[(String, String)]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for (name, text) in pairs {
        for b in name.bytes().chain([0u8]).chain(text.bytes()).chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// The pack with its digest recomputed from its files (and a hash when it has none), when it is a
/// JSON object listing files with a name and a programme.
pub fn reseal(text: &str) -> Option<String> {
    let mut v: serde_json::Value = serde_json::from_str(text).ok()?;
    let files = v.get("files")?.as_array()?;
    let mut pairs = Vec::new();
    for f in files {
        pairs.push((f.get("name")?.as_str()?.to_string(), f.get("programme")?.to_string()));
    }
    let o = v.as_object_mut()?;
    o.insert("digest".into(), serde_json::Value::String(fnv1a(&pairs)));
    if o.get("hash").and_then(serde_json::Value::as_str).is_none_or(|h| h.is_empty()) {
        o.insert("hash".into(), serde_json::Value::String("0123456789abcdef".into()));
    }
    Some(v.to_string())
}

/// Reads a pack with `PackReader`, one step at a time; panics if it does not finish.
fn read_stepwise(text: &str) -> Result<RuleBundle, BundleError> {
    let mut reader = PackReader::new(text.to_string(), "fuzz.json");
    // The envelope, one step per file, then the validation: a pack is at most a few MB, so
    // this bound is never reached by a reader that makes progress.
    for _ in 0..1_000_000 {
        if let Some(result) = reader.step() {
            assert!(reader.step().is_none(), "the reader gave a second result");
            return result;
        }
    }
    panic!("the pack reader did not finish");
}

fn assert_problems(e: &BundleError) {
    assert!(!e.problems.is_empty(), "a bundle error with no problem");
    assert!(e.problems.iter().all(|p| !p.message.trim().is_empty()), "a problem without a message: {e:?}");
    // Chinese first: every problem also says what is wrong in Chinese, not a copy of the English.
    for p in &e.problems {
        let cjk = p.message_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(cjk && p.message_zh != p.message, "a problem without its Chinese: {p:?}");
    }
}

/// The same bundle: programmes and hash.
fn assert_same(a: &RuleBundle, b: &RuleBundle, what: &str) {
    assert_eq!(a.hash, b.hash, "{what}: the hashes differ");
    assert_eq!(a.programmes, b.programmes, "{what}: the programmes differ");
}

fn read_pack(text: &str) {
    let whole = RuleBundle::from_pack_json(text, "fuzz.json");
    let stepwise = read_stepwise(text);
    match (&whole, &stepwise) {
        (Ok(a), Ok(b)) => {
            assert_same(a, b, "from_pack_json vs PackReader");
            use_bundle(a);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "from_pack_json and PackReader refuse the pack differently");
            assert_problems(a);
        }
        _ => panic!("from_pack_json and PackReader disagree: {:?} vs {:?}", whole.is_ok(), stepwise.is_ok()),
    }
}

/// A bundle that reads answers a fixed self-check and (errors fine) a fixed estimate for each
/// programme, and the reports serialise.
fn use_bundle(bundle: &RuleBundle) {
    let today = Date::new(2026, 12, 3).expect("a valid date");
    let profile = r#"{"industry": "1441", "employees": 120, "revenue_yuan": "85000000", "region": "629901",
        "independent_legal_person": true, "bad_credit_last_3_years": false}"#;
    let report = check_json(&format!(r#"{{"profile": {profile}}}"#), bundle, today, Lang::Zh).expect("a fixed valid input");
    assert!(serde_json::to_string(&report).is_ok(), "a check report does not serialise");
    for p in &bundle.programmes {
        let input = serde_json::json!({"programme": p.id, "project": {"digital_level_after": 3, "eligible_input_yuan": "1000000"}});
        if let Ok(r) = estimate_json(&input.to_string(), bundle, today, Lang::En) {
            assert!(serde_json::to_string(&r).is_ok(), "an estimate does not serialise");
        }
    }
}

/// The `id = "…"` of a rule file's text (the first such line), for its file name.
fn id_line(text: &str) -> Option<&str> {
    text.lines().find_map(|l| l.trim().strip_prefix("id = \"")?.strip_suffix('"'))
}

fn rule_file_round_trip(text: &str) {
    let name = format!("{}.toml", id_line(text).unwrap_or("fuzz"));
    let sources = [(name, text.to_string())];
    // `build_pack` validates with the origin "pack"; so does this, for equal problems.
    let direct = RuleBundle::from_sources(&sources, "pack");
    match (&direct, build_pack(&sources)) {
        (Ok(bundle), Ok(pack)) => {
            let whole = RuleBundle::from_pack_json(&pack, "rules.json").unwrap_or_else(|e| panic!("a built pack is refused: {e}"));
            assert_same(bundle, &whole, "rule file vs its built pack");
            let stepwise = read_stepwise(&pack).unwrap_or_else(|e| panic!("a built pack is refused step by step: {e}"));
            assert_same(bundle, &stepwise, "rule file vs its built pack read step by step");
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, &b, "from_sources and build_pack refuse the file differently");
            assert_problems(a);
        }
        (d, b) => panic!("from_sources and build_pack disagree: {:?} vs {:?}", d.is_ok(), b.is_ok()),
    }
}

/// The fuzz bytes as little-endian words, read in turn (zero once they run out).
pub struct Words {
    words: Vec<u64>,
    at: usize,
}

impl Words {
    fn next(&mut self) -> u64 {
        let w = self.words.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        w
    }

    /// A number of any size: a mantissa of up to six digits and a power of ten up to 10^24.
    fn number(&mut self) -> String {
        let w = self.next();
        format!("{}{}", (w >> 8) % 1_000_000, "0".repeat((w & 0xff) as usize % 25))
    }
}

/// A rule file with every formula kind whose numbers are `N0`, `N1`, … (filled from fuzz bytes).
const RULE_VALUES_TEMPLATE: &str = r#"
schema = 2
id = "fuzz"
audience = "enterprise"
city = { code = "3502", zh = "厦门市", en = "Xiamen" }
title = { zh = "t", en = "t" }
issuer = { zh = "i", en = "i" }
source_kind = "official"
issued = 2024-01-01
valid_from = 2024-01-01
valid_until = 2026-12-31
pilot_approved = 2024-06-01
validity_source = { clause = "c", quote = "q" }
checked = 2024-01-01
[[questions]]
id = "cloud_fee_yuan"
kind = "yuan"
scope = "project"
label = { zh = "cloud_fee_yuan", en = "cloud_fee_yuan" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "platform_subsidy_received_yuan"
kind = "yuan"
scope = "project"
label = { zh = "platform_subsidy_received_yuan", en = "platform_subsidy_received_yuan" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "national_cross_industry_platform"
kind = "yes_no"
scope = "project"
label = { zh = "national_cross_industry_platform", en = "national_cross_industry_platform" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "chain_enterprises_completed"
kind = "count"
scope = "project"
label = { zh = "chain_enterprises_completed", en = "chain_enterprises_completed" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "eligible_input_yuan"
kind = "yuan"
scope = "project"
label = { zh = "eligible_input_yuan", en = "eligible_input_yuan" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "contract_down_payment_yuan"
kind = "yuan"
scope = "project"
label = { zh = "contract_down_payment_yuan", en = "contract_down_payment_yuan" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "equipment_input_last_year_yuan"
kind = "yuan"
scope = "project"
label = { zh = "equipment_input_last_year_yuan", en = "equipment_input_last_year_yuan" }
source = { clause = "c", quote = "q" }
[[questions]]
id = "identifier_registrations_per_year"
kind = "count"
scope = "project"
label = { zh = "identifier_registrations_per_year", en = "identifier_registrations_per_year" }
source = { clause = "c", quote = "q" }
[[versions]]
id = "v"
from = 2024-01-01
until = 2026-12-31
[[versions.criteria]]
id = "in_force"
when = "in_force"
title = { zh = "t", en = "t" }
source = { clause = "c", quote = "q" }
[[versions.measures]]
id = "a"
title = { zh = "a", en = "a" }
source = { clause = "c", quote = "q" }
formula = { kind = "ratio_capped", input = "cloud_fee_yuan", ratio = "R0", cap = "N0", alt_cap = { flag = "national_cross_industry_platform", cap = "N1", label = { zh = "l", en = "l" } }, received_input = "platform_subsidy_received_yuan" }
[[versions.measures]]
id = "b"
title = { zh = "b", en = "b" }
paid_to = "role"
role = "chain_leader"
recipient = { zh = "r", en = "r" }
source = { clause = "c", quote = "q" }
formula = { kind = "per_unit", input = "chain_enterprises_completed", unit_amount = "N2", cap = "N3", up_to = false }
[[versions.measures]]
id = "c"
title = { zh = "c", en = "c" }
source = { clause = "c", quote = "q" }
formula = { kind = "ratio_capped_by_level", input = "eligible_input_yuan", ratio_by_year = { "1" = "R1", "2" = "R2" }, caps_by_level = { "2" = "N4", "3" = "N5", "4" = "N6" }, first_instalment = { input = "contract_down_payment_yuan", ratio = "R3", cap = "N7" } }
[[versions.measures]]
id = "d"
title = { zh = "d", en = "d" }
source = { clause = "c", quote = "q" }
formula = { kind = "ratio_in_band", input = "equipment_input_last_year_yuan", ratio = "R4", min = "N8", max = "N9" }
[[versions.measures]]
id = "e"
title = { zh = "e", en = "e" }
paid_to = "other"
recipient = { zh = "r", en = "r" }
source = { clause = "c", quote = "q" }
formula = { kind = "threshold_award", thresholds = [{ input = "identifier_registrations_per_year", more_than = "N10" }], cap = "N11" }
[[versions.measures]]
id = "f"
title = { zh = "f", en = "f" }
source = { clause = "c", quote = "q" }
formula = { kind = "award", amount = "N12", up_to = true }
[[versions.measures]]
id = "g"
title = { zh = "g", en = "g" }
source = { clause = "c", quote = "q" }
formula = { kind = "user_award", parameters_from = { zh = "p", en = "p" } }
[[versions.overlaps]]
id = "o"
measures = ["a", "c", "f"]
rule = "highest"
text = { zh = "o", en = "o" }
source = { clause = "c", quote = "q" }
"#;

/// `rule_values`: a rule file of every formula kind with its numbers (ratios, caps, unit amounts,
/// bands, thresholds, awards) and a project's inputs taken from the fuzz bytes, up to 10^30. The
/// rule file validates or lists its problems; a valid one estimates without a panic on three
/// dates, every amount is ≥ 0, and the totals add up: `total_yuan` is the sum of the lines in the
/// total, `paid_to_others_yuan` of the computed lines paid to others.
pub fn rule_values(data: &[u8]) {
    let Some((bundle, mut w)) = rule_values_bundle(data) else { return };
    rule_values_estimate(&bundle, &mut w);
}

/// The rule file of [`rule_values`] filled from the bytes, when it validates, and the bytes left.
pub fn rule_values_bundle(data: &[u8]) -> Option<(RuleBundle, Words)> {
    let mut w = Words {
        words: data
            .chunks(8)
            .map(|c| {
                let mut b = [0u8; 8];
                b[..c.len()].copy_from_slice(c);
                u64::from_le_bytes(b)
            })
            .collect(),
        at: 0,
    };
    let mut text = RULE_VALUES_TEMPLATE.to_string();
    for i in (0..13).rev() {
        text = text.replace(&format!("\"N{i}\""), &format!("\"{}\"", w.number()));
    }
    for i in 0..5 {
        let x = w.next();
        // Mostly 0–1 in thousandths; sometimes above 1 (refused by validation).
        text = text.replace(&format!("\"R{i}\""), &format!("\"{}.{:03}\"", (x >> 40) % 2 * (x % 3), x % 1000));
    }
    let bundle = RuleBundle::from_sources(&[("fuzz.toml".into(), text)], "fuzz").ok()?;
    Some((bundle, w))
}

fn rule_values_estimate(bundle: &RuleBundle, w: &mut Words) {
    let project = serde_json::json!({
        "digital_level_after": w.next() % 6,
        "eligible_input_yuan": w.number(), "contract_down_payment_yuan": w.number(), "cloud_fee_yuan": w.number(),
        "platform_subsidy_received_yuan": w.number(), "chain_enterprises_completed": w.number(),
        "equipment_input_last_year_yuan": w.number(), "identifier_registrations_per_year": w.number(),
        "national_cross_industry_platform": w.next().is_multiple_of(2),
        "roles": if w.next().is_multiple_of(2) { vec!["chain_leader"] } else { vec![] },
        "awards": ["f", "g"], "award_amounts_yuan": {"g": w.number()},
    });
    let input = serde_json::json!({"programme": "fuzz", "profile": {"industry": "3973", "employees": 100}, "project": project}).to_string();
    for (y, m, d) in [(2024, 7, 1), (2025, 7, 1), (2026, 7, 1)] {
        let today = Date::new(y, m, d).expect("a valid date");
        match estimate_json(&input, bundle, today, Lang::Zh) {
            Err(e) => assert!(!e.errors.is_empty(), "an error with no error"),
            Ok(r) => {
                let zero = rust_decimal::Decimal::ZERO;
                assert!(r.measures.iter().all(|m| m.amount_yuan >= zero), "a negative amount: {r:?}");
                let counted: rust_decimal::Decimal = r.measures.iter().filter(|m| m.in_total).map(|m| m.amount_yuan).sum();
                assert_eq!(r.total_yuan, counted, "the total is not the sum of the lines in it");
                assert!(serde_json::to_string(&r).is_ok(), "the report does not serialise");
            }
        }
    }
}

/// What one run of the screener gave: the rows handed out, how it ended, the summary.
struct Screened {
    rows: Vec<ScreenedRow>,
    outcome: Result<(), InputErrors>,
    summary: Summary,
}

/// Feeds `bytes` to a fresh screener in two chunks split at `split`, pulling rows after each push
/// and after `finish`; stops at the first error.
fn screen_split(bytes: &[u8], split: usize, opts: &BatchOptions) -> Screened {
    let mut s = Screener::new(RuleBundle::embedded(), opts).expect("valid options");
    let mut rows = Vec::new();
    let (a, b) = bytes.split_at(split.min(bytes.len()));
    let mut run = || -> Result<(), InputErrors> {
        for chunk in [a, b] {
            s.push_bytes(chunk)?;
            while let Some(r) = s.next_row()? {
                rows.push(r);
            }
        }
        s.finish()?;
        while let Some(r) = s.next_row()? {
            rows.push(r);
        }
        Ok(())
    };
    let outcome = run();
    Screened { rows, outcome, summary: s.summary() }
}

/// `batch_csv`: byte 0 sets where the rest is cut in two (`rest.len() * byte / 255`). The rows
/// handed out are `summary().rows`; screened + bad = rows; each row is `Ok` with a verdict per
/// programme or `Error` with its errors; lines increase. The same file in one chunk gives the same
/// rows and summary. Against the whole file read with `decode_all` + `records`: at most 5 title
/// lines, each with at most one filled cell, then the header; every data record is either a row
/// or counted in `blank_rows` (every value empty).
pub fn batch_csv(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else { return };
    let split = bytes.len() * usize::from(first) / 255;
    let opts = BatchOptions { programmes: vec![], as_of: Date::new(2025, 6, 30).expect("a valid date"), lang: Lang::Zh };
    let cut = screen_split(bytes, split, &opts);
    let whole = screen_split(bytes, bytes.len(), &opts);
    assert_eq!(cut.outcome, whole.outcome, "cut at {split}: the outcome differs from one chunk");
    if whole.outcome.is_err() {
        return;
    }
    assert_eq!(cut.rows, whole.rows, "cut at {split}: the rows differ from one chunk");
    assert_eq!(cut.summary, whole.summary, "cut at {split}: the summary differs from one chunk");
    let (rows, sum) = (&whole.rows, &whole.summary);
    let programmes = sum.programmes.len();
    assert_eq!(rows.len() as u64, sum.rows, "rows handed out vs summary.rows");
    assert_eq!(sum.screened + sum.bad_rows, sum.rows, "screened + bad_rows vs rows");
    assert!(sum.duplicate_rows <= sum.rows);
    assert!(sum.complete, "the summary is not complete after finish and the last row");
    assert_eq!(sum.input_bytes, bytes.len() as u64);
    for p in &sum.programmes {
        assert_eq!(p.eligible + p.not_eligible + p.unknown, sum.screened, "{}: verdicts vs screened rows", p.id);
    }
    let screened = rows.iter().filter(|r| r.status == RowStatus::Ok).count() as u64;
    assert_eq!(screened, sum.screened, "rows with status ok vs summary.screened");
    for r in rows {
        match r.status {
            RowStatus::Ok => assert!(r.errors.is_empty() && r.programmes.len() == programmes && r.sme.is_some(), "line {}", r.line),
            RowStatus::Error => assert!(!r.errors.is_empty() && r.programmes.is_empty(), "line {}", r.line),
        }
        assert!(r.fields.iter().any(|f| !f.trim().is_empty()), "line {}: a blank row was handed out", r.line);
    }
    assert!(rows.windows(2).all(|w| w[0].line < w[1].line && w[0].row < w[1].row), "lines do not increase");
    // The same file read whole, without the screener.
    let text = decode_all(bytes).expect("the screener read it");
    let recs = records(&text);
    let titles = usize::try_from(sum.title_rows).unwrap_or(usize::MAX);
    assert!(titles <= 5, "{titles} title rows");
    assert!(recs.len() > titles, "no header after {titles} title rows");
    for (line, fields) in &recs[..titles] {
        assert!(fields.iter().filter(|f| !f.trim().is_empty()).count() <= 1, "title line {line} has several filled cells");
    }
    let data_records = &recs[titles + 1..];
    let blank = data_records.iter().filter(|(_, f)| f.iter().all(|v| v.trim().is_empty())).count() as u64;
    assert_eq!(blank, sum.blank_rows, "blank records vs summary.blank_rows");
    assert_eq!(data_records.len() as u64 - blank, sum.rows, "data records vs summary.rows + blank_rows");
    let lines: Vec<u64> = data_records.iter().filter(|(_, f)| f.iter().any(|v| !v.trim().is_empty())).map(|(l, _)| *l).collect();
    assert_eq!(lines, rows.iter().map(|r| r.line).collect::<Vec<_>>(), "row lines vs record lines");
}
