/*
 * genl_ctrl_resolve / genl_ctrl_resolve_grp around the socket state they touch: sequence
 * numbers after each call, a plain request after a resolve, sockets with a fixed message
 * buffer size, explicit peeking, a custom callback in the socket's set (libnl's clone keeps it),
 * an error callback, a socket subscribed to nlctrl's "notify" group, NULL and unconnected
 * sockets. Run with NLDBG levels (debug lines compared by structure). Not with NLCB=debug:
 * there libnl's resolve fails and leaves the socket so that the next one blocks.
 */
/* netns-env: NLDBG=0 */
/* netns-env: NLDBG=1 */
/* netns-env: NLDBG=3 */
/* netns-env: NLDBG=4 */
/* netns-stderr: dbg-levels */
#include "nstest.h"

#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

static int valid_count;

static int count_valid(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	valid_count++;
	return NL_OK;
}

static int err_seen;

static int on_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)nla;
	(void)arg;
	err_seen = e->error;
	return NL_STOP;
}

static void show(const char *what, int r)
{
	printf("%s: %d (%s)\n", what, r, r < 0 ? nl_geterror(r) : "ok");
}

static void seqs(struct nl_sock *sk, uint32_t base)
{
	printf("  next seq +%u\n", nl_socket_use_seq(sk) - base);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	uint32_t base;

	setvbuf(stdout, NULL, _IOLBF, 0);

	struct nl_sock *uc = nl_socket_alloc();
	show("resolve unconnected", genl_ctrl_resolve(uc, "nlctrl"));
	nl_socket_free(uc);
	show("genl_connect", genl_connect(sk));
	base = nl_socket_use_seq(sk);
	show("resolve nlctrl", genl_ctrl_resolve(sk, "nlctrl"));
	seqs(sk, base);
	show("resolve unknown", genl_ctrl_resolve(sk, "no-such-family"));
	seqs(sk, base);
	show("resolve_grp nlctrl notify", genl_ctrl_resolve_grp(sk, "nlctrl", "notify"));
	show("resolve_grp nlctrl none", genl_ctrl_resolve_grp(sk, "nlctrl", "none"));
	show("resolve_grp nlctrl empty", genl_ctrl_resolve_grp(sk, "nlctrl", ""));
	show("resolve_grp unknown notify", genl_ctrl_resolve_grp(sk, "no-such-family", "notify"));
	seqs(sk, base);
	/* A plain request/ack after resolves: the socket is in step. */
	show("send_simple GETFAMILY", genl_send_simple(sk, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0));
	show("wait_for_ack (kernel wants a name)", nl_wait_for_ack(sk));
	show("resolve after", genl_ctrl_resolve(sk, "nlctrl"));

	/* Fixed buffer size: no peeking. */
	show("set_msg_buf_size 8192", nl_socket_set_msg_buf_size(sk, 8192));
	show("resolve bufsize 8192", genl_ctrl_resolve(sk, "nlctrl"));
	show("set_msg_buf_size 64", nl_socket_set_msg_buf_size(sk, 64));
	show("resolve bufsize 64 (reply truncated)", genl_ctrl_resolve(sk, "nlctrl"));
	show("set_msg_buf_size 0", nl_socket_set_msg_buf_size(sk, 0));
	nl_socket_enable_msg_peek(sk);
	show("resolve peek", genl_ctrl_resolve(sk, "nlctrl"));
	nl_socket_disable_msg_peek(sk);
	show("resolve no peek", genl_ctrl_resolve(sk, "nlctrl"));

	/* Callbacks in the socket's set stay active in the resolve's clone. */
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, count_valid, NULL);
	show("resolve with own VALID cb", genl_ctrl_resolve(sk, "nlctrl"));
	printf("  own VALID calls: %d\n", valid_count);
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_err, NULL);
	show("resolve unknown with err cb", genl_ctrl_resolve(sk, "no-such-family"));
	printf("  err cb saw: %d\n", err_seen);
	show("resolve with err cb", genl_ctrl_resolve(sk, "nlctrl"));
	nl_socket_free(sk);

	/* Subscribed to nlctrl's notifications (none arrive in a quiet namespace). */
	sk = nl_socket_alloc();
	show("genl_connect 2", genl_connect(sk));
	int grp = genl_ctrl_resolve_grp(sk, "nlctrl", "notify");
	show("add_membership notify", nl_socket_add_membership(sk, grp));
	show("resolve subscribed", genl_ctrl_resolve(sk, "nlctrl"));
	nl_socket_disable_seq_check(sk);
	show("resolve no seq check", genl_ctrl_resolve(sk, "nlctrl"));
	nl_socket_free(sk);
	return 0;
}
