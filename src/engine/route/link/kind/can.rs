//! The `can` kind (`IFLA_CAN_*`): bit timing and its hardware limits, clock, state, control
//! mode, restart interval and bus-error counters, with libnl's names, requests and dump,
//! observed from libnl 3.7.0:
//! * getters of unset values give `-NLE_AGAIN`, except the state (0 when unset);
//! * a request carries, when set: restart, restart interval, control mode, bit timing, its
//!   limits, clock, data bit timing, its limits (never the state or the counters);
//! * `IFLA_INFO_XSTATS` (`struct can_device_stats`) is not read: nothing of libnl shows it;
//! * libnl compares no can data, and the details dump prints neither data bit timing.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U32, NLA_UNSPEC, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::{Error, Result};

/// `IFLA_CAN_*` attribute types.
#[allow(missing_docs)]
pub mod ifla {
    pub const BITTIMING: u16 = 1;
    pub const BITTIMING_CONST: u16 = 2;
    pub const CLOCK: u16 = 3;
    pub const STATE: u16 = 4;
    pub const CTRLMODE: u16 = 5;
    pub const RESTART_MS: u16 = 6;
    pub const RESTART: u16 = 7;
    pub const BERR_COUNTER: u16 = 8;
    pub const DATA_BITTIMING: u16 = 9;
    pub const DATA_BITTIMING_CONST: u16 = 10;
    /// Highest type parsed.
    pub const MAX: usize = 10;
}

/// Presence bits.
pub const HAS_RESTART: u32 = 1 << 0;
/// The bit timing is set.
pub const HAS_BITTIMING: u32 = 1 << 1;
/// The bit-timing limits are set.
pub const HAS_BT_CONST: u32 = 1 << 2;
/// The clock is set.
pub const HAS_CLOCK: u32 = 1 << 3;
/// The state is set.
pub const HAS_STATE: u32 = 1 << 4;
/// The control mode is set.
pub const HAS_CTRLMODE: u32 = 1 << 5;
/// The restart interval is set.
pub const HAS_RESTART_MS: u32 = 1 << 6;
/// The bus-error counters are set.
pub const HAS_BERR: u32 = 1 << 7;
/// The data bit timing is set.
pub const HAS_DATA_BITTIMING: u32 = 1 << 8;
/// The data bit-timing limits are set.
pub const HAS_DATA_BT_CONST: u32 = 1 << 9;

/// Control modes (`CAN_CTRLMODE_*`) as libnl names them.
pub const CTRLMODES: &[(u64, &str)] = &[
    (0x01, "loopback"),
    (0x02, "listen-only"),
    (0x04, "triple-sampling"),
    (0x08, "one-shot"),
    (0x10, "berr-reporting"),
    (0x20, "fd"),
    (0x40, "presume-ack"),
    (0x80, "fd-non-iso"),
];

/// `struct can_bittiming`: bitrate, sample point, tq, prop_seg, phase_seg1, phase_seg2, sjw,
/// brp.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BitTiming(pub [u32; 8]);

impl BitTiming {
    /// Size on the wire.
    pub const LEN: usize = 32;

    /// The struct from its first [`Self::LEN`] bytes (`None` when shorter).
    pub fn decode(p: &[u8]) -> Option<BitTiming> {
        let mut v = [0u32; 8];
        for (i, f) in v.iter_mut().enumerate() {
            *f = u32::from_ne_bytes(attr::read_ne::<4>(p.get(i * 4..i * 4 + 4)?));
        }
        Some(BitTiming(v))
    }

    /// The wire bytes.
    pub fn encode(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_ne_bytes()).collect()
    }
}

/// `struct can_bittiming_const`: the controller's name, then tseg1_min, tseg1_max, tseg2_min,
/// tseg2_max, sjw_max, brp_min, brp_max, brp_inc.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BtConst {
    /// `name[16]` as stored (not necessarily NUL-terminated).
    pub name: [u8; 16],
    /// The limits.
    pub v: [u32; 8],
}

impl BtConst {
    /// Size on the wire.
    pub const LEN: usize = 48;

    /// The struct from its first [`Self::LEN`] bytes (`None` when shorter).
    pub fn decode(p: &[u8]) -> Option<BtConst> {
        let name = attr::read_ne::<16>(p.get(..16)?);
        let b = BitTiming::decode(p.get(16..)?)?;
        Some(BtConst { name, v: b.0 })
    }

    /// The wire bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut v = self.name.to_vec();
        v.extend(BitTiming(self.v).encode());
        v
    }
}

/// The data of a can link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Can {
    /// Which values are set (`HAS_*`).
    pub mask: u32,
    /// `IFLA_CAN_RESTART`.
    pub restart: u32,
    /// `IFLA_CAN_BITTIMING`.
    pub bittiming: BitTiming,
    /// `IFLA_CAN_BITTIMING_CONST`.
    pub bt_const: BtConst,
    /// `IFLA_CAN_CLOCK` (`struct can_clock`: the frequency).
    pub clock: u32,
    /// `IFLA_CAN_STATE`.
    pub state: u32,
    /// `IFLA_CAN_CTRLMODE`'s mask (the modes set or cleared).
    pub ctrl_mask: u32,
    /// `IFLA_CAN_CTRLMODE`'s flags.
    pub ctrl_flags: u32,
    /// `IFLA_CAN_RESTART_MS`.
    pub restart_ms: u32,
    /// `IFLA_CAN_BERR_COUNTER`: (txerr, rxerr).
    pub berr: (u16, u16),
    /// `IFLA_CAN_DATA_BITTIMING`.
    pub data_bittiming: BitTiming,
    /// `IFLA_CAN_DATA_BITTIMING_CONST`.
    pub data_bt_const: BtConst,
}

struct CanPolicy;

impl PolicyTable for CanPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        let min = |minlen: usize| {
            Some(Policy {
                ty: NLA_UNSPEC,
                minlen: minlen as u16,
                maxlen: 0,
            })
        };
        match u16::try_from(ty).ok()? {
            ifla::BITTIMING | ifla::DATA_BITTIMING => min(BitTiming::LEN),
            ifla::BITTIMING_CONST | ifla::DATA_BITTIMING_CONST => min(BtConst::LEN),
            ifla::CLOCK => min(4),
            ifla::CTRLMODE => min(8),
            ifla::BERR_COUNTER => min(4),
            ifla::STATE | ifla::RESTART_MS | ifla::RESTART => Some(Policy::of(NLA_U32)),
            _ => None,
        }
    }
}

/// `rtnl_link_can_ctrlmode2str` into a buffer of `len` bytes.
pub fn ctrlmode2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(CTRLMODES))
}

/// `rtnl_link_can_str2ctrlmode`.
pub fn str2ctrlmode(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(CTRLMODES))
}

/// The name libnl's dump gives a state (`enum can_state`).
pub fn state_name(state: u32) -> &'static str {
    match state {
        0 => "error active",
        1 => "error warning",
        2 => "error passive",
        3 => "bus off",
        4 => "stopped",
        5 => "sleeping",
        _ => "unknown state",
    }
}

fn u32_of(p: &[u8]) -> u32 {
    u32::from_ne_bytes(attr::read_ne::<4>(p))
}

impl Can {
    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, ifla::MAX, &CanPolicy)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        // The policy guarantees the minimum lengths; `Range` should they ever not hold.
        if let Some(p) = get(ifla::RESTART) {
            self.restart = u32_of(p);
            self.mask |= HAS_RESTART;
        }
        if let Some(p) = get(ifla::BITTIMING) {
            self.bittiming = BitTiming::decode(p).ok_or(Error::Range)?;
            self.mask |= HAS_BITTIMING;
        }
        if let Some(p) = get(ifla::BITTIMING_CONST) {
            self.bt_const = BtConst::decode(p).ok_or(Error::Range)?;
            self.mask |= HAS_BT_CONST;
        }
        if let Some(p) = get(ifla::CLOCK) {
            self.clock = u32_of(p);
            self.mask |= HAS_CLOCK;
        }
        if let Some(p) = get(ifla::STATE) {
            self.state = u32_of(p);
            self.mask |= HAS_STATE;
        }
        if let Some(p) = get(ifla::CTRLMODE) {
            self.ctrl_mask = u32_of(p);
            self.ctrl_flags = u32_of(p.get(4..).ok_or(Error::Range)?);
            self.mask |= HAS_CTRLMODE;
        }
        if let Some(p) = get(ifla::RESTART_MS) {
            self.restart_ms = u32_of(p);
            self.mask |= HAS_RESTART_MS;
        }
        if let Some(p) = get(ifla::BERR_COUNTER) {
            let tx = u16::from_ne_bytes(attr::read_ne::<2>(p));
            let rx = u16::from_ne_bytes(attr::read_ne::<2>(p.get(2..).ok_or(Error::Range)?));
            self.berr = (tx, rx);
            self.mask |= HAS_BERR;
        }
        if let Some(p) = get(ifla::DATA_BITTIMING) {
            self.data_bittiming = BitTiming::decode(p).ok_or(Error::Range)?;
            self.mask |= HAS_DATA_BITTIMING;
        }
        if let Some(p) = get(ifla::DATA_BITTIMING_CONST) {
            self.data_bt_const = BtConst::decode(p).ok_or(Error::Range)?;
            self.mask |= HAS_DATA_BT_CONST;
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request, in libnl's order.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        let has = |b: u32| self.mask & b != 0;
        if has(HAS_RESTART) {
            m.put_attr(ifla::RESTART, &self.restart.to_ne_bytes())?;
        }
        if has(HAS_RESTART_MS) {
            m.put_attr(ifla::RESTART_MS, &self.restart_ms.to_ne_bytes())?;
        }
        if has(HAS_CTRLMODE) {
            let mut v = self.ctrl_mask.to_ne_bytes().to_vec();
            v.extend_from_slice(&self.ctrl_flags.to_ne_bytes());
            m.put_attr(ifla::CTRLMODE, &v)?;
        }
        if has(HAS_BITTIMING) {
            m.put_attr(ifla::BITTIMING, &self.bittiming.encode())?;
        }
        if has(HAS_BT_CONST) {
            m.put_attr(ifla::BITTIMING_CONST, &self.bt_const.encode())?;
        }
        if has(HAS_CLOCK) {
            m.put_attr(ifla::CLOCK, &self.clock.to_ne_bytes())?;
        }
        if has(HAS_DATA_BITTIMING) {
            m.put_attr(ifla::DATA_BITTIMING, &self.data_bittiming.encode())?;
        }
        if has(HAS_DATA_BT_CONST) {
            m.put_attr(ifla::DATA_BITTIMING_CONST, &self.data_bt_const.encode())?;
        }
        Ok(())
    }

    /// A value when `bit` is set, else `Error::Again` (libnl's code for unset can values).
    pub fn value<R>(&self, bit: u32, f: impl FnOnce(&Can) -> R) -> Result<R> {
        if self.mask & bit != 0 {
            Ok(f(self))
        } else {
            Err(Error::Again)
        }
    }

    /// `rtnl_link_can_set_ctrlmode`.
    pub fn set_ctrlmode(&mut self, modes: u32) {
        self.ctrl_mask |= modes;
        self.ctrl_flags |= modes;
        self.mask |= HAS_CTRLMODE;
    }

    /// `rtnl_link_can_unset_ctrlmode`.
    pub fn unset_ctrlmode(&mut self, modes: u32) {
        self.ctrl_mask |= modes;
        self.ctrl_flags &= !modes;
        self.mask |= HAS_CTRLMODE;
    }

    /// `bitrate B STATE <MODES>`: what the line dump adds and the details dump starts with.
    fn summary(&self) -> String {
        format!(
            "bitrate {} {} <{}>",
            self.bittiming.0[0],
            state_name(self.state),
            String::from_utf8_lossy(&ctrlmode2str(self.ctrl_flags as i32, 64))
        )
    }

    /// The line dump's part.
    pub fn dump_line(&self, out: &mut dyn DumpOut) {
        out.text(&self.summary());
    }

    /// The details dump's part: the summary (without a line end: libnl 3.7.0), then a line
    /// per value set.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let has = |b: u32| self.mask & b != 0;
        out.line(&format!("    {}", self.summary()));
        if has(HAS_RESTART) && self.restart != 0 {
            out.line("    restarting\n");
        }
        if has(HAS_RESTART_MS) {
            out.line(&format!("    restart interval {} ms\n", self.restart_ms));
        }
        if has(HAS_BITTIMING) {
            let b = &self.bittiming.0;
            out.line(&format!(
                "    sample point {:.6} %\n",
                // A C float, as libnl computes it.
                f64::from(b[1] as f32 / 10.0)
            ));
            out.line(&format!("    time quanta {} ns\n", b[2]));
            out.line(&format!("    propagation segment {} tq\n", b[3]));
            out.line(&format!("    phase buffer segment1 {} tq\n", b[4]));
            out.line(&format!("    phase buffer segment2 {} tq\n", b[5]));
            out.line(&format!("    synchronisation jump width {} tq\n", b[6]));
            out.line(&format!("    bitrate prescaler {}\n", b[7]));
        }
        if has(HAS_BT_CONST) {
            let c = &self.bt_const.v;
            out.line(&format!("    minimum tsig1 {} tq\n", c[0]));
            out.line(&format!("    maximum tsig1 {} tq\n", c[1]));
            out.line(&format!("    minimum tsig2 {} tq\n", c[2]));
            out.line(&format!("    maximum tsig2 {} tq\n", c[3]));
            out.line(&format!("    maximum sjw {} tq\n", c[4]));
            out.line(&format!("    minimum brp {}\n", c[5]));
            out.line(&format!("    maximum brp {}\n", c[6]));
            out.line(&format!("    brp increment {}\n", c[7]));
        }
        if has(HAS_CLOCK) {
            out.line(&format!("    base freq {} Hz\n", self.clock));
        }
        if has(HAS_BERR) {
            out.line(&format!("    bus error RX {}\n", self.berr.1));
            out.line(&format!("    bus error TX {}\n", self.berr.0));
        }
    }
}

#[cfg(test)]
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

    /// libnl 3.7.0's request for a parsed link with every attribute (the INFO_DATA payload):
    /// restart, restart interval, control mode, bit timing, limits, clock, data bit timing,
    /// data limits.
    const FULL: &str = "08000700 01000000 08000600 64000000 0c000500 3f000000 21000000
        24000100 20a10700 6b030000 7d000000 06000000 07000000 02000000 01000000 04000000
        34000200 736a6131 30303000 00000000 00000000 01000000 10000000 01000000 08000000
        04000000 01000000 40000000 01000000 08000300 00127a00 24000900 80841e00 ee020000
        19000000 0a000000 0b000000 07000000 03000000 01000000 34000a00 6d637032 35317866
        642d6461 74610000 01000000 20000000 01000000 10000000 10000000 01000000 00010000
        01000000";

    fn put_bytes(c: &Can) -> Vec<u8> {
        let mut m = Message::simple(16, 0).unwrap();
        c.put(&mut m).unwrap();
        m.bytes()[16..].to_vec()
    }

    #[test]
    fn parse_and_put_match_libnl() {
        let full = unhex(FULL);
        let mut c = Can::default();
        c.parse(&full).unwrap();
        assert_eq!(c.bittiming.0, [500000, 875, 125, 6, 7, 2, 1, 4]);
        assert_eq!(&c.bt_const.name[..7], b"sja1000");
        assert_eq!(c.clock, 8_000_000);
        assert_eq!((c.ctrl_mask, c.ctrl_flags), (0x3f, 0x21));
        assert_eq!(put_bytes(&c), full);
        // State and counters are read, never sent.
        let mut data = full.clone();
        data.extend(unhex("08000400 01000000 08000800 0c002200"));
        let mut c = Can::default();
        c.parse(&data).unwrap();
        assert_eq!((c.state, c.berr), (1, (12, 34)));
        assert_eq!(put_bytes(&c), full);
        let mut d = DumpText::default();
        c.dump_line(&mut d);
        assert_eq!(d.out, "bitrate 500000 error warning <loopback,fd>");
    }

    #[test]
    fn short_attributes_are_refused() {
        for (ty, len) in [
            (1u16, 28usize),
            (2, 44),
            (3, 2),
            (4, 2),
            (5, 4),
            (6, 2),
            (7, 2),
        ] {
            let mut a = ((len + 4) as u16).to_ne_bytes().to_vec();
            a.extend_from_slice(&ty.to_ne_bytes());
            a.resize(4 + len.next_multiple_of(4), 0);
            assert_eq!(Can::default().parse(&a), Err(Error::Range), "type {ty}");
        }
        // Empty data (libnl 3.7.0 then has no can data and its getters crash): nothing set.
        let mut c = Can::default();
        c.parse(&[]).unwrap();
        assert_eq!(c.mask, 0);
        assert_eq!(c.value(HAS_CLOCK, |c| c.clock), Err(Error::Again));
        // Garbage after a whole attribute is ignored, as an unknown type is.
        let mut data = unhex("08000300 00127a00 08002800 01000000");
        data.extend([0xff, 0xff]);
        let mut c = Can::default();
        c.parse(&data).unwrap();
        assert_eq!(c.mask, HAS_CLOCK);
    }

    #[test]
    fn names_and_details_match_libnl() {
        assert_eq!(ctrlmode2str(0x103, 128), b"loopback,listen-only,");
        assert_eq!(ctrlmode2str(0x81, 128), b"loopback,fd-non-iso");
        assert_eq!(str2ctrlmode(b"LISTEN-ONLY"), 2);
        assert_eq!(str2ctrlmode(b"cc-len8-dlc"), 0);
        assert_eq!(state_name(5), "sleeping");
        assert_eq!(state_name(6), "unknown state");
        let c = Can {
            bittiming: BitTiming([1_000_000, 873, 250, 5, 6, 4, 1, 2]),
            mask: HAS_BITTIMING | HAS_BERR,
            berr: (12, 34),
            ..Can::default()
        };
        let mut d = DumpText::default();
        c.dump_details(&mut d);
        assert_eq!(
            d.out,
            "    bitrate 1000000 error active <>    sample point 87.300003 %\n    time quanta \
             250 ns\n    propagation segment 5 tq\n    phase buffer segment1 6 tq\n    phase \
             buffer segment2 4 tq\n    synchronisation jump width 1 tq\n    bitrate prescaler \
             2\n    bus error RX 34\n    bus error TX 12\n"
        );
    }
}
