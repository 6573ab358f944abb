//! The `ppp` kind (`IFLA_PPP_DEV_FD`), observed from libnl 3.7.0: the file descriptor when
//! set, in the request; nothing in the dumps, no comparison. libnl has no policy for the
//! attribute: a shorter payload is read padded with zeros.
#![forbid(unsafe_code)]

use crate::engine::attr;
use crate::engine::msg::Message;
use crate::engine::policy::{Policy, PolicyTable};
use crate::error::Result;

/// `IFLA_PPP_DEV_FD`.
pub const DEV_FD: u16 = 1;

/// The data of a ppp link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ppp {
    /// The file descriptor, when set.
    pub fd: Option<i32>,
}

struct NoPolicy;

impl PolicyTable for NoPolicy {
    fn entry(&self, _ty: usize) -> Option<Policy> {
        None
    }
}

impl Ppp {
    /// Parses `IFLA_INFO_DATA`.
    pub fn parse(&mut self, data: &[u8]) -> Result<()> {
        let tb = crate::engine::route::link::payloads(data, usize::from(DEV_FD), &NoPolicy)?;
        if let Some(p) = tb.get(usize::from(DEV_FD)).copied().flatten() {
            self.fd = Some(i32::from_ne_bytes(attr::read_ne::<4>(p)));
        }
        Ok(())
    }

    /// The attributes of `IFLA_INFO_DATA` in a request.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if let Some(fd) = self.fd {
            m.put_attr(DEV_FD, &fd.to_ne_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_put() {
        let bytes = [8, 0, 1, 0, 0xfd, 0xff, 0xff, 0xff];
        let mut v = Ppp::default();
        v.parse(&bytes).unwrap();
        assert_eq!(v.fd, Some(-3));
        let mut m = Message::simple(16, 0).unwrap();
        v.put(&mut m).unwrap();
        assert_eq!(&m.bytes()[16..], &bytes[..]);
        let mut s = Ppp::default();
        s.parse(&[6, 0, 1, 0, 5, 0]).unwrap();
        assert_eq!(s.fd, Some(5));
    }
}
