/* Cache refill / resync / pickup / alloc_and_fill over a real RTM_GETLINK dump, with a cache
 * type defined here (cache-linktype.h), and `ip link` changes between the steps. */
/* netns-setup: ip link add a0 type veth peer name b0 */
#include "cache-linktype.h"

static struct nl_cache_ops noreq_ops;

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc(), *gsk = nl_socket_alloc(), *unc = nl_socket_alloc();
	struct nl_cache *c = NULL, *c2;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (nl_connect(sk, NETLINK_ROUTE) < 0 || nl_connect(gsk, NETLINK_GENERIC) < 0)
		return 2;

	err = nl_cache_alloc_and_fill(&lt_ops, NULL, &c);
	printf("alloc_and_fill(no sock) = %d, nitems %d\n", err, nl_cache_nitems(c));

	err = nl_cache_refill(gsk, c);
	printf("refill(genl sock) = %d (%s)\n", err, nl_geterror(err));
	err = nl_cache_resync(gsk, c, NULL, NULL);
	printf("resync(genl sock) = %d (%s)\n", err, nl_geterror(err));
	err = nl_cache_refill(unc, c);
	printf("refill(unconnected) = %d (%s)\n", err, nl_geterror(err));

	memcpy(&noreq_ops, &lt_ops, sizeof(noreq_ops));
	noreq_ops.co_request_update = NULL;
	c2 = nl_cache_alloc(&noreq_ops);
	err = nl_cache_refill(sk, c2);
	printf("refill(no request_update) = %d (%s)\n", err, nl_geterror(err));
	err = nl_cache_alloc_and_fill(&noreq_ops, sk, &c2);
	printf("alloc_and_fill(no request_update) = %d\n", err);
	nl_cache_free(c2);

	err = nl_cache_refill(sk, c);
	printf("refill = %d\n", err);
	lt_print("after refill", c);
	err = nl_cache_refill(sk, c);
	printf("refill again = %d\n", err);
	lt_print("after 2nd refill", c);
	nl_cache_free(c);

	err = nl_cache_alloc_and_fill(&lt_ops, sk, &c);
	printf("alloc_and_fill = %d\n", err);
	lt_print("filled", c);

	printf("resync unchanged:\n");
	err = nl_cache_resync(sk, c, lt_change, "r1");
	printf("resync = %d\n", err);

	lt_sh("ip link add a1 type veth peer name b1");
	printf("resync after add:\n");
	err = nl_cache_resync(sk, c, lt_change, "r2");
	printf("resync = %d\n", err);
	lt_print("cache", c);

	lt_sh("ip link set a1 mtu 1400 && ip link set b0 name c0");
	printf("resync after mtu/rename:\n");
	err = nl_cache_resync(sk, c, lt_change, "r3");
	printf("resync = %d\n", err);
	lt_print("cache", c);

	lt_sh("ip link del a1");
	printf("resync after del (no cb):\n");
	err = nl_cache_resync(sk, c, NULL, NULL);
	printf("resync = %d\n", err);
	lt_print("cache", c);

	/* pickup: answer of a request sent by hand */
	err = lt_request(c, sk);
	printf("request >= 0: %d\n", err >= 0);
	err = nl_cache_pickup(sk, c);
	printf("pickup into filled hashed cache = %d (%s)\n", err, nl_geterror(err));
	lt_print("cache", c);
	nl_cache_clear(c);
	lt_request(c, sk);
	err = nl_cache_pickup(sk, c);
	printf("pickup into empty cache = %d\n", err);
	lt_print("cache", c);
	lt_sh("ip link set a0 mtu 1300");
	lt_request(c, sk);
	err = nl_cache_pickup_checkdup(sk, c);
	printf("pickup_checkdup = %d\n", err);
	lt_print("cache", c);
	{
		struct nl_dump_params dp = { .dp_type = NL_DUMP_LINE, .dp_fd = stdout };
		nl_cache_dump(c, &dp);
	}

	nl_cache_free(c);
	nl_socket_free(sk);
	nl_socket_free(gsk);
	nl_socket_free(unc);
	return 0;
}
