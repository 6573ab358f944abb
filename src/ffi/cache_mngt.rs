//! The cache-type registry (the "cache type management" part of `netlink/cache.h`):
//! register/unregister, lookups by name and by (protocol, message type), reference counts
//! on types, and the provide/require mechanism for globally shared caches. The rules and
//! lookups are the engine's ([`Registry`]), over the C tables seen as [`CacheType`].
//!
//! libnl keeps the registry as a list linked through `co_next`; libnlrs keeps the same order
//! (newest first) in a Rust list of the tables behind a mutex, so nothing depends on
//! constructor order: the registry is usable from the first call (a plug-in's ELF
//! constructor, before `main`), and built-in cache types defined in Rust (handed over at load)
//! are registered lazily on first use, which also works when libnlrs is linked statically.

use std::ffi::{CStr, c_char, c_int, c_uint, c_void};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::engine::dump::MsgTypeInfo;
use crate::engine::registry::{CacheType, Registry, type_get, type_put};
use crate::error::Error;
use crate::ffi::objhdr::{Cache, CacheOps};
use crate::ffi::types::{nl_cache, nl_cache_ops, nl_msgtype, nl_object_ops};
use crate::ffi_entry;
use crate::sys::lock::{Mutex, MutexGuard};

static REGISTRY: Mutex<Registry<CacheOps>> = Mutex::new(Registry::new());

// SAFETY: a `CacheOps` is the address of a cache type table, process-wide data libnl shares
// between threads; the registry only writes the core's fields of a table under its lock.
unsafe impl Send for CacheOps {}

/// The cache types built into libnlrs (`ffi::init::CACHE_TYPES`), handed over by the load-time
/// constructor and registered on the registry's first use after that.
static BUILTIN_TYPES: OnceLock<&'static [fn() -> *mut nl_cache_ops]> = OnceLock::new();
/// Whether the built-in types are in the registry.
static BUILTINS_DONE: AtomicBool = AtomicBool::new(false);

/// Hands over the built-in cache types (once, from the load-time constructor).
pub fn set_builtin_types(types: &'static [fn() -> *mut nl_cache_ops]) {
    let _ = BUILTIN_TYPES.set(types);
}

/// The registry, with the built-in types registered on first use. libnl registers them from
/// its libraries' constructors; libnlrs, one library, does it when the registry is first
/// consulted (so a program that never touches cache types sees no `Registered cache
/// operations` debug line, as a program not linking libnl-genl). They go behind every type
/// registered so far, as the oldest entries, in list order: a program's constructor that
/// registers its own type before ours has run (static links) sees the same registry as one
/// that runs after it.
fn registry() -> MutexGuard<'static, Registry<CacheOps>> {
    let mut g = REGISTRY.lock();
    if !BUILTINS_DONE.load(Ordering::Acquire) {
        if let Some(types) = BUILTIN_TYPES.get() {
            BUILTINS_DONE.store(true, Ordering::Release);
            for (i, f) in types.iter().enumerate() {
                // SAFETY: built-in tables are valid statics.
                if let Some(ops) = unsafe { CacheOps::from_ptr(f()) } {
                    let _ = g.register_builtin(ops, i);
                }
            }
        }
    }
    g
}

/// A cache type table as the engine's registry sees it. Registered tables stay valid while
/// registered (their definer unregisters them before they go away).
impl CacheType for CacheOps {
    type ObjType = *mut nl_object_ops;
    type Cache = Cache;

    fn name(self) -> Option<&'static [u8]> {
        CacheOps::name(self).map(CStr::to_bytes)
    }
    fn protocol(self) -> c_int {
        CacheOps::protocol(self)
    }
    fn handles(self, msgtype: c_int) -> bool {
        self.msgtypes().iter().any(|(_, m)| m.mt_id == msgtype)
    }
    fn msgtype_name(self, msgtype: c_int) -> Option<String> {
        let (_, mt) = self
            .msgtypes()
            .into_iter()
            .find(|(_, m)| m.mt_id == msgtype)?;
        // SAFETY: mt_name is NULL or a C string living as long as the type.
        let name = unsafe { crate::ffi::ptr::cstr(mt.mt_name) };
        Some(
            name.map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    }
    fn hdrsize(self) -> c_int {
        CacheOps::hdrsize(self)
    }
    fn obj_type(self) -> Option<*mut nl_object_ops> {
        Some(self.obj_ops()).filter(|p| !p.is_null())
    }
    fn keygen_without_compare(self) -> bool {
        // SAFETY: co_obj_ops is NULL or a valid object type (the type's definer's contract).
        unsafe { self.obj_ops().as_ref() }
            .is_some_and(|oo| oo.oo_keygen.is_some() && oo.oo_compare.is_none())
    }
    fn refcnt(self) -> u32 {
        CacheOps::refcnt(self)
    }
    fn set_refcnt(self, n: u32) {
        CacheOps::set_refcnt(self, n)
    }
    fn major_cache(self) -> Option<Cache> {
        // SAFETY: co_major_cache is NULL or a cache the registry holds a reference on.
        unsafe { Cache::from_ptr(CacheOps::major_cache(self)) }
    }
    fn set_major_cache(self, c: Option<Cache>) {
        CacheOps::set_major_cache(self, c.map_or(std::ptr::null_mut(), Cache::as_ptr))
    }
    fn clear_link(self) {
        self.set_next(std::ptr::null_mut())
    }
}

/// Looks a type up by name and takes a reference on it.
pub fn lookup_ref(name: &CStr) -> Option<CacheOps> {
    registry().lookup_ref(name.to_bytes())
}

/// Looks a type up by (protocol, message type) and takes a reference on it.
pub fn associate_ref(protocol: c_int, msgtype: c_int) -> Option<CacheOps> {
    registry().associate_ref(protocol, msgtype)
}

/// Drops a type reference.
pub fn ops_put(o: CacheOps) {
    let _g = registry();
    type_put(o);
}

/// The cache types built into libnlrs, as handed over at load (empty before that).
pub fn builtin_types() -> &'static [fn() -> *mut nl_cache_ops] {
    BUILTIN_TYPES.get().copied().unwrap_or_default()
}

/// `nl_cache_mngt_register` for Rust callers ([`Registry::register`]).
pub fn register(o: CacheOps) -> Result<(), Error> {
    registry().register(o)
}

/// `nl_cache_mngt_unregister` for Rust callers ([`Registry::unregister`]).
pub fn unregister(o: CacheOps) -> Result<(), Error> {
    registry().unregister(o)
}

/// Dump-time knowledge for `nl_msg_dump`: cache name, message-type name and family header
/// size of the type registered for (protocol, msgtype).
pub fn msgtype_info(protocol: c_int, msgtype: c_int) -> Option<MsgTypeInfo> {
    registry().msgtype_info(protocol, msgtype)
}

fn cops(p: *mut nl_cache_ops) -> Option<CacheOps> {
    // SAFETY: every exported function's contract: p is NULL or a valid cache type.
    unsafe { CacheOps::from_ptr(p) }
}

fn name_arg<'a>(p: *const c_char) -> Option<&'a CStr> {
    // SAFETY: every exported function's contract: p is NULL or a C string.
    unsafe { crate::ffi::ptr::cstr(p) }
}

/// `nl_cache_ops_lookup`: the registered cache type named `name`.
///
/// # Returns
/// The type or NULL (also for NULL `name`; libnl-compat: libnl crashes).
///
/// # Ownership
/// Borrowed: no reference is taken (see `nl_cache_ops_lookup_safe`).
///
/// # Safety
/// `name` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_lookup(name: *const c_char) -> *mut nl_cache_ops {
    ffi_entry!("nl_cache_ops_lookup", {
        name_arg(name)
            .and_then(|n| registry().find_name(n.to_bytes()))
            .map_or(std::ptr::null_mut(), CacheOps::as_ptr)
    })
}

/// `__nl_cache_ops_lookup`: as [`nl_cache_ops_lookup`] (libnl's lock-free internal variant).
///
/// # Returns
/// The type or NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `name` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __nl_cache_ops_lookup(name: *const c_char) -> *mut nl_cache_ops {
    ffi_entry!("__nl_cache_ops_lookup", {
        // SAFETY: forwarded contract.
        unsafe { nl_cache_ops_lookup(name) }
    })
}

/// `nl_cache_ops_lookup_safe`: as [`nl_cache_ops_lookup`], taking a reference.
///
/// # Returns
/// The type or NULL.
///
/// # Ownership
/// The caller must release the reference with `nl_cache_ops_put`.
///
/// # Safety
/// `name` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_lookup_safe(name: *const c_char) -> *mut nl_cache_ops {
    ffi_entry!("nl_cache_ops_lookup_safe", {
        name_arg(name)
            .and_then(lookup_ref)
            .map_or(std::ptr::null_mut(), CacheOps::as_ptr)
    })
}

/// `nl_cache_ops_associate`: the cache type of `protocol` that handles message type
/// `msgtype`.
///
/// # Returns
/// The type or NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_associate(
    protocol: c_int,
    msgtype: c_int,
) -> *mut nl_cache_ops {
    ffi_entry!("nl_cache_ops_associate", {
        let t = registry().find_assoc(protocol, msgtype);
        t.map_or(std::ptr::null_mut(), CacheOps::as_ptr)
    })
}

/// `nl_cache_ops_associate_safe`: as [`nl_cache_ops_associate`], taking a reference.
///
/// # Returns
/// The type or NULL.
///
/// # Ownership
/// Release with `nl_cache_ops_put`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_associate_safe(
    protocol: c_int,
    msgtype: c_int,
) -> *mut nl_cache_ops {
    ffi_entry!("nl_cache_ops_associate_safe", {
        associate_ref(protocol, msgtype).map_or(std::ptr::null_mut(), CacheOps::as_ptr)
    })
}

/// `nl_msgtype_lookup`: the entry of `ops`'s message-type table with id `msgtype`.
///
/// # Returns
/// The entry or NULL (also for NULL `ops`; libnl-compat: libnl crashes).
///
/// # Ownership
/// Points into `ops`.
///
/// # Safety
/// `ops` is NULL or a valid cache type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_msgtype_lookup(
    ops: *mut nl_cache_ops,
    msgtype: c_int,
) -> *mut nl_msgtype {
    ffi_entry!("nl_msgtype_lookup", {
        cops(ops)
            .and_then(|o| o.msgtypes().into_iter().find(|(_, m)| m.mt_id == msgtype))
            .map_or(std::ptr::null_mut(), |(p, _)| p)
    })
}

/// `nl_cache_ops_foreach`: calls `cb(ops, arg)` for every registered type, newest first.
///
/// # Returns
/// Nothing (a NULL `cb` does nothing).
///
/// # Ownership
/// `arg` is passed through.
///
/// # Safety
/// `cb` is NULL or a valid function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_foreach(
    cb: Option<unsafe extern "C" fn(*mut nl_cache_ops, *mut c_void)>,
    arg: *mut c_void,
) {
    ffi_entry!("nl_cache_ops_foreach", {
        let Some(cb) = cb else {
            return;
        };
        // A snapshot, so the callback may itself use the registry.
        let list = registry().snapshot();
        for e in list {
            // SAFETY: the caller's callback with a registered type.
            unsafe { cb(e.as_ptr(), arg) };
        }
    })
}

/// `nl_cache_ops_set_flags`: ORs `flags` into the type's `co_flags`.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `ops` is NULL or a valid cache type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_set_flags(ops: *mut nl_cache_ops, flags: c_uint) {
    ffi_entry!("nl_cache_ops_set_flags", {
        if let Some(o) = cops(ops) {
            let _g = registry();
            o.set_flags(o.flags() | flags);
        }
    })
}

/// `nl_cache_ops_get`: takes a reference on a cache type.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Release with `nl_cache_ops_put`.
///
/// # Safety
/// `ops` is NULL or a valid cache type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_get(ops: *mut nl_cache_ops) {
    ffi_entry!("nl_cache_ops_get", {
        if let Some(o) = cops(ops) {
            let _g = registry();
            type_get(o);
        }
    })
}

/// `nl_cache_ops_put`: drops a reference on a cache type.
///
/// # Returns
/// Nothing.
///
/// # Ownership
/// Releases the caller's reference.
///
/// # Safety
/// `ops` is NULL or a valid cache type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_ops_put(ops: *mut nl_cache_ops) {
    ffi_entry!("nl_cache_ops_put", {
        if let Some(o) = cops(ops) {
            ops_put(o);
        }
    })
}

/// `nl_cache_mngt_register`: registers a cache type (name must be unique).
///
/// # Returns
/// 0; `-NLE_INVAL` without name or object type (or NULL), `-NLE_EXIST` for a duplicate
/// name. libnl-compat: libnl aborts for an object type with `oo_keygen` but no
/// `oo_compare`; we return `-NLE_INVAL`.
///
/// # Ownership
/// The table stays the caller's and must stay valid until unregistered; the core writes its
/// `co_refcnt`, `co_next` and `co_major_cache`.
///
/// # Safety
/// `ops` is NULL or a writable cache type with a terminated message-type table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngt_register(ops: *mut nl_cache_ops) -> c_int {
    ffi_entry!("nl_cache_mngt_register", {
        let Some(o) = cops(ops) else {
            return Error::Inval.to_nle();
        };
        crate::ffi::nle0(register(o))
    })
}

/// `nl_cache_mngt_unregister`: removes a cache type from the registry.
///
/// # Returns
/// 0; `-NLE_BUSY` while references are held, `-NLE_NOCACHE` if not registered.
///
/// # Ownership
/// The table is the caller's again.
///
/// # Safety
/// `ops` is NULL or a valid cache type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngt_unregister(ops: *mut nl_cache_ops) -> c_int {
    ffi_entry!("nl_cache_mngt_unregister", {
        let Some(o) = cops(ops) else {
            return Error::NoCache.to_nle();
        };
        crate::ffi::nle0(unregister(o))
    })
}

fn cache_arg(p: *mut nl_cache) -> Option<Cache> {
    // SAFETY: every exported function's contract: p is NULL or a live cache.
    unsafe { Cache::from_ptr(p) }
}

/// `nl_cache_mngt_provide`: makes `cache` the globally available cache of its type (for
/// `nl_cache_mngt_require`), replacing a previously provided one.
///
/// # Returns
/// Nothing. libnl-compat: libnl aborts when no registered type has the cache's object type;
/// we do nothing.
///
/// # Ownership
/// The registry takes a reference on `cache` (and on the type); like libnl, the reference
/// it took on a cache provided before is not dropped.
///
/// # Safety
/// `cache` is NULL or a live cache.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngt_provide(cache: *mut nl_cache) {
    ffi_entry!("nl_cache_mngt_provide", {
        if let Some(c) = cache_arg(cache) {
            provide(c);
        }
    })
}

/// The body of [`nl_cache_mngt_provide`] (the cache manager's `NL_AUTO_PROVIDE` uses it too).
/// libnl-compat: the reference taken on a cache provided before is kept (libnl never drops
/// it), so a replaced cache stays alive until its owner frees it once more.
pub fn provide(c: Cache) {
    if registry().provide(c.obj_ops_ptr(), c) {
        c.ref_add();
    }
}

/// The registry half of `nl_cache_mngt_unprovide` (the exported function is in
/// `ffi::cache`): withdraws `c` if it is the provided cache of its registered type. Returns
/// whether it was, in which case the caller drops the reference the registry held.
pub fn unprovide(c: Cache) -> bool {
    registry().unprovide(c.obj_ops_ptr(), c)
}

/// The provided cache of the type named `name` (borrowed), for Rust callers.
#[cfg(feature = "route")]
pub(crate) fn provided(name: &CStr) -> Option<Cache> {
    registry().require(name.to_bytes())
}

fn require(name: *const c_char) -> *mut nl_cache {
    let c = name_arg(name).and_then(|n| registry().require(n.to_bytes()));
    c.map_or(std::ptr::null_mut(), Cache::as_ptr)
}

/// `__nl_cache_mngt_require`: the provided cache of the type named `name`, quietly.
///
/// # Returns
/// The cache or NULL.
///
/// # Ownership
/// Borrowed.
///
/// # Safety
/// `name` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn __nl_cache_mngt_require(name: *const c_char) -> *mut nl_cache {
    ffi_entry!("__nl_cache_mngt_require", { require(name) })
}

/// `nl_cache_mngt_require`: the provided cache of the type named `name` (debug message when
/// there is none).
///
/// # Returns
/// The cache or NULL.
///
/// # Ownership
/// Borrowed (see `nl_cache_mngt_require_safe`).
///
/// # Safety
/// `name` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngt_require(name: *const c_char) -> *mut nl_cache {
    ffi_entry!("nl_cache_mngt_require", {
        let c = require(name);
        if c.is_null() {
            crate::nl_dbg!(
                1,
                "Application BUG: Your application must call nl_cache_mngt_provide() and\nprovide a valid {} cache to be used for internal lookups.\nSee the  API documentation for more details.\n",
                name_arg(name)
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
        }
        c
    })
}

/// `nl_cache_mngt_require_safe`: as [`nl_cache_mngt_require`], taking a reference.
///
/// # Returns
/// The cache or NULL.
///
/// # Ownership
/// Release with `nl_cache_put`.
///
/// # Safety
/// `name` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nl_cache_mngt_require_safe(name: *const c_char) -> *mut nl_cache {
    ffi_entry!("nl_cache_mngt_require_safe", {
        // SAFETY: forwarded contract.
        let c = unsafe { nl_cache_mngt_require(name) };
        if let Some(cc) = cache_arg(c) {
            cc.ref_add();
        }
        c
    })
}
