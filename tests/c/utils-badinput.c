/* utils.h and the internal helpers: inputs libnl crashes on, overruns or aborts/exits for. */
#include <netlink/netlink.h>
#include <netlink/utils.h>
#include <netlink/list.h>
#include <netlink/errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

struct trans_tbl {
	uint64_t i;
	const char *a;
};

char *__type2str(int, char *, size_t, const struct trans_tbl *, size_t);
char *__flags2str(int, char *, size_t, const struct trans_tbl *, size_t);
int __str2type(const char *, const struct trans_tbl *, size_t);
int __str2flags(const char *, const struct trans_tbl *, size_t);
int __list_str2type(const char *, struct nl_list_head *);
char *__list_type2str(int, char *, size_t, struct nl_list_head *);
int __trans_list_add(int, const char *, struct nl_list_head *);
void __trans_list_clear(struct nl_list_head *);
int __nl_read_num_str_file(const char *, int (*)(long, const char *));

static int cb(long n, const char *s)
{
	(void)n;
	(void)s;
	return 0;
}

int main(void)
{
	static const struct trans_tbl tbl[] = { { 1, "one" }, { 2, NULL }, { 4, "four" } };
	char b[64];
	char *u = NULL;
	uint64_t r = 5;
	struct nl_dump_params dp;
	struct nl_list_head head;
	char path[] = "/tmp/nlrs-psched-XXXXXX";
	int fd = mkstemp(path);

	/* libnl-compat: libnl calls exit(1) when the psched file is unreadable; we keep the
	 * defaults (psched_hz = user_hz, one tick per microsecond). */
	if (fd >= 0) {
		CHECK(write(fd, "zz", 2) == 2);
		close(fd);
		setenv("PROC_NET_PSCHED", path, 1);
		unsetenv("TICKS_PER_USEC");
		unsetenv("HZ");
		CHECK(nl_get_psched_hz() == nl_get_user_hz());
		CHECK(nl_us2ticks(1000) == 1000);
		CHECK(nl_ticks2us(77) == 77);
		unlink(path);
	}

	/* libnl-compat: libnl writes through a NULL unit pointer; we skip the store */
	CHECK(nl_cancel_down_bytes(5000, NULL) > 4.88 && nl_cancel_down_bytes(5000, &u) < 4.89);
	CHECK(u && strcmp(u, "KiB") == 0);
	CHECK(nl_cancel_down_bits(5000, NULL) == 5.0);
	CHECK(nl_cancel_down_us(5000, NULL) == 5.0);

	/* libnl-compat: libnl aborts (BUG) on an unknown rate type; we return -NLE_INVAL */
	strcpy(b, "keep");
	CHECK(nl_rate2str(5, 2, b, sizeof(b)) == -NLE_INVAL);
	CHECK(nl_rate2str(5, -1, b, sizeof(b)) == -NLE_INVAL);
	CHECK(strcmp(b, "keep") == 0);

	/* libnl-compat: libnl crashes on NULL strings */
	CHECK(nl_size2int(NULL) == -NLE_INVAL);
	CHECK(nl_prob2int(NULL) == -NLE_INVAL);
	CHECK(nl_str2msec(NULL, &r) == -NLE_INVAL && r == 5);
	CHECK(nl_str2msec("5", NULL) == -NLE_INVAL);
	CHECK(nl_str2llproto(NULL) == -NLE_INVAL);
	CHECK(nl_str2ether_proto(NULL) == -NLE_INVAL);
	CHECK(nl_str2ip_proto(NULL) == -NLE_INVAL);
	CHECK(__str2type(NULL, tbl, 3) == -NLE_INVAL);
	CHECK(__str2flags(NULL, tbl, 3) == 0);
	CHECK(__list_str2type(NULL, NULL) == -NLE_INVAL);
	CHECK(__trans_list_add(1, NULL, &head) == -NLE_INVAL);
	CHECK(__trans_list_add(1, "x", NULL) == -NLE_INVAL);
	__trans_list_clear(NULL);
	CHECK(__nl_read_num_str_file(NULL, cb) == -NLE_INVAL);
	CHECK(__nl_read_num_str_file("/", NULL) == -NLE_INVAL);

	/* NULL list heads and tables behave as empty */
	CHECK(strcmp(__list_type2str(3, b, sizeof(b), NULL), "0x3") == 0);
	CHECK(__list_str2type("7", NULL) == 7);
	CHECK(strcmp(__type2str(3, b, sizeof(b), NULL, 5), "0x3") == 0);

	/* libnl-compat: a NULL name in a table crashes libnl's strcasecmp and prints "(null)" */
	CHECK(strcmp(__type2str(2, b, sizeof(b), tbl, 3), "(null)") == 0);
	CHECK(__str2type("four", tbl, 3) == 4);
	CHECK(__str2flags("four,one", tbl, 3) == 5);

	/* libnl-compat: libnl's __flags2str overruns the buffer for len 0; we write nothing */
	memset(b, 'Z', sizeof(b));
	CHECK(__flags2str(5, b, 0, tbl, 3) == b && b[0] == 'Z');
	CHECK(__flags2str(5, NULL, 10, tbl, 3) == NULL);

	/* libnl-compat: nl_msec2str keeps writing past a buffer it truncated; we stop */
	memset(b, 'Z', sizeof(b));
	nl_msec2str(90061001, b, 1);
	CHECK(b[0] == 0 && b[1] == 'Z' && b[2] == 'Z' && b[3] == 'Z');
	memset(b, 'Z', sizeof(b));
	nl_msec2str(90061001, b, 3);
	CHECK(strcmp(b, "1d") == 0 && b[3] == 'Z' && b[5] == 'Z');
	memset(b, 'Z', sizeof(b));
	nl_msec2str(90061001, b, 7);
	CHECK(strcmp(b, "1d 1h ") == 0 && b[7] == 'Z' && b[9] == 'Z');
	CHECK(nl_msec2str(5, NULL, 10) == NULL);
	CHECK(nl_size2str(5, NULL, 10) == NULL);

	/* libnl-compat: libnl crashes on a NULL params or format */
	nl_new_line(NULL);
	nl_dump(NULL, "x");
	nl_dump_line(NULL, "x");
	memset(&dp, 0, sizeof(dp));
	memset(b, 0, sizeof(b));
	dp.dp_buf = b;
	dp.dp_buflen = sizeof(b);
	nl_dump(&dp, NULL);
	CHECK(b[0] == 0);
	nl_dump_line(&dp, NULL);
	CHECK(dp.dp_line == 1);

	/* libnl-compat: libnl's strncat bound underflows for dp_buflen 0 or an unterminated
	 * buffer and overruns it; we append nothing */
	memset(b, 'Z', sizeof(b));
	dp.dp_buflen = 0;
	dp.dp_prefix = 2;
	nl_dump_line(&dp, "abc");
	CHECK(b[0] == 'Z');
	dp.dp_buflen = 8;
	nl_dump_line(&dp, "abc");
	CHECK(b[0] == 'Z' && b[8] == 'Z');
	CHECK(dp.dp_line == 3);

	nl_init_list_head(&head);
	CHECK(__trans_list_add(3, "three", &head) == 0);
	CHECK(__list_str2type("three", &head) == 3);
	__trans_list_clear(&head);
	CHECK(nl_list_empty(&head));

	return tap_failed ? 1 : 0;
}
