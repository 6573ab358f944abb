//! Abstract data buffers (`struct nl_data`): a byte string with its size.
#![forbid(unsafe_code)]

use crate::error::{Error, Result};

/// The bytes of an `nl_data`. The `Vec`'s heap address is what `nl_data_get` returns, so it
/// must only be reallocated by operations libnl documents as moving the data (`nl_data_append`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Data(pub Vec<u8>);

/// A vector of `size` bytes: a copy of `src` when given, zeros otherwise. `NoMem` when the
/// allocation fails (instead of aborting).
fn filled(src: Option<&[u8]>, size: usize) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(size).map_err(|_| Error::NoMem)?;
    match src {
        Some(s) => v.extend_from_slice(s.get(..size).ok_or(Error::Inval)?),
        None => v.resize(size, 0),
    }
    Ok(v)
}

impl Data {
    /// `nl_data_alloc`: `size` bytes copied from `src`, or zeroed when `src` is `None`.
    /// `Inval` if `src` is shorter than `size`, `NoMem` when out of memory.
    pub fn new(src: Option<&[u8]>, size: usize) -> Result<Data> {
        filled(src, size).map(Data)
    }

    /// `nl_data_append`: appends `size` bytes from `src` (zeros when `None`). `NoMem` when the
    /// buffer cannot grow (the data is left unchanged).
    pub fn append(&mut self, src: Option<&[u8]>, size: usize) -> Result<()> {
        if size == 0 {
            return Ok(());
        }
        self.0.len().checked_add(size).ok_or(Error::NoMem)?;
        let extra = filled(src, size)?;
        self.0.try_reserve_exact(size).map_err(|_| Error::NoMem)?;
        self.0.extend_from_slice(&extra);
        Ok(())
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the buffer holds no bytes (`nl_data_get` then returns NULL).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `nl_data_cmp`: -1 when either side is empty; otherwise the first byte difference over
    /// this buffer's length (libnl-compat: libnl reads past a shorter `other`; we compare its
    /// missing bytes as zero).
    pub fn compare(&self, other: &Data) -> i32 {
        if self.is_empty() || other.is_empty() {
            return -1;
        }
        self.0
            .iter()
            .enumerate()
            .map(|(i, a)| i32::from(*a) - i32::from(other.0.get(i).copied().unwrap_or(0)))
            .find(|d| *d != 0)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_copy_or_zero() {
        assert_eq!(Data::new(Some(&[1, 2, 3]), 2).unwrap().0, vec![1, 2]);
        assert_eq!(Data::new(None, 3).unwrap().0, vec![0, 0, 0]);
        assert!(Data::new(None, 0).unwrap().is_empty());
        assert_eq!(Data::new(Some(&[1]), 2), Err(Error::Inval));
        assert_eq!(Data::new(None, usize::MAX), Err(Error::NoMem));
    }

    #[test]
    fn append_grows_or_fails_cleanly() {
        let mut d = Data::new(Some(&[1, 2]), 2).unwrap();
        d.append(None, 2).unwrap();
        d.append(Some(&[9]), 1).unwrap();
        d.append(None, 0).unwrap();
        assert_eq!(d.0, vec![1, 2, 0, 0, 9]);
        assert_eq!(d.append(None, usize::MAX), Err(Error::NoMem));
        assert_eq!(d.append(None, usize::MAX / 2), Err(Error::NoMem));
        // A size the allocator refuses (not the capacity check); it exists only on 64 bits.
        #[cfg(target_pointer_width = "64")]
        assert_eq!(d.append(None, 1 << 60), Err(Error::NoMem));
        assert_eq!(d.len(), 5);
    }

    #[test]
    fn compare() {
        let a = Data(vec![1, 2]);
        let b = Data(vec![1, 2, 3]);
        let c = Data(vec![2, 3]);
        let e = Data::default();
        assert_eq!(a.compare(&b), 0);
        assert_eq!(b.compare(&a), 3);
        assert_eq!(a.compare(&c), -1);
        assert_eq!(c.compare(&a), 1);
        assert_eq!(e.compare(&e), -1);
        assert_eq!(a.compare(&e), -1);
        assert_eq!(e.compare(&a), -1);
    }
}
