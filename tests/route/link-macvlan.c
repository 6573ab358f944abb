/* netlink/route/link/macvlan.h and macvtap.h against the kernel (tests/route.rs): names both
 * ways, allocated links and their requests and dumps, the kernel's mv0 (macvlan, bridge) and
 * mt0 (macvtap, vepa), and a macvlan added, read back and deleted. */
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/macvlan.h>
#include <netlink/route/link/macvtap.h>
#include <stdio.h>

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

static void show(const char *what, struct rtnl_link *l)
{
	char b[64];

	printf("%s: type %s macvlan %d macvtap %d", what,
	       rtnl_link_get_type(l) ? rtnl_link_get_type(l) : "-", rtnl_link_is_macvlan(l),
	       rtnl_link_is_macvtap(l));
	if (rtnl_link_is_macvlan(l))
		printf(" mode %s flags [%s]",
		       rtnl_link_macvlan_mode2str(rtnl_link_macvlan_get_mode(l), b, 32),
		       rtnl_link_macvlan_flags2str(rtnl_link_macvlan_get_flags(l), b + 32, 32));
	if (rtnl_link_is_macvtap(l))
		printf(" mode %s flags [%s]",
		       rtnl_link_macvtap_mode2str(rtnl_link_macvtap_get_mode(l), b, 32),
		       rtnl_link_macvtap_flags2str(rtnl_link_macvtap_get_flags(l), b + 32, 32));
	printf("\n");
}

int main(void)
{
	const char *modes[] = { "private", "vepa",  "bridge", "passthru", "source",
				"BRIDGE",  "bogus", "3",      "" };
	struct nl_dump_params dp = { .dp_type = NL_DUMP_DETAILS, .dp_fd = stdout };
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cache *cache;
	struct rtnl_link *l, *k;
	struct nl_msg *m;
	char b[64];
	int i, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = -1; i < 18; i++)
		printf("mode %d %s %s\n", i, rtnl_link_macvlan_mode2str(i, b, 32),
		       rtnl_link_macvtap_mode2str(i, b + 32, 32));
	for (i = 0; i < (int)(sizeof(modes) / sizeof(modes[0])); i++)
		printf("str2mode '%s' %d %d\n", modes[i], rtnl_link_macvlan_str2mode(modes[i]),
		       rtnl_link_macvtap_str2mode(modes[i]));
	for (i = 0; i < 4; i++)
		printf("flags %d [%s] [%s]\n", i, rtnl_link_macvlan_flags2str(i, b, 32),
		       rtnl_link_macvtap_flags2str(i, b + 32, 32));
	printf("flags short [%s]\n", rtnl_link_macvlan_flags2str(1, b, 4));
	printf("str2flags %d %d %d\n", rtnl_link_macvlan_str2flags("nopromisc"),
	       rtnl_link_macvtap_str2flags("NOPROMISC"), rtnl_link_macvlan_str2flags("x"));

	l = rtnl_link_macvlan_alloc();
	rtnl_link_set_name(l, "mv");
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	nl_object_dump((struct nl_object *)l, &dp);
	printf("set_mode %d\n", rtnl_link_macvlan_set_mode(l, 4));
	printf("set_flags %d\n", rtnl_link_macvlan_set_flags(l, 1));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	nl_object_dump((struct nl_object *)l, &dp);
	printf("unset_flags %d\n", rtnl_link_macvlan_unset_flags(l, 1));
	show("unset", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("unset request", err, m);
	rtnl_link_put(l);

	l = rtnl_link_macvtap_alloc();
	rtnl_link_set_name(l, "mt");
	printf("tap set_mode %d set_flags %d\n", rtnl_link_macvtap_set_mode(l, 2),
	       rtnl_link_macvtap_set_flags(l, 1));
	show("tap", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("tap request", err, m);
	nl_object_dump((struct nl_object *)l, &dp);
	rtnl_link_put(l);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	err = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	printf("cache %d\n", err);
	for (i = 0; i < 2; i++) {
		const char *name = i ? "mt0" : "mv0";

		l = rtnl_link_get_by_name(cache, name);
		if (l)
			show(name, l);
		rtnl_link_put(l);
	}

	l = rtnl_link_macvlan_alloc();
	rtnl_link_set_name(l, "mv9");
	rtnl_link_set_link(l, rtnl_link_name2i(cache, "veth1"));
	rtnl_link_macvlan_set_mode(l, 1);
	rtnl_link_macvlan_set_flags(l, 1);
	printf("add %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "mv9", &k);
	printf("get_kernel %d\n", err);
	if (!err) {
		show("mv9", k);
		rtnl_link_put(k);
	}
	printf("delete %d\n", rtnl_link_delete(sk, l));
	rtnl_link_put(l);
	nl_cache_free(cache);
	nl_socket_free(sk);
	return 0;
}
