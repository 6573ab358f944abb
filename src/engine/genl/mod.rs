//! Generic netlink (libnl-genl-3) without C pointers.
//!
//! This file holds what `netlink/genl/genl.h` computes: the generic header's bytes and where it
//! goes in a message ([`put`], [`header`]), and libnl's length arithmetic around it
//! ([`genlmsg_len`], [`user_datalen`], [`valid_hdr`], [`attr_area`]), all in C's `int`/`unsigned`
//! arithmetic so odd lengths give libnl's results. [`family`] is the family object type,
//! [`ctrl`] the controller's messages, [`mngt`] the registry of the program's families and the
//! dispatch of received messages to their commands.
#![forbid(unsafe_code)]

pub mod ctrl;
pub mod family;
pub mod mngt;

use std::ops::Range;

use crate::engine::msg::Message;
use crate::error::{Error, Result};

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

/// Offset of the generic header in a message (right after the netlink header).
pub const GENL_HDR_OFFSET: usize = NLMSG_HDRLEN as usize;
/// Offset of the user header (and, without one, of the attributes) in a message.
pub const USER_HDR_OFFSET: usize = (NLMSG_HDRLEN + GENL_HDRLEN) as usize;

/// `struct genlmsghdr` as bytes: command, version, two reserved zero bytes.
pub const fn header(cmd: u8, version: u8) -> [u8; GENL_HDRLEN as usize] {
    [cmd, version, 0, 0]
}

/// `genlmsg_put`: fills in the netlink header (C's `int` type and flags cut to 16 bits, as
/// libnl's casts do), reserves the generic header plus `hdrlen` bytes of user header (padded to
/// 4; a negative total reserves nothing), and writes the generic header right after the netlink
/// header. Returns the offset of the user header, or `None` when the message has no room.
#[allow(clippy::too_many_arguments)]
pub fn put(
    m: &mut Message,
    port: u32,
    seq: u32,
    family: i32,
    hdrlen: i32,
    flags: i32,
    cmd: u8,
    version: u8,
) -> Option<usize> {
    let payload = usize::try_from((GENL_HDRLEN as i32).wrapping_add(hdrlen)).unwrap_or(0);
    m.put(port, seq, family as u16, payload, flags as u16)?;
    m.write_at(GENL_HDR_OFFSET, &header(cmd, version))?;
    Some(USER_HDR_OFFSET)
}

/// The attributes after a user header of `hdrlen` bytes (`genlmsg_attrdata`/`genlmsg_attrlen`)
/// as a byte range of the message, for `genlmsg_parse`/`genlmsg_validate`: `MsgTooShort`
/// unless [`valid_hdr`]; a negative `int` length (a message claiming more than 2 GiB) is empty.
pub fn attr_area(nlmsg_len: u32, hdrlen: i32) -> Result<Range<usize>> {
    if !valid_hdr(nlmsg_len, hdrlen) {
        return Err(Error::MsgTooShort);
    }
    let start = NLMSG_HDRLEN as usize + user_data_offset(hdrlen);
    let len = usize::try_from(user_datalen(nlmsg_len, hdrlen)).unwrap_or(0);
    Ok(start..start.saturating_add(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_writes_both_headers() {
        let mut m = Message::with_capacity(64).unwrap();
        assert_eq!(put(&mut m, 7, 9, 0x1234, 5, 0x301, 3, 2), Some(20));
        let b = m.bytes();
        assert_eq!(b.len(), 28);
        assert_eq!(&b[0..4], &28u32.to_ne_bytes());
        assert_eq!(&b[4..6], &0x1234u16.to_ne_bytes());
        assert_eq!(&b[6..8], &0x301u16.to_ne_bytes());
        assert_eq!(&b[8..12], &9u32.to_ne_bytes());
        assert_eq!(&b[12..16], &7u32.to_ne_bytes());
        assert_eq!(&b[16..28], &[3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        // Type and flags are cut to 16 bits like C's casts.
        let mut m = Message::with_capacity(64).unwrap();
        assert_eq!(put(&mut m, 0, 0, 0x1_0010, 0, 0x1_0001, 1, 1), Some(20));
        assert_eq!(&m.bytes()[4..8], &[0x10, 0, 1, 0]);
    }

    #[test]
    fn put_edge_sizes() {
        // No room for the user header: nothing is added.
        let mut m = Message::with_capacity(24).unwrap();
        assert_eq!(put(&mut m, 0, 0, 16, 8, 0, 1, 1), None);
        assert_eq!(m.len(), 16);
        // A negative user header reserves nothing, the generic header still lands after the
        // netlink header (as libnl writes it).
        let mut m = Message::with_capacity(24).unwrap();
        assert_eq!(put(&mut m, 0, 0, 16, -4, 0, 9, 8), Some(20));
        assert_eq!(m.len(), 16);
        assert_eq!(m.buf().bytes(16..20), Some(&[9u8, 8, 0, 0][..]));
        // A buffer of one netlink header has no room for the generic header.
        let mut m = Message::with_capacity(16).unwrap();
        assert_eq!(put(&mut m, 0, 0, 16, -4, 0, 9, 8), None);
        assert_eq!(header(1, 2), [1, 2, 0, 0]);
    }

    #[test]
    fn attribute_area() {
        assert_eq!(attr_area(19, 0), Err(Error::MsgTooShort));
        assert_eq!(attr_area(20, 0), Ok(20..20));
        assert_eq!(attr_area(32, 0), Ok(20..32));
        assert_eq!(attr_area(32, 5), Ok(28..32));
        assert_eq!(attr_area(27, 5), Err(Error::MsgTooShort));
        assert_eq!(attr_area(32, -2), Ok(20..32));
        assert_eq!(attr_area(32, -4), Err(Error::MsgTooShort));
        // More than 2 GiB claimed: C's int length is negative, so nothing is parsed.
        assert_eq!(attr_area(0x8000_0020, 0), Ok(20..20));
    }

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
