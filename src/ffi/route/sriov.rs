//! `netlink/route/link/sriov.h`: SR-IOV virtual functions. A `struct rtnl_link_vf` is a
//! reference-counted VF shared with the VF list of the links it was added to (an
//! `Arc<Mutex<Vf>>` whose pointer C holds); `nl_vf_vlans_t` is libnl's public struct,
//! allocated with `malloc` so that C may read it.
//!
//! Not libnl: `rtnl_link_vf_get_vlans` gives a new copy of the VLANs (one reference for the
//! caller, as libnl's) instead of the VF's own block, and `rtnl_link_vf_set_vlans` copies the
//! VLANs (changing the block afterwards does not change the VF); `rtnl_link_vf_free` drops one
//! reference like `rtnl_link_vf_put`. Where libnl crashes (NULL arguments, a link without a
//! VF list) these return `-NLE_INVAL`, NULL or nothing.

use std::ffi::{c_char, c_int};
use std::sync::{Arc, Mutex, Weak};

use crate::engine::addr::Addr;
use crate::engine::route::link::sriov::{self as es, SharedVf, Vf, VlanInfo};
use crate::engine::route::link::{ATTR_VF_LIST, Link};
use crate::error::{Error, Result};
use crate::ffi::handle::addr_block;
use crate::ffi::objtype::{self, Slot};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::route::{arg, from_str, to_buf};
use crate::ffi::types::{nl_addr, nl_object};
use crate::ffi_entry;

/// `struct rtnl_link_vf` (opaque to C).
#[repr(C)]
pub struct rtnl_link_vf {
    _private: [u8; 0],
}

/// `nl_vf_vlan_info_t`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct nl_vf_vlan_info_t {
    vf_vlan: u32,
    vf_vlan_qos: u32,
    vf_vlan_proto: u16,
}

/// `nl_vf_vlans_t`.
#[repr(C)]
pub struct nl_vf_vlans_t {
    ce_refcnt: c_int,
    size: c_int,
    vlans: *mut nl_vf_vlan_info_t,
}

/// `struct nl_vf_rate`.
#[repr(C)]
pub struct nl_vf_rate {
    api: c_int,
    rate: u32,
    max_tx_rate: u32,
    min_tx_rate: u32,
}

/// A new C handle for `vf` (one reference).
fn handle(vf: Arc<Mutex<Vf>>) -> *mut rtnl_link_vf {
    Arc::into_raw(vf).cast_mut().cast()
}

/// The VF behind a handle, with a new reference (`None` for NULL).
fn vf_ref(p: *mut rtnl_link_vf) -> Option<Arc<Mutex<Vf>>> {
    if p.is_null() {
        return None;
    }
    let p = p.cast_const().cast::<Mutex<Vf>>();
    // SAFETY: caller contract of the exported functions: a handle made by `handle` that still
    // holds a reference, so the Arc is alive while we add ours.
    unsafe {
        Arc::increment_strong_count(p);
        Some(Arc::from_raw(p))
    }
}

/// Runs `f` on the VF (`None` for NULL).
fn with_vf<R>(p: *mut rtnl_link_vf, f: impl FnOnce(&mut Vf) -> R) -> Option<R> {
    let vf = vf_ref(p)?;
    let r = f(&mut es::lock(&vf));
    Some(r)
}

/// A getter through `out`: `-NLE_INVAL` for NULL, else `f`'s value or code.
fn get_out<T>(p: *mut rtnl_link_vf, out: *mut T, f: impl FnOnce(&Vf) -> Result<T>) -> c_int {
    if out.is_null() {
        return Error::Inval.to_nle();
    }
    match with_vf(p, |v| f(v)) {
        Some(Ok(v)) => {
            // SAFETY: caller contract: `out` writable (NULL handled).
            unsafe { out.write(v) };
            0
        }
        Some(Err(e)) => e.to_nle(),
        None => Error::Inval.to_nle(),
    }
}

/// `rtnl_link_vf_alloc`: a new VF.
///
/// # Returns
/// The VF, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_vf_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_alloc() -> *mut rtnl_link_vf {
    ffi_entry!("rtnl_link_vf_alloc", {
        handle(Arc::new(Mutex::new(Vf::default())))
    })
}

/// Drops one reference of a handle.
fn release(p: *mut rtnl_link_vf) {
    if p.is_null() {
        return;
    }
    // SAFETY: caller contract: a handle made by `handle` holding the reference given back.
    unsafe { Arc::decrement_strong_count(p.cast_const().cast::<Mutex<Vf>>()) };
}

/// `rtnl_link_vf_put`: gives back a reference to a VF.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes one reference.
/// # Safety
/// `vf` NULL or a VF the caller holds a reference to.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_put(vf: *mut rtnl_link_vf) {
    ffi_entry!("rtnl_link_vf_put", { release(vf) })
}

/// `rtnl_link_vf_free`: gives back a reference to a VF (the lists holding it keep it).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes one reference.
/// # Safety
/// `vf` NULL or a VF the caller holds a reference to.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_free(vf: *mut rtnl_link_vf) {
    ffi_entry!("rtnl_link_vf_free", { release(vf) })
}

fn link_obj(l: *mut rtnl_link) -> Option<crate::ffi::objhdr::Obj> {
    objtype::cast::<Link>(l.cast::<nl_object>())
}

/// `rtnl_link_vf_add`: adds a VF at the head of the link's VF list (the link holds a
/// reference; later changes to the VF show in the link).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL.
/// # Ownership
/// The link takes its own reference.
/// # Safety
/// `link` NULL or live; `vf` NULL or a live VF.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_add(link: *mut rtnl_link, vf: *mut rtnl_link_vf) -> c_int {
    ffi_entry!("rtnl_link_vf_add", {
        let (Some(o), Some(v)) = (link_obj(link), vf_ref(vf)) else {
            return Error::Inval.to_nle();
        };
        objtype::with(o, |s: &mut Slot<Link>| {
            s.value
                .vf_list
                .get_or_insert_with(Vec::new)
                .insert(0, SharedVf(v));
            s.value.mask |= ATTR_VF_LIST;
        })
        .map_or(Error::Inval.to_nle(), |()| 0)
    })
}

/// `rtnl_link_vf_get`: the VF of number `vf_num` in the link's list.
///
/// # Returns
/// The VF, NULL when none has that number (or the link has no list: libnl crashes there).
/// # Ownership
/// One reference for the caller (`rtnl_link_vf_put`).
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_get(link: *mut rtnl_link, vf_num: u32) -> *mut rtnl_link_vf {
    ffi_entry!("rtnl_link_vf_get", {
        link_obj(link)
            .and_then(|o| {
                objtype::read(o, |l: &Link| {
                    l.vf_list.as_ref().and_then(|list| {
                        list.iter()
                            .find(|v| v.lock().index == vf_num)
                            .map(|v| Arc::clone(&v.0))
                    })
                })
            })
            .flatten()
            .map_or(std::ptr::null_mut(), handle)
    })
}

/// `rtnl_link_has_vf_list`: whether the link has a VF list.
///
/// # Returns
/// 1 or 0 (0 for NULL).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_has_vf_list(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_has_vf_list", {
        link_obj(link)
            .and_then(|o| objtype::read(o, |l: &Link| c_int::from(l.mask & ATTR_VF_LIST != 0)))
            .unwrap_or(0)
    })
}

/// `rtnl_link_set_vf_list`: marks the link's VF list as present (the VFs it holds come back).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_vf_list(link: *mut rtnl_link) {
    ffi_entry!("rtnl_link_set_vf_list", {
        if let Some(o) = link_obj(link) {
            objtype::with(o, |s: &mut Slot<Link>| {
                s.value.vf_list.get_or_insert_with(Vec::new);
                s.value.mask |= ATTR_VF_LIST;
            });
        }
    })
}

/// `rtnl_link_unset_vf_list`: marks the link's VF list as absent (its VFs are kept).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_unset_vf_list(link: *mut rtnl_link) {
    ffi_entry!("rtnl_link_unset_vf_list", {
        if let Some(o) = link_obj(link) {
            objtype::with(o, |s: &mut Slot<Link>| s.value.mask &= !ATTR_VF_LIST);
        }
    })
}

/// An address lent to C by a VF, released when replaced or when its VF is gone.
struct LentVfAddr(*mut nl_addr);

// SAFETY: the block is only released (atomically reference-counted by the address module).
unsafe impl Send for LentVfAddr {}

impl Drop for LentVfAddr {
    fn drop(&mut self) {
        // SAFETY: a block made here that holds one reference.
        unsafe { addr_block::release(self.0) };
    }
}

/// An address lent by a VF: the VF, the address value, the block C holds.
type LentEntry = (Weak<Mutex<Vf>>, Addr, LentVfAddr);

/// The addresses lent by VFs (libnl's getter returns the VF's own address).
static LENT_ADDRS: Mutex<Vec<LentEntry>> = Mutex::new(Vec::new());

fn lend_addr(vf: &Arc<Mutex<Vf>>, a: &Addr) -> *mut nl_addr {
    let mut lent = LENT_ADDRS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    lent.retain(|(w, _, _)| w.strong_count() > 0);
    let me = Arc::downgrade(vf);
    if let Some((_, _, l)) = lent.iter().find(|(w, v, _)| w.ptr_eq(&me) && v == a) {
        return l.0;
    }
    lent.retain(|(w, _, _)| !w.ptr_eq(&me));
    let p = addr_block::from_addr(a);
    if !p.is_null() {
        lent.push((me, a.clone(), LentVfAddr(p)));
    }
    p
}

/// `rtnl_link_vf_get_addr`: the VF's MAC address.
///
/// # Returns
/// 0 with `*addr` set; `-NLE_NOATTR` when unset, `-NLE_INVAL` for NULL.
/// # Ownership
/// The address is borrowed from the VF (valid until the VF's address changes or the VF goes).
/// # Safety
/// `vf` NULL or live; `addr` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_get_addr(
    vf: *mut rtnl_link_vf,
    addr: *mut *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_vf_get_addr", {
        let Some(v) = vf_ref(vf) else {
            return Error::Inval.to_nle();
        };
        let a = es::lock(&v).value(es::HAS_ADDR, |v| v.addr.clone());
        get_out(vf, addr, |_| match a {
            Ok(Some(a)) => Ok(lend_addr(&v, &a)),
            _ => Err(Error::NoAttr),
        })
    })
}

/// `rtnl_link_vf_set_addr`: sets the VF's MAC address (a copy; NULL is ignored).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Copies `addr`.
/// # Safety
/// `vf` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_set_addr(vf: *mut rtnl_link_vf, addr: *mut nl_addr) {
    ffi_entry!("rtnl_link_vf_set_addr", {
        // SAFETY: caller contract: NULL or a live address.
        if let Some(a) = unsafe { addr_block::value(addr) } {
            with_vf(vf, |v| {
                v.addr = Some(a);
                v.mask |= es::HAS_ADDR;
            });
        }
    })
}

macro_rules! vf_u32 {
    ($set:ident, $get:ident, $what:literal, $bit:expr, $field:ident) => {
        #[doc = concat!("`", stringify!($set), "`: sets ", $what, ".")]
        ///
        /// # Returns
        /// Nothing.
        /// # Ownership
        /// None.
        /// # Safety
        /// `vf` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(vf: *mut rtnl_link_vf, v: u32) {
            ffi_entry!(stringify!($set), {
                with_vf(vf, |d| {
                    d.$field = v;
                    d.mask |= $bit;
                });
            })
        }

        #[doc = concat!("`", stringify!($get), "`: ", $what, ".")]
        ///
        /// # Returns
        /// 0 with the value stored; `-NLE_NOATTR` when unset, `-NLE_INVAL` for NULL.
        /// # Ownership
        /// None.
        /// # Safety
        /// `vf` NULL or live; `out` NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(vf: *mut rtnl_link_vf, out: *mut u32) -> c_int {
            ffi_entry!(stringify!($get), {
                get_out(vf, out, |d| d.value($bit, |d| d.$field))
            })
        }
    };
}

vf_u32!(
    rtnl_link_vf_set_index,
    rtnl_link_vf_get_index,
    "the VF number",
    es::HAS_INDEX,
    index
);
vf_u32!(
    rtnl_link_vf_set_linkstate,
    rtnl_link_vf_get_linkstate,
    "the link state (`IFLA_VF_LINK_STATE_*`)",
    es::HAS_LINKSTATE,
    linkstate
);
vf_u32!(
    rtnl_link_vf_set_rss_query_en,
    rtnl_link_vf_get_rss_query_en,
    "RSS queries",
    es::HAS_RSS,
    rss_query_en
);
vf_u32!(
    rtnl_link_vf_set_spoofchk,
    rtnl_link_vf_get_spoofchk,
    "spoof checking",
    es::HAS_SPOOFCHK,
    spoofchk
);
vf_u32!(
    rtnl_link_vf_set_trust,
    rtnl_link_vf_get_trust,
    "trust",
    es::HAS_TRUST,
    trust
);

/// `rtnl_link_vf_set_ib_node_guid`: sets the InfiniBand node GUID.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `vf` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_set_ib_node_guid(vf: *mut rtnl_link_vf, guid: u64) {
    ffi_entry!("rtnl_link_vf_set_ib_node_guid", {
        with_vf(vf, |d| {
            d.node_guid = guid;
            d.mask |= es::HAS_NODE_GUID;
        });
    })
}

/// `rtnl_link_vf_set_ib_port_guid`: sets the InfiniBand port GUID.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `vf` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_set_ib_port_guid(vf: *mut rtnl_link_vf, guid: u64) {
    ffi_entry!("rtnl_link_vf_set_ib_port_guid", {
        with_vf(vf, |d| {
            d.port_guid = guid;
            d.mask |= es::HAS_PORT_GUID;
        });
    })
}

/// `rtnl_link_vf_get_rate`: the rate; the struct is cleared first, then filled with the API
/// and its values.
///
/// # Returns
/// 0; `-NLE_NOATTR` when unset, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `vf` NULL or live; `rate` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_get_rate(
    vf: *mut rtnl_link_vf,
    rate: *mut nl_vf_rate,
) -> c_int {
    ffi_entry!("rtnl_link_vf_get_rate", {
        if rate.is_null() || vf.is_null() {
            return Error::Inval.to_nle();
        }
        // SAFETY: caller contract: `rate` writable (NULL handled).
        unsafe {
            rate.write(nl_vf_rate {
                api: 0,
                rate: 0,
                max_tx_rate: 0,
                min_tx_rate: 0,
            })
        };
        get_out(vf, rate, |d| {
            d.value(es::HAS_RATE, |d| {
                let old = d.rate_api == es::RATE_API_OLD;
                let new = d.rate_api == es::RATE_API_NEW;
                nl_vf_rate {
                    api: d.rate_api,
                    rate: if old { d.rate } else { 0 },
                    max_tx_rate: if new { d.max_tx_rate } else { 0 },
                    min_tx_rate: if new { d.min_tx_rate } else { 0 },
                }
            })
        })
    })
}

/// `rtnl_link_vf_set_rate`: sets the rate of the API the struct names (old: `rate`; new:
/// `min_tx_rate` and `max_tx_rate`); other APIs and NULL are ignored.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `vf` NULL or live; `rate` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_set_rate(vf: *mut rtnl_link_vf, rate: *mut nl_vf_rate) {
    ffi_entry!("rtnl_link_vf_set_rate", {
        // SAFETY: caller contract: NULL or readable.
        let Some(r) = (unsafe { crate::ffi::ptr::as_ref(rate.cast_const()) }) else {
            return;
        };
        with_vf(vf, |d| match r.api {
            es::RATE_API_OLD => {
                d.rate_api = r.api;
                d.rate = r.rate;
                d.mask |= es::HAS_RATE;
            }
            es::RATE_API_NEW => {
                d.rate_api = r.api;
                d.min_tx_rate = r.min_tx_rate;
                d.max_tx_rate = r.max_tx_rate;
                d.mask |= es::HAS_RATE;
            }
            _ => {}
        });
    })
}

/// `rtnl_link_vf_get_stat`: statistic `stat` (`RTNL_LINK_VF_STATS_*`).
///
/// # Returns
/// 0; `-NLE_NOATTR` when the VF has no statistics, `-NLE_INVAL` for an id out of range
/// (libnl 3.7.0 reads past its array) or NULL.
/// # Ownership
/// None.
/// # Safety
/// `vf` NULL or live; `out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_get_stat(
    vf: *mut rtnl_link_vf,
    stat: c_int,
    out: *mut u64,
) -> c_int {
    ffi_entry!("rtnl_link_vf_get_stat", {
        let Some(id) = usize::try_from(stat).ok().filter(|i| *i < es::STATS_COUNT) else {
            return Error::Inval.to_nle();
        };
        get_out(vf, out, |d| {
            d.value(es::HAS_STATS, |d| d.stats.get(id).copied().unwrap_or(0))
        })
    })
}

/// A new `nl_vf_vlans_t` of `n` zeroed entries, one reference (NULL when memory is short).
fn vlans_alloc(n: usize) -> *mut nl_vf_vlans_t {
    // SAFETY: plain allocations, checked below.
    let p =
        unsafe { libc::calloc(1, std::mem::size_of::<nl_vf_vlans_t>()) }.cast::<nl_vf_vlans_t>();
    if p.is_null() {
        return p;
    }
    let arr = if n == 0 {
        std::ptr::null_mut()
    } else {
        // SAFETY: as above.
        let a = unsafe { libc::calloc(n, std::mem::size_of::<nl_vf_vlan_info_t>()) };
        if a.is_null() {
            // SAFETY: the block just allocated.
            unsafe { libc::free(p.cast()) };
            return std::ptr::null_mut();
        }
        a.cast()
    };
    // SAFETY: `p` is a fresh zeroed block of the struct's size.
    unsafe {
        p.write(nl_vf_vlans_t {
            ce_refcnt: 1,
            size: n as c_int,
            vlans: arr,
        })
    };
    p
}

/// Frees a `nl_vf_vlans_t` and its entries.
///
/// # Safety
/// `p` NULL or a block made by [`vlans_alloc`].
unsafe fn vlans_free(p: *mut nl_vf_vlans_t) {
    if p.is_null() {
        return;
    }
    // SAFETY: caller contract.
    unsafe {
        libc::free((*p).vlans.cast());
        libc::free(p.cast());
    }
}

/// `rtnl_link_vf_vlan_alloc`: a VLAN block of `vlan_count` zeroed entries (at most
/// `MAX_VLAN_LIST_LEN`, 1).
///
/// # Returns
/// 0 with `*vf_vlans` set; `-NLE_INVAL` for a count above 1, a negative count (libnl 3.7.0
/// returns 0 there) or NULL, `-NLE_NOMEM`.
/// # Ownership
/// One reference for the caller (`rtnl_link_vf_vlan_put`).
/// # Safety
/// `vf_vlans` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_vlan_alloc(
    vf_vlans: *mut *mut nl_vf_vlans_t,
    vlan_count: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_vf_vlan_alloc", {
        let Some(n) = usize::try_from(vlan_count)
            .ok()
            .filter(|n| *n <= es::MAX_VLAN_LIST_LEN)
        else {
            return Error::Inval.to_nle();
        };
        if vf_vlans.is_null() {
            return Error::Inval.to_nle();
        }
        let p = vlans_alloc(n);
        if p.is_null() {
            return Error::NoMem.to_nle();
        }
        // SAFETY: caller contract: writable (NULL handled).
        unsafe { vf_vlans.write(p) };
        0
    })
}

/// `rtnl_link_vf_vlan_free`: frees a VLAN block whatever its references.
///
/// # Returns
/// Nothing.
/// # Ownership
/// Frees the block.
/// # Safety
/// `vf_vlans` NULL or a block from `rtnl_link_vf_vlan_alloc` / `rtnl_link_vf_get_vlans`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_vlan_free(vf_vlans: *mut nl_vf_vlans_t) {
    ffi_entry!("rtnl_link_vf_vlan_free", {
        // SAFETY: caller contract.
        unsafe { vlans_free(vf_vlans) }
    })
}

/// `rtnl_link_vf_vlan_put`: gives back a reference to a VLAN block (freed with the last).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Consumes one reference.
/// # Safety
/// `vf_vlans` NULL or a block the caller holds a reference to.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_vlan_put(vf_vlans: *mut nl_vf_vlans_t) {
    ffi_entry!("rtnl_link_vf_vlan_put", {
        if vf_vlans.is_null() {
            return;
        }
        // SAFETY: caller contract: a live block.
        unsafe {
            (*vf_vlans).ce_refcnt -= 1;
            if (*vf_vlans).ce_refcnt <= 0 {
                vlans_free(vf_vlans);
            }
        }
    })
}

/// `rtnl_link_vf_set_vlans`: sets the VF's VLANs (a copy of the block's entries).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Copies the entries.
/// # Safety
/// `vf` NULL or live; `vf_vlans` NULL or a block whose `size` entries are readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_set_vlans(
    vf: *mut rtnl_link_vf,
    vf_vlans: *mut nl_vf_vlans_t,
) {
    ffi_entry!("rtnl_link_vf_set_vlans", {
        // SAFETY: caller contract: NULL or a live block.
        let Some(b) = (unsafe { crate::ffi::ptr::as_ref(vf_vlans.cast_const()) }) else {
            return;
        };
        let n = usize::try_from(b.size).unwrap_or(0);
        let list: Vec<VlanInfo> = if n == 0 || b.vlans.is_null() {
            Vec::new()
        } else {
            // SAFETY: caller contract: `size` entries readable.
            unsafe { std::slice::from_raw_parts(b.vlans, n) }
                .iter()
                .map(|v| VlanInfo {
                    vlan: v.vf_vlan,
                    qos: v.vf_vlan_qos,
                    proto: v.vf_vlan_proto,
                })
                .collect()
        };
        with_vf(vf, |d| {
            d.vlans = list;
            d.mask |= es::HAS_VLANS;
        });
    })
}

/// `rtnl_link_vf_get_vlans`: the VF's VLANs, as a new block.
///
/// # Returns
/// 0 with `*vf_vlans` set; `-NLE_NOATTR` when unset, `-NLE_INVAL` for NULL, `-NLE_NOMEM`.
/// # Ownership
/// One reference for the caller (`rtnl_link_vf_vlan_put`).
/// # Safety
/// `vf` NULL or live; `vf_vlans` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_get_vlans(
    vf: *mut rtnl_link_vf,
    vf_vlans: *mut *mut nl_vf_vlans_t,
) -> c_int {
    ffi_entry!("rtnl_link_vf_get_vlans", {
        let list = match with_vf(vf, |d| d.value(es::HAS_VLANS, |d| d.vlans.clone())) {
            Some(Ok(l)) => l,
            Some(Err(e)) => return e.to_nle(),
            None => return Error::Inval.to_nle(),
        };
        if vf_vlans.is_null() {
            return Error::Inval.to_nle();
        }
        let p = vlans_alloc(list.len());
        if p.is_null() {
            return Error::NoMem.to_nle();
        }
        for (i, v) in list.iter().enumerate() {
            // SAFETY: `p` holds `list.len()` entries.
            unsafe {
                (*p).vlans.add(i).write(nl_vf_vlan_info_t {
                    vf_vlan: v.vlan,
                    vf_vlan_qos: v.qos,
                    vf_vlan_proto: v.proto,
                })
            };
        }
        // SAFETY: caller contract: writable (NULL handled).
        unsafe { vf_vlans.write(p) };
        0
    })
}

/// `rtnl_link_vf_linkstate2str`: the name of a VF link state.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_linkstate2str(
    ls: u32,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_vf_linkstate2str", {
        to_buf(buf, len, &es::linkstate2str(ls))
    })
}

/// `rtnl_link_vf_str2linkstate`: the value of a VF link state name.
///
/// # Returns
/// The state, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_str2linkstate(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_vf_str2linkstate", {
        from_str(name, es::str2linkstate)
    })
}

/// `rtnl_link_vf_vlanproto2str`: the name of a VLAN protocol.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_vlanproto2str(
    proto: u16,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_vf_vlanproto2str", {
        to_buf(buf, len, &es::vlanproto2str(proto))
    })
}

/// `rtnl_link_vf_str2vlanproto`: the value of a VLAN protocol name.
///
/// # Returns
/// The protocol, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_str2vlanproto(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_vf_str2vlanproto", {
        from_str(name, es::str2vlanproto)
    })
}

/// `rtnl_link_vf_str2guid`: a GUID from `xx:xx:xx:xx:xx:xx:xx:xx`.
///
/// # Returns
/// 0 with `*guid` set; -1 for text of another length (nothing stored) or that is not a GUID
/// (`*guid` set to 0, as libnl); -1 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `guid` NULL or writable; `s` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vf_str2guid(guid: *mut u64, s: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_vf_str2guid", {
        let (Some(text), false) = (arg(s), guid.is_null()) else {
            return -1;
        };
        match es::str2guid(text) {
            None => -1,
            Some(g) => {
                // SAFETY: caller contract: writable (NULL handled).
                unsafe { guid.write(g.unwrap_or(0)) };
                if g.is_some() { 0 } else { -1 }
            }
        }
    })
}
