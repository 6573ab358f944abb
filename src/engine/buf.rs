//! The message buffer: one raw, 8-byte aligned allocation whose address never changes unless
//! the owner explicitly grows it (`nlmsg_expand`), so C may keep pointers into it
//! (`nlmsg_hdr`, `nla_data`, `nla_nest_start`).
//!
//! This is the engine's only `unsafe` code. Every access derives a short-lived slice from the raw
//! pointer, bounds-checked against the capacity, so pointers C holds stay valid and no Rust
//! reference outlives a call.
//!
//! Zeroing is lazy: libnl callocs its whole buffer (4 KiB by default) for every message, which is
//! most of its per-message cost. [`Buf`] keeps a high-water mark instead and zeroes bytes the first
//! time they are handed out ([`Buf::prepare`]). Bytes below the mark keep what was written there,
//! exactly as they would in libnl's buffer; bytes above it read as zero once handed out, as
//! libnl's calloc'd memory does. (The one difference: bytes C writes *past the message tail*
//! without reserving them first are zeroed when later reserved; libnl would keep them.)

use std::alloc::{self, Layout};
use std::ops::Range;
use std::ptr::NonNull;

use crate::error::{Error, Result};

/// Alignment of every buffer: enough for `nlmsghdr` and any 64-bit payload.
pub const ALIGN: usize = 8;

/// A raw byte buffer, owned or borrowed (see [`Buf::borrowed`]).
pub struct Buf {
    ptr: NonNull<u8>,
    cap: usize,
    /// Bytes `[0, init)` have been handed out (and so initialised) at least once.
    init: usize,
    owned: bool,
}

// SAFETY: Buf owns its allocation (or, when borrowed, the creator vouches for the memory); it has
// no thread affinity. It is not Sync-shared by the engine.
unsafe impl Send for Buf {}

impl Buf {
    /// Allocates `cap` bytes (at least one), uninitialised until [`Buf::prepare`]d.
    pub fn with_capacity(cap: usize) -> Result<Buf> {
        let cap = cap.max(1);
        let layout = Layout::from_size_align(cap, ALIGN).map_err(|_| Error::NoMem)?;
        // SAFETY: layout has a non-zero size.
        let raw = unsafe { alloc::alloc(layout) };
        let ptr = NonNull::new(raw).ok_or(Error::NoMem)?;
        Ok(Buf {
            ptr,
            cap,
            init: 0,
            owned: true,
        })
    }

    /// A buffer with no memory (capacity 0): what a slot that may hold a buffer holds when it
    /// holds none. Every field is written, unlike `Option<Buf>::None`, which writes only the
    /// discriminant: optimised code may test the other fields of a `None` before its
    /// discriminant (harmless on the CPU, but a branch on never-written bytes for valgrind).
    pub const fn empty() -> Buf {
        Buf {
            ptr: NonNull::dangling(),
            cap: 0,
            init: 0,
            owned: false,
        }
    }

    /// A view of `len` bytes someone else owns (for dispatching received messages in place).
    ///
    /// # Safety
    /// `ptr` must be 8-byte aligned and valid for reads and writes of `len` initialised bytes for
    /// as long as the returned `Buf` (or anything derived from it) is used.
    pub unsafe fn borrowed(ptr: NonNull<u8>, len: usize) -> Buf {
        Buf {
            ptr,
            cap: len,
            init: len,
            owned: false,
        }
    }

    /// Whether this buffer owns its memory.
    pub fn is_owned(&self) -> bool {
        self.owned
    }

    /// Capacity in bytes.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// The start address (stable until [`Buf::grow`]).
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Marks `range` as handed out: zeroes the part of it that was never handed out before.
    /// Returns `None` if the range exceeds the capacity.
    pub fn prepare(&mut self, range: Range<usize>) -> Option<()> {
        if range.start > range.end || range.end > self.cap {
            return None;
        }
        if range.end > self.init {
            let from = self.init.max(range.start);
            self.bytes_mut(from..range.end)?.fill(0);
            self.init = range.end;
        }
        Some(())
    }

    /// Writes a record at the tail in one pass (the attribute-put fast path): bytes
    /// `[gap_from, start)` are handed out (zeroed only where never handed out before, like
    /// [`Buf::prepare`]), `head` then `body` are copied to `start`, and the rest up to `end` is
    /// zeroed. Nothing in `[start, end)` is written twice. `None` if the layout does not fit.
    /// `body` may point into this buffer (C may copy one attribute's payload into another).
    #[inline(always)]
    pub fn write_record(
        &mut self,
        gap_from: usize,
        start: usize,
        head: &[u8],
        body: &[u8],
        end: usize,
    ) -> Option<()> {
        let body_at = start.checked_add(head.len())?;
        let pad_at = body_at.checked_add(body.len())?;
        if gap_from > start || pad_at > end || end > self.cap {
            return None;
        }
        let base = self.ptr.as_ptr();
        let zero_from = self.init.max(gap_from);
        // SAFETY: every offset written is below `end <= cap` (checked above), so all writes stay
        // inside the allocation; `ptr::copy` allows `body` to overlap the buffer; no Rust
        // reference to the written bytes exists during the writes.
        unsafe {
            if zero_from < start {
                std::ptr::write_bytes(base.add(zero_from), 0, start - zero_from);
            }
            std::ptr::copy(head.as_ptr(), base.add(start), head.len());
            std::ptr::copy(body.as_ptr(), base.add(body_at), body.len());
            // Attribute padding is 0..=3 bytes: a short loop beats a memset call.
            let mut i = pad_at;
            while i < end {
                *base.add(i) = 0;
                i += 1;
            }
        }
        self.init = self.init.max(end);
        Some(())
    }

    /// Zeroes everything up to `len` that was never handed out (used when C gets a pointer to the
    /// whole buffer, e.g. a copy source).
    pub fn prepare_to(&mut self, len: usize) -> Option<()> {
        self.prepare(0..len)
    }

    /// Shared view of `range`; `None` if it exceeds the capacity.
    pub fn bytes(&self, range: Range<usize>) -> Option<&[u8]> {
        if range.start > range.end || range.end > self.cap {
            return None;
        }
        // SAFETY: the range lies inside the allocation of `cap` bytes; bytes were initialised by
        // `prepare` or by C through pointers we handed out (the engine never reads past the
        // message length, which only grows through `prepare` or C's own writes).
        Some(unsafe {
            std::slice::from_raw_parts(self.ptr.as_ptr().add(range.start), range.end - range.start)
        })
    }

    /// Mutable view of `range`; `None` if it exceeds the capacity.
    pub fn bytes_mut(&mut self, range: Range<usize>) -> Option<&mut [u8]> {
        if range.start > range.end || range.end > self.cap {
            return None;
        }
        // SAFETY: as in `bytes`; `&mut self` guarantees no other Rust view exists.
        Some(unsafe {
            std::slice::from_raw_parts_mut(
                self.ptr.as_ptr().add(range.start),
                range.end - range.start,
            )
        })
    }

    /// Pointer to byte `off` (may equal the capacity: the one-past-the-end tail pointer).
    pub fn ptr_at(&self, off: usize) -> Option<*mut u8> {
        if off > self.cap {
            return None;
        }
        // SAFETY: off <= cap, so the result stays within (or one past) the allocation.
        Some(unsafe { self.ptr.as_ptr().add(off) })
    }

    /// Byte offset of `p` inside this buffer, if it points into `[start, start + cap]`.
    pub fn offset_of(&self, p: *const u8) -> Option<usize> {
        let start = self.ptr.as_ptr() as usize;
        let addr = p as usize;
        if addr >= start && addr - start <= self.cap {
            Some(addr - start)
        } else {
            None
        }
    }

    /// Reads a native-endian `u16` at `off`.
    pub fn read_u16(&self, off: usize) -> Option<u16> {
        let b = self.bytes(off..off.checked_add(2)?)?;
        Some(u16::from_ne_bytes(b.try_into().ok()?))
    }

    /// Reads a native-endian `u32` at `off`.
    pub fn read_u32(&self, off: usize) -> Option<u32> {
        let b = self.bytes(off..off.checked_add(4)?)?;
        Some(u32::from_ne_bytes(b.try_into().ok()?))
    }

    /// Writes a native-endian `u16` at `off`.
    pub fn write_u16(&mut self, off: usize, v: u16) -> Option<()> {
        self.bytes_mut(off..off.checked_add(2)?)?
            .copy_from_slice(&v.to_ne_bytes());
        Some(())
    }

    /// Writes a native-endian `u32` at `off`.
    pub fn write_u32(&mut self, off: usize, v: u32) -> Option<()> {
        self.bytes_mut(off..off.checked_add(4)?)?
            .copy_from_slice(&v.to_ne_bytes());
        Some(())
    }

    /// Grows an owned buffer to `new_cap` bytes (the address may change). Fails with
    /// `Error::Inval` unless `new_cap` is larger than the capacity, `Error::OpNotSupp` on a
    /// borrowed buffer.
    pub fn grow(&mut self, new_cap: usize) -> Result<()> {
        if new_cap <= self.cap {
            return Err(Error::Inval);
        }
        if !self.owned {
            return Err(Error::OpNotSupp);
        }
        let old = Layout::from_size_align(self.cap, ALIGN).map_err(|_| Error::NoMem)?;
        Layout::from_size_align(new_cap, ALIGN).map_err(|_| Error::NoMem)?;
        // SAFETY: ptr was allocated by the global allocator with `old`; new_cap is non-zero and
        // forms a valid layout with the same alignment (checked above).
        let raw = unsafe { alloc::realloc(self.ptr.as_ptr(), old, new_cap) };
        self.ptr = NonNull::new(raw).ok_or(Error::NoMem)?;
        self.cap = new_cap;
        Ok(())
    }

    /// An owned copy of the first `len` bytes, with capacity `cap` (>= len).
    pub fn copy_prefix(&self, len: usize, cap: usize) -> Result<Buf> {
        let src = self.bytes(0..len).ok_or(Error::Inval)?;
        let mut b = Buf::with_capacity(cap.max(len))?;
        b.prepare(0..len).ok_or(Error::NoMem)?;
        b.bytes_mut(0..len)
            .ok_or(Error::NoMem)?
            .copy_from_slice(src);
        Ok(b)
    }
}

impl Drop for Buf {
    fn drop(&mut self) {
        if self.owned {
            if let Ok(layout) = Layout::from_size_align(self.cap, ALIGN) {
                // SAFETY: allocated by the global allocator with exactly this layout.
                unsafe { alloc::dealloc(self.ptr.as_ptr(), layout) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_zero_keeps_written_bytes() {
        let mut b = Buf::with_capacity(64).unwrap();
        b.prepare(0..8).unwrap();
        assert_eq!(b.bytes(0..8).unwrap(), &[0; 8]);
        b.bytes_mut(0..8).unwrap().fill(0xaa);
        // re-handing out already initialised bytes keeps them, fresh bytes are zero
        b.prepare(4..16).unwrap();
        assert_eq!(b.bytes(4..8).unwrap(), &[0xaa; 4]);
        assert_eq!(b.bytes(8..16).unwrap(), &[0; 8]);
        assert!(b.prepare(60..65).is_none());
        assert!(b.bytes(0..65).is_none());
    }

    #[test]
    fn grow_keeps_content_and_rejects_shrink() {
        let mut b = Buf::with_capacity(16).unwrap();
        b.prepare(0..16).unwrap();
        b.write_u32(12, 0xdead_beef).unwrap();
        assert_eq!(b.grow(16), Err(Error::Inval));
        b.grow(4096).unwrap();
        assert_eq!(b.read_u32(12), Some(0xdead_beef));
        assert_eq!(b.cap(), 4096);
        assert!(b.read_u32(4094).is_none());
        assert_eq!(b.as_ptr() as usize % ALIGN, 0);
    }

    #[test]
    fn write_record_layout() {
        let mut b = Buf::with_capacity(32).unwrap();
        b.prepare(0..6).unwrap();
        b.bytes_mut(0..6).unwrap().fill(0xee);
        // gap 5..8 keeps the two handed-out bytes, zeroes the fresh one
        b.write_record(5, 8, &[1, 2], &[3, 4, 5], 16).unwrap();
        assert_eq!(
            b.bytes(5..16).unwrap(),
            &[0xee, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0]
        );
        assert!(b.write_record(9, 8, &[], &[], 8).is_none());
        assert!(b.write_record(8, 8, &[1; 4], &[1; 5], 16).is_none());
        assert!(b.write_record(8, 8, &[], &[], 33).is_none());
    }

    #[test]
    fn empty_has_no_memory() {
        let mut b = Buf::empty();
        assert_eq!(b.cap(), 0);
        assert!(!b.is_owned());
        assert!(b.prepare(0..0).is_some());
        assert!(b.bytes(0..1).is_none());
        assert_eq!(b.grow(8), Err(Error::OpNotSupp));
    }

    #[test]
    fn offsets() {
        let b = Buf::with_capacity(32).unwrap();
        let p = b.ptr_at(8).unwrap();
        assert_eq!(b.offset_of(p), Some(8));
        assert_eq!(b.offset_of(b.ptr_at(32).unwrap()), Some(32));
        assert!(b.ptr_at(33).is_none());
        assert_eq!(b.offset_of(std::ptr::null()), None);
    }
}
