/* netlink/route/link/vlan.h (tests/route.rs; this kernel has no vlan): flag names both ways,
 * every setter and getter incl. the QoS maps, the request bytes, the dumps, and messages
 * parsed by hand (well-formed, short and malformed attributes). */
#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vlan.h>
#include <stdio.h>
#include <string.h>
#define ROUTE_TEST_KIND
#define ROUTE_TEST_OWN_PARSE
#include "route-test.h"

static void show(const char *what, struct rtnl_link *l)
{
	struct vlan_map *em;
	uint32_t *im;
	char b[64];
	int n = -1;

	printf("%s: is %d", what, rtnl_link_is_vlan(l));
	printf(" id %d", rtnl_link_vlan_get_id(l));
	printf(" proto %#x", rtnl_link_vlan_get_protocol(l));
	printf(" flags %#x", rtnl_link_vlan_get_flags(l));
	printf(" [%s]", rtnl_link_vlan_flags2str(rtnl_link_vlan_get_flags(l), b, sizeof(b)));
	im = rtnl_link_vlan_get_ingress_map(l);
	printf(" ingress");
	if (im)
		for (int i = 0; i < 8; i++)
			printf(" %u", im[i]);
	else
		printf(" NULL");
	em = rtnl_link_vlan_get_egress_map(l, &n);
	printf(" egress %d", n);
	if (em)
		for (int i = 0; i < n; i++)
			printf(" %u->%u", em[i].vm_from, em[i].vm_to);
	else
		printf(" NULL");
	printf("\n");
}

/* An RTM_NEWLINK for "vlp" of kind vlan whose INFO_DATA holds `len` bytes of `data`. */
static void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 9 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *info, *d;
	int err;

	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "vlp");
	nla_put_u32(m, IFLA_LINK, 2);
	info = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, "vlan");
	d = nla_nest_start(m, IFLA_INFO_DATA);
	if (len)
		memcpy(nlmsg_reserve(m, len, NLA_ALIGNTO), data, len);
	nla_nest_end(m, d);
	nla_nest_end(m, info);
	nlmsg_set_proto(m, NETLINK_ROUTE);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}

/* A nest `type` of QoS mappings. */
static void put_qos(unsigned char *buf, int *off, int type,
		    const struct ifla_vlan_qos_mapping *maps, int n, int maplen)
{
	int start = *off;

	put(buf, off, type, NULL, 0);
	for (int i = 0; i < n; i++)
		put(buf, off, IFLA_VLAN_QOS_MAPPING, &maps[i], maplen);
	((struct nlattr *)(buf + start))->nla_len = *off - start;
}

static void parse_all(void)
{
	struct ifla_vlan_qos_mapping in[3] = { { 1, 5 }, { 7, 3 }, { 9, 9 } };
	struct ifla_vlan_qos_mapping eg[3] = { { 100, 2 }, { 200, 7 }, { 300, 1 } };
	struct ifla_vlan_flags fl = { 0x5, 0xffffffff };
	unsigned char buf[512];
	uint16_t u16;
	uint32_t u32;
	int off = 0;

	u16 = 42;
	put(buf, &off, IFLA_VLAN_ID, &u16, 2);
	put(buf, &off, IFLA_VLAN_FLAGS, &fl, sizeof(fl));
	put_qos(buf, &off, IFLA_VLAN_INGRESS_QOS, in, 2, sizeof(in[0]));
	put_qos(buf, &off, IFLA_VLAN_EGRESS_QOS, eg, 3, sizeof(eg[0]));
	u16 = htons(0x88a8);
	put(buf, &off, IFLA_VLAN_PROTOCOL, &u16, 2);
	parse("all", buf, off);

	off = 0;
	u16 = 7;
	put(buf, &off, IFLA_VLAN_ID, &u16, 2);
	parse("id only", buf, off);

	off = 0;
	put_qos(buf, &off, IFLA_VLAN_INGRESS_QOS, in, 3, sizeof(in[0]));
	parse("ingress from 9", buf, off);

	off = 0;
	put_qos(buf, &off, IFLA_VLAN_EGRESS_QOS, eg, 1, 4);
	parse("short egress mapping", buf, off);

	off = 0;
	put_qos(buf, &off, IFLA_VLAN_INGRESS_QOS, in, 1, 4);
	parse("short ingress mapping", buf, off);

	off = 0;
	put_qos(buf, &off, IFLA_VLAN_EGRESS_QOS, eg, 0, 8);
	parse("empty egress", buf, off);

	off = 0;
	u32 = 5;
	put(buf, &off, IFLA_VLAN_FLAGS, &u32, 4);
	parse("short flags", buf, off);

	off = 0;
	u16 = 5;
	put(buf, &off, IFLA_VLAN_ID, &u16, 1);
	parse("short id", buf, off);

	off = 0;
	put(buf, &off, IFLA_VLAN_PROTOCOL, &u16, 1);
	parse("short protocol", buf, off);

	off = 0;
	u16 = 9;
	put(buf, &off, IFLA_VLAN_ID, &u16, 2);
	put(buf, &off, 44, &u32, 4);
	buf[off++] = 8;
	buf[off++] = 0;
	parse("unknown and truncated", buf, off);
}

int main(void)
{
	const char *names[] = { "reorder_hdr", "gvrp",		 "loose_binding",
				"mvrp",	       "bridge_binding", "REORDER_HDR",
				"gvrp,mvrp",   "bogus",		 "" };
	struct rtnl_link *l, *k, *c;
	struct nl_msg *m;
	char b[128];
	int i, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 0; i < 34; i++)
		printf("flags %#x [%s]\n", i, rtnl_link_vlan_flags2str(i, b, sizeof(b)));
	printf("flags -1 [%s]\n", rtnl_link_vlan_flags2str(-1, b, sizeof(b)));
	printf("flags short [%s]\n", rtnl_link_vlan_flags2str(3, b, 8));
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		printf("str2flags '%s' %#x\n", names[i], rtnl_link_vlan_str2flags(names[i]));

	l = rtnl_link_vlan_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);

	rtnl_link_set_name(l, "vl");
	rtnl_link_set_link(l, 3);
	printf("set_id %d", rtnl_link_vlan_set_id(l, 4095));
	printf(" %d", rtnl_link_vlan_set_id(l, 4096));
	printf(" %d", rtnl_link_vlan_set_id(l, 0xffff));
	printf(" %d", rtnl_link_vlan_set_id(l, 100));
	printf(" set_protocol %d", rtnl_link_vlan_set_protocol(l, htons(0x88a8)));
	printf(" set_flags %d", rtnl_link_vlan_set_flags(l, 0x1 | 0x4));
	printf(" unset_flags %d", rtnl_link_vlan_unset_flags(l, 0x4 | 0x8));
	printf(" set_flags %d\n", rtnl_link_vlan_set_flags(l, 0x2));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);

	printf("ingress:");
	for (i = -1; i < 9; i++)
		printf(" %d", rtnl_link_vlan_set_ingress_map(l, i, 10 + i));
	printf(" again %d", rtnl_link_vlan_set_ingress_map(l, 3, 0));
	printf("\negress:");
	for (i = 0; i < 40; i++)
		printf(" %d", rtnl_link_vlan_set_egress_map(l, 1000 + i * 3, i % 9 - 1));
	printf(" again %d", rtnl_link_vlan_set_egress_map(l, 1003, 5));
	printf("\n");
	show("maps", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("maps request", err, m);
	dump(l);

	c = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
	show("clone", c);
	k = rtnl_link_vlan_alloc();
	rtnl_link_set_name(k, "vl");
	rtnl_link_set_link(k, 3);
	printf("diff %#llx identical %d\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k),
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)c));
	rtnl_link_vlan_set_id(k, 100);
	printf("diff id %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_vlan_set_protocol(k, htons(0x88a8));
	printf("diff proto %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_vlan_set_flags(k, 0x3);
	printf("diff flags %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_vlan_set_egress_map(c, 1, 1);
	printf("diff egress %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)c));
	rtnl_link_set_ifindex(k, 7);
	err = rtnl_link_build_change_request(k, l, 0, &m);
	hex("change request", err, m);
	rtnl_link_put(c);
	rtnl_link_put(k);
	rtnl_link_put(l);

	parse_all();
	return 0;
}
