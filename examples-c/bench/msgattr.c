/*
 * msgattr.c - message/attribute micro-benchmark: build, parse with a policy,
 * read back, free. One source, compiled three ways:
 *
 *   -DUSE_LIBNL  libnl-3 API, Debian's headers + libnl-3.so
 *   -DUSE_NLRS   the very same libnl-3 API code, our headers + libnlrs.so
 *   -DUSE_MNL    libmnl API
 *
 * Per iteration: build an RTM_NEWLINK-style message (struct ifinfomsg + 34
 * attributes: 19 leaves and a nest at the top level, 9 leaves and a nest in
 * the first nest, 4 leaves in the innermost one; u8/u16/u32/u64/string/
 * binary/flag), parse every level with a validating policy, read every value
 * back into a checksum, release the message.
 *
 * Usage: msgattr [ITERATIONS]   (default 200000)
 * Output: one line (wall and CPU ns per iteration); the checksum must be
 * identical for all three builds.
 */

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include <linux/rtnetlink.h>

#if defined(USE_LIBNL) + defined(USE_NLRS) + defined(USE_MNL) != 1
#error "define exactly one of USE_LIBNL, USE_NLRS, USE_MNL"
#endif

#if defined(USE_MNL)
#include <libmnl/libmnl.h>
#define IMPL "libmnl"
#else
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#if defined(USE_NLRS)
#define IMPL "libnlrs"
#else
#define IMPL "libnl"
#endif
#endif

enum kind { K_U8, K_U16, K_U32, K_U64, K_STR, K_BIN, K_FLAG, K_NEST };

struct field {
	uint16_t type;
	uint8_t kind;
};

/* Innermost nest (level 2): 4 attributes. */
#define B_MAX 4
static const struct field lvl_b[] = {
	{ 1, K_U32 },
	{ 2, K_U8 },
	{ 3, K_STR },
	{ 4, K_U64 },
};

/* Middle nest (level 1): 9 attributes + nest B. */
#define A_NEST 10
#define A_MAX 10
static const struct field lvl_a[] = {
	{ 1, K_U32 }, { 2, K_U16 },  { 3, K_U8 },  { 4, K_STR }, { 5, K_U64 },
	{ 6, K_BIN }, { 7, K_FLAG }, { 8, K_U32 }, { 9, K_U16 },
};

/* Top level: 19 attributes + nest A. */
#define T_NEST 20
#define T_MAX 20
static const struct field lvl_top[] = {
	{ 1, K_U8 },	{ 2, K_U16 },  { 3, K_U32 },  { 4, K_U64 },  { 5, K_STR },
	{ 6, K_BIN },	{ 7, K_FLAG }, { 8, K_U32 },  { 9, K_U32 },  { 10, K_U8 },
	{ 11, K_U16 },	{ 12, K_U64 }, { 13, K_STR }, { 14, K_BIN }, { 15, K_U32 },
	{ 16, K_FLAG }, { 17, K_U16 }, { 18, K_U64 }, { 19, K_U32 },
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const strs[] = {
	"eth0", "bond0.100", "vlan", "a-much-longer-interface-alias-string", "x", "noqueue",
};

/* Binary attributes: 6 bytes (a MAC) for even types, 16 otherwise. */
#define BIN_MIN 6
static int bin_len(int type)
{
	return type % 2 ? 16 : 6;
}

static uint64_t value(uint64_t it, int level, int type)
{
	return it * 0x9E3779B97F4A7C15ull + (uint64_t)(level * 64 + type);
}

static void fill_bin(uint8_t *b, uint64_t v)
{
	memcpy(b, &v, 8);
	v = ~v;
	memcpy(b + 8, &v, 8);
}

static uint64_t mix(uint64_t sum, uint64_t x)
{
	return (sum ^ x) * 0x100000001B3ull;
}

/* Strings and binaries are read in full (strlen / an 8-byte load) but mixed
 * in as one word each, so the checksum does not dominate the loop. */
static uint64_t sum_str(uint64_t sum, const char *s)
{
	return mix(sum, (uint64_t)strlen(s) << 8 | (unsigned char)s[0]);
}

static uint64_t sum_bin(uint64_t sum, const uint8_t *p, int len)
{
	uint64_t w = 0;

	memcpy(&w, p + len - BIN_MIN, BIN_MIN);
	return mix(sum, w ^ (uint64_t)len << 56);
}

static long failures;

#if !defined(USE_MNL)
/* ----------------------------------------------------------------------
 * libnl-3 API (Debian libnl and libnlrs)
 */

static struct nla_policy pol_top[T_MAX + 1], pol_a[A_MAX + 1], pol_b[B_MAX + 1];

static void init_policy(struct nla_policy *pol, const struct field *f, int n)
{
	static const uint16_t map[] = {
		[K_U8] = NLA_U8,     [K_U16] = NLA_U16,	    [K_U32] = NLA_U32,
		[K_U64] = NLA_U64,   [K_STR] = NLA_STRING,  [K_BIN] = NLA_UNSPEC,
		[K_FLAG] = NLA_FLAG, [K_NEST] = NLA_NESTED,
	};
	int i;

	for (i = 0; i < n; i++) {
		pol[f[i].type].type = map[f[i].kind];
		if (f[i].kind == K_BIN)
			pol[f[i].type].minlen = BIN_MIN;
	}
}

static void init(void)
{
	init_policy(pol_top, lvl_top, N(lvl_top));
	pol_top[T_NEST].type = NLA_NESTED;
	init_policy(pol_a, lvl_a, N(lvl_a));
	pol_a[A_NEST].type = NLA_NESTED;
	init_policy(pol_b, lvl_b, N(lvl_b));
}

static int put_fields(struct nl_msg *m, const struct field *f, int n, uint64_t it, int level)
{
	uint8_t bin[16];
	int i, err = 0;

	for (i = 0; i < n && err >= 0; i++) {
		int t = f[i].type;
		uint64_t v = value(it, level, t);

		switch (f[i].kind) {
		case K_U8:
			err = nla_put_u8(m, t, (uint8_t)v);
			break;
		case K_U16:
			err = nla_put_u16(m, t, (uint16_t)v);
			break;
		case K_U32:
			err = nla_put_u32(m, t, (uint32_t)v);
			break;
		case K_U64:
			err = nla_put_u64(m, t, v);
			break;
		case K_STR:
			err = nla_put_string(m, t, strs[(t + level) % N(strs)]);
			break;
		case K_BIN:
			fill_bin(bin, v);
			err = nla_put(m, t, bin_len(t), bin);
			break;
		case K_FLAG:
			err = nla_put_flag(m, t);
			break;
		}
	}
	return err;
}

static struct nl_msg *build(uint64_t it)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = (int)(it & 0x7fffffff),
		.ifi_flags = 1,
	};
	struct nlattr *na, *nb;
	struct nl_msg *m;

	m = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_CREATE);
	if (!m)
		return NULL;
	if (nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		goto fail;
	if (put_fields(m, lvl_top, N(lvl_top), it, 0) < 0)
		goto fail;
	if (!(na = nla_nest_start(m, T_NEST)))
		goto fail;
	if (put_fields(m, lvl_a, N(lvl_a), it, 1) < 0)
		goto fail;
	if (!(nb = nla_nest_start(m, A_NEST)))
		goto fail;
	if (put_fields(m, lvl_b, N(lvl_b), it, 2) < 0)
		goto fail;
	if (nla_nest_end(m, nb) < 0 || nla_nest_end(m, na) < 0)
		goto fail;
	return m;
fail:
	nlmsg_free(m);
	return NULL;
}

static uint64_t read_fields(uint64_t sum, struct nlattr **tb, const struct field *f, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct nlattr *a = tb[f[i].type];

		if (!a) {
			failures++;
			continue;
		}
		switch (f[i].kind) {
		case K_U8:
			sum = mix(sum, nla_get_u8(a));
			break;
		case K_U16:
			sum = mix(sum, nla_get_u16(a));
			break;
		case K_U32:
			sum = mix(sum, nla_get_u32(a));
			break;
		case K_U64:
			sum = mix(sum, nla_get_u64(a));
			break;
		case K_STR:
			sum = sum_str(sum, nla_get_string(a));
			break;
		case K_BIN:
			sum = sum_bin(sum, nla_data(a), nla_len(a));
			break;
		case K_FLAG:
			sum = mix(sum, (uint64_t)nla_get_flag(a));
			break;
		}
	}
	return sum;
}

static uint64_t one(uint64_t it, uint64_t sum)
{
	struct nlattr *tb[T_MAX + 1], *ta[A_MAX + 1], *tbb[B_MAX + 1];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct nl_msg *m;

	if (!(m = build(it))) {
		failures++;
		return sum;
	}
	nlh = nlmsg_hdr(m);
	sum = mix(sum, nlh->nlmsg_len);

	if (nlmsg_parse(nlh, sizeof(*ifi), tb, T_MAX, pol_top) < 0 || !tb[T_NEST] ||
	    nla_parse_nested(ta, A_MAX, tb[T_NEST], pol_a) < 0 || !ta[A_NEST] ||
	    nla_parse_nested(tbb, B_MAX, ta[A_NEST], pol_b) < 0) {
		failures++;
		nlmsg_free(m);
		return sum;
	}

	ifi = nlmsg_data(nlh);
	sum = mix(sum, (uint64_t)ifi->ifi_index);
	sum = read_fields(sum, tb, lvl_top, N(lvl_top));
	sum = read_fields(sum, ta, lvl_a, N(lvl_a));
	sum = read_fields(sum, tbb, lvl_b, N(lvl_b));

	nlmsg_free(m);
	return sum;
}

#else
/* ----------------------------------------------------------------------
 * libmnl API. The message lives in a caller-provided buffer, as is usual
 * with libmnl: nothing to allocate, nothing to free.
 */

#define BUFSZ 8192

static uint8_t kinds_top[T_MAX + 1], kinds_a[A_MAX + 1], kinds_b[B_MAX + 1];

struct level {
	const uint8_t *kinds;
	const struct nlattr **tb;
	int max;
};

static void init_kinds(uint8_t *k, int max, const struct field *f, int n)
{
	int i;

	memset(k, 0xff, (size_t)max + 1);
	for (i = 0; i < n; i++)
		k[f[i].type] = f[i].kind;
}

static void init(void)
{
	init_kinds(kinds_top, T_MAX, lvl_top, N(lvl_top));
	kinds_top[T_NEST] = K_NEST;
	init_kinds(kinds_a, A_MAX, lvl_a, N(lvl_a));
	kinds_a[A_NEST] = K_NEST;
	init_kinds(kinds_b, B_MAX, lvl_b, N(lvl_b));
}

static int validate_cb(const struct nlattr *attr, void *data)
{
	static const enum mnl_attr_data_type map[] = {
		[K_U8] = MNL_TYPE_U8,	  [K_U16] = MNL_TYPE_U16,	 [K_U32] = MNL_TYPE_U32,
		[K_U64] = MNL_TYPE_U64,	  [K_STR] = MNL_TYPE_NUL_STRING, [K_BIN] = MNL_TYPE_UNSPEC,
		[K_FLAG] = MNL_TYPE_FLAG, [K_NEST] = MNL_TYPE_NESTED,
	};
	const struct level *l = data;
	int type = mnl_attr_get_type(attr);
	uint8_t k;

	if (mnl_attr_type_valid(attr, (uint16_t)l->max) < 0)
		return MNL_CB_OK; /* unknown: ignore, like libnl */
	k = l->kinds[type];
	if (k != 0xff) {
		if (mnl_attr_validate(attr, map[k]) < 0)
			return MNL_CB_ERROR;
		if (k == K_BIN && mnl_attr_get_payload_len(attr) < BIN_MIN)
			return MNL_CB_ERROR;
	}
	l->tb[type] = attr;
	return MNL_CB_OK;
}

static int put_fields(struct nlmsghdr *nlh, const struct field *f, int n, uint64_t it, int level)
{
	uint8_t bin[16];
	bool ok = true;
	int i;

	for (i = 0; i < n && ok; i++) {
		uint16_t t = f[i].type;
		uint64_t v = value(it, level, t);

		switch (f[i].kind) {
		case K_U8:
			ok = mnl_attr_put_u8_check(nlh, BUFSZ, t, (uint8_t)v);
			break;
		case K_U16:
			ok = mnl_attr_put_u16_check(nlh, BUFSZ, t, (uint16_t)v);
			break;
		case K_U32:
			ok = mnl_attr_put_u32_check(nlh, BUFSZ, t, (uint32_t)v);
			break;
		case K_U64:
			ok = mnl_attr_put_u64_check(nlh, BUFSZ, t, v);
			break;
		case K_STR:
			ok = mnl_attr_put_strz_check(nlh, BUFSZ, t, strs[(t + level) % N(strs)]);
			break;
		case K_BIN:
			fill_bin(bin, v);
			ok = mnl_attr_put_check(nlh, BUFSZ, t, (size_t)bin_len(t), bin);
			break;
		case K_FLAG:
			ok = mnl_attr_put_check(nlh, BUFSZ, t, 0, NULL);
			break;
		}
	}
	return ok ? 0 : -1;
}

static int build(void *buf, uint64_t it)
{
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct nlattr *na, *nb;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)(it & 0x7fffffff);
	ifi->ifi_flags = 1;

	if (put_fields(nlh, lvl_top, N(lvl_top), it, 0) < 0)
		return -1;
	if (!(na = mnl_attr_nest_start_check(nlh, BUFSZ, T_NEST)))
		return -1;
	if (put_fields(nlh, lvl_a, N(lvl_a), it, 1) < 0)
		return -1;
	if (!(nb = mnl_attr_nest_start_check(nlh, BUFSZ, A_NEST)))
		return -1;
	if (put_fields(nlh, lvl_b, N(lvl_b), it, 2) < 0)
		return -1;
	mnl_attr_nest_end(nlh, nb);
	mnl_attr_nest_end(nlh, na);
	return 0;
}

static uint64_t read_fields(uint64_t sum, const struct nlattr **tb, const struct field *f, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		const struct nlattr *a = tb[f[i].type];

		if (!a) {
			failures++;
			continue;
		}
		switch (f[i].kind) {
		case K_U8:
			sum = mix(sum, mnl_attr_get_u8(a));
			break;
		case K_U16:
			sum = mix(sum, mnl_attr_get_u16(a));
			break;
		case K_U32:
			sum = mix(sum, mnl_attr_get_u32(a));
			break;
		case K_U64:
			sum = mix(sum, mnl_attr_get_u64(a));
			break;
		case K_STR:
			sum = sum_str(sum, mnl_attr_get_str(a));
			break;
		case K_BIN:
			sum = sum_bin(sum, mnl_attr_get_payload(a),
				      (int)mnl_attr_get_payload_len(a));
			break;
		case K_FLAG:
			sum = mix(sum, 1);
			break;
		}
	}
	return sum;
}

static uint64_t one(uint64_t it, uint64_t sum)
{
	static uint8_t buf[BUFSZ] __attribute__((aligned(8)));
	const struct nlattr *tb[T_MAX + 1], *ta[A_MAX + 1], *tbb[B_MAX + 1];
	struct level lt = { kinds_top, tb, T_MAX };
	struct level la = { kinds_a, ta, A_MAX };
	struct level lb = { kinds_b, tbb, B_MAX };
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	const struct ifinfomsg *ifi;

	if (build(buf, it) < 0) {
		failures++;
		return sum;
	}
	sum = mix(sum, nlh->nlmsg_len);

	memset(tb, 0, sizeof(tb));
	memset(ta, 0, sizeof(ta));
	memset(tbb, 0, sizeof(tbb));
	if (mnl_attr_parse(nlh, sizeof(*ifi), validate_cb, &lt) != MNL_CB_OK || !tb[T_NEST] ||
	    mnl_attr_parse_nested(tb[T_NEST], validate_cb, &la) != MNL_CB_OK || !ta[A_NEST] ||
	    mnl_attr_parse_nested(ta[A_NEST], validate_cb, &lb) != MNL_CB_OK) {
		failures++;
		return sum;
	}

	ifi = mnl_nlmsg_get_payload(nlh);
	sum = mix(sum, (uint64_t)ifi->ifi_index);
	sum = read_fields(sum, tb, lvl_top, N(lvl_top));
	sum = read_fields(sum, ta, lvl_a, N(lvl_a));
	sum = read_fields(sum, tbb, lvl_b, N(lvl_b));
	return sum;
}
#endif

int main(int argc, char **argv)
{
	struct timespec t0, t1, c0, c1;
	uint64_t n = 200000, it, sum = 0xcbf29ce484222325ull;
	double ns, cpu;

	if (argc > 1) {
		char *end;

		n = strtoull(argv[1], &end, 10);
		if (*end || n == 0) {
			fprintf(stderr, "usage: %s [ITERATIONS]\n", argv[0]);
			return 2;
		}
	}

	init();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (it = 0; it < n; it++)
		sum = one(it, sum);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);

	ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
	cpu = (double)(c1.tv_sec - c0.tv_sec) * 1e9 + (double)(c1.tv_nsec - c0.tv_nsec);
	printf("impl=%s iterations=%" PRIu64 " checksum=%016" PRIx64
	       " failures=%ld ns_per_iter=%.1f cpu_ns_per_iter=%.1f\n",
	       IMPL, n, sum, failures, ns / (double)n, cpu / (double)n);
	return failures ? 1 : 0;
}
