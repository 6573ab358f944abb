//! Name-service calls used by `nl_addr_info` / `nl_addr_resolve`.

use std::ffi::{CStr, c_char, c_int, c_void};

unsafe extern "C" {
    /// glibc's reentrant `getprotobynumber`.
    #[link_name = "getprotobynumber_r"]
    fn sys_getprotobynumber_r(
        proto: c_int,
        result_buf: *mut c_void,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut c_void,
    ) -> c_int;
    /// glibc's reentrant `getprotobyname`.
    #[link_name = "getprotobyname_r"]
    fn sys_getprotobyname_r(
        name: *const c_char,
        result_buf: *mut c_void,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut c_void,
    ) -> c_int;
}

/// `getaddrinfo(host, NULL, {ai_family = family, ai_flags = AI_NUMERICHOST}, &res)`: the
/// result list (to be released with `freeaddrinfo` by the caller) or the `EAI_*` code.
pub fn getaddrinfo_numeric(host: &CStr, family: i32) -> Result<*mut libc::addrinfo, i32> {
    // SAFETY: addrinfo is plain data; all-zero is a valid "no hints" value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_flags = libc::AI_NUMERICHOST;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: host is NUL-terminated, hints and res are valid for the call.
    let err = unsafe { libc::getaddrinfo(host.as_ptr(), std::ptr::null(), &hints, &mut res) };
    if err == 0 { Ok(res) } else { Err(err) }
}

/// `getnameinfo(sa, host, hostlen, NULL, 0, flags)`: 0 or the `EAI_*` code.
///
/// # Safety
/// `host` is NULL or valid for writes of `hostlen` bytes.
pub unsafe fn getnameinfo(sa: &[u8], host: *mut c_char, hostlen: usize, flags: i32) -> i32 {
    let Ok(hostlen) = libc::socklen_t::try_from(hostlen) else {
        return libc::EAI_OVERFLOW;
    };
    // sockaddr needs 2-byte alignment for sa_family; copy into an aligned storage.
    // SAFETY: sockaddr_storage is plain data; all-zero is valid.
    let mut st: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let n = sa.len().min(std::mem::size_of::<libc::sockaddr_storage>());
    let Ok(salen) = libc::socklen_t::try_from(n) else {
        return libc::EAI_FAMILY;
    };
    // SAFETY: st has room for n bytes; the source is a live slice of at least n bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(sa.as_ptr(), (&raw mut st).cast::<u8>(), n);
    }
    // SAFETY: st is a valid socket address of salen bytes; host per the caller contract.
    unsafe {
        libc::getnameinfo(
            (&raw const st).cast(),
            salen,
            host,
            hostlen,
            std::ptr::null_mut(),
            0,
            flags,
        )
    }
}

/// The protocols database (`/etc/protocols`) entry for a number: its official name.
pub fn protocol_name(proto: i32) -> Option<Vec<u8>> {
    // SAFETY: protoent is plain data; all-zero is valid.
    let mut ent: libc::protoent = unsafe { std::mem::zeroed() };
    let mut buf = vec![0u8; 4096];
    let mut res: *mut libc::protoent = std::ptr::null_mut();
    // SAFETY: ent, buf (with its length) and res are valid for the call.
    let rc = unsafe {
        sys_getprotobynumber_r(
            proto,
            (&raw mut ent).cast(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            (&raw mut res).cast(),
        )
    };
    if rc != 0 || res.is_null() || ent.p_name.is_null() {
        return None;
    }
    // SAFETY: on success p_name points to a NUL-terminated string inside buf.
    Some(unsafe { CStr::from_ptr(ent.p_name) }.to_bytes().to_vec())
}

/// The protocol number of a name or alias from the protocols database.
pub fn protocol_number(name: &CStr) -> Option<i32> {
    // SAFETY: protoent is plain data; all-zero is valid.
    let mut ent: libc::protoent = unsafe { std::mem::zeroed() };
    let mut buf = vec![0u8; 4096];
    let mut res: *mut libc::protoent = std::ptr::null_mut();
    // SAFETY: name is NUL-terminated; ent, buf (with its length) and res are valid.
    let rc = unsafe {
        sys_getprotobyname_r(
            name.as_ptr(),
            (&raw mut ent).cast(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            (&raw mut res).cast(),
        )
    };
    if rc != 0 || res.is_null() {
        return None;
    }
    Some(ent.p_proto)
}
