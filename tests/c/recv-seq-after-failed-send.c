/*
 * libnl-compat: like libnl 3.7, libnlrs numbers a request (nl_send_auto, nl_send_sync,
 * nl_complete_msg, ...) before it knows whether the send works, and a failed send keeps its
 * number: s_seq_next has moved on and the message carries the number (tests/compat-netns/
 * seq-failed-send.c shows the numbers are libnl's). libnl counts acks to know the number of the
 * next reply (s_seq_expect), so after a failed send that count stays behind for good and every
 * later acked request on the socket fails with -NLE_SEQ_MISMATCH. libnlrs moves the expected
 * number over numbers that were never sent, so the later requests here succeed; with libnl
 * each "request with ack" check below fails. A failed message that is retried keeps its number
 * and is expected again.
 *
 * Sends fail on an unconnected socket (-NLE_BAD_SOCK) and with a message larger than the send
 * buffer (EMSGSIZE), both independent of other sockets on the host. NLMSG_NOOP requests are
 * acked by the kernel without privileges, so this runs in any network namespace.
 */
#include <stdint.h>

#include <linux/netlink.h>

#include <netlink/errno.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "tap.h"

/* libnl's first bytes of struct nl_sock, which libnlrs keeps (only the fields read here). */
struct sock_head {
	struct sockaddr_nl local, peer;
	int fd, proto;
	uint32_t seq_next, seq_expect;
};

static uint32_t next_of(struct nl_sock *sk)
{
	return ((struct sock_head *)sk)->seq_next;
}

static uint32_t expect_of(struct nl_sock *sk)
{
	return ((struct sock_head *)sk)->seq_expect;
}

static struct nl_msg *noop(void)
{
	return nlmsg_alloc_simple(NLMSG_NOOP, 0);
}

/* A NOOP request of 256 KiB, more than a 4 KiB send buffer allows. */
static struct nl_msg *big_noop(void)
{
	struct nl_msg *m = nlmsg_alloc_size(300000);

	if (m && nlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, NLMSG_NOOP, 0, 0) &&
	    nlmsg_reserve(m, 256 * 1024, NLMSG_ALIGNTO))
		return m;
	nlmsg_free(m);
	return NULL;
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *m, *retry;
	uint32_t first, seq;
	int i;

	CHECK(sk != NULL, "nl_socket_alloc");
	if (!sk)
		return 1;
	first = next_of(sk);

	/* Two failed sends and a failed nl_send_sync before the socket is connected. */
	for (i = 0; i < 2; i++) {
		m = noop();
		CHECK(nl_send_auto(sk, m) == -NLE_BAD_SOCK, "nl_send_auto unconnected fails");
		CHECK(nlmsg_hdr(m)->nlmsg_seq == first + i, "the message keeps its number");
		nlmsg_free(m);
	}
	CHECK(nl_send_sync(sk, noop()) == -NLE_BAD_SOCK, "nl_send_sync unconnected fails");
	CHECK(next_of(sk) == first + 3, "three numbers are used up, as in libnl");
	CHECK(expect_of(sk) == first + 3, "s_seq_expect names the next reply (libnl: first)");

	CHECK(nl_connect(sk, NETLINK_ROUTE) == 0, "nl_connect");
	CHECK(nl_send_sync(sk, noop()) == 0, "request with ack after the failed sends");
	CHECK(nl_send_sync(sk, noop()) == 0, "second request with ack");
	m = noop();
	CHECK(nl_send_auto(sk, m) > 0, "nl_send_auto");
	nlmsg_free(m);
	CHECK(nl_wait_for_ack(sk) == 0, "nl_wait_for_ack");

	/* A send that fails on a connected socket: too big for the send buffer. */
	CHECK(nl_socket_set_buffer_size(sk, 4096, 4096) == 0, "small send buffer");
	m = big_noop();
	CHECK(m != NULL, "big message built");
	CHECK(nl_send_auto(sk, m) == -NLE_FAILURE, "nl_send_auto of a too big message fails");
	nlmsg_free(m);
	CHECK(nl_send_sync(sk, noop()) == 0, "request with ack after a failed big send");

	/* A failed send while another request is still unanswered: its ack comes first. */
	m = noop();
	CHECK(nl_send_auto(sk, m) > 0, "request A sent, not yet acked");
	nlmsg_free(m);
	m = big_noop();
	CHECK(nl_send_auto(sk, m) == -NLE_FAILURE, "request B fails");
	nlmsg_free(m);
	CHECK(expect_of(sk) == next_of(sk) - 2, "A's ack is still expected first");
	m = noop();
	CHECK(nl_send_auto(sk, m) > 0, "request C sent");
	nlmsg_free(m);
	CHECK(nl_wait_for_ack(sk) == 0, "ack of A");
	CHECK(nl_wait_for_ack(sk) == 0, "ack of C (B skipped)");
	CHECK(expect_of(sk) == next_of(sk), "nothing outstanding");

	/* A failed message retried keeps its number and its ack is expected; new requests then
	 * work too. */
	retry = noop();
	nl_close(sk);
	CHECK(nl_send_auto(sk, retry) == -NLE_BAD_SOCK, "send on a closed socket fails");
	seq = nlmsg_hdr(retry)->nlmsg_seq;
	CHECK(nl_connect(sk, NETLINK_ROUTE) == 0, "reconnect");
	CHECK(nl_send_auto(sk, retry) > 0 && nlmsg_hdr(retry)->nlmsg_seq == seq,
	      "retry sent with the same number");
	nlmsg_free(retry);
	CHECK(nl_wait_for_ack(sk) == 0, "ack of the retried request");
	CHECK(nl_send_sync(sk, noop()) == 0, "request with ack after the retry");

	/* nl_socket_use_seq hands out numbers as libnl does: the next one. */
	seq = next_of(sk);
	CHECK(nl_socket_use_seq(sk) == seq && next_of(sk) == seq + 1, "nl_socket_use_seq");

	nl_socket_free(sk);
	return tap_failed ? 1 : 0;
}
