//! libnl-route-3's objects in safe Rust: one module per object type, each a plain struct with
//! its attribute table, `parse` from the kernel's message bytes, the request builders and the
//! comparison rules libnl applies. The FFI layer (later) turns them into `nl_object_ops` and
//! `nl_cache_ops` through the generic adapter, as it does for generic netlink families.
//!
//! What is libnl's here (presence bits, printed names, policies, request layouts) was observed
//! from Debian's libnl 3.7.0 from outside, with probe programs that parse crafted messages
//! and print what the library keeps, and that print the requests it builds; the golden-byte
//! tests of each module hold those observations.
#![forbid(unsafe_code)]

pub mod addr;
pub mod link;
pub mod rtnl;
