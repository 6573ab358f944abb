//! `netlink/route/link/inet.h`, `inet6.h` and `bridge.h`: the per-family data of links
//! (engine: `engine::route::link::af`). Where libnl aborts the process (a bridge accessor on a
//! link that is not an `AF_BRIDGE` link with bridge data, `rtnl_link_inet6_set_token` with
//! NULL), these return `-NLE_OPNOTSUPP` / `-NLE_INVAL` (NULL for pointers).

use std::ffi::{c_char, c_int, c_uint};

use crate::engine::route::link::af::bridge::{self as eb, Bridge};
use crate::engine::route::link::af::inet::{self as ei, Inet};
use crate::engine::route::link::af::inet6::{self as ei6, AGM_UNKNOWN, Inet6};
use crate::engine::route::link::{self as el, Link};
use crate::error::{Error, Result};
use crate::ffi::objtype::{self, Slot};
use crate::ffi::route::link::{rtnl_link, send_sync};
use crate::ffi::route::{arg, from_str, to_buf};
use crate::ffi::types::{nl_addr, nl_object, nl_sock};
use crate::ffi_entry;

const AF_BRIDGE: u8 = libc::AF_BRIDGE as u8;

fn code(r: Result<()>) -> c_int {
    r.map_or_else(|e| e.to_nle(), |()| 0)
}

/// Runs `f` on the link's value; `-NLE_INVAL` for NULL or a foreign object.
fn change(l: *mut rtnl_link, f: impl FnOnce(&mut Link) -> Result<()>) -> c_int {
    let Some(o) = objtype::cast::<Link>(l.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    code(objtype::with(o, |s: &mut Slot<Link>| f(&mut s.value)).unwrap_or(Err(Error::Inval)))
}

/// `f` on the link's value; `None` for NULL or a foreign object.
fn get<R>(l: *mut rtnl_link, f: impl FnOnce(&Link) -> R) -> Option<R> {
    objtype::cast::<Link>(l.cast::<nl_object>()).and_then(|o| objtype::read(o, f))
}

/// Writes `v` through `out` (`-NLE_INVAL` for NULL).
fn store<T>(out: *mut T, v: Result<T>) -> c_int {
    match v {
        Ok(v) => {
            // SAFETY: caller contract of the exported getters: NULL or writable.
            match unsafe { out.as_mut() } {
                Some(o) => {
                    *o = v;
                    0
                }
                None => Error::Inval.to_nle(),
            }
        }
        Err(e) => e.to_nle(),
    }
}

fn inet6(l: &Link) -> Result<&Inet6> {
    l.af.inet6.as_ref().ok_or(Error::NoAttr)
}

// ---- inet.h ----

/// `rtnl_link_inet_devconf2str`: the name of an `IPV4_DEVCONF_*` id.
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet_devconf2str(
    id: c_int,
    buf: *mut c_char,
    len: usize,
) -> *const c_char {
    ffi_entry!("rtnl_link_inet_devconf2str", {
        to_buf(buf, len, &ei::devconf2str(id))
    })
}

/// `rtnl_link_inet_str2devconf`: the id of a configuration name.
///
/// # Returns
/// The id, `-NLE_OBJ_NOTFOUND` for an unknown name, `-NLE_INVAL` for an empty one or NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet_str2devconf(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_inet_str2devconf", {
        from_str(name, ei::str2devconf)
    })
}

/// `rtnl_link_inet_get_conf`: one IPv4 configuration value of the link.
///
/// # Returns
/// 0 with `*res` set; `-NLE_RANGE` for an id outside 1..=32, `-NLE_NOATTR` without IPv4
/// data, `-NLE_INVAL` for a value not known.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `res` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet_get_conf(
    link: *mut rtnl_link,
    id: c_uint,
    res: *mut u32,
) -> c_int {
    ffi_entry!("rtnl_link_inet_get_conf", {
        if !(1..=ei::CONF_MAX as c_uint).contains(&id) {
            return Error::Range.to_nle();
        }
        let v = get(link, |l| {
            l.af.inet
                .as_ref()
                .ok_or(Error::NoAttr)
                .and_then(|i| i.get(id))
        });
        store(res, v.unwrap_or(Err(Error::NoAttr)))
    })
}

/// `rtnl_link_inet_set_conf`: sets one IPv4 configuration value (sent by requests).
///
/// # Returns
/// 0, `-NLE_RANGE` for an id outside 1..=32, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet_set_conf(
    link: *mut rtnl_link,
    id: c_uint,
    value: u32,
) -> c_int {
    ffi_entry!("rtnl_link_inet_set_conf", {
        if !(1..=ei::CONF_MAX as c_uint).contains(&id) {
            return Error::Range.to_nle();
        }
        change(link, |l| {
            l.af.inet.get_or_insert_with(Inet::default).set(id, value)
        })
    })
}

// ---- inet6.h ----

/// `rtnl_link_inet6_addrgenmode2str`: the name of an address generation mode.
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_addrgenmode2str(
    mode: u8,
    buf: *mut c_char,
    len: usize,
) -> *const c_char {
    ffi_entry!("rtnl_link_inet6_addrgenmode2str", {
        to_buf(buf, len, &ei6::addrgenmode2str(mode))
    })
}

/// `rtnl_link_inet6_str2addrgenmode`: the mode of a name.
///
/// # Returns
/// The mode; libnl's negative error code cut to a byte for an unknown name, NULL or "".
/// # Ownership
/// None.
/// # Safety
/// `mode` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_str2addrgenmode(mode: *const c_char) -> u8 {
    ffi_entry!("rtnl_link_inet6_str2addrgenmode", {
        arg(mode).map_or(Error::Inval.to_nle() as u8, ei6::str2addrgenmode)
    })
}

/// `rtnl_link_inet6_get_token`: the IPv6 token of the link.
///
/// # Returns
/// 0 with `*addr` set; `-NLE_NOATTR` without IPv6 data or token, `-NLE_INVAL` for NULL.
/// # Ownership
/// `*addr` is a new address for the caller (`nl_addr_put`).
/// # Safety
/// `link` NULL or live; `addr` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_get_token(
    link: *mut rtnl_link,
    addr: *mut *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_inet6_get_token", {
        let t = get(link, |l| {
            inet6(l).and_then(|i| i.token.clone().ok_or(Error::NoAttr))
        });
        match t.unwrap_or(Err(Error::NoAttr)) {
            Ok(a) if !addr.is_null() => {
                let p = crate::ffi::handle::addr_block::from_addr(&a);
                if p.is_null() {
                    return Error::NoMem.to_nle();
                }
                store(addr, Ok(p))
            }
            Ok(_) => Error::Inval.to_nle(),
            Err(e) => e.to_nle(),
        }
    })
}

/// `rtnl_link_inet6_set_token`: sets the IPv6 token (an `AF_INET6` address).
///
/// # Returns
/// 0, `-NLE_INVAL` for another family or NULL (libnl crashes on NULL).
/// # Ownership
/// Copies `addr`.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_set_token(
    link: *mut rtnl_link,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_inet6_set_token", {
        // SAFETY: caller contract: NULL or a live address.
        let Some(a) = (unsafe { crate::ffi::handle::addr_block::value(addr) }) else {
            return Error::Inval.to_nle();
        };
        if a.family != libc::AF_INET6 {
            return Error::Inval.to_nle();
        }
        change(link, |l| {
            l.af.inet6.get_or_insert_with(Inet6::default).token = Some(a);
            Ok(())
        })
    })
}

/// `rtnl_link_inet6_get_addr_gen_mode`: the address generation mode.
///
/// # Returns
/// 0 with `*mode` set; `-NLE_NOATTR` without IPv6 data or mode, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `mode` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_get_addr_gen_mode(
    link: *mut rtnl_link,
    mode: *mut u8,
) -> c_int {
    ffi_entry!("rtnl_link_inet6_get_addr_gen_mode", {
        let v = get(link, |l| {
            inet6(l).and_then(|i| match i.addr_gen_mode {
                AGM_UNKNOWN => Err(Error::NoAttr),
                m => Ok(m),
            })
        });
        store(mode, v.unwrap_or(Err(Error::NoAttr)))
    })
}

/// `rtnl_link_inet6_set_addr_gen_mode`: sets the address generation mode (sent by requests).
///
/// # Returns
/// 0, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_set_addr_gen_mode(
    link: *mut rtnl_link,
    mode: u8,
) -> c_int {
    ffi_entry!("rtnl_link_inet6_set_addr_gen_mode", {
        change(link, |l| {
            l.af.inet6.get_or_insert_with(Inet6::default).addr_gen_mode = mode;
            Ok(())
        })
    })
}

/// `rtnl_link_inet6_get_flags`: the IPv6 flags (`IF_READY`, `IF_RS_SENT`, …).
///
/// # Returns
/// 0 with `*flags` set; `-NLE_NOATTR` without IPv6 data, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `flags` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_get_flags(link: *mut rtnl_link, flags: *mut u32) -> c_int {
    ffi_entry!("rtnl_link_inet6_get_flags", {
        let v = get(link, |l| inet6(l).map(|i| i.flags));
        store(flags, v.unwrap_or(Err(Error::NoAttr)))
    })
}

/// `rtnl_link_inet6_set_flags`: sets the IPv6 flags (kept, not sent: libnl 3.7.0).
///
/// # Returns
/// 0, `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_set_flags(link: *mut rtnl_link, flags: u32) -> c_int {
    ffi_entry!("rtnl_link_inet6_set_flags", {
        change(link, |l| {
            l.af.inet6.get_or_insert_with(Inet6::default).flags = flags;
            Ok(())
        })
    })
}

/// `rtnl_link_inet6_flags2str`: the names of IPv6 flags.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_flags2str(
    flags: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_inet6_flags2str", {
        to_buf(buf, len, &ei6::flags2str(flags, len))
    })
}

/// `rtnl_link_inet6_str2flags`: the IPv6 flags of a comma-separated list of names.
///
/// # Returns
/// The flags (unknown names ignored), 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_inet6_str2flags(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_inet6_str2flags", {
        arg(name).map_or(0, ei6::str2flags)
    })
}

// ---- bridge.h ----

/// Runs `f` on the bridge data of an `AF_BRIDGE` link; `-NLE_OPNOTSUPP` for another link.
fn bridge_change(l: *mut rtnl_link, f: impl FnOnce(&mut Bridge) -> Result<()>) -> c_int {
    change(l, |l| match (&mut l.af.bridge, l.family) {
        (Some(b), AF_BRIDGE) => f(b),
        _ => Err(Error::OpNotSupp),
    })
}

/// `f` on the bridge data of an `AF_BRIDGE` link, `Err(OpNotSupp)` for another link.
fn bridge_get<R>(l: *mut rtnl_link, f: impl FnOnce(&Bridge) -> R) -> Result<R> {
    get(l, |l| match (&l.af.bridge, l.family) {
        (Some(b), AF_BRIDGE) => Ok(f(b)),
        _ => Err(Error::OpNotSupp),
    })
    .unwrap_or(Err(Error::OpNotSupp))
}

fn int_or_code(r: Result<c_int>) -> c_int {
    r.unwrap_or_else(|e| e.to_nle())
}

/// `rtnl_link_bridge_alloc`: a new link of kind bridge.
///
/// # Returns
/// The link, NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_bridge_alloc", {
        let mut l = Link::default();
        l.set_kind(Some(b"bridge"));
        objtype::new(l).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
    })
}

/// `rtnl_link_is_bridge`: whether the link is an `AF_BRIDGE` link with bridge data.
///
/// # Returns
/// 1 or 0.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_bridge(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_bridge", {
        c_int::from(bridge_get(link, |_| ()).is_ok())
    })
}

/// `rtnl_link_bridge_has_ext_info`: whether the kernel reported the port's attributes nested.
///
/// # Returns
/// 1 or 0; `-NLE_OPNOTSUPP` for a link that is not a bridge link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_has_ext_info(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_has_ext_info", {
        int_or_code(bridge_get(link, |b| c_int::from(b.ext_info)))
    })
}

/// `rtnl_link_bridge_set_port_state`: the port's STP state (`BR_STATE_*`).
///
/// # Returns
/// 0, `-NLE_INVAL` above `BR_STATE_BLOCKING`, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_set_port_state(link: *mut rtnl_link, state: u8) -> c_int {
    ffi_entry!("rtnl_link_bridge_set_port_state", {
        bridge_change(link, |b| b.set_port_state(state))
    })
}

/// `rtnl_link_bridge_get_port_state`.
///
/// # Returns
/// The state (0 when unknown), `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_get_port_state(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_get_port_state", {
        int_or_code(bridge_get(link, |b| c_int::from(b.port_state)))
    })
}

/// `rtnl_link_bridge_set_priority`.
///
/// # Returns
/// 0, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_set_priority(link: *mut rtnl_link, prio: u16) -> c_int {
    ffi_entry!("rtnl_link_bridge_set_priority", {
        bridge_change(link, |b| {
            b.priority = prio;
            b.mask |= eb::HAS_PRIORITY;
            Ok(())
        })
    })
}

/// `rtnl_link_bridge_get_priority`.
///
/// # Returns
/// The priority (0 when unknown), `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_get_priority(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_get_priority", {
        int_or_code(bridge_get(link, |b| c_int::from(b.priority)))
    })
}

/// `rtnl_link_bridge_set_cost`.
///
/// # Returns
/// 0, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_set_cost(link: *mut rtnl_link, cost: u32) -> c_int {
    ffi_entry!("rtnl_link_bridge_set_cost", {
        bridge_change(link, |b| {
            b.cost = cost;
            b.mask |= eb::HAS_COST;
            Ok(())
        })
    })
}

/// `rtnl_link_bridge_get_cost`.
///
/// # Returns
/// 0 with `*cost` set (0 when unknown), `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another
/// link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `cost` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_get_cost(link: *mut rtnl_link, cost: *mut u32) -> c_int {
    ffi_entry!("rtnl_link_bridge_get_cost", {
        store(cost, bridge_get(link, |b| b.cost))
    })
}

/// `rtnl_link_bridge_unset_flags`: clears port flags (`RTNL_BRIDGE_*`; sent as cleared).
///
/// # Returns
/// 0, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_unset_flags(
    link: *mut rtnl_link,
    flags: c_uint,
) -> c_int {
    ffi_entry!("rtnl_link_bridge_unset_flags", {
        bridge_change(link, |b| {
            b.unset_flags(flags);
            Ok(())
        })
    })
}

/// `rtnl_link_bridge_set_flags`: sets port flags (`RTNL_BRIDGE_*`).
///
/// # Returns
/// 0, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_set_flags(link: *mut rtnl_link, flags: c_uint) -> c_int {
    ffi_entry!("rtnl_link_bridge_set_flags", {
        bridge_change(link, |b| {
            b.set_flags(flags);
            Ok(())
        })
    })
}

/// `rtnl_link_bridge_get_flags`.
///
/// # Returns
/// The port flags, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_get_flags(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_get_flags", {
        int_or_code(bridge_get(link, |b| b.flags as c_int))
    })
}

/// `rtnl_link_bridge_set_self`: requests address the bridge device itself
/// (`BRIDGE_FLAGS_SELF`).
///
/// # Returns
/// 0, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_set_self(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_set_self", {
        bridge_change(link, |b| {
            b.mask |= eb::HAS_SELF;
            Ok(())
        })
    })
}

/// `rtnl_link_bridge_get_hwmode`.
///
/// # Returns
/// 0 with `*hwmode` set; `-NLE_NOATTR` when unknown, `-NLE_INVAL` for NULL,
/// `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `hwmode` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_get_hwmode(
    link: *mut rtnl_link,
    hwmode: *mut u16,
) -> c_int {
    ffi_entry!("rtnl_link_bridge_get_hwmode", {
        let v = bridge_get(link, |b| {
            if b.mask & eb::HAS_HWMODE != 0 {
                Ok(b.hwmode)
            } else {
                Err(Error::NoAttr)
            }
        });
        store(hwmode, v.and_then(|r| r))
    })
}

/// `rtnl_link_bridge_set_hwmode`: `RTNL_BRIDGE_HWMODE_VEB` or `_VEPA` (implies `self`).
///
/// # Returns
/// 0, `-NLE_INVAL` for another mode, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_set_hwmode(link: *mut rtnl_link, hwmode: u16) -> c_int {
    ffi_entry!("rtnl_link_bridge_set_hwmode", {
        bridge_change(link, |b| b.set_hwmode(hwmode))
    })
}

/// `rtnl_link_bridge_flags2str`.
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_flags2str(
    flags: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_bridge_flags2str", {
        to_buf(buf, len, &eb::flags2str(flags, len))
    })
}

/// `rtnl_link_bridge_str2flags`.
///
/// # Returns
/// The flags of a comma-separated list of names (unknown ones ignored), 0 for NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_str2flags(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_bridge_str2flags", {
        arg(name).map_or(0, eb::str2flags)
    })
}

/// `rtnl_link_bridge_portstate2str`.
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_portstate2str(
    st: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_bridge_portstate2str", {
        to_buf(buf, len, &eb::portstate2str(st))
    })
}

/// `rtnl_link_bridge_str2portstate`.
///
/// # Returns
/// The state, `-NLE_OBJ_NOTFOUND` for an unknown name, `-NLE_INVAL` for "" or NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_str2portstate(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_bridge_str2portstate", {
        from_str(name, eb::str2portstate)
    })
}

/// `rtnl_link_bridge_hwmode2str`.
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_hwmode2str(
    hwmode: u16,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_bridge_hwmode2str", {
        to_buf(buf, len, &eb::hwmode2str(hwmode))
    })
}

/// `rtnl_link_bridge_str2hwmode`.
///
/// # Returns
/// The mode; libnl's negative error code cut to 16 bits for an unknown name, "" or NULL.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_str2hwmode(name: *const c_char) -> u16 {
    ffi_entry!("rtnl_link_bridge_str2hwmode", {
        arg(name).map_or(Error::Inval.to_nle() as u16, eb::str2hwmode)
    })
}

/// `rtnl_link_bridge_add`: creates a bridge named `name` (`RTM_NEWLINK` with
/// `NLM_F_CREATE`).
///
/// # Returns
/// 0 or a negative error code (the kernel's included).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_add(sk: *mut nl_sock, name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_bridge_add", {
        let mut l = Link::default();
        l.set_kind(Some(b"bridge"));
        if let Some(n) = arg(name) {
            l.set_name(n);
        }
        send_sync(sk, l.add_request(libc::NLM_F_CREATE as u16))
    })
}

/// `rtnl_link_bridge_pvid`: the port VLAN id.
///
/// # Returns
/// The id; `-EINVAL` (as libnl: the raw errno) when no VLANs are known, `-NLE_OPNOTSUPP` for
/// another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_pvid(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_pvid", {
        match bridge_get(link, |b| {
            (b.mask & eb::HAS_VLAN != 0).then_some(b.vlans.pvid)
        }) {
            Ok(Some(p)) => c_int::from(p),
            Ok(None) => -libc::EINVAL,
            Err(e) => e.to_nle(),
        }
    })
}

/// `rtnl_link_bridge_has_vlan`: whether the port is a member of a VLAN.
///
/// # Returns
/// 1 or 0, `-NLE_OPNOTSUPP` for another link.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_has_vlan(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bridge_has_vlan", {
        int_or_code(bridge_get(link, |b| c_int::from(b.has_vlan())))
    })
}

/// `struct rtnl_link_bridge_vlan` (public in libnl's bridge.h).
#[repr(C)]
pub struct rtnl_link_bridge_vlan {
    /// The port VLAN id.
    pub pvid: u16,
    /// Member VLANs, one bit each.
    pub vlan_bitmap: [u32; eb::VLAN_WORDS],
    /// Untagged VLANs.
    pub untagged_bitmap: [u32; eb::VLAN_WORDS],
}

/// `rtnl_link_bridge_get_port_vlan`: the port's VLANs.
///
/// # Returns
/// The VLANs, NULL when none are known or for another link.
/// # Ownership
/// Borrowed from the link (valid while the link lives and its VLANs stay as they are).
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bridge_get_port_vlan(
    link: *mut rtnl_link,
) -> *mut rtnl_link_bridge_vlan {
    ffi_entry!("rtnl_link_bridge_get_port_vlan", {
        let Some(o) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
            return std::ptr::null_mut();
        };
        let words = objtype::read(o, |l: &Link| match (&l.af.bridge, l.family) {
            (Some(b), AF_BRIDGE) if b.mask & eb::HAS_VLAN != 0 => Some(b.vlans.to_words()),
            _ => None,
        })
        .flatten();
        words.map_or(std::ptr::null_mut(), |w| {
            objtype::lend_words::<Link>(o, el::ATTR_AF_SPEC, &w).cast()
        })
    })
}

/// `rtnl_link_set_family`: the link's family, with the family's (empty) data when libnl has a
/// module for it (`AF_INET`, `AF_INET6`, `AF_BRIDGE`).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_set_family(link: *mut rtnl_link, family: c_int) {
    ffi_entry!("rtnl_link_set_family", {
        change(link, |l| {
            l.set_family(family as u8);
            Ok(())
        });
    })
}
