/* Differential test: genl_register_family / genl_handle_msg / genl_register (no kernel). */
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/mngt.h>

enum { A_UNSPEC, A_NUM, A_STR, A_NEST, __A_MAX };
#define A_MAX (__A_MAX - 1)

static struct nla_policy pol[A_MAX + 1] = {
	[A_NUM] = { .type = NLA_U32 },
	[A_STR] = { .type = NLA_STRING, .maxlen = 8 },
	[A_NEST] = { .type = NLA_NESTED },
};

static int handler(struct nl_cache_ops *ops, struct genl_cmd *cmd, struct genl_info *info,
		   void *arg)
{
	printf("  handler cmd %s(%d) ops %s arg %s who %s nlh-type %#x genl cmd %d ver %d "
	       "userhdr+%ld",
	       cmd->c_name, cmd->c_id, ops ? "set" : "NULL", (char *)arg,
	       info->who ? "set" : "NULL", info->nlh->nlmsg_type, info->genlhdr->cmd,
	       info->genlhdr->version, (long)((char *)info->userhdr - (char *)info->nlh));
	for (int i = 0; i <= cmd->c_maxattr; i++)
		if (info->attrs[i])
			printf(" a%d@%ld", i, (long)((char *)info->attrs[i] - (char *)info->nlh));
	if (cmd->c_maxattr >= A_NUM && info->attrs[A_NUM])
		printf(" num=%u", nla_get_u32(info->attrs[A_NUM]));
	printf("\n");
	return cmd->c_id == 4 ? -NLE_AGAIN : 7;
}

static struct genl_cmd cmds[] = {
	{ .c_id = 1,
	  .c_name = "one",
	  .c_maxattr = A_MAX,
	  .c_msg_parser = handler,
	  .c_attr_policy = pol },
	{ .c_id = 2, .c_name = "two-nopol", .c_maxattr = A_MAX, .c_msg_parser = handler },
	{ .c_id = 3, .c_name = "three-noparser", .c_maxattr = A_MAX },
	{ .c_id = 4,
	  .c_name = "four-max1",
	  .c_maxattr = 1,
	  .c_msg_parser = handler,
	  .c_attr_policy = pol },
	{ .c_id = 5, .c_name = "five-max0", .c_maxattr = 0, .c_msg_parser = handler },
};

static struct genl_ops fam = {
	.o_hdrsize = 4,
	.o_name = "test-family",
	.o_cmds = cmds,
	.o_ncmds = 5,
};

static struct nl_msg *mk(int type, int cmd, int user, int withattrs)
{
	struct nl_msg *m = nlmsg_alloc();
	void *u = genlmsg_put(m, 0, 0, type, user, 0, cmd, 3);
	if (u && user)
		memset(u, 0xab, user);
	if (withattrs) {
		nla_put_u32(m, A_NUM, 1234);
		nla_put_string(m, A_STR, withattrs > 1 ? "far-too-long" : "ok");
		struct nlattr *n = nla_nest_start(m, A_NEST);
		nla_put_u8(m, 1, 1);
		nla_nest_end(m, n);
	}
	return m;
}

static void handle(const char *tag, struct nl_msg *m)
{
	printf("%s:\n", tag);
	int r = genl_handle_msg(m, "ARG");
	printf("  -> %d\n", r);
	nlmsg_free(m);
}

int main(void)
{
	struct genl_ops bad = { .o_name = NULL };
	printf("register no name %d\n", genl_register_family(&bad));
	struct genl_ops bad2 = { .o_name = "x", .o_cmds = cmds, .o_ncmds = 0 };
	printf("register cmds w/o count %d\n", genl_register_family(&bad2));
	struct genl_ops dupctrl = { .o_name = "nlctrl" };
	printf("register nlctrl %d\n", genl_register_family(&dupctrl));
	struct genl_ops dupid = { .o_name = "other", .o_id = GENL_ID_CTRL };
	printf("register id 0x10 %d\n", genl_register_family(&dupid));

	printf("handle unregistered family:\n");
	handle("unknown family", mk(0x30, 1, 4, 1));
	printf("register %d\n", genl_register_family(&fam));
	printf("register again %d\n", genl_register_family(&fam));
	fam.o_id = 0x30;
	struct genl_ops same = { .o_name = "test-family" };
	printf("register same name %d\n", genl_register_family(&same));

	handle("cmd 1", mk(0x30, 1, 4, 1));
	handle("cmd 1 bad string", mk(0x30, 1, 4, 2));
	handle("cmd 2", mk(0x30, 2, 4, 2));
	handle("cmd 3", mk(0x30, 3, 4, 1));
	handle("cmd 4", mk(0x30, 4, 4, 1));
	handle("cmd 5", mk(0x30, 5, 4, 1));
	handle("cmd 9", mk(0x30, 9, 4, 1));
	handle("no user header", mk(0x30, 1, 0, 0));
	handle("user header 8", mk(0x30, 1, 8, 1));

	/* Truncated messages. */
	struct nl_msg *m = mk(0x30, 1, 0, 0);
	nlmsg_hdr(m)->nlmsg_len = 19;
	handle("len 19", m);
	m = mk(0x30, 1, 0, 0);
	nlmsg_hdr(m)->nlmsg_len = 20;
	handle("len 20 (no user header)", m);
	m = mk(0x30, 5, 0, 0);
	nlmsg_hdr(m)->nlmsg_len = 20;
	handle("len 20 cmd 5", m);

	char buf[32];
	printf("op2name %s\n", genl_op2name(0x30, 2, buf, sizeof(buf)));
	printf("op2name %s\n", genl_op2name(0x30, 6, buf, sizeof(buf)) ? "buf" : "NULL");
	printf("unregister %d\n", genl_unregister_family(&fam));
	handle("after unregister", mk(0x30, 1, 4, 1));
	printf("op2name %s\n", genl_op2name(0x30, 2, buf, sizeof(buf)) ? "buf" : "NULL");
	printf("register again %d\n", genl_register_family(&fam));
	printf("unregister %d\n", genl_unregister_family(&fam));
	return 0;
}
