/* A minimal "link" cache type defined by the test itself, with libnl 3.7's private layouts of
 * the object header and ops tables (as libnl's plug-in libraries define theirs): objects
 * carry ifindex (identity), name and mtu, parsed from RTM_NEWLINK/RTM_DELLINK. */
#ifndef CACHE_LINKTYPE_H_
#define CACHE_LINKTYPE_H_

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/socket.h>

struct lt_list {
	void *next, *prev;
};

struct lt_link {
	int ce_refcnt;
	void *ce_ops;
	struct nl_cache *ce_cache;
	struct lt_list ce_list;
	int ce_msgtype;
	int ce_flags;
	uint64_t ce_mask;
	int ifindex;
	unsigned int mtu;
	char name[IFNAMSIZ];
};

#include "../compat/libnl-private.h"

#define LT_IFINDEX 0x1
#define LT_NAME 0x2
#define LT_MTU 0x4

static void lt_dump_line(struct nl_object *o, struct nl_dump_params *p)
{
	struct lt_link *l = (struct lt_link *)o;
	nl_dump_line(p, "link %d %s mtu %u\n", l->ifindex, l->name, l->mtu);
}

static uint64_t lt_compare(struct nl_object *a, struct nl_object *b, uint64_t attrs, int flags)
{
	struct lt_link *x = (struct lt_link *)a, *y = (struct lt_link *)b;
	uint64_t d = 0;
	(void)flags;
	if ((attrs & LT_IFINDEX) && x->ifindex != y->ifindex)
		d |= LT_IFINDEX;
	if ((attrs & LT_NAME) && strcmp(x->name, y->name))
		d |= LT_NAME;
	if ((attrs & LT_MTU) && x->mtu != y->mtu)
		d |= LT_MTU;
	return d;
}

static void lt_keygen(struct nl_object *o, uint32_t *key, uint32_t size)
{
	*key = (uint32_t)((struct lt_link *)o)->ifindex % size;
}

static struct nl_object_ops lt_obj_ops = {
	.oo_name = "test/link",
	.oo_size = sizeof(struct lt_link),
	.oo_id_attrs = LT_IFINDEX,
	.oo_dump = { lt_dump_line, lt_dump_line, lt_dump_line },
	.oo_compare = lt_compare,
	.oo_keygen = lt_keygen,
};

static int lt_request(struct nl_cache *c, struct nl_sock *sk)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	(void)c;
	return nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi));
}

static int lt_parse(struct nl_cache_ops *ops, struct sockaddr_nl *who, struct nlmsghdr *nlh,
		    struct nl_parser_param *pp)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi = nlmsg_data(nlh);
	struct lt_link *l;
	int err;
	(void)ops;
	(void)who;
	err = nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL);
	if (err < 0)
		return err;
	l = (struct lt_link *)nl_object_alloc(&lt_obj_ops);
	if (!l)
		return -NLE_NOMEM;
	l->ce_msgtype = nlh->nlmsg_type;
	l->ifindex = ifi->ifi_index;
	l->ce_mask = LT_IFINDEX;
	if (tb[IFLA_IFNAME]) {
		nla_strlcpy(l->name, tb[IFLA_IFNAME], sizeof(l->name));
		l->ce_mask |= LT_NAME;
	}
	if (tb[IFLA_MTU]) {
		l->mtu = nla_get_u32(tb[IFLA_MTU]);
		l->ce_mask |= LT_MTU;
	}
	err = pp->pp_cb((struct nl_object *)l, pp);
	nl_object_put((struct nl_object *)l);
	return err;
}

static struct nl_af_group lt_groups[] = {
	{ AF_UNSPEC, RTNLGRP_LINK },
	{ 0, 0 },
};

static struct nl_cache_ops lt_ops = {
	.co_name = "test/link",
	.co_hdrsize = sizeof(struct ifinfomsg),
	.co_protocol = NETLINK_ROUTE,
	.co_groups = lt_groups,
	.co_request_update = lt_request,
	.co_msg_parser = lt_parse,
	.co_obj_ops = &lt_obj_ops,
	.co_msgtypes = {
		{ RTM_NEWLINK, NL_ACT_NEW, "new" },
		{ RTM_DELLINK, NL_ACT_DEL, "del" },
		{ RTM_GETLINK, NL_ACT_GET, "get" },
		{ -1, -1, NULL },
	},
};

__attribute__((unused)) static void lt_print(const char *what, struct nl_cache *c)
{
	struct nl_object *o;
	printf("%s: %d items:", what, nl_cache_nitems(c));
	for (o = nl_cache_get_first(c); o; o = nl_cache_get_next(o)) {
		struct lt_link *l = (struct lt_link *)o;
		printf(" %d:%s", l->ifindex, l->name);
	}
	printf("\n");
}

__attribute__((unused)) static const char *lt_act(int act)
{
	switch (act) {
	case NL_ACT_NEW:
		return "NEW";
	case NL_ACT_DEL:
		return "DEL";
	case NL_ACT_CHANGE:
		return "CHANGE";
	default:
		return "?";
	}
}

__attribute__((unused)) static void lt_change(struct nl_cache *c, struct nl_object *o, int act,
					      void *arg)
{
	struct lt_link *l = (struct lt_link *)o;
	(void)c;
	printf("  %s %s %d:%s mtu %u\n", arg ? (const char *)arg : "cb", lt_act(act), l->ifindex,
	       l->name, l->mtu);
}

__attribute__((unused)) static void lt_change_v2(struct nl_cache *c, struct nl_object *o,
						 struct nl_object *n, uint64_t diff, int act,
						 void *arg)
{
	struct lt_link *a = (struct lt_link *)o, *b = (struct lt_link *)n;
	(void)c;
	printf("  %s %s old=%s new=%s diff=%#llx\n", arg ? (const char *)arg : "v2", lt_act(act),
	       a ? a->name : "-", b ? b->name : "-", (unsigned long long)diff);
}

__attribute__((unused)) static void lt_sh(const char *cmd)
{
	if (system(cmd) != 0) {
		printf("command failed: %s\n", cmd);
		exit(1);
	}
}

#endif
