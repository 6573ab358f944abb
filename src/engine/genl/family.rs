//! A generic netlink family as the controller describes it: id, name, version, header size,
//! highest attribute, operations (command id + capability flags) and multicast groups, plus
//! libnl's dump text, attribute bits and comparison.
#![forbid(unsafe_code)]

use super::GENL_NAMSIZ;
use crate::engine::trans;
use crate::error::{Error, Result};

/// `FAMILY_ATTR_ID`.
pub const ATTR_ID: u64 = 0x01;
/// `FAMILY_ATTR_NAME`.
pub const ATTR_NAME: u64 = 0x02;
/// `FAMILY_ATTR_VERSION`.
pub const ATTR_VERSION: u64 = 0x04;
/// `FAMILY_ATTR_HDRSIZE`.
pub const ATTR_HDRSIZE: u64 = 0x08;
/// `FAMILY_ATTR_MAXATTR`.
pub const ATTR_MAXATTR: u64 = 0x10;
/// `FAMILY_ATTR_OPS`.
pub const ATTR_OPS: u64 = 0x20;
/// `FAMILY_ATTR_MCAST_GRPS`.
pub const ATTR_MCAST_GRPS: u64 = 0x40;

/// Operation capability flags as libnl names them (`GENL_ADMIN_PERM`, `GENL_CMD_CAP_*`).
pub const OP_FLAGS: &[(u64, &str)] = &[
    (0x01, "admin_perm"),
    (0x02, "has_doit"),
    (0x04, "has_dump"),
    (0x08, "has_policy"),
];

/// One operation of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Op {
    /// Command number.
    pub id: i32,
    /// Capability flags.
    pub flags: i32,
}

/// One multicast group of a family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Name, NUL-terminated within [`GENL_NAMSIZ`] bytes.
    pub name: [u8; GENL_NAMSIZ],
    /// Group id.
    pub id: u32,
}

impl Group {
    /// The name without its NUL.
    pub fn name(&self) -> &[u8] {
        cstr_part(&self.name)
    }
}

/// The family's attributes (presence bits live in the object header's mask).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Family {
    /// Family id.
    pub id: u16,
    /// Name, NUL-terminated (truncated to 15 bytes as libnl does).
    pub name: [u8; GENL_NAMSIZ],
    /// Version.
    pub version: u32,
    /// User header size.
    pub hdrsize: u32,
    /// Highest attribute.
    pub maxattr: u32,
    /// Operations, in insertion order.
    pub ops: Vec<Op>,
    /// Multicast groups, in insertion order.
    pub groups: Vec<Group>,
}

fn cstr_part(b: &[u8]) -> &[u8] {
    let end = b.iter().position(|c| *c == 0).unwrap_or(b.len());
    b.get(..end).unwrap_or_default()
}

/// Copies `src` into a name buffer, truncated to `GENL_NAMSIZ - 1` bytes.
pub fn name_buf(src: &[u8]) -> [u8; GENL_NAMSIZ] {
    let mut out = [0u8; GENL_NAMSIZ];
    let src = cstr_part(src);
    let n = src.len().min(GENL_NAMSIZ - 1);
    if let (Some(d), Some(s)) = (out.get_mut(..n), src.get(..n)) {
        d.copy_from_slice(s);
    }
    out
}

impl Family {
    /// The name without its NUL.
    pub fn name(&self) -> &[u8] {
        cstr_part(&self.name)
    }

    /// `genl_family_add_grp`: names of `GENL_NAMSIZ` bytes or more are refused.
    pub fn add_group(&mut self, id: u32, name: &[u8]) -> Result<()> {
        let name = cstr_part(name);
        if name.len() >= GENL_NAMSIZ {
            return Err(Error::Inval);
        }
        self.groups.push(Group {
            name: name_buf(name),
            id,
        });
        Ok(())
    }

    /// The id of the group called `name`.
    pub fn group_id(&self, name: &[u8]) -> Option<u32> {
        self.groups.iter().find(|g| g.name() == name).map(|g| g.id)
    }

    /// libnl's `NL_DUMP_LINE` text.
    pub fn dump_line(&self) -> String {
        format!(
            "0x{:04x} {} version {}\n",
            self.id,
            String::from_utf8_lossy(self.name()),
            self.version
        )
    }

    /// The lines after the first one of libnl's `NL_DUMP_DETAILS` text, each a pair of
    /// (starts a new line, text). `op_name` gives a command's name (libnl's `genl_op2name`).
    pub fn dump_details(&self, mask: u64, op_name: impl Fn(i32) -> String) -> Vec<String> {
        let mut out = vec![format!(
            "    hdrsize {} maxattr {}\n",
            self.hdrsize, self.maxattr
        )];
        if mask & ATTR_OPS != 0 {
            for op in &self.ops {
                let mut l = format!("      op {} (0x{:02x})", op_name(op.id), op.id);
                if op.flags != 0 {
                    let f = trans::flags2str(op.flags, 64, trans::entries(OP_FLAGS));
                    l.push_str(&format!(" <{}>", String::from_utf8_lossy(&f)));
                }
                l.push('\n');
                out.push(l);
            }
        }
        if mask & ATTR_MCAST_GRPS != 0 {
            for g in &self.groups {
                out.push(format!(
                    "      grp {} (0x{:02x})\n",
                    String::from_utf8_lossy(g.name()),
                    g.id
                ));
            }
        }
        out
    }

    /// libnl's `oo_compare`: the attribute bits (among `attrs`) whose values differ.
    pub fn compare(&self, b: &Family, attrs: u64) -> u64 {
        let mut diff = 0;
        let mut check = |bit: u64, differs: bool| {
            if attrs & bit != 0 && differs {
                diff |= bit;
            }
        };
        check(ATTR_ID, self.id != b.id);
        check(ATTR_VERSION, self.version != b.version);
        check(ATTR_HDRSIZE, self.hdrsize != b.hdrsize);
        check(ATTR_MAXATTR, self.maxattr != b.maxattr);
        check(ATTR_NAME, self.name() != b.name());
        diff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_groups() {
        assert_eq!(
            name_buf(b"a-very-long-family-name")[..15],
            *b"a-very-long-fam"
        );
        assert_eq!(name_buf(b"")[0], 0);
        let mut f = Family::default();
        assert_eq!(f.add_group(1, b"0123456789abcdef"), Err(Error::Inval));
        assert_eq!(f.add_group(1, b"0123456789abcde"), Ok(()));
        assert_eq!(f.add_group(2, b""), Ok(()));
        assert_eq!(f.group_id(b""), Some(2));
        assert_eq!(f.group_id(b"x"), None);
    }

    #[test]
    fn dumps() {
        let mut f = Family {
            id: 0x10,
            name: name_buf(b"test"),
            version: 7,
            ..Family::default()
        };
        assert_eq!(f.dump_line(), "0x0010 test version 7\n");
        f.ops.push(Op { id: 3, flags: 0x0e });
        f.ops.push(Op { id: -1, flags: -1 });
        f.add_group(0x10, b"notify").unwrap();
        let d = f.dump_details(ATTR_OPS | ATTR_MCAST_GRPS, |_| "unknown".into());
        assert_eq!(
            d[1],
            "      op unknown (0x03) <has_doit,has_dump,has_policy>\n"
        );
        assert_eq!(
            d[2],
            "      op unknown (0xffffffff) <admin_perm,has_doit,has_dump,has_policy,>\n"
        );
        assert_eq!(d[3], "      grp notify (0x10)\n");
        assert_eq!(f.dump_details(0, |_| String::new()).len(), 1);
    }

    #[test]
    fn compare() {
        let a = Family::default();
        let mut b = a.clone();
        b.version = 1;
        b.name = name_buf(b"x");
        assert_eq!(a.compare(&b, !0), ATTR_VERSION | ATTR_NAME);
        assert_eq!(a.compare(&b, ATTR_ID), 0);
    }
}
