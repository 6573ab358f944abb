/* netns-env: NLCB=verbose */
/* netns-env: NLCB=debug */
/* netns-env: NLCB=default */
/* netns-env: NLCB=bogus */
/*
 * NLCB environment: the callback kind new sockets get. A dump of the IPv4 routes (lo's local
 * routes only; link dumps carry random IPv6 reachable times), an ack, a kernel error, a
 * wrong-sequence ack and nl_cb_alloc(NL_CB_VERBOSE) / NL_CB_DEBUG set explicitly. The verbose
 * handlers print to stdout, the debug ones to stderr: both are compared after masking.
 */
#include <arpa/inet.h>

#include "nstest.h"

static struct nl_msg *getroute4(void)
{
	struct rtmsg rtm;
	struct nl_msg *m = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_DUMP);

	memset(&rtm, 0, sizeof(rtm));
	rtm.rtm_family = AF_INET;
	nlmsg_append(m, &rtm, sizeof(rtm), NLMSG_ALIGNTO);
	return m;
}

int main(void)
{
	struct nl_sock *sk;
	struct nl_msg *m;
	struct nl_cb *cb;
	struct ifinfomsg ifi;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	sk = ns_sock();

	fprintf(stderr, "## dump, nl_recvmsgs_default\n");
	m = getroute4();
	ns_send(sk, m, "dump");
	nlmsg_free(m);
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));

	fprintf(stderr, "## setlink, nl_wait_for_ack\n");
	m = ns_setmtu(1, 65000);
	ns_send(sk, m, "setlink");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

	fprintf(stderr, "## setlink, nl_recvmsgs_default\n");
	m = ns_setmtu(1, 65001);
	ns_send(sk, m, "setlink");
	nlmsg_free(m);
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));

	fprintf(stderr, "## dellink 999\n");
	m = nlmsg_alloc_simple(RTM_DELLINK, 0);
	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = 999;
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	ns_send(sk, m, "dellink");
	nlmsg_free(m);
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));

	fprintf(stderr, "## wrong sequence number\n");
	m = nlmsg_alloc_simple(NLMSG_NOOP, 0);
	nlmsg_hdr(m)->nlmsg_seq = 7;
	nlmsg_hdr(m)->nlmsg_flags |= NLM_F_ACK;
	ns_rc("nl_send", nl_send(sk, m));
	nlmsg_free(m);
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));
	nl_socket_free(sk);

	fprintf(stderr, "## explicit kinds\n");
	for (int kind = NL_CB_DEFAULT; kind <= NL_CB_DEBUG; kind++) {
		fprintf(stderr, "## nl_cb_alloc(%d)\n", kind);
		cb = nl_cb_alloc(kind);
		sk = nl_socket_alloc_cb(cb);
		nl_connect(sk, NETLINK_ROUTE);
		m = getroute4();
		ns_send(sk, m, "dump");
		nlmsg_free(m);
		ns_rc("nl_recvmsgs", nl_recvmsgs(sk, cb));
		nl_cb_put(cb);
		nl_socket_free(sk);
	}
	return 0;
}
