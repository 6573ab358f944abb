/* netns-setup: ip link add veth0 type veth peer name veth1 */
/* netns-setup: ip link add veth2 type veth peer name veth3 */
/*
 * Non-blocking sockets and receive buffers: nl_socket_set_nonblocking before/after connect,
 * receiving with nothing pending (nl_recvmsgs, nl_recvmsgs_report, nl_recvmsgs_default,
 * nl_recv), nl_socket_set_msg_buf_size / get, MSG_PEEK on and off with a small buffer on a
 * multi-message dump (lo + 4 veths), nl_socket_set_buffer_size.
 */
#include <fcntl.h>
#include <stdint.h>

#include "nstest.h"

static int valid, finish;

static int valid_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	(void)m;
	valid++;
	return NL_OK;
}

static int finish_fn(struct nl_msg *m, void *arg)
{
	(void)arg;
	(void)m;
	finish++;
	return NL_STOP;
}

static void dump(size_t bufsize, int peek)
{
	struct nl_sock *sk = ns_sock();
	struct nl_msg *m;
	int i, rc;

	printf("== buffer %zu, peek %s\n", bufsize,
	       peek < 0 ? "default"
	       : peek	? "enabled"
			: "disabled");
	nl_socket_set_nonblocking(sk);
	if (bufsize)
		ns_rc("nl_socket_set_msg_buf_size", nl_socket_set_msg_buf_size(sk, bufsize));
	printf("nl_socket_get_msg_buf_size = %zu\n", nl_socket_get_msg_buf_size(sk));
	if (peek == 0)
		nl_socket_disable_msg_peek(sk);
	else if (peek == 1)
		nl_socket_enable_msg_peek(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, valid_fn, NULL);
	nl_socket_modify_cb(sk, NL_CB_FINISH, NL_CB_CUSTOM, finish_fn, NULL);
	m = ns_getlink(0);
	ns_send(sk, m, "dump");
	nlmsg_free(m);
	valid = finish = 0;
	for (i = 0; i < 12; i++) {
		rc = ns_recvmsgs_report_own(sk);
		printf(" nl_recvmsgs_report = %d%s%s; valid %d finish %d\n", rc, rc < 0 ? " " : "",
		       rc < 0 ? nl_geterror(rc) : "", valid, finish);
		if (rc == -NLE_AGAIN || finish)
			break;
	}
	nl_socket_free(sk);
}

int main(void)
{
	struct nl_sock *sk;
	struct sockaddr_nl nla;
	unsigned char *buf = NULL;
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = nl_socket_alloc();
	ns_rc("nl_socket_set_nonblocking unconnected", nl_socket_set_nonblocking(sk));
	ns_rc("nl_socket_set_buffer_size unconnected", nl_socket_set_buffer_size(sk, 0, 0));
	printf("nl_socket_get_fd unconnected = %d\n", nl_socket_get_fd(sk));
	printf("nl_socket_get_msg_buf_size default = %zu\n", nl_socket_get_msg_buf_size(sk));
	ns_rc("nl_connect", nl_connect(sk, NETLINK_ROUTE));
	ns_rc("nl_connect again", nl_connect(sk, NETLINK_ROUTE));
	printf("fd valid: %d, O_NONBLOCK before: %d\n", nl_socket_get_fd(sk) >= 0,
	       !!(fcntl(nl_socket_get_fd(sk), F_GETFL) & O_NONBLOCK));
	ns_rc("nl_socket_set_nonblocking", nl_socket_set_nonblocking(sk));
	printf("O_NONBLOCK after: %d, FD_CLOEXEC: %d\n",
	       !!(fcntl(nl_socket_get_fd(sk), F_GETFL) & O_NONBLOCK),
	       !!(fcntl(nl_socket_get_fd(sk), F_GETFD) & FD_CLOEXEC));
	ns_rc("nl_recvmsgs_default (nothing pending)", nl_recvmsgs_default(sk));
	ns_rc("nl_recvmsgs (nothing pending)", ns_recvmsgs_own(sk));
	ns_rc("nl_recvmsgs_report (nothing pending)", ns_recvmsgs_report_own(sk));
	rc = nl_recv(sk, &nla, &buf, NULL);
	ns_rc("nl_recv (nothing pending)", rc);
	printf("buf %s\n", buf ? "set" : "NULL");
	free(buf);
	ns_rc("nl_wait_for_ack (nothing pending)", nl_wait_for_ack(sk));
	ns_rc("nl_socket_set_buffer_size 0 0", nl_socket_set_buffer_size(sk, 0, 0));
	ns_rc("nl_socket_set_buffer_size 65536 65536", nl_socket_set_buffer_size(sk, 65536, 65536));
	ns_rc("nl_socket_set_msg_buf_size 0", nl_socket_set_msg_buf_size(sk, 0));
	printf("nl_socket_get_msg_buf_size = %zu\n", nl_socket_get_msg_buf_size(sk));
	ns_rc("nl_socket_set_passcred 1", nl_socket_set_passcred(sk, 1));
	ns_rc("nl_socket_recv_pktinfo 1", nl_socket_recv_pktinfo(sk, 1));
	nl_socket_free(sk);

	dump(0, -1);
	dump(0, 0);
	dump(0, 1);
	dump(256, -1);
	dump(256, 0);
	dump(256, 1);
	dump(2000, 0);
	dump(2000, 1);
	dump(100000, 0);
	return 0;
}
