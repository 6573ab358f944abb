//! The cache manager against the fake kernel: adding caches, dispatching notifications,
//! draining, overruns, the info text.

use super::mock::*;
use crate::engine::cache::mngr::{Manager, NL_ALLOCATED_SOCK, NL_AUTO_PROVIDE};
use crate::engine::cache::{Model, NL_ACT_CHANGE, NL_ACT_DEL, NL_ACT_NEW, Notify};
use crate::engine::recv::NL_SKIP;
use crate::error::Error;

fn rec(tag: u32) -> Rec {
    Rec {
        kind: Notify::V1,
        tag,
    }
}

/// A manager of protocol 0, its event socket and its sync socket (in front of `table`).
fn setup(flags: i32, table: &[(i32, Spec)]) -> (Manager<M>, FakeKernel, FakeKernel) {
    (
        Manager::new(0, flags, false).unwrap(),
        FakeKernel::new(0, &[]),
        FakeKernel::new(0, table),
    )
}

/// A cache of type `ty` whose type handles message types `new` (NEW) and `new + 1` (DEL).
fn typed_cache(ty: u8, new: i32) -> C {
    let c = cache(ty, false);
    typed(c, |t| {
        t.msgtypes = vec![(new, NL_ACT_NEW), (new + 1, NL_ACT_DEL)]
    });
    c
}

#[test]
fn flags() {
    assert!(matches!(
        Manager::<M>::new(0, NL_ALLOCATED_SOCK, true),
        Err(Error::Inval)
    ));
    let m = Manager::<M>::new(0, NL_AUTO_PROVIDE, true).unwrap();
    assert_eq!(m.flags(), NL_AUTO_PROVIDE | NL_ALLOCATED_SOCK);
    assert_eq!(Manager::<M>::new(16, 0, false).unwrap().flags(), 0);
}

#[test]
fn add_cache_checks_joins_and_fills() {
    reset();
    let (m, mut ev, mut sync) = setup(NL_AUTO_PROVIDE, &[(0, spec(0, 1, 1)), (0, spec(1, 5, 5))]);
    let c1 = cache(0, false);
    typed(c1, |t| t.groups = Some(vec![(0, 1), (0, 2)]));
    assert_eq!(m.add_cache(&M, &mut ev, &mut sync, c1, rec(1)), Ok(0));
    assert_eq!(ev.joined, vec![1, 2]);
    assert_eq!(ids(c1), vec![1]);
    assert_eq!(with(|w| w.provided.clone()), vec![c1]);
    // Refused: another protocol, no group table, a type managed already.
    let c2 = cache(1, false);
    typed(c2, |t| t.protocol = 16);
    assert_eq!(
        m.add_cache(&M, &mut ev, &mut sync, c2, rec(2)),
        Err(Error::ProtoMismatch.to_nle())
    );
    typed(c2, |t| {
        t.protocol = 0;
        t.groups = None;
    });
    assert_eq!(
        m.add_cache(&M, &mut ev, &mut sync, c2, rec(2)),
        Err(Error::OpNotSupp.to_nle())
    );
    let c3 = cache(0, false);
    assert_eq!(
        m.add_cache(&M, &mut ev, &mut sync, c3, rec(3)),
        Err(Error::Exist.to_nle())
    );
    // A failing join is returned; a failing fill leaves the groups again.
    typed(c2, |t| t.groups = Some(vec![(0, 7)]));
    ev.join_result = -9;
    assert_eq!(m.add_cache(&M, &mut ev, &mut sync, c2, rec(2)), Err(-9));
    ev.join_result = 0;
    sync.request_result = -5;
    assert_eq!(m.add_cache(&M, &mut ev, &mut sync, c2, rec(2)), Err(-5));
    assert_eq!(ev.left, vec![7]);
    assert_eq!(m.assocs().len(), 1);
    sync.request_result = 0;
    assert_eq!(m.add_cache(&M, &mut ev, &mut sync, c2, rec(2)), Ok(1));
    assert_eq!(ids(c2), vec![5]);
    assert_eq!(with(|w| w.provided.clone()), vec![c1, c2]);
    // Without NL_AUTO_PROVIDE nothing is provided.
    let (m2, mut ev2, mut sync2) = setup(0, &[]);
    let c4 = cache(4, false);
    assert_eq!(m2.add_cache(&M, &mut ev2, &mut sync2, c4, rec(4)), Ok(0));
    assert_eq!(with(|w| w.provided.len()), 2);
}

#[test]
fn events_go_to_the_first_association_of_their_type() {
    reset();
    let (m, mut ev, mut sync) = setup(0, &[]);
    let a = typed_cache(0, 16);
    let b = typed_cache(1, 20);
    // A third type handling message type 20 too: b comes first in slot order.
    let shadow = typed_cache(2, 20);
    for (c, tag) in [(a, 1), (b, 2), (shadow, 3)] {
        assert!(m.add_cache(&M, &mut ev, &mut sync, c, rec(tag)).is_ok());
    }
    let r = m.handle_event(&M, fake_msg(event(20, spec(1, 5, 50))));
    assert_eq!(r, 0);
    assert_eq!((ids(a), ids(b), ids(shadow)), (vec![], vec![5], vec![]));
    assert_eq!(take_reports(), vec![(2, NL_ACT_NEW, None, Some(5))]);
    // Notifications are parsed without the sender.
    assert_eq!(with(|w| w.parses.last().copied()), Some((b, false)));
    // Deleted.
    assert_eq!(m.handle_event(&M, fake_msg(event(21, spec(1, 5, 0)))), 0);
    assert!(ids(b).is_empty());
    assert_eq!(take_reports(), vec![(2, NL_ACT_DEL, None, Some(5))]);
    // Skipped: another protocol, no header, a type nobody handles.
    let mut other = event(16, spec(0, 1, 1));
    other.protocol = 16;
    assert_eq!(m.handle_event(&M, fake_msg(other)), NL_SKIP);
    let mut headless = event(16, spec(0, 1, 1));
    headless.msgtype = None;
    assert_eq!(m.handle_event(&M, fake_msg(headless)), NL_SKIP);
    assert_eq!(
        m.handle_event(&M, fake_msg(event(99, spec(0, 1, 1)))),
        NL_SKIP
    );
    assert!(ids(a).is_empty());
    assert!(take_reports().is_empty());
}

#[test]
fn events_merge_through_the_types_update() {
    reset();
    let (m, mut ev, mut sync) = setup(0, &[]);
    let a = typed_cache(0, 16);
    let l = Rec {
        kind: Notify::V2,
        tag: 1,
    };
    assert!(m.add_cache(&M, &mut ev, &mut sync, a, l).is_ok());
    let mut s = spec(0, 7, 1);
    s.mask |= CNT;
    s.cnt = 1;
    m.handle_event(&M, fake_msg(event(16, s)));
    let first = M.first(a).unwrap();
    s.val = 2;
    s.cnt = 3;
    m.handle_event(&M, fake_msg(event(16, s)));
    assert_eq!(M.items(a), vec![first], "merged in place");
    assert_eq!(o(first).cnt, 4);
    let got = with(|w| std::mem::take(&mut w.reports));
    assert_eq!(got.len(), 2);
    let (_, c, ch) = got[1];
    assert_eq!((c, ch.act, ch.diff), (a, NL_ACT_CHANGE, VAL));
    assert!(only_cache_refs(a));
}

#[test]
fn event_filter_and_include_hook() {
    reset();
    let (m, mut ev, mut sync) = setup(0, &[]);
    let a = typed_cache(0, 16);
    typed(a, |t| t.filter_out = Some(9));
    let b = typed_cache(1, 20);
    typed(b, |t| t.own_include = Some(0));
    assert!(m.add_cache(&M, &mut ev, &mut sync, a, rec(1)).is_ok());
    assert!(m.add_cache(&M, &mut ev, &mut sync, b, rec(2)).is_ok());
    // Filtered out: nothing happens.
    assert_eq!(m.handle_event(&M, fake_msg(event(16, spec(0, 9, 0)))), 0);
    assert!(ids(a).is_empty());
    // Passes the filter.
    assert_eq!(m.handle_event(&M, fake_msg(event(16, spec(0, 8, 0)))), 0);
    assert_eq!(ids(a), vec![8]);
    // The type's own hook replaces the default include.
    assert_eq!(m.handle_event(&M, fake_msg(event(20, spec(1, 3, 0)))), 0);
    assert!(ids(b).is_empty());
    assert_eq!(with(|w| w.hooked.len()), 1);
    assert_eq!(take_reports(), vec![(1, NL_ACT_NEW, None, Some(8))]);
}

#[test]
fn data_ready_reads_until_nothing_is_pending() {
    reset();
    let (m, mut ev, mut sync) = setup(0, &[]);
    let a = typed_cache(0, 16);
    assert!(m.add_cache(&M, &mut ev, &mut sync, a, rec(1)).is_ok());
    ev.events = [
        Ok(vec![event(16, spec(0, 1, 1)), event(16, spec(0, 2, 2))]),
        Ok(vec![event(16, spec(0, 3, 3))]),
    ]
    .into();
    assert_eq!(m.data_ready(&M, &mut ev, &mut sync), 3);
    assert_eq!(ids(a), vec![1, 2, 3]);
    // Nothing pending.
    assert_eq!(m.data_ready(&M, &mut ev, &mut sync), 0);
    // Another error is returned.
    ev.events = [Err(Error::BadSock.to_nle())].into();
    assert_eq!(
        m.data_ready(&M, &mut ev, &mut sync),
        Error::BadSock.to_nle()
    );
    assert_eq!(m.overruns(), 0);
    assert!(only_cache_refs(a));
}

#[test]
fn an_overrun_resyncs_every_cache() {
    reset();
    let (m, mut ev, mut sync) = setup(
        0,
        &[(0, spec(0, 1, 1)), (0, spec(0, 2, 2)), (0, spec(1, 10, 10))],
    );
    let a = typed_cache(0, 16);
    let b = typed_cache(1, 20);
    assert!(m.add_cache(&M, &mut ev, &mut sync, a, rec(1)).is_ok());
    assert!(m.add_cache(&M, &mut ev, &mut sync, b, rec(2)).is_ok());
    let requests = sync.requests.len();
    // The kernel drops notifications: 2 vanished and 4 appeared without a word.
    sync.table = vec![
        (0, spec(0, 1, 1)),
        (0, spec(0, 3, 3)),
        (0, spec(0, 4, 4)),
        (0, spec(1, 10, 10)),
        (0, spec(1, 11, 11)),
    ];
    ev.events = [
        Ok(vec![event(16, spec(0, 3, 3))]),
        Err(Error::NoMem.to_nle()),
        Ok(vec![event(20, spec(1, 11, 11))]),
    ]
    .into();
    assert_eq!(m.data_ready(&M, &mut ev, &mut sync), 2);
    assert_eq!(m.overruns(), 1);
    assert_eq!(sync.requests.len(), requests + 2, "one dump per cache");
    assert_eq!(sorted_ids(a), vec![1, 3, 4]);
    assert_eq!(sorted_ids(b), vec![10, 11]);
    let got = take_reports();
    assert!(got.contains(&(1, NL_ACT_DEL, None, Some(2))), "{got:?}");
    assert!(got.contains(&(1, NL_ACT_NEW, None, Some(4))), "{got:?}");
    assert!(!got.iter().any(|(t, act, ..)| *t == 2 && *act == NL_ACT_DEL));
    assert!(only_cache_refs(a) && only_cache_refs(b));
    // No overrun, no resync.
    assert_eq!(m.data_ready(&M, &mut ev, &mut sync), 0);
    assert_eq!(sync.requests.len(), requests + 2);
    // A failing resync is reported.
    ev.events = [Err(Error::NoMem.to_nle())].into();
    sync.request_result = -5;
    assert_eq!(m.data_ready(&M, &mut ev, &mut sync), -5);
    assert_eq!(m.overruns(), 2);
}

#[test]
fn info_and_release() {
    reset();
    let (m, mut ev, mut sync) = setup(NL_AUTO_PROVIDE, &[(0, spec(0, 1, 1)), (0, spec(0, 2, 2))]);
    let a = typed_cache(0, 16);
    assert!(m.add_cache(&M, &mut ev, &mut sync, a, rec(1)).is_ok());
    let mut lines = Vec::new();
    let mut dumped = Vec::new();
    m.info(&M, "SOCK", &mut |l| lines.push(l.to_string()), &mut |c| {
        dumped.push(c)
    });
    assert_eq!(dumped, vec![a]);
    assert!(lines[0].starts_with("cache-manager <"));
    assert_eq!(
        lines[1..],
        [
            "  .protocol = route\n",
            "  .flags    = 0x1\n",
            "  .nassocs  = 16\n",
            "  .sock     = <SOCK>\n",
            "  .cache[0] = <cache#0> {\n",
            "    .name = test/0\n",
            "    .change_func = <cb1>\n",
            "    .change_data = <data>\n",
            "    .nitems = 2\n",
            "    .objects = {\n",
            "    }\n",
            "  }\n",
        ]
    );
    m.release_all(&M);
    assert_eq!(with(|w| w.released.clone()), vec![a]);
    assert!(m.assocs().is_empty());
    assert!(ids(a).is_empty());
    // An empty manager without flags.
    let (m2, _, _) = setup(0, &[]);
    let mut lines = Vec::new();
    m2.info(&M, "(nil)", &mut |l| lines.push(l.to_string()), &mut |_| {});
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[2], "  .flags    = 0\n");
}
