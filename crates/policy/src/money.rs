//! Formatting money for sentences: yuan with thousands separators, or 万元 where that reads better.

use rust_decimal::Decimal;

/// Rounds to the fen (分) and drops trailing zeros: the form amounts take in JSON output.
pub fn yuan(d: Decimal) -> Decimal {
    d.round_dp(2).normalize()
}

/// `1,234,567.5 元` / `1,234,567.5 yuan` style grouping of a yuan amount.
pub fn grouped(d: Decimal) -> String {
    let s = yuan(d).to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", int),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// An amount in 万元 when it is a whole number of 万 (`25万元`), else in 元 (`12,345元`).
pub fn zh(d: Decimal) -> String {
    let wan = d / Decimal::from(10_000);
    if d >= Decimal::from(10_000) && (wan.fract().is_zero() || (wan * Decimal::from(100)).fract().is_zero()) {
        format!("{}万元", wan.normalize())
    } else {
        format!("{}元", grouped(d))
    }
}

/// The English form: `CNY 250,000`.
pub fn en(d: Decimal) -> String {
    format!("CNY {}", grouped(d))
}

/// A ratio as a percentage, `0.4` → `40%`.
pub fn pct(r: Decimal) -> String {
    format!("{}%", (r * Decimal::from(100)).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn forms() {
        assert_eq!(grouped(Decimal::new(12345675, 1)), "1,234,567.5");
        assert_eq!(zh(Decimal::from(250_000)), "25万元");
        assert_eq!(zh(Decimal::from(12_345)), "12,345元");
        assert_eq!(zh(Decimal::from(123_400)), "12.34万元");
        assert_eq!(zh(Decimal::from(500)), "500元");
        assert_eq!(en(Decimal::from(100_000)), "CNY 100,000");
        assert_eq!(pct(Decimal::new(4, 1)), "40%");
    }
}
