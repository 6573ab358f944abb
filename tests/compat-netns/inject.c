/*
 * Crafted messages: a second socket sends datagrams to the socket under test, so the receive
 * loop sees what the kernel rarely produces: sequence
 * mismatches, NLMSG_NOOP, NLMSG_OVERRUN, NLMSG_DONE carrying an error, NLM_F_DUMP_INTR, acks
 * and errors, truncated headers and error messages, several messages per datagram. Each case
 * runs on a fresh non-blocking socket with default callbacks, with logging callbacks, and with
 * the socket's own callbacks after nl_socket_disable_seq_check, with logging added.
 *
 * Both sockets are NETLINK_USERSOCK sockets carrying rtnetlink-shaped messages: libnlrs drops
 * datagrams from other processes on protocols where only the kernel speaks (NETLINK_ROUTE
 * among them; libnl-compat: libnl accepts them), and on USERSOCK both libraries deliver them.
 */
#include <stdint.h>

#include "nstest.h"

static int calls;

static int cb_fn(struct nl_msg *m, void *arg)
{
	int t = (int)(intptr_t)arg;
	char pre[32];

	calls++;
	snprintf(pre, sizeof(pre), "  %s ", ns_cbtype(t));
	ns_print_hdr(pre, nlmsg_hdr(m));
	return NL_OK;
}

static int err_fn(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)arg;
	calls++;
	printf("  ERR family=%d from_kernel=%d error=%d msg.type=%u\n", nla->nl_family,
	       nla->nl_pid == 0, e->error, e->msg.nlmsg_type);
	return NL_OK;
}

static const int types[] = { NL_CB_MSG_IN,  NL_CB_VALID,   NL_CB_FINISH,  NL_CB_ACK,
			     NL_CB_SKIPPED, NL_CB_OVERRUN, NL_CB_INVALID, NL_CB_DUMP_INTR };

/* Datagram under construction. */
static unsigned char dg[4096];
static size_t dglen;

static struct nlmsghdr *put(uint16_t type, uint16_t flags, int32_t seq_off, const void *payload,
			    size_t plen)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(dg + dglen);

	memset(h, 0, NLMSG_SPACE(plen));
	h->nlmsg_len = NLMSG_LENGTH(plen);
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = ns_seq_base + seq_off;
	h->nlmsg_pid = ns_port;
	if (plen)
		memcpy(NLMSG_DATA(h), payload, plen);
	dglen += NLMSG_SPACE(plen);
	return h;
}

static void put_link(uint16_t flags, int32_t seq_off)
{
	unsigned char p[sizeof(struct ifinfomsg) + 8];
	struct nlattr *a = (struct nlattr *)(p + sizeof(struct ifinfomsg));

	memset(p, 0, sizeof(p));
	a->nla_len = 7;
	a->nla_type = IFLA_IFNAME;
	memcpy(a + 1, "xy", 3);
	put(RTM_NEWLINK, flags, seq_off, p, sizeof(p));
}

static void put_err(int error, int32_t seq_off)
{
	struct nlmsgerr e;

	memset(&e, 0, sizeof(e));
	e.error = error;
	e.msg.nlmsg_len = 16;
	e.msg.nlmsg_type = RTM_GETLINK;
	e.msg.nlmsg_seq = ns_seq_base + seq_off;
	put(NLMSG_ERROR, 0, seq_off, &e, sizeof(e));
}

static void build(int c)
{
	int v;

	dglen = 0;
	switch (c) {
	case 0: /* a single message, expected seq */
		put_link(0, 0);
		break;
	case 1: /* a single message, wrong seq */
		put_link(0, 100);
		break;
	case 2: /* seq 0 (like a notification) */
		put_link(0, -(int32_t)ns_seq_base);
		break;
	case 3:
		put(NLMSG_NOOP, 0, 0, NULL, 0);
		break;
	case 4:
		put(NLMSG_OVERRUN, 0, 0, NULL, 0);
		break;
	case 5: /* multi-part, DONE carrying an error */
		put_link(NLM_F_MULTI, 0);
		v = -ENOBUFS;
		put(NLMSG_DONE, NLM_F_MULTI, 0, &v, sizeof(v));
		break;
	case 6: /* DUMP_INTR */
		put_link(NLM_F_MULTI | NLM_F_DUMP_INTR, 0);
		put(NLMSG_DONE, NLM_F_MULTI | NLM_F_DUMP_INTR, 0, NULL, 0);
		break;
	case 7: /* ack */
		put_err(0, 0);
		break;
	case 8: /* error */
		put_err(-EEXIST, 0);
		break;
	case 9: /* error with a positive code */
		put_err(EPERM, 0);
		break;
	case 10: /* truncated error message */
		v = -EPERM;
		put(NLMSG_ERROR, 0, 0, &v, sizeof(v));
		break;
	case 11: /* header claims more than the datagram holds */
		put_link(0, 0);
		((struct nlmsghdr *)dg)->nlmsg_len = 200;
		break;
	case 12: /* header shorter than a header */
		put_link(0, 0);
		((struct nlmsghdr *)dg)->nlmsg_len = 8;
		break;
	case 13: /* two single messages in one datagram */
		put_link(0, 0);
		put_link(0, 1);
		break;
	case 14: /* multi-part without DONE: the loop reads on */
		put_link(NLM_F_MULTI, 0);
		put_link(NLM_F_MULTI, 0);
		break;
	case 15: /* unknown control type below NLMSG_MIN_TYPE */
		put(0x0f, 0, 0, NULL, 0);
		break;
	case 16: /* DONE without MULTI */
		put(NLMSG_DONE, 0, 0, NULL, 0);
		break;
	case 17: /* message, then ack, in one datagram */
		put_link(0, 0);
		put_err(0, 0);
		break;
	case 18: /* wrong seq in the middle of a multi-part */
		put_link(NLM_F_MULTI, 0);
		put_link(NLM_F_MULTI, 5);
		put(NLMSG_DONE, NLM_F_MULTI, 0, NULL, 0);
		break;
	case 19: /* empty datagram */
		break;
	case 20: /* 3 bytes of garbage */
		memcpy(dg, "abc", 3);
		dglen = 3;
		break;
	}
}

#define NCASES 21

/* A NETLINK_USERSOCK socket; exits on failure. */
static struct nl_sock *user_sock(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk || nl_connect(sk, NETLINK_USERSOCK) < 0) {
		printf("cannot connect NETLINK_USERSOCK\n");
		exit(2);
	}
	return sk;
}

int main(void)
{
	struct nl_sock *tx, *rx;
	struct nl_cb *cb;
	unsigned i, k;
	int c, mode, rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	tx = user_sock();
	for (c = 0; c < NCASES; c++) {
		for (mode = 0; mode < 3; mode++) {
			rx = user_sock();
			nl_socket_set_nonblocking(rx);
			/* The first use_seq returns what the socket expects. */
			ns_seq_base = nl_socket_use_seq(rx);
			ns_port = nl_socket_get_local_port(rx);
			if (mode == 2)
				nl_socket_disable_seq_check(rx);
			if (mode == 0) {
				cb = nl_socket_get_cb(rx); /* already a new reference */
			} else {
				/* mode 2: the socket's own callbacks, after
				 * nl_socket_disable_seq_check changed them. */
				cb = mode == 2 ? nl_socket_get_cb(rx) : nl_cb_alloc(NL_CB_DEFAULT);
				for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
					nl_cb_set(cb, types[i], NL_CB_CUSTOM, cb_fn,
						  (void *)(intptr_t)types[i]);
				nl_cb_err(cb, NL_CB_CUSTOM, err_fn, NULL);
			}
			build(c);
			nl_socket_set_peer_port(tx, ns_port);
			rc = nl_sendto(tx, dg, dglen);
			printf("case %d mode %d: nl_sendto = %d\n", c, mode, rc);
			for (k = 0; k < 4; k++) {
				calls = 0;
				rc = nl_recvmsgs_report(rx, cb);
				printf(" nl_recvmsgs_report = %d%s%s, %d callbacks\n", rc,
				       rc < 0 ? " " : "", rc < 0 ? nl_geterror(rc) : "", calls);
				if (rc == -NLE_AGAIN || (mode && !calls && rc >= 0))
					break;
			}
			nl_cb_put(cb);
			nl_socket_free(rx);
		}
	}
	nl_socket_free(tx);
	return 0;
}
