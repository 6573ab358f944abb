/* nl_addr_* object functions: allocation, refcounts, comparison, sockaddr, lookups, names. */
#include <netlink/netlink.h>
#include <netlink/addr.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <string.h>

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void pa(const char *tag, struct nl_addr *a)
{
	char buf[512];

	printf("%s: fam=%d len=%u pfx=%u str=%s\n", tag, nl_addr_get_family(a), nl_addr_get_len(a),
	       nl_addr_get_prefixlen(a), nl_addr2str(a, buf, sizeof(buf)));
}

static struct nl_addr *P(const char *s, int f)
{
	struct nl_addr *a = NULL;

	if (nl_addr_parse(s, f, &a) < 0)
		printf("parse failed: %s\n", s);
	return a;
}

static void families(void)
{
	const char *names[] = { "inet",	      "INET",	    "inet6",	  "unspec",
				"llc",	      "decnet",	    "mpls",	  "bridge",
				"packet",     "0x2",	    "2",	  "10",
				"99",	      "",	    "foo",	  "local",
				"unix",	      "ipx",	    "can",	  "0",
				"-1",	      "0x",	    "12abc",	  "2 ",
				"ieee802154", "alg",	    "vsock",	  "xdp",
				"inet4",      "netlink",    "-2",	  "4294967295",
				"4294967296", "+2",	    " 2",	  "-0",
				"2147483648", "0x7fffffff", "0x80000000", "Inet6",
				"0X1b",	      "010",	    "08",	  "18446744073709551616" };
	/* read as strtoul numbers: beyond LONG_MAX is not the same as beyond ULONG_MAX */
	const char *big[] = { "9223372036854775808", "12345678901234567890",
			      "-9223372036854775809" };
	char buf[64];
	unsigned int i;
	int fam, s;

	for (fam = -1; fam <= 50; fam++) {
		nl_af2str(fam, buf, sizeof(buf));
		printf("af2str %d=%s str2af=%d\n", fam, buf, nl_str2af(buf));
	}
	nl_af2str(255, buf, 20);
	nl_af2str(1000, buf + 20, 20);
	printf("af2str 255=%s 1000=%s\n", buf, buf + 20);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		printf("str2af [%s]=%d\n", names[i], nl_str2af(names[i]));
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		printf("str2af [%s]=%d\n", big[i], nl_str2af(big[i]));
	for (s = 1; s <= 8; s++) {
		memset(buf, 'Z', 30);
		buf[29] = 0;
		nl_af2str(AF_INET6, buf, s);
		printf("af2str size %d: %s|", s, buf);
		memset(buf, 'Z', 30);
		buf[29] = 0;
		nl_af2str(77, buf, s);
		printf("%s\n", buf);
	}
	memset(buf, 'Z', 30);
	buf[29] = 0;
	printf("af2str size 0 untouched=%d\n", nl_af2str(2, buf, 0) == buf && buf[0] == 'Z');
}

static void formatting(void)
{
	unsigned char b[32], m[12] = { 0, 0, 0x10, 0, 0, 0, 0x21, 0x40, 0, 0, 0x30, 0 };
	unsigned char m2[8] = { 0, 0, 0x11, 0, 0, 0, 0x20, 0 };
	int fams[] = { 0, 1, 2, 7, 10, 17, 26, 99 };
	int lens[] = { 0, 1, 2, 4, 5, 6, 8, 16, 17, 20 };
	unsigned char v6[16];
	char tag[64], buf[64];
	struct nl_addr *a;
	unsigned int f, l;
	int i, s;

	for (i = 0; i < 32; i++)
		b[i] = 0xa0 + i;
	for (f = 0; f < sizeof(fams) / sizeof(fams[0]); f++)
		for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
			/* libnl reads past short INET/INET6 addresses */
			if ((fams[f] == AF_INET && lens[l] && lens[l] < 4) ||
			    (fams[f] == AF_INET6 && lens[l] && lens[l] < 16))
				continue;
			a = nl_addr_build(fams[f], b, lens[l]);
			sprintf(tag, "build(%d,%d)", fams[f], lens[l]);
			pa(tag, a);
			nl_addr_set_prefixlen(a, 3);
			pa(" pfx3", a);
			nl_addr_put(a);
		}
	a = nl_addr_build(AF_DECnet, "\xa0\xa1", 2);
	pa("decnet", a);
	nl_addr_put(a);
	a = nl_addr_build(AF_MPLS, m, 8);
	pa("mpls", a);
	nl_addr_set_prefixlen(a, 64);
	pa("mpls pfx64", a);
	nl_addr_put(a);
	a = nl_addr_build(AF_MPLS, m, 12);
	pa("mpls12", a);
	nl_addr_put(a);
	a = nl_addr_build(AF_MPLS, m2, 8);
	pa("mpls bos first", a);
	nl_addr_put(a);
	a = nl_addr_build(AF_MPLS, m, 0);
	pa("mpls empty", a);
	nl_addr_put(a);

	/* IPv6 text forms of glibc's inet_ntop */
	for (i = 0; i < 40; i++) {
		memset(v6, 0, sizeof(v6));
		v6[(i * 7) % 16] = i;
		v6[(i * 3) % 16] |= 1;
		if (i % 5 == 0) {
			v6[10] = 0xff;
			v6[11] = 0xff;
		}
		a = nl_addr_build(AF_INET6, v6, 16);
		sprintf(tag, "v6 %d", i);
		pa(tag, a);
		nl_addr_put(a);
	}

	/* truncation where libnl stays within the buffer */
	a = P("aa:bb:cc:dd:ee:ff/3", AF_UNSPEC);
	for (s = 1; s <= 20; s++) {
		memset(buf, 'Z', 30);
		buf[29] = 0;
		nl_addr2str(a, buf, s);
		printf("size %d: %s\n", s, buf);
	}
	nl_addr_put(a);
	a = P("none/3", AF_INET);
	for (s = 1; s <= 8; s++) {
		memset(buf, 'Z', 30);
		buf[29] = 0;
		nl_addr2str(a, buf, s);
		printf("size %d: %s\n", s, buf);
	}
	nl_addr_put(a);
	a = P("1.2.3.4/24", AF_INET);
	for (s = 8; s <= 12; s++) {
		memset(buf, 'Z', 30);
		buf[29] = 0;
		printf("size %d: ret=%d %s\n", s, nl_addr2str(a, buf, s) == buf, buf);
	}
	nl_addr_put(a);
	memset(buf, 'Z', 30);
	buf[29] = 0;
	printf("NULL addr: %s\n", nl_addr2str(NULL, buf, sizeof(buf)));
}

static void objects(void)
{
	unsigned char b[20];
	struct nl_addr *a, *g, *c;
	int i;

	for (i = 0; i < 20; i++)
		b[i] = 0xa0 + i;
	a = nl_addr_alloc(16);
	pa("alloc16", a);
	printf("shared=%d\n", nl_addr_shared(a));
	g = nl_addr_get(a);
	printf("get same=%d shared=%d\n", g == a, nl_addr_shared(a));
	nl_addr_put(g);
	printf("shared=%d\n", nl_addr_shared(a));
	printf("set_bin 16 -> %d\n", nl_addr_set_binary_addr(a, b, 16));
	pa(" ", a);
	printf("set_bin 17 -> %d\n", nl_addr_set_binary_addr(a, b, 17));
	pa(" ", a);
	printf("set_bin 4 -> %d\n", nl_addr_set_binary_addr(a, b, 4));
	pa(" ", a);
	printf("set_bin 0 -> %d\n", nl_addr_set_binary_addr(a, b, 0));
	pa(" ", a);
	printf("set_bin NULL,0 -> %d\n", nl_addr_set_binary_addr(a, NULL, 0));
	nl_addr_set_family(a, AF_INET);
	printf("set_bin 4 -> %d\n", nl_addr_set_binary_addr(a, b, 4));
	pa(" ", a);
	printf("bin bytes %02x%02x\n", ((unsigned char *)nl_addr_get_binary_addr(a))[0],
	       ((unsigned char *)nl_addr_get_binary_addr(a))[3]);
	nl_addr_set_prefixlen(a, -5);
	pa(" ", a);
	c = nl_addr_clone(a);
	pa("clone", c);
	printf("cmp clone %d shared=%d\n", nl_addr_cmp(a, c), nl_addr_shared(c));
	nl_addr_put(c);
	nl_addr_put(a);
	a = nl_addr_alloc(0);
	pa("alloc0", a);
	printf("set_bin 1 -> %d ; set_bin 0 -> %d\n", nl_addr_set_binary_addr(a, b, 1),
	       nl_addr_set_binary_addr(a, b, 0));
	nl_addr_put(a);
	a = nl_addr_build(AF_INET, NULL, 0);
	pa("build NULL,0", a);
	nl_addr_put(a);
	nl_addr_put(NULL);
}

static void compare(void)
{
	const char *as[] = { "1.2.3.4",	  "1.2.3.5",	"1.2.3.4/24", "1.2.3.3/24", "1.2.4.4/24",
			     "::1",	  "::2",	"aa:bb",      "aa:bb:cc",   "ab:bb",
			     "1.2",	  "none",	"default",    "0.0.0.0",    "::",
			     "0.0.0.0/0", "1.2.3.4/25", "255.2.3.4",  "1.2.3.4/0",  "00:00",
			     "1.2.3.4/-1" };
	int n = sizeof(as) / sizeof(as[0]), i, j, l;
	unsigned char b1[2] = { 0x80, 0 }, b2[2] = { 0x00, 0xff };
	unsigned char c1[2] = { 0xff, 0x00 }, c2[2] = { 0xfe, 0x80 };
	unsigned char zz[8] = { 0 }, bb[20];
	struct nl_addr *A[32], *p, *q;

	for (i = 0; i < n; i++)
		A[i] = P(as[i], AF_UNSPEC);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			printf("cmp(%s,%s)=%d pfx=%d\n", as[i], as[j],
			       sign(nl_addr_cmp(A[i], A[j])), sign(nl_addr_cmp_prefix(A[i], A[j])));
	/* non-memcmp differences are returned as such */
	printf("cmp fam %d len %d pfx %d\n", nl_addr_cmp(A[0], A[5]), nl_addr_cmp(A[0], A[12]),
	       nl_addr_cmp(A[0], A[2]));
	for (i = 0; i < n; i++)
		printf("iszero(%s)=%d guess=%d\n", as[i], nl_addr_iszero(A[i]),
		       nl_addr_guess_family(A[i]));
	printf("cmp NULL %d %d %d\n", sign(nl_addr_cmp(NULL, NULL)), sign(nl_addr_cmp(NULL, A[0])),
	       sign(nl_addr_cmp(A[0], NULL)));
	for (i = 0; i < n; i++)
		nl_addr_put(A[i]);

	p = nl_addr_build(0, b1, 2);
	q = nl_addr_build(0, b2, 2);
	for (l = -1; l <= 16; l++) {
		nl_addr_set_prefixlen(p, l);
		nl_addr_set_prefixlen(q, 16);
		printf("bits %d: %d %d\n", l, sign(nl_addr_cmp_prefix(p, q)),
		       sign(nl_addr_cmp_prefix(q, p)));
	}
	nl_addr_put(p);
	nl_addr_put(q);
	p = nl_addr_build(0, c1, 2);
	q = nl_addr_build(0, c2, 2);
	for (l = -7; l <= 16; l++) {
		nl_addr_set_prefixlen(p, l);
		nl_addr_set_prefixlen(q, 16);
		printf("bits2 %d: %d %d\n", l, sign(nl_addr_cmp_prefix(p, q)),
		       sign(nl_addr_cmp_prefix(q, p)));
	}
	nl_addr_put(p);
	nl_addr_put(q);
	for (i = 0; i < 20; i++)
		bb[i] = i + 1;
	for (l = 0; l <= 20; l++) {
		p = nl_addr_build(0, bb, l);
		q = nl_addr_build(2, zz, l > 8 ? 8 : l);
		printf("guess len %d -> %d iszero=%d zero=%d\n", l, nl_addr_guess_family(p),
		       nl_addr_iszero(p), nl_addr_iszero(q));
		nl_addr_put(p);
		nl_addr_put(q);
	}
}

static void sockaddrs(void)
{
	const char *ss[] = { "1.2.3.4", "::1",	   "aa:bb:cc:dd:ee:ff", "1.2",
			     "none",	"default", "::ffff:1.2.3.4",	"100" };
	int sf[] = { 0, 0, 0, 0, AF_INET, AF_INET6, 0, AF_MPLS };
	int ff[] = { 0, 1, 7, 12, 17, 26, 28, 99 };
	unsigned char b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct sockaddr_storage st;
	struct nl_addr *a;
	socklen_t sl;
	unsigned int i;
	int L, k, r;

	for (i = 0; i < sizeof(ss) / sizeof(ss[0]); i++) {
		a = P(ss[i], sf[i]);
		for (L = 0; L <= 40; L += 4) {
			memset(&st, 0xee, sizeof(st));
			sl = L;
			r = nl_addr_fill_sockaddr(a, (struct sockaddr *)&st, &sl);
			printf("fill %s L=%d r=%d sl=%u bytes=", ss[i], L, r, sl);
			for (k = 0; k < 28; k++)
				printf("%02x", ((unsigned char *)&st)[k]);
			printf("\n");
		}
		nl_addr_put(a);
	}
	for (i = 0; i < 3; i++) {
		a = nl_addr_build(i == 1 ? AF_INET6 : AF_INET, b, i == 2 ? 5 : 3 + i);
		sl = sizeof(st);
		printf("fill bad len r=%d\n",
		       nl_addr_fill_sockaddr(a, (struct sockaddr *)&st, &sl));
		nl_addr_put(a);
	}
	for (i = 0; i < sizeof(ff) / sizeof(ff[0]); i++) {
		char hb[64] = "X";
		struct addrinfo *ai = NULL;

		a = nl_addr_build(ff[i], b, 4);
		sl = sizeof(st);
		r = nl_addr_fill_sockaddr(a, (struct sockaddr *)&st, &sl);
		printf("fam %d: fill=%d", ff[i], r);
		r = nl_addr_info(a, &ai);
		printf(" info=%d", r);
		if (r == 0)
			freeaddrinfo(ai);
		printf(" resolve=%d %s\n", nl_addr_resolve(a, hb, sizeof(hb)), hb);
		nl_addr_put(a);
	}
}

static void lookups(void)
{
	const char *is[] = { "127.0.0.1",	  "1.2.3.4/24", "none", "default",
			     "aa:bb:cc:dd:ee:ff", "1.2",	"100",	"::ffff:127.0.0.1",
			     "10.0.0.1",	  "fe80::1",	"::1" };
	int isf[] = { 0, 0, AF_INET, AF_INET6, 0, 0, AF_MPLS, 0, 0, 0, 0 };
	struct addrinfo *ai, *k;
	struct nl_addr *a;
	unsigned int i;
	char hb[128];
	int r;

	for (i = 0; i < sizeof(is) / sizeof(is[0]); i++) {
		a = P(is[i], isf[i]);
		ai = NULL;
		r = nl_addr_info(a, &ai);
		printf("info %s -> %d", is[i], r);
		if (r == 0) {
			for (k = ai; k; k = k->ai_next)
				printf(" [fam=%d type=%d proto=%d len=%u]", k->ai_family,
				       k->ai_socktype, k->ai_protocol, k->ai_addrlen);
			freeaddrinfo(ai);
		}
		printf("\n");
		nl_addr_put(a);
	}
	/* only the loopback name is resolved: no network here */
	a = P("127.0.0.1", AF_UNSPEC);
	strcpy(hb, "X");
	r = nl_addr_resolve(a, hb, sizeof(hb));
	printf("resolve 127.0.0.1 -> %d %s\n", r, r == 0 ? hb : "-");
	r = nl_addr_resolve(a, hb, 4);
	printf("resolve small -> %d\n", r);
	nl_addr_put(a);
}

int main(void)
{
	families();
	formatting();
	objects();
	compare();
	sockaddrs();
	lookups();
	return 0;
}
