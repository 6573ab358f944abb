/* netlink/route/addr.h: every accessor, the requests, the dumps of allocated and parsed
 * addresses (hand-built RTM_NEWADDR messages, malformed ones), comparison, and the address
 * cache against the kernel (addresses added and deleted on the namespace's links). */
#include "route-test.h"

#include <linux/if_addr.h>
#include <netlink/object.h>
#include <netlink/route/addr.h>

static void attrs(struct rtnl_addr *a, const char *what)
{
	char b[256], s[64];
	struct nl_addr *l, *p;

	nl_object_attr_list((struct nl_object *)a, b, sizeof b);
	printf("%s: [%s] family %d", what, b, rtnl_addr_get_family(a));
	printf(" prefixlen %d", rtnl_addr_get_prefixlen(a));
	l = rtnl_addr_get_local(a);
	printf(" local %s", l ? nl_addr2str(l, s, sizeof s) : "-");
	p = rtnl_addr_get_peer(a);
	printf(" peer %s", p ? nl_addr2str(p, s, sizeof s) : "-");
	printf(" id %x\n", nl_object_get_id_attrs((struct nl_object *)a));
}

static void dump(struct rtnl_addr *a)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++) {
		printf("-- dump %d\n", t);
		dp.dp_type = t;
		nl_object_dump((struct nl_object *)a, &dp);
	}
}

static void requests(struct rtnl_addr *a, const char *what, int flags)
{
	struct nl_msg *m = NULL;
	int err;

	printf("%s ", what);
	err = rtnl_addr_build_add_request(a, flags, &m);
	hex("add", err, m);
	printf("%s ", what);
	err = rtnl_addr_build_delete_request(a, flags, &m);
	hex("delete", err, m);
}

static void show(struct rtnl_addr *a, const char *what)
{
	struct nl_addr *x[5];
	const char *names[5] = { "local", "peer", "broadcast", "multicast", "anycast" };
	char *label;
	char s[64];

	attrs(a, what);
	printf("  ifindex %d", rtnl_addr_get_ifindex(a));
	printf(" scope %d", rtnl_addr_get_scope(a));
	printf(" flags %x", rtnl_addr_get_flags(a));
	label = rtnl_addr_get_label(a);
	printf(" label %s\n", label ? label : "(null)");
	printf("  valid %u", rtnl_addr_get_valid_lifetime(a));
	printf(" preferred %u", rtnl_addr_get_preferred_lifetime(a));
	printf(" created %u", rtnl_addr_get_create_time(a));
	printf(" updated %u\n", rtnl_addr_get_last_update_time(a));
	x[0] = rtnl_addr_get_local(a);
	x[1] = rtnl_addr_get_peer(a);
	x[2] = rtnl_addr_get_broadcast(a);
	x[3] = rtnl_addr_get_multicast(a);
	x[4] = rtnl_addr_get_anycast(a);
	for (int i = 0; i < 5; i++) {
		if (!x[i])
			continue;
		printf("  %s %s", names[i], nl_addr2str(x[i], s, sizeof s));
		printf(" (family %d)\n", nl_addr_get_family(x[i]));
	}
}

static void parsed(struct nl_object *o, void *arg)
{
	struct rtnl_addr *a = (struct rtnl_addr *)o;

	show(a, (const char *)arg);
	dump(a);
	requests(a, "parsed", 0);
}

typedef void (*filler)(struct nl_msg *m);

static void feed(const char *what, int family, int plen, int flags, int scope, int index, filler f)
{
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWADDR, 0);
	struct ifaddrmsg h = { family, plen, flags, scope, index };

	nlmsg_append(m, &h, sizeof h, 4);
	nlmsg_set_proto(m, NETLINK_ROUTE);
	if (f)
		f(m);
	printf("%s => %d\n", what, nl_msg_parse(m, parsed, (void *)what));
	nlmsg_free(m);
}

static void v4(struct nl_msg *m)
{
	uint32_t l = htonl(0x0a000001), p = htonl(0x0a000002), b = htonl(0x0a00ffff);
	struct ifa_cacheinfo ci = { 10, 20, 150, 12345 };

	nla_put(m, IFA_LOCAL, 4, &l);
	nla_put(m, IFA_ADDRESS, 4, &p);
	nla_put(m, IFA_BROADCAST, 4, &b);
	nla_put_string(m, IFA_LABEL, "veth0");
	nla_put(m, IFA_CACHEINFO, sizeof ci, &ci);
	nla_put_u32(m, IFA_FLAGS, 0x380);
}

static void v4same(struct nl_msg *m)
{
	uint32_t l = htonl(0x0a000001);

	nla_put(m, IFA_ADDRESS, 4, &l);
	nla_put(m, IFA_LOCAL, 4, &l);
}

static void v6(struct nl_msg *m)
{
	unsigned char a[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct ifa_cacheinfo ci = { 0xffffffff, 0xffffffff, 0, 0 };

	nla_put(m, IFA_ADDRESS, 16, a);
	a[15] = 2;
	nla_put(m, IFA_MULTICAST, 16, a);
	a[15] = 3;
	nla_put(m, IFA_ANYCAST, 16, a);
	nla_put(m, IFA_CACHEINFO, sizeof ci, &ci);
}

static void v6local(struct nl_msg *m)
{
	unsigned char a[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 };

	nla_put(m, IFA_LOCAL, 16, a);
	nla_put_string(m, IFA_LABEL, "");
}

static void shortci(struct nl_msg *m)
{
	char c[8] = { 0 };

	nla_put(m, IFA_CACHEINFO, 8, c);
}

static void longlabel(struct nl_msg *m)
{
	nla_put_string(m, IFA_LABEL, "0123456789abcdefghij");
}

static void shortaddr(struct nl_msg *m)
{
	char c[2] = { 1, 2 };

	nla_put(m, IFA_LOCAL, 2, c);
}

static void emptyaddr(struct nl_msg *m)
{
	nla_put(m, IFA_ADDRESS, 0, NULL);
}

static void shortflags(struct nl_msg *m)
{
	char c[2] = { 1, 2 };

	nla_put(m, IFA_FLAGS, 2, c);
}

static void truncated(struct nl_msg *m)
{
	nla_put_u32(m, IFA_FLAGS, 1);
	nlmsg_hdr(m)->nlmsg_len -= 2;
}

static void unknown(struct nl_msg *m)
{
	nla_put_u32(m, 30, 1);
	nla_put_u32(m, IFA_RT_PRIORITY, 5);
}

static void set_addr(struct rtnl_addr *a, const char *what, const char *text,
		     int (*setter)(struct rtnl_addr *, struct nl_addr *))
{
	struct nl_addr *x = NULL;
	int err;

	if (text)
		nl_addr_parse(text, AF_UNSPEC, &x);
	err = setter(a, x);
	printf("%s %s: %d\n", what, text ? text : "NULL", err);
	nl_addr_put(x);
	attrs(a, what);
}

static void allocated(void)
{
	struct rtnl_addr *a = rtnl_addr_alloc();
	char b[64];
	int err;

	show(a, "empty");
	requests(a, "empty", 0);
	dump(a);
	rtnl_addr_set_ifindex(a, 3);
	attrs(a, "ifindex");
	requests(a, "ifindex", 0);
	rtnl_addr_set_family(a, AF_INET);
	attrs(a, "family");
	requests(a, "family", 0);
	rtnl_addr_set_prefixlen(a, 24);
	attrs(a, "prefixlen");
	rtnl_addr_set_scope(a, 253);
	attrs(a, "scope");
	rtnl_addr_set_flags(a, 0x80);
	attrs(a, "flags");
	err = rtnl_addr_set_label(a, "veth0:1");
	printf("label: %d\n", err);
	err = rtnl_addr_set_label(a, "0123456789abcdef");
	printf("label 16: %d\n", err);
	err = rtnl_addr_set_label(a, "0123456789abcde");
	printf("label 15: %d %s\n", err, rtnl_addr_get_label(a));
	err = rtnl_addr_set_label(a, "veth0:1");
	set_addr(a, "local", "10.0.0.1/16", rtnl_addr_set_local);
	requests(a, "local", 0);
	dump(a);
	rtnl_addr_set_prefixlen(a, 20);
	attrs(a, "prefixlen 20");
	set_addr(a, "peer", "10.0.0.2", rtnl_addr_set_peer);
	set_addr(a, "local with peer", "10.0.0.3/12", rtnl_addr_set_local);
	set_addr(a, "local6", "fe80::1", rtnl_addr_set_local);
	set_addr(a, "peer6", "fe80::1", rtnl_addr_set_peer);
	set_addr(a, "broadcast", "10.0.255.255", rtnl_addr_set_broadcast);
	set_addr(a, "broadcast6", "fe80::1", rtnl_addr_set_broadcast);
	set_addr(a, "multicast", "224.0.0.1", rtnl_addr_set_multicast);
	set_addr(a, "anycast", "10.0.0.9", rtnl_addr_set_anycast);
	rtnl_addr_set_valid_lifetime(a, 100);
	attrs(a, "valid");
	rtnl_addr_set_preferred_lifetime(a, 50);
	attrs(a, "preferred");
	show(a, "full");
	requests(a, "full", NLM_F_REPLACE | NLM_F_EXCL);
	dump(a);
	rtnl_addr_set_flags(a, 0x300);
	rtnl_addr_unset_flags(a, 0x80);
	printf("flags %x\n", rtnl_addr_get_flags(a));
	rtnl_addr_set_scope(a, 0);
	requests(a, "flags 0x300", 0);
	set_addr(a, "local NULL", NULL, rtnl_addr_set_local);
	set_addr(a, "peer NULL", NULL, rtnl_addr_set_peer);
	set_addr(a, "broadcast NULL", NULL, rtnl_addr_set_broadcast);
	dump(a);
	rtnl_addr_put(a);

	a = rtnl_addr_alloc();
	set_addr(a, "multicast", "ff02::1", rtnl_addr_set_multicast);
	set_addr(a, "anycast", "ff02::2", rtnl_addr_set_anycast);
	set_addr(a, "multicast v4", "224.0.0.1", rtnl_addr_set_multicast);
	set_addr(a, "broadcast v4", "10.0.0.255", rtnl_addr_set_broadcast);
	rtnl_addr_set_ifindex(a, 4);
	requests(a, "multicast only", 0);
	set_addr(a, "local", "2001:db8::6/64", rtnl_addr_set_local);
	requests(a, "v6", 0);
	dump(a);
	rtnl_addr_set_prefixlen(a, 0);
	attrs(a, "prefixlen 0");
	requests(a, "prefixlen 0", 0);
	rtnl_addr_set_family(a, AF_INET);
	attrs(a, "family 4");
	rtnl_addr_put(a);

	printf("flags2str %s\n", rtnl_addr_flags2str(0x3ff, b, sizeof b));
	printf("flags2str %s\n", rtnl_addr_flags2str(0x81, b, 12));
	printf("str2flags %x\n", rtnl_addr_str2flags("permanent,nodad,bogus"));
}

static void compare(void)
{
	struct rtnl_addr *a = rtnl_addr_alloc(), *b = rtnl_addr_alloc();
	struct nl_addr *x;

#define D(w)                                                                                    \
	printf("%s: diff %x", w, nl_object_diff((struct nl_object *)a, (struct nl_object *)b)); \
	printf(" identical %d",                                                                 \
	       nl_object_identical((struct nl_object *)a, (struct nl_object *)b));              \
	printf(" match %d\n", nl_object_match_filter((struct nl_object *)a, (struct nl_object *)b))
	D("empty");
	rtnl_addr_set_prefixlen(a, 24);
	rtnl_addr_set_prefixlen(b, 25);
	D("prefixlen");
	rtnl_addr_set_family(a, AF_INET);
	rtnl_addr_set_family(b, AF_INET6);
	D("family");
	rtnl_addr_set_family(b, AF_INET);
	rtnl_addr_set_ifindex(a, 1);
	rtnl_addr_set_ifindex(b, 2);
	D("ifindex");
	rtnl_addr_set_ifindex(b, 1);
	nl_addr_parse("10.0.0.1", AF_UNSPEC, &x);
	rtnl_addr_set_peer(a, x);
	nl_addr_put(x);
	nl_addr_parse("10.0.0.2", AF_UNSPEC, &x);
	rtnl_addr_set_peer(b, x);
	nl_addr_put(x);
	D("peer");
	rtnl_addr_set_flags(a, 1);
	rtnl_addr_set_flags(b, 3);
	rtnl_addr_set_scope(a, 1);
	rtnl_addr_set_label(a, "x");
	rtnl_addr_set_valid_lifetime(b, 7);
	D("flags scope label lifetime");
	rtnl_addr_put(a);
	rtnl_addr_put(b);

	a = rtnl_addr_alloc();
	b = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(a, 2);
	rtnl_addr_set_ifindex(b, 2);
	nl_addr_parse("10.0.0.1/24", AF_UNSPEC, &x);
	rtnl_addr_set_local(a, x);
	nl_addr_put(x);
	nl_addr_parse("10.0.0.1/25", AF_UNSPEC, &x);
	rtnl_addr_set_local(b, x);
	nl_addr_put(x);
	D("local prefix");
	rtnl_addr_set_prefixlen(b, 24);
	D("same local");
	rtnl_addr_set_flags(b, 4);
	rtnl_addr_unset_flags(b, 1);
	D("flags filter");
	rtnl_addr_set_flags(a, 4);
	D("flags filter 2");
	rtnl_addr_put(a);
	rtnl_addr_put(b);
}

static void links(void)
{
	struct rtnl_addr *a = rtnl_addr_alloc();
	struct rtnl_link *l = rtnl_link_alloc(), *l2 = rtnl_link_alloc(), *g;
	struct nl_dump_params dp = { .dp_fd = stdout, .dp_type = NL_DUMP_LINE };
	char b[128];

	printf("no link: %p\n", (void *)rtnl_addr_get_link(a));
	rtnl_link_set_ifindex(l, 7);
	rtnl_link_set_name(l, "foo");
	rtnl_addr_set_link(a, l);
	printf("set_link: ifindex %d", rtnl_addr_get_ifindex(a));
	printf(" refcnt %d\n", nl_object_get_refcnt((struct nl_object *)l));
	nl_object_attr_list((struct nl_object *)a, b, sizeof b);
	printf("[%s]\n", b);
	g = rtnl_addr_get_link(a);
	printf("get_link: same %d", g == l);
	printf(" refcnt %d\n", nl_object_get_refcnt((struct nl_object *)l));
	rtnl_link_put(g);
	nl_object_dump((struct nl_object *)a, &dp);
	rtnl_addr_set_ifindex(a, 9);
	g = rtnl_addr_get_link(a);
	printf("after set_ifindex: same %d\n", g == l);
	rtnl_link_put(g);
	rtnl_addr_set_link(a, l2);
	printf("replaced: old refcnt %d", nl_object_get_refcnt((struct nl_object *)l));
	printf(" new refcnt %d", nl_object_get_refcnt((struct nl_object *)l2));
	printf(" ifindex %d\n", rtnl_addr_get_ifindex(a));
	rtnl_addr_put(a);
	printf("address gone: refcnt %d\n", nl_object_get_refcnt((struct nl_object *)l2));
	rtnl_link_put(l);
	rtnl_link_put(l2);

	/* A copy holds the link too. */
	a = rtnl_addr_alloc();
	l = rtnl_link_alloc();
	rtnl_addr_set_link(a, l);
	{
		struct rtnl_addr *c = (struct rtnl_addr *)nl_object_clone((struct nl_object *)a);

		printf("clone: refcnt %d", nl_object_get_refcnt((struct nl_object *)l));
		g = rtnl_addr_get_link(c);
		printf(" same %d\n", g == l);
		rtnl_link_put(g);
		rtnl_addr_put(c);
	}
	rtnl_addr_put(a);
	printf("copies gone: refcnt %d\n", nl_object_get_refcnt((struct nl_object *)l));
	rtnl_link_put(l);
}

static void parsed_link(struct nl_object *o, void *arg __attribute__((unused)))
{
	struct rtnl_link *l = rtnl_addr_get_link((struct rtnl_addr *)o);
	struct nl_dump_params dp = { .dp_fd = stdout, .dp_type = NL_DUMP_LINE };

	printf("parsed link %s\n", l ? rtnl_link_get_name(l) : "-");
	rtnl_link_put(l);
	nl_object_dump(o, &dp);
}

/* Parsed addresses take their link from the provided link cache; dumps name it. */
static void provided(void)
{
	struct nl_cache *lc;
	struct rtnl_link *l = rtnl_link_alloc();
	struct rtnl_addr *a;
	struct nl_dump_params dp = { .dp_fd = stdout, .dp_type = NL_DUMP_LINE };

	rtnl_link_alloc_cache(NULL, AF_UNSPEC, &lc);
	rtnl_link_set_ifindex(l, 3);
	rtnl_link_set_name(l, "cached");
	rtnl_link_set_family(l, AF_UNSPEC);
	nl_cache_add(lc, (struct nl_object *)l);
	rtnl_link_put(l);
	nl_cache_mngt_provide(lc);
	for (int idx = 3; idx <= 4; idx++) {
		struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWADDR, 0);
		struct ifaddrmsg h = { AF_INET, 24, 0, 0, idx };

		nlmsg_append(m, &h, sizeof h, 4);
		nlmsg_set_proto(m, NETLINK_ROUTE);
		printf("parse %d: %d\n", idx, nl_msg_parse(m, parsed_link, NULL));
		nlmsg_free(m);
	}
	a = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(a, 3);
	printf("allocated: %p\n", (void *)rtnl_addr_get_link(a));
	nl_object_dump((struct nl_object *)a, &dp);
	rtnl_addr_set_ifindex(a, 5);
	nl_object_dump((struct nl_object *)a, &dp);
	rtnl_addr_put(a);
	nl_cache_mngt_unprovide(lc);
	nl_cache_free(lc);
}

static void kernel(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cache *links, *addrs;
	struct rtnl_addr *a, *got;
	struct nl_addr *x;
	int v0, v1, err;

	nl_connect(sk, NETLINK_ROUTE);
	rtnl_link_alloc_cache(sk, AF_UNSPEC, &links);
	nl_cache_mngt_provide(links);
	v0 = rtnl_link_name2i(links, "veth0");
	v1 = rtnl_link_name2i(links, "veth1");

	a = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(a, v0);
	nl_addr_parse("10.1.0.1/24", AF_UNSPEC, &x);
	rtnl_addr_set_local(a, x);
	nl_addr_put(x);
	nl_addr_parse("10.1.0.255", AF_UNSPEC, &x);
	rtnl_addr_set_broadcast(a, x);
	nl_addr_put(x);
	rtnl_addr_set_label(a, "veth0:a");
	rtnl_addr_set_scope(a, 0);
	printf("add v4: %d\n", rtnl_addr_add(sk, a, 0));
	printf("add v4 again: %d\n", rtnl_addr_add(sk, a, NLM_F_EXCL));
	rtnl_addr_put(a);

	a = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(a, v1);
	nl_addr_parse("10.2.0.1/32", AF_UNSPEC, &x);
	rtnl_addr_set_local(a, x);
	nl_addr_put(x);
	nl_addr_parse("10.2.0.2/30", AF_UNSPEC, &x);
	rtnl_addr_set_peer(a, x);
	nl_addr_put(x);
	printf("add peer: %d\n", rtnl_addr_add(sk, a, 0));
	rtnl_addr_put(a);

	a = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(a, v1);
	nl_addr_parse("2001:db8::1/64", AF_UNSPEC, &x);
	rtnl_addr_set_local(a, x);
	nl_addr_put(x);
	rtnl_addr_set_flags(a, IFA_F_NODAD);
	rtnl_addr_set_valid_lifetime(a, 1000);
	rtnl_addr_set_preferred_lifetime(a, 500);
	printf("add v6: %d\n", rtnl_addr_add(sk, a, 0));
	rtnl_addr_put(a);

	a = rtnl_addr_alloc();
	printf("add empty: %d\n", rtnl_addr_add(sk, a, 0));
	printf("delete empty: %d\n", rtnl_addr_delete(sk, a, 0));
	rtnl_addr_put(a);

	err = rtnl_addr_alloc_cache(sk, &addrs);
	printf("cache: %d\n", err);
	{
		const char *want[][2] = { { "10.1.0.1/24", "0" },
					  { "10.2.0.1", "1" },
					  { "2001:db8::1/64", "1" },
					  { "2001:db8::1", "1" },
					  { "10.9.9.9", "0" } };

		for (int i = 0; i < 5; i++) {
			nl_addr_parse(want[i][0], AF_UNSPEC, &x);
			got = rtnl_addr_get(addrs, want[i][1][0] == '0' ? v0 : v1, x);
			nl_addr_put(x);
			printf("get %s: %s\n", want[i][0], got ? "found" : "none");
			if (!got)
				continue;
			{
				struct nl_dump_params dp = { .dp_fd = stdout,
							     .dp_type = NL_DUMP_LINE };
				char s[64];

				nl_object_dump((struct nl_object *)got, &dp);
				printf("  label %s",
				       rtnl_addr_get_label(got) ? rtnl_addr_get_label(got) : "-");
				printf(" brd %s",
				       rtnl_addr_get_broadcast(got)
					       ? nl_addr2str(rtnl_addr_get_broadcast(got), s,
							     sizeof s)
					       : "-");
				printf(" valid %u", rtnl_addr_get_valid_lifetime(got));
				printf(" preferred %u\n",
				       rtnl_addr_get_preferred_lifetime(got) > 400);
				{
					struct rtnl_link *l = rtnl_addr_get_link(got);

					printf("  link %s\n", l ? rtnl_link_get_name(l) : "-");
					rtnl_link_put(l);
				}
				printf("  delete: %d\n", rtnl_addr_delete(sk, got, 0));
				printf("  delete again: %d\n", rtnl_addr_delete(sk, got, 0));
			}
			rtnl_addr_put(got);
		}
	}
	printf("get foreign cache: %p\n", (void *)rtnl_addr_get(links, v0, NULL));
	nl_cache_refill(sk, addrs);
	nl_addr_parse("10.1.0.1/24", AF_UNSPEC, &x);
	got = rtnl_addr_get(addrs, v0, x);
	nl_addr_put(x);
	printf("after delete: %s\n", got ? "found" : "none");
	rtnl_addr_put(got);
	nl_cache_free(addrs);
	nl_cache_mngt_unprovide(links);
	nl_cache_free(links);
	nl_socket_free(sk);
}

static void mngr_change(struct nl_cache *c __attribute__((unused)), struct nl_object *o, int act,
			void *arg __attribute__((unused)))
{
	struct rtnl_addr *a = (struct rtnl_addr *)o;
	struct nl_addr *l = rtnl_addr_get_local(a);
	char b[64];

	/* The kernel's own link-local addresses come and go at its pace. */
	if (rtnl_addr_get_family(a) == AF_INET6 && l &&
	    ((unsigned char *)nl_addr_get_binary_addr(l))[0] == 0xfe)
		return;
	printf("event %d %s", act, l ? nl_addr2str(l, b, sizeof b) : "-");
	printf(" ifindex %d\n", rtnl_addr_get_ifindex(a));
}

/* The cache manager keeps an address cache current (its groups: IPv4 and IPv6 addresses). */
static void manager(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cache_mngr *mngr;
	struct nl_cache *c;
	struct rtnl_addr *a, *b;
	struct nl_addr *x;

	nl_connect(sk, NETLINK_ROUTE);
	printf("mngr: %d\n", nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, 0, &mngr));
	printf("mngr add: %d\n", nl_cache_mngr_add(mngr, "route/addr", mngr_change, NULL, &c));
	a = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(a, 1);
	nl_addr_parse("10.5.0.1/8", AF_UNSPEC, &x);
	rtnl_addr_set_local(a, x);
	nl_addr_put(x);
	b = rtnl_addr_alloc();
	rtnl_addr_set_ifindex(b, 1);
	nl_addr_parse("2001:db8::5/64", AF_UNSPEC, &x);
	rtnl_addr_set_local(b, x);
	nl_addr_put(x);
	rtnl_addr_set_flags(b, IFA_F_NODAD);
	printf("add: %d\n", rtnl_addr_add(sk, a, 0));
	printf("add6: %d\n", rtnl_addr_add(sk, b, 0));
	for (int i = 0; i < 3; i++)
		nl_cache_mngr_poll(mngr, 200);
	printf("delete: %d\n", rtnl_addr_delete(sk, a, 0));
	printf("delete6: %d\n", rtnl_addr_delete(sk, b, 0));
	for (int i = 0; i < 3; i++)
		nl_cache_mngr_poll(mngr, 200);
	rtnl_addr_put(a);
	rtnl_addr_put(b);
	nl_cache_mngr_free(mngr);
	nl_socket_free(sk);
}

int main(void)
{
	allocated();
	compare();
	links();
	provided();
	feed("v4", AF_INET, 24, 0x80, 0, 3, v4);
	feed("v4same", AF_INET, 8, 0, 254, 1, v4same);
	feed("v6", AF_INET6, 64, 0x40, 253, 2, v6);
	feed("v6 local", AF_INET6, 48, 0, 200, 2, v6local);
	feed("v6 none", AF_INET6, 64, 0, 0, 2, NULL);
	feed("none", AF_INET, 0, 0, 0, 0, NULL);
	feed("short cacheinfo", AF_INET, 0, 0, 0, 0, shortci);
	feed("long label", AF_INET, 0, 0, 0, 0, longlabel);
	feed("short address", AF_INET, 0, 0, 0, 0, shortaddr);
	feed("empty address", AF_INET, 0, 0, 0, 0, emptyaddr);
	feed("short flags", AF_INET, 0, 0, 0, 0, shortflags);
	feed("truncated", AF_INET, 0, 0, 0, 0, truncated);
	feed("unknown", AF_INET, 0, 0, 0, 0, unknown);
	{
		struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWADDR, 0);
		char c[4] = { 0 };

		nlmsg_append(m, c, 4, 4);
		nlmsg_set_proto(m, NETLINK_ROUTE);
		printf("short header => %d\n", nl_msg_parse(m, parsed, "short"));
		nlmsg_free(m);
	}
	kernel();
	manager();
	return 0;
}
