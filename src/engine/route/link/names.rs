//! The names libnl gives link flags, operational states, link modes, carrier states and
//! statistics (`rtnl_link_flags2str`, `_operstate2str`, `_mode2str`, `_carrier2str`,
//! `_stat2str` and their reverses), observed from libnl 3.7.0.
#![forbid(unsafe_code)]

use super::STAT_NAMES;
use crate::engine::trans;
use crate::error::Result;

/// Interface flags (`IFF_*`) in libnl's printing order.
pub const FLAGS: &[(u64, &str)] = &[
    (0x8, "loopback"),
    (0x2, "broadcast"),
    (0x10, "pointopoint"),
    (0x1000, "multicast"),
    (0x80, "noarp"),
    (0x200, "allmulti"),
    (0x100, "promisc"),
    (0x400, "master"),
    (0x800, "slave"),
    (0x4, "debug"),
    (0x8000, "dynamic"),
    (0x4000, "automedia"),
    (0x2000, "portsel"),
    (0x20, "notrailers"),
    (0x1, "up"),
    (0x40, "running"),
    (0x10000, "lowerup"),
    (0x20000, "dormant"),
    (0x40000, "echo"),
];

/// Operational states (`IF_OPER_*`, RFC 2863).
pub const OPERSTATES: &[(u64, &str)] = &[
    (0, "unknown"),
    (1, "notpresent"),
    (2, "down"),
    (3, "lowerlayerdown"),
    (4, "testing"),
    (5, "dormant"),
    (6, "up"),
];

/// Link modes (`IF_LINK_MODE_*`).
pub const MODES: &[(u64, &str)] = &[(0, "default"), (1, "dormant")];

/// Carrier states.
pub const CARRIERS: &[(u64, &str)] = &[(0, "down"), (1, "up")];

/// `rtnl_link_flags2str` into a buffer of `len` bytes.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAGS))
}

/// `rtnl_link_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAGS))
}

/// A name of `tbl` (or `0x..`) for `v`.
pub fn name(v: i32, tbl: &'static [(u64, &'static str)]) -> Vec<u8> {
    trans::type2str(v, trans::entries(tbl))
}

/// The value of a name of `tbl` (case-insensitive, or a number).
pub fn value(s: &[u8], tbl: &'static [(u64, &'static str)]) -> Result<i32> {
    trans::str2type(s, trans::entries(tbl))
}

/// The statistics names as a table (`rtnl_link_stat2str` / `rtnl_link_str2stat`).
pub fn stat_entries() -> impl Iterator<Item = trans::Entry<'static>> + Clone {
    STAT_NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| (i as u64, Some(n.as_bytes())))
}

/// `rtnl_link_stat2str`.
pub fn stat2str(id: i32) -> Vec<u8> {
    trans::type2str(id, stat_entries())
}

/// `rtnl_link_str2stat`.
pub fn str2stat(s: &[u8]) -> Result<i32> {
    trans::str2type(s, stat_entries())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn names_match_libnl() {
        // rtnl_link_flags2str(0xffffffff) of libnl 3.7.0.
        assert_eq!(
            flags2str(-1, 512),
            b"loopback,broadcast,pointopoint,multicast,noarp,allmulti,promisc,master,slave,\
              debug,dynamic,automedia,portsel,notrailers,up,running,lowerup,dormant,echo,"
        );
        assert_eq!(flags2str(3, 512), b"broadcast,up");
        assert_eq!(flags2str(1 << 19, 512), b"");
        assert_eq!(str2flags(b"up,running"), 65);
        assert_eq!(str2flags(b"UP"), 1);
        assert_eq!(str2flags(b"bogus"), 0);
        assert_eq!(name(3, OPERSTATES), b"lowerlayerdown");
        assert_eq!(name(7, OPERSTATES), b"0x7");
        assert_eq!(name(1, MODES), b"dormant");
        assert_eq!(name(2, MODES), b"0x2");
        assert_eq!(name(0, CARRIERS), b"down");
        assert_eq!(value(b"UP", OPERSTATES), Ok(6));
        assert_eq!(value(b"3", OPERSTATES), Ok(3));
        assert_eq!(value(b"bogus", OPERSTATES), Err(Error::ObjNotFound));
        assert_eq!(value(b"x", MODES), Err(Error::ObjNotFound));
        assert_eq!(value(b"down", CARRIERS), Ok(0));
        assert_eq!(stat2str(23), b"Ip6InReceives");
        assert_eq!(stat2str(65), b"0x41");
        assert_eq!(str2stat(b"RX_PACKETS"), Ok(0));
        assert_eq!(str2stat(b"7"), Ok(7));
        assert_eq!(str2stat(b"x"), Err(Error::ObjNotFound));
    }
}
