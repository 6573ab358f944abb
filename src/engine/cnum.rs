//! C number parsing with glibc's exact semantics (`strtoul`, `strtol`) for the target's
//! `long` (64 bits on LP64 targets, 32 bits on i686 or armv7), shared by every libnl function
//! that reads numbers from text (`nl_addr_parse`, `nl_str2nlmsgtype`, `NLDBG`).
#![forbid(unsafe_code)]

use std::ffi::{CStr, c_long, c_ulong};

/// C `strtod` on `s` (up to its first NUL): the value and the number of bytes consumed (0 when
/// nothing converted). C's own, through [`crate::sys::stdio::strtod`], so every form glibc
/// reads (hex floats, `inf`, `nan`, the locale's decimal point) is read the same.
pub fn strtod(s: &[u8]) -> (f64, usize) {
    let mut c: Vec<u8> = s.iter().copied().take_while(|b| *b != 0).collect();
    c.push(0);
    CStr::from_bytes_with_nul(&c).map_or((0.0, 0), crate::sys::stdio::strtod)
}

/// `isspace` in the C locale.
pub fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C `strtoul` semantics: `(value, bytes consumed, negated)`, `None` when no digits were read.
/// Base 0 detects `0x` / `0` prefixes. A leading `-` negates in unsigned arithmetic; a
/// magnitude above `ULONG_MAX` gives `ULONG_MAX`.
pub fn strtoul(s: &[u8], base: u32) -> Option<(c_ulong, usize, bool)> {
    let mut i = s.iter().take_while(|c| is_c_space(**c)).count();
    let mut neg = false;
    match s.get(i) {
        Some(b'-') => {
            neg = true;
            i += 1;
        }
        Some(b'+') => i += 1,
        _ => {}
    }
    let mut radix = base;
    let has_0x = s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit());
    if (radix == 0 || radix == 16) && has_0x {
        i += 2;
        radix = 16;
    } else if radix == 0 {
        radix = if s.get(i) == Some(&b'0') { 8 } else { 10 };
    }
    let start = i;
    let mut v: Option<c_ulong> = Some(0);
    while let Some(d) = s.get(i).and_then(|c| (*c as char).to_digit(radix)) {
        v = v
            .and_then(|x| x.checked_mul(c_ulong::from(radix)))
            .and_then(|x| x.checked_add(c_ulong::from(d)));
        i += 1;
    }
    if i == start {
        return None;
    }
    match v {
        None => Some((c_ulong::MAX, i, neg)),
        Some(v) if neg => Some((v.wrapping_neg(), i, true)),
        Some(v) => Some((v, i, false)),
    }
}

/// C `strtol` semantics: saturates at `LONG_MIN` / `LONG_MAX` on overflow.
pub fn strtol(s: &[u8], base: u32) -> Option<(c_long, usize)> {
    let mut i = s.iter().take_while(|c| is_c_space(**c)).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let rest = s.get(i..).unwrap_or_default();
    // Reuse the unsigned scanner on the unsigned part (no sign left there); its overflow value
    // ULONG_MAX is out of range for both signs.
    let (mag, used, _) = strtoul_unsigned(rest, base)?;
    let v = if neg {
        // Beyond LONG_MAX only LONG_MAX + 1 fits (as LONG_MIN); larger values saturate there.
        c_long::try_from(mag).map_or(c_long::MIN, |m| -m)
    } else {
        c_long::try_from(mag).unwrap_or(c_long::MAX)
    };
    Some((v, i + used))
}

/// [`strtoul`] without sign handling (the caller consumed it); saturates on overflow.
fn strtoul_unsigned(s: &[u8], base: u32) -> Option<(c_ulong, usize, bool)> {
    if matches!(s.first(), Some(b'-' | b'+')) || s.first().is_some_and(|c| is_c_space(*c)) {
        return None;
    }
    strtoul(s, base)
}

/// A `long` converted to `int` as C converts it: the low 32 bits (the identity where `long` has
/// 32 bits).
#[allow(clippy::unnecessary_cast)]
pub fn long_to_int(v: c_long) -> i32 {
    v as i32
}

/// An `unsigned long` converted to a 32-bit unsigned integer as C converts it: the low 32 bits
/// (the identity where `long` has 32 bits).
#[allow(clippy::unnecessary_cast)]
pub fn ulong_to_u32(v: c_ulong) -> u32 {
    v as u32
}

/// An `unsigned long` widened to 64 bits (lossless on every target; the identity on LP64).
#[allow(clippy::useless_conversion)]
pub fn ulong_to_u64(v: c_ulong) -> u64 {
    u64::from(v)
}

/// A `long` widened to 64 bits (lossless on every target; the identity on LP64).
#[allow(clippy::useless_conversion)]
pub fn long_to_i64(v: c_long) -> i64 {
    i64::from(v)
}

/// In tests: `lp64` where C's `long` has 64 bits, `ilp32` where it has 32 (the expected
/// results of libnl's `strtol` / `strtoul` based parsers differ for large numbers).
#[cfg(test)]
pub fn by_long<T>(lp64: T, ilp32: T) -> T {
    if c_long::BITS == 64 { lp64 } else { ilp32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtoul_bases_and_edges() {
        assert_eq!(strtoul(b"  0x1fz", 0), Some((0x1f, 6, false)));
        assert_eq!(strtoul(b"010", 0), Some((8, 3, false)));
        assert_eq!(strtoul(b"0x", 0), Some((0, 1, false)));
        assert_eq!(strtoul(b"-1", 0), Some((c_ulong::MAX, 2, true)));
        assert_eq!(
            strtoul(b"99999999999999999999", 10),
            Some((c_ulong::MAX, 20, false))
        );
        assert_eq!(strtoul(b"ff", 16), Some((255, 2, false)));
        assert_eq!(strtoul(b"", 0), None);
        assert_eq!(strtoul(b"x", 0), None);
    }

    #[test]
    fn strtoul_follows_the_width_of_long() {
        // 2^32: a value on LP64, ULONG_MAX where long has 32 bits.
        let want = c_ulong::try_from(4_294_967_296u64).unwrap_or(c_ulong::MAX);
        assert_eq!(strtoul(b"4294967296", 10), Some((want, 10, false)));
        assert_eq!(
            strtoul(b"4294967295", 10),
            Some((c_ulong::from(u32::MAX), 10, false))
        );
        // -ULONG_MAX is 1 in unsigned arithmetic.
        let minus_max = format!("-{}", c_ulong::MAX);
        assert_eq!(
            strtoul(minus_max.as_bytes(), 10),
            Some((1, minus_max.len(), true))
        );
    }

    #[test]
    fn strtol_saturates() {
        assert_eq!(strtol(b"-5", 0), Some((-5, 2)));
        assert_eq!(strtol(b"+7k", 10), Some((7, 2)));
        assert_eq!(strtol(b"9223372036854775808", 10), Some((c_long::MAX, 19)));
        assert_eq!(strtol(b"-9223372036854775809", 10), Some((c_long::MIN, 20)));
        let min = c_long::MIN.to_string();
        assert_eq!(strtol(min.as_bytes(), 10), Some((c_long::MIN, min.len())));
        let max = c_long::MAX.to_string();
        assert_eq!(strtol(max.as_bytes(), 10), Some((c_long::MAX, max.len())));
        // 2^31: a value on LP64, LONG_MAX where long has 32 bits.
        let want = c_long::try_from(2_147_483_648i64).unwrap_or(c_long::MAX);
        assert_eq!(strtol(b"2147483648", 10), Some((want, 10)));
        assert_eq!(strtol(b"--1", 10), None);
        assert_eq!(strtol(b"- 1", 10), None);
    }

    #[test]
    fn strtod_is_c() {
        assert_eq!(strtod(b" 1.5x"), (1.5, 4));
        assert_eq!(strtod(b"0x10"), (16.0, 4));
        assert_eq!(strtod(b"-inf"), (f64::NEG_INFINITY, 4));
        assert_eq!(strtod(b"1e3\0 9"), (1000.0, 3));
        assert_eq!(strtod(b"x"), (0.0, 0));
        assert_eq!(strtod(b""), (0.0, 0));
        assert!(strtod(b"nan").0.is_nan());
    }
}
