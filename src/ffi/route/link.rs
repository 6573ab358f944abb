//! `netlink/route/link.h`: links (`struct rtnl_link`) and the "route/link" cache type.
//!
//! The object is the engine's [`Link`] behind the generic adapter; the trivial accessors come
//! from its attribute table (`link_attrs!`), the rest is here.

use std::ffi::{c_char, c_int, c_uint, c_void};

use libc::pid_t;

use super::{RouteParse, arg, to_buf};
use crate::engine::object::Lookup;
use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::{self as el, Link, names};
use crate::error::{Error, Result};
use crate::ffi::objhdr::{Cache, Obj};
use crate::ffi::objtype::{self, FfiObject, Slot};
use crate::ffi::ptr;
use crate::ffi::socket::sk_ref;
use crate::ffi::types::{
    CStatic, CacheOpsDef, NL_ACT_DEL, NL_ACT_GET, NL_ACT_NEW, NL_ACT_SET, RustCacheOps, nl_addr,
    nl_af_group, nl_cache, nl_cache_ops, nl_msg, nl_msgtype, nl_object, nl_object_ops, nl_sock,
};
use crate::ffi_entry;

/// `struct rtnl_link` (opaque to C).
#[repr(C)]
pub struct rtnl_link {
    _private: [u8; 0],
}

/// The object type of links ("route/link").
static LINK_OBJ_OPS: CStatic<nl_object_ops> =
    CStatic::new(objtype::object_ops::<Link>(c"route/link"));

/// `RTNLGRP_LINK`.
const RTNLGRP_LINK: c_int = 1;

impl FfiObject for Link {
    fn ops() -> *mut nl_object_ops {
        LINK_OBJ_OPS.as_ptr()
    }
    fn lookup(q: Lookup) -> Option<String> {
        match q {
            Lookup::Link { ifindex } => {
                name_in(crate::ffi::cache_mngt::provided(c"route/link")?, ifindex)
            }
            Lookup::LinkCache => {
                crate::ffi::cache_mngt::provided(c"route/link").map(|_| String::new())
            }
            _ => None,
        }
    }
    /// libnl looks links up in the cache holding the dumped link, else in the provided one.
    fn lookup_for(o: Obj, q: Lookup) -> Option<String> {
        match (q, link_cache(o.cache_ptr())) {
            (Lookup::Link { ifindex }, Some(c)) => name_in(c, ifindex),
            _ => Self::lookup(q),
        }
    }
}

/// The name of link `ifindex` in link cache `c`.
fn name_in(c: Cache, ifindex: i32) -> Option<String> {
    by_index(c, ifindex)
        .and_then(|o| objtype::read(o, |l: &Link| l.name().to_vec()))
        .map(|n| String::from_utf8_lossy(&n).into_owned())
}

impl RouteParse for Link {
    fn parse_msg(_ty: u16, payload: &[u8]) -> Result<Link> {
        Link::parse(payload)
    }
}

unsafe extern "C" fn link_request_update(c: *mut nl_cache, sk: *mut c_void) -> c_int {
    // SAFETY: the core passes the cache being refilled and its live socket.
    let (Some(c), Some(s)) = (unsafe { Cache::from_ptr(c) }, unsafe {
        sk_ref(sk.cast::<nl_sock>())
    }) else {
        return Error::BadSock.to_nle();
    };
    let mut payload = [0u8; el::IFINFOMSG_LEN + 8];
    payload[0] = c.iarg1() as u8;
    // IFLA_EXT_MASK = RTEXT_FILTER_VF, plus RTEXT_FILTER_BRVLAN for AF_BRIDGE (which makes
    // the kernel report the bridges themselves too), as libnl asks.
    let mut ext = el::RTEXT_FILTER_VF;
    if c.iarg1() == libc::AF_BRIDGE {
        ext |= el::RTEXT_FILTER_BRVLAN;
    }
    payload[16..18].copy_from_slice(&8u16.to_ne_bytes());
    payload[18..20].copy_from_slice(&el::ifla::EXT_MASK.to_ne_bytes());
    payload[20..24].copy_from_slice(&ext.to_ne_bytes());
    s.send_simple(el::RTM_GETLINK, libc::NLM_F_DUMP as u16, &payload)
}

/// `RTNLGRP_IPV6_IFINFO`.
const RTNLGRP_IPV6_IFINFO: c_int = 12;

/// The groups libnl's link cache type lists: links, bridge ports (the same group) and the
/// kernel's IPv6 link notifications.
static LINK_GROUPS: CStatic<[nl_af_group; 4]> = CStatic::new([
    nl_af_group {
        ag_family: libc::AF_UNSPEC,
        ag_group: RTNLGRP_LINK,
    },
    nl_af_group {
        ag_family: libc::AF_BRIDGE,
        ag_group: RTNLGRP_LINK,
    },
    nl_af_group {
        ag_family: libc::AF_INET6,
        ag_group: RTNLGRP_IPV6_IFINFO,
    },
    nl_af_group {
        ag_family: libc::AF_UNSPEC,
        ag_group: 0,
    },
]);

/// The cache manager's include of a link notification: a link cache holds one object per
/// kernel link of its family, as a fresh dump of that family would.
///
/// Not libnl: libnl adds every notification it receives as an object of the notification's
/// family, so an `AF_UNSPEC` link cache collects a second object for a link whenever the
/// kernel sends its IPv6 link information (`RTNLGRP_IPV6_IFINFO`, family `AF_INET6`) or a
/// bridge port notification (`AF_BRIDGE`), and keeps them after the link is gone. Here, in a
/// cache of family F, notifications of family F are included as libnl includes them; in an
/// `AF_UNSPEC` cache an `AF_INET6` notification updates the IPv6 data and counters of the
/// link it names (reported as `NL_ACT_CHANGE` when they changed); other families' are
/// skipped (the kernel reports the same change to the link's own family too).
unsafe extern "C" fn link_include_event(
    c: *mut nl_cache,
    o: *mut nl_object,
    cb: crate::ffi::types::change_func_t,
    cb_v2: crate::ffi::types::change_func_v2_t,
    data: *mut c_void,
) -> c_int {
    // SAFETY: the manager passes its live cache and the object it parsed.
    let (Some(c), Some(o)) = (unsafe { Cache::from_ptr(c) }, unsafe { Obj::from_ptr(o) }) else {
        return Error::Inval.to_nle();
    };
    let l = crate::ffi::cache::Callbacks { cb, cb_v2, data };
    let Some(new) = objtype::read(o, Link::clone) else {
        return Error::ObjMismatch.to_nle();
    };
    let family = c.iarg1() as u8;
    if new.msg_family == family {
        return crate::ffi::cache::include_entry(c, o, l);
    }
    if family != 0
        || new.msg_family != libc::AF_INET6 as u8
        || o.msgtype() != c_int::from(el::RTM_NEWLINK)
    {
        return 0;
    }
    let Some(target) = find(c, |x| x.ifindex == new.ifindex && x.msg_family == 0) else {
        return 0;
    };
    let Some(before) = objtype::read(target, Link::clone) else {
        return 0;
    };
    let mut after = before.clone();
    let diff = after.merge_inet6(&new);
    if diff == 0 {
        return 0;
    }
    let old = objtype::new(before);
    objtype::with(target, |s: &mut Slot<Link>| s.value = after);
    use crate::engine::cache::Listener;
    l.report(
        c,
        crate::engine::cache::Change {
            old,
            new: Some(target),
            diff,
            act: crate::ffi::types::NL_ACT_CHANGE,
        },
    );
    if let Some(old) = old {
        crate::ffi::object::put(old);
    }
    0
}

const fn msgtype(id: u16, act: c_int, name: &'static std::ffi::CStr) -> nl_msgtype {
    nl_msgtype {
        mt_id: id as c_int,
        mt_act: act,
        mt_name: name.as_ptr().cast_mut(),
    }
}

static LINK_CACHE_OPS: RustCacheOps<5> = RustCacheOps(std::cell::UnsafeCell::new(CacheOpsDef {
    ops: nl_cache_ops {
        co_name: c"route/link".as_ptr().cast_mut(),
        co_hdrsize: el::IFINFOMSG_LEN as c_int,
        co_protocol: libc::NETLINK_ROUTE,
        co_hash_size: 0,
        co_flags: 0,
        co_refcnt: 0,
        co_groups: LINK_GROUPS.as_ptr().cast(),
        co_request_update: Some(link_request_update),
        co_msg_parser: Some(super::msg_parser::<Link>),
        co_event_filter: None,
        co_include_event: Some(link_include_event),
        reserved: [None; 8],
        co_obj_ops: LINK_OBJ_OPS.as_ptr(),
        co_next: std::ptr::null_mut(),
        co_major_cache: std::ptr::null_mut(),
        co_genl: std::ptr::null_mut(),
        co_msgtypes: [],
    },
    msgtypes: [
        msgtype(el::RTM_NEWLINK, NL_ACT_NEW, c"new"),
        msgtype(el::RTM_DELLINK, NL_ACT_DEL, c"del"),
        msgtype(el::RTM_GETLINK, NL_ACT_GET, c"get"),
        msgtype(el::RTM_SETLINK, NL_ACT_SET, c"set"),
        nl_msgtype::END,
    ],
}));

/// The "route/link" cache type (listed in [`crate::ffi::init::CACHE_TYPES`]).
pub fn link_cache_ops() -> *mut nl_cache_ops {
    LINK_CACHE_OPS.as_ptr()
}

crate::link_attrs!(crate::ffi_accessors, rtnl_link);

/// The link object behind `l`, if it is one.
fn obj(l: *const rtnl_link) -> Option<Obj> {
    objtype::cast::<Link>(l.cast::<nl_object>())
}

/// Runs `f` on the link's data.
fn with<R>(l: *const rtnl_link, f: impl FnOnce(&mut Slot<Link>) -> R) -> Option<R> {
    objtype::with(obj(l)?, f)
}

/// Runs `f` on the link's data, read-only.
fn read<R>(l: *const rtnl_link, f: impl FnOnce(&Link) -> R) -> Option<R> {
    objtype::read(obj(l)?, f)
}

/// The link's value as requests see it: a veth link's peer is the peer object C got from
/// `rtnl_link_veth_get_peer` (and may have changed) when there is one.
pub(crate) fn request_value(l: *const rtnl_link) -> Option<Link> {
    objtype::read_with_lent(obj(l)?, el::ATTR_LINKINFO, |v: &Link, peer| {
        let mut c = v.clone();
        if let (Some(KindData::Veth(d)), Some(p)) = (&mut c.data, peer) {
            if let Some(pv) = objtype::read(p, Link::clone) {
                *d.peer = pv;
            }
        }
        c
    })
}

/// The first object of cache `c` that is a link for which `pred` holds.
fn find(c: Cache, pred: impl Fn(&Link) -> bool) -> Option<Obj> {
    c.objects()
        .into_iter()
        .find(|o| objtype::read(*o, &pred).unwrap_or(false))
}

/// The link with index `ifindex` in link cache `c`: through the cache's hash index (the
/// cache's family, and `AF_BRIDGE` for the bridges of an `AF_UNSPEC` cache) in O(1), else the
/// first in list order as libnl looks (a link of another family added by the program).
pub(crate) fn by_index(c: Cache, ifindex: c_int) -> Option<Obj> {
    let fam = c.iarg1() as u8;
    let fams: &[u8] = if fam == 0 {
        &[0, el::AF_BRIDGE]
    } else {
        &[fam]
    };
    for f in fams {
        let hit = crate::ffi::cache::index_find(
            c,
            |size| el::key(ifindex, *f, size),
            |o| objtype::read(o, |l: &Link| l.ifindex == ifindex && l.family == *f) == Some(true),
        );
        if let Some(Some(o)) = hit {
            return Some(o);
        }
    }
    find(c, |l| l.ifindex == ifindex)
}

/// The cache `c` if it is a link cache.
fn link_cache(c: *mut nl_cache) -> Option<Cache> {
    // SAFETY: caller contract of the exported functions: NULL or a live cache.
    let c = unsafe { Cache::from_ptr(c) }?;
    (c.obj_ops_ptr() == LINK_OBJ_OPS.as_ptr()).then_some(c)
}

/// `rtnl_link_alloc`: a new, empty link.
///
/// # Returns
/// The link or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_alloc", {
        objtype::new(Link::default()).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
    })
}

/// `rtnl_link_put`: drops a reference (NULL is ignored).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Releases one reference.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_put(link: *mut rtnl_link) {
    ffi_entry!("rtnl_link_put", {
        // SAFETY: link is NULL or a live object (caller contract).
        if let Some(o) = unsafe { Obj::from_ptr(link.cast()) } {
            crate::ffi::object::put(o);
        }
    })
}

/// Lends C a string attribute of the link (NULL when unset).
fn lend_text(l: *mut rtnl_link, bit: u64, text: impl FnOnce(&Link) -> Vec<u8>) -> *mut c_char {
    let Some(o) = obj(l) else {
        return std::ptr::null_mut();
    };
    match objtype::read(o, |v: &Link| (v.mask & bit != 0).then(|| text(v))) {
        Some(Some(t)) => objtype::lend_str::<Link>(o, bit, &t).cast_mut(),
        _ => std::ptr::null_mut(),
    }
}

/// `rtnl_link_get_name`.
///
/// # Returns
/// The name, NULL when unset.
/// # Ownership
/// Borrowed from the link (valid until the name changes or the link goes).
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_name(link: *mut rtnl_link) -> *mut c_char {
    ffi_entry!("rtnl_link_get_name", {
        lend_text(link, el::ATTR_IFNAME, |l| l.name().to_vec())
    })
}

/// `rtnl_link_set_name`: copies at most `IFNAMSIZ - 1` bytes.
///
/// # Returns
/// Nothing (NULL `name` is ignored).
/// # Ownership
/// Copies `name`.
/// # Safety
/// `link` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_name(link: *mut rtnl_link, name: *const c_char) {
    ffi_entry!("rtnl_link_set_name", {
        // SAFETY: caller contract.
        let Some(n) = (unsafe { ptr::cstr(name) }) else {
            return;
        };
        objtype::set::<Link>(link.cast(), el::ATTR_IFNAME, |l| l.set_name(n.to_bytes()));
    })
}

/// `rtnl_link_get_qdisc`.
///
/// # Returns
/// The qdisc name, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_qdisc(link: *mut rtnl_link) -> *mut c_char {
    ffi_entry!("rtnl_link_get_qdisc", {
        lend_text(link, el::ATTR_QDISC, |l| l.qdisc().to_vec())
    })
}

/// `rtnl_link_set_qdisc`: copies at most `IFQDISCSIZ - 1` bytes.
///
/// # Returns
/// Nothing (NULL `name` is ignored).
/// # Ownership
/// Copies `name`.
/// # Safety
/// `link` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_qdisc(link: *mut rtnl_link, name: *const c_char) {
    ffi_entry!("rtnl_link_set_qdisc", {
        // SAFETY: caller contract.
        let Some(n) = (unsafe { ptr::cstr(name) }) else {
            return;
        };
        objtype::set::<Link>(link.cast(), el::ATTR_QDISC, |l| {
            l.qdisc = crate::engine::object::table::fixed_str(n.to_bytes())
        });
    })
}

/// `rtnl_link_get_ifalias`.
///
/// # Returns
/// The alias, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_ifalias(link: *mut rtnl_link) -> *mut c_char {
    ffi_entry!("rtnl_link_get_ifalias", {
        lend_text(link, el::ATTR_IFALIAS, |l| l.ifalias.clone())
    })
}

/// `rtnl_link_set_ifalias`: sets the alias, or clears it for NULL.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Copies `alias`.
/// # Safety
/// `link` NULL or live; `alias` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_ifalias(link: *mut rtnl_link, alias: *const c_char) {
    ffi_entry!("rtnl_link_set_ifalias", {
        // SAFETY: caller contract.
        match unsafe { ptr::cstr(alias) } {
            Some(a) => objtype::set::<Link>(link.cast(), el::ATTR_IFALIAS, |l| {
                l.ifalias = a.to_bytes().to_vec()
            }),
            None => {
                with(link, |s| {
                    s.lent_mut().forget(el::ATTR_IFALIAS);
                    s.value.ifalias.clear();
                    s.value.mask &= !el::ATTR_IFALIAS;
                });
            }
        }
    })
}

/// `rtnl_link_set_flags`: sets `flags` (and marks them as changed for requests and filters).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_flags(link: *mut rtnl_link, flags: c_uint) {
    ffi_entry!("rtnl_link_set_flags", {
        objtype::set::<Link>(link.cast(), el::ATTR_FLAGS, |l| l.set_flags(flags));
    })
}

/// `rtnl_link_unset_flags`: clears `flags` (and marks them as changed).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_unset_flags(link: *mut rtnl_link, flags: c_uint) {
    ffi_entry!("rtnl_link_unset_flags", {
        objtype::set::<Link>(link.cast(), el::ATTR_FLAGS, |l| l.unset_flags(flags));
    })
}

/// `rtnl_link_get_flags`.
///
/// # Returns
/// The flags (0 when unset).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_flags(link: *mut rtnl_link) -> c_uint {
    ffi_entry!("rtnl_link_get_flags", {
        read(link, |l| l.flags).unwrap_or(0)
    })
}

/// Lends C an address attribute of the link (NULL when unset).
fn lend_address(
    l: *mut rtnl_link,
    bit: u64,
    pick: fn(&Link) -> Option<&crate::engine::addr::Addr>,
) -> *mut nl_addr {
    let Some(o) = obj(l) else {
        return std::ptr::null_mut();
    };
    objtype::lend_addr::<Link>(o, bit, |v| {
        (v.mask & bit != 0).then(|| pick(v).cloned()).flatten()
    })
}

/// Stores a copy of the address `a` (NULL is ignored).
fn set_address(
    l: *mut rtnl_link,
    bit: u64,
    a: *mut nl_addr,
    store: fn(&mut Link, crate::engine::addr::Addr),
) {
    // SAFETY: caller contract of the exported setters: NULL or a live address.
    let Some(v) = (unsafe { crate::ffi::handle::addr_block::value(a) }) else {
        return;
    };
    objtype::set::<Link>(l.cast(), bit, |link| store(link, v));
}

/// `rtnl_link_get_addr`: the link-layer address.
///
/// # Returns
/// The address, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_addr(link: *mut rtnl_link) -> *mut nl_addr {
    ffi_entry!("rtnl_link_get_addr", {
        lend_address(link, el::ATTR_ADDR, |l| l.addr.as_ref())
    })
}

/// `rtnl_link_set_addr`: sets the link-layer address (a copy).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Copies `addr`.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_addr(link: *mut rtnl_link, addr: *mut nl_addr) {
    ffi_entry!("rtnl_link_set_addr", {
        set_address(link, el::ATTR_ADDR, addr, |l, a| l.addr = Some(a));
    })
}

/// `rtnl_link_get_broadcast`: the link-layer broadcast address.
///
/// # Returns
/// The address, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_broadcast(link: *mut rtnl_link) -> *mut nl_addr {
    ffi_entry!("rtnl_link_get_broadcast", {
        lend_address(link, el::ATTR_BRD, |l| l.brd.as_ref())
    })
}

/// `rtnl_link_set_broadcast`: sets the broadcast address (a copy).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Copies `addr`.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_broadcast(link: *mut rtnl_link, addr: *mut nl_addr) {
    ffi_entry!("rtnl_link_set_broadcast", {
        set_address(link, el::ATTR_BRD, addr, |l, a| l.brd = Some(a));
    })
}

/// `rtnl_link_get_type`: the kind (`IFLA_INFO_KIND`).
///
/// # Returns
/// The kind, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_type(link: *mut rtnl_link) -> *mut c_char {
    ffi_entry!("rtnl_link_get_type", {
        lend_text(link, el::ATTR_LINKINFO, |l| l.kind.clone())
    })
}

/// `rtnl_link_set_type`: sets the kind. libnl-compat: NULL keeps the current kind.
///
/// # Returns
/// 0, `-NLE_INVAL` for a NULL or foreign link.
/// # Ownership
/// Copies `kind`.
/// # Safety
/// `link` NULL or live; `kind` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_type(link: *mut rtnl_link, kind: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_set_type", {
        if let Err(e) = objtype::cast_checked::<Link>(link.cast()) {
            return e.to_nle();
        }
        // SAFETY: caller contract.
        if let Some(k) = unsafe { ptr::cstr(kind) } {
            objtype::set::<Link>(link.cast(), el::ATTR_LINKINFO, |l| {
                l.set_kind(Some(k.to_bytes()))
            });
        }
        0
    })
}

/// `rtnl_link_get_stat`: statistic `id` (`RTNL_LINK_*`).
///
/// # Returns
/// The counter; 0 for an id out of range, NULL or a foreign link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_stat(link: *mut rtnl_link, id: c_int) -> u64 {
    ffi_entry!("rtnl_link_get_stat", {
        let Ok(id) = usize::try_from(id) else {
            return 0;
        };
        read(link, |l| l.stat(id).unwrap_or(0)).unwrap_or(0)
    })
}

/// `rtnl_link_set_stat`: sets statistic `id`.
///
/// # Returns
/// 0, or `-NLE_INVAL` for an id out of range, NULL or a foreign link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_stat(link: *mut rtnl_link, id: c_int, value: u64) -> c_int {
    ffi_entry!("rtnl_link_set_stat", {
        let Some(i) = usize::try_from(id).ok().filter(|i| *i < el::STATS_COUNT) else {
            return Error::Inval.to_nle();
        };
        match with(link, |s| s.value.stats.get_mut(i).map(|v| *v = value)) {
            Some(Some(())) => 0,
            _ => Error::Inval.to_nle(),
        }
    })
}

/// A getter with an out-parameter: `Some(value)` when attribute `bit` is set.
fn get_out<T: Copy>(l: *mut rtnl_link, bit: u64, f: fn(&Link) -> T) -> Option<T> {
    read(l, |v| (v.mask & bit != 0).then(|| f(v))).flatten()
}

macro_rules! out_getter {
    ($(#[$doc:meta])* $name:ident, $t:ty, $bit:expr, $missing:expr, $f:expr) => {
        $(#[$doc])*
        ///
        /// # Returns
        /// 0 with `*out` set, or the negative code libnl gives when the attribute is unset.
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live; `out` NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut rtnl_link, out: *mut $t) -> c_int {
            ffi_entry!(stringify!($name), {
                match get_out(link, $bit, $f) {
                    Some(v) => {
                        // SAFETY: caller contract.
                        unsafe { ptr::write_out(out, v) };
                        0
                    }
                    None => $missing.to_nle(),
                }
            })
        }
    };
}

out_getter!(
    /// `rtnl_link_get_gso_max_segs`.
    rtnl_link_get_gso_max_segs, u32, el::ATTR_GSO_MAX_SEGS, Error::NoAttr, |l| l.gso_max_segs
);
out_getter!(
    /// `rtnl_link_get_gso_max_size`.
    rtnl_link_get_gso_max_size, u32, el::ATTR_GSO_MAX_SIZE, Error::NoAttr, |l| l.gso_max_size
);
out_getter!(
    /// `rtnl_link_get_carrier_changes`.
    rtnl_link_get_carrier_changes, u32, el::ATTR_CARRIER_CHANGES, Error::NoAttr, |l| l
        .carrier_changes
);
out_getter!(
    /// `rtnl_link_get_link_netnsid`.
    rtnl_link_get_link_netnsid, i32, el::ATTR_LINK_NETNSID, Error::Inval, |l| l.link_netnsid
);
out_getter!(
    /// `rtnl_link_get_num_vf`.
    rtnl_link_get_num_vf, u32, el::ATTR_NUM_VF, Error::OpNotSupp, |l| l.num_vf
);

/// `rtnl_link_set_link_netnsid`.
///
/// # Returns
/// 0, `-NLE_INVAL` for NULL or a foreign link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_link_netnsid(link: *mut rtnl_link, id: i32) -> c_int {
    ffi_entry!("rtnl_link_set_link_netnsid", {
        if let Err(e) = objtype::cast_checked::<Link>(link.cast()) {
            return e.to_nle();
        }
        objtype::set::<Link>(link.cast(), el::ATTR_LINK_NETNSID, |l| l.link_netnsid = id);
        0
    })
}

/// `rtnl_link_flags2str`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_flags2str(
    flags: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_flags2str", {
        to_buf(buf, len, &names::flags2str(flags, len))
    })
}

/// `rtnl_link_str2flags`.
///
/// # Returns
/// The flags named in the comma-separated list (unknown names ignored; 0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_str2flags(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_str2flags", {
        arg(name).map_or(0, names::str2flags)
    })
}

macro_rules! name_pair {
    ($to:ident, $from:ident, $tbl:expr, $what:literal) => {
        #[doc = concat!("`", stringify!($to), "`: the name of a ", $what, ".")]
        ///
        /// # Returns
        /// `buf`, holding the name or `0x..`.
        /// # Ownership
        /// Writes into the caller's buffer.
        /// # Safety
        /// `buf` NULL or writable for `len` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $to(v: c_int, buf: *mut c_char, len: usize) -> *mut c_char {
            ffi_entry!(stringify!($to), { to_buf(buf, len, &names::name(v, $tbl)) })
        }

        #[doc = concat!("`", stringify!($from), "`: the value of a ", $what, " name.")]
        ///
        /// # Returns
        /// The value, or a negative `NLE_*` code for an unknown name (`-NLE_INVAL` for NULL or
        /// an empty name).
        /// # Ownership
        /// None.
        /// # Safety
        /// `name` NULL or a C string.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $from(name: *const c_char) -> c_int {
            ffi_entry!(stringify!($from), {
                super::from_str(name, |n| names::value(n, $tbl))
            })
        }
    };
}

name_pair!(
    rtnl_link_operstate2str,
    rtnl_link_str2operstate,
    names::OPERSTATES,
    "operational state"
);
name_pair!(
    rtnl_link_mode2str,
    rtnl_link_str2mode,
    names::MODES,
    "link mode"
);
name_pair!(
    rtnl_link_carrier2str,
    rtnl_link_str2carrier,
    names::CARRIERS,
    "carrier state"
);

/// `rtnl_link_stat2str`: the name of statistic `id`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_stat2str(
    id: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_stat2str", {
        to_buf(buf, len, &names::stat2str(id))
    })
}

/// `rtnl_link_str2stat`: the id of a statistic name.
///
/// # Returns
/// The id, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_str2stat(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_str2stat", {
        super::from_str(name, names::str2stat)
    })
}

/// `rtnl_link_alloc_cache_flags`: a link cache of `family` (`AF_UNSPEC` for all links), with
/// cache `flags`, filled from the kernel when `sk` is not NULL.
///
/// # Returns
/// 0 with `*result` set, or a negative `NLE_*` code.
/// # Ownership
/// `*result` is a new cache for the caller (`nl_cache_free`).
/// # Safety
/// `sk` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_alloc_cache_flags(
    sk: *mut nl_sock,
    family: c_int,
    result: *mut *mut nl_cache,
    flags: c_uint,
) -> c_int {
    ffi_entry!("rtnl_link_alloc_cache_flags", {
        super::alloc_cache(link_cache_ops(), sk, !sk.is_null(), result, |c| {
            c.set_iarg1(family);
            if flags != 0 {
                c.set_flags(c.flags() | flags);
            }
        })
    })
}

/// `rtnl_link_alloc_cache`: `rtnl_link_alloc_cache_flags` without flags.
///
/// # Returns
/// 0 with `*result` set, or a negative `NLE_*` code.
/// # Ownership
/// `*result` is a new cache for the caller.
/// # Safety
/// `sk` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_alloc_cache(
    sk: *mut nl_sock,
    family: c_int,
    result: *mut *mut nl_cache,
) -> c_int {
    // SAFETY: same contract.
    unsafe { rtnl_link_alloc_cache_flags(sk, family, result, 0) }
}

/// A new reference to `o` as a link pointer.
fn give(o: Obj) -> *mut rtnl_link {
    crate::ffi::object::get(o);
    o.as_ptr().cast()
}

/// `rtnl_link_get`: the link with index `ifindex` in a link cache.
///
/// # Returns
/// The link, NULL when absent (or `cache` is not a link cache).
/// # Ownership
/// A new reference for the caller (`rtnl_link_put`).
/// # Safety
/// `cache` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get(cache: *mut nl_cache, ifindex: c_int) -> *mut rtnl_link {
    ffi_entry!("rtnl_link_get", {
        link_cache(cache)
            .and_then(|c| by_index(c, ifindex))
            .map_or(std::ptr::null_mut(), give)
    })
}

/// `rtnl_link_get_by_name`: the link called `name` in a link cache.
///
/// # Returns
/// The link, NULL when absent.
/// # Ownership
/// A new reference for the caller.
/// # Safety
/// `cache` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_by_name(
    cache: *mut nl_cache,
    name: *const c_char,
) -> *mut rtnl_link {
    ffi_entry!("rtnl_link_get_by_name", {
        let Some(n) = arg(name) else {
            return std::ptr::null_mut();
        };
        link_cache(cache)
            .and_then(|c| find(c, |l| l.mask & el::ATTR_IFNAME != 0 && l.name() == n))
            .map_or(std::ptr::null_mut(), give)
    })
}

/// `rtnl_link_name2i`: the index of the link called `name`.
///
/// # Returns
/// The index, 0 when absent.
/// # Ownership
/// None.
/// # Safety
/// `cache` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_name2i(cache: *mut nl_cache, name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_name2i", {
        let Some(n) = arg(name) else { return 0 };
        link_cache(cache)
            .and_then(|c| find(c, |l| l.mask & el::ATTR_IFNAME != 0 && l.name() == n))
            .and_then(|o| objtype::read(o, |l: &Link| l.ifindex))
            .unwrap_or(0)
    })
}

/// `rtnl_link_i2name`: the name of link `ifindex` into `dst` of `len` bytes.
///
/// # Returns
/// `dst`, or NULL when the link is absent.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `cache` NULL or live; `dst` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_i2name(
    cache: *mut nl_cache,
    ifindex: c_int,
    dst: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_i2name", {
        match link_cache(cache)
            .and_then(|c| find(c, |l| l.ifindex == ifindex))
            .and_then(|o| objtype::read(o, |l: &Link| l.name().to_vec()))
        {
            Some(n) => to_buf(dst, len, &n),
            None => std::ptr::null_mut(),
        }
    })
}

/// Hands a request built by the engine to C.
pub(crate) fn request_out(
    m: Result<crate::engine::msg::Message>,
    result: *mut *mut nl_msg,
) -> c_int {
    if result.is_null() {
        return Error::Inval.to_nle();
    }
    match m {
        Ok(m) => {
            let p = nl_msg::from_message(m);
            if p.is_null() {
                return Error::NoMem.to_nle();
            }
            // SAFETY: checked non-NULL; caller contract.
            unsafe { result.write(p) };
            0
        }
        Err(e) => e.to_nle(),
    }
}

/// Sends a request and waits for the kernel's answer (`nl_send_sync`).
pub(crate) fn send_sync(sk: *mut nl_sock, m: Result<crate::engine::msg::Message>) -> c_int {
    // SAFETY: caller contract of the exported functions: NULL or a live socket.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    let m = match m {
        Ok(m) => m,
        Err(e) => return e.to_nle(),
    };
    let Some(msg) = crate::ffi::msg::OwnedMsg::new(m) else {
        return Error::NoMem.to_nle();
    };
    let r = s.send_auto(&msg);
    drop(msg);
    if r < 0 {
        return r;
    }
    s.wait_ack_if_auto()
}

/// `rtnl_link_build_add_request`: `RTM_NEWLINK` with `flags` for `link`.
///
/// # Returns
/// 0 with `*result` set, or a negative `NLE_*` code.
/// # Ownership
/// `*result` is a new message for the caller (`nlmsg_free`).
/// # Safety
/// `link` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_build_add_request(
    link: *mut rtnl_link,
    flags: c_int,
    result: *mut *mut nl_msg,
) -> c_int {
    ffi_entry!("rtnl_link_build_add_request", {
        let m = request_value(link).map_or(Err(Error::Inval), |l| l.add_request(flags as u16));
        request_out(m, result)
    })
}

/// `rtnl_link_add`: adds (or with `NLM_F_*` flags, replaces) a link and waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code (the kernel's error).
/// # Ownership
/// None.
/// # Safety
/// `sk` and `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_add(
    sk: *mut nl_sock,
    link: *mut rtnl_link,
    flags: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_add", {
        let m = request_value(link).map_or(Err(Error::Inval), |l| l.add_request(flags as u16));
        send_sync(sk, m)
    })
}

/// `rtnl_link_build_delete_request`: `RTM_DELLINK` for `link` (by index and/or name).
///
/// # Returns
/// 0 with `*result` set; `-NLE_MISSING_ATTR` for a link with neither (libnl aborts).
/// # Ownership
/// `*result` is a new message for the caller.
/// # Safety
/// `link` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_build_delete_request(
    link: *const rtnl_link,
    result: *mut *mut nl_msg,
) -> c_int {
    ffi_entry!("rtnl_link_build_delete_request", {
        let m = read(link, Link::delete_request).unwrap_or(Err(Error::Inval));
        request_out(m, result)
    })
}

/// `rtnl_link_delete`: deletes a link and waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `sk` and `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_delete(sk: *mut nl_sock, link: *const rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_delete", {
        let m = read(link, Link::delete_request).unwrap_or(Err(Error::Inval));
        send_sync(sk, m)
    })
}

/// `rtnl_link_build_get_request`: `RTM_GETLINK` for one link by index and/or name.
///
/// # Returns
/// 0 with `*result` set; `-NLE_MISSING_ATTR` without index and name (libnl aborts).
/// # Ownership
/// `*result` is a new message for the caller.
/// # Safety
/// `name` NULL or a C string; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_build_get_request(
    ifindex: c_int,
    name: *const c_char,
    result: *mut *mut nl_msg,
) -> c_int {
    ffi_entry!("rtnl_link_build_get_request", {
        request_out(Link::get_request(ifindex, arg(name)), result)
    })
}

/// `rtnl_link_get_kernel`: asks the kernel for one link by index and/or name.
///
/// # Returns
/// 0 with `*result` set, or a negative `NLE_*` code (`-NLE_OBJ_NOTFOUND` for no such link).
/// # Ownership
/// `*result` is a new link for the caller (`rtnl_link_put`).
/// # Safety
/// `sk` NULL or live; `name` NULL or a C string; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_kernel(
    sk: *mut nl_sock,
    ifindex: c_int,
    name: *const c_char,
    result: *mut *mut rtnl_link,
) -> c_int {
    ffi_entry!("rtnl_link_get_kernel", {
        // SAFETY: caller contract.
        let Some(s) = (unsafe { sk_ref(sk) }) else {
            return Error::BadSock.to_nle();
        };
        if result.is_null() {
            return Error::Inval.to_nle();
        }
        let link = match kernel_link(s, ifindex, arg(name)) {
            Ok(l) => l,
            Err(e) => return e,
        };
        let Some(o) = objtype::new(link) else {
            return Error::NoMem.to_nle();
        };
        o.set_msgtype(c_int::from(el::RTM_NEWLINK));
        // SAFETY: checked non-NULL; caller contract.
        unsafe { result.write(o.as_ptr().cast()) };
        0
    })
}

/// The engine values of two links (copies), `None` when either is not a link.
fn pair(a: *const rtnl_link, b: *const rtnl_link) -> Option<(Link, Link)> {
    Some((request_value(a)?, request_value(b)?))
}

/// `rtnl_link_build_change_request`: `RTM_NEWLINK` changing `orig` as `changes` says.
///
/// # Returns
/// 0 with `*result` set; `-NLE_IMMUTABLE` when `changes` asks for another family (libnl
/// aborts), `-NLE_INVAL` for NULL links.
/// # Ownership
/// `*result` is a new message for the caller.
/// # Safety
/// `orig`/`changes` NULL or live; `result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_build_change_request(
    orig: *mut rtnl_link,
    changes: *mut rtnl_link,
    flags: c_int,
    result: *mut *mut nl_msg,
) -> c_int {
    ffi_entry!("rtnl_link_build_change_request", {
        let m = match pair(orig, changes) {
            Some((o, c)) => Link::change_request(&o, &c, flags as u16, el::RTM_NEWLINK),
            None => Err(Error::Inval),
        };
        request_out(m, result)
    })
}

/// The body of `rtnl_link_change`: `RTM_NEWLINK`, then `RTM_SETLINK` when the kernel does not
/// support the former for this change (`-NLE_OPNOTSUPP`), as libnl does.
pub(crate) fn change(sk: *mut nl_sock, o: &Link, c: &Link, flags: u16) -> c_int {
    let r = send_sync(sk, Link::change_request(o, c, flags, el::RTM_NEWLINK));
    if r == Error::OpNotSupp.to_nle() {
        return send_sync(sk, Link::change_request(o, c, flags, el::RTM_SETLINK));
    }
    r
}

/// `rtnl_link_change`: changes a link and waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `sk`, `orig` and `changes` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_change(
    sk: *mut nl_sock,
    orig: *mut rtnl_link,
    changes: *mut rtnl_link,
    flags: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_change", {
        match pair(orig, changes) {
            Some((o, c)) => change(sk, &o, &c, flags as u16),
            None => Error::Inval.to_nle(),
        }
    })
}

/// Asks the kernel for link `ifindex` (`rtnl_link_get_kernel` for Rust callers).
pub(crate) fn kernel_link(
    s: &nl_sock,
    ifindex: c_int,
    name: Option<&[u8]>,
) -> std::result::Result<Link, c_int> {
    let m = Link::get_request(ifindex, name).map_err(Error::to_nle)?;
    let msg = crate::ffi::msg::OwnedMsg::new(m).ok_or(Error::NoMem.to_nle())?;
    let r = s.send_auto(&msg);
    drop(msg);
    if r < 0 {
        return Err(r);
    }
    let mut got: Option<Result<Link>> = None;
    let mut valid = |m: *mut nl_msg| {
        // SAFETY: the receive loop's live message.
        let bytes = unsafe { crate::ffi::msg::message_bytes(m) }.unwrap_or_default();
        got = Some(Link::parse(bytes.get(16..).unwrap_or_default()));
        crate::engine::recv::NL_STOP
    };
    let r = s.recv_with(crate::ffi::nl::RustHandlers {
        valid: Some(&mut valid),
        ..Default::default()
    });
    if r < 0 {
        return Err(r);
    }
    let link = match got {
        Some(Ok(l)) => l,
        Some(Err(e)) => return Err(e.to_nle()),
        None => return Err(Error::ObjNotFound.to_nle()),
    };
    // The kernel acknowledges the request after the answer.
    let r = s.wait_ack_if_auto();
    if r < 0 {
        return Err(r);
    }
    Ok(link)
}

/// `rtnl_link_enslave_ifindex`: makes link `slave` a port of link `master` (0: releases it),
/// then reads the link back: a kernel that accepted the request without doing it gives
/// `-NLE_OPNOTSUPP`.
///
/// # Returns
/// 0, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_enslave_ifindex(
    sk: *mut nl_sock,
    master: c_int,
    slave: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_enslave_ifindex", { enslave(sk, master, slave) })
}

fn enslave(sk: *mut nl_sock, master: c_int, slave: c_int) -> c_int {
    let mut l = Link {
        ifindex: slave,
        master,
        ..Link::default()
    };
    l.mask |= el::ATTR_IFINDEX | el::ATTR_MASTER;
    let r = change(sk, &l, &l, 0);
    if r < 0 {
        return r;
    }
    // SAFETY: send_sync above checked the socket; still NULL-safe.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    match kernel_link(s, slave, None) {
        Ok(k) if k.master == master => 0,
        Ok(_) => Error::OpNotSupp.to_nle(),
        Err(e) => e,
    }
}

/// `rtnl_link_enslave`: [`rtnl_link_enslave_ifindex`] with the links' indexes.
///
/// # Returns
/// 0, or a negative `NLE_*` code (`-NLE_INVAL` for NULL links).
/// # Ownership
/// None.
/// # Safety
/// `sk`, `master` and `slave` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_enslave(
    sk: *mut nl_sock,
    master: *mut rtnl_link,
    slave: *mut rtnl_link,
) -> c_int {
    ffi_entry!("rtnl_link_enslave", {
        match (read(master, |l| l.ifindex), read(slave, |l| l.ifindex)) {
            (Some(m), Some(s)) => enslave(sk, m, s),
            _ => Error::Inval.to_nle(),
        }
    })
}

/// `rtnl_link_release_ifindex`: releases link `slave` from its master.
///
/// # Returns
/// 0, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_release_ifindex(sk: *mut nl_sock, slave: c_int) -> c_int {
    ffi_entry!("rtnl_link_release_ifindex", { enslave(sk, 0, slave) })
}

/// `rtnl_link_release`: [`rtnl_link_release_ifindex`] with the link's index.
///
/// # Returns
/// 0, or a negative `NLE_*` code (`-NLE_INVAL` for a NULL link).
/// # Ownership
/// None.
/// # Safety
/// `sk` and `slave` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_release(sk: *mut nl_sock, slave: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_release", {
        match read(slave, |l| l.ifindex) {
            Some(s) => enslave(sk, 0, s),
            None => Error::Inval.to_nle(),
        }
    })
}

/// `rtnl_link_get_slave_type`: the slave kind (`IFLA_INFO_SLAVE_KIND`).
///
/// # Returns
/// The slave kind, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_slave_type(link: *const rtnl_link) -> *const c_char {
    ffi_entry!("rtnl_link_get_slave_type", {
        lend_text(link.cast_mut(), el::ATTR_SLAVE_KIND, |l| {
            l.slave_kind.clone()
        })
    })
}

/// `rtnl_link_set_slave_type`: sets the slave kind, or clears it for NULL.
///
/// # Returns
/// 0, `-NLE_INVAL` for a NULL or foreign link.
/// # Ownership
/// Copies `kind`.
/// # Safety
/// `link` NULL or live; `kind` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_slave_type(
    link: *mut rtnl_link,
    kind: *const c_char,
) -> c_int {
    ffi_entry!("rtnl_link_set_slave_type", {
        if let Err(e) = objtype::cast_checked::<Link>(link.cast()) {
            return e.to_nle();
        }
        let k = arg(kind);
        with(link, |s| {
            s.lent_mut().forget(el::ATTR_SLAVE_KIND);
            s.value.set_slave_kind(k);
        });
        0
    })
}

/// `rtnl_link_get_info_type`: the kind (deprecated name of `rtnl_link_get_type`).
///
/// # Returns
/// The kind, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_info_type(link: *mut rtnl_link) -> *mut c_char {
    ffi_entry!("rtnl_link_get_info_type", {
        lend_text(link, el::ATTR_LINKINFO, |l| l.kind.clone())
    })
}

/// `rtnl_link_set_info_type`: sets the kind (deprecated name of `rtnl_link_set_type`).
///
/// # Returns
/// 0, `-NLE_INVAL` for a NULL or foreign link.
/// # Ownership
/// Copies `kind`.
/// # Safety
/// `link` NULL or live; `kind` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_info_type(
    link: *mut rtnl_link,
    kind: *const c_char,
) -> c_int {
    // SAFETY: same contract.
    unsafe { rtnl_link_set_type(link, kind) }
}

/// Lends C a binary attribute of the link as `struct nl_data` (NULL when unset).
fn lend_bytes(
    l: *mut rtnl_link,
    bit: u64,
    bytes: fn(&Link) -> &[u8],
) -> *mut crate::ffi::types::nl_data {
    let Some(o) = obj(l) else {
        return std::ptr::null_mut();
    };
    objtype::lend_data::<Link>(o, bit, |v| (v.mask & bit != 0).then(|| bytes(v).to_vec()))
}

/// `rtnl_link_get_phys_port_id`.
///
/// # Returns
/// The id, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_phys_port_id(
    link: *mut rtnl_link,
) -> *mut crate::ffi::types::nl_data {
    ffi_entry!("rtnl_link_get_phys_port_id", {
        lend_bytes(link, el::ATTR_PHYS_PORT_ID, |l| &l.phys_port_id)
    })
}

/// `rtnl_link_get_phys_switch_id`.
///
/// # Returns
/// The id, NULL when unset.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_phys_switch_id(
    link: *mut rtnl_link,
) -> *mut crate::ffi::types::nl_data {
    ffi_entry!("rtnl_link_get_phys_switch_id", {
        lend_bytes(link, el::ATTR_PHYS_SWITCH_ID, |l| &l.phys_switch_id)
    })
}

/// `rtnl_link_get_phys_port_name`: the physical port name; libnl-compat: an empty string
/// when unset (libnl returns its name buffer), NULL only for NULL or a foreign link.
///
/// # Returns
/// The name.
/// # Ownership
/// Borrowed from the link.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_get_phys_port_name(link: *mut rtnl_link) -> *mut c_char {
    ffi_entry!("rtnl_link_get_phys_port_name", {
        let Some(o) = obj(link) else {
            return std::ptr::null_mut();
        };
        let name = objtype::read(o, |l: &Link| {
            crate::engine::object::table::cstr_part(&l.phys_port_name).to_vec()
        })
        .unwrap_or_default();
        objtype::lend_str::<Link>(o, el::ATTR_PHYS_PORT_NAME, &name).cast_mut()
    })
}

/// `rtnl_link_fill_info`: appends the link's generic attributes to `msg` as a request carries
/// them (address, broadcast, MTU, queue length, weight, name, operational state, carrier, link
/// mode, alias, link, link namespace id, master, queue counts, namespace fd and pid; not the
/// group, kind or family data).
///
/// # Returns
/// 0, `-NLE_MSGSIZE` when the message has no room, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `msg` and `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_fill_info(msg: *mut nl_msg, link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_fill_info", {
        let Some(l) = request_value(link) else {
            return Error::Inval.to_nle();
        };
        // SAFETY: caller contract: NULL or a live message nobody else is changing.
        let Some(m) = (unsafe { nl_msg::get_mut(msg) }) else {
            return Error::Inval.to_nle();
        };
        match l.put_info_attrs(m) {
            Ok(()) => 0,
            Err(_) => Error::MsgSize.to_nle(),
        }
    })
}

/// `rtnl_link_info_parse`: reads the generic attributes libnl reads there from a parsed
/// attribute table (`tb[IFLA_*]`, as `nlmsg_parse` fills it) into `link`.
///
/// # Returns
/// 0, `-NLE_MISSING_ATTR` without `IFLA_IFNAME`, `-NLE_RANGE` for a short `IFLA_MAP`,
/// `-NLE_INVAL` for NULL.
/// # Ownership
/// None (the attributes are copied).
/// # Safety
/// `link` NULL or live; `tb` NULL or a table of at least `IFLA_NET_NS_FD + 1` entries, each
/// NULL or a valid attribute.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_info_parse(
    link: *mut rtnl_link,
    tb: *mut *mut libc::nlattr,
) -> c_int {
    ffi_entry!("rtnl_link_info_parse", {
        if tb.is_null() {
            return Error::Inval.to_nle();
        }
        let get = |t: u16| -> Option<&[u8]> {
            // SAFETY: caller contract: tb has an entry for every type read here (at most
            // IFLA_NET_NS_FD), each NULL or a valid attribute.
            let a = unsafe { *tb.add(usize::from(t)) };
            if a.is_null() {
                return None;
            }
            // SAFETY: as above.
            unsafe { ptr::nla_payload(a) }
        };
        with(link, |s| s.value.info_parse(get))
            .unwrap_or(Err(Error::Inval))
            .map_or_else(Error::to_nle, |()| 0)
    })
}
