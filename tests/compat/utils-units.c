/* utils.h: unit choice, rate/size/duration formatting and parsing, clocks, capabilities. */
#include <netlink/netlink.h>
#include <netlink/utils.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <string.h>

static const unsigned long long vals[] = {
	0,
	1,
	999,
	1000,
	1023,
	1024,
	1025,
	1048575,
	1048576,
	1000000,
	1000000000ULL,
	1073741824ULL,
	1099511627776ULL,
	1000000000000ULL,
	1125899906842624ULL,
	~0ULL,
};

int main(void)
{
	char b[64];
	char *u;
	unsigned i;
	int k;

	for (i = 0; i < sizeof(vals) / sizeof(*vals); i++) {
		unsigned long long v = vals[i];
		double d;

		d = nl_cancel_down_bytes(v, &u);
		printf("%llu bytes %.17g %s", v, d, u);
		d = nl_cancel_down_bits(v, &u);
		printf(" bits %.17g %s", d, u);
		d = nl_cancel_down_us((uint32_t)v, &u);
		printf(" us %.17g %s", d, u);
		k = nl_rate2str(v, NL_BYTE_RATE, b, sizeof(b));
		printf(" rate %d %s", k, b);
		k = nl_rate2str(v, NL_BIT_RATE, b, sizeof(b));
		printf(" %d %s", k, b);
		printf(" size %s\n", nl_size2str(v, b, sizeof(b)));
	}
	for (k = 0; k < 64; k++)
		printf("%d:%s ", k, nl_size2str(1ULL << k, b, sizeof(b)));
	printf("\n");
	for (k = 0; k < 64; k++)
		printf("%d:%s ", k, nl_size2str((1ULL << k) * 1000 / 1024, b, sizeof(b)));
	printf("\n");

	/* truncation */
	for (k = 0; k < 14; k++) {
		memset(b, 'Z', sizeof(b));
		printf("rate len %d: %d", k, nl_rate2str(123456789, NL_BYTE_RATE, b, k));
		b[20] = 0;
		printf(" '%s'", b);
		memset(b, 'Z', sizeof(b));
		nl_size2str(123456789, b, k);
		b[20] = 0;
		printf(" '%s'\n", b);
	}
	printf("rate null buf %d\n", nl_rate2str(5, NL_BIT_RATE, NULL, 0));

	{
		static const char *sz[] = {
			"",
			"0",
			" 10",
			"10 ",
			"10k",
			"10K",
			"10kb",
			"10KB",
			"10m",
			"10mb",
			"10Mb",
			"10g",
			"10gb",
			"10gbit",
			"10mbit",
			"10kbit",
			"10bit",
			"10b",
			"10B",
			"10x",
			"0x10k",
			"-5k",
			"k",
			"10kib",
			"99999999999999999999",
			"-99999999999999999999",
			"99999999999999999999k",
			"3bit",
			"1gbit",
			"10 k",
			"010",
			"08",
			"0x",
			"+7",
			"10GBIT",
			"10bits",
			"1e3",
		};
		for (i = 0; i < sizeof(sz) / sizeof(*sz); i++)
			printf("size2int '%s' %ld\n", sz[i], nl_size2int(sz[i]));
	}
	{
		static const char *pr[] = {
			"",	"0",	 "1",	      "0.5",	"50",	"50%", "100%",
			"101",	"-1",	 "0.5 %",     "0.5x",	"1e2",	"nan", "inf",
			"-inf", "0x10",	 "1.0000001", "99.999", "50%%", " 3",  "200x",
			"0.25", "33.3%", "1e-300",    ".5",	"5.",	"%",   "x",
		};
		for (i = 0; i < sizeof(pr) / sizeof(*pr); i++)
			printf("prob2int '%s' %ld\n", pr[i], nl_prob2int(pr[i]));
	}
	{
		static const char *ms[] = {
			"",
			"0",
			"5",
			"5sec",
			"5s",
			"5se",
			"5secs",
			"5m",
			"5mi",
			"5min",
			"5mins",
			"5h",
			"5ho",
			"5hour",
			"5hours",
			"5d",
			"5da",
			"5day",
			"5days",
			"1 2",
			"1sec 2",
			"5sec ",
			"1d 2h 3m 4s 5",
			"1d2h",
			" 7",
			"x",
			"5\t3",
			"1m  2",
			"0x10",
			"-1",
			"5S",
			"5MIN",
			"5Hour",
			"18446744073709551615",
			"18446744073709551616",
			"5 sec",
			"5x",
			"5 x",
			"010s",
			"1\t",
			"3 ",
			"99999999999999999d",
		};
		for (i = 0; i < sizeof(ms) / sizeof(*ms); i++) {
			uint64_t r = 777;
			int e = nl_str2msec(ms[i], &r);
			printf("str2msec '%s' %d %llu\n", ms[i], e, (unsigned long long)r);
		}
	}
	{
		static const uint64_t mv[] = {
			0,
			1,
			999,
			1000,
			1001,
			60000,
			61001,
			3600000,
			86400000,
			90061001,
			86400000ULL * 400,
			3600001,
			~0ULL,
		};
		for (i = 0; i < sizeof(mv) / sizeof(*mv); i++)
			printf("msec2str %llu '%s'\n", (unsigned long long)mv[i],
			       nl_msec2str(mv[i], b, sizeof(b)));
		/* Buffer sizes at which libnl's truncation stays in bounds. */
		memset(b, 'Z', sizeof(b));
		printf("trunc 2 '%s'\n", nl_msec2str(90061001, b, 2));
		printf("trunc 5 '%s'\n", nl_msec2str(90061001, b, 5));
		printf("trunc 8 '%s'\n", nl_msec2str(90061001, b, 8));
		printf("trunc 6 '%s'\n", nl_msec2str(0, b, 6));
		printf("trunc 3 '%s'\n", nl_msec2str(0, b, 3));
		printf("trunc 18 '%s'\n", nl_msec2str(90061001, b, 18));
		printf("trunc 17 '%s'\n", nl_msec2str(90061001, b, 17));
		printf("trunc 0 %c\n", *nl_msec2str(5, b, 0));
	}

	printf("hz %d %d\n", nl_get_user_hz(), nl_get_psched_hz());
	{
		static const uint32_t t[] = { 0,	 1,	    2,	      3,
					      100,	 1000,	    1000000,  274877906,
					      274877907, 300000000, 1u << 31, ~0u };
		for (i = 0; i < sizeof(t) / sizeof(*t); i++)
			printf("ticks %u -> %u %u\n", t[i], nl_us2ticks(t[i]), nl_ticks2us(t[i]));
	}
	for (k = -2; k < 40; k++)
		printf("%d", nl_has_capability(k));
	printf(" %d %d %d %d %d\n", nl_has_capability(0x7000), nl_has_capability(0x7fff),
	       nl_has_capability(1 << 20), nl_has_capability(-100),
	       nl_has_capability(NL_CAPABILITY_MAX));
	printf("macros %d %d %d %u %d %d %d\n", NL_CAPABILITY_MAX, __NL_CAPABILITY_MAX,
	       NL_CAPABILITY_VERSION_3_7_0, NL_PROB_MAX, NL_PROB_MIN,
	       NL_CAPABILITY_IS_USER_RESERVED(0x7abc), NL_CAPABILITY_IS_USER_RESERVED(0x6abc));
	printf("rates %d %d\n", NL_BYTE_RATE, NL_BIT_RATE);
	return 0;
}
