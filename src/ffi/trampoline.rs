//! Calls into user C callbacks: the only place a user function pointer is invoked.
//!
//! Every function here is the only place a user function pointer is invoked. Callers make sure
//! no Rust borrow of socket or callback state is live across these calls (all such state lives
//! in `Cell`s and is read fresh afterwards), so callbacks may re-enter the library.
// These crate-internal trampolines take the raw pointers the receive loop and the FFI entry
// points already validated; their callers uphold the documented pointer contracts.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::{c_int, c_uchar, c_void};

use crate::engine::msg::SockaddrNl;
use crate::ffi::types::{
    ErrCb, MsgCb, RecvOw, RecvmsgsOw, SendOw, nl_cache_ops, nl_cb, nl_msg, nl_object,
    nl_parser_param, nl_sock,
};

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

/// Calls a `nl_cb_overwrite_recv` override: its result, with the buffer and credentials it
/// stored into `buf` and `creds`.
pub fn call_recv_ow(
    f: RecvOw,
    sk: *mut nl_sock,
    src: &mut SockaddrNl,
    buf: &mut *mut c_uchar,
    creds: &mut *mut libc::ucred,
) -> c_int {
    let Some(f) = f else { return 0 };
    let srcp: *mut SockaddrNl = src;
    // SAFETY: installed by C with this signature; all out-pointers are live.
    unsafe { f(sk, srcp.cast(), buf, creds) }
}

/// A message parser as passed to `nl_pickup` or held in `co_msg_parser`.
pub type Parser = Option<
    unsafe extern "C" fn(
        *mut nl_cache_ops,
        *mut libc::sockaddr_nl,
        *mut libc::nlmsghdr,
        *mut nl_parser_param,
    ) -> c_int,
>;

/// A parser parameter block with a Rust closure behind it: `pp` is what the parser gets (C
/// parsers only read `pp_cb` and hand the same pointer back to it), `deliver` what
/// [`deliver_object`] calls for each parsed object.
#[repr(C)]
struct Delivery<'a> {
    pp: nl_parser_param,
    deliver: &'a mut dyn FnMut(*mut nl_object) -> c_int,
}

/// The `pp_cb` of every parse started by [`call_parser_delivering`].
unsafe extern "C" fn deliver_object(o: *mut nl_object, p: *mut nl_parser_param) -> c_int {
    // SAFETY: p is the first field of the live Delivery built by call_parser_delivering
    // (repr(C), so the pointers coincide); nothing else borrows it while the parser runs.
    match unsafe { p.cast::<Delivery<'_>>().as_mut() } {
        Some(d) => (d.deliver)(o),
        None => -crate::ffi::types::NLE_INVAL,
    }
}

/// Calls a message parser whose parsed objects go to `deliver` (the one parser callback of the
/// crate: cache parses, `nl_pickup`, the cache manager's events).
pub fn call_parser_delivering(
    f: Parser,
    ops: *mut nl_cache_ops,
    who: *mut libc::sockaddr_nl,
    nlh: *mut libc::nlmsghdr,
    deliver: &mut dyn FnMut(*mut nl_object) -> c_int,
) -> Option<c_int> {
    let mut d = Delivery {
        pp: nl_parser_param {
            pp_cb: Some(deliver_object),
            pp_arg: std::ptr::null_mut(),
        },
        deliver,
    };
    call_parser(f, ops, who, nlh, (&raw mut d).cast())
}

/// Calls a message parser.
pub fn call_parser(
    f: Parser,
    ops: *mut nl_cache_ops,
    who: *mut libc::sockaddr_nl,
    nlh: *mut libc::nlmsghdr,
    pp: *mut nl_parser_param,
) -> Option<c_int> {
    let f = f?;
    // SAFETY: the parser has libnl's parser signature; the caller passes live pointers.
    Some(unsafe { f(ops, who, nlh, pp) })
}

/// A Rust closure standing in for a C message callback (see [`msg_closure`]).
pub type MsgClosure<'a> = &'a mut dyn FnMut(*mut nl_msg) -> c_int;

/// A Rust closure standing in for a C error callback (see [`err_closure`]).
pub type ErrClosure<'a> = &'a mut dyn FnMut(*mut libc::nlmsgerr) -> c_int;

/// The C message callback that runs a Rust closure: installed with `arg` pointing at a
/// [`MsgClosure`] that outlives the receive loop using it.
///
/// # Safety
/// `arg` is a live `*mut MsgClosure` not borrowed elsewhere while the callback runs.
pub unsafe extern "C" fn msg_closure(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    // SAFETY: caller contract (the receive loop passes the argument it was given).
    match unsafe { arg.cast::<MsgClosure<'_>>().as_mut() } {
        Some(f) => f(msg),
        None => 0,
    }
}

/// The C error callback that runs a Rust closure on the `nlmsgerr`.
///
/// # Safety
/// `arg` is a live `*mut ErrClosure` not borrowed elsewhere while the callback runs.
pub unsafe extern "C" fn err_closure(
    _who: *mut libc::sockaddr_nl,
    e: *mut libc::nlmsgerr,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: caller contract.
    match unsafe { arg.cast::<ErrClosure<'_>>().as_mut() } {
        Some(f) => f(e),
        None => 0,
    }
}
