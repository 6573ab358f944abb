//! Link kinds (`IFLA_INFO_KIND` with its `IFLA_INFO_DATA`): libnl's "info ops", as one enum
//! over the kinds libnlrs knows, each in a module of its own with its data, parse, request
//! attributes and dump. A link of a known kind carries [`KindData`]; any other kind keeps its
//! data as received.
#![forbid(unsafe_code)]

pub mod can;
pub mod geneve;
pub mod ipvlan;
pub mod macsec;
pub mod macvlan;
pub mod ppp;
pub mod tunnel;
pub mod veth;
pub mod vlan;
pub mod vrf;
pub mod vxlan;

use super::Link;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::error::Result;

/// Kind data that tracks which of its attributes are set (by attribute type).
pub trait Presence {
    /// Whether attribute `t` is set.
    fn is_set(&self, t: u16) -> bool;
}

/// The data of a link of a kind libnlrs knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KindData {
    /// `can`.
    Can(can::Can),
    /// `macsec`.
    Macsec(macsec::Macsec),
    /// `macvlan`.
    Macvlan(macvlan::Macvlan),
    /// `macvtap` (the same data as macvlan).
    Macvtap(macvlan::Macvlan),
    /// `veth`.
    Veth(veth::Veth),
    /// The IP tunnels (ipip, sit, gre, gretap, vti, vti6, ip6tnl, ip6gre, xfrm).
    Tunnel(tunnel::Tunnel),
    /// `vxlan`.
    Vxlan(vxlan::Vxlan),
    /// `vlan`.
    Vlan(vlan::Vlan),
    /// `geneve`.
    Geneve(geneve::Geneve),
    /// `vrf`.
    Vrf(vrf::Vrf),
    /// `ipvlan`.
    Ipvlan(ipvlan::Ipvlan),
    /// `ppp`.
    Ppp(ppp::Ppp),
}

impl KindData {
    /// Empty data for `kind` when libnlrs knows it (what libnl allocates when the kind is set).
    pub fn for_kind(kind: &[u8]) -> Option<KindData> {
        match kind {
            b"can" => Some(KindData::Can(can::Can::default())),
            b"macsec" => Some(KindData::Macsec(macsec::Macsec::default())),
            b"macvlan" => Some(KindData::Macvlan(macvlan::Macvlan::default())),
            b"macvtap" => Some(KindData::Macvtap(macvlan::Macvlan::default())),
            b"veth" => Some(KindData::Veth(veth::Veth::default())),
            b"vxlan" => Some(KindData::Vxlan(vxlan::Vxlan::default())),
            b"vlan" => Some(KindData::Vlan(vlan::Vlan::default())),
            b"geneve" => Some(KindData::Geneve(geneve::Geneve::default())),
            b"vrf" => Some(KindData::Vrf(vrf::Vrf::default())),
            b"ipvlan" => Some(KindData::Ipvlan(ipvlan::Ipvlan::default())),
            b"ppp" => Some(KindData::Ppp(ppp::Ppp::default())),
            _ => tunnel::TunnelKind::from_name(kind)
                .map(|k| KindData::Tunnel(tunnel::Tunnel::new(k))),
        }
    }

    /// Parses the payload of `IFLA_INFO_DATA` into this (empty) data.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        match self {
            KindData::Macvlan(m) | KindData::Macvtap(m) => m.parse(data),
            KindData::Can(c) => c.parse(data),
            KindData::Macsec(d) => d.parse(data),
            KindData::Veth(_) => Ok(()),
            KindData::Tunnel(t) => t.parse(data),
            KindData::Vxlan(d) => d.parse(data),
            KindData::Vlan(d) => d.parse(data),
            KindData::Geneve(d) => d.parse(data),
            KindData::Vrf(d) => d.parse(data),
            KindData::Ipvlan(d) => d.parse(data),
            KindData::Ppp(d) => d.parse(data),
        }
    }

    /// Appends the attributes of `IFLA_INFO_DATA` for a request.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        match self {
            KindData::Macvlan(d) | KindData::Macvtap(d) => d.put(m),
            KindData::Can(c) => c.put(m),
            KindData::Macsec(d) => d.put(m),
            KindData::Veth(v) => v.put(m),
            KindData::Vxlan(d) => d.put(m),
            KindData::Vlan(d) => d.put(m),
            KindData::Geneve(d) => d.put(m),
            KindData::Vrf(d) => d.put(m),
            KindData::Ipvlan(d) => d.put(m),
            KindData::Ppp(d) => d.put(m),
            KindData::Tunnel(t) => t.put(m),
        }
    }

    /// Whether libnl's comparison of the kind data finds a difference (kinds whose data
    /// libnl does not compare: never).
    pub fn differs(&self, other: &KindData) -> bool {
        match (self, other) {
            (KindData::Macsec(a), KindData::Macsec(b)) => a.differs(b),
            (KindData::Vxlan(a), KindData::Vxlan(b)) => a.differs(b),
            _ => false,
        }
    }

    /// The kind's part of the details dump.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        match self {
            KindData::Macvlan(d) => d.dump_details("macvlan", out),
            KindData::Macvtap(d) => d.dump_details("macvtap", out),
            KindData::Can(c) => c.dump_details(out),
            KindData::Macsec(d) => d.dump_details(out),
            // libnl 3.7.0 crashes dumping the details of a veth link; nothing is printed here.
            KindData::Veth(_) => {}
            KindData::Vxlan(d) => d.dump_details(out),
            KindData::Vlan(d) => d.dump_details(out),
            KindData::Geneve(d) => d.dump_details(out),
            KindData::Vrf(d) => d.dump_details(out),
            KindData::Ipvlan(d) => d.dump_details(out),
            KindData::Ppp(_) => {}
            // Printed by dump_details_of, which knows the link.
            KindData::Tunnel(_) => {}
        }
    }

    /// The kind's part of the details dump of `link` (the kinds whose dump shows something of
    /// the link itself; the others' [`KindData::dump_details`]).
    pub fn dump_details_of(&self, link: &Link, out: &mut dyn DumpOut) {
        match self {
            KindData::Tunnel(t) => {
                let name = (link.mask & super::ATTR_IFNAME != 0).then(|| link.name());
                t.dump_details(name, out)
            }
            _ => self.dump_details(out),
        }
    }

    /// The kind's part of the one-line dump of `link`, before the end of the line.
    pub fn dump_line(&self, link: &Link, out: &mut dyn DumpOut) {
        match self {
            KindData::Can(c) => c.dump_line(out),
            KindData::Macsec(d) => d.dump_line(out),
            KindData::Tunnel(t) => t.dump_line(link.name(), out),
            KindData::Vxlan(d) => out.text(&d.dump_line()),
            KindData::Vlan(d) => out.text(&d.dump_line()),
            KindData::Geneve(d) => out.text(&d.dump_line()),
            KindData::Vrf(d) => {
                if let Some(t) = d.dump_line() {
                    out.text(&t);
                }
            }
            KindData::Ipvlan(d) => {
                if let Some(t) = d.dump_line() {
                    out.text(&t);
                }
            }
            _ => {}
        }
    }
}
