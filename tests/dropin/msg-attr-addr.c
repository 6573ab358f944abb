/* Drop-in check (tests/dropin.rs): compiled against Debian's libnl headers and linked with
 * -lnl-3, then run once with the real libnl and once with libnlrs behind libnl's sonames.
 * The output must be identical. Uses only msg/attr/addr/data/errno functions. */
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/addr.h>
#include <netlink/data.h>
#include <netlink/errno.h>
#include <linux/rtnetlink.h>

enum {
	A_UNSPEC,
	A_U32,
	A_STR,
	A_NEST,
	A_U8,
	A_U64,
	__A_MAX,
};
#define A_MAX (__A_MAX - 1)

enum {
	N_UNSPEC,
	N_U16,
	N_STR,
	__N_MAX,
};
#define N_MAX (__N_MAX - 1)

/* clang-format off */
static struct nla_policy pol[A_MAX + 1] = {
	[A_U32] = { .type = NLA_U32 },
	[A_STR] = { .type = NLA_STRING, .maxlen = 16 },
	[A_NEST] = { .type = NLA_NESTED },
	[A_U8] = { .type = NLA_U8 },
	[A_U64] = { .type = NLA_U64 },
};
/* clang-format on */

static struct nla_policy npol[N_MAX + 1] = {
	[N_U16] = { .type = NLA_U16 },
	[N_STR] = { .type = NLA_NUL_STRING },
};

static void hexdump(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		printf("%02x%s", b[i], (i % 16 == 15 || i + 1 == n) ? "\n" : " ");
}

static int build_and_parse(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 7 };
	struct nlattr *tb[A_MAX + 1], *nt[N_MAX + 1], *nest, *pos;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;
	int err, rem;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE);
	if (!msg)
		return 1;
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		return 1;
	nla_put_u32(msg, A_U32, 0xdeadbeef);
	nla_put_string(msg, A_STR, "hello");
	nest = nla_nest_start(msg, A_NEST);
	nla_put_u16(msg, N_U16, 513);
	nla_put_string(msg, N_STR, "inner");
	nla_nest_end(msg, nest);
	nla_put_u8(msg, A_U8, 42);
	nla_put_u64(msg, A_U64, 0x0102030405060708ULL);

	nlh = nlmsg_hdr(msg);
	printf("msg len=%u type=%u flags=0x%x\n", nlh->nlmsg_len, nlh->nlmsg_type,
	       nlh->nlmsg_flags);
	hexdump(nlh, nlh->nlmsg_len);

	err = nlmsg_parse(nlh, sizeof(ifi), tb, A_MAX, pol);
	printf("nlmsg_parse=%d\n", err);
	if (err < 0)
		return 1;
	printf("u32=0x%x str=%s u8=%u u64=0x%llx\n", nla_get_u32(tb[A_U32]),
	       nla_get_string(tb[A_STR]), nla_get_u8(tb[A_U8]),
	       (unsigned long long)nla_get_u64(tb[A_U64]));
	err = nla_parse_nested(nt, N_MAX, tb[A_NEST], npol);
	printf("nla_parse_nested=%d u16=%u str=%s\n", err, nla_get_u16(nt[N_U16]),
	       nla_get_string(nt[N_STR]));
	nla_for_each_nested(pos, tb[A_NEST], rem)
		printf("nested type=%d len=%d\n", nla_type(pos), nla_len(pos));

	/* A string longer than the policy's maxlen. */
	nlmsg_free(msg);
	msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(msg, A_STR, "a string longer than sixteen bytes");
	err = nlmsg_parse(nlmsg_hdr(msg), sizeof(ifi), tb, A_MAX, pol);
	printf("too long: nlmsg_parse=%d (%s)\n", err, nl_geterror(err));
	nlmsg_free(msg);
	return 0;
}

static void addr(const char *s, int family)
{
	struct nl_addr *a = NULL;
	char buf[128];
	int err;

	err = nl_addr_parse(s, family, &a);
	if (err < 0) {
		printf("addr '%s' af=%d: %d (%s)\n", s, family, err, nl_geterror(err));
		return;
	}
	printf("addr '%s' af=%d: %s family=%d prefixlen=%u len=%u\n", s, family,
	       nl_addr2str(a, buf, sizeof(buf)), nl_addr_get_family(a), nl_addr_get_prefixlen(a),
	       nl_addr_get_len(a));
	nl_addr_put(a);
}

int main(void)
{
	struct nl_data *d;
	int i;

	if (build_and_parse())
		return 1;

	addr("192.168.1.10/24", AF_UNSPEC);
	addr("10.0.0.1", AF_INET);
	addr("fe80::1/64", AF_UNSPEC);
	addr("aa:bb:cc:dd:ee:ff", AF_UNSPEC);
	addr("bogus", AF_INET);
	addr("default", AF_INET6);

	d = nl_data_alloc("abcdef", 6);
	printf("data size=%zu first=%c\n", nl_data_get_size(d), *(char *)nl_data_get(d));
	nl_data_free(d);

	for (i = 0; i <= NLE_MAX + 1; i++)
		printf("err %d: %s\n", i, nl_geterror(-i));
	return 3;
}
