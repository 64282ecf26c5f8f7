//! Fuzz target `rules_toml`: see `checks::rules_toml` for what it feeds and checks.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::rules_toml(data));
