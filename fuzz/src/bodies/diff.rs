//! Differential: libnlrs against Debian's libnl 3.7 (`libnl-3.so.200`, loaded with
//! `dlopen(RTLD_LOCAL)` so its symbols stay apart from ours) on the same input, where libnl's
//! behaviour is defined: `nla_parse` and `nla_validate` of any attribute bytes under a policy
//! of known `NLA_*` types (libnl aborts on unknown ones), and `nl_addr_parse` of any text with
//! every family hint, then the parsed address's fields and `nl_addr2str` text (not for DECnet,
//! where libnl prints uninitialised bytes).
//!
//! Properties: the same return codes, the same attribute table (as offsets), the same family,
//! length, prefix length, bytes and text. Without libnl (not installed) the body does nothing;
//! [`available`] says which.

use std::ffi::{CString, c_char, c_int, c_uint, c_void};
use std::ptr;
use std::sync::OnceLock;

use libc::nlattr;
use nlrs::ffi::addr::{
    nl_addr_get_binary_addr, nl_addr_get_family, nl_addr_get_len, nl_addr_get_prefixlen,
    nl_addr_parse, nl_addr_put, nl_addr2str,
};
use nlrs::ffi::attr::{nla_parse, nla_validate};
use nlrs::ffi::types::{nl_addr, nla_policy};

use super::{Reader, aligned};

type Parse =
    unsafe extern "C" fn(*mut *mut nlattr, c_int, *mut nlattr, c_int, *const nla_policy) -> c_int;
type Validate = unsafe extern "C" fn(*const nlattr, c_int, c_int, *const nla_policy) -> c_int;
type AddrParse = unsafe extern "C" fn(*const c_char, c_int, *mut *mut c_void) -> c_int;
type AddrInt = unsafe extern "C" fn(*const c_void) -> c_int;
type AddrUint = unsafe extern "C" fn(*const c_void) -> c_uint;
type AddrPtr = unsafe extern "C" fn(*const c_void) -> *mut c_void;
type AddrPut = unsafe extern "C" fn(*mut c_void);
type Addr2Str = unsafe extern "C" fn(*const c_void, *mut c_char, usize) -> *mut c_char;

/// The libnl functions compared with ours.
struct Libnl {
    nla_parse: Parse,
    nla_validate: Validate,
    addr_parse: AddrParse,
    family: AddrInt,
    len: AddrUint,
    prefixlen: AddrUint,
    bytes: AddrPtr,
    put: AddrPut,
    addr2str: Addr2Str,
}

fn libnl() -> Option<&'static Libnl> {
    static L: OnceLock<Option<Libnl>> = OnceLock::new();
    L.get_or_init(|| {
        // SAFETY: dlopen of a system library by name; RTLD_LOCAL keeps its symbols out of the
        // global scope, so neither library binds to the other's functions.
        let h = unsafe {
            libc::dlopen(
                c"libnl-3.so.200".as_ptr(),
                libc::RTLD_NOW | libc::RTLD_LOCAL,
            )
        };
        if h.is_null() {
            return None;
        }
        let sym = |name: &std::ffi::CStr| {
            // SAFETY: h is a live handle; name is NUL-terminated.
            let p = unsafe { libc::dlsym(h, name.as_ptr()) };
            assert!(!p.is_null(), "libnl lacks {name:?}");
            p
        };
        // SAFETY: each symbol is the libnl 3.7 function of that name, whose C prototype the
        // type spells.
        unsafe {
            Some(Libnl {
                nla_parse: std::mem::transmute::<*mut c_void, Parse>(sym(c"nla_parse")),
                nla_validate: std::mem::transmute::<*mut c_void, Validate>(sym(c"nla_validate")),
                addr_parse: std::mem::transmute::<*mut c_void, AddrParse>(sym(c"nl_addr_parse")),
                family: std::mem::transmute::<*mut c_void, AddrInt>(sym(c"nl_addr_get_family")),
                len: std::mem::transmute::<*mut c_void, AddrUint>(sym(c"nl_addr_get_len")),
                prefixlen: std::mem::transmute::<*mut c_void, AddrUint>(sym(
                    c"nl_addr_get_prefixlen",
                )),
                bytes: std::mem::transmute::<*mut c_void, AddrPtr>(sym(c"nl_addr_get_binary_addr")),
                put: std::mem::transmute::<*mut c_void, AddrPut>(sym(c"nl_addr_put")),
                addr2str: std::mem::transmute::<*mut c_void, Addr2Str>(sym(c"nl_addr2str")),
            })
        }
    })
    .as_ref()
}

/// Whether libnl could be loaded (the replay test requires it under CI=true).
pub fn available() -> bool {
    libnl().is_some()
}

const MAXTYPE: usize = 16;

fn attrs(l: &Libnl, r: &mut Reader<'_>) {
    let pol: Vec<nla_policy> = (0..=MAXTYPE)
        .map(|_| {
            let t = r.u8();
            let lens = r.u8();
            nla_policy {
                // Known types only: NLA_UNSPEC .. NLA_S64 (libnl aborts past NLA_TYPE_MAX).
                type_: u16::from(t % 16),
                minlen: if t & 0x80 != 0 {
                    u16::from(lens & 0x0f)
                } else {
                    0
                },
                maxlen: if t & 0x40 != 0 {
                    u16::from(lens >> 4)
                } else {
                    0
                },
            }
        })
        .collect();
    let max = c_int::from(r.u8() % (MAXTYPE as u8 + 1));
    let bytes = r.rest();
    let buf = aligned(bytes, 8);
    let head = buf.as_ptr() as *mut nlattr;
    let len = bytes.len() as c_int;
    let mut ours = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
    let mut theirs = vec![ptr::null_mut::<nlattr>(); MAXTYPE + 1];
    // SAFETY: both tables have max + 1 <= MAXTYPE + 1 entries, the policy too; head/len is
    // the aligned copy of the input.
    let (a, b, va, vb) = unsafe {
        (
            nla_parse(ours.as_mut_ptr(), max, head, len, pol.as_ptr()),
            (l.nla_parse)(theirs.as_mut_ptr(), max, head, len, pol.as_ptr()),
            nla_validate(head, len, max, pol.as_ptr()),
            (l.nla_validate)(head, len, max, pol.as_ptr()),
        )
    };
    assert_eq!(a, b, "nla_parse: libnlrs {a}, libnl {b}");
    assert_eq!(va, vb, "nla_validate: libnlrs {va}, libnl {vb}");
    if a == 0 {
        let off = |v: &[*mut nlattr]| -> Vec<Option<usize>> {
            v.iter()
                .map(|p| (!p.is_null()).then(|| *p as usize - head as usize))
                .collect()
        };
        assert_eq!(off(&ours), off(&theirs), "nla_parse tables differ");
    }
}

const HINTS: [c_int; 8] = [
    libc::AF_UNSPEC,
    libc::AF_INET,
    libc::AF_INET6,
    libc::AF_LLC,
    libc::AF_DECnet,
    libc::AF_MPLS,
    libc::AF_BRIDGE,
    99,
];

fn addr(l: &Libnl, r: &mut Reader<'_>) {
    let hint = HINTS[usize::from(r.u8()) % HINTS.len()];
    let s: Vec<u8> = r
        .rest()
        .iter()
        .map(|&c| if c == 0 { b'.' } else { c })
        .collect();
    let cs = CString::new(s).expect("no NUL");
    let mut ours: *mut nl_addr = ptr::null_mut();
    let mut theirs: *mut c_void = ptr::null_mut();
    // SAFETY: cs is NUL-terminated; the out-params are writable.
    let (a, b) = unsafe {
        (
            nl_addr_parse(cs.as_ptr(), hint, &mut ours),
            (l.addr_parse)(cs.as_ptr(), hint, &mut theirs),
        )
    };
    assert_eq!(
        a, b,
        "nl_addr_parse({cs:?}, {hint}): libnlrs {a}, libnl {b}"
    );
    if a != 0 {
        return;
    }
    // SAFETY: both are live addresses; the byte slices are as long as each says.
    unsafe {
        let fam = nl_addr_get_family(ours);
        assert_eq!(fam, (l.family)(theirs), "family of {cs:?}");
        let n = nl_addr_get_len(ours);
        assert_eq!(n, (l.len)(theirs), "length of {cs:?}");
        assert_eq!(
            nl_addr_get_prefixlen(ours),
            (l.prefixlen)(theirs),
            "prefix of {cs:?}"
        );
        if n > 0 {
            let x =
                std::slice::from_raw_parts(nl_addr_get_binary_addr(ours).cast::<u8>(), n as usize);
            let y = std::slice::from_raw_parts((l.bytes)(theirs).cast::<u8>(), n as usize);
            assert_eq!(x, y, "bytes of {cs:?}");
        }
        if fam != libc::AF_DECnet {
            let mut x = [0u8; 512];
            let mut y = [0u8; 512];
            nl_addr2str(ours, x.as_mut_ptr().cast(), x.len());
            (l.addr2str)(theirs, y.as_mut_ptr().cast(), y.len());
            let end = |b: &[u8]| b.iter().position(|&c| c == 0).unwrap_or(b.len());
            assert_eq!(&x[..end(&x)], &y[..end(&y)], "text of {cs:?}");
        }
        nl_addr_put(ours);
        (l.put)(theirs);
    }
}

/// The target body.
pub fn run(data: &[u8]) {
    let Some(l) = libnl() else {
        return;
    };
    let mut r = Reader::new(data);
    if r.u8() & 1 == 0 {
        attrs(l, &mut r);
    } else {
        addr(l, &mut r);
    }
}
