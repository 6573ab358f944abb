/* Differential test: building, walking, parsing and validating attributes (netlink/attr.h). */
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
	int v[] = { -5, -4, -1, 0, 1, 2, 3, 4, 5, 7, 8, 65531 };
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		printf("size %d: attr=%d total=%d pad=%d\n", v[i], nla_attr_size(v[i]),
		       nla_total_size(v[i]), nla_padlen(v[i]));
}

static void build_and_get(void)
{
	struct nl_msg *m = nlmsg_alloc_size(512);
	struct nlattr *tb[20];
	char buf[8];
	int r;

	printf("put s8 %d\n", nla_put_s8(m, 1, -5));
	printf("put u8 %d\n", nla_put_u8(m, 2, 200));
	printf("put s16 %d\n", nla_put_s16(m, 3, -300));
	printf("put u16 %d\n", nla_put_u16(m, 4, 60000));
	printf("put s32 %d\n", nla_put_s32(m, 5, -70000));
	printf("put u32 %d\n", nla_put_u32(m, 6, 0xdeadbeef));
	printf("put s64 %d\n", nla_put_s64(m, 7, -5000000000LL));
	printf("put u64 %d\n", nla_put_u64(m, 8, 0x0123456789abcdefULL));
	printf("put string %d\n", nla_put_string(m, 9, "hello"));
	printf("put flag %d\n", nla_put_flag(m, 10));
	printf("put msecs %d\n", nla_put_msecs(m, 11, 123456789UL));
	printf("put raw %d\n", nla_put(m, 12, 3, "abc"));
	printf("put empty %d\n", nla_put(m, 13, 0, NULL));
	printf("put type flags %d\n", nla_put_u8(m, 14 | 0x4000, 1));
	printf("put neg %d\n", nla_put(m, 15, -1, "x"));
	printf("reserve neg %d\n", nla_reserve(m, 15, -1) == NULL);
	dump_msg("built", m);

	r = nlmsg_parse(nlmsg_hdr(m), 0, tb, 19, NULL);
	printf("parse %d\n", r);
	printf("s8 %d u8 %u s16 %d u16 %u\n", nla_get_s8(tb[1]), nla_get_u8(tb[2]),
	       nla_get_s16(tb[3]), nla_get_u16(tb[4]));
	printf("s32 %d u32 %#x\n", nla_get_s32(tb[5]), nla_get_u32(tb[6]));
	printf("s64 %lld u64 %#llx\n", (long long)nla_get_s64(tb[7]),
	       (unsigned long long)nla_get_u64(tb[8]));
	printf("string '%s' len %d\n", nla_get_string(tb[9]), nla_len(tb[9]));
	char *dup = nla_strdup(tb[9]);
	printf("strdup '%s'\n", dup);
	free(dup);
	printf("flag %d %d\n", nla_get_flag(tb[10]), nla_get_flag(tb[16]));
	printf("msecs %lu\n", nla_get_msecs(tb[11]));
	printf("types %d %d %d nested %d\n", nla_type(tb[12]), nla_type(tb[14]), tb[14]->nla_type,
	       nla_is_nested(tb[14]));
	printf("present:");
	for (int i = 0; i < 20; i++)
		printf(" %d", tb[i] != NULL);
	printf("\n");

	memset(buf, 'z', sizeof(buf));
	size_t sl = nla_strlcpy(buf, tb[9], sizeof(buf));
	printf("strlcpy %zu '%s'\n", sl, buf);
	sl = nla_strlcpy(buf, tb[9], 3);
	printf("strlcpy small %zu '%s'\n", sl, buf);
	printf("strlcpy zero %zu\n", nla_strlcpy(buf, tb[9], 0));
	sl = nla_strlcpy(buf, tb[12], sizeof(buf));
	printf("strlcpy raw %zu '%s'\n", sl, buf);
	memset(buf, 'z', sizeof(buf));
	printf("memcpy %d\n", nla_memcpy(buf, tb[12], 8));
	printf("memcpy 2 %d\n", nla_memcpy(buf, tb[6], 2));
	printf("memcpy neg-free null %d\n", nla_memcpy(buf, NULL, 4));
	hex("memcpy buf", buf, 8);
	printf("memcmp %d %d %d %d\n", nla_memcmp(tb[12], "abc", 3), nla_memcmp(tb[12], "abd", 3),
	       nla_memcmp(tb[12], "ab", 2), nla_memcmp(tb[12], "abcdef", 6));
	printf("strcmp %d %d %d %d\n", nla_strcmp(tb[9], "hello"), nla_strcmp(tb[9], "hellp"),
	       nla_strcmp(tb[9], "hell"), nla_strcmp(tb[9], "hello!"));
	printf("find %d %d %d\n", nla_type(nlmsg_find_attr(nlmsg_hdr(m), 0, 6)),
	       nlmsg_find_attr(nlmsg_hdr(m), 0, 99) == NULL,
	       nla_find(nlmsg_attrdata(nlmsg_hdr(m), 0), nlmsg_attrlen(nlmsg_hdr(m), 0), 14) ==
		       tb[14]);

	/* maxtype smaller than the highest type: the rest is ignored */
	r = nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, NULL);
	printf("parse max3 %d: %d %d %d %d\n", r, tb[0] != NULL, tb[1] != NULL, tb[2] != NULL,
	       tb[3] != NULL);
	r = nlmsg_parse(nlmsg_hdr(m), 0, tb, -1, NULL);
	printf("parse max-1 %d\n", r);
	nlmsg_free(m);
}

static void policies(void)
{
	unsigned char buf[64] __attribute__((aligned(8)));
	for (int t = 0; t <= NLA_TYPE_MAX; t++) {
		printf("policy type %2d:", t);
		for (int l = 0; l <= 9; l++) {
			struct nla_policy pol[2];
			memset(pol, 0, sizeof(pol));
			pol[1].type = t;
			memset(buf, 'x', sizeof(buf));
			struct nlattr *a = (struct nlattr *)buf;
			a->nla_len = 4 + l;
			a->nla_type = 1;
			if (l)
				buf[4 + l - 1] = 0;
			int r1 = nla_validate(a, 64, 1, pol);
			if (l)
				buf[4 + l - 1] = 'x';
			int r2 = nla_validate(a, 64, 1, pol);
			printf(" %d/%d", r1, r2);
		}
		printf("\n");
	}
	/* minlen / maxlen */
	struct nl_msg *m = nlmsg_alloc_size(256);
	struct nlattr *tb[4];
	nla_put(m, 1, 5, "abcde");
	nla_put_u16(m, 2, 7);
	nla_put_string(m, 3, "x");
	struct nla_policy p[4];
	memset(p, 0, sizeof(p));
	p[1].minlen = 6;
	printf("minlen6 %d\n", nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, p));
	p[1].minlen = 5;
	printf("minlen5 %d\n", nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, p));
	p[1].maxlen = 4;
	printf("maxlen4 %d\n", nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, p));
	printf("validate maxlen4 %d\n", nlmsg_validate(nlmsg_hdr(m), 0, 3, p));
	printf("validate maxtype0 %d\n", nlmsg_validate(nlmsg_hdr(m), 0, 0, p));
	p[1].maxlen = 0;
	p[2].type = NLA_U32;
	printf("u16 as u32 %d\n", nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, p));
	p[2].type = NLA_U16;
	p[3].type = NLA_STRING;
	p[3].maxlen = 1;
	printf("string maxlen1 %d\n", nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, p));
	p[3].maxlen = 2;
	int r = nlmsg_parse(nlmsg_hdr(m), 0, tb, 3, p);
	printf("string maxlen2 %d tb3 %d\n", r, tb[3] != NULL);
	nlmsg_free(m);
}

static void walking(void)
{
	unsigned char buf[40] __attribute__((aligned(8)));
	struct nlattr *a = (struct nlattr *)buf, *pos;
	int rem, n;

	memset(buf, 0, sizeof(buf));
	/* 5-byte attr, 8-byte attr, then an attr whose length exceeds the buffer */
	a->nla_len = 5;
	a->nla_type = 1;
	a = (struct nlattr *)(buf + 8);
	a->nla_len = 8;
	a->nla_type = 2 | 0x8000;
	a = (struct nlattr *)(buf + 16);
	a->nla_len = 30;
	a->nla_type = 3;
	n = 0;
	nla_for_each_attr(pos, (struct nlattr *)buf, 40, rem)
		printf("walk %d: type %d len %d nested %d rem %d\n", n++, nla_type(pos),
		       nla_len(pos), nla_is_nested(pos), rem);
	printf("walk end rem %d ok %d\n", rem, nla_ok(pos, rem));
	printf("ok: %d %d %d %d %d\n", nla_ok((struct nlattr *)buf, 4),
	       nla_ok((struct nlattr *)buf, 5), nla_ok((struct nlattr *)buf, 3),
	       nla_ok((struct nlattr *)buf, -1), nla_ok((struct nlattr *)(buf + 16), 24));
	a = (struct nlattr *)(buf + 24);
	a->nla_len = 2;
	printf("ok len2: %d\n", nla_ok(a, 16));
	rem = 40;
	pos = nla_next((struct nlattr *)buf, &rem);
	printf("next: off %d rem %d\n", (int)((unsigned char *)pos - buf), rem);
	rem = 10;
	pos = nla_next((struct nlattr *)(buf + 8), &rem);
	printf("next: off %d rem %d\n", (int)((unsigned char *)pos - buf), rem);

	struct nlattr *tb[4];
	rem = nla_parse(tb, 3, (struct nlattr *)buf, 40, NULL);
	printf("parse trunc %d: %d %d %d\n", rem, tb[1] != NULL, tb[2] != NULL, tb[3] != NULL);
	rem = nla_parse(tb, 3, (struct nlattr *)buf, 0, NULL);
	printf("parse zero %d: %d\n", rem, tb[1] != NULL);
	nla_parse(tb, 3, (struct nlattr *)buf, 40, NULL);
	rem = nla_parse(tb, 3, (struct nlattr *)buf, 3, NULL);
	printf("parse 3 %d: %d\n", rem, tb[1] != NULL);
	printf("find past %d\n", nla_find((struct nlattr *)buf, 40, 3) == NULL);
	printf("find nested %d\n",
	       nla_find((struct nlattr *)buf, 40, 2) == (struct nlattr *)(buf + 8));
}

static void nesting(void)
{
	struct nl_msg *m = nlmsg_alloc_size(256), *inner;
	struct nlattr *n, *n2, *tb[5], *pos;
	int rem;

	n = nla_nest_start(m, 1);
	printf("nest empty end %d\n", nla_nest_end(m, n));
	dump_msg("after empty", m);
	n = nla_nest_start(m, 1);
	printf("keep empty end %d\n", nla_nest_end_keep_empty(m, n));
	dump_msg("after keep", m);
	n = nla_nest_start(m, 2);
	nla_put_u8(m, 1, 9);
	n2 = nla_nest_start(m, 3);
	nla_put_string(m, 2, "ab");
	printf("inner end %d\n", nla_nest_end(m, n2));
	printf("outer end %d\n", nla_nest_end(m, n));
	dump_msg("nested", m);
	n = nla_nest_start(m, 4);
	nla_put_u32(m, 1, 1);
	nla_nest_cancel(m, n);
	dump_msg("cancelled", m);
	/* unaligned content inside a nest gets padded on end */
	n = nla_nest_start(m, 5);
	nlmsg_append(m, "xyz", 3, 0);
	printf("len before end %u\n", nlmsg_hdr(m)->nlmsg_len);
	printf("unaligned end %d\n", nla_nest_end(m, n));
	dump_msg("padded", m);

	printf("parse %d\n", nlmsg_parse(nlmsg_hdr(m), 0, tb, 4, NULL));
	printf("nested flags %d %d\n", nla_is_nested(tb[1]), nla_is_nested(tb[2]));
	rem = nla_parse_nested(tb, 4, tb[2], NULL);
	printf("parse nested %d: %d %d\n", rem, tb[1] != NULL, tb[3] != NULL);
	printf("inner u8 %u\n", nla_get_u8(tb[1]));
	nla_for_each_nested(pos, tb[3], rem)
		printf("in nest: type %d '%s' rem %d\n", nla_type(pos), nla_get_string(pos), rem);

	inner = nlmsg_alloc_size(64);
	nla_put_u16(inner, 7, 0x1234);
	nla_put_flag(inner, 8);
	printf("put nested %d\n", nla_put_nested(m, 6, inner));
	dump_msg("with nested msg", m);
	nlmsg_free(inner);

	/* no room */
	struct nl_msg *small = nlmsg_alloc_size(24);
	printf("small put8 %d\n", nla_put(small, 1, 4, "abcd"));
	printf("small put1 %d\n", nla_put(small, 1, 1, "a"));
	printf("small start %d\n", nla_nest_start(small, 1) == NULL);
	dump_msg("small", small);
	nlmsg_free(small);
	nlmsg_free(m);
}

static int put_macros(struct nl_msg *m)
{
	NLA_PUT_S8(m, 1, -1);
	NLA_PUT_U8(m, 2, 2);
	NLA_PUT_S16(m, 3, -3);
	NLA_PUT_U16(m, 4, 4);
	NLA_PUT_S32(m, 5, -5);
	NLA_PUT_U32(m, 6, 6);
	NLA_PUT_S64(m, 7, -7);
	NLA_PUT_U64(m, 8, 8);
	NLA_PUT_STRING(m, 9, "nine");
	NLA_PUT_FLAG(m, 10);
	NLA_PUT_MSECS(m, 11, 11);
	NLA_PUT(m, 12, 2, "xy");
	return 0;
nla_put_failure:
	return -1;
}

static void macros(void)
{
	struct nl_msg *m = nlmsg_alloc_size(256);
	printf("macros %d\n", put_macros(m));
	dump_msg("macros", m);
	nlmsg_free(m);
	m = nlmsg_alloc_size(60);
	printf("macros small %d\n", put_macros(m));
	dump_msg("macros small", m);
	nlmsg_free(m);
}

int main(void)
{
	sizes();
	build_and_get();
	policies();
	walking();
	nesting();
	macros();
	return 0;
}
