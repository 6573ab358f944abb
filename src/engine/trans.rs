//! Number ↔ name translation tables (libnl's `trans_tbl` helpers) and the built-in tables of
//! link-layer types (`ARPHRD_*`), ethernet protocols (`ETH_P_*`) and netlink families.
//!
//! The helpers take the table as a slice of `(value, name)` pairs; a `None` name stands for a
//! C entry whose name pointer is NULL (libnl would crash on it: we print `(null)` like glibc's
//! `printf("%s", NULL)` and never match it by name).
#![forbid(unsafe_code)]

use crate::engine::cnum;
use crate::error::{Error, Result};
use std::ffi::{c_long, c_ulong};

/// One table entry as the helpers see it: the value and the name bytes (no NUL).
pub type Entry<'a> = (u64, Option<&'a [u8]>);

fn name_or_null(a: Option<&[u8]>) -> &[u8] {
    a.unwrap_or(b"(null)")
}

/// `__type2str`: the name of the first entry whose value equals `ty` sign-extended to 64 bits,
/// else `0x%x` of `ty` as unsigned.
pub fn type2str<'a>(ty: i32, tbl: impl IntoIterator<Item = Entry<'a>>) -> Vec<u8> {
    let wanted = i64::from(ty) as u64;
    for (i, a) in tbl {
        if i == wanted {
            return name_or_null(a).to_vec();
        }
    }
    hex(ty)
}

/// `0x%x` of `v` as unsigned: the text of a value without a name.
fn hex(v: i32) -> Vec<u8> {
    format!("0x{:x}", v as u32).into_bytes()
}

/// The entries of a C `trans_list` (values are `int`) for [`type2str`] / [`str2type`]: each
/// value sign-extended to 64 bits, so it matches exactly the `int` it holds.
pub fn list_entries<'a>(
    items: &'a [(i32, Option<&'a [u8]>)],
) -> impl Iterator<Item = Entry<'a>> + Clone {
    items.iter().map(|(i, a)| (i64::from(*i) as u64, *a))
}

/// `nl_ip_proto2str`: the name the protocols database gave (`db`), else `0x%x`.
pub fn ip_proto2str(proto: i32, db: Option<Vec<u8>>) -> Vec<u8> {
    db.unwrap_or_else(|| hex(proto))
}

/// `nl_str2ip_proto`: the number the protocols database gave (`db`), else the numeric
/// fallback of [`str2type`]. libnl-compat: `""` gives 0 (libnl's `strtoul` end check passes).
pub fn str2ip_proto(s: &[u8], db: Option<i32>) -> Result<i32> {
    match db {
        Some(p) => Ok(p),
        None if s.is_empty() => Ok(0),
        None => numeric_fallback(s),
    }
}

/// Case-insensitive whole-string comparison (`strcasecmp(..) == 0`, ASCII).
fn eq_ci(a: &[u8], b: &[u8]) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `__str2type`: `""` → `Inval`; the first entry whose name matches case-insensitively →
/// its value truncated to `int`; else a complete `strtoul(s, 0)` number that is not
/// `ULONG_MAX`, truncated to `int`; else `ObjNotFound`.
pub fn str2type<'a>(s: &[u8], tbl: impl IntoIterator<Item = Entry<'a>>) -> Result<i32> {
    if s.is_empty() {
        return Err(Error::Inval);
    }
    for (i, a) in tbl {
        if a.is_some_and(|a| eq_ci(a, s)) {
            return Ok(i as i32);
        }
    }
    numeric_fallback(s)
}

/// The numeric fallback of [`str2type`]: the whole string must be a C `strtoul` number other
/// than `ULONG_MAX` (libnl-compat: an empty number, e.g. `"x"`, leaves `end == s` and `*end`
/// non-NUL, so it fails too).
pub fn numeric_fallback(s: &[u8]) -> Result<i32> {
    match cnum::strtoul(s, 0) {
        Some((v, used, _)) if used == s.len() && v != c_ulong::MAX => Ok(v as i32),
        _ => Err(Error::ObjNotFound),
    }
}

/// `__flags2str` into a buffer of `len` bytes: walks the table in order; an entry whose bits
/// meet the bits not printed yet clears them and appends its name, followed by `,` when any of
/// the original bits are still unprinted. Appends are cut so the text stays below `len` bytes
/// (libnl's `strncat` bound); unknown bits only leave the trailing comma.
pub fn flags2str<'a>(flags: i32, len: usize, tbl: impl IntoIterator<Item = Entry<'a>>) -> Vec<u8> {
    let mut out = Vec::new();
    let cap = len.saturating_sub(1);
    // libnl-compat: the working copy is an `int`, widened (sign-extended) for each test
    // against the 64-bit table values and truncated back after clearing bits.
    let mut rest: i32 = flags;
    let append = |out: &mut Vec<u8>, s: &[u8]| {
        let room = cap.saturating_sub(out.len());
        out.extend_from_slice(s.get(..s.len().min(room)).unwrap_or_default());
    };
    for (i, a) in tbl {
        let wide = i64::from(rest) as u64;
        if i & wide != 0 {
            rest = (wide & !i) as i32;
            append(&mut out, name_or_null(a));
            if rest & flags != 0 {
                append(&mut out, b",");
            }
        }
    }
    out
}

/// `__str2flags`: splits at `,`, drops one leading space per token, ORs the values of every
/// entry whose name equals the token case-insensitively (same length); unknown tokens are
/// ignored. Never fails.
pub fn str2flags<'a>(s: &[u8], tbl: impl IntoIterator<Item = Entry<'a>> + Clone) -> i32 {
    let mut flags: u64 = 0;
    for tok in s.split(|c| *c == b',') {
        let tok = tok.strip_prefix(b" ").unwrap_or(tok);
        for (i, a) in tbl.clone() {
            if a.is_some_and(|a| eq_ci(a, tok)) {
                flags |= i;
            }
        }
    }
    flags as i32
}

/// A built-in table as [`Entry`] items.
pub fn entries(
    tbl: &'static [(u64, &'static str)],
) -> impl Iterator<Item = Entry<'static>> + Clone {
    tbl.iter().map(|(i, a)| (*i, Some(a.as_bytes())))
}

/// Splits file contents the way repeated `fgets(buf, size, f)` calls read it: chunks of at
/// most `size - 1` bytes, each ending after a newline when one comes first.
pub fn fgets_chunks(data: &[u8], size: usize) -> impl Iterator<Item = &[u8]> {
    let max = size.saturating_sub(1).max(1);
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let window = rest.get(..rest.len().min(max)).unwrap_or(rest);
        let n = window
            .iter()
            .position(|c| *c == b'\n')
            .map_or(window.len(), |p| p + 1);
        let (chunk, tail) = rest.split_at(n.min(rest.len()));
        rest = tail;
        Some(chunk)
    })
}

/// One `fgets` chunk of a `<number> <name>` file: `None` for skipped lines (starting with
/// `#`, `\n` or `\r`), the number and the name, or the error libnl returns (`Inval` for a
/// missing number or name, `Range` for a number at the `long` limits).
pub fn num_str_line(chunk: &[u8]) -> Option<Result<(c_long, &[u8])>> {
    // C string functions stop at an embedded NUL.
    let line = chunk.split(|c| *c == 0).next().unwrap_or_default();
    if matches!(line.first(), Some(b'#' | b'\n' | b'\r')) {
        return None;
    }
    let Some((num, used)) = cnum::strtol(line, 0) else {
        return Some(Err(Error::Inval));
    };
    if num == c_long::MIN || num == c_long::MAX {
        return Some(Err(Error::Range));
    }
    let rest = line.get(used..).unwrap_or_default();
    let skip = rest
        .iter()
        .take_while(|c| **c == b' ' || **c == b'\t')
        .count();
    let rest = rest.get(skip..).unwrap_or_default();
    let good = rest
        .iter()
        .take_while(|c| !b"#\r\n\t ".contains(*c))
        .count();
    if good == 0 {
        return Some(Err(Error::Inval));
    }
    Some(Ok((num, rest.get(..good).unwrap_or_default())))
}

/// `__nl_read_num_str_file` over the file's contents: the `<number> <name>` lines, read in
/// 127-byte `fgets` chunks, each handed to `cb` with the name. Returns 0, the negative NLE
/// code of the first bad line ([`num_str_line`]) or the first negative value `cb` returns.
pub fn read_num_str(data: &[u8], mut cb: impl FnMut(c_long, &[u8]) -> i32) -> i32 {
    for chunk in fgets_chunks(data, 128) {
        match num_str_line(chunk) {
            None => {}
            Some(Err(e)) => return e.to_nle(),
            Some(Ok((num, name))) => {
                let err = cb(num, name);
                if err < 0 {
                    return err;
                }
            }
        }
    }
    0
}

/// Link-layer types (`ARPHRD_*`) as `nl_llproto2str` names them, in libnl's order.
pub const LLPROTOS: &[(u64, &str)] = &[
    (0x0, "generic"),
    (0x0, "netrom"),
    (0x1, "ether"),
    (0x2, "eether"),
    (0x3, "ax25"),
    (0x4, "pronet"),
    (0x5, "chaos"),
    (0x6, "ieee802"),
    (0x7, "arcnet"),
    (0x8, "atalk"),
    (0xf, "dlci"),
    (0x13, "atm"),
    (0x17, "metricom"),
    (0x18, "ieee1394"),
    (0x1b, "eui64"),
    (0x20, "infiniband"),
    (0x100, "slip"),
    (0x101, "cslip"),
    (0x102, "slip6"),
    (0x103, "cslip6"),
    (0x104, "rsrvd"),
    (0x108, "adapt"),
    (0x10e, "rose"),
    (0x10f, "x25"),
    (0x110, "hwx25"),
    (0x118, "can"),
    (0x200, "ppp"),
    (0x201, "cisco"),
    (0x201, "hdlc"),
    (0x204, "lapb"),
    (0x205, "ddcmp"),
    (0x206, "rawhdlc"),
    (0x300, "ipip"),
    (0x301, "tunnel6"),
    (0x302, "frad"),
    (0x303, "skip"),
    (0x304, "loopback"),
    (0x305, "localtlk"),
    (0x306, "fddi"),
    (0x307, "bif"),
    (0x308, "sit"),
    (0x309, "ip/ddp"),
    (0x30a, "gre"),
    (0x30b, "pimreg"),
    (0x30c, "hippi"),
    (0x30d, "ash"),
    (0x30e, "econet"),
    (0x30f, "irda"),
    (0x310, "fcpp"),
    (0x311, "fcal"),
    (0x312, "fcpl"),
    (0x313, "fcfb_0"),
    (0x314, "fcfb_1"),
    (0x315, "fcfb_2"),
    (0x316, "fcfb_3"),
    (0x317, "fcfb_4"),
    (0x318, "fcfb_5"),
    (0x319, "fcfb_6"),
    (0x31a, "fcfb_7"),
    (0x31b, "fcfb_8"),
    (0x31c, "fcfb_9"),
    (0x31d, "fcfb_10"),
    (0x31e, "fcfb_11"),
    (0x31f, "fcfb_12"),
    (0x320, "tr"),
    (0x321, "ieee802.11"),
    (0x322, "ieee802.11_prism"),
    (0x323, "ieee802.11_radiotap"),
    (0x324, "ieee802.15.4"),
    (0x325, "ieee802.15.4_monitor"),
    (0x334, "phonet"),
    (0x335, "phonet_pipe"),
    (0x336, "caif"),
    (0x337, "ip6gre"),
    (0x338, "netlink"),
    (0x339, "6lowpan"),
    (0xffff, "void"),
    (0xfffe, "nohdr"),
];

/// Ethernet protocols (`ETH_P_*`) as `nl_ether_proto2str` names them, in libnl's order.
pub const ETHER_PROTOS: &[(u64, &str)] = &[
    (0x60, "loop"),
    (0x200, "pup"),
    (0x201, "pupat"),
    (0x800, "ip"),
    (0x805, "x25"),
    (0x806, "arp"),
    (0x8ff, "bpq"),
    (0xa00, "ieeepup"),
    (0xa01, "ieeepupat"),
    (0x6000, "dec"),
    (0x6001, "dna_dl"),
    (0x6002, "dna_rc"),
    (0x6003, "dna_rt"),
    (0x6004, "lat"),
    (0x6005, "diag"),
    (0x6006, "cust"),
    (0x6007, "sca"),
    (0x6558, "teb"),
    (0x8035, "rarp"),
    (0x809b, "atalk"),
    (0x80f3, "aarp"),
    (0x8100, "802.1q"),
    (0x8137, "ipx"),
    (0x86dd, "ipv6"),
    (0x8808, "pause"),
    (0x8809, "slow"),
    (0x883e, "wccp"),
    (0x8863, "ppp_disc"),
    (0x8864, "ppp_ses"),
    (0x8847, "mpls_uc"),
    (0x8848, "mpls_mc"),
    (0x884c, "atmmpoa"),
    (0x886c, "link_ctl"),
    (0x8884, "atmfate"),
    (0x888e, "pae"),
    (0x88a2, "aoe"),
    (0x88ca, "tipc"),
    (0x88f7, "ieee1588"),
    (0x8906, "fcoe"),
    (0x8914, "fip"),
    (0xdada, "edsa"),
    (0x88a2, "edp2"),
    (0x1, "802.3"),
    (0x2, "ax25"),
    (0x3, "all"),
    (0x4, "802.2"),
    (0x5, "snap"),
    (0x6, "ddcmp"),
    (0x7, "wan_ppp"),
    (0x8, "ppp_mp"),
    (0x9, "localtalk"),
    (0xc, "can"),
    (0x10, "ppptalk"),
    (0x11, "tr_802.2"),
    (0x15, "mobitex"),
    (0x16, "control"),
    (0x17, "irda"),
    (0x18, "econet"),
    (0x19, "hdlc"),
    (0x1a, "arcnet"),
    (0x1b, "dsa"),
    (0x1c, "trailer"),
    (0xf5, "phonet"),
    (0xf6, "ieee802154"),
    (0xf7, "caif"),
];

/// Netlink protocol families as `nl_nlfamily2str` names them.
pub const NLFAMILIES: &[(u64, &str)] = &[
    (0x0, "route"),
    (0x2, "usersock"),
    (0x3, "firewall"),
    (0x4, "inetdiag"),
    (0x5, "nflog"),
    (0x6, "xfrm"),
    (0x7, "selinux"),
    (0x8, "iscsi"),
    (0x9, "audit"),
    (0xa, "fib_lookup"),
    (0xb, "connector"),
    (0xc, "netfilter"),
    (0xd, "ip6_fw"),
    (0xe, "dnrtmsg"),
    (0xf, "kobject_uevent"),
    (0x10, "generic"),
    (0x12, "scsitransport"),
    (0x13, "ecryptfs"),
    (0x14, "rdma"),
    (0x15, "crypto"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cnum::by_long;

    fn tbl() -> Vec<Entry<'static>> {
        vec![
            (1, Some(b"a")),
            (2, Some(b"bee")),
            (4, Some(b"c")),
            (6, Some(b"bc")),
            (0xffff_ffff_ffff_ffff, Some(b"neg")),
        ]
    }

    #[test]
    fn type_names() {
        assert_eq!(type2str(2, tbl()), b"bee");
        assert_eq!(type2str(3, tbl()), b"0x3");
        assert_eq!(type2str(-1, tbl()), b"neg");
        assert_eq!(type2str(-2, tbl()), b"0xfffffffe");
        assert_eq!(type2str(0, Vec::new()), b"0x0");
        assert_eq!(type2str(1, vec![(1, None)]), b"(null)");
        assert_eq!(type2str(0, entries(LLPROTOS)), b"generic");
        assert_eq!(type2str(0x800, entries(ETHER_PROTOS)), b"ip");
        assert_eq!(type2str(0x15, entries(NLFAMILIES)), b"crypto");
    }

    #[test]
    fn type_parse() {
        assert_eq!(str2type(b"", tbl()), Err(Error::Inval));
        assert_eq!(str2type(b"BEE", tbl()), Ok(2));
        assert_eq!(str2type(b"neg", tbl()), Ok(-1));
        assert_eq!(str2type(b"0x10", tbl()), Ok(16));
        assert_eq!(str2type(b" 5", tbl()), Ok(5));
        assert_eq!(str2type(b"5 ", tbl()), Err(Error::ObjNotFound));
        assert_eq!(str2type(b"-1", tbl()), Err(Error::ObjNotFound));
        assert_eq!(str2type(b"-2", tbl()), Ok(-2));
        assert_eq!(
            str2type(b"18446744073709551614", tbl()),
            by_long(Ok(-2), Err(Error::ObjNotFound))
        );
        assert_eq!(str2type(b"4294967294", tbl()), Ok(-2));
        assert_eq!(
            str2type(b"99999999999999999999999", tbl()),
            Err(Error::ObjNotFound)
        );
        assert_eq!(str2type(b"x", tbl()), Err(Error::ObjNotFound));
        assert_eq!(str2type(b"edp2", entries(ETHER_PROTOS)), Ok(0x88a2));
        assert_eq!(str2type(b"netrom", entries(LLPROTOS)), Ok(0));
    }

    #[test]
    fn flags_print() {
        assert_eq!(flags2str(1 | 4, 64, tbl().into_iter().take(4)), b"a,c");
        assert_eq!(flags2str(6, 64, tbl().into_iter().take(4)), b"bee,c");
        assert_eq!(flags2str(8, 64, tbl().into_iter().take(4)), b"");
        assert_eq!(flags2str(1 | 8, 64, tbl().into_iter().take(4)), b"a,");
        assert_eq!(flags2str(1 | 2 | 4, 4, tbl().into_iter().take(4)), b"a,b");
        assert_eq!(flags2str(1, 0, tbl().into_iter().take(4)), b"");
        assert_eq!(flags2str(1, 1, tbl().into_iter().take(4)), b"");
    }

    #[test]
    fn num_str_files() {
        let data = b"# c\n1 one\n\n  0x10\tsixteen # x\n";
        let lines: Vec<_> = fgets_chunks(data, 128).filter_map(num_str_line).collect();
        assert_eq!(lines, vec![Ok((1, &b"one"[..])), Ok((16, &b"sixteen"[..]))]);
        assert_eq!(num_str_line(b"x y\n"), Some(Err(Error::Inval)));
        assert_eq!(num_str_line(b"5\n"), Some(Err(Error::Inval)));
        assert_eq!(
            num_str_line(b"99999999999999999999 big"),
            Some(Err(Error::Range))
        );
        assert_eq!(num_str_line(b""), Some(Err(Error::Inval)));
        let long = [b'7'; 300];
        assert_eq!(
            fgets_chunks(&long, 128)
                .map(<[u8]>::len)
                .collect::<Vec<_>>(),
            vec![127, 127, 46]
        );
        assert_eq!(fgets_chunks(b"", 128).count(), 0);
    }

    #[test]
    fn list_values_are_ints() {
        let items: Vec<(i32, Option<&[u8]>)> = vec![(-1, Some(b"minus")), (7, None)];
        assert_eq!(type2str(-1, list_entries(&items)), b"minus");
        assert_eq!(type2str(7, list_entries(&items)), b"(null)");
        assert_eq!(type2str(8, list_entries(&items)), b"0x8");
        assert_eq!(str2type(b"MINUS", list_entries(&items)), Ok(-1));
        assert_eq!(
            str2type(b"(null)", list_entries(&items)),
            Err(Error::ObjNotFound)
        );
        assert_eq!(str2type(b"4294967295", list_entries(&items)), Ok(-1));
    }

    #[test]
    fn ip_protocols() {
        assert_eq!(ip_proto2str(6, Some(b"tcp".to_vec())), b"tcp");
        assert_eq!(ip_proto2str(-3, None), b"0xfffffffd");
        assert_eq!(str2ip_proto(b"tcp", Some(6)), Ok(6));
        assert_eq!(str2ip_proto(b"", None), Ok(0));
        assert_eq!(str2ip_proto(b"0x11", None), Ok(17));
        assert_eq!(
            str2ip_proto(b"4294967296", None),
            by_long(Ok(0), Err(Error::ObjNotFound))
        );
        assert_eq!(str2ip_proto(b"-1", None), Err(Error::ObjNotFound));
        assert_eq!(str2ip_proto(b"nope", None), Err(Error::ObjNotFound));
    }

    #[test]
    fn num_str_callbacks() {
        let mut seen = Vec::new();
        let data = b"1 one\n# skip\n2 two\n";
        let r = read_num_str(data, |n, name| {
            seen.push((n, name.to_vec()));
            0
        });
        assert_eq!(r, 0);
        assert_eq!(seen, vec![(1, b"one".to_vec()), (2, b"two".to_vec())]);
        // the first negative callback result ends the walk
        let mut calls = 0;
        assert_eq!(
            read_num_str(data, |_, _| {
                calls += 1;
                -42
            }),
            -42
        );
        assert_eq!(calls, 1);
        // a bad line stops it with libnl's code; lines before it were handed over
        let mut calls = 0;
        let r = read_num_str(b"1 a\nbad\n2 b\n", |_, _| {
            calls += 1;
            0
        });
        assert_eq!((r, calls), (Error::Inval.to_nle(), 1));
        assert_eq!(read_num_str(b"", |_, _| -1), 0);
    }

    #[test]
    fn flags_parse() {
        assert_eq!(str2flags(b"a,C", tbl()), 5);
        assert_eq!(str2flags(b"a, bee", tbl()), 3);
        assert_eq!(str2flags(b"a,  bee", tbl()), 1);
        assert_eq!(str2flags(b"bc", tbl()), 6);
        assert_eq!(str2flags(b"", tbl()), 0);
        assert_eq!(str2flags(b"zz,,", tbl()), 0);
    }
}
