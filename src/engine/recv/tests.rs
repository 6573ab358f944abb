use super::*;

/// Builds one netlink message.
fn msg(ty: u16, flags: u16, seq: u32, payload: &[u8]) -> Vec<u8> {
    let len = 16 + payload.len();
    let mut v = Vec::new();
    v.extend_from_slice(&(len as u32).to_ne_bytes());
    v.extend_from_slice(&ty.to_ne_bytes());
    v.extend_from_slice(&flags.to_ne_bytes());
    v.extend_from_slice(&seq.to_ne_bytes());
    v.extend_from_slice(&7u32.to_ne_bytes());
    v.extend_from_slice(payload);
    while v.len() % 4 != 0 {
        v.push(0);
    }
    v
}

fn err_msg(error: i32, seq: u32) -> Vec<u8> {
    let mut p = error.to_ne_bytes().to_vec();
    p.extend_from_slice(&msg(18, 0, seq, &[]));
    msg(NLMSG_ERROR, 0, seq, &p)
}

struct Script {
    dgrams: Vec<Result<Vec<u8>, i32>>,
    cur: Vec<u8>,
}

impl Script {
    fn new(d: Vec<Result<Vec<u8>, i32>>) -> Script {
        Script {
            dgrams: d.into_iter().rev().collect(),
            cur: Vec::new(),
        }
    }
}

impl Transport for Script {
    fn recv(&mut self) -> std::result::Result<Option<Datagram<'_>>, i32> {
        match self.dgrams.pop() {
            None => Ok(None),
            Some(Err(e)) => Err(e),
            Some(Ok(b)) => {
                self.cur = b;
                if self.cur.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Datagram {
                    bytes: &mut self.cur,
                    src: SockaddrNl::default(),
                    creds: None,
                }))
            }
        }
    }
}

#[derive(Default)]
struct Rec {
    set: Vec<CbType>,
    ret: Vec<(CbType, i32)>,
    err: Option<i32>,
    log: Vec<String>,
    seq: u32,
    no_ack: bool,
}

impl Handlers for Rec {
    fn is_set(&self, ty: CbType) -> bool {
        self.set.contains(&ty)
    }
    fn call(&mut self, ty: CbType, msg: &mut [u8], _meta: &Meta) -> i32 {
        let t = u16::from_ne_bytes([msg[4], msg[5]]);
        self.log.push(format!("{ty:?}:{t}"));
        self.ret
            .iter()
            .find(|(x, _)| *x == ty)
            .map_or(NL_OK, |r| r.1)
    }
    fn call_err(&mut self, _msg: &mut [u8], _meta: &Meta) -> Option<i32> {
        let r = self.err?;
        self.log.push("err".into());
        Some(r)
    }
    fn seq_expect(&self) -> u32 {
        self.seq
    }
    fn set_seq_expect(&mut self, seq: u32) {
        self.seq = seq;
    }
    fn no_auto_ack(&self) -> bool {
        self.no_ack
    }
}

fn all() -> Vec<CbType> {
    vec![CbType::Valid, CbType::Finish, CbType::Ack, CbType::MsgIn]
}

#[test]
fn dump_until_done_counts_messages() {
    let mut d1 = msg(16, NLM_F_MULTI, 5, &[1, 2, 3, 4]);
    d1.extend(msg(16, NLM_F_MULTI, 5, &[]));
    let d2 = msg(NLMSG_DONE, NLM_F_MULTI, 5, &0i32.to_ne_bytes());
    let mut t = Script::new(vec![Ok(d1), Ok(d2)]);
    let mut h = Rec {
        set: all(),
        seq: 5,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 3);
    assert_eq!(
        h.log,
        [
            "MsgIn:16", "Valid:16", "MsgIn:16", "Valid:16", "MsgIn:3", "Finish:3"
        ]
    );
    assert_eq!(h.seq, 6);
}

#[test]
fn ack_and_error() {
    let mut t = Script::new(vec![Ok(err_msg(0, 1))]);
    let mut h = Rec {
        set: all(),
        seq: 1,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 1);
    assert_eq!(h.log, ["MsgIn:2", "Ack:2"]);

    let mut t = Script::new(vec![Ok(err_msg(-libc::ENODEV, 1))]);
    let mut h = Rec {
        seq: 1,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), -31);

    for (ret, want) in [(NL_STOP, -31), (NL_SKIP, 1), (NL_OK, 1), (-8, -8), (9, 1)] {
        let mut t = Script::new(vec![Ok(err_msg(-libc::ENODEV, 1))]);
        let mut h = Rec {
            seq: 1,
            err: Some(ret),
            ..Rec::default()
        };
        assert_eq!(recvmsgs(&mut t, &mut h), want, "err cb {ret}");
    }
}

#[test]
fn sequence_mismatch_and_invalid() {
    let mut t = Script::new(vec![Ok(err_msg(0, 9))]);
    let mut h = Rec {
        seq: 1,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), -16);
    // with auto-ack off, no check
    let mut t = Script::new(vec![Ok(err_msg(0, 9))]);
    let mut h = Rec {
        seq: 1,
        no_ack: true,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 1);
    // INVALID callback instead of the error
    let mut t = Script::new(vec![Ok(err_msg(0, 9))]);
    let mut h = Rec {
        seq: 1,
        set: vec![CbType::Invalid],
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 1);
    assert_eq!(h.log, ["Invalid:2"]);
}

#[test]
fn truncated_error_overrun_noop() {
    let short = msg(NLMSG_ERROR, 0, 1, &[0; 8]);
    let mut t = Script::new(vec![Ok(short)]);
    let mut h = Rec {
        seq: 1,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), -(Error::MsgTrunc.code()));
    let mut t = Script::new(vec![Ok(msg(NLMSG_OVERRUN, 0, 1, &[]))]);
    let mut h = Rec {
        seq: 1,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), -(Error::MsgOverflow.code()));
    let mut d = msg(NLMSG_NOOP, 0, 1, &[]);
    d.extend(err_msg(0, 2));
    let mut t = Script::new(vec![Ok(d)]);
    let mut h = Rec {
        seq: 1,
        set: all(),
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 2);
    assert_eq!(h.log, ["MsgIn:1", "MsgIn:2", "Ack:2"]);
}

#[test]
fn dump_intr_reported_after_done() {
    let mut d = msg(16, NLM_F_MULTI | NLM_F_DUMP_INTR, 3, &[]);
    d.extend(msg(NLMSG_DONE, NLM_F_MULTI, 3, &[0; 4]));
    let mut t = Script::new(vec![Ok(d)]);
    let mut h = Rec {
        seq: 3,
        set: all(),
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), -(Error::DumpIntr.code()));
    assert_eq!(h.log.len(), 4);
}

#[test]
fn done_with_error_code_is_just_done() {
    let d = msg(NLMSG_DONE, NLM_F_MULTI, 3, &(-5i32).to_ne_bytes());
    let mut t = Script::new(vec![Ok(d)]);
    let mut h = Rec {
        seq: 3,
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 1);
}

#[test]
fn short_zero_and_garbage_datagrams() {
    // zero-length read ends the loop with 0
    let mut t = Script::new(vec![Ok(Vec::new())]);
    assert_eq!(recvmsgs(&mut t, &mut Rec::default()), 0);
    // errors are returned as is
    let mut t = Script::new(vec![Err(-4)]);
    assert_eq!(recvmsgs(&mut t, &mut Rec::default()), -4);
    // too short / overlong header: nothing processed
    let mut t = Script::new(vec![Ok(vec![1, 2, 3])]);
    assert_eq!(recvmsgs(&mut t, &mut Rec::default()), 0);
    let mut m = msg(16, 0, 0, &[]);
    m[0] = 200;
    let mut t = Script::new(vec![Ok(m)]);
    assert_eq!(recvmsgs(&mut t, &mut Rec::default()), 0);
    // trailing junk after a valid message is ignored
    let mut m = msg(16, 0, 0, &[]);
    m.extend([9, 9, 9]);
    let mut t = Script::new(vec![Ok(m)]);
    assert_eq!(
        recvmsgs(
            &mut t,
            &mut Rec {
                set: all(),
                ..Rec::default()
            }
        ),
        1
    );
}

#[test]
fn stop_and_skip() {
    let mut d = msg(16, NLM_F_MULTI, 0, &[]);
    d.extend(msg(16, NLM_F_MULTI, 0, &[]));
    let mut t = Script::new(vec![Ok(d.clone())]);
    let mut h = Rec {
        set: all(),
        ret: vec![(CbType::Valid, NL_STOP)],
        ..Rec::default()
    };
    assert_eq!(recvmsgs(&mut t, &mut h), 1);
    let mut t = Script::new(vec![Ok(d), Ok(Vec::new())]);
    let mut h = Rec {
        set: all(),
        ret: vec![(CbType::MsgIn, NL_SKIP)],
        ..Rec::default()
    };
    // skipped before the multipart flag is looked at: the loop ends with this datagram
    assert_eq!(recvmsgs(&mut t, &mut h), 2);
    assert_eq!(h.log, ["MsgIn:16", "MsgIn:16"]);
}
