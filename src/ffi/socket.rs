//! `netlink/socket.h`: `struct nl_sock` and its accessors.
//!
//! The first 64 bytes are libnl 3.7's layout (Debian's libnl-nf-3 reads the auto-ack bit at
//! offset 40 directly); Rust-owned extras follow. Every field is a `Cell` so user callbacks may
//! use the socket while the receive loop runs.

use std::ffi::{c_int, c_void};

use crate::engine::recv::CbType;
use crate::engine::socket as es;
use crate::engine::socket::Socket;
use crate::error::Error;
use crate::ffi::handle::boxed;
use crate::ffi::handlers::{
    nl_cb, nl_cb_kind, nl_cb_type, nl_recvmsg_err_cb_t, nl_recvmsg_msg_cb_t,
};
pub use crate::ffi::types::nl_sock;
use crate::sys::socket::{self as sys, Os};
use crate::{ffi_entry, nl_dbg};

impl nl_sock {
    /// A new socket using `cb` (a new reference is taken).
    ///
    /// # Safety
    /// `cb` is NULL or a live set.
    pub unsafe fn alloc(cb: *mut nl_cb) -> *mut nl_sock {
        // SAFETY: caller contract.
        if let Some(c) = unsafe { crate::ffi::handlers::cb_ref(cb) } {
            c.acquire();
        }
        boxed::new(nl_sock {
            sock: Socket::new(cb, sys::initial_seq()),
        })
    }

    /// The callback set (always non-NULL for sockets we allocated).
    pub fn cb(&self) -> Option<&nl_cb> {
        // SAFETY: s_cb holds a reference to a live set.
        unsafe { crate::ffi::handlers::cb_ref(self.s_cb.get()) }
    }

    /// `nl_socket_disable_seq_check`: a sequence-check callback that accepts everything.
    pub fn disable_seq_check(&self) {
        if let Some(c) = self.cb() {
            c.set(
                CbType::SeqCheck as c_int,
                crate::ffi::handlers::NL_CB_CUSTOM,
                Some(noop_seq_check),
                std::ptr::null_mut(),
            );
        }
    }

    /// `nl_connect`.
    pub fn connect_to(&self, protocol: c_int) -> c_int {
        crate::ffi::nle0(self.sock.connect(&mut Os, protocol))
    }

    /// `nl_socket_add_membership` (`add`) / `nl_socket_drop_membership`.
    pub fn join(&self, group: c_int, add: bool) -> c_int {
        let what = if add {
            "nl_socket_add_memberships"
        } else {
            "nl_socket_drop_memberships"
        };
        membership(what, self, group, add)
    }

    /// `nl_socket_set_nonblocking`.
    pub fn nonblocking(&self) -> c_int {
        crate::ffi::nle0(self.sock.set_nonblocking(&mut Os))
    }

    /// `nl_socket_get_local_port`: generates the port on first use.
    pub fn local_port(&self) -> u32 {
        self.sock.local_port(&Os)
    }

    /// `nl_socket_set_buffer_size`.
    pub fn set_buffer_size(&self, rx: c_int, tx: c_int) -> c_int {
        crate::ffi::nle0(self.sock.set_buffer_size(&mut Os, rx, tx))
    }
}

/// `nl_socket_alloc`: a new socket with a new callback set of the kind `NLCB` selected.
pub fn alloc_socket() -> *mut nl_sock {
    let cb = nl_cb::alloc(crate::debug::default_cb_kind());
    if cb.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: cb is the live set just allocated.
    let sk = unsafe { nl_sock::alloc(cb) };
    // SAFETY: we hold the reference from alloc; the socket took its own.
    unsafe { nl_cb::release(cb) };
    sk
}

/// `nl_socket_free`: closes the descriptor, releases the port and the callback set, and frees
/// the socket.
///
/// # Safety
/// `sk` is NULL or a live socket not used afterwards.
pub unsafe fn free_socket(sk: *mut nl_sock) {
    // SAFETY: caller contract.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return;
    };
    s.sock.shut(&mut Os);
    // SAFETY: the socket holds one reference to its set.
    unsafe { nl_cb::release(s.s_cb.get()) };
    // SAFETY: sk came from boxed::new and is not used after this (caller contract).
    unsafe { boxed::free(sk) };
}

/// The socket behind a C pointer, `None` for NULL.
///
/// # Safety
/// `p` is NULL or a live socket.
pub unsafe fn sk_ref<'a>(p: *const nl_sock) -> Option<&'a nl_sock> {
    // SAFETY: caller contract; every field is a Cell.
    unsafe { p.as_ref() }
}

macro_rules! sock_or {
    ($name:literal, $p:expr) => {{
        // SAFETY: caller contract: NULL or a live socket.
        match unsafe { sk_ref($p) } {
            Some(s) => s,
            None => {
                crate::nl_dbg!(1, "{}: NULL socket\n", $name);
                return;
            }
        }
    }};
    ($name:literal, $p:expr, $ret:expr) => {{
        // SAFETY: caller contract: NULL or a live socket.
        match unsafe { sk_ref($p) } {
            Some(s) => s,
            None => {
                crate::nl_dbg!(1, "{}: NULL socket\n", $name);
                return $ret;
            }
        }
    }};
}
pub(crate) use sock_or;

/// `nl_socket_alloc`: a new unconnected socket whose callbacks are of the `NLCB` kind.
///
/// # Returns
/// The socket or NULL when out of memory.
/// # Ownership
/// The caller frees it with `nl_socket_free`.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_alloc() -> *mut nl_sock {
    ffi_entry!("nl_socket_alloc", { alloc_socket() })
}

/// `nl_socket_alloc_cb`: a new socket using `cb`.
///
/// # Returns
/// The socket, NULL if `cb` is NULL.
/// # Ownership
/// The socket takes its own reference to `cb`.
/// # Safety
/// `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_alloc_cb(cb: *mut nl_cb) -> *mut nl_sock {
    ffi_entry!("nl_socket_alloc_cb", {
        if cb.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: cb is a live set (caller contract).
        unsafe { nl_sock::alloc(cb) }
    })
}

/// `nl_socket_free`: closes and frees a socket; NULL is ignored.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes the socket.
/// # Safety
/// `sk` is NULL or a live socket not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_free(sk: *mut nl_sock) {
    ffi_entry!("nl_socket_free", {
        // SAFETY: caller contract.
        unsafe { free_socket(sk) }
    })
}

/// `nl_socket_disable_seq_check`: installs a sequence check that accepts everything.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_disable_seq_check(sk: *mut nl_sock) {
    ffi_entry!("nl_socket_disable_seq_check", {
        sock_or!("nl_socket_disable_seq_check", sk).disable_seq_check();
    })
}

unsafe extern "C" fn noop_seq_check(
    _msg: *mut crate::ffi::types::nl_msg,
    _arg: *mut c_void,
) -> c_int {
    crate::engine::recv::NL_OK
}

/// `nl_socket_use_seq`: returns the next sequence number and advances it.
///
/// # Returns
/// The sequence number (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_use_seq(sk: *mut nl_sock) -> std::ffi::c_uint {
    ffi_entry!("nl_socket_use_seq", {
        sock_or!("nl_socket_use_seq", sk, 0).use_seq()
    })
}

/// `nl_socket_disable_auto_ack`: requests are sent without `NLM_F_ACK`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_disable_auto_ack(sk: *mut nl_sock) {
    ffi_entry!("nl_socket_disable_auto_ack", {
        sock_or!("nl_socket_disable_auto_ack", sk).set_flag(es::NL_NO_AUTO_ACK, true);
    })
}

/// `nl_socket_enable_auto_ack`: requests ask for an ack (the default).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_enable_auto_ack(sk: *mut nl_sock) {
    ffi_entry!("nl_socket_enable_auto_ack", {
        sock_or!("nl_socket_enable_auto_ack", sk).set_flag(es::NL_NO_AUTO_ACK, false);
    })
}

/// `nl_socket_get_local_port`: the local port, generated on first use.
///
/// # Returns
/// The port (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_get_local_port(sk: *const nl_sock) -> u32 {
    ffi_entry!("nl_socket_get_local_port", {
        sock_or!("nl_socket_get_local_port", sk, 0).local_port()
    })
}

/// `nl_socket_set_local_port`: sets the local port (0: let the kernel choose on connect).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_local_port(sk: *mut nl_sock, port: u32) {
    ffi_entry!("nl_socket_set_local_port", {
        sock_or!("nl_socket_set_local_port", sk).set_local_port(port);
    })
}

fn membership(name: &str, sk: &nl_sock, group: c_int, add: bool) -> c_int {
    crate::ffi::nle0(sk.sock.membership(&mut Os, name, group, add))
}

/// One step of the variadic `nl_socket_add_memberships` (`add` != 0) and
/// `nl_socket_drop_memberships` (`add` = 0), whose C definitions (`src/ffi/variadic.c`) read the
/// 0-terminated group list and call this once per group, stopping at the first error: checks the
/// socket (`-NLE_BAD_SOCK` when NULL or unconnected, also for group 0), then joins or leaves
/// `group` (`-NLE_INVAL` when negative; groups before it stay joined, as in libnl).
///
/// Not exported: the C file declares it hidden (see [`super::variadic`]).
///
/// # Returns
/// 0, `-NLE_BAD_SOCK`, `-NLE_INVAL` or the mapped errno of a failed `setsockopt`.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlrs_va_membership(sk: *mut nl_sock, group: c_int, add: c_int) -> c_int {
    let name = if add != 0 {
        "nl_socket_add_memberships"
    } else {
        "nl_socket_drop_memberships"
    };
    ffi_entry!("nl_socket_add_memberships", {
        let s = sock_or!("nl_socket_add_memberships", sk, Error::BadSock.to_nle());
        membership(name, s, group, add != 0)
    })
}

/// `nl_socket_add_membership`: joins multicast group `group`.
///
/// # Returns
/// 0, `-NLE_BAD_SOCK` when unconnected, `-NLE_INVAL` for a negative group, or the mapped errno.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_add_membership(sk: *mut nl_sock, group: c_int) -> c_int {
    ffi_entry!("nl_socket_add_membership", {
        let s = sock_or!("nl_socket_add_membership", sk, Error::BadSock.to_nle());
        membership("nl_socket_add_memberships", s, group, true)
    })
}

/// `nl_socket_drop_membership`: leaves multicast group `group`.
///
/// # Returns
/// As `nl_socket_add_membership`.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_drop_membership(sk: *mut nl_sock, group: c_int) -> c_int {
    ffi_entry!("nl_socket_drop_membership", {
        let s = sock_or!("nl_socket_drop_membership", sk, Error::BadSock.to_nle());
        membership("nl_socket_drop_memberships", s, group, false)
    })
}

/// `nl_join_groups`: adds the legacy group bitmask `groups` to the local address (effective on
/// connect).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_join_groups(sk: *mut nl_sock, groups: c_int) {
    ffi_entry!("nl_join_groups", {
        sock_or!("nl_join_groups", sk).join_groups(groups as u32);
    })
}

/// `nl_socket_get_peer_port`.
///
/// # Returns
/// The peer port (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_get_peer_port(sk: *const nl_sock) -> u32 {
    ffi_entry!("nl_socket_get_peer_port", {
        sock_or!("nl_socket_get_peer_port", sk, 0)
            .s_peer
            .get()
            .nl_pid
    })
}

/// `nl_socket_set_peer_port`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_peer_port(sk: *mut nl_sock, port: u32) {
    ffi_entry!("nl_socket_set_peer_port", {
        sock_or!("nl_socket_set_peer_port", sk).set_peer_port(port);
    })
}

/// `nl_socket_get_peer_groups`.
///
/// # Returns
/// The peer group mask (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_get_peer_groups(sk: *const nl_sock) -> u32 {
    ffi_entry!("nl_socket_get_peer_groups", {
        sock_or!("nl_socket_get_peer_groups", sk, 0)
            .s_peer
            .get()
            .nl_groups
    })
}

/// `nl_socket_set_peer_groups`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_peer_groups(sk: *mut nl_sock, groups: u32) {
    ffi_entry!("nl_socket_set_peer_groups", {
        sock_or!("nl_socket_set_peer_groups", sk).set_peer_groups(groups);
    })
}

/// `nl_socket_get_cb`: the socket's callback set.
///
/// # Returns
/// The set with a new reference (NULL for NULL).
/// # Ownership
/// The caller owns the new reference (`nl_cb_put`).
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_get_cb(sk: *const nl_sock) -> *mut nl_cb {
    ffi_entry!("nl_socket_get_cb", {
        let s = sock_or!("nl_socket_get_cb", sk, std::ptr::null_mut());
        if let Some(c) = s.cb() {
            c.acquire();
        }
        s.s_cb.get()
    })
}

/// `nl_socket_set_cb`: replaces the socket's callback set.
///
/// libnl-compat: libnl aborts on a NULL `cb`; we keep the old set.
///
/// # Returns
/// Nothing.
/// # Ownership
/// The socket takes its own reference to `cb` and drops the old set's.
/// # Safety
/// `sk` is NULL or a live socket; `cb` is NULL or a live set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_cb(sk: *mut nl_sock, cb: *mut nl_cb) {
    ffi_entry!("nl_socket_set_cb", {
        let s = sock_or!("nl_socket_set_cb", sk);
        // SAFETY: caller contract.
        let Some(c) = (unsafe { crate::ffi::handlers::cb_ref(cb) }) else {
            nl_dbg!(1, "nl_socket_set_cb: NULL callback set\n");
            return;
        };
        c.acquire();
        let old = s.s_cb.replace(cb);
        // SAFETY: the socket held one reference to the old set.
        unsafe { nl_cb::release(old) };
    })
}

/// `nl_socket_modify_cb`: `nl_cb_set` on the socket's set.
///
/// # Returns
/// As `nl_cb_set`.
/// # Ownership
/// `arg` is stored, not owned.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_modify_cb(
    sk: *mut nl_sock,
    type_: nl_cb_type,
    kind: nl_cb_kind,
    func: nl_recvmsg_msg_cb_t,
    arg: *mut c_void,
) -> c_int {
    ffi_entry!("nl_socket_modify_cb", {
        let s = sock_or!("nl_socket_modify_cb", sk, Error::Inval.to_nle());
        let (t, k) = (
            c_int::try_from(type_).unwrap_or(c_int::MAX),
            c_int::try_from(kind).unwrap_or(c_int::MAX),
        );
        s.cb()
            .map_or(Error::Inval.to_nle(), |c| c.set(t, k, func, arg))
    })
}

/// `nl_socket_modify_err_cb`: `nl_cb_err` on the socket's set.
///
/// # Returns
/// As `nl_cb_err`.
/// # Ownership
/// `arg` is stored, not owned.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_modify_err_cb(
    sk: *mut nl_sock,
    kind: nl_cb_kind,
    func: nl_recvmsg_err_cb_t,
    arg: *mut c_void,
) -> c_int {
    ffi_entry!("nl_socket_modify_err_cb", {
        let s = sock_or!("nl_socket_modify_err_cb", sk, Error::Inval.to_nle());
        let k = c_int::try_from(kind).unwrap_or(c_int::MAX);
        s.cb()
            .map_or(Error::Inval.to_nle(), |c| c.set_err(k, func, arg))
    })
}

/// `nl_socket_set_buffer_size`: sets `SO_RCVBUF`/`SO_SNDBUF` (values <= 0 mean 32768).
///
/// # Returns
/// 0, `-NLE_BAD_SOCK` when unconnected, or the mapped errno.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_buffer_size(
    sk: *mut nl_sock,
    rxbuf: c_int,
    txbuf: c_int,
) -> c_int {
    ffi_entry!("nl_socket_set_buffer_size", {
        sock_or!("nl_socket_set_buffer_size", sk, Error::BadSock.to_nle())
            .set_buffer_size(rxbuf, txbuf)
    })
}

/// `nl_socket_set_msg_buf_size`: the receive buffer size (0: four pages, peeking).
///
/// # Returns
/// 0.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_msg_buf_size(sk: *mut nl_sock, bufsize: usize) -> c_int {
    ffi_entry!("nl_socket_set_msg_buf_size", {
        sock_or!("nl_socket_set_msg_buf_size", sk, Error::Inval.to_nle())
            .s_bufsize
            .set(bufsize);
        0
    })
}

/// `nl_socket_get_msg_buf_size`.
///
/// # Returns
/// The size set (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_get_msg_buf_size(sk: *mut nl_sock) -> usize {
    ffi_entry!("nl_socket_get_msg_buf_size", {
        sock_or!("nl_socket_get_msg_buf_size", sk, 0)
            .s_bufsize
            .get()
    })
}

/// `nl_socket_set_passcred`: receive sender credentials (`SO_PASSCRED`).
///
/// # Returns
/// 0, `-NLE_BAD_SOCK` when unconnected, or the mapped errno.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_passcred(sk: *mut nl_sock, state: c_int) -> c_int {
    ffi_entry!("nl_socket_set_passcred", {
        let s = sock_or!("nl_socket_set_passcred", sk, Error::BadSock.to_nle());
        crate::ffi::nle0(s.set_passcred(&mut Os, state))
    })
}

/// `nl_socket_recv_pktinfo`: receive packet info (`NETLINK_PKTINFO`).
///
/// # Returns
/// 0, `-NLE_BAD_SOCK` when unconnected, or the mapped errno.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_recv_pktinfo(sk: *mut nl_sock, state: c_int) -> c_int {
    ffi_entry!("nl_socket_recv_pktinfo", {
        let s = sock_or!("nl_socket_recv_pktinfo", sk, Error::BadSock.to_nle());
        crate::ffi::nle0(s.set_int_opt(
            &mut Os,
            "nl_socket_recv_pktinfo",
            es::SOL_NETLINK,
            es::NETLINK_PKTINFO,
            state,
        ))
    })
}

/// `nl_socket_get_fd`.
///
/// # Returns
/// The file descriptor, -1 when unconnected (or NULL).
/// # Ownership
/// The fd stays the socket's.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_get_fd(sk: *const nl_sock) -> c_int {
    ffi_entry!("nl_socket_get_fd", {
        sock_or!("nl_socket_get_fd", sk, -1).s_fd.get()
    })
}

/// `nl_socket_set_fd`: adopts an already open and bound netlink socket `fd`.
///
/// # Returns
/// 0; `-NLE_BAD_SOCK` if the socket already has an fd; `-NLE_INVAL` for a negative fd, a
/// non-netlink or non-raw socket, or a protocol mismatch; the mapped errno otherwise.
/// # Ownership
/// The socket owns `fd` afterwards (closed by `nl_close`/`nl_socket_free`).
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_fd(sk: *mut nl_sock, protocol: c_int, fd: c_int) -> c_int {
    ffi_entry!("nl_socket_set_fd", {
        let s = sock_or!("nl_socket_set_fd", sk, Error::BadSock.to_nle());
        crate::ffi::nle0(s.adopt_fd(&mut Os, protocol, fd))
    })
}

/// `nl_socket_set_nonblocking`: puts the fd in non-blocking mode.
///
/// # Returns
/// 0, `-NLE_BAD_SOCK` when unconnected, or the mapped errno.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_set_nonblocking(sk: *const nl_sock) -> c_int {
    ffi_entry!("nl_socket_set_nonblocking", {
        let s = sock_or!("nl_socket_set_nonblocking", sk, Error::BadSock.to_nle());
        crate::ffi::nle0(s.sock.set_nonblocking(&mut Os))
    })
}

/// `nl_socket_enable_msg_peek`: always peek to size the receive buffer.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_enable_msg_peek(sk: *mut nl_sock) {
    ffi_entry!("nl_socket_enable_msg_peek", {
        sock_or!("nl_socket_enable_msg_peek", sk).set_peek(true);
    })
}

/// `nl_socket_disable_msg_peek`: never peek (datagrams larger than the buffer fail).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_disable_msg_peek(sk: *mut nl_sock) {
    ffi_entry!("nl_socket_disable_msg_peek", {
        sock_or!("nl_socket_disable_msg_peek", sk).set_peek(false);
    })
}

// libnl's layouts on LP64 (x86-64, where tests/abi.rs compares them with the real headers); on
// other targets they follow from repr(C) with the C field types.
#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::*;

    /// libnl 3.7's private layout of the first 64 bytes (x86-64 offsets as the DWARF of
    /// Debian's libnl gives them).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn layout_matches_libnl() {
        type S = Socket<*mut nl_cb>;
        assert_eq!(std::mem::offset_of!(S, s_peer), 12);
        assert_eq!(std::mem::offset_of!(S, s_fd), 24);
        assert_eq!(std::mem::offset_of!(S, s_proto), 28);
        assert_eq!(std::mem::offset_of!(S, s_seq_next), 32);
        assert_eq!(std::mem::offset_of!(S, s_seq_expect), 36);
        assert_eq!(std::mem::offset_of!(S, s_flags), 40);
        assert_eq!(std::mem::offset_of!(S, s_cb), 48);
        assert_eq!(std::mem::offset_of!(S, s_bufsize), 56);
        assert_eq!(std::mem::offset_of!(S, rbuf), 64);
        assert_eq!(std::mem::size_of::<nl_sock>(), std::mem::size_of::<S>());
    }
}
