//! SR-IOV virtual functions of a link (`IFLA_VFINFO_LIST`, `netlink/route/link/sriov.h`):
//! their values, libnl's names, the parse of the list, the request attributes and the dumps,
//! observed from libnl 3.7.0:
//! * the list is read only with a non-zero `IFLA_NUM_VF`; every attribute of the list makes a
//!   VF (whatever its type), whose content is parsed with libnl's policy (a short VF attribute
//!   fails the whole message with `NLE_RANGE`);
//! * a VF's index comes from `IFLA_VF_MAC`; only VFs with an index are dumped and sent;
//! * a transmit rate of 0 and min/max rates of 0 are not taken; the last API read wins;
//! * `IFLA_VF_VLAN` (non-zero VLAN) gives a one-entry 802.1Q list, `IFLA_VF_VLAN_LIST` the
//!   list; a one-entry 802.1Q list is sent as `IFLA_VF_VLAN`, others as `IFLA_VF_VLAN_LIST`;
//! * the IB GUIDs are sent but not read.
//!
//! Not libnl: the VLAN protocol of `IFLA_VF_VLAN_INFO` is sent in network order as the
//! kernel's `__be16` says (libnl 3.7.0 sends it in host order), and the padding of
//! `struct ifla_vf_guid` is zero (libnl sends uninitialised bytes).
#![forbid(unsafe_code)]

use std::sync::{Arc, Mutex, MutexGuard};

use crate::engine::addr::{self, AF_LLC, Addr};
use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U64, NLA_UNSPEC, Policy, PolicyTable};
use crate::engine::trans;
use crate::engine::units;
use crate::error::{Error, Result};

/// `IFLA_VF_*` attribute types.
#[allow(missing_docs)]
pub mod ifla {
    pub const INFO: u16 = 1;
    pub const MAC: u16 = 1;
    pub const VLAN: u16 = 2;
    pub const TX_RATE: u16 = 3;
    pub const SPOOFCHK: u16 = 4;
    pub const LINK_STATE: u16 = 5;
    pub const RATE: u16 = 6;
    pub const RSS_QUERY_EN: u16 = 7;
    pub const STATS: u16 = 8;
    pub const TRUST: u16 = 9;
    pub const IB_NODE_GUID: u16 = 10;
    pub const IB_PORT_GUID: u16 = 11;
    pub const VLAN_LIST: u16 = 12;
    /// Highest `IFLA_VF_*` type parsed.
    pub const MAX: usize = 14;
    /// `IFLA_VF_VLAN_INFO`.
    pub const VLAN_INFO: u16 = 1;
}

/// The index is set (from `IFLA_VF_MAC` or the setter).
pub const HAS_INDEX: u32 = 1 << 0;
/// The address is set.
pub const HAS_ADDR: u32 = 1 << 1;
/// The IB node GUID is set.
pub const HAS_NODE_GUID: u32 = 1 << 2;
/// The IB port GUID is set.
pub const HAS_PORT_GUID: u32 = 1 << 3;
/// The link state is set.
pub const HAS_LINKSTATE: u32 = 1 << 4;
/// A rate is set.
pub const HAS_RATE: u32 = 1 << 5;
/// RSS query is set.
pub const HAS_RSS: u32 = 1 << 6;
/// Spoof checking is set.
pub const HAS_SPOOFCHK: u32 = 1 << 7;
/// Trust is set.
pub const HAS_TRUST: u32 = 1 << 8;
/// Statistics are set.
pub const HAS_STATS: u32 = 1 << 9;
/// VLANs are set.
pub const HAS_VLANS: u32 = 1 << 10;

/// `RTNL_LINK_VF_RATE_API_OLD`.
pub const RATE_API_OLD: i32 = 1;
/// `RTNL_LINK_VF_RATE_API_NEW`.
pub const RATE_API_NEW: i32 = 2;
/// Number of VF statistics (`RTNL_LINK_VF_STATS_MAX + 1`).
pub const STATS_COUNT: usize = 6;
/// `ETH_P_8021Q`.
pub const ETH_P_8021Q: u16 = 0x8100;
/// `MAX_VLAN_LIST_LEN`: the most VLANs a VF's list takes.
pub const MAX_VLAN_LIST_LEN: usize = 1;
/// `RTNL_VF_GUID_STR_LEN`.
pub const GUID_STR_LEN: usize = 23;

/// VF link states as libnl names them.
pub const LINKSTATES: &[(u64, &str)] = &[(0, "autodetect"), (1, "up"), (2, "down")];
/// VLAN protocols as libnl names them.
pub const VLANPROTOS: &[(u64, &str)] = &[(0x8100, "8021Q"), (0x88a8, "8021AD")];

/// One VLAN of a VF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VlanInfo {
    /// VLAN id.
    pub vlan: u32,
    /// QoS.
    pub qos: u32,
    /// Protocol (host order).
    pub proto: u16,
}

/// A virtual function.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vf {
    /// Which values are set (`HAS_*`).
    pub mask: u32,
    /// The VF number.
    pub index: u32,
    /// The MAC address.
    pub addr: Option<Addr>,
    /// IB node GUID.
    pub node_guid: u64,
    /// IB port GUID.
    pub port_guid: u64,
    /// Link state (`IFLA_VF_LINK_STATE_*`).
    pub linkstate: u32,
    /// Rate API (`RTNL_LINK_VF_RATE_API_*`).
    pub rate_api: i32,
    /// Old API rate.
    pub rate: u32,
    /// New API minimum rate.
    pub min_tx_rate: u32,
    /// New API maximum rate.
    pub max_tx_rate: u32,
    /// RSS query enabled.
    pub rss_query_en: u32,
    /// Spoof checking.
    pub spoofchk: u32,
    /// Trust.
    pub trust: u32,
    /// Statistics by `RTNL_LINK_VF_STATS_*`.
    pub stats: [u64; STATS_COUNT],
    /// VLANs.
    pub vlans: Vec<VlanInfo>,
}

/// A VF shared between the link's list and C handles (libnl's VFs are reference-counted
/// objects the list and callers hold). Cloning copies the VF (a cloned link has its own VFs,
/// as in libnl); equality compares the values.
#[derive(Debug, Default)]
pub struct SharedVf(pub Arc<Mutex<Vf>>);

impl SharedVf {
    /// A new shared VF holding `vf`.
    pub fn new(vf: Vf) -> SharedVf {
        SharedVf(Arc::new(Mutex::new(vf)))
    }

    /// The VF, locked.
    pub fn lock(&self) -> MutexGuard<'_, Vf> {
        lock(&self.0)
    }
}

/// Locks a VF (a poisoned lock still gives the value: VFs hold plain data).
pub fn lock(v: &Mutex<Vf>) -> MutexGuard<'_, Vf> {
    v.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Clone for SharedVf {
    fn clone(&self) -> Self {
        SharedVf::new(self.lock().clone())
    }
}

impl PartialEq for SharedVf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.lock() == *other.lock()
    }
}

impl Eq for SharedVf {}

/// libnl's policy of a VF's attributes (minimum sizes of the kernel's structs).
struct VfPolicy;

impl PolicyTable for VfPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        let min = |n: u16| {
            Some(Policy {
                ty: NLA_UNSPEC,
                minlen: n,
                maxlen: 0,
            })
        };
        match u16::try_from(ty).ok()? {
            ifla::MAC => min(36),
            ifla::VLAN | ifla::RATE => min(12),
            ifla::TX_RATE
            | ifla::SPOOFCHK
            | ifla::LINK_STATE
            | ifla::RSS_QUERY_EN
            | ifla::TRUST => min(8),
            ifla::IB_NODE_GUID | ifla::IB_PORT_GUID => min(16),
            _ => None,
        }
    }
}

/// The policy of the statistics nest.
struct StatsPolicy;

impl PolicyTable for StatsPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        (ty < STATS_COUNT).then(|| Policy::of(NLA_U64))
    }
}

fn u32_at(p: &[u8], off: usize) -> u32 {
    u32::from_ne_bytes(attr::read_ne::<4>(p.get(off..).unwrap_or_default()))
}

/// Parses the VF list (`IFLA_VFINFO_LIST`'s payload): one VF per attribute.
pub fn parse_list(p: &[u8]) -> Result<Vec<SharedVf>> {
    attr::iter(p)
        .map(|a| parse_vf(a.payload).map(SharedVf::new))
        .collect()
}

/// Parses one VF's attributes.
pub fn parse_vf(p: &[u8]) -> Result<Vf> {
    let tb = super::payloads(p, ifla::MAX, &VfPolicy)?;
    let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
    let mut vf = Vf::default();
    if let Some(m) = get(ifla::MAC) {
        vf.index = u32_at(m, 0);
        vf.addr = Some(Addr::build(AF_LLC, m.get(4..10).unwrap_or_default()));
        vf.mask |= HAS_INDEX | HAS_ADDR;
    }
    if let Some(l) = get(ifla::VLAN_LIST) {
        vf.vlans = attr::iter(l)
            .filter(|a| a.ty() == ifla::VLAN_INFO && a.payload.len() >= 14)
            .take(MAX_VLAN_LIST_LEN)
            .map(|a| VlanInfo {
                vlan: u32_at(a.payload, 4),
                qos: u32_at(a.payload, 8),
                proto: u16::from_be_bytes(attr::read_ne::<2>(
                    a.payload.get(12..).unwrap_or_default(),
                )),
            })
            .collect();
        vf.mask |= HAS_VLANS;
    } else if let Some(v) = get(ifla::VLAN) {
        let vlan = u32_at(v, 4);
        if vlan != 0 {
            vf.vlans = vec![VlanInfo {
                vlan,
                qos: u32_at(v, 8),
                proto: ETH_P_8021Q,
            }];
            vf.mask |= HAS_VLANS;
        }
    }
    if let Some(r) = get(ifla::TX_RATE) {
        let rate = u32_at(r, 4);
        if rate != 0 {
            vf.rate = rate;
            vf.rate_api = RATE_API_OLD;
            vf.mask |= HAS_RATE;
        }
    }
    if let Some(r) = get(ifla::RATE) {
        let (min, max) = (u32_at(r, 4), u32_at(r, 8));
        if min != 0 || max != 0 {
            vf.min_tx_rate = min;
            vf.max_tx_rate = max;
            vf.rate_api = RATE_API_NEW;
            vf.mask |= HAS_RATE;
        }
    }
    let setting = |ty: u16| get(ty).map(|a| u32_at(a, 4));
    if let Some(v) = setting(ifla::SPOOFCHK) {
        vf.spoofchk = v;
        vf.mask |= HAS_SPOOFCHK;
    }
    if let Some(v) = setting(ifla::LINK_STATE) {
        vf.linkstate = v;
        vf.mask |= HAS_LINKSTATE;
    }
    if let Some(v) = setting(ifla::RSS_QUERY_EN) {
        vf.rss_query_en = v;
        vf.mask |= HAS_RSS;
    }
    if let Some(v) = setting(ifla::TRUST) {
        vf.trust = v;
        vf.mask |= HAS_TRUST;
    }
    if let Some(s) = get(ifla::STATS) {
        let st = super::payloads(s, STATS_COUNT - 1, &StatsPolicy)?;
        for (i, v) in st.iter().enumerate() {
            if let (Some(v), Some(slot)) = (v, vf.stats.get_mut(i)) {
                *slot = u64::from_ne_bytes(attr::read_ne::<8>(v));
            }
        }
        vf.mask |= HAS_STATS;
    }
    Ok(vf)
}

impl Vf {
    /// Appends this VF's `IFLA_VF_INFO` to a request (VFs without an index are skipped).
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if self.mask & HAS_INDEX == 0 {
            return Ok(());
        }
        let has = |b: u32| self.mask & b != 0;
        let idx = self.index.to_ne_bytes();
        let with = |rest: &[&[u8]]| -> Vec<u8> {
            let mut v = idx.to_vec();
            for r in rest {
                v.extend_from_slice(r);
            }
            v
        };
        let nest = m.nest_start(ifla::INFO)?;
        if let (true, Some(a)) = (has(HAS_ADDR), &self.addr) {
            let mut mac = [0u8; 32];
            for (d, b) in mac.iter_mut().zip(&a.bytes) {
                *d = *b;
            }
            m.put_attr(ifla::MAC, &with(&[&mac]))?;
        }
        if has(HAS_VLANS) && !self.vlans.is_empty() {
            match self.vlans.as_slice() {
                [v] if v.proto == ETH_P_8021Q => {
                    m.put_attr(
                        ifla::VLAN,
                        &with(&[&v.vlan.to_ne_bytes(), &v.qos.to_ne_bytes()]),
                    )?;
                }
                list => {
                    let l = m.nest_start(ifla::VLAN_LIST)?;
                    for v in list {
                        m.put_attr(
                            ifla::VLAN_INFO,
                            &with(&[
                                &v.vlan.to_ne_bytes(),
                                &v.qos.to_ne_bytes(),
                                &v.proto.to_be_bytes(),
                                &[0, 0],
                            ]),
                        )?;
                    }
                    m.nest_end(l, false)?;
                }
            }
        }
        if has(HAS_RATE) {
            if self.rate != 0 {
                m.put_attr(ifla::TX_RATE, &with(&[&self.rate.to_ne_bytes()]))?;
            }
            if self.min_tx_rate != 0 || self.max_tx_rate != 0 {
                m.put_attr(
                    ifla::RATE,
                    &with(&[
                        &self.min_tx_rate.to_ne_bytes(),
                        &self.max_tx_rate.to_ne_bytes(),
                    ]),
                )?;
            }
        }
        for (bit, ty, v) in [
            (HAS_SPOOFCHK, ifla::SPOOFCHK, self.spoofchk),
            (HAS_LINKSTATE, ifla::LINK_STATE, self.linkstate),
            (HAS_RSS, ifla::RSS_QUERY_EN, self.rss_query_en),
            (HAS_TRUST, ifla::TRUST, self.trust),
        ] {
            if has(bit) {
                m.put_attr(ty, &with(&[&v.to_ne_bytes()]))?;
            }
        }
        for (bit, ty, g) in [
            (HAS_NODE_GUID, ifla::IB_NODE_GUID, self.node_guid),
            (HAS_PORT_GUID, ifla::IB_PORT_GUID, self.port_guid),
        ] {
            if has(bit) {
                m.put_attr(ty, &with(&[&[0; 4], &g.to_ne_bytes()]))?;
            }
        }
        m.nest_end(nest, false)
    }

    /// A value when `bit` is set, else `Error::NoAttr`.
    pub fn value<R>(&self, bit: u32, f: impl FnOnce(&Vf) -> R) -> Result<R> {
        if self.mask & bit != 0 {
            Ok(f(self))
        } else {
            Err(Error::NoAttr)
        }
    }

    /// This VF's part of the details dump (nothing without an index).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        if self.mask & HAS_INDEX == 0 {
            return;
        }
        let on = |v: u32| if v != 0 { "on" } else { "off" };
        let mut l = format!("\tvf {}: ", self.index);
        if self.mask & HAS_LINKSTATE != 0 {
            l.push_str(&format!(
                "state {} ",
                String::from_utf8_lossy(&linkstate2str(self.linkstate))
            ));
        }
        if let (true, Some(a)) = (self.mask & HAS_ADDR != 0, &self.addr) {
            l.push_str(&format!("addr {} ", addr::to_string(a)));
        }
        l.push('\n');
        out.line(&l);
        out.line(&format!(
            "\t      spoofchk {} trust {} rss_query {}\n",
            on(self.spoofchk),
            on(self.trust),
            on(self.rss_query_en)
        ));
        if self.mask & HAS_RATE != 0 {
            match self.rate_api {
                RATE_API_OLD => out.line(&format!("\t      rate_api old rate {}\n", self.rate)),
                RATE_API_NEW => out.line(&format!(
                    "\t      rate_api new min_rate {} max_rate {}\n",
                    self.min_tx_rate, self.max_tx_rate
                )),
                _ => {}
            }
        }
        if self.mask & HAS_VLANS != 0 && !self.vlans.is_empty() {
            out.line("\t      VLANS:\n");
            for v in &self.vlans {
                out.line(&format!(
                    "\t      vlan {} qos {} proto {}\n",
                    v.vlan,
                    v.qos,
                    String::from_utf8_lossy(&vlanproto2str(v.proto))
                ));
            }
        }
    }

    /// This VF's part of the statistics dump (nothing without an index).
    pub fn dump_stats(&self, out: &mut dyn DumpOut) {
        if self.mask & HAS_INDEX == 0 {
            return;
        }
        let s = |i: usize| self.stats.get(i).copied().unwrap_or(0);
        let bytes = |v: u64| {
            let (v, u) = units::cancel_down_bytes(v);
            format!("{v:>10.2} {:>3}", u.to_string_lossy())
        };
        out.line(&format!("    VF {} Stats:\n", self.index));
        out.line("\tRX:    bytes          packets      multicast  broadcast \n");
        out.line(&format!(
            "\t{}   {:>10}   {:>10} {:>10}\n",
            bytes(s(2)),
            s(0),
            s(5),
            s(4)
        ));
        out.line("\tTX:    bytes          packets   \n");
        out.line(&format!("\t{}   {:>10}\n", bytes(s(3)), s(1)));
    }
}

/// `rtnl_link_vf_linkstate2str`.
pub fn linkstate2str(v: u32) -> Vec<u8> {
    trans::type2str(v as i32, trans::entries(LINKSTATES))
}

/// `rtnl_link_vf_str2linkstate`.
pub fn str2linkstate(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(LINKSTATES))
}

/// `rtnl_link_vf_vlanproto2str`.
pub fn vlanproto2str(v: u16) -> Vec<u8> {
    trans::type2str(i32::from(v), trans::entries(VLANPROTOS))
}

/// `rtnl_link_vf_str2vlanproto`.
pub fn str2vlanproto(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(VLANPROTOS))
}

/// `rtnl_link_vf_str2guid`: `xx:xx:xx:xx:xx:xx:xx:xx` (exactly [`GUID_STR_LEN`] characters),
/// most significant byte first. `None` for text of another length (nothing stored),
/// `Some(None)` for text of the right length that is not a GUID (libnl stores 0 then).
pub fn str2guid(s: &[u8]) -> Option<Option<u64>> {
    if s.len() != GUID_STR_LEN {
        return None;
    }
    let mut g: u64 = 0;
    for (i, part) in s.split(|c| *c == b':').enumerate() {
        let ok = i < 8 && part.len() == 2 && part.iter().all(u8::is_ascii_hexdigit);
        let v = ok
            .then(|| std::str::from_utf8(part).ok())
            .flatten()
            .and_then(|t| u8::from_str_radix(t, 16).ok());
        let Some(v) = v else {
            return Some(None);
        };
        g = (g << 8) | u64::from(v);
    }
    Some(Some(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(ty: u16, payload: &[u8]) -> Vec<u8> {
        let mut v = ((payload.len() + 4) as u16).to_ne_bytes().to_vec();
        v.extend_from_slice(&ty.to_ne_bytes());
        v.extend_from_slice(payload);
        v.resize(v.len().next_multiple_of(4), 0);
        v
    }

    fn words(w: &[u32]) -> Vec<u8> {
        w.iter().flat_map(|v| v.to_ne_bytes()).collect()
    }

    fn put_bytes(vf: &Vf) -> Vec<u8> {
        let mut m = Message::simple(16, 0).unwrap();
        vf.put(&mut m).unwrap();
        m.bytes()[16..].to_vec()
    }

    #[test]
    fn vf_parses_and_puts_as_libnl() {
        let mut mac = words(&[3]);
        mac.extend([2, 0, 0, 0, 0, 0x33]);
        mac.resize(36, 0);
        let info = [
            attr(ifla::MAC, &mac),
            attr(ifla::VLAN, &words(&[3, 10, 1])),
            attr(ifla::TX_RATE, &words(&[3, 100])),
            attr(ifla::RATE, &words(&[3, 30, 300])),
            attr(ifla::SPOOFCHK, &words(&[3, 0])),
            attr(ifla::LINK_STATE, &words(&[3, 1])),
            attr(ifla::RSS_QUERY_EN, &words(&[3, 1])),
            attr(ifla::TRUST, &words(&[3, 0])),
        ]
        .concat();
        let vf = parse_vf(&info).unwrap();
        assert_eq!((vf.index, vf.rate_api, vf.rate), (3, RATE_API_NEW, 100));
        assert_eq!(
            vf.vlans,
            vec![VlanInfo {
                vlan: 10,
                qos: 1,
                proto: ETH_P_8021Q
            }]
        );
        // libnl 3.7.0 sends the same attributes back, in this order.
        assert_eq!(put_bytes(&vf), attr(ifla::INFO | 0x8000, &info));
        // A VF without an index is not sent.
        assert_eq!(put_bytes(&Vf::default()), b"");
    }

    #[test]
    fn vlan_lists_and_guids_are_sent_as_the_kernel_reads_them() {
        let mut vf = Vf {
            mask: HAS_INDEX | HAS_VLANS | HAS_NODE_GUID,
            index: 2,
            node_guid: 0x1111,
            vlans: vec![VlanInfo {
                vlan: 200,
                qos: 5,
                proto: 0x88a8,
            }],
            ..Vf::default()
        };
        let mut want = attr(
            ifla::VLAN_LIST | 0x8000,
            &attr(
                ifla::VLAN_INFO,
                &[words(&[2, 200, 5]), vec![0x88, 0xa8, 0, 0]].concat(),
            ),
        );
        let mut g = words(&[2, 0]);
        g.extend(0x1111u64.to_ne_bytes());
        want.extend(attr(ifla::IB_NODE_GUID, &g));
        assert_eq!(put_bytes(&vf), attr(ifla::INFO | 0x8000, &want));
        // Parsed back: the protocol in host order.
        vf.mask &= !HAS_NODE_GUID;
        let back = parse_vf(&put_bytes(&vf)[4..]).unwrap();
        assert_eq!(back.vlans, vf.vlans);
    }

    #[test]
    fn bad_lists_are_errors_or_empty_vfs() {
        // Every attribute of the list is a VF; content that is not attributes gives an empty
        // one.
        let list = [attr(5, b"abcd"), attr(ifla::INFO, &[1, 2, 3])].concat();
        let vfs = parse_list(&list).unwrap();
        assert_eq!(vfs.len(), 2);
        assert!(vfs.iter().all(|v| v.lock().mask == 0));
        // Short VF attributes fail the parse.
        for ty in [
            ifla::MAC,
            ifla::VLAN,
            ifla::TX_RATE,
            ifla::RATE,
            ifla::TRUST,
        ] {
            let l = attr(ifla::INFO, &attr(ty, &[0; 4]));
            assert_eq!(parse_list(&l).err(), Some(Error::Range), "type {ty}");
        }
        // Garbage statistics: present, all zero.
        let vf = parse_vf(&attr(ifla::STATS, &[1, 2, 3])).unwrap();
        assert_eq!((vf.mask, vf.stats), (HAS_STATS, [0; STATS_COUNT]));
        // A VLAN list without entries: an empty list, not a crash (libnl 3.7.0 crashes).
        let vf = parse_vf(&attr(ifla::VLAN_LIST, &[1, 2, 3])).unwrap();
        assert!(vf.vlans.is_empty());
    }

    #[test]
    fn links_read_the_list_only_with_a_number_of_vfs() {
        use crate::engine::route::link::{ATTR_VF_LIST, Link, ifla as l};
        let mut mac = words(&[4]);
        mac.extend([2, 0, 0, 0, 0, 4]);
        mac.resize(36, 0);
        let list = attr(ifla::INFO, &attr(ifla::MAC, &mac));
        let msg = |num: u32| {
            let mut p = vec![0u8; 16];
            p.extend(attr(l::IFNAME, b"pf0\0"));
            p.extend(attr(l::NUM_VF, &num.to_ne_bytes()));
            p.extend(attr(l::VFINFO_LIST, &list));
            p
        };
        let link = Link::parse(&msg(0)).unwrap();
        assert!(link.vf_list.is_none() && link.mask & ATTR_VF_LIST == 0);
        let link = Link::parse(&msg(1)).unwrap();
        assert_eq!(link.mask & ATTR_VF_LIST, ATTR_VF_LIST);
        // Sent after IFLA_LINKINFO, the VF as read.
        let mut m = Message::simple(16, 0).unwrap();
        link.put_request_attrs(&mut m).unwrap();
        assert!(m.bytes()[16..].ends_with(&attr(
            l::VFINFO_LIST | 0x8000,
            &attr(ifla::INFO | 0x8000, &attr(ifla::MAC, &mac))
        )));
        // A cloned link has its own VFs.
        let c = link.clone();
        if let Some(v) = c.vf_list.as_ref().and_then(|l| l.first()) {
            v.lock().trust = 1;
        }
        assert_ne!(c.vf_list, link.vf_list);
    }

    #[test]
    fn names_match_libnl() {
        assert_eq!(linkstate2str(0), b"autodetect");
        assert_eq!(linkstate2str(3), b"0x3");
        assert_eq!(str2linkstate(b"auto"), Err(Error::ObjNotFound));
        assert_eq!(str2linkstate(b"UP"), Ok(1));
        assert_eq!(vlanproto2str(0x88a8), b"8021AD");
        assert_eq!(str2vlanproto(b"0x8100"), Ok(0x8100));
        assert_eq!(
            str2guid(b"01:02:03:04:05:06:07:08"),
            Some(Some(0x0102_0304_0506_0708))
        );
        assert_eq!(str2guid(b"zz:02:03:04:05:06:07:08"), Some(None));
        assert_eq!(str2guid(b"1:2:3:4:5:6:7:8"), None);
    }
}
