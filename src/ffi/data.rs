//! `netlink/data.h` (filled in by the foundation issue).
