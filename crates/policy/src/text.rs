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

    /// The text as a label: the English starts with a capital (`level 3` → `Level 3`), as a
    /// form's labels do; rule data writes its names in lower case to fit inside sentences.
    ///
    /// ```
    /// use shuzhuan_policy::text::Text;
    /// assert_eq!(Text::new("实际投入", "actual input").as_label().en, "Actual input");
    /// ```
    pub fn as_label(&self) -> Text {
        Text { zh: self.zh.clone(), en: upper_first(&self.en) }
    }

    /// Joins two texts with a separator suited to each language.
    pub fn join(&self, other: &Text) -> Text {
        // A full stop before the join would read "。；": the first sentence gives it up.
        let (zh, en) = (self.zh.trim_end_matches('。'), self.en.trim_end_matches('.'));
        Text { zh: format!("{zh}；{}", other.zh), en: format!("{en}; {}", other.en) }
    }
}

/// Whether an evaluation writes its sentences (a report) or only decides (the compact answer,
/// [`crate::outcomes`]). The decisions are the same code either way; each sentence is written
/// through [`Explain::text`], so with `Explain::No` none is formatted and every `Text` is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Explain {
    Yes,
    No,
}

impl Explain {
    /// The sentence `f` writes, or an empty `Text` (no allocation) without explanations.
    #[inline]
    pub(crate) fn text(self, f: impl FnOnce() -> Text) -> Text {
        match self {
            Explain::Yes => f(),
            Explain::No => Text::default(),
        }
    }

    /// True when sentences are written.
    #[inline]
    pub(crate) fn yes(self) -> bool {
        self == Explain::Yes
    }
}

/// `level 3 …` → `Level 3 …`. ASCII letters only: the English is written in ASCII, and Unicode's
/// case tables would add ≈ 12 KB brotli to every WebAssembly module that labels a field.
pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// Undoes percent-encoding (`%E4%BA%BF` → `亿`); `None` for a broken escape or bytes that are
/// not UTF-8. (A URL's path for the server, a share link's values for the app.)
///
/// ```
/// assert_eq!(shuzhuan_policy::text::percent_decode("1.2%E4%BA%BF").as_deref(), Some("1.2亿"));
/// assert_eq!(shuzhuan_policy::text::percent_decode("%G1"), None);
/// ```
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes every byte but ASCII letters, digits and those in `keep`.
///
/// ```
/// assert_eq!(shuzhuan_policy::text::percent_encode("a.b 亿", "."), "a.b%20%E4%BA%BF");
/// ```
pub fn percent_encode(s: &str, keep: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.as_bytes().contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text without a leading byte-order mark: a JSON file saved by Windows Notepad or Excel
/// starts with U+FEFF, which JSON itself does not allow; every JSON input accepts it.
///
/// ```
/// assert_eq!(shuzhuan_policy::text::without_bom("\u{feff}{}"), "{}");
/// ```
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// What the user typed, for quoting in a message: at most `max` characters (then `…`), with
/// control characters and the invisible or direction-changing format characters (soft hyphen,
/// zero-width spaces and joiners, LRM/RLM, the bidi embeddings, overrides and isolates, BOM)
/// written as `[U+XXXX]`. Nothing typed is hidden or silently dropped, and a right-to-left
/// override cannot reverse the rest of the sentence. Everything else (HTML included) is kept as
/// text; escaping it is the renderer's job.
///
/// ```
/// use shuzhuan_policy::text::shown;
/// assert_eq!(shown("12\u{0}", 40), "12[U+0000]");
/// assert_eq!(shown("\u{202E}0005", 40), "[U+202E]0005");
/// assert_eq!(shown("<b>x</b>", 40), "<b>x</b>");
/// assert_eq!(shown("abcdef", 3), "abc…");
/// ```
pub fn shown(s: &str, max: usize) -> String {
    // Most text is printable ASCII within the cap (ids, paths, numbers): as it is.
    if s.len() <= max && s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        push_shown(&mut out, c);
    }
    out
}

/// Whether [`shown`] writes `c` as `[U+XXXX]`: a control character, or an invisible or
/// direction-changing format character.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
        )
}

fn push_shown(out: &mut String, c: char) {
    if hidden(c) {
        out.push_str(&format!("[U+{:04X}]", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// Text for a terminal, whole: as [`shown`] writes each character (an escape sequence echoed from
/// a CSV header, a TOML line or an argument cannot clear the screen or recolour what follows),
/// except line breaks and tabs, which are the text's own layout, and with no length cap.
///
/// ```
/// use shuzhuan_policy::text::for_terminal;
/// assert_eq!(for_terminal("a\u{1b}[2J\n\tb"), "a[U+001B][2J\n\tb");
/// assert_eq!(for_terminal("通过"), "通过");
/// ```
pub fn for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && c != '\t' && hidden(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c == '\n' || c == '\t' {
            out.push(c);
        } else {
            push_shown(&mut out, c);
        }
    }
    std::borrow::Cow::Owned(out)
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
