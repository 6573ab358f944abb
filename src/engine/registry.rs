//! The cache-type registry (the "cache type management" part of `netlink/cache.h`): the
//! registered types in lookup order (most recently registered first, the order libnl's lookups
//! see), registration rules, the lookups by name, by (protocol, message type) and by object
//! type, reference counts on types, and the provide/require bookkeeping of globally shared
//! ("major") caches.
//!
//! The types themselves are libnl's C tables (`nl_cache_ops`), defined by plug-ins and programs
//! and read directly by them; the FFI layer implements [`CacheType`] over those tables and
//! keeps the registry behind its lock.
#![forbid(unsafe_code)]

use crate::engine::dump::MsgTypeInfo;
use crate::error::{Error, Result};

/// A cache type as the registry sees it: a cheap handle to the type's table, whose reference
/// count and provided cache the registry maintains.
pub trait CacheType: Copy + PartialEq {
    /// The identity of an object type (libnl compares the object type tables' addresses).
    type ObjType: Copy + PartialEq;
    /// A cache handle.
    type Cache: Copy + PartialEq;

    /// The type's name (`co_name`), `None` when unset.
    fn name(self) -> Option<&'static [u8]>;
    /// The netlink protocol of the type's messages.
    fn protocol(self) -> i32;
    /// Whether the type's message-type table has an entry for `msgtype`.
    fn handles(self, msgtype: i32) -> bool;
    /// The name of the first entry for `msgtype` in that table.
    fn msgtype_name(self, msgtype: i32) -> Option<String>;
    /// The family header size of the type's messages (`co_hdrsize`).
    fn hdrsize(self) -> i32;
    /// The type of the cache's objects; `None` when unset.
    fn obj_type(self) -> Option<Self::ObjType>;
    /// Whether that object type has a key generator but no comparison (an index could not
    /// tell objects apart).
    fn keygen_without_compare(self) -> bool;
    /// The reference count of the type (`co_refcnt`).
    fn refcnt(self) -> u32;
    /// Sets the reference count.
    fn set_refcnt(self, n: u32);
    /// The provided cache of the type (`co_major_cache`).
    fn major_cache(self) -> Option<Self::Cache>;
    /// Sets the provided cache.
    fn set_major_cache(self, c: Option<Self::Cache>);
    /// Clears the type's own list link (libnl's `co_next`, which the registry does not use).
    fn clear_link(self);
}

/// The registered types, newest first.
#[derive(Debug, Default)]
pub struct Registry<T> {
    entries: Vec<T>,
}

/// The name of `t` for debug lines.
fn name_text<T: CacheType>(t: T) -> String {
    String::from_utf8_lossy(t.name().unwrap_or_default()).into_owned()
}

/// Takes a reference on a type.
pub fn type_get<T: CacheType>(t: T) {
    t.set_refcnt(t.refcnt().wrapping_add(1));
}

/// `nl_cache_ops_put`: drops a reference on a type.
pub fn type_put<T: CacheType>(t: T) {
    t.set_refcnt(t.refcnt().wrapping_sub(1));
}

impl<T> Registry<T> {
    /// An empty registry.
    pub const fn new() -> Self {
        Registry {
            entries: Vec::new(),
        }
    }
}

impl<T: CacheType> Registry<T> {
    fn find(&self, pred: impl Fn(T) -> bool) -> Option<T> {
        self.entries.iter().copied().find(|e| pred(*e))
    }

    /// Whether `t` is registered.
    pub fn contains(&self, t: T) -> bool {
        self.entries.contains(&t)
    }

    /// The registered types in lookup order (a copy, so callbacks may use the registry).
    pub fn snapshot(&self) -> Vec<T> {
        self.entries.clone()
    }

    /// `nl_cache_ops_lookup`: the type named `name`.
    pub fn find_name(&self, name: &[u8]) -> Option<T> {
        self.find(|e| e.name() == Some(name))
    }

    /// `nl_cache_ops_associate`: the type of `protocol` handling message type `msgtype`.
    pub fn find_assoc(&self, protocol: i32, msgtype: i32) -> Option<T> {
        self.find(|e| e.protocol() == protocol && e.handles(msgtype))
    }

    /// The type whose objects are of type `obj_type`.
    pub fn find_for_obj(&self, obj_type: T::ObjType) -> Option<T> {
        self.find(|e| e.obj_type() == Some(obj_type))
    }

    /// `nl_cache_ops_lookup_safe`: [`Registry::find_name`], taking a reference.
    pub fn lookup_ref(&self, name: &[u8]) -> Option<T> {
        self.find_name(name).inspect(|t| type_get(*t))
    }

    /// `nl_cache_ops_associate_safe`: [`Registry::find_assoc`], taking a reference.
    pub fn associate_ref(&self, protocol: i32, msgtype: i32) -> Option<T> {
        self.find_assoc(protocol, msgtype).inspect(|t| type_get(*t))
    }

    /// What `nl_msg_dump` prints about a message of `protocol` and `msgtype`: the names of the
    /// type registered for it and of the message type, and its family header size.
    pub fn msgtype_info(&self, protocol: i32, msgtype: i32) -> Option<MsgTypeInfo> {
        let t = self.find_assoc(protocol, msgtype)?;
        Some(MsgTypeInfo {
            cache_name: name_text(t),
            type_name: t.msgtype_name(msgtype)?,
            hdrsize: usize::try_from(t.hdrsize()).unwrap_or(0),
        })
    }

    /// Adds `t`, as the newest type (`builtin = None`) or, for the `k`-th type built into the
    /// library (`Some(k)`), just before the `k` built-in types already at the old end of the
    /// list. `Inval` without a name or object type, `Exist` when the name is taken.
    fn insert(&mut self, t: T, builtin: Option<usize>) -> Result<()> {
        let Some(name) = t.name() else {
            return Err(Error::Inval);
        };
        if t.obj_type().is_none() {
            return Err(Error::Inval);
        }
        if self.find_name(name).is_some() {
            return Err(Error::Exist);
        }
        let at = match builtin {
            None => 0,
            Some(k) => self.entries.len().saturating_sub(k),
        };
        self.entries.insert(at, t);
        t.set_refcnt(0);
        t.clear_link();
        crate::nl_dbg!(1, "Registered cache operations {}\n", name_text(t));
        Ok(())
    }

    /// `nl_cache_mngt_register`: registers `t` as the newest type. `Inval` for a type without
    /// name or object type, or whose object type has a key generator but no comparison
    /// (libnl-compat: libnl aborts there); `Exist` when the name is taken.
    pub fn register(&mut self, t: T) -> Result<()> {
        if t.keygen_without_compare() {
            crate::nl_dbg!(1, "nl_cache_mngt_register: oo_keygen without oo_compare\n");
            return Err(Error::Inval);
        }
        self.insert(t, None)
    }

    /// Registers the `k`-th type built into the library behind the types registered so far
    /// (as the oldest entries, in list order), whenever the program registered its own.
    pub fn register_builtin(&mut self, t: T, k: usize) -> Result<()> {
        self.insert(t, Some(k))
    }

    /// `nl_cache_mngt_unregister`: `NoCache` when `t` is not registered, `Busy` while
    /// references to it are held.
    pub fn unregister(&mut self, t: T) -> Result<()> {
        let pos = self
            .entries
            .iter()
            .position(|e| *e == t)
            .ok_or(Error::NoCache)?;
        if t.refcnt() > 0 {
            return Err(Error::Busy);
        }
        crate::nl_dbg!(1, "Unregistered cache operations {}\n", name_text(t));
        self.entries.remove(pos);
        Ok(())
    }

    /// `nl_cache_mngt_provide`: makes `cache` (whose objects are of type `obj_type`) the
    /// provided cache of its registered type; the type gains a reference when it had none
    /// provided. Returns whether it was provided: the caller then takes the reference on
    /// `cache` the registry keeps. libnl-compat: libnl aborts when no registered type has that
    /// object type; nothing happens here. Like libnl, the reference kept on a cache provided
    /// before is not dropped.
    pub fn provide(&self, obj_type: T::ObjType, cache: T::Cache) -> bool {
        let Some(t) = self.find_for_obj(obj_type) else {
            crate::nl_dbg!(1, "nl_cache_mngt_provide: cache type is not registered\n");
            return false;
        };
        if t.major_cache().is_none() {
            type_get(t);
        }
        t.set_major_cache(Some(cache));
        true
    }

    /// `nl_cache_mngt_unprovide`: withdraws `cache` if it is the provided cache of its type,
    /// dropping the type's reference. Returns whether it was: the caller then drops the
    /// reference the registry kept on `cache`.
    pub fn unprovide(&self, obj_type: T::ObjType, cache: T::Cache) -> bool {
        let Some(t) = self.find_for_obj(obj_type) else {
            crate::nl_dbg!(1, "nl_cache_mngt_unprovide: cache type is not registered\n");
            return false;
        };
        if t.major_cache() != Some(cache) {
            return false;
        }
        t.set_major_cache(None);
        type_put(t);
        true
    }

    /// `nl_cache_mngt_require`: the provided cache of the type named `name` (no reference
    /// taken).
    pub fn require(&self, name: &[u8]) -> Option<T::Cache> {
        let t = self.lookup_ref(name)?;
        let c = t.major_cache();
        type_put(t);
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A mock type table: name, protocol, (msgtype, name) entries, object type, keygen without
    /// compare, refcnt, major cache, link.
    #[derive(Clone, Debug, Default)]
    struct Ty {
        name: Option<&'static [u8]>,
        protocol: i32,
        msgtypes: Vec<(i32, &'static str)>,
        obj: Option<u8>,
        bad_keygen: bool,
        refs: u32,
        major: Option<u32>,
        linked: bool,
    }

    thread_local! {
        static TYPES: RefCell<Vec<Ty>> = const { RefCell::new(Vec::new()) };
    }

    fn ty<R>(i: usize, f: impl FnOnce(&mut Ty) -> R) -> R {
        TYPES.with(|t| f(&mut t.borrow_mut()[i]))
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    struct T(usize);

    impl CacheType for T {
        type ObjType = u8;
        type Cache = u32;
        fn name(self) -> Option<&'static [u8]> {
            ty(self.0, |t| t.name)
        }
        fn protocol(self) -> i32 {
            ty(self.0, |t| t.protocol)
        }
        fn handles(self, msgtype: i32) -> bool {
            ty(self.0, |t| t.msgtypes.iter().any(|m| m.0 == msgtype))
        }
        fn msgtype_name(self, msgtype: i32) -> Option<String> {
            ty(self.0, |t| {
                t.msgtypes
                    .iter()
                    .find(|m| m.0 == msgtype)
                    .map(|m| m.1.to_string())
            })
        }
        fn hdrsize(self) -> i32 {
            4
        }
        fn obj_type(self) -> Option<u8> {
            ty(self.0, |t| t.obj)
        }
        fn keygen_without_compare(self) -> bool {
            ty(self.0, |t| t.bad_keygen)
        }
        fn refcnt(self) -> u32 {
            ty(self.0, |t| t.refs)
        }
        fn set_refcnt(self, n: u32) {
            ty(self.0, |t| t.refs = n);
        }
        fn major_cache(self) -> Option<u32> {
            ty(self.0, |t| t.major)
        }
        fn set_major_cache(self, c: Option<u32>) {
            ty(self.0, |t| t.major = c);
        }
        fn clear_link(self) {
            ty(self.0, |t| t.linked = false);
        }
    }

    fn define(name: &'static str, protocol: i32, obj: u8, msgtypes: &[(i32, &'static str)]) -> T {
        TYPES.with(|t| {
            let mut t = t.borrow_mut();
            t.push(Ty {
                name: Some(name.as_bytes()),
                protocol,
                msgtypes: msgtypes.to_vec(),
                obj: Some(obj),
                refs: 7,
                linked: true,
                ..Ty::default()
            });
            T(t.len() - 1)
        })
    }

    #[test]
    fn registration_rules_and_order() {
        let mut r = Registry::new();
        let a = define("a", 0, 1, &[(16, "new")]);
        let b = define("b", 0, 2, &[(16, "new"), (17, "del")]);
        r.register(a).unwrap();
        assert_eq!((a.refcnt(), ty(a.0, |t| t.linked)), (0, false));
        r.register(b).unwrap();
        assert_eq!(r.snapshot(), vec![b, a]);
        // Names are unique; a name and an object type are required; keygen needs compare.
        assert_eq!(r.register(define("a", 0, 3, &[])), Err(Error::Exist));
        let unnamed = define("x", 0, 3, &[]);
        ty(unnamed.0, |t| t.name = None);
        assert_eq!(r.register(unnamed), Err(Error::Inval));
        let untyped = define("y", 0, 3, &[]);
        ty(untyped.0, |t| t.obj = None);
        assert_eq!(r.register(untyped), Err(Error::Inval));
        let bad = define("z", 0, 3, &[]);
        ty(bad.0, |t| t.bad_keygen = true);
        assert_eq!(r.register(bad), Err(Error::Inval));
        assert!(!r.contains(bad));
        // Built-in types go behind, in list order.
        let k0 = define("k0", 0, 4, &[]);
        let k1 = define("k1", 0, 5, &[]);
        r.register_builtin(k0, 0).unwrap();
        r.register_builtin(k1, 1).unwrap();
        assert_eq!(r.snapshot(), vec![b, a, k1, k0]);
        assert_eq!(
            r.register_builtin(define("k0", 0, 6, &[]), 2),
            Err(Error::Exist)
        );
        // Unregistering: unknown, busy, done.
        assert_eq!(r.unregister(bad), Err(Error::NoCache));
        type_get(a);
        assert_eq!(r.unregister(a), Err(Error::Busy));
        type_put(a);
        r.unregister(a).unwrap();
        assert!(!r.contains(a));
    }

    #[test]
    fn lookups_take_references() {
        let mut r = Registry::new();
        let a = define("a", 0, 1, &[(16, "new")]);
        let b = define("b", 0, 2, &[(16, "new"), (17, "del")]);
        let g = define("g", 16, 3, &[(17, "x")]);
        for t in [a, b, g] {
            r.register(t).unwrap();
        }
        assert_eq!(r.find_name(b"a"), Some(a));
        assert_eq!(r.find_name(b"q"), None);
        // The newest type handling the message wins; the protocol must match.
        assert_eq!(r.find_assoc(0, 16), Some(b));
        assert_eq!(r.find_assoc(16, 17), Some(g));
        assert_eq!(r.find_assoc(0, 18), None);
        assert_eq!(r.find_for_obj(1), Some(a));
        assert_eq!(r.lookup_ref(b"a"), Some(a));
        assert_eq!(r.associate_ref(0, 17), Some(b));
        assert_eq!((a.refcnt(), b.refcnt()), (1, 1));
        type_put(a);
        assert_eq!(a.refcnt(), 0);
        let info = r.msgtype_info(0, 17).unwrap();
        assert_eq!(
            (info.cache_name, info.type_name, info.hdrsize),
            ("b".into(), "del".into(), 4)
        );
        assert!(r.msgtype_info(1, 17).is_none());
    }

    #[test]
    fn provide_and_require() {
        let mut r = Registry::new();
        let a = define("a", 0, 1, &[]);
        r.register(a).unwrap();
        assert_eq!(r.require(b"a"), None);
        assert!(!r.provide(9, 100));
        assert!(r.provide(1, 100));
        assert_eq!((a.refcnt(), r.require(b"a")), (1, Some(100)));
        // Replacing keeps the type's one reference.
        assert!(r.provide(1, 200));
        assert_eq!((a.refcnt(), r.require(b"a")), (1, Some(200)));
        assert!(!r.unprovide(1, 100));
        assert!(!r.unprovide(9, 200));
        assert!(r.unprovide(1, 200));
        assert_eq!((a.refcnt(), r.require(b"a")), (0, None));
        assert_eq!(r.require(b"b"), None);
    }
}
