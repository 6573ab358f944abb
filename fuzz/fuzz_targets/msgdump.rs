//! Fuzz target `msgdump`: the body is [`nlrs_fuzz::bodies::msgdump::run`] (replayed by the main
//! crate's tests/fuzz_replay.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| nlrs_fuzz::bodies::msgdump::run(data));
