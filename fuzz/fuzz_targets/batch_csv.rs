//! Fuzz target `batch_csv`: see `checks::batch_csv` for what it feeds and checks.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::batch_csv(data));
