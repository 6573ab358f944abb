//! Calls into user C callbacks, and the in-place message view handed to them.
//!
//! Every function here is the only place a user function pointer is invoked. Callers make sure
//! no Rust borrow of socket or callback state is live across these calls (all such state lives
//! in `Cell`s and is read fresh afterwards), so callbacks may re-enter the library.
// These crate-internal trampolines take the raw pointers the receive loop and the FFI entry
// points already validated; their callers uphold the documented pointer contracts.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::{c_int, c_uchar, c_void};
use std::ptr::NonNull;

use crate::engine::buf::Buf;
use crate::engine::msg::{Message, SockaddrNl, Ucred};
use crate::ffi::handlers::{ErrCb, MsgCb, RecvOw, RecvmsgsOw, SendOw, nl_cb};
use crate::ffi::socket::nl_sock;
use crate::ffi::types::nl_msg;

/// Calls a message callback.
pub fn call_msg(f: MsgCb, msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    match f {
        // SAFETY: f was installed by C as a function of this signature; msg is a live handle.
        Some(f) => unsafe { f(msg, arg) },
        None => 0,
    }
}

/// Calls an error callback with a pointer to the `nlmsgerr` at byte 16 of `msg`.
pub fn call_err(f: ErrCb, src: &mut SockaddrNl, msg: &mut [u8], arg: *mut c_void) -> c_int {
    let Some(f) = f else { return 0 };
    let src: *mut SockaddrNl = src;
    let e = msg
        .get_mut(16..)
        .map_or(std::ptr::null_mut(), |b| b.as_mut_ptr());
    // SAFETY: f was installed by C with this signature; src and the nlmsgerr (the caller checked
    // the message holds 20 bytes after its header) are live for the call.
    unsafe { f(src.cast(), e.cast(), arg) }
}

/// Calls a `nl_cb_overwrite_recvmsgs` override.
pub fn call_recvmsgs_ow(f: RecvmsgsOw, sk: *mut nl_sock, cb: *mut nl_cb) -> c_int {
    match f {
        // SAFETY: installed by C with this signature; sk and cb are live.
        Some(f) => unsafe { f(sk, cb) },
        None => 0,
    }
}

/// Calls a `nl_cb_overwrite_send` override.
pub fn call_send_ow(f: SendOw, sk: *mut nl_sock, msg: *mut nl_msg) -> c_int {
    match f {
        // SAFETY: installed by C with this signature; sk and msg are live.
        Some(f) => unsafe { f(sk, msg) },
        None => 0,
    }
}

/// A datagram read by a `nl_cb_overwrite_recv` override: a malloc'd buffer freed on drop.
pub struct UserDatagram {
    buf: *mut c_uchar,
    len: usize,
    creds: *mut Ucred,
}

impl UserDatagram {
    /// Calls the override; `Err(n)` for `n <= 0` (returned as is by the loop).
    pub fn read(f: RecvOw, sk: *mut nl_sock, src: &mut SockaddrNl) -> Result<UserDatagram, c_int> {
        let Some(f) = f else { return Err(0) };
        let mut buf: *mut c_uchar = std::ptr::null_mut();
        let mut creds: *mut libc::ucred = std::ptr::null_mut();
        let srcp: *mut SockaddrNl = src;
        // SAFETY: installed by C with this signature; all out-pointers are live locals.
        let n = unsafe { f(sk, srcp.cast(), &mut buf, &mut creds) };
        let creds = creds.cast::<Ucred>();
        let d = UserDatagram {
            buf,
            len: usize::try_from(n).unwrap_or(0),
            creds,
        };
        if n <= 0 || buf.is_null() {
            return Err(if n > 0 {
                crate::error::Error::NoMem.to_nle()
            } else {
                n
            });
        }
        Ok(d)
    }

    /// The bytes the override returned.
    pub fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: the override promised a malloc'd buffer of at least `len` bytes (libnl's
        // contract for nl_recv); it is owned by us until drop.
        unsafe { crate::ffi::ptr::bytes_mut(self.buf.cast(), self.len) }
    }

    /// The credentials the override returned, if any.
    pub fn creds(&self) -> Option<Ucred> {
        // SAFETY: NULL or a malloc'd ucred from the override.
        unsafe { self.creds.as_ref() }.copied()
    }
}

impl Drop for UserDatagram {
    fn drop(&mut self) {
        // SAFETY: both are NULL or malloc'd blocks handed over by the override.
        unsafe {
            libc::free(self.buf.cast());
            libc::free(self.creds.cast());
        }
    }
}

/// Points the reusable message handle `msg` at `bytes` (in place, no copy) and fills libnl's
/// members as libnl's own copy of a received message has them: the socket's protocol, the
/// sender's address, the credentials (and `NL_MSG_CRED_PRESENT`) when some were received, a
/// zero destination, `nm_nlh` at the message and `nm_size` its length rounded up to 4. Creates
/// the handle when `*msg` is NULL.
pub fn view_msg(
    msg: &mut *mut nl_msg,
    bytes: &mut [u8],
    proto: c_int,
    src: SockaddrNl,
    creds: Option<Ucred>,
) -> *mut nl_msg {
    if msg.is_null() {
        match Message::with_capacity(16) {
            Ok(m) => *msg = nl_msg::from_message(m),
            Err(_) => return std::ptr::null_mut(),
        }
    }
    // SAFETY: *msg is our live handle.
    let Some(h) = (unsafe { nl_msg::handle(*msg) }) else {
        return std::ptr::null_mut();
    };
    let Some(p) = NonNull::new(bytes.as_mut_ptr()) else {
        return std::ptr::null_mut();
    };
    // SAFETY: no other borrow of the value exists (callbacks are not running).
    let m = unsafe { h.value_mut() };
    // SAFETY: `bytes` stays valid (the receive buffer is not touched) until `end_view` is
    // called for this message, which detaches or drops the view first.
    *m = Message::from_buf(unsafe { Buf::borrowed(p, bytes.len()) });
    let head = h.head();
    head.nm_protocol.set(proto);
    head.nm_flags.set(0);
    head.nm_src.set(src);
    head.nm_dst.set(SockaddrNl::default());
    head.nm_creds.set(Ucred::default());
    if let Some(c) = creds {
        head.set_creds(c);
    }
    head.track(m);
    *msg
}

/// Ends the in-place view: if a callback kept a reference (`nlmsg_get`), the handle gets an
/// owned copy of its bytes (`nm_nlh` follows it) and is left to the callback's owner; ours is
/// dropped and `*msg` reset so the next message uses a fresh handle.
pub fn end_view(msg: &mut *mut nl_msg) {
    // SAFETY: *msg is NULL or our live handle.
    let Some(h) = (unsafe { nl_msg::handle(*msg) }) else {
        return;
    };
    if h.refcnt() > 1 {
        // SAFETY: no callback is running, so no other borrow of the value is live.
        let m = unsafe { h.value_mut() };
        let len = m.capacity();
        match m.buf().copy_prefix(len, (len + 3) & !3) {
            Ok(b) => *m = Message::from_buf(b),
            Err(_) => {
                // Out of memory: leave an empty message rather than a dangling view.
                if let Ok(e) = Message::with_capacity(16) {
                    *m = e;
                }
            }
        }
        h.head().track(m);
        // SAFETY: we hold one of the references.
        unsafe { nl_msg::release(*msg) };
        *msg = std::ptr::null_mut();
    }
}

/// Drops our reusable handle at the end of a receive loop (after [`end_view`]).
pub fn drop_view(msg: &mut *mut nl_msg) {
    end_view(msg);
    // SAFETY: *msg is NULL or our handle holding one reference.
    unsafe { nl_msg::release(*msg) };
    *msg = std::ptr::null_mut();
}

/// `nl_pickup`'s state, reached by the parser through `nl_parser_param::pp_arg`.
#[repr(C)]
pub struct Pickup {
    /// The caller's message parser.
    pub parser: crate::ffi::nl::Parser,
    /// The object stored by the parser (one reference).
    pub result: *mut crate::ffi::types::nl_object,
    /// Where the kernel's errno goes (`nl_pickup_keep_syserr`), or NULL.
    pub syserror: *mut c_int,
}

/// The parser's object callback: keeps a reference to `obj` as the result. The parser drops
/// its own reference after this returns.
pub fn pickup_store(
    obj: *mut crate::ffi::types::nl_object,
    p: *mut crate::ffi::types::nl_parser_param,
) {
    // SAFETY: p is the parser param we built in `pickup_parse` (live for the parser call).
    let Some(pp) = (unsafe { p.as_ref() }) else {
        return;
    };
    // SAFETY: pp_arg is our live Pickup.
    let Some(st) = (unsafe { pp.pp_arg.cast::<Pickup>().as_mut() }) else {
        return;
    };
    // The pickup keeps its own reference, as libnl's does (NULL is ignored).
    // SAFETY: obj is NULL or the live object the parser hands over.
    unsafe { crate::ffi::object::nl_object_get(obj) };
    st.result = obj;
}

/// `NL_CB_VALID` handler of `nl_pickup`: runs the parser on the message.
pub fn pickup_parse(
    msg: *mut nl_msg,
    arg: *mut c_void,
    store: unsafe extern "C" fn(
        *mut crate::ffi::types::nl_object,
        *mut crate::ffi::types::nl_parser_param,
    ) -> c_int,
) -> c_int {
    // SAFETY: arg is our live Pickup (installed by `nl_pickup`).
    let Some(st) = (unsafe { arg.cast::<Pickup>().as_ref() }) else {
        return 0;
    };
    let Some(parser) = st.parser else { return 0 };
    // SAFETY: msg is the live message of the running loop; the borrow ends before the call.
    let (src, nlh) = match unsafe { nl_msg::handle(msg) } {
        Some(h) => (
            h.head().nm_src.as_ptr().cast::<libc::sockaddr_nl>(),
            // SAFETY: a short shared borrow, no `&mut` to the value is live.
            unsafe { h.value() }.buf().as_ptr().cast::<libc::nlmsghdr>(),
        ),
        None => return 0,
    };
    let mut pp = crate::ffi::types::nl_parser_param {
        pp_cb: Some(store),
        pp_arg: arg,
    };
    // SAFETY: the parser has libnl's parser signature; all pointers are live for the call.
    unsafe { parser(std::ptr::null_mut(), src, nlh, &mut pp) }
}

/// Error handler of `nl_pickup_keep_syserr`: records the kernel's errno.
pub fn pickup_syserr(e: *mut libc::nlmsgerr, arg: *mut c_void) -> c_int {
    // SAFETY: e points to a 20-byte nlmsgerr inside the current message.
    let error = unsafe { e.as_ref() }.map_or(0, |e| e.error);
    // SAFETY: arg is our live Pickup.
    if let Some(st) = unsafe { arg.cast::<Pickup>().as_ref() } {
        // SAFETY: syserror is NULL or writable (nl_pickup_keep_syserr's contract).
        unsafe { crate::ffi::ptr::write_out(st.syserror, error) };
    }
    -crate::error::syserr2nlerr(error)
}

/// The result stored in a pickup.
pub fn pickup_result(p: *mut Pickup) -> *mut crate::ffi::types::nl_object {
    // SAFETY: p is the live Pickup on nl_pickup's stack.
    unsafe { p.as_ref() }.map_or(std::ptr::null_mut(), |st| st.result)
}
