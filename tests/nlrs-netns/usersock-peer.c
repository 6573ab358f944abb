/*
 * NETLINK_USERSOCK, where user processes legitimately talk to each other: without a peer port
 * a socket hears every sender; once nl_socket_set_peer_port names one, unicast from any other
 * port is dropped (counted, reported at NLDBG >= 1) while unicast from the peer and multicast
 * to a group the socket joined still arrive. libnl-compat: libnl delivers all of them.
 */
#include <netlink/handlers.h>

#include "forge.h"

#define GROUP 3

static int calls;
static uint32_t last_from;

static int count_cb(struct nl_msg *m, void *arg)
{
	(void)arg;
	calls++;
	last_from = nlmsg_get_src(m)->nl_pid;
	return NL_OK;
}

/* A message from socket `tx` to `port` (and `groups`). */
static int say(struct nl_sock *tx, uint32_t port, uint32_t groups)
{
	struct {
		struct nlmsghdr h;
		uint32_t payload[2];
	} d;

	memset(&d, 0, sizeof(d));
	d.h.nlmsg_len = sizeof(d);
	d.h.nlmsg_type = NLMSG_MIN_TYPE;
	d.h.nlmsg_pid = nl_socket_get_local_port(tx);
	return forge_send(nl_socket_get_fd(tx), &d, sizeof(d), port, groups);
}

/* Reads what is pending on non-blocking `rx`: the number of messages its callback saw. */
static int drain(struct nl_sock *rx)
{
	calls = 0;
	last_from = 0;
	while (nl_recvmsgs_default(rx) == 0)
		;
	return calls;
}

int main(void)
{
	struct nl_sock *rx, *peer, *other;
	uint32_t port, peer_port, other_port;
	char log[4096];
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rx = forge_sock(NETLINK_USERSOCK);
	peer = forge_sock(NETLINK_USERSOCK);
	other = forge_sock(NETLINK_USERSOCK);
	if (!rx || !peer || !other) {
		printf("not ok - NETLINK_USERSOCK sockets\n");
		return 1;
	}
	port = nl_socket_get_local_port(rx);
	peer_port = nl_socket_get_local_port(peer);
	other_port = nl_socket_get_local_port(other);
	nl_socket_set_nonblocking(rx);
	nl_socket_disable_seq_check(rx);
	nl_socket_modify_cb(rx, NL_CB_VALID, NL_CB_CUSTOM, count_cb, NULL);

	/* No peer: every user port is heard. */
	CHECK(say(peer, port, 0) > 0 && say(other, port, 0) > 0, "two senders");
	CHECK(drain(rx) == 2 && nlrs_socket_get_dropped(rx) == 0,
	      "without a peer, unicast from any port is delivered");

	/* A peer: only it may unicast. */
	nl_socket_set_peer_port(rx, peer_port);
	CHECK(say(other, port, 0) > 0, "unicast from another port");
	nl_debug = 1;
	forge_stderr_begin();
	rc = drain(rx);
	forge_stderr_end(log, sizeof(log));
	nl_debug = 0;
	CHECK(rc == 0 && nlrs_socket_get_dropped(rx) == 1,
	      "with a peer, unicast from another port is dropped and counted");
	CHECK(strstr(log, "unicast from a port other than the peer's") != NULL,
	      "the drop is reported at NLDBG 1");
	printf("# stderr: %s", log);
	CHECK(say(peer, port, 0) > 0, "unicast from the peer");
	CHECK(drain(rx) == 1 && last_from == peer_port, "unicast from the peer is delivered");
	{
		struct sockaddr_nl from;
		unsigned char *buf = NULL;

		CHECK(say(other, port, 0) > 0 && say(peer, port, 0) > 0, "other, then peer");
		rc = nl_recv(rx, &from, &buf, NULL);
		CHECK(rc > 0 && from.nl_pid == peer_port,
		      "nl_recv skips the other port's datagram");
		free(buf);
		CHECK(nlrs_socket_get_dropped(rx) == 2, "two drops so far");
	}

	/* Multicast to a joined group is delivered from any port. */
	CHECK(nl_socket_add_membership(rx, GROUP) == 0, "joined a group");
	/* Sent to the group and to port 0, where nobody listens on USERSOCK: the group gets it,
	 * and the send reports ECONNREFUSED for port 0. */
	rc = say(other, 0, 1 << (GROUP - 1));
	CHECK(rc > 0 || rc == -ECONNREFUSED, "multicast from another port");
	CHECK(drain(rx) == 1 && last_from == other_port,
	      "multicast from another port is delivered");
	CHECK(nlrs_socket_get_dropped(rx) == 2, "nothing more dropped");

	/* Peer cleared again: everyone is heard. */
	nl_socket_set_peer_port(rx, 0);
	CHECK(say(other, port, 0) > 0, "unicast from another port, no peer");
	CHECK(drain(rx) == 1 && last_from == other_port, "delivered again without a peer");

	nl_socket_free(other);
	nl_socket_free(peer);
	nl_socket_free(rx);
	return tap_failed ? 1 : 0;
}
