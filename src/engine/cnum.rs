//! C number parsing with glibc's exact semantics (`strtoul`, `strtol` on LP64), shared by every
//! libnl function that reads numbers from text (`nl_addr_parse`, `nl_str2nlmsgtype`, `NLDBG`).
#![forbid(unsafe_code)]

/// `isspace` in the C locale.
pub fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C `strtoul` semantics: `(value, bytes consumed)`, `None` when no digits were read. Base 0
/// detects `0x` / `0` prefixes. A leading `-` negates in unsigned arithmetic; overflow gives
/// `u64::MAX`.
pub fn strtoul(s: &[u8], base: u32) -> Option<(u64, usize, bool)> {
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
    let mut v: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).and_then(|c| (*c as char).to_digit(radix)) {
        match v
            .checked_mul(u64::from(radix))
            .and_then(|x| x.checked_add(u64::from(d)))
        {
            Some(x) => v = x,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return None;
    }
    if overflow {
        Some((u64::MAX, i, neg))
    } else if neg {
        Some((v.wrapping_neg(), i, true))
    } else {
        Some((v, i, false))
    }
}

/// C `strtol` semantics (`long` = i64): saturates at `i64::MIN`/`i64::MAX` on overflow.
pub fn strtol(s: &[u8], base: u32) -> Option<(i64, usize)> {
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
    // Reuse the unsigned scanner on the unsigned part (no sign left there).
    let (mag, used, _) = strtoul_unsigned(rest, base)?;
    let v = if neg {
        if mag > i64::MAX as u64 + 1 {
            i64::MIN
        } else {
            (mag as i128).wrapping_neg() as i64
        }
    } else if mag > i64::MAX as u64 {
        i64::MAX
    } else {
        mag as i64
    };
    Some((v, i + used))
}

/// [`strtoul`] without sign handling (the caller consumed it); saturates on overflow.
fn strtoul_unsigned(s: &[u8], base: u32) -> Option<(u64, usize, bool)> {
    if matches!(s.first(), Some(b'-' | b'+')) || s.first().is_some_and(|c| is_c_space(*c)) {
        return None;
    }
    strtoul(s, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtoul_bases_and_edges() {
        assert_eq!(strtoul(b"  0x1fz", 0), Some((0x1f, 6, false)));
        assert_eq!(strtoul(b"010", 0), Some((8, 3, false)));
        assert_eq!(strtoul(b"0x", 0), Some((0, 1, false)));
        assert_eq!(strtoul(b"-1", 0), Some((u64::MAX, 2, true)));
        assert_eq!(
            strtoul(b"99999999999999999999", 10),
            Some((u64::MAX, 20, false))
        );
        assert_eq!(strtoul(b"ff", 16), Some((255, 2, false)));
        assert_eq!(strtoul(b"", 0), None);
        assert_eq!(strtoul(b"x", 0), None);
    }

    #[test]
    fn strtol_saturates() {
        assert_eq!(strtol(b"-5", 0), Some((-5, 2)));
        assert_eq!(strtol(b"+7k", 10), Some((7, 2)));
        assert_eq!(strtol(b"9223372036854775808", 10), Some((i64::MAX, 19)));
        assert_eq!(strtol(b"-9223372036854775809", 10), Some((i64::MIN, 20)));
        assert_eq!(strtol(b"--1", 10), None);
        assert_eq!(strtol(b"- 1", 10), None);
    }
}
