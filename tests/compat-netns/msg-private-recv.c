/*
 * The members of libnl's private struct nl_msg as seen from inside receive callbacks (what
 * Debian's libnl-route may read in its parsers): nm_protocol, nm_flags, nm_src, nm_dst,
 * nm_creds, nm_nlh == nlmsg_hdr(msg), nm_size (and nlmsg_get_max_size), nm_refcnt; then the
 * same for a message a callback kept with nlmsg_get() after the loop released its own
 * reference. Sources: the kernel (RTM_GETLINK get + ack, a dump with NLMSG_DONE), with and
 * without NL_SOCK_PASSCRED, and a second user socket on NETLINK_USERSOCK sending a message whose
 * length is not a multiple of 4. Ports are printed as who they belong to.
 */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "nstest.h"
#include "../compat/libnl-private.h"

static uint32_t peer_port;
static struct nl_msg *kept;

static const char *who(uint32_t port)
{
	if (port == 0)
		return "kernel";
	if (port == ns_port)
		return "local";
	if (port == peer_port)
		return "peer";
	return "other";
}

static void show(const char *tag, struct nl_msg *m)
{
	const struct nl_msg *p = m;
	uint32_t len = p->nm_nlh->nlmsg_len;

	printf("  %s type=%u len=%u proto=%d flags=%d src=%u/%u/%s/%u dst=%u/%u/%u creds=%s/%u/%u "
	       "nlh==hdr=%d size=%zu aligned=%d max=%zu refcnt=%d get_creds=%d\n",
	       tag, p->nm_nlh->nlmsg_type, len, p->nm_protocol, p->nm_flags, p->nm_src.nl_family,
	       p->nm_src.nl_pad, who(p->nm_src.nl_pid), p->nm_src.nl_groups, p->nm_dst.nl_family,
	       p->nm_dst.nl_pid, p->nm_dst.nl_groups,
	       p->nm_creds.pid == getpid() ? "self"
	       : p->nm_creds.pid	   ? "other"
					   : "0",
	       (unsigned)p->nm_creds.uid, (unsigned)p->nm_creds.gid, p->nm_nlh == nlmsg_hdr(m),
	       p->nm_size, p->nm_size == NLMSG_ALIGN(len), nlmsg_get_max_size(m), p->nm_refcnt,
	       nlmsg_get_creds(m) == (void *)&m->nm_creds);
}

static int cb_fn(struct nl_msg *m, void *arg)
{
	int t = (int)(intptr_t)arg;

	show(ns_cbtype(t), m);
	if (t == NL_CB_VALID && !kept) {
		nlmsg_get(m);
		kept = m;
		show("VALID after nlmsg_get", m);
	}
	return NL_OK;
}

static void install(struct nl_sock *sk)
{
	static const int types[] = { NL_CB_MSG_IN, NL_CB_VALID, NL_CB_FINISH, NL_CB_ACK };
	unsigned i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		nl_socket_modify_cb(sk, types[i], NL_CB_CUSTOM, cb_fn, (void *)(intptr_t)types[i]);
}

static void show_kept(void)
{
	if (!kept) {
		printf(" no message kept\n");
		return;
	}
	show("kept", kept);
	nlmsg_free(kept);
	kept = NULL;
}

static void kernel(int passcred, int dump)
{
	struct nl_sock *sk = ns_sock();
	struct nl_msg *m;

	printf("kernel passcred=%d dump=%d\n", passcred, dump);
	nl_socket_set_passcred(sk, passcred);
	install(sk);
	m = ns_getlink(dump ? 0 : 1);
	ns_send(sk, m, " getlink");
	nlmsg_free(m);
	ns_rc(" nl_recvmsgs_default", nl_recvmsgs_default(sk));
	if (!dump)
		ns_rc(" nl_wait_for_ack", nl_wait_for_ack(sk));
	show_kept();
	nl_socket_free(sk);
}

static void user(int passcred)
{
	struct nl_sock *rx = nl_socket_alloc(), *tx = nl_socket_alloc();
	struct nl_msg *m;
	unsigned char data[5] = { 1, 2, 3, 4, 5 };
	int i;

	printf("usersock passcred=%d\n", passcred);
	if (nl_connect(rx, NETLINK_USERSOCK) < 0 || nl_connect(tx, NETLINK_USERSOCK) < 0) {
		printf(" cannot connect NETLINK_USERSOCK\n");
		exit(2);
	}
	ns_port = nl_socket_get_local_port(rx);
	peer_port = nl_socket_get_local_port(tx);
	nl_socket_set_passcred(rx, passcred);
	nl_socket_disable_seq_check(rx);
	nl_socket_disable_auto_ack(tx);
	nl_socket_set_peer_port(tx, ns_port);
	install(rx);
	for (i = 0; i < 2; i++) {
		m = nlmsg_alloc_simple(0x20 + i, 0);
		/* Unpadded: nlmsg_len 21, so libnl's copy has 24 bytes. */
		if (nlmsg_append(m, data, sizeof(data) - i, 0) < 0)
			printf(" append failed\n");
		printf(" send %d: %d\n", i, nl_send_auto(tx, m) > 0);
		nlmsg_free(m);
		ns_rc(" nl_recvmsgs_default", nl_recvmsgs_default(rx));
	}
	show_kept();
	nl_socket_free(tx);
	nl_socket_free(rx);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	kernel(0, 0);
	kernel(1, 0);
	kernel(0, 1);
	user(0);
	user(1);
	return 0;
}
