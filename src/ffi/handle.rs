//! Reference-counted handles for libnl's opaque objects (`nl_msg`, `nl_data`).
//!
//! A C pointer to an opaque type is a pointer to a [`Handle<T, H>`]: a C-visible head `H`, an
//! atomic reference count and the engine value, in that order (`#[repr(C)]`). Most types have no
//! head (`H = ()`), so the count sits at offset 0; `struct nl_msg` uses the head for libnl's first
//! 64 bytes so that its `nm_refcnt` lands at offset 64 as in libnl (Debian's libnl-route reads
//! members of `struct nl_msg` directly). This is the only code that calls
//! `Box::into_raw`/`Box::from_raw`. [`opaque_handle!`](crate::opaque_handle) declares the C-named
//! wrapper type (`#[repr(C)]` with the handle as its only field, so the cast between the two is
//! sound) with typed accessors.
//!
//! Aliasing: C may hold several pointers to one handle, but uses one object from one thread at a
//! time (libnl's rule). Each FFI call takes a `&mut T` for the duration of the call only, and no
//! such borrow is kept across a call into user code. The head is shared (`&H`): its fields are
//! `Cell`s, because C may read and write them between calls.

use std::cell::UnsafeCell;
use std::sync::atomic::AtomicI32;

use crate::engine::refcount;

/// An engine value with libnl's reference count, after a C-visible head.
#[repr(C)]
pub struct Handle<T, H = ()> {
    head: H,
    refcnt: AtomicI32,
    value: UnsafeCell<T>,
}

impl<T, H> Handle<T, H> {
    /// Byte offset of the reference count (an `int` for C).
    pub const REFCNT_OFFSET: usize = std::mem::offset_of!(Self, refcnt);
    /// Byte offset of the engine value (after the C-visible part).
    pub const VALUE_OFFSET: usize = std::mem::offset_of!(Self, value);

    /// Moves `value` to the heap with one reference after `head`; the pointer is owned by C.
    pub fn into_raw(value: T, head: H) -> *mut Handle<T, H> {
        Box::into_raw(Box::new(Handle {
            head,
            refcnt: AtomicI32::new(1),
            value: UnsafeCell::new(value),
        }))
    }

    /// The C-visible head.
    pub fn head(&self) -> &H {
        &self.head
    }

    /// Current reference count (a snapshot).
    pub fn refcnt(&self) -> i32 {
        refcount::load(&self.refcnt)
    }

    /// Adds a reference (`*_get`).
    pub fn acquire(&self) {
        refcount::add(&self.refcnt);
    }

    /// Mutable access to the value for the duration of one FFI call.
    ///
    /// # Safety
    /// No other reference to the value may be live (libnl's one-thread-per-object rule, and no
    /// borrow held across calls into C callbacks).
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn value_mut(&self) -> &mut T {
        // SAFETY: exclusivity is the caller's contract (see above).
        unsafe { &mut *self.value.get() }
    }

    /// Shared access to the value.
    ///
    /// # Safety
    /// No mutable reference to the value may be live.
    pub unsafe fn value(&self) -> &T {
        // SAFETY: the caller guarantees no live `&mut`.
        unsafe { &*self.value.get() }
    }

    /// Drops one reference; frees the handle when it was the last. Returns `true` if freed.
    ///
    /// # Safety
    /// `p` must come from [`Handle::into_raw`] and still hold the reference being dropped; it is
    /// dangling afterwards if this returns `true`.
    pub unsafe fn release(p: *mut Handle<T, H>) -> bool {
        // SAFETY: p is a live handle (caller contract).
        let h = unsafe { &*p };
        // Only the drop from 1 frees (a drop below zero, a put without a reference, frees
        // nothing), after the acquire fence in refcount::drop.
        if refcount::drop(&h.refcnt) == 1 {
            // SAFETY: this was the last reference, so nobody else uses the box; it came from
            // Box::into_raw in into_raw.
            drop(unsafe { Box::from_raw(p) });
            true
        } else {
            false
        }
    }
}

/// Adds the typed accessors to a C opaque type declared as
/// `#[repr(C)] pub struct nl_data(Handle<Data>);` (declared by hand, not by this macro, so
/// cbindgen sees a struct and prints `struct nl_data *`): `opaque_handle!(nl_data, Data)` gives
/// `nl_data::new(value)`, `handle`, `get_mut`, `release`. With a head type,
/// `opaque_handle!(nl_msg, Message, MsgHead)` (for `struct nl_msg(Handle<Message, MsgHead>)`)
/// gives `nl_msg::new(value, head)` and the same accessors.
#[macro_export]
macro_rules! opaque_handle {
    ($cname:ident, $inner:ty) => {
        impl $cname {
            /// A new C-owned handle with one reference.
            pub fn new(value: $inner) -> *mut $cname {
                $crate::ffi::handle::Handle::into_raw(value, ()).cast::<$cname>()
            }
        }
        $crate::opaque_handle!(@access $cname, $inner, ());
    };
    ($cname:ident, $inner:ty, $head:ty) => {
        impl $cname {
            /// A new C-owned handle with one reference, its C-visible part set to `head`.
            pub fn new(value: $inner, head: $head) -> *mut $cname {
                $crate::ffi::handle::Handle::into_raw(value, head).cast::<$cname>()
            }
        }
        $crate::opaque_handle!(@access $cname, $inner, $head);
    };
    (@access $cname:ident, $inner:ty, $head:ty) => {
        impl $cname {
            /// The C-visible head behind a C pointer, `None` for NULL.
            ///
            /// # Safety
            /// As [`Self::handle`].
            pub unsafe fn head<'a>(p: *const $cname) -> Option<&'a $head> {
                // SAFETY: forwarded contract.
                unsafe { Self::handle(p).map(|h| h.head()) }
            }

            /// The handle behind a C pointer, `None` for NULL.
            ///
            /// # Safety
            /// `p` must be NULL or a live pointer returned by `new`.
            pub unsafe fn handle<'a>(
                p: *const $cname,
            ) -> Option<&'a $crate::ffi::handle::Handle<$inner, $head>> {
                // SAFETY: repr(C) with the Handle as its only field (offset 0); liveness is the
                // caller's contract.
                unsafe {
                    p.cast::<$crate::ffi::handle::Handle<$inner, $head>>()
                        .as_ref()
                }
            }

            /// The engine value behind a C pointer for the duration of one call, `None` for NULL.
            ///
            /// # Safety
            /// As [`Self::handle`], and no other reference to the value may be live.
            pub unsafe fn get_mut<'a>(p: *const $cname) -> Option<&'a mut $inner> {
                // SAFETY: forwarded contract.
                unsafe { Self::handle(p).map(|h| h.value_mut()) }
            }

            /// Drops one reference (NULL is ignored). Returns `true` if the value was freed.
            ///
            /// # Safety
            /// `p` must be NULL or a live pointer returned by `new` holding the reference dropped.
            pub unsafe fn release(p: *mut $cname) -> bool {
                if p.is_null() {
                    return false;
                }
                // SAFETY: forwarded contract; the Handle is the only field, at offset 0 (repr(C)).
                unsafe {
                    $crate::ffi::handle::Handle::release(
                        p.cast::<$crate::ffi::handle::Handle<$inner, $head>>(),
                    )
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refcount_frees_at_zero() {
        let p = Handle::into_raw(String::from("x"), ());
        // SAFETY: p is live until the last release.
        unsafe {
            (*p).acquire();
            assert_eq!((*p).refcnt(), 2);
            assert!(!Handle::release(p));
            assert_eq!((*p).value().as_str(), "x");
            assert!(Handle::release(p));
        }
        assert_eq!(Handle::<String>::REFCNT_OFFSET, 0);
        let q = Handle::into_raw(7u8, [1u64; 2]);
        // SAFETY: q is live until released.
        unsafe {
            assert_eq!((*q).head(), &[1, 1]);
            assert_eq!(*(*q).value(), 7);
            assert!(Handle::release(q));
        }
        assert_eq!(Handle::<u8, [u64; 2]>::REFCNT_OFFSET, 16);
        assert_eq!(Handle::<u8, [u64; 2]>::VALUE_OFFSET, 20);
    }
}

/// `struct nl_addr`: libnl's C-layout, variable-size, reference-counted block (20-byte header
/// then `a_maxsize` address bytes). Other libnl libraries read its fields directly, so it is a
/// `calloc` block, not a [`Handle`]. This section is the only code touching its memory.
pub mod addr_block {
    use std::ffi::{c_int, c_uint, c_void};
    use std::sync::atomic::AtomicI32;

    use crate::engine::refcount;

    use crate::engine::addr::Addr;
    use crate::error::{Error, Result};

    /// `struct nl_addr`, laid out exactly as libnl 3.7's (20-byte header, then `a_maxsize` address
    /// bytes), because Debian's libnl-nf-3 reads `a_family` straight from memory. Allocated and
    /// freed only by this module.
    #[repr(C)]
    pub struct nl_addr {
        /// Address family (`AF_*`).
        pub a_family: c_int,
        /// Room for address bytes after the header.
        pub a_maxsize: c_uint,
        /// Address length in bytes.
        pub a_len: c_uint,
        /// Prefix length.
        pub a_prefixlen: c_int,
        /// Reference count.
        pub a_refcnt: c_int,
        /// The address bytes (flexible array member).
        pub a_addr: [u8; 0],
    }

    const HDR: usize = std::mem::size_of::<nl_addr>();

    /// A new zeroed block with room for `maxsize` bytes and one reference; NULL when out of
    /// memory or when `maxsize` does not fit libnl's `unsigned int` field.
    pub fn alloc(maxsize: usize) -> *mut nl_addr {
        let Ok(max) = c_uint::try_from(maxsize) else {
            return std::ptr::null_mut();
        };
        let Some(total) = HDR.checked_add(maxsize) else {
            return std::ptr::null_mut();
        };
        // SAFETY: calloc has no preconditions; the result is checked for NULL.
        let p = unsafe { libc::calloc(1, total) }.cast::<nl_addr>();
        if let Some(hdr) = unsafe_hdr_mut(p) {
            hdr.a_maxsize = max;
            hdr.a_refcnt = 1;
        }
        p
    }

    fn unsafe_hdr_mut<'a>(p: *mut nl_addr) -> Option<&'a mut nl_addr> {
        // SAFETY: only called on a fresh calloc result (NULL or a zeroed, aligned block at
        // least HDR bytes long that nothing else references).
        unsafe { p.as_mut() }
    }

    /// A new block holding `a` (room for exactly its bytes).
    pub fn from_addr(a: &Addr) -> *mut nl_addr {
        let p = alloc(a.bytes.len());
        if !p.is_null() {
            // SAFETY: p is a live block with room for a.bytes.len() bytes.
            let _ = unsafe { store(p, a) };
        }
        p
    }

    /// The header of a block, `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block.
    pub unsafe fn header<'a>(p: *const nl_addr) -> Option<&'a nl_addr> {
        // SAFETY: caller contract.
        unsafe { p.as_ref() }
    }

    /// Mutable header of a block, `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block not otherwise referenced during the borrow.
    pub unsafe fn header_mut<'a>(p: *mut nl_addr) -> Option<&'a mut nl_addr> {
        // SAFETY: caller contract.
        unsafe { p.as_mut() }
    }

    /// Pointer to the address bytes (`nl_addr_get_binary_addr`).
    ///
    /// # Safety
    /// `p` is a live `nl_addr` block.
    pub unsafe fn bytes_ptr(p: *const nl_addr) -> *mut c_void {
        // SAFETY: the bytes follow the header inside the same allocation.
        unsafe { p.cast::<u8>().add(HDR) as *mut c_void }
    }

    /// The address as an engine value, `None` for NULL. The length is clamped to the room the
    /// block really has, in case C wrote a bogus `a_len`.
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block.
    pub unsafe fn value(p: *const nl_addr) -> Option<Addr> {
        // SAFETY: caller contract.
        let hdr = unsafe { header(p) }?;
        let len = hdr.a_len.min(hdr.a_maxsize) as usize;
        // SAFETY: the block holds a_maxsize >= len initialised (calloc'd) bytes after the
        // header.
        let bytes = unsafe { std::slice::from_raw_parts(bytes_ptr(p).cast::<u8>(), len) };
        Some(Addr {
            family: hdr.a_family,
            prefixlen: hdr.a_prefixlen,
            bytes: bytes.to_vec(),
        })
    }

    /// Replaces the bytes (`nl_addr_set_binary_addr`): `Range` when they exceed the room; the
    /// tail up to the room is zeroed as libnl does.
    ///
    /// # Safety
    /// `p` is a live `nl_addr` block; `src` does not overlap it.
    pub unsafe fn set_bytes(p: *mut nl_addr, src: &[u8]) -> Result<()> {
        // SAFETY: caller contract.
        let hdr = unsafe { header_mut(p) }.ok_or(Error::Inval)?;
        let max = hdr.a_maxsize as usize;
        if src.len() > max {
            return Err(Error::Range);
        }
        hdr.a_len = src.len() as c_uint;
        // SAFETY: the block has max bytes of room after the header; src.len() <= max.
        let room = unsafe { std::slice::from_raw_parts_mut(bytes_ptr(p).cast::<u8>(), max) };
        let (head, tail) = room.split_at_mut(src.len());
        head.copy_from_slice(src);
        tail.fill(0);
        Ok(())
    }

    /// Stores family, prefix length and bytes of `a`.
    ///
    /// # Safety
    /// As [`set_bytes`].
    pub unsafe fn store(p: *mut nl_addr, a: &Addr) -> Result<()> {
        // SAFETY: forwarded contract.
        unsafe { set_bytes(p, &a.bytes) }?;
        // SAFETY: forwarded contract.
        if let Some(hdr) = unsafe { header_mut(p) } {
            hdr.a_family = a.family;
            hdr.a_prefixlen = a.prefixlen;
        }
        Ok(())
    }

    /// Adds a reference (`nl_addr_get`).
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block.
    pub unsafe fn acquire(p: *mut nl_addr) {
        // SAFETY: caller contract.
        if let Some(c) = unsafe { refcnt_atomic(p) } {
            refcount::add(c);
        }
    }

    /// `a_refcnt` as the atomic the core treats it as; `None` for NULL.
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block.
    unsafe fn refcnt_atomic<'a>(p: *mut nl_addr) -> Option<&'a AtomicI32> {
        if p.is_null() {
            return None;
        }
        // SAFETY: caller contract (a live block); `a_refcnt` is an aligned `int`, the size and
        // alignment of `AtomicI32`, and the core only touches it atomically once the block is
        // shared.
        Some(unsafe { AtomicI32::from_ptr(std::ptr::addr_of_mut!((*p).a_refcnt)) })
    }

    /// Drops a reference, freeing the block at the last one (`nl_addr_put`); NULL is ignored.
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block holding the reference dropped; dangling after
    /// the last one.
    pub unsafe fn release(p: *mut nl_addr) {
        // SAFETY: caller contract.
        let Some(c) = (unsafe { refcnt_atomic(p) }) else {
            return;
        };
        // Only the drop from 1 frees; of several threads putting one address, exactly one.
        // libnl-compat: libnl also frees a block whose count is already 0 or less; here such a
        // put (without a reference) only counts down: one free per block, whatever races.
        if refcount::drop(c) == 1 {
            // SAFETY: the block came from calloc in `alloc` and this was its last reference
            // (the acquire fence in refcount::drop orders every other user before the free).
            unsafe { libc::free(p.cast()) }
        }
    }

    /// Reference count of a block (0 for NULL).
    ///
    /// # Safety
    /// `p` is NULL or a live `nl_addr` block.
    pub unsafe fn refcnt(p: *const nl_addr) -> c_int {
        // SAFETY: caller contract.
        unsafe { refcnt_atomic(p.cast_mut()) }.map_or(0, refcount::load)
    }
}

/// Plain boxed C-layout structs (`nl_sock`, `nl_cb`) whose fields C may read directly and whose
/// reference count, if any, lives in the struct itself.
pub mod boxed {
    /// Moves `v` to the heap; the pointer is owned by C until [`free`].
    pub fn new<T>(v: T) -> *mut T {
        Box::into_raw(Box::new(v))
    }

    /// Frees a block from [`new`]; NULL is ignored.
    ///
    /// # Safety
    /// `p` is NULL or came from [`new`] and is not used afterwards.
    pub unsafe fn free<T>(p: *mut T) {
        if !p.is_null() {
            // SAFETY: caller contract.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}
