//! Pure rules of libnl's object model that do not need the C memory: how a 64-bit attribute
//! difference folds into `nl_object_diff`'s 32 bits and which attributes decide identity.
#![forbid(unsafe_code)]

/// `nl_object_diff`'s 32-bit view of a 64-bit difference mask: the low 32 bits, with bit 31
/// set when any bit above 31 differs.
pub fn fold_diff(diff: u64) -> u32 {
    let low = (diff & 0xffff_ffff) as u32;
    if diff >> 32 != 0 {
        low | (1 << 31)
    } else {
        low
    }
}

/// libnl's identity rule before the type's compare runs. `id_attrs` is the type's identity
/// mask (`None` when the type has none). Returns the attributes to pass to `oo_compare`, or
/// `None` when the presence masks alone already make the objects different: with identity
/// attributes both objects must have the same ones present; without, they must have exactly
/// the same attributes present, and all of them are compared.
pub fn identity_attrs(id_attrs: Option<u64>, mask_a: u64, mask_b: u64) -> Option<u64> {
    let req = id_attrs.unwrap_or(u64::MAX);
    if mask_a & req != mask_b & req {
        return None;
    }
    Some(if id_attrs.is_some() {
        req
    } else {
        mask_a & mask_b
    })
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
        assert_eq!(identity_attrs(Some(3), 0xff, 0xf3), Some(3));
        assert_eq!(identity_attrs(Some(3), 0xff, 0xf1), None);
        assert_eq!(identity_attrs(None, 0xff, 0xf0), None);
        assert_eq!(
            identity_attrs(None, 1 << 40 | 7, 1 << 40 | 7),
            Some(1 << 40 | 7)
        );
        assert_eq!(identity_attrs(Some(0), 0, 5), Some(0));
    }
}
