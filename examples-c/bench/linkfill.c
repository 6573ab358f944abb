/* Link cache fill benchmark (scripts/bench-links.sh): the kernel's link dump of a namespace
 * holding N links, received and parsed three ways:
 *   -DUSE_RAW    socket/recvmsg into 32 KiB, every message's attributes walked
 *                (RTA_OK/RTA_NEXT), IFLA_IFNAME, IFLA_MTU and the statistics read: the floor;
 *   -DUSE_MNL    libmnl: mnl_socket_recvfrom + mnl_cb_run, mnl_attr_parse into a table;
 *   (default)    libnl-route-3's rtnl_link_alloc_cache: every link parsed into an object
 *                and hashed into a cache (run with Debian's libnl, or with libnlrs through
 *                LD_LIBRARY_PATH: the same binary).
 * Usage: linkfill FILLS [LOOKUPS]
 * Prints the links of one fill, a checksum (sum of index + MTU), the best CPU time of a fill
 * and, for the cache, the CPU time of LOOKUPS rounds of rtnl_link_get over every index. */
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef USE_MNL
#include <libmnl/libmnl.h>
#elif !defined(USE_RAW)
#include <netlink/cache.h>
#include <netlink/route/link.h>
#endif

static double cpu_ms(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
	       (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static unsigned long links, sum;

#if defined(USE_RAW) || defined(USE_MNL)
static void request(int fd, unsigned seq)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
		struct rtattr a;
		uint32_t mask;
	} req = { .h = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = RTM_GETLINK,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			 .nlmsg_seq = seq },
		  .i = { .ifi_family = AF_UNSPEC },
		  .a = { .rta_len = RTA_LENGTH(4), .rta_type = IFLA_EXT_MASK },
		  .mask = RTEXT_FILTER_VF };

	if (send(fd, &req, sizeof(req), 0) < 0)
		exit(2);
}
#endif

#ifdef USE_RAW
static void fill(int fd, unsigned seq)
{
	static char buf[32768];

	request(fd, seq);
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n < 0)
			exit(3);
		for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			struct ifinfomsg *ifi = NLMSG_DATA(h);
			int len = IFLA_PAYLOAD(h);
			struct rtattr *a;

			if (h->nlmsg_type == NLMSG_DONE)
				return;
			if (h->nlmsg_type != RTM_NEWLINK || h->nlmsg_seq != seq)
				exit(4);
			links++;
			sum += ifi->ifi_index;
			for (a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
				if (a->rta_type == IFLA_MTU && RTA_PAYLOAD(a) >= 4)
					sum += *(uint32_t *)RTA_DATA(a);
				else if (a->rta_type == IFLA_IFNAME && RTA_PAYLOAD(a) < 1)
					exit(5);
				else if (a->rta_type == IFLA_STATS64 &&
					 RTA_PAYLOAD(a) >= sizeof(struct rtnl_link_stats64))
					sum += 0 * ((struct rtnl_link_stats64 *)RTA_DATA(a))
							   ->rx_packets;
			}
		}
	}
}
#elif defined(USE_MNL)
static int attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;
	int t = mnl_attr_get_type(a);

	if (mnl_attr_type_valid(a, IFLA_MAX) < 0)
		return MNL_CB_OK;
	if ((t == IFLA_MTU || t == IFLA_TXQLEN || t == IFLA_LINK || t == IFLA_MASTER) &&
	    mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return MNL_CB_ERROR;
	if (t == IFLA_IFNAME && mnl_attr_validate(a, MNL_TYPE_STRING) < 0)
		return MNL_CB_ERROR;
	tb[t] = a;
	return MNL_CB_OK;
}

static int data_cb(const struct nlmsghdr *h, void *data)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	struct ifinfomsg *ifi = mnl_nlmsg_get_payload(h);

	(void)data;
	if (mnl_attr_parse(h, sizeof(*ifi), attr_cb, tb) < 0)
		return MNL_CB_ERROR;
	links++;
	sum += ifi->ifi_index;
	if (tb[IFLA_MTU])
		sum += mnl_attr_get_u32(tb[IFLA_MTU]);
	return MNL_CB_OK;
}

static struct mnl_socket *nl;

static void fill(int fd, unsigned seq)
{
	static char buf[32768];
	int r;

	request(fd, seq);
	do {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof(buf));

		if (n < 0)
			exit(3);
		r = mnl_cb_run(buf, n, seq, mnl_socket_get_portid(nl), data_cb, NULL);
	} while (r > 0);
	if (r < 0)
		exit(4);
}
#else
static struct nl_sock *sk;
static struct nl_cache *cache;

static void count(struct nl_object *o, void *arg)
{
	struct rtnl_link *l = (struct rtnl_link *)o;

	(void)arg;
	links++;
	sum += rtnl_link_get_ifindex(l) + rtnl_link_get_mtu(l);
}

static void fill(int fd, unsigned seq)
{
	(void)fd;
	(void)seq;
	if (cache)
		nl_cache_free(cache);
	if (rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache) < 0)
		exit(3);
}
#endif

int main(int argc, char **argv)
{
	int fills = argc > 1 ? atoi(argv[1]) : 1, lookups = argc > 2 ? atoi(argv[2]) : 0;
	double best = 1e18;
	int fd = -1;

#ifdef USE_MNL
	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return 1;
	fd = mnl_socket_get_fd(nl);
#elif defined(USE_RAW)
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return 1;
#else
	sk = nl_socket_alloc();
	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
#endif
	for (int i = 0; i < fills; i++) {
		double t0 = cpu_ms(), t;

		links = sum = 0;
		fill(fd, 100 + i);
		t = cpu_ms() - t0;
		if (t < best)
			best = t;
	}
#if !defined(USE_RAW) && !defined(USE_MNL)
	nl_cache_foreach(cache, count, NULL);
	if (lookups > 0) {
		unsigned long found = 0;
		double t0 = cpu_ms();

		for (int r = 0; r < lookups; r++)
			for (unsigned long i = 1; i <= links + 1; i++) {
				struct rtnl_link *l = rtnl_link_get(cache, i);

				if (l) {
					found++;
					rtnl_link_put(l);
				}
			}
		printf("lookups %lu found %lu cpu-ms %.2f\n", (unsigned long)lookups * (links + 1),
		       found, cpu_ms() - t0);
	}
#endif
	printf("links %lu sum %lu best-fill-cpu-ms %.2f\n", links, sum, best);
	return 0;
}
