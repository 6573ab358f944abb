/*
 * attr-dump.c - walk the attributes of a netlink message with
 * nla_for_each_attr() / nla_for_each_nested() and print type, length and value.
 *
 * Usage: attr-dump            dump the built-in capture (RTM_NEWLINK for "lo")
 *        attr-dump HEX...     dump a message given as hex (args are concatenated,
 *                             whitespace and ':' are ignored)
 *        attr-dump -          read the hex message from stdin
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>
#include <ctype.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>

#include <linux/rtnetlink.h>
#include <linux/if_link.h>

/* RTM_NEWLINK reply to RTM_GETLINK ifindex 1, captured on a Debian 12 VM. */
static const char builtin_lo[] = "bc0500001000000001000000531d000000000403010000004900010000000000"
				 "070003006c6f000008000d00e803000005001000000000000500110000000000"
				 "0500430001000000080004000000010008003200000000000800330000000000"
				 "08001b000000000008001e000000000008003d000000000008001f0001000000"
				 "08002800ffff0000080029000000010008003a000000010008003f0000000100"
				 "080040000000010008003b00f8ff070008003c00ffff00000800420000000000"
				 "08002000010000000500210001000000080023000000000008002f0000000000"
				 "0800300000000000060044000000000006004500000000000500270000000000"
				 "0a00010000000000000000000a0002000000000000000000cc0017001d000000"
				 "000000001d00000000000000790c000000000000790c00000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "00000000640007001d0000001d000000790c0000790c00000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "00000000000000000c002b0005000200000000000c0006006e6f717565756500"
				 "30031a008c000200880001000000000000000000000000000100000001000000"
				 "0100000001000000000000000100000000000000000000000000000000000000"
				 "0000000001000000010000000000000000000000000000000000000000000000"
				 "000000000000000000000000000000000000000010270000e803000000000000"
				 "00000000000000000000000001000000a0020a00080001000000008014000500"
				 "ffff0000160000006c910000e8030000f4000200000000004000000000000100"
				 "01000000010000000100000001000000ffffffffa00f0000e8030000ffffffff"
				 "803a090080510100030000005802000010000000000000000100000001000000"
				 "0100000060ea0000000000000000000000000000000000000000000000000000"
				 "ffffffff000000000000000010270000e8030000010000000000000000000000"
				 "0100000000000000000000000100000000000000000000000000000000000000"
				 "80ee360000000000000000000100000000000000000000000000000000000000"
				 "000000000004000000000000ffff0000ffffffff010000000000000000000000"
				 "0000000034010300260000000000000001000000000000008000000000000000"
				 "0000000000000000010000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000000000003c00060007000000"
				 "0000000000000000000000000100000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000140007000000000000000000"
				 "0000000000000000050008000000000024000e00000000000000000000000000"
				 "000000000000000000000000000000000000000004003e8004004180";

#define NAME(x) [x] = #x
static const char *const ifla_names[] = {
	NAME(IFLA_ADDRESS),
	NAME(IFLA_BROADCAST),
	NAME(IFLA_IFNAME),
	NAME(IFLA_MTU),
	NAME(IFLA_LINK),
	NAME(IFLA_QDISC),
	NAME(IFLA_STATS),
	NAME(IFLA_COST),
	NAME(IFLA_PRIORITY),
	NAME(IFLA_MASTER),
	NAME(IFLA_WIRELESS),
	NAME(IFLA_PROTINFO),
	NAME(IFLA_TXQLEN),
	NAME(IFLA_MAP),
	NAME(IFLA_WEIGHT),
	NAME(IFLA_OPERSTATE),
	NAME(IFLA_LINKMODE),
	NAME(IFLA_LINKINFO),
	NAME(IFLA_NET_NS_PID),
	NAME(IFLA_IFALIAS),
	NAME(IFLA_NUM_VF),
	NAME(IFLA_VFINFO_LIST),
	NAME(IFLA_STATS64),
	NAME(IFLA_VF_PORTS),
	NAME(IFLA_PORT_SELF),
	NAME(IFLA_AF_SPEC),
	NAME(IFLA_GROUP),
	NAME(IFLA_NET_NS_FD),
	NAME(IFLA_EXT_MASK),
	NAME(IFLA_PROMISCUITY),
	NAME(IFLA_NUM_TX_QUEUES),
	NAME(IFLA_NUM_RX_QUEUES),
	NAME(IFLA_CARRIER),
	NAME(IFLA_PHYS_PORT_ID),
	NAME(IFLA_CARRIER_CHANGES),
	NAME(IFLA_PHYS_SWITCH_ID),
	NAME(IFLA_LINK_NETNSID),
	NAME(IFLA_PHYS_PORT_NAME),
	NAME(IFLA_PROTO_DOWN),
	NAME(IFLA_GSO_MAX_SEGS),
	NAME(IFLA_GSO_MAX_SIZE),
	NAME(IFLA_PAD),
	NAME(IFLA_XDP),
	NAME(IFLA_EVENT),
	NAME(IFLA_NEW_NETNSID),
	NAME(IFLA_IF_NETNSID),
	NAME(IFLA_CARRIER_UP_COUNT),
	NAME(IFLA_CARRIER_DOWN_COUNT),
	NAME(IFLA_NEW_IFINDEX),
	NAME(IFLA_MIN_MTU),
	NAME(IFLA_MAX_MTU),
	NAME(IFLA_PROP_LIST),
	NAME(IFLA_ALT_IFNAME),
	NAME(IFLA_PERM_ADDRESS),
	NAME(IFLA_PROTO_DOWN_REASON),
	NAME(IFLA_PARENT_DEV_NAME),
	NAME(IFLA_PARENT_DEV_BUS_NAME),
	NAME(IFLA_GRO_MAX_SIZE),
	NAME(IFLA_TSO_MAX_SIZE),
	NAME(IFLA_TSO_MAX_SEGS),
	NAME(IFLA_ALLMULTI),
};
#undef NAME

static size_t hexbuf_len, hexbuf_cap;
static uint8_t *hexbuf;

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Append hex digits from s; half is the pending high nibble or -1. */
static int feed_hex(const char *s, int *half)
{
	for (; *s; s++) {
		int v;

		if (isspace((unsigned char)*s) || *s == ':')
			continue;
		if ((v = hexval((unsigned char)*s)) < 0) {
			fprintf(stderr, "attr-dump: invalid hex character '%c'\n", *s);
			return -1;
		}
		if (*half < 0) {
			*half = v;
			continue;
		}
		if (hexbuf_len == hexbuf_cap) {
			size_t ncap = hexbuf_cap ? hexbuf_cap * 2 : 4096;
			uint8_t *n = realloc(hexbuf, ncap);

			if (!n)
				return -1;
			hexbuf = n;
			hexbuf_cap = ncap;
		}
		hexbuf[hexbuf_len++] = (uint8_t)(*half << 4 | v);
		*half = -1;
	}
	return 0;
}

static void indent(int depth)
{
	printf("%*s", (depth + 1) * 2, "");
}

static int is_string(const uint8_t *p, int len)
{
	int i;

	if (len < 3 || p[len - 1] != '\0' || p[0] == '\0')
		return 0;
	for (i = 0; i < len - 1; i++)
		if (!isprint(p[i]))
			return 0;
	return 1;
}

static void print_value(const struct nlattr *nla)
{
	const uint8_t *p = nla_data(nla);
	int len = nla_len(nla);
	int i;

	if (len == 0) {
		printf("(empty/flag)");
	} else if (is_string(p, len)) {
		printf("\"%s\"", nla_get_string((struct nlattr *)nla));
	} else if (len == 1) {
		printf("u8 %u", nla_get_u8((struct nlattr *)nla));
	} else if (len == 2) {
		printf("u16 %u", nla_get_u16((struct nlattr *)nla));
	} else if (len == 4) {
		printf("u32 %" PRIu32, nla_get_u32((struct nlattr *)nla));
	} else if (len == 8) {
		printf("u64 %" PRIu64, nla_get_u64((struct nlattr *)nla));
	} else {
		for (i = 0; i < len && i < 16; i++)
			printf("%s%02x", i ? " " : "", p[i]);
		if (len > 16)
			printf(" ...");
	}
}

/* Which attributes hold nested attributes: top-level IFLA_* nests, every
 * per-family nest inside IFLA_AF_SPEC, and anything flagged NLA_F_NESTED. */
static int is_nested(const struct nlattr *nla, int depth, int parent)
{
	if (nla->nla_type & NLA_F_NESTED)
		return 1;
	if (nla_len(nla) < NLA_HDRLEN)
		return 0;
	if (depth == 0) {
		switch (nla_type(nla)) {
		case IFLA_LINKINFO:
		case IFLA_AF_SPEC:
		case IFLA_VFINFO_LIST:
		case IFLA_VF_PORTS:
		case IFLA_PORT_SELF:
		case IFLA_XDP:
		case IFLA_PROP_LIST:
			return 1;
		}
		return 0;
	}
	return depth == 1 && parent == IFLA_AF_SPEC;
}

static void dump_attrs(struct nlattr *head, int len, int depth, int parent);

static void dump_one(struct nlattr *nla, int depth, int parent)
{
	int type = nla_type(nla);

	indent(depth);
	if (depth == 0 && type < (int)(sizeof(ifla_names) / sizeof(ifla_names[0])) &&
	    ifla_names[type])
		printf("%s", ifla_names[type]);
	else
		printf("type %d", type);
	printf(" (raw 0x%04x) len %d: ", nla->nla_type, nla_len(nla));

	if (is_nested(nla, depth, parent)) {
		struct nlattr *pos;
		int rem, n = 0;

		nla_for_each_nested(pos, nla, rem)
			n++;
		printf("nested, %d attributes\n", n);
		dump_attrs(nla_data(nla), nla_len(nla), depth + 1, type);
		return;
	}

	print_value(nla);
	printf("\n");
}

static void dump_attrs(struct nlattr *head, int len, int depth, int parent)
{
	struct nlattr *pos;
	int rem;

	nla_for_each_attr(pos, head, len, rem)
		dump_one(pos, depth, parent);
	if (rem > 0) {
		indent(depth);
		printf("(%d trailing bytes do not form an attribute)\n", rem);
	}
}

static int family_hdrlen(int type)
{
	switch (type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
	case RTM_GETLINK:
	case RTM_SETLINK:
		return sizeof(struct ifinfomsg);
	case RTM_NEWADDR:
	case RTM_DELADDR:
	case RTM_GETADDR:
		return sizeof(struct ifaddrmsg);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
	case RTM_GETROUTE:
		return sizeof(struct rtmsg);
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
	case RTM_GETNEIGH:
		return sizeof(struct ndmsg);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	int half = -1, hdrlen, i, remaining;

	if (argc < 2) {
		if (feed_hex(builtin_lo, &half) < 0)
			return 1;
	} else if (argc == 2 && !strcmp(argv[1], "-")) {
		char line[1024];

		while (fgets(line, sizeof(line), stdin))
			if (feed_hex(line, &half) < 0)
				return 1;
	} else {
		for (i = 1; i < argc; i++)
			if (feed_hex(argv[i], &half) < 0)
				return 1;
	}
	if (half >= 0) {
		fprintf(stderr, "attr-dump: odd number of hex digits\n");
		return 1;
	}

	remaining = (int)hexbuf_len;
	nlh = (struct nlmsghdr *)hexbuf;
	if (!hexbuf || !nlmsg_ok(nlh, remaining)) {
		fprintf(stderr, "attr-dump: input is not a complete netlink message (%zu bytes)\n",
			hexbuf_len);
		free(hexbuf);
		return 1;
	}

	for (; nlmsg_ok(nlh, remaining); nlh = nlmsg_next(nlh, &remaining)) {
		hdrlen = family_hdrlen(nlh->nlmsg_type);
		printf("message: len %u type %u flags 0x%x seq %u pid %u, %d-byte family header\n",
		       nlh->nlmsg_len, nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_seq,
		       nlh->nlmsg_pid, hdrlen);
		if (!nlmsg_valid_hdr(nlh, hdrlen)) {
			printf("  message too short for its family header\n");
			continue;
		}
		dump_attrs(nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen), 0, -1);
	}

	free(hexbuf);
	return 0;
}
