//! Fuzz target `link`: the body is [`nlrs_fuzz::bodies::link::run`] (replayed by the main
//! crate's tests/fuzz_replay.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| nlrs_fuzz::bodies::link::run(data));
