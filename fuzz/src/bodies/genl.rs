//! Generic netlink messages: `genlmsg_valid_hdr`, `genlmsg_validate`, `genlmsg_parse` with a
//! policy from the input, and `genl_handle_msg` routing to a family this target registers
//! (commands with and without policies, one without handler, ids the family lacks).
//!
//! Properties: parse and validate agree, parse succeeds only on a valid header; the handler
//! sees the message it was given, the generic and user headers where they belong, and an
//! attribute table whose entries lie inside the message with the type of their slot; its
//! return value is what `genl_handle_msg` returns.

use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::Once;

use libc::{nlattr, nlmsghdr};
use nlrs::error::Error;
use nlrs::ffi::attr::{nla_len, nla_type};
use nlrs::ffi::genl::genl::{genlmsg_parse, genlmsg_valid_hdr, genlmsg_validate};
use nlrs::ffi::genl::mngt::{genl_handle_msg, genl_register_family};
use nlrs::ffi::genl::{genl_cmd, genl_info, genl_ops};
use nlrs::ffi::msg::{nlmsg_alloc_simple, nlmsg_append, nlmsg_free, nlmsg_hdr};
use nlrs::ffi::types::{nl_cache_ops, nla_policy};

use super::{Reader, policy};

/// The family id of the registered test family (and its user header size).
const FAMILY: u16 = 0x4e4c;
const HDRSIZE: usize = 4;
const MAXATTR: usize = 8;

thread_local! {
    /// What the handler returns, and what it saw: (called, message header address).
    static VERDICT: Cell<c_int> = const { Cell::new(0) };
    static SEEN: Cell<(bool, usize)> = const { Cell::new((false, 0)) };
}

/// The command handler: checks `info` against the message and returns the input's verdict.
unsafe extern "C" fn handler(
    _ops: *mut nl_cache_ops,
    cmd: *mut genl_cmd,
    info: *mut genl_info,
    _arg: *mut c_void,
) -> c_int {
    // SAFETY: libnlrs passes its live command entry and info for the call.
    let (cmd, info) = unsafe { (&*cmd, &*info) };
    let nlh = info.nlh as usize;
    SEEN.with(|s| s.set((true, nlh)));
    // SAFETY: info.nlh is the live message header.
    let len = unsafe { (*info.nlh).nlmsg_len } as usize;
    assert_eq!(
        info.genlhdr as usize,
        nlh + 16,
        "generic header follows the netlink header"
    );
    assert_eq!(
        info.userhdr as usize,
        nlh + 16 + 4,
        "user header follows the generic header"
    );
    assert!(!info.attrs.is_null());
    for t in 0..=cmd.c_maxattr as usize {
        // SAFETY: attrs has c_maxattr + 1 entries.
        let a = unsafe { *info.attrs.add(t) };
        if a.is_null() {
            continue;
        }
        // SAFETY: a points into the live message.
        let (ty, n) = unsafe { (nla_type(a), nla_len(a)) };
        assert_eq!(ty as usize, t, "attrs[{t}] has type {ty}");
        assert!(n >= 0);
        assert!(a as usize >= nlh + 16 + 4 + HDRSIZE && a as usize + 4 + n as usize <= nlh + len);
    }
    VERDICT.with(|v| v.get())
}

const fn p(type_: u16, minlen: u16, maxlen: u16) -> nla_policy {
    nla_policy {
        type_,
        minlen,
        maxlen,
    }
}

/// NLA_UNSPEC, NLA_U8, NLA_U16, NLA_U32, NLA_U64, NLA_STRING (at most 8), NLA_FLAG,
/// NLA_NESTED, NLA_NUL_STRING (at most 16).
static POLICY: [nla_policy; MAXATTR + 1] = [
    p(0, 0, 0),
    p(1, 0, 0),
    p(2, 0, 0),
    p(3, 0, 0),
    p(4, 0, 0),
    p(5, 0, 8),
    p(6, 0, 0),
    p(8, 0, 0),
    p(10, 0, 16),
];

/// Registers the test family once per process: command 1 with a policy, 2 without, 3 without
/// handler, 7 with a policy and no attributes allowed.
fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let cmd = |c_id: c_int, c_maxattr: c_int, with_handler: bool, pol: bool| genl_cmd {
            c_id,
            c_name: c"fuzzcmd".as_ptr().cast_mut(),
            c_maxattr,
            c_msg_parser: if with_handler { Some(handler) } else { None },
            c_attr_policy: if pol {
                POLICY.as_ptr().cast_mut()
            } else {
                ptr::null_mut()
            },
        };
        let cmds = Box::leak(Box::new([
            cmd(1, MAXATTR as c_int, true, true),
            cmd(2, 4, true, false),
            cmd(3, 2, false, false),
            cmd(7, 0, true, true),
        ]));
        // SAFETY: an all-zero genl_ops (NULL pointers, empty list head) is a valid start.
        let ops: &mut genl_ops = Box::leak(Box::new(unsafe { std::mem::zeroed() }));
        ops.o_hdrsize = HDRSIZE as u32;
        ops.o_id = c_int::from(FAMILY);
        ops.o_name = c"nlrs-fuzz".as_ptr().cast_mut();
        ops.o_cmds = cmds.as_mut_ptr();
        ops.o_ncmds = cmds.len() as c_int;
        // SAFETY: ops and its tables are leaked: they live as long as the registry.
        assert_eq!(unsafe { genl_register_family(ops) }, 0);
    });
}

/// The target body.
pub fn run(data: &[u8]) {
    register();
    let mut r = Reader::new(data);
    let sel = r.u8();
    let ty = match sel & 3 {
        0 | 1 => FAMILY,
        2 => 0x4e4d,
        _ => r.u16().max(0x11),
    };
    let verdict = c_int::from(r.u8() as i8);
    VERDICT.with(|v| v.set(verdict));
    let hdrlen = c_int::from(r.u8() % 12);
    let maxtype = usize::from(r.u8() % 12);
    let pol = policy(&mut r, maxtype);
    // The generic header (cmd, version, reserved) and the rest, unless cut short.
    let mut payload = Vec::new();
    let cmd = match r.u8() % 6 {
        0..=2 => 1,
        3 => 2,
        4 => 3,
        _ => r.u8(),
    };
    payload.extend_from_slice(&[cmd, r.u8(), 0, 0]);
    payload.extend_from_slice(r.rest());
    let cut = (sel & 0x80 != 0).then_some(usize::from(sel & 0x7c) >> 2);
    if let Some(c) = cut {
        payload.truncate(c.min(payload.len()));
    }
    // SAFETY: plain allocation.
    let msg = unsafe { nlmsg_alloc_simple(c_int::from(ty), 0) };
    assert!(!msg.is_null());
    // SAFETY: payload is payload.len() readable bytes.
    let a = unsafe { nlmsg_append(msg, payload.as_ptr().cast_mut().cast(), payload.len(), 4) };
    if a < 0 {
        // SAFETY: we own the message.
        unsafe { nlmsg_free(msg) };
        return;
    }
    // SAFETY: live message.
    let nlh: *mut nlmsghdr = unsafe { nlmsg_hdr(msg) };

    // SAFETY: nlh is a whole message of its nlmsg_len bytes.
    let valid = unsafe { genlmsg_valid_hdr(nlh, hdrlen) };
    assert!(valid == 0 || valid == 1);
    let mut tb = vec![ptr::null_mut::<nlattr>(); maxtype + 1];
    // SAFETY: tb and pol have maxtype + 1 entries.
    let p = unsafe { genlmsg_parse(nlh, hdrlen, tb.as_mut_ptr(), maxtype as c_int, pol.as_ptr()) };
    // SAFETY: as above.
    let v = unsafe { genlmsg_validate(nlh, hdrlen, maxtype as c_int, pol.as_ptr()) };
    if valid == 0 {
        assert!(p < 0, "genlmsg_parse accepted an invalid header");
    } else {
        assert_eq!(p, v, "genlmsg_parse and genlmsg_validate disagree");
    }
    let nlh_addr = nlh as usize;
    // SAFETY: as above.
    let len = unsafe { (*nlh).nlmsg_len } as usize;
    for (t, &a) in tb.iter().enumerate() {
        if !a.is_null() {
            // SAFETY: a points into the message.
            assert_eq!(unsafe { nla_type(a) } as usize, t);
            assert!(a as usize >= nlh_addr + 20 && (a as usize) < nlh_addr + len);
        }
    }

    SEEN.with(|s| s.set((false, 0)));
    // SAFETY: live message; arg is passed through to our handler, which ignores it.
    let h = unsafe { genl_handle_msg(msg, ptr::null_mut()) };
    let (called, seen) = SEEN.with(|s| s.get());
    if called {
        assert_eq!(seen, nlh_addr, "the handler saw another message");
        assert_eq!(h, verdict, "genl_handle_msg returns the handler's value");
    } else if ty != FAMILY {
        assert!(
            h == Error::MsgTypeNoSupport.to_nle() || h == Error::Inval.to_nle(),
            "{h}"
        );
    } else if cmd == 3 && payload.len() >= 4 + HDRSIZE {
        assert_eq!(h, Error::OpNotSupp.to_nle());
    } else {
        assert!(h < 0);
    }
    // SAFETY: we own the message.
    unsafe { nlmsg_free(msg) };
}
