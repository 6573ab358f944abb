/* Bad input and the libnl sequence-number bug after a failed send. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <linux/rtnetlink.h>

static int failures;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failures++;
}

static int count(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(*(int *)arg)++;
	return NL_OK;
}

int main(void)
{
	struct nl_sock *sk;
	struct nl_cb *cb;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	int n = 0;

	/* libnl-compat: libnl crashes on all of these, we return an error or do nothing */
	check(nl_connect(NULL, NETLINK_ROUTE) == -NLE_BAD_SOCK, "connect NULL");
	check(nl_send_auto(NULL, NULL) == -NLE_BAD_SOCK, "send_auto NULL");
	check(nl_recvmsgs_default(NULL) == -NLE_BAD_SOCK, "recvmsgs_default NULL");
	check(nl_socket_get_fd(NULL) == -1, "get_fd NULL");
	check(nl_cb_set(NULL, NL_CB_VALID, NL_CB_CUSTOM, count, NULL) == -NLE_INVAL, "cb_set NULL");
	check(nl_cb_clone(NULL) == NULL, "cb_clone NULL");
	nl_socket_free(NULL);
	nl_cb_put(NULL);
	nl_close(NULL);

	cb = nl_cb_alloc(NL_CB_CUSTOM);
	check(nl_cb_set(cb, NL_CB_TYPE_MAX + 1, NL_CB_CUSTOM, count, NULL) == -NLE_RANGE,
	      "cb_set bad type");
	check(nl_cb_set(cb, NL_CB_VALID, (enum nl_cb_kind)7, count, NULL) == -NLE_RANGE,
	      "cb_set bad kind");
	check(nl_cb_alloc((enum nl_cb_kind)9) == NULL, "cb_alloc bad kind");
	check(nl_cb_active_type(cb) == NL_CB_TYPE_MAX + 1, "no active cb");
	sk = nl_socket_alloc_cb(cb);
	nl_cb_put(cb);
	nl_socket_set_cb(sk, NULL); /* libnl aborts; we keep the set */
	check(nl_socket_get_cb(sk) == cb, "set_cb NULL keeps the set");
	nl_cb_put(cb);
	check(nl_recvmsgs(sk, NULL) == -NLE_INVAL, "recvmsgs NULL cb");
	check(nl_recv(sk, NULL, NULL, NULL) == -NLE_INVAL, "recv NULL");
	check(nl_sendto(sk, NULL, 0) == -NLE_INVAL, "sendto NULL");
	check(nl_socket_add_membership(sk, 1) == -NLE_BAD_SOCK, "membership unconnected");
	check(nl_socket_set_passcred(sk, 1) == -NLE_BAD_SOCK, "passcred unconnected");
	/* libnl-compat: libnl waits for a message and then calls the NULL parser. */
	check(nl_pickup(sk, NULL, NULL) == -NLE_INVAL, "pickup with a NULL parser");
	check(nl_pickup_keep_syserr(NULL, NULL, NULL, NULL) == -NLE_BAD_SOCK, "pickup NULL socket");
	nl_socket_free(sk);

	if (unshare(CLONE_NEWNET) < 0) {
		printf("ok - skipped kernel part (no netns)\n");
		return failures != 0;
	}
	sk = nl_socket_alloc();
	/* libnl-compat: after a failed send libnl's expected sequence number falls behind and
	 * every later request on the socket fails with NLE_SEQ_MISMATCH; the failed request's
	 * number stays used (as in libnl) but is skipped when replies are matched, so the next
	 * request works. */
	check(nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi)) == -NLE_BAD_SOCK,
	      "send on unconnected socket fails");
	check(nl_connect(sk, NETLINK_ROUTE) == 0, "connect");
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, count, &n);
	check(nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi)) > 0,
	      "send after reconnect");
	check(nl_recvmsgs_default(sk) == 0, "dump after failed send works");
	check(n == 1, "dump saw lo");
	nl_socket_free(sk);
	return failures != 0;
}
