//! `netlink/route/link/xfrmi.h`: links of kind xfrm (XFRM interfaces); libnl has no add
//! function for them (see [`super::tunnel`] for the shared behaviour and where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Xfrmi];

tunnel_kind_fns!(
    TunnelKind::Xfrmi,
    "xfrm",
    rtnl_link_xfrmi_alloc,
    rtnl_link_is_xfrmi
);
tunnel_fields!(K;
    out rtnl_link_xfrmi_set_link / rtnl_link_xfrmi_get_link: u32 = Link,
    out rtnl_link_xfrmi_set_if_id / rtnl_link_xfrmi_get_if_id: u32 = IfId,
);
