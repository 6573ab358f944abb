//! Pure rules of libnl's object model that do not need the C memory: how a 64-bit attribute
//! difference folds into `nl_object_diff`'s 32 bits and which attributes decide identity.
#![forbid(unsafe_code)]

/// `nl_object_diff`'s 32-bit view of a 64-bit difference mask: the low 32 bits, with bit 31
/// set when any bit above 31 differs.
pub fn fold_diff(diff: u64) -> u32 {
    let low = (diff & 0xffff_ffff) as u32;
    if diff >> 32 != 0 { low | (1 << 31) } else { low }
}

/// The attributes two objects must agree on to be identical, given the type's identity mask
/// (`None` when the type has no identity attributes at all: then every attribute both objects
/// have counts), and the presence masks of both objects. libnl computes the mask in 32 bits.
pub fn identity_mask(id_attrs: Option<u32>, mask_a: u64, mask_b: u64) -> u32 {
    match id_attrs {
        Some(m) if m != u32::MAX => m,
        _ => (mask_a & mask_b) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_folding() {
        assert_eq!(fold_diff(0), 0);
        assert_eq!(fold_diff(5), 5);
        assert_eq!(fold_diff(1 << 40), 1 << 31);
        assert_eq!(fold_diff(u64::MAX), u32::MAX);
    }

    #[test]
    fn identity() {
        assert_eq!(identity_mask(Some(3), 0xff, 0xf0), 3);
        assert_eq!(identity_mask(None, 0xff, 0xf0), 0xf0);
        assert_eq!(identity_mask(Some(u32::MAX), 0x1_0000_00ff, 0x1_0000_0f0f), 0x0f);
    }
}
