/*
 * Acks: nl_send_auto + nl_wait_for_ack for requests that succeed (set lo's MTU, add an
 * address), nl_send_sync, nl_socket_disable_auto_ack / enable_auto_ack (the NLM_F_ACK flag of
 * the sent message and what waiting returns on a non-blocking socket when no ack comes).
 */
#include <arpa/inet.h>

#include "nstest.h"

static int acks;

static int ack_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	acks++;
	ns_print_hdr("  ACK ", nlmsg_hdr(m));
	return NL_STOP;
}

int main(void)
{
	struct nl_sock *sk;
	struct nl_msg *m;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = ns_sock();

	m = ns_setmtu(1, 65000);
	ns_send(sk, m, "setlink mtu");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

	m = ns_addr(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, 1, inet_addr("10.9.8.7"), 24);
	ns_send(sk, m, "newaddr");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

	/* nl_send_sync consumes the message. */
	m = ns_setmtu(1, 1500);
	ns_rc("nl_send_sync setlink", nl_send_sync(sk, m));
	m = ns_addr(RTM_DELADDR, 0, 1, inet_addr("10.9.8.7"), 24);
	ns_rc("nl_send_sync deladdr", nl_send_sync(sk, m));
	/* An error through nl_send_sync. */
	m = ns_addr(RTM_DELADDR, 0, 1, inet_addr("10.9.8.7"), 24);
	ns_rc("nl_send_sync deladdr again", nl_send_sync(sk, m));

	/* With a custom ack handler on the socket. */
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, ack_fn, NULL);
	m = ns_setmtu(1, 9000);
	ns_send(sk, m, "setlink custom ack");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));
	printf("custom acks: %d\n", acks);
	m = ns_setmtu(1, 9001);
	ns_send(sk, m, "setlink custom ack 2");
	nlmsg_free(m);
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));
	printf("custom acks: %d\n", acks);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_DEFAULT, NULL, NULL);

	/* No auto ack: no NLM_F_ACK, nothing to wait for. */
	ns_rc("nl_socket_set_nonblocking", nl_socket_set_nonblocking(sk));
	nl_socket_disable_auto_ack(sk);
	m = ns_setmtu(1, 1400);
	ns_send(sk, m, "setlink no auto ack");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack (nothing comes)", nl_wait_for_ack(sk));
	m = ns_setmtu(1, 1300);
	ns_rc("nl_send_sync no auto ack", nl_send_sync(sk, m));
	/* An error is reported even without NLM_F_ACK. */
	m = ns_addr(RTM_DELADDR, 0, 1, inet_addr("10.9.8.7"), 24);
	ns_send(sk, m, "deladdr no auto ack");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));
	ns_rc("nl_recvmsgs_default", nl_recvmsgs_default(sk));

	nl_socket_enable_auto_ack(sk);
	m = ns_setmtu(1, 1280);
	ns_send(sk, m, "setlink auto ack again");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));
	ns_rc("nl_wait_for_ack again (nothing)", nl_wait_for_ack(sk));

	/* Explicit NLM_F_ACK while auto ack is off. */
	nl_socket_disable_auto_ack(sk);
	m = ns_setmtu(1, 1281);
	nlmsg_hdr(m)->nlmsg_flags |= NLM_F_ACK;
	ns_send(sk, m, "setlink explicit ack");
	nlmsg_free(m);
	ns_rc("nl_wait_for_ack", nl_wait_for_ack(sk));

	system("ip -o link show lo | sed 's/.*mtu \\([0-9]*\\).*/lo mtu \\1/'");
	nl_socket_free(sk);
	return 0;
}
