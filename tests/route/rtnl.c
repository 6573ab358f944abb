/* netlink/route/rtnl.h: route scope and type names both ways (every value, truncation, bad
 * names), realms, and nl_rtgen_request against the kernel (a link dump, counted). */
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/rtnl.h>
#include <stdio.h>

static int count(struct nl_msg *m, void *arg)
{
	(void)m;
	(*(int *)arg)++;
	return NL_OK;
}

int main(void)
{
	const char *scopes[] = { "universe", "global", "site",	"link", "host", "nowhere",
				 "Host",     "200",    "bogus", "",	"0x10", "-1" };
	const char *types[] = { "unicast",  "local",  "BROADCAST", "blackhole", "throw", "nat",
				"xresolve", "unspec", "3",	   "bogus",	"" };
	unsigned realms[] = { 0, 1, 0x10000, 0x10002, 0xffffffff, 0x12345 };
	struct nl_sock *sk;
	char b[64];
	int i, n = 0, err;

	for (i = -1; i < 260; i++)
		printf("scope %d %s\n", i, rtnl_scope2str(i, b, sizeof(b)));
	printf("scope short [%s]\n", rtnl_scope2str(254, b, 3));
	for (i = -1; i < 16; i++)
		printf("rtntype %d %s\n", i, nl_rtntype2str(i, b, sizeof(b)));
	for (i = 0; i < (int)(sizeof(scopes) / sizeof(scopes[0])); i++)
		printf("str2scope '%s' %d\n", scopes[i], rtnl_str2scope(scopes[i]));
	for (i = 0; i < (int)(sizeof(types) / sizeof(types[0])); i++)
		printf("str2rtntype '%s' %d\n", types[i], nl_str2rtntype(types[i]));
	for (i = 0; i < (int)(sizeof(realms) / sizeof(realms[0])); i++)
		printf("realms %#x [%s]\n", realms[i], rtnl_realms2str(realms[i], b, sizeof(b)));
	printf("realms short [%s]\n", rtnl_realms2str(0x10002, b, 3));

	sk = nl_socket_alloc();
	if (nl_connect(sk, NETLINK_ROUTE) < 0)
		return 1;
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, count, &n);
	err = nl_rtgen_request(sk, RTM_GETLINK, AF_UNSPEC, NLM_F_DUMP);
	printf("rtgen_request %d\n", err);
	err = nl_recvmsgs_default(sk);
	printf("recvmsgs %d links %d\n", err, n);
	nl_socket_free(sk);
	return 0;
}
