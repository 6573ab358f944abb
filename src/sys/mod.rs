//! Every raw system call and libc state access of libnlrs lives here (sudo-rs `cerr` style).
//!
//! Later issues add the socket calls (socket, bind, getsockname, sendmsg, recvmsg, setsockopt,
//! poll) next to these.

pub mod lock;
pub mod netdb;
pub mod socket;
pub mod stdio;

/// The calling thread's `errno`.
pub fn errno() -> i32 {
    // SAFETY: __errno_location always returns a valid pointer to this thread's errno.
    unsafe { *libc::__errno_location() }
}

/// Sets the calling thread's `errno`.
pub fn set_errno(value: i32) {
    // SAFETY: __errno_location always returns a valid pointer to this thread's errno.
    unsafe { *libc::__errno_location() = value }
}

/// Writes all of `bytes` to file descriptor 2, retrying on EINTR; errors are ignored (there is
/// nowhere left to report them).
pub fn write_stderr(bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: the pointer/length pair comes from a live slice.
        let n = unsafe { libc::write(2, rest.as_ptr().cast(), rest.len()) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return;
        }
        rest = rest.get(n as usize..).unwrap_or_default();
    }
}

/// The system page size (libnl's default message size).
pub fn page_size() -> usize {
    // The page size cannot change while the process runs: asked once (hot receive paths
    // size their buffers from it).
    static PAGE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let cached = PAGE.load(std::sync::atomic::Ordering::Relaxed);
    if cached != 0 {
        return cached;
    }
    // SAFETY: sysconf has no memory-safety preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    let n = if n > 0 { n as usize } else { 4096 };
    PAGE.store(n, std::sync::atomic::Ordering::Relaxed);
    n
}

/// `sysconf(_SC_CLK_TCK)`, the user-visible clock tick rate.
pub fn clk_tck() -> libc::c_long {
    // SAFETY: sysconf has no memory-safety preconditions.
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) }
}
