//! `netlink/route/link/ppp.h`: links of kind ppp and their file descriptor. Where libnl
//! aborts or crashes (NULL link, a link of another kind) these return `-NLE_INVAL` (NULL) or
//! `-NLE_OPNOTSUPP` (another kind).

use std::ffi::c_int;

use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::ppp::Ppp;
use crate::error::Error;
use crate::ffi::route::kind_access::{self as ka, out};
use crate::ffi::route::link::rtnl_link;
use crate::ffi_entry;

fn pick(d: &mut KindData) -> Option<&mut Ppp> {
    match d {
        KindData::Ppp(v) => Some(v),
        _ => None,
    }
}

/// `rtnl_link_ppp_alloc`: a new link of kind ppp.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ppp_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_ppp_alloc", { ka::alloc(b"ppp") })
}

/// `rtnl_link_ppp_set_fd`: sets the file descriptor of the PPP channel.
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None (the descriptor stays the caller's).
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ppp_set_fd(link: *mut rtnl_link, fd: i32) -> c_int {
    ffi_entry!("rtnl_link_ppp_set_fd", {
        ka::change(link, pick, |d| {
            d.fd = Some(fd);
            0
        })
    })
}

/// `rtnl_link_ppp_get_fd`: the file descriptor.
///
/// # Returns
/// 0 with `*fd` set (nothing written for a NULL `fd`, as libnl); `-NLE_NOATTR` when unset,
/// `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `fd` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_ppp_get_fd(link: *mut rtnl_link, fd: *mut i32) -> c_int {
    ffi_entry!("rtnl_link_ppp_get_fd", {
        ka::read(link, pick, |d| match d.fd {
            Some(v) if !fd.is_null() => out(fd, v),
            Some(_) => 0,
            None => Error::NoAttr.to_nle(),
        })
    })
}
