//! Unit tests of the kind headers' guards (ffi::route::kind_access and the per-kind modules):
//! a module of its own so that the shared code does not import the kinds it serves: where
//! libnl aborts or crashes (not in the C differential tests), the kind functions on NULL, on a
//! link of another kind, with NULL arguments.

use crate::ffi::route::{geneve as g, ipvlan as i, ppp as p, vlan as v, vrf as f, vxlan as x};
use crate::ffi::types::nl_object;
use std::ptr::null_mut;

const INVAL: i32 = -7;
const OPNOTSUPP: i32 = -10;

fn put(l: *mut crate::ffi::route::link::rtnl_link) {
    crate::ffi::object::put(
        crate::ffi::objtype::cast::<crate::engine::route::link::Link>(l.cast::<nl_object>())
            .unwrap(),
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
