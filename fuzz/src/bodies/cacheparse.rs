//! The message parser of the generic netlink family cache type (`genl/family`, the
//! controller's replies): `nl_cache_parse_and_add` and `nl_msg_parse` of messages built from
//! the input (family id, name, version, header size, max attribute, operations and multicast
//! groups as nested lists, unknown and malformed attributes, wrong commands and message
//! types), then the cache dumped in every dump type and searched.
//!
//! Properties: every message that parses adds at most one object; a parsed family with an id
//! and a name is found again by id and by name; the dump of the cache is written whole.

use std::ffi::{CString, c_int, c_uint, c_void};
use std::ptr;

use nlrs::ffi::attr::{nla_nest_end, nla_nest_start, nla_put};
use nlrs::ffi::cache::{
    nl_cache_alloc_name, nl_cache_dump, nl_cache_free, nl_cache_nitems, nl_cache_parse_and_add,
};
use nlrs::ffi::genl::ctrl::{genl_ctrl_search, genl_ctrl_search_by_name};
use nlrs::ffi::genl::family::genl_family;
use nlrs::ffi::genl::family::genl_family_put;
use nlrs::ffi::msg::{nlmsg_alloc_simple, nlmsg_append, nlmsg_free, nlmsg_set_proto};
use nlrs::ffi::msgdump::nl_msg_parse;
use nlrs::ffi::types::{nl_cache, nl_dump_params, nl_msg, nl_object};

use super::Reader;

unsafe extern "C" {
    fn genl_family_get_id(family: *mut genl_family) -> c_uint;
}

const GENL_ID_CTRL: c_int = 0x10;

/// Puts `data` as attribute `t`; false when the message is full.
fn put(msg: *mut nl_msg, t: c_int, data: &[u8]) -> bool {
    // SAFETY: live message; data is data.len() readable bytes.
    unsafe { nla_put(msg, t, data.len() as c_int, data.as_ptr().cast::<c_void>()) == 0 }
}

/// A nested list (`OPS` or `MCAST_GROUPS`) of up to 3 entries.
fn nested_list(msg: *mut nl_msg, t: c_int, r: &mut Reader<'_>, groups: bool) -> bool {
    // SAFETY: live message.
    let outer = unsafe { nla_nest_start(msg, t) };
    if outer.is_null() {
        return false;
    }
    for i in 0..r.u8() % 4 {
        // SAFETY: live message.
        let inner = unsafe { nla_nest_start(msg, c_int::from(i) + 1) };
        if inner.is_null() {
            return false;
        }
        let id = r.u32().to_ne_bytes();
        let ok = if groups {
            let name = r.chunk(20).to_vec();
            // CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID.
            put(msg, 1, &name) && put(msg, 2, &id)
        } else {
            // CTRL_ATTR_OP_ID, CTRL_ATTR_OP_FLAGS.
            put(msg, 1, &id) && put(msg, 2, &r.u32().to_ne_bytes())
        };
        // SAFETY: both nests came from this message.
        if !ok || unsafe { nla_nest_end(msg, inner) } != 0 {
            return false;
        }
    }
    // SAFETY: as above.
    unsafe { nla_nest_end(msg, outer) == 0 }
}

/// One controller message: returns it with the family id and name it carries.
/// A built message with the family id and name the parser should take from it, if known.
type Built = (*mut nl_msg, Option<u16>, Option<Vec<u8>>);

fn message(r: &mut Reader<'_>) -> Option<Built> {
    let sel = r.u8();
    let ty = if sel & 0xc0 == 0xc0 {
        c_int::from(r.u16())
    } else {
        GENL_ID_CTRL
    };
    // SAFETY: plain allocation.
    let msg = unsafe { nlmsg_alloc_simple(ty, 0) };
    assert!(!msg.is_null());
    // SAFETY: live message.
    unsafe {
        nlmsg_set_proto(
            msg,
            if sel & 0x20 != 0 {
                0
            } else {
                libc::NETLINK_GENERIC
            },
        )
    };
    // CTRL_CMD_NEWFAMILY (1), DELFAMILY (2), GETFAMILY (3), or anything.
    let cmd = if sel & 0x10 != 0 { r.u8() } else { 1 + sel % 3 };
    let mut hdr = [cmd, r.u8(), 0, 0];
    if sel & 0x08 != 0 {
        hdr[2] = r.u8();
    }
    let hlen = if sel & 0x04 != 0 {
        usize::from(r.u8() % 4)
    } else {
        4
    };
    // SAFETY: hdr is readable for hlen <= 4 bytes.
    unsafe { nlmsg_append(msg, hdr.as_mut_ptr().cast(), hlen, 4) };
    let (mut id, mut name) = (None, None);
    for _ in 0..r.u8() % 10 {
        let a = r.u8();
        let ok = match a % 10 {
            0 => {
                let v = r.u16();
                id = Some(v);
                put(msg, 1, &v.to_ne_bytes())
            }
            1 => {
                let mut s = r.chunk(24).to_vec();
                if a & 0x80 == 0 {
                    s.retain(|&c| c != 0);
                    s.push(0);
                    name = Some(s[..s.len() - 1].to_vec());
                } else {
                    name = None;
                }
                put(msg, 2, &s)
            }
            2..=4 => put(msg, c_int::from(a % 10) + 1, &r.u32().to_ne_bytes()),
            5 => nested_list(msg, 6, r, false),
            6 => nested_list(msg, 7, r, true),
            // Wrong sizes, unknown types, raw nests.
            _ => {
                let t = c_int::from(r.u8() % 12);
                // What the parser takes for the id or the name is no longer known.
                match t {
                    1 => id = None,
                    2 => name = None,
                    _ => {}
                }
                let d = r.chunk(12).to_vec();
                put(msg, t, &d)
            }
        };
        if !ok {
            break;
        }
    }
    Some((msg, id, name))
}

unsafe extern "C" fn count(_obj: *mut nl_object, arg: *mut c_void) {
    // SAFETY: arg is the counter run passes.
    unsafe { *arg.cast::<usize>() += 1 };
}

/// The target body.
pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let mut cache: *mut nl_cache = ptr::null_mut();
    // SAFETY: cache is writable.
    let a = unsafe { nl_cache_alloc_name(c"genl/family".as_ptr(), &mut cache) };
    assert_eq!(a, 0);
    let mut added = 0;
    let mut last: Option<(u16, Vec<u8>)> = None;
    for _ in 0..r.u8() % 4 + 1 {
        let Some((msg, id, name)) = message(&mut r) else {
            break;
        };
        let mut n = 0usize;
        // SAFETY: live message; count gets &mut n.
        let p = unsafe { nl_msg_parse(msg, Some(count), (&raw mut n).cast()) };
        assert!(p <= 0);
        assert!(n <= 1, "one message gave {n} objects");
        // SAFETY: live cache and message.
        let before = unsafe { nl_cache_nitems(cache) };
        // SAFETY: as above.
        let ret = unsafe { nl_cache_parse_and_add(cache, msg) };
        // SAFETY: live cache.
        let after = unsafe { nl_cache_nitems(cache) };
        assert!(after - before <= 1 && after >= before);
        if ret == 0 && after > before {
            added += 1;
            if let (Some(id), Some(name)) = (id, name) {
                if !name.is_empty() {
                    last = Some((id, name));
                }
            }
        }
        // SAFETY: we own the message.
        unsafe { nlmsg_free(msg) };
    }
    // SAFETY: live cache.
    assert!(unsafe { nl_cache_nitems(cache) } <= added);
    if let Some((id, name)) = last {
        // SAFETY: live cache; the search takes a reference we drop.
        let f = unsafe { genl_ctrl_search(cache, c_int::from(id)) };
        assert!(!f.is_null(), "family {id} parsed but not found");
        // SAFETY: f is live.
        unsafe { genl_family_put(f) };
        let cname = CString::new(name).expect("no NUL");
        // SAFETY: as above.
        let g = unsafe { genl_ctrl_search_by_name(cache, cname.as_ptr()) };
        assert!(
            !g.is_null(),
            "family {cname:?} parsed but not found by name"
        );
        // SAFETY: g is live.
        let _ = unsafe { genl_family_get_id(g) };
        // SAFETY: g is live.
        unsafe { genl_family_put(g) };
    }
    for ty in 0..3 {
        let mut p = nl_dump_params::zeroed();
        p.dp_type = ty;
        p.dp_fd = super::devnull().cast();
        p.dp_prefix = c_int::from(r.u8() % 8);
        // SAFETY: live cache; p is a valid parameter block writing to /dev/null.
        unsafe { nl_cache_dump(cache, &mut p) };
    }
    // SAFETY: we own the cache.
    unsafe { nl_cache_free(cache) };
}
