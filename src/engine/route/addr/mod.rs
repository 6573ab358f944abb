//! Addresses (`netlink/route/addr.h`). So far the address flag names (`IFA_F_*`), which
//! programs use to print the kernel's address messages on their own (netsniff-ng's netlink
//! dissector); the address object comes with the addresses issue.
#![forbid(unsafe_code)]

use crate::engine::trans;

/// Address flags (`IFA_F_*`) as libnl 3.7.0 names them, in its order.
const FLAG_NAMES: &[(u64, &str)] = &[
    (0x01, "secondary"),
    (0x02, "nodad"),
    (0x04, "optimistic"),
    (0x08, "dadfailed"),
    (0x10, "homeaddress"),
    (0x20, "deprecated"),
    (0x40, "tentative"),
    (0x80, "permanent"),
    (0x100, "mngtmpaddr"),
    (0x200, "noprefixroute"),
];

/// `rtnl_addr_flags2str` into a buffer of `len` bytes.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAG_NAMES))
}

/// `rtnl_addr_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAG_NAMES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_names_match_libnl() {
        assert_eq!(flags2str(0x81, 64), b"secondary,permanent");
        assert_eq!(flags2str(0x400, 64), b"");
        assert_eq!(
            flags2str(-1, 256),
            b"secondary,nodad,optimistic,dadfailed,homeaddress,deprecated,tentative,permanent,mngtmpaddr,noprefixroute,"
        );
        assert_eq!(flags2str(0x81, 10), b"secondary");
        assert_eq!(str2flags(b"permanent,nodad"), 0x82);
        assert_eq!(str2flags(b"SECONDARY"), 1);
        assert_eq!(str2flags(b"tentative,mcautojoin"), 0x40);
        assert_eq!(str2flags(b""), 0);
    }
}
