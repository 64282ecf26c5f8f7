//! The industry catalogue (行业分类): GB/T 4754-2017《国民经济行业分类》 as amended by
//! 第1号修改单 (2019), embedded from `data/gbt4754-2017.csv` and `data/gbt4754-2017-notes.csv`.
//!
//! The standard has four levels: 20 门类 (sections, `A`–`T`), 97 大类 (divisions, 2 digits),
//! 473 中类 (groups, 3 digits) and 1,381 小类 (classes, 4 digits). Programmes name the codes they
//! cover at any level; an enterprise is placed by its 小类. Users rarely know their code, so the
//! catalogue can be searched by code prefix, name, keyword or the text of the standard's 说明
//! (notes).
//!
//! ```
//! use shuzhuan_policy::catalogue::{catalogue, is_within, Level};
//! let cat = catalogue();
//! let ic = cat.lookup("C3973").unwrap();
//! assert_eq!(ic.name, "集成电路制造");
//! assert_eq!(ic.level, Level::Xiao);
//! assert!(is_within("3973", "39"));
//! ```

use crate::amount::halfwidth;
use crate::t;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The codes and names, embedded unless the `embedded-catalogue` feature is off (the browser app
/// fetches them as a static file when the self-check starts and hands them to [`load_codes`]).
#[cfg(feature = "embedded-catalogue")]
const CODES_CSV: &str = include_str!("../data/gbt4754-2017.csv");
/// The notes (说明), embedded unless the `embedded-notes` feature is off (the browser app fetches
/// them as a static file on first search and hands them to [`load_notes`]).
#[cfg(feature = "embedded-notes")]
const NOTES_CSV: &str = include_str!("../data/gbt4754-2017-notes.csv");
#[cfg(not(feature = "embedded-notes"))]
const NOTES_CSV: &str = "code,note\n";

/// Notes loaded after start-up: code → (note, normalised note).
static LATE_NOTES: OnceLock<HashMap<String, (String, String)>> = OnceLock::new();

/// Supplies the notes CSV (`code,note`, as `data/gbt4754-2017-notes.csv`) when the build did not
/// embed it. Search then matches note text too. Returns the number of notes loaded; 0 if notes
/// were already present (embedded or loaded before).
///
/// ```
/// use shuzhuan_policy::catalogue::{catalogue, load_notes};
/// // With embedded notes (the default build) this is a no-op; search already finds 3985 by note.
/// let _ = load_notes("code,note\n3985,指磁性材料等\n");
/// assert_eq!(catalogue().search("磁性材料", 1)[0].industry.code, "3985");
/// ```
pub fn load_notes(csv: &str) -> usize {
    if catalogue().has_notes() || LATE_NOTES.get().is_some() {
        return 0;
    }
    let mut map = HashMap::new();
    for row in parse_csv(csv).into_iter().skip(1) {
        if let [code, note] = row.as_slice() {
            let note = note.trim();
            if !note.is_empty() {
                map.insert(code.trim().to_string(), (note.to_string(), normalise(note)));
            }
        }
    }
    let n = map.len();
    if LATE_NOTES.set(map).is_err() {
        return 0;
    }
    n
}

/// True when note text can be searched (embedded, or loaded with [`load_notes`]).
pub fn notes_available() -> bool {
    catalogue().has_notes() || LATE_NOTES.get().is_some()
}

/// The level of a code in the standard (分类层次).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 门类: a section, one letter `A`–`T`.
    Men,
    /// 大类: a division, two digits.
    Da,
    /// 中类: a group, three digits.
    Zhong,
    /// 小类: a class, four digits — the level an enterprise is placed at.
    Xiao,
}

impl Level {
    /// The level's Chinese name: 门类, 大类, 中类 or 小类.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::Level;
    /// assert_eq!(Level::Xiao.zh(), "小类");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            Level::Men => "门类",
            Level::Da => "大类",
            Level::Zhong => "中类",
            Level::Xiao => "小类",
        }
    }

    /// The level's English name: section, division, group or class.
    pub fn en(self) -> &'static str {
        match self {
            Level::Men => "section",
            Level::Da => "division",
            Level::Zhong => "group",
            Level::Xiao => "class",
        }
    }

    fn parse(s: &str) -> Option<Level> {
        match s {
            "men" => Some(Level::Men),
            "da" => Some(Level::Da),
            "zhong" => Some(Level::Zhong),
            "xiao" => Some(Level::Xiao),
            _ => None,
        }
    }
}

/// One code of the standard (行业代码) with its name, level, parent and 说明 (note), if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Industry {
    /// The canonical code: `C`, `39`, `397`, `3973` (leading zeros kept: `0111`).
    pub code: String,
    /// The name as printed in the standard, e.g. 集成电路制造.
    pub name: String,
    /// 门类, 大类, 中类 or 小类.
    pub level: Level,
    /// The code one level up; `None` for a 门类.
    pub parent: Option<String>,
    /// The standard's 说明 for this code (包括/不包括 text), verbatim.
    pub note: Option<String>,
}

/// The whole catalogue, parsed once from the embedded CSV files. Get it with [`catalogue`].
#[derive(Debug)]
pub struct Catalogue {
    items: Vec<Industry>,
    index: HashMap<String, usize>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    /// Index of each item's 门类 (itself for a 门类).
    section: Vec<usize>,
    /// Names and notes normalised for matching (half-width, ASCII lower case).
    norm_name: Vec<String>,
    norm_note: Vec<String>,
}

/// How a search hit matched the query (匹配方式).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The code equals the query or starts with it.
    Code,
    /// Every term occurs in the name.
    Name,
    /// Every term occurs in the name or the 说明, at least one only in the 说明.
    Note,
}

/// One result of [`Catalogue::search`].
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit<'a> {
    /// The matching code.
    pub industry: &'a Industry,
    /// How it matched.
    pub matched: MatchKind,
    /// Its place in the standard, as [`Catalogue::path_text`] writes it.
    pub path: String,
}

/// Why [`Catalogue::lookup`] refused an input. [`LookupError::message`] turns it into a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    /// Nothing was typed.
    Empty,
    /// Not shaped like a code (a 门类 letter and/or 2–4 digits); holds what was typed.
    Malformed(String),
    /// Shaped like a code but not in the standard; holds the code as read.
    Unknown(String),
    /// A letter was typed before the digits but the code belongs to another 门类.
    WrongSection {
        /// The code as read, e.g. `B3973`.
        input: String,
        /// The 门类 the digits actually belong to, e.g. `C`.
        section: String,
    },
}

impl LookupError {
    /// A sentence in Chinese and English saying what was wrong and what to do.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::LookupError;
    /// let m = LookupError::Unknown("9999".into()).message();
    /// assert_eq!(m.zh, "行业代码“9999”不在 GB/T 4754-2017 中，请按名称搜索后选择小类");
    /// ```
    pub fn message(&self) -> Text {
        match self {
            LookupError::Empty => t!(
                "请填写行业代码（如 3973 或 C3973），或按名称搜索后选择小类",
                "Please enter an industry code (e.g. 3973 or C3973), or search by name and pick a 4-digit class"
            ),
            LookupError::Malformed(s) => {
                let s = shorten(s);
                t!(
                    "“{s}”不是行业代码：应为门类字母（A–T）和/或 2–4 位数字，如 C3973 或 3973；也可按名称搜索后选择小类",
                    "\"{s}\" is not an industry code: expected a section letter (A–T) and/or 2–4 digits, e.g. C3973 or 3973; you can also search by name and pick a 4-digit class"
                )
            }
            LookupError::Unknown(s) => {
                let s = shorten(s);
                t!(
                    "行业代码“{s}”不在 GB/T 4754-2017 中，请按名称搜索后选择小类",
                    "industry code \"{s}\" is not in GB/T 4754-2017; search by name and pick a 4-digit class"
                )
            }
            LookupError::WrongSection { input, section } => {
                let input = shorten(input);
                let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
                let typed: String = input.chars().filter(|c| c.is_ascii_alphabetic()).collect();
                let name = catalogue().get(section).map(|s| s.name.as_str()).unwrap_or("");
                t!(
                    "行业代码“{input}”有误：{digits} 属于门类 {section}（{name}），不属于门类 {typed}；请只填数字或改为 {section}{digits}",
                    "industry code \"{input}\" is inconsistent: {digits} belongs to section {section} ({name}), not {typed}; enter the digits alone or {section}{digits}"
                )
            }
        }
    }
}

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();

/// The GB/T 4754-2017 catalogue: embedded and parsed on first use, or, in a build without the
/// `embedded-catalogue` feature, what [`load_codes`] supplied (empty until then: every lookup
/// fails, so callers check [`catalogue_available`] before evaluating).
///
/// ```
/// use shuzhuan_policy::catalogue::catalogue;
/// assert_eq!(catalogue().len(), 1971);
/// assert_eq!(catalogue().get("0111").unwrap().name, "稻谷种植");
/// ```
pub fn catalogue() -> &'static Catalogue {
    #[cfg(feature = "embedded-catalogue")]
    return CATALOGUE.get_or_init(|| Catalogue::parse(CODES_CSV, NOTES_CSV));
    #[cfg(not(feature = "embedded-catalogue"))]
    {
        static EMPTY: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get().unwrap_or_else(|| EMPTY.get_or_init(|| Catalogue::parse("", "")))
    }
}

/// Supplies the codes CSV (`code,name,level,parent`, as `data/gbt4754-2017.csv`) when the build
/// did not embed it. Returns the number of codes loaded; 0 if the catalogue was already present
/// (embedded or loaded before). Malformed rows are skipped, never a panic.
///
/// ```
/// use shuzhuan_policy::catalogue::{catalogue_available, load_codes};
/// // The default build embeds the catalogue: loading again changes nothing.
/// assert_eq!(load_codes("code,name,level,parent\nA,农、林、牧、渔业,men,\n"), 0);
/// assert!(catalogue_available());
/// ```
pub fn load_codes(csv: &str) -> usize {
    if cfg!(feature = "embedded-catalogue") || CATALOGUE.get().is_some() {
        return 0;
    }
    let cat = Catalogue::parse(csv, NOTES_CSV);
    let n = cat.len();
    if n == 0 || CATALOGUE.set(cat).is_err() {
        return 0;
    }
    n
}

/// True when the catalogue can answer lookups (embedded, or loaded with [`load_codes`]).
pub fn catalogue_available() -> bool {
    !catalogue().is_empty()
}

/// True when `code` equals `ancestor` or lies below it in the standard, across letter and digit
/// levels (`3973` lies within `397`, `39` and `C`). Both must be canonical codes of the
/// catalogue; an unknown code gives `false`.
///
/// ```
/// use shuzhuan_policy::catalogue::is_within;
/// assert!(is_within("3973", "397"));
/// assert!(is_within("3973", "C"));
/// assert!(is_within("C", "C"));
/// assert!(!is_within("397", "3973"));
/// assert!(!is_within("3973", "B"));
/// assert!(!is_within("9999", "C"));
/// ```
pub fn is_within(code: &str, ancestor: &str) -> bool {
    let cat = catalogue();
    match (cat.index.get(code), cat.index.get(ancestor)) {
        (Some(&c), Some(&a)) => cat.ancestors(c).any(|i| i == a),
        _ => false,
    }
}

impl Catalogue {
    fn parse(codes: &str, notes: &str) -> Catalogue {
        let mut note_of: HashMap<String, String> = HashMap::new();
        for row in parse_csv(notes).into_iter().skip(1) {
            if let [code, note] = row.as_slice() {
                let note = note.trim();
                if !note.is_empty() {
                    note_of.insert(code.trim().to_string(), note.to_string());
                }
            }
        }
        let mut items = Vec::new();
        let mut index = HashMap::new();
        for row in parse_csv(codes).into_iter().skip(1) {
            let [code, name, level, parent] = row.as_slice() else {
                continue;
            };
            let (code, parent) = (code.trim(), parent.trim());
            let Some(level) = Level::parse(level.trim()) else {
                continue;
            };
            if code.is_empty() || index.contains_key(code) {
                continue;
            }
            index.insert(code.to_string(), items.len());
            items.push(Industry {
                code: code.to_string(),
                name: name.trim().to_string(),
                level,
                parent: (!parent.is_empty()).then(|| parent.to_string()),
                note: note_of.remove(code),
            });
        }
        let parent: Vec<Option<usize>> = items.iter().map(|i| i.parent.as_ref().and_then(|p| index.get(p).copied())).collect();
        let mut children = vec![Vec::new(); items.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                if let Some(list) = children.get_mut(p) {
                    list.push(i);
                }
            }
        }
        let mut cat = Catalogue {
            norm_name: items.iter().map(|i| normalise(&i.name)).collect(),
            norm_note: items.iter().map(|i| i.note.as_deref().map(normalise).unwrap_or_default()).collect(),
            section: Vec::new(),
            items,
            index,
            parent,
            children,
        };
        cat.section = (0..cat.items.len()).map(|i| cat.ancestors(i).last().unwrap_or(i)).collect();
        cat
    }

    /// `i`, its parent, grandparent … up to the 门类 (bounded, so a broken link cannot loop).
    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&j| self.parent.get(j).copied().flatten()).take(8)
    }

    /// The number of codes: 1,971.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the catalogue is empty (only before [`load_codes`] in a build without it embedded).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The code exactly as the standard writes it (`C`, `39`, `397`, `3973`); use
    /// [`Catalogue::lookup`] for what users type.
    pub fn get(&self, code: &str) -> Option<&Industry> {
        self.index.get(code).and_then(|&i| self.items.get(i))
    }

    /// Reads a code as users type it: `3973`, `C3973`, `c3973`, ` 3973 `, full-width `３９７３`,
    /// `C 39`, or a 门类 letter alone (`C`), at any level. A letter before the digits must be the
    /// 门类 of that code. A code followed by its exact name (`3973 集成电路制造`, as search
    /// results print it) and an exact name alone are accepted too; a name shared by a 中类 and
    /// its only 小类 gives the 小类.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::{catalogue, LookupError};
    /// let cat = catalogue();
    /// assert_eq!(cat.lookup("３９７３").unwrap().code, "3973");
    /// assert_eq!(cat.lookup(" c 39 ").unwrap().name, "计算机、通信和其他电子设备制造业");
    /// assert!(matches!(cat.lookup("B3973"), Err(LookupError::WrongSection { .. })));
    /// assert_eq!(cat.lookup("9999"), Err(LookupError::Unknown("9999".into())));
    /// assert_eq!(cat.lookup(""), Err(LookupError::Empty));
    /// ```
    pub fn lookup(&self, input: &str) -> Result<&Industry, LookupError> {
        let half: String = input.chars().map(halfwidth).collect();
        let trimmed = half.trim();
        let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(LookupError::Empty);
        }
        if let Some(result) = self.lookup_code(&compact) {
            return result;
        }
        // "3973 集成电路制造" or "C 3973 集成电路制造": a code, then its exact name.
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        for n in 1..=2 {
            let (Some(head), Some(tail)) = (words.get(..n), words.get(n..)) else {
                continue;
            };
            if tail.is_empty() {
                continue;
            }
            if let Some(Ok(ind)) = self.lookup_code(&head.concat()) {
                if normalise(&tail.concat()) == normalise(&ind.name) {
                    return Ok(ind);
                }
            }
        }
        if let Some(ind) = self.by_exact_name(&normalise(&compact)) {
            return Ok(ind);
        }
        Err(LookupError::Malformed(trimmed.to_string()))
    }

    /// `None` when `s` (no whitespace) is not shaped like a code at all.
    fn lookup_code(&self, s: &str) -> Option<Result<&Industry, LookupError>> {
        let upper = s.to_ascii_uppercase();
        let mut chars = upper.chars();
        let first = chars.next()?;
        let (letter, digits) = if first.is_ascii_alphabetic() { (Some(first), chars.as_str()) } else { (None, upper.as_str()) };
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if digits.is_empty() {
            // A letter alone names a 门类.
            let letter = letter?.to_string();
            return Some(self.get(&letter).ok_or(LookupError::Unknown(letter.clone())));
        }
        if !(2..=4).contains(&digits.len()) {
            return Some(Err(LookupError::Malformed(s.to_string())));
        }
        let Some(&i) = self.index.get(digits) else {
            return Some(Err(LookupError::Unknown(upper.clone())));
        };
        let ind = self.items.get(i)?;
        if let Some(l) = letter {
            let section = self.section_item(i)?;
            if !section.code.starts_with(l) {
                return Some(Err(LookupError::WrongSection { input: upper.clone(), section: section.code.clone() }));
            }
        }
        Some(Ok(ind))
    }

    /// The code whose normalised name is `name`, when all such codes lie on one line of descent
    /// (e.g. 019 and 0190 其他农业); then the deepest.
    fn by_exact_name(&self, name: &str) -> Option<&Industry> {
        let found: Vec<usize> = (0..self.items.len()).filter(|&i| self.norm_name.get(i).is_some_and(|n| n == name)).collect();
        let deepest = *found.iter().max_by_key(|&&i| self.ancestors(i).count())?;
        found.iter().all(|&f| self.ancestors(deepest).any(|a| a == f)).then(|| self.items.get(deepest)).flatten()
    }

    fn section_item(&self, i: usize) -> Option<&Industry> {
        self.section.get(i).and_then(|&s| self.items.get(s))
    }

    /// The line of descent from the 门类 down to `code` itself, e.g. `[C, 39, 397, 3973]`; empty
    /// when `code` is unknown.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::catalogue;
    /// let codes: Vec<_> = catalogue().path("3973").iter().map(|i| i.code.as_str()).collect();
    /// assert_eq!(codes, ["C", "39", "397", "3973"]);
    /// ```
    pub fn path(&self, code: &str) -> Vec<&Industry> {
        let Some(&i) = self.index.get(code) else {
            return Vec::new();
        };
        let mut path: Vec<&Industry> = self.ancestors(i).filter_map(|j| self.items.get(j)).collect();
        path.reverse();
        path
    }

    /// [`Catalogue::path`] as one line of text; empty when `code` is unknown.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::catalogue;
    /// assert_eq!(
    ///     catalogue().path_text("3973"),
    ///     "C 制造业 › 39 计算机、通信和其他电子设备制造业 › 397 电子器件制造 › 3973 集成电路制造"
    /// );
    /// ```
    pub fn path_text(&self, code: &str) -> String {
        self.path(code).iter().map(|i| format!("{} {}", i.code, i.name)).collect::<Vec<_>>().join(" › ")
    }

    /// The 门类 of any code (a 门类 gives itself); `None` when `code` is unknown.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::catalogue;
    /// assert_eq!(catalogue().section_of("0111").unwrap().code, "A");
    /// ```
    pub fn section_of(&self, code: &str) -> Option<&Industry> {
        self.index.get(code).and_then(|&i| self.section_item(i))
    }

    /// The codes one level below `code`, in catalogue order; empty for a 小类 or an unknown code.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::catalogue;
    /// assert_eq!(catalogue().children("C").len(), 31);
    /// ```
    pub fn children(&self, code: &str) -> Vec<&Industry> {
        self.index
            .get(code)
            .and_then(|&i| self.children.get(i))
            .map(|c| c.iter().filter_map(|&j| self.items.get(j)).collect())
            .unwrap_or_default()
    }

    /// Every 小类 at or below `code`, in catalogue order (a 小类 gives itself); empty when `code`
    /// is unknown.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::catalogue;
    /// let codes: Vec<_> = catalogue().leaves_under("176").iter().map(|i| i.code.as_str()).collect();
    /// assert_eq!(codes, ["1761", "1762", "1763"]);
    /// ```
    pub fn leaves_under(&self, code: &str) -> Vec<&Industry> {
        let Some(&root) = self.index.get(code) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut stack = vec![root];
        // The tree has 1,971 nodes; the bound only guards against a malformed embedded file.
        let mut budget = self.items.len();
        while let Some(i) = stack.pop() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            match self.items.get(i) {
                Some(ind) if ind.level == Level::Xiao => found.push(i),
                _ => stack.extend(self.children.get(i).into_iter().flatten().copied()),
            }
        }
        found.sort_unstable();
        found.dedup();
        found.iter().filter_map(|&i| self.items.get(i)).collect()
    }

    /// Searches by code prefix, Chinese name, keyword or 说明 text.
    ///
    /// The query is trimmed, half-width-normalised (so `（）` and `()` match alike) and split on
    /// whitespace; every term must occur in the name or the 说明. A query shaped like a code
    /// (`3973`, `C39`, `c 39`) also matches codes. Hits are ranked: exact code, code prefix, name
    /// equal, name starts with, name contains, 说明 contains; ties go to the deeper level first
    /// (小类 before 中类 …), then catalogue order. A 小类 stays with its 中类 (or 大类) when that
    /// matched by name: before it when the class's own name matches, just after it when only its
    /// 说明 does. An empty query or `limit` 0 gives no hits.
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::{catalogue, MatchKind};
    /// let hits = catalogue().search("集成电路", 5);
    /// assert_eq!(hits[0].industry.code, "3973");
    /// assert_eq!(hits[0].matched, MatchKind::Name);
    /// let hits = catalogue().search("磁性材料", 5);
    /// assert!(hits.iter().any(|h| h.industry.code == "3985" && h.matched == MatchKind::Note));
    /// assert_eq!(catalogue().search("397", 1)[0].industry.code, "397");
    /// // 397 电子器件制造 matches by name: its classes whose names match too (3976 光电子器件制造,
    /// // 3979 其他电子器件制造) come before it; those found by their 说明 (3971 …) follow it.
    /// let codes: Vec<_> = catalogue().search("电子器件", 6).iter().map(|h| h.industry.code.clone()).collect();
    /// assert_eq!(codes[..3], ["3976", "3979", "397"]);
    /// assert!(codes[3..].iter().all(|c| c.starts_with("397")), "{codes:?}");
    /// ```
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit<'_>> {
        let query = normalise(query);
        let terms: Vec<&str> = query.split_whitespace().collect();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let joined = terms.concat();
        let code_query = code_shape(&joined);
        let ranks: Vec<Option<u8>> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                code_query
                    .as_ref()
                    .and_then(|(letter, digits)| self.code_rank(i, ind, *letter, digits))
                    .or_else(|| self.text_rank(i, &terms, &joined))
            })
            .collect();
        // A 小类 (where an enterprise is placed) stays with its 中类 or 大类 when that matched by
        // name: a class whose own name matches comes just before it, the classes found by their
        // 说明 just after it, so "电子器件" lists 397 with its classes rather than far below.
        let by_name = |r: Option<u8>| r.is_some_and(|r| (2..=4).contains(&r));
        let anchor = |i: usize| -> Option<usize> {
            let code = &self.items[i].code;
            if self.items[i].level != Level::Xiao {
                return None;
            }
            [&code[..3], &code[..2]].into_iter().filter_map(|c| self.index.get(c).copied()).find(|&a| by_name(ranks[a]))
        };
        let anchors: Vec<Option<usize>> = (0..self.items.len()).map(|i| if ranks[i].is_some() { anchor(i) } else { None }).collect();
        let mut best: HashMap<usize, u8> = HashMap::new();
        for (i, a) in anchors.iter().enumerate() {
            if let (Some(a), Some(r)) = (a, ranks[i]) {
                let b = best.entry(*a).or_insert(ranks[*a].unwrap_or(u8::MAX));
                *b = (*b).min(r);
            }
        }
        // (the family's rank, level and head; the place in the family; the hit's own rank; the hit)
        let mut ranked: Vec<(FamilyKey, u8, u8, usize)> = Vec::new();
        for (i, rank) in ranks.iter().enumerate() {
            let Some(rank) = *rank else { continue };
            let head = |a: usize| (best.get(&a).copied().unwrap_or(rank), Reverse(self.items[a].level), a);
            ranked.push(match anchors[i] {
                Some(a) => (head(a), if by_name(Some(rank)) { 0 } else { 2 }, rank, i),
                None => (head(i), 1, rank, i),
            });
        }
        ranked.sort_unstable();
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|(_, _, rank, i)| {
                let industry = self.items.get(i)?;
                let matched = match rank {
                    0 | 1 => MatchKind::Code,
                    2..=4 => MatchKind::Name,
                    _ => MatchKind::Note,
                };
                Some(SearchHit { industry, matched, path: self.path_text(&industry.code) })
            })
            .collect()
    }

    /// 0 for the exact code, 1 for a code below the typed prefix.
    fn code_rank(&self, i: usize, ind: &Industry, letter: Option<char>, digits: &str) -> Option<u8> {
        if digits.is_empty() {
            return letter.filter(|l| ind.code.starts_with(*l) && ind.code.len() == 1).map(|_| 0);
        }
        if ind.level == Level::Men || !ind.code.starts_with(digits) {
            return None;
        }
        if let Some(l) = letter {
            if !self.section_item(i)?.code.starts_with(l) {
                return None;
            }
        }
        Some(if ind.code.len() == digits.len() { 0 } else { 1 })
    }

    fn has_notes(&self) -> bool {
        self.norm_note.iter().any(|n| !n.is_empty())
    }

    /// The 说明 of a code: embedded, or loaded later with [`load_notes`].
    pub fn note(&self, code: &str) -> Option<&str> {
        let i = *self.index.get(code)?;
        self.items[i].note.as_deref().or_else(|| LATE_NOTES.get()?.get(code).map(|n| n.0.as_str()))
    }

    /// 2 name equal, 3 name starts with, 4 name contains, 5 说明 contains.
    fn text_rank(&self, i: usize, terms: &[&str], joined: &str) -> Option<u8> {
        let name = self.norm_name.get(i)?;
        let own = self.norm_note.get(i)?;
        let late = || LATE_NOTES.get().and_then(|m| m.get(&self.items[i].code)).map(|n| n.1.as_str()).unwrap_or("");
        let note = if own.is_empty() { late() } else { own.as_str() };
        if name == joined {
            return Some(2);
        }
        if terms.iter().all(|t| name.contains(t)) {
            let starts = terms.first().is_some_and(|t| name.starts_with(t));
            return Some(if starts { 3 } else { 4 });
        }
        if terms.iter().all(|t| name.contains(t) || note.contains(t)) {
            return Some(5);
        }
        None
    }

    /// Every code in catalogue order (the standard's own order).
    ///
    /// ```
    /// use shuzhuan_policy::catalogue::{catalogue, Level};
    /// let sections = catalogue().iter().filter(|i| i.level == Level::Men).count();
    /// assert_eq!(sections, 20);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Industry> {
        self.items.iter()
    }
}

/// Where a family of hits (a group and its classes) sorts: its best rank, the head's level
/// (deeper first) and the head's index.
type FamilyKey = (u8, Reverse<Level>, usize);

/// A search query shaped like a code: an optional letter, then up to four digits.
fn code_shape(s: &str) -> Option<(Option<char>, String)> {
    let upper = s.to_ascii_uppercase();
    let mut chars = upper.chars();
    let first = chars.next()?;
    let (letter, digits) = if first.is_ascii_alphabetic() { (Some(first), chars.as_str()) } else { (None, upper.as_str()) };
    let ok = digits.len() <= 4 && digits.chars().all(|c| c.is_ascii_digit());
    (ok && (letter.is_some() || !digits.is_empty())).then(|| (letter, digits.to_string()))
}

/// Half-width (so `（绒）` and `(绒)` compare equal) and ASCII lower case (`3D` = `3d`).
fn normalise(s: &str) -> String {
    s.chars().map(|c| halfwidth(c).to_ascii_lowercase()).collect()
}

/// At most 40 characters of user input, without control characters, for messages.
fn shorten(s: &str) -> String {
    crate::text::shown(s, 40)
}

/// Splits RFC 4180 CSV text into rows of fields with the batch screener's reader (csv-core):
/// `"` quotes a field, `""` inside quotes is a literal quote, and commas and line breaks inside
/// quotes belong to the field. Blank lines are skipped; `\r\n` is accepted.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut r = crate::batch::csv::CsvReader::comma();
    r.buffer().push_str(text);
    r.finish();
    std::iter::from_fn(|| r.next_record())
        .map(|rec| rec.fields)
        .filter(|row| !(row.len() == 1 && row.first().is_some_and(|f| f.is_empty())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &[&Industry]) -> Vec<String> {
        v.iter().map(|i| i.code.clone()).collect()
    }

    #[test]
    fn counts_match_the_standard() {
        let cat = catalogue();
        assert_eq!(cat.len(), 1971);
        let count = |l| cat.iter().filter(|i| i.level == l).count();
        assert_eq!(count(Level::Men), 20);
        assert_eq!(count(Level::Da), 97);
        assert_eq!(count(Level::Zhong), 473);
        assert_eq!(count(Level::Xiao), 1381);
        assert_eq!(cat.iter().filter(|i| i.note.is_some()).count(), 1062);
    }

    #[test]
    fn code_shapes_fit_levels() {
        for i in catalogue().iter() {
            let ok = match i.level {
                Level::Men => i.code.len() == 1 && i.code.chars().all(|c| c.is_ascii_uppercase()),
                Level::Da => i.code.len() == 2,
                Level::Zhong => i.code.len() == 3,
                Level::Xiao => i.code.len() == 4,
            };
            assert!(ok, "{i:?}");
            if i.level != Level::Men {
                assert!(i.code.chars().all(|c| c.is_ascii_digit()), "{i:?}");
            }
        }
        let first = catalogue().iter().next().unwrap();
        assert_eq!(first.code, "A");
        assert_eq!(catalogue().get("0111").unwrap().name, "稻谷种植");
    }

    #[test]
    fn every_class_reaches_a_section() {
        let cat = catalogue();
        for i in cat.iter().filter(|i| i.level == Level::Xiao) {
            let path = cat.path(&i.code);
            let levels: Vec<Level> = path.iter().map(|p| p.level).collect();
            assert_eq!(levels, [Level::Men, Level::Da, Level::Zhong, Level::Xiao], "{}", i.code);
            assert!(i.code.starts_with(&path[2].code));
            assert!(i.code.starts_with(&path[1].code));
            assert_eq!(cat.section_of(&i.code).unwrap().code, path[0].code);
            assert!(is_within(&i.code, &path[0].code));
        }
    }

    #[test]
    fn lookup_accepts_what_users_type() {
        let cat = catalogue();
        let ic = cat.lookup("C3973").unwrap();
        assert_eq!(ic.name, "集成电路制造");
        assert_eq!(ic.level, Level::Xiao);
        for s in ["3973", "c3973", " 3973 ", "３９７３", "Ｃ３９７３", "C 3973", "3973\u{3000}"] {
            assert_eq!(cat.lookup(s).unwrap().code, "3973", "{s:?}");
        }
        assert_eq!(cat.lookup("C 39").unwrap().code, "39");
        assert_eq!(cat.lookup("c").unwrap().name, "制造业");
        assert_eq!(cat.lookup("0111").unwrap().code, "0111");
        assert_eq!(cat.lookup("A0111").unwrap().code, "0111");
        assert_eq!(cat.lookup("3973 集成电路制造").unwrap().code, "3973");
        assert_eq!(cat.lookup("C 3973 集成电路制造").unwrap().code, "3973");
        assert_eq!(cat.lookup("集成电路制造").unwrap().code, "3973");
        assert_eq!(cat.lookup("其他农业").unwrap().code, "0190");
        assert_eq!(cat.lookup("国际组织").unwrap().code, "9700");
        assert_eq!(cat.lookup("羽毛（绒）加工及制品制造").unwrap().code, "194");
    }

    #[test]
    fn lookup_errors() {
        let cat = catalogue();
        assert_eq!(cat.lookup("B3973"), Err(LookupError::WrongSection { input: "B3973".into(), section: "C".into() }));
        assert_eq!(cat.lookup("   "), Err(LookupError::Empty));
        assert_eq!(cat.lookup("9999"), Err(LookupError::Unknown("9999".into())));
        assert_eq!(cat.lookup("C9999"), Err(LookupError::Unknown("C9999".into())));
        assert_eq!(cat.lookup("Z"), Err(LookupError::Unknown("Z".into())));
        assert_eq!(cat.lookup("3"), Err(LookupError::Malformed("3".into())));
        assert_eq!(cat.lookup("39731"), Err(LookupError::Malformed("39731".into())));
        assert_eq!(cat.lookup("3973 电子"), Err(LookupError::Malformed("3973 电子".into())));
        assert_eq!(cat.lookup("CC39"), Err(LookupError::Malformed("CC39".into())));
        assert!(matches!(cat.lookup("芯片"), Err(LookupError::Malformed(_))));
        let m = LookupError::WrongSection { input: "B3973".into(), section: "C".into() }.message();
        assert!(m.zh.contains("门类 C（制造业）"), "{}", m.zh);
        assert!(m.en.contains("section C"), "{}", m.en);
        let m = LookupError::Unknown("9999".into()).message();
        assert_eq!(m.en, "industry code \"9999\" is not in GB/T 4754-2017; search by name and pick a 4-digit class");
        assert!(LookupError::Malformed("x".repeat(100)).message().zh.contains('…'));
    }

    #[test]
    fn paths() {
        let cat = catalogue();
        assert_eq!(codes(&cat.path("3973")), ["C", "39", "397", "3973"]);
        assert_eq!(codes(&cat.path("C")), ["C"]);
        assert!(cat.path("9999").is_empty());
        assert_eq!(cat.path_text("9999"), "");
        assert_eq!(cat.path_text("3973"), "C 制造业 › 39 计算机、通信和其他电子设备制造业 › 397 电子器件制造 › 3973 集成电路制造");
        assert_eq!(cat.section_of("7010").unwrap().code, "K");
        assert!(cat.section_of("x").is_none());
    }

    #[test]
    fn notes_are_attached() {
        let cat = catalogue();
        assert!(cat.get("3985").unwrap().note.as_deref().unwrap().contains("磁性材料"));
        assert_eq!(cat.get("3973").unwrap().note.as_deref(), Some("指单片集成电路、混合式集成电路的制造"));
        assert_eq!(cat.get("A").unwrap().note.as_deref(), Some("本门类包括01～05大类"));
        // A quoted note with commas inside it.
        let n = cat.get("7212").unwrap().note.as_deref().unwrap();
        assert_eq!(n, "指政府主管部门转变职能后，成立的国有资产管理机构和行业管理机构的活动；投资活动,不包括资本活动的投资");
        assert!(cat.get("51").unwrap().note.as_deref().unwrap().contains("(公司)的名义进行交易活动,也包括"));
        assert!(cat.get("3973").unwrap().parent.as_deref() == Some("397"));
        assert!(cat.get("C").unwrap().parent.is_none());
    }

    #[test]
    fn csv_quoting() {
        let rows = parse_csv("a,b\r\n1,\"x, \"\"y\"\"\nz\"\n\n2,\n");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["1", "x, \"y\"\nz"], vec!["2", ""]]);
        assert_eq!(parse_csv("a,\"b"), vec![vec!["a", "b"]]);
        assert!(parse_csv("").is_empty());
    }

    #[test]
    fn children_and_leaves() {
        let cat = catalogue();
        assert_eq!(codes(&cat.leaves_under("176")), ["1761", "1762", "1763"]);
        assert_eq!(codes(&cat.leaves_under("3973")), ["3973"]);
        assert_eq!(codes(&cat.children("397")), ["3971", "3972", "3973", "3974", "3975", "3976", "3979"]);
        assert!(cat.children("3973").is_empty());
        assert!(cat.leaves_under("nope").is_empty());
        let c = cat.leaves_under("C");
        assert!(c.iter().all(|i| i.level == Level::Xiao && is_within(&i.code, "C")));
        assert_eq!(c.first().unwrap().code, "1311");
        let total: usize = cat.children("C").iter().map(|d| cat.leaves_under(&d.code).len()).sum();
        assert_eq!(total, c.len());
        let all: usize = cat.iter().filter(|i| i.level == Level::Men).map(|s| cat.leaves_under(&s.code).len()).sum();
        assert_eq!(all, 1381);
    }

    #[test]
    fn within() {
        assert!(is_within("3973", "397"));
        assert!(is_within("3973", "39"));
        assert!(is_within("3973", "C"));
        assert!(is_within("3973", "3973"));
        assert!(is_within("39", "C"));
        assert!(!is_within("397", "3973"));
        assert!(!is_within("3973", "398"));
        assert!(!is_within("3973", "B"));
        assert!(!is_within("0111", "01111"));
        assert!(!is_within("9999", "99"));
        assert!(!is_within("3973", ""));
        // 7010 房地产开发经营 is in K, not in the 大类 of the same digits elsewhere.
        assert!(is_within("7010", "K"));
        assert!(!is_within("7010", "L"));
    }

    #[test]
    fn search_by_name_and_code() {
        let cat = catalogue();
        let hits = cat.search("集成电路", 10);
        assert_eq!(hits[0].industry.code, "3973");
        assert_eq!(hits[0].matched, MatchKind::Name);
        assert_eq!(hits[0].path, cat.path_text("3973"));
        assert!(hits.iter().any(|h| h.industry.code == "6520"));
        let hits = cat.search("  3973 ", 10);
        assert_eq!(hits[0].industry.code, "3973");
        assert_eq!(hits[0].matched, MatchKind::Code);
        let hits = cat.search("397", 3);
        assert_eq!(codes(&hits.iter().map(|h| h.industry).collect::<Vec<_>>()), ["397", "3971", "3972"]);
        let hits = cat.search("C 39", 2);
        assert_eq!(hits[0].industry.code, "39");
        assert_eq!(hits[1].industry.code, "3911");
        assert!(cat.search("B39", 5).iter().all(|h| h.matched != MatchKind::Code));
        assert_eq!(cat.search("c", 1)[0].industry.code, "C");
        let hits = cat.search("制造业", 3);
        assert_eq!(hits[0].industry.code, "C");
        assert_eq!(hits[0].matched, MatchKind::Name);
    }

    #[test]
    fn search_ranking_and_terms() {
        let cat = catalogue();
        // Name equal beats starts-with beats contains beats note.
        let hits = cat.search("集成电路制造", 5);
        assert_eq!(hits[0].industry.code, "3973");
        let hits = cat.search("磁性材料", 20);
        let h = hits.iter().find(|h| h.industry.code == "3985").unwrap();
        assert_eq!(h.matched, MatchKind::Note);
        // Every term must match.
        let hits = cat.search("电子 材料", 50);
        assert!(hits.iter().any(|h| h.industry.code == "3985"));
        assert!(hits.iter().all(|h| {
            let text = format!("{}{}", h.industry.name, h.industry.note.clone().unwrap_or_default());
            text.contains("电子") && text.contains("材料")
        }));
        // Deeper level first on ties, then catalogue order.
        let ranks: Vec<_> = cat.search("针织", 100).iter().map(|h| h.matched).collect();
        assert!(ranks.windows(2).all(|w| !(w[0] == MatchKind::Note && w[1] == MatchKind::Name)));
        assert!(cat.search("", 10).is_empty());
        assert!(cat.search(" \u{3000} ", 10).is_empty());
        assert!(cat.search("集成电路", 0).is_empty());
        assert_eq!(cat.search("电子", 7).len(), 7);
        assert!(cat.search("不存在的行业名称", 10).is_empty());
    }

    #[test]
    fn search_normalises_brackets() {
        let cat = catalogue();
        for q in ["羽毛(绒)", "羽毛（绒）", "羽毛（绒)"] {
            let hits = cat.search(q, 10);
            let found: Vec<&str> = hits.iter().map(|h| h.industry.code.as_str()).collect();
            assert!(found.contains(&"194"), "{q}: {found:?}");
            assert!(found.contains(&"1941"), "{q}: {found:?}");
        }
        assert_eq!(cat.search("三维(3d)打印", 1)[0].industry.code, "7517");
        assert_eq!(cat.search("３Ｄ", 1)[0].industry.code, "7517");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let cat = catalogue();
        for s in ["\u{0}", "🙂", "C🙂", "Ｃ", "-", "3973-", "ÿ3973", "\"", "a b c d e", "9"] {
            let _ = cat.lookup(s);
            let _ = cat.search(s, 5);
            let _ = cat.path(s);
            let _ = cat.leaves_under(s);
            let _ = is_within(s, s);
        }
    }

    #[test]
    fn serialises() {
        let cat = catalogue();
        let v = serde_json::to_value(cat.get("3973").unwrap()).unwrap();
        assert_eq!(v["level"], "xiao");
        assert_eq!(v["parent"], "397");
        let hits = serde_json::to_value(cat.search("集成电路", 1)).unwrap();
        assert_eq!(hits[0]["matched"], "name");
        assert_eq!(hits[0]["industry"]["code"], "3973");
        let l: Level = serde_json::from_str("\"zhong\"").unwrap();
        assert_eq!(l, Level::Zhong);
    }
}
