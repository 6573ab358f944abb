/* A cache type defined the way libnl plug-in libraries define theirs: libnl 3.7's private
 * layouts of the object header and ops tables, declared here (shared by the object/cache
 * compat tests). */
#ifndef OBJCACHE_PLUGIN_H_
#define OBJCACHE_PLUGIN_H_

#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/msg.h>
#include <netlink/hashtable.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <inttypes.h>

struct t_list {
	void *next, *prev;
};

#define T_HDR                      \
	int ce_refcnt;             \
	void *ce_ops;              \
	struct nl_cache *ce_cache; \
	struct t_list ce_list;     \
	int ce_msgtype;            \
	int ce_flags;              \
	uint64_t ce_mask

struct t_obj {
	T_HDR;
	uint32_t id;
	uint32_t sub;
	uint32_t val;
	char *name;
};

#include "libnl-private.h"

/* struct nl_cache as libnl-idiag sees it */
struct t_cache {
	struct t_list c_items;
	int c_nitems;
	int c_iarg1;
	int c_iarg2;
	int c_refcnt;
	unsigned int c_flags;
	void *hashtable;
	struct nl_cache_ops *c_ops;
};

#define T_ATTR_ID 0x1
#define T_ATTR_SUB 0x2
#define T_ATTR_VAL 0x4
#define T_ATTR_NAME 0x8
#define T_ATTR_HIGH (1ULL << 40)
#define T_PROTO 25

static int n_ctor, n_free, n_clone;

static void t_ctor(struct nl_object *o)
{
	struct t_obj *t = (struct t_obj *)o;
	n_ctor++;
	t->val = 0;
}

static void t_free(struct nl_object *o)
{
	struct t_obj *t = (struct t_obj *)o;
	n_free++;
	free(t->name);
}

static int t_clone(struct nl_object *d, struct nl_object *s)
{
	struct t_obj *dst = (struct t_obj *)d, *src = (struct t_obj *)s;
	n_clone++;
	dst->name = NULL;
	if (src->val == 999)
		return -NLE_NOMEM;
	if (src->name)
		dst->name = strdup(src->name);
	return 0;
}

static void t_dump_line(struct nl_object *o, struct nl_dump_params *p)
{
	struct t_obj *t = (struct t_obj *)o;
	char line[128];
	snprintf(line, sizeof(line), "tobj %u/%u val=%u name=%s line=%d pre=%d", t->id, t->sub,
		 t->val, t->name ? t->name : "-", p->dp_line, p->dp_pre_dump);
	if (p->dp_buf) {
		size_t l = strlen(p->dp_buf);
		snprintf(p->dp_buf + l, p->dp_buflen - l, "%s;", line);
	} else
		printf("  dump: %s\n", line);
}

static void t_dump_details(struct nl_object *o, struct nl_dump_params *p)
{
	struct t_obj *t = (struct t_obj *)o;
	(void)p;
	printf("  details: %u mask=0x%" PRIx64 " msgtype=0x%x\n", t->id, t->ce_mask, t->ce_msgtype);
}

static uint64_t t_compare(struct nl_object *a, struct nl_object *b, uint64_t attrs, int flags)
{
	struct t_obj *x = (struct t_obj *)a, *y = (struct t_obj *)b;
	uint64_t d = 0;
	(void)flags;
#define CMP(bit, cond)                                                                     \
	if ((attrs & (bit)) && (((x->ce_mask & (bit)) != (y->ce_mask & (bit))) || (cond))) \
	d |= (bit)
	CMP(T_ATTR_ID, x->id != y->id);
	CMP(T_ATTR_SUB, x->sub != y->sub);
	CMP(T_ATTR_VAL, x->val != y->val);
	CMP(T_ATTR_NAME, strcmp(x->name ? x->name : "", y->name ? y->name : ""));
	CMP(T_ATTR_HIGH, 0);
#undef CMP
	return d;
}

static uint64_t t_compare_logged(struct nl_object *a, struct nl_object *b, uint64_t attrs,
				 int flags)
{
	uint64_t d = t_compare(a, b, attrs, flags);
	printf("    compare(attrs=0x%" PRIx64 ", flags=%d) = 0x%" PRIx64 "\n", attrs, flags, d);
	return d;
}

static int t_update(struct nl_object *d, struct nl_object *s)
{
	struct t_obj *dst = (struct t_obj *)d, *src = (struct t_obj *)s;
	if (src->sub != 100)
		return -NLE_OPNOTSUPP;
	dst->val += src->val;
	return 0;
}

static void t_keygen(struct nl_object *o, uint32_t *key, uint32_t size)
{
	struct t_obj *t = (struct t_obj *)o;
	uint32_t k[2] = { t->id, t->sub };
	*key = nl_hash(k, sizeof(k), 0) % size;
}

static char *t_attrs2str(int attrs, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s", attrs & T_ATTR_ID ? "id," : "",
		 attrs & T_ATTR_SUB ? "sub," : "", attrs & T_ATTR_VAL ? "val," : "",
		 attrs & T_ATTR_NAME ? "name," : "");
	return buf;
}

static struct nl_object_ops t_obj_ops = {
	.oo_name = (char *)"test/tobj",
	.oo_size = sizeof(struct t_obj),
	.oo_id_attrs = T_ATTR_ID | T_ATTR_SUB,
	.oo_constructor = t_ctor,
	.oo_free_data = t_free,
	.oo_clone = t_clone,
	.oo_dump = { t_dump_line, t_dump_details, NULL },
	.oo_compare = t_compare,
	.oo_update = t_update,
	.oo_keygen = t_keygen,
	.oo_attrs2str = t_attrs2str,
};

/* list-only type: no keygen, no update, no id attrs, logged compare */
static struct nl_object_ops p_obj_ops = {
	.oo_name = (char *)"test/plain",
	.oo_size = sizeof(struct t_obj),
	.oo_free_data = t_free,
	.oo_clone = t_clone,
	.oo_dump = { t_dump_line, NULL, NULL },
	.oo_compare = t_compare_logged,
};

/* header only, no callbacks at all */
static struct nl_object_ops b_obj_ops = {
	.oo_name = (char *)"test/bare",
	.oo_size = 56,
};

static int t_parser(struct nl_cache_ops *ops, struct sockaddr_nl *who, struct nlmsghdr *nlh,
		    struct nl_parser_param *pp)
{
	uint32_t *v = (uint32_t *)NLMSG_DATA(nlh);
	struct t_obj *t;
	int err;
	(void)who;
	printf("    parser: ops=%s type=0x%x len=%u\n", ops ? ops->co_name : "(null)",
	       nlh->nlmsg_type, nlh->nlmsg_len);
	if (v[0] == 0xdead)
		return -ENOENT;
	t = (struct t_obj *)nl_object_alloc(&t_obj_ops);
	t->ce_msgtype = nlh->nlmsg_type;
	t->id = v[0];
	t->sub = v[1];
	t->val = v[2];
	t->ce_mask = T_ATTR_ID | T_ATTR_SUB | T_ATTR_VAL;
	err = pp->pp_cb((struct nl_object *)t, pp);
	nl_object_put((struct nl_object *)t);
	return err;
}

static struct nl_cache_ops __attribute__((unused)) t_cache_ops = {
	.co_name = (char *)"test/tobj",
	.co_hdrsize = 12,
	.co_protocol = T_PROTO,
	.co_msg_parser = t_parser,
	.co_obj_ops = &t_obj_ops,
	.co_msgtypes = {
		{ 0x10, NL_ACT_NEW, (char *)"new" },
		{ 0x11, NL_ACT_DEL, (char *)"del" },
		{ 0x12, NL_ACT_GET, (char *)"get" },
		{ -1, -1, NULL },
	},
};

static struct nl_cache_ops __attribute__((unused)) p_cache_ops = {
	.co_name = (char *)"test/plain",
	.co_hdrsize = 0,
	.co_protocol = T_PROTO,
	.co_obj_ops = &p_obj_ops,
	.co_msgtypes = {
		{ 0x20, NL_ACT_NEW, (char *)"new" },
		{ -1, -1, NULL },
	},
};

/* name-only registration, like netfilter/log */
static struct nl_cache_ops __attribute__((unused)) b_cache_ops = {
	.co_name = (char *)"test/bare",
	.co_obj_ops = &b_obj_ops,
	.co_msgtypes = {
		{ -1, -1, NULL },
	},
};

static struct t_obj *mk(struct nl_object_ops *ops, uint32_t id, uint32_t sub, uint32_t val,
			const char *name)
{
	struct t_obj *t = (struct t_obj *)nl_object_alloc(ops);
	t->id = id;
	t->sub = sub;
	t->val = val;
	t->ce_mask = T_ATTR_ID | T_ATTR_SUB | T_ATTR_VAL;
	if (name) {
		t->name = strdup(name);
		t->ce_mask |= T_ATTR_NAME;
	}
	return t;
}

#define O(x) ((struct nl_object *)(x))

/* exported by libnl without a public prototype */
extern struct nl_cache_ops *__nl_cache_ops_lookup(const char *);

#endif
