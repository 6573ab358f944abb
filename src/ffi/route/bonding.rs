//! `netlink/route/link/bonding.h` and `team.h`: links of kind bond and team (no kind data in
//! libnl 3.7.0), their creation, and enslaving a link to a master, as libnl does it: an
//! `RTM_NEWLINK` change of the slave (its index, the master's, kind bond; `RTM_SETLINK` when
//! the kernel refuses the former with `EOPNOTSUPP`), then the slave read back from the kernel
//! to check its master. Nothing in the requests is bond-specific beyond the kind, so any
//! master works (a bridge too), as with libnl.

use std::ffi::{c_char, c_int};

use crate::engine::route::link::{ATTR_IFINDEX, ATTR_MASTER, Link};
use crate::error::Error;
use crate::ffi::route::arg;
use crate::ffi::route::kind_access as ka;
use crate::ffi::route::link::{change, kernel_link, rtnl_link, send_sync};
use crate::ffi::socket::sk_ref;
use crate::ffi::types::nl_sock;
use crate::ffi_entry;

/// `rtnl_link_bond_add` / `rtnl_link_team_add`: a new link of `kind` named `name`, else
/// `opts`' name (nothing else of `opts` is used, as libnl), created with `NLM_F_CREATE`.
fn add(sk: *mut nl_sock, kind: &[u8], name: *const c_char, opts: *mut rtnl_link) -> c_int {
    let mut l = Link::default();
    l.set_kind(Some(kind));
    let name = arg(name).map(<[u8]>::to_vec).or_else(|| {
        ka::link_read(opts, |o| {
            (o.mask & crate::engine::route::link::ATTR_IFNAME != 0).then(|| o.name().to_vec())
        })
        .flatten()
    });
    if let Some(n) = name {
        l.set_name(&n);
    }
    send_sync(sk, l.add_request(libc::NLM_F_CREATE as u16))
}

/// The body of `rtnl_link_bond_enslave_ifindex`.
fn enslave(sk: *mut nl_sock, master: c_int, slave: c_int) -> c_int {
    let mut l = Link::default();
    l.set_kind(Some(b"bond"));
    l.ifindex = slave;
    l.master = master;
    l.mask |= ATTR_IFINDEX | ATTR_MASTER;
    let r = change(sk, &l, &l, 0);
    if r < 0 {
        return r;
    }
    // SAFETY: caller contract of the exported functions: NULL or a live socket.
    let Some(s) = (unsafe { sk_ref(sk) }) else {
        return Error::BadSock.to_nle();
    };
    match kernel_link(s, slave, None) {
        Ok(k) if k.master == master => 0,
        // libnl compares the master it reads back: the kernel may ignore the request.
        Ok(_) => Error::OpNotSupp.to_nle(),
        Err(e) => e,
    }
}

/// The index of `l` (0 for NULL or a link without one, as libnl reads it).
fn index(l: *mut rtnl_link) -> c_int {
    ka::link_read(l, |v| v.ifindex).unwrap_or(0)
}

/// `rtnl_link_bond_alloc`: a new link of kind bond.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bond_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_bond_alloc", { ka::alloc(b"bond") })
}

/// `rtnl_link_bond_add`: creates a bond named `name` (else named as `opts`; the kernel
/// names it when neither gives a name) and waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code (the kernel's answer).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live; `name` NULL or a C string; `opts` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bond_add(
    sk: *mut nl_sock,
    name: *const c_char,
    opts: *mut rtnl_link,
) -> c_int {
    ffi_entry!("rtnl_link_bond_add", { add(sk, b"bond", name, opts) })
}

/// `rtnl_link_bond_enslave_ifindex`: makes link `slave` a slave of link `master` and checks
/// that the kernel did.
///
/// # Returns
/// 0; `-NLE_OPNOTSUPP` when the link read back has another master; else the kernel's code.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bond_enslave_ifindex(
    sk: *mut nl_sock,
    master: c_int,
    slave: c_int,
) -> c_int {
    ffi_entry!("rtnl_link_bond_enslave_ifindex", {
        enslave(sk, master, slave)
    })
}

/// `rtnl_link_bond_enslave`: [`rtnl_link_bond_enslave_ifindex`] with the links' indexes
/// (the master's kind is not checked, as libnl).
///
/// # Returns
/// As `rtnl_link_bond_enslave_ifindex`.
/// # Ownership
/// None.
/// # Safety
/// `sk`, `master` and `slave` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bond_enslave(
    sk: *mut nl_sock,
    master: *mut rtnl_link,
    slave: *mut rtnl_link,
) -> c_int {
    ffi_entry!("rtnl_link_bond_enslave", {
        enslave(sk, index(master), index(slave))
    })
}

/// `rtnl_link_bond_release_ifindex`: frees link `slave` from its master (master 0).
///
/// # Returns
/// As `rtnl_link_bond_enslave_ifindex`.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bond_release_ifindex(sk: *mut nl_sock, slave: c_int) -> c_int {
    ffi_entry!("rtnl_link_bond_release_ifindex", { enslave(sk, 0, slave) })
}

/// `rtnl_link_bond_release`: [`rtnl_link_bond_release_ifindex`] with the link's index.
///
/// # Returns
/// As `rtnl_link_bond_enslave_ifindex`.
/// # Ownership
/// None.
/// # Safety
/// `sk` and `slave` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_bond_release(sk: *mut nl_sock, slave: *mut rtnl_link) -> c_int {
    ffi_entry!("rtnl_link_bond_release", { enslave(sk, 0, index(slave)) })
}

/// `rtnl_link_team_alloc`: a new link of kind team.
///
/// # Returns
/// The link, or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`rtnl_link_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_team_alloc() -> *mut rtnl_link {
    ffi_entry!("rtnl_link_team_alloc", { ka::alloc(b"team") })
}

/// `rtnl_link_team_add`: creates a team device named `name` (else named as `opts`) and
/// waits for the ack.
///
/// # Returns
/// 0, or a negative `NLE_*` code (the kernel's answer).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live; `name` NULL or a C string; `opts` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rtnl_link_team_add(
    sk: *mut nl_sock,
    name: *const c_char,
    opts: *mut rtnl_link,
) -> c_int {
    ffi_entry!("rtnl_link_team_add", { add(sk, b"team", name, opts) })
}
