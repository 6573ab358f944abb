//! Per-family link data (libnl's "af ops"): `AF_INET` ([`inet`]), `AF_BRIDGE` ([`bridge`]) and
//! `AF_INET6` ([`inet6`]), parsed from `IFLA_AF_SPEC` and `IFLA_PROTINFO`, sent in requests
//! and dumped in family order after the link's own details.
#![forbid(unsafe_code)]

pub mod bridge;
pub mod inet;
pub mod inet6;

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::route::link::{STATS_COUNT, ifla};
use crate::error::Result;

const AF_INET: u8 = libc::AF_INET as u8;
const AF_BRIDGE: u8 = libc::AF_BRIDGE as u8;
const AF_INET6: u8 = libc::AF_INET6 as u8;

/// The per-family data of a link: present for the families the link has data of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AfData {
    /// `AF_INET`.
    pub inet: Option<inet::Inet>,
    /// `AF_BRIDGE` (boxed: its VLAN bitmaps make it large, and most links have none).
    pub bridge: Option<Box<bridge::Bridge>>,
    /// `AF_INET6`.
    pub inet6: Option<inet6::Inet6>,
}

impl AfData {
    /// Whether there is data for one of the families at all.
    pub fn is_empty(&self) -> bool {
        self.inet.is_none() && self.bridge.is_none() && self.inet6.is_none()
    }

    /// Makes (empty) data for `family` when libnl has a module for it, as libnl does when a
    /// link's family is set or a message of that family is parsed.
    pub fn alloc(&mut self, family: u8) {
        match family {
            AF_INET => {
                self.inet.get_or_insert_with(Default::default);
            }
            AF_BRIDGE => {
                self.bridge.get_or_insert_with(Default::default);
            }
            AF_INET6 => {
                self.inet6.get_or_insert_with(Default::default);
            }
            _ => {}
        }
    }

    /// Parses `IFLA_AF_SPEC` of a link of `family`: the bridge's own attributes for
    /// `AF_BRIDGE`, else one nest per family (families without a module are skipped).
    pub fn parse_spec(
        &mut self,
        family: u8,
        nest: &[u8],
        stats: &mut [u64; STATS_COUNT],
    ) -> Result<()> {
        if family == AF_BRIDGE {
            return self
                .bridge
                .get_or_insert_with(Default::default)
                .parse_af_spec(nest);
        }
        for a in attr::iter(nest) {
            match u8::try_from(a.ty()) {
                Ok(AF_INET) => self
                    .inet
                    .get_or_insert_with(Default::default)
                    .parse(a.payload)?,
                Ok(AF_INET6) => self
                    .inet6
                    .get_or_insert_with(Default::default)
                    .parse(a.payload, stats)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Parses `IFLA_PROTINFO` of a link of `family` (bridge ports and IPv6 link events).
    pub fn parse_protinfo(
        &mut self,
        family: u8,
        p: &[u8],
        nested: bool,
        stats: &mut [u64; STATS_COUNT],
    ) -> Result<()> {
        match family {
            AF_BRIDGE => self
                .bridge
                .get_or_insert_with(Default::default)
                .parse_protinfo(p, nested),
            AF_INET6 => self
                .inet6
                .get_or_insert_with(Default::default)
                .parse(p, stats),
            _ => Ok(()),
        }
    }

    /// The request attributes of a link of `family`: the bridge's `IFLA_PROTINFO` (bridge
    /// links), then `IFLA_AF_SPEC` with each family's part in family order (no empty nests).
    pub fn put(&self, family: u8, m: &mut Message) -> Result<()> {
        let bridge = self.bridge.as_ref().filter(|_| family == AF_BRIDGE);
        if let Some(b) = bridge {
            b.put_protinfo(m)?;
        }
        let nest = m.nest_start(ifla::AF_SPEC)?;
        if let Some(i) = &self.inet {
            i.put(m)?;
        }
        if let Some(b) = bridge {
            b.put_af(m)?;
        }
        if let Some(i) = &self.inet6 {
            i.put(m)?;
        }
        m.nest_end(nest, false)
    }

    /// The details of each family, in family order.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        if let Some(i) = &self.inet {
            i.dump_details(out);
        }
        if let Some(b) = &self.bridge {
            b.dump_details(out);
        }
        if let Some(i) = &self.inet6 {
            i.dump_details(out);
        }
    }

    /// The statistics of each family (IPv6's counters).
    pub fn dump_stats(&self, stats: &[u64; STATS_COUNT], out: &mut dyn DumpOut) {
        if self.inet6.is_some() {
            inet6::Inet6::dump_stats(stats, out);
        }
    }
}

#[cfg(test)]
mod tests;
