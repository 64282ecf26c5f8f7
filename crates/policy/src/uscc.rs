//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters printed on
//! every business licence (营业执照).
//!
//! | position | meaning |
//! | --- | --- |
//! | 1 | registering authority type (登记管理部门代码): 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他 … |
//! | 2 | entity type (机构类别代码): for 9, 1 企业, 2 个体工商户, 3 农民专业合作社 |
//! | 3–8 | the registering authority's division code (登记管理机关行政区划码, GB/T 2260) |
//! | 9–17 | the organisation code (主体标识码) |
//! | 18 | the check character (校验码) |
//!
//! Characters come from `0123456789ABCDEFGHJKLMNPQRTUWXY` (31 symbols; I, O, Z, S and V are
//! never used). Positions 3–8 say where the firm was *registered*: a hint to the city, not proof of
//! where it operates.
//!
//! ```
//! use shuzhuan_policy::uscc::parse_uscc;
//! let u = parse_uscc("91350100M000100Y43").unwrap();
//! assert_eq!(u.entity_type.as_deref(), Some("企业"));
//! assert_eq!(u.region.unwrap().city.unwrap().zh, "福州市");
//! ```

use crate::amount::halfwidth;
use crate::region::{parse_region, Region};
use crate::t;
use crate::text::Text;
use serde::Serialize;

/// The 31 characters of the code, in value order (0–30).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weights of positions 1–17 in the check-character sum (GB 32100-2015 §5): 3^(i−1) mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A code that passed every check, with what its parts say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Uscc {
    /// The 18 characters, upper case, without spaces or hyphens.
    pub code: String,
    /// Whether lowercase letters were upper-cased to read it (so the user can be told).
    pub uppercased: bool,
    /// What character 1 says about the registering authority, in Chinese (e.g. 工商（市场监管）).
    pub authority: String,
    /// What character 2 says about the entity (e.g. 企业), when the pair is a known one.
    pub entity_type: Option<String>,
    /// Characters 3–8: the registering authority's division code.
    pub division: String,
    /// [`parse_region`] of `division`, when it reads as a division code.
    pub region: Option<Region>,
}

impl Uscc {
    /// Character 1, the registering authority type (`9` for 工商/市场监管).
    pub fn authority_code(&self) -> char {
        self.code.chars().next().unwrap_or('0')
    }

    /// Character 2, the entity type (`1` for 企业 under authority `9`).
    pub fn entity_code(&self) -> char {
        self.code.chars().nth(1).unwrap_or('0')
    }

    /// Whether the code was issued to an enterprise (企业) by market regulation: it starts `91`.
    ///
    /// ```
    /// use shuzhuan_policy::uscc::parse_uscc;
    /// assert!(parse_uscc("91350100M000100Y43").unwrap().is_enterprise());
    /// ```
    pub fn is_enterprise(&self) -> bool {
        self.code.starts_with("91")
    }
}

/// Why [`parse_uscc`] refused an input. [`UsccError::message`] turns it into a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsccError {
    /// Nothing was typed.
    Empty,
    /// Not 18 characters (after removing spaces and hyphens); holds the count.
    Length(usize),
    /// A character outside the code's alphabet, at this 1-based position.
    BadChar {
        /// 1-based position among the code's characters (spaces and hyphens not counted).
        position: usize,
        /// The character found (upper-cased if it was a lowercase letter).
        ch: char,
    },
    /// The check character (position 18) does not match the first 17.
    CheckChar {
        /// The check character computed from positions 1–17.
        expected: char,
        /// The character that was typed.
        got: char,
    },
}

impl UsccError {
    /// A sentence in Chinese and English saying what is wrong.
    ///
    /// ```
    /// use shuzhuan_policy::uscc::UsccError;
    /// let m = UsccError::CheckChar { expected: '3', got: '4' }.message();
    /// assert_eq!(m.zh, "统一社会信用代码第18位校验码应为 3，收到 4，请核对");
    /// ```
    pub fn message(&self) -> Text {
        match self {
            UsccError::Empty => t!(
                "请填写18位统一社会信用代码（见营业执照）",
                "Please enter the 18-character unified social credit code (on the business licence)"
            ),
            UsccError::Length(n) => t!(
                "统一社会信用代码应为18位，收到{n}位，请核对",
                "the unified social credit code has 18 characters; got {n}, please check it"
            ),
            UsccError::BadChar { position, ch } => {
                let ch = if ch.is_control() || ch.is_whitespace() { format!("U+{:04X}", u32::from(*ch)) } else { ch.to_string() };
                let (hint_zh, hint_en) = match ch.as_str() {
                    "O" => ("（是否应为数字 0？）", " (did you mean the digit 0?)"),
                    "I" => ("（是否应为数字 1？）", " (did you mean the digit 1?)"),
                    "Z" => ("（是否应为数字 2？）", " (did you mean the digit 2?)"),
                    "S" => ("（是否应为数字 5？）", " (did you mean the digit 5?)"),
                    _ => ("", ""),
                };
                t!(
                    "统一社会信用代码第{position}位“{ch}”无效{hint_zh}：代码只用数字 0–9 和大写字母，从不使用 I、O、Z、S、V",
                    "character {position} of the unified social credit code, \"{ch}\", is not allowed{hint_en}: the code uses digits 0–9 and capital letters, never I, O, Z, S or V"
                )
            }
            UsccError::CheckChar { expected, got } => t!(
                "统一社会信用代码第18位校验码应为 {expected}，收到 {got}，请核对",
                "the check character (position 18) of the unified social credit code should be {expected}, got {got}; please check the code"
            ),
        }
    }
}

/// The value 0–30 of a code character, or `None` outside [`ALPHABET`].
fn value(c: char) -> Option<u32> {
    ALPHABET.chars().position(|a| a == c).and_then(|p| u32::try_from(p).ok())
}

/// The check character for the first 17 characters of a code: with values v₁…v₁₇ and the
/// standard's weights, 31 − (Σ vᵢ·wᵢ mod 31), where 31 becomes 0. `None` unless `first17` is
/// exactly 17 characters of [`ALPHABET`] (upper case).
///
/// ```
/// use shuzhuan_policy::uscc::check_char;
/// assert_eq!(check_char("91350100M000100Y4"), Some('3'));
/// assert_eq!(check_char("91350100M000100Y"), None);
/// assert_eq!(check_char("91350100M000100O4"), None);
/// ```
pub fn check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(usize::try_from(check).ok()?)
}

/// Reads a unified social credit code as users type it: surrounding whitespace and inner spaces or
/// hyphens are dropped, full-width characters are made half-width, and lowercase letters are
/// upper-cased (recorded in [`Uscc::uppercased`]). Then the length, every character and the check
/// character are verified, in that order.
///
/// ```
/// use shuzhuan_policy::uscc::{check_char, parse_uscc, UsccError};
/// let first17 = "91350203MA3123456";
/// let code = format!("{first17}{}", check_char(first17).unwrap());
/// let u = parse_uscc(&code.to_lowercase()).unwrap();
/// assert!(u.uppercased);
/// assert_eq!(u.region.unwrap().describe().zh, "厦门市思明区（350203）");
/// assert_eq!(parse_uscc("91350100M000100Y44"), Err(UsccError::CheckChar { expected: '3', got: '4' }));
/// assert_eq!(parse_uscc("9135010OM000100Y43"), Err(UsccError::BadChar { position: 8, ch: 'O' }));
/// ```
pub fn parse_uscc(input: &str) -> Result<Uscc, UsccError> {
    let (code, uppercased) = check_uscc(input)?;
    let mut chars = code.chars();
    let (a, e) = (chars.next().unwrap_or('0'), chars.next().unwrap_or('0'));
    let division = code.get(2..8).unwrap_or("").to_string();
    Ok(Uscc {
        authority: authority(a),
        entity_type: entity_type(a, e).map(str::to_string),
        region: parse_region(&division).ok(),
        division,
        uppercased,
        code,
    })
}

/// The checks of [`parse_uscc`] alone: the code in canonical form (upper case, no spaces or
/// hyphens) and whether lowercase letters were upper-cased; no reading of its parts. For the
/// batch screener, which checks many codes.
///
/// ```
/// use shuzhuan_policy::uscc::{check_uscc, UsccError};
/// assert_eq!(check_uscc("91350100m000100y43"), Ok(("91350100M000100Y43".to_string(), true)));
/// assert_eq!(check_uscc("91350100M000100Y44"), Err(UsccError::CheckChar { expected: '3', got: '4' }));
/// ```
pub fn check_uscc(input: &str) -> Result<(String, bool), UsccError> {
    let cleaned: String = input.chars().map(halfwidth).filter(|c| !c.is_whitespace() && !is_dash(*c)).collect();
    if cleaned.is_empty() {
        return Err(UsccError::Empty);
    }
    let uppercased = cleaned.chars().any(|c| c.is_ascii_lowercase());
    let code = cleaned.to_ascii_uppercase();
    let len = code.chars().count();
    if len != 18 {
        return Err(UsccError::Length(len));
    }
    if let Some((i, ch)) = code.chars().enumerate().find(|(_, c)| value(*c).is_none()) {
        return Err(UsccError::BadChar { position: i + 1, ch });
    }
    // Every character is now ASCII, so byte ranges are character ranges.
    let (first17, last) = (code.get(..17).unwrap_or(""), code.get(17..).unwrap_or(""));
    let expected = check_char(first17).unwrap_or('0');
    let got = last.chars().next().unwrap_or('0');
    if expected != got {
        return Err(UsccError::CheckChar { expected, got });
    }
    Ok((code, uppercased))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Character 1. GB 32100-2015 Appendix A lists 1, 5, 9 and Y; the other codes were allotted later
/// by the national code centre (全国组织机构统一社会信用代码数据服务中心).
fn authority(c: char) -> String {
    let name = match c {
        '1' => "机构编制",
        '2' => "外交",
        '3' => "司法行政",
        '4' => "文化",
        '5' => "民政",
        '6' => "旅游",
        '7' => "宗教",
        '8' => "工会",
        '9' => "工商（市场监管）",
        'A' => "中央军委改革和编制办公室",
        'N' => "农业",
        'Y' => "其他",
        _ => return format!("未知登记管理部门（{c}）"),
    };
    name.to_string()
}

/// Character 2, read with character 1 (GB 32100-2015 Appendix A).
fn entity_type(authority: char, entity: char) -> Option<&'static str> {
    Some(match (authority, entity) {
        ('1', '1') => "机关",
        ('1', '2') => "事业单位",
        ('1', '3') => "中央编办直接管理机构编制的群众团体",
        ('1', '9') => "其他",
        ('5', '1') => "社会团体",
        ('5', '2') => "民办非企业单位",
        ('5', '3') => "基金会",
        ('5', '9') => "其他",
        ('9', '1') => "企业",
        ('9', '2') => "个体工商户",
        ('9', '3') => "农民专业合作社",
        ('Y', '1') => "其他",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(first17: &str) -> String {
        format!("{first17}{}", check_char(first17).unwrap())
    }

    #[test]
    fn alphabet() {
        assert_eq!(ALPHABET.len(), 31);
        for bad in ['I', 'O', 'Z', 'S', 'V', 'a', '-', '０'] {
            assert_eq!(value(bad), None, "{bad}");
        }
        assert_eq!(value('0'), Some(0));
        assert_eq!(value('A'), Some(10));
        assert_eq!(value('Y'), Some(30));
        // The weights are 3^(i-1) mod 31.
        let mut w = 1;
        for weight in WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn check_characters() {
        assert_eq!(check_char("91350100M000100Y4"), Some('3'));
        assert_eq!(check_char("91350203MA3123456"), Some('X'));
        assert_eq!(check_char("92330782MA2A0B0C1"), Some('6'));
        assert_eq!(check_char("91370103MA3C5X8T2"), Some('G'));
        assert_eq!(check_char("9135010OM000100Y4"), None);
        assert_eq!(check_char("91350100m000100Y4"), None);
        assert_eq!(check_char(""), None);
        assert_eq!(check_char("91350100M000100Y43"), None);
        // A sum divisible by 31 gives 0, not 31.
        assert_eq!(check_char("00000000000000000"), Some('0'));
        // Every check value 0–30 is reachable by changing the last character.
        let mut seen: Vec<char> = ALPHABET.chars().map(|c| check_char(&format!("9135020300000000{c}")).unwrap()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 31);
    }

    #[test]
    fn a_real_code() {
        let u = parse_uscc("91350100M000100Y43").unwrap();
        assert_eq!(u.code, "91350100M000100Y43");
        assert!(!u.uppercased);
        assert_eq!(u.authority, "工商（市场监管）");
        assert_eq!(u.entity_type.as_deref(), Some("企业"));
        assert_eq!(u.division, "350100");
        let r = u.region.clone().unwrap();
        assert_eq!(r.city.unwrap().zh, "福州市");
        assert_eq!(r.district, None);
        assert_eq!(u.authority_code(), '9');
        assert_eq!(u.entity_code(), '1');
    }

    #[test]
    fn built_codes() {
        let u = parse_uscc(&valid("91350203MA3123456")).unwrap();
        assert_eq!(u.code, "91350203MA3123456X");
        assert_eq!(u.region.as_ref().unwrap().describe().zh, "厦门市思明区（350203）");
        let u = parse_uscc(&valid("92330782MA2A0B0C1")).unwrap();
        assert_eq!(u.entity_type.as_deref(), Some("个体工商户"));
        assert_eq!(u.region.unwrap().district, Some("义乌市"));
        let u = parse_uscc(&valid("93370103MA3C5X8T2")).unwrap();
        assert_eq!(u.entity_type.as_deref(), Some("农民专业合作社"));
        assert_eq!(u.region.unwrap().district, Some("市中区"));
        let u = parse_uscc(&valid("52110000MJ0000000")).unwrap();
        assert_eq!(u.authority, "民政");
        assert_eq!(u.entity_type.as_deref(), Some("民办非企业单位"));
        assert_eq!(u.region.as_ref().unwrap().city, None);
        assert!(!u.is_enterprise());
        // A division that is not a region code leaves `region` empty.
        let u = parse_uscc(&valid("Y1ABCDEF000000000")).unwrap();
        assert_eq!(u.authority, "其他");
        assert_eq!(u.division, "ABCDEF");
        assert_eq!(u.region, None);
        let u = parse_uscc(&valid("H1990000000000000")).unwrap();
        assert_eq!(u.authority, "未知登记管理部门（H）");
        assert_eq!(u.entity_type, None);
        assert_eq!(u.region, None);
    }

    #[test]
    fn wrong_check_character() {
        assert_eq!(parse_uscc("91350100M000100Y44"), Err(UsccError::CheckChar { expected: '3', got: '4' }));
        assert_eq!(parse_uscc("91350203MA31234560"), Err(UsccError::CheckChar { expected: 'X', got: '0' }));
        // A transposition is caught too.
        assert!(matches!(parse_uscc("91350100M001000Y43"), Err(UsccError::CheckChar { .. })));
        let m = UsccError::CheckChar { expected: 'X', got: '0' }.message();
        assert!(m.zh.contains("第18位校验码应为 X，收到 0"));
        assert!(m.en.contains("should be X, got 0"));
    }

    #[test]
    fn lenient_input() {
        let u = parse_uscc("91350100m000100y43").unwrap();
        assert!(u.uppercased);
        assert_eq!(u.code, "91350100M000100Y43");
        for s in [
            "  91350100M000100Y43\n",
            "9135 0100 M000 100Y 43",
            "913501-00M000-100Y43",
            "９１３５０１００Ｍ０００１００Ｙ４３",
            "\u{3000}91350100M000100Y43\u{3000}",
        ] {
            let u = parse_uscc(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
            assert_eq!(u.code, "91350100M000100Y43");
            assert!(!u.uppercased, "{s:?}");
        }
        assert!(parse_uscc("９１３５０１００ｍ０００１００Ｙ４３").unwrap().uppercased);
    }

    #[test]
    fn bad_characters() {
        assert_eq!(parse_uscc("9135010OM000100Y43"), Err(UsccError::BadChar { position: 8, ch: 'O' }));
        assert_eq!(parse_uscc("91350100M000100I43"), Err(UsccError::BadChar { position: 16, ch: 'I' }));
        assert_eq!(parse_uscc("91350100m000100i43"), Err(UsccError::BadChar { position: 16, ch: 'I' }));
        assert_eq!(parse_uscc("V1350100M000100Y43"), Err(UsccError::BadChar { position: 1, ch: 'V' }));
        // Position counts code characters only, not the spaces typed between them.
        assert_eq!(parse_uscc("9135 0100 M000 100Y 4Z"), Err(UsccError::BadChar { position: 18, ch: 'Z' }));
        assert_eq!(parse_uscc("91350100M000100Y4号"), Err(UsccError::BadChar { position: 18, ch: '号' }));
        let m = UsccError::BadChar { position: 8, ch: 'O' }.message();
        assert!(m.zh.contains("第8位“O”无效"), "{}", m.zh);
        assert!(m.zh.contains("I、O、Z、S、V"));
        assert!(m.zh.contains("数字 0"));
        assert!(m.en.contains("never I, O, Z, S or V"));
        let m = UsccError::BadChar { position: 3, ch: '\u{7}' }.message();
        assert!(m.zh.contains("U+0007"));
    }

    #[test]
    fn length_errors() {
        assert_eq!(parse_uscc(""), Err(UsccError::Empty));
        assert_eq!(parse_uscc("  - "), Err(UsccError::Empty));
        assert_eq!(parse_uscc("91350100M000100Y4"), Err(UsccError::Length(17)));
        assert_eq!(parse_uscc("91350100M000100Y433"), Err(UsccError::Length(19)));
        assert_eq!(parse_uscc("厦门某某科技有限公司"), Err(UsccError::Length(10)));
        assert_eq!(UsccError::Length(17).message().zh, "统一社会信用代码应为18位，收到17位，请核对");
        assert!(UsccError::Empty.message().en.contains("18-character"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "ÿ", "\u{0}", "ǅ", "ß"] {
            let _ = parse_uscc(s);
            let _ = check_char(s);
        }
        assert_eq!(parse_uscc("🙂1350100M000100Y43"), Err(UsccError::BadChar { position: 1, ch: '🙂' }));
    }

    #[test]
    fn serialises() {
        let v = serde_json::to_value(parse_uscc("91350100M000100Y43").unwrap()).unwrap();
        assert_eq!(v["code"], "91350100M000100Y43");
        assert_eq!(v["division"], "350100");
        assert_eq!(v["region"]["city"]["zh"], "福州市");
    }
}
