//! The `ipvlan` kind (`IFLA_IPVLAN_MODE`), observed from libnl 3.7.0: the mode when set, in
//! the request, the line dump (`ipvlan-mode NAME`) and the details (the same words, neither
//! indented nor ended by a newline: libnl 3.7.0). libnl names modes l2 and l3 only (not l3s)
//! and does not compare ipvlan data.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U16, Policy, PolicyTable};
use crate::engine::trans;
use crate::error::Result;

/// `IFLA_IPVLAN_MODE`.
pub const MODE: u16 = 1;

/// Modes as libnl names them.
pub const MODES: &[(u64, &str)] = &[(0, "l2"), (1, "l3")];

/// The data of an ipvlan link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ipvlan {
    /// The mode, when set.
    pub mode: Option<u16>,
}

struct IpvlanPolicy;

impl PolicyTable for IpvlanPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        (ty == usize::from(MODE)).then(|| Policy::of(NLA_U16))
    }
}

/// `rtnl_link_ipvlan_mode2str`.
pub fn mode2str(mode: i32) -> Vec<u8> {
    trans::type2str(mode, trans::entries(MODES))
}

/// `rtnl_link_ipvlan_str2mode`.
pub fn str2mode(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(MODES))
}

impl Ipvlan {
    /// Parses `IFLA_INFO_DATA` (the mode; the flags are not read, as libnl).
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, 2, &IpvlanPolicy)?;
        if let Some(p) = tb.get(usize::from(MODE)).copied().flatten() {
            self.mode = Some(u16::from_ne_bytes(attr::read_ne::<2>(p)));
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if let Some(v) = self.mode {
            m.put_attr(MODE, &v.to_ne_bytes())?;
        }
        Ok(())
    }

    fn words(&self) -> Option<String> {
        self.mode.map(|v| {
            format!(
                "ipvlan-mode {}",
                String::from_utf8_lossy(&mode2str(i32::from(v)))
            )
        })
    }

    /// The kind's part of the line dump.
    pub fn dump_line(&self) -> Option<String> {
        self.words()
    }

    /// The details (without prefix, indentation or newline, as libnl 3.7.0).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        if let Some(w) = self.words() {
            out.text(&w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn names_and_bytes() {
        assert_eq!(mode2str(0), b"l2");
        assert_eq!(mode2str(2), b"0x2");
        assert_eq!(str2mode(b"L3"), Ok(1));
        assert_eq!(str2mode(b"l3s"), Err(Error::ObjNotFound));
        assert_eq!(str2mode(b""), Err(Error::Inval));
        let bytes = [6, 0, 1, 0, 1, 0, 0, 0];
        let mut v = Ipvlan::default();
        v.parse(&bytes).unwrap();
        assert_eq!(v.mode, Some(1));
        let mut m = Message::simple(16, 0).unwrap();
        v.put(&mut m).unwrap();
        assert_eq!(&m.bytes()[16..], &bytes[..]);
        assert_eq!(
            Ipvlan::default().parse(&[5, 0, 1, 0, 1, 0, 0, 0]),
            Err(Error::Range)
        );
    }
}
