/* Built by tests/install.rs against the installed library, statically (libnlrs.a through
 * `pkg-config --static nlrs`) and shared. The built-in cache types must be there without any
 * earlier call into the library and independently of constructor order: a constructor of
 * this program registers its own C cache type (in libnl's private layout) and may run before
 * or after libnlrs's own; main then looks up both. With NLRS_TEST_NO_CTOR set the
 * constructor does nothing, so the first call into the library is the built-in lookup. */
#include "../compat/objcache-plugin.h"
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

#include "../c/tap.h"

static int ctor_ran, ctor_err = 1;

__attribute__((constructor)) static void register_own_type(void)
{
	if (getenv("NLRS_TEST_NO_CTOR"))
		return;
	ctor_ran = 1;
	ctor_err = nl_cache_mngt_register(&t_cache_ops);
}

static void list_cb(struct nl_cache_ops *ops, void *arg)
{
	int *seen = arg;
	if (!strcmp(ops->co_name, "genl/family"))
		seen[0]++;
	if (!strcmp(ops->co_name, "test/tobj"))
		seen[1]++;
}

int main(void)
{
	struct nl_cache_ops *ops, *o2;
	struct nl_msgtype *mt;
	struct nl_cache *c = NULL;
	int seen[2] = { 0, 0 };

	(void)mk;
	setvbuf(stdout, NULL, _IONBF, 0);
	/* first: the built-in genl/family type, by name and by (protocol, message type) */
	ops = nl_cache_ops_lookup("genl/family");
	CHECK(ops != NULL, "nl_cache_ops_lookup(genl/family)");
	CHECK(ops && !strcmp(ops->co_name, "genl/family"), "its name");
	CHECK(ops && ops->co_protocol == NETLINK_GENERIC, "its protocol");
	o2 = nl_cache_ops_associate(NETLINK_GENERIC, GENL_ID_CTRL);
	CHECK(o2 == ops, "nl_cache_ops_associate(NETLINK_GENERIC, GENL_ID_CTRL)");
	mt = ops ? nl_msgtype_lookup(ops, GENL_ID_CTRL) : NULL;
	CHECK(mt && mt->mt_name && !strcmp(mt->mt_name, "nlctrl"), "msgtype GENL_ID_CTRL");
	o2 = nl_cache_ops_lookup_safe("genl/family");
	CHECK(o2 == ops, "nl_cache_ops_lookup_safe");
	if (o2)
		nl_cache_ops_put(o2);
	o2 = nl_cache_ops_associate_safe(NETLINK_GENERIC, GENL_ID_CTRL);
	CHECK(o2 == ops, "nl_cache_ops_associate_safe");
	if (o2)
		nl_cache_ops_put(o2);
	CHECK(nl_cache_mngt_require_safe("genl/family") == NULL, "nothing provided yet");
	CHECK(nl_cache_alloc_name("genl/family", &c) == 0 && c, "nl_cache_alloc_name");
	CHECK(c && nl_cache_get_ops(c) == ops, "cache of the built-in type");
	nl_cache_mngt_provide(c);
	o2 = NULL;
	CHECK(nl_cache_mngt_require_safe("genl/family") == c, "provided cache required");
	nl_cache_put(c);
	nl_cache_mngt_unprovide(c);
	nl_cache_free(c);

	/* the program's own type, registered from its constructor */
	if (ctor_ran) {
		CHECK(ctor_err == 0, "constructor registered test/tobj");
		CHECK(nl_cache_ops_lookup("test/tobj") == &t_cache_ops, "own type found by name");
		CHECK(nl_cache_ops_associate(T_PROTO, 0x11) == &t_cache_ops,
		      "own type found by (protocol, msgtype)");
		nl_cache_ops_foreach(list_cb, seen);
		CHECK(seen[0] == 1 && seen[1] == 1, "foreach sees both once");
		CHECK(nl_cache_mngt_register(&t_cache_ops) == -NLE_EXIST, "no double registration");
		CHECK(nl_cache_mngt_unregister(&t_cache_ops) == 0, "unregister own type");
		CHECK(nl_cache_ops_lookup("test/tobj") == NULL, "gone");
	} else {
		nl_cache_ops_foreach(list_cb, seen);
		CHECK(seen[0] == 1 && seen[1] == 0, "foreach sees the built-in type only");
	}
	/* the built-in type cannot be replaced by a program's table of the same name */
	{
		static struct nl_cache_ops dup = {
			.co_name = (char *)"genl/family",
			.co_obj_ops = &t_obj_ops,
			.co_msgtypes = { { -1, -1, NULL } },
		};
		CHECK(nl_cache_mngt_register(&dup) == -NLE_EXIST, "genl/family taken");
	}
	printf("%s\n", tap_failed ? "FAILED" : "all ok");
	return tap_failed ? 1 : 0;
}
