//! The `macsec` kind (`IFLA_MACSEC_*`), with libnl's requests, dump and comparison, observed
//! from libnl 3.7.0:
//! * the cipher suite and ICV length have defaults (`MACSEC_DEFAULT_CIPHER_ID`, 16) and no
//!   presence: both are sent, and compared, when either differs from its default;
//! * the SCI is sent when set, else the port (in network byte order); the port is never read
//!   from messages;
//! * replay protection is sent with the window (0 when unset); replay protection on without a
//!   window is refused (`-NLE_MSGSIZE`);
//! * comparison: SCI (else port) and replay protection (then the window when on) only when
//!   both sides have them, the flags, encoding SA and validation as libnl's attribute rule
//!   (set on one side only differs), the offload never;
//! * libnl's dumps read past their name tables for out-of-range flag and validation values;
//!   the numbers are printed here instead.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U8, NLA_U32, NLA_U64, Policy, PolicyTable};
use crate::error::{Error, Result};

/// `IFLA_MACSEC_*` attribute types.
#[allow(missing_docs)]
pub mod ifla {
    pub const SCI: u16 = 1;
    pub const PORT: u16 = 2;
    pub const ICV_LEN: u16 = 3;
    pub const CIPHER_SUITE: u16 = 4;
    pub const WINDOW: u16 = 5;
    pub const ENCODING_SA: u16 = 6;
    pub const ENCRYPT: u16 = 7;
    pub const PROTECT: u16 = 8;
    pub const INC_SCI: u16 = 9;
    pub const ES: u16 = 10;
    pub const SCB: u16 = 11;
    pub const REPLAY_PROTECT: u16 = 12;
    pub const VALIDATION: u16 = 13;
    pub const OFFLOAD: u16 = 15;
    /// Highest type parsed.
    pub const MAX: usize = 15;
}

/// `MACSEC_DEFAULT_CIPHER_ID`.
pub const DEFAULT_CIPHER_ID: u64 = 0x0080_0200_0100_0001;
/// `MACSEC_STD_ICV_LEN`: the default, and the largest length libnl accepts.
pub const STD_ICV_LEN: u8 = 16;

/// Presence bits.
pub const HAS_SCI: u32 = 1 << 0;
/// The port is set.
pub const HAS_PORT: u32 = 1 << 1;
/// The replay window is set.
pub const HAS_WINDOW: u32 = 1 << 2;
/// The encoding SA is set.
pub const HAS_ENCODING_SA: u32 = 1 << 3;
/// Encryption is set.
pub const HAS_ENCRYPT: u32 = 1 << 4;
/// Protection is set.
pub const HAS_PROTECT: u32 = 1 << 5;
/// Sending the SCI is set.
pub const HAS_SEND_SCI: u32 = 1 << 6;
/// End station is set.
pub const HAS_END_STATION: u32 = 1 << 7;
/// SCB is set.
pub const HAS_SCB: u32 = 1 << 8;
/// Replay protection is set.
pub const HAS_REPLAY_PROTECT: u32 = 1 << 9;
/// The validation type is set.
pub const HAS_VALIDATION: u32 = 1 << 10;
/// The offload is set.
pub const HAS_OFFLOAD: u32 = 1 << 11;

/// The data of a macsec link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Macsec {
    /// Which values are set (`HAS_*`).
    pub mask: u32,
    /// `IFLA_MACSEC_SCI` (host order, as libnl keeps it).
    pub sci: u64,
    /// The port (host order; sent in network order).
    pub port: u16,
    /// `IFLA_MACSEC_CIPHER_SUITE`.
    pub cipher_suite: u64,
    /// `IFLA_MACSEC_ICV_LEN`.
    pub icv_len: u8,
    /// `IFLA_MACSEC_WINDOW`.
    pub window: u32,
    /// `IFLA_MACSEC_ENCODING_SA`.
    pub encoding_sa: u8,
    /// `IFLA_MACSEC_ENCRYPT`.
    pub encrypt: u8,
    /// `IFLA_MACSEC_PROTECT`.
    pub protect: u8,
    /// `IFLA_MACSEC_INC_SCI`.
    pub send_sci: u8,
    /// `IFLA_MACSEC_ES`.
    pub end_station: u8,
    /// `IFLA_MACSEC_SCB`.
    pub scb: u8,
    /// `IFLA_MACSEC_REPLAY_PROTECT`.
    pub replay_protect: u8,
    /// `IFLA_MACSEC_VALIDATION` (`enum macsec_validation_type`).
    pub validation: u8,
    /// `IFLA_MACSEC_OFFLOAD`.
    pub offload: u8,
}

impl Default for Macsec {
    fn default() -> Self {
        Macsec {
            mask: 0,
            sci: 0,
            port: 0,
            cipher_suite: DEFAULT_CIPHER_ID,
            icv_len: STD_ICV_LEN,
            window: 0,
            encoding_sa: 0,
            encrypt: 0,
            protect: 0,
            send_sci: 0,
            end_station: 0,
            scb: 0,
            replay_protect: 0,
            validation: 0,
            offload: 0,
        }
    }
}

struct MacsecPolicy;

impl PolicyTable for MacsecPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            ifla::SCI | ifla::CIPHER_SUITE => Some(Policy::of(NLA_U64)),
            ifla::WINDOW => Some(Policy::of(NLA_U32)),
            ifla::ICV_LEN
            | ifla::ENCODING_SA
            | ifla::ENCRYPT
            | ifla::PROTECT
            | ifla::INC_SCI
            | ifla::ES
            | ifla::SCB
            | ifla::REPLAY_PROTECT
            | ifla::VALIDATION
            | ifla::OFFLOAD => Some(Policy::of(NLA_U8)),
            _ => None,
        }
    }
}

/// The one-byte values: attribute, presence bit, field.
type ByteField = (u16, u32, fn(&mut Macsec) -> &mut u8);

const BYTES: [ByteField; 10] = [
    (ifla::ENCODING_SA, HAS_ENCODING_SA, |m| &mut m.encoding_sa),
    (ifla::ENCRYPT, HAS_ENCRYPT, |m| &mut m.encrypt),
    (ifla::PROTECT, HAS_PROTECT, |m| &mut m.protect),
    (ifla::INC_SCI, HAS_SEND_SCI, |m| &mut m.send_sci),
    (ifla::ES, HAS_END_STATION, |m| &mut m.end_station),
    (ifla::SCB, HAS_SCB, |m| &mut m.scb),
    (ifla::REPLAY_PROTECT, HAS_REPLAY_PROTECT, |m| {
        &mut m.replay_protect
    }),
    (ifla::VALIDATION, HAS_VALIDATION, |m| &mut m.validation),
    (ifla::OFFLOAD, HAS_OFFLOAD, |m| &mut m.offload),
    (ifla::ICV_LEN, 0, |m| &mut m.icv_len),
];

/// `on`/`off` as libnl prints a flag (the number when out of range).
fn on_off(v: u8) -> String {
    match v {
        0 => "off".into(),
        1 => "on".into(),
        _ => v.to_string(),
    }
}

/// The validation type's name in the details dump (the number when out of range).
fn validation_name(v: u8) -> String {
    match v {
        0 => "disabled".into(),
        1 => "check".into(),
        2 => "strict".into(),
        _ => v.to_string(),
    }
}

impl Macsec {
    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, ifla::MAX, &MacsecPolicy)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if let Some(p) = get(ifla::SCI) {
            self.sci = u64::from_ne_bytes(attr::read_ne::<8>(p));
            self.mask |= HAS_SCI;
        }
        if let Some(p) = get(ifla::CIPHER_SUITE) {
            self.cipher_suite = u64::from_ne_bytes(attr::read_ne::<8>(p));
        }
        if let Some(p) = get(ifla::WINDOW) {
            self.window = u32::from_ne_bytes(attr::read_ne::<4>(p));
            self.mask |= HAS_WINDOW;
        }
        for (ty, bit, field) in BYTES {
            if let Some(&b) = get(ty).and_then(|p| p.first()) {
                *field(self) = b;
                self.mask |= bit;
            }
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request, in libnl's order. `Error::MsgSize`
    /// for replay protection on without a window (libnl 3.7.0's code).
    pub fn put(&self, m: &mut Message) -> Result<()> {
        let has = |b: u32| self.mask & b != 0;
        if has(HAS_SCI) {
            m.put_attr(ifla::SCI, &self.sci.to_ne_bytes())?;
        } else if has(HAS_PORT) {
            m.put_attr(ifla::PORT, &self.port.to_be_bytes())?;
        }
        let byte = |m: &mut Message, bit: u32, ty: u16, v: u8| -> Result<()> {
            if has(bit) {
                m.put_attr(ty, &[v])?;
            }
            Ok(())
        };
        byte(m, HAS_ENCRYPT, ifla::ENCRYPT, self.encrypt)?;
        byte(m, HAS_OFFLOAD, ifla::OFFLOAD, self.offload)?;
        if self.cipher_suite != DEFAULT_CIPHER_ID || self.icv_len != STD_ICV_LEN {
            m.put_attr(ifla::CIPHER_SUITE, &self.cipher_suite.to_ne_bytes())?;
            m.put_attr(ifla::ICV_LEN, &[self.icv_len])?;
        }
        byte(m, HAS_SEND_SCI, ifla::INC_SCI, self.send_sci)?;
        byte(m, HAS_END_STATION, ifla::ES, self.end_station)?;
        byte(m, HAS_SCB, ifla::SCB, self.scb)?;
        byte(m, HAS_PROTECT, ifla::PROTECT, self.protect)?;
        if has(HAS_REPLAY_PROTECT) {
            if self.replay_protect != 0 && !has(HAS_WINDOW) {
                return Err(Error::MsgSize);
            }
            m.put_attr(ifla::REPLAY_PROTECT, &[self.replay_protect])?;
            m.put_attr(ifla::WINDOW, &self.window.to_ne_bytes())?;
        }
        byte(m, HAS_VALIDATION, ifla::VALIDATION, self.validation)?;
        byte(m, HAS_ENCODING_SA, ifla::ENCODING_SA, self.encoding_sa)?;
        Ok(())
    }

    /// A value when `bit` is set, else `Error::NoAttr`.
    pub fn value<R>(&self, bit: u32, f: impl FnOnce(&Macsec) -> R) -> Result<R> {
        if self.mask & bit != 0 {
            Ok(f(self))
        } else {
            Err(Error::NoAttr)
        }
    }

    /// Whether libnl's comparison finds `self` and `other` different (see the module notes).
    pub fn differs(&self, other: &Macsec) -> bool {
        let both = |b: u32| self.mask & other.mask & b != 0;
        let mut d = if both(HAS_SCI) {
            self.sci != other.sci
        } else {
            both(HAS_PORT) && self.port != other.port
        };
        d |= self.cipher_suite != other.cipher_suite || self.icv_len != other.icv_len;
        let attr = |b: u32, f: fn(&Macsec) -> u8| {
            (self.mask ^ other.mask) & b != 0 || (both(b) && f(self) != f(other))
        };
        d |= attr(HAS_ENCODING_SA, |m| m.encoding_sa)
            || attr(HAS_ENCRYPT, |m| m.encrypt)
            || attr(HAS_PROTECT, |m| m.protect)
            || attr(HAS_SEND_SCI, |m| m.send_sci)
            || attr(HAS_END_STATION, |m| m.end_station)
            || attr(HAS_SCB, |m| m.scb)
            || attr(HAS_VALIDATION, |m| m.validation);
        if both(HAS_REPLAY_PROTECT) {
            d |= self.replay_protect != other.replay_protect
                || (self.replay_protect != 0 && self.window != other.window);
        }
        d
    }

    /// The line dump's part: `sci S <FLAGS vV SA>`.
    pub fn dump_line(&self, out: &mut dyn DumpOut) {
        let mut flags = String::new();
        for (v, c) in [
            (self.protect, 'P'),
            (self.encrypt, 'E'),
            (self.send_sci, 'S'),
            (self.end_station, 'e'),
            (self.scb, 's'),
            (self.replay_protect, 'R'),
        ] {
            if v != 0 {
                flags.push(c);
            }
        }
        let v = match self.validation {
            0 => "d".to_string(),
            1 => "c".to_string(),
            2 => "s".to_string(),
            n => n.to_string(),
        };
        out.text(&format!(
            "sci {:016x} <{flags} v{v} {}>",
            self.sci.swap_bytes(),
            self.encoding_sa
        ));
    }

    /// The details dump's part.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let mut l = format!(
            "    sci {:016x} protect {} encoding_sa {} encrypt {} send_sci {} validate {} \
             replay_protect {}",
            self.sci.swap_bytes(),
            on_off(self.protect),
            self.encoding_sa,
            on_off(self.encrypt),
            on_off(self.send_sci),
            validation_name(self.validation),
            on_off(self.replay_protect)
        );
        if self.replay_protect != 0 {
            l.push_str(&format!(" window {}", self.window));
        }
        l.push('\n');
        out.line(&l);
        out.line(&format!(
            "    cipher suite: {:016x}, icv_len {}\n",
            self.cipher_suite, self.icv_len
        ));
    }
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::engine::object::DumpText;

    fn unhex(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(char::is_ascii_hexdigit).collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    fn put_bytes(d: &Macsec) -> Result<Vec<u8>> {
        let mut m = Message::simple(16, 0).unwrap();
        d.put(&mut m)?;
        Ok(m.bytes()[16..].to_vec())
    }

    /// libnl 3.7.0's request for a link parsed from every attribute (the INFO_DATA payload).
    const FULL: &str = "0c000100 08070605 04030201 05000700 01000000 05000f00 02000000
        0c000400 02000001 00c28000 05000300 02000000 05000900 01000000 05000a00 01000000
        05000b00 01000000 05000800 01000000 05000c00 01000000 08000500 40000000 05000d00
        02000000 05000600 03000000";

    #[test]
    fn parse_and_put_match_libnl() {
        let full = unhex(FULL);
        let mut d = Macsec::default();
        d.parse(&full).unwrap();
        assert_eq!(d.sci, 0x0102_0304_0506_0708);
        assert_eq!(
            (d.icv_len, d.window, d.validation, d.offload),
            (2, 64, 2, 2)
        );
        assert_eq!(put_bytes(&d).unwrap(), full);
        let mut t = DumpText::default();
        d.dump_line(&mut t);
        assert_eq!(t.out, "sci 0807060504030201 <PESesR vs 3>");
        // Defaults: nothing sent; the port in network order when no SCI.
        let mut d = Macsec::default();
        assert_eq!(put_bytes(&d).unwrap(), b"");
        d.port = 0x1234;
        d.mask |= HAS_PORT;
        assert_eq!(put_bytes(&d).unwrap(), unhex("06000200 12340000"));
        // Replay protection on without a window.
        d.replay_protect = 1;
        d.mask |= HAS_REPLAY_PROTECT;
        assert_eq!(put_bytes(&d), Err(Error::MsgSize));
        d.mask |= HAS_WINDOW;
        assert!(put_bytes(&d).is_ok());
    }

    #[test]
    fn bad_attributes_are_refused_or_skipped() {
        for a in [
            "08000100 01020304",
            "08000400 01020304",
            "06000500 0102",
            "04000700",
        ] {
            assert_eq!(Macsec::default().parse(&unhex(a)), Err(Error::Range), "{a}");
        }
        // The port is not read; the pad and unknown types are skipped; a longer ICV length
        // gives its first byte.
        let mut d = Macsec::default();
        d.parse(&unhex(
            "05000200 01000000 08000e00 01020304 08002800 01020304 08000300 40000000",
        ))
        .unwrap();
        assert_eq!((d.mask, d.icv_len), (0, 0x40));
        // Empty data (libnl 3.7.0 has no macsec data then, and crashes in its getters).
        let mut d = Macsec::default();
        d.parse(&[]).unwrap();
        assert_eq!(d, Macsec::default());
    }

    #[test]
    fn comparison_and_dumps_follow_libnl() {
        let a = Macsec::default();
        let mut b = Macsec::default();
        b.sci = 1;
        b.mask |= HAS_SCI;
        assert!(!a.differs(&b));
        b.protect = 0;
        b.mask |= HAS_PROTECT;
        assert!(a.differs(&b));
        let mut c = Macsec {
            icv_len: 16,
            ..Macsec::default()
        };
        assert!(!a.differs(&c));
        c.offload = 1;
        c.mask |= HAS_OFFLOAD;
        assert!(!a.differs(&c));
        // Out-of-range values: numbers where libnl reads past its tables.
        let d = Macsec {
            encrypt: 5,
            validation: 9,
            ..Macsec::default()
        };
        let mut t = DumpText::default();
        d.dump_details(&mut t);
        assert!(t.out.contains("encrypt 5 send_sci off validate 9 "));
    }
}
