//! libnl's socket (`struct nl_sock`) and what it does: connecting (local port choice and
//! binding), socket options, completing request headers with port and sequence number,
//! bookkeeping of sent and unsent requests, and reading datagrams the way libnl sizes them.
//!
//! [`Socket`] is the state, in libnl 3.7's layout for its first 64 bytes (other libnl libraries
//! read them); the callback-set handle in `s_cb` is a type parameter, so the engine never names
//! a C pointer. System calls go through the [`Sys`] trait, which `crate::sys` implements for
//! real sockets and the unit tests implement with a scripted fake.
//!
//! libnl builds a socket's local port from the process id (low 22 bits) and a 10-bit slot taken
//! from a process-wide bitmap, so one process can own up to 1024 sockets with distinct ports.
//! Slots are released when the socket is freed or given an explicit port.
//!
//! # Whom datagrams may come from
//!
//! libnl delivers a datagram from any sender. libnlrs reads every datagram through
//! [`Socket::read_datagram_as`] (so `nl_recvmsgs`, `nl_recv`, the lean generic netlink
//! resolver and the cache manager's event socket alike) and drops, before anything else sees
//! it, a datagram whose sender port is not 0 (not the kernel) when
//! * the socket's protocol is one on which only the kernel speaks ([`kernel_only`]: a user
//!   process can send there only with `CAP_NET_ADMIN`, and nothing legitimate does), or
//! * the socket has a peer port (`nl_socket_set_peer_port`), the datagram is unicast
//!   (`nl_groups` of the sender address is 0) and comes from another port. Multicast is still
//!   delivered: the kernel hands it only to sockets that joined the group.
//!
//! A dropped datagram is counted ([`Socket::dropped`]), reported at `NLDBG` >= 1, and the read
//! goes on with the next datagram (on a non-blocking socket that may be `EAGAIN`). Datagrams from
//! the kernel (port 0) pass with one comparison, the whole cost on the receive path.
#![forbid(unsafe_code)]

use std::cell::Cell;

use crate::engine::buf::Buf;
use crate::engine::msg::{SockaddrNl, Ucred};
use crate::engine::wire::NlmsgHdr;
use crate::error::{Error, Result};
use crate::sys::lock::{Mutex, MutexGuard};

/// `NL_SOCK_BUFSIZE_SET`: socket buffer sizes were set explicitly.
pub const NL_SOCK_BUFSIZE_SET: i32 = 1 << 0;
/// `NL_SOCK_PASSCRED`: credentials are received.
pub const NL_SOCK_PASSCRED: i32 = 1 << 1;
/// `NL_OWN_PORT`: the local port was not taken from the allocator (nothing to release).
pub const NL_OWN_PORT: i32 = 1 << 2;
/// `NL_MSG_PEEK`: peek at each datagram to size the receive buffer.
pub const NL_MSG_PEEK: i32 = 1 << 3;
/// `NL_MSG_PEEK_EXPLICIT`: peeking was switched on or off explicitly.
pub const NL_MSG_PEEK_EXPLICIT: i32 = 1 << 4;
/// `NL_NO_AUTO_ACK`: requests are sent without `NLM_F_ACK` (bit read by libnl-nf directly).
pub const NL_NO_AUTO_ACK: i32 = 1 << 5;

/// Default socket buffer size libnl applies on connect (`SO_SNDBUF`/`SO_RCVBUF`).
pub const DEFAULT_BUFSIZE: i32 = 32768;

const SLOTS: usize = 1024;

/// The process-wide slot bitmap (32 words of 32 bits, as libnl's) and the walk state.
struct PortMap {
    used: [u32; SLOTS / 32],
    walk: u16,
}

static PORTS: Mutex<PortMap> = Mutex::new(PortMap {
    used: [0; SLOTS / 32],
    walk: 0,
});

fn lock() -> MutexGuard<'static, PortMap> {
    PORTS.lock()
}

/// Picks a free slot and returns the port `(pid & 0x3FFFFF) + (slot << 22)` (never 0), or 0
/// when all 1024 slots are taken. `seed` starts the walk (libnl seeds with the time).
pub fn generate_port(pid: u32, seed: u32) -> u32 {
    let mut map = lock();
    if map.walk == 0 {
        map.walk = (seed ^ (seed >> 16) ^ 0x3047) as u16;
        if map.walk == 0 {
            map.walk = 1;
        }
    } else {
        map.walk = map.walk.wrapping_add(20011);
    }
    let start = usize::from(map.walk) % SLOTS;
    // Slots 0..32 (block 0) are tried last, as libnl leaves them for libnl-1 users.
    for pass in 0..2 {
        for k in 0..SLOTS {
            let slot = if pass == 0 {
                (start + k * 13) % SLOTS
            } else {
                k
            };
            if pass == 0 && slot < 32 {
                continue;
            }
            if pass == 1 && slot >= 32 {
                break;
            }
            let (w, b) = (slot / 32, slot % 32);
            let Some(word) = map.used.get_mut(w) else {
                continue;
            };
            if *word & (1 << b) != 0 {
                continue;
            }
            *word |= 1 << b;
            let port = (pid & 0x3F_FFFF).wrapping_add((slot as u32) << 22);
            return if port == 0 { 1024 } else { port };
        }
    }
    0
}

/// Returns the slot of `port` to the allocator (no-op for port 0).
pub fn release_port(port: u32) {
    if port == 0 {
        return;
    }
    let slot = (port >> 22) as usize;
    let mut map = lock();
    if let Some(word) = map.used.get_mut(slot / 32) {
        *word &= !(1u32 << (slot % 32));
    }
}

/// Marks the slot of `port` used (for ports skipped during connect) — `true` if it was free.
pub fn reserve_port(port: u32) -> bool {
    let slot = (port >> 22) as usize;
    let mut map = lock();
    match map.used.get_mut(slot / 32) {
        Some(word) if *word & (1 << (slot % 32)) == 0 => {
            *word |= 1 << (slot % 32);
            true
        }
        _ => false,
    }
}

/// Releases every slot whose bit is set in `used` (32 words of 32 slot bits, libnl's
/// `used_ports` layout); slots not in use are left alone.
pub fn release_slots(used: &[u32; SLOTS / 32]) {
    let mut map = lock();
    for (w, bits) in map.used.iter_mut().zip(used.iter()) {
        *w &= !*bits;
    }
}

/// Marks the slot of `port` in a caller-side `used` bitmap.
pub fn slot_set(used: &mut [u32; SLOTS / 32], port: u32) {
    let slot = (port >> 22) as usize;
    if let Some(w) = used.get_mut(slot / 32) {
        *w |= 1 << (slot % 32);
    }
}

/// How many unsent sequence numbers a socket remembers (older ones are forgotten first).
const SEQ_HOLES: usize = 16;

/// Sequence numbers a socket handed out (`s_seq_next`) whose request was then not sent.
///
/// libnl numbers a request before sending it and keeps the number when the send fails; it
/// counts acknowledgements to know which number the next reply carries (`s_seq_expect`), so a
/// number that was never sent leaves that count behind for good. libnlrs consumes the number
/// just the same but remembers it here, and moves the expected number over it as soon as it is
/// the one expected. A later successful send of the same message (a retry, which keeps its
/// number) moves the expectation back. All arithmetic wraps, like the 32-bit counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeqHoles {
    /// Remembered numbers, oldest first.
    nums: [u32; SEQ_HOLES],
    /// How many of `nums` are in use.
    len: usize,
}

/// Whether `seq` lies in `[from, to)` on the wrapping 32-bit circle.
fn in_window(seq: u32, from: u32, to: u32) -> bool {
    seq.wrapping_sub(from) < to.wrapping_sub(from)
}

impl SeqHoles {
    /// Whether no number is remembered.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn used(&self) -> &[u32] {
        self.nums.get(..self.len).unwrap_or_default()
    }

    fn contains(&self, seq: u32) -> bool {
        self.used().contains(&seq)
    }

    fn remove(&mut self, seq: u32) {
        if let Some(i) = self.used().iter().position(|n| *n == seq) {
            if let Some(tail) = self.nums.get_mut(i..self.len) {
                tail.rotate_left(1);
            }
            self.len -= 1;
        }
    }

    fn push(&mut self, seq: u32) {
        if self.len == SEQ_HOLES {
            self.nums.rotate_left(1);
            self.len -= 1;
        }
        if let Some(slot) = self.nums.get_mut(self.len) {
            *slot = seq;
            self.len += 1;
        }
    }

    /// The expected number after skipping remembered numbers: from `expect` onwards, up to but
    /// not past `next` (numbers not handed out yet).
    pub fn skip(&self, expect: u32, next: u32) -> u32 {
        let mut e = expect;
        while e != next && self.contains(e) {
            e = e.wrapping_add(1);
        }
        e
    }

    /// A request numbered `seq` was not sent. Only numbers the socket handed out and still
    /// waits for (`[expect, next)`) are remembered. Returns the new expected number.
    pub fn unsent(&mut self, expect: u32, next: u32, seq: u32) -> u32 {
        if in_window(seq, expect, next) && !self.contains(seq) {
            self.push(seq);
        }
        self.skip(expect, next)
    }

    /// A request numbered `seq` was sent. If it is a remembered number that the expectation
    /// already moved past, and everything between it and the expected number was skipped as
    /// unsent too, the reply to `seq` is the next one after all. Returns the new expected
    /// number.
    pub fn sent(&mut self, expect: u32, seq: u32) -> u32 {
        if !self.contains(seq) {
            return expect;
        }
        self.remove(seq);
        // At most SEQ_HOLES numbers can have been skipped.
        let behind = expect.wrapping_sub(seq);
        let rewind = (1..=SEQ_HOLES as u32).contains(&behind)
            && (1..behind).all(|d| self.contains(seq.wrapping_add(d)));
        if rewind { seq } else { expect }
    }
}

/// `AF_NETLINK`.
const AF_NETLINK: u16 = libc::AF_NETLINK as u16;
/// `SOL_SOCKET`.
pub const SOL_SOCKET: i32 = libc::SOL_SOCKET;
/// `SO_SNDBUF`.
pub const SO_SNDBUF: i32 = libc::SO_SNDBUF;
/// `SO_RCVBUF`.
pub const SO_RCVBUF: i32 = libc::SO_RCVBUF;
/// `SOL_NETLINK`.
pub const SOL_NETLINK: i32 = libc::SOL_NETLINK;
/// `SO_TYPE`.
const SO_TYPE: i32 = libc::SO_TYPE;
/// `SO_PASSCRED`.
pub const SO_PASSCRED: i32 = libc::SO_PASSCRED;
/// `SO_PROTOCOL`.
const SO_PROTOCOL: i32 = libc::SO_PROTOCOL;
/// `SOCK_RAW`.
const SOCK_RAW: i32 = libc::SOCK_RAW;
/// `ENOPROTOOPT`.
const ENOPROTOOPT: i32 = libc::ENOPROTOOPT;
/// `NETLINK_PKTINFO`.
pub const NETLINK_PKTINFO: i32 = libc::NETLINK_PKTINFO;
/// `NETLINK_ADD_MEMBERSHIP`.
pub const NETLINK_ADD_MEMBERSHIP: i32 = libc::NETLINK_ADD_MEMBERSHIP;
/// `NETLINK_DROP_MEMBERSHIP`.
pub const NETLINK_DROP_MEMBERSHIP: i32 = libc::NETLINK_DROP_MEMBERSHIP;
/// `MSG_PEEK`.
const MSG_PEEK: i32 = libc::MSG_PEEK;
/// `MSG_TRUNC`.
const MSG_TRUNC: i32 = libc::MSG_TRUNC;
/// `EADDRINUSE`.
const EADDRINUSE: i32 = libc::EADDRINUSE;
/// `NLM_F_REQUEST`.
const NLM_F_REQUEST: u16 = 1;
/// `NLM_F_ACK`.
const NLM_F_ACK: u16 = 4;

/// Result of one [`Sys::recvmsg`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Received {
    /// Bytes the datagram really had (with `MSG_TRUNC`) or bytes read.
    pub len: usize,
    /// `msg_flags` after the call.
    pub flags: i32,
    /// Sender address.
    pub src: SockaddrNl,
    /// Length of the sender address the kernel reported.
    pub namelen: usize,
    /// Credentials, when requested and present.
    pub creds: Option<Ucred>,
}

/// The system calls of a netlink socket, each failing with the `errno` value.
pub trait Sys {
    /// `socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)`.
    fn socket(&mut self, protocol: i32) -> std::result::Result<i32, i32>;
    /// `close(fd)` (errors ignored, as libnl does).
    fn close(&mut self, fd: i32);
    /// `bind(fd, addr)`.
    fn bind(&mut self, fd: i32, addr: &SockaddrNl) -> std::result::Result<(), i32>;
    /// `getsockname(fd)`: the address and the length the kernel reported.
    fn getsockname(&mut self, fd: i32) -> std::result::Result<(SockaddrNl, usize), i32>;
    /// `setsockopt(fd, level, name, &int)`.
    fn setsockopt_int(
        &mut self,
        fd: i32,
        level: i32,
        name: i32,
        value: i32,
    ) -> std::result::Result<(), i32>;
    /// `recvmsg(fd, buf, flags)` (retried on `EINTR`), with a control buffer for one `ucred`
    /// when `want_creds`.
    fn recvmsg(
        &mut self,
        fd: i32,
        buf: &mut [u8],
        flags: i32,
        want_creds: bool,
    ) -> std::result::Result<Received, i32>;
    /// `sendmsg(fd)` of `bytes` to `dst`, with `creds` as an `SCM_CREDENTIALS` message.
    fn sendmsg(
        &mut self,
        fd: i32,
        bytes: &[u8],
        dst: &SockaddrNl,
        creds: Option<&Ucred>,
    ) -> std::result::Result<usize, i32>;
    /// `sendto(fd, bytes, 0, peer)`.
    fn sendto(
        &mut self,
        fd: i32,
        bytes: &[u8],
        peer: &SockaddrNl,
    ) -> std::result::Result<usize, i32>;
    /// `fcntl(fd, F_SETFL, O_NONBLOCK)`.
    fn set_nonblocking(&mut self, fd: i32) -> std::result::Result<(), i32>;
    /// `getsockopt(fd, level, name, &int)`: the value and the length the kernel returned.
    fn getsockopt_int(
        &mut self,
        fd: i32,
        level: i32,
        name: i32,
    ) -> std::result::Result<(i32, usize), i32>;
    /// The process id.
    fn getpid(&self) -> u32;
    /// `time(NULL)` (seeds the local port allocator, as in libnl).
    fn time_now(&self) -> u32;
    /// `strerror(e)` for debug lines.
    fn strerror(&self, e: i32) -> String {
        format!("errno {e}")
    }
}

/// Whether only the kernel speaks on netlink protocol `protocol`, so a datagram from any other
/// sender (a non-zero port) is a forgery. On all of these the kernel lets a process send to
/// another process's port, or to a multicast group, only with `CAP_NET_ADMIN` (none of them
/// has the kernel's "non-root send" flag), and no user-space protocol runs over them:
///
/// | protocol | why only the kernel |
/// |---|---|
/// | `NETLINK_ROUTE` (0) | rtnetlink: replies, acks and notifications all come from the kernel |
/// | `NETLINK_SOCK_DIAG` (4, alias `NETLINK_INET_DIAG`) | socket diagnostics answered by the kernel |
/// | `NETLINK_XFRM` (6) | IPsec SAs and policies: IKE daemons talk to the kernel, not to each other |
/// | `NETLINK_SELINUX` (7) | kernel-only notifications (policy load, enforcing mode) |
/// | `NETLINK_ISCSI` (8) | the kernel's iSCSI transport class and its daemon (iscsid) |
/// | `NETLINK_AUDIT` (9) | audit records, including user ones, reach readers through the kernel |
/// | `NETLINK_FIB_LOOKUP` (10) | FIB lookups answered by the kernel |
/// | `NETLINK_CONNECTOR` (11) | kernel drivers' channel (proc connector, w1, uvesafb, dm-log-userspace): user space talks to kernel drivers, the drivers answer |
/// | `NETLINK_NETFILTER` (12) | nfnetlink (conntrack, queue, log, nftables) is served by the kernel |
/// | `NETLINK_GENERIC` (16) | every family is a kernel family; the controller is the kernel |
/// | `NETLINK_SCSITRANSPORT` (18) | SCSI transport (FC) events from the kernel |
/// | `NETLINK_RDMA` (20) | RDMA netlink; even the port-mapper and local-service daemons answer the kernel |
/// | `NETLINK_CRYPTO` (21) | crypto algorithm configuration, answered by the kernel |
/// | `NETLINK_SMC` (22) | SMC socket diagnostics answered by the kernel |
///
/// Not in the list: `NETLINK_USERSOCK` (2), for user space by definition;
/// `NETLINK_KOBJECT_UEVENT` (15), on which udev relays processed uevents from user space
/// (group 2); and numbers the kernel does not use any more or never assigned (1, 3, 5, 13, 14,
/// 17, 19, and 23 up), which an out-of-tree module may run a protocol of its own on.
pub fn kernel_only(protocol: i32) -> bool {
    matches!(
        protocol,
        libc::NETLINK_ROUTE
            | libc::NETLINK_SOCK_DIAG
            | libc::NETLINK_XFRM
            | libc::NETLINK_SELINUX
            | libc::NETLINK_ISCSI
            | libc::NETLINK_AUDIT
            | libc::NETLINK_FIB_LOOKUP
            | libc::NETLINK_CONNECTOR
            | libc::NETLINK_NETFILTER
            | libc::NETLINK_GENERIC
            | libc::NETLINK_SCSITRANSPORT
            | libc::NETLINK_RDMA
            | libc::NETLINK_CRYPTO
            | NETLINK_SMC
    )
}

/// `NETLINK_SMC` (not in the `libc` crate).
const NETLINK_SMC: i32 = 22;

/// The receive buffer size when none was set: 32 KiB or four pages (libnl: four pages). The
/// kernel sizes dump datagrams to the largest buffer a reader has offered, so a larger buffer
/// means fewer datagrams (and system calls) per dump; what callbacks see is unchanged.
pub fn default_recv_size(page_size: usize) -> usize {
    page_size.saturating_mul(4).max(32 * 1024)
}

/// `struct nl_sock`: libnl 3.7's first 64 bytes (every field a `Cell`, so user callbacks may use
/// the socket while a receive loop runs), then the engine's own state. `C` is the callback set
/// handle kept in `s_cb`.
#[repr(C)]
pub struct Socket<C: Copy> {
    /// Local address (port, groups).
    pub s_local: Cell<SockaddrNl>,
    /// Peer address.
    pub s_peer: Cell<SockaddrNl>,
    /// File descriptor, -1 when not connected.
    pub s_fd: Cell<i32>,
    /// Protocol connected to.
    pub s_proto: Cell<i32>,
    /// Next sequence number to use.
    pub s_seq_next: Cell<u32>,
    /// Sequence number expected in replies.
    pub s_seq_expect: Cell<u32>,
    /// libnl's `NL_*` socket flags.
    pub s_flags: Cell<i32>,
    /// Callback set.
    pub s_cb: Cell<C>,
    /// Receive buffer size (`nl_socket_set_msg_buf_size`), 0 = default.
    pub s_bufsize: Cell<usize>,
    /// Reusable receive buffer ([`Buf::empty`] while a receive loop has it out, and before the
    /// first receive); see [`Socket::take_rbuf`] and [`Socket::park_rbuf`].
    pub rbuf: Cell<Buf>,
    /// Numbers handed out for requests that were then not sent (see [`Socket::seq_unsent`]).
    pub seq_holes: Cell<SeqHoles>,
    /// Datagrams dropped because of their sender (see the module docs); read with
    /// [`Socket::dropped`].
    pub dropped: Cell<u64>,
}

/// What [`Socket::complete`] did to a request header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completed {
    /// The sequence number taken from the socket, when the header had none.
    pub auto_seq: Option<u32>,
}

impl<C: Copy> Socket<C> {
    /// A new unconnected socket (libnl's `nl_socket_alloc`): sequence numbers start at `seq`
    /// (libnl uses the time, libnlrs a random number), no local port yet, auto-ack on.
    pub fn new(cb: C, seq: u32) -> Socket<C> {
        let local = SockaddrNl {
            nl_family: AF_NETLINK,
            ..SockaddrNl::default()
        };
        Socket {
            s_local: Cell::new(local),
            s_peer: Cell::new(local),
            s_fd: Cell::new(-1),
            s_proto: Cell::new(0),
            s_seq_next: Cell::new(seq),
            s_seq_expect: Cell::new(seq),
            s_flags: Cell::new(NL_OWN_PORT),
            s_cb: Cell::new(cb),
            s_bufsize: Cell::new(0),
            rbuf: Cell::new(Buf::empty()),
            seq_holes: Cell::new(SeqHoles::default()),
            dropped: Cell::new(0),
        }
    }

    /// How many datagrams the socket dropped because of their sender (a forged sender on a
    /// [`kernel_only`] protocol, or unicast from a port other than the peer's).
    pub fn dropped(&self) -> u64 {
        self.dropped.get()
    }

    /// Whether a datagram from `src`, a sender other than the kernel (port not 0), may be
    /// delivered: never on a [`kernel_only`] protocol; with a peer port set, only from that
    /// port or to a multicast group.
    pub fn accepts_user(&self, src: &SockaddrNl) -> bool {
        if kernel_only(self.s_proto.get()) {
            return false;
        }
        let peer = self.s_peer.get().nl_pid;
        peer == 0 || src.nl_pid == peer || src.nl_groups != 0
    }

    /// The receive path's check of a datagram from a sender other than the kernel, just read
    /// (`queued`: only peeked, still in the socket's queue): `Ok(false)` when the socket
    /// accepts it; otherwise it is taken off the queue if still there, counted and reported,
    /// and `Ok(true)`. Out of line: the kernel's datagrams never get here.
    #[cold]
    #[inline(never)]
    fn refuse(
        &self,
        sys: &mut impl Sys,
        queued: bool,
        src: SockaddrNl,
        len: usize,
    ) -> Result<bool> {
        if self.accepts_user(&src) {
            return Ok(false);
        }
        if queued {
            // Read it into nothing: the rest of a datagram is discarded.
            sys.recvmsg(self.s_fd.get(), &mut [], 0, false)
                .map_err(Error::Sys)?;
        }
        self.dropped.set(self.dropped.get().wrapping_add(1));
        let proto = self.s_proto.get();
        crate::nl_dbg!(
            1,
            "socket {:p} (port {}, protocol {}): dropped a {}-byte datagram from port {} \
             (groups {:#x}): {}\n",
            self,
            self.s_local.get().nl_pid,
            proto,
            len,
            src.nl_pid,
            src.nl_groups,
            if kernel_only(proto) {
                "only the kernel sends on this protocol"
            } else {
                "unicast from a port other than the peer's"
            }
        );
        Ok(true)
    }

    /// Takes the parked receive buffer out of the socket, or allocates one of `size` bytes if
    /// none is parked.
    pub fn take_rbuf(&self, size: usize) -> Result<Buf> {
        let b = self.rbuf.replace(Buf::empty());
        if b.cap() > 0 {
            Ok(b)
        } else {
            Buf::with_capacity(size)
        }
    }

    /// Parks `b` in the socket for the next receive. A nested receive loop (run from a callback)
    /// may have parked its own buffer meanwhile: the larger of the two is kept.
    pub fn park_rbuf(&self, b: Buf) {
        let parked = self.rbuf.replace(Buf::empty());
        self.rbuf
            .set(if parked.cap() > b.cap() { parked } else { b });
    }

    /// Stores the sequence number the receive loop expects next, moving it over numbers whose
    /// request was never sent (their reply will not come).
    pub fn set_seq_expect(&self, seq: u32) {
        let holes = self.seq_holes.get();
        self.s_seq_expect
            .set(holes.skip(seq, self.s_seq_next.get()));
    }

    /// The request numbered `seq` was not sent (the send failed). libnl-compat: like libnl the
    /// number stays used (`s_seq_next` is not wound back and the message keeps it), but unlike
    /// libnl, whose expected number then stays behind for good so every later request on the
    /// socket fails with `-NLE_SEQ_MISMATCH`, the expected number moves over it, so
    /// `s_seq_expect` keeps naming the reply that will really come next.
    pub fn seq_unsent(&self, seq: u32) {
        let mut holes = self.seq_holes.get();
        let e = holes.unsent(self.s_seq_expect.get(), self.s_seq_next.get(), seq);
        self.seq_holes.set(holes);
        self.s_seq_expect.set(e);
    }

    /// The request numbered `seq` was sent: if it is a retry of one that failed before, its
    /// reply is expected again.
    pub fn seq_sent(&self, seq: u32) {
        let mut holes = self.seq_holes.get();
        if holes.is_empty() {
            return;
        }
        let e = holes.sent(self.s_seq_expect.get(), seq);
        self.seq_holes.set(holes);
        self.s_seq_expect.set(e);
    }

    /// Whether flag `flag` is set.
    pub fn has(&self, flag: i32) -> bool {
        self.s_flags.get() & flag != 0
    }

    /// Sets or clears flag `flag`.
    pub fn set_flag(&self, flag: i32, on: bool) {
        let f = self.s_flags.get();
        self.s_flags.set(if on { f | flag } else { f & !flag });
    }

    fn set_pid(&self, pid: u32) {
        let mut l = self.s_local.get();
        l.nl_pid = pid;
        self.s_local.set(l);
    }

    /// Sets the local port without releasing the one held: `NL_OWN_PORT` is set for port 0 (the
    /// kernel picks one) and cleared otherwise (the port came from the allocator).
    pub fn set_pid_no_release(&self, port: u32) {
        self.set_pid(port);
        self.set_flag(NL_OWN_PORT, port == 0);
    }

    /// `nl_socket_get_local_port`: generates the port on first use.
    pub fn local_port(&self, sys: &impl Sys) -> u32 {
        if self.s_local.get().nl_pid == 0 {
            let port = generate_port(sys.getpid(), sys.time_now());
            if port == 0 {
                self.set_pid(u32::MAX);
                self.set_flag(NL_OWN_PORT, true);
            } else {
                self.set_pid(port);
                self.set_flag(NL_OWN_PORT, false);
            }
        }
        self.s_local.get().nl_pid
    }

    /// `nl_socket_set_local_port`: the allocator's slot of the old port is released.
    pub fn set_local_port(&self, port: u32) {
        if !self.has(NL_OWN_PORT) {
            release_port(self.s_local.get().nl_pid);
        }
        self.set_flag(NL_OWN_PORT, true);
        self.set_pid(port);
    }

    /// Releases the allocator slot of the socket's port (when it came from the allocator), as
    /// freeing the socket does.
    pub fn release(&self) {
        if !self.has(NL_OWN_PORT) {
            release_port(self.s_local.get().nl_pid);
        }
    }

    /// `nl_socket_set_buffer_size`: 0 or negative sizes mean libnl's default (32 KiB).
    pub fn set_buffer_size(&self, sys: &mut impl Sys, rx: i32, tx: i32) -> Result<()> {
        let rx = if rx <= 0 { DEFAULT_BUFSIZE } else { rx };
        let tx = if tx <= 0 { DEFAULT_BUFSIZE } else { tx };
        let fd = self.s_fd.get();
        if fd == -1 {
            return Err(Error::BadSock);
        }
        for (name, v) in [(SO_SNDBUF, tx), (SO_RCVBUF, rx)] {
            if let Err(e) = sys.setsockopt_int(fd, SOL_SOCKET, name, v) {
                crate::nl_dbg!(
                    4,
                    "nl_socket_set_buffer_size({:p}): setsockopt() failed with {} ({})\n",
                    self,
                    e,
                    sys.strerror(e)
                );
                return Err(Error::Sys(e));
            }
        }
        self.set_flag(NL_SOCK_BUFSIZE_SET, true);
        Ok(())
    }

    /// Sets an integer socket option on the connected socket (`nl_socket_set_passcred` and
    /// friends); `what` names the caller in debug lines.
    pub fn set_int_opt(
        &self,
        sys: &mut impl Sys,
        what: &str,
        level: i32,
        name: i32,
        value: i32,
    ) -> Result<()> {
        let fd = self.s_fd.get();
        if fd == -1 {
            return Err(Error::BadSock);
        }
        sys.setsockopt_int(fd, level, name, value).map_err(|e| {
            crate::nl_dbg!(
                4,
                "{}({:p}): setsockopt() failed with {} ({})\n",
                what,
                self,
                e,
                sys.strerror(e)
            );
            Error::Sys(e)
        })
    }

    /// Joins (`add`) or leaves multicast group `group` (`nl_socket_add_membership` and
    /// friends; `what` names the caller in debug lines): `BadSock` when unconnected, `Inval` for
    /// a negative group; group 0 is a no-op, as in libnl.
    pub fn membership(&self, sys: &mut impl Sys, what: &str, group: i32, add: bool) -> Result<()> {
        let fd = self.s_fd.get();
        if fd == -1 {
            return Err(Error::BadSock);
        }
        if group < 0 {
            return Err(Error::Inval);
        }
        if group == 0 {
            return Ok(());
        }
        let opt = if add {
            NETLINK_ADD_MEMBERSHIP
        } else {
            NETLINK_DROP_MEMBERSHIP
        };
        self.set_int_opt(sys, what, SOL_NETLINK, opt, group)
    }

    /// `nl_socket_set_nonblocking`.
    pub fn set_nonblocking(&self, sys: &mut impl Sys) -> Result<()> {
        let fd = self.s_fd.get();
        if fd == -1 {
            return Err(Error::BadSock);
        }
        sys.set_nonblocking(fd).map_err(Error::Sys)
    }

    /// What freeing the socket does besides releasing its memory and callback set: the
    /// descriptor is closed and the allocator slot of its port released.
    pub fn shut(&self, sys: &mut impl Sys) {
        if self.s_fd.get() >= 0 {
            sys.close(self.s_fd.get());
        }
        self.release();
    }

    /// `nl_socket_set_fd`: adopts an already open netlink socket `fd` (`protocol` < 0: take
    /// the socket's own): it must be a raw `AF_NETLINK` socket of that protocol; its bound
    /// address becomes the socket's (`Inval` otherwise, `BadSock` when one is open already).
    pub fn adopt_fd(&self, sys: &mut impl Sys, protocol: i32, fd: i32) -> Result<()> {
        if self.s_fd.get() != -1 {
            return Err(Error::BadSock);
        }
        if fd < 0 {
            return Err(Error::Inval);
        }
        let (local, len) = sys.getsockname(fd).map_err(Error::Sys)?;
        if len != std::mem::size_of::<SockaddrNl>() || local.nl_family != AF_NETLINK {
            return Err(Error::Inval);
        }
        match sys.getsockopt_int(fd, SOL_SOCKET, SO_TYPE) {
            Ok((SOCK_RAW, 4)) => {}
            Ok(_) => return Err(Error::Inval),
            Err(e) => return Err(Error::Sys(e)),
        }
        let proto = match sys.getsockopt_int(fd, SOL_SOCKET, SO_PROTOCOL) {
            Ok((p, 4)) if protocol < 0 || protocol == p => p,
            Ok(_) => return Err(Error::Inval),
            Err(ENOPROTOOPT) if protocol >= 0 => protocol,
            Err(ENOPROTOOPT) => return Err(Error::Inval),
            Err(e) => return Err(Error::Sys(e)),
        };
        self.set_local_port(local.nl_pid);
        self.s_local.set(local);
        self.s_fd.set(fd);
        self.s_proto.set(proto);
        Ok(())
    }

    /// `nl_socket_set_passcred`: `SO_PASSCRED`, and credentials are read with received
    /// datagrams once it is on.
    pub fn set_passcred(&self, sys: &mut impl Sys, state: i32) -> Result<()> {
        self.set_int_opt(
            sys,
            "nl_socket_set_passcred",
            SOL_SOCKET,
            SO_PASSCRED,
            state,
        )?;
        self.set_flag(NL_SOCK_PASSCRED, state != 0);
        Ok(())
    }

    /// `nl_socket_enable_msg_peek` (`on`) / `nl_socket_disable_msg_peek`: an explicit choice
    /// that overrides the default (peek while no message buffer size is set).
    pub fn set_peek(&self, on: bool) {
        self.set_flag(NL_MSG_PEEK_EXPLICIT, true);
        self.set_flag(NL_MSG_PEEK, on);
    }

    /// `nl_join_groups`: ORs the (deprecated, bitmask) groups into the local address.
    pub fn join_groups(&self, groups: u32) {
        let mut l = self.s_local.get();
        l.nl_groups |= groups;
        self.s_local.set(l);
    }

    /// `nl_socket_set_peer_port`.
    pub fn set_peer_port(&self, port: u32) {
        let mut p = self.s_peer.get();
        p.nl_pid = port;
        self.s_peer.set(p);
    }

    /// `nl_socket_set_peer_groups`.
    pub fn set_peer_groups(&self, groups: u32) {
        let mut p = self.s_peer.get();
        p.nl_groups = groups;
        self.s_peer.set(p);
    }

    /// `nl_connect`: creates the socket, applies the default buffer sizes unless sizes were set,
    /// binds to the local port (taking one from the allocator, retrying ports already taken
    /// outside libnl, or letting the kernel choose after six tries), and learns the address the
    /// kernel bound. On failure the descriptor is closed again.
    pub fn connect(&self, sys: &mut impl Sys, protocol: i32) -> Result<()> {
        if self.s_fd.get() != -1 {
            return Err(Error::BadSock);
        }
        let fd = sys.socket(protocol).map_err(|e| {
            crate::nl_dbg!(
                4,
                "nl_connect({:p}): socket() failed with {} ({})\n",
                self,
                e,
                sys.strerror(e)
            );
            Error::Sys(e)
        })?;
        self.s_fd.set(fd);
        let r = self.bind_and_learn(sys, fd, protocol);
        if r.is_err() {
            sys.close(fd);
            self.s_fd.set(-1);
        }
        r
    }

    fn bind_and_learn(&self, sys: &mut impl Sys, fd: i32, protocol: i32) -> Result<()> {
        if !self.has(NL_SOCK_BUFSIZE_SET) {
            self.set_buffer_size(sys, 0, 0)?;
        }
        let mut bound = false;
        if self.s_local.get().nl_pid == 0 {
            let mut skipped = Vec::new();
            let mut tries = 0;
            let r = loop {
                tries += 1;
                if tries > 6 {
                    // Many ports taken outside libnl: let the kernel pick one.
                    self.set_pid_no_release(0);
                    break Ok(());
                }
                let port = generate_port(sys.getpid(), sys.time_now());
                self.set_pid_no_release(port);
                if port == 0 {
                    break Ok(());
                }
                match sys.bind(fd, &self.s_local.get()) {
                    Ok(()) => {
                        bound = true;
                        break Ok(());
                    }
                    Err(EADDRINUSE) => {
                        crate::nl_dbg!(
                            4,
                            "nl_connect({:p}): local port {} already in use. Retry.\n",
                            self,
                            port
                        );
                        skipped.push(port);
                    }
                    Err(e) => {
                        crate::nl_dbg!(
                            4,
                            "nl_connect({:p}): bind() for port {} failed with {} ({})\n",
                            self,
                            port,
                            e,
                            sys.strerror(e)
                        );
                        break Err(Error::Sys(e));
                    }
                }
            };
            skipped.into_iter().for_each(release_port);
            r?;
        }
        if !bound {
            sys.bind(fd, &self.s_local.get()).map_err(|e| {
                crate::nl_dbg!(
                    4,
                    "nl_connect({:p}): bind() failed with {} ({})\n",
                    self,
                    e,
                    sys.strerror(e)
                );
                Error::Sys(e)
            })?;
        }
        let (local, len) = sys.getsockname(fd).map_err(|e| {
            crate::nl_dbg!(
                4,
                "nl_connect({:p}): getsockname() failed with {} ({})\n",
                self,
                e,
                sys.strerror(e)
            );
            Error::Sys(e)
        })?;
        if len != std::mem::size_of::<SockaddrNl>() {
            return Err(Error::NoAddr);
        }
        if local.nl_family != AF_NETLINK {
            return Err(Error::AfNoSupport);
        }
        if self.s_local.get().nl_pid != local.nl_pid {
            self.set_local_port(local.nl_pid);
        }
        self.s_local.set(local);
        self.s_proto.set(protocol);
        Ok(())
    }

    /// `nl_close`: closes the descriptor (if any) and forgets the protocol.
    pub fn close(&self, sys: &mut impl Sys) {
        if self.s_fd.get() >= 0 {
            sys.close(self.s_fd.get());
            self.s_fd.set(-1);
        }
        self.s_proto.set(0);
    }

    /// libnl's request completion (`nl_complete_msg`): the socket's port when the header has
    /// none, the next sequence number when it has none, `NLM_F_REQUEST`, and `NLM_F_ACK` unless
    /// auto-ack is off.
    pub fn complete(&self, sys: &impl Sys, h: &mut NlmsgHdr) -> Completed {
        // The port is generated even when the header has one (as libnl does).
        let port = self.local_port(sys);
        if h.pid == 0 {
            h.pid = port;
        }
        let mut auto_seq = None;
        if h.seq == 0 {
            let n = self.s_seq_next.get();
            self.s_seq_next.set(n.wrapping_add(1));
            h.seq = n;
            auto_seq = Some(n);
        }
        h.flags |= NLM_F_REQUEST;
        if !self.has(NL_NO_AUTO_ACK) {
            h.flags |= NLM_F_ACK;
        }
        Completed { auto_seq }
    }

    /// Reports a send system call's result as libnl's `nl_sendmsg` does (debug lines at level
    /// 4): the bytes sent, or the error.
    pub fn sent(&self, sys: &impl Sys, r: std::result::Result<usize, i32>) -> Result<usize> {
        match r {
            Ok(n) => {
                crate::nl_dbg!(4, "sent {} bytes\n", n);
                Ok(n)
            }
            Err(e) => {
                crate::nl_dbg!(
                    4,
                    "nl_sendmsg({:p}): sendmsg() failed with {} ({})\n",
                    self,
                    e,
                    sys.strerror(e)
                );
                Err(Error::Sys(e))
            }
        }
    }

    /// Sends one message's bytes to `dst` (the system call of `nl_send`; `BadSock` when not
    /// connected).
    pub fn send_bytes(
        &self,
        sys: &mut impl Sys,
        bytes: &[u8],
        dst: &SockaddrNl,
        creds: Option<&Ucred>,
    ) -> Result<usize> {
        let fd = self.s_fd.get();
        if fd < 0 {
            return Err(Error::BadSock);
        }
        let r = sys.sendmsg(fd, bytes, dst, creds);
        self.sent(sys, r)
    }

    /// `nl_sendto`: `bytes` to the socket's peer.
    pub fn sendto(&self, sys: &mut impl Sys, bytes: &[u8]) -> Result<usize> {
        let fd = self.s_fd.get();
        if fd < 0 {
            return Err(Error::BadSock);
        }
        sys.sendto(fd, bytes, &self.s_peer.get()).map_err(|e| {
            crate::nl_dbg!(
                4,
                "nl_sendto({:p}): sendto() failed with {} ({})\n",
                self,
                e,
                sys.strerror(e)
            );
            Error::Sys(e)
        })
    }

    /// The sequence bookkeeping after an attempt to send the request numbered `seq`.
    pub fn track(&self, seq: u32, sent: bool) {
        if sent {
            self.seq_sent(seq);
        } else {
            self.seq_unsent(seq);
        }
    }

    /// `nl_socket_use_seq`: takes the next sequence number.
    pub fn use_seq(&self) -> u32 {
        let n = self.s_seq_next.get();
        self.s_seq_next.set(n.wrapping_add(1));
        n
    }

    /// Whether receives peek first to size the buffer: when asked to, or by default while no
    /// buffer size was set.
    pub fn peeks(&self) -> bool {
        self.has(NL_MSG_PEEK) || (!self.has(NL_MSG_PEEK_EXPLICIT) && self.s_bufsize.get() == 0)
    }

    /// Reads one datagram into `buf` the way libnl does: with peeking, a `MSG_PEEK | MSG_TRUNC`
    /// read learns the size and the buffer grows to it before the real read; without, a
    /// datagram larger than the buffer fails with `MsgTrunc`. Credentials are asked for when
    /// `want_creds` and the socket passes them. `Ok(None)` for a zero-length read; otherwise
    /// the length, sender and credentials.
    pub fn read_datagram(
        &self,
        sys: &mut impl Sys,
        buf: &mut Buf,
        default_size: usize,
        want_creds: bool,
    ) -> Result<Option<(usize, SockaddrNl, Option<Ucred>)>> {
        self.read_datagram_as(sys, buf, default_size, want_creds, self.peeks())
    }

    /// [`Socket::read_datagram`] with peeking decided by the caller (a caller whose own
    /// handlers are the only ones to see the messages may skip the peek: nothing observable
    /// depends on it but the number of system calls). Datagrams from senders the socket does
    /// not accept are dropped here (module docs) and the next one is read.
    pub fn read_datagram_as(
        &self,
        sys: &mut impl Sys,
        buf: &mut Buf,
        default_size: usize,
        want_creds: bool,
        peek: bool,
    ) -> Result<Option<(usize, SockaddrNl, Option<Ucred>)>> {
        let fd = self.s_fd.get();
        let first_flags = if peek { MSG_PEEK | MSG_TRUNC } else { 0 };
        let mut flags = first_flags;
        let mut size = self.first_read_size(default_size);
        let want_creds = want_creds && self.has(NL_SOCK_PASSCRED);
        // The sender is checked where a datagram would leave this loop (a peek that goes on
        // to read it needs no check): one test per datagram from the kernel, whose port is 0.
        // Empty and truncated datagrams are checked as well: a forged one must not end a read.
        loop {
            if buf.cap() < size {
                buf.grow(size)?;
            }
            buf.prepare_to(size).ok_or(Error::NoMem)?;
            let bytes = buf.bytes_mut(0..size).ok_or(Error::NoMem)?;
            let r = sys
                .recvmsg(fd, bytes, flags, want_creds)
                .map_err(Error::Sys)?;
            if r.len == 0 {
                if r.src.nl_pid != 0 && self.refuse(sys, flags != 0, r.src, 0)? {
                    (flags, size) = (first_flags, self.first_read_size(default_size));
                    continue;
                }
                return Ok(None);
            }
            if size < r.len || r.flags & MSG_TRUNC != 0 {
                if flags == 0 {
                    if r.src.nl_pid != 0 && self.refuse(sys, false, r.src, r.len)? {
                        (flags, size) = (first_flags, self.first_read_size(default_size));
                        continue;
                    }
                    return Err(Error::MsgTrunc);
                }
                size = r.len;
                flags = 0;
                continue;
            }
            if flags != 0 {
                flags = 0;
                continue;
            }
            if r.namelen != std::mem::size_of::<SockaddrNl>() {
                return Err(Error::NoAddr);
            }
            if r.src.nl_pid != 0 && self.refuse(sys, false, r.src, r.len)? {
                (flags, size) = (first_flags, self.first_read_size(default_size));
                continue;
            }
            return Ok(Some((r.len, r.src, r.creds)));
        }
    }

    /// The buffer size of a read: the message buffer size if set, else `default_size`.
    fn first_read_size(&self, default_size: usize) -> usize {
        match self.s_bufsize.get() {
            0 => default_size,
            n => n,
        }
    }
}

/// Datagrams from a socket, read into its reusable receive buffer (the receive loop's
/// [`Transport`](crate::engine::recv::Transport)): the socket's one receive path, for
/// `nl_recvmsgs` and for the lean generic netlink resolver alike.
pub struct SockTransport<'a, C: Copy, S: Sys> {
    s: &'a Socket<C>,
    sys: S,
    buf: Buf,
    default_size: usize,
    /// `None`: peek as the socket is configured; `Some(p)`: the caller decides.
    peek: Option<bool>,
}

impl<'a, C: Copy, S: Sys> SockTransport<'a, C, S> {
    /// Takes the socket's receive buffer (or a new one of `default_size` bytes) for a receive
    /// loop; give it back with [`SockTransport::finish`].
    pub fn new(
        s: &'a Socket<C>,
        sys: S,
        default_size: usize,
        peek: Option<bool>,
    ) -> Result<SockTransport<'a, C, S>> {
        let buf = s.take_rbuf(default_size)?;
        Ok(SockTransport {
            s,
            sys,
            buf,
            default_size,
            peek,
        })
    }

    /// Parks the receive buffer in the socket again.
    pub fn finish(self) {
        self.s.park_rbuf(self.buf);
    }
}

impl<C: Copy, S: Sys> crate::engine::recv::Transport for SockTransport<'_, C, S> {
    fn recv(&mut self) -> std::result::Result<Option<crate::engine::recv::Datagram<'_>>, i32> {
        let peek = self.peek.unwrap_or_else(|| self.s.peeks());
        let r = self
            .s
            .read_datagram_as(&mut self.sys, &mut self.buf, self.default_size, true, peek)
            .map_err(Error::to_nle)?;
        let Some((len, src, creds)) = r else {
            return Ok(None);
        };
        let bytes = self.buf.bytes_mut(0..len).ok_or(Error::NoMem.to_nle())?;
        Ok(Some(crate::engine::recv::Datagram { bytes, src, creds }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsent_numbers_are_skipped() {
        let mut h = SeqHoles::default();
        // Nothing outstanding: request 10 is not sent, the next reply is 11's.
        assert_eq!(h.unsent(10, 11, 10), 11);
        // Request 11 answered meanwhile is not outstanding: only [expect, next) counts.
        assert_eq!(h.unsent(11, 11, 9), 11);
        // 11 and 12 outstanding, 13 not sent: expectation stays until 12 is answered.
        assert_eq!(h.unsent(11, 14, 13), 11);
        assert_eq!(h.skip(12, 14), 12);
        assert_eq!(h.skip(13, 14), 14);
        // Wrapping counters.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(u32::MAX, 1, u32::MAX), 0);
        assert_eq!(h.unsent(0, 1, 0), 1);
        assert_eq!(h.skip(u32::MAX, 1), 1);
        // A number being unsent twice is remembered once.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(5, 7, 6), 5);
        assert_eq!(h.unsent(5, 7, 6), 5);
        assert_eq!(h.len, 1);
    }

    #[test]
    fn retry_moves_the_expectation_back() {
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(10, 11, 10), 11);
        assert_eq!(h.sent(11, 10), 10);
        // Answered: the loop moves on, nothing left to skip.
        assert_eq!(h.skip(11, 11), 11);
        assert_eq!(h.sent(11, 11), 11);
        // Two unsent, the older one retried: its reply comes first, then the other is skipped.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(20, 22, 20), 21);
        assert_eq!(h.unsent(21, 22, 21), 22);
        assert_eq!(h.sent(22, 20), 20);
        assert_eq!(h.skip(21, 22), 22);
        // Retrying after a later request was answered cannot rewind.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(30, 31, 30), 31);
        assert_eq!(h.sent(32, 30), 32);
        // A number never remembered changes nothing.
        assert_eq!(h.sent(40, 40), 40);
    }

    #[test]
    fn memory_is_bounded() {
        let mut h = SeqHoles::default();
        let mut e = 0;
        for seq in 0..100u32 {
            e = h.unsent(e, seq + 1, seq);
        }
        assert_eq!(e, 100);
        assert_eq!(h.len, SEQ_HOLES);
        assert!(h.contains(99) && !h.contains(99 - SEQ_HOLES as u32));
    }

    #[test]
    fn ports_are_distinct_and_released() {
        let pid = 0x1234;
        let mut seen = std::collections::HashSet::new();
        let ports: Vec<u32> = (0..100).map(|i| generate_port(pid, 77 + i)).collect();
        for p in &ports {
            assert_ne!(*p, 0);
            assert_eq!(p & 0x3F_FFFF, pid);
            assert!(seen.insert(*p));
        }
        for p in &ports {
            release_port(*p);
        }
        assert!(reserve_port(ports[0]));
        assert!(!reserve_port(ports[0]));
        release_port(ports[0]);
        release_port(0);
        let mut bits = [0u32; 32];
        slot_set(&mut bits, 77);
        slot_set(&mut bits, 0xffc0_0000);
        assert_eq!(bits[31], 0x8000_0000);
        assert_eq!(bits[0], 1);
        let mut used = [0u32; 32];
        slot_set(&mut used, ports[1]);
        assert!(reserve_port(ports[1]));
        release_slots(&used);
        assert!(reserve_port(ports[1]));
        release_port(ports[1]);
    }

    #[test]
    fn threads_get_distinct_ports() {
        let handles: Vec<_> = (0..8)
            .map(|t| {
                std::thread::spawn(move || {
                    (0..20)
                        .map(|i| generate_port(7, t * 100 + i))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all = std::collections::HashSet::new();
        for h in handles {
            for p in h.join().unwrap() {
                assert!(all.insert(p));
            }
        }
        for p in all {
            release_port(p);
        }
    }

    /// A scripted system: bind results in order, a datagram to deliver, every call recorded.
    #[derive(Default)]
    struct Fake {
        binds: Vec<std::result::Result<(), i32>>,
        bound: Vec<u32>,
        name: Option<(SockaddrNl, usize)>,
        closed: Vec<i32>,
        opts: Vec<(i32, i32, i32)>,
        opt_err: Option<i32>,
        datagram: Vec<u8>,
        reads: Vec<(usize, i32)>,
        /// Datagrams with their senders, delivered (and consumed by reads without
        /// `MSG_PEEK`) before `datagram`.
        queue: Vec<(SockaddrNl, Vec<u8>)>,
    }

    fn from(pid: u32, groups: u32) -> SockaddrNl {
        SockaddrNl {
            nl_family: AF_NETLINK,
            nl_pid: pid,
            nl_groups: groups,
            ..SockaddrNl::default()
        }
    }

    impl Sys for Fake {
        fn socket(&mut self, protocol: i32) -> std::result::Result<i32, i32> {
            if protocol < 0 { Err(93) } else { Ok(7) }
        }
        fn close(&mut self, fd: i32) {
            self.closed.push(fd);
        }
        fn bind(&mut self, _fd: i32, addr: &SockaddrNl) -> std::result::Result<(), i32> {
            self.bound.push(addr.nl_pid);
            if self.binds.is_empty() {
                Ok(())
            } else {
                self.binds.remove(0)
            }
        }
        fn getsockname(&mut self, _fd: i32) -> std::result::Result<(SockaddrNl, usize), i32> {
            let pid = self.bound.last().copied().unwrap_or(0);
            Ok(self.name.unwrap_or((
                SockaddrNl {
                    nl_family: AF_NETLINK,
                    nl_pid: if pid == 0 { 4242 } else { pid },
                    ..SockaddrNl::default()
                },
                12,
            )))
        }
        fn setsockopt_int(
            &mut self,
            _fd: i32,
            level: i32,
            name: i32,
            value: i32,
        ) -> std::result::Result<(), i32> {
            self.opts.push((level, name, value));
            self.opt_err.map_or(Ok(()), Err)
        }
        fn recvmsg(
            &mut self,
            _fd: i32,
            buf: &mut [u8],
            flags: i32,
            _want_creds: bool,
        ) -> std::result::Result<Received, i32> {
            self.reads.push((buf.len(), flags));
            let (src, datagram) = match self.queue.first() {
                Some((src, d)) => (*src, d.clone()),
                None => (SockaddrNl::default(), self.datagram.clone()),
            };
            if flags & MSG_PEEK == 0 && !self.queue.is_empty() {
                self.queue.remove(0);
            }
            let n = datagram.len().min(buf.len());
            buf[..n].copy_from_slice(&datagram[..n]);
            Ok(Received {
                len: if flags & MSG_TRUNC != 0 {
                    datagram.len()
                } else {
                    n
                },
                flags: if n < datagram.len() { MSG_TRUNC } else { 0 },
                src,
                namelen: 12,
                ..Received::default()
            })
        }
        fn sendmsg(
            &mut self,
            _fd: i32,
            bytes: &[u8],
            dst: &SockaddrNl,
            _creds: Option<&Ucred>,
        ) -> std::result::Result<usize, i32> {
            self.bound.push(dst.nl_pid);
            if bytes.len() > 64 {
                Err(90)
            } else {
                Ok(bytes.len())
            }
        }
        fn sendto(
            &mut self,
            fd: i32,
            bytes: &[u8],
            peer: &SockaddrNl,
        ) -> std::result::Result<usize, i32> {
            self.sendmsg(fd, bytes, peer, None)
        }
        fn set_nonblocking(&mut self, fd: i32) -> std::result::Result<(), i32> {
            self.opts.push((-1, fd, 0));
            Ok(())
        }
        fn getsockopt_int(
            &mut self,
            _fd: i32,
            _level: i32,
            name: i32,
        ) -> std::result::Result<(i32, usize), i32> {
            match name {
                SO_TYPE => Ok((SOCK_RAW, 4)),
                _ => self.opt_err.map_or(Ok((16, 4)), Err),
            }
        }
        fn getpid(&self) -> u32 {
            0x1234
        }
        fn time_now(&self) -> u32 {
            99
        }
    }

    #[test]
    fn connect_binds_an_allocated_port_and_learns_the_address() {
        let s = Socket::new((), 5);
        let mut f = Fake::default();
        s.connect(&mut f, 16).unwrap();
        assert_eq!((s.s_fd.get(), s.s_proto.get()), (7, 16));
        // Default buffer sizes applied first.
        assert_eq!(
            f.opts,
            vec![
                (SOL_SOCKET, SO_SNDBUF, 32768),
                (SOL_SOCKET, SO_RCVBUF, 32768)
            ]
        );
        let port = s.s_local.get().nl_pid;
        assert_eq!(port & 0x3F_FFFF, 0x1234);
        assert_eq!(f.bound, vec![port]);
        assert!(!s.has(NL_OWN_PORT));
        // Connecting twice is refused.
        assert_eq!(s.connect(&mut f, 16), Err(Error::BadSock));
        s.close(&mut f);
        assert_eq!(
            (s.s_fd.get(), s.s_proto.get(), &f.closed[..]),
            (-1, 0, &[7][..])
        );
        s.release();
    }

    #[test]
    fn connect_retries_ports_in_use_then_lets_the_kernel_choose() {
        let s = Socket::new((), 5);
        let mut f = Fake {
            binds: vec![Err(EADDRINUSE); 6],
            ..Fake::default()
        };
        s.connect(&mut f, 0).unwrap();
        // Six allocated ports tried, then port 0: the kernel's choice is adopted.
        assert_eq!(f.bound.len(), 7);
        assert_eq!(f.bound[6], 0);
        assert_eq!(s.s_local.get().nl_pid, 4242);
        assert!(s.has(NL_OWN_PORT));
    }

    #[test]
    fn connect_failures_close_the_descriptor() {
        let s = Socket::new((), 5);
        let mut f = Fake {
            binds: vec![Err(13)],
            ..Fake::default()
        };
        assert_eq!(s.connect(&mut f, 0), Err(Error::Sys(13)));
        assert_eq!((s.s_fd.get(), &f.closed[..]), (-1, &[7][..]));
        let mut f = Fake {
            name: Some((SockaddrNl::default(), 8)),
            ..Fake::default()
        };
        assert_eq!(s.connect(&mut f, 0), Err(Error::NoAddr));
        let mut f = Fake {
            name: Some((SockaddrNl::default(), 12)),
            ..Fake::default()
        };
        assert_eq!(s.connect(&mut f, 0), Err(Error::AfNoSupport));
        let fresh = Socket::new((), 5);
        let mut f = Fake {
            opt_err: Some(1),
            ..Fake::default()
        };
        assert_eq!(fresh.connect(&mut f, 0), Err(Error::Sys(1)));
        assert_eq!(s.connect(&mut Fake::default(), -1), Err(Error::Sys(93)));
        assert_eq!(s.s_fd.get(), -1);
        s.release();
    }

    #[test]
    fn explicit_ports_and_options() {
        let s = Socket::new((), 5);
        s.set_local_port(77);
        assert_eq!((s.s_local.get().nl_pid, s.has(NL_OWN_PORT)), (77, true));
        let mut f = Fake::default();
        assert_eq!(
            s.set_int_opt(&mut f, "x", SOL_NETLINK, 3, 1),
            Err(Error::BadSock)
        );
        assert_eq!(s.set_buffer_size(&mut f, 0, 0), Err(Error::BadSock));
        s.connect(&mut f, 0).unwrap();
        assert_eq!(f.bound, vec![77]);
        s.set_int_opt(&mut f, "x", SOL_NETLINK, 3, 1).unwrap();
        assert_eq!(f.opts.last(), Some(&(SOL_NETLINK, 3, 1)));
        assert!(s.has(NL_SOCK_BUFSIZE_SET));
    }

    #[test]
    fn complete_fills_port_sequence_and_flags() {
        let s = Socket::new((), 5);
        s.set_local_port(9);
        let f = Fake::default();
        let mut h = NlmsgHdr::default();
        assert_eq!(s.complete(&f, &mut h), Completed { auto_seq: Some(5) });
        assert_eq!((h.pid, h.seq, h.flags), (9, 5, NLM_F_REQUEST | NLM_F_ACK));
        s.set_flag(NL_NO_AUTO_ACK, true);
        let mut h = NlmsgHdr {
            pid: 3,
            seq: 40,
            ..NlmsgHdr::default()
        };
        assert_eq!(s.complete(&f, &mut h), Completed { auto_seq: None });
        assert_eq!((h.pid, h.seq, h.flags), (3, 40, NLM_F_REQUEST));
        assert_eq!((s.use_seq(), s.s_seq_next.get()), (6, 7));
    }

    #[test]
    fn datagrams_are_peeked_and_sized_or_truncated() {
        let s = Socket::new((), 5);
        let mut f = Fake {
            datagram: vec![1; 100],
            ..Fake::default()
        };
        let mut buf = Buf::with_capacity(16).unwrap();
        // Peeking (the default without a buffer size): peek, then read at the peeked size.
        let r = s.read_datagram(&mut f, &mut buf, 64, false).unwrap();
        assert_eq!(r.map(|x| x.0), Some(100));
        assert_eq!(f.reads, vec![(64, MSG_PEEK | MSG_TRUNC), (100, 0)]);
        // Without peeking, a datagram larger than the buffer is an error.
        s.s_bufsize.set(50);
        f.reads.clear();
        assert_eq!(
            s.read_datagram(&mut f, &mut buf, 64, false),
            Err(Error::MsgTrunc)
        );
        assert_eq!(f.reads, vec![(50, 0)]);
        // Peeking asked for explicitly resizes again.
        s.set_flag(NL_MSG_PEEK | NL_MSG_PEEK_EXPLICIT, true);
        let r = s.read_datagram(&mut f, &mut buf, 64, false);
        assert!(matches!(r, Ok(Some(_))), "{r:?}");
        // A zero-length read is "nothing".
        f.datagram.clear();
        assert_eq!(s.read_datagram(&mut f, &mut buf, 64, false), Ok(None));
    }

    #[test]
    fn kernel_only_protocols() {
        for p in [0, 4, 6, 7, 8, 9, 10, 11, 12, 16, 18, 20, 21, 22] {
            assert!(kernel_only(p), "{p}");
        }
        // USERSOCK, KOBJECT_UEVENT, retired and unassigned numbers: user space may speak.
        for p in [-1, 1, 2, 3, 5, 13, 14, 15, 17, 19, 23, 31, 1000] {
            assert!(!kernel_only(p), "{p}");
        }
    }

    /// Reads one datagram from `f` as `s` is configured; the sender's port.
    fn read_from(s: &Socket<()>, f: &mut Fake) -> Result<Option<u32>> {
        let mut buf = Buf::with_capacity(16).unwrap();
        let r = s.read_datagram(f, &mut buf, 64, false)?;
        Ok(r.map(|(_, src, _)| src.nl_pid))
    }

    #[test]
    fn forged_senders_are_dropped_on_kernel_only_protocols() {
        for peek in [true, false] {
            let s = Socket::new((), 5);
            s.set_peek(peek);
            let mut f = Fake::default();
            s.connect(&mut f, libc::NETLINK_ROUTE).unwrap();
            f.reads.clear();
            f.queue = vec![
                (from(77, 0), vec![1; 20]),
                (from(78, 1), vec![2; 100]),
                (from(79, 0), Vec::new()),
                (from(0, 0), vec![3; 24]),
            ];
            // Unicast, multicast, even an empty datagram: all dropped, the kernel's delivered.
            assert_eq!(read_from(&s, &mut f), Ok(Some(0)), "peek {peek}");
            assert_eq!(s.dropped(), 3);
            // Peeked datagrams are taken off the queue; each is read exactly once.
            let expect = if peek { 8 } else { 4 };
            assert_eq!(f.reads.len(), expect, "{:?}", f.reads);
            assert!(f.queue.is_empty());
            s.release();
        }
    }

    #[test]
    fn a_truncated_forgery_does_not_fail_the_read() {
        let s = Socket::new((), 5);
        s.s_bufsize.set(32);
        let mut f = Fake::default();
        s.connect(&mut f, libc::NETLINK_GENERIC).unwrap();
        f.queue = vec![(from(77, 0), vec![1; 200]), (from(0, 0), vec![3; 20])];
        assert_eq!(read_from(&s, &mut f), Ok(Some(0)));
        assert_eq!(s.dropped(), 1);
        s.release();
    }

    #[test]
    fn user_protocols_deliver_users_and_a_peer_restricts_unicast() {
        let s = Socket::new((), 5);
        let mut f = Fake::default();
        s.connect(&mut f, libc::NETLINK_USERSOCK).unwrap();
        f.queue = vec![(from(77, 0), vec![1; 20]), (from(0, 0), vec![3; 20])];
        assert_eq!(read_from(&s, &mut f), Ok(Some(77)));
        s.set_peer_port(90);
        f.queue = vec![
            (from(77, 0), vec![1; 20]),
            (from(90, 0), vec![1; 20]),
            (from(77, 4), vec![1; 20]),
            (from(0, 0), vec![1; 20]),
        ];
        assert_eq!(read_from(&s, &mut f), Ok(Some(90)));
        assert_eq!(s.dropped(), 1);
        // Multicast from any port, and the kernel, still arrive.
        assert_eq!(read_from(&s, &mut f), Ok(Some(77)));
        assert_eq!(read_from(&s, &mut f), Ok(Some(0)));
        assert_eq!(s.dropped(), 1);
        // An uevent socket without a peer hears udev.
        let u = Socket::new((), 5);
        u.connect(&mut f, libc::NETLINK_KOBJECT_UEVENT).unwrap();
        f.queue = vec![(from(1234, 2), vec![1; 20])];
        assert_eq!(read_from(&u, &mut f), Ok(Some(1234)));
        assert_eq!(u.dropped(), 0);
        s.release();
        u.release();
    }

    #[test]
    fn adopting_a_descriptor() {
        let s = Socket::new((), 5);
        let mut f = Fake::default();
        assert_eq!(s.adopt_fd(&mut f, 0, -1), Err(Error::Inval));
        // Protocol 16 reported, 0 asked for: refused.
        assert_eq!(s.adopt_fd(&mut f, 0, 9), Err(Error::Inval));
        s.adopt_fd(&mut f, -1, 9).unwrap();
        assert_eq!((s.s_fd.get(), s.s_proto.get()), (9, 16));
        assert_eq!(s.s_local.get().nl_pid, 4242);
        assert_eq!(s.adopt_fd(&mut f, 16, 10), Err(Error::BadSock));
        // A kernel without SO_PROTOCOL: the caller's protocol is believed, none is refused.
        let t = Socket::new((), 5);
        let mut f = Fake {
            opt_err: Some(ENOPROTOOPT),
            ..Fake::default()
        };
        assert_eq!(t.adopt_fd(&mut f, -1, 9), Err(Error::Inval));
        t.adopt_fd(&mut f, 7, 9).unwrap();
        assert_eq!(t.s_proto.get(), 7);
        let u = Socket::new((), 5);
        let mut f = Fake {
            name: Some((SockaddrNl::default(), 12)),
            ..Fake::default()
        };
        assert_eq!(u.adopt_fd(&mut f, -1, 9), Err(Error::Inval));
    }

    #[test]
    fn flags_and_addresses() {
        let s = Socket::new((), 5);
        assert!(s.peeks());
        s.set_peek(false);
        assert!(!s.peeks() && s.has(NL_MSG_PEEK_EXPLICIT));
        s.set_peek(true);
        assert!(s.peeks());
        s.join_groups(1);
        s.join_groups(4);
        assert_eq!(s.s_local.get().nl_groups, 5);
        s.set_peer_port(9);
        s.set_peer_groups(3);
        assert_eq!((s.s_peer.get().nl_pid, s.s_peer.get().nl_groups), (9, 3));
        let mut f = Fake::default();
        assert_eq!(s.set_passcred(&mut f, 1), Err(Error::BadSock));
        assert!(!s.has(NL_SOCK_PASSCRED));
        s.connect(&mut f, 0).unwrap();
        s.set_passcred(&mut f, 1).unwrap();
        assert!(s.has(NL_SOCK_PASSCRED));
        assert_eq!(f.opts.last(), Some(&(SOL_SOCKET, SO_PASSCRED, 1)));
        s.set_passcred(&mut f, 0).unwrap();
        assert!(!s.has(NL_SOCK_PASSCRED));
    }

    #[test]
    fn memberships_and_nonblocking() {
        let s = Socket::new((), 5);
        let mut f = Fake::default();
        assert_eq!(s.membership(&mut f, "x", 3, true), Err(Error::BadSock));
        assert_eq!(s.set_nonblocking(&mut f), Err(Error::BadSock));
        s.connect(&mut f, 0).unwrap();
        f.opts.clear();
        assert_eq!(s.membership(&mut f, "x", -1, true), Err(Error::Inval));
        assert_eq!(s.membership(&mut f, "x", 0, true), Ok(()));
        s.membership(&mut f, "x", 3, true).unwrap();
        s.membership(&mut f, "x", 3, false).unwrap();
        s.set_nonblocking(&mut f).unwrap();
        assert_eq!(
            f.opts,
            vec![
                (SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, 3),
                (SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, 3),
                (-1, 7, 0)
            ]
        );
        s.shut(&mut f);
        assert_eq!(f.closed, vec![7]);
    }

    #[test]
    fn sends_report_bytes_or_the_error() {
        let s = Socket::new((), 5);
        let mut f = Fake::default();
        let dst = SockaddrNl::default();
        assert_eq!(
            s.send_bytes(&mut f, &[0; 4], &dst, None),
            Err(Error::BadSock)
        );
        assert_eq!(s.sendto(&mut f, &[0; 4]), Err(Error::BadSock));
        s.connect(&mut f, 0).unwrap();
        assert_eq!(s.send_bytes(&mut f, &[0; 20], &dst, None), Ok(20));
        assert_eq!(
            s.send_bytes(&mut f, &[0; 65], &dst, None),
            Err(Error::Sys(90))
        );
        assert_eq!(s.sendto(&mut f, &[1; 3]), Ok(3));
        // A failed send's number is skipped by the expectation, a retry restores it.
        let n = s.use_seq();
        s.track(n, false);
        assert_eq!(s.s_seq_expect.get(), n.wrapping_add(1));
        s.track(n, true);
        assert_eq!(s.s_seq_expect.get(), n);
        s.release();
    }

    #[test]
    fn receive_buffers_are_parked_and_reused() {
        let s = Socket::new((), 5);
        let b = s.take_rbuf(100).unwrap();
        assert!(b.cap() >= 100);
        s.park_rbuf(b);
        let small = Buf::with_capacity(10).unwrap();
        s.park_rbuf(small);
        assert!(s.take_rbuf(1).unwrap().cap() >= 100);
        assert!(s.take_rbuf(0).unwrap().cap() < 100);
    }
}
