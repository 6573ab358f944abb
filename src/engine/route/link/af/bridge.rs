//! `AF_BRIDGE` link data: a bridge port's state, priority, cost and flags (`IFLA_PROTINFO`
//! with `IFLA_BRPORT_*`), its VLANs and the hardware mode (`IFLA_AF_SPEC` with
//! `IFLA_BRIDGE_*`), with libnl's names, requests and dump, observed from libnl 3.7.0.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U8, NLA_U16, NLA_U32, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::{Error, Result};

/// `IFLA_BRPORT_STATE`.
pub const BRPORT_STATE: u16 = 1;
/// `IFLA_BRPORT_PRIORITY`.
pub const BRPORT_PRIORITY: u16 = 2;
/// `IFLA_BRPORT_COST`.
pub const BRPORT_COST: u16 = 3;
const BRPORT_MAX: usize = 11;
/// `IFLA_BRIDGE_FLAGS`.
pub const BRIDGE_FLAGS: u16 = 0;
/// `IFLA_BRIDGE_MODE`.
pub const BRIDGE_MODE: u16 = 1;
/// `IFLA_BRIDGE_VLAN_INFO`.
pub const BRIDGE_VLAN_INFO: u16 = 2;
/// `BRIDGE_FLAGS_SELF`.
const FLAGS_SELF: u16 = 2;
/// `BRIDGE_VLAN_INFO_PVID`, `_UNTAGGED`, `_RANGE_BEGIN`, `_RANGE_END`.
const VLAN_PVID: u16 = 2;
const VLAN_UNTAGGED: u16 = 4;
const VLAN_RANGE_BEGIN: u16 = 8;
const VLAN_RANGE_END: u16 = 16;
/// The highest VLAN id.
const VID_MAX: u16 = 4094;
/// `BR_STATE_BLOCKING`: the highest port state.
const STATE_MAX: u8 = 4;
/// `RTNL_BRIDGE_HWMODE_MAX`.
const HWMODE_MAX: u16 = 1;
/// Words of a VLAN bitmap (`RTNL_LINK_BRIDGE_VLAN_BITMAP_LEN`).
pub const VLAN_WORDS: usize = 128;

/// Presence bits.
pub const HAS_STATE: u32 = 1 << 0;
/// The priority is set.
pub const HAS_PRIORITY: u32 = 1 << 1;
/// The cost is set.
pub const HAS_COST: u32 = 1 << 2;
/// Some flags are set or cleared.
pub const HAS_FLAGS: u32 = 1 << 3;
/// `rtnl_link_bridge_set_self` was called.
pub const HAS_SELF: u32 = 1 << 4;
/// The hardware mode is set.
pub const HAS_HWMODE: u32 = 1 << 5;
/// VLANs are known.
pub const HAS_VLAN: u32 = 1 << 6;

/// The port flags (`RTNL_BRIDGE_*`) with their `IFLA_BRPORT_*` attribute, in the order libnl
/// writes them.
const FLAG_ATTRS: [(u32, u16); 7] = [
    (0x02, 5),  // bpdu_guard: IFLA_BRPORT_GUARD
    (0x01, 4),  // hairpin_mode: IFLA_BRPORT_MODE
    (0x08, 7),  // fast_leave: IFLA_BRPORT_FAST_LEAVE
    (0x04, 6),  // root_block: IFLA_BRPORT_PROTECT
    (0x10, 9),  // flood: IFLA_BRPORT_UNICAST_FLOOD
    (0x20, 8),  // learning: IFLA_BRPORT_LEARNING
    (0x40, 11), // learning_sync: IFLA_BRPORT_LEARNING_SYNC
];

/// Flag names (`rtnl_link_bridge_flags2str`).
const FLAG_NAMES: &[(u64, &str)] = &[
    (0x01, "hairpin_mode"),
    (0x02, "bpdu_guard"),
    (0x04, "root_block"),
    (0x08, "fast_leave"),
    (0x10, "flood"),
    (0x20, "learning"),
    (0x40, "learning_sync"),
];

/// Port states (`BR_STATE_*`).
const PORT_STATES: &[(u64, &str)] = &[
    (0, "disabled"),
    (1, "listening"),
    (2, "learning"),
    (3, "forwarding"),
    (4, "blocking"),
];

/// Hardware modes (`BRIDGE_MODE_*`).
const HWMODES: &[(u64, &str)] = &[(0, "veb"), (1, "vepa"), (0xffff, "undef")];

/// `rtnl_link_bridge_flags2str`.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAG_NAMES))
}

/// `rtnl_link_bridge_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAG_NAMES))
}

/// `rtnl_link_bridge_portstate2str`.
pub fn portstate2str(st: i32) -> Vec<u8> {
    trans::type2str(st, trans::entries(PORT_STATES))
}

/// `rtnl_link_bridge_str2portstate`.
pub fn str2portstate(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(PORT_STATES))
}

/// `rtnl_link_bridge_hwmode2str`.
pub fn hwmode2str(mode: u16) -> Vec<u8> {
    trans::type2str(i32::from(mode), trans::entries(HWMODES))
}

/// `rtnl_link_bridge_str2hwmode`: the mode, or libnl's negative error truncated to 16 bits.
pub fn str2hwmode(s: &[u8]) -> u16 {
    match trans::str2type(s, trans::entries(HWMODES)) {
        Ok(v) => v as u16,
        Err(e) => e.to_nle() as u16,
    }
}

struct BrportPolicy;

impl PolicyTable for BrportPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match ty {
            1 | 4..=9 | 11 => Some(Policy::of(NLA_U8)),
            2 => Some(Policy::of(NLA_U16)),
            3 => Some(Policy::of(NLA_U32)),
            _ => None,
        }
    }
}

/// The VLANs of a port (`struct rtnl_link_bridge_vlan`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vlans {
    /// The port VLAN id.
    pub pvid: u16,
    /// The member VLANs, one bit each.
    pub member: [u32; VLAN_WORDS],
    /// The untagged ones.
    pub untagged: [u32; VLAN_WORDS],
}

impl Default for Vlans {
    fn default() -> Self {
        Vlans {
            pvid: 0,
            member: [0; VLAN_WORDS],
            untagged: [0; VLAN_WORDS],
        }
    }
}

fn bit(map: &[u32; VLAN_WORDS], vid: usize) -> bool {
    map.get(vid / 32)
        .is_some_and(|w| w & (1 << (vid % 32)) != 0)
}

fn set_bit(map: &mut [u32; VLAN_WORDS], vid: usize) {
    if let Some(w) = map.get_mut(vid / 32) {
        *w |= 1 << (vid % 32);
    }
}

/// The first byte of a payload the policy checked (0 if empty).
fn u8_of(p: &[u8]) -> u8 {
    p.first().copied().unwrap_or(0)
}

/// `a b-c d`: the VLAN ids set in `map`, runs as ranges; `<none>` for none.
fn vlan_list(map: &[u32; VLAN_WORDS]) -> String {
    let mut parts = Vec::new();
    let mut vid = 0;
    while vid < VLAN_WORDS * 32 {
        if !bit(map, vid) {
            vid += 1;
            continue;
        }
        let start = vid;
        while vid + 1 < VLAN_WORDS * 32 && bit(map, vid + 1) {
            vid += 1;
        }
        parts.push(if start == vid {
            start.to_string()
        } else {
            format!("{start}-{vid}")
        });
        vid += 1;
    }
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(" ")
    }
}

impl Vlans {
    /// The C layout of `struct rtnl_link_bridge_vlan` as 32-bit words (the pvid in the first
    /// word's low-addressed half).
    pub fn to_words(&self) -> Vec<u32> {
        let mut w = Vec::with_capacity(1 + 2 * VLAN_WORDS);
        let mut first = [0u8; 4];
        first[..2].copy_from_slice(&self.pvid.to_ne_bytes());
        w.push(u32::from_ne_bytes(first));
        w.extend_from_slice(&self.member);
        w.extend_from_slice(&self.untagged);
        w
    }
}

/// The bridge data of a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bridge {
    /// Presence bits (`HAS_*`).
    pub mask: u32,
    /// `IFLA_BRPORT_STATE`.
    pub port_state: u8,
    /// `IFLA_BRPORT_PRIORITY`.
    pub priority: u16,
    /// `IFLA_BRPORT_COST`.
    pub cost: u32,
    /// The port flags (`RTNL_BRIDGE_*`).
    pub flags: u32,
    /// The flags set or cleared (sent in requests).
    pub flags_mask: u32,
    /// `IFLA_BRIDGE_MODE`.
    pub hwmode: u16,
    /// The VLANs.
    pub vlans: Vlans,
    /// The kernel reported the port attributes nested (`rtnl_link_bridge_has_ext_info`).
    pub ext_info: bool,
}

impl Bridge {
    /// Parses `IFLA_PROTINFO`: nested port attributes, or (old kernels) the port state alone.
    pub fn parse_protinfo(&mut self, p: &[u8], nested: bool) -> Result<()> {
        if !nested {
            if let Some(&st) = p.first() {
                self.port_state = st;
                self.mask |= HAS_STATE;
            }
            return Ok(());
        }
        self.ext_info = true;
        let tb = crate::engine::route::link::payloads(p, BRPORT_MAX, &BrportPolicy)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if let Some(v) = get(BRPORT_STATE) {
            self.port_state = u8_of(v);
            self.mask |= HAS_STATE;
        }
        if let Some(v) = get(BRPORT_PRIORITY) {
            self.priority = u16::from_ne_bytes(attr::read_ne::<2>(v));
            self.mask |= HAS_PRIORITY;
        }
        if let Some(v) = get(BRPORT_COST) {
            self.cost = u32::from_ne_bytes(attr::read_ne::<4>(v));
            self.mask |= HAS_COST;
        }
        for (flag, ty) in FLAG_ATTRS {
            if let Some(v) = get(ty) {
                self.flags_mask |= flag;
                self.mask |= HAS_FLAGS;
                if u8_of(v) != 0 {
                    self.flags |= flag;
                }
            }
        }
        Ok(())
    }

    /// Parses the bridge's `IFLA_AF_SPEC`: the hardware mode and the VLANs (an entry of
    /// another size, a VLAN id outside 1..=4094, a range end without its beginning or a
    /// range with the port VLAN flag is refused with libnl's `-EINVAL`, 22).
    ///
    /// Not libnl: libnl 3.7.0 refuses a message with `IFLA_BRIDGE_MODE` (it checks the mode
    /// against the size of a VLAN entry); here the mode is the port's hardware mode.
    pub fn parse_af_spec(&mut self, nest: &[u8]) -> Result<()> {
        let einval = Error::MsgTypeNoSupport;
        let mut begin: Option<u16> = None;
        for a in attr::iter(nest) {
            match a.ty() {
                BRIDGE_MODE => {
                    if a.payload.len() < 2 {
                        return Err(Error::Range);
                    }
                    self.hwmode = u16::from_ne_bytes(attr::read_ne::<2>(a.payload));
                    self.mask |= HAS_HWMODE;
                }
                BRIDGE_VLAN_INFO => {
                    let [f0, f1, v0, v1] = <[u8; 4]>::try_from(a.payload).map_err(|_| einval)?;
                    let (flags, vid) = (u16::from_ne_bytes([f0, f1]), u16::from_ne_bytes([v0, v1]));
                    if vid == 0 || vid > VID_MAX {
                        return Err(einval);
                    }
                    if flags & VLAN_RANGE_BEGIN != 0 {
                        if flags & VLAN_PVID != 0 {
                            return Err(einval);
                        }
                        begin = Some(vid);
                        continue;
                    }
                    let first = if flags & VLAN_RANGE_END != 0 {
                        let b = begin.take().ok_or(einval)?;
                        if flags & VLAN_PVID != 0 || b > vid {
                            return Err(einval);
                        }
                        b
                    } else {
                        vid
                    };
                    for v in usize::from(first)..=usize::from(vid) {
                        set_bit(&mut self.vlans.member, v);
                        if flags & VLAN_UNTAGGED != 0 {
                            set_bit(&mut self.vlans.untagged, v);
                        }
                    }
                    if flags & VLAN_PVID != 0 {
                        self.vlans.pvid = vid;
                    }
                    self.mask |= HAS_VLAN;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `rtnl_link_bridge_set_port_state`.
    pub fn set_port_state(&mut self, st: u8) -> Result<()> {
        if st > STATE_MAX {
            return Err(Error::Inval);
        }
        self.port_state = st;
        self.mask |= HAS_STATE;
        Ok(())
    }

    /// `rtnl_link_bridge_set_hwmode`.
    pub fn set_hwmode(&mut self, mode: u16) -> Result<()> {
        if mode > HWMODE_MAX {
            return Err(Error::Inval);
        }
        self.hwmode = mode;
        self.mask |= HAS_HWMODE;
        Ok(())
    }

    /// `rtnl_link_bridge_set_flags`.
    pub fn set_flags(&mut self, flags: u32) {
        self.flags |= flags;
        self.flags_mask |= flags;
        self.mask |= HAS_FLAGS;
    }

    /// `rtnl_link_bridge_unset_flags`.
    pub fn unset_flags(&mut self, flags: u32) {
        self.flags &= !flags;
        self.flags_mask |= flags;
        self.mask |= HAS_FLAGS;
    }

    /// `rtnl_link_bridge_has_vlan`: a VLAN is known.
    pub fn has_vlan(&self) -> bool {
        self.mask & HAS_VLAN != 0 && self.vlans.member.iter().any(|w| *w != 0)
    }

    /// `IFLA_PROTINFO` of a request: the flags set or cleared (each as its attribute, the
    /// value being the flag's bit as libnl sends it), the cost, priority and state; nothing
    /// when none is set.
    pub fn put_protinfo(&self, m: &mut Message) -> Result<()> {
        if self.mask & (HAS_FLAGS | HAS_COST | HAS_PRIORITY | HAS_STATE) == 0 {
            return Ok(());
        }
        let nest = m.nest_start(crate::engine::route::link::ifla::PROTINFO)?;
        if self.mask & HAS_FLAGS != 0 {
            for (flag, ty) in FLAG_ATTRS {
                if self.flags_mask & flag != 0 {
                    m.put_attr(ty, &[(self.flags & flag) as u8])?;
                }
            }
        }
        if self.mask & HAS_COST != 0 {
            m.put_attr(BRPORT_COST, &self.cost.to_ne_bytes())?;
        }
        if self.mask & HAS_PRIORITY != 0 {
            m.put_attr(BRPORT_PRIORITY, &self.priority.to_ne_bytes())?;
        }
        if self.mask & HAS_STATE != 0 {
            m.put_attr(BRPORT_STATE, &[self.port_state])?;
        }
        m.nest_end(nest, false)
    }

    /// The bridge's part of `IFLA_AF_SPEC` in a request (no nest of its own): the `self` flag
    /// (also implied by a hardware mode), then the mode.
    pub fn put_af(&self, m: &mut Message) -> Result<()> {
        if self.mask & (HAS_SELF | HAS_HWMODE) != 0 {
            m.put_attr(BRIDGE_FLAGS, &FLAGS_SELF.to_ne_bytes())?;
        }
        if self.mask & HAS_HWMODE != 0 {
            m.put_attr(BRIDGE_MODE, &self.hwmode.to_ne_bytes())?;
        }
        Ok(())
    }

    /// The details: `    bridge: ` and what is known (libnl 3.7.0 runs the hardware mode and
    /// the flags together).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let mut s = String::from("    bridge: ");
        if self.mask & HAS_STATE != 0 {
            s += &format!("port-state {} ", self.port_state);
        }
        if self.mask & HAS_PRIORITY != 0 {
            s += &format!("prio {} ", self.priority);
        }
        if self.mask & HAS_COST != 0 {
            s += &format!("cost {} ", self.cost);
        }
        if self.mask & HAS_VLAN != 0 {
            s += &format!(
                "pvid {}   all vlans: {}   untagged vlans: {}",
                self.vlans.pvid,
                vlan_list(&self.vlans.member),
                vlan_list(&self.vlans.untagged)
            );
        }
        if self.mask & HAS_HWMODE != 0 {
            s += &format!(
                "hwmode {}",
                String::from_utf8_lossy(&hwmode2str(self.hwmode))
            );
        }
        if self.mask & HAS_FLAGS != 0 {
            s += &String::from_utf8_lossy(&flags2str(self.flags as i32, 128));
        }
        s.push('\n');
        out.line(&s);
    }
}
