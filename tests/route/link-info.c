/* rtnl_link_fill_info and rtnl_link_info_parse (netlink/route/link.h) against libnl
 * (tests/route.rs): the generic attributes a link writes into a message, and those read back
 * from a parsed attribute table (a request's, and a hand-built message with every generic
 * attribute), with the attribute list and dump of the result; a table without a name. */
#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/route/link.h>
#include <netlink/route/link/inet.h>
#include <stdio.h>
#include <string.h>

static void hexm(const char *w, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	printf("%s:", w);
	for (unsigned i = 16; i < h->nlmsg_len; i++)
		printf("%02x", ((unsigned char *)h)[i]);
	printf("\n");
}

static void parsed(const char *w, struct nl_msg *m)
{
	struct nl_dump_params dp = { .dp_type = NL_DUMP_STATS, .dp_fd = stdout };
	struct nlattr *tb[IFLA_MAX + 1];
	struct rtnl_link *p = rtnl_link_alloc();
	char buf[512];

	printf("%s nlmsg_parse %d\n", w,
	       nlmsg_parse(nlmsg_hdr(m), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL));
	printf("%s info_parse %d\n", w, rtnl_link_info_parse(p, tb));
	printf("%s attrs [%s]\n", w, nl_object_attr_list((struct nl_object *)p, buf, sizeof(buf)));
	nl_object_dump((struct nl_object *)p, &dp);
	rtnl_link_put(p);
}

int main(void)
{
	struct rtnl_link *l = rtnl_link_alloc();
	struct nlattr *tb[IFLA_MAX + 1];
	struct rtnl_link_stats64 st;
	struct rtnl_link_stats s32;
	struct rtnl_link_ifmap map = { .mem_start = 1, .irq = 5 };
	struct ifinfomsg ifi = { 0 };
	struct nl_msg *m, *r;
	struct nl_addr *a;

	setvbuf(stdout, NULL, _IONBF, 0);
	rtnl_link_set_name(l, "x0");
	rtnl_link_set_mtu(l, 1400);
	rtnl_link_set_txqlen(l, 5);
	rtnl_link_set_link(l, 3);
	rtnl_link_set_master(l, 4);
	rtnl_link_set_ifalias(l, "al");
	rtnl_link_set_operstate(l, 6);
	rtnl_link_set_linkmode(l, 1);
	rtnl_link_set_group(l, 9);
	rtnl_link_set_num_tx_queues(l, 2);
	rtnl_link_set_num_rx_queues(l, 3);
	rtnl_link_set_carrier(l, 1);
	rtnl_link_set_promiscuity(l, 1);
	rtnl_link_set_ns_pid(l, 77);
	nl_addr_parse("02:00:00:00:00:01", AF_LLC, &a);
	rtnl_link_set_addr(l, a);
	rtnl_link_set_broadcast(l, a);
	nl_addr_put(a);
	rtnl_link_set_type(l, "bridge");
	rtnl_link_inet_set_conf(l, 1, 1);
	rtnl_link_set_qdisc(l, "noq");

	m = nlmsg_alloc();
	printf("fill %d\n", rtnl_link_fill_info(m, l));
	hexm("fill", m);
	nlmsg_free(m);
	m = nlmsg_alloc_size(64);
	printf("fill small %d\n", rtnl_link_fill_info(m, l));
	nlmsg_free(m);
	printf("add %d\n", rtnl_link_build_add_request(l, 0, &r));
	hexm("add", r);
	parsed("request", r);
	nlmsg_free(r);

	/* every generic attribute */
	m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	nlmsg_append(m, &ifi, sizeof(ifi), 4);
	nla_put_string(m, IFLA_IFNAME, "y0");
	nla_put_string(m, IFLA_QDISC, "q");
	nla_put(m, IFLA_MAP, sizeof(map), &map);
	memset(&st, 0, sizeof(st));
	st.rx_packets = 7;
	st.tx_bytes = 4096;
	nla_put(m, IFLA_STATS64, sizeof(st), &st);
	memset(&s32, 0, sizeof(s32));
	s32.tx_packets = 9;
	nla_put(m, IFLA_STATS, sizeof(s32), &s32);
	nla_put_u32(m, IFLA_LINK_NETNSID, 2);
	nla_put_u32(m, IFLA_CARRIER_CHANGES, 3);
	nla_put_u32(m, IFLA_NET_NS_FD, 4);
	nla_put_u32(m, IFLA_NET_NS_PID, 5);
	nla_put_u32(m, IFLA_PROMISCUITY, 6);
	nla_put_u32(m, IFLA_NUM_TX_QUEUES, 7);
	nla_put_u32(m, IFLA_NUM_RX_QUEUES, 8);
	nla_put_u32(m, IFLA_GROUP, 9);
	nla_put_u32(m, IFLA_GSO_MAX_SEGS, 10);
	nla_put_u32(m, IFLA_GSO_MAX_SIZE, 11);
	nla_put(m, IFLA_PHYS_PORT_ID, 2, "ab");
	nla_put_string(m, IFLA_PHYS_PORT_NAME, "pp");
	nla_put(m, IFLA_PHYS_SWITCH_ID, 2, "cd");
	nla_put_u32(m, IFLA_NUM_VF, 0);
	nla_put_u32(m, IFLA_MTU, 9000);
	nla_put_u8(m, IFLA_CARRIER, 1);
	parsed("all", m);
	nlmsg_free(m);

	memset(tb, 0, sizeof(tb));
	printf("no name %d\n", rtnl_link_info_parse(l, tb));
	rtnl_link_put(l);
	return 0;
}
