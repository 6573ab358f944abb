//! Golden bytes of the per-family data, captured from libnl 3.7.0 building the same requests
//! (tests/route/link-af.c prints them), and the parse of hand-built attributes both ways.

use super::bridge::{self, Bridge};
use super::inet::Inet;
use super::inet6::{self, Inet6};
use super::*;
use crate::engine::route::link::{AF_BRIDGE, Link, RTM_NEWLINK, STATS_COUNT};
use crate::error::Error;

fn unhex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(char::is_ascii_hexdigit).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
    let mut v = ((p.len() + 4) as u16).to_ne_bytes().to_vec();
    v.extend_from_slice(&ty.to_ne_bytes());
    v.extend_from_slice(p);
    v.resize(v.len().div_ceil(4) * 4, 0);
    v
}

fn request(l: &Link) -> Vec<u8> {
    l.add_request(0).unwrap().bytes()[16..].to_vec()
}

#[test]
fn inet_conf_request_matches_libnl() {
    let mut l = Link::default();
    l.set_name(b"x0");
    let inet = l.af.inet.get_or_insert_with(Inet::default);
    for id in [5, 10, 15, 20, 25, 30] {
        inet.set(id, id + 100).unwrap();
    }
    inet.set(1, 1).unwrap();
    assert_eq!(inet.set(0, 1), Err(Error::Range));
    assert_eq!(inet.set(33, 1), Err(Error::Range));
    assert_eq!(inet.get(2), Err(Error::Inval));
    let i6 = l.af.inet6.get_or_insert_with(Inet6::default);
    i6.addr_gen_mode = 1;
    i6.flags = 0x8000_0000;
    assert_eq!(
        request(&l),
        unhex(
            "00000000 00000000 00000000 00000000 07000300 78300000 50001a80 40000280 3c000180
             08000100 01000000 08000500 69000000 08000a00 6e000000 08000f00 73000000
             08001400 78000000 08001900 7d000000 08001e00 82000000 0c000a80 05000800 01000000"
        )
    );
}

#[test]
fn bridge_port_requests_match_libnl() {
    let mut l = Link::default();
    l.set_family(AF_BRIDGE);
    let b = l.af.bridge.as_mut().unwrap();
    b.set_flags(0x7f);
    assert_eq!(
        request(&l),
        unhex(
            "07000000 00000000 00000000 00000000 3c000c80 05000500 02000000 05000400 01000000
             05000700 08000000 05000600 04000000 05000900 10000000 05000800 20000000
             05000b00 40000000"
        )
    );
    let mut l = Link::default();
    l.set_family(AF_BRIDGE);
    let b = l.af.bridge.as_mut().unwrap();
    b.mask |= bridge::HAS_SELF;
    b.set_port_state(2).unwrap();
    assert_eq!(b.set_port_state(5), Err(Error::Inval));
    assert_eq!(
        request(&l),
        unhex(
            "07000000 00000000 00000000 00000000 0c000c80 05000100 02000000 0c001a80 06000000 02000000"
        )
    );
    let mut l = Link::default();
    l.set_family(AF_BRIDGE);
    l.af.bridge.as_mut().unwrap().set_hwmode(0).unwrap();
    assert_eq!(
        l.af.bridge.as_mut().unwrap().set_hwmode(2),
        Err(Error::Inval)
    );
    assert_eq!(
        request(&l),
        unhex("07000000 00000000 00000000 00000000 14001a80 06000000 02000000 06000100 00000000")
    );
    // Port flag changes go out as RTM_SETLINK, other changes as RTM_NEWLINK.
    let mut orig = Link::default();
    orig.set_family(AF_BRIDGE);
    let ty = |c: &Link| {
        let m = Link::change_request(&orig, c, 0, RTM_NEWLINK).unwrap();
        u16::from_ne_bytes([m.bytes()[4], m.bytes()[5]])
    };
    assert_eq!(ty(&l), RTM_NEWLINK);
    let mut c = l.clone();
    c.af.bridge.as_mut().unwrap().unset_flags(1);
    assert_eq!(ty(&c), crate::engine::route::link::RTM_SETLINK);
}

#[test]
fn bridge_af_spec_parse() {
    let vlan = |flags: u16, vid: u16| {
        let mut p = flags.to_ne_bytes().to_vec();
        p.extend_from_slice(&vid.to_ne_bytes());
        attr(bridge::BRIDGE_VLAN_INFO, &p)
    };
    let spec = [
        attr(bridge::BRIDGE_MODE, &1u16.to_ne_bytes()),
        vlan(2 | 4, 5),
        vlan(0, 7),
        vlan(8 | 4, 10),
        vlan(16 | 4, 12),
        vlan(0, 4094),
    ]
    .concat();
    let mut b = Bridge::default();
    // Not libnl: libnl 3.7.0 refuses the whole message for IFLA_BRIDGE_MODE.
    b.parse_af_spec(&spec).unwrap();
    assert_eq!((b.hwmode, b.mask & bridge::HAS_HWMODE != 0), (1, true));
    assert_eq!(b.vlans.pvid, 5);
    assert!(b.has_vlan());
    let mut d = crate::engine::object::DumpText::default();
    b.dump_details(&mut d);
    assert_eq!(
        d.out,
        "    bridge: pvid 5   all vlans: 5 7 10-12 4094   untagged vlans: 5 10-12hwmode vepa\n"
    );
    let w = b.vlans.to_words();
    assert_eq!(w.len(), 257);
    assert_eq!(w[0].to_ne_bytes()[..2], 5u16.to_ne_bytes());
    assert_eq!(w[1] >> 5 & 1, 1);
    // What libnl refuses with -EINVAL (22): bad ids, short entries, an end without a start.
    for bad in [
        vlan(0, 0),
        vlan(0, 4095),
        vlan(16, 9),
        vlan(8 | 2, 9),
        attr(2, &[1, 0]),
    ] {
        assert_eq!(
            Bridge::default().parse_af_spec(&bad),
            Err(Error::MsgTypeNoSupport)
        );
    }
    // A short mode is a range error, a lone range start adds nothing.
    assert_eq!(
        Bridge::default().parse_af_spec(&attr(bridge::BRIDGE_MODE, &[1])),
        Err(Error::Range)
    );
    let mut b = Bridge::default();
    b.parse_af_spec(&vlan(8, 3)).unwrap();
    assert!(!b.has_vlan());
}

#[test]
fn bridge_protinfo_parse() {
    let p = [
        attr(bridge::BRPORT_STATE, &[3]),
        attr(bridge::BRPORT_PRIORITY, &9u16.to_ne_bytes()),
        attr(bridge::BRPORT_COST, &7u32.to_ne_bytes()),
        attr(4, &[1]),
        attr(5, &[1]),
        attr(6, &[0]),
        attr(9, &[0]),
    ]
    .concat();
    let mut b = Bridge::default();
    b.parse_protinfo(&p, true).unwrap();
    assert_eq!((b.port_state, b.priority, b.cost), (3, 9, 7));
    assert_eq!((b.flags, b.flags_mask), (0x3, 0x17));
    assert!(b.ext_info);
    // A cost of one byte fails the policy; an old kernel's state alone is not nested.
    let short = attr(bridge::BRPORT_COST, &[1]);
    assert_eq!(
        Bridge::default().parse_protinfo(&short, true),
        Err(Error::Range)
    );
    let mut b = Bridge::default();
    b.parse_protinfo(&[4], false).unwrap();
    assert_eq!((b.port_state, b.ext_info), (4, false));
}

#[test]
fn inet6_parse_and_dump() {
    let conf: Vec<u8> = (0..51u32)
        .flat_map(|i| (i * 1000 + (i & 1)).to_ne_bytes())
        .collect();
    let stats: Vec<u8> = (0..40u64).flat_map(|i| (i * 10).to_ne_bytes()).collect();
    let icmp: Vec<u8> = (0..6u64).flat_map(|i| (i * 11).to_ne_bytes()).collect();
    let cinfo: Vec<u8> = [65535u32, 12345, 30500, 1000]
        .iter()
        .flat_map(|v| v.to_ne_bytes())
        .collect();
    let mut tok = [0u8; 16];
    tok[15] = 1;
    let nest = [
        attr(inet6::FLAGS, &0x8000_0010u32.to_ne_bytes()),
        attr(inet6::CACHEINFO, &cinfo),
        attr(inet6::CONF, &conf),
        attr(inet6::STATS, &stats),
        attr(inet6::ICMP6STATS, &icmp),
        attr(inet6::TOKEN, &tok),
        attr(inet6::ADDR_GEN_MODE, &[2]),
    ]
    .concat();
    let mut st = [0u64; STATS_COUNT];
    let mut i = Inet6::default();
    i.parse(&nest, &mut st).unwrap();
    assert_eq!(
        (i.flags, i.addr_gen_mode, i.conf[2]),
        (0x8000_0010, 2, 2000)
    );
    // IPSTATS_MIB index 1 (InPkts) is statistic 23, index 36 (ReasmOverlaps) 64; the count at
    // index 0 and indexes past the map are not kept.
    assert_eq!(
        (st[0], st[23], st[64], st[53], st[57]),
        (0, 10, 360, 11, 55)
    );
    let mut d = crate::engine::object::DumpText::default();
    i.dump_details(&mut d);
    assert!(d.out.starts_with(
        "    ipv6 max-reasm-len 64KiB <rs_sent,ready>\n      create-stamp 123.45s reachable-time 30s 500msec retrans-time 1s\n      token ::1\n      link-local address mode stable_privacy\n      devconf:\n      forwarding            0  hoplimit           1001  mtu6               2000\n"
    ));
    // Long values are written over the end of the name, as libnl does.
    assert!(
        d.out.contains(
            "rtr_solicit_del9s 1msec  use_tempaddr      10000  temp_valid_lft3h 3m 21s\n"
        )
    );
    assert!(d.out.ends_with("0x32              50000\n      "));
    // Ragged arrays are -EINVAL (22), short fixed-size attributes a range error.
    for (ty, len, e) in [
        (inet6::CONF, 10, Error::MsgTypeNoSupport),
        (inet6::STATS, 12, Error::MsgTypeNoSupport),
        (inet6::ICMP6STATS, 4, Error::MsgTypeNoSupport),
        (inet6::CACHEINFO, 8, Error::Range),
        (inet6::TOKEN, 4, Error::Range),
    ] {
        let bad = attr(ty, &vec![0u8; len]);
        assert_eq!(Inet6::default().parse(&bad, &mut st), Err(e), "type {ty}");
    }
}

#[test]
fn af_spec_walks_families() {
    let conf: Vec<u8> = (1..=40u32).flat_map(|v| v.to_ne_bytes()).collect();
    let spec = [
        attr(libc::AF_INET as u16, &attr(1, &conf)),
        attr(libc::AF_MPLS as u16, &attr(1, &[0; 4])),
        attr(libc::AF_INET6 as u16, &attr(inet6::ADDR_GEN_MODE, &[1])),
    ]
    .concat();
    let mut st = [0u64; STATS_COUNT];
    let mut af = AfData::default();
    af.parse_spec(0, &spec, &mut st).unwrap();
    let inet = af.inet.as_ref().unwrap();
    assert_eq!((inet.get(1), inet.get(32)), (Ok(1), Ok(32)));
    assert_eq!(af.inet6.as_ref().unwrap().addr_gen_mode, 1);
    assert!(af.bridge.is_none());
    // A ragged IPv4 array fails the link, as in libnl.
    let bad = attr(libc::AF_INET as u16, &attr(1, &[0; 6]));
    assert_eq!(
        AfData::default().parse_spec(0, &bad, &mut st),
        Err(Error::MsgTypeNoSupport)
    );
}

#[test]
fn ipv6_notifications_merge_into_the_link() {
    let mut link = Link::default();
    link.set_name(b"br7");
    link.stats[0] = 5;
    let mut ev = Link::default();
    let i6 = ev.af.inet6.get_or_insert_with(Inet6::default);
    i6.flags = 0x8000_0000;
    ev.stats[23] = 9;
    ev.stats[55] = 2;
    ev.stats[0] = 77;
    assert_eq!(
        link.merge_inet6(&ev),
        crate::engine::route::link::ATTR_AF_SPEC | crate::engine::route::link::ATTR_STATS
    );
    assert_eq!(link.af.inet6.as_ref().map(|i| i.flags), Some(0x8000_0000));
    // Only the IPv6 counters are taken; the name and the link's own counters stay.
    assert_eq!((link.stats[23], link.stats[55], link.stats[0]), (9, 2, 5));
    assert_eq!(link.name(), b"br7");
    assert_eq!(link.merge_inet6(&ev), 0);
}
