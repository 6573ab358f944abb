//! `netlink/cache.h`: the cache manager — caches kept up to date from kernel notifications.
//!
//! A manager owns an event socket (joined to each cache type's multicast groups,
//! non-blocking, sequence checks off) and a second socket for the synchronous dumps that
//! fill a cache when it is added. Incoming notifications are matched to a cache by message
//! type (first association in slot order), parsed with the type's parser and applied
//! through `co_event_filter` and `co_include_event`, or `nl_cache_include[_v2]`.
//!
//! The manager block is Rust-owned and opaque to C (no libnl library reads its members).
//!
//! Beyond libnl: when the kernel reports an overrun of the event socket (`ENOBUFS`, i.e.
//! notifications were dropped), libnl returns `-NLE_NOMEM` and the caches silently diverge
//! from the kernel. Here the socket is drained and then every cache is resynchronised
//! through the sync socket; the differences are reported through the caches' change
//! callbacks (`NL_ACT_NEW`/`NL_ACT_CHANGE`/`NL_ACT_DEL`), and the call succeeds.

use std::ffi::{c_char, c_int, c_void};

use crate::engine::mngr::{Overrun, Slots};
use crate::error::Error;
use crate::ffi::cache;
use crate::ffi::cache_sync::{self, Assoc};
use crate::ffi::handle::boxed;
use crate::ffi::handlers::{NL_CB_CUSTOM, nl_cb};
use crate::ffi::objhdr::{Cache, CacheOps, Obj};
use crate::ffi::socket::{nl_sock, sk_ref};
use crate::ffi::types::{
    change_func_t, change_func_v2_t, nl_cache, nl_dump_params, nl_msg, nl_object, nl_parser_param,
};
use crate::ffi_entry;

/// `NL_AUTO_PROVIDE`: provide each added cache globally.
pub const NL_AUTO_PROVIDE: c_int = 1;
/// `NL_ALLOCATED_SOCK`: the manager allocated (and frees) its event socket.
pub const NL_ALLOCATED_SOCK: c_int = 2;

/// `struct nl_cache_mngr`.
pub struct nl_cache_mngr {
    protocol: c_int,
    flags: c_int,
    sock: *mut nl_sock,
    sync_sock: *mut nl_sock,
    assocs: Slots<Box<Assoc>>,
    overrun: Overrun,
}

fn mngr_mut<'a>(p: *mut nl_cache_mngr) -> Option<&'a mut nl_cache_mngr> {
    // SAFETY: every exported function's contract: NULL or a live manager from
    // nl_cache_mngr_alloc, not used by another thread meanwhile.
    unsafe { crate::ffi::ptr::as_mut(p) }
}

fn free_mngr(m: *mut nl_cache_mngr) {
    let Some(mg) = mngr_mut(m) else {
        return;
    };
    // SAFETY: sock/sync_sock are NULL or the manager's live sockets.
    unsafe {
        if !mg.sock.is_null() {
            crate::ffi::nl::nl_close(mg.sock);
        }
        if !mg.sync_sock.is_null() {
            crate::ffi::nl::nl_close(mg.sync_sock);
            crate::ffi::socket::nl_socket_free(mg.sync_sock);
        }
        if mg.flags & NL_ALLOCATED_SOCK != 0 {
            crate::ffi::socket::nl_socket_free(mg.sock);
        }
    }
    for a in mg.assocs.drain() {
        // SAFETY: the association's cache is live; the manager holds its reference.
        unsafe { crate::ffi::cache_mngt::nl_cache_mngt_unprovide(a.cache.as_ptr()) };
        cache::put(Some(a.cache));
    }
    crate::nl_dbg!(1, "Cache manager {:p} freed\n", m);
    // SAFETY: m came from boxed::new in nl_cache_mngr_alloc and is freed once.
    unsafe { boxed::free(m) };
}

fn alloc(sk: *mut nl_sock, protocol: c_int, flags: c_int) -> Result<*mut nl_cache_mngr, c_int> {
    if flags & NL_ALLOCATED_SOCK != 0 {
        // libnl-compat: libnl aborts (BUG) when the caller passes NL_ALLOCATED_SOCK.
        crate::nl_dbg!(1, "nl_cache_mngr_alloc: NL_ALLOCATED_SOCK is internal\n");
        return Err(Error::Inval.to_nle());
    }
    let mut flags = flags;
    let sock = if sk.is_null() {
        // SAFETY: plain allocation.
        let s = unsafe { crate::ffi::socket::nl_socket_alloc() };
        if s.is_null() {
            return Err(Error::NoMem.to_nle());
        }
        flags |= NL_ALLOCATED_SOCK;
        s
    } else {
        sk
    };
    let m = boxed::new(nl_cache_mngr {
        protocol,
        flags,
        sock,
        sync_sock: std::ptr::null_mut(),
        assocs: Slots::new(),
        overrun: Overrun::default(),
    });
    let fail = |e: c_int| {
        free_mngr(m);
        Err(e)
    };
    // SAFETY: sock is a live socket (ours or the caller's).
    unsafe { crate::ffi::socket::nl_socket_disable_seq_check(sock) };
    // SAFETY: as above.
    let r = unsafe { crate::ffi::nl::nl_connect(sock, protocol) };
    if r < 0 {
        return fail(r);
    }
    // SAFETY: as above.
    let r = unsafe { crate::ffi::socket::nl_socket_set_nonblocking(sock) };
    if r < 0 {
        return fail(r);
    }
    // SAFETY: plain allocation.
    let sync = unsafe { crate::ffi::socket::nl_socket_alloc() };
    if sync.is_null() {
        return fail(Error::NoMem.to_nle());
    }
    // SAFETY: sync is our new socket.
    let r = unsafe { crate::ffi::nl::nl_connect(sync, protocol) };
    if r < 0 {
        // SAFETY: sync is ours and unused.
        unsafe { crate::ffi::socket::nl_socket_free(sync) };
        return fail(r);
    }
    if let Some(mg) = mngr_mut(m) {
        mg.sync_sock = sync;
    }
    crate::nl_dbg!(
        1,
        "Allocated cache manager {:p}, protocol {}, {} caches\n",
        m,
        protocol,
        crate::engine::mngr::INITIAL_SLOTS
    );
    Ok(m)
}

unsafe extern "C" fn include_cb(o: *mut nl_object, p: *mut nl_parser_param) -> c_int {
    ffi_entry!("nl_cache_mngr_data_ready", {
        // SAFETY: p is event_input's parameter block whose pp_arg is a boxed Assoc of the
        // live manager; o is the parser's live object.
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
        crate::nl_dbg!(
            2,
            "Including object {:p} into cache {:p}\n",
            o.as_ptr(),
            a.cache.as_ptr()
        );
        // SAFETY: the cache's type is valid while the cache lives.
        let Some(ops) = (unsafe { CacheOps::from_ptr(a.cache.ops_ptr()) }) else {
            return Error::Inval.to_nle();
        };
        if let Some(f) = ops.event_filter() {
            // SAFETY: the type's own filter with its cache and a live object.
            if unsafe { f(a.cache.as_ptr(), o.as_ptr()) } != crate::engine::recv::NL_OK {
                return 0;
            }
        }
        if let Some(f) = ops.include_event() {
            // SAFETY: the type's own include hook with live pointers and the caller's callbacks.
            return unsafe { f(a.cache.as_ptr(), o.as_ptr(), a.cb, a.cb_v2, a.data) };
        }
        a.include(o)
    })
}

unsafe extern "C" fn event_input(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    ffi_entry!("nl_cache_mngr_data_ready", {
        let m = arg.cast::<nl_cache_mngr>();
        let Some(mg) = mngr_mut(m) else {
            return crate::engine::recv::NL_SKIP;
        };
        // SAFETY: msg is the receive loop's live message.
        let (proto, nlh) = unsafe {
            (
                crate::ffi::msg::nlmsg_get_proto(msg),
                crate::ffi::msg::nlmsg_hdr(msg),
            )
        };
        crate::nl_dbg!(
            2,
            "Cache manager {:p}, handling new message {:p} as event\n",
            m,
            msg
        );
        if proto != mg.protocol {
            // libnl-compat: libnl aborts (BUG) on a message of another protocol.
            return crate::engine::recv::NL_SKIP;
        }
        // SAFETY: nlh points at the live message's header.
        let Some(ty) = (unsafe { crate::ffi::ptr::as_ref(nlh) }).map(|h| c_int::from(h.nlmsg_type))
        else {
            return crate::engine::recv::NL_SKIP;
        };
        let found = mg.assocs.find(|a| {
            // SAFETY: an associated cache's type is valid.
            unsafe { CacheOps::from_ptr(a.cache.ops_ptr()) }
                .is_some_and(|ops| ops.msgtypes().iter().any(|(_, mt)| mt.mt_id == ty))
        });
        let Some((_, a)) = found else {
            return crate::engine::recv::NL_SKIP;
        };
        // SAFETY: as above.
        let Some(ops) = (unsafe { CacheOps::from_ptr(a.cache.ops_ptr()) }) else {
            return crate::engine::recv::NL_SKIP;
        };
        let ap: *const Assoc = &**a;
        crate::nl_dbg!(
            2,
            "Associated message {:p} to cache {:p}\n",
            msg,
            a.cache.as_ptr()
        );
        let mut pp = nl_parser_param {
            pp_cb: Some(include_cb),
            pp_arg: ap.cast_mut().cast(),
        };
        // SAFETY: nlh is the live message; pp is a live local; the association is boxed and
        // stays put while the manager lives.
        unsafe { cache::parse(ops, std::ptr::null_mut(), nlh, &mut pp) }
    })
}

fn add_cache(
    m: *mut nl_cache_mngr,
    cache: *mut nl_cache,
    cb: change_func_t,
    cb_v2: change_func_v2_t,
    data: *mut c_void,
) -> c_int {
    let Some(mg) = mngr_mut(m) else {
        return Error::Inval.to_nle();
    };
    // SAFETY: caller contract: NULL or a live cache.
    let Some(c) = (unsafe { Cache::from_ptr(cache) }) else {
        return Error::Inval.to_nle();
    };
    // SAFETY: c_ops is NULL or a valid cache type.
    let Some(ops) = (unsafe { CacheOps::from_ptr(c.ops_ptr()) }) else {
        return Error::Inval.to_nle();
    };
    if ops.protocol() != mg.protocol {
        return Error::ProtoMismatch.to_nle();
    }
    if !ops.has_groups_table() {
        return Error::OpNotSupp.to_nle();
    }
    if mg
        .assocs
        .find(|a| a.cache.ops_ptr() == ops.as_ptr())
        .is_some()
    {
        return Error::Exist.to_nle();
    }
    let groups = ops.groups();
    for (_, g) in &groups {
        // SAFETY: the manager's live event socket.
        let r = unsafe { crate::ffi::socket::nl_socket_add_membership(mg.sock, *g) };
        if r < 0 {
            return r;
        }
    }
    let r = cache_sync::refill(mg.sync_sock, c);
    if r < 0 {
        for (_, g) in &groups {
            // SAFETY: as above.
            unsafe { crate::ffi::socket::nl_socket_drop_membership(mg.sock, *g) };
        }
        return r;
    }
    let i = mg.assocs.insert(Box::new(Assoc {
        cache: c,
        cb,
        cb_v2,
        data,
    }));
    if mg.flags & NL_AUTO_PROVIDE != 0 {
        // SAFETY: live cache.
        unsafe { crate::ffi::cache_mngt::nl_cache_mngt_provide(cache) };
    }
    crate::nl_dbg!(
        1,
        "Added cache {:p} to cache manager {:p} (slot {})\n",
        cache,
        m,
        i
    );
    0
}

/// Resynchronises every cache after an overrun (differences go to the change callbacks).
fn resync_all(mg: &mut nl_cache_mngr) -> c_int {
    let list: Vec<(Cache, change_func_t, change_func_v2_t, *mut c_void)> = mg
        .assocs
        .iter()
        .map(|(_, a)| (a.cache, a.cb, a.cb_v2, a.data))
        .collect();
    for (c, cb, cb_v2, data) in list {
        let r = cache_sync::resync(mg.sync_sock, c, cb, cb_v2, data);
        if r < 0 {
            return r;
        }
    }
    0
}

fn data_ready(m: *mut nl_cache_mngr) -> c_int {
    let Some(mg) = mngr_mut(m) else {
        return Error::Inval.to_nle();
    };
    let sock = mg.sock;
    // SAFETY: the manager's live event socket.
    let Some(s) = (unsafe { sk_ref(sock) }) else {
        return Error::BadSock.to_nle();
    };
    crate::nl_dbg!(
        2,
        "Cache manager {:p}, reading new data from fd {}\n",
        m,
        s.s_fd.get()
    );
    // SAFETY: s_cb is the socket's live set.
    let cb = unsafe { crate::ffi::handlers::nl_cb_clone(s.s_cb.get()) };
    // SAFETY: cb is NULL or our clone.
    let Some(c) = (unsafe { crate::ffi::handlers::cb_ref(cb) }) else {
        return Error::NoMem.to_nle();
    };
    c.set(
        crate::engine::recv::CbType::Valid as c_int,
        NL_CB_CUSTOM,
        Some(event_input),
        m.cast(),
    );
    let mut nread: c_int = 0;
    let err = loop {
        // SAFETY: live socket and our clone.
        let r = unsafe { crate::ffi::nl::nl_recvmsgs_report(sock, cb) };
        if r > 0 {
            crate::nl_dbg!(2, "Cache manager {:p}, recvmsgs read {} messages\n", m, r);
            nread = nread.saturating_add(r);
        } else if r == Error::NoMem.to_nle() && crate::sys::errno() == libc::ENOBUFS {
            crate::nl_dbg!(1, "Cache manager {:p}: event socket overrun\n", m);
            if let Some(mg) = mngr_mut(m) {
                mg.overrun.hit();
            }
        } else {
            break r;
        }
    };
    // SAFETY: we own the clone.
    unsafe { nl_cb::release(cb) };
    if let Some(mg) = mngr_mut(m) {
        if mg.overrun.take() {
            let r = resync_all(mg);
            if r < 0 {
                return r;
            }
        }
    }
    if err < 0 && err != Error::Again.to_nle() {
        return err;
    }
    nread
}

/// `%p` as glibc prints it ("(nil)" for NULL).
fn ptext<T>(p: *const T) -> String {
    if p.is_null() {
        "(nil)".into()
    } else {
        format!("{p:p}")
    }
}

/// Emits one line as `nl_dump_line(p, "%s", text)` would.
fn line(p: *mut nl_dump_params, text: &str) {
    // SAFETY: p is NULL or the caller's live dump parameters.
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
        let r = add_cache(mngr, c.as_ptr(), cb, None, data);
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
        add_cache(mngr, cache, cb, None, data)
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
        add_cache(mngr, cache, None, cb, data)
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
        match mngr_mut(mngr) {
            // SAFETY: the manager's live event socket.
            Some(mg) => unsafe { crate::ffi::socket::nl_socket_get_fd(mg.sock) },
            None => -1,
        }
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
        let Some(mg) = mngr_mut(mngr) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: the manager's live event socket.
        let fd = unsafe { crate::ffi::socket::nl_socket_get_fd(mg.sock) };
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
        let Some(mg) = mngr_mut(mngr) else {
            return;
        };
        if p.is_null() {
            return;
        }
        let mut buf = [0 as c_char; 128];
        // SAFETY: buf is a live local of the given size.
        let fam =
            unsafe { crate::ffi::utils::nl_nlfamily2str(mg.protocol, buf.as_mut_ptr(), buf.len()) };
        // SAFETY: nl_nlfamily2str returns buf, NUL-terminated.
        let fam = unsafe { crate::ffi::ptr::cstr(fam) }
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        line(p, &format!("cache-manager <{}>\n", ptext(mngr)));
        line(p, &format!("  .protocol = {}\n", fam));
        line(
            p,
            &if mg.flags == 0 {
                "  .flags    = 0\n".to_string()
            } else {
                format!("  .flags    = {:#x}\n", mg.flags)
            },
        );
        line(p, &format!("  .nassocs  = {}\n", mg.assocs.capacity()));
        line(p, &format!("  .sock     = <{}>\n", ptext(mg.sock)));
        let list: Vec<(usize, Cache, usize, *mut c_void)> = mg
            .assocs
            .iter()
            .map(|(i, a)| {
                // libnl shows the v1 callback only (NULL for v2 associations).
                let f = a.cb.map_or(0, |f| f as usize);
                (i, a.cache, f, a.data)
            })
            .collect();
        for (i, c, f, data) in list {
            // SAFETY: associated caches are live and typed.
            let name = unsafe { CacheOps::from_ptr(c.ops_ptr()) }
                .and_then(CacheOps::name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            line(
                p,
                &format!("  .cache[{}] = <{}> {{\n", i, ptext(c.as_ptr())),
            );
            line(p, &format!("    .name = {}\n", name));
            line(
                p,
                &format!("    .change_func = <{}>\n", ptext(f as *const c_void)),
            );
            line(p, &format!("    .change_data = <{}>\n", ptext(data)));
            line(p, &format!("    .nitems = {}\n", c.nitems()));
            line(p, "    .objects = {\n");
            // SAFETY: p is live and writable (caller contract).
            if let Some(d) = unsafe { crate::ffi::ptr::as_mut(p) } {
                d.dp_prefix = d.dp_prefix.wrapping_add(6);
            }
            // SAFETY: live cache and dump parameters.
            unsafe { crate::ffi::cache::nl_cache_dump(c.as_ptr(), p) };
            // SAFETY: as above.
            if let Some(d) = unsafe { crate::ffi::ptr::as_mut(p) } {
                d.dp_prefix = d.dp_prefix.wrapping_sub(6);
            }
            line(p, "    }\n");
            line(p, "  }\n");
        }
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
