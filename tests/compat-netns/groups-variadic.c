/*
 * The variadic nl_socket_add_memberships / nl_socket_drop_memberships (0-terminated group
 * lists), with an `ip` change after each to show which groups are joined.
 */
#include "nstest.h"

static int notes;

static int note_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	notes++;
	printf("  VALID type=%u\n", nlmsg_hdr(m)->nlmsg_type);
	return NL_OK;
}

static void drain(struct nl_sock *sk, const char *what)
{
	int rc;

	notes = 0;
	while ((rc = nl_recvmsgs_default(sk)) != -NLE_AGAIN)
		ns_rc(what, rc);
	printf(" %s: %d notifications\n", what, notes);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	setvbuf(stdout, NULL, _IOLBF, 0);
	ns_rc("add_memberships unconnected", nl_socket_add_memberships(sk, RTNLGRP_LINK, 0));
	ns_rc("nl_connect", nl_connect(sk, NETLINK_ROUTE));
	nl_socket_set_nonblocking(sk);
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, note_fn, NULL);
	ns_rc("add_memberships LINK, IPV4_IFADDR",
	      nl_socket_add_memberships(sk, RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, 0));
	system("ip link set lo mtu 1600; ip addr add 10.4.4.4/24 dev lo");
	drain(sk, "after add_memberships");
	ns_rc("drop_memberships LINK", nl_socket_drop_memberships(sk, RTNLGRP_LINK, 0));
	system("ip link set lo mtu 1700; ip addr del 10.4.4.4/24 dev lo");
	drain(sk, "after drop_memberships");
	ns_rc("add_memberships -1", nl_socket_add_memberships(sk, -1, 0));
	ns_rc("add_memberships none", nl_socket_add_memberships(sk, 0));
	ns_rc("drop_memberships IPV4_IFADDR, -1",
	      nl_socket_drop_memberships(sk, RTNLGRP_IPV4_IFADDR, -1, 0));
	system("ip addr add 10.4.4.4/24 dev lo");
	drain(sk, "after drop IPV4_IFADDR, -1");
	nl_socket_free(sk);
	return 0;
}
