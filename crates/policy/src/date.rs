//! A calendar date (公历日期) without time or zone. The core never reads a clock: callers pass
//! the date to evaluate on ("as of"), so every result is reproducible.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A valid Gregorian date between 1900-01-01 and 9999-12-31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Well formed, but no such day (e.g. `2025-02-30`).
    NoSuchDay,
}

impl DateError {
    /// A sentence in Chinese and English saying what is wrong with a date, without quoting it
    /// ([`DateError::about`] quotes it, in the same words).
    pub fn message(&self) -> crate::text::Text {
        match self {
            DateError::Format => {
                crate::text::Text::new("日期格式应为 YYYY-MM-DD（如 2025-06-30）", "date must be YYYY-MM-DD (e.g. 2025-06-30)")
            }
            DateError::NoSuchDay => crate::text::Text::new("没有这一天（如 2 月 30 日）", "no such day (e.g. 30 February)"),
        }
    }

    /// What is wrong with `input` as a date, quoting it as [`crate::text::shown`] shows text (cut
    /// at 40 characters, control and invisible characters written `[U+XXXX]`): the one wording of
    /// a bad date in every reader of dates (inputs, options, the command line).
    ///
    /// ```
    /// use shuzhuan_policy::date::Date;
    /// let said = |s| Date::parse(s).unwrap_err().about(s).zh;
    /// assert_eq!(said("2025/06/30"), "日期格式应为 YYYY-MM-DD（如 2025-06-30），收到“2025/06/30”");
    /// assert_eq!(said("2025-02-30"), "没有这一天：“2025-02-30”");
    /// assert_eq!(said("2025-06\u{1b}[2J"), "日期格式应为 YYYY-MM-DD（如 2025-06-30），收到“2025-06[U+001B][2J”");
    /// ```
    pub fn about(&self, input: &str) -> crate::text::Text {
        let shown = crate::text::shown(input, 40);
        match self {
            DateError::Format => crate::t!(
                "日期格式应为 YYYY-MM-DD（如 2025-06-30），收到“{shown}”",
                "date must be YYYY-MM-DD (e.g. 2025-06-30); got \"{shown}\""
            ),
            DateError::NoSuchDay => crate::t!("没有这一天：“{shown}”", "no such day: \"{shown}\""),
        }
    }
}

fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// 2000-01-01, a fixed fallback where a date is needed and none is valid.
    pub const Y2K: Date = Date { year: 2000, month: 1, day: 1 };

    /// Builds a date, refusing days that do not exist.
    ///
    /// ```
    /// use shuzhuan_policy::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2025, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (full-width digits and surrounding spaces are accepted).
    ///
    /// ```
    /// use shuzhuan_policy::{Date, DateError};
    /// assert_eq!(Date::parse("2025-06-30").unwrap().to_string(), "2025-06-30");
    /// assert_eq!(Date::parse("2025-02-30"), Err(DateError::NoSuchDay));
    /// assert_eq!(Date::parse("30/06/2025"), Err(DateError::Format));
    /// ```
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let s: String = s.trim().chars().map(crate::amount::halfwidth).collect();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return Err(DateError::Format);
        }
        let year: u16 = s[0..4].parse().map_err(|_| DateError::Format)?;
        let month: u8 = s[5..7].parse().map_err(|_| DateError::Format)?;
        let day: u8 = s[8..10].parse().map_err(|_| DateError::Format)?;
        Date::new(year, month, day).ok_or(DateError::NoSuchDay)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// The next calendar day, or `None` after 9999-12-31.
    pub fn succ(self) -> Option<Date> {
        if self.day < days_in_month(self.year, self.month) {
            Some(Date { day: self.day + 1, ..self })
        } else if self.month < 12 {
            Some(Date { month: self.month + 1, day: 1, ..self })
        } else {
            Date::new(self.year.checked_add(1)?, 1, 1)
        }
    }

    /// The previous calendar day, or `None` before 1900-01-01.
    pub fn pred(self) -> Option<Date> {
        if self.day > 1 {
            Some(Date { day: self.day - 1, ..self })
        } else if self.month > 1 {
            let m = self.month - 1;
            Some(Date { month: m, day: days_in_month(self.year, m), ..self })
        } else {
            Date::new(self.year.checked_sub(1)?, 12, 31)
        }
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    ///
    /// ```
    /// use shuzhuan_policy::Date;
    /// let d = |s| Date::parse(s).unwrap();
    /// assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2);
    /// assert_eq!(d("2025-01-01").days_until(d("2024-01-01")), -366);
    /// ```
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    fn day_number(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }

    /// The same day `n` years later; 29 February becomes 28 February in a common year.
    ///
    /// ```
    /// use shuzhuan_policy::Date;
    /// let d = |s| Date::parse(s).unwrap();
    /// assert_eq!(d("2024-09-01").plus_years(1), Some(d("2025-09-01")));
    /// assert_eq!(d("2024-02-29").plus_years(1), Some(d("2025-02-28")));
    /// ```
    pub fn plus_years(self, n: u16) -> Option<Date> {
        let year = self.year.checked_add(n)?;
        Date::new(year, self.month, self.day.min(days_in_month(year, self.month)))
    }

    /// The calendar date in China (UTC+8 all year; China has no daylight saving) at a Unix time
    /// in seconds. Every shell takes "today" from here, so a report made at 07:00 in Beijing is
    /// dated that day, not the day before as in UTC. A clock that reads before 2020 or after 2200
    /// is broken, and an error says so: the date decides which programmes are in force, so it is
    /// never replaced silently by a fixed one.
    ///
    /// ```
    /// use shuzhuan_policy::{Date, date::ClockError};
    /// // 2026-12-02 23:30 UTC is 2026-12-03 07:30 in Beijing.
    /// assert_eq!(Date::in_china_at(1_796_254_200).unwrap().to_string(), "2026-12-03");
    /// assert_eq!(Date::in_china_at(0), Err(ClockError { unix_seconds: 0 }));
    /// ```
    pub fn in_china_at(unix_seconds: i64) -> Result<Date, ClockError> {
        let broken = ClockError { unix_seconds };
        let local = unix_seconds.checked_add(8 * 3600).ok_or(broken)?;
        let date = civil_from_days(local.div_euclid(86_400)).ok_or(broken)?;
        if date.year < 2020 || date.year > 2200 {
            return Err(broken);
        }
        Ok(date)
    }

    /// Chinese form, e.g. `2025年12月31日`.
    pub fn to_zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Days since 1970-01-01 → date (H. Hinnant's civil_from_days); `None` outside 1900–9999.
fn civil_from_days(z: i64) -> Option<Date> {
    let z = z.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
    let m = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
    let y = u16::try_from(yoe.checked_add(era.checked_mul(400)?)? + i64::from(m <= 2)).ok()?;
    Date::new(y, m, d)
}

/// The device's clock cannot be right (before 2020 or after 2200): set the clock, or give the
/// date to evaluate on explicitly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockError {
    pub unix_seconds: i64,
}

impl ClockError {
    /// The message every shell shows.
    pub fn message(&self) -> crate::text::Text {
        crate::text::Text::new(
            format!("本机时钟不正确（Unix 时间 {}），无法确定今天的日期；请校准时钟，或指定评估日期", self.unix_seconds),
            format!(
                "this device's clock is wrong (Unix time {}), so today's date is unknown; set the clock or give the date to evaluate on",
                self.unix_seconds
            ),
        )
    }
}

impl fmt::Display for ClockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.message();
        write!(f, "{} / {}", m.zh, m.en)
    }
}

impl std::error::Error for ClockError {}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        // Rule files may write dates as TOML dates or as strings; both arrive here as text.
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(|e| E::custom(format!("invalid date {v:?}: {e:?}")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                // toml's native datetime arrives as a one-entry map holding its text.
                let (_, v): (String, String) = map.next_entry()?.ok_or_else(|| serde::de::Error::custom("empty date"))?;
                Date::parse(&v).map_err(|e| serde::de::Error::custom(format!("invalid date {v:?}: {e:?}")))
            }
        }
        d.deserialize_any(V)
    }
}
