//! Socket state shared by the FFI socket: libnl's flag bits and its local port allocator.
//!
//! libnl builds a socket's local port from the process id (low 22 bits) and a 10-bit slot taken
//! from a process-wide bitmap, so one process can own up to 1024 sockets with distinct ports.
//! Slots are released when the socket is freed or given an explicit port.
#![forbid(unsafe_code)]

use std::sync::Mutex;

/// `NL_SOCK_BUFSIZE_SET`: socket buffer sizes were set explicitly.
pub const NL_SOCK_BUFSIZE_SET: i32 = 1 << 0;
/// `NL_SOCK_PASSCRED`: credentials are received.
pub const NL_SOCK_PASSCRED: i32 = 1 << 1;
/// `NL_OWN_PORT`: the local port was not taken from the allocator (nothing to release).
pub const NL_OWN_PORT: i32 = 1 << 2;
/// `NL_MSG_PEEK`: peek at each datagram to size the receive buffer.
pub const NL_MSG_PEEK: i32 = 1 << 3;
/// `NL_MSG_PEEK_EXPLICIT`: peeking was switched on or off explicitly.
pub const NL_MSG_PEEK_EXPLICIT: i32 = 1 << 4;
/// `NL_NO_AUTO_ACK`: requests are sent without `NLM_F_ACK` (bit read by libnl-nf directly).
pub const NL_NO_AUTO_ACK: i32 = 1 << 5;

/// Default socket buffer size libnl applies on connect (`SO_SNDBUF`/`SO_RCVBUF`).
pub const DEFAULT_BUFSIZE: i32 = 32768;

const SLOTS: usize = 1024;

/// The process-wide slot bitmap (32 words of 32 bits, as libnl's) and the walk state.
struct PortMap {
    used: [u32; SLOTS / 32],
    walk: u16,
}

static PORTS: Mutex<PortMap> = Mutex::new(PortMap {
    used: [0; SLOTS / 32],
    walk: 0,
});

fn lock() -> std::sync::MutexGuard<'static, PortMap> {
    PORTS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Picks a free slot and returns the port `(pid & 0x3FFFFF) + (slot << 22)` (never 0), or 0
/// when all 1024 slots are taken. `seed` starts the walk (libnl seeds with the time).
pub fn generate_port(pid: u32, seed: u32) -> u32 {
    let mut map = lock();
    if map.walk == 0 {
        map.walk = (seed ^ (seed >> 16) ^ 0x3047) as u16;
        if map.walk == 0 {
            map.walk = 1;
        }
    } else {
        map.walk = map.walk.wrapping_add(20011);
    }
    let start = usize::from(map.walk) % SLOTS;
    // Slots 0..32 (block 0) are tried last, as libnl leaves them for libnl-1 users.
    for pass in 0..2 {
        for k in 0..SLOTS {
            let slot = if pass == 0 {
                (start + k * 13) % SLOTS
            } else {
                k
            };
            if pass == 0 && slot < 32 {
                continue;
            }
            if pass == 1 && slot >= 32 {
                break;
            }
            let (w, b) = (slot / 32, slot % 32);
            let Some(word) = map.used.get_mut(w) else {
                continue;
            };
            if *word & (1 << b) != 0 {
                continue;
            }
            *word |= 1 << b;
            let port = (pid & 0x3F_FFFF).wrapping_add((slot as u32) << 22);
            return if port == 0 { 1024 } else { port };
        }
    }
    0
}

/// Returns the slot of `port` to the allocator (no-op for port 0).
pub fn release_port(port: u32) {
    if port == 0 {
        return;
    }
    let slot = (port >> 22) as usize;
    let mut map = lock();
    if let Some(word) = map.used.get_mut(slot / 32) {
        *word &= !(1u32 << (slot % 32));
    }
}

/// Marks the slot of `port` used (for ports skipped during connect) — `true` if it was free.
pub fn reserve_port(port: u32) -> bool {
    let slot = (port >> 22) as usize;
    let mut map = lock();
    match map.used.get_mut(slot / 32) {
        Some(word) if *word & (1 << (slot % 32)) == 0 => {
            *word |= 1 << (slot % 32);
            true
        }
        _ => false,
    }
}

/// Releases every slot whose bit is set in `used` (32 words of 32 slot bits, libnl's
/// `used_ports` layout); slots not in use are left alone.
pub fn release_slots(used: &[u32; SLOTS / 32]) {
    let mut map = lock();
    for (w, bits) in map.used.iter_mut().zip(used.iter()) {
        *w &= !*bits;
    }
}

/// Marks the slot of `port` in a caller-side `used` bitmap.
pub fn slot_set(used: &mut [u32; SLOTS / 32], port: u32) {
    let slot = (port >> 22) as usize;
    if let Some(w) = used.get_mut(slot / 32) {
        *w |= 1 << (slot % 32);
    }
}

/// How many unsent sequence numbers a socket remembers (older ones are forgotten first).
const SEQ_HOLES: usize = 16;

/// Sequence numbers a socket handed out (`s_seq_next`) whose request was then not sent.
///
/// libnl numbers a request before sending it and keeps the number when the send fails; it
/// counts acknowledgements to know which number the next reply carries (`s_seq_expect`), so a
/// number that was never sent leaves that count behind for good. libnlrs consumes the number
/// just the same but remembers it here, and moves the expected number over it as soon as it is
/// the one expected. A later successful send of the same message (a retry, which keeps its
/// number) moves the expectation back. All arithmetic wraps, like the 32-bit counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeqHoles {
    /// Remembered numbers, oldest first.
    nums: [u32; SEQ_HOLES],
    /// How many of `nums` are in use.
    len: usize,
}

/// Whether `seq` lies in `[from, to)` on the wrapping 32-bit circle.
fn in_window(seq: u32, from: u32, to: u32) -> bool {
    seq.wrapping_sub(from) < to.wrapping_sub(from)
}

impl SeqHoles {
    /// Whether no number is remembered.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn used(&self) -> &[u32] {
        self.nums.get(..self.len).unwrap_or_default()
    }

    fn contains(&self, seq: u32) -> bool {
        self.used().contains(&seq)
    }

    fn remove(&mut self, seq: u32) {
        if let Some(i) = self.used().iter().position(|n| *n == seq) {
            if let Some(tail) = self.nums.get_mut(i..self.len) {
                tail.rotate_left(1);
            }
            self.len -= 1;
        }
    }

    fn push(&mut self, seq: u32) {
        if self.len == SEQ_HOLES {
            self.nums.rotate_left(1);
            self.len -= 1;
        }
        if let Some(slot) = self.nums.get_mut(self.len) {
            *slot = seq;
            self.len += 1;
        }
    }

    /// The expected number after skipping remembered numbers: from `expect` onwards, up to but
    /// not past `next` (numbers not handed out yet).
    pub fn skip(&self, expect: u32, next: u32) -> u32 {
        let mut e = expect;
        while e != next && self.contains(e) {
            e = e.wrapping_add(1);
        }
        e
    }

    /// A request numbered `seq` was not sent. Only numbers the socket handed out and still
    /// waits for (`[expect, next)`) are remembered. Returns the new expected number.
    pub fn unsent(&mut self, expect: u32, next: u32, seq: u32) -> u32 {
        if in_window(seq, expect, next) && !self.contains(seq) {
            self.push(seq);
        }
        self.skip(expect, next)
    }

    /// A request numbered `seq` was sent. If it is a remembered number that the expectation
    /// already moved past, and everything between it and the expected number was skipped as
    /// unsent too, the reply to `seq` is the next one after all. Returns the new expected
    /// number.
    pub fn sent(&mut self, expect: u32, seq: u32) -> u32 {
        if !self.contains(seq) {
            return expect;
        }
        self.remove(seq);
        // At most SEQ_HOLES numbers can have been skipped.
        let behind = expect.wrapping_sub(seq);
        let rewind = (1..=SEQ_HOLES as u32).contains(&behind)
            && (1..behind).all(|d| self.contains(seq.wrapping_add(d)));
        if rewind { seq } else { expect }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsent_numbers_are_skipped() {
        let mut h = SeqHoles::default();
        // Nothing outstanding: request 10 is not sent, the next reply is 11's.
        assert_eq!(h.unsent(10, 11, 10), 11);
        // Request 11 answered meanwhile is not outstanding: only [expect, next) counts.
        assert_eq!(h.unsent(11, 11, 9), 11);
        // 11 and 12 outstanding, 13 not sent: expectation stays until 12 is answered.
        assert_eq!(h.unsent(11, 14, 13), 11);
        assert_eq!(h.skip(12, 14), 12);
        assert_eq!(h.skip(13, 14), 14);
        // Wrapping counters.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(u32::MAX, 1, u32::MAX), 0);
        assert_eq!(h.unsent(0, 1, 0), 1);
        assert_eq!(h.skip(u32::MAX, 1), 1);
        // A number being unsent twice is remembered once.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(5, 7, 6), 5);
        assert_eq!(h.unsent(5, 7, 6), 5);
        assert_eq!(h.len, 1);
    }

    #[test]
    fn retry_moves_the_expectation_back() {
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(10, 11, 10), 11);
        assert_eq!(h.sent(11, 10), 10);
        // Answered: the loop moves on, nothing left to skip.
        assert_eq!(h.skip(11, 11), 11);
        assert_eq!(h.sent(11, 11), 11);
        // Two unsent, the older one retried: its reply comes first, then the other is skipped.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(20, 22, 20), 21);
        assert_eq!(h.unsent(21, 22, 21), 22);
        assert_eq!(h.sent(22, 20), 20);
        assert_eq!(h.skip(21, 22), 22);
        // Retrying after a later request was answered cannot rewind.
        let mut h = SeqHoles::default();
        assert_eq!(h.unsent(30, 31, 30), 31);
        assert_eq!(h.sent(32, 30), 32);
        // A number never remembered changes nothing.
        assert_eq!(h.sent(40, 40), 40);
    }

    #[test]
    fn memory_is_bounded() {
        let mut h = SeqHoles::default();
        let mut e = 0;
        for seq in 0..100u32 {
            e = h.unsent(e, seq + 1, seq);
        }
        assert_eq!(e, 100);
        assert_eq!(h.len, SEQ_HOLES);
        assert!(h.contains(99) && !h.contains(99 - SEQ_HOLES as u32));
    }

    #[test]
    fn ports_are_distinct_and_released() {
        let pid = 0x1234;
        let mut seen = std::collections::HashSet::new();
        let ports: Vec<u32> = (0..100).map(|i| generate_port(pid, 77 + i)).collect();
        for p in &ports {
            assert_ne!(*p, 0);
            assert_eq!(p & 0x3F_FFFF, pid);
            assert!(seen.insert(*p));
        }
        for p in &ports {
            release_port(*p);
        }
        assert!(reserve_port(ports[0]));
        assert!(!reserve_port(ports[0]));
        release_port(ports[0]);
        release_port(0);
        let mut bits = [0u32; 32];
        slot_set(&mut bits, 77);
        slot_set(&mut bits, 0xffc0_0000);
        assert_eq!(bits[31], 0x8000_0000);
        assert_eq!(bits[0], 1);
        let mut used = [0u32; 32];
        slot_set(&mut used, ports[1]);
        assert!(reserve_port(ports[1]));
        release_slots(&used);
        assert!(reserve_port(ports[1]));
        release_port(ports[1]);
    }

    #[test]
    fn threads_get_distinct_ports() {
        let handles: Vec<_> = (0..8)
            .map(|t| {
                std::thread::spawn(move || {
                    (0..20)
                        .map(|i| generate_port(7, t * 100 + i))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all = std::collections::HashSet::new();
        for h in handles {
            for p in h.join().unwrap() {
                assert!(all.insert(p));
            }
        }
        for p in all {
            release_port(p);
        }
    }
}
