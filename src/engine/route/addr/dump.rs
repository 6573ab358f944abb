//! libnl's text for an address in each `nl_dump_type` (observed from libnl 3.7.0's
//! `nl_object_dump` of crafted and parsed addresses): the line, and the details (label and
//! other addresses, lifetimes, timestamps), which the statistics dump repeats.
#![forbid(unsafe_code)]

use super::*;
use crate::engine::object::{DumpOut, DumpType, Lookup};
use crate::engine::route::rtnl;
use crate::engine::units;

fn text(b: Vec<u8>) -> String {
    String::from_utf8_lossy(&b).into_owned()
}

impl Address {
    /// `oo_dump[ty]`.
    pub fn dump(&self, ty: DumpType, out: &mut dyn DumpOut) {
        self.dump_line(out);
        if ty != DumpType::Line {
            self.dump_details(out);
        }
    }

    /// `oo_dump[NL_DUMP_LINE]`: local address, peer, family, device, scope, flags. The device
    /// is the link's name when a link cache is provided.
    pub fn dump_line(&self, out: &mut dyn DumpOut) {
        let has = |bit: u64| self.mask & bit != 0;
        let mut l = match (has(ATTR_LOCAL), &self.local) {
            (true, Some(a)) => addr::to_string(a),
            _ => "none".to_string(),
        };
        if let (true, Some(p)) = (has(ATTR_PEER), &self.peer) {
            l.push_str(&format!(" peer {}", addr::to_string(p)));
        }
        l.push_str(&format!(
            " {} ",
            crate::engine::addr::af2str(i32::from(self.family))
        ));
        let dev = match out.lookup(Lookup::LinkCache) {
            Some(_) => out
                .lookup(Lookup::Link {
                    ifindex: self.ifindex,
                })
                .unwrap_or_else(|| "(null)".to_string()),
            None => self.ifindex.to_string(),
        };
        l.push_str(&format!(
            "dev {dev} scope {}",
            text(rtnl::scope2str(i32::from(self.scope)))
        ));
        if self.flags != 0 {
            l.push_str(&format!(" <{}>", text(flags2str(self.flags as i32, 128))));
        }
        l.push('\n');
        out.line(&l);
    }

    /// `oo_dump[NL_DUMP_DETAILS]` (after the line).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let has = |bit: u64| self.mask & bit != 0;
        if self.mask & (ATTR_LABEL | ATTR_BROADCAST | ATTR_MULTICAST | ATTR_ANYCAST) != 0 {
            let mut l = String::from("  ");
            if has(ATTR_LABEL) {
                l.push_str(&format!(" label {}", String::from_utf8_lossy(self.label())));
            }
            for (bit, name, a) in [
                (ATTR_BROADCAST, "broadcast", &self.broadcast),
                (ATTR_MULTICAST, "multicast", &self.multicast),
                (ATTR_ANYCAST, "anycast", &self.anycast),
            ] {
                if let (true, Some(a)) = (has(bit), a) {
                    l.push_str(&format!(" {name} {}", addr::to_string(a)));
                }
            }
            l.push('\n');
            out.line(&l);
        }
        if has(ATTR_CACHEINFO) {
            let life = |v: u32| {
                if v == FOREVER {
                    "forever".to_string()
                } else {
                    text(units::msec2str(u64::from(v) * 1000, 64))
                }
            };
            let ci = &self.cacheinfo;
            out.line(&format!(
                "   valid-lifetime {} preferred-lifetime {}\n",
                life(ci.valid),
                life(ci.prefered)
            ));
            out.line(&format!(
                "   created boot-time+{} last-updated boot-time+{}\n",
                text(units::msec2str(u64::from(ci.cstamp) * 10, 64)),
                text(units::msec2str(u64::from(ci.tstamp) * 10, 64))
            ));
        }
    }
}
