//! The variadic entry points `nl_dump` and `nl_dump_line`.
//!
//! Stable Rust cannot define C-variadic functions, so these two are naked functions that build
//! the x86-64 System V `va_list` for their variadic part by hand (exactly what a C compiler
//! emits for `va_start`) and pass a pointer to it, together with the two named arguments, to
//! [`nlrs_vdump`](super::utils::nlrs_vdump), which formats with the C library's `vfprintf` /
//! `vasprintf`. cbindgen skips them (their Rust signature cannot say `...`); the symbol test
//! still checks they are exported.
//!
//! Frame layout (rsp after the prologue is 16-byte aligned):
//! `[rsp+0..48)` the six integer argument registers, `[rsp+48..176)` xmm0-xmm7 (saved only
//! when `al` says vector registers carry arguments), `[rsp+176..200)` the `va_list` tag:
//! `gp_offset = 16` (two named integer arguments consumed), `fp_offset = 48`,
//! `overflow_arg_area = rbp + 16` (the caller's stack arguments), `reg_save_area = rsp`.

#[cfg(not(target_arch = "x86_64"))]
compile_error!("nl_dump/nl_dump_line trampolines are written for x86-64 System V only");

use std::ffi::c_char;

use crate::ffi::types::nl_dump_params;

/// Shared body of the two trampolines; `$newline` is passed as `nlrs_vdump`'s 4th argument.
macro_rules! vdump_trampoline {
    ($newline:literal) => {
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
            concat!("mov ecx, ", $newline),
            "call {vdump}",
            "leave",
            "ret",
            vdump = sym crate::ffi::utils::nlrs_vdump,
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
    vdump_trampoline!("0")
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
    vdump_trampoline!("1")
}
