//! Golden bytes observed from libnl 3.7.0.

use super::*;

#[test]
fn flag_names_match_libnl() {
    assert_eq!(flags2str(0x81, 64), b"secondary,permanent");
    assert_eq!(flags2str(0x400, 64), b"");
    assert_eq!(
        flags2str(-1, 256),
        b"secondary,nodad,optimistic,dadfailed,homeaddress,deprecated,tentative,permanent,mngtmpaddr,noprefixroute,"
    );
    assert_eq!(flags2str(0x81, 10), b"secondary");
    assert_eq!(str2flags(b"permanent,nodad"), 0x82);
    assert_eq!(str2flags(b"SECONDARY"), 1);
    assert_eq!(str2flags(b"tentative,mcautojoin"), 0x40);
    assert_eq!(str2flags(b""), 0);
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn v4(text: &str, plen: i32) -> Addr {
    let mut a = addr::parse(text.as_bytes(), 0).unwrap();
    a.prefixlen = plen;
    a
}

/// The payload of a parsed RTM_NEWADDR (ifaddrmsg: AF_INET, /24, permanent, scope 0, index
/// 3; IFA_LOCAL 10.0.0.1, IFA_ADDRESS 10.0.0.2, broadcast, label "veth0", cache info
/// 10/20/150/12345, IFA_FLAGS 0x380) and libnl 3.7.0's add request for what it parsed.
const PARSED: &str = concat!(
    "0218800003000000",
    "080002000a000001",
    "080001000a000002",
    "080004000a00ffff",
    "0a000300766574683000",
    "0000",
    "140006000a000000140000009600000039300000",
    "0800080080030000"
);
const PARSED_REQUEST: &str = "0218800003000000080002000a000001080001000a0000020a0003007665746830000000080004000a00ffff140006000a0000001400000000000000000000000800080080030000";

#[test]
fn parse_and_request_match_libnl() {
    let a = Address::parse(&unhex(PARSED)).unwrap();
    assert_eq!(a.mask, 0x3ff);
    assert_eq!(a.flags, 0x380);
    assert_eq!(a.label(), b"veth0");
    assert_eq!(a.local, Some(v4("10.0.0.1", 24)));
    assert_eq!(a.peer, Some(v4("10.0.0.2", 32)));
    assert_eq!(a.cacheinfo.cstamp, 150);
    assert_eq!(a.id_attrs(), 0x193);
    let m = a.add_request(0).unwrap();
    assert_eq!(hex(&m.bytes()[16..]), PARSED_REQUEST);
    assert_eq!(&m.bytes()[4..8], &[20, 0, 0, 4]);
}

#[test]
fn ipv4_without_addresses_gets_zero_local() {
    let a = Address::parse(&unhex("0200000000000000")).unwrap();
    assert_eq!(
        a.mask,
        ATTR_FAMILY | ATTR_PREFIXLEN | ATTR_FLAGS | ATTR_SCOPE | ATTR_IFINDEX | ATTR_LOCAL
    );
    assert_eq!(a.local, Some(v4("0.0.0.0", 0)));
    let v6 = Address::parse(&unhex("0a40000002000000")).unwrap();
    assert_eq!(v6.local, None);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    assert_eq!(Address::parse(&[0; 4]), Err(Error::MsgTooShort));
    // IFA_CACHEINFO of 8 bytes, IFA_LABEL of 21.
    assert_eq!(
        Address::parse(&unhex("02000000000000000c0006000000000000000000")),
        Err(Error::Range)
    );
    let mut long = unhex("0200000000000000190003");
    long.extend_from_slice(b"\x000123456789abcdefghij\0\0\0\0");
    assert!(Address::parse(&long).is_err());
    // A truncated attribute is ignored, as libnl does.
    assert!(Address::parse(&unhex("0200000000000000080008")).is_ok());
}

#[test]
fn setters_follow_libnl() {
    let mut a = Address::default();
    assert!(matches!(a.add_request(0), Err(Error::MissingAttr)));
    a.ifindex = 3;
    a.mask |= ATTR_IFINDEX;
    a.set_addr(Slot::Local, Some(v4("10.0.0.1", 16))).unwrap();
    assert_eq!((a.family, a.prefixlen), (2, 16));
    a.set_addr(Slot::Peer, Some(v4("10.0.0.2", 32))).unwrap();
    assert_eq!(a.prefixlen, 32);
    assert_eq!(
        a.set_addr(Slot::Local, Some(v4("10.0.0.3", 8))),
        Err(Error::Inval)
    );
    assert_eq!(
        a.set_addr(Slot::Multicast, Some(v4("224.0.0.1", 32))),
        Err(Error::AfNoSupport)
    );
    let v6 = addr::parse(b"ff02::1", 0).unwrap();
    assert_eq!(a.set_addr(Slot::Anycast, Some(v6)), Err(Error::AfMismatch));
    assert_eq!(a.set_label(b"0123456789abcdef"), Err(Error::Range));
    a.set_addr(Slot::Peer, None).unwrap();
    assert_eq!(a.mask & (ATTR_PEER | ATTR_PREFIXLEN), 0);
    a.set_flags(0x300);
    let m = a.delete_request(0).unwrap();
    assert_eq!(
        hex(&m.bytes()[16..]),
        "0200000003000000080002000a000001080001000a0000010800080000030000"
    );
}

#[test]
fn dumps_match_libnl() {
    let a = Address::parse(&unhex(PARSED)).unwrap();
    let mut t = obj::DumpText::default();
    a.dump(obj::DumpType::Details, &mut t);
    assert_eq!(
        t.out,
        "10.0.0.1/24 peer 10.0.0.2 inet dev 3 scope global <permanent,mngtmpaddr,noprefixroute>\n   label veth0 broadcast 10.0.255.255\n   valid-lifetime 20s preferred-lifetime 10s\n   created boot-time+1s 500msec last-updated boot-time+2m 3s 450msec\n"
    );
    let mut t = obj::DumpText::default();
    Address::default().dump(obj::DumpType::Line, &mut t);
    assert_eq!(t.out, "none unspec dev 0 scope nowhere\n");
}
