/*
 * A forged controller reply: before genl_ctrl_resolve asks the kernel for a family, a second
 * NETLINK_GENERIC socket queues a CTRL_CMD_NEWFAMILY reply naming family id 0x1234 for the
 * request's sequence number. libnl-compat: libnl's resolver returns the forged id; libnlrs's
 * resolver reads through the same filtered path as every receive, drops the forgery and
 * returns the kernel's answer (nlctrl's real id, or "not found" for a family that does not
 * exist). The cache refill behind genl_ctrl_alloc_cache is checked the same way.
 */
#include <linux/genetlink.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>

#include "forge.h"

#define FORGED_ID 0x1234

/* The reply a kernel would send for `name`, numbered `seq`, to `port`. */
static struct nl_msg *forged_family(const char *name, uint32_t seq, uint32_t port)
{
	struct nl_msg *m = nlmsg_alloc();

	if (!m || !genlmsg_put(m, port, seq, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY, 2) ||
	    nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FORGED_ID) < 0 ||
	    nla_put_string(m, CTRL_ATTR_FAMILY_NAME, name) < 0 ||
	    nla_put_u32(m, CTRL_ATTR_VERSION, 1) < 0 || nla_put_u32(m, CTRL_ATTR_HDRSIZE, 0) < 0 ||
	    nla_put_u32(m, CTRL_ATTR_MAXATTR, 0) < 0)
		exit(2);
	return m;
}

/* Queues the forged reply (and a forged ack after it) for sk's next request. */
static int forge_reply(struct nl_sock *sk, int fd, const char *name)
{
	uint32_t port = nl_socket_get_local_port(sk), seq = forge_next_seq(sk);
	struct nl_msg *m = forged_family(name, seq, port);
	struct nl_msg *ack = forge_ack(0, GENL_ID_CTRL, seq, port);
	int rc = forge_send_msg(fd, m, port) > 0 && forge_send_msg(fd, ack, port) > 0;

	nlmsg_free(m);
	nlmsg_free(ack);
	return rc;
}

int main(void)
{
	struct nl_sock *sk, *forger;
	struct nl_cache *cache = NULL;
	struct genl_family *f;
	int fd, rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = nl_socket_alloc();
	forger = forge_sock(NETLINK_GENERIC);
	if (!sk || !forger || genl_connect(sk) < 0) {
		printf("not ok - NETLINK_GENERIC sockets\n");
		return 1;
	}
	fd = nl_socket_get_fd(forger);

	CHECK(forge_reply(sk, fd, "nlctrl"), "forged nlctrl reply queued");
	rc = genl_ctrl_resolve(sk, "nlctrl");
	printf("# genl_ctrl_resolve(nlctrl) = %d\n", rc);
	CHECK(rc == GENL_ID_CTRL, "genl_ctrl_resolve returns the kernel's id, not the forged one");
	CHECK(nlrs_socket_get_dropped(sk) == 2, "forged reply and ack dropped");

	CHECK(forge_reply(sk, fd, "nlrs-no-such-family"), "forged reply for a missing family");
	rc = genl_ctrl_resolve(sk, "nlrs-no-such-family");
	printf("# genl_ctrl_resolve(nlrs-no-such-family) = %d (%s)\n", rc, nl_geterror(rc));
	CHECK(rc == -NLE_OBJ_NOTFOUND, "a family that does not exist stays not found");
	CHECK(nlrs_socket_get_dropped(sk) == 4, "four forgeries dropped");

	CHECK(forge_reply(sk, fd, "nlctrl"), "forged reply queued before the group lookup");
	rc = genl_ctrl_resolve_grp(sk, "nlctrl", "notify");
	printf("# genl_ctrl_resolve_grp(nlctrl, notify) = %d\n", rc);
	CHECK(rc > 0, "genl_ctrl_resolve_grp finds nlctrl's notify group");

	/* The cache refill (nl_recvmsgs with the cache's parser). */
	CHECK(forge_reply(sk, fd, "nlctrl"), "forged reply queued before the cache fill");
	rc = genl_ctrl_alloc_cache(sk, &cache);
	CHECK(rc == 0, "genl_ctrl_alloc_cache");
	f = cache ? genl_ctrl_search(cache, FORGED_ID) : NULL;
	CHECK(f == NULL, "no family with the forged id in the cache");
	genl_family_put(f);
	f = cache ? genl_ctrl_search_by_name(cache, "nlctrl") : NULL;
	CHECK(f && genl_family_get_id(f) == GENL_ID_CTRL, "nlctrl in the cache with its real id");
	genl_family_put(f);
	nl_cache_free(cache);
	CHECK(nlrs_socket_get_dropped(sk) == 8, "eight forgeries dropped");

	nl_socket_free(forger);
	nl_socket_free(sk);
	return tap_failed ? 1 : 0;
}
