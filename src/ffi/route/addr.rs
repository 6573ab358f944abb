//! `netlink/route/addr.h`: addresses (`struct rtnl_addr`) and the "route/addr" cache type.
//!
//! The object is the engine's [`Address`] behind the generic adapter. Not libnl:
//! `rtnl_addr_set_label(addr, NULL)` returns `-NLE_INVAL` (libnl crashes).

use std::ffi::{c_char, c_int, c_uint, c_void};

use super::{RouteParse, arg, to_buf};
use crate::engine::addr::Addr;
use crate::engine::object::Lookup;
use crate::engine::route::addr::{self as ea, Address, Slot};
use crate::engine::route::link::Link;
use crate::error::{Error, Result};
use crate::ffi::objhdr::{Cache, Obj};
use crate::ffi::objtype::{self, FfiObject};
use crate::ffi::route::link::{request_out, rtnl_link, send_sync};
use crate::ffi::socket::sk_ref;
use crate::ffi::types::{
    CStatic, CacheOpsDef, NL_ACT_DEL, NL_ACT_GET, NL_ACT_NEW, RustCacheOps, nl_addr, nl_af_group,
    nl_cache, nl_cache_ops, nl_msg, nl_msgtype, nl_object, nl_object_ops, nl_sock,
};
use crate::ffi_entry;

/// `struct rtnl_addr` (opaque to C).
#[repr(C)]
pub struct rtnl_addr {
    _private: [u8; 0],
}

/// The object type of addresses ("route/addr").
static ADDR_OBJ_OPS: CStatic<nl_object_ops> =
    CStatic::new(objtype::object_ops::<Address>(c"route/addr"));

impl FfiObject for Address {
    fn ops() -> *mut nl_object_ops {
        ADDR_OBJ_OPS.as_ptr()
    }
    /// Link names come from the provided link cache, as libnl's address dumps look them up.
    fn lookup(q: Lookup) -> Option<String> {
        <Link as FfiObject>::lookup(q)
    }
}

/// A reference to a link object held by an address ([`ea::Held`]).
struct HeldLink(Obj);

// SAFETY: objects are reference-counted with atomics and may be released from any thread;
// the handle only ever gets and puts references and hands the pointer back to C.
unsafe impl Send for HeldLink {}
// SAFETY: as above; the handle is never used to reach the object's value.
unsafe impl Sync for HeldLink {}

impl Drop for HeldLink {
    fn drop(&mut self) {
        crate::ffi::object::put(self.0);
    }
}

impl ea::Holdable for HeldLink {
    fn dup(&self) -> Box<dyn ea::Holdable> {
        crate::ffi::object::get(self.0);
        Box::new(HeldLink(self.0))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Holds a new reference to link `o`.
fn hold(o: Obj) -> ea::Held {
    crate::ffi::object::get(o);
    ea::Held(Box::new(HeldLink(o)))
}

/// The link object held in `h`.
fn held_link(h: &ea::Held) -> Option<Obj> {
    h.0.as_any().downcast_ref::<HeldLink>().map(|l| l.0)
}

impl RouteParse for Address {
    /// The address of the message, with the link of its index in the provided link cache
    /// (as libnl takes it when parsing).
    fn parse_msg(_ty: u16, payload: &[u8]) -> Result<Address> {
        let mut a = Address::parse(payload)?;
        a.link = crate::ffi::cache_mngt::provided(c"route/link")
            .and_then(|c| crate::ffi::route::link::by_index(c, a.ifindex))
            .map(hold);
        Ok(a)
    }
}

/// libnl's request: an `RTM_GETADDR` dump with a one-byte `struct rtgenmsg` of `AF_UNSPEC`.
unsafe extern "C" fn addr_request_update(c: *mut nl_cache, sk: *mut c_void) -> c_int {
    // SAFETY: the core passes the cache being refilled and its live socket.
    let (Some(_), Some(s)) = (unsafe { Cache::from_ptr(c) }, unsafe {
        sk_ref(sk.cast::<nl_sock>())
    }) else {
        return Error::BadSock.to_nle();
    };
    s.send_simple(ea::RTM_GETADDR, libc::NLM_F_DUMP as u16, &[0u8])
}

/// `RTNLGRP_IPV4_IFADDR`.
const RTNLGRP_IPV4_IFADDR: c_int = 5;
/// `RTNLGRP_IPV6_IFADDR`.
const RTNLGRP_IPV6_IFADDR: c_int = 9;

/// The groups of libnl's address cache type.
static ADDR_GROUPS: CStatic<[nl_af_group; 3]> = CStatic::new([
    nl_af_group {
        ag_family: libc::AF_INET,
        ag_group: RTNLGRP_IPV4_IFADDR,
    },
    nl_af_group {
        ag_family: libc::AF_INET6,
        ag_group: RTNLGRP_IPV6_IFADDR,
    },
    nl_af_group {
        ag_family: libc::AF_UNSPEC,
        ag_group: 0,
    },
]);

const fn msgtype(id: u16, act: c_int, name: &'static std::ffi::CStr) -> nl_msgtype {
    nl_msgtype {
        mt_id: id as c_int,
        mt_act: act,
        mt_name: name.as_ptr().cast_mut(),
    }
}

static ADDR_CACHE_OPS: RustCacheOps<4> = RustCacheOps(std::cell::UnsafeCell::new(CacheOpsDef {
    ops: nl_cache_ops {
        co_name: c"route/addr".as_ptr().cast_mut(),
        co_hdrsize: ea::IFADDRMSG_LEN as c_int,
        co_protocol: libc::NETLINK_ROUTE,
        co_hash_size: 0,
        co_flags: 0,
        co_refcnt: 0,
        co_groups: ADDR_GROUPS.as_ptr().cast(),
        co_request_update: Some(addr_request_update),
        co_msg_parser: Some(super::msg_parser::<Address>),
        co_event_filter: None,
        co_include_event: None,
        reserved: [None; 8],
        co_obj_ops: ADDR_OBJ_OPS.as_ptr(),
        co_next: std::ptr::null_mut(),
        co_major_cache: std::ptr::null_mut(),
        co_genl: std::ptr::null_mut(),
        co_msgtypes: [],
    },
    msgtypes: [
        msgtype(ea::RTM_NEWADDR, NL_ACT_NEW, c"new"),
        msgtype(ea::RTM_DELADDR, NL_ACT_DEL, c"del"),
        msgtype(ea::RTM_GETADDR, NL_ACT_GET, c"get"),
        nl_msgtype::END,
    ],
}));

/// The "route/addr" cache type (listed in [`crate::ffi::init::CACHE_TYPES`]).
pub fn addr_cache_ops() -> *mut nl_cache_ops {
    ADDR_CACHE_OPS.as_ptr()
}

/// The address object behind `a`, if it is one.
fn obj(a: *const rtnl_addr) -> Option<Obj> {
    objtype::cast::<Address>(a.cast::<nl_object>())
}

/// Runs `f` on the address's value, read-only.
fn read<R>(a: *const rtnl_addr, f: impl FnOnce(&Address) -> R) -> Option<R> {
    objtype::read(obj(a)?, f)
}

/// Changes the address's value with `f`, dropping what was lent for `bits`.
fn change<R>(a: *mut rtnl_addr, bits: u64, f: impl FnOnce(&mut Address) -> R) -> Option<R> {
    objtype::with(obj(a)?, |s: &mut objtype::Slot<Address>| {
        for b in (0..12).map(|i| 1u64 << i).filter(|b| bits & b != 0) {
            s.lent_mut().forget(b);
        }
        f(&mut s.value)
    })
}

/// `rtnl_addr_alloc`: a new, empty address.
///
/// # Returns
/// The address or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_addr_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_alloc() -> *mut rtnl_addr {
    ffi_entry!("rtnl_addr_alloc", {
        objtype::new(Address::default()).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
    })
}

/// `rtnl_addr_put`: drops a reference (NULL is ignored).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Releases one reference.
/// # Safety
/// `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_put(addr: *mut rtnl_addr) {
    ffi_entry!("rtnl_addr_put", {
        // SAFETY: addr is NULL or a live object (caller contract).
        if let Some(o) = unsafe { Obj::from_ptr(addr.cast()) } {
            crate::ffi::object::put(o);
        }
    })
}

/// `rtnl_addr_alloc_cache`: a new address cache filled from the kernel.
///
/// # Returns
/// 0 with `*result` set, or a negative `NLE_*` code.
/// # Ownership
/// `*result` is a new cache for the caller.
/// # Safety
/// `sk` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_alloc_cache(
    sk: *mut nl_sock,
    result: *mut *mut nl_cache,
) -> c_int {
    ffi_entry!("rtnl_addr_alloc_cache", {
        super::alloc_cache(addr_cache_ops(), sk, true, result, |_| {})
    })
}

/// `rtnl_addr_get`: the address of an address cache on link `ifindex` whose local address is
/// `addr`.
///
/// # Returns
/// The address, NULL when absent (or `cache` is not an address cache).
/// # Ownership
/// A new reference for the caller (`rtnl_addr_put`).
/// # Safety
/// `cache` NULL or live; `addr` NULL or a live address.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_get(
    cache: *mut nl_cache,
    ifindex: c_int,
    addr: *mut nl_addr,
) -> *mut rtnl_addr {
    ffi_entry!("rtnl_addr_get", {
        // SAFETY: caller contract: NULL or a live cache.
        let Some(c) = (unsafe { Cache::from_ptr(cache) }) else {
            return std::ptr::null_mut();
        };
        if c.obj_ops_ptr() != ADDR_OBJ_OPS.as_ptr() {
            return std::ptr::null_mut();
        }
        // SAFETY: caller contract: NULL or a live address.
        let Some(want) = (unsafe { crate::ffi::handle::addr_block::value(addr) }) else {
            return std::ptr::null_mut();
        };
        let hit = c.objects().into_iter().find(|o| {
            objtype::read(*o, |a: &Address| {
                a.ifindex == ifindex
                    && a.mask & ea::ATTR_LOCAL != 0
                    && a.local
                        .as_ref()
                        .is_some_and(|l| crate::engine::addr::cmp(l, &want) == 0)
            })
            .unwrap_or(false)
        });
        match hit {
            Some(o) => {
                crate::ffi::object::get(o);
                o.as_ptr().cast()
            }
            None => std::ptr::null_mut(),
        }
    })
}

/// `rtnl_addr_build_add_request`: `RTM_NEWADDR` (with `NLM_F_CREATE` and `flags`).
///
/// # Returns
/// 0 with `*result` set; `-NLE_MISSING_ATTR` without index, family, prefix length or local
/// address.
/// # Ownership
/// `*result` is a new message for the caller.
/// # Safety
/// `addr` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_build_add_request(
    addr: *mut rtnl_addr,
    flags: c_int,
    result: *mut *mut nl_msg,
) -> c_int {
    ffi_entry!("rtnl_addr_build_add_request", {
        let m = read(addr, |a| a.add_request(flags as u16)).unwrap_or(Err(Error::Inval));
        request_out(m, result)
    })
}

/// `rtnl_addr_add`: adds an address and waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code (the kernel's error).
/// # Ownership
/// None.
/// # Safety
/// `sk` and `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_add(
    sk: *mut nl_sock,
    addr: *mut rtnl_addr,
    flags: c_int,
) -> c_int {
    ffi_entry!("rtnl_addr_add", {
        let m = read(addr, |a| a.add_request(flags as u16)).unwrap_or(Err(Error::Inval));
        send_sync(sk, m)
    })
}

/// `rtnl_addr_build_delete_request`: `RTM_DELADDR` with `flags`.
///
/// # Returns
/// 0 with `*result` set; `-NLE_MISSING_ATTR` without index or family.
/// # Ownership
/// `*result` is a new message for the caller.
/// # Safety
/// `addr` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_build_delete_request(
    addr: *mut rtnl_addr,
    flags: c_int,
    result: *mut *mut nl_msg,
) -> c_int {
    ffi_entry!("rtnl_addr_build_delete_request", {
        let m = read(addr, |a| a.delete_request(flags as u16)).unwrap_or(Err(Error::Inval));
        request_out(m, result)
    })
}

/// `rtnl_addr_delete`: deletes an address and waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code (the kernel's error).
/// # Ownership
/// None.
/// # Safety
/// `sk` and `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_delete(
    sk: *mut nl_sock,
    addr: *mut rtnl_addr,
    flags: c_int,
) -> c_int {
    ffi_entry!("rtnl_addr_delete", {
        let m = read(addr, |a| a.delete_request(flags as u16)).unwrap_or(Err(Error::Inval));
        send_sync(sk, m)
    })
}

/// `rtnl_addr_set_label`: the label (less than `IFNAMSIZ` bytes).
///
/// # Returns
/// 0; `-NLE_RANGE` for a longer label; `-NLE_INVAL` for NULL (libnl crashes).
/// # Ownership
/// Copies `label`.
/// # Safety
/// `addr` NULL or live; `label` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_set_label(addr: *mut rtnl_addr, label: *const c_char) -> c_int {
    ffi_entry!("rtnl_addr_set_label", {
        let Some(l) = arg(label) else {
            return Error::Inval.to_nle();
        };
        match change(addr, ea::ATTR_LABEL, |a| a.set_label(l)) {
            Some(Ok(())) => 0,
            Some(Err(e)) => e.to_nle(),
            None => Error::Inval.to_nle(),
        }
    })
}

/// `rtnl_addr_get_label`.
///
/// # Returns
/// The label, NULL when unset.
/// # Ownership
/// Borrowed from the address (valid until the label changes or the address goes).
/// # Safety
/// `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_get_label(addr: *mut rtnl_addr) -> *mut c_char {
    ffi_entry!("rtnl_addr_get_label", {
        let Some(o) = obj(addr) else {
            return std::ptr::null_mut();
        };
        match objtype::read(o, |a: &Address| {
            (a.mask & ea::ATTR_LABEL != 0).then(|| a.label().to_vec())
        }) {
            Some(Some(t)) => objtype::lend_str::<Address>(o, ea::ATTR_LABEL, &t).cast_mut(),
            _ => std::ptr::null_mut(),
        }
    })
}

macro_rules! plain {
    ($set:ident, $get:ident, $ty:ty, $bit:expr, $what:literal, |$a:ident, $v:ident| $store:expr, |$r:ident| $load:expr) => {
        #[doc = concat!("`", stringify!($set), "`: sets the ", $what, ".")]
        ///
        /// # Returns
        /// Nothing (NULL or a foreign object is ignored).
        /// # Ownership
        /// None.
        /// # Safety
        /// `addr` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(addr: *mut rtnl_addr, value: $ty) {
            ffi_entry!(stringify!($set), {
                change(addr, $bit, |$a| {
                    let $v = value;
                    $store
                });
            })
        }

        #[doc = concat!("`", stringify!($get), "`: the ", $what, ".")]
        ///
        /// # Returns
        /// The value (the object's default when unset; 0 for NULL).
        /// # Ownership
        /// None.
        /// # Safety
        /// `addr` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(addr: *mut rtnl_addr) -> $ty {
            ffi_entry!(stringify!($get), {
                read(addr, |$r| $load).unwrap_or_default()
            })
        }
    };
}

plain!(
    rtnl_addr_set_ifindex,
    rtnl_addr_get_ifindex,
    c_int,
    ea::ATTR_IFINDEX,
    "interface index",
    |a, v| {
        a.ifindex = v;
        a.mask |= ea::ATTR_IFINDEX;
    },
    |a| a.ifindex
);
plain!(
    rtnl_addr_set_family,
    rtnl_addr_get_family,
    c_int,
    ea::ATTR_FAMILY,
    "address family",
    |a, v| a.set_family(v),
    |a| c_int::from(a.family)
);
plain!(
    rtnl_addr_set_prefixlen,
    rtnl_addr_get_prefixlen,
    c_int,
    ea::ATTR_PREFIXLEN | ea::ATTR_LOCAL | ea::ATTR_PEER,
    "prefix length (0 clears it; it also goes to the peer, else the local address)",
    |a, v| a.set_prefixlen(v),
    |a| c_int::from(a.prefixlen)
);
plain!(
    rtnl_addr_set_scope,
    rtnl_addr_get_scope,
    c_int,
    ea::ATTR_SCOPE,
    "scope",
    |a, v| {
        a.scope = v as u8;
        a.mask |= ea::ATTR_SCOPE;
    },
    |a| c_int::from(a.scope)
);
plain!(
    rtnl_addr_set_flags,
    rtnl_addr_get_flags,
    c_uint,
    ea::ATTR_FLAGS,
    "flags (set adds them)",
    |a, v| a.set_flags(v),
    |a| a.flags
);
plain!(
    rtnl_addr_set_valid_lifetime,
    rtnl_addr_get_valid_lifetime,
    u32,
    ea::ATTR_CACHEINFO,
    "valid lifetime in seconds (`0xffffffff`: forever)",
    |a, v| a.set_lifetime(true, v),
    |a| a.cacheinfo.valid
);
plain!(
    rtnl_addr_set_preferred_lifetime,
    rtnl_addr_get_preferred_lifetime,
    u32,
    ea::ATTR_CACHEINFO,
    "preferred lifetime in seconds (`0xffffffff`: forever)",
    |a, v| a.set_lifetime(false, v),
    |a| a.cacheinfo.prefered
);

/// `rtnl_addr_unset_flags`: clears `flags`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_unset_flags(addr: *mut rtnl_addr, flags: c_uint) {
    ffi_entry!("rtnl_addr_unset_flags", {
        change(addr, ea::ATTR_FLAGS, |a| a.unset_flags(flags));
    })
}

/// `rtnl_addr_get_create_time`: when the kernel created the address (hundredths of a second
/// since boot).
///
/// # Returns
/// The time, 0 when unknown.
/// # Ownership
/// None.
/// # Safety
/// `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_get_create_time(addr: *mut rtnl_addr) -> u32 {
    ffi_entry!("rtnl_addr_get_create_time", {
        read(addr, |a| a.cacheinfo.cstamp).unwrap_or(0)
    })
}

/// `rtnl_addr_get_last_update_time`: when the kernel last updated the address (hundredths of
/// a second since boot).
///
/// # Returns
/// The time, 0 when unknown.
/// # Ownership
/// None.
/// # Safety
/// `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_get_last_update_time(addr: *mut rtnl_addr) -> u32 {
    ffi_entry!("rtnl_addr_get_last_update_time", {
        read(addr, |a| a.cacheinfo.tstamp).unwrap_or(0)
    })
}

/// Stores a copy of `a` (NULL clears) in `slot`.
fn set_slot(addr: *mut rtnl_addr, slot: Slot, a: *mut nl_addr) -> c_int {
    let v: Option<Addr> = if a.is_null() {
        None
    } else {
        // SAFETY: caller contract of the exported setters: NULL or a live address.
        match unsafe { crate::ffi::handle::addr_block::value(a) } {
            Some(v) => Some(v),
            None => return Error::Inval.to_nle(),
        }
    };
    let bits = slot.bit() | ea::ATTR_LOCAL | ea::ATTR_PEER;
    match change(addr, bits, |x| x.set_addr(slot, v)) {
        Some(Ok(())) => 0,
        Some(Err(e)) => e.to_nle(),
        None => Error::Inval.to_nle(),
    }
}

/// Lends C the address in `slot` (NULL when unset).
fn get_slot(addr: *mut rtnl_addr, slot: Slot) -> *mut nl_addr {
    let Some(o) = obj(addr) else {
        return std::ptr::null_mut();
    };
    objtype::lend_addr::<Address>(o, slot.bit(), |v| v.slot(slot).cloned())
}

macro_rules! addr_slot {
    ($set:ident, $get:ident, $slot:expr, $what:literal, $rule:literal) => {
        #[doc = concat!("`", stringify!($set), "`: the ", $what, " (a copy; NULL clears it). ", $rule)]
        ///
        /// # Returns
        /// 0 or a negative `NLE_*` code (see [`Address::set_addr`]).
        /// # Ownership
        /// Keeps a copy of `a`.
        /// # Safety
        /// `addr` NULL or live; `a` NULL or a live address.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(addr: *mut rtnl_addr, a: *mut nl_addr) -> c_int {
            ffi_entry!(stringify!($set), { set_slot(addr, $slot, a) })
        }

        #[doc = concat!("`", stringify!($get), "`: the ", $what, ".")]
        ///
        /// # Returns
        /// The address, NULL when unset.
        /// # Ownership
        /// Borrowed from the object (valid until the attribute changes or the object goes).
        /// # Safety
        /// `addr` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(addr: *mut rtnl_addr) -> *mut nl_addr {
            ffi_entry!(stringify!($get), { get_slot(addr, $slot) })
        }
    };
}

addr_slot!(
    rtnl_addr_set_local,
    rtnl_addr_get_local,
    Slot::Local,
    "local address",
    "Without a peer its prefix length becomes the object's."
);
addr_slot!(
    rtnl_addr_set_peer,
    rtnl_addr_get_peer,
    Slot::Peer,
    "peer address",
    "IPv4 only; its prefix length becomes the object's."
);
addr_slot!(
    rtnl_addr_set_broadcast,
    rtnl_addr_get_broadcast,
    Slot::Broadcast,
    "broadcast address",
    "IPv4 only."
);
addr_slot!(
    rtnl_addr_set_multicast,
    rtnl_addr_get_multicast,
    Slot::Multicast,
    "multicast address",
    "IPv6 only."
);
addr_slot!(
    rtnl_addr_set_anycast,
    rtnl_addr_get_anycast,
    Slot::Anycast,
    "anycast address",
    "IPv6 only."
);

/// `rtnl_addr_flags2str`: the names of address flags (`IFA_F_*`), comma-separated.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_flags2str(
    flags: c_int,
    buf: *mut c_char,
    size: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_addr_flags2str", {
        to_buf(buf, size, &ea::flags2str(flags, size))
    })
}

/// `rtnl_addr_str2flags`: the flags of a comma-separated list of names.
///
/// # Returns
/// The flags (unknown names ignored), 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_str2flags(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_addr_str2flags", {
        arg(name).map_or(0, ea::str2flags)
    })
}

/// `rtnl_addr_set_link`: the link the address is on (a reference is kept) and its index.
///
/// # Returns
/// Nothing (NULL or a foreign object is ignored; libnl crashes on a NULL link).
/// # Ownership
/// The address takes a reference to `link` and drops the one to its previous link.
/// # Safety
/// `addr` and `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_set_link(addr: *mut rtnl_addr, link: *mut rtnl_link) {
    ffi_entry!("rtnl_addr_set_link", {
        let Some(l) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
            return;
        };
        let Some(ifindex) = objtype::read(l, |v: &Link| v.ifindex) else {
            return;
        };
        let held = hold(l);
        change(addr, ea::ATTR_IFINDEX, |a| {
            a.link = Some(held);
            a.ifindex = ifindex;
            a.mask |= ea::ATTR_IFINDEX;
        });
    })
}

/// `rtnl_addr_get_link`: the link the address is on (set with `rtnl_addr_set_link`, or found
/// in the provided link cache when the address was parsed).
///
/// # Returns
/// The link, NULL when there is none.
/// # Ownership
/// A new reference for the caller (`rtnl_link_put`).
/// # Safety
/// `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_addr_get_link(addr: *mut rtnl_addr) -> *mut rtnl_link {
    ffi_entry!("rtnl_addr_get_link", {
        match read(addr, |a| a.link.as_ref().and_then(held_link)).flatten() {
            Some(l) => {
                crate::ffi::object::get(l);
                l.as_ptr().cast()
            }
            None => std::ptr::null_mut(),
        }
    })
}
