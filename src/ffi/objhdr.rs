//! Raw access to the C-layout memory of the object/cache model: the 56-byte object header,
//! the plug-in ops tables, `struct nl_cache`, libnl's intrusive item list and the public hash
//! table nodes.
//!
//! These blocks are shared with C code that reads and writes them directly (Debian's libnl-nf,
//! -idiag, -xfrm and programs defining their own cache types), so they cannot be Rust-owned
//! values. Each wrapper here ([`Obj`], [`Cache`], [`CacheOps`], [`Table`], [`Node`]) is a
//! non-NULL pointer whose constructor is `unsafe` with one contract ("the block is live and
//! laid out as libnl's for as long as the wrapper is used"); its accessors then read and
//! write single fields through the raw pointer, never holding a Rust reference across a call
//! into C (callbacks may re-enter the library and touch the same memory). Calls into the
//! type's C callbacks live here too. Like `handle.rs`, this is one of the files allowed to
//! contain `unsafe`.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr::{NonNull, addr_of_mut};
use std::sync::atomic::AtomicI32;

use crate::engine::refcount;

use crate::ffi::types::{
    NL_OBJECT_HDR_SIZE, nl_cache, nl_cache_ops, nl_dump_params, nl_hash_node, nl_hash_table,
    nl_list_head, nl_msgtype, nl_object, nl_object_ops, nl_parser_param,
};

/// Upper bound on the length of a message-type table (guards against a missing terminator).
const MAX_MSGTYPES: usize = 4096;

/// `oo_size` of a Rust-defined object type keeping its state boxed (see [`Obj::with_boxed`]).
pub const BOXED_OBJ_SIZE: usize = NL_OBJECT_HDR_SIZE + std::mem::size_of::<usize>();

/// A live object: the common header at offset 0, type-owned bytes up to `oo_size`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Obj(NonNull<nl_object>);

/// Reads a field of a header-like block through a raw pointer.
macro_rules! rd {
    ($p:expr, $f:ident) => {
        // SAFETY: the wrapper's constructor contract: the block is live and laid out as the
        // C struct; a single field is read by value, no reference is kept.
        unsafe { (*$p.as_ptr()).$f }
    };
}

/// Writes a field of a header-like block through a raw pointer.
macro_rules! wr {
    ($p:expr, $f:ident, $v:expr) => {
        // SAFETY: as `rd!`, and the block is writable (the core owns these fields).
        unsafe { (*$p.as_ptr()).$f = $v }
    };
}

impl std::fmt::Pointer for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Pointer::fmt(&self.0, f)
    }
}

impl std::fmt::Pointer for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Pointer::fmt(&self.0, f)
    }
}

impl Obj {
    /// Wraps `p`; `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or points to a live object block (header as libnl's, `ce_ops` either NULL
    /// or a valid `nl_object_ops` whose `oo_size` bytes are allocated) for as long as the
    /// returned value or copies of it are used.
    pub unsafe fn from_ptr(p: *mut nl_object) -> Option<Obj> {
        NonNull::new(p).map(Obj)
    }

    /// As [`Obj::from_ptr`] for a `const` pointer.
    ///
    /// # Safety
    /// As [`Obj::from_ptr`].
    pub unsafe fn from_const(p: *const nl_object) -> Option<Obj> {
        NonNull::new(p.cast_mut()).map(Obj)
    }

    /// The C pointer.
    pub fn as_ptr(self) -> *mut nl_object {
        self.0.as_ptr()
    }

    /// Allocates a zeroed object of type `ops` (`calloc(1, oo_size)`), with one reference, a
    /// self-linked list head and `ce_ops` set; the constructor is not called here.
    /// `None` when `oo_size` is smaller than the header or memory is short.
    ///
    /// # Safety
    /// `ops` points to a valid `nl_object_ops` that outlives the object.
    pub unsafe fn alloc(ops: *mut nl_object_ops) -> Option<Obj> {
        // SAFETY: caller contract: ops is a valid table.
        let size = unsafe { (*ops).oo_size };
        if size < NL_OBJECT_HDR_SIZE {
            return None;
        }
        // SAFETY: calloc has no preconditions; the result is checked.
        let p = unsafe { libc::calloc(1, size) }.cast::<nl_object>();
        let o = Obj(NonNull::new(p)?);
        o.set_refcnt(1);
        wr!(o.0, ce_ops, ops);
        o.list_init();
        Some(o)
    }

    /// Releases the block (no callbacks).
    ///
    /// # Safety
    /// The object is not used afterwards and was allocated by [`Obj::alloc`] (libc).
    pub unsafe fn release_block(self) {
        // SAFETY: caller contract.
        unsafe { libc::free(self.as_ptr().cast()) }
    }

    /// `ce_refcnt`, seen as the atomic it is for the core (see [`refcount`]).
    fn refcnt_atomic<'a>(self) -> &'a AtomicI32 {
        // SAFETY: the wrapper's constructor contract (live block laid out as libnl's);
        // `ce_refcnt` is an aligned `int`, which `AtomicI32` matches in size and alignment,
        // and the core only ever touches it atomically.
        unsafe { AtomicI32::from_ptr(addr_of_mut!((*self.0.as_ptr()).ce_refcnt)) }
    }
    /// `ce_refcnt`.
    pub fn refcnt(self) -> c_int {
        refcount::load(self.refcnt_atomic())
    }
    /// Sets `ce_refcnt` (a block nobody else sees yet).
    pub fn set_refcnt(self, v: c_int) {
        refcount::init(self.refcnt_atomic(), v)
    }
    /// Adds a reference to `ce_refcnt`; returns the previous count.
    pub fn ref_add(self) -> c_int {
        refcount::add(self.refcnt_atomic())
    }
    /// Drops a reference from `ce_refcnt`; returns the previous count (1: this was the last
    /// one, and everything other threads did with the block happens before what follows).
    pub fn ref_drop(self) -> c_int {
        refcount::drop(self.refcnt_atomic())
    }
    /// `ce_ops` as stored.
    pub fn ops_ptr(self) -> *mut nl_object_ops {
        rd!(self.0, ce_ops)
    }
    /// Sets `ce_ops`.
    pub fn set_ops_ptr(self, ops: *mut nl_object_ops) {
        wr!(self.0, ce_ops, ops)
    }
    /// The object's type table, `None` when `ce_ops` is NULL.
    pub fn ops(self) -> Option<&'static nl_object_ops> {
        // SAFETY: constructor contract: ce_ops is NULL or a valid table; ops tables are never
        // written after definition and outlive their objects.
        unsafe { self.ops_ptr().as_ref() }
    }
    /// `ce_cache`.
    pub fn cache_ptr(self) -> *mut nl_cache {
        rd!(self.0, ce_cache)
    }
    /// Sets `ce_cache`.
    pub fn set_cache_ptr(self, c: *mut nl_cache) {
        wr!(self.0, ce_cache, c)
    }
    /// `ce_msgtype`.
    pub fn msgtype(self) -> c_int {
        rd!(self.0, ce_msgtype)
    }
    /// Sets `ce_msgtype`.
    pub fn set_msgtype(self, v: c_int) {
        wr!(self.0, ce_msgtype, v)
    }
    /// `ce_flags`.
    pub fn flags(self) -> c_int {
        rd!(self.0, ce_flags)
    }
    /// Sets `ce_flags`.
    pub fn set_flags(self, v: c_int) {
        wr!(self.0, ce_flags, v)
    }
    /// `ce_mask`.
    pub fn mask(self) -> u64 {
        rd!(self.0, ce_mask)
    }
    /// Sets `ce_mask`.
    pub fn set_mask(self, v: u64) {
        wr!(self.0, ce_mask, v)
    }

    /// Address of `ce_list`.
    pub fn list_ptr(self) -> *mut nl_list_head {
        // SAFETY: constructor contract; only the field address is computed.
        unsafe { addr_of_mut!((*self.as_ptr()).ce_list) }
    }
    /// Self-links `ce_list` ("in no list").
    pub fn list_init(self) {
        let l = self.list_ptr();
        // SAFETY: l is this live object's list head.
        unsafe {
            (*l).next = l;
            (*l).prev = l;
        }
    }
    /// libnl's `nl_list_empty(&obj->ce_list)`: whether the link points at itself.
    pub fn list_is_self(self) -> bool {
        let l = self.list_ptr();
        // SAFETY: l is this live object's list head; the pointer value is only compared.
        unsafe { (*l).next == l }
    }

    /// The object whose `ce_list` is at `l`.
    ///
    /// # Safety
    /// `l` is the `ce_list` of a live object.
    pub unsafe fn from_list(l: *mut nl_list_head) -> Option<Obj> {
        let off = std::mem::offset_of!(nl_object, ce_list);
        NonNull::new(l.cast::<u8>().wrapping_sub(off).cast::<nl_object>()).map(Obj)
    }

    /// Copies the type-owned bytes `[56, oo_size)` of `src` into `self` (same type).
    pub fn copy_payload_from(self, src: Obj, size: usize) {
        let n = size.saturating_sub(NL_OBJECT_HDR_SIZE);
        if n == 0 {
            return;
        }
        // SAFETY: both blocks are live objects of a type whose oo_size is `size`, so each has
        // `size` bytes; distinct allocations do not overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(
                src.as_ptr().cast::<u8>().add(NL_OBJECT_HDR_SIZE),
                self.as_ptr().cast::<u8>().add(NL_OBJECT_HDR_SIZE),
                n,
            )
        }
    }

    // ---- Rust-defined types that keep their state in a box (libnlrs genl families, ...) ----

    fn slot(self) -> *mut *mut std::ffi::c_void {
        self.as_ptr()
            .cast::<u8>()
            .wrapping_add(NL_OBJECT_HDR_SIZE)
            .cast()
    }

    /// Runs `f` on the `T` boxed in the pointer slot at offset 56, creating `T::default()`
    /// first when the slot is NULL. `None` when memory is short.
    ///
    /// # Safety
    /// The object's type has `oo_size >= BOXED_OBJ_SIZE` and keeps NULL or a `Box<T>` made
    /// by these functions in the slot; `f` does not re-enter code that touches the same box.
    pub unsafe fn with_boxed<T: Default, R>(self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        // SAFETY: caller contract: the slot is inside the block and holds NULL or a Box<T>.
        unsafe {
            let slot = self.slot();
            if (*slot).is_null() {
                *slot = Box::into_raw(Box::<T>::default()).cast();
            }
            Some(f(&mut *(*slot).cast::<T>()))
        }
    }

    /// The `T` boxed in the pointer slot, shared; `None` while the slot is NULL.
    ///
    /// # Safety
    /// As [`Obj::with_boxed`], and no `&mut` to the box is live while the result is used.
    pub unsafe fn boxed_ref<'a, T>(self) -> Option<&'a T> {
        // SAFETY: caller contract: the slot holds NULL or a live Box<T>, not mutably borrowed.
        unsafe { (*self.slot()).cast::<T>().as_ref() }
    }

    /// Takes the `T` out of the slot (leaving NULL).
    ///
    /// # Safety
    /// As [`Obj::with_boxed`].
    pub unsafe fn take_boxed<T>(self) -> Option<Box<T>> {
        // SAFETY: caller contract.
        unsafe {
            let slot = self.slot();
            let p = std::mem::replace(&mut *slot, std::ptr::null_mut());
            (!p.is_null()).then(|| Box::from_raw(p.cast::<T>()))
        }
    }

    /// Stores `v` in the slot without releasing what the slot held (used after a clone's
    /// byte copy, when the slot still points at the source's box).
    ///
    /// # Safety
    /// As [`Obj::with_boxed`].
    pub unsafe fn put_boxed<T>(self, v: Option<Box<T>>) {
        // SAFETY: caller contract.
        unsafe { *self.slot() = v.map_or(std::ptr::null_mut(), |b| Box::into_raw(b).cast()) }
    }

    // ---- calls into the type's callbacks ----

    /// `oo_constructor(obj)`, if any.
    pub fn call_constructor(self) {
        if let Some(f) = self.ops().and_then(|o| o.oo_constructor) {
            // SAFETY: the type's own callback, called with one of its objects.
            unsafe { f(self.as_ptr()) }
        }
    }
    /// `oo_free_data(obj)`, if any.
    pub fn call_free_data(self) {
        if let Some(f) = self.ops().and_then(|o| o.oo_free_data) {
            // SAFETY: as above.
            unsafe { f(self.as_ptr()) }
        }
    }
    /// `oo_clone(self, src)`; `None` without a clone callback.
    pub fn call_clone(self, src: Obj) -> Option<c_int> {
        let f = self.ops().and_then(|o| o.oo_clone)?;
        // SAFETY: as above; both objects are of this type.
        Some(unsafe { f(self.as_ptr(), src.as_ptr()) })
    }
    /// `oo_dump[ty](obj, params)`, if present.
    ///
    /// # Safety
    /// `params` is a live, writable dump parameter block.
    pub unsafe fn call_dump(self, ty: usize, params: *mut nl_dump_params) {
        if let Some(f) = self
            .ops()
            .and_then(|o| o.oo_dump.get(ty).copied().flatten())
        {
            // SAFETY: as above; params is the caller's live dump parameter block.
            unsafe { f(self.as_ptr(), params) }
        }
    }
    /// `oo_compare(self, b, attrs, flags)`; `None` without a compare callback.
    pub fn call_compare(self, b: Obj, attrs: u64, flags: c_int) -> Option<u64> {
        let f = self.ops().and_then(|o| o.oo_compare)?;
        // SAFETY: as above; callers check that b has the same type.
        Some(unsafe { f(self.as_ptr(), b.as_ptr(), attrs, flags) })
    }
    /// `oo_update(self, src)`; `None` without an update callback.
    pub fn call_update(self, src: Obj) -> Option<c_int> {
        let f = self.ops().and_then(|o| o.oo_update)?;
        // SAFETY: as above.
        Some(unsafe { f(self.as_ptr(), src.as_ptr()) })
    }
    /// `oo_keygen(obj, &key, size)`; `None` without a key generator.
    pub fn call_keygen(self, size: u32) -> Option<u32> {
        let f = self.ops().and_then(|o| o.oo_keygen)?;
        let mut key = 0u32;
        // SAFETY: as above; key is a live local.
        unsafe { f(self.as_ptr(), &mut key, size) };
        Some(key)
    }
    /// `oo_id_attrs_get(obj)`; `None` without that callback.
    pub fn call_id_attrs_get(self) -> Option<u32> {
        let f = self.ops().and_then(|o| o.oo_id_attrs_get)?;
        // SAFETY: as above.
        Some(unsafe { f(self.as_ptr()) })
    }
}

/// `oo_attrs2str(attrs, buf, len)` of `ops`; `None` without that callback.
///
/// # Safety
/// `buf` is valid for writes of `len` bytes.
pub unsafe fn call_attrs2str(
    ops: &nl_object_ops,
    attrs: c_int,
    buf: *mut c_char,
    len: usize,
) -> Option<*mut c_char> {
    let f = ops.oo_attrs2str?;
    // SAFETY: the type's callback with the caller's buffer, as libnl passes it.
    Some(unsafe { f(attrs, buf, len) })
}

/// A live `struct nl_cache` (calloc'ed, 56 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cache(NonNull<nl_cache>);

impl Cache {
    /// Wraps `p`; `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live cache allocated by [`Cache::alloc`], for as long as the wrapper
    /// is used.
    pub unsafe fn from_ptr(p: *mut nl_cache) -> Option<Cache> {
        NonNull::new(p).map(Cache)
    }

    /// A zeroed cache block with a self-linked item list; `None` when out of memory.
    pub fn alloc() -> Option<Cache> {
        // SAFETY: calloc has no preconditions; the result is checked.
        let p = unsafe { libc::calloc(1, std::mem::size_of::<nl_cache>()) }.cast::<nl_cache>();
        let c = Cache(NonNull::new(p)?);
        let h = c.items_head();
        // SAFETY: h is the fresh cache's list head.
        unsafe {
            (*h).next = h;
            (*h).prev = h;
        }
        Some(c)
    }

    /// Releases the block.
    ///
    /// # Safety
    /// The cache is not used afterwards.
    pub unsafe fn release_block(self) {
        // SAFETY: caller contract; the block came from calloc.
        unsafe { libc::free(self.as_ptr().cast()) }
    }

    /// The C pointer.
    pub fn as_ptr(self) -> *mut nl_cache {
        self.0.as_ptr()
    }
    /// `c_nitems`.
    pub fn nitems(self) -> c_int {
        rd!(self.0, c_nitems)
    }
    /// Sets `c_nitems`.
    pub fn set_nitems(self, v: c_int) {
        wr!(self.0, c_nitems, v)
    }
    /// `c_iarg1`.
    pub fn iarg1(self) -> c_int {
        rd!(self.0, c_iarg1)
    }
    /// Sets `c_iarg1`.
    pub fn set_iarg1(self, v: c_int) {
        wr!(self.0, c_iarg1, v)
    }
    /// Sets `c_iarg2`.
    pub fn set_iarg2(self, v: c_int) {
        wr!(self.0, c_iarg2, v)
    }
    /// `c_refcnt`, seen as the atomic it is for the core (see [`refcount`]).
    fn refcnt_atomic<'a>(self) -> &'a AtomicI32 {
        // SAFETY: the wrapper's constructor contract (live block laid out as libnl's);
        // `c_refcnt` is an aligned `int`, which `AtomicI32` matches in size and alignment,
        // and the core only ever touches it atomically.
        unsafe { AtomicI32::from_ptr(addr_of_mut!((*self.0.as_ptr()).c_refcnt)) }
    }
    /// `c_refcnt`.
    pub fn refcnt(self) -> c_int {
        refcount::load(self.refcnt_atomic())
    }
    /// Sets `c_refcnt` (a cache nobody else sees yet).
    pub fn set_refcnt(self, v: c_int) {
        refcount::init(self.refcnt_atomic(), v)
    }
    /// Adds a reference to `c_refcnt`; returns the previous count.
    pub fn ref_add(self) -> c_int {
        refcount::add(self.refcnt_atomic())
    }
    /// Drops a reference from `c_refcnt`; returns the previous count (see [`Obj::ref_drop`]).
    pub fn ref_drop(self) -> c_int {
        refcount::drop(self.refcnt_atomic())
    }
    /// `c_flags`.
    pub fn flags(self) -> u32 {
        rd!(self.0, c_flags)
    }
    /// Sets `c_flags`.
    pub fn set_flags(self, v: u32) {
        wr!(self.0, c_flags, v)
    }
    /// `hashtable`.
    pub fn table_ptr(self) -> *mut nl_hash_table {
        rd!(self.0, hashtable)
    }
    /// Sets `hashtable`.
    pub fn set_table_ptr(self, t: *mut nl_hash_table) {
        wr!(self.0, hashtable, t)
    }
    /// `c_ops`.
    pub fn ops_ptr(self) -> *mut nl_cache_ops {
        rd!(self.0, c_ops)
    }
    /// Sets `c_ops`.
    pub fn set_ops_ptr(self, o: *mut nl_cache_ops) {
        wr!(self.0, c_ops, o)
    }
    /// The object type of the cache's type (`c_ops->co_obj_ops`), NULL without ops.
    pub fn obj_ops_ptr(self) -> *mut nl_object_ops {
        // SAFETY: c_ops is NULL or a valid cache type (the cache's contract).
        unsafe { CacheOps::from_ptr(self.ops_ptr()) }.map_or(std::ptr::null_mut(), |o| o.obj_ops())
    }

    /// Address of `c_items`.
    pub fn items_head(self) -> *mut nl_list_head {
        // SAFETY: constructor contract; only the field address is computed.
        unsafe { addr_of_mut!((*self.as_ptr()).c_items) }
    }
    /// Whether the item list is empty.
    pub fn is_empty(self) -> bool {
        let h = self.items_head();
        // SAFETY: h is this live cache's list head.
        unsafe { (*h).next == h }
    }
    /// The object after link `l` in this cache (`None` at the end).
    fn obj_after(self, l: *mut nl_list_head, forward: bool) -> Option<Obj> {
        // SAFETY: l is this cache's head or the link of one of its objects; the list is
        // consistent while the caller does not modify it.
        let n = unsafe { if forward { (*l).next } else { (*l).prev } };
        if n == self.items_head() {
            return None;
        }
        // SAFETY: every link but the head is an object's ce_list.
        unsafe { Obj::from_list(n) }
    }
    /// First object.
    pub fn first(self) -> Option<Obj> {
        self.obj_after(self.items_head(), true)
    }
    /// Last object.
    pub fn last(self) -> Option<Obj> {
        self.obj_after(self.items_head(), false)
    }
    /// The object after `o` (which must be in this cache).
    pub fn next_of(self, o: Obj) -> Option<Obj> {
        self.obj_after(o.list_ptr(), true)
    }
    /// The object before `o` (which must be in this cache).
    pub fn prev_of(self, o: Obj) -> Option<Obj> {
        self.obj_after(o.list_ptr(), false)
    }
    /// Links `o` at the tail of the item list.
    pub fn link_tail(self, o: Obj) {
        let h = self.items_head();
        let l = o.list_ptr();
        // SAFETY: h and l are live list links of this cache and of o; libnl's list_add_tail.
        unsafe {
            let prev = (*h).prev;
            (*l).next = h;
            (*l).prev = prev;
            (*prev).next = l;
            (*h).prev = l;
        }
    }
    /// The objects in list order (a snapshot, so the caller may modify the cache while
    /// walking it, as libnl's `_safe` iterations allow for the current element).
    pub fn objects(self) -> Vec<Obj> {
        let mut v = Vec::with_capacity(usize::try_from(self.nitems()).unwrap_or(0));
        let mut cur = self.first();
        while let Some(o) = cur {
            v.push(o);
            cur = self.next_of(o);
        }
        v
    }
}

/// Unlinks `o` from whatever list it is in. Like libnl's `nl_list_del`, the object's own link
/// is left as it was (not self-linked), which is how libnl later tells "was in a cache".
pub fn unlink(o: Obj) {
    let l = o.list_ptr();
    // SAFETY: o is linked into a live list (its cache's), so both neighbours are live links.
    unsafe {
        let next = (*l).next;
        let prev = (*l).prev;
        (*next).prev = prev;
        (*prev).next = next;
    }
}

/// A cache type (`struct nl_cache_ops` + inline message types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheOps(NonNull<nl_cache_ops>);

impl CacheOps {
    /// Wraps `p`; `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a valid cache type whose message-type table is terminated, live for as
    /// long as the wrapper is used.
    pub unsafe fn from_ptr(p: *mut nl_cache_ops) -> Option<CacheOps> {
        NonNull::new(p).map(CacheOps)
    }
    /// The C pointer.
    pub fn as_ptr(self) -> *mut nl_cache_ops {
        self.0.as_ptr()
    }
    /// `co_name` as a C string.
    pub fn name(self) -> Option<&'static CStr> {
        let p = rd!(self.0, co_name);
        // SAFETY: co_name is NULL or a NUL-terminated string living as long as the type.
        unsafe { crate::ffi::ptr::cstr(p) }
    }
    /// `co_hdrsize`.
    pub fn hdrsize(self) -> c_int {
        rd!(self.0, co_hdrsize)
    }
    /// `co_protocol`.
    pub fn protocol(self) -> c_int {
        rd!(self.0, co_protocol)
    }
    /// `co_hash_size`.
    pub fn hash_size(self) -> c_int {
        rd!(self.0, co_hash_size)
    }
    /// `co_flags`.
    pub fn flags(self) -> u32 {
        rd!(self.0, co_flags)
    }
    /// Sets `co_flags`.
    pub fn set_flags(self, v: u32) {
        wr!(self.0, co_flags, v)
    }
    /// `co_refcnt`.
    pub fn refcnt(self) -> u32 {
        rd!(self.0, co_refcnt)
    }
    /// Sets `co_refcnt`.
    pub fn set_refcnt(self, v: u32) {
        wr!(self.0, co_refcnt, v)
    }
    /// `co_obj_ops`.
    pub fn obj_ops(self) -> *mut nl_object_ops {
        rd!(self.0, co_obj_ops)
    }
    /// `co_major_cache`.
    pub fn major_cache(self) -> *mut nl_cache {
        rd!(self.0, co_major_cache)
    }
    /// Sets `co_major_cache`.
    pub fn set_major_cache(self, c: *mut nl_cache) {
        wr!(self.0, co_major_cache, c)
    }
    /// Sets `co_next`.
    pub fn set_next(self, n: *mut nl_cache_ops) {
        wr!(self.0, co_next, n)
    }
    /// The message-type entries up to the terminator, with their addresses.
    pub fn msgtypes(self) -> Vec<(*mut nl_msgtype, nl_msgtype)> {
        self.msgtype_entries().collect()
    }
    /// [`CacheOps::msgtypes`] without collecting them (the parse of every message counts the
    /// entries of its type).
    pub fn msgtype_entries(self) -> impl Iterator<Item = (*mut nl_msgtype, nl_msgtype)> {
        // SAFETY: constructor contract; only the address of the inline array is computed.
        let base = unsafe { addr_of_mut!((*self.as_ptr()).co_msgtypes) }.cast::<nl_msgtype>();
        (0..MAX_MSGTYPES)
            .map(move |i| {
                let p = base.wrapping_add(i);
                // SAFETY: the table is terminated by an entry with mt_id < 0 (contract), and
                // entries before it are read in order (take_while stops at the terminator).
                (p, unsafe { p.read() })
            })
            .take_while(|(_, mt)| mt.mt_id >= 0)
    }
    /// The `(family, group)` entries of `co_groups` up to the `ag_group == 0` terminator
    /// (empty for NULL; at most 256 entries are read).
    pub fn groups(self) -> Vec<(c_int, c_int)> {
        let base = rd!(self.0, co_groups);
        let mut v = Vec::new();
        if base.is_null() {
            return v;
        }
        for i in 0..256 {
            // SAFETY: a non-NULL co_groups is a table terminated by ag_group == 0 (contract);
            // entries up to the terminator are read in order.
            let g = unsafe { base.wrapping_add(i).read() };
            if g.ag_group == 0 {
                break;
            }
            v.push((g.ag_family, g.ag_group));
        }
        v
    }
    /// Whether `co_groups` is NULL.
    pub fn has_groups_table(self) -> bool {
        !rd!(self.0, co_groups).is_null()
    }
    /// `co_request_update`.
    pub fn request_update(
        self,
    ) -> Option<unsafe extern "C" fn(*mut nl_cache, *mut std::ffi::c_void) -> c_int> {
        rd!(self.0, co_request_update)
    }
    /// `co_event_filter`.
    pub fn event_filter(
        self,
    ) -> Option<unsafe extern "C" fn(*mut nl_cache, *mut nl_object) -> c_int> {
        rd!(self.0, co_event_filter)
    }
    /// `co_include_event`.
    pub fn include_event(
        self,
    ) -> Option<
        unsafe extern "C" fn(
            *mut nl_cache,
            *mut nl_object,
            crate::ffi::types::change_func_t,
            crate::ffi::types::change_func_v2_t,
            *mut std::ffi::c_void,
        ) -> c_int,
    > {
        rd!(self.0, co_include_event)
    }
    /// `co_msg_parser(ops_arg, who, nlh, pp)`; `None` without a parser.
    ///
    /// # Safety
    /// `nlh` is a readable message, `pp` a live parser parameter block, `who` NULL or a
    /// readable address, `ops_arg` NULL or a valid cache type.
    pub unsafe fn call_parser(
        self,
        ops_arg: *mut nl_cache_ops,
        who: *mut libc::sockaddr_nl,
        nlh: *mut libc::nlmsghdr,
        pp: *mut nl_parser_param,
    ) -> Option<c_int> {
        let f = rd!(self.0, co_msg_parser)?;
        // SAFETY: the type's own parser with a live message and parser parameter block.
        Some(unsafe { f(ops_arg, who, nlh, pp) })
    }
}

/// A hash table (`nl_hash_table_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Table(NonNull<nl_hash_table>);

/// A hash node (`nl_hash_node_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node(NonNull<nl_hash_node>);

impl Table {
    /// Wraps `p`; `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live table whose `nodes` array has `size` entries.
    pub unsafe fn from_ptr(p: *mut nl_hash_table) -> Option<Table> {
        NonNull::new(p).map(Table)
    }
    /// `calloc`s a table with `size` empty buckets.
    pub fn alloc(size: usize) -> Option<Table> {
        let size_c = c_int::try_from(size).ok()?;
        // SAFETY: calloc has no preconditions; results are checked.
        let p = unsafe { libc::calloc(1, std::mem::size_of::<nl_hash_table>()) }
            .cast::<nl_hash_table>();
        let t = Table(NonNull::new(p)?);
        let nodes = alloc_buckets(size);
        if nodes.is_null() {
            // SAFETY: p is the block just allocated.
            unsafe { libc::free(p.cast()) };
            return None;
        }
        wr!(t.0, size, size_c);
        wr!(t.0, nodes, nodes);
        Some(t)
    }
    /// Frees the bucket array and the table (not the nodes).
    ///
    /// # Safety
    /// The table is not used afterwards and came from [`Table::alloc`].
    pub unsafe fn release_block(self) {
        let nodes = rd!(self.0, nodes);
        // SAFETY: caller contract; both blocks came from calloc.
        unsafe {
            libc::free(nodes.cast());
            libc::free(self.as_ptr().cast());
        }
    }
    /// The C pointer.
    pub fn as_ptr(self) -> *mut nl_hash_table {
        self.0.as_ptr()
    }
    /// Number of buckets (0 for a negative `size`).
    pub fn size(self) -> usize {
        usize::try_from(rd!(self.0, size)).unwrap_or(0)
    }
    /// Head of bucket `i` (NULL when empty or out of range).
    pub fn bucket(self, i: usize) -> Option<Node> {
        if i >= self.size() {
            return None;
        }
        let nodes = rd!(self.0, nodes);
        // SAFETY: nodes has size() entries and i is in range.
        let p = unsafe { *nodes.add(i) };
        NonNull::new(p).map(Node)
    }
    /// Sets the head of bucket `i` (ignored out of range).
    pub fn set_bucket(self, i: usize, n: Option<Node>) {
        if i < self.size() {
            let nodes = rd!(self.0, nodes);
            // SAFETY: nodes has size() entries and i is in range.
            unsafe { *nodes.add(i) = n.map_or(std::ptr::null_mut(), Node::as_ptr) };
        }
    }
    /// Replaces the bucket array by a new one of `size` buckets (all empty); `false` when out
    /// of memory (the table is unchanged).
    pub fn replace_buckets(self, size: usize) -> bool {
        let Ok(size_c) = c_int::try_from(size) else {
            return false;
        };
        let nodes = alloc_buckets(size);
        if nodes.is_null() {
            return false;
        }
        let old = rd!(self.0, nodes);
        // SAFETY: the old array came from calloc and is no longer referenced.
        unsafe { libc::free(old.cast()) };
        wr!(self.0, nodes, nodes);
        wr!(self.0, size, size_c);
        true
    }
}

fn alloc_buckets(size: usize) -> *mut *mut nl_hash_node {
    // libnl-compat: calloc(0, ...) still gives a table (whose keygen would divide by zero);
    // we allocate at least one slot so the pointer is usable.
    // SAFETY: calloc has no preconditions.
    unsafe { libc::calloc(size.max(1), std::mem::size_of::<*mut nl_hash_node>()) }.cast()
}

impl Node {
    /// A new node (`malloc`) for `obj` with bucket `key`, linked before `next`.
    pub fn alloc(key: u32, obj: Obj, next: Option<Node>) -> Option<Node> {
        // SAFETY: malloc has no preconditions; the result is checked and fully initialised.
        let p = unsafe { libc::malloc(std::mem::size_of::<nl_hash_node>()) }.cast::<nl_hash_node>();
        let n = Node(NonNull::new(p)?);
        // SAFETY: p is a fresh block of the right size.
        unsafe {
            p.write(nl_hash_node {
                key,
                key_size: std::mem::size_of::<u32>() as u32,
                obj: obj.as_ptr(),
                next: next.map_or(std::ptr::null_mut(), Node::as_ptr),
            })
        };
        Some(n)
    }
    /// Frees the node.
    ///
    /// # Safety
    /// The node is unlinked and not used afterwards.
    pub unsafe fn release(self) {
        // SAFETY: caller contract; nodes come from malloc.
        unsafe { libc::free(self.as_ptr().cast()) }
    }
    /// The C pointer.
    pub fn as_ptr(self) -> *mut nl_hash_node {
        self.0.as_ptr()
    }
    /// The object.
    pub fn obj(self) -> Option<Obj> {
        let o = rd!(self.0, obj);
        // SAFETY: nodes of a live table hold live objects (the table owns a reference).
        unsafe { Obj::from_ptr(o) }
    }
    /// The next node in the bucket.
    pub fn next(self) -> Option<Node> {
        NonNull::new(rd!(self.0, next)).map(Node)
    }
    /// Sets the next node.
    pub fn set_next(self, n: Option<Node>) {
        wr!(self.0, next, n.map_or(std::ptr::null_mut(), Node::as_ptr))
    }
    /// Sets the bucket key.
    pub fn set_key(self, k: u32) {
        wr!(self.0, key, k)
    }
}

/// Zeroes `len` bytes at `buf` (NULL or 0 ignored): libnl clears dump buffers this way.
///
/// # Safety
/// `buf` is NULL or valid for writes of `len` bytes.
pub unsafe fn zero_buf(buf: *mut c_char, len: usize) {
    if !buf.is_null() && len > 0 {
        // SAFETY: caller contract.
        unsafe { std::ptr::write_bytes(buf.cast::<u8>(), 0, len) }
    }
}

/// Calls a user `void (*)(struct nl_object *, void *)` callback.
///
/// # Safety
/// `cb` is a valid function accepting `arg`.
pub unsafe fn call_obj_cb(
    cb: unsafe extern "C" fn(*mut nl_object, *mut c_void),
    o: Obj,
    arg: *mut c_void,
) {
    // SAFETY: the caller's callback with a live object and its own argument.
    unsafe { cb(o.as_ptr(), arg) }
}
