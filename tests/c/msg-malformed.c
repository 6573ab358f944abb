/* Self-checks for message functions on bad input, including cases where libnl crashes. */
#define _GNU_SOURCE
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "tap.h"

int main(void)
{
	unsigned char buf[64] __attribute__((aligned(8)));
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlattr *tb[4];
	struct nl_msg *m;
	int rem;

	memset(buf, 0, sizeof(buf));

	/* NULL messages and headers: libnl-compat: libnl crashes on these */
	nlmsg_free(NULL);
	nlmsg_get(NULL);
	nlmsg_set_proto(NULL, 1);
	nlmsg_set_src(NULL, NULL);
	nlmsg_set_creds(NULL, NULL);
	CHECK(nlmsg_hdr(NULL) == NULL && nlmsg_get_src(NULL) == NULL &&
		      nlmsg_get_creds(NULL) == NULL,
	      "getters on a NULL message give NULL");
	CHECK(nlmsg_get_proto(NULL) == -1 && nlmsg_get_max_size(NULL) == 0,
	      "NULL message metadata");
	CHECK(nlmsg_reserve(NULL, 4, 4) == NULL && nlmsg_put(NULL, 0, 0, 0, 0, 0) == NULL,
	      "reserve/put on NULL");
	CHECK(nlmsg_append(NULL, buf, 4, 4) == -NLE_INVAL && nlmsg_expand(NULL, 100) == -NLE_INVAL,
	      "append/expand on NULL");
	CHECK(nlmsg_convert(NULL) == NULL, "nlmsg_convert(NULL) is NULL");
	CHECK(nlmsg_data(NULL) == NULL && nlmsg_tail(NULL) == NULL &&
		      nlmsg_attrdata(NULL, 0) == NULL,
	      "address helpers on NULL");
	CHECK(nlmsg_datalen(NULL) == 0 && nlmsg_attrlen(NULL, 0) == 0 &&
		      nlmsg_valid_hdr(NULL, 0) == 0,
	      "length helpers on NULL");
	CHECK(nlmsg_ok(NULL, 100) == 0, "nlmsg_ok(NULL)");
	rem = 100;
	CHECK(nlmsg_next(NULL, &rem) == NULL && nlmsg_next(h, NULL) == NULL,
	      "nlmsg_next with NULL");
	CHECK(nlmsg_parse(NULL, 0, tb, 3, NULL) == -NLE_INVAL &&
		      nlmsg_validate(NULL, 0, 3, NULL) == -NLE_INVAL,
	      "nlmsg_parse/validate(NULL) are -NLE_INVAL");
	CHECK(nlmsg_find_attr(NULL, 0, 1) == NULL, "nlmsg_find_attr(NULL)");

	/* truncated and bogus headers */
	h->nlmsg_len = 4;
	CHECK(nlmsg_ok(h, 64) == 0 && nlmsg_valid_hdr(h, 0) == 0, "nlmsg_len 4 is not ok");
	CHECK(nlmsg_parse(h, 0, tb, 3, NULL) == -NLE_MSG_TOOSHORT, "parse of a 4-byte message");
	CHECK(nlmsg_datalen(h) == -12 && nlmsg_attrlen(h, 0) == 0, "lengths of a 4-byte message");
	CHECK(nlmsg_find_attr(h, 0, 1) == NULL, "find in a 4-byte message");
	h->nlmsg_len = 0xffffffff;
	CHECK(nlmsg_ok(h, 64) == 0, "huge nlmsg_len is not ok");
	h->nlmsg_len = 20;
	CHECK(nlmsg_parse(h, -20, tb, 3, NULL) == -NLE_MSG_TOOSHORT,
	      "negative hdrlen is too short");
	CHECK(nlmsg_parse(h, 0x7ffffff0, tb, 3, NULL) == -NLE_MSG_TOOSHORT, "huge hdrlen");
	h->nlmsg_len = 0;
	rem = 64;
	CHECK(nlmsg_next(h, &rem) == h && rem == 64, "nlmsg_next with nlmsg_len 0 does not move");

	/* conversion of short messages (matches libnl) */
	h->nlmsg_len = 0;
	m = nlmsg_convert(h);
	CHECK(m && nlmsg_hdr(m)->nlmsg_len == 16 && nlmsg_get_max_size(m) == 16,
	      "convert of len 0");
	nlmsg_free(m);

	/* C edits nlmsg_len beyond the buffer: the engine clamps reads to the capacity */
	m = nlmsg_alloc_size(32);
	nlmsg_hdr(m)->nlmsg_len = 1000;
	CHECK(nlmsg_reserve(m, 4, 4) == NULL, "reserve with nlmsg_len past the capacity fails");
	CHECK(nla_put_u8(m, 1, 1) == -NLE_NOMEM, "nla_put with nlmsg_len past the capacity fails");
	struct nl_msg *outer = nlmsg_alloc_size(2048);
	CHECK(nla_put_nested(outer, 1, m) == 0 && nlmsg_hdr(outer)->nlmsg_len == 16 + 4 + 16,
	      "nla_put_nested clamps a bogus nested length to the capacity");
	nlmsg_free(outer);
	nlmsg_hdr(m)->nlmsg_len = 8;
	CHECK(nlmsg_put(m, 1, 1, 1, 0, 0) == NULL,
	      "libnl-compat: nlmsg_put on a too-short message is NULL");
	nlmsg_free(m);

	/* nest end needing a pad that does not fit: libnl-compat: libnl aborts */
	m = nlmsg_alloc_size(23);
	struct nlattr *n = nla_nest_start(m, 1);
	nlmsg_append(m, "abc", 3, 0);
	CHECK(nla_nest_end(m, n) == -NLE_NOMEM, "nest end without room for padding is -NLE_NOMEM");
	nlmsg_free(m);

	/* huge allocations fail cleanly */
	CHECK(nlmsg_alloc_size((size_t)-1) == NULL, "nlmsg_alloc_size(SIZE_MAX) is NULL");
	m = nlmsg_alloc_size(16);
	CHECK(nlmsg_expand(m, (size_t)-1) == -NLE_NOMEM, "nlmsg_expand(SIZE_MAX) is -NLE_NOMEM");
	CHECK(nlmsg_append(m, NULL, 4, 0) == -NLE_INVAL, "nlmsg_append from NULL");
	nlmsg_free(m);

	/* references */
	m = nlmsg_alloc();
	nlmsg_get(m);
	nlmsg_get(m);
	nlmsg_free(m);
	nlmsg_free(m);
	CHECK(nlmsg_get_max_size(m) > 0, "message alive while references remain");
	nlmsg_free(m);

	return tap_failed;
}
