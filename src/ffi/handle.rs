//! Reference-counted handles for libnl's opaque objects (`nl_msg`, later `nl_sock`, `nl_cb` …).
//!
//! A C pointer to an opaque type is a pointer to a [`Handle<T>`]: an atomic reference count and
//! the engine value. This is the only code that calls `Box::into_raw`/`Box::from_raw`.
//! [`opaque_handle!`](crate::opaque_handle) declares the C-named wrapper type
//! (`#[repr(transparent)]`, so the cast between the two is sound) with typed accessors.
//!
//! Aliasing: C may hold several pointers to one handle, but uses one object from one thread at a
//! time (libnl's rule). Each FFI call takes a `&mut T` for the duration of the call only, and no
//! such borrow is kept across a call into user code.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicI32, Ordering};

/// An engine value with libnl's reference count.
pub struct Handle<T> {
    refcnt: AtomicI32,
    value: UnsafeCell<T>,
}

impl<T> Handle<T> {
    /// Moves `value` to the heap with one reference; the pointer is owned by C.
    pub fn into_raw(value: T) -> *mut Handle<T> {
        Box::into_raw(Box::new(Handle {
            refcnt: AtomicI32::new(1),
            value: UnsafeCell::new(value),
        }))
    }

    /// Current reference count.
    pub fn refcnt(&self) -> i32 {
        self.refcnt.load(Ordering::Acquire)
    }

    /// Adds a reference (`*_get`).
    pub fn acquire(&self) {
        self.refcnt.fetch_add(1, Ordering::AcqRel);
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
    pub unsafe fn release(p: *mut Handle<T>) -> bool {
        // SAFETY: p is a live handle (caller contract).
        let h = unsafe { &*p };
        let prev = h.refcnt.fetch_sub(1, Ordering::AcqRel);
        if prev <= 1 {
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
/// `#[repr(C)] pub struct nl_msg(Handle<Message>);` (declared by hand, not by this
/// macro, so cbindgen sees a struct and prints `struct nl_msg *`):
/// `opaque_handle!(nl_msg, Message)` gives `nl_msg::new`, `handle`, `get_mut`, `release`.
#[macro_export]
macro_rules! opaque_handle {
    ($cname:ident, $inner:ty) => {
        impl $cname {
            /// A new C-owned handle with one reference.
            pub fn new(value: $inner) -> *mut $cname {
                $crate::ffi::handle::Handle::into_raw(value).cast::<$cname>()
            }

            /// The handle behind a C pointer, `None` for NULL.
            ///
            /// # Safety
            /// `p` must be NULL or a live pointer returned by `new`.
            pub unsafe fn handle<'a>(
                p: *const $cname,
            ) -> Option<&'a $crate::ffi::handle::Handle<$inner>> {
                // SAFETY: repr(C) with the Handle as its only field (offset 0); liveness is the
                // caller's contract.
                unsafe { p.cast::<$crate::ffi::handle::Handle<$inner>>().as_ref() }
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
                        p.cast::<$crate::ffi::handle::Handle<$inner>>(),
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
        let p = Handle::into_raw(String::from("x"));
        // SAFETY: p is live until the last release.
        unsafe {
            (*p).acquire();
            assert_eq!((*p).refcnt(), 2);
            assert!(!Handle::release(p));
            assert_eq!((*p).value().as_str(), "x");
            assert!(Handle::release(p));
        }
    }
}
