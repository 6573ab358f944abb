/* Caches of a plug-in type defined in this file (libnl's private layouts): add/remove/
 * search/find/foreach/subset/clone/dump/include, the registry, parsing, provide/require. */
#include "objcache-plugin.h"

static void print_ids(const char *tag, struct nl_cache *c)
{
	struct nl_object *o;
	printf("%s [%d]:", tag, nl_cache_nitems(c));
	for (o = nl_cache_get_first(c); o; o = nl_cache_get_next(o))
		printf(" %u/%u(r%d,m%d)", ((struct t_obj *)o)->id, ((struct t_obj *)o)->sub,
		       nl_object_get_refcnt(o), nl_object_is_marked(o));
	printf("\n");
}

static void each(struct nl_object *o, void *arg)
{
	struct t_obj *t = (struct t_obj *)o;
	printf("  each %u/%u refcnt=%d arg=%s\n", t->id, t->sub, t->ce_refcnt, (char *)arg);
	if (t->id == 3)
		nl_cache_remove(o);
}

static void change(struct nl_cache *c, struct nl_object *o, int act, void *d)
{
	(void)c;
	printf("  change act=%d obj=%u/%u val=%u data=%s\n", act, ((struct t_obj *)o)->id,
	       ((struct t_obj *)o)->sub, ((struct t_obj *)o)->val, (char *)d);
}

static void change2(struct nl_cache *c, struct nl_object *old, struct nl_object *new, uint64_t diff,
		    int act, void *d)
{
	(void)c;
	printf("  change2 act=%d old=%u new=%u diff=0x%" PRIx64 " data=%s\n", act,
	       old ? ((struct t_obj *)old)->val : 0, new ? ((struct t_obj *)new)->val : 0, diff,
	       (char *)d);
}

static void each_ops(struct nl_cache_ops *ops, void *arg)
{
	if (!strncmp(ops->co_name, "test/", 5))
		printf("  ops %s %s\n", ops->co_name, (char *)arg);
}

static void parsed(struct nl_object *o, void *arg)
{
	struct t_obj *t = (struct t_obj *)o;
	printf("  parsed %s %u/%u val=%u msgtype=0x%x refcnt=%d arg=%s\n", nl_object_get_type(o),
	       t->id, t->sub, t->val, t->ce_msgtype, t->ce_refcnt, (char *)arg);
}

static struct nl_msg *mkmsg(int type, uint32_t id, uint32_t sub, uint32_t val, int len)
{
	uint32_t v[3] = { id, sub, val };
	struct nl_msg *m = nlmsg_alloc_simple(type, 0);
	nlmsg_append(m, v, len, NLMSG_ALIGNTO);
	nlmsg_set_proto(m, T_PROTO);
	return m;
}

int main(void)
{
	struct nl_cache *c, *c2, *sub, *cl, *pc;
	struct t_cache *tc;
	struct t_obj *o[6], *x, *f;
	struct nl_object *r;
	struct nl_dump_params dp;
	struct nl_msg *m;
	char buf[256];
	int i, err;

	{
		int t = nl_cache_mngt_register(&t_cache_ops),
		    p = nl_cache_mngt_register(&p_cache_ops),
		    b = nl_cache_mngt_register(&b_cache_ops);

		printf("register: %d %d %d\n", t, p, b);
	}
	printf("dup: %d\n", nl_cache_mngt_register(&t_cache_ops));
	printf("lookup: %d %d %d\n", nl_cache_ops_lookup("test/tobj") == &t_cache_ops,
	       nl_cache_ops_lookup("test/none") == NULL,
	       __nl_cache_ops_lookup("test/bare") == &b_cache_ops);
	{
		int found = nl_cache_ops_lookup_safe("test/tobj") == &t_cache_ops;

		printf("safe: %d refcnt=%u", found, t_cache_ops.co_refcnt);
	}
	nl_cache_ops_put(&t_cache_ops);
	printf(" -> %u\n", t_cache_ops.co_refcnt);
	printf("associate: %d %d %d %d\n", nl_cache_ops_associate(T_PROTO, 0x11) == &t_cache_ops,
	       nl_cache_ops_associate(T_PROTO, 0x20) == &p_cache_ops,
	       nl_cache_ops_associate(T_PROTO, 0x99) == NULL,
	       nl_cache_ops_associate(0, 0x10) == NULL);
	{
		int found = nl_cache_ops_associate_safe(T_PROTO, 0x10) == &t_cache_ops;

		printf("associate_safe: %d refcnt=%u\n", found, t_cache_ops.co_refcnt);
	}
	printf("busy: %d\n", nl_cache_mngt_unregister(&t_cache_ops));
	nl_cache_ops_put(&t_cache_ops);
	printf("msgtype: %s %d\n", nl_msgtype_lookup(&t_cache_ops, 0x11)->mt_name,
	       nl_msgtype_lookup(&t_cache_ops, 0x13) == NULL);
	nl_cache_ops_foreach(each_ops, "x");
	nl_cache_ops_set_flags(&b_cache_ops, 0x4);
	printf("flags: %u\n", b_cache_ops.co_flags);
	b_cache_ops.co_flags = 0;

	c = nl_cache_alloc(&t_cache_ops);
	tc = (struct t_cache *)c;
	printf("alloc: nitems=%d refcnt=%d hashed=%d ops=%d empty=%d first=%p\n", tc->c_nitems,
	       tc->c_refcnt, tc->hashtable != NULL, nl_cache_get_ops(c) == &t_cache_ops,
	       nl_cache_is_empty(c), (void *)nl_cache_get_first(c));
	printf("ops refcnt after alloc=%u\n", t_cache_ops.co_refcnt);
	nl_cache_set_arg1(c, 4);
	nl_cache_set_arg2(c, 0x3ff);
	nl_cache_set_flags(c, 0x10);
	printf("args: %d %d flags=%u\n", tc->c_iarg1, tc->c_iarg2, tc->c_flags);

	for (i = 0; i < 5; i++) {
		o[i] = mk(&t_obj_ops, i + 1, i % 2, 10 * i, NULL);
		printf("add %d: %d\n", i, nl_cache_add(c, O(o[i])));
	}
	o[5] = mk(&t_obj_ops, 2, 1, 77, NULL);
	printf("add dup: %d refcnt=%d\n", nl_cache_add(c, O(o[5])), o[5]->ce_refcnt);
	x = mk(&p_obj_ops, 1, 1, 1, NULL);
	printf("add mismatch: %d\n", nl_cache_add(c, O(x)));
	print_ids("cache", c);
	printf("last=%u prev(last)=%u next(last)=%p prev(first)=%p\n",
	       ((struct t_obj *)nl_cache_get_last(c))->id,
	       ((struct t_obj *)nl_cache_get_prev(nl_cache_get_last(c)))->id,
	       (void *)nl_cache_get_next(nl_cache_get_last(c)),
	       (void *)nl_cache_get_prev(nl_cache_get_first(c)));
	printf("obj cache ok=%d\n", nl_object_get_cache(O(o[0])) == c);

	r = nl_cache_search(c, O(o[5]));
	printf("search: found=%u val=%u refcnt=%d\n", ((struct t_obj *)r)->id,
	       ((struct t_obj *)r)->val, nl_object_get_refcnt(r));
	nl_object_put(r);
	o[5]->sub = 9;
	printf("search miss: %p\n", (void *)nl_cache_search(c, O(o[5])));

	f = (struct t_obj *)nl_object_alloc(&t_obj_ops);
	f->sub = 1;
	f->ce_mask = T_ATTR_SUB;
	r = nl_cache_find(c, O(f));
	printf("find sub=1: %u nitems_filter=%d\n", ((struct t_obj *)r)->id,
	       nl_cache_nitems_filter(c, O(f)));
	nl_object_put(r);
	f->id = 3;
	f->sub = 0;
	f->ce_mask = T_ATTR_ID | T_ATTR_SUB;
	r = nl_cache_find(c, O(f));
	printf("find id: %u refcnt=%d\n", ((struct t_obj *)r)->id, nl_object_get_refcnt(r));
	nl_object_put(r);
	printf("nitems_filter(NULL)=%d\n", nl_cache_nitems_filter(c, NULL));

	f->ce_mask = T_ATTR_SUB;
	sub = nl_cache_subset(c, O(f));
	print_ids("subset", sub);
	print_ids("cache", c);
	cl = nl_cache_clone(c);
	print_ids("clone", cl);
	printf("clone shares=%d\n", nl_cache_get_first(cl) == O(o[0]));
	nl_cache_free(sub);
	nl_cache_free(cl);

	nl_cache_mark_all(c);
	nl_object_unmark(O(o[1]));
	print_ids("marked", c);

	memset(&dp, 0, sizeof(dp));
	dp.dp_type = NL_DUMP_LINE;
	nl_cache_dump(c, &dp);
	dp.dp_type = NL_DUMP_DETAILS;
	f->sub = 0;
	nl_cache_dump_filter(c, &dp, O(f));
	dp.dp_type = NL_DUMP_STATS;
	nl_cache_dump(c, &dp);
	memset(buf, 'x', sizeof(buf));
	dp.dp_type = NL_DUMP_LINE;
	dp.dp_buf = buf;
	dp.dp_buflen = sizeof(buf);
	nl_cache_dump(c, &dp);
	printf("dump buf=[%s]\n", buf);

	nl_cache_foreach(c, each, "all");
	print_ids("after foreach", c);
	f->sub = 1;
	nl_cache_foreach_filter(c, O(f), each, "sub1");

	/* remove and re-add: libnl leaves the list link, so a re-add clones */
	nl_object_get(O(o[1]));
	nl_cache_remove(O(o[1]));
	printf("removed: refcnt=%d cache=%p\n", o[1]->ce_refcnt,
	       (void *)nl_object_get_cache(O(o[1])));
	nl_cache_remove(O(o[1]));
	printf("re-add: %d same=%d\n", nl_cache_add(c, O(o[1])), nl_cache_get_last(c) == O(o[1]));
	nl_object_put(O(o[1]));
	print_ids("cache", c);

	/* move */
	c2 = nl_cache_alloc(&t_cache_ops);
	printf("move: %d\n", nl_cache_move(c2, O(o[0])));
	print_ids("c", c);
	print_ids("c2", c2);
	printf("move mismatch: %d\n", nl_cache_move(c2, O(x)));

	/* include */
	x->ce_msgtype = 0x10;
	printf("include mismatch: %d\n", nl_cache_include(c2, O(x), change, "d"));
	{
		struct t_obj *n = mk(&t_obj_ops, 7, 0, 1, NULL);
		n->ce_msgtype = 0x10;
		printf("include new: %d\n", nl_cache_include(c2, O(n), change, "new"));
		nl_object_put(O(n));
		n = mk(&t_obj_ops, 7, 0, 2, NULL);
		n->ce_msgtype = 0x10;
		printf("include replace: %d\n", nl_cache_include(c2, O(n), change, "rep"));
		nl_object_put(O(n));
		n = mk(&t_obj_ops, 7, 0, 2, NULL);
		n->ce_msgtype = 0x10;
		printf("include same: %d\n", nl_cache_include(c2, O(n), change, "same"));
		nl_object_put(O(n));
		print_ids("c2", c2);
		n = mk(&t_obj_ops, 7, 0, 5, NULL);
		n->ce_msgtype = 0x10;
		printf("include_v2 replace: %d\n", nl_cache_include_v2(c2, O(n), change2, "v2"));
		nl_object_put(O(n));
		n = mk(&t_obj_ops, 7, 0, 5, NULL);
		n->ce_msgtype = 0x11;
		printf("include del: %d\n", nl_cache_include(c2, O(n), change, "del"));
		nl_object_put(O(n));
		n = mk(&t_obj_ops, 7, 0, 5, NULL);
		n->ce_msgtype = 0x11;
		printf("include del missing: %d\n", nl_cache_include_v2(c2, O(n), change2, "del2"));
		n->ce_msgtype = 0x12;
		printf("include get: %d\n", nl_cache_include(c2, O(n), change, "get"));
		n->ce_msgtype = 0x13;
		printf("include unknown: %d\n", nl_cache_include(c2, O(n), change, "unk"));
		nl_object_put(O(n));
		print_ids("c2", c2);
	}

	/* update-capable types merge on include */
	pc = nl_cache_alloc(&p_cache_ops);
	printf("plain hashed=%d\n", ((struct t_cache *)pc)->hashtable != NULL);
	{
		struct t_obj *p1 = mk(&p_obj_ops, 1, 1, 1, NULL);
		struct t_obj *p2 = mk(&p_obj_ops, 1, 1, 1, NULL);
		printf("plain add twice: %d %d\n", nl_cache_add(pc, O(p1)),
		       nl_cache_add(pc, O(p2)));
		print_ids("plain", pc);
		nl_object_put(O(p1));
		nl_object_put(O(p2));
	}
	{
		struct t_obj *u = mk(&t_obj_ops, 2, 1, 100, NULL);
		struct t_obj *v = mk(&t_obj_ops, 2, 100, 5, NULL);
		u->ce_msgtype = 0x10;
		v->ce_msgtype = 0x10;
		nl_cache_add(c2, O(u));
		/* v has other identity: separate object */
		printf("include v2 new: %d\n", nl_cache_include_v2(c2, O(v), change2, "nv"));
		nl_object_put(O(u));
		nl_object_put(O(v));
		v = mk(&t_obj_ops, 2, 100, 7, NULL);
		v->ce_msgtype = 0x10;
		printf("include v2 update: %d\n", nl_cache_include_v2(c2, O(v), change2, "upd"));
		printf("include v1 update: %d\n", nl_cache_include(c2, O(v), change, "upd1"));
		nl_object_put(O(v));
		print_ids("c2", c2);
	}

	/* parsing */
	m = mkmsg(0x10, 40, 1, 400, 12);
	printf("parse_and_add: %d\n", nl_cache_parse_and_add(c2, m));
	printf("again: %d\n", nl_cache_parse_and_add(c2, m));
	nlmsg_free(m);
	m = mkmsg(0x10, 41, 1, 400, 8);
	printf("short: %d\n", nl_cache_parse_and_add(c2, m));
	nlmsg_free(m);
	m = mkmsg(0x13, 41, 1, 400, 12);
	printf("unknown type: %d\n", nl_cache_parse_and_add(c2, m));
	nlmsg_free(m);
	m = mkmsg(0x10, 0xdead, 1, 400, 12);
	printf("enoent: %d\n", nl_cache_parse_and_add(c2, m));
	printf("msg_parse enoent: %d\n", nl_msg_parse(m, parsed, "p"));
	nlmsg_free(m);
	m = mkmsg(0x11, 42, 0, 420, 12);
	err = nl_msg_parse(m, parsed, "p");
	printf("msg_parse: %d\n", err);
	nlmsg_set_proto(m, 0);
	printf("msg_parse other proto: %d\n", nl_msg_parse(m, parsed, "p"));
	nlmsg_free(m);
	m = mkmsg(0x20, 43, 0, 430, 12);
	printf("msg_parse no parser... skipped\n");
	nlmsg_free(m);
	print_ids("c2", c2);

	/* provide / require */
	printf("require: %p\n", (void *)nl_cache_mngt_require("test/tobj"));
	nl_cache_mngt_provide(c);
	printf("provided: %d refcnt=%d opsref=%u major=%d\n",
	       nl_cache_mngt_require("test/tobj") == c, tc->c_refcnt, t_cache_ops.co_refcnt,
	       t_cache_ops.co_major_cache == c);
	nl_cache_mngt_provide(c2);
	printf("replaced: %d refcnt=%d opsref=%u\n", __nl_cache_mngt_require("test/tobj") == c2,
	       tc->c_refcnt, t_cache_ops.co_refcnt);
	/* libnl keeps the reference it took on the replaced cache */
	nl_cache_put(c);
	r = (struct nl_object *)nl_cache_mngt_require_safe("test/tobj");
	printf("safe: refcnt=%d\n", ((struct t_cache *)c2)->c_refcnt);
	nl_cache_put((struct nl_cache *)r);
	nl_cache_mngt_unprovide(c);
	nl_cache_mngt_unprovide(c2);
	printf("unprovided: %p refcnt=%d opsref=%u\n", (void *)nl_cache_mngt_require("test/tobj"),
	       ((struct t_cache *)c2)->c_refcnt, t_cache_ops.co_refcnt);

	/* alloc by name */
	printf("alloc_name: %d", nl_cache_alloc_name("test/plain", &cl));
	printf(" ops=%d\n", nl_cache_get_ops(cl) == &p_cache_ops);
	nl_cache_put(cl);
	printf("alloc_name unknown: %d\n", nl_cache_alloc_name("test/none", &cl));

	/* teardown */
	nl_cache_get(c);
	nl_cache_clear(c);
	printf("cleared: nitems=%d empty=%d refcnt=%d\n", nl_cache_nitems(c), nl_cache_is_empty(c),
	       tc->c_refcnt);
	nl_cache_put(c);
	n_free = 0;
	nl_cache_free(c);
	nl_cache_free(c2);
	nl_cache_free(pc);
	nl_cache_free(NULL);
	printf("caches freed: objects freed=%d\n", n_free);
	for (i = 0; i < 6; i++)
		nl_object_put(O(o[i]));
	nl_object_put(O(x));
	nl_object_put(O(f));
	{
		int t = nl_cache_mngt_unregister(&t_cache_ops),
		    p = nl_cache_mngt_unregister(&p_cache_ops),
		    b = nl_cache_mngt_unregister(&b_cache_ops),
		    again = nl_cache_mngt_unregister(&b_cache_ops);

		printf("unregister: %d %d %d %d\n", t, p, b, again);
	}
	return 0;
}
