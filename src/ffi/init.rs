//! The top of the library: the load-time constructor and the list of built-in types.
//!
//! Nothing inside the crate imports this module; it imports the types it lists. The
//! constructor runs when the library is loaded (as libnl's constructors do): it reads
//! `NLDBG`/`NLCB` ([`crate::debug`]), points `nl_debug_dp` at `stderr`, and hands the
//! built-in cache types to the registry, which registers them on its first use.

use std::sync::atomic::AtomicI32;

use crate::ffi::types::nl_cache_ops;

/// libnl's exported debug level (`int nl_debug`; `AtomicI32` has the layout of `int`), read
/// through [`crate::debug::level`]. It is defined here, next to the constructor, on purpose:
/// every debug statement of the library reads it, so a static link that uses anything of
/// libnlrs links this module's object and with it the `.init_array` entry below.
#[unsafe(no_mangle)]
pub static nl_debug: AtomicI32 = AtomicI32::new(0);

/// The cache types built into libnlrs (route will add to it).
pub const CACHE_TYPES: &[fn() -> *mut nl_cache_ops] = &[
    crate::ffi::genl::ctrl::genl_ctrl_cache_ops,
    #[cfg(feature = "route")]
    crate::ffi::route::link::link_cache_ops,
    #[cfg(feature = "route")]
    crate::ffi::route::addr::addr_cache_ops,
];

/// The C prototypes of every accessor generated from an attribute table (Rust type names;
/// `tests/abi.rs` compiles them against the headers).
pub const ACCESSOR_PROTOTYPES: &[&[&str]] = &[
    crate::ffi::genl::family::ACCESSOR_PROTOTYPES,
    #[cfg(feature = "route")]
    crate::ffi::route::link::ACCESSOR_PROTOTYPES,
];

extern "C" fn nlrs_load_init() {
    crate::debug::init_from_env();
    crate::ffi::utils::init_debug_dp();
    crate::ffi::cache_mngt::set_builtin_types(CACHE_TYPES);
    crate::ffi::handlers::set_type_names(&crate::ffi::msgdump::RegistryTypes);
}

/// The load-time constructor.
#[used]
#[unsafe(link_section = ".init_array")]
static LOAD_INIT: extern "C" fn() = nlrs_load_init;
