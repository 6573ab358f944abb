//! `netlink/genl/mngt.h`: the registry of families with command tables
//! (`genl_register_family`), message dispatch to command handlers (`genl_handle_msg` and the
//! cache parser of `genl_register`ed cache types), and resolving family ids.
//!
//! libnl links registered `struct genl_ops` through their `o_list`; libnlrs keeps their
//! addresses in a Rust list (registration order, the built-in `nlctrl` family first) and never
//! writes `o_list`.

use std::ffi::{CStr, c_int, c_void};
use std::sync::{Mutex, MutexGuard};

use libc::{nlattr, nlmsghdr, sockaddr_nl};

use crate::engine::genl::{self as eg, mngt as em};
use crate::error::Error;
use crate::ffi::cache::nl_cache_free;
use crate::ffi::genl::{genl_cmd, genl_info, genl_ops};
use crate::ffi::objhdr::CacheOps;
use crate::ffi::ptr;
use crate::ffi::socket::nl_sock;
use crate::ffi::types::{nl_cache, nl_cache_ops, nl_msg, nl_parser_param};
use crate::ffi_entry;

static FAMILIES: Mutex<Vec<usize>> = Mutex::new(Vec::new());

/// The registry, with the built-in controller family first.
fn families() -> MutexGuard<'static, Vec<usize>> {
    let mut g = FAMILIES.lock().unwrap_or_else(|e| e.into_inner());
    let ctrl = super::ctrl::ctrl_genl_ops() as usize;
    if g.first() != Some(&ctrl) && !g.contains(&ctrl) {
        g.insert(0, ctrl);
    }
    g
}

fn ops_ref<'a>(p: usize) -> Option<&'a genl_ops> {
    // SAFETY: only addresses of registered families are stored; the program keeps a family
    // alive while it is registered (libnl's contract).
    unsafe { ptr::as_ref(p as *const genl_ops) }
}

fn name_of<'a>(o: &genl_ops) -> Option<&'a CStr> {
    // SAFETY: o_name is NULL or a C string owned by the family.
    unsafe { ptr::cstr(o.o_name) }
}

fn cmds<'a>(o: &genl_ops) -> &'a [genl_cmd] {
    let n = usize::try_from(o.o_ncmds).unwrap_or(0);
    if o.o_cmds.is_null() {
        return &[];
    }
    // SAFETY: o_cmds has o_ncmds entries (the program's table, libnl's contract).
    unsafe { ptr::slice(o.o_cmds, n) }
}

fn lookup_family(g: &[usize], id: c_int) -> Option<usize> {
    g.iter()
        .copied()
        .find(|p| ops_ref(*p).is_some_and(|o| o.o_id == id))
}

/// The name of command `op` of the registered family with id `family`.
pub fn cmd_name(family: c_int, op: c_int) -> Option<Vec<u8>> {
    let g = families();
    let o = ops_ref(lookup_family(&g, family)?)?;
    let c = cmds(o).iter().find(|c| c.c_id == op)?;
    // SAFETY: c_name is NULL or a C string of the table.
    let n = unsafe { ptr::cstr(c.c_name) };
    Some(n.map_or_else(|| b"(null)".to_vec(), |n| n.to_bytes().to_vec()))
}

/// Parses `nlh` for the command table of `ops` and calls the command's handler.
fn cmd_msg_parser(
    who: *mut sockaddr_nl,
    nlh: *mut nlmsghdr,
    ops: &genl_ops,
    cache_ops: *mut nl_cache_ops,
    arg: *mut c_void,
) -> c_int {
    let ghdr = ptr::offset_wrapping::<_, c_void>(nlh, eg::NLMSG_HDRLEN as isize);
    // SAFETY: the caller checked that the message holds a generic header.
    let cmd_id = unsafe { ptr::bytes(ghdr, 1) }.first().copied().unwrap_or(0);
    let table = cmds(ops);
    let Some(i) = em::lookup_cmd(table.iter().map(|c| c.c_id), c_int::from(cmd_id)) else {
        return Error::MsgTypeNoSupport.to_nle();
    };
    let Some(cmd) = table.get(i) else {
        return Error::MsgTypeNoSupport.to_nle();
    };
    let Some(handler) = cmd.c_msg_parser else {
        return Error::OpNotSupp.to_nle();
    };
    let n = usize::try_from(cmd.c_maxattr)
        .unwrap_or(0)
        .saturating_add(1);
    let mut tb: Vec<*mut nlattr> = vec![std::ptr::null_mut(); n];
    let hdrlen =
        (eg::GENL_HDRLEN as c_int).wrapping_add(eg::align_u(ops.o_hdrsize as c_int) as c_int);
    // SAFETY: nlh is a message of nlmsg_len bytes (caller contract); tb has c_maxattr + 1
    // entries; the policy is the command's own table.
    let err = unsafe {
        crate::ffi::msg::nlmsg_parse(
            nlh,
            hdrlen,
            tb.as_mut_ptr(),
            cmd.c_maxattr,
            cmd.c_attr_policy,
        )
    };
    if err < 0 {
        return err;
    }
    let mut info = genl_info {
        who,
        nlh,
        genlhdr: ghdr,
        userhdr: ptr::offset_wrapping(ghdr, eg::GENL_HDRLEN as isize),
        attrs: tb.as_mut_ptr(),
    };
    let cmdp = std::ptr::from_ref(cmd).cast_mut();
    // SAFETY: the program's handler, called with libnl's arguments; no Rust borrow of shared
    // state is live (the registry lock is not held).
    unsafe { handler(cache_ops, cmdp, &mut info, arg) }
}

/// `co_msg_parser` of cache types registered with `genl_register` (and of "genl/family").
///
/// # Safety
/// Called by the cache core with a live type, message and parser parameters.
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
        // SAFETY: co_genl is NULL or the type's genl_ops.
        let Some(g) = (unsafe { ptr::as_ref(co.co_genl.cast::<genl_ops>()) }) else {
            // libnl-compat: libnl aborts (BUG) here.
            crate::nl_dbg!(1, "genl_msg_parser: cache type without genl ops\n");
            return Error::Inval.to_nle();
        };
        cmd_msg_parser(who, nlh, g, ops, pp.cast())
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
        // SAFETY: caller contract.
        let Some(o) = (unsafe { ptr::as_ref(ops) }) else {
            return Error::Inval.to_nle();
        };
        let mut g = families();
        let name = name_of(o);
        let check = em::RegisterCheck {
            has_name: name.is_some(),
            has_cmds: !o.o_cmds.is_null(),
            ncmds: o.o_ncmds,
            id: o.o_id,
            id_taken: lookup_family(&g, o.o_id).is_some(),
            name_taken: g.iter().any(|p| {
                ops_ref(*p)
                    .and_then(name_of)
                    .is_some_and(|n| Some(n) == name)
            }),
        };
        if let Err(e) = em::check_register(check) {
            return e.to_nle();
        }
        g.push(ops as usize);
        0
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
        families().retain(|p| *p != ops as usize);
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
        // SAFETY: caller contract.
        let nlh = unsafe { crate::ffi::msg::nlmsg_hdr(msg) };
        // SAFETY: nlh is NULL or the message's header.
        let Some(h) = (unsafe { ptr::as_ref(nlh) }) else {
            return Error::Inval.to_nle();
        };
        if !eg::valid_hdr(h.nlmsg_len, 0) {
            return Error::Inval.to_nle();
        }
        let found = lookup_family(&families(), c_int::from(h.nlmsg_type));
        let Some(o) = found.and_then(ops_ref) else {
            return Error::MsgTypeNoSupport.to_nle();
        };
        // SAFETY: caller contract.
        let who = unsafe { crate::ffi::msg::nlmsg_get_src(msg) };
        cmd_msg_parser(who, nlh, o, std::ptr::null_mut(), arg)
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
        if co.co_protocol != libc::NETLINK_GENERIC {
            return Error::ProtoMismatch.to_nle();
        }
        if co.co_hdrsize < eg::GENL_HDRLEN as c_int {
            return Error::Inval.to_nle();
        }
        let genl = co.co_genl.cast::<genl_ops>();
        let hdrsize = co.co_hdrsize;
        co.co_msg_parser = Some(genl_msg_parser);
        // SAFETY: ops is a live cache type (caller contract).
        let first = unsafe { CacheOps::from_ptr(ops) }
            .and_then(|c| c.msgtypes().first().map(|(_, m)| (m.mt_id, m.mt_name)));
        // SAFETY: co_genl is NULL or a live genl_ops (caller contract).
        let Some(g) = (unsafe { ptr::as_mut(genl) }) else {
            return Error::Inval.to_nle();
        };
        g.o_cache_ops = ops;
        g.o_hdrsize = hdrsize.wrapping_sub(eg::GENL_HDRLEN as c_int) as u32;
        let (id, name) = first.unwrap_or((-1, std::ptr::null_mut()));
        g.o_name = name;
        g.o_id = id;
        // SAFETY: forwarded contract.
        let err = unsafe { genl_register_family(genl) };
        if err < 0 {
            return err;
        }
        // SAFETY: forwarded contract.
        unsafe { crate::ffi::cache_mngt::nl_cache_mngt_register(ops) }
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
        if ops.is_null() {
            return;
        }
        // SAFETY: forwarded contract.
        unsafe { crate::ffi::cache_mngt::nl_cache_mngt_unregister(ops) };
        // SAFETY: caller contract.
        let genl = unsafe { ptr::as_ref(ops) }.map_or(std::ptr::null_mut(), |c| c.co_genl);
        // SAFETY: pointer comparison only.
        unsafe { genl_unregister_family(genl.cast()) };
    })
}

/// Looks `ops`'s name up in a controller cache and stores the id (also in its cache type).
fn resolve_in(ctrl: *mut nl_cache, ops: *mut genl_ops) -> c_int {
    // SAFETY: ops is a live family (callers' contract).
    let Some(o) = (unsafe { ptr::as_mut(ops) }) else {
        return Error::Inval.to_nle();
    };
    // SAFETY: ctrl is our live cache; o_name NULL or a C string.
    let fam = unsafe { super::ctrl::genl_ctrl_search_by_name(ctrl, o.o_name) };
    if fam.is_null() {
        return Error::ObjNotFound.to_nle();
    }
    // SAFETY: fam is a live family we hold a reference on.
    o.o_id = unsafe { super::family::genl_family_get_id(fam) } as c_int;
    // SAFETY: o_cache_ops is NULL or the family's live cache type.
    if let Some(co) = unsafe { CacheOps::from_ptr(o.o_cache_ops) } {
        if let Some((p, _)) = co.msgtypes().first() {
            // SAFETY: p points at the first entry of the type's writable msgtype table.
            if let Some(m) = unsafe { ptr::as_mut(*p) } {
                m.mt_id = o.o_id;
            }
        }
    }
    // SAFETY: our reference.
    unsafe { super::family::genl_family_put(fam) };
    0
}

/// `genl_ops_resolve`: fills `ops->o_id` from a controller dump.
///
/// # Returns
/// 0, `-NLE_OBJ_NOTFOUND`, or the dump's error.
/// # Ownership
/// None.
/// # Safety
/// `sk` NULL or live; `ops` NULL or a live family.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn genl_ops_resolve(sk: *mut nl_sock, ops: *mut genl_ops) -> c_int {
    ffi_entry!("genl_ops_resolve", {
        let mut ctrl: *mut nl_cache = std::ptr::null_mut();
        // SAFETY: forwarded contract; ctrl is a live out slot.
        let err = unsafe { super::ctrl::genl_ctrl_alloc_cache(sk, &mut ctrl) };
        if err < 0 {
            return err;
        }
        let r = resolve_in(ctrl, ops);
        // SAFETY: our cache.
        unsafe { nl_cache_free(ctrl) };
        r
    })
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
        if o.o_id != 0 {
            return 0;
        }
        if o.o_name.is_null() {
            return Error::Inval.to_nle();
        }
        // SAFETY: plain allocation.
        let sk = unsafe { crate::ffi::socket::nl_socket_alloc() };
        if sk.is_null() {
            return Error::NoMem.to_nle();
        }
        // SAFETY: our socket.
        let mut err = unsafe { super::genl::genl_connect(sk) };
        if err >= 0 {
            // SAFETY: our socket; forwarded family.
            err = unsafe { genl_ops_resolve(sk, ops) };
        }
        // SAFETY: our socket.
        unsafe { crate::ffi::socket::nl_socket_free(sk) };
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
        let mut ctrl: *mut nl_cache = std::ptr::null_mut();
        // SAFETY: forwarded contract.
        let mut err = unsafe { super::ctrl::genl_ctrl_alloc_cache(sk, &mut ctrl) };
        if err < 0 {
            return err;
        }
        let list = families().clone();
        for p in list {
            err = resolve_in(ctrl, p as *mut genl_ops);
        }
        // SAFETY: our cache.
        unsafe { nl_cache_free(ctrl) };
        err
    })
}
