/*
 * dump.c - receive-path benchmark: dump the IPv4 routing table
 * (RTM_GETROUTE, NLM_F_DUMP, AF_INET) and either count or parse every
 * message. One source, compiled four ways:
 *
 *   -DUSE_LIBNL  libnl-3 API, Debian's headers + libnl-3.so
 *   -DUSE_NLRS   the very same libnl-3 API code, our headers + libnlrs.so
 *   -DUSE_MNL    libmnl API (mnl_socket_recvfrom + mnl_cb_run)
 *   -DUSE_RAW    plain recvmsg() into a 32 KiB buffer, NLMSG_OK/NLMSG_NEXT
 *
 * Modes:
 *   count  count the messages (NL_CB_VALID callback / mnl_cb_run callback /
 *          the raw loop)
 *   parse  additionally validate every message's attributes (nlmsg_parse with
 *          an rtattr policy / mnl_attr_parse with a validating callback /
 *          an RTA_OK loop for raw) and read RTA_DST and RTA_OIF
 *
 * Usage: dump count|parse [DUMPS]   (default 5)
 * One untimed warm-up dump, then DUMPS timed dumps on the same socket.
 * Output (one line):
 *   impl=... mode=... msgs=<per dump> sum=<checksum> dumps=N
 *   best_wall_ns=... best_cpu_ns=... user_ns=... sys_ns=...
 * best_* are the fastest single dump (wall: CLOCK_MONOTONIC, cpu: user+sys
 * from getrusage); user_ns/sys_ns are the per-dump averages over all timed
 * dumps. msgs and sum must be identical for all four builds.
 */

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#if defined(USE_LIBNL) + defined(USE_NLRS) + defined(USE_MNL) + defined(USE_RAW) != 1
#error "define exactly one of USE_LIBNL, USE_NLRS, USE_MNL, USE_RAW"
#endif

#if defined(USE_MNL)
#include <libmnl/libmnl.h>
#define IMPL "libmnl"
#elif defined(USE_RAW)
#define IMPL "raw"
#else
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>
#if defined(USE_NLRS)
#define IMPL "libnlrs"
#else
#define IMPL "libnl"
#endif
#endif

#define RAW_BUF_SIZE 32768

struct ctx {
	int parse;
	uint64_t msgs;
	uint64_t sum;
};

static void die(const char *what, int err)
{
	fprintf(stderr, "dump (" IMPL "): %s failed: %d\n", what, err);
	exit(1);
}

/* Fold one route into the checksum; identical for every implementation. */
static inline void account(struct ctx *c, uint32_t dst_be, uint32_t oif)
{
	c->sum = c->sum * 31 + ntohl(dst_be) + ((uint64_t)oif << 32);
}

/* ------------------------------------------------------------------ */
#if defined(USE_LIBNL) || defined(USE_NLRS)

/* clang-format off */
static struct nla_policy rt_policy[RTA_MAX + 1] = {
	[RTA_TABLE]	= { .type = NLA_U32 },
	[RTA_DST]	= { .type = NLA_U32 },
	[RTA_SRC]	= { .type = NLA_U32 },
	[RTA_OIF]	= { .type = NLA_U32 },
	[RTA_FLOW]	= { .type = NLA_U32 },
	[RTA_PREFSRC]	= { .type = NLA_U32 },
	[RTA_GATEWAY]	= { .type = NLA_U32 },
	[RTA_PRIORITY]	= { .type = NLA_U32 },
};
/* clang-format on */

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct ctx *c = arg;

	c->msgs++;
	if (c->parse) {
		struct nlattr *tb[RTA_MAX + 1];
		uint32_t dst = 0, oif = 0;
		int err;

		err = nlmsg_parse(nlmsg_hdr(msg), sizeof(struct rtmsg), tb, RTA_MAX, rt_policy);
		if (err < 0)
			die("nlmsg_parse", err);
		if (tb[RTA_DST])
			dst = nla_get_u32(tb[RTA_DST]);
		if (tb[RTA_OIF])
			oif = nla_get_u32(tb[RTA_OIF]);
		account(c, dst, oif);
	}
	return NL_OK;
}

static struct nl_sock *sk;

static void setup(struct ctx *c)
{
	int err;

	sk = nl_socket_alloc();
	if (!sk)
		die("nl_socket_alloc", -1);
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0)
		die("nl_connect", err);
	err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, c);
	if (err < 0)
		die("nl_socket_modify_cb", err);
}

static void dump_once(void)
{
	struct rtmsg rtm = { .rtm_family = AF_INET };
	int err;

	err = nl_send_simple(sk, RTM_GETROUTE, NLM_F_DUMP, &rtm, sizeof(rtm));
	if (err < 0)
		die("nl_send_simple", err);
	err = nl_recvmsgs_default(sk);
	if (err < 0)
		die("nl_recvmsgs_default", err);
}

/* ------------------------------------------------------------------ */
#elif defined(USE_MNL)

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, RTA_MAX) < 0)
		return MNL_CB_OK;
	switch (type) {
	case RTA_TABLE:
	case RTA_DST:
	case RTA_SRC:
	case RTA_OIF:
	case RTA_FLOW:
	case RTA_PREFSRC:
	case RTA_GATEWAY:
	case RTA_PRIORITY:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		break;
	}
	tb[type] = attr;
	return MNL_CB_OK;
}

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ctx *c = data;

	c->msgs++;
	if (c->parse) {
		const struct nlattr *tb[RTA_MAX + 1] = { 0 };
		uint32_t dst = 0, oif = 0;

		if (mnl_attr_parse(nlh, sizeof(struct rtmsg), attr_cb, tb) < 0)
			die("mnl_attr_parse", -errno);
		if (tb[RTA_DST])
			dst = mnl_attr_get_u32(tb[RTA_DST]);
		if (tb[RTA_OIF])
			oif = mnl_attr_get_u32(tb[RTA_OIF]);
		account(c, dst, oif);
	}
	return MNL_CB_OK;
}

static struct mnl_socket *nl;
static unsigned int portid, seq;
static struct ctx *mctx;
/* Same size as the raw loop's buffer (libmnl 1.0.5 calls it MNL_SOCKET_DUMP_SIZE). */
static char mbuf[RAW_BUF_SIZE];

static void setup(struct ctx *c)
{
	mctx = c;
	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl)
		die("mnl_socket_open", -errno);
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		die("mnl_socket_bind", -errno);
	portid = mnl_socket_get_portid(nl);
	seq = time(NULL);
}

static void dump_once(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(mbuf);
	struct rtmsg *rtm;
	ssize_t ret;

	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++seq;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(struct rtmsg));
	rtm->rtm_family = AF_INET;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		die("mnl_socket_sendto", -errno);

	for (;;) {
		ret = mnl_socket_recvfrom(nl, mbuf, sizeof(mbuf));
		if (ret <= 0)
			die("mnl_socket_recvfrom", -errno);
		ret = mnl_cb_run(mbuf, ret, seq, portid, data_cb, mctx);
		if (ret < 0)
			die("mnl_cb_run", -errno);
		if (ret == MNL_CB_STOP)
			break;
	}
}

/* ------------------------------------------------------------------ */
#else /* USE_RAW */

static int fd;
static uint32_t seq;
static struct ctx *rctx;
static char rbuf[RAW_BUF_SIZE] __attribute__((aligned(NLMSG_ALIGNTO)));

static void setup(struct ctx *c)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	rctx = c;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		die("socket", -errno);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind", -errno);
	seq = time(NULL);
}

static void raw_parse(struct ctx *c, const struct nlmsghdr *nlh)
{
	const struct rtmsg *rtm = NLMSG_DATA(nlh);
	const struct rtattr *rta = RTM_RTA(rtm);
	int len = RTM_PAYLOAD(nlh);
	uint32_t dst = 0, oif = 0;

	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == RTA_DST && RTA_PAYLOAD(rta) >= 4)
			memcpy(&dst, RTA_DATA(rta), 4);
		else if (rta->rta_type == RTA_OIF && RTA_PAYLOAD(rta) >= 4)
			memcpy(&oif, RTA_DATA(rta), 4);
	}
	account(c, dst, oif);
}

static void dump_once(void)
{
	struct {
		struct nlmsghdr nlh;
		struct rtmsg rtm;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = RTM_GETROUTE,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			 .nlmsg_seq = ++seq },
		.rtm = { .rtm_family = AF_INET },
	};
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct iovec iov = { rbuf, sizeof(rbuf) };
	struct msghdr mh = {
		.msg_name = &sa, .msg_namelen = sizeof(sa), .msg_iov = &iov, .msg_iovlen = 1
	};

	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("sendto", -errno);
	for (;;) {
		ssize_t n = recvmsg(fd, &mh, 0);
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)rbuf;
		int len;

		if (n <= 0)
			die("recvmsg", -errno);
		len = (int)n;
		for (; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				die("dump", -1);
			rctx->msgs++;
			if (rctx->parse)
				raw_parse(rctx, nlh);
		}
	}
}

#endif

/* ------------------------------------------------------------------ */

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t tv_ns(const struct timeval *tv)
{
	return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

int main(int argc, char **argv)
{
	struct ctx c = { 0 };
	int64_t best_wall = INT64_MAX, best_cpu = INT64_MAX, user = 0, sys = 0;
	uint64_t msgs = 0, sum = 0;
	long dumps = 5;
	long i;

	if (argc < 2 || (strcmp(argv[1], "count") && strcmp(argv[1], "parse"))) {
		fprintf(stderr, "usage: %s count|parse [DUMPS]\n", argv[0]);
		return 2;
	}
	c.parse = !strcmp(argv[1], "parse");
	if (argc > 2)
		dumps = strtol(argv[2], NULL, 10);
	if (dumps < 1)
		dumps = 1;

	setup(&c);
	dump_once(); /* warm-up, untimed */
	msgs = c.msgs;
	sum = c.sum;

	for (i = 0; i < dumps; i++) {
		struct rusage r0, r1;
		int64_t t0, t1, u, s;

		c.msgs = 0;
		c.sum = 0;
		getrusage(RUSAGE_SELF, &r0);
		t0 = now_ns();
		dump_once();
		t1 = now_ns();
		getrusage(RUSAGE_SELF, &r1);
		u = tv_ns(&r1.ru_utime) - tv_ns(&r0.ru_utime);
		s = tv_ns(&r1.ru_stime) - tv_ns(&r0.ru_stime);
		user += u;
		sys += s;
		if (t1 - t0 < best_wall)
			best_wall = t1 - t0;
		if (u + s < best_cpu)
			best_cpu = u + s;
		if (c.msgs != msgs || c.sum != sum) {
			fprintf(stderr,
				"dump (" IMPL "): dump %ld saw %" PRIu64 " messages, "
				"the warm-up %" PRIu64 "\n",
				i, c.msgs, msgs);
			return 1;
		}
	}

	printf("impl=%s mode=%s msgs=%" PRIu64 " sum=%016" PRIx64 " dumps=%ld best_wall_ns=%" PRId64
	       " best_cpu_ns=%" PRId64 " user_ns=%" PRId64 " sys_ns=%" PRId64 "\n",
	       IMPL, c.parse ? "parse" : "count", msgs, sum, dumps, best_wall, best_cpu,
	       user / dumps, sys / dumps);
	return 0;
}
