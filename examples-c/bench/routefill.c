/* Route cache fill benchmark (scripts/bench-routes.sh): the kernel's IPv4 route dump of a
 * namespace holding N routes, received and parsed three ways:
 *   -DUSE_RAW    socket/recvmsg into 32 KiB, every message's attributes walked
 *                (RTA_OK/RTA_NEXT), the table, destination, gateway, device and priority
 *                read into a checksum: the floor;
 *   -DUSE_MNL    libmnl: mnl_socket_recvfrom + mnl_cb_run, mnl_attr_parse into a table;
 *   (default)    libnl-route-3's rtnl_route_alloc_cache: every route parsed into an object
 *                and added to a cache (run with Debian's libnl, or with libnlrs through
 *                LD_LIBRARY_PATH: the same binary).
 * Usage: routefill FILLS
 * Prints the routes the kernel sent in the last fill, the routes the cache holds, the best
 * CPU time of a fill, and the heap bytes the cache holds (mallinfo2: in-use chunks plus
 * mmapped blocks, with the cache alive minus before the first fill). */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <malloc.h>
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
#include <netlink/route/route.h>
#endif

static double cpu_ms(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
	       (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static size_t heap(void)
{
	struct mallinfo2 m = mallinfo2();

	return m.uordblks + m.hblkhd;
}

static unsigned long routes, held, sum;

#if defined(USE_RAW) || defined(USE_MNL)
static void request(int fd, unsigned seq)
{
	struct {
		struct nlmsghdr h;
		struct rtmsg r;
	} req = { .h = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = RTM_GETROUTE,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			 .nlmsg_seq = seq },
		  .r = { .rtm_family = AF_INET } };

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
			struct rtmsg *r = NLMSG_DATA(h);
			int len = RTM_PAYLOAD(h);
			struct rtattr *a;

			if (h->nlmsg_type == NLMSG_DONE)
				return;
			if (h->nlmsg_type != RTM_NEWROUTE || h->nlmsg_seq != seq)
				exit(4);
			routes++;
			sum += r->rtm_table + r->rtm_dst_len;
			for (a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
				switch (a->rta_type) {
				case RTA_TABLE:
				case RTA_DST:
				case RTA_GATEWAY:
				case RTA_OIF:
				case RTA_PRIORITY:
					if (RTA_PAYLOAD(a) < 4)
						exit(5);
					sum += *(uint32_t *)RTA_DATA(a);
					break;
				}
			}
		}
	}
}
#elif defined(USE_MNL)
static int attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;
	int t = mnl_attr_get_type(a);

	if (mnl_attr_type_valid(a, RTA_MAX) < 0)
		return MNL_CB_OK;
	if ((t == RTA_TABLE || t == RTA_DST || t == RTA_GATEWAY || t == RTA_OIF ||
	     t == RTA_PRIORITY) &&
	    mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return MNL_CB_ERROR;
	tb[t] = a;
	return MNL_CB_OK;
}

static int data_cb(const struct nlmsghdr *h, void *data)
{
	const struct nlattr *tb[RTA_MAX + 1] = { 0 };
	struct rtmsg *r = mnl_nlmsg_get_payload(h);

	(void)data;
	if (mnl_attr_parse(h, sizeof(*r), attr_cb, tb) < 0)
		return MNL_CB_ERROR;
	routes++;
	sum += r->rtm_table + r->rtm_dst_len;
	for (int t = 0; t <= RTA_MAX; t++)
		if (tb[t] && (t == RTA_TABLE || t == RTA_DST || t == RTA_GATEWAY || t == RTA_OIF ||
			      t == RTA_PRIORITY))
			sum += mnl_attr_get_u32(tb[t]);
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

static void fill(int fd, unsigned seq)
{
	(void)fd;
	(void)seq;
	if (cache)
		nl_cache_free(cache);
	cache = NULL;
	if (rtnl_route_alloc_cache(sk, AF_INET, 0, &cache) < 0)
		exit(3);
	held = nl_cache_nitems(cache);
	/* What the kernel sent: the cache's own count of parsed messages is not part of the
	 * API, so count the routes of a raw dump the same way the other variants do. */
}

/* The number of IPv4 routes the kernel reports, counted with a plain dump. */
static unsigned long kernel_routes(void)
{
	static char buf[32768];
	struct {
		struct nlmsghdr h;
		struct rtmsg r;
	} req = { .h = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = RTM_GETROUTE,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
			 .nlmsg_seq = 1 },
		  .r = { .rtm_family = AF_INET } };
	unsigned long n = 0;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || send(fd, &req, sizeof(req), 0) < 0)
		exit(2);
	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (len < 0)
			exit(3);
		for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				close(fd);
				return n;
			}
			n++;
		}
	}
}
#endif

int main(int argc, char **argv)
{
	int fills = argc > 1 ? atoi(argv[1]) : 1;
	double best = 1e18;
	size_t before;
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
	/* A dump of a million routes outruns the default receive buffer. */
	nl_socket_set_buffer_size(sk, 8 << 20, 0);
#endif
	before = heap();
	for (int i = 0; i < fills; i++) {
		double t0 = cpu_ms(), t;

		routes = sum = 0;
		fill(fd, 100 + i);
		t = cpu_ms() - t0;
		if (t < best)
			best = t;
	}
#if !defined(USE_RAW) && !defined(USE_MNL)
	routes = kernel_routes();
#else
	held = routes;
#endif
	printf("routes %lu held %lu best-fill-cpu-ms %.2f heap-bytes %zu\n", routes, held, best,
	       heap() - before);
	return 0;
}
