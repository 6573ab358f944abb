/* Helpers the programs of tests/route share: `hex` prints a request's payload; with
 * ROUTE_TEST_KIND (a kind header's test, which defines `show`), `dump` prints a link in every
 * dump type, `parsed` is the callback of `nl_msg_parse`, `put` appends an attribute to a
 * buffer and, with KIND defined as the kind's name, `parse` feeds an RTM_NEWLINK of that kind
 * with the given IFLA_INFO_DATA through `nl_msg_parse` (ROUTE_TEST_OWN_PUT /
 * ROUTE_TEST_OWN_PARSE: the program has its own). */
#ifndef ROUTE_TEST_H
#define ROUTE_TEST_H

#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <stdio.h>
#include <string.h>

static __attribute__((unused)) void hex(const char *what, int err, struct nl_msg *m)
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

#ifdef ROUTE_TEST_KIND
static void show(const char *what, struct rtnl_link *l);

static __attribute__((unused)) void dump(struct rtnl_link *l)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++) {
		printf("-- dump %d\n", t);
		dp.dp_type = t;
		nl_object_dump((struct nl_object *)l, &dp);
	}
	printf("-- dump 1, prefix 2\n");
	dp.dp_type = NL_DUMP_DETAILS;
	dp.dp_prefix = 2;
	nl_object_dump((struct nl_object *)l, &dp);
	printf("\n");
}

static __attribute__((unused)) void parsed(struct nl_object *o, void *arg)
{
	struct nl_msg *m;
	int err;

	show((const char *)arg, (struct rtnl_link *)o);
	dump((struct rtnl_link *)o);
	err = rtnl_link_build_add_request((struct rtnl_link *)o, 0, &m);
	hex("parsed request", err, m);
}

#ifndef ROUTE_TEST_OWN_PUT
/* Appends attribute `type` with `len` bytes of `v` to buf at *off. */
static __attribute__((unused)) void put(unsigned char *buf, int *off, int type, const void *v,
					int len)
{
	struct nlattr *a = (struct nlattr *)(buf + *off);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memset(buf + *off + NLA_HDRLEN, 0, NLA_ALIGN(len));
	if (len)
		memcpy(buf + *off + NLA_HDRLEN, v, len);
	*off += NLA_HDRLEN + NLA_ALIGN(len);
}
#endif

#if defined(KIND) && !defined(ROUTE_TEST_OWN_PARSE)
/* An RTM_NEWLINK for "p0" of kind KIND whose INFO_DATA holds `len` bytes of `data` (no
 * INFO_DATA at all for a negative len). */
static __attribute__((unused)) void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 9 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *info, *d;
	int err;

	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "p0");
	info = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, KIND);
	if (len >= 0) {
		d = nla_nest_start(m, IFLA_INFO_DATA);
		if (len)
			memcpy(nlmsg_reserve(m, len, NLA_ALIGNTO), data, len);
		nla_nest_end(m, d);
	}
	nla_nest_end(m, info);
	nlmsg_set_proto(m, NETLINK_ROUTE);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}
#endif
#endif /* ROUTE_TEST_KIND */

#endif /* ROUTE_TEST_H */
