//! Netlink messages: a buffer whose first bytes are a `struct nlmsghdr`.
//!
//! The `nlmsghdr` inside the buffer is the only record of the message length: C may rewrite it
//! between calls (`nlmsg_hdr(msg)->nlmsg_len = …`), so it is read fresh every time. libnl's
//! per-message metadata (protocol, flags, source/destination address, credentials) lives in the
//! C-visible part of `struct nl_msg` (`ffi::types::MsgHead`), not here; this module only
//! defines the plain address and credential records it uses.
//!
//! The free functions ([`size`], [`attrlen`], [`attr_area_int`], …) are libnl's C `int`
//! arithmetic of the `nlmsg_*` helpers that work on a caller's bare `struct nlmsghdr`.
#![forbid(unsafe_code)]

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::buf::Buf;
use super::wire::{
    NLA_F_NESTED, NLA_HDRLEN, NLMSG_ALIGNTO, NLMSG_HDRLEN, NlaHdr, NlmsgHdr, nla_align, nlmsg_align,
};
use crate::error::{Error, Result};
use crate::nl_dbg;

/// Default capacity of `nlmsg_alloc()`; 0 until set means "one page" (libnl's default).
static DEFAULT_SIZE: AtomicUsize = AtomicUsize::new(0);

/// The capacity `nlmsg_alloc()` uses: the page size unless changed by [`set_default_size`].
pub fn default_size() -> usize {
    match DEFAULT_SIZE.load(Ordering::Relaxed) {
        0 => crate::sys::page_size(),
        n => n,
    }
}

/// `nlmsg_set_default_size`: sizes below one header are raised to one header.
pub fn set_default_size(max: usize) {
    DEFAULT_SIZE.store(max.max(NLMSG_HDRLEN), Ordering::Relaxed);
}

/// A netlink message: its buffer.
pub struct Message {
    buf: Buf,
}

/// `struct sockaddr_nl`, laid out as the kernel's (12 bytes) so C can be handed a pointer to it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SockaddrNl {
    /// Address family (`AF_NETLINK` when set, 0 when unset).
    pub nl_family: u16,
    /// Zero.
    pub nl_pad: u16,
    /// Port id.
    pub nl_pid: u32,
    /// Multicast group mask.
    pub nl_groups: u32,
}

/// `struct ucred`, laid out as glibc's (12 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ucred {
    /// Process id.
    pub pid: i32,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
}

impl Message {
    /// A message with room for `size` bytes (at least one header) holding an empty header
    /// (`nlmsg_len` = 16). This is `nlmsg_alloc_size`.
    pub fn with_capacity(size: usize) -> Result<Message> {
        let size = size.max(NLMSG_HDRLEN);
        let mut buf = Buf::with_capacity(size)?;
        buf.prepare(0..NLMSG_HDRLEN).ok_or(Error::NoMem)?;
        let hdr = NlmsgHdr {
            len: NLMSG_HDRLEN as u32,
            ..NlmsgHdr::default()
        };
        hdr.encode(buf.bytes_mut(0..NLMSG_HDRLEN).ok_or(Error::NoMem)?)
            .ok_or(Error::NoMem)?;
        nl_dbg!(
            2,
            "msg {:p}: Allocated new message, maxlen={}\n",
            buf.as_ptr(),
            size
        );
        Ok(Message { buf })
    }

    /// A message over a buffer that already holds one (a received message viewed in place).
    pub fn from_buf(buf: Buf) -> Message {
        Message { buf }
    }

    /// `nlmsg_alloc`: a message of the default size.
    pub fn new() -> Result<Message> {
        Message::with_capacity(default_size())
    }

    /// `nlmsg_inherit`: a default-size message whose header copies type, flags, sequence
    /// number and port of `hdr` (when given).
    pub fn inherit(hdr: Option<&NlmsgHdr>) -> Result<Message> {
        let mut m = Message::new()?;
        if let Some(h) = hdr {
            let mut new = m.header();
            new.ty = h.ty;
            new.flags = h.flags;
            new.seq = h.seq;
            new.pid = h.pid;
            m.set_header(&new)?;
        }
        Ok(m)
    }

    /// `nlmsg_alloc_simple`: a default-size message whose header has type `ty` and `flags`.
    pub fn simple(ty: u16, flags: u16) -> Result<Message> {
        let h = NlmsgHdr {
            len: 0,
            ty,
            flags,
            seq: 0,
            pid: 0,
        };
        let m = Message::inherit(Some(&h))?;
        nl_dbg!(
            2,
            "msg {:p}: Allocated new simple message\n",
            m.buf().as_ptr()
        );
        Ok(m)
    }

    /// `nlmsg_convert`: an owned copy of a message. `bytes` holds the `nlmsg_len` bytes its header
    /// claims (C passes exactly that many). The capacity is that length rounded up to 4 (at least
    /// one header); like libnl, a claimed length below 16 copies only those bytes over a fresh
    /// empty header (so a length of 0 gives an empty message).
    pub fn convert(bytes: &[u8]) -> Result<Message> {
        let claimed = match bytes.get(..4) {
            Some(l) => u32::from_ne_bytes(l.try_into().map_err(|_| Error::MsgTooShort)?) as usize,
            None if bytes.is_empty() => 0,
            None => return Err(Error::MsgTooShort),
        };
        let src = bytes.get(..claimed).ok_or(Error::MsgTooShort)?;
        let mut m = Message::with_capacity(nlmsg_align(claimed))?;
        m.buf.prepare(0..claimed).ok_or(Error::NoMem)?;
        m.buf
            .bytes_mut(0..claimed)
            .ok_or(Error::NoMem)?
            .copy_from_slice(src);
        Ok(m)
    }

    /// The buffer (for in-place access by other engine modules and the FFI pointer math).
    pub fn buf(&self) -> &Buf {
        &self.buf
    }

    /// Zeroes every byte of the buffer never handed out (before C is given the whole buffer).
    pub fn prepare_all(&mut self) -> Option<()> {
        self.buf.prepare_to(self.buf.cap())
    }

    /// `nl_msg_dump`'s text of this message of netlink `protocol`, message types named through
    /// `env`. The dump sees the whole buffer as libnl's calloc'ed one: bytes after `nlmsg_len`
    /// it may read (padding, a short error block) are zero unless written before.
    pub fn dump_text(&mut self, protocol: i32, env: &dyn super::dump::DumpEnv) -> String {
        let _ = self.prepare_all();
        let bytes = self.buf.bytes(0..self.buf.cap()).unwrap_or_default();
        super::dump::format_message(bytes, protocol, env)
    }

    /// Capacity in bytes.
    pub fn capacity(&self) -> usize {
        self.buf.cap()
    }

    /// The size libnl reports for this message (`nlmsg_get_max_size`): the capacity; for a view
    /// over a received message, its length rounded up to 4, the size of the copy libnl makes
    /// of every received message.
    pub fn libnl_size(&self) -> usize {
        if self.buf.is_owned() {
            self.buf.cap()
        } else {
            nlmsg_align(self.buf.cap()).max(NLMSG_HDRLEN)
        }
    }

    /// `nlmsg_len` as currently stored in the buffer.
    pub fn len(&self) -> usize {
        self.buf.read_u32(0).unwrap_or(0) as usize
    }

    /// Whether the message holds no more than its header.
    pub fn is_empty(&self) -> bool {
        self.len() <= NLMSG_HDRLEN
    }

    /// The header as currently stored in the buffer.
    pub fn header(&self) -> NlmsgHdr {
        self.buf
            .bytes(0..NLMSG_HDRLEN)
            .and_then(NlmsgHdr::decode)
            .unwrap_or_default()
    }

    /// Overwrites the header in the buffer.
    pub fn set_header(&mut self, h: &NlmsgHdr) -> Result<()> {
        h.encode(self.buf.bytes_mut(0..NLMSG_HDRLEN).ok_or(Error::NoMem)?)
            .ok_or(Error::NoMem)
    }

    /// Sets `nlmsg_len`.
    pub fn set_len(&mut self, len: usize) -> Result<()> {
        let len = u32::try_from(len).map_err(|_| Error::Range)?;
        self.buf.write_u32(0, len).ok_or(Error::NoMem)
    }

    /// The bytes of the whole message, `[0, nlmsg_len)` clamped to the capacity.
    pub fn bytes(&self) -> &[u8] {
        let len = self.len().min(self.buf.cap());
        self.buf.bytes(0..len).unwrap_or_default()
    }

    /// `nlmsg_reserve`: appends `len` bytes (rounded up to a multiple of `pad` when `pad > 0`;
    /// the rounding bytes are zeroed) and returns the offset where they start, or `None` when the
    /// message has no room (libnl returns NULL; the message is unchanged).
    pub fn reserve(&mut self, len: usize, pad: usize) -> Option<usize> {
        let cap = self.buf.cap();
        if len > cap {
            return None;
        }
        // libnl-compat: the rounding formula assumes a power-of-two pad, as libnl's does.
        let tlen = if pad > 0 {
            len.checked_add(pad - 1)? & !(pad - 1)
        } else {
            len
        };
        let start = self.len();
        let end = start.checked_add(tlen)?;
        if end > cap {
            nl_dbg!(
                2,
                "msg {:p}: no room for {} more bytes (len {}, size {})\n",
                self.buf.as_ptr(),
                tlen,
                start,
                cap
            );
            return None;
        }
        self.buf.prepare(start..end)?;
        if tlen > len {
            self.buf.bytes_mut(start + len..end)?.fill(0);
        }
        self.set_len(end).ok()?;
        nl_dbg!(
            2,
            "msg {:p}: Reserved {} ({}) bytes, pad={}, nlmsg_len={}\n",
            self.buf.as_ptr(),
            tlen,
            len,
            pad,
            end
        );
        Some(start)
    }

    /// `nlmsg_append`: reserves `data.len()` bytes (padded to `pad`) and copies `data` in.
    pub fn append(&mut self, data: &[u8], pad: usize) -> Result<()> {
        let off = self.reserve(data.len(), pad).ok_or(Error::NoMem)?;
        self.buf
            .bytes_mut(off..off + data.len())
            .ok_or(Error::NoMem)?
            .copy_from_slice(data);
        nl_dbg!(
            2,
            "msg {:p}: Appended {} bytes with padding {}\n",
            self.buf.as_ptr(),
            data.len(),
            pad
        );
        Ok(())
    }

    /// `nlmsg_expand`: grows the capacity to `new_len` bytes. The buffer may move: pointers into
    /// the old buffer are invalid afterwards (as in libnl). `Error::Inval` unless it grows.
    pub fn expand(&mut self, new_len: usize) -> Result<()> {
        self.buf.grow(new_len)
    }

    /// `nlmsg_put`: fills in the header (port, sequence number, type, flags) and reserves
    /// `payload` bytes of family header, padded to 4. `None` when there is no room or the
    /// message is shorter than a header (libnl aborts there).
    pub fn put(&mut self, pid: u32, seq: u32, ty: u16, payload: usize, flags: u16) -> Option<()> {
        if self.len() < NLMSG_HDRLEN {
            nl_dbg!(
                1,
                "msg {:p}: nlmsg_put on a message shorter than a header\n",
                self.buf.as_ptr()
            );
            return None;
        }
        let mut h = self.header();
        h.ty = ty;
        h.flags = flags;
        h.pid = pid;
        h.seq = seq;
        self.set_header(&h).ok()?;
        nl_dbg!(
            2,
            "msg {:p}: Added netlink header type={}, flags={}, pid={}, seq={}\n",
            self.buf.as_ptr(),
            ty,
            flags,
            pid,
            seq
        );
        if payload > 0 {
            self.reserve(payload, NLMSG_ALIGNTO)?;
        }
        Some(())
    }

    /// Where the next attribute with `len` payload bytes goes: (unaligned message length,
    /// attribute start, attribute end including padding, encoded header).
    #[inline(always)]
    fn attr_slot(&self, ty: u16, len: usize) -> Result<(usize, usize, usize, [u8; NLA_HDRLEN])> {
        let attr_len = len.checked_add(NLA_HDRLEN).ok_or(Error::AttrSize)?;
        let nla_len = u16::try_from(attr_len).map_err(|_| Error::AttrSize)?;
        let msg_len = self.len();
        let start = nlmsg_align(msg_len);
        let end = start.checked_add(nla_align(attr_len)).ok_or(Error::NoMem)?;
        if end > self.buf.cap() {
            return Err(Error::NoMem);
        }
        let mut hdr = [0u8; NLA_HDRLEN];
        NlaHdr { len: nla_len, ty }
            .encode(&mut hdr)
            .ok_or(Error::NoMem)?;
        Ok((msg_len, start, end, hdr))
    }

    #[inline(always)]
    fn attr_debug(&self, start: usize, end: usize, ty: u16, len: usize) {
        nl_dbg!(
            2,
            "msg {:p}: attr <{:p}> {}: Reserved {} ({}) bytes at offset +{} nlmsg_len={}\n",
            self.buf.as_ptr(),
            self.buf.ptr_at(start).unwrap_or(std::ptr::null_mut()),
            ty,
            end - start,
            len,
            start.saturating_sub(NLMSG_HDRLEN),
            end
        );
    }

    /// `nla_reserve`: appends an attribute header of type `ty` with room for `len` payload
    /// bytes at the aligned tail; the padding is zeroed, the payload keeps what the buffer held
    /// (zero unless written before, as in libnl). Returns the attribute's offset.
    /// `Error::AttrSize` when the payload cannot be described by the 16-bit `nla_len` (more
    /// than 65531 bytes: libnl writes a wrapped length there), else `Error::NoMem` when the
    /// message has no room. The size is checked first: no message could hold that attribute.
    pub fn reserve_attr(&mut self, ty: u16, len: usize) -> Result<usize> {
        let (msg_len, start, end, hdr) = self.attr_slot(ty, len)?;
        let payload = start + NLA_HDRLEN;
        // The alignment gap after an unaligned length becomes part of the message.
        self.buf
            .write_record(msg_len.min(start), start, &hdr, &[], payload)
            .ok_or(Error::NoMem)?;
        self.buf.prepare(payload..end).ok_or(Error::NoMem)?;
        self.buf
            .bytes_mut(payload + len..end)
            .ok_or(Error::NoMem)?
            .fill(0);
        self.set_len(end)?;
        self.attr_debug(start, end, ty, len);
        Ok(start)
    }

    /// `nla_put`: appends an attribute of type `ty` carrying `data`; returns its offset. Every
    /// byte of the attribute is written exactly once (header, payload, zero padding).
    #[inline(always)]
    pub fn put_attr(&mut self, ty: u16, data: &[u8]) -> Result<usize> {
        let (msg_len, start, end, hdr) = self.attr_slot(ty, data.len())?;
        self.buf
            .write_record(msg_len.min(start), start, &hdr, data, end)
            .ok_or(Error::NoMem)?;
        self.set_len(end)?;
        self.attr_debug(start, end, ty, data.len());
        Ok(start)
    }

    /// `nla_reserve` with libnl's C arguments: the type truncated to 16 bits, `Error::Inval`
    /// for a negative length, else as [`Message::reserve_attr`].
    pub fn reserve_attr_int(&mut self, ty: i32, len: i32) -> Result<usize> {
        let len = usize::try_from(len).map_err(|_| Error::Inval)?;
        self.reserve_attr(ty as u16, len)
    }

    /// `nla_put` with libnl's C arguments and result: the type truncated to 16 bits;
    /// `Error::AttrSize` for a payload too long for the 16-bit `nla_len`, every other failure
    /// reported as libnl's no-room error, `Error::NoMem`.
    ///
    /// libnl-compat: libnl 3.7 checks only for room and then stores the attribute length
    /// truncated to 16 bits, so such an attribute is corrupt (its length wraps) and its
    /// `nla_put` returns 0 when the message is large enough, `-NLE_NOMEM` when not. Of libnl's
    /// codes `NLE_ATTRSIZE` ("Attribute max length exceeded") says what happened, and it is
    /// the code libnl itself gives when a nest outgrows the same 16 bits (`nla_nest_end`);
    /// `NLE_NOMEM` would invite a retry with a bigger message, which cannot succeed.
    #[inline(always)]
    pub fn put_attr_int(&mut self, ty: i32, data: &[u8]) -> Result<()> {
        match self.put_attr(ty as u16, data) {
            Ok(_) => Ok(()),
            Err(Error::AttrSize) => Err(Error::AttrSize),
            Err(_) => Err(Error::NoMem),
        }
    }

    /// `nla_put_nested`: what this message contributes as the payload of a nested attribute,
    /// everything after its netlink header (clamped to the buffer); `None` when the header
    /// claims less than itself (C `int` arithmetic, see [`datalen`]).
    pub fn nested_payload(&self) -> Option<&[u8]> {
        if datalen(self.len() as u32) < 0 {
            return None;
        }
        self.bytes().get(NLMSG_HDRLEN..)
    }

    /// `nlmsg_tail`: offset of the aligned end of the message.
    pub fn tail(&self) -> usize {
        nlmsg_align(self.len())
    }

    /// `nla_nest_start`: appends an empty attribute of type `ty | NLA_F_NESTED` (libnl 3.7 sets
    /// the flag) and returns its offset, the handle for [`Message::nest_end`].
    pub fn nest_start(&mut self, ty: u16) -> Result<usize> {
        self.reserve_attr(ty | NLA_F_NESTED, 0)
    }

    /// `nla_nest_end` (`keep_empty = false`) / `nla_nest_end_keep_empty`: sets the length of the
    /// nest starting at `start` to cover everything up to the aligned tail, then pads the message
    /// to the alignment. An empty nest is removed unless `keep_empty` (still a success); a nest
    /// longer than 65535 bytes is removed and fails with `Error::AttrSize`. `Error::Inval` when
    /// `start` is not an attribute inside the message.
    pub fn nest_end(&mut self, start: usize, keep_empty: bool) -> Result<()> {
        let tail = self.tail();
        let len = tail.checked_sub(start).ok_or(Error::Inval)?;
        if len < NLA_HDRLEN || start < NLMSG_HDRLEN {
            nl_dbg!(
                1,
                "msg {:p}: nla_nest_end on an attribute outside the message\n",
                self.buf.as_ptr()
            );
            return Err(Error::Inval);
        }
        if len > usize::from(u16::MAX) || (!keep_empty && len == NLA_HDRLEN) {
            self.nest_cancel(start);
            return if len == NLA_HDRLEN {
                Ok(())
            } else {
                Err(Error::AttrSize)
            };
        }
        self.buf.write_u16(start, len as u16).ok_or(Error::Inval)?;
        let cur = self.len();
        let pad = nlmsg_align(cur) - cur;
        if pad > 0 {
            // libnl-compat: libnl aborts when the capacity is not a multiple of 4 and the pad
            // does not fit; we report no room instead.
            self.reserve(pad, 0).ok_or(Error::NoMem)?;
            nl_dbg!(
                2,
                "msg {:p}: attr <{}> {}: added {} bytes of padding\n",
                self.buf.as_ptr(),
                start,
                self.buf.read_u16(start + 2).unwrap_or(0),
                pad
            );
        }
        nl_dbg!(
            2,
            "msg {:p}: attr <{}> {}: closing nesting, len={}\n",
            self.buf.as_ptr(),
            start,
            self.buf.read_u16(start + 2).unwrap_or(0),
            len
        );
        Ok(())
    }

    /// Copies `data` to offset `off` of the buffer (anywhere within the capacity, whatever
    /// `nlmsg_len` says: family headers are written where libnl writes them). `None` when it
    /// does not fit.
    pub fn write_at(&mut self, off: usize, data: &[u8]) -> Option<()> {
        let end = off.checked_add(data.len())?;
        self.buf.prepare_to(end)?;
        self.buf.bytes_mut(off..end)?.copy_from_slice(data);
        Some(())
    }

    /// `nla_nest_cancel`: removes everything from `start` to the aligned tail and zeroes it.
    /// Nothing happens when `start` lies beyond the tail (libnl-compat: libnl aborts there).
    pub fn nest_cancel(&mut self, start: usize) {
        let Some(len) = self.tail().checked_sub(start) else {
            nl_dbg!(
                1,
                "msg {:p}: nla_nest_cancel past the end of the message\n",
                self.buf.as_ptr()
            );
            return;
        };
        if len == 0 {
            return;
        }
        let new_len = self.len().saturating_sub(len);
        if self.set_len(new_len).is_err() {
            return;
        }
        let from = nlmsg_align(new_len).min(self.buf.cap());
        let to = from.saturating_add(len).min(self.buf.cap());
        if let Some(b) = self.buf.bytes_mut(from..to) {
            b.fill(0);
        }
    }

    /// The attribute area after a family header of `hdrlen` bytes: `(offset, length)` within
    /// [`Message::bytes`], or `Error::MsgTooShort` when the message is shorter than the headers.
    pub fn attr_area(&self, hdrlen: usize) -> Result<Range<usize>> {
        attr_area(self.bytes(), hdrlen)
    }
}

/// `NLMSG_ALIGN` in C `int` arithmetic (wrapping, as libnl's macro on an `int`).
pub const fn align_int(len: i32) -> i32 {
    len.wrapping_add(3) & !3
}

/// `nlmsg_size`: a header plus `payload` bytes, without padding (C `int` arithmetic).
pub const fn size(payload: i32) -> i32 {
    payload.wrapping_add(NLMSG_HDRLEN as i32)
}

/// `nlmsg_total_size`: [`size`] rounded up to the message alignment.
pub const fn total_size(payload: i32) -> i32 {
    align_int(size(payload))
}

/// `nlmsg_padlen`: the padding after a message carrying `payload` bytes.
pub const fn padlen(payload: i32) -> i32 {
    total_size(payload).wrapping_sub(size(payload))
}

/// `nlmsg_datalen`: `nlmsg_len - 16` as a C `int` (negative for a header claiming less than
/// itself).
pub const fn datalen(nlmsg_len: u32) -> i32 {
    (nlmsg_len as i32).wrapping_sub(NLMSG_HDRLEN as i32)
}

/// `nlmsg_tail`: the distance from the header to the aligned end of the message (unsigned
/// arithmetic on `nlmsg_len`, as libnl's).
pub const fn tail_offset(nlmsg_len: u32) -> isize {
    (nlmsg_len.wrapping_add(3) & !3) as isize
}

/// `nlmsg_next`: the bytes the message occupies with its padding, subtracted from the caller's
/// remaining count and added to its pointer (C `int` arithmetic: a bogus length gives a bogus,
/// possibly negative, step).
pub const fn next_len(nlmsg_len: u32) -> i32 {
    align_int(nlmsg_len as i32)
}

/// `nlmsg_attrdata`: the distance from the header to the first attribute after a family
/// header of `hdrlen` bytes.
pub const fn attrdata_offset(hdrlen: i32) -> isize {
    (NLMSG_HDRLEN as isize).wrapping_add(align_int(hdrlen) as isize)
}

/// `nlmsg_attrlen`: the length of the attribute area after a family header of `hdrlen` bytes,
/// never negative.
pub fn attrlen(nlmsg_len: u32, hdrlen: i32) -> i32 {
    datalen(nlmsg_len).wrapping_sub(align_int(hdrlen)).max(0)
}

/// `nlmsg_valid_hdr` with libnl's C types: `nlmsg_len` against `16 + hdrlen` computed as an
/// `int` and compared unsigned (so a negative `hdrlen` below -16 never fits).
pub const fn valid_hdr_int(nlmsg_len: u32, hdrlen: i32) -> bool {
    nlmsg_len >= hdrlen.wrapping_add(NLMSG_HDRLEN as i32) as u32
}

/// The attribute area `nlmsg_parse` and `nlmsg_validate` walk, for C callers: its distance
/// from the header and its length (as [`attrdata_offset`] and [`attrlen`]).
/// `Error::MsgTooShort` when the message does not hold the family header
/// ([`valid_hdr_int`]).
pub fn attr_area_int(nlmsg_len: u32, hdrlen: i32) -> Result<(isize, i32)> {
    if !valid_hdr_int(nlmsg_len, hdrlen) {
        return Err(Error::MsgTooShort);
    }
    Ok((attrdata_offset(hdrlen), attrlen(nlmsg_len, hdrlen)))
}

/// `nlmsg_valid_hdr`: whether a message of `nlmsg_len` bytes holds the netlink header plus a
/// family header of `hdrlen` bytes.
pub fn valid_hdr(nlmsg_len: u32, hdrlen: usize) -> bool {
    NLMSG_HDRLEN
        .checked_add(hdrlen)
        .is_some_and(|need| nlmsg_len as usize >= need)
}

/// `nlmsg_ok`: whether a message whose header claims `nlmsg_len` fits in `remaining` bytes.
pub fn msg_ok(nlmsg_len: u32, remaining: i32) -> bool {
    remaining >= NLMSG_HDRLEN as i32
        && nlmsg_len as usize >= NLMSG_HDRLEN
        && i64::from(nlmsg_len) <= i64::from(remaining)
}

/// The attribute area of the message in `msg` (its first `nlmsg_len` bytes) after a family
/// header of `hdrlen` bytes: the range `16 + align(hdrlen) ..` the message end (empty when the
/// aligned family header reaches past it). `Error::MsgTooShort` when the message is shorter than
/// both headers (libnl's `nlmsg_parse` check).
pub fn attr_area(msg: &[u8], hdrlen: usize) -> Result<Range<usize>> {
    let hdr = NlmsgHdr::decode(msg).ok_or(Error::MsgTooShort)?;
    if !valid_hdr(hdr.len, hdrlen) {
        return Err(Error::MsgTooShort);
    }
    let end = (hdr.len as usize).min(msg.len());
    let start = NLMSG_HDRLEN.saturating_add(nlmsg_align(hdrlen)).min(end);
    Ok(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_defaults() {
        let m = Message::new().unwrap();
        assert_eq!(m.capacity(), crate::sys::page_size());
        assert_eq!(m.len(), 16);
        assert_eq!(m.libnl_size(), m.capacity());
        assert_eq!(
            m.header(),
            NlmsgHdr {
                len: 16,
                ..Default::default()
            }
        );
        let tiny = Message::with_capacity(0).unwrap();
        assert_eq!(tiny.capacity(), 16);
    }

    #[test]
    fn reserve_pads_and_respects_capacity() {
        let mut m = Message::with_capacity(32).unwrap();
        assert_eq!(m.reserve(5, 4), Some(16));
        assert_eq!(m.len(), 24);
        assert_eq!(&m.bytes()[16..24], &[0; 8]);
        assert_eq!(m.reserve(9, 4), None);
        assert_eq!(m.len(), 24);
        assert_eq!(m.reserve(8, 0), Some(24));
        assert_eq!(m.reserve(0, 0), Some(32));
        assert_eq!(m.reserve(usize::MAX, 4), None);
        assert_eq!(m.reserve(1, 0), None);
    }

    #[test]
    fn put_append_expand() {
        let mut m = Message::with_capacity(20).unwrap();
        m.put(1, 2, 18, 4, 0x300).unwrap();
        let h = m.header();
        assert_eq!((h.len, h.ty, h.flags, h.seq, h.pid), (20, 18, 0x300, 2, 1));
        assert_eq!(m.append(b"ab", 4), Err(Error::NoMem));
        assert_eq!(m.expand(20), Err(Error::Inval));
        m.expand(64).unwrap();
        m.append(b"ab", 4).unwrap();
        assert_eq!(&m.bytes()[20..24], b"ab\0\0");
        m.set_len(8).unwrap();
        assert!(m.put(0, 0, 0, 0, 0).is_none());
    }

    #[test]
    fn attributes_are_padded_and_bounded() {
        let mut m = Message::with_capacity(32).unwrap();
        assert_eq!(m.put_attr(1, &[7, 8, 9]), Ok(16));
        assert_eq!(m.len(), 24);
        assert_eq!(&m.bytes()[16..24], &[7, 0, 1, 0, 7, 8, 9, 0]);
        assert_eq!(m.put_attr(2, &[1; 5]), Err(Error::NoMem));
        assert_eq!(m.put_attr(2, &[1; 4]), Ok(24));
        let mut big = Message::with_capacity(1 << 17).unwrap();
        assert_eq!(big.reserve_attr(3, 65531), Ok(16));
        assert_eq!(big.reserve_attr(3, 65532), Err(Error::AttrSize));
    }

    #[test]
    fn convert_and_inherit() {
        let mut src = Message::with_capacity(64).unwrap();
        src.put(5, 6, 16, 3, 1).unwrap();
        let c = Message::convert(src.bytes()).unwrap();
        assert_eq!(c.bytes(), src.bytes());
        assert_eq!(c.capacity(), 20);
        assert_eq!(
            Message::convert(&src.bytes()[..10]).err(),
            Some(Error::MsgTooShort)
        );
        let i = Message::inherit(Some(&src.header())).unwrap();
        let h = i.header();
        assert_eq!((h.len, h.ty, h.flags, h.seq, h.pid), (16, 16, 1, 6, 5));
    }

    #[test]
    fn trimmed_then_rereserved_keeps_old_bytes_like_libnl() {
        let mut m = Message::with_capacity(64).unwrap();
        m.append(&[1, 2, 3, 4], 0).unwrap();
        m.set_len(16).unwrap();
        let off = m.reserve(4, 0).unwrap();
        assert_eq!(&m.bytes()[off..off + 4], &[1, 2, 3, 4]);
    }

    #[test]
    fn convert_short_lengths_like_libnl() {
        let c = Message::convert(&[]).unwrap();
        assert_eq!((c.len(), c.capacity()), (16, 16));
        let c = Message::convert(&4u32.to_ne_bytes()).unwrap();
        assert_eq!((c.len(), c.capacity()), (4, 16));
        assert_eq!(Message::convert(&[1, 2]).err(), Some(Error::MsgTooShort));
        assert_eq!(
            Message::convert(&20u32.to_ne_bytes()).err(),
            Some(Error::MsgTooShort)
        );
    }

    #[test]
    fn nests() {
        let mut m = Message::with_capacity(64).unwrap();
        let n = m.nest_start(3).unwrap();
        assert_eq!(m.nest_end(n, false), Ok(()));
        assert_eq!(m.len(), 16);
        let n = m.nest_start(3).unwrap();
        assert_eq!(m.nest_end(n, true), Ok(()));
        assert_eq!(&m.bytes()[16..20], &[4, 0, 3, 0x80]);
        let n = m.nest_start(4).unwrap();
        m.put_attr(1, &[1]).unwrap();
        m.nest_end(n, false).unwrap();
        assert_eq!(m.len(), 32);
        assert_eq!(
            &m.bytes()[20..32],
            &[12, 0, 4, 0x80, 5, 0, 1, 0, 1, 0, 0, 0]
        );
        let n = m.nest_start(5).unwrap();
        m.put_attr(1, &[1]).unwrap();
        m.nest_cancel(n);
        assert_eq!(m.len(), 32);
        assert_eq!(m.buf().bytes(32..44).unwrap(), &[0; 12]);
        assert_eq!(m.nest_end(40, false), Err(Error::Inval));
        assert_eq!(m.nest_end(2, false), Err(Error::Inval));
        m.nest_cancel(1000);
        assert_eq!(m.len(), 32);
        // a nest past 64 KiB is removed and reported
        let mut big = Message::with_capacity(1 << 18).unwrap();
        let n = big.nest_start(1).unwrap();
        big.put_attr(2, &[0; 60000]).unwrap();
        big.put_attr(2, &[0; 60000]).unwrap();
        assert_eq!(big.nest_end(n, false), Err(Error::AttrSize));
        assert_eq!(big.len(), 16);
    }

    #[test]
    fn nest_end_pads_unaligned_content() {
        let mut m = Message::with_capacity(64).unwrap();
        let n = m.nest_start(1).unwrap();
        m.append(&[1, 2, 3], 0).unwrap();
        assert_eq!(m.len(), 23);
        m.nest_end(n, false).unwrap();
        assert_eq!(m.len(), 24);
        assert_eq!(m.buf().read_u16(16), Some(8));
        let mut tight = Message::with_capacity(23).unwrap();
        let n = tight.nest_start(1).unwrap();
        tight.append(&[1, 2, 3], 0).unwrap();
        assert_eq!(tight.nest_end(n, false), Err(Error::NoMem));
    }

    #[test]
    fn attr_areas() {
        let mut m = Message::with_capacity(64).unwrap();
        m.put(0, 0, 16, 4, 0).unwrap();
        m.put_attr(1, &[1]).unwrap();
        assert_eq!(m.attr_area(4), Ok(20..28));
        assert_eq!(m.attr_area(1), Ok(20..28));
        assert_eq!(m.attr_area(12), Ok(28..28));
        assert_eq!(m.attr_area(13), Err(Error::MsgTooShort));
        assert_eq!(attr_area(&[0; 8], 0), Err(Error::MsgTooShort));
        assert!(valid_hdr(16, 0));
        assert!(!valid_hdr(15, 0));
        assert!(!valid_hdr(100, usize::MAX));
        assert!(msg_ok(16, 16));
        assert!(!msg_ok(17, 16));
        assert!(!msg_ok(15, 100));
        assert!(!msg_ok(16, 15));
        assert!(!msg_ok(u32::MAX, i32::MAX));
    }

    #[test]
    fn c_int_arithmetic_like_libnl() {
        assert_eq!((size(3), total_size(3), padlen(3)), (19, 20, 1));
        assert_eq!((size(0), total_size(0), padlen(0)), (16, 16, 0));
        assert_eq!(size(i32::MAX), i32::MIN + 15);
        assert_eq!(total_size(-16), 0);
        assert_eq!(align_int(i32::MAX), i32::MIN);
        assert_eq!(datalen(20), 4);
        assert_eq!(datalen(4), -12);
        assert_eq!(datalen(u32::MAX), -17);
        assert_eq!(tail_offset(17), 20);
        assert_eq!(tail_offset(u32::MAX), 0);
        assert_eq!(next_len(17), 20);
        assert_eq!(next_len(u32::MAX), 0);
        assert_eq!(next_len(0x8000_0000), i32::MIN);
        assert_eq!(attrdata_offset(4), 20);
        assert_eq!(attrdata_offset(5), 24);
        assert_eq!(attrdata_offset(-20), -4);
        assert_eq!(attrlen(28, 4), 8);
        assert_eq!(attrlen(28, 5), 4);
        assert_eq!(attrlen(20, 8), 0);
        assert_eq!(attrlen(8, 0), 0);
        assert!(valid_hdr_int(20, 4));
        assert!(!valid_hdr_int(19, 4));
        assert!(valid_hdr_int(0, -16));
        assert!(!valid_hdr_int(u32::MAX - 1, -17));
        assert_eq!(attr_area_int(28, 4), Ok((20, 8)));
        assert_eq!(attr_area_int(28, 12), Ok((28, 0)));
        assert_eq!(attr_area_int(28, 13), Err(Error::MsgTooShort));
    }

    #[test]
    fn c_argument_puts() {
        let mut m = Message::with_capacity(32).unwrap();
        assert_eq!(m.reserve_attr_int(0x1_0002, 1), Ok(16));
        assert_eq!(&m.bytes()[16..20], &[5, 0, 2, 0]);
        assert_eq!(m.reserve_attr_int(1, -1), Err(Error::Inval));
        assert_eq!(m.put_attr_int(3, &[1, 2, 3, 4]), Ok(()));
        assert_eq!(m.put_attr_int(3, &[1]), Err(Error::NoMem));
        let mut big = Message::with_capacity(1 << 17).unwrap();
        assert_eq!(big.put_attr_int(1, &[0; 65532]), Err(Error::AttrSize));
        assert_eq!(big.reserve_attr(1, 65532), Err(Error::AttrSize));
        assert_eq!(big.reserve_attr(1, usize::MAX), Err(Error::AttrSize));
        assert_eq!(big.len(), 16);
        // Too big for an attribute beats too big for the message.
        assert_eq!(m.put_attr_int(1, &[0; 70000]), Err(Error::AttrSize));
        assert_eq!(big.put_attr_int(1, &[0; 65531]), Ok(()));
        assert_eq!(m.nested_payload().map(<[u8]>::len), Some(16));
        m.set_len(15).unwrap();
        assert_eq!(m.nested_payload(), None);
        m.set_len(0x8000_0010).unwrap();
        assert_eq!(m.nested_payload(), None);
        m.set_len(1000).unwrap();
        assert_eq!(m.nested_payload().map(<[u8]>::len), Some(16));
    }

    #[test]
    fn dump_reads_a_zeroed_buffer() {
        let mut m = Message::with_capacity(64).unwrap();
        m.append(&[0xff; 8], 0).unwrap();
        m.set_len(16).unwrap();
        m.put(0, 0, 2, 0, 0).unwrap();
        let text = m.dump_text(0, &super::super::dump::NoTypes);
        assert!(text.contains("ERROR"), "{text}");
        assert_eq!(m.buf().bytes(24..64).unwrap(), &[0; 40]);
    }

    #[test]
    fn simple_sets_type_and_flags() {
        let m = Message::simple(18, 0x301).unwrap();
        let h = m.header();
        assert_eq!((h.len, h.ty, h.flags, h.seq, h.pid), (16, 18, 0x301, 0, 0));
        assert_eq!(m.capacity(), default_size());
    }

    #[test]
    fn reserve_attr_after_unaligned_len_zeroes_gap() {
        let mut m = Message::with_capacity(64).unwrap();
        m.append(&[9], 0).unwrap();
        assert_eq!(m.put_attr(1, &[]), Ok(20));
        assert_eq!(m.buf().bytes(17..20).unwrap(), &[0; 3]);
    }
}
