//! Fuzz target `rule_pack`: see `checks::rule_pack` for what it feeds and checks.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::rule_pack(data));
