//! `AF_INET` link data: the IPv4 device configuration (`IFLA_INET_CONF`, an array of
//! `IPV4_DEVCONF_*` values indexed from 1), with libnl's names and dump, observed from libnl
//! 3.7.0.
#![forbid(unsafe_code)]

use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::trans;
use crate::error::{Error, Result};

/// `IFLA_INET_CONF`.
pub const INET_CONF: u16 = 1;
/// The number of values libnl keeps (`IPV4_DEVCONF_MAX` of its build): ids 1 to 32.
pub const CONF_MAX: usize = 32;

/// The names of the ids libnl knows (`rtnl_link_inet_devconf2str`), by id.
const NAMES: &[(u64, &str)] = &[
    (1, "forwarding"),
    (2, "mc_forwarding"),
    (3, "proxy_arp"),
    (4, "accept_redirects"),
    (5, "secure_redirects"),
    (6, "send_redirects"),
    (7, "shared_media"),
    (8, "rp_filter"),
    (9, "accept_source_route"),
    (10, "bootp_relay"),
    (11, "log_martians"),
    (12, "tag"),
    (13, "arpfilter"),
    (14, "medium_id"),
    (15, "noxfrm"),
    (16, "nopolicy"),
    (17, "force_igmp_version"),
    (18, "arp_announce"),
    (19, "arp_ignore"),
    (20, "promote_secondaries"),
    (21, "arp_accept"),
    (22, "arp_notify"),
    (23, "accept_local"),
    (24, "src_vmark"),
    (25, "proxy_arp_pvlan"),
    (26, "route_localnet"),
    (27, "igmpv2_unsolicited_report_interval"),
    (28, "igmpv3_unsolicited_report_interval"),
];

/// `rtnl_link_inet_devconf2str`: the name of `id`, `0x..` when unknown.
pub fn devconf2str(id: i32) -> Vec<u8> {
    trans::type2str(id, trans::entries(NAMES))
}

/// `rtnl_link_inet_str2devconf`.
pub fn str2devconf(s: &[u8]) -> Result<i32> {
    trans::str2type(s, trans::entries(NAMES))
}

/// The IPv4 configuration of a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inet {
    /// Values by id - 1, `None` for those not known (received, or set by the caller; the
    /// known ones are what a request sends).
    pub conf: [Option<u32>; CONF_MAX],
}

impl Inet {
    /// Parses the `AF_INET` nest of `IFLA_AF_SPEC`. An array whose length is not a multiple
    /// of four is refused with libnl's `-EINVAL` (its number, 22).
    pub fn parse(&mut self, nest: &[u8]) -> Result<()> {
        let Some(a) = crate::engine::attr::iter(nest).find(|a| a.ty() == INET_CONF) else {
            return Ok(());
        };
        if a.payload.len() % 4 != 0 {
            return Err(Error::MsgTypeNoSupport);
        }
        for (c, w) in self.conf.iter_mut().zip(a.payload.chunks_exact(4)) {
            *c = Some(u32::from_ne_bytes(crate::engine::attr::read_ne::<4>(w)));
        }
        Ok(())
    }

    /// `rtnl_link_inet_get_conf`: `-NLE_RANGE` outside 1..=32, `-NLE_INVAL` for an unknown
    /// value.
    pub fn get(&self, id: u32) -> Result<u32> {
        self.conf
            .get(index(id)?)
            .copied()
            .flatten()
            .ok_or(Error::Inval)
    }

    /// `rtnl_link_inet_set_conf`.
    pub fn set(&mut self, id: u32, v: u32) -> Result<()> {
        let c = self.conf.get_mut(index(id)?).ok_or(Error::Range)?;
        *c = Some(v);
        Ok(())
    }

    /// The `AF_INET` nest of a request: `IFLA_INET_CONF` holding one attribute per known value
    /// (its id as type), none when nothing is known.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if self.conf.iter().all(Option::is_none) {
            return Ok(());
        }
        let fam = m.nest_start(libc::AF_INET as u16)?;
        let conf = m.nest_start(INET_CONF)?;
        for (id, v) in (1u16..).zip(self.conf) {
            if let Some(v) = v {
                m.put_attr(id, &v.to_ne_bytes())?;
            }
        }
        m.nest_end(conf, false)?;
        m.nest_end(fam, false)
    }

    /// The details: every value in rows of three (unknown ones as 0).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let mut s = String::from("    ipv4 devconf:\n      ");
        for (id, v) in (1..).zip(self.conf) {
            let name = String::from_utf8_lossy(&devconf2str(id)).into_owned();
            s.push_str(&format!("{name:<19} {:>3}", v.unwrap_or(0)));
            s.push_str(if id % 3 == 0 { "\n      " } else { "  " });
        }
        s.push('\n');
        out.text(&s);
    }
}

fn index(id: u32) -> Result<usize> {
    match usize::try_from(id) {
        Ok(i @ 1..=CONF_MAX) => Ok(i - 1),
        _ => Err(Error::Range),
    }
}
