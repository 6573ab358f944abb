//! `netlink/addr.h`: abstract addresses, plus attr.h's `nla_put_addr`.
//!
//! `struct nl_addr` keeps libnl's memory layout (see [`addr_block`]); values are copied into
//! an engine [`Addr`] for every computation.

use std::ffi::{c_char, c_int, c_uint, c_void};

use crate::engine::addr::{self, Addr};
use crate::error::{Error, syserr2nlerr};
use crate::ffi::handle::addr_block;
use crate::ffi::types::{nl_addr, nl_msg};
use crate::ffi::{nle0, ptr};
use crate::{ffi_check, ffi_entry};

/// Allocates an empty address with room for `maxsize` bytes.
///
/// # Returns
/// A new address (family `AF_UNSPEC`, length 0, prefix length 0), or NULL when out of memory
/// (or `maxsize` exceeds `UINT_MAX`).
/// # Ownership
/// The caller owns the one reference; release it with `nl_addr_put`.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_alloc(maxsize: usize) -> *mut nl_addr {
    ffi_entry!("nl_addr_alloc", { addr_block::alloc(maxsize) })
}

/// Allocates an address holding the payload of attribute `nla`, with family `family`.
///
/// # Returns
/// The new address, or NULL for a NULL attribute, an attribute whose `nla_len` is below the
/// header size (libnl-compat: libnl corrupts its heap there), or when out of memory.
/// # Ownership
/// New reference for the caller.
/// # Safety
/// `nla` is NULL or points to an attribute whose `nla_len` bytes are readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_alloc_attr(
    nla: *const libc::nlattr,
    family: c_int,
) -> *mut nl_addr {
    ffi_entry!("nl_addr_alloc_attr", {
        // SAFETY: caller contract.
        let claimed = unsafe { ptr::nla_claimed_len(nla) };
        ffi_check!(
            "nl_addr_alloc_attr",
            claimed.is_some_and(|l| l >= 4),
            std::ptr::null_mut()
        );
        // SAFETY: caller contract; nla_len checked above.
        let Some(payload) = (unsafe { ptr::nla_payload(nla) }) else {
            return std::ptr::null_mut();
        };
        addr_block::from_addr(&Addr::build(family, payload))
    })
}

/// Allocates an address of `family` holding `size` bytes copied from `buf`.
///
/// # Returns
/// The new address (prefix length: all bits, 20 for `AF_MPLS`), or NULL when out of memory.
/// A NULL `buf` gives `size` zero bytes (libnl-compat: libnl crashes there).
/// # Ownership
/// New reference for the caller.
/// # Safety
/// `buf` is NULL or valid for reads of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_build(
    family: c_int,
    buf: *const c_void,
    size: usize,
) -> *mut nl_addr {
    ffi_entry!("nl_addr_build", {
        if buf.is_null() {
            let p = addr_block::alloc(size);
            // SAFETY: p is NULL or a fresh block.
            if let Some(h) = unsafe { addr_block::header_mut(p) } {
                h.a_family = family;
                h.a_len = h.a_maxsize;
                h.a_prefixlen = addr::default_prefixlen(family, size);
            }
            return p;
        }
        if isize::try_from(size).is_err() {
            return std::ptr::null_mut();
        }
        // SAFETY: buf is valid for size bytes per contract.
        let bytes = unsafe { ptr::bytes(buf, size) };
        addr_block::from_addr(&Addr::build(family, bytes))
    })
}

/// Parses `addrstr` (an address of family `hint`, or any family for `AF_UNSPEC`, optionally
/// followed by `/prefixlen`; also the keywords `none`, `default`, `all`, `any`, which give an
/// empty address).
///
/// # Returns
/// 0 and `*result` set on success; `-NLE_NOADDR`, `-NLE_INVAL`, `-NLE_AF_NOSUPPORT` or
/// `-NLE_NOMEM` otherwise. NULL arguments give `-NLE_INVAL` (libnl crashes).
/// # Ownership
/// `*result` receives a new reference.
/// # Safety
/// `addrstr` is NULL or NUL-terminated; `result` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_parse(
    addrstr: *const c_char,
    hint: c_int,
    result: *mut *mut nl_addr,
) -> c_int {
    ffi_entry!("nl_addr_parse", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(addrstr) };
        ffi_check!(
            "nl_addr_parse",
            s.is_some() && !result.is_null(),
            -Error::Inval.code()
        );
        let Some(s) = s else {
            return Error::Inval.to_nle();
        };
        match addr::parse(s.to_bytes(), hint) {
            Ok(a) => {
                let p = addr_block::from_addr(&a);
                if p.is_null() {
                    return Error::NoMem.to_nle();
                }
                // SAFETY: result is non-NULL and writable per contract.
                unsafe { ptr::write_out(result, p) };
                0
            }
            Err(e) => e.to_nle(),
        }
    })
}

/// Copies an address (family, bytes, prefix length; room for exactly its bytes).
///
/// # Returns
/// The copy, or NULL for NULL / out of memory.
/// # Ownership
/// New reference for the caller.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_clone(addr: *const nl_addr) -> *mut nl_addr {
    ffi_entry!("nl_addr_clone", {
        // SAFETY: caller contract.
        let v = unsafe { addr_block::value(addr) };
        ffi_check!("nl_addr_clone", v.is_some(), std::ptr::null_mut());
        v.map_or(std::ptr::null_mut(), |a| addr_block::from_addr(&a))
    })
}

/// Takes a reference.
///
/// # Returns
/// `addr` (NULL for NULL).
/// # Ownership
/// The caller owns one more reference.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_get(addr: *mut nl_addr) -> *mut nl_addr {
    ffi_entry!("nl_addr_get", {
        // SAFETY: caller contract.
        unsafe { addr_block::acquire(addr) };
        addr
    })
}

/// Drops a reference, freeing the address at the last one. NULL is ignored.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes one reference.
/// # Safety
/// `addr` is NULL or a live address holding the reference dropped.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_put(addr: *mut nl_addr) {
    ffi_entry!("nl_addr_put", {
        // SAFETY: caller contract.
        unsafe { addr_block::release(addr) }
    })
}

/// Whether the address has more than one reference.
///
/// # Returns
/// 1 or 0 (0 for NULL).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_shared(addr: *const nl_addr) -> c_int {
    ffi_entry!("nl_addr_shared", {
        // SAFETY: caller contract.
        c_int::from(unsafe { addr_block::refcnt(addr) } > 1)
    })
}

/// Compares two addresses: family, length, bytes, then prefix length.
///
/// # Returns
/// 0 when equal, otherwise the first difference (negative / positive). A NULL address
/// sorts first.
/// # Ownership
/// Borrowed.
/// # Safety
/// Both are NULL or live addresses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_cmp(a: *const nl_addr, b: *const nl_addr) -> c_int {
    ffi_entry!("nl_addr_cmp", {
        // SAFETY: caller contract.
        let (x, y) = unsafe { (addr_block::value(a), addr_block::value(b)) };
        addr::cmp_nullable(x.as_ref(), y.as_ref(), addr::cmp)
    })
}

/// Compares family and the first `min(prefixlen)` bits of two addresses.
///
/// # Returns
/// 0 when the prefixes match, otherwise the difference. A NULL address sorts first
/// (libnl-compat: libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// Both are NULL or live addresses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_cmp_prefix(a: *const nl_addr, b: *const nl_addr) -> c_int {
    ffi_entry!("nl_addr_cmp_prefix", {
        // SAFETY: caller contract.
        let (x, y) = unsafe { (addr_block::value(a), addr_block::value(b)) };
        addr::cmp_nullable(x.as_ref(), y.as_ref(), addr::cmp_prefix)
    })
}

/// Whether every address byte is zero (true for an empty address).
///
/// # Returns
/// 1 or 0; 0 for NULL (libnl-compat: libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_iszero(addr: *const nl_addr) -> c_int {
    ffi_entry!("nl_addr_iszero", {
        // SAFETY: caller contract.
        let v = unsafe { addr_block::value(addr) };
        ffi_check!("nl_addr_iszero", v.is_some(), 0);
        v.map_or(0, |a| c_int::from(addr::is_zero(&a)))
    })
}

/// Whether `addr` is a valid address string for `family`.
///
/// # Returns
/// 1 or 0. Families without a parser always give 1 (also for NULL, as in libnl); a NULL
/// string gives 0 for the others (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_valid(addr: *const c_char, family: c_int) -> c_int {
    ffi_entry!("nl_addr_valid", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(addr) }.map(std::ffi::CStr::to_bytes);
        c_int::from(addr::valid(s, family))
    })
}

/// Guesses the family from the address length (4: `AF_INET`, 16: `AF_INET6`, 6: `AF_LLC`).
///
/// # Returns
/// The family, `AF_UNSPEC` otherwise (also for NULL; libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_guess_family(addr: *const nl_addr) -> c_int {
    ffi_entry!("nl_addr_guess_family", {
        // SAFETY: caller contract.
        unsafe { addr_block::value(addr) }
            .map_or(addr::AF_UNSPEC, |a| addr::guess_family(a.bytes.len()))
    })
}

/// Fills a `sockaddr_in`/`sockaddr_in6` for an `AF_INET`/`AF_INET6` address.
///
/// # Returns
/// 0 and `*salen` set to the structure size; `-NLE_INVAL` for other families, a length that
/// is neither 0 nor the family's, `*salen` too small, or NULL arguments (libnl crashes).
/// # Ownership
/// Borrowed; writes into the caller's buffer.
/// # Safety
/// `addr` is NULL or live; `sa` is NULL or writable for `*salen` bytes; `salen` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_fill_sockaddr(
    addr: *const nl_addr,
    sa: *mut libc::sockaddr,
    salen: *mut libc::socklen_t,
) -> c_int {
    ffi_entry!("nl_addr_fill_sockaddr", {
        // SAFETY: caller contract.
        let (a, room) = unsafe { (addr_block::value(addr), ptr::as_ref(salen).copied()) };
        ffi_check!(
            "nl_addr_fill_sockaddr",
            a.is_some() && room.is_some() && !sa.is_null(),
            -Error::Inval.code()
        );
        let (Some(a), Some(room)) = (a, room) else {
            return Error::Inval.to_nle();
        };
        match addr::fill_sockaddr(&a, room as usize) {
            Ok(s) => {
                // SAFETY: sa is writable for *salen >= s.len() bytes per contract.
                let out = unsafe { ptr::bytes_mut(sa.cast(), s.len()) };
                s.write_into(out);
                // SAFETY: salen is non-NULL and writable per contract.
                unsafe { ptr::write_out(salen, s.len() as libc::socklen_t) };
                0
            }
            Err(e) => e.to_nle(),
        }
    })
}

/// Runs `getaddrinfo` (numeric host, the address's family) on the printed address.
///
/// # Returns
/// 0 and `*result` set; `-NLE_OBJ_NOTFOUND`, `-NLE_AF_NOSUPPORT` … mapped from `EAI_*`;
/// `-NLE_INVAL` for NULL arguments (libnl crashes).
/// # Ownership
/// `*result` must be released with `freeaddrinfo`.
/// # Safety
/// `addr` is NULL or live; `result` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_info(
    addr: *const nl_addr,
    result: *mut *mut libc::addrinfo,
) -> c_int {
    ffi_entry!("nl_addr_info", {
        // SAFETY: caller contract.
        let a = unsafe { addr_block::value(addr) };
        ffi_check!(
            "nl_addr_info",
            a.is_some() && !result.is_null(),
            -Error::Inval.code()
        );
        let Some(a) = a else {
            return Error::Inval.to_nle();
        };
        let Ok(host) = std::ffi::CString::new(addr::to_string(&a)) else {
            return Error::Inval.to_nle();
        };
        match crate::sys::netdb::getaddrinfo_numeric(&host, a.family) {
            Ok(res) => {
                // SAFETY: result is non-NULL and writable per contract.
                unsafe { ptr::write_out(result, res) };
                0
            }
            Err(eai) => addr::eai_to_error(eai).to_nle(),
        }
    })
}

/// Looks up the host name of an `AF_INET`/`AF_INET6` address (`getnameinfo`, name required).
///
/// # Returns
/// 0 with the name in `host`; the negative `nl_addr_fill_sockaddr` error for other families;
/// libnl-compat: a *positive* `NLE_*` code (`nl_syserr2nlerr` of the `EAI_*` value) when the
/// lookup fails. `-NLE_INVAL` for a NULL address (libnl crashes).
/// # Ownership
/// Borrowed; writes into the caller's buffer.
/// # Safety
/// `addr` is NULL or live; `host` is NULL or writable for `hostlen` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_resolve(
    addr: *const nl_addr,
    host: *mut c_char,
    hostlen: usize,
) -> c_int {
    ffi_entry!("nl_addr_resolve", {
        // SAFETY: caller contract.
        let a = unsafe { addr_block::value(addr) };
        ffi_check!("nl_addr_resolve", a.is_some(), -Error::Inval.code());
        let Some(a) = a else {
            return Error::Inval.to_nle();
        };
        let buf = match addr::resolve_sockaddr(&a) {
            Ok(b) => b,
            Err(e) => return e.to_nle(),
        };
        // SAFETY: host is NULL or writable for hostlen bytes per contract.
        let err = unsafe { crate::sys::netdb::getnameinfo(&buf, host, hostlen, libc::NI_NAMEREQD) };
        if err == 0 { 0 } else { syserr2nlerr(err) }
    })
}

/// Sets the family.
///
/// # Returns
/// Nothing (NULL is ignored; libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_set_family(addr: *mut nl_addr, family: c_int) {
    ffi_entry!("nl_addr_set_family", {
        // SAFETY: caller contract.
        if let Some(h) = unsafe { addr_block::header_mut(addr) } {
            h.a_family = family;
        }
    })
}

/// The family.
///
/// # Returns
/// The `AF_*` value; 0 for NULL (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_get_family(addr: *const nl_addr) -> c_int {
    ffi_entry!("nl_addr_get_family", {
        // SAFETY: caller contract.
        unsafe { addr_block::header(addr) }.map_or(0, |h| h.a_family)
    })
}

/// Replaces the address bytes (the prefix length is unchanged).
///
/// # Returns
/// 0; `-NLE_RANGE` when `len` exceeds the room the address was allocated with; `-NLE_INVAL`
/// for a NULL address or a NULL `buf` with `len > 0` (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or live; `buf` is NULL or valid for reads of `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_set_binary_addr(
    addr: *mut nl_addr,
    buf: *const c_void,
    len: usize,
) -> c_int {
    ffi_entry!("nl_addr_set_binary_addr", {
        // SAFETY: caller contract.
        let max = unsafe { addr_block::header(addr) }.map(|h| h.a_maxsize as usize);
        ffi_check!(
            "nl_addr_set_binary_addr",
            max.is_some() && (!buf.is_null() || len == 0),
            -Error::Inval.code()
        );
        let Some(max) = max else {
            return Error::Inval.to_nle();
        };
        if len > max {
            return Error::Range.to_nle();
        }
        // SAFETY: buf is valid for len bytes per contract; copied first in case it points
        // into the address itself.
        let owned = unsafe { ptr::bytes(buf, len) }.to_vec();
        // SAFETY: addr is a live block.
        nle0(unsafe { addr_block::set_bytes(addr, &owned) })
    })
}

/// Pointer to the address bytes.
///
/// # Returns
/// The bytes inside the address (NULL for NULL; libnl returns a bogus pointer).
/// # Ownership
/// Borrowed: valid while the address lives; writable up to the allocated room.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_get_binary_addr(addr: *const nl_addr) -> *mut c_void {
    ffi_entry!("nl_addr_get_binary_addr", {
        if addr.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: addr is a live block per contract.
        unsafe { addr_block::bytes_ptr(addr) }
    })
}

/// The address length in bytes.
///
/// # Returns
/// The length; 0 for NULL (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_get_len(addr: *const nl_addr) -> c_uint {
    ffi_entry!("nl_addr_get_len", {
        // SAFETY: caller contract.
        unsafe { addr_block::header(addr) }.map_or(0, |h| h.a_len)
    })
}

/// Sets the prefix length (any value, no range check, as in libnl).
///
/// # Returns
/// Nothing (NULL is ignored; libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_set_prefixlen(addr: *mut nl_addr, prefixlen: c_int) {
    ffi_entry!("nl_addr_set_prefixlen", {
        // SAFETY: caller contract.
        if let Some(h) = unsafe { addr_block::header_mut(addr) } {
            h.a_prefixlen = prefixlen;
        }
    })
}

/// The prefix length.
///
/// # Returns
/// The prefix length as unsigned; 0 for NULL (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr_get_prefixlen(addr: *const nl_addr) -> c_uint {
    ffi_entry!("nl_addr_get_prefixlen", {
        // SAFETY: caller contract.
        unsafe { addr_block::header(addr) }.map_or(0, |h| h.a_prefixlen as c_uint)
    })
}

/// Writes the name of address family `family` (or `0x<hex>`) into `buf`.
///
/// # Returns
/// `buf`, truncated to `size - 1` characters and NUL-terminated when `size > 0`.
/// # Ownership
/// Borrowed; writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_af2str(family: c_int, buf: *mut c_char, size: usize) -> *mut c_char {
    ffi_entry!("nl_af2str", {
        // SAFETY: caller contract.
        unsafe { ptr::write_cbuf(buf, size, addr::af2str(family).as_bytes()) }
    })
}

/// The address family named `name` (case-insensitive) or given as a number.
///
/// # Returns
/// The family, or `-EINVAL` for unknown names, negative numbers and NULL (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2af(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2af", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(name) };
        ffi_check!("nl_str2af", s.is_some(), -libc::EINVAL);
        s.map_or(-libc::EINVAL, |s| addr::str2af(s.to_bytes()))
    })
}

/// Writes the textual form of `addr` into `buf` (`none` for NULL or empty addresses,
/// `/prefixlen` when it is not all bits).
///
/// # Returns
/// `buf`, truncated to `size - 1` characters and NUL-terminated when `size > 0`
/// (libnl-compat: libnl can write past small buffers).
/// # Ownership
/// Borrowed; writes into the caller's buffer.
/// # Safety
/// `addr` is NULL or live; `buf` is NULL or writable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_addr2str(
    addr: *const nl_addr,
    buf: *mut c_char,
    size: usize,
) -> *mut c_char {
    ffi_entry!("nl_addr2str", {
        // SAFETY: caller contract.
        let text = match unsafe { addr_block::value(addr) } {
            Some(a) => addr::to_string(&a),
            None => "none".to_string(),
        };
        // SAFETY: caller contract.
        unsafe { ptr::write_cbuf(buf, size, text.as_bytes()) }
    })
}

/// attr.h: appends attribute `attrtype` carrying the address bytes.
///
/// # Returns
/// 0; `-NLE_ATTRSIZE` when the address exceeds 65531 bytes (as `nla_put`); `-NLE_NOMEM`
/// when the message has no room; `-NLE_INVAL` for NULL arguments (libnl crashes). `attrtype`
/// is truncated to 16 bits as libnl does.
/// # Ownership
/// Borrowed.
/// # Safety
/// `msg` is NULL or a live message; `addr` is NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put_addr(
    msg: *mut nl_msg,
    attrtype: c_int,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("nla_put_addr", {
        // SAFETY: caller contract.
        let (m, a) = unsafe { (nl_msg::get_mut(msg), addr_block::value(addr)) };
        ffi_check!(
            "nla_put_addr",
            m.is_some() && a.is_some(),
            -Error::Inval.code()
        );
        let (Some(m), Some(a)) = (m, a) else {
            return Error::Inval.to_nle();
        };
        nle0(m.put_attr(attrtype as u16, &a.bytes).map(|_| ()))
    })
}
