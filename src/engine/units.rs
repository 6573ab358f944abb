//! Unit conversions and parsers of libnl's `utils.c`: byte/bit/time unit choice, size,
//! probability and duration parsing, duration formatting and the packet-scheduler clock.
//!
//! Float formatting (`%.2f`, `%.2g`) and `strtod` are C's own (through [`crate::sys::stdio`]),
//! so the digits are exactly libnl's. Unit names are C strings because `nl_cancel_down_*`
//! hand them to C callers.
#![forbid(unsafe_code)]

use std::ffi::{CStr, c_long};

use crate::engine::cnum;
use crate::error::{Error, Result};

/// `nl_cancel_down_bytes`: the value in the largest binary unit (B … TiB) it reaches.
pub fn cancel_down_bytes(l: u64) -> (f64, &'static CStr) {
    const UNITS: [(u64, &CStr); 4] = [
        (1 << 40, c"TiB"),
        (1 << 30, c"GiB"),
        (1 << 20, c"MiB"),
        (1 << 10, c"KiB"),
    ];
    for (lim, unit) in UNITS {
        if l >= lim {
            return (l as f64 / lim as f64, unit);
        }
    }
    (l as f64, c"B")
}

/// `nl_cancel_down_bits`: the value in the largest decimal bit unit (bit … Tbit) it reaches.
pub fn cancel_down_bits(l: u64) -> (f64, &'static CStr) {
    const UNITS: [(u64, &CStr); 4] = [
        (1_000_000_000_000, c"Tbit"),
        (1_000_000_000, c"Gbit"),
        (1_000_000, c"Mbit"),
        (1_000, c"Kbit"),
    ];
    for (lim, unit) in UNITS {
        if l >= lim {
            return (l as f64 / lim as f64, unit);
        }
    }
    (l as f64, c"bit")
}

/// `nl_cancel_down_us`: microseconds as s, ms or us.
pub fn cancel_down_us(l: u32) -> (f64, &'static CStr) {
    if l >= 1_000_000 {
        (f64::from(l) / 1_000_000.0, c"s")
    } else if l >= 1000 {
        (f64::from(l) / 1000.0, c"ms")
    } else {
        (f64::from(l), c"us")
    }
}

/// `nl_rate2str`'s `type` for a rate in bytes (`NL_BYTE_RATE`).
pub const NL_BYTE_RATE: i32 = 0;
/// `nl_rate2str`'s `type` for a rate in bits (`NL_BIT_RATE`).
pub const NL_BIT_RATE: i32 = 1;

/// `v` printed with the C format `spec` (one double conversion), then `unit` and `suffix`.
fn fmt2(spec: &CStr, v: f64, unit: &CStr, suffix: &str) -> Vec<u8> {
    let mut s = crate::sys::stdio::format_double(spec, v).into_bytes();
    s.extend_from_slice(unit.to_bytes());
    s.extend_from_slice(suffix.as_bytes());
    s
}

/// `nl_rate2str`'s text: `"%.2f<unit>/s"` of the rate cancelled down in bytes
/// ([`NL_BYTE_RATE`]) or bits ([`NL_BIT_RATE`]); `Inval` for another `kind` (libnl aborts).
pub fn rate2str(rate: u64, kind: i32) -> Result<Vec<u8>> {
    let (v, u) = match kind {
        NL_BYTE_RATE => cancel_down_bytes(rate),
        NL_BIT_RATE => cancel_down_bits(rate),
        _ => {
            crate::nl_dbg!(1, "nl_rate2str: invalid rate type {}\n", kind);
            return Err(Error::Inval);
        }
    };
    Ok(fmt2(c"%.2f", v, u, "/s"))
}

/// `nl_size2str`'s text: `"%.2g<unit>"` of [`size2str_unit`], `0B` for zero.
pub fn size2str(size: u64) -> Vec<u8> {
    match size2str_unit(size) {
        None => b"0B".to_vec(),
        Some((v, u)) => fmt2(c"%.2g", v, u, ""),
    }
}

/// `nl_size2str` unit choice: `None` for 0 (printed as `0B`), else the quotient and unit to
/// print with `%.2g`.
///
/// libnl-compat: 3.7's table labels 2^50 as `EiB` and divides sizes below 1 KiB by zero, so
/// 1..1023 print as `infB`; both are reproduced.
pub fn size2str_unit(size: u64) -> Option<(f64, &'static CStr)> {
    const UNITS: [(u64, &CStr); 6] = [
        (1 << 50, c"EiB"),
        (1 << 40, c"TiB"),
        (1 << 30, c"GiB"),
        (1 << 20, c"MiB"),
        (1 << 10, c"KiB"),
        (0, c"B"),
    ];
    if size == 0 {
        return None;
    }
    UNITS
        .iter()
        .find(|(lim, _)| size >= *lim)
        .map(|(lim, unit)| (size as f64 / *lim as f64, *unit))
}

/// `nl_size2int`: a C `strtol` number (base 0) with an optional unit suffix (case-insensitive:
/// `b`, `k`/`kb`, `m`/`mb`, `g`/`gb` binary multiples, `kbit`/`mbit`/`gbit`/`bit` divided by 8).
/// Products wrap like C's `long` arithmetic (64 or 32 bits, as the target's `long`).
pub fn size2int(s: &[u8]) -> Result<c_long> {
    let (l, used) = cnum::strtol(s, 0).ok_or(Error::Inval)?;
    let suffix = s.get(used..).unwrap_or_default();
    if suffix.is_empty() {
        return Ok(l);
    }
    let is = |w: &[u8]| suffix.eq_ignore_ascii_case(w);
    let v = if is(b"kb") || is(b"k") {
        l.wrapping_mul(1024)
    } else if is(b"gb") || is(b"g") {
        l.wrapping_mul(1024 * 1024 * 1024)
    } else if is(b"gbit") {
        l.wrapping_mul(1_000_000_000 / 8)
    } else if is(b"mb") || is(b"m") {
        l.wrapping_mul(1024 * 1024)
    } else if is(b"mbit") {
        l.wrapping_mul(1_000_000 / 8)
    } else if is(b"kbit") {
        l.wrapping_mul(1000 / 8)
    } else if is(b"bit") {
        l / 8
    } else if is(b"b") {
        l
    } else {
        return Err(Error::Inval);
    };
    Ok(v)
}

/// A C conversion of a `double` to a 64-bit integer: truncation toward zero. NaN and values out
/// of range are undefined in C; on every target we give what x86-64 code gives for them (where
/// the differential tests run), the "integer indefinite" value `i64::MIN`.
pub fn cvtt_i64(d: f64) -> i64 {
    if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&d) {
        i64::MIN
    } else {
        d as i64
    }
}

/// [`cvtt_i64`] for a conversion to `long`: where `long` has 32 bits, values outside its range
/// also give `LONG_MIN` (what 32-bit x86 code gives; undefined in C).
pub fn cvtt_long(d: f64) -> c_long {
    c_long::try_from(cvtt_i64(d)).unwrap_or(c_long::MIN)
}

/// `nl_prob2int`: a C `strtod` number, then nothing or `%`. Values above 1 are percentages;
/// outside 0..=1 → `Range`; no number or a suffix other than `%` → `Inval`; else the
/// probability scaled to `0..=0xffffffff`.
///
/// libnl-compat: where `long` has 32 bits, probabilities from 50 % up do not fit in the `long`
/// result and libnl's conversion is undefined; they give `LONG_MIN` here.
#[allow(clippy::manual_range_contains)]
pub fn prob2int(s: &[u8]) -> Result<c_long> {
    let (mut d, used) = cnum::strtod(s);
    if used == 0 {
        return Err(Error::Inval);
    }
    let rest = s.get(used..).unwrap_or_default();
    if d > 1.0 {
        d /= 100.0;
    }
    // NaN passes this test, as in C.
    if d > 1.0 || d < 0.0 {
        return Err(Error::Range);
    }
    if !rest.is_empty() && rest != b"%" {
        return Err(Error::Inval);
    }
    Ok(cvtt_long(d * f64::from(u32::MAX) + 0.5))
}

/// `nl_str2msec`: one or more `<number>[unit]` groups. A unit is any case-insensitive prefix of
/// `sec`, `min`, `hour` or `day` (checked in that order) ending at a blank; a blank right after
/// a number ends that group. Arithmetic wraps like C's `uint64_t`.
pub fn str2msec(s: &[u8]) -> Result<u64> {
    const UNITS: [(&[u8], u64); 4] = [
        (b"sec", 1000),
        (b"min", 60_000),
        (b"hour", 3_600_000),
        (b"day", 86_400_000),
    ];
    let mut total: u64 = 0;
    let mut pos = 0usize;
    loop {
        let cur = s.get(pos..).unwrap_or_default();
        let (l, used, _) = cnum::strtoul(cur, 0).ok_or(Error::Inval)?;
        let l = cnum::ulong_to_u64(l);
        let after = cur.get(used..).unwrap_or_default();
        if after.is_empty() {
            total = total.wrapping_add(l);
            break;
        }
        let plen = after
            .iter()
            .take_while(|c| **c != b' ' && **c != b'\t')
            .count();
        if plen == 0 {
            total = total.wrapping_add(l);
        } else {
            let word = after.get(..plen).unwrap_or_default();
            // strncasecmp(word, unit, plen) == 0: `word` is a prefix of `unit`.
            let mult = UNITS
                .iter()
                .find(|(unit, _)| {
                    word.len() <= unit.len()
                        && unit
                            .get(..word.len())
                            .is_some_and(|u| u.eq_ignore_ascii_case(word))
                })
                .map(|(_, m)| *m)
                .ok_or(Error::Inval)?;
            total = total.wrapping_add(l.wrapping_mul(mult));
        }
        pos += used + plen;
        if pos >= s.len() {
            break;
        }
    }
    Ok(total)
}

/// `nl_msec2str` into a buffer of `len` bytes (text without the NUL). The pieces `Nd`, `Nh`,
/// `Nm`, `Ns`, `Nmsec` (zero parts skipped) are joined by spaces; `0msec` for zero.
///
/// libnl-compat: libnl writes each piece with `snprintf` at the running end and keeps going
/// after a truncated piece, writing past the buffer; we stop at the first truncated piece,
/// which gives the same bytes inside the buffer.
pub fn msec2str(msec: u64, len: usize) -> Vec<u8> {
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    if msec == 0 {
        pieces.push(b"0msec".to_vec());
    } else {
        const SPLIT: [(u64, &str); 4] = [
            (86_400_000, "d"),
            (3_600_000, "h"),
            (60_000, "m"),
            (1000, "s"),
        ];
        let mut rest = msec;
        for (div, unit) in SPLIT {
            let n = rest / div;
            if n != 0 {
                rest %= div;
                pieces.push(format!("{n}{unit}").into_bytes());
            }
        }
        if rest != 0 {
            pieces.push(format!("{rest}msec").into_bytes());
        }
    }
    let mut out = Vec::new();
    let mut room = len;
    for (k, p) in pieces.iter().enumerate() {
        if room == 0 {
            break;
        }
        let mut piece = Vec::new();
        if k != 0 {
            piece.push(b' ');
        }
        piece.extend_from_slice(p);
        let fits = piece.len() < room;
        let take = piece.len().min(room - 1);
        out.extend_from_slice(piece.get(..take).unwrap_or_default());
        if !fits {
            break;
        }
        room -= piece.len();
    }
    out
}

/// The packet-scheduler clock settings libnl derives at first use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Psched {
    /// `nl_get_user_hz`.
    pub user_hz: i32,
    /// `nl_get_psched_hz`.
    pub psched_hz: i32,
    /// Ticks per microsecond (`nl_us2ticks` factor).
    pub ticks_per_usec: f64,
}

impl Psched {
    /// `nl_us2ticks`: microseconds to packet-scheduler ticks ([`to_u32_trunc`]).
    pub fn us2ticks(&self, us: u32) -> u32 {
        to_u32_trunc(f64::from(us) * self.ticks_per_usec)
    }

    /// `nl_ticks2us`: packet-scheduler ticks to microseconds ([`to_u32_trunc`]).
    pub fn ticks2us(&self, ticks: u32) -> u32 {
        to_u32_trunc(f64::from(ticks) / self.ticks_per_usec)
    }
}

/// The four numbers of `/proc/net/psched` as `fscanf("%08x %08x %08x %08x")` reads them, or
/// `None` when fewer than four convert.
pub fn parse_psched(text: &[u8]) -> Option<[u32; 4]> {
    let mut out = [0u32; 4];
    let mut pos = 0usize;
    for slot in out.iter_mut() {
        let rest = text.get(pos..)?;
        let skip = rest.iter().take_while(|c| cnum::is_c_space(**c)).count();
        pos += skip;
        let field = text.get(pos..)?;
        let field = field.get(..field.len().min(8))?;
        let (v, used, _) = cnum::strtoul(field, 16)?;
        *slot = cnum::ulong_to_u32(v);
        pos += used;
    }
    Some(out)
}

/// Applies the contents of the psched file (or `None` when it could not be opened) to the
/// defaults derived from `user_hz`. `Err` when the file is unreadable as four numbers.
///
/// libnl-compat: libnl calls `exit(1)` in that case; the caller keeps the defaults instead.
pub fn psched_from_file(user_hz: i32, file: Option<&[u8]>) -> Result<Psched> {
    let mut p = Psched {
        user_hz,
        psched_hz: user_hz,
        ticks_per_usec: 1.0,
    };
    if let Some(text) = file {
        let [ns_per_usec, ns_per_tick, nom, denom] = parse_psched(text).ok_or(Error::Inval)?;
        if nom == 1_000_000 {
            p.psched_hz = denom as i32;
        }
        p.ticks_per_usec = f64::from(ns_per_usec) / f64::from(ns_per_tick);
    }
    Ok(p)
}

/// The clock settings libnl derives at first use. `env` reads an environment variable,
/// `clk_tck` is the system's user clock rate and `read` returns a file's contents (`None` when
/// it cannot be opened).
///
/// `HZ` replaces `clk_tck` unless it reads (C `strtol`, base 0) as `LONG_MIN`/`LONG_MAX`;
/// `TICKS_PER_USEC` (C `strtod`) sets the tick factor, and then no file is read; otherwise
/// the file named by `PROC_NET_PSCHED`, else `$PROC_ROOT/net/psched`, else
/// `/proc/net/psched`, is applied by [`psched_from_file`].
pub fn psched_settings(
    env: impl Fn(&str) -> Option<Vec<u8>>,
    clk_tck: c_long,
    read: impl FnOnce(&[u8]) -> Option<Vec<u8>>,
) -> Psched {
    let mut user_hz = cnum::long_to_int(clk_tck);
    if let Some(v) = env("HZ") {
        let hz = cnum::strtol(&v, 0).map_or(0, |(n, _)| n);
        if hz != c_long::MIN && hz != c_long::MAX {
            user_hz = cnum::long_to_int(hz);
        }
    }
    let defaults = |ticks_per_usec| Psched {
        user_hz,
        psched_hz: user_hz,
        ticks_per_usec,
    };
    if let Some(v) = env("TICKS_PER_USEC") {
        return defaults(cnum::strtod(&v).0);
    }
    let name = if let Some(v) = env("PROC_NET_PSCHED") {
        v
    } else if let Some(mut v) = env("PROC_ROOT") {
        v.extend_from_slice(b"/net/psched");
        v
    } else {
        b"/proc/net/psched".to_vec()
    };
    let file = read(&name);
    psched_from_file(user_hz, file.as_deref()).unwrap_or_else(|_| {
        // libnl-compat: libnl prints this and calls exit(1); we keep the defaults.
        crate::nl_dbg!(
            1,
            "Fatal error: can not read psched settings from \"{}\". Try to set TICKS_PER_USEC, PROC_NET_PSCHED or PROC_ROOT environment variables\n",
            String::from_utf8_lossy(&name)
        );
        defaults(1.0)
    })
}

/// `nl_us2ticks` / `nl_ticks2us` arithmetic: the double result truncated like libnl's
/// conversion (64-bit `cvttsd2si`, low 32 bits kept).
pub fn to_u32_trunc(d: f64) -> u32 {
    cvtt_i64(d) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cnum::by_long;

    #[test]
    fn cancel_down() {
        assert_eq!(cancel_down_bytes(0), (0.0, c"B"));
        assert_eq!(cancel_down_bytes(1024), (1.0, c"KiB"));
        assert_eq!(cancel_down_bytes(1 << 40), (1.0, c"TiB"));
        assert_eq!(cancel_down_bits(999), (999.0, c"bit"));
        assert_eq!(cancel_down_bits(1000), (1.0, c"Kbit"));
        assert_eq!(cancel_down_us(1_000_000), (1.0, c"s"));
        assert_eq!(cancel_down_us(1500), (1.5, c"ms"));
        assert_eq!(cancel_down_us(999), (999.0, c"us"));
    }

    #[test]
    fn rate_and_size_text() {
        assert_eq!(rate2str(0, NL_BYTE_RATE).unwrap(), b"0.00B/s");
        assert_eq!(rate2str(1536, NL_BYTE_RATE).unwrap(), b"1.50KiB/s");
        assert_eq!(rate2str(2_500_000, NL_BIT_RATE).unwrap(), b"2.50Mbit/s");
        assert_eq!(
            rate2str(u64::MAX, NL_BIT_RATE).unwrap(),
            b"18446744.07Tbit/s"
        );
        assert_eq!(rate2str(1, 2), Err(Error::Inval));
        assert_eq!(rate2str(1, -1), Err(Error::Inval));
        assert_eq!(size2str(0), b"0B");
        assert_eq!(size2str(1), b"infB");
        assert_eq!(size2str(2048), b"2KiB");
        assert_eq!(size2str(1536 * 1024), b"1.5MiB");
        assert_eq!(size2str(500 * 1024), b"5e+02KiB");
        assert_eq!(size2str(1 << 50), b"1EiB");
    }

    #[test]
    fn size_units() {
        assert_eq!(size2str_unit(0), None);
        assert_eq!(size2str_unit(1), Some((f64::INFINITY, c"B")));
        assert_eq!(size2str_unit(1 << 50), Some((1.0, c"EiB")));
        assert_eq!(size2str_unit(2048), Some((2.0, c"KiB")));
    }

    #[test]
    fn size_parse() {
        assert_eq!(size2int(b""), Err(Error::Inval));
        assert_eq!(size2int(b"k"), Err(Error::Inval));
        assert_eq!(size2int(b"10"), Ok(10));
        assert_eq!(size2int(b"10KB"), Ok(10240));
        assert_eq!(size2int(b"10gbit"), Ok(1_250_000_000));
        assert_eq!(size2int(b"10kbit"), Ok(1250));
        assert_eq!(size2int(b"3bit"), Ok(0));
        assert_eq!(size2int(b"10 "), Err(Error::Inval));
        assert_eq!(size2int(b"10kib"), Err(Error::Inval));
        assert_eq!(size2int(b"-5k"), Ok(-5120));
        assert_eq!(size2int(b"99999999999999999999"), Ok(c_long::MAX));
        assert_eq!(
            size2int(b"99999999999999999999k"),
            Ok(c_long::MAX.wrapping_mul(1024))
        );
        // 3 GiB: a value on LP64, wrapped where long has 32 bits (C's long arithmetic).
        assert_eq!(
            size2int(b"3g"),
            Ok((3i64 << 30) as c_long),
            "3g in {}-bit long",
            c_long::BITS
        );
    }

    #[test]
    fn prob_parse() {
        let half = c_long::try_from(2_147_483_648i64).unwrap_or(c_long::MIN);
        assert_eq!(prob2int(b"0.5"), Ok(half));
        assert_eq!(prob2int(b"50%"), Ok(half));
        assert_eq!(prob2int(b" 0.25"), Ok(1_073_741_824));
        let all = c_long::try_from(4_294_967_295i64).unwrap_or(c_long::MIN);
        assert_eq!(prob2int(b"1"), Ok(all));
        assert_eq!(prob2int(b"101"), Err(Error::Range));
        assert_eq!(prob2int(b"-1"), Err(Error::Range));
        assert_eq!(prob2int(b"0.5 %"), Err(Error::Inval));
        assert_eq!(prob2int(b"200x"), Err(Error::Range));
        assert_eq!(prob2int(b"50x"), Err(Error::Inval));
        assert_eq!(prob2int(b"nan"), Ok(c_long::MIN));
        assert_eq!(prob2int(b"inf"), Err(Error::Range));
        assert_eq!(prob2int(b""), Err(Error::Inval));
        assert_eq!(prob2int(b"%"), Err(Error::Inval));
    }

    #[test]
    fn msec_parse() {
        assert_eq!(str2msec(b""), Err(Error::Inval));
        assert_eq!(str2msec(b"5"), Ok(5));
        assert_eq!(str2msec(b"5se"), Ok(5000));
        assert_eq!(str2msec(b"5secs"), Err(Error::Inval));
        assert_eq!(str2msec(b"5m"), Ok(300_000));
        assert_eq!(str2msec(b"1 2"), Ok(3));
        assert_eq!(str2msec(b"5sec "), Err(Error::Inval));
        assert_eq!(str2msec(b"1d 2h 3m 4s 5"), Ok(93_784_005));
        assert_eq!(str2msec(b"1d2h"), Err(Error::Inval));
        assert_eq!(str2msec(b"5\t3"), Ok(8));
        // ULONG_MAX widened to the 64-bit total.
        assert_eq!(str2msec(b"-1"), Ok(by_long(u64::MAX, u64::from(u32::MAX))));
        assert_eq!(str2msec(b"5 sec"), Err(Error::Inval));
    }

    #[test]
    fn msec_format() {
        assert_eq!(msec2str(0, 64), b"0msec");
        assert_eq!(msec2str(90_061_001, 64), b"1d 1h 1m 1s 1msec");
        assert_eq!(msec2str(u64::MAX, 64), b"213503982334d 14h 25m 51s 615msec");
        assert_eq!(msec2str(90_061_001, 0), b"");
        assert_eq!(msec2str(90_061_001, 1), b"");
        assert_eq!(msec2str(90_061_001, 3), b"1d");
        assert_eq!(msec2str(90_061_001, 5), b"1d 1");
        assert_eq!(msec2str(0, 3), b"0m");
    }

    #[test]
    fn psched() {
        assert_eq!(
            parse_psched(b"000003e8 00000040 000f4240 3b9aca00\n"),
            Some([1000, 64, 1_000_000, 1_000_000_000])
        );
        assert_eq!(
            parse_psched(b"3e8 40 f4240 64"),
            Some([1000, 64, 1_000_000, 100])
        );
        assert_eq!(parse_psched(b"zz"), None);
        assert_eq!(parse_psched(b""), None);
        assert_eq!(parse_psched(b"1 2 3"), None);
        let p = psched_from_file(100, Some(b"000003e8 00000040 000f4241 00001000")).unwrap();
        assert_eq!((p.psched_hz, p.ticks_per_usec), (100, 15.625));
        assert_eq!(psched_from_file(100, None).unwrap().ticks_per_usec, 1.0);
        assert!(psched_from_file(100, Some(b"x")).is_err());
        assert_eq!(to_u32_trunc(4_294_967_295.0 * 15.625), 2_684_354_544);
        assert_eq!(to_u32_trunc(f64::INFINITY), 0);
        assert_eq!(p.us2ticks(u32::MAX), 2_684_354_544);
        assert_eq!((p.us2ticks(2), p.ticks2us(100)), (31, 6));
        let zero = Psched {
            ticks_per_usec: 0.0,
            ..p
        };
        // division by zero: +inf (and NaN for 0/0) truncate to 0 as on x86-64
        assert_eq!(
            (zero.ticks2us(5), zero.ticks2us(0), zero.us2ticks(5)),
            (0, 0, 0)
        );
    }

    #[test]
    fn psched_sources() {
        use std::cell::RefCell;
        const FILE: &[u8] = b"000003e8 00000040 000f4240 3b9aca00\n";
        let run = |vars: &[(&str, &[u8])], file: Option<&[u8]>| {
            let asked = RefCell::new(None);
            let env = |k: &str| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_vec());
            let p = psched_settings(env, 100, |name| {
                *asked.borrow_mut() = Some(name.to_vec());
                file.map(<[u8]>::to_vec)
            });
            (p, asked.into_inner())
        };
        let (p, asked) = run(&[], Some(FILE));
        assert_eq!(asked.as_deref(), Some(&b"/proc/net/psched"[..]));
        assert_eq!(
            p,
            Psched {
                user_hz: 100,
                psched_hz: 1_000_000_000,
                ticks_per_usec: 15.625
            }
        );
        let (_, asked) = run(&[("PROC_ROOT", b"/x")], Some(FILE));
        assert_eq!(asked.as_deref(), Some(&b"/x/net/psched"[..]));
        let (_, asked) = run(&[("PROC_ROOT", b"/x"), ("PROC_NET_PSCHED", b"/f")], None);
        assert_eq!(asked.as_deref(), Some(&b"/f"[..]));
        // TICKS_PER_USEC wins and no file is read
        let (p, asked) = run(&[("TICKS_PER_USEC", b"2.5"), ("HZ", b"0x10")], Some(FILE));
        assert_eq!(asked, None);
        assert_eq!((p.user_hz, p.psched_hz, p.ticks_per_usec), (16, 16, 2.5));
        // a HZ at LONG_MAX (overflow) is ignored; junk reads as 0
        let (p, _) = run(&[("HZ", b"99999999999999999999")], None);
        assert_eq!((p.user_hz, p.ticks_per_usec), (100, 1.0));
        let (p, _) = run(&[("HZ", b"junk")], None);
        assert_eq!(p.user_hz, 0);
        // an unreadable file keeps the defaults
        let (p, _) = run(&[], Some(b"zz"));
        assert_eq!((p.psched_hz, p.ticks_per_usec), (100, 1.0));
    }
}
