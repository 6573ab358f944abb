//! libnl's text for a link in each `nl_dump_type` (observed from libnl 3.7.0's `nl-link-list`
//! and `nl_object_dump` of crafted links): the one-line summary, the details (MTU, queues,
//! state) and the statistics tables. Kind- and family-specific parts (vxlan ids, inet and
//! inet6 devconf, …) come with the kind and family modules.
#![forbid(unsafe_code)]

use super::names::{self, CARRIERS, MODES, OPERSTATES};
use super::*;
use crate::engine::object::{DumpOut, DumpType, Lookup};
use crate::engine::trans::{self, LLPROTOS};
use crate::engine::units;

fn text(b: Vec<u8>) -> String {
    String::from_utf8_lossy(&b).into_owned()
}

/// The name of link `ifindex` when the dump can look it up; `missing` when there is a link
/// cache that lacks the index (libnl prints `master inv` and `slave-of NONE` then); else the
/// index.
fn link_name_or(out: &dyn DumpOut, ifindex: i32, missing: &str) -> String {
    out.lookup(Lookup::Link { ifindex })
        .unwrap_or_else(|| match out.lookup(Lookup::LinkCache) {
            Some(_) => missing.to_string(),
            None => ifindex.to_string(),
        })
}

impl Link {
    /// `oo_dump[NL_DUMP_LINE]`.
    pub fn dump_line(&self, out: &mut dyn DumpOut) {
        let has = |bit: u64| self.mask & bit != 0;
        let mut l = String::new();
        if self.family != 0 {
            l.push_str(&crate::engine::addr::af2str(i32::from(self.family)));
            l.push(' ');
        }
        l.push_str(&String::from_utf8_lossy(self.name()));
        l.push(' ');
        l.push_str(&text(trans::type2str(
            self.arptype as i32,
            trans::entries(LLPROTOS),
        )));
        l.push(' ');
        if let (true, Some(a)) = (has(ATTR_ADDR), &self.addr) {
            if !addr::is_zero(a) {
                l.push_str(&addr::to_string(a));
                l.push(' ');
            }
        }
        if has(ATTR_MASTER) {
            l.push_str(&format!(
                "master {} ",
                link_name_or(out, self.master, "inv")
            ));
        }
        if self.flags != 0 {
            l.push_str(&format!(
                "<{}> ",
                text(names::flags2str(self.flags as i32, 128))
            ));
        }
        if has(ATTR_LINK) {
            // The link lives in another namespace when its namespace id is known: libnl prints
            // the index then.
            let name = if has(ATTR_LINK_NETNSID) {
                self.link.to_string()
            } else {
                link_name_or(out, self.link, "NONE")
            };
            l.push_str(&format!("slave-of {name} "));
        }
        if has(ATTR_LINK_NETNSID) {
            l.push_str(&format!("link-netnsid {} ", self.link_netnsid));
        }
        if has(ATTR_GROUP) {
            l.push_str(&format!("group {} ", self.group));
        }
        out.line(&l);
        if let (true, Some(d)) = (has(ATTR_LINKINFO), &self.data) {
            d.dump_line(self, out);
        }
        out.text("\n");
    }

    /// `oo_dump[NL_DUMP_DETAILS]` (after the line).
    pub fn dump_details(&self, out: &mut dyn DumpOut) {
        let has = |bit: u64| self.mask & bit != 0;
        let mut l = format!(
            "    mtu {} txqlen {} weight {} ",
            self.mtu, self.txqlen, self.weight
        );
        if has(ATTR_QDISC) {
            l.push_str(&format!("qdisc {} ", String::from_utf8_lossy(self.qdisc())));
        }
        if has(ATTR_MAP) && self.map.irq != 0 {
            l.push_str(&format!("irq {} ", self.map.irq));
        }
        if has(ATTR_IFINDEX) {
            l.push_str(&format!("index {} ", self.ifindex));
        }
        if has(ATTR_PROMISCUITY) && self.promiscuity > 0 {
            l.push_str(&format!("promisc-mode ({} users) ", self.promiscuity));
        }
        l.push('\n');
        out.line(&l);
        if has(ATTR_IFALIAS) {
            out.line(&format!(
                "    alias {}\n",
                String::from_utf8_lossy(&self.ifalias)
            ));
        }
        let mut l = String::from("    ");
        if has(ATTR_NUM_TX_QUEUES) {
            l.push_str(&format!("txq {} ", self.num_tx_queues));
        }
        if has(ATTR_NUM_RX_QUEUES) {
            l.push_str(&format!("rxq {} ", self.num_rx_queues));
        }
        if let (true, Some(a)) = (has(ATTR_BRD), &self.brd) {
            l.push_str(&format!("brd {} ", addr::to_string(a)));
        }
        if has(ATTR_OPERSTATE) && self.operstate != 0 {
            l.push_str(&format!(
                "state {} ",
                text(names::name(i32::from(self.operstate), OPERSTATES))
            ));
        }
        if has(ATTR_NUM_VF) {
            l.push_str(&format!("num-vf {} ", self.num_vf));
        }
        l.push_str(&format!(
            "mode {} carrier {}",
            text(names::name(i32::from(self.linkmode), MODES)),
            text(names::name(i32::from(self.carrier), CARRIERS))
        ));
        if has(ATTR_CARRIER_CHANGES) {
            l.push_str(&format!(" carrier-changes {}", self.carrier_changes));
        }
        l.push('\n');
        out.line(&l);
        if let (true, Some(d)) = (has(ATTR_LINKINFO), &self.data) {
            d.dump_details_of(self, out);
        }
        self.af.dump_details(out);
        if let (true, Some(list)) = (has(ATTR_VF_LIST), &self.vf_list) {
            out.line("    SRIOV VF List\n");
            for vf in list {
                vf.lock().dump_details(out);
            }
        }
    }

    /// `oo_dump[NL_DUMP_STATS]` (after the details).
    pub fn dump_stats(&self, out: &mut dyn DumpOut) {
        let s = |id: usize| self.stat(id).unwrap_or(0);
        let bytes = |id: usize| {
            let (v, unit) = units::cancel_down_bytes(s(id));
            format!("{:>12}", format!("{v:.2} {}", unit.to_string_lossy()))
        };
        out.line("    Stats:    bytes    packets     errors    dropped   fifo-err compressed\n");
        // (bytes, packets, errors, dropped, fifo errors, compressed) by direction.
        for (dir, b, ids) in [("RX", 2, [0, 4, 6, 10, 8]), ("TX", 3, [1, 5, 7, 11, 9])] {
            let mut l = format!("     {dir}{}", bytes(b));
            for id in ids {
                l.push_str(&format!(" {:>10}", s(id)));
            }
            l.push('\n');
            out.line(&l);
        }
        out.line("    Errors:  length       over        crc      frame     missed  multicast\n");
        let row = |dir: &str, ids: &[usize]| {
            let mut l = format!("     {dir} ");
            for id in ids {
                l.push_str(&format!(" {:>10}", s(*id)));
            }
            l.push('\n');
            l
        };
        out.line(&row("RX", &[12, 13, 14, 15, 16, 22]));
        out.line("            aborted    carrier  heartbeat     window  collision\n");
        out.line(&row("TX", &[17, 18, 19, 20, 21]));
        self.af.dump_stats(&self.stats, out);
        if let (true, Some(list)) = (self.mask & ATTR_VF_LIST != 0, &self.vf_list) {
            for vf in list {
                vf.lock().dump_stats(out);
            }
            out.line("\n");
        }
    }

    /// The dump of type `ty`: the line, then the details, then the statistics, as far as `ty`
    /// goes.
    pub fn dump(&self, ty: DumpType, out: &mut dyn DumpOut) {
        self.dump_line(out);
        if ty == DumpType::Line {
            return;
        }
        self.dump_details(out);
        if ty == DumpType::Stats {
            self.dump_stats(out);
        }
    }
}
