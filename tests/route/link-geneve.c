/* netlink/route/link/geneve.h (tests/route.rs; this kernel has no geneve): every setter and
 * getter (unset, set, edge values), the request bytes, the dumps, and messages parsed by hand
 * (well-formed, short and malformed attributes). */
#include <linux/if_link.h>
#include <netlink/addr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/geneve.h>
#include <stdio.h>
#include <string.h>
#define ROUTE_TEST_KIND
#define ROUTE_TEST_OWN_PARSE
#include "route-test.h"

static void show(const char *what, struct rtnl_link *l)
{
	struct nl_addr *a = NULL;
	uint32_t v = 7;
	uint8_t f = 7;
	char b[64];
	int err;

	printf("%s: is %d", what, rtnl_link_is_geneve(l));
	err = rtnl_link_geneve_get_id(l, &v);
	printf(" id %d %u", err, v);
	v = 7;
	err = rtnl_link_geneve_get_remote(l, &a);
	printf(" remote %d", err);
	if (err == 0) {
		printf(" %s/%d", nl_addr2str(a, b, sizeof(b)), nl_addr_get_family(a));
		nl_addr_put(a);
	}
	printf(" ttl %d", rtnl_link_geneve_get_ttl(l));
	printf(" tos %d", rtnl_link_geneve_get_tos(l));
	err = rtnl_link_geneve_get_port(l, &v);
	printf(" port %d %u", err, v);
	v = 7;
	err = rtnl_link_geneve_get_label(l, &v);
	printf(" label %d %#x", err, v);
	v = 7;
	printf(" udp_csum %d", rtnl_link_geneve_get_udp_csum(l));
	printf(" zc6tx %d", rtnl_link_geneve_get_udp_zero_csum6_tx(l));
	printf(" zc6rx %d", rtnl_link_geneve_get_udp_zero_csum6_rx(l));
	err = rtnl_link_geneve_get_flags(l, &f);
	printf(" flags %d %#x\n", err, f);
}

/* An RTM_NEWLINK for "gnp" of kind geneve whose INFO_DATA holds `len` bytes of `data`. */
static void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 9 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *info, *d;
	int err;

	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "gnp");
	info = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, "geneve");
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

static void parse_all(void)
{
	uint8_t u8, in6[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	unsigned char buf[512];
	uint32_t u32;
	uint16_t u16;
	int off = 0;

	u32 = 42;
	put(buf, &off, IFLA_GENEVE_ID, &u32, 4);
	u32 = htonl(0x0a000001);
	put(buf, &off, IFLA_GENEVE_REMOTE, &u32, 4);
	u8 = 64;
	put(buf, &off, IFLA_GENEVE_TTL, &u8, 1);
	u8 = 0x10;
	put(buf, &off, IFLA_GENEVE_TOS, &u8, 1);
	u16 = htons(6081);
	put(buf, &off, IFLA_GENEVE_PORT, &u16, 2);
	put(buf, &off, IFLA_GENEVE_COLLECT_METADATA, NULL, 0);
	u8 = 1;
	put(buf, &off, IFLA_GENEVE_UDP_CSUM, &u8, 1);
	put(buf, &off, IFLA_GENEVE_UDP_ZERO_CSUM6_TX, &u8, 1);
	u8 = 0;
	put(buf, &off, IFLA_GENEVE_UDP_ZERO_CSUM6_RX, &u8, 1);
	u32 = htonl(0x12345);
	put(buf, &off, IFLA_GENEVE_LABEL, &u32, 4);
	put(buf, &off, IFLA_GENEVE_TTL_INHERIT, &u8, 1);
	put(buf, &off, IFLA_GENEVE_DF, &u8, 1);
	parse("all", buf, off);

	off = 0;
	u32 = 7;
	put(buf, &off, IFLA_GENEVE_ID, &u32, 4);
	put(buf, &off, IFLA_GENEVE_REMOTE6, in6, 16);
	u8 = 0;
	put(buf, &off, IFLA_GENEVE_TTL, &u8, 1);
	put(buf, &off, IFLA_GENEVE_UDP_CSUM, &u8, 1);
	parse("v6", buf, off);

	off = 0;
	u32 = htonl(0x0a000002);
	put(buf, &off, IFLA_GENEVE_REMOTE6, in6, 16);
	put(buf, &off, IFLA_GENEVE_REMOTE, &u32, 4);
	parse("both families", buf, off);

	off = 0;
	u16 = 5;
	put(buf, &off, IFLA_GENEVE_ID, &u16, 2);
	parse("short id", buf, off);

	off = 0;
	put(buf, &off, IFLA_GENEVE_REMOTE, &u16, 2);
	parse("short remote", buf, off);

	off = 0;
	put(buf, &off, IFLA_GENEVE_REMOTE6, &u32, 4);
	parse("short remote6", buf, off);

	off = 0;
	put(buf, &off, IFLA_GENEVE_TTL, NULL, 0);
	parse("empty ttl", buf, off);

	off = 0;
	put(buf, &off, IFLA_GENEVE_PORT, &u8, 1);
	parse("short port", buf, off);

	off = 0;
	put(buf, &off, IFLA_GENEVE_LABEL, &u16, 2);
	parse("short label", buf, off);

	off = 0;
	put(buf, &off, IFLA_GENEVE_UDP_ZERO_CSUM6_RX, NULL, 0);
	parse("empty zc6rx", buf, off);

	off = 0;
	u32 = 9;
	put(buf, &off, IFLA_GENEVE_ID, &u32, 4);
	put(buf, &off, 99, &u32, 4);
	buf[off++] = 8;
	buf[off++] = 0;
	parse("unknown and truncated", buf, off);
}

int main(void)
{
	struct nl_addr *a4, *a6, *ll;
	struct rtnl_link *l, *k, *c;
	struct nl_msg *m;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	nl_addr_parse("10.0.0.1", AF_INET, &a4);
	nl_addr_parse("fd00::1", AF_INET6, &a6);
	nl_addr_parse("02:00:00:00:00:01", AF_LLC, &ll);

	l = rtnl_link_geneve_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);

	rtnl_link_set_name(l, "gn");
	printf("set_id %d", rtnl_link_geneve_set_id(l, 1 << 24));
	printf(" %d", rtnl_link_geneve_set_id(l, (1 << 24) - 1));
	printf(" set_remote %d", rtnl_link_geneve_set_remote(l, a4));
	printf(" ll %d", rtnl_link_geneve_set_remote(l, ll));
	printf(" set_ttl %d", rtnl_link_geneve_set_ttl(l, 64));
	printf(" set_tos %d", rtnl_link_geneve_set_tos(l, 0x28));
	printf(" set_port %d", rtnl_link_geneve_set_port(l, 6081));
	printf(" set_label %d", rtnl_link_geneve_set_label(l, 0xabcde));
	printf(" set_udp_csum %d", rtnl_link_geneve_set_udp_csum(l, 1));
	printf(" set_zc6tx %d", rtnl_link_geneve_set_udp_zero_csum6_tx(l, 2));
	printf(" set_zc6rx %d", rtnl_link_geneve_set_udp_zero_csum6_rx(l, 0));
	printf(" set_flags %d",
	       rtnl_link_geneve_set_flags(l, RTNL_LINK_GENEVE_F_COLLECT_METADATA, 1));
	printf(" %d\n", rtnl_link_geneve_set_flags(l, 2, 1));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);

	printf("v6: remote %d", rtnl_link_geneve_set_remote(l, a6));
	printf(" ttl %d", rtnl_link_geneve_set_ttl(l, 0));
	printf(" tos %d", rtnl_link_geneve_set_tos(l, 1));
	printf(" udp_csum %d", rtnl_link_geneve_set_udp_csum(l, 0));
	printf(" zc6rx %d", rtnl_link_geneve_set_udp_zero_csum6_rx(l, 1));
	printf(" port %d", rtnl_link_geneve_set_port(l, 70000));
	printf(" flags-off %d\n",
	       rtnl_link_geneve_set_flags(l, RTNL_LINK_GENEVE_F_COLLECT_METADATA, 0));
	show("v6", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("v6 request", err, m);
	dump(l);

	c = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
	show("clone", c);
	k = rtnl_link_geneve_alloc();
	rtnl_link_set_name(k, "gn");
	printf("diff %#llx identical %d\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k),
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)c));
	rtnl_link_geneve_set_id(c, 43);
	printf("diff id %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)c));
	rtnl_link_set_ifindex(k, 7);
	err = rtnl_link_build_change_request(k, l, 0, &m);
	hex("change request", err, m);
	rtnl_link_put(c);
	rtnl_link_put(k);
	rtnl_link_put(l);

	parse_all();
	nl_addr_put(a4);
	nl_addr_put(a6);
	nl_addr_put(ll);
	return 0;
}
