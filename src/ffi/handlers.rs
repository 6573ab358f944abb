//! `netlink/handlers.h`: callback sets (`struct nl_cb`) and libnl's default verbose/debug
//! handlers.
//!
//! `struct nl_cb` is laid out as libnl 3.7's (224 bytes) with every field in a `Cell`, so the
//! receive loop and user callbacks may both use it while a callback runs (callbacks can change
//! their own callback set). The reference count is libnl's plain `int`.

use std::cell::Cell;
use std::ffi::{c_int, c_uchar, c_void};

use crate::engine::recv::{CB_TYPES, NL_OK, NL_SKIP, NL_STOP};
use crate::error::Error;
use crate::ffi::handle::boxed;
use crate::ffi::socket::nl_sock;
use crate::ffi::types::nl_msg;
use crate::ffi_entry;

/// `nl_recvmsg_msg_cb_t`.
pub type nl_recvmsg_msg_cb_t = Option<unsafe extern "C" fn(*mut nl_msg, *mut c_void) -> c_int>;
/// `nl_recvmsg_err_cb_t`.
pub type nl_recvmsg_err_cb_t =
    Option<unsafe extern "C" fn(*mut libc::sockaddr_nl, *mut libc::nlmsgerr, *mut c_void) -> c_int>;
/// Message callback (short name).
pub type MsgCb = nl_recvmsg_msg_cb_t;
/// Error callback (short name).
pub type ErrCb = nl_recvmsg_err_cb_t;
/// `enum nl_cb_kind` as passed by C (an unsigned int: the enum has no negative values).
pub type nl_cb_kind = std::ffi::c_uint;
/// `enum nl_cb_type` as passed by C.
pub type nl_cb_type = std::ffi::c_uint;
/// `nl_cb_overwrite_recvmsgs` function.
pub type RecvmsgsOw = Option<unsafe extern "C" fn(*mut nl_sock, *mut nl_cb) -> c_int>;
/// `nl_cb_overwrite_recv` function.
pub type RecvOw = Option<
    unsafe extern "C" fn(
        *mut nl_sock,
        *mut libc::sockaddr_nl,
        *mut *mut c_uchar,
        *mut *mut libc::ucred,
    ) -> c_int,
>;
/// `nl_cb_overwrite_send` function.
pub type SendOw = Option<unsafe extern "C" fn(*mut nl_sock, *mut nl_msg) -> c_int>;

/// `NL_CB_DEFAULT`.
pub const NL_CB_DEFAULT: c_int = 0;
/// `NL_CB_VERBOSE`.
pub const NL_CB_VERBOSE: c_int = 1;
/// `NL_CB_DEBUG`.
pub const NL_CB_DEBUG: c_int = 2;
/// `NL_CB_CUSTOM`.
pub const NL_CB_CUSTOM: c_int = 3;
/// `NL_CB_KIND_MAX`.
pub const NL_CB_KIND_MAX: c_int = 3;
/// `NL_CB_TYPE_MAX`.
pub const NL_CB_TYPE_MAX: c_int = 10;

/// `struct nl_cb` (libnl layout, 224 bytes).
#[repr(C)]
pub struct nl_cb {
    /// Message callbacks per type.
    pub cb_set: [Cell<MsgCb>; CB_TYPES],
    /// Their arguments.
    pub cb_args: [Cell<*mut c_void>; CB_TYPES],
    /// Error callback.
    pub cb_err: Cell<ErrCb>,
    /// Its argument.
    pub cb_err_arg: Cell<*mut c_void>,
    /// `nl_recvmsgs` override.
    pub cb_recvmsgs_ow: Cell<RecvmsgsOw>,
    /// `nl_recv` override.
    pub cb_recv_ow: Cell<RecvOw>,
    /// `nl_send` override.
    pub cb_send_ow: Cell<SendOw>,
    /// Reference count.
    pub cb_refcnt: Cell<c_int>,
    /// Type of the callback running now (`NL_CB_TYPE_MAX + 1` when none).
    pub cb_active: Cell<c_int>,
}

impl nl_cb {
    fn blank() -> nl_cb {
        nl_cb {
            cb_set: std::array::from_fn(|_| Cell::new(None)),
            cb_args: std::array::from_fn(|_| Cell::new(std::ptr::null_mut())),
            cb_err: Cell::new(None),
            cb_err_arg: Cell::new(std::ptr::null_mut()),
            cb_recvmsgs_ow: Cell::new(None),
            cb_recv_ow: Cell::new(None),
            cb_send_ow: Cell::new(None),
            cb_refcnt: Cell::new(1),
            cb_active: Cell::new(NL_CB_TYPE_MAX + 1),
        }
    }

    /// A new set with one reference, every handler of `kind` (0..=3).
    pub fn alloc(kind: c_int) -> *mut nl_cb {
        if !(0..=NL_CB_KIND_MAX).contains(&kind) {
            return std::ptr::null_mut();
        }
        let cb = nl_cb::blank();
        for t in 0..=NL_CB_TYPE_MAX {
            let _ = cb.set(t, kind, None, std::ptr::null_mut());
        }
        let _ = cb.set_err(kind, None, std::ptr::null_mut());
        boxed::new(cb)
    }

    /// `nl_cb_set` on a live set.
    pub fn set(&self, ty: c_int, kind: c_int, func: MsgCb, arg: *mut c_void) -> c_int {
        let (Ok(t), true) = (usize::try_from(ty), (0..=NL_CB_KIND_MAX).contains(&kind)) else {
            return Error::Range.to_nle();
        };
        let (Some(slot), Some(a)) = (self.cb_set.get(t), self.cb_args.get(t)) else {
            return Error::Range.to_nle();
        };
        slot.set(if kind == NL_CB_CUSTOM {
            func
        } else {
            default_handler(t, kind)
        });
        a.set(arg);
        0
    }

    /// `nl_cb_err` on a live set.
    pub fn set_err(&self, kind: c_int, func: ErrCb, arg: *mut c_void) -> c_int {
        if !(0..=NL_CB_KIND_MAX).contains(&kind) {
            return Error::Range.to_nle();
        }
        self.cb_err.set(match kind {
            NL_CB_CUSTOM => func,
            NL_CB_DEFAULT => None,
            _ => Some(error_verbose),
        });
        self.cb_err_arg.set(arg);
        0
    }

    /// Calls the message callback of type `t` (libnl's `nl_cb_call`: marks it active).
    pub fn call(&self, t: usize, msg: *mut nl_msg) -> c_int {
        let f = self.cb_set.get(t).and_then(Cell::get);
        let arg = self.cb_args.get(t).map_or(std::ptr::null_mut(), Cell::get);
        self.cb_active.set(t as c_int);
        let r = crate::ffi::trampoline::call_msg(f, msg, arg);
        self.cb_active.set(NL_CB_TYPE_MAX + 1);
        r
    }

    /// Adds a reference.
    pub fn acquire(&self) {
        self.cb_refcnt.set(self.cb_refcnt.get().wrapping_add(1));
    }

    /// Drops a reference, freeing at zero.
    ///
    /// # Safety
    /// `p` is NULL or a live set holding the reference dropped.
    pub unsafe fn release(p: *mut nl_cb) {
        // SAFETY: caller contract.
        let Some(cb) = (unsafe { p.as_ref() }) else {
            return;
        };
        let n = cb.cb_refcnt.get() - 1;
        cb.cb_refcnt.set(n);
        if n <= 0 {
            // SAFETY: last reference; the block came from boxed::new.
            unsafe { boxed::free(p) };
        }
    }
}

/// libnl's default handler for a callback type and kind (verbose/debug printers).
fn default_handler(t: usize, kind: c_int) -> MsgCb {
    let verbose = kind == NL_CB_VERBOSE || kind == NL_CB_DEBUG;
    let debug = kind == NL_CB_DEBUG;
    type F = unsafe extern "C" fn(*mut nl_msg, *mut c_void) -> c_int;
    let f: Option<F> = match t {
        0 if debug => Some(valid_debug),
        0 if verbose => Some(valid_verbose),
        1 if debug => Some(finish_debug),
        2 if verbose => Some(overrun_verbose),
        3 if debug => Some(skipped_debug),
        4 if debug => Some(ack_debug),
        5 if debug => Some(msg_in_debug),
        6 if debug => Some(msg_out_debug),
        7 if verbose => Some(invalid_verbose),
        _ => None,
    };
    f
}

/// An enum value from C as libnl compares it: values above `INT_MAX` stay out of range.
fn as_int(v: std::ffi::c_uint) -> c_int {
    c_int::try_from(v).unwrap_or(c_int::MAX)
}

/// The stream a default handler prints to: its argument, or stderr (only the verbose kind's
/// "unhandled valid message" warning goes to stdout).
fn out_stream(arg: *mut c_void) -> *mut libc::FILE {
    if arg.is_null() {
        crate::sys::stdio::stderr_file()
    } else {
        arg.cast()
    }
}

fn print(arg: *mut c_void, text: &str) {
    // SAFETY: the stream is the caller's FILE* argument (libnl's contract) or stdout.
    unsafe { crate::sys::stdio::write_file(out_stream(arg), text.as_bytes()) };
}

/// libnl's one-line header summary: `type=… length=… flags=<…> sequence-nr=… pid=…`.
fn header_line(h: &[u8]) -> String {
    let g32 = |o: usize| {
        h.get(o..o + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_ne_bytes)
    };
    let g16 = |o: usize| {
        h.get(o..o + 2)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u16::from_ne_bytes)
    };
    format!(
        "type={} length={} flags=<{}> sequence-nr={} pid={}",
        crate::engine::dump::nlmsgtype_str(i32::from(g16(4))),
        g32(0),
        crate::engine::dump::nlmsg_flags_str(i32::from(g16(6))),
        g32(8),
        g32(12)
    )
}

fn msg_header_line(msg: *mut nl_msg) -> String {
    // SAFETY: msg is the live message the loop passes to this default handler.
    match unsafe { nl_msg::get_mut(msg) } {
        Some(m) => header_line(m.buf().bytes(0..16).unwrap_or_default()),
        None => header_line(&[]),
    }
}

unsafe extern "C" fn valid_verbose(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    let out = if arg.is_null() {
        crate::sys::stdio::stdout_file()
    } else {
        arg.cast()
    };
    let text = format!(
        "-- Warning: unhandled valid message: {}\n",
        msg_header_line(msg)
    );
    // SAFETY: the stream is the caller's FILE* argument or stdout.
    unsafe { crate::sys::stdio::write_file(out, text.as_bytes()) };
    NL_OK
}

unsafe extern "C" fn valid_debug(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(
        arg,
        &format!(
            "-- Debug: Unhandled Valid message: {}\n",
            msg_header_line(msg)
        ),
    );
    NL_OK
}

unsafe extern "C" fn invalid_verbose(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(
        arg,
        &format!("-- Error: Invalid message: {}\n", msg_header_line(msg)),
    );
    NL_STOP
}

unsafe extern "C" fn overrun_verbose(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(
        arg,
        &format!("-- Error: Netlink Overrun: {}\n", msg_header_line(msg)),
    );
    NL_STOP
}

unsafe extern "C" fn error_verbose(
    _who: *mut libc::sockaddr_nl,
    e: *mut libc::nlmsgerr,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: e points to the nlmsgerr (20 bytes) of the message being processed.
    let raw = unsafe { crate::ffi::ptr::bytes(e.cast(), 20) };
    let error = raw
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, i32::from_ne_bytes);
    let text = crate::sys::stdio::strerror_c(error.wrapping_neg());
    print(
        arg,
        &format!(
            "-- Error received: {}\n-- Original message: {}\n",
            text,
            header_line(raw.get(4..).unwrap_or_default())
        ),
    );
    -crate::error::syserr2nlerr(error)
}

unsafe extern "C" fn finish_debug(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(
        arg,
        &format!(
            "-- Debug: End of multipart message block: {}\n",
            msg_header_line(msg)
        ),
    );
    NL_STOP
}

unsafe extern "C" fn msg_in_debug(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(arg, "-- Debug: Received Message:\n");
    // SAFETY: msg is live; the stream is valid.
    unsafe { crate::ffi::msgdump::nl_msg_dump(msg, out_stream(arg)) };
    NL_OK
}

unsafe extern "C" fn msg_out_debug(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(arg, "-- Debug: Sent Message:\n");
    // SAFETY: msg is live; the stream is valid.
    unsafe { crate::ffi::msgdump::nl_msg_dump(msg, out_stream(arg)) };
    NL_OK
}

unsafe extern "C" fn skipped_debug(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(
        arg,
        &format!("-- Debug: Skipped message: {}\n", msg_header_line(msg)),
    );
    NL_SKIP
}

unsafe extern "C" fn ack_debug(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    print(arg, &format!("-- Debug: ACK: {}\n", msg_header_line(msg)));
    NL_STOP
}

/// The set behind a C pointer, `None` for NULL.
///
/// # Safety
/// `p` is NULL or a live `nl_cb`.
pub unsafe fn cb_ref<'a>(p: *const nl_cb) -> Option<&'a nl_cb> {
    // SAFETY: caller contract; all fields are Cells, so shared access is enough.
    unsafe { p.as_ref() }
}

/// `nl_cb_alloc`: a new callback set with every handler of `kind`.
///
/// # Returns
/// The set, or NULL when `kind` is out of range.
/// # Ownership
/// One reference for the caller (`nl_cb_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_alloc(kind: nl_cb_kind) -> *mut nl_cb {
    ffi_entry!("nl_cb_alloc", {
        nl_cb::alloc(c_int::try_from(kind).unwrap_or(-1))
    })
}

/// `nl_cb_clone`: a copy of `orig` with its own reference count.
///
/// # Returns
/// The copy; NULL for a NULL `orig` (libnl-compat: libnl crashes).
/// # Ownership
/// One reference for the caller.
/// # Safety
/// `orig` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_clone(orig: *mut nl_cb) -> *mut nl_cb {
    ffi_entry!("nl_cb_clone", {
        // SAFETY: caller contract.
        let Some(o) = (unsafe { cb_ref(orig) }) else {
            crate::nl_dbg!(1, "nl_cb_clone: NULL callback set\n");
            return std::ptr::null_mut();
        };
        let c = nl_cb {
            cb_set: std::array::from_fn(|i| Cell::new(o.cb_set.get(i).and_then(Cell::get))),
            cb_args: std::array::from_fn(|i| {
                Cell::new(o.cb_args.get(i).map_or(std::ptr::null_mut(), Cell::get))
            }),
            cb_err: Cell::new(o.cb_err.get()),
            cb_err_arg: Cell::new(o.cb_err_arg.get()),
            cb_recvmsgs_ow: Cell::new(o.cb_recvmsgs_ow.get()),
            cb_recv_ow: Cell::new(o.cb_recv_ow.get()),
            cb_send_ow: Cell::new(o.cb_send_ow.get()),
            cb_refcnt: Cell::new(1),
            cb_active: Cell::new(o.cb_active.get()),
        };
        boxed::new(c)
    })
}

/// `nl_cb_get`: adds a reference.
///
/// # Returns
/// `cb` (NULL for NULL; libnl-compat: libnl crashes).
/// # Ownership
/// One more reference for the caller.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_get(cb: *mut nl_cb) -> *mut nl_cb {
    ffi_entry!("nl_cb_get", {
        // SAFETY: caller contract.
        if let Some(c) = unsafe { cb_ref(cb) } {
            c.acquire();
        }
        cb
    })
}

/// `nl_cb_put`: drops a reference; the set is freed with the last. NULL is ignored.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes one reference.
/// # Safety
/// `cb` is NULL or a live set holding the reference dropped.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_put(cb: *mut nl_cb) {
    ffi_entry!("nl_cb_put", {
        // SAFETY: caller contract.
        unsafe { nl_cb::release(cb) }
    })
}

/// `nl_cb_set`: installs a message callback of type `type_` (`NL_CB_CUSTOM`: `func`; other
/// kinds: libnl's default handler of that kind).
///
/// # Returns
/// 0, or `-NLE_RANGE` for a bad type or kind. libnl-compat: NULL `cb` gives `-NLE_INVAL`
/// (libnl crashes).
/// # Ownership
/// `arg` is stored, not owned.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_set(
    cb: *mut nl_cb,
    type_: nl_cb_type,
    kind: nl_cb_kind,
    func: nl_recvmsg_msg_cb_t,
    arg: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cb_set", {
        // SAFETY: caller contract.
        match unsafe { cb_ref(cb) } {
            Some(c) => c.set(as_int(type_), as_int(kind), func, arg),
            None => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cb_set_all`: `nl_cb_set` for every callback type.
///
/// # Returns
/// 0 or the first error.
/// # Ownership
/// `arg` is stored, not owned.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_set_all(
    cb: *mut nl_cb,
    kind: nl_cb_kind,
    func: nl_recvmsg_msg_cb_t,
    arg: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cb_set_all", {
        let kind = as_int(kind);
        // SAFETY: caller contract.
        let Some(c) = (unsafe { cb_ref(cb) }) else {
            return Error::Inval.to_nle();
        };
        for t in 0..=NL_CB_TYPE_MAX {
            let r = c.set(t, kind, func, arg);
            if r < 0 {
                return r;
            }
        }
        0
    })
}

/// `nl_cb_err`: installs the error callback.
///
/// # Returns
/// 0, or `-NLE_RANGE` for a bad kind (`-NLE_INVAL` for NULL `cb`).
/// # Ownership
/// `arg` is stored, not owned.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_err(
    cb: *mut nl_cb,
    kind: nl_cb_kind,
    func: nl_recvmsg_err_cb_t,
    arg: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cb_err", {
        // SAFETY: caller contract.
        match unsafe { cb_ref(cb) } {
            Some(c) => c.set_err(as_int(kind), func, arg),
            None => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cb_overwrite_recvmsgs`: replaces the whole receive loop.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_overwrite_recvmsgs(
    cb: *mut nl_cb,
    func: Option<unsafe extern "C" fn(*mut nl_sock, *mut nl_cb) -> c_int>,
) {
    ffi_entry!("nl_cb_overwrite_recvmsgs", {
        // SAFETY: caller contract.
        if let Some(c) = unsafe { cb_ref(cb) } {
            c.cb_recvmsgs_ow.set(func);
        }
    })
}

/// `nl_cb_overwrite_recv`: replaces `nl_recv` inside the receive loop.
///
/// # Returns
/// Nothing.
/// # Ownership
/// The function must return a malloc'd buffer (and credentials), freed by the loop.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_overwrite_recv(
    cb: *mut nl_cb,
    func: Option<
        unsafe extern "C" fn(
            *mut nl_sock,
            *mut libc::sockaddr_nl,
            *mut *mut c_uchar,
            *mut *mut libc::ucred,
        ) -> c_int,
    >,
) {
    ffi_entry!("nl_cb_overwrite_recv", {
        // SAFETY: caller contract.
        if let Some(c) = unsafe { cb_ref(cb) } {
            c.cb_recv_ow.set(func);
        }
    })
}

/// `nl_cb_overwrite_send`: replaces `nl_send`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_overwrite_send(
    cb: *mut nl_cb,
    func: Option<unsafe extern "C" fn(*mut nl_sock, *mut nl_msg) -> c_int>,
) {
    ffi_entry!("nl_cb_overwrite_send", {
        // SAFETY: caller contract.
        if let Some(c) = unsafe { cb_ref(cb) } {
            c.cb_send_ow.set(func);
        }
    })
}

/// `nl_cb_active_type`: the type of the callback running now.
///
/// # Returns
/// The `NL_CB_*` type, `NL_CB_TYPE_MAX + 1` when none runs (also for NULL `cb`).
/// # Ownership
/// None.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cb_active_type(cb: *mut nl_cb) -> nl_cb_type {
    ffi_entry!("nl_cb_active_type", {
        // SAFETY: caller contract.
        unsafe { cb_ref(cb) }.map_or(NL_CB_TYPE_MAX + 1, |c| c.cb_active.get()) as nl_cb_type
    })
}

// libnl's layouts on LP64 (x86-64, where tests/abi.rs compares them with the real headers); on
// other targets they follow from repr(C) with the C field types.
#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_libnl() {
        assert_eq!(std::mem::size_of::<nl_cb>(), 224);
        assert_eq!(std::mem::offset_of!(nl_cb, cb_err), 176);
        assert_eq!(std::mem::offset_of!(nl_cb, cb_refcnt), 216);
        assert_eq!(std::mem::offset_of!(nl_cb, cb_active), 220);
    }
}
