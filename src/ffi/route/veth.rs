//! `netlink/route/link/veth.h`: veth pairs. The peer is an object of its own, held by the link
//! and lent to C by `rtnl_link_veth_get_peer` (changes C makes to it go into the link's
//! requests, as in libnl). Not libnl: the peer's own peer is not the link (libnl links the two
//! objects both ways, a reference cycle `rtnl_link_veth_release` breaks); here
//! `rtnl_link_veth_get_peer` of a peer gives NULL.

use std::ffi::{c_char, c_int};

use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::{self as el, Link};
use crate::error::Error;
use crate::ffi::objtype;
use crate::ffi::ptr;
use crate::ffi::route::link::{rtnl_link, rtnl_link_add, rtnl_link_put};
use crate::ffi::types::{nl_object, nl_sock};
use crate::ffi_entry;

/// `rtnl_link_veth_alloc`: a new link of kind veth, with its peer.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put` or `rtnl_link_veth_release`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_veth_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_veth_alloc", {
        let mut l = Link::default();
        l.set_kind(Some(b"veth"));
        objtype::new(l).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
    })
}

/// `rtnl_link_is_veth`: whether the link is of kind veth.
///
/// # Returns
/// 1 or 0 (0 for NULL or a foreign object).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_veth(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_veth", {
        objtype::cast::<Link>(link.cast::<nl_object>())
            .and_then(|o| {
                objtype::read(o, |l: &Link| {
                    c_int::from(l.mask & el::ATTR_LINKINFO != 0 && l.kind == b"veth")
                })
            })
            .unwrap_or(0)
    })
}

/// `rtnl_link_veth_get_peer`: the peer of a veth link (the same object each time).
///
/// # Returns
/// The peer, or NULL for a link that is not a veth link (libnl aborts) or a peer.
/// # Ownership
/// A new reference for the caller (`rtnl_link_put`); the link keeps its own.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_veth_get_peer(link: *mut rtnl_link) -> *mut rtnl_link {
    ffi_entry!("rtnl_link_veth_get_peer", {
        let Some(o) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
            return std::ptr::null_mut();
        };
        match objtype::lend_obj::<Link, Link>(o, el::ATTR_LINKINFO, |l| match &l.data {
            Some(KindData::Veth(v)) => Some((*v.peer).clone()),
            _ => None,
        }) {
            Some(p) => {
                crate::ffi::object::get(p);
                p.as_ptr().cast()
            }
            None => std::ptr::null_mut(),
        }
    })
}

/// `rtnl_link_veth_release`: releases a veth link (and with it the link's hold on its peer).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Releases the caller's reference to `link`.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_veth_release(link: *mut rtnl_link) {
    // SAFETY: same contract.
    unsafe { rtnl_link_put(link) }
}

/// `rtnl_link_veth_add`: creates the veth pair `name` / `peer_name`, the peer in the network
/// namespace of process `pid` (libnl-compat: sent even when 0, which the kernel refuses with
/// `-NLE_OBJ_NOTFOUND`, as with libnl).
///
/// # Returns
/// 0, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live; `name`, `peer_name` NULL or C strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_veth_add(
    sk: *mut nl_sock,
    name: *const c_char,
    peer_name: *const c_char,
    pid: libc::pid_t,
) -> c_int {
    ffi_entry!("rtnl_link_veth_add", {
        let mut l = Link::default();
        l.set_kind(Some(b"veth"));
        // SAFETY: caller contract.
        if let Some(n) = unsafe { ptr::cstr(name) } {
            l.set_name(n.to_bytes());
        }
        if let Some(KindData::Veth(v)) = &mut l.data {
            // SAFETY: caller contract.
            if let Some(n) = unsafe { ptr::cstr(peer_name) } {
                v.peer.set_name(n.to_bytes());
            }
            v.peer.ns_pid = pid;
            v.peer.mask |= el::ATTR_NS_PID;
        }
        let Some(o) = objtype::new(l) else {
            return Error::NoMem.to_nle();
        };
        // SAFETY: o is our live link; sk per caller contract.
        let r = unsafe {
            rtnl_link_add(
                sk,
                o.as_ptr().cast(),
                (libc::NLM_F_CREATE | libc::NLM_F_EXCL) as c_int,
            )
        };
        crate::ffi::object::put(o);
        r
    })
}
