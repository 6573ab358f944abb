//! The cache algorithms and the cache manager (`engine::cache`, over the unit tests' mock
//! model and fake kernel) fed a sequence from the input: NEW and DEL notifications in batches,
//! changes the kernel makes without telling (lost with an overrun, or not), overruns, direct
//! refills and resyncs, dumps interrupted once or too often; indexed or plain caches, every
//! notification kind.
//!
//! Properties, after every step: the cache holds one object per identity; it equals the model
//! (what was notified last wins, deletions remove); after a refill, a resync or an overrun's
//! resync it equals the kernel's set; the cache holds the only references; at the end every
//! object is freed.

use std::collections::BTreeMap;

use nlrs::engine::cache::mngr::Manager;
use nlrs::engine::cache::mock::*;
use nlrs::engine::cache::sync::{MAX_DUMP_RESTARTS, refill, resync};
use nlrs::engine::cache::{Model, Notify, cache_put};
use nlrs::error::Error;

use super::Reader;

fn table(kernel: &BTreeMap<u32, u32>) -> Vec<(i32, Spec)> {
    kernel
        .iter()
        .map(|(&id, &val)| (0, spec(0, id, val)))
        .collect()
}

/// The cache's objects as `id -> val`, checking there is one per id.
fn contents(c: C) -> BTreeMap<u32, u32> {
    let mut out = BTreeMap::new();
    for h in M.items(c) {
        let x = o(h);
        assert!(
            out.insert(x.id, x.val).is_none(),
            "two objects with id {}",
            x.id
        );
    }
    out
}

fn check(c: C, want: &BTreeMap<u32, u32>, what: &str) {
    assert_eq!(&contents(c), want, "cache after {what}");
    assert!(
        only_cache_refs(c),
        "references other than the cache's after {what}"
    );
}

/// Queues the pending notifications as one datagram (none when empty: an empty read ends
/// the manager's drain, which a real socket never reports).
fn flush(ev: &mut FakeKernel, batch: &mut Vec<MMsg>) {
    if !batch.is_empty() {
        ev.events.push_back(Ok(std::mem::take(batch)));
    }
}

/// The target body.
pub fn run(data: &[u8]) {
    reset();
    let mut r = Reader::new(data);
    let sel = r.u8();
    let indexed = sel & 1 != 0;
    let kind = match (sel >> 1) % 3 {
        0 => Notify::None,
        1 => Notify::V1,
        _ => Notify::V2,
    };
    let mut kernel = BTreeMap::new();
    for _ in 0..r.u8() % 6 {
        kernel.insert(u32::from(r.u8() % 8), u32::from(r.u8()));
    }
    let m = Manager::<M>::new(0, 0, false).expect("manager");
    let mut ev = FakeKernel::new(0, &[]);
    let mut sync = FakeKernel::new(0, &table(&kernel));
    let c = cache(0, indexed);
    let rec = Rec { kind, tag: 1 };
    assert_eq!(m.add_cache(&M, &mut ev, &mut sync, c, rec), Ok(0));
    let mut model = kernel.clone();
    check(c, &model, "the first fill");

    let mut batch = Vec::new();
    // The notifications not delivered yet, as the model applies them: (id, Some(val)) for
    // NEW, (id, None) for DEL. They reach the cache in order whenever they are delivered, also
    // after a refill that already saw the kernel's newer state (libnl applies them as well).
    let mut pending: Vec<(u32, Option<u32>)> = Vec::new();
    let mut lost = false;
    let mut steps = 0;
    while !r.is_empty() && steps < 64 {
        steps += 1;
        let op = r.u8();
        let id = u32::from(r.u8() % 8);
        match op % 8 {
            0 | 1 => {
                let val = u32::from(r.u8());
                kernel.insert(id, val);
                pending.push((id, Some(val)));
                batch.push(event(16, spec(0, id, val)));
            }
            2 => {
                kernel.remove(&id);
                pending.push((id, None));
                batch.push(event(17, spec(0, id, 0)));
            }
            3 => {
                // The kernel changes without a notification; with an overrun the manager
                // learns it lost something.
                if op & 0x10 != 0 {
                    kernel.remove(&id);
                } else {
                    kernel.insert(id, u32::from(r.u8()));
                }
                if op & 0x20 != 0 {
                    flush(&mut ev, &mut batch);
                    ev.events.push_back(Err(Error::NoMem.to_nle()));
                    lost = true;
                }
            }
            4 => {
                // Deliver what is pending.
                flush(&mut ev, &mut batch);
                sync.table = table(&kernel);
                let n = m.data_ready(&M, &mut ev, &mut sync);
                assert!(n >= 0, "data_ready: {n}");
                for (id, v) in pending.drain(..) {
                    match v {
                        Some(v) => model.insert(id, v),
                        None => model.remove(&id),
                    };
                }
                if lost {
                    model = kernel.clone();
                    lost = false;
                }
                // Changes the kernel made silently (without an overrun) stay unseen.
                check(c, &model, "notifications");
            }
            5 | 6 => {
                // A refill or a resync from the kernel, whose dumps may be interrupted.
                sync.table = table(&kernel);
                // Past the restart limit only for two op values: a thousand dumps are slow.
                let intr = if op >= 0xf8 {
                    MAX_DUMP_RESTARTS + 1
                } else {
                    [0, 1, 2, 0, 1, 0, 0, 1][usize::from(op >> 5)]
                };
                sync.intr = (0..intr).map(|_| true).collect();
                let prev = contents(c);
                let ret = if op % 8 == 5 {
                    refill(&M, &mut sync, c)
                } else {
                    resync(&M, &mut sync, c, &rec)
                };
                sync.intr.clear();
                if ret == 0 {
                    model = kernel.clone();
                    check(c, &model, "a refill or resync");
                } else {
                    assert_eq!(ret, Error::DumpIntr.to_nle(), "refill/resync: {ret}");
                    assert!(
                        intr > MAX_DUMP_RESTARTS,
                        "gave up after {intr} interruptions"
                    );
                    // A failed refill (which empties the cache first) leaves some of the
                    // kernel's objects; a failed resync (libnl-compat: no sweep) may also keep
                    // objects it had.
                    let now = contents(c);
                    let from = |k: &u32, v: &u32| {
                        kernel.get(k) == Some(v) || (op % 8 == 6 && prev.get(k) == Some(v))
                    };
                    assert!(
                        now.iter().all(|(k, v)| from(k, v)),
                        "{now:?} from {prev:?}, {kernel:?}"
                    );
                    model = now;
                }
            }
            _ => {
                // Notifications of a type the cache does not handle, or another protocol.
                let mut e = event(18 + i32::from(op >> 4), spec(0, id, 0));
                if op & 0x80 != 0 {
                    e.protocol = 5;
                }
                batch.push(e);
            }
        }
    }
    m.release_all(&M);
    cache_put(&M, c);
    with(|w| {
        for (i, x) in w.objs.iter().enumerate() {
            assert_eq!(x.refs, 0, "object {i} leaked: {x:?}");
        }
    });
}
