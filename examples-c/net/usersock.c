/*
 * usersock.c - two processes talking over NETLINK_USERSOCK, the netlink
 * protocol reserved for user space, with the libnl-3 core API only.
 *
 * Usage:
 *   usersock recv [-n COUNT] [-t SECONDS]   receive COUNT (default 2)
 *                                           messages, unicast or group 1
 *   usersock send PORT TEXT                 unicast TEXT to a port
 *   usersock send -g GROUP TEXT             multicast TEXT to a group
 *   usersock                                demo: a receiver child, and
 *                                           one message of each kind
 * "recv" prints "port <port>" once it listens, then per message:
 *   unicast from port <port>: <text>
 *   multicast group <group> from port <port>: <text>
 * Messages are of type USER_TEXT with the text in a string attribute.
 * Works unprivileged: NETLINK_USERSOCK lets anyone send and join groups.
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>

#define USER_TEXT (NLMSG_MIN_TYPE + 1) /* our message type */
#define ATTR_TEXT 1		       /* its only attribute */
#define ATTR_MAX ATTR_TEXT
#define DEMO_GROUP 1

static struct nla_policy text_policy[ATTR_MAX + 1] = {
	[ATTR_TEXT] = { .type = NLA_NUL_STRING, .maxlen = 1024 },
};

struct recv_state {
	int count;
};

static int text_cb(struct nl_msg *msg, void *arg)
{
	struct recv_state *st = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct sockaddr_nl *src = nlmsg_get_src(msg);
	struct nlattr *tb[ATTR_MAX + 1];
	int err;

	if (nlh->nlmsg_type != USER_TEXT)
		return NL_SKIP;
	err = nlmsg_parse(nlh, 0, tb, ATTR_MAX, text_policy);
	if (err < 0 || !tb[ATTR_TEXT]) {
		fprintf(stderr, "usersock: bad message: %s\n", nl_geterror(err));
		return NL_SKIP;
	}
	/* The sender's address comes from recvmsg(): nl_groups holds the
	 * group bit of a multicast message, 0 for a unicast one. */
	if (src && src->nl_groups)
		printf("multicast group %d from port %u: %s\n", ffs((int)src->nl_groups),
		       nlh->nlmsg_pid, nla_get_string(tb[ATTR_TEXT]));
	else
		printf("unicast from port %u: %s\n", nlh->nlmsg_pid, nla_get_string(tb[ATTR_TEXT]));
	fflush(stdout);
	st->count++;
	return NL_OK;
}

/* A connected NETLINK_USERSOCK socket; a receiver also joins the group. */
static int open_sock(struct nl_sock **result, int receiver)
{
	struct nl_sock *sk = nl_socket_alloc();
	int err;

	if (!sk)
		return -NLE_NOMEM;
	err = nl_connect(sk, NETLINK_USERSOCK);
	if (err >= 0 && receiver) {
		/* Peers are user processes: their sequence numbers are their own. */
		nl_socket_disable_seq_check(sk);
		err = nl_socket_add_membership(sk, DEMO_GROUP);
	}
	if (err >= 0)
		/* Nobody acks on USERSOCK. */
		nl_socket_disable_auto_ack(sk);
	if (err < 0) {
		nl_socket_free(sk);
		return err;
	}
	*result = sk;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Receives until `count` messages arrived or `seconds` passed. */
static int receive(struct nl_sock *sk, int count, double seconds)
{
	struct recv_state st = { 0 };
	double deadline = now() + seconds;
	int err;

	err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, text_cb, &st);
	while (err >= 0 && st.count < count) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		double left = deadline - now();

		if (left <= 0) {
			printf("timeout after %d messages\n", st.count);
			return -NLE_AGAIN;
		}
		if (poll(&pfd, 1, (int)(left * 1000) + 1) > 0)
			err = nl_recvmsgs_default(sk);
	}
	return err < 0 ? err : 0;
}

/* Sends TEXT to a port (group 0) or to a multicast group (port 0). */
static int send_text(struct nl_sock *sk, uint32_t port, int group, const char *text)
{
	struct nl_msg *msg;
	int err;

	nl_socket_set_peer_port(sk, port);
	nl_socket_set_peer_groups(sk, group ? 1U << (group - 1) : 0);
	msg = nlmsg_alloc_simple(USER_TEXT, 0);
	if (!msg)
		return -NLE_NOMEM;
	err = nla_put_string(msg, ATTR_TEXT, text);
	if (err >= 0)
		err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	/* The kernel hands a multicast message to the group members and
	 * then to the destination port as well; with port 0 and no kernel
	 * socket on this protocol that last step fails with ECONNREFUSED,
	 * which libnl reports as NLE_FAILURE. The group got it. */
	if (group && err == -NLE_FAILURE)
		err = 0;
	return err < 0 ? err : 0;
}

static int cmd_recv(int argc, char **argv)
{
	struct nl_sock *sk;
	double seconds = 10;
	int count = 2, opt, err;

	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		if (opt == 'n')
			count = atoi(optarg);
		else if (opt == 't')
			seconds = atof(optarg);
		else
			return -NLE_INVAL;
	}
	err = open_sock(&sk, 1);
	if (err < 0)
		return err;
	printf("port %u\n", nl_socket_get_local_port(sk));
	fflush(stdout);
	err = receive(sk, count, seconds);
	nl_socket_free(sk);
	return err;
}

static int cmd_send(int argc, char **argv)
{
	struct nl_sock *sk;
	uint32_t port = 0;
	int group = 0, err;

	if (argc == 4 && strcmp(argv[1], "-g") == 0) {
		group = atoi(argv[2]);
		if (group < 1 || group > 32)
			return -NLE_INVAL;
	} else if (argc == 3) {
		port = (uint32_t)strtoul(argv[1], NULL, 0);
	} else {
		return -NLE_INVAL;
	}
	err = open_sock(&sk, 0);
	if (err < 0)
		return err;
	err = send_text(sk, port, group, argv[argc - 1]);
	nl_socket_free(sk);
	return err;
}

/* One process: the receiver socket is opened first (so nothing is lost),
 * a child receives on it, the parent sends through a second socket. */
static int demo(void)
{
	struct nl_sock *rx, *tx;
	uint32_t port;
	int status, err;
	pid_t pid;

	err = open_sock(&rx, 1);
	if (err < 0)
		return err;
	port = nl_socket_get_local_port(rx);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		err = receive(rx, 2, 5);
		nl_socket_free(rx);
		exit(err < 0 ? 1 : 0);
	}
	nl_socket_free(rx);
	if (pid < 0)
		return -NLE_FAILURE;

	err = open_sock(&tx, 0);
	if (err >= 0) {
		err = send_text(tx, port, 0, "hello, receiver");
		if (err >= 0)
			err = send_text(tx, 0, DEMO_GROUP, "hello, group 1");
		nl_socket_free(tx);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err < 0 ? err : -NLE_FAILURE;
	return err;
}

int main(int argc, char **argv)
{
	int err;

	if (argc == 1)
		err = demo();
	else if (strcmp(argv[1], "recv") == 0)
		err = cmd_recv(argc - 1, argv + 1);
	else if (strcmp(argv[1], "send") == 0)
		err = cmd_send(argc - 1, argv + 1);
	else
		err = -NLE_INVAL;

	if (err == -NLE_INVAL) {
		fprintf(stderr, "usage: usersock [recv [-n COUNT] [-t SECONDS] | send PORT TEXT | "
				"send -g GROUP TEXT]\n");
		return 2;
	}
	if (err < 0) {
		fprintf(stderr, "usersock: %s\n", nl_geterror(err));
		return 1;
	}
	return 0;
}
