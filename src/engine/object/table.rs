//! Declarative attribute tables.
//!
//! Each Rust object type describes its attributes once, one row per attribute, in a table
//! macro of its own (the "X-macro" pattern): `genl_family_attrs!` in
//! [`crate::engine::genl::family`] is the model. A row names
//!
//! ```text
//! BIT = value, "printed name", field, cmp eq|none [, nla(id, Codec)] [, get(c_getter -> CType, unset)] [, set(c_setter(CType))];
//! ```
//!
//! the libnl `*_ATTR_*` presence bit and its value, the name libnl's `attrs2str` prints, the
//! Rust field, whether libnl compares the attribute, the netlink attribute id and wire type
//! ([`Codec`]) when the attribute maps to one netlink attribute, and the libnl C accessors
//! that are plain reads and writes of the field. The table macro hands its rows to a callback
//! macro: [`object_table!`](crate::object_table) here derives the bit constants, the
//! [`AttrDesc`](super::AttrDesc) table (compare, attrs2str) and the wire rows ([`WireRow`],
//! parsing and building), and the FFI layer's `ffi_accessors!` derives the trivial
//! `extern "C"` getters and setters from the same rows. Nothing is generated into the source
//! tree, so nothing can go stale; `tests/abi.rs` checks the generated prototypes against the
//! headers like every other exported function.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::error::{Error, Result};

/// How one netlink attribute payload maps to a field of type `F`.
pub trait Codec<F> {
    /// The field value of a payload; `None` when the payload cannot hold one.
    fn decode(payload: &[u8]) -> Option<F>;
    /// Appends the payload for `v`.
    fn encode(v: &F, out: &mut Vec<u8>);
}

/// `NLA_U8`.
pub struct U8;
/// `NLA_U16` (host byte order).
pub struct U16;
/// `NLA_U32` (host byte order).
pub struct U32;
/// `NLA_U64` (host byte order).
pub struct U64;
/// `NLA_STRING`: NUL-terminated text.
pub struct Str;
/// Binary data (`NLA_UNSPEC` / `NLA_BINARY`), kept as received.
pub struct Bin;

fn exact<const N: usize>(p: &[u8]) -> Option<[u8; N]> {
    (p.len() >= N).then(|| attr::read_ne::<N>(p))
}

macro_rules! int_codec {
    ($codec:ty, $wire:ty, $($field:ty),*) => {$(
        impl Codec<$field> for $codec {
            fn decode(p: &[u8]) -> Option<$field> {
                // libnl-compat: a wider wire value stored into a narrower field is truncated,
                // as C's assignment does.
                exact::<{ std::mem::size_of::<$wire>() }>(p).map(|b| <$wire>::from_ne_bytes(b) as $field)
            }
            fn encode(v: &$field, out: &mut Vec<u8>) {
                out.extend_from_slice(&(*v as $wire).to_ne_bytes());
            }
        }
    )*};
}

int_codec!(U8, u8, u8);
int_codec!(U16, u16, u16, u32);
int_codec!(U32, u32, u8, u16, u32, i32, u64);
int_codec!(U64, u64, u64);

impl<const N: usize> Codec<[u8; N]> for Str {
    fn decode(p: &[u8]) -> Option<[u8; N]> {
        Some(fixed_str(attr::string(p)))
    }
    fn encode(v: &[u8; N], out: &mut Vec<u8>) {
        out.extend_from_slice(cstr_part(v));
        out.push(0);
    }
}

impl Codec<Vec<u8>> for Str {
    fn decode(p: &[u8]) -> Option<Vec<u8>> {
        Some(attr::string(p).to_vec())
    }
    fn encode(v: &Vec<u8>, out: &mut Vec<u8>) {
        out.extend_from_slice(cstr_part(v));
        out.push(0);
    }
}

impl Codec<Vec<u8>> for Bin {
    fn decode(p: &[u8]) -> Option<Vec<u8>> {
        Some(p.to_vec())
    }
    fn encode(v: &Vec<u8>, out: &mut Vec<u8>) {
        out.extend_from_slice(v);
    }
}

/// The bytes before the first NUL.
pub fn cstr_part(b: &[u8]) -> &[u8] {
    let end = b.iter().position(|c| *c == 0).unwrap_or(b.len());
    b.get(..end).unwrap_or_default()
}

/// `src` (up to its first NUL) in a zero-filled buffer of `N` bytes, cut to `N - 1` bytes so a
/// NUL always follows (libnl's `strncpy` + terminator into fixed name arrays).
pub fn fixed_str<const N: usize>(src: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let src = cstr_part(src);
    let n = src.len().min(N.saturating_sub(1));
    if let (Some(d), Some(s)) = (out.get_mut(..n), src.get(..n)) {
        d.copy_from_slice(s);
    }
    out
}

/// One attribute of a type that maps to one netlink attribute.
pub struct WireRow<T> {
    /// The presence bit.
    pub bit: u64,
    /// The netlink attribute type.
    pub nla: u16,
    /// Stores a payload into the field; `None` when the payload does not fit the wire type.
    pub decode: fn(&mut T, &[u8]) -> Option<()>,
    /// Appends the field's payload.
    pub encode: fn(&T, &mut Vec<u8>),
}

/// Parses the attributes of `rows` present in a message into `o`, setting their presence bits
/// in `mask`. `payload(nla)` gives the payload of attribute `nla` (already checked against the
/// type's policy), `None` when absent. `Error::Inval` when a payload is shorter than its wire
/// type.
pub fn parse_attrs<'a, T>(
    rows: &[WireRow<T>],
    o: &mut T,
    mask: &mut u64,
    payload: impl Fn(u16) -> Option<&'a [u8]>,
) -> Result<()> {
    for r in rows {
        if let Some(p) = payload(r.nla) {
            (r.decode)(o, p).ok_or(Error::Inval)?;
            *mask |= r.bit;
        }
    }
    Ok(())
}

/// Emits the attributes of `rows` whose bit is in `mask`, in table order, through `put(nla,
/// payload)`.
pub fn build_attrs<T>(
    rows: &[WireRow<T>],
    o: &T,
    mask: u64,
    mut put: impl FnMut(u16, &[u8]) -> Result<()>,
) -> Result<()> {
    let mut buf = Vec::new();
    for r in rows.iter().filter(|r| mask & r.bit != 0) {
        buf.clear();
        (r.encode)(o, &mut buf);
        put(r.nla, &buf)?;
    }
    Ok(())
}

/// Derives, from the rows of an object type's attribute table (see the module docs): one
/// `pub const BIT: u64` per row, and on the type the inherent constants `ATTRS` (compare,
/// attrs2str) and `WIRE` (parse, build).
///
/// Invoked as the callback of the type's table macro: `genl_family_attrs!(object_table)`.
#[macro_export]
macro_rules! object_table {
    ([$($_args:tt)*] $t:ty {
        $( $bit:ident = $val:expr, $name:literal, $field:ident, cmp $cmp:ident
           $(, nla($nla:expr, $codec:ident))?
           $(, get($($_g:tt)*))?
           $(, set($($_s:tt)*))? ; )*
    }) => {
        $(
            #[doc = concat!("Presence bit of `", stringify!($field), "` (libnl prints \"", $name, "\").")]
            pub const $bit: u64 = $val;
        )*
        impl $t {
            $(
                #[doc = concat!("Presence bit of `", stringify!($field), "`.")]
                #[allow(dead_code)]
                pub const $bit: u64 = $val;
            )*
            /// The attribute table: presence bits, printed names, comparisons.
            pub const ATTRS: &'static [$crate::engine::object::AttrDesc<$t>] = &[$(
                $crate::engine::object::AttrDesc {
                    bit: $bit,
                    name: $name,
                    differs: $crate::object_table!(@cmp $cmp, $t, $field),
                },
            )*];
            /// The attributes that map to one netlink attribute each.
            pub const WIRE: &'static [$crate::engine::object::table::WireRow<$t>] = &[$($(
                $crate::engine::object::table::WireRow {
                    bit: $bit,
                    nla: $nla,
                    decode: |o: &mut $t, p: &[u8]| {
                        o.$field = <$crate::engine::object::table::$codec as $crate::engine::object::table::Codec<_>>::decode(p)?;
                        Some(())
                    },
                    encode: |o: &$t, out: &mut Vec<u8>| {
                        <$crate::engine::object::table::$codec as $crate::engine::object::table::Codec<_>>::encode(&o.$field, out)
                    },
                },
            )?)*];
        }
    };
    (@cmp eq, $t:ty, $field:ident) => {
        Some(|a: &$t, b: &$t, _flags: i32| a.$field != b.$field)
    };
    (@cmp none, $t:ty, $field:ident) => {
        None
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default, Debug, PartialEq)]
    struct Obj {
        mask: u64,
        a: u32,
        b: u8,
        name: [u8; 8],
        c: u16,
        text: Vec<u8>,
    }

    macro_rules! obj_rows {
        ($cb:path) => {
            $cb! { [] Obj {
                T_A = 0x1, "a", a, cmp eq, nla(1, U32), get(t_get_a -> u32, 0), set(t_set_a(u32));
                T_B = 0x2, "b", b, cmp eq, nla(2, U32);
                T_NAME = 0x4, "name", name, cmp eq, nla(3, Str);
                T_C = 0x8, "c", c, cmp none;
                T_TEXT = 0x10, "text", text, cmp eq, nla(5, Str);
            } }
        };
    }
    obj_rows!(crate::object_table);

    #[test]
    fn codecs() {
        assert_eq!(
            <U32 as Codec<u8>>::decode(&0x1ffu32.to_ne_bytes()),
            Some(0xff)
        );
        assert_eq!(<U32 as Codec<u32>>::decode(&[1, 2]), None);
        assert_eq!(<U16 as Codec<u32>>::decode(&7u16.to_ne_bytes()), Some(7));
        assert_eq!(<U8 as Codec<u8>>::decode(&[9, 9]), Some(9));
        assert_eq!(<U64 as Codec<u64>>::decode(&[0; 7]), None);
        assert_eq!(
            <Str as Codec<[u8; 4]>>::decode(b"abcdef\0"),
            Some(*b"abc\0")
        );
        let mut out = Vec::new();
        <Str as Codec<[u8; 4]>>::encode(b"ab\0\0", &mut out);
        assert_eq!(out, b"ab\0");
        assert_eq!(fixed_str::<1>(b"x"), [0]);
        assert_eq!(cstr_part(b"ab\0cd"), b"ab");
    }

    #[test]
    fn table_rows() {
        assert_eq!(Obj::ATTRS.len(), 5);
        assert_eq!(Obj::WIRE.len(), 4);
        assert_eq!((T_A, T_B, T_NAME, T_C, T_TEXT), (1, 2, 4, 8, 16));
        assert!(Obj::ATTRS[3].differs.is_none());
        let x = Obj {
            a: 1,
            ..Obj::default()
        };
        let f = Obj::ATTRS[0].differs.unwrap();
        assert!(f(&x, &Obj::default(), 0));
        assert!(!f(&x, &x, 0));
    }

    #[test]
    fn parse_then_build_round_trips() {
        let attrs: Vec<(u16, Vec<u8>)> = vec![
            (1, 0xdead_beefu32.to_ne_bytes().to_vec()),
            (2, 0x1234u32.to_ne_bytes().to_vec()),
            (3, b"eth0\0".to_vec()),
            (5, b"hello\0".to_vec()),
        ];
        let lookup = |id: u16| attrs.iter().find(|(i, _)| *i == id).map(|(_, p)| &p[..]);
        let mut o = Obj::default();
        let mut mask = 0;
        parse_attrs(Obj::WIRE, &mut o, &mut mask, lookup).unwrap();
        assert_eq!(mask, T_A | T_B | T_NAME | T_TEXT);
        assert_eq!(
            (o.a, o.b, &o.name, &o.text[..]),
            (0xdead_beef, 0x34, b"eth0\0\0\0\0", &b"hello"[..])
        );
        let mut out = Vec::new();
        build_attrs(Obj::WIRE, &o, mask, |id, p| {
            out.push((id, p.to_vec()));
            Ok(())
        })
        .unwrap();
        // b is a u8 field on a u32 wire attribute: the value round-trips truncated.
        let mut want = attrs.clone();
        want[1].1 = 0x34u32.to_ne_bytes().to_vec();
        assert_eq!(out, want);
        // Only present attributes are built.
        let mut n = 0;
        build_attrs(Obj::WIRE, &o, T_NAME, |_, _| {
            n += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(n, 1);
        // A short payload is refused.
        let mut mask = 0;
        let r = parse_attrs(Obj::WIRE, &mut o, &mut mask, |id| {
            (id == 1).then_some(&[1u8][..])
        });
        assert_eq!(r, Err(Error::Inval));
        assert_eq!(mask, 0);
    }
}
