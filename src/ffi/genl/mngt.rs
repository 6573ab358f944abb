//! `netlink/genl/mngt.h`: the C side of the family registry and of message dispatch.
//!
//! The rules live in [`crate::engine::genl::mngt`]: the registry ([`em::Families`], holding
//! the addresses of the program's `struct genl_ops` as opaque handles, never writing their
//! `o_list`), the choice of the command and the length checks ([`em::dispatch`]), the
//! resolvers' lookups ([`em::Known`]). This file reads the program's tables for it
//! (`CTables`), turns the engine's offsets into the pointers of `struct genl_info`, parses
//! the attributes with the command's C policy and calls the command's `c_msg_parser`.
//!
//! The library's own families (the controller, `nlctrl`) are the `co_genl` of the built-in
//! generic netlink cache types; they are put in front of the registry the first time it is
//! used after the load-time constructor handed those types over.

use std::ffi::{CStr, c_int, c_void};

use libc::{nlattr, nlmsghdr, sockaddr_nl};

use crate::engine::genl::{self as eg, mngt as em};
use crate::error::Error;
use crate::ffi::genl::{genl_cmd, genl_info, genl_ops};
use crate::ffi::objhdr::{Cache, CacheOps};
use crate::ffi::objtype;
use crate::ffi::ptr;
use crate::ffi::socket::nl_sock;
use crate::ffi::types::{nl_cache_ops, nl_msg, nl_parser_param};
use crate::ffi_entry;
use crate::sys::lock::{Mutex, MutexGuard};

/// The name of the built-in cache type of controller families (libnl's `genl_ctrl_alloc_cache`
/// fills one of these).
const CTRL_TYPE: &CStr = c"genl/family";

static FAMILIES: Mutex<em::Families<usize>> = Mutex::new(em::Families::new());

/// The registry, with the built-in families in front once they are known.
fn families() -> MutexGuard<'static, em::Families<usize>> {
    let mut g = FAMILIES.lock();
    if !g.is_seeded() {
        let types = crate::ffi::cache_mngt::builtin_types();
        if !types.is_empty() {
            g.seed(types.iter().filter_map(|f| {
                // SAFETY: built-in cache types are valid statics.
                let co = unsafe { ptr::as_ref(f()) }?;
                let genl = co.co_genl as usize;
                (co.co_protocol == libc::NETLINK_GENERIC && genl != 0).then_some(genl)
            }));
        }
    }
    g
}

/// The built-in "genl/family" cache type.
fn ctrl_type() -> Option<CacheOps> {
    crate::ffi::cache_mngt::builtin_types()
        .iter()
        .find_map(|f| {
            // SAFETY: built-in cache types are valid statics.
            unsafe { CacheOps::from_ptr(f()) }.filter(|o| o.name() == Some(CTRL_TYPE))
        })
}

fn ops_ref<'a>(p: usize) -> Option<&'a genl_ops> {
    // SAFETY: handles are addresses of families that are registered or belong to a live cache
    // type; the program keeps a family alive and readable meanwhile (libnl's contract).
    unsafe { ptr::as_ref(p as *const genl_ops) }
}

fn cmds<'a>(o: &genl_ops) -> &'a [genl_cmd] {
    if o.o_cmds.is_null() {
        return &[];
    }
    let n = usize::try_from(o.o_ncmds).unwrap_or(0);
    // SAFETY: o_cmds has o_ncmds entries (the program's table, libnl's contract).
    unsafe { ptr::slice(o.o_cmds, n) }
}

/// The program's `struct genl_ops` / `struct genl_cmd` tables, read in place.
struct CTables;

impl em::Tables<usize> for CTables {
    fn id(&self, h: usize) -> i32 {
        ops_ref(h).map_or(0, |o| o.o_id)
    }

    fn name(&self, h: usize) -> Option<&[u8]> {
        // SAFETY: o_name is NULL or a C string owned by the family.
        ops_ref(h).and_then(|o| unsafe { ptr::cstr(o.o_name) }.map(CStr::to_bytes))
    }

    fn hdrsize(&self, h: usize) -> u32 {
        ops_ref(h).map_or(0, |o| o.o_hdrsize)
    }

    fn ncmds(&self, h: usize) -> Option<i32> {
        ops_ref(h).and_then(|o| (!o.o_cmds.is_null()).then_some(o.o_ncmds))
    }

    fn cmd(&self, h: usize, i: usize) -> Option<em::Cmd> {
        let c = cmds(ops_ref(h)?).get(i)?;
        Some(em::Cmd {
            id: c.c_id,
            maxattr: c.c_maxattr,
            has_parser: c.c_msg_parser.is_some(),
        })
    }

    fn cmd_name(&self, h: usize, i: usize) -> Option<&[u8]> {
        let c = cmds(ops_ref(h)?).get(i)?;
        // SAFETY: c_name is NULL or a C string of the table.
        unsafe { ptr::cstr(c.c_name) }.map(CStr::to_bytes)
    }
}

/// The name of command `op` of the registered family with id `family`.
pub fn cmd_name(family: c_int, op: c_int) -> Option<Vec<u8>> {
    families().op_name(&CTables, family, op)
}

/// Registers the family at `ops` (not NULL).
fn register_family(ops: *mut genl_ops) -> c_int {
    crate::ffi::nle0(families().register(&CTables, ops as usize))
}

/// Parses the attributes of the message at `nlh` as `d` (the engine's dispatch of it) says and
/// calls command `d.index` of `family`'s table.
///
/// # Safety
/// `nlh` is the message `d` was computed from, readable for `nlmsg_len` bytes while the
/// handler runs; `family` is a live family.
unsafe fn call_cmd(
    who: *mut sockaddr_nl,
    nlh: *mut nlmsghdr,
    d: em::Dispatch,
    family: usize,
    cache_ops: *mut nl_cache_ops,
    arg: *mut c_void,
) -> c_int {
    let (Some(o), len) = (ops_ref(family), c_int::try_from(d.attrs.len())) else {
        return Error::Inval.to_nle();
    };
    let Some(cmd) = cmds(o).get(d.index) else {
        return Error::MsgTypeNoSupport.to_nle();
    };
    let Some(handler) = cmd.c_msg_parser else {
        return Error::OpNotSupp.to_nle();
    };
    let mut tb: Vec<*mut nlattr> = Vec::new();
    if tb.try_reserve_exact(d.slots).is_err() {
        return Error::NoMem.to_nle();
    }
    tb.resize(d.slots, std::ptr::null_mut());
    // SAFETY: the attribute area lies inside the message (the engine clamps it to its bytes).
    let head = unsafe { ptr::offset::<_, nlattr>(nlh, d.attrs.start) };
    // SAFETY: tb has `slots` = c_maxattr + 1 entries (one when c_maxattr is negative, and then
    // nothing is stored); the policy is NULL or the command's table of c_maxattr + 1 entries.
    let err = unsafe {
        crate::ffi::attr::parse_raw(
            tb.as_mut_ptr(),
            d.maxattr,
            head,
            len.unwrap_or(0),
            cmd.c_attr_policy,
        )
    };
    if err < 0 {
        return err;
    }
    let genlhdr = ptr::offset_wrapping::<_, c_void>(nlh, eg::GENL_HDR_OFFSET as isize);
    let mut info = genl_info {
        who,
        nlh,
        genlhdr,
        userhdr: ptr::offset_wrapping(nlh, eg::USER_HDR_OFFSET as isize),
        attrs: tb.as_mut_ptr(),
    };
    let cmdp = std::ptr::from_ref(cmd).cast_mut();
    // SAFETY: the program's handler, called with libnl's arguments; no Rust borrow of shared
    // state or of the message is live (the registry lock is not held).
    unsafe { handler(cache_ops, cmdp, &mut info, arg) }
}

/// `co_msg_parser` of cache types registered with `genl_register` (and of "genl/family").
///
/// # Safety
/// Called by the cache core with a live type, a message of `nlmsg_len` readable bytes and
/// parser parameters.
pub unsafe extern "C" fn genl_msg_parser(
    ops: *mut nl_cache_ops,
    who: *mut sockaddr_nl,
    nlh: *mut nlmsghdr,
    pp: *mut nl_parser_param,
) -> c_int {
    ffi_entry!("genl_msg_parser", {
        // SAFETY: the core passes a live type or NULL.
        let Some(co) = (unsafe { ptr::as_ref(ops) }) else {
            return Error::Inval.to_nle();
        };
        if co.co_genl.is_null() {
            // libnl-compat: libnl aborts (BUG) here.
            crate::nl_dbg!(1, "genl_msg_parser: cache type without genl ops\n");
            return Error::Inval.to_nle();
        }
        // SAFETY: nlh is NULL or a readable header.
        let Some(h) = (unsafe { ptr::as_ref(nlh) }) else {
            return Error::Inval.to_nle();
        };
        let family = co.co_genl as usize;
        // SAFETY: the message has nlmsg_len readable bytes (the core's contract); the slice
        // ends with this statement.
        let d = em::dispatch(&CTables, family, unsafe {
            ptr::bytes(nlh.cast(), h.nlmsg_len as usize)
        });
        match d {
            // SAFETY: d was computed from the message at nlh; co_genl is the type's family.
            Ok(d) => unsafe { call_cmd(who, nlh, d, family, ops, pp.cast()) },
            Err(e) => e.to_nle(),
        }
    })
}

/// `genl_register_family`: registers a family and its command table.
///
/// # Returns
/// 0, `-NLE_INVAL` (no name, commands without a count), `-NLE_EXIST` (id or name taken).
/// # Ownership
/// The family stays the caller's and must outlive its registration.
/// # Safety
/// `ops` NULL or a live `struct genl_ops`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_register_family(ops: *mut genl_ops) -> c_int {
    ffi_entry!("genl_register_family", {
        if ops.is_null() {
            return Error::Inval.to_nle();
        }
        register_family(ops)
    })
}

/// `genl_unregister_family`: removes a family from the registry.
///
/// # Returns
/// 0 (also for a family that is not registered; libnl-compat: libnl crashes on one that
/// never was).
/// # Ownership
/// None.
/// # Safety
/// None (the pointer is only compared).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_unregister_family(ops: *mut genl_ops) -> c_int {
    ffi_entry!("genl_unregister_family", {
        families().unregister(ops as usize);
        0
    })
}

/// `genl_handle_msg`: dispatches a received message to the command handler of its
/// registered family (use as an `NL_CB_VALID` callback).
///
/// # Returns
/// The handler's value, `-NLE_INVAL` (no generic header), `-NLE_MSGTYPE_NOSUPPORT` (family or
/// command unknown), `-NLE_OPNOTSUPP` (command without handler), or a parse error.
/// # Ownership
/// Borrows `msg`; `arg` is passed through.
/// # Safety
/// `msg` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_handle_msg(msg: *mut nl_msg, arg: *mut c_void) -> c_int {
    ffi_entry!("genl_handle_msg", {
        // SAFETY: caller contract; the borrow ends before the handler runs.
        let Some(m) = (unsafe { nl_msg::get_mut(msg) }) else {
            return Error::Inval.to_nle();
        };
        let nlh = m.buf().as_ptr().cast::<nlmsghdr>();
        let routed = {
            let reg = families();
            reg.route(&CTables, m.bytes())
                .and_then(|f| Ok((f, em::dispatch(&CTables, f, m.bytes())?)))
        };
        let (family, d) = match routed {
            Ok(v) => v,
            Err(e) => return e.to_nle(),
        };
        // SAFETY: caller contract (live message).
        let who =
            unsafe { nl_msg::head(msg) }.map_or(std::ptr::null_mut(), |h| h.nm_src.as_ptr().cast());
        // SAFETY: d was computed from the message's own bytes at nlh; the family is registered.
        unsafe { call_cmd(who, nlh, d, family, std::ptr::null_mut(), arg) }
    })
}

/// `genl_register`: registers a generic netlink cache type and its family (`co_genl`),
/// filling the family's name, id, header size and cache type from the cache type.
///
/// # Returns
/// 0, `-NLE_PROTO_MISMATCH` (not NETLINK_GENERIC), `-NLE_INVAL` (header too small, no
/// family), or the registration errors.
/// # Ownership
/// The type stays the caller's.
/// # Safety
/// `ops` NULL or a live cache type whose `co_genl` is NULL or a live `struct genl_ops`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_register(ops: *mut nl_cache_ops) -> c_int {
    ffi_entry!("genl_register", {
        // SAFETY: caller contract.
        let Some(co) = (unsafe { ptr::as_mut(ops) }) else {
            return Error::Inval.to_nle();
        };
        let hdrsize = match em::cache_type_hdrsize(co.co_protocol, co.co_hdrsize) {
            Ok(v) => v,
            Err(e) => return e.to_nle(),
        };
        let genl = co.co_genl.cast::<genl_ops>();
        co.co_msg_parser = Some(genl_msg_parser);
        // SAFETY: ops is a live cache type (caller contract).
        let Some(cops) = (unsafe { CacheOps::from_ptr(ops) }) else {
            return Error::Inval.to_nle();
        };
        let first = cops.msgtypes().first().map(|(_, m)| (m.mt_id, m.mt_name));
        // SAFETY: co_genl is NULL or a live genl_ops (caller contract).
        let Some(g) = (unsafe { ptr::as_mut(genl) }) else {
            return Error::Inval.to_nle();
        };
        g.o_cache_ops = ops;
        g.o_hdrsize = hdrsize;
        // libnl-compat: a type without message types names its family after the table's end
        // marker (id -1, no name), which registration then refuses.
        (g.o_id, g.o_name) = first.unwrap_or((-1, std::ptr::null_mut()));
        let err = register_family(genl);
        if err < 0 {
            return err;
        }
        crate::ffi::nle0(crate::ffi::cache_mngt::register(cops))
    })
}

/// `genl_unregister`: undoes `genl_register` (NULL is ignored).
///
/// # Returns
/// Nothing.
/// # Ownership
/// None.
/// # Safety
/// As `genl_register`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_unregister(ops: *mut nl_cache_ops) {
    ffi_entry!("genl_unregister", {
        // SAFETY: caller contract.
        let Some(cops) = (unsafe { CacheOps::from_ptr(ops) }) else {
            return;
        };
        // libnl-compat: as in libnl, a type that is busy or not registered still loses its
        // family.
        let _ = crate::ffi::cache_mngt::unregister(cops);
        // SAFETY: caller contract.
        let genl = unsafe { ptr::as_ref(ops) }.map_or(0, |c| c.co_genl as usize);
        families().unregister(genl);
    })
}

/// The families of a controller dump, from the cache holding it.
fn known(c: Cache) -> em::Known {
    em::Known::new(
        c.objects()
            .into_iter()
            .filter_map(|o| objtype::read(o, em::Known::entry)),
    )
}

/// Stores a resolved id in the family at `p` and in the first message type of its cache type.
fn store_id(p: usize, id: u16) {
    // SAFETY: p is a live family (registered, or the caller's; callers' contract).
    let Some(o) = (unsafe { ptr::as_mut(p as *mut genl_ops) }) else {
        return;
    };
    o.o_id = c_int::from(id);
    // SAFETY: o_cache_ops is NULL or the family's live cache type.
    if let Some(co) = unsafe { CacheOps::from_ptr(o.o_cache_ops) } {
        if let Some((m, _)) = co.msgtypes().first() {
            // SAFETY: m points at the first entry of the type's writable msgtype table.
            if let Some(m) = unsafe { ptr::as_mut(*m) } {
                m.mt_id = c_int::from(id);
            }
        }
    }
}

/// A "genl/family" cache filled from a controller dump on `sk` (`genl_ctrl_alloc_cache`).
fn ctrl_dump(sk: *mut nl_sock) -> Result<Cache, c_int> {
    crate::ffi::genl::ensure_types();
    let ops = ctrl_type().ok_or(Error::NoCache.to_nle())?;
    crate::ffi::cache_sync::alloc_and_fill(ops, sk)
}

/// Runs `f` on the families of a controller dump on `sk`, then frees the dump.
fn with_ctrl_dump(sk: *mut nl_sock, f: impl FnOnce(&em::Known) -> c_int) -> c_int {
    match ctrl_dump(sk) {
        Ok(c) => {
            let r = f(&known(c));
            crate::ffi::cache::put(Some(c));
            r
        }
        Err(e) => e,
    }
}

/// Resolves the family at `ops` (NULL: `-NLE_INVAL`, after the dump) from a controller dump on
/// `sk`.
fn ops_resolve(sk: *mut nl_sock, ops: *mut genl_ops) -> c_int {
    with_ctrl_dump(sk, |k| {
        if ops.is_null() {
            return Error::Inval.to_nle();
        }
        match k.id_of(em::Tables::name(&CTables, ops as usize)) {
            Ok(id) => {
                store_id(ops as usize, id);
                0
            }
            Err(e) => e.to_nle(),
        }
    })
}

/// `genl_ops_resolve`: fills `ops->o_id` from a controller dump.
///
/// # Returns
/// 0, `-NLE_OBJ_NOTFOUND`, or the dump's error (`-NLE_INVAL` for NULL `ops`, after the dump).
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live; `ops` NULL or a live family.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ops_resolve(sk: *mut nl_sock, ops: *mut genl_ops) -> c_int {
    ffi_entry!("genl_ops_resolve", { ops_resolve(sk, ops) })
}

/// A new socket connected to `NETLINK_GENERIC` (the socket use of `genl_resolve_id`).
fn generic_socket() -> Result<*mut nl_sock, c_int> {
    let sk = crate::ffi::socket::alloc_socket();
    if sk.is_null() {
        return Err(Error::NoMem.to_nle());
    }
    crate::ffi::genl::ensure_types();
    // SAFETY: our live socket.
    let err = unsafe { crate::ffi::socket::sk_ref(sk) }.map_or(Error::BadSock.to_nle(), |s| {
        s.connect_to(libc::NETLINK_GENERIC)
    });
    if err < 0 {
        free_socket(sk);
        return Err(err);
    }
    Ok(sk)
}

/// Frees a socket of [`generic_socket`].
fn free_socket(sk: *mut nl_sock) {
    // SAFETY: our socket, not used afterwards.
    unsafe { crate::ffi::socket::free_socket(sk) };
}

/// `genl_resolve_id`: as `genl_ops_resolve` on a socket of its own (nothing to do when
/// `o_id` is already set).
///
/// # Returns
/// 0, `-NLE_INVAL` (no name), `-NLE_NOMEM`, or `genl_ops_resolve`'s errors.
/// # Ownership
/// None.
/// # Safety
/// `ops` NULL or a live family.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_resolve_id(ops: *mut genl_ops) -> c_int {
    ffi_entry!("genl_resolve_id", {
        // SAFETY: caller contract.
        let Some(o) = (unsafe { ptr::as_ref(ops) }) else {
            return Error::Inval.to_nle();
        };
        match em::resolve_needed(o.o_id, !o.o_name.is_null()) {
            Ok(true) => {}
            Ok(false) => return 0,
            Err(e) => return e.to_nle(),
        }
        let sk = match generic_socket() {
            Ok(sk) => sk,
            Err(e) => return e,
        };
        let err = ops_resolve(sk, ops);
        free_socket(sk);
        err
    })
}

/// `genl_mngt_resolve`: resolves the ids of all registered families from one controller dump.
///
/// # Returns
/// The result for the last family (libnl's behaviour), or the dump's error.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_mngt_resolve(sk: *mut nl_sock) -> c_int {
    ffi_entry!("genl_mngt_resolve", {
        with_ctrl_dump(sk, |k| {
            let list = families().handles();
            crate::ffi::nle0(k.resolve_all(&CTables, &list, store_id))
        })
    })
}
