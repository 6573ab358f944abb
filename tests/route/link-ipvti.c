/* netlink/route/link/ipvti.h (tests/route.rs; the kernel has no vti: requests and parsed
 * messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/ipvti.h>

static void show(struct rtnl_link *l)
{
	printf("ipvti %d", rtnl_link_is_ipvti(l));
	VAL("link", rtnl_link_ipvti_get_link);
	VAL("ikey", rtnl_link_ipvti_get_ikey);
	VAL("okey", rtnl_link_ipvti_get_okey);
	VAL("local", rtnl_link_ipvti_get_local);
	VAL("remote", rtnl_link_ipvti_get_remote);
	OUT("fwmark", rtnl_link_ipvti_get_fwmark, uint32_t);
	printf("\n");
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_ipvti_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "vti1");
	SET(rtnl_link_ipvti_set_link, 13);
	SET(rtnl_link_ipvti_set_ikey, 0x1234);
	SET(rtnl_link_ipvti_set_okey, 0x5678);
	SET(rtnl_link_ipvti_set_local, htonl(0x0a000001));
	SET(rtnl_link_ipvti_set_remote, htonl(0x0a000002));
	SET(rtnl_link_ipvti_set_fwmark, 0x42);
	everything("set", l);
	in_cache(l, rtnl_link_is_ipvti);
	rtnl_link_put(l);

	m = msg_start("vti", &d);
	nla_put_u32(m, IFLA_VTI_LINK, 2);
	nla_put_u32(m, IFLA_VTI_IKEY, 9);
	nla_put_u32(m, IFLA_VTI_OKEY, 10);
	nla_put_u32(m, IFLA_VTI_LOCAL, htonl(0xc0a80001));
	nla_put_u32(m, IFLA_VTI_REMOTE, htonl(0xc0a80002));
	nla_put_u32(m, IFLA_VTI_FWMARK, 7);
	msg_parse("full", m, d);
	parse_bad("vti", IFLA_VTI_MAX);

	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	printf("add %d\n", rtnl_link_ipvti_add(sk, "vti9"));
	nl_socket_free(sk);
	return 0;
}
