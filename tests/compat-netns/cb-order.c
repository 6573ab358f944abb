/* netns-setup: ip link add veth0 type veth peer name veth1 */
/*
 * Callback order and counts while receiving a RTM_GETLINK dump (lo, veth0, veth1) and a
 * RTM_GETLINK get of lo with an ack, with custom MSG_IN, SEQ_CHECK, VALID, FINISH, ACK, ...
 * callbacks; each callback type in turn returns NL_OK, NL_SKIP and NL_STOP. Prints every
 * callback invocation and what each nl_recvmsgs() call returns (non-blocking socket, called
 * until a call runs no callback).
 */
#include <stdint.h>

#include "nstest.h"

static int act[NL_CB_TYPE_MAX + 1];
static int err_act;
static int calls;

static int cb_fn(struct nl_msg *m, void *arg)
{
	int t = (int)(intptr_t)arg;
	char pre[32];

	calls++;
	snprintf(pre, sizeof(pre), "  %s ", ns_cbtype(t));
	ns_print_hdr(pre, nlmsg_hdr(m));
	return act[t];
}

static int out_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	printf("  MSG_OUT type=%u flags=0x%x len=%u\n", nlmsg_hdr(m)->nlmsg_type,
	       nlmsg_hdr(m)->nlmsg_flags, nlmsg_hdr(m)->nlmsg_len);
	return NL_OK;
}

static int err_fn(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)arg;
	calls++;
	printf("  ERR family=%d pid=%u error=%d msg.type=%u\n", nla->nl_family, nla->nl_pid,
	       e->error, e->msg.nlmsg_type);
	return err_act;
}

static const int types[] = { NL_CB_MSG_IN,  NL_CB_SEQ_CHECK, NL_CB_VALID,
			     NL_CB_FINISH,  NL_CB_ACK,	     NL_CB_SKIPPED,
			     NL_CB_OVERRUN, NL_CB_INVALID,   NL_CB_DUMP_INTR };

static void scenario(int dump, int type, int action, int use_recvmsgs_report)
{
	struct nl_sock *sk;
	struct nl_cb *cb;
	struct nl_msg *m;
	unsigned i;
	int rc;

	for (i = 0; i <= NL_CB_TYPE_MAX; i++)
		act[i] = NL_OK;
	err_act = NL_OK;
	if (type >= 0)
		act[type] = action;
	printf("== %s, %s returns %s%s\n", dump ? "dump" : "get lo",
	       type >= 0 ? ns_cbtype(type) : "every callback", ns_action(action),
	       use_recvmsgs_report ? " (nl_recvmsgs_report)" : "");
	sk = ns_sock();
	ns_rc("nl_socket_set_nonblocking", nl_socket_set_nonblocking(sk));
	nl_socket_modify_cb(sk, NL_CB_MSG_OUT, NL_CB_CUSTOM, out_fn, NULL);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		nl_cb_set(cb, types[i], NL_CB_CUSTOM, cb_fn, (void *)(intptr_t)types[i]);
	nl_cb_err(cb, NL_CB_CUSTOM, err_fn, NULL);
	m = ns_getlink(dump ? 0 : 1);
	ns_send(sk, m, "request");
	nlmsg_free(m);
	for (i = 0; i < 8; i++) {
		calls = 0;
		if (use_recvmsgs_report)
			rc = nl_recvmsgs_report(sk, cb);
		else
			rc = nl_recvmsgs(sk, cb);
		printf(" call %u: %d%s%s, %d callbacks\n", i, rc, rc < 0 ? " " : "",
		       rc < 0 ? nl_geterror(rc) : "", calls);
		if (calls == 0)
			break;
	}
	nl_cb_put(cb);
	nl_socket_free(sk);
}

int main(void)
{
	static const int dump_types[] = { NL_CB_MSG_IN, NL_CB_SEQ_CHECK, NL_CB_VALID,
					  NL_CB_FINISH };
	static const int get_types[] = { NL_CB_MSG_IN, NL_CB_SEQ_CHECK, NL_CB_VALID, NL_CB_ACK };
	unsigned i;
	int a;

	setvbuf(stdout, NULL, _IOLBF, 0);
	scenario(1, -1, NL_OK, 0);
	scenario(1, -1, NL_OK, 1);
	scenario(0, -1, NL_OK, 0);
	scenario(0, -1, NL_OK, 1);
	for (i = 0; i < 4; i++)
		for (a = NL_SKIP; a <= NL_STOP; a++) {
			scenario(1, dump_types[i], a, 0);
			scenario(0, get_types[i], a, 0);
		}
	scenario(1, NL_CB_VALID, NL_STOP, 1);
	scenario(0, NL_CB_ACK, NL_STOP, 1);
	scenario(0, NL_CB_ACK, NL_SKIP, 1);
	/* An action value outside the enum. */
	scenario(1, NL_CB_VALID, 7, 0);
	scenario(1, NL_CB_VALID, -3, 0);
	return 0;
}
