//! libnl-route-3's route-wide helpers (`netlink/route/rtnl.h`): route scope and route type
//! names, realms, observed from libnl 3.7.0.
#![forbid(unsafe_code)]

use crate::engine::trans;
use crate::error::Result;

/// Route scopes (`RT_SCOPE_*`) as libnl names them.
pub const SCOPES: &[(u64, &str)] = &[
    (255, "nowhere"),
    (254, "host"),
    (253, "link"),
    (200, "site"),
    (0, "global"),
];

/// Route types (`RTN_*`) as libnl names them.
pub const RTNTYPES: &[(u64, &str)] = &[
    (0, "unspec"),
    (1, "unicast"),
    (2, "local"),
    (3, "broadcast"),
    (4, "anycast"),
    (5, "multicast"),
    (6, "blackhole"),
    (7, "unreachable"),
    (8, "prohibit"),
    (9, "throw"),
    (10, "nat"),
    (11, "xresolve"),
];

/// `rtnl_scope2str`.
pub fn scope2str(scope: i32) -> Vec<u8> {
    trans::type2str(scope, trans::entries(SCOPES))
}

/// `rtnl_str2scope`.
pub fn str2scope(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(SCOPES))
}

/// `nl_rtntype2str`.
pub fn rtntype2str(ty: i32) -> Vec<u8> {
    trans::type2str(ty, trans::entries(RTNTYPES))
}

/// `nl_str2rtntype`.
pub fn str2rtntype(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(RTNTYPES))
}

/// `rtnl_realms2str`: `from/to` in decimal (the upper and lower 16 bits).
pub fn realms2str(realms: u32) -> Vec<u8> {
    format!("{}/{}", realms >> 16, realms & 0xffff).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn names_match_libnl() {
        assert_eq!(scope2str(0), b"global");
        assert_eq!(scope2str(200), b"site");
        assert_eq!(scope2str(253), b"link");
        assert_eq!(scope2str(254), b"host");
        assert_eq!(scope2str(255), b"nowhere");
        assert_eq!(scope2str(7), b"0x7");
        assert_eq!(scope2str(-1), b"0xffffffff");
        assert_eq!(str2scope(b"Host"), Ok(254));
        assert_eq!(str2scope(b"200"), Ok(200));
        assert_eq!(str2scope(b"0x10"), Ok(16));
        assert_eq!(str2scope(b"universe"), Err(Error::ObjNotFound));
        assert_eq!(str2scope(b"-1"), Err(Error::ObjNotFound));
        assert_eq!(str2scope(b""), Err(Error::Inval));
        assert_eq!(rtntype2str(11), b"xresolve");
        assert_eq!(rtntype2str(12), b"0xc");
        assert_eq!(rtntype2str(-1), b"0xffffffff");
        assert_eq!(str2rtntype(b"BROADCAST"), Ok(3));
        assert_eq!(str2rtntype(b"unspec"), Ok(0));
        assert_eq!(str2rtntype(b"bogus"), Err(Error::ObjNotFound));
        assert_eq!(str2rtntype(b""), Err(Error::Inval));
        assert_eq!(realms2str(0), b"0/0");
        assert_eq!(realms2str(0x10002), b"1/2");
        assert_eq!(realms2str(0x12345), b"1/9029");
        assert_eq!(realms2str(u32::MAX), b"65535/65535");
    }
}
