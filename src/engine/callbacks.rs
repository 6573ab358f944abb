//! libnl's callback set (`struct nl_cb`): per callback type a handler and its argument, the
//! error handler, the receive/send overrides, a reference count and the type running now, with
//! libnl's rules for kinds (`NL_CB_DEFAULT`, `NL_CB_VERBOSE`, `NL_CB_DEBUG`, `NL_CB_CUSTOM`),
//! defaults, copies and the active-type report.
//!
//! [`CallbackSet`] is laid out as libnl's struct (other libnl libraries never read it, but
//! `nl_cb_active_type` and friends follow its members); the function and argument types are
//! the parameter [`CbFns`], so the engine names no C pointer: the FFI layer instantiates it
//! with C function pointers and `void *`.
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicI32, Ordering};

use crate::engine::refcount;

use crate::engine::printers::{self, Printer};
use crate::engine::recv::{CB_TYPES, CbType, Handlers, Meta};
use crate::engine::socket::Socket;
use crate::error::{Error, Result};

/// `NL_CB_DEFAULT`.
pub const KIND_DEFAULT: i32 = 0;
/// `NL_CB_CUSTOM`.
pub const KIND_CUSTOM: i32 = 3;
/// `NL_CB_KIND_MAX`.
pub const KIND_MAX: i32 = 3;
/// `NL_CB_TYPE_MAX`.
pub const TYPE_MAX: i32 = CB_TYPES as i32 - 1;
/// `cb_active` while no callback runs (`NL_CB_TYPE_MAX + 1`).
pub const NONE_ACTIVE: i32 = TYPE_MAX + 1;

/// The types a callback set holds.
pub trait CbFns {
    /// A message handler.
    type Msg: Copy;
    /// The error handler.
    type Err: Copy;
    /// A handler's argument.
    type Arg: Copy;
    /// The `nl_recvmsgs` override.
    type RecvmsgsOw: Copy;
    /// The `nl_recv` override.
    type RecvOw: Copy;
    /// The `nl_send` override.
    type SendOw: Copy;
    /// The empty argument.
    fn no_arg() -> Self::Arg;
    /// The handler of a default printer.
    fn printer(p: Printer) -> Self::Msg;
    /// The verbose error printer.
    fn error_printer() -> Self::Err;
}

/// `struct nl_cb`.
#[repr(C)]
pub struct CallbackSet<F: CbFns> {
    /// Message handlers per callback type.
    pub cb_set: [Cell<Option<F::Msg>>; CB_TYPES],
    /// Their arguments.
    pub cb_args: [Cell<F::Arg>; CB_TYPES],
    /// Error handler.
    pub cb_err: Cell<Option<F::Err>>,
    /// Its argument.
    pub cb_err_arg: Cell<F::Arg>,
    /// `nl_recvmsgs` override.
    pub cb_recvmsgs_ow: Cell<Option<F::RecvmsgsOw>>,
    /// `nl_recv` override.
    pub cb_recv_ow: Cell<Option<F::RecvOw>>,
    /// `nl_send` override.
    pub cb_send_ow: Cell<Option<F::SendOw>>,
    /// Reference count (atomic: `nl_cb_get` / `nl_cb_put` may come from many threads).
    pub cb_refcnt: AtomicI32,
    /// Type of the callback running now ([`NONE_ACTIVE`] when none); atomic (relaxed) so that
    /// sockets in several threads sharing one set race on nothing but the value's meaning.
    pub cb_active: AtomicI32,
}

impl<F: CbFns> CallbackSet<F> {
    fn blank() -> CallbackSet<F> {
        CallbackSet {
            cb_set: std::array::from_fn(|_| Cell::new(None)),
            cb_args: std::array::from_fn(|_| Cell::new(F::no_arg())),
            cb_err: Cell::new(None),
            cb_err_arg: Cell::new(F::no_arg()),
            cb_recvmsgs_ow: Cell::new(None),
            cb_recv_ow: Cell::new(None),
            cb_send_ow: Cell::new(None),
            cb_refcnt: AtomicI32::new(1),
            cb_active: AtomicI32::new(NONE_ACTIVE),
        }
    }

    /// `nl_cb_alloc(kind)`: every handler of `kind`, one reference; `None` for a kind out of
    /// range.
    pub fn new(kind: i32) -> Option<CallbackSet<F>> {
        if !(0..=KIND_MAX).contains(&kind) {
            return None;
        }
        let cb = CallbackSet::blank();
        cb.set_all(kind, None, F::no_arg()).ok()?;
        cb.set_err(kind, None, F::no_arg()).ok()?;
        Some(cb)
    }

    /// `nl_cb_set`: the handler of callback type `ty`: `func` for `NL_CB_CUSTOM`, else the
    /// kind's default printer (or none); `Range` for a type or kind out of range.
    pub fn set(&self, ty: i32, kind: i32, func: Option<F::Msg>, arg: F::Arg) -> Result<()> {
        if !(0..=KIND_MAX).contains(&kind) {
            return Err(Error::Range);
        }
        let t = usize::try_from(ty).map_err(|_| Error::Range)?;
        let (Some(slot), Some(a)) = (self.cb_set.get(t), self.cb_args.get(t)) else {
            return Err(Error::Range);
        };
        slot.set(if kind == KIND_CUSTOM {
            func
        } else {
            CbType::from_index(t)
                .and_then(|ty| printers::default_printer(ty, kind))
                .map(F::printer)
        });
        a.set(arg);
        Ok(())
    }

    /// `nl_cb_set_all`: [`CallbackSet::set`] for every callback type.
    pub fn set_all(&self, kind: i32, func: Option<F::Msg>, arg: F::Arg) -> Result<()> {
        (0..=TYPE_MAX).try_for_each(|t| self.set(t, kind, func, arg))
    }

    /// `nl_cb_err`: `func` for `NL_CB_CUSTOM`, none for `NL_CB_DEFAULT`, the verbose error
    /// printer otherwise; `Range` for a kind out of range.
    pub fn set_err(&self, kind: i32, func: Option<F::Err>, arg: F::Arg) -> Result<()> {
        if !(0..=KIND_MAX).contains(&kind) {
            return Err(Error::Range);
        }
        self.cb_err.set(match kind {
            KIND_CUSTOM => func,
            KIND_DEFAULT => None,
            _ => Some(F::error_printer()),
        });
        self.cb_err_arg.set(arg);
        Ok(())
    }

    /// `nl_cb_clone`: handlers, arguments and overrides copied; its own reference count.
    pub fn duplicate(&self) -> CallbackSet<F> {
        CallbackSet {
            cb_set: std::array::from_fn(|i| Cell::new(self.cb_set.get(i).and_then(Cell::get))),
            cb_args: std::array::from_fn(|i| {
                Cell::new(self.cb_args.get(i).map_or(F::no_arg(), Cell::get))
            }),
            cb_err: Cell::new(self.cb_err.get()),
            cb_err_arg: Cell::new(self.cb_err_arg.get()),
            cb_recvmsgs_ow: Cell::new(self.cb_recvmsgs_ow.get()),
            cb_recv_ow: Cell::new(self.cb_recv_ow.get()),
            cb_send_ow: Cell::new(self.cb_send_ow.get()),
            cb_refcnt: AtomicI32::new(1),
            cb_active: AtomicI32::new(self.active()),
        }
    }

    /// Whether callback type `ty` has a handler.
    pub fn is_set(&self, ty: CbType) -> bool {
        self.cb_set
            .get(ty as usize)
            .is_some_and(|c| c.get().is_some())
    }

    /// Runs `call` with the handler and argument of type `t`, reporting `t` as the active type
    /// meanwhile (libnl's `nl_cb_call`).
    pub fn call(&self, t: usize, call: impl FnOnce(Option<F::Msg>, F::Arg) -> i32) -> i32 {
        let f = self.cb_set.get(t).and_then(Cell::get);
        let arg = self.cb_args.get(t).map_or(F::no_arg(), Cell::get);
        self.cb_active
            .store(i32::try_from(t).unwrap_or(NONE_ACTIVE), Ordering::Relaxed);
        let r = call(f, arg);
        self.cb_active.store(NONE_ACTIVE, Ordering::Relaxed);
        r
    }

    /// Adds a reference.
    pub fn acquire(&self) {
        refcount::add(&self.cb_refcnt);
    }

    /// Drops a reference; `true` for the one drop that took the last reference (the owner
    /// then frees the set). A drop below zero (a put without a reference) frees nothing.
    pub fn drop_ref(&self) -> bool {
        refcount::drop(&self.cb_refcnt) == 1
    }

    /// `nl_cb_active_type`.
    pub fn active(&self) -> i32 {
        self.cb_active.load(Ordering::Relaxed)
    }
}

/// How a [`SetHandlers`] runs a handler on a message (the FFI hands C a message view).
pub trait Invoke<F: CbFns> {
    /// Runs message handler `f` (type `t`) with `arg` on `msg`.
    fn msg(&mut self, t: usize, f: Option<F::Msg>, arg: F::Arg, msg: &mut [u8], meta: &Meta)
    -> i32;
    /// Runs error handler `f` with `arg` on the error message `msg`.
    fn err(&mut self, f: F::Err, arg: F::Arg, msg: &mut [u8], meta: &Meta) -> i32;
    /// The message is done (the receive loop moves on).
    fn done(&mut self) {}
}

/// The receive loop's [`Handlers`] of a callback set on a socket: libnl's `nl_recvmsgs` with
/// that set (handlers marked active while they run, the socket's sequence state and auto-ack
/// flag).
pub struct SetHandlers<'a, C: Copy, F: CbFns, V: Invoke<F>> {
    /// The socket.
    pub s: &'a Socket<C>,
    /// The callback set.
    pub cb: &'a CallbackSet<F>,
    /// How handlers run.
    pub invoke: V,
}

impl<C: Copy, F: CbFns, V: Invoke<F>> Handlers for SetHandlers<'_, C, F, V> {
    fn is_set(&self, ty: CbType) -> bool {
        self.cb.is_set(ty)
    }

    fn call(&mut self, ty: CbType, msg: &mut [u8], meta: &Meta) -> i32 {
        let t = ty as usize;
        let invoke = &mut self.invoke;
        self.cb.call(t, |f, arg| invoke.msg(t, f, arg, msg, meta))
    }

    fn call_err(&mut self, msg: &mut [u8], meta: &Meta) -> Option<i32> {
        let f = self.cb.cb_err.get()?;
        Some(self.invoke.err(f, self.cb.cb_err_arg.get(), msg, meta))
    }

    fn seq_expect(&self) -> u32 {
        self.s.s_seq_expect.get()
    }

    fn set_seq_expect(&mut self, seq: u32) {
        self.s.set_seq_expect(seq);
    }

    fn no_auto_ack(&self) -> bool {
        self.s.has(crate::engine::socket::NL_NO_AUTO_ACK)
    }

    fn message_done(&mut self) {
        self.invoke.done();
    }

    fn id(&self) -> usize {
        self.s as *const Socket<C> as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Handlers named by numbers: printers are 100 + their position.
    struct T;
    impl CbFns for T {
        type Msg = u32;
        type Err = u32;
        type Arg = usize;
        type RecvmsgsOw = u8;
        type RecvOw = u8;
        type SendOw = u8;
        fn no_arg() -> usize {
            0
        }
        fn printer(p: Printer) -> u32 {
            100 + p as u32
        }
        fn error_printer() -> u32 {
            99
        }
    }

    #[test]
    fn kinds_and_defaults() {
        assert!(CallbackSet::<T>::new(4).is_none());
        let d = CallbackSet::<T>::new(KIND_DEFAULT).unwrap();
        assert!((0..CB_TYPES).all(|i| d.cb_set[i].get().is_none()));
        assert_eq!(d.cb_err.get(), None);
        let v = CallbackSet::<T>::new(printers::KIND_DEBUG).unwrap();
        assert_eq!(
            v.cb_set[CbType::Ack as usize].get(),
            Some(100 + Printer::AckDebug as u32)
        );
        assert_eq!(v.cb_err.get(), Some(99));
        assert_eq!(v.cb_set[CbType::SeqCheck as usize].get(), None);
        v.set(CbType::Valid as i32, KIND_CUSTOM, Some(7), 5)
            .unwrap();
        assert_eq!((v.cb_set[0].get(), v.cb_args[0].get()), (Some(7), 5));
        assert_eq!(
            v.set(TYPE_MAX + 1, KIND_CUSTOM, Some(7), 0),
            Err(Error::Range)
        );
        assert_eq!(v.set(-1, KIND_CUSTOM, Some(7), 0), Err(Error::Range));
        assert_eq!(v.set(0, 9, Some(7), 0), Err(Error::Range));
        assert_eq!(v.set_err(-1, None, 0), Err(Error::Range));
        v.set_err(KIND_CUSTOM, Some(3), 8).unwrap();
        assert_eq!((v.cb_err.get(), v.cb_err_arg.get()), (Some(3), 8));
    }

    #[test]
    fn copies_calls_and_references() {
        let c = CallbackSet::<T>::new(KIND_DEFAULT).unwrap();
        c.set(2, KIND_CUSTOM, Some(42), 6).unwrap();
        c.cb_send_ow.set(Some(1));
        let d = c.duplicate();
        assert_eq!((d.cb_set[2].get(), d.cb_args[2].get()), (Some(42), 6));
        assert_eq!(
            (d.cb_send_ow.get(), refcount::load(&d.cb_refcnt)),
            (Some(1), 1)
        );
        assert!(d.is_set(CbType::Overrun) && !d.is_set(CbType::Valid));
        let r = d.call(2, |f, a| {
            assert_eq!(d.active(), 2);
            (f.unwrap_or(0) as usize + a) as i32
        });
        assert_eq!((r, d.active()), (48, NONE_ACTIVE));
        d.acquire();
        assert!(!d.drop_ref());
        assert!(d.drop_ref());
    }

    /// Records the handlers run.
    struct Rec(Vec<(usize, Option<u32>, usize)>);
    impl Invoke<T> for Rec {
        fn msg(&mut self, t: usize, f: Option<u32>, a: usize, _m: &mut [u8], _x: &Meta) -> i32 {
            self.0.push((t, f, a));
            crate::engine::recv::NL_OK
        }
        fn err(&mut self, f: u32, a: usize, _m: &mut [u8], _x: &Meta) -> i32 {
            self.0.push((99, Some(f), a));
            -1
        }
    }

    #[test]
    fn set_handlers_follow_the_set_and_the_socket() {
        let s = Socket::new((), 10);
        let cb = CallbackSet::<T>::new(KIND_DEFAULT).unwrap();
        cb.set(CbType::Valid as i32, KIND_CUSTOM, Some(5), 3)
            .unwrap();
        let mut h = SetHandlers {
            s: &s,
            cb: &cb,
            invoke: Rec(Vec::new()),
        };
        assert!(h.is_set(CbType::Valid) && !h.is_set(CbType::Ack));
        let meta = Meta::default();
        assert_eq!(h.call(CbType::Valid, &mut [], &meta), 0);
        assert_eq!(h.call_err(&mut [], &meta), None);
        cb.set_err(KIND_CUSTOM, Some(8), 4).unwrap();
        assert_eq!(h.call_err(&mut [], &meta), Some(-1));
        assert_eq!(h.invoke.0, vec![(0, Some(5), 3), (99, Some(8), 4)]);
        assert_eq!(h.seq_expect(), 10);
        h.set_seq_expect(11);
        assert_eq!(s.s_seq_expect.get(), 11);
        assert!(!h.no_auto_ack());
    }
}
