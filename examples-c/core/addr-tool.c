/*
 * addr-tool.c - parse addresses with nl_addr_parse() and print what libnl-3
 * makes of them: canonical string, family, prefix length, binary length.
 *
 * Usage: addr-tool [ADDRESS...]
 * Without arguments a fixed demo set is parsed. An argument of the form
 * FAMILY=ADDRESS (inet, inet6, llc, ...) parses with that family hint;
 * otherwise AF_UNSPEC lets the library guess.
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/addr.h>
#include <netlink/errno.h>

static const char *const demo[] = {
	"10.0.0.1/24", "fd00::1/64", "02:00:00:00:00:01", "default", "bogus",
};

static int show(const char *arg)
{
	char buf[128], fam[32];
	const char *text = arg, *eq;
	struct nl_addr *addr;
	int hint = AF_UNSPEC, err;

	eq = strchr(arg, '=');
	if (eq && eq != arg) {
		char name[32];
		size_t n = (size_t)(eq - arg);

		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, arg, n);
		name[n] = '\0';
		hint = nl_str2af(name);
		if (hint < 0) {
			printf("%-20s unknown family \"%s\"\n", arg, name);
			return -NLE_INVAL;
		}
		text = eq + 1;
	}

	err = nl_addr_parse(text, hint, &addr);
	if (err < 0) {
		printf("%-20s error %d: %s\n", arg, err, nl_geterror(err));
		return err;
	}

	printf("%-20s -> %-20s family=%-6s prefixlen=%u len=%u\n", arg,
	       nl_addr2str(addr, buf, sizeof(buf)),
	       nl_af2str(nl_addr_get_family(addr), fam, sizeof(fam)), nl_addr_get_prefixlen(addr),
	       nl_addr_get_len(addr));

	nl_addr_put(addr);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;
	int j;

	if (argc < 2) {
		for (i = 0; i < sizeof(demo) / sizeof(demo[0]); i++)
			show(demo[i]);
		return 0;
	}

	for (j = 1; j < argc; j++)
		if (show(argv[j]) < 0)
			return 1;
	return 0;
}
