/*
 * A spoofed sender on every protocol where only the kernel speaks: a raw socket of the same
 * protocol sends a plausible message to the port of a libnlrs socket (unicast), and on
 * NETLINK_ROUTE also to a group it joined (multicast). libnl-compat: libnl delivers them as
 * kernel messages; libnlrs drops each before any callback runs, counts it and reads on (here:
 * the socket is non-blocking, so the read ends with -NLE_AGAIN and no callback ran), through
 * nl_recvmsgs and nl_recv alike. A real kernel message on the same socket still arrives.
 *
 * Protocols whose sockets cannot be opened in a network namespace (or whose module is missing)
 * are listed as skipped; NETLINK_ROUTE, NETLINK_GENERIC and NETLINK_SOCK_DIAG must be there.
 */
#include <linux/rtnetlink.h>

#include <netlink/handlers.h>

#include "forge.h"

static const struct {
	int proto;
	const char *name;
	int required;
} protos[] = {
	{ NETLINK_ROUTE, "NETLINK_ROUTE", 1 },
	{ NETLINK_SOCK_DIAG, "NETLINK_SOCK_DIAG", 1 },
	{ NETLINK_XFRM, "NETLINK_XFRM", 0 },
	{ NETLINK_SELINUX, "NETLINK_SELINUX", 0 },
	{ NETLINK_ISCSI, "NETLINK_ISCSI", 0 },
	{ NETLINK_AUDIT, "NETLINK_AUDIT", 0 },
	{ NETLINK_FIB_LOOKUP, "NETLINK_FIB_LOOKUP", 0 },
	{ NETLINK_CONNECTOR, "NETLINK_CONNECTOR", 0 },
	{ NETLINK_NETFILTER, "NETLINK_NETFILTER", 0 },
	{ NETLINK_GENERIC, "NETLINK_GENERIC", 1 },
	{ NETLINK_SCSITRANSPORT, "NETLINK_SCSITRANSPORT", 0 },
	{ NETLINK_RDMA, "NETLINK_RDMA", 0 },
	{ NETLINK_CRYPTO, "NETLINK_CRYPTO", 0 },
	{ 22 /* NETLINK_SMC */, "NETLINK_SMC", 0 },
};

static int calls;

static int count_cb(struct nl_msg *m, void *arg)
{
	(void)m;
	(void)arg;
	calls++;
	return NL_OK;
}

/* A datagram as the kernel might send on any protocol: a message with our next number. */
static void spoof(int fd, struct nl_sock *sk, uint32_t groups)
{
	struct {
		struct nlmsghdr h;
		uint32_t payload[4];
	} d;

	memset(&d, 0, sizeof(d));
	d.h.nlmsg_len = sizeof(d);
	d.h.nlmsg_type = NLMSG_MIN_TYPE;
	d.h.nlmsg_seq = groups ? 0 : forge_next_seq(sk);
	d.h.nlmsg_pid = groups ? 0 : nl_socket_get_local_port(sk);
	if (forge_send(fd, &d, sizeof(d), groups ? 0 : nl_socket_get_local_port(sk), groups) < 0)
		printf("# send failed: %s\n", strerror(errno));
}

int main(void)
{
	unsigned i, tested = 0;
	int failed_required = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		struct nl_sock *sk = forge_sock(protos[i].proto);
		int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protos[i].proto);
		struct sockaddr_nl from;
		unsigned char *buf = NULL;
		char what[96];
		int rc;

		if (!sk || fd < 0) {
			printf("# %s: skipped (no socket in this namespace: %s)\n", protos[i].name,
			       sk ? strerror(errno) : "nl_connect failed");
			failed_required |= protos[i].required;
			nl_socket_free(sk);
			if (fd >= 0)
				close(fd);
			continue;
		}
		tested++;
		nl_socket_set_nonblocking(sk);
		nl_socket_modify_cb(sk, NL_CB_MSG_IN, NL_CB_CUSTOM, count_cb, NULL);

		calls = 0;
		spoof(fd, sk, 0);
		rc = nl_recvmsgs_default(sk);
		snprintf(what, sizeof(what), "%s: unicast forgery dropped before any callback",
			 protos[i].name);
		CHECK(rc == -NLE_AGAIN && calls == 0 && nlrs_socket_get_dropped(sk) == 1, what);

		spoof(fd, sk, 0);
		rc = nl_recv(sk, &from, &buf, NULL);
		snprintf(what, sizeof(what), "%s: nl_recv does not return it either",
			 protos[i].name);
		CHECK(rc == -NLE_AGAIN && nlrs_socket_get_dropped(sk) == 2, what);
		free(buf);

		if (protos[i].proto == NETLINK_ROUTE) {
			struct nl_msg *m;

			/* Multicast to a group the socket joined, then a real notification:
			 * the forgery is dropped, the kernel's message delivered. */
			CHECK(nl_socket_add_membership(sk, RTNLGRP_LINK) == 0,
			      "joined RTNLGRP_LINK");
			spoof(fd, sk, 1 << (RTNLGRP_LINK - 1));
			calls = 0;
			rc = nl_recvmsgs_default(sk);
			CHECK(rc == -NLE_AGAIN && calls == 0 && nlrs_socket_get_dropped(sk) == 3,
			      "NETLINK_ROUTE: multicast forgery to a joined group dropped");
			m = nlmsg_alloc_simple(RTM_SETLINK, 0);
			{
				struct ifinfomsg ifi;

				memset(&ifi, 0, sizeof(ifi));
				ifi.ifi_index = 1;
				nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
				nla_put_u32(m, IFLA_MTU, 65000);
			}
			nl_socket_disable_auto_ack(sk);
			CHECK(nl_send_auto(sk, m) > 0, "NETLINK_ROUTE: lo's MTU changed");
			nlmsg_free(m);
			calls = 0;
			nl_socket_disable_seq_check(sk);
			nl_socket_modify_cb(sk, NL_CB_MSG_IN, NL_CB_CUSTOM, count_cb, NULL);
			rc = nl_recvmsgs_default(sk);
			CHECK(rc == 0 && calls == 1 && nlrs_socket_get_dropped(sk) == 3,
			      "NETLINK_ROUTE: the kernel's notification is delivered");
		}
		nl_socket_free(sk);
		close(fd);
	}
	printf("# %u protocols tested\n", tested);
	CHECK(!failed_required, "NETLINK_ROUTE, NETLINK_GENERIC and NETLINK_SOCK_DIAG available");
	return tap_failed ? 1 : 0;
}
