//! The variadic entry points: `nl_dump`, `nl_dump_line`, `nl_socket_add_memberships` and
//! `nl_socket_drop_memberships`.
//!
//! Stable Rust cannot define C-variadic functions, so these are naked functions that build
//! the x86-64 System V `va_list` for their variadic part by hand (exactly what a C compiler
//! emits for `va_start`) and pass a pointer to it, together with the two named arguments and a
//! selector, to a Rust body: [`nlrs_vdump`](super::utils::nlrs_vdump) formats with the C
//! library's `vfprintf` / `vasprintf`; the membership bodies read `int`s with [`va_arg_int`].
//! cbindgen skips them (their Rust signature cannot say `...`); the symbol test still checks
//! they are exported.
//!
//! Frame layout (rsp after the prologue is 16-byte aligned):
//! `[rsp+0..48)` the six integer argument registers, `[rsp+48..176)` xmm0-xmm7 (saved only
//! when `al` says vector registers carry arguments), `[rsp+176..200)` the `va_list` tag:
//! `gp_offset = 16` (two named integer arguments consumed), `fp_offset = 48`,
//! `overflow_arg_area = rbp + 16` (the caller's stack arguments), `reg_save_area = rsp`.

#[cfg(not(target_arch = "x86_64"))]
compile_error!("nl_dump/nl_dump_line trampolines are written for x86-64 System V only");

use std::ffi::{c_char, c_int};

use crate::ffi::socket::nl_sock;
use crate::ffi::types::nl_dump_params;

/// The trampoline: saves the argument registers, builds the `va_list` for a function with two
/// named integer-class arguments, and calls `$body(arg0, arg1, &va_list, $selector)`.
macro_rules! va_trampoline {
    ($body:path, $selector:literal) => {
        std::arch::naked_asm!(
            "push rbp",
            "mov rbp, rsp",
            "sub rsp, 208",
            "mov [rsp], rdi",
            "mov [rsp + 8], rsi",
            "mov [rsp + 16], rdx",
            "mov [rsp + 24], rcx",
            "mov [rsp + 32], r8",
            "mov [rsp + 40], r9",
            "test al, al",
            "je 2f",
            "movaps [rsp + 48], xmm0",
            "movaps [rsp + 64], xmm1",
            "movaps [rsp + 80], xmm2",
            "movaps [rsp + 96], xmm3",
            "movaps [rsp + 112], xmm4",
            "movaps [rsp + 128], xmm5",
            "movaps [rsp + 144], xmm6",
            "movaps [rsp + 160], xmm7",
            "2:",
            "mov dword ptr [rsp + 176], 16",
            "mov dword ptr [rsp + 180], 48",
            "lea rax, [rbp + 16]",
            "mov [rsp + 184], rax",
            "mov [rsp + 192], rsp",
            "lea rdx, [rsp + 176]",
            concat!("mov ecx, ", $selector),
            "call {body}",
            "leave",
            "ret",
            body = sym $body,
        )
    };
}

/// `void nl_dump(struct nl_dump_params *params, const char *fmt, ...)`: prints `fmt` and its
/// arguments to the dump target (`dp_fd`, else `dp_cb`, else `dp_buf`).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Borrows `params`.
/// # Safety
/// `params` is NULL (ignored) or a valid `nl_dump_params` whose targets are valid; `fmt` is
/// NULL (ignored) or a printf format matching the variadic arguments.
/// cbindgen:ignore
#[unsafe(naked)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_dump(params: *mut nl_dump_params, fmt: *const c_char) {
    va_trampoline!(crate::ffi::utils::nlrs_vdump, "0")
}

/// `void nl_dump_line(struct nl_dump_params *params, const char *fmt, ...)`: `nl_new_line`,
/// then as [`nl_dump`].
///
/// # Returns
/// Nothing.
/// # Ownership
/// Borrows `params`.
/// # Safety
/// As [`nl_dump`].
/// cbindgen:ignore
#[unsafe(naked)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_dump_line(params: *mut nl_dump_params, fmt: *const c_char) {
    va_trampoline!(crate::ffi::utils::nlrs_vdump, "1")
}

/// The x86-64 System V `va_list` element (what `va_list` points to).
#[repr(C)]
pub struct VaListTag {
    gp_offset: u32,
    fp_offset: u32,
    overflow_arg_area: *mut u8,
    reg_save_area: *mut u8,
}

/// `va_arg(ap, int)`: the next integer-class argument, truncated to `int`.
///
/// # Safety
/// `ap` is a live `va_list` built by one of the trampolines above whose next argument was passed as an
/// integer (the caller's contract with the variadic function).
pub unsafe fn va_arg_int(ap: *mut VaListTag) -> c_int {
    // SAFETY: ap is live (contract). Register arguments sit in the save area below gp_offset 48;
    // later ones are 8-byte slots in the caller's stack area, which the C caller provided.
    unsafe {
        let tag = &mut *ap;
        let slot = if tag.gp_offset < 48 {
            let p = tag.reg_save_area.add(tag.gp_offset as usize);
            tag.gp_offset += 8;
            p
        } else {
            let p = tag.overflow_arg_area;
            tag.overflow_arg_area = p.add(8);
            p
        };
        slot.cast::<c_int>().read_unaligned()
    }
}

/// `int nl_socket_add_memberships(struct nl_sock *sk, int group, ...)`: joins each group of the
/// 0-terminated list in turn.
///
/// # Returns
/// 0; `-NLE_BAD_SOCK` when unconnected, `-NLE_INVAL` at the first negative group (groups before
/// it stay joined, as in libnl), or the mapped errno of a failed `setsockopt`.
/// # Ownership
/// None.
/// # Safety
/// `sk` is NULL or a live socket; the variadic arguments are `int`s ending with 0.
/// cbindgen:ignore
#[unsafe(naked)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_add_memberships(sk: *mut nl_sock, group: c_int) -> c_int {
    va_trampoline!(crate::ffi::socket::nlrs_memberships_va, "1")
}

/// `int nl_socket_drop_memberships(struct nl_sock *sk, int group, ...)`: leaves each group of
/// the 0-terminated list in turn.
///
/// # Returns
/// As [`nl_socket_add_memberships`].
/// # Ownership
/// None.
/// # Safety
/// As [`nl_socket_add_memberships`].
/// cbindgen:ignore
#[unsafe(naked)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_socket_drop_memberships(sk: *mut nl_sock, group: c_int) -> c_int {
    va_trampoline!(crate::ffi::socket::nlrs_memberships_va, "0")
}
