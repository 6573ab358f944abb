//! The `geneve` kind (`IFLA_GENEVE_*`), observed from libnl 3.7.0:
//! * a request carries, when set: the VNI, the remote (IPv4, else IPv6), TTL, TOS, the label
//!   (network order), the port (32 bits holding the 16-bit port in network order), the three
//!   checksum switches, then `COLLECT_METADATA` (empty) when that flag is on;
//! * the remote of one family replaces one of the other (parsing too, in attribute order);
//! * the line dump adds `geneve-id N`; the details print the IPv4 remote one space less
//!   indented than the rest (libnl 3.7.0);
//! * libnl does not compare geneve data in `nl_object_diff`.
#![forbid(unsafe_code)]

use crate::engine::addr::{self, AF_INET, AF_INET6, Addr};
use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_FLAG, NLA_U8, NLA_U16, NLA_U32, NLA_UNSPEC, Policy, PolicyTable};
use crate::error::Result;

/// `IFLA_GENEVE_*` attribute types.
#[allow(missing_docs)]
pub mod ty {
    pub const ID: u16 = 1;
    pub const REMOTE: u16 = 2;
    pub const TTL: u16 = 3;
    pub const TOS: u16 = 4;
    pub const PORT: u16 = 5;
    pub const COLLECT_METADATA: u16 = 6;
    pub const REMOTE6: u16 = 7;
    pub const UDP_CSUM: u16 = 8;
    pub const UDP_ZERO_CSUM6_TX: u16 = 9;
    pub const UDP_ZERO_CSUM6_RX: u16 = 10;
    pub const LABEL: u16 = 11;
    /// Highest attribute parsed.
    pub const MAX: usize = 11;
}

/// `RTNL_LINK_GENEVE_F_COLLECT_METADATA`.
pub const F_COLLECT_METADATA: u8 = 1 << 0;

/// The largest VNI (24 bits).
pub const MAX_ID: u32 = (1 << 24) - 1;

/// The one-byte attributes.
pub const U8_ATTRS: [u16; 5] = [
    ty::TTL,
    ty::TOS,
    ty::UDP_CSUM,
    ty::UDP_ZERO_CSUM6_TX,
    ty::UDP_ZERO_CSUM6_RX,
];

/// The presence bit of attribute type `t`.
pub const fn has(t: u16) -> u32 {
    1 << t
}

/// The data of a geneve link. Presence: bit `1 << IFLA_GENEVE_x` per attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Geneve {
    /// Which attributes are set ([`has`]).
    pub mask: u32,
    /// `IFLA_GENEVE_ID`.
    pub id: u32,
    /// `IFLA_GENEVE_REMOTE` (network order).
    pub remote: [u8; 4],
    /// `IFLA_GENEVE_REMOTE6`.
    pub remote6: [u8; 16],
    /// The one-byte attributes, indexed by attribute type.
    pub u8s: [u8; ty::MAX + 1],
    /// `IFLA_GENEVE_PORT` (host order).
    pub port: u16,
    /// `IFLA_GENEVE_LABEL` (host order).
    pub label: u32,
    /// `RTNL_LINK_GENEVE_F_*` (a plain field, no presence bit).
    pub flags: u8,
}

struct GenevePolicy;

impl PolicyTable for GenevePolicy {
    fn entry(&self, t: usize) -> Option<Policy> {
        let min = |minlen| {
            Some(Policy {
                ty: NLA_UNSPEC,
                minlen,
                maxlen: 0,
            })
        };
        match u16::try_from(t).ok()? {
            ty::ID | ty::LABEL => Some(Policy::of(NLA_U32)),
            ty::REMOTE => min(4),
            ty::REMOTE6 => min(16),
            ty::PORT => Some(Policy::of(NLA_U16)),
            ty::COLLECT_METADATA => Some(Policy::of(NLA_FLAG)),
            t if U8_ATTRS.contains(&t) => Some(Policy::of(NLA_U8)),
            _ => None,
        }
    }
}

impl super::Presence for Geneve {
    fn is_set(&self, t: u16) -> bool {
        self.mask & has(t) != 0
    }
}

impl Geneve {
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

    /// `rtnl_link_geneve_set_remote`: `false` for another family or length.
    pub fn set_remote(&mut self, a: &Addr) -> bool {
        match (a.family, a.bytes.len()) {
            (AF_INET, 4) => {
                self.remote = attr::read_ne::<4>(&a.bytes);
                self.mask = (self.mask | has(ty::REMOTE)) & !has(ty::REMOTE6);
            }
            (AF_INET6, 16) => {
                self.remote6 = attr::read_ne::<16>(&a.bytes);
                self.mask = (self.mask | has(ty::REMOTE6)) & !has(ty::REMOTE);
            }
            _ => return false,
        }
        true
    }

    /// The remote address, if set.
    pub fn remote(&self) -> Option<Addr> {
        if self.is_set(ty::REMOTE) {
            Some(Addr::build(AF_INET, &self.remote))
        } else if self.is_set(ty::REMOTE6) {
            Some(Addr::build(AF_INET6, &self.remote6))
        } else {
            None
        }
    }

    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, ty::MAX, &GenevePolicy)?;
        for (t, p) in tb.iter().enumerate() {
            let (Some(p), Ok(t)) = (p, u16::try_from(t)) else {
                continue;
            };
            match t {
                ty::ID => self.id = u32::from_ne_bytes(attr::read_ne::<4>(p)),
                ty::REMOTE => {
                    self.set_remote(&Addr::build(AF_INET, &attr::read_ne::<4>(p)));
                    continue;
                }
                ty::REMOTE6 => {
                    self.set_remote(&Addr::build(AF_INET6, &attr::read_ne::<16>(p)));
                    continue;
                }
                ty::PORT => self.port = u16::from_be_bytes(attr::read_ne::<2>(p)),
                ty::LABEL => self.label = u32::from_be_bytes(attr::read_ne::<4>(p)),
                ty::COLLECT_METADATA => {
                    self.flags |= F_COLLECT_METADATA;
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
        if self.is_set(ty::ID) {
            m.put_attr(ty::ID, &self.id.to_ne_bytes())?;
        }
        if self.is_set(ty::REMOTE) {
            m.put_attr(ty::REMOTE, &self.remote)?;
        } else if self.is_set(ty::REMOTE6) {
            m.put_attr(ty::REMOTE6, &self.remote6)?;
        }
        for t in [ty::TTL, ty::TOS] {
            if let Some(v) = self.get_u8(t) {
                m.put_attr(t, &[v])?;
            }
        }
        if self.is_set(ty::LABEL) {
            m.put_attr(ty::LABEL, &self.label.to_be_bytes())?;
        }
        if self.is_set(ty::PORT) {
            let [a, b] = self.port.to_be_bytes();
            m.put_attr(ty::PORT, &[a, b, 0, 0])?;
        }
        for t in [ty::UDP_CSUM, ty::UDP_ZERO_CSUM6_TX, ty::UDP_ZERO_CSUM6_RX] {
            if let Some(v) = self.get_u8(t) {
                m.put_attr(t, &[v])?;
            }
        }
        if self.flags & F_COLLECT_METADATA != 0 {
            m.put_attr(ty::COLLECT_METADATA, &[])?;
        }
        Ok(())
    }

    /// The kind's part of the line dump.
    pub fn dump_line(&self) -> String {
        format!("geneve-id {}", self.id)
    }

    /// The details: `    geneve-id N`, then one line per attribute set: its name (without
    /// the dump prefix, as libnl writes it) and its value (a new dump line, after the prefix).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        out.line(&format!("    geneve-id {}\n", self.id));
        let switch = |v: u8| {
            if v != 0 {
                format!("enabled ({v:#x})")
            } else {
                "disabled".to_string()
            }
        };
        let mut rows: Vec<(&str, String)> = Vec::new();
        if let Some(a) = self.remote() {
            // libnl 3.7.0 indents the IPv4 remote by five spaces, the IPv6 one by six.
            let name = if a.family == AF_INET {
                "     remote"
            } else {
                "      remote"
            };
            rows.push((name, addr::to_string(&a)));
        }
        if let Some(v) = self.get_u8(ty::TTL) {
            rows.push(("ttl", v.to_string()));
        }
        if let Some(v) = self.get_u8(ty::TOS) {
            rows.push(("tos", v.to_string()));
        }
        if self.is_set(ty::PORT) {
            rows.push(("port", self.port.to_string()));
        }
        if self.is_set(ty::LABEL) {
            rows.push(("label", self.label.to_string()));
        }
        for (t, name) in [
            (ty::UDP_CSUM, "UDP checksum"),
            (ty::UDP_ZERO_CSUM6_TX, "udp-zero-csum6-tx"),
            (ty::UDP_ZERO_CSUM6_RX, "udp-zero-csum6-rx"),
        ] {
            if let Some(v) = self.get_u8(t) {
                rows.push((name, switch(v)));
            }
        }
        for (name, value) in rows {
            if name.starts_with(' ') {
                out.text(&format!("{name} "));
            } else {
                out.text(&format!("      {name} "));
            }
            out.line(&format!("{value}\n"));
        }
        if self.flags & F_COLLECT_METADATA != 0 {
            out.text("      collect-metadata\n");
        }
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

    /// INFO_DATA of libnl's request for the parsed "all" message of tests/route/link-geneve.c.
    const ALL: &str = "080001002a000000080002000a0000010500030040000000050004001000000008000b00\
        000123450800050017c100000500080001000000050009000100000005000a000000000004000600";

    #[test]
    fn parse_put_round_trip() {
        let bytes = hex(ALL);
        let mut v = Geneve::default();
        v.parse(&bytes).unwrap();
        assert_eq!((v.id, v.port, v.label, v.flags), (42, 6081, 0x12345, 1));
        assert_eq!(v.remote(), Some(Addr::build(AF_INET, &[10, 0, 0, 1])));
        let mut m = Message::simple(16, 0).unwrap();
        v.put(&mut m).unwrap();
        assert_eq!(&m.bytes()[16..], &bytes[..]);
    }

    #[test]
    fn bad_input() {
        let mut v = Geneve::default();
        for bad in ["0600010005000000", "0800070001000000", "04000a00"] {
            assert_eq!(v.parse(&hex(bad)), Err(Error::Range), "{bad}");
        }
        v.parse(&hex("08000100090000000800630009000000080001"))
            .unwrap();
        assert_eq!((v.id, v.mask), (9, has(ty::ID)));
        assert!(!v.set_remote(&Addr::build(17, &[1, 2, 3, 4, 5, 6])));
    }
}
