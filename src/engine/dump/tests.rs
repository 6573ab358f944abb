//! Golden tests: `golden.txt` holds, for each case, the message buffer and the exact text real
//! libnl 3.7.0 printed for it with `nl_msg_dump` (captured with a C probe linked against
//! Debian's libnl-3/-route-3/-genl-3, so route/link and genl nlctrl cache types were
//! registered; [`LibnlLike`] mimics those two).

use super::*;
use crate::engine::cnum::by_long;

/// The cache types the capture program had registered, as far as the dumper sees them.
struct LibnlLike;

impl DumpEnv for LibnlLike {
    fn family(&self, protocol: i32, msgtype: u16) -> Option<MsgTypeInfo> {
        let (cache, name, hdrsize) = match (protocol, msgtype) {
            (0, 16) => ("route/link", "new", 16),
            (0, 17) => ("route/link", "del", 16),
            (0, 18) => ("route/link", "get", 16),
            (0, 19) => ("route/link", "set", 16),
            (16, 16) => ("genl/family", "nlctrl", 4),
            _ => return None,
        };
        Some(MsgTypeInfo {
            cache_name: cache.into(),
            type_name: name.into(),
            hdrsize,
        })
    }

    fn strerror(&self, errnum: i32) -> String {
        crate::sys::stdio::strerror_c(errnum)
    }
}

/// No cache types at all (what libnlrs has today).
struct Bare;

impl DumpEnv for Bare {
    fn family(&self, _: i32, _: u16) -> Option<MsgTypeInfo> {
        None
    }
    fn strerror(&self, errnum: i32) -> String {
        format!("E{errnum}")
    }
}

struct Case {
    name: String,
    proto: i32,
    buf: Vec<u8>,
    expected: String,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn cases() -> Vec<Case> {
    let text = include_str!("golden.txt");
    let mut out = Vec::new();
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let name = line.strip_prefix("@@CASE ").unwrap().trim_end().to_string();
        let proto = lines
            .next()
            .unwrap()
            .strip_prefix("@@PROTO ")
            .unwrap()
            .trim_end();
        let buf = lines
            .next()
            .unwrap()
            .strip_prefix("@@BUF ")
            .unwrap()
            .trim_end();
        let mut expected = String::new();
        for l in lines.by_ref() {
            if l == "@@END\n" {
                break;
            }
            expected.push_str(l);
        }
        out.push(Case {
            name,
            proto: proto.parse().unwrap(),
            buf: unhex(buf),
            expected,
        });
    }
    out
}

#[test]
fn golden_dumps_match_libnl() {
    let cases = cases();
    assert_eq!(cases.len(), 32);
    for c in &cases {
        let got = format_message(&c.buf, c.proto, &LibnlLike);
        assert_eq!(got, c.expected, "case {}", c.name);
    }
}

#[test]
fn padding_past_the_buffer_reads_zero() {
    // "route unaligned end": the last attribute's padding lies after nlmsg_len; cut the buffer
    // right at nlmsg_len so the padding is outside it.
    let c = cases()
        .into_iter()
        .find(|c| c.name == "route unaligned end")
        .unwrap();
    let got = format_message(&c.buf[..37], c.proto, &LibnlLike);
    assert_eq!(got, c.expected);
}

#[test]
fn empty_short_and_overlong_buffers() {
    // An empty buffer: a zero header, nothing else.
    let got = format_message(&[], -1, &Bare);
    assert!(got.contains("    .nlmsg_len = 0\n    .type = 0 <0x0>\n"));
    // nlmsg_len far beyond the buffer: the payload is cut at the buffer end.
    let mut b = vec![0u8; 20];
    b[..4].copy_from_slice(&1000u32.to_ne_bytes());
    b[4] = 0x20;
    b[16..20].copy_from_slice(b"abcd");
    let got = format_message(&b, -1, &Bare);
    assert!(
        got.contains("  [PAYLOAD] 4 octets\n    61 62 63 64 "),
        "{got}"
    );
    // nlmsg_len of 0xffffffff: negative payload length, nothing printed after the header.
    b[..4].copy_from_slice(&u32::MAX.to_ne_bytes());
    let got = format_message(&b, -1, &Bare);
    assert!(got.contains("    .nlmsg_len = -1\n"));
    assert!(!got.contains("PAYLOAD"));
    // A short NLMSG_ERROR whose error block is not in the buffer: only the ERRORMSG line.
    let mut e = vec![0u8; 20];
    e[..4].copy_from_slice(&8u32.to_ne_bytes());
    e[4] = 2;
    let got = format_message(&e, -1, &Bare);
    assert!(got.ends_with("  [ERRORMSG] 20 octets\n---------------------------  END NETLINK MESSAGE   ---------------------------\n"));
}

#[test]
fn deep_nesting_does_not_recurse() {
    // 16000 levels of empty-ish nesting inside one 64 KiB attribute chain.
    let depth = 16000usize;
    let mut attrs = vec![0u8; depth * 4];
    for i in 0..depth {
        let len = ((depth - i) * 4) as u16;
        attrs[i * 4..i * 4 + 2].copy_from_slice(&len.to_ne_bytes());
        attrs[i * 4 + 2..i * 4 + 4].copy_from_slice(&(1u16 | NLA_F_NESTED).to_ne_bytes());
    }
    let mut b = vec![0u8; 16 + 16];
    b.extend_from_slice(&attrs);
    let len = b.len() as u32;
    b[..4].copy_from_slice(&len.to_ne_bytes());
    b[4] = 16;
    let got = format_message(&b, 0, &LibnlLike);
    assert_eq!(got.matches("NESTED").count(), depth);
}

#[test]
fn hex_dump_widths() {
    let mut s = String::new();
    dump_hex(&mut s, &[], 0);
    assert_eq!(s, "    ");
    let mut s = String::new();
    dump_hex(&mut s, &[0x41; 16], 0);
    assert_eq!(s, format!("    {}AAAAAAAAAAAAAAAA\n", "41 ".repeat(16)));
    let mut s = String::new();
    dump_hex(&mut s, &[0x7f, 0x20], 1);
    assert_eq!(s, format!("      7f 20 {}. \n", "   ".repeat(12)));
}

#[test]
fn type_names() {
    assert_eq!(nlmsgtype_str(1), "NOOP");
    assert_eq!(nlmsgtype_str(2), "ERROR");
    assert_eq!(nlmsgtype_str(3), "DONE");
    assert_eq!(nlmsgtype_str(4), "OVERRUN");
    assert_eq!(nlmsgtype_str(0), "0x0");
    assert_eq!(nlmsgtype_str(5), "0x5");
    assert_eq!(nlmsgtype_str(-1), "0xffffffff");
    assert_eq!(nlmsgtype_str(100000), "0x186a0");
}

#[test]
fn type_parsing_matches_libnl() {
    let cases: &[(&str, Result<i32>)] = &[
        ("noop", Ok(1)),
        ("NOOP", Ok(1)),
        ("Error", Ok(2)),
        ("done", Ok(3)),
        ("overrun", Ok(4)),
        ("0x10", Ok(16)),
        ("16", Ok(16)),
        ("010", Ok(8)),
        ("", Err(Error::Inval)),
        (" 5", Ok(5)),
        ("5x", Err(Error::ObjNotFound)),
        ("-1", Err(Error::ObjNotFound)),
        ("0x", Err(Error::ObjNotFound)),
        ("abc", Err(Error::ObjNotFound)),
        ("nlmsg_done", Err(Error::ObjNotFound)),
        // ULONG_MAX (the overflow marker) where long has 32 bits
        ("4294967296", by_long(Ok(0), Err(Error::ObjNotFound))),
        (
            "99999999999",
            by_long(Ok(1215752191), Err(Error::ObjNotFound)),
        ),
        ("+3", Ok(3)),
        ("-0x10", Ok(-16)),
        ("0x7fffffff", Ok(i32::MAX)),
        ("0x80000000", Ok(i32::MIN)),
        ("0xffffffff", by_long(Ok(-1), Err(Error::ObjNotFound))),
        ("  ", Err(Error::ObjNotFound)),
        ("+", Err(Error::ObjNotFound)),
        ("0xffffffffffffffff", Err(Error::ObjNotFound)),
        ("999999999999999999999999", Err(Error::ObjNotFound)),
        ("08", Err(Error::ObjNotFound)),
        ("\u{e9}", Err(Error::ObjNotFound)),
    ];
    for (s, want) in cases {
        assert_eq!(parse_nlmsgtype(s.as_bytes()), *want, "{s:?}");
    }
}

#[test]
fn flag_lists() {
    let mut buf = [0x55u8; 12];
    nlmsg_flags_into(0x5, &mut buf);
    assert_eq!(&buf, b"REQUEST,ACK\0");
    let mut buf = [0x55u8; 6];
    nlmsg_flags_into(0x5, &mut buf);
    assert_eq!(&buf, b"REQUE\0");
    nlmsg_flags_into(0, &mut buf);
    assert_eq!(buf, [0; 6]);
    nlmsg_flags_into(0x5, &mut []);
    assert_eq!(nlmsg_flags_str(0), "");
    assert_eq!(nlmsg_flags_str(0x10), "0x10");
    assert_eq!(nlmsg_flags_str(0x305), "REQUEST,ACK,ROOT,MATCH");
    assert_eq!(nlmsg_flags_str(0x1f), "REQUEST,MULTI,ACK,ECHO,0x10");
    assert_eq!(
        nlmsg_flags_str(0xffff),
        "REQUEST,MULTI,ACK,ECHO,ROOT,MATCH,ATOMIC,APPEND,0xf0f0"
    );
    assert_eq!(
        nlmsg_flags_str(-1),
        "REQUEST,MULTI,ACK,ECHO,ROOT,MATCH,ATOMIC,APPEND,0xfffff0f0"
    );
    assert_eq!(nlmsg_flags_str(0x10000), "0x10000");
}
