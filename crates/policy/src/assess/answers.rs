//! Answers to the questionnaire, and the `assess` input of the JSON contract parsed field by
//! field: every problem is collected, named by its JSON path (`answers.Q2`, `scenarios.S7`) and
//! said in Chinese and English. Nothing here panics.

use super::questionnaire::{questionnaire, Question, QuestionKind, Questionnaire};
use crate::amount::halfwidth;
use crate::date::Date;
use crate::error::{key_path, FieldError, InputErrors};
use crate::t;
use crate::text::Text;
use crate::walk::{parse_json, type_name, Walk};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The answers an enterprise gives: the options chosen per question and the level (0–4) of
/// each application scenario. Only valid answers can be stored: the setters check them against
/// the questionnaire, so scoring never meets an unknown id or option. Questions and scenarios
/// left out are *unanswered* (they score 0 and the report lists them).
///
/// ```
/// use shuzhuan_policy::assess::Answers;
/// let mut a = Answers::default();
/// a.choose("Q2", &["C"]).unwrap();            // single choice
/// a.choose("Q1", &["B", "D"]).unwrap();       // multi choice
/// a.rate("S1", 2).unwrap();                   // 产品设计 at 二级
/// assert!(a.choose("Q1", &["A", "B"]).is_err()); // "无" excludes the others
/// assert!(a.choose("Q2", &["B", "C"]).is_err()); // single choice
/// assert_eq!(a.chosen("Q1"), ["B", "D"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Answers {
    /// Question id → labels chosen, in the questionnaire's option order.
    questions: BTreeMap<String, Vec<String>>,
    /// Scenario id → level 0–4 (0: not even 一级).
    scenarios: BTreeMap<String, u8>,
}

impl Answers {
    /// Sets the options chosen for a question (labels such as `"B"`, or an option's exact text).
    /// An empty list clears the answer. Fails on an unknown question or option, several options
    /// on a single-choice question, or "无" together with another option.
    pub fn choose<S: AsRef<str>>(&mut self, question: &str, options: &[S]) -> Result<(), FieldError> {
        let q = questionnaire();
        let id = normalise_id(question);
        let Some(qq) = q.question(&id) else { return Err(unknown_question(&key_path("answers", question), question, q)) };
        let path = format!("answers.{id}");
        let mut labels = Vec::new();
        for o in options {
            match resolve_option(qq, o.as_ref()) {
                Some(l) => labels.push(l),
                None => return Err(unknown_option(&path, qq, o.as_ref())),
            }
        }
        let labels = check_choice(qq, labels, &path)?;
        if labels.is_empty() {
            self.questions.remove(&id);
        } else {
            self.questions.insert(id, labels);
        }
        Ok(())
    }

    /// Rates a scenario 0–4 (0: below 一级). Fails on an unknown scenario or a level above 4.
    pub fn rate(&mut self, scenario: &str, level: u8) -> Result<(), FieldError> {
        let q = questionnaire();
        let id = normalise_id(scenario);
        if q.scenario(&id).is_none() {
            return Err(unknown_scenario(&key_path("scenarios", scenario), scenario, q));
        }
        if level > 4 {
            return Err(FieldError::new(format!("scenarios.{id}"), bad_rating(&level.to_string())));
        }
        self.scenarios.insert(id, level);
        Ok(())
    }

    /// Forgets a scenario's rating.
    pub fn unrate(&mut self, scenario: &str) {
        self.scenarios.remove(&normalise_id(scenario));
    }

    /// The labels chosen for a question (empty when unanswered).
    pub fn chosen(&self, question: &str) -> &[String] {
        self.questions.get(question).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A scenario's rating, `None` when unrated.
    pub fn rating(&self, scenario: &str) -> Option<u8> {
        self.scenarios.get(scenario).copied()
    }

    /// True when the question has an answer.
    pub fn answered(&self, question: &str) -> bool {
        self.questions.contains_key(question)
    }

    /// How many questions and scenarios are answered: `(questions, scenarios)`.
    pub fn progress(&self) -> (usize, usize) {
        (self.questions.len(), self.scenarios.len())
    }

    /// The answers as contract JSON (`{"answers": {…}, "scenarios": {…}}`), in the
    /// questionnaire's order, every question and scenario present (`null` when unanswered).
    /// [`parse_assess_input`] reads it back; the app keeps its session state this way.
    pub fn to_json(&self) -> String {
        answers_json(questionnaire(), |id| self.questions.get(id).cloned(), |id| self.scenarios.get(id).copied(), None)
    }
}

/// Writes the contract's `answers` and `scenarios` objects in the questionnaire's order.
fn answers_json(
    q: &Questionnaire,
    chosen: impl Fn(&str) -> Option<Vec<String>>,
    rating: impl Fn(&str) -> Option<u8>,
    head: Option<&str>,
) -> String {
    let mut s = String::from("{\n");
    if let Some(h) = head {
        s.push_str(h);
    }
    s.push_str("  \"answers\": {\n");
    let qs: Vec<String> = q
        .questions()
        .map(|qq| {
            let v = match (chosen(&qq.id), qq.kind) {
                (None, QuestionKind::Multi) => "[]".to_string(),
                (None, QuestionKind::Single) => "null".to_string(),
                (Some(l), QuestionKind::Single) if l.len() == 1 => format!("{:?}", l[0]),
                (Some(l), _) => format!("[{}]", l.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", ")),
            };
            format!("    {:?}: {v}", qq.id)
        })
        .collect();
    s.push_str(&qs.join(",\n"));
    s.push_str("\n  },\n  \"scenarios\": {\n");
    let ss: Vec<String> = q
        .scenarios
        .iter()
        .map(|sc| format!("    {:?}: {}", sc.id, rating(&sc.id).map(|r| r.to_string()).unwrap_or_else(|| "null".into())))
        .collect();
    s.push_str(&ss.join(",\n"));
    s.push_str("\n  }\n}\n");
    s
}

/// A blank `assess` input: every question and scenario present and unanswered, with the
/// optional `as_of` and `project` fields. `shuzhuan assess --template` prints it.
pub fn template() -> String {
    let head = "  \"as_of\": null,\n  \"project\": {\"eligible_input_yuan\": null, \"implementation_year\": null},\n";
    answers_json(questionnaire(), |_| None, |_| None, Some(head))
}

/// The `assess` input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AssessInput {
    /// The date whose rules the subsidy comparison uses (default: today).
    pub as_of: Option<Date>,
    pub answers: Answers,
    /// `project.eligible_input_yuan`: with it, the subsidy comparison also gives amounts.
    pub eligible_input_yuan: Option<Decimal>,
    /// `project.implementation_year` (1 or 2), for Jinhua's ratio.
    pub implementation_year: Option<u8>,
}

fn normalise_id(s: &str) -> String {
    s.chars().map(halfwidth).collect::<String>().trim().to_uppercase()
}

/// A label (`b`, `Ｂ`, ` B `) or an option's exact text → the option's label.
fn resolve_option(q: &Question, given: &str) -> Option<String> {
    let label: String = given.chars().map(halfwidth).collect::<String>().trim().to_uppercase();
    let label = label.trim_end_matches(['.', '、', '．']);
    q.options.iter().find(|o| o.label == label || o.text == given.trim()).map(|o| o.label.clone())
}

/// Dedupes and orders the labels, and enforces single choice and the exclusive "无".
fn check_choice(q: &Question, mut labels: Vec<String>, path: &str) -> Result<Vec<String>, FieldError> {
    labels.sort_by_key(|l| q.options.iter().position(|o| &o.label == l));
    labels.dedup();
    if q.kind == QuestionKind::Single && labels.len() > 1 {
        let n = labels.len();
        let list = labels.join(", ");
        return Err(FieldError::new(
            path,
            t!("{}是单选题，只能选一个选项，收到 {n} 个（{list}）", "{} is single-choice: choose one option; got {n} ({list})", q.id),
        ));
    }
    if let Some(ex) = q.exclusive_option() {
        if labels.len() > 1 && labels.contains(&ex.label) {
            return Err(FieldError::new(
                path,
                Text::new(
                    format!("{}选了“{}”（{}）就不能再选其他选项", q.id, ex.text, ex.label),
                    format!("{}: \"{}\" ({}) means none, so it cannot be combined with other options", q.id, ex.text, ex.label),
                ),
            ));
        }
    }
    Ok(labels)
}

fn unknown_question(path: &str, given: &str, q: &Questionnaire) -> FieldError {
    let shown = crate::text::shown(given, 20);
    let range = match (q.questions().next(), q.questions().last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.id, b.id),
        _ => String::new(),
    };
    FieldError::new(path, t!("没有编号为“{shown}”的题目；题号为 {range}", "no question \"{shown}\"; the questions are {range}"))
}

fn unknown_scenario(path: &str, given: &str, q: &Questionnaire) -> FieldError {
    let shown = crate::text::shown(given, 20);
    let range = match (q.scenarios.first(), q.scenarios.last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.id, b.id),
        _ => String::new(),
    };
    FieldError::new(path, t!("没有编号为“{shown}”的应用场景；场景编号为 {range}", "no scenario \"{shown}\"; the scenarios are {range}"))
}

fn unknown_option(path: &str, q: &Question, given: &str) -> FieldError {
    let shown = crate::text::shown(given, 30);
    let range = q.label_range();
    FieldError::new(
        path,
        t!("{}没有选项“{shown}”；请填选项字母 {range}", "{} has no option \"{shown}\"; give an option letter {range}", q.id),
    )
}

fn bad_rating(shown: &str) -> Text {
    t!(
        "场景等级应为 0 到 4 的整数（0 表示未达到一级，也可写“二级”），收到“{shown}”",
        "a scenario's level must be a whole number from 0 to 4 (0: below level 1; \"二级\" is fine too); got \"{shown}\""
    )
}

/// The `assess` readers, on the shared walker ([`crate::walk`]).
impl Walk {
    /// An object (its keys checked by the caller, in order with the other errors), or an error
    /// saying what it should hold.
    fn object_of<'a>(&mut self, v: &'a Value, path: &str, what: Text) -> Option<&'a Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            _ => {
                self.not_object(path, v, Some(&what));
                None
            }
        }
    }

    fn answers(&mut self, v: &Value, out: &mut Answers) {
        let q = questionnaire();
        let what = Text::new(
            "题号 → 所选选项，如 {\"Q1\": [\"B\"], \"Q2\": \"C\"}",
            "question id → options chosen, e.g. {\"Q1\": [\"B\"], \"Q2\": \"C\"}",
        );
        let Some(m) = self.object_of(v, "answers", what) else { return };
        for (key, val) in m {
            let id = normalise_id(key);
            let path = key_path("answers", key);
            let Some(qq) = q.question(&id) else {
                self.push(unknown_question(&path, key, q));
                continue;
            };
            let mut labels = Vec::new();
            let mut ok = true;
            let want = match qq.kind {
                QuestionKind::Single => Text::new("一个选项字母，如 \"B\"", "one option letter, e.g. \"B\""),
                QuestionKind::Multi => Text::new("选项字母的数组，如 [\"B\", \"C\"]", "an array of option letters, e.g. [\"B\", \"C\"]"),
            };
            let mut one = |item: &Value, p: &str, this: &mut Walk| match item {
                Value::String(s) if s.trim().is_empty() => {}
                Value::String(s) => match resolve_option(qq, s) {
                    Some(l) => labels.push(l),
                    None => {
                        ok = false;
                        this.push(unknown_option(p, qq, s));
                    }
                },
                other => {
                    ok = false;
                    let got = type_name(other);
                    this.err(
                        p,
                        Text::new(
                            format!("{}的答案应为{}，收到 {got}", qq.id, want.zh),
                            format!("the answer to {} must be {}; got {got}", qq.id, want.en),
                        ),
                    );
                }
            };
            match val {
                Value::Null => {}
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        one(item, &format!("{path}[{i}]"), self);
                    }
                }
                other => one(other, &path, self),
            }
            if !ok {
                continue;
            }
            match check_choice(qq, labels, &path) {
                Ok(l) if l.is_empty() => {}
                Ok(l) => {
                    out.questions.insert(qq.id.clone(), l);
                }
                Err(e) => self.push(e),
            }
        }
    }

    fn scenarios(&mut self, v: &Value, out: &mut Answers) {
        let q = questionnaire();
        let what = Text::new("场景编号 → 等级 0–4，如 {\"S1\": 2}", "scenario id → level 0–4, e.g. {\"S1\": 2}");
        let Some(m) = self.object_of(v, "scenarios", what) else { return };
        for (key, val) in m {
            let id = normalise_id(key);
            let path = key_path("scenarios", key);
            if q.scenario(&id).is_none() {
                self.push(unknown_scenario(&path, key, q));
                continue;
            }
            let text = match val {
                Value::Null => continue,
                Value::String(s) if s.trim().is_empty() => continue,
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                other => {
                    self.err(&path, bad_rating(type_name(other)));
                    continue;
                }
            };
            match parse_rating(&text) {
                Some(r) => {
                    out.scenarios.insert(id, r);
                }
                None => {
                    let shown = crate::text::shown(&text, 30);
                    self.err(&path, bad_rating(&shown));
                }
            }
        }
    }

    fn assess_project(&mut self, v: &Value, input: &mut AssessInput) {
        if v.is_null() {
            return;
        }
        let what = Text::new("如 {\"eligible_input_yuan\": \"1000000\"}", "e.g. {\"eligible_input_yuan\": \"1000000\"}");
        let Some(m) = self.object_of(v, "project", what) else { return };
        for (key, val) in m {
            let path = key_path("project", key);
            let blank = val.is_null() || val.as_str().is_some_and(|s| s.trim().is_empty());
            match key.as_str() {
                _ if blank && (key == "eligible_input_yuan" || key == "implementation_year") => {}
                "eligible_input_yuan" => {
                    let label = || Text::new("数字化改造实际投入", "actual eligible transformation input");
                    if let Some(d) = self.money(m, key, &path, &label) {
                        input.eligible_input_yuan = Some(d);
                    }
                }
                "implementation_year" => {
                    let text = match val {
                        Value::String(s) => s.trim().to_string(),
                        Value::Number(n) => n.to_string(),
                        other => type_name(other).to_string(),
                    };
                    match text.as_str() {
                        "1" => input.implementation_year = Some(1),
                        "2" => input.implementation_year = Some(2),
                        _ => {
                            let shown = crate::text::shown(&text, 30);
                            self.err(
                                &path,
                                t!("实施年度应为 1 或 2，收到“{shown}”", "the implementation year must be 1 or 2; got \"{shown}\""),
                            );
                        }
                    }
                }
                other => self.unknown_field("project", other, &["eligible_input_yuan", "implementation_year"]),
            }
        }
    }
}

/// `2`, `"2"`, `"二级"`, `"二"`, `"L2"`, `"level 2"` → 2; `0`, `"无"`, `"未达到一级"` → 0.
fn parse_rating(s: &str) -> Option<u8> {
    let t: String = s.chars().map(halfwidth).collect();
    let t = t.trim().to_lowercase();
    if matches!(t.as_str(), "无" | "未达到一级" | "未达一级" | "none") {
        return Some(0);
    }
    let t = t.trim_start_matches("level").trim_start_matches('l').trim().trim_end_matches('级').trim();
    match t {
        "一" => Some(1),
        "二" => Some(2),
        "三" => Some(3),
        "四" => Some(4),
        _ => t.parse::<Decimal>().ok().filter(|d| d.fract().is_zero() && *d >= Decimal::ZERO && *d <= Decimal::from(4)).and_then(|d| {
            let n: i64 = d.trunc().try_into().ok()?;
            u8::try_from(n).ok()
        }),
    }
}

/// Parses `assess` input:
/// `{"as_of": "YYYY-MM-DD", "answers": {"Q1": ["B", "C"], "Q2": "C", …}, "scenarios": {"S1": 2, …},
///   "project": {"eligible_input_yuan": "800000", "implementation_year": 1}}`, every field optional.
///
/// A single-choice answer is one letter (or a one-element array); a multi-choice answer an array
/// of letters (or one letter). Letters are case-insensitive, and an option's exact text is
/// accepted too. `null`, `""` and `[]` leave a question unanswered.
///
/// ```
/// use shuzhuan_policy::assess::parse_assess_input;
/// let ok = parse_assess_input(r#"{"answers": {"Q1": ["b", "C"], "Q2": "E"}, "scenarios": {"S1": "三级"}}"#).unwrap();
/// assert_eq!(ok.answers.chosen("Q1"), ["B", "C"]);
/// assert_eq!(ok.answers.rating("S1"), Some(3));
/// let bad = parse_assess_input(r#"{"answers": {"Q1": ["A", "B"], "Q2": ["B", "C"], "Q99": "A"}, "scenarios": {"S1": 5}}"#).unwrap_err();
/// assert!(bad.mentions("answers.Q1") && bad.mentions("answers.Q2") && bad.mentions("answers.Q99") && bad.mentions("scenarios.S1"));
/// ```
pub fn parse_assess_input(text: &str) -> Result<AssessInput, InputErrors> {
    let v = parse_json(text, Some("{\"answers\": {…}, \"scenarios\": {…}}"))?;
    let mut r = Walk::new();
    let what = Text::new("{\"answers\": {…}, \"scenarios\": {…}}", "{\"answers\": {…}, \"scenarios\": {…}}");
    let Some(m) = r.object_of(&v, "input", what) else { return Err(InputErrors { errors: r.errors }) };
    let mut input = AssessInput::default();
    for (key, val) in m {
        match key.as_str() {
            "answers" if val.is_null() => {}
            "answers" => r.answers(val, &mut input.answers),
            "scenarios" if val.is_null() => {}
            "scenarios" => r.scenarios(val, &mut input.answers),
            "project" => r.assess_project(val, &mut input),
            "as_of" => match val {
                Value::Null | Value::String(_) => input.as_of = r.day(m, "as_of", "as_of", None),
                other => {
                    let (label, want) = (Text::new("日期", "the date"), Text::new("文本 YYYY-MM-DD", "text YYYY-MM-DD"));
                    r.wrong_type("as_of", Some(&label), other, want);
                }
            },
            other => r.unknown_field("", other, &["as_of", "answers", "scenarios", "project"]),
        }
    }
    r.finish()?;
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_in_every_form() {
        for (s, want) in [
            ("0", Some(0)),
            ("4", Some(4)),
            ("二级", Some(2)),
            ("三", Some(3)),
            ("L4", Some(4)),
            ("level 1", Some(1)),
            ("无", Some(0)),
            ("2.0", Some(2)),
        ] {
            assert_eq!(parse_rating(s), want, "{s}");
        }
        for s in ["5", "-1", "2.5", "五级", "x", "1e400"] {
            assert_eq!(parse_rating(s), None, "{s}");
        }
    }

    #[test]
    fn every_bad_answer_is_named() {
        let e = parse_assess_input(
            r#"{"answers": {"Q1": ["A", "E"], "Q2": ["B", "C"], "Q3": "Z", "Q4": 3, "Q5": {"x": 1}, "Q6": ["B", 7], "Q0": "A"},
                "scenarios": {"S1": 5, "S2": true, "S20": 1, "S3": "五级"}, "project": {"eligible_input_yuan": "-5", "implementation_year": 3, "x": 1},
                "as_of": "2025-02-30", "colour": "red"}"#,
        )
        .unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "answers.Q1",
            "answers.Q2",
            "answers.Q3",
            "answers.Q4",
            "answers.Q5",
            "answers.Q6[1]",
            "answers.Q0",
            "scenarios.S1",
            "scenarios.S2",
            "scenarios.S20",
            "scenarios.S3",
            "project.eligible_input_yuan",
            "project.implementation_year",
            "project.x",
            "as_of",
            "colour",
        ] {
            assert!(fields.contains(&f), "no error for {f}: {fields:?}");
        }
        assert!(e.errors.iter().all(|e| !e.message.zh.is_empty() && !e.message.en.is_empty()));
        let q1 = e.errors.iter().find(|e| e.field == "answers.Q1").unwrap();
        assert!(q1.message.zh.contains("无") && q1.message.en.contains("cannot be combined"), "{q1:?}");
        let q2 = e.errors.iter().find(|e| e.field == "answers.Q2").unwrap();
        assert!(q2.message.en.contains("single-choice"), "{q2:?}");
        for (text, field) in
            [("[]", "input"), ("", "input"), ("{", "input"), (r#"{"answers": []}"#, "answers"), (r#"{"scenarios": 3}"#, "scenarios")]
        {
            assert!(parse_assess_input(text).unwrap_err().mentions(field), "{text}");
        }
    }

    #[test]
    fn lenient_forms_and_blanks() {
        let i = parse_assess_input(
            r#"{"answers": {"q1": "无", "Q2": ["Ｃ"], "Q4": ["O", "B", "B"], "Q5": null, "Q6": [], "Q8": "已经主动了解数字化相关内容"},
                "scenarios": {"s1": "", "S2": null, "S3": 0}, "project": {"eligible_input_yuan": "80万"}, "as_of": null}"#,
        )
        .unwrap();
        let a = &i.answers;
        assert_eq!(a.chosen("Q1"), ["A"]);
        assert_eq!(a.chosen("Q2"), ["C"]);
        assert_eq!(a.chosen("Q4"), ["B", "O"]);
        assert!(!a.answered("Q5") && !a.answered("Q6"));
        assert_eq!(a.chosen("Q8"), ["B"]);
        assert_eq!((a.rating("S1"), a.rating("S2"), a.rating("S3")), (None, None, Some(0)));
        assert_eq!(i.eligible_input_yuan, Some(Decimal::from(800_000)));
        assert_eq!(a.progress(), (4, 1));
    }

    #[test]
    fn json_round_trip_and_template() {
        let mut a = Answers::default();
        a.choose("Q1", &["C", "B"]).unwrap();
        a.choose("Q2", &["E"]).unwrap();
        a.rate("S16", 4).unwrap();
        let back = parse_assess_input(&a.to_json()).unwrap();
        assert_eq!(back.answers, a);
        let blank = parse_assess_input(&template()).unwrap();
        assert_eq!(blank.answers, Answers::default());
        assert!(template().contains("\"Q15\": null") && template().contains("\"Q1\": []") && template().contains("\"S16\": null"));
        assert!(a.rate("S1", 5).is_err() && a.rate("S99", 1).is_err() && a.choose("Q16", &["A"]).is_err());
        a.choose("Q1", &[] as &[&str]).unwrap();
        assert!(!a.answered("Q1"));
    }
}
