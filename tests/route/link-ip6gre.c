/* netlink/route/link/ip6gre.h (tests/route.rs; the kernel has no ip6gre: requests and parsed
 * messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/ip6gre.h>

static void show(struct rtnl_link *l)
{
	printf("ip6gre %d", rtnl_link_is_ip6gre(l));
	OUT("link", rtnl_link_ip6gre_get_link, uint32_t);
	OUT("iflags", rtnl_link_ip6gre_get_iflags, uint16_t);
	OUT("oflags", rtnl_link_ip6gre_get_oflags, uint16_t);
	OUT("ikey", rtnl_link_ip6gre_get_ikey, uint32_t);
	OUT("okey", rtnl_link_ip6gre_get_okey, uint32_t);
	OUT("ttl", rtnl_link_ip6gre_get_ttl, uint8_t);
	OUT("encaplimit", rtnl_link_ip6gre_get_encaplimit, uint8_t);
	OUT("flowinfo", rtnl_link_ip6gre_get_flowinfo, uint32_t);
	OUT("flags", rtnl_link_ip6gre_get_flags, uint32_t);
	OUT("fwmark", rtnl_link_ip6gre_get_fwmark, uint32_t);
	printf("\n");
	OUT6("local", rtnl_link_ip6gre_get_local);
	OUT6("remote", rtnl_link_ip6gre_get_remote);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_ip6gre_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "g6");
	SET(rtnl_link_ip6gre_set_link, 13);
	SET(rtnl_link_ip6gre_set_iflags, GRE_KEY);
	SET(rtnl_link_ip6gre_set_oflags, GRE_KEY | GRE_SEQ);
	SET(rtnl_link_ip6gre_set_ikey, 0x1234);
	SET(rtnl_link_ip6gre_set_okey, 0x5678);
	SET(rtnl_link_ip6gre_set_local, &a6);
	SET(rtnl_link_ip6gre_set_remote, &b6);
	SET(rtnl_link_ip6gre_set_ttl, 64);
	SET(rtnl_link_ip6gre_set_encaplimit, 20);
	SET(rtnl_link_ip6gre_set_flowinfo, 0x12345);
	SET(rtnl_link_ip6gre_set_flags, 0x30001);
	SET(rtnl_link_ip6gre_set_fwmark, 0x42);
	everything("set", l);
	in_cache(l, rtnl_link_is_ip6gre);
	SET(rtnl_link_ip6gre_set_ttl, 0);
	SET(rtnl_link_ip6gre_set_flags, 0);
	everything("zero", l);
	rtnl_link_put(l);

	m = msg_start("ip6gre", &d);
	nla_put_u32(m, IFLA_GRE_LINK, 2);
	nla_put_u16(m, IFLA_GRE_IFLAGS, GRE_KEY);
	nla_put_u16(m, IFLA_GRE_OFLAGS, GRE_CSUM);
	nla_put_u32(m, IFLA_GRE_IKEY, 9);
	nla_put_u32(m, IFLA_GRE_OKEY, 10);
	nla_put(m, IFLA_GRE_LOCAL, sizeof(b6), &b6);
	nla_put(m, IFLA_GRE_REMOTE, sizeof(a6), &a6);
	nla_put_u8(m, IFLA_GRE_TTL, 255);
	nla_put_u8(m, IFLA_GRE_ENCAP_LIMIT, 8);
	nla_put_u32(m, IFLA_GRE_FLOWINFO, 0xabc);
	nla_put_u32(m, IFLA_GRE_FLAGS, 0x10);
	nla_put_u32(m, IFLA_GRE_FWMARK, 7);
	msg_parse("full", m, d);
	parse_bad("ip6gre", IFLA_GRE_FWMARK);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_ip6gre_add(sk, "g9"));
	nl_socket_free(sk);
	return 0;
}
