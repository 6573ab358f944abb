/* libnl-3.so.200 exports a few functions that no public header declares (used by libnl's
 * other libraries): the MPLS label-stack text conversions, nl_strerror_l, dump_from_ops and
 * the local-port helpers. Prototypes as the 3.7 binary implements them (read off its code:
 * mpls_pton's alen is a byte count by value). Only valid input where libnl is safe. */
#include "objcache-plugin.h"
#include <netlink/socket.h>
#include <unistd.h>

#ifndef AF_MPLS
#define AF_MPLS 28
#endif

extern const char *mpls_ntop(int af, const void *addr, char *buf, size_t buflen);
extern int mpls_pton(int af, const char *src, void *addr, size_t alen);
extern const char *nl_strerror_l(int err);
extern void dump_from_ops(struct nl_object *obj, struct nl_dump_params *params);
extern int _nl_socket_is_local_port_unspecified(struct nl_sock *sk);
extern void _nl_socket_set_local_port_no_release(struct nl_sock *sk, int generate_other);
extern uint32_t _nl_socket_generate_local_port_no_release(struct nl_sock *sk);
extern void _nl_socket_used_ports_set(uint32_t *used_ports, uint32_t port);
extern void _nl_socket_used_ports_release_all(const uint32_t *used_ports);

static void pton(const char *s, size_t alen)
{
	uint32_t out[6];
	int n, i;

	memset(out, 0xab, sizeof(out));
	errno = 1234;
	n = mpls_pton(AF_MPLS, s, out, alen);
	printf("pton(\"%s\", %zu) = %d errno=%d:", s, alen, n, errno);
	for (i = 0; i < 6; i++)
		printf(" %08x", ntohl(out[i]));
	printf("\n");
}

static void ntop(const uint32_t *labels, size_t buflen)
{
	char buf[64];
	const char *r;

	memset(buf, 'Z', sizeof(buf));
	buf[sizeof(buf) - 1] = 0;
	errno = 1234;
	r = mpls_ntop(AF_MPLS, labels, buf, buflen);
	printf("ntop(buflen %zu) = %s errno=%d text=\"%.*s\"\n", buflen,
	       r == NULL ? "NULL" : (r == buf ? "buf" : "other"), errno, (int)buflen, buf);
}

static void print_used(const char *what, const uint32_t *used)
{
	int i;

	printf("%s:", what);
	for (i = 0; i < 32; i++)
		if (used[i])
			printf(" [%d]=%08x", i, used[i]);
	printf("\n");
}

static int low_is_pid(uint32_t port)
{
	return (port & 0x3fffff) == ((uint32_t)getpid() & 0x3fffff);
}

int main(void)
{
	uint32_t one[1] = { htonl((100u << 12) | 0x100) };
	uint32_t three[3] = { htonl(16u << 12), htonl(1048575u << 12), htonl(0x100) };
	uint32_t used[32];
	struct nl_dump_params dp;
	struct t_obj *t;
	struct nl_sock *sk, *sk2;
	uint32_t p, p2;
	char buf[256];
	int errs[] = { 0, EINVAL, ENOENT, EPERM, ENOBUFS, 9999 };
	size_t i;

	setvbuf(stdout, NULL, _IONBF, 0);

	/* mpls_pton */
	pton("100", 4);
	pton("100/200", 8);
	pton("100/200/300", 24);
	pton("0x10/010/7", 12);
	pton("1048575", 4);
	pton("1048576", 4);
	pton("", 4);
	pton("abc", 4);
	pton("5/", 8);
	pton("/5", 8);
	pton("7 ", 8);
	pton("1/2/3", 8);
	pton("1/2", 4);
	pton("1", 0);
	pton("1", 3);
	pton("1", 7);
	pton("-1", 4);
	{
		uint32_t out[2] = { 0, 0 };
		int n;
		errno = 1234;
		n = mpls_pton(AF_INET, "1", out, 8);
		printf("pton(AF_INET) = %d errno=%d\n", n, errno);
	}

	/* mpls_ntop */
	ntop(one, 64);
	ntop(one, 4);
	ntop(one, 3);
	ntop(one, 1);
	ntop(three, 64);
	ntop(three, 11);
	ntop(three, 10);
	ntop(three, 3);
	ntop(three, 4);
	errno = 1234;
	{
		const char *r = mpls_ntop(AF_INET, one, buf, sizeof(buf));
		printf("ntop(AF_INET) = %s errno=%d\n", r ? "buf" : "NULL", errno);
	}

	/* nl_strerror_l */
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		printf("strerror_l(%d) = %s\n", errs[i], nl_strerror_l(errs[i]));

	/* dump_from_ops: line counter reset, pre-dump flag, the type's dumper */
	t = mk(&t_obj_ops, 7, 8, 9, "seven");
	memset(&dp, 0, sizeof(dp));
	dp.dp_type = NL_DUMP_LINE;
	dp.dp_fd = stdout;
	dp.dp_line = 42;
	dump_from_ops(O(t), &dp);
	printf("after LINE: dp_line=%d pre=%d\n", dp.dp_line, dp.dp_pre_dump);
	dp.dp_dump_msgtype = 1;
	dp.dp_line = 5;
	dump_from_ops(O(t), &dp);
	printf("after LINE msgtype: dp_line=%d pre=%d\n", dp.dp_line, dp.dp_pre_dump);
	dp.dp_dump_msgtype = 0;
	dp.dp_pre_dump = 0;
	dp.dp_type = NL_DUMP_DETAILS;
	dump_from_ops(O(t), &dp);
	dp.dp_type = NL_DUMP_STATS; /* no stats dumper: nothing */
	dump_from_ops(O(t), &dp);
	printf("after STATS: dp_line=%d\n", dp.dp_line);
	memset(buf, 0, sizeof(buf));
	dp.dp_type = NL_DUMP_LINE;
	dp.dp_buf = buf;
	dp.dp_buflen = sizeof(buf);
	dump_from_ops(O(t), &dp);
	printf("into buf: \"%s\"\n", buf);
	nl_object_put(O(t));

	/* local-port helpers */
	sk = nl_socket_alloc();
	printf("fresh socket unspecified: %d\n", _nl_socket_is_local_port_unspecified(sk));
	p = _nl_socket_generate_local_port_no_release(sk);
	printf("generated: nonzero %d, low 22 bits = pid %d, unspecified %d, get == it %d\n",
	       p != 0, low_is_pid(p), _nl_socket_is_local_port_unspecified(sk),
	       nl_socket_get_local_port(sk) == p);
	_nl_socket_set_local_port_no_release(sk, 0);
	printf("set 0: unspecified %d\n", _nl_socket_is_local_port_unspecified(sk));
	_nl_socket_set_local_port_no_release(sk, 1);
	p2 = nl_socket_get_local_port(sk);
	printf("set generate: unspecified %d, low 22 bits = pid %d, other slot than before %d\n",
	       _nl_socket_is_local_port_unspecified(sk), low_is_pid(p2), (p2 >> 22) != (p >> 22));

	memset(used, 0, sizeof(used));
	_nl_socket_used_ports_set(used, 0x12345678);
	_nl_socket_used_ports_set(used, 0xffc00000);
	_nl_socket_used_ports_set(used, 0x00400001);
	_nl_socket_used_ports_set(used, 0x00000000);
	print_used("used set", used);

	/* release the slots of the two generated ports: the one this socket dropped without
	 * releasing and the one it holds (made unspecified first so freeing releases nothing) */
	memset(used, 0, sizeof(used));
	_nl_socket_used_ports_set(used, p);
	_nl_socket_used_ports_set(used, p2);
	{
		int bits = 0, w;
		for (w = 0; w < 32; w++)
			bits += __builtin_popcount(used[w]);
		printf("marked slots: %d, slot of p set: %d\n", bits,
		       (used[p >> 27] >> ((p >> 22) & 31)) & 1);
	}
	_nl_socket_set_local_port_no_release(sk, 0);
	_nl_socket_used_ports_release_all(used);
	memset(used, 0, sizeof(used));
	_nl_socket_used_ports_release_all(used);
	printf("released\n");
	nl_socket_free(sk);

	/* a socket that gets its port the normal way afterwards still works */
	sk2 = nl_socket_alloc();
	p = nl_socket_get_local_port(sk2);
	printf("new socket: low 22 bits = pid %d, unspecified %d\n", low_is_pid(p),
	       _nl_socket_is_local_port_unspecified(sk2));
	nl_socket_free(sk2);
	return 0;
}
