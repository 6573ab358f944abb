/*
 * route-add-del.c - add or delete a route through an interface with
 * RTM_NEWROUTE / RTM_DELROUTE, using the libnl-3 core API only.
 *
 * Usage: route-add-del add|del ADDRESS[/PREFIX] DEVICE
 * "add" creates the route in the main table with NLM_F_CREATE|NLM_F_EXCL,
 * so adding a route that already exists fails with the kernel's EEXIST,
 * which libnl reports as NLE_EXIST ("Object exists"). "del" removes it;
 * a missing route gives NLE_OBJ_NOTFOUND. Without a prefix the route is
 * a host route (/32 or /128). Needs CAP_NET_ADMIN; try it in a network
 * namespace:  unshare -n sh -c 'ip link set lo up;
 *             route-add-del add 10.1.2.3 lo; ip route'
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/if.h>
#include <linux/rtnetlink.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/addr.h>
#include <netlink/errno.h>

static void usage(void)
{
	fprintf(stderr, "usage: route-add-del add|del ADDRESS[/PREFIX] DEVICE\n");
}

/* Builds the RTM_NEWROUTE/RTM_DELROUTE request. */
static int build(int add, struct nl_addr *dst, unsigned int oif, struct nl_msg **result)
{
	struct rtmsg rtm = {
		.rtm_family = (unsigned char)nl_addr_get_family(dst),
		.rtm_dst_len = (unsigned char)nl_addr_get_prefixlen(dst),
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = add ? RTPROT_STATIC : 0,
		.rtm_scope = add ? RT_SCOPE_LINK : RT_SCOPE_NOWHERE,
		.rtm_type = add ? RTN_UNICAST : 0,
	};
	int flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc_simple(add ? RTM_NEWROUTE : RTM_DELROUTE,
				 NLM_F_REQUEST | NLM_F_ACK | flags);
	if (!msg)
		return -NLE_NOMEM;
	err = nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO);
	if (err < 0)
		goto fail;
	err = nla_put_addr(msg, RTA_DST, dst);
	if (err < 0)
		goto fail;
	err = nla_put_u32(msg, RTA_OIF, oif);
	if (err < 0)
		goto fail;
	err = nla_put_u32(msg, RTA_TABLE, RT_TABLE_MAIN);
	if (err < 0)
		goto fail;
	*result = msg;
	return 0;
fail:
	nlmsg_free(msg);
	return err;
}

int main(int argc, char **argv)
{
	struct nl_sock *sk = NULL;
	struct nl_msg *msg = NULL;
	struct nl_addr *dst = NULL;
	char buf[INET6_ADDRSTRLEN + 8];
	unsigned int oif;
	int add, err;

	if (argc != 4 || (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "del") != 0)) {
		usage();
		return 2;
	}
	add = strcmp(argv[1], "add") == 0;

	err = nl_addr_parse(argv[2], AF_UNSPEC, &dst);
	if (err < 0) {
		fprintf(stderr, "route-add-del: %s: %s\n", argv[2], nl_geterror(err));
		return 2;
	}
	if (nl_addr_get_family(dst) != AF_INET && nl_addr_get_family(dst) != AF_INET6) {
		fprintf(stderr, "route-add-del: %s: not an IPv4 or IPv6 address\n", argv[2]);
		nl_addr_put(dst);
		return 2;
	}
	oif = if_nametoindex(argv[3]);
	if (oif == 0) {
		fprintf(stderr, "route-add-del: %s: no such device\n", argv[3]);
		nl_addr_put(dst);
		return 2;
	}

	err = build(add, dst, oif, &msg);
	if (err < 0)
		goto out;
	sk = nl_socket_alloc();
	if (!sk) {
		err = -NLE_NOMEM;
		goto out;
	}
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0)
		goto out;
	err = nl_send_auto(sk, msg);
	if (err < 0)
		goto out;
	/* The kernel answers with an NLMSG_ERROR: 0 (the ack) or -errno. */
	err = nl_wait_for_ack(sk);
out:
	nl_addr2str(dst, buf, sizeof(buf));
	if (err < 0)
		fprintf(stderr, "route-add-del: %s %s dev %s: %s (%d)\n", argv[1], buf, argv[3],
			nl_geterror(err), err);
	else
		printf("%s %s dev %s: ok\n", add ? "added" : "deleted", buf, argv[3]);
	nlmsg_free(msg);
	nl_socket_free(sk);
	nl_addr_put(dst);
	return err < 0 ? 1 : 0;
}
