//! Human-readable dumps of netlink messages (`nl_msg_dump`).
#![forbid(unsafe_code)]
