//! `netlink/genl/family.h`: generic netlink family objects and their object type
//! `genl_family_ops` (exported, as libnl-genl-3 does).
//!
//! The object is the 56-byte common header followed by one pointer to the boxed engine
//! [`Family`] (see [`Obj::with_boxed`]); the attribute presence bits live in the header's
//! `ce_mask` like every libnl object's.

use std::ffi::{c_char, c_int, c_uint};

use crate::engine::genl::family::{self as ef, Family, Op};
use crate::ffi::objhdr::{BOXED_OBJ_SIZE, Obj};
use crate::ffi::types::{CStatic, nl_dump_params, nl_object, nl_object_ops};
use crate::ffi_entry;

/// `struct genl_family` (opaque to C).
#[repr(C)]
pub struct genl_family {
    _private: [u8; 0],
}

unsafe extern "C" fn family_free_data(o: *mut nl_object) {
    // SAFETY: called by the core with one of our objects.
    if let Some(o) = unsafe { Obj::from_ptr(o) } {
        // SAFETY: genl family objects keep a Box<Family> in the slot.
        drop(unsafe { o.take_boxed::<Family>() });
    }
}

unsafe extern "C" fn family_clone(dst: *mut nl_object, src: *mut nl_object) -> c_int {
    // SAFETY: called by the core with two objects of our type.
    let (Some(d), Some(s)) = (unsafe { Obj::from_ptr(dst) }, unsafe { Obj::from_ptr(src) }) else {
        return crate::error::Error::Inval.to_nle();
    };
    // SAFETY: genl family objects keep a Box<Family> in the slot; the byte copy left dst's
    // slot pointing at src's box, which is replaced without being released.
    unsafe {
        let copy = s.with_boxed(|f: &mut Family| f.clone()).unwrap_or_default();
        d.put_boxed(Some(Box::new(copy)));
    }
    0
}

fn emit(p: *mut nl_dump_params, text: &str, newline: bool) {
    // SAFETY: dump callbacks receive the caller's valid parameter block.
    unsafe { crate::ffi::utils::dump_text(p, text.as_bytes(), newline) }
}

unsafe extern "C" fn family_dump_line(o: *mut nl_object, p: *mut nl_dump_params) {
    // SAFETY: called by the core with one of our objects.
    let Some(o) = (unsafe { Obj::from_ptr(o) }) else {
        return;
    };
    // SAFETY: our type keeps a Box<Family>.
    let text = unsafe { o.with_boxed(|f: &mut Family| f.dump_line()) }.unwrap_or_default();
    emit(p, &text, false);
}

unsafe extern "C" fn family_dump_details(o: *mut nl_object, p: *mut nl_dump_params) {
    // SAFETY: called by the core with one of our objects.
    let Some(ob) = (unsafe { Obj::from_ptr(o) }) else {
        return;
    };
    // SAFETY: forwarded.
    unsafe { family_dump_line(o, p) };
    let mask = ob.mask();
    // SAFETY: our type keeps a Box<Family>; op names come from the genl registry (no C).
    let lines = unsafe {
        ob.with_boxed(|f: &mut Family| {
            let id = c_int::from(f.id);
            f.dump_details(mask, |op| {
                crate::ffi::genl::mngt::cmd_name(id, op).map_or_else(
                    || "unknown".to_string(),
                    |n| String::from_utf8_lossy(&n).into(),
                )
            })
        })
    }
    .unwrap_or_default();
    for l in lines {
        emit(p, &l, true);
    }
}

unsafe extern "C" fn family_compare(
    a: *mut nl_object,
    b: *mut nl_object,
    attrs: u64,
    _flags: c_int,
) -> u64 {
    // SAFETY: called by the core with two objects of our type.
    let (Some(a), Some(b)) = (unsafe { Obj::from_ptr(a) }, unsafe { Obj::from_ptr(b) }) else {
        return 0;
    };
    // SAFETY: our type keeps a Box<Family>; the boxes are distinct (or the same object, then
    // the clone below avoids a double borrow).
    let fb = unsafe { b.with_boxed(|f: &mut Family| f.clone()) }.unwrap_or_default();
    // SAFETY: as above.
    unsafe { a.with_boxed(|f: &mut Family| f.compare(&fb, attrs)) }.unwrap_or(0)
}

/// `genl_family_ops`: the object type of generic netlink families ("genl/family").
#[unsafe(no_mangle)]
pub static genl_family_ops: CStatic<nl_object_ops> = CStatic::new(nl_object_ops {
    oo_name: c"genl/family".as_ptr().cast_mut(),
    oo_size: BOXED_OBJ_SIZE,
    oo_id_attrs: ef::ATTR_ID as u32,
    oo_constructor: None,
    oo_free_data: Some(family_free_data),
    oo_clone: Some(family_clone),
    oo_dump: [
        Some(family_dump_line),
        Some(family_dump_details),
        Some(family_dump_details),
    ],
    oo_compare: Some(family_compare),
    oo_update: None,
    oo_keygen: None,
    oo_attrs2str: None,
    oo_id_attrs_get: None,
});

/// The family object behind `f`, if it is one (else logged, `None`).
pub(crate) fn fam(f: *const genl_family) -> Option<Obj> {
    // SAFETY: every exported function's contract: f is NULL or a live object.
    let o = unsafe { Obj::from_const(f.cast::<nl_object>()) }?;
    if o.ops_ptr() != genl_family_ops.as_ptr() {
        crate::nl_dbg!(1, "genl_family: object {:p} is not a genl family\n", f);
        return None;
    }
    Some(o)
}

/// Runs `g` on the family's data.
pub(crate) fn with<R>(o: Obj, g: impl FnOnce(&mut Family) -> R) -> Option<R> {
    // SAFETY: `o` passed `fam` (or was allocated with our type): it keeps a Box<Family>.
    unsafe { o.with_boxed(g) }
}

/// Allocates a family object holding `data` with mask `mask`.
pub(crate) fn new_family(data: Family, mask: u64) -> Option<Obj> {
    // SAFETY: our static type outlives every object.
    let o = unsafe { crate::ffi::object::alloc(genl_family_ops.as_ptr()) }?;
    // SAFETY: fresh object of our type with an empty slot.
    unsafe { o.put_boxed(Some(Box::new(data))) };
    o.set_mask(mask);
    Some(o)
}

fn get<R: Default>(f: *mut genl_family, bit: u64, g: impl FnOnce(&mut Family) -> R) -> R {
    match fam(f) {
        Some(o) if o.mask() & bit != 0 => with(o, g).unwrap_or_default(),
        _ => R::default(),
    }
}

fn set(f: *mut genl_family, bit: u64, g: impl FnOnce(&mut Family)) {
    if let Some(o) = fam(f) {
        if with(o, g).is_some() {
            o.set_mask(o.mask() | bit);
        }
    }
}

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
        new_family(Family::default(), 0).map_or(std::ptr::null_mut(), |o| o.as_ptr().cast())
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
        // SAFETY: forwarded contract.
        unsafe { crate::ffi::object::nl_object_put(family.cast()) }
    })
}

/// `genl_family_get_id`.
///
/// # Returns
/// The id, 0 when unset (or for NULL / a non-family object).
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_get_id(family: *mut genl_family) -> c_uint {
    ffi_entry!("genl_family_get_id", {
        get(family, ef::ATTR_ID, |f| c_uint::from(f.id))
    })
}

/// `genl_family_set_id` (stored as 16 bits, as libnl does).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_set_id(family: *mut genl_family, id: c_uint) {
    ffi_entry!("genl_family_set_id", {
        set(family, ef::ATTR_ID, |f| f.id = id as u16)
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
                with(o, |f| f.name.as_mut_ptr().cast()).unwrap_or(std::ptr::null_mut())
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
        set(family, ef::ATTR_NAME, |f| {
            f.name = ef::name_buf(n.to_bytes())
        })
    })
}

/// `genl_family_get_version`.
///
/// # Returns
/// The version, 0 when unset.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_get_version(family: *mut genl_family) -> u8 {
    ffi_entry!("genl_family_get_version", {
        get(family, ef::ATTR_VERSION, |f| f.version as u8)
    })
}

/// `genl_family_set_version`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_set_version(family: *mut genl_family, version: u8) {
    ffi_entry!("genl_family_set_version", {
        set(family, ef::ATTR_VERSION, |f| f.version = u32::from(version))
    })
}

/// `genl_family_get_hdrsize`.
///
/// # Returns
/// The user header size, 0 when unset.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_get_hdrsize(family: *mut genl_family) -> u32 {
    ffi_entry!("genl_family_get_hdrsize", {
        get(family, ef::ATTR_HDRSIZE, |f| f.hdrsize)
    })
}

/// `genl_family_set_hdrsize`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_set_hdrsize(family: *mut genl_family, hdrsize: u32) {
    ffi_entry!("genl_family_set_hdrsize", {
        set(family, ef::ATTR_HDRSIZE, |f| f.hdrsize = hdrsize)
    })
}

/// `genl_family_get_maxattr`.
///
/// # Returns
/// The highest attribute, 0 when unset.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_get_maxattr(family: *mut genl_family) -> u32 {
    ffi_entry!("genl_family_get_maxattr", {
        get(family, ef::ATTR_MAXATTR, |f| f.maxattr)
    })
}

/// `genl_family_set_maxattr`.
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// `family` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_family_set_maxattr(family: *mut genl_family, maxattr: u32) {
    ffi_entry!("genl_family_set_maxattr", {
        set(family, ef::ATTR_MAXATTR, |f| f.maxattr = maxattr)
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
        let Some(o) = fam(family) else {
            return crate::error::Error::Inval.to_nle();
        };
        if with(o, |f| f.ops.push(Op { id, flags })).is_none() {
            return crate::error::Error::NoMem.to_nle();
        }
        o.set_mask(o.mask() | ef::ATTR_OPS);
        0
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
        let n = unsafe { crate::ffi::ptr::cstr(name) };
        let (Some(o), Some(n)) = (fam(family), n) else {
            return crate::error::Error::Inval.to_nle();
        };
        match with(o, |f| f.add_group(id, n.to_bytes())) {
            Some(Ok(())) => {
                o.set_mask(o.mask() | ef::ATTR_MCAST_GRPS);
                0
            }
            Some(Err(e)) => e.to_nle(),
            None => crate::error::Error::NoMem.to_nle(),
        }
    })
}
