/*
 * taskstats.c - per-task accounting over generic netlink (the "TASKSTATS" family):
 * resolves the family with genl_ctrl_resolve(), sends TASKSTATS_CMD_GET with
 * TASKSTATS_CMD_ATTR_PID and prints the CPU, I/O and memory accounting fields of the
 * struct taskstats in the reply (nested in TASKSTATS_TYPE_AGGR_PID).
 *
 * Usage: taskstats [PID]
 *   without PID: forks a child that burns some CPU, writes and reads back 1 MiB through a
 *   temporary file and touches 8 MiB of memory, then waits (stopped) while the parent queries
 *   it; then queries its own pid as well.
 * Needs CAP_NET_ADMIN (the kernel checks it for TASKSTATS_CMD_GET). Delay fields are 0 unless
 * delay accounting is on (sysctl kernel.task_delayacct=1), I/O bytes need
 * CONFIG_TASK_IO_ACCOUNTING.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/taskstats.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

struct reply {
	struct taskstats ts;
	uint32_t pid;
	int got;
};

static int stats_cb(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct nlattr *tb[TASKSTATS_TYPE_MAX + 1];
	struct nlattr *nest[TASKSTATS_TYPE_MAX + 1];
	int err;

	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, TASKSTATS_TYPE_MAX, NULL);
	if (err < 0 || !tb[TASKSTATS_TYPE_AGGR_PID])
		return NL_SKIP;
	err = nla_parse_nested(nest, TASKSTATS_TYPE_MAX, tb[TASKSTATS_TYPE_AGGR_PID], NULL);
	if (err < 0 || !nest[TASKSTATS_TYPE_PID] || !nest[TASKSTATS_TYPE_STATS])
		return NL_SKIP;
	r->pid = nla_get_u32(nest[TASKSTATS_TYPE_PID]);
	/* Older or newer kernels have shorter or longer structs: copy what both know. */
	memset(&r->ts, 0, sizeof(r->ts));
	nla_memcpy(&r->ts, nest[TASKSTATS_TYPE_STATS], sizeof(r->ts));
	r->got = 1;
	return NL_OK;
}

static int query(struct nl_sock *sk, int family, pid_t pid)
{
	struct reply r = { .got = 0 };
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc();
	if (!msg)
		return -NLE_NOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0, TASKSTATS_CMD_GET,
			 TASKSTATS_VERSION) ||
	    nla_put_u32(msg, TASKSTATS_CMD_ATTR_PID, (uint32_t)pid) < 0) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, stats_cb, &r);
	/* Reply and ack arrive as two datagrams: receive the reply, then wait for the ack. */
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err >= 0)
		err = nl_recvmsgs_default(sk);
	if (err >= 0)
		err = nl_wait_for_ack(sk);
	if (err < 0)
		return err;
	if (!r.got)
		return -NLE_NOATTR;

	printf("pid %u (%.*s) taskstats version %u\n", r.pid, (int)sizeof(r.ts.ac_comm),
	       r.ts.ac_comm, r.ts.version);
	printf("  cpu: ac_utime %llu us, ac_stime %llu us, cpu_count %llu, "
	       "cpu_delay_total %llu ns, cpu_run_real_total %llu ns\n",
	       (unsigned long long)r.ts.ac_utime, (unsigned long long)r.ts.ac_stime,
	       (unsigned long long)r.ts.cpu_count, (unsigned long long)r.ts.cpu_delay_total,
	       (unsigned long long)r.ts.cpu_run_real_total);
	printf("  io: read_bytes %llu, write_bytes %llu, read_char %llu, write_char %llu, "
	       "blkio_count %llu, blkio_delay_total %llu ns\n",
	       (unsigned long long)r.ts.read_bytes, (unsigned long long)r.ts.write_bytes,
	       (unsigned long long)r.ts.read_char, (unsigned long long)r.ts.write_char,
	       (unsigned long long)r.ts.blkio_count, (unsigned long long)r.ts.blkio_delay_total);
	printf("  mem: coremem %llu MB-us, virtmem %llu MB-us, hiwater_rss %llu KB, "
	       "hiwater_vm %llu KB\n",
	       (unsigned long long)r.ts.coremem, (unsigned long long)r.ts.virtmem,
	       (unsigned long long)r.ts.hiwater_rss, (unsigned long long)r.ts.hiwater_vm);
	return 0;
}

/* The child's workload: CPU, file I/O through a temporary file, memory. */
static void work(void)
{
	static char block[65536];
	volatile unsigned long x = 0;
	char path[] = "/tmp/taskstats-XXXXXX";
	FILE *f;
	char *mem;
	int fd, i;
	unsigned long n;

	for (n = 0; n < 30000000ul; n++)
		x += n;
	fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		f = fdopen(fd, "w+");
		for (i = 0; f && i < 16; i++)
			fwrite(block, 1, sizeof(block), f);
		if (f) {
			fflush(f);
			rewind(f);
			while (fread(block, 1, sizeof(block), f) > 0)
				;
			fclose(f);
		}
	}
	mem = malloc(8 << 20);
	if (mem) {
		memset(mem, 1, 8 << 20);
		free(mem);
	}
}

int main(int argc, char **argv)
{
	struct nl_sock *sk;
	pid_t child = -1, pid;
	int family, err, status = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sk = nl_socket_alloc();
	if (!sk || (err = genl_connect(sk)) < 0) {
		fprintf(stderr, "cannot connect a generic netlink socket\n");
		return 1;
	}
	family = genl_ctrl_resolve(sk, TASKSTATS_GENL_NAME);
	if (family < 0) {
		fprintf(stderr, "genl_ctrl_resolve(%s): %s\n", TASKSTATS_GENL_NAME,
			nl_geterror(family));
		nl_socket_free(sk);
		return 1;
	}
	printf("family %s id 0x%x\n", TASKSTATS_GENL_NAME, family);

	if (argc > 1) {
		pid = (pid_t)atoi(argv[1]);
		err = query(sk, family, pid);
	} else {
		child = fork();
		if (child == 0) {
			work();
			raise(SIGSTOP);
			_exit(0);
		}
		if (child < 0) {
			perror("fork");
			nl_socket_free(sk);
			return 1;
		}
		waitpid(child, &status, WUNTRACED);
		printf("child %d (after its workload):\n", (int)child);
		err = query(sk, family, child);
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		if (err >= 0) {
			printf("self %d:\n", (int)getpid());
			err = query(sk, family, getpid());
		}
	}
	if (err < 0)
		fprintf(stderr, "TASKSTATS_CMD_GET: %s\n", nl_geterror(err));
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
