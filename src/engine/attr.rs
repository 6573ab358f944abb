//! Netlink attributes (TLVs) over byte slices: walking, parsing into a type table, policy
//! validation, lookup, and the payload helpers behind `nla_get_*`, `nla_strlcpy`, `nla_memcmp`.
//!
//! Parsing never allocates: results are byte ranges into the caller's slice (or whatever the
//! caller makes of an attribute, such as the C layer's pointers), written into a
//! caller-provided table ([`parse`], [`parse_table`]) or handed to a closure ([`parse_with`]).
//! The C `int` arithmetic of `nla_len`/`nla_next`/`nla_parse`'s `maxtype` and the rules of
//! `nla_find`, `nla_memcpy` and `nla_memcmp` on C arguments live here too. Building attributes
//! into a message lives in [`Message`](super::msg::Message) (`reserve_attr`, `put_attr`, nests).
#![forbid(unsafe_code)]

use std::ops::Range;

use super::policy::PolicyTable;
use super::wire::{NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK, NlaHdr, nla_align};
use crate::error::Result;
use crate::nl_dbg;

/// `nla_attr_size`: header plus payload (C `int` arithmetic, wrapping like libnl's).
pub const fn attr_size(payload: i32) -> i32 {
    payload.wrapping_add(NLA_HDRLEN as i32)
}

/// `nla_total_size`: [`attr_size`] rounded up to the attribute alignment.
pub const fn total_size(payload: i32) -> i32 {
    attr_size(payload).wrapping_add(3) & !3
}

/// `nla_padlen`: the padding after an attribute carrying `payload` bytes.
pub const fn padlen(payload: i32) -> i32 {
    total_size(payload).wrapping_sub(attr_size(payload))
}

/// `nla_len`: the payload length an attribute header claims, `nla_len - 4` (negative for a
/// header claiming less than itself).
pub fn payload_len(nla_len: u16) -> i32 {
    i32::from(nla_len) - NLA_HDRLEN as i32
}

/// `nla_next`: the bytes the attribute occupies with its padding (subtracted from the caller's
/// remaining count and added to its pointer).
pub fn next_len(nla_len: u16) -> i32 {
    nla_align(usize::from(nla_len)) as i32
}

/// The number of `tb` slots `nla_parse` clears and fills for `maxtype` (`maxtype + 1`); `None`
/// for a negative `maxtype`.
///
/// libnl-compat: libnl clears `maxtype + 1` slots, so a `maxtype` below -1 makes it write out
/// of bounds; any negative `maxtype` here means "no slots, nothing to store".
pub fn table_len(maxtype: i32) -> Option<usize> {
    usize::try_from(maxtype).ok().map(|m| m.saturating_add(1))
}

/// `nla_ok`: whether an attribute whose header claims `nla_len` fits in `remaining` bytes
/// (at least a header, and no longer than what remains).
pub fn ok(nla_len: u16, remaining: i32) -> bool {
    remaining >= NLA_HDRLEN as i32
        && usize::from(nla_len) >= NLA_HDRLEN
        && i32::from(nla_len) <= remaining
}

/// One attribute found in a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr<'a> {
    /// Offset of the attribute header in the walked buffer.
    pub offset: usize,
    /// `nla_type` including the `NLA_F_*` flag bits.
    pub raw_type: u16,
    /// The payload (`nla_len - 4` bytes).
    pub payload: &'a [u8],
}

impl Attr<'_> {
    /// The type without flag bits (`nla_type()`).
    pub fn ty(&self) -> u16 {
        self.raw_type & NLA_TYPE_MASK
    }

    /// Whether `NLA_F_NESTED` is set.
    pub fn is_nested(&self) -> bool {
        self.raw_type & NLA_F_NESTED != 0
    }

    /// The attribute's byte range (header and payload, no padding) in the walked buffer.
    pub fn range(&self) -> Range<usize> {
        self.offset..self.offset + NLA_HDRLEN + self.payload.len()
    }

    /// The payload's byte range in the walked buffer.
    pub fn payload_range(&self) -> Range<usize> {
        self.offset + NLA_HDRLEN..self.offset + NLA_HDRLEN + self.payload.len()
    }
}

/// Iterator over the attributes of a buffer, stopping at the first one that does not fit
/// (libnl's `nla_for_each_attr`).
#[derive(Clone, Debug)]
pub struct Attrs<'a> {
    buf: &'a [u8],
    off: usize,
}

/// Walks the attributes in `buf`.
pub fn iter(buf: &[u8]) -> Attrs<'_> {
    Attrs { buf, off: 0 }
}

impl<'a> Attrs<'a> {
    /// What libnl's `rem` holds after the walk: the bytes not consumed (negative when the last
    /// attribute's padding reached past the buffer).
    pub fn remaining(&self) -> i64 {
        self.buf.len() as i64 - self.off as i64
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Attr<'a>;

    fn next(&mut self) -> Option<Attr<'a>> {
        let rest = self.buf.get(self.off..)?;
        let hdr = NlaHdr::decode(rest)?;
        let rem = i32::try_from(rest.len()).unwrap_or(i32::MAX);
        if !ok(hdr.len, rem) {
            return None;
        }
        let payload = rest.get(NLA_HDRLEN..usize::from(hdr.len))?;
        let attr = Attr {
            offset: self.off,
            raw_type: hdr.ty,
            payload,
        };
        self.off = self.off.checked_add(nla_align(usize::from(hdr.len)))?;
        Some(attr)
    }
}

/// The core of `nla_parse`: walks `buf`, skips attributes whose type exceeds `maxtype`, checks
/// the others against `policy` (when given) and hands each one to `store` together with its
/// type. Stops with the first policy error.
pub fn parse_with<P: PolicyTable + ?Sized>(
    buf: &[u8],
    maxtype: usize,
    policy: Option<&P>,
    mut store: impl FnMut(usize, Attr<'_>),
) -> Result<()> {
    let mut it = iter(buf);
    for a in &mut it {
        let ty = usize::from(a.ty());
        if ty > maxtype {
            continue;
        }
        if let Some(entry) = policy.and_then(|p| p.entry(ty)) {
            entry.check(a.payload)?;
        }
        store(ty, a);
    }
    let rem = it.remaining();
    if rem > 0 {
        nl_dbg!(
            1,
            "netlink: {} bytes leftover after parsing attributes.\n",
            rem
        );
    }
    Ok(())
}

/// `nla_parse`: clears `tb`, then records the byte range of every attribute of type
/// `0..=maxtype` in `tb[type]` (later duplicates win). Entries past the end of `tb` are ignored.
pub fn parse<P: PolicyTable + ?Sized>(
    buf: &[u8],
    maxtype: usize,
    policy: Option<&P>,
    tb: &mut [Option<Range<usize>>],
) -> Result<()> {
    parse_table(buf, maxtype, policy, tb, None, |a| Some(a.range()))
}

/// `nla_parse` into a table of any slot type (byte ranges for Rust callers, the C caller's
/// pointers for the FFI layer): sets every slot of `tb` to `empty`, then stores `at(attr)` in
/// `tb[type]` for every attribute of type `0..=maxtype` (later duplicates win and are logged).
/// Entries past the end of `tb` are ignored.
pub fn parse_table<P: PolicyTable + ?Sized, T: Clone + PartialEq>(
    buf: &[u8],
    maxtype: usize,
    policy: Option<&P>,
    tb: &mut [T],
    empty: T,
    at: impl Fn(&Attr<'_>) -> T,
) -> Result<()> {
    tb.fill(empty.clone());
    parse_with(buf, maxtype, policy, |ty, a| {
        if let Some(slot) = tb.get_mut(ty) {
            if *slot != empty {
                nl_dbg!(
                    1,
                    "Attribute of type {:#x} found multiple times in message, previous attribute is being ignored.\n",
                    ty
                );
            }
            *slot = at(&a);
        }
    })
}

/// `nla_validate`: checks every attribute of type `0..=maxtype` against `policy`.
pub fn validate<P: PolicyTable + ?Sized>(buf: &[u8], maxtype: usize, policy: &P) -> Result<()> {
    parse_with(buf, maxtype, Some(policy), |_, _| {})
}

/// `nla_find`: the first attribute of type `ty` (flag bits ignored).
pub fn find(buf: &[u8], ty: u16) -> Option<Attr<'_>> {
    iter(buf).find(|a| a.ty() == ty)
}

/// [`find`] for a C `int` type: a type no attribute can have (negative, or beyond 16 bits)
/// finds nothing.
pub fn find_int(buf: &[u8], ty: i32) -> Option<Attr<'_>> {
    find(buf, u16::try_from(ty).ok()?)
}

/// `nla_memcpy`: the part of `payload` copied for a request of `count` bytes (C `int`; a
/// negative count copies nothing).
pub fn memcpy_part(payload: &[u8], count: i32) -> &[u8] {
    let n = usize::try_from(count).unwrap_or(0).min(payload.len());
    payload.get(..n).unwrap_or_default()
}

/// `nla_memcmp`: compares the payload of an attribute whose header claims `nla_len` with
/// `size` bytes of `data`: the length difference when the lengths differ ([`len_diff`]; `data`
/// is not looked at then), else the byte difference at the first mismatch ([`bytes_cmp`]).
pub fn memcmp(nla_len: u16, payload: &[u8], size: usize, data: &[u8]) -> i32 {
    match len_diff(payload_len(nla_len), size) {
        0 => bytes_cmp(payload, data),
        d => d,
    }
}

/// The first `N` payload bytes, zero-extended when the payload is shorter (native byte order:
/// `from_ne_bytes` on the result gives the integer getters).
///
/// libnl-compat: libnl reads `N` bytes whatever `nla_len` says; we never read past the payload.
#[inline]
pub fn read_ne<const N: usize>(payload: &[u8]) -> [u8; N] {
    if let Some(full) = payload.first_chunk::<N>() {
        return *full;
    }
    let mut out = [0u8; N];
    let n = payload.len().min(N);
    if let (Some(d), Some(s)) = (out.get_mut(..n), payload.get(..n)) {
        d.copy_from_slice(s);
    }
    out
}

/// The first `N` payload bytes when the payload has at least `N`, zeros otherwise: how libnl
/// 3.7 reads its 64-bit integers (`nla_get_u64`, `nla_get_s64`, `nla_get_msecs`), which give 0
/// for a payload of 0..7 bytes and ignore bytes beyond the eighth.
#[inline]
pub fn read_ne_whole<const N: usize>(payload: &[u8]) -> [u8; N] {
    payload.first_chunk::<N>().copied().unwrap_or([0; N])
}

/// The string in a payload: the bytes before the first NUL (all of them without a NUL).
pub fn string(payload: &[u8]) -> &[u8] {
    match payload.iter().position(|b| *b == 0) {
        Some(n) => payload.get(..n).unwrap_or_default(),
        None => payload,
    }
}

/// `nla_strlcpy`: copies the payload (minus one trailing NUL) into `dst`, truncated to leave room
/// for a terminator, zero-filling all of `dst`. Returns the source length (without that NUL).
pub fn strlcpy(payload: &[u8], dst: &mut [u8]) -> usize {
    let srclen = match payload.last() {
        Some(0) => payload.len() - 1,
        _ => payload.len(),
    };
    if !dst.is_empty() {
        let n = srclen.min(dst.len() - 1);
        dst.fill(0);
        if let (Some(d), Some(s)) = (dst.get_mut(..n), payload.get(..n)) {
            d.copy_from_slice(s);
        }
    }
    srclen
}

/// `memcmp` with glibc's observable result: the difference of the first differing bytes.
pub fn bytes_cmp(a: &[u8], b: &[u8]) -> i32 {
    a.iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .map_or(0, |(x, y)| i32::from(*x) - i32::from(*y))
}

/// `nla_memcmp`'s length difference: `nla_len - size` in C's `int`/`size_t` arithmetic (the low
/// 32 bits of the difference). The payloads are only compared when this is 0.
pub fn len_diff(payload_len: i32, size: usize) -> i32 {
    (payload_len as u64).wrapping_sub(size as u64) as u32 as i32
}

#[cfg(test)]
mod tests {
    use super::super::policy::{NLA_STRING, NLA_U16, NLA_U32, Policy};
    use super::*;
    use crate::error::Error;

    fn attr(ty: u16, payload: &[u8]) -> Vec<u8> {
        let len = (4 + payload.len()) as u16;
        let mut v = Vec::new();
        v.extend_from_slice(&len.to_ne_bytes());
        v.extend_from_slice(&ty.to_ne_bytes());
        v.extend_from_slice(payload);
        while v.len() % 4 != 0 {
            v.push(0);
        }
        v
    }

    #[test]
    fn sizes() {
        assert_eq!((attr_size(3), total_size(3), padlen(3)), (7, 8, 1));
        assert_eq!((attr_size(0), total_size(0), padlen(0)), (4, 4, 0));
        assert_eq!(attr_size(i32::MAX), i32::MIN + 3);
        assert_eq!(total_size(-4), 0);
    }

    #[test]
    fn ok_bounds() {
        assert!(ok(4, 4));
        assert!(!ok(3, 8));
        assert!(!ok(8, 7));
        assert!(!ok(4, 3));
        assert!(!ok(4, -1));
    }

    #[test]
    fn walk_empty_short_and_overlong() {
        assert_eq!(iter(&[]).count(), 0);
        assert_eq!(iter(&[8, 0]).count(), 0);
        let mut buf = attr(1, &[1, 2]);
        buf.extend_from_slice(&[200, 0, 2, 0]); // claims 200 bytes
        let mut it = iter(&buf);
        assert_eq!(it.next().map(|a| a.payload), Some(&[1u8, 2][..]));
        assert!(it.next().is_none());
        assert_eq!(it.remaining(), 4);
        // nla_len < 4 stops the walk too
        assert_eq!(iter(&[2, 0, 1, 0, 0, 0, 0, 0]).count(), 0);
        // padding past the end: rem goes negative like libnl's
        let odd = [5u8, 0, 1, 0, 9];
        let mut it = iter(&odd);
        assert_eq!(it.next().map(|a| a.payload), Some(&[9u8][..]));
        assert!(it.next().is_none());
        assert_eq!(it.remaining(), -3);
    }

    #[test]
    fn parse_table_and_policy() {
        let mut buf = attr(0, &[9]);
        buf.extend(attr(2, &[5, 5, 5, 5]));
        buf.extend(attr(2 | NLA_F_NESTED, &7u32.to_ne_bytes()));
        buf.extend(attr(9, &[1]));
        let mut tb = vec![Some(0..1); 4];
        parse::<[Policy]>(&buf, 3, None, &mut tb).unwrap();
        assert_eq!(tb[0], Some(0..5));
        assert_eq!(tb[1], None);
        assert_eq!(tb[2], Some(16..24));
        assert_eq!(tb[3], None);
        let pol = [Policy::default(), Policy::default(), Policy::of(NLA_U32)];
        assert_eq!(parse(&buf, 2, Some(&pol[..]), &mut tb), Ok(()));
        let strict = [Policy::default(), Policy::default(), Policy::of(NLA_STRING)];
        assert_eq!(
            parse(&buf, 2, Some(&strict[..]), &mut tb),
            Err(Error::Inval)
        );
        // types above maxtype are neither stored nor validated
        assert_eq!(parse(&buf, 1, Some(&strict[..]), &mut tb), Ok(()));
        assert_eq!(tb[2], None);
        // a short table is filled as far as it goes
        let mut small = [None];
        parse::<[Policy]>(&buf, 9, None, &mut small).unwrap();
        assert_eq!(small[0], Some(0..5));
        // a policy table shorter than maxtype leaves the rest unchecked
        assert_eq!(
            validate(&buf, 9, &[Policy::of(NLA_U16)][..]),
            Err(Error::Range)
        );
        assert_eq!(validate(&buf, 9, &[Policy::default()][..]), Ok(()));
    }

    #[test]
    fn header_arithmetic() {
        assert_eq!(payload_len(7), 3);
        assert_eq!(payload_len(0), -4);
        assert_eq!(next_len(5), 8);
        assert_eq!(next_len(u16::MAX), 65536);
        assert_eq!(table_len(0), Some(1));
        assert_eq!(table_len(5), Some(6));
        assert_eq!(table_len(-1), None);
        assert_eq!(table_len(i32::MIN), None);
    }

    #[test]
    fn parse_into_any_table() {
        let mut buf = attr(1, &[1]);
        buf.extend(attr(1, &[2]));
        buf.extend(attr(3, &[3]));
        let mut tb = [99usize; 3];
        parse_table::<[Policy], _>(&buf, 2, None, &mut tb, 0, |a| a.offset + 1000).unwrap();
        assert_eq!(tb, [0, 1008, 0]);
        let strict = [Policy::default(), Policy::of(NLA_U16)];
        let mut tb = [7u8; 2];
        assert_eq!(
            parse_table(&buf, 1, Some(&strict[..]), &mut tb, 0, |_| 1),
            Err(Error::Range)
        );
        assert_eq!(tb, [0, 0]);
    }

    #[test]
    fn c_argument_helpers() {
        let mut buf = attr(1, &[1]);
        buf.extend(attr(2, &[2, 3]));
        assert_eq!(find_int(&buf, 2).map(|a| a.offset), Some(8));
        assert!(find_int(&buf, -1).is_none());
        assert!(find_int(&buf, 0x1_0002).is_none());
        assert_eq!(memcpy_part(&[1, 2, 3], 2), &[1, 2]);
        assert_eq!(memcpy_part(&[1, 2, 3], 9), &[1, 2, 3]);
        assert!(memcpy_part(&[1, 2, 3], -1).is_empty());
        assert_eq!(memcmp(6, &[1, 2], 2, &[1, 2]), 0);
        assert_eq!(memcmp(6, &[1, 2], 2, &[1, 5]), -3);
        assert_eq!(memcmp(6, &[1, 2], 3, &[1, 2, 3]), -1);
        assert_eq!(memcmp(6, &[1, 2], 5, &[]), -3);
        assert_eq!(memcmp(2, &[], 0, &[]), -2);
    }

    #[test]
    fn find_and_nested_flag() {
        let mut buf = attr(1, &[1]);
        buf.extend(attr(3 | NLA_F_NESTED, &[]));
        let a = find(&buf, 3).unwrap();
        assert!(a.is_nested());
        assert_eq!(a.range(), 8..12);
        assert!(find(&buf, 2).is_none());
        assert!(find(&[], 0).is_none());
    }

    #[test]
    fn payload_helpers() {
        assert_eq!(u32::from_ne_bytes(read_ne::<4>(&[1, 0])), 1);
        assert_eq!(read_ne::<2>(&[]), [0, 0]);
        for n in 0..8 {
            let p: Vec<u8> = (1..=n).collect();
            assert_eq!(read_ne_whole::<8>(&p), [0; 8]);
        }
        assert_eq!(
            read_ne_whole::<8>(&[1, 2, 3, 4, 5, 6, 7, 8, 9]),
            [1, 2, 3, 4, 5, 6, 7, 8]
        );
        assert_eq!(string(b"ab\0cd"), b"ab");
        assert_eq!(string(b"abc"), b"abc");
        let mut dst = [0x55u8; 4];
        assert_eq!(strlcpy(b"hello\0", &mut dst), 5);
        assert_eq!(&dst, b"hel\0");
        let mut dst = [0x55u8; 8];
        assert_eq!(strlcpy(b"hi", &mut dst), 2);
        assert_eq!(&dst, b"hi\0\0\0\0\0\0");
        assert_eq!(strlcpy(b"", &mut []), 0);
        assert_eq!(bytes_cmp(&[7], &[9]), -2);
        assert_eq!(bytes_cmp(&[7, 1], &[7, 1]), 0);
        assert_eq!(len_diff(4, 8), -4);
        assert_eq!(len_diff(-4, 0), -4);
    }
}
