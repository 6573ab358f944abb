//! Generic netlink (libnl-genl-3): header arithmetic, family data, controller messages and the
//! command-table rules, all independent of C pointers.
#![forbid(unsafe_code)]

pub mod ctrl;
pub mod family;
pub mod mngt;

/// `GENL_HDRLEN`: size of `struct genlmsghdr`.
pub const GENL_HDRLEN: u32 = 4;
/// `NLMSG_HDRLEN`.
pub const NLMSG_HDRLEN: u32 = 16;
/// `GENL_NAMSIZ`: room for a family or group name, NUL included.
pub const GENL_NAMSIZ: usize = 16;

/// `NLMSG_ALIGN(hdrlen)` as C computes it: the `unsigned int` result of aligning an `int`
/// (negative lengths wrap to huge values, as in libnl).
pub const fn align_u(hdrlen: i32) -> u32 {
    (hdrlen as u32).wrapping_add(3) & !3
}

/// `genlmsg_len`: payload after the generic header, `nlmsg_len - 20` as C `int`.
pub const fn genlmsg_len(nlmsg_len: u32) -> i32 {
    nlmsg_len.wrapping_sub(NLMSG_HDRLEN + GENL_HDRLEN) as i32
}

/// `genlmsg_user_datalen` / `genlmsg_attrlen`: `genlmsg_len - NLMSG_ALIGN(hdrlen)`.
pub const fn user_datalen(nlmsg_len: u32, hdrlen: i32) -> i32 {
    (genlmsg_len(nlmsg_len) as u32).wrapping_sub(align_u(hdrlen)) as i32
}

/// Offset of the user data (and attributes) from the generic header:
/// `GENL_HDRLEN + NLMSG_ALIGN(hdrlen)`, zero-extended like C's pointer arithmetic (which wraps
/// around the address space where `usize` has 32 bits, e.g. for a negative `hdrlen`).
pub const fn user_data_offset(hdrlen: i32) -> usize {
    (GENL_HDRLEN as usize).wrapping_add(align_u(hdrlen) as usize)
}

/// `genlmsg_valid_hdr`: the message holds a generic header and `hdrlen` (aligned) more bytes,
/// with libnl's unsigned comparisons.
pub const fn valid_hdr(nlmsg_len: u32, hdrlen: i32) -> bool {
    if nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN {
        return false;
    }
    genlmsg_len(nlmsg_len) as u32 >= align_u(hdrlen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_matches_libnl() {
        assert_eq!(genlmsg_len(0), -20);
        assert_eq!(genlmsg_len(u32::MAX), -21);
        assert_eq!(user_datalen(0, -9), -12);
        assert_eq!(user_datalen(48, 4), 24);
        assert_eq!(user_data_offset(-9), 4 + 0xffff_fff8);
        assert_eq!(user_data_offset(5), 12);
        assert!(!valid_hdr(19, 0));
        assert!(valid_hdr(20, 0));
        assert!(valid_hdr(20, -1));
        assert!(!valid_hdr(20, 1));
        assert!(valid_hdr(u32::MAX, 1000));
        assert!(!valid_hdr(u32::MAX, -4));
        assert!(!valid_hdr(100, -4));
    }
}
