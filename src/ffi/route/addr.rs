//! `netlink/route/addr.h`, as far as libnlrs has it: the address flag names.

use std::ffi::{c_char, c_int};

use super::{arg, to_buf};
use crate::engine::route::addr as ea;
use crate::ffi_entry;

/// `rtnl_addr_flags2str`: the names of address flags (`IFA_F_*`), comma-separated.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_flags2str(
    flags: c_int,
    buf: *mut c_char,
    size: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_addr_flags2str", {
        to_buf(buf, size, &ea::flags2str(flags, size))
    })
}

/// `rtnl_addr_str2flags`: the flags of a comma-separated list of names.
///
/// # Returns
/// The flags (unknown names ignored), 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_str2flags(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_addr_str2flags", {
        arg(name).map_or(0, ea::str2flags)
    })
}
