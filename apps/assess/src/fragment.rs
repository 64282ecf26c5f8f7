//! The page's location: `assess.html#/<view>?Q1=BC&Q2=C&S1=2&en`. The answers live in memory
//! and in the URL fragment, so a reload, the Back button or a copied link restores them within
//! the session; a fragment is never sent to a server, and nothing is stored on the device. On a
//! kiosk the fragment holds the view only (`Ctx::fragment`): the next visitor must not find the
//! answers in the history.

use shuzhuan_policy::assess::{questionnaire, Answers};

/// How many questionnaire steps there are: the three dimensions' questions, then the scenarios.
pub const STEPS: u8 = 4;

/// Which part of the page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// A questionnaire step: 1–3 the questions of one dimension (维度), 4 the scenarios.
    Step(u8),
    Result,
}

impl View {
    /// `/2` → step 2, `/result` → the result; anything else is step 1.
    pub fn parse(path: &str) -> View {
        match path.trim_matches('/') {
            "result" => View::Result,
            s => View::Step(s.parse().ok().filter(|n| (1..=STEPS).contains(n)).unwrap_or(1)),
        }
    }

    pub fn path(self) -> String {
        match self {
            View::Step(n) => format!("/{n}"),
            View::Result => "/result".into(),
        }
    }
}

/// Reads a fragment (`#/2?Q1=BC&S3=2&en`): the view, the answers, and whether the page is in
/// English. A question's value is its option letters; a scenario's, its level 0–4. Anything
/// the questionnaire would refuse (an unknown id or option, "无" with another option, several
/// options on a single-choice question, a level above 4) is left out, so an edited link never
/// breaks the page.
pub fn parse(hash: &str) -> (View, Answers, bool) {
    let h = hash.trim_start_matches('#');
    let (path, query) = h.split_once('?').unwrap_or((h, ""));
    let mut answers = Answers::default();
    let mut en = false;
    for pair in query.split('&') {
        match pair.split_once('=') {
            None => en |= pair == "en",
            Some((k, v)) if k.starts_with(['S', 's']) => {
                if let Ok(level) = v.parse::<u8>() {
                    let _ = answers.rate(k, level);
                }
            }
            Some((k, v)) => {
                let labels: Vec<String> = v.chars().map(String::from).collect();
                let _ = answers.choose(k, &labels);
            }
        }
    }
    (View::parse(path), answers, en)
}

/// The fragment for a view, the answers (in the questionnaire's order) and the language.
pub fn write(view: View, a: &Answers, en: bool) -> String {
    let q = questionnaire();
    let mut parts: Vec<String> =
        q.questions().filter(|x| a.answered(&x.id)).map(|x| format!("{}={}", x.id, a.chosen(&x.id).concat())).collect();
    parts.extend(q.scenarios.iter().filter_map(|s| a.rating(&s.id).map(|r| format!("{}={r}", s.id))));
    if en {
        parts.push("en".into());
    }
    if parts.is_empty() {
        format!("#{}", view.path())
    } else {
        format!("#{}?{}", view.path(), parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fragment writes option letters side by side, so every label must be one letter.
    #[test]
    fn every_option_label_is_one_letter() {
        for q in questionnaire().questions() {
            for o in &q.options {
                assert!(o.label.len() == 1 && o.label.chars().all(|c| c.is_ascii_uppercase()), "{} {}", q.id, o.label);
            }
        }
    }

    #[test]
    fn answers_round_trip() {
        let mut a = Answers::default();
        a.choose("Q1", &["B", "C"]).unwrap();
        a.choose("Q2", &["C"]).unwrap();
        a.choose("Q7", &["A"]).unwrap();
        a.rate("S1", 2).unwrap();
        a.rate("S9", 0).unwrap();
        let hash = write(View::Result, &a, true);
        assert_eq!(hash, "#/result?Q1=BC&Q2=C&Q7=A&S1=2&S9=0&en");
        assert_eq!(parse(&hash), (View::Result, a.clone(), true));
        assert_eq!(parse(&write(View::Step(3), &a, false)), (View::Step(3), a, false));
        assert_eq!(write(View::Step(1), &Answers::default(), false), "#/1");
    }

    #[test]
    fn bad_parts_are_left_out_and_views_default_to_step_one() {
        let (view, a, en) = parse("#/9?Q1=AB&Q2=BC&Q3=C&Q99=A&S1=5&S2=x&S3=4&S77=1&zz&lang=en");
        assert_eq!(view, View::Step(1));
        assert!(!en);
        assert!(!a.answered("Q1") && !a.answered("Q2") && !a.answered("Q99"));
        assert_eq!(a.chosen("Q3"), ["C"]);
        assert_eq!((a.rating("S1"), a.rating("S2"), a.rating("S3")), (None, None, Some(4)));
        assert_eq!(a.progress(), (1, 1));
        assert_eq!(parse("").0, View::Step(1));
        assert_eq!(parse("#/4").0, View::Step(4));
        assert_eq!(parse("#/result").0, View::Result);
    }
}
