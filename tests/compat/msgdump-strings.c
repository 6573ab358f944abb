/* nl_nlmsgtype2str, nl_str2nlmsgtype and nl_nlmsg_flags2str against libnl 3.7.0: names,
 * numbers, parse errors and truncation into small buffers. */
#include <stdio.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>

static char big[96];

/* Prints the first n bytes of big, NUL as \0 and untouched bytes as '.'. */
static void show(const char *what, int v, size_t size, const char *ret, int n)
{
	int i;

	printf("%s(%#x, %zu) ret=%s [", what, (unsigned)v, size, ret == big ? "buf" : "other");
	for (i = 0; i < n; i++) {
		unsigned char c = big[i];

		if (c == 0)
			printf("\\0");
		else if (c == 'X')
			putchar('.');
		else
			putchar(c);
	}
	printf("]\n");
}

int main(void)
{
	static const int types[] = { 0,	   1,	 2,	 3,  4,	 5,	 15,	    16,
				     0x10, 0x20, 0xffff, -1, -2, 100000, 0x7fffffff };
	static const char *names[] = { "noop",
				       "NOOP",
				       "error",
				       "Error",
				       "done",
				       "overrun",
				       "OverRun",
				       "0x10",
				       "16",
				       "010",
				       "",
				       " 5",
				       "\t7",
				       "5x",
				       "-1",
				       "0x",
				       "0X1f",
				       "abc",
				       "nlmsg_done",
				       "4294967296",
				       "99999999999",
				       "+3",
				       "-0x10",
				       "0x7fffffff",
				       "0x80000000",
				       "0xffffffff",
				       "0xffffffffffffffff",
				       "999999999999999999999999",
				       "  ",
				       "+",
				       "-",
				       "08",
				       "0",
				       "-0",
				       "1 ",
				       "noop ",
				       "no",
				       "overrunx" };
	static const int flags[] = { 0,	    0x1,   0x2,	   0x4,	   0x8,	   0x10,    0x20,
				     0x40,  0x80,  0x100,  0x200,  0x300,  0x400,   0x500,
				     0x800, 0xc00, 0x1000, 0x8000, 0xffff, 0x10000, -1,
				     0x305, 0x105, 0x1f,   0x3f,   0x7ff,  0x0f0f };
	unsigned i;
	size_t sz;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		memset(big, 'X', sizeof(big));
		show("type2str", types[i], sizeof(big),
		     nl_nlmsgtype2str(types[i], big, sizeof(big)), 14);
	}
	for (sz = 1; sz <= 9; sz++) {
		memset(big, 'X', sizeof(big));
		show("type2str", 4, sz, nl_nlmsgtype2str(4, big, sz), 12);
		memset(big, 'X', sizeof(big));
		show("type2str", 0x1234, sz, nl_nlmsgtype2str(0x1234, big, sz), 12);
	}
	memset(big, 'X', sizeof(big));
	show("type2str", 2, 0, nl_nlmsgtype2str(2, big, 0), 4);

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		printf("str2nlmsgtype(\"%s\") = %d\n", names[i], nl_str2nlmsgtype(names[i]));

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		memset(big, 'X', sizeof(big));
		show("flags2str", flags[i], sizeof(big),
		     nl_nlmsg_flags2str(flags[i], big, sizeof(big)), 64);
	}
	/* Truncation: the whole buffer is zeroed, the text cut to size - 1 bytes. */
	for (sz = 1; sz <= 40; sz++) {
		memset(big, 'X', sizeof(big));
		show("flags2str", 0x111f, sz, nl_nlmsg_flags2str(0x111f, big, sz), 42);
	}
	for (sz = 1; sz <= 6; sz++) {
		memset(big, 'X', sizeof(big));
		show("flags2str", 0, sz, nl_nlmsg_flags2str(0, big, sz), 8);
		memset(big, 'X', sizeof(big));
		show("flags2str", 0x10, sz, nl_nlmsg_flags2str(0x10, big, sz), 8);
	}
	return 0;
}
