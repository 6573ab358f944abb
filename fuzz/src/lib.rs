//! The bodies of libnlrs's fuzz targets, shared by the cargo-fuzz binaries
//! (`fuzz_targets/*.rs`, which only wrap them in `fuzz_target!`) and by the replay test of
//! the main crate (`tests/fuzz_replay.rs` includes `src/bodies/` by path).

#[path = "bodies/mod.rs"]
pub mod bodies;
