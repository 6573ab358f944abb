/* netlink/route/link/ipvlan.h (tests/route.rs; this kernel has no ipvlan): mode names both ways, the mode set and read, the request bytes, the dumps, and messages parsed by hand (well-formed, short and malformed attributes). */
#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/ipvlan.h>
#include <stdio.h>
#include <string.h>

#define KIND "ipvlan"
#define ROUTE_TEST_KIND
#include "route-test.h"

static void show(const char *what, struct rtnl_link *l)
{
	uint16_t mode = 7;
	int err = rtnl_link_ipvlan_get_mode(l, &mode);

	printf("%s: is %d mode %d %u\n", what, rtnl_link_is_ipvlan(l), err, mode);
}

int main(void)
{
	const char *modes[] = { "l2", "l3", "l3s", "L3S", "bogus", "2", "" };
	unsigned char buf[64];
	struct rtnl_link *l, *k;
	struct nl_msg *m;
	uint16_t u16;
	uint8_t u8;
	char b[32];
	int i, off, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = -1; i < 5; i++)
		printf("mode %d %s\n", i, rtnl_link_ipvlan_mode2str(i, b, sizeof(b)));
	printf("mode short %s\n", rtnl_link_ipvlan_mode2str(2, b, 2));
	for (i = 0; i < (int)(sizeof(modes) / sizeof(modes[0])); i++)
		printf("str2mode '%s' %d\n", modes[i], rtnl_link_ipvlan_str2mode(modes[i]));

	l = rtnl_link_ipvlan_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);
	rtnl_link_set_name(l, "ipv0");
	rtnl_link_set_link(l, 2);
	printf("set_mode %d", rtnl_link_ipvlan_set_mode(l, 3));
	printf(" %d", rtnl_link_ipvlan_set_mode(l, 0xffff));
	printf(" %d\n", rtnl_link_ipvlan_set_mode(l, 2));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);
	printf("set_mode %d\n", rtnl_link_ipvlan_set_mode(l, 0));
	show("l2", l);
	dump(l);
	k = rtnl_link_ipvlan_alloc();
	printf("diff %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_put(k);
	rtnl_link_put(l);

	off = 0;
	u16 = 1;
	put(buf, &off, IFLA_IPVLAN_MODE, &u16, 2);
	put(buf, &off, IFLA_IPVLAN_FLAGS, &u16, 2);
	parse("mode", buf, off);
	off = 0;
	u16 = 9;
	put(buf, &off, IFLA_IPVLAN_MODE, &u16, 2);
	parse("unknown mode", buf, off);
	off = 0;
	u8 = 1;
	put(buf, &off, IFLA_IPVLAN_MODE, &u8, 1);
	parse("short mode", buf, off);
	off = 0;
	put(buf, &off, 7, &u16, 2);
	parse("unknown", buf, off);
	return 0;
}
