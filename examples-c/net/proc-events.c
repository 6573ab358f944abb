/*
 * proc-events.c - print process fork/exec/exit events from the kernel's
 * process connector (NETLINK_CONNECTOR, CN_IDX_PROC), using the libnl-3
 * core API only.
 *
 * Usage: proc-events [-t SECONDS] [-n COUNT] [-x PROGRAM [ARG...]]
 *   -t  stop after SECONDS (default 5 with -x, otherwise run until a signal)
 *   -n  stop after COUNT printed events
 *   -x  start PROGRAM once listening, print only the events of that child
 *       and stop after its exit
 * Without arguments it runs "-x /bin/true".
 *
 * Lines: "listening", then per event one of
 *   fork parent=<tgid> child=<tgid>        (new process)
 *   clone parent=<tgid> thread=<tid>       (new thread)
 *   exec pid=<pid> comm=<name>
 *   comm pid=<pid> comm=<name>
 *   exit pid=<pid> status=<wait status>
 *
 * Needs CAP_NET_ADMIN. The process connector only exists in the initial
 * network namespace, so this does not work inside "unshare -n".
 * The kernel sends the connector messages with type NLMSG_DONE and its own
 * sequence numbers, so they are taken in an NL_CB_MSG_IN callback, before
 * libnl's end-of-dump and sequence handling.
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <linux/connector.h>
#include <linux/cn_proc.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/msg.h>
#include <netlink/errno.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct state {
	pid_t child;	/* the -x child, or 0 */
	int printed;	/* events printed so far */
	int child_done; /* the child's exit was seen */
};

static void read_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	snprintf(buf, len, "?");
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct state *st = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct cn_msg *cn;
	struct proc_event *ev;
	char comm[32];

	if (nlmsg_datalen(nlh) < (int)(sizeof(*cn) + sizeof(*ev)))
		return NL_SKIP;
	cn = nlmsg_data(nlh);
	if (cn->id.idx != CN_IDX_PROC || cn->id.val != CN_VAL_PROC)
		return NL_SKIP;
	ev = (struct proc_event *)cn->data;

	switch (ev->what) {
	case PROC_EVENT_FORK:
		if (st->child && ev->event_data.fork.child_tgid != st->child)
			return NL_SKIP;
		if (ev->event_data.fork.child_pid == ev->event_data.fork.child_tgid)
			printf("fork parent=%d child=%d\n", ev->event_data.fork.parent_tgid,
			       ev->event_data.fork.child_tgid);
		else
			printf("clone parent=%d thread=%d\n", ev->event_data.fork.parent_tgid,
			       ev->event_data.fork.child_pid);
		break;
	case PROC_EVENT_EXEC:
		if (st->child && ev->event_data.exec.process_tgid != st->child)
			return NL_SKIP;
		read_comm(ev->event_data.exec.process_pid, comm, sizeof(comm));
		printf("exec pid=%d comm=%s\n", ev->event_data.exec.process_pid, comm);
		break;
	case PROC_EVENT_COMM:
		if (st->child && ev->event_data.comm.process_tgid != st->child)
			return NL_SKIP;
		printf("comm pid=%d comm=%.16s\n", ev->event_data.comm.process_pid,
		       ev->event_data.comm.comm);
		break;
	case PROC_EVENT_EXIT:
		if (st->child && ev->event_data.exit.process_tgid != st->child)
			return NL_SKIP;
		/* A thread exit has pid != tgid; only the process exit ends -x. */
		if (st->child && ev->event_data.exit.process_pid == st->child)
			st->child_done = 1;
		printf("exit pid=%d status=%u\n", ev->event_data.exit.process_pid,
		       ev->event_data.exit.exit_code);
		break;
	default:
		return NL_SKIP;
	}
	st->printed++;
	return NL_SKIP; /* handled; keep libnl from treating NLMSG_DONE as end of dump */
}

/* Tells the connector to start (or stop) sending process events to us. */
static int set_listen(struct nl_sock *sk, enum proc_cn_mcast_op op)
{
	struct cn_msg cn = {
		.id = { .idx = CN_IDX_PROC, .val = CN_VAL_PROC },
		.len = sizeof(op),
	};
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc_simple(NLMSG_DONE, 0);
	if (!msg)
		return -NLE_NOMEM;
	err = nlmsg_append(msg, &cn, sizeof(cn), 0);
	if (err >= 0)
		err = nlmsg_append(msg, &op, sizeof(op), NLMSG_ALIGNTO);
	if (err >= 0)
		err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	return err < 0 ? err : 0;
}

/* Forks PROGRAM; it waits on a pipe so it only execs once we listen. */
static pid_t spawn(char **argv, int *go)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char c;

		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		return -1;
	}
	*go = fds[1];
	return pid;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char *default_prog[] = { "/bin/true", NULL };
	struct state st = { 0 };
	struct sigaction sa = { .sa_handler = on_signal };
	char **prog = NULL;
	double seconds = -1, deadline;
	long max_events = -1;
	struct nl_sock *sk;
	int go = -1, opt, err;

	while ((opt = getopt(argc, argv, "+t:n:x")) != -1) {
		switch (opt) {
		case 't':
			seconds = atof(optarg);
			break;
		case 'n':
			max_events = atol(optarg);
			break;
		case 'x':
			prog = argv + optind;
			break;
		default:
			fprintf(stderr, "usage: proc-events [-t SECONDS] [-n COUNT] "
					"[-x PROGRAM [ARG...]]\n");
			return 2;
		}
		if (prog)
			break;
	}
	if (prog && !prog[0]) {
		fprintf(stderr, "proc-events: -x needs a program\n");
		return 2;
	}
	if (argc == 1)
		prog = default_prog;
	if (prog && seconds < 0)
		seconds = 5;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "proc-events: out of memory\n");
		return 1;
	}
	/* The connector never acks; our sequence numbers are not echoed. */
	nl_socket_disable_auto_ack(sk);
	nl_socket_disable_seq_check(sk);
	err = nl_socket_modify_cb(sk, NL_CB_MSG_IN, NL_CB_CUSTOM, event_cb, &st);
	if (err < 0)
		goto out;
	err = nl_connect(sk, NETLINK_CONNECTOR);
	if (err < 0)
		goto out;
	err = nl_socket_add_membership(sk, CN_IDX_PROC);
	if (err < 0)
		goto out;
	err = set_listen(sk, PROC_CN_MCAST_LISTEN);
	if (err < 0) {
		/* sendmsg() gets ECONNREFUSED where the kernel has no
		 * connector socket: any network namespace but the first. */
		fprintf(stderr, "proc-events: subscribing failed; the process connector "
				"exists only in the initial network namespace\n");
		goto out;
	}
	printf("listening\n");
	fflush(stdout);

	if (prog) {
		st.child = spawn(prog, &go);
		if (st.child < 0) {
			fprintf(stderr, "proc-events: cannot start %s: %s\n", prog[0],
				strerror(errno));
			err = -NLE_FAILURE;
			goto out_listen;
		}
		if (write(go, "x", 1) != 1)
			err = -NLE_FAILURE;
		close(go);
	}

	deadline = seconds >= 0 ? now() + seconds : 0;
	while (!stop && err >= 0 && !st.child_done && (max_events < 0 || st.printed < max_events)) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		int ms = 200;

		if (seconds >= 0) {
			double left = deadline - now();

			if (left <= 0)
				break;
			if (left < 0.2)
				ms = (int)(left * 1000) + 1;
		}
		if (poll(&pfd, 1, ms) <= 0)
			continue;
		err = nl_recvmsgs_default(sk);
		fflush(stdout);
	}
	if (st.child && !st.child_done)
		printf("timeout\n");

out_listen:
	if (err >= 0)
		err = set_listen(sk, PROC_CN_MCAST_IGNORE);
	else
		set_listen(sk, PROC_CN_MCAST_IGNORE);
out:
	if (st.child > 0)
		waitpid(st.child, NULL, 0);
	if (err < 0)
		fprintf(stderr, "proc-events: %s\n", nl_geterror(err));
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
