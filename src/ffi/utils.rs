//! `netlink/utils.h`: unit conversions, parsers, protocol-name tables, the dump printer and
//! capabilities; plus netlink.h's `nl_debug_dp`, `nl_nlfamily2str` and `nl_str2nlfamily`.
//!
//! The conversions, tables and dump rules are the engine's ([`units`], [`trans`],
//! [`dumpparams`]); this file reads and writes the C arguments. The variadic `nl_dump` /
//! `nl_dump_line` are defined in C (`src/ffi/variadic.c`, see [`super::variadic`]): they
//! format the text and call [`nlrs_va_dump_begin`] and [`nlrs_va_dump_text`] here.

use std::cell::UnsafeCell;
use std::ffi::{CStr, c_char, c_double, c_int, c_long, c_ulonglong};
use std::sync::OnceLock;

use crate::engine::dumpparams::{self, DumpParams, Target};
use crate::engine::{trans, units};
use crate::error::Error;
use crate::ffi::ptr;
use crate::ffi::types::nl_dump_params;
use crate::{ffi_check, ffi_entry};

/// The highest capability number `nl_has_capability` knows (`NL_CAPABILITY_MAX`, 3.7.0).
pub const NL_CAPABILITY_MAX: c_int = 33;
/// `NL_DUMP_DETAILS`.
const NL_DUMP_DETAILS: c_int = 1;

/// The exported `struct nl_dump_params nl_debug_dp` (80 bytes): `dp_type = NL_DUMP_DETAILS`,
/// `dp_fd = stderr` (set by the load-time constructor), everything else zero. C code reads and
/// writes it directly, hence the interior mutability.
#[repr(transparent)]
pub struct DebugDumpParams(UnsafeCell<nl_dump_params>);

// SAFETY: the only Rust-side access is the single store in `init_debug_dp`, made by the
// load-time constructor before any other code of the library runs; afterwards only C touches it.
unsafe impl Sync for DebugDumpParams {}

/// libnl's `nl_debug_dp`.
#[unsafe(no_mangle)]
pub static nl_debug_dp: DebugDumpParams = DebugDumpParams(UnsafeCell::new(nl_dump_params {
    dp_type: NL_DUMP_DETAILS,
    ..nl_dump_params::zeroed()
}));

/// Points `nl_debug_dp.dp_fd` at C's `stderr`; called once by the load-time constructor.
pub fn init_debug_dp() {
    let p = nl_debug_dp.0.get();
    // SAFETY: runs in the constructor, before any C code can see the object; p is valid.
    if let Some(dp) = unsafe { ptr::as_mut(p) } {
        dp.dp_fd = crate::sys::stdio::c_stderr().cast();
    }
}

/// Writes `text` into `buf` snprintf-style and returns `buf`.
///
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
unsafe fn out(buf: *mut c_char, len: usize, text: &[u8]) -> *mut c_char {
    // SAFETY: caller contract.
    unsafe { ptr::write_cbuf(buf, len, text) }
}

/// Stores the unit name through `unit` if it is not NULL.
///
/// # Safety
/// `unit` is NULL or writable.
unsafe fn put_unit(unit: *mut *mut c_char, name: &'static CStr) {
    if !unit.is_null() {
        // SAFETY: caller contract. The string is static; libnl's are too (callers must not
        // modify them).
        unsafe { ptr::write_out(unit, name.as_ptr().cast_mut()) };
    }
}

/// Expresses a byte count in the largest binary unit it reaches (B, KiB, MiB, GiB, TiB).
///
/// # Returns
/// The value in that unit; the unit name is stored through `unit` unless it is NULL.
/// # Ownership
/// The unit name is a static string.
/// # Safety
/// `unit` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cancel_down_bytes(l: c_ulonglong, unit: *mut *mut c_char) -> c_double {
    ffi_entry!("nl_cancel_down_bytes", {
        let (v, u) = units::cancel_down_bytes(l);
        // SAFETY: caller contract.
        unsafe { put_unit(unit, u) };
        v
    })
}

/// Expresses a bit count in the largest decimal unit it reaches (bit, Kbit … Tbit).
///
/// # Returns
/// The value in that unit; the unit name is stored through `unit` unless it is NULL.
/// # Ownership
/// The unit name is a static string.
/// # Safety
/// `unit` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cancel_down_bits(l: c_ulonglong, unit: *mut *mut c_char) -> c_double {
    ffi_entry!("nl_cancel_down_bits", {
        let (v, u) = units::cancel_down_bits(l);
        // SAFETY: caller contract.
        unsafe { put_unit(unit, u) };
        v
    })
}

/// Formats a rate as `"%.2f<unit>/s"` in bytes (`NL_BYTE_RATE`) or bits (`NL_BIT_RATE`).
///
/// # Returns
/// The length the full text has (snprintf's result); `-NLE_INVAL` for another `type`
/// (libnl aborts).
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_rate2str(
    rate: c_ulonglong,
    type_: c_int,
    buf: *mut c_char,
    len: usize,
) -> c_int {
    ffi_entry!("nl_rate2str", {
        let text = match units::rate2str(rate, type_) {
            Ok(t) => t,
            Err(e) => return e.to_nle(),
        };
        // SAFETY: caller contract.
        unsafe { out(buf, len, &text) };
        c_int::try_from(text.len()).unwrap_or(c_int::MAX)
    })
}

/// Expresses microseconds as s, ms or us.
///
/// # Returns
/// The value in that unit; the unit name is stored through `unit` unless it is NULL.
/// # Ownership
/// The unit name is a static string.
/// # Safety
/// `unit` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cancel_down_us(l: u32, unit: *mut *mut c_char) -> c_double {
    ffi_entry!("nl_cancel_down_us", {
        let (v, u) = units::cancel_down_us(l);
        // SAFETY: caller contract.
        unsafe { put_unit(unit, u) };
        v
    })
}

/// Parses a size such as `10`, `0x10k`, `5mb`, `100kbit`.
///
/// # Returns
/// The size in bytes; `-NLE_INVAL` for no number, an unknown suffix or NULL (libnl crashes).
/// # Ownership
/// Borrows `s`.
/// # Safety
/// `s` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_size2int(s: *const c_char) -> c_long {
    ffi_entry!("nl_size2int", {
        // SAFETY: caller contract.
        let Some(s) = (unsafe { ptr::cstr(s) }) else {
            return c_long::from(Error::Inval.to_nle());
        };
        units::size2int(s.to_bytes()).unwrap_or_else(|e| c_long::from(e.to_nle()))
    })
}

/// Formats a size as `"%.2g<unit>"` (`0B` for zero).
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_size2str(size: usize, buf: *mut c_char, len: usize) -> *mut c_char {
    ffi_entry!("nl_size2str", {
        let text = units::size2str(size as u64);
        // SAFETY: caller contract.
        unsafe { out(buf, len, &text) }
    })
}

/// Parses a probability: `0.5`, `50`, `50%`.
///
/// # Returns
/// The probability scaled to `0..=NL_PROB_MAX`; `-NLE_INVAL` for no number, a suffix other
/// than `%` or NULL (libnl crashes); `-NLE_RANGE` outside 0..100 %.
/// # Ownership
/// Borrows `s`.
/// # Safety
/// `s` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_prob2int(s: *const c_char) -> c_long {
    ffi_entry!("nl_prob2int", {
        // SAFETY: caller contract.
        let Some(s) = (unsafe { ptr::cstr(s) }) else {
            return c_long::from(Error::Inval.to_nle());
        };
        units::prob2int(s.to_bytes()).unwrap_or_else(|e| c_long::from(e.to_nle()))
    })
}

/// The clock settings, read once from the environment and the psched file
/// ([`units::psched_settings`]).
fn psched() -> units::Psched {
    static P: OnceLock<units::Psched> = OnceLock::new();
    *P.get_or_init(|| {
        units::psched_settings(
            |k| std::env::var_os(k).map(|v| v.into_encoded_bytes()),
            crate::sys::clk_tck(),
            |name| {
                std::fs::read(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name))
                    .ok()
            },
        )
    })
}

/// The user-space clock rate (`HZ` env or `sysconf(_SC_CLK_TCK)`).
///
/// # Returns
/// Ticks per second.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub extern "C" fn nl_get_user_hz() -> c_int {
    ffi_entry!("nl_get_user_hz", { psched().user_hz })
}

/// The packet scheduler's clock rate (from `/proc/net/psched`).
///
/// # Returns
/// Ticks per second.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub extern "C" fn nl_get_psched_hz() -> c_int {
    ffi_entry!("nl_get_psched_hz", { psched().psched_hz })
}

/// Microseconds to packet-scheduler ticks.
///
/// # Returns
/// The tick count (truncated like libnl's conversion).
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub extern "C" fn nl_us2ticks(us: u32) -> u32 {
    ffi_entry!("nl_us2ticks", { psched().us2ticks(us) })
}

/// Packet-scheduler ticks to microseconds.
///
/// # Returns
/// The microseconds (truncated like libnl's conversion).
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub extern "C" fn nl_ticks2us(ticks: u32) -> u32 {
    ffi_entry!("nl_ticks2us", { psched().ticks2us(ticks) })
}

/// Parses a duration such as `5`, `3sec`, `1d 2h 3m 4s 5` into milliseconds.
///
/// # Returns
/// 0 with `*result` set; `-NLE_INVAL` for malformed text or a NULL argument (libnl crashes);
/// `*result` is untouched on failure.
/// # Ownership
/// Borrows `s`.
/// # Safety
/// `s` is NULL or NUL-terminated; `result` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2msec(s: *const c_char, result: *mut u64) -> c_int {
    ffi_entry!("nl_str2msec", {
        // SAFETY: caller contract.
        let s = unsafe { ptr::cstr(s) };
        ffi_check!(
            "nl_str2msec",
            s.is_some() && !result.is_null(),
            Error::Inval.to_nle()
        );
        let s = s.map(|c| c.to_bytes()).unwrap_or_default();
        match units::str2msec(s) {
            Ok(v) => {
                // SAFETY: result is non-NULL and writable (caller contract).
                unsafe { ptr::write_out(result, v) };
                0
            }
            Err(e) => e.to_nle(),
        }
    })
}

/// Formats milliseconds as `1d 2h 3m 4s 5msec` (`0msec` for zero).
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_msec2str(msec: u64, buf: *mut c_char, len: usize) -> *mut c_char {
    ffi_entry!("nl_msec2str", {
        let text = units::msec2str(msec, len);
        // SAFETY: caller contract.
        unsafe { out(buf, len, &text) }
    })
}

/// Writes a table name for `v` (or `0x%x`) into `buf`.
///
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
unsafe fn table2str(
    v: c_int,
    buf: *mut c_char,
    len: usize,
    tbl: &'static [(u64, &'static str)],
) -> *mut c_char {
    let text = trans::type2str(v, trans::entries(tbl));
    // SAFETY: caller contract.
    unsafe { out(buf, len, &text) }
}

/// The value of a table name (or number).
///
/// # Safety
/// `s` is NULL or NUL-terminated.
unsafe fn str2table(s: *const c_char, tbl: &'static [(u64, &'static str)]) -> c_int {
    // SAFETY: caller contract.
    let Some(s) = (unsafe { ptr::cstr(s) }) else {
        return Error::Inval.to_nle();
    };
    trans::str2type(s.to_bytes(), trans::entries(tbl)).unwrap_or_else(|e| e.to_nle())
}

/// Name of a link-layer type (`ARPHRD_*`), or `0x%x`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_llproto2str(
    llproto: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("nl_llproto2str", {
        // SAFETY: caller contract.
        unsafe { table2str(llproto, buf, len, trans::LLPROTOS) }
    })
}

/// Link-layer type of a name (case-insensitive) or number.
///
/// # Returns
/// The type; `-NLE_INVAL` for `""` or NULL; `-NLE_OBJ_NOTFOUND` for unknown names.
/// # Ownership
/// Borrows `name`.
/// # Safety
/// `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2llproto(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2llproto", {
        // SAFETY: caller contract.
        unsafe { str2table(name, trans::LLPROTOS) }
    })
}

/// Name of an ethernet protocol (`ETH_P_*`), or `0x%x`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_ether_proto2str(
    eproto: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("nl_ether_proto2str", {
        // SAFETY: caller contract.
        unsafe { table2str(eproto, buf, len, trans::ETHER_PROTOS) }
    })
}

/// Ethernet protocol of a name (case-insensitive) or number.
///
/// # Returns
/// The protocol; `-NLE_INVAL` for `""` or NULL; `-NLE_OBJ_NOTFOUND` for unknown names.
/// # Ownership
/// Borrows `name`.
/// # Safety
/// `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2ether_proto(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2ether_proto", {
        // SAFETY: caller contract.
        unsafe { str2table(name, trans::ETHER_PROTOS) }
    })
}

/// Name of an IP protocol from the protocols database, or `0x%x`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_ip_proto2str(
    proto: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("nl_ip_proto2str", {
        let text = trans::ip_proto2str(proto, crate::sys::netdb::protocol_name(proto));
        // SAFETY: caller contract.
        unsafe { out(buf, len, &text) }
    })
}

/// IP protocol number of a name/alias from the protocols database, or of a number.
///
/// # Returns
/// The protocol; `-NLE_OBJ_NOTFOUND` when the text is neither; `-NLE_INVAL` for NULL (libnl
/// crashes). libnl-compat: `""` gives 0 and numbers are truncated to `int` unchecked
/// (`ULONG_MAX`, e.g. `"-1"`, is refused).
/// # Ownership
/// Borrows `name`.
/// # Safety
/// `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2ip_proto(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2ip_proto", {
        // SAFETY: caller contract.
        let Some(name) = (unsafe { ptr::cstr(name) }) else {
            return Error::Inval.to_nle();
        };
        let db = crate::sys::netdb::protocol_number(name);
        trans::str2ip_proto(name.to_bytes(), db).unwrap_or_else(|e| e.to_nle())
    })
}

/// [`DumpParams`] over a caller's `struct nl_dump_params` (never NULL). Each access borrows
/// the struct only for that access, so C callbacks may read and change it.
struct CParams(*mut nl_dump_params);

impl CParams {
    /// # Safety
    /// `p` is NULL or a valid `nl_dump_params` whose `dp_fd`, `dp_buf`/`dp_buflen` and
    /// callbacks are valid, for as long as the result is used.
    unsafe fn new(p: *mut nl_dump_params) -> Option<CParams> {
        (!p.is_null()).then_some(CParams(p))
    }

    fn with<R>(&self, f: impl FnOnce(&mut nl_dump_params) -> R) -> R {
        // SAFETY: valid per the constructor's contract; the borrow ends with `f`, which calls
        // no C code.
        f(unsafe { &mut *self.0 })
    }
}

impl DumpParams for CParams {
    fn prefix(&self) -> i32 {
        self.with(|p| p.dp_prefix)
    }
    fn next_line(&mut self) -> u32 {
        self.with(|p| {
            p.dp_line = p.dp_line.wrapping_add(1);
            p.dp_line
        })
    }
    fn has_stream(&self) -> bool {
        self.with(|p| !p.dp_fd.is_null())
    }
    fn write_stream(&mut self, text: &[u8]) {
        let fd = self.with(|p| p.dp_fd);
        // SAFETY: dp_fd is NULL or a valid stream (constructor contract).
        unsafe { crate::sys::stdio::write_file(fd.cast(), text) };
    }
    fn has_text_cb(&self) -> bool {
        self.with(|p| p.dp_cb.is_some())
    }
    fn text_cb(&mut self, text: &[u8]) {
        if let Some(cb) = self.with(|p| p.dp_cb) {
            let mut t = text.to_vec();
            t.push(0);
            // SAFETY: a valid callback (constructor contract); t is NUL-terminated and lives
            // across the call; no Rust borrow of the struct is live.
            unsafe { cb(self.0, t.as_mut_ptr().cast()) };
        }
    }
    fn line_cb(&mut self, line: c_int) {
        if let Some(cb) = self.with(|p| p.dp_nl_cb) {
            // SAFETY: as in `text_cb`.
            unsafe { cb(self.0, line) };
        }
    }
    fn buf(&mut self) -> Option<&mut [u8]> {
        let (buf, len) = self.with(|p| (p.dp_buf, p.dp_buflen));
        // SAFETY: dp_buf is writable for dp_buflen bytes (constructor contract).
        (!buf.is_null()).then(|| unsafe { ptr::bytes_mut(buf.cast(), len) })
    }
}

/// Starts a new dump line: counts it, writes `dp_prefix` spaces to `dp_fd` (or appends them
/// to `dp_buf`), then calls `dp_nl_cb` ([`dumpparams::new_line`]).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Borrows `params`.
/// # Safety
/// `params` is NULL (ignored; libnl crashes) or a valid `nl_dump_params` whose `dp_fd`,
/// `dp_buf`/`dp_buflen` and callbacks are valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_new_line(params: *mut nl_dump_params) {
    ffi_entry!("nl_new_line", {
        // SAFETY: caller contract.
        match unsafe { CParams::new(params) } {
            Some(mut p) => dumpparams::new_line(&mut p),
            None => crate::nl_dbg!(
                1,
                "nl_new_line: invalid argument: `!params.is_null()` does not hold\n"
            ),
        }
    })
}

/// Writes already formatted `text` to the dump target exactly as `nl_dump` (or, with
/// `newline`, `nl_dump_line`) with the format `"%s"` would.
///
/// # Safety
/// `params` is NULL (ignored) or valid as for [`nl_new_line`].
pub unsafe fn dump_text(params: *mut nl_dump_params, text: &[u8], newline: bool) {
    // SAFETY: caller contract.
    match unsafe { CParams::new(params) } {
        Some(mut p) => dumpparams::dump_text(&mut p, text, newline),
        None => dumpparams::no_params(),
    }
}

/// First half of the C `nl_dump` / `nl_dump_line` (`newline` != 0), called before the text is
/// formatted: [`dumpparams::begin`].
///
/// Not exported: the C file declares it hidden (see [`super::variadic`]).
///
/// # Returns
/// 1 when the caller formats the text: printing it with `vfprintf` to `*stream` when that was
/// set (`dp_fd`), else passing it to [`nlrs_va_dump_text`]; 0 when nothing is printed; a
/// negative value if the call failed internally.
/// # Ownership
/// Borrows `params`; `*stream` is the caller's `dp_fd`.
/// # Safety
/// `params` is NULL or valid as for [`nl_new_line`]; `stream` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlrs_va_dump_begin(
    params: *mut nl_dump_params,
    fmt: *const c_char,
    newline: c_int,
    stream: *mut *mut libc::FILE,
) -> c_int {
    ffi_entry!("nl_dump", {
        // SAFETY: caller contract.
        let Some(mut p) = (unsafe { CParams::new(params) }) else {
            dumpparams::no_params();
            return 0;
        };
        match dumpparams::begin(&mut p, !fmt.is_null(), newline != 0) {
            Target::Nothing => 0,
            Target::Text => 1,
            Target::Stream => {
                let fd = p.with(|d| d.dp_fd.cast());
                // SAFETY: stream is writable (caller contract).
                match unsafe { ptr::as_mut(stream) } {
                    Some(out) => {
                        *out = fd;
                        1
                    }
                    None => 0,
                }
            }
        }
    })
}

/// Second half of the C `nl_dump` / `nl_dump_line` when [`nlrs_va_dump_begin`] returned 1
/// without a stream: hands the formatted `text` to `dp_cb`, else appends it to `dp_buf`
/// (truncated to what fits, libnl's `strncat` bound): [`dumpparams::deliver`].
///
/// Not exported: the C file declares it hidden (see [`super::variadic`]).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Borrows `params` and `text` (`dp_cb` receives a copy of `text`).
/// # Safety
/// `params` is valid as for [`nl_new_line`]; `text` is NULL (ignored) or a NUL-terminated
/// string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlrs_va_dump_text(params: *mut nl_dump_params, text: *mut c_char) {
    ffi_entry!("nl_dump", {
        // SAFETY: caller contract.
        let (p, t) = unsafe { (CParams::new(params), ptr::cstr(text)) };
        if let (Some(mut p), Some(t)) = (p, t) {
            dumpparams::deliver(&mut p, t.to_bytes());
        }
    })
}

/// Whether this library has a behaviour flagged by an `NL_CAPABILITY_*` number.
///
/// # Returns
/// 1 for 1..=`NL_CAPABILITY_MAX` (all of 3.7.0's), 0 otherwise.
/// # Ownership
/// None.
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub extern "C" fn nl_has_capability(capability: c_int) -> c_int {
    ffi_entry!("nl_has_capability", {
        c_int::from((1..=NL_CAPABILITY_MAX).contains(&capability))
    })
}

/// Name of a netlink protocol family (`NETLINK_*`), or `0x%x`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` is NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_nlfamily2str(
    family: c_int,
    buf: *mut c_char,
    size: usize,
) -> *mut c_char {
    ffi_entry!("nl_nlfamily2str", {
        // SAFETY: caller contract.
        unsafe { table2str(family, buf, size, trans::NLFAMILIES) }
    })
}

/// Netlink protocol family of a name (case-insensitive) or number.
///
/// # Returns
/// The family; `-NLE_INVAL` for `""` or NULL; `-NLE_OBJ_NOTFOUND` for unknown names.
/// # Ownership
/// Borrows `name`.
/// # Safety
/// `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_str2nlfamily(name: *const c_char) -> c_int {
    ffi_entry!("nl_str2nlfamily", {
        // SAFETY: caller contract.
        unsafe { str2table(name, trans::NLFAMILIES) }
    })
}
