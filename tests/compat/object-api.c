/* Objects of a plug-in type defined in this file: alloc/clone/compare/diff/identical/
 * match_filter/attrs2str/dump/marks/refcounts, against libnl's core. */
#include "objcache-plugin.h"

int main(void)
{
	struct t_obj *a, *b, *c, *f;
	struct nl_object *o;
	char buf[128];
	uint32_t key = 77;
	struct nl_dump_params dp;

	printf("register: %d %d %d\n", nl_cache_mngt_register(&t_cache_ops),
	       nl_cache_mngt_register(&p_cache_ops), nl_cache_mngt_register(&b_cache_ops));

	a = mk(&t_obj_ops, 1, 2, 3, "alpha");
	printf("ctor=%d refcnt=%d shared=%d type=%s ops_ok=%d msgtype=%d "
	       "cache_null=%d\n",
	       n_ctor, nl_object_get_refcnt(O(a)), nl_object_shared(O(a)), nl_object_get_type(O(a)),
	       nl_object_get_ops(O(a)) == &t_obj_ops, nl_object_get_msgtype(O(a)),
	       nl_object_get_cache(O(a)) == NULL);
	printf("list self-linked=%d id_attrs=0x%x\n", a->ce_list.next == &a->ce_list,
	       nl_object_get_id_attrs(O(a)));
	nl_object_get(O(a));
	printf("get: refcnt=%d shared=%d\n", nl_object_get_refcnt(O(a)), nl_object_shared(O(a)));
	nl_object_put(O(a));
	nl_object_put(NULL);
	nl_object_free(NULL);

	nl_object_mark(O(a));
	printf("marked=%d flags=%d\n", nl_object_is_marked(O(a)), a->ce_flags);
	nl_object_unmark(O(a));
	printf("unmarked=%d\n", nl_object_is_marked(O(a)));

	a->ce_msgtype = 0x10;
	b = (struct t_obj *)nl_object_clone(O(a));
	printf("clone: ctor=%d clone=%d id=%u sub=%u val=%u name=%s mask=0x%" PRIx64
	       " msgtype=0x%x refcnt=%d own_name=%d\n",
	       n_ctor, n_clone, b->id, b->sub, b->val, b->name, b->ce_mask, b->ce_msgtype,
	       b->ce_refcnt, b->name != a->name);
	printf("clone(NULL)=%p\n", (void *)nl_object_clone(NULL));
	printf("identical(a,b)=%d identical(a,a)=%d diff=0x%x\n", nl_object_identical(O(a), O(b)),
	       nl_object_identical(O(a), O(a)), nl_object_diff(O(a), O(b)));
	b->val = 9;
	printf("val differs: identical=%d diff=0x%x\n", nl_object_identical(O(a), O(b)),
	       nl_object_diff(O(a), O(b)));
	b->sub = 5;
	printf("sub differs: identical=%d diff=0x%x\n", nl_object_identical(O(a), O(b)),
	       nl_object_diff(O(a), O(b)));
	b->sub = 2;
	b->ce_mask &= ~(uint64_t)T_ATTR_SUB;
	printf("sub missing: identical=%d diff=0x%x\n", nl_object_identical(O(a), O(b)),
	       nl_object_diff(O(a), O(b)));
	b->ce_mask |= T_ATTR_SUB | T_ATTR_HIGH;
	printf("high bit: diff=0x%x diff64=0x%" PRIx64 "\n", nl_object_diff(O(a), O(b)),
	       nl_object_diff64(O(a), O(b)));
	b->ce_mask &= ~T_ATTR_HIGH;

	f = (struct t_obj *)nl_object_alloc(&t_obj_ops);
	printf("empty filter: match=%d\n", nl_object_match_filter(O(a), O(f)));
	f->id = 1;
	f->ce_mask = T_ATTR_ID;
	printf("filter id=1: match a=%d b=%d\n", nl_object_match_filter(O(a), O(f)),
	       nl_object_match_filter(O(b), O(f)));
	f->val = 9;
	f->ce_mask |= T_ATTR_VAL;
	printf("filter id=1 val=9: match a=%d b=%d\n", nl_object_match_filter(O(a), O(f)),
	       nl_object_match_filter(O(b), O(f)));

	printf("attrs2str=[%s]\n",
	       nl_object_attrs2str(O(a), T_ATTR_ID | T_ATTR_NAME, buf, sizeof(buf)));
	printf("attr_list=[%s]\n", nl_object_attr_list(O(a), buf, sizeof(buf)));
	nl_object_keygen(O(a), &key, 1024);
	printf("keygen 1024=%u", key);
	nl_object_keygen(O(a), &key, 7);
	printf(" 7=%u\n", key);

	memset(buf, 'x', sizeof(buf));
	nl_object_dump_buf(O(a), buf, sizeof(buf));
	printf("dump_buf=[%s]\n", buf);
	memset(&dp, 0, sizeof(dp));
	dp.dp_type = NL_DUMP_DETAILS;
	dp.dp_line = 42;
	dp.dp_dump_msgtype = 1;
	nl_object_dump(O(a), &dp);
	printf("after details: line=%d pre=%d\n", dp.dp_line, dp.dp_pre_dump);
	dp.dp_type = NL_DUMP_STATS;
	nl_object_dump(O(a), &dp);
	dp.dp_type = NL_DUMP_LINE;
	dp.dp_dump_msgtype = 0;
	dp.dp_pre_dump = 0;
	nl_object_dump(O(a), &dp);

	/* update */
	c = mk(&t_obj_ops, 1, 100, 5, NULL);
	key = nl_object_update(O(a), O(c));
	printf("update sub=100: %d val=%u\n", (int)key, a->val);
	key = nl_object_update(O(a), O(b));
	printf("update sub=2: %d val=%u\n", (int)key, a->val);

	/* different types */
	o = nl_object_alloc(&p_obj_ops);
	printf("cross-type: identical=%d diff=0x%x match=%d\n", nl_object_identical(O(a), o),
	       nl_object_diff(O(a), o), nl_object_match_filter(O(a), o));
	nl_object_put(o);

	/* list type: no id attrs -> identity over the common attributes */
	{
		struct t_obj *p1 = mk(&p_obj_ops, 1, 2, 3, NULL);
		struct t_obj *p2 = mk(&p_obj_ops, 1, 2, 4, NULL);
		printf("plain identical: %d\n", nl_object_identical(O(p1), O(p2)));
		p2->val = 3;
		printf("plain identical same: %d\n", nl_object_identical(O(p1), O(p2)));
		p2->ce_mask = T_ATTR_ID;
		printf("plain identical subset: %d\n", nl_object_identical(O(p1), O(p2)));
		{
			int match = nl_object_match_filter(O(p1), O(p2));
			uint64_t diff = nl_object_diff64(O(p1), O(p2));

			printf("plain filter: %d diff64=0x%" PRIx64 "\n", match, diff);
		}
		printf("plain id_attrs=0x%x\n", nl_object_get_id_attrs(O(p1)));
		p1->ce_mask |= T_ATTR_HIGH | (1ULL << 31);
		p2->ce_mask = p1->ce_mask;
		printf("plain identical high: %d\n", nl_object_identical(O(p1), O(p2)));
		p2->ce_mask &= ~T_ATTR_HIGH;
		printf("plain identical high differs: %d\n", nl_object_identical(O(p1), O(p2)));
		nl_object_put(O(p1));
		nl_object_put(O(p2));
	}

	/* bare type: nothing but the header */
	{
		struct nl_object *x = nl_object_alloc(&b_obj_ops);
		struct nl_object *y = nl_object_clone(x);
		key = 5;
		nl_object_keygen(x, &key, 16);
		memset(buf, 'x', sizeof(buf));
		nl_object_attrs2str(x, 3, buf, sizeof(buf));
		printf("bare: clone=%d identical=%d self=%d diff=0x%x diff64=0x%" PRIx64
		       " match=%d key=%u update=%d str0=%d str_last=%d\n",
		       y != NULL, nl_object_identical(x, y), nl_object_identical(x, x),
		       nl_object_diff(x, y), nl_object_diff64(x, y), nl_object_match_filter(x, y),
		       key, nl_object_update(x, y), buf[0], buf[sizeof(buf) - 1]);
		nl_object_dump_buf(x, buf, sizeof(buf));
		printf("bare dump=[%s]\n", buf);
		nl_object_put(x);
		nl_object_put(y);
	}

	/* clone failure runs free_data on the partial copy */
	a->val = 999;
	n_free = 0;
	o = nl_object_clone(O(a));
	printf("failing clone: %p free=%d\n", (void *)o, n_free);

	/* by name */
	o = NULL;
	printf("alloc_name: %d", nl_object_alloc_name("test/tobj", &o));
	printf(" type=%s ctor=%d\n", nl_object_get_type(o), n_ctor);
	nl_object_put(o);
	printf("alloc_name unknown: %d\n", nl_object_alloc_name("test/none", &o));

	n_free = 0;
	nl_object_put(O(a));
	nl_object_put(O(b));
	nl_object_put(O(c));
	nl_object_free(O(f));
	printf("freed: %d\n", n_free);
	printf("unregister: %d %d %d\n", nl_cache_mngt_unregister(&t_cache_ops),
	       nl_cache_mngt_unregister(&p_cache_ops), nl_cache_mngt_unregister(&b_cache_ops));
	return 0;
}
