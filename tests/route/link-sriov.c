/* netlink/route/link/sriov.h and the VF list of links (tests/route.rs; this kernel has no
 * SR-IOV device): names both ways, VF objects and their accessors, VLAN lists, VFs added to a
 * link with its requests and dumps, and links parsed from hand-built messages with a VF list
 * (every VF attribute, statistics, malformed and short entries). */
#include <linux/if_link.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/sriov.h>
#include <stdio.h>
#include <string.h>
#include "route-test.h"

static void dump(struct rtnl_link *l)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++) {
		dp.dp_type = t;
		printf("-- dump %d\n", t);
		nl_object_dump((struct nl_object *)l, &dp);
	}
}

static void show_vf(const char *what, struct rtnl_link_vf *vf)
{
	struct nl_vf_rate r;
	nl_vf_vlans_t *vl;
	struct nl_addr *a;
	uint64_t s;
	uint32_t v;
	char b[64];
	int err, i;

	printf("%s:", what);
	v = 77;
	err = rtnl_link_vf_get_index(vf, &v);
	printf(" index %d %u", err, v);
	a = NULL;
	err = rtnl_link_vf_get_addr(vf, &a);
	printf(" addr %d %s", err, a ? nl_addr2str(a, b, sizeof(b)) : "-");
	v = 77;
	err = rtnl_link_vf_get_linkstate(vf, &v);
	printf(" linkstate %d %u", err, v);
	memset(&r, 0x11, sizeof(r));
	r.api = RTNL_LINK_VF_RATE_API_UNSPEC;
	err = rtnl_link_vf_get_rate(vf, &r);
	printf(" rate(unspec) %d %d %u %u %u", err, r.api, r.rate, r.max_tx_rate, r.min_tx_rate);
	memset(&r, 0x11, sizeof(r));
	r.api = RTNL_LINK_VF_RATE_API_OLD;
	err = rtnl_link_vf_get_rate(vf, &r);
	printf(" rate(old) %d %d %u", err, r.api, r.rate);
	memset(&r, 0x11, sizeof(r));
	r.api = RTNL_LINK_VF_RATE_API_NEW;
	err = rtnl_link_vf_get_rate(vf, &r);
	printf(" rate(new) %d %d %u %u\n ", err, r.api, r.max_tx_rate, r.min_tx_rate);
	v = 77;
	err = rtnl_link_vf_get_rss_query_en(vf, &v);
	printf(" rss %d %u", err, v);
	v = 77;
	err = rtnl_link_vf_get_spoofchk(vf, &v);
	printf(" spoofchk %d %u", err, v);
	v = 77;
	err = rtnl_link_vf_get_trust(vf, &v);
	printf(" trust %d %u", err, v);
	for (i = 0; i <= RTNL_LINK_VF_STATS_MAX; i++) {
		s = 77;
		err = rtnl_link_vf_get_stat(vf, i, &s);
		printf(" stat%d %d %llu", i, err, (unsigned long long)s);
	}
	vl = NULL;
	err = rtnl_link_vf_get_vlans(vf, &vl);
	printf("\n  vlans %d", err);
	if (!err && vl) {
		printf(" size %d:", vl->size);
		for (i = 0; i < vl->size; i++)
			printf(" [%u %u %s]", vl->vlans[i].vf_vlan, vl->vlans[i].vf_vlan_qos,
			       rtnl_link_vf_vlanproto2str(vl->vlans[i].vf_vlan_proto, b,
							  sizeof(b)));
		rtnl_link_vf_vlan_put(vl);
	}
	printf("\n");
}

static void show(const char *what, struct rtnl_link *l)
{
	struct rtnl_link_vf *vf;
	uint32_t n = 77;
	char w[64];
	int err;

	err = rtnl_link_get_num_vf(l, &n);
	printf("%s: has_vf_list %d num_vf %d %u\n", what, rtnl_link_has_vf_list(l), err, n);
	/* libnl 3.7.0 crashes looking up a VF in a link without a VF list. */
	if (!rtnl_link_has_vf_list(l))
		return;
	for (uint32_t i = 0; i < 4; i++) {
		vf = rtnl_link_vf_get(l, i);
		snprintf(w, sizeof(w), " vf_get %u", i);
		if (!vf) {
			printf("%s: NULL\n", w);
			continue;
		}
		show_vf(w, vf);
		rtnl_link_vf_put(vf);
	}
}

static int nodump, norequest;

static void parsed(struct nl_object *o, void *arg)
{
	struct nl_msg *m;
	int err;

	show(arg, (struct rtnl_link *)o);
	/* libnl 3.7.0 crashes dumping a VF list longer than IFLA_NUM_VF says. */
	if (!nodump)
		dump((struct rtnl_link *)o);
	/* libnl 3.7.0 sends the protocol of VLAN lists in host order (the kernel reads network
	 * order): links with an 802.1ad VLAN are not sent here. */
	if (norequest)
		return;
	err = rtnl_link_build_change_request((struct rtnl_link *)o, (struct rtnl_link *)o, 0, &m);
	hex("change request", err, m);
}

static int put(unsigned char *p, int type, const void *v, int len)
{
	struct nlattr *a = (struct nlattr *)p;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(p + NLA_HDRLEN, v, len);
	memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return NLA_HDRLEN + NLA_ALIGN(len);
}

/* An RTM_NEWLINK for "pf0" with IFLA_NUM_VF `num` (when not negative) and IFLA_VFINFO_LIST
 * holding `list`. */
static void parse(const char *what, int num, const void *list, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 3, .ifi_type = 1 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	int err;

	nlmsg_set_proto(m, NETLINK_ROUTE);
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "pf0");
	if (num >= 0)
		nla_put_u32(m, IFLA_NUM_VF, num);
	if (len >= 0)
		nla_put(m, IFLA_VFINFO_LIST, len, list);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}

/* One IFLA_VF_INFO for VF `vf` with every attribute. */
static int vfinfo(unsigned char *p, uint32_t vf, int full, uint16_t proto)
{
	struct ifla_vf_mac mac = { vf, { 2, 0, 0, 0, 0x10, vf } };
	struct ifla_vf_vlan vlan = { vf, 100 + vf, 3 };
	struct ifla_vf_vlan_info vi = { vf, 200 + vf, 5, htons(proto) };
	struct ifla_vf_tx_rate tx = { vf, 1000 };
	struct ifla_vf_rate rate = { vf, 10, 2000 };
	struct ifla_vf_spoofchk sc = { vf, 1 };
	struct ifla_vf_link_state ls = { vf, IFLA_VF_LINK_STATE_DISABLE };
	struct ifla_vf_rss_query_en rss = { vf, 1 };
	struct ifla_vf_trust tr = { vf, 1 };
	struct ifla_vf_guid ng = { vf, 0x1122334455667788ULL }, pg = { vf, 0x0102030405060708ULL };
	unsigned char in[1024], st[256], vl[64];
	int n = 0, sn = 0, vn;
	uint64_t s;

	n += put(in + n, IFLA_VF_MAC, &mac, sizeof(mac));
	n += put(in + n, IFLA_VF_VLAN, &vlan, sizeof(vlan));
	if (full) {
		vn = put(vl, IFLA_VF_VLAN_INFO, &vi, sizeof(vi));
		n += put(in + n, IFLA_VF_VLAN_LIST, vl, vn);
		n += put(in + n, IFLA_VF_TX_RATE, &tx, sizeof(tx));
		n += put(in + n, IFLA_VF_RATE, &rate, sizeof(rate));
		n += put(in + n, IFLA_VF_SPOOFCHK, &sc, sizeof(sc));
		n += put(in + n, IFLA_VF_LINK_STATE, &ls, sizeof(ls));
		n += put(in + n, IFLA_VF_RSS_QUERY_EN, &rss, sizeof(rss));
		for (int i = 0; i < IFLA_VF_STATS_MAX + 1; i++) {
			s = 1000 * (vf + 1) + i;
			if (i != IFLA_VF_STATS_PAD)
				sn += put(st + sn, i, &s, 8);
		}
		n += put(in + n, IFLA_VF_STATS, st, sn);
		n += put(in + n, IFLA_VF_TRUST, &tr, sizeof(tr));
		n += put(in + n, IFLA_VF_IB_NODE_GUID, &ng, sizeof(ng));
		n += put(in + n, IFLA_VF_IB_PORT_GUID, &pg, sizeof(pg));
	}
	return put(p, IFLA_VF_INFO, in, n);
}

static void parse_all(void)
{
	unsigned char list[4096], in[256];
	struct ifla_vf_mac mac = { 7, { 2, 0, 0, 0, 0x10, 7 } };
	int n, k;

	n = vfinfo(list, 0, 1, 0x88a8);
	n += vfinfo(list + n, 1, 0, 0);
	norequest = 1;
	parse("ad", 2, list, n);
	norequest = 0;
	n = vfinfo(list, 0, 1, 0x8100);
	n += vfinfo(list + n, 1, 0, 0);
	parse("two", 2, list, n);
	nodump = 1;
	parse("num1", 1, list, n);
	nodump = 0;
	parse("num0", 0, list, n);
	parse("nonum", -1, list, n);
	parse("nolist", 2, list, -1);
	parse("emptylist", 2, list, 0);

	/* rates alone, zero rates */
	{
		struct ifla_vf_tx_rate tx = { 4, 1000 }, tx0 = { 4, 0 };
		struct ifla_vf_rate rate = { 4, 10, 2000 }, rate0 = { 4, 0, 0 };

		k = put(in, IFLA_VF_TX_RATE, &tx, sizeof(tx));
		n = put(list, IFLA_VF_INFO, in, k);
		mac.vf = 0;
		k = put(in, IFLA_VF_MAC, &mac, sizeof(mac));
		k += put(in + k, IFLA_VF_TX_RATE, &tx, sizeof(tx));
		n += put(list + n, IFLA_VF_INFO, in, k);
		mac.vf = 1;
		k = put(in, IFLA_VF_MAC, &mac, sizeof(mac));
		k += put(in + k, IFLA_VF_RATE, &rate, sizeof(rate));
		n += put(list + n, IFLA_VF_INFO, in, k);
		mac.vf = 2;
		k = put(in, IFLA_VF_MAC, &mac, sizeof(mac));
		k += put(in + k, IFLA_VF_TX_RATE, &tx0, sizeof(tx0));
		k += put(in + k, IFLA_VF_RATE, &rate0, sizeof(rate0));
		n += put(list + n, IFLA_VF_INFO, in, k);
		mac.vf = 3;
		k = put(in, IFLA_VF_MAC, &mac, sizeof(mac));
		k += put(in + k, IFLA_VF_RATE, &rate, sizeof(rate));
		k += put(in + k, IFLA_VF_TX_RATE, &tx, sizeof(tx));
		n += put(list + n, IFLA_VF_INFO, in, k);
		mac.vf = 7;
		parse("rates", 4, list, n);
	}

	/* malformed entries */
	k = put(in, IFLA_VF_MAC, &mac, 8);
	n = put(list, IFLA_VF_INFO, in, k);
	parse("shortmac", 1, list, n);
	k = put(in, IFLA_VF_VLAN, &mac, 4);
	n = put(list, IFLA_VF_INFO, in, k);
	parse("shortvlan", 1, list, n);
	k = put(in, IFLA_VF_TX_RATE, &mac, 4);
	n = put(list, IFLA_VF_INFO, in, k);
	parse("shortrate", 1, list, n);
	k = put(in, IFLA_VF_STATS, "\1\2\3", 3);
	n = put(list, IFLA_VF_INFO, in, k);
	parse("badstats", 1, list, n);
	/* A VLAN list whose content is not attributes crashes libnl 3.7.0's getters. */
	n = put(list, IFLA_VF_INFO, in, 0);
	parse("emptyinfo", 1, list, n);
	n = put(list, 5, "abcd", 4);
	parse("foreign", 1, list, n);
	n = put(list, IFLA_VF_INFO, "\1\2\3", 3);
	parse("garbage", 1, list, n);
}

int main(void)
{
	const char *states[] = { "auto", "enable", "disable", "ENABLE", "bogus", "1", "" };
	const char *protos[] = { "802.1Q", "802.1ad", "802.1q", "bogus", "0x8100", "" };
	const char *guids[] = { "01:02:03:04:05:06:07:08", "1:2:3:4:5:6:7:8",
				"01:02:03:04:05:06:07",	   "01:02:03:04:05:06:07:08:09",
				"zz:02:03:04:05:06:07:08", "",
				"0102030405060708" };
	struct rtnl_link_vf *vf, *vf2;
	nl_vf_vlans_t *vl, *vl2;
	struct nl_vf_rate r;
	struct rtnl_link *l;
	struct nl_addr *a;
	struct nl_msg *m;
	uint64_t g;
	char b[64];
	int i, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 0; i < 5; i++)
		printf("linkstate %d %s\n", i, rtnl_link_vf_linkstate2str(i, b, sizeof(b)));
	printf("linkstate short [%s]\n", rtnl_link_vf_linkstate2str(1, b, 4));
	for (i = 0; i < (int)(sizeof(states) / sizeof(states[0])); i++)
		printf("str2linkstate '%s' %d\n", states[i], rtnl_link_vf_str2linkstate(states[i]));
	printf("vlanproto %s", rtnl_link_vf_vlanproto2str(0x8100, b, sizeof(b)));
	printf(" %s", rtnl_link_vf_vlanproto2str(0x88a8, b, sizeof(b)));
	printf(" %s", rtnl_link_vf_vlanproto2str(0, b, sizeof(b)));
	printf(" %s", rtnl_link_vf_vlanproto2str(0x1234, b, sizeof(b)));
	printf(" [%s]\n", rtnl_link_vf_vlanproto2str(0x88a8, b, 5));
	for (i = 0; i < (int)(sizeof(protos) / sizeof(protos[0])); i++)
		printf("str2vlanproto '%s' %d\n", protos[i], rtnl_link_vf_str2vlanproto(protos[i]));
	for (i = 0; i < (int)(sizeof(guids) / sizeof(guids[0])); i++) {
		g = 77;
		err = rtnl_link_vf_str2guid(&g, guids[i]);
		printf("str2guid '%s' %d %llx\n", guids[i], err, (unsigned long long)g);
	}

	vf = rtnl_link_vf_alloc();
	show_vf("fresh vf", vf);
	rtnl_link_vf_set_index(vf, 3);
	nl_addr_parse("02:00:00:00:00:33", AF_LLC, &a);
	rtnl_link_vf_set_addr(vf, a);
	nl_addr_put(a);
	rtnl_link_vf_set_linkstate(vf, IFLA_VF_LINK_STATE_ENABLE);
	r.api = RTNL_LINK_VF_RATE_API_OLD;
	r.rate = 100;
	rtnl_link_vf_set_rate(vf, &r);
	show_vf("old rate", vf);
	r.api = RTNL_LINK_VF_RATE_API_NEW;
	r.max_tx_rate = 300;
	r.min_tx_rate = 30;
	rtnl_link_vf_set_rate(vf, &r);
	show_vf("new rate", vf);
	r.api = RTNL_LINK_VF_RATE_API_UNSPEC;
	r.rate = 5;
	rtnl_link_vf_set_rate(vf, &r);
	rtnl_link_vf_set_rss_query_en(vf, 1);
	rtnl_link_vf_set_spoofchk(vf, 0);
	rtnl_link_vf_set_trust(vf, 1);
	vl = NULL;
	printf("vlan_alloc 2: %d\n", rtnl_link_vf_vlan_alloc(&vl, 2));
	err = rtnl_link_vf_vlan_alloc(&vl, 1);
	printf("vlan_alloc %d %d\n", err, vl != NULL);
	if (!vl)
		return 1;
	printf("vlan_alloc size %d refcnt %d\n", vl->size, vl->ce_refcnt);
	printf("vlan_alloc zeroed %u %u %u\n", vl->vlans[0].vf_vlan, vl->vlans[0].vf_vlan_qos,
	       vl->vlans[0].vf_vlan_proto);
	vl->vlans[0].vf_vlan = 10;
	vl->vlans[0].vf_vlan_qos = 1;
	vl->vlans[0].vf_vlan_proto = 0x8100;
	rtnl_link_vf_set_vlans(vf, vl);
	err = rtnl_link_vf_get_vlans(vf, &vl2);
	printf("get_vlans %d size %d vlan %u\n", err, vl2->size, vl2->vlans[0].vf_vlan);
	rtnl_link_vf_vlan_put(vl2);
	rtnl_link_vf_vlan_put(vl);
	show_vf("all set", vf);
	err = rtnl_link_vf_vlan_alloc(&vl2, 0);
	printf("vlan_alloc 0: %d size %d\n", err, vl2->size);
	rtnl_link_vf_vlan_put(vl2);
	err = rtnl_link_vf_vlan_alloc(&vl2, 1);
	printf("vlan_alloc 1: %d\n", err);
	if (!err)
		rtnl_link_vf_vlan_free(vl2);

	/* The GUIDs have no getter and libnl 3.7.0 sends them with uninitialised padding. */
	vf2 = rtnl_link_vf_alloc();
	rtnl_link_vf_set_ib_node_guid(vf2, 0x1111);
	rtnl_link_vf_set_ib_port_guid(vf2, 0x2222);
	show_vf("guids", vf2);
	rtnl_link_vf_free(vf2);

	l = rtnl_link_alloc();
	rtnl_link_set_name(l, "pf");
	rtnl_link_set_ifindex(l, 3);
	rtnl_link_set_mtu(l, 1500);
	rtnl_link_set_group(l, 4);
	rtnl_link_set_operstate(l, 6);
	rtnl_link_set_type(l, "dummy");
	show("fresh link", l);
	printf("vf_add %d\n", rtnl_link_vf_add(l, vf));
	show("added", l);
	vf2 = rtnl_link_vf_alloc();
	rtnl_link_vf_set_index(vf2, 5);
	rtnl_link_vf_set_spoofchk(vf2, 1);
	printf("vf_add %d\n", rtnl_link_vf_add(l, vf2));
	rtnl_link_vf_put(vf2);
	rtnl_link_vf_set_trust(vf, 0);
	show("added2", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("add request", err, m);
	/* (libnl 3.7.0 drops the name from the changes object itself when it equals the
	 * original's: a clone is given as the changes.) */
	{
		struct rtnl_link *c = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);

		err = rtnl_link_build_change_request(l, c, 0, &m);
		hex("change request", err, m);
		rtnl_link_put(c);
	}
	dump(l);
	{
		struct rtnl_link *c = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
		struct rtnl_link *p = rtnl_link_alloc();

		printf("clone diff %llx\n", (unsigned long long)nl_object_diff64(
						    (struct nl_object *)l, (struct nl_object *)c));
		show("clone", c);
		rtnl_link_vf_set_trust(vf, 1);
		show("clone after", c);
		rtnl_link_set_name(p, "pf");
		rtnl_link_set_ifindex(p, 3);
		rtnl_link_set_mtu(p, 1500);
		rtnl_link_set_group(p, 4);
		rtnl_link_set_operstate(p, 6);
		rtnl_link_set_type(p, "dummy");
		printf("plain diff %llx\n", (unsigned long long)nl_object_diff64(
						    (struct nl_object *)l, (struct nl_object *)p));
		rtnl_link_put(c);
		rtnl_link_put(p);
	}
	rtnl_link_unset_vf_list(l);
	show("unset", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("unset request", err, m);
	rtnl_link_set_vf_list(l);
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	rtnl_link_put(l);
	rtnl_link_vf_put(vf);

	parse_all();
	return 0;
}
