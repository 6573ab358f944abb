//! One module per fuzz target; each has `pub fn run(data: &[u8])`, which must not crash,
//! leak or hang for any input and asserts the properties it can check. Shared helpers here.
//!
//! The bodies call the engine and the `extern "C"` surface of `nlrs` directly, as a C program
//! would call libnlrs; every `unsafe` block says which C contract it keeps.

pub mod addr;
pub mod attr;
pub mod cache;
pub mod cacheparse;
pub mod diff;
pub mod genl;
pub mod link;
pub mod msgdump;
pub mod recv;

/// Reads the fuzzer's bytes as a stream of small decisions; past the end every read is 0.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }
    /// Whether every byte was read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }
    /// The next byte (0 past the end).
    pub fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    /// The next two bytes, little-endian.
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    /// The next four bytes, little-endian.
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    /// Up to `n` next bytes (fewer at the end).
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let start = self.pos.min(self.data.len());
        let end = start.saturating_add(n).min(self.data.len());
        self.pos = self.pos.saturating_add(n);
        &self.data[start..end]
    }
    /// A length byte (modulo `max`), then up to that many bytes.
    pub fn chunk(&mut self, max: u8) -> &'a [u8] {
        let n = usize::from(self.u8() % max);
        self.bytes(n)
    }
    /// Everything not read yet.
    pub fn rest(&mut self) -> &'a [u8] {
        let start = self.pos.min(self.data.len());
        self.pos = self.data.len();
        &self.data[start..]
    }
}

/// `bytes` copied into 8-byte aligned memory with `extra` zero bytes after them (netlink
/// headers are read in place, as the kernel's buffers are aligned).
pub fn aligned(bytes: &[u8], extra: usize) -> Vec<u64> {
    let mut v = vec![0u64; (bytes.len() + extra).div_ceil(8).max(1)];
    // SAFETY: v has at least bytes.len() bytes; u64 has no invalid bit patterns.
    let dst = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<u8>(), bytes.len()) };
    dst.copy_from_slice(bytes);
    v
}

/// A stream writing to `/dev/null` (for the printers and dumps), opened once per thread.
pub fn devnull() -> *mut libc::FILE {
    thread_local! {
        // SAFETY: both strings are NUL-terminated literals.
        static F: usize = unsafe { libc::fopen(c"/dev/null".as_ptr(), c"w".as_ptr()) } as usize;
    }
    F.with(|f| *f as *mut libc::FILE)
}

/// A netlink message header followed by `payload` (its length field set accordingly).
pub fn nlmsg(ty: u16, flags: u16, seq: u32, payload: &[u8]) -> Vec<u8> {
    let len = 16 + payload.len();
    let mut v = Vec::with_capacity(len + 3);
    v.extend_from_slice(&(len as u32).to_ne_bytes());
    v.extend_from_slice(&ty.to_ne_bytes());
    v.extend_from_slice(&flags.to_ne_bytes());
    v.extend_from_slice(&seq.to_ne_bytes());
    v.extend_from_slice(&0u32.to_ne_bytes());
    v.extend_from_slice(payload);
    while v.len() % 4 != 0 {
        v.push(0);
    }
    v
}

/// A policy of `maxtype + 1` entries drawn from `r`: every `NLA_*` type (and two unknown ones),
/// small minimal and maximal lengths.
pub fn policy(r: &mut Reader<'_>, maxtype: usize) -> Vec<nlrs::ffi::types::nla_policy> {
    (0..=maxtype)
        .map(|_| {
            let t = r.u8();
            let lens = r.u8();
            nlrs::ffi::types::nla_policy {
                // NLA_UNSPEC (0) .. NLA_S64 (15), then 16 and 17: past NLA_TYPE_MAX.
                type_: u16::from(t % 18),
                minlen: if t & 0x80 != 0 {
                    u16::from(lens & 0x0f)
                } else {
                    0
                },
                maxlen: if t & 0x40 != 0 {
                    u16::from(lens >> 4)
                } else {
                    0
                },
            }
        })
        .collect()
}
