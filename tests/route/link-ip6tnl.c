/* netlink/route/link/ip6tnl.h (tests/route.rs; the kernel has no ip6tnl: requests and parsed
 * messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/ip6tnl.h>

static void show(struct rtnl_link *l)
{
	printf("ip6tnl %d", rtnl_link_is_ip6_tnl(l));
	VAL("link", rtnl_link_ip6_tnl_get_link);
	VAL("ttl", rtnl_link_ip6_tnl_get_ttl);
	VAL("tos", rtnl_link_ip6_tnl_get_tos);
	VAL("encaplimit", rtnl_link_ip6_tnl_get_encaplimit);
	VAL("flags", rtnl_link_ip6_tnl_get_flags);
	VAL("flowinfo", rtnl_link_ip6_tnl_get_flowinfo);
	VAL("proto", rtnl_link_ip6_tnl_get_proto);
	OUT("fwmark", rtnl_link_ip6_tnl_get_fwmark, uint32_t);
	printf("\n");
	OUT6("local", rtnl_link_ip6_tnl_get_local);
	OUT6("remote", rtnl_link_ip6_tnl_get_remote);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_ip6_tnl_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "t6");
	SET(rtnl_link_ip6_tnl_set_link, 13);
	SET(rtnl_link_ip6_tnl_set_local, &a6);
	SET(rtnl_link_ip6_tnl_set_remote, &b6);
	SET(rtnl_link_ip6_tnl_set_ttl, 64);
	SET(rtnl_link_ip6_tnl_set_tos, 0x10);
	SET(rtnl_link_ip6_tnl_set_encaplimit, 20);
	SET(rtnl_link_ip6_tnl_set_flags, 0x30001);
	SET(rtnl_link_ip6_tnl_set_flowinfo, 0x12345);
	SET(rtnl_link_ip6_tnl_set_proto, 41);
	SET(rtnl_link_ip6_tnl_set_fwmark, 0x42);
	everything("set", l);
	in_cache(l, rtnl_link_is_ip6_tnl);
	SET(rtnl_link_ip6_tnl_set_flags, 0x2);
	SET(rtnl_link_ip6_tnl_set_proto, 4);
	everything("again", l);
	SET(rtnl_link_ip6_tnl_set_proto, 0);
	SET(rtnl_link_ip6_tnl_set_flags, 0);
	everything("zero", l);
	rtnl_link_put(l);

	m = msg_start("ip6tnl", &d);
	nla_put_u32(m, IFLA_IPTUN_LINK, 2);
	nla_put(m, IFLA_IPTUN_LOCAL, sizeof(b6), &b6);
	nla_put(m, IFLA_IPTUN_REMOTE, sizeof(a6), &a6);
	nla_put_u8(m, IFLA_IPTUN_TTL, 255);
	nla_put_u8(m, IFLA_IPTUN_TOS, 1);
	nla_put_u8(m, IFLA_IPTUN_ENCAP_LIMIT, 8);
	nla_put_u32(m, IFLA_IPTUN_FLOWINFO, 0xabc);
	nla_put_u32(m, IFLA_IPTUN_FLAGS, 0x10);
	nla_put_u8(m, IFLA_IPTUN_PROTO, 4);
	nla_put_u32(m, IFLA_IPTUN_FWMARK, 7);
	msg_parse("full", m, d);
	parse_bad("ip6tnl", IFLA_IPTUN_MAX);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_ip6_tnl_add(sk, "t9"));
	nl_socket_free(sk);
	return 0;
}
