//! Link kinds (`IFLA_INFO_KIND` with its `IFLA_INFO_DATA`): libnl's "info ops", as one enum
//! over the kinds libnlrs knows, each in a module of its own with its data, parse, request
//! attributes and dump. A link of a known kind carries [`KindData`]; any other kind keeps its
//! data as received.
#![forbid(unsafe_code)]

pub mod can;
pub mod macsec;
pub mod macvlan;
pub mod tunnel;
pub mod veth;

use super::Link;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::error::Result;

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
        }
    }

    /// Appends the attributes of `IFLA_INFO_DATA` for a request.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        match self {
            KindData::Macvlan(d) | KindData::Macvtap(d) => d.put(m),
            KindData::Can(c) => c.put(m),
            KindData::Macsec(d) => d.put(m),
            KindData::Veth(v) => v.put(m),
            KindData::Tunnel(t) => t.put(m),
        }
    }

    /// Whether libnl's comparison of the kind data finds a difference (kinds whose data
    /// libnl does not compare: never).
    #[allow(clippy::single_match_else)]
    pub fn differs(&self, other: &KindData) -> bool {
        match (self, other) {
            (KindData::Macsec(a), KindData::Macsec(b)) => a.differs(b),
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
    #[allow(clippy::single_match)] // one arm a kind, as the other hooks
    pub fn dump_line(&self, link: &Link, out: &mut dyn DumpOut) {
        match self {
            KindData::Can(c) => c.dump_line(out),
            KindData::Macsec(d) => d.dump_line(out),
            KindData::Tunnel(t) => t.dump_line(link.name(), out),
            _ => {}
        }
    }
}
