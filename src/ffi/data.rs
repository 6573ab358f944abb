//! `netlink/data.h`: abstract data buffers, plus attr.h's `nla_put_data`.

use std::ffi::{c_int, c_void};

use crate::engine::data::Data;
use crate::error::Error;
use crate::ffi::types::{nl_data, nl_msg};
use crate::ffi::{nle0, ptr};
use crate::{ffi_check, ffi_entry};

/// Allocates a data buffer of `size` bytes copied from `buf` (zeroed when `buf` is NULL).
///
/// # Returns
/// The new buffer, or NULL when out of memory.
/// # Ownership
/// The caller owns it; release with `nl_data_free`.
/// # Safety
/// `buf` is NULL or valid for reads of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_alloc(buf: *const c_void, size: usize) -> *mut nl_data {
    ffi_entry!("nl_data_alloc", {
        if isize::try_from(size).is_err() {
            return std::ptr::null_mut();
        }
        let src = if buf.is_null() {
            None
        } else {
            // SAFETY: buf is valid for size bytes per contract.
            Some(unsafe { ptr::bytes(buf, size) })
        };
        Data::new(src, size).map_or(std::ptr::null_mut(), nl_data::new)
    })
}

/// Allocates a data buffer holding the payload of attribute `nla`.
///
/// # Returns
/// The new buffer, or NULL for NULL (libnl crashes), an `nla_len` below the header size, or
/// out of memory.
/// # Ownership
/// New buffer owned by the caller.
/// # Safety
/// `nla` is NULL or points to an attribute whose `nla_len` bytes are readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_alloc_attr(nla: *const libc::nlattr) -> *mut nl_data {
    ffi_entry!("nl_data_alloc_attr", {
        // SAFETY: caller contract.
        let claimed = unsafe { ptr::nla_claimed_len(nla) };
        ffi_check!(
            "nl_data_alloc_attr",
            claimed.is_some_and(|l| l >= 4),
            std::ptr::null_mut()
        );
        // SAFETY: caller contract; nla_len checked above.
        let Some(payload) = (unsafe { ptr::nla_payload(nla) }) else {
            return std::ptr::null_mut();
        };
        Data::new(Some(payload), payload.len()).map_or(std::ptr::null_mut(), nl_data::new)
    })
}

/// Copies a data buffer.
///
/// # Returns
/// The copy, or NULL for NULL (libnl crashes) / out of memory.
/// # Ownership
/// New buffer owned by the caller.
/// # Safety
/// `src` is NULL or a live buffer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_clone(src: *const nl_data) -> *mut nl_data {
    ffi_entry!("nl_data_clone", {
        // SAFETY: caller contract.
        let d = unsafe { nl_data::get_mut(src) };
        ffi_check!("nl_data_clone", d.is_some(), std::ptr::null_mut());
        d.map_or(std::ptr::null_mut(), |d| {
            Data::new(Some(&d.0), d.len()).map_or(std::ptr::null_mut(), nl_data::new)
        })
    })
}

/// Appends `size` bytes from `buf` (zeros when `buf` is NULL); the data may move.
///
/// # Returns
/// 0; `-NLE_NOMEM` when the buffer cannot grow (it is left unchanged; libnl-compat: libnl
/// wraps the size and corrupts the buffer for sizes near `SIZE_MAX`); `-NLE_INVAL` for a NULL
/// buffer (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `data` is NULL or live; `buf` is NULL or valid for reads of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_append(
    data: *mut nl_data,
    buf: *const c_void,
    size: usize,
) -> c_int {
    ffi_entry!("nl_data_append", {
        // SAFETY: caller contract.
        let d = unsafe { nl_data::get_mut(data) };
        ffi_check!("nl_data_append", d.is_some(), Error::Inval.to_nle());
        let Some(d) = d else {
            return Error::Inval.to_nle();
        };
        if isize::try_from(size).is_err() {
            return Error::NoMem.to_nle();
        }
        let src = if buf.is_null() {
            None
        } else {
            // SAFETY: buf is valid for size bytes per contract.
            Some(unsafe { ptr::bytes(buf, size) })
        };
        nle0(d.append(src, size))
    })
}

/// Frees a data buffer; NULL is ignored.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes the buffer.
/// # Safety
/// `data` is NULL or a live buffer not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_free(data: *mut nl_data) {
    ffi_entry!("nl_data_free", {
        // SAFETY: caller contract.
        unsafe { nl_data::release(data) };
    })
}

/// Pointer to the bytes.
///
/// # Returns
/// The bytes, NULL when the buffer is empty or NULL (libnl crashes on NULL).
/// # Ownership
/// Borrowed: valid until the buffer is appended to or freed.
/// # Safety
/// `data` is NULL or a live buffer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_get(data: *const nl_data) -> *mut c_void {
    ffi_entry!("nl_data_get", {
        // SAFETY: caller contract.
        match unsafe { nl_data::get_mut(data) } {
            Some(d) if !d.is_empty() => d.0.as_mut_ptr().cast(),
            _ => std::ptr::null_mut(),
        }
    })
}

/// Size in bytes.
///
/// # Returns
/// The size; 0 for NULL (libnl crashes).
/// # Ownership
/// Borrowed.
/// # Safety
/// `data` is NULL or a live buffer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_get_size(data: *const nl_data) -> usize {
    ffi_entry!("nl_data_get_size", {
        // SAFETY: caller contract.
        unsafe { nl_data::get_mut(data) }.map_or(0, |d| d.len())
    })
}

/// Compares the bytes of `a` (over `a`'s size) with `b`.
///
/// # Returns
/// 0 when equal, the first byte difference otherwise; -1 when either is empty or NULL
/// (libnl crashes on NULL).
/// # Ownership
/// Borrowed.
/// # Safety
/// Both are NULL or live buffers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_data_cmp(a: *const nl_data, b: *const nl_data) -> c_int {
    ffi_entry!("nl_data_cmp", {
        // SAFETY: caller contract; the two borrows are shared and short-lived.
        let (x, y) = unsafe { (nl_data::handle(a), nl_data::handle(b)) };
        ffi_check!("nl_data_cmp", x.is_some() && y.is_some(), -1);
        match (x, y) {
            // SAFETY: no mutable borrow of either value is live during this call.
            (Some(x), Some(y)) => unsafe { x.value().compare(y.value()) },
            _ => -1,
        }
    })
}

/// attr.h: appends attribute `attrtype` carrying the buffer's bytes.
///
/// # Returns
/// 0; `-NLE_ATTRSIZE` when the data exceeds 65531 bytes (as `nla_put`); `-NLE_NOMEM` when the
/// message has no room; `-NLE_INVAL` for NULL arguments (libnl crashes). `attrtype` is
/// truncated to 16 bits as libnl does.
/// # Ownership
/// Borrowed.
/// # Safety
/// `msg` is NULL or a live message; `data` is NULL or a live buffer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put_data(
    msg: *mut nl_msg,
    attrtype: c_int,
    data: *const nl_data,
) -> c_int {
    ffi_entry!("nla_put_data", {
        // SAFETY: caller contract; message and data are distinct objects.
        let (m, d) = unsafe { (nl_msg::get_mut(msg), nl_data::handle(data)) };
        ffi_check!(
            "nla_put_data",
            m.is_some() && d.is_some(),
            Error::Inval.to_nle()
        );
        let (Some(m), Some(d)) = (m, d) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: no mutable borrow of the data is live during this call.
        let bytes = unsafe { d.value() };
        nle0(m.put_attr(attrtype as u16, &bytes.0).map(|_| ()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::msg::Message;
    use crate::ffi::addr::{nl_addr_build, nl_addr_put, nla_put_addr};

    #[test]
    fn put_data_and_addr_append_attributes() {
        let msg = nl_msg::from_message(Message::new().unwrap());
        let small = nl_msg::from_message(Message::with_capacity(20).unwrap());
        // SAFETY: every pointer comes from the constructors above and is released once.
        unsafe {
            let d = nl_data_alloc([1u8, 2, 3].as_ptr().cast(), 3);
            let e = nl_data_alloc(std::ptr::null(), 0);
            let a = nl_addr_build(10, [1u8, 2, 3, 4, 5].as_ptr().cast(), 5);
            assert_eq!(nla_put_addr(msg, 0x10003, a), 0);
            assert_eq!(nla_put_data(msg, -1, d), 0);
            assert_eq!(nla_put_data(msg, 5, e), 0);
            assert_eq!(nla_put_data(small, 1, d), -5);
            assert_eq!(nla_put_addr(small, 1, a), -5);
            assert_eq!(nla_put_data(std::ptr::null_mut(), 1, d), -7);
            assert_eq!(nla_put_data(msg, 1, std::ptr::null()), -7);
            assert_eq!(nla_put_addr(msg, 1, std::ptr::null_mut()), -7);
            let m = nl_msg::get_mut(msg).unwrap();
            let body = m.bytes().get(16..).unwrap().to_vec();
            assert_eq!(
                body,
                vec![
                    9, 0, 3, 0, 1, 2, 3, 4, 5, 0, 0, 0, 7, 0, 0xff, 0xff, 1, 2, 3, 0, 4, 0, 5, 0
                ]
            );
            nl_addr_put(a);
            nl_data_free(d);
            nl_data_free(e);
            nl_msg::release(msg);
            nl_msg::release(small);
        }
    }
}
