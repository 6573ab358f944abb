/*
 * Sequence numbers around failed sends: each way of sending numbers a request before it is
 * sent (nl_send_auto, nl_send_auto_complete, nl_complete_msg + nl_send, nl_send_sync,
 * nl_send_simple), and when the send then fails the number stays used and the message keeps
 * it. Sends fail in two ways: to a unicast port nobody has bound in this fresh namespace
 * (ECONNREFUSED), and a message larger than the socket's send buffer (EMSGSIZE). Printed: the
 * return codes, the number of every message handed to NL_CB_MSG_OUT and of every message
 * received (NL_CB_MSG_IN), relative to the first one, and what nl_socket_use_seq returns at the
 * end.
 *
 * Retrying a failed message keeps its number and is acked, on both libraries. A *new* acked
 * request after a failed send is where they part: libnl 3.7 then fails with
 * -NLE_SEQ_MISMATCH, libnlrs succeeds (tests/c/recv-seq-after-failed-send.c).
 */
#include "nstest.h"

#define NOBODY_PORT 4242

static int out_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	ns_print_hdr("  MSG_OUT ", nlmsg_hdr(m));
	return NL_OK;
}

static int in_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	ns_print_hdr("  MSG_IN ", nlmsg_hdr(m));
	return NL_OK;
}

static struct nl_msg *noop(void)
{
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_NOOP, 0);

	if (!m) {
		printf("nlmsg_alloc_simple failed\n");
		exit(2);
	}
	return m;
}

/* A NOOP request of about 256 KiB: more than a 4 KiB send buffer allows. */
static struct nl_msg *big_noop(void)
{
	struct nl_msg *m = nlmsg_alloc_size(300000);

	if (!m || !nlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, NLMSG_NOOP, 0, 0) ||
	    !nlmsg_reserve(m, 256 * 1024, NLMSG_ALIGNTO)) {
		printf("cannot build a big message\n");
		exit(2);
	}
	return m;
}

static void print_seq(const char *what, struct nl_msg *m)
{
	char s[32];

	ns_seq_desc(s, sizeof(s), nlmsg_hdr(m)->nlmsg_seq);
	printf("%s: message seq=%s\n", what, s);
}

int main(void)
{
	struct nl_sock *sk;
	struct nl_msg *m1, *m2, *m3, *big;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = ns_sock();
	ns_port = nl_socket_get_local_port(sk);
	printf("nobody's port differs from ours: %d\n", ns_port != NOBODY_PORT);
	nl_socket_modify_cb(sk, NL_CB_MSG_OUT, NL_CB_CUSTOM, out_fn, NULL);
	nl_socket_modify_cb(sk, NL_CB_MSG_IN, NL_CB_CUSTOM, in_fn, NULL);

	/* Sends to a port nobody has bound fail. */
	nl_socket_set_peer_port(sk, NOBODY_PORT);
	m1 = noop();
	nl_complete_msg(sk, m1);
	ns_seq_base = nlmsg_hdr(m1)->nlmsg_seq;
	print_seq("nl_complete_msg m1", m1);
	ns_rc("nl_send m1", nl_send(sk, m1));
	print_seq("after the failed send, m1", m1);
	ns_rc("nl_send_auto m1 again", nl_send_auto(sk, m1));
	print_seq("m1 keeps its number", m1);

	m2 = noop();
	ns_rc("nl_send_auto m2", nl_send_auto(sk, m2));
	print_seq("m2", m2);
	m3 = noop();
	ns_rc("nl_send_auto_complete m3", nl_send_auto_complete(sk, m3));
	print_seq("m3", m3);
	ns_rc("nl_send_sync", nl_send_sync(sk, noop()));
	ns_rc("nl_send_simple", nl_send_simple(sk, NLMSG_NOOP, 0, NULL, 0));

	/* A message larger than the send buffer fails too. */
	nl_socket_set_peer_port(sk, 0);
	ns_rc("nl_socket_set_buffer_size", nl_socket_set_buffer_size(sk, 4096, 4096));
	big = big_noop();
	ns_rc("nl_send_auto big", nl_send_auto(sk, big));
	print_seq("big", big);
	nlmsg_free(big);

	/* Retries of the failed messages, in order, are sent with their numbers and acked. */
	ns_rc("nl_send_auto m1 (retry)", nl_send_auto(sk, m1));
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));
	ns_rc("nl_send m2 (retry)", nl_send(sk, m2));
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));
	ns_rc("nl_send_auto_complete m3 (retry)", nl_send_auto_complete(sk, m3));
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));
	nlmsg_free(m1);
	nlmsg_free(m2);
	nlmsg_free(m3);

	/* The numbers used so far: the next one handed out. */
	printf("nl_socket_use_seq: base%+d\n", (int)(nl_socket_use_seq(sk) - ns_seq_base));
	printf("nl_socket_use_seq: base%+d\n", (int)(nl_socket_use_seq(sk) - ns_seq_base));
	nl_socket_free(sk);
	return 0;
}
