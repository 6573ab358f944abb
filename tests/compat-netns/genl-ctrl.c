/*
 * Generic netlink controller against the kernel: genl_ctrl_resolve / _resolve_grp (known and
 * unknown names, auto-ack off), the "genl/family" cache (dump of every family with ops and
 * groups, searches), and resolving registered families (genl_ops_resolve, genl_resolve_id,
 * genl_mngt_resolve).
 */
#include "nstest.h"

#include <netlink/cache.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/mngt.h>

extern int genl_resolve_id(struct genl_ops *ops);

static void show(const char *what, int r)
{
	printf("%s: %d (%s)\n", what, r, r < 0 ? nl_geterror(r) : "ok");
}

int main(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	show("genl_connect", genl_connect(sk));
	show("resolve nlctrl", genl_ctrl_resolve(sk, "nlctrl"));
	show("resolve nonexistent", genl_ctrl_resolve(sk, "no-such-family"));
	show("resolve empty", genl_ctrl_resolve(sk, ""));
	show("resolve long name", genl_ctrl_resolve(sk, "a-name-longer-than-sixteen-bytes"));
	show("resolve_grp nlctrl notify", genl_ctrl_resolve_grp(sk, "nlctrl", "notify"));
	show("resolve_grp nlctrl bogus", genl_ctrl_resolve_grp(sk, "nlctrl", "bogus"));
	show("resolve_grp bogus notify", genl_ctrl_resolve_grp(sk, "bogus", "notify"));
	for (int i = 0; i < 3; i++)
		show("resolve again", genl_ctrl_resolve(sk, "nlctrl"));

	struct nl_cache *c = NULL;
	show("alloc_cache", genl_ctrl_alloc_cache(sk, &c));
	printf("families > 0: %d\n", nl_cache_nitems(c) > 0);
	struct genl_family *f = genl_ctrl_search_by_name(c, "nlctrl");
	printf("nlctrl: id %#x version %u hdrsize %u maxattr %u\n", genl_family_get_id(f),
	       genl_family_get_version(f), genl_family_get_hdrsize(f), genl_family_get_maxattr(f));
	struct genl_family *g = genl_ctrl_search(c, 0x10);
	printf("search 0x10 same object: %d\n", f == g);
	genl_family_put(f);
	genl_family_put(g);
	struct nl_dump_params dp = { .dp_type = NL_DUMP_DETAILS, .dp_fd = stdout };
	nl_cache_dump(c, &dp);
	fflush(stdout);
	dp.dp_type = NL_DUMP_LINE;
	nl_cache_dump(c, &dp);
	fflush(stdout);
	nl_cache_free(c);

	static struct genl_ops ops = { .o_name = "TASKSTATS" };
	static struct genl_ops ops2 = { .o_name = "no-such-family" };
	show("register TASKSTATS", genl_register_family(&ops));
	show("ops_resolve TASKSTATS", genl_ops_resolve(sk, &ops));
	printf("o_id resolved: %d\n", ops.o_id != 0);
	ops.o_id = 0;
	show("resolve_id TASKSTATS", genl_resolve_id(&ops));
	show("resolve_id unknown", genl_resolve_id(&ops2));
	show("register unknown", genl_register_family(&ops2));
	show("mngt_resolve (last = unknown)", genl_mngt_resolve(sk));
	genl_unregister_family(&ops2);
	show("mngt_resolve", genl_mngt_resolve(sk));
	genl_unregister_family(&ops);
	/* With auto-ack off, an error reply leaves the socket out of step (libnl too). */
	nl_socket_disable_auto_ack(sk);
	show("no-ack resolve nlctrl", genl_ctrl_resolve(sk, "nlctrl"));
	show("no-ack resolve unknown", genl_ctrl_resolve(sk, "no-such-family"));
	nl_socket_enable_auto_ack(sk);
	show("ack resolve nlctrl", genl_ctrl_resolve(sk, "nlctrl"));

	nl_socket_free(sk);
	return 0;
}
