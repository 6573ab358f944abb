/* Receive paths on fresh sockets, for valgrind against the release build of libnlrs
 * (tests/release.rs): the first receive of a socket parks its receive buffer in the socket, and
 * optimised code must not test bytes of the empty slot that were never written. Each block
 * uses a new socket: a cache fill (nl_cache_alloc_and_fill through genl_ctrl_alloc_cache), a
 * refill and a resync, genl_ctrl_resolve (its lean receive path), nl_recvmsgs_default and
 * nl_recv. Self-checking: exit 0 = pass. */
#include <stdlib.h>

#include <linux/netlink.h>

#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "../c/tap.h"

static struct nl_sock *genl_sock(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk || genl_connect(sk) < 0) {
		printf("not ok - genl socket\n");
		exit(1);
	}
	return sk;
}

int main(void)
{
	struct nl_cache *c = NULL;
	struct nl_sock *sk;
	struct sockaddr_nl peer;
	unsigned char *buf = NULL;

	sk = genl_sock();
	CHECK(genl_ctrl_alloc_cache(sk, &c) == 0 && nl_cache_nitems(c) > 0,
	      "genl_ctrl_alloc_cache on a fresh socket");
	CHECK(nl_cache_refill(sk, c) == 0 && nl_cache_nitems(c) > 0, "nl_cache_refill");
	nl_socket_free(sk);

	sk = genl_sock();
	CHECK(nl_cache_refill(sk, c) == 0, "nl_cache_refill on a fresh socket");
	nl_socket_free(sk);

	sk = genl_sock();
	CHECK(nl_cache_resync(sk, c, NULL, NULL) == 0, "nl_cache_resync on a fresh socket");
	nl_socket_free(sk);
	nl_cache_free(c);

	sk = genl_sock();
	CHECK(genl_ctrl_resolve(sk, "nlctrl") == GENL_ID_CTRL,
	      "genl_ctrl_resolve on a fresh socket");
	CHECK(genl_ctrl_resolve(sk, "nlctrl") == GENL_ID_CTRL, "and again");
	nl_socket_free(sk);

	sk = nl_socket_alloc();
	CHECK(sk && nl_connect(sk, NETLINK_ROUTE) == 0, "route socket");
	CHECK(nl_send_simple(sk, NLMSG_NOOP, 0, NULL, 0) > 0, "NOOP sent");
	CHECK(nl_recvmsgs_default(sk) >= 0, "nl_recvmsgs_default on a fresh socket");
	nl_socket_free(sk);

	sk = nl_socket_alloc();
	CHECK(sk && nl_connect(sk, NETLINK_ROUTE) == 0, "route socket");
	CHECK(nl_send_simple(sk, NLMSG_NOOP, 0, NULL, 0) > 0, "NOOP sent");
	CHECK(nl_recv(sk, &peer, &buf, NULL) > 0, "nl_recv on a fresh socket");
	free(buf);
	nl_socket_free(sk);
	return tap_failed ? 1 : 0;
}
