/* The link API of libnl-route-3 against the kernel, in a throw-away network namespace set up by
 * tests/route_link.rs: the link cache and its line dump, every attribute getter for every link,
 * lookups by index and name, the name tables, the requests libnl builds, and adding, reading
 * back and deleting a bridge. Built against libnl's headers; run once on Debian's libnl and
 * once on libnlrs (route feature), the outputs must be identical. */
#include <linux/if.h>
/* rtnl_link_get_info_type and rtnl_link_set_weight are deprecated, and tested too. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/object.h>
#include <netlink/route/link.h>
#include <stdio.h>
#include <string.h>

static void print_addr(const char *what, struct nl_addr *a)
{
	char buf[128];

	if (!a) {
		printf(" %s=-", what);
		return;
	}
	printf(" %s=%s/fam%d/len%u", what, nl_addr2str(a, buf, sizeof(buf)), nl_addr_get_family(a),
	       nl_addr_get_len(a));
}

static void print_link(struct nl_object *o, void *arg)
{
	struct rtnl_link *l = (struct rtnl_link *)o;
	char buf[256];
	uint32_t u = 0;
	int32_t s = 0;
	int r;

	(void)arg;
	printf("link %s idx=%d fam=%d arptype=%u mtu=%u txqlen=%u", rtnl_link_get_name(l),
	       rtnl_link_get_ifindex(l), rtnl_link_get_family(l), rtnl_link_get_arptype(l),
	       rtnl_link_get_mtu(l), rtnl_link_get_txqlen(l));
	printf(" flags=%s", rtnl_link_flags2str(rtnl_link_get_flags(l), buf, sizeof(buf)));
	printf(" oper=%s", rtnl_link_operstate2str(rtnl_link_get_operstate(l), buf, sizeof(buf)));
	printf(" mode=%s", rtnl_link_mode2str(rtnl_link_get_linkmode(l), buf, sizeof(buf)));
	printf(" carrier=%s", rtnl_link_carrier2str(rtnl_link_get_carrier(l), buf, sizeof(buf)));
	printf(" master=%d link=%d group=%u promisc=%u txq=%u rxq=%u", rtnl_link_get_master(l),
	       rtnl_link_get_link(l), rtnl_link_get_group(l), rtnl_link_get_promiscuity(l),
	       rtnl_link_get_num_tx_queues(l), rtnl_link_get_num_rx_queues(l));
	printf(" qdisc=%s alias=%s type=%s", rtnl_link_get_qdisc(l) ? rtnl_link_get_qdisc(l) : "-",
	       rtnl_link_get_ifalias(l) ? rtnl_link_get_ifalias(l) : "-",
	       rtnl_link_get_type(l) ? rtnl_link_get_type(l) : "-");
	print_addr("addr", rtnl_link_get_addr(l));
	print_addr("brd", rtnl_link_get_broadcast(l));
	nl_object_keygen(o, &u, 1024);
	printf(" key=%u", u);
	r = rtnl_link_get_gso_max_segs(l, &u);
	printf(" gso_segs=%d/%u", r, u);
	r = rtnl_link_get_link_netnsid(l, &s);
	printf(" netnsid=%d", r);
	printf(" slave=%s port_name=[%s] port_id=%s switch_id=%s info_type=%s",
	       rtnl_link_get_slave_type(l) ? rtnl_link_get_slave_type(l) : "-",
	       rtnl_link_get_phys_port_name(l), rtnl_link_get_phys_port_id(l) ? "yes" : "no",
	       rtnl_link_get_phys_switch_id(l) ? "yes" : "no",
	       rtnl_link_get_info_type(l) ? rtnl_link_get_info_type(l) : "-");
	printf("\n");
}

static void hex(const char *what, int err, struct nl_msg *m)
{
	struct nlmsghdr *h;
	unsigned char *p;

	printf("%s: %d", what, err);
	if (err < 0) {
		printf("\n");
		return;
	}
	h = nlmsg_hdr(m);
	p = (unsigned char *)h;
	printf(" type=%u flags=%#x len=%u ", h->nlmsg_type, h->nlmsg_flags, h->nlmsg_len);
	for (unsigned i = 16; i < h->nlmsg_len; i++)
		printf("%02x", p[i]);
	printf("\n");
	nlmsg_free(m);
}

static void tables(void)
{
	char buf[128];
	int i;

	for (i = -1; i < 9; i++)
		printf("oper %d %s\n", i, rtnl_link_operstate2str(i, buf, sizeof(buf)));
	for (i = 0; i < 3; i++)
		printf("mode %d %s carrier %s\n", i, rtnl_link_mode2str(i, buf, sizeof(buf)),
		       rtnl_link_carrier2str(i, buf + 64, 64));
	for (i = 0; i < 67; i++)
		printf("stat %d %s\n", i, rtnl_link_stat2str(i, buf, sizeof(buf)));
	printf("flags %s\n", rtnl_link_flags2str(0xffffffff, buf, sizeof(buf)));
	printf("flags short %s\n", rtnl_link_flags2str(0xffffffff, buf, 10));
	printf("str2flags %d %d %d\n", rtnl_link_str2flags("up,running"),
	       rtnl_link_str2flags("LOWERUP, up"), rtnl_link_str2flags("bogus"));
	printf("str2oper %d %d %d %d\n", rtnl_link_str2operstate("up"),
	       rtnl_link_str2operstate("Dormant"), rtnl_link_str2operstate("9"),
	       rtnl_link_str2operstate("bogus"));
	printf("str2mode %d %d str2carrier %d %d\n", rtnl_link_str2mode("dormant"),
	       rtnl_link_str2mode("x"), rtnl_link_str2carrier("up"), rtnl_link_str2carrier("x"));
	printf("str2stat %d %d %d\n", rtnl_link_str2stat("rx_nohandler"),
	       rtnl_link_str2stat("Ip6InReceives"), rtnl_link_str2stat("nope"));
}

static void master_of(struct nl_sock *sk, const char *name)
{
	struct rtnl_link *k;
	int err = rtnl_link_get_kernel(sk, 0, name, &k);

	printf("  %s: %d", name, err);
	if (!err) {
		printf(" master %d mtu %u flags %#x", rtnl_link_get_master(k), rtnl_link_get_mtu(k),
		       rtnl_link_get_flags(k));
		rtnl_link_put(k);
	}
	printf("\n");
}

static void enslave_and_change(struct nl_sock *sk, struct nl_cache *cache)
{
	struct rtnl_link *tap = rtnl_link_get_by_name(cache, "tap0");
	struct rtnl_link *br = rtnl_link_get_by_name(cache, "br0");
	struct rtnl_link *veth = rtnl_link_get_by_name(cache, "veth1");
	struct rtnl_link *c = rtnl_link_alloc();
	struct nl_msg *m;
	int err;

	printf("enslave tap0 %d\n", rtnl_link_enslave(sk, br, tap));
	master_of(sk, "tap0");
	printf("enslave again %d\n", rtnl_link_enslave(sk, br, tap));
	printf("enslave veth1 (busy) %d\n", rtnl_link_enslave_ifindex(sk, rtnl_link_get_ifindex(br),
								      rtnl_link_get_ifindex(veth)));
	printf("enslave to nothing %d\n",
	       rtnl_link_enslave_ifindex(sk, 999, rtnl_link_get_ifindex(tap)));
	printf("release tap0 %d\n", rtnl_link_release(sk, tap));
	master_of(sk, "tap0");
	printf("release again %d\n", rtnl_link_release_ifindex(sk, rtnl_link_get_ifindex(tap)));

	rtnl_link_set_mtu(c, 1300);
	rtnl_link_set_name(c, "veth9");
	rtnl_link_set_flags(c, IFF_PROMISC);
	err = rtnl_link_build_change_request(veth, c, 0, &m);
	hex("build_change", err, m);
	printf("change %d\n", rtnl_link_change(sk, veth, c, 0));
	master_of(sk, "veth9");
	rtnl_link_set_mtu(c, 10);
	printf("change bad mtu %d\n", rtnl_link_change(sk, veth, c, 0));
	rtnl_link_put(c);
	c = rtnl_link_alloc();
	rtnl_link_set_name(c, "veth1");
	rtnl_link_unset_flags(c, IFF_PROMISC);
	printf("change back %d\n", rtnl_link_change(sk, veth, c, 0));
	master_of(sk, "veth1");
	rtnl_link_put(c);
	rtnl_link_put(veth);
	rtnl_link_put(br);
	rtnl_link_put(tap);
}

int main(void)
{
	struct nl_dump_params dp = { .dp_type = NL_DUMP_LINE, .dp_fd = stdout };
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cache *cache;
	struct rtnl_link *l, *k;
	struct nl_msg *m;
	char name[IFNAMSIZ];
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	err = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	printf("alloc_cache %d items %d\n", err, nl_cache_nitems(cache));
	nl_cache_mngt_provide(cache);
	nl_cache_dump(cache, &dp);
	nl_cache_foreach(cache, print_link, NULL);

	printf("name2i veth0=%d nosuch=%d\n", rtnl_link_name2i(cache, "veth0"),
	       rtnl_link_name2i(cache, "nosuch"));
	printf("i2name 1=%s 999=%p\n", rtnl_link_i2name(cache, 1, name, sizeof(name)),
	       (void *)rtnl_link_i2name(cache, 999, name, sizeof(name)));
	l = rtnl_link_get_by_name(cache, "br0");
	k = l ? rtnl_link_get(cache, rtnl_link_get_ifindex(l)) : NULL;
	printf("get_by_name br0 %s, get same object %d\n", l ? rtnl_link_get_name(l) : "-", k == l);
	rtnl_link_put(k);
	rtnl_link_put(l);
	printf("get 999 %p\n", (void *)rtnl_link_get(cache, 999));

	err = rtnl_link_get_kernel(sk, 0, "veth1", &l);
	printf("get_kernel veth1 %d\n", err);
	if (!err) {
		print_link((struct nl_object *)l, NULL);
		rtnl_link_put(l);
	}
	err = rtnl_link_get_kernel(sk, 1, NULL, &l);
	printf("get_kernel 1 %d\n", err);
	if (!err) {
		nl_object_dump((struct nl_object *)l, &dp);
		rtnl_link_put(l);
	}
	printf("get_kernel nosuch %d\n", rtnl_link_get_kernel(sk, 0, "nosuch", &l));
	printf("get_kernel 999 %d\n", rtnl_link_get_kernel(sk, 999, NULL, &l));

	l = rtnl_link_alloc();
	rtnl_link_set_name(l, "br1");
	rtnl_link_set_type(l, "bridge");
	rtnl_link_set_mtu(l, 1400);
	rtnl_link_set_txqlen(l, 77);
	err = rtnl_link_build_add_request(l, NLM_F_CREATE | NLM_F_EXCL, &m);
	hex("build_add", err, m);
	err = rtnl_link_build_delete_request(l, &m);
	hex("build_delete", err, m);
	err = rtnl_link_build_get_request(0, "br1", &m);
	hex("build_get", err, m);
	k = rtnl_link_alloc();
	rtnl_link_set_name(k, "x");
	printf("set_slave_type %d\n", rtnl_link_set_slave_type(k, "bond"));
	err = rtnl_link_build_add_request(k, 0, &m);
	hex("build_add slave", err, m);
	printf("slave %s\n", rtnl_link_get_slave_type(k));
	err = rtnl_link_set_slave_type(k, NULL);
	printf("set_slave_type NULL %d %p\n", err, (void *)rtnl_link_get_slave_type(k));
	rtnl_link_put(k);
	printf("add %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	printf("add again %d\n", rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL));
	err = rtnl_link_get_kernel(sk, 0, "br1", &k);
	printf("get_kernel br1 %d\n", err);
	if (!err) {
		printf("  mtu %u txqlen %u type %s\n", rtnl_link_get_mtu(k),
		       rtnl_link_get_txqlen(k), rtnl_link_get_type(k));
		rtnl_link_put(k);
	}
	printf("delete %d\n", rtnl_link_delete(sk, l));
	printf("delete again %d\n", rtnl_link_delete(sk, l));
	printf("get_kernel br1 after %d\n", rtnl_link_get_kernel(sk, 0, "br1", &k));
	rtnl_link_put(l);

	enslave_and_change(sk, cache);

	printf("refill %d items %d\n", nl_cache_refill(sk, cache), nl_cache_nitems(cache));
	nl_cache_mngt_unprovide(cache);
	nl_cache_free(cache);
	tables();
	nl_socket_free(sk);
	return 0;
}
