//! Attribute validation policies (`struct nla_policy`) and libnl 3.7's per-type checks.
//!
//! A policy entry names the expected type of one attribute and optional payload length bounds.
//! The checks are libnl's, probed against 3.7.0:
//! * the minimum payload length is `minlen` when set, otherwise the type's natural size
//!   (`NLA_U8` 1, `NLA_U16` 2, `NLA_U32` 4, `NLA_U64` 8, `NLA_STRING` 1, everything else 0 —
//!   note that libnl has no minimum for `NLA_S8`..`NLA_S64`, `NLA_MSECS` or `NLA_FLAG`);
//! * `maxlen`, when set, is an upper bound on the payload length;
//! * `NLA_STRING` payloads must end in a NUL byte;
//! * no other type is checked (`NLA_NUL_STRING`, `NLA_FLAG`, `NLA_NESTED` … pass).
#![forbid(unsafe_code)]

use crate::error::{Error, Result};

/// Unspecified type, binary data (`NLA_UNSPEC`).
pub const NLA_UNSPEC: u16 = 0;
/// 8-bit integer.
pub const NLA_U8: u16 = 1;
/// 16-bit integer.
pub const NLA_U16: u16 = 2;
/// 32-bit integer.
pub const NLA_U32: u16 = 3;
/// 64-bit integer.
pub const NLA_U64: u16 = 4;
/// NUL-terminated string.
pub const NLA_STRING: u16 = 5;
/// Flag (no payload).
pub const NLA_FLAG: u16 = 6;
/// Milliseconds, 64 bit.
pub const NLA_MSECS: u16 = 7;
/// Nested attributes.
pub const NLA_NESTED: u16 = 8;
/// Nested attributes, compat layout.
pub const NLA_NESTED_COMPAT: u16 = 9;
/// String, NUL-terminated by convention (not checked by libnl).
pub const NLA_NUL_STRING: u16 = 10;
/// Binary data.
pub const NLA_BINARY: u16 = 11;
/// Signed 8-bit integer.
pub const NLA_S8: u16 = 12;
/// Signed 16-bit integer.
pub const NLA_S16: u16 = 13;
/// Signed 32-bit integer.
pub const NLA_S32: u16 = 14;
/// Signed 64-bit integer.
pub const NLA_S64: u16 = 15;
/// Highest valid policy type.
pub const NLA_TYPE_MAX: u16 = NLA_S64;

/// One policy entry, mirroring `struct nla_policy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// One of the `NLA_*` type constants of this module.
    pub ty: u16,
    /// Minimum payload length (0: the type's natural size).
    pub minlen: u16,
    /// Maximum payload length (0: unlimited).
    pub maxlen: u16,
}

impl Policy {
    /// A policy entry with only a type.
    pub const fn of(ty: u16) -> Policy {
        Policy {
            ty,
            minlen: 0,
            maxlen: 0,
        }
    }

    /// The minimum payload length this entry demands.
    #[inline]
    pub fn min_len(&self) -> usize {
        if self.minlen != 0 {
            return usize::from(self.minlen);
        }
        match self.ty {
            NLA_U8 | NLA_STRING => 1,
            NLA_U16 => 2,
            NLA_U32 => 4,
            NLA_U64 => 8,
            _ => 0,
        }
    }

    /// Checks one attribute payload against this entry.
    ///
    /// `Error::Range` for a payload shorter than the minimum or longer than `maxlen`,
    /// `Error::Inval` for an `NLA_STRING` without a trailing NUL and for a policy type above
    /// `NLA_TYPE_MAX` (libnl-compat: libnl aborts the process there).
    #[inline]
    pub fn check(&self, payload: &[u8]) -> Result<()> {
        if self.ty > NLA_TYPE_MAX {
            crate::nl_dbg!(1, "nla_policy type {} is out of range\n", self.ty);
            return Err(Error::Inval);
        }
        let len = payload.len();
        if len < self.min_len() {
            return Err(Error::Range);
        }
        if self.maxlen != 0 && len > usize::from(self.maxlen) {
            return Err(Error::Range);
        }
        if self.ty == NLA_STRING && payload.last() != Some(&0) {
            return Err(Error::Inval);
        }
        Ok(())
    }
}

/// A table of policies indexed by attribute type. Implemented for slices of [`Policy`]; the C
/// layer implements it over the caller's `struct nla_policy` array without copying it.
pub trait PolicyTable {
    /// The entry for attribute type `ty`, `None` when the table has no such entry (the
    /// attribute is then not checked).
    fn entry(&self, ty: usize) -> Option<Policy>;
}

impl PolicyTable for [Policy] {
    fn entry(&self, ty: usize) -> Option<Policy> {
        self.get(ty).copied()
    }
}

impl<const N: usize> PolicyTable for [Policy; N] {
    fn entry(&self, ty: usize) -> Option<Policy> {
        self.get(ty).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_lengths_match_libnl() {
        let mins = [0, 1, 2, 4, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        for (ty, min) in mins.iter().enumerate() {
            assert_eq!(Policy::of(ty as u16).min_len(), *min, "type {ty}");
        }
        let p = Policy {
            ty: NLA_U32,
            minlen: 2,
            maxlen: 0,
        };
        assert_eq!(p.min_len(), 2);
    }

    #[test]
    fn checks() {
        assert_eq!(Policy::of(NLA_U32).check(&[1, 2, 3]), Err(Error::Range));
        assert_eq!(Policy::of(NLA_U32).check(&[1, 2, 3, 4, 5]), Ok(()));
        assert_eq!(Policy::of(NLA_STRING).check(b""), Err(Error::Range));
        assert_eq!(Policy::of(NLA_STRING).check(b"ab"), Err(Error::Inval));
        assert_eq!(Policy::of(NLA_STRING).check(b"ab\0"), Ok(()));
        assert_eq!(Policy::of(NLA_NUL_STRING).check(b"ab"), Ok(()));
        assert_eq!(Policy::of(NLA_FLAG).check(b"abc"), Ok(()));
        assert_eq!(Policy::of(NLA_S64).check(b""), Ok(()));
        let max = Policy {
            ty: NLA_UNSPEC,
            minlen: 0,
            maxlen: 2,
        };
        assert_eq!(max.check(&[0; 3]), Err(Error::Range));
        assert_eq!(max.check(&[0; 2]), Ok(()));
        assert_eq!(Policy::of(16).check(&[]), Err(Error::Inval));
        let table = [Policy::of(NLA_U8)];
        assert_eq!(table.entry(0), Some(Policy::of(NLA_U8)));
        assert_eq!(table.entry(1), None);
    }
}
