//! `netlink/cache.h` (the parts that need no socket): caches of objects, their item list and
//! hash index, parsing messages into a cache, and including objects with change callbacks.
//!
//! A cache is libnl's 56-byte `struct nl_cache`, calloc'ed (libnl-idiag writes `c_iarg1/2`
//! and may `free()` it); its objects are linked through their header's `ce_list`, and when
//! the object type has `oo_keygen`, also indexed in a growing hash table (see
//! [`crate::engine::hashtable`]). The algorithms are [`crate::engine::cache`]'s, over [`CModel`],
//! the engine's view of these C blocks.
//!
//! Parsing: [`parse`] is `nl_cache_parse` (length and message-type checks, then the type's
//! `co_msg_parser` with a caller's parameter block); `parse_into` runs it with a parameter
//! block whose one `pp_cb` trampoline hands each parsed object to a Rust closure. The cache
//! layer's parses go through it (`nl_cache_parse_and_add`, the socket-driven operations of
//! `ffi/cache_sync.rs`, the cache manager), and so does `nl_msg_parse`. [`Callbacks`] is a
//! caller's change callback as the engine's [`Listener`].

use std::ffi::{c_char, c_int, c_uint, c_void};

use crate::engine::cache::{self as ec, Change, Listener, Model, Notify};
use crate::engine::hashtable as eh;
use crate::engine::object::DumpType;
use crate::error::Error;
use crate::ffi::object;
use crate::ffi::objhdr::{self, Cache, CacheOps, Obj, Table};
use crate::ffi::types::{
    NL_CACHE_AF_ITER, NL_MAX_HASH_ENTRIES, NL_OBJ_MARK, change_func_t, change_func_v2_t, nl_cache,
    nl_cache_ops, nl_dump_params, nl_msg, nl_object, nl_parser_param,
};
use crate::ffi_entry;

const _: () = assert!(NL_MAX_HASH_ENTRIES == ec::DEFAULT_INDEX_SIZE);

fn table_of(c: Cache) -> Option<Table> {
    // SAFETY: a cache's hashtable field is NULL or the table it owns.
    unsafe { Table::from_ptr(c.table_ptr()) }
}

fn cache_of(o: Obj) -> Option<Cache> {
    // SAFETY: ce_cache is NULL or the live cache holding the object.
    unsafe { Cache::from_ptr(o.cache_ptr()) }
}

/// Allocates an empty cache of type `ops` (one reference; hash index when the object type
/// has a key generator).
pub fn alloc(ops: CacheOps) -> Option<Cache> {
    let c = Cache::alloc()?;
    c.set_ops_ptr(ops.as_ptr());
    c.set_flags(c.flags() | ops.flags());
    c.set_refcnt(1);
    // SAFETY: a cache type's object type is NULL or valid.
    let keygen = unsafe { ops.obj_ops().as_ref() }.is_some_and(|o| o.oo_keygen.is_some());
    if keygen {
        if let Some(t) = crate::ffi::objindex::alloc(ec::index_size(ops.hash_size())) {
            c.set_table_ptr(t.as_ptr());
        }
    }
    crate::nl_dbg!(2, "Allocated cache {:p} <{}>.\n", c.as_ptr(), name_of(c));
    Some(c)
}

fn name_of(c: Cache) -> String {
    // SAFETY: c_ops is NULL or valid.
    unsafe { CacheOps::from_ptr(c.ops_ptr()) }
        .and_then(CacheOps::name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "unknown".into())
}

/// Drops a cache reference, freeing it (and its objects' references) at zero.
pub fn put(c: Option<Cache>) {
    if let Some(c) = c {
        ec::cache_put(&CModel, c);
    }
}

/// Removes every object.
pub fn clear(c: Cache) {
    ec::clear(&CModel, c);
}

/// libnl's caches and objects as the engine's cache algorithms see them: the C blocks behind
/// [`Cache`] and [`Obj`], the object type's callbacks, the hash index.
pub struct CModel;

impl Model for CModel {
    type Obj = Obj;
    type Cache = Cache;

    fn get(&self, o: Obj) {
        object::get(o);
    }
    fn put(&self, o: Obj) {
        object::put(o);
    }
    fn clone_obj(&self, o: Obj) -> Option<Obj> {
        object::clone(o)
    }
    fn has_update(&self, o: Obj) -> bool {
        o.ops().is_some_and(|x| x.oo_update.is_some())
    }
    fn update(&self, dst: Obj, src: Obj) -> Option<c_int> {
        dst.call_update(src)
    }
    fn is_linked(&self, o: Obj) -> bool {
        !o.list_is_self()
    }
    fn owner(&self, o: Obj) -> Option<Cache> {
        cache_of(o)
    }
    fn set_mark(&self, o: Obj, on: bool) {
        let f = o.flags() & !NL_OBJ_MARK;
        o.set_flags(if on { f | NL_OBJ_MARK } else { f });
    }
    fn is_marked(&self, o: Obj) -> bool {
        o.flags() & NL_OBJ_MARK != 0
    }
    fn accepts(&self, c: Cache, o: Obj) -> bool {
        let t = c.obj_ops_ptr();
        !t.is_null() && t == o.ops_ptr()
    }
    fn items(&self, c: Cache) -> Vec<Obj> {
        c.objects()
    }
    fn first(&self, c: Cache) -> Option<Obj> {
        c.first()
    }
    fn next(&self, c: Cache, o: Obj) -> Option<Obj> {
        c.next_of(o)
    }
    fn cache_refcnt(&self, c: Cache) -> c_int {
        c.refcnt()
    }
    fn cache_ref_add(&self, c: Cache) -> c_int {
        c.ref_add()
    }
    fn cache_ref_drop(&self, c: Cache) -> c_int {
        c.ref_drop()
    }
    fn release_cache(&self, c: Cache) {
        if let Some(t) = table_of(c) {
            c.set_table_ptr(std::ptr::null_mut());
            eh::free(t);
        }
        // SAFETY: the engine releases a cache once: empty, its last reference gone.
        unsafe { c.release_block() };
    }
    fn alloc_like(&self, c: Cache, keep_af_iter: bool) -> Option<Cache> {
        // SAFETY: the cache's type is NULL or valid.
        let n = unsafe { CacheOps::from_ptr(c.ops_ptr()) }.and_then(alloc)?;
        if keep_af_iter && c.flags() & NL_CACHE_AF_ITER != 0 {
            n.set_flags(n.flags() | NL_CACHE_AF_ITER);
        }
        Some(n)
    }
    fn can_dump(&self, c: Cache, ty: DumpType) -> bool {
        // SAFETY: the cache's object type is NULL or valid.
        let ops = unsafe { c.obj_ops_ptr().as_ref() };
        ops.is_some_and(|o| o.oo_dump.get(ty as usize).copied().flatten().is_some())
    }
    fn index_lookup(&self, c: Cache, needle: Obj) -> Option<Option<Obj>> {
        table_of(c).map(|t| eh::lookup(t, needle))
    }
    fn link(&self, c: Cache, o: Obj) -> Result<(), Error> {
        o.set_cache_ptr(c.as_ptr());
        if let Some(t) = table_of(c) {
            if let Err(e) = eh::add(t, o) {
                o.set_cache_ptr(std::ptr::null_mut());
                return Err(e);
            }
        }
        c.link_tail(o);
        c.set_nitems(c.nitems().wrapping_add(1));
        Ok(())
    }
    fn unlink(&self, c: Cache, o: Obj) {
        if let Some(t) = table_of(c) {
            if eh::del(t, o).is_err() {
                crate::nl_dbg!(
                    2,
                    "Failed to delete {:p} from cache {:p} <{}>.\n",
                    o.as_ptr(),
                    c.as_ptr(),
                    name_of(c)
                );
            }
        }
        objhdr::unlink(o);
        o.set_cache_ptr(std::ptr::null_mut());
        c.set_nitems(c.nitems().wrapping_sub(1));
    }
    fn msg_action(&self, c: Cache, msgtype: c_int) -> Option<c_int> {
        // SAFETY: c_ops is NULL or a valid cache type.
        let ops = unsafe { CacheOps::from_ptr(c.ops_ptr()) }?;
        ops.msgtypes()
            .into_iter()
            .find(|(_, m)| m.mt_id == msgtype)
            .map(|(_, m)| m.mt_act)
    }
    fn msgtype(&self, o: Obj) -> c_int {
        o.msgtype()
    }
    fn cache_name(&self, c: Cache) -> String {
        name_of(c)
    }
}

/// `nl_cache_add`: adds `o` (a clone of it if it is or was in a cache).
pub fn add(c: Cache, o: Obj) -> c_int {
    crate::ffi::nle0(ec::add(&CModel, c, o))
}

/// `nl_cache_move`: moves `o` into `c` (out of its current cache, if any).
pub fn move_to(c: Cache, o: Obj) -> c_int {
    crate::ffi::nle0(ec::move_to(&CModel, c, o))
}

/// `nl_cache_remove`: takes `o` out of its cache and drops the cache's reference.
pub fn remove(o: Obj) {
    ec::remove(&CModel, o);
}

/// `nl_cache_search`: the cached object identical to `needle`, with a new reference.
pub fn search(c: Cache, needle: Obj) -> Option<Obj> {
    ec::search(&CModel, c, needle)
}

/// An index lookup by key: `bucket` gives the bucket for the table's size, `hit` picks the
/// object (no reference taken). `None` for a cache without an index.
pub fn index_find(
    c: Cache,
    bucket: impl FnOnce(u32) -> u32,
    hit: impl Fn(Obj) -> bool,
) -> Option<Option<Obj>> {
    table_of(c).map(|t| {
        let b = bucket(u32::try_from(t.size()).unwrap_or(u32::MAX));
        eh::lookup_in(t, b as usize, hit)
    })
}

/// A caller's change callback (`change_func_t` or `change_func_v2_t`, at most one set; v2 wins)
/// and its argument: the engine's [`Listener`] of a cache.
#[derive(Clone, Copy, Debug)]
pub struct Callbacks {
    /// Change callback (v1).
    pub cb: change_func_t,
    /// Change callback (v2); takes precedence over `cb`.
    pub cb_v2: change_func_v2_t,
    /// Callback argument.
    pub data: *mut c_void,
}

impl Listener<Cache, Obj> for Callbacks {
    fn notify(&self) -> Notify {
        Notify::of(self.cb.is_some(), self.cb_v2.is_some())
    }

    fn report(&self, c: Cache, ch: Change<Obj>) {
        let p = |x: Option<Obj>| x.map_or(std::ptr::null_mut(), Obj::as_ptr);
        match (self.cb_v2, self.cb) {
            // SAFETY: the caller's change callback with live objects and its own argument.
            (Some(f), _) => unsafe {
                f(c.as_ptr(), p(ch.old), p(ch.new), ch.diff, ch.act, self.data)
            },
            // SAFETY: as above.
            (None, Some(f)) => unsafe { f(c.as_ptr(), p(ch.new), ch.act, self.data) },
            (None, None) => {}
        }
    }
}

/// `nl_cache_include[_v2]`: `o` through the engine's include with the caller's change
/// callbacks.
pub(crate) fn include_entry(c: Cache, o: Obj, l: Callbacks) -> c_int {
    if c.ops_ptr().is_null() {
        return Error::Inval.to_nle();
    }
    let notify = l.notify();
    crate::ffi::nle0(ec::include_by_msgtype(&CModel, c, o, notify, &mut |ch| {
        l.report(c, ch)
    }))
}

/// `nl_cache_mngt_unprovide`'s body: withdraws `c` if it is the provided cache of its type,
/// dropping the registry's reference.
pub fn unprovide(c: Cache) {
    if crate::ffi::cache_mngt::unprovide(c) {
        put(Some(c));
    }
}

/// Parses one message with `ops`' parser (libnl's `nl_cache_parse`).
///
/// # Safety
/// `nlh` is NULL or a message whose `nlmsg_len` bytes are readable; `params` is a live
/// parser parameter block.
pub unsafe fn parse(
    ops: CacheOps,
    who: *mut libc::sockaddr_nl,
    nlh: *mut libc::nlmsghdr,
    params: *mut nl_parser_param,
) -> c_int {
    // SAFETY: caller contract.
    let Some(h) = (unsafe { crate::ffi::ptr::as_ref(nlh) }) else {
        return Error::Inval.to_nle();
    };
    let ty = c_int::from(h.nlmsg_type);
    let matches = ops.msgtype_entries().filter(|(_, m)| m.mt_id == ty).count();
    ec::parse_message(ops.hdrsize(), h.nlmsg_len, matches, || {
        // SAFETY: forwarded contract (readable message, live parameter block).
        unsafe { ops.call_parser(ops.as_ptr(), who, nlh, params) }
            .unwrap_or(Error::OpNotSupp.to_nle())
    })
}

/// A parser parameter block with a Rust closure behind it: `pp` is what the type's parser
/// gets (C parsers only read `pp_cb` and hand the same pointer back to it), `deliver` what
/// [`deliver_trampoline`] calls for each object.
#[repr(C)]
struct Delivery<'a> {
    pp: nl_parser_param,
    deliver: &'a mut dyn FnMut(Obj) -> c_int,
}

/// The `pp_cb` of every parse started by [`parse_into`].
unsafe extern "C" fn deliver_trampoline(o: *mut nl_object, p: *mut nl_parser_param) -> c_int {
    ffi_entry!("nl_cache_parse", {
        // SAFETY: p is the first field of the live Delivery built by parse_into (repr(C), so
        // the pointers coincide); nothing else borrows it while the parser runs.
        let Some(d) = (unsafe { crate::ffi::ptr::as_mut(p.cast::<Delivery>()) }) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: o is the parser's live object.
        match unsafe { Obj::from_ptr(o) } {
            Some(o) => (d.deliver)(o),
            None => Error::Inval.to_nle(),
        }
    })
}

/// [`parse`] with every parsed object handed to `deliver` (its non-zero result is the
/// parser's to act on; libnl's parsers stop and return it).
///
/// # Safety
/// As [`parse`] (`nlh` NULL or a message whose `nlmsg_len` bytes are readable, `who` NULL or
/// readable).
pub(crate) unsafe fn parse_into(
    ops: CacheOps,
    who: *mut libc::sockaddr_nl,
    nlh: *mut libc::nlmsghdr,
    deliver: &mut dyn FnMut(Obj) -> c_int,
) -> c_int {
    let mut d = Delivery {
        pp: nl_parser_param {
            pp_cb: Some(deliver_trampoline),
            pp_arg: std::ptr::null_mut(),
        },
        deliver,
    };
    let pp = (&raw mut d).cast::<nl_parser_param>();
    // SAFETY: forwarded contract; pp points at the live Delivery for the whole call.
    unsafe { parse(ops, who, nlh, pp) }
}

fn cache(p: *mut nl_cache) -> Option<Cache> {
    // SAFETY: every exported function's contract: p is NULL or a live cache.
    unsafe { Cache::from_ptr(p) }
}

fn obj(p: *mut nl_object) -> Option<Obj> {
    // SAFETY: every exported function's contract: p is NULL or a live object.
    unsafe { Obj::from_ptr(p) }
}

fn optr(o: Option<Obj>) -> *mut nl_object {
    o.map_or(std::ptr::null_mut(), Obj::as_ptr)
}

// ---- exported functions, in cache.h order ----

/// `nl_cache_nitems`: number of objects.
///
/// # Returns
/// The count (0 for NULL; libnl-compat: libnl crashes).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_nitems(cache: *mut nl_cache) -> c_int {
    ffi_entry!("nl_cache_nitems", {
        self::cache(cache).map_or(0, Cache::nitems)
    })
}

/// `nl_cache_nitems_filter`: number of objects matching `filter` (all with NULL filter).
///
/// # Returns
/// The count.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache; `filter` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_nitems_filter(
    cache: *mut nl_cache,
    filter: *mut nl_object,
) -> c_int {
    ffi_entry!("nl_cache_nitems_filter", {
        let Some(c) = self::cache(cache) else {
            return 0;
        };
        let n = ec::matching(&CModel, c, obj(filter)).len();
        c_int::try_from(n).unwrap_or(c_int::MAX)
    })
}

/// `nl_cache_get_ops`: the cache's type.
///
/// # Returns
/// The type (NULL for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_get_ops(cache: *mut nl_cache) -> *mut nl_cache_ops {
    ffi_entry!("nl_cache_get_ops", {
        self::cache(cache).map_or(std::ptr::null_mut(), Cache::ops_ptr)
    })
}

/// `nl_cache_get_first`: the first object.
///
/// # Returns
/// The object or NULL.
///
/// # Ownership
/// Borrowed: no reference is taken.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_get_first(cache: *mut nl_cache) -> *mut nl_object {
    ffi_entry!("nl_cache_get_first", {
        optr(self::cache(cache).and_then(Cache::first))
    })
}

/// `nl_cache_get_last`: the last object.
///
/// # Returns
/// The object or NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_get_last(cache: *mut nl_cache) -> *mut nl_object {
    ffi_entry!("nl_cache_get_last", {
        optr(self::cache(cache).and_then(Cache::last))
    })
}

/// `nl_cache_get_next`: the object after `obj` in its cache.
///
/// # Returns
/// The object, or NULL at the end (and for an object in no cache; libnl-compat: libnl
/// crashes).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_get_next(obj: *mut nl_object) -> *mut nl_object {
    ffi_entry!("nl_cache_get_next", {
        let o = self::obj(obj);
        optr(o.and_then(|o| cache_of(o).and_then(|c| c.next_of(o))))
    })
}

/// `nl_cache_get_prev`: the object before `obj` in its cache.
///
/// # Returns
/// The object or NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_get_prev(obj: *mut nl_object) -> *mut nl_object {
    ffi_entry!("nl_cache_get_prev", {
        let o = self::obj(obj);
        optr(o.and_then(|o| cache_of(o).and_then(|c| c.prev_of(o))))
    })
}

/// `nl_cache_alloc`: an empty cache of type `ops`.
///
/// # Returns
/// The cache, or NULL for NULL ops or no memory.
///
/// # Ownership
/// The caller owns the reference (release with `nl_cache_free`/`nl_cache_put`). The block is
/// libc-allocated.
///
/// # Safety
/// `ops` is NULL or a valid cache type outliving the cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_alloc(ops: *mut nl_cache_ops) -> *mut nl_cache {
    ffi_entry!("nl_cache_alloc", {
        // SAFETY: caller contract.
        unsafe { CacheOps::from_ptr(ops) }
            .and_then(alloc)
            .map_or(std::ptr::null_mut(), Cache::as_ptr)
    })
}

/// `nl_cache_alloc_name`: an empty cache of the registered type named `kind`.
///
/// # Returns
/// 0 and `*result` set; `-NLE_NOCACHE` for an unknown name, `-NLE_NOMEM`; `-NLE_INVAL` for
/// NULL arguments (libnl-compat: libnl crashes).
///
/// # Ownership
/// `*result` receives a new reference.
///
/// # Safety
/// `kind` is NULL or a C string; `result` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_alloc_name(
    kind: *const c_char,
    result: *mut *mut nl_cache,
) -> c_int {
    ffi_entry!("nl_cache_alloc_name", {
        crate::ffi_check!(
            "nl_cache_alloc_name",
            !result.is_null(),
            Error::Inval.to_nle()
        );
        // SAFETY: kind is NULL or a C string (caller contract).
        let Some(kind) = (unsafe { crate::ffi::ptr::cstr(kind) }) else {
            return Error::Inval.to_nle();
        };
        let Some(ops) = crate::ffi::cache_mngt::lookup_ref(kind) else {
            return Error::NoCache.to_nle();
        };
        let c = alloc(ops);
        crate::ffi::cache_mngt::ops_put(ops);
        let Some(c) = c else {
            return Error::NoMem.to_nle();
        };
        // SAFETY: result is non-NULL and writable (caller contract).
        unsafe { crate::ffi::ptr::write_out(result, c.as_ptr()) };
        0
    })
}

/// `nl_cache_subset`: a new cache of the same type holding the objects that match `filter`.
///
/// # Returns
/// The cache, or NULL (also for NULL arguments; libnl-compat: libnl aborts on a NULL
/// filter).
///
/// # Ownership
/// New reference; objects are shared (their reference counts go up).
///
/// # Safety
/// `orig` is NULL or a live cache; `filter` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_subset(
    orig: *mut nl_cache,
    filter: *mut nl_object,
) -> *mut nl_cache {
    ffi_entry!("nl_cache_subset", {
        let (Some(c), Some(f)) = (cache(orig), obj(filter)) else {
            return std::ptr::null_mut();
        };
        ec::subset(&CModel, c, f).map_or(std::ptr::null_mut(), Cache::as_ptr)
    })
}

/// `nl_cache_clone`: a new cache of the same type with (clones of) all objects.
///
/// # Returns
/// The cache or NULL.
///
/// # Ownership
/// New reference.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_clone(cache: *mut nl_cache) -> *mut nl_cache {
    ffi_entry!("nl_cache_clone", {
        let n = self::cache(cache).and_then(|c| ec::clone_cache(&CModel, c));
        n.map_or(std::ptr::null_mut(), Cache::as_ptr)
    })
}

/// `nl_cache_clear`: removes all objects.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// The cache's references on its objects are dropped.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_clear(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_clear", {
        if let Some(c) = self::cache(cache) {
            clear(c);
        }
    })
}

/// `nl_cache_get`: takes a reference on the cache.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Release with `nl_cache_put`.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_get(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_get", {
        if let Some(c) = self::cache(cache) {
            ec::cache_get(&CModel, c);
        }
    })
}

/// `nl_cache_free`: drops a reference; at zero the cache is emptied and freed.
///
/// # Returns
/// Nothing. NULL is ignored.
///
/// # Ownership
/// Releases the caller's reference.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_free(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_free", { put(self::cache(cache)) })
}

/// `nl_cache_put`: same as [`nl_cache_free`].
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Releases the caller's reference.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_put(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_put", { put(self::cache(cache)) })
}

/// `nl_cache_add`: adds `obj` (a clone if it is, or was, in a cache).
///
/// # Returns
/// 0; `-NLE_OBJ_MISMATCH` for another object type, `-NLE_EXIST` when the hash index holds an
/// identical object, `-NLE_NOMEM`; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// The cache takes its own reference.
///
/// # Safety
/// `cache` is NULL or a live cache; `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_add(cache: *mut nl_cache, obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_cache_add", {
        match (self::cache(cache), self::obj(obj)) {
            (Some(c), Some(o)) => add(c, o),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cache_parse_and_add`: parses `msg` with the cache type's parser and adds the
/// resulting objects.
///
/// # Returns
/// The parser's result (0), `-NLE_MSG_TOOSHORT`, `-NLE_MSGTYPE_NOSUPPORT`, or an add error;
/// `-NLE_INVAL` for NULL.
///
/// # Ownership
/// `msg` is borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache; `msg` is NULL or a live message.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_parse_and_add(cache: *mut nl_cache, msg: *mut nl_msg) -> c_int {
    ffi_entry!("nl_cache_parse_and_add", {
        let Some(c) = self::cache(cache) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: the cache's type is NULL or valid.
        let Some(ops) = (unsafe { CacheOps::from_ptr(c.ops_ptr()) }) else {
            return Error::Inval.to_nle();
        };
        if msg.is_null() {
            return Error::Inval.to_nle();
        }
        // SAFETY: msg is a live message (caller contract).
        let nlh = unsafe { nl_msg::head(msg) }.map_or(std::ptr::null_mut(), |h| h.nm_nlh.get());
        // SAFETY: nlh is the live message's header (NULL for none).
        unsafe { parse_into(ops, std::ptr::null_mut(), nlh, &mut |o| add(c, o)) }
    })
}

/// `nl_cache_parse`: parses one message with `ops`' parser, delivering objects to
/// `params->pp_cb` (exported by libnl without a public prototype).
///
/// # Returns
/// The parser's result; `-NLE_MSG_TOOSHORT` when the message is shorter than the family
/// header, `-NLE_MSGTYPE_NOSUPPORT` for a type `ops` does not handle; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// All borrowed.
///
/// # Safety
/// `ops` is NULL or a valid cache type; `nlh` is NULL or a message whose `nlmsg_len` bytes
/// are readable; `params` is NULL or a live parser parameter block.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_parse(
    ops: *mut nl_cache_ops,
    who: *mut libc::sockaddr_nl,
    nlh: *mut libc::nlmsghdr,
    params: *mut nl_parser_param,
) -> c_int {
    ffi_entry!("nl_cache_parse", {
        // SAFETY: caller contract.
        let Some(o) = (unsafe { CacheOps::from_ptr(ops) }) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: forwarded contract.
        unsafe { parse(o, who, nlh, params) }
    })
}

/// `nl_cache_move`: moves `obj` into `cache`, out of the cache it is in.
///
/// # Returns
/// 0; `-NLE_OBJ_MISMATCH`, `-NLE_EXIST`, `-NLE_NOMEM`; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// The target cache holds a reference afterwards; the old cache's is dropped.
///
/// # Safety
/// `cache` is NULL or a live cache; `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_move(cache: *mut nl_cache, obj: *mut nl_object) -> c_int {
    ffi_entry!("nl_cache_move", {
        match (self::cache(cache), self::obj(obj)) {
            (Some(c), Some(o)) => move_to(c, o),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cache_remove`: takes `obj` out of its cache (nothing if it is in none).
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// The cache's reference is dropped (which may free the object).
///
/// # Safety
/// `obj` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_remove(obj: *mut nl_object) {
    ffi_entry!("nl_cache_remove", {
        if let Some(o) = self::obj(obj) {
            remove(o);
        }
    })
}

/// `nl_cache_include`: applies `obj` to the cache as its message type's action says (new:
/// add or replace; del: remove), calling `change_cb` for what changed.
///
/// # Returns
/// 0; `-NLE_OBJ_MISMATCH`, `-NLE_MSGTYPE_NOSUPPORT`; `-NLE_INVAL` for NULL.
///
/// # Ownership
/// The cache takes a reference when it keeps `obj`.
///
/// # Safety
/// `cache`/`obj` are NULL or live; `change_cb` is NULL or a valid function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_include(
    cache: *mut nl_cache,
    obj: *mut nl_object,
    change_cb: change_func_t,
    data: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cache_include", {
        match (self::cache(cache), self::obj(obj)) {
            (Some(c), Some(o)) => include_entry(
                c,
                o,
                Callbacks {
                    cb: change_cb,
                    cb_v2: None,
                    data,
                },
            ),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cache_include_v2`: as [`nl_cache_include`] with the v2 callback (old and new object
/// and the attribute difference).
///
/// # Returns
/// As [`nl_cache_include`].
///
/// # Ownership
/// As [`nl_cache_include`].
///
/// # Safety
/// As [`nl_cache_include`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_include_v2(
    cache: *mut nl_cache,
    obj: *mut nl_object,
    change_cb: change_func_v2_t,
    data: *mut c_void,
) -> c_int {
    ffi_entry!("nl_cache_include_v2", {
        match (self::cache(cache), self::obj(obj)) {
            (Some(c), Some(o)) => include_entry(
                c,
                o,
                Callbacks {
                    cb: None,
                    cb_v2: change_cb,
                    data,
                },
            ),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `nl_cache_set_arg1`: sets the type-specific argument 1 (`c_iarg1`).
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_set_arg1(cache: *mut nl_cache, arg: c_int) {
    ffi_entry!("nl_cache_set_arg1", {
        if let Some(c) = self::cache(cache) {
            c.set_iarg1(arg);
        }
    })
}

/// `nl_cache_set_arg2`: sets the type-specific argument 2 (`c_iarg2`).
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_set_arg2(cache: *mut nl_cache, arg: c_int) {
    ffi_entry!("nl_cache_set_arg2", {
        if let Some(c) = self::cache(cache) {
            c.set_iarg2(arg);
        }
    })
}

/// `nl_cache_set_flags`: ORs `flags` into the cache's flags.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_set_flags(cache: *mut nl_cache, flags: c_uint) {
    ffi_entry!("nl_cache_set_flags", {
        if let Some(c) = self::cache(cache) {
            c.set_flags(c.flags() | flags);
        }
    })
}

/// `nl_cache_is_empty`: whether the cache holds no object.
///
/// # Returns
/// 1 or 0 (1 for NULL).
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_is_empty(cache: *mut nl_cache) -> c_int {
    ffi_entry!("nl_cache_is_empty", {
        self::cache(cache).map_or(1, |c| c_int::from(c.is_empty()))
    })
}

/// `nl_cache_search`: the cached object identical to `needle` (hash lookup when the cache
/// has an index, else a scan).
///
/// # Returns
/// The object or NULL.
///
/// # Ownership
/// New reference: release with `nl_object_put`.
///
/// # Safety
/// `cache` is NULL or a live cache; `needle` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_search(
    cache: *mut nl_cache,
    needle: *mut nl_object,
) -> *mut nl_object {
    ffi_entry!("nl_cache_search", {
        match (self::cache(cache), obj(needle)) {
            (Some(c), Some(n)) => optr(search(c, n)),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `nl_cache_find`: the first object matching `filter` (a hash lookup when the filter sets
/// exactly the identity attributes).
///
/// # Returns
/// The object or NULL.
///
/// # Ownership
/// New reference.
///
/// # Safety
/// `cache` is NULL or a live cache; `filter` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_find(
    cache: *mut nl_cache,
    filter: *mut nl_object,
) -> *mut nl_object {
    ffi_entry!("nl_cache_find", {
        match (self::cache(cache), obj(filter)) {
            (Some(c), Some(f)) => optr(ec::find(&CModel, c, f)),
            _ => std::ptr::null_mut(),
        }
    })
}

/// `nl_cache_mark_all`: marks every object.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mark_all(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_mark_all", {
        if let Some(c) = self::cache(cache) {
            ec::resync_mark(&CModel, c);
        }
    })
}

/// `nl_cache_dump`: dumps every object (see [`nl_cache_dump_filter`]).
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// As [`nl_cache_dump_filter`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_dump(cache: *mut nl_cache, params: *mut nl_dump_params) {
    ffi_entry!("nl_cache_dump", {
        if let Some(c) = self::cache(cache) {
            // SAFETY: forwarded contract.
            unsafe { dump_filter(c, params, None) }
        }
    })
}

/// `nl_cache_dump_filter`: dumps the objects matching `filter` (all with NULL) through the
/// object type's dump callback for `params->dp_type`; `dp_buf` is zeroed first.
///
/// # Returns
/// Nothing. libnl-compat: libnl aborts on a dump type outside 0..2 and crashes on NULL
/// params with a non-empty cache; we do nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `cache` is NULL or a live cache; `params` is NULL or a writable block whose `dp_buf` (if
/// set) has `dp_buflen` writable bytes; `filter` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_dump_filter(
    cache: *mut nl_cache,
    params: *mut nl_dump_params,
    filter: *mut nl_object,
) {
    ffi_entry!("nl_cache_dump_filter", {
        if let Some(c) = self::cache(cache) {
            // SAFETY: forwarded contract.
            unsafe { dump_filter(c, params, obj(filter)) }
        }
    })
}

/// The body of [`nl_cache_dump_filter`].
///
/// # Safety
/// `params` is NULL or a writable block whose `dp_buf` (if set) has `dp_buflen` writable
/// bytes.
pub(crate) unsafe fn dump_filter(c: Cache, params: *mut nl_dump_params, filter: Option<Obj>) {
    // SAFETY: params is NULL or live (caller contract); fields are copied out.
    let Some((ty, buf, len)) =
        (unsafe { params.as_ref() }).map(|p| (p.dp_type, p.dp_buf, p.dp_buflen))
    else {
        return;
    };
    crate::nl_dbg!(
        2,
        "Dumping cache {:p} <{}> with filter {:p}\n",
        c.as_ptr(),
        name_of(c),
        optr(filter)
    );
    let begin = || {
        // SAFETY: dp_buf has dp_buflen writable bytes (caller contract).
        unsafe { objhdr::zero_buf(buf, len) }
    };
    let each = |o| {
        // SAFETY: params is live and writable (caller contract).
        unsafe { object::dump_one(o, params) }
    };
    ec::dump(&CModel, c, ty, filter, begin, each);
}

/// `nl_cache_foreach`: calls `cb(obj, arg)` for every object.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Each object is held (+1) during its callback; the callback may remove it.
///
/// # Safety
/// `cache` is NULL or a live cache; `cb` is NULL or a valid function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_foreach(
    cache: *mut nl_cache,
    cb: Option<unsafe extern "C" fn(*mut nl_object, *mut c_void)>,
    arg: *mut c_void,
) {
    ffi_entry!("nl_cache_foreach", {
        // SAFETY: forwarded contract.
        unsafe { nl_cache_foreach_filter(cache, std::ptr::null_mut(), cb, arg) }
    })
}

/// `nl_cache_foreach_filter`: calls `cb(obj, arg)` for every object matching `filter`.
///
/// # Returns
/// Nothing (NULL cache or callback: nothing happens).
///
/// # Ownership
/// As [`nl_cache_foreach`].
///
/// # Safety
/// As [`nl_cache_foreach`]; `filter` is NULL or a live object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_foreach_filter(
    cache: *mut nl_cache,
    filter: *mut nl_object,
    cb: Option<unsafe extern "C" fn(*mut nl_object, *mut c_void)>,
    arg: *mut c_void,
) {
    ffi_entry!("nl_cache_foreach_filter", {
        let (Some(c), Some(cb)) = (self::cache(cache), cb) else {
            return;
        };
        ec::foreach(&CModel, c, obj(filter), |o| {
            // SAFETY: cb is the caller's valid callback taking its own arg.
            unsafe { objhdr::call_obj_cb(cb, o, arg) }
        });
    })
}

/// `nl_cache_mngt_unprovide`: withdraws `cache` if it is the provided cache of its type.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Drops the registry's references on the cache and the type.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngt_unprovide(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_mngt_unprovide", {
        if let Some(c) = self::cache(cache) {
            unprovide(c);
        }
    })
}
