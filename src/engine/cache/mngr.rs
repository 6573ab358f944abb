//! The cache manager: caches kept up to date from kernel notifications.
//!
//! A [`Manager`] associates caches (one per cache type) with the caller's change callbacks.
//! It reads notifications from an event socket (an [`EventSocket`]) and fills or resyncs
//! caches through a second socket (a [`Kernel`]); both are implemented by the FFI layer over
//! libnl sockets, the cache types' hooks and the registry through [`MngrModel`].
//!
//! * Adding a cache ([`Manager::add_cache`]): the type must speak the manager's protocol and
//!   have a multicast-group table, and no cache of that type may be managed already; the event
//!   socket joins the type's groups, the cache is filled, and with [`NL_AUTO_PROVIDE`] it is
//!   provided globally.
//! * Events ([`Manager::handle_event`]): a notification goes to the first association, in
//!   slot order, whose type handles its message type; each object parsed from it passes the
//!   type's event filter, then the type's own include hook or [`super::include_by_msgtype`].
//! * [`Manager::data_ready`] reads everything pending. Beyond libnl: when the kernel reports an
//!   overrun of the event socket (`ENOBUFS`, notifications were dropped), libnl returns
//!   `-NLE_NOMEM` and its caches silently diverge from the kernel; here the socket is drained,
//!   then every cache is resynchronised through the sync socket, the differences go to the
//!   change callbacks, and the call succeeds.
//!
//! The slot table keeps libnl's shape: it starts with 16 slots and grows by 8 when full
//! (`nl_cache_mngr_info` reports the slot count); freed slots are reused, first free wins.
//!
//! Every method takes `&self`: notifications reach user callbacks, which may call the
//! manager again, so no borrow of the table is held while anything outside runs.
#![forbid(unsafe_code)]

use std::cell::{Cell, RefCell};

use super::sync::{self, Kernel, Received, SyncModel};
use super::{Listener, Model};
use crate::engine::recv::NL_SKIP;
use crate::error::{Error, Result};

/// Initial number of slots.
pub const INITIAL_SLOTS: usize = 16;
/// Slots added when the table is full.
pub const GROW_SLOTS: usize = 8;
/// `NL_AUTO_PROVIDE`: provide each added cache globally.
pub const NL_AUTO_PROVIDE: i32 = 1;
/// `NL_ALLOCATED_SOCK`: the manager allocated (and frees) its event socket.
pub const NL_ALLOCATED_SOCK: i32 = 2;

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

/// What the manager needs beyond [`SyncModel`]: the cache types' event hooks, the global
/// registry, and the caller's callbacks.
pub trait MngrModel: SyncModel {
    /// The change callbacks (and their argument) of one association.
    type Callbacks: Listener<Self::Cache, Self::Obj> + Copy;
    /// Whether `a` and `b` are caches of the same type.
    fn same_cache_type(&self, a: Self::Cache, b: Self::Cache) -> bool;
    /// The type's event filter (`co_event_filter`): whether the event object `o` is applied
    /// to `c` (`true` without a filter).
    fn event_filter(&self, c: Self::Cache, o: Self::Obj) -> bool;
    /// The type's own include hook (`co_include_event`) applied to `o`, with the
    /// association's callbacks: its result, `None` when the type has none.
    fn include_event(&self, c: Self::Cache, o: Self::Obj, l: &Self::Callbacks) -> Option<i32>;
    /// Makes `c` the provided cache of its type (`nl_cache_mngt_provide`).
    fn provide(&self, c: Self::Cache);
    /// Gives up the manager's reference on `c`, withdrawing it first if it is the provided
    /// cache of its type.
    fn release(&self, c: Self::Cache);
    /// The type name of `c` as `nl_cache_mngr_info` prints it.
    fn type_name(&self, c: Self::Cache) -> String;
    /// The v1 change callback and the argument of `l`, as `nl_cache_mngr_info` prints them.
    fn callbacks_info(&self, l: &Self::Callbacks) -> (String, String);
}

/// The event socket of a manager: a [`Kernel`] that also joins and leaves groups.
pub trait EventSocket<M: Model>: Kernel<M> {
    /// Joins multicast group `group`; 0 or a negative code.
    fn join(&mut self, group: i32) -> i32;
    /// Leaves multicast group `group`.
    fn leave(&mut self, group: i32);
    /// Whether the receive result `r` reports an overrun (notifications dropped).
    fn overrun(&self, r: i32) -> bool;
}

/// One managed cache and where its changes go.
#[derive(Clone, Copy, Debug)]
pub struct Assoc<C, L> {
    /// The cache (the manager holds a reference).
    pub cache: C,
    /// Its change callbacks.
    pub listener: L,
}

/// The association type of a manager over `M`.
pub type AssocOf<M> = Assoc<<M as Model>::Cache, <M as MngrModel>::Callbacks>;

/// `struct nl_cache_mngr`'s state: protocol, flags, associations, overrun flag.
pub struct Manager<M: MngrModel> {
    protocol: i32,
    flags: i32,
    assocs: RefCell<Slots<AssocOf<M>>>,
    overrun: Cell<Overrun>,
}

impl<M: MngrModel> Manager<M> {
    /// A manager for `protocol` with the caller's `flags`; `own_socket` when the caller gave
    /// no event socket (the manager then allocates one, and says so with
    /// [`NL_ALLOCATED_SOCK`]).
    ///
    /// `Inval` when the caller passes [`NL_ALLOCATED_SOCK`] (libnl-compat: libnl aborts).
    pub fn new(protocol: i32, flags: i32, own_socket: bool) -> Result<Self> {
        if flags & NL_ALLOCATED_SOCK != 0 {
            crate::nl_dbg!(1, "nl_cache_mngr_alloc: NL_ALLOCATED_SOCK is internal\n");
            return Err(Error::Inval);
        }
        Ok(Manager {
            protocol,
            flags: if own_socket {
                flags | NL_ALLOCATED_SOCK
            } else {
                flags
            },
            assocs: RefCell::new(Slots::new()),
            overrun: Cell::new(Overrun::default()),
        })
    }

    /// The netlink protocol.
    pub fn protocol(&self) -> i32 {
        self.protocol
    }

    /// The flags (with [`NL_ALLOCATED_SOCK`] when the manager owns its event socket).
    pub fn flags(&self) -> i32 {
        self.flags
    }

    /// Overruns seen so far.
    pub fn overruns(&self) -> u64 {
        self.overrun.get().count
    }

    /// A copy of the used slots (no borrow outlives the call).
    pub fn assocs(&self) -> Vec<(usize, AssocOf<M>)> {
        match self.assocs.try_borrow() {
            Ok(s) => s.iter().map(|(i, a)| (i, *a)).collect(),
            Err(_) => {
                crate::nl_dbg!(1, "cache manager: association table busy\n");
                Vec::new()
            }
        }
    }

    fn find(&self, f: impl Fn(&M::Cache) -> bool) -> Option<AssocOf<M>> {
        self.assocs()
            .into_iter()
            .map(|(_, a)| a)
            .find(|a| f(&a.cache))
    }

    /// `nl_cache_mngr_add_cache[_v2]`: manages `c` (the caller's reference passes to the
    /// manager on success), with `listener` for its changes. Returns the slot.
    ///
    /// Errors: `-NLE_PROTO_MISMATCH`, `-NLE_OPNOTSUPP` (type without groups), `-NLE_EXIST` (a
    /// cache of that type is managed already), a join error, the refill's error (the groups
    /// are left again).
    pub fn add_cache<E: EventSocket<M>, K: Kernel<M>>(
        &self,
        m: &M,
        ev: &mut E,
        sync: &mut K,
        c: M::Cache,
        listener: M::Callbacks,
    ) -> std::result::Result<usize, i32> {
        if m.type_protocol(c) != self.protocol {
            return Err(Error::ProtoMismatch.to_nle());
        }
        let Some(groups) = m.type_groups(c) else {
            return Err(Error::OpNotSupp.to_nle());
        };
        if self.find(|a| m.same_cache_type(*a, c)).is_some() {
            return Err(Error::Exist.to_nle());
        }
        for (_, g) in &groups {
            let r = ev.join(*g);
            if r < 0 {
                return Err(r);
            }
        }
        let r = sync::refill(m, sync, c);
        if r < 0 {
            for (_, g) in &groups {
                ev.leave(*g);
            }
            return Err(r);
        }
        let i = match self.assocs.try_borrow_mut() {
            Ok(mut s) => s.insert(Assoc { cache: c, listener }),
            Err(_) => {
                crate::nl_dbg!(1, "cache manager: association table busy\n");
                return Err(Error::Busy.to_nle());
            }
        };
        if self.flags & NL_AUTO_PROVIDE != 0 {
            m.provide(c);
        }
        crate::nl_dbg!(
            1,
            "Added cache {:p} to cache manager {:p} (slot {})\n",
            c,
            self,
            i
        );
        Ok(i)
    }

    /// Applies one object parsed from a notification to the association's cache.
    fn include(&self, m: &M, a: &AssocOf<M>, o: M::Obj) -> i32 {
        crate::nl_dbg!(2, "Including object {:p} into cache {:p}\n", o, a.cache);
        if !m.event_filter(a.cache, o) {
            return 0;
        }
        if let Some(r) = m.include_event(a.cache, o, &a.listener) {
            return r;
        }
        let l = a.listener;
        let c = a.cache;
        match super::include_by_msgtype(m, c, o, l.notify(), &mut |ch| l.report(c, ch)) {
            Ok(()) => 0,
            Err(e) => e.to_nle(),
        }
    }

    /// The valid-message handler of the event socket: finds the association of `msg`'s type
    /// and applies the objects parsed from it. Messages of another protocol or of no managed
    /// type are skipped (libnl-compat: libnl aborts on another protocol).
    pub fn handle_event<R: Received<M>>(&self, m: &M, msg: R) -> i32 {
        crate::nl_dbg!(
            2,
            "Cache manager {:p}, handling new message {:p} as event\n",
            self,
            msg
        );
        if msg.protocol() != self.protocol {
            return NL_SKIP;
        }
        let Some(ty) = msg.msgtype() else {
            return NL_SKIP;
        };
        let Some(a) = self.find(|c| m.msg_action(*c, ty).is_some()) else {
            return NL_SKIP;
        };
        crate::nl_dbg!(2, "Associated message {:p} to cache {:p}\n", msg, a.cache);
        msg.parse(a.cache, false, &mut |o| self.include(m, &a, o))
    }

    /// Resynchronises every cache (after an overrun); differences go to the callbacks.
    pub fn resync_all<K: Kernel<M>>(&self, m: &M, sync: &mut K) -> i32 {
        for (_, a) in self.assocs() {
            let r = sync::resync(m, sync, a.cache, &a.listener);
            if r < 0 {
                return r;
            }
        }
        0
    }

    /// `nl_cache_mngr_data_ready`: reads every pending notification without blocking and
    /// applies it; after an overrun every cache is resynchronised.
    ///
    /// Returns the number of messages read; a receive error other than `-NLE_AGAIN` (nothing
    /// pending), or the resync's error.
    pub fn data_ready<E: EventSocket<M>, K: Kernel<M>>(
        &self,
        m: &M,
        ev: &mut E,
        sync: &mut K,
    ) -> i32 {
        let mut nread: i32 = 0;
        let err = loop {
            let r = ev.receive(&mut |msg| self.handle_event(m, msg));
            if r > 0 {
                crate::nl_dbg!(
                    2,
                    "Cache manager {:p}, recvmsgs read {} messages\n",
                    self,
                    r
                );
                nread = nread.saturating_add(r);
            } else if ev.overrun(r) {
                crate::nl_dbg!(1, "Cache manager {:p}: event socket overrun\n", self);
                let mut o = self.overrun.get();
                o.hit();
                self.overrun.set(o);
            } else {
                break r;
            }
        };
        let mut o = self.overrun.get();
        let due = o.take();
        self.overrun.set(o);
        if due {
            let r = self.resync_all(m, sync);
            if r < 0 {
                return r;
            }
        }
        if err < 0 && err != Error::Again.to_nle() {
            return err;
        }
        nread
    }

    /// The text of `nl_cache_mngr_info`, one line per `line` call; `objects` dumps the objects
    /// of a cache where they go (between `.objects = {` and its `}`). `sock` is the event
    /// socket as `%p` prints it.
    pub fn info(
        &self,
        m: &M,
        sock: &str,
        line: &mut dyn FnMut(&str),
        objects: &mut dyn FnMut(M::Cache),
    ) {
        let fam = crate::engine::trans::type2str(
            self.protocol,
            crate::engine::trans::entries(crate::engine::trans::NLFAMILIES),
        );
        line(&format!("cache-manager <{:p}>\n", self));
        line(&format!(
            "  .protocol = {}\n",
            String::from_utf8_lossy(&fam)
        ));
        line(&if self.flags == 0 {
            "  .flags    = 0\n".to_string()
        } else {
            format!("  .flags    = {:#x}\n", self.flags)
        });
        let capacity = self.assocs.try_borrow().map_or(0, |s| s.capacity());
        line(&format!("  .nassocs  = {}\n", capacity));
        line(&format!("  .sock     = <{}>\n", sock));
        for (i, a) in self.assocs() {
            let (func, data) = m.callbacks_info(&a.listener);
            line(&format!("  .cache[{}] = <{:p}> {{\n", i, a.cache));
            line(&format!("    .name = {}\n", m.type_name(a.cache)));
            line(&format!("    .change_func = <{}>\n", func));
            line(&format!("    .change_data = <{}>\n", data));
            line(&format!("    .nitems = {}\n", m.items(a.cache).len()));
            line("    .objects = {\n");
            objects(a.cache);
            line("    }\n");
            line("  }\n");
        }
    }

    /// Empties the table, giving up the manager's cache references (`nl_cache_mngr_free`).
    pub fn release_all(&self, m: &M) {
        let all = match self.assocs.try_borrow_mut() {
            Ok(mut s) => s.drain(),
            Err(_) => {
                crate::nl_dbg!(1, "cache manager: association table busy\n");
                return;
            }
        };
        for a in all {
            m.release(a.cache);
        }
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
