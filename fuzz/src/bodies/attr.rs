//! Attributes under policies: `nla_parse`, `nla_validate`, `nla_find`, `nla_parse_nested`,
//! `nlmsg_parse` / `nlmsg_validate` with a policy drawn from the input, over attribute bytes
//! from the input (raw) or put with `nla_put` / `nla_nest_start` (built).
//!
//! Properties: parse and validate agree; every `tb[t]` lies inside the buffer, has type `t`
//! and is the last attribute of type `t` in an `nla_ok`/`nla_next` walk; `nla_find` finds the
//! first; built messages parse back to what was put (last of each type wins).

use std::ffi::{c_int, c_void};
use std::ptr;

use libc::{nlattr, nlmsghdr};
use nlrs::ffi::attr::{
    nla_data, nla_find, nla_is_nested, nla_len, nla_nest_end, nla_nest_start, nla_next, nla_ok,
    nla_parse, nla_parse_nested, nla_put, nla_type, nla_validate,
};
use nlrs::ffi::msg::{
    nlmsg_alloc_size, nlmsg_attrdata, nlmsg_attrlen, nlmsg_free, nlmsg_hdr, nlmsg_parse,
    nlmsg_validate,
};

use super::{Reader, aligned, nlmsg, policy};

const MAXTYPE: usize = 24;

/// The attributes of the stream at `head` (`len` bytes) as `nla_ok`/`nla_next` walk them.
///
/// # Safety
/// `head` points to `len` readable bytes.
unsafe fn walk(head: *const nlattr, len: c_int) -> Vec<*const nlattr> {
    let mut out = Vec::new();
    let mut rem = len;
    let mut a = head;
    // SAFETY: a stays inside the buffer while nla_ok says so (caller contract for head/len).
    while unsafe { nla_ok(a, rem) } != 0 {
        out.push(a);
        // SAFETY: a is a valid attribute (nla_ok), rem its remaining length.
        a = unsafe { nla_next(a, &mut rem) };
        // libnl-compat: the last step may leave up to 3 bytes of padding "owed".
        assert!(rem > -4, "remaining went far negative: {rem}");
    }
    out
}

/// Checks `nla_parse`'s table against a walk of the same stream.
///
/// # Safety
/// `head` points to `len` readable bytes; `tb` came from parsing them.
unsafe fn check_table(tb: &[*mut nlattr], head: *const nlattr, len: c_int) {
    // SAFETY: caller contract.
    let all = unsafe { walk(head, len) };
    let lo = head as usize;
    let hi = lo + usize::try_from(len).unwrap_or(0);
    for (t, &a) in tb.iter().enumerate() {
        // SAFETY: the attributes of the walk are valid (nla_ok).
        let last = all
            .iter()
            .rev()
            .find(|&&x| unsafe { nla_type(x) } as usize == t);
        // libnl-compat: attributes of type 0 are skipped by the parser.
        if t == 0 {
            continue;
        }
        match last {
            None => assert!(a.is_null(), "tb[{t}] set without such an attribute"),
            Some(&l) => {
                assert_eq!(
                    a.cast_const(),
                    l,
                    "tb[{t}] is not the last attribute of its type"
                );
                let p = a as usize;
                // SAFETY: a is a valid attribute of the stream.
                let n = unsafe { nla_len(a) };
                assert!(n >= 0, "negative nla_len");
                assert!(
                    p >= lo && p + 4 + n as usize <= hi,
                    "tb[{t}] outside the buffer"
                );
                // SAFETY: as above.
                assert_eq!(unsafe { nla_data(a) } as usize, p + 4);
            }
        }
    }
    for t in 0..=MAXTYPE as c_int + 2 {
        // SAFETY: caller contract for head/len.
        let f = unsafe { nla_find(head, len, t) };
        // SAFETY: walked attributes are valid.
        let first = all.iter().find(|&&x| unsafe { nla_type(x) } == t);
        assert_eq!(
            f.cast_const(),
            first.copied().unwrap_or(ptr::null()),
            "nla_find({t})"
        );
    }
}

/// Parses, validates and checks the stream at `head`, then its nested attributes.
///
/// # Safety
/// `head` points to `len` readable bytes.
unsafe fn parse_stream(
    head: *mut nlattr,
    len: c_int,
    pol: &[nlrs::ffi::types::nla_policy],
    depth: u32,
) {
    let mut tb = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
    let max = MAXTYPE as c_int;
    // SAFETY: tb has max + 1 entries, pol too; head/len by contract.
    let p = unsafe { nla_parse(tb.as_mut_ptr(), max, head, len, pol.as_ptr()) };
    // SAFETY: as above.
    let v = unsafe { nla_validate(head, len, max, pol.as_ptr()) };
    assert_eq!(p, v, "nla_parse and nla_validate disagree");
    assert!(p <= 0);
    // Without a policy nothing is refused.
    let mut tb0 = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
    // SAFETY: as above; a NULL policy is allowed.
    let p0 = unsafe { nla_parse(tb0.as_mut_ptr(), max, head, len, ptr::null()) };
    assert_eq!(p0, 0);
    // SAFETY: tb0 came from parsing head/len.
    unsafe { check_table(&tb0, head, len) };
    if p == 0 {
        assert_eq!(tb, tb0, "a policy that accepts changes nothing");
    }
    if depth >= 3 {
        return;
    }
    for &a in tb0.iter().filter(|a| !a.is_null()) {
        // SAFETY: a is a valid attribute inside the buffer.
        if unsafe { nla_is_nested(a) } != 0 || unsafe { nla_len(a) } >= 4 {
            let mut tn = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
            // SAFETY: tn has max + 1 entries; a's payload is inside the buffer.
            let r = unsafe { nla_parse_nested(tn.as_mut_ptr(), max, a, pol.as_ptr()) };
            assert!(r <= 0);
            // SAFETY: the payload of a is nla_len(a) readable bytes.
            unsafe { parse_stream(nla_data(a).cast(), nla_len(a), pol, depth + 1) };
        }
    }
}

/// Raw mode: the rest of the input is an attribute stream, also wrapped in a message with a
/// family header of `hdrlen` bytes.
fn raw(r: &mut Reader<'_>, pol: &[nlrs::ffi::types::nla_policy]) {
    let hdrlen = usize::from(r.u8() % 12);
    let bytes = r.rest();
    let buf = aligned(bytes, 8);
    // SAFETY: buf holds bytes.len() readable bytes (and more).
    unsafe { parse_stream(buf.as_ptr() as *mut nlattr, bytes.len() as c_int, pol, 0) };

    let mut payload = vec![0u8; hdrlen];
    payload.extend_from_slice(bytes);
    let m = nlmsg(16, 0, 0, &payload);
    let mut mbuf = aligned(&m, 0);
    let nlh = mbuf.as_mut_ptr().cast::<nlmsghdr>();
    let mut tb = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
    let max = MAXTYPE as c_int;
    let h = hdrlen as c_int;
    // SAFETY: nlh is a whole message of its nlmsg_len bytes; tb has max + 1 entries.
    let p = unsafe { nlmsg_parse(nlh, h, tb.as_mut_ptr(), max, pol.as_ptr()) };
    // SAFETY: as above.
    let v = unsafe { nlmsg_validate(nlh, h, max, pol.as_ptr()) };
    assert_eq!(p, v, "nlmsg_parse and nlmsg_validate disagree");
    if p == 0 {
        // SAFETY: as above.
        let (head, len) = unsafe { (nlmsg_attrdata(nlh, h), nlmsg_attrlen(nlh, h)) };
        assert!(len >= 0);
        // SAFETY: the attribute area lies inside the message.
        unsafe { check_table(&tb, head, len) };
    }
}

/// Built mode: attributes put with `nla_put` (some nested) must parse back to what was put.
fn built(r: &mut Reader<'_>) {
    // SAFETY: plain allocation.
    let msg = unsafe { nlmsg_alloc_size(usize::from(r.u16() % 8192) + 64) };
    assert!(!msg.is_null());
    let mut put: Vec<(c_int, Vec<u8>)> = Vec::new();
    while !r.is_empty() {
        let op = r.u8();
        let t = c_int::from(op % (MAXTYPE as u8 + 1)).max(1);
        if op >= 0xf0 {
            // A nest of a few attributes the top level does not see.
            // SAFETY: live message.
            let nest = unsafe { nla_nest_start(msg, t) };
            if nest.is_null() {
                break;
            }
            let mut inner = 0;
            for _ in 0..(op & 3) {
                let d = r.chunk(16).to_vec();
                // SAFETY: d is d.len() readable bytes.
                if unsafe { nla_put(msg, 1, d.len() as c_int, d.as_ptr().cast()) } < 0 {
                    break;
                }
                inner += 1;
            }
            // SAFETY: live message.
            let before = unsafe { (*nlmsg_hdr(msg)).nlmsg_len };
            // SAFETY: nest came from this message.
            assert_eq!(unsafe { nla_nest_end(msg, nest) }, 0);
            if inner == 0 {
                // libnl-compat: an empty nest is taken out again.
                // SAFETY: live message.
                let after = unsafe { (*nlmsg_hdr(msg)).nlmsg_len };
                assert_eq!(after + 4, before, "an empty nest stays");
                continue;
            }
            // SAFETY: nest is a valid attribute in the message.
            let n = unsafe { nla_len(nest) } as usize;
            // SAFETY: its payload is n readable bytes.
            let d = unsafe { std::slice::from_raw_parts(nla_data(nest).cast::<u8>(), n) };
            put.push((t, d.to_vec()));
            continue;
        }
        let d = r.chunk(64).to_vec();
        // SAFETY: d is d.len() readable bytes (a NULL-free pointer even when empty).
        let ret = unsafe { nla_put(msg, t, d.len() as c_int, d.as_ptr().cast::<c_void>()) };
        if ret < 0 {
            assert_eq!(ret, -(nlrs::ffi::types::NLE_NOMEM), "nla_put: {ret}");
            break;
        }
        put.push((t, d));
    }
    // SAFETY: live message.
    let nlh = unsafe { nlmsg_hdr(msg) };
    let mut tb = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
    // SAFETY: the message's header and its nlmsg_len bytes; tb has MAXTYPE + 1 entries.
    let p = unsafe { nlmsg_parse(nlh, 0, tb.as_mut_ptr(), MAXTYPE as c_int, ptr::null()) };
    assert_eq!(p, 0);
    for (t, &a) in tb.iter().enumerate() {
        let want = put.iter().rev().find(|(pt, _)| *pt as usize == t);
        match want {
            None => assert!(a.is_null()),
            Some((_, d)) => {
                assert!(!a.is_null(), "attribute {t} put but not parsed");
                // SAFETY: a is a valid attribute of the message.
                let n = unsafe { nla_len(a) } as usize;
                // SAFETY: its payload is n readable bytes.
                let got = unsafe { std::slice::from_raw_parts(nla_data(a).cast::<u8>(), n) };
                assert_eq!(got, &d[..], "attribute {t} round trip");
            }
        }
    }
    // SAFETY: we own the message.
    unsafe { nlmsg_free(msg) };
}

/// The target body.
pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let mode = r.u8();
    if mode & 1 == 0 {
        let pol = policy(&mut r, MAXTYPE);
        raw(&mut r, &pol);
    } else {
        built(&mut r);
    }
}
