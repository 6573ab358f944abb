/* Cache manager over real RTNLGRP_LINK notifications, with the cache type of
 * cache-linktype.h (registered here for nl_cache_mngr_add). Pointers in
 * nl_cache_mngr_info's output are masked. */
/* netns-setup: ip link add a0 type veth peer name b0 */
#include "cache-linktype.h"

static void drain(struct nl_cache_mngr *m)
{
	int r, total = 0;
	while ((r = nl_cache_mngr_poll(m, 200)) > 0)
		total += r;
	printf("drained (%s)\n", r == 0 ? "timeout" : nl_geterror(r));
	(void)total;
}

static void mask_print(const char *buf)
{
	const char *p, *q;
	for (p = buf; *p; p++) {
		if (p[0] == '<' && p[1] == '0' && p[2] == 'x') {
			for (q = p + 3; (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f'); q++)
				;
			fputs("<PTR", stdout);
			p = q - 1;
		} else {
			putchar(*p);
		}
	}
}

static void masked_info(struct nl_cache_mngr *m)
{
	char buf[4096], *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	struct nl_dump_params dp = { .dp_type = NL_DUMP_LINE, .dp_fd = f };
	struct nl_dump_params db = { .dp_type = NL_DUMP_LINE,
				     .dp_buf = buf,
				     .dp_buflen = sizeof(buf) };

	nl_cache_mngr_info(m, &dp);
	fclose(f);
	mask_print(mem);
	free(mem);
	/* into a buffer: the cache dump clears what the manager lines wrote before it */
	memset(buf, 0, sizeof(buf));
	nl_cache_mngr_info(m, &db);
	printf("-- via dp_buf --\n");
	mask_print(buf);
}

int main(void)
{
	struct nl_cache_mngr *m = NULL, *m2 = NULL;
	struct nl_cache *c = NULL, *c2, *other;
	struct nl_sock *sk;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	err = nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, NL_AUTO_PROVIDE, &m);
	printf("alloc = %d\n", err);
	printf("fd >= 0: %d\n", nl_cache_mngr_get_fd(m) >= 0);
	printf("poll(0) = %d\n", nl_cache_mngr_poll(m, 0));
	printf("data_ready = %d\n", nl_cache_mngr_data_ready(m));
	masked_info(m);

	err = nl_cache_mngr_add(m, "test/link", lt_change, "m1", &c);
	printf("add(unregistered) = %d (%s)\n", err, nl_geterror(err));
	printf("register = %d\n", nl_cache_mngt_register(&lt_ops));
	err = nl_cache_mngr_add(m, "test/link", lt_change, "m1", &c);
	printf("add = %d\n", err);
	lt_print("managed", c);
	printf("provided: %d\n", nl_cache_mngt_require_safe("test/link") == c);
	nl_cache_put(c);

	c2 = nl_cache_alloc(&lt_ops);
	err = nl_cache_mngr_add_cache(m, c2, lt_change, NULL);
	printf("add_cache(same type) = %d (%s)\n", err, nl_geterror(err));
	nl_cache_free(c2);

	lt_sh("ip link add a1 type veth peer name b1");
	drain(m);
	lt_print("after add", c);
	lt_sh("ip link set a1 mtu 1400");
	drain(m);
	lt_sh("ip link del a1");
	drain(m);
	lt_print("after del", c);
	masked_info(m);

	/* v2 callbacks, caller-owned socket, manager without auto-provide */
	sk = nl_socket_alloc();
	err = nl_cache_mngr_alloc(sk, NETLINK_ROUTE, 0, &m2);
	printf("alloc(own sock) = %d\n", err);
	other = nl_cache_alloc(&lt_ops);
	err = nl_cache_mngr_add_cache_v2(m2, other, lt_change_v2, "v2");
	printf("add_cache_v2 = %d\n", err);
	lt_sh("ip link add a2 type veth peer name b2 && ip link set b2 mtu 1280");
	drain(m2);
	lt_sh("ip link del a2");
	drain(m2);
	lt_print("v2 cache", other);
	drain(m);
	lt_print("first cache", c);
	masked_info(m2);
	nl_cache_mngr_free(m2);
	printf("own socket closed: %d\n", nl_socket_get_fd(sk) == -1);
	nl_socket_free(sk);

	nl_cache_mngr_free(m);
	nl_cache_mngr_free(NULL);
	printf("require after free: %d\n", nl_cache_mngt_require_safe("test/link") == NULL);
	err = nl_cache_mngr_alloc(NULL, 4242, 0, &m);
	printf("alloc(bad protocol) = %d (%s)\n", err, nl_geterror(err));
	printf("unregister = %d\n", nl_cache_mngt_unregister(&lt_ops));
	return 0;
}
