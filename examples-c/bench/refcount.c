/* Hot paths touched by the atomic reference counts (scripts/bench-threads.sh):
 *   refcount getput N   N x nl_object_get + nl_object_put on one genl family object
 *   refcount dump N     N x nl_cache_dump (NL_DUMP_LINE, to /dev/null) of a cache of 64
 *                       genl families built in memory (no socket)
 * Prints a checksum so the work cannot be dropped. Built against libnlrs or libnl alike. */
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/genl/family.h>
#include <netlink/genl/ctrl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 1000;
	long sum = 0;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "getput") == 0) {
		struct nl_object *o = (struct nl_object *)genl_family_alloc();

		for (long i = 0; i < n; i++) {
			nl_object_get(o);
			nl_object_put(o);
		}
		sum = nl_object_get_refcnt(o);
		nl_object_put(o);
	} else if (strcmp(argv[1], "dump") == 0) {
		struct nl_cache_ops *ops = nl_cache_ops_lookup("genl/family");
		struct nl_cache *c = ops ? nl_cache_alloc(ops) : NULL;
		FILE *null = fopen("/dev/null", "w");
		struct nl_dump_params dp = { .dp_type = NL_DUMP_LINE, .dp_fd = null };

		if (!c || !null)
			return 1;
		for (int i = 0; i < 64; i++) {
			struct genl_family *f = genl_family_alloc();
			char name[16];

			snprintf(name, sizeof(name), "family%d", i);
			genl_family_set_name(f, name);
			genl_family_set_id(f, 0x20 + i);
			genl_family_set_version(f, 1);
			genl_family_set_maxattr(f, i);
			nl_cache_add(c, (struct nl_object *)f);
			genl_family_put(f);
		}
		for (long i = 0; i < n; i++)
			nl_cache_dump(c, &dp);
		sum = nl_cache_nitems(c);
		nl_cache_free(c);
		fclose(null);
	} else {
		return 2;
	}
	printf("%ld\n", sum);
	return 0;
}
