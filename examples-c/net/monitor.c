/*
 * monitor.c - print link, IPv4 address and IPv4 route changes as the
 * kernel announces them, like a small "ip monitor", using the libnl-3 core
 * API only (multicast groups RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR and
 * RTNLGRP_IPV4_ROUTE on a NETLINK_ROUTE socket).
 *
 * Usage: monitor [-t SECONDS] [-n COUNT]
 *   -t  stop after SECONDS (default 1 without arguments; otherwise run
 *       until SIGINT/SIGTERM, then print what is still queued and exit)
 *   -n  stop after COUNT events
 * Prints "listening" once subscribed, then one line per change:
 *   link new|del <name> ifindex <n> <FLAG,...> mtu <mtu>
 *   addr new|del <address>/<prefix> dev <name>
 *   route new|del <dst>/<len> [via <gateway>] [dev <name>] table <table> type <type>
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <net/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/addr.h>
#include <netlink/errno.h>

/* <net/if.h> and <linux/if.h> do not mix; this one is only in the latter. */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* clang-format off */
static struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME]	= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[IFLA_MTU]	= { .type = NLA_U32 },
};

static struct nla_policy addr_policy[IFA_MAX + 1] = {
	[IFA_LABEL]	= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[IFA_FLAGS]	= { .type = NLA_U32 },
};

static struct nla_policy route_policy[RTA_MAX + 1] = {
	[RTA_OIF]	= { .type = NLA_U32 },
	[RTA_TABLE]	= { .type = NLA_U32 },
};
/* clang-format on */

static const struct {
	unsigned int bit;
	const char *name;
} flag_names[] = {
	{ IFF_UP, "UP" },
	{ IFF_BROADCAST, "BROADCAST" },
	{ IFF_LOOPBACK, "LOOPBACK" },
	{ IFF_RUNNING, "RUNNING" },
	{ IFF_NOARP, "NOARP" },
	{ IFF_MULTICAST, "MULTICAST" },
	{ IFF_LOWER_UP, "LOWER_UP" },
};

static void print_addr(const struct nlattr *attr, int family, int prefixlen)
{
	char buf[INET6_ADDRSTRLEN + 8];
	struct nl_addr *addr = nl_addr_alloc_attr(attr, family);

	if (!addr) {
		fputs("?", stdout);
		return;
	}
	if (prefixlen >= 0)
		nl_addr_set_prefixlen(addr, prefixlen);
	fputs(nl_addr2str(addr, buf, sizeof(buf)), stdout);
	nl_addr_put(addr);
}

/* Names of the links seen in link events. A route or address event can be
 * read after its device is gone, when if_indextoname() no longer knows it. */
#define MAX_NAMES 64

static struct {
	unsigned int index;
	char name[IF_NAMESIZE];
} names[MAX_NAMES];
static int n_names;

static void remember(unsigned int ifindex, const char *name)
{
	int i;

	for (i = 0; i < n_names && names[i].index != ifindex; i++)
		;
	if (i == n_names) {
		if (n_names == MAX_NAMES)
			return;
		n_names++;
	}
	names[i].index = ifindex;
	snprintf(names[i].name, sizeof(names[i].name), "%s", name);
}

static void print_dev(unsigned int ifindex)
{
	char name[IF_NAMESIZE];

	for (int i = 0; i < n_names; i++) {
		if (names[i].index == ifindex) {
			printf(" dev %s", names[i].name);
			return;
		}
	}
	if (if_indextoname(ifindex, name))
		printf(" dev %s", name);
	else
		printf(" dev #%u", ifindex);
}

static void link_event(struct nlmsghdr *nlh)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi = nlmsg_data(nlh);
	const char *sep = "";

	if (nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy) < 0)
		return;
	if (tb[IFLA_IFNAME])
		remember((unsigned int)ifi->ifi_index, nla_get_string(tb[IFLA_IFNAME]));
	printf("link %s %s ifindex %d <", nlh->nlmsg_type == RTM_NEWLINK ? "new" : "del",
	       tb[IFLA_IFNAME] ? nla_get_string(tb[IFLA_IFNAME]) : "?", ifi->ifi_index);
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++) {
		if (ifi->ifi_flags & flag_names[i].bit) {
			printf("%s%s", sep, flag_names[i].name);
			sep = ",";
		}
	}
	putchar('>');
	if (tb[IFLA_MTU])
		printf(" mtu %u", nla_get_u32(tb[IFLA_MTU]));
	putchar('\n');
}

static void addr_event(struct nlmsghdr *nlh)
{
	struct nlattr *tb[IFA_MAX + 1], *local;
	struct ifaddrmsg *ifa = nlmsg_data(nlh);

	if (nlmsg_parse(nlh, sizeof(*ifa), tb, IFA_MAX, addr_policy) < 0)
		return;
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	printf("addr %s ", nlh->nlmsg_type == RTM_NEWADDR ? "new" : "del");
	if (local)
		print_addr(local, ifa->ifa_family, ifa->ifa_prefixlen);
	else
		fputs("?", stdout);
	print_dev(ifa->ifa_index);
	putchar('\n');
}

static void route_event(struct nlmsghdr *nlh)
{
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg *rtm = nlmsg_data(nlh);
	char table[32], type[32];
	unsigned int tableid;

	if (nlmsg_parse(nlh, sizeof(*rtm), tb, RTA_MAX, route_policy) < 0)
		return;
	printf("route %s ", nlh->nlmsg_type == RTM_NEWROUTE ? "new" : "del");
	if (tb[RTA_DST])
		print_addr(tb[RTA_DST], rtm->rtm_family, rtm->rtm_dst_len);
	else
		fputs("default", stdout);
	if (tb[RTA_GATEWAY]) {
		fputs(" via ", stdout);
		print_addr(tb[RTA_GATEWAY], rtm->rtm_family, -1);
	}
	if (tb[RTA_OIF])
		print_dev(nla_get_u32(tb[RTA_OIF]));
	tableid = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	if (tableid == RT_TABLE_MAIN)
		snprintf(table, sizeof(table), "main");
	else if (tableid == RT_TABLE_LOCAL)
		snprintf(table, sizeof(table), "local");
	else
		snprintf(table, sizeof(table), "%u", tableid);
	switch (rtm->rtm_type) {
	case RTN_UNICAST:
		snprintf(type, sizeof(type), "unicast");
		break;
	case RTN_LOCAL:
		snprintf(type, sizeof(type), "local");
		break;
	case RTN_BROADCAST:
		snprintf(type, sizeof(type), "broadcast");
		break;
	default:
		snprintf(type, sizeof(type), "%u", rtm->rtm_type);
	}
	printf(" table %s type %s\n", table, type);
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	long *events = arg;

	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		link_event(nlh);
		break;
	case RTM_NEWADDR:
	case RTM_DELADDR:
		addr_event(nlh);
		break;
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		route_event(nlh);
		break;
	default:
		return NL_SKIP;
	}
	(*events)++;
	return NL_OK;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const int groups[] = { RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE };
	struct sigaction sa = { .sa_handler = on_signal };
	double seconds = argc == 1 ? 1 : -1, deadline;
	long max_events = -1, events = 0;
	struct nl_sock *sk;
	int opt, err;

	while ((opt = getopt(argc, argv, "t:n:")) != -1) {
		if (opt == 't') {
			seconds = atof(optarg);
		} else if (opt == 'n') {
			max_events = atol(optarg);
		} else {
			fprintf(stderr, "usage: monitor [-t SECONDS] [-n COUNT]\n");
			return 2;
		}
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "monitor: out of memory\n");
		return 1;
	}
	/* Notifications carry sequence number 0: not replies to us. */
	nl_socket_disable_seq_check(sk);
	err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, event_cb, &events);
	if (err >= 0)
		err = nl_connect(sk, NETLINK_ROUTE);
	for (size_t i = 0; err >= 0 && i < sizeof(groups) / sizeof(groups[0]); i++)
		err = nl_socket_add_membership(sk, groups[i]);
	if (err >= 0)
		err = nl_socket_set_buffer_size(sk, 1 << 20, 0);
	if (err < 0)
		goto out;
	printf("listening\n");
	fflush(stdout);

	deadline = seconds >= 0 ? now() + seconds : 0;
	while (max_events < 0 || events < max_events) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		int ms = 200, n;

		if (stop) {
			ms = 0; /* drain what is queued, then stop */
		} else if (seconds >= 0) {
			double left = deadline - now();

			if (left <= 0)
				break;
			if (left < 0.2)
				ms = (int)(left * 1000) + 1;
		}
		n = poll(&pfd, 1, ms);
		if (n <= 0) {
			if (stop)
				break;
			continue;
		}
		err = nl_recvmsgs_default(sk);
		fflush(stdout);
		if (err < 0)
			break;
	}
out:
	if (err < 0)
		fprintf(stderr, "monitor: %s\n", nl_geterror(err));
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
