//! `netlink/cache.h`, the socket-driven half: filling a cache from a kernel dump
//! (`nl_cache_refill`, `nl_cache_alloc_and_fill`), receiving dump answers into it
//! (`nl_cache_pickup[_checkdup]`) and bringing it in line with the kernel while reporting
//! the differences (`nl_cache_resync`).
//!
//! The logic (dump passes per family, restarts after `NLM_F_DUMP_INTR`, which object step each
//! answer goes through, the resync's mark-and-sweep) is [`crate::engine::cache::sync`]. This
//! file gives it its world:
//! * [`SyncModel`] for [`CModel`]: the cache type's protocol, group table, `NL_CACHE_AF_ITER`
//!   flag, argument 1 and whether it has `co_request_update`;
//! * [`SockKernel`], the engine's [`Kernel`] over a libnl socket: the request is the type's
//!   `co_request_update` (a negative result fails, any other value is success), the receive
//!   loop is the socket's own with a valid-message handler that hands each message
//!   ([`RecvMsg`]) to the engine, which parses it through `cache::parse_into`;
//! * `sock`, every socket operation of the cache layer (this file and the cache manager's),
//!   one function each, so the switch to the socket layer's Rust API is one line per
//!   operation.
//!
//! Differences from libnl 3.7 are listed in the engine module (interrupted refills start from
//! an empty cache, restarts are bounded, a resync unmarks objects merged in place).

use std::ffi::{c_int, c_void};
use std::fmt;

use crate::engine::cache::sync::{self as es, Kernel, Received, SyncModel};
use crate::error::Error;
use crate::ffi::cache::{self, CModel, Callbacks};
use crate::ffi::objhdr::{Cache, CacheOps, Obj};
use crate::ffi::socket::{nl_sock, sk_ref};
use crate::ffi::types::{NL_CACHE_AF_ITER, change_func_t, nl_cache, nl_cache_ops, nl_msg};
use crate::ffi_entry;

/// The socket operations of the cache layer, one function each.
pub(crate) mod sock {
    use std::ffi::c_int;

    use crate::error::Error;
    use crate::ffi::nl::RustHandlers;
    use crate::ffi::socket::{nl_sock, sk_ref};
    use crate::ffi::types::nl_msg;

    fn live<'a>(sk: *mut nl_sock) -> Option<&'a nl_sock> {
        // SAFETY: callers pass NULL or a live socket.
        unsafe { sk_ref(sk) }
    }

    /// A new unconnected socket (NULL without memory).
    pub fn alloc() -> *mut nl_sock {
        crate::ffi::socket::alloc_socket()
    }

    /// Connects `sk` (live) to `protocol`: 0 or a negative code.
    pub fn connect(sk: *mut nl_sock, protocol: c_int) -> c_int {
        live(sk).map_or(Error::BadSock.to_nle(), |s| s.connect_to(protocol))
    }

    /// A new socket connected to `protocol`.
    pub fn new_connected(protocol: c_int) -> Result<*mut nl_sock, c_int> {
        let sk = alloc();
        if sk.is_null() {
            return Err(Error::NoMem.to_nle());
        }
        let r = connect(sk, protocol);
        if r < 0 {
            free(sk);
            return Err(r);
        }
        Ok(sk)
    }

    /// Closes the descriptor of `sk` (NULL or live); the socket stays allocated.
    pub fn close(sk: *mut nl_sock) {
        if let Some(s) = live(sk) {
            s.close(&mut crate::sys::socket::Os);
        }
    }

    /// Frees `sk` (NULL or live, not used afterwards).
    pub fn free(sk: *mut nl_sock) {
        // SAFETY: sk is NULL or a live socket given up by the caller.
        unsafe { crate::ffi::socket::free_socket(sk) }
    }

    /// Readies `sk` (live, unconnected) for notifications: no sequence checks.
    pub fn events_unchecked(sk: *mut nl_sock) {
        if let Some(s) = live(sk) {
            s.disable_seq_check();
        }
    }

    /// Makes `sk` (live, connected) non-blocking: 0 or a negative code.
    pub fn nonblocking(sk: *mut nl_sock) -> c_int {
        live(sk).map_or(Error::BadSock.to_nle(), nl_sock::nonblocking)
    }

    /// The descriptor of `sk` (-1 for NULL or unconnected).
    pub fn fd(sk: *mut nl_sock) -> c_int {
        live(sk).map_or(-1, |s| s.s_fd.get())
    }

    /// Joins multicast group `group`: 0 or a negative code.
    pub fn join(sk: *mut nl_sock, group: c_int) -> c_int {
        live(sk).map_or(Error::BadSock.to_nle(), |s| s.join(group, true))
    }

    /// Leaves multicast group `group`.
    pub fn leave(sk: *mut nl_sock, group: c_int) {
        if let Some(s) = live(sk) {
            s.join(group, false);
        }
    }

    /// Runs the receive loop of `s` once with a copy of its callbacks whose valid-message
    /// handler is `on_valid`; returns the loop's result (messages read, or a negative code).
    pub fn receive(
        _sk: *mut nl_sock,
        s: &nl_sock,
        on_valid: &mut dyn FnMut(*mut nl_msg) -> c_int,
    ) -> c_int {
        s.recv_with(RustHandlers {
            valid: Some(on_valid),
            ..RustHandlers::default()
        })
    }
}

impl SyncModel for CModel {
    fn type_protocol(&self, c: Cache) -> i32 {
        ops_of(c).map_or(-1, CacheOps::protocol)
    }
    fn type_groups(&self, c: Cache) -> Option<Vec<(i32, i32)>> {
        ops_of(c)
            .filter(|o| o.has_groups_table())
            .map(CacheOps::groups)
    }
    fn af_iter(&self, c: Cache) -> bool {
        c.flags() & NL_CACHE_AF_ITER != 0
    }
    fn set_family(&self, c: Cache, family: i32) {
        c.set_iarg1(family);
    }
    fn can_request(&self, c: Cache) -> bool {
        ops_of(c).is_some_and(|o| o.request_update().is_some())
    }
}

/// The type of `c` (`None` for a cache without one).
pub(crate) fn ops_of(c: Cache) -> Option<CacheOps> {
    // SAFETY: a cache's c_ops is NULL or a valid cache type.
    unsafe { CacheOps::from_ptr(c.ops_ptr()) }
}

/// A message the receive loop hands to a valid-message handler (live during the handler).
#[derive(Clone, Copy)]
pub struct RecvMsg(*mut nl_msg);

impl fmt::Pointer for RecvMsg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&self.0, f)
    }
}

impl Received<CModel> for RecvMsg {
    fn protocol(self) -> i32 {
        // SAFETY: the loop's live message.
        unsafe { nl_msg::head(self.0) }.map_or(-1, |h| h.nm_protocol.get())
    }
    fn msgtype(self) -> Option<i32> {
        // SAFETY: the loop's live message; nm_nlh points at its header.
        let h = unsafe { nl_msg::head(self.0) }?;
        // SAFETY: nm_nlh is the live message's header.
        unsafe { crate::ffi::ptr::as_ref(h.nm_nlh.get()) }.map(|h| c_int::from(h.nlmsg_type))
    }
    fn parse(self, c: Cache, with_sender: bool, deliver: &mut dyn FnMut(Obj) -> c_int) -> c_int {
        let Some(ops) = ops_of(c) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: the loop's live message.
        let Some(h) = (unsafe { nl_msg::head(self.0) }) else {
            return Error::Inval.to_nle();
        };
        let who = if with_sender {
            h.nm_src.as_ptr().cast()
        } else {
            std::ptr::null_mut()
        };
        // SAFETY: nm_nlh is the live message's header, nm_src its stored sender.
        unsafe { cache::parse_into(ops, who, h.nm_nlh.get(), deliver) }
    }
}

/// The engine's [`Kernel`] over a live libnl socket.
pub struct SockKernel<'a> {
    sk: *mut nl_sock,
    s: &'a nl_sock,
}

impl SockKernel<'_> {
    /// Wraps `sk`; `None` for NULL.
    ///
    /// # Safety
    /// `sk` is NULL or a socket that stays live while the wrapper is used.
    pub unsafe fn new(sk: *mut nl_sock) -> Option<Self> {
        // SAFETY: forwarded contract.
        unsafe { sk_ref(sk) }.map(|s| SockKernel { sk, s })
    }

    /// The socket.
    pub fn as_ptr(&self) -> *mut nl_sock {
        self.sk
    }
}

impl Kernel<CModel> for SockKernel<'_> {
    type Msg = RecvMsg;

    fn protocol(&self) -> i32 {
        self.s.s_proto.get()
    }
    fn request(&mut self, c: Cache) -> i32 {
        match ops_of(c).and_then(CacheOps::request_update) {
            // SAFETY: the type's own request function with its cache and a live socket.
            Some(f) => unsafe { f(c.as_ptr(), self.sk.cast()) },
            None => Error::OpNotSupp.to_nle(),
        }
    }
    fn receive(&mut self, on_msg: &mut dyn FnMut(RecvMsg) -> i32) -> i32 {
        sock::receive(self.sk, self.s, &mut |msg| on_msg(RecvMsg(msg)))
    }
}

/// The socket and the typed cache of an exported function's arguments: `-NLE_BAD_SOCK` for a
/// NULL socket, `-NLE_INVAL` for a NULL cache or one without type; with `cache_first` a NULL
/// cache is reported before a NULL socket.
fn args<'a>(
    sk: *mut nl_sock,
    cache: *mut nl_cache,
    cache_first: bool,
) -> Result<(SockKernel<'a>, Cache), c_int> {
    // SAFETY: caller contract: cache is NULL or a live cache.
    let c = unsafe { Cache::from_ptr(cache) };
    if cache_first && c.is_none() {
        return Err(Error::Inval.to_nle());
    }
    // SAFETY: caller contract: sk is NULL or a live socket.
    let k = unsafe { SockKernel::new(sk) }.ok_or(Error::BadSock.to_nle())?;
    let c = c.ok_or(Error::Inval.to_nle())?;
    ops_of(c).ok_or(Error::Inval.to_nle())?;
    Ok((k, c))
}

/// `nl_cache_refill`.
fn refill(sk: *mut nl_sock, cache: *mut nl_cache) -> c_int {
    match args(sk, cache, true) {
        Ok((mut k, c)) => es::refill(&CModel, &mut k, c),
        Err(e) => e,
    }
}

/// `nl_cache_refill` for Rust callers.
#[cfg(feature = "route")]
pub(crate) fn refill_cache(sk: *mut nl_sock, cache: Cache) -> c_int {
    refill(sk, cache.as_ptr())
}

fn pickup(sk: *mut nl_sock, cache: *mut nl_cache, checkdup: bool) -> c_int {
    match args(sk, cache, false) {
        Ok((mut k, c)) => es::pickup(&CModel, &mut k, c, checkdup),
        Err(e) => e,
    }
}

/// `nl_cache_alloc_and_fill` for Rust callers: a new cache of type `ops` (one reference),
/// filled by [`refill`] when `sk` is not NULL; the negative `NLE_*` code otherwise (the cache
/// is freed then).
pub(crate) fn alloc_and_fill(ops: CacheOps, sk: *mut nl_sock) -> Result<Cache, c_int> {
    let c = cache::alloc(ops).ok_or(Error::NoMem.to_nle())?;
    if !sk.is_null() {
        let r = refill(sk, c.as_ptr());
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
/// 0; `-NLE_PROTO_MISMATCH` when the socket is connected to another protocol,
/// `-NLE_OPNOTSUPP` without `co_request_update`, the request's or receive loop's error;
/// `-NLE_BAD_SOCK` for NULL `sk`, `-NLE_INVAL` for NULL `cache` (libnl-compat: libnl crashes
/// on both).
///
/// # Ownership
/// The cache keeps one reference per object.
///
/// # Safety
/// `sk` is NULL or a live socket; `cache` NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_refill(sk: *mut nl_sock, cache: *mut nl_cache) -> c_int {
    ffi_entry!("nl_cache_refill", { refill(sk, cache) })
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
        let l = Callbacks {
            cb: change_cb,
            cb_v2: None,
            data,
        };
        match args(sk, cache, true) {
            Ok((mut k, c)) => es::resync(&CModel, &mut k, c, &l),
            Err(e) => e,
        }
    })
}

/// `nl_cache_pickup`: receives the answers of a request already sent on `sk` and adds every
/// parsed object to the cache.
///
/// # Returns
/// 0 or the receive loop's error; an add error ends it (but an object the hashed cache
/// already holds only skips its message); `-NLE_BAD_SOCK`/`-NLE_INVAL` for NULL.
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
