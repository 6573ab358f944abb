//! `netlink/cache.h`: the cache manager — caches kept up to date from kernel notifications.
//!
//! The manager's logic (adding caches, dispatching notifications to the association of their
//! message type, event filter and include hooks, overrun → resync of every cache, the info
//! text) is [`crate::engine::cache::mngr::Manager`]. This file holds `struct nl_cache_mngr`
//! (the engine state first, then the two sockets), implements the engine's [`MngrModel`] for
//! [`CModel`] (the cache types' `co_event_filter` / `co_include_event`, the registry's
//! provide/unprovide, the caller's callbacks), and the exported functions. The sockets are the
//! cache layer's [`SockKernel`]s: an event socket (joined to each cache type's multicast
//! groups, non-blocking, sequence checks off) and a second socket for the synchronous dumps
//! that fill a cache when it is added and resync it after an overrun; every socket operation
//! goes through `ffi::cache_sync::sock`.
//!
//! The manager block is Rust-owned and opaque to C (no libnl library reads its members).
//!
//! Beyond libnl: after an overrun of the event socket (`ENOBUFS`) the caches are
//! resynchronised and the call succeeds, where libnl returns `-NLE_NOMEM` and lets them
//! diverge (see the engine module).

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void};

use crate::engine::cache::mngr::{EventSocket, INITIAL_SLOTS, Manager, MngrModel};
use crate::error::Error;
use crate::ffi::cache::{self, CModel, Callbacks};
use crate::ffi::cache_sync::{SockKernel, ops_of, sock};
use crate::ffi::handle::boxed;
use crate::ffi::objhdr::{Cache, Obj};
use crate::ffi::socket::nl_sock;
use crate::ffi::types::{change_func_t, change_func_v2_t, nl_cache, nl_dump_params};
use crate::ffi_entry;

/// `struct nl_cache_mngr`.
#[repr(C)]
pub struct nl_cache_mngr {
    /// First, so that the engine's debug lines print the C handle's address.
    core: Manager<CModel>,
    sock: *mut nl_sock,
    sync_sock: Cell<*mut nl_sock>,
}

/// `%p` as glibc prints it ("(nil)" for NULL).
fn ptext<T>(p: *const T) -> String {
    if p.is_null() {
        "(nil)".into()
    } else {
        format!("{p:p}")
    }
}

impl MngrModel for CModel {
    type Callbacks = Callbacks;

    fn same_cache_type(&self, a: Cache, b: Cache) -> bool {
        a.ops_ptr() == b.ops_ptr()
    }
    fn event_filter(&self, c: Cache, o: Obj) -> bool {
        match ops_of(c).and_then(|t| t.event_filter()) {
            Some(f) => {
                // SAFETY: the type's own filter with its cache and a live object.
                let r = unsafe { f(c.as_ptr(), o.as_ptr()) };
                r == crate::engine::recv::NL_OK
            }
            None => true,
        }
    }
    fn include_event(&self, c: Cache, o: Obj, l: &Callbacks) -> Option<i32> {
        let f = ops_of(c)?.include_event()?;
        // SAFETY: the type's own include hook with live pointers and the caller's callbacks.
        Some(unsafe { f(c.as_ptr(), o.as_ptr(), l.cb, l.cb_v2, l.data) })
    }
    fn provide(&self, c: Cache) {
        crate::ffi::cache_mngt::provide(c);
    }
    fn release(&self, c: Cache) {
        cache::unprovide(c);
        cache::put(Some(c));
    }
    fn type_name(&self, c: Cache) -> String {
        ops_of(c)
            .and_then(|t| t.name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
    fn callbacks_info(&self, l: &Callbacks) -> (String, String) {
        // libnl shows the v1 callback only (NULL for v2 associations).
        let f = l.cb.map_or(std::ptr::null(), |f| f as *const c_void);
        (ptext(f), ptext(l.data))
    }
}

impl EventSocket<CModel> for SockKernel<'_> {
    fn join(&mut self, group: i32) -> i32 {
        sock::join(self.as_ptr(), group)
    }
    fn leave(&mut self, group: i32) {
        sock::leave(self.as_ptr(), group);
    }
    fn overrun(&self, r: i32) -> bool {
        r == Error::NoMem.to_nle() && crate::sys::errno() == libc::ENOBUFS
    }
}

fn mngr<'a>(p: *mut nl_cache_mngr) -> Option<&'a nl_cache_mngr> {
    // SAFETY: every exported function's contract: NULL or a live manager from
    // nl_cache_mngr_alloc. Only shared references are made (the state is Cell/RefCell), so
    // re-entry from a change callback aliases nothing mutably.
    unsafe { crate::ffi::ptr::as_ref(p) }
}

/// The manager's sockets as the engine's kernels (`None` if one is missing).
fn kernels<'a>(mg: &nl_cache_mngr) -> Option<(SockKernel<'a>, SockKernel<'a>)> {
    // SAFETY: the manager's sockets are NULL or live while it lives (both borrowed for one
    // call of an exported function).
    unsafe {
        Some((
            SockKernel::new(mg.sock)?,
            SockKernel::new(mg.sync_sock.get())?,
        ))
    }
}

fn free_mngr(m: *mut nl_cache_mngr) {
    let Some(mg) = mngr(m) else {
        return;
    };
    sock::close(mg.sock);
    let sync = mg.sync_sock.get();
    if !sync.is_null() {
        sock::close(sync);
        sock::free(sync);
    }
    if mg.core.flags() & crate::engine::cache::mngr::NL_ALLOCATED_SOCK != 0 {
        sock::free(mg.sock);
    }
    mg.core.release_all(&CModel);
    crate::nl_dbg!(1, "Cache manager {:p} freed\n", m);
    // SAFETY: m came from boxed::new in nl_cache_mngr_alloc and is freed once.
    unsafe { boxed::free(m) };
}

fn alloc(sk: *mut nl_sock, protocol: c_int, flags: c_int) -> Result<*mut nl_cache_mngr, c_int> {
    let core = Manager::new(protocol, flags, sk.is_null()).map_err(Error::to_nle)?;
    let sock = if sk.is_null() { sock::alloc() } else { sk };
    if sock.is_null() {
        return Err(Error::NoMem.to_nle());
    }
    let m = boxed::new(nl_cache_mngr {
        core,
        sock,
        sync_sock: Cell::new(std::ptr::null_mut()),
    });
    let fail = |e: c_int| {
        free_mngr(m);
        Err(e)
    };
    sock::events_unchecked(sock);
    let r = sock::connect(sock, protocol);
    if r < 0 {
        return fail(r);
    }
    let r = sock::nonblocking(sock);
    if r < 0 {
        return fail(r);
    }
    match sock::new_connected(protocol) {
        Ok(s) => {
            if let Some(mg) = mngr(m) {
                mg.sync_sock.set(s);
            }
        }
        Err(e) => return fail(e),
    }
    crate::nl_dbg!(
        1,
        "Allocated cache manager {:p}, protocol {}, {} caches\n",
        m,
        protocol,
        INITIAL_SLOTS
    );
    Ok(m)
}

fn add_cache(m: *mut nl_cache_mngr, cache: *mut nl_cache, l: Callbacks) -> c_int {
    let Some(mg) = mngr(m) else {
        return Error::Inval.to_nle();
    };
    // SAFETY: caller contract: NULL or a live cache.
    let Some(c) = (unsafe { Cache::from_ptr(cache) }) else {
        return Error::Inval.to_nle();
    };
    if ops_of(c).is_none() {
        return Error::Inval.to_nle();
    }
    let Some((mut ev, mut sync)) = kernels(mg) else {
        return Error::BadSock.to_nle();
    };
    match mg.core.add_cache(&CModel, &mut ev, &mut sync, c, l) {
        Ok(_) => 0,
        Err(e) => e,
    }
}

fn data_ready(m: *mut nl_cache_mngr) -> c_int {
    let Some(mg) = mngr(m) else {
        return Error::Inval.to_nle();
    };
    let Some((mut ev, mut sync)) = kernels(mg) else {
        return Error::BadSock.to_nle();
    };
    crate::nl_dbg!(
        2,
        "Cache manager {:p}, reading new data from fd {}\n",
        m,
        sock::fd(mg.sock)
    );
    mg.core.data_ready(&CModel, &mut ev, &mut sync)
}

/// Emits one line of text through the dump parameters (as `nl_dump_line` would).
fn line(p: *mut nl_dump_params, text: &str) {
    // SAFETY: p is the caller's live dump parameters.
    unsafe { crate::ffi::utils::dump_text(p, text.as_bytes(), true) };
}

/// `nl_cache_mngr_alloc`: a cache manager for `protocol` using `sk` as its event socket (a
/// new one when NULL).
///
/// # Returns
/// 0 with `*result` set; `-NLE_NOMEM`, the connect errors; `-NLE_INVAL` for
/// `NL_ALLOCATED_SOCK` in `flags` (libnl-compat: libnl aborts) or NULL `result`.
///
/// # Ownership
/// The caller frees the manager with `nl_cache_mngr_free`; a caller's `sk` stays the
/// caller's (it is closed by the free).
///
/// # Safety
/// `sk` NULL or a live unconnected socket; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_alloc(
    sk: *mut nl_sock,
    protocol: c_int,
    flags: c_int,
    result: *mut *mut nl_cache_mngr,
) -> c_int {
    ffi_entry!("nl_cache_mngr_alloc", {
        if result.is_null() {
            return Error::Inval.to_nle();
        }
        match alloc(sk, protocol, flags) {
            Ok(m) => {
                // SAFETY: result is writable (checked, caller contract).
                unsafe { crate::ffi::ptr::write_out(result, m) };
                0
            }
            Err(e) => e,
        }
    })
}

/// `nl_cache_mngr_add`: allocates a cache of the registered type `name`, fills it and adds
/// it to the manager.
///
/// # Returns
/// 0 with `*result` set; `-NLE_NOCACHE` for an unknown name; the errors of
/// [`nl_cache_mngr_add_cache`]; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// The manager owns the cache; `*result` is borrowed.
///
/// # Safety
/// `mngr` NULL or live; `name` NULL or a C string; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_add(
    mngr: *mut nl_cache_mngr,
    name: *const c_char,
    cb: change_func_t,
    data: *mut c_void,
    result: *mut *mut nl_cache,
) -> c_int {
    ffi_entry!("nl_cache_mngr_add", {
        // SAFETY: caller contract.
        let Some(n) = (unsafe { crate::ffi::ptr::cstr(name) }) else {
            return Error::Inval.to_nle();
        };
        if mngr.is_null() || result.is_null() {
            return Error::Inval.to_nle();
        }
        let Some(ops) = crate::ffi::cache_mngt::lookup_ref(n) else {
            return Error::NoCache.to_nle();
        };
        let c = cache::alloc(ops);
        crate::ffi::cache_mngt::ops_put(ops);
        let Some(c) = c else {
            return Error::NoMem.to_nle();
        };
        let l = Callbacks {
            cb,
            cb_v2: None,
            data,
        };
        let r = add_cache(mngr, c.as_ptr(), l);
        if r < 0 {
            cache::put(Some(c));
            return r;
        }
        // SAFETY: result is writable (checked, caller contract).
        unsafe { crate::ffi::ptr::write_out(result, c.as_ptr()) };
        0
    })
}

/// `nl_cache_mngr_add_cache`: adds `cache` to the manager: joins its type's groups and fills
/// it through the manager's sync socket.
///
/// # Returns
/// 0; `-NLE_PROTO_MISMATCH`, `-NLE_OPNOTSUPP` (type without groups), `-NLE_EXIST` (a cache
/// of that type is already managed), membership and refill errors; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// On success the manager takes over the caller's cache reference.
///
/// # Safety
/// `mngr` NULL or live; `cache` NULL or live; `cb` NULL or a valid function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_add_cache(
    mngr: *mut nl_cache_mngr,
    cache: *mut nl_cache,
    cb: change_func_t,
    data: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cache_mngr_add_cache", {
        let l = Callbacks {
            cb,
            cb_v2: None,
            data,
        };
        add_cache(mngr, cache, l)
    })
}

/// `nl_cache_mngr_add_cache_v2`: [`nl_cache_mngr_add_cache`] with a v2 change callback.
///
/// # Returns
/// As [`nl_cache_mngr_add_cache`].
///
/// # Ownership
/// As [`nl_cache_mngr_add_cache`].
///
/// # Safety
/// As [`nl_cache_mngr_add_cache`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_add_cache_v2(
    mngr: *mut nl_cache_mngr,
    cache: *mut nl_cache,
    cb: change_func_v2_t,
    data: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cache_mngr_add_cache_v2", {
        let l = Callbacks {
            cb: None,
            cb_v2: cb,
            data,
        };
        add_cache(mngr, cache, l)
    })
}

/// `nl_cache_mngr_get_fd`: the event socket's descriptor (for the caller's poll loop).
///
/// # Returns
/// The fd; `-1` for NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `mngr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_get_fd(mngr: *mut nl_cache_mngr) -> c_int {
    ffi_entry!("nl_cache_mngr_get_fd", {
        self::mngr(mngr).map_or(-1, |mg| sock::fd(mg.sock))
    })
}

/// `nl_cache_mngr_poll`: waits up to `timeout` ms (negative: forever) for notifications and
/// applies them.
///
/// # Returns
/// The number of messages handled (0 on timeout); the mapped `poll` errno or
/// [`nl_cache_mngr_data_ready`]'s error; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `mngr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_poll(mngr: *mut nl_cache_mngr, timeout: c_int) -> c_int {
    ffi_entry!("nl_cache_mngr_poll", {
        let Some(mg) = self::mngr(mngr) else {
            return Error::Inval.to_nle();
        };
        let fd = sock::fd(mg.sock);
        crate::nl_dbg!(3, "Cache manager {:p}, poll() fd {}\n", mngr, fd);
        let r = crate::sys::socket::poll_in(fd, timeout);
        crate::nl_dbg!(3, "Cache manager {:p}, poll() returned {:?}\n", mngr, r);
        match r {
            Err(e) => -crate::error::syserr2nlerr(e),
            Ok(0) => 0,
            Ok(_) => data_ready(mngr),
        }
    })
}

/// `nl_cache_mngr_data_ready`: reads every pending notification without blocking and
/// applies it; after an overrun all caches are resynchronised (see the module docs).
///
/// # Returns
/// The number of messages read; a receive or resync error; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `mngr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_data_ready(mngr: *mut nl_cache_mngr) -> c_int {
    ffi_entry!("nl_cache_mngr_data_ready", { data_ready(mngr) })
}

/// `nl_cache_mngr_info`: dumps the manager and its caches to `p`.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `mngr` NULL or live; `p` NULL or live dump parameters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_info(mngr: *mut nl_cache_mngr, p: *mut nl_dump_params) {
    ffi_entry!("nl_cache_mngr_info", {
        let Some(mg) = self::mngr(mngr) else {
            return;
        };
        if p.is_null() {
            return;
        }
        let indent = |by: c_int| {
            // SAFETY: p is live and writable (caller contract); the borrow ends here.
            if let Some(d) = unsafe { crate::ffi::ptr::as_mut(p) } {
                d.dp_prefix = d.dp_prefix.wrapping_add(by);
            }
        };
        mg.core.info(
            &CModel,
            &ptext(mg.sock),
            &mut |text| line(p, text),
            &mut |c| {
                indent(6);
                // SAFETY: live cache and dump parameters.
                unsafe { cache::dump_filter(c, p, None) };
                indent(-6);
            },
        );
    })
}

/// `nl_cache_mngr_free`: closes the manager's sockets (freeing those it allocated) and frees
/// its caches.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Consumes the manager and its cache references.
///
/// # Safety
/// `mngr` NULL or live; not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngr_free(mngr: *mut nl_cache_mngr) {
    ffi_entry!("nl_cache_mngr_free", { free_mngr(mngr) })
}
