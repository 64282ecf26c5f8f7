//! Evaluating what is valid: a form with one bad field still answers with the rest. The app, the
//! widgets (through the package's `lenient` option) and the contract all call this one rule, which
//! each shell once wrote for itself (and the three did not agree on a list such as `awards`).
//!
//! The rule: evaluate the input; when fields are refused, leave each out (by the path its error
//! names) and evaluate once more. Every error of both passes is kept, the first pass's first; the
//! result is what the rest gives, or nothing when even the rest is refused.

use crate::error::{FieldError, InputErrors};
use serde::Serialize;
use serde_json::Value;

/// A report made from what was valid, with every field left out and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lenient<R> {
    /// `None` when not even the rest could be evaluated.
    pub report: Option<R>,
    pub errors: Vec<FieldError>,
}

/// Deletes the value at a contract path: `profile.employees`, `project.caps_yuan.3` (one level's
/// cap), `profile.answers.q` (one answer); an indexed element (`project.awards[1]`) takes its whole
/// list, whose meaning depends on every element. A path that names nothing leaves `v` as it is.
///
/// ```
/// use shuzhuan_policy::lenient::leave_out;
/// let mut v = serde_json::json!({"profile": {"employees": "x", "industry": "3973"},
///     "project": {"caps_yuan": {"2": "1万", "3": "?"}, "awards": ["a", "b"]}});
/// leave_out(&mut v, "profile.employees");
/// leave_out(&mut v, "project.caps_yuan.3");
/// leave_out(&mut v, "project.awards[1]");
/// leave_out(&mut v, "no.such.path");
/// assert_eq!(v, serde_json::json!({"profile": {"industry": "3973"}, "project": {"caps_yuan": {"2": "1万"}}}));
/// ```
pub fn leave_out(v: &mut Value, path: &str) {
    let path = match path.find('[') {
        Some(i) => &path[..i],
        None => path,
    };
    let mut keys: Vec<&str> = path.split('.').collect();
    let Some(last) = keys.pop() else { return };
    let mut at = v;
    for k in keys {
        match at.get_mut(k) {
            Some(next) => at = next,
            None => return,
        }
    }
    if let Value::Object(m) = at {
        m.remove(last);
    }
}

/// Runs `evaluate` on `input`; when it refuses fields, leaves them out and runs it once more.
///
/// ```
/// use shuzhuan_policy::lenient::leniently;
/// use shuzhuan_policy::input::check_input_from_value;
/// let v = serde_json::json!({"profile": {"employees": -5, "industry": "3973"}});
/// let (input, errors) = leniently(&v, check_input_from_value);
/// assert_eq!(errors[0].field, "profile.employees");
/// let input = input.unwrap();
/// assert_eq!((input.profile.employees, input.profile.industry.as_deref()), (None, Some("3973")));
/// ```
pub fn leniently<T>(input: &Value, mut evaluate: impl FnMut(&Value) -> Result<T, InputErrors>) -> (Option<T>, Vec<FieldError>) {
    let first = match evaluate(input) {
        Ok(r) => return (Some(r), vec![]),
        Err(e) => e.errors,
    };
    let mut rest = input.clone();
    for e in &first {
        leave_out(&mut rest, &e.field);
    }
    match evaluate(&rest) {
        Ok(r) => (Some(r), first),
        Err(again) => {
            let mut errors = first;
            let more: Vec<FieldError> = again.errors.into_iter().filter(|x| !errors.iter().any(|y| y.field == x.field)).collect();
            errors.extend(more);
            (None, errors)
        }
    }
}
