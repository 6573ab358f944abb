//! `netlink/errno.h` (filled in by the foundation issue).
