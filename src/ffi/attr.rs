//! `netlink/attr.h`: attribute sizes, parsing, validation, getters and builders.
//!
//! Functions taking a `struct nlattr *` work on arbitrary caller memory: like libnl they trust
//! `nla_len` (C must have checked the attribute with `nla_ok`/`nla_parse`), but unlike libnl the
//! getters never read past it (see [`nla_get_u32`]). `nla_put_data` and `nla_put_addr` live in
//! `ffi/data.rs` and `ffi/addr.rs`.

use std::ffi::{c_char, c_int, c_ulong, c_void};

use libc::nlattr;

use super::ptr;
use super::types::{NLE_INVAL, nl_msg, nla_policy};
use crate::engine::attr as eattr;
use crate::engine::policy::{Policy, PolicyTable};
use crate::engine::wire::{NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK};
use crate::ffi_check;
use crate::ffi_entry;
use crate::nl_dbg;

/// The caller's `struct nla_policy` array seen as an engine policy table (no copy).
struct CPolicy<'a>(&'a [nla_policy]);

impl PolicyTable for CPolicy<'_> {
    fn entry(&self, ty: usize) -> Option<Policy> {
        self.0.get(ty).map(|p| Policy {
            ty: p.type_,
            minlen: p.minlen,
            maxlen: p.maxlen,
        })
    }
}

/// The attribute header at `nla`, `None` for NULL.
///
/// # Safety
/// `nla` is NULL or points to a readable 4-byte attribute header.
unsafe fn hdr<'a>(nla: *const nlattr) -> Option<&'a nlattr> {
    // SAFETY: forwarded contract.
    unsafe { ptr::as_ref(nla) }
}

/// The payload at `nla` as `nla_len` describes it (empty for NULL).
///
/// # Safety
/// `nla` is NULL or a valid attribute whose `nla_len - 4` payload bytes are readable.
unsafe fn payload<'a>(nla: *const nlattr) -> &'a [u8] {
    // SAFETY: forwarded contract.
    unsafe { ptr::nla_payload(nla) }.unwrap_or_default()
}

/// Shared body of `nla_parse`, `nla_parse_nested`, `nlmsg_parse`: fills `tb[0..=maxtype]`
/// with pointers into `head`.
///
/// # Safety
/// `tb` is NULL or has `maxtype + 1` writable slots; `head` is NULL or `len` readable bytes;
/// `policy` is NULL or has `maxtype + 1` entries.
pub(crate) unsafe fn parse_raw(
    tb: *mut *mut nlattr,
    maxtype: c_int,
    head: *const nlattr,
    len: c_int,
    policy: *const nla_policy,
) -> c_int {
    let Some(slots) = eattr::table_len(maxtype) else {
        return 0;
    };
    ffi_check!("nla_parse", !tb.is_null(), -NLE_INVAL);
    // SAFETY: tb has maxtype + 1 slots per the nla_parse contract.
    let table = unsafe { ptr::slice_mut(tb, slots) };
    // SAFETY: head holds len bytes per contract.
    let buf = unsafe { ptr::bytes_int(head.cast(), len) };
    // SAFETY: policy has maxtype + 1 entries per contract.
    let pol = (!policy.is_null()).then(|| CPolicy(unsafe { ptr::slice(policy, slots) }));
    let at = |a: &eattr::Attr<'_>| {
        // SAFETY: a.offset < len: the attribute lies inside the caller's buffer.
        unsafe { ptr::offset(head, a.offset) }
    };
    let null = std::ptr::null_mut();
    super::nle0(eattr::parse_table(
        buf,
        slots - 1,
        pol.as_ref(),
        table,
        null,
        at,
    ))
}

/// `nla_attr_size`: length of an attribute carrying `payload` bytes (without padding).
///
/// # Returns
/// `payload + 4` (C `int` arithmetic).
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_attr_size(payload: c_int) -> c_int {
    ffi_entry!("nla_attr_size", { eattr::attr_size(payload) })
}

/// `nla_total_size`: length of an attribute carrying `payload` bytes including padding.
///
/// # Returns
/// `nla_attr_size(payload)` rounded up to 4.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_total_size(payload: c_int) -> c_int {
    ffi_entry!("nla_total_size", { eattr::total_size(payload) })
}

/// `nla_padlen`: padding bytes after an attribute carrying `payload` bytes.
///
/// # Returns
/// 0..=3.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_padlen(payload: c_int) -> c_int {
    ffi_entry!("nla_padlen", { eattr::padlen(payload) })
}

/// `nla_type`: the attribute type without the `NLA_F_*` flag bits.
///
/// # Returns
/// The type; 0 for NULL (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `nla` is NULL or a readable attribute header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_type(nla: *const nlattr) -> c_int {
    ffi_entry!("nla_type", {
        // SAFETY: caller contract.
        let h = unsafe { hdr(nla) };
        ffi_check!("nla_type", h.is_some(), 0);
        h.map_or(0, |h| c_int::from(h.nla_type & NLA_TYPE_MASK))
    })
}

/// `nla_data`: the payload start (4 bytes after the header).
///
/// # Returns
/// A pointer into the attribute; NULL for NULL (libnl-compat: libnl returns `(void *)4`).
/// # Ownership
/// Borrowed from the attribute's memory.
/// # Safety
/// `nla` is NULL or points into an attribute.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_data(nla: *const nlattr) -> *mut c_void {
    ffi_entry!("nla_data", {
        if nla.is_null() {
            return std::ptr::null_mut();
        }
        ptr::offset_wrapping(nla, NLA_HDRLEN as isize)
    })
}

/// `nla_len`: payload length, `nla_len - 4` (negative for a bogus header).
///
/// # Returns
/// The length; 0 for NULL (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `nla` is NULL or a readable attribute header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_len(nla: *const nlattr) -> c_int {
    ffi_entry!("nla_len", {
        // SAFETY: caller contract.
        let h = unsafe { hdr(nla) };
        ffi_check!("nla_len", h.is_some(), 0);
        h.map_or(0, |h| eattr::payload_len(h.nla_len))
    })
}

/// `nla_ok`: whether the attribute at `nla` fits in `remaining` bytes.
///
/// # Returns
/// 1 or 0 (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `nla` is NULL or readable for 4 bytes when `remaining >= 4`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_ok(nla: *const nlattr, remaining: c_int) -> c_int {
    ffi_entry!("nla_ok", {
        if remaining < NLA_HDRLEN as c_int {
            return 0;
        }
        // SAFETY: at least 4 bytes remain per contract.
        let Some(h) = (unsafe { hdr(nla) }) else {
            return 0;
        };
        c_int::from(eattr::ok(h.nla_len, remaining))
    })
}

/// `nla_next`: the attribute after `nla`; subtracts the aligned length from `*remaining`.
///
/// # Returns
/// The next attribute address (not checked: use `nla_ok`); NULL when an argument is NULL.
/// # Ownership
/// Borrowed from the buffer.
/// # Safety
/// `nla` is NULL or a readable attribute header; `remaining` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_next(nla: *const nlattr, remaining: *mut c_int) -> *mut nlattr {
    ffi_entry!("nla_next", {
        // SAFETY: caller contract.
        let (Some(h), Some(rem)) = (unsafe { hdr(nla) }, unsafe { ptr::as_mut(remaining) }) else {
            nl_dbg!(1, "nla_next: NULL argument\n");
            return std::ptr::null_mut();
        };
        let totlen = eattr::next_len(h.nla_len);
        *rem = rem.wrapping_sub(totlen);
        ptr::offset_wrapping(nla, totlen as isize)
    })
}

/// `nla_parse`: stores the last attribute of each type `0..=maxtype` in `tb`, validating
/// against `policy` when given.
///
/// # Returns
/// 0, `-NLE_RANGE`/`-NLE_INVAL` on a policy violation, `-NLE_INVAL` for a NULL `tb`.
/// # Ownership
/// `tb` entries point into `head`.
/// # Safety
/// `tb` has `maxtype + 1` slots, `head` `len` readable bytes, `policy` NULL or
/// `maxtype + 1` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_parse(
    tb: *mut *mut nlattr,
    maxtype: c_int,
    head: *mut nlattr,
    len: c_int,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("nla_parse", {
        // SAFETY: forwarded contract.
        unsafe { parse_raw(tb, maxtype, head, len, policy) }
    })
}

/// `nla_validate`: checks every attribute of type `0..=maxtype` in `head` against `policy`.
///
/// # Returns
/// 0, `-NLE_RANGE` or `-NLE_INVAL`. A NULL policy checks nothing (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `head` has `len` readable bytes, `policy` NULL or `maxtype + 1` entries.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_validate(
    head: *const nlattr,
    len: c_int,
    maxtype: c_int,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("nla_validate", {
        // SAFETY: forwarded contract.
        unsafe { validate_raw(head, len, maxtype, policy) }
    })
}

/// Shared body of `nla_validate` / `genlmsg_validate`.
///
/// # Safety
/// `head` has `len` readable bytes, `policy` NULL or `maxtype + 1` entries.
pub(crate) unsafe fn validate_raw(
    head: *const nlattr,
    len: c_int,
    maxtype: c_int,
    policy: *const nla_policy,
) -> c_int {
    let Some(slots) = eattr::table_len(maxtype) else {
        return 0;
    };
    ffi_check!("nla_validate", !policy.is_null(), 0);
    // SAFETY: caller contract.
    let buf = unsafe { ptr::bytes_int(head.cast(), len) };
    // SAFETY: caller contract: maxtype + 1 entries.
    let pol = CPolicy(unsafe { ptr::slice(policy, slots) });
    super::nle0(eattr::validate(buf, slots - 1, &pol))
}

/// `nla_find`: the first attribute of type `attrtype` in `head`.
///
/// # Returns
/// The attribute or NULL.
/// # Ownership
/// Borrowed from `head`.
/// # Safety
/// `head` has `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_find(head: *const nlattr, len: c_int, attrtype: c_int) -> *mut nlattr {
    ffi_entry!("nla_find", {
        // SAFETY: caller contract.
        unsafe { find_raw(head, len, attrtype) }
    })
}

/// Shared body of `nla_find` / `nlmsg_find_attr`.
///
/// # Safety
/// `head` has `len` readable bytes.
pub(crate) unsafe fn find_raw(head: *const nlattr, len: c_int, attrtype: c_int) -> *mut nlattr {
    // SAFETY: caller contract.
    let buf = unsafe { ptr::bytes_int(head.cast(), len) };
    match eattr::find_int(buf, attrtype) {
        // SAFETY: the attribute lies inside the caller's buffer.
        Some(a) => unsafe { ptr::offset(head, a.offset) },
        None => std::ptr::null_mut(),
    }
}

/// `nla_memcpy`: copies `min(count, nla_len(src))` payload bytes to `dest`.
///
/// # Returns
/// The number of bytes copied; 0 for a NULL `src` (as libnl), and 0 without copying when that
/// minimum is negative or `dest` is NULL (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `src` NULL or a valid attribute; `dest` writable for the returned count.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_memcpy(dest: *mut c_void, src: *const nlattr, count: c_int) -> c_int {
    ffi_entry!("nla_memcpy", {
        // SAFETY: caller contract.
        let data = unsafe { payload(src) };
        if src.is_null() {
            return 0;
        }
        let part = eattr::memcpy_part(data, count);
        ffi_check!("nla_memcpy", part.is_empty() || !dest.is_null(), 0);
        // SAFETY: dest is writable for min(count, payload) bytes per contract.
        unsafe { ptr::bytes_mut(dest, part.len()) }.copy_from_slice(part);
        part.len() as c_int
    })
}

/// `nla_strlcpy`: copies the string payload into `dst` (`dstsize` bytes, always terminated
/// and zero-filled).
///
/// # Returns
/// The source string length (payload minus one trailing NUL); 0 for a NULL attribute.
/// # Ownership
/// None.
/// # Safety
/// `nla` NULL or a valid attribute; `dst` NULL or writable for `dstsize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_strlcpy(
    dst: *mut c_char,
    nla: *const nlattr,
    dstsize: usize,
) -> usize {
    ffi_entry!("nla_strlcpy", {
        ffi_check!("nla_strlcpy", !nla.is_null(), 0);
        // SAFETY: caller contract.
        let data = unsafe { payload(nla) };
        // SAFETY: dst writable for dstsize bytes per contract.
        let out = unsafe { ptr::bytes_mut(dst.cast(), dstsize) };
        eattr::strlcpy(data, out)
    })
}

/// `nla_memcmp`: compares the payload with `size` bytes at `data`.
///
/// # Returns
/// `nla_len - size` when the lengths differ, else the byte difference at the first mismatch
/// (0 when equal). -1 for a NULL attribute (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `nla` NULL or a valid attribute; `data` readable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_memcmp(nla: *const nlattr, data: *const c_void, size: usize) -> c_int {
    ffi_entry!("nla_memcmp", {
        ffi_check!("nla_memcmp", !nla.is_null(), -1);
        // SAFETY: caller contract (nla is non-NULL).
        let (h, p) = unsafe { (hdr(nla), payload(nla)) };
        // SAFETY: data readable for size bytes per contract.
        let d = unsafe { ptr::bytes(data, size) };
        h.map_or(-1, |h| eattr::memcmp(h.nla_len, p, size, d))
    })
}

/// `nla_strcmp`: compares the payload with the string `str` including its NUL.
///
/// # Returns
/// As [`nla_memcmp`] with `strlen(str) + 1`; -1 for NULL arguments (libnl-compat: libnl
/// crashes).
/// # Ownership
/// None.
/// # Safety
/// `nla` NULL or a valid attribute; `str` NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_strcmp(nla: *const nlattr, str: *const c_char) -> c_int {
    ffi_entry!("nla_strcmp", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(str) };
        ffi_check!("nla_strcmp", s.is_some() && !nla.is_null(), -1);
        let s = s.map(|s| s.to_bytes_with_nul()).unwrap_or_default();
        // SAFETY: caller contract.
        unsafe { nla_memcmp(nla, s.as_ptr().cast(), s.len()) }
    })
}

/// `nla_reserve`: appends an attribute of type `attrtype` with room for `attrlen` payload
/// bytes (padding zeroed, payload left for the caller).
///
/// # Returns
/// The new attribute, or NULL when `attrlen < 0`, the message has no room, or the attribute
/// would not fit the 16-bit `nla_len` (libnl-compat: libnl wraps the length and corrupts the
/// message there).
/// # Ownership
/// Points into the message buffer (valid until `nlmsg_expand`/`nlmsg_free`).
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_reserve(
    msg: *mut nl_msg,
    attrtype: c_int,
    attrlen: c_int,
) -> *mut nlattr {
    ffi_entry!("nla_reserve", {
        // SAFETY: caller contract.
        let m = unsafe { nl_msg::get_mut(msg) };
        ffi_check!("nla_reserve", m.is_some(), std::ptr::null_mut());
        let Some(m) = m else {
            return std::ptr::null_mut();
        };
        match m.reserve_attr_int(attrtype, attrlen) {
            Ok(off) => m.buf().ptr_at(off).unwrap_or(std::ptr::null_mut()).cast(),
            Err(_) => std::ptr::null_mut(),
        }
    })
}

/// Shared body of the `nla_put*` functions.
///
/// # Safety
/// `msg` NULL or live; `data` NULL or readable for `datalen` bytes.
unsafe fn put_raw(msg: *mut nl_msg, attrtype: c_int, datalen: c_int, data: *const c_void) -> c_int {
    // SAFETY: caller contract.
    let m = unsafe { nl_msg::get_mut(msg) };
    ffi_check!("nla_put", m.is_some(), -NLE_INVAL);
    let Some(m) = m else { return -NLE_INVAL };
    let Ok(len) = usize::try_from(datalen) else {
        return -NLE_INVAL;
    };
    // libnl-compat: libnl reserves first and then crashes copying from NULL; we refuse up front.
    ffi_check!("nla_put", len == 0 || !data.is_null(), -NLE_INVAL);
    // SAFETY: data readable for datalen bytes per contract.
    let bytes = unsafe { ptr::bytes(data, len) };
    super::nle0(m.put_attr_int(attrtype, bytes))
}

/// `nla_put`: appends an attribute carrying `datalen` bytes from `data`.
///
/// # Returns
/// 0; `-NLE_INVAL` for `datalen < 0` (or NULL data with a length); `-NLE_ATTRSIZE` when the
/// payload exceeds 65531 bytes, so the attribute length would not fit its 16 bits
/// (libnl-compat: libnl stores a wrapped length, see `Message::put_attr_int`); `-NLE_NOMEM`
/// when the message has no room.
/// # Ownership
/// The data is copied.
/// # Safety
/// `msg` NULL or live; `data` readable for `datalen` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put(
    msg: *mut nl_msg,
    attrtype: c_int,
    datalen: c_int,
    data: *const c_void,
) -> c_int {
    ffi_entry!("nla_put", {
        // SAFETY: forwarded contract.
        unsafe { put_raw(msg, attrtype, datalen, data) }
    })
}

/// Doc line: how the 8- to 32-bit getters treat a payload shorter than their type.
macro_rules! short_partial {
    () => {
        "libnl-compat: a payload shorter than the type is read as far as it goes and \
         zero-extended (libnl reads past the attribute)."
    };
}

/// Doc line: how the 64-bit getters treat a payload shorter than their type.
macro_rules! short_zero {
    () => {
        "A payload shorter than 8 bytes gives 0, as in libnl (and so does a header shorter \
         than 4 bytes; libnl-compat: libnl reads 8 bytes past such a header)."
    };
}

macro_rules! int_attr {
    ($get:ident, $put:ident, $t:ty, $n:literal, $read:ident, $short:ident) => {
        #[doc = concat!("`", stringify!($get), "`: the payload as `", stringify!($t), "`.")]
        ///
        /// # Returns
        /// The value; 0 for NULL.
        #[doc = $short!()]
        /// # Ownership
        /// None.
        /// # Safety
        /// `nla` NULL or a valid attribute.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(nla: *const nlattr) -> $t {
            ffi_entry!("nla_get_int", {
                // SAFETY: caller contract.
                let p = unsafe { payload(nla) };
                <$t>::from_ne_bytes(eattr::$read::<$n>(p))
            })
        }

        #[doc = concat!("`", stringify!($put), "`: appends a `", stringify!($t), "` attribute.")]
        ///
        /// # Returns
        /// 0 or `-NLE_NOMEM` (as [`nla_put`]; the payload is never too long).
        /// # Ownership
        /// None.
        /// # Safety
        /// `msg` NULL or a live message.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $put(msg: *mut nl_msg, attrtype: c_int, value: $t) -> c_int {
            ffi_entry!("nla_put_int", {
                // SAFETY: caller contract.
                let m = unsafe { nl_msg::get_mut(msg) };
                ffi_check!("nla_put", m.is_some(), -NLE_INVAL);
                let Some(m) = m else { return -NLE_INVAL };
                // A fixed-size payload: put_attr inlines to constant-size stores.
                super::nle0(m.put_attr_int(attrtype, &value.to_ne_bytes()))
            })
        }
    };
}

int_attr!(nla_get_s8, nla_put_s8, i8, 1, read_ne, short_partial);
int_attr!(nla_get_u8, nla_put_u8, u8, 1, read_ne, short_partial);
int_attr!(nla_get_s16, nla_put_s16, i16, 2, read_ne, short_partial);
int_attr!(nla_get_u16, nla_put_u16, u16, 2, read_ne, short_partial);
int_attr!(nla_get_s32, nla_put_s32, i32, 4, read_ne, short_partial);
int_attr!(nla_get_u32, nla_put_u32, u32, 4, read_ne, short_partial);
int_attr!(nla_get_s64, nla_put_s64, i64, 8, read_ne_whole, short_zero);
int_attr!(nla_get_u64, nla_put_u64, u64, 8, read_ne_whole, short_zero);

/// `nla_get_string`: the payload as a string (not checked for a NUL: use a policy).
///
/// # Returns
/// Pointer to the payload; NULL for NULL.
/// # Ownership
/// Borrowed from the attribute.
/// # Safety
/// `nla` NULL or points into an attribute.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_get_string(nla: *const nlattr) -> *mut c_char {
    // SAFETY: forwarded contract.
    ffi_entry!("nla_get_string", { unsafe { nla_data(nla) }.cast() })
}

/// `nla_strdup`: a `malloc`ed copy of the string payload.
///
/// # Returns
/// The copy (release with `free()`), NULL for NULL or when out of memory. libnl-compat: the copy
/// stops at the end of the payload when it holds no NUL (libnl's `strdup` reads past it).
/// # Ownership
/// New allocation owned by the caller.
/// # Safety
/// `nla` NULL or a valid attribute.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_strdup(nla: *const nlattr) -> *mut c_char {
    ffi_entry!("nla_strdup", {
        if nla.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: caller contract.
        ptr::malloc_cstr(eattr::string(unsafe { payload(nla) }))
    })
}

/// `nla_put_string`: appends a string attribute including its NUL.
///
/// # Returns
/// As [`nla_put`]: 0, `-NLE_ATTRSIZE` for a string of more than 65530 bytes, `-NLE_NOMEM`;
/// `-NLE_INVAL` for a NULL string (libnl-compat: libnl crashes).
/// # Ownership
/// The string is copied.
/// # Safety
/// `msg` NULL or live; `str` NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put_string(
    msg: *mut nl_msg,
    attrtype: c_int,
    str: *const c_char,
) -> c_int {
    ffi_entry!("nla_put_string", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(str) };
        ffi_check!("nla_put_string", s.is_some(), -NLE_INVAL);
        let b = s.map(|s| s.to_bytes_with_nul()).unwrap_or_default();
        let Ok(len) = c_int::try_from(b.len()) else {
            return crate::error::Error::AttrSize.to_nle();
        };
        // SAFETY: b is a live slice of len bytes.
        unsafe { put_raw(msg, attrtype, len, b.as_ptr().cast()) }
    })
}

/// `nla_get_flag`: whether the flag attribute is present.
///
/// # Returns
/// 1 for non-NULL, 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// None (the pointer is not dereferenced).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_get_flag(nla: *const nlattr) -> c_int {
    ffi_entry!("nla_get_flag", { c_int::from(!nla.is_null()) })
}

/// `nla_put_flag`: appends an attribute without payload.
///
/// # Returns
/// 0 or `-NLE_NOMEM`.
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put_flag(msg: *mut nl_msg, attrtype: c_int) -> c_int {
    ffi_entry!("nla_put_flag", {
        // SAFETY: no data with a zero length.
        unsafe { put_raw(msg, attrtype, 0, std::ptr::null()) }
    })
}

/// `nla_get_msecs`: a 64-bit milliseconds attribute.
///
/// # Returns
/// As [`nla_get_u64`]: 0 for NULL and for a payload shorter than 8 bytes.
/// # Ownership
/// None.
/// # Safety
/// `nla` NULL or a valid attribute.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_get_msecs(nla: *const nlattr) -> c_ulong {
    ffi_entry!("nla_get_msecs", {
        // SAFETY: forwarded contract.
        (unsafe { nla_get_u64(nla) }) as c_ulong
    })
}

/// `nla_put_msecs`: appends a 64-bit milliseconds attribute.
///
/// # Returns
/// 0 or `-NLE_NOMEM`.
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put_msecs(msg: *mut nl_msg, attrtype: c_int, msecs: c_ulong) -> c_int {
    ffi_entry!("nla_put_msecs", {
        // SAFETY: forwarded contract.
        unsafe { nla_put_u64(msg, attrtype, crate::engine::cnum::ulong_to_u64(msecs)) }
    })
}

/// `nla_put_nested`: appends an attribute whose payload is the payload of message `nested`
/// (everything after its netlink header).
///
/// # Returns
/// As [`nla_put`]; `-NLE_INVAL` for NULL arguments or a nested length below 16.
/// # Ownership
/// The bytes are copied; `nested` stays owned by the caller.
/// # Safety
/// `msg` and `nested` NULL or live messages (they may be the same).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_put_nested(
    msg: *mut nl_msg,
    attrtype: c_int,
    nested: *const nl_msg,
) -> c_int {
    ffi_entry!("nla_put_nested", {
        // Copy first: msg and nested may be the same handle.
        // SAFETY: caller contract; the borrow ends with this statement.
        let copy =
            unsafe { nl_msg::get_mut(nested) }.map(|n| n.nested_payload().map(<[u8]>::to_vec));
        ffi_check!("nla_put_nested", copy.is_some(), -NLE_INVAL);
        nl_dbg!(
            2,
            "msg {:p}: attr <> {}: adding msg as nested attribute\n",
            msg,
            attrtype
        );
        let Some(Some(data)) = copy else {
            return -NLE_INVAL;
        };
        // SAFETY: data is a live Vec (shorter than 2 GiB: its length fits nlmsg_len - 16).
        unsafe { put_raw(msg, attrtype, data.len() as c_int, data.as_ptr().cast()) }
    })
}

/// `nla_nest_start`: opens a nested attribute (type `attrtype | NLA_F_NESTED`).
///
/// # Returns
/// The nest handle (the new attribute) or NULL when the message has no room.
/// # Ownership
/// Points into the message buffer.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_nest_start(msg: *mut nl_msg, attrtype: c_int) -> *mut nlattr {
    ffi_entry!("nla_nest_start", {
        // SAFETY: caller contract.
        let m = unsafe { nl_msg::get_mut(msg) };
        ffi_check!("nla_nest_start", m.is_some(), std::ptr::null_mut());
        let Some(m) = m else {
            return std::ptr::null_mut();
        };
        match m.nest_start(attrtype as u16) {
            Ok(off) => m.buf().ptr_at(off).unwrap_or(std::ptr::null_mut()).cast(),
            Err(_) => std::ptr::null_mut(),
        }
    })
}

/// Shared body of `nla_nest_end` / `nla_nest_end_keep_empty`.
///
/// # Safety
/// `msg` NULL or live; `start` is only compared as an address.
unsafe fn nest_end_raw(msg: *mut nl_msg, start: *const nlattr, keep_empty: bool) -> c_int {
    // SAFETY: caller contract.
    let m = unsafe { nl_msg::get_mut(msg) };
    let off = m.as_ref().and_then(|m| m.buf().offset_of(start.cast()));
    ffi_check!("nla_nest_end", off.is_some(), -NLE_INVAL);
    let (Some(m), Some(off)) = (m, off) else {
        return -NLE_INVAL;
    };
    super::nle0(m.nest_end(off, keep_empty))
}

/// `nla_nest_end`: closes the nest `start`; an empty nest is removed again.
///
/// # Returns
/// 0; `-NLE_ATTRSIZE` (nest removed) when it exceeds 65535 bytes; `-NLE_INVAL` when `start`
/// is not an attribute of `msg` (libnl-compat: libnl corrupts memory).
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_nest_end(msg: *mut nl_msg, start: *mut nlattr) -> c_int {
    ffi_entry!("nla_nest_end", {
        // SAFETY: forwarded contract.
        unsafe { nest_end_raw(msg, start, false) }
    })
}

/// `nla_nest_end_keep_empty`: as [`nla_nest_end`] but keeps an empty nest.
///
/// # Returns
/// As [`nla_nest_end`].
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_nest_end_keep_empty(msg: *mut nl_msg, start: *mut nlattr) -> c_int {
    ffi_entry!("nla_nest_end_keep_empty", {
        // SAFETY: forwarded contract.
        unsafe { nest_end_raw(msg, start, true) }
    })
}

/// `nla_nest_cancel`: removes the nest `attr` and everything after it.
///
/// # Returns
/// Nothing. An `attr` outside the message is ignored (libnl-compat: libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_nest_cancel(msg: *mut nl_msg, attr: *const nlattr) {
    ffi_entry!("nla_nest_cancel", {
        // SAFETY: caller contract.
        let Some(m) = (unsafe { nl_msg::get_mut(msg) }) else {
            return;
        };
        match m.buf().offset_of(attr.cast()) {
            Some(off) => m.nest_cancel(off),
            None => nl_dbg!(1, "nla_nest_cancel: attribute is not part of the message\n"),
        }
    })
}

/// `nla_parse_nested`: [`nla_parse`] over the payload of `nla`.
///
/// # Returns
/// As [`nla_parse`]; `-NLE_INVAL` for a NULL `nla` (libnl-compat: libnl crashes).
/// # Ownership
/// `tb` entries point into `nla`.
/// # Safety
/// As [`nla_parse`]; `nla` a valid attribute.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_parse_nested(
    tb: *mut *mut nlattr,
    maxtype: c_int,
    nla: *mut nlattr,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("nla_parse_nested", {
        ffi_check!("nla_parse_nested", !nla.is_null(), -NLE_INVAL);
        // SAFETY: caller contract.
        let len = unsafe { nla_len(nla) };
        let head = ptr::offset_wrapping::<_, nlattr>(nla, NLA_HDRLEN as isize);
        // SAFETY: the payload of a valid attribute is len readable bytes.
        unsafe { parse_raw(tb, maxtype, head, len, policy) }
    })
}

/// `nla_is_nested`: whether `NLA_F_NESTED` is set.
///
/// # Returns
/// 1 or 0 (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `nla` NULL or a readable attribute header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nla_is_nested(nla: *const nlattr) -> c_int {
    ffi_entry!("nla_is_nested", {
        // SAFETY: caller contract.
        unsafe { hdr(nla) }.map_or(0, |h| c_int::from(h.nla_type & NLA_F_NESTED != 0))
    })
}
