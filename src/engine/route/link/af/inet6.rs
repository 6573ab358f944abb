//! `AF_INET6` link data (the `AF_INET6` nest of `IFLA_AF_SPEC`, or `IFLA_PROTINFO` of an
//! `AF_INET6` link message): flags, cache information, the IPv6 device configuration, the
//! IPv6 and ICMPv6 counters (kept with the link's statistics, as libnl keeps them), the
//! token and the address generation mode; libnl's names and dumps, observed from libnl 3.7.0.
#![forbid(unsafe_code)]

use crate::engine::addr::{self, Addr};
use crate::engine::msg::Message;
use crate::engine::object::DumpOut;
use crate::engine::policy::{NLA_U8, NLA_U32, NLA_UNSPEC, Policy, PolicyTable};
use crate::engine::route::link::STATS_COUNT;
use crate::engine::{attr, trans, units};
use crate::error::{Error, Result};

/// `IFLA_INET6_FLAGS`.
pub const FLAGS: u16 = 1;
/// `IFLA_INET6_CONF`.
pub const CONF: u16 = 2;
/// `IFLA_INET6_STATS`.
pub const STATS: u16 = 3;
/// `IFLA_INET6_CACHEINFO`.
pub const CACHEINFO: u16 = 5;
/// `IFLA_INET6_ICMP6STATS`.
pub const ICMP6STATS: u16 = 6;
/// `IFLA_INET6_TOKEN`.
pub const TOKEN: u16 = 7;
/// `IFLA_INET6_ADDR_GEN_MODE`.
pub const ADDR_GEN_MODE: u16 = 8;
const MAX: usize = 8;

/// The number of configuration values libnl keeps (`DEVCONF_MAX` of its build).
pub const CONF_MAX: usize = 51;
/// The address generation mode is unknown (libnl's initial value).
pub const AGM_UNKNOWN: u8 = u8::MAX;

/// `IPSTATS_MIB_*` index → link statistic id (libnl's `_nltst_map_stat_id_from_IPSTATS_MIB_v2`;
/// 0 for the count at index 0).
pub const IPSTATS_MAP: [u8; 37] = [
    0, 23, 47, 31, 32, 33, 48, 24, 25, 26, 27, 28, 29, 30, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
    44, 45, 46, 49, 50, 51, 52, 58, 59, 60, 61, 62, 64,
];
/// The first statistic id of the ICMPv6 counters (`ICMP6_MIB_INMSGS` .. `_CSUMERRORS`).
pub const ICMP6_FIRST: usize = 53;
/// The number of ICMPv6 counters.
pub const ICMP6_COUNT: usize = 5;

/// Flag names (`rtnl_link_inet6_flags2str`), in libnl's order.
const FLAG_NAMES: &[(u64, &str)] = &[
    (0x80, "ra_otherconf"),
    (0x40, "ra_managed"),
    (0x20, "ra_rcvd"),
    (0x10, "rs_sent"),
    (0x8000_0000, "ready"),
];

/// Address generation modes (`IN6_ADDR_GEN_MODE_*` as libnl names them).
const AGM_NAMES: &[(u64, &str)] = &[(0, "eui64"), (1, "none"), (2, "stable_privacy")];

/// Configuration names by index (`DEVCONF_*`); later indexes print as `0x..`.
const CONF_NAMES: [&str; 29] = [
    "forwarding",
    "hoplimit",
    "mtu6",
    "accept_ra",
    "accept_redirects",
    "autoconf",
    "dad_transmits",
    "rtr_solicits",
    "rtr_solicit_interval",
    "rtr_solicit_delay",
    "use_tempaddr",
    "temp_valid_lft",
    "temp_prefered_lft",
    "regen_max_retry",
    "max_desync_factor",
    "max_addresses",
    "force_mld_version",
    "accept_ra_defrtr",
    "accept_ra_pinfo",
    "accept_ra_rtr_pref",
    "rtr_probe_interval",
    "accept_ra_rt_info",
    "proxy_ndp",
    "optimistic_dad",
    "accept_source_route",
    "mc_forwarding",
    "disable_ipv6",
    "accept_dad",
    "force_tllao",
];

/// `rtnl_link_inet6_flags2str` into a buffer of `len` bytes.
pub fn flags2str(flags: i32, len: usize) -> Vec<u8> {
    trans::flags2str(flags, len, trans::entries(FLAG_NAMES))
}

/// `rtnl_link_inet6_str2flags`.
pub fn str2flags(s: &[u8]) -> i32 {
    trans::str2flags(s, trans::entries(FLAG_NAMES))
}

/// `rtnl_link_inet6_addrgenmode2str`.
pub fn addrgenmode2str(mode: u8) -> Vec<u8> {
    trans::type2str(i32::from(mode), trans::entries(AGM_NAMES))
}

/// `rtnl_link_inet6_str2addrgenmode`: the mode, or libnl's negative error truncated to a byte.
pub fn str2addrgenmode(s: &[u8]) -> u8 {
    match trans::str2type(s, trans::entries(AGM_NAMES)) {
        Ok(v) => v as u8,
        Err(e) => e.to_nle() as u8,
    }
}

struct Inet6Policy;

impl PolicyTable for Inet6Policy {
    fn entry(&self, ty: usize) -> Option<Policy> {
        match u16::try_from(ty).ok()? {
            FLAGS => Some(Policy::of(NLA_U32)),
            CACHEINFO | TOKEN => Some(Policy {
                ty: NLA_UNSPEC,
                minlen: 16,
                maxlen: 0,
            }),
            ADDR_GEN_MODE => Some(Policy::of(NLA_U8)),
            _ => None,
        }
    }
}

/// The IPv6 data of a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inet6 {
    /// `IFLA_INET6_FLAGS`.
    pub flags: u32,
    /// `struct ifla_cacheinfo`: max_reasm_len, tstamp, reachable_time, retrans_time.
    pub cacheinfo: [u32; 4],
    /// `IFLA_INET6_CONF` by `DEVCONF_*` index.
    pub conf: [u32; CONF_MAX],
    /// `IFLA_INET6_TOKEN`.
    pub token: Option<Addr>,
    /// `IFLA_INET6_ADDR_GEN_MODE`, [`AGM_UNKNOWN`] when not known.
    pub addr_gen_mode: u8,
}

impl Default for Inet6 {
    fn default() -> Self {
        Inet6 {
            flags: 0,
            cacheinfo: [0; 4],
            conf: [0; CONF_MAX],
            token: None,
            addr_gen_mode: AGM_UNKNOWN,
        }
    }
}

fn words<const W: usize>(p: &[u8]) -> Result<impl Iterator<Item = [u8; W]> + '_> {
    if p.len() % W != 0 {
        // libnl returns -EINVAL (22) for a ragged array.
        return Err(Error::MsgTypeNoSupport);
    }
    Ok(p.chunks_exact(W).map(attr::read_ne::<W>))
}

impl Inet6 {
    /// Parses the attributes of the nest; the counters go to the link's `stats`.
    pub fn parse(&mut self, nest: &[u8], stats: &mut [u64; STATS_COUNT]) -> Result<()> {
        let mut tb = [None; MAX + 1];
        crate::engine::route::link::payloads_into(nest, &Inet6Policy, &mut tb)?;
        let get = |t: u16| tb.get(usize::from(t)).copied().flatten();
        if let Some(p) = get(FLAGS) {
            self.flags = u32::from_ne_bytes(attr::read_ne::<4>(p));
        }
        if let Some(p) = get(CACHEINFO) {
            for (c, w) in self.cacheinfo.iter_mut().zip(p.chunks_exact(4)) {
                *c = u32::from_ne_bytes(attr::read_ne::<4>(w));
            }
        }
        if let Some(p) = get(CONF) {
            for (c, w) in self.conf.iter_mut().zip(words::<4>(p)?) {
                *c = u32::from_ne_bytes(w);
            }
        }
        if let Some(p) = get(STATS) {
            for (id, w) in IPSTATS_MAP.iter().zip(words::<8>(p)?).skip(1) {
                if let Some(s) = stats.get_mut(usize::from(*id)) {
                    *s = u64::from_ne_bytes(w);
                }
            }
        }
        if let Some(p) = get(ICMP6STATS) {
            let icmp = stats.iter_mut().skip(ICMP6_FIRST).take(ICMP6_COUNT);
            for (s, w) in icmp.zip(words::<8>(p)?.skip(1)) {
                *s = u64::from_ne_bytes(w);
            }
        }
        if let Some(p) = get(TOKEN) {
            self.token = Some(Addr::build(libc::AF_INET6, &attr::read_ne::<16>(p)));
        }
        if let Some(p) = get(ADDR_GEN_MODE) {
            self.addr_gen_mode = p.first().copied().unwrap_or(AGM_UNKNOWN);
        }
        Ok(())
    }

    /// The `AF_INET6` nest of a request: the address generation mode when known (libnl 3.7.0
    /// sends nothing else), no nest otherwise.
    pub fn put(&self, m: &mut Message) -> Result<()> {
        if self.addr_gen_mode == AGM_UNKNOWN {
            return Ok(());
        }
        let fam = m.nest_start(libc::AF_INET6 as u16)?;
        m.put_attr(ADDR_GEN_MODE, &[self.addr_gen_mode])?;
        m.nest_end(fam, false)
    }

    /// The details.
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let [reasm, tstamp, reachable, retrans] = self.cacheinfo;
        let txt = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        out.line(&format!(
            "    ipv6 max-reasm-len {} <{}>\n",
            txt(units::size2str(u64::from(reasm))),
            txt(flags2str(self.flags as i32, 64))
        ));
        let token = self
            .token
            .as_ref()
            .map_or_else(|| "::".to_string(), addr::to_string);
        let mut s = format!(
            "      create-stamp {:.2}s reachable-time {} retrans-time {}\n      token {token}\n      link-local address mode {}\n      devconf:\n      ",
            f64::from(tstamp) / 100.0,
            txt(units::msec2str(u64::from(reachable), 64)),
            txt(units::msec2str(u64::from(retrans), 64)),
            txt(addrgenmode2str(self.addr_gen_mode)),
        );
        for (i, v) in self.conf.iter().enumerate() {
            s.push_str(&conf_cell(i, *v));
            s.push_str(if (i + 1) % 3 == 0 { "\n      " } else { "  " });
        }
        out.text(&s);
    }

    /// The counters (the statistics dump).
    pub fn dump_stats(stats: &[u64; STATS_COUNT], out: &mut dyn DumpOut) {
        let at = |id: usize| stats.get(id).copied().unwrap_or(0);
        let n = |id: usize| format!(" {:>18}", at(id));
        let b = |id: usize| match at(id) {
            0 => format!(" {:>16} B", 0),
            v => {
                let (f, u) = units::cancel_down_bytes(v);
                format!(" {f:>14.2} {:>3}", u.to_string_lossy())
            }
        };
        let row = |cells: Vec<String>| format!("   {}\n", cells.concat());
        let mut s = String::from(
            "    IPv6:       InPkts           InOctets         InDiscards         InDelivers\n",
        );
        s += &row(vec![n(23), b(47), n(30), n(31)]);
        s += "               OutPkts          OutOctets        OutDiscards        OutForwards\n";
        s += &row(vec![n(33), b(48), n(34), n(32)]);
        s += "           InMcastPkts      InMcastOctets        InBcastPkts     InBcastOctests\n";
        s += &row(vec![n(43), b(49), n(45), b(51)]);
        s += "          OutMcastPkts     OutMcastOctets       OutBcastPkts    OutBcastOctests\n";
        s += &row(vec![n(44), b(50), n(46), b(52)]);
        s += "              ReasmOKs         ReasmFails         ReasmReqds       ReasmTimeout\n";
        s += &row(vec![n(38), n(39), n(37), n(36)]);
        s += "               FragOKs          FragFails        FragCreates\n";
        s += &row(vec![n(40), n(41), n(42)]);
        s += "           InHdrErrors      InTooBigErrors        InNoRoutes       InAddrErrors\n";
        s += &row(vec![n(24), n(25), n(26), n(27)]);
        s += "       InUnknownProtos     InTruncatedPkts       OutNoRoutes       InCsumErrors\n";
        s += &row(vec![n(28), n(29), n(35), n(58)]);
        s += "           InNoECTPkts          InECT1Pkts        InECT0Pkts           InCEPkts\n";
        s += &row(vec![n(59), n(60), n(61), n(62)]);
        s += "    ICMPv6:     InMsgs           InErrors            OutMsgs          OutErrors       InCsumErrors\n";
        s += &row((ICMP6_FIRST..ICMP6_FIRST + ICMP6_COUNT).map(n).collect());
        out.line(&s);
    }
}

/// One configuration cell: 23 columns holding the name, the value right-aligned over its
/// end (libnl 3.7.0 writes the value over the padded name, cutting long names short). Times
/// print as durations: intervals and delays in milliseconds, lifetimes in seconds.
fn conf_cell(i: usize, v: u32) -> String {
    const W: usize = 23;
    let name = CONF_NAMES
        .get(i)
        .map_or_else(|| format!("{i:#x}"), |n| (*n).to_string());
    let msec = match i {
        8 | 9 | 20 => Some(u64::from(v)),
        11 | 12 => Some(u64::from(v) * 1000),
        _ => None,
    };
    let value = match msec {
        Some(ms) => String::from_utf8_lossy(&units::msec2str(ms, 64)).into_owned(),
        None => v.to_string(),
    };
    let keep = W.saturating_sub(value.len());
    let head: String = format!("{name:<W$}").chars().take(keep).collect();
    head + &value
}
