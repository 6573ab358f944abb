//! `netlink/route/link/sit.h`: links of kind sit, with the 6rd prefixes (see
//! [`super::tunnel`] for the shared behaviour and where libnl aborts).

use crate::engine::route::link::kind::tunnel::TunnelKind;
use crate::ffi::route::tunnel::{tunnel_fields, tunnel_in6, tunnel_kind_fns};

const K: &[TunnelKind] = &[TunnelKind::Sit];

tunnel_kind_fns!(
    TunnelKind::Sit,
    "sit",
    rtnl_link_sit_alloc,
    rtnl_link_is_sit,
    rtnl_link_sit_add
);
tunnel_fields!(K;
    value rtnl_link_sit_set_link / rtnl_link_sit_get_link: u32 = Link,
    value rtnl_link_sit_set_local / rtnl_link_sit_get_local: u32 = Local,
    value rtnl_link_sit_set_remote / rtnl_link_sit_get_remote: u32 = Remote,
    value rtnl_link_sit_set_ttl / rtnl_link_sit_get_ttl: u8 = Ttl,
    value rtnl_link_sit_set_tos / rtnl_link_sit_get_tos: u8 = Tos,
    value rtnl_link_sit_set_pmtudisc / rtnl_link_sit_get_pmtudisc: u8 = Pmtudisc,
    value rtnl_link_sit_set_flags / rtnl_link_sit_get_flags: u16 = Flags,
    value rtnl_link_sit_set_proto / rtnl_link_sit_get_proto: u8 = Proto,
    out rtnl_link_sit_set_ip6rd_prefixlen / rtnl_link_sit_get_ip6rd_prefixlen: u16 = Ip6rdPrefixlen,
    out rtnl_link_sit_set_ip6rd_relay_prefix / rtnl_link_sit_get_ip6rd_relay_prefix: u32 = Ip6rdRelayPrefix,
    // libnl-compat: libnl 3.7.0 reports the relay prefix length as set when the relay prefix
    // is, and as unset otherwise.
    out rtnl_link_sit_set_ip6rd_relay_prefixlen / rtnl_link_sit_get_ip6rd_relay_prefixlen: u16 = Ip6rdRelayPrefixlen if Ip6rdRelayPrefix,
    out rtnl_link_sit_set_fwmark / rtnl_link_sit_get_fwmark: u32 = Fwmark,
);
tunnel_in6!(K, true;
    rtnl_link_sit_set_ip6rd_prefix, rtnl_link_sit_get_ip6rd_prefix = Ip6rdPrefix,
);
