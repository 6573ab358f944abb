//! The cache manager's association table and overrun bookkeeping.
//!
//! libnl keeps the caches of a manager in a table that starts with 16 slots and grows by 8
//! when full; `nl_cache_mngr_info` reports the slot count, so the growth steps are kept.
//! Freed slots are reused (first free slot wins) and lookups walk the slots in order, which
//! decides which cache an event goes to when two types share a message type.
#![forbid(unsafe_code)]

/// Initial number of slots.
pub const INITIAL_SLOTS: usize = 16;
/// Slots added when the table is full.
pub const GROW_SLOTS: usize = 8;

/// The slot table.
#[derive(Debug)]
pub struct Slots<T> {
    slots: Vec<Option<T>>,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Slots<T> {
    /// An empty table of [`INITIAL_SLOTS`] slots.
    pub fn new() -> Self {
        let mut slots = Vec::new();
        slots.resize_with(INITIAL_SLOTS, || None);
        Slots { slots }
    }

    /// Number of slots (used or not).
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Stores `v` in the first free slot (growing the table if needed) and returns the
    /// slot index.
    pub fn insert(&mut self, v: T) -> usize {
        if let Some(i) = self.slots.iter().position(Option::is_none) {
            if let Some(s) = self.slots.get_mut(i) {
                *s = Some(v);
            }
            return i;
        }
        let i = self.slots.len();
        self.slots.resize_with(i + GROW_SLOTS, || None);
        if let Some(s) = self.slots.get_mut(i) {
            *s = Some(v);
        }
        i
    }

    /// The used slots, in slot order, with their indices.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|v| (i, v)))
    }

    /// The first used slot whose value satisfies `f`.
    pub fn find(&self, f: impl Fn(&T) -> bool) -> Option<(usize, &T)> {
        self.iter().find(|(_, v)| f(v))
    }

    /// Empties the table, returning the values in slot order.
    pub fn drain(&mut self) -> Vec<T> {
        self.slots.iter_mut().filter_map(Option::take).collect()
    }
}

/// Overrun bookkeeping of an event socket: the kernel dropped notifications (`ENOBUFS`), so
/// every cache has to be compared with a fresh dump once the socket is drained.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Overrun {
    pending: bool,
    /// Overruns seen since the manager was created.
    pub count: u64,
}

impl Overrun {
    /// Records an overrun.
    pub fn hit(&mut self) {
        self.pending = true;
        self.count = self.count.saturating_add(1);
    }

    /// Whether a resynchronisation is due; clears the flag.
    pub fn take(&mut self) -> bool {
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_16_and_grows_by_8() {
        let mut s: Slots<u32> = Slots::new();
        assert_eq!(s.capacity(), 16);
        assert_eq!(s.iter().count(), 0);
        for i in 0..16 {
            assert_eq!(s.insert(i), i as usize);
        }
        assert_eq!(s.capacity(), 16);
        assert_eq!(s.insert(99), 16);
        assert_eq!(s.capacity(), 24);
        assert_eq!(s.find(|v| *v == 99).map(|(i, _)| i), Some(16));
        assert_eq!(s.find(|v| *v == 1234), None);
        let all = s.drain();
        assert_eq!(all.len(), 17);
        assert_eq!(s.iter().count(), 0);
        assert_eq!(s.capacity(), 24);
        assert_eq!(s.insert(5), 0);
    }

    #[test]
    fn overrun_flag() {
        let mut o = Overrun::default();
        assert!(!o.take());
        o.hit();
        o.hit();
        assert_eq!(o.count, 2);
        assert!(o.take());
        assert!(!o.take());
    }
}
