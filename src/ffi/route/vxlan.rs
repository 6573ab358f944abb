//! `netlink/route/link/vxlan.h`: links of kind vxlan. Codes as libnl 3.7.0's: getters of
//! unset attributes give `-NLE_AGAIN` (the older attributes) or `-NLE_NOATTR` (port, the
//! checksum switches, collect-metadata, label), NULL result pointers `-NLE_INVAL`. Where libnl
//! aborts or crashes (NULL link, a link of another kind, NULL address, NULL flags pointer),
//! these return `-NLE_INVAL` (NULL) or `-NLE_OPNOTSUPP` (another kind), and `is` 0.

use std::ffi::c_int;

use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::vxlan::{F_ALL, MAX_ID, Vxlan, has, ty};
use crate::error::Error;
use crate::ffi::route::kind_access::{self as ka, addr_arg, addr_out, again, noattr, out};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::types::nl_addr;
use crate::ffi_entry;

/// `struct ifla_vxlan_port_range`: the low and high ports in network order.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct PortRange(pub [u8; 4]);

fn pick(d: &mut KindData) -> Option<&mut Vxlan> {
    match d {
        KindData::Vxlan(v) => Some(v),
        _ => None,
    }
}

fn change(l: *mut rtnl_link, f: impl FnOnce(&mut Vxlan) -> c_int) -> c_int {
    ka::change(l, pick, f)
}

fn read(l: *mut rtnl_link, f: impl FnOnce(&Vxlan) -> c_int) -> c_int {
    ka::read(l, pick, f)
}

/// [`ka::get_u32`] on vxlan data.
fn get_u32(
    l: *mut rtnl_link,
    t: u16,
    res: *mut u32,
    unset: fn() -> c_int,
    v: fn(&Vxlan) -> u32,
) -> c_int {
    ka::get_u32(l, pick, t, res, unset, v)
}

/// `rtnl_link_vxlan_alloc`: a new link of kind vxlan.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_vxlan_alloc", { ka::alloc(b"vxlan") })
}

/// `rtnl_link_is_vxlan`: whether the link is of kind vxlan.
///
/// # Returns
/// 1 or 0 (0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_vxlan(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_vxlan", { ka::is(link, pick) })
}

/// `rtnl_link_vxlan_set_id`: sets the VNI.
///
/// # Returns
/// 0; `-NLE_INVAL` for an id above 24 bits (or NULL), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_set_id(link: *mut rtnl_link, id: u32) -> c_int {
    ffi_entry!("rtnl_link_vxlan_set_id", {
        change(link, |d| {
            if id > MAX_ID {
                return Error::Inval.to_nle();
            }
            d.id = id;
            d.mask |= has(ty::ID);
            0
        })
    })
}

/// `rtnl_link_vxlan_get_id`: the VNI.
///
/// # Returns
/// 0 with `*id` set; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL `id`.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `id` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_get_id(link: *mut rtnl_link, id: *mut u32) -> c_int {
    ffi_entry!("rtnl_link_vxlan_get_id", {
        get_u32(link, ty::ID, id, again, |d| d.id)
    })
}

fn set_addr(l: *mut rtnl_link, local: bool, a: *mut nl_addr) -> c_int {
    let Some(a) = addr_arg(a) else {
        return Error::Inval.to_nle();
    };
    change(l, |d| {
        if d.set_addr(local, &a) {
            0
        } else {
            Error::Inval.to_nle()
        }
    })
}

fn get_addr(l: *mut rtnl_link, local: bool, res: *mut *mut nl_addr) -> c_int {
    read(l, |d| {
        if res.is_null() {
            return Error::Inval.to_nle();
        }
        match d.addr(local) {
            Some(a) => addr_out(res, &a),
            None => again(),
        }
    })
}

/// `rtnl_link_vxlan_set_group`: sets the multicast group (or remote) address, IPv4 or IPv6
/// (replacing one of the other family).
///
/// # Returns
/// 0; `-NLE_INVAL` for another family or a NULL address (libnl crashes there).
/// # Ownership
/// Copies the address.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_set_group(
    link: *mut rtnl_link,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_set_group", { set_addr(link, false, addr) })
}

/// `rtnl_link_vxlan_get_group`: the group address.
///
/// # Returns
/// 0 with `*addr` set; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL `addr`.
/// # Ownership
/// `*addr` is a new address for the caller (`nl_addr_put`).
/// # Safety
/// `link` NULL or live; `addr` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_get_group(
    link: *mut rtnl_link,
    addr: *mut *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_get_group", { get_addr(link, false, addr) })
}

/// `rtnl_link_vxlan_set_local`: sets the local address, IPv4 or IPv6.
///
/// # Returns
/// 0; `-NLE_INVAL` for another family or a NULL address (libnl crashes there).
/// # Ownership
/// Copies the address.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_set_local(
    link: *mut rtnl_link,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_set_local", { set_addr(link, true, addr) })
}

/// `rtnl_link_vxlan_get_local`: the local address.
///
/// # Returns
/// 0 with `*addr` set; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL `addr`.
/// # Ownership
/// `*addr` is a new address for the caller (`nl_addr_put`).
/// # Safety
/// `link` NULL or live; `addr` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_get_local(
    link: *mut rtnl_link,
    addr: *mut *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_get_local", { get_addr(link, true, addr) })
}

macro_rules! u32_attr {
    ($set:ident, $get:ident, $t:expr, $field:ident, $unset:ident, $what:literal, $unset_code:literal) => {
        #[doc = concat!("`", stringify!($set), "`: sets the ", $what, ".")]
        ///
        /// # Returns
        /// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(link: *mut rtnl_link, v: u32) -> c_int {
            ffi_entry!(stringify!($set), {
                change(link, |d| {
                    d.$field = v as _;
                    d.mask |= has($t);
                    0
                })
            })
        }

        #[doc = concat!("`", stringify!($get), "`: the ", $what, ".")]
        ///
        /// # Returns
        #[doc = concat!("0 with `*v` set; `", $unset_code, "` when unset, `-NLE_INVAL` for a NULL `v`.")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live; `v` NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(link: *mut rtnl_link, v: *mut u32) -> c_int {
            ffi_entry!(stringify!($get), {
                get_u32(link, $t, v, $unset, |d| u32::from(d.$field))
            })
        }
    };
}

u32_attr!(
    rtnl_link_vxlan_set_link,
    rtnl_link_vxlan_get_link,
    ty::LINK,
    link,
    again,
    "lower link's index",
    "-NLE_AGAIN"
);
u32_attr!(
    rtnl_link_vxlan_set_ageing,
    rtnl_link_vxlan_get_ageing,
    ty::AGEING,
    ageing,
    again,
    "FDB ageing time (seconds)",
    "-NLE_AGAIN"
);
u32_attr!(
    rtnl_link_vxlan_set_limit,
    rtnl_link_vxlan_get_limit,
    ty::LIMIT,
    limit,
    again,
    "FDB size limit",
    "-NLE_AGAIN"
);
u32_attr!(
    rtnl_link_vxlan_set_port,
    rtnl_link_vxlan_get_port,
    ty::PORT,
    port,
    noattr,
    "UDP destination port (cut to 16 bits)",
    "-NLE_NOATTR"
);
u32_attr!(
    rtnl_link_vxlan_set_label,
    rtnl_link_vxlan_get_label,
    ty::LABEL,
    label,
    noattr,
    "IPv6 flow label",
    "-NLE_NOATTR"
);

macro_rules! u8_attr {
    ($set:ident, $get:ident, $t:expr, $unset:ident, $what:literal, $unset_code:literal) => {
        #[doc = concat!("`", stringify!($set), "`: sets the ", $what, ".")]
        ///
        /// # Returns
        /// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(link: *mut rtnl_link, v: u8) -> c_int {
            ffi_entry!(stringify!($set), {
                change(link, |d| {
                    d.set_u8($t, v);
                    0
                })
            })
        }

        #[doc = concat!("`", stringify!($get), "`: the ", $what, ".")]
        ///
        /// # Returns
        #[doc = concat!("The value; `", $unset_code, "` when unset.")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(link: *mut rtnl_link) -> c_int {
            ffi_entry!(stringify!($get), {
                read(link, |d| d.get_u8($t).map_or_else($unset, c_int::from))
            })
        }
    };
}

u8_attr!(
    rtnl_link_vxlan_set_ttl,
    rtnl_link_vxlan_get_ttl,
    ty::TTL,
    again,
    "TTL (0: inherit)",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_tos,
    rtnl_link_vxlan_get_tos,
    ty::TOS,
    again,
    "TOS (1: inherit)",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_learning,
    rtnl_link_vxlan_get_learning,
    ty::LEARNING,
    again,
    "learning switch",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_proxy,
    rtnl_link_vxlan_get_proxy,
    ty::PROXY,
    again,
    "ARP proxy switch",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_rsc,
    rtnl_link_vxlan_get_rsc,
    ty::RSC,
    again,
    "route short-circuit switch",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_l2miss,
    rtnl_link_vxlan_get_l2miss,
    ty::L2MISS,
    again,
    "L2 miss notification switch",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_l3miss,
    rtnl_link_vxlan_get_l3miss,
    ty::L3MISS,
    again,
    "L3 miss notification switch",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_vxlan_set_udp_csum,
    rtnl_link_vxlan_get_udp_csum,
    ty::UDP_CSUM,
    noattr,
    "UDP checksum switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_vxlan_set_udp_zero_csum6_tx,
    rtnl_link_vxlan_get_udp_zero_csum6_tx,
    ty::UDP_ZERO_CSUM6_TX,
    noattr,
    "zero UDP checksum over IPv6 (transmit) switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_vxlan_set_udp_zero_csum6_rx,
    rtnl_link_vxlan_get_udp_zero_csum6_rx,
    ty::UDP_ZERO_CSUM6_RX,
    noattr,
    "zero UDP checksum over IPv6 (receive) switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_vxlan_set_remcsum_tx,
    rtnl_link_vxlan_get_remcsum_tx,
    ty::REMCSUM_TX,
    noattr,
    "remote checksum offload (transmit) switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_vxlan_set_remcsum_rx,
    rtnl_link_vxlan_get_remcsum_rx,
    ty::REMCSUM_RX,
    noattr,
    "remote checksum offload (receive) switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_vxlan_set_collect_metadata,
    rtnl_link_vxlan_get_collect_metadata,
    ty::COLLECT_METADATA,
    noattr,
    "collect-metadata switch",
    "-NLE_NOATTR"
);

macro_rules! toggle {
    ($name:ident, $t:expr, $v:expr, $what:literal) => {
        #[doc = concat!("`", stringify!($name), "`: ", $what, ".")]
        ///
        /// # Returns
        /// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind (libnl aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut rtnl_link) -> c_int {
            ffi_entry!(stringify!($name), {
                change(link, |d| {
                    d.set_u8($t, $v);
                    0
                })
            })
        }
    };
}

toggle!(
    rtnl_link_vxlan_enable_learning,
    ty::LEARNING,
    1,
    "sets the learning switch to 1"
);
toggle!(
    rtnl_link_vxlan_disable_learning,
    ty::LEARNING,
    0,
    "sets the learning switch to 0"
);
toggle!(
    rtnl_link_vxlan_enable_proxy,
    ty::PROXY,
    1,
    "sets the proxy switch to 1"
);
toggle!(
    rtnl_link_vxlan_disable_proxy,
    ty::PROXY,
    0,
    "sets the proxy switch to 0"
);
toggle!(
    rtnl_link_vxlan_enable_rsc,
    ty::RSC,
    1,
    "sets the route short-circuit switch to 1"
);
toggle!(
    rtnl_link_vxlan_disable_rsc,
    ty::RSC,
    0,
    "sets the route short-circuit switch to 0"
);
toggle!(
    rtnl_link_vxlan_enable_l2miss,
    ty::L2MISS,
    1,
    "sets the L2 miss switch to 1"
);
toggle!(
    rtnl_link_vxlan_disable_l2miss,
    ty::L2MISS,
    0,
    "sets the L2 miss switch to 0"
);
toggle!(
    rtnl_link_vxlan_enable_l3miss,
    ty::L3MISS,
    1,
    "sets the L3 miss switch to 1"
);
toggle!(
    rtnl_link_vxlan_disable_l3miss,
    ty::L3MISS,
    0,
    "sets the L3 miss switch to 0"
);

/// `rtnl_link_vxlan_set_port_range`: sets the UDP source port range (network order, as
/// `struct ifla_vxlan_port_range` holds it).
///
/// # Returns
/// 0; `-NLE_INVAL` for a NULL range or link, `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// Copies the range.
/// # Safety
/// `link` NULL or live; `range` NULL or 4 readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_set_port_range(
    link: *mut rtnl_link,
    range: *mut PortRange,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_set_port_range", {
        // SAFETY: caller contract: NULL or a readable range.
        let r = unsafe { crate::ffi::ptr::as_ref(range) }.copied();
        change(link, |d| {
            let Some(r) = r else {
                return Error::Inval.to_nle();
            };
            d.port_range = r.0;
            d.mask |= has(ty::PORT_RANGE);
            0
        })
    })
}

/// `rtnl_link_vxlan_get_port_range`: the UDP source port range.
///
/// # Returns
/// 0 with `*range` set; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL `range`.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `range` NULL or 4 writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_get_port_range(
    link: *mut rtnl_link,
    range: *mut PortRange,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_get_port_range", {
        read(link, |d| {
            if range.is_null() {
                Error::Inval.to_nle()
            } else if !d.is_set(ty::PORT_RANGE) {
                again()
            } else {
                out(range, PortRange(d.port_range))
            }
        })
    })
}

/// `rtnl_link_vxlan_set_flags`: sets (`enable` non-zero) or clears `RTNL_LINK_VXLAN_F_*`
/// flags.
///
/// # Returns
/// 0; `-NLE_INVAL` for unknown flags (or NULL), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_set_flags(
    link: *mut rtnl_link,
    flags: u32,
    enable: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_set_flags", {
        change(link, |d| {
            if flags & !F_ALL != 0 {
                return Error::Inval.to_nle();
            }
            if enable != 0 {
                d.flags |= flags;
            } else {
                d.flags &= !flags;
            }
            0
        })
    })
}

/// `rtnl_link_vxlan_get_flags`: the `RTNL_LINK_VXLAN_F_*` flags.
///
/// # Returns
/// 0 with `*out_flags` set; `-NLE_INVAL` for a NULL `out_flags` (libnl crashes there).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `out_flags` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_vxlan_get_flags(
    link: *mut rtnl_link,
    out_flags: *mut u32,
) -> c_int {
    ffi_entry!("rtnl_link_vxlan_get_flags", {
        read(link, |d| out(out_flags, d.flags))
    })
}
