/* netlink/route/link/ppp.h (tests/route.rs; this kernel has no ppp): the file descriptor set and read, the request bytes, the dumps, and messages parsed by hand (well-formed, short and malformed attributes). */
#include <linux/if_link.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/ppp.h>
#include <stdio.h>
#include <string.h>

#define KIND "ppp"

static void hex(const char *what, int err, struct nl_msg *m)
{
	struct nlmsghdr *h;

	printf("%s: %d", what, err);
	if (err >= 0) {
		h = nlmsg_hdr(m);
		printf(" ");
		for (unsigned i = 16; i < h->nlmsg_len; i++)
			printf("%02x", ((unsigned char *)h)[i]);
		nlmsg_free(m);
	}
	printf("\n");
}

static void dump(struct rtnl_link *l)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++) {
		printf("-- dump %d\n", t);
		dp.dp_type = t;
		nl_object_dump((struct nl_object *)l, &dp);
	}
	printf("-- dump 1, prefix 2\n");
	dp.dp_type = NL_DUMP_DETAILS;
	dp.dp_prefix = 2;
	nl_object_dump((struct nl_object *)l, &dp);
	printf("\n");
}

static void show(const char *what, struct rtnl_link *l);

static void parsed(struct nl_object *o, void *arg)
{
	struct nl_msg *m;
	int err;

	show((const char *)arg, (struct rtnl_link *)o);
	dump((struct rtnl_link *)o);
	err = rtnl_link_build_add_request((struct rtnl_link *)o, 0, &m);
	hex("parsed request", err, m);
}

/* An RTM_NEWLINK for "p0" of kind KIND whose INFO_DATA holds `len` bytes of `data` (no
 * INFO_DATA at all for a negative len). */
static void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 9 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *info, *d;
	int err;

	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "p0");
	info = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, KIND);
	if (len >= 0) {
		d = nla_nest_start(m, IFLA_INFO_DATA);
		if (len)
			memcpy(nlmsg_reserve(m, len, NLA_ALIGNTO), data, len);
		nla_nest_end(m, d);
	}
	nla_nest_end(m, info);
	nlmsg_set_proto(m, NETLINK_ROUTE);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}

/* Appends attribute `type` with `len` bytes of `v` to buf at *off. */
static void put(unsigned char *buf, int *off, int type, const void *v, int len)
{
	struct nlattr *a = (struct nlattr *)(buf + *off);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memset(buf + *off + NLA_HDRLEN, 0, NLA_ALIGN(len));
	if (len)
		memcpy(buf + *off + NLA_HDRLEN, v, len);
	*off += NLA_HDRLEN + NLA_ALIGN(len);
}

static void show(const char *what, struct rtnl_link *l)
{
	int32_t fd = 7;
	int err = rtnl_link_ppp_get_fd(l, &fd);

	printf("%s: fd %d %d\n", what, err, fd);
}

int main(void)
{
	unsigned char buf[64];
	struct rtnl_link *l, *k;
	struct nl_msg *m;
	uint16_t u16;
	int32_t s32;
	int off, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	l = rtnl_link_ppp_alloc();
	show("alloc", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("alloc request", err, m);
	dump(l);
	rtnl_link_set_name(l, "ppp0");
	printf("set_fd %d", rtnl_link_ppp_set_fd(l, 5));
	printf(" %d\n", rtnl_link_ppp_set_fd(l, -3));
	show("set", l);
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);
	k = rtnl_link_ppp_alloc();
	printf("diff %#llx\n",
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)k));
	rtnl_link_put(k);
	rtnl_link_put(l);

	off = 0;
	s32 = 12;
	put(buf, &off, IFLA_PPP_DEV_FD, &s32, 4);
	parse("fd", buf, off);
	off = 0;
	u16 = 5;
	put(buf, &off, IFLA_PPP_DEV_FD, &u16, 2);
	parse("short fd", buf, off);
	off = 0;
	put(buf, &off, 3, &s32, 4);
	parse("unknown", buf, off);
	return 0;
}
