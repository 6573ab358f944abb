/* Differential test: nla_get_u64, nla_get_s64 and nla_get_msecs on payloads of 0..16 bytes.
 * libnl 3.7 gives 0 for any payload shorter than 8 bytes and reads only the first 8 bytes of
 * a longer one. (Attributes with nla_len < 4 are in tests/c/attr-malformed.c: libnl reads past
 * them.) */
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <inttypes.h>
#include <stdio.h>

#define MAXLEN 16

static void show(const char *how, const struct nlattr *a)
{
	printf("%s len=%d u64=%016" PRIx64 " s64=%" PRId64 " msecs=%lu\n", how, nla_len(a),
	       nla_get_u64(a), nla_get_s64(a), nla_get_msecs(a));
}

int main(void)
{
	unsigned char data[MAXLEN];
	struct nl_msg *m = nlmsg_alloc_size(1024);
	struct nlattr *tb[MAXLEN + 2];
	struct nla_policy pol[MAXLEN + 2] = { { 0 } };
	struct nlattr *a;
	int n, rem, r;

	/* bytes 11 22 .. ff 00: the eighth (0x88) makes the s64 reading negative */
	for (n = 0; n < MAXLEN; n++)
		data[n] = (unsigned char)(0x11 * (n + 1));
	for (n = 0; n <= MAXLEN; n++)
		if (nla_put(m, n + 1, n, data) < 0)
			return 1;

	nlmsg_for_each_attr(a, nlmsg_hdr(m), 0, rem)
		show("walk", a);

	/* the same through nla_parse, with and without a policy asking for a u64 */
	r = nlmsg_parse(nlmsg_hdr(m), 0, tb, MAXLEN + 1, NULL);
	printf("parse %d\n", r);
	for (n = 1; n <= MAXLEN + 1; n++)
		if (tb[n])
			show("tb", tb[n]);
	for (n = 1; n <= MAXLEN + 1; n++)
		pol[n].type = NLA_U64;
	r = nlmsg_parse(nlmsg_hdr(m), 0, tb, MAXLEN + 1, pol);
	printf("parse u64 policy %d\n", r);

	/* a value put as u64 / s64 / msecs reads back */
	nlmsg_free(m);
	m = nlmsg_alloc();
	if (nla_put_u64(m, 1, 0xfedcba9876543210ULL) < 0 || nla_put_s64(m, 2, -2) < 0 ||
	    nla_put_msecs(m, 3, 86400000UL) < 0)
		return 1;
	nlmsg_for_each_attr(a, nlmsg_hdr(m), 0, rem)
		show("put", a);
	nlmsg_free(m);

	printf("NULL u64=%" PRIu64 " s64=%" PRId64 " msecs=%lu\n", nla_get_u64(NULL),
	       nla_get_s64(NULL), nla_get_msecs(NULL));
	return 0;
}
