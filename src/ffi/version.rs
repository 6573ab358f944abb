//! `netlink/version.h`: the libnl API level libnlrs emulates (3.7.0), as exported data.
#![allow(non_upper_case_globals)]

use std::ffi::c_int;

/// `nl_ver_num`: the emulated libnl version, `LIBNL_VER(3, 7)` = `(3 << 8) | 7`.
#[unsafe(no_mangle)]
pub static nl_ver_num: c_int = 0x307;
/// `nl_ver_maj`: major version of the emulated libnl.
#[unsafe(no_mangle)]
pub static nl_ver_maj: c_int = 3;
/// `nl_ver_min`: minor version of the emulated libnl.
#[unsafe(no_mangle)]
pub static nl_ver_min: c_int = 7;
/// `nl_ver_mic`: micro version of the emulated libnl.
#[unsafe(no_mangle)]
pub static nl_ver_mic: c_int = 0;
