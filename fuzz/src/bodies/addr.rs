//! Addresses: `nl_addr_parse` of any text with every family hint, `nl_addr2str` with every
//! buffer size, `nl_addr_build` of any bytes, `nl_addr_cmp` / `nl_addr_cmp_prefix`,
//! `nl_addr_clone`, `nl_addr_valid`, `nl_addr_fill_sockaddr` with every room size.
//!
//! Properties: `nl_addr2str` never writes past its size, NUL-terminates within it and gives
//! a prefix of the full text; the text of a parsed address parses back to an equal address
//! (families whose text is lossless); comparisons are reflexive and antisymmetric; a clone
//! compares equal; lengths and prefix lengths are within the address.

use std::ffi::{CString, c_int};
use std::ptr;

use nlrs::ffi::addr::{
    nl_addr_build, nl_addr_clone, nl_addr_cmp, nl_addr_cmp_prefix, nl_addr_fill_sockaddr,
    nl_addr_get_family, nl_addr_get_len, nl_addr_get_prefixlen, nl_addr_guess_family,
    nl_addr_iszero, nl_addr_parse, nl_addr_put, nl_addr_set_prefixlen, nl_addr_valid, nl_addr2str,
};
use nlrs::ffi::types::nl_addr;

use super::Reader;

/// The family hints tried: unspecified, the ones libnl parses, and a few it does not.
const HINTS: [c_int; 10] = [
    libc::AF_UNSPEC,
    libc::AF_INET,
    libc::AF_INET6,
    libc::AF_LLC,
    libc::AF_DECnet,
    libc::AF_MPLS,
    libc::AF_BRIDGE,
    libc::AF_PACKET,
    libc::AF_NETLINK,
    99,
];

/// The full text of `a`, checking every smaller buffer size on the way.
fn text(a: *const nl_addr) -> Vec<u8> {
    let mut full = [0x55u8; 512];
    // SAFETY: a is live; full is writable for its length.
    unsafe { nl_addr2str(a, full.as_mut_ptr().cast(), full.len()) };
    let flen = full.iter().position(|&b| b == 0).expect("NUL-terminated");
    for size in 0..flen + 3 {
        let mut buf = [0x55u8; 520];
        // SAFETY: buf is writable for more than size bytes.
        let p = unsafe { nl_addr2str(a, buf.as_mut_ptr().cast(), size) };
        assert_eq!(p, buf.as_mut_ptr().cast(), "returns its buffer");
        assert!(
            buf[size..].iter().all(|&b| b == 0x55),
            "wrote past size {size}"
        );
        if size > 0 {
            let n = buf[..size]
                .iter()
                .position(|&b| b == 0)
                .expect("NUL within size");
            assert_eq!(n, (size - 1).min(flen));
            assert_eq!(&buf[..n], &full[..n]);
        }
    }
    full[..flen].to_vec()
}

/// Checks the accessors and comparisons of `a` (and against `b`).
fn check(a: *mut nl_addr, b: *mut nl_addr, r: &mut Reader<'_>) {
    // SAFETY: a and b are live addresses.
    unsafe {
        let len = nl_addr_get_len(a);
        assert!(len <= 4096);
        assert_eq!(nl_addr_cmp(a, a), 0);
        assert_eq!(nl_addr_cmp_prefix(a, a), 0);
        let ab = nl_addr_cmp(a, b).signum();
        assert_eq!(
            ab,
            -nl_addr_cmp(b, a).signum(),
            "nl_addr_cmp is not antisymmetric"
        );
        let _ = nl_addr_cmp_prefix(a, b);
        let c = nl_addr_clone(a);
        assert!(!c.is_null());
        assert_eq!(nl_addr_cmp(a, c), 0, "a clone compares equal");
        assert_eq!(nl_addr_get_prefixlen(a), nl_addr_get_prefixlen(c));
        // A prefix length from the input: comparisons stay within the bytes.
        nl_addr_set_prefixlen(c, c_int::from(r.u8() as i8));
        let _ = nl_addr_cmp_prefix(a, c);
        let _ = nl_addr_cmp_prefix(c, b);
        let _ = nl_addr_iszero(c);
        let _ = nl_addr_guess_family(c);
        let _ = text(c);
        nl_addr_put(c);
        let room = usize::from(r.u8() % 40);
        let mut sa = [0u8; 48];
        let mut salen = room as libc::socklen_t;
        let rr = nl_addr_fill_sockaddr(a, sa.as_mut_ptr().cast(), &mut salen);
        assert!(rr <= 0);
        if rr == 0 {
            assert!(salen as usize <= room, "fill_sockaddr grew the room");
        }
    }
}

/// The target body.
pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let hint = HINTS[usize::from(r.u8()) % HINTS.len()];
    let bfam = HINTS[usize::from(r.u8()) % HINTS.len()];
    let blen = usize::from(r.u8() % 40);
    let braw = r.bytes(blen).to_vec();
    let s: Vec<u8> = r
        .rest()
        .iter()
        .map(|&c| if c == 0 { b'0' } else { c })
        .collect();
    let cs = CString::new(s).expect("no NUL");

    // SAFETY: braw is braw.len() readable bytes.
    let b = unsafe { nl_addr_build(bfam, braw.as_ptr().cast(), braw.len()) };
    assert!(!b.is_null());
    // SAFETY: b is live.
    unsafe {
        assert_eq!(nl_addr_get_len(b) as usize, braw.len());
        assert_eq!(nl_addr_get_family(b), bfam);
    }
    let _ = text(b);

    let mut a: *mut nl_addr = ptr::null_mut();
    // SAFETY: cs is NUL-terminated; a is writable.
    let ret = unsafe { nl_addr_parse(cs.as_ptr(), hint, &mut a) };
    // SAFETY: cs is NUL-terminated.
    let valid = unsafe { nl_addr_valid(cs.as_ptr(), hint) };
    assert!(valid == 0 || valid == 1);
    if ret < 0 {
        assert!(a.is_null(), "out-param written on failure");
    } else {
        assert_eq!(ret, 0);
        assert!(!a.is_null());
        // SAFETY: a is live.
        let (family, len, plen) = unsafe {
            (
                nl_addr_get_family(a),
                nl_addr_get_len(a),
                nl_addr_get_prefixlen(a),
            )
        };
        if hint != libc::AF_UNSPEC {
            assert_eq!(family, hint, "parsed into another family than the hint");
        }
        // libnl-compat: the prefix length after '/' is not range-checked (libnl takes any
        // strtol value), so only its type bounds it.
        let _ = (len, plen);
        let t = text(a);
        // The text parses back to the same address with the address's own family.
        if [libc::AF_INET, libc::AF_INET6, libc::AF_LLC, libc::AF_MPLS].contains(&family) {
            let ct = CString::new(t.clone()).expect("no NUL in text");
            let mut back: *mut nl_addr = ptr::null_mut();
            // SAFETY: ct is NUL-terminated; back is writable.
            let rb = unsafe { nl_addr_parse(ct.as_ptr(), family, &mut back) };
            assert_eq!(
                rb,
                0,
                "{:?} does not parse back",
                String::from_utf8_lossy(&t)
            );
            // SAFETY: both live.
            let cmp = unsafe { nl_addr_cmp(a, back) };
            assert_eq!(cmp, 0, "round trip of {:?}", String::from_utf8_lossy(&t));
            // SAFETY: we own back.
            unsafe { nl_addr_put(back) };
        }
        check(a, b, &mut r);
        // SAFETY: we own a.
        unsafe { nl_addr_put(a) };
    }
    check(b, b, &mut r);
    // SAFETY: we own b.
    unsafe { nl_addr_put(b) };
}
