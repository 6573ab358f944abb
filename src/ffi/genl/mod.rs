//! libnl-genl-3: `netlink/genl/{genl,ctrl,family,mngt}.h`.
//!
//! The public structs C programs fill in (`struct genl_cmd`, `struct genl_ops`,
//! `struct genl_info`) are laid out here exactly as libnl 3.7's. The logic behind the files
//! below is [`crate::engine::genl`]'s; each file converts pointers and calls C callbacks:
//! [`genl`] the message helpers over the engine's header arithmetic, [`mngt`] the registry of
//! the program's families and the dispatch to their command handlers (it reads the program's
//! tables for the engine), [`family`] the family object type made by the generic object
//! adapter, [`ctrl`] the controller's cache type "genl/family" (one of the built-in cache
//! types) and the resolvers. Layering, lowest first: this file, then `mngt`, then `genl` and
//! `family` (which ask `mngt` for command names), then `ctrl`.

pub mod ctrl;
pub mod family;
// Named after libnl's header netlink/genl/genl.h.
#[allow(clippy::module_inception)]
pub mod genl;
pub mod mngt;

use std::ffi::{c_char, c_int, c_uint, c_void};

use crate::ffi::types::{nl_cache_ops, nl_list_head, nla_policy};

/// `struct genl_info` (40 bytes): what a command handler gets about the message.
#[repr(C)]
pub struct genl_info {
    /// Sender.
    pub who: *mut libc::sockaddr_nl,
    /// Netlink header.
    pub nlh: *mut libc::nlmsghdr,
    /// Generic netlink header.
    pub genlhdr: *mut c_void,
    /// Family-specific header.
    pub userhdr: *mut c_void,
    /// Parsed attributes, `c_maxattr + 1` entries.
    pub attrs: *mut *mut libc::nlattr,
}

/// A command handler (`c_msg_parser`).
pub type CmdParser = Option<
    unsafe extern "C" fn(*mut nl_cache_ops, *mut genl_cmd, *mut genl_info, *mut c_void) -> c_int,
>;

/// `struct genl_cmd` (40 bytes): one command of a family.
#[repr(C)]
pub struct genl_cmd {
    /// Command number.
    pub c_id: c_int,
    /// Name.
    pub c_name: *mut c_char,
    /// Highest attribute parsed.
    pub c_maxattr: c_int,
    /// Handler.
    pub c_msg_parser: CmdParser,
    /// Policy (may be NULL).
    pub c_attr_policy: *mut nla_policy,
}

/// `struct genl_ops` (56 bytes): a family registered by the program.
#[repr(C)]
pub struct genl_ops {
    /// User header length.
    pub o_hdrsize: c_uint,
    /// Family id.
    pub o_id: c_int,
    /// Family name.
    pub o_name: *mut c_char,
    /// Cache type (set by `genl_register`).
    pub o_cache_ops: *mut nl_cache_ops,
    /// Command table.
    pub o_cmds: *mut genl_cmd,
    /// Entries in `o_cmds`.
    pub o_ncmds: c_int,
    /// Registry link (libnlrs keeps its registry elsewhere; left as the program set it).
    pub o_list: nl_list_head,
}

/// Makes sure the built-in "genl/family" cache type is registered (with its `NLDBG` level-1
/// line). libnl-genl-3 registers it from a load-time constructor, so a generic netlink program
/// on libnl always prints "Registered cache operations genl/family" at `NLDBG>=1`; libnlrs is
/// one library for every program and registers built-in types lazily, so the generic netlink
/// entry points a program starts with (`genl_connect`, the resolvers) trigger it.
pub fn ensure_types() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Some(o) = crate::ffi::cache_mngt::lookup_ref(c"genl/family") {
            crate::ffi::cache_mngt::ops_put(o);
        }
    });
}

// libnl's layouts on LP64 (x86-64, where tests/abi.rs compares them with the real headers); on
// other targets they follow from repr(C) with the C field types.
#[cfg(all(test, target_pointer_width = "64"))]
mod layout_tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn public_layouts() {
        assert_eq!(size_of::<genl_info>(), 40);
        assert_eq!(offset_of!(genl_info, attrs), 32);
        assert_eq!(size_of::<genl_cmd>(), 40);
        assert_eq!(offset_of!(genl_cmd, c_maxattr), 16);
        assert_eq!(offset_of!(genl_cmd, c_attr_policy), 32);
        assert_eq!(size_of::<genl_ops>(), 56);
        assert_eq!(offset_of!(genl_ops, o_cache_ops), 16);
        assert_eq!(offset_of!(genl_ops, o_ncmds), 32);
        assert_eq!(offset_of!(genl_ops, o_list), 40);
    }
}
