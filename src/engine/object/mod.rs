//! libnl's object model, in safe Rust.
//!
//! Two halves:
//!
//! * The rules every object follows whatever defines its type (a C plug-in such as Debian's
//!   libnl-nf, or a type written in Rust): identity, difference and filter matching
//!   ([`identical`], [`diff64`], [`match_filter`]) over any [`ObjRef`], the view the FFI layer
//!   gives of an object block, and the lifecycle of a block ([`life`]: allocation, references,
//!   freeing, cloning, the dump step).
//! * [`ObjectType`], the trait a Rust-defined object type implements (genl families today,
//!   route objects next): its name, identity attributes, attribute table ([`AttrDesc`], usually
//!   produced by [`object_table!`](crate::object_table)), a mask-aware [`compare`] that
//!   implements libnl's attribute-difference rule once, key generation, merge and dumps. The
//!   values and their presence mask live together in the Rust value; the FFI adapter
//!   (`ffi::objtype`) turns such a type into libnl's `nl_object_ops`.
#![forbid(unsafe_code)]

pub mod life;
pub mod table;

use crate::engine::trans;
use crate::error::{Error, Result};

/// `oo_compare` flag: filter semantics (`nl_object_match_filter`).
pub const LOOSE_COMPARISON: i32 = 1;
/// `oo_compare` flag: identity comparison (`nl_object_identical`).
pub const ID_COMPARISON: i32 = 2;

/// `nl_object_diff`'s 32-bit view of a 64-bit difference mask: the low 32 bits, with bit 31
/// set when any bit above 31 differs.
pub fn fold_diff(diff: u64) -> u32 {
    let low = (diff & 0xffff_ffff) as u32;
    if diff >> 32 != 0 {
        low | (1 << 31)
    } else {
        low
    }
}

/// libnl's identity rule before the type's compare runs. `id_attrs` is the type's identity
/// mask (`None` when the type has none). Returns the attributes to pass to `oo_compare`, or
/// `None` when the presence masks alone already make the objects different: with identity
/// attributes both objects must have the same ones present; without, they must have exactly
/// the same attributes present, and all of them are compared.
pub fn identity_attrs(id_attrs: Option<u64>, mask_a: u64, mask_b: u64) -> Option<u64> {
    let req = id_attrs.unwrap_or(u64::MAX);
    if mask_a & req != mask_b & req {
        return None;
    }
    Some(if id_attrs.is_some() {
        req
    } else {
        mask_a & mask_b
    })
}

/// Where a type's identity attributes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdAttrs {
    /// Per object (`oo_id_attrs_get`): objects with different identity sets are different.
    PerObject(u64),
    /// One set for the type (`oo_id_attrs`, non-zero).
    Type(u64),
    /// The type declares none: every present attribute counts.
    None,
}

impl IdAttrs {
    /// The identity mask `nl_object_get_id_attrs` reports (0 for none).
    pub fn bits(self) -> u64 {
        match self {
            IdAttrs::PerObject(x) | IdAttrs::Type(x) => x,
            IdAttrs::None => 0,
        }
    }
}

/// An object as the generic rules see it: a cheap handle (the FFI layer's view of an object
/// block), whatever language defines its type.
pub trait ObjRef: Copy + Eq {
    /// Whether both objects have the same type (libnl compares the ops pointers).
    fn same_type(self, other: Self) -> bool;
    /// The attribute-presence mask (`ce_mask`).
    fn mask(self) -> u64;
    /// The identity attributes.
    fn id_attrs(self) -> IdAttrs;
    /// The type's `oo_compare(self, other, attrs, flags)`; `None` when the type has none.
    fn compare(self, other: Self, attrs: u64, flags: i32) -> Option<u64>;
}

/// `nl_object_identical`: the same object, or the same type agreeing on the identity
/// attributes (their presence first, then the type's compare with [`ID_COMPARISON`]).
pub fn identical<O: ObjRef>(a: O, b: O) -> bool {
    if a == b {
        return true;
    }
    if !a.same_type(b) {
        return false;
    }
    let req = match (a.id_attrs(), b.id_attrs()) {
        (IdAttrs::PerObject(x), IdAttrs::PerObject(y)) if x != y => return false,
        (IdAttrs::PerObject(x), _) | (IdAttrs::Type(x), _) => Some(x),
        (IdAttrs::None, _) => None,
    };
    let Some(attrs) = identity_attrs(req, a.mask(), b.mask()) else {
        return false;
    };
    a.compare(b, attrs, ID_COMPARISON) == Some(0)
}

/// `nl_object_diff64`: the attributes in which the objects differ; all ones for different
/// types or a type without compare.
pub fn diff64<O: ObjRef>(a: O, b: O) -> u64 {
    if !a.same_type(b) {
        return u64::MAX;
    }
    a.compare(b, u64::MAX, 0).unwrap_or(u64::MAX)
}

/// `nl_object_match_filter`: whether `o` has the values of every attribute present in
/// `filter`.
pub fn match_filter<O: ObjRef>(o: O, filter: O) -> bool {
    o.same_type(filter) && o.compare(filter, filter.mask(), LOOSE_COMPARISON) == Some(0)
}

/// libnl's attribute-difference rule for one attribute `bit` among the requested `attrs`: it
/// differs when exactly one of the objects has it, or both have it and `values_differ`
/// (evaluated only then).
pub fn attr_diff(
    attrs: u64,
    bit: u64,
    mask_a: u64,
    mask_b: u64,
    values_differ: impl FnOnce() -> bool,
) -> u64 {
    if attrs & bit == 0 {
        return 0;
    }
    let (ha, hb) = (mask_a & bit, mask_b & bit);
    if ha != hb || (ha != 0 && values_differ()) {
        bit
    } else {
        0
    }
}

/// `enum nl_dump_type`: how much of an object a dump prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpType {
    /// `NL_DUMP_LINE`: one line per object.
    Line = 0,
    /// `NL_DUMP_DETAILS`: all attributes.
    Details = 1,
    /// `NL_DUMP_STATS`: details and statistics.
    Stats = 2,
}

impl DumpType {
    /// The dump type of a C `dp_type` (`None` outside libnl's range).
    pub fn from_c(v: i32) -> Option<DumpType> {
        match v {
            0 => Some(DumpType::Line),
            1 => Some(DumpType::Details),
            2 => Some(DumpType::Stats),
            _ => None,
        }
    }
}

/// A name the dump of an object needs from outside the object (registries the engine type
/// does not own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The name of command `cmd` of the generic netlink family `family`, as registered with
    /// `genl_register_family` (libnl's `genl_op2name`).
    GenlCmd {
        /// Family id.
        family: u16,
        /// Command number.
        cmd: i32,
    },
    /// The name of the link with index `ifindex` (libnl's dumps look it up in the link cache
    /// of the dumped object, printing the index when there is none).
    Link {
        /// Interface index.
        ifindex: i32,
    },
    /// Whether a link cache is there to look names up in (answered with an empty string):
    /// libnl prints `inv` / `NONE` for an index its link cache lacks, the index without one.
    LinkCache,
}

/// Where dump text goes (libnl's `struct nl_dump_params` seen from the engine).
pub trait DumpOut {
    /// `nl_dump`: appends `text` to the current line.
    fn text(&mut self, text: &str);
    /// `nl_dump_line`: starts a new line (prefix, line numbers, `dp_nl_cb`), then `text`.
    fn line(&mut self, text: &str);
    /// Answers a [`Lookup`]; `None` when nothing is known.
    fn lookup(&self, _q: Lookup) -> Option<String> {
        None
    }
}

/// A [`DumpOut`] collecting the text (tests, `nl_object_dump_buf`-style uses).
#[derive(Debug, Default)]
pub struct DumpText {
    /// The text so far; a new line is marked by `\n` only when the text already ends with
    /// something (libnl's prefix handling is the FFI side's).
    pub out: String,
}

impl DumpOut for DumpText {
    fn text(&mut self, text: &str) {
        self.out.push_str(text);
    }
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
    }
}

/// What a Rust-defined object has handed to C and keeps alive for it (libnl's getters return
/// pointers into the object): values keyed by the presence bit of the attribute they show,
/// released when that attribute changes or the object goes.
#[derive(Debug)]
pub struct Lent<V> {
    items: Vec<(u64, V)>,
}

impl<V> Default for Lent<V> {
    fn default() -> Self {
        Lent { items: Vec::new() }
    }
}

impl<V> Lent<V> {
    /// The value lent for `key` that `fits` (e.g. shows the current text), if any.
    pub fn find(&self, key: u64, fits: impl Fn(&V) -> bool) -> Option<&V> {
        self.items
            .iter()
            .find(|(k, v)| *k == key && fits(v))
            .map(|(_, v)| v)
    }

    /// As [`Lent::find`], for changing the value in place.
    pub fn find_mut(&mut self, key: u64, fits: impl Fn(&V) -> bool) -> Option<&mut V> {
        self.items
            .iter_mut()
            .find(|(k, v)| *k == key && fits(v))
            .map(|(_, v)| v)
    }

    /// Lends `v` for `key` in place of what was lent for it before (which is dropped).
    pub fn lend(&mut self, key: u64, v: V) {
        self.forget(key);
        self.items.push((key, v));
    }

    /// Drops what was lent for `key` (the attribute changed; libnl frees the old value too).
    pub fn forget(&mut self, key: u64) {
        self.items.retain(|(k, _)| *k != key);
    }
}

/// A getter's rule: `f(value)` when attribute `bit` is present, else `unset`.
pub fn get_attr<T: ObjectType, R>(v: &T, bit: u64, unset: R, f: impl FnOnce(&T) -> R) -> R {
    if v.mask() & bit != 0 { f(v) } else { unset }
}

/// A setter's rule: `f(value)`, then attribute `bit` is present.
pub fn set_attr<T: ObjectType>(v: &mut T, bit: u64, f: impl FnOnce(&mut T)) {
    f(v);
    *v.mask_mut() |= bit;
}

/// One attribute of an object type: its presence bit, the name libnl prints for it, and how
/// two values are compared.
pub struct AttrDesc<T> {
    /// The `*_ATTR_*` presence bit.
    pub bit: u64,
    /// The name `oo_attrs2str` prints.
    pub name: &'static str,
    /// Whether two present values differ (`flags` as passed to `oo_compare`); `None` when libnl
    /// does not compare this attribute.
    pub differs: Option<fn(&T, &T, i32) -> bool>,
}

/// An object type defined in Rust.
///
/// The value carries its attribute-presence mask ([`ObjectType::mask`]); getters of unset
/// attributes are the FFI layer's business (they follow libnl per accessor).
pub trait ObjectType: Clone + Default + Send + 'static {
    /// libnl's type name (`oo_name`), e.g. `"genl/family"`.
    const NAME: &'static str;
    /// The identity attributes of every object (`oo_id_attrs`; 0 for none).
    const ID_ATTRS: u64;
    /// Whether identity depends on the object ([`ObjectType::id_attrs`], libnl's
    /// `oo_id_attrs_get`).
    const PER_OBJECT_ID_ATTRS: bool = false;
    /// Whether libnl's type names its attributes (`oo_attrs2str`).
    const HAS_ATTRS2STR: bool = true;
    /// Whether the type merges objects ([`ObjectType::update`], `oo_update`).
    const HAS_UPDATE: bool = false;
    /// Whether the type hashes objects ([`ObjectType::keygen`], `oo_keygen`): caches of it get
    /// a hash index.
    const HAS_KEYGEN: bool = false;
    /// Which dump types print something: `[LINE, DETAILS, STATS]` (`oo_dump[]` entries).
    const DUMPS: [bool; 3] = [true, true, true];

    /// The attribute table (compare and `attrs2str` follow from it).
    fn attrs() -> &'static [AttrDesc<Self>];
    /// The presence mask.
    fn mask(&self) -> u64;
    /// The presence mask, writable.
    fn mask_mut(&mut self) -> &mut u64;

    /// Per-object identity attributes (used when [`ObjectType::PER_OBJECT_ID_ATTRS`]).
    fn id_attrs(&self) -> u64 {
        Self::ID_ATTRS
    }
    /// `oo_compare`: the attributes among `attrs` in which `self` and `other` differ.
    fn compare(&self, other: &Self, attrs: u64, flags: i32) -> u64 {
        compare(self, other, attrs, flags)
    }
    /// `oo_keygen`: the bucket of this object in a table of `table_size` buckets.
    fn keygen(&self, _table_size: u32) -> u32 {
        0
    }
    /// `oo_update`: merges `src` into `self`; `Err` leaves the objects as they were.
    fn update(&mut self, _src: &Self) -> Result<()> {
        Err(Error::OpNotSupp)
    }
    /// `oo_dump[ty]`: writes the object's text.
    fn dump(&self, ty: DumpType, out: &mut dyn DumpOut);
}

/// The table-driven compare: [`attr_diff`] for every attribute of the table that has a value
/// comparison, with both objects' presence masks.
pub fn compare<T: ObjectType>(a: &T, b: &T, attrs: u64, flags: i32) -> u64 {
    let (ma, mb) = (a.mask(), b.mask());
    T::attrs()
        .iter()
        .filter_map(|d| d.differs.map(|f| (d.bit, f)))
        .fold(0, |diff, (bit, f)| {
            diff | attr_diff(attrs, bit, ma, mb, || f(a, b, flags))
        })
}

/// `oo_attrs2str`: the names of the attribute bits in `attrs`, as libnl's `__flags2str` over
/// the type's table, cut to fit a buffer of `len` bytes.
pub fn attrs2str<T: ObjectType>(attrs: i32, len: usize) -> Vec<u8> {
    trans::flags2str(
        attrs,
        len,
        T::attrs().iter().map(|d| (d.bit, Some(d.name.as_bytes()))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_folding() {
        assert_eq!(fold_diff(0), 0);
        assert_eq!(fold_diff(5), 5);
        assert_eq!(fold_diff(1 << 40), 1 << 31);
        assert_eq!(fold_diff(u64::MAX), u32::MAX);
    }

    #[test]
    fn identity() {
        assert_eq!(identity_attrs(Some(3), 0xff, 0xf3), Some(3));
        assert_eq!(identity_attrs(Some(3), 0xff, 0xf1), None);
        assert_eq!(identity_attrs(None, 0xff, 0xf0), None);
        assert_eq!(
            identity_attrs(None, 1 << 40 | 7, 1 << 40 | 7),
            Some(1 << 40 | 7)
        );
        assert_eq!(identity_attrs(Some(0), 0, 5), Some(0));
    }

    #[test]
    fn id_attr_bits() {
        assert_eq!(IdAttrs::PerObject(6).bits(), 6);
        assert_eq!(IdAttrs::Type(1).bits(), 1);
        assert_eq!(IdAttrs::None.bits(), 0);
    }

    #[test]
    fn attribute_rule() {
        // Present in one only: differs, whatever the values.
        assert_eq!(attr_diff(!0, 4, 4, 0, || false), 4);
        assert_eq!(attr_diff(!0, 4, 0, 4, || false), 4);
        // Absent in both: equal, the values are not looked at.
        assert_eq!(attr_diff(!0, 4, 0, 0, || panic!("not evaluated")), 0);
        // Present in both: the values decide.
        assert_eq!(attr_diff(!0, 4, 4, 4, || true), 4);
        assert_eq!(attr_diff(!0, 4, 4, 4, || false), 0);
        // Not requested.
        assert_eq!(attr_diff(3, 4, 4, 0, || true), 0);
    }

    #[derive(Clone, Default)]
    struct T2 {
        mask: u64,
        a: u32,
        b: u32,
    }

    const T2_ATTRS: &[AttrDesc<T2>] = &[
        AttrDesc {
            bit: 1,
            name: "a",
            differs: Some(|x, y, _| x.a != y.a),
        },
        AttrDesc {
            bit: 2,
            name: "b",
            differs: None,
        },
    ];

    impl ObjectType for T2 {
        const NAME: &'static str = "test/t2";
        const ID_ATTRS: u64 = 1;
        fn attrs() -> &'static [AttrDesc<Self>] {
            T2_ATTRS
        }
        fn mask(&self) -> u64 {
            self.mask
        }
        fn mask_mut(&mut self) -> &mut u64 {
            &mut self.mask
        }
        fn dump(&self, _ty: DumpType, out: &mut dyn DumpOut) {
            out.text(&format!("a {} b {}\n", self.a, self.b));
        }
    }

    #[test]
    fn lent_values_follow_their_attribute() {
        let mut l: Lent<String> = Lent::default();
        assert!(l.find(1, |_| true).is_none());
        l.lend(1, "a".into());
        l.lend(2, "b".into());
        assert_eq!(l.find(1, |v| v == "a").map(String::as_str), Some("a"));
        assert!(l.find(1, |v| v == "b").is_none());
        l.lend(1, "c".into());
        assert_eq!(l.find(1, |_| true).map(String::as_str), Some("c"));
        l.forget(1);
        assert!(l.find(1, |_| true).is_none());
        assert_eq!(l.find(2, |_| true).map(String::as_str), Some("b"));
    }

    #[test]
    fn accessor_rules() {
        let mut x = T2 {
            mask: 1,
            a: 4,
            b: 5,
        };
        assert_eq!(get_attr(&x, 1, 0, |v| v.a), 4);
        assert_eq!(get_attr(&x, 2, 0, |v| v.b), 0);
        set_attr(&mut x, 2, |v| v.b = 9);
        assert_eq!((x.mask, get_attr(&x, 2, 0, |v| v.b)), (3, 9));
    }

    #[test]
    fn table_compare_and_names() {
        let x = T2 {
            mask: 1,
            a: 0,
            b: 1,
        };
        let y = T2::default();
        assert_eq!(compare(&x, &y, !0, 0), 1);
        let y = T2 {
            mask: 3,
            a: 0,
            b: 9,
        };
        // b is never compared, a is equal.
        assert_eq!(compare(&x, &y, !0, 0), 0);
        assert_eq!(attrs2str::<T2>(3, 64), b"a,b");
        assert_eq!(attrs2str::<T2>(3, 2), b"a");
        let mut d = DumpText::default();
        x.dump(DumpType::Line, &mut d);
        assert_eq!(d.out, "a 0 b 1\n");
        assert_eq!(DumpType::from_c(3), None);
        assert_eq!(DumpType::from_c(1), Some(DumpType::Details));
    }

    /// A mock object handle: index into a table of (type, mask, id attrs, values).
    #[derive(Clone, Copy, PartialEq, Eq)]
    struct M(usize);
    const OBJS: &[(u8, u64, IdAttrs, u32)] = &[
        (0, 1, IdAttrs::Type(1), 5),
        (0, 1, IdAttrs::Type(1), 5),
        (0, 0, IdAttrs::Type(1), 5),
        (1, 1, IdAttrs::Type(1), 5),
        (0, 3, IdAttrs::None, 7),
        (0, 3, IdAttrs::None, 7),
        (0, 1, IdAttrs::PerObject(1), 7),
        (0, 1, IdAttrs::PerObject(3), 7),
    ];
    impl ObjRef for M {
        fn same_type(self, o: Self) -> bool {
            OBJS[self.0].0 == OBJS[o.0].0
        }
        fn mask(self) -> u64 {
            OBJS[self.0].1
        }
        fn id_attrs(self) -> IdAttrs {
            OBJS[self.0].2
        }
        fn compare(self, o: Self, attrs: u64, _f: i32) -> Option<u64> {
            (OBJS[self.0].0 == 0).then(|| {
                attr_diff(attrs, 1, self.mask(), o.mask(), || {
                    OBJS[self.0].3 != OBJS[o.0].3
                })
            })
        }
    }

    #[test]
    fn generic_rules() {
        assert!(identical(M(0), M(0)));
        assert!(identical(M(0), M(1)));
        assert!(!identical(M(0), M(2)));
        assert!(!identical(M(0), M(3)));
        assert!(identical(M(4), M(5)));
        assert!(!identical(M(6), M(7)));
        assert_eq!(diff64(M(0), M(3)), u64::MAX);
        assert_eq!(diff64(M(0), M(2)), 1);
        assert_eq!(diff64(M(3), M(3)), u64::MAX);
        assert!(match_filter(M(0), M(2)));
        assert!(!match_filter(M(2), M(0)));
        assert!(!match_filter(M(0), M(3)));
    }
}
