//! Addresses (`struct rtnl_addr`, `netlink/route/addr.h`): the attributes of `RTM_NEWADDR`
//! messages, libnl's presence bits and printed names for them, the requests libnl builds
//! (`rtnl_addr_build_add_request` / `_delete_request`), its comparison and its dumps, and the
//! address flag names (`IFA_F_*`).
//!
//! Facts observed from libnl 3.7.0 with probe programs (see the module tests for the bytes):
//! * presence bits 0–11 as [`addr_attrs!`](crate::addr_attrs) lists them; the anycast bit has
//!   no printed name (libnl's attribute list shows an empty item for it);
//! * the identity is family, index and local address, plus the prefix length unless the
//!   family is `AF_INET6`, plus the peer for an IPv4 address that has one;
//! * the prefix length is not compared; the cache info is compared as a whole;
//! * parsing an IPv4 message takes a missing `IFA_LOCAL` / `IFA_ADDRESS` as 0.0.0.0; the local
//!   address is `IFA_LOCAL`, and `IFA_ADDRESS` is the peer when it differs from it (else
//!   the local address); the local address carries the message's prefix length;
//! * a request carries `ifa_flags & 0xff` in the header and `IFA_FLAGS` only for flags above
//!   0xff, the scope only when set, `IFA_ADDRESS` as the peer (else the local address), and
//!   never the multicast or anycast address.
pub mod dump;
#[cfg(test)]
mod tests;

use crate::engine::addr::{self, Addr};
use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::table::{cstr_part, fixed_str};
use crate::engine::object::{self as obj, AttrDesc};
use crate::engine::policy::{NLA_STRING, NLA_UNSPEC, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::{Error, Result};

/// `IFNAMSIZ`.
pub const IFNAMSIZ: usize = 16;
/// Size of `struct ifaddrmsg`.
pub const IFADDRMSG_LEN: usize = 8;
/// Size of `struct ifa_cacheinfo`.
pub const CACHEINFO_LEN: usize = 16;
/// `RTM_NEWADDR`.
pub const RTM_NEWADDR: u16 = 20;
/// `RTM_DELADDR`.
pub const RTM_DELADDR: u16 = 21;
/// `RTM_GETADDR`.
pub const RTM_GETADDR: u16 = 22;
/// `NLM_F_CREATE`.
const NLM_F_CREATE: u16 = 0x400;
/// `AF_INET`.
const AF_INET: u8 = 2;
/// `AF_INET6`.
const AF_INET6: u8 = 10;
/// `RT_SCOPE_NOWHERE`: the scope of a new address.
pub const SCOPE_NOWHERE: u8 = 255;
/// The lifetime libnl reports without cache info ("forever").
pub const FOREVER: u32 = u32::MAX;

/// `IFA_*` attribute types.
#[allow(missing_docs)]
pub mod ifa {
    pub const ADDRESS: u16 = 1;
    pub const LOCAL: u16 = 2;
    pub const LABEL: u16 = 3;
    pub const BROADCAST: u16 = 4;
    pub const ANYCAST: u16 = 5;
    pub const CACHEINFO: u16 = 6;
    pub const MULTICAST: u16 = 7;
    pub const FLAGS: u16 = 8;
    /// Highest attribute parsed.
    pub const MAX: usize = 11;
}

/// The attribute table of addresses (see [`crate::engine::object::table`]): presence bit,
/// the name libnl prints, field, comparison. `$cb` receives the rows.
#[macro_export]
macro_rules! addr_attrs {
    ($cb:path $(, $arg:tt)*) => {
        $cb! { [$($arg)*] $crate::engine::route::addr::Address {
            ATTR_FAMILY = 1 << 0, "family", family, cmp eq;
            ATTR_PREFIXLEN = 1 << 1, "prefixlen", prefixlen, cmp none;
            ATTR_FLAGS = 1 << 2, "flags", flags, cmp none;
            ATTR_SCOPE = 1 << 3, "scope", scope, cmp eq;
            ATTR_IFINDEX = 1 << 4, "ifindex", ifindex, cmp eq;
            ATTR_LABEL = 1 << 5, "label", label, cmp eq;
            ATTR_CACHEINFO = 1 << 6, "cacheinfo", cacheinfo, cmp eq;
            ATTR_PEER = 1 << 7, "peer", peer, cmp eq;
            ATTR_LOCAL = 1 << 8, "local", local, cmp eq;
            ATTR_BROADCAST = 1 << 9, "broadcast", broadcast, cmp eq;
            ATTR_MULTICAST = 1 << 10, "multicast", multicast, cmp eq;
            ATTR_ANYCAST = 1 << 11, "", anycast, cmp eq;
        } }
    };
}
crate::addr_attrs!(crate::object_table);

/// `struct ifa_cacheinfo`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheInfo {
    /// `ifa_prefered` (seconds).
    pub prefered: u32,
    /// `ifa_valid` (seconds).
    pub valid: u32,
    /// `cstamp` (hundredths of a second since boot).
    pub cstamp: u32,
    /// `tstamp` (hundredths of a second since boot).
    pub tstamp: u32,
}

impl Default for CacheInfo {
    fn default() -> Self {
        CacheInfo {
            prefered: FOREVER,
            valid: FOREVER,
            cstamp: 0,
            tstamp: 0,
        }
    }
}

/// A reference the layer above keeps in an address (the link object of `rtnl_addr_set_link`):
/// [`Holdable::dup`] takes another reference for a copy of the address, dropping releases it.
pub trait Holdable: Send + Sync {
    /// Another reference to the same thing.
    fn dup(&self) -> Box<dyn Holdable>;
    /// The holder as `Any`, for the layer above to find its type again.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// What an address holds for the layer above ([`Holdable`]): each copy of the address holds
/// its own reference (as libnl's clones do); never compared.
pub struct Held(pub Box<dyn Holdable>);

impl Clone for Held {
    fn clone(&self) -> Self {
        Held(self.0.dup())
    }
}

impl PartialEq for Held {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Held {}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Held")
    }
}

/// An address: the attributes and their presence mask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Presence bits (`ATTR_*`).
    pub mask: u64,
    /// `ifa_family`.
    pub family: u8,
    /// `ifa_prefixlen`.
    pub prefixlen: u8,
    /// The flags (`ifa_flags`, `IFA_FLAGS`).
    pub flags: u32,
    /// The flags set or cleared by the caller (a filter compares only these).
    pub flag_mask: u32,
    /// `ifa_scope`.
    pub scope: u8,
    /// `ifa_index`.
    pub ifindex: i32,
    /// `IFA_LABEL`, NUL-terminated.
    pub label: [u8; IFNAMSIZ],
    /// `IFA_CACHEINFO`.
    pub cacheinfo: CacheInfo,
    /// The peer (`IFA_ADDRESS` when it differs from the local address).
    pub peer: Option<Addr>,
    /// `IFA_LOCAL`.
    pub local: Option<Addr>,
    /// `IFA_BROADCAST`.
    pub broadcast: Option<Addr>,
    /// `IFA_MULTICAST`.
    pub multicast: Option<Addr>,
    /// `IFA_ANYCAST`.
    pub anycast: Option<Addr>,
    /// The link the address is on, as the program set it or the link cache had it when the
    /// address was parsed (libnl's `a_link`).
    pub link: Option<Held>,
}

impl Default for Address {
    fn default() -> Self {
        Address {
            mask: 0,
            family: 0,
            prefixlen: 0,
            flags: 0,
            flag_mask: 0,
            scope: SCOPE_NOWHERE,
            ifindex: 0,
            label: [0; IFNAMSIZ],
            cacheinfo: CacheInfo::default(),
            peer: None,
            local: None,
            broadcast: None,
            multicast: None,
            anycast: None,
            link: None,
        }
    }
}

/// libnl's address policy.
struct AddrPolicy;

impl PolicyTable for AddrPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            ifa::LABEL => Some(Policy {
                ty: NLA_STRING,
                minlen: 0,
                maxlen: IFNAMSIZ as u16,
            }),
            ifa::CACHEINFO => Some(Policy {
                ty: NLA_UNSPEC,
                minlen: CACHEINFO_LEN as u16,
                maxlen: 0,
            }),
            _ => None,
        }
    }
}

/// Which address slot a setter writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `rtnl_addr_set_local`.
    Local,
    /// `rtnl_addr_set_peer`.
    Peer,
    /// `rtnl_addr_set_broadcast`.
    Broadcast,
    /// `rtnl_addr_set_multicast`.
    Multicast,
    /// `rtnl_addr_set_anycast`.
    Anycast,
}

impl Slot {
    /// The presence bit of the slot.
    pub fn bit(self) -> u64 {
        match self {
            Slot::Local => ATTR_LOCAL,
            Slot::Peer => ATTR_PEER,
            Slot::Broadcast => ATTR_BROADCAST,
            Slot::Multicast => ATTR_MULTICAST,
            Slot::Anycast => ATTR_ANYCAST,
        }
    }
}

fn u32_at(p: &[u8], o: usize) -> u32 {
    p.get(o..o + 4)
        .map_or(0, |b| u32::from_ne_bytes(attr::read_ne::<4>(b)))
}

impl Address {
    /// The label without its NUL.
    pub fn label(&self) -> &[u8] {
        cstr_part(&self.label)
    }

    /// The address in `slot`.
    pub fn slot(&self, slot: Slot) -> Option<&Addr> {
        match slot {
            Slot::Local => self.local.as_ref(),
            Slot::Peer => self.peer.as_ref(),
            Slot::Broadcast => self.broadcast.as_ref(),
            Slot::Multicast => self.multicast.as_ref(),
            Slot::Anycast => self.anycast.as_ref(),
        }
    }

    fn slot_mut(&mut self, slot: Slot) -> &mut Option<Addr> {
        match slot {
            Slot::Local => &mut self.local,
            Slot::Peer => &mut self.peer,
            Slot::Broadcast => &mut self.broadcast,
            Slot::Multicast => &mut self.multicast,
            Slot::Anycast => &mut self.anycast,
        }
    }

    /// `rtnl_addr_set_label`: `Error::Range` for a label of `IFNAMSIZ` bytes or more.
    pub fn set_label(&mut self, label: &[u8]) -> Result<()> {
        if label.len() >= IFNAMSIZ {
            return Err(Error::Range);
        }
        self.label = fixed_str(label);
        self.mask |= ATTR_LABEL;
        Ok(())
    }

    /// `rtnl_addr_set_family`.
    pub fn set_family(&mut self, family: i32) {
        self.family = family as u8;
        self.mask |= ATTR_FAMILY;
    }

    /// `rtnl_addr_set_prefixlen`: 0 clears the attribute; the prefix length also goes to the
    /// peer, or without one to the local address.
    pub fn set_prefixlen(&mut self, plen: i32) {
        self.prefixlen = plen as u8;
        if plen != 0 {
            self.mask |= ATTR_PREFIXLEN;
        } else {
            self.mask &= !ATTR_PREFIXLEN;
        }
        if let Some(p) = self.peer.as_mut() {
            p.prefixlen = plen;
        } else if let Some(l) = self.local.as_mut() {
            l.prefixlen = plen;
        }
    }

    /// `rtnl_addr_set_flags`.
    pub fn set_flags(&mut self, flags: u32) {
        self.flag_mask |= flags;
        self.flags |= flags;
        self.mask |= ATTR_FLAGS;
    }

    /// `rtnl_addr_unset_flags`.
    pub fn unset_flags(&mut self, flags: u32) {
        self.flag_mask |= flags;
        self.flags &= !flags;
        self.mask |= ATTR_FLAGS;
    }

    /// `rtnl_addr_set_valid_lifetime` / `_preferred_lifetime`.
    pub fn set_lifetime(&mut self, valid: bool, v: u32) {
        if valid {
            self.cacheinfo.valid = v;
        } else {
            self.cacheinfo.prefered = v;
        }
        self.mask |= ATTR_CACHEINFO;
    }

    /// The address setters (`rtnl_addr_set_local` etc.; `None` clears the slot):
    /// `Error::AfNoSupport` for a peer or broadcast address that is not IPv4 or a multicast or
    /// anycast address that is not IPv6, `Error::Inval` for a local address with a prefix
    /// length when there is a peer, `Error::AfMismatch` for an address of another family than
    /// the object's (which an address gives the object when it has none). The local address
    /// (without a peer) and the peer set the prefix length.
    pub fn set_addr(&mut self, slot: Slot, a: Option<Addr>) -> Result<()> {
        let need = match slot {
            Slot::Peer | Slot::Broadcast => Some(i32::from(AF_INET)),
            Slot::Multicast | Slot::Anycast => Some(i32::from(AF_INET6)),
            Slot::Local => None,
        };
        if let (Some(f), Some(a)) = (need, &a) {
            if a.family != f {
                return Err(Error::AfNoSupport);
            }
        }
        if slot == Slot::Local && self.mask & ATTR_PEER != 0 {
            if let Some(a) = &a {
                if a.prefixlen != 0 {
                    return Err(Error::Inval);
                }
            }
        }
        if let Some(a) = &a {
            if self.mask & ATTR_FAMILY != 0 {
                if i32::from(self.family) != a.family {
                    return Err(Error::AfMismatch);
                }
            } else {
                self.family = a.family as u8;
                self.mask |= ATTR_FAMILY;
            }
        }
        let plen = a.as_ref().map_or(0, |a| a.prefixlen);
        let bit = slot.bit();
        if a.is_some() {
            self.mask |= bit;
        } else {
            self.mask &= !bit;
        }
        *self.slot_mut(slot) = a;
        match slot {
            Slot::Peer => self.set_prefixlen(plen),
            Slot::Local if self.mask & ATTR_PEER == 0 => self.set_prefixlen(plen),
            _ => {}
        }
        Ok(())
    }

    /// The identity attributes of this address (libnl's per-object rule).
    pub fn id_attrs(&self) -> u64 {
        let base = ATTR_FAMILY | ATTR_IFINDEX | ATTR_LOCAL;
        match self.family {
            AF_INET6 => base,
            AF_INET if self.peer.is_some() => base | ATTR_PREFIXLEN | ATTR_PEER,
            _ => base | ATTR_PREFIXLEN,
        }
    }

    /// Parses an `RTM_NEWADDR`/`RTM_DELADDR` payload: the `struct ifaddrmsg` and the
    /// attributes after it.
    pub fn parse(payload: &[u8]) -> Result<Address> {
        let hdr: [u8; IFADDRMSG_LEN] = payload
            .get(..IFADDRMSG_LEN)
            .and_then(|h| h.try_into().ok())
            .ok_or(Error::MsgTooShort)?;
        let [family, prefixlen, flags, scope, i0, i1, i2, i3] = hdr;
        let attrs = payload.get(IFADDRMSG_LEN..).unwrap_or_default();
        let mut tb = [None; ifa::MAX + 1];
        crate::engine::route::link::payloads_into(attrs, &AddrPolicy, &mut tb)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        let mut a = Address {
            mask: ATTR_FAMILY | ATTR_PREFIXLEN | ATTR_FLAGS | ATTR_SCOPE | ATTR_IFINDEX,
            family,
            prefixlen,
            flags: u32::from(flags),
            scope,
            ifindex: i32::from_ne_bytes([i0, i1, i2, i3]),
            ..Address::default()
        };
        if let Some(p) = get(ifa::FLAGS) {
            // libnl has no policy for IFA_FLAGS and reads four bytes whatever the payload
            // holds; here a short payload is read as far as it goes.
            let mut b = [0u8; 4];
            for (d, s) in b.iter_mut().zip(p) {
                *d = *s;
            }
            a.flags = u32::from_ne_bytes(b);
        }
        if let Some(p) = get(ifa::LABEL) {
            a.label = fixed_str(attr::string(p));
            a.mask |= ATTR_LABEL;
        }
        if let Some(p) = get(ifa::CACHEINFO) {
            a.cacheinfo = CacheInfo {
                prefered: u32_at(p, 0),
                valid: u32_at(p, 4),
                cstamp: u32_at(p, 8),
                tstamp: u32_at(p, 12),
            };
            a.mask |= ATTR_CACHEINFO;
        }
        let fam = i32::from(family);
        let zero4 = || (family == AF_INET).then(|| Addr::build(fam, &[0; 4]));
        let local = get(ifa::LOCAL).map(|p| Addr::build(fam, p)).or_else(zero4);
        let address = get(ifa::ADDRESS)
            .map(|p| Addr::build(fam, p))
            .or_else(zero4);
        let local = match (local, address) {
            (Some(l), Some(x)) if addr::cmp(&l, &x) != 0 => {
                a.peer = Some(x);
                a.mask |= ATTR_PEER;
                Some(l)
            }
            (Some(l), _) => Some(l),
            (None, x) => x,
        };
        if let Some(mut l) = local {
            l.prefixlen = i32::from(prefixlen);
            a.local = Some(l);
            a.mask |= ATTR_LOCAL;
        }
        for (t, bit, slot) in [
            (ifa::BROADCAST, ATTR_BROADCAST, Slot::Broadcast),
            (ifa::MULTICAST, ATTR_MULTICAST, Slot::Multicast),
            (ifa::ANYCAST, ATTR_ANYCAST, Slot::Anycast),
        ] {
            if let Some(p) = get(t) {
                *a.slot_mut(slot) = Some(Addr::build(fam, p));
                a.mask |= bit;
            }
        }
        Ok(a)
    }

    /// The request of type `ty`: `Error::MissingAttr` without the `required` attributes.
    fn request(&self, ty: u16, flags: u16, required: u64) -> Result<Message> {
        if self.mask & required != required {
            return Err(Error::MissingAttr);
        }
        let has = |bit: u64| self.mask & bit != 0;
        let mut m = Message::simple(ty, flags)?;
        let mut h = [0u8; IFADDRMSG_LEN];
        h[0] = self.family;
        h[1] = self.prefixlen;
        h[2] = self.flags as u8;
        h[3] = if has(ATTR_SCOPE) { self.scope } else { 0 };
        h[4..8].copy_from_slice(&self.ifindex.to_ne_bytes());
        m.append(&h, 4)?;
        if let (true, Some(l)) = (has(ATTR_LOCAL), &self.local) {
            m.put_attr(ifa::LOCAL, &l.bytes)?;
        }
        if let (true, Some(p)) = (has(ATTR_PEER), &self.peer) {
            m.put_attr(ifa::ADDRESS, &p.bytes)?;
        } else if let (true, Some(l)) = (has(ATTR_LOCAL), &self.local) {
            m.put_attr(ifa::ADDRESS, &l.bytes)?;
        }
        if has(ATTR_LABEL) {
            let mut v = self.label().to_vec();
            v.push(0);
            m.put_attr(ifa::LABEL, &v)?;
        }
        if let (true, Some(b)) = (has(ATTR_BROADCAST), &self.broadcast) {
            m.put_attr(ifa::BROADCAST, &b.bytes)?;
        }
        if has(ATTR_CACHEINFO) {
            let mut ci = [0u8; CACHEINFO_LEN];
            ci[..4].copy_from_slice(&self.cacheinfo.prefered.to_ne_bytes());
            ci[4..8].copy_from_slice(&self.cacheinfo.valid.to_ne_bytes());
            m.put_attr(ifa::CACHEINFO, &ci)?;
        }
        if self.flags > 0xff {
            m.put_attr(ifa::FLAGS, &self.flags.to_ne_bytes())?;
        }
        Ok(m)
    }

    /// `rtnl_addr_build_add_request`: `RTM_NEWADDR` with `NLM_F_CREATE` and the caller's
    /// `flags`; needs the index, family, prefix length and local address.
    pub fn add_request(&self, flags: u16) -> Result<Message> {
        self.request(
            RTM_NEWADDR,
            NLM_F_CREATE | flags,
            ATTR_IFINDEX | ATTR_FAMILY | ATTR_PREFIXLEN | ATTR_LOCAL,
        )
    }

    /// `rtnl_addr_build_delete_request`: `RTM_DELADDR` with the caller's `flags`; needs the
    /// index and family.
    pub fn delete_request(&self, flags: u16) -> Result<Message> {
        self.request(RTM_DELADDR, flags, ATTR_IFINDEX | ATTR_FAMILY)
    }

    /// libnl's address comparison: the attribute table, plus the flags (a filter compares
    /// only the flags it set or cleared).
    pub fn diff(&self, other: &Address, attrs: u64, flags: i32) -> u64 {
        let (ma, mb) = (self.mask, other.mask);
        let mut d = obj::compare(self, other, attrs, flags);
        d |= obj::attr_diff(attrs, ATTR_FLAGS, ma, mb, || {
            if flags & obj::LOOSE_COMPARISON != 0 {
                (self.flags ^ other.flags) & other.flag_mask != 0
            } else {
                self.flags != other.flags
            }
        });
        d
    }
}

impl obj::ObjectType for Address {
    const NAME: &'static str = "route/addr";
    const ID_ATTRS: u64 = ATTR_FAMILY | ATTR_IFINDEX | ATTR_LOCAL | ATTR_PREFIXLEN;
    const PER_OBJECT_ID_ATTRS: bool = true;

    fn attrs() -> &'static [AttrDesc<Self>] {
        Self::ATTRS
    }
    fn mask(&self) -> u64 {
        self.mask
    }
    fn mask_mut(&mut self) -> &mut u64 {
        &mut self.mask
    }
    fn id_attrs(&self) -> u64 {
        Address::id_attrs(self)
    }
    fn compare(&self, other: &Self, attrs: u64, flags: i32) -> u64 {
        self.diff(other, attrs, flags)
    }
    fn dump(&self, ty: obj::DumpType, out: &mut dyn obj::DumpOut) {
        Address::dump(self, ty, out)
    }
}

/// Address flags (`IFA_F_*`) as libnl 3.7.0 names them, in its order.
const FLAG_NAMES: &[(u64, &str)] = &[
    (0x01, "secondary"),
    (0x02, "nodad"),
    (0x04, "optimistic"),
    (0x08, "dadfailed"),
    (0x10, "homeaddress"),
    (0x20, "deprecated"),
    (0x40, "tentative"),
    (0x80, "permanent"),
    (0x100, "mngtmpaddr"),
    (0x200, "noprefixroute"),
];

/// `rtnl_addr_flags2str` into a buffer of `len` bytes.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAG_NAMES))
}

/// `rtnl_addr_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAG_NAMES))
}
