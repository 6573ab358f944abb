/* netlink/route/link/macsec.h (tests/route.rs; no macsec in this kernel): every setter and
 * getter with valid and out-of-range values, requests and dumps, links parsed from hand-built
 * messages (every attribute, malformed variants), and the comparison of macsec links. */
#include <linux/if_link.h>
#include <linux/if_macsec.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/macsec.h>
#include <stdio.h>
#include <string.h>
#include "route-test.h"

static void dump(struct rtnl_link *l)
{
	struct nl_dump_params dp = { .dp_fd = stdout };

	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++) {
		dp.dp_type = t;
		printf("-- dump %d\n", t);
		nl_object_dump((struct nl_object *)l, &dp);
	}
}

static void show(const char *what, struct rtnl_link *l)
{
	enum macsec_validation_type vt;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;
	int err;

	printf("%s:", what);
	v64 = 77;
	err = rtnl_link_macsec_get_sci(l, &v64);
	printf(" sci %d %llx", err, (unsigned long long)v64);
	v16 = 77;
	err = rtnl_link_macsec_get_port(l, &v16);
	printf(" port %d %u", err, v16);
	v64 = 77;
	err = rtnl_link_macsec_get_cipher_suite(l, &v64);
	printf(" cipher %d %llx", err, (unsigned long long)v64);
	v16 = 77;
	err = rtnl_link_macsec_get_icv_len(l, &v16);
	printf(" icv %d %u", err, v16);
	v8 = 77;
	err = rtnl_link_macsec_get_protect(l, &v8);
	printf(" protect %d %u", err, v8);
	v8 = 77;
	err = rtnl_link_macsec_get_encrypt(l, &v8);
	printf(" encrypt %d %u\n ", err, v8);
	v8 = 77;
	err = rtnl_link_macsec_get_offload(l, &v8);
	printf(" offload %d %u", err, v8);
	v8 = 77;
	err = rtnl_link_macsec_get_encoding_sa(l, &v8);
	printf(" encoding_sa %d %u", err, v8);
	vt = 77;
	err = rtnl_link_macsec_get_validation_type(l, &vt);
	printf(" validation %d %u", err, vt);
	v8 = 77;
	err = rtnl_link_macsec_get_replay_protect(l, &v8);
	printf(" replay %d %u", err, v8);
	v32 = 77;
	err = rtnl_link_macsec_get_window(l, &v32);
	printf(" window %d %u", err, v32);
	v8 = 77;
	err = rtnl_link_macsec_get_send_sci(l, &v8);
	printf(" send_sci %d %u", err, v8);
	v8 = 77;
	err = rtnl_link_macsec_get_end_station(l, &v8);
	printf(" es %d %u", err, v8);
	v8 = 77;
	err = rtnl_link_macsec_get_scb(l, &v8);
	printf(" scb %d %u\n", err, v8);
}

static int nodump;

static void parsed(struct nl_object *o, void *arg)
{
	struct nl_msg *m;
	int err;

	show(arg, (struct rtnl_link *)o);
	/* libnl 3.7.0 reads past its name tables dumping out-of-range values. */
	if (!nodump)
		dump((struct rtnl_link *)o);
	err = rtnl_link_build_add_request((struct rtnl_link *)o, 0, &m);
	hex("request", err, m);
}

static void parse(const char *what, const void *data, int len)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 6, .ifi_type = 1 };
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *li, *d;
	int err;

	nlmsg_set_proto(m, NETLINK_ROUTE);
	nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(m, IFLA_IFNAME, "macsec0");
	li = nla_nest_start(m, IFLA_LINKINFO);
	nla_put_string(m, IFLA_INFO_KIND, "macsec");
	d = nla_nest_start(m, IFLA_INFO_DATA);
	memcpy(nlmsg_reserve(m, len, NLA_ALIGNTO), data, len);
	nla_nest_end(m, d);
	nla_nest_end(m, li);
	err = nl_msg_parse(m, parsed, (void *)what);
	printf("%s: parse %d\n", what, err);
	nlmsg_free(m);
}

static int put(unsigned char *p, int type, const void *v, int len)
{
	struct nlattr *a = (struct nlattr *)p;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(p + NLA_HDRLEN, v, len);
	memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return NLA_HDRLEN + NLA_ALIGN(len);
}

static void parse_all(void)
{
	uint64_t sci = 0x0102030405060708ULL, cs = MACSEC_CIPHER_ID_GCM_AES_256;
	uint32_t win = 64;
	uint16_t port = 7;
	uint8_t one = 1, two = 2, three = 3;
	unsigned char buf[512];
	int n;

	n = put(buf, IFLA_MACSEC_SCI, &sci, 8);
	n += put(buf + n, IFLA_MACSEC_PORT, &port, 2);
	n += put(buf + n, IFLA_MACSEC_ICV_LEN, &two, 1);
	n += put(buf + n, IFLA_MACSEC_CIPHER_SUITE, &cs, 8);
	n += put(buf + n, IFLA_MACSEC_WINDOW, &win, 4);
	n += put(buf + n, IFLA_MACSEC_ENCODING_SA, &three, 1);
	n += put(buf + n, IFLA_MACSEC_ENCRYPT, &one, 1);
	n += put(buf + n, IFLA_MACSEC_PROTECT, &one, 1);
	n += put(buf + n, IFLA_MACSEC_INC_SCI, &one, 1);
	n += put(buf + n, IFLA_MACSEC_ES, &one, 1);
	n += put(buf + n, IFLA_MACSEC_SCB, &one, 1);
	n += put(buf + n, IFLA_MACSEC_REPLAY_PROTECT, &one, 1);
	n += put(buf + n, IFLA_MACSEC_VALIDATION, &two, 1);
	n += put(buf + n, IFLA_MACSEC_OFFLOAD, &two, 1);
	parse("full", buf, n);

	n = put(buf, IFLA_MACSEC_ICV_LEN, "\x08", 1);
	n += put(buf + n, IFLA_MACSEC_VALIDATION, &one, 1);
	parse("some", buf, n);
	n = put(buf, IFLA_MACSEC_VALIDATION, "\x09", 1);
	n += put(buf + n, IFLA_MACSEC_ENCODING_SA, "\x09", 1);
	n += put(buf + n, IFLA_MACSEC_ENCRYPT, "\x05", 1);
	nodump = 1;
	parse("odd", buf, n);
	nodump = 0;
	/* An empty IFLA_INFO_DATA leaves libnl 3.7.0 without macsec data: its getters crash. */
	n = put(buf, IFLA_MACSEC_CIPHER_SUITE, &cs, 8);
	parse("csonly", buf, n);
	n = put(buf, IFLA_MACSEC_PORT, &port, 2);
	n += put(buf + n, IFLA_MACSEC_REPLAY_PROTECT, &one, 1);
	parse("portrp", buf, n);

	n = put(buf, IFLA_MACSEC_SCI, &sci, 4);
	parse("shortsci", buf, n);
	n = put(buf, IFLA_MACSEC_CIPHER_SUITE, &cs, 4);
	parse("shortcs", buf, n);
	n = put(buf, IFLA_MACSEC_PORT, &port, 1);
	parse("shortport", buf, n);
	n = put(buf, IFLA_MACSEC_WINDOW, &win, 2);
	parse("shortwindow", buf, n);
	n = put(buf, IFLA_MACSEC_ENCRYPT, &one, 0);
	parse("emptyencrypt", buf, n);
	n = put(buf, IFLA_MACSEC_ICV_LEN, &win, 4);
	parse("longicv", buf, n);
	n = put(buf, IFLA_MACSEC_SCI, "\1\2\3\4\5\6\7\x08\x09\x0a\x0b\x0c", 12);
	parse("longsci", buf, n);
	n = put(buf, IFLA_MACSEC_PAD, "\1\2\3\4", 4);
	n += put(buf + n, 40, "\1\2\3\4", 4);
	parse("pad", buf, n);
}

static void set(struct rtnl_link *c, int i, int v)
{
	switch (i) {
	case 0:
		rtnl_link_macsec_set_sci(c, v);
		break;
	case 1:
		rtnl_link_macsec_set_port(c, v);
		break;
	case 2:
		rtnl_link_macsec_set_cipher_suite(c, v);
		break;
	case 3:
		rtnl_link_macsec_set_icv_len(c, v + 8);
		break;
	case 4:
		rtnl_link_macsec_set_protect(c, v);
		break;
	case 5:
		rtnl_link_macsec_set_encrypt(c, v);
		break;
	case 6:
		rtnl_link_macsec_set_offload(c, v);
		break;
	case 7:
		rtnl_link_macsec_set_encoding_sa(c, v);
		break;
	case 8:
		rtnl_link_macsec_set_validation_type(c, v);
		break;
	case 9:
		rtnl_link_macsec_set_replay_protect(c, v);
		break;
	case 10:
		rtnl_link_macsec_set_window(c, v);
		break;
	case 11:
		rtnl_link_macsec_set_send_sci(c, v);
		break;
	case 12:
		rtnl_link_macsec_set_end_station(c, v);
		break;
	case 13:
		rtnl_link_macsec_set_scb(c, v);
		break;
	}
}

static unsigned long long diff(struct rtnl_link *a, struct rtnl_link *b)
{
	return nl_object_diff64((struct nl_object *)a, (struct nl_object *)b);
}

/* Which values libnl compares, and how: present on one side only, different values. */
static void compare(void)
{
	struct rtnl_link *a, *b;
	unsigned long long d1, d1r, d2;
	struct nl_msg *m;
	int i, err;

	for (i = 0; i < 14; i++) {
		a = rtnl_link_macsec_alloc();
		b = rtnl_link_macsec_alloc();
		set(b, i, 1);
		d1 = diff(a, b);
		d1r = diff(b, a);
		set(a, i, 0);
		d2 = diff(a, b);
		set(a, i, 1);
		printf("compare %d: one side %llx %llx values %llx same %llx\n", i, d1, d1r, d2,
		       diff(a, b));
		rtnl_link_put(a);
		rtnl_link_put(b);
	}
	for (i = 0; i < 8; i++) {
		a = rtnl_link_macsec_alloc();
		b = rtnl_link_macsec_alloc();
		switch (i) {
		case 0:
			set(a, 9, 1), set(b, 9, 1), set(a, 10, 1), set(b, 10, 2);
			break;
		case 1:
			set(a, 9, 1), set(b, 9, 1), set(b, 10, 2);
			break;
		case 2:
			set(a, 9, 0), set(b, 9, 0), set(a, 10, 1), set(b, 10, 2);
			break;
		case 3:
			rtnl_link_macsec_set_icv_len(a, 8);
			rtnl_link_macsec_set_cipher_suite(b, MACSEC_DEFAULT_CIPHER_ID);
			break;
		case 4:
			rtnl_link_macsec_set_icv_len(a, 16);
			rtnl_link_macsec_set_cipher_suite(b, MACSEC_DEFAULT_CIPHER_ID);
			break;
		case 5:
			set(a, 1, 1), set(b, 1, 2), set(a, 0, 1);
			break;
		case 6:
			set(a, 0, 1), set(b, 1, 2);
			break;
		case 7:
			set(a, 6, 1), set(b, 6, 0);
			break;
		}
		printf("compare case %d: %llx\n", i, diff(a, b));
		rtnl_link_put(a);
		rtnl_link_put(b);
	}
	for (i = 0; i < 6; i++) {
		a = rtnl_link_macsec_alloc();
		switch (i) {
		case 0:
			set(a, 9, 1);
			break;
		case 1:
			set(a, 9, 1), set(a, 10, 0);
			break;
		case 2:
			set(a, 9, 0);
			break;
		case 3:
			set(a, 10, 7);
			break;
		case 4:
			set(a, 1, 0x1234);
			break;
		case 5:
			set(a, 3, 0);
			break;
		}
		err = rtnl_link_build_add_request(a, 0, &m);
		printf("request case %d", i);
		hex("", err, m);
		dump(a);
		rtnl_link_put(a);
	}
}

int main(void)
{
	struct rtnl_link *l, *l2, *p;
	struct nl_msg *m;
	int i, err;

	setvbuf(stdout, NULL, _IONBF, 0);
	p = rtnl_link_alloc();
	rtnl_link_set_type(p, "macsec");
	show("set_type", p);
	rtnl_link_put(p);

	l = rtnl_link_macsec_alloc();
	printf("type %s\n", rtnl_link_get_type(l));
	show("fresh", l);
	printf("NULL out unset: %d %d %d %d %d %d %d\n", rtnl_link_macsec_get_sci(l, NULL),
	       rtnl_link_macsec_get_port(l, NULL), rtnl_link_macsec_get_cipher_suite(l, NULL),
	       rtnl_link_macsec_get_icv_len(l, NULL), rtnl_link_macsec_get_validation_type(l, NULL),
	       rtnl_link_macsec_get_window(l, NULL), rtnl_link_macsec_get_scb(l, NULL));
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("fresh request", err, m);
	dump(l);

	printf("set_sci %d\n", rtnl_link_macsec_set_sci(l, 0x1122334455667788ULL));
	printf("set_port %d\n", rtnl_link_macsec_set_port(l, 1));
	printf("set_cipher_suite %d\n",
	       rtnl_link_macsec_set_cipher_suite(l, MACSEC_CIPHER_ID_GCM_AES_128));
	for (i = 0; i < 40; i += 7)
		printf("set_icv_len %d %d\n", i, rtnl_link_macsec_set_icv_len(l, i));
	printf("set_icv_len 32 %d\n", rtnl_link_macsec_set_icv_len(l, 32));
	printf("set_icv_len 33 %d\n", rtnl_link_macsec_set_icv_len(l, 33));
	printf("set_icv_len 17 %d\n", rtnl_link_macsec_set_icv_len(l, 17));
	printf("set_icv_len 16 %d\n", rtnl_link_macsec_set_icv_len(l, 16));
	for (i = 0; i < 3; i++)
		printf("set_protect %d %d\n", i, rtnl_link_macsec_set_protect(l, i));
	for (i = 0; i < 3; i++)
		printf("set_encrypt %d %d\n", i, rtnl_link_macsec_set_encrypt(l, i));
	for (i = 0; i < 4; i++)
		printf("set_offload %d %d\n", i, rtnl_link_macsec_set_offload(l, i));
	for (i = 0; i < 6; i++)
		printf("set_encoding_sa %d %d\n", i, rtnl_link_macsec_set_encoding_sa(l, i));
	for (i = 0; i < 4; i++)
		printf("set_validation_type %d %d\n", i,
		       rtnl_link_macsec_set_validation_type(l, i));
	for (i = 0; i < 3; i++)
		printf("set_replay_protect %d %d\n", i, rtnl_link_macsec_set_replay_protect(l, i));
	printf("set_window %d\n", rtnl_link_macsec_set_window(l, 32));
	for (i = 0; i < 3; i++)
		printf("set_send_sci %d %d\n", i, rtnl_link_macsec_set_send_sci(l, i));
	for (i = 0; i < 3; i++)
		printf("set_end_station %d %d\n", i, rtnl_link_macsec_set_end_station(l, i));
	for (i = 0; i < 3; i++)
		printf("set_scb %d %d\n", i, rtnl_link_macsec_set_scb(l, i));
	show("set", l);
	printf("NULL out set: %d %d %d %d %d %d %d %d\n", rtnl_link_macsec_get_sci(l, NULL),
	       rtnl_link_macsec_get_port(l, NULL), rtnl_link_macsec_get_protect(l, NULL),
	       rtnl_link_macsec_get_encrypt(l, NULL), rtnl_link_macsec_get_offload(l, NULL),
	       rtnl_link_macsec_get_encoding_sa(l, NULL),
	       rtnl_link_macsec_get_validation_type(l, NULL),
	       rtnl_link_macsec_get_replay_protect(l, NULL));
	printf("NULL out set: %d %d %d %d\n", rtnl_link_macsec_get_window(l, NULL),
	       rtnl_link_macsec_get_send_sci(l, NULL), rtnl_link_macsec_get_end_station(l, NULL),
	       rtnl_link_macsec_get_scb(l, NULL));
	err = rtnl_link_build_add_request(l, 0, &m);
	hex("set request", err, m);
	dump(l);

	l2 = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);
	printf("clone identical %d\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)l2));
	for (i = 0; i < 14; i++) {
		struct rtnl_link *c = (struct rtnl_link *)nl_object_clone((struct nl_object *)l);

		set(c, i,
		    i == 3			   ? 0
		    : i == 6			   ? 0
		    : i == 10			   ? 5
		    : (i == 0 || i == 1 || i == 2) ? 5
						   : 0);
		printf("differ in %d: identical %d diff %llx\n", i,
		       nl_object_identical((struct nl_object *)l, (struct nl_object *)c),
		       (unsigned long long)nl_object_diff64((struct nl_object *)l,
							    (struct nl_object *)c));
		rtnl_link_put(c);
	}
	compare();
	p = rtnl_link_macsec_alloc();
	printf("fresh vs set identical %d diff %llx\n",
	       nl_object_identical((struct nl_object *)l, (struct nl_object *)p),
	       (unsigned long long)nl_object_diff64((struct nl_object *)l, (struct nl_object *)p));
	rtnl_link_macsec_set_window(p, 1);
	err = rtnl_link_build_change_request(l, p, 0, &m);
	hex("change request", err, m);
	rtnl_link_put(p);
	rtnl_link_put(l2);
	rtnl_link_put(l);

	parse_all();
	return 0;
}
