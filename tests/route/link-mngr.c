/* The cache manager with a "route/link" cache, in a namespace (tests/route.rs): links added,
 * changed, enslaved and deleted through one socket reach the manager's cache, which holds
 * exactly one object per kernel link and family after every step, and the same links as a
 * fresh dump at the end.
 *
 * Not libnl: libnl 3.7.0's link cache type also listens to RTNLGRP_IPV6_IFINFO and adds the
 * kernel's AF_INET6 notification of a link that goes up as a second object for that link
 * (br7 family 10 below), which stays in its cache after the link is deleted: its final cache
 * holds one link more than the kernel; bridge port notifications (AF_BRIDGE) are added as
 * second objects too. libnlrs subscribes to the same groups but merges the IPv6
 * notifications into the link's IPv6 data and leaves other families' notifications to caches
 * of that family, so its cache follows the kernel. The output is compared with
 * link-mngr.expected, not with libnl's. */
#include <linux/if.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <stdio.h>
#include <string.h>

static int events[3];

static void changed(struct nl_cache *c, struct nl_object *o, int action, void *arg)
{
	(void)c;
	(void)o;
	(void)arg;
	events[action == NL_ACT_NEW ? 0 : action == NL_ACT_DEL ? 1 : 2]++;
}

/* Delivers every event that arrives within 300 ms of the last one. */
static void drain(struct nl_cache_mngr *m)
{
	while (nl_cache_mngr_poll(m, 300) > 0)
		;
}

/* The links of a cache by index and family (independent of the order they arrived in). */
static void list(const char *what, struct nl_cache *c)
{
	struct nl_object *o;
	int idx, fam;

	printf("  %s (%d):", what, nl_cache_nitems(c));
	for (idx = 1; idx < 64; idx++)
		for (fam = 0; fam < 64; fam++)
			for (o = nl_cache_get_first(c); o; o = nl_cache_get_next(o)) {
				struct rtnl_link *l = (struct rtnl_link *)o;

				if (rtnl_link_get_ifindex(l) != idx ||
				    rtnl_link_get_family(l) != fam)
					continue;
				printf(" %s/%d/mtu%u/master%d", rtnl_link_get_name(l), fam,
				       rtnl_link_get_mtu(l), rtnl_link_get_master(l));
			}
	printf("\n");
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cache_mngr *mngr;
	struct nl_cache *cache;
	struct rtnl_link *l, *c, *k;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	err = nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, NL_AUTO_PROVIDE, &mngr);
	printf("mngr_alloc %d\n", err);
	err = nl_cache_mngr_add(mngr, "route/link", changed, NULL, &cache);
	printf("mngr_add %d\n", err);
	list("cache", cache);

	l = rtnl_link_alloc();
	rtnl_link_set_name(l, "br7");
	rtnl_link_set_type(l, "bridge");
	printf("add br7 %d\n", rtnl_link_add(sk, l, NLM_F_CREATE));
	drain(mngr);
	list("cache", cache);

	k = rtnl_link_get_by_name(cache, "br7");
	c = rtnl_link_alloc();
	rtnl_link_set_mtu(c, 1280);
	rtnl_link_set_flags(c, IFF_UP);
	printf("change br7 %d\n", k ? rtnl_link_change(sk, k, c, 0) : -1);
	drain(mngr);
	list("cache", cache);

	/* a port: the kernel also reports it to the bridge family (AF_BRIDGE) */
	printf("enslave ifb0 %d\n", k ? rtnl_link_enslave_ifindex(sk, rtnl_link_get_ifindex(k),
								  rtnl_link_name2i(cache, "ifb0"))
				      : -1);
	drain(mngr);
	list("cache", cache);
	printf("delete br7 %d\n", rtnl_link_delete(sk, l));
	drain(mngr);
	list("cache", cache);

	printf("events: %s %s %s\n", events[0] ? "new" : "-", events[1] ? "del" : "-",
	       events[2] ? "change" : "-");
	err = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	printf("fresh dump %d\n", err);
	list("kernel", cache);
	nl_cache_free(cache);

	rtnl_link_put(c);
	rtnl_link_put(k);
	rtnl_link_put(l);
	nl_cache_mngr_free(mngr);
	nl_socket_free(sk);
	return 0;
}
