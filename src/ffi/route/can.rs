//! `netlink/route/link/can.h`: links of kind can (no allocator: `rtnl_link_set_type(l,
//! "can")`). Where libnl aborts the process (a can function on a link of another kind) these
//! return `-NLE_OPNOTSUPP`; where it dereferences a NULL link, `-NLE_INVAL` (0 for
//! `rtnl_link_is_can`). NULL output or input structs give `-NLE_INVAL` as in libnl.

use std::ffi::{c_char, c_int};

use crate::engine::route::link::Link;
use crate::engine::route::link::kind::KindData;
use crate::engine::route::link::kind::can::{self as ec, BitTiming, BtConst, Can};
use crate::error::{Error, Result};
use crate::ffi::objtype::{self, Slot};
use crate::ffi::route::link::rtnl_link;
use crate::ffi::route::{arg, to_buf};
use crate::ffi::types::nl_object;
use crate::ffi_entry;

/// `struct can_bittiming`.
#[repr(C)]
pub struct can_bittiming {
    v: [u32; 8],
}

/// `struct can_bittiming_const`.
#[repr(C)]
pub struct can_bittiming_const {
    name: [u8; 16],
    v: [u32; 8],
}

/// `struct can_berr_counter`.
#[repr(C)]
pub struct can_berr_counter {
    txerr: u16,
    rxerr: u16,
}

fn data(l: &Link) -> Option<&Can> {
    match &l.data {
        Some(KindData::Can(c)) => Some(c),
        _ => None,
    }
}

/// Reads the can data of `link`: `Inval` for NULL, `OpNotSupp` for another kind.
fn read<R>(link: *mut rtnl_link, f: impl FnOnce(&Can) -> Result<R>) -> Result<R> {
    let o = objtype::cast::<Link>(link.cast::<nl_object>()).ok_or(Error::Inval)?;
    objtype::read(o, |v: &Link| data(v).map(f))
        .flatten()
        .ok_or(Error::OpNotSupp)?
}

/// Changes the can data of `link` (codes as [`read`]).
fn change(link: *mut rtnl_link, f: impl FnOnce(&mut Can)) -> c_int {
    let Some(o) = objtype::cast::<Link>(link.cast::<nl_object>()) else {
        return Error::Inval.to_nle();
    };
    let r = objtype::with(o, |s: &mut Slot<Link>| match &mut s.value.data {
        Some(KindData::Can(c)) => {
            f(c);
            true
        }
        _ => false,
    });
    if r == Some(true) {
        0
    } else {
        Error::OpNotSupp.to_nle()
    }
}

/// A getter through an output pointer: `-NLE_INVAL` for NULL `out`, else the value (or the
/// code) `f` gives.
fn get_out<T>(link: *mut rtnl_link, out: *mut T, f: impl FnOnce(&Can) -> Result<T>) -> c_int {
    if out.is_null() {
        return Error::Inval.to_nle();
    }
    match read(link, f) {
        Ok(v) => {
            // SAFETY: caller contract: `out` writable (NULL handled above).
            unsafe { out.write(v) };
            0
        }
        Err(e) => e.to_nle(),
    }
}

/// A setter from an input struct: `-NLE_INVAL` for NULL `p`.
fn set_in<T>(link: *mut rtnl_link, p: *const T, f: impl FnOnce(&mut Can, &T)) -> c_int {
    // SAFETY: caller contract: `p` NULL or readable.
    let Some(v) = (unsafe { crate::ffi::ptr::as_ref(p) }) else {
        return Error::Inval.to_nle();
    };
    change(link, |c| f(c, v))
}

fn bt_out(b: &BitTiming) -> can_bittiming {
    can_bittiming { v: b.0 }
}

fn btc_out(c: &BtConst) -> can_bittiming_const {
    can_bittiming_const {
        name: c.name,
        v: c.v,
    }
}

/// `rtnl_link_is_can`: whether the link is of kind can.
///
/// # Returns
/// 1 or 0 (0 for NULL or a foreign object).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_is_can(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_is_can", {
        c_int::from(read(link, |_| Ok(())).is_ok())
    })
}

/// `rtnl_link_can_ctrlmode2str`: the names of control modes (`CAN_CTRLMODE_*`).
///
/// # Returns
/// `buf`.
/// # Ownership
/// Writes into the caller's buffer.
/// # Safety
/// `buf` NULL or writable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_ctrlmode2str(
    ctrlmode: c_int,
    buf: *mut c_char,
    len: usize,
) -> *mut c_char {
    ffi_entry!("rtnl_link_can_ctrlmode2str", {
        to_buf(buf, len, &ec::ctrlmode2str(ctrlmode, len))
    })
}

/// `rtnl_link_can_str2ctrlmode`: the control modes named in a comma-separated list.
///
/// # Returns
/// The modes (unknown names ignored; 0 for NULL, where libnl crashes).
/// # Ownership
/// None.
/// # Safety
/// `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_str2ctrlmode(name: *const c_char) -> c_int {
    ffi_entry!("rtnl_link_can_str2ctrlmode", {
        arg(name).map_or(0, ec::str2ctrlmode)
    })
}

/// `rtnl_link_can_restart`: libnl 3.7.0 accepts the call and changes nothing it shows: no
/// restart is sent in requests nor dumped. The same here.
///
/// # Returns
/// 0; `-NLE_OPNOTSUPP` for a link not of kind can (libnl aborts), `-NLE_INVAL` for NULL.
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_restart(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_can_restart", { change(link, |_| ()) })
}

macro_rules! getter {
    ($(#[$doc:meta])* $name:ident, $t:ty, $f:expr) => {
        $(#[$doc])*
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live; the output NULL or writable.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut rtnl_link, out: *mut $t) -> c_int {
            ffi_entry!(stringify!($name), { get_out(link, out, $f) })
        }
    };
}

getter!(
    /// `rtnl_link_can_freq`: the clock frequency (Hz).
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_freq, u32, |c: &Can| c.value(ec::HAS_CLOCK, |c| c.clock)
);
getter!(
    /// `rtnl_link_can_state`: the state (`enum can_state`; 0 when unset, as libnl).
    ///
    /// # Returns
    /// 0; `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP` for a link not of kind
    /// can (libnl aborts).
    rtnl_link_can_state, u32, |c: &Can| Ok(c.state)
);
getter!(
    /// `rtnl_link_can_berr`: the bus-error counters.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_berr, can_berr_counter, |c: &Can| c.value(ec::HAS_BERR, |c| can_berr_counter {
        txerr: c.berr.0,
        rxerr: c.berr.1,
    })
);
getter!(
    /// `rtnl_link_can_get_bt_const`: the bit-timing limits of the hardware.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_bt_const, can_bittiming_const,
        |c: &Can| c.value(ec::HAS_BT_CONST, |c| btc_out(&c.bt_const))
);
getter!(
    /// `rtnl_link_can_get_bittiming`: the bit timing.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_bittiming, can_bittiming,
        |c: &Can| c.value(ec::HAS_BITTIMING, |c| bt_out(&c.bittiming))
);
getter!(
    /// `rtnl_link_can_get_bitrate`: the bitrate of the bit timing.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_bitrate, u32, |c: &Can| c.value(ec::HAS_BITTIMING, |c| c.bittiming.0[0])
);
getter!(
    /// `rtnl_link_can_get_sample_point`: the sample point of the bit timing (tenths of %).
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_sample_point, u32,
        |c: &Can| c.value(ec::HAS_BITTIMING, |c| c.bittiming.0[1])
);
getter!(
    /// `rtnl_link_can_get_restart_ms`: the restart interval.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_restart_ms, u32, |c: &Can| c.value(ec::HAS_RESTART_MS, |c| c.restart_ms)
);
getter!(
    /// `rtnl_link_can_get_ctrlmode`: the control modes set.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_ctrlmode, u32, |c: &Can| c.value(ec::HAS_CTRLMODE, |c| c.ctrl_flags)
);
getter!(
    /// `rtnl_link_can_get_data_bittiming_const`: the data bit-timing limits.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_data_bittiming_const, can_bittiming_const,
        |c: &Can| c.value(ec::HAS_DATA_BT_CONST, |c| btc_out(&c.data_bt_const))
);
getter!(
    /// `rtnl_link_can_get_data_bittiming`: the data bit timing.
    ///
    /// # Returns
    /// 0; `-NLE_AGAIN` when unset, `-NLE_INVAL` for a NULL output or link, `-NLE_OPNOTSUPP`
    /// for a link not of kind can (libnl aborts).
    rtnl_link_can_get_data_bittiming, can_bittiming,
        |c: &Can| c.value(ec::HAS_DATA_BITTIMING, |c| bt_out(&c.data_bittiming))
);

/// A counter of the bus-error counters, or the code.
fn berr_one(link: *mut rtnl_link, rx: bool) -> c_int {
    match read(link, |c| {
        c.value(ec::HAS_BERR, |c| if rx { c.berr.1 } else { c.berr.0 })
    }) {
        Ok(v) => c_int::from(v),
        Err(e) => e.to_nle(),
    }
}

/// `rtnl_link_can_berr_rx`: the receive error counter.
///
/// # Returns
/// The counter; `-NLE_AGAIN` when unset, `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link
/// not of kind can (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_berr_rx(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_can_berr_rx", { berr_one(link, true) })
}

/// `rtnl_link_can_berr_tx`: the transmit error counter.
///
/// # Returns
/// The counter; `-NLE_AGAIN` when unset, `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link
/// not of kind can (libnl aborts).
/// # Ownership
/// None.
/// # Safety
/// `link` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_berr_tx(link: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_can_berr_tx", { berr_one(link, false) })
}

/// `rtnl_link_can_set_bittiming`: sets the bit timing (a copy).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link not of kind can (libnl aborts).
/// # Ownership
/// Copies `bt`.
/// # Safety
/// `link` NULL or live; `bt` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_set_bittiming(
    link: *mut rtnl_link,
    bt: *const can_bittiming,
) -> c_int {
    ffi_entry!("rtnl_link_can_set_bittiming", {
        set_in(link, bt, |c, b| {
            c.bittiming = BitTiming(b.v);
            c.mask |= ec::HAS_BITTIMING;
        })
    })
}

/// `rtnl_link_can_set_data_bittiming`: sets the data bit timing (a copy).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link not of kind can (libnl aborts).
/// # Ownership
/// Copies `bt`.
/// # Safety
/// `link` NULL or live; `bt` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_set_data_bittiming(
    link: *mut rtnl_link,
    bt: *const can_bittiming,
) -> c_int {
    ffi_entry!("rtnl_link_can_set_data_bittiming", {
        set_in(link, bt, |c, b| {
            c.data_bittiming = BitTiming(b.v);
            c.mask |= ec::HAS_DATA_BITTIMING;
        })
    })
}

/// `rtnl_link_can_set_data_bittiming_const`: sets the data bit-timing limits (a copy).
///
/// # Returns
/// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link not of kind can (libnl aborts).
/// # Ownership
/// Copies `btc`.
/// # Safety
/// `link` NULL or live; `btc` NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_can_set_data_bittiming_const(
    link: *mut rtnl_link,
    btc: *const can_bittiming_const,
) -> c_int {
    ffi_entry!("rtnl_link_can_set_data_bittiming_const", {
        set_in(link, btc, |c, b| {
            c.data_bt_const = BtConst {
                name: b.name,
                v: b.v,
            };
            c.mask |= ec::HAS_DATA_BT_CONST;
        })
    })
}

macro_rules! setter {
    ($(#[$doc:meta])* $name:ident, $f:expr) => {
        $(#[$doc])*
        ///
        /// # Returns
        /// 0; `-NLE_INVAL` for NULL, `-NLE_OPNOTSUPP` for a link not of kind can (libnl
        /// aborts).
        /// # Ownership
        /// None.
        /// # Safety
        /// `link` NULL or live.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name(link: *mut rtnl_link, v: u32) -> c_int {
            ffi_entry!(stringify!($name), {
                let f: fn(&mut Can, u32) = $f;
                change(link, |c| f(c, v))
            })
        }
    };
}

setter!(
    /// `rtnl_link_can_set_bitrate`: sets the bitrate of the bit timing.
    rtnl_link_can_set_bitrate,
    |c, v| {
        c.bittiming.0[0] = v;
        c.mask |= ec::HAS_BITTIMING;
    }
);
setter!(
    /// `rtnl_link_can_set_sample_point`: sets the sample point of the bit timing.
    rtnl_link_can_set_sample_point,
    |c, v| {
        c.bittiming.0[1] = v;
        c.mask |= ec::HAS_BITTIMING;
    }
);
setter!(
    /// `rtnl_link_can_set_restart_ms`: sets the restart interval.
    rtnl_link_can_set_restart_ms,
    |c, v| {
        c.restart_ms = v;
        c.mask |= ec::HAS_RESTART_MS;
    }
);
setter!(
    /// `rtnl_link_can_set_ctrlmode`: sets control modes.
    rtnl_link_can_set_ctrlmode,
    |c, v| c.set_ctrlmode(v)
);
setter!(
    /// `rtnl_link_can_unset_ctrlmode`: clears control modes.
    rtnl_link_can_unset_ctrlmode,
    |c, v| c.unset_ctrlmode(v)
);
