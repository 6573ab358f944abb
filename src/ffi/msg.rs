//! `netlink/msg.h` (filled in by the foundation issue).
