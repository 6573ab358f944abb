/* Differential test: genl_family objects, their dumps, and the "genl/family" cache type. */
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/mngt.h>

static void dump(const char *tag, struct nl_object *o, enum nl_dump_type t)
{
	char buf[2048];
	struct nl_dump_params p = {
		.dp_type = t,
		.dp_buf = buf,
		.dp_buflen = sizeof(buf),
	};
	memset(buf, 0, sizeof(buf));
	nl_object_dump(o, &p);
	printf("%s [%d]:\n%s", tag, t, buf);
}

static void accessors(void)
{
	struct genl_family *f = genl_family_alloc();
	struct nl_object *o = (struct nl_object *)f;
	printf("type %s refs %d\n", nl_object_get_type(o), nl_object_get_refcnt(o));
	printf("empty: id %u name %s version %u hdrsize %u maxattr %u\n", genl_family_get_id(f),
	       genl_family_get_name(f) ? genl_family_get_name(f) : "(null)",
	       genl_family_get_version(f), genl_family_get_hdrsize(f), genl_family_get_maxattr(f));
	dump("empty", o, NL_DUMP_LINE);
	dump("empty", o, NL_DUMP_DETAILS);
	genl_family_set_id(f, 0x12345);
	genl_family_set_name(f, "a-very-long-family-name-indeed");
	genl_family_set_version(f, 7);
	genl_family_set_hdrsize(f, 0xffffffff);
	genl_family_set_maxattr(f, 42);
	printf("set: id %u name %s version %u hdrsize %u maxattr %u\n", genl_family_get_id(f),
	       genl_family_get_name(f), genl_family_get_version(f), genl_family_get_hdrsize(f),
	       genl_family_get_maxattr(f));
	genl_family_set_name(f, "exactly15chars_");
	printf("name15 %s\n", genl_family_get_name(f));
	genl_family_set_name(f, "exactly16chars__");
	printf("name16 %s\n", genl_family_get_name(f));
	genl_family_set_name(f, "");
	printf("name0 '%s'\n", genl_family_get_name(f));
	genl_family_set_name(f, "test");
	genl_family_set_id(f, 0x10);
	{
		int a = genl_family_add_op(f, 3, 0x0e), b = genl_family_add_op(f, 1, 0),
		    c = genl_family_add_op(f, 0x99, 0x7f), d = genl_family_add_op(f, -1, -1);

		printf("add_op %d %d %d %d\n", a, b, c, d);
	}
	{
		int a = genl_family_add_grp(f, 0x10, "notify"),
		    b = genl_family_add_grp(f, 5, "a-very-long-group-name"),
		    c = genl_family_add_grp(f, 0xffffffff, "");

		printf("add_grp %d %d %d\n", a, b, c);
	}
	for (int t = NL_DUMP_LINE; t <= NL_DUMP_STATS; t++)
		dump("full", o, t);

	struct nl_object *c = nl_object_clone(o);
	genl_family_set_version((struct genl_family *)c, 8);
	printf("clone: identical %d diff %#llx\n", nl_object_identical(o, c),
	       (unsigned long long)nl_object_diff64(o, c));
	dump("clone", c, NL_DUMP_DETAILS);
	char abuf[128];
	printf("attrs: %s\n", nl_object_attr_list(o, abuf, sizeof(abuf)));
	printf("id_attrs %#x mask-based\n", nl_object_get_id_attrs(o));

	struct genl_family *g = genl_family_alloc();
	genl_family_set_id(g, 0x10);
	printf("match id filter %d\n", nl_object_match_filter(o, (struct nl_object *)g));
	genl_family_set_name(g, "other");
	printf("match id+name %d\n", nl_object_match_filter(o, (struct nl_object *)g));
	printf("identical %d\n", nl_object_identical(o, (struct nl_object *)g));
	genl_family_put(g);
	nl_object_put(c);
	genl_family_put(f);
	genl_family_put(NULL);
}

/* Presence counts: an attribute set in one object only is a difference even when its value
 * equals the other object's (unset) value, and a filter attribute the object lacks fails the
 * match. */
static void mask_aware_compare(void)
{
	struct genl_family *a = genl_family_alloc();
	struct genl_family *b = genl_family_alloc();
	struct nl_object *oa = (struct nl_object *)a, *ob = (struct nl_object *)b;
	printf("fresh: diff64 %#llx diff %#x identical %d match %d\n",
	       (unsigned long long)nl_object_diff64(oa, ob), nl_object_diff(oa, ob),
	       nl_object_identical(oa, ob), nl_object_match_filter(ob, oa));
	genl_family_set_version(a, 0);
	printf("version 0 on a: diff64 %#llx ba %#llx match(b, a) %d match(a, b) %d\n",
	       (unsigned long long)nl_object_diff64(oa, ob),
	       (unsigned long long)nl_object_diff64(ob, oa), nl_object_match_filter(ob, oa),
	       nl_object_match_filter(oa, ob));
	genl_family_set_version(b, 0);
	printf("version 0 on both: diff64 %#llx match %d\n",
	       (unsigned long long)nl_object_diff64(oa, ob), nl_object_match_filter(ob, oa));
	genl_family_set_hdrsize(b, 0);
	genl_family_set_maxattr(a, 0);
	genl_family_set_name(a, "");
	genl_family_set_id(b, 0);
	printf("crossed: diff64 %#llx identical %d match %d\n",
	       (unsigned long long)nl_object_diff64(oa, ob), nl_object_identical(oa, ob),
	       nl_object_match_filter(ob, oa));
	genl_family_set_id(a, 0);
	printf("same id: identical %d\n", nl_object_identical(oa, ob));
	genl_family_add_op(a, 1, 0);
	genl_family_add_grp(b, 1, "g");
	printf("ops/groups: diff64 %#llx\n", (unsigned long long)nl_object_diff64(oa, ob));
	char buf[128];
	printf("attr_list a [%s]\n", nl_object_attr_list(oa, buf, sizeof(buf)));
	genl_family_put(a);
	genl_family_put(b);
}

static void cache_type(void)
{
	struct nl_cache_ops *ops = nl_cache_ops_lookup("genl/family");
	printf("cache type %s\n", ops ? "found" : "missing");
	struct nl_cache_ops *a = nl_cache_ops_associate(NETLINK_GENERIC, GENL_ID_CTRL);
	printf("associate ctrl %s\n", a == ops ? "same" : "different");
	struct nl_cache *c = nl_cache_alloc(ops);
	struct genl_family *f = genl_family_alloc();
	genl_family_set_name(f, "fam-a");
	genl_family_set_id(f, 0x20);
	nl_cache_add(c, (struct nl_object *)f);
	genl_family_put(f);
	f = genl_family_alloc();
	genl_family_set_name(f, "fam-b");
	genl_family_set_id(f, 0x21);
	genl_family_add_grp(f, 9, "events");
	nl_cache_add(c, (struct nl_object *)f);
	genl_family_put(f);

	struct genl_family *s = genl_ctrl_search(c, 0x21);
	printf("search 0x21: %s refs %d\n", s ? genl_family_get_name(s) : "NULL",
	       s ? nl_object_get_refcnt((struct nl_object *)s) : 0);
	genl_family_put(s);
	s = genl_ctrl_search(c, 0x22);
	printf("search 0x22: %s\n", s ? "found" : "NULL");
	s = genl_ctrl_search_by_name(c, "fam-a");
	printf("search fam-a: %#x\n", s ? genl_family_get_id(s) : 0);
	genl_family_put(s);
	s = genl_ctrl_search_by_name(c, "fam");
	printf("search fam: %s\n", s ? "found" : "NULL");

	char buf[1024];
	struct nl_dump_params p = {
		.dp_type = NL_DUMP_DETAILS,
		.dp_buf = buf,
		.dp_buflen = sizeof(buf),
	};
	memset(buf, 0, sizeof(buf));
	nl_cache_dump(c, &p);
	printf("cache dump:\n%s", buf);
	nl_cache_free(c);
}

int main(void)
{
	accessors();
	mask_aware_compare();
	cache_type();
	return 0;
}
