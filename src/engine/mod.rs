//! The safe engine: the netlink wire format, messages, attributes, addresses and data buffers,
//! the socket and the receive loop, the object model, caches and the cache manager, generic
//! netlink.
//!
//! Nothing in here knows about C pointers: where libnl's C memory or the system is involved
//! (object blocks, caches, sockets), the engine works through traits the FFI layer or
//! `crate::sys` implements ([`object::ObjRef`], [`cache::Model`], [`socket::Sys`], …), and
//! the unit tests implement them with mocks. Every file but `buf.rs` forbids `unsafe`.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod addr;
pub mod attr;
pub mod buf;
pub mod cache;
pub mod callbacks;
pub mod cnum;
pub mod data;
pub mod dump;
pub mod dumpparams;
pub mod genl;
pub mod hashtable;
pub mod msg;
pub mod object;
pub mod policy;
pub mod printers;
pub mod recv;
pub mod refcount;
pub mod registry;
pub mod route;
pub mod socket;
pub mod trans;
pub mod units;
pub mod wire;
