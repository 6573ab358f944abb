//! (filled in by the foundation issue)
#![forbid(unsafe_code)]
