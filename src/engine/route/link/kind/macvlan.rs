//! The `macvlan` and `macvtap` kinds (`IFLA_MACVLAN_*`): mode and flags, and the source-MAC
//! address list of mode `source` with its macmode, with libnl's names and dump, observed from
//! libnl 3.7.0:
//! * the macmode and the list share one presence bit ([`HAS_MACADDR`]); a parsed link has it
//!   when both `IFLA_MACVLAN_MACADDR_COUNT` and `_DATA` came, with the macmode `set`
//!   (`IFLA_MACVLAN_MACADDR_MODE` is checked as a u32 and otherwise ignored), and a list of
//!   `COUNT` entries filled in order from the `IFLA_MACVLAN_MACADDR` attributes of at least 6
//!   bytes (other attributes skipped, entries left over stay empty);
//! * the macmode and list accessors work in mode `source` only (`-NLE_INVAL` otherwise), and a
//!   mode other than `source` drops both;
//! * libnl's macmode names carry double quotes (`"add"`): [`MACMODES`] keeps them.
#![forbid(unsafe_code)]

use crate::engine::addr::{self, AF_LLC, Addr};
use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U16, NLA_U32, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::{Error, Result};

/// `IFLA_MACVLAN_MODE`.
pub const MODE: u16 = 1;
/// `IFLA_MACVLAN_FLAGS`.
pub const FLAGS: u16 = 2;
/// `IFLA_MACVLAN_MACADDR_MODE`.
pub const MACADDR_MODE: u16 = 3;
/// `IFLA_MACVLAN_MACADDR`.
pub const MACADDR: u16 = 4;
/// `IFLA_MACVLAN_MACADDR_DATA`.
pub const MACADDR_DATA: u16 = 5;
/// `IFLA_MACVLAN_MACADDR_COUNT`.
pub const MACADDR_COUNT: u16 = 6;
/// `MACVLAN_MODE_SOURCE`.
pub const MODE_SOURCE: u32 = 16;
/// `MACVLAN_MACADDR_SET`.
pub const MACADDR_SET: u32 = 3;
/// The longest source-MAC list a parsed link may announce.
const MAX_LIST: usize = 1 << 20;
/// `ETH_ALEN`: the shortest address a parsed list keeps.
const ETH_ALEN: usize = 6;
/// Highest `IFLA_MACVLAN_*` attribute parsed.
const MAX: usize = 8;

/// The mode is set.
pub const HAS_MODE: u32 = 1 << 0;
/// The flags are set.
pub const HAS_FLAGS: u32 = 1 << 1;
/// The macmode and the source-MAC list are set.
pub const HAS_MACADDR: u32 = 1 << 2;

/// Modes (`MACVLAN_MODE_*`) as libnl names them.
pub const MODES: &[(u64, &str)] = &[
    (1, "private"),
    (2, "vepa"),
    (4, "bridge"),
    (8, "passthru"),
    (16, "source"),
];

/// Macmodes (`MACVLAN_MACADDR_*`) as libnl names them (double quotes included).
pub const MACMODES: &[(u64, &str)] = &[
    (0, "\"add\""),
    (1, "\"del\""),
    (2, "\"flush\""),
    (3, "\"set\""),
];

/// Flags (`MACVLAN_FLAG_*`) as libnl names them.
pub const FLAG_NAMES: &[(u64, &str)] = &[(1, "nopromisc")];

/// The data of a macvlan or macvtap link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Macvlan {
    /// Which of mode and flags are set (`HAS_*`).
    pub mask: u32,
    /// `IFLA_MACVLAN_MODE`.
    pub mode: u32,
    /// `IFLA_MACVLAN_FLAGS`.
    pub flags: u16,
    /// `IFLA_MACVLAN_MACADDR_MODE` (`MACVLAN_MACADDR_*`).
    pub macmode: u32,
    /// The source-MAC list (an entry the parsed list left unfilled is `None`).
    pub macaddrs: Vec<Option<Addr>>,
}

struct MacvlanPolicy;

impl PolicyTable for MacvlanPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            MODE => Some(Policy::of(NLA_U32)),
            FLAGS => Some(Policy::of(NLA_U16)),
            MACADDR_MODE | MACADDR_COUNT => Some(Policy::of(NLA_U32)),
            _ => None,
        }
    }
}

/// `rtnl_link_macvlan_mode2str`.
pub fn mode2str(mode: i32) -> Vec<u8> {
    trans::type2str(mode, trans::entries(MODES))
}

/// `rtnl_link_macvlan_str2mode`.
pub fn str2mode(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(MODES))
}

/// `rtnl_link_macvlan_macmode2str`.
pub fn macmode2str(mode: i32) -> Vec<u8> {
    trans::type2str(mode, trans::entries(MACMODES))
}

/// `rtnl_link_macvlan_str2macmode`.
pub fn str2macmode(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(MACMODES))
}

/// `rtnl_link_macvlan_flags2str` into a buffer of `len` bytes.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAG_NAMES))
}

/// `rtnl_link_macvlan_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAG_NAMES))
}

impl Macvlan {
    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, MAX, &MacvlanPolicy)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if let Some(p) = get(MODE) {
            self.mode = u32::from_ne_bytes(attr::read_ne::<4>(p));
            self.mask |= HAS_MODE;
        }
        if let Some(p) = get(FLAGS) {
            self.flags = u16::from_ne_bytes(attr::read_ne::<2>(p));
            self.mask |= HAS_FLAGS;
        }
        if let (Some(c), Some(d)) = (get(MACADDR_COUNT), get(MACADDR_DATA)) {
            let count = u32::from_ne_bytes(attr::read_ne::<4>(c)) as usize;
            // One entry per address the count announces (libnl allocates them all; a count
            // no message could fill is refused as memory libnl could not get either).
            if count > MAX_LIST {
                return Err(Error::NoMem);
            }
            let mut list: Vec<Option<Addr>> = attr::iter(d)
                .filter(|a| a.ty() == MACADDR && a.payload.len() >= ETH_ALEN)
                .take(count)
                .map(|a| Some(Addr::build(AF_LLC, a.payload)))
                .collect();
            list.resize(count, None);
            self.macaddrs = list;
            self.macmode = MACADDR_SET;
            self.mask |= HAS_MACADDR;
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request: the mode, then the flags, when set.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if self.mask & HAS_MODE != 0 {
            m.put_attr(MODE, &self.mode.to_ne_bytes())?;
        }
        if self.mask & HAS_FLAGS != 0 {
            m.put_attr(FLAGS, &self.flags.to_ne_bytes())?;
        }
        if self.mask & HAS_MACADDR != 0 {
            m.put_attr(MACADDR_MODE, &self.macmode.to_ne_bytes())?;
            if !self.macaddrs.is_empty() {
                let nest = m.nest_start(MACADDR_DATA)?;
                for a in self.macaddrs.iter().flatten() {
                    m.put_attr(MACADDR, &a.bytes)?;
                }
                m.nest_end(nest, false)?;
            }
        }
        Ok(())
    }

    /// `rtnl_link_macvlan_set_mode`: a mode other than `source` drops the macmode and list.
    pub fn set_mode(&mut self, mode: u32) {
        self.mode = mode;
        self.mask |= HAS_MODE;
        if mode != MODE_SOURCE {
            self.mask &= !HAS_MACADDR;
            self.macmode = 0;
            self.macaddrs.clear();
        }
    }

    /// Whether the link is in mode `source` (what the macmode and list accessors require).
    fn is_source(&self) -> bool {
        self.mask & HAS_MODE != 0 && self.mode == MODE_SOURCE
    }

    /// The macmode and list when usable: mode `source` with them set.
    fn source_list(&self) -> Result<(u32, &[Option<Addr>])> {
        if self.is_source() && self.mask & HAS_MACADDR != 0 {
            Ok((self.macmode, &self.macaddrs))
        } else {
            Err(Error::Inval)
        }
    }

    /// `rtnl_link_macvlan_set_macmode`: `Error::Inval` outside mode `source`.
    pub fn set_macmode(&mut self, macmode: u32) -> Result<()> {
        if !self.is_source() {
            return Err(Error::Inval);
        }
        self.macmode = macmode;
        self.mask |= HAS_MACADDR;
        Ok(())
    }

    /// `rtnl_link_macvlan_get_macmode`.
    pub fn macmode(&self) -> Result<u32> {
        self.source_list().map(|(m, _)| m)
    }

    /// `rtnl_link_macvlan_count_macaddr`.
    pub fn count_macaddr(&self) -> Result<u32> {
        self.source_list()
            .map(|(_, l)| u32::try_from(l.len()).unwrap_or(u32::MAX))
    }

    /// `rtnl_link_macvlan_get_macaddr`: entry `idx` (`None` for an entry left unfilled).
    pub fn macaddr(&self, idx: u32) -> Result<Option<&Addr>> {
        let (_, l) = self.source_list()?;
        l.get(idx as usize).map(Option::as_ref).ok_or(Error::Inval)
    }

    /// `rtnl_link_macvlan_add_macaddr`: appends a link-layer address (duplicates allowed).
    pub fn add_macaddr(&mut self, a: &Addr) -> Result<()> {
        self.source_list()?;
        if a.family != AF_LLC {
            return Err(Error::Inval);
        }
        self.macaddrs.push(Some(a.clone()));
        Ok(())
    }

    /// `rtnl_link_macvlan_del_macaddr`: removes every entry equal to `a` (`nl_addr_cmp`),
    /// giving how many went.
    pub fn del_macaddr(&mut self, a: &Addr) -> Result<u32> {
        self.source_list()?;
        if a.family != AF_LLC {
            return Err(Error::Inval);
        }
        let before = self.macaddrs.len();
        self.macaddrs
            .retain(|e| e.as_ref().is_none_or(|e| addr::cmp(e, a) != 0));
        Ok(u32::try_from(before - self.macaddrs.len()).unwrap_or(u32::MAX))
    }

    /// `rtnl_link_macvlan_set_flags`: sets `flags`.
    pub fn set_flags(&mut self, flags: u16) {
        self.flags |= flags;
        self.mask |= HAS_FLAGS;
    }

    /// `rtnl_link_macvlan_unset_flags`: clears `flags`.
    pub fn unset_flags(&mut self, flags: u16) {
        self.flags &= !flags;
        self.mask |= HAS_FLAGS;
    }

    /// The details line: `    <kind>-mode M` when the mode is set, ` <kind>-flags F` when the
    /// flags are, then the end of the line (an empty line when neither is: libnl 3.7.0).
    pub fn dump_details(&self, kind: &str, out: &mut dyn DumpOut) {
        let mut l = String::new();
        if self.mask & HAS_MODE != 0 {
            let m = mode2str(self.mode as i32);
            l.push_str(&format!("    {kind}-mode {}", String::from_utf8_lossy(&m)));
        }
        if self.mask & HAS_FLAGS != 0 {
            let f = flags2str(i32::from(self.flags), 128);
            l.push_str(&format!(" {kind}-flags {}", String::from_utf8_lossy(&f)));
        }
        if self.mask & HAS_MACADDR != 0 {
            l.push_str(&format!(" {kind}-count {}", self.macaddrs.len()));
            if !self.macaddrs.is_empty() {
                l.push_str(&format!(" {kind}-sourcemac"));
                for a in &self.macaddrs {
                    match a {
                        Some(a) => l.push_str(&format!(" {}", addr::to_string(a))),
                        None => l.push_str(" none"),
                    }
                }
            }
        }
        l.push('\n');
        out.text(&l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_libnl() {
        let names: Vec<(i32, &[u8])> = vec![
            (-1, b"0xffffffff"),
            (0, b"0x0"),
            (1, b"private"),
            (2, b"vepa"),
            (3, b"0x3"),
            (4, b"bridge"),
            (8, b"passthru"),
            (16, b"source"),
            (17, b"0x11"),
        ];
        for (v, n) in names {
            assert_eq!(mode2str(v), n);
        }
        assert_eq!(str2mode(b"BRIDGE"), Ok(4));
        assert_eq!(str2mode(b"source"), Ok(16));
        assert_eq!(str2mode(b"3"), Ok(3));
        assert_eq!(str2mode(b"bogus"), Err(Error::ObjNotFound));
        assert_eq!(str2mode(b""), Err(Error::Inval));
        assert_eq!(flags2str(0, 64), b"");
        assert_eq!(flags2str(1, 64), b"nopromisc");
        assert_eq!(flags2str(3, 64), b"nopromisc,");
        assert_eq!(flags2str(-1, 64), b"nopromisc,");
        assert_eq!(str2flags(b"nopromisc"), 1);
        assert_eq!(str2flags(b"x"), 0);
    }
}

#[cfg(test)]
mod source_tests {
    use super::*;

    fn attr(ty: u16, payload: &[u8]) -> Vec<u8> {
        let mut v = ((payload.len() + 4) as u16).to_ne_bytes().to_vec();
        v.extend_from_slice(&ty.to_ne_bytes());
        v.extend_from_slice(payload);
        v.resize(v.len().next_multiple_of(4), 0);
        v
    }

    const A1: [u8; 6] = [2, 0, 0, 0, 0, 0xa1];
    const A2: [u8; 6] = [2, 0, 0, 0, 0, 0xa2];

    fn put_bytes(d: &Macvlan) -> Vec<u8> {
        let mut m = Message::simple(16, 0).unwrap();
        d.put(&mut m).unwrap();
        m.bytes()[16..].to_vec()
    }

    #[test]
    fn source_list_parses_and_puts_as_libnl() {
        let list = [attr(MACADDR, &A1), attr(MACADDR, &A2)].concat();
        let data = [
            attr(MODE, &16u32.to_ne_bytes()),
            attr(FLAGS, &1u16.to_ne_bytes()),
            attr(MACADDR_MODE, &0u32.to_ne_bytes()),
            attr(MACADDR_COUNT, &2u32.to_ne_bytes()),
            attr(MACADDR_DATA, &list),
        ]
        .concat();
        let mut d = Macvlan::default();
        d.parse(&data).unwrap();
        assert_eq!(d.mask, HAS_MODE | HAS_FLAGS | HAS_MACADDR);
        // libnl keeps `set` whatever IFLA_MACVLAN_MACADDR_MODE said.
        assert_eq!(d.macmode(), Ok(MACADDR_SET));
        assert_eq!(d.count_macaddr(), Ok(2));
        assert_eq!(d.macaddr(1), Ok(Some(&Addr::build(AF_LLC, &A2))));
        assert_eq!(d.macaddr(2), Err(Error::Inval));
        // libnl 3.7.0's request: mode, flags, macmode, the list (no count).
        let want = [
            attr(MODE, &16u32.to_ne_bytes()),
            attr(FLAGS, &1u16.to_ne_bytes()),
            attr(MACADDR_MODE, &3u32.to_ne_bytes()),
            attr(MACADDR_DATA | 0x8000, &list),
        ]
        .concat();
        assert_eq!(put_bytes(&d), want);
        let mut back = Macvlan::default();
        back.parse(&want).unwrap();
        assert_eq!(back.mask, HAS_MODE | HAS_FLAGS);
    }

    #[test]
    fn malformed_lists_are_skipped_not_fatal() {
        // A short, an empty, a foreign and a long entry, count 4: libnl keeps the long one
        // and leaves three entries empty.
        let long = [2, 0, 0, 0, 0, 0xa1, 0xa2, 0xa3];
        let list = [
            attr(MACADDR, &A1[..4]),
            attr(MACADDR, &[]),
            attr(MODE, &4u32.to_ne_bytes()),
            attr(MACADDR, &long),
        ]
        .concat();
        let data = [
            attr(MODE, &16u32.to_ne_bytes()),
            attr(MACADDR_COUNT, &4u32.to_ne_bytes()),
            attr(MACADDR_DATA, &list),
        ]
        .concat();
        let mut d = Macvlan::default();
        d.parse(&data).unwrap();
        assert_eq!(d.macaddrs.len(), 4);
        assert_eq!(d.macaddrs[0], Some(Addr::build(AF_LLC, &long)));
        assert!(d.macaddrs[1..].iter().all(Option::is_none));
        // Content that is not attributes: an empty entry.
        let data = [
            attr(MACADDR_COUNT, &1u32.to_ne_bytes()),
            attr(MACADDR_DATA, &[0xff, 0xff, 1]),
        ]
        .concat();
        let mut d = Macvlan::default();
        d.parse(&data).unwrap();
        assert_eq!(d.macaddrs, vec![None]);
        // A short count: libnl's policy refuses it.
        let data = attr(MACADDR_COUNT, &[1, 0]);
        assert_eq!(Macvlan::default().parse(&data), Err(Error::Range));
        // A count no message can fill: refused, not allocated.
        let data = [
            attr(MACADDR_COUNT, &u32::MAX.to_ne_bytes()),
            attr(MACADDR_DATA, &[]),
        ]
        .concat();
        assert_eq!(Macvlan::default().parse(&data), Err(Error::NoMem));
        // Count or list alone: nothing.
        let mut d = Macvlan::default();
        d.parse(&attr(MACADDR_COUNT, &2u32.to_ne_bytes())).unwrap();
        assert_eq!(d.mask, 0);
    }

    #[test]
    fn list_rules_match_libnl() {
        let a1 = Addr::build(AF_LLC, &A1);
        let mut d = Macvlan::default();
        assert_eq!(d.set_macmode(1), Err(Error::Inval));
        d.set_mode(MODE_SOURCE);
        assert_eq!(d.add_macaddr(&a1), Err(Error::Inval));
        assert_eq!(d.count_macaddr(), Err(Error::Inval));
        d.set_macmode(MACADDR_SET).unwrap();
        assert_eq!(d.count_macaddr(), Ok(0));
        d.add_macaddr(&a1).unwrap();
        d.add_macaddr(&Addr::build(AF_LLC, &A2)).unwrap();
        d.add_macaddr(&a1).unwrap();
        assert_eq!(
            d.add_macaddr(&Addr::build(2, &[10, 0, 0, 1])),
            Err(Error::Inval)
        );
        assert_eq!(d.del_macaddr(&a1), Ok(2));
        assert_eq!(d.del_macaddr(&a1), Ok(0));
        assert_eq!(d.count_macaddr(), Ok(1));
        d.set_mode(MODE_SOURCE);
        assert_eq!(d.count_macaddr(), Ok(1));
        d.set_mode(4);
        assert_eq!(d.mask & HAS_MACADDR, 0);
        assert!(d.macaddrs.is_empty());
        assert_eq!(macmode2str(0), b"\"add\"");
        assert_eq!(macmode2str(4), b"0x4");
        assert_eq!(str2macmode(b"add"), Err(Error::ObjNotFound));
        assert_eq!(str2macmode(b"\"SET\""), Ok(3));
    }
}
