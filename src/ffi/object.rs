//! `netlink/object.h`: generic cache objects.
//!
//! An object is a C-layout block: libnl's 56-byte header ([`nl_object`]) followed by the
//! type's own fields, `oo_size` bytes in all, allocated with `calloc` and dispatched through
//! the type's [`nl_object_ops`] exactly as libnl 3.7 does (see `plugin-abi.md` §1.2 for which
//! callback gets which arguments). Raw memory access is in [`crate::ffi::objhdr`]; the rules
//! (lifecycle, identity, difference, filters) are the engine's ([`crate::engine::object`] and
//! its `life` module), which this file gives its view of the blocks ([`Block`], [`Kind`],
//! [`ObjRef`]). Safe handling where libnl aborts or crashes is tagged `libnl-compat:`.

use std::ffi::{c_char, c_int};

use crate::engine::object::life::{self, Block, Kind};
use crate::engine::object::{self as eo, IdAttrs, ObjRef, fold_diff};
use crate::error::Error;
use crate::ffi::objhdr::{self, Obj};
use crate::ffi::types::{
    NL_OBJ_MARK, NL_OBJECT_HDR_SIZE, nl_cache, nl_dump_params, nl_object, nl_object_ops,
};
use crate::ffi_entry;

// ---- the core's view of object blocks for the engine's rules ----

/// Rust callers allocate, reference and clone objects through the engine's lifecycle.
pub use crate::engine::object::life::{clone, free, get, put};

const _: () = assert!(NL_OBJECT_HDR_SIZE == life::OBJECT_HDR_SIZE);

/// Allocates an object of type `ops` and runs its constructor ([`life::alloc`]). `None` on
/// NULL ops, an `oo_size` below the header size or out of memory.
///
/// # Safety
/// `ops` is NULL or a valid object type outliving the object.
pub unsafe fn alloc(ops: *mut nl_object_ops) -> Option<Obj> {
    // SAFETY: caller contract: NULL or a valid table outliving its objects.
    unsafe { ops.as_ref() }.and_then(life::alloc)
}

/// An object type table (the caller's, valid while objects of it live) as the engine's
/// lifecycle sees it.
impl Kind for &'static nl_object_ops {
    type Obj = Obj;
    fn size(self) -> usize {
        self.oo_size
    }
    fn has_free_data(self) -> bool {
        self.oo_free_data.is_some()
    }
    fn calloc(self) -> Option<Obj> {
        // SAFETY: a valid type table that outlives its objects (how it was obtained).
        unsafe { Obj::alloc(std::ptr::from_ref(self).cast_mut()) }
    }
}

/// The object header as the engine's lifecycle sees it.
impl Block for Obj {
    type Kind = &'static nl_object_ops;
    fn kind(self) -> Option<Self::Kind> {
        self.ops()
    }
    fn refcnt(self) -> c_int {
        Obj::refcnt(self)
    }
    fn ref_add(self) -> c_int {
        Obj::ref_add(self)
    }
    fn ref_drop(self) -> c_int {
        Obj::ref_drop(self)
    }
    fn in_cache(self) -> bool {
        !self.cache_ptr().is_null()
    }
    fn leave_cache(self) {
        crate::ffi::objindex::detach(self)
    }
    fn construct(self) {
        self.call_constructor()
    }
    fn free_data(self) {
        self.call_free_data()
    }
    fn copy_from(self, src: Obj) {
        self.set_msgtype(src.msgtype());
        self.set_mask(src.mask());
        if let Some(ops) = src.ops() {
            self.copy_payload_from(src, ops.oo_size);
        }
    }
    fn clone_from(self, src: Obj) -> Option<c_int> {
        self.call_clone(src)
    }
    fn release(self) {
        // SAFETY: the lifecycle releases a block once, when nothing refers to it any more
        // (freed, or a refused clone not handed out).
        unsafe { self.release_block() }
    }
}

/// The core's view of an object block for the engine's object rules (identity, difference,
/// filters) and cache algorithms.
impl ObjRef for Obj {
    fn same_type(self, other: Obj) -> bool {
        self.ops_ptr() == other.ops_ptr()
    }
    fn mask(self) -> u64 {
        Obj::mask(self)
    }
    fn id_attrs(self) -> IdAttrs {
        if let Some(v) = self.call_id_attrs_get() {
            return IdAttrs::PerObject(u64::from(v));
        }
        match self.ops().map_or(0, |ops| ops.oo_id_attrs) {
            0 => IdAttrs::None,
            x => IdAttrs::Type(u64::from(x)),
        }
    }
    fn compare(self, other: Obj, attrs: u64, flags: c_int) -> Option<u64> {
        self.call_compare(other, attrs, flags)
    }
}

/// `oo_update(dst, src)`, `-NLE_OPNOTSUPP` without it.
pub fn update(dst: Obj, src: Obj) -> c_int {
    dst.call_update(src)
        .unwrap_or(-crate::ffi::types::NLE_OPNOTSUPP)
}

/// Calls the type's dump callback for `params.dp_type` after libnl's per-object dump step
/// ([`life::dump_step`]: type range, line counter reset, message-type flag).
///
/// # Safety
/// `params` is a live, writable dump parameter block.
pub unsafe fn dump_one(o: Obj, params: *mut nl_dump_params) {
    // SAFETY: caller contract.
    let Some(p) = (unsafe { crate::ffi::ptr::as_mut(params) }) else {
        return;
    };
    let Some((ty, pre_dump)) = life::dump_step(p.dp_type, p.dp_dump_msgtype != 0) else {
        return;
    };
    p.dp_line = 0;
    if pre_dump {
        p.dp_pre_dump = 1;
    }
    // SAFETY: params is live and writable (caller contract).
    unsafe { o.call_dump(ty as usize, params) };
}

fn obj(p: *mut nl_object) -> Option<Obj> {
    // SAFETY: every exported function's contract: p is NULL or a live object.
    unsafe { Obj::from_ptr(p) }
}

fn obj_c(p: *const nl_object) -> Option<Obj> {
    // SAFETY: as `obj`.
    unsafe { Obj::from_const(p) }
}

// ---- exported functions, in object.h order ----

/// `nl_object_alloc`: a new object of type `ops` (zeroed, one reference, constructor run).
///
/// # Returns
/// The object, or NULL for NULL `ops`, an `oo_size` smaller than the 56-byte header
/// (libnl-compat: libnl aborts) or no memory.
///
/// # Ownership
/// The caller owns the returned reference; `ops` must outlive the object.
///
/// # Safety
/// `ops` is NULL or a valid `struct nl_object_ops`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_alloc(ops: *mut nl_object_ops) -> *mut nl_object {
    ffi_entry!("nl_object_alloc", {
        // SAFETY: ops is NULL or valid (caller contract).
        unsafe { alloc(ops) }.map_or(std::ptr::null_mut(), Obj::as_ptr)
    })
}

/// `nl_object_alloc_name`: a new object of the object type of the cache type named `kind`.
///
/// # Returns
/// 0 and `*result` set; `-NLE_OPNOTSUPP` for an unknown cache type, `-NLE_NOMEM` on
/// allocation failure. libnl-compat: libnl crashes on NULL `kind`/`result`; we return
/// `-NLE_INVAL`.
///
/// # Ownership
/// `*result` receives a new reference.
///
/// # Safety
/// `kind` is NULL or a C string; `result` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_alloc_name(
    kind: *const c_char,
    result: *mut *mut nl_object,
) -> c_int {
    ffi_entry!("nl_object_alloc_name", {
        crate::ffi_check!(
            "nl_object_alloc_name",
            !result.is_null(),
            Error::Inval.to_nle()
        );
        // SAFETY: kind is NULL or a C string (caller contract).
        let Some(kind) = (unsafe { crate::ffi::ptr::cstr(kind) }) else {
            return Error::Inval.to_nle();
        };
        let Some(ops) = crate::ffi::cache_mngt::lookup_ref(kind) else {
            return Error::OpNotSupp.to_nle();
        };
        // SAFETY: a registered cache type's object type is valid for its lifetime.
        let o = unsafe { alloc(ops.obj_ops()) };
        crate::ffi::cache_mngt::ops_put(ops);
        let Some(o) = o else {
            return Error::NoMem.to_nle();
        };
        // SAFETY: result is non-NULL and writable (caller contract).
        unsafe { crate::ffi::ptr::write_out(result, o.as_ptr()) };
        0
    })
}

/// `nl_object_free`: frees the object regardless of its reference count (leaving its cache
/// first).
///
/// # Returns
/// Nothing. NULL is ignored.
///
/// # Ownership
/// The object is gone afterwards, whoever held references.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_free(obj: *mut nl_object) {
    ffi_entry!("nl_object_free", {
        if let Some(o) = self::obj(obj) {
            free(o);
        }
    })
}

/// `nl_object_clone`: a deep copy (header values, type bytes, then `oo_clone`).
///
/// # Returns
/// The copy, or NULL for NULL, no memory, or `oo_clone` failing.
///
/// # Ownership
/// The caller owns the returned reference.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_clone(obj: *mut nl_object) -> *mut nl_object {
    ffi_entry!("nl_object_clone", {
        self::obj(obj)
            .and_then(clone)
            .map_or(std::ptr::null_mut(), Obj::as_ptr)
    })
}

/// `nl_object_update`: merges `src` into `dst` through the type's `oo_update`.
///
/// # Returns
/// `oo_update`'s result (0 = merged); `-NLE_OPNOTSUPP` when the type has none.
/// libnl-compat: libnl crashes on NULL; we return `-NLE_INVAL`.
///
/// # Ownership
/// Both stay the caller's.
///
/// # Safety
/// Both are NULL or live objects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_update(dst: *mut nl_object, src: *mut nl_object) -> c_int {
    ffi_entry!("nl_object_update", {
        match (obj(dst), obj(src)) {
            (Some(d), Some(s)) => update(d, s),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_object_get`: takes a reference.
///
/// # Returns
/// Nothing. libnl-compat: libnl crashes on NULL; we ignore it.
///
/// # Ownership
/// The caller owns one more reference.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get(obj: *mut nl_object) {
    ffi_entry!("nl_object_get", {
        if let Some(o) = self::obj(obj) {
            get(o);
        }
    })
}

/// `nl_object_put`: drops a reference, freeing the object at zero.
///
/// # Returns
/// Nothing. NULL is ignored.
///
/// # Ownership
/// Releases one of the caller's references.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_put(obj: *mut nl_object) {
    ffi_entry!("nl_object_put", {
        if let Some(o) = self::obj(obj) {
            put(o);
        }
    })
}

/// `nl_object_shared`: whether more than one reference exists.
///
/// # Returns
/// 1 or 0 (0 for NULL; libnl-compat: libnl crashes).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_shared(obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_object_shared", {
        self::obj(obj).map_or(0, |o| c_int::from(o.refcnt() > 1))
    })
}

/// `nl_object_dump`: dumps the object through its type's dump callback for
/// `params->dp_type` (zeroing `dp_buf` first when set).
///
/// # Returns
/// Nothing. libnl-compat: libnl aborts on a dump type outside 0..2 and crashes on NULL; we
/// do nothing.
///
/// # Ownership
/// Both borrowed.
///
/// # Safety
/// `obj` is NULL or a live object; `params` is NULL or a writable `nl_dump_params` whose
/// `dp_buf` (if set) has `dp_buflen` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_dump(obj: *mut nl_object, params: *mut nl_dump_params) {
    ffi_entry!("nl_object_dump", {
        let Some(o) = self::obj(obj) else {
            return;
        };
        // SAFETY: params is NULL or a live block (caller contract); fields are copied out.
        let Some(p) = (unsafe { params.as_ref() }) else {
            return;
        };
        let (buf, len) = (p.dp_buf, p.dp_buflen);
        // SAFETY: dp_buf has dp_buflen writable bytes (caller contract).
        unsafe { objhdr::zero_buf(buf, len) };
        // SAFETY: params is live and writable (caller contract).
        unsafe { dump_one(o, params) };
    })
}

/// `nl_object_dump_buf`: dumps the object in `NL_DUMP_LINE` form into `buf`.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Both borrowed.
///
/// # Safety
/// `obj` is NULL or a live object; `buf` is NULL or valid for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_dump_buf(obj: *mut nl_object, buf: *mut c_char, len: usize) {
    ffi_entry!("nl_object_dump_buf", {
        let mut dp = nl_dump_params {
            dp_buf: buf,
            dp_buflen: len,
            ..nl_dump_params::zeroed()
        };
        // SAFETY: obj per contract; dp is a live local with the caller's buffer.
        unsafe { nl_object_dump(obj, &mut dp) };
    })
}

/// `nl_object_identical`: whether both objects are of one type and agree on its identity
/// attributes (`oo_compare` with `ID_COMPARISON`).
///
/// # Returns
/// 1 or 0 (0 when either is NULL; libnl-compat: libnl crashes).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// Both are NULL or live objects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_identical(a: *mut nl_object, b: *mut nl_object) -> c_int {
    ffi_entry!("nl_object_identical", {
        match (obj(a), obj(b)) {
            (Some(x), Some(y)) => c_int::from(eo::identical(x, y)),
            _ => c_int::from(a == b && !a.is_null()),
        }
    })
}

/// `nl_object_diff`: the differing attributes folded to 32 bits (bit 31 set when a higher
/// attribute differs).
///
/// # Returns
/// The mask; all ones for different types or no `oo_compare` (and for NULL, where libnl
/// crashes).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// Both are NULL or live objects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_diff(a: *mut nl_object, b: *mut nl_object) -> u32 {
    ffi_entry!("nl_object_diff", {
        // SAFETY: forwarded contract.
        fold_diff(unsafe { nl_object_diff64(a, b) })
    })
}

/// `nl_object_diff64`: the attributes in which the objects differ (`oo_compare(a, b, ~0, 0)`).
///
/// # Returns
/// The mask; all ones for different types, no `oo_compare`, or NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// Both are NULL or live objects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_diff64(a: *mut nl_object, b: *mut nl_object) -> u64 {
    ffi_entry!("nl_object_diff64", {
        match (obj(a), obj(b)) {
            (Some(x), Some(y)) => eo::diff64(x, y),
            _ => u64::MAX,
        }
    })
}

/// `nl_object_match_filter`: whether `obj` has the values of every attribute set in `filter`.
///
/// # Returns
/// 1 or 0 (0 for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// Both are NULL or live objects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_match_filter(
    obj: *mut nl_object,
    filter: *mut nl_object,
) -> c_int {
    ffi_entry!("nl_object_match_filter", {
        match (self::obj(obj), self::obj(filter)) {
            (Some(o), Some(f)) => c_int::from(eo::match_filter(o, f)),
            _ => 0,
        }
    })
}

/// `nl_object_attrs2str`: names of the attribute bits `attrs` via the type's `oo_attrs2str`;
/// an all-zero buffer when the type has none.
///
/// # Returns
/// What the callback returns, else `buf`.
///
/// # Ownership
/// `buf` stays the caller's.
///
/// # Safety
/// `obj` is NULL or a live object; `buf` is NULL or valid for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_attrs2str(
    obj: *mut nl_object,
    attrs: u32,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("nl_object_attrs2str", {
        attrs_text(self::obj(obj), attrs as c_int, buf, len)
    })
}

fn attrs_text(o: Option<Obj>, attrs: c_int, buf: *mut c_char, len: usize) -> *mut c_char {
    if let Some(r) = o
        .and_then(Obj::ops)
        // SAFETY: buf is NULL or writable for len bytes (the exported functions' contract).
        .and_then(|ops| unsafe { objhdr::call_attrs2str(ops, attrs, buf, len) })
    {
        return r;
    }
    // SAFETY: buf is NULL or writable for len bytes (caller contract).
    unsafe { objhdr::zero_buf(buf, len) };
    buf
}

/// `nl_object_attr_list`: names of the attributes present in the object (`ce_mask`).
///
/// # Returns
/// As [`nl_object_attrs2str`].
///
/// # Ownership
/// `buf` stays the caller's.
///
/// # Safety
/// As [`nl_object_attrs2str`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_attr_list(
    obj: *mut nl_object,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("nl_object_attr_list", {
        let o = self::obj(obj);
        // libnl-compat: the 64-bit mask is passed as an int (truncated), as in libnl.
        let attrs = o.map_or(0, |o| o.mask() as c_int);
        attrs_text(o, attrs, buf, len)
    })
}

/// `nl_object_keygen`: the object's hash key for a table of `hashtbl_sz` buckets (0 when the
/// type has no key generator).
///
/// # Returns
/// Nothing; the key goes to `*hashkey`.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object; `hashkey` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_keygen(obj: *mut nl_object, hashkey: *mut u32, hashtbl_sz: u32) {
    ffi_entry!("nl_object_keygen", {
        let key = self::obj(obj)
            .and_then(|o| o.call_keygen(hashtbl_sz))
            .unwrap_or(0);
        // SAFETY: hashkey is NULL or writable (caller contract).
        unsafe { crate::ffi::ptr::write_out(hashkey, key) };
    })
}

/// `nl_object_mark`: sets the mark flag.
///
/// # Returns
/// Nothing (NULL ignored).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_mark(obj: *mut nl_object) {
    ffi_entry!("nl_object_mark", {
        if let Some(o) = self::obj(obj) {
            o.set_flags(o.flags() | NL_OBJ_MARK);
        }
    })
}

/// `nl_object_unmark`: clears the mark flag.
///
/// # Returns
/// Nothing (NULL ignored).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_unmark(obj: *mut nl_object) {
    ffi_entry!("nl_object_unmark", {
        if let Some(o) = self::obj(obj) {
            o.set_flags(o.flags() & !NL_OBJ_MARK);
        }
    })
}

/// `nl_object_is_marked`: whether the mark flag is set.
///
/// # Returns
/// 1 or 0 (0 for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_is_marked(obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_object_is_marked", {
        self::obj(obj).map_or(0, |o| o.flags() & NL_OBJ_MARK)
    })
}

/// `nl_object_get_refcnt`: the reference count.
///
/// # Returns
/// The count (0 for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get_refcnt(obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_object_get_refcnt", {
        self::obj(obj).map_or(0, Obj::refcnt)
    })
}

/// `nl_object_get_cache`: the cache holding the object.
///
/// # Returns
/// The cache or NULL (also for a NULL object, which libnl tolerates too).
///
/// # Ownership
/// Borrowed: no reference is taken.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get_cache(obj: *mut nl_object) -> *mut nl_cache {
    ffi_entry!("nl_object_get_cache", {
        self::obj(obj).map_or(std::ptr::null_mut(), Obj::cache_ptr)
    })
}

/// `nl_object_get_type`: the type name (`oo_name`).
///
/// # Returns
/// The name, or NULL for an object without type (or NULL).
///
/// # Ownership
/// Borrowed from the type table.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get_type(obj: *const nl_object) -> *const c_char {
    ffi_entry!("nl_object_get_type", {
        obj_c(obj)
            .and_then(Obj::ops)
            .map_or(std::ptr::null(), |o| o.oo_name.cast_const())
    })
}

/// `nl_object_get_msgtype`: the message type the object came from (`ce_msgtype`).
///
/// # Returns
/// The type (0 for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get_msgtype(obj: *const nl_object) -> c_int {
    ffi_entry!("nl_object_get_msgtype", {
        obj_c(obj).map_or(0, Obj::msgtype)
    })
}

/// `nl_object_get_ops`: the object's type table.
///
/// # Returns
/// The table (NULL for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get_ops(obj: *const nl_object) -> *mut nl_object_ops {
    ffi_entry!("nl_object_get_ops", {
        obj_c(obj).map_or(std::ptr::null_mut(), Obj::ops_ptr)
    })
}

/// `nl_object_get_id_attrs`: the identity attributes (`oo_id_attrs_get` or `oo_id_attrs`).
///
/// # Returns
/// The mask (0 for NULL or an object without type).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_object_get_id_attrs(obj: *mut nl_object) -> u32 {
    ffi_entry!("nl_object_get_id_attrs", {
        self::obj(obj).map_or(0, |o| ObjRef::id_attrs(o).bits() as u32)
    })
}
