/* Differential test: struct nl_msg construction and nlmsghdr helpers (netlink/msg.h). */
#define _GNU_SOURCE
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

static void hex(const char *tag, const void *p, int len)
{
	const unsigned char *b = p;
	printf("%s (%d):", tag, len);
	for (int i = 0; i < len; i++)
		printf("%s%02x", i % 4 ? "" : " ", b[i]);
	printf("\n");
}

static void dump_msg(const char *tag, struct nl_msg *m)
{
	hex(tag, nlmsg_hdr(m), (int)nlmsg_hdr(m)->nlmsg_len);
}

static void sizes(void)
{
	int v[] = { -17, -16, -1, 0, 1, 3, 4, 5, 100 };
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		printf("size %d: %d total %d pad %d\n", v[i], nlmsg_size(v[i]),
		       nlmsg_total_size(v[i]), nlmsg_padlen(v[i]));
}

static void alloc(void)
{
	struct nl_msg *m = nlmsg_alloc();
	printf("alloc: max %zu len %u proto %d creds %d\n", nlmsg_get_max_size(m),
	       nlmsg_hdr(m)->nlmsg_len, nlmsg_get_proto(m), nlmsg_get_creds(m) == NULL);
	dump_msg("empty", m);
	nlmsg_free(m);

	m = nlmsg_alloc_size(0);
	printf("alloc_size 0: max %zu\n", nlmsg_get_max_size(m));
	nlmsg_free(m);
	m = nlmsg_alloc_size(101);
	printf("alloc_size 101: max %zu\n", nlmsg_get_max_size(m));
	nlmsg_free(m);

	nlmsg_set_default_size(100);
	m = nlmsg_alloc();
	printf("default 100: max %zu\n", nlmsg_get_max_size(m));
	nlmsg_free(m);
	nlmsg_set_default_size(3);
	m = nlmsg_alloc();
	printf("default 3: max %zu\n", nlmsg_get_max_size(m));
	nlmsg_free(m);
	nlmsg_set_default_size(4096);

	m = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
	dump_msg("simple", m);
	printf("simple max %zu\n", nlmsg_get_max_size(m));
	nlmsg_free(m);
	m = nlmsg_alloc_simple(0x12345, 0x1ffff);
	dump_msg("simple trunc", m);
	nlmsg_free(m);

	struct nlmsghdr h = {
		.nlmsg_len = 99, .nlmsg_type = 7, .nlmsg_flags = 5, .nlmsg_seq = 11, .nlmsg_pid = 13
	};
	m = nlmsg_inherit(&h);
	dump_msg("inherit", m);
	nlmsg_free(m);
	m = nlmsg_inherit(NULL);
	dump_msg("inherit null", m);
	nlmsg_free(m);
}

static void reserve(void)
{
	struct nl_msg *m = nlmsg_alloc_size(40);
	void *p;

	p = nlmsg_reserve(m, 3, 4);
	printf("reserve 3/4: off %d len %u\n", (int)((char *)p - (char *)nlmsg_hdr(m)),
	       nlmsg_hdr(m)->nlmsg_len);
	memset(p, 0xaa, 3);
	p = nlmsg_reserve(m, 5, 0);
	printf("reserve 5/0: off %d len %u\n", (int)((char *)p - (char *)nlmsg_hdr(m)),
	       nlmsg_hdr(m)->nlmsg_len);
	memset(p, 0xbb, 5);
	p = nlmsg_reserve(m, 2, 8);
	printf("reserve 2/8: off %d len %u\n", (int)((char *)p - (char *)nlmsg_hdr(m)),
	       nlmsg_hdr(m)->nlmsg_len);
	memset(p, 0xcc, 2);
	printf("reserve too much: %d len %u\n", nlmsg_reserve(m, 20, 0) == NULL,
	       nlmsg_hdr(m)->nlmsg_len);
	printf("reserve huge: %d\n", nlmsg_reserve(m, (size_t)-1, 4) == NULL);
	p = nlmsg_reserve(m, 3, 0);
	printf("reserve rest: %d len %u\n", p != NULL, nlmsg_hdr(m)->nlmsg_len);
	dump_msg("reserved", m);
	printf("append full %d\n", nlmsg_append(m, "x", 1, 0));
	printf("expand same %d\n", nlmsg_expand(m, 40));
	printf("expand smaller %d\n", nlmsg_expand(m, 10));
	{
		int r = nlmsg_expand(m, 64);

		printf("expand %d max %zu\n", r, nlmsg_get_max_size(m));
	}
	printf("append %d\n", nlmsg_append(m, "xyz", 3, 4));
	printf("append nopad %d\n", nlmsg_append(m, "q", 1, NL_DONTPAD));
	dump_msg("appended", m);
	nlmsg_free(m);

	/* an attribute after an unaligned length starts at the aligned tail (the gap is zero) */
	m = nlmsg_alloc_size(64);
	nlmsg_append(m, "q", 1, NL_DONTPAD);
	printf("attr after unaligned %d\n", nla_put_u8(m, 1, 5));
	dump_msg("unaligned", m);
	nlmsg_free(m);
}

static void put(void)
{
	struct nl_msg *m = nlmsg_alloc_size(64);
	struct nlmsghdr *h = nlmsg_put(m, 0x1234, 77, RTM_NEWLINK, 5, NLM_F_CREATE | NLM_F_REQUEST);
	printf("put %d\n", h == nlmsg_hdr(m));
	memset(nlmsg_data(h), 0x11, 5);
	dump_msg("put", m);
	printf("datalen %d attrlen(4) %d attrlen(8) %d attrlen(100) %d\n", nlmsg_datalen(h),
	       nlmsg_attrlen(h, 4), nlmsg_attrlen(h, 8), nlmsg_attrlen(h, 100));
	printf("data off %d tail off %d attrdata(5) off %d\n",
	       (int)((char *)nlmsg_data(h) - (char *)h), (int)((char *)nlmsg_tail(h) - (char *)h),
	       (int)((char *)nlmsg_attrdata(h, 5) - (char *)h));
	printf("put again no payload %d\n", nlmsg_put(m, 1, 2, 3, 0, 4) != NULL);
	printf("put negative payload %d\n", nlmsg_put(m, 1, 2, 3, -5, 4) != NULL);
	printf("put too big %d\n", nlmsg_put(m, 9, 9, 9, 100, 9) == NULL);
	dump_msg("put again", m);
	nlmsg_free(m);
}

static void parse(void)
{
	struct nl_msg *m = nlmsg_alloc_size(128);
	struct nlattr *tb[4];
	struct nla_policy pol[4];
	int r;

	nlmsg_put(m, 0, 0, 16, 4, 0);
	nla_put_u32(m, 1, 42);
	nla_put_string(m, 2, "eth0");
	nla_put_u16(m, 3, 7);
	struct nlmsghdr *h = nlmsg_hdr(m);

	printf("valid_hdr: %d %d %d %d\n", nlmsg_valid_hdr(h, 0), nlmsg_valid_hdr(h, 4),
	       nlmsg_valid_hdr(h, 28), nlmsg_valid_hdr(h, 29));
	r = nlmsg_parse(h, 4, tb, 3, NULL);
	printf("parse: %d u32 %u str %s u16 %u\n", r, nla_get_u32(tb[1]), nla_get_string(tb[2]),
	       nla_get_u16(tb[3]));
	r = nlmsg_parse(h, 1000, tb, 3, NULL);
	printf("parse hdrlen big: %d\n", r);
	r = nlmsg_parse(h, 28, tb, 3, NULL);
	printf("parse hdrlen exact: %d %d\n", r, tb[1] != NULL);
	r = nlmsg_parse(h, 26, tb, 3, NULL);
	printf("parse hdrlen 26: %d %d\n", r, tb[1] != NULL);
	memset(pol, 0, sizeof(pol));
	pol[2].type = NLA_STRING;
	pol[2].maxlen = 3;
	printf("validate: %d\n", nlmsg_validate(h, 4, 3, pol));
	printf("validate short: %d\n", nlmsg_validate(h, 500, 3, pol));
	pol[2].maxlen = 0;
	printf("validate ok: %d\n", nlmsg_validate(h, 4, 3, pol));
	r = nlmsg_parse(h, 4, tb, 3, pol);
	printf("parse policy: %d\n", r);
	printf("find: %d %d %d\n", nla_get_u16(nlmsg_find_attr(h, 4, 3)),
	       nlmsg_find_attr(h, 4, 9) == NULL, nlmsg_find_attr(h, 1000, 1) == NULL);
	struct nlattr *pos;
	int rem;
	nlmsg_for_each_attr(pos, h, 4, rem)
		printf("attr type %d len %d rem %d\n", nla_type(pos), nla_len(pos), rem);

	/* C shortens the message: the header is the source of truth */
	h->nlmsg_len = 28;
	r = nlmsg_parse(h, 4, tb, 3, NULL);
	printf("shortened: %d %d %d\n", r, tb[1] != NULL, tb[2] != NULL);
	h->nlmsg_len = 10;
	printf("tiny: valid %d parse %d datalen %d attrlen %d\n", nlmsg_valid_hdr(h, 0),
	       nlmsg_parse(h, 0, tb, 3, NULL), nlmsg_datalen(h), nlmsg_attrlen(h, 0));
	nlmsg_free(m);
}

static void stream(void)
{
	unsigned char buf[64] __attribute__((aligned(8)));
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int rem = 64, n = 0;

	memset(buf, 0, sizeof(buf));
	h->nlmsg_len = 18;
	h->nlmsg_type = 1;
	h = (struct nlmsghdr *)(buf + 20);
	h->nlmsg_len = 16;
	h->nlmsg_type = 2;
	h = (struct nlmsghdr *)(buf + 36);
	h->nlmsg_len = 40;
	h->nlmsg_type = 3;
	h = (struct nlmsghdr *)buf;
	while (nlmsg_ok(h, rem)) {
		printf("msg %d type %d len %u rem %d\n", n++, h->nlmsg_type, h->nlmsg_len, rem);
		h = nlmsg_next(h, &rem);
	}
	printf("stop rem %d off %d\n", rem, (int)((unsigned char *)h - buf));
	printf("ok: %d %d %d\n", nlmsg_ok((struct nlmsghdr *)buf, 15),
	       nlmsg_ok((struct nlmsghdr *)buf, 18), nlmsg_ok((struct nlmsghdr *)buf, 17));
	((struct nlmsghdr *)buf)->nlmsg_len = 8;
	printf("ok short len: %d\n", nlmsg_ok((struct nlmsghdr *)buf, 64));
}

static void convert(void)
{
	struct nl_msg *m = nlmsg_alloc_simple(20, 1), *c;
	nla_put_u8(m, 1, 3);
	c = nlmsg_convert(nlmsg_hdr(m));
	dump_msg("converted", c);
	printf("converted max %zu\n", nlmsg_get_max_size(c));
	nlmsg_free(c);
	nlmsg_hdr(m)->nlmsg_len = 22;
	c = nlmsg_convert(nlmsg_hdr(m));
	dump_msg("converted odd", c);
	printf("converted odd max %zu\n", nlmsg_get_max_size(c));
	nlmsg_free(c);
	nlmsg_hdr(m)->nlmsg_len = 8;
	c = nlmsg_convert(nlmsg_hdr(m));
	printf("converted 8: len %u max %zu\n", nlmsg_hdr(c)->nlmsg_len, nlmsg_get_max_size(c));
	nlmsg_free(c);
	nlmsg_free(m);
}

static void metadata(void)
{
	struct nl_msg *m = nlmsg_alloc_size(32);
	struct sockaddr_nl a = { .nl_family = AF_NETLINK, .nl_pid = 5, .nl_groups = 3 };
	struct ucred cr = { .pid = 10, .uid = 20, .gid = 30 };

	printf("src %d %u dst %d\n", nlmsg_get_src(m)->nl_family, nlmsg_get_src(m)->nl_pid,
	       nlmsg_get_dst(m)->nl_family);
	nlmsg_set_src(m, &a);
	a.nl_pid = 6;
	nlmsg_set_dst(m, &a);
	printf("src %d %u %u dst %u\n", nlmsg_get_src(m)->nl_family, nlmsg_get_src(m)->nl_pid,
	       nlmsg_get_src(m)->nl_groups, nlmsg_get_dst(m)->nl_pid);
	printf("creds %d\n", nlmsg_get_creds(m) == NULL);
	nlmsg_set_creds(m, &cr);
	cr.pid = 99;
	printf("creds %d %u %u\n", nlmsg_get_creds(m)->pid, nlmsg_get_creds(m)->uid,
	       nlmsg_get_creds(m)->gid);
	nlmsg_set_proto(m, NETLINK_GENERIC);
	printf("proto %d\n", nlmsg_get_proto(m));
	nlmsg_get(m);
	nlmsg_free(m);
	printf("still alive %zu\n", nlmsg_get_max_size(m));
	nlmsg_free(m);
	nlmsg_free(NULL);
}

int main(void)
{
	sizes();
	alloc();
	reserve();
	put();
	parse();
	stream();
	convert();
	metadata();
	return 0;
}
