/* netlink/route/link/vxlan.h (tests/route.rs): every setter and getter (unset, set, edge
 * values), the request bytes, the dumps, messages parsed by hand (well-formed, short and
 * malformed attributes), and a vxlan link added to the kernel, read back and deleted. */
#include <linux/if_link.h>
#include <net/if.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vxlan.h>
#include <stdio.h>
#include <string.h>
#define ROUTE_TEST_KIND
#define ROUTE_TEST_OWN_PUT
#define ROUTE_TEST_OWN_PARSE
#include "route-test.h"

static void addr(const char *what, int err, struct nl_addr *a)
{
	char b[64];

	printf(" %s %d", what, err);
	if (err == 0) {
		printf(" %s/%d", nl_addr2str(a, b, sizeof(b)), nl_addr_get_family(a));
		nl_addr_put(a);
	}
}

static void show(const char *what, struct rtnl_link *l)
{
	struct ifla_vxlan_port_range r = { 1, 2 };
	struct nl_addr *a = NULL;
	uint32_t v = 7;
	int err;

	printf("%s: is %d", what, rtnl_link_is_vxlan(l));
	err = rtnl_link_vxlan_get_id(l, &v);
	printf(" id %d %u", err, v);
	v = 7;
	err = rtnl_link_vxlan_get_group(l, &a);
	addr("group", err, a);
	err = rtnl_link_vxlan_get_link(l, &v);
	printf(" link %d %u", err, v);
	v = 7;
	err = rtnl_link_vxlan_get_local(l, &a);
	addr("local", err, a);
	printf(" ttl %d", rtnl_link_vxlan_get_ttl(l));
	printf(" tos %d", rtnl_link_vxlan_get_tos(l));
	printf(" learning %d", rtnl_link_vxlan_get_learning(l));
	err = rtnl_link_vxlan_get_ageing(l, &v);
	printf(" ageing %d %u", err, v);
	v = 7;
	err = rtnl_link_vxlan_get_limit(l, &v);
	printf(" limit %d %u", err, v);
	v = 7;
	err = rtnl_link_vxlan_get_port_range(l, &r);
	printf(" range %d %u-%u", err, ntohs(r.low), ntohs(r.high));
	printf(" proxy %d", rtnl_link_vxlan_get_proxy(l));
	printf(" rsc %d", rtnl_link_vxlan_get_rsc(l));
	printf(" l2miss %d", rtnl_link_vxlan_get_l2miss(l));
	printf(" l3miss %d", rtnl_link_vxlan_get_l3miss(l));
	err = rtnl_link_vxlan_get_port(l, &v);
	printf(" port %d %u", err, v);
	v = 7;
	printf(" udp_csum %d", rtnl_link_vxlan_get_udp_csum(l));
	printf(" zc6tx %d", rtnl_link_vxlan_get_udp_zero_csum6_tx(l));
	printf(" zc6rx %d", rtnl_link_vxlan_get_udp_zero_csum6_rx(l));
	printf(" rcsumtx %d", rtnl_link_vxlan_get_remcsum_tx(l));
	printf(" rcsumrx %d", rtnl_link_vxlan_get_remcsum_rx(l));
	err = rtnl_link_vxlan_get_flags(l, &v);
	printf(" flags %d %#x", err, v);
	v = 7;
	printf(" collect %d", rtnl_link_vxlan_get_collect_metadata(l));
	err = rtnl_link_vxlan_get_label(l, &v);
	printf(" label %d %#x\n", err, v);
}

/* An RTM_NEWLINK for "vxp" of kind vxlan whose INFO_DATA holds `len` bytes of `data`. */
static void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 9 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *info, *d;
	int err;

	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "vxp");
	info = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, "vxlan");
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

/* Appends attribute `type` with `len` bytes of `v` to buf at *off. */
static void put(unsigned char *buf, int *off, int type, const void *v, int len)
{
	struct nlattr *a = (struct nlattr *)(buf + *off);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memset(buf + *off + NLA_HDRLEN, 0, NLA_ALIGN(len));
	memcpy(buf + *off + NLA_HDRLEN, v, len);
	*off += NLA_HDRLEN + NLA_ALIGN(len);
}

static void parse_all(void)
{
	unsigned char buf[512];
	uint32_t u32;
	uint16_t u16;
	uint8_t u8, in6[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct ifla_vxlan_port_range r = { htons(1000), htons(2000) };
	int off = 0;

	u32 = 42;
	put(buf, &off, IFLA_VXLAN_ID, &u32, 4);
	u32 = htonl(0xe0000001);
	put(buf, &off, IFLA_VXLAN_GROUP, &u32, 4);
	u32 = 3;
	put(buf, &off, IFLA_VXLAN_LINK, &u32, 4);
	u32 = htonl(0x0a000001);
	put(buf, &off, IFLA_VXLAN_LOCAL, &u32, 4);
	u8 = 64;
	put(buf, &off, IFLA_VXLAN_TTL, &u8, 1);
	u8 = 0x10;
	put(buf, &off, IFLA_VXLAN_TOS, &u8, 1);
	u8 = 1;
	put(buf, &off, IFLA_VXLAN_LEARNING, &u8, 1);
	u32 = 300;
	put(buf, &off, IFLA_VXLAN_AGEING, &u32, 4);
	u32 = 1000;
	put(buf, &off, IFLA_VXLAN_LIMIT, &u32, 4);
	put(buf, &off, IFLA_VXLAN_PORT_RANGE, &r, sizeof(r));
	u8 = 1;
	put(buf, &off, IFLA_VXLAN_PROXY, &u8, 1);
	put(buf, &off, IFLA_VXLAN_RSC, &u8, 1);
	put(buf, &off, IFLA_VXLAN_L2MISS, &u8, 1);
	put(buf, &off, IFLA_VXLAN_L3MISS, &u8, 1);
	u16 = htons(4789);
	put(buf, &off, IFLA_VXLAN_PORT, &u16, 2);
	put(buf, &off, IFLA_VXLAN_UDP_CSUM, &u8, 1);
	put(buf, &off, IFLA_VXLAN_UDP_ZERO_CSUM6_TX, &u8, 1);
	put(buf, &off, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, &u8, 1);
	put(buf, &off, IFLA_VXLAN_REMCSUM_TX, &u8, 1);
	put(buf, &off, IFLA_VXLAN_REMCSUM_RX, &u8, 1);
	put(buf, &off, IFLA_VXLAN_GBP, NULL, 0);
	put(buf, &off, IFLA_VXLAN_REMCSUM_NOPARTIAL, NULL, 0);
	put(buf, &off, IFLA_VXLAN_COLLECT_METADATA, &u8, 1);
	u32 = htonl(0x12345);
	put(buf, &off, IFLA_VXLAN_LABEL, &u32, 4);
	put(buf, &off, IFLA_VXLAN_GPE, NULL, 0);
	u8 = 1;
	put(buf, &off, IFLA_VXLAN_TTL_INHERIT, NULL, 0);
	put(buf, &off, IFLA_VXLAN_DF, &u8, 1);
	parse("all", buf, off);

	off = 0;
	u32 = 7;
	put(buf, &off, IFLA_VXLAN_ID, &u32, 4);
	put(buf, &off, IFLA_VXLAN_GROUP6, in6, 16);
	in6[15] = 2;
	put(buf, &off, IFLA_VXLAN_LOCAL6, in6, 16);
	u8 = 0;
	put(buf, &off, IFLA_VXLAN_LEARNING, &u8, 1);
	put(buf, &off, IFLA_VXLAN_PROXY, &u8, 1);
	put(buf, &off, IFLA_VXLAN_TTL, &u8, 1);
	parse("v6", buf, off);

	off = 0;
	u32 = htonl(0xe0000002);
	put(buf, &off, IFLA_VXLAN_GROUP6, in6, 16);
	put(buf, &off, IFLA_VXLAN_GROUP, &u32, 4);
	put(buf, &off, IFLA_VXLAN_LOCAL6, in6, 16);
	put(buf, &off, IFLA_VXLAN_LOCAL, &u32, 4);
	u32 = 0;
	put(buf, &off, IFLA_VXLAN_AGEING, &u32, 4);
	put(buf, &off, IFLA_VXLAN_GROUP6, in6, 20);
	parse("both families", buf, off);

	/* No INFO_DATA at all: libnl 3.7.0 never allocates the vxlan data then, and its getters
	 * and dumps crash on such a link (libnlrs: a vxlan link with nothing set). Not run. */

	off = 0;
	u16 = 5;
	put(buf, &off, IFLA_VXLAN_ID, &u16, 2);
	parse("short id", buf, off);

	off = 0;
	put(buf, &off, IFLA_VXLAN_GROUP, &u16, 2);
	parse("short group", buf, off);

	off = 0;
	put(buf, &off, IFLA_VXLAN_GROUP6, &u32, 4);
	parse("short group6", buf, off);

	off = 0;
	put(buf, &off, IFLA_VXLAN_PORT_RANGE, &u16, 2);
	parse("short range", buf, off);

	off = 0;
	put(buf, &off, IFLA_VXLAN_TTL, NULL, 0);
	parse("empty ttl", buf, off);

	off = 0;
	put(buf, &off, IFLA_VXLAN_PORT, &u8, 1);
	parse("short port", buf, off);

	off = 0;
	put(buf, &off, IFLA_VXLAN_LABEL, &u16, 2);
	parse("short label", buf, off);

	off = 0;
	u32 = 9;
	put(buf, &off, IFLA_VXLAN_ID, &u32, 4);
	put(buf, &off, 99, &u32, 4);
	parse("unknown attr", buf, off);

	off = 0;
	u32 = 9;
	put(buf, &off, IFLA_VXLAN_ID, &u32, 4);
	buf[off++] = 8;
	buf[off++] = 0;
	buf[off++] = 1;
	buf[off++] = 0;
	parse("truncated", buf, off);
}

int main(void)
{
	struct nl_addr *a4, *a6, *m4, *m6, *mac;
	struct ifla_vxlan_port_range r = { htons(32768), htons(61000) };
	struct rtnl_link *l, *k, *c;
	struct nl_cache *cache;
	struct nl_sock *sk;
	struct nl_msg *m;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	nl_addr_parse("10.0.0.1", AF_INET, &a4);
	nl_addr_parse("fd00::1", AF_INET6, &a6);
	nl_addr_parse("239.1.1.1", AF_INET, &m4);
	nl_addr_parse("ff05::1", AF_INET6, &m6);
	nl_addr_parse("02:00:00:00:00:50", AF_LLC, &mac);

	l = rtnl_link_vxlan_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);
	rtnl_link_set_name(l, "vx");
	printf("set_id %d", rtnl_link_vxlan_set_id(l, 42));
	printf(" %d", rtnl_link_vxlan_set_id(l, 1 << 24));
	printf(" %d", rtnl_link_vxlan_set_id(l, (1 << 24) - 1));
	printf(" set_group %d", rtnl_link_vxlan_set_group(l, m4));
	printf(" set_link %d", rtnl_link_vxlan_set_link(l, 5));
	printf(" set_local %d", rtnl_link_vxlan_set_local(l, a4));
	printf(" set_ttl %d", rtnl_link_vxlan_set_ttl(l, 64));
	printf(" set_tos %d", rtnl_link_vxlan_set_tos(l, 0x28));
	printf(" set_learning %d", rtnl_link_vxlan_set_learning(l, 5));
	printf(" set_ageing %d", rtnl_link_vxlan_set_ageing(l, 300));
	printf(" set_limit %d", rtnl_link_vxlan_set_limit(l, 100));
	printf(" set_port_range %d", rtnl_link_vxlan_set_port_range(l, &r));
	printf(" set_proxy %d", rtnl_link_vxlan_set_proxy(l, 2));
	printf(" set_rsc %d", rtnl_link_vxlan_set_rsc(l, 1));
	printf(" set_l2miss %d", rtnl_link_vxlan_set_l2miss(l, 1));
	printf(" set_l3miss %d", rtnl_link_vxlan_set_l3miss(l, 1));
	printf(" set_port %d", rtnl_link_vxlan_set_port(l, 4789));
	printf(" set_udp_csum %d", rtnl_link_vxlan_set_udp_csum(l, 1));
	printf(" set_zc6tx %d", rtnl_link_vxlan_set_udp_zero_csum6_tx(l, 1));
	printf(" set_zc6rx %d", rtnl_link_vxlan_set_udp_zero_csum6_rx(l, 3));
	printf(" set_rcsumtx %d", rtnl_link_vxlan_set_remcsum_tx(l, 1));
	printf(" set_rcsumrx %d", rtnl_link_vxlan_set_remcsum_rx(l, 1));
	printf(" set_flags %d", rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_GBP, 1));
	printf(" %d", rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_REMCSUM_NOPARTIAL, 1));
	printf(" %d", rtnl_link_vxlan_set_flags(l, 8, 1));
	printf(" set_collect %d", rtnl_link_vxlan_set_collect_metadata(l, 1));
	printf(" set_label %d\n", rtnl_link_vxlan_set_label(l, 0xabcde));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);

	printf("v6: group %d", rtnl_link_vxlan_set_group(l, m6));
	printf(" local %d", rtnl_link_vxlan_set_local(l, a6));
	printf(" group-unicast %d", rtnl_link_vxlan_set_group(l, a4));
	printf(" local-mcast %d", rtnl_link_vxlan_set_local(l, m4));
	printf(" flags-off %d", rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_GBP, 0));
	printf(" gpe %d", rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_GPE, 1));
	printf(" label-big %d\n", rtnl_link_vxlan_set_label(l, 0xfffff + 1));
	show("v6", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("v6 request", err, m);
	dump(l);

	printf("toggles: en-learning %d", rtnl_link_vxlan_enable_learning(l));
	printf(" dis-proxy %d", rtnl_link_vxlan_disable_proxy(l));
	printf(" dis-rsc %d", rtnl_link_vxlan_disable_rsc(l));
	printf(" dis-l2miss %d", rtnl_link_vxlan_disable_l2miss(l));
	printf(" en-l3miss %d\n", rtnl_link_vxlan_enable_l3miss(l));
	show("toggled", l);
	printf("toggles: dis-learning %d", rtnl_link_vxlan_disable_learning(l));
	printf(" en-proxy %d", rtnl_link_vxlan_enable_proxy(l));
	printf(" en-rsc %d", rtnl_link_vxlan_enable_rsc(l));
	printf(" en-l2miss %d", rtnl_link_vxlan_enable_l2miss(l));
	printf(" dis-l3miss %d\n", rtnl_link_vxlan_disable_l3miss(l));
	show("toggled", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("toggled request", err, m);

	printf("zeros: ttl %d", rtnl_link_vxlan_set_ttl(l, 0));
	printf(" udp_csum %d", rtnl_link_vxlan_set_udp_csum(l, 0));
	printf(" zc6tx %d", rtnl_link_vxlan_set_udp_zero_csum6_tx(l, 0));
	printf(" zc6rx %d", rtnl_link_vxlan_set_udp_zero_csum6_rx(l, 0));
	printf(" rcsumtx %d", rtnl_link_vxlan_set_remcsum_tx(l, 0));
	printf(" rcsumrx %d", rtnl_link_vxlan_set_remcsum_rx(l, 0));
	printf(" collect %d", rtnl_link_vxlan_set_collect_metadata(l, 2));
	printf(" ageing %d", rtnl_link_vxlan_set_ageing(l, 0));
	printf(" limit %d", rtnl_link_vxlan_set_limit(l, 0));
	printf(" tos %d", rtnl_link_vxlan_set_tos(l, 1));
	printf(" group6 %d", rtnl_link_vxlan_set_group(l, m6));
	printf(" local6 %d\n", rtnl_link_vxlan_set_local(l, a6));
	rtnl_link_set_flags(l, IFF_UP);
	rtnl_link_set_master(l, 3);
	rtnl_link_set_link(l, 4);
	rtnl_link_set_group(l, 2);
	show("zeros", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("zeros request", err, m);
	dump(l);

	c = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
	show("clone", c);
	k = rtnl_link_vxlan_alloc();
	rtnl_link_set_name(k, "vx");
	printf("diff %#llx identical %d\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k),
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)c));
	rtnl_link_vxlan_set_id(c, 43);
	printf("diff id %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)c));
	err = rtnl_link_build_change_request(k, l, 0, &m);
	hex("change request (original without index)", err, m);
	rtnl_link_set_ifindex(k, 7);
	err = rtnl_link_build_change_request(k, l, 0, &m);
	hex("change request", err, m);
	rtnl_link_put(c);
	rtnl_link_put(k);
	rtnl_link_put(l);

	parse_all();

	/* The kernel. */
	sk = nl_socket_alloc();
	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	l = rtnl_link_vxlan_alloc();
	rtnl_link_set_name(l, "vx9");
	rtnl_link_set_addr(l, mac);
	rtnl_link_vxlan_set_id(l, 4242);
	rtnl_link_vxlan_set_local(l, a4);
	rtnl_link_vxlan_set_port(l, 4789);
	rtnl_link_vxlan_set_ttl(l, 17);
	rtnl_link_vxlan_set_tos(l, 0x10);
	rtnl_link_vxlan_set_ageing(l, 123);
	rtnl_link_vxlan_set_limit(l, 77);
	rtnl_link_vxlan_set_port_range(l, &r);
	rtnl_link_vxlan_disable_learning(l);
	rtnl_link_vxlan_enable_proxy(l);
	rtnl_link_vxlan_enable_l2miss(l);
	rtnl_link_set_mtu(l, 1400);
	printf("add %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "vx9", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("vx9", k);
		printf("-- kernel line\n");
		nl_object_dump(
			(struct nl_object *)k,
			&(struct nl_dump_params){ .dp_type = NL_DUMP_LINE, .dp_fd = stdout });
		rtnl_link_put(k);
	}
	printf("delete %d\n", rtnl_link_delete(sk, l));
	rtnl_link_put(l);

	l = rtnl_link_vxlan_alloc();
	rtnl_link_set_name(l, "vx6");
	rtnl_link_set_addr(l, mac);
	rtnl_link_vxlan_set_id(l, 6);
	rtnl_link_vxlan_set_group(l, m6);
	rtnl_link_vxlan_set_link(l, 1);
	rtnl_link_vxlan_set_port(l, 8472);
	rtnl_link_vxlan_set_udp_zero_csum6_tx(l, 1);
	rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_GBP, 1);
	printf("add6 %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "vx6", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("vx6", k);
		nl_object_dump(
			(struct nl_object *)k,
			&(struct nl_dump_params){ .dp_type = NL_DUMP_LINE, .dp_fd = stdout });
		rtnl_link_put(k);
	}
	printf("delete %d\n", rtnl_link_delete(sk, l));
	rtnl_link_put(l);

	/* Metadata-collecting (external) with GPE, and remote checksum offload. */
	l = rtnl_link_vxlan_alloc();
	rtnl_link_set_name(l, "vxe");
	rtnl_link_vxlan_set_collect_metadata(l, 1);
	rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_GPE, 1);
	rtnl_link_vxlan_set_port(l, 4790);
	rtnl_link_vxlan_disable_learning(l);
	printf("add external %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "vxe", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("vxe", k);
		nl_object_dump(
			(struct nl_object *)k,
			&(struct nl_dump_params){ .dp_type = NL_DUMP_LINE, .dp_fd = stdout });
		rtnl_link_put(k);
	}
	printf("delete %d\n", rtnl_link_delete(sk, l));
	rtnl_link_put(l);
	l = rtnl_link_vxlan_alloc();
	rtnl_link_set_name(l, "vxr");
	rtnl_link_set_addr(l, mac);
	rtnl_link_vxlan_set_id(l, 77);
	rtnl_link_vxlan_set_group(l, a4);
	rtnl_link_vxlan_set_remcsum_tx(l, 1);
	rtnl_link_vxlan_set_remcsum_rx(l, 1);
	rtnl_link_vxlan_set_flags(l, RTNL_LINK_VXLAN_F_REMCSUM_NOPARTIAL, 1);
	rtnl_link_vxlan_set_udp_csum(l, 0);
	rtnl_link_vxlan_enable_rsc(l);
	rtnl_link_vxlan_enable_l3miss(l);
	printf("add remcsum %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "vxr", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("vxr", k);
		rtnl_link_put(k);
	}
	printf("delete %d\n", rtnl_link_delete(sk, l));
	rtnl_link_put(l);

	/* A link in a cache: the lower link is named from the link's own cache. */
	rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	l = rtnl_link_vxlan_alloc();
	rtnl_link_set_name(l, "vxc");
	rtnl_link_vxlan_set_link(l, 1);
	rtnl_link_vxlan_set_tos(l, 0);
	printf("cache add %d\n", nl_cache_add(cache, (struct nl_object *)l));
	nl_object_dump((struct nl_object *)l,
		       &(struct nl_dump_params){ .dp_type = NL_DUMP_DETAILS, .dp_fd = stdout });
	rtnl_link_put(l);
	nl_cache_free(cache);

	nl_addr_put(a4);
	nl_addr_put(a6);
	nl_addr_put(m4);
	nl_addr_put(m6);
	nl_addr_put(mac);
	nl_socket_free(sk);
	return 0;
}
