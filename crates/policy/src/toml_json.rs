// TOML → JSON, as rule packs carry rule files (dates as `YYYY-MM-DD` strings). Shared with
// build.rs (included there), so the embedded rules and a built pack are the same JSON.

/// A TOML value as the JSON the pack readers read.
pub fn toml_to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}
