/* libnl-3's internal translation helpers imported by Debian's other libnl libraries:
 * __type2str, __str2type, __flags2str, __str2flags, __list_type2str, __list_str2type,
 * __trans_list_add, __trans_list_clear, __nl_read_num_str_file. No public header
 * declares them; the prototypes and structs below are those the callers use. */
#include <netlink/netlink.h>
#include <netlink/list.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

struct trans_tbl {
	uint64_t i;
	const char *a;
};

struct trans_list {
	int i;
	char *a;
	struct nl_list_head list;
};

char *__type2str(int, char *, size_t, const struct trans_tbl *, size_t);
char *__list_type2str(int, char *, size_t, struct nl_list_head *);
char *__flags2str(int, char *, size_t, const struct trans_tbl *, size_t);
int __str2type(const char *, const struct trans_tbl *, size_t);
int __list_str2type(const char *, struct nl_list_head *);
int __str2flags(const char *, const struct trans_tbl *, size_t);
int __trans_list_add(int, const char *, struct nl_list_head *);
void __trans_list_clear(struct nl_list_head *);
int __nl_read_num_str_file(const char *, int (*)(long, const char *));

static const struct trans_tbl tbl[] = {
	{ 1, "one" },
	{ 2, "two" },
	{ 4, "four" },
	{ 6, "six" },
	{ 2, "deux" },
	{ 0x80000000ULL, "high" },
	{ 0xffffffffffffffffULL, "minus" },
	{ 0x100000000ULL, "wide" },
	{ 0, "zero" },
};
#define N (sizeof(tbl) / sizeof(*tbl))

static int cb_calls;

static int cb(long n, const char *s)
{
	cb_calls++;
	printf("  cb %ld '%s'\n", n, s);
	return n == 666 ? -NLE_AGAIN : 0;
}

static void readfile(const char *content)
{
	char path[] = "/tmp/nlrs-numstr-XXXXXX";
	int fd = mkstemp(path);
	int r;

	if (fd < 0 || write(fd, content, strlen(content)) < 0)
		return;
	close(fd);
	cb_calls = 0;
	r = __nl_read_num_str_file(path, cb);
	printf("read -> %d (%d calls)\n", r, cb_calls);
	unlink(path);
}

int main(void)
{
	static const int types[] = { 0, 1, 2, 3, 4, 6, 7, -1, -2, (int)0x80000000, 0x7fffffff, 8 };
	static const char *names[] = {
		"",
		"one",
		"ONE",
		"Deux",
		"two",
		"six",
		"minus",
		"wide",
		"high",
		"zero",
		"0",
		"0x10",
		"-1",
		"-2",
		" 7",
		"7 ",
		"x",
		"on",
		"oneone",
		"18446744073709551615",
		"18446744073709551614",
		"4294967296",
		"017",
	};
	static const char *flagstrs[] = {
		"",	    "one",	 "one,two", "one, two",	 "one,  two", "ONE,Four",
		"six",	    "bogus,one", "one,",    ",one",	 " one",      "  one",
		"one,,two", "minus",	 "wide",    "high,zero", "one two",   "on",
	};
	static const int flagvals[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 15, -1, (int)0x80000001, 0x40 };
	char b[64];
	unsigned i;
	int k;
	struct nl_list_head head;

	for (i = 0; i < sizeof(types) / sizeof(*types); i++)
		printf("type2str %d %s\n", types[i], __type2str(types[i], b, sizeof(b), tbl, N));
	printf("type2str empty %s\n", __type2str(5, b, sizeof(b), tbl, 0));
	for (k = 0; k < 6; k++) {
		memset(b, 'Z', sizeof(b));
		__type2str(4, b, k, tbl, N);
		b[8] = 0;
		printf("type2str trunc %d '%s'", k, b);
		memset(b, 'Z', sizeof(b));
		__type2str(99, b, k, tbl, N);
		b[8] = 0;
		printf(" '%s'\n", b);
	}
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		printf("str2type '%s' %d\n", names[i], __str2type(names[i], tbl, N));

	for (i = 0; i < sizeof(flagvals) / sizeof(*flagvals); i++) {
		memset(b, 'Z', sizeof(b));
		printf("flags2str %d '%s'\n", flagvals[i],
		       __flags2str(flagvals[i], b, sizeof(b), tbl, N));
	}
	for (k = 1; k < 14; k++) {
		memset(b, 'Z', sizeof(b));
		__flags2str(7, b, k, tbl, N);
		printf("flags2str trunc %d '%s' tail=%c\n", k, b, b[k]);
	}
	for (i = 0; i < sizeof(flagstrs) / sizeof(*flagstrs); i++)
		printf("str2flags '%s' %d\n", flagstrs[i], __str2flags(flagstrs[i], tbl, N));

	nl_init_list_head(&head);
	printf("empty list %s %d\n", __list_type2str(3, b, sizeof(b), &head),
	       __list_str2type("x", &head));
	printf("add %d", __trans_list_add(10, "ten", &head));
	printf(" %d", __trans_list_add(-1, "minus", &head));
	printf(" %d", __trans_list_add(10, "dix", &head));
	printf(" %d", __trans_list_add(0, "", &head));
	printf(" %d\n", __trans_list_add(20, "Twenty", &head));
	{
		struct trans_list *tl;

		nl_list_for_each_entry(tl, &head, list)
			printf("  node %d '%s'\n", tl->i, tl->a);
	}
	for (k = -2; k < 22; k++) {
		memset(b, 'Z', sizeof(b));
		printf("list_type2str %d %s\n", k, __list_type2str(k, b, sizeof(b), &head));
	}
	memset(b, 'Z', sizeof(b));
	__list_type2str(20, b, 4, &head);
	b[6] = 0;
	printf("list trunc '%s'\n", b);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		printf("list_str2type '%s' %d\n", names[i], __list_str2type(names[i], &head));
	printf("list_str2type %d %d %d\n", __list_str2type("TEN", &head),
	       __list_str2type("dix", &head), __list_str2type("twenty", &head));
	__trans_list_clear(&head);
	printf("cleared empty=%d\n", nl_list_empty(&head));
	__trans_list_clear(&head);
	printf("cleared twice empty=%d\n", nl_list_empty(&head));

	readfile("");
	readfile("# comment\n\n1 one\n  2\ttwo # trailing\n0x10 sixteen\n");
	readfile("\r\n3 three extra words\n-4 minus\n");
	readfile("5\n");
	readfile("5 \n");
	readfile("x five\n");
	readfile("99999999999999999999 big\n");
	readfile("-99999999999999999999 small\n");
	readfile("7 seven\n666 evil\n8 never\n");
	readfile("9 nine");
	readfile("10\tten#c\n 11 eleven\n");
	{
		char longline[400];

		memset(longline, 'a', sizeof(longline));
		memcpy(longline, "12 ", 3);
		memcpy(longline + 127, "13 thirteen\n", 12);
		longline[139] = 0;
		readfile(longline);
	}
	printf("missing %d\n", __nl_read_num_str_file("/nonexistent/nlrs/file", cb));
	printf("dir %d\n", __nl_read_num_str_file("/", cb));
	return 0;
}
