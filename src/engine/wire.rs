//! Netlink wire-format constants and the message/attribute header codecs (host byte order).
#![forbid(unsafe_code)]

/// Alignment of netlink messages.
pub const NLMSG_ALIGNTO: usize = 4;
/// Size of `struct nlmsghdr`.
pub const NLMSG_HDRLEN: usize = 16;
/// Alignment of attributes.
pub const NLA_ALIGNTO: usize = 4;
/// Size of `struct nlattr`.
pub const NLA_HDRLEN: usize = 4;
/// Nested-attribute flag in `nla_type`.
pub const NLA_F_NESTED: u16 = 1 << 15;
/// Network-byte-order flag in `nla_type`.
pub const NLA_F_NET_BYTEORDER: u16 = 1 << 14;
/// Mask giving the attribute type without flags.
pub const NLA_TYPE_MASK: u16 = !(NLA_F_NESTED | NLA_F_NET_BYTEORDER);

/// Rounds `len` up to the message alignment (saturating instead of wrapping).
pub const fn nlmsg_align(len: usize) -> usize {
    len.saturating_add(NLMSG_ALIGNTO - 1) & !(NLMSG_ALIGNTO - 1)
}

/// Rounds `len` up to the attribute alignment (saturating instead of wrapping).
pub const fn nla_align(len: usize) -> usize {
    len.saturating_add(NLA_ALIGNTO - 1) & !(NLA_ALIGNTO - 1)
}

/// A decoded `struct nlmsghdr`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NlmsgHdr {
    /// Length of the message including the header.
    pub len: u32,
    /// Message type.
    pub ty: u16,
    /// `NLM_F_*` flags.
    pub flags: u16,
    /// Sequence number.
    pub seq: u32,
    /// Sending port id.
    pub pid: u32,
}

impl NlmsgHdr {
    /// Decodes the first 16 bytes of `b`; `None` if shorter.
    pub fn decode(b: &[u8]) -> Option<NlmsgHdr> {
        let h: &[u8; NLMSG_HDRLEN] = b.get(..NLMSG_HDRLEN)?.try_into().ok()?;
        let [
            l0,
            l1,
            l2,
            l3,
            t0,
            t1,
            f0,
            f1,
            s0,
            s1,
            s2,
            s3,
            p0,
            p1,
            p2,
            p3,
        ] = *h;
        Some(NlmsgHdr {
            len: u32::from_ne_bytes([l0, l1, l2, l3]),
            ty: u16::from_ne_bytes([t0, t1]),
            flags: u16::from_ne_bytes([f0, f1]),
            seq: u32::from_ne_bytes([s0, s1, s2, s3]),
            pid: u32::from_ne_bytes([p0, p1, p2, p3]),
        })
    }

    /// Encodes into the first 16 bytes of `b`; `None` if shorter.
    pub fn encode(&self, b: &mut [u8]) -> Option<()> {
        let out: &mut [u8; NLMSG_HDRLEN] = b.get_mut(..NLMSG_HDRLEN)?.try_into().ok()?;
        let [l0, l1, l2, l3] = self.len.to_ne_bytes();
        let [t0, t1] = self.ty.to_ne_bytes();
        let [f0, f1] = self.flags.to_ne_bytes();
        let [s0, s1, s2, s3] = self.seq.to_ne_bytes();
        let [p0, p1, p2, p3] = self.pid.to_ne_bytes();
        *out = [
            l0, l1, l2, l3, t0, t1, f0, f1, s0, s1, s2, s3, p0, p1, p2, p3,
        ];
        Some(())
    }
}

/// A decoded `struct nlattr` header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NlaHdr {
    /// Length of header plus payload (without trailing padding).
    pub len: u16,
    /// Type including the `NLA_F_*` flag bits.
    pub ty: u16,
}

impl NlaHdr {
    /// Decodes the first 4 bytes of `b`; `None` if shorter.
    pub fn decode(b: &[u8]) -> Option<NlaHdr> {
        let [l0, l1, t0, t1]: [u8; 4] = b.get(..NLA_HDRLEN)?.try_into().ok()?;
        Some(NlaHdr {
            len: u16::from_ne_bytes([l0, l1]),
            ty: u16::from_ne_bytes([t0, t1]),
        })
    }

    /// Encodes into the first 4 bytes of `b`; `None` if shorter.
    pub fn encode(&self, b: &mut [u8]) -> Option<()> {
        let [l0, l1] = self.len.to_ne_bytes();
        let [t0, t1] = self.ty.to_ne_bytes();
        b.get_mut(..NLA_HDRLEN)?.copy_from_slice(&[l0, l1, t0, t1]);
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align() {
        assert_eq!(nlmsg_align(0), 0);
        assert_eq!(nlmsg_align(1), 4);
        assert_eq!(nlmsg_align(16), 16);
        assert_eq!(nla_align(5), 8);
        assert_eq!(nla_align(usize::MAX), usize::MAX & !3);
    }

    #[test]
    fn header_round_trip() {
        let h = NlmsgHdr {
            len: 20,
            ty: 18,
            flags: 0x301,
            seq: 7,
            pid: 9,
        };
        let mut b = [0u8; 16];
        h.encode(&mut b).unwrap();
        assert_eq!(NlmsgHdr::decode(&b), Some(h));
        assert!(NlmsgHdr::decode(&b[..15]).is_none());
        let a = NlaHdr { len: 8, ty: 0x8001 };
        let mut b = [0u8; 4];
        a.encode(&mut b).unwrap();
        assert_eq!(NlaHdr::decode(&b), Some(a));
        assert!(NlaHdr::decode(&b[..3]).is_none());
    }
}
