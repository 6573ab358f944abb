/*
 * Multicast groups and ports: nl_socket_add_membership(RTNLGRP_LINK) then a link change made by
 * `ip` (notification received, with and without the sequence check), nl_socket_drop_membership
 * (no more notifications), nl_join_groups before
 * connecting (the variadic add/drop_memberships are in groups-variadic.c); local ports of several sockets (only compared with getpid(), never printed),
 * nl_socket_set_local_port, binding a port twice, peer port and peer groups getters/setters.
 */
#include <stdint.h>

#include "nstest.h"

static int notes;

static int note_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	notes++;
	/* Sequence number and port come from `ip`: not printed. */
	printf("  VALID type=%u flags=0x%x from_kernel=%d\n", nlmsg_hdr(m)->nlmsg_type,
	       nlmsg_hdr(m)->nlmsg_flags, nlmsg_get_src(m)->nl_pid == 0);
	return NL_OK;
}

static void drain(struct nl_sock *sk, const char *what)
{
	int i, rc;

	notes = 0;
	for (i = 0; i < 6; i++) {
		rc = nl_recvmsgs_default(sk);
		printf(" %s: nl_recvmsgs_default = %d%s%s\n", what, rc, rc < 0 ? " " : "",
		       rc < 0 ? nl_geterror(rc) : "");
		if (rc == -NLE_AGAIN)
			break;
	}
	printf(" %s: %d notifications\n", what, notes);
}

static int low22_is_pid(uint32_t port)
{
	return (port & 0x3fffff) == ((uint32_t)getpid() & 0x3fffff);
}

int main(void)
{
	struct nl_sock *sk, *sk2, *sk3;
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = nl_socket_alloc();
	ns_rc("add_membership unconnected", nl_socket_add_membership(sk, RTNLGRP_LINK));
	ns_rc("drop_membership unconnected", nl_socket_drop_membership(sk, RTNLGRP_LINK));
	nl_join_groups(sk, 1 << (RTNLGRP_IPV4_IFADDR - 1));
	ns_rc("nl_connect", nl_connect(sk, NETLINK_ROUTE));
	nl_socket_set_nonblocking(sk);
	ns_port = nl_socket_get_local_port(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, note_fn, NULL);

	system("ip addr add 10.3.3.3/24 dev lo");
	drain(sk, "joined ipv4-ifaddr via nl_join_groups, seq check on");
	nl_socket_disable_seq_check(sk);
	system("ip addr del 10.3.3.3/24 dev lo");
	drain(sk, "seq check off");

	ns_rc("add_membership RTNLGRP_LINK", nl_socket_add_membership(sk, RTNLGRP_LINK));
	system("ip link set lo mtu 1400");
	drain(sk, "after add_membership");
	ns_rc("drop_membership RTNLGRP_LINK", nl_socket_drop_membership(sk, RTNLGRP_LINK));
	ns_rc("drop_membership RTNLGRP_LINK again", nl_socket_drop_membership(sk, RTNLGRP_LINK));
	system("ip link set lo mtu 1500");
	drain(sk, "after drop_membership");
	ns_rc("add_membership 0", nl_socket_add_membership(sk, 0));
	ns_rc("add_membership -1", nl_socket_add_membership(sk, -1));
	ns_rc("add_membership 100000", nl_socket_add_membership(sk, 100000));

	/* Ports. */
	sk2 = ns_sock();
	sk3 = nl_socket_alloc();
	printf("port1 low22==pid %d, port2 low22==pid %d, differ %d\n",
	       low22_is_pid(nl_socket_get_local_port(sk)),
	       low22_is_pid(nl_socket_get_local_port(sk2)),
	       nl_socket_get_local_port(sk) != nl_socket_get_local_port(sk2));
	printf("port3 (unconnected) low22==pid %d, differs from 1 and 2: %d\n",
	       low22_is_pid(nl_socket_get_local_port(sk3)),
	       nl_socket_get_local_port(sk3) != nl_socket_get_local_port(sk) &&
		       nl_socket_get_local_port(sk3) != nl_socket_get_local_port(sk2));
	nl_socket_set_local_port(sk3, nl_socket_get_local_port(sk2));
	ns_rc("connect with a port in use", nl_connect(sk3, NETLINK_ROUTE));
	nl_socket_free(sk3);
	sk3 = nl_socket_alloc();
	nl_socket_set_local_port(sk3, 12345);
	printf("set_local_port 12345: get = %u\n", nl_socket_get_local_port(sk3));
	ns_rc("connect", nl_connect(sk3, NETLINK_ROUTE));
	printf("after connect: get = %u\n", nl_socket_get_local_port(sk3));
	nl_socket_free(sk3);
	sk3 = nl_socket_alloc();
	nl_socket_set_local_port(sk3, 0);
	printf("set_local_port 0: get nonzero %d low22==pid %d\n",
	       nl_socket_get_local_port(sk3) != 0, low22_is_pid(nl_socket_get_local_port(sk3)));
	ns_rc("connect", nl_connect(sk3, NETLINK_ROUTE));
	printf("after connect: nonzero %d\n", nl_socket_get_local_port(sk3) != 0);

	printf("peer port default %u, peer groups default %u\n", nl_socket_get_peer_port(sk2),
	       nl_socket_get_peer_groups(sk2));
	nl_socket_set_peer_port(sk2, 4242);
	nl_socket_set_peer_groups(sk2, 0x10);
	printf("peer port %u, peer groups 0x%x\n", nl_socket_get_peer_port(sk2),
	       nl_socket_get_peer_groups(sk2));
	/* Sending to a port nobody holds. */
	{
		struct nl_msg *m = nlmsg_alloc_simple(NLMSG_NOOP, 0);
		nl_socket_set_peer_groups(sk2, 0);
		rc = nl_send_auto(sk2, m);
		ns_rc("nl_send_auto to unbound port 4242", rc);
		nlmsg_free(m);
	}
	nl_socket_free(sk3);
	nl_socket_free(sk2);
	nl_socket_free(sk);
	return 0;
}
