/* netlink/route/link/vrf.h (tests/route.rs; this kernel has no vrf): the table id set and read, the request bytes, the dumps, and messages parsed by hand (well-formed, short and malformed attributes). */
#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vrf.h>
#include <stdio.h>
#include <string.h>

#define KIND "vrf"
#define ROUTE_TEST_KIND
#include "route-test.h"

static void show(const char *what, struct rtnl_link *l)
{
	uint32_t id = 7;
	int err = rtnl_link_vrf_get_tableid(l, &id);

	printf("%s: is %d table %d %u\n", what, rtnl_link_is_vrf(l), err, id);
}

int main(void)
{
	unsigned char buf[64];
	struct rtnl_link *l, *k;
	struct nl_msg *m;
	uint32_t u32;
	uint16_t u16;
	int off, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	l = rtnl_link_vrf_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);
	rtnl_link_set_name(l, "vrf0");
	printf("set_tableid %d", rtnl_link_vrf_set_tableid(l, 10));
	printf(" %d\n", rtnl_link_vrf_set_tableid(l, 0xffffffff));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);
	printf("set_tableid %d\n", rtnl_link_vrf_set_tableid(l, 0));
	show("zero", l);
	k = rtnl_link_vrf_alloc();
	printf("diff %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_put(k);
	rtnl_link_put(l);

	off = 0;
	u32 = 1234;
	put(buf, &off, IFLA_VRF_TABLE, &u32, 4);
	parse("table", buf, off);
	off = 0;
	u16 = 5;
	put(buf, &off, IFLA_VRF_TABLE, &u16, 2);
	parse("short table", buf, off);
	off = 0;
	put(buf, &off, 2, &u32, 4);
	parse("unknown", buf, off);
	return 0;
}
