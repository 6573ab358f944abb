/* Self-checks for attribute functions on bad input, including cases where libnl crashes. */
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <limits.h>
#include <string.h>

#include "tap.h"

int main(void)
{
	unsigned char buf[32] __attribute__((aligned(8)));
	struct nlattr *a = (struct nlattr *)buf, *tb[4];
	struct nla_policy pol[4];
	struct nl_msg *m, *small;
	static char huge[70000];
	char s[8];
	int rem;

	memset(buf, 0, sizeof(buf));

	/* NULL attribute pointers: libnl-compat: libnl crashes on most of these */
	CHECK(nla_type(NULL) == 0 && nla_len(NULL) == 0, "nla_type/nla_len(NULL) are 0");
	CHECK(nla_data(NULL) == NULL, "nla_data(NULL) is NULL");
	CHECK(nla_ok(NULL, 100) == 0 && nla_ok(NULL, 0) == 0, "nla_ok(NULL) is 0");
	rem = 10;
	CHECK(nla_next(NULL, &rem) == NULL && rem == 10, "nla_next(NULL) is NULL");
	CHECK(nla_next(a, NULL) == NULL, "nla_next(nla, NULL) is NULL");
	CHECK(nla_get_u32(NULL) == 0 && nla_get_u64(NULL) == 0 && nla_get_s8(NULL) == 0,
	      "integer getters on NULL give 0");
	CHECK(nla_get_string(NULL) == NULL && nla_strdup(NULL) == NULL, "string getters on NULL");
	CHECK(nla_get_flag(NULL) == 0 && nla_is_nested(NULL) == 0, "flag/nested on NULL");
	CHECK(nla_memcpy(s, NULL, 4) == 0, "nla_memcpy from NULL copies nothing");
	CHECK(nla_strlcpy(s, NULL, sizeof(s)) == 0, "nla_strlcpy from NULL");
	CHECK(nla_memcmp(NULL, "a", 1) == -1 && nla_strcmp(NULL, "a") == -1 &&
		      nla_strcmp(a, NULL) == -1,
	      "nla_memcmp/nla_strcmp with NULL give -1");
	CHECK(nla_parse_nested(tb, 3, NULL, NULL) == -NLE_INVAL,
	      "nla_parse_nested(NULL) is -NLE_INVAL");
	CHECK(nla_parse(NULL, 3, a, 8, NULL) == -NLE_INVAL, "nla_parse with NULL tb is -NLE_INVAL");

	/* zero-length and NULL buffers */
	tb[1] = a;
	CHECK(nla_parse(tb, 3, NULL, 0, NULL) == 0 && tb[1] == NULL,
	      "nla_parse of nothing clears tb");
	CHECK(nla_parse(tb, 3, NULL, 100, NULL) == 0, "nla_parse of NULL head");
	CHECK(nla_find(NULL, 100, 1) == NULL && nla_find(a, 0, 0) == NULL, "nla_find on nothing");
	CHECK(nla_validate(NULL, 0, 3, NULL) == 0, "nla_validate with NULL policy checks nothing");
	/* libnl-compat: libnl writes (maxtype + 1) slots for any negative maxtype */
	CHECK(nla_parse(tb, -5, a, 8, NULL) == 0, "nla_parse with a negative maxtype");

	/* attribute lengths below the header size or past the buffer */
	a->nla_len = 3;
	a->nla_type = 1;
	CHECK(nla_ok(a, 32) == 0, "nla_len 3 is not ok");
	CHECK(nla_len(a) == -1, "nla_len of a 3-byte attribute is -1");
	CHECK(nla_parse(tb, 3, a, 32, NULL) == 0 && tb[1] == NULL, "parse stops at nla_len < 4");
	a->nla_len = 200;
	CHECK(nla_ok(a, 32) == 0, "nla_len past the buffer is not ok");
	CHECK(nla_parse(tb, 3, a, 32, NULL) == 0 && tb[1] == NULL,
	      "parse stops at an overlong attr");
	CHECK(nla_find(a, 32, 1) == NULL, "find stops at an overlong attr");
	a->nla_len = 0;
	rem = 32;
	CHECK(nla_next(a, &rem) == a && rem == 32, "nla_next with nla_len 0 does not move");
	a->nla_len = 3;
	CHECK(nla_memcpy(s, a, 8) == 0, "libnl-compat: nla_memcpy with nla_len < 4 copies nothing");

	/* getters on short payloads: libnl-compat: libnl reads past nla_len, we zero-extend */
	memset(buf, 0xff, sizeof(buf));
	a->nla_len = 5;
	a->nla_type = 1;
	buf[4] = 0x12;
	CHECK(nla_get_u8(a) == 0x12, "u8 from a 1-byte payload");
	CHECK(nla_get_u32(a) == 0x12 && nla_get_u16(a) == 0x12,
	      "wider getters on a 1-byte payload are zero-extended");
	/* the 64-bit getters give 0 below 8 bytes, as libnl's do (tests/compat/attr-get64.c) */
	CHECK(nla_get_u64(a) == 0 && nla_get_s64(a) == 0 && nla_get_msecs(a) == 0,
	      "64-bit getters on a 1-byte payload give 0");
	a->nla_len = 4;
	CHECK(nla_get_u32(a) == 0 && nla_get_msecs(a) == 0, "getters on an empty payload give 0");
	/* libnl-compat: with nla_len < 4 libnl's 64-bit getters read the 8 bytes after the header */
	memset(buf + 4, 0x12, 8);
	for (int l = 0; l < 4; l++) {
		a->nla_len = l;
		CHECK(nla_get_u64(a) == 0 && nla_get_s64(a) == 0 && nla_get_msecs(a) == 0,
		      "64-bit getters on a header shorter than 4 bytes give 0");
	}

	/* strings without NUL */
	memcpy(buf + 4, "abcd", 4);
	a->nla_len = 8;
	char *d = nla_strdup(a);
	CHECK(d && strcmp(d, "abcd") == 0, "libnl-compat: nla_strdup stops at the payload end");
	free(d);
	CHECK(nla_strlcpy(s, a, sizeof(s)) == 4 && strcmp(s, "abcd") == 0, "strlcpy without NUL");
	CHECK(nla_strlcpy(NULL, a, 0) == 4, "strlcpy to a zero-size NULL buffer");
	memset(pol, 0, sizeof(pol));
	pol[1].type = NLA_STRING;
	CHECK(nla_validate(a, 8, 3, pol) == -NLE_INVAL, "NLA_STRING without NUL is -NLE_INVAL");
	pol[1].type = NLA_NUL_STRING;
	CHECK(nla_validate(a, 8, 3, pol) == 0, "NLA_NUL_STRING is not checked");
	/* libnl-compat: libnl aborts on a policy type above NLA_TYPE_MAX */
	pol[1].type = NLA_TYPE_MAX + 1;
	CHECK(nla_validate(a, 8, 3, pol) == -NLE_INVAL, "policy type > NLA_TYPE_MAX is -NLE_INVAL");
	CHECK(nla_parse(tb, 3, a, 8, pol) == -NLE_INVAL, "nla_parse with a bad policy type");

	/* building: NULL messages, bad lengths, 16-bit overflow */
	CHECK(nla_put_u32(NULL, 1, 1) == -NLE_INVAL, "nla_put on a NULL message");
	CHECK(nla_reserve(NULL, 1, 1) == NULL && nla_nest_start(NULL, 1) == NULL,
	      "reserve/nest_start on NULL");
	m = nlmsg_alloc_size(1 << 17);
	CHECK(nla_put(m, 1, -1, NULL) == -NLE_INVAL, "nla_put with a negative length");
	/* libnl-compat: libnl crashes copying from NULL after reserving */
	CHECK(nla_put(m, 1, 4, NULL) == -NLE_INVAL && nlmsg_hdr(m)->nlmsg_len == 16,
	      "nla_put with NULL data is refused, message unchanged");
	CHECK(nla_put_string(m, 1, NULL) == -NLE_INVAL, "nla_put_string(NULL)");
	/* libnl-compat: libnl truncates nla_len and corrupts the message here */
	CHECK(nla_reserve(m, 1, 65532) == NULL && nlmsg_hdr(m)->nlmsg_len == 16,
	      "nla_reserve beyond 65531 payload bytes fails cleanly");
	/* libnl-compat: libnl 3.7 returns 0 here and stores a wrapped nla_len (or -NLE_NOMEM when
	 * the message is too small); libnlrs says what is wrong with the attribute. */
	memset(huge, 'x', sizeof(huge) - 1);
	CHECK(nla_put(m, 1, 65532, huge) == -NLE_ATTRSIZE && nlmsg_hdr(m)->nlmsg_len == 16,
	      "nla_put beyond 65531 bytes is -NLE_ATTRSIZE, message unchanged");
	CHECK(nla_put_string(m, 1, (char *)huge) == -NLE_ATTRSIZE,
	      "nla_put_string of 69999 characters is -NLE_ATTRSIZE");
	CHECK(nla_reserve(m, 1, INT_MAX) == NULL && nlmsg_hdr(m)->nlmsg_len == 16,
	      "nla_reserve of INT_MAX bytes fails cleanly");
	small = nlmsg_alloc_size(64);
	CHECK(nla_put(small, 1, 70000, huge) == -NLE_ATTRSIZE,
	      "too long for an attribute beats no room in the message");
	CHECK(nla_put(small, 1, 200, huge) == -NLE_NOMEM, "no room in the message is -NLE_NOMEM");
	nlmsg_free(small);
	CHECK(nla_reserve(m, 1, 65531) != NULL && nla_len(nlmsg_attrdata(nlmsg_hdr(m), 0)) == 65531,
	      "nla_reserve of exactly 65531 bytes works");
	nlmsg_free(m);

	/* nests that grow beyond 64 KiB, foreign nest pointers */
	m = nlmsg_alloc_size(1 << 18);
	struct nlattr *n = nla_nest_start(m, 1);
	static unsigned char big[60000];
	nla_put(m, 2, sizeof(big), big);
	nla_put(m, 2, sizeof(big), big);
	CHECK(nla_nest_end(m, n) == -NLE_ATTRSIZE && nlmsg_hdr(m)->nlmsg_len == 16,
	      "an oversized nest is removed with -NLE_ATTRSIZE");
	CHECK(nla_nest_end(m, a) == -NLE_INVAL && nla_nest_end_keep_empty(m, NULL) == -NLE_INVAL,
	      "libnl-compat: nla_nest_end with a foreign attribute is -NLE_INVAL");
	nla_nest_cancel(m, a);
	nla_nest_cancel(NULL, a);
	CHECK(nlmsg_hdr(m)->nlmsg_len == 16, "nla_nest_cancel with a foreign attribute is ignored");
	CHECK(nla_put_nested(m, 1, NULL) == -NLE_INVAL, "nla_put_nested(NULL)");
	nla_put_u32(m, 3, 3);
	CHECK(nla_put_nested(m, 4, m) == 0 && nlmsg_hdr(m)->nlmsg_len == 36,
	      "nla_put_nested of a message into itself");
	nlmsg_free(m);

	return tap_failed;
}
