/* The cache-type registry with the built-in genl/family type next to program-defined ones:
 * what nl-list-caches reads of every registered table (private layout), lookups by name and
 * by (protocol, message type), nl_cache_ops_get/put reference counts, foreach order,
 * alloc by name, require without a provider, set_flags. A genl symbol is referenced so that
 * libnl-genl-3 (which registers genl/family) is loaded in the reference build too. */
#include "objcache-plugin.h"
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

/* Not compared for the built-in genl/family table: whether its object type has a constructor.
 * libnl's initialises list heads there; ours keeps the family in a Rust box created on first
 * use, because a constructor that allocates would leak under libnl's clone protocol (alloc,
 * then a byte copy over the new object). Nothing outside the core calls it. */
static void show_ops(struct nl_cache_ops *ops, void *arg)
{
	struct nl_object_ops *oo = ops->co_obj_ops;
	struct nl_msgtype *mt;
	struct nl_af_group *g;
	int builtin = !strcmp(ops->co_name, "genl/family");

	printf("%s%s: hdrsize=%d protocol=%d hash=%d flags=0x%x request=%d parser=%d filter=%d "
	       "include=%d genl=%d\n",
	       (const char *)arg, ops->co_name, ops->co_hdrsize, ops->co_protocol,
	       ops->co_hash_size, ops->co_flags, ops->co_request_update != NULL,
	       ops->co_msg_parser != NULL, ops->co_event_filter != NULL,
	       ops->co_include_event != NULL, ops->co_genl != NULL);
	for (mt = ops->co_msgtypes; mt->mt_id >= 0; mt++)
		printf("  msgtype 0x%x act=%d name=%s\n", mt->mt_id, mt->mt_act,
		       mt->mt_name ? mt->mt_name : "(null)");
	for (g = ops->co_groups; g && g->ag_group; g++)
		printf("  group family=%d group=%d\n", g->ag_family, g->ag_group);
	if (oo)
		printf("  object %s: id_attrs=0x%x ctor=%d free=%d clone=%d dump=%d%d%d "
		       "compare=%d update=%d keygen=%d attrs2str=%d id_attrs_get=%d\n",
		       oo->oo_name, oo->oo_id_attrs, builtin ? -9 : oo->oo_constructor != NULL,
		       oo->oo_free_data != NULL, oo->oo_clone != NULL, oo->oo_dump[0] != NULL,
		       oo->oo_dump[1] != NULL, oo->oo_dump[2] != NULL, oo->oo_compare != NULL,
		       oo->oo_update != NULL, oo->oo_keygen != NULL, oo->oo_attrs2str != NULL,
		       oo->oo_id_attrs_get != NULL);
}

static void names(struct nl_cache_ops *ops, void *arg)
{
	(void)arg;
	printf(" %s", ops->co_name);
}

int main(void)
{
	struct nl_cache_ops *g, *o;
	struct nl_cache *c = NULL;
	struct nl_object *obj = NULL;
	struct nl_dump_params dp;
	struct genl_family *f;
	unsigned int before;
	int err;

	setvbuf(stdout, NULL, _IONBF, 0);
	f = genl_family_alloc(); /* keeps libnl-genl-3 loaded in the reference build */
	genl_family_put(f);

	g = nl_cache_ops_lookup("genl/family");
	printf("genl/family %s\n", g ? "registered" : "missing");
	if (!g)
		return 1;
	show_ops(g, "built-in ");
	printf("associate: %d %d %d\n", nl_cache_ops_associate(NETLINK_GENERIC, GENL_ID_CTRL) == g,
	       nl_cache_ops_associate(NETLINK_GENERIC, 0x99) == NULL,
	       nl_cache_ops_associate(NETLINK_ROUTE, GENL_ID_CTRL) == NULL);
	printf("msgtype: %s\n", nl_msgtype_lookup(g, GENL_ID_CTRL)->mt_name);

	/* reference counts: get/put, the _safe lookups, caches of the type */
	before = g->co_refcnt;
	nl_cache_ops_get(g);
	printf("get: +%u\n", g->co_refcnt - before);
	nl_cache_ops_get(g);
	nl_cache_ops_put(g);
	nl_cache_ops_put(g);
	printf("put: +%u\n", g->co_refcnt - before);
	o = nl_cache_ops_lookup_safe("genl/family");
	printf("lookup_safe: %d +%u\n", o == g, g->co_refcnt - before);
	nl_cache_ops_put(o);
	o = nl_cache_ops_associate_safe(NETLINK_GENERIC, GENL_ID_CTRL);
	printf("associate_safe: %d +%u\n", o == g, g->co_refcnt - before);
	nl_cache_ops_put(o);
	printf("lookup_safe(none): %d\n", nl_cache_ops_lookup_safe("genl/none") == NULL);
	printf("associate_safe(none): %d\n", nl_cache_ops_associate_safe(99, 1) == NULL);

	err = nl_cache_alloc_name("genl/family", &c);
	printf("alloc_name: %d ops=%d +%u nitems=%d\n", err, nl_cache_get_ops(c) == g,
	       g->co_refcnt - before, nl_cache_nitems(c));
	printf("alloc_name(none): %d\n", nl_cache_alloc_name("genl/none", &c) == -NLE_NOCACHE);
	err = nl_object_alloc_name("genl/family", &obj);
	printf("object_alloc_name: %d type=%s\n", err, nl_object_get_type(obj));
	genl_family_set_name((struct genl_family *)obj, "fam");
	genl_family_set_id((struct genl_family *)obj, 0x30);
	printf("cache_add: %d\n", nl_cache_add(c, obj));
	memset(&dp, 0, sizeof(dp));
	dp.dp_type = NL_DUMP_LINE;
	dp.dp_fd = stdout;
	nl_cache_dump(c, &dp);
	nl_object_put(obj);
	printf("object_alloc_name(none): %d\n", nl_object_alloc_name("genl/none", &obj));

	/* nothing provided: require finds nothing */
	printf("require: %d %d %d\n", nl_cache_mngt_require("genl/family") == NULL,
	       nl_cache_mngt_require_safe("genl/family") == NULL,
	       __nl_cache_mngt_require("genl/family") == NULL);
	nl_cache_mngt_provide(c);
	printf("provided: %d %d\n", nl_cache_mngt_require("genl/family") == c,
	       __nl_cache_mngt_require("genl/family") == c);
	nl_cache_mngt_unprovide(c);
	printf("unprovided: %d\n", nl_cache_mngt_require("genl/family") == NULL);
	nl_cache_free(c);
	printf("after free: +%u\n", g->co_refcnt - before);

	/* program types next to the built-in one, newest first */
	err = nl_cache_mngt_register(&t_cache_ops);
	printf("register: %d", err);
	err = nl_cache_mngt_register(&p_cache_ops);
	printf(" %d", err);
	err = nl_cache_mngt_register(&b_cache_ops);
	printf(" %d\n", err);
	printf("foreach:");
	nl_cache_ops_foreach(names, NULL);
	printf("\n");
	nl_cache_ops_foreach(show_ops, "");
	printf("associate test: %d\n", nl_cache_ops_associate(T_PROTO, 0x12) == &t_cache_ops);
	nl_cache_ops_set_flags(g, 0x2);
	printf("set_flags: 0x%x\n", g->co_flags);
	g->co_flags &= ~0x2u;
	err = nl_cache_mngt_unregister(&p_cache_ops);
	printf("unregister: %d", err);
	err = nl_cache_mngt_unregister(&p_cache_ops);
	printf(" %d", err);
	err = nl_cache_mngt_unregister(&t_cache_ops);
	printf(" %d", err);
	err = nl_cache_mngt_unregister(&b_cache_ops);
	printf(" %d\n", err);
	printf("foreach:");
	nl_cache_ops_foreach(names, NULL);
	printf("\n");
	(void)mk;
	return 0;
}
