//! Refill, resync and pickup against the fake kernel.

use super::mock::*;
use crate::engine::cache::sync::{Kernel, MAX_DUMP_RESTARTS, pickup, refill, resync};
use crate::engine::cache::{Model, NL_ACT_CHANGE, NL_ACT_DEL, NL_ACT_NEW, Notify, add};
use crate::error::Error;

fn table(entries: &[(u32, u32)]) -> Vec<(i32, Spec)> {
    entries
        .iter()
        .map(|(id, val)| (0, spec(0, *id, *val)))
        .collect()
}

/// Adds objects of type 0 with `(id, val)` to `c`, keeping only the cache's references.
fn fill(c: C, entries: &[(u32, u32)]) {
    for (id, val) in entries {
        let x = obj(0, ID | VAL, *id, *val);
        add(&M, c, x).unwrap();
        M.put(x);
    }
}

#[test]
fn refill_fills_from_one_dump() {
    reset();
    let c = cache(0, false);
    fill(c, &[(9, 9)]);
    let stale = M.first(c).unwrap();
    let mut k = FakeKernel::new(0, &table(&[(1, 10), (2, 20)]));
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(ids(c), vec![1, 2]);
    assert_eq!(k.requests.len(), 1);
    assert!(only_cache_refs(c));
    assert!(with(|w| w.freed.contains(&stale.0)), "emptied first");
    // Dump answers reach the parser with their sender.
    assert!(with(|w| w.parses.iter().all(|(pc, s)| *pc == c && *s)));
}

#[test]
fn refill_starts_again_from_empty_after_an_interrupted_dump() {
    reset();
    // A hashed cache: keeping the interrupted dump's objects would make the second dump's
    // objects collide.
    let c = cache(0, true);
    let mut k = FakeKernel::new(0, &table(&[(1, 10), (2, 20)]));
    k.intr = [true, false].into();
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(k.requests.len(), 2);
    assert_eq!(ids(c), vec![1, 2]);
    assert!(only_cache_refs(c));
}

#[test]
fn af_iter_requests_one_dump_per_family() {
    reset();
    let c = cache(0, false);
    typed(c, |t| {
        t.groups = Some(vec![(2, 5), (10, 9)]);
        t.af_iter = true;
    });
    let mut k = FakeKernel::new(
        0,
        &[(2, spec(0, 1, 1)), (10, spec(0, 2, 2)), (10, spec(0, 3, 3))],
    );
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(k.requests, vec![2, 10]);
    assert_eq!(ids(c), vec![1, 2, 3]);
    // An interruption in the second family restarts from the first, on an empty cache.
    k.requests.clear();
    k.intr = [false, true, false, false].into();
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(k.requests, vec![2, 10, 2, 10]);
    assert_eq!(ids(c), vec![1, 2, 3]);
    assert!(only_cache_refs(c));
}

#[test]
fn groups_without_af_iter_is_one_dump_with_argument_1_untouched() {
    reset();
    let c = cache(0, false);
    typed(c, |t| {
        t.groups = Some(vec![(2, 5), (10, 9)]);
        t.arg1 = 77;
    });
    let mut k = FakeKernel::new(0, &[(2, spec(0, 1, 1)), (10, spec(0, 2, 2))]);
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(k.requests, vec![77]);
    assert_eq!(ids(c), vec![1, 2]);
}

#[test]
fn restarts_are_bounded() {
    reset();
    let c = cache(0, false);
    let mut k = FakeKernel::new(0, &table(&[(1, 1)]));
    k.intr = std::iter::repeat_n(true, MAX_DUMP_RESTARTS as usize + 1).collect();
    assert_eq!(refill(&M, &mut k, c), Error::DumpIntr.to_nle());
    assert_eq!(k.requests.len(), MAX_DUMP_RESTARTS as usize + 1);
}

#[test]
fn refill_errors() {
    reset();
    let c = cache(0, false);
    fill(c, &[(9, 9)]);
    // Another protocol: nothing requested, the cache is left as it was.
    let mut k = FakeKernel::new(16, &table(&[(1, 1)]));
    assert_eq!(refill(&M, &mut k, c), Error::ProtoMismatch.to_nle());
    assert!(k.requests.is_empty());
    assert_eq!(ids(c), vec![9]);
    // A type that cannot request dumps.
    let mut k = FakeKernel::new(0, &table(&[(1, 1)]));
    typed(c, |t| t.can_request = false);
    assert_eq!(refill(&M, &mut k, c), Error::OpNotSupp.to_nle());
    typed(c, |t| t.can_request = true);
    // The request's result: negative fails, anything else is success.
    k.request_result = -5;
    assert_eq!(refill(&M, &mut k, c), -5);
    k.request_result = 3;
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(ids(c), vec![1]);
    // The receive loop's error.
    k.fail_receive = Some(Error::NoMem.to_nle());
    assert_eq!(refill(&M, &mut k, c), Error::NoMem.to_nle());
    k.fail_receive = None;
    assert_eq!(refill(&M, &mut k, c), 0);
    assert_eq!(ids(c), vec![1]);
}

#[test]
fn an_add_error_ends_the_pickup() {
    reset();
    let c = cache(0, false);
    // The parser hands over an object of type 0 (the fake dumps the cache's type), but the
    // cache is switched to type 1 after the request: every add is refused.
    let mut k = FakeKernel::new(0, &table(&[(1, 1), (2, 2)]));
    assert_eq!(k.request(c), 0);
    typed(c, |t| t.ty = 1);
    assert_eq!(pickup(&M, &mut k, c, false), Error::ObjMismatch.to_nle());
    assert!(ids(c).is_empty());
    // The first message failed: the second was never parsed.
    assert_eq!(with(|w| w.parses.len()), 1);
}

#[test]
fn pickup_skips_known_objects_and_checkdup_merges() {
    reset();
    let c = cache(0, true);
    fill(c, &[(1, 10)]);
    let mut k = FakeKernel::new(0, &table(&[(1, 10), (2, 20), (3, 30)]));
    assert_eq!(k.request(c), 0);
    // Object 1 is known (-NLE_EXIST): its message is skipped, the others still come in.
    assert_eq!(pickup(&M, &mut k, c, false), 0);
    assert_eq!(ids(c), vec![1, 2, 3]);
    assert!(only_cache_refs(c));
    // checkdup: identical objects merge (type 0 adds counters) or replace.
    let a = M.first(c).unwrap();
    with(|w| {
        w.objs[a.0].mask |= CNT;
        w.objs[a.0].cnt = 1;
    });
    let mut merged = spec(0, 1, 10);
    merged.mask |= CNT;
    merged.cnt = 4;
    k.table = vec![(0, merged), (0, spec(0, 2, 22))];
    assert_eq!(k.request(c), 0);
    assert_eq!(pickup(&M, &mut k, c, true), 0);
    assert_eq!(M.first(c), Some(a), "merged in place");
    assert_eq!(o(a).cnt, 5);
    assert_eq!(sorted_ids(c), vec![1, 2, 3]);
    let two = M.items(c).into_iter().find(|h| o(*h).id == 2).unwrap();
    assert_eq!(o(two).val, 22, "replaced");
    assert!(only_cache_refs(c));
}

#[test]
fn resync_reports_changes_and_deletions() {
    for kind in [Notify::V1, Notify::V2] {
        reset();
        let c = cache(0, false);
        fill(c, &[(1, 1), (2, 2), (3, 3)]);
        let mut k = FakeKernel::new(0, &table(&[(1, 1), (3, 33), (4, 4)]));
        assert_eq!(resync(&M, &mut k, c, &Rec { kind, tag: 7 }), 0);
        assert_eq!(sorted_ids(c), vec![1, 3, 4]);
        assert!(M.items(c).iter().all(|h| !o(*h).marked));
        assert!(only_cache_refs(c));
        let got = take_reports();
        let want = match kind {
            Notify::V2 => vec![
                (7, NL_ACT_CHANGE, Some(3), Some(3)),
                (7, NL_ACT_NEW, None, Some(4)),
                (7, NL_ACT_DEL, Some(2), None),
            ],
            _ => vec![
                (7, NL_ACT_CHANGE, None, Some(3)),
                (7, NL_ACT_NEW, None, Some(4)),
                (7, NL_ACT_DEL, None, Some(2)),
            ],
        };
        assert_eq!(got, want, "{kind:?}");
    }
}

#[test]
fn resync_keeps_objects_merged_in_place() {
    reset();
    let c = cache(0, false);
    let a = obj(0, ID | CNT, 1, 0);
    add(&M, c, a).unwrap();
    M.put(a);
    let mut s = spec(0, 1, 0);
    s.mask = ID | CNT;
    s.cnt = 2;
    let mut k = FakeKernel::new(0, &[(0, s)]);
    assert_eq!(
        resync(
            &M,
            &mut k,
            c,
            &Rec {
                kind: Notify::None,
                tag: 0
            }
        ),
        0
    );
    assert_eq!(M.items(c), vec![a]);
    assert_eq!(o(a).cnt, 2);
}

#[test]
fn resync_repeats_an_interrupted_pass_without_emptying() {
    reset();
    let c = cache(0, false);
    fill(c, &[(1, 1), (2, 2)]);
    let mut k = FakeKernel::new(0, &table(&[(1, 1), (2, 2)]));
    k.intr = [true, false].into();
    let l = Rec {
        kind: Notify::V2,
        tag: 1,
    };
    assert_eq!(resync(&M, &mut k, c, &l), 0);
    assert_eq!(k.requests.len(), 2);
    assert_eq!(ids(c), vec![1, 2]);
    assert!(take_reports().is_empty(), "nothing changed");
    // Errors: another protocol marks nothing; a failing request leaves the marks.
    let mut other = FakeKernel::new(16, &[]);
    assert_eq!(resync(&M, &mut other, c, &l), Error::ProtoMismatch.to_nle());
    assert!(M.items(c).iter().all(|h| !o(*h).marked));
    k.request_result = -3;
    assert_eq!(resync(&M, &mut k, c, &l), -3);
    assert!(M.items(c).iter().all(|h| o(*h).marked));
    assert!(take_reports().is_empty());
}
