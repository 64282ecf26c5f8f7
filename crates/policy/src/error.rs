//! Input errors. Every error names the field it concerns (as a JSON path such as
//! `profile.employees`) and says what is wrong in Chinese and English, so a form can show the
//! message beside the field and keep what the user typed.

use crate::text::{Lang, Text};
use serde::Serialize;
use std::fmt;

/// One problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON path of the field, e.g. `profile.revenue_yuan`. A path may hold a key the user wrote
    /// (an unknown key): control and invisible characters in it are shown as `[U+XXXX]`, as in
    /// quoted values ([`crate::text::shown`]), so printing it cannot move a terminal's cursor or
    /// reverse the text after it.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: Text,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Text) -> FieldError {
        FieldError { field: crate::text::shown(&field.into(), usize::MAX), message }
    }

    /// `field: 中文 / English` — the form the CLI prints on stderr.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}: {} / {}", self.field, self.message.zh, self.message.en),
            Lang::En => format!("{}: {} / {}", self.field, self.message.en, self.message.zh),
        }
    }
}

/// The path of a key the user wrote under `path` (`profile.colour`; the key alone at the top):
/// the key shown as values are in messages ([`crate::text::shown`]: invisible characters as
/// `[U+XXXX]`, cut after 40 characters).
///
/// ```
/// use shuzhuan_policy::error::key_path;
/// assert_eq!(key_path("profile", "colour"), "profile.colour");
/// assert_eq!(key_path("", "\u{1b}[2J"), "[U+001B][2J");
/// assert_eq!(key_path("project", &"x".repeat(50)), format!("project.{}…", "x".repeat(40)));
/// ```
pub fn key_path(path: &str, key: &str) -> String {
    let key = crate::text::shown(key, 40);
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

/// Every problem found in one input, in the order of the fields. Never empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputErrors {
    pub errors: Vec<FieldError>,
}

impl InputErrors {
    pub fn one(field: impl Into<String>, message: Text) -> InputErrors {
        InputErrors { errors: vec![FieldError::new(field, message)] }
    }

    /// True when some error concerns `field` (exactly, or a path below it).
    pub fn mentions(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", e.render(Lang::Zh))?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

impl fmt::Display for FieldError {
    /// `field: 中文 / English`, as the CLI prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

impl std::error::Error for FieldError {}

/// `Display` (`中文 / English`, from the type's `message()`) and `std::error::Error` for the
/// errors that say what was wrong with one value.
macro_rules! bilingual_error {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let m = self.message();
                write!(f, "{} / {}", m.zh, m.en)
            }
        }

        impl std::error::Error for $t {}
    )*};
}

bilingual_error!(crate::catalogue::LookupError, crate::region::RegionError, crate::uscc::UsccError, crate::date::DateError);

impl fmt::Display for crate::amount::AmountError {
    /// What was wrong with the number, without the field's name ([`crate::amount::AmountError::message`]
    /// names the field and quotes the text).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::amount::AmountError as E;
        f.write_str(match self {
            E::Empty => "未填写 / nothing entered",
            E::NotANumber => "不是数字 / not a number",
            E::Negative => "不能为负数 / cannot be negative",
            E::TooLarge => "数值过大 / too large",
            E::Fractional => "须为整数 / must be a whole number",
            E::Separator => "逗号只能作千位分隔符 / a comma may only separate thousands",
        })
    }
}

impl std::error::Error for crate::amount::AmountError {}

impl fmt::Display for crate::batch::RowError {
    /// `第 3 列（营业收入）: 中文 / English`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 列（{}）/ column {}: {} / {}", self.column, self.header, self.column, self.message.zh, self.message.en)
    }
}

impl std::error::Error for crate::batch::RowError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error type of the core is a `std::error::Error` whose text is Chinese, then English.
    #[test]
    fn errors_display_in_both_languages() {
        let errors: Vec<Box<dyn std::error::Error>> = vec![
            Box::new(FieldError::new("profile.employees", Text::new("须为整数", "must be whole"))),
            Box::new(crate::catalogue::LookupError::Unknown("9999".into())),
            Box::new(crate::region::RegionError::Malformed("35020".into())),
            Box::new(crate::uscc::UsccError::Length(17)),
            Box::new(crate::date::DateError::NoSuchDay),
            Box::new(crate::amount::AmountError::Negative),
            Box::new(InputErrors::one("as_of", Text::new("日期无效", "bad date"))),
        ];
        for e in errors {
            let s = e.to_string();
            let (zh, en) = s.split_once(" / ").unwrap_or_else(|| panic!("not bilingual: {s}"));
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{s}");
            assert!(en.chars().any(|c| c.is_ascii_alphabetic()), "{s}");
        }
    }
}
