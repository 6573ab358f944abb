//! Synchronising a cache with the kernel: refill, resync and pickup, over a [`Kernel`].
//!
//! The FFI layer implements [`Kernel`] over a libnl socket (send the cache type's dump request,
//! run the receive loop) and [`Received`] over the messages that loop hands out (their protocol
//! and type, and parsing with a cache type's parser into objects). [`SyncModel`] adds to
//! [`Model`] the few cache-type facts synchronisation needs. What lives here:
//!
//! * the dump passes ([`passes`]): a type may ask for one dump per address family
//!   (`NL_CACHE_AF_ITER` with a multicast-group table): the dump is requested once per table
//!   entry with the cache's argument 1 set to that entry's family. Without the flag, or
//!   without groups, one dump is requested and argument 1 is left alone;
//! * the restart policy ([`next`]): an interrupted dump (`NLM_F_DUMP_INTR`) is requested again;
//!   [`MAX_DUMP_RESTARTS`] bounds how often, so a kernel table that changes without pause
//!   cannot keep the caller busy for ever. A refill starts again from an empty cache and the
//!   first pass (libnl keeps what the interrupted dump delivered, which leaves duplicates or
//!   fails with `-NLE_EXIST`); a resync repeats the interrupted pass (its mark-and-sweep makes
//!   the repeat harmless);
//! * [`refill`], [`resync`] and [`pickup`] themselves: which object step (add, checkdup,
//!   resync-seen) each delivered object goes through, and an `-NLE_EXIST` from a message's
//!   objects skipping that message rather than ending the receive loop.
//!
//! Results are `int`s in libnl's convention (0 or a negative `NLE_*` code) because the C
//! callbacks involved (request, parser) return their own values, which are passed on as they
//! are.
#![forbid(unsafe_code)]

use std::fmt;

use super::{Change, Listener, Model};
use crate::engine::recv::NL_SKIP;
use crate::error::Error;

/// How many times one family's dump is restarted after `NLM_F_DUMP_INTR` before the
/// interruption is reported to the caller (libnl restarts without limit).
pub const MAX_DUMP_RESTARTS: u32 = 1000;

/// The cache-type facts synchronisation needs, beyond [`Model`].
pub trait SyncModel: Model {
    /// The netlink protocol of the type of `c`.
    fn type_protocol(&self, c: Self::Cache) -> i32;
    /// The `(family, group)` table of the type of `c` (up to its terminator); `None` when the
    /// type has no table at all.
    fn type_groups(&self, c: Self::Cache) -> Option<Vec<(i32, i32)>>;
    /// Whether `c` asks for one dump per family of its group table (`NL_CACHE_AF_ITER`).
    fn af_iter(&self, c: Self::Cache) -> bool;
    /// Sets the cache's argument 1 (the family the next request asks for).
    fn set_family(&self, c: Self::Cache, family: i32);
    /// Whether the type of `c` can request a dump (`co_request_update`).
    fn can_request(&self, c: Self::Cache) -> bool;
}

/// A message read from a kernel socket.
pub trait Received<M: Model>: Copy + fmt::Pointer {
    /// The netlink protocol it arrived on.
    fn protocol(self) -> i32;
    /// Its `nlmsg_type`; `None` when it has no header.
    fn msgtype(self) -> Option<i32>;
    /// Parses it with the parser of the type of `c` (length and message-type checks first),
    /// handing every object to `deliver`, whose non-zero result ends the parse. With
    /// `with_sender`, the parser also gets the sender's address (libnl gives it for dump
    /// answers, not for notifications). Returns the parser's result as is.
    fn parse(self, c: M::Cache, with_sender: bool, deliver: &mut dyn FnMut(M::Obj) -> i32) -> i32;
}

/// One kernel socket as the cache layer uses it.
pub trait Kernel<M: Model> {
    /// What [`Kernel::receive`] hands out.
    type Msg: Received<M>;
    /// The protocol the socket is connected to (0 when it is not).
    fn protocol(&self) -> i32;
    /// Sends the dump request of the type of `c` (which [`SyncModel::can_request`]); returns
    /// the type's result (negative: failure; any other value: sent).
    fn request(&mut self, c: M::Cache) -> i32;
    /// Runs the socket's receive loop once, with `on_msg` as the handler of valid messages
    /// (its result is an `NL_OK`/`NL_SKIP`/`NL_STOP` action or a negative error). Returns the
    /// loop's result: the number of messages read, or a negative code.
    fn receive(&mut self, on_msg: &mut dyn FnMut(Self::Msg) -> i32) -> i32;
}

/// One dump request of a synchronisation: the family to put into argument 1, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pass {
    /// `Some(family)`: set the cache's argument 1 to it before requesting.
    pub family: Option<i32>,
}

/// The passes of a synchronisation, given the type's `(family, group)` entries (up to, not
/// including, the `group == 0` terminator) and whether the cache iterates families.
pub fn passes(groups: &[(i32, i32)], af_iter: bool) -> Vec<Pass> {
    if af_iter && !groups.is_empty() {
        groups
            .iter()
            .map(|(family, _)| Pass {
                family: Some(*family),
            })
            .collect()
    } else {
        vec![Pass { family: None }]
    }
}

/// What to do after a pickup returned `result` in restart number `restarts` of a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The pass completed; go on with the next one.
    Done,
    /// The dump was interrupted: request it again.
    Restart,
    /// Stop and report this (negative) code.
    Fail(i32),
}

/// Decides the next step from a pickup result (`dump_intr` is `-NLE_DUMP_INTR`).
pub fn next(result: i32, dump_intr: i32, restarts: u32) -> Next {
    if result == dump_intr && restarts < MAX_DUMP_RESTARTS {
        Next::Restart
    } else if result < 0 {
        Next::Fail(result)
    } else {
        Next::Done
    }
}

/// libnl's `nl_cache_request_full_dump`: protocol check, then the type's request.
fn request<M: SyncModel, K: Kernel<M>>(m: &M, k: &mut K, c: M::Cache) -> i32 {
    if k.protocol() != m.type_protocol(c) {
        return Error::ProtoMismatch.to_nle();
    }
    if !m.can_request(c) {
        return Error::OpNotSupp.to_nle();
    }
    crate::nl_dbg!(
        2,
        "Requesting update from kernel for cache {:p} <{}>\n",
        c,
        m.cache_name(c)
    );
    let r = k.request(c);
    if r < 0 { r } else { 0 }
}

/// Receives the answers to a request into `c`: every object of every valid message goes to
/// `deliver`; a message whose object the cache already holds (`-NLE_EXIST`) is skipped, as
/// libnl does. Returns 0 or the receive loop's error.
fn receive_into<M: Model, K: Kernel<M>>(
    k: &mut K,
    c: M::Cache,
    deliver: &mut dyn FnMut(M::Obj) -> i32,
) -> i32 {
    let exist = Error::Exist.to_nle();
    let r = k.receive(&mut |msg| match msg.parse(c, true, deliver) {
        r if r == exist => NL_SKIP,
        r => r,
    });
    if r < 0 {
        crate::nl_dbg!(
            2,
            "While picking up for {:p}, recvmsgs() returned {}\n",
            c,
            r
        );
        r
    } else {
        0
    }
}

/// Runs the dump passes of a synchronisation of `c`; with `restart_all`, an interrupted dump
/// empties the cache and starts over from the first pass, else the pass is repeated.
fn run_passes<M: SyncModel, K: Kernel<M>>(
    m: &M,
    k: &mut K,
    c: M::Cache,
    restart_all: bool,
    deliver: &mut dyn FnMut(M::Obj) -> i32,
) -> i32 {
    let groups = m.type_groups(c).unwrap_or_default();
    let passes = passes(&groups, m.af_iter(c));
    let mut restarts = 0;
    let mut i = 0;
    let mut r = 0;
    while let Some(pass) = passes.get(i) {
        if let Some(f) = pass.family {
            m.set_family(c, f);
        }
        r = request(m, k, c);
        if r < 0 {
            return r;
        }
        crate::nl_dbg!(
            2,
            "Updating cache {:p} <{}> for family {}, request sent, waiting for reply\n",
            c,
            m.cache_name(c),
            pass.family.unwrap_or(0)
        );
        crate::nl_dbg!(
            2,
            "Picking up answer for cache {:p} <{}>\n",
            c,
            m.cache_name(c)
        );
        r = receive_into(k, c, deliver);
        match next(r, Error::DumpIntr.to_nle(), restarts) {
            Next::Done => i += 1,
            Next::Restart => {
                crate::nl_dbg!(2, "Dump interrupted, restarting!\n");
                restarts += 1;
                if restart_all {
                    super::clear(m, c);
                    i = 0;
                }
            }
            Next::Fail(e) => return e,
        }
    }
    r
}

fn nle(r: crate::error::Result<()>) -> i32 {
    r.map_or_else(|e| e.to_nle(), |()| 0)
}

/// `nl_cache_refill`: empties `c` and fills it from fresh dumps.
///
/// Returns 0; `-NLE_PROTO_MISMATCH` when the socket speaks another protocol than the type,
/// `-NLE_OPNOTSUPP` when the type cannot request dumps, or the request's, the receive loop's
/// or an add's error.
pub fn refill<M: SyncModel, K: Kernel<M>>(m: &M, k: &mut K, c: M::Cache) -> i32 {
    if k.protocol() != m.type_protocol(c) {
        return Error::ProtoMismatch.to_nle();
    }
    super::clear(m, c);
    run_passes(m, k, c, true, &mut |o| nle(super::add(m, c, o)))
}

/// `nl_cache_resync`: brings `c` in line with fresh dumps, reporting what the dumps add or
/// change and the cached objects they no longer contain to `l` (see [`super::resync_seen`],
/// [`super::resync_sweep`]).
///
/// Returns 0, or the errors of [`refill`] (objects not seen yet then stay marked).
pub fn resync<M: SyncModel, K: Kernel<M>, L: Listener<M::Cache, M::Obj>>(
    m: &M,
    k: &mut K,
    c: M::Cache,
    l: &L,
) -> i32 {
    if k.protocol() != m.type_protocol(c) {
        return Error::ProtoMismatch.to_nle();
    }
    crate::nl_dbg!(1, "Resyncing cache {:p}...\n", c);
    super::resync_mark(m, c);
    let notify = l.notify();
    let mut report = |ch: Change<M::Obj>| l.report(c, ch);
    let r = run_passes(m, k, c, false, &mut |o| {
        nle(super::resync_seen(m, c, o, notify, &mut report))
    });
    if r < 0 {
        return r;
    }
    super::resync_sweep(m, c, notify, &mut report);
    crate::nl_dbg!(1, "Finished resyncing {:p}\n", c);
    0
}

/// `nl_cache_pickup` / `nl_cache_pickup_checkdup`: receives the answers of a request already
/// sent into `c`, adding every object ([`super::add`]) or, with `checkdup`, merging it with or
/// letting it replace an identical cached one ([`super::add_checkdup`]).
///
/// Returns 0 or the receive loop's error (an add error other than `-NLE_EXIST` ends it).
pub fn pickup<M: Model, K: Kernel<M>>(m: &M, k: &mut K, c: M::Cache, checkdup: bool) -> i32 {
    receive_into(k, c, &mut |o| {
        nle(if checkdup {
            super::add_checkdup(m, c, o)
        } else {
            super::add(m, c, o)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_groups_is_one_plain_pass() {
        assert_eq!(passes(&[], true), vec![Pass { family: None }]);
        assert_eq!(passes(&[], false), vec![Pass { family: None }]);
    }

    #[test]
    fn groups_without_af_iter_is_one_pass() {
        assert_eq!(
            passes(&[(2, 5), (10, 9)], false),
            vec![Pass { family: None }]
        );
    }

    #[test]
    fn af_iter_is_one_pass_per_group() {
        assert_eq!(
            passes(&[(2, 5), (10, 9), (2, 7)], true),
            vec![
                Pass { family: Some(2) },
                Pass { family: Some(10) },
                Pass { family: Some(2) }
            ]
        );
    }

    #[test]
    fn restart_policy() {
        assert_eq!(next(0, -33, 0), Next::Done);
        assert_eq!(next(5, -33, 0), Next::Done);
        assert_eq!(next(-33, -33, 0), Next::Restart);
        assert_eq!(next(-33, -33, MAX_DUMP_RESTARTS), Next::Fail(-33));
        assert_eq!(next(-5, -33, 0), Next::Fail(-5));
        assert_eq!(next(i32::MIN, -33, u32::MAX), Next::Fail(i32::MIN));
    }
}
