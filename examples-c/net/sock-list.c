/*
 * sock-list.c - list TCP sockets like "ss -tan", from a NETLINK_SOCK_DIAG
 * inet_diag dump, using the libnl-3 core API only.
 *
 * Usage: sock-list [-4|-6]
 * Dumps IPv4 and IPv6 TCP sockets in all states (or one family) with
 * SOCK_DIAG_BY_FAMILY requests carrying a struct inet_diag_req_v2 and
 * prints one line per socket:
 *   <STATE> <local address>:<port> <peer address>:<port> inode <inode>
 * Sockets of the caller's network namespace only; no privileges needed.
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/msg.h>
#include <netlink/errno.h>

/* TCP states as the kernel numbers them (include/net/tcp_states.h), named like ss. */
static const char *const state_names[] = {
	[1] = "ESTAB",	    [2] = "SYN-SENT",  [3] = "SYN-RECV", [4] = "FIN-WAIT-1",
	[5] = "FIN-WAIT-2", [6] = "TIME-WAIT", [7] = "UNCONN",	 [8] = "CLOSE-WAIT",
	[9] = "LAST-ACK",   [10] = "LISTEN",   [11] = "CLOSING", [12] = "NEW-SYN-RECV",
};

static const char *state_name(unsigned int state)
{
	if (state < sizeof(state_names) / sizeof(state_names[0]) && state_names[state])
		return state_names[state];
	return "UNKNOWN";
}

/* Formats address:port, with brackets for IPv6 and "*" for a zero port. */
static void endpoint(char *out, size_t len, int family, const __be32 *addr, __be16 port)
{
	char host[INET6_ADDRSTRLEN];

	if (!inet_ntop(family, addr, host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	if (port == 0)
		snprintf(out, len, family == AF_INET6 ? "[%s]:*" : "%s:*", host);
	else
		snprintf(out, len, family == AF_INET6 ? "[%s]:%u" : "%s:%u", host, ntohs(port));
}

static int sock_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct inet_diag_msg *diag;
	char local[INET6_ADDRSTRLEN + 10], peer[INET6_ADDRSTRLEN + 10];
	int *count = arg;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    nlmsg_datalen(nlh) < (int)sizeof(struct inet_diag_msg))
		return NL_SKIP;
	diag = nlmsg_data(nlh);

	endpoint(local, sizeof(local), diag->idiag_family, diag->id.idiag_src,
		 diag->id.idiag_sport);
	endpoint(peer, sizeof(peer), diag->idiag_family, diag->id.idiag_dst, diag->id.idiag_dport);
	printf("%-12s %-30s %-30s inode %u\n", state_name(diag->idiag_state), local, peer,
	       diag->idiag_inode);
	(*count)++;
	return NL_OK;
}

static int dump_family(struct nl_sock *sk, int family)
{
	struct inet_diag_req_v2 req = {
		.sdiag_family = (unsigned char)family,
		.sdiag_protocol = IPPROTO_TCP,
		.idiag_states = ~0U, /* every state */
	};
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
	if (!msg)
		return -NLE_NOMEM;
	err = nlmsg_append(msg, &req, sizeof(req), NLMSG_ALIGNTO);
	if (err >= 0)
		err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		return err;
	return nl_recvmsgs_default(sk);
}

int main(int argc, char **argv)
{
	int families[2] = { AF_INET, AF_INET6 }, nfam = 2, count = 0, err;
	struct nl_sock *sk;

	if (argc == 2 && strcmp(argv[1], "-4") == 0) {
		nfam = 1;
	} else if (argc == 2 && strcmp(argv[1], "-6") == 0) {
		families[0] = AF_INET6;
		nfam = 1;
	} else if (argc != 1) {
		fprintf(stderr, "usage: sock-list [-4|-6]\n");
		return 2;
	}

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "sock-list: out of memory\n");
		return 1;
	}
	err = nl_connect(sk, NETLINK_SOCK_DIAG);
	if (err < 0)
		goto out;
	err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, sock_cb, &count);
	if (err < 0)
		goto out;

	printf("%-12s %-30s %-30s %s\n", "State", "Local", "Peer", "Inode");
	for (int i = 0; i < nfam && err >= 0; i++)
		err = dump_family(sk, families[i]);
	if (err >= 0)
		printf("%d sockets\n", count);
out:
	if (err < 0)
		fprintf(stderr, "sock-list: %s\n", nl_geterror(err));
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
