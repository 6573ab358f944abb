/* Helpers shared by the tunnel kinds' programs (tests/route/link-<kind>.c): requests in hex,
 * dumps in the three modes, and RTM_NEWLINK messages built by hand and parsed with
 * nl_msg_parse, the kind's getters printed by the program's show(). */
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <netinet/in.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/route/link.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static void show(struct rtnl_link *l);

/* Two IPv6 addresses for the programs' setters and messages. */
static struct in6_addr a6, b6;

/* Unbuffered output, and the addresses. */
static void start(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	inet_pton(AF_INET6, "2001:db8::1", &a6);
	inet_pton(AF_INET6, "2001:db8::2", &b6);
}

static void hex(const char *what, int err, struct nl_msg *m)
{
	struct nlmsghdr *h;

	printf("%s: %d", what, err);
	if (err >= 0) {
		h = nlmsg_hdr(m);
		printf(" ");
		for (unsigned i = 16; i < h->nlmsg_len; i++)
			printf("%02x", ((unsigned char *)h)[i]);
		nlmsg_free(m);
	}
	printf("\n");
}

static inline void ip6(const char *what, int err, const struct in6_addr *a)
{
	char b[INET6_ADDRSTRLEN];

	printf("%s %d %s\n", what, err, inet_ntop(AF_INET6, a, b, sizeof(b)));
}

/* A getter returning the value, of link l: " name value". */
#define VAL(name, fn) printf(" %s %#llx", name, (unsigned long long)fn(l))

/* A getter with an out parameter, of link l: " name err value" (0 unless written). */
#define OUT(name, fn, type)                                               \
	do {                                                              \
		type v_ = 0;                                              \
		int e_ = fn(l, &v_);                                      \
		printf(" %s %d %#llx", name, e_, (unsigned long long)v_); \
	} while (0)

/* An IPv6 address getter of link l, on a line of its own. */
#define OUT6(name, fn)                      \
	do {                                \
		struct in6_addr a_;         \
		int e_;                     \
		memset(&a_, 0, sizeof(a_)); \
		e_ = fn(l, &a_);            \
		ip6("  " name, e_, &a_);    \
	} while (0)

/* A setter called on link l, its name and result printed. */
#define SET(fn, ...) printf("%s %d\n", #fn, fn(l, __VA_ARGS__))

static void dumps(const char *what, struct rtnl_link *l)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	printf("-- %s\n", what);
	for (dp.dp_type = NL_DUMP_LINE; dp.dp_type <= NL_DUMP_STATS; dp.dp_type++)
		nl_object_dump((struct nl_object *)l, &dp);
	dp.dp_type = NL_DUMP_DETAILS;
	dp.dp_prefix = 2;
	nl_object_dump((struct nl_object *)l, &dp);
}

/* The details of l, its master 13, in a cache with link 13 "parent" (libnl looks the parent
 * up in the cache holding l), and whether `is` (the kind's rtnl_link_is_*) holds for a plain
 * link and for links of each tunnel kind. */
static void in_cache(struct rtnl_link *l, int (*is)(struct rtnl_link *))
{
	static const char *kinds[] = { "ipip", "sit",	 "gre",	   "gretap", "vti",
				       "vti6", "ip6tnl", "ip6gre", "xfrm",   "veth" };
	struct nl_dump_params dp = { .dp_fd = stdout, .dp_type = NL_DUMP_DETAILS };
	struct rtnl_link *p = rtnl_link_alloc();
	struct nl_cache *c;

	printf("plain %d", is(p));
	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		rtnl_link_set_type(p, kinds[i]);
		printf(" %s %d", kinds[i], is(p));
	}
	printf("\n");
	rtnl_link_put(p);
	if (nl_cache_alloc_name("route/link", &c) < 0)
		return;
	p = rtnl_link_alloc();
	rtnl_link_set_ifindex(p, 13);
	rtnl_link_set_name(p, "parent");
	nl_cache_add(c, (struct nl_object *)p);
	rtnl_link_set_ifindex(l, 14);
	rtnl_link_set_master(l, 13);
	nl_cache_add(c, (struct nl_object *)l);
	printf("-- in a cache\n");
	nl_object_dump((struct nl_object *)l, &dp);
	nl_cache_free(c);
	rtnl_link_put(p);
}

/* The add request of l, and a change request from a plain link to l. */
static void requests(const char *what, struct rtnl_link *l)
{
	struct rtnl_link *o = rtnl_link_alloc();
	struct nl_msg *m = NULL;
	char b[64];
	int err;

	err = rtnl_link_build_add_request(l, NLM_F_CREATE, &m);
	snprintf(b, sizeof(b), "%s add", what);
	hex(b, err, m);
	rtnl_link_set_ifindex(o, 5);
	err = rtnl_link_build_change_request(o, l, 0, &m);
	snprintf(b, sizeof(b), "%s change", what);
	hex(b, err, m);
	rtnl_link_put(o);
}

/* show, dumps, a clone shown, and whether the two compare equal. */
static void everything(const char *what, struct rtnl_link *l)
{
	struct nl_object *c;

	printf("== %s\n", what);
	show(l);
	requests(what, l);
	dumps(what, l);
	c = nl_object_clone((struct nl_object *)l);
	printf("clone %d identical %d diff %#llx\n", c != NULL,
	       nl_object_identical(c, (struct nl_object *)l),
	       (unsigned long long)nl_object_diff64(c, (struct nl_object *)l));
	if (c) {
		show((struct rtnl_link *)c);
		nl_object_put(c);
	}
}

static struct nlattr *linkinfo;

/* An RTM_NEWLINK of kind `kind` for index 7 "tun7", its IFLA_INFO_DATA nest open (NULL data
 * to leave it out). */
static struct nl_msg *msg_start(const char *kind, struct nlattr **data)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 7, .ifi_type = 768 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);

	nlmsg_set_proto(m, NETLINK_ROUTE);
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "tun7");
	linkinfo = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, kind);
	if (data)
		*data = nla_nest_start(m, IFLA_INFO_DATA);
	return m;
}

static int brief;

static void parsed(struct nl_object *o, void *arg)
{
	struct nl_dump_params dp = { .dp_fd = stdout, .dp_type = NL_DUMP_DETAILS };

	if (!brief) {
		everything((const char *)arg, (struct rtnl_link *)o);
		return;
	}
	show((struct rtnl_link *)o);
	nl_object_dump(o, &dp);
}

/* Closes the nests, parses the message, prints the links it yields. */
static void msg_parse(const char *what, struct nl_msg *m, struct nlattr *data)
{
	int err;

	if (data)
		nla_nest_end(m, data);
	nla_nest_end(m, linkinfo);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("parse %s: %d\n", what, err);
	nlmsg_free(m);
}

/* A message whose INFO_DATA holds one attribute `type` of `len` bytes (each 0x11). */
static void parse_one(const char *kind, int type, int len)
{
	unsigned char b[32];
	struct nlattr *d;
	struct nl_msg *m = msg_start(kind, &d);
	char what[64];

	memset(b, 0x11, sizeof(b));
	nla_put(m, type, len, b);
	snprintf(what, sizeof(what), "%s attr %d len %d", kind, type, len);
	msg_parse(what, m, d);
}

/* Every attribute type up to `max`+1 with lengths 0, 1, 2, 4 and 16. (Not a message without
 * INFO_DATA: libnl 3.7.0 then leaves the kind data unallocated and its getters crash.) */
static void parse_bad(const char *kind, int max)
{
	static const int lens[] = { 0, 1, 2, 4, 16 };

	brief = 1;
	for (int t = 1; t <= max + 1; t++)
		for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
			parse_one(kind, t, lens[i]);
	brief = 0;
}
