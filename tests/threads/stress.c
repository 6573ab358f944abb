/* Thread stress of libnlrs (tests/threads.rs builds and runs it; scripts/threads-check.sh runs
 * it under helgrind). NLRS_STRESS_THREADS threads (8) each run NLRS_STRESS_ROUNDS rounds (1000)
 * of:
 *   - get,get,put,put loops (NLRS_STRESS_REFS per round, 500) on ONE object, ONE cache,
 *     ONE nl_msg, ONE nl_cb and ONE nl_addr shared by all threads;
 *   - a NETLINK_ROUTE socket and a NETLINK_GENERIC one allocated, connected and freed,
 *     genl_ctrl_resolve("nlctrl") on the latter, and every 16th round a fresh genl family
 *     cache dumped to /dev/null;
 *   - registry traffic: nl_cache_ops_lookup(_safe), nl_cache_ops_associate_safe, a cache type
 *     and a genl family of the thread's own registered, looked up and unregistered;
 *   - read-only use of one shared genl family cache: genl_ctrl_search(_by_name),
 *     nl_cache_search, nl_cache_find, nl_cache_foreach, nl_cache_dump (line and details)
 *     and the family getters;
 *   - at the end, NLRS_STRESS_HANDOFF (1000) objects and addresses holding one reference per
 *     thread: each thread reads them and drops its reference, so exactly one thread (the
 *     last) frees each (valgrind's memcheck sees any double free or use after free).
 * At the end every shared reference count must be back at its start value. Exit status 0
 * means every check passed. libnlrs only: libnl's counts are plain ints (it loses counts and
 * frees twice here). */
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/object.h>
#include <netlink/msg.h>
#include <netlink/addr.h>
#include <netlink/handlers.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/mngt.h>
#include <linux/genetlink.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compat/libnl-private.h"

/* libnl 3.7's private offsets of the other counts (/work/shared/abi/private-layouts.txt):
 * struct nl_cache c_refcnt at 28, struct nl_cb cb_refcnt at 216, struct nl_addr a_refcnt
 * at 16. The object count has a public getter (nl_object_get_refcnt), the message's is
 * struct nl_msg's nm_refcnt (libnl-private.h). */
#define CACHE_REFCNT_OFF 28
#define CB_REFCNT_OFF 216
#define ADDR_REFCNT_OFF 16

static int refcnt_at(const void *p, size_t off)
{
	int v;

	memcpy(&v, (const char *)p + off, sizeof(v));
	return v;
}

struct shared {
	struct nl_cache *cache; /* genl family cache, read by everyone */
	struct nl_object *obj;	/* the "nlctrl" family of that cache */
	struct nl_msg *msg;
	struct nl_cb *cb;
	struct nl_addr *addr;
	struct nl_cache_ops *family_ops;
	int nfamilies;
	unsigned int maxattr; /* of "nlctrl", read before the threads start */
	int rounds;
	int refs;
	/* Handed-off objects: each starts with one reference per thread; every thread reads it
	 * and puts its reference, so the last put (and the free) happens in whichever thread
	 * comes last. */
	struct nl_object **handoff;
	struct nl_addr **handoff_addr;
	int nhandoff;
};

static struct shared S;
static atomic_int failures;
static atomic_long ops_done;

#define FAIL(...)                                                     \
	do {                                                          \
		fprintf(stderr, "thread %d line %d: ", id, __LINE__); \
		fprintf(stderr, __VA_ARGS__);                         \
		fputc('\n', stderr);                                  \
		atomic_fetch_add(&failures, 1);                       \
	} while (0)
#define EXPECT(cond)                                     \
	do {                                             \
		if (!(cond))                             \
			FAIL("check failed: %s", #cond); \
	} while (0)

static void count_cb(struct nl_object *o, void *arg)
{
	(void)o;
	(*(int *)arg)++;
}

static int env_int(const char *name, int dflt)
{
	const char *s = getenv(name);
	int v = s ? atoi(s) : 0;

	return v > 0 ? v : dflt;
}

static void shared_refcounts(int id)
{
	long n = 0;

	for (int i = 0; i < S.refs; i++) {
		nl_object_get(S.obj);
		nl_object_get(S.obj);
		nl_object_put(S.obj);
		nl_object_put(S.obj);

		nl_cache_get(S.cache);
		nl_cache_get(S.cache);
		nl_cache_put(S.cache);
		nl_cache_put(S.cache);

		nlmsg_get(S.msg);
		nlmsg_get(S.msg);
		nlmsg_free(S.msg);
		nlmsg_free(S.msg);

		EXPECT(nl_cb_get(S.cb) == S.cb);
		nl_cb_get(S.cb);
		nl_cb_put(S.cb);
		nl_cb_put(S.cb);

		EXPECT(nl_addr_get(S.addr) == S.addr);
		nl_addr_get(S.addr);
		nl_addr_put(S.addr);
		nl_addr_put(S.addr);
		n += 20;
	}
	atomic_fetch_add(&ops_done, n);
}

static void sockets(int id, int round, FILE *null)
{
	struct nl_sock *sk = nl_socket_alloc();

	EXPECT(sk != NULL);
	if (sk) {
		EXPECT(nl_connect(sk, NETLINK_ROUTE) == 0);
		nl_socket_free(sk);
	}
	sk = nl_socket_alloc();
	EXPECT(sk != NULL);
	if (!sk)
		return;
	EXPECT(genl_connect(sk) == 0);
	EXPECT(genl_ctrl_resolve(sk, "nlctrl") == GENL_ID_CTRL);
	if (round % 16 == 0) {
		struct nl_cache *c = NULL;
		struct nl_dump_params dp = { .dp_type = NL_DUMP_LINE, .dp_fd = null };

		EXPECT(genl_ctrl_alloc_cache(sk, &c) == 0);
		if (c) {
			EXPECT(nl_cache_nitems(c) > 0);
			nl_cache_dump(c, &dp);
			nl_cache_free(c);
		}
	}
	nl_socket_free(sk);
	atomic_fetch_add(&ops_done, 6);
}

static void registry(int id)
{
	char name[32];
	struct nl_cache_ops *ops;
	/* A cache type of this thread's own: no message types (just the terminator). */
	struct nl_cache_ops *mine = calloc(1, sizeof(*mine) + sizeof(struct nl_msgtype));
	struct genl_ops fam = { .o_name = name };

	if (!mine) {
		FAIL("calloc");
		return;
	}
	snprintf(name, sizeof(name), "stress/%d", id);
	mine->co_name = name;
	mine->co_protocol = NETLINK_USERSOCK;
	mine->co_obj_ops = S.family_ops->co_obj_ops;
	mine->co_msgtypes[0].mt_id = -1;
	mine->co_msgtypes[0].mt_act = -1;
	EXPECT(nl_cache_ops_lookup("genl/family") == S.family_ops);
	ops = nl_cache_ops_lookup_safe("genl/family");
	EXPECT(ops == S.family_ops);
	if (ops)
		nl_cache_ops_put(ops);
	ops = nl_cache_ops_associate_safe(NETLINK_GENERIC, GENL_ID_CTRL);
	EXPECT(ops == S.family_ops);
	if (ops)
		nl_cache_ops_put(ops);

	EXPECT(nl_cache_mngt_register(mine) == 0);
	EXPECT(nl_cache_ops_lookup(name) == mine);
	EXPECT(nl_cache_mngt_unregister(mine) == 0);
	EXPECT(nl_cache_ops_lookup(name) == NULL);
	free(mine);

	EXPECT(genl_register_family(&fam) == 0);
	EXPECT(genl_unregister_family(&fam) == 0);
	atomic_fetch_add(&ops_done, 10);
}

static void shared_reads(int id, FILE *null)
{
	struct genl_family *f, *g;
	struct genl_family *needle = genl_family_alloc();
	struct genl_family *filter = genl_family_alloc();
	struct nl_object *o;
	struct nl_dump_params line = { .dp_type = NL_DUMP_LINE, .dp_fd = null };
	struct nl_dump_params details = { .dp_type = NL_DUMP_DETAILS, .dp_fd = null };
	int n = 0;

	EXPECT(needle && filter);
	if (!needle || !filter)
		goto out;
	genl_family_set_id(needle, GENL_ID_CTRL);
	genl_family_set_name(filter, "nlctrl");

	f = genl_ctrl_search_by_name(S.cache, "nlctrl");
	EXPECT((struct nl_object *)f == S.obj);
	g = genl_ctrl_search(S.cache, GENL_ID_CTRL);
	EXPECT(g == f);
	if (f) {
		const char *name = genl_family_get_name(f);

		EXPECT(name && strcmp(name, "nlctrl") == 0);
		EXPECT(genl_family_get_id(f) == GENL_ID_CTRL);
		EXPECT(genl_family_get_version(f) >= 1);
		EXPECT(genl_family_get_maxattr(f) == S.maxattr);
		EXPECT(strcmp(nl_object_get_type((struct nl_object *)f), "genl/family") == 0);
		genl_family_put(f);
	}
	if (g)
		genl_family_put(g);

	o = nl_cache_search(S.cache, (struct nl_object *)needle);
	EXPECT(o == S.obj);
	if (o)
		nl_object_put(o);
	o = nl_cache_find(S.cache, (struct nl_object *)filter);
	EXPECT(o == S.obj);
	if (o)
		nl_object_put(o);

	nl_cache_foreach(S.cache, count_cb, &n);
	EXPECT(n == S.nfamilies);
	EXPECT(nl_cache_nitems(S.cache) == S.nfamilies);
	nl_cache_dump(S.cache, &line);
	nl_cache_dump(S.cache, &details);
	nl_object_dump(S.obj, &details);
	atomic_fetch_add(&ops_done, 14);
out:
	genl_family_put(needle);
	genl_family_put(filter);
}

static void handoff(int id)
{
	for (int i = 0; i < S.nhandoff; i++) {
		struct genl_family *f = (struct genl_family *)S.handoff[i];
		const char *name = genl_family_get_name(f);

		EXPECT(name && strcmp(name, "handoff") == 0);
		EXPECT(genl_family_get_id(f) == (unsigned)i + 1);
		EXPECT(nl_addr_get_len(S.handoff_addr[i]) == 4);
		nl_object_put(S.handoff[i]);
		nl_addr_put(S.handoff_addr[i]);
	}
	atomic_fetch_add(&ops_done, 5L * S.nhandoff);
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	FILE *null = fopen("/dev/null", "w");

	if (!null) {
		FAIL("fopen /dev/null");
		return NULL;
	}
	for (int r = 0; r < S.rounds; r++) {
		shared_refcounts(id);
		sockets(id, r, null);
		registry(id);
		shared_reads(id, null);
	}
	handoff(id);
	fclose(null);
	return NULL;
}

int main(void)
{
	int id = -1, nthreads = env_int("NLRS_STRESS_THREADS", 8);
	struct nl_sock *sk = nl_socket_alloc();
	pthread_t *t = calloc((size_t)nthreads, sizeof(*t));
	uint8_t ip[4] = { 192, 0, 2, 1 };
	int obj0, cache0;

	S.rounds = env_int("NLRS_STRESS_ROUNDS", 1000);
	S.refs = env_int("NLRS_STRESS_REFS", 500);
	if (!sk || !t)
		return 1;
	if (genl_connect(sk) != 0 || genl_ctrl_alloc_cache(sk, &S.cache) != 0) {
		fprintf(stderr, "no NETLINK_GENERIC controller here\n");
		return 77;
	}
	nl_socket_free(sk);
	S.obj = (struct nl_object *)genl_ctrl_search_by_name(S.cache, "nlctrl");
	S.msg = nlmsg_alloc();
	S.cb = nl_cb_alloc(NL_CB_DEFAULT);
	S.addr = nl_addr_build(AF_INET, ip, sizeof(ip));
	S.family_ops = nl_cache_ops_lookup("genl/family");
	S.nfamilies = nl_cache_nitems(S.cache);
	S.maxattr = genl_family_get_maxattr((struct genl_family *)S.obj);
	if (!S.obj || !S.msg || !S.cb || !S.addr || !S.family_ops || S.nfamilies < 1) {
		fprintf(stderr, "set-up failed\n");
		return 1;
	}
	S.nhandoff = env_int("NLRS_STRESS_HANDOFF", 1000);
	S.handoff = calloc((size_t)S.nhandoff, sizeof(*S.handoff));
	S.handoff_addr = calloc((size_t)S.nhandoff, sizeof(*S.handoff_addr));
	if (!S.handoff || !S.handoff_addr)
		return 1;
	for (int i = 0; i < S.nhandoff; i++) {
		struct genl_family *f = genl_family_alloc();

		ip[3] = (uint8_t)i;
		S.handoff_addr[i] = nl_addr_build(AF_INET, ip, sizeof(ip));
		if (!f || !S.handoff_addr[i])
			return 1;
		genl_family_set_name(f, "handoff");
		genl_family_set_id(f, (unsigned)i + 1);
		S.handoff[i] = (struct nl_object *)f;
		for (int k = 1; k < nthreads; k++) {
			nl_object_get(S.handoff[i]);
			nl_addr_get(S.handoff_addr[i]);
		}
	}
	obj0 = nl_object_get_refcnt(S.obj);
	cache0 = refcnt_at(S.cache, CACHE_REFCNT_OFF);
	EXPECT(obj0 == 2 && cache0 == 1);

	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) != 0) {
			FAIL("pthread_create");
			nthreads = i;
		}
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);

	EXPECT(nl_object_get_refcnt(S.obj) == obj0);
	EXPECT(refcnt_at(S.cache, CACHE_REFCNT_OFF) == cache0);
	EXPECT(S.msg->nm_refcnt == 1);
	EXPECT(refcnt_at(S.cb, CB_REFCNT_OFF) == 1);
	EXPECT(refcnt_at(S.addr, ADDR_REFCNT_OFF) == 1);
	EXPECT(nl_addr_shared(S.addr) == 0);
	EXPECT(nl_cache_nitems(S.cache) == S.nfamilies);

	nl_addr_put(S.addr);
	nl_cb_put(S.cb);
	nlmsg_free(S.msg);
	nl_object_put(S.obj);
	nl_cache_free(S.cache);
	free(t);
	free(S.handoff);
	free(S.handoff_addr);

	printf("threads %d rounds %d refs/round %d: %ld operations, %d failures\n", nthreads,
	       S.rounds, S.refs, atomic_load(&ops_done), atomic_load(&failures));
	return atomic_load(&failures) ? 1 : 0;
}
