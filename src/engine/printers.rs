//! libnl's default callbacks (`NL_CB_VERBOSE`, `NL_CB_DEBUG`): which callback type gets a
//! printer for which kind, what each prints for a message, and the verdict it returns. The FFI
//! layer gives each printer a C function (callback sets hold C function pointers) that writes
//! the text to the callback's stream.
#![forbid(unsafe_code)]

use crate::engine::dump::header_summary;
use crate::engine::recv::{CbType, NL_OK, NL_SKIP, NL_STOP};

/// `NL_CB_VERBOSE`.
pub const KIND_VERBOSE: i32 = 1;
/// `NL_CB_DEBUG`.
pub const KIND_DEBUG: i32 = 2;

/// One of libnl's default message printers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printer {
    /// Verbose: a valid message nobody handled (printed on stdout by default).
    ValidVerbose,
    /// Debug: a valid message nobody handled.
    ValidDebug,
    /// Debug: end of a multipart message.
    FinishDebug,
    /// Verbose: the kernel dropped messages.
    OverrunVerbose,
    /// Debug: a skipped (NOOP) message.
    SkippedDebug,
    /// Debug: an acknowledgement.
    AckDebug,
    /// Debug: every received message, dumped in full.
    MsgInDebug,
    /// Debug: every sent message, dumped in full.
    MsgOutDebug,
    /// Verbose: an invalid message.
    InvalidVerbose,
}

/// The printer libnl installs for callback type `ty` with kind `kind` (`NL_CB_DEFAULT`,
/// `NL_CB_VERBOSE`, `NL_CB_DEBUG`); `None` where it installs none.
pub fn default_printer(ty: CbType, kind: i32) -> Option<Printer> {
    let verbose = kind == KIND_VERBOSE || kind == KIND_DEBUG;
    let debug = kind == KIND_DEBUG;
    match ty {
        CbType::Valid if debug => Some(Printer::ValidDebug),
        CbType::Valid if verbose => Some(Printer::ValidVerbose),
        CbType::Finish if debug => Some(Printer::FinishDebug),
        CbType::Overrun if verbose => Some(Printer::OverrunVerbose),
        CbType::Skipped if debug => Some(Printer::SkippedDebug),
        CbType::Ack if debug => Some(Printer::AckDebug),
        CbType::MsgIn if debug => Some(Printer::MsgInDebug),
        CbType::MsgOut if debug => Some(Printer::MsgOutDebug),
        CbType::Invalid if verbose => Some(Printer::InvalidVerbose),
        _ => None,
    }
}

/// What a printer does with a message whose header is `hdr`: the line it prints (for the
/// full-dump printers, the line before the dump) and the verdict it returns.
pub fn print(p: Printer, hdr: &[u8]) -> (String, i32) {
    let h = header_summary(hdr);
    match p {
        Printer::ValidVerbose => (format!("-- Warning: unhandled valid message: {h}\n"), NL_OK),
        Printer::ValidDebug => (format!("-- Debug: Unhandled Valid message: {h}\n"), NL_OK),
        Printer::FinishDebug => (
            format!("-- Debug: End of multipart message block: {h}\n"),
            NL_STOP,
        ),
        Printer::OverrunVerbose => (format!("-- Error: Netlink Overrun: {h}\n"), NL_STOP),
        Printer::SkippedDebug => (format!("-- Debug: Skipped message: {h}\n"), NL_SKIP),
        Printer::AckDebug => (format!("-- Debug: ACK: {h}\n"), NL_STOP),
        Printer::MsgInDebug => ("-- Debug: Received Message:\n".into(), NL_OK),
        Printer::MsgOutDebug => ("-- Debug: Sent Message:\n".into(), NL_OK),
        Printer::InvalidVerbose => (format!("-- Error: Invalid message: {h}\n"), NL_STOP),
    }
}

/// What the verbose error printer prints for a kernel error (`err` is the `nlmsgerr`: the
/// negative errno, then the original header) given the errno text, and the errno it reports.
pub fn print_error(err: &[u8], strerror: impl Fn(i32) -> String) -> (String, i32) {
    let error = err
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, i32::from_ne_bytes);
    (
        format!(
            "-- Error received: {}\n-- Original message: {}\n",
            strerror(error.wrapping_neg()),
            header_summary(err.get(4..).unwrap_or_default())
        ),
        error,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printers_per_kind() {
        assert_eq!(default_printer(CbType::Valid, 0), None);
        assert_eq!(
            default_printer(CbType::Valid, KIND_VERBOSE),
            Some(Printer::ValidVerbose)
        );
        assert_eq!(
            default_printer(CbType::Valid, KIND_DEBUG),
            Some(Printer::ValidDebug)
        );
        assert_eq!(default_printer(CbType::Ack, KIND_VERBOSE), None);
        assert_eq!(
            default_printer(CbType::Invalid, KIND_DEBUG),
            Some(Printer::InvalidVerbose)
        );
        assert_eq!(default_printer(CbType::SeqCheck, KIND_DEBUG), None);
    }

    #[test]
    fn texts_and_verdicts() {
        let mut h = 20u32.to_ne_bytes().to_vec();
        h.extend(3u16.to_ne_bytes());
        h.extend(2u16.to_ne_bytes());
        h.extend(7u32.to_ne_bytes());
        h.extend(9u32.to_ne_bytes());
        let (t, v) = print(Printer::AckDebug, &h);
        assert_eq!(
            t,
            "-- Debug: ACK: type=DONE length=20 flags=<MULTI> sequence-nr=7 pid=9\n"
        );
        assert_eq!(v, NL_STOP);
        assert_eq!(print(Printer::SkippedDebug, &[]).1, NL_SKIP);
        let mut e = (-2i32).to_ne_bytes().to_vec();
        e.extend(&h);
        let (t, errno) = print_error(&e, |n| format!("E{n}"));
        assert_eq!(errno, -2);
        assert!(t.starts_with("-- Error received: E2\n-- Original message: type=DONE"));
    }
}
