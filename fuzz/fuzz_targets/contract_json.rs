//! Fuzz target `contract_json`: see `checks::contract_json` for what it feeds and checks.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::contract_json(data));
