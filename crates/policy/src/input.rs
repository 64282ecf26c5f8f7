//! The inputs of the JSON contract (`check` and `estimate`), parsed from JSON text with every
//! problem collected and named by field, in Chinese and English. Nothing here panics: bad
//! input becomes [`InputErrors`], never a crash, and the caller keeps what the user typed.

use crate::amount::{parse_count, parse_yuan, AmountError, Unit};
use crate::catalogue::catalogue;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::region::parse_region_in;
use crate::rules::{Programme, Question, QuestionKind};
use crate::t;
use crate::text::Text;
use crate::uscc::parse_uscc;
pub(crate) use crate::walk::type_name;
use crate::walk::{is_blank, scalar_text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the enterprise says about itself (企业基本情况). Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// GB/T 4754-2017 code, canonical form (`3973`, `C`).
    pub industry: Option<String>,
    /// 从业人员 (persons).
    pub employees: Option<u32>,
    /// 营业收入 (yuan, last year).
    pub revenue_yuan: Option<Decimal>,
    /// 资产总额 (yuan).
    pub total_assets_yuan: Option<Decimal>,
    /// GB/T 2260 6-digit code of the district where it is registered and operates.
    pub region: Option<String>,
    /// 统一社会信用代码, upper-cased and checked.
    pub uscc: Option<String>,
    /// 具有独立法人资格.
    pub independent_legal_person: Option<bool>,
    /// 近三年有不良信用记录.
    pub bad_credit_last_3_years: Option<bool>,
    /// 规上工业企业, when the enterprise knows it.
    pub above_designated_size: Option<bool>,
    /// 专精特新: `none`, `sme` (专精特新中小企业) or `little_giant` (专精特新“小巨人”).
    pub specialized: Option<Specialized>,
    /// 成立（注册）日期.
    pub registered_on: Option<Date>,
    /// 目前的数字化水平 (0–4), e.g. from the self-assessment.
    pub digital_level_now: Option<u8>,
    /// Answers to the rule packs' enterprise questions (`profile.answers.<id>`), as given; typed
    /// against the questions' declarations ([`typed_answer`]) when a programme reads them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Value>,
}

/// 专精特新 status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Specialized {
    /// Neither.
    None,
    /// 专精特新中小企业 (provincial).
    Sme,
    /// 专精特新“小巨人” (national).
    LittleGiant,
}

/// A transformation project, for the estimators (`estimate`'s `project`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 改造后数字化水平 (0–4; 0 is 未达一级, no level yet).
    pub digital_level_after: Option<u8>,
    /// 试点实施第几年 (1 or 2), for Jinhua's ratio.
    pub implementation_year: Option<u8>,
    /// User-supplied ratio (0–1) where the document sets none.
    pub ratio: Option<Decimal>,
    /// User-supplied caps by level, yuan.
    pub caps_yuan: BTreeMap<u8, Decimal>,
    /// True when `caps_yuan` was given as one amount for every level (not a table by level).
    pub caps_single: bool,
    /// Roles the enterprise holds (`chain_leader`, `platform`): a measure paid to a role is its
    /// own money only then.
    pub roles: Vec<String>,
    /// Amounts the user entered for awards the document names without a figure, by measure id.
    pub award_amounts_yuan: BTreeMap<String, Decimal>,
    /// Ids of one-off awards the user opts into.
    pub awards: Vec<String>,
    /// Answers to the programme's project questions (`project.<id>`: amounts, counts, yes/no…),
    /// as given; typed against the programme's declarations when it is estimated.
    pub answers: BTreeMap<String, Value>,
}

/// The keys of `project` the contract itself defines; every other key is a question's answer.
pub const PROJECT_KEYS: &[&str] =
    &["digital_level_after", "implementation_year", "ratio", "caps_yuan", "awards", "roles", "award_amounts_yuan"];

/// A question's answer read by its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typed {
    Bool(bool),
    /// Yuan, a count, person-days or a level.
    Number(Decimal),
    Date(Date),
    /// A choice's id.
    Choice(String),
}

/// Reads one answer by its question's kind: `Ok(None)` when blank, an error naming `path` in zh
/// and en when it cannot be read. Money takes 万/亿; yes/no takes 是/否; a level takes 二级.
///
/// ```
/// use shuzhuan_policy::input::{typed_answer, Typed};
/// use shuzhuan_policy::rules::{Question, QuestionKind, Scope, Source};
/// use shuzhuan_policy::Text;
/// let q = |kind| Question { id: "q".into(), kind, scope: Scope::Project, label: Text::new("投入", "spending"),
///     help: None, unit: None, choices: vec![], source: Source { clause: "一".into(), quote: "q".into() } };
/// let v = |s: &str| serde_json::Value::String(s.into());
/// assert_eq!(typed_answer(&q(QuestionKind::Yuan), &v("120万"), "project.q"), Ok(Some(Typed::Number(1_200_000.into()))));
/// assert_eq!(typed_answer(&q(QuestionKind::YesNo), &v("是"), "project.q"), Ok(Some(Typed::Bool(true))));
/// assert_eq!(typed_answer(&q(QuestionKind::Yuan), &v(""), "project.q"), Ok(None));
/// assert_eq!(typed_answer(&q(QuestionKind::Count), &v("2.5"), "project.q").unwrap_err().field, "project.q");
/// ```
pub fn typed_answer(q: &Question, v: &Value, path: &str) -> Result<Option<Typed>, FieldError> {
    let mut w = Walk::new();
    // The question's label, cloned only when a message names it.
    let label = || q.label.clone();
    let got = match q.kind {
        QuestionKind::YesNo => w.base.yes_no_of(v, path, Some(&label)).map(Typed::Bool),
        QuestionKind::Yuan => w.base.money_of(v, path, &label).map(Typed::Number),
        QuestionKind::Count | QuestionKind::PersonDays => w.count_big_of(v, path, &label).map(Typed::Number),
        QuestionKind::Date => w.date_of(v, path, &label).map(Typed::Date),
        QuestionKind::Level => {
            w.small_int_of(v, path, 0..=4, &label, q.id == "digital_level_after").map(|l| Typed::Number(Decimal::from(l)))
        }
        QuestionKind::Choice => w.base.text_of(v, path, Some(&label)).and_then(|s| {
            let s = s.trim();
            match q.choices.iter().find(|c| c.id == s || c.label.zh == s || c.label.en.eq_ignore_ascii_case(s)) {
                Some(c) => Some(Typed::Choice(c.id.clone())),
                None => {
                    let list = q.choices.iter().map(|c| format!("{}（{}）", c.id, c.label.zh)).collect::<Vec<_>>().join("、");
                    let shown = crate::text::shown(s, 40);
                    w.err(
                        path,
                        Text::new(
                            format!("{}应为以下之一：{list}，收到“{shown}”", q.label.zh),
                            format!("{} must be one of: {list}; got \"{shown}\"", q.label.en),
                        ),
                    );
                    None
                }
            }
        }),
    };
    match w.base.errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(got),
    }
}

/// `check` input.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CheckInput {
    pub as_of: Option<Date>,
    pub profile: Profile,
    /// Things done to the input the user should know (e.g. a lowercase USCC upper-cased).
    #[serde(skip)]
    pub notices: Vec<Text>,
}

/// `estimate` input.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EstimateInput {
    pub programme: String,
    pub as_of: Option<Date>,
    pub profile: Profile,
    pub project: Project,
    #[serde(skip)]
    pub notices: Vec<Text>,
}

const PROFILE_FIELDS: &[&str] = &[
    "industry",
    "employees",
    "revenue_yuan",
    "total_assets_yuan",
    "region",
    "uscc",
    "independent_legal_person",
    "bad_credit_last_3_years",
    "above_designated_size",
    "specialized",
    "registered_on",
    "digital_level_now",
    "answers",
];

/// The shared walker ([`crate::walk`]) with what only these inputs need: the notices, and the
/// fields' labels that messages name them by ([`label_of`], built only when a message says one).
struct Walk {
    base: crate::walk::Walk,
    notices: Vec<Text>,
}

/// A path under `profile` or `project`, written out at compile time.
macro_rules! at {
    ($obj:literal, $key:literal) => {
        concat!($obj, ".", $key)
    };
}

impl std::ops::Deref for Walk {
    type Target = crate::walk::Walk;
    fn deref(&self) -> &crate::walk::Walk {
        &self.base
    }
}

impl std::ops::DerefMut for Walk {
    fn deref_mut(&mut self) -> &mut crate::walk::Walk {
        &mut self.base
    }
}

/// What a count should be, in its wrong-type message.
fn whole_number() -> Text {
    Text::new("整数", "a whole number")
}

fn label_of(key: &str) -> Text {
    let (zh, en) = match key {
        "industry" => ("行业代码", "industry code"),
        "employees" => ("从业人员", "staff count"),
        "revenue_yuan" => ("营业收入", "revenue"),
        "total_assets_yuan" => ("资产总额", "total assets"),
        "region" => ("所在区县代码", "district code"),
        "uscc" => ("统一社会信用代码", "unified social credit code"),
        "independent_legal_person" => ("是否独立法人", "independent legal person"),
        "bad_credit_last_3_years" => ("近三年不良信用记录", "bad credit record in the last 3 years"),
        "above_designated_size" => ("是否规上工业企业", "above designated size"),
        "specialized" => ("专精特新", "specialised (专精特新) status"),
        "registered_on" => ("成立日期", "date of registration"),
        "digital_level_now" => ("目前的数字化水平", "digital level now"),
        "as_of" => ("评估日期", "evaluation date"),
        "programme" => ("政策编号", "programme id"),
        "digital_level_after" => ("改造后数字化水平", "digital level after transformation"),
        "implementation_year" => ("实施年度", "implementation year"),
        "ratio" => ("补贴比例", "subsidy ratio"),
        "caps_yuan" => ("各等级补贴上限", "caps by level"),
        "roles" => ("本企业的身份（链主企业、平台）", "roles the enterprise holds (chain leader, platform)"),
        "award_amounts_yuan" => ("奖励金额", "award amounts"),
        "awards" => ("申报的奖励项目", "awards claimed"),
        other => return Text::new(other, other),
    };
    Text::new(zh, en)
}

impl Walk {
    fn new() -> Walk {
        Walk { base: crate::walk::Walk::new(), notices: vec![] }
    }

    /// [`crate::walk::Walk::wrong_type`], the field named by its key's label.
    fn wrong_type(&mut self, path: &str, key: &str, v: &Value, want: Text) {
        self.base.wrong_type(path, Some(&label_of(key)), v, want);
    }

    fn money(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<Decimal> {
        self.base.money(m, key, path, &|| label_of(key))
    }

    fn count(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<u32> {
        let v = m.get(key)?;
        self.base.scalar(v, path, &|| label_of(key), whole_number, parse_count, AmountError::count_message)
    }

    fn boolean(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        self.base.yes_no(m, key, path, Some(&|| label_of(key)))
    }

    /// A text field as written, borrowed from the input where it is a string.
    fn string<'v>(&mut self, m: &'v Map<String, Value>, key: &str, path: &str) -> Option<Cow<'v, str>> {
        self.base.text_of(m.get(key)?, path, Some(&|| label_of(key)))
    }

    fn date(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<Date> {
        self.date_of(m.get(key)?, path, &|| label_of(key))
    }

    fn date_of(&mut self, v: &Value, path: &str, label: &dyn Fn() -> Text) -> Option<Date> {
        self.base.day_of(v, path, Some(label))
    }

    /// The profile; a place's name (`region`) is read by the built-in tables and by the cities
    /// and districts of the programmes in use, `rules`, as the batch reads it
    /// ([`parse_region_in`]), and a name not recognised is refused naming those cities too.
    fn profile(&mut self, v: Option<&Value>, rules: &[Programme]) -> Profile {
        let mut p = Profile::default();
        let Some(v) = v else { return p };
        if v.is_null() {
            return p;
        }
        let Some(m) = self.object(v, "profile", PROFILE_FIELDS) else { return p };
        if let Some(s) = self.string(m, "industry", at!("profile", "industry")) {
            match catalogue().lookup(&s) {
                Ok(ind) => p.industry = Some(ind.code.clone()),
                Err(e) => self.err(at!("profile", "industry"), e.message()),
            }
        }
        p.employees = self.count(m, "employees", at!("profile", "employees"));
        p.revenue_yuan = self.money(m, "revenue_yuan", at!("profile", "revenue_yuan"));
        p.total_assets_yuan = self.money(m, "total_assets_yuan", at!("profile", "total_assets_yuan"));
        if let Some(s) = self.string(m, "region", at!("profile", "region")) {
            let cities = || rules.iter().map(|r| &r.city);
            match parse_region_in(&s, cities()) {
                Ok(r) => p.region = Some(r.code),
                Err(e) => self.err(at!("profile", "region"), e.message_in(cities())),
            }
        }
        if let Some(s) = self.string(m, "uscc", at!("profile", "uscc")) {
            match parse_uscc(&s) {
                Ok(u) => {
                    if u.uppercased {
                        self.notices.push(Text::new(
                            format!("统一社会信用代码中的小写字母已转为大写：{}", u.code),
                            format!("lowercase letters in the credit code were upper-cased: {}", u.code),
                        ));
                    }
                    p.uscc = Some(u.code);
                }
                Err(e) => self.err(at!("profile", "uscc"), e.message()),
            }
        }
        p.independent_legal_person = self.boolean(m, "independent_legal_person", at!("profile", "independent_legal_person"));
        p.bad_credit_last_3_years = self.boolean(m, "bad_credit_last_3_years", at!("profile", "bad_credit_last_3_years"));
        p.above_designated_size = self.boolean(m, "above_designated_size", at!("profile", "above_designated_size"));
        if let Some(s) = self.string(m, "specialized", at!("profile", "specialized")) {
            match s.trim().to_lowercase().as_str() {
                "none" | "否" | "无" | "no" | "false" => p.specialized = Some(Specialized::None),
                "sme" | "专精特新中小企业" | "专精特新" | "yes" | "是" => p.specialized = Some(Specialized::Sme),
                "little_giant" | "小巨人" | "专精特新“小巨人”" | "专精特新小巨人" => {
                    p.specialized = Some(Specialized::LittleGiant)
                }
                _ => {
                    let shown = crate::text::shown(&s, 40);
                    self.err(
                        at!("profile", "specialized"),
                        t!(
                            "专精特新应为 none（否）、sme（专精特新中小企业）或 little_giant（“小巨人”），收到“{shown}”",
                            "specialized must be none, sme (专精特新中小企业) or little_giant (“小巨人”); got \"{shown}\""
                        ),
                    )
                }
            }
        }
        p.registered_on = self.date(m, "registered_on", at!("profile", "registered_on"));
        p.digital_level_now = self.small_int(m, "digital_level_now", at!("profile", "digital_level_now"), 0..=4);
        match m.get("answers") {
            None | Some(Value::Null) => {}
            Some(Value::Object(a)) => {
                for (k, v) in a {
                    if !is_blank(v) {
                        p.answers.insert(k.clone(), v.clone());
                    }
                }
            }
            Some(v) => self.wrong_type(
                at!("profile", "answers"),
                "answers",
                v,
                Text::new("问题编号到回答的对象", "an object of question id → answer"),
            ),
        }
        p
    }

    fn small_int(&mut self, m: &Map<String, Value>, key: &str, path: &str, range: std::ops::RangeInclusive<u8>) -> Option<u8> {
        let v = m.get(key)?;
        self.small_int_of(v, path, range, &|| label_of(key), key == "digital_level_after")
    }

    /// A level or year in `range`; `none_allowed` says level 0 is 未达一级 in the message.
    fn small_int_of(
        &mut self,
        v: &Value,
        path: &str,
        range: std::ops::RangeInclusive<u8>,
        label: &dyn Fn() -> Text,
        none_allowed: bool,
    ) -> Option<u8> {
        if is_blank(v) {
            return None;
        }
        let s = scalar_text(v).unwrap_or_default();
        let t = s.trim().trim_end_matches('级').trim_start_matches("level").trim();
        let n = match t {
            // 未达一级: no level yet, a real answer where a level is asked (it pays nothing).
            "未达一" | "未达到一" | "无" | "none" | "below 1" => Some(0),
            "一" => Some(1),
            "二" => Some(2),
            "三" => Some(3),
            "四" => Some(4),
            _ => parse_count(t).ok().and_then(|n| u8::try_from(n).ok()),
        };
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let l = label();
                let (a, b) = (range.start(), range.end());
                let shown = crate::text::shown(&s, 40);
                let shown = if v.is_string() || v.is_number() { shown } else { type_name(v).to_string() };
                // Level 0 is 未达一级 (no level yet), a real answer: say so where it is allowed.
                let (az, ae) = if *a == 0 && none_allowed {
                    ("0（未达一级）".to_string(), "0 (no level yet)".to_string())
                } else {
                    (format!("{a} "), a.to_string())
                };
                self.err(
                    path,
                    Text::new(
                        format!("{}应为 {az}到 {b} 的整数，收到“{shown}”", l.zh),
                        format!("{} must be a whole number from {ae} to {b}; got \"{shown}\"", l.en),
                    ),
                );
                None
            }
        }
    }

    fn ratio(&mut self, m: &Map<String, Value>, path: &str) -> Option<Decimal> {
        let v = m.get("ratio")?;
        if is_blank(v) {
            return None;
        }
        let Some(s) = scalar_text(v) else {
            self.wrong_type(path, "ratio", v, Text::new("0 到 1 之间的小数或百分数", "a fraction from 0 to 1 or a percentage"));
            return None;
        };
        let t = s.trim();
        let parsed = match t.strip_suffix(['%', '％']) {
            Some(p) => parse_yuan(p, Unit::Yuan).map(|d| d / Decimal::from(100)),
            None => parse_yuan(t, Unit::Yuan),
        };
        match parsed {
            Ok(d) if d <= Decimal::ONE => Some(d),
            Ok(_) | Err(AmountError::NotANumber) => {
                let shown = crate::text::shown(&s, 40);
                self.err(
                    path,
                    t!(
                        "补贴比例应在 0 到 1 之间（如 0.3 或 30%），收到“{shown}”",
                        "the ratio must be between 0 and 1 (e.g. 0.3 or 30%); got \"{shown}\""
                    ),
                );
                None
            }
            Err(e) => {
                let message = e.message(&label_of("ratio"), &s);
                self.err(path, message);
                None
            }
        }
    }

    fn caps(&mut self, m: &Map<String, Value>, path: &str) -> BTreeMap<u8, Decimal> {
        let mut out = BTreeMap::new();
        let Some(v) = m.get("caps_yuan") else { return out };
        match v {
            Value::Null => {}
            Value::Object(obj) => {
                for (k, val) in obj {
                    let p = crate::error::key_path(path, k);
                    let level = k.trim().trim_end_matches('级').parse::<u8>().ok().filter(|l| (1..=4).contains(l));
                    let Some(level) = level else {
                        let shown = crate::text::shown(k, 20);
                        self.err(
                            &p,
                            t!("上限的键应为数字化水平等级 1–4，收到“{shown}”", "cap keys must be digital levels 1–4; got \"{shown}\""),
                        );
                        continue;
                    };
                    if let Some(d) = self.base.money_of(val, &p, &|| label_of("caps_yuan")) {
                        out.insert(level, d);
                    }
                }
            }
            _ => {
                // One amount for every level.
                if let Some(d) = self.money(m, "caps_yuan", path) {
                    for l in 0..=4 {
                        out.insert(l, d);
                    }
                }
            }
        }
        out
    }

    /// `roles`: an array of role ids, each one of [`crate::rules::ROLES`].
    fn roles(&mut self, m: &Map<String, Value>, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        let Some(v) = m.get("roles") else { return out };
        match v {
            Value::Null => {}
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let at = || format!("{path}[{i}]");
                    match item.as_str().map(str::trim) {
                        Some(r) if crate::rules::ROLES.iter().any(|(id, _, _)| *id == r) => {
                            if !out.iter().any(|x| x == r) {
                                out.push(r.to_string());
                            }
                        }
                        Some(r) => {
                            let shown = crate::text::shown(r, 40);
                            let known = crate::rules::ROLES.iter().map(|(id, _, _)| *id).collect::<Vec<_>>().join(", ");
                            self.err(&at(), t!("没有“{shown}”这种身份；可选：{known}", "no role \"{shown}\"; known: {known}"));
                        }
                        None => self.wrong_type(&at(), "roles", item, Text::new("身份编号（文本）", "a role id (text)")),
                    }
                }
            }
            _ => self.wrong_type(path, "roles", v, Text::new("身份编号的数组", "an array of role ids")),
        }
        out
    }

    /// `award_amounts_yuan`: measure id → amount (yuan).
    fn award_amounts(&mut self, m: &Map<String, Value>, path: &str) -> BTreeMap<String, Decimal> {
        let mut out = BTreeMap::new();
        match m.get("award_amounts_yuan") {
            None | Some(Value::Null) => {}
            Some(Value::Object(obj)) => {
                for (k, val) in obj {
                    let key = crate::text::shown(k, 40);
                    if let Some(d) = self.base.money_of(val, &format!("{path}.{key}"), &|| label_of("award_amounts_yuan")) {
                        out.insert(k.trim().to_string(), d);
                    }
                }
            }
            Some(v) => self.wrong_type(path, "award_amounts_yuan", v, Text::new("奖励编号到金额的对象", "an object of award id → amount")),
        }
        out
    }

    fn project(&mut self, v: Option<&Value>, awards_allowed: bool) -> Project {
        let mut p = Project::default();
        let Some(v) = v else { return p };
        if v.is_null() {
            return p;
        }
        // Keys beyond the contract's own are the programme's questions, typed against their
        // declarations when the programme is estimated (`estimate::validate`).
        let Value::Object(m) = v else {
            self.not_object("project", v, None);
            return p;
        };
        for (k, v) in m.iter().filter(|(k, _)| !PROJECT_KEYS.contains(&k.as_str())) {
            if !is_blank(v) {
                p.answers.insert(k.clone(), v.clone());
            }
        }
        p.digital_level_after = self.small_int(m, "digital_level_after", at!("project", "digital_level_after"), 0..=4);
        p.implementation_year = self.small_int(m, "implementation_year", at!("project", "implementation_year"), 1..=2);
        p.ratio = self.ratio(m, at!("project", "ratio"));
        p.caps_yuan = self.caps(m, at!("project", "caps_yuan"));
        p.caps_single = m.get("caps_yuan").is_some_and(|v| !v.is_object() && !is_blank(v));
        p.roles = self.roles(m, at!("project", "roles"));
        p.award_amounts_yuan = self.award_amounts(m, at!("project", "award_amounts_yuan"));
        if let Some(v) = m.get("awards") {
            match v {
                Value::Null => {}
                Value::Array(items) if awards_allowed => {
                    for (i, item) in items.iter().enumerate() {
                        match item.as_str() {
                            Some(s) => p.awards.push(s.trim().to_string()),
                            None => self.wrong_type(
                                &format!("project.awards[{i}]"),
                                "awards",
                                item,
                                Text::new("奖励编号（文本）", "an award id (text)"),
                            ),
                        }
                    }
                }
                _ => self.wrong_type(at!("project", "awards"), "awards", v, Text::new("奖励编号的数组", "an array of award ids")),
            }
        }
        p
    }

    /// Counts that may exceed u32 (identifier registrations): whole, non-negative decimals.
    fn count_big_of(&mut self, v: &Value, path: &str, label: &dyn Fn() -> Text) -> Option<Decimal> {
        self.base.scalar(
            v,
            path,
            label,
            whole_number,
            |s| {
                let d = parse_yuan(s.trim().trim_end_matches(['人', '条', '家', '次']), Unit::Yuan)?;
                if d.fract().is_zero() {
                    Ok(d)
                } else {
                    Err(AmountError::Fractional)
                }
            },
            AmountError::count_message,
        )
    }

    fn finish<T>(self, value: T) -> Result<(T, Vec<Text>), InputErrors> {
        self.base.finish()?;
        Ok((value, self.notices))
    }
}

pub use crate::walk::parse_yes_no;

/// Input text as JSON (a BOM ignored): blank text and bad JSON are errors on `input`.
pub fn json_value(text: &str) -> Result<Value, InputErrors> {
    crate::walk::parse_json(text, Some("{\"profile\": {…}}"))
}

/// Parses `check` input: `{"as_of": "YYYY-MM-DD", "profile": {…}}`, all optional.
///
/// ```
/// use shuzhuan_policy::input::parse_check_input;
/// let ok = parse_check_input(r#"{"profile": {"employees": "1,200", "revenue_yuan": "8500万"}}"#).unwrap();
/// assert_eq!(ok.profile.employees, Some(1200));
/// let bad = parse_check_input(r#"{"profile": {"employees": 12.5, "colour": "red"}}"#).unwrap_err();
/// assert!(bad.mentions("profile.employees") && bad.mentions("profile.colour"));
/// ```
pub fn parse_check_input(text: &str) -> Result<CheckInput, InputErrors> {
    check_input_from_value(&json_value(text)?)
}

/// [`parse_check_input`] for the programmes in use, `rules`: a place's name is read by their
/// cities and districts too ([`check_input_from_value_in`]).
pub fn parse_check_input_in(text: &str, rules: &[Programme]) -> Result<CheckInput, InputErrors> {
    check_input_from_value_in(&json_value(text)?, rules)
}

/// [`parse_check_input`] for a JSON value already built (the app builds one from its form).
/// Place names are read by the built-in tables only: for the rules in use, see
/// [`check_input_from_value_in`].
pub fn check_input_from_value(v: &Value) -> Result<CheckInput, InputErrors> {
    check_input_from_value_in(v, &[])
}

/// [`check_input_from_value`] for the programmes in use, `rules` (a bundle's `programmes`): a
/// place's name (`profile.region`) is read by their cities and districts too, as the batch reads
/// a list's, so a rule pack's city is known by its names as well as by its codes.
///
/// ```
/// use shuzhuan_policy::input::{check_input_from_value, check_input_from_value_in};
/// use shuzhuan_policy::RuleBundle;
/// let v = serde_json::json!({"profile": {"region": "厦门市思明区"}});
/// let seeds = check_input_from_value_in(&v, &RuleBundle::embedded().programmes).unwrap();
/// assert_eq!(seeds, check_input_from_value(&v).unwrap());
/// ```
pub fn check_input_from_value_in(v: &Value, rules: &[Programme]) -> Result<CheckInput, InputErrors> {
    let mut w = Walk::new();
    let Some(m) = w.object(v, "", &["as_of", "profile"]) else {
        return Err(InputErrors { errors: w.base.errors });
    };
    let as_of = w.date(m, "as_of", "as_of");
    let profile = w.profile(m.get("profile"), rules);
    let (mut input, notices) = w.finish(CheckInput { as_of, profile, notices: vec![] })?;
    input.notices = notices;
    Ok(input)
}

/// Parses `estimate` input: `{"programme": "xiamen-2024", "as_of": …, "profile": {…}, "project": {…}}`.
/// The programme id is checked against the rules by [`crate::estimate`].
pub fn parse_estimate_input(text: &str) -> Result<EstimateInput, InputErrors> {
    let (input, errors) = parse_estimate_input_partial(text)?;
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(InputErrors { errors })
    }
}

/// Like [`parse_estimate_input`], but keeps going: the input with every bad field left out, and
/// the errors. `Err` only when the text is not a JSON object at all.
pub fn parse_estimate_input_partial(text: &str) -> Result<(EstimateInput, Vec<FieldError>), InputErrors> {
    estimate_input_from_value_partial(&json_value(text)?)
}

/// [`parse_estimate_input_partial`] for a JSON value already built (the app builds one from its form).
/// Place names are read by the built-in tables only: for the rules in use, see
/// [`estimate_input_from_value_partial_in`].
pub fn estimate_input_from_value_partial(v: &Value) -> Result<(EstimateInput, Vec<FieldError>), InputErrors> {
    estimate_input_from_value_partial_in(v, &[])
}

/// [`estimate_input_from_value_partial`] for the programmes in use, `rules`: a place's name is
/// read by their cities and districts too, as [`check_input_from_value_in`] reads it.
pub fn estimate_input_from_value_partial_in(v: &Value, rules: &[Programme]) -> Result<(EstimateInput, Vec<FieldError>), InputErrors> {
    let mut w = Walk::new();
    let Some(m) = w.object(v, "", &["programme", "as_of", "profile", "project"]) else {
        return Err(InputErrors { errors: w.base.errors });
    };
    let programme = w.string(m, "programme", "programme");
    if programme.is_none() && !w.has_error_at("programme") {
        w.err("programme", Text::new("请指定政策编号，如 \"xiamen-2024\"", "name the programme, e.g. \"xiamen-2024\""));
    }
    let as_of = w.date(m, "as_of", "as_of");
    let profile = w.profile(m.get("profile"), rules);
    let project = w.project(m.get("project"), true);
    let input = EstimateInput { programme: programme.unwrap_or_default().trim().to_string(), as_of, profile, project, notices: w.notices };
    Ok((input, w.base.errors))
}
