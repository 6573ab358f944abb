//! `netlink/route/link/vrf.h`: links of kind vrf and their table id. Where libnl aborts or
//! crashes (NULL link, a link of another kind) these return `-NLE_INVAL` (NULL) or
//! `-NLE_OPNOTSUPP` (another kind), and `is` 0.

use std::ffi::c_int;

use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::vrf::Vrf;
use crate::error::Error;
use crate::ffi::route::kind_access::{self as ka, out};
use crate::ffi::route::link::rtnl_link;
use crate::ffi_entry;

fn pick(d: &mut KindData) -> Option<&mut Vrf> {
    match d {
        KindData::Vrf(v) => Some(v),
        _ => None,
    }
}

/// `rtnl_link_vrf_alloc`: a new link of kind vrf.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vrf_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_vrf_alloc", { ka::alloc(b"vrf") })
}

/// `rtnl_link_is_vrf`: whether the link is of kind vrf.
///
/// # Returns
/// 1 or 0 (0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_vrf(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_vrf", { ka::is(link, pick) })
}

/// `rtnl_link_vrf_get_tableid`: the routing table id.
///
/// # Returns
/// 0 with `*id` set; `-NLE_INVAL` for a NULL `id`, `-NLE_AGAIN` when unset,
/// `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `id` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vrf_get_tableid(link: *mut rtnl_link, id: *mut u32) -> c_int {
    ffi_entry!("rtnl_link_vrf_get_tableid", {
        ka::read(link, pick, |d| {
            if id.is_null() {
                return Error::Inval.to_nle();
            }
            match d.table {
                Some(t) => out(id, t),
                None => Error::Again.to_nle(),
            }
        })
    })
}

/// `rtnl_link_vrf_set_tableid`: sets the routing table id.
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vrf_set_tableid(link: *mut rtnl_link, id: u32) -> c_int {
    ffi_entry!("rtnl_link_vrf_set_tableid", {
        ka::change(link, pick, |d| {
            d.table = Some(id);
            0
        })
    })
}
