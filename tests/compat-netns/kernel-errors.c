/* netns-setup: ip addr add 10.1.1.1/24 dev lo */
/*
 * Kernel errors: deleting a nonexistent link and route, adding an existing address (EEXIST),
 * an unknown message type. Shows the error callback's view (sockaddr_nl, nlmsgerr fields incl.
 * the echoed request header), NL_OK/NL_SKIP/NL_STOP/negative returns from it, and what
 * nl_wait_for_ack, nl_recvmsgs, nl_recvmsgs_report and nl_recvmsgs_default return.
 */
#include <arpa/inet.h>
#include <stdint.h>

#include "nstest.h"

static int err_act;
static int calls;

static int err_fn(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	char s[32], p[32];

	(void)arg;
	calls++;
	ns_seq_desc(s, sizeof(s), e->msg.nlmsg_seq);
	ns_port_desc(p, sizeof(p), e->msg.nlmsg_pid);
	printf("  ERR nla family=%d pid=%u groups=%u; error=%d (%s) msg.type=%u "
	       "msg.len=%u msg.flags=0x%x msg.seq=%s msg.port=%s\n",
	       nla->nl_family, nla->nl_pid, nla->nl_groups, e->error,
	       nl_geterror(nl_syserr2nlerr(-e->error)), e->msg.nlmsg_type, e->msg.nlmsg_len,
	       e->msg.nlmsg_flags, s, p);
	return err_act;
}

static int in_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	calls++;
	ns_print_hdr("  MSG_IN ", nlmsg_hdr(m));
	return NL_OK;
}

static struct nl_msg *dellink(int ifindex)
{
	struct ifinfomsg ifi;
	struct nl_msg *m = nlmsg_alloc_simple(RTM_DELLINK, 0);

	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = ifindex;
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	return m;
}

static struct nl_msg *delroute(void)
{
	struct rtmsg rtm;
	struct nl_msg *m = nlmsg_alloc_simple(RTM_DELROUTE, 0);

	memset(&rtm, 0, sizeof(rtm));
	rtm.rtm_family = AF_INET;
	rtm.rtm_dst_len = 24;
	rtm.rtm_table = RT_TABLE_MAIN;
	rtm.rtm_scope = RT_SCOPE_NOWHERE;
	nlmsg_append(m, &rtm, sizeof(rtm), NLMSG_ALIGNTO);
	nla_put_u32(m, RTA_DST, inet_addr("10.99.0.0"));
	return m;
}

static struct nl_msg *request(int which)
{
	switch (which) {
	case 0:
		return dellink(999);
	case 1:
		return delroute();
	case 2:
		return ns_addr(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, 1, inet_addr("10.1.1.1"),
			       24);
	default:
		return nlmsg_alloc_simple(0x7ff0, 0);
	}
}

static const char *names[] = { "dellink 999", "delroute 10.99.0.0/24", "newaddr existing",
			       "unknown type" };

int main(void)
{
	struct nl_sock *sk;
	struct nl_cb *cb;
	struct nl_msg *m;
	int which, a, rc, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = ns_sock();
	ns_rc("nl_socket_set_nonblocking", nl_socket_set_nonblocking(sk));
	for (which = 0; which < 4; which++) {
		printf("=== %s\n", names[which]);
		m = request(which);
		ns_send(sk, m, "default handlers");
		nlmsg_free(m);
		ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

		m = request(which);
		ns_send(sk, m, "default handlers");
		nlmsg_free(m);
		ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));

		m = request(which);
		ns_send(sk, m, "default handlers");
		nlmsg_free(m);
		ns_rc("nl_recvmsgs_report", ns_recvmsgs_report_own(sk));

		for (a = -1; a <= 3; a++) {
			err_act = a == -1 ? -NLE_NOMEM : a;
			if (a == 3)
				err_act = 42;
			printf("-- error callback returns %s\n", ns_action(err_act));
			cb = nl_cb_alloc(NL_CB_DEFAULT);
			nl_cb_err(cb, NL_CB_CUSTOM, err_fn, NULL);
			nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, in_fn, NULL);
			m = request(which);
			ns_send(sk, m, "custom error callback");
			nlmsg_free(m);
			for (i = 0; i < 4; i++) {
				calls = 0;
				rc = nl_recvmsgs_report(sk, cb);
				printf(" nl_recvmsgs_report = %d%s%s, %d callbacks\n", rc,
				       rc < 0 ? " " : "", rc < 0 ? nl_geterror(rc) : "", calls);
				if (!calls)
					break;
			}
			nl_cb_put(cb);
		}
	}
	nl_socket_free(sk);
	return 0;
}
