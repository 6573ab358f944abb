//! `netlink/netlink.h`: connecting, sending and the receive loop.

use std::ffi::{c_int, c_uchar, c_uint, c_void};

use libc::{iovec, msghdr, nlmsghdr};

use crate::engine::buf::Buf;
use crate::engine::callbacks::{CbFns, Invoke, SetHandlers};
use crate::engine::msg::{SockaddrNl, Ucred};
use crate::engine::recv::{self, CbType, Datagram, Meta, Transport};
use crate::engine::socket as es;
use crate::error::Error;
use crate::ffi::handlers::{MsgCb, NL_CB_CUSTOM, nl_cb};
use crate::ffi::msg::OwnedMsg;
use crate::ffi::socket::{nl_sock, sk_ref, sock_or};
use crate::ffi::trampoline::{self, ErrClosure, MsgClosure, err_closure, msg_closure};
use crate::ffi::types::CFns;
use crate::ffi::types::{nl_cache_ops, nl_msg, nl_object, nl_parser_param};
use crate::sys::socket::{self as sys, Os};
use crate::{ffi_entry, nl_dbg};

const AF_NETLINK: u16 = libc::AF_NETLINK as u16;

/// `nl_connect`: creates the netlink socket for `protocol`, binds the local port (generated, or
/// the kernel's choice when ports collide) and applies the default buffer sizes.
///
/// # Returns
/// 0; `-NLE_BAD_SOCK` if already connected; the mapped errno of socket/bind/getsockname;
/// `-NLE_NOADDR`/`-NLE_AF_NOSUPPORT` for an unexpected local address.
/// # Ownership
/// The socket owns the new fd.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_connect(sk: *mut nl_sock, protocol: c_int) -> c_int {
    ffi_entry!("nl_connect", {
        let s = sock_or!("nl_connect", sk, Error::BadSock.to_nle());
        crate::ffi::nle0(s.connect(&mut Os, protocol))
    })
}

/// `nl_close`: closes the fd (the socket can be connected again).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_close(sk: *mut nl_sock) {
    ffi_entry!("nl_close", {
        sock_or!("nl_close", sk).close(&mut Os);
    })
}

/// `nl_sendto`: sends raw bytes to the peer address.
///
/// # Returns
/// Bytes sent; `-NLE_INVAL` for NULL `buf`; `-NLE_BAD_SOCK` when unconnected; mapped errno.
/// # Ownership
/// `buf` is borrowed.
/// # Safety
/// `sk` is NULL or a live socket; `buf` NULL or readable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_sendto(sk: *mut nl_sock, buf: *mut c_void, size: usize) -> c_int {
    ffi_entry!("nl_sendto", {
        let s = sock_or!("nl_sendto", sk, Error::BadSock.to_nle());
        if buf.is_null() {
            return Error::Inval.to_nle();
        }
        // SAFETY: caller contract.
        let bytes = unsafe { crate::ffi::ptr::bytes(buf, size) };
        match s.sendto(&mut Os, bytes) {
            Ok(n) => n as c_int,
            Err(e) => e.to_nle(),
        }
    })
}

/// Common start of a send: fd check, source address, `NL_CB_MSG_OUT`. `Err(ret)` to return.
fn pre_send(s: &nl_sock, msg: *mut nl_msg) -> Result<(), c_int> {
    if s.s_fd.get() < 0 {
        return Err(Error::BadSock.to_nle());
    }
    // SAFETY: msg is NULL or live (caller contract).
    if let Some(h) = unsafe { nl_msg::head(msg) } {
        h.nm_src.set(s.s_local.get());
    }
    if let Some(cb) = s.cb() {
        if cb
            .cb_set
            .get(CbType::MsgOut as usize)
            .is_some_and(|c| c.get().is_some())
        {
            let r = cb.call(CbType::MsgOut as usize, msg);
            if r != recv::NL_OK {
                return Err(r);
            }
        }
    }
    Ok(())
}

fn sent(s: &nl_sock, r: Result<usize, i32>) -> c_int {
    match s.sock.sent(&Os, r) {
        Ok(n) => n as c_int,
        Err(e) => e.to_nle(),
    }
}

/// `nl_sendmsg`: sends a caller-built `msghdr` (after `NL_CB_MSG_OUT` sees `msg`).
///
/// # Returns
/// Bytes sent; `-NLE_BAD_SOCK` when unconnected; the callback's value if it did not return
/// `NL_OK`; mapped errno.
/// # Ownership
/// All borrowed.
/// # Safety
/// `sk`/`msg` NULL or live; `hdr` a valid `msghdr` with valid buffers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_sendmsg(sk: *mut nl_sock, msg: *mut nl_msg, hdr: *mut msghdr) -> c_int {
    ffi_entry!("nl_sendmsg", {
        let s = sock_or!("nl_sendmsg", sk, Error::BadSock.to_nle());
        if let Err(r) = pre_send(s, msg) {
            track(s, msg, false);
            return r;
        }
        if hdr.is_null() {
            track(s, msg, false);
            return Error::Inval.to_nle();
        }
        // SAFETY: caller contract.
        let r = sent(s, unsafe { sys::sendmsg_raw(s.s_fd.get(), hdr) });
        track(s, msg, r >= 0);
        r
    })
}

/// Destination and credentials of `msg`.
fn dst_creds(s: &nl_sock, msg: *mut nl_msg) -> (SockaddrNl, Option<Ucred>) {
    // SAFETY: msg is NULL or live.
    match unsafe { nl_msg::head(msg) } {
        Some(h) => (
            match h.nm_dst.get() {
                d if d.nl_family == AF_NETLINK => d,
                _ => s.s_peer.get(),
            },
            h.creds(),
        ),
        None => (s.s_peer.get(), None),
    }
}

/// `nl_send_iovec`: sends `iov` to the message's destination (or the peer) with its
/// credentials.
///
/// # Returns
/// As `nl_sendmsg`.
/// # Ownership
/// All borrowed.
/// # Safety
/// `sk`/`msg` NULL or live; `iov` valid for `iovlen` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_send_iovec(
    sk: *mut nl_sock,
    msg: *mut nl_msg,
    iov: *mut iovec,
    iovlen: c_uint,
) -> c_int {
    ffi_entry!("nl_send_iovec", {
        let s = sock_or!("nl_send_iovec", sk, Error::BadSock.to_nle());
        let (dst, creds) = dst_creds(s, msg);
        if let Err(r) = pre_send(s, msg) {
            track(s, msg, false);
            return r;
        }
        // SAFETY: caller contract: iov holds iovlen entries.
        let v = unsafe { crate::ffi::ptr::slice(iov.cast_const(), iovlen as usize) };
        // SAFETY: each iovec is valid (caller contract).
        let r = sent(s, unsafe {
            sys::sendmsg_iov(s.s_fd.get(), &dst, v, creds.as_ref())
        });
        track(s, msg, r >= 0);
        r
    })
}

/// Tells the socket whether the request in `msg` went out, so that the sequence number it
/// expects in replies stays in step (see [`nl_sock::seq_unsent`]). `is_sent` is false when
/// nothing was sent: an error, or `NL_CB_MSG_OUT` refusing the message.
fn track(s: &nl_sock, msg: *mut nl_msg, is_sent: bool) {
    // SAFETY: msg is NULL or live; the borrow ends here.
    if let Some(m) = unsafe { nl_msg::get_mut(msg) } {
        s.track(m.header().seq, is_sent);
    }
}

/// `nl_send` without the override check.
fn send_msg(s: &nl_sock, msg: *mut nl_msg) -> c_int {
    let (dst, creds) = dst_creds(s, msg);
    if let Err(r) = pre_send(s, msg) {
        track(s, msg, false);
        return r;
    }
    // Read the buffer after NL_CB_MSG_OUT: the callback may have changed the message.
    // SAFETY: msg is NULL or live; the borrow ends before the call returns to C.
    let Some(m) = (unsafe { nl_msg::get_mut(msg) }) else {
        return Error::Inval.to_nle();
    };
    let len = m.len().min(m.capacity());
    let r = match s.send_bytes(
        &mut Os,
        m.buf().bytes(0..len).unwrap_or_default(),
        &dst,
        creds.as_ref(),
    ) {
        Ok(n) => n as c_int,
        Err(e) => e.to_nle(),
    };
    track(s, msg, r >= 0);
    r
}

/// `nl_send` on live pointers: the `nl_cb_overwrite_send` override if set (its negative
/// result counts as not sent), else [`send_msg`].
fn send_or_override(sk: *mut nl_sock, s: &nl_sock, msg: *mut nl_msg) -> c_int {
    match s.cb().and_then(|c| c.cb_send_ow.get()) {
        Some(f) => {
            let r = trampoline::call_send_ow(Some(f), sk, msg);
            track(s, msg, r >= 0);
            r
        }
        None => send_msg(s, msg),
    }
}

/// `nl_send`: sends `msg` as is (or through the `nl_cb_overwrite_send` override).
///
/// # Returns
/// As `nl_sendmsg`, or the override's value.
/// # Ownership
/// `msg` stays the caller's.
/// # Safety
/// `sk`/`msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_send(sk: *mut nl_sock, msg: *mut nl_msg) -> c_int {
    ffi_entry!("nl_send", {
        let s = sock_or!("nl_send", sk, Error::BadSock.to_nle());
        if msg.is_null() {
            return Error::Inval.to_nle();
        }
        send_or_override(sk, s, msg)
    })
}

/// Completes the header (a sequence number of 0 is replaced by the socket's next one).
fn complete(s: &nl_sock, msg: *mut nl_msg) {
    // SAFETY: msg is NULL or live; the borrow ends in this function.
    let Some(handle) = (unsafe { nl_msg::handle(msg) }) else {
        return;
    };
    // SAFETY: one call's exclusive borrow (libnl's one-thread-per-message rule).
    let m = unsafe { handle.value_mut() };
    let mut h = m.header();
    s.sock.complete(&Os, &mut h);
    let proto = &handle.head().nm_protocol;
    if proto.get() == -1 {
        proto.set(s.s_proto.get());
    }
    let _ = m.set_header(&h);
}

/// `nl_complete_msg`: fills in port, sequence number, protocol, `NLM_F_REQUEST` and (unless
/// auto-ack is off) `NLM_F_ACK`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk`/`msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_complete_msg(sk: *mut nl_sock, msg: *mut nl_msg) {
    ffi_entry!("nl_complete_msg", {
        let s = sock_or!("nl_complete_msg", sk);
        complete(s, msg);
    })
}

/// `nl_auto_complete`: old name of `nl_complete_msg`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk`/`msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_auto_complete(sk: *mut nl_sock, msg: *mut nl_msg) {
    ffi_entry!("nl_auto_complete", {
        let s = sock_or!("nl_auto_complete", sk);
        complete(s, msg);
    })
}

/// Completes and sends. As in libnl, a sequence number assigned here stays used (and stays in
/// the message) when the send fails; the socket's expected number is kept in step by `track`.
fn send_auto(sk: *mut nl_sock, s: &nl_sock, msg: *mut nl_msg) -> c_int {
    if msg.is_null() {
        return Error::Inval.to_nle();
    }
    complete(s, msg);
    send_or_override(sk, s, msg)
}

/// `nl_send_auto`: `nl_complete_msg` then `nl_send`.
///
/// # Returns
/// As `nl_send`.
/// # Ownership
/// `msg` stays the caller's.
/// # Safety
/// `sk`/`msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_send_auto(sk: *mut nl_sock, msg: *mut nl_msg) -> c_int {
    ffi_entry!("nl_send_auto", {
        let s = sock_or!("nl_send_auto", sk, Error::BadSock.to_nle());
        send_auto(sk, s, msg)
    })
}

/// `nl_send_auto_complete`: old name of `nl_send_auto`.
///
/// # Returns
/// As `nl_send`.
/// # Ownership
/// `msg` stays the caller's.
/// # Safety
/// `sk`/`msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_send_auto_complete(sk: *mut nl_sock, msg: *mut nl_msg) -> c_int {
    ffi_entry!("nl_send_auto_complete", {
        let s = sock_or!("nl_send_auto_complete", sk, Error::BadSock.to_nle());
        send_auto(sk, s, msg)
    })
}

/// `nl_send_sync`: `nl_send_auto`, frees `msg`, then waits for the ack.
///
/// # Returns
/// 0 on ack, or the send / receive error.
/// # Ownership
/// Consumes one reference to `msg`.
/// # Safety
/// `sk`/`msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_send_sync(sk: *mut nl_sock, msg: *mut nl_msg) -> c_int {
    ffi_entry!("nl_send_sync", {
        let s = sock_or!("nl_send_sync", sk, Error::BadSock.to_nle());
        let r = send_auto(sk, s, msg);
        // SAFETY: the caller handed us its reference.
        if unsafe { nl_msg::release(msg) } {
            nl_dbg!(2, "msg {:p}: Freed\n", msg);
        }
        if r < 0 {
            return r;
        }
        s.wait_ack_if_auto()
    })
}

/// `nl_send_simple`: builds a message of `type_`/`flags` with `buf` as payload, sends it with
/// `nl_send_auto`.
///
/// # Returns
/// As `nl_send_auto`; `-NLE_NOMEM` when the payload does not fit.
/// # Ownership
/// `buf` is borrowed.
/// # Safety
/// `sk` NULL or live; `buf` NULL or readable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_send_simple(
    sk: *mut nl_sock,
    type_: c_int,
    flags: c_int,
    buf: *mut c_void,
    size: usize,
) -> c_int {
    ffi_entry!("nl_send_simple", {
        let s = sock_or!("nl_send_simple", sk, Error::BadSock.to_nle());
        let payload = if buf.is_null() {
            &[][..]
        } else {
            // SAFETY: buf readable for size bytes (caller contract).
            unsafe { crate::ffi::ptr::bytes(buf, size) }
        };
        s.send_simple(type_ as u16, flags as u16, payload)
    })
}

// ---- receiving ----

/// The receive buffer size when none was set (see [`es::default_recv_size`]).
fn default_recv_size() -> usize {
    es::default_recv_size(crate::sys::page_size())
}

/// Reads one datagram into `buf` ([`es::Socket::read_datagram`]), with libnl's error codes.
fn read_datagram(
    s: &nl_sock,
    buf: &mut Buf,
    want_creds: bool,
) -> Result<Option<(usize, SockaddrNl, Option<Ucred>)>, c_int> {
    s.sock
        .read_datagram(&mut Os, buf, default_recv_size(), want_creds)
        .map_err(Error::to_nle)
}

/// `nl_recv`: reads one datagram into a new malloc'd buffer.
///
/// libnl-compat: the read is the socket's filtered one (see [`es`]'s module docs): a datagram
/// from a sender the socket does not accept (not the kernel on a kernel-only protocol, not the
/// peer for unicast when a peer port is set) is dropped, counted and skipped, and the next
/// one is returned (`-NLE_AGAIN` on a non-blocking socket with nothing else queued). libnl
/// has no such filter. `nl_recv` hands the raw datagram to its caller, who could check the
/// sender itself, but callers of `nl_recv` (and `nl_recvmsgs` over it, and user receive
/// overrides calling it) trust the datagram just as the receive loop does, so the same rule
/// holds on every read of the socket.
///
/// # Returns
/// Bytes read, 0 when nothing was read, or a negative `NLE_*` code (`-NLE_INVAL` for NULL
/// `nla`/`buf`, `-NLE_AGAIN` on an empty non-blocking socket, `-NLE_MSG_TRUNC`, …).
/// # Ownership
/// `*buf` (and `*creds` when credentials are received) are malloc'd: the caller frees them.
/// # Safety
/// `sk` NULL or live; `nla`, `buf` NULL or writable; `creds` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_recv(
    sk: *mut nl_sock,
    nla: *mut libc::sockaddr_nl,
    buf: *mut *mut c_uchar,
    creds: *mut *mut libc::ucred,
) -> c_int {
    let nla = nla.cast::<SockaddrNl>();
    let creds = creds.cast::<*mut Ucred>();
    ffi_entry!("nl_recv", {
        let s = sock_or!("nl_recv", sk, Error::BadSock.to_nle());
        if buf.is_null() || nla.is_null() {
            return Error::Inval.to_nle();
        }
        let mut b = match s.take_rbuf(default_recv_size()) {
            Ok(b) => b,
            Err(e) => return e.to_nle(),
        };
        let r = read_datagram(s, &mut b, !creds.is_null());
        let ret = match r {
            Ok(Some((len, src, cr))) => {
                let p = crate::ffi::ptr::malloc_copy(b.bytes(0..len).unwrap_or_default());
                if p.is_null() {
                    Error::NoMem.to_nle()
                } else {
                    // SAFETY: out-pointers are writable (caller contract).
                    unsafe {
                        crate::ffi::ptr::write_out(nla, src);
                        crate::ffi::ptr::write_out(buf, p.cast());
                    }
                    let cp = cr.map_or(std::ptr::null_mut(), |c| {
                        // SAFETY: Ucred is plain data of 12 bytes.
                        crate::ffi::ptr::malloc_copy(unsafe {
                            crate::ffi::ptr::bytes((&c as *const Ucred).cast(), 12)
                        })
                        .cast::<Ucred>()
                    });
                    // SAFETY: creds is NULL or writable.
                    unsafe { crate::ffi::ptr::write_out(creds, cp) };
                    len as c_int
                }
            }
            Ok(None) => 0,
            Err(e) => e,
        };
        if ret <= 0 {
            // SAFETY: creds is NULL or writable.
            unsafe { crate::ffi::ptr::write_out(creds, std::ptr::null_mut()) };
        }
        s.park_rbuf(b);
        ret
    })
}

/// The socket's one receive path ([`es::SockTransport`] over the real system calls).
pub(crate) type SockTransport<'a> = es::SockTransport<'a, *mut nl_cb, Os>;

/// Takes the socket's receive buffer for a receive loop (`peek`: see [`es::SockTransport`]).
pub(crate) fn sock_transport(s: &nl_sock, peek: Option<bool>) -> Result<SockTransport<'_>, c_int> {
    SockTransport::new(s, Os, default_recv_size(), peek).map_err(Error::to_nle)
}

/// Datagrams from a `nl_cb_overwrite_recv` override. They are not filtered by sender: the
/// override decides where its datagrams come from and what to trust (an override that reads
/// with `nl_recv` gets that function's filter).
struct UserTransport {
    sk: *mut nl_sock,
    f: crate::ffi::handlers::RecvOw,
    cur: Option<UserDatagram>,
}

impl Transport for UserTransport {
    fn recv(&mut self) -> Result<Option<Datagram<'_>>, c_int> {
        self.cur = None;
        let mut src = SockaddrNl::default();
        match UserDatagram::read(self.f, self.sk, &mut src) {
            Ok(d) => {
                let creds = d.creds();
                let d = self.cur.insert(d);
                Ok(Some(Datagram {
                    bytes: d.bytes(),
                    src,
                    creds,
                }))
            }
            Err(0) => Ok(None),
            Err(n) => Err(n),
        }
    }
}

/// How the receive loop runs a C callback set's handlers: message handlers get the reusable
/// message view (libnl's members filled per message), error handlers the `nlmsgerr`.
struct CInvoke<'a> {
    s: &'a nl_sock,
    msg: *mut nl_msg,
}

impl Invoke<CFns> for CInvoke<'_> {
    fn msg(&mut self, _t: usize, f: MsgCb, arg: *mut c_void, msg: &mut [u8], meta: &Meta) -> i32 {
        let proto = self.s.s_proto.get();
        let m = view_msg(&mut self.msg, msg, proto, meta.src, meta.creds);
        if m.is_null() {
            return Error::NoMem.to_nle();
        }
        trampoline::call_msg(f, m, arg)
    }

    fn err(
        &mut self,
        f: <CFns as CbFns>::Err,
        arg: *mut c_void,
        msg: &mut [u8],
        meta: &Meta,
    ) -> i32 {
        let mut src = meta.src;
        trampoline::call_err(Some(f), &mut src, msg, arg)
    }

    fn done(&mut self) {
        end_view(&mut self.msg);
    }
}

/// `nl_recvmsgs_report` on live pointers.
fn recvmsgs_report(sk: *mut nl_sock, s: &nl_sock, cbp: *mut nl_cb) -> c_int {
    // SAFETY: cbp is NULL or live (caller contract).
    let Some(cb) = (unsafe { crate::ffi::handlers::cb_ref(cbp) }) else {
        nl_dbg!(1, "nl_recvmsgs: NULL callback set\n");
        return Error::Inval.to_nle();
    };
    if let Some(f) = cb.cb_recvmsgs_ow.get() {
        return trampoline::call_recvmsgs_ow(Some(f), sk, cbp);
    }
    // Hold a reference so a callback replacing the socket's set cannot free it under us.
    cb.acquire();
    let mut d = SetHandlers {
        s: &s.sock,
        cb: &cb.inner,
        invoke: CInvoke {
            s,
            msg: std::ptr::null_mut(),
        },
    };
    let r = match cb.cb_recv_ow.get() {
        Some(f) => {
            let mut t = UserTransport {
                sk,
                f: Some(f),
                cur: None,
            };
            recv::recvmsgs(&mut t, &mut d)
        }
        None => match sock_transport(s, None) {
            Ok(mut t) => {
                let r = recv::recvmsgs(&mut t, &mut d);
                drop_view(&mut d.invoke.msg);
                t.finish();
                r
            }
            Err(e) => e,
        },
    };
    drop_view(&mut d.invoke.msg);
    // SAFETY: we took this reference above.
    unsafe { nl_cb::release(cbp) };
    r
}

/// `nl_recvmsgs_report`: runs the receive loop with `cb`.
///
/// # Returns
/// The number of messages processed, a negative `NLE_*` code, or a callback's own value.
/// # Ownership
/// All borrowed.
/// # Safety
/// `sk`/`cb` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_recvmsgs_report(sk: *mut nl_sock, cb: *mut nl_cb) -> c_int {
    ffi_entry!("nl_recvmsgs_report", {
        let s = sock_or!("nl_recvmsgs_report", sk, Error::BadSock.to_nle());
        recvmsgs_report(sk, s, cb)
    })
}

/// `nl_recvmsgs`: like `nl_recvmsgs_report` but 0 on success.
///
/// # Returns
/// 0 or a negative `NLE_*` code.
/// # Ownership
/// All borrowed.
/// # Safety
/// `sk`/`cb` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_recvmsgs(sk: *mut nl_sock, cb: *mut nl_cb) -> c_int {
    ffi_entry!("nl_recvmsgs", {
        let s = sock_or!("nl_recvmsgs", sk, Error::BadSock.to_nle());
        let r = recvmsgs_report(sk, s, cb);
        if r > 0 { 0 } else { r }
    })
}

/// `nl_recvmsgs_default`: `nl_recvmsgs` with the socket's own callback set.
///
/// # Returns
/// 0 or a negative `NLE_*` code.
/// # Ownership
/// Borrowed.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_recvmsgs_default(sk: *mut nl_sock) -> c_int {
    ffi_entry!("nl_recvmsgs_default", {
        let s = sock_or!("nl_recvmsgs_default", sk, Error::BadSock.to_nle());
        let r = recvmsgs_report(sk, s, s.s_cb.get());
        if r > 0 { 0 } else { r }
    })
}

// ---- the crate's own requests: the Rust API of a socket ----

/// Rust closures a caller inside the crate puts on a clone of the socket's callback set for one
/// receive loop (the socket's other handlers, overrides and debug printers stay in place, as
/// when libnl installs its own handlers this way).
#[derive(Default)]
pub(crate) struct RustHandlers<'a> {
    /// `NL_CB_VALID`.
    pub valid: Option<MsgClosure<'a>>,
    /// `NL_CB_ACK`.
    pub ack: Option<MsgClosure<'a>>,
    /// The error callback.
    pub err: Option<ErrClosure<'a>>,
}

impl nl_sock {
    /// The C pointer of the socket (what user overrides and callbacks receive).
    pub(crate) fn as_mut_ptr(&self) -> *mut nl_sock {
        (self as *const nl_sock).cast_mut()
    }

    /// `nl_send_auto`: completes `msg` and sends it (override, `NL_CB_MSG_OUT` and sequence
    /// bookkeeping as in `nl_send`).
    pub(crate) fn send_auto(&self, msg: &OwnedMsg) -> c_int {
        send_auto(self.as_mut_ptr(), self, msg.ptr())
    }

    /// `nl_send_simple`: a message of type `ty` and `flags` with `payload`, sent auto-completed.
    pub(crate) fn send_simple(&self, ty: u16, flags: u16, payload: &[u8]) -> c_int {
        let Some(m) = OwnedMsg::simple(ty, flags) else {
            return Error::NoMem.to_nle();
        };
        if !payload.is_empty() {
            match m.with(|m| m.append(payload, 4)) {
                Some(Ok(())) => {}
                Some(Err(e)) => return e.to_nle(),
                None => return Error::NoMem.to_nle(),
            }
        }
        self.send_auto(&m)
    }

    /// The receive loop (`nl_recvmsgs_report`) on a clone of the socket's callback set with
    /// `h`'s closures installed.
    pub(crate) fn recv_with(&self, h: RustHandlers<'_>) -> c_int {
        let Some(cb) = self.cb().map(nl_cb::duplicate).filter(|p| !p.is_null()) else {
            return Error::NoMem.to_nle();
        };
        // SAFETY: cb is our fresh clone.
        let Some(c) = (unsafe { crate::ffi::handlers::cb_ref(cb) }) else {
            return Error::NoMem.to_nle();
        };
        let RustHandlers {
            mut valid,
            mut ack,
            mut err,
        } = h;
        for (ty, f) in [(CbType::Valid, &mut valid), (CbType::Ack, &mut ack)] {
            if let Some(f) = f {
                let arg: *mut MsgClosure<'_> = f;
                c.set(ty as c_int, NL_CB_CUSTOM, Some(msg_closure), arg.cast());
            }
        }
        if let Some(f) = &mut err {
            let arg: *mut ErrClosure<'_> = f;
            c.set_err(NL_CB_CUSTOM, Some(err_closure), arg.cast());
        }
        // The closures outlive the loop (they live in this frame); the clone is ours.
        let r = recvmsgs_report(self.as_mut_ptr(), self, cb);
        // SAFETY: we own the clone.
        unsafe { nl_cb::release(cb) };
        r
    }

    /// What `nl_send_sync` does after sending: `nl_wait_for_ack` when the socket asks the kernel
    /// for acknowledgements, else 0 (libnl-compat: without auto-ack nothing will be
    /// acknowledged, so nothing is awaited).
    pub(crate) fn wait_ack_if_auto(&self) -> c_int {
        if self.s_flags.get() & crate::engine::socket::NL_NO_AUTO_ACK != 0 {
            return 0;
        }
        self.wait_ack()
    }

    /// `nl_wait_for_ack`: receives until the acknowledgement (or an error) of the last request.
    pub(crate) fn wait_ack(&self) -> c_int {
        let mut stop = |_: *mut nl_msg| recv::NL_STOP;
        let r = self.recv_with(RustHandlers {
            ack: Some(&mut stop),
            ..RustHandlers::default()
        });
        if r > 0 { 0 } else { r }
    }
}

/// `nl_wait_for_ack`: receives until the ack (or an error) for the last request.
///
/// # Returns
/// 0 or a negative `NLE_*` code.
/// # Ownership
/// Borrowed.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_wait_for_ack(sk: *mut nl_sock) -> c_int {
    ffi_entry!("nl_wait_for_ack", {
        sock_or!("nl_wait_for_ack", sk, Error::BadSock.to_nle()).wait_ack()
    })
}

pub use crate::ffi::trampoline::Parser;

fn pickup(
    sk: *mut nl_sock,
    parser: Parser,
    result: *mut *mut nl_object,
    syserror: *mut c_int,
) -> c_int {
    // SAFETY: caller contract.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    if parser.is_none() {
        return Error::Inval.to_nle();
    }
    let mut answer: *mut nl_object = std::ptr::null_mut();
    let mut valid = |msg: *mut nl_msg| {
        // SAFETY: msg is the live message of the running loop; the borrow ends before the call.
        let Some(h) = (unsafe { nl_msg::handle(msg) }) else {
            return 0;
        };
        let src = h.head().nm_src.as_ptr().cast::<libc::sockaddr_nl>();
        // SAFETY: a short shared borrow, no `&mut` to the value is live.
        let nlh = unsafe { h.value() }.buf().as_ptr().cast::<libc::nlmsghdr>();
        // The pickup keeps its own reference to the parsed object, as libnl's does; the parser
        // drops its own after this returns.
        let mut store = |obj: *mut nl_object| {
            // SAFETY: obj is NULL or the live object the parser hands over.
            if let Some(o) = unsafe { crate::ffi::objhdr::Obj::from_ptr(obj) } {
                crate::ffi::object::get(o);
            }
            answer = obj;
            0
        };
        trampoline::call_parser_delivering(parser, std::ptr::null_mut(), src, nlh, &mut store)
            .unwrap_or(0)
    };
    let mut err = |e: *mut libc::nlmsgerr| {
        // SAFETY: e points to a 20-byte nlmsgerr inside the current message.
        let error = unsafe { e.as_ref() }.map_or(0, |e| e.error);
        // SAFETY: syserror is writable (checked non-NULL before installing this handler).
        unsafe { crate::ffi::ptr::write_out(syserror, error) };
        -crate::error::syserr2nlerr(error)
    };
    if !syserror.is_null() {
        // SAFETY: syserror is writable (caller contract).
        unsafe { crate::ffi::ptr::write_out(syserror, 0) };
    }
    let mut r = s.recv_with(RustHandlers {
        valid: Some(&mut valid),
        err: (!syserror.is_null()).then_some(&mut err as ErrClosure<'_>),
        ..RustHandlers::default()
    });
    if r > 0 {
        r = 0;
    }
    if r >= 0 {
        // SAFETY: result is NULL or writable (caller contract).
        unsafe { crate::ffi::ptr::write_out(result, answer) };
    } else {
        // libnl-compat: libnl keeps the reference of an object parsed before the failure
        // (a leak); it is dropped here.
        // SAFETY: answer is NULL or the live object the pickup took a reference on.
        if let Some(o) = unsafe { crate::ffi::objhdr::Obj::from_ptr(answer) } {
            crate::ffi::object::put(o);
        }
    }
    r
}

/// `nl_pickup`: receives one answer and parses it into an object with `parser`.
///
/// # Returns
/// 0 (with `*result` set, NULL if nothing was parsed) or a negative `NLE_*` code.
/// # Ownership
/// `*result` carries one object reference for the caller.
/// # Safety
/// `sk` NULL or live; `result` NULL or writable; `parser` follows libnl's parser contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_pickup(
    sk: *mut nl_sock,
    parser: Option<
        unsafe extern "C" fn(
            *mut nl_cache_ops,
            *mut libc::sockaddr_nl,
            *mut nlmsghdr,
            *mut nl_parser_param,
        ) -> c_int,
    >,
    result: *mut *mut nl_object,
) -> c_int {
    ffi_entry!("nl_pickup", {
        pickup(sk, parser, result, std::ptr::null_mut())
    })
}

/// `nl_pickup_keep_syserr`: `nl_pickup` that also stores the kernel's errno of an error reply
/// in `*syserror` (0 otherwise).
///
/// # Returns
/// As `nl_pickup`.
/// # Ownership
/// As `nl_pickup`.
/// # Safety
/// As `nl_pickup`; `syserror` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_pickup_keep_syserr(
    sk: *mut nl_sock,
    parser: Option<
        unsafe extern "C" fn(
            *mut nl_cache_ops,
            *mut libc::sockaddr_nl,
            *mut nlmsghdr,
            *mut nl_parser_param,
        ) -> c_int,
    >,
    result: *mut *mut nl_object,
    syserror: *mut c_int,
) -> c_int {
    ffi_entry!("nl_pickup_keep_syserr", {
        pickup(sk, parser, result, syserror)
    })
}

// ---- the in-place message view, user receive overrides and nl_pickup state ----

/// A datagram read by a `nl_cb_overwrite_recv` override: a malloc'd buffer freed on drop.
struct UserDatagram {
    buf: *mut c_uchar,
    len: usize,
    creds: *mut Ucred,
}

impl UserDatagram {
    /// Calls the override; `Err(n)` for `n <= 0` (returned as is by the loop).
    fn read(
        f: crate::ffi::types::RecvOw,
        sk: *mut nl_sock,
        src: &mut SockaddrNl,
    ) -> Result<UserDatagram, c_int> {
        let Some(f) = f else { return Err(0) };
        let mut buf: *mut c_uchar = std::ptr::null_mut();
        let mut creds: *mut libc::ucred = std::ptr::null_mut();
        let n = trampoline::call_recv_ow(Some(f), sk, src, &mut buf, &mut creds);
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
    fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: the override promised a malloc'd buffer of at least `len` bytes (libnl's
        // contract for nl_recv); it is owned by us until drop.
        unsafe { crate::ffi::ptr::bytes_mut(self.buf.cast(), self.len) }
    }

    /// The credentials the override returned, if any.
    fn creds(&self) -> Option<Ucred> {
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
fn view_msg(
    msg: &mut *mut nl_msg,
    bytes: &mut [u8],
    proto: c_int,
    src: SockaddrNl,
    creds: Option<Ucred>,
) -> *mut nl_msg {
    if msg.is_null() {
        match crate::engine::msg::Message::with_capacity(16) {
            Ok(m) => *msg = nl_msg::from_message(m),
            Err(_) => return std::ptr::null_mut(),
        }
    }
    // SAFETY: *msg is our live handle.
    let Some(h) = (unsafe { nl_msg::handle(*msg) }) else {
        return std::ptr::null_mut();
    };
    let Some(p) = std::ptr::NonNull::new(bytes.as_mut_ptr()) else {
        return std::ptr::null_mut();
    };
    // SAFETY: no other borrow of the value exists (callbacks are not running).
    let m = unsafe { h.value_mut() };
    // SAFETY: `bytes` stays valid (the receive buffer is not touched) until `end_view` is
    // called for this message, which detaches or drops the view first.
    *m = crate::engine::msg::Message::from_buf(unsafe { Buf::borrowed(p, bytes.len()) });
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
fn end_view(msg: &mut *mut nl_msg) {
    // SAFETY: *msg is NULL or our live handle.
    let Some(h) = (unsafe { nl_msg::handle(*msg) }) else {
        return;
    };
    if h.refcnt() > 1 {
        // SAFETY: no callback is running, so no other borrow of the value is live.
        let m = unsafe { h.value_mut() };
        let len = m.capacity();
        match m.buf().copy_prefix(len, (len + 3) & !3) {
            Ok(b) => *m = crate::engine::msg::Message::from_buf(b),
            Err(_) => {
                // Out of memory: leave an empty message rather than a dangling view.
                if let Ok(e) = crate::engine::msg::Message::with_capacity(16) {
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
fn drop_view(msg: &mut *mut nl_msg) {
    end_view(msg);
    // SAFETY: *msg is NULL or our handle holding one reference.
    unsafe { nl_msg::release(*msg) };
    *msg = std::ptr::null_mut();
}
