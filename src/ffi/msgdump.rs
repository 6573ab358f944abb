//! `netlink/msg.h`: `nl_msg_dump`, `nl_msg_parse` and the message-type / flag string helpers.
//!
//! The formatting lives in [`crate::engine::dump`]; this file converts pointers, supplies the
//! dump environment and writes the text to the caller's `FILE *`.

use std::ffi::{c_char, c_int, c_void};

use crate::engine::dump::{self, DumpEnv, MsgTypeInfo};
use crate::error::Error;
use crate::ffi::ptr;
use crate::ffi::types::{nl_msg, nl_object};
use crate::ffi_entry;

/// The dump environment backed by the cache-type registry: family header sizes and names of
/// the cache type registered for a message's protocol and type.
pub struct RegistryTypes;

impl DumpEnv for RegistryTypes {
    fn family(&self, protocol: i32, msgtype: u16) -> Option<MsgTypeInfo> {
        crate::ffi::cache_mngt::msgtype_info(protocol, c_int::from(msgtype))
    }

    fn strerror(&self, errnum: i32) -> String {
        crate::sys::stdio::strerror_c(errnum)
    }
}

/// `nl_nlmsgtype2str`: writes the name of netlink control message type `msgtype` (`NOOP`,
/// `ERROR`, `DONE`, `OVERRUN`; `0x…` in hex for anything else) into `buf`, cut to `size - 1`
/// bytes and NUL-terminated (snprintf style; nothing is written when `size` is 0).
///
/// # Returns
/// `buf`.
///
/// # Ownership
/// `buf` stays the caller's.
///
/// # Safety
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_nlmsgtype2str(
    msgtype: c_int,
    buf: *mut c_char,
    size: usize,
) -> *mut c_char {
    ffi_entry!("nl_nlmsgtype2str", {
        let text = dump::nlmsgtype_str(msgtype);
        // SAFETY: buf is NULL or writable for size bytes (caller contract).
        unsafe { ptr::write_cbuf(buf, size, text.as_bytes()) }
    })
}

/// `nl_str2nlmsgtype`: parses a control message type name (case-insensitive) or a number
/// (decimal, `0x` hex or `0` octal, as C's `strtoul`).
///
/// # Returns
/// The type; `-NLE_INVAL` for an empty string, `-NLE_OBJ_NOTFOUND` for anything else that is
/// neither a name nor a number.
///
/// libnl-compat: libnl crashes on NULL; we return `-NLE_INVAL`.
///
/// # Ownership
/// `name` is borrowed for the call.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2nlmsgtype(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2nlmsgtype", {
        // SAFETY: name is NULL or NUL-terminated (caller contract).
        let Some(name) = (unsafe { ptr::cstr(name) }) else {
            crate::nl_dbg!(1, "nl_str2nlmsgtype: NULL name\n");
            return Error::Inval.to_nle();
        };
        match dump::parse_nlmsgtype(name.to_bytes()) {
            Ok(v) => v,
            Err(e) => e.to_nle(),
        }
    })
}

/// `nl_nlmsg_flags2str`: writes the `NLM_F_*` names set in `flags`, comma-separated, with any
/// remaining bits as `0x…`, into `buf`. Like libnl, the whole buffer is zeroed first and the
/// text is cut to `len - 1` bytes.
///
/// libnl-compat: libnl writes past the buffer when `len` is 0; we write nothing.
///
/// # Returns
/// `buf`.
///
/// # Ownership
/// `buf` stays the caller's.
///
/// # Safety
/// `buf` is NULL or valid for writes of `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_nlmsg_flags2str(
    flags: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("nl_nlmsg_flags2str", {
        // SAFETY: buf is NULL or writable for len bytes, not otherwise referenced during the
        // call (caller contract).
        dump::nlmsg_flags_into(flags, unsafe { ptr::bytes_mut(buf.cast(), len) });
        buf
    })
}

/// `nl_msg_parse`: parses `msg` with the parser of the cache type registered for its
/// protocol and message type and hands each resulting object to `cb(obj, arg)`.
///
/// # Returns
/// The parser's result (0 on success); `-NLE_MSGTYPE_NOSUPPORT` when no registered type
/// handles the message, `-NLE_MSG_TOOSHORT` when it is shorter than the type's family header.
/// libnl-compat: libnl crashes on a NULL message or callback; we return `-NLE_INVAL`.
///
/// # Ownership
/// `msg` is borrowed; the object passed to `cb` is borrowed (take a reference to keep it);
/// `arg` is passed through untouched.
///
/// # Safety
/// `msg` is NULL or a live message; `cb` is NULL or a valid function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_msg_parse(
    msg: *mut nl_msg,
    cb: Option<unsafe extern "C" fn(*mut nl_object, *mut c_void)>,
    arg: *mut c_void,
) -> c_int {
    ffi_entry!("nl_msg_parse", {
        // SAFETY: msg is NULL or live (caller contract); the borrow ends with this block.
        let Some((protocol, ty)) = (unsafe { nl_msg::handle(msg) })
            // SAFETY: a short shared borrow, no `&mut` to the value is live.
            .map(|h| (h.head().nm_protocol.get(), unsafe { h.value() }.header().ty))
        else {
            crate::nl_dbg!(1, "nl_msg_parse: NULL message\n");
            return Error::Inval.to_nle();
        };
        let Some(ops) = crate::ffi::cache_mngt::associate_ref(protocol, c_int::from(ty)) else {
            return Error::MsgTypeNoSupport.to_nle();
        };
        let Some(cb) = cb else {
            // libnl-compat: libnl calls the NULL callback for the first parsed object.
            crate::ffi::cache_mngt::ops_put(ops);
            crate::nl_dbg!(1, "nl_msg_parse: NULL callback\n");
            return Error::Inval.to_nle();
        };
        // SAFETY: msg is live (checked above); nm_nlh points at its header.
        let nlh = unsafe { nl_msg::head(msg) }.map_or(std::ptr::null_mut(), |h| h.nm_nlh.get());
        let mut deliver = |o: crate::ffi::objhdr::Obj| {
            // SAFETY: the caller's callback with the parser's live object.
            unsafe { cb(o.as_ptr(), arg) };
            0
        };
        // SAFETY: nlh is the live message's header.
        let r =
            unsafe { crate::ffi::cache::parse_into(ops, std::ptr::null_mut(), nlh, &mut deliver) };
        crate::ffi::cache_mngt::ops_put(ops);
        r
    })
}

/// `nl_msg_dump`: prints libnl's human-readable dump of `msg` (header, payload, attributes,
/// error details) to `ofd`.
///
/// libnl-compat: libnl crashes on a NULL message or stream; we print nothing. Where libnl
/// would read outside the message buffer (a `nlmsg_len` larger than the buffer) the dump stays
/// inside it (see [`dump::format_message`]).
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// `msg` and `ofd` are borrowed.
///
/// # Safety
/// `msg` is NULL or a live message; `ofd` is NULL or an open `FILE *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_msg_dump(msg: *mut nl_msg, ofd: *mut libc::FILE) {
    ffi_entry!("nl_msg_dump", {
        if ofd.is_null() {
            crate::nl_dbg!(1, "nl_msg_dump: NULL stream\n");
            return;
        }
        // SAFETY: msg is NULL or live (caller contract).
        let Some(text) = (unsafe { crate::ffi::msg::dump_text(msg, &RegistryTypes) }) else {
            crate::nl_dbg!(1, "nl_msg_dump: NULL message\n");
            return;
        };
        // SAFETY: ofd is a non-NULL open stream (caller contract).
        unsafe { crate::sys::stdio::write_file(ofd, text.as_bytes()) };
    })
}
