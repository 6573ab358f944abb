//! The `veth` kind: the peer link of a veth pair (`VETH_INFO_PEER`), sent when the pair is
//! created: a `struct ifinfomsg` and the peer's attributes as in an add request, without a
//! kind. The kernel does not report the peer in dumps, so nothing is parsed.
#![forbid(unsafe_code)]

use crate::engine::msg::Message;
use crate::engine::route::link::Link;
use crate::error::Result;

/// `VETH_INFO_PEER`.
pub const INFO_PEER: u16 = 1;

/// The data of a veth link: its peer (a link of kind veth without data of its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Veth {
    /// The peer link.
    pub peer: Box<Link>,
}

impl Default for Veth {
    fn default() -> Self {
        Veth {
            peer: Box::new(Link {
                kind: b"veth".to_vec(),
                mask: super::super::ATTR_LINKINFO,
                ..Link::default()
            }),
        }
    }
}

impl Veth {
    /// The attributes of `IFLA_INFO_DATA` in a request: the peer's header and attributes.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        let nest = m.nest_start(INFO_PEER)?;
        m.append(&self.peer.request_header(), 4)?;
        let mut peer = (*self.peer).clone();
        peer.mask &= !(super::super::ATTR_LINKINFO | super::super::ATTR_SLAVE_KIND);
        peer.put_request_attrs(m)?;
        m.nest_end(nest, true)
    }
}
