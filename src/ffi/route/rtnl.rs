//! `netlink/route/rtnl.h`: route scope and type names, realms, and the generic rtnetlink
//! request `nl_rtgen_request`.

use std::ffi::{c_char, c_int};

use super::{from_str, to_buf};
use crate::engine::route::rtnl as er;
use crate::error::Error;
use crate::ffi::socket::sk_ref;
use crate::ffi::types::nl_sock;
use crate::ffi_entry;

/// `rtnl_scope2str`: the name of a route scope.
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_scope2str(
    scope: c_int,
    buf: *mut c_char,
    size: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_scope2str", {
        to_buf(buf, size, &er::scope2str(scope))
    })
}

/// `rtnl_str2scope`: the value of a route scope name (or number).
///
/// # Returns
/// The scope, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_str2scope(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_str2scope", { from_str(name, er::str2scope) })
}

/// `nl_rtntype2str`: the name of a route type.
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_rtntype2str(ty: c_int, buf: *mut c_char, size: usize) -> *mut c_char {
    ffi_entry!("nl_rtntype2str", {
        to_buf(buf, size, &er::rtntype2str(ty))
    })
}

/// `nl_str2rtntype`: the value of a route type name (or number).
///
/// # Returns
/// The type, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2rtntype(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2rtntype", { from_str(name, er::str2rtntype) })
}

/// `rtnl_realms2str`: `from/to` of a realms value.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_realms2str(realms: u32, buf: *mut c_char, len: usize) -> *mut c_char {
    ffi_entry!("rtnl_realms2str", {
        to_buf(buf, len, &er::realms2str(realms))
    })
}

/// `nl_rtgen_request`: sends an rtnetlink request of type `ty` carrying a
/// `struct rtgenmsg` of `family`, with `flags`.
///
/// # Returns
/// 0 once sent (libnl-compat: not the byte count `nl_send_simple` gives), or a negative
/// `NLE_*` code (`-NLE_BAD_SOCK` for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_rtgen_request(
    sk: *mut nl_sock,
    ty: c_int,
    family: c_int,
    flags: c_int,
) -> c_int {
    ffi_entry!("nl_rtgen_request", {
        // SAFETY: caller contract.
        let Some(s) = (unsafe { sk_ref(sk) }) else {
            return Error::BadSock.to_nle();
        };
        s.send_simple(ty as u16, flags as u16, &[family as u8])
            .min(0)
    })
}
