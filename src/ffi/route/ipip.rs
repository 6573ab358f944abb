//! `netlink/route/link/ipip.h`: links of kind ipip (see [`super::tunnel`] for the shared
//! behaviour and where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Ipip];

tunnel_kind_fns!(
    TunnelKind::Ipip,
    "ipip",
    rtnl_link_ipip_alloc,
    rtnl_link_is_ipip,
    rtnl_link_ipip_add
);
tunnel_fields!(K;
    value rtnl_link_ipip_set_link / rtnl_link_ipip_get_link: u32 = Link,
    value rtnl_link_ipip_set_local / rtnl_link_ipip_get_local: u32 = Local,
    value rtnl_link_ipip_set_remote / rtnl_link_ipip_get_remote: u32 = Remote,
    value rtnl_link_ipip_set_ttl / rtnl_link_ipip_get_ttl: u8 = Ttl,
    value rtnl_link_ipip_set_tos / rtnl_link_ipip_get_tos: u8 = Tos,
    value rtnl_link_ipip_set_pmtudisc / rtnl_link_ipip_get_pmtudisc: u8 = Pmtudisc,
    out rtnl_link_ipip_set_fwmark / rtnl_link_ipip_get_fwmark: u32 = Fwmark,
);
