//! The link object of libnl-route-3 in the engine (`engine::route::link`): `Link::parse` of an
//! `RTM_NEWLINK` payload built from the input (the `ifinfomsg` and attributes), then the
//! parsed link compared, dumped in every dump type, and turned into every request libnl
//! builds; the name tables with input-chosen values and buffer sizes.
//!
//! Properties: a link equals itself; the add request of a parsed link with a name parses
//! back, and every attribute a request carries comes back with the same value; delete and
//! get requests of a link with an index or name build.

use nlrs::engine::object::{DumpText, DumpType};
use nlrs::engine::route::link::{self as el, Link, names};
use nlrs::engine::route::rtnl;

use super::Reader;

pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let sel = r.u32();
    let len = r.u8() as usize;
    // The name tables, with values and buffer sizes from the input.
    let _ = names::flags2str(sel as i32, len);
    let _ = names::str2flags(r.chunk(16));
    let _ = names::name(sel as i32, names::OPERSTATES);
    let _ = names::value(r.chunk(16), names::MODES);
    let _ = names::stat2str(sel as i32);
    let _ = names::str2stat(r.chunk(24));
    let _ = rtnl::scope2str(sel as i32);
    let _ = rtnl::str2rtntype(r.chunk(16));
    let _ = rtnl::realms2str(sel);

    let payload = r.rest();
    let Ok(l) = Link::parse(payload) else {
        return;
    };
    assert_eq!(l.diff(&l, !0, 0), 0, "a link differs from itself");
    assert_eq!(
        l.diff(&l, l.mask, 1),
        0,
        "a link does not match itself as a filter"
    );
    // The one-line dump ends its line; the longer ones start with it (libnl's family and
    // kind sections may leave their last line open, and so do ours).
    let mut line = DumpText::default();
    l.dump(DumpType::Line, &mut line);
    assert!(line.out.ends_with('\n'), "the line dump ends mid-line");
    for t in [DumpType::Details, DumpType::Stats] {
        let mut d = DumpText::default();
        l.dump(t, &mut d);
        assert!(
            d.out.starts_with(&line.out),
            "a dump does not start with the line"
        );
    }
    let _ = Link::change_request(&l, &l, 0, el::RTM_NEWLINK);
    let _ = Link::get_request(l.ifindex, Some(l.name()));
    l.delete_request().expect("a parsed link has a name");

    let m = l.add_request(0).expect("add request of a parsed link");
    let back = match Link::parse(m.bytes().get(16..).unwrap_or_default()) {
        Ok(b) => b,
        // A bridge port's request carries the other families' data in the same IFLA_AF_SPEC
        // as the bridge's own attributes (as libnl builds it); read back as a bridge message,
        // those are not bridge attributes.
        Err(_) if l.family == el::AF_BRIDGE && (l.af.inet.is_some() || l.af.inet6.is_some()) => {
            return;
        }
        Err(e) => panic!("the add request of a parsed link parses: {e:?}"),
    };
    assert_eq!(
        (back.family, back.ifindex, back.flags),
        (l.family, l.ifindex, l.flags)
    );
    let carried = el::ATTR_ADDR
        | el::ATTR_BRD
        | el::ATTR_MTU
        | el::ATTR_TXQLEN
        | el::ATTR_WEIGHT
        | el::ATTR_IFNAME
        | el::ATTR_OPERSTATE
        | el::ATTR_CARRIER
        | el::ATTR_LINKMODE
        | el::ATTR_IFALIAS
        | el::ATTR_LINK
        | el::ATTR_LINK_NETNSID
        | el::ATTR_MASTER
        | el::ATTR_NUM_TX_QUEUES
        | el::ATTR_NUM_RX_QUEUES
        | el::ATTR_NS_FD
        | el::ATTR_NS_PID
        | el::ATTR_GROUP
        | el::ATTR_LINKINFO
        | el::ATTR_SLAVE_KIND;
    assert_eq!(
        back.mask & carried,
        l.mask & carried,
        "attributes lost on the way"
    );
    // Every carried attribute comes back equal (compared as libnl compares, plus the values
    // libnl does not compare).
    assert_eq!(
        back.diff(&l, carried, 0),
        0,
        "attributes changed on the way"
    );
    assert_eq!(
        (back.carrier, back.ns_fd, back.ns_pid, &back.slave_kind),
        (l.carrier, l.ns_fd, l.ns_pid, &l.slave_kind)
    );
}
