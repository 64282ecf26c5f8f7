//! Fuzz target `rule_values`: see `checks::rule_values` for what it feeds and checks.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::rule_values(data));
