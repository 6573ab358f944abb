/* netlink/route/link/ipgre.h: kinds gre and gretap (tests/route.rs; the kernel has neither:
 * requests and parsed messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/ipgre.h>

static void show(struct rtnl_link *l)
{
	printf("ipgre %d gretap %d", rtnl_link_is_ipgre(l), rtnl_link_is_ipgretap(l));
	VAL("link", rtnl_link_ipgre_get_link);
	VAL("iflags", rtnl_link_ipgre_get_iflags);
	VAL("oflags", rtnl_link_ipgre_get_oflags);
	VAL("ikey", rtnl_link_ipgre_get_ikey);
	VAL("okey", rtnl_link_ipgre_get_okey);
	VAL("local", rtnl_link_ipgre_get_local);
	VAL("remote", rtnl_link_ipgre_get_remote);
	VAL("ttl", rtnl_link_ipgre_get_ttl);
	VAL("tos", rtnl_link_ipgre_get_tos);
	VAL("pmtudisc", rtnl_link_ipgre_get_pmtudisc);
	OUT("fwmark", rtnl_link_ipgre_get_fwmark, uint32_t);
	printf("\n");
}

static void set_all(struct rtnl_link *l)
{
	SET(rtnl_link_ipgre_set_link, 13);
	SET(rtnl_link_ipgre_set_iflags, GRE_KEY);
	SET(rtnl_link_ipgre_set_oflags, GRE_KEY | GRE_SEQ);
	SET(rtnl_link_ipgre_set_ikey, 0x1234);
	SET(rtnl_link_ipgre_set_okey, 0x5678);
	SET(rtnl_link_ipgre_set_local, htonl(0x0a000001));
	SET(rtnl_link_ipgre_set_remote, htonl(0x0a000002));
	SET(rtnl_link_ipgre_set_ttl, 64);
	SET(rtnl_link_ipgre_set_tos, 0x10);
	SET(rtnl_link_ipgre_set_pmtudisc, 1);
	SET(rtnl_link_ipgre_set_fwmark, 0x42);
}

static void full(const char *kind)
{
	struct nlattr *d;
	struct nl_msg *m = msg_start(kind, &d);

	nla_put_u32(m, IFLA_GRE_LINK, 2);
	nla_put_u16(m, IFLA_GRE_IFLAGS, GRE_KEY);
	nla_put_u16(m, IFLA_GRE_OFLAGS, GRE_CSUM);
	nla_put_u32(m, IFLA_GRE_IKEY, 9);
	nla_put_u32(m, IFLA_GRE_OKEY, 10);
	nla_put_u32(m, IFLA_GRE_LOCAL, htonl(0xc0a80001));
	nla_put_u32(m, IFLA_GRE_REMOTE, htonl(0xc0a80002));
	nla_put_u8(m, IFLA_GRE_TTL, 255);
	nla_put_u8(m, IFLA_GRE_TOS, 1);
	nla_put_u8(m, IFLA_GRE_PMTUDISC, 1);
	nla_put_u32(m, IFLA_GRE_FWMARK, 7);
	msg_parse(kind, m, d);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l;

	start();
	l = rtnl_link_ipgre_alloc();
	everything("alloc gre", l);
	rtnl_link_set_name(l, "gre1");
	set_all(l);
	everything("set gre", l);
	in_cache(l, rtnl_link_is_ipgre);
	SET(rtnl_link_ipgre_set_ttl, 0);
	SET(rtnl_link_ipgre_set_pmtudisc, 0);
	SET(rtnl_link_ipgre_set_iflags, 0);
	everything("zeroes gre", l);
	rtnl_link_put(l);

	l = rtnl_link_ipgretap_alloc();
	everything("alloc gretap", l);
	rtnl_link_set_name(l, "gt1");
	set_all(l);
	everything("set gretap", l);
	in_cache(l, rtnl_link_is_ipgretap);
	rtnl_link_put(l);

	full("gre");
	full("gretap");
	parse_bad("gre", IFLA_GRE_MAX);
	parse_bad("gretap", IFLA_GRE_FWMARK);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_ipgre_add(sk, "gre9"));
	printf("add tap %d\n", rtnl_link_ipgretap_add(sk, "gt9"));
	nl_socket_free(sk);
	return 0;
}
