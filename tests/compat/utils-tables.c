/* utils.h / netlink.h: link-layer, ethernet, IP protocol and netlink family names. */
#include <netlink/netlink.h>
#include <netlink/utils.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <string.h>

/* netlink.h prototypes (declared here in case the header lacks them). */
char *nl_nlfamily2str(int, char *, size_t);
int nl_str2nlfamily(const char *);

typedef char *(*tostr_fn)(int, char *, size_t);
typedef int (*fromstr_fn)(const char *);

static void sweep(const char *tag, tostr_fn f, fromstr_fn g, int lo, int hi)
{
	char b[64], hex[32];
	int v, named = 0;

	for (v = lo; v <= hi; v++) {
		f(v, b, sizeof(b));
		snprintf(hex, sizeof(hex), "0x%x", v);
		if (strcmp(b, hex) == 0)
			continue;
		named++;
		printf("%s %d %s -> %d\n", tag, v, b, g(b));
	}
	printf("%s: %d named in [%d, %d]\n", tag, named, lo, hi);
}

static void rev(const char *tag, fromstr_fn g)
{
	static const char *names[] = {
		"",
		"0",
		"0x10",
		"12abc",
		"4294967295",
		"-1",
		"-2",
		" 5",
		"5 ",
		"x",
		"18446744073709551615",
		"18446744073709551614",
		"99999999999999999999",
		"ETHER",
		"Ether",
		"netrom",
		"generic",
		"route",
		"edp2",
		"aoe",
		"IP",
		"ipv6",
		"802.1Q",
		"ieee802.11_prism",
		"crypto",
		"Generic",
		"tcp",
		"ICMP",
		"IPv6-ICMP",
		"ip",
		"hopopt",
		"017",
		"0X1f",
		"+3",
		"void",
		"nohdr",
		"usersock",
		"fcfb_12",
		"6lowpan",
	};
	unsigned i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		printf("%s '%s' %d\n", tag, names[i], g(names[i]));
}

int main(void)
{
	char b[64];
	int k;

	sweep("ll", nl_llproto2str, nl_str2llproto, -2, 0x10001);
	sweep("eth", nl_ether_proto2str, nl_str2ether_proto, -2, 0x10001);
	sweep("nlf", nl_nlfamily2str, nl_str2nlfamily, -2, 70);
	sweep("ip", nl_ip_proto2str, nl_str2ip_proto, -2, 300);
	rev("rll", nl_str2llproto);
	rev("reth", nl_str2ether_proto);
	rev("rnlf", nl_str2nlfamily);
	rev("rip", nl_str2ip_proto);

	printf("neg %s", nl_llproto2str(-1, b, sizeof(b)));
	printf(" %s", nl_ether_proto2str(-5, b, sizeof(b)));
	printf(" %s", nl_nlfamily2str(0x7fffffff, b, sizeof(b)));
	printf(" %s\n", nl_ip_proto2str(-1, b, sizeof(b)));
	for (k = 0; k < 8; k++) {
		memset(b, 'Z', sizeof(b));
		nl_llproto2str(0x321, b, k);
		b[12] = 0;
		printf("trunc %d '%s'", k, b);
		memset(b, 'Z', sizeof(b));
		nl_ip_proto2str(6, b, k);
		b[12] = 0;
		printf(" '%s'", b);
		memset(b, 'Z', sizeof(b));
		nl_ether_proto2str(0x1234, b, k);
		b[12] = 0;
		printf(" '%s'", b);
		memset(b, 'Z', sizeof(b));
		nl_nlfamily2str(16, b, k);
		b[12] = 0;
		printf(" '%s'\n", b);
	}
	printf("null buf %p %p\n", (void *)nl_llproto2str(1, NULL, 0),
	       (void *)nl_ip_proto2str(1, NULL, 0));
	return 0;
}
