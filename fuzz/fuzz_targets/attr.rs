//! Fuzz target `attr`: the body is [`nlrs_fuzz::bodies::attr::run`] (replayed by the main
//! crate's tests/fuzz_replay.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| nlrs_fuzz::bodies::attr::run(data));
