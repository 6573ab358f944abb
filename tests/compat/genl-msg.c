/* Differential test: generic netlink message helpers (netlink/genl/genl.h). */
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/mngt.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

static void hex(const char *tag, const void *p, int len)
{
	const unsigned char *b = p;
	printf("%s (%d):", tag, len);
	for (int i = 0; i < len; i++)
		printf("%s%02x", i % 4 ? "" : " ", b[i]);
	printf("\n");
}

static long off(const void *base, const void *p)
{
	return (long)((const char *)p - (const char *)base);
}

static void put(void)
{
	int hdrlens[] = { 0, 1, 3, 4, 5, 8, 100, 5000 };
	for (unsigned i = 0; i < sizeof(hdrlens) / sizeof(hdrlens[0]); i++) {
		struct nl_msg *m = nlmsg_alloc_size(4096);
		void *u = genlmsg_put(m, 0x1234, 77, 0x1c, hdrlens[i], NLM_F_REQUEST | NLM_F_ACK,
				      0x05, 0x02);
		if (!u) {
			printf("put hdrlen %d: NULL\n", hdrlens[i]);
		} else {
			struct nlmsghdr *nlh = nlmsg_hdr(m);
			printf("put hdrlen %d: user at %ld len %u\n", hdrlens[i], off(nlh, u),
			       nlh->nlmsg_len);
			if (nlh->nlmsg_len <= 64)
				hex("  msg", nlh, (int)nlh->nlmsg_len);
		}
		nlmsg_free(m);
	}
	/* A message with too little room. */
	struct nl_msg *m = nlmsg_alloc_size(18);
	printf("put small: %s\n", genlmsg_put(m, 0, 0, 0x10, 0, 0, 1, 1) ? "ok" : "NULL");
	nlmsg_free(m);
	m = nlmsg_alloc_size(20);
	printf("put exact: %s\n", genlmsg_put(m, 0, 0, 0x10, 0, 0, 1, 1) ? "ok" : "NULL");
	printf("put twice: %s\n", genlmsg_put(m, 0, 0, 0x10, 0, 0, 1, 1) ? "ok" : "NULL");
	nlmsg_free(m);
	m = nlmsg_alloc();
	printf("put auto: %s\n",
	       genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, 0, CTRL_CMD_GETFAMILY, 1)
		       ? "ok"
		       : "NULL");
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	hex("getfamily", nlmsg_hdr(m), (int)nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
}

/* Builds a raw message of nlmsg_len `len` with attributes after a user header of 4 bytes. */
static unsigned char raw[256] __attribute__((aligned(8)));

static struct nlmsghdr *build(uint32_t len)
{
	memset(raw, 0, sizeof(raw));
	struct nlmsghdr *nlh = (struct nlmsghdr *)raw;
	nlh->nlmsg_len = len;
	nlh->nlmsg_type = 0x20;
	struct genlmsghdr *g = (struct genlmsghdr *)(raw + 16);
	g->cmd = 3;
	g->version = 1;
	/* user header 4 bytes */
	raw[20] = 0xaa;
	/* attr 1: u32 */
	struct nlattr *a = (struct nlattr *)(raw + 24);
	a->nla_len = 8;
	a->nla_type = 1;
	*(uint32_t *)(raw + 28) = 0x11223344;
	/* attr 2: string "hi" */
	a = (struct nlattr *)(raw + 32);
	a->nla_len = 7;
	a->nla_type = 2;
	memcpy(raw + 36, "hi", 3);
	/* attr 3: u16, length 6 */
	a = (struct nlattr *)(raw + 40);
	a->nla_len = 6;
	a->nla_type = 3;
	*(uint16_t *)(raw + 44) = 0x5566;
	return nlh;
}

static void lengths(void)
{
	uint32_t lens[] = { 0, 16, 19, 20, 21, 23, 24, 28, 32, 40, 48, 0xffffffff };
	int hdrlens[] = { -9, -8, -5, -4, -1, 0, 1, 3, 4, 5, 8, 12, 28, 29, 1000 };
	for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct nlmsghdr *nlh = build(lens[i]);
		struct genlmsghdr *g = genlmsg_hdr(nlh);
		printf("len %u: hdr at %ld data at %ld userhdr at %ld genlmsg_len %d\n", lens[i],
		       off(nlh, g), off(nlh, genlmsg_data(g)), off(nlh, genlmsg_user_hdr(g)),
		       genlmsg_len(g));
		for (unsigned j = 0; j < sizeof(hdrlens) / sizeof(hdrlens[0]); j++) {
			int h = hdrlens[j];
			printf("  hdrlen %d: valid %d user_data %ld user_datalen %d attrdata %ld "
			       "attrlen %d\n",
			       h, genlmsg_valid_hdr(nlh, h), off(nlh, genlmsg_user_data(g, h)),
			       genlmsg_user_datalen(g, h), off(nlh, genlmsg_attrdata(g, h)),
			       genlmsg_attrlen(g, h));
		}
	}
}

static void parsing(void)
{
	struct nla_policy pol[4] = {
		[1] = { .type = NLA_U32 },
		[2] = { .type = NLA_STRING, .maxlen = 8 },
		[3] = { .type = NLA_U16 },
	};
	struct nla_policy strict[4] = {
		[1] = { .type = NLA_U32 },
		[2] = { .type = NLA_STRING, .maxlen = 2 },
		[3] = { .type = NLA_U32 },
	};
	uint32_t lens[] = { 19, 20, 24, 32, 40, 46, 48, 49 };
	int hdrlens[] = { 0, 4, 8, 16, 28, 100, -1 };
	for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		for (unsigned j = 0; j < sizeof(hdrlens) / sizeof(hdrlens[0]); j++) {
			struct nlmsghdr *nlh = build(lens[i]);
			struct nlattr *tb[4];
			int h = hdrlens[j];
			memset(tb, 0xff, sizeof(tb));
			int e = genlmsg_parse(nlh, h, tb, 3, pol);
			printf("parse len %u hdrlen %d: %d", lens[i], h, e);
			if (e == 0)
				for (int k = 0; k <= 3; k++)
					printf(" tb[%d]=%ld", k, tb[k] ? off(nlh, tb[k]) : -1L);
			printf(" | nopol %d", genlmsg_parse(nlh, h, tb, 3, NULL));
			printf(" | max1 %d", genlmsg_parse(nlh, h, tb, 1, pol));
			/* libnl crashes in nla_validate with a NULL policy: see tests/c. */
			printf(" | validate %d strict %d\n", genlmsg_validate(nlh, h, 3, pol),
			       genlmsg_validate(nlh, h, 3, strict));
		}
	}
}

static void op2name(void)
{
	char buf[32];
	for (int fam = 0x0f; fam <= 0x11; fam++) {
		for (int op = -1; op <= 11; op++) {
			memset(buf, 0, sizeof(buf));
			char *r = genl_op2name(fam, op, buf, sizeof(buf));
			printf("op2name %#x %d: %s \"%s\"\n", fam, op, r == NULL ? "NULL" : "buf",
			       buf);
		}
	}
	memset(buf, 'x', sizeof(buf));
	buf[31] = 0;
	char *r = genl_op2name(0x10, 3, buf, 4);
	printf("op2name short: %s \"%s\"\n", r == NULL ? "NULL" : "buf", buf);
	memset(buf, 'x', sizeof(buf));
	buf[31] = 0;
	r = genl_op2name(0x99, 3, buf, 4);
	printf("op2name short unknown: %s \"%s\"\n", r == NULL ? "NULL" : "buf", buf);
}

int main(void)
{
	put();
	lengths();
	parsing();
	op2name();
	return 0;
}
