//! libnl's receive loop (`nl_recvmsgs_report` semantics), independent of sockets and C.
//!
//! [`recvmsgs`] reads datagrams from a [`Transport`] and dispatches every netlink message in
//! place (no copy) to a [`Handlers`] implementation, following libnl 3.7 exactly: message-in
//! hook, sequence check, control message handling (DONE, ERROR/ACK, NOOP, OVERRUN), dump
//! interruption, multipart continuation, and the `NL_OK`/`NL_SKIP`/`NL_STOP` protocol.
#![forbid(unsafe_code)]

use super::msg::{SockaddrNl, Ucred};
use crate::error::{Error, syserr2nlerr};

/// `NL_OK`: continue with the message.
pub const NL_OK: i32 = 0;
/// `NL_SKIP`: skip the rest of this message.
pub const NL_SKIP: i32 = 1;
/// `NL_STOP`: stop reading.
pub const NL_STOP: i32 = 2;

/// `enum nl_cb_type` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum CbType {
    /// Valid (non-control) message.
    Valid = 0,
    /// End of a multipart message (NLMSG_DONE).
    Finish = 1,
    /// Data lost (NLMSG_OVERRUN).
    Overrun = 2,
    /// Message skipped (NLMSG_NOOP).
    Skipped = 3,
    /// Acknowledgement (NLMSG_ERROR with error 0).
    Ack = 4,
    /// Every received message, first.
    MsgIn = 5,
    /// Every sent message.
    MsgOut = 6,
    /// Invalid message (sequence mismatch, truncated error).
    Invalid = 7,
    /// Custom sequence check.
    SeqCheck = 8,
    /// Sender asked for an ack.
    SendAck = 9,
    /// Dump was interrupted (NLM_F_DUMP_INTR).
    DumpIntr = 10,
}

impl CbType {
    /// The callback type with index `i` (`enum nl_cb_type` value).
    pub fn from_index(i: usize) -> Option<CbType> {
        const ALL: [CbType; CB_TYPES] = [
            CbType::Valid,
            CbType::Finish,
            CbType::Overrun,
            CbType::Skipped,
            CbType::Ack,
            CbType::MsgIn,
            CbType::MsgOut,
            CbType::Invalid,
            CbType::SeqCheck,
            CbType::SendAck,
            CbType::DumpIntr,
        ];
        ALL.get(i).copied()
    }
}

/// Number of callback types (`NL_CB_TYPE_MAX + 1`).
pub const CB_TYPES: usize = 11;

/// One received datagram, borrowed from the transport until the next read.
pub struct Datagram<'a> {
    /// The bytes read.
    pub bytes: &'a mut [u8],
    /// Sender.
    pub src: SockaddrNl,
    /// Credentials, when received.
    pub creds: Option<Ucred>,
}

/// Where datagrams come from (a socket, a user override, or a test script).
pub trait Transport {
    /// Reads the next datagram. `Ok(None)` when nothing was read (libnl's `n == 0`), `Err` with
    /// the (negative) value the loop returns.
    fn recv(&mut self) -> std::result::Result<Option<Datagram<'_>>, i32>;
}

/// Per-message metadata handed to [`Handlers::call`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Meta {
    /// Sender of the datagram.
    pub src: SockaddrNl,
    /// Credentials of the datagram.
    pub creds: Option<Ucred>,
}

/// The callback set and socket state the loop consults (fresh on every use: callbacks may
/// change them).
pub trait Handlers {
    /// Whether a callback of type `ty` is installed.
    fn is_set(&self, ty: CbType) -> bool;
    /// Calls the callback of type `ty` on the message `msg` (its whole `nlmsg_len` bytes);
    /// returns its raw result.
    fn call(&mut self, ty: CbType, msg: &mut [u8], meta: &Meta) -> i32;
    /// Calls the error callback with the message (which holds an `nlmsgerr`); `None` if there is
    /// no error callback.
    fn call_err(&mut self, msg: &mut [u8], meta: &Meta) -> Option<i32>;
    /// The sequence number the socket expects next.
    fn seq_expect(&self) -> u32;
    /// Stores the expected sequence number.
    fn set_seq_expect(&mut self, seq: u32);
    /// Whether auto-ack (and so the built-in sequence check) is off.
    fn no_auto_ack(&self) -> bool;
    /// Called after each message, before its bytes may be overwritten.
    fn message_done(&mut self) {}
    /// An identity for debug lines (the socket's address).
    fn id(&self) -> usize {
        0
    }
}

const NLMSG_HDRLEN: usize = 16;
const NLMSGERR_LEN: usize = 20;
const NLM_F_MULTI: u16 = 2;
const NLM_F_ACK: u16 = 4;
const NLM_F_DUMP_INTR: u16 = 0x10;
const NLMSG_NOOP: u16 = 1;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLMSG_OVERRUN: u16 = 4;

#[derive(Clone, Copy)]
struct Hdr {
    len: u32,
    ty: u16,
    flags: u16,
    seq: u32,
}

fn hdr_at(b: &[u8]) -> Option<Hdr> {
    let g = |r: std::ops::Range<usize>| b.get(r);
    Some(Hdr {
        len: u32::from_ne_bytes(g(0..4)?.try_into().ok()?),
        ty: u16::from_ne_bytes(g(4..6)?.try_into().ok()?),
        flags: u16::from_ne_bytes(g(6..8)?.try_into().ok()?),
        seq: u32::from_ne_bytes(g(8..12)?.try_into().ok()?),
    })
}

/// What a callback result means for the loop.
enum Flow {
    Go,
    Skip,
    Stop,
    Out(i32),
}

fn flow(ret: i32) -> Flow {
    match ret {
        NL_OK => Flow::Go,
        NL_SKIP => Flow::Skip,
        NL_STOP => Flow::Stop,
        other => Flow::Out(other),
    }
}

/// The receive loop. Returns libnl's value: the number of messages processed on success, a
/// negative `NLE_*` code on failure, or a callback's own non-`NL_*` return value.
pub fn recvmsgs<T: Transport, H: Handlers>(t: &mut T, h: &mut H) -> i32 {
    let mut nrecv: i32 = 0;
    let mut interrupted = false;
    let ret = 'out: loop {
        crate::nl_dbg!(3, "Attempting to read from {:#x}\n", h.id());
        let dg = match t.recv() {
            Ok(Some(dg)) => dg,
            Ok(None) => return 0,
            Err(e) => return e,
        };
        let n = dg.bytes.len();
        crate::nl_dbg!(3, "recvmsgs({:#x}): Read {} bytes\n", h.id(), n);
        let meta = Meta {
            src: dg.src,
            creds: dg.creds,
        };
        let mut multipart = false;
        let mut off = 0usize;
        loop {
            let rest = n.saturating_sub(off);
            let Some(hdr) = dg.bytes.get(off..).and_then(hdr_at) else {
                break;
            };
            let len = hdr.len as usize;
            if rest < NLMSG_HDRLEN || len < NLMSG_HDRLEN || len > rest {
                break;
            }
            crate::nl_dbg!(3, "recvmsgs({:#x}): Processing valid message...\n", h.id());
            let Some(msg) = dg.bytes.get_mut(off..off + len) else {
                break;
            };
            nrecv = nrecv.saturating_add(1);
            let step = process(h, msg, &hdr, &meta, &mut multipart, &mut interrupted);
            h.message_done();
            match step {
                Flow::Go | Flow::Skip => {}
                Flow::Stop => break 'out 0,
                Flow::Out(e) => break 'out e,
            }
            off = off.saturating_add((len + 3) & !3);
        }
        if !multipart {
            break 0;
        }
    };
    if interrupted {
        return Error::DumpIntr.to_nle();
    }
    if ret == 0 { nrecv } else { ret }
}

/// One message: everything libnl does between "Processing valid message" and the `skip` label.
fn process<H: Handlers>(
    h: &mut H,
    msg: &mut [u8],
    hdr: &Hdr,
    meta: &Meta,
    multipart: &mut bool,
    interrupted: &mut bool,
) -> Flow {
    macro_rules! call {
        ($ty:expr) => {
            match flow(h.call($ty, msg, meta)) {
                Flow::Go => {}
                other => return other,
            }
        };
    }
    if h.is_set(CbType::MsgIn) {
        call!(CbType::MsgIn);
    }
    if h.is_set(CbType::SeqCheck) {
        call!(CbType::SeqCheck);
    } else if !h.no_auto_ack() && hdr.seq != h.seq_expect() {
        if h.is_set(CbType::Invalid) {
            call!(CbType::Invalid);
        } else {
            return Flow::Out(Error::SeqMismatch.to_nle());
        }
    }
    if matches!(
        hdr.ty,
        NLMSG_DONE | NLMSG_ERROR | NLMSG_NOOP | NLMSG_OVERRUN
    ) {
        let next = h.seq_expect().wrapping_add(1);
        h.set_seq_expect(next);
        crate::nl_dbg!(
            3,
            "recvmsgs({:#x}): Increased expected sequence number to {}\n",
            h.id(),
            next as i32
        );
    }
    if hdr.flags & NLM_F_MULTI != 0 {
        *multipart = true;
    }
    if hdr.flags & NLM_F_DUMP_INTR != 0 {
        if h.is_set(CbType::DumpIntr) {
            call!(CbType::DumpIntr);
        } else {
            // Keep reading up to NLMSG_DONE, then report the inconsistency.
            *interrupted = true;
        }
    }
    if hdr.flags & NLM_F_ACK != 0 && h.is_set(CbType::SendAck) {
        call!(CbType::SendAck);
    }
    match hdr.ty {
        NLMSG_DONE => {
            *multipart = false;
            if h.is_set(CbType::Finish) {
                call!(CbType::Finish);
            }
        }
        NLMSG_NOOP => {
            if h.is_set(CbType::Skipped) {
                call!(CbType::Skipped);
            } else {
                return Flow::Skip;
            }
        }
        NLMSG_OVERRUN => {
            if h.is_set(CbType::Overrun) {
                call!(CbType::Overrun);
            } else {
                return Flow::Out(Error::MsgOverflow.to_nle());
            }
        }
        NLMSG_ERROR => {
            if (hdr.len as usize) < NLMSG_HDRLEN + NLMSGERR_LEN {
                if h.is_set(CbType::Invalid) {
                    call!(CbType::Invalid);
                } else {
                    return Flow::Out(Error::MsgTrunc.to_nle());
                }
            } else {
                let error = msg
                    .get(NLMSG_HDRLEN..NLMSG_HDRLEN + 4)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, i32::from_ne_bytes);
                if error != 0 {
                    crate::nl_dbg!(
                        4,
                        "recvmsgs({:#x}): RTNETLINK responded with {} ({})\n",
                        h.id(),
                        error.wrapping_neg(),
                        crate::sys::stdio::strerror_c(error.wrapping_neg())
                    );
                    let nle = -syserr2nlerr(error);
                    match h.call_err(msg, meta) {
                        None => return Flow::Out(nle),
                        Some(r) if r < 0 => return Flow::Out(r),
                        Some(NL_SKIP) => return Flow::Skip,
                        Some(NL_STOP) => return Flow::Out(nle),
                        Some(_) => {}
                    }
                } else if h.is_set(CbType::Ack) {
                    call!(CbType::Ack);
                }
            }
        }
        _ => {
            if h.is_set(CbType::Valid) {
                call!(CbType::Valid);
            }
        }
    }
    Flow::Go
}

#[cfg(test)]
mod tests;
