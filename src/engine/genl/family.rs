//! A generic netlink family as the controller describes it: id, name, version, header size,
//! highest attribute, operations (command id + capability flags) and multicast groups, plus
//! libnl's dump text, attribute bits and comparison.
#![forbid(unsafe_code)]

use super::GENL_NAMSIZ;
use crate::engine::object::table::{cstr_part, fixed_str};
use crate::engine::object::{AttrDesc, DumpOut, DumpType, Lookup, ObjectType};
use crate::engine::trans;
use crate::error::{Error, Result};

/// The attribute table of generic netlink families: one row per attribute (presence bit,
/// printed name, field, comparison, `CTRL_ATTR_*` id and wire type, trivial C accessors; see
/// [`crate::engine::object::table`]). `$cb` receives the rows: [`crate::object_table`] here,
/// the FFI accessor generator in `ffi::genl::family`.
#[macro_export]
macro_rules! genl_family_attrs {
    ($cb:path $(, $arg:tt)*) => {
        $cb! { [$($arg)*] $crate::engine::genl::family::Family {
            ATTR_ID = 0x01, "id", id, cmp eq, nla(1, U16),
                get(genl_family_get_id -> c_uint, 0), set(genl_family_set_id(c_uint));
            ATTR_NAME = 0x02, "name", name, cmp eq, nla(2, Str);
            ATTR_VERSION = 0x04, "version", version, cmp eq, nla(3, U32),
                get(genl_family_get_version -> u8, 0), set(genl_family_set_version(u8));
            ATTR_HDRSIZE = 0x08, "hdrsize", hdrsize, cmp eq, nla(4, U32),
                get(genl_family_get_hdrsize -> u32, 0), set(genl_family_set_hdrsize(u32));
            ATTR_MAXATTR = 0x10, "maxattr", maxattr, cmp eq, nla(5, U32),
                get(genl_family_get_maxattr -> u32, 0), set(genl_family_set_maxattr(u32));
            ATTR_OPS = 0x20, "ops", ops, cmp none;
            ATTR_MCAST_GRPS = 0x40, "mcast_grps", groups, cmp none;
        } }
    };
}
crate::genl_family_attrs!(crate::object_table);

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

/// A generic netlink family: the attributes and their presence mask.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Family {
    /// Presence bits (`ATTR_*`).
    pub mask: u64,
    /// Family id.
    pub id: u16,
    /// Name, NUL-terminated (truncated to 15 bytes as libnl does).
    pub name: [u8; GENL_NAMSIZ],
    /// Version (libnl keeps what its `uint8_t` setter takes).
    pub version: u8,
    /// User header size.
    pub hdrsize: u32,
    /// Highest attribute.
    pub maxattr: u32,
    /// Operations, in insertion order.
    pub ops: Vec<Op>,
    /// Multicast groups, in insertion order.
    pub groups: Vec<Group>,
}

/// Copies `src` into a name buffer, truncated to `GENL_NAMSIZ - 1` bytes.
pub fn name_buf(src: &[u8]) -> [u8; GENL_NAMSIZ] {
    fixed_str(src)
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
        self.mask |= ATTR_MCAST_GRPS;
        Ok(())
    }

    /// `genl_family_add_op`.
    pub fn add_op(&mut self, id: i32, flags: i32) {
        self.ops.push(Op { id, flags });
        self.mask |= ATTR_OPS;
    }

    /// The id of the group called `name`.
    pub fn group_id(&self, name: &[u8]) -> Option<u32> {
        self.groups.iter().find(|g| g.name() == name).map(|g| g.id)
    }
}

impl ObjectType for Family {
    const NAME: &'static str = "genl/family";
    const ID_ATTRS: u64 = ATTR_ID;
    // libnl-compat: libnl's family type names no attributes and merges nothing.
    const HAS_ATTRS2STR: bool = false;

    fn attrs() -> &'static [AttrDesc<Self>] {
        Self::ATTRS
    }
    fn mask(&self) -> u64 {
        self.mask
    }
    fn mask_mut(&mut self) -> &mut u64 {
        &mut self.mask
    }

    /// libnl's dumps: `0x<id> <name> version <v>` (line); details and stats add the header
    /// size, highest attribute, operations (names from the genl registry) and groups.
    fn dump(&self, ty: DumpType, out: &mut dyn DumpOut) {
        out.text(&format!(
            "0x{:04x} {} version {}\n",
            self.id,
            String::from_utf8_lossy(self.name()),
            self.version
        ));
        if ty == DumpType::Line {
            return;
        }
        out.line(&format!(
            "    hdrsize {} maxattr {}\n",
            self.hdrsize, self.maxattr
        ));
        if self.mask & ATTR_OPS != 0 {
            for op in &self.ops {
                let name = out
                    .lookup(Lookup::GenlCmd {
                        family: self.id,
                        cmd: op.id,
                    })
                    .unwrap_or_else(|| "unknown".into());
                let mut l = format!("      op {} (0x{:02x})", name, op.id);
                if op.flags != 0 {
                    let f = trans::flags2str(op.flags, 64, trans::entries(OP_FLAGS));
                    l.push_str(&format!(" <{}>", String::from_utf8_lossy(&f)));
                }
                l.push('\n');
                out.line(&l);
            }
        }
        if self.mask & ATTR_MCAST_GRPS != 0 {
            for g in &self.groups {
                out.line(&format!(
                    "      grp {} (0x{:02x})\n",
                    String::from_utf8_lossy(g.name()),
                    g.id
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::object::{DumpText, compare};

    #[test]
    fn names_and_groups() {
        assert_eq!(
            name_buf(b"a-very-long-family-name")[..15],
            *b"a-very-long-fam"
        );
        assert_eq!(name_buf(b"")[0], 0);
        let mut f = Family::default();
        assert_eq!(f.add_group(1, b"0123456789abcdef"), Err(Error::Inval));
        assert_eq!(f.mask, 0);
        assert_eq!(f.add_group(1, b"0123456789abcde"), Ok(()));
        assert_eq!(f.add_group(2, b""), Ok(()));
        assert_eq!(f.mask, ATTR_MCAST_GRPS);
        assert_eq!(f.group_id(b""), Some(2));
        assert_eq!(f.group_id(b"x"), None);
    }

    struct Names(DumpText);
    impl DumpOut for Names {
        fn text(&mut self, t: &str) {
            self.0.text(t)
        }
        fn line(&mut self, t: &str) {
            self.0.out.push('|');
            self.0.line(t)
        }
        fn lookup(&self, q: Lookup) -> Option<String> {
            (q == Lookup::GenlCmd {
                family: 0x10,
                cmd: 3,
            })
            .then(|| "getfam".into())
        }
    }

    #[test]
    fn dumps() {
        let mut f = Family {
            id: 0x10,
            name: name_buf(b"test"),
            version: 7,
            ..Family::default()
        };
        let mut d = DumpText::default();
        f.dump(DumpType::Line, &mut d);
        assert_eq!(d.out, "0x0010 test version 7\n");
        f.add_op(3, 0x0e);
        f.add_op(-1, -1);
        f.add_group(0x10, b"notify").unwrap();
        let mut d = Names(DumpText::default());
        f.dump(DumpType::Details, &mut d);
        assert_eq!(
            d.0.out,
            "0x0010 test version 7\n|    hdrsize 0 maxattr 0\n\
             |      op getfam (0x03) <has_doit,has_dump,has_policy>\n\
             |      op unknown (0xffffffff) <admin_perm,has_doit,has_dump,has_policy,>\n\
             |      grp notify (0x10)\n"
        );
        f.mask = 0;
        let mut d = DumpText::default();
        f.dump(DumpType::Stats, &mut d);
        assert_eq!(d.out, "0x0010 test version 7\n    hdrsize 0 maxattr 0\n");
    }

    #[test]
    fn compare_is_mask_aware() {
        let a = Family::default();
        let mut b = a.clone();
        b.version = 1;
        b.name = name_buf(b"x");
        // Values differ but neither object has the attributes: no difference (libnl).
        assert_eq!(compare(&a, &b, !0, 0), 0);
        b.mask = ATTR_VERSION | ATTR_NAME;
        assert_eq!(compare(&a, &b, !0, 0), ATTR_VERSION | ATTR_NAME);
        // Present in one object only: different even with equal values.
        let mut c = Family {
            mask: ATTR_VERSION,
            ..Family::default()
        };
        assert_eq!(compare(&c, &a, !0, 0), ATTR_VERSION);
        assert_eq!(compare(&c, &a, ATTR_ID, 0), 0);
        // Operations and groups are never compared.
        c.add_op(1, 0);
        assert_eq!(compare(&c, &a, ATTR_OPS, 0), 0);
    }
}
