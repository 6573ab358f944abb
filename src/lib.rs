//! libnlrs: the libnl-3 C API and ABI, implemented in Rust.
//!
//! The crate has two halves:
//!
//! * [`engine`]: safe Rust — messages, attributes, addresses, data buffers, the socket
//!   (connect, send, receive, sequence bookkeeping, behind a system-call trait), the receive
//!   loop, default printers, the object model ([`engine::object`]: object types, attribute
//!   tables, libnl's compare rules), the cache algorithms, the cache manager and generic
//!   netlink. It knows nothing about C pointers.
//! * [`ffi`]: the thin `extern "C"` surface with libnl's exact names and signatures. It checks
//!   and converts pointers, reads and writes the C layouts other libraries share with us,
//!   calls C function pointers, calls the engine and maps errors to negative `NLE_*` codes.
//!   [`ffi::objtype`] turns any engine object type into libnl's `nl_object_ops`;
//!   [`ffi::init`] is the top: the load-time constructor and the list of built-in types.
//!
//! Layers, lowest first: [`error`] and [`debug`] (the `NLDBG`/`NLCB` handling), [`engine`],
//! [`sys`] (every raw system call; it implements the engine's system-call trait), [`ffi`]. No
//! file imports a file that imports it back (`tests/layers.rs`).

pub mod debug;
pub mod engine;
pub mod error;
pub mod ffi;
pub mod sys;
