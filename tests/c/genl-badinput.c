/* Bad input to the libnl-genl-3 functions where libnl itself crashes. */
#include "../compat/objcache-plugin.h"
#include <stdio.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/mngt.h>

static int failures;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failures++;
}

int main(void)
{
	unsigned char raw[64] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)raw;
	memset(raw, 0, sizeof(raw));
	nlh->nlmsg_len = 32;
	raw[24] = 8; /* attribute of type 1, length 8 */
	raw[26] = 1;

	/* libnl-compat: libnl crashes here (NULL policy in nla_validate), we validate nothing. */
	check(genlmsg_validate(nlh, 0, 3, NULL) == 0, "genlmsg_validate with a NULL policy");
	/* libnl-compat: libnl crashes on NULL headers; we return the failure values. */
	check(genlmsg_valid_hdr(NULL, 0) == 0, "genlmsg_valid_hdr(NULL)");
	check(genlmsg_parse(NULL, 0, NULL, 0, NULL) == -NLE_INVAL, "genlmsg_parse(NULL)");
	check(genlmsg_validate(NULL, 0, 0, NULL) == -NLE_INVAL, "genlmsg_validate(NULL)");
	check(genlmsg_hdr(NULL) == NULL, "genlmsg_hdr(NULL)");
	check(genlmsg_data(NULL) == NULL, "genlmsg_data(NULL)");
	check(genlmsg_len(NULL) == 0, "genlmsg_len(NULL)");
	check(genlmsg_attrlen(NULL, 4) == 0, "genlmsg_attrlen(NULL)");
	check(genlmsg_put(NULL, 0, 0, 16, 0, 0, 1, 1) == NULL, "genlmsg_put(NULL)");
	check(genl_handle_msg(NULL, NULL) == -NLE_INVAL, "genl_handle_msg(NULL)");

	char buf[8] = "xxxxxxx";
	check(genl_op2name(0x10, 3, buf, 0) != NULL && buf[0] == 'x', "genl_op2name len 0");
	/* Found: the (NULL) buffer is returned, nothing written. */
	check(genl_op2name(0x10, 3, NULL, 8) == NULL, "genl_op2name NULL buffer");

	/* libnl-compat: libnl crashes unregistering a family that never was registered. */
	struct genl_ops never = { .o_name = "never" };
	check(genl_unregister_family(&never) == 0, "unregister unknown family");
	check(genl_register_family(NULL) == -NLE_INVAL, "register NULL family");
	check(genl_register(NULL) == -NLE_INVAL, "genl_register(NULL)");
	genl_unregister(NULL);

	struct nl_cache_ops *ctrl = nl_cache_ops_lookup("genl/family");
	check(ctrl != NULL, "genl/family is registered");

	/* libnl-compat: libnl crashes on NULL names. */
	struct genl_family *f = genl_family_alloc();
	genl_family_set_name(f, NULL);
	check(genl_family_get_name(f) == NULL, "set_name(NULL) ignored");
	check(genl_family_add_grp(f, 1, NULL) == -NLE_INVAL, "add_grp NULL name");
	check(genl_family_add_op(NULL, 1, 0) == -NLE_INVAL, "add_op NULL family");
	check(genl_family_get_id(NULL) == 0, "get_id(NULL)");
	/* Typed accessors refuse other object types: a getter gives its unset value, a setter does
	 * nothing, the adders fail with -NLE_OBJ_MISMATCH (libnl would write into the object). */
	(void)mk;
	struct nl_object *other = nl_object_alloc(&b_obj_ops);
	struct genl_family *of = (struct genl_family *)other;
	genl_family_set_id(of, 7);
	check(genl_family_get_id(of) == 0, "get_id of a foreign object");
	check(nl_object_get_id_attrs(other) == 0, "foreign object untouched");
	check(genl_family_add_op(of, 1, 0) == -NLE_OBJ_MISMATCH, "add_op on a foreign object");
	check(genl_family_add_grp(of, 1, "g") == -NLE_OBJ_MISMATCH, "add_grp on a foreign object");
	check(genl_family_get_name(of) == NULL, "get_name of a foreign object");
	nl_object_put(other);
	struct nl_cache *c = nl_cache_alloc(ctrl);
	check(genl_ctrl_search_by_name(c, NULL) == NULL, "search_by_name NULL name");
	check(genl_ctrl_search(NULL, 16) == NULL, "search NULL cache");
	nl_cache_free(c);
	genl_family_put(f);

	check(genl_ctrl_resolve(NULL, "nlctrl") == -NLE_OBJ_NOTFOUND, "resolve on NULL socket");
	struct nl_sock *sk = nl_socket_alloc();
	check(genl_ctrl_resolve(sk, NULL) == -NLE_INVAL, "resolve NULL name");
	check(genl_ctrl_resolve_grp(sk, "nlctrl", NULL) == -NLE_INVAL, "resolve_grp NULL group");
	check(genl_ctrl_alloc_cache(sk, NULL) == -NLE_INVAL, "alloc_cache NULL result");
	nl_socket_free(sk);
	return failures ? 1 : 0;
}
