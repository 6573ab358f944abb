//! `netlink/cache.h`, the socket-driven half: filling a cache from a kernel dump
//! (`nl_cache_refill`, `nl_cache_alloc_and_fill`), receiving dump answers into it
//! (`nl_cache_pickup[_checkdup]`) and bringing it in line with the kernel while reporting
//! the differences (`nl_cache_resync`).
//!
//! Every dump goes through the cache type's `co_request_update` (a negative result fails;
//! any other value is success) after the socket's protocol was checked against the type's.
//! Answers are read with the socket's receive loop; each valid message goes through
//! [`cache::parse`] (length and message-type checks, then the type's parser) with a parser
//! parameter block whose `pp_cb` decides what happens to each object. The family loop and
//! the handling of interrupted dumps come from [`crate::engine::cache::sync`].
//!
//! Differences from libnl 3.7, all in the direction of "the cache equals the kernel's table":
//! * a refill whose dump is interrupted (`NLM_F_DUMP_INTR`) starts again from an empty cache
//!   (libnl keeps what the interrupted dump delivered and adds the new dump on top, which
//!   leaves duplicates, or fails with `-NLE_EXIST` on a hashed cache);
//! * restarts are bounded ([`crate::engine::cache::sync::MAX_DUMP_RESTARTS`]);
//! * during a resync, an object merged in place by the type's `oo_update` is unmarked (libnl
//!   leaves it marked and then deletes it as vanished).

use std::ffi::{c_int, c_void};

use crate::engine::cache as ec;
use crate::engine::cache::sync::{self as plan, Next};
use crate::error::Error;
use crate::ffi::cache;
use crate::ffi::cache::CModel;
use crate::ffi::handlers::{NL_CB_CUSTOM, nl_cb};
use crate::ffi::objhdr::{Cache, CacheOps, Obj};
use crate::ffi::socket::{nl_sock, sk_ref};
use crate::ffi::types::{
    NL_CACHE_AF_ITER, change_func_t, change_func_v2_t, nl_cache, nl_cache_ops, nl_msg, nl_object,
    nl_parser_param,
};
use crate::ffi_entry;

/// The state behind the receive loop's valid-message callback.
struct Update {
    ops: CacheOps,
    params: *mut nl_parser_param,
}

unsafe extern "C" fn update_msg_parser(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    ffi_entry!("nl_cache_pickup", {
        // SAFETY: arg is the Update on `pickup_with`'s stack, live while the loop runs.
        let Some(u) = (unsafe { crate::ffi::ptr::as_ref(arg.cast::<Update>()) }) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: msg is the loop's live message.
        let (src, nlh) = unsafe {
            (
                crate::ffi::msg::nlmsg_get_src(msg),
                crate::ffi::msg::nlmsg_hdr(msg),
            )
        };
        // SAFETY: nlh/src point into the live message; params is the caller's live block.
        let r = unsafe { cache::parse(u.ops, src, nlh, u.params) };
        // An object the cache already holds is skipped (as libnl does), not an error.
        if r == Error::Exist.to_nle() {
            crate::engine::recv::NL_SKIP
        } else {
            r
        }
    })
}

/// libnl's `__cache_pickup`: runs the receive loop on `sk`, parsing every valid message with
/// the cache type's parser into `params`.
pub(crate) fn pickup_with(
    sk: *mut nl_sock,
    s: &nl_sock,
    ops: CacheOps,
    params: *mut nl_parser_param,
) -> c_int {
    // SAFETY: s_cb is the socket's live callback set.
    let cb = unsafe { crate::ffi::handlers::nl_cb_clone(s.s_cb.get()) };
    // SAFETY: cb is NULL or our clone.
    let Some(c) = (unsafe { crate::ffi::handlers::cb_ref(cb) }) else {
        return Error::NoMem.to_nle();
    };
    let mut u = Update { ops, params };
    let up: *mut Update = &mut u;
    c.set(
        crate::engine::recv::CbType::Valid as c_int,
        NL_CB_CUSTOM,
        Some(update_msg_parser),
        up.cast(),
    );
    // SAFETY: sk is live (s borrows it); cb is our live clone.
    let r = unsafe { crate::ffi::nl::nl_recvmsgs(sk, cb) };
    if r < 0 {
        crate::nl_dbg!(
            2,
            "While picking up for {:p}, recvmsgs() returned {}\n",
            s,
            r
        );
    }
    // SAFETY: we own the clone.
    unsafe { nl_cb::release(cb) };
    r
}

/// `nl_cache_request_full_dump`'s core: protocol check, then the type's request.
pub(crate) fn request_dump(sk: *mut nl_sock, s: &nl_sock, c: Cache, ops: CacheOps) -> c_int {
    if s.s_proto.get() != ops.protocol() {
        return Error::ProtoMismatch.to_nle();
    }
    let Some(f) = ops.request_update() else {
        return Error::OpNotSupp.to_nle();
    };
    crate::nl_dbg!(
        2,
        "Requesting update from kernel for cache {:p} <{}>\n",
        c.as_ptr(),
        ops.name().unwrap_or_default().to_string_lossy()
    );
    // SAFETY: the type's own request function with its cache and a live socket.
    let r = unsafe { f(c.as_ptr(), sk.cast()) };
    if r < 0 { r } else { 0 }
}

unsafe extern "C" fn add_cb(o: *mut nl_object, p: *mut nl_parser_param) -> c_int {
    ffi_entry!("nl_cache_pickup", {
        // SAFETY: p is our parameter block (pp_arg = the live cache); o the parser's object.
        let (c, o) = unsafe {
            let Some(pp) = crate::ffi::ptr::as_ref(p) else {
                return Error::Inval.to_nle();
            };
            (Cache::from_ptr(pp.pp_arg.cast()), Obj::from_ptr(o))
        };
        match (c, o) {
            (Some(c), Some(o)) => cache::add(c, o),
            _ => Error::Inval.to_nle(),
        }
    })
}

unsafe extern "C" fn checkdup_cb(o: *mut nl_object, p: *mut nl_parser_param) -> c_int {
    ffi_entry!("nl_cache_pickup_checkdup", {
        // SAFETY: as add_cb.
        let (c, o) = unsafe {
            let Some(pp) = crate::ffi::ptr::as_ref(p) else {
                return Error::Inval.to_nle();
            };
            (Cache::from_ptr(pp.pp_arg.cast()), Obj::from_ptr(o))
        };
        let (Some(c), Some(o)) = (c, o) else {
            return Error::Inval.to_nle();
        };
        crate::ffi::nle0(ec::add_checkdup(&CModel, c, o))
    })
}

/// Where a resync (or a cache manager) delivers its changes.
#[repr(C)]
pub struct Assoc {
    /// The cache.
    pub cache: Cache,
    /// Change callback (v1).
    pub cb: change_func_t,
    /// Change callback (v2); takes precedence over `cb`.
    pub cb_v2: change_func_v2_t,
    /// Callback argument.
    pub data: *mut c_void,
}

impl Assoc {
    /// `nl_cache_include[_v2]` of `o` into the cache with the association's callback.
    pub fn include(&self, o: Obj) -> c_int {
        cache::include_entry(self.cache, o, self.cb, self.cb_v2, self.data)
    }
}

unsafe extern "C" fn resync_cb(o: *mut nl_object, p: *mut nl_parser_param) -> c_int {
    ffi_entry!("nl_cache_resync", {
        // SAFETY: p is our parameter block whose pp_arg is the live Assoc of `resync`.
        let (a, o) = unsafe {
            let Some(pp) = crate::ffi::ptr::as_ref(p) else {
                return Error::Inval.to_nle();
            };
            (
                crate::ffi::ptr::as_ref(pp.pp_arg.cast::<Assoc>()),
                Obj::from_ptr(o),
            )
        };
        let (Some(a), Some(o)) = (a, o) else {
            return Error::Inval.to_nle();
        };
        let mut report = cache::reporter(a.cache, a.cb, a.cb_v2, a.data);
        let notify = cache::notify_of(a.cb, a.cb_v2);
        crate::ffi::nle0(ec::resync_seen(&CModel, a.cache, o, notify, &mut report))
    })
}

/// Runs the dump passes of a synchronisation; with `restart_all`, an interrupted dump
/// empties the cache and starts over from the first pass.
fn sync_passes(
    sk: *mut nl_sock,
    s: &nl_sock,
    c: Cache,
    ops: CacheOps,
    params: *mut nl_parser_param,
    restart_all: bool,
) -> c_int {
    let passes = plan::passes(&groups_u32(ops), c.flags() & NL_CACHE_AF_ITER != 0);
    let mut restarts = 0;
    let mut i = 0;
    let mut r = 0;
    while let Some(pass) = passes.get(i) {
        if let Some(f) = pass.family {
            c.set_iarg1(f);
        }
        r = request_dump(sk, s, c, ops);
        if r < 0 {
            return r;
        }
        crate::nl_dbg!(
            2,
            "Updating cache {:p} <{}> for family {}, request sent, waiting for reply\n",
            c.as_ptr(),
            ops.name().unwrap_or_default().to_string_lossy(),
            pass.family.unwrap_or(0)
        );
        crate::nl_dbg!(
            2,
            "Picking up answer for cache {:p} <{}>\n",
            c.as_ptr(),
            ops.name().unwrap_or_default().to_string_lossy()
        );
        r = pickup_with(sk, s, ops, params);
        match plan::next(r, Error::DumpIntr.to_nle(), restarts) {
            Next::Done => i += 1,
            Next::Restart => {
                crate::nl_dbg!(2, "Dump interrupted, restarting!\n");
                restarts += 1;
                if restart_all {
                    cache::clear(c);
                    i = 0;
                }
            }
            Next::Fail(e) => return e,
        }
    }
    r
}

fn groups_u32(ops: CacheOps) -> Vec<(i32, u32)> {
    ops.groups()
        .into_iter()
        .map(|(f, g)| (f, g as u32))
        .collect()
}

/// `nl_cache_refill`.
pub(crate) fn refill(sk: *mut nl_sock, c: Cache) -> c_int {
    // SAFETY: caller contract: sk is NULL or a live socket.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    // SAFETY: c_ops is NULL or a valid cache type.
    let Some(ops) = (unsafe { CacheOps::from_ptr(c.ops_ptr()) }) else {
        return Error::Inval.to_nle();
    };
    if s.s_proto.get() != ops.protocol() {
        return Error::ProtoMismatch.to_nle();
    }
    cache::clear(c);
    let mut pp = nl_parser_param {
        pp_cb: Some(add_cb),
        pp_arg: c.as_ptr().cast(),
    };
    sync_passes(sk, s, c, ops, &mut pp, true)
}

/// `nl_cache_resync` with either callback kind (the cache manager uses v2 after overruns).
pub(crate) fn resync(
    sk: *mut nl_sock,
    c: Cache,
    cb: change_func_t,
    cb_v2: change_func_v2_t,
    data: *mut c_void,
) -> c_int {
    // SAFETY: caller contract: sk is NULL or a live socket.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    // SAFETY: c_ops is NULL or a valid cache type.
    let Some(ops) = (unsafe { CacheOps::from_ptr(c.ops_ptr()) }) else {
        return Error::Inval.to_nle();
    };
    if s.s_proto.get() != ops.protocol() {
        return Error::ProtoMismatch.to_nle();
    }
    crate::nl_dbg!(1, "Resyncing cache {:p}...\n", c.as_ptr());
    ec::resync_mark(&CModel, c);
    let mut a = Assoc {
        cache: c,
        cb,
        cb_v2,
        data,
    };
    let ap: *mut Assoc = &mut a;
    let mut pp = nl_parser_param {
        pp_cb: Some(resync_cb),
        pp_arg: ap.cast(),
    };
    let r = sync_passes(sk, s, c, ops, &mut pp, false);
    if r < 0 {
        return r;
    }
    let mut report = cache::reporter(c, cb, cb_v2, data);
    ec::resync_sweep(&CModel, c, cache::notify_of(cb, cb_v2), &mut report);
    crate::nl_dbg!(1, "Finished resyncing {:p}\n", c.as_ptr());
    0
}

fn pickup(sk: *mut nl_sock, cache: *mut nl_cache, checkdup: bool) -> c_int {
    // SAFETY: caller contract: sk is NULL or a live socket.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    // SAFETY: caller contract: cache is NULL or a live cache.
    let Some(c) = (unsafe { Cache::from_ptr(cache) }) else {
        return Error::Inval.to_nle();
    };
    // SAFETY: c_ops is NULL or a valid cache type.
    let Some(ops) = (unsafe { CacheOps::from_ptr(c.ops_ptr()) }) else {
        return Error::Inval.to_nle();
    };
    let mut pp = nl_parser_param {
        pp_cb: Some(if checkdup { checkdup_cb } else { add_cb }),
        pp_arg: c.as_ptr().cast(),
    };
    pickup_with(sk, s, ops, &mut pp)
}

/// `nl_cache_alloc_and_fill` for Rust callers: a new cache of type `ops` (one reference),
/// filled by [`refill`] when `sk` is not NULL; the negative `NLE_*` code otherwise (the cache
/// is freed then).
pub(crate) fn alloc_and_fill(ops: CacheOps, sk: *mut nl_sock) -> Result<Cache, c_int> {
    let c = cache::alloc(ops).ok_or(Error::NoMem.to_nle())?;
    if !sk.is_null() {
        let r = refill(sk, c);
        if r < 0 {
            cache::put(Some(c));
            return Err(r);
        }
    }
    Ok(c)
}

/// `nl_cache_alloc_and_fill`: a new cache of type `ops`, filled from the kernel when `sock`
/// is not NULL.
///
/// # Returns
/// 0 with `*result` set; `-NLE_NOMEM`, or the refill's error (the cache is freed then);
/// `-NLE_INVAL` for NULL `ops` or `result`.
///
/// # Ownership
/// `*result` carries the caller's reference.
///
/// # Safety
/// `ops` is NULL or a valid cache type; `sock` NULL or a live socket; `result` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_alloc_and_fill(
    ops: *mut nl_cache_ops,
    sock: *mut nl_sock,
    result: *mut *mut nl_cache,
) -> c_int {
    ffi_entry!("nl_cache_alloc_and_fill", {
        // SAFETY: caller contract.
        let Some(o) = (unsafe { CacheOps::from_ptr(ops) }) else {
            return Error::Inval.to_nle();
        };
        if result.is_null() {
            return Error::Inval.to_nle();
        }
        match alloc_and_fill(o, sock) {
            Ok(c) => {
                // SAFETY: result is writable (checked non-NULL, caller contract).
                unsafe { crate::ffi::ptr::write_out(result, c.as_ptr()) };
                0
            }
            Err(r) => r,
        }
    })
}

/// `nl_cache_refill`: empties the cache and fills it from a fresh kernel dump (one per
/// family for `NL_CACHE_AF_ITER` types).
///
/// # Returns
/// 0 (or the receive loop's non-negative result); `-NLE_PROTO_MISMATCH` when the socket is
/// connected to another protocol, `-NLE_OPNOTSUPP` without `co_request_update`, the
/// request's or receive loop's error; `-NLE_BAD_SOCK` for NULL `sk`, `-NLE_INVAL` for NULL
/// `cache` (libnl-compat: libnl crashes on both).
///
/// # Ownership
/// The cache keeps one reference per object.
///
/// # Safety
/// `sk` is NULL or a live socket; `cache` NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_refill(sk: *mut nl_sock, cache: *mut nl_cache) -> c_int {
    ffi_entry!("nl_cache_refill", {
        // SAFETY: caller contract.
        match unsafe { Cache::from_ptr(cache) } {
            Some(c) => refill(sk, c),
            None => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cache_resync`: brings the cache in line with a fresh kernel dump, calling `change_cb`
/// with `NL_ACT_NEW`/`NL_ACT_CHANGE` for what the dump adds or changes and `NL_ACT_DEL` for
/// cached objects the dump no longer contains.
///
/// # Returns
/// 0; the errors of [`nl_cache_refill`] (objects not yet seen then stay marked).
///
/// # Ownership
/// Removed objects are released after their callback.
///
/// # Safety
/// As [`nl_cache_refill`]; `change_cb` NULL or a valid function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_resync(
    sk: *mut nl_sock,
    cache: *mut nl_cache,
    change_cb: change_func_t,
    data: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cache_resync", {
        // SAFETY: caller contract.
        match unsafe { Cache::from_ptr(cache) } {
            Some(c) => resync(sk, c, change_cb, None, data),
            None => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cache_pickup`: receives the answers of a request already sent on `sk` and adds every
/// parsed object to the cache.
///
/// # Returns
/// The receive loop's result (0); an add error ends it (e.g. `-NLE_EXIST` for an object the
/// hashed cache already holds); `-NLE_BAD_SOCK`/`-NLE_INVAL` for NULL.
///
/// # Ownership
/// The cache keeps one reference per added object.
///
/// # Safety
/// `sk` NULL or a live socket; `cache` NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_pickup(sk: *mut nl_sock, cache: *mut nl_cache) -> c_int {
    ffi_entry!("nl_cache_pickup", { pickup(sk, cache, false) })
}

/// `nl_cache_pickup_checkdup`: as [`nl_cache_pickup`], but an object identical to a cached
/// one updates it (`oo_update`) or replaces it.
///
/// # Returns
/// As [`nl_cache_pickup`].
///
/// # Ownership
/// As [`nl_cache_pickup`]; replaced objects lose the cache's reference.
///
/// # Safety
/// As [`nl_cache_pickup`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_pickup_checkdup(sk: *mut nl_sock, cache: *mut nl_cache) -> c_int {
    ffi_entry!("nl_cache_pickup_checkdup", { pickup(sk, cache, true) })
}
