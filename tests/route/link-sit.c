/* netlink/route/link/sit.h (tests/route.rs; the kernel has no sit: requests and parsed
 * messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/sit.h>

static void show(struct rtnl_link *l)
{
	printf("sit %d", rtnl_link_is_sit(l));
	VAL("link", rtnl_link_sit_get_link);
	VAL("local", rtnl_link_sit_get_local);
	VAL("remote", rtnl_link_sit_get_remote);
	VAL("ttl", rtnl_link_sit_get_ttl);
	VAL("tos", rtnl_link_sit_get_tos);
	VAL("pmtudisc", rtnl_link_sit_get_pmtudisc);
	VAL("flags", rtnl_link_sit_get_flags);
	VAL("proto", rtnl_link_sit_get_proto);
	OUT("fwmark", rtnl_link_sit_get_fwmark, uint32_t);
	OUT("relay_prefix", rtnl_link_sit_get_ip6rd_relay_prefix, uint32_t);
	OUT("prefixlen", rtnl_link_sit_get_ip6rd_prefixlen, uint16_t);
	OUT("relay_prefixlen", rtnl_link_sit_get_ip6rd_relay_prefixlen, uint16_t);
	printf("\n");
	OUT6("prefix", rtnl_link_sit_get_ip6rd_prefix);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct in6_addr a;
	struct rtnl_link *l;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_sit_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "sit1");
	SET(rtnl_link_sit_set_link, 13);
	SET(rtnl_link_sit_set_local, htonl(0x0a000001));
	SET(rtnl_link_sit_set_remote, htonl(0x0a000002));
	SET(rtnl_link_sit_set_ttl, 64);
	SET(rtnl_link_sit_set_tos, 0x10);
	SET(rtnl_link_sit_set_pmtudisc, 1);
	SET(rtnl_link_sit_set_flags, 0x8000);
	SET(rtnl_link_sit_set_proto, 41);
	SET(rtnl_link_sit_set_fwmark, 0x42);
	inet_pton(AF_INET6, "2001:db8::", &a);
	SET(rtnl_link_sit_set_ip6rd_prefix, &a);
	SET(rtnl_link_sit_set_ip6rd_prefixlen, 32);
	SET(rtnl_link_sit_set_ip6rd_relay_prefix, htonl(0x0a000000));
	SET(rtnl_link_sit_set_ip6rd_relay_prefixlen, 8);
	everything("set", l);
	in_cache(l, rtnl_link_is_sit);
	SET(rtnl_link_sit_set_flags, 0x1);
	SET(rtnl_link_sit_set_pmtudisc, 0);
	SET(rtnl_link_sit_set_ttl, 0);
	everything("again", l);
	rtnl_link_put(l);

	l = rtnl_link_sit_alloc();
	SET(rtnl_link_sit_set_ip6rd_prefixlen, 16);
	everything("prefixlen only", l);
	rtnl_link_put(l);
	l = rtnl_link_sit_alloc();
	SET(rtnl_link_sit_set_ip6rd_relay_prefix, htonl(0x0a000000));
	everything("relay only", l);
	rtnl_link_put(l);

	inet_pton(AF_INET6, "2001:db8:1::", &a);
	m = msg_start("sit", &d);
	nla_put_u32(m, IFLA_IPTUN_LINK, 2);
	nla_put_u32(m, IFLA_IPTUN_LOCAL, htonl(0xc0a80001));
	nla_put_u32(m, IFLA_IPTUN_REMOTE, htonl(0xc0a80002));
	nla_put_u8(m, IFLA_IPTUN_TTL, 255);
	nla_put_u8(m, IFLA_IPTUN_TOS, 1);
	nla_put_u8(m, IFLA_IPTUN_PMTUDISC, 1);
	nla_put_u16(m, IFLA_IPTUN_FLAGS, 0x8001);
	nla_put_u8(m, IFLA_IPTUN_PROTO, 4);
	nla_put(m, IFLA_IPTUN_6RD_PREFIX, sizeof(a), &a);
	nla_put_u32(m, IFLA_IPTUN_6RD_RELAY_PREFIX, htonl(0x0a010000));
	nla_put_u16(m, IFLA_IPTUN_6RD_PREFIXLEN, 48);
	nla_put_u16(m, IFLA_IPTUN_6RD_RELAY_PREFIXLEN, 16);
	nla_put_u32(m, IFLA_IPTUN_FWMARK, 7);
	msg_parse("full", m, d);
	parse_bad("sit", IFLA_IPTUN_MAX);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_sit_add(sk, "sit9"));
	nl_socket_free(sk);
	return 0;
}
