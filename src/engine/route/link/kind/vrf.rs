//! The `vrf` kind (`IFLA_VRF_TABLE`), observed from libnl 3.7.0: the table id when set, in
//! the request, the line dump (`table-id N`) and the details (the same words, neither
//! indented nor ended by a newline: libnl 3.7.0). libnl does not compare vrf data.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U32, Policy, PolicyTable};
use crate::error::Result;

/// `IFLA_VRF_TABLE`.
pub const TABLE: u16 = 1;

/// The data of a vrf link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vrf {
    /// The table id, when set.
    pub table: Option<u32>,
}

struct VrfPolicy;

impl PolicyTable for VrfPolicy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        (ty == usize::from(TABLE)).then(|| Policy::of(NLA_U32))
    }
}

impl Vrf {
    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, usize::from(TABLE), &VrfPolicy)?;
        if let Some(p) = tb.get(usize::from(TABLE)).copied().flatten() {
            self.table = Some(u32::from_ne_bytes(attr::read_ne::<4>(p)));
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if let Some(t) = self.table {
            m.put_attr(TABLE, &t.to_ne_bytes())?;
        }
        Ok(())
    }

    /// The kind's part of the line dump.
    pub fn dump_line(&self) -> Option<String> {
        self.table.map(|t| format!("table-id {t}"))
    }

    /// The details (without prefix, indentation or newline, as libnl 3.7.0).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        if let Some(t) = self.table {
            out.text(&format!("table-id {t}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn parse_put_and_bad_input() {
        let bytes = [8, 0, 1, 0, 0xd2, 4, 0, 0];
        let mut v = Vrf::default();
        v.parse(&bytes).unwrap();
        assert_eq!(v.table, Some(1234));
        let mut m = Message::simple(16, 0).unwrap();
        v.put(&mut m).unwrap();
        assert_eq!(&m.bytes()[16..], &bytes[..]);
        assert_eq!(
            Vrf::default().parse(&[6, 0, 1, 0, 5, 0, 0, 0]),
            Err(Error::Range)
        );
        let mut u = Vrf::default();
        u.parse(&[8, 0, 2, 0, 1, 0, 0, 0]).unwrap();
        assert_eq!(u.table, None);
    }
}
