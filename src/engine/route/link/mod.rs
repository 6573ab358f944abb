//! Links (`struct rtnl_link`): the attributes of `RTM_NEWLINK` messages, libnl's presence bits
//! and printed names for them, the policy libnl validates them with, the statistics, and the
//! requests libnl builds (`rtnl_link_build_add_request` / `_change_request` / `_delete_request`
//! / `_get_request`).
//!
//! Facts observed from libnl 3.7.0 (see the module tests for the bytes):
//! * presence bits 0–25, 27–30, 32 and 34–39 as [`link_attrs!`](crate::link_attrs) lists them,
//!   plus [`ATTR_LINKINFO`] (bit 18, the kind), [`ATTR_AF_SPEC`] (bit 27) and
//!   [`ATTR_SLAVE_KIND`] (bit 39), which libnl's attribute names leave unnamed;
//! * `IFLA_IFNAME` is required (`NLE_MISSING_ATTR` without it), the family header must be a
//!   whole `struct ifinfomsg` (`NLE_MSG_TOOSHORT`), and the policy of [`LinkPolicy`];
//! * addresses take the family their length suggests (`nl_addr_guess_family`);
//! * `IFLA_STATS64` wins over `IFLA_STATS` whatever their order;
//! * a request carries the attributes in [`Link::put_request_attrs`]'s order, the flags the
//!   caller set in `ifi_flags` and the flags it set or cleared in `ifi_change`.
#![forbid(unsafe_code)]

pub mod af;
mod dump;
pub mod kind;
pub mod names;
pub mod sriov;
#[cfg(test)]
mod tests;

use crate::engine::addr::{self, Addr};
use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::table::{cstr_part, fixed_str};
use crate::engine::object::{self as obj, AttrDesc};
use crate::engine::policy::{NLA_STRING, NLA_U8, NLA_U32, NLA_UNSPEC, Policy, PolicyTable};
use crate::error::{Error, Result};

/// `IFNAMSIZ`.
pub const IFNAMSIZ: usize = 16;
/// `IFQDISCSIZ` (libnl's size of the qdisc name).
pub const IFQDISCSIZ: usize = 32;
/// `IFALIASZ`.
pub const IFALIASZ: usize = 256;
/// Size of `struct ifinfomsg`.
pub const IFINFOMSG_LEN: usize = 16;
/// `RTNL_LINK_STATS_MAX + 1`: the number of statistics a link keeps.
pub const STATS_COUNT: usize = 65;

/// `RTM_NEWLINK`.
pub const RTM_NEWLINK: u16 = 16;
/// `RTM_DELLINK`.
pub const RTM_DELLINK: u16 = 17;
/// `RTM_GETLINK`.
pub const RTM_GETLINK: u16 = 18;
/// `RTM_SETLINK`.
pub const RTM_SETLINK: u16 = 19;

/// `IFLA_*` attribute types used here.
#[allow(missing_docs)]
pub mod ifla {
    pub const ADDRESS: u16 = 1;
    pub const BROADCAST: u16 = 2;
    pub const IFNAME: u16 = 3;
    pub const MTU: u16 = 4;
    pub const LINK: u16 = 5;
    pub const QDISC: u16 = 6;
    pub const STATS: u16 = 7;
    pub const MASTER: u16 = 10;
    pub const PROTINFO: u16 = 12;
    pub const TXQLEN: u16 = 13;
    pub const MAP: u16 = 14;
    pub const WEIGHT: u16 = 15;
    pub const OPERSTATE: u16 = 16;
    pub const LINKMODE: u16 = 17;
    pub const LINKINFO: u16 = 18;
    pub const NET_NS_PID: u16 = 19;
    pub const IFALIAS: u16 = 20;
    pub const NUM_VF: u16 = 21;
    pub const VFINFO_LIST: u16 = 22;
    pub const STATS64: u16 = 23;
    pub const AF_SPEC: u16 = 26;
    pub const GROUP: u16 = 27;
    pub const NET_NS_FD: u16 = 28;
    pub const EXT_MASK: u16 = 29;
    pub const PROMISCUITY: u16 = 30;
    pub const NUM_TX_QUEUES: u16 = 31;
    pub const NUM_RX_QUEUES: u16 = 32;
    pub const CARRIER: u16 = 33;
    pub const PHYS_PORT_ID: u16 = 34;
    pub const CARRIER_CHANGES: u16 = 35;
    pub const PHYS_SWITCH_ID: u16 = 36;
    pub const LINK_NETNSID: u16 = 37;
    pub const PHYS_PORT_NAME: u16 = 38;
    pub const GSO_MAX_SEGS: u16 = 40;
    pub const GSO_MAX_SIZE: u16 = 41;
    /// Highest attribute libnl's link policy covers here.
    pub const MAX: usize = 60;

    /// `IFLA_INFO_*` (inside `IFLA_LINKINFO`).
    pub const INFO_KIND: u16 = 1;
    pub const INFO_DATA: u16 = 2;
    pub const INFO_XSTATS: u16 = 3;
    pub const INFO_SLAVE_KIND: u16 = 4;
    pub const INFO_SLAVE_DATA: u16 = 5;
}

/// `AF_UNSPEC` as the one-byte `ifi_family`.
const AF_UNSPEC_U8: u8 = 0;
/// `AF_BRIDGE`.
pub const AF_BRIDGE: u8 = 7;

/// `RTEXT_FILTER_VF`: what `rtnl_link_build_get_request` asks for in `IFLA_EXT_MASK`.
pub const RTEXT_FILTER_VF: u32 = 1;
/// `RTEXT_FILTER_BRVLAN`: the bridge VLANs (and, in AF_BRIDGE dumps, the bridges themselves).
pub const RTEXT_FILTER_BRVLAN: u32 = 2;

/// The link's `struct rtnl_link_ifmap` (`IFLA_MAP`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ifmap {
    /// `mem_start`.
    pub mem_start: u64,
    /// `mem_end`.
    pub mem_end: u64,
    /// `base_addr`.
    pub base_addr: u64,
    /// `irq`.
    pub irq: u16,
    /// `dma`.
    pub dma: u8,
    /// `port`.
    pub port: u8,
}

impl Ifmap {
    /// Size of the map on the wire (libnl's policy minimum: the C struct with its padding).
    pub const WIRE_LEN: usize = 32;

    fn decode(p: &[u8]) -> Option<Ifmap> {
        let u64_at = |o: usize| p.get(o..o + 8).map(attr::read_ne::<8>);
        Some(Ifmap {
            mem_start: u64::from_ne_bytes(u64_at(0)?),
            mem_end: u64::from_ne_bytes(u64_at(8)?),
            base_addr: u64::from_ne_bytes(u64_at(16)?),
            irq: u16::from_ne_bytes(attr::read_ne::<2>(p.get(24..26)?)),
            dma: *p.get(26)?,
            port: *p.get(27)?,
        })
    }
}

/// The attribute table of links (see [`crate::engine::object::table`]): presence bit, the
/// name libnl's `attrs2str` prints (rows in libnl's printing order), field, comparison, and the
/// `IFLA_*` attribute with its wire type where one attribute maps to one field. `$cb` receives
/// the rows.
#[macro_export]
macro_rules! link_attrs {
    ($cb:path $(, $arg:tt)*) => {
        $cb! { [$($arg)*] $crate::engine::route::link::Link {
            ATTR_MTU = 1 << 0, "mtu", mtu, cmp eq, nla(4, U32),
                get(rtnl_link_get_mtu -> c_uint, 0), set(rtnl_link_set_mtu(c_uint));
            ATTR_LINK = 1 << 1, "link", link, cmp eq, nla(5, U32),
                get(rtnl_link_get_link -> c_int, 0), set(rtnl_link_set_link(c_int));
            ATTR_TXQLEN = 1 << 2, "txqlen", txqlen, cmp eq, nla(13, U32),
                get(rtnl_link_get_txqlen -> c_uint, 0), set(rtnl_link_set_txqlen(c_uint));
            ATTR_WEIGHT = 1 << 3, "weight", weight, cmp eq, nla(15, U32),
                get(rtnl_link_get_weight -> c_uint, 0), set(rtnl_link_set_weight(c_uint));
            ATTR_MASTER = 1 << 4, "master", master, cmp eq, nla(10, U32),
                get(rtnl_link_get_master -> c_int, 0), set(rtnl_link_set_master(c_int));
            ATTR_QDISC = 1 << 5, "qdisc", qdisc, cmp eq, nla(6, Str);
            ATTR_MAP = 1 << 6, "map", map, cmp none;
            ATTR_ADDR = 1 << 7, "address", addr, cmp eq;
            ATTR_BRD = 1 << 8, "broadcast", brd, cmp eq;
            ATTR_FLAGS = 1 << 9, "flags", flags, cmp none;
            ATTR_IFNAME = 1 << 10, "name", name, cmp eq, nla(3, Str);
            ATTR_IFINDEX = 1 << 11, "ifindex", ifindex, cmp eq,
                get(rtnl_link_get_ifindex -> c_int, 0), set(rtnl_link_set_ifindex(c_int));
            ATTR_FAMILY = 1 << 12, "family", family, cmp eq,
                get(rtnl_link_get_family -> c_int, 0);
            ATTR_ARPTYPE = 1 << 13, "arptype", arptype, cmp none,
                get(rtnl_link_get_arptype -> c_uint, 0xffff), set(rtnl_link_set_arptype(c_uint));
            ATTR_STATS = 1 << 14, "stats", stats, cmp none;
            ATTR_CHANGE = 1 << 15, "change", change, cmp none;
            ATTR_OPERSTATE = 1 << 16, "operstate", operstate, cmp eq, nla(16, U8),
                get(rtnl_link_get_operstate -> u8, 0), set(rtnl_link_set_operstate(u8));
            ATTR_LINKMODE = 1 << 17, "linkmode", linkmode, cmp eq, nla(17, U8),
                get(rtnl_link_get_linkmode -> u8, 0), set(rtnl_link_set_linkmode(u8));
            ATTR_IFALIAS = 1 << 19, "ifalias", ifalias, cmp eq, nla(20, Str);
            ATTR_NUM_VF = 1 << 20, "num_vf", num_vf, cmp eq, nla(21, U32);
            ATTR_PROMISCUITY = 1 << 21, "promiscuity", promiscuity, cmp eq, nla(30, U32),
                get(rtnl_link_get_promiscuity -> u32, 0), set(rtnl_link_set_promiscuity(u32));
            ATTR_NUM_TX_QUEUES = 1 << 22, "num_tx_queues", num_tx_queues, cmp eq, nla(31, U32),
                get(rtnl_link_get_num_tx_queues -> u32, 0), set(rtnl_link_set_num_tx_queues(u32));
            ATTR_NUM_RX_QUEUES = 1 << 23, "num_rx_queues", num_rx_queues, cmp eq, nla(32, U32),
                get(rtnl_link_get_num_rx_queues -> u32, 0), set(rtnl_link_set_num_rx_queues(u32));
            ATTR_GSO_MAX_SEGS = 1 << 37, "gso_max_segs", gso_max_segs, cmp none, nla(40, U32);
            ATTR_GSO_MAX_SIZE = 1 << 38, "gso_max_size", gso_max_size, cmp none, nla(41, U32);
            ATTR_GROUP = 1 << 24, "group", group, cmp eq, nla(27, U32),
                get(rtnl_link_get_group -> u32, 0), set(rtnl_link_set_group(u32));
            ATTR_CARRIER = 1 << 25, "carrier", carrier, cmp none, nla(33, U8),
                get(rtnl_link_get_carrier -> u8, 0), set(rtnl_link_set_carrier(u8));
            ATTR_CARRIER_CHANGES = 1 << 34, "carrier_changes", carrier_changes, cmp none, nla(35, U32);
            ATTR_PHYS_PORT_ID = 1 << 28, "phys_port_id", phys_port_id, cmp none, nla(34, Bin);
            ATTR_PHYS_PORT_NAME = 1 << 35, "phys_port_name", phys_port_name, cmp none, nla(38, Str);
            ATTR_PHYS_SWITCH_ID = 1 << 36, "phys_switch_id", phys_switch_id, cmp none, nla(36, Bin);
            ATTR_NS_FD = 1 << 29, "ns_fd", ns_fd, cmp none, nla(28, U32),
                get(rtnl_link_get_ns_fd -> c_int, 0), set(rtnl_link_set_ns_fd(c_int));
            ATTR_NS_PID = 1 << 30, "ns_pid", ns_pid, cmp none, nla(19, U32),
                get(rtnl_link_get_ns_pid -> pid_t, 0), set(rtnl_link_set_ns_pid(pid_t));
            ATTR_LINK_NETNSID = 1 << 32, "link_netnsid", link_netnsid, cmp eq, nla(37, U32);
        } }
    };
}
crate::link_attrs!(crate::object_table);

/// The kind (`IFLA_INFO_KIND`): a bit libnl's attribute names leave unnamed.
pub const ATTR_LINKINFO: u64 = 1 << 18;
/// The per-family data (`IFLA_AF_SPEC`), unnamed as well.
pub const ATTR_AF_SPEC: u64 = 1 << 27;
/// The slave kind (`IFLA_INFO_SLAVE_KIND`), unnamed as well.
pub const ATTR_SLAVE_KIND: u64 = 1 << 39;
/// The VF list (`IFLA_VFINFO_LIST`; libnl 3.7.0 does not compare VF lists).
pub const ATTR_VF_LIST: u64 = 1 << 42;
/// The identity of a link: its index and family.
pub const ID_ATTRS: u64 = ATTR_IFINDEX | ATTR_FAMILY;

/// libnl's link policy (observed limits; attributes without an entry are not checked by
/// libnl). `IFLA_LINK_NETNSID` is checked as a 32-bit value here: libnl has no policy for it
/// and reads four bytes whatever the payload holds.
pub struct LinkPolicy;

impl PolicyTable for LinkPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        let p = |ty, minlen, maxlen| Some(Policy { ty, minlen, maxlen });
        match u16::try_from(ty).ok()? {
            ifla::IFNAME | ifla::PHYS_PORT_NAME => p(NLA_STRING, 0, IFNAMSIZ as u16),
            ifla::QDISC => p(NLA_STRING, 0, IFQDISCSIZ as u16),
            ifla::IFALIAS => p(NLA_STRING, 0, IFALIASZ as u16),
            ifla::STATS => p(NLA_UNSPEC, 92, 0),
            ifla::STATS64 => p(NLA_UNSPEC, 184, 0),
            ifla::MAP => p(NLA_UNSPEC, Ifmap::WIRE_LEN as u16, 0),
            ifla::OPERSTATE | ifla::LINKMODE | ifla::CARRIER => p(NLA_U8, 0, 0),
            ifla::MTU
            | ifla::LINK
            | ifla::MASTER
            | ifla::TXQLEN
            | ifla::WEIGHT
            | ifla::NET_NS_PID
            | ifla::NUM_VF
            | ifla::GROUP
            | ifla::NET_NS_FD
            | ifla::PROMISCUITY
            | ifla::NUM_TX_QUEUES
            | ifla::NUM_RX_QUEUES
            | ifla::CARRIER_CHANGES
            | ifla::LINK_NETNSID
            | ifla::GSO_MAX_SEGS
            | ifla::GSO_MAX_SIZE => p(NLA_U32, 0, 0),
            _ => None,
        }
    }
}

/// libnl's policy of `IFLA_LINKINFO`'s content.
struct InfoPolicy;

impl PolicyTable for InfoPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            ifla::INFO_KIND | ifla::INFO_SLAVE_KIND => Some(Policy::of(NLA_STRING)),
            _ => None,
        }
    }
}

/// Where each counter of the kernel's `struct rtnl_link_stats{,64}` goes among libnl's
/// statistics (`RTNL_LINK_*`, the order of `enum rtnl_link_stat_id_t`).
pub const KERNEL_STATS_ORDER: [usize; 24] = [
    0,  // rx_packets
    1,  // tx_packets
    2,  // rx_bytes
    3,  // tx_bytes
    4,  // rx_errors
    5,  // tx_errors
    6,  // rx_dropped
    7,  // tx_dropped
    22, // multicast
    21, // collisions
    12, // rx_length_errors
    13, // rx_over_errors
    14, // rx_crc_errors
    15, // rx_frame_errors
    10, // rx_fifo_errors
    16, // rx_missed_errors
    17, // tx_aborted_errors
    18, // tx_carrier_errors
    11, // tx_fifo_errors
    19, // tx_heartbeat_errors
    20, // tx_window_errors
    8,  // rx_compressed
    9,  // tx_compressed
    63, // rx_nohandler
];

/// The names `rtnl_link_stat2str` gives the statistics, by id.
pub const STAT_NAMES: [&str; STATS_COUNT] = [
    "rx_packets",
    "tx_packets",
    "rx_bytes",
    "tx_bytes",
    "rx_errors",
    "tx_errors",
    "rx_dropped",
    "tx_dropped",
    "rx_compressed",
    "tx_compressed",
    "rx_fifo_err",
    "tx_fifo_err",
    "rx_len_err",
    "rx_over_err",
    "rx_crc_err",
    "rx_frame_err",
    "rx_missed_err",
    "tx_abort_err",
    "tx_carrier_err",
    "tx_hbeat_err",
    "tx_win_err",
    "collisions",
    "multicast",
    "Ip6InReceives",
    "Ip6InHdrErrors",
    "Ip6InTooBigErrors",
    "Ip6InNoRoutes",
    "Ip6InAddrErrors",
    "Ip6InUnknownProtos",
    "Ip6InTruncatedPkts",
    "Ip6InDiscards",
    "Ip6InDelivers",
    "Ip6OutForwDatagrams",
    "Ip6OutRequests",
    "Ip6OutDiscards",
    "Ip6OutNoRoutes",
    "Ip6ReasmTimeout",
    "Ip6ReasmReqds",
    "Ip6ReasmOKs",
    "Ip6ReasmFails",
    "Ip6FragOKs",
    "Ip6FragFails",
    "Ip6FragCreates",
    "Ip6InMcastPkts",
    "Ip6OutMcastPkts",
    "Ip6InBcastPkts",
    "Ip6OutBcastPkts",
    "Ip6InOctets",
    "Ip6OutOctets",
    "Ip6InMcastOctets",
    "Ip6OutMcastOctets",
    "Ip6InBcastOctets",
    "Ip6OutBcastOctets",
    "ICMP6_InMsgs",
    "ICMP6_InErrors",
    "ICMP6_OutMsgs",
    "ICMP6_OutErrors",
    "ICMP6_InCsumErrors",
    "Ip6_InCsumErrors",
    "Ip6_InNoECTPkts",
    "Ip6_InECT1Pkts",
    "Ip6_InECT0Pkts",
    "Ip6_InCEPkts",
    "rx_nohandler",
    "ReasmOverlaps",
];

/// A link: the attributes and their presence mask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Presence bits (`ATTR_*`).
    pub mask: u64,
    /// `ifi_family`.
    pub family: u8,
    /// `ifi_type` (`ARPHRD_*`).
    pub arptype: u32,
    /// `ifi_index`.
    pub ifindex: i32,
    /// `ifi_flags`.
    pub flags: u32,
    /// The flags set or cleared by the caller (sent as `ifi_change`; a filter compares only
    /// these).
    pub flag_mask: u32,
    /// `ifi_change` as the kernel reported it.
    pub change: u32,
    /// `IFLA_MTU`.
    pub mtu: u32,
    /// `IFLA_LINK`.
    pub link: i32,
    /// `IFLA_TXQLEN`.
    pub txqlen: u32,
    /// `IFLA_WEIGHT`.
    pub weight: u32,
    /// `IFLA_MASTER`.
    pub master: i32,
    /// `IFLA_QDISC`, NUL-terminated.
    pub qdisc: [u8; IFQDISCSIZ],
    /// `IFLA_MAP`.
    pub map: Ifmap,
    /// `IFLA_ADDRESS`.
    pub addr: Option<Addr>,
    /// `IFLA_BROADCAST`.
    pub brd: Option<Addr>,
    /// `IFLA_IFNAME`, NUL-terminated.
    pub name: [u8; IFNAMSIZ],
    /// Statistics by `RTNL_LINK_*` id.
    pub stats: [u64; STATS_COUNT],
    /// `IFLA_OPERSTATE`.
    pub operstate: u8,
    /// `IFLA_LINKMODE`.
    pub linkmode: u8,
    /// `IFLA_IFALIAS` (without NUL).
    pub ifalias: Vec<u8>,
    /// `IFLA_NUM_VF`.
    pub num_vf: u32,
    /// `IFLA_PROMISCUITY`.
    pub promiscuity: u32,
    /// `IFLA_NUM_TX_QUEUES`.
    pub num_tx_queues: u32,
    /// `IFLA_NUM_RX_QUEUES`.
    pub num_rx_queues: u32,
    /// `IFLA_GSO_MAX_SEGS`.
    pub gso_max_segs: u32,
    /// `IFLA_GSO_MAX_SIZE`.
    pub gso_max_size: u32,
    /// `IFLA_GROUP`.
    pub group: u32,
    /// `IFLA_CARRIER`.
    pub carrier: u8,
    /// `IFLA_CARRIER_CHANGES`.
    pub carrier_changes: u32,
    /// `IFLA_PHYS_PORT_ID`.
    pub phys_port_id: Vec<u8>,
    /// `IFLA_PHYS_PORT_NAME`, NUL-terminated.
    pub phys_port_name: [u8; IFNAMSIZ],
    /// `IFLA_PHYS_SWITCH_ID`.
    pub phys_switch_id: Vec<u8>,
    /// `IFLA_NET_NS_FD`.
    pub ns_fd: i32,
    /// `IFLA_NET_NS_PID`.
    pub ns_pid: i32,
    /// `IFLA_LINK_NETNSID`.
    pub link_netnsid: i32,
    /// `IFLA_INFO_KIND` (without NUL).
    pub kind: Vec<u8>,
    /// `IFLA_INFO_DATA`'s payload as received, for a kind libnlrs does not know (the others
    /// decode it into `data`).
    pub info_data: Option<Vec<u8>>,
    /// The data of a kind libnlrs knows.
    pub data: Option<kind::KindData>,
    /// `IFLA_INFO_SLAVE_KIND` (without NUL).
    pub slave_kind: Vec<u8>,
    /// The per-family data (`IFLA_AF_SPEC`, `IFLA_PROTINFO`).
    pub af: af::AfData,
    /// `ifi_family` of the message the link was parsed from (a bridge reported without a
    /// family is kept as an `AF_BRIDGE` link, and link caches tell the kernel's per-family
    /// notifications apart by it); 0 for links made by the program.
    pub msg_family: u8,
    /// The VF list (`IFLA_VFINFO_LIST`; kept when [`ATTR_VF_LIST`] is cleared, as libnl).
    pub vf_list: Option<Vec<sriov::SharedVf>>,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            mask: 0,
            family: 0,
            arptype: 0,
            ifindex: 0,
            flags: 0,
            flag_mask: 0,
            change: 0,
            mtu: 0,
            link: 0,
            txqlen: 0,
            weight: 0,
            master: 0,
            qdisc: [0; IFQDISCSIZ],
            map: Ifmap::default(),
            addr: None,
            brd: None,
            name: [0; IFNAMSIZ],
            stats: [0; STATS_COUNT],
            operstate: 0,
            linkmode: 0,
            ifalias: Vec::new(),
            num_vf: 0,
            promiscuity: 0,
            num_tx_queues: 0,
            num_rx_queues: 0,
            gso_max_segs: 0,
            gso_max_size: 0,
            group: 0,
            carrier: 0,
            carrier_changes: 0,
            phys_port_id: Vec::new(),
            phys_port_name: [0; IFNAMSIZ],
            phys_switch_id: Vec::new(),
            ns_fd: 0,
            ns_pid: 0,
            link_netnsid: 0,
            kind: Vec::new(),
            info_data: None,
            data: None,
            slave_kind: Vec::new(),
            af: af::AfData::default(),
            msg_family: 0,
            vf_list: None,
        }
    }
}

/// An address attribute as libnl keeps it: the family its length suggests, all bits as prefix.
fn link_addr(payload: &[u8]) -> Addr {
    Addr::build(addr::guess_family(payload.len()), payload)
}

impl Link {
    /// The name without its NUL.
    pub fn name(&self) -> &[u8] {
        cstr_part(&self.name)
    }

    /// The qdisc name without its NUL.
    pub fn qdisc(&self) -> &[u8] {
        cstr_part(&self.qdisc)
    }

    /// Sets the name (`rtnl_link_set_name`: cut to `IFNAMSIZ - 1` bytes).
    pub fn set_name(&mut self, name: &[u8]) {
        self.name = fixed_str(name);
        self.mask |= ATTR_IFNAME;
    }

    /// `rtnl_link_set_flags`: sets `flags` and remembers them as changed.
    pub fn set_flags(&mut self, flags: u32) {
        self.flag_mask |= flags;
        self.flags |= flags;
        self.mask |= ATTR_FLAGS;
    }

    /// `rtnl_link_unset_flags`: clears `flags` and remembers them as changed.
    pub fn unset_flags(&mut self, flags: u32) {
        self.flag_mask |= flags;
        self.flags &= !flags;
        self.mask |= ATTR_FLAGS;
    }

    /// `rtnl_link_set_family`: the family, with (empty) data for it when libnl has a module
    /// for the family.
    pub fn set_family(&mut self, family: u8) {
        self.family = family;
        self.mask |= ATTR_FAMILY;
        self.af.alloc(family);
    }

    /// Takes the IPv6 data and counters of `from` (the kernel's IPv6 notification of this
    /// link); the attribute bits that changed (`ATTR_AF_SPEC`, `ATTR_STATS`).
    pub fn merge_inet6(&mut self, from: &Link) -> u64 {
        let mut diff = 0;
        if self.af.inet6 != from.af.inet6 {
            self.af.inet6.clone_from(&from.af.inet6);
            diff |= ATTR_AF_SPEC;
        }
        let icmp = af::inet6::ICMP6_FIRST..af::inet6::ICMP6_FIRST + af::inet6::ICMP6_COUNT;
        let ids = af::inet6::IPSTATS_MAP
            .iter()
            .skip(1)
            .map(|i| usize::from(*i));
        for id in ids.chain(icmp) {
            if let (Some(s), Some(v)) = (self.stats.get_mut(id), from.stats.get(id)) {
                if s != v {
                    *s = *v;
                    diff |= ATTR_STATS;
                }
            }
        }
        diff
    }

    /// `rtnl_link_set_type`: the kind, `None` to clear it.
    pub fn set_kind(&mut self, kind: Option<&[u8]>) {
        self.info_data = None;
        match kind {
            Some(k) => {
                self.kind = cstr_part(k).to_vec();
                self.data = kind::KindData::for_kind(&self.kind);
                self.mask |= ATTR_LINKINFO;
            }
            None => {
                self.kind.clear();
                self.data = None;
                self.mask &= !ATTR_LINKINFO;
            }
        }
    }

    /// `rtnl_link_set_slave_type`: the slave kind, `None` to clear it.
    pub fn set_slave_kind(&mut self, kind: Option<&[u8]>) {
        match kind {
            Some(k) => {
                self.slave_kind = cstr_part(k).to_vec();
                self.mask |= ATTR_SLAVE_KIND;
            }
            None => {
                self.slave_kind.clear();
                self.mask &= !ATTR_SLAVE_KIND;
            }
        }
    }

    /// The statistic `id` (`rtnl_link_get_stat`), `None` for an id out of range.
    pub fn stat(&self, id: usize) -> Option<u64> {
        self.stats.get(id).copied()
    }

    /// Parses an `RTM_NEWLINK`/`RTM_DELLINK` payload: the `struct ifinfomsg` and the attributes
    /// after it (`payload` is everything after the netlink header).
    pub fn parse(payload: &[u8]) -> Result<Link> {
        let hdr: [u8; IFINFOMSG_LEN] = payload
            .get(..IFINFOMSG_LEN)
            .and_then(|h| h.try_into().ok())
            .ok_or(Error::MsgTooShort)?;
        let [
            family,
            _,
            t0,
            t1,
            i0,
            i1,
            i2,
            i3,
            f0,
            f1,
            f2,
            f3,
            c0,
            c1,
            c2,
            c3,
        ] = hdr;
        let attrs = payload.get(IFINFOMSG_LEN..).unwrap_or_default();
        let mut tb = [None; ifla::MAX + 1];
        payloads_into(attrs, &LinkPolicy, &mut tb)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if get(ifla::IFNAME).is_none() {
            return Err(Error::MissingAttr);
        }
        let mut l = Link {
            family,
            msg_family: family,
            arptype: u32::from(u16::from_ne_bytes([t0, t1])),
            ifindex: i32::from_ne_bytes([i0, i1, i2, i3]),
            flags: u32::from_ne_bytes([f0, f1, f2, f3]),
            change: u32::from_ne_bytes([c0, c1, c2, c3]),
            mask: ATTR_FAMILY | ATTR_ARPTYPE | ATTR_IFINDEX | ATTR_FLAGS | ATTR_CHANGE,
            ..Link::default()
        };
        l.apply_attrs(get)?;
        if let Some(p) = get(ifla::LINKINFO) {
            l.parse_linkinfo(p)?;
        }
        l.af.alloc(family);
        if let Some(p) = get(ifla::PROTINFO) {
            // The last IFLA_PROTINFO, as the table holds it: old kernels send a bridge
            // port's state alone, not nested.
            let nested = attr::iter(attrs)
                .filter(|a| a.ty() == ifla::PROTINFO)
                .last()
                .is_some_and(|a| a.is_nested());
            l.af.parse_protinfo(family, p, nested, &mut l.stats)?;
        }
        if let Some(p) = get(ifla::AF_SPEC) {
            l.af.parse_spec(family, p, &mut l.stats)?;
            l.mask |= ATTR_AF_SPEC;
        }
        // libnl-compat: a bridge reported without a family is kept as an AF_BRIDGE link with
        // (empty) bridge data (libnl 3.7.0 moves it to its bridge family).
        if l.family == AF_UNSPEC_U8 && l.mask & ATTR_LINKINFO != 0 && l.kind == b"bridge" {
            l.family = AF_BRIDGE;
            l.af.alloc(AF_BRIDGE);
        }
        // The VF list is read only with a number of VFs (libnl-compat).
        if let (true, Some(p)) = (
            l.mask & ATTR_NUM_VF != 0 && l.num_vf != 0,
            get(ifla::VFINFO_LIST),
        ) {
            l.vf_list = Some(sriov::parse_list(p)?);
            l.mask |= ATTR_VF_LIST;
        }
        Ok(l)
    }

    /// The generic attributes of a link message (the table's, the addresses, the map and the
    /// counters), each payload as `get` gives it.
    fn apply_attrs<'a>(&mut self, get: impl Fn(u16) -> Option<&'a [u8]>) -> Result<()> {
        let mut mask = self.mask;
        obj::table::parse_attrs(Self::WIRE, self, &mut mask, &get)?;
        self.mask = mask;
        if let Some(p) = get(ifla::ADDRESS) {
            self.addr = Some(link_addr(p));
            self.mask |= ATTR_ADDR;
        }
        if let Some(p) = get(ifla::BROADCAST) {
            self.brd = Some(link_addr(p));
            self.mask |= ATTR_BRD;
        }
        if let Some(p) = get(ifla::MAP) {
            self.map = Ifmap::decode(p).ok_or(Error::Range)?;
            self.mask |= ATTR_MAP;
        }
        if let Some(p) = get(ifla::STATS64) {
            self.set_kernel_stats(p, 8);
        } else if let Some(p) = get(ifla::STATS) {
            self.set_kernel_stats(p, 4);
        }
        Ok(())
    }

    /// `rtnl_link_info_parse`: the attributes libnl 3.7.0 reads there from a parsed table (the
    /// name, which must be there, the counters, queue length, MTU, addresses, link, weight,
    /// qdisc, map, master, carrier and its changes, operational state, link mode, alias, the
    /// link's namespace id and the namespace's fd and pid); `get` gives the payload of each
    /// type present.
    pub fn info_parse<'a>(&mut self, get: impl Fn(u16) -> Option<&'a [u8]>) -> Result<()> {
        const TYPES: [u16; 20] = [
            ifla::IFNAME,
            ifla::LINK_NETNSID,
            ifla::CARRIER_CHANGES,
            ifla::STATS,
            ifla::STATS64,
            ifla::TXQLEN,
            ifla::MTU,
            ifla::ADDRESS,
            ifla::BROADCAST,
            ifla::LINK,
            ifla::WEIGHT,
            ifla::QDISC,
            ifla::MAP,
            ifla::MASTER,
            ifla::CARRIER,
            ifla::OPERSTATE,
            ifla::LINKMODE,
            ifla::IFALIAS,
            ifla::NET_NS_FD,
            ifla::NET_NS_PID,
        ];
        if get(ifla::IFNAME).is_none() {
            return Err(Error::MissingAttr);
        }
        self.apply_attrs(|t| if TYPES.contains(&t) { get(t) } else { None })
    }

    /// Stores the counters of a kernel statistics block of `width`-byte counters.
    fn set_kernel_stats(&mut self, p: &[u8], width: usize) {
        for (k, id) in KERNEL_STATS_ORDER.iter().enumerate() {
            let Some(b) = p.get(k * width..(k + 1) * width) else {
                break;
            };
            let v = if width == 8 {
                u64::from_ne_bytes(attr::read_ne::<8>(b))
            } else {
                u64::from(u32::from_ne_bytes(attr::read_ne::<4>(b)))
            };
            if let Some(s) = self.stats.get_mut(*id) {
                *s = v;
            }
        }
        self.mask |= ATTR_STATS;
    }

    /// `IFLA_LINKINFO`: the kind, its data, the slave kind. A nest whose content is not
    /// attributes yields nothing (libnl-compat).
    fn parse_linkinfo(&mut self, nest: &[u8]) -> Result<()> {
        let mut tb = [None; ifla::INFO_SLAVE_DATA as usize + 1];
        payloads_into(nest, &InfoPolicy, &mut tb)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if let Some(k) = get(ifla::INFO_KIND) {
            self.kind = attr::string(k).to_vec();
            self.mask |= ATTR_LINKINFO;
            self.data = kind::KindData::for_kind(&self.kind);
            if self.data.is_none() {
                self.info_data = get(ifla::INFO_DATA).map(<[u8]>::to_vec);
            }
            if let (Some(d), Some(p)) = (&mut self.data, get(ifla::INFO_DATA)) {
                d.parse(p)?;
            }
        }
        if let Some(k) = get(ifla::INFO_SLAVE_KIND) {
            self.slave_kind = attr::string(k).to_vec();
            self.mask |= ATTR_SLAVE_KIND;
        }
        Ok(())
    }

    /// The `struct ifinfomsg` of a request for this link: family, index, and the flags the
    /// caller set (`ifi_flags`) or touched (`ifi_change`); `ifi_type` stays 0 as in libnl.
    pub fn request_header(&self) -> [u8; IFINFOMSG_LEN] {
        let mut h = [0u8; IFINFOMSG_LEN];
        h[0] = self.family;
        h[4..8].copy_from_slice(&self.ifindex.to_ne_bytes());
        h[8..12].copy_from_slice(&self.flags.to_ne_bytes());
        h[12..16].copy_from_slice(&self.flag_mask.to_ne_bytes());
        h
    }

    /// `rtnl_link_fill_info`: the link's generic attributes as a request carries them, up to
    /// the namespace (no group, kind or family data).
    pub fn put_info_attrs(&self, m: &mut Message) -> Result<()> {
        let has = |bit: u64| self.mask & bit != 0;
        let u32_attr = |m: &mut Message, bit: u64, ty: u16, v: u32| -> Result<()> {
            if has(bit) {
                m.put_attr(ty, &v.to_ne_bytes())?;
            }
            Ok(())
        };
        if let (true, Some(a)) = (has(ATTR_ADDR), &self.addr) {
            m.put_attr(ifla::ADDRESS, &a.bytes)?;
        }
        if let (true, Some(a)) = (has(ATTR_BRD), &self.brd) {
            m.put_attr(ifla::BROADCAST, &a.bytes)?;
        }
        u32_attr(m, ATTR_MTU, ifla::MTU, self.mtu)?;
        u32_attr(m, ATTR_TXQLEN, ifla::TXQLEN, self.txqlen)?;
        u32_attr(m, ATTR_WEIGHT, ifla::WEIGHT, self.weight)?;
        if has(ATTR_IFNAME) {
            m.put_attr(ifla::IFNAME, &nul_terminated(self.name()))?;
        }
        if has(ATTR_OPERSTATE) {
            m.put_attr(ifla::OPERSTATE, &[self.operstate])?;
        }
        if has(ATTR_CARRIER) {
            m.put_attr(ifla::CARRIER, &[self.carrier])?;
        }
        if has(ATTR_LINKMODE) {
            m.put_attr(ifla::LINKMODE, &[self.linkmode])?;
        }
        if has(ATTR_IFALIAS) {
            m.put_attr(ifla::IFALIAS, &nul_terminated(&self.ifalias))?;
        }
        u32_attr(m, ATTR_LINK, ifla::LINK, self.link as u32)?;
        u32_attr(
            m,
            ATTR_LINK_NETNSID,
            ifla::LINK_NETNSID,
            self.link_netnsid as u32,
        )?;
        u32_attr(m, ATTR_MASTER, ifla::MASTER, self.master as u32)?;
        u32_attr(
            m,
            ATTR_NUM_TX_QUEUES,
            ifla::NUM_TX_QUEUES,
            self.num_tx_queues,
        )?;
        u32_attr(
            m,
            ATTR_NUM_RX_QUEUES,
            ifla::NUM_RX_QUEUES,
            self.num_rx_queues,
        )?;
        u32_attr(m, ATTR_NS_FD, ifla::NET_NS_FD, self.ns_fd as u32)?;
        u32_attr(m, ATTR_NS_PID, ifla::NET_NS_PID, self.ns_pid as u32)?;
        Ok(())
    }

    /// The attributes of an add or change request, in libnl's order.
    pub fn put_request_attrs(&self, m: &mut Message) -> Result<()> {
        self.put_info_attrs(m)?;
        let has = |bit: u64| self.mask & bit != 0;
        if has(ATTR_GROUP) {
            m.put_attr(ifla::GROUP, &self.group.to_ne_bytes())?;
        }
        if has(ATTR_LINKINFO) || has(ATTR_SLAVE_KIND) {
            let nest = m.nest_start(ifla::LINKINFO)?;
            if has(ATTR_LINKINFO) {
                m.put_attr(ifla::INFO_KIND, &nul_terminated(&self.kind))?;
                if let Some(d) = &self.data {
                    let data = m.nest_start(ifla::INFO_DATA)?;
                    d.put(m)?;
                    m.nest_end(data, false)?;
                }
            }
            if has(ATTR_SLAVE_KIND) {
                m.put_attr(ifla::INFO_SLAVE_KIND, &nul_terminated(&self.slave_kind))?;
            }
            m.nest_end(nest, false)?;
        }
        if let (true, Some(list)) = (has(ATTR_VF_LIST), &self.vf_list) {
            let nest = m.nest_start(ifla::VFINFO_LIST)?;
            for vf in list {
                vf.lock().put(m)?;
            }
            m.nest_end(nest, false)?;
        }
        self.af.put(self.family, m)
    }

    /// `rtnl_link_build_add_request`: `RTM_NEWLINK` with the caller's `flags` (libnl adds
    /// none: callers pass `NLM_F_CREATE` themselves).
    pub fn add_request(&self, flags: u16) -> Result<Message> {
        let mut m = Message::simple(RTM_NEWLINK, flags)?;
        m.append(&self.request_header(), 4)?;
        self.put_request_attrs(&mut m)?;
        Ok(m)
    }

    /// `rtnl_link_build_change_request(orig, changes, flags)` with message type `ty`
    /// (`RTM_NEWLINK`; `rtnl_link_change` retries with `RTM_SETLINK`): the header names `orig`
    /// (its family and index) and carries `orig`'s flags with those `changes` set or cleared
    /// replaced (`ifi_change`: the changed ones), the attributes are those of
    /// `changes` as in an add request, except the name, sent only when it differs from
    /// `orig`'s or `orig` has no index. `Error::Immutable` when `changes` asks for another family (libnl aborts the
    /// process there).
    pub fn change_request(orig: &Link, changes: &Link, flags: u16, ty: u16) -> Result<Message> {
        if changes.mask & ATTR_FAMILY != 0 && changes.family != orig.family {
            return Err(Error::Immutable);
        }
        // libnl's bridge module sends port flag changes as RTM_SETLINK (the kernel hands
        // AF_BRIDGE RTM_SETLINK to the bridge; RTM_NEWLINK would not reach it).
        let port_flags = changes
            .af
            .bridge
            .as_ref()
            .is_some_and(|b| b.mask & af::bridge::HAS_FLAGS != 0);
        let ty = if ty == RTM_NEWLINK && orig.family == AF_BRIDGE && port_flags {
            RTM_SETLINK
        } else {
            ty
        };
        let mut m = Message::simple(ty, flags)?;
        let mut h = changes.request_header();
        h[0] = orig.family;
        h[4..8].copy_from_slice(&orig.ifindex.to_ne_bytes());
        if changes.mask & ATTR_FLAGS != 0 {
            // The original's flags with the changed ones replaced.
            let flags = (orig.flags & !changes.flag_mask) | (changes.flags & changes.flag_mask);
            h[8..12].copy_from_slice(&flags.to_ne_bytes());
        }
        m.append(&h, 4)?;
        let mut c = changes.clone();
        // The name stays when `orig` has no index: the kernel finds the link by it (libnl
        // 3.7.0 keeps it then).
        if orig.mask & ATTR_IFNAME != 0
            && orig.mask & ATTR_IFINDEX != 0
            && orig.name() == changes.name()
        {
            c.mask &= !ATTR_IFNAME;
        }
        c.put_request_attrs(&mut m)?;
        Ok(m)
    }

    /// `rtnl_link_build_delete_request`: `RTM_DELLINK` naming the link by index and, when set,
    /// by name. `Error::MissingAttr` when it has neither (libnl-compat: libnl aborts the
    /// process there).
    pub fn delete_request(&self) -> Result<Message> {
        if self.mask & (ATTR_IFINDEX | ATTR_IFNAME) == 0 {
            return Err(Error::MissingAttr);
        }
        let mut m = Message::simple(RTM_DELLINK, 0)?;
        let mut h = [0u8; IFINFOMSG_LEN];
        h[4..8].copy_from_slice(&self.ifindex.to_ne_bytes());
        m.append(&h, 4)?;
        if self.mask & ATTR_IFNAME != 0 {
            m.put_attr(ifla::IFNAME, &nul_terminated(self.name()))?;
        }
        Ok(m)
    }

    /// `rtnl_link_build_get_request`: `RTM_GETLINK` by index and/or name, asking for the VF
    /// list. `Error::MissingAttr` when both are missing (an index of 0 or less and no name;
    /// libnl-compat: libnl aborts the process there).
    pub fn get_request(ifindex: i32, name: Option<&[u8]>) -> Result<Message> {
        if ifindex <= 0 && name.is_none() {
            return Err(Error::MissingAttr);
        }
        let mut m = Message::simple(RTM_GETLINK, 0)?;
        let mut h = [0u8; IFINFOMSG_LEN];
        h[4..8].copy_from_slice(&ifindex.to_ne_bytes());
        m.append(&h, 4)?;
        if let Some(n) = name {
            m.put_attr(ifla::IFNAME, &nul_terminated(cstr_part(n)))?;
        }
        m.put_attr(ifla::EXT_MASK, &RTEXT_FILTER_VF.to_ne_bytes())?;
        Ok(m)
    }

    /// libnl's link comparison: the attribute table, plus the flags (a filter compares only
    /// the flags it set or cleared) and the kind with the data of kinds libnl compares.
    ///
    /// Not libnl: two links of different kinds unknown to libnl compare equal there (it
    /// compares its kind modules, absent for both); here the kind names are compared.
    pub fn diff(&self, other: &Link, attrs: u64, flags: i32) -> u64 {
        let (ma, mb) = (self.mask, other.mask);
        let mut d = Self::ATTRS
            .iter()
            .filter_map(|r: &AttrDesc<Link>| r.differs.map(|f| (r.bit, f)))
            .fold(0, |d, (bit, f)| {
                d | obj::attr_diff(attrs, bit, ma, mb, || f(self, other, flags))
            });
        d |= obj::attr_diff(attrs, ATTR_FLAGS, ma, mb, || {
            if flags & obj::LOOSE_COMPARISON != 0 {
                (self.flags ^ other.flags) & other.flag_mask != 0
            } else {
                self.flags != other.flags
            }
        });
        d |= obj::attr_diff(attrs, ATTR_LINKINFO, ma, mb, || {
            self.kind != other.kind
                || match (&self.data, &other.data) {
                    (Some(a), Some(b)) => a.differs(b),
                    _ => false,
                }
        });
        d
    }
}

/// The hash key of the link `(ifindex, family)` in a table of `table_size` buckets: libnl's
/// lookup3 of the index and family as two 32-bit words, modulo the size (0 for a table of no
/// buckets, where libnl divides by zero).
pub fn key(ifindex: i32, family: u8, table_size: u32) -> u32 {
    let mut key = [0u8; 8];
    key[..4].copy_from_slice(&ifindex.to_ne_bytes());
    key[4..].copy_from_slice(&u32::from(family).to_ne_bytes());
    crate::engine::hashtable::hash_any(&key, 0)
        .checked_rem(table_size)
        .unwrap_or(0)
}

/// [`payloads`] into the caller's table (on its stack): `tb.len() - 1` is the highest type
/// kept (the hot parsers: a link's attributes, its link info, its IPv6 data).
pub(crate) fn payloads_into<'a>(
    buf: &'a [u8],
    policy: &impl PolicyTable,
    tb: &mut [Option<&'a [u8]>],
) -> Result<()> {
    tb.fill(None);
    attr::parse_with(buf, tb.len().saturating_sub(1), Some(policy), |ty, a| {
        if let Some(slot) = tb.get_mut(ty) {
            if slot.is_some() {
                crate::nl_dbg!(
                    1,
                    "Attribute of type {:#x} found multiple times in message, previous attribute is being ignored.\n",
                    ty
                );
            }
            *slot = buf.get(a.payload_range());
        }
    })
}

/// `nla_parse` of `buf` with `policy` up to `maxtype`: the payload of each attribute type present, later duplicates winning.
pub(crate) fn payloads<'a>(
    buf: &'a [u8],
    maxtype: usize,
    policy: &impl PolicyTable,
) -> Result<Vec<Option<&'a [u8]>>> {
    let mut tb: Vec<Option<&'a [u8]>> = vec![None; maxtype + 1];
    attr::parse_with(buf, maxtype, Some(policy), |ty, a| {
        if let Some(slot) = tb.get_mut(ty) {
            if slot.is_some() {
                crate::nl_dbg!(
                    1,
                    "Attribute of type {:#x} found multiple times in message, previous attribute is being ignored.\n",
                    ty
                );
            }
            *slot = buf.get(a.payload_range());
        }
    })?;
    Ok(tb)
}

impl obj::ObjectType for Link {
    const NAME: &'static str = "route/link";
    const ID_ATTRS: u64 = ID_ATTRS;
    const HAS_KEYGEN: bool = true;

    /// libnl's key: lookup3 of the index and family as two 32-bit words, modulo the table size
    /// (0 for a table of no buckets, where libnl divides by zero).
    fn keygen(&self, table_size: u32) -> u32 {
        key(self.ifindex, self.family, table_size)
    }

    fn attrs() -> &'static [AttrDesc<Self>] {
        Self::ATTRS
    }
    fn mask(&self) -> u64 {
        self.mask
    }
    fn mask_mut(&mut self) -> &mut u64 {
        &mut self.mask
    }
    fn compare(&self, other: &Self, attrs: u64, flags: i32) -> u64 {
        self.diff(other, attrs, flags)
    }
    fn dump(&self, ty: obj::DumpType, out: &mut dyn obj::DumpOut) {
        Link::dump(self, ty, out)
    }
}

/// `text` followed by one NUL byte.
fn nul_terminated(text: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(text.len() + 1);
    v.extend_from_slice(text);
    v.push(0);
    v
}
