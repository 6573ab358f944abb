//! The cache-type registry as an ordered list of entries (most recently registered first,
//! the order libnl's lookups see). Entries are opaque keys (the FFI layer stores the address
//! of each C `nl_cache_ops`); matching is done by the caller's predicate.
#![forbid(unsafe_code)]

use crate::error::{Error, Result};

/// Registered entries, newest first.
#[derive(Debug, Default)]
pub struct Registry<T> {
    entries: Vec<T>,
}

impl<T: Copy + PartialEq> Registry<T> {
    /// An empty registry.
    pub const fn new() -> Self {
        Registry {
            entries: Vec::new(),
        }
    }

    /// Adds `e` in front unless `clash` matches an existing entry (`Exist`).
    pub fn register(&mut self, e: T, clash: impl Fn(&T) -> bool) -> Result<()> {
        if self.entries.iter().any(clash) {
            return Err(Error::Exist);
        }
        self.entries.insert(0, e);
        Ok(())
    }

    /// Adds `e` just before the last `k` entries (so it is newer than them and older than all
    /// others), unless `clash` matches an existing entry (`Exist`). With `k = 0` it becomes
    /// the oldest entry.
    pub fn register_older_than_last(
        &mut self,
        e: T,
        k: usize,
        clash: impl Fn(&T) -> bool,
    ) -> Result<()> {
        if self.entries.iter().any(clash) {
            return Err(Error::Exist);
        }
        let at = self.entries.len().saturating_sub(k);
        self.entries.insert(at, e);
        Ok(())
    }

    /// Removes `e`; `NoCache` when absent.
    pub fn unregister(&mut self, e: T) -> Result<()> {
        let pos = self
            .entries
            .iter()
            .position(|x| *x == e)
            .ok_or(Error::NoCache)?;
        self.entries.remove(pos);
        Ok(())
    }

    /// First entry (newest first) satisfying `pred`.
    pub fn find(&self, pred: impl Fn(&T) -> bool) -> Option<T> {
        self.entries.iter().copied().find(|e| pred(e))
    }

    /// Whether `e` is registered.
    pub fn contains(&self, e: T) -> bool {
        self.entries.contains(&e)
    }

    /// A copy of the entries in lookup order.
    pub fn snapshot(&self) -> Vec<T> {
        self.entries.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_duplicates_and_removal() {
        let mut r = Registry::new();
        assert_eq!(r.find(|_| true), None);
        r.register(1, |_| false).unwrap();
        r.register(2, |_| false).unwrap();
        assert_eq!(r.snapshot(), vec![2, 1]);
        assert_eq!(r.register(3, |e| *e == 1), Err(Error::Exist));
        assert_eq!(r.find(|e| *e < 3), Some(2));
        assert_eq!(r.unregister(7), Err(Error::NoCache));
        r.register_older_than_last(4, 0, |_| false).unwrap();
        r.register_older_than_last(5, 1, |_| false).unwrap();
        assert_eq!(r.snapshot(), vec![2, 1, 5, 4]);
        assert_eq!(
            r.register_older_than_last(6, 0, |e| *e == 5),
            Err(Error::Exist)
        );
        r.unregister(5).unwrap();
        r.unregister(4).unwrap();
        r.unregister(2).unwrap();
        assert!(!r.contains(2));
        assert!(r.contains(1));
    }
}
