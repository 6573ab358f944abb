//! The output rules of libnl's `struct nl_dump_params`: how `nl_new_line` starts a line and
//! where the text of `nl_dump` / `nl_dump_line` goes.
//!
//! The C fields and callbacks are reached through the [`DumpParams`] trait (the FFI layer
//! implements it over the caller's struct); the rules themselves are here:
//!
//! * a new line counts itself in `dp_line`, writes `dp_prefix` spaces (to `dp_fd`, else
//!   appended to `dp_buf`), then calls `dp_nl_cb` with the line number;
//! * text goes to `dp_fd` when set, else to `dp_cb`, else is appended to `dp_buf`, never
//!   growing the NUL-terminated string there past `dp_buflen - 1` bytes.
#![forbid(unsafe_code)]

/// The fields and callbacks of one `struct nl_dump_params`. Each call reads the field afresh,
/// so a callback that changes the struct is seen by the next step, as in C.
pub trait DumpParams {
    /// `dp_prefix`: spaces written at the start of each line.
    fn prefix(&self) -> i32;
    /// Increments `dp_line` (wrapping, as C's `unsigned int`) and returns the new value.
    fn next_line(&mut self) -> u32;
    /// Whether `dp_fd` is set.
    fn has_stream(&self) -> bool;
    /// Writes `text` to `dp_fd`.
    fn write_stream(&mut self, text: &[u8]);
    /// Whether `dp_cb` is set.
    fn has_text_cb(&self) -> bool;
    /// Calls `dp_cb` with `text` (the callee sees it NUL-terminated).
    fn text_cb(&mut self, text: &[u8]);
    /// Calls `dp_nl_cb` with the line number, when it is set.
    fn line_cb(&mut self, line: i32);
    /// `dp_buf` as `dp_buflen` bytes; `None` when `dp_buf` is NULL.
    fn buf(&mut self) -> Option<&mut [u8]>;
}

/// Where the text of one `nl_dump` / `nl_dump_line` call goes (libnl's order: `dp_fd`, else
/// `dp_cb`, else `dp_buf`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Nothing is printed: no parameters, no format, or no target set.
    Nothing,
    /// `dp_fd`: the text is printed to the stream.
    Stream,
    /// `dp_cb` or `dp_buf`: the formatted text goes to [`deliver`].
    Text,
}

/// Appends `text` to the NUL-terminated string in `buf`, keeping the string below
/// `buf.len()` bytes (libnl's `strncat` bound) and NUL-terminated.
///
/// libnl-compat: libnl computes the bound as `dp_buflen - strlen - 1`, which underflows for a
/// zero length or an unterminated buffer and overruns it; nothing is appended then.
pub fn buf_append(buf: &mut [u8], text: &[u8]) {
    let Some(cur) = buf.iter().position(|c| *c == 0) else {
        return;
    };
    let room = buf.len().saturating_sub(cur + 1);
    let n = text.len().min(room);
    if let (Some(dst), Some(src)) = (buf.get_mut(cur..cur + n), text.get(..n)) {
        dst.copy_from_slice(src);
    }
    if let Some(nul) = buf.get_mut(cur + n) {
        *nul = 0;
    }
}

/// `nl_new_line`: counts the line, writes `dp_prefix` spaces to `dp_fd` (or appends them to
/// `dp_buf`), then calls `dp_nl_cb`.
pub fn new_line(p: &mut impl DumpParams) {
    let line = p.next_line();
    let prefix = usize::try_from(p.prefix()).unwrap_or(0);
    if prefix > 0 {
        let spaces = vec![b' '; prefix];
        if p.has_stream() {
            p.write_stream(&spaces);
        } else if let Some(b) = p.buf() {
            buf_append(b, &spaces);
        }
    }
    p.line_cb(line as i32);
}

/// `nl_dump` / `nl_dump_line` with NULL parameters: logged at `NLDBG >= 1`, nothing printed.
pub fn no_params() {
    crate::nl_dbg!(
        1,
        "nl_dump: invalid argument: `!params.is_null()` does not hold\n"
    );
}

/// The first half of `nl_dump` / `nl_dump_line` (`newline`), before the text is formatted:
/// the new line (made also when the format is missing, as in libnl), the format check (logged
/// at `NLDBG >= 1`), then the target.
pub fn begin(p: &mut impl DumpParams, has_fmt: bool, newline: bool) -> Target {
    if newline {
        new_line(p);
    }
    if !has_fmt {
        crate::nl_dbg!(
            1,
            "nl_dump: invalid argument: `!fmt.is_null()` does not hold\n"
        );
        return Target::Nothing;
    }
    if p.has_stream() {
        Target::Stream
    } else if p.has_text_cb() || p.buf().is_some() {
        Target::Text
    } else {
        Target::Nothing
    }
}

/// The second half for [`Target::Text`]: hands `text` to `dp_cb`, else appends it to
/// `dp_buf`.
pub fn deliver(p: &mut impl DumpParams, text: &[u8]) {
    if p.has_text_cb() {
        p.text_cb(text);
    } else if let Some(b) = p.buf() {
        buf_append(b, text);
    }
}

/// Sends already formatted `text` to the dump target exactly as `nl_dump` (or, with
/// `newline`, `nl_dump_line`) with the format `"%s"` would.
pub fn dump_text(p: &mut impl DumpParams, text: &[u8], newline: bool) {
    match begin(p, true, newline) {
        Target::Nothing => {}
        Target::Stream => p.write_stream(text),
        Target::Text => deliver(p, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parameters recording what the rules do with them.
    #[derive(Default)]
    struct Fake {
        prefix: i32,
        line: u32,
        /// `dp_fd` and what was written to it.
        stream: Option<Vec<u8>>,
        /// `dp_cb` and the texts it received.
        texts: Option<Vec<Vec<u8>>>,
        /// `dp_nl_cb` and the line numbers it received.
        lines: Option<Vec<i32>>,
        buf: Option<Vec<u8>>,
    }

    impl DumpParams for Fake {
        fn prefix(&self) -> i32 {
            self.prefix
        }
        fn next_line(&mut self) -> u32 {
            self.line = self.line.wrapping_add(1);
            self.line
        }
        fn has_stream(&self) -> bool {
            self.stream.is_some()
        }
        fn write_stream(&mut self, text: &[u8]) {
            self.stream.as_mut().unwrap().extend_from_slice(text);
        }
        fn has_text_cb(&self) -> bool {
            self.texts.is_some()
        }
        fn text_cb(&mut self, text: &[u8]) {
            self.texts.as_mut().unwrap().push(text.to_vec());
        }
        fn line_cb(&mut self, line: i32) {
            if let Some(l) = self.lines.as_mut() {
                l.push(line);
            }
        }
        fn buf(&mut self) -> Option<&mut [u8]> {
            self.buf.as_deref_mut()
        }
    }

    fn buf(size: usize, init: &[u8]) -> Option<Vec<u8>> {
        let mut b = vec![0u8; size];
        b[..init.len()].copy_from_slice(init);
        Some(b)
    }

    #[test]
    fn append_keeps_the_strncat_bound() {
        let mut b = [b'a', 0, 9, 9, 9];
        buf_append(&mut b, b"xyz");
        assert_eq!(b, [b'a', b'x', b'y', b'z', 0]);
        buf_append(&mut b, b"more");
        assert_eq!(b, [b'a', b'x', b'y', b'z', 0]);
        let mut b = [0, 7, 7];
        buf_append(&mut b, b"hello");
        assert_eq!(b, [b'h', b'e', 0]);
        // unterminated or empty: nothing (libnl overruns)
        let mut b = [1, 2, 3];
        buf_append(&mut b, b"x");
        assert_eq!(b, [1, 2, 3]);
        buf_append(&mut [], b"x");
    }

    #[test]
    fn new_line_prefix_goes_to_the_stream_else_the_buffer() {
        let mut p = Fake {
            prefix: 3,
            stream: Some(Vec::new()),
            lines: Some(Vec::new()),
            buf: buf(8, b""),
            ..Fake::default()
        };
        new_line(&mut p);
        new_line(&mut p);
        assert_eq!(p.stream.as_deref(), Some(&b"      "[..]));
        assert_eq!(p.lines.as_deref(), Some(&[1, 2][..]));
        assert_eq!(p.buf.as_deref(), Some(&[0u8; 8][..]));

        let mut p = Fake {
            prefix: 2,
            buf: buf(8, b"ab"),
            ..Fake::default()
        };
        new_line(&mut p);
        assert_eq!(p.line, 1);
        assert_eq!(p.buf.as_deref(), Some(&b"ab  \0\0\0\0"[..]));
        // no prefix (or a negative one): only the count
        for prefix in [0, -4] {
            let mut p = Fake {
                prefix,
                stream: Some(Vec::new()),
                ..Fake::default()
            };
            new_line(&mut p);
            assert_eq!((p.line, p.stream.as_deref()), (1, Some(&b""[..])));
        }
    }

    #[test]
    fn line_numbers_wrap_like_c() {
        let mut p = Fake {
            line: 0x7fff_ffff,
            lines: Some(Vec::new()),
            ..Fake::default()
        };
        new_line(&mut p);
        p.line = u32::MAX;
        new_line(&mut p);
        assert_eq!(p.lines, Some(vec![i32::MIN, 0]));
    }

    #[test]
    fn target_order_is_stream_callback_buffer() {
        let all = || Fake {
            stream: Some(Vec::new()),
            texts: Some(Vec::new()),
            buf: buf(4, b""),
            ..Fake::default()
        };
        assert_eq!(begin(&mut all(), true, false), Target::Stream);
        let mut p = all();
        p.stream = None;
        assert_eq!(begin(&mut p, true, false), Target::Text);
        p.texts = None;
        assert_eq!(begin(&mut p, true, false), Target::Text);
        // a zero-length buffer still is a target (the text then goes nowhere)
        p.buf = Some(Vec::new());
        assert_eq!(begin(&mut p, true, false), Target::Text);
        p.buf = None;
        assert_eq!(begin(&mut p, true, false), Target::Nothing);
        // a missing format prints nothing, but nl_dump_line has made its new line
        let mut p = all();
        p.prefix = 1;
        assert_eq!(begin(&mut p, false, true), Target::Nothing);
        assert_eq!((p.line, p.stream.as_deref()), (1, Some(&b" "[..])));
    }

    #[test]
    fn text_goes_to_the_callback_else_the_buffer() {
        let mut p = Fake {
            texts: Some(Vec::new()),
            buf: buf(4, b""),
            ..Fake::default()
        };
        deliver(&mut p, b"abc");
        assert_eq!(p.texts, Some(vec![b"abc".to_vec()]));
        assert_eq!(p.buf.as_deref(), Some(&[0u8; 4][..]));
        p.texts = None;
        deliver(&mut p, b"abcdef");
        assert_eq!(p.buf.as_deref(), Some(&b"abc\0"[..]));
    }

    #[test]
    fn dump_text_lines() {
        let mut p = Fake {
            prefix: 2,
            lines: Some(Vec::new()),
            buf: buf(16, b""),
            ..Fake::default()
        };
        dump_text(&mut p, b"a\n", true);
        dump_text(&mut p, b"b", true);
        dump_text(&mut p, b"c", false);
        assert_eq!(p.buf.as_deref(), Some(&b"  a\n  bc\0\0\0\0\0\0\0\0"[..]));
        assert_eq!(p.lines, Some(vec![1, 2]));
        let mut p = Fake {
            prefix: 1,
            stream: Some(Vec::new()),
            texts: Some(Vec::new()),
            ..Fake::default()
        };
        dump_text(&mut p, b"x", true);
        assert_eq!(p.stream.as_deref(), Some(&b" x"[..]));
        assert_eq!(p.texts, Some(vec![]));
    }
}
