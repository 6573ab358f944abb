//! The library's locks: a mutex over the C library's `pthread_mutex_t`, and [`Guarded`]
//! values behind a few shared ones.
//!
//! `std::sync::Mutex` would do for Rust, but on Linux it is a bare futex, which thread checkers
//! for C programs (valgrind's helgrind and drd) cannot see: every access it protects would be
//! reported as a race in the programs linking libnlrs. A POSIX mutex is what libnl itself uses
//! (its registries sit behind `pthread_rwlock_t`s, its port map behind a `pthread_mutex_t`), so
//! the tools see the same happens-before edges they see with libnl. The interface is the
//! subset of `std::sync::Mutex` the library needs: a `const` constructor for statics, a guard,
//! `get_mut`; no poisoning (a panic is caught at the C boundary, and the guard unlocks while
//! unwinding).
//!
//! Moves: a `pthread_mutex_t` made with `PTHREAD_MUTEX_INITIALIZER` is plain data without
//! pointers into itself (glibc, musl), and a `Mutex` can only move while no guard borrows it,
//! that is while it is unlocked, so moving one is as sound as moving the initializer.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};

/// A value behind a POSIX mutex.
pub struct Mutex<T> {
    raw: UnsafeCell<libc::pthread_mutex_t>,
    value: UnsafeCell<T>,
}

// SAFETY: the value is only reached through a guard, which holds the mutex, or through
// `&mut self`; so sending or sharing the lock only ever gives one thread at a time the value,
// as with `std::sync::Mutex` (hence the same `T: Send` bound).
unsafe impl<T: Send> Send for Mutex<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for Mutex<T> {}

impl<T> Mutex<T> {
    /// An unlocked mutex holding `v` (usable in a `static`).
    pub const fn new(v: T) -> Mutex<T> {
        Mutex {
            raw: UnsafeCell::new(libc::PTHREAD_MUTEX_INITIALIZER),
            value: UnsafeCell::new(v),
        }
    }

    /// Waits for the mutex and holds it until the guard goes.
    pub fn lock(&self) -> MutexGuard<'_, T> {
        // SAFETY: raw is an initialised mutex that stays at this address while borrowed; a
        // default (non-recursive, non-error-checking) mutex only fails on deadlock, which the
        // library never causes (no lock is taken while holding the same one).
        let r = unsafe { libc::pthread_mutex_lock(self.raw.get()) };
        debug_assert_eq!(r, 0, "pthread_mutex_lock");
        MutexGuard { m: self }
    }

    /// The value, for a caller that owns the mutex exclusively (no locking needed).
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Mutex<T> {
        Mutex::new(T::default())
    }
}

impl<T> Drop for Mutex<T> {
    fn drop(&mut self) {
        // SAFETY: the mutex is unlocked (no guard can outlive the borrow `drop` has) and is
        // never used again.
        unsafe { libc::pthread_mutex_destroy(self.raw.get()) };
    }
}

/// The mutex held; the value is reachable through it.
pub struct MutexGuard<'a, T> {
    m: &'a Mutex<T>,
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the mutex, so no other reference to the value is live.
        unsafe { &*self.m.value.get() }
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as above, and the guard is borrowed mutably.
        unsafe { &mut *self.m.value.get() }
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        // SAFETY: this guard locked the mutex in `lock`, on this thread.
        let r = unsafe { libc::pthread_mutex_unlock(self.m.raw.get()) };
        debug_assert_eq!(r, 0, "pthread_mutex_unlock");
    }
}

/// Number of process-wide locks shared by all [`Guarded`] values.
const STRIPES: usize = 32;

/// The locks of [`Guarded`] values, picked by address.
static STRIPE_LOCKS: [Mutex<()>; STRIPES] = [const { Mutex::new(()) }; STRIPES];

/// A value behind one of a few process-wide locks chosen by its address: a mutex for data
/// that is rarely touched but lives in many small blocks (a per-object `pthread_mutex_t` costs
/// 40 bytes per object; this costs nothing). Values sharing a lock only make each other wait.
#[derive(Default)]
pub struct Guarded<T>(UnsafeCell<T>);

// SAFETY: as for `Mutex`: the value is only reached under its stripe lock or through
// `&mut self`.
unsafe impl<T: Send> Send for Guarded<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for Guarded<T> {}

impl<T> Guarded<T> {
    /// A guarded value.
    pub const fn new(v: T) -> Guarded<T> {
        Guarded(UnsafeCell::new(v))
    }

    /// Runs `f` on the value while holding its lock. `f` must not reach another `Guarded`
    /// value (it may share the lock, which is not recursive).
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let i = (self.0.get() as usize >> 4) % STRIPES;
        let _g = STRIPE_LOCKS.get(i).map(Mutex::lock);
        // SAFETY: every shared access to the value goes through this function and holds the
        // lock its address selects (the address cannot change while `self` is borrowed; `i`
        // is always in range, so the lock is always taken); exclusive access through
        // `get_mut` needs `&mut self`, which excludes this borrow.
        f(unsafe { &mut *self.0.get() })
    }

    /// The value, for a caller that owns it exclusively (no locking needed).
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_under_the_lock_from_many_threads() {
        static M: Mutex<u64> = Mutex::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..10_000 {
                        *M.lock() += 1;
                    }
                });
            }
        });
        assert_eq!(*M.lock(), 40_000);
        let mut m = Mutex::new(vec![1]);
        m.get_mut().push(2);
        let moved = m;
        assert_eq!(*moved.lock(), vec![1, 2]);
    }

    #[test]
    fn guarded_values_count_from_many_threads() {
        let g: Vec<Guarded<u64>> = (0..40).map(|_| Guarded::default()).collect();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for i in 0..10_000 {
                        g[i % 40].with(|v| *v += 1);
                    }
                });
            }
        });
        assert!(g.iter().all(|v| v.with(|v| *v) == 1000));
        let mut one = Guarded::new(1);
        *one.get_mut() += 1;
        assert_eq!(one.with(|v| *v), 2);
    }
}
