//! `netlink/route/link/macsec.h`: links of kind macsec. Where libnl aborts the process (a
//! macsec function on a link of another kind) these return `-NLE_OPNOTSUPP`; where it
//! dereferences a NULL link, `-NLE_INVAL`. A NULL output pointer is skipped, as libnl does.

use std::ffi::c_int;

use crate::engine::route::link::Link;
use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::macsec::{self as em, Macsec};
use crate::error::{Error, Result};
use crate::ffi::objtype::{self, Slot};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::types::nl_object;
use crate::ffi_entry;

/// `rtnl_link_macsec_alloc`: a new link of kind macsec.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macsec_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_macsec_alloc", {
        let mut l = Link::default();
        l.set_kind(Some(b"macsec"));
        objtype::new(l).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
    })
}

/// Reads the macsec data of `link`: `Inval` for NULL, `OpNotSupp` for another kind.
fn read<R>(link: *mut rtnl_link, f: impl FnOnce(&Macsec) -> Result<R>) -> Result<R> {
    let o = objtype::cast::<Link>(link.cast::<nl_object>()).ok_or(Error::Inval)?;
    objtype::read(o, |v: &Link| match &v.data {
        Some(KindData::Macsec(d)) => Some(f(d)),
        _ => None,
    })
    .flatten()
    .ok_or(Error::OpNotSupp)?
}

/// Changes the macsec data of `link` (codes as [`read`], or `f`'s).
fn change(link: *mut rtnl_link, f: impl FnOnce(&mut Macsec) -> Result<()>) -> c_int {
    let Some(o) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    let r = objtype::with(o, |s: &mut Slot<Link>| match &mut s.value.data {
        Some(KindData::Macsec(d)) => Some(f(d)),
        _ => None,
    });
    match r.flatten() {
        Some(Ok(())) => 0,
        Some(Err(e)) => e.to_nle(),
        None => Error::OpNotSupp.to_nle(),
    }
}

/// A getter: the value through `out` (skipped when NULL), or the code.
fn get_out<T>(link: *mut rtnl_link, out: *mut T, f: impl FnOnce(&Macsec) -> Result<T>) -> c_int {
    match read(link, f) {
        Ok(v) => {
            if !out.is_null() {
                // SAFETY: caller contract: `out` NULL (skipped) or writable.
                unsafe { out.write(v) };
            }
            0
        }
        Err(e) => e.to_nle(),
    }
}

/// A setter of a value that must not exceed `max` (`-NLE_INVAL` otherwise).
fn set_max<T: PartialOrd + Copy>(
    link: *mut rtnl_link,
    v: T,
    max: Option<T>,
    store: impl FnOnce(&mut Macsec, T),
) -> c_int {
    change(link, |d| {
        if max.is_some_and(|m| v > m) {
            return Err(Error::Inval);
        }
        store(d, v);
        Ok(())
    })
}

macro_rules! pair {
    ($set:ident, $get:ident, $t:ty, $what:literal, $max:expr, $bit:expr, $field:ident) => {
        #[doc = concat!("`", stringify!($set), "`: sets ", $what, ".")]
        ///
        /// # Returns
        /// 0; `-NLE_INVAL` for a value out of range or NULL, `-NLE_OPNOTSUPP` for a link not
        /// of kind macsec (libnl aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $set(link: *mut rtnl_link, v: $t) -> c_int {
            ffi_entry!(stringify!($set), {
                set_max(link, v, $max, |d, v| {
                    d.$field = v as _;
                    d.mask |= $bit;
                })
            })
        }

        #[doc = concat!("`", stringify!($get), "`: ", $what, ".")]
        ///
        /// # Returns
        /// 0 with the value stored (not when `out` is NULL); `-NLE_NOATTR` when unset,
        /// `-NLE_INVAL` for a NULL link, `-NLE_OPNOTSUPP` for a link not of kind macsec
        /// (libnl aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live; `out` NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $get(link: *mut rtnl_link, out: *mut $t) -> c_int {
            ffi_entry!(stringify!($get), {
                get_out(link, out, |d| d.value($bit, |d| d.$field as $t))
            })
        }
    };
}

pair!(
    rtnl_link_macsec_set_sci,
    rtnl_link_macsec_get_sci,
    u64,
    "the SCI",
    None,
    em::HAS_SCI,
    sci
);
pair!(
    rtnl_link_macsec_set_port,
    rtnl_link_macsec_get_port,
    u16,
    "the port (sent when no SCI is set)",
    None,
    em::HAS_PORT,
    port
);
pair!(
    rtnl_link_macsec_set_protect,
    rtnl_link_macsec_get_protect,
    u8,
    "frame protection (0 or 1)",
    Some(1),
    em::HAS_PROTECT,
    protect
);
pair!(
    rtnl_link_macsec_set_encrypt,
    rtnl_link_macsec_get_encrypt,
    u8,
    "encryption (0 or 1)",
    Some(1),
    em::HAS_ENCRYPT,
    encrypt
);
pair!(
    rtnl_link_macsec_set_offload,
    rtnl_link_macsec_get_offload,
    u8,
    "the offload (0 or 1: libnl 3.7.0 refuses 2, `MACSEC_OFFLOAD_MAC`)",
    Some(1),
    em::HAS_OFFLOAD,
    offload
);
pair!(
    rtnl_link_macsec_set_encoding_sa,
    rtnl_link_macsec_get_encoding_sa,
    u8,
    "the encoding SA (0 to 3)",
    Some(3),
    em::HAS_ENCODING_SA,
    encoding_sa
);
pair!(
    rtnl_link_macsec_set_validation_type,
    rtnl_link_macsec_get_validation_type,
    u32,
    "the validation type (`enum macsec_validation_type`, 0 to 2)",
    Some(2),
    em::HAS_VALIDATION,
    validation
);
pair!(
    rtnl_link_macsec_set_replay_protect,
    rtnl_link_macsec_get_replay_protect,
    u8,
    "replay protection (0 or 1)",
    Some(1),
    em::HAS_REPLAY_PROTECT,
    replay_protect
);
pair!(
    rtnl_link_macsec_set_window,
    rtnl_link_macsec_get_window,
    u32,
    "the replay window",
    None,
    em::HAS_WINDOW,
    window
);
pair!(
    rtnl_link_macsec_set_send_sci,
    rtnl_link_macsec_get_send_sci,
    u8,
    "sending the SCI (0 or 1)",
    Some(1),
    em::HAS_SEND_SCI,
    send_sci
);
pair!(
    rtnl_link_macsec_set_end_station,
    rtnl_link_macsec_get_end_station,
    u8,
    "the end station bit (0 or 1)",
    Some(1),
    em::HAS_END_STATION,
    end_station
);
pair!(
    rtnl_link_macsec_set_scb,
    rtnl_link_macsec_get_scb,
    u8,
    "the SCB bit (0 or 1)",
    Some(1),
    em::HAS_SCB,
    scb
);

/// `rtnl_link_macsec_set_cipher_suite`: sets the cipher suite.
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link not of kind macsec (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macsec_set_cipher_suite(link: *mut rtnl_link, v: u64) -> c_int {
    ffi_entry!("rtnl_link_macsec_set_cipher_suite", {
        set_max(link, v, None, |d, v| d.cipher_suite = v)
    })
}

/// `rtnl_link_macsec_get_cipher_suite`: the cipher suite (`MACSEC_DEFAULT_CIPHER_ID` unless
/// set).
///
/// # Returns
/// 0 with the value stored (not when `out` is NULL); `-NLE_INVAL` for a NULL link,
/// `-NLE_OPNOTSUPP` for a link not of kind macsec (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macsec_get_cipher_suite(
    link: *mut rtnl_link,
    out: *mut u64,
) -> c_int {
    ffi_entry!("rtnl_link_macsec_get_cipher_suite", {
        get_out(link, out, |d| Ok(d.cipher_suite))
    })
}

/// `rtnl_link_macsec_set_icv_len`: sets the ICV length (at most `MACSEC_STD_ICV_LEN`, 16, as
/// libnl 3.7.0 checks).
///
/// # Returns
/// 0; `-NLE_INVAL` for a longer length or NULL, `-NLE_OPNOTSUPP` for a link not of kind
/// macsec (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macsec_set_icv_len(link: *mut rtnl_link, v: u16) -> c_int {
    ffi_entry!("rtnl_link_macsec_set_icv_len", {
        set_max(link, v, Some(u16::from(em::STD_ICV_LEN)), |d, v| {
            d.icv_len = v as u8;
        })
    })
}

/// `rtnl_link_macsec_get_icv_len`: the ICV length (16 unless set).
///
/// # Returns
/// 0 with the value stored (not when `out` is NULL); `-NLE_INVAL` for a NULL link,
/// `-NLE_OPNOTSUPP` for a link not of kind macsec (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live; `out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_macsec_get_icv_len(
    link: *mut rtnl_link,
    out: *mut u16,
) -> c_int {
    ffi_entry!("rtnl_link_macsec_get_icv_len", {
        get_out(link, out, |d| Ok(u16::from(d.icv_len)))
    })
}
