/* utils.h: nl_new_line / nl_dump / nl_dump_line in every output mode; nl_debug_dp. */
#include <netlink/netlink.h>
#include <netlink/utils.h>
#include <stdio.h>
#include <string.h>

extern struct nl_dump_params nl_debug_dp;

static void cb(struct nl_dump_params *p, char *s)
{
	printf("[cb line=%u data=%s '%s']", p->dp_line, (char *)p->dp_data, s);
}

static void ncb(struct nl_dump_params *p, int l)
{
	printf("[ncb %d/%u]", l, p->dp_line);
}

static void show(const char *tag, const char *buf, size_t n)
{
	size_t i;

	printf("%s '", tag);
	for (i = 0; i < n; i++)
		putchar(buf[i] ? buf[i] : '@');
	printf("'\n");
}

int main(void)
{
	struct nl_dump_params dp;
	char buf[40];
	struct nl_dump_params *d = &nl_debug_dp;

	printf("debug_dp type=%d prefix=%d idx=%d msgtype=%d cb=%d ncb=%d data=%d fd_is_stderr=%d "
	       "buf=%d len=%zu pre=%d ivar=%d line=%u size=%zu\n",
	       d->dp_type, d->dp_prefix, d->dp_print_index, d->dp_dump_msgtype, d->dp_cb != NULL,
	       d->dp_nl_cb != NULL, d->dp_data != NULL, d->dp_fd == stderr, d->dp_buf != NULL,
	       d->dp_buflen, d->dp_pre_dump, d->dp_ivar, d->dp_line, sizeof(nl_debug_dp));

	/* buffer mode with prefix */
	memset(&dp, 0, sizeof(dp));
	memset(buf, 0, sizeof(buf));
	dp.dp_buf = buf;
	dp.dp_buflen = sizeof(buf);
	dp.dp_prefix = 3;
	dp.dp_print_index = 1;
	dp.dp_ivar = 9;
	nl_dump_line(&dp, "hi %d %s %.1f\n", 42, "x", 1.5);
	nl_dump(&dp, "more");
	nl_new_line(&dp);
	show("buf", buf, sizeof(buf));
	printf("line %u\n", dp.dp_line);
	nl_dump(&dp, "0123456789012345678901234567890123456789");
	show("full", buf, sizeof(buf));
	nl_dump(&dp, "x");
	nl_new_line(&dp);
	show("still", buf, sizeof(buf));
	printf("line %u\n", dp.dp_line);

	/* buffer length 1 */
	memset(buf, 'Q', sizeof(buf));
	buf[0] = 0;
	dp.dp_buflen = 1;
	dp.dp_line = 0;
	nl_dump_line(&dp, "abc");
	show("len1", buf, 4);

	/* callback mode: no prefix output, dp_nl_cb sees the line number */
	memset(&dp, 0, sizeof(dp));
	dp.dp_cb = cb;
	dp.dp_nl_cb = ncb;
	dp.dp_prefix = 2;
	dp.dp_data = "D";
	nl_dump_line(&dp, "a%sb", "Q");
	nl_dump(&dp, "%d", 7);
	nl_dump(&dp, "%s", "");
	nl_new_line(&dp);
	nl_dump_line(&dp, "%c%c", 'y', 'z');
	printf("\n");

	/* stream mode wins over callback and buffer */
	memset(&dp, 0, sizeof(dp));
	memset(buf, 0, sizeof(buf));
	dp.dp_fd = stdout;
	dp.dp_prefix = 2;
	dp.dp_cb = cb;
	dp.dp_nl_cb = ncb;
	dp.dp_buf = buf;
	dp.dp_buflen = sizeof(buf);
	nl_dump_line(&dp, "fd%d\n", 1);
	nl_dump(&dp, "x%lld %g %g %g %g %g %g %g %g %g %d %d %d %d %d %d %d %s %c %llu %p\n", 1LL,
		1., 2., 3., 4., 5., 6., 7., 8., 9.5, 1, 2, 3, 4, 5, 6, 7, "str", 'c',
		123456789012ULL, (void *)0);
	nl_dump(&dp, "%5.2f|%-4d|%04x|%%|%e\n", 3.14159, 7, 255, 1e10);
	nl_dump_line(&dp, "%s %s %s %s %s %s %s %s\n", "a", "b", "c", "d", "e", "f", "g", "h");
	show("untouched", buf, 4);
	printf("line %u\n", dp.dp_line);

	/* no target at all */
	memset(&dp, 0, sizeof(dp));
	dp.dp_prefix = 4;
	nl_dump_line(&dp, "nothing %d", 1);
	nl_dump(&dp, "nothing");
	printf("none line %u\n", dp.dp_line);

	/* negative prefix */
	memset(&dp, 0, sizeof(dp));
	memset(buf, 0, sizeof(buf));
	dp.dp_buf = buf;
	dp.dp_buflen = sizeof(buf);
	dp.dp_prefix = -3;
	nl_dump_line(&dp, "neg");
	show("negprefix", buf, 8);
	fflush(stdout);
	return 0;
}
