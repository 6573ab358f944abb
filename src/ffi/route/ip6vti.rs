//! `netlink/route/link/ip6vti.h`: links of kind vti6; every getter reports an unset value
//! (see [`super::tunnel`] for the shared behaviour and where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_in6, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Vti6];

tunnel_kind_fns!(
    TunnelKind::Vti6,
    "vti6",
    rtnl_link_ip6vti_alloc,
    rtnl_link_is_ip6vti,
    rtnl_link_ip6vti_add
);
tunnel_fields!(K;
    out rtnl_link_ip6vti_set_link / rtnl_link_ip6vti_get_link: u32 = Link,
    out rtnl_link_ip6vti_set_ikey / rtnl_link_ip6vti_get_ikey: u32 = Ikey,
    out rtnl_link_ip6vti_set_okey / rtnl_link_ip6vti_get_okey: u32 = Okey,
    out rtnl_link_ip6vti_set_fwmark / rtnl_link_ip6vti_get_fwmark: u32 = Fwmark,
);
tunnel_in6!(K, true;
    rtnl_link_ip6vti_set_local, rtnl_link_ip6vti_get_local = Local,
    rtnl_link_ip6vti_set_remote, rtnl_link_ip6vti_get_remote = Remote,
);
