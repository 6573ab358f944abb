//! Planning of cache synchronisation with the kernel (refill / resync).
//!
//! A cache type may ask for one dump per address family (`NL_CACHE_AF_ITER` with a
//! multicast-group table): the dump is requested once per table entry with the cache's
//! argument 1 set to that entry's family. Without the flag, or without groups, one dump is
//! requested and argument 1 is left alone. An interrupted dump (`NLM_F_DUMP_INTR`) is
//! requested again; [`MAX_DUMP_RESTARTS`] bounds how often, so a kernel table that changes
//! without pause cannot keep the caller busy for ever.
#![forbid(unsafe_code)]

/// How many times one family's dump is restarted after `NLM_F_DUMP_INTR` before the
/// interruption is reported to the caller (libnl restarts without limit).
pub const MAX_DUMP_RESTARTS: u32 = 1000;

/// One dump request of a synchronisation: the family to put into argument 1, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pass {
    /// `Some(family)`: set the cache's argument 1 to it before requesting.
    pub family: Option<i32>,
}

/// The passes of a synchronisation, given the type's `(family, group)` entries (up to, not
/// including, the `group == 0` terminator) and whether the cache iterates families.
pub fn passes(groups: &[(i32, u32)], af_iter: bool) -> Vec<Pass> {
    if af_iter && !groups.is_empty() {
        groups
            .iter()
            .map(|(family, _)| Pass {
                family: Some(*family),
            })
            .collect()
    } else {
        vec![Pass { family: None }]
    }
}

/// What to do after a pickup returned `result` in restart number `restarts` of a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The pass completed; go on with the next one.
    Done,
    /// The dump was interrupted: request it again.
    Restart,
    /// Stop and report this (negative) code.
    Fail(i32),
}

/// Decides the next step from a pickup result (`dump_intr` is `-NLE_DUMP_INTR`).
pub fn next(result: i32, dump_intr: i32, restarts: u32) -> Next {
    if result == dump_intr && restarts < MAX_DUMP_RESTARTS {
        Next::Restart
    } else if result < 0 {
        Next::Fail(result)
    } else {
        Next::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_groups_is_one_plain_pass() {
        assert_eq!(passes(&[], true), vec![Pass { family: None }]);
        assert_eq!(passes(&[], false), vec![Pass { family: None }]);
    }

    #[test]
    fn groups_without_af_iter_is_one_pass() {
        assert_eq!(
            passes(&[(2, 5), (10, 9)], false),
            vec![Pass { family: None }]
        );
    }

    #[test]
    fn af_iter_is_one_pass_per_group() {
        assert_eq!(
            passes(&[(2, 5), (10, 9), (2, 7)], true),
            vec![
                Pass { family: Some(2) },
                Pass { family: Some(10) },
                Pass { family: Some(2) }
            ]
        );
    }

    #[test]
    fn restart_policy() {
        assert_eq!(next(0, -33, 0), Next::Done);
        assert_eq!(next(5, -33, 0), Next::Done);
        assert_eq!(next(-33, -33, 0), Next::Restart);
        assert_eq!(next(-33, -33, MAX_DUMP_RESTARTS), Next::Fail(-33));
        assert_eq!(next(-5, -33, 0), Next::Fail(-5));
        assert_eq!(next(i32::MIN, -33, u32::MAX), Next::Fail(i32::MIN));
    }
}
