/*
 * A forged ACK: before a request the kernel will reject is sent, a second NETLINK_ROUTE
 * socket queues an NLMSG_ERROR with error 0 for the request's sequence number at the port of
 * the socket under test. libnl-compat: libnl takes it for the kernel's ack, so nl_wait_for_ack
 * reports success and the kernel's real error is left for the next request on the socket.
 * libnlrs drops it (a sender other than the kernel on NETLINK_ROUTE), counts it, says so at
 * NLDBG >= 1, and reports the kernel's error; the next request gets its own answer.
 */
#include <linux/rtnetlink.h>

#include "forge.h"

/* RTM_DELLINK of an interface index that does not exist: the kernel answers -ENODEV. */
static struct nl_msg *del_missing_link(void)
{
	struct ifinfomsg ifi;
	struct nl_msg *m = nlmsg_alloc_simple(RTM_DELLINK, 0);

	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = 999999;
	if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		exit(2);
	return m;
}

int main(void)
{
	struct nl_sock *sk, *forger;
	struct nl_msg *req, *ack;
	uint32_t port, seq;
	char log[4096];
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = forge_sock(NETLINK_ROUTE);
	forger = forge_sock(NETLINK_ROUTE);
	if (!sk || !forger) {
		printf("not ok - NETLINK_ROUTE sockets\n");
		return 1;
	}
	port = nl_socket_get_local_port(sk);
	CHECK(nlrs_socket_get_dropped(sk) == 0, "a new socket has dropped nothing");

	/* The forged ack is queued first, for the number the request will carry. */
	seq = forge_next_seq(sk);
	ack = forge_ack(0, RTM_DELLINK, seq, port);
	rc = forge_send_msg(nl_socket_get_fd(forger), ack, port);
	CHECK(rc > 0, "root may send the forged ack to the socket's port");
	nlmsg_free(ack);

	req = del_missing_link();
	rc = nl_send_auto(sk, req);
	CHECK(rc > 0 && nlmsg_hdr(req)->nlmsg_seq == seq, "request sent with the forged number");
	nlmsg_free(req);

	nl_debug = 1;
	forge_stderr_begin();
	rc = nl_wait_for_ack(sk);
	forge_stderr_end(log, sizeof(log));
	nl_debug = 0;
	printf("# nl_wait_for_ack = %d (%s)\n", rc, nl_geterror(rc));
	CHECK(rc == -NLE_NODEV, "nl_wait_for_ack reports the kernel's error, not the forged ack");
	CHECK(nlrs_socket_get_dropped(sk) == 1, "the forged ack was dropped and counted");
	CHECK(strstr(log, "dropped a 36-byte datagram from port") != NULL &&
		      strstr(log, "only the kernel sends on this protocol") != NULL,
	      "the drop is reported at NLDBG 1");
	printf("# stderr: %s", log);

	/* Nothing is left over: the next request gets its own (real) answer. */
	req = nlmsg_alloc_simple(NLMSG_NOOP, 0);
	rc = nl_send_auto(sk, req);
	nlmsg_free(req);
	CHECK(rc > 0 && nl_wait_for_ack(sk) == 0, "the next request is acked by the kernel");

	/* The forgery after the request (the kernel's error is queued first): the error is
	 * reported, and the forged ack does not answer the next request either. */
	req = del_missing_link();
	CHECK(nl_send_auto(sk, req) > 0, "second rejected request sent");
	seq = nlmsg_hdr(req)->nlmsg_seq;
	nlmsg_free(req);
	ack = forge_ack(0, RTM_DELLINK, seq + 1, port);
	CHECK(forge_send_msg(nl_socket_get_fd(forger), ack, port) > 0, "late forgery sent");
	nlmsg_free(ack);
	CHECK(nl_wait_for_ack(sk) == -NLE_NODEV, "the kernel's error again");
	req = del_missing_link();
	CHECK(nl_send_auto(sk, req) > 0, "third rejected request sent");
	nlmsg_free(req);
	CHECK(nl_wait_for_ack(sk) == -NLE_NODEV, "its own error, not the forgery queued before it");
	CHECK(nlrs_socket_get_dropped(sk) == 2, "two forgeries dropped");

	/* nl_recv returns raw datagrams, from the same filtered read. */
	nl_socket_set_nonblocking(sk);
	ack = forge_ack(0, NLMSG_NOOP, 1, port);
	CHECK(forge_send_msg(nl_socket_get_fd(forger), ack, port) > 0, "forgery for nl_recv sent");
	nlmsg_free(ack);
	{
		struct sockaddr_nl from;
		unsigned char *buf = NULL;

		rc = nl_recv(sk, &from, &buf, NULL);
		CHECK(rc == -NLE_AGAIN && buf == NULL, "nl_recv does not return the forgery");
		free(buf);
	}
	CHECK(nlrs_socket_get_dropped(sk) == 3, "three forgeries dropped");
	CHECK(nlrs_socket_get_dropped(forger) == 0 && nlrs_socket_get_dropped(NULL) == 0,
	      "counts are per socket; NULL gives 0");

	nl_socket_free(forger);
	nl_socket_free(sk);
	return tap_failed ? 1 : 0;
}
