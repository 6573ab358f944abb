/* Where libnl 3.7 aborts (BUG/assert) or crashes in the cache synchronisation, cache
 * manager and internal exports, and libnlrs returns a clean result instead. Each CHECK pins
 * the exact value. Runs as root (a process sends to another's NETLINK_GENERIC port). */
#include "../compat/objcache-plugin.h"
#include <netlink/socket.h>
#include <netlink/genl/genl.h>
#include <nlrs/nlrs.h>
#include <unistd.h>

#include "tap.h"

#ifndef AF_MPLS
#define AF_MPLS 28
#endif

/* exported by libnl-3 without a public prototype */
extern const char *mpls_ntop(int af, const void *addr, char *buf, size_t buflen);
extern int mpls_pton(int af, const char *src, void *addr, size_t alen);
extern void dump_from_ops(struct nl_object *obj, struct nl_dump_params *params);
extern int _nl_socket_is_local_port_unspecified(struct nl_sock *sk);
extern void _nl_socket_set_local_port_no_release(struct nl_sock *sk, int generate_other);
extern uint32_t _nl_socket_generate_local_port_no_release(struct nl_sock *sk);
extern void _nl_socket_used_ports_set(uint32_t *used_ports, uint32_t port);
extern void _nl_socket_used_ports_release_all(const uint32_t *used_ports);

static int changes;

static void change_cb(struct nl_cache *c, struct nl_object *o, int act, void *arg)
{
	(void)c;
	(void)o;
	(void)act;
	(void)arg;
	changes++;
}

static void mngr_checks(void)
{
	struct nl_cache_mngr *m = (struct nl_cache_mngr *)0x1, *m2;
	struct nl_sock *sk, *peer;
	struct nl_cache *c, *res = NULL;
	struct nl_dump_params dp;
	uint32_t port;
	int r;

	/* libnl-compat: libnl aborts (BUG) on NL_ALLOCATED_SOCK; we return -NLE_INVAL */
	CHECK(nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, NL_ALLOCATED_SOCK, &m) == -NLE_INVAL,
	      "mngr_alloc with NL_ALLOCATED_SOCK -> -NLE_INVAL");
	CHECK(m == (struct nl_cache_mngr *)0x1, "result untouched");
	sk = nl_socket_alloc();
	CHECK(nl_cache_mngr_alloc(sk, NETLINK_ROUTE, NL_ALLOCATED_SOCK | NL_AUTO_PROVIDE, &m) ==
		      -NLE_INVAL,
	      "caller socket + NL_ALLOCATED_SOCK -> -NLE_INVAL");
	CHECK(nl_socket_get_fd(sk) == -1, "caller socket left unconnected");
	/* libnl-compat: libnl crashes writing the result; we return -NLE_INVAL */
	CHECK(nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, 0, NULL) == -NLE_INVAL,
	      "mngr_alloc(result NULL) -> -NLE_INVAL");

	/* libnl-compat: libnl crashes on a NULL manager / cache / name / result */
	c = nl_cache_alloc(&t_cache_ops);
	CHECK(nl_cache_mngr_add(NULL, "test/tobj", change_cb, NULL, &res) == -NLE_INVAL,
	      "mngr_add(NULL mngr)");
	CHECK(nl_cache_mngr_add_cache(NULL, c, change_cb, NULL) == -NLE_INVAL,
	      "mngr_add_cache(NULL mngr)");
	CHECK(nl_cache_mngr_add_cache_v2(NULL, c, NULL, NULL) == -NLE_INVAL,
	      "mngr_add_cache_v2(NULL mngr)");
	CHECK(nl_cache_mngr_get_fd(NULL) == -1, "mngr_get_fd(NULL) -> -1");
	CHECK(nl_cache_mngr_poll(NULL, 0) == -NLE_INVAL, "mngr_poll(NULL)");
	CHECK(nl_cache_mngr_data_ready(NULL) == -NLE_INVAL, "mngr_data_ready(NULL)");
	memset(&dp, 0, sizeof(dp));
	dp.dp_fd = stdout;
	nl_cache_mngr_info(NULL, &dp);
	nl_cache_mngr_free(NULL);

	/* the caller's socket, connected by the manager to NETLINK_ROUTE */
	CHECK(nl_cache_mngr_alloc(sk, NETLINK_ROUTE, 0, &m2) == 0, "mngr_alloc(sk)");
	CHECK(nl_cache_mngr_add(m2, NULL, change_cb, NULL, &res) == -NLE_INVAL,
	      "mngr_add(NULL name)");
	CHECK(nl_cache_mngr_add(m2, "test/tobj", change_cb, NULL, NULL) == -NLE_INVAL,
	      "mngr_add(NULL result)");
	CHECK(nl_cache_mngr_add(m2, "no/such", change_cb, NULL, &res) == -NLE_NOCACHE,
	      "mngr_add(unknown name) -> -NLE_NOCACHE");
	CHECK(nl_cache_mngr_add_cache(m2, NULL, change_cb, NULL) == -NLE_INVAL,
	      "mngr_add_cache(NULL cache)");
	CHECK(nl_cache_mngr_add_cache_v2(m2, NULL, NULL, NULL) == -NLE_INVAL,
	      "mngr_add_cache_v2(NULL cache)");
	CHECK(nl_cache_mngr_add_cache(m2, c, change_cb, NULL) == -NLE_PROTO_MISMATCH,
	      "cache of another protocol -> -NLE_PROTO_MISMATCH");
	nl_cache_mngr_info(m2, NULL);

	/* A message from another process on NETLINK_GENERIC, where only the kernel speaks:
	 * libnl-compat: libnl reads it (and aborts, below); the manager's event socket drops it
	 * before reading on, like every libnlrs socket (root may send it: the test runs as root). */
	nl_close(sk);
	CHECK(nl_connect(sk, NETLINK_GENERIC) == 0, "event socket reconnected to generic");
	CHECK(nl_socket_set_nonblocking(sk) == 0, "nonblocking");
	port = nl_socket_get_local_port(sk);
	peer = nl_socket_alloc();
	CHECK(nl_connect(peer, NETLINK_GENERIC) == 0, "peer connected");
	nl_socket_set_peer_port(peer, port);
	nl_socket_disable_auto_ack(peer);
	r = nl_send_simple(peer, GENL_ID_CTRL, 0, NULL, 0);
	CHECK(r > 0, "peer sent a message");
	r = nl_cache_mngr_data_ready(m2);
	CHECK(r == 0, "forged generic message dropped: data_ready = 0");
	CHECK(nlrs_socket_get_dropped(sk) == 1, "and counted on the event socket");
	nl_socket_free(peer);

	/* An event of the wrong protocol: reconnect the manager's event socket to
	 * NETLINK_USERSOCK and have a peer send it a message. libnl-compat: libnl aborts (BUG)
	 * in its event handler; we skip the message. */
	nl_close(sk);
	CHECK(nl_connect(sk, NETLINK_USERSOCK) == 0, "event socket reconnected to usersock");
	CHECK(nl_socket_set_nonblocking(sk) == 0, "nonblocking");
	port = nl_socket_get_local_port(sk);
	peer = nl_socket_alloc();
	CHECK(nl_connect(peer, NETLINK_USERSOCK) == 0, "usersock peer connected");
	nl_socket_set_peer_port(peer, port);
	nl_socket_disable_auto_ack(peer);
	r = nl_send_simple(peer, GENL_ID_CTRL, 0, NULL, 0);
	CHECK(r > 0, "peer sent a message");
	r = nl_cache_mngr_data_ready(m2);
	CHECK(r == 1, "usersock message read and skipped: data_ready = 1");
	CHECK(changes == 0, "no change callback");
	CHECK(nlrs_socket_get_dropped(sk) == 1, "nothing more dropped");
	nl_socket_free(peer);
	nl_cache_mngr_free(m2);
	nl_socket_free(sk);
	nl_cache_free(c);
}

static void sync_checks(void)
{
	struct nl_cache *c, *res = (struct nl_cache *)0x1;
	struct nl_sock *sk = nl_socket_alloc();

	c = nl_cache_alloc(&t_cache_ops);
	/* libnl-compat: libnl crashes on NULL socket or cache in all of these */
	CHECK(nl_cache_refill(NULL, c) == -NLE_BAD_SOCK, "refill(NULL sk) -> -NLE_BAD_SOCK");
	CHECK(nl_cache_refill(sk, NULL) == -NLE_INVAL, "refill(NULL cache) -> -NLE_INVAL");
	CHECK(nl_cache_resync(NULL, c, change_cb, NULL) == -NLE_BAD_SOCK,
	      "resync(NULL sk) -> -NLE_BAD_SOCK");
	CHECK(nl_cache_resync(sk, NULL, change_cb, NULL) == -NLE_INVAL,
	      "resync(NULL cache) -> -NLE_INVAL");
	CHECK(nl_cache_pickup(NULL, c) == -NLE_BAD_SOCK, "pickup(NULL sk) -> -NLE_BAD_SOCK");
	CHECK(nl_cache_pickup(sk, NULL) == -NLE_INVAL, "pickup(NULL cache) -> -NLE_INVAL");
	CHECK(nl_cache_pickup_checkdup(NULL, c) == -NLE_BAD_SOCK,
	      "pickup_checkdup(NULL sk) -> -NLE_BAD_SOCK");
	CHECK(nl_cache_pickup_checkdup(sk, NULL) == -NLE_INVAL,
	      "pickup_checkdup(NULL cache) -> -NLE_INVAL");
	CHECK(nl_cache_alloc_and_fill(NULL, sk, &res) == -NLE_INVAL,
	      "alloc_and_fill(NULL ops) -> -NLE_INVAL");
	CHECK(nl_cache_alloc_and_fill(&t_cache_ops, NULL, NULL) == -NLE_INVAL,
	      "alloc_and_fill(NULL result) -> -NLE_INVAL");
	CHECK(res == (struct nl_cache *)0x1, "result untouched");
	CHECK(changes == 0, "no change callback");
	CHECK(nl_cache_nitems(c) == 0, "cache untouched");
	nl_cache_free(c);
	nl_socket_free(sk);
}

static void port_checks(void)
{
	uint32_t used[32];
	struct nl_sock *sk, *sk2;
	uint32_t p, p2;
	int i;

	/* libnl-compat: libnl crashes on NULL sockets */
	CHECK(_nl_socket_generate_local_port_no_release(NULL) == 0, "generate(NULL) -> 0");
	CHECK(_nl_socket_is_local_port_unspecified(NULL) == 0, "is_unspecified(NULL) -> 0");
	_nl_socket_set_local_port_no_release(NULL, 1);
	_nl_socket_used_ports_set(NULL, 5);
	_nl_socket_used_ports_release_all(NULL);

	sk = nl_socket_alloc();
	p = nl_socket_get_local_port(sk);
	CHECK(p != 0, "socket has a port");
	/* every slot but the socket's marked, though none of them is in use.
	 * libnl-compat: libnl asserts that each marked slot is in use and aborts; we ignore
	 * the slots nobody holds. */
	memset(used, 0xff, sizeof(used));
	used[p >> 27] &= ~(1u << ((p >> 22) & 31));
	_nl_socket_used_ports_release_all(used);
	CHECK(1, "release_all of unused slots returned");
	sk2 = nl_socket_alloc();
	p2 = nl_socket_get_local_port(sk2);
	CHECK(p2 != 0 && (p2 >> 22) != (p >> 22), "the held slot stays held");
	/* the same once more, now that sk2 holds a slot too */
	memset(used, 0, sizeof(used));
	for (i = 0; i < 1024; i++)
		if ((uint32_t)i != (p >> 22) && (uint32_t)i != (p2 >> 22))
			_nl_socket_used_ports_set(used, (uint32_t)i << 22);
	_nl_socket_used_ports_release_all(used);
	CHECK(nl_socket_get_local_port(sk) == p && nl_socket_get_local_port(sk2) == p2,
	      "ports unchanged");
	nl_socket_free(sk2);
	nl_socket_free(sk);
}

static void mpls_checks(void)
{
	uint32_t out[2] = { 0, 0 }, one = htonl((100u << 12) | 0x100);
	char buf[16];

	/* libnl-compat: libnl crashes on NULL pointers here */
	errno = 1234;
	CHECK(mpls_pton(AF_MPLS, NULL, out, sizeof(out)) == 0, "pton(NULL src) -> 0");
	CHECK(mpls_pton(AF_MPLS, "1", NULL, 8) == 0, "pton(NULL addr) -> 0");
	errno = 1234;
	CHECK(mpls_ntop(AF_MPLS, NULL, buf, sizeof(buf)) == NULL && errno == EINVAL,
	      "ntop(NULL addr) -> NULL, EINVAL");
	errno = 1234;
	CHECK(mpls_ntop(AF_MPLS, &one, NULL, 16) == NULL && errno == EINVAL,
	      "ntop(NULL buf) -> NULL, EINVAL");
	/* a too small alen bounds the output (libnl does too: alen is a byte count) */
	CHECK(mpls_pton(AF_MPLS, "1/2/3", out, 4) == 0 && ntohl(out[0]) == 0x1000 && out[1] == 0,
	      "pton(3 labels, room for 1) -> 0, one written");
}

static void dump_checks(void)
{
	struct nl_dump_params dp;
	struct t_obj *t = mk(&t_obj_ops, 1, 2, 3, NULL);

	memset(&dp, 0, sizeof(dp));
	dp.dp_fd = stdout;
	/* libnl-compat: libnl crashes on NULL and aborts on a dump type out of range */
	dump_from_ops(NULL, &dp);
	dump_from_ops(O(t), NULL);
	dp.dp_type = (enum nl_dump_type)7;
	dp.dp_line = 9;
	dump_from_ops(O(t), &dp);
	CHECK(dp.dp_line == 9, "dump_from_ops: out-of-range type does nothing");
	dp.dp_type = (enum nl_dump_type) - 1;
	dump_from_ops(O(t), &dp);
	CHECK(dp.dp_line == 9, "dump_from_ops: negative type does nothing");
	nl_object_put(O(t));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	CHECK(nl_cache_mngt_register(&t_cache_ops) == 0, "register test/tobj");
	mngr_checks();
	sync_checks();
	port_checks();
	mpls_checks();
	dump_checks();
	CHECK(nl_cache_mngt_unregister(&t_cache_ops) == 0, "unregister");
	return tap_failed ? 1 : 0;
}
