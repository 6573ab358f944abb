//! The receive loop fed crafted datagrams: DONE, ACKs and errors (also truncated), NOOP,
//! OVERRUN, interrupted dumps, multipart runs cut short, wrong sequence numbers, lengths that
//! lie, read errors; with callbacks set by the input returning every verdict (`NL_OK`,
//! `NL_SKIP`, `NL_STOP`, a negative code, a value of their own). Twice: the engine's loop
//! (`engine::recv::recvmsgs`) over a scripted transport, and `nl_recvmsgs_report` through
//! `nl_cb_overwrite_recv` with C callbacks of every kind (the verbose and debug printers write
//! to `/dev/null`).
//!
//! Properties: a callback only runs when set, sees one whole message of at least a header;
//! after a callback stops the loop (or returns its own value) nothing else runs and the loop
//! returns that value (or `-NLE_DUMP_INTR`); a positive result is the number of messages the
//! loop processed; reads stop when the script ends.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ffi::{c_int, c_uchar, c_void};
use std::ptr;

use nlrs::engine::msg::SockaddrNl;
use nlrs::engine::recv::{
    CB_TYPES, CbType, Datagram, Handlers, Meta, NL_OK, NL_SKIP, NL_STOP, Transport, recvmsgs,
};
use nlrs::error::Error;
use nlrs::ffi::handlers::{nl_cb_alloc, nl_cb_err, nl_cb_overwrite_recv, nl_cb_put, nl_cb_set};
use nlrs::ffi::msg::nlmsg_hdr;
use nlrs::ffi::nl::nl_recvmsgs_report;
use nlrs::ffi::socket::{
    nl_socket_alloc, nl_socket_disable_auto_ack, nl_socket_disable_seq_check, nl_socket_free,
};
use nlrs::ffi::types::{nl_msg, nl_sock};

use super::{Reader, nlmsg};

const SEQ: u32 = 77;
const NLM_F_MULTI: u16 = 2;
const NLM_F_ACK: u16 = 4;
const NLM_F_DUMP_INTR: u16 = 0x10;

/// The datagrams of the script: bytes, or a read error.
fn datagrams(r: &mut Reader<'_>) -> Vec<Result<Vec<u8>, i32>> {
    let mut out = Vec::new();
    for _ in 0..r.u8() % 6 + 1 {
        let kind = r.u8();
        if kind == 0xff {
            out.push(Err(-c_int::from(r.u8() % 40) - 1));
            continue;
        }
        if kind == 0xfe {
            let n = usize::from(r.u8());
            out.push(Ok(r.bytes(n).to_vec()));
            continue;
        }
        let mut d = Vec::new();
        for _ in 0..kind % 4 + 1 {
            let t = r.u8();
            let ty = match t % 8 {
                0 => 3,     // NLMSG_DONE
                1 | 2 => 2, // NLMSG_ERROR
                3 => 1,     // NLMSG_NOOP
                4 => 4,     // NLMSG_OVERRUN
                _ => 16 + u16::from(t >> 3),
            };
            let f = r.u8();
            let flags =
                u16::from(f & 1) | (u16::from(f) & (NLM_F_MULTI | NLM_F_ACK | NLM_F_DUMP_INTR));
            let seq = match r.u8() % 4 {
                0 | 1 => SEQ,
                2 => SEQ + 1,
                _ => r.u32(),
            };
            let payload = if ty == 2 {
                let e = match r.u8() % 4 {
                    0 => 0,
                    1 => -c_int::from(r.u8()),
                    2 => c_int::from(r.u8() as i8),
                    _ => r.u32() as c_int,
                };
                let mut p = e.to_ne_bytes().to_vec();
                p.extend(nlmsg(16, 0, seq, &[]));
                // A truncated error: cut anywhere inside the nlmsgerr.
                if f & 0x80 != 0 {
                    p.truncate(usize::from(f & 0x1f) % 20);
                }
                p
            } else {
                let n = usize::from(r.u8() % 32);
                r.bytes(n).to_vec()
            };
            let mut m = nlmsg(ty, flags, seq, &payload);
            // A length that lies (short, long, or past the datagram).
            if f & 0x40 != 0 {
                let l = u32::from(r.u8());
                m[..4].copy_from_slice(&l.to_ne_bytes());
            }
            d.extend(m);
        }
        out.push(Ok(d));
    }
    out
}

/// A verdict a callback returns, from one input byte.
fn verdict(b: u8) -> c_int {
    match b % 8 {
        0 | 1 | 6 => NL_OK,
        2 => NL_SKIP,
        3 | 7 => NL_STOP,
        4 => Error::Inval.to_nle(),
        _ => 7,
    }
}

struct Script {
    dgrams: VecDeque<Result<Vec<u8>, i32>>,
    cur: Vec<u8>,
    reads: usize,
}

impl Transport for Script {
    fn recv(&mut self) -> Result<Option<Datagram<'_>>, i32> {
        self.reads += 1;
        match self.dgrams.pop_front() {
            None => Ok(None),
            Some(Err(e)) => Err(e),
            Some(Ok(b)) if b.is_empty() => Ok(None),
            Some(Ok(b)) => {
                self.cur = b;
                Ok(Some(Datagram {
                    bytes: &mut self.cur,
                    src: SockaddrNl::default(),
                    creds: None,
                }))
            }
        }
    }
}

/// Handlers with the input's callbacks, recording what ran.
struct Rec {
    set: u16,
    verdicts: [c_int; CB_TYPES],
    err: Option<c_int>,
    seq: u32,
    no_ack: bool,
    /// Every call with its result, in order.
    log: Vec<(Option<CbType>, c_int)>,
    msgin: i32,
}

impl Rec {
    fn record(&mut self, ty: Option<CbType>, msg: &[u8], v: c_int) {
        assert!(msg.len() >= 16, "a callback got {} bytes", msg.len());
        let len = u32::from_ne_bytes([msg[0], msg[1], msg[2], msg[3]]) as usize;
        assert_eq!(len, msg.len(), "a callback got part of a message");
        self.log.push((ty, v));
    }
}

impl Handlers for Rec {
    fn is_set(&self, ty: CbType) -> bool {
        self.set & (1 << ty as u16) != 0
    }
    fn call(&mut self, ty: CbType, msg: &mut [u8], _meta: &Meta) -> i32 {
        assert!(self.is_set(ty), "{ty:?} called but not set");
        if ty == CbType::MsgIn {
            self.msgin += 1;
        }
        let v = self.verdicts[ty as usize];
        self.record(Some(ty), msg, v);
        v
    }
    fn call_err(&mut self, msg: &mut [u8], _meta: &Meta) -> Option<i32> {
        let v = self.err?;
        self.record(None, msg, v);
        Some(v)
    }
    fn seq_expect(&self) -> u32 {
        self.seq
    }
    fn set_seq_expect(&mut self, seq: u32) {
        self.seq = seq;
    }
    fn no_auto_ack(&self) -> bool {
        self.no_ack
    }
}

/// The loop's result against what the callbacks did.
fn check_result(ret: c_int, log: &[(Option<CbType>, c_int)], msgin: Option<i32>) {
    let intr = Error::DumpIntr.to_nle();
    // The first call that ends the loop must be the last call.
    let end = log.iter().position(|&(ty, v)| match ty {
        Some(_) => v == NL_STOP || ![NL_OK, NL_SKIP].contains(&v),
        // The error callback: NL_STOP or a negative value ends the loop; others go on.
        None => v < 0 || v == NL_STOP,
    });
    if let Some(i) = end {
        assert_eq!(
            i + 1,
            log.len(),
            "callbacks ran after one ended the loop: {log:?}"
        );
        let (ty, v) = log[i];
        if ty.is_some() && v != NL_STOP {
            assert!(ret == v || ret == intr, "loop returned {ret}, callback {v}");
        } else if ty.is_some() {
            assert!(ret >= 0 || ret == intr, "NL_STOP gave {ret}");
        } else if v < 0 {
            assert!(
                ret == v || ret == intr,
                "loop returned {ret}, error callback {v}"
            );
        }
    }
    if let (Some(n), true, None) = (msgin, ret > 0, end) {
        assert_eq!(ret, n, "a positive result counts the messages processed");
    }
}

fn engine(script: &[Result<Vec<u8>, i32>], r: &mut Reader<'_>) {
    let set = r.u16() & ((1 << CB_TYPES) - 1);
    let mut verdicts = [NL_OK; CB_TYPES];
    for v in verdicts.iter_mut() {
        *v = verdict(r.u8());
    }
    let e = r.u8();
    let mut h = Rec {
        set,
        verdicts,
        err: (e & 1 != 0).then(|| verdict(e >> 1)),
        seq: SEQ,
        no_ack: e & 0x80 != 0,
        log: Vec::new(),
        msgin: 0,
    };
    let mut t = Script {
        dgrams: script.iter().cloned().collect(),
        cur: Vec::new(),
        reads: 0,
    };
    let ret = recvmsgs(&mut t, &mut h);
    assert!(
        t.reads <= script.len() + 1,
        "read past the end of the script"
    );
    let msgin_ok = h.is_set(CbType::MsgIn);
    check_result(ret, &h.log, msgin_ok.then_some(h.msgin));
    let control = script.iter().flatten().map(|d| d.len() / 16).sum::<usize>();
    assert!(
        h.seq.wrapping_sub(SEQ) as usize <= control,
        "sequence ran ahead"
    );
}

thread_local! {
    static QUEUE: RefCell<VecDeque<Result<Vec<u8>, i32>>> = const { RefCell::new(VecDeque::new()) };
    static LOG: RefCell<Vec<(Option<CbType>, c_int)>> = const { RefCell::new(Vec::new()) };
}

/// The `nl_cb_overwrite_recv` function: hands out the script's datagrams in malloc'd buffers.
unsafe extern "C" fn fake_recv(
    _sk: *mut nl_sock,
    nla: *mut libc::sockaddr_nl,
    buf: *mut *mut c_uchar,
    _creds: *mut *mut libc::ucred,
) -> c_int {
    let next = QUEUE.with(|q| q.borrow_mut().pop_front());
    match next {
        None => 0,
        Some(Err(e)) => e,
        Some(Ok(b)) if b.is_empty() => 0,
        Some(Ok(b)) => {
            // SAFETY: malloc of a non-zero size; the loop frees it.
            let p = unsafe { libc::malloc(b.len()) }.cast::<u8>();
            assert!(!p.is_null());
            // SAFETY: p has b.len() bytes; nla and buf are the loop's out-params.
            unsafe {
                ptr::copy_nonoverlapping(b.as_ptr(), p, b.len());
                *buf = p;
                if !nla.is_null() {
                    (*nla).nl_family = libc::AF_NETLINK as u16;
                    (*nla).nl_pid = 0;
                }
            }
            b.len() as c_int
        }
    }
}

/// A custom message callback: `arg` is the callback type; returns the type's verdict.
unsafe extern "C" fn msg_cb(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    let packed = arg as usize;
    let (ty, v) = (packed & 0xff, (packed >> 8) as u32 as c_int);
    // SAFETY: the loop passes a live message.
    let nlh = unsafe { nlmsg_hdr(msg) };
    assert!(!nlh.is_null());
    // SAFETY: as above.
    let len = unsafe { (*nlh).nlmsg_len };
    assert!(len >= 16);
    LOG.with(|l| l.borrow_mut().push((CbType::from_index(ty), v)));
    v
}

/// A custom error callback: `arg` is its verdict.
unsafe extern "C" fn err_cb(
    _nla: *mut libc::sockaddr_nl,
    err: *mut libc::nlmsgerr,
    arg: *mut c_void,
) -> c_int {
    assert!(!err.is_null());
    let v = arg as usize as u32 as c_int;
    LOG.with(|l| l.borrow_mut().push((None, v)));
    v
}

fn c_surface(script: &[Result<Vec<u8>, i32>], r: &mut Reader<'_>) {
    // SAFETY: plain allocations; everything is freed below.
    unsafe {
        // NL_CB_DEFAULT: the verbose and debug kinds are set per type below, to /dev/null.
        let cb = nl_cb_alloc(0);
        assert!(!cb.is_null());
        nl_cb_overwrite_recv(cb, Some(fake_recv));
        let sk = nl_socket_alloc();
        assert!(!sk.is_null());
        let o = r.u8();
        if o & 1 != 0 {
            nl_socket_disable_seq_check(sk);
        }
        if o & 2 != 0 {
            nl_socket_disable_auto_ack(sk);
        }
        let mut all_custom = true;
        for ty in 0..CB_TYPES {
            let k = r.u8();
            match k % 5 {
                0 | 1 => {}
                2 => {
                    let v = verdict(k >> 3);
                    let arg = (ty | ((v as u32 as usize) << 8)) as *mut c_void;
                    nl_cb_set(cb, ty as u32, 3, Some(msg_cb), arg);
                }
                kind => {
                    // NL_CB_DEFAULT, NL_CB_VERBOSE or NL_CB_DEBUG printers, to /dev/null.
                    all_custom = false;
                    nl_cb_set(
                        cb,
                        ty as u32,
                        (kind - 2) as u32 % 3,
                        None,
                        super::devnull().cast(),
                    );
                }
            }
        }
        let e = r.u8();
        match e % 4 {
            0 => {}
            1 => {
                all_custom = false;
                nl_cb_err(cb, 1 + u32::from(e >> 7), None, super::devnull().cast());
            }
            _ => {
                let v = verdict(e >> 2);
                nl_cb_err(cb, 3, Some(err_cb), v as u32 as usize as *mut c_void);
            }
        }
        QUEUE.with(|q| *q.borrow_mut() = script.iter().cloned().collect());
        LOG.with(|l| l.borrow_mut().clear());
        let ret = nl_recvmsgs_report(sk, cb);
        let log = LOG.with(|l| std::mem::take(&mut *l.borrow_mut()));
        if all_custom {
            check_result(ret, &log, None);
        }
        QUEUE.with(|q| q.borrow_mut().clear());
        nl_socket_free(sk);
        nl_cb_put(cb);
    }
}

/// The target body.
pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let script = datagrams(&mut r);
    engine(&script, &mut r);
    c_surface(&script, &mut r);
}
