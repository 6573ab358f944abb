//! Symbols libnl-3.so.200 exports without a public prototype: the local-port helpers shared
//! with libnl's other libraries (`_nl_socket_*`), `dump_from_ops`, the MPLS label-stack
//! text conversions (`mpls_ntop`, `mpls_pton`) and `nl_strerror_l` (imported by
//! libnl-route-3). Their behaviour was read off Debian's libnl 3.7 with probes.
//!
//! MPLS label stacks are sequences of 32-bit big-endian entries (label in the top 20 bits,
//! bottom-of-stack flag `0x100`); the text form is the decimal labels joined by `/`.

use std::ffi::{c_char, c_int, c_ulong, c_void};

use crate::engine::socket as es;
use crate::ffi::objhdr::Obj;
use crate::ffi::socket::{nl_sock, sk_ref};
use crate::ffi::types::{nl_dump_params, nl_object};
use crate::ffi_entry;

/// `AF_MPLS`.
const AF_MPLS: c_int = 28;
/// Bottom-of-stack bit of a label entry.
const MPLS_BOS: u32 = 0x100;
/// Labels are 20 bits.
const MPLS_LABEL_LIMIT: c_ulong = 1 << 20;

/// `strtoul(s, &end, 0)`: the value (saturated to `ULONG_MAX`, negated as unsigned for a
/// leading `-`) and the number of bytes consumed (0 when no digits).
fn strtoul0(s: &[u8]) -> (c_ulong, usize) {
    crate::engine::cnum::strtoul(s, 0).map_or((0, 0), |(v, used, _)| (v, used))
}

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
        if af != AF_MPLS || addr.is_null() || buf.is_null() {
            crate::sys::set_errno(libc::EINVAL);
            return std::ptr::null_mut();
        }
        crate::sys::set_errno(0);
        // SAFETY: buf is writable for buflen bytes (caller contract).
        let out = unsafe { crate::ffi::ptr::bytes_mut(buf.cast(), buflen) };
        let mut pos = 0usize;
        let mut room = buflen;
        let mut i = 0usize;
        loop {
            // SAFETY: entry i exists: the stack continues until a bottom-of-stack entry, and
            // each entry read before it took at least two bytes of `buf` ("0/"), so at most
            // buflen / 2 + 1 entries are read.
            let e =
                unsafe { crate::ffi::ptr::bytes(addr.cast::<u8>().wrapping_add(i * 4).cast(), 4) };
            let entry = u32::from_be_bytes([
                e.first().copied().unwrap_or(0),
                e.get(1).copied().unwrap_or(0),
                e.get(2).copied().unwrap_or(0),
                e.get(3).copied().unwrap_or(0),
            ]);
            let text = (entry >> 12).to_string();
            // snprintf(buf + pos, room, "%u", label)
            if room > 0 {
                let n = text.len().min(room - 1);
                if let Some(dst) = out.get_mut(pos..pos + n) {
                    dst.copy_from_slice(text.as_bytes().get(..n).unwrap_or_default());
                }
                if let Some(z) = out.get_mut(pos + n) {
                    *z = 0;
                }
            }
            if text.len() >= room {
                crate::sys::set_errno(libc::E2BIG);
                return std::ptr::null_mut();
            }
            if entry & MPLS_BOS != 0 {
                return buf;
            }
            if let Some(slash) = out.get_mut(pos + text.len()) {
                *slash = b'/';
            }
            pos += text.len() + 1;
            room -= text.len() + 1;
            i += 1;
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
        if af != AF_MPLS {
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
        mpls_fill(text.to_bytes(), out)
    })
}

/// `mpls_pton`'s loop: each label as `strtoul(…, 0)` reads it, stored before the character
/// after it is looked at; `/` continues (while room is left), the end of the text finishes
/// with the bottom-of-stack bit, anything else fails. Returns the bytes written or 0.
fn mpls_fill(text: &[u8], out: &mut [u8]) -> c_int {
    let mut rest = text;
    let mut i = 0usize;
    loop {
        let (value, used) = strtoul0(rest);
        if value >= MPLS_LABEL_LIMIT || used == 0 {
            return 0;
        }
        let mut entry = crate::engine::cnum::ulong_to_u32(value) << 12;
        rest = rest.get(used..).unwrap_or_default();
        if rest.is_empty() {
            entry |= MPLS_BOS;
        }
        let Some(dst) = out.get_mut(i * 4..i * 4 + 4) else {
            return 0;
        };
        dst.copy_from_slice(&entry.to_be_bytes());
        match rest.first() {
            None => return c_int::try_from((i + 1) * 4).unwrap_or(0),
            Some(b'/') => {
                rest = rest.get(1..).unwrap_or_default();
                i += 1;
                if i * 4 >= out.len() {
                    return 0;
                }
            }
            Some(_) => return 0,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(text: &[u8], max: usize) -> (c_int, Vec<u32>) {
        let mut out = vec![0u8; max * 4];
        let n = mpls_fill(text, &mut out);
        let v = out
            .chunks(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        (n, v)
    }

    #[test]
    fn fill_labels() {
        assert_eq!(fill(b"100", 1), (4, vec![0x0006_4100]));
        assert_eq!(fill(b"100/200", 2), (8, vec![0x0006_4000, 0x000c_8100]));
        assert_eq!(fill(b"1048575", 1), (4, vec![0xffff_f100]));
        assert_eq!(fill(b"1048576", 1), (0, vec![0]));
        assert_eq!(fill(b"", 1), (0, vec![0]));
        assert_eq!(fill(b"abc", 1), (0, vec![0]));
        assert_eq!(fill(b"5/", 2), (0, vec![0x5000, 0]));
        assert_eq!(fill(b"/5", 1), (0, vec![0]));
        assert_eq!(fill(b"100 ", 1), (0, vec![0x0006_4000]));
        assert_eq!(fill(b"0x10", 1), (4, vec![0x0001_0100]));
        assert_eq!(fill(b"-1", 1), (0, vec![0]));
        assert_eq!(fill(b"99999999999999999999999", 1), (0, vec![0]));
        // more labels than room: the ones that fit are written, the result is 0
        assert_eq!(fill(b"1/2/3", 2), (0, vec![0x1000, 0x2000]));
        assert_eq!(fill(b"1/2", 1), (0, vec![0x1000]));
        assert_eq!(fill(b"1", 0), (0, vec![]));
    }

    #[test]
    fn strtoul_forms() {
        assert_eq!(strtoul0(b" 12x"), (12, 3));
        assert_eq!(strtoul0(b"010"), (8, 3));
        assert_eq!(strtoul0(b"0x"), (0, 1));
        assert_eq!(strtoul0(b"+7"), (7, 2));
        assert_eq!(strtoul0(b"-"), (0, 0));
    }
}
