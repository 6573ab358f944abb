//! `netlink/attr.h` (filled in by the foundation issue).
