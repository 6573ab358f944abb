//! The program's generic netlink families (libnl's `genl_register_family` registry) and what
//! happens to a message addressed to one of them (`genl_handle_msg`, the cache parser of
//! `genl_register`ed cache types), independent of the C structures that carry the tables.
//!
//! A family is an opaque handle `H` (the FFI layer uses the address of the program's
//! `struct genl_ops`). Its id, name, header size and command table are read through
//! [`Tables`] each time a question is asked, because programs write them while the family is
//! registered (`o_id` is typically filled in by resolving the family after registering it).
//! [`Families`] keeps the registration order and applies libnl's rules; [`dispatch`] decides
//! which command handles a message and where its attributes are; [`Known`] answers the
//! resolvers from a controller dump.
#![forbid(unsafe_code)]

use std::ops::Range;

use super::family::{ATTR_ID, Family};
use super::{GENL_HDR_OFFSET, GENL_HDRLEN, NLMSG_HDRLEN, align_u, valid_hdr};
use crate::engine::wire::NlmsgHdr;
use crate::error::{Error, Result};

/// One entry of a family's command table as the dispatch needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmd {
    /// Command number (`c_id`).
    pub id: i32,
    /// Highest attribute parsed for it (`c_maxattr`).
    pub maxattr: i32,
    /// Whether it has a handler (`c_msg_parser`).
    pub has_parser: bool,
}

/// Read access to the program's family tables. Handles given to these methods are ones the
/// implementor vouches for (registered families, or a cache type's own family).
pub trait Tables<H> {
    /// The family id (`o_id`).
    fn id(&self, h: H) -> i32;
    /// The family name (`o_name`), `None` when unset.
    fn name(&self, h: H) -> Option<&[u8]>;
    /// The user header size (`o_hdrsize`).
    fn hdrsize(&self, h: H) -> u32;
    /// The command count (`o_ncmds`) when there is a command table, `None` without one.
    fn ncmds(&self, h: H) -> Option<i32>;
    /// Command `i` of the table (`i` below the usable count, see [`cmd_count`]).
    fn cmd(&self, h: H, i: usize) -> Option<Cmd>;
    /// The name of command `i`, `None` when unset.
    fn cmd_name(&self, h: H, i: usize) -> Option<&[u8]>;
}

/// How many commands of `h`'s table can be read (a negative count reads none).
pub fn cmd_count<H>(t: &impl Tables<H>, h: H) -> usize {
    t.ncmds(h)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
}

/// The first command of `h`'s table numbered `cmd`, with its index.
pub fn lookup_cmd<H: Copy>(t: &impl Tables<H>, h: H, cmd: i32) -> Option<(usize, Cmd)> {
    (0..cmd_count(t, h))
        .filter_map(|i| t.cmd(h, i).map(|c| (i, c)))
        .find(|(_, c)| c.id == cmd)
}

/// The registered families, in registration order (libnl appends to its list), with the
/// library's own families (the controller, `nlctrl`) in front.
#[derive(Debug, Default)]
pub struct Families<H> {
    entries: Vec<H>,
    seeded: bool,
}

impl<H: Copy + PartialEq> Families<H> {
    /// An empty registry.
    pub const fn new() -> Self {
        Families {
            entries: Vec::new(),
            seeded: false,
        }
    }

    /// Whether [`Families::seed`] has run.
    pub fn is_seeded(&self) -> bool {
        self.seeded
    }

    /// Puts the library's own families in front, in the given order (once; libnl-genl registers
    /// its controller from a load-time constructor, before any program family).
    pub fn seed(&mut self, builtins: impl IntoIterator<Item = H>) {
        if self.seeded {
            return;
        }
        self.seeded = true;
        let mut front: Vec<H> = Vec::new();
        for h in builtins {
            if !front.contains(&h) && !self.entries.contains(&h) {
                front.push(h);
            }
        }
        front.append(&mut self.entries);
        self.entries = front;
    }

    /// `genl_register_family`'s rules, in libnl's order: a name is required (`Inval`), a
    /// command table needs a positive count (`Inval`), a set id must be free (`Exist`), and the
    /// name must be free (`Exist`). The family is appended.
    pub fn register(&mut self, t: &impl Tables<H>, h: H) -> Result<()> {
        let Some(name) = t.name(h) else {
            return Err(Error::Inval);
        };
        if t.ncmds(h).is_some_and(|n| n <= 0) {
            return Err(Error::Inval);
        }
        let id = t.id(h);
        if id != 0 && self.by_id(t, id).is_some() {
            return Err(Error::Exist);
        }
        if self.entries.iter().any(|e| t.name(*e) == Some(name)) {
            return Err(Error::Exist);
        }
        self.entries.push(h);
        Ok(())
    }

    /// `genl_unregister_family`: removes `h` (nothing happens when it is not registered;
    /// libnl-compat: libnl corrupts its list then).
    pub fn unregister(&mut self, h: H) {
        self.entries.retain(|e| *e != h);
    }

    /// The first registered family with id `id`.
    pub fn by_id(&self, t: &impl Tables<H>, id: i32) -> Option<H> {
        self.entries.iter().copied().find(|e| t.id(*e) == id)
    }

    /// A copy of the registered families in order.
    pub fn handles(&self) -> Vec<H> {
        self.entries.clone()
    }

    /// The family `genl_handle_msg` hands `msg` (the message's bytes) to: `Inval` unless it
    /// holds a generic header, `MsgTypeNoSupport` when no registered family has its type as id.
    pub fn route(&self, t: &impl Tables<H>, msg: &[u8]) -> Result<H> {
        let hdr = NlmsgHdr::decode(msg).ok_or(Error::Inval)?;
        if !valid_hdr(hdr.len, 0) {
            return Err(Error::Inval);
        }
        self.by_id(t, i32::from(hdr.ty))
            .ok_or(Error::MsgTypeNoSupport)
    }

    /// `genl_op2name`'s lookup: the name of command `op` of the registered family `family`
    /// (`(null)` for a command without a name, as C's formatting of a NULL string prints).
    pub fn op_name(&self, t: &impl Tables<H>, family: i32, op: i32) -> Option<Vec<u8>> {
        let h = self.by_id(t, family)?;
        let (i, _) = lookup_cmd(t, h, op)?;
        Some(t.cmd_name(h, i).unwrap_or(b"(null)").to_vec())
    }
}

/// `genl_op2name` into a buffer of `len` bytes: at most `len - 1` bytes of the name, then a NUL
/// (nothing is written for `len == 0`).
pub fn op2name_bytes(name: &[u8], len: usize) -> Option<Vec<u8>> {
    let n = len.checked_sub(1)?;
    let mut v = name.get(..name.len().min(n)).unwrap_or_default().to_vec();
    v.push(0);
    Some(v)
}

/// What to do with a message for a family: call command `index` of its table with an attribute
/// table of `slots` entries filled from `attrs` up to type `maxattr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatch {
    /// Index of the command in the family's table.
    pub index: usize,
    /// The command's `c_maxattr` (negative: nothing is parsed).
    pub maxattr: i32,
    /// Entries of the attribute table handed to the handler (`maxattr + 1`, at least one).
    pub slots: usize,
    /// The attributes: after the generic header and the family's aligned user header.
    pub attrs: Range<usize>,
}

/// The command table parser of libnl-genl: looks the command of `msg` (the message's bytes)
/// up in `h`'s table and checks the message's length for the family's headers.
///
/// Errors, in libnl's order: `MsgTypeNoSupport` (no such command), `OpNotSupp` (no handler),
/// `NoMem` (attribute table too large), `MsgTooShort` (message shorter than the headers; also
/// when it cannot hold the generic header, which libnl reads unchecked).
pub fn dispatch<H: Copy>(t: &impl Tables<H>, h: H, msg: &[u8]) -> Result<Dispatch> {
    let hdr = NlmsgHdr::decode(msg).ok_or(Error::MsgTooShort)?;
    let cmd = msg.get(GENL_HDR_OFFSET).ok_or(Error::MsgTooShort)?;
    let (index, cmd) = lookup_cmd(t, h, i32::from(*cmd)).ok_or(Error::MsgTypeNoSupport)?;
    if !cmd.has_parser {
        return Err(Error::OpNotSupp);
    }
    let slots = usize::try_from(cmd.maxattr)
        .unwrap_or(0)
        .checked_add(1)
        .ok_or(Error::NoMem)?;
    // The header length libnl hands nlmsg_parse: GENL_HDRLEN + NLMSG_ALIGN(o_hdrsize) as int.
    let hdrlen = (GENL_HDRLEN as i32).wrapping_add(align_u(t.hdrsize(h) as i32) as i32);
    let attrs = parse_area(hdr.len, hdrlen, msg.len())?;
    Ok(Dispatch {
        index,
        maxattr: cmd.maxattr,
        slots,
        attrs,
    })
}

/// `nlmsg_parse`'s length check and attribute area for a family header of `hdrlen` bytes, in
/// C's `int` arithmetic, clamped to the `avail` bytes at hand.
fn parse_area(nlmsg_len: u32, hdrlen: i32, avail: usize) -> Result<Range<usize>> {
    if nlmsg_len < hdrlen.wrapping_add(NLMSG_HDRLEN as i32) as u32 {
        return Err(Error::MsgTooShort);
    }
    let aligned = align_u(hdrlen) as i32;
    // libnl-compat: with a header length that wraps C's int far enough (and a claimed length
    // near 4 GiB) libnl parses from before the message; that is refused as too short.
    let start = usize::try_from(i64::from(NLMSG_HDRLEN) + i64::from(aligned))
        .map_err(|_| Error::MsgTooShort)?;
    let len = (nlmsg_len as i32)
        .wrapping_sub(NLMSG_HDRLEN as i32)
        .wrapping_sub(aligned)
        .max(0);
    let end = start.saturating_add(len as usize).min(avail);
    Ok(start.min(end)..end)
}

/// `genl_register`'s checks on a cache type (its protocol and family header size): returns the
/// family's user header size (`co_hdrsize - GENL_HDRLEN`). `ProtoMismatch` unless
/// `NETLINK_GENERIC`, `Inval` when the header cannot hold the generic header.
pub fn cache_type_hdrsize(protocol: i32, co_hdrsize: i32) -> Result<u32> {
    if protocol != libc::NETLINK_GENERIC {
        return Err(Error::ProtoMismatch);
    }
    if co_hdrsize < GENL_HDRLEN as i32 {
        return Err(Error::Inval);
    }
    Ok(co_hdrsize.wrapping_sub(GENL_HDRLEN as i32) as u32)
}

/// `genl_resolve_id`'s decision: `Ok(false)` when the family already has an id, `Inval` when it
/// has no name to look up, `Ok(true)` when a controller request is needed.
pub fn resolve_needed(id: i32, has_name: bool) -> Result<bool> {
    match (id, has_name) {
        (0, false) => Err(Error::Inval),
        (0, true) => Ok(true),
        _ => Ok(false),
    }
}

/// The families of a controller dump as the resolvers see them: (name, id) in dump order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known(Vec<(Vec<u8>, u16)>);

impl Known {
    /// Collects (name, id) pairs in dump order.
    pub fn new(families: impl IntoIterator<Item = (Vec<u8>, u16)>) -> Self {
        Known(families.into_iter().collect())
    }

    /// What a controller dump's family contributes: its name, and its id (0 when it has none,
    /// as `genl_family_get_id` reports).
    pub fn entry(f: &Family) -> (Vec<u8>, u16) {
        let id = if f.mask & ATTR_ID != 0 { f.id } else { 0 };
        (f.name().to_vec(), id)
    }

    /// The id of the first family called `name`: `ObjNotFound` when there is none (or no name).
    pub fn id_of(&self, name: Option<&[u8]>) -> Result<u16> {
        let name = name.ok_or(Error::ObjNotFound)?;
        self.0
            .iter()
            .find(|(n, _)| n.as_slice() == name)
            .map(|(_, id)| *id)
            .ok_or(Error::ObjNotFound)
    }

    /// `genl_mngt_resolve`: resolves every name, handing each found id to `store`; the result is
    /// the last family's (libnl's), or `Ok(())` without families.
    pub fn resolve_all<H: Copy>(
        &self,
        t: &impl Tables<H>,
        families: &[H],
        mut store: impl FnMut(H, u16),
    ) -> Result<()> {
        let mut last = Ok(());
        for h in families {
            last = self.id_of(t.name(*h)).map(|id| store(*h, id));
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A family table in Rust: (id, name, hdrsize, commands or None, command names).
    #[derive(Clone, Default)]
    struct Fam {
        id: i32,
        name: Option<&'static [u8]>,
        hdrsize: u32,
        ncmds: Option<i32>,
        cmds: Vec<(Cmd, Option<&'static [u8]>)>,
    }

    struct T(Vec<Fam>);

    impl Tables<usize> for T {
        fn id(&self, h: usize) -> i32 {
            self.0[h].id
        }
        fn name(&self, h: usize) -> Option<&[u8]> {
            self.0[h].name
        }
        fn hdrsize(&self, h: usize) -> u32 {
            self.0[h].hdrsize
        }
        fn ncmds(&self, h: usize) -> Option<i32> {
            self.0[h].ncmds
        }
        fn cmd(&self, h: usize, i: usize) -> Option<Cmd> {
            self.0[h].cmds.get(i).map(|c| c.0)
        }
        fn cmd_name(&self, h: usize, i: usize) -> Option<&[u8]> {
            self.0[h].cmds.get(i).and_then(|c| c.1)
        }
    }

    fn cmd(id: i32, maxattr: i32, has_parser: bool) -> Cmd {
        Cmd {
            id,
            maxattr,
            has_parser,
        }
    }

    fn fam(id: i32, name: &'static [u8]) -> Fam {
        Fam {
            id,
            name: Some(name),
            ..Fam::default()
        }
    }

    /// A generic netlink message: netlink header of `len` bytes claimed, type `ty`, command
    /// `cmd`, `body` after the generic header.
    fn msg(len: u32, ty: u16, cmd: u8, body: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&len.to_ne_bytes());
        v.extend_from_slice(&ty.to_ne_bytes());
        v.extend_from_slice(&[0; 10]);
        v.extend_from_slice(&[cmd, 1, 0, 0]);
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn register_rules_in_libnl_order() {
        let mut t = T(vec![
            fam(0x10, b"nlctrl"),
            Fam {
                name: None,
                ..Fam::default()
            },
            Fam {
                ncmds: Some(0),
                ..fam(0, b"x")
            },
            fam(0x10, b"other"),
            fam(0, b"nlctrl"),
            Fam {
                ncmds: Some(2),
                ..fam(0, b"test")
            },
            Fam {
                ncmds: Some(-1),
                ..fam(0x10, b"both")
            },
        ]);
        let mut r = Families::new();
        r.seed([0]);
        assert!(r.is_seeded());
        assert_eq!(r.register(&t, 1), Err(Error::Inval));
        assert_eq!(r.register(&t, 2), Err(Error::Inval));
        assert_eq!(r.register(&t, 3), Err(Error::Exist));
        assert_eq!(r.register(&t, 4), Err(Error::Exist));
        // The count is checked before the id.
        assert_eq!(r.register(&t, 6), Err(Error::Inval));
        assert_eq!(r.register(&t, 5), Ok(()));
        assert_eq!(r.register(&t, 5), Err(Error::Exist));
        assert_eq!(r.handles(), vec![0, 5]);
        // Ids are read when asked: a family resolved after registering is found by its id.
        assert_eq!(r.by_id(&t, 0x30), None);
        t.0[5].id = 0x30;
        assert_eq!(r.by_id(&t, 0x30), Some(5));
        r.unregister(5);
        r.unregister(5);
        assert_eq!(r.handles(), vec![0]);
    }

    #[test]
    fn seed_goes_in_front_once() {
        let mut r: Families<usize> = Families::new();
        let t = T(vec![fam(0, b"a"), fam(0, b"b"), fam(0, b"c")]);
        r.register(&t, 2).unwrap();
        r.seed([0, 1, 0, 2]);
        assert_eq!(r.handles(), vec![0, 1, 2]);
        r.seed([1]);
        assert_eq!(r.handles(), vec![0, 1, 2]);
    }

    #[test]
    fn routing_and_names() {
        let t = T(vec![
            fam(0x10, b"nlctrl"),
            Fam {
                ncmds: Some(3),
                cmds: vec![
                    (cmd(1, 3, true), Some(b"one")),
                    (cmd(2, 3, false), None),
                    (cmd(2, 3, true), Some(b"dup")),
                ],
                ..fam(0x30, b"test")
            },
        ]);
        let mut r = Families::new();
        r.seed([0]);
        r.register(&t, 1).unwrap();
        assert_eq!(r.route(&t, &msg(20, 0x30, 1, &[])), Ok(1));
        assert_eq!(r.route(&t, &msg(19, 0x30, 1, &[])), Err(Error::Inval));
        assert_eq!(r.route(&t, &[0; 8]), Err(Error::Inval));
        assert_eq!(
            r.route(&t, &msg(20, 0x31, 1, &[])),
            Err(Error::MsgTypeNoSupport)
        );
        assert_eq!(r.op_name(&t, 0x30, 1).unwrap(), b"one");
        assert_eq!(r.op_name(&t, 0x30, 2).unwrap(), b"(null)");
        assert_eq!(r.op_name(&t, 0x30, 4), None);
        assert_eq!(r.op_name(&t, 0x31, 1), None);
        assert_eq!(lookup_cmd(&t, 1, 2), Some((1, cmd(2, 3, false))));
        assert_eq!(op2name_bytes(b"GETFAMILY", 4).unwrap(), b"GET\0");
        assert_eq!(op2name_bytes(b"x", 0), None);
        assert_eq!(op2name_bytes(b"", 1).unwrap(), b"\0");
    }

    #[test]
    fn dispatch_decisions() {
        let t = T(vec![
            Fam {
                hdrsize: 4,
                ncmds: Some(4),
                cmds: vec![
                    (cmd(1, 3, true), None),
                    (cmd(3, 3, false), None),
                    (cmd(5, -1, true), None),
                    (cmd(6, i32::MAX, true), None),
                ],
                ..fam(0x30, b"test")
            },
            Fam {
                hdrsize: 0xffff_fff0,
                ncmds: Some(1),
                cmds: vec![(cmd(1, 3, true), None)],
                ..fam(0x31, b"huge")
            },
            Fam {
                ncmds: Some(-3),
                cmds: vec![(cmd(1, 3, true), None)],
                ..fam(0x32, b"negative")
            },
        ]);
        let body = [0u8; 12];
        let m = msg(32, 0x30, 1, &body);
        assert_eq!(
            dispatch(&t, 0, &m),
            Ok(Dispatch {
                index: 0,
                maxattr: 3,
                slots: 4,
                attrs: 24..32
            })
        );
        assert_eq!(
            dispatch(&t, 0, &msg(32, 0x30, 9, &body)),
            Err(Error::MsgTypeNoSupport)
        );
        assert_eq!(
            dispatch(&t, 0, &msg(32, 0x30, 3, &body)),
            Err(Error::OpNotSupp)
        );
        // The user header is checked: 20 bytes hold the generic header only.
        assert_eq!(
            dispatch(&t, 0, &msg(20, 0x30, 1, &[])),
            Err(Error::MsgTooShort)
        );
        assert_eq!(
            dispatch(&t, 0, &msg(24, 0x30, 5, &[0; 4])),
            Ok(Dispatch {
                index: 2,
                maxattr: -1,
                slots: 1,
                attrs: 24..24
            })
        );
        assert_eq!(
            dispatch(&t, 0, &msg(24, 0x30, 6, &[0; 4])).map(|d| d.slots),
            Ok(1 << 31)
        );
        // A claimed length past the bytes at hand is clamped.
        assert_eq!(
            dispatch(&t, 0, &msg(400, 0x30, 1, &body)).map(|d| d.attrs),
            Ok(24..32)
        );
        // No generic header at all.
        assert_eq!(dispatch(&t, 0, &m[..16]), Err(Error::MsgTooShort));
        // A user header size near 4 GiB wraps C's int: libnl parses from offset 4.
        assert_eq!(dispatch(&t, 1, &m).map(|d| d.attrs), Ok(4..32));
        // A negative count reads no command.
        assert_eq!(dispatch(&t, 2, &m), Err(Error::MsgTypeNoSupport));
    }

    #[test]
    fn parse_area_in_c_arithmetic() {
        assert_eq!(parse_area(20, 4, 20), Ok(20..20));
        assert_eq!(parse_area(19, 4, 20), Err(Error::MsgTooShort));
        assert_eq!(parse_area(32, 8, 32), Ok(24..32));
        // hdrlen -12 (o_hdrsize near 4 GiB): libnl needs 4 bytes and parses from offset 4.
        assert_eq!(parse_area(32, -12, 32), Ok(4..32));
        assert_eq!(parse_area(32, -100, 32), Err(Error::MsgTooShort));
        // A claimed length that makes C's int attribute length negative: nothing to parse.
        assert_eq!(parse_area(0x8000_0020, 4, 64), Ok(20..20));
        // One where it wraps to a positive value: clamped to the bytes at hand.
        assert_eq!(parse_area(0x8000_0000, 4, 64), Ok(20..64));
    }

    #[test]
    fn cache_type_and_resolve_rules() {
        assert_eq!(
            cache_type_hdrsize(libc::NETLINK_ROUTE, 8),
            Err(Error::ProtoMismatch)
        );
        assert_eq!(
            cache_type_hdrsize(libc::NETLINK_GENERIC, 3),
            Err(Error::Inval)
        );
        assert_eq!(cache_type_hdrsize(libc::NETLINK_GENERIC, 4), Ok(0));
        assert_eq!(cache_type_hdrsize(libc::NETLINK_GENERIC, 12), Ok(8));
        assert_eq!(resolve_needed(5, false), Ok(false));
        assert_eq!(resolve_needed(0, false), Err(Error::Inval));
        assert_eq!(resolve_needed(0, true), Ok(true));

        let k = Known::new([
            (b"nlctrl".to_vec(), 0x10),
            (b"test".to_vec(), 0x20),
            (b"test".to_vec(), 0x21),
        ]);
        assert_eq!(k.id_of(Some(b"test")), Ok(0x20));
        assert_eq!(k.id_of(Some(b"nope")), Err(Error::ObjNotFound));
        assert_eq!(k.id_of(None), Err(Error::ObjNotFound));
        let mut f = Family {
            name: crate::engine::genl::family::name_buf(b"fam"),
            id: 0x33,
            ..Family::default()
        };
        assert_eq!(Known::entry(&f), (b"fam".to_vec(), 0));
        f.mask |= ATTR_ID;
        assert_eq!(Known::entry(&f), (b"fam".to_vec(), 0x33));

        let t = T(vec![fam(0, b"test"), fam(0, b"nope"), fam(0, b"nlctrl")]);
        let mut got = Vec::new();
        assert_eq!(
            k.resolve_all(&t, &[0, 1, 2], |h, id| got.push((h, id))),
            Ok(())
        );
        assert_eq!(got, vec![(0, 0x20), (2, 0x10)]);
        assert_eq!(
            k.resolve_all(&t, &[2, 1], |_, _| {}),
            Err(Error::ObjNotFound)
        );
        assert_eq!(k.resolve_all(&t, &[], |_, _| {}), Ok(()));
    }
}
