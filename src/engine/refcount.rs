//! Reference counts shared between threads: libnl's `int` counts (objects, caches, messages,
//! callback sets, addresses) kept as atomics at the same place, so that `*_get` / `*_put` on
//! one handle from many threads never lose a count or free twice.
//!
//! The orderings are those of `std::sync::Arc`: an increment needs no ordering (the caller
//! already holds a reference, so the block cannot go away meanwhile); a decrement releases
//! what this thread did with the block; the one decrement that finds the count at 1 is the
//! only one that frees, after an acquire fence that makes every other thread's use of the
//! block happen before the free.
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicI32, Ordering, fence};

/// Sets the count of a block no other thread can see yet.
pub fn init(c: &AtomicI32, n: i32) {
    c.store(n, Ordering::Relaxed);
}

/// The current count (a snapshot: other threads may change it right after). Acquire, as
/// `Arc::get_mut`'s check: a caller that sees 1 while holding a reference also sees every
/// former holder's use of the block as finished, and may reuse it in place.
pub fn load(c: &AtomicI32) -> i32 {
    c.load(Ordering::Acquire)
}

/// Adds a reference; returns the previous count. Wraps like libnl's `int` (no check).
pub fn add(c: &AtomicI32) -> i32 {
    c.fetch_add(1, Ordering::Relaxed)
}

/// Drops a reference; returns the previous count. When it was 1 the caller held the last
/// reference and may free: everything other threads did before their own drops is visible.
pub fn drop(c: &AtomicI32) -> i32 {
    let prev = c.fetch_sub(1, Ordering::Release);
    if prev == 1 {
        fence(Ordering::Acquire);
    }
    prev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_many_threads_come_back() {
        let c = AtomicI32::new(1);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..10_000 {
                        add(&c);
                        add(&c);
                        assert!(drop(&c) > 1);
                        assert!(drop(&c) > 1);
                    }
                });
            }
        });
        assert_eq!(load(&c), 1);
        assert_eq!(drop(&c), 1);
        init(&c, 5);
        assert_eq!((add(&c), load(&c)), (5, 6));
    }
}
