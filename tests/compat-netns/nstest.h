/*
 * Shared helpers for the tests/compat-netns programs: each program runs as root in a fresh
 * network namespace (lo up, plus the commands of its "netns-setup:" header lines) once linked
 * against libnl and once against libnlrs; tests/netns.rs compares what they print.
 *
 * Output is deterministic: sequence numbers are printed relative to a base the test records,
 * port ids only as comparisons, error codes as numbers plus nl_geterror() text.
 */
#ifndef NSTEST_H_
#define NSTEST_H_

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

/* Sequence numbers are printed relative to this (set by the test before a request). */
static uint32_t ns_seq_base;
/* Local port of the socket under test, to print "port==local" instead of the number. */
static uint32_t ns_port;

static inline const char *ns_cbtype(int t)
{
	switch (t) {
	case NL_CB_VALID:
		return "VALID";
	case NL_CB_FINISH:
		return "FINISH";
	case NL_CB_OVERRUN:
		return "OVERRUN";
	case NL_CB_SKIPPED:
		return "SKIPPED";
	case NL_CB_ACK:
		return "ACK";
	case NL_CB_MSG_IN:
		return "MSG_IN";
	case NL_CB_MSG_OUT:
		return "MSG_OUT";
	case NL_CB_INVALID:
		return "INVALID";
	case NL_CB_SEQ_CHECK:
		return "SEQ_CHECK";
	case NL_CB_SEND_ACK:
		return "SEND_ACK";
	case NL_CB_DUMP_INTR:
		return "DUMP_INTR";
	default:
		return "?";
	}
}

static inline const char *ns_action(int a)
{
	switch (a) {
	case NL_OK:
		return "NL_OK";
	case NL_SKIP:
		return "NL_SKIP";
	case NL_STOP:
		return "NL_STOP";
	default: {
		static char b[16];
		snprintf(b, sizeof(b), "%d", a);
		return b;
	}
	}
}

/* Prints a return code: negative ones with their nl_geterror() text. */
static inline int ns_rc(const char *what, int rc)
{
	if (rc < 0)
		printf("%s = %d (%s)\n", what, rc, nl_geterror(rc));
	else
		printf("%s = %d\n", what, rc);
	return rc;
}

static inline void ns_seq_desc(char *buf, size_t len, uint32_t seq)
{
	if (seq == 0)
		snprintf(buf, len, "0");
	else
		snprintf(buf, len, "base%+d", (int)(seq - ns_seq_base));
}

static inline void ns_port_desc(char *buf, size_t len, uint32_t port)
{
	if (port == 0)
		snprintf(buf, len, "0");
	else if (port == ns_port)
		snprintf(buf, len, "local");
	else
		snprintf(buf, len, "other");
}

/* One line describing a netlink message header (and the name attribute of link messages). */
static inline void ns_print_hdr(const char *prefix, struct nlmsghdr *h)
{
	char s[32], p[32];

	ns_seq_desc(s, sizeof(s), h->nlmsg_seq);
	ns_port_desc(p, sizeof(p), h->nlmsg_pid);
	printf("%stype=%u flags=0x%x seq=%s port=%s", prefix, h->nlmsg_type, h->nlmsg_flags, s, p);
	if ((h->nlmsg_type == RTM_NEWLINK || h->nlmsg_type == RTM_DELLINK) &&
	    h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct ifinfomsg))) {
		struct nlattr *a = nlmsg_find_attr(h, sizeof(struct ifinfomsg), IFLA_IFNAME);
		if (a)
			printf(" name=%s", (char *)nla_data(a));
	} else if (h->nlmsg_type == NLMSG_ERROR &&
		   h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
		struct nlmsgerr *e = nlmsg_data(h);
		printf(" error=%d len=%u", e->error, h->nlmsg_len);
	} else if (h->nlmsg_type == NLMSG_DONE && h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
		printf(" done_error=%d", *(int *)nlmsg_data(h));
	}
	printf("\n");
}

/* A socket connected to NETLINK_ROUTE; exits on failure. */
static inline struct nl_sock *ns_sock(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int rc;

	if (!sk) {
		printf("nl_socket_alloc failed\n");
		exit(2);
	}
	rc = nl_connect(sk, NETLINK_ROUTE);
	if (rc < 0) {
		ns_rc("nl_connect", rc);
		exit(2);
	}
	return sk;
}

/* RTM_GETLINK request: a dump (ifindex 0) or a get of one ifindex. */
static inline struct nl_msg *ns_getlink(int ifindex)
{
	struct ifinfomsg ifi;
	struct nl_msg *m;

	m = nlmsg_alloc_simple(RTM_GETLINK, ifindex ? 0 : NLM_F_DUMP);
	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = ifindex;
	if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		printf("cannot build RTM_GETLINK\n");
		exit(2);
	}
	return m;
}

/* RTM_NEWADDR / RTM_DELADDR for an IPv4 address on ifindex. */
static inline struct nl_msg *ns_addr(int type, int flags, int ifindex, uint32_t addr_be, int plen)
{
	struct ifaddrmsg ifa;
	struct nl_msg *m = nlmsg_alloc_simple(type, flags);

	memset(&ifa, 0, sizeof(ifa));
	ifa.ifa_family = AF_INET;
	ifa.ifa_prefixlen = plen;
	ifa.ifa_index = ifindex;
	if (!m || nlmsg_append(m, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(m, IFA_LOCAL, addr_be) < 0 || nla_put_u32(m, IFA_ADDRESS, addr_be) < 0) {
		printf("cannot build address message\n");
		exit(2);
	}
	return m;
}

/* RTM_SETLINK setting the MTU of ifindex. */
static inline struct nl_msg *ns_setmtu(int ifindex, uint32_t mtu)
{
	struct ifinfomsg ifi;
	struct nl_msg *m = nlmsg_alloc_simple(RTM_SETLINK, 0);

	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = ifindex;
	if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(m, IFLA_MTU, mtu) < 0) {
		printf("cannot build RTM_SETLINK\n");
		exit(2);
	}
	return m;
}

/* Sends with nl_send_auto and records the request's sequence number as the base. */
static inline int ns_send(struct nl_sock *sk, struct nl_msg *m, const char *what)
{
	int rc = nl_send_auto(sk, m);

	ns_seq_base = nlmsg_hdr(m)->nlmsg_seq;
	ns_port = nl_socket_get_local_port(sk);
	printf("%s: nl_send_auto = %d%s%s, flags=0x%x\n", what, rc, rc < 0 ? " " : "",
	       rc < 0 ? nl_geterror(rc) : "", nlmsg_hdr(m)->nlmsg_flags);
	return rc;
}

/* nl_recvmsgs(_report) with the socket's own callback set; nl_socket_get_cb hands out a
 * reference, which is dropped again here. */
static inline int ns_recvmsgs_report_own(struct nl_sock *sk)
{
	struct nl_cb *cb = nl_socket_get_cb(sk);
	int rc = nl_recvmsgs_report(sk, cb);

	nl_cb_put(cb);
	return rc;
}

static inline int ns_recvmsgs_own(struct nl_sock *sk)
{
	struct nl_cb *cb = nl_socket_get_cb(sk);
	int rc = nl_recvmsgs(sk, cb);

	nl_cb_put(cb);
	return rc;
}

#endif
