/*
 * msg-build.c - build an RTM_NEWLINK-style message with the libnl-3 message
 * and attribute API, print it as hex, then parse it back with a policy.
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 * Output is deterministic (no pointers, no kernel involved).
 */

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>

static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

/* Top level: the struct ifinfomsg header is followed by IFLA_* attributes. */
static struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[IFLA_MTU] = { .type = NLA_U32 },
	[IFLA_TXQLEN] = { .type = NLA_U32 },
	[IFLA_OPERSTATE] = { .type = NLA_U8 },
	[IFLA_ADDRESS] = { .type = NLA_UNSPEC, .minlen = 6 },
	[IFLA_LINKINFO] = { .type = NLA_NESTED },
};

/* IFLA_LINKINFO nest. */
static struct nla_policy info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .type = NLA_STRING },
	[IFLA_INFO_DATA] = { .type = NLA_NESTED },
};

/* IFLA_INFO_DATA nest for kind "vlan". */
static struct nla_policy vlan_policy[IFLA_VLAN_MAX + 1] = {
	[IFLA_VLAN_ID] = { .type = NLA_U16 },
	[IFLA_VLAN_PROTOCOL] = { .type = NLA_U16 },
};

static void print_hex(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % 16 == 0)
			printf("  %04zx:", i);
		printf(" %02x", p[i]);
		if (i % 16 == 15 || i + 1 == len)
			printf("\n");
	}
}

static struct nl_msg *build(void)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_type = 1, /* ARPHRD_ETHER */
		.ifi_index = 42,
		.ifi_flags = IFF_UP,
		.ifi_change = 0xffffffff,
	};
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(RTM_NEWLINK,
				 NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
	if (!msg)
		return NULL;

	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		goto nla_put_failure;

	NLA_PUT_STRING(msg, IFLA_IFNAME, "vlan42");
	NLA_PUT_U32(msg, IFLA_MTU, 1500);
	NLA_PUT_U32(msg, IFLA_TXQLEN, 1000);
	NLA_PUT_U8(msg, IFLA_OPERSTATE, 6); /* IF_OPER_UP */
	if (nla_put(msg, IFLA_ADDRESS, sizeof(mac), mac) < 0)
		goto nla_put_failure;

	if (!(linkinfo = nla_nest_start(msg, IFLA_LINKINFO)))
		goto nla_put_failure;
	if (nla_put_string(msg, IFLA_INFO_KIND, "vlan") < 0)
		goto nla_put_failure;
	if (!(data = nla_nest_start(msg, IFLA_INFO_DATA)))
		goto nla_put_failure;
	if (nla_put_u16(msg, IFLA_VLAN_ID, 42) < 0)
		goto nla_put_failure;
	if (nla_put_u16(msg, IFLA_VLAN_PROTOCOL, htons(0x8100)) < 0)
		goto nla_put_failure;
	nla_nest_end(msg, data);
	nla_nest_end(msg, linkinfo);

	return msg;

nla_put_failure:
	nlmsg_free(msg);
	return NULL;
}

static int parse(struct nlmsghdr *nlh)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlattr *info[IFLA_INFO_MAX + 1];
	struct nlattr *vlan[IFLA_VLAN_MAX + 1];
	struct ifinfomsg *ifi;
	const uint8_t *a;
	int err;

	err = nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
	if (err < 0) {
		printf("nlmsg_parse: %s\n", nl_geterror(err));
		return err;
	}

	ifi = nlmsg_data(nlh);
	printf("ifinfomsg: family=%u type=%u index=%d flags=0x%x change=0x%x\n", ifi->ifi_family,
	       ifi->ifi_type, ifi->ifi_index, ifi->ifi_flags, ifi->ifi_change);

	if (tb[IFLA_IFNAME])
		printf("IFLA_IFNAME     = \"%s\"\n", nla_get_string(tb[IFLA_IFNAME]));
	if (tb[IFLA_MTU])
		printf("IFLA_MTU        = %" PRIu32 "\n", nla_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_TXQLEN])
		printf("IFLA_TXQLEN     = %" PRIu32 "\n", nla_get_u32(tb[IFLA_TXQLEN]));
	if (tb[IFLA_OPERSTATE])
		printf("IFLA_OPERSTATE  = %u\n", nla_get_u8(tb[IFLA_OPERSTATE]));
	if (tb[IFLA_ADDRESS]) {
		a = nla_data(tb[IFLA_ADDRESS]);
		printf("IFLA_ADDRESS    = %02x:%02x:%02x:%02x:%02x:%02x (len %d)\n", a[0], a[1],
		       a[2], a[3], a[4], a[5], nla_len(tb[IFLA_ADDRESS]));
	}
	if (!tb[IFLA_LINKINFO]) {
		printf("IFLA_LINKINFO missing\n");
		return -NLE_MISSING_ATTR;
	}
	printf("IFLA_LINKINFO   nested, len %d\n", nla_len(tb[IFLA_LINKINFO]));

	err = nla_parse_nested(info, IFLA_INFO_MAX, tb[IFLA_LINKINFO], info_policy);
	if (err < 0) {
		printf("nla_parse_nested(IFLA_LINKINFO): %s\n", nl_geterror(err));
		return err;
	}
	if (info[IFLA_INFO_KIND])
		printf("  IFLA_INFO_KIND  = \"%s\"\n", nla_get_string(info[IFLA_INFO_KIND]));
	if (!info[IFLA_INFO_DATA]) {
		printf("  IFLA_INFO_DATA missing\n");
		return -NLE_MISSING_ATTR;
	}
	printf("  IFLA_INFO_DATA  nested, len %d\n", nla_len(info[IFLA_INFO_DATA]));

	err = nla_parse_nested(vlan, IFLA_VLAN_MAX, info[IFLA_INFO_DATA], vlan_policy);
	if (err < 0) {
		printf("nla_parse_nested(IFLA_INFO_DATA): %s\n", nl_geterror(err));
		return err;
	}
	if (vlan[IFLA_VLAN_ID])
		printf("    IFLA_VLAN_ID       = %u\n", nla_get_u16(vlan[IFLA_VLAN_ID]));
	if (vlan[IFLA_VLAN_PROTOCOL])
		printf("    IFLA_VLAN_PROTOCOL = 0x%04x\n",
		       ntohs(nla_get_u16(vlan[IFLA_VLAN_PROTOCOL])));

	return 0;
}

int main(void)
{
	struct nlmsghdr *nlh;
	struct nl_msg *msg;
	int err;

	msg = build();
	if (!msg) {
		fprintf(stderr, "failed to build message\n");
		return 1;
	}

	nlh = nlmsg_hdr(msg);
	printf("built RTM_NEWLINK: nlmsg_len=%u type=%u flags=0x%x seq=%u pid=%u\n", nlh->nlmsg_len,
	       nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_seq, nlh->nlmsg_pid);
	print_hex(nlh, nlh->nlmsg_len);

	printf("attribute payload: %d bytes after the %zu-byte ifinfomsg\n",
	       nlmsg_attrlen(nlh, sizeof(struct ifinfomsg)), sizeof(struct ifinfomsg));

	printf("parsed back:\n");
	err = parse(nlh);
	nlmsg_free(msg);

	return err < 0 ? 1 : 0;
}
