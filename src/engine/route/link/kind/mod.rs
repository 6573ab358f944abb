//! Link kinds (`IFLA_INFO_KIND` with its `IFLA_INFO_DATA`): libnl's "info ops", as one enum
//! over the kinds libnlrs knows, each in a module of its own with its data, parse, request
//! attributes and dump. A link of a known kind carries [`KindData`]; any other kind keeps its
//! data as received.
#![forbid(unsafe_code)]

pub mod geneve;
pub mod ipvlan;
pub mod macvlan;
pub mod ppp;
pub mod veth;
pub mod vlan;
pub mod vrf;
pub mod vxlan;

use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::error::Result;

/// The data of a link of a kind libnlrs knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KindData {
    /// `macvlan`.
    Macvlan(macvlan::Macvlan),
    /// `macvtap` (the same data as macvlan).
    Macvtap(macvlan::Macvlan),
    /// `veth`.
    Veth(veth::Veth),
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
            b"macvlan" => Some(KindData::Macvlan(macvlan::Macvlan::default())),
            b"macvtap" => Some(KindData::Macvtap(macvlan::Macvlan::default())),
            b"veth" => Some(KindData::Veth(veth::Veth::default())),
            b"vxlan" => Some(KindData::Vxlan(vxlan::Vxlan::default())),
            b"vlan" => Some(KindData::Vlan(vlan::Vlan::default())),
            b"geneve" => Some(KindData::Geneve(geneve::Geneve::default())),
            b"vrf" => Some(KindData::Vrf(vrf::Vrf::default())),
            b"ipvlan" => Some(KindData::Ipvlan(ipvlan::Ipvlan::default())),
            b"ppp" => Some(KindData::Ppp(ppp::Ppp::default())),
            _ => None,
        }
    }

    /// Parses the payload of `IFLA_INFO_DATA` into this (empty) data.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        match self {
            KindData::Macvlan(m) | KindData::Macvtap(m) => m.parse(data),
            KindData::Veth(_) => Ok(()),
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
            KindData::Veth(v) => v.put(m),
            KindData::Vxlan(d) => d.put(m),
            KindData::Vlan(d) => d.put(m),
            KindData::Geneve(d) => d.put(m),
            KindData::Vrf(d) => d.put(m),
            KindData::Ipvlan(d) => d.put(m),
            KindData::Ppp(d) => d.put(m),
        }
    }

    /// The kind's part of the details dump.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        match self {
            KindData::Macvlan(d) => d.dump_details("macvlan", out),
            KindData::Macvtap(d) => d.dump_details("macvtap", out),
            // libnl 3.7.0 crashes dumping the details of a veth link; nothing is printed here.
            KindData::Veth(_) => {}
            KindData::Vxlan(d) => d.dump_details(out),
            KindData::Vlan(d) => d.dump_details(out),
            KindData::Geneve(d) => d.dump_details(out),
            KindData::Vrf(d) => d.dump_details(out),
            KindData::Ipvlan(d) => d.dump_details(out),
            KindData::Ppp(_) => {}
        }
    }

    /// The kind's part of the line dump, printed before the end of the line (`None`: nothing).
    pub fn dump_line(&self) -> Option<String> {
        match self {
            KindData::Vxlan(d) => Some(d.dump_line()),
            KindData::Vlan(d) => Some(d.dump_line()),
            KindData::Geneve(d) => Some(d.dump_line()),
            KindData::Vrf(d) => d.dump_line(),
            KindData::Ipvlan(d) => d.dump_line(),
            _ => None,
        }
    }

    /// Whether the data of two links of the same kind differ as libnl's kind comparison sees
    /// them (kinds without one compare equal).
    pub fn differs(&self, other: &KindData) -> bool {
        match (self, other) {
            (KindData::Vxlan(a), KindData::Vxlan(b)) => a.differs(b),
            _ => false,
        }
    }
}
