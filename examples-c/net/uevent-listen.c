/*
 * uevent-listen.c - print kernel uevents (device add/remove/change ...)
 * from NETLINK_KOBJECT_UEVENT, using the libnl-3 core API only.
 *
 * Usage: uevent-listen [-t SECONDS] [-n COUNT]
 *   -t  stop after SECONDS (default 1 without arguments; otherwise run
 *       until SIGINT/SIGTERM, then print what is still queued and exit)
 *   -n  stop after COUNT events
 * Prints "listening" once subscribed, then per event a line
 *   event <action>@<devpath>
 * followed by its "  KEY=value" lines.
 *
 * Uevents are not netlink messages: each datagram is a "action@devpath"
 * header and NUL-separated KEY=value strings. So this reads raw datagrams
 * with nl_recv() instead of nl_recvmsgs(). Only messages from the kernel
 * (port 0) on group 1 are shown. Network device events go to the network
 * namespace that owns the device, so in "unshare -n" this sees exactly the
 * devices created there. Joining group 1 needs no privileges.
 *
 * Builds unchanged against libnlrs (-lnlrs) and Debian's libnl-3.
 */

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/errno.h>

#define KERNEL_GROUP 1 /* kernel events; udev rebroadcasts on group 2 */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Prints one uevent datagram; returns 1 if it was a kernel uevent. */
static int print_event(const unsigned char *buf, int len)
{
	const char *p = (const char *)buf, *end = (const char *)buf + len;
	size_t n = strnlen(p, (size_t)len);

	if (n == (size_t)len || !memchr(p, '@', n))
		return 0; /* no header: libudev's binary format, or garbage */
	printf("event %s\n", p);
	for (p += n + 1; p < end; p += n + 1) {
		n = strnlen(p, (size_t)(end - p));
		if (n > 0)
			printf("  %.*s\n", (int)n, p);
	}
	return 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	double seconds = argc == 1 ? 1 : -1, deadline;
	long max_events = -1, events = 0;
	struct nl_sock *sk;
	int opt, err;

	while ((opt = getopt(argc, argv, "t:n:")) != -1) {
		if (opt == 't') {
			seconds = atof(optarg);
		} else if (opt == 'n') {
			max_events = atol(optarg);
		} else {
			fprintf(stderr, "usage: uevent-listen [-t SECONDS] [-n COUNT]\n");
			return 2;
		}
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "uevent-listen: out of memory\n");
		return 1;
	}
	err = nl_connect(sk, NETLINK_KOBJECT_UEVENT);
	if (err >= 0)
		err = nl_socket_add_membership(sk, KERNEL_GROUP);
	/* Bursts of events (a new device brings its queues) need room. */
	if (err >= 0)
		err = nl_socket_set_buffer_size(sk, 1 << 20, 0);
	if (err < 0)
		goto out;
	printf("listening\n");
	fflush(stdout);

	deadline = seconds >= 0 ? now() + seconds : 0;
	while (max_events < 0 || events < max_events) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		struct sockaddr_nl peer;
		unsigned char *buf = NULL;
		int ms = 200, n;

		if (stop) {
			ms = 0; /* drain what is queued, then stop */
		} else if (seconds >= 0) {
			double left = deadline - now();

			if (left <= 0)
				break;
			if (left < 0.2)
				ms = (int)(left * 1000) + 1;
		}
		n = poll(&pfd, 1, ms);
		if (n <= 0) {
			if (stop)
				break;
			continue;
		}
		n = nl_recv(sk, &peer, &buf, NULL);
		if (n < 0) {
			err = n;
			break;
		}
		if (n > 0 && peer.nl_pid == 0 && print_event(buf, n))
			events++;
		free(buf);
		fflush(stdout);
	}
out:
	if (err < 0)
		fprintf(stderr, "uevent-listen: %s\n", nl_geterror(err));
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
