//! `netlink/msg.h`: message sizes, header access, parsing helpers and `struct nl_msg`.
//!
//! Functions on `struct nlmsghdr *` work on caller memory and trust `nlmsg_len` as libnl does
//! (C must have checked it with `nlmsg_ok`/`nlmsg_valid_hdr`). `nl_nlmsgtype2str`,
//! `nl_str2nlmsgtype`, `nl_nlmsg_flags2str`, `nl_msg_parse` and `nl_msg_dump` are in
//! `ffi/msgdump.rs`.
//!
//! `struct nl_msg` starts with libnl's 72 bytes ([`MsgHead`] and the reference count, see
//! `ffi/types.rs`), which C may read directly. Protocol, flags, addresses and credentials are
//! stored only there; `nm_nlh`/`nm_size` are set from the engine buffer by [`MsgHead::track`]
//! wherever the buffer is created, moves (`nlmsg_expand`) or is replaced (the receive loop's view
//! in `ffi/trampoline.rs`).

use std::cell::Cell;
use std::ffi::{c_int, c_void};

use libc::{nlattr, nlmsghdr, sockaddr_nl, ucred};

use super::attr::{find_raw, parse_raw};
use super::ptr;
use super::types::{MsgHead, NL_MSG_CRED_PRESENT, NLE_INVAL, NLE_NOMEM, nl_msg, nla_policy};
use crate::engine::msg::{self as emsg, Message, SockaddrNl, Ucred};
use crate::engine::wire::{NLMSG_HDRLEN, NlmsgHdr};
use crate::{ffi_check, ffi_entry, nl_dbg};

/// The header at `nlh`, `None` for NULL.
///
/// # Safety
/// `nlh` is NULL or points to a readable `struct nlmsghdr`.
unsafe fn hdr<'a>(nlh: *const nlmsghdr) -> Option<&'a nlmsghdr> {
    // SAFETY: forwarded contract.
    unsafe { ptr::as_ref(nlh) }
}

/// A new C handle for an engine result (NULL on failure).
fn new_handle(m: crate::error::Result<Message>) -> *mut nl_msg {
    match m {
        Ok(m) => nl_msg::from_message(m),
        Err(_) => std::ptr::null_mut(),
    }
}

impl nl_msg {
    /// A new C message (one reference) around `m`, libnl's members as a fresh libnl message
    /// has them: protocol -1, no flags, zero addresses and credentials, `nm_nlh`/`nm_size` for
    /// the buffer.
    pub fn from_message(m: Message) -> *mut nl_msg {
        let head = MsgHead {
            nm_protocol: Cell::new(-1),
            nm_flags: Cell::new(0),
            nm_src: Cell::new(SockaddrNl::default()),
            nm_dst: Cell::new(SockaddrNl::default()),
            nm_creds: Cell::new(Ucred::default()),
            nm_nlh: Cell::new(std::ptr::null_mut()),
            nm_size: Cell::new(0),
        };
        head.track(&m);
        // The buffer does not move with the `Message` value, so nm_nlh stays right.
        nl_msg::new(m, head)
    }
}

/// A message owned by Rust code inside the crate: one reference, released on drop. What the
/// crate uses instead of `nlmsg_alloc*` / `nlmsg_free`.
pub(crate) struct OwnedMsg(*mut nl_msg);

impl OwnedMsg {
    /// Wraps `m` in a new handle (libnl's defaults: protocol unset, no addresses).
    pub fn new(m: Message) -> Option<OwnedMsg> {
        let p = nl_msg::from_message(m);
        (!p.is_null()).then_some(OwnedMsg(p))
    }

    /// `nlmsg_alloc_simple(ty, flags)`.
    pub fn simple(ty: u16, flags: u16) -> Option<OwnedMsg> {
        OwnedMsg::new(Message::simple(ty, flags).ok()?)
    }

    /// The C pointer (borrowed: the reference stays ours).
    pub fn ptr(&self) -> *mut nl_msg {
        self.0
    }

    /// Runs `f` on the message (no C code runs meanwhile).
    pub fn with<R>(&self, f: impl FnOnce(&mut Message) -> R) -> Option<R> {
        // SAFETY: our live handle; the borrow ends with `f`, during which no C code runs.
        unsafe { nl_msg::get_mut(self.0) }.map(f)
    }
}

/// The bytes of a live message as far as its header's length says (at most its buffer).
///
/// # Safety
/// `msg` is NULL or live, and no `&mut` to its value is live while the slice is used (the
/// receive loop's message during its callback qualifies).
pub(crate) unsafe fn message_bytes<'a>(msg: *mut nl_msg) -> Option<&'a [u8]> {
    // SAFETY: caller contract.
    let h = unsafe { nl_msg::handle(msg) }?;
    // SAFETY: caller contract: only shared access while the slice lives.
    Some(unsafe { h.value() }.bytes())
}

/// libnl's `nl_msg_dump` text of a live message, message types named through `env`
/// ([`Message::dump_text`]).
///
/// # Safety
/// `msg` is NULL or live, and no other borrow of its value is live.
pub(crate) unsafe fn dump_text(
    msg: *mut nl_msg,
    env: &dyn crate::engine::dump::DumpEnv,
) -> Option<String> {
    // SAFETY: caller contract.
    let h = unsafe { nl_msg::handle(msg) }?;
    // SAFETY: caller contract: one short exclusive borrow.
    let m = unsafe { h.value_mut() };
    Some(m.dump_text(h.head().nm_protocol.get(), env))
}

impl Drop for OwnedMsg {
    fn drop(&mut self) {
        // SAFETY: we hold one reference to the live handle.
        if unsafe { nl_msg::release(self.0) } {
            nl_dbg!(2, "msg {:p}: Freed\n", self.0);
        }
    }
}

impl MsgHead {
    /// Points `nm_nlh` at the buffer of `m` and sets `nm_size` to the size libnl reports for it.
    /// Called whenever the buffer behind a handle is created, moves or is replaced.
    pub fn track(&self, m: &Message) {
        self.nm_nlh.set(m.buf().as_ptr().cast());
        self.nm_size.set(m.libnl_size());
    }

    /// `nlmsg_set_creds`: stores `c` and marks the credentials present.
    pub fn set_creds(&self, c: Ucred) {
        self.nm_creds.set(c);
        self.nm_flags.set(self.nm_flags.get() | NL_MSG_CRED_PRESENT);
    }

    /// The credentials, when marked present.
    pub fn creds(&self) -> Option<Ucred> {
        (self.nm_flags.get() & NL_MSG_CRED_PRESENT != 0).then(|| self.nm_creds.get())
    }
}

/// `nlmsg_size`: length of a message carrying `payload` bytes (without padding).
///
/// # Returns
/// `payload + 16`.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_size(payload: c_int) -> c_int {
    ffi_entry!("nlmsg_size", { emsg::size(payload) })
}

/// `nlmsg_total_size`: [`nlmsg_size`] rounded up to 4.
///
/// # Returns
/// The padded length.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_total_size(payload: c_int) -> c_int {
    ffi_entry!("nlmsg_total_size", { emsg::total_size(payload) })
}

/// `nlmsg_padlen`: padding after a message carrying `payload` bytes.
///
/// # Returns
/// 0..=3.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_padlen(payload: c_int) -> c_int {
    ffi_entry!("nlmsg_padlen", { emsg::padlen(payload) })
}

/// `nlmsg_data`: the payload start, 16 bytes after the header.
///
/// # Returns
/// A pointer into the message; NULL for NULL (libnl-compat: libnl returns `(void *)16`).
/// # Ownership
/// Borrowed from the message memory.
/// # Safety
/// None (address arithmetic only).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_data(nlh: *const nlmsghdr) -> *mut c_void {
    ffi_entry!("nlmsg_data", {
        if nlh.is_null() {
            return std::ptr::null_mut();
        }
        ptr::offset_wrapping(nlh, NLMSG_HDRLEN as isize)
    })
}

/// `nlmsg_datalen`: payload length, `nlmsg_len - 16` (negative for a bogus header).
///
/// # Returns
/// The length; 0 for NULL (libnl-compat: libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or a readable header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_datalen(nlh: *const nlmsghdr) -> c_int {
    ffi_entry!("nlmsg_datalen", {
        // SAFETY: caller contract.
        let h = unsafe { hdr(nlh) };
        ffi_check!("nlmsg_datalen", h.is_some(), 0);
        h.map_or(0, |h| emsg::datalen(h.nlmsg_len))
    })
}

/// `nlmsg_tail`: the aligned end of the message.
///
/// # Returns
/// `nlh + NLMSG_ALIGN(nlmsg_len)`; NULL for NULL.
/// # Ownership
/// Borrowed from the message memory.
/// # Safety
/// `nlh` NULL or a readable header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_tail(nlh: *const nlmsghdr) -> *mut c_void {
    ffi_entry!("nlmsg_tail", {
        // SAFETY: caller contract.
        let Some(h) = (unsafe { hdr(nlh) }) else {
            return std::ptr::null_mut();
        };
        ptr::offset_wrapping(nlh, emsg::tail_offset(h.nlmsg_len))
    })
}

/// `nlmsg_attrdata`: the first attribute after a family header of `hdrlen` bytes.
///
/// # Returns
/// `nlmsg_data(nlh) + NLMSG_ALIGN(hdrlen)`; NULL for NULL.
/// # Ownership
/// Borrowed from the message memory.
/// # Safety
/// None (address arithmetic only).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_attrdata(nlh: *const nlmsghdr, hdrlen: c_int) -> *mut nlattr {
    ffi_entry!("nlmsg_attrdata", {
        if nlh.is_null() {
            return std::ptr::null_mut();
        }
        ptr::offset_wrapping(nlh, emsg::attrdata_offset(hdrlen))
    })
}

/// `nlmsg_attrlen`: length of the attribute area after a family header of `hdrlen` bytes.
///
/// # Returns
/// The length, never negative; 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or a readable header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_attrlen(nlh: *const nlmsghdr, hdrlen: c_int) -> c_int {
    ffi_entry!("nlmsg_attrlen", {
        // SAFETY: caller contract.
        unsafe { hdr(nlh) }.map_or(0, |h| emsg::attrlen(h.nlmsg_len, hdrlen))
    })
}

/// `nlmsg_valid_hdr`: whether the message holds a family header of `hdrlen` bytes.
///
/// # Returns
/// 1 or 0 (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or a readable header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_valid_hdr(nlh: *const nlmsghdr, hdrlen: c_int) -> c_int {
    ffi_entry!("nlmsg_valid_hdr", {
        // SAFETY: caller contract.
        unsafe { hdr(nlh) }.map_or(0, |h| c_int::from(emsg::valid_hdr_int(h.nlmsg_len, hdrlen)))
    })
}

/// `nlmsg_ok`: whether the message at `nlh` fits in `remaining` bytes.
///
/// # Returns
/// 1 or 0 (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or readable for a header when `remaining >= 16`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_ok(nlh: *const nlmsghdr, remaining: c_int) -> c_int {
    ffi_entry!("nlmsg_ok", {
        if remaining < NLMSG_HDRLEN as c_int {
            return 0;
        }
        // SAFETY: a header's worth of bytes remains per contract.
        unsafe { hdr(nlh) }.map_or(0, |h| c_int::from(emsg::msg_ok(h.nlmsg_len, remaining)))
    })
}

/// `nlmsg_next`: the message after `nlh`; subtracts its aligned length from `*remaining`.
///
/// # Returns
/// The next header address (check it with `nlmsg_ok`); NULL for NULL arguments.
/// # Ownership
/// Borrowed from the buffer.
/// # Safety
/// `nlh` NULL or a readable header; `remaining` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_next(nlh: *mut nlmsghdr, remaining: *mut c_int) -> *mut nlmsghdr {
    ffi_entry!("nlmsg_next", {
        // SAFETY: caller contract.
        let (Some(h), Some(rem)) = (unsafe { hdr(nlh) }, unsafe { ptr::as_mut(remaining) }) else {
            nl_dbg!(1, "nlmsg_next: NULL argument\n");
            return std::ptr::null_mut();
        };
        let totlen = emsg::next_len(h.nlmsg_len);
        *rem = rem.wrapping_sub(totlen);
        ptr::offset_wrapping(nlh, totlen as isize)
    })
}

/// `nlmsg_parse`: [`nla_parse`](super::attr::nla_parse) over the attributes after a family
/// header of `hdrlen` bytes.
///
/// # Returns
/// 0; `-NLE_MSG_TOOSHORT` when the message is shorter than the headers; policy errors as
/// `nla_parse`; `-NLE_INVAL` for a NULL header.
/// # Ownership
/// `tb` entries point into the message.
/// # Safety
/// `nlh` NULL or a message of `nlmsg_len` readable bytes; `tb`/`policy` as `nla_parse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_parse(
    nlh: *mut nlmsghdr,
    hdrlen: c_int,
    tb: *mut *mut nlattr,
    maxtype: c_int,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("nlmsg_parse", {
        // SAFETY: caller contract.
        let h = unsafe { hdr(nlh) };
        ffi_check!("nlmsg_parse", h.is_some(), -NLE_INVAL);
        let Some(h) = h else { return -NLE_INVAL };
        let (off, len) = match emsg::attr_area_int(h.nlmsg_len, hdrlen) {
            Ok(area) => area,
            Err(e) => return e.to_nle(),
        };
        let head = ptr::offset_wrapping(nlh, off);
        // SAFETY: the attribute area lies inside the message's nlmsg_len bytes.
        unsafe { parse_raw(tb, maxtype, head, len, policy) }
    })
}

/// `nlmsg_find_attr`: the first attribute of type `attrtype` after a family header of
/// `hdrlen` bytes.
///
/// # Returns
/// The attribute or NULL.
/// # Ownership
/// Borrowed from the message.
/// # Safety
/// `nlh` NULL or a message of `nlmsg_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_find_attr(
    nlh: *mut nlmsghdr,
    hdrlen: c_int,
    attrtype: c_int,
) -> *mut nlattr {
    ffi_entry!("nlmsg_find_attr", {
        // SAFETY: caller contract.
        let Some(h) = (unsafe { hdr(nlh) }) else {
            return std::ptr::null_mut();
        };
        let head = ptr::offset_wrapping(nlh, emsg::attrdata_offset(hdrlen));
        // SAFETY: the attribute area lies inside the message.
        unsafe { find_raw(head, emsg::attrlen(h.nlmsg_len, hdrlen), attrtype) }
    })
}

/// `nlmsg_validate`: [`nla_validate`](super::attr::nla_validate) over the attributes after a
/// family header of `hdrlen` bytes.
///
/// # Returns
/// 0, `-NLE_MSG_TOOSHORT`, or policy errors; `-NLE_INVAL` for a NULL header.
/// # Ownership
/// None.
/// # Safety
/// `nlh` NULL or a message of `nlmsg_len` readable bytes; `policy` as `nla_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_validate(
    nlh: *mut nlmsghdr,
    hdrlen: c_int,
    maxtype: c_int,
    policy: *const nla_policy,
) -> c_int {
    ffi_entry!("nlmsg_validate", {
        // SAFETY: caller contract.
        let h = unsafe { hdr(nlh) };
        ffi_check!("nlmsg_validate", h.is_some(), -NLE_INVAL);
        let Some(h) = h else { return -NLE_INVAL };
        let (off, len) = match emsg::attr_area_int(h.nlmsg_len, hdrlen) {
            Ok(area) => area,
            Err(e) => return e.to_nle(),
        };
        let head = ptr::offset_wrapping(nlh, off);
        // SAFETY: the attribute area lies inside the message.
        unsafe { super::attr::nla_validate(head, len, maxtype, policy) }
    })
}

/// `nlmsg_alloc`: a new empty message of the default size (one page unless changed with
/// [`nlmsg_set_default_size`]).
///
/// # Returns
/// The message or NULL when out of memory.
/// # Ownership
/// New reference; release with `nlmsg_free`.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_alloc() -> *mut nl_msg {
    ffi_entry!("nlmsg_alloc", { new_handle(Message::new()) })
}

/// `nlmsg_alloc_size`: a new empty message with room for `max` bytes (at least 16).
///
/// # Returns
/// The message or NULL when out of memory.
/// # Ownership
/// New reference.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_alloc_size(max: usize) -> *mut nl_msg {
    ffi_entry!("nlmsg_alloc_size", {
        new_handle(Message::with_capacity(max))
    })
}

/// `nlmsg_alloc_simple`: a default-size message with the given type and flags.
///
/// # Returns
/// The message or NULL when out of memory.
/// # Ownership
/// New reference.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_alloc_simple(nlmsgtype: c_int, flags: c_int) -> *mut nl_msg {
    ffi_entry!("nlmsg_alloc_simple", {
        new_handle(Message::simple(nlmsgtype as u16, flags as u16))
    })
}

/// `nlmsg_set_default_size`: the size `nlmsg_alloc` uses from now on (at least 16).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_set_default_size(max: usize) {
    ffi_entry!("nlmsg_set_default_size", { emsg::set_default_size(max) })
}

/// `nlmsg_inherit`: a default-size message copying type, flags, sequence number and port
/// from `hdr` (NULL: an empty message).
///
/// # Returns
/// The message or NULL when out of memory.
/// # Ownership
/// New reference.
/// # Safety
/// `hdr` NULL or a readable header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_inherit(hdr: *mut nlmsghdr) -> *mut nl_msg {
    ffi_entry!("nlmsg_inherit", {
        // SAFETY: caller contract: NULL or a readable 16-byte header.
        let h = NlmsgHdr::decode(unsafe { ptr::bytes(hdr.cast(), NLMSG_HDRLEN) });
        new_handle(Message::inherit(h.as_ref()))
    })
}

/// `nlmsg_convert`: a new message holding a copy of the `nlmsg_len` bytes at `hdr`.
///
/// # Returns
/// The message, or NULL for NULL (libnl-compat: libnl crashes) or when out of memory.
/// # Ownership
/// New reference.
/// # Safety
/// `hdr` NULL or readable for `nlmsg_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_convert(hdr: *mut nlmsghdr) -> *mut nl_msg {
    ffi_entry!("nlmsg_convert", {
        // SAFETY: caller contract.
        let h = unsafe { self::hdr(hdr) };
        ffi_check!("nlmsg_convert", h.is_some(), std::ptr::null_mut());
        let len = h.map_or(0, |h| h.nlmsg_len as usize);
        // SAFETY: the caller vouches for nlmsg_len bytes.
        let bytes = unsafe { ptr::bytes(hdr.cast(), len) };
        new_handle(Message::convert(bytes))
    })
}

/// `nlmsg_reserve`: appends `len` bytes (padded to a multiple of `pad` when `pad > 0`, the
/// padding zeroed).
///
/// # Returns
/// The start of the reserved room, or NULL when it does not fit (message unchanged).
/// # Ownership
/// Points into the message buffer.
/// # Safety
/// `n` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_reserve(n: *mut nl_msg, len: usize, pad: c_int) -> *mut c_void {
    ffi_entry!("nlmsg_reserve", {
        // SAFETY: caller contract.
        let m = unsafe { nl_msg::get_mut(n) };
        ffi_check!("nlmsg_reserve", m.is_some(), std::ptr::null_mut());
        let Some(m) = m else {
            return std::ptr::null_mut();
        };
        match m.reserve(len, pad as usize) {
            Some(off) => m.buf().ptr_at(off).unwrap_or(std::ptr::null_mut()).cast(),
            None => std::ptr::null_mut(),
        }
    })
}

/// `nlmsg_append`: appends `len` bytes from `data`, padded to `pad`.
///
/// # Returns
/// 0, `-NLE_NOMEM` when it does not fit, `-NLE_INVAL` for NULL arguments.
/// # Ownership
/// The data is copied.
/// # Safety
/// `n` NULL or live; `data` readable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_append(
    n: *mut nl_msg,
    data: *mut c_void,
    len: usize,
    pad: c_int,
) -> c_int {
    ffi_entry!("nlmsg_append", {
        // SAFETY: caller contract.
        let m = unsafe { nl_msg::get_mut(n) };
        ffi_check!(
            "nlmsg_append",
            m.is_some() && (len == 0 || !data.is_null()),
            -NLE_INVAL
        );
        let Some(m) = m else { return -NLE_INVAL };
        // SAFETY: data readable for len bytes per contract.
        let bytes = unsafe { ptr::bytes(data, len) };
        match m.append(bytes, pad as usize) {
            Ok(()) => 0,
            Err(_) => -NLE_NOMEM,
        }
    })
}

/// `nlmsg_expand`: grows the buffer to `newlen` bytes. The buffer may move: pointers into the
/// message are invalid afterwards.
///
/// # Returns
/// 0, `-NLE_INVAL` unless `newlen` exceeds the current size, `-NLE_NOMEM`.
/// # Ownership
/// None.
/// # Safety
/// `n` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_expand(n: *mut nl_msg, newlen: usize) -> c_int {
    ffi_entry!("nlmsg_expand", {
        // SAFETY: caller contract.
        let h = unsafe { nl_msg::handle(n) };
        ffi_check!("nlmsg_expand", h.is_some(), -NLE_INVAL);
        let Some(h) = h else { return -NLE_INVAL };
        // SAFETY: one call's exclusive borrow (libnl's one-thread-per-message rule).
        let m = unsafe { h.value_mut() };
        let r = m.expand(newlen);
        // The buffer may have moved: C reads nm_nlh.
        h.head().track(m);
        super::nle0(r)
    })
}

/// `nlmsg_put`: fills in the header and reserves `payload` bytes (padded to 4) of family header.
///
/// # Returns
/// The header, or NULL when the payload does not fit (or the message is shorter than a
/// header: libnl-compat, libnl aborts).
/// # Ownership
/// Points into the message buffer.
/// # Safety
/// `n` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_put(
    n: *mut nl_msg,
    pid: u32,
    seq: u32,
    type_: c_int,
    payload: c_int,
    flags: c_int,
) -> *mut nlmsghdr {
    ffi_entry!("nlmsg_put", {
        // SAFETY: caller contract.
        let m = unsafe { nl_msg::get_mut(n) };
        ffi_check!("nlmsg_put", m.is_some(), std::ptr::null_mut());
        let Some(m) = m else {
            return std::ptr::null_mut();
        };
        let payload = usize::try_from(payload).unwrap_or(0);
        match m.put(pid, seq, type_ as u16, payload, flags as u16) {
            Some(()) => m.buf().as_ptr().cast(),
            None => std::ptr::null_mut(),
        }
    })
}

/// `nlmsg_hdr`: the message's netlink header (the start of its buffer).
///
/// # Returns
/// The header; NULL for NULL.
/// # Ownership
/// Points into the message buffer (valid until `nlmsg_expand`/`nlmsg_free`).
/// # Safety
/// `n` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_hdr(n: *mut nl_msg) -> *mut nlmsghdr {
    ffi_entry!("nlmsg_hdr", {
        // SAFETY: caller contract.
        unsafe { nl_msg::get_mut(n) }.map_or(std::ptr::null_mut(), |m| m.buf().as_ptr().cast())
    })
}

/// `nlmsg_get`: adds a reference.
///
/// # Returns
/// Nothing.
/// # Ownership
/// The caller owns one more reference.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_get(msg: *mut nl_msg) {
    ffi_entry!("nlmsg_get", {
        // SAFETY: caller contract.
        if let Some(h) = unsafe { nl_msg::handle(msg) } {
            h.acquire();
        }
    })
}

/// `nlmsg_free`: drops a reference; the message is freed with the last one. NULL is ignored.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes one reference.
/// # Safety
/// `msg` NULL or a live message holding the reference released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_free(msg: *mut nl_msg) {
    ffi_entry!("nlmsg_free", {
        // SAFETY: caller contract.
        if unsafe { nl_msg::release(msg) } {
            nl_dbg!(2, "msg {:p}: Freed\n", msg);
        }
    })
}

/// `nlmsg_set_proto`: sets the netlink protocol of the message.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_set_proto(msg: *mut nl_msg, protocol: c_int) {
    ffi_entry!("nlmsg_set_proto", {
        // SAFETY: caller contract.
        if let Some(h) = unsafe { nl_msg::head(msg) } {
            h.nm_protocol.set(protocol);
        }
    })
}

/// `nlmsg_get_proto`: the netlink protocol of the message.
///
/// # Returns
/// The protocol, -1 when unset (and for NULL).
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_get_proto(msg: *mut nl_msg) -> c_int {
    ffi_entry!("nlmsg_get_proto", {
        // SAFETY: caller contract.
        unsafe { nl_msg::head(msg) }.map_or(-1, |h| h.nm_protocol.get())
    })
}

/// `nlmsg_get_max_size`: the buffer size (`nm_size`).
///
/// # Returns
/// The size in bytes (for a received message in a callback, its length rounded up to 4, as
/// libnl's copy has); 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_get_max_size(msg: *mut nl_msg) -> usize {
    ffi_entry!("nlmsg_get_max_size", {
        // SAFETY: caller contract.
        unsafe { nl_msg::head(msg) }.map_or(0, |h| h.nm_size.get())
    })
}

/// The 12 bytes of a C `sockaddr_nl` (`SockaddrNl` has the kernel's layout), `None` for NULL.
///
/// # Safety
/// `addr` NULL or readable.
unsafe fn c_addr(addr: *const sockaddr_nl) -> Option<SockaddrNl> {
    // SAFETY: forwarded contract; both types are the kernel's 12-byte layout.
    unsafe { ptr::as_ref(addr.cast::<SockaddrNl>()) }.copied()
}

/// `nlmsg_set_src`: sets the source address.
///
/// # Returns
/// Nothing (NULL arguments are ignored).
/// # Ownership
/// The address is copied.
/// # Safety
/// `msg` NULL or live; `addr` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_set_src(msg: *mut nl_msg, addr: *mut sockaddr_nl) {
    ffi_entry!("nlmsg_set_src", {
        // SAFETY: caller contract.
        if let (Some(h), Some(a)) = (unsafe { nl_msg::head(msg) }, unsafe { c_addr(addr) }) {
            h.nm_src.set(a);
        }
    })
}

/// `nlmsg_get_src`: the source address.
///
/// # Returns
/// A pointer to the address stored in the message; NULL for NULL.
/// # Ownership
/// Borrowed from the message (valid until it is freed).
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_get_src(msg: *mut nl_msg) -> *mut sockaddr_nl {
    ffi_entry!("nlmsg_get_src", {
        // SAFETY: caller contract.
        unsafe { nl_msg::head(msg) }.map_or(std::ptr::null_mut(), |h| h.nm_src.as_ptr().cast())
    })
}

/// `nlmsg_set_dst`: sets the destination address.
///
/// # Returns
/// Nothing (NULL arguments are ignored).
/// # Ownership
/// The address is copied.
/// # Safety
/// `msg` NULL or live; `addr` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_set_dst(msg: *mut nl_msg, addr: *mut sockaddr_nl) {
    ffi_entry!("nlmsg_set_dst", {
        // SAFETY: caller contract.
        if let (Some(h), Some(a)) = (unsafe { nl_msg::head(msg) }, unsafe { c_addr(addr) }) {
            h.nm_dst.set(a);
        }
    })
}

/// `nlmsg_get_dst`: the destination address.
///
/// # Returns
/// A pointer to the address stored in the message; NULL for NULL.
/// # Ownership
/// Borrowed from the message.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_get_dst(msg: *mut nl_msg) -> *mut sockaddr_nl {
    ffi_entry!("nlmsg_get_dst", {
        // SAFETY: caller contract.
        unsafe { nl_msg::head(msg) }.map_or(std::ptr::null_mut(), |h| h.nm_dst.as_ptr().cast())
    })
}

/// `nlmsg_set_creds`: stores credentials to send with the message and marks them present.
///
/// # Returns
/// Nothing (NULL arguments are ignored; libnl-compat: libnl crashes on a NULL `creds`).
/// # Ownership
/// The credentials are copied.
/// # Safety
/// `msg` NULL or live; `creds` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_set_creds(msg: *mut nl_msg, creds: *mut ucred) {
    ffi_entry!("nlmsg_set_creds", {
        // SAFETY: caller contract.
        if let (Some(h), Some(c)) = (unsafe { nl_msg::head(msg) }, unsafe { ptr::as_ref(creds) }) {
            h.set_creds(Ucred {
                pid: c.pid,
                uid: c.uid,
                gid: c.gid,
            });
        }
    })
}

/// `nlmsg_get_creds`: the credentials, when set.
///
/// # Returns
/// A pointer to the stored credentials, or NULL when none were set (or for NULL).
/// # Ownership
/// Borrowed from the message.
/// # Safety
/// `msg` NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlmsg_get_creds(msg: *mut nl_msg) -> *mut ucred {
    ffi_entry!("nlmsg_get_creds", {
        // SAFETY: caller contract.
        let Some(h) = (unsafe { nl_msg::head(msg) }) else {
            return std::ptr::null_mut();
        };
        if h.creds().is_none() {
            return std::ptr::null_mut();
        }
        h.nm_creds.as_ptr().cast()
    })
}
