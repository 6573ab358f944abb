//! `netlink/route/link/vlan.h`: links of kind vlan, their flags and QoS maps. Values as
//! libnl 3.7.0 returns them (getters of unset values give 0, NULL for maps not set). Where
//! libnl aborts or crashes (NULL link, a link of another kind, NULL name), the int functions
//! return `-NLE_INVAL` (NULL) or `-NLE_OPNOTSUPP` (another kind), the map getters NULL,
//! `str2flags` 0.
//!
//! The maps are lent to C as arrays the link keeps (refreshed in place at each call, as
//! libnl's point into the link): unlike libnl's, writes through them do not change the link.

use std::ffi::{c_char, c_int, c_uint};

use crate::engine::route::link::Link;
use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::vlan::{
    self as ev, HAS_EGRESS, HAS_ID, HAS_INGRESS, HAS_PROTOCOL, Vlan,
};
use crate::error::Error;
use crate::ffi::objtype;
use crate::ffi::route::kind_access as ka;
use crate::ffi::route::link::rtnl_link;
use crate::ffi::route::{arg, to_buf};
use crate::ffi::types::nl_object;
use crate::ffi_entry;

/// `struct vlan_map`.
#[repr(C)]
pub struct vlan_map {
    /// `vm_from`.
    pub vm_from: u32,
    /// `vm_to`.
    pub vm_to: u32,
}

/// Keys of the arrays lent to C (above the link's attribute bits).
const KEY_INGRESS: u64 = 1 << 62;
const KEY_EGRESS: u64 = 1 << 61;

fn pick(d: &mut KindData) -> Option<&mut Vlan> {
    match d {
        KindData::Vlan(v) => Some(v),
        _ => None,
    }
}

fn change(l: *mut rtnl_link, f: impl FnOnce(&mut Vlan) -> c_int) -> c_int {
    ka::change(l, pick, f)
}

fn read(l: *mut rtnl_link, f: impl FnOnce(&Vlan) -> c_int) -> c_int {
    ka::read(l, pick, f)
}

/// The link's vlan data, if it is a vlan link.
fn data(l: *mut rtnl_link) -> Option<Vlan> {
    ka::link_read(l, |v: &Link| match &v.data {
        Some(KindData::Vlan(d)) => Some(d.clone()),
        _ => None,
    })
    .flatten()
}

/// `rtnl_link_vlan_alloc`: a new link of kind vlan.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_vlan_alloc", { ka::alloc(b"vlan") })
}

/// `rtnl_link_is_vlan`: whether the link is of kind vlan.
///
/// # Returns
/// 1 or 0 (0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_vlan(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_vlan", { ka::is(link, pick) })
}

/// `rtnl_link_vlan_flags2str`: the names of vlan flags (`reorder_hdr,gvrp,…`).
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_flags2str(
    flags: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_vlan_flags2str", {
        to_buf(buf, len, &ev::flags2str(flags, len))
    })
}

/// `rtnl_link_vlan_str2flags`: the vlan flags named in a comma-separated list.
///
/// # Returns
/// The flags (unknown names ignored; 0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_str2flags(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_vlan_str2flags", {
        arg(name).map_or(0, ev::str2flags)
    })
}

/// `rtnl_link_vlan_set_protocol`: sets the protocol (network order, e.g. `htons(0x88a8)`).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_set_protocol(link: *mut rtnl_link, protocol: u16) -> c_int {
    ffi_entry!("rtnl_link_vlan_set_protocol", {
        change(link, |d| {
            d.protocol = protocol;
            d.mask |= HAS_PROTOCOL;
            0
        })
    })
}

/// `rtnl_link_vlan_get_protocol`: the protocol as set (network order).
///
/// # Returns
/// The protocol, 0 when unset; `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_get_protocol(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_vlan_get_protocol", {
        read(link, |d| c_int::from(d.protocol))
    })
}

/// `rtnl_link_vlan_set_id`: sets the vlan id (not checked, as libnl).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_set_id(link: *mut rtnl_link, id: u16) -> c_int {
    ffi_entry!("rtnl_link_vlan_set_id", {
        change(link, |d| {
            d.id = id;
            d.mask |= HAS_ID;
            0
        })
    })
}

/// `rtnl_link_vlan_get_id`: the vlan id.
///
/// # Returns
/// The id, 0 when unset; `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_get_id(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_vlan_get_id", {
        read(link, |d| c_int::from(d.id))
    })
}

/// `rtnl_link_vlan_set_flags`: sets flags (and remembers them as changed).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_set_flags(link: *mut rtnl_link, flags: c_uint) -> c_int {
    ffi_entry!("rtnl_link_vlan_set_flags", {
        change(link, |d| {
            d.change_flags(flags, true);
            0
        })
    })
}

/// `rtnl_link_vlan_unset_flags`: clears flags (and remembers them as changed).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_unset_flags(link: *mut rtnl_link, flags: c_uint) -> c_int {
    ffi_entry!("rtnl_link_vlan_unset_flags", {
        change(link, |d| {
            d.change_flags(flags, false);
            0
        })
    })
}

/// `rtnl_link_vlan_get_flags`: the flags.
///
/// # Returns
/// The flags, 0 when unset; `-NLE_OPNOTSUPP` for another kind (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_get_flags(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_vlan_get_flags", {
        read(link, |d| d.flags as c_int)
    })
}

/// `rtnl_link_vlan_set_ingress_map`: maps vlan priority `from` (0–7) to socket priority
/// `to`.
///
/// # Returns
/// 0; `-NLE_INVAL` for a priority out of range (or NULL), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_set_ingress_map(
    link: *mut rtnl_link,
    from: c_int,
    to: u32,
) -> c_int {
    ffi_entry!("rtnl_link_vlan_set_ingress_map", {
        change(link, |d| {
            if d.set_ingress(from, to) {
                0
            } else {
                Error::Inval.to_nle()
            }
        })
    })
}

/// `rtnl_link_vlan_get_ingress_map`: the ingress map, 8 socket priorities by vlan priority.
///
/// # Returns
/// The array, NULL when the map is unset (or for NULL / another kind).
/// # Ownership
/// Borrowed from the link (valid while it lives); writes to it do not change the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_get_ingress_map(link: *mut rtnl_link) -> *mut u32 {
    ffi_entry!("rtnl_link_vlan_get_ingress_map", {
        let (Some(d), Some(o)) = (data(link), objtype::cast::<Link>(link.cast::<nl_object>()))
        else {
            return std::ptr::null_mut();
        };
        if d.mask & HAS_INGRESS == 0 {
            return std::ptr::null_mut();
        }
        objtype::lend_words::<Link>(o, KEY_INGRESS, &d.ingress)
    })
}

/// `rtnl_link_vlan_set_egress_map`: appends a mapping of socket priority `from` to vlan
/// priority `to` (0–7).
///
/// # Returns
/// 0; `-NLE_INVAL` for a priority out of range (or NULL), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_set_egress_map(
    link: *mut rtnl_link,
    from: u32,
    to: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_vlan_set_egress_map", {
        change(link, |d| {
            if d.add_egress(from, to) {
                0
            } else {
                Error::Inval.to_nle()
            }
        })
    })
}

/// `rtnl_link_vlan_get_egress_map`: the egress mappings and their number.
///
/// # Returns
/// The array with `*negress` set to its length; NULL with `*negress` 0 when unset, NULL for
/// a NULL `negress` (as libnl), NULL for NULL or another kind.
/// # Ownership
/// Borrowed from the link (valid until the map grows or the link is freed); writes to it do
/// not change the link.
/// # Safety
/// `link` NULL or live; `negress` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vlan_get_egress_map(
    link: *mut rtnl_link,
    negress: *mut c_int,
) -> *mut vlan_map {
    ffi_entry!("rtnl_link_vlan_get_egress_map", {
        let (Some(d), Some(o)) = (data(link), objtype::cast::<Link>(link.cast::<nl_object>()))
        else {
            return std::ptr::null_mut();
        };
        if negress.is_null() {
            return std::ptr::null_mut();
        }
        if d.mask & HAS_EGRESS == 0 {
            ka::out(negress, 0);
            return std::ptr::null_mut();
        }
        ka::out(
            negress,
            c_int::try_from(d.egress.len()).unwrap_or(c_int::MAX),
        );
        let words: Vec<u32> = d.egress.iter().flat_map(|(f, t)| [*f, *t]).collect();
        objtype::lend_words::<Link>(o, KEY_EGRESS, &words).cast::<vlan_map>()
    })
}
