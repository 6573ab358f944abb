//! Hashing for libnl's object hash tables: Bob Jenkins' lookup3 `hashlittle` (what libnl's
//! `nl_hash`/`nl_hash_any` compute on little-endian hosts) and the growth policy that keeps
//! cache lookups O(1) as caches grow far beyond libnl's fixed 1024 buckets.
#![forbid(unsafe_code)]

fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*c);
    *a ^= c.rotate_left(4);
    *c = c.wrapping_add(*b);
    *b = b.wrapping_sub(*a);
    *b ^= a.rotate_left(6);
    *a = a.wrapping_add(*c);
    *c = c.wrapping_sub(*b);
    *c ^= b.rotate_left(8);
    *b = b.wrapping_add(*a);
    *a = a.wrapping_sub(*c);
    *a ^= c.rotate_left(16);
    *c = c.wrapping_add(*b);
    *b = b.wrapping_sub(*a);
    *b ^= a.rotate_left(19);
    *a = a.wrapping_add(*c);
    *c = c.wrapping_sub(*b);
    *c ^= b.rotate_left(4);
    *b = b.wrapping_add(*a);
}

fn finish(a: &mut u32, b: &mut u32, c: &mut u32) {
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(14));
    *a ^= *c;
    *a = a.wrapping_sub(c.rotate_left(11));
    *b ^= *a;
    *b = b.wrapping_sub(a.rotate_left(25));
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(16));
    *a ^= *c;
    *a = a.wrapping_sub(c.rotate_left(4));
    *b ^= *a;
    *b = b.wrapping_sub(a.rotate_left(14));
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(24));
}

/// Up to 4 bytes as a little-endian word (missing bytes are zero).
fn word(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .enumerate()
        .fold(0u32, |w, (i, &b)| w | (u32::from(b) << (8 * i)))
}

/// lookup3 `hashlittle` of `key` with initial value `base`: libnl's `nl_hash_any(key, len,
/// base)` and `nl_hash(key, len, base)`.
pub fn hash_any(key: &[u8], base: u32) -> u32 {
    // libnl-compat: the length enters the state truncated to 32 bits.
    let init = 0xdead_beef_u32
        .wrapping_add(key.len() as u32)
        .wrapping_add(base);
    let (mut a, mut b, mut c) = (init, init, init);
    let mut rest = key;
    while rest.len() > 12 {
        let (blk, tail) = rest.split_at(12);
        a = a.wrapping_add(word(blk.get(0..4).unwrap_or_default()));
        b = b.wrapping_add(word(blk.get(4..8).unwrap_or_default()));
        c = c.wrapping_add(word(blk.get(8..12).unwrap_or_default()));
        mix(&mut a, &mut b, &mut c);
        rest = tail;
    }
    if rest.is_empty() {
        return c;
    }
    a = a.wrapping_add(word(rest.get(0..).unwrap_or_default()));
    b = b.wrapping_add(word(rest.get(4..).unwrap_or_default()));
    c = c.wrapping_add(word(rest.get(8..).unwrap_or_default()));
    finish(&mut a, &mut b, &mut c);
    c
}

/// Largest number of buckets a table grows to.
pub const MAX_BUCKETS: usize = 1 << 26;

/// The bucket count a table of `size` buckets holding `count` objects should grow to, or
/// `None` to stay. Tables double once they hold more than two objects per bucket, so the
/// average chain stays short and inserts stay amortised O(1).
pub fn grow_to(size: usize, count: usize) -> Option<usize> {
    if size == 0 || size >= MAX_BUCKETS || count <= size.saturating_mul(2) {
        return None;
    }
    let mut n = size;
    while n < MAX_BUCKETS && count > n.saturating_mul(2) {
        n = n.saturating_mul(2);
    }
    Some(n.min(MAX_BUCKETS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup3_reference_values() {
        // Published hashlittle test vectors (lookup3.c driver5).
        assert_eq!(hash_any(b"", 0), 0xdeadbeef);
        assert_eq!(hash_any(b"", 0xdeadbeef), 0xbd5b7dde);
        assert_eq!(hash_any(b"Four score and seven years ago", 0), 0x17770551);
        assert_eq!(hash_any(b"Four score and seven years ago", 1), 0xcd628161);
    }

    #[test]
    fn short_and_block_boundaries() {
        for n in 0..40 {
            let v: Vec<u8> = (0..n).map(|i| i as u8).collect();
            // deterministic and sensitive to the length
            assert_eq!(hash_any(&v, 7), hash_any(&v, 7));
            if n > 0 {
                assert_ne!(hash_any(&v, 7), hash_any(&v[..n as usize - 1], 7));
            }
        }
    }

    #[test]
    fn growth_policy() {
        assert_eq!(grow_to(1024, 2048), None);
        assert_eq!(grow_to(1024, 2049), Some(2048));
        assert_eq!(grow_to(1, 100), Some(64));
        assert_eq!(grow_to(0, 100), None);
        assert_eq!(grow_to(MAX_BUCKETS, usize::MAX), None);
    }
}
