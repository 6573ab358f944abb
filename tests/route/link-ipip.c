/* netlink/route/link/ipip.h (tests/route.rs; the kernel has no ipip: requests and parsed
 * messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/ipip.h>

static void show(struct rtnl_link *l)
{
	printf("ipip %d", rtnl_link_is_ipip(l));
	VAL("link", rtnl_link_ipip_get_link);
	VAL("local", rtnl_link_ipip_get_local);
	VAL("remote", rtnl_link_ipip_get_remote);
	VAL("ttl", rtnl_link_ipip_get_ttl);
	VAL("tos", rtnl_link_ipip_get_tos);
	VAL("pmtudisc", rtnl_link_ipip_get_pmtudisc);
	OUT("fwmark", rtnl_link_ipip_get_fwmark, uint32_t);
	printf("\n");
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l, *p;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_ipip_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "ipip1");
	SET(rtnl_link_ipip_set_link, 13);
	SET(rtnl_link_ipip_set_local, htonl(0x0a000001));
	SET(rtnl_link_ipip_set_remote, htonl(0x0a000002));
	SET(rtnl_link_ipip_set_ttl, 64);
	SET(rtnl_link_ipip_set_tos, 0x10);
	SET(rtnl_link_ipip_set_pmtudisc, 1);
	SET(rtnl_link_ipip_set_fwmark, 0x42);
	everything("set", l);
	in_cache(l, rtnl_link_is_ipip);
	SET(rtnl_link_ipip_set_ttl, 0);
	SET(rtnl_link_ipip_set_pmtudisc, 0);
	everything("zeroes", l);

	p = rtnl_link_alloc();
	printf("plain is_ipip %d\n", rtnl_link_is_ipip(p));
	rtnl_link_set_type(p, "ipip");
	rtnl_link_set_name(p, "ipip1");
	printf("typed is_ipip %d\n", rtnl_link_is_ipip(p));
	printf("identical %d diff %#llx\n",
	       nl_object_identical((struct nl_object *)p, (struct nl_object *)l),
	       (unsigned long long)nl_object_diff64((struct nl_object *)p, (struct nl_object *)l));
	rtnl_link_put(p);
	rtnl_link_put(l);

	m = msg_start("ipip", &d);
	nla_put_u32(m, IFLA_IPTUN_LINK, 2);
	nla_put_u32(m, IFLA_IPTUN_LOCAL, htonl(0xc0a80001));
	nla_put_u32(m, IFLA_IPTUN_REMOTE, htonl(0xc0a80002));
	nla_put_u8(m, IFLA_IPTUN_TTL, 255);
	nla_put_u8(m, IFLA_IPTUN_TOS, 1);
	nla_put_u8(m, IFLA_IPTUN_PMTUDISC, 1);
	nla_put_u32(m, IFLA_IPTUN_FWMARK, 7);
	nla_put_u16(m, IFLA_IPTUN_FLAGS, 3);
	msg_parse("full", m, d);
	m = msg_start("ipip", &d);
	nla_put_u8(m, IFLA_IPTUN_TTL, 3);
	msg_parse("ttl only", m, d);
	parse_bad("ipip", IFLA_IPTUN_MAX);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_ipip_add(sk, "ipip9"));
	printf("add NULL %d\n", rtnl_link_ipip_add(sk, NULL));
	nl_socket_free(sk);
	return 0;
}
