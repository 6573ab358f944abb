//! `nl_msg_dump` of any message under every protocol, the engine's dump formatter with a
//! family header size from the input, the `NL_CB_VERBOSE` / `NL_CB_DEBUG` printers of every
//! callback type, and the type and flag names with every buffer size.
//!
//! Properties: a dump is one well-formed block (BEGIN line first, END line last) written
//! whole; the printers' verdicts are `NL_OK`/`NL_SKIP`/`NL_STOP`; names never write past the
//! buffer size and are NUL-terminated within it.

use std::ffi::{c_char, c_int};

use libc::nlmsghdr;
use nlrs::engine::dump::{DumpEnv, MsgTypeInfo, format_message};
use nlrs::engine::printers::{Printer, default_printer, print, print_error};
use nlrs::engine::recv::{CB_TYPES, CbType, NL_OK, NL_SKIP, NL_STOP};
use nlrs::ffi::msg::{nlmsg_alloc_simple, nlmsg_append, nlmsg_free, nlmsg_hdr, nlmsg_set_proto};
use nlrs::ffi::msgdump::{nl_msg_dump, nl_nlmsg_flags2str, nl_nlmsgtype2str};

use super::Reader;

const BEGIN: &str =
    "--------------------------   BEGIN NETLINK MESSAGE ---------------------------\n";
const END: &str =
    "---------------------------  END NETLINK MESSAGE   ---------------------------\n";

/// A dump environment that knows one family, with the header size from the input.
struct Env {
    ty: u16,
    hdrsize: usize,
}

impl DumpEnv for Env {
    fn family(&self, _protocol: i32, msgtype: u16) -> Option<MsgTypeInfo> {
        (msgtype == self.ty).then(|| MsgTypeInfo {
            cache_name: "fuzz/type".into(),
            type_name: "new".into(),
            hdrsize: self.hdrsize,
        })
    }
    fn strerror(&self, errnum: i32) -> String {
        format!("error {errnum}")
    }
}

fn well_formed(text: &str) {
    assert!(
        text.starts_with(BEGIN),
        "dump does not start with BEGIN: {text:?}"
    );
    assert!(text.ends_with(END), "dump does not end with END: {text:?}");
}

/// `nl_msg_dump` into a memory stream; returns what it wrote.
fn dump_c(bytes: &[u8], proto: c_int, len_override: Option<u32>) -> String {
    let hdr = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let ty = u16::from_ne_bytes([hdr(4), hdr(5)]);
    let flags = u16::from_ne_bytes([hdr(6), hdr(7)]);
    // SAFETY: plain allocation.
    let msg = unsafe { nlmsg_alloc_simple(c_int::from(ty), c_int::from(flags)) };
    assert!(!msg.is_null());
    let payload = bytes.get(16..).unwrap_or_default();
    // SAFETY: payload is payload.len() readable bytes.
    let r = unsafe { nlmsg_append(msg, payload.as_ptr().cast_mut().cast(), payload.len(), 4) };
    assert!(
        r == 0 || r == -nlrs::ffi::types::NLE_NOMEM,
        "nlmsg_append: {r}"
    );
    // SAFETY: live message; its header is ours to edit, as C programs do.
    unsafe {
        nlmsg_set_proto(msg, proto);
        let h: *mut nlmsghdr = nlmsg_hdr(msg);
        if bytes.len() >= 16 {
            (*h).nlmsg_seq = u32::from_ne_bytes([hdr(8), hdr(9), hdr(10), hdr(11)]);
            (*h).nlmsg_pid = u32::from_ne_bytes([hdr(12), hdr(13), hdr(14), hdr(15)]);
        }
        if let Some(l) = len_override {
            (*h).nlmsg_len = l;
        }
    }
    thread_local! {
        static OUT: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0u8; 1 << 20]);
    }
    OUT.with(|o| {
        let mut out = o.borrow_mut();
        dump_into(msg, &mut out)
    })
}

/// `nl_msg_dump` of `msg` into `out` through a memory stream (then to `/dev/null`), and frees
/// `msg`; returns the text written.
fn dump_into(msg: *mut nlrs::ffi::types::nl_msg, out: &mut [u8]) -> String {
    // SAFETY: out outlives the stream, which is closed below.
    let f = unsafe { libc::fmemopen(out.as_mut_ptr().cast(), out.len(), c"w".as_ptr()) };
    assert!(!f.is_null());
    // SAFETY: live message and stream.
    unsafe { nl_msg_dump(msg, f) };
    // SAFETY: as above; the stream is not used afterwards.
    let written = unsafe {
        let n = libc::ftell(f);
        libc::fclose(f);
        usize::try_from(n).unwrap_or(0)
    };
    // Also to /dev/null: a large dump goes to a real file whole.
    // SAFETY: live message and stream.
    unsafe { nl_msg_dump(msg, super::devnull()) };
    // SAFETY: we own the message.
    unsafe { nlmsg_free(msg) };
    String::from_utf8_lossy(&out[..written.min(out.len())]).into_owned()
}

/// Names with every buffer size: nothing past `size`, NUL-terminated within it, and a prefix
/// of the full name.
fn names(r: &mut Reader<'_>) {
    let ty = c_int::from(r.u16());
    let flags = c_int::from(r.u16() as i16);
    for which in 0..2 {
        let call = |buf: *mut c_char, size: usize| {
            // SAFETY: buf has size writable bytes (or more).
            unsafe {
                if which == 0 {
                    nl_nlmsgtype2str(ty, buf, size)
                } else {
                    nl_nlmsg_flags2str(flags, buf, size)
                }
            }
        };
        let mut full = [0x55u8; 256];
        call(full.as_mut_ptr().cast(), full.len());
        let flen = full
            .iter()
            .position(|&b| b == 0)
            .expect("full name is NUL-terminated");
        for size in 0..flen + 3 {
            let mut buf = [0x55u8; 264];
            let p = call(buf.as_mut_ptr().cast(), size);
            assert_eq!(p, buf.as_mut_ptr().cast(), "returns its buffer");
            assert!(
                buf[size..].iter().all(|&b| b == 0x55),
                "wrote past size {size}"
            );
            if size > 0 {
                let n = buf[..size]
                    .iter()
                    .position(|&b| b == 0)
                    .expect("NUL within size");
                assert_eq!(&buf[..n], &full[..n], "a prefix of the full name");
            }
        }
    }
}

/// The target body.
pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let sel = r.u8();
    // Every protocol number the kernel has (0..=22) and a few more.
    let proto = c_int::from(r.u8() % 26);
    let hdrsize = usize::from(r.u8() % 40);
    let len_override = (sel & 1 != 0).then(|| u32::from(r.u16()));
    if sel & 2 != 0 {
        names(&mut r);
    }
    let bytes = r.rest();

    // The engine's formatter on the raw bytes, as given.
    let ty = bytes
        .get(4..6)
        .map_or(0, |b| u16::from_ne_bytes([b[0], b[1]]));
    let text = format_message(bytes, proto, &Env { ty, hdrsize });
    well_formed(&text);

    // The C surface, through the registered cache types.
    let text = dump_c(bytes, proto, len_override);
    well_formed(&text);

    // The default printers of every kind, on this header.
    for kind in 0..4 {
        for i in 0..CB_TYPES {
            let ty = CbType::from_index(i).expect("valid index");
            let _ = default_printer(ty, kind);
        }
    }
    for p in [
        Printer::ValidVerbose,
        Printer::ValidDebug,
        Printer::FinishDebug,
        Printer::OverrunVerbose,
        Printer::SkippedDebug,
        Printer::AckDebug,
        Printer::MsgInDebug,
        Printer::MsgOutDebug,
        Printer::InvalidVerbose,
    ] {
        let (line, verdict) = print(p, bytes);
        assert!(line.ends_with('\n'));
        assert!([NL_OK, NL_SKIP, NL_STOP].contains(&verdict));
    }
    let (line, _errno) = print_error(bytes, |e| format!("errno {e}"));
    assert!(line.ends_with('\n'));
}
