//! libnl-only constants and the `#[repr(C)]` public structs, laid out exactly as libnl 3.7.0's
//! (sizes and offsets are checked against Debian's headers by `tests/abi.rs`).
//!
//! Opaque handle types (`nl_msg` …) are declared here too, with the engine type behind them.
#![allow(non_upper_case_globals)]

use std::ffi::{c_char, c_int, c_void};

use crate::engine::data::Data;
use crate::engine::msg::Message;
use crate::ffi::handle::Handle;

// ---- NLE_* (netlink/errno.h); functions return them negated ----
/// Success.
pub const NLE_SUCCESS: c_int = 0;
/// Unspecific failure.
pub const NLE_FAILURE: c_int = 1;
/// Invalid input data or parameter.
pub const NLE_INVAL: c_int = 7;
/// Out of memory / no room in a message.
pub const NLE_NOMEM: c_int = 5;
/// Input data out of range.
pub const NLE_RANGE: c_int = 8;
/// Attribute not available.
pub const NLE_NOATTR: c_int = 13;
/// Highest NLE code of libnl 3.7.0.
pub const NLE_MAX: c_int = 34;

// ---- netlink/msg.h ----
/// Let the socket fill in the local port.
pub const NL_AUTO_PORT: u32 = 0;
/// Let the socket fill in the sequence number.
pub const NL_AUTO_SEQ: u32 = 0;

// ---- attribute policy types (netlink/attr.h, enum) ----
/// Unspecified type: only `minlen` is checked (or nothing).
pub const NLA_UNSPEC: u16 = 0;
/// Highest valid policy type (`NLA_TYPE_MAX`).
pub const NLA_TYPE_MAX: u16 = 15;

/// `struct nla_policy` (6 bytes, 2-byte aligned).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct nla_policy {
    /// One of the `NLA_*` types.
    pub type_: u16,
    /// Minimal payload length.
    pub minlen: u16,
    /// Maximal payload length (0: no limit).
    pub maxlen: u16,
}

/// `struct nl_dump_params` (80 bytes): where and how objects are dumped.
#[repr(C)]
pub struct nl_dump_params {
    /// Dump type (`enum nl_dump_type`).
    pub dp_type: c_int,
    /// Number of spaces to indent each line.
    pub dp_prefix: c_int,
    /// Print line numbers.
    pub dp_print_index: c_int,
    /// Print message types.
    pub dp_dump_msgtype: c_int,
    /// Callback receiving each line instead of a file.
    pub dp_cb: Option<unsafe extern "C" fn(*mut nl_dump_params, *mut c_char)>,
    /// Callback called at each new line.
    pub dp_nl_cb: Option<unsafe extern "C" fn(*mut nl_dump_params, c_int)>,
    /// User data.
    pub dp_data: *mut c_void,
    /// Output `FILE *`.
    pub dp_fd: *mut c_void,
    /// Output buffer instead of a file.
    pub dp_buf: *mut c_char,
    /// Size of `dp_buf`.
    pub dp_buflen: usize,
    /// Internal: something was printed already.
    pub dp_pre_dump: c_int,
    /// Internal: per-dump state.
    pub dp_ivar: c_int,
    /// Internal: current line number.
    pub dp_line: c_uint_,
}

/// `unsigned int`, spelled so cbindgen and readers see the C type.
pub type c_uint_ = std::ffi::c_uint;

/// `struct nl_msg`: a netlink message being built or received (opaque to C).
#[repr(C)]
pub struct nl_msg(Handle<Message>);
crate::opaque_handle!(nl_msg, Message);

/// `struct nl_data`: an abstract data buffer (opaque to C).
#[repr(C)]
pub struct nl_data(Handle<Data>);
crate::opaque_handle!(nl_data, Data);

/// `struct nl_addr`, laid out exactly as libnl 3.7's (20-byte header, then `a_maxsize` address
/// bytes), because Debian's libnl-nf-3 reads `a_family` straight from memory. Allocated and
/// freed only by `ffi/addr.rs`.
#[repr(C)]
pub struct nl_addr {
    /// Address family (`AF_*`).
    pub a_family: c_int,
    /// Room for address bytes after the header.
    pub a_maxsize: std::ffi::c_uint,
    /// Address length in bytes.
    pub a_len: std::ffi::c_uint,
    /// Prefix length.
    pub a_prefixlen: c_int,
    /// Reference count.
    pub a_refcnt: c_int,
    /// The address bytes (flexible array member).
    pub a_addr: [u8; 0],
}

/// `struct nl_object`: libnl's generic cache object. Only passed through by pointer so far
/// (`nl_msg_parse`'s callback); the object/cache issue gives it its C layout.
#[repr(C)]
pub struct nl_object {
    _private: [u8; 0],
}

/// `struct nl_cache_ops`: a cache type (opaque until the cache issue gives it its layout).
#[repr(C)]
pub struct nl_cache_ops {
    _private: [u8; 0],
}

/// `struct nl_parser_param` (16 bytes): the callback a message parser hands each object to.
#[repr(C)]
pub struct nl_parser_param {
    /// Receives each parsed object.
    pub pp_cb: Option<unsafe extern "C" fn(*mut nl_object, *mut nl_parser_param) -> c_int>,
    /// Argument for `pp_cb`'s owner.
    pub pp_arg: *mut c_void,
}
