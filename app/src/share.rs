//! The share link's compact fragment: `#/results?v=2&i=3973&e=120&r=8500&g=350203` — only what
//! was typed, under short keys, each value percent-encoded on its own (a Chinese amount such as
//! `1.2亿` stays readable to the app and costs no more than it must). The first links carried the
//! whole state as URI-encoded JSON (`?d=…`, ≈ 600 characters for one firm); they are still read.
//!
//! Keys: the form's fields by one or two letters ([`FORM_KEYS`]); `a.ID` a rule pack's own
//! question; `p.PROGRAMME.K` an estimator field, where K is `l` level, `y` year, `q` ratio,
//! `c` cap, `m.ID` an amount, `k.LEVEL` a cap by level, `x.ID` an award's amount, `f.ID` a flag
//! (`1`/`0`), `w` the awards and `o` the roles (comma-separated). A trailing `&en` marks English.

use crate::state::{Form, ProjectForm, Shared};
use shuzhuan_policy::text::{percent_decode, percent_encode};
use std::collections::BTreeMap;

/// The version marker: a fragment with it is read by [`decode`].
const MARK: &str = "v=2";

/// The form's text fields and their keys.
const FORM_KEYS: [&str; 15] = ["i", "e", "r", "a", "g", "u", "l", "c", "z", "n", "t", "s", "b", "h", "ru"];

/// The form's field under `key` (the one table both directions use).
fn form_field<'a>(f: &'a mut Form, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "i" => &mut f.industry,
        "e" => &mut f.employees,
        "r" => &mut f.revenue,
        "a" => &mut f.assets,
        "g" => &mut f.region,
        "u" => &mut f.uscc,
        "l" => &mut f.legal,
        "c" => &mut f.credit,
        "z" => &mut f.gs,
        "n" => &mut f.unit,
        "t" => &mut f.as_of,
        "s" => &mut f.specialized,
        "b" => &mut f.registered_on,
        "h" => &mut f.level_now,
        _ => return None,
    })
}

/// An estimator form's text field under `key`.
fn project_field<'a>(p: &'a mut ProjectForm, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "l" => &mut p.level,
        "y" => &mut p.year,
        "q" => &mut p.ratio,
        "c" => &mut p.cap,
        _ => return None,
    })
}

/// The query of a share link (after `?`): only what is not empty.
pub fn encode(shared: &Shared, english: bool) -> String {
    let mut out = vec![MARK.to_string()];
    let mut put = |key: String, value: &str| {
        if !value.is_empty() {
            out.push(format!("{key}={}", escape(value)));
        }
    };
    let mut form = shared.form.clone();
    for key in FORM_KEYS.iter().filter(|k| **k != "ru") {
        if let Some(v) = form_field(&mut form, key) {
            put(key.to_string(), v);
        }
    }
    if shared.form.region_unconfirmed {
        put("ru".into(), "1");
    }
    for (id, v) in &shared.form.answers {
        put(format!("a.{}", escape_id(id)), v);
    }
    for (pid, p) in &shared.projects {
        let pre = format!("p.{}", escape_id(pid));
        let mut p2 = p.clone();
        for key in ["l", "y", "q", "c"] {
            if let Some(v) = project_field(&mut p2, key) {
                put(format!("{pre}.{key}"), v);
            }
        }
        for (kind, map) in [("m", &p.amounts), ("k", &p.caps), ("x", &p.award_amounts)] {
            for (id, v) in map {
                put(format!("{pre}.{kind}.{}", escape_id(id)), v);
            }
        }
        for (id, on) in &p.flags {
            put(format!("{pre}.f.{}", escape_id(id)), if *on { "1" } else { "0" });
        }
        put(format!("{pre}.w"), &p.awards.join(","));
        put(format!("{pre}.o"), &p.roles.join(","));
    }
    if english {
        out.push("en".into());
    }
    out.join("&")
}

/// The state and language of a share link's query, when it is one of this format.
pub fn decode(query: &str) -> Option<(Shared, bool)> {
    let mut parts = query.split('&');
    if parts.next()? != MARK {
        return None;
    }
    let mut shared = Shared::default();
    let mut english = false;
    for part in parts {
        if part == "en" {
            english = true;
            continue;
        }
        let Some((key, raw)) = part.split_once('=') else { continue };
        let Some(value) = percent_decode(raw) else { continue };
        let path: Vec<String> = key.split('.').filter_map(percent_decode).collect();
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        match path.as_slice() {
            ["ru"] => shared.form.region_unconfirmed = value == "1",
            [k] => {
                if let Some(f) = form_field(&mut shared.form, k) {
                    *f = value;
                }
            }
            ["a", id] => {
                shared.form.answers.insert(id.to_string(), value);
            }
            ["p", pid, rest @ ..] => {
                let p = shared.projects.entry(pid.to_string()).or_default();
                let set = |map: &mut BTreeMap<String, String>, id: &str, v: String| {
                    map.insert(id.to_string(), v);
                };
                match rest {
                    ["m", id] => set(&mut p.amounts, id, value),
                    ["k", id] => set(&mut p.caps, id, value),
                    ["x", id] => set(&mut p.award_amounts, id, value),
                    ["f", id] => {
                        p.flags.insert(id.to_string(), value == "1");
                    }
                    ["w"] => p.awards = list(&value),
                    ["o"] => p.roles = list(&value),
                    [k] => {
                        if let Some(f) = project_field(p, k) {
                            *f = value;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Some((shared, english))
}

fn list(s: &str) -> Vec<String> {
    s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// Percent-encodes everything but ASCII letters, digits and `-_.~,:` (UTF-8 bytes otherwise).
fn escape(s: &str) -> String {
    percent_encode(s, "-_.~,:")
}

/// As [`escape`], and the dot too: an id is one segment of a dotted key.
fn escape_id(s: &str) -> String {
    percent_encode(s, "-_~")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xiamen() -> Shared {
        let form = Form {
            industry: "3973".into(),
            employees: "120".into(),
            revenue: "1.2亿".into(),
            region: "350203".into(),
            legal: "yes".into(),
            credit: "no".into(),
            as_of: "2025-06-30".into(),
            answers: [("blacklist".to_string(), "no".to_string())].into(),
            ..Form::default()
        };
        let project = ProjectForm {
            level: "3".into(),
            amounts: [("eligible_input_yuan".to_string(), "100".to_string())].into(),
            flags: [("first_use".to_string(), true), ("x".to_string(), false)].into(),
            awards: vec!["xm-11-smart-scene".into(), "xm-4-chain".into()],
            caps: [("3".to_string(), "35".to_string())].into(),
            ..ProjectForm::default()
        };
        Shared { form, projects: [("xiamen-2024".to_string(), project)].into() }
    }

    #[test]
    fn a_link_gives_back_what_was_typed_and_its_language() {
        let s = xiamen();
        for english in [false, true] {
            let q = encode(&s, english);
            assert_eq!(decode(&q), Some((s.clone(), english)), "{q}");
        }
        let q = encode(&s, true);
        assert!(q.starts_with("v=2&i=3973&e=120&r=1.2%E4%BA%BF&g=350203&l=yes&c=no&t=2025-06-30&a.blacklist=no"), "{q}");
        assert!(q.ends_with("&en"), "{q}");
        // The same firm as JSON in the first link format took 592 characters.
        assert!(q.len() < 330, "{} characters: {q}", q.len());
    }

    #[test]
    fn odd_text_survives_and_broken_parts_are_skipped() {
        let mut s = Shared::default();
        s.form.uscc = "a&b=c.d%e 中 ~,:".into();
        s.form.region_unconfirmed = true;
        s.projects.entry("p.x&y".into()).or_default().amounts.insert("a.b".into(), "1=2&3".into());
        let q = encode(&s, false);
        assert_eq!(decode(&q), Some((s, false)));
        assert_eq!(decode("d=%7B%7D"), None);
        let (s, en) = decode("v=2&i=3973&e=%E4&zz=1&p.x.m=5&r&t=%G1&en").unwrap();
        assert_eq!((s.form.industry.as_str(), s.form.employees.as_str(), s.form.as_of.as_str(), en), ("3973", "", "", true));
    }
}
