//! The `vxlan` kind (`IFLA_VXLAN_*`): VNI, addresses, ports and the many switches, with
//! libnl's request order, dumps and comparison, observed from libnl 3.7.0:
//! * the request carries the attributes set, in attribute order (the IPv6 group and local
//!   address right after their IPv4 forms, sent only without them), the port and label in network order, the port
//!   range as given (the port as 32 bits holding the 16-bit port in network order), and the flags `GBP`, `REMCSUM_NOPARTIAL` and `GPE` as empty attributes;
//! * the line dump adds `vxlan-id N`; the details list every attribute set, libnl's words;
//!   the collect-metadata switch is printed under the name `remcsum-rx` (libnl 3.7.0);
//! * two vxlan links differ (`IFLA_LINKINFO`) when an attribute other than the flags is set
//!   in one only or holds another value.
#![forbid(unsafe_code)]

use crate::engine::addr::{self, AF_INET, AF_INET6, Addr};
use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::{DumpOut, Lookup};
use crate::engine::policy::{NLA_FLAG, NLA_U8, NLA_U16, NLA_U32, NLA_UNSPEC, Policy, PolicyTable};
use crate::error::Result;

/// `IFLA_VXLAN_*` attribute types.
#[allow(missing_docs)]
pub mod ty {
    pub const ID: u16 = 1;
    pub const GROUP: u16 = 2;
    pub const LINK: u16 = 3;
    pub const LOCAL: u16 = 4;
    pub const TTL: u16 = 5;
    pub const TOS: u16 = 6;
    pub const LEARNING: u16 = 7;
    pub const AGEING: u16 = 8;
    pub const LIMIT: u16 = 9;
    pub const PORT_RANGE: u16 = 10;
    pub const PROXY: u16 = 11;
    pub const RSC: u16 = 12;
    pub const L2MISS: u16 = 13;
    pub const L3MISS: u16 = 14;
    pub const PORT: u16 = 15;
    pub const GROUP6: u16 = 16;
    pub const LOCAL6: u16 = 17;
    pub const UDP_CSUM: u16 = 18;
    pub const UDP_ZERO_CSUM6_TX: u16 = 19;
    pub const UDP_ZERO_CSUM6_RX: u16 = 20;
    pub const REMCSUM_TX: u16 = 21;
    pub const REMCSUM_RX: u16 = 22;
    pub const GBP: u16 = 23;
    pub const REMCSUM_NOPARTIAL: u16 = 24;
    pub const COLLECT_METADATA: u16 = 25;
    pub const LABEL: u16 = 26;
    pub const GPE: u16 = 27;
    /// Highest attribute parsed (libnl's table ends at `IFLA_VXLAN_GPE`).
    pub const MAX: usize = 27;
}

/// `RTNL_LINK_VXLAN_F_GBP`.
pub const F_GBP: u32 = 1 << 0;
/// `RTNL_LINK_VXLAN_F_GPE`.
pub const F_GPE: u32 = 1 << 1;
/// `RTNL_LINK_VXLAN_F_REMCSUM_NOPARTIAL`.
pub const F_REMCSUM_NOPARTIAL: u32 = 1 << 2;
/// All flags libnl knows.
pub const F_ALL: u32 = F_GBP | F_GPE | F_REMCSUM_NOPARTIAL;

/// The largest VNI (24 bits).
pub const MAX_ID: u32 = (1 << 24) - 1;

/// The one-byte switches, by attribute type: the presence bit of each is `1 << type`.
pub const U8_ATTRS: [u16; 13] = [
    ty::TTL,
    ty::TOS,
    ty::LEARNING,
    ty::PROXY,
    ty::RSC,
    ty::L2MISS,
    ty::L3MISS,
    ty::UDP_CSUM,
    ty::UDP_ZERO_CSUM6_TX,
    ty::UDP_ZERO_CSUM6_RX,
    ty::REMCSUM_TX,
    ty::REMCSUM_RX,
    ty::COLLECT_METADATA,
];

/// The presence bit of attribute type `t` (one bit per `IFLA_VXLAN_*` type).
pub const fn has(t: u16) -> u32 {
    1 << t
}

/// The data of a vxlan link. Presence: bit `1 << IFLA_VXLAN_x` for each attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vxlan {
    /// Which attributes are set ([`has`]).
    pub mask: u32,
    /// `IFLA_VXLAN_ID`.
    pub id: u32,
    /// `IFLA_VXLAN_GROUP` (network order).
    pub group: [u8; 4],
    /// `IFLA_VXLAN_GROUP6`.
    pub group6: [u8; 16],
    /// `IFLA_VXLAN_LINK`.
    pub link: u32,
    /// `IFLA_VXLAN_LOCAL` (network order).
    pub local: [u8; 4],
    /// `IFLA_VXLAN_LOCAL6`.
    pub local6: [u8; 16],
    /// The one-byte attributes, indexed by attribute type.
    pub u8s: [u8; ty::MAX + 1],
    /// `IFLA_VXLAN_AGEING`.
    pub ageing: u32,
    /// `IFLA_VXLAN_LIMIT`.
    pub limit: u32,
    /// `IFLA_VXLAN_PORT_RANGE` (`struct ifla_vxlan_port_range`, network order).
    pub port_range: [u8; 4],
    /// `IFLA_VXLAN_PORT` (host order).
    pub port: u16,
    /// `IFLA_VXLAN_LABEL` (host order).
    pub label: u32,
    /// `RTNL_LINK_VXLAN_F_*` (no presence bit: libnl keeps a plain field).
    pub flags: u32,
}

struct VxlanPolicy;

impl PolicyTable for VxlanPolicy {
    fn entry(&self, t: usize) -> Option<Policy> {
        let min = |minlen| {
            Some(Policy {
                ty: NLA_UNSPEC,
                minlen,
                maxlen: 0,
            })
        };
        match u16::try_from(t).ok()? {
            ty::ID | ty::LINK | ty::AGEING | ty::LIMIT | ty::LABEL => Some(Policy::of(NLA_U32)),
            ty::GROUP | ty::LOCAL | ty::PORT_RANGE => min(4),
            ty::GROUP6 | ty::LOCAL6 => min(16),
            ty::PORT => Some(Policy::of(NLA_U16)),
            ty::GBP | ty::REMCSUM_NOPARTIAL | ty::GPE => Some(Policy::of(NLA_FLAG)),
            t if U8_ATTRS.contains(&t) => Some(Policy::of(NLA_U8)),
            _ => None,
        }
    }
}

fn arr<const N: usize>(p: &[u8]) -> [u8; N] {
    attr::read_ne::<N>(p)
}

impl super::Presence for Vxlan {
    fn is_set(&self, t: u16) -> bool {
        self.mask & has(t) != 0
    }
}

impl Vxlan {
    /// Whether attribute `t` is set ([`super::Presence`]).
    pub fn is_set(&self, t: u16) -> bool {
        super::Presence::is_set(self, t)
    }

    /// Sets one-byte attribute `t` (one of [`U8_ATTRS`]).
    pub fn set_u8(&mut self, t: u16, v: u8) {
        if let Some(s) = self.u8s.get_mut(usize::from(t)) {
            *s = v;
            self.mask |= has(t);
        }
    }

    /// One-byte attribute `t` when set.
    pub fn get_u8(&self, t: u16) -> Option<u8> {
        if self.is_set(t) {
            self.u8s.get(usize::from(t)).copied()
        } else {
            None
        }
    }

    /// `rtnl_link_vxlan_set_group` / `_set_local`: an IPv4 address replaces an IPv6 one and
    /// the other way round; `false` for another family or length.
    pub fn set_addr(&mut self, local: bool, a: &Addr) -> bool {
        let (t4, t6) = if local {
            (ty::LOCAL, ty::LOCAL6)
        } else {
            (ty::GROUP, ty::GROUP6)
        };
        match (a.family, a.bytes.len()) {
            (AF_INET, 4) => {
                let b = arr::<4>(&a.bytes);
                if local {
                    self.local = b;
                } else {
                    self.group = b;
                }
                self.mask = (self.mask | has(t4)) & !has(t6);
            }
            (AF_INET6, 16) => {
                let b = arr::<16>(&a.bytes);
                if local {
                    self.local6 = b;
                } else {
                    self.group6 = b;
                }
                self.mask = (self.mask | has(t6)) & !has(t4);
            }
            _ => return false,
        }
        true
    }

    /// The group (or local) address: the IPv4 one when set, else the IPv6 one.
    pub fn addr(&self, local: bool) -> Option<Addr> {
        let (t4, t6, b4, b6) = if local {
            (ty::LOCAL, ty::LOCAL6, &self.local, &self.local6)
        } else {
            (ty::GROUP, ty::GROUP6, &self.group, &self.group6)
        };
        if self.is_set(t4) {
            Some(Addr::build(AF_INET, b4))
        } else if self.is_set(t6) {
            Some(Addr::build(AF_INET6, b6))
        } else {
            None
        }
    }

    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, ty::MAX, &VxlanPolicy)?;
        for (t, p) in tb.iter().enumerate() {
            let (Some(p), Ok(t)) = (p, u16::try_from(t)) else {
                continue;
            };
            let u32v = || u32::from_ne_bytes(arr::<4>(p));
            match t {
                ty::ID => self.id = u32v(),
                ty::GROUP => self.group = arr::<4>(p),
                ty::GROUP6 => self.group6 = arr::<16>(p),
                ty::LINK => self.link = u32v(),
                ty::LOCAL => self.local = arr::<4>(p),
                ty::LOCAL6 => self.local6 = arr::<16>(p),
                ty::AGEING => self.ageing = u32v(),
                ty::LIMIT => self.limit = u32v(),
                ty::PORT_RANGE => self.port_range = arr::<4>(p),
                ty::PORT => self.port = u16::from_be_bytes(arr::<2>(p)),
                ty::LABEL => self.label = u32::from_be_bytes(arr::<4>(p)),
                ty::GBP => {
                    self.flags |= F_GBP;
                    continue;
                }
                ty::REMCSUM_NOPARTIAL => {
                    self.flags |= F_REMCSUM_NOPARTIAL;
                    continue;
                }
                ty::GPE => {
                    self.flags |= F_GPE;
                    continue;
                }
                t if U8_ATTRS.contains(&t) => {
                    self.set_u8(t, p.first().copied().unwrap_or(0));
                }
                _ => continue,
            }
            self.mask |= has(t);
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request, in libnl's order.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        let order = [
            ty::ID,
            ty::GROUP,
            ty::GROUP6,
            ty::LINK,
            ty::LOCAL,
            ty::LOCAL6,
            ty::TTL,
            ty::TOS,
            ty::LEARNING,
            ty::AGEING,
            ty::LIMIT,
            ty::PORT_RANGE,
            ty::PROXY,
            ty::RSC,
            ty::L2MISS,
            ty::L3MISS,
            ty::PORT,
            ty::UDP_CSUM,
            ty::UDP_ZERO_CSUM6_TX,
            ty::UDP_ZERO_CSUM6_RX,
            ty::REMCSUM_TX,
            ty::REMCSUM_RX,
            ty::GBP,
            ty::REMCSUM_NOPARTIAL,
            ty::COLLECT_METADATA,
            ty::LABEL,
            ty::GPE,
        ];
        for t in order {
            let flag = |f: u32| (self.flags & f != 0).then(Vec::new);
            let v: Option<Vec<u8>> = match t {
                ty::GBP => flag(F_GBP),
                ty::REMCSUM_NOPARTIAL => flag(F_REMCSUM_NOPARTIAL),
                ty::GPE => flag(F_GPE),
                _ if !self.is_set(t) => None,
                ty::ID => Some(self.id.to_ne_bytes().to_vec()),
                ty::GROUP => Some(self.group.to_vec()),
                // The IPv6 address only without an IPv4 one (parsed data may hold both).
                ty::GROUP6 if self.is_set(ty::GROUP) => None,
                ty::LOCAL6 if self.is_set(ty::LOCAL) => None,
                ty::GROUP6 => Some(self.group6.to_vec()),
                ty::LINK => Some(self.link.to_ne_bytes().to_vec()),
                ty::LOCAL => Some(self.local.to_vec()),
                ty::LOCAL6 => Some(self.local6.to_vec()),
                ty::AGEING => Some(self.ageing.to_ne_bytes().to_vec()),
                ty::LIMIT => Some(self.limit.to_ne_bytes().to_vec()),
                ty::PORT_RANGE => Some(self.port_range.to_vec()),
                // libnl sends the port as a 32-bit attribute holding the 16-bit port in
                // network order.
                ty::PORT => {
                    let [a, b] = self.port.to_be_bytes();
                    Some(vec![a, b, 0, 0])
                }
                ty::LABEL => Some(self.label.to_be_bytes().to_vec()),
                t => self.get_u8(t).map(|b| vec![b]),
            };
            if let Some(v) = v {
                m.put_attr(t, &v)?;
            }
        }
        Ok(())
    }

    /// The kind's part of the line dump.
    pub fn dump_line(&self) -> String {
        format!("vxlan-id {}", self.id)
    }

    /// The details: `    vxlan-id N`, then one line per attribute set: its name (without
    /// the dump prefix, as libnl writes it) and its value (a new dump line, after the prefix),
    /// the flags as names alone.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        out.line(&format!("    vxlan-id {}\n", self.id));
        let switch = |v: u8| {
            if v != 0 {
                format!("enabled ({v:#x})")
            } else {
                "disabled".to_string()
            }
        };
        let mut rows: Vec<(&str, String)> = Vec::new();
        if let Some(a) = self.addr(false) {
            rows.push(("group", addr::to_string(&a)));
        }
        if self.is_set(ty::LINK) {
            let name = out
                .lookup(Lookup::Link {
                    ifindex: self.link as i32,
                })
                .unwrap_or_else(|| self.link.to_string());
            rows.push(("link", name));
        }
        if let Some(a) = self.addr(true) {
            rows.push(("local", addr::to_string(&a)));
        }
        if let Some(v) = self.get_u8(ty::TTL) {
            rows.push((
                "ttl",
                if v != 0 {
                    v.to_string()
                } else {
                    "inherit".into()
                },
            ));
        }
        if let Some(v) = self.get_u8(ty::TOS) {
            // C's `%#x`: no `0x` for 0.
            let t = match v {
                0 => "0".into(),
                1 => "inherit".into(),
                v => format!("{v:#x}"),
            };
            rows.push(("tos", t));
        }
        if let Some(v) = self.get_u8(ty::LEARNING) {
            rows.push(("learning", switch(v)));
        }
        if self.is_set(ty::AGEING) {
            let t = if self.ageing != 0 {
                format!("{} seconds", self.ageing)
            } else {
                "disabled".into()
            };
            rows.push(("ageing", t));
        }
        if self.is_set(ty::LIMIT) {
            let t = if self.limit != 0 {
                self.limit.to_string()
            } else {
                "unlimited".into()
            };
            rows.push(("limit", t));
        }
        if self.is_set(ty::PORT_RANGE) {
            let [a, b, c, d] = self.port_range;
            // One dump line, name and value together (libnl 3.7.0).
            rows.push((
                "",
                format!(
                    "      port range {} - {}",
                    u16::from_be_bytes([a, b]),
                    u16::from_be_bytes([c, d])
                ),
            ));
        }
        for (t, name) in [
            (ty::PROXY, "proxy"),
            (ty::RSC, "rsc"),
            (ty::L2MISS, "l2miss"),
            (ty::L3MISS, "l3miss"),
        ] {
            if let Some(v) = self.get_u8(t) {
                rows.push((name, switch(v)));
            }
        }
        if self.is_set(ty::PORT) {
            rows.push(("port", self.port.to_string()));
        }
        for (t, name) in [
            (ty::UDP_CSUM, "UDP checksums"),
            (ty::UDP_ZERO_CSUM6_TX, "udp-zero-csum6-tx"),
            (ty::UDP_ZERO_CSUM6_RX, "udp-zero-csum6-rx"),
            (ty::REMCSUM_TX, "remcsum-tx"),
            (ty::REMCSUM_RX, "remcsum-rx"),
        ] {
            if let Some(v) = self.get_u8(t) {
                rows.push((name, switch(v)));
            }
        }
        for (name, value) in rows {
            if !name.is_empty() {
                out.text(&format!("      {name} "));
            }
            out.line(&format!("{value}\n"));
        }
        if self.flags & F_GBP != 0 {
            out.text("      gbp\n");
        }
        if self.flags & F_REMCSUM_NOPARTIAL != 0 {
            out.text("      rncsum-nopartial\n");
        }
        // libnl 3.7.0 names the collect-metadata switch "remcsum-rx".
        if let Some(v) = self.get_u8(ty::COLLECT_METADATA) {
            out.text("      remcsum-rx ");
            out.line(&format!("{}\n", switch(v)));
        }
        if self.is_set(ty::LABEL) {
            out.text("      label ");
            out.line(&format!("{}\n", self.label));
        }
        if self.flags & F_GPE != 0 {
            out.text("      gpe\n");
        }
    }

    /// Whether two vxlan data differ as libnl compares them: every attribute but the flags,
    /// set in one only or with another value.
    pub fn differs(&self, o: &Vxlan) -> bool {
        let norm = |v: &Vxlan| {
            let mut n = Vxlan {
                mask: v.mask,
                flags: 0,
                ..Vxlan::default()
            };
            let set = |t| v.mask & has(t) != 0;
            if set(ty::ID) {
                n.id = v.id;
            }
            if set(ty::GROUP) {
                n.group = v.group;
            }
            if set(ty::GROUP6) {
                n.group6 = v.group6;
            }
            if set(ty::LINK) {
                n.link = v.link;
            }
            if set(ty::LOCAL) {
                n.local = v.local;
            }
            if set(ty::LOCAL6) {
                n.local6 = v.local6;
            }
            if set(ty::AGEING) {
                n.ageing = v.ageing;
            }
            if set(ty::LIMIT) {
                n.limit = v.limit;
            }
            if set(ty::PORT_RANGE) {
                n.port_range = v.port_range;
            }
            if set(ty::PORT) {
                n.port = v.port;
            }
            if set(ty::LABEL) {
                n.label = v.label;
            }
            for t in U8_ATTRS {
                if let Some(b) = v.get_u8(t) {
                    n.set_u8(t, b);
                }
            }
            n
        };
        norm(self) != norm(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// INFO_DATA of libnl's request after the setters of tests/route/link-vxlan.c ("set").
    const SET: &str = "08000100ffffff0008000200ef0101010800030005000000080004000a000001\
        050005004000000005000600280000000500070005000000080008002c01000008000900640000000800\
        0a008000ee4805000b000200000005000c000100000005000d000100000005000e000100000008000f00\
        12b50000050012000100000005001300010000000500140003000000050015000100000005001600010000\
        000400170004001800050019000100000008001a00000abcde";

    #[test]
    fn parse_put_round_trip() {
        let bytes = hex(SET);
        let mut v = Vxlan::default();
        v.parse(&bytes).unwrap();
        assert_eq!(v.id, MAX_ID);
        assert_eq!(v.addr(false), Some(Addr::build(AF_INET, &[239, 1, 1, 1])));
        assert_eq!(v.port, 4789);
        assert_eq!(v.label, 0xabcde);
        assert_eq!(v.flags, F_GBP | F_REMCSUM_NOPARTIAL);
        assert_eq!(v.get_u8(ty::UDP_ZERO_CSUM6_RX), Some(3));
        assert_eq!(v.get_u8(ty::COLLECT_METADATA), Some(1));
        let mut m = Message::simple(16, 0).unwrap();
        v.put(&mut m).unwrap();
        assert_eq!(&m.bytes()[16..], &bytes[..]);
        assert!(!v.differs(&v.clone()));
        let mut w = v.clone();
        w.flags = 0;
        assert!(!v.differs(&w));
        w.set_u8(ty::TTL, 1);
        assert!(v.differs(&w));
    }

    #[test]
    fn addresses_replace_each_other() {
        let mut v = Vxlan::default();
        assert!(v.set_addr(false, &Addr::build(AF_INET6, &[0xff; 16])));
        assert!(v.set_addr(false, &Addr::build(AF_INET, &[1, 2, 3, 4])));
        assert_eq!(v.mask, has(ty::GROUP));
        assert!(!v.set_addr(true, &Addr::build(AF_INET, &[1, 2])));
        assert!(!v.set_addr(true, &Addr::build(17, &[1, 2, 3, 4, 5, 6])));
        assert_eq!(v.addr(true), None);
    }

    #[test]
    fn bad_input() {
        let mut v = Vxlan::default();
        // A two-byte ID, a short group6, an empty TTL: NLE_RANGE as libnl.
        for bad in ["0600010005000000", "080010000a000001", "04000500"] {
            assert_eq!(v.parse(&hex(bad)), Err(Error::Range), "{bad}");
        }
        // An unknown attribute is skipped; a trailing partial header is ignored.
        v.parse(&hex("0800010009000000080063000900000008000100"))
            .unwrap();
        assert_eq!((v.id, v.mask), (9, has(ty::ID)));
    }
}
