//! `netlink/addr.h` (filled in by the foundation issue).
