/* netlink/route/link/xfrmi.h (tests/route.rs; the kernel has no xfrm interfaces: requests
 * and parsed messages only, see tunnel.h). */
#include "tunnel.h"
#include <netlink/route/link/xfrmi.h>

static void show(struct rtnl_link *l)
{
	printf("xfrmi %d", rtnl_link_is_xfrmi(l));
	OUT("link", rtnl_link_xfrmi_get_link, uint32_t);
	OUT("if_id", rtnl_link_xfrmi_get_if_id, uint32_t);
	printf("\n");
}

int main(void)
{
	struct rtnl_link *l;
	struct nlattr *d;
	struct nl_msg *m;

	start();
	l = rtnl_link_xfrmi_alloc();
	everything("alloc", l);
	rtnl_link_set_name(l, "xfrm1");
	SET(rtnl_link_xfrmi_set_link, 13);
	SET(rtnl_link_xfrmi_set_if_id, 0x1234);
	everything("set", l);
	in_cache(l, rtnl_link_is_xfrmi);
	rtnl_link_put(l);

	m = msg_start("xfrm", &d);
	nla_put_u32(m, IFLA_XFRM_LINK, 2);
	nla_put_u32(m, IFLA_XFRM_IF_ID, 9);
	msg_parse("full", m, d);
	parse_bad("xfrm", IFLA_XFRM_MAX);
	return 0;
}
