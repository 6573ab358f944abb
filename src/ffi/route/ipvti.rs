//! `netlink/route/link/ipvti.h`: links of kind vti (see [`super::tunnel`] for the shared
//! behaviour and where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Vti];

tunnel_kind_fns!(
    TunnelKind::Vti,
    "vti",
    rtnl_link_ipvti_alloc,
    rtnl_link_is_ipvti,
    rtnl_link_ipvti_add
);
tunnel_fields!(K;
    value rtnl_link_ipvti_set_link / rtnl_link_ipvti_get_link: u32 = Link,
    value rtnl_link_ipvti_set_ikey / rtnl_link_ipvti_get_ikey: u32 = Ikey,
    value rtnl_link_ipvti_set_okey / rtnl_link_ipvti_get_okey: u32 = Okey,
    value rtnl_link_ipvti_set_local / rtnl_link_ipvti_get_local: u32 = Local,
    value rtnl_link_ipvti_set_remote / rtnl_link_ipvti_get_remote: u32 = Remote,
    out rtnl_link_ipvti_set_fwmark / rtnl_link_ipvti_get_fwmark: u32 = Fwmark,
);
