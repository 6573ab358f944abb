/* Receive loop against the kernel in a private netns: RTM_GETLINK dump of lo, acks, kernel
 * errors through the error callback and return codes, callback order and NL_SKIP/NL_STOP. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

static const char *names[] = { "VALID",	  "FINISH",  "OVERRUN",	  "SKIPPED",  "ACK",	  "MSG_IN",
			       "MSG_OUT", "INVALID", "SEQ_CHECK", "SEND_ACK", "DUMP_INTR" };

static int ret_for[NL_CB_TYPE_MAX + 1];
static struct nl_sock *gsk;

static int trace(struct nl_msg *msg, void *arg)
{
	long t = (long)arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct nl_cb *cb = nl_socket_get_cb(gsk); /* new reference */
	int active = nl_cb_active_type(cb);

	nl_cb_put(cb);
	printf("  cb %s type=%d flags=0x%x seq_ok=%d port_ok=%d active=%s\n", names[t],
	       h->nlmsg_type, h->nlmsg_flags, h->nlmsg_seq != 0,
	       h->nlmsg_pid == nl_socket_get_local_port(gsk),
	       active <= NL_CB_TYPE_MAX ? names[active] : "none");
	return ret_for[t];
}

static int err_ret = NL_STOP;
static int on_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)arg;
	printf("  err cb: error=%d family=%d orig type=%d\n", e->error, nla->nl_family,
	       e->msg.nlmsg_type);
	return err_ret;
}

static void install(struct nl_sock *sk)
{
	long t;
	for (t = 0; t <= NL_CB_TYPE_MAX; t++)
		if (t != NL_CB_SEQ_CHECK && t != NL_CB_MSG_OUT && t != NL_CB_SEND_ACK &&
		    t != NL_CB_INVALID)
			nl_socket_modify_cb(sk, t, NL_CB_CUSTOM, trace, (void *)t);
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_err, NULL);
}

static int report(struct nl_sock *sk)
{
	struct nl_cb *cb = nl_socket_get_cb(sk);
	int r = nl_recvmsgs_report(sk, cb);

	nl_cb_put(cb);
	return r;
}

static int dump_links(struct nl_sock *sk)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	return nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi));
}

static int del_link(struct nl_sock *sk, int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	return nl_send_simple(sk, RTM_DELLINK, 0, &ifi, sizeof(ifi));
}

int main(void)
{
	struct nl_sock *sk;
	int err, i;

	if (unshare(CLONE_NEWNET) < 0) {
		printf("unshare failed\n");
		return 0;
	}
	if (system("ip link set lo up") != 0)
		return 1;

	sk = nl_socket_alloc();
	gsk = sk;
	printf("fd before connect: %d\n", nl_socket_get_fd(sk));
	err = nl_connect(sk, NETLINK_ROUTE);
	printf("connect: %d fd_ok=%d\n", err, nl_socket_get_fd(sk) >= 0);
	printf("connect again: %d\n", nl_connect(sk, NETLINK_ROUTE));
	install(sk);

	printf("dump (all NL_OK):\n");
	printf(" send>0: %d\n", dump_links(sk) > 0);
	printf(" report: %d\n", report(sk));

	printf("dump, recvmsgs_default:\n");
	dump_links(sk);
	printf(" default: %d\n", nl_recvmsgs_default(sk));

	printf("dump with VALID=NL_STOP:\n");
	ret_for[NL_CB_VALID] = NL_STOP;
	dump_links(sk);
	printf(" report: %d\n", report(sk));
	/* the rest of the dump (DONE) is still queued: finish it */
	printf(" rest: %d\n", nl_recvmsgs_default(sk));
	ret_for[NL_CB_VALID] = NL_OK;

	printf("dump with MSG_IN=NL_SKIP:\n");
	ret_for[NL_CB_MSG_IN] = NL_SKIP;
	dump_links(sk);
	printf(" report: %d\n", report(sk));
	ret_for[NL_CB_MSG_IN] = NL_OK;
	/* the DONE was skipped too, so the loop still waits: drain it */
	printf(" drained\n");

	printf("dump with VALID returning 7:\n");
	ret_for[NL_CB_VALID] = 7;
	dump_links(sk);
	printf(" report: %d\n", report(sk));
	ret_for[NL_CB_VALID] = -NLE_INVAL;
	printf(" rest (VALID=-NLE_INVAL): %d\n", nl_recvmsgs_default(sk));
	ret_for[NL_CB_VALID] = NL_OK;

	printf("delete missing link, err cb NL_STOP:\n");
	del_link(sk, 4242);
	printf(" wait_for_ack: %d\n", nl_wait_for_ack(sk));
	for (i = 0; i < 4; i++) {
		static const int rets[] = { NL_OK, NL_SKIP, -NLE_RANGE, 9 };
		err_ret = rets[i];
		printf("delete missing link, err cb returns %d:\n", err_ret);
		del_link(sk, 4242);
		printf(" report: %d\n", report(sk));
	}
	nl_socket_modify_err_cb(sk, NL_CB_DEFAULT, NULL, NULL);
	printf("delete missing link, no err cb:\n");
	del_link(sk, 4242);
	err = nl_wait_for_ack(sk);
	printf(" wait_for_ack: %d (%s)\n", err, nl_geterror(err));

	printf("ack of a successful request (set lo up):\n");
	{
		struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC,
					 .ifi_index = 1,
					 .ifi_flags = IFF_UP,
					 .ifi_change = IFF_UP };
		struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
		nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
		printf(" send_sync: %d\n", nl_send_sync(sk, m));
	}

	printf("auto-ack disabled, dump:\n");
	nl_socket_disable_auto_ack(sk);
	dump_links(sk);
	printf(" report: %d\n", report(sk));
	nl_socket_enable_auto_ack(sk);

	nl_close(sk);
	printf("closed fd: %d\n", nl_socket_get_fd(sk));
	nl_socket_free(sk);
	return 0;
}
