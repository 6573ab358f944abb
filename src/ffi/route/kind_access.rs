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

/// Where libnl aborts or crashes (not in the C differential tests): the kind functions on
/// NULL, on a link of another kind, with NULL arguments.
#[cfg(test)]
mod tests {
    use crate::ffi::route::{geneve as g, ipvlan as i, ppp as p, vlan as v, vrf as f, vxlan as x};
    use crate::ffi::types::nl_object;
    use std::ptr::null_mut;

    const INVAL: i32 = -7;
    const OPNOTSUPP: i32 = -10;

    fn put(l: *mut super::rtnl_link) {
        crate::ffi::object::put(
            crate::ffi::objtype::cast::<super::Link>(l.cast::<nl_object>()).unwrap(),
        );
    }

    #[test]
    fn guards_instead_of_libnl_aborts() {
        // SAFETY: the functions accept NULL and live links.
        unsafe {
            let vx = x::rtnl_link_vxlan_alloc();
            let vl = v::rtnl_link_vlan_alloc();
            assert_eq!(x::rtnl_link_is_vxlan(null_mut()), 0);
            assert_eq!(x::rtnl_link_is_vxlan(vl), 0);
            assert_eq!(x::rtnl_link_vxlan_set_id(null_mut(), 1), INVAL);
            assert_eq!(x::rtnl_link_vxlan_set_id(vl, 1), OPNOTSUPP);
            assert_eq!(x::rtnl_link_vxlan_get_ttl(vl), OPNOTSUPP);
            assert_eq!(x::rtnl_link_vxlan_set_group(vx, null_mut()), INVAL);
            assert_eq!(x::rtnl_link_vxlan_get_flags(vx, null_mut()), INVAL);
            assert_eq!(g::rtnl_link_geneve_set_ttl(vx, 1), OPNOTSUPP);
            assert_eq!(g::rtnl_link_geneve_set_remote(vx, null_mut()), INVAL);
            assert_eq!(g::rtnl_link_geneve_get_flags(null_mut(), null_mut()), INVAL);
            assert_eq!(v::rtnl_link_vlan_get_id(vx), OPNOTSUPP);
            assert_eq!(v::rtnl_link_vlan_str2flags(std::ptr::null()), 0);
            assert!(v::rtnl_link_vlan_get_ingress_map(vx).is_null());
            assert_eq!(f::rtnl_link_vrf_set_tableid(vx, 1), OPNOTSUPP);
            assert_eq!(i::rtnl_link_ipvlan_set_mode(vx, 1), OPNOTSUPP);
            assert_eq!(i::rtnl_link_ipvlan_str2mode(std::ptr::null()), INVAL);
            assert_eq!(p::rtnl_link_ppp_set_fd(null_mut(), 1), INVAL);
            assert_eq!(p::rtnl_link_ppp_set_fd(vx, 1), OPNOTSUPP);

            // The ingress map keeps its address across calls and shows changes.
            assert!(v::rtnl_link_vlan_get_ingress_map(vl).is_null());
            assert_eq!(v::rtnl_link_vlan_set_ingress_map(vl, 2, 9), 0);
            let a = v::rtnl_link_vlan_get_ingress_map(vl);
            assert_eq!(*a.add(2), 9);
            assert_eq!(v::rtnl_link_vlan_set_ingress_map(vl, 2, 10), 0);
            let b = v::rtnl_link_vlan_get_ingress_map(vl);
            assert_eq!((a, *b.add(2)), (b, 10));
            let mut n = -1;
            assert!(v::rtnl_link_vlan_get_egress_map(vl, &mut n).is_null());
            assert_eq!(n, 0);
            assert_eq!(v::rtnl_link_vlan_set_egress_map(vl, 7, 3), 0);
            let e = v::rtnl_link_vlan_get_egress_map(vl, &mut n);
            assert_eq!((n, (*e).vm_from, (*e).vm_to), (1, 7, 3));
            assert!(v::rtnl_link_vlan_get_egress_map(vl, null_mut()).is_null());
            put(vx);
            put(vl);
        }
    }
}
