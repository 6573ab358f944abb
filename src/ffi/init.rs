//! The load-time constructor: reads `NLDBG`/`NLCB` once, as libnl's constructors do, so an
//! application that reads `nl_debug` before calling anything already sees `NLDBG`.

extern "C" fn nlrs_init() {
    crate::debug::init_from_env();
}

/// Placed in `.init_array` so the dynamic loader (or the C runtime, for static links) runs it
/// before `main`.
#[used]
#[unsafe(link_section = ".init_array")]
static INIT: extern "C" fn() = nlrs_init;
