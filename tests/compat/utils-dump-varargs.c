/* utils.h: the variadic part of nl_dump / nl_dump_line — more integer and floating-point
 * arguments than any ABI passes in registers, every length modifier, long double, widths from
 * arguments, NUL characters, text around the formatting buffer sizes and beyond 4 KiB, in
 * stream, callback and buffer mode. */
#include <netlink/netlink.h>
#include <netlink/utils.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long hash(const char *s, size_t n)
{
	unsigned long h = 5381;
	size_t i;

	for (i = 0; i < n; i++)
		h = h * 33 + (unsigned char)s[i];
	return h;
}

/* Long text: a summary instead of the bytes. */
static void summary(const char *tag, const char *s, size_t n)
{
	printf("%s len=%zu hash=%lu head='%.12s' tail='%s'\n", tag, n, hash(s, n), s,
	       n > 12 ? s + n - 12 : s);
}

static void cb(struct nl_dump_params *p, char *s)
{
	(void)p;
	summary("  cb", s, strlen(s));
}

/* The same calls in every mode. */
static void calls(struct nl_dump_params *dp, const char *big)
{
	signed char hh = -5;
	short h = -300;
	long l = -70000L;
	long long ll = -5000000000LL;
	size_t z = 12345;
	intmax_t j = -99;
	long double ld = 2.5L;

	/* 20 ints and 20 doubles interleaved: registers run out for both classes */
	nl_dump_line(dp,
		     "%d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f "
		     "%d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d %.1f "
		     "%d %.1f %d %.1f\n",
		     1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10,
		     10.5, 11, 11.5, 12, 12.5, 13, 13.5, 14, 14.5, 15, 15.5, 16, 16.5, 17, 17.5, 18,
		     18.5, 19, 19.5, 20, 20.5);
	/* 10 doubles first, then integers and strings on the stack */
	nl_dump(dp, "%g %g %g %g %g %g %g %g %g %g|%d %d %d %d %d %d %d %d|%s %s %s\n", 0.1, 0.2,
		0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1e100, -1, -2, -3, -4, -5, -6, -7, -8, "a", "bc",
		"def");
	/* length modifiers, long double, widths and precision from arguments */
	nl_dump_line(dp, "%hhd %hd %ld %lld %zu %jd %u %lx %o %Lf %Le|%*d|%-*s|%.*f|%*.*e\n", hh, h,
		     l, ll, z, j, 4000000000U, 0xdeadbeefUL, 511, ld, ld * 1e300L, 6, 42, 5, "ab",
		     3, 3.14159265358979, 12, 2, -0.000123);
	nl_dump(dp, "%e %E %G %a %f %.0f %#x %+d % d %05d %%|%c%c%c\n", 1e-300, 6.02e23, 1e-10, 1.0,
		-0.0, 0.5, 255, 3, 4, -42, 'x', 'y', 'z');
	/* a NUL in the text: streams print it, callback and buffer text end there */
	nl_dump(dp, "nul[%c]after\n", 0);
	/* around the size of a formatting buffer on the stack, and far beyond */
	nl_dump_line(dp, "%.254s|", big);
	nl_dump_line(dp, "%.255s|", big);
	nl_dump_line(dp, "%.256s|", big);
	nl_dump_line(dp, "%.257s|", big);
	nl_dump(dp, "%s|%d|%s|%.3f\n", big, 77, big, 1.0 / 3);
	nl_dump(dp, "%5000d|%-4100s|\n", 12, "left");
}

int main(void)
{
	struct nl_dump_params dp;
	size_t bigsize = 6000, i;
	char *big = malloc(bigsize + 1);
	char *buf;
	FILE *f;
	long n;

	if (!big)
		return 1;
	for (i = 0; i < bigsize; i++)
		big[i] = (char)('a' + i % 26);
	big[bigsize] = 0;

	/* stream mode: read the stream back */
	f = tmpfile();
	if (!f)
		return 1;
	memset(&dp, 0, sizeof(dp));
	dp.dp_fd = f;
	dp.dp_prefix = 2;
	calls(&dp, big);
	fflush(f);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return 1;
	fclose(f);
	printf("stream lines %u\n", dp.dp_line);
	summary("stream", buf, (size_t)n);
	/* the short lines as text (the NUL shows as '@') */
	for (i = 0; i < (size_t)n && i < 900; i++)
		putchar(buf[i] ? buf[i] : '@');
	printf("\n");
	free(buf);

	/* callback mode */
	memset(&dp, 0, sizeof(dp));
	dp.dp_cb = cb;
	printf("callback:\n");
	calls(&dp, big);
	printf("callback lines %u\n", dp.dp_line);

	/* buffer mode, large enough for everything */
	buf = calloc(1, 40000);
	if (!buf)
		return 1;
	memset(&dp, 0, sizeof(dp));
	dp.dp_buf = buf;
	dp.dp_buflen = 40000;
	dp.dp_prefix = 1;
	calls(&dp, big);
	summary("buffer", buf, strlen(buf));
	printf("%.700s\n", buf);

	/* buffer mode, filled up by the long text */
	memset(buf, 0, 40000);
	strcpy(buf, "start:");
	dp.dp_buflen = 4100;
	dp.dp_line = 0;
	calls(&dp, big);
	summary("small buffer", buf, strlen(buf));
	printf("byte after the buffer %d, lines %u\n", buf[4100], dp.dp_line);
	free(buf);
	free(big);
	return 0;
}
