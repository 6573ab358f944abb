/* Scale benchmark (not a test): fill a cache of a C-defined link type with N objects from a
 * fabricated RTM_NEWLINK dump fed through nl_cache_parse_and_add; prints wall time and heap
 * bytes per object (mallinfo2). Build against libnl or libnlrs; see scripts/bench-cache.sh. */
#include <malloc.h>
#include <time.h>
#include "../../tests/compat-netns/cache-linktype.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	struct nl_cache *c = nl_cache_alloc(&lt_ops);
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_MULTI);
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct timespec t0, t1;
	size_t heap0, heap1;
	struct nlattr *name_attr;
	char name[IFNAMSIZ];

	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(msg, IFLA_IFNAME, "x000000000");
	nla_put_u32(msg, IFLA_MTU, 1500);
	name_attr = nlmsg_find_attr(nlmsg_hdr(msg), sizeof(ifi), IFLA_IFNAME);
	heap0 = mallinfo2().uordblks;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 1; i <= n; i++) {
		((struct ifinfomsg *)nlmsg_data(nlmsg_hdr(msg)))->ifi_index = (int)i;
		snprintf(name, sizeof(name), "x%09ld", i);
		memcpy(nla_data(name_attr), name, 11);
		if (nl_cache_parse_and_add(c, msg) < 0)
			return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	heap1 = mallinfo2().uordblks;
	printf("%ld objects: %.3f s, %.0f ns/object, %.1f heap bytes/object, nitems %d\n", n,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n,
	       (double)(heap1 - heap0) / n, nl_cache_nitems(c));
	nl_cache_free(c);
	nlmsg_free(msg);
	return 0;
}
