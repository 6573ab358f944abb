//! `netlink/handlers.h`: callback sets (`struct nl_cb`) and libnl's default verbose/debug
//! handlers.
//!
//! `struct nl_cb` is laid out as libnl 3.7's (224 bytes) with every field in a `Cell`, so the
//! receive loop and user callbacks may both use it while a callback runs (callbacks can change
//! their own callback set). The reference count is libnl's plain `int`.

use std::sync::OnceLock;

use crate::engine::callbacks::{CallbackSet, CbFns};
use crate::engine::dump::{DumpEnv, NoTypes};
use crate::engine::printers::{self, Printer};
use std::ffi::{c_int, c_uchar, c_void};

use crate::error::Error;
use crate::ffi::handle::boxed;
use crate::ffi::types::{CFns, nl_msg, nl_sock};
pub use crate::ffi::types::{
    ErrCb, MsgCb, NL_CB_CUSTOM, NL_CB_DEBUG, NL_CB_DEFAULT, NL_CB_KIND_MAX, NL_CB_TYPE_MAX,
    NL_CB_VERBOSE, RecvOw, RecvmsgsOw, SendOw, nl_cb, nl_cb_kind, nl_cb_type, nl_recvmsg_err_cb_t,
    nl_recvmsg_msg_cb_t,
};
use crate::ffi_entry;

impl CbFns for CFns {
    type Msg = unsafe extern "C" fn(*mut nl_msg, *mut c_void) -> c_int;
    type Err =
        unsafe extern "C" fn(*mut libc::sockaddr_nl, *mut libc::nlmsgerr, *mut c_void) -> c_int;
    type Arg = *mut c_void;
    type RecvmsgsOw = unsafe extern "C" fn(*mut nl_sock, *mut nl_cb) -> c_int;
    type RecvOw = unsafe extern "C" fn(
        *mut nl_sock,
        *mut libc::sockaddr_nl,
        *mut *mut c_uchar,
        *mut *mut libc::ucred,
    ) -> c_int;
    type SendOw = unsafe extern "C" fn(*mut nl_sock, *mut nl_msg) -> c_int;
    fn no_arg() -> *mut c_void {
        std::ptr::null_mut()
    }
    fn printer(p: Printer) -> Self::Msg {
        match p {
            Printer::ValidVerbose => valid_verbose,
            Printer::ValidDebug => valid_debug,
            Printer::FinishDebug => finish_debug,
            Printer::OverrunVerbose => overrun_verbose,
            Printer::SkippedDebug => skipped_debug,
            Printer::AckDebug => ack_debug,
            Printer::MsgInDebug => msg_in_debug,
            Printer::MsgOutDebug => msg_out_debug,
            Printer::InvalidVerbose => invalid_verbose,
        }
    }
    fn error_printer() -> Self::Err {
        error_verbose
    }
}

impl nl_cb {
    /// A new set with one reference, every handler of `kind` (0..=3); NULL otherwise.
    pub fn alloc(kind: c_int) -> *mut nl_cb {
        CallbackSet::new(kind).map_or(std::ptr::null_mut(), |inner| boxed::new(nl_cb { inner }))
    }

    /// `nl_cb_set` on a live set.
    pub fn set(&self, ty: c_int, kind: c_int, func: MsgCb, arg: *mut c_void) -> c_int {
        crate::ffi::nle0(self.inner.set(ty, kind, func, arg))
    }

    /// `nl_cb_err` on a live set.
    pub fn set_err(&self, kind: c_int, func: ErrCb, arg: *mut c_void) -> c_int {
        crate::ffi::nle0(self.inner.set_err(kind, func, arg))
    }

    /// Calls the message callback of type `t` (libnl's `nl_cb_call`: marks it active).
    pub fn call(&self, t: usize, msg: *mut nl_msg) -> c_int {
        self.inner
            .call(t, |f, arg| crate::ffi::trampoline::call_msg(f, msg, arg))
    }

    /// A copy of the set (handlers, arguments, overrides) with one reference: `nl_cb_clone`.
    pub fn duplicate(&self) -> *mut nl_cb {
        boxed::new(nl_cb {
            inner: self.inner.duplicate(),
        })
    }

    /// Drops a reference, freeing at zero.
    ///
    /// # Safety
    /// `p` is NULL or a live set holding the reference dropped.
    pub unsafe fn release(p: *mut nl_cb) {
        // SAFETY: caller contract.
        if unsafe { p.as_ref() }.is_some_and(|cb| cb.drop_ref()) {
            // SAFETY: last reference; the block came from boxed::new.
            unsafe { boxed::free(p) };
        }
    }
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

/// Where the debug printers learn the names of message types (the cache-type registry, handed
/// over at load by `ffi::init`); without it they print what libnl prints for unknown types.
static TYPE_NAMES: OnceLock<&'static (dyn DumpEnv + Sync)> = OnceLock::new();

/// Hands the debug printers their message-type names (once, from the load-time constructor).
pub fn set_type_names(env: &'static (dyn DumpEnv + Sync)) {
    let _ = TYPE_NAMES.set(env);
}

/// The full dump of `msg` (libnl's `nl_msg_dump`) on the printer's stream.
fn dump_msg(msg: *mut nl_msg, arg: *mut c_void) {
    let env = TYPE_NAMES.get().copied().unwrap_or(&NoTypes);
    // SAFETY: msg is the live message the loop passes to this default handler.
    if let Some(text) = unsafe { crate::ffi::msg::dump_text(msg, env) } {
        print(arg, &text);
    }
}

/// Runs printer `p` on `msg`: its line on the callback's stream (libnl prints the unhandled
/// valid message warning on stdout when no stream is given), the full dump for the message
/// printers, and the printer's verdict.
fn run_printer(p: Printer, msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    // The header as the buffer holds it (libnl reads the 16 bytes whatever nlmsg_len says).
    // SAFETY: msg is the live message the loop passes to this default handler.
    let hdr = match unsafe { nl_msg::get_mut(msg) } {
        Some(m) => m.buf().bytes(0..16).unwrap_or_default().to_vec(),
        None => Vec::new(),
    };
    let (text, verdict) = printers::print(p, &hdr);
    if p == Printer::ValidVerbose && arg.is_null() {
        // SAFETY: stdout is a valid stream.
        unsafe { crate::sys::stdio::write_file(crate::sys::stdio::stdout_file(), text.as_bytes()) };
    } else {
        print(arg, &text);
    }
    if matches!(p, Printer::MsgInDebug | Printer::MsgOutDebug) {
        dump_msg(msg, arg);
    }
    verdict
}

macro_rules! printer_fns {
    ($($name:ident => $p:ident),* $(,)?) => {$(
        unsafe extern "C" fn $name(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
            run_printer(Printer::$p, msg, arg)
        }
    )*};
}

printer_fns! {
    valid_verbose => ValidVerbose,
    valid_debug => ValidDebug,
    invalid_verbose => InvalidVerbose,
    overrun_verbose => OverrunVerbose,
    finish_debug => FinishDebug,
    msg_in_debug => MsgInDebug,
    msg_out_debug => MsgOutDebug,
    skipped_debug => SkippedDebug,
    ack_debug => AckDebug,
}

unsafe extern "C" fn error_verbose(
    _who: *mut libc::sockaddr_nl,
    e: *mut libc::nlmsgerr,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: e points to the nlmsgerr (20 bytes) of the message being processed.
    let raw = unsafe { crate::ffi::ptr::bytes(e.cast(), 20) };
    let (text, error) = printers::print_error(raw, crate::sys::stdio::strerror_c);
    print(arg, &text);
    -crate::error::syserr2nlerr(error)
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
        o.duplicate()
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
        crate::ffi::nle0(c.inner.set_all(kind, func, arg))
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
/// The loop does not check the sender of the override's datagrams: where they come from is the
/// override's business (one that reads with `nl_recv` gets its sender filter).
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
        unsafe { cb_ref(cb) }.map_or(NL_CB_TYPE_MAX + 1, |c| c.active()) as nl_cb_type
    })
}

// libnl's layouts on LP64 (x86-64, where tests/abi.rs compares them with the real headers); on
// other targets they follow from repr(C) with the C field types.
#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_libnl() {
        type S = CallbackSet<CFns>;
        assert_eq!(std::mem::size_of::<nl_cb>(), 224);
        assert_eq!(std::mem::offset_of!(S, cb_args), 88);
        assert_eq!(std::mem::offset_of!(S, cb_err), 176);
        assert_eq!(std::mem::offset_of!(S, cb_recvmsgs_ow), 192);
        assert_eq!(std::mem::offset_of!(S, cb_refcnt), 216);
        assert_eq!(std::mem::offset_of!(S, cb_active), 220);
    }
}
