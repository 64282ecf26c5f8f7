//! Numbers as people type them: `1,234.5`, full-width digits `１２３４`, `万`/`亿` suffixes,
//! `元`. Money is always [`Decimal`] in yuan (元); staff counts are whole persons.

use crate::t;
use crate::text::Text;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The largest amount accepted: 10^16 yuan (一亿亿元), far beyond any firm's figures, so a
/// typo of many digits is caught instead of being computed with.
pub const MAX_YUAN: Decimal = Decimal::from_parts(1874919424, 2328306, 0, false, 0);

/// The unit a bare number is read in when it carries no suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Yuan,
    /// 万元 = 10 000 yuan.
    Wan,
}

/// Why a number was refused. [`AmountError::message`] turns it into a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    Negative,
    TooLarge,
    Fractional,
    /// A comma that is not a thousands separator between groups of three digits (`8,5`).
    Separator,
}

impl AmountError {
    /// A sentence naming the field (by its label) and the text that was refused.
    pub fn message(&self, label: &Text, got: &str) -> Text {
        let got = shorten(got);
        let (zh, en) = (&label.zh, &label.en);
        match self {
            AmountError::Empty => t!("请填写{zh}", "Please enter {en}"),
            AmountError::NotANumber => t!(
                "{zh}须为数字（可写 1,234.5、１２３４ 或 120万），收到“{got}”",
                "{en} must be a number (1,234.5, full-width digits or 120万 are fine); got \"{got}\""
            ),
            AmountError::Negative => t!("{zh}不能为负数，收到“{got}”", "{en} cannot be negative; got \"{got}\""),
            AmountError::TooLarge => t!("{zh}数值过大，请检查位数，收到“{got}”", "{en} is too large, check the digits; got \"{got}\""),
            AmountError::Fractional => t!("{zh}须为整数，收到“{got}”", "{en} must be a whole number; got \"{got}\""),
            AmountError::Separator => t!(
                "{zh}中的逗号只能作千位分隔符、每三位一个（如 1,234,567.5），小数点请用“.”，收到“{got}”",
                "{en}: a comma may only separate thousands, every three digits (1,234,567.5), and the decimal point is \".\"; got \"{got}\""
            ),
        }
    }

    /// [`AmountError::message`] for a count (persons, days, enterprises): the hint gives whole
    /// numbers only, since `1,234.5` or `120万` would be refused.
    ///
    /// ```
    /// use shuzhuan_policy::{amount::AmountError, Text};
    /// let m = AmountError::NotANumber.count_message(&Text::new("从业人员", "staff count"), "120万");
    /// assert_eq!(m.zh, "从业人员须为数字（整数，可写 1,200 或 １２００），收到“120万”");
    /// ```
    pub fn count_message(&self, label: &Text, got: &str) -> Text {
        match self {
            AmountError::NotANumber => {
                let got = shorten(got);
                let (zh, en) = (&label.zh, &label.en);
                t!(
                    "{zh}须为数字（整数，可写 1,200 或 １２００），收到“{got}”",
                    "{en} must be a number (a whole number; 1,200 or full-width digits are fine); got \"{got}\""
                )
            }
            other => other.message(label, got),
        }
    }
}

fn shorten(s: &str) -> String {
    crate::text::shown(s, 40)
}

/// Maps full-width ASCII (digits, `．`, `，`, `－`, letters) and the ideographic space to their
/// half-width forms; other characters pass through.
pub fn halfwidth(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Parses a non-negative decimal, reading a bare number in `unit` and honouring a `元`, `万`,
/// `万元`, `亿` or `亿元` suffix. Returns yuan.
///
/// ```
/// use shuzhuan_policy::amount::{parse_yuan, Unit, AmountError};
/// use rust_decimal::Decimal;
/// assert_eq!(parse_yuan("1,234.5", Unit::Yuan).unwrap(), Decimal::new(12345, 1));
/// assert_eq!(parse_yuan("８５００万", Unit::Yuan).unwrap(), Decimal::from(85_000_000));
/// assert_eq!(parse_yuan("1.2亿元", Unit::Yuan).unwrap(), Decimal::from(120_000_000));
/// assert_eq!(parse_yuan("300", Unit::Wan).unwrap(), Decimal::from(3_000_000));
/// assert_eq!(parse_yuan("-5", Unit::Yuan), Err(AmountError::Negative));
/// assert_eq!(parse_yuan("NaN", Unit::Yuan), Err(AmountError::NotANumber));
/// assert_eq!(parse_yuan("8,5", Unit::Yuan), Err(AmountError::Separator)); // 8.5 or 85? refused
/// assert_eq!(parse_yuan("1,2345", Unit::Yuan), Err(AmountError::Separator));
/// assert_eq!(parse_yuan("1_000", Unit::Yuan), Err(AmountError::NotANumber));
/// assert_eq!(parse_yuan("１，２３４，５６７", Unit::Yuan).unwrap(), Decimal::from(1_234_567));
/// ```
pub fn parse_yuan(s: &str, unit: Unit) -> Result<Decimal, AmountError> {
    if let Some(value) = plain_ascii(s) {
        // What forms and JSON numbers send (`800000`, `12.5`): the general path's answer, without
        // its copies (it folds widths, units, spaces and separators first).
        let factor = match unit {
            Unit::Yuan => Decimal::ONE,
            Unit::Wan => Decimal::from(10_000),
        };
        let yuan = value.checked_mul(factor).ok_or(AmountError::TooLarge)?;
        return if yuan > MAX_YUAN { Err(AmountError::TooLarge) } else { Ok(yuan.normalize()) };
    }
    parse_general(s, unit)
}

/// [`parse_yuan`] for any text: widths folded, the unit split off, separators checked.
fn parse_general(s: &str, unit: Unit) -> Result<Decimal, AmountError> {
    let (number, factor) = split_unit(s, unit)?;
    let value = parse_plain(&number)?;
    let yuan = value.checked_mul(factor).ok_or(AmountError::TooLarge)?;
    if yuan > MAX_YUAN {
        return Err(AmountError::TooLarge);
    }
    Ok(yuan.normalize())
}

/// The text a field shown in 万元 hands to the contract (whose amounts are in yuan): a number
/// typed bare, ending in a digit or a decimal point (half- or full-width), gets the `万` suffix;
/// text that names its unit (`120万`, `1.2亿`, `5000元`) or ends otherwise (`abc`) is passed on as
/// typed, so a refusal quotes what the user typed. `5.` is read in 万 too (and refused as not a
/// number), never as 5 yuan. The app and both widgets call this one rule (the widgets once sent
/// `5.` bare, which the app sent as `5.万`).
///
/// ```
/// use shuzhuan_policy::amount::in_wan;
/// assert_eq!(in_wan(" 8500 "), "8500万");
/// assert_eq!(in_wan("８５００"), "８５００万");
/// assert_eq!(in_wan("1.2亿"), "1.2亿");
/// assert_eq!(in_wan("5000元"), "5000元");
/// assert_eq!(in_wan("5."), "5.万"); // in 万 whatever the parser makes of "5."
/// assert_eq!(in_wan("５．"), "５．万");
/// assert_eq!(in_wan("abc"), "abc");
/// assert_eq!(in_wan(""), "");
/// ```
pub fn in_wan(text: &str) -> String {
    let t = text.trim();
    if t.chars().last().map(halfwidth).is_some_and(|c| c.is_ascii_digit() || c == '.') {
        format!("{t}万")
    } else {
        t.to_string()
    }
}

/// Parses a whole, non-negative count of persons (`1,200`, `１２０`, `120人`).
///
/// ```
/// use shuzhuan_policy::amount::{parse_count, AmountError};
/// assert_eq!(parse_count("1,200人"), Ok(1200));
/// assert_eq!(parse_count("120.0"), Ok(120));
/// assert_eq!(parse_count("120.5"), Err(AmountError::Fractional));
/// ```
pub fn parse_count(s: &str) -> Result<u32, AmountError> {
    let cleaned: String = s.chars().map(halfwidth).collect();
    let cleaned = cleaned.trim();
    let cleaned = cleaned.strip_suffix("人次").or_else(|| cleaned.strip_suffix('人')).unwrap_or(cleaned);
    let value = parse_plain(cleaned)?;
    decimal_to_count(value)
}

/// A decimal as a whole count: fractional values are refused, huge ones too.
pub fn decimal_to_count(value: Decimal) -> Result<u32, AmountError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(AmountError::Negative);
    }
    if value.fract() != Decimal::ZERO {
        return Err(AmountError::Fractional);
    }
    u32::try_from(value.trunc().mantissa() / 10i128.pow(value.trunc().scale()))
        .ok()
        .filter(|n| *n <= 100_000_000)
        .ok_or(AmountError::TooLarge)
}

/// Thousands separators only between groups of three digits of the integer part.
///
/// ```text
/// 1,234,567.5 ✓   12,345 ✓   1234 ✓   8,5 ✗   12,34 ✗   1,2345 ✗   ,123 ✗   1,234.5,6 ✗
/// ```
fn separators_ok(t: &str) -> bool {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let int_end = body.find(['.', 'e', 'E']).unwrap_or(body.len());
    let (int, rest) = body.split_at(int_end);
    if rest.contains([',', '，']) {
        return false;
    }
    if !int.contains([',', '，']) {
        return true;
    }
    let groups: Vec<&str> = int.split([',', '，']).collect();
    let first = groups[0];
    !first.is_empty() && first.len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)
}

fn split_unit(s: &str, unit: Unit) -> Result<(String, Decimal), AmountError> {
    let t: String = s.chars().map(halfwidth).collect();
    let t = t.trim();
    let default = match unit {
        Unit::Yuan => Decimal::ONE,
        Unit::Wan => Decimal::from(10_000),
    };
    for (suffix, factor) in [
        ("万元", Decimal::from(10_000)),
        ("亿元", Decimal::from(100_000_000)),
        ("万", Decimal::from(10_000)),
        ("亿", Decimal::from(100_000_000)),
        ("元", Decimal::ONE),
    ] {
        if let Some(rest) = t.strip_suffix(suffix) {
            return Ok((rest.trim().to_string(), factor));
        }
    }
    Ok((t.to_string(), default))
}

/// `s` as a decimal when it is only ASCII digits (1 to 20 before an optional point, at least one
/// after it, 28 characters in all): the cases [`parse_plain`] reads with `Decimal::from_str` and
/// nothing else. Anything else is `None` and goes the general way.
fn plain_ascii(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 28 {
        return None;
    }
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let frac_ok = match &b[int..] {
        [] => true,
        [b'.', rest @ ..] => !rest.is_empty() && rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    let significant = b[..int].iter().skip_while(|c| **c == b'0').count();
    if int == 0 || !frac_ok || significant > 20 {
        return None;
    }
    Decimal::from_str(s).ok()
}

/// A plain decimal: optional thousands separators (`,` or `，`, only between groups of three
/// digits before the point: `1,234,567.5`), spaces inside, an optional exponent as JSON allows
/// (`8.5e7`). No sign other than a leading `-` (refused as negative).
///
/// A comma anywhere else is refused, never dropped: `8,5` may mean 8.5 (a decimal comma) or 85,
/// and `1,2345` is a slip; guessing would give a wrong amount without a word. `_` is refused too.
fn parse_plain(s: &str) -> Result<Decimal, AmountError> {
    let spaced: String = s.chars().map(halfwidth).filter(|c| *c != ' ').collect();
    if !separators_ok(&spaced) {
        return Err(AmountError::Separator);
    }
    let t: String = spaced.chars().filter(|c| !matches!(c, ',' | '，')).collect();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let mantissa_ok = |m: &str| {
        let mut parts = m.splitn(2, '.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next();
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    };
    let value = if let Some((m, e)) = body.split_once(['e', 'E']) {
        let exp_ok = e.strip_prefix(['+', '-']).unwrap_or(e);
        if !mantissa_ok(m) || exp_ok.is_empty() || !exp_ok.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        let exp: i64 = e.parse().map_err(|_| AmountError::TooLarge)?;
        if exp > 20 {
            return Err(AmountError::TooLarge);
        }
        if exp < -20 {
            return Err(AmountError::NotANumber);
        }
        Decimal::from_scientific(body).map_err(|_| AmountError::TooLarge)?
    } else {
        if !mantissa_ok(body) {
            return Err(AmountError::NotANumber);
        }
        let int_digits = body.split('.').next().unwrap_or("").trim_start_matches('0').len();
        if int_digits > 20 {
            return Err(AmountError::TooLarge);
        }
        // Digits past 28 significant places cannot be held; round them rather than refuse.
        Decimal::from_str(body).or_else(|_| Decimal::from_str_exact(&body[..body.len().min(28)])).map_err(|_| AmountError::TooLarge)?
    };
    if negative && !value.is_zero() {
        return Err(AmountError::Negative);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_widths() {
        assert_eq!(parse_yuan("１，２３４．５", Unit::Yuan).unwrap(), Decimal::new(12345, 1));
        assert_eq!(parse_yuan(" 2 000 万元 ", Unit::Yuan).unwrap(), Decimal::from(20_000_000));
        assert_eq!(parse_yuan("8.5e7", Unit::Yuan).unwrap(), Decimal::from(85_000_000));
    }

    #[test]
    fn plain_digits_read_as_the_general_path_reads_them() {
        // The fast path must agree with the general one on everything it takes.
        for s in ["0", "800000", "0800", "12.5", "12.50", "0.001", "99999999999999999999", "1234567890.1234567"] {
            for unit in [Unit::Yuan, Unit::Wan] {
                assert_eq!(parse_yuan(s, unit), parse_general(s, unit), "{s}");
            }
            assert!(plain_ascii(s).is_some(), "{s} took the general path");
        }
        for s in ["", ".5", "5.", "1.2.3", "+5", "-5", " 5", "5 ", "1,000", "5万", "１２", "1e3", "123456789012345678901"] {
            assert!(plain_ascii(s).is_none(), "{s:?} took the fast path");
        }
        assert_eq!(parse_yuan("12.5", Unit::Wan), Ok(Decimal::from(125_000)));
        assert_eq!(parse_yuan("99999999999999999999", Unit::Yuan), Err(AmountError::TooLarge));
    }

    #[test]
    fn refusals() {
        for bad in ["", "  ", "abc", "1.2.3", "Infinity", "1e400", "💰", "1,2a", ".5", "5."] {
            assert!(parse_yuan(bad, Unit::Yuan).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(parse_yuan("123456789012345678901234567890", Unit::Yuan), Err(AmountError::TooLarge));
        assert_eq!(parse_yuan("1e400", Unit::Yuan), Err(AmountError::TooLarge));
        assert_eq!(parse_yuan("-0", Unit::Yuan), Ok(Decimal::ZERO));
        assert_eq!(parse_count("-3"), Err(AmountError::Negative));
        assert_eq!(parse_count("3.5人"), Err(AmountError::Fractional));
    }

    #[test]
    fn max_constant_is_ten_to_the_sixteenth() {
        assert_eq!(MAX_YUAN, Decimal::from(10_000_000_000_000_000i64));
    }
}
