//! `netlink/route/link/macvlan.h` and `macvtap.h`: links of kind macvlan / macvtap, their
//! mode and flags, and macvlan's source-MAC list. Where libnl aborts the process (a macvlan
//! setter or getter on a link of another kind), the setters and the functions returning a
//! code give `-NLE_OPNOTSUPP`, the other getters 0; where libnl dereferences a NULL argument
//! (an output pointer, the address), `-NLE_INVAL`.

use std::ffi::{c_char, c_int};

use crate::engine::route::link::Link;
use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::macvlan::{self as em, Macvlan};
use crate::error::Error;
use crate::ffi::objtype::{self, Slot};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::route::{arg, from_str, to_buf};
use crate::ffi::types::{nl_addr, nl_object};
use crate::ffi_entry;

/// Which of the two kinds a function family serves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Macvlan,
    Macvtap,
}

impl Which {
    fn kind(self) -> &'static [u8] {
        match self {
            Which::Macvlan => b"macvlan",
            Which::Macvtap => b"macvtap",
        }
    }
    fn data(self, l: &mut Link) -> Option<&mut Macvlan> {
        match (self, &mut l.data) {
            (Which::Macvlan, Some(KindData::Macvlan(d))) => Some(d),
            (Which::Macvtap, Some(KindData::Macvtap(d))) => Some(d),
            _ => None,
        }
    }
    fn data_ref(self, l: &Link) -> Option<&Macvlan> {
        match (self, &l.data) {
            (Which::Macvlan, Some(KindData::Macvlan(d))) => Some(d),
            (Which::Macvtap, Some(KindData::Macvtap(d))) => Some(d),
            _ => None,
        }
    }
}

fn alloc(w: Which) -> *mut rtnl_link {
    let mut l = Link::default();
    l.set_kind(Some(w.kind()));
    objtype::new(l).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
}

fn is(w: Which, l: *mut rtnl_link) -> c_int {
    let Some(o) = objtype::cast::<Link>(l.cast::<nl_object>()) else {
        return 0;
    };
    objtype::read(o, |v: &Link| c_int::from(w.data_ref(v).is_some())).unwrap_or(0)
}

/// Runs `f` on the kind data; `-NLE_OPNOTSUPP` when the link is not of kind `w`.
fn change(w: Which, l: *mut rtnl_link, f: impl FnOnce(&mut Macvlan)) -> c_int {
    let Some(o) = objtype::cast::<Link>(l.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    match objtype::with(o, |s: &mut Slot<Link>| w.data(&mut s.value).map(f)) {
        Some(Some(())) => 0,
        _ => Error::OpNotSupp.to_nle(),
    }
}

fn get<R: Default>(w: Which, l: *mut rtnl_link, f: impl FnOnce(&Macvlan) -> R) -> R {
    objtype::cast::<Link>(l.cast::<nl_object>())
        .and_then(|o| objtype::read(o, |v: &Link| w.data_ref(v).map(f)))
        .flatten()
        .unwrap_or_default()
}

macro_rules! kind_api {
    ($w:expr, $kind:literal, $alloc:ident, $is:ident, $mode2str:ident, $str2mode:ident,
     $flags2str:ident, $str2flags:ident, $set_mode:ident, $get_mode:ident, $set_flags:ident,
     $unset_flags:ident, $get_flags:ident) => {
        #[doc = concat!("`", stringify!($alloc), "`: a new link of kind ", $kind, ".")]
        ///
        /// # Returns
        /// The link, or NULL when memory is short.
        /// # Ownership
        /// One reference for the caller (`rtnl_link_put`).
        /// # Safety
        /// None.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $alloc() -> *mut rtnl_link {
            ffi_entry!(stringify!($alloc), { alloc($w) })
        }

        #[doc = concat!("`", stringify!($is), "`: whether the link is of kind ", $kind, ".")]
        ///
        /// # Returns
        /// 1 or 0 (0 for NULL or a foreign object).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $is(link: *mut rtnl_link) -> c_int {
            ffi_entry!(stringify!($is), { is($w, link) })
        }

        #[doc = concat!("`", stringify!($mode2str), "`: the name of a ", $kind, " mode.")]
        ///
        /// # Returns
        /// `buf`, holding the name or `0x..`.
        /// # Ownership
        /// Writes into the caller's buffer.
        /// # Safety
        /// `buf` NULL or writable for `len` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $mode2str(mode: c_int, buf: *mut c_char, len: usize) -> *mut c_char {
            ffi_entry!(stringify!($mode2str), { to_buf(buf, len, &em::mode2str(mode)) })
        }

        #[doc = concat!("`", stringify!($str2mode), "`: the value of a ", $kind, " mode name.")]
        ///
        /// # Returns
        /// The mode, or a negative `NLE_*` code.
        /// # Ownership
        /// None.
        /// # Safety
        /// `name` NULL or a C string.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $str2mode(name: *const c_char) -> c_int {
            ffi_entry!(stringify!($str2mode), {
                from_str(name, em::str2mode)
            })
        }

        #[doc = concat!("`", stringify!($flags2str), "`: the names of ", $kind, " flags.")]
        ///
        /// # Returns
        /// `buf`.
        /// # Ownership
        /// Writes into the caller's buffer.
        /// # Safety
        /// `buf` NULL or writable for `len` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $flags2str(flags: c_int, buf: *mut c_char, len: usize) -> *mut c_char {
            ffi_entry!(stringify!($flags2str), { to_buf(buf, len, &em::flags2str(flags, len)) })
        }

        #[doc = concat!("`", stringify!($str2flags), "`: the ", $kind, " flags named in a list.")]
        ///
        /// # Returns
        /// The flags (unknown names ignored; 0 for NULL).
        /// # Ownership
        /// None.
        /// # Safety
        /// `name` NULL or a C string.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $str2flags(name: *const c_char) -> c_int {
            ffi_entry!(stringify!($str2flags), { arg(name).map_or(0, em::str2flags) })
        }

        #[doc = concat!("`", stringify!($set_mode), "`: sets the mode.")]
        ///
        /// # Returns
        #[doc = concat!("0; `-NLE_OPNOTSUPP` for a link not of kind ", $kind, " (libnl aborts), `-NLE_INVAL` for NULL.")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set_mode(link: *mut rtnl_link, mode: u32) -> c_int {
            ffi_entry!(stringify!($set_mode), {
                change($w, link, |d| d.set_mode(mode))
            })
        }

        #[doc = concat!("`", stringify!($get_mode), "`: the mode.")]
        ///
        /// # Returns
        #[doc = concat!("The mode; 0 when unset or for a link not of kind ", $kind, " (libnl aborts there).")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get_mode(link: *mut rtnl_link) -> u32 {
            ffi_entry!(stringify!($get_mode), { get($w, link, |d| d.mode) })
        }

        #[doc = concat!("`", stringify!($set_flags), "`: sets flags.")]
        ///
        /// # Returns
        #[doc = concat!("0; `-NLE_OPNOTSUPP` for a link not of kind ", $kind, " (libnl aborts), `-NLE_INVAL` for NULL.")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set_flags(link: *mut rtnl_link, flags: u16) -> c_int {
            ffi_entry!(stringify!($set_flags), { change($w, link, |d| d.set_flags(flags)) })
        }

        #[doc = concat!("`", stringify!($unset_flags), "`: clears flags.")]
        ///
        /// # Returns
        #[doc = concat!("0; `-NLE_OPNOTSUPP` for a link not of kind ", $kind, " (libnl aborts), `-NLE_INVAL` for NULL.")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $unset_flags(link: *mut rtnl_link, flags: u16) -> c_int {
            ffi_entry!(stringify!($unset_flags), { change($w, link, |d| d.unset_flags(flags)) })
        }

        #[doc = concat!("`", stringify!($get_flags), "`: the flags.")]
        ///
        /// # Returns
        #[doc = concat!("The flags; 0 when unset or for a link not of kind ", $kind, " (libnl aborts there).")]
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get_flags(link: *mut rtnl_link) -> u16 {
            ffi_entry!(stringify!($get_flags), { get($w, link, |d| d.flags) })
        }
    };
}

kind_api!(
    Which::Macvlan,
    "macvlan",
    rtnl_link_macvlan_alloc,
    rtnl_link_is_macvlan,
    rtnl_link_macvlan_mode2str,
    rtnl_link_macvlan_str2mode,
    rtnl_link_macvlan_flags2str,
    rtnl_link_macvlan_str2flags,
    rtnl_link_macvlan_set_mode,
    rtnl_link_macvlan_get_mode,
    rtnl_link_macvlan_set_flags,
    rtnl_link_macvlan_unset_flags,
    rtnl_link_macvlan_get_flags
);
kind_api!(
    Which::Macvtap,
    "macvtap",
    rtnl_link_macvtap_alloc,
    rtnl_link_is_macvtap,
    rtnl_link_macvtap_mode2str,
    rtnl_link_macvtap_str2mode,
    rtnl_link_macvtap_flags2str,
    rtnl_link_macvtap_str2flags,
    rtnl_link_macvtap_set_mode,
    rtnl_link_macvtap_get_mode,
    rtnl_link_macvtap_set_flags,
    rtnl_link_macvtap_unset_flags,
    rtnl_link_macvtap_get_flags
);

/// The lent-store key of source-MAC entry `idx` (above every attribute bit of a link).
fn macaddr_key(idx: usize) -> u64 {
    (1u64 << 48) + idx as u64
}

/// Runs `f` on the macvlan data of `link` (`-NLE_OPNOTSUPP` for another kind, `-NLE_INVAL` for
/// NULL), dropping the entries lent from the list when `f` changes it.
fn change_list(
    link: *mut rtnl_link,
    f: impl FnOnce(&mut Macvlan) -> crate::error::Result<c_int>,
) -> c_int {
    let Some(o) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    let r = objtype::with(o, |s: &mut Slot<Link>| {
        let d = Which::Macvlan.data(&mut s.value)?;
        let before = d.macaddrs.clone();
        let r = f(d);
        if d.macaddrs != before {
            for i in 0..before.len() {
                s.lent_mut().forget(macaddr_key(i));
            }
        }
        Some(r)
    });
    match r {
        Some(Some(Ok(v))) => v,
        Some(Some(Err(e))) => e.to_nle(),
        _ => Error::OpNotSupp.to_nle(),
    }
}

/// Reads the macvlan data of `link` (`-NLE_OPNOTSUPP` for another kind, `-NLE_INVAL` for
/// NULL).
fn read_list<R>(
    link: *mut rtnl_link,
    f: impl FnOnce(&Macvlan) -> crate::error::Result<R>,
) -> crate::error::Result<R> {
    let o = objtype::cast::<Link>(link.cast::<nl_object>()).ok_or(Error::Inval)?;
    objtype::read(o, |v: &Link| Which::Macvlan.data_ref(v).map(f))
        .flatten()
        .ok_or(Error::OpNotSupp)?
}

/// Stores `v` through `out` (NULL `out`: `-NLE_INVAL`).
fn put_out<T>(out: *mut T, v: crate::error::Result<T>) -> c_int {
    if out.is_null() {
        return Error::Inval.to_nle();
    }
    match v {
        Ok(v) => {
            // SAFETY: caller contract: `out` NULL (handled) or writable.
            unsafe { out.write(v) };
            0
        }
        Err(e) => e.to_nle(),
    }
}

/// `rtnl_link_macvlan_macmode2str`: the name of a source-MAC list mode (`MACVLAN_MACADDR_*`;
/// libnl's names include double quotes).
///
/// # Returns
/// `buf`, holding the name or `0x..`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_macmode2str(
    mode: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_macvlan_macmode2str", {
        to_buf(buf, len, &em::macmode2str(mode))
    })
}

/// `rtnl_link_macvlan_str2macmode`: the value of a macmode name (quotes included, as libnl
/// names them) or number.
///
/// # Returns
/// The macmode, or a negative `NLE_*` code.
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_str2macmode(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_macvlan_str2macmode", {
        from_str(name, em::str2macmode)
    })
}

/// `rtnl_link_macvlan_set_macmode`: sets how the source-MAC list applies (`MACVLAN_MACADDR_*`).
///
/// # Returns
/// 0; `-NLE_INVAL` outside mode `source` or for NULL, `-NLE_OPNOTSUPP` for a link not of kind
/// macvlan (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_set_macmode(
    link: *mut rtnl_link,
    macmode: u32,
) -> c_int {
    ffi_entry!("rtnl_link_macvlan_set_macmode", {
        change_list(link, |d| d.set_macmode(macmode).map(|()| 0))
    })
}

/// `rtnl_link_macvlan_get_macmode`: the source-MAC list mode.
///
/// # Returns
/// 0 with `*out_macmode` set; `-NLE_INVAL` when unset, outside mode `source` or for NULL,
/// `-NLE_OPNOTSUPP` for a link not of kind macvlan (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `out_macmode` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_get_macmode(
    link: *mut rtnl_link,
    out_macmode: *mut u32,
) -> c_int {
    ffi_entry!("rtnl_link_macvlan_get_macmode", {
        put_out(out_macmode, read_list(link, Macvlan::macmode))
    })
}

/// `rtnl_link_macvlan_count_macaddr`: the number of entries of the source-MAC list.
///
/// # Returns
/// 0 with `*out_count` set; `-NLE_INVAL` when the list is unset, outside mode `source` or for
/// NULL, `-NLE_OPNOTSUPP` for a link not of kind macvlan (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `out_count` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_count_macaddr(
    link: *mut rtnl_link,
    out_count: *mut u32,
) -> c_int {
    ffi_entry!("rtnl_link_macvlan_count_macaddr", {
        put_out(out_count, read_list(link, Macvlan::count_macaddr))
    })
}

/// `rtnl_link_macvlan_get_macaddr`: entry `idx` of the source-MAC list.
///
/// # Returns
/// 0 with `*addr` set (NULL for an entry a parsed list left unfilled); `-NLE_INVAL` for an
/// index out of range, an unset list, outside mode `source` or for NULL, `-NLE_OPNOTSUPP` for
/// a link not of kind macvlan (libnl aborts).
/// # Ownership
/// The address is borrowed from the link, valid until the list changes.
/// # Safety
/// `link` NULL or live; `addr` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_get_macaddr(
    link: *mut rtnl_link,
    idx: u32,
    addr: *mut *const nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_macvlan_get_macaddr", {
        let entry = read_list(link, |d| d.macaddr(idx).map(|a| a.cloned()));
        let v = entry.map(
            |a| match (a, objtype::cast::<Link>(link.cast::<nl_object>())) {
                (Some(a), Some(o)) => {
                    objtype::lend_addr::<Link>(o, macaddr_key(idx as usize), |_| Some(a))
                        .cast_const()
                }
                _ => std::ptr::null(),
            },
        );
        put_out(addr, v)
    })
}

/// The address behind `a` (`-NLE_INVAL` for NULL).
fn addr_arg(a: *mut nl_addr) -> crate::error::Result<crate::engine::addr::Addr> {
    // SAFETY: caller contract of the exported functions: NULL or a live address.
    unsafe { crate::ffi::handle::addr_block::value(a) }.ok_or(Error::Inval)
}

/// `rtnl_link_macvlan_add_macaddr`: appends a copy of a link-layer address (`AF_LLC`) to the
/// source-MAC list.
///
/// # Returns
/// 0; `-NLE_INVAL` for another family, an unset list (no macmode), outside mode `source` or
/// for NULL, `-NLE_OPNOTSUPP` for a link not of kind macvlan (libnl aborts).
/// # Ownership
/// Copies `addr`.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_add_macaddr(
    link: *mut rtnl_link,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_macvlan_add_macaddr", {
        match addr_arg(addr) {
            Ok(a) => change_list(link, |d| d.add_macaddr(&a).map(|()| 0)),
            Err(e) => e.to_nle(),
        }
    })
}

/// `rtnl_link_macvlan_del_macaddr`: removes every entry equal to a link-layer address from
/// the source-MAC list.
///
/// # Returns
/// The number of entries removed; `-NLE_INVAL` for another family, an unset list, outside
/// mode `source` or for NULL, `-NLE_OPNOTSUPP` for a link not of kind macvlan (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `addr` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macvlan_del_macaddr(
    link: *mut rtnl_link,
    addr: *mut nl_addr,
) -> c_int {
    ffi_entry!("rtnl_link_macvlan_del_macaddr", {
        match addr_arg(addr) {
            Ok(a) => change_list(link, |d| {
                d.del_macaddr(&a)
                    .map(|n| c_int::try_from(n).unwrap_or(c_int::MAX))
            }),
            Err(e) => e.to_nle(),
        }
    })
}
