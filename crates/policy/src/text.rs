//! Bilingual text. Every user-visible sentence the core produces exists in Chinese (the default)
//! and English; [`Lang`] picks one when a report is rendered.

use serde::{Deserialize, Serialize};

/// The interface language (界面语言). Chinese is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses `zh` or `en` (case-insensitive). Anything else is `None`.
    ///
    /// ```
    /// use shuzhuan_policy::Lang;
    /// assert_eq!(Lang::parse("EN"), Some(Lang::En));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A sentence in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    /// The sentence in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Joins two texts with a separator suited to each language.
    pub fn join(&self, other: &Text) -> Text {
        Text { zh: format!("{}；{}", self.zh, other.zh), en: format!("{}; {}", self.en, other.en) }
    }
}

/// `t!("中文", "English")` builds a [`Text`]; both arguments accept `format!` syntax.
#[macro_export]
macro_rules! t {
    ($zh:literal, $en:literal) => {
        $crate::Text::new(format!($zh), format!($en))
    };
    ($zh:literal, $en:literal, $($arg:tt)*) => {
        $crate::Text::new(format!($zh, $($arg)*), format!($en, $($arg)*))
    };
}
