//! The mocks: objects, caches and their types in thread-local vectors ([`M`]), a fake kernel
//! socket answering dumps and delivering notifications ([`FakeKernel`]), and a listener that
//! records the changes it hears ([`Rec`]).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;

use crate::engine::cache::mngr::{EventSocket, MngrModel};
use crate::engine::cache::sync::{Kernel, Received, SyncModel};
use crate::engine::cache::{
    Change, Listener, Model, NL_ACT_DEL, NL_ACT_NEW, NL_ACT_UNSPEC, Notify, clear,
};
use crate::engine::object::{DumpType, IdAttrs, ObjRef, attr_diff};
use crate::engine::recv::NL_STOP;
use crate::error::{Error, Result};

/// Attribute bits of the mock objects: identity, a value, a counter merged by `update`.
pub const ID: u64 = 1;
pub const VAL: u64 = 2;
pub const CNT: u64 = 4;

#[derive(Clone, Debug, Default)]
pub struct MObj {
    pub ty: u8,
    pub mask: u64,
    pub id: u32,
    pub val: u32,
    pub cnt: u32,
    pub refs: i32,
    pub owner: Option<usize>,
    pub linked: bool,
    pub marked: bool,
    pub msgtype: i32,
}

/// A mock cache with the facts of its type.
#[derive(Clone, Debug)]
pub struct MCache {
    pub ty: u8,
    pub items: Vec<usize>,
    pub indexed: bool,
    pub protocol: i32,
    pub groups: Option<Vec<(i32, i32)>>,
    pub af_iter: bool,
    pub arg1: i32,
    pub can_request: bool,
    /// `(message type, action)` entries of the type.
    pub msgtypes: Vec<(i32, i32)>,
    /// The type's event filter drops objects with this id.
    pub filter_out: Option<u32>,
    /// The type has its own include hook, which returns this.
    pub own_include: Option<i32>,
    /// The cache's reference count.
    pub refs: i32,
    /// Which dump types the object type prints (`[LINE, DETAILS, STATS]`).
    pub dumps: [bool; 3],
}

impl Default for MCache {
    fn default() -> Self {
        MCache {
            ty: 0,
            items: Vec::new(),
            indexed: false,
            protocol: 0,
            groups: Some(vec![(0, 1)]),
            af_iter: false,
            arg1: 0,
            can_request: true,
            msgtypes: vec![(16, NL_ACT_NEW), (17, NL_ACT_DEL), (18, NL_ACT_UNSPEC)],
            filter_out: None,
            own_include: None,
            refs: 1,
            dumps: [true; 3],
        }
    }
}

/// An object as a message carries it.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub ty: u8,
    pub mask: u64,
    pub id: u32,
    pub val: u32,
    pub cnt: u32,
}

/// An object of type `ty` with identity `id` and value `val`.
pub fn spec(ty: u8, id: u32, val: u32) -> Spec {
    Spec {
        ty,
        mask: ID | VAL,
        id,
        val,
        cnt: 0,
    }
}

/// A message: its protocol, type and objects.
#[derive(Clone, Debug)]
pub struct MMsg {
    pub protocol: i32,
    pub msgtype: Option<i32>,
    pub objs: Vec<Spec>,
}

/// A notification of `protocol` 0 with one object.
pub fn event(msgtype: i32, s: Spec) -> MMsg {
    MMsg {
        protocol: 0,
        msgtype: Some(msgtype),
        objs: vec![s],
    }
}

#[derive(Default)]
pub struct World {
    pub objs: Vec<MObj>,
    pub caches: Vec<MCache>,
    pub freed: Vec<usize>,
    pub msgs: Vec<MMsg>,
    /// What [`Rec`] listeners heard: their tag, the cache, the change.
    pub reports: Vec<(u32, C, Change<H>)>,
    /// Every parse: the cache whose type parsed, and whether the sender was passed.
    pub parses: Vec<(C, bool)>,
    pub provided: Vec<C>,
    pub released: Vec<C>,
    /// Objects handed to a type's own include hook.
    pub hooked: Vec<(C, H)>,
    /// Caches released by their last reference.
    pub dropped: Vec<C>,
}

thread_local! {
    static W: RefCell<World> = RefCell::new(World::default());
}

pub fn with<R>(f: impl FnOnce(&mut World) -> R) -> R {
    W.with(|w| f(&mut w.borrow_mut()))
}

pub fn reset() {
    with(|w| *w = World::default());
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct H(pub usize);
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct C(pub usize);

impl fmt::Pointer for H {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "obj#{}", self.0)
    }
}
impl fmt::Pointer for C {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cache#{}", self.0)
    }
}

pub fn o(h: H) -> MObj {
    with(|w| w.objs[h.0].clone())
}

fn mc(c: C) -> MCache {
    with(|w| w.caches[c.0].clone())
}

impl ObjRef for H {
    fn same_type(self, other: Self) -> bool {
        o(self).ty == o(other).ty
    }
    fn mask(self) -> u64 {
        o(self).mask
    }
    fn id_attrs(self) -> IdAttrs {
        IdAttrs::Type(ID)
    }
    fn compare(self, other: Self, attrs: u64, _flags: i32) -> Option<u64> {
        let (a, b) = (o(self), o(other));
        Some(
            attr_diff(attrs, ID, a.mask, b.mask, || a.id != b.id)
                | attr_diff(attrs, VAL, a.mask, b.mask, || a.val != b.val),
        )
    }
}

/// The mock model: type 0 merges counters (when both objects carry one), other types cannot
/// merge.
pub struct M;

pub fn obj(ty: u8, mask: u64, id: u32, val: u32) -> H {
    with(|w| {
        w.objs.push(MObj {
            ty,
            mask,
            id,
            val,
            refs: 1,
            ..MObj::default()
        });
        H(w.objs.len() - 1)
    })
}

fn obj_of(s: Spec, msgtype: i32) -> H {
    let h = obj(s.ty, s.mask, s.id, s.val);
    with(|w| {
        w.objs[h.0].cnt = s.cnt;
        w.objs[h.0].msgtype = msgtype;
    });
    h
}

pub fn cache(ty: u8, indexed: bool) -> C {
    with(|w| {
        w.caches.push(MCache {
            ty,
            indexed,
            ..MCache::default()
        });
        C(w.caches.len() - 1)
    })
}

/// Changes the type facts of `c`.
pub fn typed(c: C, f: impl FnOnce(&mut MCache)) {
    with(|w| f(&mut w.caches[c.0]));
}

pub fn refs(h: H) -> i32 {
    o(h).refs
}

pub fn ids(c: C) -> Vec<u32> {
    M.items(c).into_iter().map(|h| o(h).id).collect()
}

/// The ids of `c`, sorted.
pub fn sorted_ids(c: C) -> Vec<u32> {
    let mut v = ids(c);
    v.sort();
    v
}

/// Every object of `c` is held by the cache only (the parsers dropped their references).
pub fn only_cache_refs(c: C) -> bool {
    M.items(c).iter().all(|h| refs(*h) == 1)
}

impl Model for M {
    type Obj = H;
    type Cache = C;

    fn get(&self, h: H) {
        with(|w| w.objs[h.0].refs += 1);
    }
    fn put(&self, h: H) {
        with(|w| {
            let x = &mut w.objs[h.0];
            x.refs -= 1;
            assert!(x.refs >= 0, "negative refcount on {h:?}");
            if x.refs == 0 {
                assert!(x.owner.is_none(), "freed while cached");
                w.freed.push(h.0);
            }
        });
    }
    fn clone_obj(&self, h: H) -> Option<H> {
        let mut x = o(h);
        x.refs = 1;
        x.owner = None;
        x.linked = false;
        x.marked = false;
        Some(with(|w| {
            w.objs.push(x);
            H(w.objs.len() - 1)
        }))
    }
    fn has_update(&self, h: H) -> bool {
        o(h).ty == 0
    }
    fn update(&self, dst: H, src: H) -> Option<i32> {
        if o(dst).ty != 0 {
            return None;
        }
        let s = o(src);
        Some(with(|w| {
            let d = &mut w.objs[dst.0];
            if d.mask & CNT != 0 && s.mask & CNT != 0 {
                d.cnt += s.cnt;
                0
            } else {
                -1
            }
        }))
    }
    fn is_linked(&self, h: H) -> bool {
        o(h).linked
    }
    fn owner(&self, h: H) -> Option<C> {
        o(h).owner.map(C)
    }
    fn set_mark(&self, h: H, on: bool) {
        with(|w| w.objs[h.0].marked = on);
    }
    fn is_marked(&self, h: H) -> bool {
        o(h).marked
    }
    fn accepts(&self, c: C, h: H) -> bool {
        with(|w| w.caches[c.0].ty) == o(h).ty
    }
    fn items(&self, c: C) -> Vec<H> {
        with(|w| w.caches[c.0].items.iter().map(|i| H(*i)).collect())
    }
    fn first(&self, c: C) -> Option<H> {
        self.items(c).first().copied()
    }
    fn next(&self, c: C, h: H) -> Option<H> {
        let items = self.items(c);
        let i = items.iter().position(|x| *x == h)?;
        items.get(i + 1).copied()
    }
    fn cache_refcnt(&self, c: C) -> i32 {
        mc(c).refs
    }
    fn cache_ref_add(&self, c: C) -> i32 {
        let n = mc(c).refs;
        typed(c, |t| t.refs = n + 1);
        n
    }
    fn cache_ref_drop(&self, c: C) -> i32 {
        let n = mc(c).refs;
        typed(c, |t| t.refs = n - 1);
        n
    }
    fn release_cache(&self, c: C) {
        assert!(mc(c).items.is_empty(), "released while holding objects");
        with(|w| w.dropped.push(c));
    }
    fn alloc_like(&self, c: C, keep_af_iter: bool) -> Option<C> {
        let t = mc(c);
        let n = cache(t.ty, t.indexed);
        typed(n, |x| x.af_iter = keep_af_iter && t.af_iter);
        Some(n)
    }
    fn can_dump(&self, c: C, ty: DumpType) -> bool {
        mc(c).dumps[ty as usize]
    }
    fn index_lookup(&self, c: C, needle: H) -> Option<Option<H>> {
        if !with(|w| w.caches[c.0].indexed) {
            return None;
        }
        let n = o(needle);
        Some(
            self.items(c)
                .into_iter()
                .find(|h| o(*h).id == n.id && o(*h).mask & ID == n.mask & ID),
        )
    }
    fn link(&self, c: C, h: H) -> Result<()> {
        if self.index_lookup(c, h).flatten().is_some() {
            return Err(Error::Exist);
        }
        with(|w| {
            w.caches[c.0].items.push(h.0);
            let x = &mut w.objs[h.0];
            x.owner = Some(c.0);
            x.linked = true;
        });
        Ok(())
    }
    fn unlink(&self, c: C, h: H) {
        with(|w| {
            w.caches[c.0].items.retain(|i| *i != h.0);
            // libnl leaves the list link as it was: the object still counts as "linked".
            w.objs[h.0].owner = None;
        });
    }
    fn msg_action(&self, c: C, msgtype: i32) -> Option<i32> {
        mc(c)
            .msgtypes
            .iter()
            .find(|(t, _)| *t == msgtype)
            .map(|(_, a)| *a)
    }
    fn msgtype(&self, h: H) -> i32 {
        o(h).msgtype
    }
    fn cache_name(&self, c: C) -> String {
        format!("test/{}", c.0)
    }
}

impl SyncModel for M {
    fn type_protocol(&self, c: C) -> i32 {
        mc(c).protocol
    }
    fn type_groups(&self, c: C) -> Option<Vec<(i32, i32)>> {
        mc(c).groups
    }
    fn af_iter(&self, c: C) -> bool {
        mc(c).af_iter
    }
    fn set_family(&self, c: C, family: i32) {
        typed(c, |t| t.arg1 = family);
    }
    fn can_request(&self, c: C) -> bool {
        mc(c).can_request
    }
}

/// A listener recording what it hears under its tag.
#[derive(Clone, Copy, Debug)]
pub struct Rec {
    pub kind: Notify,
    pub tag: u32,
}

impl Listener<C, H> for Rec {
    fn notify(&self) -> Notify {
        self.kind
    }
    fn report(&self, c: C, ch: Change<H>) {
        with(|w| w.reports.push((self.tag, c, ch)));
    }
}

/// The reports heard so far as `(tag, act, old id, new id)`, then forgotten.
pub fn take_reports() -> Vec<(u32, i32, Option<u32>, Option<u32>)> {
    let all = with(|w| std::mem::take(&mut w.reports));
    all.into_iter()
        .map(|(t, _, ch)| (t, ch.act, ch.old.map(|h| o(h).id), ch.new.map(|h| o(h).id)))
        .collect()
}

impl MngrModel for M {
    type Callbacks = Rec;

    fn same_cache_type(&self, a: C, b: C) -> bool {
        mc(a).ty == mc(b).ty
    }
    fn event_filter(&self, c: C, h: H) -> bool {
        mc(c).filter_out != Some(o(h).id)
    }
    fn include_event(&self, c: C, h: H, _l: &Rec) -> Option<i32> {
        let r = mc(c).own_include?;
        with(|w| w.hooked.push((c, h)));
        Some(r)
    }
    fn provide(&self, c: C) {
        with(|w| w.provided.push(c));
    }
    fn release(&self, c: C) {
        clear(self, c);
        with(|w| w.released.push(c));
    }
    fn type_name(&self, c: C) -> String {
        format!("test/{}", mc(c).ty)
    }
    fn callbacks_info(&self, l: &Rec) -> (String, String) {
        (format!("cb{}", l.tag), "data".into())
    }
}

/// A message of the fake kernel (an index into [`World::msgs`]).
#[derive(Clone, Copy, Debug)]
pub struct FakeMsg(usize);

impl fmt::Pointer for FakeMsg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "msg#{}", self.0)
    }
}

fn msg(i: usize) -> MMsg {
    with(|w| w.msgs[i].clone())
}

fn store(m: MMsg) -> FakeMsg {
    with(|w| {
        w.msgs.push(m);
        FakeMsg(w.msgs.len() - 1)
    })
}

/// A message to hand to [`crate::engine::cache::mngr::Manager::handle_event`].
pub fn fake_msg(m: MMsg) -> FakeMsg {
    store(m)
}

impl Received<M> for FakeMsg {
    fn protocol(self) -> i32 {
        msg(self.0).protocol
    }
    fn msgtype(self) -> Option<i32> {
        msg(self.0).msgtype
    }
    /// As a type's parser: checks the message type, then one object per entry, each
    /// delivered and then released (the parser's own reference); a non-zero delivery result
    /// ends the parse and is returned.
    fn parse(self, c: C, with_sender: bool, deliver: &mut dyn FnMut(H) -> i32) -> i32 {
        with(|w| w.parses.push((c, with_sender)));
        let m = msg(self.0);
        let Some(ty) = m.msgtype.filter(|t| M.msg_action(c, *t).is_some()) else {
            return Error::MsgTypeNoSupport.to_nle();
        };
        for s in m.objs {
            let h = obj_of(s, ty);
            let r = deliver(h);
            M.put(h);
            if r != 0 {
                return r;
            }
        }
        0
    }
}

/// A fake kernel socket.
///
/// A request of cache `c` prepares an answer: one message of the type's `NEW` type per entry of
/// `table` of `c`'s object type (and, when `c` iterates families, of the family in its
/// argument 1), delivered by the next [`Kernel::receive`]; the next entry of `intr` says
/// whether that dump ends interrupted. Without a prepared answer, a receive delivers the
/// next batch of `events` (`Err(code)`: returns the code; nothing left: `-NLE_AGAIN`).
pub struct FakeKernel {
    pub proto: i32,
    pub table: Vec<(i32, Spec)>,
    pub intr: VecDeque<bool>,
    /// Argument 1 of the cache at each request.
    pub requests: Vec<i32>,
    pub request_result: i32,
    /// When set, a receive of a dump answer fails with it.
    pub fail_receive: Option<i32>,
    pub events: VecDeque<std::result::Result<Vec<MMsg>, i32>>,
    pub joined: Vec<i32>,
    pub left: Vec<i32>,
    pub join_result: i32,
    answer: Option<(Vec<FakeMsg>, bool)>,
}

impl FakeKernel {
    /// A socket of protocol `proto` in front of a kernel table of `(family, object)` entries.
    pub fn new(proto: i32, table: &[(i32, Spec)]) -> Self {
        FakeKernel {
            proto,
            table: table.to_vec(),
            intr: VecDeque::new(),
            requests: Vec::new(),
            request_result: 0,
            fail_receive: None,
            events: VecDeque::new(),
            joined: Vec::new(),
            left: Vec::new(),
            join_result: 0,
            answer: None,
        }
    }

    /// libnl's receive loop over `msgs`: a negative handler result ends it with that value,
    /// `NL_STOP` ends it; returns the number of messages read.
    fn run(msgs: &[FakeMsg], on_msg: &mut dyn FnMut(FakeMsg) -> i32) -> i32 {
        let mut n = 0;
        for m in msgs {
            n += 1;
            match on_msg(*m) {
                r if r < 0 => return r,
                NL_STOP => break,
                _ => {}
            }
        }
        n
    }
}

impl Kernel<M> for FakeKernel {
    type Msg = FakeMsg;

    fn protocol(&self) -> i32 {
        self.proto
    }
    fn request(&mut self, c: C) -> i32 {
        let t = mc(c);
        self.requests.push(t.arg1);
        let new = t
            .msgtypes
            .iter()
            .find(|(_, a)| *a == NL_ACT_NEW)
            .map_or(16, |m| m.0);
        let msgs = self
            .table
            .iter()
            .filter(|(fam, s)| s.ty == t.ty && (!t.af_iter || *fam == t.arg1))
            .map(|(_, s)| {
                store(MMsg {
                    protocol: self.proto,
                    msgtype: Some(new),
                    objs: vec![*s],
                })
            })
            .collect();
        let intr = self.intr.pop_front().unwrap_or(false);
        self.answer = Some((msgs, intr));
        self.request_result
    }
    fn receive(&mut self, on_msg: &mut dyn FnMut(FakeMsg) -> i32) -> i32 {
        if let Some((msgs, intr)) = self.answer.take() {
            if let Some(e) = self.fail_receive {
                return e;
            }
            let r = Self::run(&msgs, on_msg);
            if r < 0 {
                return r;
            }
            return if intr { Error::DumpIntr.to_nle() } else { r };
        }
        match self.events.pop_front() {
            None => Error::Again.to_nle(),
            Some(Err(e)) => e,
            Some(Ok(batch)) => {
                let msgs: Vec<FakeMsg> = batch.into_iter().map(store).collect();
                Self::run(&msgs, on_msg)
            }
        }
    }
}

impl EventSocket<M> for FakeKernel {
    fn join(&mut self, group: i32) -> i32 {
        if self.join_result == 0 {
            self.joined.push(group);
        }
        self.join_result
    }
    fn leave(&mut self, group: i32) {
        self.left.push(group);
    }
    fn overrun(&self, r: i32) -> bool {
        r == Error::NoMem.to_nle()
    }
}
