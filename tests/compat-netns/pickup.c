/*
 * nl_pickup and nl_pickup_keep_syserr: one request, its answer handed to a program-supplied
 * parser, which delivers one object through the parser parameter block's callback. The object
 * (a genl_family used as a plain vehicle, its id set from the answer's interface index) must
 * come back with the pickup's own reference; a kernel error must come back as the kernel's
 * errno with nl_pickup_keep_syserr, and as an NLE code with both.
 */
#include <net/if.h>

#include "nstest.h"
#include "../compat/libnl-private.h"
#include <netlink/object.h>
#include <netlink/genl/family.h>

static int parsed, deliver_ret;

static int link_parser(struct nl_cache_ops *ops, struct sockaddr_nl *who, struct nlmsghdr *nlh,
		       struct nl_parser_param *pp)
{
	struct ifinfomsg *ifi = nlmsg_data(nlh);
	struct genl_family *f;
	int r;

	(void)ops;
	parsed++;
	printf("  parser: ops=%s who.family=%d who.pid=%u type=%u len>=%d\n", ops ? "set" : "NULL",
	       who ? who->nl_family : -1, who ? who->nl_pid : 0, nlh->nlmsg_type,
	       nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*ifi)));
	f = genl_family_alloc();
	genl_family_set_id(f, (unsigned)ifi->ifi_index);
	r = pp->pp_cb((struct nl_object *)f, pp);
	printf("  pp_cb returned %d, refs after %d\n", r,
	       nl_object_get_refcnt((struct nl_object *)f));
	genl_family_put(f);
	return deliver_ret;
}

static void request_link(struct nl_sock *sk, int index)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = index };
	int r = nl_send_simple(sk, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	printf("send ifindex %d: %s\n", index, r > 0 ? "ok" : nl_geterror(r));
}

static void pickup(struct nl_sock *sk, int keep)
{
	struct nl_object *obj = (struct nl_object *)0x1;
	int syserr = -12345, r;

	parsed = 0;
	if (keep)
		r = nl_pickup_keep_syserr(sk, link_parser, &obj, &syserr);
	else
		r = nl_pickup(sk, link_parser, &obj);
	printf("  %s: %d (%s) parsed=%d", keep ? "nl_pickup_keep_syserr" : "nl_pickup", r,
	       r < 0 ? nl_geterror(r) : "ok", parsed);
	if (keep)
		printf(" syserror=%d", syserr);
	if (r == 0 && obj) {
		printf(" object id=%u refs=%d\n", genl_family_get_id((struct genl_family *)obj),
		       nl_object_get_refcnt(obj));
		nl_object_put(obj);
	} else {
		printf(" object %s\n", obj == (struct nl_object *)0x1 ? "untouched" : "NULL");
	}
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	nl_socket_disable_auto_ack(sk);
	request_link(sk, (int)if_nametoindex("lo"));
	pickup(sk, 0);
	request_link(sk, (int)if_nametoindex("lo"));
	pickup(sk, 1);
	/* A link that does not exist: the kernel answers with ENODEV. */
	request_link(sk, 9999);
	pickup(sk, 0);
	request_link(sk, 9999);
	pickup(sk, 1);
	/* The parser's own failure is the pickup's result. */
	deliver_ret = -NLE_RANGE;
	request_link(sk, (int)if_nametoindex("lo"));
	pickup(sk, 1);
	deliver_ret = 0;
	/* A NULL parser is pinned in tests/c/nl-badinput.c (libnl blocks, then crashes). */
	nl_socket_free(sk);
	return 0;
}
