//! Access to the kind data of a link for the kind headers (vxlan, geneve, vlan, …): run a
//! closure on the data when the link is of the kind, with the codes libnl gives (and clean
//! ones where libnl aborts or crashes: `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link of
//! another kind).

use std::ffi::c_int;

use crate::engine::addr::Addr;
use crate::engine::route::link::Link;
use crate::engine::route::link::kind::KindData;
use crate::error::Error;
use crate::ffi::objtype::{self, Slot};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::types::{nl_addr, nl_object};

/// `-NLE_AGAIN`: what libnl's older kind getters give for an unset value.
pub(crate) fn again() -> c_int {
    Error::Again.to_nle()
}

/// `-NLE_NOATTR`: what libnl's newer kind getters give for an unset value.
pub(crate) fn noattr() -> c_int {
    Error::NoAttr.to_nle()
}

/// A u32 getter with a result pointer: NULL pointer first (`-NLE_INVAL`), then the presence
/// of attribute `t` (`unset()` when absent), then the value `v` gives.
pub(crate) fn get_u32<D: Clone + crate::engine::route::link::kind::Presence>(
    l: *mut rtnl_link,
    pick: Pick<D>,
    t: u16,
    res: *mut u32,
    unset: fn() -> c_int,
    v: fn(&D) -> u32,
) -> c_int {
    read(l, pick, |d| {
        if res.is_null() {
            Error::Inval.to_nle()
        } else if !d.is_set(t) {
            unset()
        } else {
            out(res, v(d))
        }
    })
}

/// Picks a kind's data out of [`KindData`].
pub(crate) type Pick<D> = fn(&mut KindData) -> Option<&mut D>;

/// A new link of `kind` (NULL when memory is short).
pub(crate) fn alloc(kind: &[u8]) -> *mut rtnl_link {
    let mut l = Link::default();
    l.set_kind(Some(kind));
    objtype::new(l).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
}

/// Runs `f` on the link's value (`None` for NULL or a foreign object).
pub(crate) fn link_read<R>(l: *mut rtnl_link, f: impl FnOnce(&Link) -> R) -> Option<R> {
    objtype::read(objtype::cast::<Link>(l.cast::<nl_object>())?, f)
}

/// 1 when the link's data is the kind `pick` selects, else 0 (NULL too).
pub(crate) fn is<D>(l: *mut rtnl_link, pick: Pick<D>) -> c_int {
    link_read(l, |v| {
        let mut d = v.data.clone();
        c_int::from(d.as_mut().and_then(pick).is_some())
    })
    .unwrap_or(0)
}

/// `f` on the kind data: its result, `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind.
pub(crate) fn change<D>(
    l: *mut rtnl_link,
    pick: Pick<D>,
    f: impl FnOnce(&mut D) -> c_int,
) -> c_int {
    let Some(o) = objtype::cast::<Link>(l.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    match objtype::with(o, |s: &mut Slot<Link>| {
        s.value.data.as_mut().and_then(pick).map(f)
    }) {
        Some(Some(r)) => r,
        _ => Error::OpNotSupp.to_nle(),
    }
}

/// `f` on a copy of the kind data, as [`change`] (the data is not changed).
pub(crate) fn read<D: Clone>(
    l: *mut rtnl_link,
    pick: Pick<D>,
    f: impl FnOnce(&D) -> c_int,
) -> c_int {
    let Some(o) = objtype::cast::<Link>(l.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    let d = objtype::read(o, |v: &Link| {
        let mut d = v.data.clone();
        d.as_mut().and_then(pick).cloned()
    });
    match d.flatten() {
        Some(d) => f(&d),
        None => Error::OpNotSupp.to_nle(),
    }
}

/// Writes `v` to `out`: 0, or `-NLE_INVAL` for a NULL `out`.
pub(crate) fn out<T>(out: *mut T, v: T) -> c_int {
    if out.is_null() {
        return Error::Inval.to_nle();
    }
    // SAFETY: caller contract of the exported getters: `out` NULL or writable.
    unsafe { crate::ffi::ptr::write_out(out, v) };
    0
}

/// The value of address `a` (`None` for NULL).
pub(crate) fn addr_arg(a: *mut nl_addr) -> Option<Addr> {
    // SAFETY: caller contract of the exported setters: NULL or a live address.
    unsafe { crate::ffi::handle::addr_block::value(a) }
}

/// A new address block holding `a` for the caller, into `*res`: 0, or `-NLE_NOMEM`.
pub(crate) fn addr_out(res: *mut *mut nl_addr, a: &Addr) -> c_int {
    let p = crate::ffi::handle::addr_block::from_addr(a);
    if p.is_null() {
        return Error::NoMem.to_nle();
    }
    out(res, p)
}
