//! The generic netlink controller (`nlctrl`, id 0x10): the policy libnl applies to its
//! replies and the parsing of family descriptions (`CTRL_CMD_NEWFAMILY`).
#![forbid(unsafe_code)]

use std::ops::Range;

use super::family::{ATTR_OPS, Family, Op};
use crate::engine::attr;
use crate::engine::object::table;
use crate::engine::policy::{NLA_NESTED, NLA_STRING, NLA_U16, NLA_U32, NLA_UNSPEC, Policy};
use crate::engine::recv;
use crate::engine::socket::Socket;
use crate::error::{Error, Result};

/// `GENL_ID_CTRL`.
pub const GENL_ID_CTRL: u16 = 0x10;
/// The version libnl puts in its controller requests.
pub const CTRL_VERSION: u8 = 1;
/// `CTRL_CMD_NEWFAMILY`.
pub const CMD_NEWFAMILY: u8 = 1;
/// `CTRL_CMD_GETFAMILY`.
pub const CMD_GETFAMILY: u8 = 3;
/// `CTRL_ATTR_FAMILY_ID`.
pub const ATTR_FAMILY_ID: usize = 1;
/// `CTRL_ATTR_FAMILY_NAME`.
pub const ATTR_FAMILY_NAME: usize = 2;
/// `CTRL_ATTR_VERSION`.
pub const ATTR_VERSION_T: usize = 3;
/// `CTRL_ATTR_HDRSIZE`.
pub const ATTR_HDRSIZE_T: usize = 4;
/// `CTRL_ATTR_MAXATTR`.
pub const ATTR_MAXATTR_T: usize = 5;
/// `CTRL_ATTR_OPS`.
pub const ATTR_OPS_T: usize = 6;
/// `CTRL_ATTR_MCAST_GROUPS`.
pub const ATTR_MCAST_GROUPS_T: usize = 7;
/// `CTRL_ATTR_MAX` as libnl 3.7 was built with.
pub const ATTR_MAX: usize = 10;

const fn p(ty: u16, maxlen: u16) -> Policy {
    Policy {
        ty,
        minlen: 0,
        maxlen,
    }
}

/// libnl's policy for controller replies.
pub const CTRL_POLICY: [Policy; ATTR_MAX + 1] = [
    p(NLA_UNSPEC, 0),
    p(NLA_U16, 0),
    p(NLA_STRING, super::GENL_NAMSIZ as u16),
    p(NLA_U32, 0),
    p(NLA_U32, 0),
    p(NLA_U32, 0),
    p(NLA_NESTED, 0),
    p(NLA_NESTED, 0),
    p(NLA_UNSPEC, 0),
    p(NLA_UNSPEC, 0),
    p(NLA_UNSPEC, 0),
];

const OP_POLICY: [Policy; 3] = [p(NLA_UNSPEC, 0), p(NLA_U32, 0), p(NLA_U32, 0)];
const GRP_POLICY: [Policy; 3] = [p(NLA_UNSPEC, 0), p(NLA_STRING, 0), p(NLA_U32, 0)];

fn u32_of(b: &[u8]) -> u32 {
    u32::from_ne_bytes(attr::read_ne::<4>(b))
}

fn u16_of(b: &[u8]) -> u16 {
    u16::from_ne_bytes(attr::read_ne::<2>(b))
}

fn payloads<'a, const N: usize>(
    buf: &'a [u8],
    policy: &[Policy; N],
) -> Result<[Option<&'a [u8]>; N]> {
    let mut tb: [Option<Range<usize>>; N] = std::array::from_fn(|_| None);
    attr::parse(buf, N - 1, Some(policy), &mut tb)?;
    Ok(tb.map(|r| {
        r.and_then(|r| buf.get(r))
            .and_then(|a| a.get(crate::engine::wire::NLA_HDRLEN..))
    }))
}

/// Adds the multicast groups of a `CTRL_ATTR_MCAST_GROUPS` payload (libnl's order of checks:
/// policy, id present, name present, name length). Groups added before an error stay.
pub fn parse_groups(f: &mut Family, nested: &[u8]) -> Result<()> {
    each_group(nested, |id, name| f.add_group(id, name))
}

/// Walks the groups of a `CTRL_ATTR_MCAST_GROUPS` payload with libnl's checks, handing each
/// `(id, name)` to `visit` (the name without its NUL) and stopping at the first error.
pub fn each_group(nested: &[u8], mut visit: impl FnMut(u32, &[u8]) -> Result<()>) -> Result<()> {
    for a in attr::iter(nested) {
        let tb = payloads(a.payload, &GRP_POLICY)?;
        let id = tb.get(2).copied().flatten().ok_or(Error::MissingAttr)?;
        let name = tb.get(1).copied().flatten().ok_or(Error::MissingAttr)?;
        visit(u32_of(id), attr::string(name))?;
    }
    Ok(())
}

/// Adds the operations of a `CTRL_ATTR_OPS` payload.
pub fn parse_ops(f: &mut Family, nested: &[u8]) -> Result<()> {
    for a in attr::iter(nested) {
        let tb = payloads(a.payload, &OP_POLICY)?;
        let id = tb.get(1).copied().flatten().ok_or(Error::MissingAttr)?;
        let flags = tb.get(2).copied().flatten().map_or(0, u32_of);
        f.ops.push(Op {
            id: u32_of(id) as i32,
            flags: flags as i32,
        });
    }
    Ok(())
}

/// The family described by a `CTRL_CMD_NEWFAMILY` message, from its attribute payloads
/// (indexed by `CTRL_ATTR_*`, already checked against [`CTRL_POLICY`]): the scalar attributes
/// through the family's attribute table, then operations and groups. Name and id are required.
pub fn family_from_attrs(tb: &[Option<&[u8]>]) -> Result<Family> {
    let get = |i: usize| tb.get(i).copied().flatten();
    get(ATTR_FAMILY_NAME).ok_or(Error::MissingAttr)?;
    get(ATTR_FAMILY_ID).ok_or(Error::MissingAttr)?;
    let mut f = Family::default();
    let mut mask = 0;
    table::parse_attrs(Family::WIRE, &mut f, &mut mask, |nla| get(usize::from(nla)))?;
    f.mask = mask;
    if let Some(v) = get(ATTR_OPS_T) {
        parse_ops(&mut f, v)?;
        if !f.ops.is_empty() {
            f.mask |= ATTR_OPS;
        }
    }
    if let Some(v) = get(ATTR_MCAST_GROUPS_T) {
        parse_groups(&mut f, v)?;
    }
    Ok(f)
}

/// libnl's resolve request for the family `name`: `CTRL_CMD_GETFAMILY` (version 1) to the
/// controller with `CTRL_ATTR_FAMILY_NAME`, in a new message of the default size (port and
/// sequence number left for the socket to complete). `name_nul` is the name with its NUL.
pub fn getfamily_request(name_nul: &[u8]) -> Result<crate::engine::msg::Message> {
    let mut m = crate::engine::msg::Message::new()?;
    m.put(0, 0, GENL_ID_CTRL, 0, 0).ok_or(Error::NoMem)?;
    m.append(&[CMD_GETFAMILY, CTRL_VERSION, 0, 0], 4)?;
    m.put_attr(ATTR_FAMILY_NAME as u16, name_nul)?;
    Ok(m)
}

/// What libnl's resolve reply handler keeps of a reply: the family id (when present), the
/// groups parsed before any error, and whether the handler skips the message (policy or group
/// error: the id stays recorded all the same). `None` when the attributes fail the policy.
pub fn probe_reply(attrs: &[u8]) -> Option<(Option<u16>, Family, bool)> {
    let tb = payloads(attrs, &CTRL_POLICY).ok()?;
    let mut f = Family::default();
    let id = tb.get(ATTR_FAMILY_ID).copied().flatten().map(u16_of);
    let mut skip = false;
    if let Some(g) = tb.get(ATTR_MCAST_GROUPS_T).copied().flatten() {
        skip = parse_groups(&mut f, g).is_err();
    }
    Some((id, f, skip))
}

/// What the resolvers need of one reply, without building a family: see [`ProbeReply`].
///
/// Same checks and outcome as [`probe_reply`] (groups are validated and stored by libnl, and
/// a group that fails its checks makes the handler skip the message), but only the group called
/// `want` (if any) is kept. `None` when the attributes fail the policy.
pub fn probe_reply_lean(attrs: &[u8], want: Option<&[u8]>) -> Option<ProbeReply> {
    let tb = payloads(attrs, &CTRL_POLICY).ok()?;
    let mut r = ProbeReply {
        id: tb.get(ATTR_FAMILY_ID).copied().flatten().map(u16_of),
        ..ProbeReply::default()
    };
    if let Some(g) = tb.get(ATTR_MCAST_GROUPS_T).copied().flatten() {
        let res = each_group(g, |id, name| {
            if name.len() >= super::GENL_NAMSIZ {
                return Err(Error::Inval);
            }
            if r.group.is_none() && want == Some(name) {
                r.group = Some(id);
            }
            Ok(())
        });
        r.skip = res.is_err();
    }
    Some(r)
}

/// One resolve reply as [`probe_reply_lean`] sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProbeReply {
    /// `CTRL_ATTR_FAMILY_ID`, when present.
    pub id: Option<u16>,
    /// The id of the wanted group, when the reply lists it (before any group error).
    pub group: Option<u32>,
    /// Whether libnl's handler skips the message (a group failed its checks).
    pub skip: bool,
}

/// The handlers of the lean resolve: the reply parser (stage 1), then the ack stop (stage 2),
/// on the socket's sequence state (libnl's checks, run by [`recv::recvmsgs`]).
struct Resolver<'a, 'w, C: Copy> {
    s: &'a Socket<C>,
    ack_stage: bool,
    want: Option<&'w [u8]>,
    id: Option<u16>,
    group: Option<u32>,
}

impl<C: Copy> recv::Handlers for Resolver<'_, '_, C> {
    fn is_set(&self, ty: recv::CbType) -> bool {
        ty == if self.ack_stage {
            recv::CbType::Ack
        } else {
            recv::CbType::Valid
        }
    }

    fn call(&mut self, _ty: recv::CbType, msg: &mut [u8], _meta: &recv::Meta) -> i32 {
        if self.ack_stage {
            return recv::NL_STOP;
        }
        let len = msg
            .get(0..4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_ne_bytes);
        if !super::valid_hdr(len, 0) {
            return recv::NL_SKIP;
        }
        let n = usize::try_from(super::user_datalen(len, 0)).unwrap_or(0);
        let attrs = msg.get(20..20usize.saturating_add(n)).unwrap_or_default();
        let Some(r) = probe_reply_lean(attrs, self.want) else {
            return recv::NL_SKIP;
        };
        if r.id.is_some() {
            self.id = r.id;
        }
        if self.group.is_none() {
            self.group = r.group;
        }
        if r.skip { recv::NL_SKIP } else { recv::NL_STOP }
    }

    fn call_err(&mut self, _msg: &mut [u8], _meta: &recv::Meta) -> Option<i32> {
        None
    }

    fn seq_expect(&self) -> u32 {
        self.s.s_seq_expect.get()
    }

    fn set_seq_expect(&mut self, seq: u32) {
        self.s.set_seq_expect(seq);
    }

    fn no_auto_ack(&self) -> bool {
        self.s.has(crate::engine::socket::NL_NO_AUTO_ACK)
    }

    fn id(&self) -> usize {
        self.s as *const Socket<C> as usize
    }
}

/// The lean resolve after the request was sent: the reply (the family id and, when `want`
/// names a multicast group, that group's id) and then the ack, read from `t` with only these
/// handlers (see `ffi::genl::ctrl` for when that is indistinguishable from libnl's clone-based
/// probe). `None` when the receive loop fails or the family has no (or a zero) id.
pub fn resolve_replies<C: Copy>(
    s: &Socket<C>,
    t: &mut impl recv::Transport,
    want: Option<&[u8]>,
) -> Option<(u16, Option<u32>)> {
    let mut h = Resolver {
        s,
        ack_stage: false,
        want,
        id: None,
        group: None,
    };
    let mut ok = recv::recvmsgs(t, &mut h) >= 0;
    if ok {
        h.ack_stage = true;
        ok = recv::recvmsgs(t, &mut h) >= 0;
    }
    match h.id {
        Some(id) if ok && id != 0 => Some((id, h.group)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nla(ty: u16, payload: &[u8]) -> Vec<u8> {
        let mut v = ((payload.len() + 4) as u16).to_ne_bytes().to_vec();
        v.extend_from_slice(&ty.to_ne_bytes());
        v.extend_from_slice(payload);
        while v.len() % 4 != 0 {
            v.push(0);
        }
        v
    }

    fn family_msg(with_id: bool, grp: &[u8]) -> Vec<u8> {
        let mut m = nla(2, b"fam\0");
        if with_id {
            m.extend(nla(1, &0x22u16.to_ne_bytes()));
        }
        m.extend(nla(3, &2u32.to_ne_bytes()));
        let mut op = nla(1, &3u32.to_ne_bytes());
        op.extend(nla(2, &0xeu32.to_ne_bytes()));
        m.extend(nla(6, &nla(1, &op)));
        m.extend(nla(7, &nla(1, grp)));
        m
    }

    #[test]
    fn parses_family() {
        let mut g = nla(2, &5u32.to_ne_bytes());
        g.extend(nla(1, b"events\0"));
        let m = family_msg(true, &g);
        let tb = payloads(&m, &CTRL_POLICY).unwrap();
        let f = family_from_attrs(&tb).unwrap();
        let mask = f.mask;
        assert_eq!(f.id, 0x22);
        assert_eq!(f.name(), b"fam");
        assert_eq!(f.version, 2);
        assert_eq!(f.ops, vec![Op { id: 3, flags: 0xe }]);
        assert_eq!(f.group_id(b"events"), Some(5));
        assert_eq!(mask, 0x01 | 0x02 | 0x04 | 0x20 | 0x40);
        let (id, pf, skip) = probe_reply(&m).unwrap();
        assert_eq!(id, Some(0x22));
        assert!(!skip);
        assert_eq!(pf.group_id(b"events"), Some(5));
        let lean = probe_reply_lean(&m, Some(b"events")).unwrap();
        assert_eq!(
            lean,
            ProbeReply {
                id: Some(0x22),
                group: Some(5),
                skip: false
            }
        );
        assert_eq!(probe_reply_lean(&m, Some(b"other")).unwrap().group, None);
        assert_eq!(probe_reply_lean(&m, None).unwrap().group, None);
    }

    #[test]
    fn lean_matches_full() {
        let long = nla(1, b"0123456789abcdefgh\0");
        let mut bad = nla(2, &7u32.to_ne_bytes());
        bad.extend(long);
        for grp in [bad, nla(2, &5u32.to_ne_bytes()), Vec::new(), vec![1, 2, 3]] {
            let m = family_msg(true, &grp);
            let full = probe_reply(&m);
            let lean = probe_reply_lean(&m, Some(b"events"));
            assert_eq!(full.map(|f| (f.0, f.2)), lean.map(|l| (l.id, l.skip)));
        }
        assert!(probe_reply_lean(&nla(1, &[1]), None).is_none());
        assert_eq!(probe_reply_lean(&[], None), Some(ProbeReply::default()));
    }

    #[test]
    fn missing_and_bad() {
        let m = family_msg(false, &nla(2, &5u32.to_ne_bytes()));
        let tb = payloads(&m, &CTRL_POLICY).unwrap();
        assert_eq!(family_from_attrs(&tb).unwrap_err(), Error::MissingAttr);
        // Group without a name: the reply is skipped but the id was seen.
        let m = family_msg(true, &nla(2, &5u32.to_ne_bytes()));
        let (id, _, skip) = probe_reply(&m).unwrap();
        assert_eq!(id, Some(0x22));
        assert!(skip);
        assert_eq!(probe_reply(&[]).unwrap().0, None);
        // Too-short u16 id fails the policy.
        assert!(probe_reply(&nla(1, &[1])).is_none());
        assert_eq!(family_from_attrs(&[]).unwrap_err(), Error::MissingAttr);
    }

    /// Datagrams handed out in order.
    struct Script {
        queue: Vec<Vec<u8>>,
        cur: Vec<u8>,
    }

    impl recv::Transport for Script {
        fn recv(&mut self) -> std::result::Result<Option<recv::Datagram<'_>>, i32> {
            if self.queue.is_empty() {
                return Err(Error::Again.to_nle());
            }
            self.cur = self.queue.remove(0);
            Ok(Some(recv::Datagram {
                bytes: &mut self.cur,
                src: crate::engine::msg::SockaddrNl::default(),
                creds: None,
            }))
        }
    }

    fn nlmsg(ty: u16, flags: u16, seq: u32, payload: &[u8]) -> Vec<u8> {
        let mut m = ((16 + payload.len()) as u32).to_ne_bytes().to_vec();
        m.extend(ty.to_ne_bytes());
        m.extend(flags.to_ne_bytes());
        m.extend(seq.to_ne_bytes());
        m.extend(0u32.to_ne_bytes());
        m.extend(payload);
        m
    }

    fn reply_and_ack(seq: u32, grp: &[u8]) -> Vec<Vec<u8>> {
        let mut body = vec![CMD_NEWFAMILY, 2, 0, 0];
        body.extend(family_msg(true, grp));
        let reply = nlmsg(GENL_ID_CTRL, 0, seq, &body);
        let mut err = 0i32.to_ne_bytes().to_vec();
        err.extend(&reply[..16]);
        vec![reply, nlmsg(2, 0, seq, &err)]
    }

    #[test]
    fn lean_resolve_reads_reply_then_ack() {
        let s = Socket::new((), 40);
        s.use_seq();
        let mut g = nla(2, &5u32.to_ne_bytes());
        g.extend(nla(1, b"events\0"));
        let mut t = Script {
            queue: reply_and_ack(40, &g),
            cur: Vec::new(),
        };
        assert_eq!(
            resolve_replies(&s, &mut t, Some(b"events")),
            Some((0x22, Some(5)))
        );
        assert_eq!(s.s_seq_expect.get(), 41);
        // A reply to another request fails the sequence check: no id.
        let s = Socket::new((), 40);
        s.use_seq();
        let mut t = Script {
            queue: reply_and_ack(39, &g),
            cur: Vec::new(),
        };
        assert_eq!(resolve_replies(&s, &mut t, None), None);
        // Nothing to read.
        let mut t = Script {
            queue: Vec::new(),
            cur: Vec::new(),
        };
        assert_eq!(resolve_replies(&Socket::new((), 1), &mut t, None), None);
    }
}
