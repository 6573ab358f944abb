//! libnlrs: the libnl-3 C API and ABI, implemented in Rust.
//!
//! The crate has two halves:
//!
//! * [`engine`]: safe Rust — messages, attributes, addresses, data buffers, and (later) sockets,
//!   the receive loop, callbacks, objects and caches. It knows nothing about C pointers.
//! * [`ffi`]: the thin `extern "C"` surface with libnl's exact names and signatures. It only
//!   checks and converts pointers, calls the engine and maps errors to negative `NLE_*` codes.
//!
//! [`error`] holds the engine error type and the errno/NLE tables, [`debug`] the `NLDBG`/`NLCB`
//! handling and the `nl_debug` global, [`sys`] every raw system call.

pub mod debug;
pub mod engine;
pub mod error;
pub mod ffi;
pub mod sys;
