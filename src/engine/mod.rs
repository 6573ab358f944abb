//! The safe engine: netlink wire format, messages, attributes, addresses and data buffers.
//!
//! Nothing in here knows about C pointers; every file but `buf.rs` forbids `unsafe`.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod addr;
pub mod attr;
pub mod buf;
pub mod cache;
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
pub mod registry;
pub mod socket;
pub mod trans;
pub mod units;
pub mod wire;
