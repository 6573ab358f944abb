//! The cache algorithms and the socket-driven cache logic against mocks: a model of objects
//! and caches in vectors with reference counts checked after every scenario ([`mock`]), a
//! fake kernel answering dumps and delivering notifications ([`mock::FakeKernel`]).

mod mngr;
mod sync;

use super::mock;

use super::*;
use mock::*;

#[test]
fn add_takes_a_reference_or_clones() {
    reset();
    let c = cache(0, false);
    let a = obj(0, ID, 1, 0);
    add(&M, c, a).unwrap();
    assert_eq!((refs(a), ids(c)), (2, vec![1]));
    // In a cache already: a clone goes in.
    let c2 = cache(0, false);
    add(&M, c2, a).unwrap();
    assert_eq!(refs(a), 2);
    let b = M.first(c2).unwrap();
    assert_ne!(a, b);
    assert_eq!(refs(b), 1);
    // Wrong type.
    let x = obj(1, ID, 9, 0);
    assert_eq!(add(&M, c, x), Err(Error::ObjMismatch));
    assert_eq!(refs(x), 1);
}

#[test]
fn index_refuses_identical_objects() {
    reset();
    let c = cache(0, true);
    let a = obj(0, ID, 1, 0);
    let b = obj(0, ID | VAL, 1, 5);
    add(&M, c, a).unwrap();
    assert_eq!(add(&M, c, b), Err(Error::Exist));
    assert_eq!(refs(b), 1, "the failed add gave its reference back");
    assert_eq!(search(&M, c, b), Some(a));
    assert_eq!(refs(a), 3);
}

#[test]
fn v2_callbacks_win() {
    assert_eq!(Notify::of(true, true), Notify::V2);
    assert_eq!(Notify::of(false, true), Notify::V2);
    assert_eq!(Notify::of(true, false), Notify::V1);
    assert_eq!(Notify::of(false, false), Notify::None);
}

#[test]
fn cache_references() {
    reset();
    let c = cache(0, true);
    let a = obj(0, ID, 1, 0);
    add(&M, c, a).unwrap();
    cache_get(&M, c);
    cache_put(&M, c);
    assert_eq!((ids(c), with(|w| w.dropped.clone())), (vec![1], vec![]));
    cache_put(&M, c);
    assert_eq!(with(|w| w.dropped.clone()), vec![c]);
    assert_eq!(refs(a), 1, "the cache's reference is gone");
    assert_eq!((index_size(0), index_size(16)), (DEFAULT_INDEX_SIZE, 16));
}

#[test]
fn subset_and_clone() {
    reset();
    let c = cache(0, false);
    typed(c, |t| t.af_iter = true);
    let a = obj(0, ID | VAL, 1, 5);
    let b = obj(0, ID | VAL, 2, 6);
    add(&M, c, a).unwrap();
    add(&M, c, b).unwrap();
    let f = obj(0, VAL, 0, 6);
    let s = subset(&M, c, f).unwrap();
    // The objects are linked in c already: the subset holds clones.
    assert_eq!((ids(s), refs(b)), (vec![2], 2));
    assert!(!with(|w| w.caches[s.0].af_iter));
    let k = clone_cache(&M, c).unwrap();
    assert_eq!(ids(k), vec![1, 2]);
    assert_ne!(M.first(k), Some(a));
    assert!(with(|w| w.caches[k.0].af_iter));
}

#[test]
fn foreach_holds_references_and_allows_removal() {
    reset();
    let c = cache(0, false);
    for id in 1..=3 {
        let o = obj(0, ID | VAL, id, id % 2);
        add(&M, c, o).unwrap();
        M.put(o);
    }
    let mut seen = Vec::new();
    foreach(&M, c, None, |o| {
        seen.push((o.0, refs(o)));
        remove(&M, o);
    });
    assert_eq!(seen, vec![(0, 2), (1, 2), (2, 2)]);
    assert!(ids(c).is_empty());
    assert_eq!(with(|w| w.freed.len()), 3);
    let d = cache(0, false);
    for id in 1..=3 {
        add(&M, d, obj(0, ID | VAL, id, id % 2)).unwrap();
    }
    let f = obj(0, VAL, 0, 1);
    let mut odd = Vec::new();
    foreach(&M, d, Some(f), |o| odd.push(o.0));
    assert_eq!(odd.len(), 2);
}

#[test]
fn dumps_check_the_type_then_walk_the_filter() {
    reset();
    let c = cache(0, false);
    for id in 1..=3 {
        add(&M, c, obj(0, ID | VAL, id, id % 2)).unwrap();
    }
    let walk = |ty: i32, filter: Option<H>| {
        let mut began = false;
        let mut ids = Vec::new();
        dump(&M, c, ty, filter, || began = true, |o| ids.push(o.0));
        (began, ids)
    };
    assert_eq!(walk(0, None), (true, vec![0, 1, 2]));
    assert_eq!(walk(1, Some(obj(0, VAL, 0, 0))), (true, vec![1]));
    assert_eq!(walk(3, None), (false, vec![]));
    assert_eq!(walk(-1, None), (false, vec![]));
    typed(c, |t| t.dumps = [true, false, true]);
    assert_eq!(walk(1, None), (false, vec![]));
}

#[test]
fn parse_checks_the_family_header() {
    let mut calls = 0;
    let mut count = || {
        calls += 1;
        0
    };
    assert_eq!(
        parse_message(4, 19, 1, &mut count),
        Error::MsgTooShort.to_nle()
    );
    assert_eq!(
        parse_message(-1, 100, 1, &mut count),
        Error::MsgTooShort.to_nle()
    );
    assert_eq!(parse_message(4, 20, 1, &mut count), 0);
    assert_eq!(
        parse_message(0, 16, 0, &mut count),
        Error::MsgTypeNoSupport.to_nle()
    );
    assert_eq!(calls, 1);
}

#[test]
fn move_and_remove() {
    reset();
    let c1 = cache(0, false);
    let c2 = cache(0, false);
    let a = obj(0, ID, 1, 0);
    add(&M, c1, a).unwrap();
    M.put(a);
    assert_eq!(refs(a), 1);
    move_to(&M, c2, a).unwrap();
    assert_eq!((ids(c1), ids(c2), refs(a)), (vec![], vec![1], 1));
    remove(&M, a);
    assert!(with(|w| w.freed.contains(&a.0)));
    // Removing an object in no cache does nothing.
    let b = obj(0, ID, 2, 0);
    remove(&M, b);
    assert_eq!(refs(b), 1);
}

#[test]
fn search_find_and_filters() {
    reset();
    for indexed in [false, true] {
        let c = cache(0, indexed);
        for (id, val) in [(1, 10), (2, 20), (3, 20)] {
            let x = obj(0, ID | VAL, id, val);
            add(&M, c, x).unwrap();
            M.put(x);
        }
        let needle = obj(0, ID, 2, 0);
        let hit = search(&M, c, needle).unwrap();
        assert_eq!(o(hit).id, 2);
        M.put(hit);
        let f = obj(0, VAL, 0, 20);
        let hit = find(&M, c, f).unwrap();
        assert_eq!(o(hit).id, 2);
        M.put(hit);
        assert_eq!(matching(&M, c, Some(f)).len(), 2);
        assert_eq!(matching(&M, c, None).len(), 3);
        let hit = find(&M, c, needle).unwrap();
        assert_eq!(o(hit).id, 2);
        M.put(hit);
        let none = obj(0, ID, 7, 0);
        assert_eq!(search(&M, c, none), None);
        assert_eq!(find(&M, c, none), None);
        clear(&M, c);
        assert!(ids(c).is_empty());
    }
}

fn run_include(c: C, x: H, act: i32, notify: Notify) -> Vec<Change<u32>> {
    let mut got = Vec::new();
    include(&M, c, x, act, notify, &mut |ch: Change<H>| {
        got.push(Change {
            old: ch.old.map(|h| o(h).val),
            new: ch.new.map(|h| o(h).val),
            diff: ch.diff,
            act: ch.act,
        })
    })
    .unwrap();
    got
}

#[test]
fn include_new_change_delete() {
    reset();
    let c = cache(1, true);
    let a = obj(1, ID | VAL, 1, 10);
    assert_eq!(
        run_include(c, a, NL_ACT_NEW, Notify::V2),
        vec![Change {
            old: None,
            new: Some(10),
            diff: 0,
            act: NL_ACT_NEW
        }]
    );
    // Same again: replaced, no difference, nothing reported.
    let a2 = obj(1, ID | VAL, 1, 10);
    assert!(run_include(c, a2, NL_ACT_NEW, Notify::V2).is_empty());
    assert_eq!(M.items(c), vec![a2]);
    // A changed value: replaced and reported with the difference.
    let a3 = obj(1, ID | VAL, 1, 11);
    assert_eq!(
        run_include(c, a3, NL_ACT_NEW, Notify::V2),
        vec![Change {
            old: Some(10),
            new: Some(11),
            diff: VAL,
            act: NL_ACT_CHANGE
        }]
    );
    // v1 callbacks get the new object.
    let a4 = obj(1, ID | VAL, 1, 12);
    assert_eq!(
        run_include(c, a4, NL_ACT_NEW, Notify::V1),
        vec![Change {
            old: None,
            new: Some(12),
            diff: 0,
            act: NL_ACT_CHANGE
        }]
    );
    // Deletion of something absent: nothing; of the cached object: removed and reported.
    let gone = obj(1, ID, 5, 0);
    assert!(run_include(c, gone, NL_ACT_DEL, Notify::V1).is_empty());
    let del = obj(1, ID, 1, 0);
    assert_eq!(
        run_include(c, del, NL_ACT_DEL, Notify::V1),
        vec![Change {
            old: None,
            new: Some(12),
            diff: 0,
            act: NL_ACT_DEL
        }]
    );
    assert!(M.items(c).is_empty());
    // Every object replaced or deleted was released by the cache.
    for h in [a, a2, a3, a4] {
        assert_eq!(refs(h), 1, "{h:?}");
    }
    // Actions other than new/delete are ignored.
    let u = obj(1, ID, 9, 0);
    assert!(run_include(c, u, NL_ACT_CHANGE, Notify::V2).is_empty());
    assert!(M.items(c).is_empty());
}

#[test]
fn include_merges_when_the_type_can() {
    reset();
    let c = cache(0, false);
    let a = obj(0, ID | VAL | CNT, 1, 10);
    with(|w| w.objs[a.0].cnt = 1);
    run_include(c, a, NL_ACT_NEW, Notify::None);
    let b = obj(0, ID | VAL | CNT, 1, 99);
    with(|w| w.objs[b.0].cnt = 2);
    let got = run_include(c, b, NL_ACT_NEW, Notify::V2);
    // Merged in place: the cached object stays, "new" is the incoming one, "old" a clone of
    // the cached object before the merge.
    assert_eq!(
        got,
        vec![Change {
            old: Some(10),
            new: Some(99),
            diff: VAL,
            act: NL_ACT_CHANGE
        }]
    );
    assert_eq!(M.items(c), vec![a]);
    assert_eq!(o(a).cnt, 3);
    assert_eq!(refs(b), 1);
    // The clone made for the report was released.
    let clone = with(|w| w.objs.len() - 1);
    assert_eq!(with(|w| w.objs[clone].refs), 0);
}

#[test]
fn include_by_message_type() {
    reset();
    let c = cache(1, false);
    let a = obj(1, ID, 1, 0);
    with(|w| w.objs[a.0].msgtype = 16);
    include_by_msgtype(&M, c, a, Notify::None, &mut |_| {}).unwrap();
    assert_eq!(ids(c), vec![1]);
    let b = obj(1, ID, 2, 0);
    with(|w| w.objs[b.0].msgtype = 99);
    assert_eq!(
        include_by_msgtype(&M, c, b, Notify::None, &mut |_| {}),
        Err(Error::MsgTypeNoSupport)
    );
    let x = obj(0, ID, 2, 0);
    assert_eq!(
        include_by_msgtype(&M, c, x, Notify::None, &mut |_| {}),
        Err(Error::ObjMismatch)
    );
}

#[test]
fn checkdup_merges_or_replaces() {
    reset();
    let c = cache(0, true);
    let a = obj(0, ID | CNT, 1, 0);
    add_checkdup(&M, c, a).unwrap();
    let b = obj(0, ID | CNT, 1, 0);
    with(|w| w.objs[b.0].cnt = 4);
    add_checkdup(&M, c, b).unwrap();
    assert_eq!((M.items(c), o(a).cnt), (vec![a], 4));
    let d = obj(0, ID, 1, 0);
    add_checkdup(&M, c, d).unwrap();
    assert_eq!(M.items(c), vec![d]);
    assert_eq!(refs(a), 1);
}

#[test]
fn resync_marks_and_sweeps() {
    reset();
    let c = cache(0, false);
    for id in 1..=3 {
        let x = obj(0, ID | VAL | CNT, id, id);
        add(&M, c, x).unwrap();
        M.put(x);
    }
    resync_mark(&M, c);
    let mut reports = Vec::new();
    // The kernel still has 1 (merged in place) and 3 (replaced, value changed), and a new 4.
    for (id, val, msgtype) in [(1, 1, 16), (3, 33, 16), (4, 4, 16)] {
        let mask = if id == 1 { ID | VAL | CNT } else { ID | VAL };
        let x = obj(0, mask, id, val);
        with(|w| w.objs[x.0].msgtype = msgtype);
        resync_seen(&M, c, x, Notify::V1, &mut |ch| {
            reports.push((o(ch.new.unwrap()).id, ch.act))
        })
        .unwrap();
        M.put(x);
    }
    let mut deleted = Vec::new();
    resync_sweep(&M, c, Notify::V2, &mut |ch| {
        assert_eq!((ch.new, ch.act), (None, NL_ACT_DEL));
        deleted.push(o(ch.old.unwrap()).id)
    });
    assert_eq!(deleted, vec![2]);
    let mut left = ids(c);
    left.sort();
    assert_eq!(left, vec![1, 3, 4]);
    assert_eq!(
        reports,
        vec![(1, NL_ACT_CHANGE), (3, NL_ACT_CHANGE), (4, NL_ACT_NEW)]
    );
    assert!(M.items(c).iter().all(|h| !o(*h).marked));
    clear(&M, c);
    // Everything the cache held is released.
    assert!(with(|w| w.objs.iter().all(|x| x.owner.is_none())));
}

#[test]
fn parser_declines_with_opnotsupp() {
    let mut calls = 0;
    let mut seq = [Error::OpNotSupp.to_nle(), 7].into_iter();
    assert_eq!(
        parse_by_msgtype(3, || {
            calls += 1;
            seq.next().unwrap_or(0)
        }),
        7
    );
    assert_eq!(calls, 2);
    assert_eq!(parse_by_msgtype(1, || -2), -2);
    assert_eq!(
        parse_by_msgtype(2, || Error::OpNotSupp.to_nle()),
        Error::MsgTypeNoSupport.to_nle()
    );
    assert_eq!(parse_by_msgtype(0, || 0), Error::MsgTypeNoSupport.to_nle());
}
