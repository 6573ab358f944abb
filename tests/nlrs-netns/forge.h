/*
 * Shared by the tests/nlrs-netns programs: libnlrs-only kernel tests, each run as root in a
 * fresh network namespace (tests/netns.rs), self-checking with tests/c/tap.h.
 *
 * A forger is a second netlink socket of the same protocol in the same namespace. Root may
 * send from it to any port or group (CAP_NET_ADMIN), which is how a forged reply reaches the
 * socket under test. libnl-compat: libnl accepts such datagrams as if the kernel had sent them;
 * libnlrs drops them (engine/socket.rs), so none of these programs could pass against libnl.
 */
#ifndef NLRS_NETNS_FORGE_H
#define NLRS_NETNS_FORGE_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>

#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <nlrs/nlrs.h>

#include "../c/tap.h"

/* libnl's first bytes of struct nl_sock, which libnlrs keeps (only the fields read here). */
struct forge_sock_head {
	struct sockaddr_nl local, peer;
	int fd, proto;
	uint32_t seq_next, seq_expect;
};

/* The sequence number the socket's next automatically numbered request gets. */
static inline uint32_t forge_next_seq(struct nl_sock *sk)
{
	return ((struct forge_sock_head *)sk)->seq_next;
}

/* A connected libnl socket of `proto`, or NULL (the protocol is missing here). */
static inline struct nl_sock *forge_sock(int proto)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (sk && nl_connect(sk, proto) == 0)
		return sk;
	nl_socket_free(sk);
	return NULL;
}

/* Sends `len` bytes from a raw netlink socket `fd` to `port` / `groups`: bytes sent or -errno. */
static inline int forge_send(int fd, const void *buf, size_t len, uint32_t port, uint32_t groups)
{
	struct sockaddr_nl to;

	memset(&to, 0, sizeof(to));
	to.nl_family = AF_NETLINK;
	to.nl_pid = port;
	to.nl_groups = groups;
	if (sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	return (int)len;
}

/* Sends message `m` as it is (no completion) from `fd` to `port`. */
static inline int forge_send_msg(int fd, struct nl_msg *m, uint32_t port)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	return forge_send(fd, h, h->nlmsg_len, port, 0);
}

/* An NLMSG_ERROR carrying `error` for request `type`/`seq` of `port`, as the kernel acks. */
static inline struct nl_msg *forge_ack(int error, int type, uint32_t seq, uint32_t port)
{
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_ERROR, 0);
	struct nlmsgerr *e;

	if (!m)
		exit(2);
	nlmsg_hdr(m)->nlmsg_seq = seq;
	nlmsg_hdr(m)->nlmsg_pid = port;
	e = nlmsg_reserve(m, sizeof(*e), NLMSG_ALIGNTO);
	if (!e)
		exit(2);
	memset(e, 0, sizeof(*e));
	e->error = error;
	e->msg.nlmsg_len = NLMSG_HDRLEN;
	e->msg.nlmsg_type = type;
	e->msg.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	e->msg.nlmsg_seq = seq;
	e->msg.nlmsg_pid = port;
	return m;
}

/*
 * Captures what the library prints on stderr between forge_stderr_begin() and
 * forge_stderr_end(), into `buf` (NUL-terminated): the NLDBG lines.
 */
static int forge_saved_stderr = -1;
static FILE *forge_capture;

static inline void forge_stderr_begin(void)
{
	fflush(stderr);
	forge_capture = tmpfile();
	if (!forge_capture)
		exit(2);
	forge_saved_stderr = dup(2);
	dup2(fileno(forge_capture), 2);
}

static inline void forge_stderr_end(char *buf, size_t size)
{
	size_t n;

	fflush(stderr);
	dup2(forge_saved_stderr, 2);
	close(forge_saved_stderr);
	rewind(forge_capture);
	n = fread(buf, 1, size - 1, forge_capture);
	buf[n] = 0;
	fclose(forge_capture);
}

#endif
