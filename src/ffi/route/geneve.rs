//! `netlink/route/link/geneve.h`: links of kind geneve. Codes as libnl 3.7.0's: getters of
//! unset values give `-NLE_AGAIN` (id, remote, TTL, TOS) or `-NLE_NOATTR` (port, label, the
//! checksum switches), NULL result pointers `-NLE_INVAL`. Where libnl aborts or crashes (NULL
//! link, a link of another kind, NULL address, NULL flags pointer) these return `-NLE_INVAL`
//! (NULL) or `-NLE_OPNOTSUPP` (another kind), and `is` 0.

use std::ffi::c_int;

use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::geneve::{F_COLLECT_METADATA, Geneve, MAX_ID, has, ty};
use crate::error::Error;
use crate::ffi::route::kind_access::{self as ka, addr_arg, addr_out, again, noattr, out};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::types::nl_addr;
use crate::ffi_entry;

fn pick(d: &mut KindData) -> Option<&mut Geneve> {
    match d {
        KindData::Geneve(v) => Some(v),
        _ => None,
    }
}

fn change(l: *mut rtnl_link, f: impl FnOnce(&mut Geneve) -> c_int) -> c_int {
    ka::change(l, pick, f)
}

fn read(l: *mut rtnl_link, f: impl FnOnce(&Geneve) -> c_int) -> c_int {
    ka::read(l, pick, f)
}

/// [`ka::get_u32`] on geneve data.
fn get_u32(
    l: *mut rtnl_link,
    t: u16,
    res: *mut u32,
    unset: fn() -> c_int,
    v: fn(&Geneve) -> u32,
) -> c_int {
    ka::get_u32(l, pick, t, res, unset, v)
}

/// `rtnl_link_geneve_alloc`: a new link of kind geneve.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_geneve_alloc", { ka::alloc(b"geneve") })
}

/// `rtnl_link_is_geneve`: whether the link is of kind geneve.
///
/// # Returns
/// 1 or 0 (0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_geneve(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_geneve", { ka::is(link, pick) })
}

/// `rtnl_link_geneve_set_id`: sets the VNI.
///
/// # Returns
/// 0; `-NLE_INVAL` for an id above 24 bits (or NULL), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_set_id(link: *mut rtnl_link, id: u32) -> c_int {
    ffi_entry!("rtnl_link_geneve_set_id", {
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

/// `rtnl_link_geneve_get_id`: the VNI.
///
/// # Returns
/// 0 with `*id` set; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL `id`.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `id` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_get_id(link: *mut rtnl_link, id: *mut u32) -> c_int {
    ffi_entry!("rtnl_link_geneve_get_id", {
        get_u32(link, ty::ID, id, again, |d| d.id)
    })
}

/// `rtnl_link_geneve_set_remote`: sets the remote address, IPv4 or IPv6 (replacing one of
/// the other family).
///
/// # Returns
/// 0; `-NLE_INVAL` for another family or a NULL address (libnl crashes there).
/// # Ownership
/// Copies the address.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_set_remote(
    link: *mut rtnl_link,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_geneve_set_remote", {
        let Some(a) = addr_arg(addr) else {
            return Error::Inval.to_nle();
        };
        change(link, |d| {
            if d.set_remote(&a) {
                0
            } else {
                Error::Inval.to_nle()
            }
        })
    })
}

/// `rtnl_link_geneve_get_remote`: the remote address.
///
/// # Returns
/// 0 with `*addr` set; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL `addr`.
/// # Ownership
/// `*addr` is a new address for the caller (`nl_addr_put`).
/// # Safety
/// `link` NULL or live; `addr` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_get_remote(
    link: *mut rtnl_link,
    addr: *mut *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_geneve_get_remote", {
        read(link, |d| {
            if addr.is_null() {
                return Error::Inval.to_nle();
            }
            match d.remote() {
                Some(a) => addr_out(addr, &a),
                None => again(),
            }
        })
    })
}

macro_rules! u32_attr {
    ($set:ident, $get:ident, $t:expr, $field:ident, $what:literal) => {
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
        /// 0 with `*v` set; `-NLE_NOATTR` when unset, `-NLE_INVAL` for a NULL `v`.
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live; `v` NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(link: *mut rtnl_link, v: *mut u32) -> c_int {
            ffi_entry!(stringify!($get), {
                get_u32(link, $t, v, noattr, |d| u32::from(d.$field))
            })
        }
    };
}

u32_attr!(
    rtnl_link_geneve_set_port,
    rtnl_link_geneve_get_port,
    ty::PORT,
    port,
    "UDP destination port (cut to 16 bits)"
);
u32_attr!(
    rtnl_link_geneve_set_label,
    rtnl_link_geneve_get_label,
    ty::LABEL,
    label,
    "IPv6 flow label"
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
    rtnl_link_geneve_set_ttl,
    rtnl_link_geneve_get_ttl,
    ty::TTL,
    again,
    "TTL",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_geneve_set_tos,
    rtnl_link_geneve_get_tos,
    ty::TOS,
    again,
    "TOS",
    "-NLE_AGAIN"
);
u8_attr!(
    rtnl_link_geneve_set_udp_csum,
    rtnl_link_geneve_get_udp_csum,
    ty::UDP_CSUM,
    noattr,
    "UDP checksum switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_geneve_set_udp_zero_csum6_tx,
    rtnl_link_geneve_get_udp_zero_csum6_tx,
    ty::UDP_ZERO_CSUM6_TX,
    noattr,
    "zero UDP checksum over IPv6 (transmit) switch",
    "-NLE_NOATTR"
);
u8_attr!(
    rtnl_link_geneve_set_udp_zero_csum6_rx,
    rtnl_link_geneve_get_udp_zero_csum6_rx,
    ty::UDP_ZERO_CSUM6_RX,
    noattr,
    "zero UDP checksum over IPv6 (receive) switch",
    "-NLE_NOATTR"
);

/// `rtnl_link_geneve_set_flags`: sets (`enable` non-zero) or clears
/// `RTNL_LINK_GENEVE_F_*` flags.
///
/// # Returns
/// 0; `-NLE_INVAL` for unknown flags (or NULL), `-NLE_OPNOTSUPP` for another kind.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_set_flags(
    link: *mut rtnl_link,
    flags: u8,
    enable: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_geneve_set_flags", {
        change(link, |d| {
            if flags & !F_COLLECT_METADATA != 0 {
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

/// `rtnl_link_geneve_get_flags`: the `RTNL_LINK_GENEVE_F_*` flags.
///
/// # Returns
/// 0 with `*flags` set; `-NLE_INVAL` for a NULL `flags` (libnl crashes there).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `flags` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_geneve_get_flags(link: *mut rtnl_link, flags: *mut u8) -> c_int {
    ffi_entry!("rtnl_link_geneve_get_flags", {
        read(link, |d| out(flags, d.flags))
    })
}
