/* netlink/route/link/ppp.h (tests/route.rs; this kernel has no ppp): the file descriptor set and read, the request bytes, the dumps, and messages parsed by hand (well-formed, short and malformed attributes). */
#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/ppp.h>
#include <stdio.h>
#include <string.h>

#define KIND "ppp"
#define ROUTE_TEST_KIND
#include "route-test.h"

static void show(const char *what, struct rtnl_link *l)
{
	int32_t fd = 7;
	int err = rtnl_link_ppp_get_fd(l, &fd);

	printf("%s: fd %d %d\n", what, err, fd);
}

int main(void)
{
	unsigned char buf[64];
	struct rtnl_link *l, *k;
	struct nl_msg *m;
	uint16_t u16;
	int32_t s32;
	int off, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	l = rtnl_link_ppp_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);
	rtnl_link_set_name(l, "ppp0");
	printf("set_fd %d", rtnl_link_ppp_set_fd(l, 5));
	printf(" %d\n", rtnl_link_ppp_set_fd(l, -3));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);
	k = rtnl_link_ppp_alloc();
	printf("diff %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_put(k);
	rtnl_link_put(l);

	off = 0;
	s32 = 12;
	put(buf, &off, IFLA_PPP_DEV_FD, &s32, 4);
	parse("fd", buf, off);
	off = 0;
	u16 = 5;
	put(buf, &off, IFLA_PPP_DEV_FD, &u16, 2);
	parse("short fd", buf, off);
	off = 0;
	put(buf, &off, 3, &s32, 4);
	parse("unknown", buf, off);
	return 0;
}
