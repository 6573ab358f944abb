/* netlink/route/link/macvlan.h, the source-MAC list of mode `source` (tests/route.rs): the
 * macmode names both ways, set/get_macmode, the address list (count/get/add/del) with its
 * errors, requests and dumps, links parsed from hand-built messages (well-formed and
 * malformed), comparison, and a source-mode macvlan added to the kernel, read back, changed
 * and deleted. */
#include <linux/if_link.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/macvlan.h>
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

static void show(const char *what, struct rtnl_link *l)
{
	const struct nl_addr *a;
	uint32_t v = 77, n = 77;
	char b[64];
	int err;

	printf("%s: macvlan %d", what, rtnl_link_is_macvlan(l));
	if (!rtnl_link_is_macvlan(l)) {
		printf("\n");
		return;
	}
	printf(" mode %u", rtnl_link_macvlan_get_mode(l));
	printf(" flags %u", rtnl_link_macvlan_get_flags(l));
	err = rtnl_link_macvlan_get_macmode(l, &v);
	printf(" get_macmode %d %u", err, v);
	err = rtnl_link_macvlan_count_macaddr(l, &n);
	printf(" count %d %u", err, n);
	for (uint32_t i = 0; i < (err ? 0 : n) + 1; i++) {
		a = (const struct nl_addr *)0x1;
		err = rtnl_link_macvlan_get_macaddr(l, i, &a);
		printf(" [%u %d %s]", i, err, err || !a ? "-" : nl_addr2str(a, b, sizeof(b)));
	}
	printf("\n");
}

static void parsed(struct nl_object *o, void *arg)
{
	show(arg, (struct rtnl_link *)o);
	dump((struct rtnl_link *)o);
}

/* An RTM_NEWLINK for "src0" of kind macvlan whose IFLA_INFO_DATA is `data` (raw bytes). */
static void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 42, .ifi_type = 1 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *li, *d;
	int err;

	nlmsg_set_proto(m, NETLINK_ROUTE);
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "src0");
	li = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, "macvlan");
	d = nla_nest_start(m, IFLA_INFO_DATA);
	memcpy(nlmsg_reserve(m, len, NLA_ALIGNTO), data, len);
	nla_nest_end(m, d);
	nla_nest_end(m, li);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}

/* Attribute helpers for the hand-built INFO_DATA. */
static int put(unsigned char *p, int type, const void *v, int len)
{
	struct nlattr *a = (struct nlattr *)p;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(p + NLA_HDRLEN, v, len);
	memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return NLA_HDRLEN + NLA_ALIGN(len);
}

static int put32(unsigned char *p, int type, uint32_t v)
{
	return put(p, type, &v, 4);
}

static void parse_all(void)
{
	unsigned char mac1[6] = { 2, 0, 0, 0, 0, 0xa1 }, mac2[6] = { 2, 0, 0, 0, 0, 0xa2 };
	unsigned char b[256], data[128];
	int n, dn;

	/* mode source, count 2, two addresses */
	dn = put(data, IFLA_MACVLAN_MACADDR, mac1, 6);
	dn += put(data + dn, IFLA_MACVLAN_MACADDR, mac2, 6);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 2);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("source2", b, n);

	/* with a macmode and flags too */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put(b + n, IFLA_MACVLAN_FLAGS, "\1\0", 2);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_MODE, MACVLAN_MACADDR_SET);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 2);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("macmode", b, n);

	/* macmode add with a list, macmode alone */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_MODE, MACVLAN_MACADDR_ADD);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 2);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("macmodeadd", b, n);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_MODE, MACVLAN_MACADDR_FLUSH);
	parse("macmodeonly", b, n);
	n = put32(b, IFLA_MACVLAN_MACADDR_MODE, MACVLAN_MACADDR_FLUSH);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 1);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("nomode", b, n);

	/* count larger than the list */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 3);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("count3", b, n);

	/* count smaller than the list */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 1);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("count1", b, n);

	/* count without data */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 2);
	parse("nodata", b, n);

	/* data without count */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("nocount", b, n);

	/* count 0, empty data */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 0);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, 0);
	parse("empty", b, n);

	/* a short address (4 bytes) in the list */
	dn = put(data, IFLA_MACVLAN_MACADDR, mac1, 4);
	dn += put(data + dn, IFLA_MACVLAN_MACADDR, mac2, 6);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 2);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("shortmac", b, n);

	/* 5 bytes, then an empty one */
	dn = put(data, IFLA_MACVLAN_MACADDR, mac1, 5);
	dn += put(data + dn, IFLA_MACVLAN_MACADDR, mac2, 0);
	dn += put(data + dn, IFLA_MACVLAN_MACADDR, mac2, 6);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 3);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("mac5", b, n);

	/* a long address (8 bytes) in the list */
	dn = put(data, IFLA_MACVLAN_MACADDR, "\2\0\0\0\0\xa1\xa2\xa3", 8);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 1);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("longmac", b, n);

	/* another attribute type inside the list */
	dn = put32(data, IFLA_MACVLAN_MODE, 4);
	dn += put(data + dn, IFLA_MACVLAN_MACADDR, mac2, 6);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 2);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("foreign", b, n);

	/* list content that is not attributes */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 1);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, "\xff\xff\x01", 3);
	parse("garbage", b, n);

	/* short count and short macmode */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put(b + n, IFLA_MACVLAN_MACADDR_COUNT, "\1\0", 2);
	parse("shortcount", b, n);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE);
	n += put(b + n, IFLA_MACVLAN_MACADDR_MODE, "\1\0", 2);
	parse("shortmacmode", b, n);

	/* list in a mode other than source */
	dn = put(data, IFLA_MACVLAN_MACADDR, mac1, 6);
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_BRIDGE);
	n += put32(b + n, IFLA_MACVLAN_MACADDR_COUNT, 1);
	n += put(b + n, IFLA_MACVLAN_MACADDR_DATA, data, dn);
	parse("bridgelist", b, n);

	/* bc queue len attributes (unknown to libnl) */
	n = put32(b, IFLA_MACVLAN_MODE, MACVLAN_MODE_VEPA);
	n += put32(b + n, IFLA_MACVLAN_BC_QUEUE_LEN, 1000);
	n += put32(b + n, IFLA_MACVLAN_BC_QUEUE_LEN_USED, 1000);
	parse("bcqueue", b, n);
}

int main(void)
{
	const char *names[] = { "add",	   "del",   "flush", "set", "\"add\"", "\"FLUSH\"",
				"\"set\"", "bogus", "2",     "7",   "" };
	struct nl_addr *a1, *a2, *a3, *ip;
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l, *l2, *k;
	struct nl_cache *cache;
	struct nl_msg *m;
	char b[64];
	int i, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = -1; i < 6; i++)
		printf("macmode %d %s\n", i, rtnl_link_macvlan_macmode2str(i, b, 32));
	printf("macmode short [%s]\n", rtnl_link_macvlan_macmode2str(2, b, 3));
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		printf("str2macmode '%s' %d\n", names[i], rtnl_link_macvlan_str2macmode(names[i]));

	nl_addr_parse("02:00:00:00:00:a1", AF_LLC, &a1);
	nl_addr_parse("02:00:00:00:00:a2", AF_LLC, &a2);
	nl_addr_parse("02:00:00:00:00:a3", AF_UNSPEC, &a3);
	nl_addr_parse("10.0.0.1", AF_INET, &ip);
	printf("families %d %d %d\n", nl_addr_get_family(a1), nl_addr_get_family(a3),
	       nl_addr_get_family(ip));

	l = rtnl_link_macvlan_alloc();
	rtnl_link_set_name(l, "src");
	show("fresh", l);
	printf("set_macmode %d\n", rtnl_link_macvlan_set_macmode(l, MACVLAN_MACADDR_ADD));
	printf("add %d\n", rtnl_link_macvlan_add_macaddr(l, a1));
	printf("del %d\n", rtnl_link_macvlan_del_macaddr(l, a1));
	show("nomode", l);
	printf("set_mode bridge %d\n", rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_BRIDGE));
	printf("set_macmode %d\n", rtnl_link_macvlan_set_macmode(l, MACVLAN_MACADDR_ADD));
	printf("add %d\n", rtnl_link_macvlan_add_macaddr(l, a1));
	printf("del %d\n", rtnl_link_macvlan_del_macaddr(l, a1));
	show("bridge", l);
	printf("set_mode source %d\n", rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_SOURCE));
	show("source", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("source request", err, m);
	printf("add before macmode %d\n", rtnl_link_macvlan_add_macaddr(l, a1));
	printf("del before macmode %d\n", rtnl_link_macvlan_del_macaddr(l, a1));
	show("source2", l);
	printf("set_flags %d\n", rtnl_link_macvlan_set_flags(l, 1));
	printf("set_macmode %d\n", rtnl_link_macvlan_set_macmode(l, 9));
	show("macmode9", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("macmode9 request", err, m);
	dump(l);
	printf("set_macmode %d\n", rtnl_link_macvlan_set_macmode(l, MACVLAN_MACADDR_SET));
	printf("add a1 %d\n", rtnl_link_macvlan_add_macaddr(l, a1));
	printf("add a2 %d\n", rtnl_link_macvlan_add_macaddr(l, a2));
	printf("add a3 %d\n", rtnl_link_macvlan_add_macaddr(l, a3));
	printf("add ip %d\n", rtnl_link_macvlan_add_macaddr(l, ip));
	printf("add a1 again %d\n", rtnl_link_macvlan_add_macaddr(l, a1));
	show("added", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("added request", err, m);
	dump(l);
	l2 = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
	printf("clone identical %d diff %llx\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2),
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)l2));
	show("clone", l2);
	printf("del a1 %d\n", rtnl_link_macvlan_del_macaddr(l, a1));
	show("del1", l);
	printf("set_mode source again %d\n", rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_SOURCE));
	show("same mode", l);
	rtnl_link_macvlan_set_flags(l2, 1);
	printf("clone flags identical %d\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2));
	rtnl_link_macvlan_set_mode(l2, MACVLAN_MODE_VEPA);
	printf("clone mode identical %d diff %llx\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2),
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)l2));
	printf("clone after del identical %d diff %llx\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2),
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)l2));
	printf("del a1 again %d\n", rtnl_link_macvlan_del_macaddr(l, a1));
	printf("del ip %d\n", rtnl_link_macvlan_del_macaddr(l, ip));
	printf("del a3 %d\n", rtnl_link_macvlan_del_macaddr(l, a3));
	show("del3", l);
	printf("del a2 %d\n", rtnl_link_macvlan_del_macaddr(l, a2));
	show("del all", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("empty request", err, m);
	dump(l);
	printf("add a2 %d\n", rtnl_link_macvlan_add_macaddr(l, a2));
	printf("set_macmode flush %d\n", rtnl_link_macvlan_set_macmode(l, MACVLAN_MACADDR_FLUSH));
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("flush request", err, m);
	printf("set_mode vepa %d\n", rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_VEPA));
	show("vepa", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("vepa request", err, m);
	dump(l);
	printf("set_mode source %d\n", rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_SOURCE));
	show("source again", l);
	rtnl_link_put(l2);
	rtnl_link_put(l);

	parse_all();

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	err = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	printf("cache %d\n", err);
	l = rtnl_link_macvlan_alloc();
	rtnl_link_set_name(l, "src9");
	rtnl_link_set_link(l, rtnl_link_name2i(cache, "veth1"));
	rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_SOURCE);
	rtnl_link_macvlan_set_macmode(l, MACVLAN_MACADDR_SET);
	rtnl_link_macvlan_add_macaddr(l, a1);
	rtnl_link_macvlan_add_macaddr(l, a2);
	printf("add %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "src9", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("src9", k);
	}
	l2 = rtnl_link_macvlan_alloc();
	rtnl_link_macvlan_set_mode(l2, MACVLAN_MODE_SOURCE);
	rtnl_link_macvlan_set_macmode(l2, MACVLAN_MACADDR_DEL);
	rtnl_link_macvlan_add_macaddr(l2, a1);
	if (!err) {
		err = rtnl_link_build_change_request(k, l2, 0, &m);
		hex("change request", err, m);
		printf("change %d\n", rtnl_link_change(sk, k, l2, 0));
		rtnl_link_macvlan_set_macmode(l2, MACVLAN_MACADDR_SET);
		printf("change set %d\n", rtnl_link_change(sk, k, l2, 0));
		rtnl_link_put(k);
	}
	err = rtnl_link_get_kernel(sk, 0, "src9", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("src9 changed", k);
		rtnl_link_put(k);
	}
	rtnl_link_put(l2);
	printf("delete %d\n", rtnl_link_delete(sk, l));
	rtnl_link_put(l);
	nl_addr_put(a1);
	nl_addr_put(a2);
	nl_addr_put(a3);
	nl_addr_put(ip);
	nl_cache_free(cache);
	nl_socket_free(sk);
	return 0;
}
