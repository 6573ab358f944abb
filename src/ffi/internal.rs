//! Symbols libnl-3.so.200 exports without a public prototype: the local-port helpers shared
//! with libnl's other libraries (`_nl_socket_*`), `dump_from_ops`, the MPLS label-stack
//! text conversions (`mpls_ntop`, `mpls_pton`) and `nl_strerror_l` (imported by
//! libnl-route-3). Their behaviour was read off Debian's libnl 3.7 with probes.
//!
//! MPLS label stacks are sequences of 32-bit big-endian entries (label in the top 20 bits,
//! bottom-of-stack flag `0x100`); the text form is the decimal labels joined by `/`. The
//! conversions themselves are [`eaddr::mpls_ntop`] and [`eaddr::mpls_pton`].

use std::ffi::{c_char, c_int, c_void};

use crate::engine::addr as eaddr;
use crate::engine::socket as es;
use crate::ffi::objhdr::Obj;
use crate::ffi::socket::{nl_sock, sk_ref};
use crate::ffi::types::{nl_dump_params, nl_object};
use crate::ffi_entry;

fn set_port_no_release(s: &nl_sock, generate: bool) {
    let port = if generate {
        es::generate_port(crate::sys::socket::getpid(), crate::sys::socket::time_now())
    } else {
        0
    };
    s.set_pid_no_release(port);
}

/// `_nl_socket_generate_local_port_no_release`: gives the socket a newly generated local
/// port without releasing the one it had.
///
/// # Returns
/// The new port (0 when all 1024 slots are taken); 0 for NULL (libnl-compat: libnl crashes).
///
/// # Ownership
/// The port's slot belongs to the socket.
///
/// # Safety
/// `sk` NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nl_socket_generate_local_port_no_release(sk: *mut nl_sock) -> u32 {
    ffi_entry!("_nl_socket_generate_local_port_no_release", {
        // SAFETY: caller contract.
        let Some(s) = (unsafe { sk_ref(sk) }) else {
            return 0;
        };
        set_port_no_release(s, true);
        s.s_local.get().nl_pid
    })
}

/// `_nl_socket_is_local_port_unspecified`: whether the socket has no local port yet.
///
/// # Returns
/// 1 or 0; 0 for NULL (libnl-compat: libnl crashes).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `sk` NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nl_socket_is_local_port_unspecified(sk: *mut nl_sock) -> c_int {
    ffi_entry!("_nl_socket_is_local_port_unspecified", {
        // SAFETY: caller contract.
        unsafe { sk_ref(sk) }.map_or(0, |s| c_int::from(s.s_local.get().nl_pid == 0))
    })
}

/// `_nl_socket_set_local_port_no_release`: sets the local port to a newly generated one
/// (`generate_other` != 0) or to 0 (unspecified), without releasing the previous one.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `sk` NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nl_socket_set_local_port_no_release(
    sk: *mut nl_sock,
    generate_other: c_int,
) {
    ffi_entry!("_nl_socket_set_local_port_no_release", {
        // SAFETY: caller contract.
        if let Some(s) = unsafe { sk_ref(sk) } {
            set_port_no_release(s, generate_other != 0);
        }
    })
}

/// `_nl_socket_used_ports_release_all`: returns every port slot marked in `used_ports` (32
/// words of 32 slot bits) to the allocator.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `used_ports` NULL or 32 readable words. libnl-compat: libnl aborts when a marked slot is
/// not in use; it is ignored here.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nl_socket_used_ports_release_all(used_ports: *const u32) {
    ffi_entry!("_nl_socket_used_ports_release_all", {
        if used_ports.is_null() {
            return;
        }
        // SAFETY: 32 readable words (caller contract).
        let words = unsafe { crate::ffi::ptr::slice(used_ports, 32) };
        let mut used = [0u32; 32];
        used.iter_mut().zip(words).for_each(|(d, s)| *d = *s);
        es::release_slots(&used);
    })
}

/// `_nl_socket_used_ports_set`: marks the slot of `port` (its top 10 bits) in `used_ports`.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `used_ports` NULL or 32 writable words.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _nl_socket_used_ports_set(used_ports: *mut u32, port: u32) {
    ffi_entry!("_nl_socket_used_ports_set", {
        if used_ports.is_null() {
            return;
        }
        // SAFETY: 32 writable words (caller contract).
        let words = unsafe { crate::ffi::ptr::slice_mut(used_ports, 32) };
        let mut used = [0u32; 32];
        used.iter_mut().zip(words.iter()).for_each(|(d, s)| *d = *s);
        es::slot_set(&mut used, port);
        words.iter_mut().zip(used).for_each(|(d, s)| *d = s);
    })
}

/// `dump_from_ops`: one object's dump step (line counter reset, message-type flag, then the
/// type's dumper for `params->dp_type`).
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` NULL or a live object; `params` NULL or live dump parameters. libnl-compat: libnl
/// aborts for a dump type out of range and crashes on NULL; both do nothing here.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dump_from_ops(obj: *mut nl_object, params: *mut nl_dump_params) {
    ffi_entry!("dump_from_ops", {
        // SAFETY: caller contract.
        if let Some(o) = unsafe { Obj::from_ptr(obj) } {
            // SAFETY: params is NULL or live (dump_one checks NULL).
            unsafe { crate::ffi::object::dump_one(o, params) };
        }
    })
}

/// `mpls_ntop`: the text form (`"100/200"`) of the label stack at `addr`, which ends at the
/// entry with the bottom-of-stack bit.
///
/// # Returns
/// `buf` with errno 0; NULL with errno `EINVAL` for another `af`; NULL with errno `E2BIG`
/// when the text does not fit into `buflen` bytes (`buf` then holds what fitted, as libnl
/// leaves it: each label cut like `snprintf` would, followed by `/` where one fitted
/// exactly). NULL with errno `EINVAL` for NULL `addr`/`buf` (libnl-compat: libnl crashes).
///
/// # Ownership
/// Writes into the caller's `buf`.
///
/// # Safety
/// `addr` is a label stack terminated by a bottom-of-stack entry (or at least as many
/// entries as fit into `buflen` characters); `buf` writable for `buflen` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpls_ntop(
    af: c_int,
    addr: *const c_void,
    buf: *mut c_char,
    buflen: usize,
) -> *mut c_char {
    ffi_entry!("mpls_ntop", {
        if af != eaddr::AF_MPLS || addr.is_null() || buf.is_null() {
            crate::sys::set_errno(libc::EINVAL);
            return std::ptr::null_mut();
        }
        crate::sys::set_errno(0);
        // SAFETY: buf is writable for buflen bytes (caller contract).
        let out = unsafe { crate::ffi::ptr::bytes_mut(buf.cast(), buflen) };
        let entry = |i: usize| {
            // SAFETY: entry i exists: the stack continues until a bottom-of-stack entry, and
            // engine::addr::mpls_ntop reads at most buflen / 2 + 1 entries.
            let e =
                unsafe { crate::ffi::ptr::bytes(addr.cast::<u8>().wrapping_add(i * 4).cast(), 4) };
            u32::from_be_bytes(<[u8; 4]>::try_from(e).unwrap_or_default())
        };
        if eaddr::mpls_ntop(entry, out) {
            buf
        } else {
            crate::sys::set_errno(libc::E2BIG);
            std::ptr::null_mut()
        }
    })
}

/// `mpls_pton`: parses `"label[/label…]"` into big-endian label entries at `addr`, the last
/// one with the bottom-of-stack bit, writing at most `alen / 4` entries.
///
/// # Returns
/// The number of bytes written (4 per label) with errno 0; 0 when the text is not a label
/// stack or has more than `alen / 4` labels (the entries before the error stay written);
/// -1 with errno `EAFNOSUPPORT` for another `af`. NULL `src`/`addr` give 0
/// (libnl-compat: libnl crashes).
///
/// # Ownership
/// Writes into the caller's `addr`.
///
/// # Safety
/// `src` NULL or a C string; `addr` writable for `alen` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpls_pton(
    af: c_int,
    src: *const c_char,
    addr: *mut c_void,
    alen: usize,
) -> c_int {
    ffi_entry!("mpls_pton", {
        if af != eaddr::AF_MPLS {
            crate::sys::set_errno(libc::EAFNOSUPPORT);
            return -1;
        }
        crate::sys::set_errno(0);
        // libnl counts labels in 32 bits.
        let max = (alen >> 2) as u32 as usize;
        if max == 0 {
            return 0;
        }
        // SAFETY: caller contract.
        let Some(text) = (unsafe { crate::ffi::ptr::cstr(src) }) else {
            return 0;
        };
        if addr.is_null() {
            return 0;
        }
        // SAFETY: addr is writable for alen >= max * 4 bytes (caller contract).
        let out = unsafe { crate::ffi::ptr::bytes_mut(addr, max * 4) };
        c_int::try_from(eaddr::mpls_pton(text.to_bytes(), out)).unwrap_or(0)
    })
}

/// `nl_strerror_l`: the text of errno `err` in the environment's locale (glibc's
/// `strerror_l`).
///
/// # Returns
/// A string owned by the C library (for unknown numbers a per-thread buffer, valid until the
/// next call); "newlocale() failed" when no locale can be made.
///
/// # Ownership
/// Not the caller's to free.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_strerror_l(err: c_int) -> *const c_char {
    ffi_entry!("nl_strerror_l", { crate::sys::stdio::strerror_l_env(err) })
}
