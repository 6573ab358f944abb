//! `netlink/route/link/ipgre.h`: links of kind gre and gretap; the `rtnl_link_ipgre_*`
//! accessors serve both, as in libnl (see [`super::tunnel`] for the shared behaviour and
//! where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Gre, TunnelKind::Gretap];

tunnel_kind_fns!(
    TunnelKind::Gre,
    "gre",
    rtnl_link_ipgre_alloc,
    rtnl_link_is_ipgre,
    rtnl_link_ipgre_add
);
tunnel_kind_fns!(
    TunnelKind::Gretap,
    "gretap",
    rtnl_link_ipgretap_alloc,
    rtnl_link_is_ipgretap,
    rtnl_link_ipgretap_add
);
tunnel_fields!(K;
    value rtnl_link_ipgre_set_link / rtnl_link_ipgre_get_link: u32 = Link,
    value rtnl_link_ipgre_set_iflags / rtnl_link_ipgre_get_iflags: u16 = Iflags,
    value rtnl_link_ipgre_set_oflags / rtnl_link_ipgre_get_oflags: u16 = Oflags,
    value rtnl_link_ipgre_set_ikey / rtnl_link_ipgre_get_ikey: u32 = Ikey,
    value rtnl_link_ipgre_set_okey / rtnl_link_ipgre_get_okey: u32 = Okey,
    value rtnl_link_ipgre_set_local / rtnl_link_ipgre_get_local: u32 = Local,
    value rtnl_link_ipgre_set_remote / rtnl_link_ipgre_get_remote: u32 = Remote,
    value rtnl_link_ipgre_set_ttl / rtnl_link_ipgre_get_ttl: u8 = Ttl,
    value rtnl_link_ipgre_set_tos / rtnl_link_ipgre_get_tos: u8 = Tos,
    value rtnl_link_ipgre_set_pmtudisc / rtnl_link_ipgre_get_pmtudisc: u8 = Pmtudisc,
    out rtnl_link_ipgre_set_fwmark / rtnl_link_ipgre_get_fwmark: u32 = Fwmark,
);
