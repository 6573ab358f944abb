//! Netlink socket system calls: every `socket`/`bind`/`sendmsg`/`recvmsg`/`setsockopt` … of
//! libnlrs. Each wrapper returns `Err(errno)` on failure (sudo-rs `cerr` style).

use std::ffi::{c_int, c_void};

use crate::engine::msg::{SockaddrNl, Ucred};

fn cerr(ret: isize) -> Result<usize, i32> {
    if ret < 0 {
        Err(super::errno())
    } else {
        Ok(ret as usize)
    }
}

/// `socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)`.
pub fn socket(protocol: i32) -> Result<i32, i32> {
    // SAFETY: socket has no memory preconditions.
    let fd = unsafe {
        libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC,
            protocol,
        )
    };
    cerr(fd as isize).map(|_| fd)
}

/// `close(fd)`; errors are ignored as in libnl.
pub fn close(fd: i32) {
    // SAFETY: close has no memory preconditions.
    unsafe { libc::close(fd) };
}

/// `bind(fd, addr)`.
pub fn bind(fd: i32, addr: &SockaddrNl) -> Result<(), i32> {
    // SAFETY: addr is a live 12-byte sockaddr_nl (repr(C), kernel layout).
    let r = unsafe {
        libc::bind(
            fd,
            (addr as *const SockaddrNl).cast(),
            std::mem::size_of::<SockaddrNl>() as libc::socklen_t,
        )
    };
    cerr(r as isize).map(|_| ())
}

/// `getsockname(fd)`: the address and the length the kernel reported.
pub fn getsockname(fd: i32) -> Result<(SockaddrNl, usize), i32> {
    let mut addr = SockaddrNl::default();
    let mut len = std::mem::size_of::<SockaddrNl>() as libc::socklen_t;
    // SAFETY: addr/len are live locals; the kernel writes at most `len` bytes.
    let r = unsafe { libc::getsockname(fd, (&mut addr as *mut SockaddrNl).cast(), &mut len) };
    cerr(r as isize).map(|_| (addr, len as usize))
}

/// `setsockopt(fd, level, name, &int)`.
pub fn setsockopt_int(fd: i32, level: i32, name: i32, value: c_int) -> Result<(), i32> {
    // SAFETY: value is a live int of the advertised size.
    let r = unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (&value as *const c_int).cast::<c_void>(),
            std::mem::size_of::<c_int>() as libc::socklen_t,
        )
    };
    cerr(r as isize).map(|_| ())
}

/// `getsockopt(fd, level, name, &int)`: the value and the returned length.
pub fn getsockopt_int(fd: i32, level: i32, name: i32) -> Result<(c_int, usize), i32> {
    let mut v: c_int = -1;
    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: v/len are live locals; the kernel writes at most `len` bytes.
    let r = unsafe { libc::getsockopt(fd, level, name, (&mut v as *mut c_int).cast(), &mut len) };
    cerr(r as isize).map(|_| (v, len as usize))
}

/// `fcntl(fd, F_SETFL, O_NONBLOCK)` (libnl replaces all status flags).
pub fn set_nonblocking(fd: i32) -> Result<(), i32> {
    // SAFETY: fcntl F_SETFL with an int argument has no memory preconditions.
    let r = unsafe { libc::fcntl(fd, libc::F_SETFL, libc::O_NONBLOCK) };
    cerr(r as isize).map(|_| ())
}

/// `sendto(fd, bytes, 0, peer)`.
pub fn sendto(fd: i32, bytes: &[u8], peer: &SockaddrNl) -> Result<usize, i32> {
    // SAFETY: bytes and peer are live for the call.
    let r = unsafe {
        libc::sendto(
            fd,
            bytes.as_ptr().cast(),
            bytes.len(),
            0,
            (peer as *const SockaddrNl).cast(),
            std::mem::size_of::<SockaddrNl>() as libc::socklen_t,
        )
    };
    cerr(r)
}

/// `sendmsg(fd, hdr, 0)` for a caller-built `struct msghdr`.
///
/// # Safety
/// `hdr` points to a valid `msghdr` whose pointers are valid for the call.
pub unsafe fn sendmsg_raw(fd: i32, hdr: *const libc::msghdr) -> Result<usize, i32> {
    // SAFETY: caller contract.
    let r = unsafe { libc::sendmsg(fd, hdr, 0) };
    cerr(r)
}

/// Sends `iov` to `dst` with optional credentials (`nl_send_iovec` without the callback).
///
/// # Safety
/// Each `iovec` of `iov` is valid for reads of its length.
pub unsafe fn sendmsg_iov(
    fd: i32,
    dst: &SockaddrNl,
    iov: &[libc::iovec],
    creds: Option<&Ucred>,
) -> Result<usize, i32> {
    let mut ctl = [0u64; 4]; // CMSG_SPACE(sizeof(struct ucred)) = 32 bytes, 8-aligned
    // SAFETY: zeroed msghdr is a valid value.
    let mut hdr: libc::msghdr = unsafe { std::mem::zeroed() };
    hdr.msg_name = (dst as *const SockaddrNl).cast_mut().cast();
    hdr.msg_namelen = std::mem::size_of::<SockaddrNl>() as libc::socklen_t;
    hdr.msg_iov = iov.as_ptr().cast_mut();
    hdr.msg_iovlen = iov.len();
    if let Some(c) = creds {
        let clen = std::mem::size_of::<Ucred>() as u32;
        // SAFETY: CMSG_SPACE/CMSG_LEN are pure computations.
        let space = unsafe { libc::CMSG_SPACE(clen) } as usize;
        hdr.msg_control = ctl.as_mut_ptr().cast();
        hdr.msg_controllen = space.min(std::mem::size_of_val(&ctl));
        // SAFETY: the control buffer is 32 bytes, enough for one ucred cmsg; CMSG_FIRSTHDR
        // returns a pointer into it (non-NULL since controllen >= sizeof(cmsghdr)).
        unsafe {
            let cm = libc::CMSG_FIRSTHDR(&hdr);
            if !cm.is_null() {
                (*cm).cmsg_level = libc::SOL_SOCKET;
                (*cm).cmsg_type = libc::SCM_CREDENTIALS;
                (*cm).cmsg_len = libc::CMSG_LEN(clen) as usize;
                std::ptr::copy_nonoverlapping(
                    (c as *const Ucred).cast::<u8>(),
                    libc::CMSG_DATA(cm),
                    clen as usize,
                );
            }
        }
    }
    // SAFETY: hdr and everything it points to is live for the call.
    unsafe { sendmsg_raw(fd, &hdr) }
}

pub use crate::engine::socket::Received;

/// `recvmsg(fd, buf, flags)`, retrying on EINTR (logged at level 3 as libnl does). With
/// `want_creds`, a control buffer for one `ucred` is supplied and parsed. `Ok(len 0)` means the
/// peer sent nothing (EOF).
pub fn recvmsg(fd: i32, buf: &mut [u8], flags: i32, want_creds: bool) -> Result<Received, i32> {
    let mut ctl = [0u64; 8];
    loop {
        let mut src = SockaddrNl::default();
        let mut iov = libc::iovec {
            iov_base: buf.as_mut_ptr().cast(),
            iov_len: buf.len(),
        };
        // SAFETY: zeroed msghdr is a valid value.
        let mut hdr: libc::msghdr = unsafe { std::mem::zeroed() };
        hdr.msg_name = (&mut src as *mut SockaddrNl).cast();
        hdr.msg_namelen = std::mem::size_of::<SockaddrNl>() as libc::socklen_t;
        hdr.msg_iov = &mut iov;
        hdr.msg_iovlen = 1;
        if want_creds {
            hdr.msg_control = ctl.as_mut_ptr().cast();
            hdr.msg_controllen = std::mem::size_of_val(&ctl);
        }
        // SAFETY: every pointer in hdr refers to a live local or to `buf`, with its true size.
        let n = unsafe { libc::recvmsg(fd, &mut hdr, flags) };
        if n < 0 {
            let e = super::errno();
            if e == libc::EINTR {
                crate::nl_dbg!(3, "recvmsg() returned EINTR, retrying\n");
                continue;
            }
            return Err(e);
        }
        let mut creds = None;
        if want_creds && hdr.msg_controllen > 0 {
            // SAFETY: hdr describes the control buffer the kernel filled; the CMSG_* macros
            // stay within msg_controllen.
            unsafe {
                let mut cm = libc::CMSG_FIRSTHDR(&hdr);
                while !cm.is_null() {
                    if (*cm).cmsg_level == libc::SOL_SOCKET
                        && (*cm).cmsg_type == libc::SCM_CREDENTIALS
                    {
                        let mut c = Ucred::default();
                        std::ptr::copy_nonoverlapping(
                            libc::CMSG_DATA(cm),
                            (&mut c as *mut Ucred).cast::<u8>(),
                            std::mem::size_of::<Ucred>(),
                        );
                        creds = Some(c);
                        break;
                    }
                    cm = libc::CMSG_NXTHDR(&hdr, cm);
                }
            }
        }
        return Ok(Received {
            len: n as usize,
            flags: hdr.msg_flags,
            src,
            namelen: hdr.msg_namelen as usize,
            creds,
        });
    }
}

/// `getrandom(2)` of four bytes without blocking: `GRND_NONBLOCK` from the kernel's pool, or,
/// when the pool is not initialised yet (early boot), `GRND_INSECURE` (Linux >= 5.6). `None`
/// when both fail (old kernels, seccomp filters).
pub fn random_u32() -> Option<u32> {
    for flags in [libc::GRND_NONBLOCK, libc::GRND_INSECURE] {
        let mut v = [0u8; 4];
        // SAFETY: v is a live, writable 4-byte buffer and its true length is passed.
        let r = unsafe { libc::getrandom(v.as_mut_ptr().cast(), v.len(), flags) };
        if r == 4 {
            return Some(u32::from_ne_bytes(v));
        }
    }
    None
}

/// The first sequence number of a new socket. libnl uses the time (`time(NULL)`), which anyone
/// can guess; libnlrs takes a random number from [`random_u32`], in `1..2^31` like the times
/// libnl hands out (never 0, which means "no number" in a request header, and positive as a C
/// `int`, as programs printing it have always seen), and falls back to the time when the
/// system has no random source for us.
pub fn initial_seq() -> u32 {
    match random_u32() {
        Some(r) => (r & 0x7fff_ffff).max(1),
        None => time_now(),
    }
}

/// The current time in seconds (`time(NULL)`): seeds the local port allocator, and is the
/// initial sequence number when [`random_u32`] fails (libnl always starts there).
pub fn time_now() -> u32 {
    // SAFETY: time(NULL) has no memory preconditions.
    unsafe { libc::time(std::ptr::null_mut()) as u32 }
}

/// `getpid()`.
pub fn getpid() -> u32 {
    // SAFETY: getpid has no preconditions.
    unsafe { libc::getpid() as u32 }
}

/// `poll(2)` for readability of one descriptor: `Ok(n)` with the number of ready
/// descriptors (0 on timeout), `Err(errno)`.
pub fn poll_in(fd: i32, timeout_ms: i32) -> Result<i32, i32> {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one live pollfd.
    let r = unsafe { libc::poll(&mut p, 1, timeout_ms) };
    if r < 0 {
        Err(crate::sys::errno())
    } else {
        Ok(r)
    }
}

/// The real system calls, for the engine's socket logic.
#[derive(Clone, Copy, Debug, Default)]
pub struct Os;

impl crate::engine::socket::Sys for Os {
    fn socket(&mut self, protocol: i32) -> Result<i32, i32> {
        socket(protocol)
    }
    fn close(&mut self, fd: i32) {
        close(fd)
    }
    fn bind(&mut self, fd: i32, addr: &SockaddrNl) -> Result<(), i32> {
        bind(fd, addr)
    }
    fn getsockname(&mut self, fd: i32) -> Result<(SockaddrNl, usize), i32> {
        getsockname(fd)
    }
    fn setsockopt_int(&mut self, fd: i32, level: i32, name: i32, value: i32) -> Result<(), i32> {
        setsockopt_int(fd, level, name, value)
    }
    fn recvmsg(
        &mut self,
        fd: i32,
        buf: &mut [u8],
        flags: i32,
        want_creds: bool,
    ) -> Result<Received, i32> {
        recvmsg(fd, buf, flags, want_creds)
    }
    fn sendmsg(
        &mut self,
        fd: i32,
        bytes: &[u8],
        dst: &SockaddrNl,
        creds: Option<&Ucred>,
    ) -> Result<usize, i32> {
        let iov = [libc::iovec {
            iov_base: bytes.as_ptr().cast_mut().cast(),
            iov_len: bytes.len(),
        }];
        // SAFETY: the iovec covers the live slice `bytes`.
        unsafe { sendmsg_iov(fd, dst, &iov, creds) }
    }
    fn sendto(&mut self, fd: i32, bytes: &[u8], peer: &SockaddrNl) -> Result<usize, i32> {
        sendto(fd, bytes, peer)
    }
    fn set_nonblocking(&mut self, fd: i32) -> Result<(), i32> {
        set_nonblocking(fd)
    }
    fn getsockopt_int(&mut self, fd: i32, level: i32, name: i32) -> Result<(i32, usize), i32> {
        getsockopt_int(fd, level, name)
    }
    fn getpid(&self) -> u32 {
        getpid()
    }
    fn time_now(&self) -> u32 {
        time_now()
    }
    fn strerror(&self, e: i32) -> String {
        super::stdio::strerror_c(e)
    }
}
