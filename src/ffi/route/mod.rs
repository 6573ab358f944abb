//! libnl-route-3 (`netlink/route/*.h`), built with the `route` cargo feature while it grows.
//!
//! Why a feature: Debian's own libnl-route-3 runs on top of libnlrs's core today
//! (`tests/dropin_route.rs`). A library that exported part of libnl-route's symbols would
//! interpose them under Debian's libnl-route (which calls its own exported functions through
//! the PLT) and break that combination, while not yet being able to replace it. With the
//! feature, libnlrs exports the route functions written so far and registers their cache
//! types; without it, it exports none.
//!
//! The object types come from the engine (`engine::route`) through the generic adapter
//! (`ffi::objtype`); this module adds the one generic message parser of route cache types and
//! the few functions with real FFI logic.

pub mod addr;
pub mod af;
pub mod bonding;
pub mod can;
pub mod geneve;
pub mod ip6gre;
pub mod ip6tnl;
pub mod ip6vti;
pub mod ipgre;
pub mod ipip;
pub mod ipvlan;
pub mod ipvti;
pub mod kind_access;
pub mod link;
pub mod macsec;
pub mod macvlan;
pub mod ppp;
pub mod rtnl;
pub mod sit;
pub mod sriov;
pub mod tunnel;
pub mod veth;
pub mod vlan;
pub mod vrf;
pub mod vxlan;
pub mod xfrmi;

#[cfg(test)]
mod kind_access_tests;
#[cfg(test)]
mod tunnel_tests;

use std::ffi::{CStr, c_char, c_int};

use crate::engine::object::ObjectType;
use crate::error::{Error, Result};
use crate::ffi::objtype::{self, FfiObject};
use crate::ffi::ptr;
use crate::ffi::types::{nl_cache_ops, nl_parser_param};

/// An engine object type parsed from one rtnetlink message.
pub trait RouteParse: FfiObject + ObjectType {
    /// The object of a message of type `ty` whose payload (after the netlink header) is
    /// `payload`.
    fn parse_msg(ty: u16, payload: &[u8]) -> Result<Self>;
}

/// The bytes of message `nlh` as far as its length says (`None` for a length shorter than the
/// header).
///
/// # Safety
/// `nlh` is NULL or a netlink message whose `nlmsg_len` bytes are readable.
unsafe fn message<'a>(nlh: *const libc::nlmsghdr) -> Option<&'a [u8]> {
    // SAFETY: caller contract.
    let len = unsafe { ptr::as_ref(nlh) }?.nlmsg_len as usize;
    if len < std::mem::size_of::<libc::nlmsghdr>() {
        return None;
    }
    // SAFETY: caller contract: nlmsg_len bytes are readable.
    Some(unsafe { ptr::slice(nlh.cast::<u8>(), len) })
}

/// The `co_msg_parser` of a route cache type: parses the message into a new object of `T` and
/// hands it to the parser's callback (`pp_cb`), as libnl's parsers do.
///
/// # Safety
/// Called by the core with a live message and parameter block.
pub unsafe extern "C" fn msg_parser<T: RouteParse>(
    _ops: *mut nl_cache_ops,
    _who: *mut libc::sockaddr_nl,
    nlh: *mut libc::nlmsghdr,
    pp: *mut nl_parser_param,
) -> c_int {
    // SAFETY: the core passes the live message it is parsing.
    let Some(bytes) = (unsafe { message(nlh) }) else {
        return Error::MsgTooShort.to_nle();
    };
    let hdr = std::mem::size_of::<libc::nlmsghdr>();
    let ty = u16::from_ne_bytes(crate::engine::attr::read_ne::<2>(
        bytes.get(4..).unwrap_or_default(),
    ));
    let value = match T::parse_msg(ty, bytes.get(hdr..).unwrap_or_default()) {
        Ok(v) => v,
        Err(e) => return e.to_nle(),
    };
    let Some(o) = objtype::new(value) else {
        return Error::NoMem.to_nle();
    };
    o.set_msgtype(c_int::from(ty));
    // SAFETY: pp is the parameter block of the parse that called us.
    let r = match unsafe { ptr::as_ref(pp) }.and_then(|p| p.pp_cb) {
        // SAFETY: the core's callback with its own parameter block.
        Some(cb) => unsafe { cb(o.as_ptr(), pp) },
        None => Error::Inval.to_nle(),
    };
    crate::ffi::object::put(o);
    r
}

/// The body of the `rtnl_*_alloc_cache` functions: a new cache of type `ops` set up by
/// `setup`, filled from the kernel through `sk` when `fill`, handed to C through `result`.
/// `-NLE_INVAL` for a NULL `result`; on a failed fill the cache is freed and the error returned.
fn alloc_cache(
    ops: *mut crate::ffi::types::nl_cache_ops,
    sk: *mut crate::ffi::types::nl_sock,
    fill: bool,
    result: *mut *mut crate::ffi::types::nl_cache,
    setup: impl FnOnce(crate::ffi::objhdr::Cache),
) -> c_int {
    if result.is_null() {
        return Error::Inval.to_nle();
    }
    // SAFETY: the callers pass their static, valid cache types.
    let Some(ops) = (unsafe { crate::ffi::objhdr::CacheOps::from_ptr(ops) }) else {
        return Error::NoMem.to_nle();
    };
    let Some(c) = crate::ffi::cache::alloc(ops) else {
        return Error::NoMem.to_nle();
    };
    setup(c);
    if fill {
        let r = crate::ffi::cache_sync::refill_cache(sk, c);
        if r < 0 {
            crate::ffi::cache::put(Some(c));
            return r;
        }
    }
    // SAFETY: checked non-NULL; caller contract of the exported functions.
    unsafe { result.write(c.as_ptr()) };
    0
}

/// A `*2str` result into the caller's buffer `buf` of `len` bytes (truncated, NUL-terminated).
fn to_buf(buf: *mut c_char, len: usize, text: &[u8]) -> *mut c_char {
    // SAFETY: caller contract of the exported *2str functions: NULL or `len` writable bytes.
    unsafe { ptr::write_cbuf(buf, len, text) }
}

/// A C string argument's bytes, `None` for NULL.
fn arg<'a>(s: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: caller contract of the exported functions: NULL or a C string.
    unsafe { ptr::cstr(s) }.map(CStr::to_bytes)
}

/// A `str2*` result as libnl returns it: the value, the lookup's negative code, or
/// `-NLE_INVAL` for NULL.
fn from_str(name: *const c_char, f: impl FnOnce(&[u8]) -> Result<i32>) -> c_int {
    match arg(name).map(f) {
        Some(Ok(v)) => v,
        Some(Err(e)) => e.to_nle(),
        None => Error::Inval.to_nle(),
    }
}
