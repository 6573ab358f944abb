//! Abstract addresses (`struct nl_addr`): a family, a prefix length and up to N address bytes.
//!
//! Pure functions over [`Addr`]: libnl 3.7's textual forms (`nl_addr_parse`, `nl_addr2str`),
//! comparison, prefix comparison, family names. Observable behaviour was probed against Debian's
//! libnl 3.7.0; deliberate deviations (where libnl reads out of bounds) are tagged `libnl-compat:`.
#![forbid(unsafe_code)]

use std::cmp::Ordering;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::cnum::{is_c_space, long_to_int, strtol, strtoul, ulong_to_u32};
use crate::error::{Error, Result};

/// `AF_UNSPEC`.
pub const AF_UNSPEC: i32 = 0;
/// `AF_INET`.
pub const AF_INET: i32 = 2;
/// `AF_INET6`.
pub const AF_INET6: i32 = 10;
/// `AF_DECnet`.
pub const AF_DECNET: i32 = 12;
/// `AF_LLC`.
pub const AF_LLC: i32 = 26;
/// `AF_MPLS`.
pub const AF_MPLS: i32 = 28;

/// Largest address `nl_addr_parse` produces (its scratch buffer): 64 MPLS labels.
const PARSE_MAX: usize = 256;
/// MPLS label stack entry: bottom-of-stack bit.
const MPLS_BOS: u32 = 0x100;
/// Largest MPLS label value (20 bits).
const MPLS_LABEL_MAX: std::ffi::c_ulong = 0xF_FFFF;

/// An address value: what a `struct nl_addr` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Addr {
    /// Address family (`AF_*`).
    pub family: i32,
    /// Prefix length (libnl keeps it as a signed `int`).
    pub prefixlen: i32,
    /// The address bytes.
    pub bytes: Vec<u8>,
}

impl Addr {
    /// `nl_addr_build`: `bytes` of `family` with libnl's default prefix length (20 for MPLS,
    /// otherwise all bits).
    pub fn build(family: i32, bytes: &[u8]) -> Addr {
        Addr {
            family,
            prefixlen: default_prefixlen(family, bytes.len()),
            bytes: bytes.to_vec(),
        }
    }
}

/// The prefix length `nl_addr_build` gives an address of `len` bytes.
pub fn default_prefixlen(family: i32, len: usize) -> i32 {
    if family == AF_MPLS {
        20
    } else {
        i32::try_from(len.saturating_mul(8)).unwrap_or(i32::MAX)
    }
}

/// Family names of `nl_af2str` / `nl_str2af` (libnl 3.7's table; 27 has no name).
const FAMILIES: [(i32, &str); 40] = [
    (0, "unspec"),
    (1, "unix"),
    (2, "inet"),
    (3, "ax25"),
    (4, "ipx"),
    (5, "appletalk"),
    (6, "netrom"),
    (7, "bridge"),
    (8, "atmpvc"),
    (9, "x25"),
    (10, "inet6"),
    (11, "rose"),
    (12, "decnet"),
    (13, "netbeui"),
    (14, "security"),
    (15, "key"),
    (16, "netlink"),
    (17, "packet"),
    (18, "ash"),
    (19, "econet"),
    (20, "atmsvc"),
    (21, "rds"),
    (22, "sna"),
    (23, "irda"),
    (24, "pppox"),
    (25, "wanpipe"),
    (26, "llc"),
    (28, "mpls"),
    (29, "can"),
    (30, "tipc"),
    (31, "bluetooth"),
    (32, "iucv"),
    (33, "rxrpc"),
    (34, "isdn"),
    (35, "phonet"),
    (36, "ieee802154"),
    (37, "caif"),
    (38, "alg"),
    (39, "nfc"),
    (40, "vsock"),
];

/// `nl_af2str`: the family's name, or `0x<hex>` of its bit pattern.
pub fn af2str(family: i32) -> String {
    match FAMILIES.iter().find(|(f, _)| *f == family) {
        Some((_, name)) => (*name).to_string(),
        None => format!("0x{:x}", family as u32),
    }
}

/// `nl_str2af`: a family by (case-insensitive) name or number; `-EINVAL` when unknown or
/// negative. The number is read like libnl's other type tables
/// ([`numeric_fallback`](super::trans::numeric_fallback): a whole C `strtoul` number other than
/// `ULONG_MAX`, truncated to `int`), so the width of `unsigned long` matters.
pub fn str2af(s: &[u8]) -> i32 {
    if let Some((f, _)) = FAMILIES
        .iter()
        .find(|(_, name)| name.as_bytes().eq_ignore_ascii_case(s))
    {
        return *f;
    }
    match super::trans::numeric_fallback(s) {
        Ok(v) if v >= 0 => v,
        _ => -libc::EINVAL,
    }
}

/// `inet_pton(AF_INET)`.
fn inet4(s: &[u8]) -> Option<[u8; 4]> {
    std::str::from_utf8(s)
        .ok()?
        .parse::<Ipv4Addr>()
        .ok()
        .map(|a| a.octets())
}

/// `inet_pton(AF_INET6)`.
fn inet6(s: &[u8]) -> Option<[u8; 16]> {
    let t = std::str::from_utf8(s).ok()?;
    // glibc accepts the dotted tail only as the last 32 bits, like Rust; Rust also accepts
    // forms glibc rejects with a zone or brackets, which never parse here.
    t.parse::<Ipv6Addr>().ok().map(|a| a.octets())
}

/// One `%2hhx` conversion of `sscanf`: returns (byte, bytes consumed).
fn scan_hex2(s: &[u8]) -> Option<(u8, usize)> {
    let mut i = s.iter().take_while(|c| is_c_space(**c)).count();
    let mut width = 2;
    let mut neg = false;
    if let Some(c @ (b'-' | b'+')) = s.get(i) {
        neg = *c == b'-';
        i += 1;
        width -= 1;
    }
    let mut digits = 0;
    let mut v: u32 = 0;
    if width > 0 && s.get(i) == Some(&b'0') {
        i += 1;
        width -= 1;
        digits += 1;
        if width > 0 && matches!(s.get(i), Some(b'x' | b'X')) {
            i += 1;
            width -= 1;
        }
    }
    while width > 0 {
        match s.get(i).and_then(|c| (*c as char).to_digit(16)) {
            Some(d) => {
                v = v * 16 + d;
                i += 1;
                width -= 1;
                digits += 1;
            }
            None => break,
        }
    }
    if digits == 0 {
        return None;
    }
    let b = if neg {
        (v as u8).wrapping_neg()
    } else {
        v as u8
    };
    Some((b, i))
}

/// A 6-byte link-layer address as libnl scans it (`%2hhx:` six times, rest ignored).
fn llc6(s: &[u8]) -> Option<[u8; 6]> {
    let mut out = [0u8; 6];
    let mut pos = 0;
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if s.get(pos) != Some(&b':') {
                return None;
            }
            pos += 1;
        }
        let (b, used) = scan_hex2(s.get(pos..)?)?;
        *slot = b;
        pos += used;
    }
    Some(out)
}

/// Generic hex bytes (`strtol(.., 16)` per byte, any one separator character), at most
/// [`PARSE_MAX`] bytes. Errors are `NLE_INVAL`.
fn hex_bytes(s: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let rest = s.get(pos..).unwrap_or_default();
        let (v, used) = strtol(rest, 16).ok_or(Error::Inval)?;
        if v > 0xff || out.len() >= PARSE_MAX {
            return Err(Error::Inval);
        }
        out.push(v as u8);
        pos += used;
        match s.get(pos) {
            None => return Ok(out),
            Some(_) => pos += 1,
        }
    }
}

/// A DECnet address `area.node` (area ≤ 63, node ≤ 1023), trailing text ignored; stored
/// little-endian.
fn dnet(s: &[u8]) -> Option<[u8; 2]> {
    // libnl-compat: each number accumulates in 16 bits (wrapping, so `65537` is 1), and
    // whatever follows the node number is ignored.
    fn num(s: &[u8]) -> Option<(u16, usize)> {
        let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        let v = s.get(..n)?.iter().fold(0u16, |acc, c| {
            acc.wrapping_mul(10).wrapping_add(u16::from(c - b'0'))
        });
        Some((v, n))
    }
    let (area, n) = num(s)?;
    // libnl-compat: area and node are separated by '.' or ','.
    if !matches!(s.get(n), Some(b'.' | b',')) {
        return None;
    }
    let (node, _) = num(s.get(n + 1..)?)?;
    if area > 63 || node > 1023 {
        return None;
    }
    let v = (area << 10) | node;
    Some(v.to_le_bytes())
}

/// An MPLS label stack `l1/l2/...` (each `strtoul` base 0, ≤ 2^20-1, at most 64 labels);
/// bottom-of-stack set on the last.
fn mpls(s: &[u8]) -> Result<Vec<u8>> {
    let mut labels = Vec::new();
    let mut pos = 0;
    loop {
        let rest = s.get(pos..).unwrap_or_default();
        let (v, used, _) = strtoul(rest, 0).ok_or(Error::Inval)?;
        if v > MPLS_LABEL_MAX || labels.len() >= PARSE_MAX / 4 {
            return Err(Error::Inval);
        }
        labels.push(ulong_to_u32(v) << 12);
        pos += used;
        match s.get(pos) {
            None => break,
            Some(b'/') => pos += 1,
            Some(_) => return Err(Error::Inval),
        }
    }
    if let Some(last) = labels.last_mut() {
        *last |= MPLS_BOS;
    }
    Ok(labels.iter().flat_map(|l| l.to_be_bytes()).collect())
}

/// `mpls_pton` (libnl's exported helper, unlike `nl_addr_parse`'s reader): the labels of
/// `text`, each read by C `strtoul` (base 0) and stored big-endian into `out` before the
/// character after it is looked at; `/` continues while room is left, the end of the text
/// sets the bottom-of-stack bit and finishes. Returns the bytes written (4 per label), or 0
/// for a label above 20 bits, anything else after a label, or more labels than `out` holds
/// (the entries before the error stay written).
pub fn mpls_pton(text: &[u8], out: &mut [u8]) -> usize {
    let mut rest = text;
    let mut i = 0usize;
    loop {
        let (value, used) = strtoul(rest, 0).map_or((0, 0), |(v, used, _)| (v, used));
        if value > MPLS_LABEL_MAX || used == 0 {
            return 0;
        }
        let mut entry = ulong_to_u32(value) << 12;
        rest = rest.get(used..).unwrap_or_default();
        if rest.is_empty() {
            entry |= MPLS_BOS;
        }
        let Some(dst) = out.get_mut(i * 4..i * 4 + 4) else {
            return 0;
        };
        dst.copy_from_slice(&entry.to_be_bytes());
        match rest.first() {
            None => return (i + 1) * 4,
            Some(b'/') => {
                rest = rest.get(1..).unwrap_or_default();
                i += 1;
                if i * 4 >= out.len() {
                    return 0;
                }
            }
            Some(_) => return 0,
        }
    }
}

/// `mpls_ntop` into `out`: the labels of the entries `entry(0)`, `entry(1)`, … (host order)
/// in decimal, joined by `/`, up to the entry with the bottom-of-stack bit. Each label is
/// written as `snprintf(…, "%u")` at the running end would write it. Returns false when the
/// text does not fit (`E2BIG`): `out` then holds what fitted, as libnl leaves it (the cut
/// label NUL-terminated, a `/` kept where one fitted exactly).
///
/// An entry is asked for only after every earlier one took at least two bytes of `out`, so
/// at most `out.len() / 2 + 1` entries are read.
pub fn mpls_ntop(mut entry: impl FnMut(usize) -> u32, out: &mut [u8]) -> bool {
    let mut pos = 0usize;
    let mut room = out.len();
    let mut i = 0usize;
    loop {
        let e = entry(i);
        let text = (e >> 12).to_string();
        if room > 0 {
            let n = text.len().min(room - 1);
            if let Some(dst) = out.get_mut(pos..pos + n) {
                dst.copy_from_slice(text.as_bytes().get(..n).unwrap_or_default());
            }
            if let Some(z) = out.get_mut(pos + n) {
                *z = 0;
            }
        }
        if text.len() >= room {
            return false;
        }
        if e & MPLS_BOS != 0 {
            return true;
        }
        if let Some(slash) = out.get_mut(pos + text.len()) {
            *slash = b'/';
        }
        pos += text.len() + 1;
        room -= text.len() + 1;
        i += 1;
    }
}

/// `nl_addr_parse`: `str` with family hint `hint`.
///
/// Errors: `NLE_NOADDR` (not an address of the family), `NLE_INVAL` (bad prefix, bad MPLS
/// stack, malformed hex), `NLE_AF_NOSUPPORT` (`default`/`all`/`any` for a family without a
/// wildcard).
///
/// Keywords (case-insensitive, whole text before an optional `/prefix`): `none` gives an empty
/// address of the hint's family; `default`, `all` and `any` give an empty address of
/// `AF_INET` (hint `AF_UNSPEC` or `AF_INET`), `AF_INET6` or `AF_LLC`, and `NLE_AF_NOSUPPORT`
/// for any other hint. With the `AF_MPLS` hint there is no `/prefix` (it separates labels).
pub fn parse(s: &[u8], hint: i32) -> Result<Addr> {
    let (text, prefix) = match (hint != AF_MPLS)
        .then(|| s.iter().position(|c| *c == b'/'))
        .flatten()
    {
        Some(i) => (s.get(..i).unwrap_or_default(), s.get(i + 1..)),
        None => (s, None),
    };
    let mut addr = if text.eq_ignore_ascii_case(b"none") {
        Addr {
            family: hint,
            prefixlen: 0,
            bytes: Vec::new(),
        }
    } else if [&b"default"[..], b"all", b"any"]
        .iter()
        .any(|k| text.eq_ignore_ascii_case(k))
    {
        // The wildcard keywords give an empty address (length 0, no room for bytes), never
        // a zero address of the family's size.
        let family = match hint {
            AF_UNSPEC => AF_INET,
            AF_INET | AF_INET6 | AF_LLC => hint,
            _ => return Err(Error::AfNoSupport),
        };
        Addr {
            family,
            prefixlen: 0,
            bytes: Vec::new(),
        }
    } else {
        let (family, bytes) = parse_bytes(text, hint)?;
        Addr::build(family, &bytes)
    };
    if let Some(p) = prefix {
        let (v, _) = strtol(p, 0).ok_or(Error::Inval)?;
        // libnl-compat: the long is truncated to int without range checks.
        addr.prefixlen = long_to_int(v);
    }
    Ok(addr)
}

fn parse_bytes(text: &[u8], hint: i32) -> Result<(i32, Vec<u8>)> {
    match hint {
        AF_MPLS => mpls(text).map(|b| (AF_MPLS, b)),
        AF_INET => inet4(text)
            .map(|b| (AF_INET, b.to_vec()))
            .ok_or(Error::NoAddr),
        AF_INET6 => inet6(text)
            .map(|b| (AF_INET6, b.to_vec()))
            .ok_or(Error::NoAddr),
        AF_LLC => llc6(text)
            .map(|b| (AF_LLC, b.to_vec()))
            .ok_or(Error::NoAddr),
        AF_DECNET => dnet(text)
            .map(|b| (AF_DECNET, b.to_vec()))
            .ok_or(Error::NoAddr),
        AF_UNSPEC => {
            if let Some(b) = inet4(text) {
                return Ok((AF_INET, b.to_vec()));
            }
            if let Some(b) = inet6(text) {
                return Ok((AF_INET6, b.to_vec()));
            }
            if let Some(b) = llc6(text) {
                return Ok((AF_LLC, b.to_vec()));
            }
            if let Some(b) = dnet(text) {
                return Ok((AF_DECNET, b.to_vec()));
            }
            if text.contains(&b':') {
                return hex_bytes(text).map(|b| (AF_UNSPEC, b));
            }
            Err(Error::NoAddr)
        }
        _ => Err(Error::NoAddr),
    }
}

/// `nl_addr_valid`: whether `s` is an address of `family` (1/0). Families without a parser
/// are always "valid", also for a NULL string (`None`, as in libnl); for the others NULL is
/// not (libnl crashes). `AF_LLC` never is (libnl-compat: libnl 3.7's check always fails).
pub fn valid(s: Option<&[u8]>, family: i32) -> bool {
    match (family, s) {
        (AF_INET, Some(s)) => inet4(s).is_some(),
        (AF_INET6, Some(s)) => inet6(s).is_some(),
        (AF_MPLS, Some(s)) => mpls(s).is_ok(),
        (AF_DECNET, Some(s)) => dnet(s).is_some(),
        (AF_INET | AF_INET6 | AF_MPLS | AF_DECNET | AF_LLC, _) => false,
        _ => true,
    }
}

/// `nl_addr_guess_family`: by length only (4, 16, 6 bytes).
pub fn guess_family(len: usize) -> i32 {
    match len {
        4 => AF_INET,
        16 => AF_INET6,
        6 => AF_LLC,
        _ => AF_UNSPEC,
    }
}

/// `inet_ntop(AF_INET6)` as glibc prints it (longest zero run ≥ 2 compressed, embedded IPv4
/// for the compatible and mapped forms).
fn ntop6(b: &[u8; 16]) -> String {
    let words: Vec<u16> = b
        .chunks(2)
        .map(|c| {
            u16::from_be_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    let (mut best, mut cur): ((usize, usize), Option<(usize, usize)>) = ((0, 0), None);
    for (i, w) in words.iter().enumerate() {
        if *w == 0 {
            let c = cur.map_or((i, 1), |(s, l)| (s, l + 1));
            cur = Some(c);
            if c.1 > best.1 {
                best = c;
            }
        } else {
            cur = None;
        }
    }
    let (bs, bl) = if best.1 >= 2 { best } else { (usize::MAX, 0) };
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if i == bs {
            out.push(':');
            i += bl;
            if i >= 8 {
                out.push(':');
            }
            continue;
        }
        if i > 0 {
            out.push(':');
        }
        let v4_tail = i == 6 && bs == 0 && (bl == 6 || (bl == 5 && words.get(5) == Some(&0xffff)));
        if v4_tail {
            let t = b.get(12..16).unwrap_or_default();
            out.push_str(
                &t.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join("."),
            );
            break;
        }
        out.push_str(&format!("{:x}", words.get(i).copied().unwrap_or(0)));
        i += 1;
    }
    out
}

fn hex_colon(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// `nl_addr2str`: the textual form of `a` (the caller truncates to its buffer).
pub fn to_string(a: &Addr) -> String {
    let len = a.bytes.len();
    let mut out = if len == 0 {
        "none".to_string()
    } else {
        match a.family {
            AF_INET => {
                // libnl-compat: libnl reads 4 bytes even from shorter addresses; we zero-pad.
                let mut b = [0u8; 4];
                for (d, s) in b.iter_mut().zip(&a.bytes) {
                    *d = *s;
                }
                Ipv4Addr::from(b).to_string()
            }
            AF_INET6 => {
                let mut b = [0u8; 16];
                for (d, s) in b.iter_mut().zip(&a.bytes) {
                    *d = *s;
                }
                ntop6(&b)
            }
            AF_MPLS => mpls_to_string(&a.bytes),
            AF_DECNET if len == 2 => {
                let v = u16::from_le_bytes([
                    a.bytes.first().copied().unwrap_or(0),
                    a.bytes.get(1).copied().unwrap_or(0),
                ]);
                format!("{}.{}", v >> 10, v & 0x3ff)
            }
            // libnl-compat: libnl prints uninitialised stack bytes for DECnet addresses that
            // are not 2 bytes long; we fall back to hex.
            _ => hex_colon(&a.bytes),
        }
    };
    let all_bits = (len as u32).wrapping_mul(8);
    if a.family != AF_MPLS && a.prefixlen as u32 != all_bits {
        out.push_str(&format!("/{}", a.prefixlen as u32));
    }
    out
}

/// MPLS labels joined by `/`, up to the bottom-of-stack entry. libnl-compat: libnl keeps
/// reading past the address when no entry has the bottom-of-stack bit; we stop at its end
/// (a partial trailing entry is zero-padded).
fn mpls_to_string(b: &[u8]) -> String {
    let mut labels = Vec::new();
    for chunk in b.chunks(4) {
        let mut e = [0u8; 4];
        for (d, s) in e.iter_mut().zip(chunk) {
            *d = *s;
        }
        let v = u32::from_be_bytes(e);
        labels.push((v >> 12).to_string());
        if v & MPLS_BOS != 0 {
            break;
        }
    }
    labels.join("/")
}

/// C `memcmp` as glibc returns it: the difference of the first differing bytes.
fn memcmp(a: &[u8], b: &[u8]) -> i32 {
    a.iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .map_or(0, |(x, y)| i32::from(*x) - i32::from(*y))
}

/// `nl_addr_cmp` / `nl_addr_cmp_prefix` (`cmp`) over possibly NULL addresses (`None`): two
/// NULLs are equal, a NULL one sorts first.
pub fn cmp_nullable(
    a: Option<&Addr>,
    b: Option<&Addr>,
    cmp: impl FnOnce(&Addr, &Addr) -> i32,
) -> i32 {
    match (a, b) {
        (Some(x), Some(y)) => cmp(x, y),
        (None, None) => 0,
        (None, Some(_)) => -1,
        (Some(_), None) => 1,
    }
}

/// `nl_addr_cmp`: family, then length, then bytes, then prefix length (differences, as libnl
/// returns them).
pub fn cmp(a: &Addr, b: &Addr) -> i32 {
    let mut d = a.family.wrapping_sub(b.family);
    if d == 0 {
        d = (a.bytes.len() as u32).wrapping_sub(b.bytes.len() as u32) as i32;
        if d == 0 {
            d = memcmp(&a.bytes, &b.bytes);
            if d == 0 {
                d = a.prefixlen.wrapping_sub(b.prefixlen);
            }
        }
    }
    d
}

/// `nl_addr_cmp_prefix`: family, then the first `min(prefixlen)` bits.
///
/// libnl-compat: libnl reads past the address when the prefix is longer than it, and crashes
/// for prefixes below -7; we treat missing bytes as zero and negative lengths as their low
/// three bits (what libnl does for -1..-7).
pub fn cmp_prefix(a: &Addr, b: &Addr) -> i32 {
    let d = a.family.wrapping_sub(b.family);
    if d != 0 {
        return d;
    }
    let len = a.prefixlen.min(b.prefixlen);
    let bytes = usize::try_from(len / 8).unwrap_or(0);
    let byte = |x: &Addr, i: usize| i32::from(x.bytes.get(i).copied().unwrap_or(0));
    // Past both addresses every byte is zero on both sides: stop there (a prefix length of
    // 2^31 would otherwise mean 2^28 comparisons; found by the addr fuzz target).
    let have = a.bytes.len().max(b.bytes.len());
    for i in 0..bytes.min(have) {
        let diff = byte(a, i) - byte(b, i);
        if diff != 0 {
            return diff;
        }
    }
    let rest = len & 7;
    if rest != 0 {
        let mask = (0xff00 >> rest) & 0xff;
        return (byte(a, bytes) & mask) - (byte(b, bytes) & mask);
    }
    0
}

/// `nl_addr_iszero`: all bytes zero (true for an empty address).
pub fn is_zero(a: &Addr) -> bool {
    a.bytes.iter().all(|b| *b == 0)
}

/// What `nl_addr_fill_sockaddr` writes: family and address bytes of a `sockaddr_in{,6}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SockAddr {
    /// `sockaddr_in` (16 bytes): address at offset 4.
    V4([u8; 4]),
    /// `sockaddr_in6` (28 bytes): address at offset 8.
    V6([u8; 16]),
}

impl SockAddr {
    /// Size of the socket address structure.
    pub fn len(&self) -> usize {
        match self {
            SockAddr::V4(_) => 16,
            SockAddr::V6(_) => 28,
        }
    }

    /// Always false (a socket address has a fixed size); for clippy's `len` convention.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Writes the family (host order, at offset 0) and the address (offset 4 or 8) into the
    /// start of `out`, as libnl does: the other fields (port, flow info, scope) are left as
    /// they are; what does not fit into `out` is not written.
    pub fn write_into(&self, out: &mut [u8]) {
        let (family, off, bytes): (i32, usize, &[u8]) = match self {
            SockAddr::V4(b) => (AF_INET, 4, b),
            SockAddr::V6(b) => (AF_INET6, 8, b),
        };
        if let Some(f) = out.get_mut(0..2) {
            f.copy_from_slice(&(family as u16).to_ne_bytes());
        }
        if let Some(a) = out.get_mut(off..off + bytes.len()) {
            a.copy_from_slice(bytes);
        }
    }
}

/// The socket address `nl_addr_resolve` hands to `getnameinfo`: [`fill_sockaddr`] with the
/// room of a `sockaddr_in6`, written into zeroed bytes of the structure's size.
pub fn resolve_sockaddr(a: &Addr) -> Result<Vec<u8>> {
    let s = fill_sockaddr(a, SockAddr::V6([0; 16]).len())?;
    let mut buf = vec![0u8; s.len()];
    s.write_into(&mut buf);
    Ok(buf)
}

/// `nl_addr_fill_sockaddr`: the socket address for `a` given `room` bytes of output.
/// `NLE_INVAL` for other families, too little room, or a length that is neither 0 nor the
/// family's size (an empty address gives the wildcard).
pub fn fill_sockaddr(a: &Addr, room: usize) -> Result<SockAddr> {
    let sa = match a.family {
        AF_INET => {
            let mut b = [0u8; 4];
            match a.bytes.len() {
                0 => {}
                4 => b.copy_from_slice(&a.bytes),
                _ => return Err(Error::Inval),
            }
            SockAddr::V4(b)
        }
        AF_INET6 => {
            let mut b = [0u8; 16];
            match a.bytes.len() {
                0 => {}
                16 => b.copy_from_slice(&a.bytes),
                _ => return Err(Error::Inval),
            }
            SockAddr::V6(b)
        }
        _ => return Err(Error::Inval),
    };
    if room < sa.len() {
        return Err(Error::Inval);
    }
    Ok(sa)
}

/// glibc's `EAI_ADDRFAMILY` (a GNU extension the libc crate does not export).
const EAI_ADDRFAMILY: i32 = -9;
/// glibc's `EAI_NODATA` (GNU extension).
const EAI_NODATA: i32 = -5;

/// `getaddrinfo` error (`EAI_*`) → NLE error, as `nl_addr_info` maps them.
pub fn eai_to_error(eai: i32) -> Error {
    match eai {
        EAI_ADDRFAMILY | libc::EAI_FAMILY => Error::AfNoSupport,
        libc::EAI_AGAIN => Error::Again,
        libc::EAI_BADFLAGS => Error::Inval,
        libc::EAI_FAIL | EAI_NODATA => Error::NoAddr,
        libc::EAI_MEMORY => Error::NoMem,
        libc::EAI_NONAME => Error::ObjNotFound,
        libc::EAI_SERVICE => Error::OpNotSupp,
        libc::EAI_SOCKTYPE => Error::BadSock,
        _ => Error::Failure,
    }
}

/// Sign of an ordering as -1/0/1 (helper for callers comparing values).
pub fn sign(o: Ordering) -> i32 {
    o as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cnum::by_long;

    fn p(s: &str, f: i32) -> Result<Addr> {
        parse(s.as_bytes(), f)
    }

    fn show(s: &str, f: i32) -> String {
        match p(s, f) {
            Ok(a) => format!("{} {} {}", a.family, a.prefixlen, to_string(&a)),
            Err(e) => format!("E{}", e.to_nle()),
        }
    }

    #[test]
    fn keywords() {
        assert_eq!(show("default", 0), "2 0 none");
        assert_eq!(show("Any/8", 10), "10 8 none/8");
        assert_eq!(show("none", 0), "0 0 none");
        assert_eq!(show("NONE/3", 28), "E-7");
        assert_eq!(show("none", 28), "28 0 none");
        assert_eq!(show("default", 28), "E-11");
        assert_eq!(show("default", 12), "E-11");
        assert_eq!(show("default/", 12), "E-11");
        assert_eq!(show("none/", 12), "E-7");
        assert_eq!(show("default", 26), "26 0 none");
        assert_eq!(show("all", 0), "2 0 none");
        assert_eq!(show("ALL/64", 10), "10 64 none/64");
        assert_eq!(show("All", 7), "E-11");
        assert_eq!(show("all/", 2), "E-7");
        assert_eq!(show("all/", 7), "E-11");
        assert_eq!(show("all", 28), "E-11");
        assert_eq!(show("all/1", 28), "E-7");
        assert_eq!(show("allx", 0), "E-19");
        assert_eq!(show("", 0), "E-19");
        assert_eq!(show("", 28), "E-7");
    }

    #[test]
    fn inet() {
        assert_eq!(show("1.2.3.4", 0), "2 32 1.2.3.4");
        assert_eq!(show("1.2.3.4/24", 2), "2 24 1.2.3.4/24");
        assert_eq!(show("1.2.3.4/-1", 2), "2 -1 1.2.3.4/4294967295");
        // strtol saturates at LONG_MAX, then the long is truncated to int.
        let max32 = "2 2147483647 1.2.3.4/2147483647";
        assert_eq!(
            show("1.2.3.4/4294967297", 2),
            by_long("2 1 1.2.3.4/1", max32)
        );
        assert_eq!(
            show("1.2.3.4/999999999999999999999", 2),
            by_long("2 -1 1.2.3.4/4294967295", max32)
        );
        assert_eq!(show("1.2.3.4/0x10", 2), "2 16 1.2.3.4/16");
        assert_eq!(show("1.2.3.4/abc", 2), "E-7");
        assert_eq!(show("1.2.3.4/", 2), "E-7");
        assert_eq!(show("x/abc", 0), "E-19");
        assert_eq!(show("1.2.3", 2), "E-19");
        assert_eq!(show("::1", 0), "10 128 ::1");
        assert_eq!(show("fe80::1/64", 10), "10 64 fe80::1/64");
        assert_eq!(show("::ffff:1.2.3.4", 0), "10 128 ::ffff:1.2.3.4");
    }

    #[test]
    fn guessing_order() {
        assert_eq!(show("1.2.3", 0), "12 16 1.2");
        assert_eq!(show("1.2.3.4 ", 0), "12 16 1.2");
        assert_eq!(show("1:2:3:4:5:6:7:8:9", 0), "26 48 01:02:03:04:05:06");
        assert_eq!(show("a:b:c", 0), "0 24 0a:0b:0c");
        assert_eq!(show("aa:", 0), "E-7");
        assert_eq!(show("1:-100", 0), "0 16 01:00");
        assert_eq!(show("1:2;3", 0), "0 24 01:02:03");
        assert_eq!(show("1.2:3", 0), "12 16 1.2");
        assert_eq!(show("aa", 0), "E-19");
        assert_eq!(show("aa:bb:cc:dd:ee:fg", 0), "26 48 aa:bb:cc:dd:ee:0f");
        assert_eq!(show("0x:2:3:4:5:6", 26), "26 48 00:02:03:04:05:06");
        assert_eq!(show("-1:2:3:4:5:6", 26), "26 48 ff:02:03:04:05:06");
        assert_eq!(show("aaa:bb:cc:dd:ee:ff", 26), "E-19");
        assert_eq!(show("aa:bb:cc:dd:ee:ff", 7), "E-19");
    }

    #[test]
    fn decnet_and_mpls() {
        assert_eq!(show("63.1023", 12), "12 16 63.1023");
        assert_eq!(show("64.1", 12), "E-19");
        assert_eq!(show("1.2x", 12), "12 16 1.2");
        // Found by the diff fuzz target against libnl: ',' separates too, and the numbers
        // wrap at 16 bits.
        assert_eq!(show("2,2", 0), "12 16 2.2");
        assert_eq!(show("63,1023x", 12), "12 16 63.1023");
        assert_eq!(show("65537.1", 12), "12 16 1.1");
        assert_eq!(show("1.66560", 12), "E-19");
        assert_eq!(show(",2", 12), "E-19");
        assert_eq!(show("1", 28), "28 20 1");
        assert_eq!(show("100/200", 28), "28 20 100/200");
        assert_eq!(show("0x10/010", 28), "28 20 16/8");
        assert_eq!(show("1048576", 28), "E-7");
        assert_eq!(show("1 /2", 28), "E-7");
        assert_eq!(show("1/", 28), "E-7");
        let many = vec!["1"; 64].join("/");
        assert_eq!(p(&many, 28).unwrap().bytes.len(), 256);
        let too_many = vec!["1"; 65].join("/");
        assert_eq!(p(&too_many, 28), Err(Error::Inval));
    }

    #[test]
    fn hex_limit() {
        let s = vec!["0x01"; 256].join(":");
        assert_eq!(p(&s, 0).unwrap().bytes.len(), 256);
        let s = vec!["0x01"; 257].join(":");
        assert_eq!(p(&s, 0), Err(Error::Inval));
    }

    #[test]
    fn format() {
        let a = Addr::build(AF_INET, &[1, 2, 3]);
        assert_eq!(to_string(&a), "1.2.3.0");
        let a = Addr::build(AF_MPLS, &[0, 0, 0x10, 0]);
        assert_eq!(to_string(&a), "1");
        let a = Addr::build(AF_DECNET, &[1, 2, 3]);
        assert_eq!(to_string(&a), "01:02:03");
        let mut a = Addr::build(99, &[]);
        a.prefixlen = 3;
        assert_eq!(to_string(&a), "none/3");
        assert_eq!(ntop6(&[0; 16]), "::");
        let mut b = [0u8; 16];
        b[12..].copy_from_slice(&[1, 2, 3, 4]);
        assert_eq!(ntop6(&b), "::1.2.3.4");
        b[15] = 1;
        b[12..15].fill(0);
        assert_eq!(ntop6(&b), "::1");
        assert_eq!(af2str(27), "0x1b");
        assert_eq!(af2str(-1), "0xffffffff");
        assert_eq!(str2af(b"INET6"), 10);
        assert_eq!(str2af(b"4294967296"), by_long(0, -libc::EINVAL));
        assert_eq!(str2af(b"9223372036854775808"), by_long(0, -libc::EINVAL));
        assert_eq!(str2af(b"2147483648"), -libc::EINVAL);
        assert_eq!(str2af(b" 5"), 5);
        assert_eq!(str2af(b"5 "), -libc::EINVAL);
        assert_eq!(str2af(b"-2"), -libc::EINVAL);
        assert_eq!(str2af(b""), -libc::EINVAL);
        assert_eq!(str2af(b"08"), -libc::EINVAL);
    }

    #[test]
    fn compare() {
        let a = p("1.2.3.4", 0).unwrap();
        let b = p("1.2.3.4/24", 0).unwrap();
        assert_eq!(cmp(&a, &b), 8);
        assert_eq!(cmp_prefix(&a, &b), 0);
        let c = p("255.2.3.4", 0).unwrap();
        assert_eq!(cmp(&a, &c), -254);
        let x = Addr {
            family: 0,
            prefixlen: 7,
            bytes: vec![1],
        };
        let y = Addr {
            family: 0,
            prefixlen: -1,
            bytes: vec![2],
        };
        assert_eq!(cmp_prefix(&x, &y), -2);
        // Huge prefixes compare the bytes there are, at once (the addr fuzz target hung here).
        let start = std::time::Instant::now();
        let big = |b: Vec<u8>| Addr {
            family: AF_INET6,
            prefixlen: i32::MAX,
            bytes: b,
        };
        assert_eq!(
            cmp_prefix(&big(vec![0x80, 0, 1]), &big(vec![0x80, 0, 1])),
            0
        );
        assert_eq!(cmp_prefix(&big(vec![0x80, 0, 1]), &big(vec![0x80, 0])), 1);
        assert_eq!(cmp_prefix(&big(vec![]), &big(vec![0, 0, 0, 7])), -7);
        assert!(start.elapsed() < std::time::Duration::from_millis(100));
        assert!(is_zero(&Addr::default()));
        assert_eq!(guess_family(6), AF_LLC);
        assert!(valid(Some(b"1.2x"), AF_DECNET));
        assert!(!valid(Some(b"aa:bb:cc:dd:ee:ff"), AF_LLC));
        assert!(valid(Some(b""), 0));
        assert!(valid(Some(b"1.2.3.4"), AF_INET) && !valid(Some(b"1.2.3"), AF_INET));
        assert!(valid(Some(b"::1"), AF_INET6) && valid(Some(b"5/6"), AF_MPLS));
        for f in [AF_INET, AF_INET6, AF_MPLS, AF_DECNET, AF_LLC] {
            assert!(!valid(None, f));
        }
        assert!(valid(None, AF_UNSPEC) && valid(None, 7));
        assert_eq!(fill_sockaddr(&a, 15), Err(Error::Inval));
        assert_eq!(fill_sockaddr(&a, 16), Ok(SockAddr::V4([1, 2, 3, 4])));
        assert_eq!(
            fill_sockaddr(&Addr::build(AF_INET, &[1]), 16),
            Err(Error::Inval)
        );
        assert_eq!(sign(Ordering::Less), -1);
        assert_eq!(cmp_nullable(Some(&a), Some(&c), cmp), -254);
        assert_eq!(cmp_nullable(None, None, cmp), 0);
        assert_eq!(cmp_nullable(None, Some(&a), cmp_prefix), -1);
        assert_eq!(cmp_nullable(Some(&a), None, cmp_prefix), 1);
    }

    #[test]
    fn sockaddrs() {
        let mut out = [0xaau8; 30];
        SockAddr::V4([1, 2, 3, 4]).write_into(&mut out);
        let fam = (AF_INET as u16).to_ne_bytes();
        assert_eq!(out[..8], [fam[0], fam[1], 0xaa, 0xaa, 1, 2, 3, 4]);
        assert!(out[8..].iter().all(|b| *b == 0xaa));
        let mut out = [0xaau8; 28];
        SockAddr::V6([9; 16]).write_into(&mut out);
        let fam = (AF_INET6 as u16).to_ne_bytes();
        assert_eq!(out[..2], fam);
        assert_eq!(out[2..8], [0xaa; 6]);
        assert_eq!(out[8..24], [9; 16]);
        assert_eq!(out[24..], [0xaa; 4]);
        // too short: only what fits
        let mut out = [0u8; 6];
        SockAddr::V4([1, 2, 3, 4]).write_into(&mut out);
        assert_eq!(out, [fam_of(AF_INET)[0], fam_of(AF_INET)[1], 0, 0, 0, 0]);

        let v6 = resolve_sockaddr(&p("::1", 0).unwrap()).unwrap();
        assert_eq!(v6.len(), 28);
        assert_eq!(
            (v6[..2].to_vec(), v6[23], v6[2..8].to_vec()),
            (fam.to_vec(), 1, vec![0; 6])
        );
        let v4 = resolve_sockaddr(&p("10.0.0.1", 0).unwrap()).unwrap();
        assert_eq!(v4.len(), 16);
        assert_eq!(v4[4..8], [10, 0, 0, 1]);
        assert_eq!(
            resolve_sockaddr(&Addr::build(AF_MPLS, &[0; 4])),
            Err(Error::Inval)
        );
    }

    fn fam_of(f: i32) -> [u8; 2] {
        (f as u16).to_ne_bytes()
    }

    fn pton(text: &[u8], max: usize) -> (usize, Vec<u32>) {
        let mut out = vec![0u8; max * 4];
        let n = mpls_pton(text, &mut out);
        let v = out
            .chunks(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        (n, v)
    }

    #[test]
    fn mpls_pton_labels() {
        assert_eq!(pton(b"100", 1), (4, vec![0x0006_4100]));
        assert_eq!(pton(b"100/200", 2), (8, vec![0x0006_4000, 0x000c_8100]));
        assert_eq!(pton(b"1048575", 1), (4, vec![0xffff_f100]));
        assert_eq!(pton(b"1048576", 1), (0, vec![0]));
        assert_eq!(pton(b"", 1), (0, vec![0]));
        assert_eq!(pton(b"abc", 1), (0, vec![0]));
        assert_eq!(pton(b"5/", 2), (0, vec![0x5000, 0]));
        assert_eq!(pton(b"/5", 1), (0, vec![0]));
        assert_eq!(pton(b"100 ", 1), (0, vec![0x0006_4000]));
        assert_eq!(pton(b"0x10", 1), (4, vec![0x0001_0100]));
        assert_eq!(pton(b" +7", 1), (4, vec![0x7100]));
        assert_eq!(pton(b"010", 1), (4, vec![0x8100]));
        assert_eq!(pton(b"0x", 1), (0, vec![0]));
        assert_eq!(pton(b"-", 1), (0, vec![0]));
        assert_eq!(pton(b"-1", 1), (0, vec![0]));
        assert_eq!(pton(b"99999999999999999999999", 1), (0, vec![0]));
        // more labels than room: the ones that fit are written, the result is 0
        assert_eq!(pton(b"1/2/3", 2), (0, vec![0x1000, 0x2000]));
        assert_eq!(pton(b"1/2", 1), (0, vec![0x1000]));
        assert_eq!(pton(b"1", 0), (0, vec![]));
    }

    fn ntop(entries: &[u32], len: usize) -> (bool, Vec<u8>, usize) {
        let mut out = vec![b'#'; len];
        let mut asked = 0;
        let ok = mpls_ntop(
            |i| {
                asked = asked.max(i + 1);
                entries[i]
            },
            &mut out,
        );
        (ok, out, asked)
    }

    #[test]
    fn mpls_ntop_labels() {
        let stack = [0x0006_4000, 0x000c_8000, 0x0000_3100];
        assert_eq!(ntop(&stack, 16), (true, b"100/200/3\0######".to_vec(), 3));
        assert_eq!(ntop(&stack, 10), (true, b"100/200/3\0".to_vec(), 3));
        // too small: the cut label, and the slash after a label that fitted exactly
        assert_eq!(ntop(&stack, 9), (false, b"100/200/\0".to_vec(), 3));
        assert_eq!(ntop(&stack, 6), (false, b"100/2\0".to_vec(), 2));
        assert_eq!(ntop(&stack, 4), (false, b"100/".to_vec(), 2));
        assert_eq!(ntop(&stack, 3), (false, b"10\0".to_vec(), 1));
        assert_eq!(ntop(&stack, 0), (false, b"".to_vec(), 1));
        assert_eq!(ntop(&[0xffff_f100], 8), (true, b"1048575\0".to_vec(), 1));
        // never more than len / 2 + 1 entries are read
        let zeros = [0u32; 8];
        let (ok, _, asked) = ntop(&zeros, 14);
        assert_eq!((ok, asked), (false, 8));
    }
}
