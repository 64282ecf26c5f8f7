//! Issue 14, item 12: a JSON input that starts with a byte-order mark (Windows Notepad's and
//! Excel's "UTF-8" files) is read like the same text without it, for every command and for the
//! options; a BOM anywhere else is still an error.
#![cfg(feature = "embedded-rules")]

use serde_json::Value;
use shuzhuan_policy::contract::run;

const BOM: &str = "\u{feff}";

fn call(command: &str, input: &str, options: &str) -> Value {
    serde_json::from_str(&run(command, input, options)).unwrap()
}

#[test]
fn every_command_reads_a_json_input_that_starts_with_a_bom() {
    let options = r#"{"today": "2025-06-30", "lang": "en"}"#;
    let inputs = [
        ("check", r#"{"profile": {"industry": "3973", "employees": 120, "revenue_yuan": "85000000", "region": "350203"}}"#),
        ("estimate", r#"{"programme": "xiamen-2024", "project": {"digital_level_after": 3, "eligible_input_yuan": "1000000"}}"#),
        ("assess", r#"{"answers": {"Q1": "A"}}"#),
        ("providers_score", r#"{"applicants": [{"id": "A", "sub_industry": "auto-parts", "scores": [90, 80, 85, 70]}]}"#),
    ];
    for (command, input) in inputs {
        let plain = call(command, input, options);
        assert!(plain.get("errors").is_none(), "{command}: {plain}");
        assert_eq!(call(command, &format!("{BOM}{input}"), options), plain, "{command} with a BOM");
        assert_eq!(call(command, input, &format!("{BOM}{options}")), plain, "{command}, options with a BOM");
    }
    // Only at the start: a BOM inside the text is not JSON whitespace.
    let inside = call("check", &format!("{{{BOM}\"profile\": {{}}}}"), options);
    assert_eq!(inside["errors"][0]["field"], "input", "{inside}");
}
