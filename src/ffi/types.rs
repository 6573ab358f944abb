//! libnl-only constants and the `#[repr(C)]` public structs, laid out exactly as libnl 3.7.0's
//! (sizes and offsets are checked against Debian's headers by `tests/abi.rs`).
//!
//! Handle types (`nl_msg`, `nl_data`) are declared here too, with the engine type behind them.
#![allow(non_upper_case_globals)]

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void};

use crate::engine::data::Data;
use crate::engine::msg::{Message, SockaddrNl, Ucred};
use crate::ffi::handle::Handle;

// ---- NLE_* (netlink/errno.h); functions return them negated ----
/// Success.
pub const NLE_SUCCESS: c_int = 0;
/// Unspecific failure.
pub const NLE_FAILURE: c_int = 1;
/// Invalid input data or parameter.
pub const NLE_INVAL: c_int = 7;
/// Operation not supported.
pub const NLE_OPNOTSUPP: c_int = 10;
/// Out of memory / no room in a message.
pub const NLE_NOMEM: c_int = 5;
/// Input data out of range.
pub const NLE_RANGE: c_int = 8;
/// Attribute not available.
pub const NLE_NOATTR: c_int = 13;
/// Highest NLE code of libnl 3.7.0.
pub const NLE_MAX: c_int = 34;

// ---- netlink/msg.h ----
/// Let the socket fill in the local port.
pub const NL_AUTO_PORT: u32 = 0;
/// Let the socket fill in the sequence number.
pub const NL_AUTO_SEQ: u32 = 0;
/// `nm_flags` bit of `struct nl_msg`: credentials are set (`nlmsg_set_creds`).
pub const NL_MSG_CRED_PRESENT: c_int = 1;

// ---- attribute policy types (netlink/attr.h, enum) ----
/// Unspecified type: only `minlen` is checked (or nothing).
pub const NLA_UNSPEC: u16 = 0;
/// Highest valid policy type (`NLA_TYPE_MAX`).
pub const NLA_TYPE_MAX: u16 = 15;

/// `struct nla_policy` (6 bytes, 2-byte aligned).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct nla_policy {
    /// One of the `NLA_*` types.
    pub type_: u16,
    /// Minimal payload length.
    pub minlen: u16,
    /// Maximal payload length (0: no limit).
    pub maxlen: u16,
}

/// `struct nl_dump_params` (80 bytes): where and how objects are dumped.
#[repr(C)]
pub struct nl_dump_params {
    /// Dump type (`enum nl_dump_type`).
    pub dp_type: c_int,
    /// Number of spaces to indent each line.
    pub dp_prefix: c_int,
    /// Print line numbers.
    pub dp_print_index: c_int,
    /// Print message types.
    pub dp_dump_msgtype: c_int,
    /// Callback receiving each line instead of a file.
    pub dp_cb: Option<unsafe extern "C" fn(*mut nl_dump_params, *mut c_char)>,
    /// Callback called at each new line.
    pub dp_nl_cb: Option<unsafe extern "C" fn(*mut nl_dump_params, c_int)>,
    /// User data.
    pub dp_data: *mut c_void,
    /// Output `FILE *`.
    pub dp_fd: *mut c_void,
    /// Output buffer instead of a file.
    pub dp_buf: *mut c_char,
    /// Size of `dp_buf`.
    pub dp_buflen: usize,
    /// Internal: something was printed already.
    pub dp_pre_dump: c_int,
    /// Internal: per-dump state.
    pub dp_ivar: c_int,
    /// Internal: current line number.
    pub dp_line: c_uint_,
}

impl nl_dump_params {
    /// All fields zero / NULL (`dp_type` = `NL_DUMP_LINE`), as a C `= { 0 }` initialiser.
    pub const fn zeroed() -> nl_dump_params {
        nl_dump_params {
            dp_type: 0,
            dp_prefix: 0,
            dp_print_index: 0,
            dp_dump_msgtype: 0,
            dp_cb: None,
            dp_nl_cb: None,
            dp_data: std::ptr::null_mut(),
            dp_fd: std::ptr::null_mut(),
            dp_buf: std::ptr::null_mut(),
            dp_buflen: 0,
            dp_pre_dump: 0,
            dp_ivar: 0,
            dp_line: 0,
        }
    }
}

/// `unsigned int`, spelled so cbindgen and readers see the C type.
pub type c_uint_ = std::ffi::c_uint;

/// `struct nl_msg`: a netlink message being built or received. Its first 72 bytes are libnl
/// 3.7's private layout ([`MsgHead`], then `int nm_refcnt` at 64: the handle's reference count),
/// because Debian's libnl-route reads `nm_nlh` straight from the struct; the engine
/// [`Message`] (the buffer) follows at 72.
#[repr(C)]
pub struct nl_msg(Handle<Message, MsgHead>);
crate::opaque_handle!(nl_msg, Message, MsgHead);

/// libnl's members of `struct nl_msg` before its reference count (64 bytes). They are the only
/// store of the message's protocol, flags, addresses and credentials; `nm_nlh` and `nm_size`
/// mirror the engine buffer (its address and libnl's size for it) and are rewritten by
/// `ffi/msg.rs` whenever the buffer is replaced or moves (allocation, `nlmsg_expand`, the
/// receive loop's in-place view). The header length itself lives only in the buffer.
#[repr(C)]
pub struct MsgHead {
    /// Netlink protocol (-1: unset).
    pub nm_protocol: Cell<c_int>,
    /// `NL_MSG_*` flags ([`NL_MSG_CRED_PRESENT`]).
    pub nm_flags: Cell<c_int>,
    /// Source address (the sender, for received messages).
    pub nm_src: Cell<SockaddrNl>,
    /// Destination address (used by `nl_send` when its family is set).
    pub nm_dst: Cell<SockaddrNl>,
    /// Credentials sent with the message when [`NL_MSG_CRED_PRESENT`] is set.
    pub nm_creds: Cell<Ucred>,
    /// The message: the start of the buffer.
    pub nm_nlh: Cell<*mut libc::nlmsghdr>,
    /// The buffer size libnl reports (`nlmsg_get_max_size`).
    pub nm_size: Cell<usize>,
}

/// `struct nl_data`: an abstract data buffer (opaque to C).
#[repr(C)]
pub struct nl_data(Handle<Data>);
crate::opaque_handle!(nl_data, Data);

pub use crate::ffi::handle::addr_block::nl_addr;

// ---- object / cache model (netlink/object.h, cache.h, hashtable.h; plug-in ABI) ----
// The layouts below are libnl 3.7.0's private ones: Debian's libnl-nf/-idiag/-xfrm and programs
// defining their own cache types embed the object header and fill the ops tables directly
// (see plugin-abi.md). Sizes are pinned by the tests at the end of this section.

/// `struct nl_list_head`: a doubly linked, circular list link (16 bytes).
#[repr(C)]
#[derive(Debug)]
pub struct nl_list_head {
    /// Next link (the head itself when last).
    pub next: *mut nl_list_head,
    /// Previous link (the head itself when first).
    pub prev: *mut nl_list_head,
}

/// `struct nl_object`: the 56-byte common header (`NLHDR_COMMON`) at offset 0 of every cache
/// object; the type's own fields follow it up to `oo_size`.
#[repr(C)]
#[derive(Debug)]
pub struct nl_object {
    /// Reference count (plain int, as in libnl 3.7).
    pub ce_refcnt: c_int,
    /// Object type.
    pub ce_ops: *mut nl_object_ops,
    /// Owning cache or NULL.
    pub ce_cache: *mut nl_cache,
    /// Link in the owning cache's item list; self-linked when in no cache.
    pub ce_list: nl_list_head,
    /// Netlink message type the object was parsed from.
    pub ce_msgtype: c_int,
    /// Core flags (`NL_OBJ_MARK`).
    pub ce_flags: c_int,
    /// Attribute-presence bits.
    pub ce_mask: u64,
}

/// Size of the object header: the first type-owned byte of an object.
pub const NL_OBJECT_HDR_SIZE: usize = std::mem::size_of::<nl_object>();
/// `ce_flags` bit set by `nl_object_mark`.
pub const NL_OBJ_MARK: c_int = 0x1;
/// `oo_compare` flag: filter semantics (only the filter's attributes matter).
pub const LOOSE_COMPARISON: c_int = 1;
/// `oo_compare` flag: identity comparison.
pub const ID_COMPARISON: c_int = 2;
/// Dump types `NL_DUMP_LINE` .. `NL_DUMP_STATS` index `oo_dump`.
pub const NL_DUMP_MAX: c_int = 2;
/// Default number of hash buckets of a cache whose objects have a key generator.
pub const NL_MAX_HASH_ENTRIES: c_int = 1024;
/// `co_flags`/`c_flags`: one request per address family group.
pub const NL_CACHE_AF_ITER: std::ffi::c_uint = 0x1;
/// Cache actions (`NL_ACT_*`, netlink/cache.h): none.
pub const NL_ACT_UNSPEC: c_int = 0;
/// New object.
pub const NL_ACT_NEW: c_int = 1;
/// Delete action.
pub const NL_ACT_DEL: c_int = 2;
/// Get action.
pub const NL_ACT_GET: c_int = 3;
/// Set action.
pub const NL_ACT_SET: c_int = 4;
/// Change action.
pub const NL_ACT_CHANGE: c_int = 5;

/// `oo_dump[type]` callback.
pub type ObjDumpFn = Option<unsafe extern "C" fn(*mut nl_object, *mut nl_dump_params)>;

/// `struct nl_object_ops` (112 bytes): an object type, owned by whoever defines the type.
#[repr(C)]
pub struct nl_object_ops {
    /// Type name, e.g. `"route/link"`.
    pub oo_name: *mut c_char,
    /// Size of one object including the 56-byte header.
    pub oo_size: usize,
    /// Attributes identifying an object (when `oo_id_attrs_get` is NULL).
    pub oo_id_attrs: u32,
    /// Called right after allocation.
    pub oo_constructor: Option<unsafe extern "C" fn(*mut nl_object)>,
    /// Releases the type's own resources before the block is freed.
    pub oo_free_data: Option<unsafe extern "C" fn(*mut nl_object)>,
    /// Fixes up a byte copy (dst, src); negative aborts the clone.
    pub oo_clone: Option<unsafe extern "C" fn(*mut nl_object, *mut nl_object) -> c_int>,
    /// Dump callbacks per `NL_DUMP_*` type.
    pub oo_dump: [ObjDumpFn; 3],
    /// Returns the mask of differing attributes among `attrs` (a, b, attrs, flags).
    pub oo_compare: Option<unsafe extern "C" fn(*mut nl_object, *mut nl_object, u64, c_int) -> u64>,
    /// Merges src into dst; 0 when merged.
    pub oo_update: Option<unsafe extern "C" fn(*mut nl_object, *mut nl_object) -> c_int>,
    /// Hash key of an object for a table of the given size.
    pub oo_keygen: Option<unsafe extern "C" fn(*mut nl_object, *mut u32, u32)>,
    /// Attribute bits to text.
    pub oo_attrs2str: Option<unsafe extern "C" fn(c_int, *mut c_char, usize) -> *mut c_char>,
    /// Per-object identity attributes (takes precedence over `oo_id_attrs`).
    pub oo_id_attrs_get: Option<unsafe extern "C" fn(*mut nl_object) -> u32>,
}

// SAFETY: an ops table is immutable after its definition (the core only reads it); the raw
// pointers inside point to static data (names) and code. This lets Rust define object types
// as plain `static`s.
unsafe impl Sync for nl_object_ops {}

/// `struct nl_msgtype` (16 bytes): one message type a cache type handles.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct nl_msgtype {
    /// Netlink message type; negative ends the list.
    pub mt_id: c_int,
    /// `NL_ACT_*` action.
    pub mt_act: c_int,
    /// Name.
    pub mt_name: *mut c_char,
}

/// `struct nl_af_group` (8 bytes): multicast group per address family.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct nl_af_group {
    /// Address family.
    pub ag_family: c_int,
    /// Multicast group; 0 ends the list.
    pub ag_group: c_int,
}

/// `struct nl_parser_param` (16 bytes): where a message parser delivers its objects.
#[repr(C)]
pub struct nl_parser_param {
    /// Receives each parsed object (the parser keeps its own reference).
    pub pp_cb: Option<unsafe extern "C" fn(*mut nl_object, *mut nl_parser_param) -> c_int>,
    /// Core-private argument.
    pub pp_arg: *mut c_void,
}

/// `change_func_t`.
pub type change_func_t =
    Option<unsafe extern "C" fn(*mut nl_cache, *mut nl_object, c_int, *mut c_void)>;
/// `change_func_v2_t`.
pub type change_func_v2_t = Option<
    unsafe extern "C" fn(*mut nl_cache, *mut nl_object, *mut nl_object, u64, c_int, *mut c_void),
>;

/// `co_msg_parser`: (ops, who, nlh, params).
pub type MsgParserFn = Option<
    unsafe extern "C" fn(
        *mut nl_cache_ops,
        *mut libc::sockaddr_nl,
        *mut libc::nlmsghdr,
        *mut nl_parser_param,
    ) -> c_int,
>;

/// `struct nl_cache_ops` (168 bytes + inline `co_msgtypes[]`): a cache type. Owned by its
/// definer (writable: the core maintains `co_refcnt`, `co_next`, `co_major_cache`).
#[repr(C)]
pub struct nl_cache_ops {
    /// Unique name, `"family/name"`.
    pub co_name: *mut c_char,
    /// Family header length after the `nlmsghdr`.
    pub co_hdrsize: c_int,
    /// `NETLINK_*` protocol.
    pub co_protocol: c_int,
    /// Hash buckets (0: `NL_MAX_HASH_ENTRIES`).
    pub co_hash_size: c_int,
    /// `NL_CACHE_*` flags.
    pub co_flags: std::ffi::c_uint,
    /// References held on the type (registry lookups, provided caches).
    pub co_refcnt: std::ffi::c_uint,
    /// Multicast groups, terminated by `ag_group == 0`.
    pub co_groups: *mut nl_af_group,
    /// Sends the dump request (cache, socket).
    pub co_request_update: Option<unsafe extern "C" fn(*mut nl_cache, *mut c_void) -> c_int>,
    /// Parses one message.
    pub co_msg_parser: MsgParserFn,
    /// Event filter of the cache manager.
    pub co_event_filter: Option<unsafe extern "C" fn(*mut nl_cache, *mut nl_object) -> c_int>,
    /// Replaces `nl_cache_include` for events.
    pub co_include_event: Option<
        unsafe extern "C" fn(
            *mut nl_cache,
            *mut nl_object,
            change_func_t,
            change_func_v2_t,
            *mut c_void,
        ) -> c_int,
    >,
    /// Unused slots.
    pub reserved: [Option<unsafe extern "C" fn()>; 8],
    /// Object type of the cache.
    pub co_obj_ops: *mut nl_object_ops,
    /// Registry link (core-written; libnlrs keeps its registry elsewhere and leaves it NULL).
    pub co_next: *mut nl_cache_ops,
    /// Cache provided through `nl_cache_mngt_provide`.
    pub co_major_cache: *mut nl_cache,
    /// Generic netlink family ops (`struct genl_ops *`).
    pub co_genl: *mut c_void,
    /// Message types, terminated by `mt_id < 0`.
    pub co_msgtypes: [nl_msgtype; 0],
}

/// A cache type defined in Rust: the ops followed by its inline message-type table (which
/// must end with [`nl_msgtype::END`]). Lives in a `static`; the core writes `co_refcnt` and
/// `co_major_cache` through the pointer from [`RustCacheOps::as_ptr`].
#[repr(C)]
pub struct CacheOpsDef<const N: usize> {
    /// The ops.
    pub ops: nl_cache_ops,
    /// The message types.
    pub msgtypes: [nl_msgtype; N],
}

/// Interior-mutable holder for a Rust-defined cache type, usable in a `static`.
#[repr(transparent)]
pub struct RustCacheOps<const N: usize>(pub std::cell::UnsafeCell<CacheOpsDef<N>>);

// SAFETY: the core writes the mutable fields only while holding the registry lock, like
// libnl; everything else is read-only after definition.
unsafe impl<const N: usize> Sync for RustCacheOps<N> {}

impl<const N: usize> RustCacheOps<N> {
    /// The ops pointer handed to the registry and to C.
    pub const fn as_ptr(&self) -> *mut nl_cache_ops {
        self.0.get().cast()
    }
}

/// Interior-mutable holder for a C-visible static defined in Rust (an object type, a genl
/// family table): the symbol has exactly `T`'s layout and lives in writable data.
#[repr(transparent)]
pub struct CStatic<T>(pub std::cell::UnsafeCell<T>);

// SAFETY: like libnl's own tables: written only by the registry code under its lock, or by
// the C program that owns the value; otherwise read-only after definition.
unsafe impl<T> Sync for CStatic<T> {}

impl<T> CStatic<T> {
    /// Wraps `v`.
    pub const fn new(v: T) -> CStatic<T> {
        CStatic(std::cell::UnsafeCell::new(v))
    }
    /// The pointer handed to C.
    pub const fn as_ptr(&self) -> *mut T {
        self.0.get()
    }
}

impl nl_msgtype {
    /// The end marker of a message-type table.
    pub const END: nl_msgtype = nl_msgtype {
        mt_id: -1,
        mt_act: -1,
        mt_name: std::ptr::null_mut(),
    };
}

/// `struct nl_cache` (56 bytes), calloc'ed: libnl-idiag writes `c_iarg1`/`c_iarg2` and may
/// release the block with `free()`.
#[repr(C)]
pub struct nl_cache {
    /// List of the objects (through their `ce_list`).
    pub c_items: nl_list_head,
    /// Number of objects.
    pub c_nitems: c_int,
    /// Type-specific argument 1.
    pub c_iarg1: c_int,
    /// Type-specific argument 2.
    pub c_iarg2: c_int,
    /// Reference count.
    pub c_refcnt: c_int,
    /// `NL_CACHE_*` flags.
    pub c_flags: std::ffi::c_uint,
    /// Hash index over the objects (when the type has a key generator).
    pub hashtable: *mut nl_hash_table,
    /// Cache type.
    pub c_ops: *mut nl_cache_ops,
}

/// `nl_hash_node_t` (24 bytes, public in netlink/hashtable.h).
#[repr(C)]
pub struct nl_hash_node {
    /// Bucket index.
    pub key: u32,
    /// Size of `key` (4).
    pub key_size: u32,
    /// The object (one reference held by the table).
    pub obj: *mut nl_object,
    /// Next node in the bucket.
    pub next: *mut nl_hash_node,
}

/// `nl_hash_table_t` (16 bytes, public in netlink/hashtable.h).
#[repr(C)]
pub struct nl_hash_table {
    /// Number of buckets.
    pub size: c_int,
    /// `size` bucket heads.
    pub nodes: *mut *mut nl_hash_node,
}

// ---- sockets and callback sets (netlink/socket.h, netlink/handlers.h) ----
// The C layouts only; their behaviour is in `socket.rs` and `handlers.rs`.

/// `nl_recvmsg_msg_cb_t`.
pub type nl_recvmsg_msg_cb_t = Option<unsafe extern "C" fn(*mut nl_msg, *mut c_void) -> c_int>;
/// `nl_recvmsg_err_cb_t`.
pub type nl_recvmsg_err_cb_t =
    Option<unsafe extern "C" fn(*mut libc::sockaddr_nl, *mut libc::nlmsgerr, *mut c_void) -> c_int>;
/// Message callback (short name).
pub type MsgCb = nl_recvmsg_msg_cb_t;
/// Error callback (short name).
pub type ErrCb = nl_recvmsg_err_cb_t;
/// `enum nl_cb_kind` as passed by C (an unsigned int: the enum has no negative values).
pub type nl_cb_kind = std::ffi::c_uint;
/// `enum nl_cb_type` as passed by C.
pub type nl_cb_type = std::ffi::c_uint;
/// `nl_cb_overwrite_recvmsgs` function.
pub type RecvmsgsOw = Option<unsafe extern "C" fn(*mut nl_sock, *mut nl_cb) -> c_int>;
/// `nl_cb_overwrite_recv` function.
pub type RecvOw = Option<
    unsafe extern "C" fn(
        *mut nl_sock,
        *mut libc::sockaddr_nl,
        *mut *mut std::ffi::c_uchar,
        *mut *mut libc::ucred,
    ) -> c_int,
>;
/// `nl_cb_overwrite_send` function.
pub type SendOw = Option<unsafe extern "C" fn(*mut nl_sock, *mut nl_msg) -> c_int>;

/// `NL_CB_DEFAULT`.
pub const NL_CB_DEFAULT: c_int = 0;
/// `NL_CB_VERBOSE`.
pub const NL_CB_VERBOSE: c_int = 1;
/// `NL_CB_DEBUG`.
pub const NL_CB_DEBUG: c_int = 2;
/// `NL_CB_CUSTOM`.
pub const NL_CB_CUSTOM: c_int = 3;
/// `NL_CB_KIND_MAX`.
pub const NL_CB_KIND_MAX: c_int = 3;
/// `NL_CB_TYPE_MAX`.
pub const NL_CB_TYPE_MAX: c_int = 10;

/// The C types of a libnl callback set (the engine's [`crate::engine::callbacks::CbFns`];
/// implemented in `handlers.rs`).
pub struct CFns;

/// `struct nl_cb` (libnl layout, 224 bytes): the engine's callback set with C handlers.
#[repr(C)]
pub struct nl_cb {
    /// The set (the only field: its address is the set's).
    pub inner: crate::engine::callbacks::CallbackSet<CFns>,
}

impl std::ops::Deref for nl_cb {
    type Target = crate::engine::callbacks::CallbackSet<CFns>;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

/// `struct nl_sock`: the engine's socket ([`crate::engine::socket::Socket`], libnl's layout
/// for the first 64 bytes) holding a C callback set.
#[repr(C)]
pub struct nl_sock {
    /// The socket (the only field: its address is the socket's).
    pub sock: crate::engine::socket::Socket<*mut nl_cb>,
}

impl std::ops::Deref for nl_sock {
    type Target = crate::engine::socket::Socket<*mut nl_cb>;
    fn deref(&self) -> &Self::Target {
        &self.sock
    }
}

// libnl's layouts on LP64 (x86-64, where tests/abi.rs compares them with the real headers); on
// other targets they follow from repr(C) with the C field types.
#[cfg(all(test, target_pointer_width = "64"))]
mod layout_tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn plugin_abi_layouts() {
        assert_eq!(size_of::<nl_object>(), 56);
        assert_eq!(offset_of!(nl_object, ce_ops), 8);
        assert_eq!(offset_of!(nl_object, ce_list), 24);
        assert_eq!(offset_of!(nl_object, ce_msgtype), 40);
        assert_eq!(offset_of!(nl_object, ce_mask), 48);
        assert_eq!(size_of::<nl_object_ops>(), 112);
        assert_eq!(offset_of!(nl_object_ops, oo_constructor), 24);
        assert_eq!(offset_of!(nl_object_ops, oo_compare), 72);
        assert_eq!(offset_of!(nl_object_ops, oo_id_attrs_get), 104);
        assert_eq!(size_of::<nl_cache_ops>(), 168);
        assert_eq!(offset_of!(nl_cache_ops, co_refcnt), 24);
        assert_eq!(offset_of!(nl_cache_ops, co_groups), 32);
        assert_eq!(offset_of!(nl_cache_ops, co_include_event), 64);
        assert_eq!(offset_of!(nl_cache_ops, co_obj_ops), 136);
        assert_eq!(offset_of!(nl_cache_ops, co_genl), 160);
        assert_eq!(offset_of!(nl_cache_ops, co_msgtypes), 168);
        assert_eq!(size_of::<nl_msgtype>(), 16);
        assert_eq!(size_of::<nl_af_group>(), 8);
        assert_eq!(size_of::<nl_parser_param>(), 16);
        assert_eq!(size_of::<nl_cache>(), 56);
        assert_eq!(offset_of!(nl_cache, c_iarg1), 20);
        assert_eq!(offset_of!(nl_cache, c_iarg2), 24);
        assert_eq!(offset_of!(nl_cache, hashtable), 40);
        assert_eq!(offset_of!(nl_cache, c_ops), 48);
        assert_eq!(size_of::<nl_hash_node>(), 24);
        assert_eq!(size_of::<nl_hash_table>(), 16);
        assert_eq!(size_of::<CacheOpsDef<2>>(), 168 + 32);
    }

    /// libnl 3.7.0's private `struct nl_msg` (DWARF of libnl-3-200-dbg): 72 bytes, 8-aligned.
    #[test]
    fn nl_msg_layout() {
        use std::mem::align_of;
        assert_eq!(offset_of!(MsgHead, nm_protocol), 0);
        assert_eq!(offset_of!(MsgHead, nm_flags), 4);
        assert_eq!(offset_of!(MsgHead, nm_src), 8);
        assert_eq!(offset_of!(MsgHead, nm_dst), 20);
        assert_eq!(offset_of!(MsgHead, nm_creds), 32);
        assert_eq!(offset_of!(MsgHead, nm_nlh), 48);
        assert_eq!(offset_of!(MsgHead, nm_size), 56);
        assert_eq!(size_of::<MsgHead>(), 64);
        assert_eq!(Handle::<Message, MsgHead>::REFCNT_OFFSET, 64);
        assert_eq!(Handle::<Message, MsgHead>::VALUE_OFFSET, 72);
        assert_eq!(align_of::<nl_msg>(), 8);
    }
}
