//! `netlink/genl/family.h`: generic netlink family objects and their object type
//! `genl_family_ops` (exported, as libnl-genl-3 does).
//!
//! The object is the 56-byte common header followed by one pointer to the boxed engine
//! [`Family`] (see [`Obj::with_boxed`]); the attribute presence bits live in the header's
//! `ce_mask` like every libnl object's.

use std::ffi::{c_char, c_int, c_uint};

use crate::engine::genl::family::{self as ef, Family};
use crate::engine::object::Lookup;
use crate::ffi::objhdr::Obj;
use crate::ffi::objtype::{self, FfiObject, Slot};
use crate::ffi::types::{CStatic, nl_object, nl_object_ops};
use crate::ffi_entry;

/// `struct genl_family` (opaque to C).
#[repr(C)]
pub struct genl_family {
    _private: [u8; 0],
}

/// `genl_family_ops`: the object type of generic netlink families ("genl/family"), made by
/// the generic adapter from the engine type.
#[unsafe(no_mangle)]
pub static genl_family_ops: CStatic<nl_object_ops> =
    CStatic::new(objtype::object_ops::<Family>(c"genl/family"));

impl FfiObject for Family {
    fn ops() -> *mut nl_object_ops {
        genl_family_ops.as_ptr()
    }
    fn lookup(q: Lookup) -> Option<String> {
        match q {
            Lookup::GenlCmd { family, cmd } => {
                crate::ffi::genl::mngt::cmd_name(c_int::from(family), cmd)
                    .map(|n| String::from_utf8_lossy(&n).into_owned())
            }
            _ => None,
        }
    }
}

/// The family object behind `f`, if it is one (else logged, `None`).
pub(crate) fn fam(f: *const genl_family) -> Option<Obj> {
    objtype::cast::<Family>(f.cast::<nl_object>())
}

/// Runs `g` on the family's data (the header mask follows the data's).
pub(crate) fn with<R>(o: Obj, g: impl FnOnce(&mut Family) -> R) -> Option<R> {
    objtype::with(o, |s: &mut Slot<Family>| g(&mut s.value))
}

/// Allocates a family object holding `data`.
pub(crate) fn new_family(data: Family) -> Option<Obj> {
    objtype::new(data)
}

crate::genl_family_attrs!(crate::ffi_accessors, genl_family);

/// `genl_family_alloc`: a new, empty family object.
///
/// # Returns
/// The family or NULL when memory is short.
/// # Ownership
/// One reference for the caller (`genl_family_put`).
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_alloc() -> *mut genl_family {
    ffi_entry!("genl_family_alloc", {
        new_family(Family::default()).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
    })
}

/// `genl_family_put`: drops a reference (NULL is ignored).
///
/// # Returns
/// Nothing.
/// # Ownership
/// Releases one reference.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_put(family: *mut genl_family) {
    ffi_entry!("genl_family_put", {
        // SAFETY: family is NULL or a live object (caller contract).
        if let Some(o) = unsafe { Obj::from_ptr(family.cast()) } {
            crate::ffi::object::put(o);
        }
    })
}

/// `genl_family_get_name`.
///
/// # Returns
/// The name, or NULL when unset.
/// # Ownership
/// Borrowed from the object.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_get_name(family: *mut genl_family) -> *mut c_char {
    ffi_entry!("genl_family_get_name", {
        match fam(family) {
            Some(o) if o.mask() & ef::ATTR_NAME != 0 => {
                // A read (no write to the object): pointer into the stored name.
                objtype::read_stored(o, |f: &Family| f.name.as_ptr().cast_mut().cast())
                    .unwrap_or(std::ptr::null_mut())
            }
            _ => std::ptr::null_mut(),
        }
    })
}

/// `genl_family_set_name`: copies at most 15 bytes of `name`.
///
/// # Returns
/// Nothing (NULL `name` is ignored; libnl-compat: libnl crashes).
/// # Ownership
/// Copies `name`.
/// # Safety
/// `family` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_set_name(family: *mut genl_family, name: *const c_char) {
    ffi_entry!("genl_family_set_name", {
        // SAFETY: caller contract.
        let Some(n) = (unsafe { crate::ffi::ptr::cstr(name) }) else {
            crate::nl_dbg!(1, "genl_family_set_name: NULL name\n");
            return;
        };
        objtype::set::<Family>(family.cast(), ef::ATTR_NAME, |f| {
            f.name = ef::name_buf(n.to_bytes())
        })
    })
}

/// `genl_family_add_op`: appends an operation.
///
/// # Returns
/// 0, or `-NLE_INVAL` for NULL / a non-family object.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_add_op(
    family: *mut genl_family,
    id: c_int,
    flags: c_int,
) -> c_int {
    ffi_entry!("genl_family_add_op", {
        let o = match objtype::cast_checked::<Family>(family.cast()) {
            Ok(o) => o,
            Err(e) => return e.to_nle(),
        };
        match with(o, |f| f.add_op(id, flags)) {
            Some(()) => 0,
            None => crate::error::Error::NoMem.to_nle(),
        }
    })
}

/// `genl_family_add_grp`: appends a multicast group.
///
/// # Returns
/// 0, or `-NLE_INVAL` for a name of 16 bytes or more, NULL name or family.
/// # Ownership
/// Copies `name`.
/// # Safety
/// `family` NULL or live; `name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_add_grp(
    family: *mut genl_family,
    id: u32,
    name: *const c_char,
) -> c_int {
    ffi_entry!("genl_family_add_grp", {
        // SAFETY: caller contract.
        let Some(n) = (unsafe { crate::ffi::ptr::cstr(name) }) else {
            return crate::error::Error::Inval.to_nle();
        };
        let o = match objtype::cast_checked::<Family>(family.cast()) {
            Ok(o) => o,
            Err(e) => return e.to_nle(),
        };
        match with(o, |f| f.add_group(id, n.to_bytes())) {
            Some(Ok(())) => 0,
            Some(Err(e)) => e.to_nle(),
            None => crate::error::Error::NoMem.to_nle(),
        }
    })
}
