//! `netlink/route/link/ip6gre.h`: links of kind ip6gre; every getter reports an unset value
//! (see [`super::tunnel`] for the shared behaviour and where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_in6, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Ip6gre];

tunnel_kind_fns!(
    TunnelKind::Ip6gre,
    "ip6gre",
    rtnl_link_ip6gre_alloc,
    rtnl_link_is_ip6gre,
    rtnl_link_ip6gre_add
);
tunnel_fields!(K;
    out rtnl_link_ip6gre_set_link / rtnl_link_ip6gre_get_link: u32 = Link,
    out rtnl_link_ip6gre_set_iflags / rtnl_link_ip6gre_get_iflags: u16 = Iflags,
    out rtnl_link_ip6gre_set_oflags / rtnl_link_ip6gre_get_oflags: u16 = Oflags,
    out rtnl_link_ip6gre_set_ikey / rtnl_link_ip6gre_get_ikey: u32 = Ikey,
    out rtnl_link_ip6gre_set_okey / rtnl_link_ip6gre_get_okey: u32 = Okey,
    out rtnl_link_ip6gre_set_ttl / rtnl_link_ip6gre_get_ttl: u8 = Ttl,
    out rtnl_link_ip6gre_set_encaplimit / rtnl_link_ip6gre_get_encaplimit: u8 = EncapLimit,
    out rtnl_link_ip6gre_set_flowinfo / rtnl_link_ip6gre_get_flowinfo: u32 = Flowinfo,
    out rtnl_link_ip6gre_set_flags / rtnl_link_ip6gre_get_flags: u32 = Flags,
    out rtnl_link_ip6gre_set_fwmark / rtnl_link_ip6gre_get_fwmark: u32 = Fwmark,
);
tunnel_in6!(K, true;
    rtnl_link_ip6gre_set_local, rtnl_link_ip6gre_get_local = Local,
    rtnl_link_ip6gre_set_remote, rtnl_link_ip6gre_get_remote = Remote,
);
