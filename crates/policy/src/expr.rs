//! Conditions as expressions (条件表达式), the language a rule pack's criteria and measure
//! conditions are written in. Small and typed: a rule-pack author writes
//!
//! ```text
//! all(sme, section in [C], in_region [3502], legal_person, answer(tax_paid),
//!     no_bad_credit ["安全生产", "产品质量", "环境保护"], not(answer(on_city_blacklist)))
//! staff >= 20
//! level_after >= 2
//! registered_on <= 2023-12-31
//! any(above_designated_size, specialized)
//! ```
//!
//! Names are the built-in facts of the profile (`sme`, `sub_industry`, `in_city`, `legal_person`,
//! `no_bad_credit`, `above_designated_size`, `specialized`, `in_force`), the numbers and dates
//! (`staff`, `revenue`, `assets`, `registered_on`, `level_now`, `level_after`), and the pack's own
//! questions through `answer(id)`. Every node evaluates to pass / fail / unknown
//! ([`crate::eval::Outcome`]); see `eval::eval_expr` for how reasons are built.
//!
//! Parsing never panics: a mistake is a [`ParseError`] with the column (in characters, from 1)
//! where it was found, so a pack's validator can point at the line and column in the file.
//!
//! Every mistake, in parsing and in type checking, is said in Chinese and in English (a
//! [`Text`] built by `t!`, so no message can have one language only): the Chinese in plain
//! words for a bureau's web team, naming what was written and what was expected; the English as
//! it has always been (outside checks match it).

use crate::date::Date;
use crate::t;
use crate::text::Text;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// A condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A built-in yes/no fact of the profile or the programme.
    Fact(Fact),
    /// `no_bad_credit ["安全生产", …]`: no (serious) bad-credit record, in the areas named (all areas
    /// when none are).
    NoBadCredit(Vec<String>),
    /// `section in [C, D]`: the industry's GB/T 4754-2017 section (门类), or any code's prefix.
    Section(Vec<String>),
    /// `in_region [3502, 350203]`: the district's GB/T 2260 code starts with one of these.
    InRegion(Vec<String>),
    /// `answer(q)`: the pack's yes/no question `q` answered yes.
    Answer(String),
    /// `left op right`, numbers or dates.
    Compare {
        left: Operand,
        op: Cmp,
        right: Operand,
    },
    All(Vec<Expr>),
    Any(Vec<Expr>),
    Not(Box<Expr>),
}

/// The built-in yes/no facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// The programme is in force on the date evaluated.
    InForce,
    /// An SME by 工信部联企业〔2011〕300号.
    Sme,
    /// In one of the programme's pilot sub-industries.
    SubIndustry,
    /// Registered and operating in the programme's city.
    InCity,
    /// An independent legal person.
    LegalPerson,
    /// 规上工业企业 (above designated size).
    AboveDesignatedSize,
    /// 专精特新 (any tier: 专精特新中小企业 or “小巨人”).
    Specialized,
}

impl Fact {
    /// Every fact with the name an expression uses.
    pub const ALL: [(&'static str, Fact); 7] = [
        ("in_force", Fact::InForce),
        ("sme", Fact::Sme),
        ("sub_industry", Fact::SubIndustry),
        ("in_city", Fact::InCity),
        ("legal_person", Fact::LegalPerson),
        ("above_designated_size", Fact::AboveDesignatedSize),
        ("specialized", Fact::Specialized),
    ];

    pub fn name(self) -> &'static str {
        Fact::ALL.iter().find(|(_, f)| *f == self).map(|(n, _)| *n).unwrap_or("")
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Ne,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Gt => ">",
            Cmp::Le => "≤",
            Cmp::Lt => "<",
            Cmp::Eq => "=",
            Cmp::Ne => "≠",
        }
    }

    /// Whether `a op b` holds.
    pub fn holds<T: Ord>(self, a: &T, b: &T) -> bool {
        match self {
            Cmp::Ge => a >= b,
            Cmp::Gt => a > b,
            Cmp::Le => a <= b,
            Cmp::Lt => a < b,
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
        }
    }

    /// The operator with its sides swapped (`3 < staff` is `staff > 3`).
    pub fn flipped(self) -> Cmp {
        match self {
            Cmp::Ge => Cmp::Le,
            Cmp::Gt => Cmp::Lt,
            Cmp::Le => Cmp::Ge,
            Cmp::Lt => Cmp::Gt,
            other => other,
        }
    }
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    /// A number as written; `2000万` is 20 000 000.
    Number(Decimal),
    Date(Date),
    Var(Var),
}

/// A value of the profile, the project or the pack's questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Var {
    /// 从业人员 (persons).
    Staff,
    /// 营业收入 (yuan).
    Revenue,
    /// 资产总额 (yuan).
    Assets,
    /// 成立（注册）日期.
    RegisteredOn,
    /// 目前的数字化水平 (0–4).
    LevelNow,
    /// 改造后数字化水平 (0–4), a project input.
    LevelAfter,
    /// The pack's question with this id (a number, an amount, a date or a level).
    Question(String),
}

/// What a value is, for type checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Yuan.
    Money,
    /// Persons, firms, days…: whole numbers.
    Count,
    Date,
    /// A digital level 0–4.
    Level,
    Bool,
    /// A question's choice (compared with `==` / `!=` to a choice id).
    Choice,
}

impl Type {
    pub fn name(self) -> &'static str {
        match self {
            Type::Money => "an amount (yuan)",
            Type::Count => "a number",
            Type::Date => "a date",
            Type::Level => "a digital level",
            Type::Bool => "yes/no",
            Type::Choice => "a choice",
        }
    }

    /// The name in Chinese, for messages: what a value of this type is (「是/否」 for yes/no).
    pub fn name_zh(self) -> &'static str {
        match self {
            Type::Money => "金额（元）",
            Type::Count => "数",
            Type::Date => "日期",
            Type::Level => "数字化水平（0–4）",
            Type::Bool => "「是/否」",
            Type::Choice => "选择题的选项",
        }
    }
}

impl Var {
    /// The built-in variables with the names expressions use.
    pub const BUILT_IN: [(&'static str, Var, Type); 6] = [
        ("staff", Var::Staff, Type::Count),
        ("revenue", Var::Revenue, Type::Money),
        ("assets", Var::Assets, Type::Money),
        ("registered_on", Var::RegisteredOn, Type::Date),
        ("level_now", Var::LevelNow, Type::Level),
        ("level_after", Var::LevelAfter, Type::Level),
    ];

    /// The name an expression writes.
    pub fn name(&self) -> &str {
        match self {
            Var::Question(q) => q,
            v => Var::BUILT_IN.iter().find(|(_, x, _)| x == v).map(|(n, _, _)| *n).unwrap_or(""),
        }
    }
}

/// A mistake in an expression: where (column, in characters, from 1) and what, in English
/// (`message`) and in Chinese (`message_zh`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub column: usize,
    pub message: String,
    pub message_zh: String,
}

impl ParseError {
    fn new(column: usize, message: Text) -> ParseError {
        ParseError { column, message: message.en, message_zh: message.zh }
    }

    /// The message in both languages.
    pub fn text(&self) -> Text {
        Text::new(self.message_zh.clone(), self.message.clone())
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Number(String),
    Date(String),
    Str(String),
    Open,
    Close,
    LBracket,
    RBracket,
    Comma,
    Op(Cmp),
}

/// A token as a message names it.
fn describe(t: &Tok) -> Text {
    match t {
        Tok::Name(n) => t!("`{n}`", "`{n}`"),
        Tok::Number(n) => t!("数字 {n}", "the number {n}"),
        Tok::Date(d) => t!("日期 {d}", "the date {d}"),
        Tok::Str(s) => t!("\"{s}\"", "\"{s}\""),
        Tok::Open => t!("`(`", "`(`"),
        Tok::Close => t!("`)`", "`)`"),
        Tok::LBracket => t!("`[`", "`[`"),
        Tok::RBracket => t!("`]`", "`]`"),
        Tok::Comma => t!("`,`", "`,`"),
        Tok::Op(c) => t!("`{}`", "`{}`", c.symbol()),
    }
}

/// One side of a comparison written back as the pack writes it (`answer(q)`, `staff`, `20`).
fn side(o: &Operand) -> String {
    match o {
        Operand::Number(n) => n.normalize().to_string(),
        Operand::Date(d) => d.to_string(),
        Operand::Var(Var::Question(q)) => format!("answer({q})"),
        Operand::Var(v) => v.name().to_string(),
    }
}

/// Splits an expression into tokens, each with the column it starts at.
fn tokens(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = src.chars().map(crate::amount::halfwidth).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |at: usize, message: Text| Err(ParseError::new(at + 1, message));
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | '（' => {
                out.push((Tok::Open, start));
                i += 1
            }
            ')' | '）' => {
                out.push((Tok::Close, start));
                i += 1
            }
            '[' | '【' => {
                out.push((Tok::LBracket, start));
                i += 1
            }
            ']' | '】' => {
                out.push((Tok::RBracket, start));
                i += 1
            }
            ',' | '，' | '、' => {
                out.push((Tok::Comma, start));
                i += 1
            }
            '>' | '<' | '=' | '!' | '≥' | '≤' | '≠' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('>', Some('=')) => (Cmp::Ge, 2),
                    ('<', Some('=')) => (Cmp::Le, 2),
                    ('=', Some('=')) => (Cmp::Eq, 2),
                    ('!', Some('=')) => (Cmp::Ne, 2),
                    ('>', _) => (Cmp::Gt, 1),
                    ('<', _) => (Cmp::Lt, 1),
                    ('≥', _) => (Cmp::Ge, 1),
                    ('≤', _) => (Cmp::Le, 1),
                    ('≠', _) => (Cmp::Ne, 1),
                    ('=', _) => (Cmp::Eq, 1),
                    _ => return err(start, t!("`!` 后面必须紧跟 `=`（`!=` 表示“不等于”）", "`!` must be followed by `=`")),
                };
                out.push((Tok::Op(op), start));
                i += len;
            }
            '"' | '“' | '\'' => {
                let close = match c {
                    '“' => '”',
                    other => other,
                };
                let Some(end) = chars[i + 1..].iter().position(|x| *x == close) else {
                    return err(start, t!("从这里开始的引号 {c} 没有结束：请在文字末尾补上 {close}", "this quote is never closed"));
                };
                out.push((Tok::Str(chars[i + 1..i + 1 + end].iter().collect()), start));
                i += end + 2;
            }
            c if c.is_ascii_digit() => {
                let mut j = i;
                // A comma belongs to the number only as a thousands separator (`1,000,000`);
                // otherwise it separates list items (`[3502, 350203]`).
                let thousands = |j: usize| {
                    (1..=3).all(|k| chars.get(j + k).is_some_and(char::is_ascii_digit))
                        && !chars.get(j + 4).is_some_and(char::is_ascii_digit)
                };
                while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], '.' | '-') || (chars[j] == ',' && thousands(j))) {
                    j += 1;
                }
                // 万 / 亿 as units of a number.
                if j < chars.len() && matches!(chars[j], '万' | '亿') {
                    j += 1;
                    if j < chars.len() && chars[j] == '元' {
                        j += 1;
                    }
                }
                let text: String = chars[i..j].iter().collect();
                let tok = if text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' {
                    Tok::Date(text)
                } else {
                    Tok::Number(text)
                };
                out.push((tok, start));
                i = j;
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i;
                while j < chars.len() && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '-')) {
                    j += 1;
                }
                out.push((Tok::Name(chars[i..j].iter().collect()), start));
                i = j;
            }
            other => return err(start, t!("条件里不能出现字符 `{other}`", "unexpected character `{other}`")),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    at: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.toks.get(self.at).map_or(self.end, |(_, c)| *c) + 1
    }

    fn fail<T>(&self, message: Text) -> Result<T, ParseError> {
        Err(ParseError::new(self.column(), message))
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).map(|(t, _)| t.clone());
        self.at += 1;
        t
    }

    fn expect(&mut self, want: Tok, what: Text) -> Result<(), ParseError> {
        let Text { zh: what_zh, en: what } = what;
        match self.peek() {
            Some(t) if *t == want => {
                self.at += 1;
                Ok(())
            }
            Some(t) => {
                let Text { zh: got_zh, en: got } = describe(t);
                self.fail(t!("这里应当写 {what_zh}，却写了 {got_zh}", "expected {what}, found {got}"))
            }
            None => self.fail(t!("这里应当写 {what_zh}，但条件已经写完了", "expected {what}, but the expression ends")),
        }
    }

    /// An expression: a condition, or a comparison of two operands.
    fn expr(&mut self) -> Result<Expr, ParseError> {
        let start = self.at;
        // A comparison starts with an operand and has an operator next (or after `answer(q)`).
        let left = self.try_operand()?;
        if let Some(left) = left {
            if let Some(Tok::Op(op)) = self.peek().cloned() {
                self.at += 1;
                let Some(right) = self.try_operand()? else {
                    let (sym, l) = (op.symbol(), side(&left));
                    return self.fail(t!(
                        "`{l} {sym}` 后面应当是一个数、一个日期或一个名称（如 {l} {sym} 20）",
                        "expected a number, a date or a name after `{sym}`"
                    ));
                };
                return Ok(Expr::Compare { left, op, right });
            }
            self.at = start;
        }
        self.condition()
    }

    /// A number, a date, `answer(q)` or a variable name; `None` (nothing consumed) otherwise.
    fn try_operand(&mut self) -> Result<Option<Operand>, ParseError> {
        let start = self.at;
        let col = self.column();
        match self.next() {
            Some(Tok::Number(n)) => match number(&n) {
                Some(d) => Ok(Some(Operand::Number(d))),
                None => Err(ParseError::new(
                    col,
                    t!("`{n}` 不是一个数（可以写 2000万、0.4 或 1,000,000）", "`{n}` is not a number (write 2000万, 0.4 or 1,000,000)"),
                )),
            },
            Some(Tok::Date(d)) => match Date::parse(&d) {
                Ok(d) => Ok(Some(Operand::Date(d))),
                Err(_) => Err(ParseError::new(
                    col,
                    t!("`{d}` 不是实际存在的日期（格式为 年-月-日，如 2024-01-31）", "`{d}` is not a real date YYYY-MM-DD"),
                )),
            },
            Some(Tok::Name(n)) if n == "answer" && self.peek() == Some(&Tok::Open) => {
                let q = self.answer_id()?;
                Ok(Some(Operand::Var(Var::Question(q))))
            }
            Some(Tok::Name(n)) => match Var::BUILT_IN.iter().find(|(name, _, _)| *name == n) {
                Some((_, v, _)) => Ok(Some(Operand::Var(v.clone()))),
                None => {
                    self.at = start;
                    Ok(None)
                }
            },
            _ => {
                self.at = start;
                Ok(None)
            }
        }
    }

    /// `(id)` after `answer`.
    fn answer_id(&mut self) -> Result<String, ParseError> {
        self.expect(Tok::Open, t!("`(`（answer 后面紧跟括号，写作 answer(问题id)）", "`(` after answer"))?;
        let q = match self.next() {
            Some(Tok::Name(q)) | Some(Tok::Str(q)) => q,
            other => {
                self.at -= 1;
                let got = other.map_or_else(|| "什么也没写".to_string(), |t| format!("写了 {}", describe(&t).zh));
                return self.fail(t!(
                    "answer( ) 的括号里应当是一个问题 id（如 answer(tax_paid)），却{got}",
                    "expected a question id inside answer( )"
                ));
            }
        };
        self.expect(Tok::Close, t!("`)` 来结束 answer({q}", "`)` closing answer("))?;
        Ok(q)
    }

    fn condition(&mut self) -> Result<Expr, ParseError> {
        let col = self.column();
        let Some(tok) = self.next() else {
            return self.fail(t!(
                "这里应当再写一个条件（如 sme、all(…)、staff >= 20），但条件已经写完了",
                "expected a condition, but the expression ends"
            ));
        };
        let Tok::Name(name) = tok else {
            self.at -= 1;
            let Text { zh: got_zh, en: got } = describe(&tok);
            return self.fail(t!(
                "这里应当是一个条件（如 sme、all(…)、staff >= 20），却写了 {got_zh}",
                "expected a condition (e.g. sme, all(…), staff >= 20), found {got}"
            ));
        };
        match name.as_str() {
            "all" | "any" => {
                let items = self.args()?;
                if items.is_empty() {
                    return Err(ParseError::new(col, t!("{name}( ) 的括号里至少要写一个条件", "{name}( ) needs at least one condition")));
                }
                Ok(if name == "all" { Expr::All(items) } else { Expr::Any(items) })
            }
            "not" => {
                let mut items = self.args()?;
                if items.len() != 1 {
                    let n = items.len();
                    return Err(ParseError::new(
                        col,
                        t!(
                            "not( ) 的括号里只能写一个条件，这里写了 {n} 个（几个条件请先用 all(…) 或 any(…) 合成一个）",
                            "not( ) takes exactly one condition"
                        ),
                    ));
                }
                Ok(Expr::Not(Box::new(items.remove(0))))
            }
            "answer" => Ok(Expr::Answer(self.answer_id()?)),
            "section" => {
                self.expect(Tok::Name("in".into()), t!("`in`（写作 section in [C]）", "`in` after section (section in [C])"))?;
                let list = self.list(t!("一个 GB/T 4754 门类字母或行业代码", "a GB/T 4754 section letter or code"))?;
                Ok(Expr::Section(list))
            }
            "in_region" => Ok(Expr::InRegion(self.list(t!("一个 GB/T 2260 行政区划代码（或它的前几位）", "a GB/T 2260 code prefix"))?)),
            "no_bad_credit" => {
                let areas = if self.peek() == Some(&Tok::LBracket) {
                    self.list(t!("一个信用领域的名称", "a credit area"))?
                } else {
                    vec![]
                };
                Ok(Expr::NoBadCredit(areas))
            }
            other => match Fact::ALL.iter().find(|(n, _)| *n == other) {
                Some((_, f)) => Ok(Expr::Fact(*f)),
                None if Var::BUILT_IN.iter().any(|(n, _, _)| *n == other) => Err(ParseError::new(
                    col,
                    t!(
                        "`{other}` 是一个数或日期，本身不是条件：请写成比较，如 {other} >= …",
                        "`{other}` is a number or a date: compare it, e.g. {other} >= …"
                    ),
                )),
                None => {
                    let facts = Fact::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>();
                    let (known_zh, known) = (facts.join("、"), facts.join(", "));
                    Err(ParseError::new(
                        col,
                        t!(
                            "没有叫 `{other}` 的条件（请检查拼写）；可用的有：{known_zh}、no_bad_credit、section in [..]、in_region [..]、answer(问题id)、all(..)、any(..)、not(..)",
                            "unknown condition `{other}`; known: {known}, no_bad_credit, section in [..], in_region [..], answer(q), all(..), any(..), not(..)"
                        ),
                    ))
                }
            },
        }
    }

    /// `( expr , expr … )`.
    fn args(&mut self) -> Result<Vec<Expr>, ParseError> {
        self.expect(Tok::Open, t!("`(`", "`(`"))?;
        let mut items = Vec::new();
        if self.peek() == Some(&Tok::Close) {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(self.expr()?);
            match self.next() {
                Some(Tok::Comma) => {}
                Some(Tok::Close) => return Ok(items),
                Some(t) => {
                    self.at -= 1;
                    let Text { zh: got_zh, en: got } = describe(&t);
                    return self.fail(t!(
                        "这里应当是 `,`（接着写下一个条件）或 `)`（括号结束），却写了 {got_zh}",
                        "expected `,` or `)`, found {got}"
                    ));
                }
                None => {
                    return self.fail(t!(
                        "条件已经写完了，但括号还没有关上：少了 `)`（或在 `,` 后面少了一个条件）",
                        "expected `,` or `)`, but the expression ends"
                    ))
                }
            }
        }
    }

    /// `[ item , item … ]` of names, numbers or strings.
    fn list(&mut self, what: Text) -> Result<Vec<String>, ParseError> {
        let Text { zh: what_zh, en: what } = what;
        self.expect(Tok::LBracket, t!("`[`（列表要写在方括号 [ ] 里）", "`[`"))?;
        let mut items = Vec::new();
        loop {
            match self.next() {
                Some(Tok::Name(s)) | Some(Tok::Number(s)) | Some(Tok::Str(s)) => items.push(s),
                Some(Tok::RBracket) if items.is_empty() => {
                    self.at -= 1;
                    return self.fail(t!("方括号 [ ] 里是空的：至少要写{what_zh}", "the list is empty: give at least {what}"));
                }
                Some(t) => {
                    self.at -= 1;
                    let Text { zh: got_zh, en: got } = describe(&t);
                    return self.fail(t!("列表里这一项应当是{what_zh}，却写了 {got_zh}", "expected {what}, found {got}"));
                }
                None => return self.fail(t!("列表里应当写{what_zh}，但条件已经写完了", "expected {what}, but the expression ends")),
            }
            match self.next() {
                Some(Tok::Comma) => {}
                Some(Tok::RBracket) => return Ok(items),
                Some(t) => {
                    self.at -= 1;
                    let Text { zh: got_zh, en: got } = describe(&t);
                    return self
                        .fail(t!("列表的两项之间应当用 `,` 隔开（或用 `]` 结束），却写了 {got_zh}", "expected `,` or `]`, found {got}"));
                }
                None => return self.fail(t!("列表还没有用 `]` 结束，条件就写完了", "expected `]`, but the expression ends")),
            }
        }
    }
}

/// A number as a rule writes it: `20`, `0.4`, `1,000,000`, `2000万`, `1.2亿元`.
fn number(s: &str) -> Option<Decimal> {
    crate::amount::parse_yuan(s, crate::amount::Unit::Yuan).ok().or_else(|| Decimal::from_str(s).ok())
}

/// Parses an expression.
///
/// ```
/// use shuzhuan_policy::expr::{parse, Expr, Fact};
/// assert_eq!(parse("sme").unwrap(), Expr::Fact(Fact::Sme));
/// let e = parse("all(sme, section in [C], answer(tax_paid), revenue >= 2000万)").unwrap();
/// assert!(matches!(e, Expr::All(ref items) if items.len() == 4));
/// let bad = parse("all(sme, smee)").unwrap_err();
/// assert_eq!(bad.column, 10);
/// assert!(bad.message.contains("unknown condition `smee`"));
/// ```
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let toks = tokens(src)?;
    if toks.is_empty() {
        return Err(ParseError::new(1, t!("条件是空的：请写一个条件，如 sme", "the condition is empty")));
    }
    let end = src.chars().count();
    let mut p = Parser { toks, at: 0, end };
    let e = p.expr()?;
    if p.at < p.toks.len() {
        let Text { zh: got_zh, en: got } = describe(&p.toks[p.at].0);
        return p.fail(t!(
            "一个完整的条件后面又写了 {got_zh}：几个条件请用 all(…)（全部满足）或 any(…)（满足其一）连起来",
            "unexpected {got} after a complete condition (join conditions with all(…) or any(…))"
        ));
    }
    Ok(e)
}

/// What the type checker needs to know about the pack's questions: the type of a question id.
pub trait Questions {
    fn type_of(&self, id: &str) -> Option<Type>;
}

impl Expr {
    /// Checks names and types; returns every problem (not only the first), in order.
    ///
    /// ```
    /// use shuzhuan_policy::expr::{parse, Questions, Type};
    /// struct Q;
    /// impl Questions for Q {
    ///     fn type_of(&self, id: &str) -> Option<Type> { (id == "tax_paid").then_some(Type::Bool) }
    /// }
    /// assert!(parse("answer(tax_paid)").unwrap().check(&Q).is_empty());
    /// assert_eq!(parse("answer(taxes)").unwrap().check(&Q)[0], "no question `taxes` is declared");
    /// assert!(parse("staff >= 2024-01-01").unwrap().check(&Q)[0].contains("a number with a date"));
    /// ```
    pub fn check(&self, q: &dyn Questions) -> Vec<String> {
        self.problems(q).into_iter().map(|t| t.en).collect()
    }

    /// [`Expr::check`]'s problems in both languages (the English is `check`'s).
    ///
    /// ```
    /// use shuzhuan_policy::expr::{parse, Questions, Type};
    /// struct Q;
    /// impl Questions for Q {
    ///     fn type_of(&self, _: &str) -> Option<Type> { None }
    /// }
    /// let p = &parse("answer(taxes)").unwrap().problems(&Q)[0];
    /// assert_eq!(p.en, "no question `taxes` is declared");
    /// assert!(p.zh.starts_with("没有声明问题 `taxes`"));
    /// ```
    pub fn problems(&self, q: &dyn Questions) -> Vec<Text> {
        let mut out = Vec::new();
        self.check_into(q, &mut out);
        out
    }

    fn check_into(&self, q: &dyn Questions, out: &mut Vec<Text>) {
        let undeclared = |id: &str| t!("没有声明问题 `{id}`：请在 [[questions]] 下声明它，或检查拼写", "no question `{id}` is declared");
        match self {
            Expr::Answer(id) => match q.type_of(id) {
                None => out.push(undeclared(id)),
                Some(Type::Bool) => {}
                Some(Type::Choice) => out.push(t!(
                    "answer({id}) 是选择题，不是「是/否」题：条件里暂时不能使用选择题，请改问一个「是/否」题",
                    "answer({id}) is a choice, not yes/no: compare it (answer({id}) >= …)"
                )),
                Some(t) => {
                    let (kind_zh, kind) = (t.name_zh(), t.name());
                    out.push(t!(
                        "answer({id}) 的答案是{kind_zh}，不是「是/否」：请写成比较，如 answer({id}) >= …",
                        "answer({id}) is {kind}, not yes/no: compare it (answer({id}) >= …)"
                    ))
                }
            },
            Expr::Compare { left, right, .. } => {
                let mut ty = |o: &Operand| -> Option<Type> {
                    match o {
                        Operand::Number(_) => None,
                        Operand::Date(_) => Some(Type::Date),
                        Operand::Var(Var::Question(id)) => match q.type_of(id) {
                            Some(t) => Some(t),
                            None => {
                                out.push(undeclared(id));
                                None
                            }
                        },
                        Operand::Var(v) => Var::BUILT_IN.iter().find(|(_, x, _)| x == v).map(|(_, _, t)| *t),
                    }
                };
                let (a, b) = (ty(left), ty(right));
                let numeric = |t: Option<Type>| matches!(t, None | Some(Type::Money) | Some(Type::Count) | Some(Type::Level));
                let both_literals = matches!((left, right), (Operand::Number(_) | Operand::Date(_), Operand::Number(_) | Operand::Date(_)));
                let (l, r) = (side(left), side(right));
                // The side of type `t` (the left one when both are), as written.
                let which = |t: Type| if a == Some(t) { &l } else { &r };
                if both_literals {
                    out.push(t!(
                        "`{l}` 和 `{r}` 都是写定的值，比较不出什么：一边应当是名称（如 staff >= 20）",
                        "a comparison needs a name on one side (e.g. staff >= 20)"
                    ));
                } else if matches!(a, Some(Type::Bool)) || matches!(b, Some(Type::Bool)) {
                    let q = which(Type::Bool);
                    out.push(t!(
                        "{q} 是「是/否」题，不能比较大小：要求回答“是”就写 {q}，要求“否”就写 not({q})",
                        "a yes/no answer is not compared: write answer(q) or not(answer(q))"
                    ));
                } else if (a == Some(Type::Date)) != (b == Some(Type::Date)) {
                    let (date, other_side, other) = if a == Some(Type::Date) { (&l, &r, b) } else { (&r, &l, a) };
                    let other_zh = other.map_or("数", Type::name_zh);
                    let other = other.map_or("a number", Type::name);
                    out.push(t!("日期不能和数比较：`{date}` 是日期，`{other_side}` 却是{other_zh}", "a comparison of {other} with a date"));
                } else if a == Some(Type::Choice) || b == Some(Type::Choice) {
                    let q = which(Type::Choice);
                    out.push(t!(
                        "{q} 是选择题，目前还不能在条件里比较它的选项（answer(q) == \"选项\" 的写法尚不支持）：请改问一个「是/否」题",
                        "a choice is compared with `==` or `!=` to one of its options in answer(q) == \"option\" form, which is not supported yet: ask a yes/no question instead"
                    ));
                } else if a == Some(Type::Date) {
                    // Both sides are dates (a date with anything else is refused above).
                } else if !numeric(a) || !numeric(b) {
                    // Not reached with today's types (yes/no, choices and dates are refused above);
                    // kept so that a type added later is refused rather than compared.
                    out.push(t!("`{l}` 和 `{r}` 不能相互比较", "these two values cannot be compared"));
                }
            }
            Expr::All(items) | Expr::Any(items) => items.iter().for_each(|e| e.check_into(q, out)),
            Expr::Not(e) => e.check_into(q, out),
            Expr::Section(list) => {
                // Builds that load the catalogue later (the browser app, the widgets) check the
                // shape only: a section letter A–T or a 2–4 digit code. The pack was checked
                // against the whole catalogue when `shuzhuan rules build` made it.
                let full = crate::catalogue::catalogue_available();
                for s in list {
                    let known = if full {
                        crate::catalogue::catalogue().get(s).is_some()
                    } else {
                        matches!(s.as_bytes(), [b'A'..=b'T']) || ((2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                    };
                    if !known {
                        out.push(t!(
                            "`{s}` 不是 GB/T 4754-2017 的门类（A–T 的一个字母）或行业代码",
                            "`{s}` is not a GB/T 4754-2017 section or code"
                        ));
                    }
                }
            }
            Expr::InRegion(list) => {
                for r in list {
                    let ok = (2..=6).contains(&r.len()) && r.len() % 2 == 0 && r.bytes().all(|b| b.is_ascii_digit());
                    if !ok || crate::region::province(&r[..2.min(r.len())]).is_none() {
                        out.push(t!(
                            "`{r}` 不是 GB/T 2260 行政区划代码的前几位（应为 2、4 或 6 位数字，且以已知省份的代码开头）",
                            "`{r}` is not a GB/T 2260 code prefix (2, 4 or 6 digits of a known province)"
                        ));
                    }
                }
            }
            Expr::Fact(_) | Expr::NoBadCredit(_) => {}
        }
    }

    /// The question ids this expression reads.
    pub fn questions(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |e| match e {
            Expr::Answer(q) => out.push(q.clone()),
            Expr::Compare { left, right, .. } => {
                for o in [left, right] {
                    if let Operand::Var(Var::Question(q)) = o {
                        out.push(q.clone());
                    }
                }
            }
            _ => {}
        });
        out
    }

    /// The profile keys of the built-in facts this expression reads that a form asks only when
    /// some rule needs them: `specialized`, `registered_on`, `digital_level_now`.
    pub fn profile_facts(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        self.walk(&mut |e| match e {
            Expr::Fact(Fact::Specialized) => out.push("specialized"),
            Expr::Compare { left, right, .. } => {
                for o in [left, right] {
                    match o {
                        Operand::Var(Var::RegisteredOn) => out.push("registered_on"),
                        Operand::Var(Var::LevelNow) => out.push("digital_level_now"),
                        _ => {}
                    }
                }
            }
            _ => {}
        });
        out
    }

    /// Whether the expression reads the project's `level_after` (a measure condition may; a
    /// criterion of the enterprise may not).
    pub fn reads_level_after(&self) -> bool {
        let mut found = false;
        self.walk(&mut |e| {
            if let Expr::Compare { left, right, .. } = e {
                found |= [left, right].iter().any(|o| matches!(o, Operand::Var(Var::LevelAfter)));
            }
        });
        found
    }

    fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        match self {
            Expr::All(items) | Expr::Any(items) => items.iter().for_each(|e| e.walk(f)),
            Expr::Not(e) => e.walk(f),
            _ => {}
        }
    }
}

impl fmt::Display for Expr {
    /// The expression written back in the pack's syntax (for the library view and messages).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[String]| v.join(", ");
        match self {
            Expr::Fact(x) => write!(f, "{}", x.name()),
            Expr::NoBadCredit(a) if a.is_empty() => write!(f, "no_bad_credit"),
            Expr::NoBadCredit(a) => write!(f, "no_bad_credit [{}]", a.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")),
            Expr::Section(s) => write!(f, "section in [{}]", list(s)),
            Expr::InRegion(r) => write!(f, "in_region [{}]", list(r)),
            Expr::Answer(q) => write!(f, "answer({q})"),
            Expr::Compare { left, op, right } => {
                let sym = match op {
                    Cmp::Ge => ">=",
                    Cmp::Gt => ">",
                    Cmp::Le => "<=",
                    Cmp::Lt => "<",
                    Cmp::Eq => "==",
                    Cmp::Ne => "!=",
                };
                write!(f, "{} {sym} {}", side(left), side(right))
            }
            Expr::All(items) | Expr::Any(items) => {
                let name = if matches!(self, Expr::All(_)) { "all" } else { "any" };
                write!(f, "{name}(")?;
                for (i, e) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{e}")?;
                }
                write!(f, ")")
            }
            Expr::Not(e) => write!(f, "not({e})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_display() {
        for src in [
            "sme",
            "all(sme, section in [C], in_region [3502, 350203], legal_person)",
            "any(above_designated_size, specialized)",
            "not(answer(on_blacklist))",
            "no_bad_credit [\"安全生产\", \"产品质量\"]",
            "staff >= 20",
            "revenue >= 20000000",
            "registered_on <= 2023-12-31",
            "level_after >= 2",
            "answer(years) > 3",
        ] {
            let e = parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
            assert_eq!(parse(&e.to_string()).unwrap(), e, "{src}");
        }
    }

    /// A date compares with a date: `registered_on`, a `date` question, a date literal.
    #[test]
    fn dates_compare_with_dates() {
        struct Q;
        impl Questions for Q {
            fn type_of(&self, id: &str) -> Option<Type> {
                (id == "founded").then_some(Type::Date)
            }
        }
        for src in [
            "registered_on <= 2023-12-31",
            "2023-12-31 >= registered_on",
            "answer(founded) < 2020-01-01",
            "registered_on != answer(founded)",
        ] {
            assert_eq!(parse(src).unwrap().check(&Q), Vec::<String>::new(), "{src}");
        }
        assert_eq!(parse("registered_on >= 3").unwrap().check(&Q), vec!["a comparison of a number with a date".to_string()]);
        assert_eq!(parse("answer(founded) >= staff").unwrap().check(&Q), vec!["a comparison of a number with a date".to_string()]);
    }

    #[test]
    fn chinese_punctuation_and_units_are_read() {
        assert_eq!(parse("all（sme，sub_industry）").unwrap(), Expr::All(vec![Expr::Fact(Fact::Sme), Expr::Fact(Fact::SubIndustry)]));
        let Expr::Compare { right: Operand::Number(n), .. } = parse("revenue >= 2000万").unwrap() else { panic!() };
        assert_eq!(n, Decimal::from(20_000_000));
        assert_eq!(parse("staff ≥ 20").unwrap(), parse("staff >= 20").unwrap());
    }

    #[test]
    fn mistakes_name_their_column() {
        let at = |s: &str| parse(s).unwrap_err();
        assert_eq!(at("all(sme,").column, 9);
        assert_eq!(at("all(sme sub_industry)").column, 9);
        assert_eq!(at("section [C]").column, 9);
        assert_eq!(at("staff").message, "`staff` is a number or a date: compare it, e.g. staff >= …");
        assert_eq!(at("staff >=").column, 9);
        assert_eq!(at("registered_on <= 2023-02-30").column, 18);
        assert_eq!(at("sme sme").column, 5);
        assert_eq!(at("").column, 1);
        assert_eq!(at("not(sme, sme)").message, "not( ) takes exactly one condition");
        assert_eq!(at("\"open").message, "this quote is never closed");
    }
}
