//! `netlink/genl/ctrl.h`: the controller family ("nlctrl"): its cache type "genl/family",
//! the dump of all families into a cache, searches, and the single-request resolvers.

use std::ffi::{c_char, c_int, c_void};

use crate::engine::genl::{ctrl as ec, family::Family};
use crate::engine::recv::{NL_SKIP, NL_STOP};
use crate::error::Error;
use crate::ffi::genl::family::{fam, genl_family, genl_family_ops, new_family};
use crate::ffi::genl::mngt::genl_msg_parser;
use crate::ffi::genl::{genl_cmd, genl_info, genl_ops};
use crate::ffi::msg::OwnedMsg;
use crate::ffi::nl::{RustHandlers, sock_transport};
use crate::ffi::objhdr::{Cache, Obj};
use crate::ffi::objtype;
use crate::ffi::ptr;
use crate::ffi::socket::{nl_sock, sk_ref};
use crate::ffi::types::{
    CStatic, CacheOpsDef, NL_ACT_UNSPEC, RustCacheOps, nl_cache, nl_cache_ops, nl_msg, nl_msgtype,
    nl_parser_param, nla_policy,
};
use crate::ffi_entry;

const fn pol(type_: u16, maxlen: u16) -> nla_policy {
    nla_policy {
        type_,
        minlen: 0,
        maxlen,
    }
}

/// libnl's controller policy as a C table (for the command table below).
static CTRL_POLICY_C: CStatic<[nla_policy; ec::ATTR_MAX + 1]> = CStatic::new([
    pol(0, 0),
    pol(2, 0),
    pol(5, 16),
    pol(3, 0),
    pol(3, 0),
    pol(3, 0),
    pol(8, 0),
    pol(8, 0),
    pol(0, 0),
    pol(0, 0),
    pol(0, 0),
]);

const fn cmd(id: c_int, name: &'static std::ffi::CStr, parser: bool) -> genl_cmd {
    genl_cmd {
        c_id: id,
        c_name: name.as_ptr().cast_mut(),
        c_maxattr: ec::ATTR_MAX as c_int,
        c_msg_parser: if parser { Some(ctrl_msg_parser) } else { None },
        c_attr_policy: CTRL_POLICY_C.as_ptr().cast(),
    }
}

static CTRL_CMDS: CStatic<[genl_cmd; 5]> = CStatic::new([
    cmd(1, c"NEWFAMILY", true),
    cmd(2, c"DELFAMILY", false),
    cmd(3, c"GETFAMILY", false),
    cmd(4, c"NEWOPS", false),
    cmd(5, c"DELOPS", false),
]);

static CTRL_GENL_OPS: CStatic<genl_ops> = CStatic::new(genl_ops {
    o_hdrsize: 0,
    o_id: ec::GENL_ID_CTRL as c_int,
    o_name: c"nlctrl".as_ptr().cast_mut(),
    o_cache_ops: GENL_CTRL_OPS.as_ptr(),
    o_cmds: CTRL_CMDS.as_ptr().cast(),
    o_ncmds: 5,
    o_list: crate::ffi::types::nl_list_head {
        next: std::ptr::null_mut(),
        prev: std::ptr::null_mut(),
    },
});

/// The controller family's `struct genl_ops` (always registered first).
pub fn ctrl_genl_ops() -> *mut genl_ops {
    CTRL_GENL_OPS.as_ptr()
}

unsafe extern "C" fn ctrl_request_update(_c: *mut nl_cache, sk: *mut c_void) -> c_int {
    // SAFETY: the core passes the live socket of the refill.
    match unsafe { sk_ref(sk.cast()) } {
        Some(s) => s.send_simple(
            ec::GENL_ID_CTRL,
            libc::NLM_F_DUMP as u16,
            &crate::engine::genl::header(ec::CMD_GETFAMILY, ec::CTRL_VERSION),
        ),
        None => Error::BadSock.to_nle(),
    }
}

static GENL_CTRL_OPS: RustCacheOps<2> = RustCacheOps(std::cell::UnsafeCell::new(CacheOpsDef {
    ops: nl_cache_ops {
        co_name: c"genl/family".as_ptr().cast_mut(),
        co_hdrsize: 4,
        co_protocol: libc::NETLINK_GENERIC,
        co_hash_size: 0,
        co_flags: 0,
        co_refcnt: 0,
        co_groups: std::ptr::null_mut(),
        co_request_update: Some(ctrl_request_update),
        co_msg_parser: Some(genl_msg_parser),
        co_event_filter: None,
        co_include_event: None,
        reserved: [None; 8],
        co_obj_ops: genl_family_ops.as_ptr(),
        co_next: std::ptr::null_mut(),
        co_major_cache: std::ptr::null_mut(),
        co_genl: CTRL_GENL_OPS.as_ptr().cast(),
        co_msgtypes: [],
    },
    msgtypes: [
        nl_msgtype {
            mt_id: ec::GENL_ID_CTRL as c_int,
            // libnl-compat: libnl's controller type declares no action for its message type,
            // so nl_cache_include of a family object is ignored, as there.
            mt_act: NL_ACT_UNSPEC,
            mt_name: c"nlctrl".as_ptr().cast_mut(),
        },
        nl_msgtype::END,
    ],
}));

/// The "genl/family" cache type (listed in [`crate::ffi::init::CACHE_TYPES`]).
pub fn genl_ctrl_cache_ops() -> *mut nl_cache_ops {
    GENL_CTRL_OPS.as_ptr()
}

/// The attribute payloads of `info` (indexes `0..=ATTR_MAX`).
fn info_payloads<'a>(info: &genl_info) -> [Option<&'a [u8]>; ec::ATTR_MAX + 1] {
    std::array::from_fn(|i| {
        // SAFETY: attrs has c_maxattr + 1 = ATTR_MAX + 1 entries (our command table).
        let a = unsafe { ptr::slice(info.attrs, ec::ATTR_MAX + 1) }
            .get(i)
            .copied()
            .unwrap_or(std::ptr::null_mut());
        // SAFETY: a is NULL or an attribute inside the message being parsed.
        unsafe { ptr::nla_payload(a) }
    })
}

unsafe extern "C" fn ctrl_msg_parser(
    _ops: *mut nl_cache_ops,
    _cmd: *mut genl_cmd,
    info: *mut genl_info,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: called by cmd_msg_parser with a live info block.
    let Some(info) = (unsafe { ptr::as_ref(info) }) else {
        return Error::Inval.to_nle();
    };
    let tb = info_payloads(info);
    let data = match ec::family_from_attrs(&tb) {
        Ok(v) => v,
        Err(e) => return e.to_nle(),
    };
    let Some(o) = new_family(data) else {
        return Error::NoMem.to_nle();
    };
    // SAFETY: nlh is the live message.
    let ty = unsafe { ptr::as_ref(info.nlh) }.map_or(0, |h| c_int::from(h.nlmsg_type));
    o.set_msgtype(ty);
    // SAFETY: arg is the parser parameter block of the cache parse (libnl's contract for
    // this cache type's handler).
    let r = match unsafe { ptr::as_ref(arg.cast::<nl_parser_param>()) }.and_then(|p| p.pp_cb) {
        // SAFETY: the core's callback with its own parameter block.
        Some(cb) => unsafe { cb(o.as_ptr(), arg.cast()) },
        None => Error::Inval.to_nle(),
    };
    crate::ffi::object::put(o);
    r
}

/// `genl_ctrl_alloc_cache`: a new "genl/family" cache filled from a controller dump
/// (`nl_cache_alloc_and_fill` on the controller's cache type, as libnl does: the refill's
/// request, receive loop, restart on an interrupted dump and `NLDBG` lines are the cache
/// layer's).
///
/// # Returns
/// 0 with `*result` set (an empty cache for NULL `sk`, as libnl); the refill's error
/// (`-NLE_PROTO_MISMATCH` for an unconnected or non-generic socket, …) with `*result`
/// untouched; `-NLE_INVAL` for NULL `result`.
/// # Ownership
/// `*result` is a new cache for the caller (`nl_cache_free`).
/// # Safety
/// `sk` NULL or a live socket; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ctrl_alloc_cache(
    sk: *mut nl_sock,
    result: *mut *mut nl_cache,
) -> c_int {
    ffi_entry!("genl_ctrl_alloc_cache", {
        super::ensure_types();
        if result.is_null() {
            return Error::Inval.to_nle();
        }
        // SAFETY: our static, valid cache type.
        let Some(ops) = (unsafe { crate::ffi::objhdr::CacheOps::from_ptr(genl_ctrl_cache_ops()) })
        else {
            return Error::Inval.to_nle();
        };
        match crate::ffi::cache_sync::alloc_and_fill(ops, sk) {
            Ok(c) => {
                // SAFETY: result is writable (checked non-NULL, caller contract).
                unsafe { ptr::write_out(result, c.as_ptr()) };
                0
            }
            Err(e) => e,
        }
    })
}

/// The first family of `cache` for which `pred` holds, with a new reference.
fn search(cache: *mut nl_cache, pred: impl Fn(&Family, u64) -> bool) -> *mut genl_family {
    // SAFETY: cache is NULL or live (callers' contract).
    let Some(c) = (unsafe { Cache::from_ptr(cache) }) else {
        return std::ptr::null_mut();
    };
    let mut cur = c.first();
    while let Some(o) = cur {
        let hit = fam(o.as_ptr().cast()).is_some_and(|o: Obj| {
            let m = o.mask();
            // A read: searching a shared cache from several threads writes nothing.
            objtype::read(o, |f: &Family| pred(f, m)).unwrap_or(false)
        });
        if hit {
            crate::ffi::object::get(o);
            return o.as_ptr().cast();
        }
        cur = c.next_of(o);
    }
    std::ptr::null_mut()
}

/// `genl_ctrl_search`: the family with id `id` in a "genl/family" cache.
///
/// # Returns
/// The family or NULL.
/// # Ownership
/// New reference (`genl_family_put`).
/// # Safety
/// `cache` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ctrl_search(cache: *mut nl_cache, id: c_int) -> *mut genl_family {
    ffi_entry!("genl_ctrl_search", {
        search(cache, |f, _| c_int::from(f.id) == id)
    })
}

/// `genl_ctrl_search_by_name`: the family called `name` in a "genl/family" cache.
///
/// # Returns
/// The family or NULL (also for NULL `name`).
/// # Ownership
/// New reference (`genl_family_put`).
/// # Safety
/// `cache` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ctrl_search_by_name(
    cache: *mut nl_cache,
    name: *const c_char,
) -> *mut genl_family {
    ffi_entry!("genl_ctrl_search_by_name", {
        // SAFETY: caller contract.
        let Some(n) = (unsafe { ptr::cstr(name) }) else {
            return std::ptr::null_mut();
        };
        search(cache, |f, _| f.name() == n.to_bytes())
    })
}

/// What the resolve reply handler collects.
#[derive(Default)]
struct Probe {
    id: Option<u16>,
    family: Family,
}

/// libnl's probe: one `CTRL_CMD_GETFAMILY` request for `name`, its reply (through a VALID
/// handler on a clone of the socket's callback set, so the socket's own handlers still run)
/// and its ack.
fn probe(s: &nl_sock, name: &std::ffi::CStr) -> Option<Probe> {
    let msg = request(name)?;
    let mut p = Probe::default();
    let mut on_reply = |m: *mut nl_msg| {
        // SAFETY: the receive loop's live message; the bytes are read before the next one.
        let Some(bytes) = (unsafe { crate::ffi::msg::message_bytes(m) }) else {
            return NL_SKIP;
        };
        let len = bytes
            .get(0..4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_ne_bytes);
        if !crate::engine::genl::valid_hdr(len, 0) {
            return NL_SKIP;
        }
        let n = usize::try_from(crate::engine::genl::user_datalen(len, 0)).unwrap_or(0);
        let attrs = bytes.get(20..20usize.saturating_add(n)).unwrap_or_default();
        let Some((id, f, skip)) = ec::probe_reply(attrs) else {
            return NL_SKIP;
        };
        if id.is_some() {
            p.id = id;
        }
        p.family.groups.extend(f.groups);
        if skip { NL_SKIP } else { NL_STOP }
    };
    let ok = s.send_auto(&msg) >= 0
        && s.recv_with(RustHandlers {
            valid: Some(&mut on_reply),
            ..RustHandlers::default()
        }) >= 0
        && (s.has(crate::engine::socket::NL_NO_AUTO_ACK) || s.wait_ack() >= 0);
    (ok && p.id.is_some_and(|id| id != 0)).then_some(p)
}

// ---- the lean resolve path ----
//
// libnl resolves with a clone of the socket's callback set (its VALID handler replaced by the
// reply parser), then a second clone for the ack wait, and it peeks at every datagram before
// reading it. When the socket's set has no callback, override or error handler installed and
// auto-ack is on, none of that is observable: the only handlers that run are ours, and any
// message other than our reply and ack (which the kernel keeps small) fails the sequence check
// and so the call. The lean path then runs the same receive loop (engine::recv, identical
// sequence handling, error mapping and debug lines) with Rust handlers straight on the receive
// buffer: no clone, no message view, no family object, one recvmsg per datagram. It reads
// through the socket's one receive path (SockTransport), so a forged controller reply from
// another port is dropped there, as on every read (engine::socket's module docs).

/// Whether the lean path behaves exactly like libnl's clone-based probe on `s` (see above).
fn lean_ok(s: &nl_sock) -> bool {
    if s.has(crate::engine::socket::NL_NO_AUTO_ACK) {
        return false;
    }
    // SAFETY: the socket's callback set is NULL or live.
    let Some(cb) = (unsafe { crate::ffi::handlers::cb_ref(s.s_cb.get()) }) else {
        return false;
    };
    cb.cb_set.iter().all(|c| c.get().is_none())
        && cb.cb_err.get().is_none()
        && cb.cb_recvmsgs_ow.get().is_none()
        && cb.cb_recv_ow.get().is_none()
        && cb.cb_send_ow.get().is_none()
}

/// libnl's request for `name` in a new message.
fn request(name: &std::ffi::CStr) -> Option<OwnedMsg> {
    OwnedMsg::new(ec::getfamily_request(name.to_bytes_with_nul()).ok()?)
}

/// The lean probe: `Some((id, group id))` as [`probe`] would find them, `None` on failure.
fn lean_probe(
    s: &nl_sock,
    name: &std::ffi::CStr,
    want: Option<&[u8]>,
) -> Option<(u16, Option<u32>)> {
    let msg = request(name)?;
    if s.send_auto(&msg) < 0 {
        return None;
    }
    drop(msg);
    let mut t = sock_transport(s, Some(false)).ok()?;
    let r = ec::resolve_replies(&s.sock, &mut t, want);
    t.finish();
    r
}

/// `genl_ctrl_resolve`: the id of the family called `name` (one request, no cache).
///
/// # Returns
/// The id, or `-NLE_OBJ_NOTFOUND` for any failure (unknown family, kernel error, bad reply),
/// as libnl does; `-NLE_INVAL` for NULL `name` (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or a live socket; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ctrl_resolve(sk: *mut nl_sock, name: *const c_char) -> c_int {
    ffi_entry!("genl_ctrl_resolve", {
        super::ensure_types();
        // SAFETY: caller contract.
        let Some(n) = (unsafe { ptr::cstr(name) }) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: sk is NULL or live (caller contract).
        if let Some(s) = unsafe { sk_ref(sk) }.filter(|s| lean_ok(s)) {
            return lean_probe(s, n, None)
                .map_or(Error::ObjNotFound.to_nle(), |(id, _)| c_int::from(id));
        }
        // SAFETY: sk is NULL or live (caller contract).
        let Some(s) = (unsafe { sk_ref(sk) }) else {
            return Error::ObjNotFound.to_nle();
        };
        match probe(s, n) {
            Some(p) => c_int::from(p.id.unwrap_or(0)),
            None => Error::ObjNotFound.to_nle(),
        }
    })
}

/// `genl_ctrl_resolve_grp`: the id of multicast group `grp` of the family `family`.
///
/// # Returns
/// The group id, or `-NLE_OBJ_NOTFOUND` (family or group unknown, request failed);
/// `-NLE_INVAL` for NULL names (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or a live socket; `family`/`grp` NULL or C strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ctrl_resolve_grp(
    sk: *mut nl_sock,
    family: *const c_char,
    grp: *const c_char,
) -> c_int {
    ffi_entry!("genl_ctrl_resolve_grp", {
        super::ensure_types();
        // SAFETY: caller contract.
        let (Some(f), Some(g)) = (unsafe { ptr::cstr(family) }, unsafe { ptr::cstr(grp) }) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: sk is NULL or live (caller contract).
        if let Some(s) = unsafe { sk_ref(sk) }.filter(|s| lean_ok(s)) {
            return match lean_probe(s, f, Some(g.to_bytes())) {
                Some((_, Some(id))) => id as c_int,
                _ => Error::ObjNotFound.to_nle(),
            };
        }
        // SAFETY: sk is NULL or live (caller contract).
        let Some(s) = (unsafe { sk_ref(sk) }) else {
            return Error::ObjNotFound.to_nle();
        };
        match probe(s, f) {
            Some(p) => p
                .family
                .group_id(g.to_bytes())
                .map_or(Error::ObjNotFound.to_nle(), |id| id as c_int),
            None => Error::ObjNotFound.to_nle(),
        }
    })
}
