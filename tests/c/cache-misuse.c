/* Misuse and scale of the object/cache core (libnlrs only: libnl crashes or aborts on most
 * of these). */
#include "../compat/objcache-plugin.h"
#include <time.h>

#include "tap.h"

static struct nl_object_ops small_ops = {
	.oo_name = (char *)"test/small",
	.oo_size = 8,
};

/* owns data but cannot clone: libnl aborts in nl_object_clone */
static struct nl_object_ops noclone_ops = {
	.oo_name = (char *)"test/noclone",
	.oo_size = sizeof(struct t_obj),
	.oo_free_data = t_free,
};

static void cb(struct nl_object *o, void *a)
{
	(void)o;
	(void)a;
}

int main(void)
{
	struct nl_cache *c;
	struct t_obj *t, *u;
	struct nl_object *r;
	int i, n = 100000;

	/* libnl-compat: libnl aborts (oo_size < 56); we return NULL */
	CHECK(nl_object_alloc(&small_ops) == NULL, "object smaller than header");
	CHECK(nl_object_alloc(NULL) == NULL, "NULL ops");
	t = (struct t_obj *)nl_object_alloc(&noclone_ops);
	t->name = strdup("x");
	CHECK(nl_object_clone(O(t)) == NULL, "clone without oo_clone refused");
	nl_object_put(O(t));

	/* libnl crashes on all of these */
	nl_object_get(NULL);
	CHECK(nl_object_get_refcnt(NULL) == 0, "refcnt(NULL)");
	CHECK(nl_object_update(NULL, NULL) == -NLE_INVAL, "update(NULL)");
	CHECK(nl_cache_add(NULL, NULL) == -NLE_INVAL, "cache_add(NULL)");
	CHECK(nl_cache_alloc(NULL) == NULL, "cache_alloc(NULL)");
	CHECK(nl_cache_nitems(NULL) == 0, "nitems(NULL)");
	nl_cache_foreach(NULL, cb, NULL);
	CHECK(nl_cache_mngt_register(NULL) == -NLE_INVAL, "register(NULL)");
	CHECK(nl_cache_ops_lookup(NULL) == NULL, "lookup(NULL)");
	CHECK(nl_cache_alloc_name("x", NULL) == -NLE_INVAL, "alloc_name NULL");
	CHECK(nl_hash_table_add(NULL, NULL) == -NLE_INVAL, "hash add NULL");

	CHECK(nl_cache_mngt_register(&t_cache_ops) == 0, "register");
	c = nl_cache_alloc(&t_cache_ops);

	/* nl_cache_get_next on an object in no cache: libnl crashes */
	t = mk(&t_obj_ops, 1, 1, 1, NULL);
	CHECK(nl_cache_get_next(O(t)) == NULL, "get_next outside a cache");
	/* freeing an object the cache holds: libnl frees it twice */
	CHECK(nl_cache_add(c, O(t)) == 0, "add");
	nl_object_free(O(t));
	CHECK(nl_cache_nitems(c) == 0 && nl_cache_is_empty(c), "freed object left its cache");
	{
		struct nl_dump_params dp;
		memset(&dp, 0, sizeof(dp));
		dp.dp_type = 7; /* libnl aborts */
		u = mk(&t_obj_ops, 2, 2, 2, NULL);
		nl_object_dump(O(u), &dp);
		nl_cache_dump(c, NULL);
		nl_object_put(O(u));
		CHECK(1, "bad dump type ignored");
	}

	/* a million-object cache must stay O(1): the hash table grows */
	{
		clock_t t0 = clock();
		for (i = 0; i < n; i++) {
			u = mk(&t_obj_ops, i, i & 7, i, NULL);
			if (nl_cache_add(c, O(u)) != 0)
				break;
			nl_object_put(O(u));
		}
		CHECK(nl_cache_nitems(c) == n, "100000 distinct objects added");
		u = mk(&t_obj_ops, 12345, 12345 & 7, 0, NULL);
		r = nl_cache_search(c, O(u));
		CHECK(r && ((struct t_obj *)r)->val == 12345, "search found");
		nl_object_put(r);
		u->sub = 99;
		CHECK(nl_cache_search(c, O(u)) == NULL,
		      "object differing in an id attribute is distinct");
		CHECK(nl_cache_add(c, O(u)) == 0 && nl_cache_nitems(c) == n + 1,
		      "and can be added");
		nl_object_put(O(u));
		CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 60.0, "fill time is linear");
	}
	nl_cache_free(c);
	CHECK(nl_cache_mngt_unregister(&t_cache_ops) == 0, "unregister");
	CHECK(nl_cache_mngt_unregister(&t_cache_ops) == -NLE_NOCACHE, "unregister twice");
	return tap_failed;
}
