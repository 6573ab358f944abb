//! `netlink/genl/genl.h`: generic netlink sockets and message helpers.
//!
//! The header bytes, the message building and libnl's length arithmetic are
//! [`crate::engine::genl`]'s; this file turns them into pointers into the caller's message and
//! hands the attribute area to the attribute parser. The two socket operations go through
//! `connect` and `send_simple` (private, one line each).

use std::ffi::{c_char, c_int, c_void};

use libc::{nlattr, nlmsghdr};

use crate::engine::genl as eg;
use crate::error::Error;
use crate::ffi::ptr;
use crate::ffi::socket::nl_sock;
use crate::ffi::types::{nl_msg, nla_policy};
use crate::{ffi_check, ffi_entry};

/// Connects `sk` to `protocol` (the socket use of `genl_connect`).
///
/// # Safety
/// `sk` NULL or live.
unsafe fn connect(sk: *mut nl_sock, protocol: c_int) -> c_int {
    // SAFETY: forwarded contract.
    match unsafe { crate::ffi::socket::sk_ref(sk) } {
        Some(s) => s.connect_to(protocol),
        None => crate::error::Error::BadSock.to_nle(),
    }
}

/// Sends a netlink header of type `ty` with `flags` followed by `payload` (the socket use of
/// `genl_send_simple`).
///
/// # Safety
/// `sk` NULL or live.
unsafe fn send_simple(sk: *mut nl_sock, ty: c_int, flags: c_int, payload: &mut [u8]) -> c_int {
    // SAFETY: forwarded contract.
    match unsafe { crate::ffi::socket::sk_ref(sk) } {
        Some(s) => s.send_simple(ty as u16, flags as u16, payload),
        None => crate::error::Error::BadSock.to_nle(),
    }
}

/// `genl_connect`: connects `sk` to `NETLINK_GENERIC`.
///
/// # Returns
/// 0 or a negative `NLE_*` code (as `nl_connect`).
/// # Ownership
/// Borrows `sk`.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_connect(sk: *mut nl_sock) -> c_int {
    ffi_entry!("genl_connect", {
        crate::ffi::genl::ensure_types();
        // SAFETY: forwarded contract.
        unsafe { connect(sk, libc::NETLINK_GENERIC) }
    })
}

/// `genl_send_simple`: sends a netlink header of type `family` with `flags` followed by a
/// generic header `{cmd, version}`.
///
/// # Returns
/// Bytes sent or a negative `NLE_*` code.
/// # Ownership
/// Borrows `sk`.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_send_simple(
    sk: *mut nl_sock,
    family: c_int,
    cmd: c_int,
    version: c_int,
    flags: c_int,
) -> c_int {
    ffi_entry!("genl_send_simple", {
        // libnl-compat: command and version are cut to 8 bits, as libnl's struct initialiser does.
        let mut hdr = eg::header(cmd as u8, version as u8);
        // SAFETY: forwarded contract.
        unsafe { send_simple(sk, family, flags, &mut hdr) }
    })
}

/// `genlmsg_put`: appends a netlink header and a generic header `{cmd, version}` plus `hdrlen`
/// bytes of (zeroed) user header.
///
/// # Returns
/// The user header (right after the generic header), or NULL when the message is full.
/// # Ownership
/// Points into the message.
/// # Safety
/// `msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_put(
    msg: *mut nl_msg,
    port: u32,
    seq: u32,
    family: c_int,
    hdrlen: c_int,
    flags: c_int,
    cmd: u8,
    version: u8,
) -> *mut c_void {
    ffi_entry!("genlmsg_put", {
        // SAFETY: caller contract; the borrow ends with this statement.
        let put = unsafe { nl_msg::get_mut(msg) }.map(|m| {
            eg::put(m, port, seq, family, hdrlen, flags, cmd, version)
                .map(|off| ptr::offset_wrapping::<_, c_void>(m.buf().as_ptr(), off as isize))
        });
        ffi_check!("genlmsg_put", put.is_some(), std::ptr::null_mut());
        let Some(user) = put.flatten() else {
            return std::ptr::null_mut();
        };
        crate::nl_dbg!(
            2,
            "msg {:p}: Added generic netlink header cmd={} version={}\n",
            msg,
            cmd,
            version
        );
        user
    })
}

/// `p + off` in wrapping address arithmetic, NULL for NULL (libnl-compat: libnl offsets NULL).
fn at<T, U>(p: *const T, off: usize) -> *mut U {
    if p.is_null() {
        return std::ptr::null_mut();
    }
    ptr::offset_wrapping(p, off as isize)
}

/// The netlink header owning a generic header (C's `gnlh - NLMSG_HDRLEN`).
fn nlh_of(gnlh: *const c_void) -> *const nlmsghdr {
    ptr::offset_wrapping(gnlh, -(eg::NLMSG_HDRLEN as isize))
}

/// `nlmsg_len` of the message a generic header belongs to.
///
/// # Safety
/// `gnlh` NULL or 16 bytes after a readable netlink header.
unsafe fn len_of(gnlh: *const c_void) -> Option<u32> {
    if gnlh.is_null() {
        return None;
    }
    // SAFETY: caller contract.
    unsafe { ptr::as_ref(nlh_of(gnlh)) }.map(|h| h.nlmsg_len)
}

/// `genlmsg_valid_hdr`: whether the message holds a generic header and `hdrlen` more bytes.
///
/// # Returns
/// 1 or 0 (0 for NULL; libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or a readable header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_valid_hdr(nlh: *mut nlmsghdr, hdrlen: c_int) -> c_int {
    ffi_entry!("genlmsg_valid_hdr", {
        // SAFETY: caller contract.
        unsafe { ptr::as_ref(nlh) }.map_or(0, |h| c_int::from(eg::valid_hdr(h.nlmsg_len, hdrlen)))
    })
}

/// The attribute area after a user header of `hdrlen` bytes: (start, length).
///
/// # Safety
/// `nlh` NULL or a readable header.
unsafe fn attr_area(nlh: *mut nlmsghdr, hdrlen: c_int) -> Result<(*mut nlattr, c_int), c_int> {
    // SAFETY: caller contract.
    let Some(h) = (unsafe { ptr::as_ref(nlh) }) else {
        crate::nl_dbg!(1, "genlmsg: NULL message header\n");
        return Err(Error::Inval.to_nle());
    };
    let area = eg::attr_area(h.nlmsg_len, hdrlen).map_err(|e| e.to_nle())?;
    let len = c_int::try_from(area.len()).unwrap_or(0);
    Ok((ptr::offset_wrapping(nlh, area.start as isize), len))
}

/// `genlmsg_validate`: checks the attributes after a user header of `hdrlen` bytes.
///
/// # Returns
/// 0, `-NLE_MSG_TOOSHORT`, or `nla_validate`'s error. NULL `nlh` gives `-NLE_INVAL` and a
/// NULL policy validates nothing (libnl-compat: libnl crashes on both).
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or a message of `nlmsg_len` readable bytes; `policy` NULL or `maxtype + 1`
/// entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_validate(
    nlh: *mut nlmsghdr,
    hdrlen: c_int,
    maxtype: c_int,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("genlmsg_validate", {
        // SAFETY: caller contract.
        let (head, len) = match unsafe { attr_area(nlh, hdrlen) } {
            Ok(a) => a,
            Err(e) => return e,
        };
        if policy.is_null() {
            return 0;
        }
        // SAFETY: the area lies inside the message (caller contract).
        unsafe { crate::ffi::attr::validate_raw(head, len, maxtype, policy) }
    })
}

/// `genlmsg_parse`: parses the attributes after a user header of `hdrlen` bytes into
/// `tb[0..=maxtype]`.
///
/// # Returns
/// 0, `-NLE_MSG_TOOSHORT`, or `nla_parse`'s error (`-NLE_INVAL` for NULL `nlh`).
/// # Ownership
/// `tb` entries point into the message.
/// # Safety
/// As `nla_parse`; `nlh` NULL or a message of `nlmsg_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_parse(
    nlh: *mut nlmsghdr,
    hdrlen: c_int,
    tb: *mut *mut nlattr,
    maxtype: c_int,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("genlmsg_parse", {
        // SAFETY: caller contract.
        let (head, len) = match unsafe { attr_area(nlh, hdrlen) } {
            Ok(a) => a,
            Err(e) => return e,
        };
        // SAFETY: forwarded contract; the area lies inside the message.
        unsafe { crate::ffi::attr::parse_raw(tb, maxtype, head, len, policy) }
    })
}

/// `genlmsg_hdr`: the generic header of a message.
///
/// # Returns
/// `nlh + 16` (NULL for NULL).
/// # Ownership
/// Points into the message.
/// # Safety
/// None beyond address arithmetic.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_hdr(nlh: *mut nlmsghdr) -> *mut libc::genlmsghdr {
    ffi_entry!("genlmsg_hdr", { at(nlh, eg::NLMSG_HDRLEN as usize) })
}

/// `genlmsg_data`: what follows the generic header.
///
/// # Returns
/// `gnlh + 4` (NULL for NULL).
/// # Ownership
/// Points into the message.
/// # Safety
/// None beyond address arithmetic.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_data(gnlh: *const libc::genlmsghdr) -> *mut c_void {
    ffi_entry!("genlmsg_data", { at(gnlh, eg::GENL_HDRLEN as usize) })
}

/// `genlmsg_user_hdr`: the user header (same as `genlmsg_data`).
///
/// # Returns
/// `gnlh + 4` (NULL for NULL).
/// # Ownership
/// Points into the message.
/// # Safety
/// None beyond address arithmetic.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_user_hdr(gnlh: *const libc::genlmsghdr) -> *mut c_void {
    ffi_entry!("genlmsg_user_hdr", { at(gnlh, eg::GENL_HDRLEN as usize) })
}

/// `genlmsg_user_data`: what follows a user header of `hdrlen` bytes.
///
/// # Returns
/// `gnlh + 4 + NLMSG_ALIGN(hdrlen)` in C's unsigned arithmetic (NULL for NULL).
/// # Ownership
/// Points into the message.
/// # Safety
/// None beyond address arithmetic.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_user_data(
    gnlh: *const libc::genlmsghdr,
    hdrlen: c_int,
) -> *mut c_void {
    ffi_entry!("genlmsg_user_data", {
        at(gnlh, eg::user_data_offset(hdrlen))
    })
}

/// `genlmsg_user_datalen`: bytes after a user header of `hdrlen` bytes.
///
/// # Returns
/// `genlmsg_len - NLMSG_ALIGN(hdrlen)` (may be negative); 0 for NULL (libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `gnlh` NULL or 16 bytes after a readable netlink header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_user_datalen(
    gnlh: *const libc::genlmsghdr,
    hdrlen: c_int,
) -> c_int {
    ffi_entry!("genlmsg_user_datalen", {
        // SAFETY: caller contract.
        unsafe { len_of(gnlh.cast()) }.map_or(0, |l| eg::user_datalen(l, hdrlen))
    })
}

/// `genlmsg_len`: bytes after the generic header.
///
/// # Returns
/// `nlmsg_len - 20` (may be negative); 0 for NULL (libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `gnlh` NULL or 16 bytes after a readable netlink header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_len(gnlh: *const libc::genlmsghdr) -> c_int {
    ffi_entry!("genlmsg_len", {
        // SAFETY: caller contract.
        unsafe { len_of(gnlh.cast()) }.map_or(0, eg::genlmsg_len)
    })
}

/// `genlmsg_attrdata`: the attributes after a user header of `hdrlen` bytes.
///
/// # Returns
/// As `genlmsg_user_data`.
/// # Ownership
/// Points into the message.
/// # Safety
/// None beyond address arithmetic.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_attrdata(
    gnlh: *const libc::genlmsghdr,
    hdrlen: c_int,
) -> *mut nlattr {
    ffi_entry!("genlmsg_attrdata", {
        at(gnlh, eg::user_data_offset(hdrlen))
    })
}

/// `genlmsg_attrlen`: length of the attributes after a user header of `hdrlen` bytes.
///
/// # Returns
/// As `genlmsg_user_datalen`.
/// # Ownership
/// None.
/// # Safety
/// As `genlmsg_user_datalen`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genlmsg_attrlen(gnlh: *const libc::genlmsghdr, hdrlen: c_int) -> c_int {
    ffi_entry!("genlmsg_attrlen", {
        // SAFETY: caller contract.
        unsafe { len_of(gnlh.cast()) }.map_or(0, |l| eg::user_datalen(l, hdrlen))
    })
}

/// `genl_op2name`: the name of command `op` of the registered family `family`.
///
/// # Returns
/// `buf` holding the name, or NULL with "unknown" in `buf` (both cut to `len - 1` bytes and
/// terminated; nothing is written when `len` is 0 or `buf` NULL).
/// # Ownership
/// Borrows `buf`.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_op2name(
    family: c_int,
    op: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("genl_op2name", {
        let name = crate::ffi::genl::mngt::cmd_name(family, op);
        let text = name.as_deref().unwrap_or(b"unknown");
        if !buf.is_null() {
            if let Some(bytes) = eg::mngt::op2name_bytes(text, len) {
                // SAFETY: buf is writable for len >= bytes.len() bytes (caller contract).
                let dst = unsafe { ptr::bytes_mut(buf.cast(), bytes.len()) };
                dst.copy_from_slice(&bytes);
            }
        }
        if name.is_some() {
            buf
        } else {
            std::ptr::null_mut()
        }
    })
}
