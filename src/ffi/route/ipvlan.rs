//! `netlink/route/link/ipvlan.h`: links of kind ipvlan and their mode. Where libnl aborts or
//! crashes (NULL link, a link of another kind, a NULL result for a set mode, a NULL name)
//! these return `-NLE_INVAL` (NULL) or `-NLE_OPNOTSUPP` (another kind), and `is` 0.

use std::ffi::{c_char, c_int};

use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::ipvlan::{self as ei, Ipvlan};
use crate::error::Error;
use crate::ffi::route::kind_access::{self as ka, out};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::route::{from_str, to_buf};
use crate::ffi_entry;

fn pick(d: &mut KindData) -> Option<&mut Ipvlan> {
    match d {
        KindData::Ipvlan(v) => Some(v),
        _ => None,
    }
}

/// `rtnl_link_ipvlan_alloc`: a new link of kind ipvlan.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ipvlan_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_ipvlan_alloc", { ka::alloc(b"ipvlan") })
}

/// `rtnl_link_is_ipvlan`: whether the link is of kind ipvlan.
///
/// # Returns
/// 1 or 0 (0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_ipvlan(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_ipvlan", { ka::is(link, pick) })
}

/// `rtnl_link_ipvlan_mode2str`: the name of an ipvlan mode (`l2`, `l3`, else `0x..`).
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ipvlan_mode2str(
    mode: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_ipvlan_mode2str", {
        to_buf(buf, len, &ei::mode2str(mode))
    })
}

/// `rtnl_link_ipvlan_str2mode`: the value of an ipvlan mode name (or a number).
///
/// # Returns
/// The mode; `-NLE_OBJ_NOTFOUND` for an unknown name, `-NLE_INVAL` for an empty or NULL
/// one (libnl crashes on NULL).
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ipvlan_str2mode(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_ipvlan_str2mode", {
        from_str(name, ei::str2mode)
    })
}

/// `rtnl_link_ipvlan_set_mode`: sets the mode (not checked, as libnl).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ipvlan_set_mode(link: *mut rtnl_link, mode: u16) -> c_int {
    ffi_entry!("rtnl_link_ipvlan_set_mode", {
        ka::change(link, pick, |d| {
            d.mode = Some(mode);
            0
        })
    })
}

/// `rtnl_link_ipvlan_get_mode`: the mode.
///
/// # Returns
/// 0 with `*out_mode` set; `-NLE_INVAL` when unset or for a NULL `out_mode` (libnl crashes
/// on NULL when the mode is set), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `out_mode` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ipvlan_get_mode(
    link: *mut rtnl_link,
    out_mode: *mut u16,
) -> c_int {
    ffi_entry!("rtnl_link_ipvlan_get_mode", {
        ka::read(link, pick, |d| match d.mode {
            Some(m) => out(out_mode, m),
            None => Error::Inval.to_nle(),
        })
    })
}
