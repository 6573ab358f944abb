//! The generic adapter: any engine [`ObjectType`] as libnl's object type.
//!
//! A Rust-defined object is an ordinary libnl object block (the 56-byte header, so the core
//! and C plug-ins treat it like any other) whose one type-owned field is a pointer to a boxed
//! [`Slot`]: the engine value (attributes and presence mask together) and what the object has
//! lent to C ([`Lent`]). [`object_ops`] builds the type's `nl_object_ops` from the trait, with
//! generic trampolines; [`FfiObject`] ties the engine type to that table so that
//! `cast` can refuse foreign objects (accessors then give their unset value). The header's `ce_mask`
//! mirrors the value's mask after every change made through here, so the core's generic rules
//! (identity, filters, `nl_object_attr_list`) see the truth.
//!
//! [`ffi_accessors!`](crate::ffi_accessors) derives the trivial C getters and setters from a
//! type's attribute table (see [`crate::engine::object::table`]).

use std::ffi::{CStr, CString, c_char, c_int};

use crate::engine::object::{self as eo, DumpOut, DumpType, Lookup, ObjectType};
use crate::error::Error;
use crate::ffi::handle::addr_block;
use crate::ffi::objhdr::{BOXED_OBJ_SIZE, Obj};
use crate::ffi::types::{nl_addr, nl_dump_params, nl_object, nl_object_ops};
use crate::sys::lock::Guarded;

/// An engine object type with its C type table.
pub trait FfiObject: ObjectType {
    /// The type's `nl_object_ops` (a `static` built with [`object_ops`]).
    fn ops() -> *mut nl_object_ops;
    /// Names the type's dumps need from registries above the adapter.
    fn lookup(_q: Lookup) -> Option<String> {
        None
    }
    /// As [`FfiObject::lookup`] for a dump of object `o` (link lookups look in the cache
    /// holding `o` first, as libnl does).
    fn lookup_for(_o: Obj, q: Lookup) -> Option<String> {
        Self::lookup(q)
    }
}

/// An address block lent to C by an object, which holds one reference on it until this value
/// is dropped.
pub struct LentAddr(*mut nl_addr);

impl Drop for LentAddr {
    fn drop(&mut self) {
        // SAFETY: an address block this object allocated and holds one reference to.
        unsafe { addr_block::release(self.0) };
    }
}

/// A data block lent to C by an object, freed when this value is dropped.
pub struct LentData(*mut crate::ffi::types::nl_data);

impl Drop for LentData {
    fn drop(&mut self) {
        // SAFETY: a data block this object allocated and owns.
        unsafe { crate::ffi::types::nl_data::release(self.0) };
    }
}

/// An object an object holds for C (a veth link's peer), one reference until this value is
/// dropped.
pub struct LentObj(Obj);

impl Drop for LentObj {
    fn drop(&mut self) {
        crate::ffi::object::put(self.0);
    }
}

/// What an object has handed to C and must keep alive (the engine's keyed [`eo::Lent`]):
/// strings, addresses, data blocks and objects returned by borrowed getters.
#[derive(Default)]
pub struct Lent {
    strings: eo::Lent<CString>,
    addrs: eo::Lent<LentAddr>,
    datas: eo::Lent<LentData>,
    objs: eo::Lent<LentObj>,
    words: eo::Lent<Box<[u32]>>,
}

impl Lent {
    /// Drops what was lent for `key` (the attribute changed; libnl frees the old value too).
    pub fn forget(&mut self, key: u64) {
        self.strings.forget(key);
        self.addrs.forget(key);
        self.datas.forget(key);
        self.objs.forget(key);
        self.words.forget(key);
    }
}

/// The boxed state of a Rust-defined object.
#[derive(Default)]
pub struct Slot<T> {
    /// The engine value.
    pub value: T,
    /// What C borrowed from it. Borrowing getters are reads for C (several threads may call
    /// them on one object at once), so the store they fill sits behind a lock (one of the
    /// shared ones of [`Guarded`]: objects are many, lending is rare).
    pub lent: Guarded<Lent>,
}

impl<T> Slot<T> {
    /// What was lent, for a caller with exclusive access to the slot.
    pub fn lent_mut(&mut self) -> &mut Lent {
        self.lent.get_mut()
    }
}

/// The `nl_object_ops` of `T`, named `name` (which must equal [`ObjectType::NAME`]).
pub const fn object_ops<T: FfiObject>(name: &'static CStr) -> nl_object_ops {
    nl_object_ops {
        oo_name: name.as_ptr().cast_mut(),
        oo_size: BOXED_OBJ_SIZE,
        oo_id_attrs: T::ID_ATTRS as u32,
        oo_constructor: None,
        oo_free_data: Some(tr_free::<T>),
        oo_clone: Some(tr_clone::<T>),
        oo_dump: [
            if T::DUMPS[0] {
                Some(tr_dump::<T, 0>)
            } else {
                None
            },
            if T::DUMPS[1] {
                Some(tr_dump::<T, 1>)
            } else {
                None
            },
            if T::DUMPS[2] {
                Some(tr_dump::<T, 2>)
            } else {
                None
            },
        ],
        oo_compare: Some(tr_compare::<T>),
        oo_update: if T::HAS_UPDATE {
            Some(tr_update::<T>)
        } else {
            None
        },
        oo_keygen: if T::HAS_KEYGEN {
            Some(tr_keygen::<T>)
        } else {
            None
        },
        oo_attrs2str: if T::HAS_ATTRS2STR {
            Some(tr_attrs2str::<T>)
        } else {
            None
        },
        oo_id_attrs_get: if T::PER_OBJECT_ID_ATTRS {
            Some(tr_id_attrs_get::<T>)
        } else {
            None
        },
    }
}

fn of<T: FfiObject>(p: *mut nl_object) -> Option<Obj> {
    // SAFETY: the core calls a type's callbacks with live objects of that type only.
    unsafe { Obj::from_ptr(p) }.filter(|o| o.ops_ptr() == T::ops())
}

/// Runs `f` on the value of `o` (a default value when the object was never written), then
/// mirrors the presence mask into the header.
pub fn with<T: FfiObject, R>(o: Obj, f: impl FnOnce(&mut Slot<T>) -> R) -> Option<R> {
    if o.ops_ptr() != T::ops() {
        return None;
    }
    // SAFETY: objects of T's ops keep NULL or a Box<Slot<T>> made here in the slot; no other
    // borrow of the box is live (trampolines and accessors do not nest).
    let (r, mask) = unsafe {
        o.with_boxed(|s: &mut Slot<T>| {
            let r = f(s);
            (r, s.value.mask())
        })
    }?;
    o.set_mask(mask);
    Some(r)
}

/// Runs `f` on the value of `o` as stored, read-only; `None` for an object never written (or
/// not of type `T`). For results that point into the value.
pub fn read_stored<T: FfiObject, R>(o: Obj, f: impl FnOnce(&T) -> R) -> Option<R> {
    if o.ops_ptr() != T::ops() {
        return None;
    }
    // SAFETY: as in `with`; only shared access is taken.
    unsafe { o.boxed_ref::<Slot<T>>() }.map(|s| f(&s.value))
}

/// Runs `f` on the value of `o` and its lent store (locked for the call), with shared access
/// to the slot only: what borrowing getters use, safe from several threads at once. `None`
/// for an object never written or not of type `T`.
fn read_lending<T: FfiObject, R>(o: Obj, f: impl FnOnce(&T, &mut Lent) -> R) -> Option<R> {
    if o.ops_ptr() != T::ops() {
        return None;
    }
    // SAFETY: as in `with`; only shared access is taken.
    let s = unsafe { o.boxed_ref::<Slot<T>>() }?;
    Some(s.lent.with(|lent| f(&s.value, lent)))
}

/// Runs `f` on the value of `o`, read-only (a default value when never written).
pub fn read<T: FfiObject, R>(o: Obj, f: impl FnOnce(&T) -> R) -> Option<R> {
    if o.ops_ptr() != T::ops() {
        return None;
    }
    // SAFETY: as in `with`; only shared access is taken.
    match unsafe { o.boxed_ref::<Slot<T>>() } {
        Some(s) => Some(f(&s.value)),
        None => Some(f(&T::default())),
    }
}

/// A new object of type `T` holding `value` (header mask mirrored), with one reference.
pub fn new<T: FfiObject>(value: T) -> Option<Obj> {
    // SAFETY: T's ops table is a static that outlives every object.
    let o = unsafe { crate::ffi::object::alloc(T::ops()) }?;
    let mask = value.mask();
    // SAFETY: a fresh object of T's type with an empty slot.
    unsafe {
        o.put_boxed(Some(Box::new(Slot {
            value,
            lent: Guarded::default(),
        })))
    };
    o.set_mask(mask);
    Some(o)
}

/// The object behind a C pointer of type `T` (`None` for NULL; a foreign object is logged and
/// refused).
pub(crate) fn cast<T: FfiObject>(p: *const nl_object) -> Option<Obj> {
    // SAFETY: every exported function's contract: p is NULL or a live object.
    let o = unsafe { Obj::from_const(p) }?;
    if o.ops_ptr() != T::ops() {
        crate::nl_dbg!(1, "object {:p} is not a {}\n", p, T::NAME);
        return None;
    }
    Some(o)
}

/// As [`cast`], with libnl's error codes for functions returning `int`: `Inval` for NULL,
/// `ObjMismatch` for an object of another type.
pub(crate) fn cast_checked<T: FfiObject>(p: *const nl_object) -> Result<Obj, Error> {
    if p.is_null() {
        return Err(Error::Inval);
    }
    cast::<T>(p).ok_or(Error::ObjMismatch)
}

/// A getter: `f(value)` when attribute `bit` is present, else `unset` (also for NULL or a
/// foreign object).
pub(crate) fn get<T: FfiObject, R: Copy>(
    p: *const nl_object,
    bit: u64,
    unset: R,
    f: impl FnOnce(&T) -> R,
) -> R {
    cast::<T>(p)
        .and_then(|o| read(o, |v: &T| eo::get_attr(v, bit, unset, f)))
        .unwrap_or(unset)
}

/// A setter: `f(value)`, then attribute `bit` is present (and what was lent for it dropped).
pub(crate) fn set<T: FfiObject>(p: *mut nl_object, bit: u64, f: impl FnOnce(&mut T)) {
    if let Some(o) = cast::<T>(p) {
        with(o, |s: &mut Slot<T>| {
            s.lent_mut().forget(bit);
            eo::set_attr(&mut s.value, bit, f);
        });
    }
}

/// Lends C a NUL-terminated copy of `text` for attribute `key`, kept until the attribute
/// changes or the object is freed. NULL for text containing a NUL or an object never written.
/// A read: threads asking at once for the same attribute get the same string.
pub fn lend_str<T: FfiObject>(o: Obj, key: u64, text: &[u8]) -> *const c_char {
    read_lending(o, |_: &T, lent| {
        if let Some(c) = lent.strings.find(key, |c| c.as_bytes() == text) {
            return c.as_ptr();
        }
        lent.strings.forget(key);
        let Ok(c) = CString::new(text) else {
            return std::ptr::null();
        };
        // The string's bytes stay where they are when the CString moves into the store.
        let p = c.as_ptr();
        lent.strings.lend(key, c);
        p
    })
    .unwrap_or(std::ptr::null())
}

/// Lends C an address block for attribute `key` made by `make` once, kept until the attribute
/// changes or the object is freed (libnl's getters return the object's own `nl_addr`).
pub fn lend_addr<T: FfiObject>(
    o: Obj,
    key: u64,
    make: impl FnOnce(&T) -> Option<crate::engine::addr::Addr>,
) -> *mut nl_addr {
    read_lending(o, |v: &T, lent| {
        if let Some(a) = lent.addrs.find(key, |_| true) {
            return a.0;
        }
        let Some(addr) = make(v) else {
            return std::ptr::null_mut();
        };
        let a = addr_block::from_addr(&addr);
        if !a.is_null() {
            lent.addrs.lend(key, LentAddr(a));
        }
        a
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Lends C a data block (`struct nl_data`) for attribute `key` holding what `make` gives, made
/// once and kept until the attribute changes or the object is freed (libnl's getters return
/// the object's own `nl_data`).
pub fn lend_data<T: FfiObject>(
    o: Obj,
    key: u64,
    make: impl FnOnce(&T) -> Option<Vec<u8>>,
) -> *mut crate::ffi::types::nl_data {
    read_lending(o, |v: &T, lent| {
        if let Some(d) = lent.datas.find(key, |_| true) {
            return d.0;
        }
        let Some(bytes) = make(v) else {
            return std::ptr::null_mut();
        };
        let d = crate::engine::data::Data::new(Some(&bytes), bytes.len())
            .map_or(std::ptr::null_mut(), crate::ffi::types::nl_data::new);
        if !d.is_null() {
            lent.datas.lend(key, LentData(d));
        }
        d
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Lends C an array of 32-bit words for `key` holding `words` (libnl's getters of arrays
/// inside the object: a vlan link's QoS maps). The array lent before for `key` is refreshed in
/// place when its length fits, so C's pointer stays valid across calls as in libnl; NULL for
/// an object never written.
pub fn lend_words<T: FfiObject>(o: Obj, key: u64, words: &[u32]) -> *mut u32 {
    read_lending(o, |_: &T, lent| {
        if let Some(b) = lent.words.find_mut(key, |b| b.len() == words.len()) {
            b.copy_from_slice(words);
            return b.as_mut_ptr();
        }
        let mut b: Box<[u32]> = words.into();
        // The heap array stays where it is when the box moves into the store.
        let p = b.as_mut_ptr();
        lent.words.lend(key, b);
        p
    })
    .unwrap_or(std::ptr::null_mut())
}

/// The object lent for attribute `key` of `o`, made from the value by `make` the first time
/// (a new object of type `U` the lender holds one reference to); `None` when `make` gives
/// nothing. C changes the lent object in place; [`read_with_lent`] shows it to the owner.
pub fn lend_obj<T: FfiObject, U: FfiObject>(
    o: Obj,
    key: u64,
    make: impl FnOnce(&T) -> Option<U>,
) -> Option<Obj> {
    read_lending(o, |v: &T, lent| {
        if let Some(l) = lent.objs.find(key, |_| true) {
            return Some(l.0);
        }
        let obj = new(make(v)?)?;
        lent.objs.lend(key, LentObj(obj));
        Some(obj)
    })
    .flatten()
}

/// Runs `f` on the value of `o` and the object lent for `key`, if any (read-only both).
pub fn read_with_lent<T: FfiObject, R>(
    o: Obj,
    key: u64,
    f: impl FnOnce(&T, Option<Obj>) -> R,
) -> Option<R> {
    read_lending(o, |v: &T, lent| {
        let l = lent.objs.find(key, |_| true).map(|l| l.0);
        f(v, l)
    })
}

// ---- the trampolines ----

unsafe extern "C" fn tr_free<T: FfiObject>(o: *mut nl_object) {
    if let Some(o) = of::<T>(o) {
        // SAFETY: objects of T's type keep NULL or a Box<Slot<T>> in the slot.
        drop(unsafe { o.take_boxed::<Slot<T>>() });
    }
}

unsafe extern "C" fn tr_clone<T: FfiObject>(dst: *mut nl_object, src: *mut nl_object) -> c_int {
    let (Some(d), Some(s)) = (of::<T>(dst), of::<T>(src)) else {
        return Error::Inval.to_nle();
    };
    let copy = read(s, T::clone).unwrap_or_default();
    let mask = copy.mask();
    // SAFETY: the core's byte copy left dst's slot pointing at src's box (or NULL); it is
    // replaced without being released. Nothing lent by src is shared with the copy.
    unsafe {
        d.put_boxed(Some(Box::new(Slot {
            value: copy,
            lent: Guarded::default(),
        })))
    };
    d.set_mask(mask);
    0
}

/// [`DumpOut`] over a C `nl_dump_params`.
struct CDump<T> {
    p: *mut nl_dump_params,
    /// The object dumped.
    o: Obj,
    _t: std::marker::PhantomData<T>,
}

impl<T: FfiObject> DumpOut for CDump<T> {
    fn text(&mut self, text: &str) {
        // SAFETY: dump callbacks receive the caller's valid parameter block.
        unsafe { crate::ffi::utils::dump_text(self.p, text.as_bytes(), false) }
    }
    fn line(&mut self, text: &str) {
        // SAFETY: as above.
        unsafe { crate::ffi::utils::dump_text(self.p, text.as_bytes(), true) }
    }
    fn lookup(&self, q: Lookup) -> Option<String> {
        T::lookup_for(self.o, q)
    }
}

unsafe extern "C" fn tr_dump<T: FfiObject, const TY: i32>(
    o: *mut nl_object,
    p: *mut nl_dump_params,
) {
    let (Some(o), Some(ty)) = (of::<T>(o), DumpType::from_c(TY)) else {
        return;
    };
    // The value is cloned so that no borrow of the box is live while C code (dp_cb) runs.
    let Some(v) = read(o, T::clone) else {
        return;
    };
    v.dump(
        ty,
        &mut CDump::<T> {
            p,
            o,
            _t: std::marker::PhantomData,
        },
    );
}

unsafe extern "C" fn tr_compare<T: FfiObject>(
    a: *mut nl_object,
    b: *mut nl_object,
    attrs: u64,
    flags: c_int,
) -> u64 {
    let (Some(a), Some(b)) = (of::<T>(a), of::<T>(b)) else {
        return 0;
    };
    read(a, |x: &T| read(b, |y: &T| x.compare(y, attrs, flags)))
        .flatten()
        .unwrap_or(0)
}

unsafe extern "C" fn tr_update<T: FfiObject>(dst: *mut nl_object, src: *mut nl_object) -> c_int {
    let (Some(d), Some(s)) = (of::<T>(dst), of::<T>(src)) else {
        return Error::Inval.to_nle();
    };
    if d == s {
        return 0;
    }
    let Some(sv) = read(s, T::clone) else {
        return Error::Inval.to_nle();
    };
    match with(d, |slot: &mut Slot<T>| slot.value.update(&sv)) {
        Some(Ok(())) => 0,
        Some(Err(e)) => e.to_nle(),
        None => Error::Inval.to_nle(),
    }
}

unsafe extern "C" fn tr_keygen<T: FfiObject>(o: *mut nl_object, key: *mut u32, size: u32) {
    let k = of::<T>(o)
        .and_then(|o| read(o, |v: &T| v.keygen(size)))
        .unwrap_or(0);
    // SAFETY: the core passes a writable key.
    unsafe { crate::ffi::ptr::write_out(key, k) };
}

unsafe extern "C" fn tr_attrs2str<T: FfiObject>(
    attrs: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    let text = eo::attrs2str::<T>(attrs, len);
    // SAFETY: the core passes the caller's buffer of len bytes; libnl clears it first.
    unsafe {
        crate::ffi::objhdr::zero_buf(buf, len);
        crate::ffi::ptr::write_cbuf(buf, len, &text)
    }
}

unsafe extern "C" fn tr_id_attrs_get<T: FfiObject>(o: *mut nl_object) -> u32 {
    of::<T>(o)
        .and_then(|o| read(o, |v: &T| v.id_attrs() as u32))
        .unwrap_or(0)
}

/// Derives the trivial C accessors of an object type from its attribute table rows (the
/// callback of the type's table macro): for each row with `get(name -> CType, unset)` an
/// `extern "C" fn name(obj) -> CType` returning the field (converted with `as`, libnl's C
/// conversion) when the attribute is present and `unset` otherwise; for each row with
/// `set(name(CType))` an `extern "C" fn name(obj, value)` storing it and marking the attribute
/// present. `$cty` is the C object type the functions take. Also defines
/// `ACCESSOR_PROTOTYPES`, the C prototypes of what it generated, which `tests/abi.rs` compiles
/// against the headers.
#[macro_export]
macro_rules! ffi_accessors {
    ([$cty:ident] $t:ty {
        $( $bit:ident = $val:expr, $name:literal, $field:ident, cmp $cmp:ident
           $(, nla($nla:expr, $codec:ident))?
           $(, get($cget:ident -> $cgt:ty, $unset:expr))?
           $(, set($cset:ident($cst:ty)))? ; )*
    }) => {
        $(
            $(
                #[doc = concat!("`", stringify!($cget), "`: the ", $name, " attribute.")]
                #[doc = ""]
                #[doc = "# Returns"]
                #[doc = concat!("The value; `", stringify!($unset), "` when unset, for NULL or a foreign object.")]
                #[doc = "# Ownership"]
                #[doc = "None."]
                #[doc = "# Safety"]
                #[doc = "The object is NULL or live."]
                #[unsafe(no_mangle)]
                #[allow(clippy::unnecessary_cast)]
                pub unsafe extern "C" fn $cget(obj: *mut $cty) -> $cgt {
                    $crate::ffi_entry!(stringify!($cget), {
                        $crate::ffi::objtype::get::<$t, $cgt>(
                            obj.cast(),
                            <$t>::$bit,
                            $unset,
                            |v| v.$field as $cgt,
                        )
                    })
                }
            )?
            $(
                #[doc = concat!("`", stringify!($cset), "`: sets the ", $name, " attribute.")]
                #[doc = ""]
                #[doc = "# Returns"]
                #[doc = "Nothing (NULL or a foreign object is ignored)."]
                #[doc = "# Ownership"]
                #[doc = "None."]
                #[doc = "# Safety"]
                #[doc = "The object is NULL or live."]
                #[unsafe(no_mangle)]
                #[allow(clippy::unnecessary_cast)]
                pub unsafe extern "C" fn $cset(obj: *mut $cty, value: $cst) {
                    $crate::ffi_entry!(stringify!($cset), {
                        $crate::ffi::objtype::set::<$t>(obj.cast(), <$t>::$bit, |v| {
                            v.$field = value as _
                        })
                    })
                }
            )?
        )*
        /// The C prototypes of the accessors generated here (Rust type names), checked
        /// against the headers by `tests/abi.rs`.
        pub const ACCESSOR_PROTOTYPES: &[&str] = &[$(
            $(concat!(stringify!($cgt), " ", stringify!($cget), "(", stringify!($cty), ")"),)?
            $(concat!("void ", stringify!($cset), "(", stringify!($cty), ", ", stringify!($cst), ")"),)?
        )*];
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::object::{AttrDesc, DumpOut};
    use crate::ffi::types::CStatic;

    #[derive(Clone, Default, Debug, PartialEq)]
    struct Thing {
        mask: u64,
        id: u32,
        label: Vec<u8>,
        hits: u32,
    }

    const THING_ATTRS: &[AttrDesc<Thing>] = &[
        AttrDesc {
            bit: 1,
            name: "id",
            differs: Some(|a, b, _| a.id != b.id),
        },
        AttrDesc {
            bit: 2,
            name: "label",
            differs: Some(|a, b, _| a.label != b.label),
        },
    ];

    impl ObjectType for Thing {
        const NAME: &'static str = "test/thing";
        const ID_ATTRS: u64 = 1;
        const HAS_UPDATE: bool = true;
        const HAS_KEYGEN: bool = true;
        const DUMPS: [bool; 3] = [true, false, false];
        fn attrs() -> &'static [AttrDesc<Self>] {
            THING_ATTRS
        }
        fn mask(&self) -> u64 {
            self.mask
        }
        fn mask_mut(&mut self) -> &mut u64 {
            &mut self.mask
        }
        fn keygen(&self, size: u32) -> u32 {
            self.id % size.max(1)
        }
        fn update(&mut self, src: &Self) -> crate::error::Result<()> {
            if src.id != self.id {
                return Err(Error::Inval);
            }
            self.hits += src.hits;
            Ok(())
        }
        fn dump(&self, _ty: DumpType, out: &mut dyn DumpOut) {
            out.text(&format!("thing {}", self.id));
            out.line(&format!(" hits {}\n", self.hits));
        }
    }

    static THING_OPS: CStatic<nl_object_ops> = CStatic::new(object_ops::<Thing>(c"test/thing"));

    impl FfiObject for Thing {
        fn ops() -> *mut nl_object_ops {
            THING_OPS.as_ptr()
        }
    }

    fn ops() -> &'static nl_object_ops {
        // SAFETY: a static table.
        unsafe { &*THING_OPS.as_ptr() }
    }

    #[test]
    fn table_follows_the_trait() {
        let o = ops();
        assert_eq!(o.oo_id_attrs, 1);
        assert!(o.oo_update.is_some() && o.oo_keygen.is_some() && o.oo_attrs2str.is_some());
        assert!(o.oo_dump[0].is_some() && o.oo_dump[1].is_none() && o.oo_dump[2].is_none());
        assert!(o.oo_id_attrs_get.is_none() && o.oo_constructor.is_none());
        assert_eq!(o.oo_size, BOXED_OBJ_SIZE);
    }

    #[test]
    fn values_masks_and_trampolines() {
        let a = new(Thing {
            mask: 1,
            id: 7,
            ..Thing::default()
        })
        .unwrap();
        assert_eq!(a.mask(), 1);
        let p = a.as_ptr();
        assert_eq!(cast::<Thing>(p), Some(a));
        assert_eq!(get::<Thing, u32>(p, 1, 99, |v| v.id), 7);
        assert_eq!(get::<Thing, u32>(p, 2, 99, |v| v.id), 99);
        set::<Thing>(p, 2, |v| v.label = b"x".to_vec());
        assert_eq!(a.mask(), 3);
        let b = crate::ffi::object::clone(a).unwrap();
        assert_eq!(b.mask(), 3);
        assert_eq!(read(b, |v: &Thing| v.label.clone()), Some(b"x".to_vec()));
        assert_eq!(crate::engine::object::diff64(a, b), 0);
        set::<Thing>(b.as_ptr(), 2, |v| v.label = b"y".to_vec());
        assert_eq!(crate::engine::object::diff64(a, b), 2);
        assert!(crate::engine::object::identical(a, b));
        assert_eq!(a.call_keygen(4), Some(3));
        with(b, |s: &mut Slot<Thing>| s.value.hits = 5);
        assert_eq!(crate::ffi::object::update(a, b), 0);
        assert_eq!(read(a, |v: &Thing| v.hits), Some(5));
        let mut buf = [0 as c_char; 16];
        // SAFETY: a live buffer of its length.
        let r = unsafe { tr_attrs2str::<Thing>(3, buf.as_mut_ptr(), buf.len()) };
        // SAFETY: tr_attrs2str NUL-terminates within the buffer.
        assert_eq!(unsafe { CStr::from_ptr(r) }.to_bytes(), b"id,label");
        let mut text = [0 as c_char; 64];
        let mut dp = nl_dump_params {
            dp_buf: text.as_mut_ptr(),
            dp_buflen: text.len(),
            ..nl_dump_params::zeroed()
        };
        // SAFETY: live object and parameter block with its buffer.
        unsafe { crate::ffi::object::dump_one(a, &mut dp) };
        // SAFETY: the dump NUL-terminates within the buffer.
        let out = unsafe { CStr::from_ptr(text.as_ptr()) };
        assert_eq!(out.to_bytes(), b"thing 7 hits 5\n");
        crate::ffi::object::put(a);
        crate::ffi::object::put(b);
    }

    #[test]
    fn foreign_objects_are_refused() {
        // A C-defined type without callbacks: the header and 8 bytes of its own.
        static PLAIN: CStatic<nl_object_ops> = CStatic::new(nl_object_ops {
            oo_name: c"test/plain".as_ptr().cast_mut(),
            oo_size: BOXED_OBJ_SIZE,
            oo_id_attrs: 0,
            oo_constructor: None,
            oo_free_data: None,
            oo_clone: None,
            oo_dump: [None; 3],
            oo_compare: None,
            oo_update: None,
            oo_keygen: None,
            oo_attrs2str: None,
            oo_id_attrs_get: None,
        });
        // SAFETY: a static table.
        let f = unsafe { crate::ffi::object::alloc(PLAIN.as_ptr()) }.unwrap();
        assert_eq!(cast::<Thing>(f.as_ptr()), None);
        assert_eq!(cast_checked::<Thing>(f.as_ptr()), Err(Error::ObjMismatch));
        assert_eq!(cast_checked::<Thing>(std::ptr::null()), Err(Error::Inval));
        assert_eq!(get::<Thing, u32>(f.as_ptr(), 0, 42, |v| v.id), 42);
        set::<Thing>(f.as_ptr(), 1, |v| v.id = 1);
        assert_eq!(f.mask(), 0);
        crate::ffi::object::put(f);
    }

    #[test]
    fn lent_strings_and_addresses_live_until_the_attribute_changes() {
        let a = new(Thing::default()).unwrap();
        let s1 = lend_str::<Thing>(a, 2, b"eth0");
        // SAFETY: lent strings are NUL-terminated and live while lent.
        assert_eq!(unsafe { CStr::from_ptr(s1) }.to_bytes(), b"eth0");
        assert_eq!(lend_str::<Thing>(a, 2, b"eth0"), s1);
        assert!(lend_str::<Thing>(a, 2, b"a\0b").is_null());
        let addr = crate::engine::addr::Addr::build(libc::AF_INET, &[10, 0, 0, 1]);
        let p1 = lend_addr::<Thing>(a, 4, |_| Some(addr.clone()));
        assert!(!p1.is_null());
        assert_eq!(lend_addr::<Thing>(a, 4, |_| None), p1);
        // SAFETY: p1 is a live address block lent by the object.
        unsafe { addr_block::acquire(p1) };
        set::<Thing>(a.as_ptr(), 4, |_| {});
        // The object dropped its reference; ours keeps the block alive.
        // SAFETY: as above.
        assert_eq!(unsafe { addr_block::refcnt(p1) }, 1);
        // SAFETY: our reference.
        unsafe { addr_block::release(p1) };
        assert!(lend_addr::<Thing>(a, 4, |_| None).is_null());
        let _ = lend_addr::<Thing>(a, 8, |_| Some(addr.clone()));
        crate::ffi::object::put(a);
    }

    #[test]
    fn threads_borrowing_one_attribute_get_one_string_and_one_address() {
        let a = new(Thing::default()).unwrap();
        let addr = crate::engine::addr::Addr::build(libc::AF_INET, &[10, 0, 0, 1]);
        // Raw pointers are not Send: the threads get the object's address.
        let (at, results) = (a.as_ptr() as usize, std::sync::Mutex::new(Vec::new()));
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    // SAFETY: the object lives until every thread has been joined.
                    let o = unsafe { Obj::from_ptr(at as *mut nl_object) }.unwrap();
                    let mut seen = Vec::new();
                    for _ in 0..1000 {
                        let s = lend_str::<Thing>(o, 2, b"eth0") as usize;
                        let p = lend_addr::<Thing>(o, 4, |_| Some(addr.clone())) as usize;
                        seen.push((s, p));
                    }
                    results.lock().unwrap().extend(seen);
                });
            }
        });
        let r = results.into_inner().unwrap();
        assert_eq!(r.len(), 4000);
        assert!(r.iter().all(|x| *x == r[0] && x.0 != 0 && x.1 != 0));
        crate::ffi::object::put(a);
    }
}
