/* nl_addr_*: NULL arguments, bogus lengths and cases where libnl misbehaves. */
#include <netlink/netlink.h>
#include <netlink/addr.h>
#include <netlink/errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

static const char *str(struct nl_addr *a)
{
	static char buf[256];

	return nl_addr2str(a, buf, sizeof(buf));
}

int main(void)
{
	unsigned char b[20] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	unsigned char attrbuf[8] = { 2, 0, 1, 0 }; /* nla_len 2 < header */
	struct nl_addr *a, *o = NULL;
	struct sockaddr_storage st;
	struct addrinfo *ai = NULL;
	socklen_t sl = sizeof(st);
	char buf[32];

	a = nl_addr_build(AF_INET, b, 4);

	/* libnl-compat: libnl crashes on all of these NULL arguments, we return errors */
	CHECK(nl_addr_parse(NULL, AF_UNSPEC, &o) == -NLE_INVAL && o == NULL);
	CHECK(nl_addr_parse("1.2.3.4", AF_UNSPEC, NULL) == -NLE_INVAL);
	CHECK(nl_addr_clone(NULL) == NULL);
	CHECK(nl_addr_get(NULL) == NULL);
	CHECK(nl_addr_shared(NULL) == 0);
	CHECK(nl_addr_cmp_prefix(NULL, a) < 0 && nl_addr_cmp_prefix(a, NULL) > 0);
	CHECK(nl_addr_cmp_prefix(NULL, NULL) == 0);
	CHECK(nl_addr_iszero(NULL) == 0);
	CHECK(nl_addr_valid(NULL, AF_INET) == 0);
	CHECK(nl_addr_valid(NULL, AF_LLC) == 0);
	CHECK(nl_addr_valid(NULL, AF_UNSPEC) == 1);
	CHECK(nl_addr_guess_family(NULL) == AF_UNSPEC);
	CHECK(nl_addr_fill_sockaddr(NULL, (struct sockaddr *)&st, &sl) == -NLE_INVAL);
	CHECK(nl_addr_fill_sockaddr(a, NULL, &sl) == -NLE_INVAL);
	CHECK(nl_addr_fill_sockaddr(a, (struct sockaddr *)&st, NULL) == -NLE_INVAL);
	CHECK(nl_addr_info(NULL, &ai) == -NLE_INVAL && ai == NULL);
	CHECK(nl_addr_info(a, NULL) == -NLE_INVAL);
	CHECK(nl_addr_resolve(NULL, buf, sizeof(buf)) == -NLE_INVAL);
	nl_addr_set_family(NULL, AF_INET);
	nl_addr_set_prefixlen(NULL, 3);
	CHECK(nl_addr_get_family(NULL) == 0);
	CHECK(nl_addr_get_len(NULL) == 0);
	CHECK(nl_addr_get_prefixlen(NULL) == 0);
	CHECK(nl_addr_set_binary_addr(NULL, b, 4) == -NLE_INVAL);
	CHECK(nl_addr_set_binary_addr(a, NULL, 4) == -NLE_INVAL);
	CHECK(nl_addr_get_len(a) == 4);
	/* libnl-compat: libnl returns a bogus non-NULL pointer for NULL */
	CHECK(nl_addr_get_binary_addr(NULL) == NULL);
	CHECK(nl_af2str(AF_INET, NULL, 10) == NULL);
	CHECK(nl_str2af(NULL) == -22);
	CHECK(nl_addr2str(a, NULL, 10) == NULL);
	nl_addr_put(NULL);

	/* libnl-compat: libnl crashes on a NULL buffer, we build zero bytes */
	o = nl_addr_build(AF_INET, NULL, 4);
	CHECK(o && nl_addr_get_len(o) == 4 && nl_addr_iszero(o));
	CHECK(o && strcmp(str(o), "0.0.0.0") == 0);
	nl_addr_put(o);
	/* libnl-compat: libnl crashes on NULL attributes and corrupts its heap on
	 * attributes shorter than their header */
	CHECK(nl_addr_alloc_attr(NULL, AF_INET) == NULL);
	CHECK(nl_addr_alloc_attr((struct nlattr *)attrbuf, AF_INET) == NULL);
	attrbuf[0] = 4;
	o = nl_addr_alloc_attr((struct nlattr *)attrbuf, AF_INET);
	CHECK(o && nl_addr_get_len(o) == 0 && strcmp(str(o), "none") == 0);
	nl_addr_put(o);

	/* libnl-compat: libnl wraps the size and hands out a tiny block */
	CHECK(nl_addr_alloc(SIZE_MAX) == NULL);
	CHECK(nl_addr_alloc(SIZE_MAX - 10) == NULL);
	/* no allocator gives that much: 1 TiB, or 3 GiB where size_t has 32 bits */
	CHECK(nl_addr_alloc(sizeof(size_t) > 4 ? SIZE_MAX >> 24 : SIZE_MAX / 4 * 3) == NULL);
	CHECK(nl_addr_build(AF_INET, b, SIZE_MAX) == NULL);

	/* libnl-compat: short INET/INET6 addresses are zero padded (libnl reads past them) */
	o = nl_addr_build(AF_INET, b, 3);
	CHECK(strcmp(str(o), "1.2.3.0") == 0);
	nl_addr_put(o);
	o = nl_addr_build(AF_INET6, b, 4);
	CHECK(strcmp(str(o), "102:304::") == 0);
	nl_addr_put(o);
	/* libnl-compat: DECnet addresses that are not 2 bytes print as hex (libnl prints
	 * stack garbage) */
	o = nl_addr_build(AF_DECnet, b, 3);
	CHECK(strcmp(str(o), "01:02:03") == 0);
	nl_addr_put(o);
	/* libnl-compat: an MPLS stack without bottom-of-stack ends at the address end
	 * (libnl reads on until it crashes) */
	o = nl_addr_build(AF_MPLS, "\0\0\x10\0\0\0\x20\0\0\0", 10);
	CHECK(strcmp(str(o), "1/2/0") == 0);
	nl_addr_put(o);

	/* libnl-compat: small buffers are truncated and terminated (libnl writes past
	 * them or leaves them unterminated) */
	memset(buf, 'Z', sizeof(buf));
	CHECK(nl_addr2str(a, buf, 5) == buf && strcmp(buf, "1.2.") == 0);
	memset(buf, 'Z', sizeof(buf));
	nl_addr2str(a, buf, 0);
	CHECK(buf[0] == 'Z');
	memset(buf, 'Z', sizeof(buf));
	nl_addr2str(NULL, buf, 3);
	CHECK(strcmp(buf, "no") == 0);
	o = NULL;
	CHECK(nl_addr_parse("1/2/3", AF_MPLS, &o) == 0);
	memset(buf, 'Z', sizeof(buf));
	nl_addr2str(o, buf, 3);
	CHECK(strcmp(buf, "1/") == 0);
	nl_addr_put(o);

	/* libnl-compat: prefixes longer than the address compare missing bytes as zero,
	 * prefixes below -7 behave like their low three bits (libnl crashes) */
	o = nl_addr_build(AF_INET, b, 4);
	nl_addr_set_prefixlen(a, 64);
	nl_addr_set_prefixlen(o, 64);
	CHECK(nl_addr_cmp_prefix(a, o) == 0);
	nl_addr_set_prefixlen(a, -9);
	CHECK(nl_addr_cmp_prefix(a, o) == 0);
	nl_addr_put(o);

	/* set_binary_addr beyond the allocation */
	CHECK(nl_addr_set_binary_addr(a, b, 5) == -NLE_RANGE);
	CHECK(nl_addr_get_len(a) == 4);
	/* a bogus a_len written by C is clamped to the allocation */
	((unsigned int *)a)[2] = 1000;
	CHECK(strcmp(str(a), "1.2.3.4/4294967287") == 0);
	((unsigned int *)a)[2] = 4;

	/* refcounting */
	CHECK(nl_addr_get(a) == a && nl_addr_shared(a) == 1);
	nl_addr_put(a);
	CHECK(nl_addr_shared(a) == 0);
	nl_addr_put(a);

	printf("%s\n", tap_failed ? "FAILED" : "PASSED");
	return tap_failed ? 1 : 0;
}
