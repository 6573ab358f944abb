/*
 * genl-resolve.c - generic netlink family resolution benchmark: one
 * CTRL_CMD_GETFAMILY request for "nlctrl" (with NLM_F_ACK), its reply and its
 * ack, repeated on one socket. One source, compiled three ways:
 *
 *   -DUSE_LIBNL  genl_ctrl_resolve(), Debian's headers + libnl-genl-3.so
 *   -DUSE_NLRS   the very same code, our headers + libnlrs.so
 *   -DUSE_MNL    the same exchange written with libmnl: request built in a
 *                stack buffer, mnl_socket_sendto, then mnl_socket_recvfrom +
 *                mnl_cb_run until the ack (reply parsed with mnl_attr_parse
 *                for CTRL_ATTR_FAMILY_ID, as libnl's reply handler does)
 *
 * Usage: genl-resolve [N]   (default 10000)
 * One untimed warm-up call, then N timed calls.
 * Output (one line):
 *   impl=... calls=N id=<family id> checksum=<sum of ids> ns_per_iter=...
 *   cpu_ns_per_iter=... user_ns_per_iter=... sys_ns_per_iter=...
 */

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/resource.h>

#if defined(USE_MNL)
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#define IMPL "mnl"

struct ctx {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
	char buf[32768];
};

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, CTRL_ATTR_MAX) < 0)
		return MNL_CB_OK;
	if (type == CTRL_ATTR_FAMILY_ID && mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
		return MNL_CB_ERROR;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = { 0 };
	int *id = data;

	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), attr_cb, tb);
	if (tb[CTRL_ATTR_FAMILY_ID])
		*id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	return MNL_CB_OK;
}

static int setup(struct ctx *c)
{
	c->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!c->nl || mnl_socket_bind(c->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -1;
	c->portid = mnl_socket_get_portid(c->nl);
	c->seq = time(NULL);
	return 0;
}

static int resolve(struct ctx *c, const char *name)
{
	char req[MNL_SOCKET_BUFFER_SIZE > 256 ? 256 : MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(req);
	struct genlmsghdr *g;
	unsigned int seq = ++c->seq;
	int id = -1, ret;

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	if (mnl_socket_sendto(c->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		ret = mnl_socket_recvfrom(c->nl, c->buf, sizeof(c->buf));
		if (ret <= 0)
			return -1;
		ret = mnl_cb_run(c->buf, ret, seq, c->portid, reply_cb, &id);
	} while (ret > 0);
	return ret < 0 ? -1 : id;
}

#else /* libnl API: USE_LIBNL or USE_NLRS */
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#ifdef USE_NLRS
#define IMPL "nlrs"
#else
#define IMPL "libnl"
#endif

struct ctx {
	struct nl_sock *sk;
};

static int setup(struct ctx *c)
{
	c->sk = nl_socket_alloc();
	if (!c->sk || genl_connect(c->sk) < 0)
		return -1;
	return 0;
}

static int resolve(struct ctx *c, const char *name)
{
	return genl_ctrl_resolve(c->sk, name);
}
#endif

static uint64_t ns_of(const struct timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000u + (uint64_t)t->tv_nsec;
}

static uint64_t tv_ns(const struct timeval *t)
{
	return (uint64_t)t->tv_sec * 1000000000u + (uint64_t)t->tv_usec * 1000u;
}

int main(int argc, char **argv)
{
	static struct ctx c;
	long n = argc > 1 ? atol(argv[1]) : 10000;
	struct timespec t0, t1;
	struct rusage r0, r1;
	uint64_t sum = 0, wall, user, sys;
	int id;
	long i;

	if (n < 1 || setup(&c) < 0) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	id = resolve(&c, "nlctrl");
	if (id < 0) {
		fprintf(stderr, "resolve failed: %d\n", id);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	getrusage(RUSAGE_SELF, &r0);
	for (i = 0; i < n; i++) {
		id = resolve(&c, "nlctrl");
		if (id < 0) {
			fprintf(stderr, "resolve failed: %d\n", id);
			return 1;
		}
		sum += (uint64_t)id;
	}
	getrusage(RUSAGE_SELF, &r1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	wall = ns_of(&t1) - ns_of(&t0);
	user = tv_ns(&r1.ru_utime) - tv_ns(&r0.ru_utime);
	sys = tv_ns(&r1.ru_stime) - tv_ns(&r0.ru_stime);
	printf("impl=%s calls=%ld id=%d checksum=%llu ns_per_iter=%llu cpu_ns_per_iter=%llu "
	       "user_ns_per_iter=%llu sys_ns_per_iter=%llu\n",
	       IMPL, n, id, (unsigned long long)sum, (unsigned long long)(wall / (uint64_t)n),
	       (unsigned long long)((user + sys) / (uint64_t)n),
	       (unsigned long long)(user / (uint64_t)n), (unsigned long long)(sys / (uint64_t)n));
	return 0;
}
