//! Golden bytes and rules observed from libnl 3.7.0 (probe programs built against Debian's
//! libnl-route-3: the requests it builds for the same calls, and what it keeps of crafted
//! messages).

#![allow(clippy::field_reassign_with_default)]

use super::*;
use crate::engine::addr::AF_LLC;

fn unhex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(char::is_ascii_hexdigit).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn body(m: &Message) -> &[u8] {
    &m.bytes()[16..]
}

fn header(m: &Message) -> (u32, u16, u16) {
    let h = m.header();
    (h.len, h.ty, h.flags)
}

/// `rtnl_link_build_add_request(link, NLM_F_CREATE)` of libnl 3.7.0 for a link with every
/// attribute a request carries, plus some it does not (promiscuity, qdisc, arptype).
const ADD_FULL: &str = "
00000000 07000000 01010000 01010000
0a000100 02000000 00090000 0a000200
ffffffff ffff0000 08000400 78050000
08000d00 f4010000 0a000300 74657374
30000000 05001000 06000000 05002100
01000000 05001100 01000000 0a001400
616c6961 73000000 08000500 03000000
08002500 09000000 08000a00 04000000
08001f00 02000000 08002000 03000000
08001b00 05000000 10001280 0b000100
62726964 67650000";

fn full_link() -> Link {
    let mut l = Link::default();
    l.ifindex = 7;
    l.mask |= ATTR_IFINDEX | ATTR_FAMILY;
    l.set_name(b"test0");
    l.mtu = 1400;
    l.txqlen = 500;
    l.addr = Some(Addr::build(AF_LLC, &[2, 0, 0, 0, 0, 9]));
    l.brd = Some(Addr::build(AF_LLC, &[0xff; 6]));
    l.operstate = 6;
    l.linkmode = 1;
    l.ifalias = b"alias".to_vec();
    l.link = 3;
    l.master = 4;
    l.carrier = 1;
    l.group = 5;
    l.num_tx_queues = 2;
    l.num_rx_queues = 3;
    l.promiscuity = 1;
    l.arptype = 1;
    l.qdisc = fixed_str(b"noqueue");
    l.link_netnsid = 9;
    l.mask |= ATTR_MTU
        | ATTR_TXQLEN
        | ATTR_ADDR
        | ATTR_BRD
        | ATTR_OPERSTATE
        | ATTR_LINKMODE
        | ATTR_IFALIAS
        | ATTR_LINK
        | ATTR_MASTER
        | ATTR_CARRIER
        | ATTR_GROUP
        | ATTR_NUM_TX_QUEUES
        | ATTR_NUM_RX_QUEUES
        | ATTR_PROMISCUITY
        | ATTR_ARPTYPE
        | ATTR_QDISC
        | ATTR_LINK_NETNSID;
    l.set_flags(0x1 | 0x100);
    l.set_kind(Some(b"bridge"));
    l
}

#[test]
fn add_request_matches_libnl() {
    let m = full_link().add_request(0x400).unwrap();
    assert_eq!(header(&m), (184, RTM_NEWLINK, 0x400));
    assert_eq!(body(&m), unhex(ADD_FULL));
}

#[test]
fn request_attribute_order_matches_libnl() {
    // libnl 3.7.0's order with every request attribute set (kind "veth" without a peer).
    let mut l = full_link();
    l.weight = 12;
    l.ns_fd = 9;
    l.ns_pid = 10;
    l.mask |= ATTR_WEIGHT | ATTR_NS_FD | ATTR_NS_PID;
    l.set_kind(Some(b"veth"));
    let m = l.add_request(0).unwrap();
    let types: Vec<u16> = attr::iter(&body(&m)[IFINFOMSG_LEN..])
        .map(|a| a.ty())
        .collect();
    assert_eq!(
        types,
        [
            1, 2, 4, 13, 15, 3, 16, 33, 17, 20, 5, 37, 10, 31, 32, 28, 19, 27, 18
        ]
    );
    // Weight, master, namespace fd and pid, group (libnl's second capture).
    let mut l = Link::default();
    l.ns_fd = 5;
    l.ns_pid = 6;
    l.group = 1;
    l.master = 2;
    l.weight = 3;
    l.qdisc = fixed_str(b"q");
    l.promiscuity = 1;
    l.mask |= ATTR_NS_FD
        | ATTR_NS_PID
        | ATTR_GROUP
        | ATTR_MASTER
        | ATTR_WEIGHT
        | ATTR_QDISC
        | ATTR_PROMISCUITY;
    let m = l.add_request(0).unwrap();
    assert_eq!(header(&m), (72, RTM_NEWLINK, 0));
    assert_eq!(
        body(&m),
        unhex(
            "00000000 00000000 00000000 00000000
             08000f00 03000000 08000a00 02000000
             08001c00 05000000 08001300 06000000
             08001b00 01000000"
        )
    );
    // An empty link: the bare header.
    let m = Link::default().add_request(0).unwrap();
    assert_eq!(header(&m), (32, RTM_NEWLINK, 0));
    assert_eq!(body(&m), [0u8; 16]);
}

#[test]
fn delete_and_get_requests_match_libnl() {
    let m = full_link().delete_request().unwrap();
    assert_eq!(header(&m), (44, RTM_DELLINK, 0));
    assert_eq!(
        body(&m),
        unhex("00000000 07000000 00000000 00000000 0a000300 74657374 30000000")
    );
    let mut l = Link::default();
    l.set_name(b"n");
    let m = l.delete_request().unwrap();
    assert_eq!(header(&m), (40, RTM_DELLINK, 0));
    assert_eq!(
        body(&m),
        unhex("00000000 00000000 00000000 00000000 06000300 6e000000")
    );
    // libnl aborts the process for a link without index and name; here it is an error.
    assert_eq!(
        Link::default().delete_request().err(),
        Some(Error::MissingAttr)
    );

    let m = Link::get_request(7, Some(b"x")).unwrap();
    assert_eq!(header(&m), (48, RTM_GETLINK, 0));
    assert_eq!(
        body(&m),
        unhex("00000000 07000000 00000000 00000000 06000300 78000000 08001d00 01000000")
    );
    let m = Link::get_request(0, Some(b"eth0")).unwrap();
    assert_eq!(
        body(&m),
        unhex(
            "00000000 00000000 00000000 00000000 09000300 65746830 00000000 08001d00
             01000000"
        )
    );
    let m = Link::get_request(3, None).unwrap();
    assert_eq!(
        body(&m),
        unhex("00000000 03000000 00000000 00000000 08001d00 01000000")
    );
    // libnl aborts for these two.
    assert_eq!(Link::get_request(0, None).err(), Some(Error::MissingAttr));
    assert_eq!(Link::get_request(-1, None).err(), Some(Error::MissingAttr));
}

/// An `RTM_NEWLINK` payload: a header with `ifi_type` 1 and index 7, then `attrs`.
fn newlink(attrs: &[(u16, &[u8])]) -> Vec<u8> {
    let mut m = Message::simple(RTM_NEWLINK, 0).unwrap();
    let mut h = [0u8; IFINFOMSG_LEN];
    h[2] = 1;
    h[4] = 7;
    h[8] = 0x43;
    h[12] = 0xff;
    m.append(&h, 4).unwrap();
    for (t, p) in attrs {
        m.put_attr(*t, p).unwrap();
    }
    body(&m).to_vec()
}

#[test]
fn parse_reads_what_libnl_keeps() {
    let l = Link::parse(&newlink(&[(ifla::IFNAME, b"xy\0")])).unwrap();
    // libnl: base mask 0xbe00 (flags, name, ifindex, family, arptype, change).
    assert_eq!(l.mask, 0xbe00);
    assert_eq!(
        (l.ifindex, l.arptype, l.flags, l.change),
        (7, 1, 0x43, 0xff)
    );
    assert_eq!(l.name(), b"xy");

    // One attribute at a time: the bit libnl sets for it.
    let one = 1u32.to_ne_bytes();
    let cases: &[(u16, &[u8], u64)] = &[
        (ifla::ADDRESS, b"ab\0", 0x80),
        (ifla::BROADCAST, b"ab\0", 0x100),
        (ifla::MTU, &one, 0x1),
        (ifla::LINK, &one, 0x2),
        (ifla::QDISC, b"ab\0", 0x20),
        (ifla::STATS, &[1; 400], 0x4000),
        (ifla::MASTER, &one, 0x10),
        (ifla::TXQLEN, &one, 0x4),
        (ifla::MAP, &[1; 400], 0x40),
        (ifla::WEIGHT, &one, 0x8),
        (ifla::OPERSTATE, b"a", 0x10000),
        (ifla::LINKMODE, b"a", 0x20000),
        (ifla::NET_NS_PID, &one, 0x4000_0000),
        (ifla::IFALIAS, b"ab\0", 0x80000),
        (ifla::NUM_VF, &one, 0x100000),
        (ifla::STATS64, &[1; 400], 0x4000),
        (ifla::AF_SPEC, b"ab\0", 0x800_0000),
        (ifla::GROUP, &one, 0x100_0000),
        (ifla::NET_NS_FD, &one, 0x2000_0000),
        (ifla::PROMISCUITY, &one, 0x20_0000),
        (ifla::NUM_TX_QUEUES, &one, 0x40_0000),
        (ifla::NUM_RX_QUEUES, &one, 0x80_0000),
        (ifla::CARRIER, b"a", 0x200_0000),
        (ifla::PHYS_PORT_ID, b"ab\0", 0x1000_0000),
        (ifla::CARRIER_CHANGES, &one, 0x4_0000_0000),
        (ifla::PHYS_SWITCH_ID, b"ab\0", 0x10_0000_0000),
        (ifla::LINK_NETNSID, &one, 0x1_0000_0000),
        (ifla::PHYS_PORT_NAME, b"ab\0", 0x8_0000_0000),
        (ifla::GSO_MAX_SEGS, &one, 0x20_0000_0000),
        (ifla::GSO_MAX_SIZE, &one, 0x40_0000_0000),
    ];
    for (t, p, bit) in cases {
        let l = Link::parse(&newlink(&[(ifla::IFNAME, b"xy\0"), (*t, p)])).unwrap();
        assert_eq!(l.mask & !0xbe00, *bit, "IFLA {t}");
    }
    let l = Link::parse(&newlink(&[
        (ifla::IFNAME, b"xy\0"),
        (ifla::LINKINFO, &unhex("0b000100 62726964 67650000")),
    ]))
    .unwrap();
    assert_eq!(
        (l.mask & ATTR_LINKINFO, &l.kind[..]),
        (ATTR_LINKINFO, &b"bridge"[..])
    );
}

#[test]
fn parse_errors_match_libnl() {
    let name: (u16, &[u8]) = (ifla::IFNAME, b"abcde\0");
    // Header shorter than struct ifinfomsg.
    assert_eq!(Link::parse(&[0; 8]).err(), Some(Error::MsgTooShort));
    // No name.
    assert_eq!(Link::parse(&newlink(&[])).err(), Some(Error::MissingAttr));
    let bad: &[((u16, &[u8]), Error)] = &[
        ((ifla::MTU, &[1, 2]), Error::Range),
        ((ifla::IFNAME, b"0123456789abcdefghij\0"), Error::Range),
        ((ifla::IFNAME, b"abc"), Error::Inval),
        ((ifla::QDISC, &[b'q'; 33]), Error::Range),
        ((ifla::STATS, &[0; 91]), Error::Range),
        ((ifla::STATS64, &[0; 183]), Error::Range),
        ((ifla::MAP, &[0; 31]), Error::Range),
        ((ifla::LINKMODE, b""), Error::Range),
        ((ifla::NUM_TX_QUEUES, b"ab"), Error::Range),
        ((ifla::IFALIAS, b""), Error::Range),
    ];
    for (a, e) in bad {
        assert_eq!(Link::parse(&newlink(&[name, *a])).err(), Some(*e), "{a:?}");
    }
    // Boundaries libnl accepts: a 16-byte name with its NUL, 8-byte MTU, 32-byte qdisc.
    let mut n16 = [b'a'; 16];
    n16[15] = 0;
    let mut q32 = [b'q'; 32];
    q32[31] = 0;
    let ok: &[(u16, &[u8])] = &[
        (ifla::IFNAME, &n16),
        (ifla::MTU, &[1, 0, 0, 0, 0, 0, 0, 0]),
        (ifla::QDISC, &q32),
        (ifla::STATS, &[0; 92]),
        (ifla::MAP, &[0; 32]),
    ];
    for a in ok {
        assert!(Link::parse(&newlink(&[name, *a])).is_ok(), "{a:?}");
    }
    // A LINKINFO nest holding garbage parses, without a kind.
    let l = Link::parse(&newlink(&[name, (ifla::LINKINFO, &[3, 0, 1, 0])])).unwrap();
    assert_eq!(l.mask & ATTR_LINKINFO, 0);
}

#[test]
fn addresses_take_the_family_their_length_suggests() {
    let d: Vec<u8> = (1..=20).collect();
    for (len, fam) in [(0, 0), (4, 2), (6, 26), (16, 10), (20, 0)] {
        let l = Link::parse(&newlink(&[
            (ifla::IFNAME, b"xy\0"),
            (ifla::ADDRESS, &d[..len]),
            (ifla::BROADCAST, &d[..len]),
        ]))
        .unwrap();
        let a = l.addr.unwrap();
        assert_eq!(
            (a.family, a.bytes.len(), a.prefixlen),
            (fam, len, len as i32 * 8)
        );
        assert_eq!(l.brd.unwrap().family, fam);
    }
}

#[test]
fn statistics_follow_libnl() {
    let s32: Vec<u8> = (1..=24u32).flat_map(u32::to_ne_bytes).collect();
    let s64: Vec<u8> = (100..124u64).flat_map(u64::to_ne_bytes).collect();
    // libnl's ids for the kernel's counters 1..=24 (value k+1 at the id of counter k).
    let want32: &[(usize, u64)] = &[
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 4),
        (4, 5),
        (5, 6),
        (6, 7),
        (7, 8),
        (8, 22),
        (9, 23),
        (10, 15),
        (11, 19),
        (12, 11),
        (13, 12),
        (14, 13),
        (15, 14),
        (16, 16),
        (17, 17),
        (18, 18),
        (19, 20),
        (20, 21),
        (21, 10),
        (22, 9),
        (63, 24),
    ];
    let name: (u16, &[u8]) = (ifla::IFNAME, b"xy\0");
    let l = Link::parse(&newlink(&[name, (ifla::STATS, &s32)])).unwrap();
    for (id, v) in want32 {
        assert_eq!(l.stat(*id), Some(*v), "stat {id}");
    }
    assert_eq!(l.stats.iter().filter(|v| **v != 0).count(), 24);
    // Without rx_nohandler (92 bytes) the counter stays 0.
    let l = Link::parse(&newlink(&[name, (ifla::STATS, &s32[..92])])).unwrap();
    assert_eq!((l.stat(63), l.stat(8)), (Some(0), Some(22)));
    // STATS64 wins, whatever the order.
    for attrs in [
        [name, (ifla::STATS, &s32[..]), (ifla::STATS64, &s64[..])],
        [name, (ifla::STATS64, &s64[..]), (ifla::STATS, &s32[..])],
    ] {
        let l = Link::parse(&newlink(&attrs)).unwrap();
        for (id, v) in want32 {
            assert_eq!(l.stat(*id), Some(v + 99), "stat {id}");
        }
    }
    assert_eq!(STAT_NAMES[63], "rx_nohandler");
    assert_eq!(Link::default().stat(STATS_COUNT), None);
}

#[test]
fn attribute_names_in_libnl_order() {
    // nl_object_attrs2str of every bit, as libnl 3.7.0 prints it.
    let names: Vec<&str> = Link::ATTRS.iter().map(|d| d.name).collect();
    assert_eq!(
        names.join(","),
        "mtu,link,txqlen,weight,master,qdisc,map,address,broadcast,flags,name,ifindex,family,\
         arptype,stats,change,operstate,linkmode,ifalias,num_vf,promiscuity,num_tx_queues,\
         num_rx_queues,gso_max_segs,gso_max_size,group,carrier,carrier_changes,phys_port_id,\
         phys_port_name,phys_switch_id,ns_fd,ns_pid,link_netnsid"
    );
    // Low 32 bits as libnl's names put them (bit 18, 26, 27, 31: unnamed).
    for (bit, name) in [
        (0, "mtu"),
        (13, "arptype"),
        (17, "linkmode"),
        (19, "ifalias"),
        (25, "carrier"),
        (28, "phys_port_id"),
        (30, "ns_pid"),
    ] {
        let d = Link::ATTRS.iter().find(|d| d.bit == 1 << bit).unwrap();
        assert_eq!(d.name, name);
    }
    for bit in [18, 26, 27, 31, 33, 39] {
        assert!(Link::ATTRS.iter().all(|d| d.bit != 1 << bit), "bit {bit}");
    }
}

fn with(f: impl FnOnce(&mut Link)) -> Link {
    let mut l = Link::default();
    f(&mut l);
    l
}

#[test]
fn comparison_follows_libnl() {
    const LOOSE: i32 = obj::LOOSE_COMPARISON;
    let flags = |a: &Link, b: &Link| (a.diff(b, !0, 0), a.diff(b, !0, LOOSE) == 0);
    // libnl: set 1 vs set 2 differ, and neither filter matches.
    let (a, b) = (with(|l| l.set_flags(1)), with(|l| l.set_flags(2)));
    assert_eq!(flags(&a, &b), (ATTR_FLAGS, false));
    // 3 vs 1: b as filter (mask 1) matches a, not the reverse.
    let (a, b) = (with(|l| l.set_flags(3)), with(|l| l.set_flags(1)));
    assert_eq!(flags(&a, &b), (ATTR_FLAGS, true));
    assert!(b.diff(&a, !0, LOOSE) != 0);
    // Set vs unset of the same flag.
    let (a, b) = (with(|l| l.set_flags(1)), with(|l| l.unset_flags(1)));
    assert_eq!(flags(&a, &b), (ATTR_FLAGS, false));
    // Same value, wider mask on one side: equal both ways.
    let (a, b) = (
        with(|l| l.set_flags(1)),
        with(|l| {
            l.set_flags(1);
            l.unset_flags(2)
        }),
    );
    assert_eq!(flags(&a, &b), (0, true));
    assert_eq!(b.diff(&a, !0, LOOSE), 0);

    // Attributes libnl compares, and some it does not.
    let eq = |f: fn(&mut Link, u32), bit: u64| {
        let (a, b) = (with(|l| f(l, 1)), with(|l| f(l, 2)));
        a.diff(&b, !0, 0) & bit
    };
    assert_eq!(
        eq(
            |l, v| {
                l.mtu = v;
                l.mask |= ATTR_MTU
            },
            ATTR_MTU
        ),
        ATTR_MTU
    );
    assert_eq!(
        eq(
            |l, v| {
                l.arptype = v;
                l.mask |= ATTR_ARPTYPE
            },
            ATTR_ARPTYPE
        ),
        0
    );
    assert_eq!(
        eq(
            |l, v| {
                l.carrier = v as u8;
                l.mask |= ATTR_CARRIER
            },
            ATTR_CARRIER
        ),
        0
    );
    assert_eq!(
        eq(
            |l, v| {
                l.link_netnsid = v as i32;
                l.mask |= ATTR_LINK_NETNSID
            },
            ATTR_LINK_NETNSID
        ),
        ATTR_LINK_NETNSID
    );
    assert_eq!(
        eq(
            |l, v| {
                l.ifindex = v as i32;
                l.mask |= ATTR_IFINDEX
            },
            ATTR_IFINDEX
        ),
        ATTR_IFINDEX
    );
    // Presence alone: mtu on one side only differs; a filter with mtu does not match a link
    // without it, a filter without mtu matches.
    let (a, b) = (
        with(|l| {
            l.mtu = 1;
            l.mask |= ATTR_MTU
        }),
        Link::default(),
    );
    assert_eq!(a.diff(&b, !0, 0), ATTR_MTU);
    assert_eq!(a.diff(&b, b.mask, LOOSE), 0);
    assert_ne!(b.diff(&a, a.mask, LOOSE), 0);
    // Kinds: known kinds differ as in libnl; unknown kinds differ too (libnl: equal).
    let k = |x: &[u8]| with(|l| l.set_kind(Some(x)));
    assert_eq!(k(b"veth").diff(&k(b"bridge"), !0, 0), ATTR_LINKINFO);
    assert_eq!(k(b"nokind").diff(&k(b"nokind2"), !0, 0), ATTR_LINKINFO);
    assert_eq!(k(b"veth").diff(&k(b"veth"), !0, 0), 0);
    assert_eq!(ID_ATTRS, 0x1800);
}

fn dumps(l: &Link) -> [String; 3] {
    [
        obj::DumpType::Line,
        obj::DumpType::Details,
        obj::DumpType::Stats,
    ]
    .map(|t| {
        let mut d = obj::DumpText::default();
        l.dump(t, &mut d);
        d.out
    })
}

/// libnl 3.7.0's statistics block of a link whose kernel counters are all zero.
const ZERO_STATS: &str =
    "    Stats:    bytes    packets     errors    dropped   fifo-err compressed
     RX      0.00 B          0          0          0          0          0
     TX      0.00 B          0          0          0          0          0
    Errors:  length       over        crc      frame     missed  multicast
     RX           0          0          0          0          0          0
            aborted    carrier  heartbeat     window  collision
     TX           0          0          0          0          0
";

#[test]
fn dumps_match_libnl() {
    // Only a name (libnl's nl_object_dump of the parsed message, no cache).
    let name: (u16, &[u8]) = (ifla::IFNAME, b"abcde\0");
    let mut bare = Link::parse(&newlink(&[name])).unwrap();
    bare.flags = 0;
    bare.ifindex = 0;
    let [line, details, stats] = dumps(&bare);
    assert_eq!(line, "abcde ether \n");
    let det = "abcde ether \n    mtu 0 txqlen 0 weight 0 index 0 \n    mode default carrier down\n";
    assert_eq!(details, det);
    assert_eq!(stats, format!("{det}{ZERO_STATS}"));

    // Address, master, flags, link, group; a zero address is not printed.
    let mac = [2u8, 0, 0, 0, 0, 1];
    let (u3, u7, u0) = (3u32.to_ne_bytes(), 7u32.to_ne_bytes(), 0u32.to_ne_bytes());
    let mut l = Link::parse(&newlink(&[
        name,
        (ifla::ADDRESS, &mac),
        (ifla::MASTER, &u3),
        (ifla::LINK, &u7),
        (ifla::GROUP, &u0),
    ]))
    .unwrap();
    l.flags = 0x1043;
    assert_eq!(
        dumps(&l)[0],
        "abcde ether 02:00:00:00:00:01 master 3 <broadcast,multicast,up,running> slave-of 7 group 0 \n"
    );
    let mut l = Link::parse(&newlink(&[
        name,
        (ifla::ADDRESS, &[0; 6]),
        (ifla::MASTER, &u0),
        (ifla::LINK, &u0),
    ]))
    .unwrap();
    (l.flags, l.arptype) = (0, 772);
    assert_eq!(dumps(&l)[0], "abcde loopback master 0 slave-of 0 \n");

    // Details.
    let (u1500, u1) = (1500u32.to_ne_bytes(), 1u32.to_ne_bytes());
    let mut l = Link::parse(&newlink(&[
        name,
        (ifla::MTU, &u1500),
        (ifla::TXQLEN, &u1500),
        (ifla::QDISC, b"noqueue\0"),
        (ifla::BROADCAST, &[0xff; 6]),
        (ifla::OPERSTATE, &[6]),
        (ifla::LINKMODE, &[1]),
        (ifla::CARRIER, &[1]),
        (ifla::CARRIER_CHANGES, &u3),
        (ifla::NUM_TX_QUEUES, &u3),
        (ifla::NUM_RX_QUEUES, &u7),
        (ifla::IFALIAS, b"alias\0"),
        (ifla::PROMISCUITY, &u1),
    ]))
    .unwrap();
    (l.flags, l.ifindex) = (0, 2);
    assert_eq!(
        dumps(&l)[1],
        "abcde ether \n    mtu 1500 txqlen 1500 weight 0 qdisc noqueue index 2 promisc-mode (1 users) \n    \
         alias alias\n    txq 3 rxq 7 brd ff:ff:ff:ff:ff:ff state up mode dormant carrier up carrier-changes 3\n"
    );
    // An unknown operational state is not printed.
    let mut l = Link::parse(&newlink(&[
        name,
        (ifla::OPERSTATE, &[0]),
        (ifla::CARRIER, &[0]),
    ]))
    .unwrap();
    (l.flags, l.ifindex) = (0, 2);
    assert_eq!(
        dumps(&l)[1],
        "abcde ether \n    mtu 0 txqlen 0 weight 0 index 2 \n    mode default carrier down\n"
    );
    // Bridges.
    let mut l = Link::parse(&newlink(&[
        name,
        (ifla::LINKINFO, &unhex("0b000100 62726964 67650000")),
    ]))
    .unwrap();
    (l.flags, l.ifindex) = (0, 2);
    assert_eq!(
        dumps(&l)[1],
        "bridge abcde ether \n    mtu 0 txqlen 0 weight 0 index 2 \n    mode default carrier down\n    bridge: \n"
    );
    // Statistics.
    let s64: Vec<u8> = (1..=24u64).flat_map(|i| (i * 1000).to_ne_bytes()).collect();
    let mut l = Link::parse(&newlink(&[name, (ifla::STATS64, &s64[..192])])).unwrap();
    (l.flags, l.ifindex) = (0, 2);
    let stats = dumps(&l)[2].clone();
    assert_eq!(
        stats.split_once("    Stats:").unwrap().1,
        "    bytes    packets     errors    dropped   fifo-err compressed
     RX    2.93 KiB       1000       5000       7000      15000      22000
     TX    3.91 KiB       2000       6000       8000      19000      23000
    Errors:  length       over        crc      frame     missed  multicast
     RX       11000      12000      13000      14000      16000       9000
            aborted    carrier  heartbeat     window  collision
     TX       17000      18000      20000      21000      10000
"
    );
}

#[test]
fn dumps_name_links_through_the_lookup() {
    struct Names(obj::DumpText);
    impl obj::DumpOut for Names {
        fn text(&mut self, t: &str) {
            self.0.text(t)
        }
        fn line(&mut self, t: &str) {
            self.0.line(t)
        }
        fn lookup(&self, q: obj::Lookup) -> Option<String> {
            match q {
                obj::Lookup::Link { ifindex: 4 } => Some("br0".into()),
                _ => None,
            }
        }
    }
    let mut l = full_link();
    (l.master, l.link) = (4, 5);
    let mut d = Names(obj::DumpText::default());
    l.dump(obj::DumpType::Line, &mut d);
    assert_eq!(
        d.0.out,
        // A kind is not a family: libnl names only the family (none here).
        "test0 ether 02:00:00:00:00:09 master br0 <promisc,up> slave-of 5 link-netnsid 9 group 5 \n"
    );
}

#[test]
fn change_requests_match_libnl() {
    let mut orig = Link::default();
    orig.ifindex = 5;
    orig.mask |= ATTR_IFINDEX | ATTR_FAMILY;
    orig.set_name(b"eth0");
    let mut c = Link::default();
    c.mtu = 1400;
    c.mask |= ATTR_MTU;
    let hexof = |o: &Link, c: &Link, f: u16| {
        let m = Link::change_request(o, c, f, RTM_NEWLINK).unwrap();
        (m.header().flags, body(&m).to_vec())
    };
    let mtu_only = unhex("00000000 05000000 00000000 00000000 08000400 78050000");
    assert_eq!(hexof(&orig, &c, 0), (0, mtu_only.clone()));
    c.set_name(b"eth0");
    assert_eq!(hexof(&orig, &c, 0), (0, mtu_only));
    // Without an index on the original the name stays (libnl 3.7.0: the kernel finds the
    // link by it).
    let mut by_name = orig.clone();
    by_name.mask &= !ATTR_IFINDEX;
    by_name.ifindex = 0;
    assert_eq!(
        hexof(&by_name, &c, 0).1,
        unhex("00000000 00000000 00000000 00000000 08000400 78050000 09000300 65746830 00000000")
    );
    c.set_name(b"eth1");
    let renamed =
        unhex("00000000 05000000 00000000 00000000 08000400 78050000 09000300 65746831 00000000");
    assert_eq!(hexof(&orig, &c, 0).1, renamed);
    c.set_flags(1);
    assert_eq!(
        hexof(&orig, &c, 0x100),
        (
            0x100,
            unhex(
                "00000000 05000000 01000000 01000000 08000400 78050000 09000300 65746831 \
                 00000000"
            )
        )
    );
    // An original without index or name: index 0, the name is sent.
    let mut o2 = Link::default();
    o2.set_name(b"eth0");
    let want =
        unhex("00000000 00000000 01000000 01000000 08000400 78050000 09000300 65746831 00000000");
    assert_eq!(hexof(&o2, &c, 0).1, want);
    // Without an index in the original, even the same name is sent (libnl 3.7.0).
    o2.set_name(b"eth1");
    assert_eq!(hexof(&o2, &c, 0).1, want);
    assert_eq!(hexof(&Link::default(), &c, 0).1, want);
    // The kind.
    let mut k = Link::default();
    k.set_kind(Some(b"bridge"));
    assert_eq!(
        hexof(&orig, &k, 0).1,
        unhex("00000000 05000000 00000000 00000000 10001280 0b000100 62726964 67650000")
    );
    // The family is the original's; the index and arptype of the changes are not sent.
    orig.family = 7;
    let mut c3 = Link::default();
    c3.mtu = 9000;
    c3.ifindex = 9;
    c3.arptype = 772;
    c3.mask |= ATTR_MTU | ATTR_IFINDEX | ATTR_ARPTYPE;
    assert_eq!(
        hexof(&orig, &c3, 0).1,
        unhex("07000000 05000000 00000000 00000000 08000400 28230000")
    );
    // Another family: libnl aborts; an error here.
    c3.family = 10;
    c3.mask |= ATTR_FAMILY;
    assert_eq!(
        Link::change_request(&orig, &c3, 0, RTM_NEWLINK).err(),
        Some(Error::Immutable)
    );
    // Flags: the original's, with the changed ones replaced (libnl 3.7.0's captures).
    let mut o = Link::default();
    o.ifindex = 5;
    o.set_flags(0x1043);
    let flags_of = |o: &Link, set: u32, unset: u32| {
        let mut c = Link::default();
        if set != 0 {
            c.set_flags(set);
        }
        if unset != 0 {
            c.unset_flags(unset);
        }
        let m = Link::change_request(o, &c, 0, RTM_NEWLINK).unwrap();
        let b = body(&m);
        (
            u32::from_ne_bytes(b[8..12].try_into().unwrap()),
            u32::from_ne_bytes(b[12..16].try_into().unwrap()),
        )
    };
    assert_eq!(flags_of(&o, 0, 1), (0x1042, 0x1));
    assert_eq!(flags_of(&o, 0x100, 0), (0x1143, 0x100));
    assert_eq!(flags_of(&o, 0x100, 1), (0x1142, 0x101));
    assert_eq!(flags_of(&o, 0, 0), (0, 0));
    assert_eq!(flags_of(&Link::default(), 0x100, 0), (0x100, 0x100));
    let m = Link::change_request(&orig, &c, 0, RTM_SETLINK).unwrap();
    assert_eq!(m.header().ty, RTM_SETLINK);
}

#[test]
fn slave_kind_requests_match_libnl() {
    // rtnl_link_set_slave_type(l, "bond"); rtnl_link_set_name(l, "x"): libnl 3.7.0's request.
    let mut l = Link::default();
    l.set_slave_kind(Some(b"bond"));
    l.set_name(b"x");
    let m = l.add_request(0).unwrap();
    assert_eq!(
        &body(&m)[16..],
        unhex("06000300 78000000 10001280 09000400 626f6e64 00000000")
    );
    l.set_kind(Some(b"bridge"));
    let m = l.add_request(0).unwrap();
    let nest = attr::find(&body(&m)[16..], ifla::LINKINFO).unwrap();
    let inner: Vec<u16> = attr::iter(nest.payload).map(|a| a.ty()).collect();
    assert_eq!(inner, [ifla::INFO_KIND, ifla::INFO_SLAVE_KIND]);
    l.set_slave_kind(None);
    assert_eq!((l.mask & ATTR_SLAVE_KIND, l.slave_kind.len()), (0, 0));
}

#[test]
fn macvlan_and_macvtap_match_libnl() {
    use kind::KindData;
    use kind::macvlan::{HAS_FLAGS, HAS_MODE, Macvlan};
    let linkinfo = |l: &Link| {
        let m = l.add_request(0).unwrap();
        body(&m)[16..].to_vec()
    };
    let mut l = Link::default();
    l.set_kind(Some(b"macvlan"));
    assert_eq!(l.data, Some(KindData::Macvlan(Macvlan::default())));
    // rtnl_link_macvlan_alloc(): the kind alone (the empty data nest is dropped).
    assert_eq!(linkinfo(&l), unhex("10001280 0c000100 6d616376 6c616e00"));
    let set = |l: &mut Link, f: &dyn Fn(&mut Macvlan)| match &mut l.data {
        Some(KindData::Macvlan(d) | KindData::Macvtap(d)) => f(d),
        _ => panic!("no macvlan data"),
    };
    set(&mut l, &|d| {
        d.mode = 4;
        d.mask |= HAS_MODE
    });
    assert_eq!(
        linkinfo(&l),
        unhex("1c001280 0c000100 6d616376 6c616e00 0c000280 08000100 04000000")
    );
    set(&mut l, &|d| d.set_flags(1));
    assert_eq!(
        linkinfo(&l),
        unhex(
            "24001280 0c000100 6d616376 6c616e00 14000280 08000100 04000000 06000200 \
             01000000"
        )
    );
    // Flags set then unset, no mode: the flags attribute with 0.
    let mut u = Link::default();
    u.set_kind(Some(b"macvlan"));
    set(&mut u, &|d| {
        d.set_flags(1);
        d.unset_flags(1)
    });
    assert_eq!(
        linkinfo(&u),
        unhex("1c001280 0c000100 6d616376 6c616e00 0c000280 06000200 00000000")
    );
    // macvtap: the same data under its own kind.
    let mut t = Link::default();
    t.set_kind(Some(b"macvtap"));
    set(&mut t, &|d| {
        d.mode = 2;
        d.mask |= HAS_MODE;
        d.set_flags(1)
    });
    assert_eq!(
        linkinfo(&t),
        unhex(
            "24001280 0c000100 6d616376 74617000 14000280 08000100 02000000 06000200 \
             01000000"
        )
    );
    // Parsed back from the request: the same data.
    let m = t.add_request(0).unwrap();
    let mut b = body(&m).to_vec();
    let name = unhex("07000300 6d740000");
    b.splice(16..16, name);
    let p = Link::parse(&b).unwrap();
    assert_eq!(p.data, t.data);
    assert_eq!(
        p.data,
        Some(KindData::Macvtap(Macvlan {
            mask: HAS_MODE | HAS_FLAGS,
            mode: 2,
            flags: 1,
            ..Macvlan::default()
        }))
    );
    // The details dumps of libnl 3.7.0.
    let details = |l: &Link| {
        let mut d = obj::DumpText::default();
        l.dump(obj::DumpType::Details, &mut d);
        d.out
    };
    let mut d = Link::default();
    d.set_name(b"mv");
    d.set_kind(Some(b"macvlan"));
    assert_eq!(
        details(&d),
        "mv generic \n    mtu 0 txqlen 0 weight 0 \n    mode default carrier down\n\n"
    );
    set(&mut d, &|m| {
        m.mode = 4;
        m.mask |= HAS_MODE;
        m.set_flags(1)
    });
    assert_eq!(
        details(&d),
        "mv generic \n    mtu 0 txqlen 0 weight 0 \n    mode default carrier down\n    \
         macvlan-mode bridge macvlan-flags nopromisc\n"
    );
    t.set_name(b"mt");
    assert!(details(&t).ends_with("    macvtap-mode vepa macvtap-flags nopromisc\n"));
    // Kind data is not compared (libnl compares the kinds only).
    let mut e = l.clone();
    set(&mut e, &|m| m.mode = 1);
    assert_eq!(l.diff(&e, !0, 0), 0);
    // Another kind replaces the data (none for a kind libnlrs does not know).
    l.set_kind(Some(b"ifb"));
    assert_eq!(l.data, None);
}

#[test]
fn keys_match_libnl() {
    use crate::engine::object::ObjectType;
    // nl_object_keygen(link, &key, 1024) of libnl 3.7.0 for (ifindex, family).
    let want: &[(i32, u8, u32)] = &[
        (0, 0, 191),
        (0, 7, 831),
        (0, 10, 681),
        (1, 0, 319),
        (1, 7, 244),
        (1, 10, 771),
        (3, 0, 483),
        (3, 7, 903),
        (3, 10, 859),
        (1000, 0, 21),
        (1000, 7, 594),
        (1000, 10, 319),
        (-1, 0, 122),
        (-1, 7, 597),
        (-1, 10, 736),
    ];
    for (ifindex, family, key) in want {
        let l = Link {
            ifindex: *ifindex,
            family: *family,
            ..Link::default()
        };
        assert_eq!(l.keygen(1024), *key, "({ifindex}, {family})");
    }
    assert_eq!(Link::default().keygen(7), 3);
    assert_eq!(Link::default().keygen(0), 0);
}

#[test]
fn veth_requests_match_libnl() {
    use kind::KindData;
    // rtnl_link_veth_alloc(), then rtnl_link_build_add_request(link, NLM_F_CREATE|NLM_F_EXCL).
    let mut l = Link::default();
    l.set_kind(Some(b"veth"));
    let m = l.add_request(0x600).unwrap();
    assert_eq!(
        body(&m),
        unhex(
            "00000000 00000000 00000000 00000000 28001280 09000100 76657468 00000000 \
             18000280 14000180 00000000 00000000 00000000 00000000"
        )
    );
    // Names on both sides, the peer's MTU and namespace.
    l.set_name(b"va");
    let Some(KindData::Veth(v)) = &mut l.data else {
        panic!("no veth data")
    };
    v.peer.set_name(b"vb");
    v.peer.mtu = 1400;
    v.peer.ns_pid = 1;
    v.peer.mask |= ATTR_MTU | ATTR_NS_PID;
    let m = l.add_request(0x600).unwrap();
    assert_eq!(
        body(&m),
        unhex(
            "00000000 00000000 00000000 00000000 07000300 76610000 40001280 09000100 \
             76657468 00000000 30000280 2c000180 00000000 00000000 00000000 00000000 \
             08000400 78050000 07000300 76620000 08001300 01000000"
        )
    );
    // A parsed veth link has a peer too (nothing reported by the kernel fills it).
    let p = Link::parse(&newlink(&[
        (ifla::IFNAME, b"xy\0"),
        (ifla::LINKINFO, &unhex("09000100 76657468 00000000")),
    ]))
    .unwrap();
    assert!(matches!(p.data, Some(KindData::Veth(_))));
}
