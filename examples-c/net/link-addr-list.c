/*
 * link-addr-list.c - list network interfaces and their addresses, like a
 * small "ip -d link; ip addr" built on the libnl-3 core API only.
 *
 * Usage: link-addr-list
 * Sends an RTM_GETLINK dump and then an RTM_GETADDR dump over one
 * NETLINK_ROUTE socket. Each reply is parsed with nlmsg_parse() and an
 * attribute policy; the output has one line per interface:
 *   link <ifindex>: <name> <FLAG,...> mtu <mtu> [mac <address>]
 * and one line per address:
 *   addr <ifindex>: <name> <family> <address>/<prefix> [peer <address>] [label <label>]
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* <net/if.h> and <linux/if.h> do not mix; these two are only in the latter. */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif
#ifndef IFF_DORMANT
#define IFF_DORMANT 0x20000
#endif

/* Interface names remembered from the link dump, for the address lines. */
#define MAX_NAMES 64

struct names {
	int index[MAX_NAMES];
	char name[MAX_NAMES][IFNAMSIZ];
	int n;
};

static const char *name_of(const struct names *names, int ifindex)
{
	for (int i = 0; i < names->n; i++)
		if (names->index[i] == ifindex)
			return names->name[i];
	return "?";
}

static const struct {
	unsigned int bit;
	const char *name;
} flag_names[] = {
	{ IFF_UP, "UP" },
	{ IFF_BROADCAST, "BROADCAST" },
	{ IFF_LOOPBACK, "LOOPBACK" },
	{ IFF_POINTOPOINT, "POINTOPOINT" },
	{ IFF_RUNNING, "RUNNING" },
	{ IFF_NOARP, "NOARP" },
	{ IFF_PROMISC, "PROMISC" },
	{ IFF_ALLMULTI, "ALLMULTI" },
	{ IFF_MULTICAST, "MULTICAST" },
	{ IFF_LOWER_UP, "LOWER_UP" },
	{ IFF_DORMANT, "DORMANT" },
};

static void print_flags(unsigned int flags)
{
	const char *sep = "";

	putchar('<');
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++) {
		if (flags & flag_names[i].bit) {
			printf("%s%s", sep, flag_names[i].name);
			sep = ",";
		}
	}
	putchar('>');
}

/* Prints an address attribute through an nl_addr object. */
static void print_addr(const struct nlattr *attr, int family)
{
	char buf[INET6_ADDRSTRLEN + 8];
	struct nl_addr *addr = nl_addr_alloc_attr(attr, family);

	if (!addr) {
		fputs("?", stdout);
		return;
	}
	fputs(nl_addr2str(addr, buf, sizeof(buf)), stdout);
	nl_addr_put(addr);
}

/* clang-format off */
static struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME]	= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[IFLA_MTU]	= { .type = NLA_U32 },
	[IFLA_ADDRESS]	= { .type = NLA_UNSPEC },
};

static struct nla_policy addr_policy[IFA_MAX + 1] = {
	[IFA_ADDRESS]	= { .type = NLA_UNSPEC },
	[IFA_LOCAL]	= { .type = NLA_UNSPEC },
	[IFA_LABEL]	= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
};
/* clang-format on */

static int link_cb(struct nl_msg *msg, void *arg)
{
	struct names *names = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi;
	const char *name = "?";
	int err;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return NL_SKIP;
	err = nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
	if (err < 0) {
		fprintf(stderr, "link: bad message: %s\n", nl_geterror(err));
		return NL_SKIP;
	}
	ifi = nlmsg_data(nlh);
	if (tb[IFLA_IFNAME])
		name = nla_get_string(tb[IFLA_IFNAME]);
	if (names->n < MAX_NAMES) {
		names->index[names->n] = ifi->ifi_index;
		snprintf(names->name[names->n], IFNAMSIZ, "%s", name);
		names->n++;
	}

	printf("link %d: %s ", ifi->ifi_index, name);
	print_flags(ifi->ifi_flags);
	if (tb[IFLA_MTU])
		printf(" mtu %u", nla_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) > 0) {
		fputs(" mac ", stdout);
		print_addr(tb[IFLA_ADDRESS], AF_LLC);
	}
	putchar('\n');
	return NL_OK;
}

static int addr_cb(struct nl_msg *msg, void *arg)
{
	const struct names *names = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[IFA_MAX + 1], *local;
	struct ifaddrmsg *ifa;
	char fam[16];
	int err;

	if (nlh->nlmsg_type != RTM_NEWADDR)
		return NL_SKIP;
	err = nlmsg_parse(nlh, sizeof(*ifa), tb, IFA_MAX, addr_policy);
	if (err < 0) {
		fprintf(stderr, "addr: bad message: %s\n", nl_geterror(err));
		return NL_SKIP;
	}
	ifa = nlmsg_data(nlh);

	/* IFA_LOCAL is the interface's own address; IFA_ADDRESS is the
	 * peer on point-to-point links and equals IFA_LOCAL otherwise. */
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	printf("addr %d: %s %s ", (int)ifa->ifa_index, name_of(names, (int)ifa->ifa_index),
	       nl_af2str(ifa->ifa_family, fam, sizeof(fam)));
	if (local)
		print_addr(local, ifa->ifa_family);
	else
		fputs("?", stdout);
	printf("/%u", ifa->ifa_prefixlen);
	if (tb[IFA_LOCAL] && tb[IFA_ADDRESS] &&
	    nla_len(tb[IFA_LOCAL]) == nla_len(tb[IFA_ADDRESS]) &&
	    memcmp(nla_data(tb[IFA_LOCAL]), nla_data(tb[IFA_ADDRESS]),
		   (size_t)nla_len(tb[IFA_LOCAL])) != 0) {
		fputs(" peer ", stdout);
		print_addr(tb[IFA_ADDRESS], ifa->ifa_family);
	}
	if (tb[IFA_LABEL])
		printf(" label %s", nla_get_string(tb[IFA_LABEL]));
	putchar('\n');
	return NL_OK;
}

/* Sends one dump request and hands every reply to cb. */
static int dump(struct nl_sock *sk, int type, void *hdr, size_t hdrlen, nl_recvmsg_msg_cb_t cb,
		void *arg)
{
	int err;

	err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, cb, arg);
	if (err < 0)
		return err;
	err = nl_send_simple(sk, type, NLM_F_DUMP, hdr, hdrlen);
	if (err < 0)
		return err;
	return nl_recvmsgs_default(sk);
}

int main(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct ifaddrmsg ifa = { .ifa_family = AF_UNSPEC };
	struct names names = { .n = 0 };
	struct nl_sock *sk;
	int err;

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "link-addr-list: out of memory\n");
		return 1;
	}
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0)
		goto out;

	err = dump(sk, RTM_GETLINK, &ifi, sizeof(ifi), link_cb, &names);
	if (err < 0)
		goto out;
	err = dump(sk, RTM_GETADDR, &ifa, sizeof(ifa), addr_cb, &names);
out:
	if (err < 0)
		fprintf(stderr, "link-addr-list: %s\n", nl_geterror(err));
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
