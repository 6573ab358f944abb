/* nl_addr_parse / nl_addr2str / nl_addr_valid over many textual forms and family hints. */
#include <netlink/netlink.h>
#include <netlink/addr.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <string.h>

static void show(const char *s, int fam)
{
	static const unsigned char zeros[16];
	struct nl_addr *a = NULL;
	char buf[1200];
	unsigned char *b;
	unsigned int i;
	int r = nl_addr_parse(s, fam, &a);

	printf("%d [%s] r=%d", fam, s, r);
	if (r == 0) {
		printf(" fam=%d len=%u pfx=%u str=%s", nl_addr_get_family(a), nl_addr_get_len(a),
		       nl_addr_get_prefixlen(a), nl_addr2str(a, buf, sizeof(buf)));
		b = nl_addr_get_binary_addr(a);
		printf(" hex=");
		for (i = 0; i < nl_addr_get_len(a); i++)
			printf("%02x", b[i]);
		printf(" zero=%d", nl_addr_iszero(a));
		/* the room allocated for bytes: keywords give none at all */
		printf(" room4=%d", nl_addr_set_binary_addr(a, zeros, 4));
		printf(" room16=%d", nl_addr_set_binary_addr(a, zeros, 16));
		nl_addr_put(a);
	}
	printf(" valid=%d\n", nl_addr_valid(s, fam));
}

static const char *inputs[] = {
	"default",
	"any",
	"none",
	"default/8",
	"any/0",
	"none/3",
	"DEFAULT",
	"Any",
	"None",
	"noNe/1",
	"none/",
	"default/",
	"all",
	"ALL",
	"aLl/24",
	"all/0x10",
	"all/",
	"all/-1",
	"all/8x",
	"all ",
	" all",
	"all\n",
	"allx",
	"al",
	"default/-1",
	"any/8/9",
	"none/x",
	"defaultx",
	"anything",
	"any/abc",
	"none ",
	" none",
	"",
	/* IPv4 and prefixes */
	"1.2.3.4",
	"1.2.3.4/24",
	"1.2.3.4/33",
	"1.2.3.4/-1",
	"1.2.3.4/",
	"1.2.3.4/abc",
	"1.2.3.4/24x",
	"1.2.3.4/ 24",
	"1.2.3.4/0",
	"1.2.3.4/0x10",
	"1.2.3.4/010",
	"1.2.3.4/+5",
	"1.2.3.4/8/9",
	"1.2.3.4//8",
	"/8",
	"x/abc",
	"1.2.3.4/4294967297",
	"1.2.3.4/2147483647",
	"1.2.3.4/999999999999999999999",
	"1.2.3.4/32",
	"1.2.3",
	"1.2",
	"1",
	"0x7f.1",
	"010.0.0.1",
	"1.2.3.4.5",
	"256.1.1.1",
	" 1.2.3.4",
	"1.2.3.4 ",
	"1.2.3.4\n",
	"0.0.0.0",
	"0.0.0.0/0",
	"255.255.255.255",
	"1.2.3.04",
	/* IPv6 */
	"::1",
	"::",
	"fe80::1/64",
	"::ffff:1.2.3.4",
	"1:2:3:4:5:6:7:8",
	"1:2:3:4:5:6:7:8:9",
	"::1/129",
	"::1/128",
	"aa::bb",
	"1::2",
	"::/0",
	"::1.2.3.4",
	"::2",
	"::ffff:0:1",
	"1:0:0:1:0:0:0:1",
	"1:0:1:0:1:0:1:0",
	"0:0:1::",
	"2001:db8::",
	"::0.0.0.1",
	"::1/x",
	"::1 ",
	"dead:beef",
	/* link layer and hex */
	"aa:bb:cc:dd:ee:ff",
	"AA:BB:CC:DD:EE:FF",
	"a:b:c",
	"aa:bb",
	"aa",
	"aabb",
	"aa:bb:cc:dd:ee:ff/20",
	"aa:bb:cc:dd:ee:fff",
	"aa:bb:cc:dd:ee:fg",
	"aaa:bb:cc:dd:ee:ff",
	"aa:",
	"1:2",
	"1:2:3:4:5",
	"aa-bb-cc-dd-ee-ff",
	"aa:bb:cc:dd:ee:ff:",
	":aa:bb:cc:dd:ee:ff",
	"aabb:cc",
	"ff:100",
	"+1:2",
	" 1:2",
	"0x1:2",
	"-1:2",
	"1:2:",
	"1:2:3:4:5:6:",
	"a:b:c:d:e:f",
	"a:b:c:d:e:f:0",
	"fff:1",
	"1: 2",
	"1:-2",
	"1:0x2",
	"1:2/8",
	"1:2/",
	"1:2/x",
	"1:2:3:4:5:6/100",
	"0:0:0:0:0:0",
	"-1:2:3:4:5:6",
	" 1: 2:3:4:5:6",
	"+1:2:3:4:5:6",
	"0x:2:3:4:5:6",
	"1 :2:3:4:5:6",
	"1.2:3",
	"1:2.3",
	"1:2;3",
	"1:2x",
	"1:-100",
	"-100:1",
	"1:-0x1ff",
	"1.2.3.4:5",
	"1:2\n",
	"g1:22",
	"00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44",
	"0x01:0x02:0x03:0x04:0x05:0x06:0x07",
	/* DECnet */
	"1.1",
	"1.1023",
	"10.5",
	"63.1023",
	"64.1",
	"1.1024",
	"0.0",
	"1.2x",
	/* found by the diff fuzz target: ',' separates, numbers wrap at 16 bits */
	"2,2",
	"63,1023x",
	"65537.1",
	"0065600.1",
	"1.66560",
	",2",
	"1.",
	".1",
	"1..2",
	"+1.2",
	"1.+2",
	"-1.2",
	"1.-2",
	" 1.2",
	"1.2 ",
	"1 .2",
	"63.1024",
	"0.1023",
	"00000000001.2",
	"99999999999999999999.1",
	"1.99999999999999999999",
	"1.2/5",
	"1.2/0",
	/* MPLS */
	"100",
	"100/20",
	"1048575",
	"1048576",
	"100/200",
	"0",
	"0/1",
	"1/2/3",
	"1/2/3/4",
	"1/",
	"/1",
	" 1",
	"+1",
	"1a",
	"01",
	"0x10",
	"1/2/",
	"1//2",
	"1 /2",
	"1/ 2",
	"-1",
	"4294967297",
	"010",
	"0010/1",
	"1/010",
	"0x/1",
	"abc",
	"a.b.c.d",
	"x",
};

int main(void)
{
	int fams[] = { AF_UNSPEC, AF_INET,   AF_INET6, AF_LLC, AF_DECnet, AF_MPLS,
		       AF_BRIDGE, AF_PACKET, AF_UNIX,  AF_CAN, 99,	  -1 };
	static char big[4000];
	unsigned int f, i;
	int n, k;

	for (f = 0; f < sizeof(fams) / sizeof(fams[0]); f++)
		for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
			show(inputs[i], fams[f]);

	/* hex byte limit (256) */
	for (n = 254; n <= 258; n++) {
		big[0] = 0;
		for (k = 0; k < n; k++)
			strcat(big, k ? ":0x01" : "0x01");
		show(big, AF_UNSPEC);
	}
	/* MPLS label limit (64) */
	for (n = 63; n <= 66; n++) {
		big[0] = 0;
		for (k = 0; k < n; k++)
			strcat(big, k ? "/7" : "7");
		show(big, AF_MPLS);
	}
	return 0;
}
