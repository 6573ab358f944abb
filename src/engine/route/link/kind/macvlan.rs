//! The `macvlan` and `macvtap` kinds (`IFLA_MACVLAN_*`): mode and flags, with libnl's names
//! and dump, observed from libnl 3.7.0. (The source-MAC address list of mode `source` is not
//! handled yet: its attributes are ignored.)
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U16, NLA_U32, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::Result;

/// `IFLA_MACVLAN_MODE`.
pub const MODE: u16 = 1;
/// `IFLA_MACVLAN_FLAGS`.
pub const FLAGS: u16 = 2;
/// Highest `IFLA_MACVLAN_*` attribute parsed.
const MAX: usize = 8;

/// The mode is set.
pub const HAS_MODE: u32 = 1 << 0;
/// The flags are set.
pub const HAS_FLAGS: u32 = 1 << 1;

/// Modes (`MACVLAN_MODE_*`) as libnl names them.
pub const MODES: &[(u64, &str)] = &[
    (1, "private"),
    (2, "vepa"),
    (4, "bridge"),
    (8, "passthru"),
    (16, "source"),
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
}

struct MacvlanPolicy;

impl PolicyTable for MacvlanPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            MODE => Some(Policy::of(NLA_U32)),
            FLAGS => Some(Policy::of(NLA_U16)),
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
        Ok(())
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
        l.push('\n');
        out.text(&l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

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
