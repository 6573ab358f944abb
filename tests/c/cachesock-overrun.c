/* Beyond libnl: the cache manager resynchronises after an event-socket overrun (ENOBUFS).
 * Runs in a private network namespace (needs root: unshare(CLONE_NEWNET)); a tiny receive
 * buffer and a burst of link changes make the kernel drop notifications; afterwards the
 * managed cache must equal a fresh dump. libnl returns -NLE_NOMEM here and keeps a cache
 * that misses the dropped changes. */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>
#include "../compat-netns/cache-linktype.h"

static int failures, news, dels, changes;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failures++;
}

static void count(struct nl_cache *c, struct nl_object *o, int act, void *arg)
{
	(void)c;
	(void)o;
	(void)arg;
	if (act == NL_ACT_NEW)
		news++;
	else if (act == NL_ACT_DEL)
		dels++;
	else if (act == NL_ACT_CHANGE)
		changes++;
}

static int same(struct nl_cache *a, struct nl_cache *b)
{
	struct nl_object *o;
	if (nl_cache_nitems(a) != nl_cache_nitems(b))
		return 0;
	for (o = nl_cache_get_first(a); o; o = nl_cache_get_next(o)) {
		struct nl_object *f = nl_cache_search(b, o);
		int eq = f && nl_object_diff64(o, f) == 0;
		nl_object_put(f);
		if (!eq)
			return 0;
	}
	return 1;
}

int main(void)
{
	struct nl_cache_mngr *m;
	struct nl_sock *ev, *sk;
	struct nl_cache *c, *fresh;
	int r, total = 0, rounds = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (geteuid() != 0 || unshare(CLONE_NEWNET) != 0) {
		if (getenv("CI")) {
			printf("not ok - needs root and network namespaces in CI\n");
			return 1;
		}
		printf("ok - skipped: needs root and network namespaces\n");
		return 0;
	}
	if (system("ip link set lo up") != 0)
		return 1;
	ev = nl_socket_alloc();
	check(nl_cache_mngr_alloc(ev, NETLINK_ROUTE, 0, &m) == 0, "manager allocated");
	check(nl_socket_set_buffer_size(ev, 1, 0) == 0, "tiny receive buffer");
	c = nl_cache_alloc(&lt_ops);
	check(nl_cache_mngr_add_cache(m, c, count, NULL) == 0, "cache added");
	check(nl_cache_nitems(c) == 1, "only lo at start");

	if (system("for i in $(seq 1 40); do ip link add x$i type veth peer name y$i; done; "
		   "ip link del x3; ip link set x5 mtu 1400; ip link set y7 name z7") != 0)
		return 1;
	while ((r = nl_cache_mngr_poll(m, 100)) > 0 && rounds++ < 1000)
		total += r;
	check(r == 0, "manager drained without error");
	printf("# messages read %d, callbacks NEW %d DEL %d CHANGE %d\n", total, news, dels,
	       changes);
	check(total < 200, "notifications were dropped (overrun provoked)");

	sk = nl_socket_alloc();
	nl_connect(sk, NETLINK_ROUTE);
	check(nl_cache_alloc_and_fill(&lt_ops, sk, &fresh) == 0, "fresh dump");
	check(nl_cache_nitems(fresh) == 79, "kernel has lo + 78 veths");
	check(same(c, fresh) && same(fresh, c), "managed cache equals the kernel's table");
	check(news >= 78, "NEW reported for every added link");

	nl_cache_free(fresh);
	nl_socket_free(sk);
	nl_cache_mngr_free(m);
	nl_socket_free(ev);
	return failures ? 1 : 0;
}
