/* netlink/route/link/can.h (tests/route.rs; no can in this kernel): control mode names both
 * ways, every setter and getter on a link of kind can, requests and dumps, links parsed from
 * hand-built messages (every attribute, extended statistics, malformed variants), and the
 * comparison of can links. */
#include <linux/can/netlink.h>
#include <linux/if_link.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/can.h>
#include <stdio.h>
#include <string.h>
#include "route-test.h"

static void dump(struct rtnl_link *l)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++) {
		dp.dp_type = t;
		printf("-- dump %d\n", t);
		nl_object_dump((struct nl_object *)l, &dp);
	}
}

static void bt(const char *what, int err, const struct can_bittiming *b)
{
	printf(" %s %d [%u %u %u %u %u %u %u %u]", what, err, b->bitrate, b->sample_point, b->tq,
	       b->prop_seg, b->phase_seg1, b->phase_seg2, b->sjw, b->brp);
}

static void btc(const char *what, int err, const struct can_bittiming_const *c)
{
	printf(" %s %d [%.16s %u %u %u %u %u %u %u %u]", what, err, c->name, c->tseg1_min,
	       c->tseg1_max, c->tseg2_min, c->tseg2_max, c->sjw_max, c->brp_min, c->brp_max,
	       c->brp_inc);
}

static void show(const char *what, struct rtnl_link *l)
{
	struct can_bittiming b;
	struct can_bittiming_const c;
	struct can_berr_counter e;
	uint32_t v;
	int err;

	printf("%s: can %d\n ", what, rtnl_link_is_can(l));
	if (!rtnl_link_is_can(l)) {
		printf("\n");
		return;
	}
	v = 77;
	err = rtnl_link_can_freq(l, &v);
	printf(" freq %d %u", err, v);
	v = 77;
	err = rtnl_link_can_state(l, &v);
	printf(" state %d %u", err, v);
	printf(" berr_rx %d", rtnl_link_can_berr_rx(l));
	printf(" berr_tx %d", rtnl_link_can_berr_tx(l));
	memset(&e, 0x77, sizeof(e));
	err = rtnl_link_can_berr(l, &e);
	printf(" berr %d %u %u", err, e.txerr, e.rxerr);
	v = 77;
	err = rtnl_link_can_get_bitrate(l, &v);
	printf(" bitrate %d %u", err, v);
	v = 77;
	err = rtnl_link_can_get_sample_point(l, &v);
	printf(" sample_point %d %u", err, v);
	v = 77;
	err = rtnl_link_can_get_restart_ms(l, &v);
	printf(" restart_ms %d %u", err, v);
	v = 77;
	err = rtnl_link_can_get_ctrlmode(l, &v);
	printf(" ctrlmode %d %x\n ", err, v);
	memset(&b, 0x11, sizeof(b));
	err = rtnl_link_can_get_bittiming(l, &b);
	bt("bittiming", err, &b);
	memset(&b, 0x11, sizeof(b));
	err = rtnl_link_can_get_data_bittiming(l, &b);
	bt("data_bittiming", err, &b);
	printf("\n ");
	memset(&c, 0x41, sizeof(c));
	err = rtnl_link_can_get_bt_const(l, &c);
	btc("bt_const", err, &c);
	memset(&c, 0x41, sizeof(c));
	err = rtnl_link_can_get_data_bittiming_const(l, &c);
	btc("data_bt_const", err, &c);
	printf("\n");
}

static void parsed(struct nl_object *o, void *arg)
{
	struct nl_msg *m;
	int err;

	show(arg, (struct rtnl_link *)o);
	dump((struct rtnl_link *)o);
	err = rtnl_link_build_add_request((struct rtnl_link *)o, 0, &m);
	hex("request", err, m);
}

/* An RTM_NEWLINK for "can0" of kind can whose IFLA_INFO_DATA is `data` (raw bytes) and
 * IFLA_INFO_XSTATS `xs` when `xlen` is not negative. */
static void parse(const char *what, const void *data, int len, const void *xs, int xlen)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 5, .ifi_type = 280 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *li, *d;
	int err;

	nlmsg_set_proto(m, NETLINK_ROUTE);
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "can0");
	li = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, "can");
	d = nla_nest_start(m, IFLA_INFO_DATA);
	memcpy(nlmsg_reserve(m, len, NLA_ALIGNTO), data, len);
	nla_nest_end(m, d);
	if (xlen >= 0)
		nla_put(m, IFLA_INFO_XSTATS, xlen, xs);
	nla_nest_end(m, li);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}

static int put(unsigned char *p, int type, const void *v, int len)
{
	struct nlattr *a = (struct nlattr *)p;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(p + NLA_HDRLEN, v, len);
	memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return NLA_HDRLEN + NLA_ALIGN(len);
}

static int put32(unsigned char *p, int type, uint32_t v)
{
	return put(p, type, &v, 4);
}

static void parse_all(void)
{
	struct can_bittiming b = { 500000, 875, 125, 6, 7, 2, 1, 4 };
	struct can_bittiming db = { 2000000, 750, 25, 10, 11, 7, 3, 1 };
	struct can_bittiming_const c = { "sja1000", 1, 16, 1, 8, 4, 1, 64, 1 };
	struct can_bittiming_const dc = { "mcp251xfd-data", 1, 32, 1, 16, 16, 1, 256, 1 };
	struct can_ctrlmode cm = { 0x3f, 0x21 };
	struct can_berr_counter e = { 12, 34 };
	struct can_device_stats xs = { 1, 2, 3, 4, 5, 6 };
	unsigned char buf[512];
	int n;

	n = put(buf, IFLA_CAN_BITTIMING, &b, sizeof(b));
	n += put(buf + n, IFLA_CAN_BITTIMING_CONST, &c, sizeof(c));
	n += put32(buf + n, IFLA_CAN_CLOCK, 8000000);
	n += put32(buf + n, IFLA_CAN_STATE, CAN_STATE_ERROR_WARNING);
	n += put(buf + n, IFLA_CAN_CTRLMODE, &cm, sizeof(cm));
	n += put32(buf + n, IFLA_CAN_RESTART_MS, 100);
	n += put32(buf + n, IFLA_CAN_RESTART, 1);
	n += put(buf + n, IFLA_CAN_BERR_COUNTER, &e, sizeof(e));
	n += put(buf + n, IFLA_CAN_DATA_BITTIMING, &db, sizeof(db));
	n += put(buf + n, IFLA_CAN_DATA_BITTIMING_CONST, &dc, sizeof(dc));
	n += put(buf + n, IFLA_CAN_TERMINATION, "\x78\0", 2);
	parse("full", buf, n, &xs, sizeof(xs));
	parse("noxstats", buf, n, NULL, -1);
	parse("shortxstats", buf, n, &xs, 8);
	/* An empty IFLA_INFO_DATA leaves libnl 3.7.0 without can data: its getters crash. */

	for (int st = 0; st < 8; st++) {
		n = put32(buf, IFLA_CAN_STATE, st);
		parse("state", buf, n, NULL, -1);
	}
	n = put32(buf, IFLA_CAN_RESTART, 0);
	parse("restart0", buf, n, NULL, -1);
	n = put32(buf, IFLA_CAN_CLOCK, 16000000);
	parse("clock", buf, n, NULL, -1);
	n = put32(buf, IFLA_CAN_STATE, 9);
	n += put(buf + n, IFLA_CAN_BERR_COUNTER, &e, sizeof(e));
	parse("state9", buf, n, NULL, -1);

	n = put(buf, IFLA_CAN_BITTIMING, &b, sizeof(b) - 4);
	parse("shortbt", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_BITTIMING, &b, 4);
	parse("tinybt", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_BITTIMING_CONST, &c, sizeof(c) - 4);
	parse("shortbtc", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_DATA_BITTIMING, &db, sizeof(db) - 4);
	parse("shortdbt", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_DATA_BITTIMING_CONST, &dc, sizeof(dc) - 4);
	parse("shortdbtc", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_CTRLMODE, &cm, 4);
	parse("shortctrl", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_BERR_COUNTER, &e, 2);
	parse("shortberr", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_CLOCK, "\1\2", 2);
	parse("shortclock", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_STATE, "\1\2", 2);
	parse("shortstate", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_RESTART_MS, "\1\2", 2);
	parse("shortrestartms", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_RESTART, "\1\2", 2);
	parse("shortrestart", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_BITTIMING, &b, sizeof(b));
	buf[n++] = 0xff;
	buf[n++] = 0xff;
	parse("trailing", buf, n, NULL, -1);
	n = put(buf, IFLA_CAN_BITTIMING, &b, sizeof(b));
	n += put(buf + n, 40, "abcd", 4);
	parse("unknown", buf, n, NULL, -1);
	{
		unsigned char big[64];
		memset(big, 0x5a, sizeof(big));
		memcpy(big, &b, sizeof(b));
		n = put(buf, IFLA_CAN_BITTIMING, big, sizeof(big));
		memcpy(big, &c, sizeof(c));
		n += put(buf + n, IFLA_CAN_BITTIMING_CONST, big, sizeof(big));
		parse("long", buf, n, NULL, -1);
	}
}

int main(void)
{
	const char *names[] = { "loopback",
				"LISTEN-ONLY",
				"listen-only",
				"triple-sampling",
				"3-samples",
				"one-shot",
				"berr-reporting",
				"fd",
				"fd-non-iso",
				"presume-ack",
				"cc-len8-dlc",
				"bogus",
				"16",
				"" };
	struct can_bittiming b = { 250000, 800, 250, 5, 6, 4, 1, 2 };
	struct can_bittiming db = { 1000000, 700, 50, 8, 9, 6, 2, 1 };
	struct can_bittiming_const c = { "probe", 2, 16, 2, 8, 4, 1, 64, 1 };
	struct rtnl_link *l, *l2;
	struct nl_msg *m;
	char buf[128];
	int i, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = -1; i < 0x800; i = i < 0x40 ? i + 1 : i * 2 + 1)
		printf("ctrlmode %x %s\n", i, rtnl_link_can_ctrlmode2str(i, buf, sizeof(buf)));
	printf("short [%s]\n", rtnl_link_can_ctrlmode2str(3, buf, 12));
	printf("short [%s]\n", rtnl_link_can_ctrlmode2str(0x4000, buf, 4));
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		printf("str2ctrlmode '%s' %d\n", names[i], rtnl_link_can_str2ctrlmode(names[i]));

	l = rtnl_link_alloc();
	show("plain", l);
	printf("set_type %d\n", rtnl_link_set_type(l, "can"));
	rtnl_link_set_name(l, "can9");
	show("fresh", l);
	printf("NULL out: %d %d %d %d %d %d %d\n", rtnl_link_can_freq(l, NULL),
	       rtnl_link_can_state(l, NULL), rtnl_link_can_berr(l, NULL),
	       rtnl_link_can_get_bt_const(l, NULL), rtnl_link_can_get_bittiming(l, NULL),
	       rtnl_link_can_set_bittiming(l, NULL), rtnl_link_can_get_bitrate(l, NULL));
	printf("NULL out: %d %d %d %d %d %d %d\n", rtnl_link_can_get_sample_point(l, NULL),
	       rtnl_link_can_get_restart_ms(l, NULL), rtnl_link_can_get_ctrlmode(l, NULL),
	       rtnl_link_can_get_data_bittiming_const(l, NULL),
	       rtnl_link_can_set_data_bittiming_const(l, NULL),
	       rtnl_link_can_get_data_bittiming(l, NULL),
	       rtnl_link_can_set_data_bittiming(l, NULL));
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("fresh request", err, m);
	dump(l);
	printf("restart %d\n", rtnl_link_can_restart(l));
	show("restart", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("restart request", err, m);
	dump(l);
	printf("set_bitrate %d\n", rtnl_link_can_set_bitrate(l, 125000));
	show("bitrate", l);
	printf("set_sample_point %d\n", rtnl_link_can_set_sample_point(l, 875));
	show("sample_point", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("bitrate request", err, m);
	printf("set_bittiming %d\n", rtnl_link_can_set_bittiming(l, &b));
	printf("set_restart_ms %d\n", rtnl_link_can_set_restart_ms(l, 250));
	printf("set_ctrlmode %d\n", rtnl_link_can_set_ctrlmode(l, CAN_CTRLMODE_LOOPBACK));
	printf("set_ctrlmode %d\n", rtnl_link_can_set_ctrlmode(l, CAN_CTRLMODE_FD | 0x1000));
	show("set", l);
	printf("unset_ctrlmode %d\n", rtnl_link_can_unset_ctrlmode(l, CAN_CTRLMODE_LOOPBACK));
	printf("set_data_bittiming %d\n", rtnl_link_can_set_data_bittiming(l, &db));
	printf("set_data_bittiming_const %d\n", rtnl_link_can_set_data_bittiming_const(l, &c));
	show("all", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("all request", err, m);
	dump(l);
	printf("set_bitrate %d\n", rtnl_link_can_set_bitrate(l, 1000000));
	printf("set_sample_point %d\n", rtnl_link_can_set_sample_point(l, 873));
	show("after bt", l);
	dump(l);
	printf("NULL out: %d %d %d %d %d %d\n", rtnl_link_can_get_bittiming(l, NULL),
	       rtnl_link_can_get_bitrate(l, NULL), rtnl_link_can_get_sample_point(l, NULL),
	       rtnl_link_can_get_restart_ms(l, NULL), rtnl_link_can_get_ctrlmode(l, NULL),
	       rtnl_link_can_get_data_bittiming(l, NULL));
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("after request", err, m);

	l2 = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
	printf("clone identical %d\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2));
	rtnl_link_can_set_restart_ms(l2, 1);
	printf("restart_ms identical %d diff %llx\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2),
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)l2));
	err = rtnl_link_build_change_request(l, l2, 0, &m);
	hex("change request", err, m);
	rtnl_link_put(l2);
	rtnl_link_put(l);

	parse_all();
	return 0;
}
