/* netlink/route/link/ip6vti.h (tests/route.rs; the kernel has no vti6: requests and parsed
 * messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/ip6vti.h>

static void show(struct rtnl_link *l)
{
	printf("ip6vti %d", rtnl_link_is_ip6vti(l));
	OUT("link", rtnl_link_ip6vti_get_link, uint32_t);
	OUT("ikey", rtnl_link_ip6vti_get_ikey, uint32_t);
	OUT("okey", rtnl_link_ip6vti_get_okey, uint32_t);
	OUT("fwmark", rtnl_link_ip6vti_get_fwmark, uint32_t);
	printf("\n");
	OUT6("local", rtnl_link_ip6vti_get_local);
	OUT6("remote", rtnl_link_ip6vti_get_remote);
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_ip6vti_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "vti1");
	SET(rtnl_link_ip6vti_set_link, 13);
	SET(rtnl_link_ip6vti_set_ikey, 0x1234);
	SET(rtnl_link_ip6vti_set_okey, 0x5678);
	SET(rtnl_link_ip6vti_set_local, &a6);
	SET(rtnl_link_ip6vti_set_remote, &b6);
	SET(rtnl_link_ip6vti_set_fwmark, 0x42);
	everything("set", l);
	in_cache(l, rtnl_link_is_ip6vti);
	rtnl_link_put(l);

	m = msg_start("vti6", &d);
	nla_put_u32(m, IFLA_VTI_LINK, 2);
	nla_put_u32(m, IFLA_VTI_IKEY, 9);
	nla_put_u32(m, IFLA_VTI_OKEY, 10);
	nla_put(m, IFLA_VTI_LOCAL, sizeof(b6), &b6);
	nla_put(m, IFLA_VTI_REMOTE, sizeof(a6), &a6);
	nla_put_u32(m, IFLA_VTI_FWMARK, 7);
	msg_parse("full", m, d);
	parse_bad("vti6", IFLA_VTI_MAX);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_ip6vti_add(sk, "vti9"));
	nl_socket_free(sk);
	return 0;
}
