//! `netlink/route/link/ip6tnl.h`: links of kind ip6tnl; its address getters copy zeroes for
//! unset addresses, as libnl (see [`super::tunnel`] for the shared behaviour and where libnl
//! aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_in6, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Ip6tnl];

tunnel_kind_fns!(
    TunnelKind::Ip6tnl,
    "ip6tnl",
    rtnl_link_ip6_tnl_alloc,
    rtnl_link_is_ip6_tnl,
    rtnl_link_ip6_tnl_add
);
tunnel_fields!(K;
    value rtnl_link_ip6_tnl_set_link / rtnl_link_ip6_tnl_get_link: u32 = Link,
    value rtnl_link_ip6_tnl_set_ttl / rtnl_link_ip6_tnl_get_ttl: u8 = Ttl,
    value rtnl_link_ip6_tnl_set_tos / rtnl_link_ip6_tnl_get_tos: u8 = Tos,
    value rtnl_link_ip6_tnl_set_encaplimit / rtnl_link_ip6_tnl_get_encaplimit: u8 = EncapLimit,
    value rtnl_link_ip6_tnl_set_flags / rtnl_link_ip6_tnl_get_flags: u32 = Flags,
    value rtnl_link_ip6_tnl_set_flowinfo / rtnl_link_ip6_tnl_get_flowinfo: u32 = Flowinfo,
    value rtnl_link_ip6_tnl_set_proto / rtnl_link_ip6_tnl_get_proto: u8 = Proto,
    out rtnl_link_ip6_tnl_set_fwmark / rtnl_link_ip6_tnl_get_fwmark: u32 = Fwmark,
);
tunnel_in6!(K, false;
    rtnl_link_ip6_tnl_set_local, rtnl_link_ip6_tnl_get_local = Local,
    rtnl_link_ip6_tnl_set_remote, rtnl_link_ip6_tnl_get_remote = Remote,
);
