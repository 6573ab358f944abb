/* netlink/route/link/bonding.h and team.h (tests/route.rs; this kernel has neither bond nor
 * team): the links allocated, their requests and dumps; the messages rtnl_link_bond_add /
 * rtnl_link_team_add and the enslave / release functions send (seen through an overwritten
 * send on a non-blocking socket: no answer comes); the kernel's answer to bond and team
 * creation; and enslave / release for real with a bridge as master (libnl's requests are
 * generic: a link's master is set, then read back). */
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bonding.h>
#include <netlink/route/link/team.h>
#include <netlink/route/link/veth.h>
#include <stdio.h>
#include <unistd.h>

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

static void dump(struct rtnl_link *l)
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

/* The overwritten send: prints the message (type, flags, payload) instead of sending it. */
static int sent(struct nl_sock *sk, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	(void)sk;
	printf("  sent type %d flags %#x ", h->nlmsg_type, h->nlmsg_flags);
	for (unsigned i = 16; i < h->nlmsg_len; i++)
		printf("%02x", ((unsigned char *)h)[i]);
	printf("\n");
	return h->nlmsg_len;
}

static void master_of(struct nl_sock *sk, const char *name, struct nl_cache *c)
{
	struct rtnl_link *k;
	int err = rtnl_link_get_kernel(sk, 0, name, &k);

	printf("  %s: %d", name, err);
	if (!err) {
		int m = rtnl_link_get_master(k);
		char b[32];

		printf(" master %s", m ? rtnl_link_i2name(c, m, b, sizeof(b)) : "none");
		rtnl_link_put(k);
	}
	printf("\n");
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc(), *fake = nl_socket_alloc();
	struct rtnl_link *l, *opts, *br, *v, *w;
	struct nl_cache *c;
	struct nl_cb *cb;
	struct nl_msg *m;
	int err, bri, vi;

	setvbuf(stdout, NULL, _IONBF, 0);
	l = rtnl_link_bond_alloc();
	printf("bond type %s\n", rtnl_link_get_type(l));
	rtnl_link_set_name(l, "bond0");
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("bond request", err, m);
	dump(l);
	rtnl_link_put(l);
	l = rtnl_link_team_alloc();
	printf("team type %s\n", rtnl_link_get_type(l));
	rtnl_link_set_name(l, "team0");
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("team request", err, m);
	dump(l);
	rtnl_link_put(l);

	/* What the functions send. */
	if (nl_connect(fake, NETLINK_ROUTE) < 0 || nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	cb = nl_socket_get_cb(fake);
	nl_cb_overwrite_send(cb, sent);
	nl_cb_put(cb);
	nl_socket_set_nonblocking(fake);
	opts = rtnl_link_alloc();
	rtnl_link_set_name(opts, "fromopts");
	rtnl_link_set_mtu(opts, 1300);
	printf("bond_add name %d\n", rtnl_link_bond_add(fake, "b1", NULL));
	printf("bond_add opts %d\n", rtnl_link_bond_add(fake, NULL, opts));
	printf("bond_add both %d\n", rtnl_link_bond_add(fake, "b2", opts));
	printf("bond_add none %d\n", rtnl_link_bond_add(fake, NULL, NULL));
	printf("team_add name %d\n", rtnl_link_team_add(fake, "t1", NULL));
	printf("team_add opts %d\n", rtnl_link_team_add(fake, NULL, opts));
	printf("team_add none %d\n", rtnl_link_team_add(fake, NULL, NULL));
	printf("enslave_ifindex %d\n", rtnl_link_bond_enslave_ifindex(fake, 5, 7));
	printf("release_ifindex %d\n", rtnl_link_bond_release_ifindex(fake, 7));
	nl_socket_disable_auto_ack(fake);
	printf("no-ack enslave_ifindex %d\n", rtnl_link_bond_enslave_ifindex(fake, 5, 7));
	printf("no-ack bond_add %d\n", rtnl_link_bond_add(fake, "b3", NULL));
	l = rtnl_link_bond_alloc();
	rtnl_link_set_ifindex(l, 5);
	rtnl_link_set_ifindex(opts, 8);
	printf("enslave %d\n", rtnl_link_bond_enslave(fake, l, opts));
	printf("release %d\n", rtnl_link_bond_release(fake, opts));
	rtnl_link_put(l);
	l = rtnl_link_alloc();
	rtnl_link_set_ifindex(l, 6);
	printf("enslave to a link of no kind %d\n", rtnl_link_bond_enslave(fake, l, opts));
	rtnl_link_set_type(l, "bridge");
	printf("enslave to a bridge %d\n", rtnl_link_bond_enslave(fake, l, opts));
	rtnl_link_put(l);
	rtnl_link_put(opts);

	/* The kernel. */
	printf("bond_add %d\n", rtnl_link_bond_add(sk, "bond0", NULL));
	printf("team_add %d\n", rtnl_link_team_add(sk, "team0", NULL));
	br = rtnl_link_alloc();
	rtnl_link_set_type(br, "bridge");
	rtnl_link_set_name(br, "br9");
	printf("add bridge %d\n", rtnl_link_add(sk, br, NLM_F_CREATE | NLM_F_EXCL));
	printf("add veth %d\n", rtnl_link_veth_add(sk, "v9a", "v9b", getpid()));
	rtnl_link_alloc_cache(sk, AF_UNSPEC, &c);
	v = rtnl_link_get_by_name(c, "v9a");
	w = rtnl_link_get_by_name(c, "br9");
	bri = rtnl_link_name2i(c, "br9");
	vi = rtnl_link_name2i(c, "v9a");
	printf("enslave_ifindex %d\n", rtnl_link_bond_enslave_ifindex(sk, bri, vi));
	master_of(sk, "v9a", c);
	printf("release_ifindex %d\n", rtnl_link_bond_release_ifindex(sk, vi));
	master_of(sk, "v9a", c);
	printf("enslave (bridge master) %d\n", rtnl_link_bond_enslave(sk, w, v));
	master_of(sk, "v9a", c);
	printf("enslave_ifindex to a veth %d\n",
	       rtnl_link_bond_enslave_ifindex(sk, rtnl_link_name2i(c, "v9b"), vi));
	master_of(sk, "v9a", c);
	printf("enslave_ifindex to nothing %d\n", rtnl_link_bond_enslave_ifindex(sk, 999, vi));
	printf("release %d\n", rtnl_link_bond_release(sk, v));
	master_of(sk, "v9a", c);
	printf("release_ifindex of nothing %d\n", rtnl_link_bond_release_ifindex(sk, 999));
	rtnl_link_put(v);
	rtnl_link_put(w);
	printf("delete %d %d\n", rtnl_link_delete(sk, br), rtnl_link_delete(sk, v));
	rtnl_link_put(br);
	nl_cache_free(c);
	nl_socket_free(fake);
	nl_socket_free(sk);
	return 0;
}
