//! The `vlan` kind (`IFLA_VLAN_*`): id, protocol, flags with their change mask, and the
//! ingress (vlan priority → socket priority, 8 slots) and egress (socket priority → vlan
//! priority, a list) QoS maps, observed from libnl 3.7.0:
//! * a request carries the id, the protocol, the flags (`struct ifla_vlan_flags`: the flags
//!   and every flag set or cleared), the ingress slots set (entry type = slot) and the egress
//!   entries (entry type = position), each when set; parsed flags come with an empty mask;
//! * the protocol is kept and sent as given (network order), printed in host order;
//! * libnl does not compare vlan data in `nl_object_diff`.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_NESTED, NLA_U16, NLA_UNSPEC, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::{Error, Result};

/// `IFLA_VLAN_ID`.
pub const ID: u16 = 1;
/// `IFLA_VLAN_FLAGS`.
pub const FLAGS: u16 = 2;
/// `IFLA_VLAN_EGRESS_QOS`.
pub const EGRESS_QOS: u16 = 3;
/// `IFLA_VLAN_INGRESS_QOS`.
pub const INGRESS_QOS: u16 = 4;
/// `IFLA_VLAN_PROTOCOL`.
pub const PROTOCOL: u16 = 5;
const MAX: usize = 5;

/// The id is set.
pub const HAS_ID: u32 = 1 << 0;
/// The flags are set.
pub const HAS_FLAGS: u32 = 1 << 1;
/// The ingress map is set.
pub const HAS_INGRESS: u32 = 1 << 2;
/// The egress map is set.
pub const HAS_EGRESS: u32 = 1 << 3;
/// The protocol is set.
pub const HAS_PROTOCOL: u32 = 1 << 4;

/// `VLAN_PRIO_MAX`: the highest vlan priority.
pub const PRIO_MAX: u32 = 7;

/// Flags (`VLAN_FLAG_*`) as libnl names them.
pub const FLAG_NAMES: &[(u64, &str)] = &[
    (0x1, "reorder_hdr"),
    (0x2, "gvrp"),
    (0x4, "loose_binding"),
    (0x8, "mvrp"),
    (0x10, "bridge_binding"),
];

/// The data of a vlan link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vlan {
    /// Which parts are set (`HAS_*`).
    pub mask: u32,
    /// `IFLA_VLAN_ID`.
    pub id: u16,
    /// `IFLA_VLAN_PROTOCOL`, as sent (network order).
    pub protocol: u16,
    /// The flags.
    pub flags: u32,
    /// The flags set or cleared by the caller.
    pub flags_mask: u32,
    /// The ingress map: socket priority by vlan priority.
    pub ingress: [u32; 8],
    /// The ingress slots set (bit per vlan priority).
    pub ingress_set: u8,
    /// The egress map: (socket priority, vlan priority) entries in order.
    pub egress: Vec<(u32, u32)>,
}

struct VlanPolicy;

impl PolicyTable for VlanPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            ID | PROTOCOL => Some(Policy::of(NLA_U16)),
            FLAGS => Some(Policy {
                ty: NLA_UNSPEC,
                minlen: 8,
                maxlen: 0,
            }),
            EGRESS_QOS | INGRESS_QOS => Some(Policy::of(NLA_NESTED)),
            _ => None,
        }
    }
}

/// `rtnl_link_vlan_flags2str` into a buffer of `len` bytes.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAG_NAMES))
}

/// `rtnl_link_vlan_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAG_NAMES))
}

/// The `struct ifla_vlan_qos_mapping` entries of a QoS nest: `Error::Inval` for an entry
/// shorter than the struct (as libnl).
fn mappings(nest: &[u8]) -> Result<Vec<(u32, u32)>> {
    let mut v = Vec::new();
    for a in attr::iter(nest) {
        let p = a.payload;
        if p.len() < 8 {
            return Err(Error::Inval);
        }
        let w = |o: usize| u32::from_ne_bytes(attr::read_ne::<4>(p.get(o..).unwrap_or_default()));
        v.push((w(0), w(4)));
    }
    Ok(v)
}

fn mapping(from: u32, to: u32) -> [u8; 8] {
    let mut b = [0u8; 8];
    b[..4].copy_from_slice(&from.to_ne_bytes());
    b[4..].copy_from_slice(&to.to_ne_bytes());
    b
}

impl Vlan {
    /// Parses `IFLA_INFO_DATA`: `Error::Inval` for a short QoS entry or an ingress priority
    /// above 7, as libnl.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, MAX, &VlanPolicy)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if let Some(p) = get(ID) {
            self.id = u16::from_ne_bytes(attr::read_ne::<2>(p));
            self.mask |= HAS_ID;
        }
        if let Some(p) = get(PROTOCOL) {
            self.protocol = u16::from_ne_bytes(attr::read_ne::<2>(p));
            self.mask |= HAS_PROTOCOL;
        }
        if let Some(p) = get(FLAGS) {
            self.flags = u32::from_ne_bytes(attr::read_ne::<4>(p));
            self.mask |= HAS_FLAGS;
        }
        if let Some(p) = get(INGRESS_QOS) {
            for (from, to) in mappings(p)? {
                let slot = self.ingress.get_mut(from as usize).ok_or(Error::Inval)?;
                *slot = to;
                self.ingress_set |= 1 << from;
            }
            self.mask |= HAS_INGRESS;
        }
        if let Some(p) = get(EGRESS_QOS) {
            self.egress = mappings(p)?;
            self.mask |= HAS_EGRESS;
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request, in libnl's order.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if self.mask & HAS_ID != 0 {
            m.put_attr(ID, &self.id.to_ne_bytes())?;
        }
        if self.mask & HAS_PROTOCOL != 0 {
            m.put_attr(PROTOCOL, &self.protocol.to_ne_bytes())?;
        }
        if self.mask & HAS_FLAGS != 0 {
            m.put_attr(FLAGS, &mapping(self.flags, self.flags_mask))?;
        }
        if self.mask & HAS_INGRESS != 0 {
            let n = m.nest_start(INGRESS_QOS)?;
            for (i, to) in self.ingress.iter().enumerate() {
                if self.ingress_set & (1 << i) != 0 {
                    m.put_attr(i as u16, &mapping(i as u32, *to))?;
                }
            }
            m.nest_end(n, false)?;
        }
        if self.mask & HAS_EGRESS != 0 {
            let n = m.nest_start(EGRESS_QOS)?;
            for (i, (from, to)) in self.egress.iter().enumerate() {
                m.put_attr(i as u16, &mapping(*from, *to))?;
            }
            m.nest_end(n, false)?;
        }
        Ok(())
    }

    /// `rtnl_link_vlan_set_flags` (`set`) / `_unset_flags`.
    pub fn change_flags(&mut self, flags: u32, set: bool) {
        if set {
            self.flags |= flags;
        } else {
            self.flags &= !flags;
        }
        self.flags_mask |= flags;
        self.mask |= HAS_FLAGS;
    }

    /// `rtnl_link_vlan_set_ingress_map`: `false` for a priority above 7.
    pub fn set_ingress(&mut self, from: i32, to: u32) -> bool {
        let Some(slot) = usize::try_from(from)
            .ok()
            .and_then(|i| self.ingress.get_mut(i))
        else {
            return false;
        };
        *slot = to;
        self.ingress_set |= 1 << from;
        self.mask |= HAS_INGRESS;
        true
    }

    /// `rtnl_link_vlan_set_egress_map`: appends an entry; `false` for a priority out of 0–7.
    pub fn add_egress(&mut self, from: u32, to: i32) -> bool {
        match u32::try_from(to) {
            Ok(to) if to <= PRIO_MAX => {
                self.egress.push((from, to));
                self.mask |= HAS_EGRESS;
                true
            }
            _ => false,
        }
    }

    /// The kind's part of the line dump.
    pub fn dump_line(&self) -> String {
        format!("vlan-id {}", self.id)
    }

    /// The details: id, flags and protocol on one line, then the maps four entries a line.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let f = flags2str(self.flags as i32, 64);
        out.line(&format!(
            "    vlan-info id {} <{}>",
            self.id,
            String::from_utf8_lossy(&f)
        ));
        if self.mask & HAS_PROTOCOL != 0 {
            // A dump line of its own for libnl (the prefix comes again), on the same line.
            out.line(&format!(
                "    vlan protocol <{}>",
                u16::from_be_bytes(self.protocol.to_ne_bytes())
            ));
        }
        out.text("\n");
        if self.mask & HAS_INGRESS != 0 {
            out.line("      ingress vlan prio -> qos/socket prio mapping:\n");
            let entries = self
                .ingress
                .iter()
                .enumerate()
                .filter(|(i, _)| self.ingress_set & (1 << i) != 0)
                .map(|(i, to)| format!("{i:x} -> {}, ", alt_hex(*to)));
            rows(out, entries);
        }
        if self.mask & HAS_EGRESS != 0 {
            out.line("      egress qos/socket prio -> vlan prio mapping:\n");
            let entries = self
                .egress
                .iter()
                .map(|(from, to)| format!("{} -> {to}, ", alt_hex(*from)));
            rows(out, entries);
        }
    }
}

/// C's `%#08x`: `0x` and six digits, but plain eight zeros for 0.
fn alt_hex(v: u32) -> String {
    if v == 0 {
        "00000000".into()
    } else {
        format!("{v:#08x}")
    }
}

/// Entries four a line, each line indented, the last one ended.
fn rows(out: &mut dyn DumpOut, entries: impl Iterator<Item = String>) {
    let mut n = 0;
    for e in entries {
        if n == 0 {
            out.line("      ");
        }
        out.text(&e);
        n += 1;
        if n == 4 {
            out.text("\n");
            n = 0;
        }
    }
    if n != 0 {
        out.text("\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn names_match_libnl() {
        assert_eq!(flags2str(0, 64), b"");
        assert_eq!(
            flags2str(0x1f, 128),
            b"reorder_hdr,gvrp,loose_binding,mvrp,bridge_binding"
        );
        assert_eq!(flags2str(0x21, 64), b"reorder_hdr,");
        assert_eq!(flags2str(3, 8), b"reorder");
        assert_eq!(str2flags(b"gvrp,MVRP"), 0xa);
        assert_eq!(str2flags(b"bogus"), 0);
        assert_eq!(alt_hex(10), "0x00000a");
        assert_eq!(alt_hex(0), "00000000");
    }

    /// INFO_DATA of libnl's request for the parsed "all" message of tests/route/link-vlan.c.
    const ALL: &str = "060001002a0000000600050088a800000c00020005000000000000001c0004800c0001\
        0001000000050000000c0007000700000003000000280003800c00000064000000020000000c000100c80000\
        00070000000c0002002c01000001000000";

    #[test]
    fn parse_put_round_trip() {
        let bytes = hex(ALL);
        let mut v = Vlan::default();
        v.parse(&bytes).unwrap();
        assert_eq!(
            (v.id, v.protocol, v.flags, v.flags_mask),
            (42, 0xa888, 5, 0)
        );
        assert_eq!(v.ingress_set, 0x82);
        assert_eq!(v.egress, vec![(100, 2), (200, 7), (300, 1)]);
        let mut m = Message::simple(16, 0).unwrap();
        v.put(&mut m).unwrap();
        assert_eq!(&m.bytes()[16..], &bytes[..]);
    }

    #[test]
    fn bad_input() {
        let mut v = Vlan::default();
        // A one-byte id, a four-byte flags attribute: NLE_RANGE; a short QoS entry, an
        // ingress priority of 9: NLE_INVAL (libnl's codes).
        assert_eq!(v.parse(&hex("0500010005000000")), Err(Error::Range));
        assert_eq!(v.parse(&hex("0800020005000000")), Err(Error::Range));
        assert_eq!(v.parse(&hex("0c0003800800000064000000")), Err(Error::Inval));
        assert_eq!(
            v.parse(&hex("100004800c0000000900000009000000")),
            Err(Error::Inval)
        );
        assert!(!v.set_ingress(8, 1) && !v.set_ingress(-1, 1) && !v.add_egress(1, 8));
        assert!(!v.add_egress(1, -1));
    }
}
