/* Differential test: genl_register / genl_unregister of a program-defined generic netlink
 * cache type (libnl's private table layouts), and its messages reaching the command handler
 * through the cache parser and through genl_handle_msg (no kernel). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/mngt.h>

struct t_list {
	void *next, *prev;
};

struct g_obj {
	int ce_refcnt;
	void *ce_ops;
	struct nl_cache *ce_cache;
	struct t_list ce_list;
	int ce_msgtype;
	int ce_flags;
	uint64_t ce_mask;
	uint32_t num;
};

#include "libnl-private.h"

enum { A_UNSPEC, A_NUM, A_STR, __A_MAX };
#define A_MAX (__A_MAX - 1)
#define FAMILY_ID 0x31

static struct nla_policy pol[A_MAX + 1] = {
	[A_NUM] = { .type = NLA_U32 },
	[A_STR] = { .type = NLA_STRING, .maxlen = 6 },
};

static struct nl_object_ops g_obj_ops = {
	.oo_name = "test/genl-obj",
	.oo_size = sizeof(struct g_obj),
};

static struct nl_cache_ops g_cache_ops;

static int handler(struct nl_cache_ops *ops, struct genl_cmd *cmd, struct genl_info *info,
		   void *arg)
{
	printf("  handler %s ops=%s type=%#x cmd=%d ver=%d userhdr=%#x", cmd->c_name,
	       ops == &g_cache_ops ? "ours" : (ops ? "other" : "NULL"), info->nlh->nlmsg_type,
	       info->genlhdr->cmd, info->genlhdr->version, *(uint32_t *)info->userhdr);
	for (int i = 0; i <= cmd->c_maxattr; i++)
		if (info->attrs[i])
			printf(" a%d@%ld", i, (long)((char *)info->attrs[i] - (char *)info->nlh));
	printf("\n");
	if (!ops)
		return 5;
	/* From the cache parser: hand an object to the parser parameter block. */
	struct nl_parser_param *pp = arg;
	struct g_obj *o = (struct g_obj *)nl_object_alloc(&g_obj_ops);
	o->num = info->attrs[A_NUM] ? nla_get_u32(info->attrs[A_NUM]) : 0;
	o->ce_msgtype = info->nlh->nlmsg_type;
	int err = pp->pp_cb((struct nl_object *)o, pp);
	nl_object_put((struct nl_object *)o);
	return err;
}

static struct genl_cmd cmds[] = {
	{ .c_id = 1,
	  .c_name = "add",
	  .c_maxattr = A_MAX,
	  .c_msg_parser = handler,
	  .c_attr_policy = pol },
	{ .c_id = 2, .c_name = "noparser", .c_maxattr = A_MAX },
};

static struct genl_ops g_genl = {
	.o_cmds = cmds,
	.o_ncmds = 2,
};

static struct nl_cache_ops g_cache_ops = {
	.co_name = "test/genl",
	.co_hdrsize = GENL_HDRLEN + 4,
	.co_protocol = NETLINK_GENERIC,
	.co_obj_ops = &g_obj_ops,
	.co_genl = &g_genl,
	.co_msgtypes = { { FAMILY_ID, NL_ACT_NEW, "test-genl" }, { -1, -1, NULL } },
};

/* Same family id as the controller. */
static struct genl_ops c_genl;
static struct nl_cache_ops c_cache_ops = {
	.co_name = "test/genl-ctrlid",
	.co_hdrsize = GENL_HDRLEN,
	.co_protocol = NETLINK_GENERIC,
	.co_obj_ops = &g_obj_ops,
	.co_genl = &c_genl,
	.co_msgtypes = { { GENL_ID_CTRL, NL_ACT_NEW, "ctrl-again" }, { -1, -1, NULL } },
};

static struct nl_cache_ops r_cache_ops = {
	.co_name = "test/route",
	.co_hdrsize = GENL_HDRLEN,
	.co_protocol = NETLINK_ROUTE,
	.co_obj_ops = &g_obj_ops,
	.co_genl = &c_genl,
	.co_msgtypes = { { 0x40, NL_ACT_NEW, "route" }, { -1, -1, NULL } },
};

static struct nl_cache_ops s_cache_ops = {
	.co_name = "test/small",
	.co_hdrsize = GENL_HDRLEN - 1,
	.co_protocol = NETLINK_GENERIC,
	.co_obj_ops = &g_obj_ops,
	.co_genl = &c_genl,
	.co_msgtypes = { { 0x41, NL_ACT_NEW, "small" }, { -1, -1, NULL } },
};

static struct nl_cache_ops n_cache_ops = {
	.co_name = "test/nogenl",
	.co_hdrsize = GENL_HDRLEN,
	.co_protocol = NETLINK_GENERIC,
	.co_obj_ops = &g_obj_ops,
	.co_msgtypes = { { 0x42, NL_ACT_NEW, "nogenl" }, { -1, -1, NULL } },
};

static struct nl_msg *mk(int cmd, uint32_t num, const char *str)
{
	struct nl_msg *m = nlmsg_alloc();
	uint32_t *u = genlmsg_put(m, 0, 0, FAMILY_ID, 4, 0, cmd, 2);
	*u = 0xabcd;
	if (num)
		nla_put_u32(m, A_NUM, num);
	if (str)
		nla_put_string(m, A_STR, str);
	return m;
}

static void parse(struct nl_cache *c, const char *tag, struct nl_msg *m)
{
	printf("%s:\n", tag);
	int err = nl_cache_parse_and_add(c, m);
	printf("  parse_and_add -> %d, items %d\n", err, nl_cache_nitems(c));
	err = genl_handle_msg(m, NULL);
	printf("  handle_msg -> %d\n", err);
	nlmsg_free(m);
}

int main(void)
{
	printf("route protocol %d\n", genl_register(&r_cache_ops));
	printf("small header %d\n", genl_register(&s_cache_ops));
	printf("no genl ops %d\n", genl_register(&n_cache_ops));
	int err = genl_register(&c_cache_ops);
	printf("controller id %d (o_id %#x o_hdrsize %u)\n", err, c_genl.o_id, c_genl.o_hdrsize);

	err = genl_register(&g_cache_ops);
	printf("register %d\n", err);
	printf("  o_name %s o_id %#x o_hdrsize %u o_cache_ops %s parser %s\n", g_genl.o_name,
	       g_genl.o_id, g_genl.o_hdrsize, g_genl.o_cache_ops == &g_cache_ops ? "ours" : "?",
	       g_cache_ops.co_msg_parser ? "set" : "NULL");
	printf("  lookup %s\n", nl_cache_ops_lookup("test/genl") == &g_cache_ops ? "ours" : "?");
	printf("register again %d\n", genl_register(&g_cache_ops));
	char buf[16];
	printf("op2name %s\n", genl_op2name(FAMILY_ID, 1, buf, sizeof(buf)));

	struct nl_cache *c = nl_cache_alloc(&g_cache_ops);
	parse(c, "cmd 1", mk(1, 42, "ok"));
	parse(c, "cmd 1 long string", mk(1, 43, "too-long"));
	parse(c, "cmd 1 no attributes", mk(1, 0, NULL));
	parse(c, "cmd 2 (no parser)", mk(2, 44, NULL));
	parse(c, "cmd 7 (unknown)", mk(7, 45, NULL));
	struct nl_msg *m = mk(1, 46, NULL);
	nlmsg_hdr(m)->nlmsg_len = 22;
	parse(c, "no room for the user header", m);
	nl_cache_free(c);

	genl_unregister(&g_cache_ops);
	printf("unregistered: lookup %s\n", nl_cache_ops_lookup("test/genl") ? "found" : "NULL");
	m = mk(1, 47, NULL);
	printf("handle_msg after -> %d\n", genl_handle_msg(m, NULL));
	nlmsg_free(m);
	printf("register after unregister %d\n", genl_register(&g_cache_ops));
	genl_unregister(&g_cache_ops);
	return 0;
}
