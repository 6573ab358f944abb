//! libnlrs's own extensions (`nlrs_*`), declared in `include/nlrs/nlrs.h`.
//!
//! That header is generated from this file by cbindgen (`build.rs` writes it into `OUT_DIR`;
//! the checked-in copy must equal it, `tests/abi.rs` compares them and `NLRS_BLESS=1` rewrites
//! it), so every function here is documented for C readers too. Nothing libnl 3.7 declares
//! lives here, and nothing here is needed to use libnlrs as libnl.

use crate::ffi::socket::{nl_sock, sk_ref, sock_or};
use crate::ffi_entry;

/// The number of datagrams the socket `sk` has dropped, since it was allocated, because of
/// their sender: a sender other than the kernel on a protocol where only the kernel speaks
/// (`NETLINK_ROUTE`, `NETLINK_GENERIC`, `NETLINK_SOCK_DIAG`, `NETLINK_NETFILTER`, ...; the
/// README lists them), or unicast from a port other than the socket's peer port once one is
/// set with `nl_socket_set_peer_port`. Each drop is also reported at `NLDBG` >= 1.
///
/// # Returns
/// The count; 0 for NULL.
/// # Ownership
/// `sk` is borrowed.
/// # Safety
/// `sk` is NULL or a live socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nlrs_socket_get_dropped(sk: *const nl_sock) -> u64 {
    ffi_entry!("nlrs_socket_get_dropped", {
        sock_or!("nlrs_socket_get_dropped", sk, 0).dropped()
    })
}
