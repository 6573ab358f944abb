/*
 * libnl-compat: libnl 3.7 takes a sequence number for a message in nl_send_auto (via
 * nl_complete_msg) before it knows whether the send works. When the send fails (here: the
 * socket is not connected yet) the number is used up but never answered, while the number the
 * socket expects stays behind: every later request on that socket then fails with
 * -NLE_SEQ_MISMATCH. libnlrs keeps the two in step, so after connecting, requests with acks
 * succeed. Uses NLMSG_NOOP requests (the kernel acks them, no privileges needed), so this runs
 * in any network namespace.
 */
#include <stdio.h>

#include <linux/netlink.h>

#include <netlink/errno.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

static int failures;

static void check(int cond, const char *what, int rc)
{
	if (cond) {
		printf("ok - %s (%d)\n", what, rc);
	} else {
		printf("not ok - %s: got %d (%s)\n", what, rc, nl_geterror(rc));
		failures++;
	}
}

static int noop_sync(struct nl_sock *sk)
{
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_NOOP, 0);

	if (!m)
		return -NLE_NOMEM;
	return nl_send_sync(sk, m);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *m;
	int rc, i;

	if (!sk) {
		printf("not ok - nl_socket_alloc\n");
		return 1;
	}

	/* Two failed sends before the socket is connected. */
	for (i = 0; i < 2; i++) {
		m = nlmsg_alloc_simple(NLMSG_NOOP, 0);
		rc = nl_send_auto(sk, m);
		check(rc == -NLE_BAD_SOCK, "nl_send_auto on an unconnected socket fails", rc);
		nlmsg_free(m);
	}
	m = nlmsg_alloc_simple(NLMSG_NOOP, 0);
	rc = nl_send_sync(sk, m);
	check(rc == -NLE_BAD_SOCK, "nl_send_sync on an unconnected socket fails", rc);

	rc = nl_connect(sk, NETLINK_ROUTE);
	check(rc == 0, "nl_connect", rc);

	rc = noop_sync(sk);
	check(rc == 0, "first request with ack after the failed sends", rc);
	rc = noop_sync(sk);
	check(rc == 0, "second request with ack", rc);

	/* nl_send_auto + nl_wait_for_ack, too. */
	m = nlmsg_alloc_simple(NLMSG_NOOP, 0);
	rc = nl_send_auto(sk, m);
	check(rc > 0, "nl_send_auto", rc);
	nlmsg_free(m);
	rc = nl_wait_for_ack(sk);
	check(rc == 0, "nl_wait_for_ack", rc);

	nl_socket_free(sk);
	return failures ? 1 : 0;
}
