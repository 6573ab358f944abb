//! Unit tests of the tunnel headers' guards (ffi::route::tunnel and the per-kind modules): a
//! module of its own so that the shared code does not import the kinds it serves.

use crate::error::Error;
use crate::ffi::route::ip6gre::*;
use crate::ffi::route::ipgre::*;
use crate::ffi::route::ipip::*;
use crate::ffi::route::link::rtnl_link_put;
use crate::ffi::route::macvlan::rtnl_link_macvlan_alloc;
use crate::ffi::route::sit::*;

/// Where libnl aborts (another kind) or crashes (NULL), a clean error or 0.
#[test]
fn misuse_gives_errors() {
    let inval = Error::Inval.to_nle();
    let opnotsupp = Error::OpNotSupp.to_nle();
    let noattr = Error::NoAttr.to_nle();
    // SAFETY: links this test allocates and releases; NULL where the functions allow it.
    unsafe {
        let mv = rtnl_link_macvlan_alloc();
        let mut v = 7u32;
        assert_eq!(rtnl_link_ipip_set_ttl(mv, 3), opnotsupp);
        assert_eq!(rtnl_link_ipip_get_ttl(mv), 0);
        assert_eq!(rtnl_link_ipip_get_fwmark(mv, &mut v), opnotsupp);
        assert_eq!(rtnl_link_is_ipip(mv), 0);
        assert_eq!(rtnl_link_ipip_set_ttl(std::ptr::null_mut(), 3), inval);
        assert_eq!(rtnl_link_ipip_get_link(std::ptr::null_mut()), 0);
        assert_eq!(rtnl_link_is_ipip(std::ptr::null_mut()), 0);

        let g = rtnl_link_ip6gre_alloc();
        assert_eq!(rtnl_link_ip6gre_get_link(g, &mut v), noattr);
        assert_eq!(v, 7);
        assert_eq!(rtnl_link_ip6gre_get_link(g, std::ptr::null_mut()), inval);
        assert_eq!(rtnl_link_ip6gre_set_local(g, std::ptr::null_mut()), inval);
        assert_eq!(rtnl_link_ip6gre_set_link(g, 9), 0);
        assert_eq!(rtnl_link_ip6gre_get_link(g, &mut v), 0);
        assert_eq!(v, 9);
        // The ipgre accessors serve gretap links, not ip6gre ones.
        assert_eq!(rtnl_link_ipgre_set_ikey(g, 1), opnotsupp);
        let t = rtnl_link_ipgretap_alloc();
        assert_eq!(rtnl_link_ipgre_set_ikey(t, 5), 0);
        assert_eq!(rtnl_link_ipgre_get_ikey(t), 5);
        assert_eq!(rtnl_link_is_ipgre(t), 0);
        assert_eq!(rtnl_link_is_ipgretap(t), 1);

        // sit's relay prefix length reads as set with the relay prefix (libnl 3.7.0).
        let s = rtnl_link_sit_alloc();
        let mut len = 0u16;
        assert_eq!(rtnl_link_sit_set_ip6rd_relay_prefixlen(s, 8), 0);
        assert_eq!(rtnl_link_sit_get_ip6rd_relay_prefixlen(s, &mut len), noattr);
        assert_eq!(rtnl_link_sit_set_ip6rd_relay_prefix(s, 1), 0);
        assert_eq!(rtnl_link_sit_get_ip6rd_relay_prefixlen(s, &mut len), 0);
        assert_eq!(len, 8);
        for l in [mv, g, t, s] {
            rtnl_link_put(l);
        }
    }
}
