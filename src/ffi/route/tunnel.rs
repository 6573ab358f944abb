//! What the IP tunnel headers (`ipip.h`, `sit.h`, `ipgre.h`, `ipvti.h`, `ip6vti.h`, `ip6tnl.h`,
//! `ip6gre.h`, `xfrmi.h`) share: their data is one engine type
//! ([`crate::engine::route::link::kind::tunnel::Tunnel`]), and their functions come in a few
//! shapes, written once here as macros the headers' modules invoke with the function's name,
//! the kinds it accepts and the field it reads or writes.
//!
//! libnl-compat: setters return 0; getters of the older headers (ipip, sit, ipgre, ipvti,
//! ip6tnl) return the value whether set or not, those with an out parameter `-NLE_NOATTR` when
//! the value is unset. Where libnl aborts the process (a function of one kind on a link of
//! another) or crashes (NULL link, NULL out parameter or address), setters and out-getters
//! return `-NLE_OPNOTSUPP` (another kind) or `-NLE_INVAL` (NULL), value getters 0.

use std::ffi::{c_char, c_int};

use crate::engine::route::link::Link;
use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::tunnel::{Field, Tunnel, TunnelKind};
use crate::error::Error;
use crate::ffi::objtype::{self, Slot};
use crate::ffi::ptr;
use crate::ffi::route::link::{rtnl_link, rtnl_link_add};
use crate::ffi::types::{nl_object, nl_sock};

/// A new link of `kind`.
pub(crate) fn alloc(kind: TunnelKind) -> *mut rtnl_link {
    let mut l = Link::default();
    l.set_kind(Some(kind.name()));
    objtype::new(l).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
}

fn data_of<'a>(l: &'a Link, kinds: &[TunnelKind]) -> Option<&'a Tunnel> {
    match &l.data {
        Some(KindData::Tunnel(t)) if kinds.contains(&t.kind) => Some(t),
        _ => None,
    }
}

/// Reads the data of `link` when it is of one of `kinds`.
fn read<R>(
    link: *const rtnl_link,
    kinds: &[TunnelKind],
    f: impl FnOnce(&Tunnel) -> R,
) -> Option<R> {
    let o = objtype::cast::<Link>(link.cast::<nl_object>())?;
    objtype::read(o, |l: &Link| data_of(l, kinds).map(f)).flatten()
}

/// Whether `link` is of `kind`.
pub(crate) fn is(link: *const rtnl_link, kind: TunnelKind) -> c_int {
    c_int::from(read(link, &[kind], |_| ()).is_some())
}

/// Runs `f` on the data of `link`: 0, `-NLE_OPNOTSUPP` for a link of another kind,
/// `-NLE_INVAL` for NULL.
pub(crate) fn change(
    link: *mut rtnl_link,
    kinds: &[TunnelKind],
    f: impl FnOnce(&mut Tunnel),
) -> c_int {
    let Some(o) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    let done = objtype::with(o, |s: &mut Slot<Link>| match &mut s.value.data {
        Some(KindData::Tunnel(t)) if kinds.contains(&t.kind) => {
            f(t);
            true
        }
        _ => false,
    });
    if done == Some(true) {
        0
    } else {
        Error::OpNotSupp.to_nle()
    }
}

/// A field's value whether set or not; 0 for a link of another kind or NULL.
pub(crate) fn get_raw(link: *const rtnl_link, kinds: &[TunnelKind], f: Field) -> u32 {
    read(link, kinds, |t| t.raw(f)).unwrap_or(0)
}

/// Field `f`'s value into `*out`: 0, `-NLE_NOATTR` when field `present` is unset (`*out`
/// untouched), `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link of another kind.
pub(crate) fn get_out<T>(
    link: *const rtnl_link,
    kinds: &[TunnelKind],
    (f, present): (Field, Field),
    out: *mut T,
    conv: impl FnOnce(u32) -> T,
) -> c_int {
    if out.is_null() || link.is_null() {
        return Error::Inval.to_nle();
    }
    match read(link, kinds, |t| t.get(present).map(|_| t.raw(f))) {
        None => Error::OpNotSupp.to_nle(),
        Some(None) => Error::NoAttr.to_nle(),
        Some(Some(v)) => {
            // SAFETY: caller contract: `out` writable.
            unsafe { ptr::write_out(out, conv(v)) };
            0
        }
    }
}

/// Sets a 16-byte field from `*addr` (`-NLE_INVAL` for NULL).
pub(crate) fn set6(
    link: *mut rtnl_link,
    kinds: &[TunnelKind],
    f: Field,
    addr: *const libc::in6_addr,
) -> c_int {
    // SAFETY: caller contract: NULL or a readable in6_addr.
    let Some(a) = (unsafe { ptr::as_ref(addr) }) else {
        return Error::Inval.to_nle();
    };
    let v = a.s6_addr;
    change(link, kinds, |t| t.set6(f, v))
}

/// A 16-byte field into `*out`; with `checked`, `-NLE_NOATTR` when unset, else the value
/// (zeroes when unset) and 0. `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for another kind.
pub(crate) fn get6(
    link: *const rtnl_link,
    kinds: &[TunnelKind],
    f: Field,
    out: *mut libc::in6_addr,
    checked: bool,
) -> c_int {
    if out.is_null() || link.is_null() {
        return Error::Inval.to_nle();
    }
    let v = match read(link, kinds, |t| {
        if checked { t.get6(f) } else { Some(t.raw6(f)) }
    }) {
        None => return Error::OpNotSupp.to_nle(),
        Some(None) => return Error::NoAttr.to_nle(),
        Some(Some(v)) => v,
    };
    // SAFETY: caller contract: `out` writable.
    unsafe { ptr::write_out(out, libc::in6_addr { s6_addr: v }) };
    0
}

/// Creates a link of `kind` named `name` (unnamed for NULL) in the kernel with
/// `NLM_F_CREATE`.
pub(crate) fn add(sk: *mut nl_sock, name: *const c_char, kind: TunnelKind) -> c_int {
    let mut l = Link::default();
    l.set_kind(Some(kind.name()));
    // SAFETY: caller contract: NULL or a C string.
    if let Some(n) = unsafe { ptr::cstr(name) } {
        l.set_name(n.to_bytes());
    }
    let Some(o) = objtype::new(l) else {
        return Error::NoMem.to_nle();
    };
    // SAFETY: o is our live link; sk per caller contract.
    let r = unsafe { rtnl_link_add(sk, o.as_ptr().cast(), libc::NLM_F_CREATE as c_int) };
    crate::ffi::object::put(o);
    r
}

/// `$alloc`, `$is` (and `$add` when given) for `$kind`.
macro_rules! tunnel_kind_fns {
    ($kind:expr, $kname:literal, $alloc:ident, $is:ident $(, $add:ident)?) => {
        #[doc = concat!("`", stringify!($alloc), "`: a new link of kind ", $kname, ".")]
        ///
        /// # Returns
        /// The link, or NULL when memory is short.
        /// # Ownership
        /// One reference for the caller (`rtnl_link_put`).
        /// # Safety
        /// None.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $alloc() -> *mut $crate::ffi::route::link::rtnl_link {
            $crate::ffi_entry!(stringify!($alloc), { $crate::ffi::route::tunnel::alloc($kind) })
        }

        #[doc = concat!("`", stringify!($is), "`: whether the link is of kind ", $kname, ".")]
        ///
        /// # Returns
        /// 1 or 0 (0 for NULL or a foreign object, where libnl crashes).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $is(link: *mut $crate::ffi::route::link::rtnl_link) -> std::ffi::c_int {
            $crate::ffi_entry!(stringify!($is), { $crate::ffi::route::tunnel::is(link, $kind) })
        }

        $(
        #[doc = concat!("`", stringify!($add), "`: creates a link of kind ", $kname, " named `name` in the kernel (`NLM_F_CREATE`).")]
        ///
        /// # Returns
        /// 0, or a negative `NLE_*` code (the kernel's refusal, `-NLE_BAD_SOCK`, …).
        /// # Ownership
        /// None.
        /// # Safety
        /// `sk` NULL or live; `name` NULL (no name) or a C string.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $add(
            sk: *mut $crate::ffi::types::nl_sock,
            name: *const std::ffi::c_char,
        ) -> std::ffi::c_int {
            $crate::ffi_entry!(stringify!($add), {
                $crate::ffi::route::tunnel::add(sk, name, $kind)
            })
        }
        )?
    };
}
pub(crate) use tunnel_kind_fns;

/// Setters of scalar fields: `name(link, value) -> int`, one `name: type = field` each.
macro_rules! tunnel_setters {
    ($kinds:expr; $($name:ident: $ty:ty = $field:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "`: sets the tunnel's ", stringify!($field), ".")]
        ///
        /// # Returns
        /// 0; `-NLE_OPNOTSUPP` for a link of another kind (libnl aborts), `-NLE_INVAL` for
        /// NULL.
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut $crate::ffi::route::link::rtnl_link, value: $ty) -> std::ffi::c_int {
            $crate::ffi_entry!(stringify!($name), {
                $crate::ffi::route::tunnel::change(link, $kinds, |t| {
                    t.set($crate::engine::route::link::kind::tunnel::Field::$field, u32::from(value))
                })
            })
        }
    )*};
}
pub(crate) use tunnel_setters;

/// Getters returning the value whether set or not: `name(link) -> type`.
macro_rules! tunnel_value_getters {
    ($kinds:expr; $($name:ident: $ty:ty = $field:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "`: the tunnel's ", stringify!($field), ".")]
        ///
        /// # Returns
        /// The value, 0 when unset; 0 for NULL or a link of another kind (libnl aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut $crate::ffi::route::link::rtnl_link) -> $ty {
            $crate::ffi_entry!(stringify!($name), {
                $crate::ffi::route::tunnel::get_raw(
                    link,
                    $kinds,
                    $crate::engine::route::link::kind::tunnel::Field::$field,
                ) as $ty
            })
        }
    )*};
}
pub(crate) use tunnel_value_getters;

/// Getters with an out parameter: `name(link, *out) -> int`, `-NLE_NOATTR` when the field is
/// unset (`if Other`: when field `Other` is, libnl's test of sit's relay prefix length).
macro_rules! tunnel_out_getters {
    ($kinds:expr; $($name:ident: $ty:ty = $field:ident $(if $present:ident)?),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "`: the tunnel's ", stringify!($field), " into `*out`.")]
        ///
        /// # Returns
        /// 0; `-NLE_NOATTR` when unset (`*out` untouched), `-NLE_OPNOTSUPP` for a link of
        /// another kind (libnl aborts), `-NLE_INVAL` for NULL.
        /// # Ownership
        /// Writes `*out`.
        /// # Safety
        /// `link` NULL or live; `out` NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut $crate::ffi::route::link::rtnl_link, out: *mut $ty) -> std::ffi::c_int {
            $crate::ffi_entry!(stringify!($name), {
                $crate::ffi::route::tunnel::get_out(
                    link,
                    $kinds,
                    {
                        use $crate::engine::route::link::kind::tunnel::Field;
                        let present = [Field::$field $(, Field::$present)?];
                        (Field::$field, present.iter().last().copied().unwrap_or(Field::$field))
                    },
                    out,
                    |v| v as $ty,
                )
            })
        }
    )*};
}
pub(crate) use tunnel_out_getters;

/// Setters and getters of IPv6 addresses: `set(link, *addr) -> int`, `get(link, *out) -> int`
/// (`checked`: `-NLE_NOATTR` when unset; else the zeroes of an unset address).
macro_rules! tunnel_in6 {
    ($kinds:expr, $checked:expr; $($set:ident, $get:ident = $field:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($set), "`: sets the tunnel's ", stringify!($field), " address.")]
        ///
        /// # Returns
        /// 0; `-NLE_OPNOTSUPP` for a link of another kind (libnl aborts), `-NLE_INVAL` for
        /// NULL.
        /// # Ownership
        /// Copies `*addr`.
        /// # Safety
        /// `link` NULL or live; `addr` NULL or a readable `struct in6_addr`.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(
            link: *mut $crate::ffi::route::link::rtnl_link,
            addr: *const libc::in6_addr,
        ) -> std::ffi::c_int {
            $crate::ffi_entry!(stringify!($set), {
                $crate::ffi::route::tunnel::set6(
                    link,
                    $kinds,
                    $crate::engine::route::link::kind::tunnel::Field::$field,
                    addr,
                )
            })
        }

        #[doc = concat!("`", stringify!($get), "`: the tunnel's ", stringify!($field), " address into `*out`.")]
        ///
        /// # Returns
        /// 0 (ip6tnl: the zeroes of an unset address; the others: `-NLE_NOATTR` when unset,
        /// `*out` untouched); `-NLE_OPNOTSUPP` for a link of another kind (libnl aborts),
        /// `-NLE_INVAL` for NULL.
        /// # Ownership
        /// Writes `*out`.
        /// # Safety
        /// `link` NULL or live; `out` NULL or a writable `struct in6_addr`.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(
            link: *mut $crate::ffi::route::link::rtnl_link,
            out: *mut libc::in6_addr,
        ) -> std::ffi::c_int {
            $crate::ffi_entry!(stringify!($get), {
                $crate::ffi::route::tunnel::get6(
                    link,
                    $kinds,
                    $crate::engine::route::link::kind::tunnel::Field::$field,
                    out,
                    $checked,
                )
            })
        }
    )*};
}
pub(crate) use tunnel_in6;

/// A setter and its getter for each field: `value set / get: type = Field` (a getter returning
/// the value, [`tunnel_value_getters`]) or `out set / get: type = Field` (a getter with an out
/// parameter, [`tunnel_out_getters`], with its optional `if Other`).
macro_rules! tunnel_fields {
    (@get value $kinds:expr; $($t:tt)*) => {
        $crate::ffi::route::tunnel::tunnel_value_getters!($kinds; $($t)*);
    };
    (@get out $kinds:expr; $($t:tt)*) => {
        $crate::ffi::route::tunnel::tunnel_out_getters!($kinds; $($t)*);
    };
    ($kinds:expr; $($mode:ident $set:ident / $get:ident: $ty:ty = $field:ident $(if $present:ident)?),* $(,)?) => {$(
        $crate::ffi::route::tunnel::tunnel_setters!($kinds; $set: $ty = $field);
        $crate::ffi::route::tunnel::tunnel_fields!(@get $mode $kinds; $get: $ty = $field $(if $present)?);
    )*};
}
pub(crate) use tunnel_fields;
