//! Engine errors and their mapping to libnl's `NLE_*` codes.
//!
//! The engine returns [`Error`]; only the FFI layer turns it into a negative `c_int` with
//! [`Error::to_nle`]. [`syserr2nlerr`] is libnl 3.7's errno mapping, [`geterror`] its strings.
#![forbid(unsafe_code)]

use std::ffi::CStr;
use std::fmt;

/// An engine error. Every variant but [`Error::Sys`] is one libnl `NLE_*` code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// NLE_FAILURE: unspecific failure.
    Failure,
    /// NLE_INTR: interrupted system call.
    Intr,
    /// NLE_BAD_SOCK: bad socket.
    BadSock,
    /// NLE_AGAIN: try again.
    Again,
    /// NLE_NOMEM: out of memory (also: no room left in a message).
    NoMem,
    /// NLE_EXIST: object exists.
    Exist,
    /// NLE_INVAL: invalid input data or parameter.
    Inval,
    /// NLE_RANGE: input data out of range.
    Range,
    /// NLE_MSGSIZE: message size not sufficient.
    MsgSize,
    /// NLE_OPNOTSUPP: operation not supported.
    OpNotSupp,
    /// NLE_AF_NOSUPPORT: address family not supported.
    AfNoSupport,
    /// NLE_OBJ_NOTFOUND: object not found.
    ObjNotFound,
    /// NLE_NOATTR: attribute not available.
    NoAttr,
    /// NLE_MISSING_ATTR: missing attribute.
    MissingAttr,
    /// NLE_AF_MISMATCH: address family mismatch.
    AfMismatch,
    /// NLE_SEQ_MISMATCH: message sequence number mismatch.
    SeqMismatch,
    /// NLE_MSG_OVERFLOW: kernel reported message overflow.
    MsgOverflow,
    /// NLE_MSG_TRUNC: kernel reported truncated message.
    MsgTrunc,
    /// NLE_NOADDR: invalid address for the address family.
    NoAddr,
    /// NLE_SRCRT_NOSUPPORT: source based routing not supported.
    SrcRtNoSupport,
    /// NLE_MSG_TOOSHORT: netlink message is too short.
    MsgTooShort,
    /// NLE_MSGTYPE_NOSUPPORT: netlink message type is not supported.
    MsgTypeNoSupport,
    /// NLE_OBJ_MISMATCH: object type does not match cache.
    ObjMismatch,
    /// NLE_NOCACHE: unknown or invalid cache type.
    NoCache,
    /// NLE_BUSY: object busy.
    Busy,
    /// NLE_PROTO_MISMATCH: protocol mismatch.
    ProtoMismatch,
    /// NLE_NOACCESS: no access.
    NoAccess,
    /// NLE_PERM: operation not permitted.
    Perm,
    /// NLE_PKTLOC_FILE: unable to open packet location file.
    PktlocFile,
    /// NLE_PARSE_ERR: unable to parse object.
    ParseErr,
    /// NLE_NODEV: no such device.
    NoDev,
    /// NLE_IMMUTABLE: immutable attribute.
    Immutable,
    /// NLE_DUMP_INTR: dump inconsistency detected, interrupted.
    DumpIntr,
    /// NLE_ATTRSIZE: attribute max length exceeded.
    AttrSize,
    /// An operating-system error; keeps the errno, maps through [`syserr2nlerr`].
    Sys(i32),
}

/// Result type of the engine.
pub type Result<T> = std::result::Result<T, Error>;

/// `NLE_*` codes in libnl 3.7 order (index = code), used for both directions.
const CODES: [Error; 35] = [
    Error::Failure, // 0 is NLE_SUCCESS; never produced as an error, placeholder only
    Error::Failure,
    Error::Intr,
    Error::BadSock,
    Error::Again,
    Error::NoMem,
    Error::Exist,
    Error::Inval,
    Error::Range,
    Error::MsgSize,
    Error::OpNotSupp,
    Error::AfNoSupport,
    Error::ObjNotFound,
    Error::NoAttr,
    Error::MissingAttr,
    Error::AfMismatch,
    Error::SeqMismatch,
    Error::MsgOverflow,
    Error::MsgTrunc,
    Error::NoAddr,
    Error::SrcRtNoSupport,
    Error::MsgTooShort,
    Error::MsgTypeNoSupport,
    Error::ObjMismatch,
    Error::NoCache,
    Error::Busy,
    Error::ProtoMismatch,
    Error::NoAccess,
    Error::Perm,
    Error::PktlocFile,
    Error::ParseErr,
    Error::NoDev,
    Error::Immutable,
    Error::DumpIntr,
    Error::AttrSize,
];

/// `nl_geterror()` strings, index = NLE code (libnl 3.7.0 observable output); C strings
/// because `nl_geterror` hands them to C.
const STRINGS: [&CStr; 35] = [
    c"Success",
    c"Unspecific failure",
    c"Interrupted system call",
    c"Bad socket",
    c"Try again",
    c"Out of memory",
    c"Object exists",
    c"Invalid input data or parameter",
    c"Input data out of range",
    c"Message size not sufficient",
    c"Operation not supported",
    c"Address family not supported",
    c"Object not found",
    c"Attribute not available",
    c"Missing attribute",
    c"Address family mismatch",
    c"Message sequence number mismatch",
    c"Kernel reported message overflow",
    c"Kernel reported truncated message",
    c"Invalid address for specified address family",
    c"Source based routing not supported",
    c"Netlink message is too short",
    c"Netlink message type is not supported",
    c"Object type does not match cache",
    c"Unknown or invalid cache type",
    c"Object busy",
    c"Protocol mismatch",
    c"No Access",
    c"Operation not permitted",
    c"Unable to open packet location file",
    c"Unable to parse object",
    c"No such device",
    c"Immutable attribute",
    c"Dump inconsistency detected, interrupted",
    c"Attribute max length exceeded",
];

impl Error {
    /// The positive `NLE_*` code of this error.
    pub fn code(self) -> i32 {
        match self {
            Error::Sys(errno) => syserr2nlerr(errno),
            e => CODES
                .iter()
                .skip(1)
                .position(|c| *c == e)
                .map_or(1, |i| i as i32 + 1),
        }
    }

    /// The negative `NLE_*` code that libnl functions return for this error.
    pub fn to_nle(self) -> i32 {
        -self.code()
    }

    /// The error for a positive or negative `NLE_*` code (unknown codes: [`Error::Failure`]).
    pub fn from_code(code: i32) -> Error {
        let idx = code.unsigned_abs() as usize;
        match CODES.get(idx) {
            Some(e) if idx != 0 => *e,
            _ => Error::Failure,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(geterror(self.code()).to_bytes()))
    }
}

impl std::error::Error for Error {}

/// libnl's `nl_geterror()`: the message for a code; the sign is ignored, unknown codes give
/// "Unspecific failure" (libnl-compat: libnl crashes on `INT_MIN`).
pub fn geterror(code: i32) -> &'static CStr {
    STRINGS
        .get(code.unsigned_abs() as usize)
        .copied()
        .unwrap_or(STRINGS[1])
}

/// The line `nl_perror` prints: `prefix: <message>` (just the message for an empty prefix)
/// and a newline.
pub fn perror_line(code: i32, prefix: &[u8]) -> Vec<u8> {
    let mut line = Vec::with_capacity(prefix.len() + 64);
    if !prefix.is_empty() {
        line.extend_from_slice(prefix);
        line.extend_from_slice(b": ");
    }
    line.extend_from_slice(geterror(code).to_bytes());
    line.push(b'\n');
    line
}

/// libnl 3.7's `nl_syserr2nlerr()`: a positive `NLE_*` code for an errno value (its sign is
/// ignored).
pub fn syserr2nlerr(errno: i32) -> i32 {
    let e = errno.unsigned_abs() as i32;
    let err = match e {
        libc::EBADF | libc::ENOTSOCK => Error::BadSock,
        libc::EADDRINUSE | libc::EEXIST => Error::Exist,
        libc::EADDRNOTAVAIL => Error::NoAddr,
        libc::ESRCH | libc::ENOENT => Error::ObjNotFound,
        libc::EINTR => Error::Intr,
        libc::EAGAIN => Error::Again,
        libc::EFAULT | libc::ENOPROTOOPT | libc::EINVAL => Error::Inval,
        libc::EACCES => Error::NoAccess,
        // libnl-compat: ENOBUFS is reported as "out of memory", not as a lost-message overrun.
        libc::ENOMEM | libc::ENOBUFS => Error::NoMem,
        libc::EAFNOSUPPORT => Error::AfNoSupport,
        libc::EPROTONOSUPPORT => Error::ProtoMismatch,
        libc::EOPNOTSUPP => Error::OpNotSupp,
        libc::EPERM => Error::Perm,
        libc::EBUSY => Error::Busy,
        libc::ERANGE => Error::Range,
        libc::ENODEV => Error::NoDev,
        _ => Error::Failure,
    };
    err.code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in 1..=34 {
            assert_eq!(Error::from_code(-code).code(), code);
            assert_eq!(Error::from_code(-code).to_nle(), -code);
        }
        assert_eq!(Error::from_code(0), Error::Failure);
        assert_eq!(Error::from_code(99), Error::Failure);
    }

    #[test]
    fn strings_ignore_sign_and_range() {
        assert_eq!(geterror(0), c"Success");
        assert_eq!(geterror(-7), c"Invalid input data or parameter");
        assert_eq!(geterror(7), c"Invalid input data or parameter");
        assert_eq!(geterror(35), c"Unspecific failure");
        assert_eq!(geterror(i32::MIN), c"Unspecific failure");
        assert_eq!(perror_line(-5, b"put"), b"put: Out of memory\n");
        assert_eq!(perror_line(0, b""), b"Success\n");
        assert_eq!(Error::AttrSize.to_string(), "Attribute max length exceeded");
    }

    #[test]
    fn errno_table_matches_libnl() {
        let table = [
            (libc::EPERM, 28),
            (libc::ENOENT, 12),
            (libc::ESRCH, 12),
            (libc::EINTR, 2),
            (libc::EBADF, 3),
            (libc::EAGAIN, 4),
            (libc::ENOMEM, 5),
            (libc::EACCES, 27),
            (libc::EFAULT, 7),
            (libc::EBUSY, 25),
            (libc::EEXIST, 6),
            (libc::ENODEV, 31),
            (libc::EINVAL, 7),
            (libc::ERANGE, 8),
            (libc::ENOTSOCK, 3),
            (libc::ENOPROTOOPT, 7),
            (libc::EPROTONOSUPPORT, 26),
            (libc::EOPNOTSUPP, 10),
            (libc::EAFNOSUPPORT, 11),
            (libc::EADDRINUSE, 6),
            (libc::EADDRNOTAVAIL, 19),
            (libc::ENOBUFS, 5),
            (-libc::EINVAL, 7),
            (0, 1),
            (libc::EIO, 1),
            (140, 1),
        ];
        for (errno, code) in table {
            assert_eq!(syserr2nlerr(errno), code, "errno {errno}");
        }
        assert_eq!(Error::Sys(libc::EEXIST).to_nle(), -6);
    }
}
