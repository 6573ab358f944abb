//! Human-readable dumps of netlink messages (`nl_msg_dump`) and the message-type / flag string
//! helpers of `netlink/msg.h` (`nl_nlmsgtype2str`, `nl_str2nlmsgtype`, `nl_nlmsg_flags2str`).
//!
//! The text reproduces libnl 3.7.0's output byte for byte: header block, generic netlink
//! header, payload hex+ASCII dumps, attributes (nested ones indented), padding and leftover
//! bytes, and `NLMSG_ERROR` messages with the embedded error and the original header.
//!
//! libnl learns the family header size and the message type names of a protocol from its
//! registered cache types. That knowledge comes in through the [`DumpEnv`] trait, so the
//! object/cache registry (a later issue) can plug in without touching the formatter; until then
//! the FFI layer passes an environment whose [`DumpEnv::family`] always answers `None`, which is
//! exactly libnl's behaviour for protocols without cache types.
#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::fmt::Write as _;

use super::wire::{NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_HDRLEN, NlaHdr, NlmsgHdr};
use super::wire::{nla_align, nlmsg_align};
use crate::error::{Error, Result};

/// `NETLINK_GENERIC`: messages of this protocol get their genetlink header decoded.
const NETLINK_GENERIC: i32 = 16;
/// `GENL_HDRLEN`: size of `struct genlmsghdr`.
const GENL_HDRLEN: usize = 4;
/// `NLMSG_ERROR`.
const NLMSG_ERROR: u16 = 2;
/// `sizeof(struct nlmsgerr)`: the error code plus the original header.
const NLMSGERR_LEN: usize = 4 + NLMSG_HDRLEN;
/// Size of the scratch buffer libnl formats header type names and flag lists into (they are
/// cut to 127 bytes there).
const NAME_BUF: usize = 128;

/// What a registered cache type tells the dumper about one message type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MsgTypeInfo {
    /// The cache type's name (`co_name`, e.g. `route/link`).
    pub cache_name: String,
    /// The message type's name within it (`mt_name`, e.g. `new`).
    pub type_name: String,
    /// The family header size (`co_hdrsize`; for generic netlink it includes the 4-byte
    /// genetlink header).
    pub hdrsize: usize,
}

/// The outside knowledge the dumper needs.
///
/// This is the hook for the cache-type registry: once cache types exist, the FFI layer passes
/// an implementation whose [`family`](DumpEnv::family) consults them.
pub trait DumpEnv {
    /// The cache type registered for `(protocol, msgtype)`, if any (libnl's
    /// `nl_cache_ops_associate_safe` + `nl_msgtype_lookup`).
    fn family(&self, protocol: i32, msgtype: u16) -> Option<MsgTypeInfo>;
    /// The C-locale `strerror` text of `errnum`.
    fn strerror(&self, errnum: i32) -> String;
}

// ---------------------------------------------------------------------------------------------
// Type and flag names
// ---------------------------------------------------------------------------------------------

/// libnl's one-line summary of a message header (`type=… length=… flags=<…> sequence-nr=…
/// pid=…`), as its verbose and debug callbacks print it; missing bytes read as zero.
pub fn header_summary(h: &[u8]) -> String {
    let g32 = |o: usize| {
        h.get(o..o + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_ne_bytes)
    };
    let g16 = |o: usize| {
        h.get(o..o + 2)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u16::from_ne_bytes)
    };
    format!(
        "type={} length={} flags=<{}> sequence-nr={} pid={}",
        nlmsgtype_str(i32::from(g16(4))),
        g32(0),
        nlmsg_flags_str(i32::from(g16(6))),
        g32(8),
        g32(12)
    )
}

/// A [`DumpEnv`] that knows no cache types (what libnl prints for protocols without them).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTypes;

impl DumpEnv for NoTypes {
    fn family(&self, _protocol: i32, _msgtype: u16) -> Option<MsgTypeInfo> {
        None
    }
    fn strerror(&self, errnum: i32) -> String {
        format!("errno {errnum}")
    }
}

/// libnl's names of the netlink control message types.
const MSGTYPE_NAMES: [(i32, &str); 4] = [(1, "NOOP"), (2, "ERROR"), (3, "DONE"), (4, "OVERRUN")];

/// libnl's `NLM_F_*` flag names, in the order it lists them.
const FLAG_NAMES: [(u32, &str); 8] = [
    (0x1, "REQUEST"),
    (0x2, "MULTI"),
    (0x4, "ACK"),
    (0x8, "ECHO"),
    (0x100, "ROOT"),
    (0x200, "MATCH"),
    (0x400, "ATOMIC"),
    (0x800, "APPEND"),
];

/// `nl_nlmsgtype2str`: the name of a control message type, `0x…` (lower-case hex of the value
/// as unsigned) for anything else.
pub fn nlmsgtype_str(ty: i32) -> String {
    match MSGTYPE_NAMES.iter().find(|(v, _)| *v == ty) {
        Some((_, name)) => (*name).to_string(),
        None => format!("0x{:x}", ty as u32),
    }
}

/// `nl_str2nlmsgtype`: a control message type name (case-insensitive) or a number in C's
/// `strtoul(…, 0)` syntax, truncated to `int`.
///
/// # Errors
/// `Error::Inval` for an empty string; `Error::ObjNotFound` when the text is neither a name
/// nor a complete number, or the number is `ULONG_MAX` (libnl's overflow marker).
pub fn parse_nlmsgtype(s: &[u8]) -> Result<i32> {
    if s.is_empty() {
        return Err(Error::Inval);
    }
    if let Some((v, _)) = MSGTYPE_NAMES
        .iter()
        .find(|(_, name)| name.as_bytes().eq_ignore_ascii_case(s))
    {
        return Ok(*v);
    }
    let (value, rest) = match super::cnum::strtoul(s, 0) {
        Some((v, used, _)) => (v, s.get(used..).unwrap_or_default()),
        None => (0, s),
    };
    if value == std::ffi::c_ulong::MAX || !rest.is_empty() {
        return Err(Error::ObjNotFound);
    }
    // libnl-compat: the unsigned long is truncated to int (e.g. "4294967296" gives 0).
    Ok(super::cnum::ulong_to_u32(value) as i32)
}

/// `nl_nlmsg_flags2str`: comma-separated flag names, then any unknown bits as `0x…`.
pub fn nlmsg_flags_str(flags: i32) -> String {
    let mut rest = flags as u32;
    let mut out = String::new();
    for (bit, name) in FLAG_NAMES {
        if rest & bit != 0 {
            rest &= !bit;
            if !out.is_empty() {
                out.push(',');
            }
            out.push_str(name);
        }
    }
    if rest != 0 {
        if !out.is_empty() {
            out.push(',');
        }
        let _ = write!(out, "0x{rest:x}");
    }
    out
}

/// `nl_nlmsg_flags2str` into a caller's buffer: the whole buffer is zeroed first (as libnl
/// does), then [`nlmsg_flags_str`] is copied in, cut to leave room for a terminating NUL.
pub fn nlmsg_flags_into(flags: i32, out: &mut [u8]) {
    out.fill(0);
    let text = nlmsg_flags_str(flags);
    let n = text.len().min(out.len().saturating_sub(1));
    if let (Some(dst), Some(src)) = (out.get_mut(..n), text.as_bytes().get(..n)) {
        dst.copy_from_slice(src);
    }
}

// ---------------------------------------------------------------------------------------------
// nl_msg_dump
// ---------------------------------------------------------------------------------------------

/// First and last line of a dump.
const BEGIN: &str =
    "--------------------------   BEGIN NETLINK MESSAGE ---------------------------\n";
const END: &str =
    "---------------------------  END NETLINK MESSAGE   ---------------------------\n";

/// Formats a message the way `nl_msg_dump` prints it.
///
/// `buf` is every byte of the message buffer that may be read (the message starts at offset 0
/// and `nlmsg_len` is taken from its header; bytes after `nlmsg_len` are read where libnl reads
/// them: a short `NLMSG_ERROR`'s error block and the padding of a trailing unaligned attribute).
/// `protocol` is the message's netlink protocol (-1 when unset).
///
/// libnl-compat: where libnl would read outside its buffer (a `nlmsg_len` larger than the
/// buffer, padding past its end, an error block that does not fit) this stays inside `buf`:
/// the message is cut at the buffer end, missing padding bytes print as zeros, and a missing
/// error block is not decoded.
pub fn format_message(buf: &[u8], protocol: i32, env: &dyn DumpEnv) -> String {
    let hdr = read_hdr(buf, 0);
    let mut out = String::from(BEGIN);
    let _ = writeln!(out, "  [NETLINK HEADER] {NLMSG_HDRLEN} octets");
    print_hdr(&mut out, &hdr, protocol, env);

    // libnl's nlmsg_len(): computed in unsigned arithmetic, then read back as int.
    let payload = hdr.len.wrapping_sub(NLMSG_HDRLEN as u32) as i32;
    if hdr.ty == NLMSG_ERROR {
        let _ = writeln!(out, "  [ERRORMSG] {NLMSGERR_LEN} octets");
        // libnl-compat: libnl compares the signed payload length with an unsigned size, so a
        // nlmsg_len below 16 counts as "long enough" and the error block is read anyway.
        let long_enough = payload as u32 as usize >= NLMSGERR_LEN;
        let block = buf.get(NLMSG_HDRLEN..NLMSG_HDRLEN + NLMSGERR_LEN);
        if let (true, Some(block)) = (long_enough, block) {
            let error = block
                .get(..4)
                .and_then(|b| b.try_into().ok())
                .map_or(0, i32::from_ne_bytes);
            let _ = writeln!(
                out,
                "    .error = {error} \"{}\"",
                env.strerror(error.wrapping_neg())
            );
            let _ = writeln!(out, "  [ORIGINAL MESSAGE] {NLMSG_HDRLEN} octets");
            // libnl prints a fresh message inheriting the original header: its length is
            // that of an empty message and it has no protocol.
            let orig = NlmsgHdr {
                len: NLMSG_HDRLEN as u32,
                ..read_hdr(block, 4)
            };
            print_hdr(&mut out, &orig, -1, env);
        }
    } else if payload > 0 {
        // Stay inside the buffer when nlmsg_len claims more than it holds.
        let avail = buf.len().saturating_sub(NLMSG_HDRLEN);
        let payload = (payload as usize).min(avail);
        print_msg(&mut out, buf, &hdr, payload, protocol, env);
    }
    out.push_str(END);
    out
}

/// Decodes a header at `off`; bytes missing from `buf` read as zero.
fn read_hdr(buf: &[u8], off: usize) -> NlmsgHdr {
    NlmsgHdr::decode(&read(buf, off, NLMSG_HDRLEN)).unwrap_or_default()
}

/// `len` bytes of `buf` at `off`; bytes beyond the end of `buf` read as zero.
fn read(buf: &[u8], off: usize, len: usize) -> Cow<'_, [u8]> {
    let end = off.saturating_add(len);
    match buf.get(off..end) {
        Some(s) => Cow::Borrowed(s),
        None => {
            let have = buf.get(off.min(buf.len())..).unwrap_or_default();
            let mut v = have.get(..len.min(have.len())).unwrap_or_default().to_vec();
            v.resize(len, 0);
            Cow::Owned(v)
        }
    }
}

/// The `.nlmsg_len` … `.port` block of one header.
fn print_hdr(out: &mut String, hdr: &NlmsgHdr, protocol: i32, env: &dyn DumpEnv) {
    let _ = writeln!(out, "    .nlmsg_len = {}", hdr.len as i32);
    let name = match env.family(protocol, hdr.ty) {
        Some(info) => format!("{}::{}", info.cache_name, info.type_name),
        None => nlmsgtype_str(i32::from(hdr.ty)),
    };
    let _ = writeln!(out, "    .type = {} <{}>", hdr.ty, cut(&name));
    let flags = nlmsg_flags_str(i32::from(hdr.flags));
    let _ = writeln!(out, "    .flags = {} <{}>", hdr.flags, cut(&flags));
    let _ = writeln!(out, "    .seq = {}", hdr.seq as i32);
    let _ = writeln!(out, "    .port = {}", hdr.pid as i32);
}

/// A name as it fits libnl's 128-byte scratch buffer.
fn cut(s: &str) -> Cow<'_, str> {
    if s.len() < NAME_BUF {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes().get(..NAME_BUF - 1).unwrap_or_default();
    String::from_utf8_lossy(b)
}

/// Everything after the netlink header of a non-error message with `payload` bytes (> 0, and
/// inside `buf`).
fn print_msg(
    out: &mut String,
    buf: &[u8],
    hdr: &NlmsgHdr,
    payload: usize,
    protocol: i32,
    env: &dyn DumpEnv,
) {
    let info = env.family(protocol, hdr.ty);
    let mut payloadlen = payload;
    let mut attrlen = 0usize;
    if let Some(info) = &info {
        attrlen = payload.saturating_sub(nlmsg_align(info.hdrsize));
        payloadlen -= attrlen;
    }
    let mut data = NLMSG_HDRLEN;

    if protocol == NETLINK_GENERIC && payloadlen >= GENL_HDRLEN {
        let g = read(buf, data, GENL_HDRLEN);
        let (cmd, version) = (g.first().copied(), g.get(1).copied());
        let reserved = g
            .get(2..4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u16::from_ne_bytes);
        let _ = writeln!(out, "  [GENERIC NETLINK HEADER] {GENL_HDRLEN} octets");
        let _ = writeln!(out, "    .cmd = {}", cmd.unwrap_or(0));
        let _ = writeln!(out, "    .version = {}", version.unwrap_or(0));
        // C's "%#x": no prefix for zero.
        if reserved == 0 {
            let _ = writeln!(out, "    .unused = 0");
        } else {
            let _ = writeln!(out, "    .unused = {reserved:#x}");
        }
        payloadlen -= GENL_HDRLEN;
        data += GENL_HDRLEN;
        if let Some(info) = &info {
            let extra = info.hdrsize.saturating_sub(GENL_HDRLEN);
            if extra > 0 && payloadlen >= extra {
                let _ = writeln!(out, "  [HEADER] {extra} octets");
                dump_hex(out, &read(buf, data, extra), 0);
                payloadlen -= extra;
                data += extra;
            }
        }
    }

    if payloadlen > 0 {
        let _ = writeln!(out, "  [PAYLOAD] {payloadlen} octets");
        dump_hex(out, &read(buf, data, payloadlen), 0);
    }

    if let (Some(info), true) = (&info, attrlen > 0) {
        let start = NLMSG_HDRLEN + nlmsg_align(info.hdrsize);
        dump_attrs(out, buf, start, attrlen, 0);
    }
}

/// libnl's indentation: two spaces per nesting level.
fn prefix_line(out: &mut String, prefix: usize) {
    for _ in 0..prefix {
        out.push_str("  ");
    }
}

/// Hex + ASCII dump: `16 - 2 * prefix` bytes per line (at least one).
///
/// libnl-compat: an empty dump still prints the line's indentation without a newline, so the
/// next line of the dump starts indented by four more spaces; a dump whose length is a multiple
/// of the line width ends without a trailing indentation.
fn dump_hex(out: &mut String, data: &[u8], prefix: usize) {
    let limit = 16_i64 - 2 * i64::try_from(prefix).unwrap_or(i64::MAX / 4);
    let per_line = usize::try_from(limit.max(1)).unwrap_or(1);
    prefix_line(out, prefix);
    out.push_str("    ");
    let mut ascii = String::new();
    let mut count = 0usize;
    for (i, &b) in data.iter().enumerate() {
        let _ = write!(out, "{b:02x} ");
        ascii.push(if (0x20..0x7f).contains(&b) {
            char::from(b)
        } else {
            '.'
        });
        count += 1;
        if count >= per_line {
            out.push_str(&ascii);
            out.push('\n');
            if i + 1 < data.len() {
                prefix_line(out, prefix);
                out.push_str("    ");
            }
            count = 0;
            ascii.clear();
        }
    }
    if count != 0 {
        for _ in count..per_line {
            out.push_str("   ");
        }
        out.push_str(&ascii);
        out.push('\n');
    }
}

/// One level of the attribute walk.
struct Frame {
    /// Offset of the next attribute.
    pos: usize,
    /// Bytes left at this level (negative after an unaligned last attribute, as in libnl).
    rem: i64,
    /// Nesting depth.
    prefix: usize,
    /// Padding of the enclosing nested attribute, printed when this level ends:
    /// (offset, length, the enclosing level's prefix).
    pad: Option<(usize, usize, usize)>,
}

/// Prints the attributes in `buf[start..start + len]` (recursing into nested ones with an
/// explicit stack, so deep nesting cannot exhaust the call stack).
fn dump_attrs(out: &mut String, buf: &[u8], start: usize, len: usize, prefix: usize) {
    let mut stack = vec![Frame {
        pos: start,
        rem: i64::try_from(len).unwrap_or(i64::MAX),
        prefix,
        pad: None,
    }];
    while let Some(top) = stack.last_mut() {
        // libnl's nla_ok(): room for a header, and a length between 4 and what is left.
        let nla = (top.rem >= NLA_HDRLEN as i64)
            .then(|| buf.get(top.pos..).and_then(NlaHdr::decode))
            .flatten()
            .filter(|a| usize::from(a.len) >= NLA_HDRLEN && i64::from(a.len) <= top.rem);
        let Some(nla) = nla else {
            if top.rem != 0 {
                prefix_line(out, top.prefix);
                let _ = writeln!(out, "  [LEFTOVER] {} octets", top.rem);
            }
            if let Some((off, padlen, pprefix)) = top.pad {
                print_padding(out, buf, off, padlen, pprefix);
            }
            stack.pop();
            continue;
        };
        let level = top.prefix;
        let data = top.pos + NLA_HDRLEN;
        let alen = usize::from(nla.len) - NLA_HDRLEN;
        let padlen = nla_align(alen) - alen;
        let step = nla_align(usize::from(nla.len));
        top.pos += step;
        top.rem -= step as i64;

        let nested = nla.ty & NLA_F_NESTED != 0;
        prefix_line(out, level);
        if nla.ty == 0 {
            let _ = writeln!(out, "  [ATTR PADDING] {alen} octets");
        } else {
            let _ = writeln!(
                out,
                "  [ATTR {:02}{}] {alen} octets",
                nla.ty & NLA_TYPE_MASK,
                if nested { " NESTED" } else { "" }
            );
        }
        if nested {
            stack.push(Frame {
                pos: data,
                rem: alen as i64,
                prefix: level + 1,
                pad: (padlen > 0).then_some((data + alen, padlen, level)),
            });
        } else {
            dump_hex(out, &read(buf, data, alen), level);
            if padlen > 0 {
                print_padding(out, buf, data + alen, padlen, level);
            }
        }
    }
}

/// The `[PADDING]` block after an unaligned attribute.
fn print_padding(out: &mut String, buf: &[u8], off: usize, padlen: usize, prefix: usize) {
    prefix_line(out, prefix);
    let _ = writeln!(out, "  [PADDING] {padlen} octets");
    dump_hex(out, &read(buf, off, padlen), prefix);
}

#[cfg(test)]
mod tests;
